"""iter_transactions(): transactions from a file object, a pipe or an
iterable of chunks, as they complete."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any, Union

from ._model import Transaction
from ._options import Options
from ._parser import Parser

if TYPE_CHECKING:
    from typing_extensions import Unpack


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
