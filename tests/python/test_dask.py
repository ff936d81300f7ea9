"""aptparse.dask.read_logs(): the corpus through Dask (a distributed
LocalCluster of processes, the threaded and the synchronous schedulers)
gives exactly the records of parsing each file in one process."""

from __future__ import annotations

import gzip
import itertools
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import aptparse

from conftest import CORPUS, LOGS

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")
import aptparse.dask as apd  # noqa: E402
from aptparse import _record_split as record_split  # noqa: E402

# Small enough that the corpus's long history.log, term.log and dpkg.log
# files (those of many runs) are parsed in several blocks.
BLOCK = 2000
SPLITTABLE = [p for p in LOGS
              if record_split._split_pattern(apd.fsspec.filesystem("file"), str(p))
              and p.stat().st_size > 2 * BLOCK]


def single_process(paths: list[str], table: str, host: Any = None) -> Any:
    """The records of parsing each file whole, in this process."""
    pairs = list(aptparse.parse_files(paths))
    if host is None:
        host = lambda s: Path(s).parent.name  # noqa: E731
    make = aptparse.records if table == "packages" else aptparse.transaction_records
    return make(pairs, host=host).to_pandas()


def same_records(got: Any, want: Any) -> None:
    """``got`` (indexed by source) holds exactly ``want``'s rows, in order,
    with the same dtypes (categories compared by value, not by the order
    their dictionaries were built in)."""
    got = got.reset_index()
    assert list(got.columns) == list(want.columns)
    for name in want.columns:
        a, b = got[name], want[name]
        if isinstance(b.dtype, pd.CategoricalDtype):
            assert isinstance(a.dtype, pd.CategoricalDtype) or name == "source", name
            a, b = a.astype(object), b.astype(object)
        else:
            assert a.dtype == b.dtype, name
        pd.testing.assert_series_equal(a.reset_index(drop=True),
                                       b.reset_index(drop=True), check_names=False)


def parse_tasks(df: Any) -> int:
    return sum(1 for k in dict(df.__dask_graph__()) if "_parse_block" in str(k))


def test_the_corpus_has_splittable_logs() -> None:
    # history.log, term.log and dpkg.log of two Debian releases.
    assert len(SPLITTABLE) >= 6
    assert all(p.stat().st_size > 2 * BLOCK for p in SPLITTABLE)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with distributed.LocalCluster(processes=True, n_workers=2, threads_per_worker=1,
                                  dashboard_address=":0") as cluster:
        with distributed.Client(cluster) as c:
            yield c


@pytest.mark.slow
@pytest.mark.parametrize("table", ["packages", "transactions"])
def test_local_cluster_equals_single_process(client: Any, table: str) -> None:
    df = apd.read_logs(str(CORPUS / "*.log"), blocksize=BLOCK, table=table)
    paths = list(apd._paths(str(CORPUS / "*.log"), {})[1])
    assert len(paths) == len(LOGS)
    assert parse_tasks(df) >= 2 * len(SPLITTABLE)  # the large logs were split
    got = client.compute(df).result()
    # Ask the workers themselves: client.scheduler_info() returns a cache
    # that the client's periodic refresh (distributed >= 2025) may replace
    # with a workers-free summary between its fetch and its return.
    pids = client.run(os.getpid)
    assert len(pids) == 2 and os.getpid() not in pids.values()
    same_records(got, single_process(paths, table))
    assert got.index.is_monotonic_increasing


@pytest.mark.parametrize("scheduler", ["threads", "sync"])
@pytest.mark.parametrize("blocksize", [None, 700, BLOCK, "64MiB"])
def test_local_schedulers_equal_single_process(scheduler: str, blocksize: Any) -> None:
    paths = [str(p) for p in SPLITTABLE]
    for table in ("packages", "transactions"):
        df = apd.read_logs(paths, blocksize=blocksize, table=table)
        same_records(df.compute(scheduler=scheduler),
                     single_process(sorted(paths), table))


