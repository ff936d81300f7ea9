"""The result classes: frozen, slotted, typed, picklable dataclasses.

The C++ module makes instances of these classes directly (see
bindings/python/src/convert.h), so the field order here is the one
``aptparse._core`` expects; ``_core._set_types`` checks it at import.
Package (_package.py), Counts, Sizes and Stats (_decls.py, generated from
the C++ X-macros) and the lazy sequences (_lazy.py) have files of their
own; this module gathers them.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal, Optional

from . import _core
from ._decls import Counts, Sizes, Stats
from ._frozen import _Frozen
from ._lazy import LazyTransactions
from ._package import Package, Reason

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ._records import Names

_Table = Literal["packages", "transactions"]

__all__ = [
    "SET_NAMES",
    "Consistency",
    "Counts",
    "Diagnostic",
    "Kind",
    "LazyTransactions",
    "Level",
    "Message",
    "Package",
    "Reason",
    "Report",
    "Sizes",
    "Stats",
    "Status",
    "Transaction",
    "Unrecognized",
    "Verdict",
    "_Frozen",
]

Verdict = Literal["consistent", "inconsistent", "no_counts"]
Level = Literal["error", "warning", "notice", "audit"]
Kind = Literal["transaction", "listing"]

#: The package sets of a transaction, in the order of the JSON output.
SET_NAMES: tuple[str, ...] = tuple(_core.SET_NAMES)


@dataclasses.dataclass(frozen=True, slots=True)
class Consistency(_Frozen):
    """Do the parsed sets agree with apt's counts?"""

    verdict: Verdict = "no_counts"
    mismatches: tuple[str, ...] = ()
    unverifiable: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class Message(_Frozen):
    """An apt message (E:, W:, N:, ...); continuation lines joined by \\n."""

    level: Level
    text: str
    line: int = 0
    offset: int = 0


@dataclasses.dataclass(frozen=True, slots=True)
class Unrecognized(_Frozen):
    """A line that no format table knows."""

    line: int
    offset: int
    text: str


@dataclasses.dataclass(frozen=True, slots=True)
class Diagnostic(_Frozen):
    """A problem in the input that the parser handled."""

    code: str
    line: int = 0
    offset: int = 0
    dropped: int = 0

    @property
    def message(self) -> str:
        """The English explanation of ``code``."""
        return _core.error_message(self.code)


@dataclasses.dataclass(frozen=True, slots=True)
class Status(_Frozen):
    """A failed parse status (only under ``strict=True``)."""

    code: str
    line: int = 0
    offset: int = 0

    @property
    def message(self) -> str:
        return _core.error_message(self.code)


