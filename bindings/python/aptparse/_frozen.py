"""The base of the result classes: pickling by field values and a generic
``to_dict()``."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any


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
    """`v` as JSON-compatible values: result objects as dicts, sequences
    (tuples, and the lazy sequences of transactions and packages) as
    lists."""
    if isinstance(v, _Frozen):
        return v.to_dict()
    if isinstance(v, Sequence) and not isinstance(v, str):
        return [_plain(x) for x in v]
    return v
