"""The API: types, errors, options, conversions, iteration helpers."""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
import os
import pickle
import re
import subprocess
import sys
import typing
from pathlib import Path

import pytest

import aptparse
from conftest import ROOT, corpus_logs


def _log_with_transactions(min_sets: int = 1) -> Path:
    for log in corpus_logs():
        r = aptparse.parse(log.read_bytes())
        if r.transactions and any(
            sum(1 for n in aptparse.SET_NAMES if t.set(n)) >= min_sets
            for t in r.transactions
        ):
            return log
    pytest.fail("no corpus log with transactions")


@pytest.fixture(scope="module")
def log() -> Path:
    return _log_with_transactions()


@pytest.fixture(scope="module")
def data(log: Path) -> bytes:
    return log.read_bytes()


# --- package metadata ----------------------------------------------------


def test_version_matches_version_h() -> None:
    header = (ROOT / "include/aptparse/version.h").read_text()
    m = re.search(r'#define APTPARSE_VERSION_STRING "([^"]+)"', header)
    assert m is not None
    assert aptparse.__version__ == m.group(1)
    assert aptparse._core.version() == m.group(1)


def test_installed_package_has_types() -> None:
    pkg = Path(aptparse.__file__).parent
    assert (pkg / "py.typed").exists()
    assert (pkg / "_core.pyi").exists()


