"""The fleet report's HTML in a real browser: headless Chromium.

`aptparse report --html` over the whole corpus (hosts = its directories,
logs/ and wild/) is opened in Chromium: the screenshot must show a page
(not a blank one), the page must raise no JavaScript error and log no
console error, and clicking a column header must sort the table. The
page is instrumented by a copy with two test scripts added (an error hook
first, a click at the end that writes what it saw into the DOM); the
report itself carries no test code. Chromium comes from tools/setup.sh;
without it the tests skip, saying so.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
HOOK = """<script>
window.__errors = [];
window.addEventListener("error", function (e) { __errors.push(String(e.message)); });
console.error = function () { __errors.push(Array.from(arguments).join(" ")); };
</script>"""
# Clicks the header `column` of the first sortable table twice and records
# the column's cells before and after each click.
CLICK = """<script>
(function () {
  var out = {errors: window.__errors};
  try {
    var table = document.querySelector("table.sortable");
    var th = table.tHead.rows[0].cells[%d];
    var cells = function () {
      return Array.from(table.tBodies[0].rows, function (r) {
        return r.cells[th.cellIndex].textContent; });
    };
    out.before = cells();
    th.click(); out.first = cells(); out.first_sort = th.getAttribute("aria-sort");
    th.click(); out.second = cells(); out.second_sort = th.getAttribute("aria-sort");
  } catch (e) { out.errors.push("test script: " + e); }
  var pre = document.createElement("pre");
  pre.id = "test-result"; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"""


def chromium(*args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    if BROWSER is None:
        pytest.skip("chromium is not installed (tools/setup.sh installs it)")
    return subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu",
         "--no-first-run", "--hide-scrollbars", f"--user-data-dir={tmp / 'profile'}",
         "--enable-logging=stderr", "--v=0", *args],
        capture_output=True, text=True, timeout=180)


def console_errors(stderr: str) -> list[str]:
    """Chromium's log lines of console messages that are errors."""
    return [line for line in stderr.splitlines()
            if "CONSOLE" in line and ("Uncaught" in line or "rror" in line)]


def instrumented(page: str, column: int) -> str:
    head = page.index("<head>") + len("<head>")
    end = page.rindex("</body>")
    return page[:head] + HOOK + page[head:end] + CLICK % column + page[end:]


def run_page(page: str, column: int, tmp: Path) -> tuple[dict[str, Any], list[str]]:
    path = tmp / "instrumented.html"
    path.write_text(instrumented(page, column))
    r = chromium("--dump-dom", path.as_uri(), tmp=tmp)
    assert r.returncode == 0, r.stderr[-2000:]
    start = r.stdout.index('<pre id="test-result">') + len('<pre id="test-result">')
    result = json.loads(r.stdout[start:r.stdout.index("</pre>", start)]
                        .replace("&quot;", '"').replace("&amp;", "&")
                        .replace("&lt;", "<").replace("&gt;", ">"))
    return result, console_errors(r.stderr)


@pytest.fixture(scope="module")
def corpus_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("matplotlib")
    out = tmp_path_factory.mktemp("report") / "fleet.html"
    r = subprocess.run([sys.executable, "-m", "aptparse", "report", "--html",
                        str(out), str(ROOT / "corpus")],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return out


def test_corpus_report_renders_a_page(corpus_page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    r = chromium(f"--screenshot={shot}", "--window-size=1366,900",
                 "--virtual-time-budget=2000",
                 "--run-all-compositor-stages-before-draw",
                 corpus_page.as_uri(), tmp=tmp_path)
    assert r.returncode == 0 and shot.is_file(), r.stderr[-2000:]
    assert console_errors(r.stderr) == []
    import matplotlib.image

    pixels = matplotlib.image.imread(str(shot))
    assert pixels.shape[:2] == (900, 1366)
    # Not blank: many distinct colours (text, bars, table lines), and
    # dark text on the light page.
    flat = (pixels[:, :, :3] * 255).astype("uint8").reshape(-1, 3)
    assert len({tuple(p) for p in flat[::7]}) > 50
    assert (flat.sum(axis=1) < 200).mean() > 0.005


def test_corpus_report_has_no_errors_and_sorts(corpus_page: Path,
                                               tmp_path: Path) -> None:
    page = corpus_page.read_text()
    assert page.count("<svg") >= 2
    result, logged = run_page(page, 1, tmp_path)  # Hosts: "files"
    assert result["errors"] == [] and logged == []
    before = [int(x) for x in result["before"]]
    assert [int(x) for x in result["first"]] == sorted(before)
    assert [int(x) for x in result["second"]] == sorted(before, reverse=True)
    assert (result["first_sort"], result["second_sort"]) == ("ascending",
                                                             "descending")


def test_a_page_error_would_be_seen(corpus_page: Path, tmp_path: Path) -> None:
    """The checks above can fail: a broken script is caught both ways."""
    page = corpus_page.read_text().replace(
        "<script>", "<script>undefined_function();", 1)
    result, logged = run_page(page, 0, tmp_path)
    assert any("undefined_function" in e for e in result["errors"])
    assert any("undefined_function" in line for line in logged)
