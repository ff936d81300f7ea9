"""The fleet report's plots, as inline SVG made by matplotlib.

Importing this module fails when matplotlib is missing; the HTML page then
goes without plots and says so (_fleet_html.py).
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

if TYPE_CHECKING:
    from .fleet import FleetReport

#: At most this many bars in a plot (the tables list everything).
MAX_BARS = 15
#: Inches; a figure is shown about 380 px wide, so this keeps text at
#: about the page's size.
WIDTH = 4.6
BLUE, GREY, RED, GREEN = "#2f5fb3", "#9aa3b5", "#b3261e", "#1e7a3c"

STYLE: dict[str, Any] = {
    "svg.fonttype": "none",  # text stays text: the page's font, selectable
    "svg.hashsalt": "aptparse",  # the same ids on every run
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
}


def _svg(fig: Any) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = out.getvalue()
    text = text[text.index("<svg") :]
    # Scale with the page: keep the viewBox, drop the fixed size.
    return re.sub(r'(<svg[^>]*?) width="[^"]*" height="[^"]*"', r"\1", text, count=1)


def _hosts(fleet: FleetReport) -> Any:
    hosts = sorted(fleet.hosts, key=lambda h: -(h.applied + len(h.pending)))
    hosts = hosts[:MAX_BARS][::-1]
    fig, ax = plt.subplots(figsize=(WIDTH, 0.35 * len(hosts) + 1.2))
    y = range(len(hosts))
    ax.barh([i + 0.2 for i in y], [h.applied for h in hosts], 0.4,
            color=BLUE, label="upgrades carried out")
    ax.barh([i - 0.2 for i in y], [len(h.pending) for h in hosts], 0.4,
            color=GREY, label="pending")
    ax.barh([i - 0.2 for i in y], [len(h.pending_security) for h in hosts], 0.4,
            color=RED, label="of which security")
    ax.set_yticks(list(y), [h.name for h in hosts])
    ax.set_title("Upgrades per host")
    ax.legend(loc="lower right", frameon=False, fontsize=9)
    return fig


def _top(fleet: FleetReport) -> Any:
    top = list(fleet.top_upgraded[:MAX_BARS])[::-1]
    fig, ax = plt.subplots(figsize=(WIDTH, 0.3 * len(top) + 1.2))
    ax.barh([u.name for u in top], [u.times for u in top], color=BLUE)
    ax.set_title("Most often upgraded packages")
    ax.set_xlabel("upgrades carried out")
    return fig


def _timeline(fleet: FleetReport) -> Any:
    # Days as categories: the days with changes, side by side.
    days = [d.day.isoformat() for d in fleet.timeline]
    up = [d.upgraded for d in fleet.timeline]
    inst = [d.installed for d in fleet.timeline]
    removed = [d.removed for d in fleet.timeline]
    fig, ax = plt.subplots(figsize=(WIDTH, 3.2))
    ax.bar(days, up, 0.6, color=BLUE, label="upgraded")
    ax.bar(days, inst, 0.6, bottom=up, color=GREEN, label="installed")
    ax.bar(days, removed, 0.6, bottom=[a + b for a, b in zip(up, inst)],
           color=RED, label="removed")
    # A few days keep bars of a bar's width; room above for the legend.
    pad = max(0.0, (8 - len(days)) / 2)
    ax.set_xlim(-0.5 - pad, len(days) - 0.5 + pad)
    top = max(a + b + c for a, b, c in zip(up, inst, removed))
    ax.set_ylim(0, top * 1.25 or 1)
    if len(days) <= 12:
        ax.set_xticks(range(len(days)), days)
    else:
        ax.xaxis.set_major_locator(MaxNLocator(12))
    ax.set_title("Changes per day")
    ax.legend(frameon=False, ncols=3, loc="upper center", fontsize=9)
    fig.autofmt_xdate()
    return fig


def figures(fleet: FleetReport) -> list[tuple[str, str]]:
    """(title, SVG) of each plot there is data for."""
    out = []
    with plt.rc_context(STYLE):  # type: ignore[arg-type]
        if fleet.hosts:
            out.append(("Upgrades per host", _svg(_hosts(fleet))))
        if fleet.top_upgraded:
            out.append(("Most often upgraded packages", _svg(_top(fleet))))
        if fleet.timeline:
            out.append(("Changes per day", _svg(_timeline(fleet))))
    return out
