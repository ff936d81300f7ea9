#!/usr/bin/env python3
"""Provenance for the aptparse corpus.

  provenance.py meta ...      write one <name>.meta.json (called by lib.sh for every capture)
  provenance.py table LOGDIR README
                              regenerate the provenance table in README between the
                              '<!-- provenance:begin -->' and '<!-- provenance:end -->' markers
"""
import argparse
import glob
import json
import os
import re
import sys


def cmd_meta(a):
    with open(a.sources_file, encoding="utf-8") as f:
        sources = f.read()
    meta = {
        "command": a.command,
        "tool": a.tool,
        "apt_version": a.apt_version,
        "distro": a.distro,
        "locale": a.locale,
        "date": a.date,
        "sources": sources,
        "tty": a.tty == "1",
        "exit_code": int(a.exit_code),
        "case": a.case,
        "layout": a.layout,
    }
    if a.language:
        meta["language"] = a.language
    if a.env:
        meta["env"] = a.env
    extra = []
    for d in ("etc/apt/preferences", "etc/apt/preferences.d", "etc/apt/apt.conf.d/99corpus"):
        p = os.path.join(a.root, d)
        files = sorted(glob.glob(p + "/*")) if os.path.isdir(p) else ([p] if os.path.isfile(p) else [])
        for fp in files:
            with open(fp, encoding="utf-8", errors="replace") as f:
                extra.append("# /" + os.path.relpath(fp, a.root) + "\n" + f.read())
    if extra:
        meta["apt_config"] = "".join(extra)
    archf = os.path.join(a.root, "var/lib/dpkg/arch")
    if os.path.isfile(archf):
        with open(archf, encoding="utf-8") as f:
            archs = f.read().split()
        if len(archs) > 1:
            meta["dpkg_architectures"] = archs
    if a.runs:
        # a session of several runs appending to one log (corpus/capture/languages.sh)
        meta["runs"] = []
        with open(a.runs, encoding="utf-8") as f:
            for line in f:
                cmd, layout, ver, rc, off, end = line.rstrip("\n").split("\t")
                meta["runs"].append({"command": cmd, "layout": layout, "apt_version": ver, "exit_code": int(rc),
                                     "first_offset": int(off), "end_offset": int(end)})
        lang = a.language.split(":")[0]
        meta["catalogues"] = sorted(os.path.basename(p)[:-3] for p in glob.glob(
            os.path.join(a.root, "usr/share/locale", lang, "LC_MESSAGES", "*.mo"))
            if os.path.basename(p).startswith(("apt", "libapt", "dpkg"))) if lang else []
    if a.twin:
        meta["twin"] = a.twin + ".log"
        if a.language:
            # did a translation show? Digits aside: the free disk space apt prints varies.
            def letters(path):
                with open(path, "rb") as f:
                    return re.sub(rb"[0-9]+", b"", f.read())
            meta["translated_output"] = letters(a.out[: -len(".meta.json")] + ".log") != letters(
                os.path.join(os.path.dirname(a.out), a.twin + ".log"))
    if meta["tty"]:
        meta["tty_capture"] = ("script -q -e -c 'chroot ROOT env -i ... sh -c \"stty cols 120 rows 40; CMD\"' /dev/null "
                               "< /dev/null > LOG (script's stdout, i.e. what the terminal showed; "
                               "util-linux script with -q writes no header/footer, nothing stripped)")
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=1, ensure_ascii=False)
        f.write("\n")


def cmd_table(a):
    rows = []
    for mp in sorted(glob.glob(os.path.join(a.logdir, "*.meta.json"))):
        with open(mp, encoding="utf-8") as f:
            m = json.load(f)
        name = os.path.basename(mp)[: -len(".meta.json")] + ".log"
        size = os.path.getsize(os.path.join(a.logdir, name))
        cmd = m["command"].replace("|", "\\|")
        loc = m["locale"] + (" / LANGUAGE=" + m["language"] if m.get("language") else "")
        rows.append(f"| `{name}` | {m['tool']} | {m['apt_version']} | {loc} | {'yes' if m['tty'] else 'no'} "
                    f"| {m['exit_code']} | {size} | `{cmd}` |")
    table = ("| file | tool | apt | locale | tty | exit | bytes | command |\n"
             "|---|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n")
    with open(a.readme, encoding="utf-8") as f:
        text = f.read()
    b, e = "<!-- provenance:begin -->\n", "<!-- provenance:end -->"
    i, j = text.index(b) + len(b), text.index(e)
    text = text[:i] + table + text[j:]
    with open(a.readme, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"provenance table: {len(rows)} logs", file=sys.stderr)


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("meta")
    for opt in ("out", "command", "tool", "apt-version", "distro", "locale", "language", "env", "date",
                "sources-file", "root", "tty", "exit-code", "case", "layout"):
        m.add_argument("--" + opt, required=True)
    m.add_argument("--runs", default="")
    m.add_argument("--twin", default="")
    t = sub.add_parser("table")
    t.add_argument("logdir")
    t.add_argument("readme")
    a = p.parse_args()
    {"meta": cmd_meta, "table": cmd_table}[a.cmd](a)


if __name__ == "__main__":
    main()
