"""dpkg.log from Python: one Transaction per apt run, grouped exactly when
the same host's history.log gives apt's runs (apt_runs=)."""

from __future__ import annotations

import datetime

import pytest

import aptparse
from conftest import CORPUS

RELEASES = ["debian12-apt2.6.1", "debian13-apt3.0.4"]
SETS = ["newly_installed", "upgraded", "downgraded", "reinstalled",
        "to_remove"]


def names(packages):
    return sorted(p.name for p in packages)


@pytest.mark.parametrize("release", RELEASES)
def test_history_runs_group_dpkg_log_like_the_cli(release):
    history = aptparse.parse_file(CORPUS / f"{release}-history-log.log")
    dpkg_log = CORPUS / f"{release}-dpkg-log.log"
    runs = aptparse.apt_runs_of(history)
    assert len(runs) == len(history.transactions)
    assert all(isinstance(s, datetime.datetime) for run in runs for s in run)
    for given in (history, runs):
        grouped = aptparse.parse(dpkg_log.read_bytes(), apt_runs=given)
        assert len(grouped.transactions) == len(history.transactions)
        for h, d in zip(history.transactions, grouped.transactions):
            assert h.start <= d.start <= d.end <= h.end
            for s in SETS:
                assert names(getattr(d, s)) == names(getattr(h, s)), s
    from_file = aptparse.parse_file(dpkg_log, apt_runs=history)
    streamed = aptparse.Parser(apt_runs=history)
    got = streamed.feed(dpkg_log.read_bytes()) + streamed.finish()
    assert [t.start for t in got] == [t.start for t in from_file.transactions]


def test_apt_runs_must_be_pairs_of_times():
    with pytest.raises(TypeError):
        aptparse.parse("", apt_runs=[("2026-11-27T05:58:51",)])
    with pytest.raises(TypeError):
        aptparse.parse("", apt_runs=5)


def test_failed_packages_of_a_failing_postinst():
    log = (CORPUS / "debian12-apt2.6.1-dpkg-log.log").read_bytes()
    failing = [t for t in aptparse.parse(log).transactions if t.failed]
    assert len(failing) == 1
    assert [p.name for p in failing[0].failed] == ["aptparse-failing-postinst"]
    assert failing[0].failed[0].new == "1.0"
