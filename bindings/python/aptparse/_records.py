"""Flat records: parsed logs as tables, the shape analysts load.

``records()`` has one row per package per set; ``transaction_records()``
one row per transaction. Both tables begin with the key columns
``source``, ``host`` and ``transaction`` (the transaction's index in its
log), so the package rows join the transaction rows on these three.

The columns are defined once, in the C++ module (``_core.RECORD_COLUMNS``
names them and their kinds); the C++ code fills them straight from the
parsed transactions, as Arrow buffers for :meth:`Records.to_arrow` and
:meth:`Records.to_pandas` (no Python object per cell) and as Python lists
for :meth:`Records.to_pydict` and iteration. pandas and pyarrow are
optional: ``pip install 'aptparse[pandas]'`` (pandas with pyarrow) or
``'aptparse[arrow]'`` (pyarrow alone).
"""

from __future__ import annotations

import datetime
import importlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal, Optional, TypedDict, Union, cast

from . import _core
from ._model import LazyTransactions, Report, Transaction

if TYPE_CHECKING:  # the optional extras
    import pandas
    import pyarrow
    from typing_extensions import Unpack

Table = Literal["packages", "transactions"]
#: A column's kind: how it is typed in Arrow and pandas.
#:   string    pa.string(),              pandas "string" (nullable, pyarrow)
#:   category  dictionary<int32, string>, pandas "category"
#:   int64     pa.int64(),               pandas "Int64" (nullable)
#:   bool      pa.bool_(),               pandas "boolean" (nullable)
#:   timestamp pa.timestamp("s"), tz "UTC" when the log's times have a UTC
#:             offset (parsed with tz=), else naive local time as the log
#:             wrote it; pandas datetime64[s(, UTC)]; plain: datetime
ColumnKind = Literal["string", "category", "int64", "bool", "timestamp"]

#: The columns of each table, in order: (name, kind).
RECORD_COLUMNS: dict[str, tuple[tuple[str, ColumnKind], ...]] = {
    table: tuple((n, cast(ColumnKind, k)) for n, k in cols)
    for table, cols in _core.RECORD_COLUMNS.items()
}

Transactions = Union[Report, Sequence[Transaction]]
#: What records() accepts: a Report or its transactions, or an iterable of
#: (source, Report or transactions) pairs (what parse_files() yields).
RecordInput = Union[Transactions, Iterable[tuple[str, Transactions]]]
HostOf = Union[str, None, Callable[[str], Optional[str]]]

_Part = tuple[Any, Optional[str], Optional[str]]


