#!/usr/bin/env python3
"""Parses this machine's own `apt-get -s upgrade` and `-s dist-upgrade`.

The sets aptparse reports must equal what apt's own simulate lines say
(classified here independently, with a regular expression and
`dpkg --compare-versions`), and apt's summary counts must agree with them.
Usage: live_apt_test.py PATH/TO/aptparse
Skips (exit 77, which CTest reports as a skip, not a pass) on a machine
without apt-get and dpkg.
"""
import json
import re
import shutil
import subprocess
import sys

SKIP = 77  # SKIP_RETURN_CODE in tests/CMakeLists.txt

INST = re.compile(r"^Inst (\S+) (?:\[(\S+)\] )?\((\S+) ")
REMV = re.compile(r"^(Remv|Purg) (\S+)(?: \[(\S+)\])?")


def newer(a, b):
    return subprocess.run(["dpkg", "--compare-versions", a, "gt", b]).returncode == 0


def truth_from_simulate(text):
    sets = {"upgraded": set(), "newly_installed": set(), "to_remove": set(),
            "downgraded": set(), "reinstalled": set()}
    for line in text.splitlines():
        m = INST.match(line)
        if m:
            name, cur, new = m.groups()
            if cur is None:
                sets["newly_installed"].add(name)
            elif cur == new:
                sets["reinstalled"].add(name)
            elif newer(new, cur):
                sets["upgraded"].add(name)
            else:
                sets["downgraded"].add(name)
        m = REMV.match(line)
        if m:
            sets["to_remove"].add(m.group(2))
    return sets


def main():
    cli = sys.argv[1]
    if shutil.which("apt-get") is None or shutil.which("dpkg") is None:
        print("no apt-get or dpkg on this machine: skipped")
        return SKIP
    failures = 0
    for command in (["apt-get", "-s", "upgrade"], ["apt-get", "-s", "dist-upgrade"]):
        env = {"LC_ALL": "C.UTF-8", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
        out = subprocess.run(command, capture_output=True, env=env).stdout
        parsed = subprocess.run([cli, "--json"], input=out, capture_output=True)
        objs = [json.loads(l) for l in parsed.stdout.splitlines()]
        want = truth_from_simulate(out.decode("utf-8", "surrogateescape"))
        label = " ".join(command)
        if len(objs) != 1:
            print(f"FAIL {label}: {len(objs)} transactions")
            failures += 1
            continue
        t = objs[0]
        for key, names in want.items():
            got = {p["name"] for p in t[key]}
            bare = {n.split(":")[0] for n in names}
            if got != bare:
                print(f"FAIL {label}: {key}: missing {sorted(bare - got)[:5]} "
                      f"extra {sorted(got - bare)[:5]}")
                failures += 1
        if t["consistency"]["verdict"] != "consistent":
            print(f"FAIL {label}: counts {t['counts']} vs sets: "
                  f"{t['consistency']}")
            failures += 1
        print(f"{label}: {len(t['upgraded'])} upgraded, "
              f"{len(t['newly_installed'])} new, {len(t['to_remove'])} to remove, "
              f"counts {t['counts']}, {t['consistency']['verdict']}")
    print(f"{2 - min(failures, 2)} passed, {min(failures, 2)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
