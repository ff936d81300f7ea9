"""The ``apt_runs=`` option: apt's runs for grouping a dpkg.log, as the
(start, end) pairs the C++ options::apt_runs takes."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, Union

from ._model import Report

#: The ``apt_runs=`` of parse(), parse_file() and Parser().
AptRuns = Union[Report, Iterable[tuple[Any, Any]], None]


def apt_runs_of(
    history: Report,
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """The apt runs a Report of history.log (or term.log) records: the
    (start, end) of each transaction that has both, in order. Give them,
    or the Report itself, as ``apt_runs=`` to parse the dpkg.log of the
    same host: its lines are then grouped into one Transaction per apt run
    exactly (the C++ apt_runs_of() and options::apt_runs)."""
    return [(t.start, t.end) for t in history.transactions
            if t.start is not None and t.end is not None]


def _run_pairs(apt_runs: AptRuns) -> list[tuple[str, str]]:
    """apt_runs= as the (start, end) ISO strings the C++ options take:
    from a Report, or pairs of datetime or "YYYY-MM-DDTHH:MM:SS"."""
    if apt_runs is None:
        return []
    if isinstance(apt_runs, Report):
        apt_runs = apt_runs_of(apt_runs)
    if isinstance(apt_runs, (str, bytes)) or not isinstance(apt_runs, Iterable):
        raise TypeError("apt_runs must be a Report or (start, end) pairs, "
                        f"not {type(apt_runs).__name__}")
    out = []
    for run in apt_runs:
        if not isinstance(run, tuple) or len(run) != 2:
            raise TypeError(f"an apt run must be a (start, end) pair, not {run!r}")
        out.append(tuple(
            t.isoformat(timespec="seconds") if isinstance(t, datetime.datetime)
            else str(t) for t in run))
    return out  # type: ignore[return-value]
