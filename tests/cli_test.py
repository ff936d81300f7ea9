#!/usr/bin/env python3
"""Tests of the `aptparse` command line: exit codes, errors, JSON Lines.

Usage: cli_test.py PATH/TO/aptparse CORPUS_DIR
Every --json line is decoded into a strict schema (unknown or missing keys
fail), as ripgrep's tests do for its --json output.
"""
import gzip
import json
import os
import pathlib
import re
import stat
import subprocess
import sys
import tempfile
import unittest

CLI = sys.argv[1] if len(sys.argv) > 1 else "aptparse"
CORPUS = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "corpus") / "logs"

SETS = ["upgraded", "newly_installed", "to_remove", "not_upgraded",
        "downgraded", "reinstalled", "held_changed", "autoremovable",
        "suggested", "recommended", "essential_removed", "additional",
        "broken", "disappeared", "esm", "failed", "listed"]
TOP_KEYS = (["source", "kind", "first_line", "last_line", "first_offset",
             "end_offset", "complete", "line_prefix", "start", "end", "command",
             "requested_by", "error"] + SETS +
            ["security_count", "counts", "consistency", "sizes", "messages",
             "unrecognized_count", "unrecognized", "diagnostics"])
PACKAGE_REQUIRED = {"name", "arch", "old", "new"}
PACKAGE_OPTIONAL = {"origins", "note", "alternatives", "reason", "purge",
                    "automatic", "simulated", "suite", "security",
                    "upgradable", "installed", "local", "residual_config",
                    "auto_removable"}
COUNT_KEYS = ["upgraded", "newly_installed", "reinstalled", "downgraded",
              "to_remove", "not_upgraded", "not_fully_installed"]
SIZE_KEYS = ["download", "download_total", "disk_change", "disk_available",
             "boot_needed", "boot_available"]

UPGRADE = (b"Reading package lists...\n"
           b"The following packages will be upgraded:\n  libc6 tzdata\n"
           b"2 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n")


HISTORY = (b"\nStart-Date: 2026-01-15  05:56:57\n"
           b"Commandline: apt-get install git\n"
           b"Install: git:amd64 (1:2.39.5-0+deb12u3)\n"
           b"End-Date: 2026-01-15  05:57:14\n")


def run(*args, stdin=None):
    return subprocess.run([CLI, *args], input=stdin, capture_output=True,
                          timeout=120)


def check_schema(tc, obj):
    tc.assertEqual(list(obj.keys()), TOP_KEYS)
    tc.assertIn(obj["kind"], ["transaction", "listing"])
    tc.assertIsInstance(obj["security_count"], int)
    for s in SETS:
        for p in obj[s]:
            keys = set(p)
            tc.assertTrue(PACKAGE_REQUIRED <= keys, p)
            tc.assertTrue(keys <= PACKAGE_REQUIRED | PACKAGE_OPTIONAL, p)
            tc.assertIsInstance(p["name"], str)
            tc.assertIsInstance(p.get("security", False), bool)
    if obj["counts"] is not None:
        tc.assertEqual(list(obj["counts"]), COUNT_KEYS)
    tc.assertEqual(list(obj["sizes"]), SIZE_KEYS)
    tc.assertIn(obj["consistency"]["verdict"],
                ["consistent", "inconsistent", "no_counts"])
    for m in obj["messages"]:
        tc.assertEqual(set(m), {"level", "text", "line", "offset"})


