"""aptparse: turns what apt prints into data.

    >>> import aptparse
    >>> report = aptparse.parse(open("apt.log", "rb").read())
    >>> for t in report.transactions:
    ...     for p in t.upgraded:
    ...         print(p.name, p.old, "->", p.new)

The parsing is done by the C++ library, with the GIL released. Results are
frozen dataclasses (typed, hashable, picklable). A Report's transactions
are a lazy sequence: each Transaction is made from the C++ result when it
is first read. Problems in the input are reported in the results
(``diagnostics``, ``unrecognized``), not raised.

Entry points:

* :func:`parse` -- a whole log in memory (str or any bytes-like object).
* :func:`parse_file` -- a file on disk (also ``.gz``), read in chunks.
* :class:`Parser` -- the streaming parser: ``feed()`` chunks, ``finish()``.
* :func:`iter_transactions` -- transactions from a file object, a pipe or
  an iterable of lines/chunks, as they complete.
* :func:`compare` -- an apt run's plan against its outcome.
* :func:`report` -- the fleet report over many hosts' logs
  (:mod:`aptparse.fleet`): ``to_text()``, ``to_html()``.
"""

from __future__ import annotations

import importlib
import io
import os
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any, Final, TypeVar, Union

from . import _core
from ._compare import (
    Change,
    Comparison,
    PlannedChange,
    UnplannedChange,
    compare,
    compare_runs,
)
from ._records import (
    Records,
    records,
    to_arrow,
    to_pandas,
    transaction_records,
)
from ._model import (
    SET_NAMES,
    Consistency,
    Counts,
    Diagnostic,
    LazyTransactions,
    Message,
    Package,
    Report,
    Sizes,
    Stats,
    Status,
    Transaction,
    Unrecognized,
)
from ._options import Options
from ._runs import apt_runs_of
from ._zone import TimeZone

if TYPE_CHECKING:
    from typing_extensions import Unpack

__version__: Final[str] = _core.__version__

__all__ = [
    "SET_NAMES",
    "Change",
    "Comparison",
    "PlannedChange",
    "UnplannedChange",
    "compare",
    "compare_runs",
    "Consistency",
    "Counts",
    "Diagnostic",
    "FleetReport",
    "LazyTransactions",
    "Message",
    "Options",
    "Package",
    "ParseError",
    "Parser",
    "Records",
    "Report",
    "Sizes",
    "Stats",
    "Status",
    "Transaction",
    "TimeZone",
    "TruncatedFileError",
    "Unrecognized",
    "apt_runs_of",
    "iter_transactions",
    "parse",
    "parse_file",
    "parse_files",
    "records",
    "to_arrow",
    "to_pandas",
    "transaction_records",
    "report",
    "__version__",
]

#: What parse() and Parser.feed() accept.
Data = Union[str, bytes, bytearray, memoryview]
_T = TypeVar("_T")

DEFAULT_MAX_LINE_BYTES: Final[int] = _core.DEFAULT_MAX_LINE_BYTES
DEFAULT_CHUNK_SIZE: Final[int] = 1 << 20


class ParseError(ValueError):
    """The input could not be parsed: a strict-mode violation, or a file
    that could not be decoded (a corrupt .gz)."""

    def __init__(
        self, message: str, *, code: str = "", line: int = 0, offset: int = 0
    ) -> None:
        super().__init__(message)
        self.code = code
        self.line = line
        self.offset = offset


class TruncatedFileError(ParseError, EOFError):
    """A gzip file ended inside a compressed member. ``report`` is what
    was read up to there: its last transaction, cut off, is marked
    ``complete=False`` (a record of apt's logs without its end carries an
    ``unterminated_record`` diagnostic)."""

    report: Report | None = None


