#!/usr/bin/env python3
"""Sanity check of corpus/logs: every log has its two sidecars, the meta keys are there, and in
every transaction with counts the counts equal the sizes of the simulate-derived sets.
Usage: python3 corpus/capture/check_corpus.py [LOGDIR]"""
import glob
import json
import os
import sys

logdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "logs")
KEYS = ("upgraded", "newly_installed", "to_remove", "not_upgraded", "downgraded", "reinstalled")
META = ("command", "tool", "apt_version", "distro", "locale", "date", "sources", "tty", "exit_code", "case", "layout")
bad = 0
logs = sorted(glob.glob(os.path.join(logdir, "*.log")))
for lp in logs:
    base = lp[:-4]
    try:
        meta = json.load(open(base + ".meta.json", encoding="utf-8"))
        truth = json.load(open(base + ".truth.json", encoding="utf-8"))
    except OSError as e:
        print("MISSING", e)
        bad += 1
        continue
    missing = [k for k in META if k not in meta]
    if missing:
        print(os.path.basename(lp), "meta lacks", missing)
        bad += 1
    for i, t in enumerate(truth["transactions"]):
        c = t.get("counts")
        if c:
            diff = {k: (c[k], len(t.get(k, []))) for k in KEYS if c[k] != len(t.get(k, []))}
            if diff:
                print(os.path.basename(lp), "transaction", i, "counts != sets", diff)
                bad += 1
print(f"{len(logs)} logs checked, {bad} problems")
sys.exit(1 if bad else 0)
