"""The fleet report as one self-contained HTML page (FleetReport.to_html()).

Everything is inline: CSS, a small script that sorts tables, and the plots
as SVG made by matplotlib (the optional extra ``aptparse[report]``). The
page loads nothing from the network. Without matplotlib the page has the
same tables and says why the plots are missing.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from . import __version__
from ._fleet_text import summary

if TYPE_CHECKING:
    from .fleet import FleetReport

CSS = """
:root { --fg:#1d2330; --muted:#5b6475; --line:#d9dee8; --head:#eef1f6;
  --accent:#2f5fb3; --bad:#b3261e; --ok:#1e7a3c; }
* { box-sizing:border-box; }
body { margin:0; font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,
  "DejaVu Sans",sans-serif; color:var(--fg); background:#f7f8fb; }
main { max-width:1240px; margin:0 auto; padding:20px 24px 40px; }
h1 { font-size:22px; margin:0 0 4px; }
h2 { font-size:17px; margin:28px 0 8px; }
.sub { color:var(--muted); margin:0 0 16px; }
.cards { display:grid; grid-template-columns:repeat(auto-fit,minmax(160px,1fr));
  gap:12px; }
.card { background:#fff; border:1px solid var(--line); border-radius:8px;
  padding:10px 14px; }
.card b { display:block; font-size:24px; }
.card.bad b { color:var(--bad); } .card.ok b { color:var(--ok); }
.card span { color:var(--muted); font-size:13px; }
.plots { display:grid; grid-template-columns:repeat(auto-fit,minmax(360px,1fr));
  gap:12px; margin-top:12px; align-items:start; }
figure { margin:0; background:#fff; border:1px solid var(--line);
  border-radius:8px; padding:8px; }
figure svg { width:100%; height:auto; display:block; }
.note { color:var(--muted); font-style:italic; }
.scroll { max-height:420px; overflow:auto; background:#fff;
  border:1px solid var(--line); border-radius:8px; }
table { border-collapse:collapse; width:100%; font-size:14px; }
th, td { padding:5px 10px; border-bottom:1px solid var(--line);
  text-align:left; vertical-align:top; }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
th { background:var(--head); position:sticky; top:0; cursor:pointer;
  user-select:none; white-space:nowrap; }
th::after { content:" \\2195"; color:#9aa3b5; }
th[aria-sort=ascending]::after { content:" \\25B2"; color:var(--accent); }
th[aria-sort=descending]::after { content:" \\25BC"; color:var(--accent); }
td.wrap { max-width:520px; overflow-wrap:anywhere; }
footer { margin-top:28px; color:var(--muted); font-size:13px; }
"""

# Click a header to sort by it; again to reverse. Numbers sort as numbers.
JS = """
document.querySelectorAll("table.sortable th").forEach(function (th, i) {
  th.addEventListener("click", function () {
    var table = th.closest("table"), body = table.tBodies[0];
    var asc = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (h) {
      h.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var num = th.classList.contains("num");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[th.cellIndex].textContent;
      var y = b.cells[th.cellIndex].textContent;
      var c = num ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
"""

INSTALL_HINT = "pip install 'aptparse[report]'"


def _esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _table(headers: list[str], rows: list[list[Any]], empty: str) -> str:
    if not rows:
        return f'<p class="note">{_esc(empty)}.</p>'
    numeric = [all(isinstance(r[i], int) for r in rows) for i in range(len(headers))]
    head = "".join(
        f'<th{" class=num" if num else ""} scope="col">{_esc(h)}</th>'
        for h, num in zip(headers, numeric)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="{"num" if num else "wrap"}">{_esc(v)}</td>'
            for v, num in zip(r, numeric)
        )
        + "</tr>"
        for r in rows
    )
    return (
        f'<div class="scroll"><table class="sortable"><thead><tr>{head}</tr>'
        f"</thead><tbody>{body}</tbody></table></div>"
    )


def _cards(fleet: FleetReport) -> str:
    pending = sum(len(h.pending) for h in fleet.hosts)
    applied = sum(h.applied for h in fleet.hosts)
    cards = [
        ("", len(fleet.hosts), "hosts"),
        ("", fleet.transactions, f"transactions in {fleet.files} files"),
        ("", applied, "upgrades carried out"),
        ("", pending, "updates pending"),
        ("bad" if fleet.pending_security else "ok", fleet.pending_security,
         "security updates pending"),
        ("bad" if fleet.failures else "ok", len(fleet.failures),
         "failed transactions"),
    ]
    return '<div class="cards">' + "".join(
        f'<div class="card {cls}"><b>{value}</b><span>{_esc(label)}</span></div>'
        for cls, value, label in cards
    ) + "</div>"


def _plots(fleet: FleetReport, plots: bool) -> str:
    if not plots:
        return '<p class="note">Plots left out (plots=False).</p>'
    try:
        from . import _fleet_plots
    except ImportError as e:
        return (
            f'<p class="note">No plots: matplotlib cannot be imported ({_esc(e)}); '
            f"{_esc(INSTALL_HINT)} installs it.</p>"
        )
    figures = _fleet_plots.figures(fleet)
    if not figures:
        return '<p class="note">Nothing to plot.</p>'
    return '<div class="plots">' + "".join(
        f'<figure aria-label="{_esc(title)}">{svg}</figure>' for title, svg in figures
    ) + "</div>"


def render_html(fleet: FleetReport, *, plots: bool = True) -> str:
    from ._fleet_tables import iter_rows

    sections = []
    for title, headers, rows, empty in iter_rows(fleet):
        slug = re.sub(r"[^a-z]+", "-", title.lower()).strip("-")
        sections.append(
            f'<section id="{slug}"><h2>{_esc(title)} ({len(rows)})</h2>'
            f"{_table(headers, rows, empty)}</section>"
        )
    unreadable = "".join(
        f"<li>{_esc(path)}: {_esc(why)}</li>" for path, why in fleet.unreadable
    )
    if unreadable:
        sections.append(f"<section><h2>Unreadable files</h2><ul>{unreadable}</ul></section>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>aptparse fleet report</title>"
        f"<style>{CSS}</style></head><body><main>"
        "<h1>aptparse fleet report</h1>"
        f'<p class="sub">{_esc(summary(fleet))}</p>'
        f"{_cards(fleet)}{_plots(fleet, plots)}{''.join(sections)}"
        f"<footer>Made by aptparse {_esc(__version__)}. Pending: what a "
        "simulation would upgrade or install, a listing offered, or a run kept "
        "back, that no later run on the host carried out. Click a column "
        "header to sort.</footer>"
        f"</main><script>{JS}</script></body></html>\n"
    )
