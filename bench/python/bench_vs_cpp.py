"""aptparse from Python vs the C++ CLI, and vs jc's apt_get_sqq parser.
Not a test; prints markdown tables.

    python bench/python/bench_vs_cpp.py [--size-mb 100] [--sqq-mb 10] [--repeat 3]
    python bench/python/bench_vs_cpp.py --dense-mb 100 --runs 5 \
        --site before=DIR --site after=DIR

The large input is built from corpus/logs/*.log; the -sqq input (the only
format jc parses) from corpus/logs/*-sqq*.log. With --dense-mb, only the
dense plans (corpus/logs/*dense*-v-s.log, real large `-V` plans): each case
runs in a fresh process per run, with the aptparse package found in each
--site directory in turn (before and after a change, interleaved), and the
table gives the median time and the peak memory (ru_maxrss above the
process's size after import) of each.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import operator
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

import aptparse
from _corpus import big_input, find_cli, logs


Case = tuple[str, Callable[[], Any]]


def best_of_each(repeat: int, cases: list[Case]) -> list[tuple[str, float]]:
    """The best time of each case over `repeat` rounds. A round runs every
    case once, so that a change in the machine's load affects all alike."""
    best = [float("inf")] * len(cases)
    for _ in range(repeat):
        for i, (_, fn) in enumerate(cases):
            gc.collect()
            t0 = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - t0)
    return [(name, t) for (name, _), t in zip(cases, best)]


def touch_all(report: aptparse.Report) -> int:
    """Reads a field of every package of every transaction, so that every
    Transaction and Package object is made."""
    n = 0
    for t in report.transactions:
        for name in aptparse.SET_NAMES:
            for p in getattr(t, name):
                n += len(p.name)
    return n


def touch_all_fields(report: aptparse.Report) -> int:
    """Reads every field of every package of every transaction (a parsed
    Package makes each field when it is first read)."""
    fields = operator.attrgetter(*(f.name for f in dataclasses.fields(aptparse.Package)))
    n = 0
    for t in report.transactions:
        for name in aptparse.SET_NAMES:
            for p in getattr(t, name):
                n += len(fields(p))
    return n


def table(title: str, mb: float, rows: list[tuple[str, float]],
          ref: float | None = None) -> None:
    """Prints rows with their ratio to the first row and, given `ref`, to
    that time (the C++ report's, for issue #5's goal)."""
    base = rows[0][1]
    extra = " vs C++ report |" if ref else ""
    print(f"\n### {title}\n")
    print(f"| what | time (s) | MB/s | vs first row |{extra}")
    print("|---|---:|---:|---:|" + ("---:|" if ref else ""))
    for name, t in rows:
        cell = f" {t / ref:.2f}x |" if ref else ""
        print(f"| {name} | {t:.3f} | {mb / t:.1f} | {t / base:.2f}x |{cell}")
    sys.stdout.flush()


# The cases of the --dense-mb table: name -> what the child process runs.
DENSE_CASES: dict[str, Callable[[str], Any]] = {
    "C++ parse + report, in process (`_core._parse_stats`)":
        lambda path: aptparse._core._parse_stats(open(path, "rb").read()),
    "`aptparse.parse_file(path)` -> Report": aptparse.parse_file,
    "`parse_file(path)` + every package of every transaction read":
        lambda path: touch_all(aptparse.parse_file(path)),
    "`parse_file(path)` + every field of every package read":
        lambda path: touch_all_fields(aptparse.parse_file(path)),
}


def status_kb(field: str) -> int:
    """A size of /proc/self/status (VmRSS, VmHWM), in KiB."""
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(field + ":"))


def child(case: str, path: str) -> None:
    """Runs one case once and prints its time and memory as JSON: the peak
    resident size (VmHWM, reset before the run) above the size before the
    run. The C++ report's input is read before the clock starts."""
    fn = DENSE_CASES[case]
    if case.startswith("C++"):
        data = open(path, "rb").read()
        fn = lambda _: aptparse._core._parse_stats(data)  # noqa: E731
    gc.collect()
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # resets VmHWM to the current size (Linux >= 4.0)
    base = status_kb("VmRSS")
    t0 = time.perf_counter()
    fn(path)
    t = time.perf_counter() - t0
    print(json.dumps({"time": t, "kb": status_kb("VmHWM") - base}))


