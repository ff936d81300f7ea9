"""Measures aptparse.dask.read_logs on a fleet of real-shaped logs against
one process: issue #14 asks for a 2-worker LocalCluster near 2x the
single-process speed. Not a test; prints markdown tables.

    python bench/python/bench_dask.py [--root /var/tmp/dask-logs]
        [--files 10000] [--mb 2000] [--repeat 5] [--blocksize 64MiB]
        [--only 0,1,3] [--before OLD_DASK_PY]

The fleet (made once under --root, outside the repository; remade when
the parameters change; never commit it): --files logs, --mb MB of log text
in all, in host directories of ten files each, as /var/log holds them:
history.log, term.log, dpkg.log, their rotated .1.gz, and four console
captures (console-N.log). Each file is whole corpus logs of its kind
(corpus/logs/*history-log.log, *term-log.log, *dpkg-log.log; the console
captures: every other corpus log), appended in a rotating order until its
size, which varies (seeded) around the mean.

The workload is a typical fleet query: the number of package rows, and
the rows per (host, set). Two single-process baselines: what a user
writes without Dask, `records(parse_files(paths)).to_pandas()` and pandas'
groupby; and `read_logs(...)` on Dask's synchronous scheduler. Rows that
bring the whole frame to the client are shown apart: they measure moving
the rows between processes, not the query.

The LocalCluster runs as Dask starts it, and with settings that
read_logs' documentation suggests for long parses: its workers' statistical
profiler off (distributed.worker.profile.enabled: False); glibc's own malloc
trimming rather than the MALLOC_TRIM_THRESHOLD_=65536 that Dask's nannies
put in their workers' environment (distributed.nanny.pre-spawn-environ),
which makes every large buffer a fresh mmap (page faults, zeroed pages);
and both. Two LocalClusters of 2 threads in this process (processes=False:
a partition's files are read, parsed and tabulated without the GIL), as 2
workers of 1 thread and 1 worker of 2 threads: no nanny, no pickling, no
worker processes. Every cluster's
workers import aptparse.dask before the timing (the sync rows run in a
process that has). --before times another
revision's aptparse/dask.py (e.g. `git show main:bindings/python/aptparse/dask.py
> /tmp/dask_before.py`) on the same scheduler and cluster, interleaved with
this one: the cases after the others (--only takes their numbers too).
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import gc
import gzip
import importlib.util
import json
import multiprocessing
import os
import random
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import dask
import dask.utils
import distributed

import aptparse
import aptparse.dask
from _corpus import logs

SPAWN_ENV = "distributed.nanny.pre-spawn-environ"
TRIM = "MALLOC_TRIM_THRESHOLD_"

KINDS = {  # a host's files: name -> (corpus logs of its kind, gzipped)
    "history.log": ("*history-log.log", False),
    "history.log.1.gz": ("*history-log.log", True),
    "term.log": ("*term-log.log", False),
    "term.log.1.gz": ("*term-log.log", True),
    "dpkg.log": ("*dpkg-log.log", False),
    "dpkg.log.1.gz": ("*dpkg-log.log", True),
    **{f"console-{i}.log": ("console", False) for i in range(1, 5)},
}


class Stream:
    """The corpus logs of a kind end to end, repeated: a file is the bytes
    between two of their starts (whole logs only)."""

    def __init__(self, pattern: str, longest: int) -> None:
        if pattern == "console":
            special = {p for k, _ in KINDS.values() if k != "console" for p in logs(k)}
            parts = [p for p in logs() if p not in special]
        else:
            parts = logs(pattern)
        texts = [p.read_bytes() for p in parts]
        texts = [t if t.endswith(b"\n") else t + b"\n" for t in texts]
        self.count = len(texts)
        one = sum(map(len, texts))
        texts *= 2 + longest // one
        self.starts = [0]
        for t in texts:
            self.starts.append(self.starts[-1] + len(t))
        self.data = b"".join(texts)

    def take(self, first: int, size: int) -> bytes:
        lo = self.starts[first % self.count]
        hi = self.starts[bisect.bisect_left(self.starts, lo + size)]
        return self.data[lo:hi]


def make_fleet(root: Path, files: int, mb: float, seed: int = 14) -> list[str]:
    """The fleet's paths, sorted; made unless ``root`` holds this one."""
    params = {"files": files, "mb": mb, "seed": seed, "kinds": list(KINDS)}
    stamp = root / ".fleet.json"
    paths = []
    rng = random.Random(seed)
    mean = mb * 1e6 / files
    hosts = (files + len(KINDS) - 1) // len(KINDS)
    plan = []
    for i in range(files):
        name = list(KINDS)[i % len(KINDS)]
        size = int(mean * rng.uniform(0.25, 1.75))
        plan.append((root / f"host{i // len(KINDS):05d}" / name, name, size, rng.randrange(1 << 30)))
        paths.append(str(plan[-1][0]))
    if stamp.exists() and json.loads(stamp.read_text()) == params:
        return sorted(paths)
    shutil.rmtree(root, ignore_errors=True)
    longest = max(size for *_, size, _ in plan)
    streams = {k: Stream(k, longest) for k in {k for k, _ in KINDS.values()}}
    print(f"making {files} logs in {hosts} host directories under {root} ...", flush=True)
    for path, name, size, first in plan:
        pattern, gz = KINDS[name]
        data = streams[pattern].take(first, size)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(gzip.compress(data, 6, mtime=0) if gz else data)
    stamp.write_text(json.dumps(params))
    return sorted(paths)