def test_import_from_another_directory(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", "import aptparse; print(aptparse.parse(b'').stats)"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    )
    assert "Stats(" in out.stdout


# --- parse() ---------------------------------------------------------------


def test_parse_accepts_buffers(data: bytes) -> None:
    r = aptparse.parse(data)
    assert r.transactions
    assert aptparse.parse(bytearray(data)) == r
    assert aptparse.parse(memoryview(data)) == r
    assert aptparse.parse(memoryview(data).cast("B")) == r
    assert aptparse.parse(data.decode("utf-8", "surrogateescape")) == r
    assert aptparse.parse(data.decode("utf-8", "surrogateescape").encode()) == r


@pytest.mark.parametrize("bad", [None, 1, 1.5, ["a"], {"a": 1}, object()])
def test_parse_wrong_type_names_the_type(bad: object) -> None:
    with pytest.raises(TypeError, match=type(bad).__name__):
        aptparse.parse(bad)  # type: ignore[arg-type]


def test_parse_non_contiguous_buffer() -> None:
    with pytest.raises(ValueError, match="contiguous"):
        aptparse.parse(memoryview(b"abcdef")[::2])


@pytest.mark.parametrize(
    "kwargs, exc",
    [
        ({"max_line_bytes": 0}, ValueError),
        ({"max_line_bytes": -1}, ValueError),
        ({"max_line_bytes": "10"}, TypeError),
        ({"max_line_bytes": True}, TypeError),
        ({"strict": 1}, TypeError),
        ({"max_transactions": -1}, ValueError),
        ({"max_transactions": 2**64}, ValueError),
        ({"max_lines": 10}, TypeError),
    ],
)
def test_bad_options(kwargs: dict[str, object], exc: type[Exception]) -> None:
    name = next(iter(kwargs))
    with pytest.raises(exc, match=name):
        aptparse.parse(b"", **kwargs)  # type: ignore[arg-type]
    with pytest.raises(exc, match=name):
        aptparse.Parser(**kwargs)  # type: ignore[arg-type]
    with pytest.raises(exc, match=name):
        list(aptparse.iter_transactions(b"", **kwargs))  # type: ignore[arg-type]


def test_options_declared_as_the_core_checks_them() -> None:
    # aptparse.Options (for type checkers) names each option the C++ module
    # takes, with the type of its default (one of a Union's, for tz and
    # apt_runs, whose default is None).
    declared = typing.get_type_hints(aptparse.Options)
    core = aptparse._core.OPTION_DEFAULTS
    assert declared.keys() == core.keys()
    for name, default in core.items():
        hint = declared[name]
        if typing.get_origin(hint) is typing.Union:
            assert type(default) in typing.get_args(hint), name
        else:
            assert hint is type(default), name
    assert aptparse.Parser().options == core
    assert core["tz"] is None and core["apt_runs"] is None


def test_every_error_code_converts() -> None:
    # errc numbers skip a retired one (8): unknown_translation is 9. A list
    # under a header in no table gives it.
    r = aptparse.parse(b"Reading package lists...\nDie Zauberpakete:\n  foo bar\n")
    assert [d.code for d in _diagnostics(r)] == ["unknown_translation"]
    assert r.stats.unrecognized_lines == 2


def test_empty_input() -> None:
    r = aptparse.parse(b"")
    assert r.transactions == ()
    assert r.error is None
    assert r.stats == aptparse.Stats()


def _diagnostics(r: aptparse.Report) -> list[aptparse.Diagnostic]:
    return list(r.diagnostics) + [d for t in r.transactions for d in t.diagnostics]


def test_line_too_long_is_a_diagnostic(data: bytes) -> None:
    assert data.endswith(b"\n")
    long = data + b"x" * 5000 + b"\n"
    plain = aptparse.parse(data)
    before = _diagnostics(plain)
    r = aptparse.parse(long, max_line_bytes=1000)
    # The one diagnostic the long line can cause: it was cut to 1000 bytes.
    assert _diagnostics(r) == before + [
        aptparse.Diagnostic(
            code="line_too_long",
            line=plain.stats.lines + 1,  # lines end at \n, \r\n or \r
            offset=len(data),
            dropped=4000,
        )
    ]
    assert "max_line_bytes" in _diagnostics(r)[-1].message
    assert r.error is None


def test_strict_mode(data: bytes) -> None:
    plain = aptparse.parse(data)
    assert _diagnostics(plain) == []
    long = data + b"x" * 5000 + b"\n"
    r = aptparse.parse(long, max_line_bytes=1000, strict=True)
    assert r.error == aptparse.Status(
        code="strict_violation", line=plain.stats.lines + 1, offset=len(data)
    )
    p = aptparse.Parser(max_line_bytes=1000, strict=True)
    with pytest.raises(aptparse.ParseError) as e:
        p.feed(long)
        p.finish()
    assert e.value.line == r.error.line
    assert isinstance(e.value, ValueError)


def test_surrogateescape_roundtrip(data: bytes) -> None:
    r = aptparse.parse(data)
    name = next(p.name for _, p in r.transactions[0].packages()).encode()
    bad = data.replace(b" " + name + b" ", b" " + name + b"\xff\xfe ")
    bad = bad.replace(b" " + name + b"\n", b" " + name + b"\xff\xfe\n")
    t = aptparse.parse(bad).transactions[0]
    names = [p.name for _, p in t.packages()]
    weird = name.decode() + "\udcff\udcfe"
    assert weird in names
    js = t.to_json()
    assert "\\udcff\\udcfe" in js
    assert t.to_dict() == json.loads(js)
    # str input with the same surrogates is the same bytes.
    assert aptparse.parse(bad.decode("utf-8", "surrogateescape")).transactions[0] == t
    assert weird.encode("utf-8", "surrogateescape") == name + b"\xff\xfe"


# --- result objects ----------------------------------------------------------


def test_transaction_fields_cover_the_cpp_sets(data: bytes) -> None:
    t = aptparse.parse(data).transactions[0]
    fields = {f.name for f in dataclasses.fields(t)}
    assert set(aptparse.SET_NAMES) <= fields
    assert len(aptparse.SET_NAMES) >= 14
    for name in ("counts", "consistency", "sizes", "messages", "unrecognized_count",
                 "unrecognized", "diagnostics", "first_line", "last_line",
                 "first_offset", "end_offset", "complete"):
        assert name in fields
    assert t.consistency.verdict in ("consistent", "inconsistent", "no_counts")
    assert t.counts is None or isinstance(t.counts, aptparse.Counts)
    assert isinstance(t.sizes, aptparse.Sizes)
    d = t.to_dict()
    for name in aptparse.SET_NAMES:
        assert d[name] == [p.to_dict() for p in t.set(name)]
    with pytest.raises(KeyError):
        t.set("nope")


def test_objects_are_frozen_hashable_and_picklable(data: bytes) -> None:
    r = aptparse.parse(data)
    t = r.transactions[0]
    _, p = next(t.packages())
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.name = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.complete = False  # type: ignore[misc]
    assert p == dataclasses.replace(p)
    assert len({p, dataclasses.replace(p)}) == 1
    assert p != dataclasses.replace(p, name=p.name + "x")
    for obj in (r, t, p, t.consistency, t.sizes, r.stats):
        assert pickle.loads(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)) == obj
    assert {t: 1}[t] == 1


def test_reprs(data: bytes) -> None:
    r = aptparse.parse(data)
    t = r.transactions[0]
    _, p = next(t.packages())
    assert repr(p).startswith(f"Package({p.name!r}")
    assert p.name in str(p)
    assert repr(t).startswith("<Transaction lines ")
    assert "transaction(s)" in repr(r)
    parser = aptparse.Parser()
    assert "open" in repr(parser)
    pk = aptparse.Package("apt", arch="amd64", old="1", new="2")
    assert repr(pk) == "Package('apt', arch='amd64', old='1', new='2')"
    assert str(pk) == "apt:amd64 (1 -> 2)"
    assert pk.qualified_name == "apt:amd64"
    assert pk.to_dict() == {"name": "apt", "arch": "amd64", "old": "1", "new": "2"}


