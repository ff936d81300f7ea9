#!/usr/bin/env python3
"""The generated region of bindings/python/aptparse/_model.py (the classes
Counts, Sizes and Stats) is what tools/gen_python_decls.py makes from the
C++ X-macros; and the check does fail on a stale or missing region."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEN = ROOT / "tools/gen_python_decls.py"
MODEL = ROOT / "bindings/python/aptparse/_model.py"


def check(model: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(GEN), "--check", "--model", str(model)],
                          capture_output=True, text=True)


def main() -> int:
    failures = []
    current = check(MODEL)
    if current.returncode != 0:
        failures.append("committed _model.py is stale:\n" + current.stdout + current.stderr)
    text = MODEL.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "_model.py"
        # A stat the C++ counts but Python lost.
        copy.write_text(text.replace("    noise_lines: int = 0\n", "", 1), encoding="utf-8")
        if check(copy).returncode != 1:
            failures.append("a region missing a field passed --check")
        # A region whose markers were edited away.
        copy.write_text(text.replace("# END generated\n", "", 1), encoding="utf-8")
        r = check(copy)
        if r.returncode == 0 or "has no region" not in r.stderr:
            failures.append("the region without its END marker passed --check")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
