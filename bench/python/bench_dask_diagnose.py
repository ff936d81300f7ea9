"""Where a 2-worker LocalCluster loses time against Dask's sync scheduler
on bench_dask.py's fleet query: measures that survive a loaded machine
(CPU seconds and per-task times rather than wall time alone). Not a test.

    chrt -f 10 python bench/python/bench_dask_diagnose.py [--root /var/tmp/dask-logs]
        [--rounds 2] [--blocksize 64MiB] [--untrimmed]

Each round runs the query once on the sync scheduler (each task timed by a
Dask callback) and once on the cluster (distributed's task stream), and
reads the CPU seconds of every thread of the client process (which runs the
scheduler and the nannies too) and of the workers, before and after, and the
minor page faults and user/system seconds of the sync run's process and of
each worker (/proc/PID/stat). It
prints per round: the wall times; the tasks' summed compute time in both
(by kind: the cluster's tasks slower than the same tasks alone mean the two
processes slow each other down: memory, caches, the cores' sharing); each
worker's busy time, its idle time before its first task, between tasks and
after its last one (the tail: the last partitions left to one worker); the
bytes the workers sent each other; and the CPU seconds by process and
thread (the worker's compute thread, its event loop, the profiler, ...).
"""

from __future__ import annotations

import argparse
import os
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import dask
import distributed
import psutil
from dask.callbacks import Callback

import aptparse.dask
from bench_dask import SPAWN_ENV, TRIM, make_fleet, query


def raise_priority(priority: int) -> int:
    """Puts the calling thread (run by client.run on a worker's event loop,
    by run_on_scheduler on the scheduler's) at SCHED_FIFO ``priority``."""
    os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(priority))
    return threading.get_native_id()


def thread_names() -> dict[int, str]:
    return {t.native_id or 0: t.name for t in threading.enumerate()}


def cpu(pid: int) -> dict[int, tuple[float, float]]:
    """Of each thread of a process: (seconds on a CPU, seconds runnable but
    waiting for one), from /proc/PID/task/TID/schedstat."""
    out = {}
    for t in psutil.Process(pid).threads():
        try:
            with open(f"/proc/{pid}/task/{t.id}/schedstat") as f:
                run, wait, _ = (int(x) for x in f.read().split())
        except OSError:
            continue
        out[t.id] = (run / 1e9, wait / 1e9)
    return out


def stat(pid: int) -> tuple[int, float, float]:
    """A process's (minor page faults, user seconds, system seconds), all
    threads, from /proc/PID/stat."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return int(fields[7]), int(fields[11]) / tick, int(fields[12]) / tick


def stat_delta(a: tuple[int, float, float], b: tuple[int, float, float]) -> str:
    return f"{(b[0] - a[0]) / 1e3:.1f}k faults, user {b[1] - a[1]:.2f} s, system {b[2] - a[2]:.2f} s"


def sched(pid: int) -> tuple[float, float]:
    """A process's (seconds on a CPU, seconds waiting for one), all threads."""
    per = cpu(pid).values()
    return sum(r for r, _ in per), sum(w for _, w in per)


class Timer(Callback):
    """Each task's compute time on a local scheduler, by key."""

    def __init__(self) -> None:
        super().__init__()
        self.times: dict[Any, float] = {}
        self.starts: dict[Any, float] = {}

    def _pretask(self, key: Any, dsk: Any, state: Any) -> None:
        self.starts[key] = time.perf_counter()

    def _posttask(self, key: Any, result: Any, dsk: Any, state: Any, worker_id: Any) -> None:
        self.times[key] = time.perf_counter() - self.starts.pop(key)


