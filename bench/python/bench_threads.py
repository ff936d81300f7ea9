"""Measures what releasing the GIL buys: 2 threads parsing 2 large logs
at once vs one after the other. Not a test; prints a markdown table.

    python bench/python/bench_threads.py [--size-mb 100] [--repeat 3]
    python bench/python/bench_threads.py --cli-files 8 --size-mb 100 --runs 5 \
        [--cli LABEL=PATH ...] [--data-dir DIR]

With --cli-files, only the C++ CLI's `-j` (the Python package is not
needed): N files of dense plans (corpus/logs/*dense*-v-s.log, each starting
at another log), `--json` to /dev/null, run with -j 1, with -j 2 and as two
independent processes of N/2 files each, every CLI in turn within a round;
the medians of --runs: wall time, CPU time (user + system of the processes
and their threads, from wait4) and minor page faults. The inputs go to a
temporary directory, or are kept in (and reused from) --data-dir.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from typing import Any

from _corpus import big_input, find_cli
from _process import timed


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


def dense_inputs(n: int, mb: float, data_dir: str | None) -> list[str]:
    """N dense-plan files of `mb` MB, made in `data_dir` unless there."""
    paths = []
    for i in range(n):
        paths.append(os.path.join(data_dir, f"dense-{mb:g}MB-{i}.log"))
        if not os.path.exists(paths[-1]):
            with open(paths[-1], "wb") as f:
                f.write(big_input(mb, pattern="*dense*-v-s.log", rotate=i))
    return paths


def cli_timed(*argvs: list[str]) -> tuple[float, float, float, int]:
    """timed(), where aptparse's exit code 1 (no transaction) is a result."""
    return timed(*argvs, ok=(0, 1))


def cli_jobs(n: int, mb: float, runs: int, clis: list[str],
             data_dir: str | None) -> None:
    """The -j table (see the module's docstring)."""
    keep = data_dir is not None
    data_dir = data_dir or tempfile.mkdtemp(prefix="aptparse-bench-")
    os.makedirs(data_dir, exist_ok=True)
    paths = dense_inputs(n, mb, data_dir)
    labels = [c.split("=", 1) for c in clis] or [["CLI", str(find_cli())]]
    half = n // 2
    ways = {
        "-j 1": lambda c: cli_timed([c, "-j", "1", "--json", *paths]),
        "-j 2": lambda c: cli_timed([c, "-j", "2", "--json", *paths]),
        "2 processes": lambda c: cli_timed([c, "-j", "1", "--json", *paths[:half]],
                                       [c, "-j", "1", "--json", *paths[half:]]),
    }
    load = os.getloadavg()[0]
    got: dict[tuple[str, str], list[tuple[float, float, float, int]]] = {}
    for _ in range(runs):
        for label, cli in labels:
            for way, fn in ways.items():
                got.setdefault((label, way), []).append(fn(cli))
    print(f"### `aptparse --json` over {n} files of {mb:g} MB of dense plans, "
          f"> /dev/null: median of {runs}\n")
    print(f"Load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; "
          f"{os.cpu_count()} cores.\n")
    print("| CLI | -j 1 (s) | -j 2 (s) | 2 processes (s) | -j 2 speedup | 2 processes speedup |")
    print("|---|---:|---:|---:|---:|---:|")
    med = {k: [statistics.median(col) for col in zip(*v)] for k, v in got.items()}
    for label, _ in labels:
        j1, j2, p2 = (med[(label, w)][0] for w in ways)
        print(f"| {label} | {j1:.3f} | {j2:.3f} | {p2:.3f} | {j1 / j2:.2f}x | {j1 / p2:.2f}x |")
    print("\n| CLI | way | CPU s (user + sys) | user s | sys s | minor faults |")
    print("|---|---|---:|---:|---:|---:|")
    for label, _ in labels:
        for way in ways:
            _, user, system, faults = med[(label, way)]
            cpu = statistics.median(u + s for _, u, s, _ in got[(label, way)])
            print(f"| {label} | {way} | {cpu:.3f} | {user:.3f} | {system:.3f} | {faults:,.0f} |")
    if not keep:
        for path in paths:
            os.unlink(path)
        os.rmdir(data_dir)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size-mb", type=float, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cli-files", type=int, default=0,
                    help="only the CLI -j table, over this many files")
    ap.add_argument("--runs", type=int, default=5, help="with --cli-files")
    ap.add_argument("--cli", action="append", default=[],
                    help="LABEL=PATH: a CLI to compare (with --cli-files)")
    ap.add_argument("--data-dir", help="with --cli-files: keep the inputs here")
    args = ap.parse_args()
    if args.cli_files:
        cli_jobs(args.cli_files, args.size_mb, args.runs, args.cli, args.data_dir)
        return

    import aptparse  # only the GIL table needs the Python package

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
