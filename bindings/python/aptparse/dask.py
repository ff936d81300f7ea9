"""Many machines' apt logs as one Dask DataFrame.

    >>> import aptparse.dask
    >>> df = aptparse.dask.read_logs("s3://logs/*/apt/history.log*")
    >>> df[df.set == "upgraded"].groupby("name").size().compute()

:func:`read_logs` gives the package records (:func:`aptparse.records`,
one row per package per set) and :func:`read_transactions` the transaction
records, of every file, indexed by ``source`` (the file's path), with the
dtypes of :meth:`aptparse.Records.to_pandas` and known divisions: each
partition holds whole files, in path order, so the divisions fall on file
names.

Files are read through fsspec (any URL its back-ends open: local paths,
``s3://``, ``gs://``, ...); compression is inferred from the name (``.gz``,
``.xz``, ...). A local file parsed whole, plain or gzip, is read by the
C++ reader of :func:`aptparse.parse_file` (which tells gzip by its magic
bytes), as a single-process run would read it: a partition's such files
are read, parsed, made into its table and freed in one call that does not
hold the GIL (a file it cannot read goes to parse_file, which raises what
it raises). A file larger than ``blocksize`` is parsed in blocks, in
parallel, when its format has a line that starts every record, and the
blocks' tables are joined again in the file's partition:

    history.log   ``Start-Date: ``
    term.log      ``Log started: ``
    dpkg.log      a ``startup`` line that the parser's rule (README,
                  "dpkg.log") certainly takes as a new apt run: 60 s
                  after the line before, or 2 s after it when the last
                  dpkg call was a configure call

(the format is told by the file's first line, read only from files
larger than ``blocksize``). Compressed files and console captures
(anything else) are parsed whole, by one task each: a capture has
no line at which the parser's state is known to be fresh. The results
equal those of parsing each file in one process: the transaction index,
line numbers and offsets of a block are shifted by those of the blocks
before it.

Hosts come from the path: ``host=None`` (the default) takes the name of
the file's parent directory (``/logs/web1/history.log`` -> ``web1``), a
regular expression takes its first group (or the whole match), and a
callable gets the path and returns the host.

Progress: Dask's own mechanisms, e.g. ``with
dask.diagnostics.ProgressBar(): df.compute()`` on the local schedulers, or
``distributed.progress(df.persist())`` on a cluster.

On one machine, a cluster of threads is the one to use: a partition's
parse, record columns and freeing run in C++ without the GIL, which it
holds only for the pandas frame (about 4 % of its time), so threads run
at once, and they pay neither the nannies' settings below nor pickling::

    cluster = distributed.LocalCluster(processes=False, n_workers=2,
                                       threads_per_worker=1)

On the benchmark's 10,000 logs (2 cores, bench/RESULTS.md "Fleet /
Dask", round 5) it ran 1.78-1.89x the speed of the synchronous scheduler,
against 1.44-1.52x for the default cluster of two worker processes (1.74x
with both settings below) and 1.82-1.94x for two plain processes.

On a ``distributed`` cluster: a partition of whole files is one task,
which the query's next steps follow directly, and the last partitions are
smaller (see ``blocksize``), so that the workers finish together. Two of
the workers' defaults cost a parse-heavy job time; both are set before the
cluster starts (its workers take the configuration they start with)::

    with dask.config.set({
        "distributed.worker.profile.enabled": False,
        "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    }):
        cluster = distributed.LocalCluster()

* The workers sample their threads' stacks every 10 ms for the
  dashboard's profile (a few percent; also
  ``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False`` in the workers'
  environment).
* A nanny starts its worker with ``MALLOC_TRIM_THRESHOLD_=65536``, so
  that freed memory goes back to the system at once. glibc then maps
  every allocation above 128 KiB afresh and unmaps it when freed: each
  partition's parse results, record columns and pandas arrays are new
  pages, which the kernel zeroes and faults in one by one. On a fleet of
  10,000 logs the two workers fault 5-8 times as many pages with it and
  spend about 2 s more of system time (of some 17 s of CPU; timings in
  bench/RESULTS.md, "Fleet / Dask"). Without it the workers keep the
  memory they freed for the next partition (a worker's RSS stays a few
  hundred MB higher). A nanny also puts the variable in the starting
  process's ``os.environ``, where the next cluster's workers inherit it:
  remove it there too (``os.environ.pop("MALLOC_TRIM_THRESHOLD_", None)``)
  when this process has started a cluster before.

Needs ``pip install 'aptparse[dask]'``.
"""

