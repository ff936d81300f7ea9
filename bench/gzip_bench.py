#!/usr/bin/env python3
"""Compressed input: the CLI on gzip'd logs against the same logs plain and
against `zcat FILE > /dev/null`, in one interleaved run (median of ROUNDS).

    bench/gzip_bench.py build/src/aptparse DIR [ROUNDS] [--markdown OUT] [--realtime]

--realtime runs every command under `chrt -f 10` (SCHED_FIFO; needs root):
on a machine that other work keeps busy, the commands then get the cores
as if it were idle, which is what the overlap of inflating and parsing
needs to show. Each run is short, so the others lose little.

DIR receives (kept between runs): rotated/{0..299}.log and .log.gz, the
corpus logs cycled (what logrotate leaves: many small files);
sqq-100MB.log(.gz), the corpus's three `-sqq` logs repeated to 100 MB
(the unit is 20 kB, inside gzip's 32 KiB window: it compresses ~94:1, so
inflating it is cheap); all-100MB.log(.gz), every corpus log concatenated
(3.4 MB, wider than the window: ~12:1) and repeated to 100 MB.
"""
import gzip
import os
import pathlib
import resource
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
args = sys.argv[1:]
markdown = None
if "--markdown" in args:
    i = args.index("--markdown")
    markdown = pathlib.Path(args[i + 1])
    del args[i:i + 2]
realtime = "--realtime" in args
if realtime:
    args.remove("--realtime")
prefix = ["chrt", "-f", "10"] if realtime else []
cli, out = args[0], pathlib.Path(args[1])
rounds = int(args[2]) if len(args) > 2 else 7

logs = sorted((ROOT / "corpus" / "logs").glob("*.log"))
rot = out / "rotated"
rot.mkdir(parents=True, exist_ok=True)
for i in range(300):
    data = logs[i % len(logs)].read_bytes()
    (rot / f"{i}.log").write_bytes(data)
    (rot / f"{i}.log.gz").write_bytes(gzip.compress(data, 6, mtime=0))


def make_big(name, parts):
    path = out / name
    if not path.exists():
        unit = b"".join(p.read_bytes() for p in parts)
        path.write_bytes(unit * (100_000_000 // len(unit) + 1))
        subprocess.run(["gzip", "-6", "-kf", str(path)], check=True)
    return path


big = make_big("sqq-100MB.log", [p for p in logs if p.name.endswith("-sqq.log")])
mixed = make_big("all-100MB.log", logs)

plain = [str(rot / f"{i}.log") for i in range(300)]
gz = [str(rot / f"{i}.log.gz") for i in range(300)]
cases = {
    "300 rotated logs, plain": [cli, "--json", *plain],
    "300 rotated logs, .gz": [cli, "--json", *gz],
    "zcat sqq-100MB.log.gz": ["zcat", f"{big}.gz"],
    "aptparse --json sqq-100MB.log.gz": [cli, "--json", f"{big}.gz"],
    "aptparse --json sqq-100MB.log": [cli, "--json", str(big)],
    "zcat all-100MB.log.gz": ["zcat", f"{mixed}.gz"],
    "aptparse --json all-100MB.log.gz": [cli, "--json", f"{mixed}.gz"],
    "aptparse --json all-100MB.log": [cli, "--json", str(mixed)],
}
times = {k: [] for k in cases}
cpu = {k: [] for k in cases}  # user + system seconds
for _ in range(rounds):
    for name, argv in cases.items():
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        r = subprocess.run(prefix + argv, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        times[name].append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[name].append(after.ru_utime + after.ru_stime -
                         before.ru_utime - before.ru_stime)
        assert r.returncode in (0, 1), (name, r.returncode)
med = {k: statistics.median(v) for k, v in times.items()}
print(f"{'':36} {'wall':>8} {'cpu':>8}   (wall of each run)")
for k, v in med.items():
    print(f"{k:36} {v:7.3f}s {statistics.median(cpu[k]):7.3f}s"
          f"   ({' '.join(f'{x:.3f}' for x in times[k])})")
ratios = {"300 rotated .gz / plain (target ≤ 1.5×)":
          med["300 rotated logs, .gz"] / med["300 rotated logs, plain"]}
for b in ("sqq", "all"):
    ratios[f"{b}-100MB .gz / zcat (target ≤ 1.1×)"] = (
        med[f"aptparse --json {b}-100MB.log.gz"] / med[f"zcat {b}-100MB.log.gz"])
for k, v in ratios.items():
    print(f"{k}: {v:.2f}x")

if markdown:
    load = os.getloadavg()[0]
    lines = [
        "## Compressed input: `.gz` files against plain ones and against `zcat`",
        "",
        f"`python3 bench/gzip_bench.py {cli} DIR {rounds}"
        + (" --realtime" if realtime else "") + "`: each command run "
        f"{rounds} times, interleaved; medians. Output to /dev/null, page cache "
        f"hot; load average {load:.1f} on 2 cores when it ended"
        + (" (the commands ran under `chrt -f 10`, ahead of that load)"
           if realtime else " (wall times are only as good as the machine is quiet)")
        + "; CPU = user + system of the process and its threads.",
        "",
        "| command | wall s | CPU s |",
        "|---|---:|---:|",
    ]
    for k in cases:
        lines.append(f"| `{k}` | {med[k]:.3f} | {statistics.median(cpu[k]):.3f} |")
    lines += ["", "| ratio of wall medians | |", "|---|---:|"]
    lines += [f"| {k} | {v:.2f}× |" for k, v in ratios.items()]
    markdown.write_text("\n".join(lines) + "\n")
