#!/usr/bin/env python3
"""Write <name>.truth.json for a captured log, from apt itself (never from the parser).

  make_truth.py run --name N --logs DIR --src TRUTHSRC --root CHROOT [--notes TEXT]
      TRUTHSRC holds, per package run i of the capture: run<i>.simcmd (the -s -qq twin of the run),
      run<i>.sim (its output, taken right before the capture in the same chroot state),
      run<i>.upg (`apt list --upgradable`), run<i>.held (`apt-mark showhold`).
      Sets come from the Inst/Remv/Purg lines; not_upgraded = upgradable - changed;
      counts = the numbers on apt's own summary line(s) in the captured log, located with a regex
      built from apt's message catalogue (the chroot's apt.mo) for the log's language.
  make_truth.py journal --name N --logs DIR --journal FILE --tool T
      history.log / term.log / dpkg.log: the ordered transactions of the real runs listed in FILE.
  make_truth.py after --logs DIR --status FILE --names N...
      adds to the last transaction of each named truth `failed` ({name, arch, new, status}): the packages that FILE (dpkg-query's
      "Package Architecture Version db:Status-Status" lines, taken right after the run) shows
      half-installed, half-configured, unpacked, triggers-awaited or triggers-pending.
  make_truth.py session --name N --logs DIR --src SIMDIR --root CHROOT --runs TSV --twin T --twin-runs TSV
      a session of several runs in one log (languages.sh), its truth from its C-locale twin T.
"""
import argparse
import gettext
import glob
import json
import os
import re
import subprocess
import sys

INST = re.compile(r"^Inst (\S+) (?:\[(\S+)\] )?\((\S+) .*\[([^\]\s]+)\]\)")
REMV = re.compile(r"^(Remv|Purg) (\S+)(?: \[(\S+)\])?")

CLASSIC = ["%lu upgraded, %lu newly installed, ", "%lu reinstalled, ", "%lu downgraded, ",
           "%lu to remove and %lu not upgraded.\n"]
V30 = ["Upgrading: %lu, Installing: %lu, ", "Reinstalling: %lu, ", "Downgrading: %lu, ",
       "Removing: %lu, Not Upgrading: %lu\n"]
KEYS = [["upgraded", "newly_installed"], ["reinstalled"], ["downgraded"], ["to_remove", "not_upgraded"]]


def vcmp(a, op, b):
    return subprocess.run(["dpkg", "--compare-versions", a, op, b]).returncode == 0


def parse_sim(path, native):
    t = {k: [] for k in ("upgraded", "newly_installed", "to_remove", "downgraded", "reinstalled")}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = INST.match(line)
            if m:
                name, cur, new, arch = m.groups()
                if cur is None:
                    t["newly_installed"].append({"name": name, "arch": arch, "new": new})
                elif vcmp(new, "lt", cur):
                    t["downgraded"].append({"name": name, "arch": arch, "old": cur, "new": new})
                elif vcmp(new, "eq", cur):
                    t["reinstalled"].append({"name": name, "arch": arch, "old": cur, "new": new})
                else:
                    t["upgraded"].append({"name": name, "arch": arch, "old": cur, "new": new})
                continue
            m = REMV.match(line)
            if m:
                op, name, cur = m.groups()
                t["to_remove"].append({"name": name, "arch": None, "old": cur, "purge": op == "Purg"})
    return t


def parse_upgradable(path, native):
    out = []
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.match(r"^([^/\s]+)/\S+ \S+ (\S+) \[", line)
            if m:
                name, arch = m.groups()
                out.append(name if arch in (native, "all") else f"{name}:{arch}")
    return out


def language_of(meta):
    lang = meta.get("language") or meta.get("locale") or "C"
    lang = lang.split(":")[0].split(".")[0]
    return None if lang in ("C", "POSIX", "n/a", "") else lang


def fmt_regex(fmt):
    """'%lu zu entfernen und %lu ...\\n' -> (regex, [arg index per group])."""
    fmt = fmt.rstrip("\n")
    parts = re.split(r"%(?:(\d+)\$)?lu", fmt)
    rx, order, n = "", [], 0
    for i, p in enumerate(parts):
        if i % 2 == 0:
            rx += re.escape(p)
        else:
            order.append(int(p) - 1 if p else n)
            n += 1
            rx += r"(\d+)"
    return rx, order


def summary_regex(meta, root):
    pieces = V30 if meta.get("layout") == "apt3" else CLASSIC
    lang = language_of(meta)
    tr = gettext.NullTranslations()
    if lang:
        tr = gettext.translation("apt", localedir=os.path.join(root, "usr/share/locale"),
                                 languages=[lang, lang.split("_")[0]], fallback=True)
    rx, groups = "", []
    for i, p in enumerate(pieces):
        r, order = fmt_regex(tr.gettext(p))
        keys = [KEYS[i][k] for k in order]
        r = "(?:" + r + ")" + ("?" if i in (1, 2) else "")
        rx += r
        groups += keys
    return re.compile(rx), groups


