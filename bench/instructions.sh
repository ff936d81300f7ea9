#!/usr/bin/env bash
# Instructions per input byte for each family and mode, counted by callgrind
# (stable on noisy machines, unlike timings). The one-time format table
# build is left out (--toggle-collect on the feeding call).
# Usage: bench/instructions.sh [BUILD_DIR] [MB]   (default build-bench, 5)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-bench}
mb=${2:-5}
data=$(mktemp -d /var/tmp/aptparse-instr.XXXXXX)
trap 'rm -rf "$data"' EXIT
echo "| family | mode | input MB | instructions | per byte |"
echo "|---|---|---:|---:|---:|"
for family in classic sqq apt3 history mixed; do
  "$build"/bench/make_inputs "$data" --family="$family" --family-mb="$mb" \
    >/dev/null 2>&1
  input="$data/$family-${mb}MB.log"
  bytes=$(stat -c %s "$input")
  for mode in event report json; do
    out="$data/callgrind.out"
    valgrind --tool=callgrind --callgrind-out-file="$out" \
      --toggle-collect='aptparse::parser::feed*' \
      --toggle-collect='aptparse::parser::finish*' \
      --toggle-collect='aptparse::report_builder::take_report*' \
      "$build"/bench/stream_rss "$mode" "$input" >/dev/null 2>"$data/err" ||
      { cat "$data/err" >&2; exit 1; }
    ir=$(grep -m1 '^summary:' "$out" | awk '{print $2}')
    awk -v f="$family" -v m="$mode" -v b="$bytes" -v ir="$ir" 'BEGIN {
      printf "| %s | %s | %.1f | %.0f | %.1f |\n", f, m, b / 1e6, ir, ir / b }'
    rm -f "$out"
  done
done
