"""Measures aptparse.dask.read_logs on a fleet of real-shaped logs against
one process: issue #14 asks for a 2-worker LocalCluster near 2x the
single-process speed. Not a test; prints a markdown table.

The fleet: --files logs in --hosts directories, each log a run of corpus
logs (whole files, in a rotating order) of about --kb KB.

    python bench/python/bench_dask.py [--files 1000] [--kb 200] [--repeat 2]
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from pathlib import Path
from typing import Any

import distributed

import aptparse
import aptparse.dask
from _corpus import logs


def make_fleet(root: Path, files: int, hosts: int, kb: int) -> list[str]:
    parts = [p.read_bytes() for p in logs()]
    paths, k = [], 0
    for i in range(files):
        d = root / f"host{i % hosts:04d}"
        d.mkdir(exist_ok=True)
        out, size = [], 0
        while size < kb * 1000:
            out.append(parts[k % len(parts)])
            size += len(out[-1])
            k += 1
        path = d / f"apt-{i // hosts:03d}.log"
        path.write_bytes(b"".join(out))
        paths.append(str(path))
    return sorted(paths)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--hosts", type=int, default=100)
    ap.add_argument("--kb", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--blocksize", default="64MiB", help="read_logs(blocksize=)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_fleet(Path(tmp), args.files, args.hosts, args.kb)
        total = sum(Path(p).stat().st_size for p in paths)
        host = lambda p: Path(p).parent.name  # noqa: E731

        def upgraded_per_host(df: Any) -> Any:
            return df[df.set == "upgraded"].groupby("host", observed=True).size()

        def single() -> int:
            return len(aptparse.records(aptparse.parse_files(paths), host=host).to_pandas())

        def single_agg() -> int:
            df = aptparse.records(aptparse.parse_files(paths), host=host).to_pandas()
            return int(upgraded_per_host(df).sum())

        def read() -> Any:
            return aptparse.dask.read_logs(f"{tmp}/*/*.log", blocksize=args.blocksize)

        best: dict[str, float] = {}
        rows: dict[str, int] = {}
        with distributed.LocalCluster(processes=True, n_workers=2, threads_per_worker=1,
                                      dashboard_address=None) as cluster, \
                distributed.Client(cluster) as client:
            cases = [
                ("one process: `records(parse_files(paths)).to_pandas()`", single),
                ("threaded scheduler (2 threads): `read_logs(...).compute()`",
                 lambda: len(read().compute(scheduler="threads"))),
                ("LocalCluster, 2 processes x 1 thread: `read_logs(...).compute()`",
                 lambda: len(client.compute(read()).result())),
                ("one process: upgraded packages per host (pandas groupby)", single_agg),
                ("threaded scheduler: upgraded packages per host",
                 lambda: int(upgraded_per_host(read()).compute(scheduler="threads").sum())),
                ("LocalCluster: upgraded packages per host",
                 lambda: int(client.compute(upgraded_per_host(read())).result().sum())),
            ]
            for _ in range(args.repeat):
                for name, fn in cases:
                    gc.collect()
                    t0 = time.perf_counter()
                    rows[name] = fn()
                    best[name] = min(best.get(name, float("inf")), time.perf_counter() - t0)
        assert len({rows[n] for n, _ in cases[:3]}) == 1, rows
        assert len({rows[n] for n, _ in cases[3:]}) == 1, rows
        print(f"### bench_dask.py --files {args.files} --kb {args.kb} (best of "
              f"{args.repeat}, blocksize {args.blocksize}, {read().npartitions} partitions): {len(paths)} logs in {args.hosts} host directories, "
              f"{total / 1e6:.0f} MB, {rows[cases[0][0]]} package rows\n")
        print("| what | time (s) | MB/s | speed-up over one process |\n|---|---:|---:|---:|")
        for i, (name, _) in enumerate(cases):
            base = best[cases[0 if i < 3 else 3][0]]
            print(f"| {name} | {best[name]:.2f} | {total / 1e6 / best[name]:.0f} | "
                  f"{base / best[name]:.2f}x |")


if __name__ == "__main__":
    main()
