#!/usr/bin/env python3
"""Generates src/classify/tables/translations.inc from every catalogue that
apt and dpkg have ever released.

Sources (docs/translations.md says the same; the generated header records
the commits read):
  apt   https://salsa.debian.org/apt-team/apt (mirrored at
        https://github.com/Debian/apt): po/*.po at every tag whose name
        starts with a digit (0.7.21 .. today, Debian and Ubuntu uploads), and,
        before the first tag, at the last commit of each version named on the
        first line of debian/changelog in the history of tag 0.7.21 (0.5.4 ..
        0.7.20.2).
  dpkg  https://git.dpkg.org/git/dpkg/dpkg.git (mirrored at
        https://github.com/guillemj/dpkg): po/*.po at every tag 1.16.0 or
        later.
  archive  tools/translation_sources.tsv: the releases newer than the
        mirrors that Debian's archive still carries, by URL and sha256 (a
        source tarball's po/*.po, or a .deb's compiled .mo catalogues). They
        are downloaded once into a cache outside the repository and checked
        against their sha256 before they are read.

Every msgid that the English tables (apt_en.inc for apt, dpkg_en.inc for
dpkg) list is looked up in each catalogue, decoded by the charset its header
declares. Every distinct translation of a message in a language is kept,
with the first and last release (by commit date) that shipped it:
    TR("de", "<msgid>", "<msgstr>")  // apt 0.7.21 .. 3.1.12 (212)
apt's summary line is printed as four msgids one after another, so its rows
are composed per catalogue (a missing piece falls back to English, as gettext
does) and every distinct composition is kept:
    TR_SUMMARY("ro", apt3, "<piece 0>", "<piece 1>", "<piece 2>", "<piece 3>")
Fuzzy entries are skipped, as gettext skips them at run time.
dpkg prints some msgids after its name ("dpkg: " + _("warning") + ": "):
dpkg_prefixed.tsv lists them with the dpkg_en.inc row they print and how,
and their translations become rows of that row, printed as dpkg prints them:
    TR("es", "dpkg: warning: ", "dpkg: atención: ")  // dpkg 1.16.0 .. 1.23.11 (174)

Usage (the git directories of the two repositories, e.g. bare clones):
    tools/gen_translations.py --apt-git apt.git --dpkg-git dpkg.git \\
        [--cache DIR] > src/classify/tables/translations.inc
    tools/gen_translations.py --fetch-only [--cache DIR]   # download, verify
"""
import argparse
import ast
import codecs
import pathlib
import re
import subprocess
import sys

import catalogue_archive

TABLES = pathlib.Path(__file__).resolve().parent.parent / "src/classify/tables"
# The last C string literal of a table macro is its msgid.
ROW = re.compile(r'^([A-Z_]+)\((.*?),?\s*("(?:[^"\\]|\\.)*")\)\s*$')
SUMMARY = re.compile(r'^SUMMARY\((\w+),\s*(\d)')
APT_URL = "https://salsa.debian.org/apt-team/apt (github.com/Debian/apt)"
DPKG_URL = "https://git.dpkg.org/git/dpkg/dpkg.git (github.com/guillemj/dpkg)"
FIRST_APT_TAG = "0.7.21"
FIELD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$')
DPKG_TAGS = re.compile(r"^1\.(1[6-9]|[2-9][0-9])\.")


def c_unescape(literal: str) -> str:
    """Decodes a C/po string literal (with quotes)."""
    if "\\" not in literal and literal.count('"') == 2:
        return literal[1:-1]
    return ast.literal_eval(literal)


