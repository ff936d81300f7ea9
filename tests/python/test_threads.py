"""Concurrency: the GIL is released while C++ parses, and a Parser is
guarded by a mutex."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import aptparse
from conftest import corpus_logs


def test_threads_parse_different_logs_like_sequential() -> None:
    logs = corpus_logs()
    assert logs
    datas = [p.read_bytes() * 20 for p in logs]
    sequential = [aptparse.parse(d) for d in datas]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(aptparse.parse, datas))
    assert parallel == sequential
    with ThreadPoolExecutor(max_workers=4) as pool:
        files = list(pool.map(aptparse.parse_file, logs))
    assert files == [aptparse.parse(p.read_bytes()) for p in logs]


def test_threads_stream_their_own_parsers() -> None:
    logs = corpus_logs()
    datas = [p.read_bytes() for p in logs]

    def stream(data: bytes) -> tuple[aptparse.Transaction, ...]:
        p = aptparse.Parser()
        out: list[aptparse.Transaction] = []
        for i in range(0, len(data), 97):
            out += p.feed(data[i : i + 97])
        return tuple(out + p.finish())

    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(stream, datas))
    assert got == [aptparse.parse(d).transactions for d in datas]


def test_one_parser_shared_by_threads() -> None:
    """Many threads feed whole logs into one Parser: nothing is lost or
    corrupted (each feed is atomic under the parser's mutex)."""
    log = next(p for p in corpus_logs() if aptparse.parse(p.read_bytes()).transactions)
    data = log.read_bytes()
    if not data.endswith(b"\n"):
        data += b"\n"
    parser = aptparse.Parser()
    results: list[aptparse.Transaction] = []
    lock = threading.Lock()
    barrier = threading.Barrier(6)

    def work() -> None:
        barrier.wait()
        for _ in range(50):
            done = parser.feed(data)
            with lock:
                results.extend(done)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    results += parser.finish()
    total = 6 * 50
    assert parser.stats.bytes == total * len(data)
    # Each feed is atomic, so the result is that of the logs back to back.
    expected = aptparse.parse(data * total).transactions
    assert len(results) == len(expected)

    def key(t: aptparse.Transaction) -> tuple[tuple[str, str], ...]:
        return tuple((name, p.name) for name, p in t.packages())

    assert sorted(map(key, results)) == sorted(map(key, expected))