def find_counts(text, meta, root):
    rx, keys = summary_regex(meta, root)
    res = []
    for m in rx.finditer(text):
        c = {k: 0 for k in ("upgraded", "newly_installed", "to_remove", "not_upgraded", "downgraded", "reinstalled")}
        for k, v in zip(keys, m.groups()):
            if v is not None:
                c[k] = int(v)
        res.append(c)
    return res


def find_errors(text, meta, root):
    prefixes = ["E:", "Error:"]
    lang = language_of(meta)
    if lang:
        # the "E: " / "Error: " prefix is libapt-pkg's message (domain libapt-pkg6.0, libapt-pkg7.0, ...)
        for l in (lang, lang.split("_")[0]):
            for mo in glob.glob(os.path.join(root, "usr/share/locale", l, "LC_MESSAGES", "libapt-pkg*.mo")) + \
                    glob.glob(os.path.join(root, "usr/share/locale", l, "LC_MESSAGES", "apt.mo")):
                with open(mo, "rb") as f:
                    tr = gettext.GNUTranslations(f)
                for msgid in ("E:", "Error:", "E: ", "Error: "):
                    p = tr.gettext(msgid).strip()
                    if p not in prefixes:
                        prefixes.append(p)
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    errs = []
    for line in re.split(r"\r?\n", text):
        line = line.split("\r")[-1]
        if any(line.startswith(p) for p in prefixes):
            errs.append(line)
    return errs


def sim_transaction(base, native):
    """The sets of one run from its twin's files <base>.sim, .upg, .held; and the twin's command."""
    simcmd = open(base + ".simcmd", encoding="utf-8").read().strip()
    t = parse_sim(base + ".sim", native)
    changed = {p["name"] for k in ("upgraded", "to_remove", "downgraded", "reinstalled") for p in t[k]}
    upg = parse_upgradable(base + ".upg", native)
    t["not_upgraded"] = [{"name": n} for n in upg if n not in changed]
    held = [l.strip() for l in open(base + ".held", encoding="utf-8") if l.strip()]
    if held:
        t["held"] = held
    return t, simcmd


def read_runs(path):
    """runs.tsv of a session log (languages.sh): command, layout, apt version, exit code, byte range."""
    runs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cmd, layout, ver, rc, off, end = line.rstrip("\n").split("\t")
            runs.append({"command": cmd, "layout": layout, "off": int(off), "end": int(end)})
    return runs


