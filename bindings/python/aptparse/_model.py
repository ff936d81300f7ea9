"""The result classes: frozen, slotted, typed, picklable dataclasses, and
LazyTransactions, the sequence of a Report's transactions.

The C++ module makes instances of these classes directly (see
bindings/python/src/convert.h), so the field order here is the one
``aptparse._core`` expects; ``_core._set_types`` checks it at import.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import operator
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal, Optional, Union, overload

from . import _core

Reason = Literal["", "kept_back", "phasing", "held"]
Verdict = Literal["consistent", "inconsistent", "no_counts"]
Level = Literal["error", "warning", "notice", "audit"]
Kind = Literal["transaction", "listing"]

#: The package sets of a transaction, in the order of the JSON output.
SET_NAMES: tuple[str, ...] = tuple(_core.SET_NAMES)


class _Frozen:
    """Pickling by field values (works for slotted frozen dataclasses on
    every Python version) and a generic to_dict()."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (
            type(self),
            tuple(getattr(self, f.name) for f in dataclasses.fields(self)),  # type: ignore[arg-type]
        )

    def to_dict(self) -> dict[str, Any]:
        """The fields as a dict of plain values (JSON-compatible)."""
        return {
            f.name: _plain(getattr(self, f.name))
            for f in dataclasses.fields(self)  # type: ignore[arg-type]
        }


def _plain(v: Any) -> Any:
    if isinstance(v, _Frozen):
        return v.to_dict()
    if isinstance(v, (tuple, LazyTransactions)):
        return [_plain(x) for x in v]
    return v


_LISTING_FLAGS = ("upgradable", "installed", "local", "residual_config", "auto_removable")


@dataclasses.dataclass(frozen=True, slots=True)
class Package(_Frozen):
    """One package as apt printed it. Empty strings mean "not printed"."""

    name: str
    arch: str = ""
    old: str = ""
    new: str = ""
    origins: str = ""
    note: str = ""
    alternatives: tuple[str, ...] = ()
    reason: Reason = ""
    purge: bool = False
    automatic: bool = False
    simulated: bool = False
    # the archive of the version: apt list's suites, or the run's Get: line
    suite: str = ""
    # a security archive (-security, Debian-Security, Ubuntu ESM); None:
    # the text names no origin
    security: Optional[bool] = None
    # apt list's bracket
    upgradable: bool = False
    installed: bool = False
    local: bool = False
    residual_config: bool = False
    auto_removable: bool = False

    def __repr__(self) -> str:
        parts = [repr(self.name)]
        for f in dataclasses.fields(self)[1:]:
            v = getattr(self, f.name)
            if v != f.default:
                parts.append(f"{f.name}={v!r}")
        return f"Package({', '.join(parts)})"

    def __str__(self) -> str:
        s = self.name + (f":{self.arch}" if self.arch else "")
        for alt in self.alternatives:
            s += f" | {alt}"
        if self.old and self.new:
            s += f" ({self.old} -> {self.new})"
        elif self.old or self.new:
            s += f" ({self.old or self.new})"
        return s

    @property
    def qualified_name(self) -> str:
        """``name:arch`` when the architecture is known, else ``name``."""
        return f"{self.name}:{self.arch}" if self.arch else self.name

    def to_dict(self) -> dict[str, Any]:
        """The package as in the JSON output (null for what was not
        printed, optional keys left out)."""
        d: dict[str, Any] = {
            "name": self.name,
            "arch": self.arch or None,
            "old": self.old or None,
            "new": self.new or None,
        }
        if self.origins:
            d["origins"] = self.origins
        if self.note:
            d["note"] = self.note
        if self.suite:
            d["suite"] = self.suite
        if self.security is not None:
            d["security"] = self.security
        if self.alternatives:
            d["alternatives"] = list(self.alternatives)
        if self.reason:
            d["reason"] = self.reason
        if self.purge:
            d["purge"] = True
        if self.automatic:
            d["automatic"] = True
        if self.simulated:
            d["simulated"] = True
        for flag in _LISTING_FLAGS:
            if getattr(self, flag):
                d[flag] = True
        return d


@dataclasses.dataclass(frozen=True, slots=True)
class Counts(_Frozen):
    """apt's summary line, as printed (omitted parts are 0)."""

    upgraded: int = 0
    newly_installed: int = 0
    reinstalled: int = 0
    downgraded: int = 0
    to_remove: int = 0
    not_upgraded: int = 0
    not_fully_installed: int = 0


@dataclasses.dataclass(frozen=True, slots=True)
class Consistency(_Frozen):
    """Do the parsed sets agree with apt's counts?"""

    verdict: Verdict = "no_counts"
    mismatches: tuple[str, ...] = ()
    unverifiable: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class Sizes(_Frozen):
    """The sizes apt printed, in bytes; None when not printed."""

    download: Optional[int] = None
    download_total: Optional[int] = None
    disk_change: Optional[int] = None  # + used, - freed
    disk_available: Optional[int] = None
    boot_needed: Optional[int] = None
    boot_available: Optional[int] = None


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
class Stats(_Frozen):
    """Counters over the whole input."""

    bytes: int = 0
    lines: int = 0
    noise_lines: int = 0
    unrecognized_lines: int = 0
    transactions: int = 0
    packages: int = 0