from __future__ import annotations

import itertools
import os
import posixpath
import re
from glob import has_magic
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Optional, Union

from . import _core, _records, parse, parse_file
from ._files import DEFAULT_CHUNK_SIZE, _check_int
from ._model import Report
from ._record_split import DPKG_IDLE_GAP as DPKG_IDLE_GAP
from ._record_split import DPKG_SAME_RUN_GAP as DPKG_SAME_RUN_GAP
from ._record_split import RECORD_STARTS as RECORD_STARTS
from ._record_split import _boundary, _split_pattern
from ._records import Records, Table

if TYPE_CHECKING:
    import dask.dataframe


_require = _records._require
_require("dask.dataframe", "dask", "aptparse.dask")
_require("pyarrow", "dask", "aptparse.dask")
import dask  # noqa: E402
import dask.base  # noqa: E402
import dask.utils  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import fsspec  # noqa: E402
import fsspec.implementations.local  # noqa: E402
import pandas as pd  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.compute as pc  # noqa: E402
from dask.delayed import delayed  # noqa: E402
from fsspec.utils import infer_compression  # noqa: E402


HostSpec = Union[None, str, "re.Pattern[str]", Callable[[str], Optional[str]]]

# The columns that count from the start of a log, and what a block adds
# to them: the transactions, lines or bytes of the blocks before it.
_SHIFTS = {
    "transaction": "transactions",
    "first_line": "lines",
    "last_line": "lines",
    "first_offset": "bytes",
    "end_offset": "bytes",
}
# Category columns whose values depend on the data (the others start with
# every value the library names, so their categories are known).
_OPEN_CATEGORIES = ("host", "arch")


def _host_of(spec: HostSpec) -> Callable[[str], Optional[str]]:
    if spec is None:
        return lambda path: posixpath.basename(posixpath.dirname(path)) or None
    if callable(spec) and not isinstance(spec, re.Pattern):
        return spec
    rx = re.compile(spec)

    def from_regex(path: str) -> Optional[str]:
        m = rx.search(path)
        if m is None:
            return None
        return m.group(1) if rx.groups else m.group(0)

    return from_regex


_Block = tuple[pa.Table, int, int, int]


def _is_local(fs: Any) -> bool:
    return isinstance(fs, fsspec.implementations.local.LocalFileSystem)


def _read(
    fs: Any, path: str, compression: Optional[str],
    split: Optional["re.Pattern[bytes]"], start: int, end: int, size: int,
    options: dict[str, Any],
) -> tuple[Report, int]:
    """Parses bytes [boundary(start), boundary(end)) of a file, the
    boundaries being the lines that ``split`` matches (the whole file when
    split is None): (the Report, the offset it starts at)."""
    with fs.open(path, "rb", compression=compression) as f:
        if split is None:
            lo, data = 0, f.read()
        else:
            lo = _boundary(f, start, size, split)
            hi = _boundary(f, end, size, split)
            f.seek(lo)
            data = f.read(hi - lo)
    return parse(data, **options), lo


def _parse_block(
    fs: Any, path: str, compression: Optional[str],
    split: Optional["re.Pattern[bytes]"], start: int, end: int, size: int,
    table: Table, host: Optional[str], options: dict[str, Any],
) -> _Block:
    """A block of a split file, by a task of its own: (its records table,
    its transactions, its lines, the offset it starts at)."""
    report, lo = _read(fs, path, compression, split, start, end, size, options)
    frame = Records(table, _records._parts(report, path, host)).to_arrow()
    return frame, len(report.transactions), report.stats.lines, lo


def _join_blocks(blocks: list[_Block]) -> pa.Table:
    """One file's table from its blocks' (shifted as if parsed at once)."""
    parts = []
    before = {"transactions": 0, "lines": 0}
    for frame, n_transactions, n_lines, lo in blocks:
        add = {**before, "bytes": lo}
        for name, by in _SHIFTS.items():
            i = frame.schema.get_field_index(name)
            if i >= 0 and add[by]:
                frame = frame.set_column(
                    i, name, pc.add(frame.column(i), pa.scalar(add[by], pa.int64()))
                )
        parts.append(frame)
        before["transactions"] += n_transactions
        before["lines"] += n_lines
    return pa.concat_tables(parts)