def test_hand_made_transaction_to_json() -> None:
    t = aptparse.Transaction(
        upgraded=(aptparse.Package("apt", old="1", new="2", purge=True,
                                   alternatives=("b",), reason="kept_back"),),
        counts=aptparse.Counts(upgraded=1),
        consistency=aptparse.Consistency("consistent"),
        sizes=aptparse.Sizes(disk_change=-5),
        messages=(aptparse.Message("warning", "careful\nnow", 3, 40),),
        diagnostics=(aptparse.Diagnostic("line_too_long", 2, 10, 7),),
        first_line=1, last_line=4, end_offset=99,
    )
    d = t.to_dict("src")
    assert d["source"] == "src"
    assert d["upgraded"] == [t.upgraded[0].to_dict()]
    assert d["sizes"]["disk_change"] == -5
    assert d["messages"][0] == {"level": "warning", "text": "careful\nnow",
                                "line": 3, "offset": 40}
    assert d["diagnostics"][0]["code"] == "line_too_long"
    with pytest.raises(ValueError):
        dataclasses.replace(t, consistency=aptparse.Consistency("bogus")).to_json()  # type: ignore[arg-type]
    if "line_prefix" in d:  # C++ libraries that detect CI line prefixes
        assert d["line_prefix"] is None
        assert dataclasses.replace(t, line_prefix="buildkit").to_dict()["line_prefix"] == "buildkit"
        with pytest.raises(ValueError):
            dataclasses.replace(t, line_prefix="bogus").to_json()


# --- Parser -----------------------------------------------------------------


def test_parser_feed_returns_completed_transactions(data: bytes) -> None:
    whole = aptparse.parse(data + data)
    p = aptparse.Parser()
    first = p.feed(data + data)
    rest = p.finish()
    assert tuple(first + rest) == whole.transactions
    # Two logs back to back: the first transaction completes in feed().
    assert len(first) >= 1
    assert p.stats.bytes == 2 * len(data)
    assert p.report().transactions == ()
    assert p.finished


def test_parser_misuse() -> None:
    p = aptparse.Parser()
    with pytest.raises(ValueError, match="before|after finish"):
        p.report()
    with pytest.raises(TypeError, match="int"):
        p.feed(42)  # type: ignore[arg-type]
    p.finish()
    with pytest.raises(ValueError, match="after finish"):
        p.feed(b"x")
    with pytest.raises(ValueError, match="twice"):
        p.finish()
    p.reset()
    assert not p.finished
    assert p.feed(b"") == []
    assert p.finish() == []
    with pytest.raises(TypeError):
        pickle.dumps(p)


def test_parser_options() -> None:
    p = aptparse.Parser(max_line_bytes=4096, strict=True)
    assert p.max_line_bytes == 4096
    assert p.strict
    assert p.options == {**aptparse._core.OPTION_DEFAULTS,
                         "max_line_bytes": 4096, "strict": True}
    assert p.error is None


# --- parse_file -----------------------------------------------------------------