def _require(module: str, extra: str, what: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise ImportError(
            f"{what} needs {module}, which is not installed: "
            f"pip install 'aptparse[{extra}]'"
        ) from e


def _transactions_of(data: Transactions) -> Any:
    """The _core._LazyTransactions behind ``data`` where there is one (its
    C++ results are read directly), else the sequence of Transactions."""
    ts = data.transactions if isinstance(data, Report) else data
    if isinstance(ts, LazyTransactions):
        return ts._src
    if isinstance(ts, (str, bytes)) or not isinstance(ts, Sequence):
        raise TypeError(
            "records() needs a Report, a sequence of Transactions or "
            f"(source, Report) pairs, not {type(data).__name__}"
        )
    return ts


def _is_one_log(data: object) -> bool:
    """A Report or a sequence of Transactions (not of pairs)."""
    if isinstance(data, (Report, LazyTransactions)):
        return True
    return isinstance(data, Sequence) and not isinstance(data, (str, bytes)) and (
        len(data) == 0 or isinstance(data[0], Transaction)
    )


def _parts(data: RecordInput, source: Optional[str] = None, host: HostOf = None
           ) -> list[_Part]:
    if _is_one_log(data):
        name = os.fsdecode(source) if source is not None else None
        h = host(name or "") if callable(host) else host
        return [(_transactions_of(data), name, h)]  # type: ignore[arg-type]
    if source is not None:
        raise TypeError("source= is for one Report; pairs name their own")
    parts: list[_Part] = []
    for item in data:
        if not (isinstance(item, tuple) and len(item) == 2):
            raise TypeError(
                "records() needs a Report, a sequence of Transactions or "
                f"(source, Report) pairs; got an item {type(item).__name__}"
            )
        name, rep = os.fsdecode(item[0]), item[1]
        parts.append(
            (_transactions_of(rep), name, host(name) if callable(host) else host)
        )
    return parts


class Records:
    """One table of flat records (see :func:`records`), made on demand in
    the form asked for. Holds the parsed results, not a copy of them."""

    __slots__ = ("table", "_parts")

    def __init__(self, table: Table, parts: list[_Part]) -> None:
        if table not in RECORD_COLUMNS:
            raise ValueError(
                f"table must be 'packages' or 'transactions', not {table!r}"
            )
        self.table: Table = table
        self._parts = parts

    def __repr__(self) -> str:
        return f"<aptparse.Records {self.table} of {len(self._parts)} log(s)>"

    @property
    def columns(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(name for name, _ in RECORD_COLUMNS[self.table])

    @property
    def kinds(self) -> dict[str, ColumnKind]:
        """Each column's kind (see ColumnKind)."""
        return dict(RECORD_COLUMNS[self.table])

    def _columns(self, arrow: bool) -> tuple[int, list[Any]]:
        rows, cols = _core._record_columns(self._parts, self.table, arrow)
        return int(rows), list(cols)

    def _plain_columns(self) -> list[list[Any]]:
        _, cols = self._columns(arrow=False)
        for i, (_, kind) in enumerate(RECORD_COLUMNS[self.table]):
            if kind == "timestamp":
                cols[i] = [_time(v) for v in cols[i]]
        return cols

    def to_pydict(self) -> dict[str, list[Any]]:
        """{column: [values]}: plain Python values (a time as a datetime),
        None for null."""
        return dict(zip(self.columns, self._plain_columns()))

    def to_pylist(self) -> list[dict[str, Any]]:
        """The rows as dicts."""
        names = self.columns
        return [dict(zip(names, row)) for row in zip(*self._plain_columns())]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.to_pylist())

    def to_arrow(self) -> pyarrow.Table:
        """A ``pyarrow.Table``, built from buffers that the C++ code filled.
        Needs ``aptparse[arrow]``."""
        rows, cols = self._columns(arrow=True)
        return arrow_table(self.table, rows, cols)

    def to_pandas(self) -> pandas.DataFrame:
        """A ``pandas.DataFrame`` with the kinds' dtypes (see ColumnKind).
        Needs ``aptparse[pandas]``."""
        pd = _require("pandas", "pandas", "to_pandas()")
        _require("pyarrow", "pandas", "to_pandas()")
        return arrow_to_pandas(self.to_arrow(), pd)


def arrow_table(table: Table, rows: int, cols: list[Any]) -> pyarrow.Table:
    """The ``pyarrow.Table`` of the Arrow buffers of ``table``'s columns
    (what ``_core._record_columns(..., arrow=True)`` gives)."""
    pa = _require("pyarrow", "arrow", "to_arrow()")
    columns = RECORD_COLUMNS[table]
    arrays = [
        _arrow_array(pa, kind, rows, buffers)
        for (_, kind), buffers in zip(columns, cols)
    ]
    return pa.Table.from_arrays(arrays, names=[name for name, _ in columns])


def _time(text: Optional[str]) -> Optional[datetime.datetime]:
    return datetime.datetime.fromisoformat(text) if text else None


def _arrow_array(pa: Any, kind: ColumnKind, rows: int, buffers: Any) -> Any:
    validity = pa.py_buffer(buffers[0]) if buffers[0] is not None else None
    if kind == "timestamp":
        if buffers[2] == "mixed":
            raise ValueError(
                "records: some logs' times have a UTC offset and some do not; "
                "parse them all with the same tz="
            )
        return pa.Array.from_buffers(
            pa.timestamp("s", tz=buffers[2]), rows,
            [validity, pa.py_buffer(buffers[1])],
        )
    if kind == "string":
        return pa.Array.from_buffers(
            pa.string(), rows,
            [validity, pa.py_buffer(buffers[1]), pa.py_buffer(buffers[2])],
        )
    if kind == "category":
        codes = pa.Array.from_buffers(
            pa.int32(), rows, [validity, pa.py_buffer(buffers[1])]
        )
        return pa.DictionaryArray.from_arrays(
            codes, pa.array(buffers[2], pa.string())
        )
    arrow_type = pa.int64() if kind == "int64" else pa.bool_()
    return pa.Array.from_buffers(
        arrow_type, rows, [validity, pa.py_buffer(buffers[1])]
    )


def arrow_to_pandas(table: pyarrow.Table, pd: Any = None) -> pandas.DataFrame:
    """A records Arrow table as a DataFrame with nullable dtypes."""
    pd = pd or _require("pandas", "pandas", "to_pandas()")
    pa = _require("pyarrow", "pandas", "to_pandas()")
    mapping = {
        pa.string(): pd.StringDtype("pyarrow"),
        pa.int64(): pd.Int64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
    }
    frame: pandas.DataFrame = table.to_pandas(types_mapper=mapping.get)
    # An empty dictionary gives object categories; pandas' default for
    # text ("str" from pandas 3) lets every table's categories concatenate.
    no_categories = pd.Index(["text"])[:0]
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.CategoricalDtype) and column.cat.categories.empty:
            frame[name] = column.cat.set_categories(no_categories)
    return frame


