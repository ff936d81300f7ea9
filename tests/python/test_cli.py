"""python -m aptparse behaves as the C++ CLI (src/cli/)."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LOG_IDS, LOGS, corpus_logs


def py_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "aptparse", *args],
                          input=stdin, capture_output=True, check=False)


def cpp_cli(cli: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(cli), *args], input=stdin, capture_output=True,
                          check=False)


def test_json_of_every_log_is_byte_identical(cli: Path) -> None:
    logs = [str(p) for p in corpus_logs()]
    assert logs
    for jobs in ("1", "2"):
        want = cpp_cli(cli, "--json", "-j", jobs, *logs)
        got = py_cli("--json", "-j", jobs, *logs)
        assert got.stdout == want.stdout
        assert got.returncode == want.returncode
        assert got.stderr == want.stderr


@pytest.mark.parametrize("log", LOGS[:5], ids=LOG_IDS[:5])
def test_stdin_and_unbuffered(log: Path, cli: Path) -> None:
    data = log.read_bytes()
    want = cpp_cli(cli, "--json", "--unbuffered", stdin=data)
    got = py_cli("--json", "--unbuffered", "-", stdin=data)
    assert (got.stdout, got.returncode) == (want.stdout, want.returncode)
    assert b'"source":"-"' in got.stdout or not got.stdout


def test_exit_status_and_errors(cli: Path, tmp_path: Path) -> None:
    log = next(p for p in corpus_logs()
               if cpp_cli(cli, "--json", str(p)).returncode == 0)
    empty = tmp_path / "empty.log"
    empty.write_bytes(b"")
    missing = str(tmp_path / "missing.log")
    cases = [
        [str(empty)],                      # 1: no transaction
        [str(log)],                        # 0
        [missing, str(log)],               # 2, and log still parsed
        [str(tmp_path), str(log)],         # a directory
        ["--json", missing],
        ["--max-line-bytes", "10", "--strict", str(log)],
        ["--max-line-bytes=64", "--json", str(log)],
        ["--bogus"], ["-j"], ["-j", "0"], ["-jx"], ["--json=1"],
        ["--jobs=2", "--json", str(log), str(log)],
        ["--", str(log)],
        ["-V"], ["--version"],
    ]
    for args in cases:
        want = cpp_cli(cli, *args)
        got = py_cli(*args)
        assert got.returncode == want.returncode, args
        assert got.stderr == want.stderr, args
        if "--json" in args or "-V" in args or "--version" in args:
            assert got.stdout == want.stdout, args
    assert py_cli(missing, str(log)).stderr == (
        f"aptparse: {missing}: No such file or directory\n".encode())


def test_help_is_the_same(cli: Path) -> None:
    assert py_cli("-h").stdout == cpp_cli(cli, "-h").stdout
    assert py_cli("--help").returncode == 0


def test_text_output_and_gzip(tmp_path: Path) -> None:
    log = corpus_logs()[0]
    r = py_cli(str(log))
    assert r.returncode in (0, 1)
    if r.returncode == 0:
        assert b"apt transaction" in r.stdout
    gz = tmp_path / "x.log.gz"
    gz.write_bytes(gzip.compress(log.read_bytes()))
    assert py_cli("--json", str(gz)).stdout.replace(str(gz).encode(), b"F") == \
        py_cli("--json", str(log)).stdout.replace(str(log).encode(), b"F")