def cmd_session(a):
    """A session log of several runs whose twin is the C-locale session (languages.sh): run k's sets
    come from the -s -qq simulation taken before run k in the twin's chroot, its counts from the
    twin's summary line; the log's own summary line, located with its language's catalogue, must agree."""
    with open(os.path.join(a.logs, a.name + ".meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    with open(os.path.join(a.logs, a.name + ".log"), "rb") as f:
        data = f.read()
    with open(os.path.join(a.logs, a.twin + ".log"), "rb") as f:
        twin_data = f.read()
    native = open(os.path.join(a.src, "native-arch")).read().strip()
    runs, twin_runs = read_runs(a.runs), read_runs(a.twin_runs)
    assert [r["command"] for r in runs] == [r["command"] for r in twin_runs], "the twin ran other commands"
    txs, how, notes = [], [], []
    for k, (r, tr) in enumerate(zip(runs, twin_runs)):
        t, simcmd = sim_transaction(os.path.join(a.src, f"run{k + 1}"), native)
        how.append(simcmd)
        c_meta = {"layout": r["layout"]}
        twin_counts = find_counts(twin_data[tr["off"]:tr["end"]].decode("utf-8", "replace"), c_meta, a.root)
        text = data[r["off"]:r["end"]].decode("utf-8", "replace")
        own = find_counts(text, dict(c_meta, language=meta.get("language")), a.root)
        assert len(twin_counts) == 1, f"run {k + 1} of {a.twin}: {len(twin_counts)} summary lines"
        if not own:
            notes.append(f"run {k + 1}: this language's apt.mo regex did not locate the summary line")
        elif own != twin_counts:
            notes.append(f"run {k + 1}: CONFLICT: this log's summary {own} != the twin's {twin_counts}")
            print(f"{a.name}: {notes[-1]}", file=sys.stderr)
        t["counts"] = twin_counts[0]
        errors = find_errors(text, meta, a.root)
        if errors:
            t["errors"] = errors
        txs.append(t)
    truth = {
        "derived_from": (f"run k's sets: the k-th of " + "; ".join(f"`{h}`" for h in how) +
                         f", each run in the C-locale twin's chroot ({a.twin}.log) just before the twin's run k, "
                         "with `apt list --upgradable` and `apt-mark showhold` at the same moment; every language "
                         "starts from a copy of the same base chroot, and its dpkg.log (timestamps removed) equals "
                         "the twin's; counts from the twin's summary line of run k, checked against this log's own "
                         "where apt's catalogue for the language locates it; errors copied from the log"),
        "transactions": txs,
        "notes": "; ".join(["one transaction per run (meta runs gives each run's byte range)"] + notes),
    }
    with open(os.path.join(a.logs, a.name + ".truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1, ensure_ascii=False)
        f.write("\n")


def cmd_run(a):
    with open(os.path.join(a.logs, a.name + ".meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    with open(os.path.join(a.logs, a.name + ".log"), "rb") as f:
        text = f.read().decode("utf-8", errors="replace")
    native = open(os.path.join(a.src, "native-arch")).read().strip()
    sims = sorted(glob.glob(os.path.join(a.src, "run*.sim")), key=lambda p: int(re.findall(r"\d+", os.path.basename(p))[0]))
    counts = find_counts(text, meta, a.root)
    errors = find_errors(text, meta, a.root)
    txs, how = [], []
    for i, sp in enumerate(sims):
        t, simcmd = sim_transaction(sp[:-4], native)
        how.append(simcmd)
        if i < len(counts):
            t["counts"] = counts[i]
        txs.append(t)
    if errors:
        if not txs:
            txs.append({k: [] for k in ("upgraded", "newly_installed", "to_remove", "downgraded", "reinstalled",
                                        "not_upgraded")})
        txs[-1]["errors"] = errors
    truth = {
        "derived_from": ("; ".join(f"`{h}`" for h in how) +
                         " run in the same chroot state just before the capture (Inst/Remv/Purg lines), "
                         "`apt list --upgradable` and `apt-mark showhold` at the same moment; counts from the "
                         "summary line of the captured log; errors copied from the log") if how else
                        "errors copied from the log (no package run)",
        "transactions": txs,
    }
    if len(counts) > len(sims):
        truth.setdefault("notes", "")
        truth["notes"] += f"log has {len(counts)} summary lines for {len(sims)} simulated runs. "
    if a.notes:
        truth["notes"] = (truth.get("notes", "") + a.notes).strip()
    with open(os.path.join(a.logs, a.name + ".truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1, ensure_ascii=False)
        f.write("\n")


def cmd_journal(a):
    txs, srcs = [], []
    if os.path.exists(a.journal):
        for n in open(a.journal).read().split():
            with open(os.path.join(a.logs, n + ".truth.json"), encoding="utf-8") as f:
                tr = json.load(f)
            for t in tr["transactions"]:
                t.pop("counts", None)
                # apt prints its E: lines on the console; only history.log
                # records them (as "Error:"), term.log and dpkg.log do not.
                if a.tool != "history.log":
                    t.pop("errors", None)
                t["from_log"] = n + ".log"
                txs.append(t)
            srcs.append(n)
    truth = {
        "derived_from": f"the simulate-derived truths of the real runs made in this chroot after its setup "
                        f"logs were rotated, in order ({', '.join(srcs)}); each has its own .truth.json",
        "transactions": txs,
        "notes": f"{a.tool} copied verbatim from the chroot; the setup runs (debootstrap, locales) were in "
                 f"the rotated-away {a.tool}.setup. no counts: {a.tool} has no summary line.",
    }
    with open(os.path.join(a.logs, a.name + ".truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1, ensure_ascii=False)
        f.write("\n")


FAILED_STATES = ("half-installed", "half-configured", "unpacked", "triggers-awaited", "triggers-pending")


def cmd_after(a):
    failed = []
    with open(a.status, encoding="utf-8") as f:
        for line in f:
            name, arch, version, state = line.split()
            if state in FAILED_STATES:
                failed.append({"name": name, "arch": arch, "new": version, "status": state})
    for n in a.names:
        path = os.path.join(a.logs, n + ".truth.json")
        with open(path, encoding="utf-8") as f:
            truth = json.load(f)
        truth["transactions"][-1]["failed"] = failed
        truth["notes"] = (truth.get("notes", "") + " failed: the packages `dpkg-query -W` showed in a "
                          "state other than installed/config-files/not-installed right after the run.").strip()
        with open(path, "w", encoding="utf-8") as f:
            json.dump(truth, f, indent=1, ensure_ascii=False)
            f.write("\n")


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    for o in ("name", "logs", "src", "root"):
        r.add_argument("--" + o, required=True)
    r.add_argument("--notes", default="")
    j = sub.add_parser("journal")
    for o in ("name", "logs", "journal", "tool"):
        j.add_argument("--" + o, required=True)
    f = sub.add_parser("after")
    f.add_argument("--logs", required=True)
    f.add_argument("--status", required=True)
    f.add_argument("--names", nargs="+", required=True)
    s = sub.add_parser("session")
    for o in ("name", "logs", "src", "root", "runs", "twin", "twin-runs"):
        s.add_argument("--" + o, required=True)
    a = p.parse_args()
    {"run": cmd_run, "journal": cmd_journal, "session": cmd_session, "after": cmd_after}[a.cmd](a)


if __name__ == "__main__":
    main()
