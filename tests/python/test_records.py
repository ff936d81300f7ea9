"""aptparse.records() / transaction_records(): the flat tables, checked
against the Transaction objects of the same parse, over the whole corpus."""

from __future__ import annotations

import builtins
import dataclasses
from pathlib import Path
from typing import Any

import pytest

import aptparse
from aptparse._records import RECORD_COLUMNS

from conftest import LOGS, LOG_IDS

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")


def expected_package_rows(report: aptparse.Report, source: str, host: str | None
                          ) -> list[dict[str, Any]]:
    """The package table, written out from the Python objects."""
    rows = []
    for i, t in enumerate(report.transactions):
        for set_name, p in t.packages():
            rows.append({
                "source": source, "host": host, "transaction": i,
                "kind": t.kind,
                "start": t.start, "end": t.end, "command": t.command,
                "set": set_name, "name": p.name, "arch": p.arch or None,
                "old": p.old or None, "new": p.new or None,
                "origins": p.origins or None, "suite": p.suite or None,
                "security": p.security, "automatic": p.automatic,
                "purge": p.purge, "reason": p.reason or None,
                "simulated": p.simulated,
            })
    return rows


def expected_transaction_row(i: int, t: aptparse.Transaction, source: str
                             ) -> dict[str, Any]:
    row: dict[str, Any] = {
        "source": source, "host": None, "transaction": i, "kind": t.kind,
        "start": t.start, "end": t.end, "command": t.command,
        "requested_by_user": t.requested_by_user,
        "requested_by_uid": t.requested_by_uid, "error": t.error,
        "security_count": t.security_count}
    row.update({f"n_{s}": len(t.set(s)) for s in aptparse.SET_NAMES})
    row["verdict"] = t.consistency.verdict
    row.update(dataclasses.asdict(t.sizes))
    row.update({
        "n_errors": len(t.errors),
        "n_warnings": sum(m.level == "warning" for m in t.messages),
        "n_messages": len(t.messages),
        "n_unrecognized": t.unrecognized_count,
        "n_diagnostics": len(t.diagnostics),
        "complete": t.complete,
        "first_line": t.first_line, "last_line": t.last_line,
        "first_offset": t.first_offset, "end_offset": t.end_offset,
    })
    return row


@pytest.mark.parametrize("log", LOGS, ids=LOG_IDS)
def test_package_rows_match_the_objects(log: Path) -> None:
    report = aptparse.parse_file(log)
    rec = aptparse.records(report, source=log.name, host="h1")
    # Read from the C++ results (nothing converted yet) ...
    assert report.transactions.converted == 0  # type: ignore[attr-defined]
    rows = rec.to_pylist()
    arrow = rec.to_arrow().to_pylist()
    # ... and again once every Transaction is a Python object (the C++
    # copies are released then, so the records come from the objects).
    want = expected_package_rows(report, log.name, "h1")
    assert rows == want
    assert arrow == want
    assert aptparse.records(report, source=log.name, host="h1").to_pylist() == want


@pytest.mark.parametrize("log", LOGS, ids=LOG_IDS)
def test_transaction_rows_match_the_objects(log: Path) -> None:
    report = aptparse.parse_file(log)
    got = aptparse.transaction_records(report, source=log.name).to_arrow().to_pylist()
    want = [expected_transaction_row(i, t, log.name)
            for i, t in enumerate(report.transactions)]
    assert got == want


def test_columns_are_those_of_the_table() -> None:
    report = aptparse.parse_file(LOGS[0])
    for table, make in (("packages", aptparse.records),
                        ("transactions", aptparse.transaction_records)):
        rec = make(report)
        assert rec.columns == tuple(n for n, _ in RECORD_COLUMNS[table])
        assert rec.to_arrow().column_names == list(rec.columns)
        assert list(rec.to_pydict()) == list(rec.columns)


def corpus_pairs() -> list[tuple[str, aptparse.Report]]:
    return list(aptparse.parse_files(LOGS))


def test_many_logs_in_one_table() -> None:
    pairs = corpus_pairs()
    rec = aptparse.records(pairs, host=lambda s: Path(s).parent.name)
    want = [row for name, r in pairs
            for row in expected_package_rows(r, name, "logs")]
    assert rec.to_arrow().to_pylist() == want
    assert list(rec) == want


def test_one_report_under_two_names() -> None:
    """A transaction's key cells (source, host, times) are made once per
    transaction of each part: the same report given twice keeps each
    part's names, and the Arrow rows equal the Python rows."""
    report = aptparse.parse_file(next(p for p in LOGS if "history-log" in p.name))
    rec = aptparse.records([("a", report), ("b", report)], host=str.upper)
    table = rec.to_arrow()
    n = table.num_rows // 2
    assert n > 0 and table.column("source").to_pylist() == ["a"] * n + ["b"] * n
    assert table.column("host").to_pylist() == ["A"] * n + ["B"] * n
    assert table.to_pylist()[:n] == [{**r, "source": "a", "host": "A"}
                                     for r in table.to_pylist()[n:]]
    assert table.to_pylist() == rec.to_pylist()


