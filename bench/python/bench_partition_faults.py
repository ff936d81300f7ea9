"""The page faults of one read_logs partition, step by step, in one process:
what a Dask nanny's worker (started with MALLOC_TRIM_THRESHOLD_=65536)
pays against a plain process. Not a test.

    python bench/python/bench_partition_faults.py [--root /var/tmp/dask-logs]
        [--rounds 4] [--partitions 2] [--blocksize 64MiB]
    MALLOC_TRIM_THRESHOLD_=65536 python bench/python/bench_partition_faults.py

The variable must be in the environment when the process starts (glibc
reads it once). Each round runs, for each of the first ``--partitions``
partitions of the fleet (in path order, ``--blocksize`` bytes of text each,
as read_logs groups whole files), the steps of read_logs' partition task
(aptparse.dask._partition) and the fleet query on its frame, and prints per
step the minor page faults and the user and system CPU seconds
(getrusage). Round 1 grows the heap; the later rounds are what a worker
that has run partitions before pays.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path
from typing import Any

import fsspec

import aptparse.dask as ad
from aptparse import _records
from bench_dask import make_fleet, query


class Steps:
    """Faults and CPU seconds per named step, summed over a round."""

    def __init__(self) -> None:
        self.sums: dict[str, list[float]] = {}
        self.last = self._now()

    @staticmethod
    def _now() -> tuple[float, float, float, float]:
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_minflt, r.ru_utime, r.ru_stime, time.perf_counter()

    def mark(self, name: str) -> None:
        now = self._now()
        s = self.sums.setdefault(name, [0.0, 0.0, 0.0, 0.0])
        for i in range(4):
            s[i] += now[i] - self.last[i]
        self.last = now


def run(groups: list[list[str]], fs: Any, steps: Steps) -> None:
    """_partition's steps (every file whole), then the query."""
    for files in groups:
        steps.last = steps._now()
        parts: list[Any] = []
        for path in files:
            report, _ = ad._read(fs, path, None, None, 0, -1, -1, {})
            parts += _records._parts(report, path, ad._host_of(None)(path))
        steps.mark("parse")
        table = ad.Records("packages", parts).to_arrow()
        steps.mark("records to_arrow")
        frame = ad._to_frame(ad.pa.concat_tables([table]).unify_dictionaries())
        steps.mark("to pandas")
        del table, parts
        steps.mark("free reports")
        query(frame)
        steps.mark("query")
        del frame
        steps.mark("free frame")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", type=Path, default=Path("/var/tmp/dask-logs"))
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--mb", type=float, default=2000)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--partitions", type=int, default=2)
    ap.add_argument("--blocksize", default="64MiB")
    args = ap.parse_args()
    paths = make_fleet(args.root, args.files, args.mb)
    limit = ad.dask.utils.parse_bytes(args.blocksize)
    fs = fsspec.filesystem("file")
    groups: list[list[str]] = [[]]
    used = 0
    for p in paths:
        n = os.path.getsize(p)
        if groups[-1] and used + n > limit:
            if len(groups) == args.partitions:
                break
            groups.append([])
            used = 0
        groups[-1].append(p)
        used += n
    print(f"MALLOC_TRIM_THRESHOLD_={os.environ.get('MALLOC_TRIM_THRESHOLD_')}, "
          f"{len(groups)} partitions of {[len(g) for g in groups]} files, "
          f"load average {os.getloadavg()[0]:.1f}")
    print("| round | step | minor faults | user s | system s | wall s |\n|---:|---|---:|---:|---:|---:|")
    for r in range(args.rounds):
        steps = Steps()
        run(groups, fs, steps)
        total = [sum(s[i] for s in steps.sums.values()) for i in range(4)]
        for name, (f, u, s, w) in [*steps.sums.items(), ("all", total)]:
            print(f"| {r + 1} | {name} | {f:.0f} | {u:.3f} | {s:.3f} | {w:.3f} |")
    r = resource.getrusage(resource.RUSAGE_SELF)
    print(f"max RSS {r.ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
