"""The lazy sequences of a parsed Report: LazyTransactions, its
transactions, each made into a Python Transaction on first access; and
``_core.Packages``, a transaction's package set, each Package made when
read (see bindings/python/src/lazy_packages.h)."""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Optional, Union, overload

from . import _core

if TYPE_CHECKING:
    from ._model import Transaction

Sequence.register(_core.Packages)


class LazyTransactions(Sequence["Transaction"]):
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