def query(df: Any) -> Any:
    """The fleet query on a (pandas or Dask) frame: (rows, rows per host
    and set). split_out=1: the result is small, no shuffle."""
    kw = {} if isinstance(df, aptparse.dask.pd.DataFrame) else {"split_out": 1}
    return df.index.size, df.groupby(["host", "set"], observed=True).size(**kw)


def partitions(paths: list[str], budget: int) -> list[list[str]]:
    """The files of read_logs' partitions: in path order, up to ``budget``
    bytes on disk each (none of the fleet's files is split)."""
    groups: list[list[str]] = [[]]
    size = 0
    for p in paths:
        n = os.path.getsize(p)
        if groups[-1] and size + n > budget:
            groups.append([])
            size = 0
        groups[-1].append(p)
        size += n
    return groups


def partition_query(files: list[str]) -> Any:
    """One partition's query, computed without Dask's schedulers."""
    df = aptparse.dask.read_logs(files, blocksize=None).compute(scheduler="sync")
    return query(df)


def pool_query(pool: Any, groups: list[list[str]]) -> Any:
    """The fleet query over plain processes: the partitions' answers
    combined as Dask combines them."""
    parts = pool.map(partition_query, groups, chunksize=1)
    per = aptparse.dask.pd.concat([p for _, p in parts])
    return sum(n for n, _ in parts), per.groupby(level=[0, 1], observed=True).sum()


def trim_setting() -> Any:
    """A worker's MALLOC_TRIM_THRESHOLD_ (by client.run: os.environ.get
    itself would be pickled with this process's environment)."""
    return os.environ.get(TRIM)


def host_of(path: str) -> str:
    return os.path.basename(os.path.dirname(path))


