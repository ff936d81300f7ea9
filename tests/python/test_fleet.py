"""The fleet report: aptparse.report(), its text and HTML, `aptparse report`.

Fleets are directory trees of real corpus logs (symbolic links), one
directory per host; expectations come from parsing the same files.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import aptparse
from aptparse import fleet as fleet_mod

from conftest import CORPUS, LOGS, ROOT

PLAN = CORPUS / "debian12-apt2.6.1-upgrade-s.log"  # -s: 6 upgrades offered
RUN = CORPUS / "debian12-apt2.6.1-apt-full-upgrade-y.log"  # the same, done
KEPT = CORPUS / "debian12-apt2.6.1-held-upgrade-s.log"  # kept back
APT_ERROR = CORPUS / "debian12-apt2.6.1-apt-error-unknown-package.log"
DPKG_ERROR = CORPUS / "debian12-apt2.6.1-failing-postinst-y.log"
# -s: brings libssl3 and others from Debian-Security, upgrades nothing
SECURITY_INSTALL = CORPUS / "debian12-apt2.6.1-install-python3-s.log"


def make_fleet(root: Path, hosts: dict[str, list[Path]]) -> Path:
    """root/<host>/<nn>-<name>: links to corpus logs, in the given order."""
    for host, logs in hosts.items():
        (root / host).mkdir(parents=True)
        for i, log in enumerate(logs):
            (root / host / f"{i:02}-{log.name}").symlink_to(log)
    return root


def names(t_set: tuple[aptparse.Package, ...]) -> set[str]:
    return {p.name for p in t_set}


def only(path: Path) -> aptparse.Transaction:
    (t,) = aptparse.parse_file(path).transactions
    return t


def test_hosts_are_the_directories_under_the_root(tmp_path: Path) -> None:
    root = make_fleet(tmp_path / "fleet", {"web1": [PLAN], "db1": [RUN, KEPT]})
    (root / "db1" / "notes.meta.json").write_text("{}")  # not a log
    found = fleet_mod.find_logs([root])
    assert [(Path(p).name, h) for p, h in found] == [
        (f"00-{RUN.name}", "db1"), (f"01-{KEPT.name}", "db1"),
        (f"00-{PLAN.name}", "web1")]
    # A host directory given itself, and a file named directly.
    assert {h for _, h in fleet_mod.find_logs([root / "web1"])} == {"web1"}
    assert fleet_mod.find_logs([PLAN]) == [(str(PLAN), "logs")]


def test_host_rules_regex_group_and_callable(tmp_path: Path) -> None:
    root = make_fleet(tmp_path, {"web1": [PLAN]})
    rx = r"/(?P<host>web)\d/"
    assert fleet_mod.find_logs([root], host=rx)[0][1] == "web"
    assert fleet_mod.find_logs([root], host=r"(\d+)-debian")[0][1] == "00"
    assert fleet_mod.find_logs([root], host=r"nomatch")[0][1] == "web1"
    assert fleet_mod.find_logs([root], host=lambda p: p[-5:])[0][1] == "s.log"


def test_pending_is_what_no_later_run_upgraded(tmp_path: Path) -> None:
    plan, run = only(PLAN), only(RUN)
    root = make_fleet(tmp_path, {"a": [PLAN], "b": [PLAN, RUN], "c": [RUN]})
    hosts = {h.name: h for h in aptparse.report(root).hosts}
    assert set(hosts["a"].pending) == names(plan.upgraded)
    assert hosts["a"].applied == 0
    assert set(hosts["b"].pending) == names(plan.upgraded) - names(run.upgraded)
    assert hosts["b"].applied == hosts["c"].applied == len(run.upgraded)
    assert hosts["b"].files == 2 and hosts["b"].transactions == 2


def test_kept_back_and_top_upgraded_are_fleet_wide(tmp_path: Path) -> None:
    kept = only(KEPT).not_upgraded
    assert kept, "the held-upgrade log keeps packages back"
    root = make_fleet(tmp_path, {"a": [RUN, KEPT], "b": [KEPT, RUN]})
    fleet = aptparse.report(root)
    held = {(k.name, k.reason): k.hosts for k in fleet.held}
    run = only(RUN)
    for p in kept:
        assert held[(p.name, p.reason or "kept_back")] == ("a", "b")
    # The held-upgrade log is a simulation: what it kept back and what it
    # offered are pending, unless a later run upgraded them.
    plan = names(kept) | names(only(KEPT).upgraded)
    assert set(fleet.hosts[0].pending) == plan
    assert set(fleet.hosts[1].pending) == plan - names(run.upgraded)
    top = {u.name: (u.times, u.hosts) for u in fleet.top_upgraded}
    assert top == {p.name: (2, 2) for p in run.upgraded}


def test_failures_follow_the_fail_on_rules(tmp_path: Path) -> None:
    root = make_fleet(tmp_path, {"ok": [PLAN], "bad": [APT_ERROR, DPKG_ERROR]})
    fleet = aptparse.report(root)
    got = {(Path(f.source).name[3:], f.reasons) for f in fleet.failures}
    assert got == {(APT_ERROR.name, ("error",)), (DPKG_ERROR.name, ("error",))}
    for f in fleet.failures:
        t = aptparse.parse_file(f.source).transactions[0]
        assert f.text == t.errors[0].text.splitlines()[0]
        assert (f.first_line, f.last_line) == (t.first_line, t.last_line)
    assert {h.name: h.failures for h in fleet.hosts} == {"bad": 2, "ok": 0}


def test_timeline_counts_runs_per_day(tmp_path: Path) -> None:
    history = CORPUS / "debian12-apt2.6.1-history-log.log"
    ts = aptparse.parse_file(history).transactions
    assert all(t.start for t in ts)
    fleet = aptparse.report(make_fleet(tmp_path, {"h": [history]}))
    assert sum(d.upgraded for d in fleet.timeline) == sum(
        len(t.upgraded) for t in ts if t.start)
    assert [d.day for d in fleet.timeline] == sorted(
        {t.start.date() for t in ts if t.start})


def test_text_lists_every_section(tmp_path: Path) -> None:
    root = make_fleet(tmp_path, {"a": [PLAN, KEPT], "b": [RUN, APT_ERROR]})
    fleet = aptparse.report(root)
    text = fleet.to_text()
    assert text.startswith("aptparse fleet report: 2 hosts, 4 files, 4 transactions")
    for title, _, rows, empty in fleet_mod.iter_rows(fleet):
        assert f"\n{title} ({len(rows)})\n" in text
        if not rows:
            assert f"({empty})" in text
    row = next(line for line in text.splitlines() if line.startswith("  b "))
    assert row.split()[:4] == ["b", "2", "2", str(len(only(RUN).upgraded))]


def test_unreadable_files_are_listed(tmp_path: Path) -> None:
    fleet = aptparse.report([PLAN, tmp_path / "missing.log"])
    assert [p for p, _ in fleet.unreadable] == [str(tmp_path / "missing.log")]
    assert "missing.log" in fleet.to_text()


def test_html_is_self_contained_with_plots(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    fleet = aptparse.report(make_fleet(tmp_path, {"a": [PLAN], "b": [RUN]}))
    page = fleet.to_html()
    assert page.count("<svg") == 2  # per host, most upgraded (no times)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page
    # The non-empty tables: hosts, security updates still pending (PLAN's
    # six come from Debian-Security) and most upgraded.
    assert page.count('<table class="sortable">') == 3
    assert "No plots" not in page


def test_html_without_matplotlib_says_why(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import fails
    monkeypatch.delitem(sys.modules, "aptparse._fleet_plots", raising=False)
    monkeypatch.delattr(aptparse, "_fleet_plots", raising=False)
    page = aptparse.report(PLAN).to_html()
    assert "<svg" not in page
    assert "No plots: matplotlib cannot be imported" in page
    assert "pip install &#x27;aptparse[report]&#x27;" in page
    # the hosts and PLAN's pending security updates
    assert page.count('<table class="sortable">') == 2


def run_report(*args: object, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aptparse", "report",
                           *map(str, args)], capture_output=True, text=True,
                          timeout=300, **kw)  # type: ignore[call-overload]


def test_cli_text_html_and_fail_on(tmp_path: Path) -> None:
    root = make_fleet(tmp_path / "f", {"a": [PLAN], "b": [APT_ERROR]})
    r = run_report(root)
    assert r.returncode == 0, r.stderr
    assert r.stdout == aptparse.report(root).to_text()
    assert run_report("--fail-on", "error", root).returncode == 3
    assert run_report("--fail-on", "inconsistent", root).returncode == 0
    bad = run_report("--fail-on", "bogus", root)
    assert bad.returncode == 2 and "takes error, inconsistent" in bad.stderr
    out = tmp_path / "fleet.html"
    r = run_report("--html", out, root)
    assert (r.returncode, r.stdout) == (0, "")
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert run_report(tmp_path / "missing").returncode == 2


def test_cli_gate_and_fleet_report_agree_on_pending_security(
        cli: Path, tmp_path: Path) -> None:
    # The C++ gate counted a plan's new packages from a security archive,
    # the fleet report only its upgrades: on this log the one said
    # "pending" and the other did not. Both ask cli::pending now.
    t = only(SECURITY_INSTALL)
    security = {p.name for p in t.newly_installed if p.security}
    assert not t.upgraded and security
    gate = subprocess.run([str(cli), "--fail-on", "pending-security",
                           str(SECURITY_INSTALL)], capture_output=True,
                          timeout=60)
    assert gate.returncode == 3
    (host,) = aptparse.report(SECURITY_INSTALL).hosts
    assert set(host.pending_security) == security
    assert run_report("--fail-on", "pending-security",
                      SECURITY_INSTALL).returncode == 3
    # The report replays a host's runs: a later run that installed them
    # leaves nothing pending, though the plan alone fails the gate.
    root = make_fleet(tmp_path, {"h": [SECURITY_INSTALL, RUN]})
    installed = names(only(RUN).upgraded) | names(only(RUN).newly_installed)
    left = set(aptparse.report(root).hosts[0].pending_security)
    assert left == security - installed
    assert run_report("--fail-on", "pending-security", root).returncode == (
        3 if left else 0)


def test_every_one_run_log_gets_one_answer_on_pending_security() -> None:
    # With one transaction there is nothing to replay: the --fail-on rule
    # (the C++ one, through _core) and the fleet report must agree.
    checked = pending = 0
    for log in LOGS:
        ts = aptparse.parse_file(log).transactions
        if len(ts) != 1:
            continue
        gate = "pending-security" in aptparse._core.fail_reasons(ts[0])
        assert gate == (aptparse.report(log).pending_security > 0), log.name
        checked += 1
        pending += gate
    assert checked > 100 and pending > 10, (checked, pending)


def test_cli_progress_line(tmp_path: Path) -> None:
    root = make_fleet(tmp_path, {"a": [PLAN, RUN], "b": [KEPT]})
    r = run_report("--progress", root)
    last = r.stderr.splitlines()[-1]
    assert re.fullmatch(r"aptparse: 3/3 files, [\d.]+ k?B of [\d.]+ k?B, "
                        r"[\d.]+ [kMG]?B/s, ETA 0:00", last), r.stderr
    assert run_report("--no-progress", root).stderr == ""


def test_the_cpp_executable_runs_the_same_report(cli: Path, tmp_path: Path) -> None:
    root = make_fleet(tmp_path, {"a": [PLAN], "b": [KEPT]})
    env = dict(os.environ, APTPARSE_PYTHON=sys.executable)
    r = subprocess.run([str(cli), "report", str(root)], capture_output=True,
                       text=True, env=env, timeout=300)
    assert (r.returncode, r.stdout) == (0, run_report(root).stdout), r.stderr


def test_help_lists_the_report_flags_of_the_table() -> None:
    r = run_report("--help")
    assert r.returncode == 0
    for f in aptparse._core.cli_flags():
        assert (f"--{f['long']}" in r.stdout) == f["report"], f["long"]
    assert ROOT.is_dir()


def test_timeline_is_plotted_and_listed_when_there_are_days() -> None:
    pytest.importorskip("matplotlib")
    import datetime

    days = (fleet_mod.Day(datetime.date(2026, 1, 1), 3, 1, 0),
            fleet_mod.Day(datetime.date(2026, 1, 5), 2, 0, 1))
    fleet = fleet_mod.FleetReport(hosts=(fleet_mod.Host("a", applied=5),),
                                  timeline=days)
    page = fleet.to_html()
    assert '<figure aria-label="Changes per day">' in page
    assert "<td class=\"wrap\">2026-01-05</td>" in page
    assert "  2026-01-01         3          1        0" in fleet.to_text()


def test_strict_violation_is_listed_with_its_line(tmp_path: Path) -> None:
    cut = tmp_path / "cut.log"  # a real log cut off inside its list
    cut.write_bytes(b"".join(PLAN.read_bytes().splitlines(True)[:6]))
    assert aptparse.report(cut).unreadable == ()
    fleet = aptparse.report(cut, strict=True)
    ((path, why),) = fleet.unreadable
    err = aptparse.parse_file(cut, strict=True).error
    assert err is not None
    assert (path, why) == (str(cut), f"line {err.line}: {err.message}")
    assert run_report("--strict", cut).returncode == 2


def test_jobs_do_not_change_the_report() -> None:
    calls: list[tuple[int, int, int, int]] = []
    one = aptparse.report(ROOT / "corpus", jobs=1)
    two = aptparse.report(ROOT / "corpus", jobs=2,
                          progress=lambda *a: calls.append(a))
    assert one == two and one.transactions > 0
    files = len(fleet_mod.find_logs([ROOT / "corpus"]))
    assert [c[0] for c in calls] == list(range(1, files + 1))
    assert calls[-1][2] == calls[-1][3] > 0  # every byte done
