#!/usr/bin/env python3
"""`aptparse --compare PLAN OUTCOME` on the corpus's plan/outcome sets and
on bad arguments.

Usage: compare_cli_test.py PATH/TO/aptparse CORPUS_DIR

A set is a console capture <name>.log whose truth has `failed` (what
dpkg-query showed unfinished right after the run, corpus/capture/compare.sh)
and the copies of that run's logs, <name>-history-log.log, -term-log.log and
-dpkg-log.log. For each plan (console, history.log) and outcome (term.log,
dpkg.log) the comparison must say: the planned changes are the truth's sets,
exactly the truth's failed packages failed, all others happened, nothing
unplanned; exit status 3 when something failed, else 0. An outcome whose
format corpus/expected_gaps.tsv lists as not parsed yet (dpkg.log, until its
transactions exist) is left out, and said so.
"""
import fnmatch
import json
import pathlib
import subprocess
import sys
import tempfile
import unittest

CLI = sys.argv[1] if len(sys.argv) > 1 else "aptparse"
CORPUS = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "corpus") / "logs"
CHANGE_SETS = ["upgraded", "newly_installed", "to_remove", "downgraded",
               "reinstalled"]
PLANS = ["", "-history-log"]
OUTCOMES = ["-term-log", "-dpkg-log"]


def gaps():
    lines = (CORPUS.parent / "expected_gaps.tsv").read_text().splitlines()
    return [line.split("\t")[0] for line in lines
            if line.strip() and not line.startswith("#")]


def is_gap(path):
    return any(fnmatch.fnmatch(path.name, g) for g in gaps())


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, timeout=120)


def compare_sets():
    """(name, truth transaction) of every console capture with a `failed`
    truth and the three log copies of its run."""
    for truth in sorted(CORPUS.glob("*.truth.json")):
        name = truth.name[:-len(".truth.json")]
        t = json.loads(truth.read_text())["transactions"]
        if len(t) != 1 or "failed" not in t[0] or "from_log" in t[0]:
            continue
        if all((CORPUS / f"{name}{s}.log").exists()
               for s in ["-history-log", "-term-log", "-dpkg-log"]):
            yield name, t[0]


class CompareCorpus(unittest.TestCase):
    def test_the_corpus_has_a_failed_and_a_successful_run(self):
        failed = [bool(t["failed"]) for _, t in compare_sets()]
        self.assertIn(True, failed)
        self.assertIn(False, failed)

    def test_each_plan_against_each_outcome_names_what_failed(self):
        for name, truth in compare_sets():
            planned = sorted(p["name"] for s in CHANGE_SETS for p in truth[s])
            failed = sorted(p["name"] for p in truth["failed"])
            for plan in PLANS:
                for outcome in OUTCOMES:
                    files = [str(CORPUS / f"{name}{plan}.log"),
                             str(CORPUS / f"{name}{outcome}.log")]
                    if is_gap(CORPUS / f"{name}{outcome}.log"):
                        print(f"GAP {files[1]}: listed in expected_gaps.tsv",
                              file=sys.stderr)
                        continue
                    with self.subTest(plan=files[0], outcome=files[1]):
                        r = run("--compare", "--json", *files)
                        self.assertEqual(r.returncode, 3 if failed else 0,
                                         r.stderr.decode())
                        c = json.loads(r.stdout)
                        self.assertEqual(
                            sorted(p["name"] for p in c["planned"]), planned)
                        self.assertEqual(sorted(
                            p["name"] for p in c["planned"]
                            if p["status"] == "failed"), failed)
                        self.assertEqual(sorted(
                            p["name"] for p in c["planned"]
                            if p["status"] == "happened"),
                            sorted(set(planned) - set(failed)))
                        self.assertEqual(c["unplanned"], [])
                        self.assertEqual(c["all_happened"], not failed)

    def test_text_output_names_the_failed_package(self):
        for name, truth in compare_sets():
            if not truth["failed"]:
                continue
            r = run("--compare", str(CORPUS / f"{name}.log"),
                    str(CORPUS / f"{name}-term-log.log"))
            lines = r.stdout.decode().splitlines()
            for p in truth["failed"]:
                self.assertTrue(any(
                    line.split()[:3] == ["failed", "upgrade", p["name"]]
                    for line in lines), lines)


class CompareRuns(unittest.TestCase):
    def test_a_history_log_of_many_runs_is_compared_run_by_run(self):
        """The bookworm sequence's history.log and term.log (15 runs, one of
        them a package whose postinst fails): one line per history record."""
        for history in sorted(CORPUS.glob("*-apt*-history-log.log")):
            term = history.with_name(history.name.replace("-history-log",
                                                          "-term-log"))
            golden = history.with_name(history.name[:-4] + ".expected.jsonl")
            records = [json.loads(line)
                       for line in golden.read_text().splitlines()]
            r = run("--compare", "--json", str(history), str(term))
            runs = [json.loads(line) for line in r.stdout.splitlines()]
            with self.subTest(history=history.name):
                self.assertEqual([(c["start"], c["end"]) for c in runs],
                                 [(t["start"], t["end"]) for t in records])
                self.assertEqual(r.returncode,
                                 0 if all(c["all_happened"] for c in runs)
                                 else 3)
                self.assertTrue(all(c["planned"] for c in runs))


class CompareArguments(unittest.TestCase):
    def test_one_file_is_a_usage_error(self):
        r = run("--compare", str(CORPUS / "debian12-apt2.6.1-upgrade-s.log"))
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"--compare needs two files", r.stderr)

    def test_a_missing_file_is_an_error_naming_it(self):
        r = run("--compare", str(CORPUS / "debian12-apt2.6.1-upgrade-s.log"),
                "/nonexistent/term.log")
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"/nonexistent/term.log", r.stderr)

    def test_a_plan_without_a_transaction_exits_1(self):
        with tempfile.NamedTemporaryFile(suffix=".log") as empty:
            r = run("--compare", empty.name,
                    str(CORPUS / "debian12-apt2.6.1-upgrade-s.log"))
        self.assertEqual(r.returncode, 1)
        self.assertIn(b"nothing planned", r.stderr)

    def test_a_plan_against_itself_all_happened(self):
        log = str(CORPUS / "debian12-apt2.6.1-upgrade-s.log")
        r = run("--compare", log, log)
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout.decode().splitlines()[0],
                         r": (\d+) of \1 planned changes happened")


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
