#!/usr/bin/env python3
"""Tests of `--fail-on` (the exit status a CI step gates on), `--progress`
and the `report` subcommand's hand-over to Python.

Usage: cli_gate_test.py PATH/TO/aptparse CORPUS_DIR
"""
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import unittest

CLI = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else "aptparse"
CORPUS = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "corpus")
APT_ERROR = CORPUS / "logs/debian12-apt2.6.1-apt-error-unknown-package.log"
DPKG_ERROR = CORPUS / "logs/debian12-apt2.6.1-failing-postinst-y.log"
CLEAN = CORPUS / "logs/debian12-apt2.6.1-upgrade-s.log"
# A real log whose "N upgraded" line disagrees with its list (no error).
INCONSISTENT = CORPUS / "wild/pl-kubuntu810-html-entities.log"

# aptparse: 3/3 files, 1.2 kB of 1.2 kB, 3.4 MB/s, ETA 0:00
PROGRESS = re.compile(
    r"aptparse: (\d+)/(\d+) files, [\d.]+ [kMGTP]?B( of [\d.]+ [kMGTP]?B)?, "
    r"[\d.]+ [kMGTP]?B/s(, ETA \d+:\d\d)?")


def run(*args, env=None):
    return subprocess.run([CLI, *map(str, args)], capture_output=True,
                          timeout=120, env=env)


class FailOn(unittest.TestCase):
    def test_without_fail_on_errors_do_not_change_the_status(self):
        self.assertEqual(run(APT_ERROR).returncode, 0)
        self.assertEqual(run(INCONSISTENT).returncode, 0)

    def test_error_exits_three(self):
        self.assertEqual(run("--fail-on", "error", APT_ERROR).returncode, 3)
        self.assertEqual(run("--fail-on=error", CLEAN).returncode, 0)
        # Only the reasons asked for count.
        self.assertEqual(run("--fail-on", "error", INCONSISTENT).returncode, 0)

    def test_inconsistent_exits_three(self):
        self.assertEqual(
            run("--fail-on", "inconsistent", INCONSISTENT).returncode, 3)
        self.assertEqual(
            run("--fail-on", "inconsistent", APT_ERROR).returncode, 0)

    def test_comma_list_and_repeats_accumulate(self):
        for args in (["--fail-on", "error,inconsistent"],
                     ["--fail-on", "error", "--fail-on", "inconsistent"]):
            self.assertEqual(run(*args, INCONSISTENT).returncode, 3, args)
            self.assertEqual(run(*args, APT_ERROR).returncode, 3, args)

    def test_in_parallel_runs_too(self):
        r = run("-j", "2", "--fail-on", "error", CLEAN, DPKG_ERROR, CLEAN)
        self.assertEqual(r.returncode, 3)

    def test_output_is_unchanged(self):
        self.assertEqual(run("--json", "--fail-on", "error", APT_ERROR).stdout,
                         run("--json", APT_ERROR).stdout)

    def test_read_error_wins_over_a_failed_check(self):
        r = run("--fail-on", "error", APT_ERROR, CORPUS / "no-such.log")
        self.assertEqual(r.returncode, 2)

    def test_unknown_reason_is_a_usage_error_listing_the_choices(self):
        r = run("--fail-on", "error,bogus", CLEAN)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"takes error, inconsistent, not 'bogus'", r.stderr)
        self.assertEqual(run("--fail-on", CLEAN).returncode, 2)


class Progress(unittest.TestCase):
    def files(self):
        return sorted((CORPUS / "logs").glob("*.log"))[:40]

    def test_forced_progress_ends_with_every_file_done(self):
        files = self.files()
        r = run("--progress", "-j", "1", *files)
        lines = r.stderr.decode().splitlines()
        self.assertTrue(lines, "no progress line")
        m = PROGRESS.fullmatch(lines[-1])
        self.assertIsNotNone(m, lines[-1])
        self.assertEqual((int(m[1]), int(m[2])), (len(files), len(files)))
        self.assertIsNotNone(m[3], "the total size of files on disk is known")
        # Not a terminal: each update is a line, without carriage returns.
        self.assertNotIn(b"\r", r.stderr)

    def test_stdout_is_the_same_with_and_without_progress(self):
        files = self.files()
        for jobs in ("1", "2"):
            a = run("--json", "--progress", "-j", jobs, *files)
            b = run("--json", "-j", jobs, *files)
            self.assertEqual(a.stdout, b.stdout)
            self.assertEqual(a.returncode, b.returncode)

    def test_not_a_terminal_means_no_progress_unless_asked(self):
        self.assertEqual(run(CLEAN).stderr, b"")
        self.assertEqual(run("--no-progress", CLEAN).stderr, b"")

    def test_standard_input_has_no_total_and_no_eta(self):
        r = subprocess.run([CLI, "--progress"], input=CLEAN.read_bytes(),
                           capture_output=True, timeout=60)
        last = r.stderr.decode().splitlines()[-1]
        m = PROGRESS.fullmatch(last)
        self.assertIsNotNone(m, last)
        self.assertIsNone(m[3])
        self.assertIsNone(m[4])

    def test_last_of_two_flags_wins(self):
        r = run("--progress", "--no-progress", CLEAN)
        self.assertEqual(r.stderr, b"")


class ReportHandOver(unittest.TestCase):
    def test_a_python_without_aptparse_gets_a_message_naming_the_fix(self):
        with tempfile.TemporaryDirectory() as empty:
            env = dict(os.environ, APTPARSE_PYTHON=sys.executable,
                       PYTHONPATH=empty, PYTHONNOUSERSITE="1")
            env.pop("VIRTUAL_ENV", None)
            r = subprocess.run(
                [CLI, "report", str(CLEAN)], capture_output=True, env=env,
                timeout=60, cwd=empty)
            if r.returncode == 0:
                self.skipTest(f"{sys.executable} has aptparse installed")
            self.assertEqual(r.returncode, 2)
            self.assertIn(b"cannot import the aptparse Python package",
                          r.stderr)
            self.assertIn(b"pip install 'aptparse[report]'", r.stderr)

    def test_a_missing_python_is_named(self):
        env = dict(os.environ, APTPARSE_PYTHON="/nonexistent/python3")
        r = run("report", CLEAN, env=env)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"cannot run /nonexistent/python3", r.stderr)
        self.assertIn(b"APTPARSE_PYTHON", r.stderr)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
