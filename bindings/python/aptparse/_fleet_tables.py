"""The fleet report's tables: what its text and HTML views both show."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .fleet import FleetReport

Table = tuple[str, list[str], list[list[Any]], str]


def iter_rows(fleet: FleetReport) -> Iterator[Table]:
    """The report's tables, as (title, headers, rows, what an empty one
    means): what the text and HTML views both show."""
    yield (
        "Hosts",
        ["host", "files", "runs", "applied", "installed", "removed",
         "pending", "security pending", "failures", "last run"],
        [[h.name, h.files, h.transactions, h.applied, h.installed, h.removed,
          len(h.pending), len(h.pending_security), h.failures,
          h.last_start.isoformat(sep=" ") if h.last_start else ""]
         for h in fleet.hosts],
        "no host",
    )
    yield (
        "Security updates still pending",
        ["host", "count", "packages"],
        [[h.name, len(h.pending_security), ", ".join(h.pending_security)]
         for h in fleet.hosts if h.pending_security],
        "no security update is pending, as far as the logs tell",
    )
    yield (
        "Kept back and held",
        ["package", "reason", "hosts", "on"],
        [[k.name, k.reason.replace("_", " "), len(k.hosts), ", ".join(k.hosts)]
         for k in fleet.held],
        "no package was kept back or held",
    )
    yield (
        "Failures",
        ["host", "source", "lines", "reasons", "what"],
        [[f.host, f.source, f"{f.first_line}-{f.last_line}",
          ", ".join(f.reasons), f.text] for f in fleet.failures],
        "no transaction had an error or disagreed with apt's counts",
    )
    yield (
        "Most often upgraded",
        ["package", "upgrades", "hosts"],
        [[u.name, u.times, u.hosts] for u in fleet.top_upgraded],
        "no run carried out an upgrade",
    )
    yield (
        "Timeline (changes carried out per day)",
        ["day", "upgraded", "installed", "removed"],
        [[d.day.isoformat(), d.upgraded, d.installed, d.removed]
         for d in fleet.timeline],
        "no run carried out has a start time (console captures have none)",
    )