def dense_table(mb: float, runs: int, sites: list[str]) -> None:
    """The median of `runs` fresh-process runs of each case with each
    site's aptparse, interleaved: a round runs every case on every site."""
    tmp = tempfile.mkdtemp(prefix="aptparse-bench-")
    path = os.path.join(tmp, "dense.log")
    data = big_input(mb, pattern="*dense*-v-s.log")
    with open(path, "wb") as f:
        f.write(data)
    size = len(data) / 1e6
    labels = [s.split("=", 1) for s in sites] or [["installed", ""]]
    got: dict[tuple[str, str], list[dict[str, float]]] = {}
    for _ in range(runs):
        for case in DENSE_CASES:
            for label, site in labels:
                env = dict(os.environ)
                if site:
                    env["PYTHONPATH"] = site
                out = subprocess.run(
                    [sys.executable, __file__, "--child", case, path],
                    env=env, capture_output=True, text=True, check=True,
                    cwd=os.path.dirname(os.path.abspath(__file__)))
                got.setdefault((case, label), []).append(json.loads(out.stdout))
    print(f"\n### {size:.0f} MB of dense plans (corpus/logs/*dense*-v-s.log), "
          f"median of {runs} runs, each in a fresh process\n")
    print("| what | " + " | ".join(
        f"{label}: time (s) | vs C++ report | peak memory (MB) | vs input"
        for label, _ in labels) + " |")
    print("|---|" + "---:|---:|---:|---:|" * len(labels))
    ref = {label: statistics.median(r["time"] for r in got[(next(iter(DENSE_CASES)), label)])
           for label, _ in labels}
    for case in DENSE_CASES:
        cells = []
        for label, _ in labels:
            rs = got[(case, label)]
            t = statistics.median(r["time"] for r in rs)
            m = statistics.median(r["kb"] for r in rs) / 1e3
            cells.append(f"{t:.3f} | {t / ref[label]:.2f}x | {m:.0f} | {m / size:.2f}x")
        print(f"| {case} | " + " | ".join(cells) + " |")
    shutil.rmtree(tmp)


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
        return
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size-mb", type=float, default=100)
    ap.add_argument("--sqq-mb", type=float, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--dense-mb", type=float, default=0,
                    help="only the dense-plan table, of this size")
    ap.add_argument("--runs", type=int, default=5, help="with --dense-mb")
    ap.add_argument("--site", action="append", default=[],
                    help="LABEL=DIR: an aptparse to compare (with --dense-mb)")
    args = ap.parse_args()
    if args.dense_mb:
        dense_table(args.dense_mb, args.runs, args.site)
        return
    cli = find_cli()
    tmp = tempfile.mkdtemp(prefix="aptparse-bench-")

    # --- all of the corpus, large ------------------------------------------
    data = big_input(args.size_mb)
    path = os.path.join(tmp, "big.log")
    with open(path, "wb") as f:
        f.write(data)
    mb = len(data) / 1e6
    print(f"input: {mb:.1f} MB of corpus/logs/*.log; aptparse {aptparse.__version__}; "
          f"{os.cpu_count()} cores; best of {args.repeat}")

    def to_json_all() -> None:
        with open(os.devnull, "w") as out:
            for t in aptparse.parse_file(path).transactions:
                out.write(t.to_json(path) + "\n")

    cases: list[Case] = []
    if cli is not None:
        cases.append(("C++ CLI `aptparse --json FILE > /dev/null`",
                      lambda: subprocess.run([str(cli), "--json", path],
                                             stdout=subprocess.DEVNULL, check=False)))
    cpp_report = "C++ parse + report, in process (`_core._parse_stats`)"
    cases += [
        (cpp_report, lambda: aptparse._core._parse_stats(data)),
        ("`aptparse.parse(bytes)` -> Report",
         lambda: aptparse.parse(data)),
        ("`aptparse.parse_file(path)` -> Report",
         lambda: aptparse.parse_file(path)),
        ("`parse(bytes)` + every package of every transaction read",
         lambda: touch_all(aptparse.parse(data))),
        ("`parse_file(path)` + every package of every transaction read",
         lambda: touch_all(aptparse.parse_file(path))),
        ("`parse_file` + `to_json` of every transaction", to_json_all),
        ("`python -m aptparse --json FILE > /dev/null`",
         lambda: subprocess.run([sys.executable, "-m", "aptparse", "--json", path],
                                stdout=subprocess.DEVNULL, check=False)),
    ]
    rows = best_of_each(args.repeat, cases)
    r = aptparse.parse(data)
    table(f"{mb:.0f} MB, {len(r.transactions)} transactions, "
          f"{r.stats.packages} packages", mb, rows, ref=dict(rows)[cpp_report])

    # --- -sqq output: aptparse vs jc ------------------------------------------
    try:
        import jc
    except ImportError:
        print("\n(jc not installed: pip install jc)")
        return
    sqq = big_input(args.sqq_mb, pattern="*-sqq*.log")
    text = sqq.decode("utf-8", "surrogateescape")
    sqq_path = os.path.join(tmp, "sqq.log")
    with open(sqq_path, "wb") as f:
        f.write(sqq)
    smb = len(sqq) / 1e6
    jc_out = jc.parse("apt_get_sqq", text, quiet=True)
    ours = aptparse.parse(sqq)
    n_ours = sum(len(t.upgraded) + len(t.newly_installed) + len(t.to_remove)
                 + len(t.reinstalled) + len(t.downgraded) for t in ours.transactions)
    cases = [
        ("jc `apt_get_sqq` (`jc.parse`, pure Python)",
         lambda: jc.parse("apt_get_sqq", text, quiet=True)),
        ("`aptparse.parse(str)`", lambda: aptparse.parse(text)),
        ("`aptparse.parse(bytes)`", lambda: aptparse.parse(sqq)),
        ("`aptparse.parse(str)` + every package read",
         lambda: touch_all(aptparse.parse(text))),
        ("`aptparse.parse_file(path)`", lambda: aptparse.parse_file(sqq_path)),
    ]
    if cli is not None:
        cases.append(("C++ CLI `--json`",
                      lambda: subprocess.run([str(cli), "--json", sqq_path],
                                             stdout=subprocess.DEVNULL, check=False)))
    rows = best_of_each(args.repeat, cases)
    table(f"`apt-get -s -qq` output, {smb:.1f} MB, {len(sqq.splitlines())} lines "
          f"(jc: {len(list(jc_out))} records; aptparse: {n_ours} packages in "
          f"{len(ours.transactions)} transactions)", smb, rows)

    # Many separate runs (one log per host, say): each parsed on its own.
    runs = [p.read_bytes() for p in logs("*-sqq*.log")]
    runs = runs * max(1, int(args.sqq_mb * 1e6 / sum(len(x) for x in runs)))
    run_texts = [x.decode("utf-8", "surrogateescape") for x in runs]
    rmb = sum(len(x) for x in runs) / 1e6
    cases = [
        ("jc `apt_get_sqq`, one call per run",
         lambda: [jc.parse("apt_get_sqq", t, quiet=True) for t in run_texts]),
        ("`aptparse.parse(str)`, one call per run",
         lambda: [aptparse.parse(t) for t in run_texts]),
        ("`aptparse.parse(bytes)`, one call per run",
         lambda: [aptparse.parse(x) for x in runs]),
        ("`aptparse.parse(str)` + every package read, one call per run",
         lambda: [touch_all(aptparse.parse(t)) for t in run_texts]),
    ]
    rows = best_of_each(args.repeat, cases)
    table(f"{len(runs)} separate `-sqq` runs, {rmb:.1f} MB in all", rmb, rows)
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
