#!/usr/bin/env bash
# Installs everything aptparse needs on Debian 12, Debian 13 or Ubuntu 24.04
# and builds it: the C++ toolchain and libraries from the distribution, and
# the Python tooling from PyPI into the project's virtual environment .venv/
# (the distribution's python3 is "externally managed", PEP 668: nothing is
# installed into it). PYTHON=/path/to/python3 picks the venv's interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
# Without recommends, so everything needed is named: make, for instance,
# comes only as cmake's recommendation otherwise.
apt_install() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends "$@" >/dev/null
}

echo "== apt packages"
# A mirror in the middle of a sync makes update fail for one index; the
# install below can still work from the lists there are.
as_root apt-get update -qq || echo "warning: apt-get update failed; using the current package lists"
apt_install g++ make cmake ninja-build pkg-config git \
  python3 python3-dev python3-venv \
  libre2-dev libfmt-dev zlib1g-dev libgtest-dev libgmock-dev libbenchmark-dev \
  clang groff-base man-db
# (groff and man check that the man page renders: tests/cli_docs_test.py.)
# Chromium opens the fleet report's HTML in a real browser
# (tests/python/test_fleet_browser.py): on Debian 12 a 113 MB download,
# 415 MB installed. Ubuntu ships it only as a snap, which is not used here:
# the browser test skips there, saying so.
if apt-cache show chromium 2>/dev/null | grep -q '^Filename:.*/chromium_'; then
  apt_install chromium
fi
# libFuzzer's runtime is packaged per clang version (14 in Debian 12, 18 in
# Ubuntu 24.04, 19 in Debian 13).
clang_major=$(clang -dumpversion | cut -d. -f1)
apt_install "libclang-rt-${clang_major}-dev"

echo "== Python packages into .venv/"
python=${PYTHON:-python3}
if ! .venv/bin/python -c '' 2>/dev/null; then
  "$python" -m venv --clear .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -r tools/requirements-dev.txt

echo "== build"
cmake --preset default >/dev/null
cmake --build --preset default
