#!/usr/bin/env python3
"""The corpus capture's two home-made packages, built by the one helper
corpus/capture/lib.sh's make_test_deb through listing.sh's make_local_deb and
bookworm.sh's make_failing_deb: each is a real .deb with its name, version
1.0 and architecture all; the local one has no maintainer scripts, the
failing one a postinst that exits 1 (scenario A7's failure).

Skips (exit 77) on a machine without bash or dpkg-deb.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SKIP = 77  # SKIP_RETURN_CODE in tests/CMakeLists.txt
CAPTURE = Path(__file__).resolve().parent.parent / "corpus/capture"


def build(out: Path) -> list[str]:
    script = (f'set -e; WORKDIR="{out}/work"; mkdir -p "$WORKDIR"; cd "{CAPTURE}"; '
              "source ./lib.sh; source ./bookworm.sh; source ./listing.sh; "
              f'make_local_deb "{out}"; make_failing_deb "{out}"')
    run = subprocess.run(["bash", "-c", script], capture_output=True, text=True)
    return [] if run.returncode == 0 else [f"building failed ({run.returncode}): {run.stderr}"]


def field(deb: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "--field", str(deb), name], check=True,
                          capture_output=True, text=True).stdout.strip()


def check(deb: Path, package: str, fails: bool, tmp: Path) -> list[str]:
    problems = []
    if not deb.is_file():
        return [f"{deb.name} was not built"]
    for name, want in (("Package", package), ("Version", "1.0"), ("Architecture", "all")):
        if field(deb, name) != want:
            problems.append(f"{deb.name}: {name} is {field(deb, name)!r}, not {want!r}")
    control = tmp / (package + "-control")
    subprocess.run(["dpkg-deb", "--control", str(deb), str(control)], check=True)
    postinst = control / "postinst"
    if not fails:
        if postinst.exists():
            problems.append(f"{deb.name} has a postinst")
        return problems
    if not postinst.exists():
        return problems + [f"{deb.name} has no postinst"]
    run = subprocess.run([str(postinst), "configure"], capture_output=True, text=True)
    if run.returncode != 1 or "failing on purpose" not in run.stderr:
        problems.append(f"{deb.name}'s postinst exited {run.returncode} ({run.stderr!r}), not 1")
    return problems


def main() -> int:
    if not (shutil.which("bash") and shutil.which("dpkg-deb")):
        print("no bash or dpkg-deb: skipped")
        return SKIP
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        problems = build(tmp)
        problems += check(tmp / "aptparse-listing-local_1.0_all.deb",
                         "aptparse-listing-local", False, tmp)
        problems += check(tmp / "aptparse-failing-postinst_1.0_all.deb",
                          "aptparse-failing-postinst", True, tmp)
    for p in problems:
        print("FAIL", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