def test_blocks_begin_at_record_starts() -> None:
    fs = apd.fsspec.filesystem("file")
    for log in SPLITTABLE:
        data = log.read_bytes()
        rx = record_split._split_pattern(fs, str(log))
        assert rx is not None
        starts = set()
        # Where the whole file's transactions begin: every boundary is one.
        runs = {t.first_offset for t in aptparse.parse(data).transactions}
        with open(log, "rb") as f:
            for pos in range(1, len(data) + 1, 97):
                s = record_split._boundary(f, pos, len(data), rx)
                assert s >= pos and (s in runs or s == len(data)), (log.name, pos)
                if rx is not record_split._DPKG_STARTUP:
                    # The first line at or after pos that starts a record.
                    m = rx.search(data, pos - 1)
                    assert s == (m.start() + 1 if m else len(data)), (log.name, pos)
                starts.add(s)
        assert len(starts - {len(data)}) >= min(3, len(runs) - 1), log.name


def test_meta_divisions_and_dtypes() -> None:
    df = apd.read_logs(str(CORPUS / "*.log"), blocksize="20KiB")
    assert df.known_divisions
    assert df.divisions[0] == str(LOGS[0]) and df.divisions[-1] == str(LOGS[-1])
    assert 1 < df.npartitions < len(LOGS)
    got = df.compute(scheduler="sync")
    assert list(df.dtypes.index) == list(got.dtypes.index)
    for name in got.columns:
        assert type(df.dtypes[name]) is type(got.dtypes[name]), name
    # A partition holds whole files: each file's rows are in the partition
    # whose divisions bracket its name.
    one = str(SPLITTABLE[0])
    assert (df.loc[one].compute(scheduler="sync").index == one).all()
    assert len(df.loc[one].compute(scheduler="sync")) == (got.index == one).sum()


def test_directories_hosts_and_gzip(tmp_path: Path) -> None:
    history = next(p for p in SPLITTABLE if "history" in p.name)
    (tmp_path / "web1").mkdir()
    (tmp_path / "db2" / "apt").mkdir(parents=True)
    shutil.copy(history, tmp_path / "web1" / "history.log")
    with gzip.open(tmp_path / "db2" / "apt" / "history.log.1.gz", "wb") as f:
        f.write(history.read_bytes())
    (tmp_path / "web1" / ".hidden").write_text("not a log")
    want_rows = len(aptparse.records(aptparse.parse_file(history)).to_pylist())

    got = apd.read_logs(str(tmp_path), blocksize=BLOCK).compute(scheduler="sync")
    assert got.groupby("host", observed=True).size().to_dict() == {
        "apt": want_rows, "web1": want_rows}
    assert set(got.index) == {str(tmp_path / "db2/apt/history.log.1.gz"),
                              str(tmp_path / "web1/history.log")}

    by_regex = apd.read_logs(str(tmp_path / "**/history.log*"),
                             host=r"/(db\d|web\d)/", blocksize=None)
    assert set(by_regex.compute()["host"]) == {"db2", "web1"}
    by_callable = apd.read_transactions(
        [str(tmp_path / "web1" / "history.log")], host=lambda p: p.upper()[-11:])
    assert set(by_callable.compute()["host"]) == {"HISTORY.LOG"}
    no_group = apd.read_logs(str(tmp_path / "web1"), host=re.compile(r"web\d"))
    assert set(no_group.compute()["host"]) == {"web1"}


def test_errors() -> None:
    with pytest.raises(FileNotFoundError, match="no files"):
        apd.read_logs(str(CORPUS / "*.nothing"))
    with pytest.raises(ValueError, match="packages' or 'transactions"):
        apd.read_logs(str(LOGS[0]), table="txns")  # type: ignore[arg-type]


def test_dask_progress_bar() -> None:
    import io

    from dask.diagnostics import ProgressBar

    out = io.StringIO()
    with ProgressBar(out=out, minimum=0):
        apd.read_logs(str(CORPUS / "*.log")).compute(scheduler="threads")
    assert "100% Completed" in out.getvalue()


