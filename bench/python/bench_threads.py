"""Measures what releasing the GIL buys: 2 threads parsing 2 large logs
at once vs one after the other. Not a test; prints a markdown table.

    python bench/python/bench_threads.py [--size-mb 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from typing import Any

import aptparse
from _corpus import big_input, find_cli


def best_of(repeat: int, fn: Callable[[], Any]) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def in_threads(fn: Callable[[bytes], Any], inputs: list[bytes]) -> None:
    threads = [threading.Thread(target=fn, args=(d,)) for d in inputs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size-mb", type=float, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    inputs = [big_input(args.size_mb, rotate=0), big_input(args.size_mb, rotate=7)]
    mb = sum(len(d) for d in inputs) / 1e6
    print(f"inputs: 2 x {len(inputs[0]) / 1e6:.1f} MB built from corpus/logs; "
          f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}; "
          f"aptparse {aptparse.__version__}; best of {args.repeat}\n")

    def stream(d: bytes) -> None:
        p = aptparse.Parser()
        view = memoryview(d)
        n = 0
        for i in range(0, len(d), 1 << 20):
            n += len(p.feed(view[i : i + (1 << 20)]))
        n += len(p.finish())

    def parse_all(d: bytes) -> None:
        for _ in aptparse.parse(d).transactions:  # each made on first access
            pass

    cases: list[tuple[str, Callable[[bytes], Any]]] = [
        ("C++ parse + report only (`_core._parse_stats`)", aptparse._core._parse_stats),
        ("`aptparse.parse()` -> Report", aptparse.parse),
        ("`aptparse.parse()` + every transaction made", parse_all),
        ("`Parser.feed()` in 1 MiB chunks", stream),
    ]
    print("| what | sequential (s) | 2 threads (s) | speedup | MB/s (2 threads) |")
    print("|---|---:|---:|---:|---:|")
    for name, fn in cases:
        # Sequential and threaded runs alternate, so that a change in the
        # machine's load affects both alike; the best of each is kept.
        seq = par = float("inf")
        for _ in range(args.repeat):
            seq = min(seq, best_of(1, lambda: [fn(d) for d in inputs]))
            par = min(par, best_of(1, lambda: in_threads(fn, inputs)))
        print(f"| {name} | {seq:.3f} | {par:.3f} | {seq / par:.2f}x | {mb / par:.0f} |",
              flush=True)

    cli = find_cli()
    if cli is not None:
        # Reference: two separate C++ processes (no state shared at all).
        paths = []
        for i, d in enumerate(inputs):
            path = os.path.join(tempfile.gettempdir(), f"aptparse-bench-{i}.log")
            with open(path, "wb") as f:
                f.write(d)
            paths.append(path)

        def run(path: str) -> subprocess.Popen[bytes]:
            return subprocess.Popen([str(cli), "--json", path],
                                    stdout=subprocess.DEVNULL)

        seq = par = float("inf")
        for _ in range(args.repeat):
            seq = min(seq, best_of(1, lambda: [run(p).wait() for p in paths]))
            par = min(par, best_of(1, lambda: [p.wait() for p in [run(q) for q in paths]]))
        print(f"| C++ CLI `--json`, 2 processes (reference) | {seq:.3f} | {par:.3f} "
              f"| {seq / par:.2f}x | {mb / par:.0f} |")
        for path in paths:
            os.unlink(path)

    # Is the GIL really released? Count a pure-Python loop's iterations
    # while another thread parses.
    def spin(seconds: float, stop: threading.Event | None = None) -> int:
        n, end = 0, time.perf_counter() + seconds
        while time.perf_counter() < end and not (stop and stop.is_set()):
            n += 1
        return n

    alone = spin(1.0)
    stop = threading.Event()
    def parse_then_stop() -> None:
        aptparse._core._parse_stats(inputs[0])
        stop.set()

    worker = threading.Thread(target=parse_then_stop)
    worker.start()
    t0 = time.perf_counter()
    during = spin(1.0, stop)
    elapsed = time.perf_counter() - t0
    worker.join()
    print(f"\nGIL check: a Python loop ran {during / elapsed / alone:.0%} as fast "
          "while another thread parsed (100% = the GIL is fully released)")


if __name__ == "__main__":
    main()
