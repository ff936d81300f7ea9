"""Builds large inputs from the real logs of corpus/logs (in memory)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus" / "logs"


def logs(pattern: str = "*.log") -> list[Path]:
    found = sorted(CORPUS.glob(pattern))
    if not found:
        sys.exit(f"no {pattern} in {CORPUS}")
    return found


def big_input(size_mb: float, pattern: str = "*.log", rotate: int = 0) -> bytes:
    """Concatenates the logs matching ``pattern`` (starting at the
    ``rotate``-th, so two inputs differ) until ``size_mb`` MB."""
    parts = [p.read_bytes() for p in logs(pattern)]
    parts = parts[rotate % len(parts):] + parts[: rotate % len(parts)]
    parts = [p if p.endswith(b"\n") else p + b"\n" for p in parts]
    one = b"".join(parts)
    target = int(size_mb * 1_000_000)
    return (one * (target // len(one) + 1))[:target].rsplit(b"\n", 1)[0] + b"\n"


def find_cli() -> Path | None:
    import os
    import shutil

    env = os.environ.get("APTPARSE_CLI")
    if env:
        return Path(env)
    for c in [ROOT / "build" / "src" / "aptparse", *sorted(ROOT.glob("build*/src/aptparse"))]:
        if c.is_file():
            return c
    w = shutil.which("aptparse")
    return Path(w) if w else None
