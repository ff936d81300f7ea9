#!/usr/bin/env python3
"""Renders build-bench/bench-out/ (written by tools/bench.sh) as the
markdown of bench/RESULTS.md: each part between the markers of
bench/result_blocks.py, which puts the parts into the committed file.
Usage: render_results.py OUT_DIR"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from result_blocks import begin, end

FAMILIES = ["classic", "sqq", "apt3", "history", "mixed", "dense"]
MODES = [
    ("memchr", "whole"), ("memcpy", "whole"), ("naive", "whole"),
    ("event", "whole"), ("event", "64KiB"),
    ("report", "whole"), ("report", "64KiB"),
    ("json", "whole"), ("json", "64KiB"),
]
# Targets of the issue (single core, hot cache), MB/s.
TARGET_MBS = {"event": 1500, "report": 800, "json": 400}
TARGET_VS_MEMCHR = {"event": 0.40}
TARGET_VS_NAIVE = 20


def load_bench(out: Path) -> dict[str, dict]:
    data = json.loads((out / "bench_parser.json").read_text())
    rows: dict[str, dict] = {}
    for b in data["benchmarks"]:
        name = b.get("run_name", b["name"]).removesuffix("/real_time")
        if b.get("error_occurred"):
            rows[name] = {"error": b.get("error_message", "error")}
            continue
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            if b.get("aggregate_name") == "cv":
                rows.setdefault(name, {})["cv"] = b.get("real_time", 0)
            continue
        r = rows.setdefault(name, {})
        r.update(b)
    return rows


def mbs(row: dict | None) -> float | None:
    if not row or "bytes_per_second" not in row:
        return None
    return row["bytes_per_second"] / 1e6


def fmt(x: float | None, digits: int = 0) -> str:
    return "—" if x is None else f"{x:,.{digits}f}"


def main() -> None:
    out = Path(sys.argv[1])
    machine = dict(
        line.split("=", 1) for line in (out / "machine.txt").read_text().splitlines() if "=" in line
    )
    rows = load_bench(out)
    p = print
    p(begin("intro"))
    p("# aptparse benchmark results")
    p()
    p("Written by `bash tools/bench.sh` (bench/render_results.py) between `<!-- bench.sh: begin NAME -->`")
    p("and `<!-- bench.sh: end NAME -->` markers, which each run replaces (bench/result_blocks.py); the text")
    p("outside them is written by hand and kept, so it may speak of an earlier run than the Machine section.")
    p("Inputs are built at run time from `corpus/logs` (see bench/README.md); nothing generated is committed.")
    p("Where the time goes, the targets still missed and what was tried: [PROFILE.md](PROFILE.md).")
    p("The code health round's before/after figures: [HEALTH_ROUND.md](HEALTH_ROUND.md).")
    p(end("intro"))
    p()
    p(begin("machine"))
    p("## Machine")
    p()
    for k in ["date", "cpu", "cores", "compiler", "build_type", "kernel", "git", "mode", "elapsed_s"]:
        if k in machine:
            p(f"- **{k}**: {machine[k]}")
    if machine.get("busy"):
        p(f"- **load**: {machine['busy']} — timings are pessimistic")
    p()
    p("## Commands")
    p()
    p("```")
    for f in ["bench_parser.cmd", "rss.cmd", "cli.cmd"]:
        if (out / f).exists():
            p((out / f).read_text().strip())
    p("```")
    p(end("machine"))
    p()
    p(begin("throughput"))
    p("## Throughput per family and mode (median, MB/s = 10^6 bytes/s)")
    p()
    p("`ratio` is the throughput over the memchr newline count of the same buffer;")
    p("`× naive` over the naive RE2 parser on the same buffer. Targets: event ≥ 1500 MB/s and ≥ 40 % of")
    p("memchr (classic, sqq), report ≥ 800 MB/s, JSON ≥ 400 MB/s, all ≥ 20× naive.")
    p()
    p("| family | mode | feed | input MB | MB/s | ratio to memchr | × naive | target | cv |")
    p("|---|---|---|---:|---:|---:|---:|---|---:|")
    for fam in FAMILIES:
        base = mbs(rows.get(f"{fam}/memchr/whole"))
        naive = mbs(rows.get(f"{fam}/naive/whole"))
        for mode, feed in MODES:
            row = rows.get(f"{fam}/{mode}/{feed}")
            if row is None:
                continue
            if "error" in row:
                p(f"| {fam} | {mode} | {feed} | | **error** | | | {row['error'][:120]} | |")
                continue
            v = mbs(row)
            ratio = v / base if v and base else None
            vs_naive = v / naive if v and naive and mode not in ("memchr", "memcpy", "naive") else None
            target = ""
            if mode in TARGET_MBS:
                # Each criterion marked on its own, so a miss says which.
                def mark(ok: bool, what: str) -> str:
                    return ("✅ " if ok else "❌ ") + what
                parts = [mark(v is not None and v >= TARGET_MBS[mode],
                              f"≥{TARGET_MBS[mode]} MB/s")]
                if mode in TARGET_VS_MEMCHR and fam in ("classic", "sqq"):
                    pct = round(TARGET_VS_MEMCHR[mode] * 100)
                    parts.append(mark(ratio is not None and ratio >= TARGET_VS_MEMCHR[mode],
                                      f"≥{pct} % memchr"))
                parts.append(mark(vs_naive is not None and vs_naive >= TARGET_VS_NAIVE,
                                  f"≥{TARGET_VS_NAIVE:g}× naive"))
                target = ", ".join(parts)
            cv = row.get("cv")
            p(
                f"| {fam} | {mode} | {feed} | {fmt(row.get('input_MB'), 1)} | {fmt(v)} | "
                f"{'' if ratio is None else f'{ratio:.3f}'} | "
                f"{'' if vs_naive is None else f'{vs_naive:.1f}×'} | {target} | "
                f"{'' if cv is None else f'{cv * 100:.1f} %'} |"
            )
    p(end("throughput"))
    p()
    p(begin("scaling"))
    p("## Scaling (mixed family, 1 MiB chunks; the largest is a file on disk read with read(2))")
    p()
    p("Linear means constant MB/s (ns/byte) across sizes.")
    p()
    p("| mode | input | MB | median ms | MB/s | ns/byte | MB/s vs smallest |")
    p("|---|---|---:|---:|---:|---:|---:|")
    for mode in ("event", "json"):
        scal = [(k, r) for k, r in rows.items() if k.startswith(f"scaling/{mode}/")]
        scal.sort(key=lambda kr: kr[1].get("input_MB", 0))
        first = None
        for k, r in scal:
            if "error" in r:
                p(f"| {mode} | {k.split('/')[-1]} | | | **error** | | {r['error'][:100]} |")
                continue
            v = mbs(r)
            first = first or v
            p(
                f"| {mode} | {k.split('/')[-1]} | {fmt(r.get('input_MB'), 1)} | {fmt(r.get('real_time'), 1)} | "
                f"{fmt(v)} | {1e3 / v:.2f} | {v / first:.2f} |"
            )
    p(end("scaling"))
    p()
    rss = out / "rss.jsonl"
    if rss.exists():
        p(begin("memory"))
        p("## Peak memory, streaming a file in 1 MiB chunks (`stream_rss` under `/usr/bin/time -v`)")
        p()
        p("`event` and `json` must stay flat; `report` keeps every transaction in memory (the contrast).")
        p("`seconds` is the streaming alone; building the format tables (once per process) is `startup s`.")
        p()
        p("| mode | input MB | max RSS (MiB, time -v) | VmHWM (MiB) | VmHWM after startup (MiB) | startup s | seconds | MB/s | transactions |")
        p("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for line in rss.read_text().splitlines():
            r = json.loads(line)
            p(
                f"| {r['mode']} | {r['bytes'] / 1e6:,.1f} | {r['maxrss_kib'] / 1024:,.1f} | "
                f"{r['vmhwm_kib'] / 1024:,.1f} | {r['vmhwm_kib_start'] / 1024:,.1f} | "
                f"{r.get('startup_seconds', 0):.3f} | {r['seconds']:.2f} | "
                f"{r['bytes'] / 1e6 / max(r['seconds'], 1e-9):,.0f} | {r['transactions']:,} |"
            )
        p(end("memory"))
        p()
    p(begin("cli"))
    p("## CLI over many files: `aptparse --json -j 1` against `-j 2`")
    p()
    inputs = (out / "inputs.tsv").read_text().splitlines() if (out / "inputs.tsv").exists() else []
    cli_files = [l.split("\t") for l in inputs if "/cli-" in l]
    if cli_files:
        total = sum(int(f[1]) for f in cli_files)
        p(f"{len(cli_files)} files, {total / 1e6:,.0f} MB in all (page cache hot), output to /dev/null.")
        p()
    cj = out / "cli.json"
    ct = out / "cli_time.txt"
    if cj.exists():
        res = json.loads(cj.read_text())["results"]
        p("| run | mean s | ± s | min s | MB/s | speed-up |")
        p("|---|---:|---:|---:|---:|---:|")
        base = res[0]["mean"]
        for r in res:
            mb = total / 1e6 if cli_files else 0
            p(
                f"| `{r['command']}` | {r['mean']:.2f} | {r['stddev'] or 0:.2f} | {r['min']:.2f} | "
                f"{mb / r['mean']:,.0f} | {base / r['mean']:.2f}× |"
            )
    elif ct.exists():
        times: dict[str, list[float]] = {}
        for line in ct.read_text().splitlines():
            j, s = line.split()
            times.setdefault(j, []).append(float(s))
        base = sorted(times["1"])[len(times["1"]) // 2]
        p("| -j | median s | speed-up |")
        p("|---|---:|---:|")
        for j, ts in times.items():
            med = sorted(ts)[len(ts) // 2]
            p(f"| {j} | {med:.2f} | {base / med:.2f}× |")
    p(end("cli"))
    p()
    # bench/gzip_bench.py --markdown; the Python section (bench/python/
    # bench_records.py and bench_dask.py, which need the venv's aptparse):
    # blocks only when this run made them, else RESULTS.md keeps its own.
    for name in ("gzip", "python"):
        part = out / f"{name}.md"
        if part.exists():
            p(begin(name))
            p(part.read_text().rstrip("\n"))
            p(end(name))
            p()
    p(begin("notes"))
    stderr = out / "bench_parser.stderr"
    if stderr.exists():
        notes = [
            l for l in stderr.read_text().splitlines()
            if l.startswith(("bench:", "MISMATCH", "GOLDEN", "  got", "  golden", "  expect"))
        ]
        if notes:
            p("## Notes from the golden check (bench_parser's stderr)")
            p()
            p("```")
            for l in notes[:60]:
                p(l[:300])
            if len(notes) > 60:
                p(f"... {len(notes) - 60} more lines in build-bench/bench-out/bench_parser.stderr")
            p("```")
    p(end("notes"))


if __name__ == "__main__":
    main()
