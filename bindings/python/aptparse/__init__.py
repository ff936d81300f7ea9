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

from typing import Final

from . import _core
from ._compare import (
    Change,
    Comparison,
    PlannedChange,
    UnplannedChange,
    compare,
    compare_runs,
)
from ._errors import ParseError, TruncatedFileError
from ._files import DEFAULT_CHUNK_SIZE, parse_file, parse_files
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
from ._parser import DEFAULT_MAX_LINE_BYTES, Data, Parser, parse
from ._records import (
    Records,
    records,
    to_arrow,
    to_pandas,
    transaction_records,
)
from ._runs import apt_runs_of
from ._stream import iter_transactions
from ._zone import TimeZone

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

# These were defined here before the package was split into modules: their
# repr, pickles and tracebacks keep naming them aptparse.X.
for _obj in (ParseError, TruncatedFileError, Parser, parse, parse_file,
             parse_files, iter_transactions):
    _obj.__module__ = __name__
del _obj

# Last: the fleet report is built on the names above.
from .fleet import FleetReport, report  # noqa: E402
