#!/usr/bin/env bash
# Runs the whole test suite: the C++ tests (unit, chunking, corpus golden
# and truth, property, CLI, packaging, fuzz-target replay) in a Release
# build, the Python package's tests, stubs and typing, the C++ tests again
# under ASan + UBSan, and a one-minute libFuzzer run of each fuzz target.
# Usage: tools/test.sh [--quick]   (--quick skips sanitizers and fuzzing)
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
[ "${1:-}" = "--quick" ] && quick=1

step() { printf '\n== %s\n' "$*"; }

step "C++: build and ctest (preset default)"
cmake --workflow --preset default

if [ -f pyproject.toml ]; then
  step "Python: pip install ., pytest, stubtest, mypy --strict"
  python3 -m pip install -q .
  export APTPARSE_CLI="$PWD/build/src/aptparse"
  (cd /tmp && python3 -m mypy.stubtest aptparse._core)
  python3 -m mypy --strict tests/python/typing_sample.py
  python3 -m pytest tests/python -q
fi

if [ "$quick" -eq 0 ]; then
  step "C++ under AddressSanitizer + UBSan (preset asan)"
  cmake --workflow --preset asan
  step "libFuzzer: one minute per target (tools/fuzz.sh)"
  bash tools/fuzz.sh 60
fi
