"""The catalogues of apt/dpkg releases that only Debian's archive still holds
(tools/translation_sources.tsv), for tools/gen_translations.py.

Each listed file is downloaded once into a cache directory outside the
repository and its sha256 checked before anything reads it, so the same list
always gives the same catalogues. A source tarball gives its po/*.po (text,
parsed like the git tags' files); a .deb gives the compiled .mo catalogues
under usr/share/locale, decoded here.
"""
import dataclasses
import datetime
import hashlib
import io
import os
import pathlib
import re
import struct
import tarfile
import urllib.request

SOURCES = pathlib.Path(__file__).resolve().parent / "translation_sources.tsv"
# The gettext domains of a tool's catalogues in its binary packages.
DOMAINS = {"apt": r"(?:apt|libapt-pkg[0-9.]*)", "dpkg": r"dpkg"}
DEFAULT_CACHE = pathlib.Path(os.environ.get("XDG_CACHE_HOME", pathlib.Path.home() / ".cache")) \
    / "aptparse" / "catalogues"


@dataclasses.dataclass(frozen=True)
class Source:
    tool: str
    version: str
    kind: str  # "source" (tarball, po/*.po) or "binary" (.deb, *.mo)
    time: int  # the version's debian/changelog date
    sha256: str
    url: str
    note: str

    @property
    def release(self) -> tuple[str, int, str]:
        """(version, time, id) like a git release's (version, time, commit)."""
        return (self.version, self.time, self.sha256)


def read_sources(path: pathlib.Path = SOURCES) -> list[Source]:
    sources = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        tool, version, kind, date, sha256, url, note = line.split("\t")
        if kind not in ("source", "binary") or not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise ValueError(f"{path.name}: bad line: {line!r}")
        when = int(datetime.datetime.fromisoformat(date).timestamp())
        sources.append(Source(tool, version, kind, when, sha256, url, note))
    return sources


def fetch(source: Source, cache: pathlib.Path) -> pathlib.Path:
    """The verified local copy of a source's file, downloaded if missing."""
    path = cache / source.url.rsplit("/", 1)[1]
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(path.suffix + ".part")
        with urllib.request.urlopen(source.url, timeout=120) as r, open(part, "wb") as f:
            f.write(r.read())
        part.rename(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != source.sha256:
        raise SystemExit(f"{path}: sha256 {digest}, the source list says {source.sha256} "
                         f"({source.url}); delete the file to download it again")
    return path


def deb_data(path: pathlib.Path) -> tarfile.TarFile:
    """The data.tar.* member of a .deb (an ar archive)."""
    blob = path.read_bytes()
    if not blob.startswith(b"!<arch>\n"):
        raise SystemExit(f"{path}: not a .deb")
    pos = 8
    while pos + 60 <= len(blob):
        name = blob[pos:pos + 16].decode().strip().rstrip("/")
        size = int(blob[pos + 48:pos + 58])
        if name.startswith("data.tar"):
            return tarfile.open(fileobj=io.BytesIO(blob[pos + 60:pos + 60 + size]))
        pos += 60 + size + (size & 1)
    raise SystemExit(f"{path}: no data.tar member")


def catalogues(source: Source, path: pathlib.Path) -> list[tuple[str, bytes]]:
    """(language, file contents) of every catalogue of the tool in the file."""
    out = []
    if source.kind == "source":
        po = re.compile(r"^[^/]+/po/([^/]+)\.po$")
        with tarfile.open(path) as tar:
            for member in tar.getmembers():
                m = po.match(member.name)
                if m and member.isfile():
                    out.append((m.group(1), tar.extractfile(member).read()))
    else:
        mo = re.compile(r"^\.?/?usr/share/locale/([^/]+)/LC_MESSAGES/" + DOMAINS[source.tool]
                        + r"\.mo$")
        with deb_data(path) as tar:
            for member in tar.getmembers():
                m = mo.match(member.name)
                if m and member.isfile():
                    out.append((m.group(1), tar.extractfile(member).read()))
    return sorted(out)


def parse_mo(data: bytes) -> dict[str, list[str]]:
    """msgid -> [msgstr, msgstr[1], ...] of a compiled catalogue (gettext's
    .mo format: two tables of (length, offset) pairs). Entries with a context
    are left out, as parse_po leaves them out."""
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    count, ids_at, strs_at = struct.unpack(order + "3I", data[8:20])
    raw = []
    for i in range(count):
        ilen, ioff = struct.unpack(order + "2I", data[ids_at + 8 * i:ids_at + 8 * i + 8])
        slen, soff = struct.unpack(order + "2I", data[strs_at + 8 * i:strs_at + 8 * i + 8])
        raw.append((data[ioff:ioff + ilen], data[soff:soff + slen]))
    header = dict(raw).get(b"", b"")
    m = re.search(rb"charset=([A-Za-z0-9_.:-]+)", header)
    charset = m.group(1).decode("ascii") if m else "utf-8"
    entries: dict[str, list[str]] = {}
    for msgid, msgstr in raw:
        if not msgid or b"\x04" in msgid:
            continue
        strs = [s for s in msgstr.decode(charset, errors="replace").split("\0") if s]
        if strs:
            entries[msgid.split(b"\0")[0].decode(charset, errors="replace")] = strs
    return entries