def _read_in_cpp(fs: Any, compression: Optional[str]) -> bool:
    """Whether a whole file is read by the C++ reader, as parse_file reads
    it (no copy of the file in Python, zlib as it reads: parse_file tells
    gzip by its magic bytes), rather than through fsspec."""
    return _is_local(fs) and compression in (None, "gzip")


def _whole_table(table: Table, whole: list[Any], options: dict[str, Any]) -> pa.Table:
    """The records table of whole files in a row: parts of Reports, or
    (path as bytes, path, host) of files that ``_read_in_cpp``. The C++
    code reads, parses and tabulates those in one call without the GIL,
    and frees their reports so too: the other threads of a threaded worker
    run meanwhile (parse_file and records() hold it between files). A file
    it could not read is given to parse_file, which raises what it raises
    (or, were the file readable now, gives the Report the table takes)."""
    opts = dict(options)
    chunk_size = opts.pop("chunk_size", DEFAULT_CHUNK_SIZE)
    _check_int("chunk_size", chunk_size, 1)
    while True:
        rows, cols, failed = _core._read_records(whole, table, chunk_size, **opts)
        if cols is not None:
            return _records.arrow_table(table, rows, cols)
        assert failed is not None
        _, path, host = whole[failed]
        whole[failed] = _records._parts(parse_file(path, **options), path, host)[0]


def _to_frame(table: pa.Table) -> pd.DataFrame:
    """The pandas partition: the records' dtypes, indexed by source (its
    dictionary decoded by Arrow: pandas' astype from a categorical goes
    through a Python str per row)."""
    i = table.schema.get_field_index("source")
    table = table.set_column(i, "source", pc.cast(table.column(i), pa.string()))
    frame = _records.arrow_to_pandas(table.combine_chunks())
    frame.index = pd.Index(frame.pop("source"), name="source")
    return frame


_Whole = tuple[str, Optional[str], Optional[str]]  # (path, compression, host)


class _Files:
    """A partition's whole files, as ``from_map`` gets them: named for
    Dask's keys by one hash of their text rather than by tokenizing each
    tuple (a tenth of a second of serial time for 10,000 files)."""

    __slots__ = ("files", "_token")

    def __init__(self, files: list[_Whole]) -> None:
        self.files = files
        self._token = dask.base.tokenize("\0".join(
            f"{path}\0{codec}\0{host}" for path, codec, host in files))

    def __iter__(self) -> Iterator[_Whole]:
        return iter(self.files)

    def __dask_tokenize__(self) -> str:
        return self._token


def _partition(files: Union[_Files, list[Union[list[_Block], _Whole]]],
               table: Table, fs: Any, options: dict[str, Any]) -> pd.DataFrame:
    """A partition: the files' tables, in order, as one DataFrame. A file
    is the list of its blocks' results (parsed by tasks of their own), or
    (path, compression, host) for a file parsed whole, here: one task, one
    filesystem object and one records table for all the whole files of a
    partition keep Dask's and pyarrow's overheads off fleets of small logs
    (the filesystem per file in the graph cost as much as the parsing)."""
    tables: list[pa.Table] = []
    whole: list[Any] = []  # _whole_table's parts of the whole files in a row
    for f in files:
        if isinstance(f, list):
            if whole:
                tables.append(_whole_table(table, whole, options))
                whole = []
            tables.append(_join_blocks(f))
        else:
            path, codec, host = f
            if _read_in_cpp(fs, codec):
                whole.append((os.fsencode(path), path, host))
            else:
                report, _ = _read(fs, path, codec, None, 0, -1, -1, options)
                whole += _records._parts(report, path, host)
    if whole or not tables:
        tables.append(_whole_table(table, whole, options))
    return _to_frame(pa.concat_tables(tables).unify_dictionaries())


#: The last partitions are smaller: from the last TAPER * blocksize bytes of
#: text on, a partition gathers a TAPER-th of the text left, and no less
#: than blocksize / TAPER.
TAPER = 4


