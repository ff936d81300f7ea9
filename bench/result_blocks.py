#!/usr/bin/env python3
"""The generated blocks of bench/RESULTS.md, and their replacement.

tools/bench.sh renders a whole results page (bench/render_results.py) but
writes into the committed bench/RESULTS.md only the parts between markers,

    <!-- bench.sh: begin NAME -->
    ...
    <!-- bench.sh: end NAME -->

so that the text around them (later runs of a few rows, before/after
comparisons, notes) is written by hand and kept across reruns.

Usage: result_blocks.py RENDERED TARGET
    Replaces TARGET's blocks by RENDERED's of the same name (TARGET is
    rewritten in place; a missing or empty TARGET becomes RENDERED).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import NamedTuple

_MARKER = re.compile(r"^<!-- bench\.sh: (begin|end) ([A-Za-z0-9_-]+) -->$", re.M)


def begin(name: str) -> str:
    return f"<!-- bench.sh: begin {name} -->"


def end(name: str) -> str:
    return f"<!-- bench.sh: end {name} -->"


class Block(NamedTuple):
    """Where one block is, as offsets into its text."""

    start: int  # the begin marker's line
    body: int  # the line after it
    body_end: int  # the end marker's line
    stop: int  # after the end marker's line (and its newline)


def blocks(text: str) -> dict[str, Block]:
    """The blocks of `text` by name, in order. Markers that do not pair up
    (a begin inside a block, an end without its begin, a name twice, a
    block without an end) raise ValueError naming the line."""
    found: dict[str, Block] = {}
    open_name, open_start, open_body = "", 0, 0
    for m in _MARKER.finditer(text):
        kind, name = m.groups()
        line = text.count("\n", 0, m.start()) + 1
        after_line = min(m.end() + 1, len(text))
        if kind == "begin":
            if open_name:
                raise ValueError(f"line {line}: begin {name} inside block {open_name}")
            if name in found:
                raise ValueError(f"line {line}: a second block {name}")
            open_name, open_start, open_body = name, m.start(), after_line
        elif name != open_name:
            raise ValueError(f"line {line}: end {name} without its begin")
        else:
            found[name] = Block(open_start, open_body, m.start(), after_line)
            open_name = ""
    if open_name:
        raise ValueError(f"block {open_name} has no end marker")
    return found


def replace_blocks(target: str, rendered: str) -> tuple[str, list[str]]:
    """`target` with each block's body replaced by the body of `rendered`'s
    block of the same name, and the text outside the blocks kept. A block
    that only `rendered` has goes after the block that precedes it there
    (before target's first block if none does). Returns the text and the
    names of target's blocks that `rendered` lacks (kept as they were).

    A target with text but no blocks raises ValueError: all of it would be
    hand-written, and none of it is to be lost."""
    new = blocks(rendered)
    if not target.strip():
        return rendered, []
    old = blocks(target)
    if not old:
        raise ValueError("no bench.sh markers: every line would be replaced")
    edits: dict[int, list[str]] = {}  # offset in target -> text put there
    replaced: dict[int, tuple[int, str]] = {}  # body offset -> (end, body)
    at, after_a_block = old[next(iter(old))].start, False
    for name, b in new.items():
        if name in old:
            o = old[name]
            replaced[o.body] = (o.body_end, rendered[b.body:b.body_end])
            at, after_a_block = o.stop, True
            continue
        text = rendered[b.start:b.stop]
        edits.setdefault(at, []).append("\n" + text if after_a_block else text + "\n")
    out, pos = [], 0
    for offset in sorted({*edits, *replaced}):
        out.append(target[pos:offset])
        pos = offset
        if offset in replaced:
            pos, body = replaced[offset]
            out.append(body)
        out.extend(edits.get(offset, []))
    out.append(target[pos:])
    return "".join(out), [n for n in old if n not in new]


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().split("\n\n")[-1], file=sys.stderr)
        return 2
    rendered = Path(argv[1]).read_text(encoding="utf-8")
    path = Path(argv[2])
    target = path.read_text(encoding="utf-8") if path.exists() else ""
    try:
        text, kept = replace_blocks(target, rendered)
    except ValueError as e:
        print(f"result_blocks.py: {path}: {e}; left unchanged", file=sys.stderr)
        return 1
    for name in kept:
        print(f"result_blocks.py: {path}: block {name} not rendered this run, kept",
              file=sys.stderr)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