def load_before(path: str) -> Any:
    """Another revision's aptparse/dask.py, as module aptparse._dask_before
    (its relative imports resolve in this aptparse)."""
    spec = importlib.util.spec_from_file_location("aptparse._dask_before", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", type=Path, default=Path("/var/tmp/dask-logs"))
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--mb", type=float, default=2000, help="MB of log text in all")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--blocksize", default="64MiB", help="read_logs(blocksize=)")
    ap.add_argument("--only", default="", help="comma-separated case numbers")
    ap.add_argument("--before", help="another revision's aptparse/dask.py, timed too")
    args = ap.parse_args()
    paths = make_fleet(args.root, args.files, args.mb)
    on_disk = sum(os.path.getsize(p) for p in paths)

    def read(module: Any = aptparse.dask) -> Any:
        return module.read_logs(str(args.root), blocksize=args.blocksize)

    def single() -> Any:
        df = aptparse.records(aptparse.parse_files(paths), host=host_of).to_pandas()
        return query(df)

    def on(scheduler: Any, module: Any = aptparse.dask) -> Callable[[], Any]:
        return lambda: dask.compute(*query(read(module)), scheduler=scheduler)

    def cluster(profile: bool = True, trim: bool = True, processes: bool = True,
                workers: int = 2, threads: int = 1) -> distributed.LocalCluster:
        """A 2-worker LocalCluster; the workers take the config they start
        with. trim=False: no MALLOC_TRIM_THRESHOLD_ in their environment
        (a nanny also puts it in this process's os.environ, which the next
        workers inherit: drop it there too)."""
        config: dict[str, Any] = {"distributed.worker.profile.enabled": profile}
        if not trim:
            config[f"{SPAWN_ENV}.{TRIM}"] = None
            os.environ.pop(TRIM, None)
        with dask.config.set(config):
            return distributed.LocalCluster(processes=processes, n_workers=workers,
                                            threads_per_worker=threads,
                                            dashboard_address=None)

    def client_of(c: distributed.LocalCluster, **kw: Any) -> distributed.Client:
        client = distributed.Client(c, **kw)
        client.run(importlib.import_module, "aptparse.dask")  # the workers' imports
        return client

    results: dict[str, Any] = {}
    times: dict[str, list[float]] = {}
    budget = dask.utils.parse_bytes(args.blocksize)
    # Each case's cluster (or Pool) runs only while that case is timed: five
    # idle clusters beside the timed one took 36 % of a core here (one: 10 %),
    # time the timed case lost on a 2-core machine.
    settings = {"default": {}, "quiet": {"profile": False}, "untrimmed": {"trim": False},
                "both": {"profile": False, "trim": False}, "threads": {"processes": False},
                "one-worker": {"processes": False, "workers": 1, "threads": 2}}

    @contextlib.contextmanager
    def started(kind: str) -> Any:
        """The case's scheduler: a warmed Client of a fresh cluster, or a Pool."""
        if kind == "pool":
            os.environ.pop(TRIM, None)  # a nanny's, inherited: plain processes have none
            pool = multiprocessing.get_context("spawn").Pool(2)
            pool.map(partition_query, partitions(paths, budget)[:2])  # imports
            try:
                yield pool
            finally:
                pool.terminate()
            return
        with cluster(**settings[kind]) as c, client_of(c) as client:
            profile = settings[kind].get("profile", True)
            assert all(bool(v) == profile for v in
                       client.run(dask.config.get, "distributed.worker.profile.enabled").values())
            if settings[kind].get("processes", True):
                trimmed = settings[kind].get("trim", True)
                assert all(bool(v) == trimmed for v in client.run(trim_setting).values())
            yield client

    def with_client(kind: str, module: Any = aptparse.dask) -> tuple[str, Callable[[Any], Any]]:
        return kind, lambda client: dask.compute(*query(read(module)), scheduler=client)

    def local(fn: Callable[[], Any]) -> tuple[None, Callable[[Any], Any]]:
        return None, lambda _: fn()

    cases: list[tuple[str, tuple[Any, Callable[[Any], Any]]]] = [
        ("one process: `records(parse_files(paths)).to_pandas()`, pandas groupby", local(single)),
        ("one process: `read_logs(...)`, Dask's sync scheduler", local(on("sync"))),
        ("threaded scheduler, 2 threads: `read_logs(...)`", local(on("threads"))),
        ("LocalCluster, 2 processes x 1 thread: `read_logs(...)`", with_client("default")),
        ("(whole frame to the client) one process: `records(...).to_pandas()`",
         local(lambda: len(aptparse.records(aptparse.parse_files(paths),
                                            host=host_of).to_pandas()))),
        ("(whole frame to the client) LocalCluster: `client.compute(read_logs(...))`",
         ("default", lambda client: len(client.compute(read()).result()))),
        ("(for comparison, no Dask) 2 processes of a multiprocessing.Pool, each partition `read_logs(files).compute(scheduler='sync')`",
         ("pool", lambda pool: pool_query(pool, partitions(paths, budget)))),
        ("LocalCluster, 2 processes x 1 thread, workers' profiler off: `read_logs(...)`",
         with_client("quiet")),
        ("LocalCluster, 2 processes x 1 thread, glibc's malloc trimming (no "
         f"{TRIM}=65536): `read_logs(...)`", with_client("untrimmed")),
        ("LocalCluster, 2 processes x 1 thread, profiler off and glibc's malloc trimming: "
         "`read_logs(...)`", with_client("both")),
        ("LocalCluster(processes=False), 2 workers x 1 thread in this process: "
         "`read_logs(...)`", with_client("threads")),
        ("LocalCluster(processes=False), 1 worker x 2 threads in this process: "
         "`read_logs(...)`", with_client("one-worker")),
    ]
    if args.before:
        before = load_before(args.before)
        cases += [
            (f"(before: {args.before}) Dask's sync scheduler", local(on("sync", before))),
            (f"(before: {args.before}) LocalCluster", with_client("default", before)),
            (f"(before: {args.before}) LocalCluster, workers' profiler off",
             with_client("quiet", before)),
            (f"(before: {args.before}) LocalCluster(processes=False), 2 workers x 1 thread",
             with_client("threads", before)),
        ]
    chosen = [int(i) for i in args.only.split(",")] if args.only else range(len(cases))
    cases = [cases[i] for i in chosen]
    load = [os.getloadavg()[0]]
    for _ in range(args.repeat):  # round-robin: load changes hit every case
        for name, (kind, fn) in cases:
            with started(kind) if kind else contextlib.nullcontext() as scheduler:
                gc.collect()
                t0 = time.perf_counter()
                results[name] = fn(scheduler)
                times.setdefault(name, []).append(time.perf_counter() - t0)
        load.append(os.getloadavg()[0])
    queries = [r for r in results.values() if isinstance(r, tuple)]
    for n, per in queries[1:]:  # every way gives the same answer
        assert n == queries[0][0], (n, queries[0][0])
        assert per.sort_index().equals(queries[0][1].sort_index())
    rows = queries[0][0] if queries else next(iter(results.values()))
    parts = f"{read().npartitions} partitions"
    if args.before:
        parts += f", before: {read(load_before(args.before)).npartitions}"
    print(f"### bench_dask.py --files {args.files} --mb {args.mb:g} (median of {args.repeat}, "
          f"blocksize {args.blocksize}, {parts}): {len(paths)} logs "
          f"in {len(paths) // len(KINDS)} host directories, {args.mb:g} MB of logs "
          f"({on_disk / 1e6:.0f} MB on disk, 3 in 10 .gz), {rows} package rows; "
          f"load average (1 min) {min(load):.1f}-{max(load):.1f}\n")
    print("| what | median (s) | runs (s) | speed-up over the first row | over Dask's sync |\n"
          "|---|---:|---|---:|---:|")
    names = [n for n, _ in cases]
    for name in names:
        # The sync row of the same revision.
        sync = next((n for n in names if "sync" in n and
                     n.startswith("(before") == name.startswith("(before")), None)
        base = names[0] if "(whole" not in name else next(n for n in names if "(whole" in n)
        med = statistics.median(times[name])
        runs = " ".join(f"{t:.2f}" for t in times[name])
        over_sync = (f"{statistics.median(times[sync]) / med:.2f}x"
                     if sync and "(whole" not in name else "")
        print(f"| {name} | {med:.2f} | {runs} | {statistics.median(times[base]) / med:.2f}x | "
              f"{over_sync} |")


if __name__ == "__main__":
    main()