def _partition_starts(texts: Sequence[int], limit: Optional[int]) -> list[int]:
    """Where the partitions begin: indices into the files (in path order,
    each of ``texts`` bytes of text). A partition gathers files until the
    next would take it over its budget, ``limit`` (one partition when None),
    or less at the end (TAPER): a worker that finishes early then finds
    small partitions left rather than waiting on another's large last one
    (2 workers and 33 equal partitions: one waits a whole partition, 1/17
    of the run)."""
    starts: list[int] = []
    left = sum(texts)
    used = budget = 0
    for i, n in enumerate(texts):
        if not starts or (limit and used + n > budget):
            starts.append(i)
            used = 0
            if limit:
                budget = min(limit, max(limit // TAPER, left // TAPER))
        used += n
        left -= n
    return starts


def _frame(groups: list[list[Any]], bounds: list[tuple[str, str]],
           args: tuple[Table, Any, dict[str, Any]], meta: pd.DataFrame) -> dd.DataFrame:
    """The partitions as one DataFrame. A run of partitions of whole files
    is one ``from_map``: a task per partition, which the graph's next
    operations follow without another task between (``from_delayed`` puts
    two alias tasks before it, each one more message to and from a
    distributed scheduler while the worker waits). A partition with split
    files is made by a task that needs its blocks' tasks: ``from_delayed``."""
    untyped: Any = dd  # from_map and concat have no annotations
    pieces = []
    i = 0
    for blocks, run in itertools.groupby(groups, lambda g: any(isinstance(f, list) for f in g)):
        n = len(list(run))
        part = groups[i:i + n]
        divisions = (*(a for a, _ in bounds[i:i + n]), bounds[i + n - 1][1])
        if blocks:
            piece = dd.from_delayed([delayed(_partition, pure=True)(g, *args) for g in part],
                                    meta=meta, divisions=divisions, verify_meta=False)
        else:
            # The partitions' strings are pyarrow's already: no conversion task.
            with dask.config.set({"dataframe.convert-string": False}):
                piece = untyped.from_map(_partition, [_Files(g) for g in part],
                                         args=args, meta=meta,
                                         divisions=divisions, label="read_logs",
                                         enforce_metadata=False)
        pieces.append(piece)
        i += n
    frame: dd.DataFrame = pieces[0] if len(pieces) == 1 else untyped.concat(pieces)
    return frame


def _meta(table: Table, zoned: bool) -> pd.DataFrame:
    """An empty partition; its times in UTC when the parse is given a
    time zone (``tz=``), which gives the times UTC offsets."""
    from dask.dataframe import utils

    meta = _to_frame(Records(table, []).to_arrow())
    for name, kind in _records.RECORD_COLUMNS[table]:
        if kind == "timestamp" and zoned:
            meta[name] = meta[name].dt.tz_localize("UTC")
    clear: Any = utils.clear_known_categories  # untyped
    unknown: pd.DataFrame = clear(
        meta, cols=[c for c in _OPEN_CATEGORIES if c in meta.columns]
    )
    return unknown


def _text_size(fs: Any, path: str, codec: Optional[str], size: int) -> int:
    """About how many bytes of text a file holds, which is what its parse
    costs: a local gzip file's own count (ISIZE, its last 4 bytes: the
    text's size modulo 4 GiB, of the last member), else its size on disk.
    Partitions of equal text keep the workers busy alike."""
    if codec != "gzip" or not _is_local(fs) or size < 18:
        return size
    with open(path, "rb") as f:
        f.seek(size - 4)
        isize = int.from_bytes(f.read(4), "little")
    return max(isize, size)


def _walk_local(root: str) -> Iterator[tuple[str, int]]:
    """The files under a local directory and their sizes, as fsspec's
    ``find`` names them (a symbolic link is not followed into a directory),
    from one ``scandir`` per directory: ``find`` takes three times as long
    (a stat and a path normalisation per file), which on a 10,000-file
    fleet is serial time before any task runs."""
    with os.scandir(root) as entries:
        for e in entries:
            if e.is_dir(follow_symlinks=False):
                yield from _walk_local(e.path)
            elif not e.name.startswith("."):
                try:
                    yield e.path, e.stat().st_size
                except OSError:  # a dangling link: fsspec gives it size 0
                    yield e.path, 0


def _paths(urlpath: Union[str, Sequence[str]], storage_options: dict[str, Any]
           ) -> tuple[Any, dict[str, int]]:
    """The filesystem and its files with their sizes: globs expanded,
    directories walked (files whose name starts with '.' left out), with
    one listing per glob or directory rather than a stat per file."""
    urls = [urlpath] if isinstance(urlpath, str) else list(urlpath)
    if not urls:
        raise FileNotFoundError("no files: the list of paths is empty")
    fs, _ = fsspec.core.url_to_fs(urls[0], **storage_options)
    files: dict[str, int] = {}
    for url in urls:
        path = fs._strip_protocol(url)
        if has_magic(path):
            infos = fs.glob(path, detail=True)
        else:
            infos = {path: fs.info(path)} if fs.exists(path) else {}
        for name, info in infos.items():
            if info["type"] == "directory" and _is_local(fs):
                files.update(_walk_local(name))
            elif info["type"] == "directory":
                found = fs.find(name, detail=True)
                files.update((q, int(i["size"] or 0)) for q, i in found.items()
                             if not posixpath.basename(q).startswith("."))
            else:
                files[name] = int(info["size"] or 0)
    if not files:
        raise FileNotFoundError(f"no files match {urlpath!r}")
    return fs, dict(sorted(files.items()))


def read_logs(
    urlpath: Union[str, Sequence[str]],
    *,
    host: HostSpec = None,
    blocksize: Union[int, str, None] = "64MiB",
    table: Table = "packages",
    compression: Optional[str] = "infer",
    storage_options: Optional[dict[str, Any]] = None,
    **options: Any,
) -> dask.dataframe.DataFrame:
    """The package records (``table="transactions"``: the transaction
    records) of every log that ``urlpath`` names, as a Dask DataFrame.

    ``urlpath`` is a path or URL, a glob, a directory (walked; files whose
    name starts with '.' are left out) or a list of these. ``host``: see
    the module documentation. ``blocksize`` (bytes, or a string such as
    "64MiB"; None: never split) is both the most a splittable file is
    parsed in one task and about how many bytes of logs one partition
    gathers: small files are grouped, whole, into partitions, in path
    order (a local .gz file counts the text its gzip trailer gives); from
    the last ``TAPER`` (4) blocksizes of text on, a partition gathers a
    quarter of the text left, and no less than a quarter of ``blocksize``.
    ``compression``: "infer" (from the name), None or an fsspec codec
    name. ``options`` go to :func:`aptparse.parse` (max_line_bytes,
    strict, ...). The index is ``source``, the file's path as fsspec
    names it.
    """
    if table not in _records.RECORD_COLUMNS:
        raise ValueError(f"table must be 'packages' or 'transactions', not {table!r}")
    fs, sizes = _paths(urlpath, storage_options or {})
    paths = list(sizes)
    limit = dask.utils.parse_bytes(blocksize) if blocksize is not None else None
    host_of = _host_of(host)
    parse = delayed(_parse_block, pure=True)

    files: list[Union[list[Any], tuple[Any, ...]]] = []
    texts = []
    for path in paths:
        codec = infer_compression(path) if compression == "infer" else compression
        size = sizes[path]
        split = None
        if codec is None and limit and size > limit:
            split = _split_pattern(fs, path)
        file: Union[list[Any], tuple[Any, ...]] = (path, codec, host_of(path))
        if split is not None and limit:
            file = [parse(fs, path, codec, split, lo, min(lo + limit, size), size,
                          table, host_of(path), options)
                    for lo in range(0, size, limit)]
        files.append(file)
        texts.append(_text_size(fs, path, codec, size))
    starts = _partition_starts(texts, limit)
    ends = [*starts[1:], len(paths)]
    groups = [files[a:b] for a, b in zip(starts, ends)]
    bounds = [(paths[a], paths[b - 1]) for a, b in zip(starts, ends)]
    return _frame(groups, bounds, (table, fs, options),
                  _meta(table, bool(options.get("tz"))))


def read_transactions(
    urlpath: Union[str, Sequence[str]], **kwargs: Any
) -> dask.dataframe.DataFrame:
    """``read_logs(urlpath, table="transactions", ...)``: one row per
    transaction."""
    return read_logs(urlpath, table="transactions", **kwargs)
