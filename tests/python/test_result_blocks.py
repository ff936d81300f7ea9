"""bench/result_blocks.py: tools/bench.sh replaces only the generated blocks
of bench/RESULTS.md and keeps the hand-written text around them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))
import result_blocks as rb  # noqa: E402

TARGET = """\
<!-- bench.sh: begin intro -->
# results (old intro)
<!-- bench.sh: end intro -->

A hand-written note between the blocks.

<!-- bench.sh: begin table -->
| a | 1 |
| b | 2 |
<!-- bench.sh: end table -->

## Hand-written section

Figures from another run, kept.

<!-- bench.sh: begin notes -->
old notes
<!-- bench.sh: end notes -->
trailing hand text
"""

RENDERED = """\
<!-- bench.sh: begin intro -->
# results
<!-- bench.sh: end intro -->

<!-- bench.sh: begin table -->
| a | 10 |
| b | 20 |
| c | 30 |
<!-- bench.sh: end table -->

<!-- bench.sh: begin gzip -->
gzip figures
<!-- bench.sh: end gzip -->

<!-- bench.sh: begin notes -->
<!-- bench.sh: end notes -->
"""


def test_blocks_are_replaced_and_hand_text_kept() -> None:
    text, kept = rb.replace_blocks(TARGET, RENDERED)
    assert kept == []
    assert text == """\
<!-- bench.sh: begin intro -->
# results
<!-- bench.sh: end intro -->

A hand-written note between the blocks.

<!-- bench.sh: begin table -->
| a | 10 |
| b | 20 |
| c | 30 |
<!-- bench.sh: end table -->

<!-- bench.sh: begin gzip -->
gzip figures
<!-- bench.sh: end gzip -->

## Hand-written section

Figures from another run, kept.

<!-- bench.sh: begin notes -->
<!-- bench.sh: end notes -->
trailing hand text
"""
    # Applying the same rendering again changes nothing.
    assert rb.replace_blocks(text, RENDERED) == (text, [])


def test_a_block_the_run_did_not_render_is_kept() -> None:
    rendered = RENDERED.replace("| c | 30 |\n", "").split("<!-- bench.sh: begin notes")[0]
    text, kept = rb.replace_blocks(TARGET, rendered)
    assert kept == ["notes"]
    assert "old notes\n" in text and "| b | 20 |\n" in text
    assert "Figures from another run, kept." in text


def test_a_new_first_block_goes_before_the_targets_first() -> None:
    target = "hand\n<!-- bench.sh: begin b -->\nold\n<!-- bench.sh: end b -->\n"
    rendered = ("<!-- bench.sh: begin a -->\nA\n<!-- bench.sh: end a -->\n"
                "<!-- bench.sh: begin b -->\nB\n<!-- bench.sh: end b -->\n")
    text, _ = rb.replace_blocks(target, rendered)
    assert text == ("hand\n<!-- bench.sh: begin a -->\nA\n<!-- bench.sh: end a -->\n\n"
                    "<!-- bench.sh: begin b -->\nB\n<!-- bench.sh: end b -->\n")


def test_an_empty_target_becomes_the_rendering() -> None:
    assert rb.replace_blocks("", RENDERED) == (RENDERED, [])


@pytest.mark.parametrize("target, why", [
    ("all hand-written\n", "no bench.sh markers"),
    ("<!-- bench.sh: begin a -->\nx\n", "block a has no end"),
    ("<!-- bench.sh: end a -->\n", "line 1: end a without its begin"),
    ("<!-- bench.sh: begin a -->\n<!-- bench.sh: begin b -->\n",
     "line 2: begin b inside block a"),
    ("<!-- bench.sh: begin a -->\n<!-- bench.sh: end a -->\n" * 2,
     "line 3: a second block a"),
])
def test_markers_that_do_not_pair_up_are_refused(target: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        rb.replace_blocks(target, RENDERED)


def test_the_command_leaves_a_bad_target_unchanged(tmp_path: Path) -> None:
    rendered, target = tmp_path / "new.md", tmp_path / "RESULTS.md"
    rendered.write_text(RENDERED)
    target.write_text("all hand-written\n")
    r = subprocess.run([sys.executable, str(BENCH / "result_blocks.py"),
                        str(rendered), str(target)], capture_output=True, text=True)
    assert r.returncode == 1 and "no bench.sh markers" in r.stderr
    assert target.read_text() == "all hand-written\n"
    target.write_text(TARGET)
    r = subprocess.run([sys.executable, str(BENCH / "result_blocks.py"),
                        str(rendered), str(target)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert target.read_text() == rb.replace_blocks(TARGET, RENDERED)[0]


def test_a_rerun_keeps_the_hand_written_parts_of_results_md(tmp_path: Path) -> None:
    # render_results.py on a run that measured nothing: every block it
    # always writes is replaced, and each hand-written line survives.
    out = tmp_path / "bench-out"
    out.mkdir()
    (out / "machine.txt").write_text("date=2026-01-01T00:00:00Z\ncores=2\n")
    (out / "bench_parser.json").write_text(json.dumps({"benchmarks": []}))
    rendered = subprocess.run(
        [sys.executable, str(BENCH / "render_results.py"), str(out)],
        capture_output=True, text=True, check=True).stdout
    results = (BENCH / "RESULTS.md").read_text()
    old, new = rb.blocks(results), rb.blocks(rendered)
    assert set(new) <= set(old), "a block render_results.py writes is not in RESULTS.md"
    text, kept = rb.replace_blocks(results, rendered)
    assert set(kept) == set(old) - set(new)
    assert "- **date**: 2026-01-01T00:00:00Z" in text
    generated = {i for b in old.values()
                 for i in range(results.count("\n", 0, b.start),
                                results.count("\n", 0, b.stop))}
    hand = [line for i, line in enumerate(results.splitlines())
            if i not in generated and line.strip()]
    assert any(line.startswith("## Issue #15") for line in hand)
    assert "### Fleet / Dask" in hand
    lines = text.splitlines()
    assert [line for line in hand if line not in lines] == []
