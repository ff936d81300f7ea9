"""Parsing files on disk: parse_file() one (also .gz), parse_files() many."""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Final, TypeVar

from . import _core
from ._errors import ParseError, TruncatedFileError
from ._model import Report
from ._options import Options

if TYPE_CHECKING:
    from typing_extensions import Unpack

_T = TypeVar("_T")

DEFAULT_CHUNK_SIZE: Final[int] = 1 << 20


def _check_int(name: str, value: int, least: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < least:
        raise ValueError(f"{name} must be >= {least}, not {value}")


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
