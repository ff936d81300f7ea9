#!/usr/bin/env bash
# Instructions per input byte for each family and mode, counted by callgrind
# (stable on noisy machines, unlike timings). The one-time format table
# build is left out (--toggle-collect on the feeding call).
# Usage: bench/instructions.sh [BUILD_DIR] [MB] [BASE_BUILD_DIR]
#   (default build-bench, 5). With BASE_BUILD_DIR, the same inputs (made by
#   BUILD_DIR's make_inputs) are also run through that build's stream_rss:
#   before and after in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-bench}
mb=${2:-5}
base=${3:-}
families=${FAMILIES:-classic sqq apt3 history mixed dense}
data=$(mktemp -d /var/tmp/aptparse-instr.XXXXXX)
trap 'rm -rf "$data"' EXIT

# count BUILD MODE INPUT : callgrind's instruction count for the parse
count() {
  local out="$data/callgrind.out"
  valgrind --tool=callgrind --callgrind-out-file="$out" \
    --toggle-collect='aptparse::parser::feed*' \
    --toggle-collect='aptparse::parser::finish*' \
    --toggle-collect='aptparse::report_builder::take_report*' \
    "$1"/bench/stream_rss "$2" "$3" >/dev/null 2>"$data/err" ||
    { cat "$data/err" >&2; exit 1; }
  grep -m1 '^summary:' "$out" | awk '{print $2}'
  rm -f "$out"
}

if [ -n "$base" ]; then
  echo "| family | mode | input MB | before / byte | after / byte | change |"
  echo "|---|---|---:|---:|---:|---:|"
else
  echo "| family | mode | input MB | instructions | per byte |"
  echo "|---|---|---:|---:|---:|"
fi
for family in $families; do
  "$build"/bench/make_inputs "$data" --family="$family" --family-mb="$mb" \
    >/dev/null 2>&1
  input="$data/$family-${mb}MB.log"
  bytes=$(stat -c %s "$input")
  for mode in event report json; do
    ir=$(count "$build" "$mode" "$input")
    if [ -n "$base" ]; then
      ir0=$(count "$base" "$mode" "$input")
      awk -v f="$family" -v m="$mode" -v b="$bytes" -v ir="$ir" -v ir0="$ir0" \
        'BEGIN { printf "| %s | %s | %.1f | %.2f | %.2f | %+.1f %% |\n",
                 f, m, b / 1e6, ir0 / b, ir / b, 100 * (ir - ir0) / ir0 }'
    else
      awk -v f="$family" -v m="$mode" -v b="$bytes" -v ir="$ir" 'BEGIN {
        printf "| %s | %s | %.1f | %.0f | %.1f |\n", f, m, b / 1e6, ir, ir / b }'
    fi
  done
  rm -f "$input"
done
