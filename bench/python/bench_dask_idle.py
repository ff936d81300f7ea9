"""CPU that idle LocalClusters take from a benchmark's timed case: starts
five 2-worker clusters (as bench_dask.py did before each case got its own),
measures the CPU seconds of this process and its children over 10 s with no
task running, closes four and measures again. Not a test.

    python bench/python/bench_dask_idle.py
"""

import importlib
import time

import dask
import distributed
import psutil


def tree_cpu() -> float:
    """User and system seconds of this process and its children."""
    me = psutil.Process()
    total = 0.0
    for p in [me, *me.children(recursive=True)]:
        try:
            c = p.cpu_times()
            total += c.user + c.system
        except psutil.Error:
            pass
    return total


def share(seconds: float = 10) -> float:
    """The part of one core the process tree used over ``seconds``."""
    a = tree_cpu()
    time.sleep(seconds)
    return (tree_cpu() - a) / seconds


def main() -> None:
    clusters = []
    for profile in (True, False, True, False):
        with dask.config.set({"distributed.worker.profile.enabled": profile}):
            clusters.append(distributed.LocalCluster(n_workers=2, threads_per_worker=1,
                                                     dashboard_address=None))
    clusters.append(distributed.LocalCluster(processes=False, n_workers=2,
                                             threads_per_worker=1, dashboard_address=None))
    clients = [distributed.Client(c, set_as_default=False) for c in clusters]
    for c in clients:
        c.run(importlib.import_module, "aptparse.dask")
    time.sleep(3)
    print(f"5 idle clusters: {share() * 100:.1f}% of a core")
    for client in clients[1:]:
        client.close()
    for cluster in clusters[1:]:
        cluster.close()
    time.sleep(3)
    print(f"1 idle cluster: {share() * 100:.1f}% of a core")
    clients[0].close()
    clusters[0].close()


if __name__ == "__main__":
    main()