class Cli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = pathlib.Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, data):
        p = self.dir / name
        p.write_bytes(data)
        return str(p)

    def test_help_and_version_exit_zero(self):
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn(b"Usage: aptparse", r.stdout)
        self.assertIn(b"Exit status", r.stdout)
        # The versions of version.h: the library's and the JSON schema's.
        header = (pathlib.Path(__file__).parents[1] / "include" / "aptparse" /
                  "version.h").read_text()
        define = dict(re.findall(r"#define (APTPARSE_\w+) (\S+)", header))
        version = define["APTPARSE_VERSION_STRING"].strip('"')
        schema = define["APTPARSE_JSON_SCHEMA_VERSION"]
        for flag in ("--version", "-V"):
            r = run(flag)
            self.assertEqual(r.returncode, 0)
            self.assertEqual(r.stdout.decode(), f"aptparse {version} (library "
                             f"{version}, JSON schema {schema})\n")

    def test_timezone_appends_the_zones_offset_to_log_times(self):
        log = self.write("history.log", HISTORY)
        naive = json.loads(run("--json", log).stdout)
        self.assertEqual(naive["start"], "2026-01-15T05:56:57")
        for flag, want in ((["--timezone", "Europe/Berlin"], "+01:00"),
                           (["--timezone=America/New_York"], "-05:00"),
                           (["--timezone", "+05:30"], "+05:30"),
                           (["--timezone", "UTC"], "+00:00")):
            r = run("--json", *flag, log)
            self.assertEqual(r.returncode, 0, r.stderr)
            got = json.loads(r.stdout)
            self.assertEqual(got["start"], "2026-01-15T05:56:57" + want)
            self.assertEqual(got["end"], "2026-01-15T05:57:14" + want)

    def test_unknown_timezone_is_a_usage_error(self):
        log = self.write("history.log", HISTORY)
        for zone in ("Mars/Olympus", "../../etc/passwd", "+25:00", ""):
            r = run("--timezone", zone, log)
            self.assertEqual(r.returncode, 2, zone)
            self.assertIn(b"unknown time zone", r.stderr)
            self.assertEqual(r.stdout, b"")
        r = run("--json", "--timezone")
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"needs a value", r.stderr)

    def test_unknown_option_is_a_usage_error(self):
        r = run("--bogus")
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"unknown option '--bogus'", r.stderr)
        self.assertEqual(r.stdout, b"")

    def test_stdin_json_and_exit_zero(self):
        r = run("--json", stdin=UPGRADE)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.decode().splitlines()
        self.assertEqual(len(lines), 1)
        obj = json.loads(lines[0])
        check_schema(self, obj)
        self.assertEqual(obj["source"], "-")
        self.assertEqual([p["name"] for p in obj["upgraded"]],
                         ["libc6", "tzdata"])
        self.assertEqual(obj["consistency"]["verdict"], "consistent")

    def test_no_transaction_exits_one(self):
        r = run(self.write("empty.log", b""))
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr, b"")

    def test_input_without_transaction_says_what_it_held(self):
        r = run(self.write("junk.log", b"hello\nworld\n"))
        self.assertEqual(r.returncode, 1)
        self.assertIn(b"junk.log: no apt transaction in 2 lines "
                      b"(2 unrecognized)", r.stderr)

    def test_missing_file_is_named_and_others_still_parsed(self):
        good = self.write("good.log", UPGRADE)
        r = run("--json", str(self.dir / "missing.log"), good)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"missing.log: No such file or directory", r.stderr)
        self.assertEqual(len(r.stdout.splitlines()), 1)
        self.assertEqual(json.loads(r.stdout)["source"], good)

    def test_directory_is_an_error(self):
        r = run(str(self.dir))
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"Is a directory", r.stderr)

    @unittest.skipIf(os.geteuid() == 0, "root reads any file")
    def test_unreadable_file_is_an_error(self):
        p = self.write("secret.log", UPGRADE)
        os.chmod(p, 0)
        r = run(p)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"Permission denied", r.stderr)

    def test_gzip_file_is_decompressed(self):
        r = run("--json", self.write("history.log.1.gz", gzip.compress(UPGRADE)))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(len(json.loads(r.stdout)["upgraded"]), 2)

    def test_truncated_gzip_is_an_error_naming_the_file(self):
        data = gzip.compress(UPGRADE * 50)
        good = self.write("good.log", UPGRADE)
        r = run("--json", self.write("cut.log.gz", data[: len(data) // 2]), good)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"cut.log.gz: truncated gzip data", r.stderr)
        # What was decompressed before the cut is still reported, then the
        # other file.
        self.assertEqual(json.loads(r.stdout.splitlines()[-1])["source"], good)

    def test_gzip_on_stdin_is_decompressed(self):
        # Two members, as `cat a.gz b.gz` makes.
        r = run("--json", stdin=gzip.compress(UPGRADE) + gzip.compress(UPGRADE))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(len(r.stdout.splitlines()), 2)
        self.assertEqual(json.loads(r.stdout.splitlines()[0])["source"], "-")

    def test_corrupt_gzip_is_an_error_naming_the_file(self):
        data = bytearray(gzip.compress(UPGRADE * 50))
        data[-8] ^= 1  # the CRC
        r = run("--json", self.write("bad.log.gz", bytes(data)))
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"bad.log.gz: corrupt gzip data: incorrect data check",
                      r.stderr)

    def test_binary_garbage_gives_valid_json_and_no_crash(self):
        data = bytes(range(256)) * 64 + b"\n" + UPGRADE + b"\xff\xfe\x00\n"
        r = run("--json", self.write("bin.log", data))
        self.assertEqual(r.returncode, 0, r.stderr)
        for line in r.stdout.decode("utf-8").splitlines():
            check_schema(self, json.loads(line))

    def test_invalid_utf8_round_trips_through_surrogate_escapes(self):
        data = UPGRADE.replace(b"tzdata", b"tz\xe9data")
        r = run("--json", self.write("latin1.log", data))
        obj = json.loads(r.stdout)
        name = obj["upgraded"][1]["name"]
        self.assertEqual(name.encode("utf-8", "surrogateescape"), b"tz\xe9data")

    def test_overlong_line_is_reported_and_memory_bounded(self):
        data = b"x" * (5 << 20) + b"\n" + UPGRADE
        r = run("--json", "--max-line-bytes", "1000", self.write("long.log", data))
        self.assertEqual(r.returncode, 0, r.stderr)
        obj = json.loads(r.stdout)
        self.assertEqual(len(obj["upgraded"]), 2)

    def test_strict_mode_fails_on_a_cut_off_log(self):
        r = run("--strict", stdin=b"Reading package lists...\n"
                b"The following packages will be upgraded:\n  libc6")
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"(standard input)", r.stderr)

    def test_text_output_names_sets_and_verdict(self):
        r = run(stdin=UPGRADE)
        self.assertEqual(r.returncode, 0)
        out = r.stdout.decode()
        self.assertIn("upgraded (2):", out)
        self.assertIn("consistency: consistent", out)

    def test_parallel_jobs_keep_file_order(self):
        files = [self.write(f"f{i}.log", UPGRADE.replace(b"tzdata", f"p{i}".encode()))
                 for i in range(12)]
        r = run("--json", "-j", "2", *files)
        self.assertEqual(r.returncode, 0)
        sources = [json.loads(l)["source"] for l in r.stdout.splitlines()]
        self.assertEqual(sources, files)
        serial = run("--json", "-j", "1", *files)
        self.assertEqual(serial.stdout, r.stdout)

    def test_large_json_lines_between_small_ones_come_out_whole_in_order(self):
        # A line of 64 KiB or more goes straight to stdout when files are
        # written one at a time, after the block of small lines before it;
        # -j 2 and --unbuffered write the same bytes another way.
        names = " ".join(f"pkg{i}" for i in range(3000))
        big = (b"Reading package lists...\n"
               b"The following packages will be upgraded:\n  " +
               names.encode() + b"\n3000 upgraded, 0 newly installed, "
               b"0 to remove and 0 not upgraded.\n")
        files = [self.write("a.log", UPGRADE + big + UPGRADE),
                 self.write("b.log", big), self.write("c.log", UPGRADE),
                 self.write("d.log", big + big)]
        serial = run("--json", "-j", "1", *files)
        self.assertEqual(serial.returncode, 0)
        lines = serial.stdout.splitlines(keepends=True)
        self.assertEqual([len(json.loads(l)["upgraded"]) for l in lines],
                         [2, 3000, 2, 3000, 2, 3000, 3000])
        self.assertTrue(all(l.endswith(b"}\n") for l in lines))
        self.assertGreater(max(map(len, lines)), 64 << 10)
        for flags in (["-j", "2"], ["--unbuffered"], ["-j", "2", "--unbuffered"]):
            self.assertEqual(run("--json", *flags, *files).stdout, serial.stdout)

    def test_parallel_output_that_spills_to_disk_stays_in_order(self):
        # Each file's JSON is larger than what -j keeps in memory (8 MiB)
        # before spilling to a temporary file: the spills must come back
        # whole and in order, to a pipe and to a regular file.
        unit = b"".join(p.read_bytes() for p in sorted(CORPUS.glob("*-s.log")))
        files = [self.write(f"big{i}.log", unit * (12_000_000 // len(unit) + 1))
                 for i in range(4)]
        serial = run("--json", "-j", "1", *files)
        self.assertEqual(serial.returncode, 0)
        self.assertGreater(len(serial.stdout), 4 * (8 << 20))
        piped = run("--json", "-j", "2", *files)
        self.assertEqual(piped.stdout, serial.stdout)
        out = self.dir / "out.jsonl"
        with open(out, "wb") as f:
            subprocess.run([CLI, "--json", "-j", "2", *files], stdout=f,
                           check=True, timeout=120)
        self.assertEqual(out.read_bytes(), serial.stdout)

    def test_every_corpus_log_gives_schema_valid_json(self):
        logs = sorted(CORPUS.glob("*.log"))
        self.assertTrue(logs, f"no logs in {CORPUS}")
        r = run("--json", *map(str, logs))
        self.assertIn(r.returncode, (0, 1), r.stderr)
        for line in r.stdout.decode("utf-8").splitlines():
            check_schema(self, json.loads(line))

    def test_dpkg_log_gives_one_transaction_per_apt_run(self):
        for log in sorted(CORPUS.glob("*-dpkg-log.log")):
            r = run("--json", str(log))
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stderr, b"")
            got = [json.loads(line) for line in r.stdout.splitlines()]
            # As many apt runs as the same capture's history.log records.
            history = log.with_name(log.name.replace("-dpkg-log", "-history-log"))
            runs = history.read_text().count("Start-Date: ")
            self.assertEqual(len(got), runs, log.name)
            for t in got:
                self.assertTrue(t["complete"], t)
                self.assertLessEqual(t["start"], t["end"])

    def test_history_log_alongside_groups_dpkg_log_by_its_runs(self):
        # The same chroot's history.log and dpkg.log: each dpkg.log
        # transaction lies in its history record's window and did what
        # the record says, whether given as files or as one directory.
        for release in ("debian12-apt2.6.1", "debian13-apt3.0.4"):
            history = CORPUS / f"{release}-history-log.log"
            dpkg = CORPUS / f"{release}-dpkg-log.log"
            r = run("--json", str(history), str(dpkg))
            self.assertEqual(r.returncode, 0, r.stderr)
            got = [json.loads(line) for line in r.stdout.splitlines()]
            runs = [t for t in got if t["source"] == str(history)]
            done = [t for t in got if t["source"] == str(dpkg)]
            self.assertEqual(len(done), len(runs), release)
            for h, d in zip(runs, done):
                self.assertLessEqual(h["start"], d["start"])
                self.assertLessEqual(d["end"], h["end"])
                for s in ("newly_installed", "upgraded", "downgraded",
                          "reinstalled", "to_remove"):
                    self.assertEqual(sorted(p["name"] for p in d[s]),
                                     sorted(p["name"] for p in h[s]),
                                     f"{release} {h['start']} {s}")
            logs = self.dir / release
            logs.mkdir()
            (logs / "history.log").write_bytes(history.read_bytes())
            (logs / "dpkg.log").write_bytes(dpkg.read_bytes())
            r = run("--json", str(logs))
            self.assertEqual(r.returncode, 0, r.stderr)
            in_dir = [json.loads(line) for line in r.stdout.splitlines()]
            self.assertEqual([t["source"] for t in in_dir],
                             [str(logs / "dpkg.log")] * len(done) +
                             [str(logs / "history.log")] * len(runs))
            self.assertEqual([t["start"] for t in in_dir[:len(done)]],
                             [t["start"] for t in done])


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