def test_parse_file_errors(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(FileNotFoundError):
        aptparse.parse_file(tmp_path / "missing.log")
    with pytest.raises(IsADirectoryError):
        aptparse.parse_file(tmp_path)
    with pytest.raises(TypeError, match="int"):
        aptparse.parse_file(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        aptparse.parse_file(tmp_path, chunk_size=0)
    gz = tmp_path / "cut.log.gz"
    whole = gzip.compress(data * 50)
    gz.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(aptparse.TruncatedFileError, match="cut.log.gz") as e:
        aptparse.parse_file(gz)
    assert isinstance(e.value, EOFError)
    assert isinstance(e.value, aptparse.ParseError)
    bad = tmp_path / "bad.gz"
    bad.write_bytes(b"\x1f\x8b" + b"\x00" * 40)
    with pytest.raises(aptparse.ParseError, match="bad.gz"):
        aptparse.parse_file(bad)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable files")
def test_parse_file_permission(tmp_path: Path) -> None:
    f = tmp_path / "secret.log"
    f.write_bytes(b"x\n")
    f.chmod(0)
    with pytest.raises(PermissionError):
        aptparse.parse_file(f)


def test_parse_file_reads_gzip_members_in_chunks(tmp_path: Path,
                                                 data: bytes) -> None:
    # Several gzip members (``cat a.gz b.gz``), read in small chunks by the
    # C++ reader that the CLI uses (io/log_reader.h).
    f = tmp_path / "big.log.gz"
    f.write_bytes(gzip.compress(data * 10) + gzip.compress(data * 10))
    assert aptparse.parse_file(f, chunk_size=1024) == aptparse.parse(data * 20)
    f.write_bytes(gzip.compress(data) + b"junk")
    with pytest.raises(aptparse.ParseError, match="big.log.gz: trailing garbage"):
        aptparse.parse_file(f)


def test_max_transactions(log: Path, tmp_path: Path) -> None:
    three = log.read_bytes() * 3
    whole = aptparse.parse(three, max_transactions=1)
    assert len(whole.transactions) == 1
    assert whole.dropped_transactions >= 1
    f = tmp_path / "three.log"
    f.write_bytes(three)
    assert aptparse.parse_file(f, max_transactions=1) == whole


# --- iter_transactions ----------------------------------------------------------


def test_iter_transactions_sources(log: Path, data: bytes) -> None:
    want = aptparse.parse(data).transactions
    text = data.decode("utf-8", "surrogateescape")
    assert tuple(aptparse.iter_transactions(io.BytesIO(data))) == want
    assert tuple(aptparse.iter_transactions(data)) == want
    assert tuple(aptparse.iter_transactions(text)) == want
    assert tuple(aptparse.iter_transactions(iter(data.splitlines(True)))) == want
    lines = text.splitlines(True)
    assert tuple(aptparse.iter_transactions(lines)) == want
    if b"\r" not in data:  # text mode translates lone \r and \r\n
        with open(log, encoding="utf-8", errors="surrogateescape") as f:
            assert tuple(aptparse.iter_transactions(f)) == want
    with subprocess.Popen(["cat", str(log)], stdout=subprocess.PIPE) as proc:
        assert proc.stdout is not None
        assert tuple(aptparse.iter_transactions(proc.stdout)) == want
    with subprocess.Popen(["cat", str(log)], stdout=subprocess.PIPE) as proc:
        assert tuple(aptparse.iter_transactions(proc)) == want


def test_iter_transactions_is_incremental(data: bytes) -> None:
    """A transaction comes out before the pipe is closed."""
    code = (
        "import sys\n"
        f"sys.stdout.buffer.write(open({str(_log_with_transactions())!r}, 'rb').read() * 2)\n"
        "sys.stdout.flush()\n"
        "sys.stdin.read()\n"  # wait until the test closes our stdin
    )
    with subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE) as proc:
        it = aptparse.iter_transactions(proc.stdout)
        first = next(it)  # would block forever if we waited for EOF
        assert isinstance(first, aptparse.Transaction)
        assert proc.stdin is not None
        proc.stdin.close()
        list(it)


def test_iter_transactions_wrong_types() -> None:
    with pytest.raises(TypeError, match="int"):
        list(aptparse.iter_transactions(42))
    with pytest.raises(TypeError, match="int"):
        list(aptparse.iter_transactions([b"a\n", 3]))


def test_apt_get_simulate_if_available() -> None:
    """The issue's example, on this machine: apt-get -s upgrade."""
    import shutil

    if shutil.which("apt-get") is None:
        pytest.skip("no apt-get here")
    with subprocess.Popen(["apt-get", "-s", "upgrade"], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, env={**os.environ, "LC_ALL": "C"}) as proc:
        ts = list(aptparse.iter_transactions(proc.stdout))
    for t in ts:
        assert t.consistency.verdict in ("consistent", "no_counts", "inconsistent")


def test_gc_state_is_restored(data: bytes) -> None:
    """The cyclic GC is paused while results are converted, then restored."""
    import gc

    assert gc.isenabled()
    aptparse.parse(data)
    assert gc.isenabled()
    gc.disable()
    try:
        aptparse.parse(data)
        p = aptparse.Parser()
        p.feed(data)
        p.finish()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_feed_json_returns_bytes_and_follows_the_parser_rules() -> None:
    p = aptparse.Parser()
    assert p.feed_json(b"Reading package lists...\n") == b""
    out = p.finish_json("x.log")
    assert isinstance(out, bytes)
    with pytest.raises(ValueError, match="after finish"):
        p.feed_json(b"more")
    with pytest.raises(ValueError, match="twice"):
        p.finish_json()
    with pytest.raises(TypeError):
        aptparse.Parser().feed_json(12)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        aptparse.Parser().feed_json(b"", 12)  # type: ignore[arg-type]


def test_the_model_fields_are_the_library_sets_and_counts() -> None:
    # The C++ library names its sets and counts once (events.h); the
    # dataclasses must carry exactly those fields, in that order.
    from aptparse import _core

    fields = [f.name for f in dataclasses.fields(aptparse.Transaction)]
    assert tuple(fields[: len(_core.SET_NAMES)]) == _core.SET_NAMES
    assert fields[len(_core.SET_NAMES)] == "counts"
    counts = tuple(f.name for f in dataclasses.fields(aptparse.Counts))
    assert counts == _core.COUNT_NAMES
    t = aptparse.parse(
        b"The following packages will be upgraded:\n  a\n"
        b"1 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n"
    ).transactions[0]
    d = t.to_dict()
    assert [k for k in d if k in _core.SET_NAMES] == list(_core.SET_NAMES)
    assert tuple(d["counts"]) == _core.COUNT_NAMES
