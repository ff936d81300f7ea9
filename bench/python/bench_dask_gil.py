"""How much of a read_logs partition holds the GIL (issue #14: a threaded
LocalCluster scales only as far as its partitions run without it). Not a
test. Each step of a partition of whole local files of bench_dask.py's
fleet is a function of its own, timed in thread CPU seconds, the way
main's dask.py made a partition until round 5 ("before": parse_file and
records() per file, the reports freed by Python) and through
_core._read_records ("after"), interleaved:

    python bench/python/bench_dask_gil.py [--threads 1] [--partitions 4] [--repeat 3]

Which steps hold the GIL: run it under py-spy, which samples only the
thread that holds it, and sum the samples by step:

    py-spy record --gil -r 250 -f raw -o gil.txt -- \\
        python bench/python/bench_dask_gil.py --threads 1
    python bench/python/bench_dask_gil.py --summarise gil.txt --rate 250

(samples / rate / partitions run = GIL-held seconds per partition; with
one thread, the GIL is held exactly when Python code runs).
"""

from __future__ import annotations

import argparse
import collections
import threading
import time
from typing import Any

import fsspec
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from fsspec.utils import infer_compression

import aptparse
import aptparse.dask as ad
from aptparse import _core, _records

STEPS = {  # function: what it does
    "b1_parse_file": "before: parse_file per file (its Python; the read and parse release the GIL)",
    "b2_parts": "before: records() parts per file",
    "b3_record_columns": "before: _record_columns (columns filled without the GIL)",
    "b4_free_reports": "before: the Reports freed (C++ destructors, with the GIL)",
    "a1_read_records": "after: _read_records (read, parse, columns, free; without the GIL)",
    "s_arrow_arrays": "Arrow arrays from the buffers",
    "s_concat_unify": "concat_tables + unify_dictionaries",
    "s_cast_combine": "source cast to string + combine_chunks",
    "s_to_pandas": "to_pandas + the source index",
    "s_free_frame": "the frame freed",
}
CPU: dict[str, float] = collections.defaultdict(float)
_lock = threading.Lock()


def partition_files(root: str, n: int, skip: int) -> list[list[tuple[str, Any, Any]]]:
    """``n`` of read_logs' partitions of the fleet (64 MiB), after ``skip``."""
    fs, sizes = ad._paths(root, {})
    paths = list(sizes)
    texts = [ad._text_size(fs, p, infer_compression(p), sizes[p]) for p in paths]
    starts = ad._partition_starts(texts, 64 << 20)
    ends = [*starts[1:], len(paths)]
    host = ad._host_of(None)
    return [[(p, infer_compression(p), host(p)) for p in paths[a:b]]
            for a, b in list(zip(starts, ends))[skip:skip + n]]


def tick(step: str, t0: float) -> float:
    t = time.thread_time()
    with _lock:
        CPU[step] += t - t0
    return t


def b1_parse_file(files: list[Any]) -> list[Any]:
    return [aptparse.parse_file(path) for path, _, _ in files]


def b2_parts(files: list[Any], reports: list[Any]) -> list[Any]:
    whole: list[Any] = []
    for (path, _, host), r in zip(files, reports):
        whole += _records._parts(r, path, host)
    return whole


def b3_record_columns(whole: list[Any]) -> Any:
    return _core._record_columns(whole, "packages", True)


def b4_free_reports(reports: list[Any]) -> None:
    reports.clear()


def a1_read_records(files: list[Any]) -> Any:
    rows, cols, failed = _core._read_records(
        [(p.encode(), p, h) for p, _, h in files], "packages", 1 << 20)
    assert failed is None
    return rows, cols


def s_arrow_arrays(rows: int, cols: list[Any]) -> Any:
    return _records.arrow_table("packages", rows, cols)


def s_concat_unify(table: Any) -> Any:
    return pa.concat_tables([table]).unify_dictionaries()


def s_cast_combine(table: Any) -> Any:
    i = table.schema.get_field_index("source")
    return table.set_column(i, "source", pc.cast(table.column(i), pa.string())).combine_chunks()


