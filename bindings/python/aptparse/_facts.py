"""What the fleet report reads from a Transaction, in one place.

The report is built on :class:`~aptparse.Transaction` alone. Each fact it
needs is read here, so that the rule for, say, "a plan, not a run" is
written once and the text, HTML and ``--fail-on`` views agree.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from typing import Optional

from . import _core
from ._model import Package, Transaction


def start(t: Transaction) -> Optional[datetime.datetime]:
    """When the run started (history.log's Start-Date, term.log's Log
    started, a dpkg.log run's first line), or None: console captures carry
    no time."""
    return t.start


def is_listing(t: Transaction) -> bool:
    """An ``apt list --upgradable`` listing, not an apt run."""
    return getattr(t, "kind", "transaction") == "listing"


def is_plan(t: Transaction) -> bool:
    """A listing, or a simulation (``-s``: every upgraded or installed
    package came from a simulate line): nothing was changed. Any other
    transaction is taken as a run that was carried out. (The C++ CLI's
    rule, src/cli/fail_on.cpp, which --fail-on pending-security uses.)"""
    return _core.is_plan(t)


def is_security(p: Package) -> bool:
    """The package's new version comes from a security suite."""
    return getattr(p, "security", None) is True


def pending(t: Transaction) -> Iterator[Package]:
    """What the transaction leaves pending: a plan's upgraded, newly
    installed and upgradable listed packages, then the packages any
    transaction kept back (the C++ rule beside is_plan, cli::pending in
    src/cli/fail_on.h, which ``--fail-on pending-security`` uses)."""
    for set_name, index in _core.pending(t):
        package: Package = getattr(t, set_name)[index]
        yield package


def failed_packages(t: Transaction) -> Sequence[Package]:
    """What dpkg left half-installed, half-configured or unpacked."""
    return t.failed


def fail_reasons(t: Transaction) -> list[str]:
    """The ``--fail-on`` reasons the transaction meets, by the C++ CLI's
    own rules (src/cli/fail_on.cpp), but for pending-security: pending
    updates are not a failure of the run; the report shows them apart,
    less what a later run carried out."""
    return [r for r in _core.fail_reasons(t) if r != "pending-security"]


def problem(t: Transaction) -> str:
    """One line saying what went wrong: apt's or dpkg's first error, the
    packages dpkg left broken, or the counts that disagree."""
    if t.errors:
        return t.errors[0].text.splitlines()[0]
    if t.error:
        return t.error.splitlines()[0]
    if failed_packages(t):
        return "dpkg left unfinished: " + ", ".join(
            p.name for p in failed_packages(t)
        )
    if t.consistency.verdict == "inconsistent":
        return "apt's counts disagree with the lists: " + ", ".join(
            t.consistency.mismatches
        )
    return ""
