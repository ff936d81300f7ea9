#!/usr/bin/env python3
"""Write corpus/wild/<name>.log and <name>.meta.json from a JSON spec.

The spec (a JSON array, read from each file given) holds, per log, the apt
output as the search tool returned it (a JSON string, so escapes such as
trailing spaces, tabs and U+00A0 survive the copy) and its provenance. The
log is the text exactly as given (a final newline is added when missing, as
every copied excerpt ends at a line end). Counts are typed by a human from
apt's own summary line; as a guard against typos every count must appear as
a number in the log.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

WILD = Path(__file__).resolve().parents[1] / "corpus" / "wild"
KEYS = ("source", "lines", "how_copied", "language", "distro", "apt_version",
        "layout", "quoting", "counts")


def write(entry: dict) -> None:
    name = entry["name"]
    text = entry["text"]
    if not text.endswith("\n"):
        text += "\n"
    numbers = set(re.findall(r"\d+", text))
    for run in entry["counts"]:  # null: a run without a summary line
        for key, value in (run or {}).items():
            if key != "unlisted" and str(value) not in numbers:
                sys.exit(f"{name}: count {key}={value} is not in the log")
    missing = [k for k in KEYS if k not in entry]
    if missing:
        sys.exit(f"{name}: meta lacks {missing}")
    meta = {k: entry[k] for k in entry if k not in ("name", "text")}
    (WILD / f"{name}.log").write_bytes(text.encode())
    (WILD / f"{name}.meta.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=1) + "\n")
    print(f"{name}: {len(text.splitlines())} lines, runs {len(entry['counts'])}")


def main() -> None:
    for path in sys.argv[1:]:
        for entry in json.loads(Path(path).read_text()):
            write(entry)


if __name__ == "__main__":
    main()
