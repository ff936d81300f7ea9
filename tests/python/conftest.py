"""Shared helpers for the aptparse Python tests.

The tests read real apt captures from corpus/logs/*.log. An empty or
missing corpus FAILS the run (see test_corpus_is_not_empty and
empty_parameter_set_mark in pyproject.toml); it is never skipped.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus" / "logs"


def corpus_logs() -> list[Path]:
    return sorted(CORPUS.glob("*.log"))


LOGS = corpus_logs()
LOG_IDS = [p.name for p in LOGS]


def find_cli() -> Path | None:
    """The C++ CLI: $APTPARSE_CLI, else the newest build*/src/aptparse
    (build/ of the default preset first among equals), else PATH.

    The comparison is only meaningful when the CLI and the installed module
    were built from the same sources: rebuild both after changing src/."""
    env = os.environ.get("APTPARSE_CLI")
    if env:
        return Path(env) if Path(env).is_file() else None
    candidates = [c for c in [ROOT / "build" / "src" / "aptparse",
                              *sorted(ROOT.glob("build*/src/aptparse"))]
                  if c.is_file() and os.access(c, os.X_OK)]
    if candidates:
        return max(candidates, key=lambda c: c.stat().st_mtime)
    found = shutil.which("aptparse")
    return Path(found) if found else None


@pytest.fixture(scope="session")
def cli() -> Path:
    path = find_cli()
    if path is None:
        pytest.skip("the C++ CLI is not built (set APTPARSE_CLI or build it)")
    return path


@pytest.fixture(scope="session")
def all_logs() -> list[Path]:
    logs = corpus_logs()
    assert logs, f"no logs in {CORPUS}"
    return logs
