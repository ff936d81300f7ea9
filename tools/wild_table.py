#!/usr/bin/env python3
"""Print the table of corpus/wild (for corpus/wild/README.md) from the sidecars.

    python3 tools/wild_table.py > /tmp/table.md

One row per log (language, distro / apt version, layout, quoting, runs, the
parser's state from expected_failures.tsv, source), then counts of logs per
language, layout, quoting kind and failure class.
"""

from __future__ import annotations

import collections
import json
from pathlib import Path

WILD = Path(__file__).resolve().parents[1] / "corpus" / "wild"


def failures() -> dict[str, str]:
    rows = {}
    for line in (WILD / "expected_failures.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            name, kind, _ = line.split("\t")
            rows[name] = kind
    return rows


def cell(text: object) -> str:
    return str(text if text is not None else "").replace("|", "\\|")


def tally(title: str, counter: collections.Counter) -> str:
    items = ", ".join(f"{k} {v}" for k, v in sorted(counter.items(),
                                                     key=lambda kv: (-kv[1], kv[0])))
    return f"- {title}: {items}"


def main() -> None:
    fails = failures()
    logs = sorted(WILD.glob("*.log"))
    by = {k: collections.Counter() for k in ("language", "layout", "quoting", "state")}
    runs = 0
    print("| file | language | distro / apt | layout | quoting | runs | parser today | source |")
    print("|---|---|---|---|---|---|---|---|")
    for log in logs:
        meta = json.loads(log.with_suffix(".meta.json").read_text())
        state = fails.get(log.name, "pass")
        n = len([r for r in meta["counts"] if r is not None])
        runs += n
        by["language"][meta["language"]] += 1
        by["layout"][meta["layout"]] += 1
        by["quoting"][meta["quoting"]] += 1
        by["state"][state] += 1
        distro = " / ".join(cell(meta[k]) for k in ("distro", "apt_version") if meta[k])
        print(f"| {log.name} | {meta['language']} | {distro} | {meta['layout']} "
              f"| {meta['quoting']} | {n} | {cell(state)} | {cell(meta['source'])} |")
    print()
    print(f"{len(logs)} logs, {runs} apt runs with a summary line, "
          f"{len(by['language'])} languages.")
    print()
    print(tally("languages", by["language"]))
    print(tally("layouts", by["layout"]))
    print(tally("quoting", by["quoting"]))
    print(tally("parser today (pass, or the xfail class)", by["state"]))


if __name__ == "__main__":
    main()
