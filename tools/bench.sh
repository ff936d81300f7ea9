#!/usr/bin/env bash
# Builds the bench preset, runs every benchmark and writes the generated
# parts of bench/RESULTS.md.
#
#   bash tools/bench.sh            # full run (~15-25 min on 2 cores today)
#   bash tools/bench.sh --quick    # small inputs, 2 repetitions (~2 min)
#   bash tools/bench.sh --no-build # reuse build-bench/
#
# Steps (all output also kept in build-bench/bench-out/):
#   1. cmake --preset bench && cmake --build --preset bench
#   2. build-bench/bench/make_inputs: the on-disk inputs (1 GB mixed log,
#      mixed-{1,10,100}MB, 8 x 100 MB CLI files) in build-bench/bench-data
#      (APTPARSE_BENCH_DATA overrides); built from corpus/logs, never committed
#   3. bench_parser with --benchmark_repetitions=5 (medians): families x
#      modes, limits, naive baseline, scaling (1 MB .. 1 GB file)
#   4. stream_rss under /usr/bin/time -v: peak RSS against input size
#   5. the CLI over many files, -j 1 against -j 2 (hyperfine if installed)
#   6. bench/gzip_bench.py: .gz logs against plain ones and against zcat
#   7. bench/render_results.py -> build-bench/bench-out/RESULTS.md, whose
#      blocks (<!-- bench.sh: begin NAME --> ... end NAME) replace those of
#      bench/RESULTS.md (bench/result_blocks.py); the text around them is
#      written by hand and kept
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

build=build-bench
data=${APTPARSE_BENCH_DATA:-$build/bench-data}
out=$build/bench-out
reps=5 family_mb=100 big_mb=1000 cli_files=8 cli_mb=100 cli_runs=7
do_build=1 mode=full
for arg in "$@"; do
  case $arg in
    --quick) reps=2 family_mb=10 big_mb=100 cli_files=4 cli_mb=20 cli_runs=2 mode=quick ;;
    --no-build) do_build=0 ;;
    *) echo "usage: tools/bench.sh [--quick] [--no-build]" >&2; exit 2 ;;
  esac
done

# Other CPU-heavy processes (the fuzzers) skew timings: say so, and run
# ahead of them if we can.
nice_cmd=()
busy=$(pgrep -f 'build-fuzz/' || true)
if [ -n "$busy" ]; then
  echo "bench.sh: fuzzers are running (pids $(echo $busy)); timing with nice -n -5" >&2
  if [ "$(id -u)" = 0 ]; then nice_cmd=(nice -n -5); fi
fi

start=$(date +%s)
if [ $do_build = 1 ]; then
  cmake --preset bench >/dev/null
  cmake --build --preset bench
fi
mkdir -p "$out" "$data"
{
  echo "mode=$mode reps=$reps family_mb=$family_mb big_mb=$big_mb cli_files=$cli_files cli_mb=$cli_mb cli_runs=$cli_runs"
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu=$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
  echo "cores=$(nproc)"
  echo "compiler=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' $build/CMakeCache.txt | head -1) ($( $(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' $build/CMakeCache.txt | head -1) --version | head -1))"
  echo "build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' $build/CMakeCache.txt)"
  echo "kernel=$(uname -r)"
  echo "git=$(git rev-parse --short HEAD 2>/dev/null || echo none)$(git diff --quiet HEAD -- src include 2>/dev/null || echo ' + uncommitted changes in src/ include/')"
  echo "busy=${busy:+fuzzers running (pids $(echo $busy)), timed with ${nice_cmd[*]:-no nice}}"
} > "$out/machine.txt"

echo "== inputs" >&2
"$build/bench/make_inputs" "$data" --cli-files=$cli_files --cli-mb=$cli_mb \
  --big-mb=$big_mb > "$out/inputs.tsv"

echo "== bench_parser" >&2
bench_cmd=("$build/bench/bench_parser" --family-mb=$family_mb --big-mb=$big_mb
  --data-dir="$data" --benchmark_repetitions=$reps
  --benchmark_report_aggregates_only=true
  --benchmark_out="$out/bench_parser.json" --benchmark_out_format=json)
echo "${nice_cmd[*]} ${bench_cmd[*]}" > "$out/bench_parser.cmd"
"${nice_cmd[@]}" "${bench_cmd[@]}" 2> "$out/bench_parser.stderr" | tee "$out/bench_parser.txt"

echo "== stream_rss" >&2
: > "$out/rss.jsonl"
for mb in $(printf "%s\n" 1 10 100 $big_mb | sort -nu); do
  f="$data/mixed-${mb}MB.log"
  for m in event json report; do
    # report keeps every transaction: the contrast, not run on the biggest
    if [ $m = report ] && [ $mb = $big_mb ]; then continue; fi
    line=$(/usr/bin/time -v -o "$out/time.txt" "$build/bench/stream_rss" $m "$f" 1048576)
    maxrss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time.txt")
    echo "${line%\}},\"maxrss_kib\":$maxrss,\"mb\":$mb}" >> "$out/rss.jsonl"
  done
done
echo "/usr/bin/time -v $build/bench/stream_rss {event,json,report} $data/mixed-{1,10,100,$big_mb}MB.log 1048576" > "$out/rss.cmd"

echo "== CLI -j" >&2
cli=$build/src/aptparse
files=$(for ((i = 0; i < cli_files; i++)); do printf '%s ' "$data/cli-$i.log"; done)
cat $files > /dev/null  # into the page cache
rm -f "$out/cli.json" "$out/cli_time.txt"
if command -v hyperfine > /dev/null; then
  cmd=(hyperfine --warmup 1 --runs $cli_runs --export-json "$out/cli.json"
       --command-name "aptparse --json -j 1" "$cli --json -j 1 $files > /dev/null"
       --command-name "aptparse --json -j 2" "$cli --json -j 2 $files > /dev/null")
  echo "${cmd[*]}" > "$out/cli.cmd"
  "${cmd[@]}" >&2
else
  echo "time $cli --json -j {1,2} $files > /dev/null" > "$out/cli.cmd"
  for j in 1 2; do
    for ((r = 0; r < cli_runs; r++)); do
      /usr/bin/time -f "$j %e" -a -o "$out/cli_time.txt" $cli --json -j $j $files > /dev/null
    done
  done
fi

echo "== gzip" >&2
rt=()  # as root, time the commands ahead of other work (SCHED_FIFO)
if [ "$(id -u)" = 0 ] && command -v chrt > /dev/null; then rt=(--realtime); fi
python3 bench/gzip_bench.py "$cli" "$data/gzip" "$cli_runs" --markdown "$out/gzip.md" "${rt[@]}" >&2

end=$(date +%s)
echo "elapsed_s=$((end - start))" >> "$out/machine.txt"
python3 bench/render_results.py "$out" > "$out/RESULTS.md"
# Only the generated blocks: the hand-written text around them stays.
python3 bench/result_blocks.py "$out/RESULTS.md" bench/RESULTS.md
echo "bench.sh: wrote bench/RESULTS.md's blocks in $((end - start)) s" >&2
