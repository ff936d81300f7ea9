#!/usr/bin/env python3
"""Which languages aptparse recognises, per apt release and per part of apt's output.

  languages_table.py CLI CORPUS           check that corpus/README.md's languages table and the
                                          generated language rows of corpus/expected_gaps.tsv are
                                          current (the test: fails when a language got better or worse)
  languages_table.py CLI CORPUS --write   regenerate both

Reads the session logs <origin>-apt<version>-lang-<language>.log of corpus/logs (written by
corpus/capture/languages.sh; truth from the C-locale twin `lang-C`). Each run of a session (meta
`runs`: command and byte range) is parsed on its own by the CLI and compared with the truth:

  header   the --assume-no runs: the sets (upgraded, newly installed, removed; kept back for an
           upgrade). These runs print no Inst or dpkg lines: only the translated list headers give them.
  summary  every run: the counts equal apt's.
  dpkg     the -y runs: every package's versions (new for installs and upgrades, old for upgrades and
           removals) equal the truth's. apt's lists print no versions without -V and the packages were
           downloaded beforehand (no Get: lines), so only dpkg's translated lines give them.
  runs     the whole log: one transaction per run, each with the sets and counts of the run parsed alone.

A cell is `yes` or `NO`, with `(en)` where the chroot had no catalogue for that part (apt.mo for
header and summary, dpkg.mo for dpkg lines), so the output stayed English.
"""
import argparse
import json
import pathlib
import re
import subprocess
import sys

ASPECTS = ("header", "summary", "dpkg", "runs")
SETS = ("upgraded", "newly_installed", "to_remove", "downgraded", "reinstalled")
COUNTS = ("upgraded", "newly_installed", "to_remove", "not_upgraded", "downgraded", "reinstalled")
NAME = re.compile(r"^(debian\d+)-apt(\d+\.\d+)[^-]*-lang-(.+)\.log$")
TABLE_BEGIN, TABLE_END = "<!-- languages:begin -->\n", "<!-- languages:end -->"
GAPS_BEGIN, GAPS_END = "# languages:begin", "# languages:end"
# corpus_truth_test.py leaves the strict check of these rows to this script: a log can match
# its truth there (which compares versions only where the parser found one) and still miss a part here.
GAP_ISSUE = "issue 11 (languages_table.py)"


def parse(cli, data):
    out = subprocess.run([cli, "--json", "-j", "1", "-"], input=data, capture_output=True, check=False)
    if out.returncode not in (0, 1):
        raise RuntimeError(out.stderr.decode(errors="replace"))
    return [json.loads(l) for l in out.stdout.decode().splitlines() if l]


def names(ps):
    return sorted(p["name"].split(":")[0] for p in ps)


def header_problems(got, want, upgrade):
    sets = SETS + (("not_upgraded",) if upgrade else ())
    return [f"{s}: {len(got[s])} of {len(want[s])}" for s in sets if names(got[s]) != names(want.get(s, []))]


def summary_problems(got, want):
    gc = got["counts"] or {}
    return [f"counts.{k} {gc.get(k)} != {v}" for k, v in want["counts"].items() if gc.get(k) != v]


def dpkg_problems(got, want):
    fields = {"upgraded": ("old", "new"), "newly_installed": ("new",), "to_remove": ("old",)}
    out = []
    for s, keys in fields.items():
        by_name = {p["name"]: p for p in got[s]}
        for p in want[s]:
            q = by_name.get(p["name"].split(":")[0], {})
            out += [f"{p['name']} {k} {q.get(k)}" for k in keys if q.get(k) != p[k]]
    return out


def check_log(cli, log):
    """{aspect: [problems]} of one session log."""
    meta = json.loads(log.with_suffix(".meta.json").read_text(encoding="utf-8"))
    truth = json.loads(log.with_suffix(".truth.json").read_text(encoding="utf-8"))["transactions"]
    data = log.read_bytes()
    res = {a: [] for a in ASPECTS}
    alone = []
    for i, (run, want) in enumerate(zip(meta["runs"], truth)):
        got = parse(cli, data[run["first_offset"]:run["end_offset"]])
        alone.append(got)
        if len(got) != 1:
            res["runs"].append(f"run {i + 1} alone: {len(got)} transactions")
            continue
        got, where = got[0], f"run {i + 1} ({run['command']}): "
        res["summary"] += [where + p for p in summary_problems(got, want)]
        if "--assume-no" in run["command"]:
            res["header"] += [where + p for p in header_problems(got, want, "upgrade" in run["command"])]
        else:
            res["dpkg"] += [where + p for p in dpkg_problems(got, want)]
    if any(len(a) != 1 for a in alone):
        return meta, res  # reported above: no run to compare the whole log's transactions with
    whole = parse(cli, data)
    if len(whole) != len(truth):
        res["runs"].append(f"whole log: {len(whole)} transactions for {len(truth)} runs")
    else:
        # splitting only: each transaction of the whole log as the run parsed alone
        for i, (got, run_alone) in enumerate(zip(whole, alone)):
            if any(names(got[s]) != names(run_alone[0][s]) for s in SETS) or got["counts"] != run_alone[0]["counts"]:
                res["runs"].append(f"whole log: transaction {i + 1} differs from run {i + 1} parsed alone")
    return meta, res