def prefix(key: Any) -> str:
    name = key[0] if isinstance(key, tuple) else key
    return str(name).rsplit("-", 1)[0]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", type=Path, default=Path("/var/tmp/dask-logs"))
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--mb", type=float, default=2000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--blocksize", default="64MiB")
    ap.add_argument("--control-priority", type=int, default=0,
                    help="SCHED_FIFO priority for the workers' and scheduler's event loops")
    ap.add_argument("--untrimmed", action="store_true",
                    help="workers without the nannies' MALLOC_TRIM_THRESHOLD_=65536")
    args = ap.parse_args()
    make_fleet(args.root, args.files, args.mb)
    if args.untrimmed:
        os.environ.pop(TRIM, None)

    def graph() -> Any:
        return query(aptparse.dask.read_logs(str(args.root), blocksize=args.blocksize))

    with dask.config.set({f"{SPAWN_ENV}.{TRIM}": None} if args.untrimmed else {}):
        local = distributed.LocalCluster(processes=True, n_workers=2, threads_per_worker=1,
                                         dashboard_address=None)
    with local as cluster, \
            distributed.Client(cluster) as client:
        workers = client.run(os.getpid)  # address -> pid
        me = os.getpid()
        if args.control_priority:
            client.run(raise_priority, args.control_priority)
            client.run_on_scheduler(raise_priority, args.control_priority)
        print(f"control priority {args.control_priority}, untrimmed: {args.untrimmed}, "
              f"profiler: {dask.config.get('distributed.worker.profile.enabled')}, "
              f"blocksize {args.blocksize}, load average {os.getloadavg()[0]:.1f}")
        for r in range(args.rounds):
            timer = Timer()
            t0, c0, s0 = time.perf_counter(), sched(me), stat(me)
            with timer:
                dask.compute(*graph(), scheduler="sync")
            c1, s1 = sched(me), stat(me)
            sync_wall, sync_cpu = time.perf_counter() - t0, (c1[0] - c0[0], c1[1] - c0[1])

            before = {pid: cpu(pid) for pid in [me, *workers.values()]}
            stats = {pid: stat(pid) for pid in workers.values()}
            t0 = time.perf_counter()
            with distributed.get_task_stream(client) as ts:
                dask.compute(*graph(), scheduler=client)
            wall = time.perf_counter() - t0
            print(f"\nround {r + 1}, sync process: {stat_delta(s0, s1)}")
            for a, pid in workers.items():
                print(f"round {r + 1}, worker {a}: {stat_delta(stats[pid], stat(pid))}")
            after = {pid: cpu(pid) for pid in [me, *workers.values()]}
            names = {pid: client.run(thread_names, workers=[a])[a] for a, pid in workers.items()}
            names[me] = thread_names()
            report(r, timer, sync_wall, sync_cpu, ts.data, wall, before, after, names,
                   workers, me)
            print(f"load average {os.getloadavg()[0]:.1f}", flush=True)