def _check_int(name: str, value: int, least: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < least:
        raise ValueError(f"{name} must be >= {least}, not {value}")


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


def parse_file(
    path: str | bytes | os.PathLike[str] | os.PathLike[bytes],
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    **options: Unpack[Options],
) -> Report:
    """Parses a log file, reading it in ``chunk_size`` chunks (never the
    whole file at once), with the GIL released. Gzip-compressed files (by
    their magic bytes, e.g. ``term.log.1.gz``; also several gzip members
    one after the other) are inflated with zlib as they are read, large
    ones on a thread of their own. The file is read by the same C++ code
    as the ``aptparse`` command reads it.

    Raises FileNotFoundError, IsADirectoryError, PermissionError (as
    open() does), TruncatedFileError (a ParseError and an EOFError, whose
    ``report`` holds what was read) for a cut-off .gz and ParseError for
    corrupt gzip data; the messages name the file. Input problems are in
    the Report, as for parse(), and its transactions are converted on
    first access too. ``options`` are those of :class:`Options`.
    """
    fspath = os.fspath(path)
    if not isinstance(fspath, (str, bytes)):
        raise TypeError(
            f"path must be str, bytes or os.PathLike, not {type(path).__name__}"
        )
    _check_int("chunk_size", chunk_size, 1)
    name = os.fsdecode(fspath)
    # The C++ builder keeps the transactions (and applies max_transactions,
    # as parse() does); report() then converts each on first access.
    parser = _core.Parser(keep_transactions=True, **options)
    kind, err, message = parser.feed_file(os.fsencode(fspath), chunk_size)
    if kind == "os_error":
        raise OSError(err, message, fspath)  # FileNotFoundError, ...
    if kind == "truncated":
        parser.finish()
        error = TruncatedFileError(f"{name}: {message}")
        error.report = parser.report()
        raise error
    if kind == "corrupt":
        raise ParseError(f"{name}: {message}")
    parser.finish()
    report: Report = parser.report()
    return report


def _progress_bar(items: list[_T], progress: bool, unit: str) -> Iterable[_T]:
    """``items`` wrapped in a tqdm progress bar (on standard error) when
    ``progress`` is true."""
    if not progress:
        return items
    try:
        tqdm = importlib.import_module("tqdm.auto").tqdm
    except ImportError as e:
        raise ImportError(
            "progress=True needs tqdm, which is not installed: pip install tqdm"
        ) from e
    bar: Iterable[_T] = tqdm(items, unit=unit)
    return bar


def parse_files(
    paths: Iterable[str | bytes | os.PathLike[str] | os.PathLike[bytes]],
    *,
    progress: bool = False,
    **options: Any,
) -> Iterator[tuple[str, Report]]:
    """Parses each file with :func:`parse_file` (``options`` are its
    keyword arguments) and yields (path, Report), in order. The pairs are
    what :func:`records` takes for a table over many logs::

        >>> aptparse.records(aptparse.parse_files(paths)).to_pandas()

    ``progress=True`` shows a tqdm bar (files done, rate, ETA) on standard
    error; it needs ``tqdm`` installed.
    """
    names = [os.fsdecode(os.fspath(p)) for p in paths]
    for name in _progress_bar(names, progress, "file"):
        yield name, parse_file(name, **options)


_Source = Union[
    IO[str],
    IO[bytes],
    Iterable[str],
    Iterable[bytes],
    Iterable[Union[str, bytes, bytearray, memoryview]],
    str,
    bytes,
    bytearray,
    memoryview,
]


def _chunks_of(source: Any, chunk_size: int) -> Iterator[Any]:
    if isinstance(source, (str, bytes, bytearray, memoryview)):
        yield source
        return
    stdout = getattr(source, "stdout", None)
    if stdout is not None and hasattr(source, "poll"):  # a subprocess.Popen
        source = stdout
    read1 = getattr(source, "read1", None)
    read = getattr(source, "read", None)
    if callable(read1) and not isinstance(source, io.TextIOBase):
        # A binary buffered stream (a pipe): read1 returns what is
        # available instead of waiting for a full chunk, so transactions
        # come out as soon as apt prints them.
        while True:
            chunk = read1(chunk_size)
            if not chunk:
                return
            yield chunk
    if callable(read):
        while True:
            chunk = read(chunk_size)
            if not chunk:
                return
            yield chunk
    try:
        it = iter(source)
    except TypeError:
        raise TypeError(
            "iter_transactions() needs a file object, a subprocess.Popen, an "
            "iterable of str/bytes chunks, or str/bytes, not "
            f"{type(source).__name__}"
        ) from None
    yield from it


def iter_transactions(
    source: _Source | Any,
    *,
    chunk_size: int = 1 << 16,
    **options: Unpack[Options],
) -> Iterator[Transaction]:
    """Yields the transactions of ``source`` as they complete.

    ``source`` is a text or binary file object (``open(...)``,
    ``sys.stdin``, ``Popen(...).stdout``), a ``subprocess.Popen`` whose
    stdout is a pipe, an iterable of str/bytes lines or chunks, or a whole
    str/bytes. For pipes, a transaction is yielded as soon as the line
    that ends it arrives. ``options`` are those of :class:`Options`.
    """
    parser = Parser(**options)
    for chunk in _chunks_of(source, chunk_size):
        if not isinstance(chunk, (str, bytes, bytearray, memoryview)):
            raise TypeError(
                "iter_transactions(): items must be str or bytes, not "
                f"{type(chunk).__name__}"
            )
        yield from parser.feed(chunk)
    yield from parser.finish()


# Last: the fleet report is built on the names above.
from .fleet import FleetReport, report  # noqa: E402
