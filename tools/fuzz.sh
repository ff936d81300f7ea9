#!/usr/bin/env bash
# Builds the libFuzzer targets (preset "fuzz", clang) and runs each for
# SECONDS seconds (default 60), one after the other, seeded with the corpus
# logs. Findings (crash-*, leak-*, timeout-*) land in build-fuzz/findings/.
# Usage: tools/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_parser fuzz_chunking fuzz_json)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
mkdir -p build-fuzz/findings
for t in "${targets[@]}"; do
  work=build-fuzz/corpus/$t
  mkdir -p "$work"
  cp -n corpus/logs/*.log fuzz/seeds/* "$work/" 2>/dev/null || true
  echo "== $t: ${seconds}s"
  build-fuzz/fuzz/"$t" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix=build-fuzz/findings/"$t"- "$work" 2>&1 |
    grep -E '^(#[0-9]+[[:space:]]+(INITED|DONE)|stat::|Done|==[0-9]+==ERROR|SUMMARY)' || true
  if ls build-fuzz/findings/"$t"-* >/dev/null 2>&1; then
    echo "FINDING in $t: $(ls build-fuzz/findings/"$t"-*)"
    exit 1
  fi
done