def collect(cli, corpus):
    results = {}  # (language, release) -> (meta, {aspect: problems})
    for log in sorted((corpus / "logs").glob("*-lang-*.log")):
        m = NAME.match(log.name)
        if m and m.group(3) != "C":
            results[(m.group(3), m.group(2), log.name)] = check_log(cli, log)
    return results


def cell(meta, aspect, problems):
    mo = "dpkg" if aspect == "dpkg" else "apt"
    en = aspect != "runs" and mo not in meta.get("catalogues", [])
    return ("yes" if not problems else "NO") + (" (en)" if en else "")


def render(results):
    releases = sorted({r for _, r, _ in results}, key=lambda v: tuple(map(int, v.split("."))))
    langs = sorted({l for l, _, _ in results})
    by = {(l, r): (meta, res) for (l, r, _), (meta, res) in results.items()}
    head = "| language | " + " | ".join(f"apt {r} {a}" for r in releases for a in ASPECTS) + " |\n"
    rows = [head, "|---|" + "---|" * (len(releases) * len(ASPECTS)) + "\n"]
    full = {r: 0 for r in releases}
    for l in langs:
        cells = []
        for r in releases:
            if (l, r) not in by:
                cells += ["–"] * len(ASPECTS)
                continue
            meta, res = by[(l, r)]
            cells += [cell(meta, a, res[a]) for a in ASPECTS]
            full[r] += not any(res.values())
        rows.append(f"| `{l}` | " + " | ".join(cells) + " |\n")
    n = {r: sum(1 for (_, rr) in by if rr == r) for r in releases}
    summary = "; ".join(f"apt {r}: {full[r]} of {n[r]} languages recognised in every part" for r in releases)
    return "".join(rows) + "\n" + summary + ".\n", summary


def gap_lines(results):
    """The expected gaps: one row per session log with a part not recognised. The rows name the
    parts only (the NO lines printed say why), so that they change exactly when the table does."""
    out = []
    for (l, r, name), (meta, res) in sorted(results.items()):
        bad = [a for a in ASPECTS if res[a]]
        if bad:
            glob = re.sub(r"-apt[^-]*-", "-apt*-", name)
            out.append(f"{glob}\t{GAP_ISSUE}\tapt {r}, language `{l}`: {', '.join(bad)} not recognised")
    return out


def replace_between(text, begin, end, body):
    i, j = text.index(begin) + len(begin), text.index(end)
    return text[:i] + body + text[j:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cli")
    ap.add_argument("corpus", type=pathlib.Path)
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args()
    results = collect(a.cli, a.corpus)
    if not results:
        print(f"FAIL: no *-lang-*.log in {a.corpus / 'logs'}")
        return 1
    table, summary = render(results)
    readme_p, gaps_p = a.corpus / "README.md", a.corpus / "expected_gaps.tsv"
    readme = readme_p.read_text(encoding="utf-8")
    gaps = gaps_p.read_text(encoding="utf-8")
    new_readme = replace_between(readme, TABLE_BEGIN, TABLE_END, table)
    new_gaps = replace_between(gaps, GAPS_BEGIN + "\n", GAPS_END, "".join(l + "\n" for l in gap_lines(results)))
    for (l, r, name), (meta, res) in sorted(results.items()):
        for aspect in ASPECTS:
            for p in res[aspect][:1]:
                print(f"NO   {name} {aspect}: {p}")
    print(summary)
    if a.write:
        readme_p.write_text(new_readme, encoding="utf-8")
        gaps_p.write_text(new_gaps, encoding="utf-8")
        return 0
    stale = [p.name for p, old, new in ((readme_p, readme, new_readme), (gaps_p, gaps, new_gaps)) if old != new]
    if stale:
        print(f"FAIL: {' and '.join(stale)} not current: a language is now recognised better or worse. Check "
              f"the NO lines above, then run: python3 corpus/capture/languages_table.py build/src/aptparse corpus --write")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
