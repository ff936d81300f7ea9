"""A user script of aptparse, checked with ``mypy --strict`` (see
test_typing.py). It also runs: python tests/python/typing_sample.py LOG."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import aptparse
from aptparse import Package, Report, Transaction


def upgrades(t: Transaction) -> list[tuple[str, str, str]]:
    return [(p.name, p.old, p.new) for p in t.upgraded]


def summarize(report: Report) -> Counter[str]:
    c: Counter[str] = Counter()
    for t in report.transactions:
        for name, _pkg in t.packages():
            c[name] += 1
        if t.counts is not None and t.counts.upgraded != len(t.upgraded):
            c["mismatch"] += 1
    return c


def stream(path: Path) -> int:
    parser = aptparse.Parser(max_line_bytes=1 << 16)
    n = 0
    with path.open("rb") as f:
        while chunk := f.read(4096):
            n += len(parser.feed(chunk))
    n += len(parser.finish())
    stats: aptparse.Stats = parser.stats
    return n + 0 * stats.lines


def held(path: Path) -> set[Package]:
    return {p for t in aptparse.parse_file(path) for p in t.not_upgraded
            if p.reason == "kept_back"}


def from_apt() -> list[str]:
    with subprocess.Popen(["apt-get", "-s", "upgrade"],
                          stdout=subprocess.PIPE) as proc:
        return [t.to_json("apt-get") for t in aptparse.iter_transactions(proc)]


def tables(paths: list[Path]) -> int:
    rec: aptparse.Records = aptparse.records(
        aptparse.parse_files(paths), host=lambda source: Path(source).parent.name)
    rows: list[dict[str, object]] = rec.to_pylist()
    per_transaction = aptparse.transaction_records(aptparse.parse_file(paths[0]))
    columns: tuple[str, ...] = per_transaction.columns
    return len(rows) + len(columns) + len(rec.to_pydict()["name"])


def main(argv: list[str]) -> int:
    if argv:
        print(tables([Path(a) for a in argv]))
    for arg in argv:
        report = aptparse.parse(Path(arg).read_bytes())
        print(summarize(report), stream(Path(arg)), len(held(Path(arg))))
        for t in report.transactions:
            print(upgrades(t), t.to_dict()["consistency"], t.sizes.download)
            if t.errors:
                print([m.text for m in t.errors])
        if report.error is not None:
            print(report.error.code, report.error.message)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
