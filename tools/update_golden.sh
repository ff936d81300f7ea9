#!/usr/bin/env bash
# Regenerates corpus/logs/<name>.expected.jsonl, the golden output of the
# parser on each corpus log. Review every change against the truth before
# committing it: `python3 tests/corpus_truth_test.py corpus` compares the
# golden files with the truth derived from apt itself. (The CLI exits 1 for
# a log without an apt transaction; that is not a failure here.)
# Usage: tools/update_golden.sh [path/to/aptparse]
set -euo pipefail
cli=$(realpath "${1:-build/src/aptparse}")
cd "$(dirname "$0")/../corpus/logs"
for log in *.log; do
  name=${log%.log}
  "$cli" --json -j 1 "$log" > "$name.expected.jsonl" || [ $? -eq 1 ]
done
echo "updated $(ls *.expected.jsonl | wc -l) golden files"