_EMPTY: Sequence[Package] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class Transaction(_Frozen):
    """One apt run: its package sets, counts, sizes and messages.

    A package set is a tuple when made by hand; from the parser, a
    ``_core.Packages``, which makes each Package when it is read and
    behaves as the tuple of its packages (equal, hashed and pickled as
    it)."""

    upgraded: Sequence[Package] = _EMPTY
    newly_installed: Sequence[Package] = _EMPTY
    to_remove: Sequence[Package] = _EMPTY
    not_upgraded: Sequence[Package] = _EMPTY
    downgraded: Sequence[Package] = _EMPTY
    reinstalled: Sequence[Package] = _EMPTY
    held_changed: Sequence[Package] = _EMPTY
    autoremovable: Sequence[Package] = _EMPTY
    suggested: Sequence[Package] = _EMPTY
    recommended: Sequence[Package] = _EMPTY
    essential_removed: Sequence[Package] = _EMPTY
    additional: Sequence[Package] = _EMPTY
    broken: Sequence[Package] = _EMPTY
    disappeared: Sequence[Package] = _EMPTY
    esm: Sequence[Package] = _EMPTY  # Ubuntu Pro's esm-infra/apps advert
    failed: Sequence[Package] = _EMPTY  # left half-installed by dpkg
    listed: Sequence[Package] = _EMPTY  # apt list's lines (kind "listing")
    counts: Optional[Counts] = None
    consistency: Consistency = Consistency()
    sizes: Sizes = Sizes()
    messages: tuple[Message, ...] = ()
    unrecognized_count: int = 0
    unrecognized: tuple[Unrecognized, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    first_line: int = 0
    last_line: int = 0
    first_offset: int = 0
    last_offset: int = 0
    end_offset: int = 0
    complete: bool = True
    # "", "buildkit", "github_actions" (a CI's prefix), "indent", "quote"
    # (a document's indentation or quote marker), "syslog" (syslog's or the
    # journal's time, host and tag), "json_string" (an Ansible result's
    # "stdout" string)
    line_prefix: str = ""
    kind: Kind = "transaction"
    # packages of upgraded, newly_installed, listed (upgradable) whose
    # security is True
    security_count: int = 0
    # From apt's logs (history.log, term.log); None where the log has none.
    # start and end are naive (apt writes local time without a zone) unless
    # the parse was given ``tz=``.
    start: Optional[datetime.datetime] = None
    end: Optional[datetime.datetime] = None
    command: Optional[str] = None  # history.log "Commandline:"
    requested_by_user: Optional[str] = None  # "Requested-By: user (uid)"
    requested_by_uid: Optional[int] = None
    error: Optional[str] = None  # history.log "Error:"

    def __repr__(self) -> str:
        sets = ", ".join(
            f"{name}={len(getattr(self, name))}"
            for name in SET_NAMES
            if getattr(self, name)
        )
        extra = "" if self.complete else ", complete=False"
        return (
            f"<Transaction lines {self.first_line}-{self.last_line}"
            f"{': ' + sets if sets else ''}, {self.consistency.verdict}{extra}>"
        )

    def set(self, name: str) -> Sequence[Package]:
        """The set called ``name`` (one of SET_NAMES)."""
        if name not in SET_NAMES:
            raise KeyError(f"no package set {name!r}; sets: {', '.join(SET_NAMES)}")
        result: Sequence[Package] = getattr(self, name)
        return result

    def packages(self) -> Iterator[tuple[str, Package]]:
        """Every (set name, package), in the order of SET_NAMES."""
        for name in SET_NAMES:
            for p in getattr(self, name):
                yield name, p

    @property
    def errors(self) -> tuple[Message, ...]:
        """apt's error messages."""
        return tuple(m for m in self.messages if m.level == "error")

    def to_json(self, source: str | bytes = "") -> str:
        """The C++ ``aptparse::to_json()`` of this transaction: the line the
        CLI's ``--json`` prints (without the line end)."""
        return _core.to_json(self, source)

    def to_dict(self, source: str | bytes = "") -> dict[str, Any]:
        """``json.loads(self.to_json(source))``."""
        result: dict[str, Any] = json.loads(self.to_json(source))
        return result


@dataclasses.dataclass(frozen=True, slots=True)
class Report(_Frozen):
    """Everything parsed from one input.

    ``transactions`` is a :class:`LazyTransactions` when the Report comes
    from the parser (each Transaction is made on first access), and any
    sequence (a tuple, say) when made by hand."""

    transactions: Sequence[Transaction] = ()
    unrecognized_count: int = 0  # outside any transaction
    unrecognized: tuple[Unrecognized, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    dropped_transactions: int = 0  # over max_transactions
    stats: Stats = Stats()
    error: Optional[Status] = None  # set only under strict=True

    def __repr__(self) -> str:
        err = f", error={self.error.code!r}" if self.error else ""
        return (
            f"<Report {len(self.transactions)} transaction(s), "
            f"{self.stats.lines} lines, {self.unrecognized_count} unrecognized "
            f"outside transactions{err}>"
        )

    def __iter__(self) -> Iterator[Transaction]:
        return iter(self.transactions)

    def to_arrow(self, table: _Table = "packages", **names: Unpack[Names]) -> Any:
        """The package (default) or transaction records of this report as a
        ``pyarrow.Table``: see :func:`aptparse.records`. Needs
        ``aptparse[arrow]``."""
        from ._records import to_arrow

        return to_arrow(self, table, **names)

    def to_pandas(self, table: _Table = "packages", **names: Unpack[Names]) -> Any:
        """The same records as a ``pandas.DataFrame``. Needs
        ``aptparse[pandas]``."""
        from ._records import to_pandas

        return to_pandas(self, table, **names)

    def to_dict(self) -> dict[str, Any]:
        return {
            "transactions": [t.to_dict() for t in self.transactions],
            "unrecognized_count": self.unrecognized_count,
            "unrecognized": [u.to_dict() for u in self.unrecognized],
            "diagnostics": [d.to_dict() for d in self.diagnostics],
            "dropped_transactions": self.dropped_transactions,
            "stats": self.stats.to_dict(),
            "error": self.error.to_dict() if self.error else None,
        }


# The classes _core makes results of, each under its own name.
_core._set_types(**{
    cls.__name__: cls
    for cls in (Package, Counts, Consistency, Sizes, Message, Unrecognized,
                Diagnostic, Stats, Status, Transaction, Report, LazyTransactions)
})
