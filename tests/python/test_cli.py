"""python -m aptparse is the C++ command (src/cli/run.cpp through
_core.run_cli): same output, exit status and messages as build/src/aptparse."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

from conftest import corpus_logs


def run(argv: list[str], stdin: bytes | None = None) -> tuple[int, bytes, bytes]:
    r = subprocess.run(argv, input=stdin, capture_output=True, check=False)
    return r.returncode, r.stdout, r.stderr


def both(cli: Path, *args: str, stdin: bytes | None = None) -> None:
    want = run([str(cli), *args], stdin)
    got = run([sys.executable, "-m", "aptparse", *args], stdin)
    assert got == want, args


def test_json_of_the_whole_corpus_is_byte_identical(cli: Path) -> None:
    logs = [str(p) for p in corpus_logs()]
    assert logs
    both(cli, "--json", "-j", "1", *logs)


def test_errors_give_the_same_status_and_stderr(cli: Path, tmp_path: Path) -> None:
    log = str(corpus_logs()[0])
    for args in (
        [str(tmp_path / "missing.log"), log],  # missing file, then a log
        [str(tmp_path)],                       # a directory
        ["--bogus", log],                      # usage errors
        ["-j", "0"],
        ["--json=1"],
    ):
        both(cli, *args)


def test_gzip_on_standard_input(cli: Path) -> None:
    data = gzip.compress(corpus_logs()[0].read_bytes())
    both(cli, "--json", stdin=data)
    both(cli, stdin=data + b"junk")  # trailing garbage: exit status 2
