"""Issue #15's table: the whole aptparse process on 1 GB of dense plans,
beside the usual tools. Not a test; prints a markdown table.

    chrt -f 10 python3 bench/python/bench_cli_dense.py \
        --build "main 8a85623=/var/tmp/cli6-8a85623/build-bench" \
        --build "cli6=build-bench" [--runs 5] [--data-dir DIR | --input FILE]

Every row is one whole process (start-up, reading, parsing, writing to
/dev/null), on a hot cache, on one core:
  cat FILE > /dev/null
  memchr line count       stream_rss lines FILE (read(2) in 1 MiB chunks)
  mawk script             mawk -f bench/classify_plans.awk FILE
  aptparse, events only   stream_rss event FILE      (each --build)
  aptparse --json         BUILD/src/aptparse --json FILE  (each --build)
  naive C++ parser        stream_rss naive FILE (RE2 FullMatch per line)
Within a round every row runs once, in this order; --runs rounds, medians
of wall time and of CPU time (user + system, from wait4). The yardsticks
(memchr, naive) come from the last --build, whose stream_rss has those
modes. The input is DIR/dense-1000MB.log, made by that build's
make_inputs (the `dense` family of bench/bench_common.cpp: large real -V
plans from the corpus, repeated) unless it is there; --input takes any file.
Run it under `chrt -f 10` (as root) so that other work on the machine
does not take the core in the middle of a row; the table says whether it
was.
"""

from __future__ import annotations

import argparse
import os
import shutil
import stat
import statistics
import subprocess
import tempfile
from pathlib import Path

from _process import timed

ROOT = Path(__file__).resolve().parents[2]
AWK = ROOT / "bench" / "classify_plans.awk"


def dense_input(build: Path, data_dir: str, mb: int) -> str:
    """DIR/dense-<mb>MB.log, made by the build's make_inputs if missing."""
    path = os.path.join(data_dir, f"dense-{mb}MB.log")
    if not os.path.exists(path):
        subprocess.run([str(build / "bench" / "make_inputs"), data_dir,
                        "--family=dense", f"--family-mb={mb}"],
                       check=True, stdout=subprocess.DEVNULL)
    return path


def rows(builds: list[tuple[str, Path]], path: str) -> list[tuple[str, list[str]]]:
    """(row name, argv) in the table's order."""
    tools = builds[-1][1]
    rss = str(tools / "bench" / "stream_rss")
    awk = shutil.which("mawk")
    if awk is None:
        raise SystemExit("mawk is missing: apt-get install mawk")
    out = [("`cat > /dev/null`", ["cat", path]),
           ("memchr line count (`stream_rss lines`)", [rss, "lines", path]),
           ("mawk script (bench/classify_plans.awk)", [awk, "-f", str(AWK), path])]
    for label, b in builds:
        out.append((f"aptparse, events only (`stream_rss event`), {label}",
                    [str(b / "bench" / "stream_rss"), "event", path]))
    for label, b in builds:
        out.append((f"`aptparse --json`, {label}",
                    [str(b / "src" / "aptparse"), "--json", path]))
    out.append(("naive C++ parser, RE2 FullMatch per line (`stream_rss naive`)",
                [rss, "naive", path]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", action="append", required=True, metavar="LABEL=DIR",
                    help="a bench-preset build directory (src/aptparse, bench/stream_rss)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--size-mb", type=int, default=1000)
    ap.add_argument("--data-dir", help="where the input is kept (default: a temporary one)")
    ap.add_argument("--input", help="use this file as it is")
    args = ap.parse_args()
    builds = [(label, Path(d).resolve())
              for label, d in (b.split("=", 1) for b in args.build)]
    tmp = None
    if args.input:
        path = args.input
    else:
        data_dir = args.data_dir or (tmp := tempfile.mkdtemp(prefix="aptparse-dense-"))
        os.makedirs(data_dir, exist_ok=True)
        path = dense_input(builds[-1][1], data_dir, args.size_mb)
    size = os.path.getsize(path)
    if not stat.S_ISCHR(os.stat(os.devnull).st_mode):
        # Seen on a shared machine: a deleted /dev/null re-made as a regular
        # file by the next `> /dev/null`, so that every row also wrote its
        # output to a tmpfs file.
        raise SystemExit(f"{os.devnull} is not a character device: "
                         "mknod -m 666 /dev/null c 1 3")
    table = rows(builds, path)
    subprocess.run(["cat", path], stdout=subprocess.DEVNULL, check=True)  # hot cache
    policy = os.sched_getscheduler(0)
    load = os.getloadavg()[0]
    got: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in table}
    for _ in range(args.runs):
        for name, argv in table:
            wall, user, system, _ = timed(argv)
            got[name].append((wall, user + system))
    med = {name: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
           for name, v in got.items()}
    memchr = med[table[1][0]][0]
    print(f"### The whole process on {size / 1e6:,.0f} MB of dense plans "
          f"({os.path.basename(path)}), > /dev/null: median of {args.runs}\n")
    print(f"{'SCHED_FIFO (chrt -f)' if policy == os.SCHED_FIFO else 'not real-time'}; "
          f"load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; "
          f"{os.cpu_count()} cores.\n")
    print("| whole process | wall s | CPU s | MB/s | vs memchr line count |")
    print("|---|---:|---:|---:|---:|")
    for name, _ in table:
        wall, cpu = med[name]
        print(f"| {name} | {wall:.3f} | {cpu:.3f} | {size / 1e6 / wall:,.0f} | "
              f"{memchr / wall:.3f} |")
    naive = med[table[-1][0]][0]
    first = med[f"`aptparse --json`, {builds[0][0]}"][0]
    print()
    for label, _ in builds:
        wall = med[f"`aptparse --json`, {label}"][0]
        print(f"- `aptparse --json`, {label}: {first / wall:.2f}x {builds[0][0]}, "
              f"{naive / wall:.1f}x the naive parser")
    if tmp:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
