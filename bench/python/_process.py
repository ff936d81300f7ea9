"""Whole processes timed for the benchmarks: wall time, and the CPU time and
page faults that wait4 reports for a process and its threads."""

from __future__ import annotations

import os
import subprocess
import time


def timed(*argvs: list[str], ok: tuple[int, ...] = (0,)
          ) -> tuple[float, float, float, int]:
    """Runs the commands at once, stdout to /dev/null: wall s, user s,
    system s and minor faults, summed over them. An exit code not in `ok`
    ends the benchmark with the command and its code."""
    t0 = time.perf_counter()
    procs = [subprocess.Popen(a, stdout=subprocess.DEVNULL) for a in argvs]
    user = system = 0.0
    faults = 0
    for p in procs:
        _, status, ru = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode not in ok:
            raise SystemExit(f"{' '.join(p.args)} exited {p.returncode}")
        user, system = user + ru.ru_utime, system + ru.ru_stime
        faults += ru.ru_minflt
    return time.perf_counter() - t0, user, system, faults
