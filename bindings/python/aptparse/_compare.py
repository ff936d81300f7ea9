"""Plan versus outcome: aptparse.compare() and its result classes.

The C++ library compares (aptparse/compare.h says how packages are matched
and what each status means); its JSON (docs/compare.schema.json) is turned
into these frozen dataclasses, so Python and the CLI's --compare --json give
the same answer.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from collections.abc import Iterable
from typing import Any, Literal, Optional, Union

from . import _core
from ._model import Report, Transaction, _Frozen

Action = Literal["install", "upgrade", "downgrade", "reinstall", "remove", "purge", "none"]
ChangeStatus = Literal["happened", "failed", "different", "absent"]

#: What compare() accepts for each side: a Report, one Transaction, or
#: Transactions (e.g. a Report's transactions, or iter_transactions()).
Side = Union[Report, Transaction, Iterable[Transaction]]


@dataclasses.dataclass(frozen=True, slots=True)
class Change(_Frozen):
    """One package's change as one side shows it ("" where the log prints
    none). action "none": a package only in the outcome's failed set."""

    action: Action
    name: str
    arch: str = ""
    old: str = ""
    new: str = ""

    @classmethod
    def _from_json(cls, d: dict[str, Any]) -> Change:
        return cls(d["action"], d["name"], d["arch"] or "", d["old"] or "", d["new"] or "")


@dataclasses.dataclass(frozen=True, slots=True)
class PlannedChange(_Frozen):
    """A change the plan announced, what became of it, and the outcome's
    change of that package (None when the outcome lists none)."""

    plan: Change
    status: ChangeStatus
    outcome: Optional[Change] = None


@dataclasses.dataclass(frozen=True, slots=True)
class UnplannedChange(_Frozen):
    """A change of the outcome that no planned change matched; failed when
    dpkg also left the package unfinished."""

    outcome: Change
    failed: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class Comparison(_Frozen):
    """The result of compare(): the planned changes in the plan's order and
    the unplanned ones in the outcome's order; start and end are the plan
    run's times when compare_runs() paired runs by time, else None."""

    planned: tuple[PlannedChange, ...] = ()
    unplanned: tuple[UnplannedChange, ...] = ()
    start: Optional[datetime.datetime] = None
    end: Optional[datetime.datetime] = None

    def count(self, status: ChangeStatus) -> int:
        """The number of planned changes with this status."""
        return sum(1 for p in self.planned if p.status == status)

    @property
    def all_happened(self) -> bool:
        """True iff every planned change happened."""
        return all(p.status == "happened" for p in self.planned)

    @classmethod
    def _from_json(cls, d: dict[str, Any]) -> Comparison:
        planned = tuple(
            PlannedChange(
                Change._from_json(p),
                p["status"],
                Change._from_json(p["outcome"]) if p["outcome"] else None,
            )
            for p in d["planned"]
        )
        unplanned = tuple(UnplannedChange(Change._from_json(u), u["failed"]) for u in d["unplanned"])
        return cls(planned, unplanned, _time(d["start"]), _time(d["end"]))


def _time(text: Optional[str]) -> Optional[datetime.datetime]:
    return datetime.datetime.fromisoformat(text) if text else None


def _transactions(side: Side, what: str) -> list[Transaction]:
    if isinstance(side, Report):
        return list(side.transactions)
    if isinstance(side, Transaction):
        return [side]
    if isinstance(side, (str, bytes)):
        raise TypeError(f"compare(): {what} is text; parse it first (aptparse.parse or parse_file)")
    items = list(side)
    for t in items:
        if not isinstance(t, Transaction):
            raise TypeError(f"compare(): {what} holds a {type(t).__name__}, not a Transaction")
    return items


def compare(plan: Side, outcome: Side) -> Comparison:
    """Compares the plan of one apt run (apt's output or history.log, parsed)
    with its outcome (term.log or dpkg.log, parsed): which planned changes
    happened, failed, were made otherwise or are absent, and which changes
    were not planned.

    >>> c = compare(parse_file("history.log"), parse_file("term.log"))
    >>> [p.plan.name for p in c.planned if p.status == "failed"]
    """
    text = _core._compare(_transactions(plan, "plan"), _transactions(outcome, "outcome"), False)
    return Comparison._from_json(json.loads(text))


def compare_runs(plan: Side, outcome: Side) -> list[Comparison]:
    """compare() run by run, when the logs say when each run was: every plan
    transaction has start and end (history.log) and every outcome
    transaction a start (term.log, dpkg.log). Each plan run is then compared
    with the outcome transactions that start within it, and its Comparison
    carries the run's start and end. Otherwise [compare(plan, outcome)].
    """
    text = _core._compare(_transactions(plan, "plan"), _transactions(outcome, "outcome"), True)
    return [Comparison._from_json(json.loads(line)) for line in text.splitlines()]
