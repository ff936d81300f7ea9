"""corpus/wild: apt output other people pasted, parsed to apt's own counts.

Every log in corpus/wild was copied from a public page (issue thread, forum
archive, README, CI log); its .meta.json says where from and holds the counts
of each of its apt runs as a human read them from apt's summary line. For
every run the parsed lists must have exactly those sizes. The logs the parser
still gets wrong are listed, with the kind of failure, in
corpus/wild/expected_failures.tsv; they are strict xfails, so a fix that makes
one pass fails the run until its line is removed.

A pasted /var/log/apt/history.log has no summary line: its meta holds, for
each entry, the sizes of the entry's Install/Upgrade/Remove lists as a human
counted them (`entries`), and each parsed transaction must hold that many.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import aptparse

WILD = Path(__file__).resolve().parents[2] / "corpus" / "wild"
LOGS = sorted(WILD.glob("*.log"))
COUNTED = ("upgraded", "newly_installed", "to_remove", "not_upgraded",
           "downgraded", "reinstalled")
CLASSES = ("indent/quote", "whitespace", "ubuntu-translation", "old-wording",
           "no-preamble", "other")
LAYOUTS = ("classic", "apt3", "sqq", "dpkg", "history")
QUOTING = ("none", "indent", "quote", "ci-prefix", "syslog", "json-string")


def meta(log: Path) -> dict:
    return json.loads(log.with_suffix(".meta.json").read_text())


def expected_failures() -> dict[str, tuple[str, str]]:
    rows = {}
    for line in (WILD / "expected_failures.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            name, kind, why = line.split("\t")
            rows[name] = (kind, why)
    return rows


XFAIL = expected_failures()


def _param(log: Path):
    if log.name in XFAIL:
        kind, why = XFAIL[log.name]
        return pytest.param(log, id=log.name, marks=pytest.mark.xfail(
            strict=True, reason=f"{kind}: {why}"))
    return pytest.param(log, id=log.name)


def test_wild_corpus_meets_its_brief() -> None:
    metas = [meta(log) for log in LOGS]
    assert len(LOGS) >= 60, f"only {len(LOGS)} logs"
    languages = {m["language"] for m in metas}
    assert len(languages) >= 15, sorted(languages)


@pytest.mark.parametrize("log", LOGS, ids=[p.name for p in LOGS])
def test_meta_is_complete(log: Path) -> None:
    m = meta(log)
    for key in ("source", "lines", "how_copied", "language", "distro",
                "apt_version", "layout", "quoting", "counts"):
        assert key in m, key
    assert m["layout"] in LAYOUTS and m["quoting"] in QUOTING
    assert m["counts"] and all(run is None or set(run) <= {*COUNTED, "unlisted"}
                               for run in m["counts"])
    if m["layout"] == "history":
        assert len(m["entries"]) == len(m["counts"])
        assert all(set(entry) <= set(COUNTED) for entry in m["entries"])


def test_expected_failures_name_real_logs() -> None:
    names = {p.name for p in LOGS}
    for name, (kind, why) in XFAIL.items():
        assert name in names, name
        assert kind.split(":")[0] in CLASSES and why, (name, kind)


@pytest.mark.parametrize("log", [_param(p) for p in LOGS])
def test_parsed_lists_have_apt_counts(log: Path) -> None:
    runs = [run for run in meta(log)["counts"] if run is not None]
    report = aptparse.parse_file(str(log))
    counted = [t for t in report.transactions if t.counts is not None]
    got = [{k: getattr(t.counts, k) for k in COUNTED} for t in counted]
    want = [{k: run.get(k, 0) for k in COUNTED} for run in runs]
    assert got == want, "summary lines read differently"
    for t, run in zip(counted, runs):
        for key in COUNTED:
            if key not in run.get("unlisted", ()) and (
                    key not in ("downgraded", "reinstalled") or key in run):
                assert len(t.set(key)) == run.get(key, 0), (t, key)
    entries = meta(log).get("entries")
    if entries is not None:  # history.log: what each entry lists
        assert len(report.transactions) == len(entries)
        for t, entry in zip(report.transactions, entries):
            for key in COUNTED:
                assert len(t.set(key)) == entry.get(key, 0), (t, key)
        return
    for t in report.transactions:
        if t.counts is None:  # a run without summary must not hold a plan
            assert not (t.upgraded or t.newly_installed or t.to_remove), t