@dataclasses.dataclass(frozen=True, slots=True)
class Status(_Frozen):
    """A failed parse status (only under ``strict=True``)."""

    code: str
    line: int = 0
    offset: int = 0

    @property
    def message(self) -> str:
        return _core.error_message(self.code)


_EMPTY: tuple[Package, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class Transaction(_Frozen):
    """One apt run: its package sets, counts, sizes and messages."""

    upgraded: tuple[Package, ...] = _EMPTY
    newly_installed: tuple[Package, ...] = _EMPTY
    to_remove: tuple[Package, ...] = _EMPTY
    not_upgraded: tuple[Package, ...] = _EMPTY
    downgraded: tuple[Package, ...] = _EMPTY
    reinstalled: tuple[Package, ...] = _EMPTY
    held_changed: tuple[Package, ...] = _EMPTY
    autoremovable: tuple[Package, ...] = _EMPTY
    suggested: tuple[Package, ...] = _EMPTY
    recommended: tuple[Package, ...] = _EMPTY
    essential_removed: tuple[Package, ...] = _EMPTY
    additional: tuple[Package, ...] = _EMPTY
    broken: tuple[Package, ...] = _EMPTY
    disappeared: tuple[Package, ...] = _EMPTY
    esm: tuple[Package, ...] = _EMPTY  # Ubuntu Pro's esm-infra/apps advert
    failed: tuple[Package, ...] = _EMPTY  # left half-installed by dpkg
    listed: tuple[Package, ...] = _EMPTY  # apt list's lines (kind "listing")
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
    # (a document's indentation or quote marker)
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

    def set(self, name: str) -> tuple[Package, ...]:
        """The set called ``name`` (one of SET_NAMES)."""
        if name not in SET_NAMES:
            raise KeyError(f"no package set {name!r}; sets: {', '.join(SET_NAMES)}")
        result: tuple[Package, ...] = getattr(self, name)
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


class LazyTransactions(Sequence[Transaction]):
    """The transactions of a parsed Report: an immutable sequence that
    makes each Python Transaction from the C++ result on first access and
    keeps it (``ts[i] is ts[i]``).

    It behaves as the tuple of its transactions: equal to that tuple (and
    to any LazyTransactions with equal items), with the same hash, pickled
    as that tuple; slicing and ``+`` give tuples. Thread-safe: a
    transaction is converted under the GIL, once. Made by parse(),
    parse_file() and Parser.report(), not by hand.
    """

    __slots__ = ("_src", "_len", "_hash")

    def __init__(self, src: _core._LazyTransactions) -> None:
        self._src = src
        self._len = len(src)
        self._hash: Optional[int] = None

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, index: int) -> Transaction: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Transaction, ...]: ...
    def __getitem__(
        self, index: Union[int, slice]
    ) -> Union[Transaction, tuple[Transaction, ...]]:
        if isinstance(index, slice):
            get = self._src.get
            return tuple(get(i) for i in range(*index.indices(self._len)))
        i = operator.index(index)
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("transaction index out of range")
        return self._src.get(i)

    def __iter__(self) -> Iterator[Transaction]:
        get = self._src.get
        for i in range(self._len):
            yield get(i)

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if not isinstance(other, (LazyTransactions, tuple)):
            return NotImplemented
        return len(other) == self._len and all(
            a is b or a == b for a, b in zip(self, other)
        )

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(tuple(self))
        return self._hash

    def __add__(self, other: Iterable[Transaction]) -> tuple[Transaction, ...]:
        if not isinstance(other, (LazyTransactions, tuple)):
            return NotImplemented
        return tuple(self) + tuple(other)

    def __radd__(self, other: Iterable[Transaction]) -> tuple[Transaction, ...]:
        if not isinstance(other, tuple):
            return NotImplemented
        return other + tuple(self)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (tuple, (tuple(self),))

    def __repr__(self) -> str:
        return f"LazyTransactions({tuple(self)!r})"

    @property
    def converted(self) -> int:
        """How many transactions have been made into Python objects so
        far (for tests and benchmarks)."""
        return self._src.converted


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

    def to_arrow(
        self,
        table: Literal["packages", "transactions"] = "packages",
        *,
        source: Optional[str] = None,
        host: Optional[str] = None,
    ) -> Any:
        """The package (default) or transaction records of this report as a
        ``pyarrow.Table``: see :func:`aptparse.records`. Needs
        ``aptparse[arrow]``."""
        from ._records import to_arrow

        return to_arrow(self, table, source=source, host=host)

    def to_pandas(
        self,
        table: Literal["packages", "transactions"] = "packages",
        *,
        source: Optional[str] = None,
        host: Optional[str] = None,
    ) -> Any:
        """The package (default) or transaction records of this report as a
        ``pandas.DataFrame``: see :func:`aptparse.records`. Needs
        ``aptparse[pandas]``."""
        from ._records import to_pandas

        return to_pandas(self, table, source=source, host=host)

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


_core._set_types(
    Package=Package,
    Counts=Counts,
    Consistency=Consistency,
    Sizes=Sizes,
    Message=Message,
    Unrecognized=Unrecognized,
    Diagnostic=Diagnostic,
    Stats=Stats,
    Status=Status,
    Transaction=Transaction,
    Report=Report,
    LazyTransactions=LazyTransactions,
)
