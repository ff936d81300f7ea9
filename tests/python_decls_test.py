#!/usr/bin/env python3
"""The generated module bindings/python/aptparse/_decls.py (the classes
Counts, Sizes and Stats) is what tools/gen_python_decls.py makes from the
C++ X-macros; and the check does fail on a stale, edited or missing one."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEN = ROOT / "tools/gen_python_decls.py"
DECLS = ROOT / "bindings/python/aptparse/_decls.py"


def check(out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(GEN), "--check", "--out", str(out)],
                          capture_output=True, text=True)


def main() -> int:
    failures = []
    current = check(DECLS)
    if current.returncode != 0:
        failures.append("committed _decls.py is stale:\n" + current.stdout + current.stderr)
    text = DECLS.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "_decls.py"
        # A stat the C++ counts but Python lost.
        copy.write_text(text.replace("    noise_lines: int = 0\n", "", 1), encoding="utf-8")
        if check(copy).returncode != 1:
            failures.append("a region missing a field passed --check")
        # A hand edit outside the classes' fields.
        copy.write_text(text.replace("DO NOT EDIT", "edited", 1), encoding="utf-8")
        if check(copy).returncode != 1:
            failures.append("a hand-edited header passed --check")
        # No module at all.
        copy.unlink()
        if check(copy).returncode != 1:
            failures.append("a missing module passed --check")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
