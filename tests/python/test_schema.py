"""The JSON Schema of the --json records, docs/aptparse.schema.json, against
what the C++ writer prints for every real log of corpus/logs."""

from __future__ import annotations

import copy
import json
import re
import subprocess
from pathlib import Path
from typing import Any, Callable

import jsonschema
import pytest

import aptparse
from conftest import LOG_IDS, LOGS, ROOT

SCHEMA_PATH = ROOT / "docs" / "aptparse.schema.json"
SCHEMA: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def errors(record: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in VALIDATOR.iter_errors(record)
    ]


def json_lines(data: bytes, source: str) -> list[Any]:
    parser = aptparse.Parser()
    out = parser.feed_json(data, source) + parser.finish_json(source)
    return [json.loads(line) for line in out.decode("utf-8").splitlines()]


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_schema_id_carries_the_version_of_version_h() -> None:
    header = (ROOT / "include" / "aptparse" / "version.h").read_text()
    found = re.search(r"#define APTPARSE_JSON_SCHEMA_VERSION (\d+)", header)
    assert found, "version.h defines no APTPARSE_JSON_SCHEMA_VERSION"
    assert SCHEMA["$id"] == f"urn:aptparse:json-schema:{found.group(1)}"


def test_schema_lists_the_library_sets_in_order() -> None:
    sets = [
        key
        for key, value in SCHEMA["properties"].items()
        if value == {"$ref": "#/$defs/package_list"}
    ]
    assert tuple(sets) == aptparse.SET_NAMES
    assert SCHEMA["required"] == list(SCHEMA["properties"])


@pytest.mark.parametrize("log", LOGS, ids=LOG_IDS)
def test_every_record_of_the_corpus_is_valid(log: Path) -> None:
    data = log.read_bytes()
    records = json_lines(data, str(log))
    assert len(records) == len(aptparse.parse(data).transactions)
    for record in records:
        assert errors(record) == [], (log.name, record["first_line"])


def test_cli_json_of_the_corpus_is_valid(cli: Path) -> None:
    out = subprocess.run(
        [str(cli), "--json", *map(str, LOGS)], capture_output=True, check=False
    )
    assert out.returncode in (0, 1), out.stderr
    records = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert records
    for record in records:
        assert errors(record) == [], (record["source"], record["first_line"])


def test_cli_json_of_the_wild_logs_is_valid(cli: Path) -> None:
    """corpus/wild: logs as people pasted them, indented and quoted too."""
    logs = sorted((ROOT / "corpus" / "wild").glob("*.log"))
    out = subprocess.run(
        [str(cli), "--json", *map(str, logs)], capture_output=True, check=False
    )
    assert out.returncode in (0, 1), out.stderr
    records = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert len(records) > len(logs) // 2
    for record in records:
        assert errors(record) == [], (record["source"], record["first_line"])


LOG = (
    b"The following packages will be upgraded:\n  libc6\n"
    b"1 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n"
)


def prefixed(prefix: bytes) -> bytes:
    return b"".join(prefix + line + b"\n" for line in LOG.splitlines())


# LOG as each prefix the parser strips presents it.
PREFIXES = {
    "buildkit": prefixed(b"#7 12.34 "),
    "github_actions": prefixed(b"2024-05-01T10:00:00.1234567Z "),
    "indent": prefixed(b"    "),
    "quote": prefixed(b"> "),
    "syslog": prefixed(b"Jan  4 20:56:33 host apt-get[42]: "),
    "json_string": b'changed: [web1] => {"stdout": "'
    + LOG.replace(b"\n", b"\\n")
    + b'"}\n',
}


def test_there_is_an_example_of_every_prefix_the_library_names() -> None:
    assert set(PREFIXES) == set(aptparse._core.ENUM_NAMES["line_prefix"][1:])


@pytest.mark.parametrize("name", PREFIXES)
def test_every_line_prefix_is_in_the_schema(name: str) -> None:
    [record] = json_lines(PREFIXES[name], "-")
    assert record["line_prefix"] == name
    assert errors(record) == []


# A record that uses most of the schema: lists, counts, a message, sizes.
SAMPLE = (
    b"The following packages have been kept back:\n  tzdata\n"
    b"The following packages will be upgraded:\n  libc6\n"
    b"1 upgraded, 0 newly installed, 0 to remove and 1 not upgraded.\n"
    b"Need to get 2,755 kB of archives.\n"
    b"W: Some index files failed to download.\n"
)


def sample() -> dict[str, Any]:
    [record] = json_lines(SAMPLE, "-")
    assert errors(record) == []
    return dict(record)


def _parent(record: dict[str, Any], path: list[Any]) -> Any:
    target: Any = record
    for step in path[:-1]:
        target = target[step]
    return target


def _set(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(record: dict[str, Any]) -> None:
        _parent(record, path)[path[-1]] = value

    return edit


def _drop(path: list[Any]) -> Callable[[dict[str, Any]], None]:
    def edit(record: dict[str, Any]) -> None:
        del _parent(record, path)[path[-1]]

    return edit


BROKEN = {
    "line number as a string": _set(["first_line"], "1"),
    "negative offset": _set(["first_offset"], -1),
    "unknown key": _set(["colour"], "red"),
    "missing set": _drop(["esm"]),
    "unknown verdict": _set(["consistency", "verdict"], "fine"),
    "package name null": _set(["upgraded", 0, "name"], None),
    "empty arch instead of null": _set(["upgraded", 0, "arch"], ""),
    "unknown package key": _set(["upgraded", 0, "epoch"], 1),
    "purge false": _set(["upgraded", 0, "purge"], False),
    "unknown reason": _set(["not_upgraded", 0, "reason"], "pinned"),
    "count as a float": _set(["counts", "upgraded"], 1.5),
    "size missing": _drop(["sizes", "download"]),
    "message level": _set(["messages", 0, "level"], "fatal"),
}


@pytest.mark.parametrize("edit", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_record_fails(edit: Callable[[dict[str, Any]], None]) -> None:
    record = copy.deepcopy(sample())
    edit(record)
    assert errors(record) != []