def report(r: int, timer: Timer, sync_wall: float, sync_cpu: tuple[float, float],
           stream: list[dict[str, Any]], wall: float,
           before: dict[int, dict[int, tuple[float, float]]],
           after: dict[int, dict[int, tuple[float, float]]],
           names: dict[int, dict[int, str]], workers: dict[str, int], me: int) -> None:
    print(f"\n## round {r + 1}: sync {sync_wall:.2f} s wall ({sync_cpu[0]:.2f} s on a CPU, "
          f"{sync_cpu[1]:.2f} s waiting for one), "
          f"cluster {wall:.2f} s wall: {sync_wall / wall:.2f}x")
    by_sync: dict[str, float] = defaultdict(float)
    for key, t in timer.times.items():
        by_sync[prefix(key)] += t
    by_cluster: dict[str, float] = defaultdict(float)
    busy: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    sent = 0
    for task in stream:
        for s in task["startstops"]:
            if s["action"] == "compute":
                by_cluster[prefix(task["key"])] += s["stop"] - s["start"]
                busy[task["worker"]].append((s["start"], s["stop"], prefix(task["key"])))
            elif s["action"] == "transfer":
                sent += task.get("nbytes", 0) or 0
    print("| task kind | sync (s) | cluster (s) | cluster/sync |\n|---|---:|---:|---:|")
    for p in sorted(set(by_sync) | set(by_cluster), key=lambda p: -by_sync.get(p, 0)):
        s, c = by_sync.get(p, 0.0), by_cluster.get(p, 0.0)
        print(f"| {p} | {s:.2f} | {c:.2f} | {c / s if s else 0:.3f} |")
    print(f"| all | {sum(by_sync.values()):.2f} | {sum(by_cluster.values()):.2f} | "
          f"{sum(by_cluster.values()) / max(sum(by_sync.values()), 1e-9):.3f} |")
    first = min(a for spans in busy.values() for a, _, _ in spans)
    last = max(b for spans in busy.values() for _, b, _ in spans)
    print(f"\ntasks' span {last - first:.2f} s of the {wall:.2f} s wall; "
          f"transfers: {sent / 1e3:.0f} kB")
    all_gaps: list[dict[tuple[str, str], list[float]]] = []
    big: list[tuple[float, float, str, str, str]] = []
    print("| worker | tasks | busy (s) | idle before first (s) | between tasks (s) | "
          "after last (s) |\n|---|---:|---:|---:|---:|---:|")
    for w, spans in sorted(busy.items()):
        spans.sort()
        # Tasks may overlap in the stream (a worker runs some on its event
        # loop): idle is the time that no task of the worker covers.
        gaps, end = [], spans[0][1]
        for (a, b, p), prev in zip(spans[1:], spans):
            if a > end:
                gaps.append((a - end, prev[2], p, end - first))
            end = max(end, b)
        idle = sum(g for g, *_ in gaps)
        print(f"| {w} | {len(spans)} | {end - spans[0][0] - idle:.2f} | "
              f"{spans[0][0] - first:.2f} | {idle:.2f} | "
              f"{last - end:.2f} |")
        big.extend((g, at, a, b, w) for g, a, b, at in gaps if g >= 0.05)
        by_pair: dict[tuple[str, str], list[float]] = defaultdict(list)
        for g, a, b, _ in gaps:
            by_pair[a, b].append(g)
        all_gaps.append(by_pair)
    print("\nthe gaps between a worker's tasks, by the tasks before and after them:")
    print("| before | after | count | sum (s) | largest (s) |\n|---|---|---:|---:|---:|")
    pairs: dict[tuple[str, str], list[float]] = defaultdict(list)
    for by_pair in all_gaps:
        for k, v in by_pair.items():
            pairs[k] += v
    for (a, b), gs in sorted(pairs.items(), key=lambda x: -sum(x[1])):
        print(f"| {a} | {b} | {len(gs)} | {sum(gs):.3f} | {max(gs):.3f} |")
    print("\ngaps of 50 ms or more: " + ", ".join(
        f"{g:.3f} s at {at:.2f} s ({a} -> {b}, {w[-5:]})" for g, at, a, b, w in sorted(big, key=lambda x: x[1])))
    print("\n| process | thread | on a CPU (s) | runnable, waiting for a CPU (s) |\n"
          "|---|---|---:|---:|")
    for pid, end in after.items():
        who = "client+scheduler" if pid == me else next(a for a, p in workers.items() if p == pid)
        used = {tid: (run - before[pid].get(tid, (0.0, 0.0))[0],
                      wait - before[pid].get(tid, (0.0, 0.0))[1])
                for tid, (run, wait) in end.items()}
        for tid, (run, wait) in sorted(used.items(), key=lambda x: -x[1][0]):
            if run >= 0.01 or wait >= 0.01:
                print(f"| {who} | {names[pid].get(tid, f'tid {tid}')} | {run:.2f} | {wait:.2f} |")
        print(f"| {who} | all | {sum(r for r, _ in used.values()):.2f} | "
              f"{sum(w for _, w in used.values()):.2f} |")


if __name__ == "__main__":
    main()
