"""aptparse.compare(): an apt run's plan against its outcome, typed, and the
same answer as the CLI's --compare --json (validated by
docs/compare.schema.json)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import aptparse
from conftest import CORPUS, ROOT

SCHEMA: dict[str, Any] = json.loads((ROOT / "docs" / "compare.schema.json").read_text(encoding="utf-8"))
FAILED = "debian12-apt2.6.1-failed-upgrade-y"
OK = "debian12-apt2.6.1-ok-upgrade-y"


def log(name: str) -> str:
    return str(CORPUS / f"{name}.log")


def failed_names(name: str) -> list[str]:
    truth = json.loads((CORPUS / f"{name}.truth.json").read_text(encoding="utf-8"))
    return sorted(p["name"] for p in truth["transactions"][0]["failed"])


def test_the_failed_upgrade_names_the_package_dpkg_left_unfinished() -> None:
    c = aptparse.compare(aptparse.parse_file(log(FAILED)), aptparse.parse_file(log(FAILED + "-term-log")))
    assert isinstance(c, aptparse.Comparison)
    assert failed_names(FAILED) == ["tzdata"]
    assert sorted(p.plan.name for p in c.planned if p.status == "failed") == failed_names(FAILED)
    assert c.count("failed") == 1 and c.count("happened") == len(c.planned) - 1
    assert not c.all_happened
    tz = next(p for p in c.planned if p.plan.name == "tzdata")
    assert isinstance(tz, aptparse.PlannedChange) and isinstance(tz.plan, aptparse.Change)
    assert tz.plan.action == "upgrade" and tz.outcome is not None
    assert tz.outcome.new == tz.plan.new


def test_the_successful_upgrade_all_happened() -> None:
    c = aptparse.compare(aptparse.parse_file(log(OK + "-history-log")), aptparse.parse_file(log(OK + "-term-log")))
    assert c.planned and c.all_happened and c.unplanned == ()


def test_a_report_a_transaction_and_a_list_of_transactions_are_the_same_side() -> None:
    plan = aptparse.parse_file(log(FAILED))
    outcome = aptparse.parse_file(log(FAILED + "-term-log"))
    c = aptparse.compare(plan, outcome)
    assert aptparse.compare(plan.transactions[0], list(outcome.transactions)) == c
    assert aptparse.compare(iter(plan.transactions), outcome.transactions) == c


def test_text_is_refused_with_a_hint() -> None:
    with pytest.raises(TypeError, match="parse it first"):
        aptparse.compare("Reading package lists...\n", aptparse.parse(""))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not a Transaction"):
        aptparse.compare([1], aptparse.parse(""))  # type: ignore[list-item]


def test_the_result_is_the_clis_json(cli: Path) -> None:
    plan, outcome = log(FAILED + "-history-log"), log(FAILED + "-term-log")
    r = subprocess.run([str(cli), "--compare", "--json", plan, outcome], capture_output=True, check=False)
    assert r.returncode == 3
    d = json.loads(r.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(d)
    # a history.log and a term.log have times: the CLI pairs their runs
    (c,) = aptparse.compare_runs(aptparse.parse_file(plan), aptparse.parse_file(outcome))
    assert c == aptparse.Comparison._from_json(d)
    assert c.start is not None and d["start"] == c.start.isoformat()
    assert c.to_dict()["planned"][0]["plan"]["name"] == d["planned"][0]["name"]


def test_the_schema_refuses_an_unknown_key() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    bad = {"plan": None, "outcome": None, "all_happened": True,
           "counts": {"happened": 0, "failed": 0, "different": 0, "absent": 0, "unplanned": 0},
           "planned": [], "unplanned": [], "extra": 1}
    assert not jsonschema.Draft202012Validator(SCHEMA).is_valid(bad)


def test_compare_runs_pairs_a_many_run_history_log_with_its_term_log() -> None:
    history = aptparse.parse_file(log("debian12-apt2.6.1-history-log"))
    term = aptparse.parse_file(log("debian12-apt2.6.1-term-log"))
    runs = aptparse.compare_runs(history, term)
    assert [(c.start, c.end) for c in runs] == [(t.start, t.end) for t in history.transactions]
    failed = [p.plan.name for c in runs for p in c.planned if p.status == "failed"]
    assert failed == ["aptparse-failing-postinst"]
    assert all(c.start is not None and c.start <= c.end for c in runs)  # type: ignore[operator]


def test_compare_runs_without_times_is_one_comparison() -> None:
    plan = aptparse.parse_file(log(FAILED))
    outcome = aptparse.parse_file(log(FAILED + "-term-log"))
    assert aptparse.compare_runs(plan, outcome) == [aptparse.compare(plan, outcome)]