def c_escape(text: str) -> str:
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20:
            out.append("\\%03o" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def english_rows(inc: str):
    """Yields (macro, arguments, msgid) of a table file."""
    for line in (TABLES / inc).read_text(encoding="utf-8").splitlines():
        m = ROW.match(line.strip())
        if m:
            yield m.group(1), m.group(2), c_unescape(m.group(3))


def decode_po(data: bytes) -> str:
    """Decodes a po file by the charset its header declares."""
    m = re.search(rb"charset=([A-Za-z0-9_.:-]+)", data[:4096])
    charset = m.group(1).decode("ascii") if m else "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        charset = "utf-8"
    if charset.upper() == "CHARSET":  # an unfilled template header
        charset = "utf-8"
    return data.decode(charset, errors="replace")


def parse_po(text: str, present: set[str] | None = None) -> dict[str, list[str]]:
    """Returns msgid -> [msgstr, msgstr[1], ...] for non-fuzzy entries.
    Adds every msgid of the file, translated or not, to `present`."""
    entries: dict[str, list[str]] = {}
    fuzzy = False
    field = None
    cur: dict[str, str] = {}

    def flush():
        nonlocal cur, fuzzy
        msgid = cur.get("msgid")
        if msgid and present is not None and "msgctxt" not in cur:
            present.add(msgid)
        strs = [v for k, v in sorted(cur.items()) if k.startswith("msgstr")]
        if msgid and not fuzzy and "msgctxt" not in cur and any(strs):
            entries.setdefault(msgid, [s for s in strs if s])
        cur = {}
        fuzzy = False

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if cur:
                flush()
            field = None
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if cur:
                flush()
            fuzzy = "fuzzy" in line
            continue
        if line.startswith("#"):
            continue
        m = None if line[0] == '"' else FIELD.match(line)
        try:
            if m:
                if m.group(1) == "msgid" and "msgid" in cur:
                    keep_fuzzy = fuzzy
                    flush()
                    fuzzy = keep_fuzzy
                field = m.group(1)
                cur[field] = c_unescape(m.group(2))
            elif line.startswith('"') and field:
                cur[field] += c_unescape(line)
        except (SyntaxError, ValueError):  # a malformed line in an old file
            field = None
    if cur:
        flush()
    return entries


class Git:
    def __init__(self, git_dir: pathlib.Path):
        self.dir = git_dir
        self.batch = subprocess.Popen(
            ["git", "-C", str(git_dir), "cat-file", "--batch"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def run(self, *args: str) -> str:
        return subprocess.run(["git", "-C", str(self.dir), *args], check=True,
                              capture_output=True, text=True).stdout

    def read(self, obj: str) -> bytes | None:
        self.batch.stdin.write(obj.encode() + b"\n")
        self.batch.stdin.flush()
        header = self.batch.stdout.readline().split()
        if len(header) < 3 or header[1] == b"missing":
            return None
        data = self.batch.stdout.read(int(header[2]))
        self.batch.stdout.read(1)
        return data

    def tags(self) -> list[tuple[str, int, str]]:
        """(tag, commit time, commit) of every tag."""
        out = self.run("for-each-ref", "--format=%(refname:short) "
                       "%(*committerdate:unix)%(committerdate:unix) "
                       "%(*objectname)%(objectname)", "refs/tags")
        rows = []
        for line in out.splitlines():
            name, when, obj = line.split()
            # An annotated tag prints its commit's fields, then its own (none
            # for the date): the first ones are the commit's.
            rows.append((name, int(when[:10]), obj[:40]))
        return rows

    def po_files(self, commit: str) -> list[tuple[str, str]]:
        """(language, blob) of the po files of a commit."""
        out = self.run("ls-tree", commit, "po/")
        files = []
        for line in out.splitlines():
            meta, path = line.split("\t", 1)
            if path.endswith(".po"):
                files.append((pathlib.PurePath(path).stem, meta.split()[2]))
        return files


def apt_releases(git: Git) -> list[tuple[str, int, str]]:
    """(version, time, commit) of every apt release in the repository."""
    releases = [r for r in git.tags() if r[0][0].isdigit()]
    # Before the first tag: the newest commit that names each version.
    tagged = {t for t, _, _ in releases}
    log = git.run("log", "--format=%H %ct", FIRST_APT_TAG + "^", "--",
                  "debian/changelog")
    seen = set()
    for line in log.splitlines():
        commit, when = line.split()
        head = (git.read(commit + ":debian/changelog") or b"").split(b"\n", 1)[0]
        m = re.match(rb"apt \(([^)]+)\)", head)
        if not m:
            continue
        version = m.group(1).decode()
        if version in seen or version in tagged:
            continue
        seen.add(version)
        releases.append((version, int(when), commit))
    return releases


def dpkg_releases(git: Git) -> list[tuple[str, int, str]]:
    return [r for r in git.tags() if DPKG_TAGS.match(r[0])]


class Seen:
    """The releases that shipped one row, oldest and newest by date."""

    def __init__(self):
        self.first = self.last = None
        self.count = 0

    def add(self, release):
        self.count += 1
        if self.first is None or release[1] < self.first[1]:
            self.first = release
        if self.last is None or release[1] > self.last[1]:
            self.last = release

    def comment(self, tool: str) -> str:
        span = self.first[0] if self.first == self.last else \
            f"{self.first[0]} .. {self.last[0]}"
        also = getattr(self, "quoted", None)
        return f"// {tool} {span} ({self.count})" + \
            (also.comment(tool).replace("//", ";", 1) if also else "")


class Catalogues:
    """The po files of a tool's git releases, then the archive's files."""

    def __init__(self, git: "Git", releases, archive, cache):
        self.git, self.archive, self.cache = git, archive, cache
        versions = {a.release[:2]: a.release for a in archive}  # a version's .debs: one
        self.releases = list(releases) + list(versions.values())
        self.template: set[str] = set()  # the msgids of the newest po read

    def files(self, release) -> list[tuple[str, tuple]]:
        """(language, key) of the catalogues of a release."""
        files = [f for a in self.archive if a.release[:2] == release[:2]
                 for f in self.read(a)]
        if files:
            by_lang: dict[str, list] = {}
            for lang, kind, data in files:  # a version's domains, one catalogue
                by_lang.setdefault(lang, []).append((kind, data))
            return [(lang, tuple(parts)) for lang, parts in sorted(by_lang.items())]
        return [(lang, ("git", blob)) for lang, blob in self.git.po_files(release[2])]

    def read(self, source) -> list[tuple[str, str, bytes]]:
        path = catalogue_archive.fetch(source, self.cache)
        return [(lang, source.kind, data)
                for lang, data in catalogue_archive.catalogues(source, path)]

    def parse(self, key) -> tuple[dict[str, list[str]], set[str]]:
        """(entries, msgids the catalogue's template has) of one catalogue."""
        if key[0] == "git":
            return self.parse_po(self.git.read(key[1]))
        entries: dict[str, list[str]] = {}
        present: set[str] = set()
        for kind, data in key:
            if kind == "binary":
                # A .mo holds translated entries only: the template is that
                # of the newest po read (the release before it); a piece it
                # leaves out is printed in English, as gettext does.
                part = catalogue_archive.parse_mo(data)
                part_present = self.template | set(part)
            else:
                part, part_present = self.parse_po(data)
            for msgid, strs in part.items():
                entries.setdefault(msgid, strs)
            present |= part_present
        return entries, present

    def parse_po(self, data: bytes | None):
        present: set[str] = set()
        entries = parse_po(decode_po(data or b""), present)
        self.template = present
        return entries, present


def collect(cats: Catalogues, wanted: set[str],
            layouts: dict[str, list[list[str]]], rows, summaries, stats,
            prefixed=None):
    parsed: dict = {}
    keep = wanted | {p for pieces in layouts.values() for p in pieces}
    for release in sorted(cats.releases, key=lambda r: r[1]):
        for lang, key in cats.files(release):
            if key not in parsed:
                entries, present = cats.parse(key)
                parsed[key] = ({k: v for k, v in entries.items() if k in keep},
                               present & keep)
            entries, present = parsed[key]
            stats["catalogues"] += 1
            for msgid in wanted:
                for s in entries.get(msgid, []):
                    if s == msgid:
                        continue
                    for key in prefixed.rows(lang, msgid, s) if prefixed else [(lang, msgid, s)]:
                        rows.setdefault(key, Seen()).add(release)
            for layout, pieces in layouts.items():
                # A piece the catalogue leaves untranslated is printed in
                # English; one it does not list at all was not the msgid of
                # that release's binary (apt 0.5 said "%lu packages
                # upgraded, "), so nothing can be composed.
                if not all(p in present for p in pieces):
                    continue
                got = [entries.get(p, [p])[0] for p in pieces]
                if got == pieces:
                    continue  # untranslated: the English row
                summaries.setdefault((lang, layout, tuple(got)), Seen()).add(release)
    stats["blobs"] += len(parsed)


class Prefixed:
    """dpkg_prefixed.tsv: msgids that dpkg prints after its name, each the
    translation of a dpkg_en.inc row that no catalogue lists itself."""

    def __init__(self, path: pathlib.Path):
        self.specs: dict[str, list[tuple[str, str, str]]] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            row, msgid, printed, name = line.split("\t")
            self.specs.setdefault(c_unescape('"' + msgid + '"'), []).append(
                (c_unescape('"' + row + '"'), printed, name))
        self.too_short: set[tuple[str, str]] = set()

    def rows(self, lang: str, msgid: str, msgstr: str):
        """The (language, row, printed line) keys of a translation; a msgid
        not listed here is its own row."""
        if msgid not in self.specs:
            return [(lang, msgid, msgstr)]
        keys = []
        first = msgstr.split("\n", 1)[0]
        for row, printed, name in self.specs[msgid]:
            text = first.replace("%s", name, 1) if name else first
            text = printed.replace("{}", text)
            # A wording that puts a conversion first leaves only dpkg's name
            # as the row's prefix, which every dpkg line has: not a row.
            program = name or printed.split("{}", 1)[0].strip(" :")
            if text.split("%", 1)[0].strip(" :\uff1a") == program:
                self.too_short.add((lang, text))
                continue
            keys.append((lang, row, text))
        return keys


class Quoted:
    """A row quoted in public logs (ubuntu_langpacks.tsv), with its source."""

    def __init__(self, sources):
        self.sources = sorted(set(sources))
        self.first = (None, 0)

    def comment(self, tool: str) -> str:
        return "// ubuntu language pack: " + "; ".join(self.sources)


def newest_summary(summaries, lang: str, layout: str):
    """The pieces of the newest Debian summary of `lang` in `layout`."""
    seen = [(v.last[1], k[2]) for k, v in summaries.items()
            if k[0] == lang and k[1] == layout and isinstance(v, Seen)]
    return max(seen)[1] if seen else None


def ubuntu_rows(path: pathlib.Path, layouts, rows, summaries):
    """Adds the rows of ubuntu_langpacks.tsv."""
    by_lang: dict[str, dict[str, tuple[str, str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, msgid, msgstr, source = line.split("\t")
        msgid = c_unescape('"' + msgid + '"')
        msgstr = c_unescape('"' + msgstr + '"')
        by_lang.setdefault(lang, {})[msgid] = (msgstr, source)
    for lang, entries in by_lang.items():
        for layout, pieces in layouts.items():
            # A language pack is Launchpad's copy of the Debian catalogue:
            # a piece no log quotes is taken as the newest Debian release
            # of the language printed it (English only where none did).
            debian = newest_summary(summaries, lang, layout) or pieces
            got = [entries.get(p, (d, None)) for p, d in zip(pieces, debian)]
            if all(src is None for _, src in got):
                continue
            key = (lang, layout, tuple(t for t, _ in got))
            quoted = Quoted(src for _, src in got if src)
            if key in summaries:
                summaries[key].quoted = quoted
            else:
                summaries[key] = quoted
        summary_ids = {p for pieces in layouts.values() for p in pieces}
        for msgid, (msgstr, source) in entries.items():
            if msgid in summary_ids:
                continue
            key = (lang, msgid, msgstr)
            if key in rows:  # a Debian catalogue has it too: keep both
                rows[key].quoted = Quoted([source])
            else:
                rows[key] = Quoted([source])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--apt-git", type=pathlib.Path)
    ap.add_argument("--dpkg-git", type=pathlib.Path)
    ap.add_argument("--archive", type=pathlib.Path, default=catalogue_archive.SOURCES,
                    help="the archive's source list (default: %(default)s)")
    ap.add_argument("--cache", type=pathlib.Path, default=catalogue_archive.DEFAULT_CACHE,
                    help="where the archive's files are kept (default: %(default)s)")
    ap.add_argument("--fetch-only", action="store_true",
                    help="download and verify the archive's files, then stop")
    ap.add_argument("--ubuntu", type=pathlib.Path,
                    default=TABLES / "ubuntu_langpacks.tsv")
    ap.add_argument("--dpkg-prefixed", type=pathlib.Path,
                    default=TABLES / "dpkg_prefixed.tsv")
    args = ap.parse_args()
    archive = catalogue_archive.read_sources(args.archive)
    if args.fetch_only:
        for a in archive:
            print(catalogue_archive.fetch(a, args.cache))
        return 0
    if not args.apt_git or not args.dpkg_git:
        ap.error("--apt-git and --dpkg-git are required")

    apt_ids, layouts, dpkg_ids = [], {}, []
    for macro, margs, msgid in english_rows("apt_en.inc"):
        m = SUMMARY.match(f"{macro}({margs}")
        if m:
            layouts.setdefault(m.group(1), ["", "", "", ""])[int(m.group(2))] = msgid
        else:
            apt_ids.append(msgid)
    dpkg_ids = [msgid for _, _, msgid in english_rows("dpkg_en.inc")]
    prefixed = Prefixed(args.dpkg_prefixed)

    rows: dict[tuple[str, str, str], Seen] = {}
    summaries: dict[tuple[str, str, tuple], Seen] = {}
    heads = []
    for tool, path, url, ids, lay, pick, pre in (
            ("apt", args.apt_git, APT_URL, apt_ids, layouts, apt_releases, None),
            ("dpkg", args.dpkg_git, DPKG_URL, dpkg_ids + list(prefixed.specs),
             {}, dpkg_releases, prefixed)):
        git = Git(path)
        releases = pick(git)
        stats = {"catalogues": 0, "blobs": 0}
        mine = [a for a in archive if a.tool == tool]
        collect(Catalogues(git, releases, mine, args.cache), set(ids), lay, rows,
                summaries, stats, pre)
        newest = max(releases, key=lambda r: r[1])
        heads.append(f"// {tool}: {url}, {len(releases)} releases, the latest "
                     f"by date {newest[0]} ({newest[2][:12]}); {stats['catalogues']} "
                     f"catalogues, {stats['blobs']} distinct")
        for a in mine:
            heads.append(f"//   and {tool} {a.version} from Debian's archive ({a.kind}, "
                         f"{a.url.rsplit('/', 1)[1]} sha256 {a.sha256[:16]})")

    ubuntu_rows(args.ubuntu, layouts, rows, summaries)

    out = sys.stdout
    out.write("// Generated by tools/gen_translations.py from every po/ catalogue that\n"
              "// apt and dpkg released (docs/translations.md). Do not edit by hand:\n"
              "// add the msgid to apt_en.inc or dpkg_en.inc and run the generator.\n")
    for h in heads:
        out.write(h + "\n")
    out.write(f"// ubuntu: {args.ubuntu.name}, Ubuntu's language-pack wordings quoted in\n"
              "// public logs, each with its source.\n")
    out.write("// TR(language, msgid, msgstr)  // tool first .. last release (releases)\n")
    order = {m: i for i, m in enumerate(apt_ids + dpkg_ids)}
    dpkg_only = set(dpkg_ids) - set(apt_ids)
    for (lang, msgid, s) in sorted(rows, key=lambda k: (order[k[1]], k[0], rows[k].first[1], k[1], k[2])):
        seen = rows[(lang, msgid, s)]
        tool = "dpkg" if msgid in dpkg_only else "apt"
        out.write(f"TR({c_escape(lang)}, {c_escape(msgid)}, {c_escape(s)})  "
                  f"{seen.comment(tool)}\n")
    out.write("// TR_SUMMARY(language, layout, piece 0, piece 1, piece 2, piece 3)\n")
    for key in sorted(summaries, key=lambda k: (k[1], k[0], summaries[k].first[1], k[2])):
        lang, layout, pieces = key
        args_ = ", ".join(c_escape(p) for p in pieces)
        out.write(f"TR_SUMMARY({c_escape(lang)}, {layout}, {args_})  "
                  f"{summaries[key].comment('apt')}\n")
    found = {k[1] for k in rows}
    missing = [m for m in apt_ids + dpkg_ids if m not in found]
    for lang, text in sorted(prefixed.too_short):
        print(f"  not a row (nothing before its first conversion): {lang} {text!r}",
              file=sys.stderr)
    print(f"{len(rows)} rows, {len(summaries)} summary rows; "
          f"{len(missing)} msgids in no catalogue:", file=sys.stderr)
    for m in missing:
        print("  " + repr(m), file=sys.stderr)
    for h in heads:
        print(h, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
