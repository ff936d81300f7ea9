#!/usr/bin/env bash
# Wall-clock MB/s of two builds on the same inputs, interleaved, under
# `chrt -f 10` (real-time priority, ahead of the machine's other load):
# each round runs every family and mode through BASE_BUILD then BUILD, and
# the table gives the medians over the rounds (stream_rss's `seconds`, the
# streaming alone, 1 MiB chunks). bench/instructions.sh is the stable figure;
# this is the time that goes with it.
# Usage: bench/timings.sh BUILD BASE_BUILD [MB] [ROUNDS]   (default 20, 5)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$1
base=$2
mb=${3:-20}
rounds=${4:-5}
families=${FAMILIES:-classic sqq apt3 history mixed dense}
data=$(mktemp -d /var/tmp/aptparse-timings.XXXXXX)
trap 'rm -rf "$data"' EXIT
for family in $families; do
  "$build"/bench/make_inputs "$data" --family="$family" --family-mb="$mb" \
    >/dev/null 2>&1
done
runs="$data/runs.tsv"
for round in $(seq "$rounds"); do
  for family in $families; do
    for mode in event report json; do
      for which in base new; do
        dir=$build
        [ "$which" = base ] && dir=$base
        secs=$(chrt -f 10 "$dir"/bench/stream_rss "$mode" \
          "$data/$family-${mb}MB.log" | sed 's/.*"seconds":\([0-9.]*\).*/\1/')
        printf '%s\t%s\t%s\t%s\n' "$family" "$mode" "$which" "$secs" >>"$runs"
      done
    done
  done
done
echo "| family | mode | input MB | before MB/s | after MB/s | speed-up |"
echo "|---|---|---:|---:|---:|---:|"
for family in $families; do
  bytes=$(stat -c %s "$data/$family-${mb}MB.log")
  for mode in event report json; do
    med() {
      awk -F'\t' -v f="$family" -v m="$mode" -v w="$1" \
        '$1 == f && $2 == m && $3 == w { print $4 }' "$runs" |
        sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
    }
    awk -v f="$family" -v m="$mode" -v b="$bytes" -v t0="$(med base)" \
      -v t1="$(med new)" 'BEGIN {
        printf "| %s | %s | %.1f | %.0f | %.0f | %.2fx |\n",
               f, m, b / 1e6, b / 1e6 / t0, b / 1e6 / t1, t0 / t1 }'
  done
done
