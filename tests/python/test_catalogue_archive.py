"""tools/catalogue_archive.py: the archive catalogues of tools/gen_translations.py.

A .deb and a source tarball are built here the way Debian's are (an ar archive
with data.tar.xz; a tarball with po/*.po), with a .mo compiled by GNU msgfmt,
so the reader is checked against gettext's own format, not against itself.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import catalogue_archive as ca  # noqa: E402

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=ISO-8859-1\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Summary:"
msgstr "R\xe9sum\xe9 :"

msgid "%lu package was automatically installed and is no longer required.\\n"
msgid_plural "%lu packages were automatically installed and are no longer required.\\n"
msgstr[0] "%lu paquet a \xe9t\xe9 install\xe9 automatiquement.\\n"
msgstr[1] "%lu paquets ont \xe9t\xe9 install\xe9s automatiquement.\\n"

msgctxt "ctx"
msgid "Installing:"
msgstr "Contexte :"

msgid "Not upgrading:"
msgstr ""
"""


def tar_bytes(members: dict[str, bytes], mode: str) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def ar_bytes(members: dict[str, bytes]) -> bytes:
    out = b"!<arch>\n"
    for name, data in members.items():
        out += f"{name + '/':<16}{0:<12}{0:<6}{0:<6}{'100644':<8}{len(data):<10}`\n".encode()
        out += data + (b"\n" if len(data) % 2 else b"")
    return out


@pytest.fixture(scope="module")
def mo(tmp_path_factory) -> bytes:
    if not shutil.which("msgfmt"):
        pytest.skip("GNU msgfmt (package gettext) is not installed")
    d = tmp_path_factory.mktemp("mo")
    (d / "fr.po").write_bytes(PO.encode("iso-8859-1"))
    subprocess.run(["msgfmt", "-o", str(d / "fr.mo"), str(d / "fr.po")], check=True)
    return (d / "fr.mo").read_bytes()


def test_parse_mo_decodes_by_charset_keeps_plurals_drops_context(mo):
    entries = ca.parse_mo(mo)
    assert entries["Summary:"] == ["Résumé :"]
    assert entries["%lu package was automatically installed and is no longer required.\n"] == [
        "%lu paquet a été installé automatiquement.\n",
        "%lu paquets ont été installés automatiquement.\n"]
    assert "Installing:" not in entries  # only with a context
    assert "Not upgrading:" not in entries  # untranslated: msgfmt leaves it out


def source(tmp_path: Path, kind: str, name: str, data: bytes, tool: str = "apt") -> ca.Source:
    (tmp_path / name).write_bytes(data)
    return ca.Source(tool, "9.9", kind, 0, hashlib.sha256(data).hexdigest(),
                     "http://deb.debian.org/debian/pool/main/a/apt/" + name, "")


def test_deb_gives_the_tools_domains_only(tmp_path, mo):
    data = tar_bytes({"./usr/share/locale/fr/LC_MESSAGES/apt.mo": mo,
                      "./usr/share/locale/de/LC_MESSAGES/libapt-pkg7.0.mo": mo,
                      "./usr/share/locale/fr/LC_MESSAGES/other.mo": mo,
                      "./usr/share/doc/apt/changelog.gz": b"x"}, "w:xz")
    deb = ar_bytes({"debian-binary": b"2.0\n", "control.tar.xz": tar_bytes({}, "w:xz"),
                    "data.tar.xz": data})
    s = source(tmp_path, "binary", "apt_9.9_amd64.deb", deb)
    got = ca.catalogues(s, ca.fetch(s, tmp_path))
    assert [lang for lang, _ in got] == ["de", "fr"]
    assert all(blob == mo for _, blob in got)


def test_source_tarball_gives_po_dir_only(tmp_path):
    tarball = tar_bytes({"apt-9.9/po/de.po": b"de", "apt-9.9/po/apt-all.pot": b"pot",
                         "apt-9.9/doc/po/fr.po": b"doc"}, "w:xz")
    s = source(tmp_path, "source", "apt_9.9.tar.xz", tarball)
    assert ca.catalogues(s, ca.fetch(s, tmp_path)) == [("de", b"de")]


def test_fetch_refuses_a_file_whose_sha256_differs(tmp_path):
    s = source(tmp_path, "source", "apt_9.9.tar.xz", b"the listed bytes")
    (tmp_path / "apt_9.9.tar.xz").write_bytes(b"other bytes")
    with pytest.raises(SystemExit, match="sha256"):
        ca.fetch(s, tmp_path)


def test_source_list_is_complete_and_well_formed():
    sources = ca.read_sources()
    assert {(s.tool, s.version) for s in sources} >= {("apt", "3.3.3"), ("apt", "3.3.5"),
                                                        ("dpkg", "1.23.11")}
    assert all(s.url.startswith("http://deb.debian.org/debian/pool/") for s in sources)
