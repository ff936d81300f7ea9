"""Measures the flat records (aptparse.records) against the C++ report: the
issue #14 goal is to_arrow() of a 100 MB report within 2x the C++ report
time. Compares the two ways the C++ code can hand columns to pyarrow:
Arrow buffers (what Records.to_arrow does) and one Python list per column
(pa.array over the lists), and the naive way through Python objects.
Not a test; prints a markdown table.

    python bench/python/bench_records.py [--size-mb 100] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime
import gc
import statistics
import time
from collections.abc import Callable
from typing import Any

import pyarrow as pa

import aptparse
from aptparse import _core
from aptparse._records import RECORD_COLUMNS
from _corpus import big_input


def via_lists(rec: aptparse.Records) -> pa.Table:
    """The other way: the C++ code makes a list of Python values per
    column, pyarrow converts the lists."""
    rows, cols = rec._columns(arrow=False)
    arrays = []
    for (_, kind), values in zip(RECORD_COLUMNS[rec.table], cols):
        if kind == "category":
            arrays.append(pa.array(values, pa.string()).dictionary_encode())
        elif kind == "timestamp":  # ISO text; naive: parsed without tz=
            arrays.append(pa.array([datetime.datetime.fromisoformat(v) if v else None
                                    for v in values], pa.timestamp("s")))
        else:
            arrays.append(pa.array(values, {"string": pa.string(), "int64": pa.int64(),
                                            "bool": pa.bool_()}[kind]))
    return pa.Table.from_arrays(arrays, names=list(rec.columns))


def via_objects(report: aptparse.Report) -> pa.Table:
    """What a user writes without records(): Python objects per package."""
    rows: dict[str, list[Any]] = {k: [] for k in ("transaction", "set", "name", "arch", "old", "new")}
    for i, t in enumerate(report.transactions):
        for s, p in t.packages():
            rows["transaction"].append(i)
            rows["set"].append(s)
            rows["name"].append(p.name)
            rows["arch"].append(p.arch or None)
            rows["old"].append(p.old or None)
            rows["new"].append(p.new or None)
    return pa.table(rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mb", type=float, default=100)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    data = big_input(args.size_mb)
    report = aptparse.parse(data)
    rec = aptparse.records(report, source="big.log", host="h")
    n = rec.to_arrow().num_rows
    assert via_lists(rec).to_pylist() == rec.to_arrow().to_pylist()

    cases: list[tuple[str, Callable[[], Any]]] = [
        ("C++ parse + report (`_core._parse_stats`)", lambda: _core._parse_stats(data)),
        ("`records(report).to_arrow()`: Arrow buffers from C++ (kept)", lambda: rec.to_arrow()),
        ("the same table from C++-made Python lists per column", lambda: via_lists(rec)),
        ("`records(report).to_pandas()`", lambda: rec.to_pandas()),
        ("`parse(bytes)` then `records(...).to_arrow()` (the issue's 2x goal)",
         lambda: aptparse.records(aptparse.parse(data)).to_arrow()),
        ("`transaction_records(report).to_arrow()`",
         lambda: aptparse.transaction_records(report).to_arrow()),
        ("`records(report).to_pydict()` (Python lists)", lambda: rec.to_pydict()),
        ("6 columns through Transaction/Package objects (fresh parse)",
         lambda: via_objects(aptparse.parse(data))),
        ("`aptparse.parse(bytes)` (reference for the row above)", lambda: aptparse.parse(data)),
    ]
    times: dict[str, list[float]] = {name: [] for name, _ in cases}
    for _ in range(args.repeat):  # round-robin: load changes hit all cases
        for name, fn in cases:
            gc.collect()
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    best = {name: statistics.median(ts) for name, ts in times.items()}
    base = best[cases[0][0]]
    print(f"### bench_records.py --size-mb {args.size_mb:g} (median of {args.repeat}): "
          f"{len(data) / 1e6:.0f} MB, {len(report.transactions)} transactions, {n} package rows\n")
    print("| what | time (s) | vs C++ report |\n|---|---:|---:|")
    for name, _ in cases:
        print(f"| {name} | {best[name]:.3f} | {best[name] / base:.2f}x |")


if __name__ == "__main__":
    main()