def test_pandas_dtypes() -> None:
    df = aptparse.records(corpus_pairs()).to_pandas()
    kinds = dict(RECORD_COLUMNS["packages"])
    want = {"string": pd.StringDtype("pyarrow"), "int64": pd.Int64Dtype(),
            "bool": pd.BooleanDtype()}
    for name, kind in kinds.items():
        if kind == "category":
            assert isinstance(df[name].dtype, pd.CategoricalDtype), name
        elif kind == "timestamp":
            assert df[name].dtype == "datetime64[s]", name  # naive: no tz=
        else:
            assert df[name].dtype == want[kind], name
    # The set column's categories are every set, in the library's order,
    # whatever the data holds (so tables made apart concatenate).
    assert tuple(df["set"].cat.categories) == aptparse.SET_NAMES
    assert df["arch"].isna().any() and df["old"].isna().any()
    tdf = aptparse.transaction_records(corpus_pairs()).to_pandas()
    assert list(tdf["verdict"].cat.categories) == [
        "consistent", "inconsistent", "no_counts"]
    assert tdf["download"].dtype == pd.Int64Dtype()
    assert tdf["download"].isna().any() and tdf["download"].notna().any()


def test_report_methods_and_functions_agree() -> None:
    report = aptparse.parse_file(LOGS[0])
    a = report.to_arrow(source="x")
    assert a.equals(aptparse.to_arrow(report, source="x"))
    assert a.equals(aptparse.records(report, source="x").to_arrow())
    t = report.to_pandas("transactions")
    assert t.equals(aptparse.to_pandas(report, "transactions"))


def test_hand_made_transactions() -> None:
    pkg = aptparse.Package("curl", arch="amd64", old="1", new="2")
    t = aptparse.Transaction(upgraded=(pkg,), complete=False)
    rows = aptparse.records([t], source="made").to_pylist()
    assert rows == [{
        "source": "made", "host": None, "transaction": 0,
        "kind": "transaction", "start": None, "end": None, "command": None,
        "set": "upgraded", "name": "curl", "arch": "amd64", "old": "1",
        "new": "2", "origins": None, "suite": None, "security": None,
        "automatic": False, "purge": False, "reason": None,
        "simulated": False}]
    trow = aptparse.transaction_records([t]).to_pylist()[0]
    assert trow["n_upgraded"] == 1 and trow["complete"] is False
    assert aptparse.records([]).to_arrow().num_rows == 0


def test_package_table_keys_come_from_its_rows_only() -> None:
    """A transaction without packages gives the package table no row, so
    none of its key cells: its source is not among the categories and its
    UTC time does not make the naive start column "mixed"."""
    import datetime as dt

    bare = aptparse.Transaction(
        start=dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.timezone.utc))
    pkg = aptparse.Package("curl", arch="amd64", old="1", new="2")
    t = aptparse.Transaction(upgraded=(pkg,), start=dt.datetime(2026, 3, 29, 2))
    table = aptparse.records([("bare", [bare]), ("a", [bare, t, bare])]).to_arrow()
    assert table.num_rows == 1
    assert table.column("source").combine_chunks().dictionary.to_pylist() == ["a"]
    assert table.column("transaction").to_pylist() == [1]
    assert str(table.schema.field("start").type) == "timestamp[s]"
    assert table.column("start").to_pylist() == [t.start]


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="packages' or 'transactions"):
        aptparse.to_arrow(aptparse.parse(""), "package")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Report"):
        aptparse.records("apt.log")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="source= is for one Report"):
        aptparse.records([("a", aptparse.parse(""))], source="b")


def test_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_pyarrow(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] == "pyarrow":
            raise ImportError("No module named 'pyarrow'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(__import__("sys").modules, "pyarrow")
    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    monkeypatch.setattr("importlib.import_module",
                        lambda name: no_pyarrow(name))
    report = aptparse.parse("")
    with pytest.raises(ImportError, match=r"pip install 'aptparse\[arrow\]'"):
        report.to_arrow()
    with pytest.raises(ImportError, match=r"pip install 'aptparse\[pandas\]'"):
        report.to_pandas()
    # The plain outputs need neither.
    assert aptparse.records(report).to_pydict()["name"] == []


def test_parse_files_progress(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    got = [name for name, _ in aptparse.parse_files(LOGS[:3], progress=True)]
    assert got == [str(p) for p in LOGS[:3]]
    assert "3/3" in capsys.readouterr().err


def test_times_of_apt_logs() -> None:
    history = next(p for p in LOGS if "history-log" in p.name)
    report = aptparse.parse_file(history)
    df = aptparse.transaction_records(report).to_pandas()
    assert df["start"].notna().all() and df["command"].notna().all()
    assert list(df["start"].dt.to_pydatetime()) == [t.start for t in report.transactions]
    assert (df["end"] >= df["start"]).all()


def test_times_with_offsets_are_utc() -> None:
    import datetime as dt

    plus1 = dt.timezone(dt.timedelta(hours=1))
    t = aptparse.Transaction(start=dt.datetime(2026, 3, 29, 1, 30, tzinfo=plus1),
                             end=dt.datetime(2026, 3, 29, 0, 45, tzinfo=dt.timezone.utc))
    tbl = aptparse.transaction_records([t]).to_arrow()
    assert str(tbl.schema.field("start").type) == "timestamp[s, tz=UTC]"
    row = tbl.to_pylist()[0]
    assert row["start"] == t.start and row["start"].utcoffset() == dt.timedelta(0)
    assert row["end"] == t.end
    assert aptparse.transaction_records([t]).to_pylist()[0]["start"] == t.start
    naive = aptparse.Transaction(start=dt.datetime(2026, 3, 29, 1, 30))
    with pytest.raises(ValueError, match="same tz="):
        aptparse.transaction_records([t, naive]).to_arrow()


def test_import_needs_no_extra() -> None:
    import subprocess
    import sys

    code = ("import sys, aptparse; aptparse.records(aptparse.parse('')).to_pydict(); "
            "print(sorted(m for m in ('pandas', 'pyarrow', 'dask', 'tqdm') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "[]"
