"""read_logs on threads: the whole local files of a partition are read,
parsed, tabulated and freed by one C++ call without the GIL
(_core._read_records), so that a threaded LocalCluster's workers run at
once. Their results must equal the single-process ones, and the file
errors be those of parse_file."""

from __future__ import annotations

import concurrent.futures
import gzip
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import aptparse

from conftest import CORPUS, LOGS

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")
import aptparse.dask as apd  # noqa: E402
from test_dask import BLOCK, SPLITTABLE, same_records, single_process  # noqa: E402


def corpus_groups(budget: int) -> list[list[Any]]:
    """The corpus's files in read_logs' partitions of whole files."""
    fs, sizes = apd._paths(str(CORPUS / "*.log"), {})
    paths = list(sizes)
    starts = apd._partition_starts(list(sizes.values()), budget)
    ends = [*starts[1:], len(paths)]
    return [[(p, None, Path(p).parent.name) for p in paths[a:b]]
            for a, b in zip(starts, ends)]


@pytest.mark.parametrize("workers,threads", [(2, 1), (1, 2)])
def test_threaded_local_cluster_equals_single_process(workers: int, threads: int) -> None:
    """The clusters the documentation suggests for aptparse: two threads of
    this process, as two workers or one."""
    with distributed.LocalCluster(processes=False, n_workers=workers,
                                  threads_per_worker=threads,
                                  dashboard_address=":0") as cluster:
        with distributed.Client(cluster) as client:
            paths = list(apd._paths(str(CORPUS / "*.log"), {})[1])
            for table, blocksize in (("packages", "20KiB"), ("transactions", BLOCK)):
                df = apd.read_logs(str(CORPUS / "*.log"), blocksize=blocksize, table=table)
                assert df.npartitions > 4
                same_records(client.compute(df).result(), single_process(paths, table))


def test_partitions_on_two_threads_at_once_equal_each_alone() -> None:
    fs = apd.fsspec.filesystem("file")
    groups = corpus_groups(20_000)
    assert len(groups) > 4
    alone = [apd._partition(g, "packages", fs, {}) for g in groups]
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for _ in range(3):
            together = list(pool.map(lambda g: apd._partition(g, "packages", fs, {}), groups))
            for a, b in zip(together, alone):
                pd.testing.assert_frame_equal(a, b)
    rows = sum(len(f) for f in alone)
    assert rows == len(single_process([p for g in groups for p, _, _ in g], "packages"))