def records(
    data: RecordInput, *, source: Optional[str] = None, host: HostOf = None
) -> Records:
    """The package records of parsed logs: one row per package per set.

    ``data`` is a Report, a sequence of Transactions, or an iterable of
    (source, Report) pairs (``parse_files()`` yields these). ``source``
    names a single log (its path, say); ``host`` is the host name for every
    row, or a callable that gives it from a pair's source. Columns (see
    ``RECORD_COLUMNS["packages"]``): source, host, transaction (index in
    its log), kind (transaction or listing), start, end, command (apt's
    logs), set, name, arch, old, new, origins, suite, security (null where
    the log names no origin), automatic, purge, reason, simulated. Empty text in the parse
    (a version not printed) is null.

        >>> df = aptparse.records(aptparse.parse_file("term.log")).to_pandas()
    """
    return Records("packages", _parts(data, source, host))


def transaction_records(
    data: RecordInput, *, source: Optional[str] = None, host: HostOf = None
) -> Records:
    """The transaction records of parsed logs: one row per transaction,
    with the size of each package set (``n_upgraded``, ...), apt's verdict,
    the sizes, message counts and where it lies in its log. Same arguments
    as :func:`records`; the two tables join on (source, host, transaction).
    """
    return Records("transactions", _parts(data, source, host))


class Names(TypedDict, total=False):
    """The names given to the rows: ``source`` (one Report's) and ``host``
    (see :func:`records`)."""

    source: Optional[str]
    host: HostOf


def to_arrow(data: RecordInput, table: Table = "packages",
             **names: Unpack[Names]) -> pyarrow.Table:
    """``Records(table, ...).to_arrow()``: the package (default) or
    transaction table of ``data`` as a pyarrow.Table."""
    return Records(table, _parts(data, **names)).to_arrow()


def to_pandas(data: RecordInput, table: Table = "packages",
              **names: Unpack[Names]) -> pandas.DataFrame:
    """``Records(table, ...).to_pandas()``: the same as a pandas.DataFrame."""
    return Records(table, _parts(data, **names)).to_pandas()
