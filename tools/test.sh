#!/usr/bin/env bash
# Runs the whole test suite: the C++ tests (unit, chunking, corpus golden
# and truth, property, CLI, packaging, fuzz-target replay) in a Release
# build, the Python package's tests, stubs and typing (in .venv/, against
# the repaired wheel that tools/build_wheel.sh makes), the C++ tests again
# under ASan + UBSan, and a one-minute libFuzzer run of each fuzz target.
# Usage: tools/test.sh [--quick]   (--quick skips sanitizers and fuzzing)
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
[ "${1:-}" = "--quick" ] && quick=1

step() { printf '\n== %s\n' "$*"; }

step "C++: build and ctest (preset default)"
cmake --workflow --preset default

step "Python: the self-contained wheel (tools/build_wheel.sh) into .venv/; pytest, stubtest, mypy --strict"
py=$PWD/.venv/bin/python
[ -x "$py" ] || { echo "no .venv/: run tools/setup.sh first" >&2; exit 1; }
rm -rf build-wheel/wheelhouse
bash tools/build_wheel.sh build-wheel/wheelhouse
APTPARSE_WHEEL=$(echo build-wheel/wheelhouse/aptparse-*.whl)
"$py" -m pip install -q --no-deps --force-reinstall "$APTPARSE_WHEEL"
export APTPARSE_WHEEL APTPARSE_CLI="$PWD/build/src/aptparse"
(cd /tmp && "$py" -m mypy.stubtest aptparse._core)
"$py" -m mypy --strict tests/python/typing_sample.py
"$py" -m pytest tests/python -q

if [ "$quick" -eq 0 ]; then
  step "C++ under AddressSanitizer + UBSan (preset asan)"
  cmake --workflow --preset asan
  step "libFuzzer: one minute per target (tools/fuzz.sh)"
  bash tools/fuzz.sh 60
fi