def test_files_are_read_without_the_gil(tmp_path: Path) -> None:
    """_read_records waits on a named pipe that this process's main thread
    writes only once the reading thread has started: with the GIL held
    while it reads, the writer never runs (the child times out)."""
    fifo = tmp_path / "history.log"
    os.mkfifo(fifo)
    log = next(p for p in LOGS if p.name.endswith("history-log.log"))
    script = textwrap.dedent(f"""
        import threading
        from aptparse import _core
        out = []
        reader = threading.Thread(target=lambda: out.append(_core._read_records(
            [({bytes(fifo)!r}, "s", "h")], "packages", 4096)))
        reader.start()
        with open({str(fifo)!r}, "wb") as f:
            f.write(open({str(log)!r}, "rb").read())
        reader.join()
        rows, cols, failed = out[0]
        print(rows, failed)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    want = len(aptparse.records(aptparse.parse_file(log)).to_pylist())
    assert done.stdout.split() == [str(want), "None"]


def test_local_plain_and_gzip_files_equal_fsspec_reads(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whole local files, plain and .gz, go to the C++ reader by path
    (_read_records); other filesystems through fsspec's open and parse():
    both give the same frame, source index as pyarrow strings."""
    memory = apd.fsspec.filesystem("memory")
    logs = [p for p in LOGS if p.stat().st_size < 40_000][:6] + SPLITTABLE[:2]
    for i, log in enumerate(logs):
        data = log.read_bytes()
        name = f"h{i % 3}/{log.name}" + (".gz" if i % 2 else "")
        data = gzip.compress(data) if i % 2 else data
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(data)
        memory.pipe(f"/fleet/{name}", data)
    by_path: list[str] = []
    real = apd._core._read_records

    def counted(parts: list[Any], *args: Any, **kw: Any) -> Any:
        by_path.extend(p[1] for p in parts if isinstance(p[0], bytes))
        return real(parts, *args, **kw)

    monkeypatch.setattr(apd._core, "_read_records", counted)
    local = apd.read_logs(str(tmp_path), blocksize=None).compute(scheduler="sync")
    assert sorted(by_path) == sorted(str(p) for p in tmp_path.glob("*/*"))
    remote = apd.read_logs("memory://fleet", blocksize=None).compute(scheduler="sync")
    assert len(by_path) == len(logs)  # the memory filesystem's were not
    assert len(local) > 0 and str(local.index.dtype) == "string"
    assert list(local.index.str.replace(str(tmp_path), "", regex=False)) == list(
        remote.index.str.replace("/fleet", "", regex=False))
    pd.testing.assert_frame_equal(local.reset_index(drop=True),
                                  remote.reset_index(drop=True))
    memory.rm("/fleet", recursive=True)


def test_options_reach_the_cpp_reads(tmp_path: Path) -> None:
    paths = sorted(str(p) for p in [*SPLITTABLE[:3], *LOGS[:3]])  # logs of many runs
    options = {"max_transactions": 1, "chunk_size": 7}
    got = apd.read_logs(paths, blocksize=None, **options).compute(scheduler="sync")
    want = aptparse.records(
        [(p, aptparse.parse_file(p, **options)) for p in paths],
        host=lambda s: Path(s).parent.name).to_pandas()
    same_records(got, want)
    assert len(got) < len(single_process(paths, "packages"))
    with pytest.raises(ValueError, match="chunk_size must be >= 1"):
        apd.read_logs(paths, blocksize=None, chunk_size=0).compute(scheduler="sync")
    with pytest.raises(TypeError, match="max_line_bytes"):
        apd.read_logs(paths, blocksize=None, max_line_bytes="x").compute(scheduler="sync")


def test_unreadable_files_raise_what_parse_file_raises(tmp_path: Path) -> None:
    log = next(p for p in LOGS if p.name.endswith("term-log.log"))
    (tmp_path / "a.log").write_bytes(log.read_bytes())
    (tmp_path / "b.log.gz").write_bytes(gzip.compress(log.read_bytes())[:-40])
    with pytest.raises(aptparse.TruncatedFileError) as raised:
        aptparse.parse_file(tmp_path / "b.log.gz")
    with pytest.raises(aptparse.TruncatedFileError, match="b.log.gz") as got:
        apd.read_logs(str(tmp_path), blocksize=None).compute(scheduler="sync")
    assert str(got.value) == str(raised.value)

    df = apd.read_logs(str(tmp_path / "a.log"), blocksize=None)
    (tmp_path / "a.log").unlink()
    with pytest.raises(FileNotFoundError, match="a.log"):
        df.compute(scheduler="sync")


def test_a_file_that_reads_on_the_second_try(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A file the C++ call could not read (say, not yet written) goes to
    parse_file; when that reads it, its Report is in the table."""
    paths = sorted(str(p) for p in LOGS if p.stat().st_size < 40_000)[:4]
    real = apd._core._read_records
    calls: list[int] = []

    def fails_once(parts: list[Any], *args: Any, **kw: Any) -> Any:
        calls.append(sum(isinstance(p[0], bytes) for p in parts))
        return (0, None, 2) if len(calls) == 1 else real(parts, *args, **kw)

    monkeypatch.setattr(apd._core, "_read_records", fails_once)
    got = apd.read_logs(paths, blocksize=None).compute(scheduler="sync")
    assert calls == [4, 3]
    same_records(got, single_process(paths, "packages"))
