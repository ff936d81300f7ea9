"""Static typing: the stub matches the compiled module, and a user script
type-checks under mypy --strict."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mypy", reason="mypy is not installed (pip install mypy)")

HERE = Path(__file__).resolve().parent


@pytest.mark.slow
def test_stubtest() -> None:
    r = subprocess.run([sys.executable, "-m", "mypy.stubtest", "aptparse._core"],
                       capture_output=True, text=True, cwd=HERE.parent.parent / "tests")
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.slow
def test_mypy_strict_on_a_user_script(tmp_path: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental",
         "--cache-dir", str(tmp_path), str(HERE / "typing_sample.py")],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert r.returncode == 0, r.stdout + r.stderr
