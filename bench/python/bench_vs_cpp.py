"""aptparse from Python vs the C++ CLI, and vs jc's apt_get_sqq parser.
Not a test; prints markdown tables.

    python bench/python/bench_vs_cpp.py [--size-mb 100] [--sqq-mb 10] [--repeat 3]

The large input is built from corpus/logs/*.log; the -sqq input (the only
format jc parses) from corpus/logs/*-sqq*.log.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size-mb", type=float, default=100)
    ap.add_argument("--sqq-mb", type=float, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
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
