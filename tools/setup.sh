#!/usr/bin/env bash
# Installs everything aptparse needs on Debian 12 / Ubuntu 22.04+ and builds
# it: Debian's C++ packages and PyPI's Python tooling.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

echo "== apt packages"
# A mirror in the middle of a sync makes update fail for one index; the
# install below can still work from the lists there are.
as_root apt-get update -qq || echo "warning: apt-get update failed; using the current package lists"
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
  g++ cmake ninja-build pkg-config python3 python3-pip python3-venv \
  libre2-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev \
  clang libclang-rt-14-dev >/dev/null

echo "== Python packages"
python3 -m pip install -q -r tools/requirements-dev.txt

echo "== build"
cmake --preset default >/dev/null
cmake --build --preset default