def s_to_pandas(table: Any) -> Any:
    frame = _records.arrow_to_pandas(table)
    frame.index = pd.Index(frame.pop("source"), name="source")
    return frame


def s_free_frame(frames: list[Any]) -> None:
    frames.clear()


def to_frame(rows: int, cols: list[Any], t: float) -> tuple[Any, float]:
    """The steps both ways share (those of dask._whole_table and _to_frame)."""
    table = s_arrow_arrays(rows, cols)
    t = tick("s_arrow_arrays", t)
    table = s_concat_unify(table)
    t = tick("s_concat_unify", t)
    table = s_cast_combine(table)
    t = tick("s_cast_combine", t)
    frame = s_to_pandas(table)
    return frame, tick("s_to_pandas", t)


def before(files: list[Any]) -> Any:
    t = time.thread_time()
    reports = b1_parse_file(files)
    t = tick("b1_parse_file", t)
    whole = b2_parts(files, reports)
    t = tick("b2_parts", t)
    rows, cols = b3_record_columns(whole)
    t = tick("b3_record_columns", t)
    frame, t = to_frame(rows, cols, t)
    del whole
    b4_free_reports(reports)
    t = tick("b4_free_reports", t)
    s_free_frame([frame])
    tick("s_free_frame", t)


def after(files: list[Any]) -> Any:
    t = time.thread_time()
    rows, cols = a1_read_records(files)
    t = tick("a1_read_records", t)
    frame, t = to_frame(rows, cols, t)
    s_free_frame([frame])
    tick("s_free_frame", t)


def summarise(raw: str, rate: float, runs: int) -> None:
    """GIL-held seconds per partition, by step, of a py-spy raw file."""
    held: dict[str, int] = collections.Counter()
    for line in open(raw):
        stack, _, count = line.rstrip().rpartition(" ")
        frames = stack.split(";")
        step = next((s for s in STEPS if any(f.startswith(s + " ") for f in frames)), None)
        held[step or "(outside the steps)"] += int(count)
    print("| step | GIL held (s per partition) |\n|---|---:|")
    for step, n in held.items():
        both = step.startswith("s_")  # run by both ways: twice as often
        print(f"| {STEPS.get(step, step)} | {n / rate / runs / (2 if both else 1):.4f} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default="/var/tmp/dask-logs", help="bench_dask.py's fleet")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--partitions", type=int, default=4, help="each way, per round")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--summarise", metavar="RAW", help="a py-spy raw file: its GIL-held steps")
    ap.add_argument("--rate", type=float, default=250, help="py-spy's samples per second")
    args = ap.parse_args()
    runs = args.partitions * args.repeat  # partitions each way
    if args.summarise:
        return summarise(args.summarise, args.rate, runs)
    parts = partition_files(args.root, args.partitions, skip=3)
    fs = fsspec.filesystem("file")
    for p in parts:  # both ways give read_logs' partition
        frame = ad._partition(ad._Files(p), "packages", fs, {})
        rows, cols = b3_record_columns(b2_parts(p, b1_parse_file(p)))
        assert to_frame(rows, cols, 0.0)[0].equals(frame)
    CPU.clear()
    walls: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        for way in (before, after):
            t0 = time.perf_counter()
            threads = [threading.Thread(target=lambda ps=parts[i::args.threads]: [way(p) for p in ps])
                       for i in range(args.threads)]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            walls.setdefault(way.__name__, []).append(time.perf_counter() - t0)
    print(f"{args.threads} thread(s), {len(parts)} partitions of "
          f"{[len(p) for p in parts]} files, {args.repeat} rounds; wall (s) per round:",
          {k: " ".join(f"{w:.2f}" for w in v) for k, v in walls.items()})
    print("| step | CPU (s per partition) |\n|---|---:|")
    for step, secs in CPU.items():
        print(f"| {STEPS[step]} | {secs / runs / (2 if step.startswith('s_') else 1):.4f} |")


if __name__ == "__main__":
    main()