def test_readme_tables_example(monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    """The README's "Tables: pandas, Arrow and Dask" example prints what
    the README says it prints."""
    root = CORPUS.parents[1]
    text = (root / "README.md").read_text()
    section = text[text.index("### Tables: pandas, Arrow and Dask"):]
    code, output = re.findall(r"```(?:python)?\n(.*?)```", section, re.S)[:2]
    monkeypatch.chdir(root)
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out == output


def test_partitions_count_the_text_of_gzip_files(tmp_path: Path) -> None:
    """A local .gz file counts, towards a partition's budget, the size of
    its text (the gzip trailer's), not its smaller size on disk."""
    log = SPLITTABLE[0]
    data = log.read_bytes() * 4
    packed = gzip.compress(data)
    assert len(packed) * 2 < len(data)
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.log.gz").write_bytes(packed)
    fs = apd.fsspec.filesystem("file")
    path = str(tmp_path / "a.log.gz")
    assert apd._text_size(fs, path, "gzip", len(packed)) == len(data)
    assert apd._text_size(fs, path, None, len(packed)) == len(packed)
    # Two of the files fit the budget on disk, not as text.
    budget = len(data) + len(packed)
    df = apd.read_logs(str(tmp_path / "*.log.gz"), blocksize=budget)
    assert df.npartitions == 3
    want = single_process(sorted(str(p) for p in tmp_path.iterdir()), "packages")
    same_records(df.compute(scheduler="sync"), want)


def partition_sizes(texts: list[int], limit: Any) -> list[int]:
    starts = apd._partition_starts(texts, limit)
    ends = [*starts[1:], len(texts)]
    return [sum(texts[a:b]) for a, b in zip(starts, ends)]


def test_partitions_taper_at_the_end() -> None:
    """Files are grouped in path order into partitions of up to blocksize
    bytes of text; from the last TAPER blocksizes on, partitions shrink
    (down to blocksize / TAPER), so that no worker waits long on another's
    last partition."""
    limit, taper = 1000, apd.TAPER
    texts = [10] * 3000  # 30 blocksizes of text
    sizes = partition_sizes(texts, limit)
    assert sum(sizes) == sum(texts)
    head = list(itertools.takewhile(lambda s: s == limit, sizes))
    assert len(head) >= 30 - taper
    tail = sizes[len(head):]
    assert tail == sorted(tail, reverse=True)  # smaller and smaller
    assert len(tail) > taper and all(s >= limit // taper for s in tail[:-1])
    assert tail[-1] <= limit // taper
    # Without a blocksize, one partition; a file larger than the budget
    # is a partition of its own.
    assert apd._partition_starts(texts, None) == [0]
    assert partition_sizes([5000, 10, 10, 5000], limit) == [5000, 20, 5000]
    assert apd._partition_starts([], limit) == []


def test_partitions_of_whole_files_are_one_task_each(tmp_path: Path) -> None:
    """A partition of whole files is one task that the query's next step
    depends on directly (no alias tasks between, which each cost a round
    trip to a distributed scheduler); with split files, the partition's
    task depends on its blocks'. Divisions are the first file of each
    partition and the last file."""
    logs = [p for p in LOGS if p.stat().st_size < 40_000][:12]
    for i, log in enumerate(logs):
        (tmp_path / f"{i:02d}.log").write_bytes(log.read_bytes())
    paths = sorted(str(p) for p in tmp_path.iterdir())
    df = apd.read_logs(str(tmp_path), blocksize="16KiB")
    assert 3 < df.npartitions < len(logs)
    assert len(dict(df.__dask_graph__())) == df.npartitions
    same_records(df.compute(scheduler="sync"), single_process(paths, "packages"))

    mixed = apd.read_logs([str(tmp_path), *map(str, SPLITTABLE[:2])], blocksize=BLOCK)
    everything = sorted(paths + [str(p) for p in SPLITTABLE[:2]])
    divisions = mixed.divisions
    assert divisions[0] == everything[0] and divisions[-1] == everything[-1]
    # Sorted, each partition's first file; the last partition ends at its
    # last file, which is its first when it holds one file.
    assert list(divisions[:-1]) == sorted(set(divisions[:-1]))
    assert divisions[-1] >= divisions[-2]
    for i in range(mixed.npartitions):
        index = mixed.get_partition(i).compute(scheduler="sync").index
        last = i == mixed.npartitions - 1
        assert all(divisions[i] <= s and (s < divisions[i + 1] or last and s == divisions[-1])
                   for s in index), i
    assert parse_tasks(mixed) > 2
    same_records(mixed.compute(scheduler="sync"), single_process(everything, "packages"))
