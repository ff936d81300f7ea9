"""The wheel that tools/build_wheel.sh makes is self-contained: a
manylinux/musllinux tag, and an extension module that needs only the
libraries every such system has, plus what auditwheel bundled beside it
(RE2 when it is linked as a shared library); never fmt.

tools/test.sh installs that wheel into .venv/ and names it in
$APTPARSE_WHEEL; a `pip install .` from a clone is not self-contained (it
links the system's RE2), so these tests apply only to the wheel.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

WHEEL = os.environ.get("APTPARSE_WHEEL")
if not WHEEL:
    pytest.skip("APTPARSE_WHEEL is not set (tools/test.sh sets it)",
                allow_module_level=True)

import aptparse
import aptparse._core

from conftest import LOGS

def policy_libs(wheel: str) -> set[str]:
    """The libraries that the wheel's platform tag lets it take from the
    system: auditwheel's own policy for that tag (the one auditwheel
    repair and show applied), plus the dynamic loader."""
    import auditwheel

    tag = re.search(r"-((?:many|musl)linux_\d+_\d+)_(?:x86_64|aarch64)\.whl$",
                    wheel)
    assert tag, wheel
    family = tag.group(1).split("_")[0]
    policies = json.loads((Path(auditwheel.__file__).parent / "policy" /
                           f"{family}-policy.json").read_text())
    policy = next(p for p in policies
                  if p["name"] == tag.group(1) or tag.group(1) in p["aliases"])
    return set(policy["lib_whitelist"]) | {
        "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1",
        "libc.musl-x86_64.so.1", "libc.musl-aarch64.so.1"}


SYSTEM_LIBS = policy_libs(WHEEL)


def needed(path: Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True,
                         text=True, check=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def core_path() -> Path:
    path = aptparse._core.__file__
    assert path is not None
    return Path(path)


def test_the_wheel_has_a_portable_tag() -> None:
    with zipfile.ZipFile(WHEEL) as zf:
        wheel = next(n for n in zf.namelist()
                     if n.endswith(".dist-info/WHEEL"))
        tags = re.findall(r"^Tag: (\S+)$", zf.read(wheel).decode(), re.M)
    assert tags
    for tag in tags:
        assert re.fullmatch(r"cp3\d+-cp3\d+t?-(many|musl)linux_\d+_\d+_"
                            r"(x86_64|aarch64)", tag), tag


def test_the_tests_run_against_that_wheel() -> None:
    with zipfile.ZipFile(WHEEL) as zf:
        name = next(n for n in zf.namelist() if n.startswith("aptparse/_core"))
        in_wheel = zf.read(name)
    assert core_path().read_bytes() == in_wheel
    assert "manylinux" in importlib.metadata.distribution(
        "aptparse").read_text("WHEEL") or "musllinux" in WHEEL


def test_the_module_needs_only_system_libs_and_bundled_ones() -> None:
    bundled_dir = core_path().parent.parent / "aptparse.libs"
    bundled = {p.name for p in bundled_dir.iterdir()} if bundled_dir.is_dir() else set()
    libs = needed(core_path())
    assert not [lib for lib in libs if "fmt" in lib], libs
    outside = [lib for lib in libs if lib not in SYSTEM_LIBS | bundled]
    assert not outside, f"{outside} are neither system libraries nor bundled ({bundled})"
    for lib in bundled:
        assert "fmt" not in lib
        assert set(needed(bundled_dir / lib)) <= SYSTEM_LIBS | bundled


def test_a_parse_loads_re2_from_the_wheel_only() -> None:
    report = aptparse.parse_file(str(LOGS[0]))
    assert report.transactions
    mapped = {line.split()[-1] for line in
              Path("/proc/self/maps").read_text().splitlines()
              if "/" in line}
    re2 = [m for m in mapped if "libre2" in Path(m).name]
    assert all("/aptparse.libs/" in m for m in re2), re2
    assert not [m for m in mapped if "libfmt" in Path(m).name]
