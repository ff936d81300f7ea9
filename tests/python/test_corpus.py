"""Every real log of corpus/logs: Python == C++ CLI, streaming == whole."""

from __future__ import annotations

import gzip
import json
import pickle
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aptparse
from conftest import CORPUS, LOG_IDS, LOGS, corpus_logs


def test_corpus_is_not_empty() -> None:
    assert CORPUS.is_dir(), f"{CORPUS} is missing"
    assert corpus_logs(), f"{CORPUS} holds no *.log file"


@pytest.mark.parametrize("log", LOGS, ids=LOG_IDS)
def test_json_matches_cpp_cli(log: Path, cli: Path) -> None:
    expected = subprocess.run(
        [str(cli), "--json", str(log)], capture_output=True, check=False
    )
    assert expected.returncode in (0, 1), expected.stderr
    report = aptparse.parse(log.read_bytes())
    got = "".join(t.to_json(str(log)) + "\n" for t in report.transactions)
    assert got.encode() == expected.stdout


@pytest.mark.parametrize("log", LOGS, ids=LOG_IDS)
def test_objects_roundtrip(log: Path) -> None:
    data = log.read_bytes()
    report = aptparse.parse(data)
    assert report.stats.bytes == len(data)
    assert pickle.loads(pickle.dumps(report)) == report
    assert hash(pickle.loads(pickle.dumps(report))) == hash(report)
    json.dumps(report.to_dict())  # plain values only
    for t in report.transactions:
        assert t.to_dict() == json.loads(t.to_json())
        assert t.to_dict("x")["source"] == "x"
        for name, p in t.packages():
            assert p in t.set(name)
            assert p.to_dict() in [q for q in t.to_dict()[name]]
            assert eval(repr(p), {"Package": aptparse.Package}) == p
    # str input (as decoded with surrogateescape) gives the same report.
    assert aptparse.parse(data.decode("utf-8", "surrogateescape")) == report
    assert aptparse.parse(bytearray(data)) == report
    assert aptparse.parse(memoryview(data)) == report


def _split(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts})
    chunks, start = [], 0
    for p in points:
        chunks.append(data[start:p])
        start = p
    chunks.append(data[start:])
    return chunks


def _stream(data: bytes, chunks: list[bytes]) -> aptparse.Report:
    p = aptparse.Parser()
    done: list[aptparse.Transaction] = []
    for c in chunks:
        done += p.feed(c)
    done += p.finish()
    rest = p.report()
    return aptparse.Report(
        transactions=tuple(done),
        unrecognized_count=rest.unrecognized_count,
        unrecognized=rest.unrecognized,
        diagnostics=rest.diagnostics,
        dropped_transactions=rest.dropped_transactions,
        stats=rest.stats,
        error=rest.error,
    )


@pytest.mark.parametrize("log", LOGS, ids=LOG_IDS)
def test_streaming_equals_whole(log: Path) -> None:
    data = log.read_bytes()
    whole = aptparse.parse(data)
    # Byte by byte (the harshest split), then hypothesis' split points.
    assert _stream(data, [data[i : i + 1] for i in range(len(data))]) == whole

    @settings(max_examples=20, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.integers(min_value=0, max_value=max(len(data), 1)),
                    max_size=40))
    def check(cuts: list[int]) -> None:
        assert _stream(data, _split(data, cuts)) == whole

    check()


@pytest.mark.parametrize("log", LOGS, ids=LOG_IDS)
def test_parse_file_equals_parse(log: Path, tmp_path: Path) -> None:
    whole = aptparse.parse(log.read_bytes())
    assert aptparse.parse_file(log) == whole
    assert aptparse.parse_file(str(log), chunk_size=13) == whole
    gz = tmp_path / (log.name + ".gz")
    gz.write_bytes(gzip.compress(log.read_bytes()))
    assert aptparse.parse_file(gz, chunk_size=4096) == whole


@pytest.mark.parametrize("log", LOGS, ids=LOG_IDS)
def test_iter_transactions_equals_parse(log: Path) -> None:
    data = log.read_bytes()
    whole = aptparse.parse(data).transactions
    with open(log, "rb") as f:
        assert tuple(aptparse.iter_transactions(f, chunk_size=100)) == whole
    assert tuple(aptparse.iter_transactions(data.splitlines(keepends=True))) == whole


@pytest.mark.parametrize("log", LOGS, ids=LOG_IDS)
def test_feed_json_equals_to_json_of_fed_transactions(log: Path) -> None:
    data = log.read_bytes()
    source = log.name.encode()
    objects = aptparse.Parser()
    expected = b""
    for i in range(0, len(data), 997):
        for t in objects.feed(data[i:i + 997]):
            expected += t.to_json(source).encode() + b"\n"
    for t in objects.finish():
        expected += t.to_json(source).encode() + b"\n"
    lines = aptparse.Parser()
    got = b"".join(lines.feed_json(data[i:i + 997], source)
                   for i in range(0, len(data), 997))
    got += lines.finish_json(source)
    assert got == expected
    assert lines.stats == objects.stats
    assert lines.report() == objects.report()
