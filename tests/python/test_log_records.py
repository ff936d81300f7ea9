"""Records of apt's logs in Python: times as datetimes (naive, or aware
with tz=), command, requester, error; cut-off .gz files."""

from __future__ import annotations

import datetime
import gzip
import json
import zoneinfo
from pathlib import Path

import pytest

import aptparse
from conftest import CORPUS

HISTORY = (
    b"\nStart-Date: 2026-03-29  01:59:00\n"
    b"Commandline: apt-get -y install git\n"
    b"Requested-By: alice (1000)\n"
    b"Install: git:amd64 (1:2.39.5-0+deb12u3), git-man:amd64 "
    b"(1:2.39.5-0+deb12u3, automatic)\n"
    b"Error: Sub-process /usr/bin/dpkg returned an error code (1)\n"
    b"End-Date: 2026-03-29  03:01:00\n"
)
BERLIN_WINTER = datetime.timezone(datetime.timedelta(hours=1))
BERLIN_SUMMER = datetime.timezone(datetime.timedelta(hours=2))


def test_a_history_record_has_naive_times_and_its_fields() -> None:
    [t] = aptparse.parse(HISTORY).transactions
    assert t.start == datetime.datetime(2026, 3, 29, 1, 59, 0)
    assert t.start.tzinfo is None and t.end is not None and t.end.tzinfo is None
    assert t.end == datetime.datetime(2026, 3, 29, 3, 1, 0)
    assert t.command == "apt-get -y install git"
    assert (t.requested_by_user, t.requested_by_uid) == ("alice", 1000)
    assert t.error == "Sub-process /usr/bin/dpkg returned an error code (1)"
    assert t.failed == ()
    assert [p.automatic for p in t.newly_installed] == [False, True]


@pytest.mark.parametrize(
    "tz",
    ["Europe/Berlin", zoneinfo.ZoneInfo("Europe/Berlin")],
    ids=["name", "ZoneInfo"],
)
def test_tz_makes_times_aware_with_the_offset_of_their_moment(tz: object) -> None:
    [t] = aptparse.parse(HISTORY, tz=tz).transactions  # type: ignore[arg-type]
    assert t.start == datetime.datetime(2026, 3, 29, 1, 59, tzinfo=BERLIN_WINTER)
    assert t.end == datetime.datetime(2026, 3, 29, 3, 1, tzinfo=BERLIN_SUMMER)
    # The same instants as Python's own zoneinfo gives.
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    assert t.start == datetime.datetime(2026, 3, 29, 1, 59, tzinfo=berlin)
    assert t.end == datetime.datetime(2026, 3, 29, 3, 1, tzinfo=berlin)


@pytest.mark.parametrize(
    "tz, offset",
    [
        ("UTC", "+00:00"),
        (datetime.timezone.utc, "+00:00"),
        ("-03:30", "-03:30"),
        (datetime.timezone(datetime.timedelta(hours=5, minutes=30)), "+05:30"),
        (datetime.timezone(-datetime.timedelta(hours=3, minutes=30)), "-03:30"),
    ],
)
def test_fixed_zones_give_their_offset(tz: aptparse.TimeZone, offset: str) -> None:
    [t] = aptparse.parse(HISTORY, tz=tz).transactions
    assert t.to_dict()["start"] == "2026-03-29T01:59:00" + offset
    assert t.start is not None and t.start.utcoffset() is not None


def test_every_entry_point_takes_tz(tmp_path: Path) -> None:
    log = tmp_path / "history.log"
    log.write_bytes(HISTORY)
    want = "2026-03-29T01:59:00+01:00"
    [t] = aptparse.parse_file(log, tz="Europe/Berlin").transactions
    assert t.to_dict()["start"] == want
    [t] = list(aptparse.iter_transactions([HISTORY], tz="Europe/Berlin"))
    assert t.to_dict()["start"] == want
    p = aptparse.Parser(tz="Europe/Berlin")
    assert p.timezone == "Europe/Berlin"
    lines = (p.feed_json(HISTORY) + p.finish_json()).decode().splitlines()
    assert json.loads(lines[0])["start"] == want


def test_a_bad_tz_is_refused() -> None:
    with pytest.raises(ValueError, match="Mars/Olympus"):
        aptparse.parse(HISTORY, tz="Mars/Olympus")
    with pytest.raises(ValueError, match="time zone"):
        aptparse.Parser(tz="../../etc/passwd")
    with pytest.raises(TypeError, match="tzinfo"):
        aptparse.parse(HISTORY, tz=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="whole minutes"):
        aptparse.parse(
            HISTORY, tz=datetime.timezone(datetime.timedelta(seconds=90))
        )


@pytest.mark.parametrize("tz", [None, "Europe/Berlin"])
def test_to_json_writes_the_times_back(tz: aptparse.TimeZone) -> None:
    parser = aptparse.Parser(tz=tz)
    cpp = json.loads(parser.feed_json(HISTORY) + parser.finish_json())
    [t] = aptparse.parse(HISTORY, tz=tz).transactions
    assert t.to_dict() == cpp
    assert (cpp["requested_by"], cpp["error"] is not None) == (
        {"user": "alice", "uid": 1000},
        True,
    )


def test_corpus_log_records_have_times_in_order() -> None:
    logs = sorted(CORPUS.glob("*-history-log.log")) + sorted(
        CORPUS.glob("*-term-log.log")
    )
    assert len(logs) >= 4
    for log in logs:
        report = aptparse.parse_file(log)
        assert report.transactions, log.name
        for t in report.transactions:
            assert t.start is not None and t.end is not None, log.name
            assert t.start <= t.end, (log.name, t.first_line)
            if "history" in log.name:
                assert t.command, (log.name, t.first_line)


def test_a_cut_gz_raises_with_the_partial_record(tmp_path: Path) -> None:
    data = (CORPUS / "debian12-apt2.6.1-history-log.log").read_bytes()
    whole = gzip.compress(data, mtime=0)
    gz = tmp_path / "history.log.1.gz"
    cut_inside_a_record = 0
    for cut in range(len(whole) // 4, len(whole) - 8, 16):
        gz.write_bytes(whole[:cut])
        with pytest.raises(aptparse.TruncatedFileError, match="history.log.1.gz") as e:
            aptparse.parse_file(gz)
        report = e.value.report
        assert report is not None and report.transactions, cut
        # Every record but the last is whole; the last, when the data
        # stops inside it, is marked and diagnosed, never dropped.
        assert all(t.complete for t in report.transactions[:-1]), cut
        last = report.transactions[-1]
        if not last.complete:
            cut_inside_a_record += 1
            assert last.end is None, cut
            codes = [d.code for d in last.diagnostics]
            # A cut inside the Start-Date or End-Date line leaves a time
            # that does not parse.
            assert codes in (
                ["unterminated_record"],
                ["unparsable_time", "unterminated_record"],
                ["unparsable_time"],
            ), (cut, codes)
    assert cut_inside_a_record > 0
