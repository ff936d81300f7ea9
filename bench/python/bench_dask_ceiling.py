"""The ceiling of a two-process speed-up for bench_dask.py's fleet query on
this machine: the same query on Dask's sync scheduler over the whole fleet
in one process, then over each half of the hosts in two independent
processes started at the same moment (no Dask cluster between them).

    chrt -f 10 python bench/python/bench_dask_ceiling.py all START
    chrt -f 10 python bench/python/bench_dask_ceiling.py a START &
    chrt -f 10 python bench/python/bench_dask_ceiling.py b START; wait

START is a Unix time a few seconds ahead, so that both halves begin their
query together after their imports. Each prints its half, files, package
rows and seconds; the ceiling is the whole run's time over the slower half's.
Needs the fleet that bench_dask.py makes under /var/tmp/dask-logs.
"""

import glob
import os
import sys
import time

import dask

import aptparse.dask

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_dask import query  # noqa: E402

half, start_at = sys.argv[1], float(sys.argv[2])
hosts = sorted(glob.glob("/var/tmp/dask-logs/*/"))
if half == "a":
    hosts = hosts[: len(hosts) // 2]
elif half == "b":
    hosts = hosts[len(hosts) // 2 :]
paths = [p for h in hosts for p in sorted(glob.glob(h + "*")) if os.path.isfile(p)]
while time.time() < start_at:
    time.sleep(0.01)
t0 = time.perf_counter()
rows, _ = dask.compute(*query(aptparse.dask.read_logs(paths, blocksize="64MiB")),
                       scheduler="sync")
print(half, len(paths), rows, round(time.perf_counter() - t0, 2), flush=True)
