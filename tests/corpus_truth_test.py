#!/usr/bin/env python3
"""Checks every corpus log's golden output against its truth.

The truth (<name>.truth.json) comes from apt itself, never from the parser
(corpus/README.md says how). The golden file (<name>.expected.jsonl) is the
parser's output, which corpus_test.cpp holds the parser to. This test closes
the loop: the golden sets must equal the truth's, exactly.

Logs in a format the parser does not support yet are listed, with the issue
that closes them, in corpus/expected_gaps.tsv. They are reported, not failed;
a gap that starts to pass fails the test, so that its entry gets removed.

Usage: corpus_truth_test.py CORPUS_DIR
"""
import fnmatch
import json
import pathlib
import sys

SETS = ["upgraded", "newly_installed", "to_remove", "downgraded",
        "reinstalled", "not_upgraded"]


def load_gaps(corpus):
    gaps = []
    path = corpus / "expected_gaps.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, issue, reason = line.split("\t", 2)
        gaps.append((pattern, issue, reason))
    return gaps


def full_name(p):
    """apt's FullName(true) is not in the JSON: compare bare names, and the
    architecture where the truth spells one out."""
    return p["name"].split(":")[0]


def compare_transaction(i, got, want, dpkg_only):
    problems = []
    for s in SETS:
        if s not in want:
            continue
        w = want[s]
        g = got[s]
        if s == "not_upgraded" and not g:
            # apt counts, but does not list, the packages an install leaves
            # behind, and -qq prints neither list nor count: then the count,
            # if any, must agree with the truth.
            if got["counts"] is None or got["counts"]["not_upgraded"] == len(w):
                continue
        wn = sorted(full_name(p) for p in w)
        gn = sorted(p["name"] for p in g)
        if wn != gn:
            missing = sorted(set(wn) - set(gn))
            extra = sorted(set(gn) - set(wn))
            problems.append(f"transaction {i}: {s}: missing {missing[:5]} "
                            f"extra {extra[:5]} ({len(gn)} vs {len(wn)})")
            continue
        by_name = {p["name"]: p for p in g}
        for p in w:
            q = by_name[full_name(p)]
            if ":" in p["name"] and q["arch"] != p["name"].split(":")[1]:
                problems.append(f"transaction {i}: {s}: {p['name']} arch {q['arch']}")
            for k in ("old", "new"):
                if q.get(k) is not None and p.get(k) is not None and q[k] != p[k]:
                    problems.append(f"transaction {i}: {s}: {p['name']} {k} "
                                    f"{q[k]} != {p[k]}")
            # term.log holds only dpkg's output, which says "Purging" only
            # for packages that had configuration files to purge.
            if s == "to_remove" and "purge" in p and not dpkg_only and \
                    bool(q.get("purge")) != bool(p["purge"]):
                problems.append(f"transaction {i}: {p['name']} purge differs")
    if "counts" in want:
        gc = got["counts"] or {}
        for k, v in want["counts"].items():
            if gc.get(k) != v:
                problems.append(f"transaction {i}: counts.{k} {gc.get(k)} != {v}")
    for e in want.get("errors", []):
        # The truth copies the line with apt's level prefix ("E: ",
        # "Error: ", "Erreur : "); a message's text is what follows, with
        # any continuation lines after '\n'.
        first = e.splitlines()[0] if e else e
        head, sep, body = first.partition(": ")
        if sep and len(head) <= 12:
            first = body
        texts = [m["text"] for m in got["messages"] if m["level"] == "error"]
        if not any(t.splitlines()[0].strip() == first.strip() or
                   first.strip() in t for t in texts if t):
            problems.append(f"transaction {i}: error not found: {e[:60]}")
    return problems


# What dpkg does to a package: the sets a dpkg.log shows (not_upgraded is
# apt's decision, which dpkg never sees).
DPKG_SETS = ["upgraded", "newly_installed", "to_remove", "downgraded",
             "reinstalled"]


def dpkg_changes(transactions):
    """Every (set, name, old, new) that the transactions name, summed over
    the file: how dpkg.log's lines are grouped into runs is a rule of the
    parser, what dpkg did is not."""
    out = []
    for t in transactions:
        for s in DPKG_SETS:
            for p in t.get(s, []):
                old = p.get("old") if s != "newly_installed" else None
                new = p.get("new") if s != "to_remove" else None
                out.append((s, full_name(p), old or "", new or ""))
    return sorted(out)


def compare_dpkg_log(got, want):
    """dpkg.log: the sums over the file must be equal, with versions."""
    g, w = dpkg_changes(got), dpkg_changes(want)
    problems = []
    if len(got) != len(want):
        # events.h's grouping rule, on runs captured seconds apart.
        problems.append(f"{len(got)} transactions, truth has {len(want)} runs")
    if g == w:
        return problems
    missing = [x for x in w if x not in g]
    extra = [x for x in g if x not in w]
    return problems + [f"dpkg changes differ: missing {missing[:4]} extra "
                       f"{extra[:4]} ({len(g)} vs {len(w)})"]


def check_log(log):
    for suffix in (".truth.json", ".meta.json", ".expected.jsonl"):
        if not log.with_suffix(suffix).exists():
            return [f"{log.with_suffix(suffix).name} is missing"]
    truth = json.loads(log.with_suffix(".truth.json").read_text(encoding="utf-8"))
    golden_path = log.with_suffix(".expected.jsonl")
    got = [json.loads(l) for l in
           golden_path.read_text(encoding="utf-8").splitlines() if l]
    want = truth["transactions"]
    meta = json.loads(log.with_suffix(".meta.json").read_text(encoding="utf-8"))
    dpkg_only = meta.get("tool") == "term.log"
    if meta.get("tool") == "dpkg.log":
        return compare_dpkg_log(got, want)
    problems = []
    if len(got) != len(want):
        problems.append(f"{len(got)} transactions, truth has {len(want)}")
    for i, (g, w) in enumerate(zip(got, want)):
        problems += compare_transaction(i, g, w, dpkg_only)
    return problems


def main():
    corpus = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")
    logs = sorted((corpus / "logs").glob("*.log"))
    if not logs:
        print(f"FAIL: no logs in {corpus / 'logs'}")
        return 1
    gaps = load_gaps(corpus)
    failed = passed = gapped = 0
    for log in logs:
        problems = check_log(log)
        gap = next((g for g in gaps if fnmatch.fnmatch(log.name, g[0])), None)
        if gap and problems:
            gapped += 1
            print(f"GAP  {log.name}: {gap[2]} ({gap[1]}); {len(problems)} "
                  f"differences, first: {problems[0]}")
        elif gap and gap[1].endswith("(languages_table.py)"):
            # a language session log: languages_table.py checks these rows
            # part by part (header, summary, dpkg lines, runs), strictly.
            passed += 1
        elif gap:
            failed += 1
            print(f"FAIL {log.name}: matches the truth now; remove its entry "
                  f"from expected_gaps.tsv")
        elif problems:
            failed += 1
            print(f"FAIL {log.name}:")
            for p in problems[:8]:
                print(f"       {p}")
        else:
            passed += 1
    print(f"corpus truth: {passed} passed, {failed} failed, "
          f"{gapped} expected gaps, {len(logs)} logs")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
