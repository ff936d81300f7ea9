#!/usr/bin/env bash
# Runs the CLI on every kind of bad input and prints a markdown table of what
# each gave (exit status, standard error, the JSON's key facts). The table in
# docs/bad-inputs.md is this script's output.
# Usage: tools/bad_inputs.sh [path/to/aptparse]
set -uo pipefail
cli=$(realpath "${1:-build/src/aptparse}")
dir=$(mktemp -d)
chmod 755 "$dir"  # so that the permission case below is about the file alone
trap 'rm -rf "$dir"' EXIT
upgrade=$'Reading package lists...\nThe following packages will be upgraded:\n  libc6 tzdata\n2 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n'
printf '%s' "$upgrade" > "$dir/good.log"
mkdir "$dir/a-directory"
: > "$dir/empty.log"
head -c 100000 /dev/urandom > "$dir/binary.bin"
printf '%s' "$upgrade" | gzip > "$dir/ok.log.gz"
{ for i in $(seq 200); do printf '%s' "$upgrade"; done; } | gzip > "$dir/full.gz"
head -c $(( $(stat -c %s "$dir/full.gz") / 2 )) "$dir/full.gz" > "$dir/truncated.log.gz"
printf '%s' "$upgrade" > "$dir/unreadable.log"; chmod 000 "$dir/unreadable.log"
printf 'Reading package lists...\nThe following packages will be upgraded:\n  lib\0c6 tz\0data\n2 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n' > "$dir/nul.log"
{ head -c 100000000 /dev/zero | tr '\0' x; printf '\n%s' "$upgrade"; } > "$dir/100MB-line.log"
printf '%s' "$upgrade" | sed 's/$/\r/' > "$dir/crlf.log"
printf '%s' "$upgrade" | tr '\n' '\r' > "$dir/cr-only.log"
printf '%s' "$upgrade" | sed 's/tzdata/tz\xe9data\xff/' > "$dir/invalid-utf8.log"
printf 'Reading package lists...\nThe following packages will be upgraded:\n  libc6 tzd' > "$dir/cut-off.log"
record=$'Start-Date: 2026-11-27  05:56:57\nCommandline: apt-get install git\nInstall: git:amd64 (1:2.39.5-0+deb12u3), git-man:amd64 (1:2.39.5-0+deb12u3, automatic)\n'
printf '%s' "$record" | head -c 120 > "$dir/history-cut.log"
printf '%s\n%sEnd-Date: 2026-11-27  05:57:14\n' "$record" "$record" > "$dir/history-killed.log"
printf '%sEnd-Date: 2026-11-27  05:57:14\n' "${record/2026-11-27/2026-13-27}" > "$dir/history-bad-date.log"
# A real history.log (corpus/), gzipped and cut inside its 8th record.
gzip -9 -n -c "$(dirname "$0")/../corpus/logs/debian12-apt2.6.1-history-log.log" | head -c 800 > "$dir/history.log.1.gz"

run() {  # name, then the command's arguments
  local name=$1; shift
  local out err rc facts
  out=$("$@" 2>"$dir/err"); rc=$?
  err=$(head -c 160 "$dir/err" | tr '\n' ' ' | sed 's/|/\\|/g')
  facts=$(printf '%s\n' "$out" | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin if l.strip()]
def record(r):  # a log record: its times and how many it installed
    if r["start"] is None and r["end"] is None:
        return ""
    return " start={} end={} installed={}".format(
        r["start"], r["end"], len(r["newly_installed"]))
rows = rows if len(rows) < 4 else rows[:2] + rows[-1:]  # long logs: the ends
print("; ".join(
    "{} tx: upgraded={} complete={} unrecognized={} diagnostics={}{}".format(
        i + 1, [p["name"] for p in r["upgraded"]], r["complete"],
        r["unrecognized_count"], [d["code"] for d in r["diagnostics"]],
        record(r))
    for i, r in enumerate(rows)) or "no transaction")' 2>&1 | sed 's/|/\\|/g')
  printf '| %s | %s | %s | %s |\n' "$name" "$rc" "${err:-}" "$facts"
}

echo '| input | exit | standard error | JSON |'
echo '|---|---|---|---|'
run "a directory" "$cli" --json "$dir/a-directory"
run "a missing file (then a good one)" "$cli" --json "$dir/missing.log" "$dir/good.log"
if id nobody >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  run "a file without read permission" runuser -u nobody -- "$cli" --json "$dir/unreadable.log"
else
  run "a file without read permission" "$cli" --json "$dir/unreadable.log"
fi
run "an empty file" "$cli" --json "$dir/empty.log"
run "100 kB of random bytes" "$cli" --json "$dir/binary.bin"
run "a gzip file" "$cli" --json "$dir/ok.log.gz"
run "a truncated .gz" "$cli" --json "$dir/truncated.log.gz"
run "NUL bytes inside names" "$cli" --json "$dir/nul.log"
run "a 100 MB line before the log" "$cli" --json "$dir/100MB-line.log"
run "CRLF line ends" "$cli" --json "$dir/crlf.log"
run "CR-only line ends" "$cli" --json "$dir/cr-only.log"
run "invalid UTF-8 in a name" "$cli" --json "$dir/invalid-utf8.log"
run "a log cut off inside a list" "$cli" --json "$dir/cut-off.log"
run "a log cut off, --strict" "$cli" --json --strict "$dir/cut-off.log"
run "history.log cut inside an Install: line" "$cli" --json "$dir/history-cut.log"
run "history.log: a record without End-Date (apt killed), then the next" "$cli" --json "$dir/history-killed.log"
run "history.log: a date that does not parse" "$cli" --json "$dir/history-bad-date.log"
run "a truncated history.log.1.gz (its first two and last records)" "$cli" --json "$dir/history.log.1.gz"
run "an unknown --timezone" "$cli" --json --timezone Mars/Olympus "$dir/good.log"
run "an unknown option" "$cli" --frobnicate
chmod 644 "$dir/unreadable.log"
