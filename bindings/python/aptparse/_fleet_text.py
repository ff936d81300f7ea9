"""The fleet report as text for a terminal (FleetReport.to_text())."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .fleet import FleetReport

#: Cells wider than this are cut (with "...") to keep a table on screen.
MAX_CELL = 60


def summary(fleet: FleetReport) -> str:
    """One line: the fleet in figures."""
    return (
        f"{len(fleet.hosts)} hosts, {fleet.files} files, "
        f"{fleet.transactions} transactions; "
        f"{fleet.pending_security} security updates pending, "
        f"{len(fleet.failures)} failed transactions"
    )


def _cell(value: Any) -> str:
    text = str(value)
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 3] + "..."


def _table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    cells = [headers] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    numeric = [all(isinstance(r[i], int) for r in rows) for i in range(len(headers))]
    lines = []
    for r in cells:
        parts = [
            c.rjust(w) if num else c.ljust(w)
            for c, w, num in zip(r, widths, numeric)
        ]
        lines.append("  " + "  ".join(parts).rstrip())
    return lines


def render_text(fleet: FleetReport) -> str:
    from ._fleet_tables import iter_rows

    out = [f"aptparse fleet report: {summary(fleet)}"]
    for title, headers, rows, empty in iter_rows(fleet):
        out += ["", f"{title} ({len(rows)})"]
        out += _table(headers, rows) if rows else [f"  ({empty})"]
    for path, why in fleet.unreadable:
        out.append(f"unreadable: {path}: {why}")
    return "\n".join(out) + "\n"
