"""Parsing in memory: parse() a whole log, or feed a Parser chunks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, TypeVar, Union

from . import _core
from ._errors import ParseError
from ._model import Report, Stats, Status, Transaction
from ._options import Options

if TYPE_CHECKING:
    from typing_extensions import Unpack

#: What parse() and Parser.feed() accept.
Data = Union[str, bytes, bytearray, memoryview]
_T = TypeVar("_T")

DEFAULT_MAX_LINE_BYTES: Final[int] = _core.DEFAULT_MAX_LINE_BYTES


def parse(text: Data, **options: Unpack[Options]) -> Report:
    """Parses a whole log.

    ``text`` is a str (encoded as UTF-8; lone surrogates from
    ``surrogateescape`` decoding become the original bytes again) or any
    bytes-like object (bytes, bytearray, memoryview, mmap, ...), which is
    parsed in place, without a copy. The GIL is released while parsing.
    ``Report.transactions`` is a :class:`LazyTransactions`: a Transaction
    is made when it is first read. Under ``strict=True`` an input
    diagnostic stops the parse and is reported in ``Report.error``.
    ``options`` are those of :class:`Options`.
    """
    report: Report = _core.parse(text, **options)
    return report


class Parser:
    """The streaming parser.

    >>> p = aptparse.Parser()
    >>> for chunk in chunks:
    ...     for t in p.feed(chunk):     # the transactions this chunk ended
    ...         handle(t)
    >>> for t in p.finish():
    ...     handle(t)

    Chunks may be cut anywhere (inside a line, inside a UTF-8 sequence);
    the results are those of parsing the whole input at once. Memory stays
    bounded by the longest line. A Parser may be shared between threads
    (a lock serialises them); the GIL is released while C++ parses.
    """

    __slots__ = ("_p", "_options")

    def __init__(self, **options: Unpack[Options]) -> None:
        """``options`` are those of :class:`Options`."""
        self._p = _core.Parser(**options)
        self._options: Options = self._p.options

    def __repr__(self) -> str:
        s = self._p.stats
        state = "finished" if self._p.finished else "open"
        return (
            f"<aptparse.Parser {state}, {s.bytes} bytes, {s.lines} lines, "
            f"{s.transactions} transactions>"
        )

    def __reduce__(self) -> Any:
        raise TypeError("an aptparse.Parser cannot be pickled")

    def _raise_if_failed(self) -> None:
        st = self._p.status
        if st is not None:
            raise ParseError(
                f"line {st.line}: {st.message}",
                code=st.code, line=st.line, offset=st.offset,
            )

    def _checked(self, result: _T) -> _T:
        """``result``, unless ``strict=True`` and the parse failed."""
        if self._options["strict"]:
            self._raise_if_failed()
        return result

    def feed(self, data: Data) -> list[Transaction]:
        """Parses a chunk; returns the transactions that it completed.

        Raises ValueError after finish(), TypeError for a wrong type and,
        under ``strict=True``, ParseError on the first input diagnostic.
        """
        done: list[Transaction] = self._p.feed(data)
        return self._checked(done)

    def finish(self) -> list[Transaction]:
        """Ends the input; returns the transactions that were still open."""
        done: list[Transaction] = self._p.finish()
        return self._checked(done)

    def feed_json(self, data: Data, source: str | bytes = "") -> bytes:
        """feed(), returning the completed transactions as JSON Lines: the
        CLI's ``--json`` lines (``source`` names the input), each ending in
        ``\\n``, written by the C++ writer without making Python objects.
        The fast path for pipelines that want JSON."""
        out: bytes = self._p.feed_json(data, source)
        return self._checked(out)

    def finish_json(self, source: str | bytes = "") -> bytes:
        """finish(), returning the open transactions as JSON Lines."""
        out: bytes = self._p.finish_json(source)
        return self._checked(out)

    def reset(self) -> None:
        """Forgets all input and state, keeping the options."""
        self._p.reset()

    def report(self) -> Report:
        """After finish(): a Report of what was outside transactions
        (unrecognised lines, diagnostics), the stats and the status. Its
        ``transactions`` are empty: feed() and finish() returned them."""
        rest: Report = self._p.report()
        return rest

    @property
    def stats(self) -> Stats:
        """Counters over everything fed so far."""
        s: Stats = self._p.stats
        return s

    @property
    def finished(self) -> bool:
        return bool(self._p.finished)

    @property
    def error(self) -> Status | None:
        """The failed status under ``strict=True``, else None."""
        st: Status | None = self._p.status
        return st

    @property
    def options(self) -> Options:
        """Every option, as the parser was made (defaults filled in)."""
        return self._options.copy()

    @property
    def strict(self) -> bool:
        return self._options["strict"]

    @property
    def max_line_bytes(self) -> int:
        return self._options["max_line_bytes"]

    @property
    def timezone(self) -> str:
        """The zone of ``tz=`` as the C++ parser names it ("" for none)."""
        return str(self._options["tz"] or "")
