"""Every list of names typed by hand outside the C++ library -- the enums of
the JSON schemas and the Literal types of the Python model -- against the
names the library prints (aptparse._core.ENUM_NAMES, ERROR_CODES,
COUNT_NAMES): a value added to a C++ enum fails here until each is updated."""

from __future__ import annotations

import json
import typing
from collections.abc import Iterator
from typing import Any

import pytest

from aptparse import _core, _model, _package
from conftest import ROOT

SCHEMAS = {
    name: json.loads((ROOT / "docs" / name).read_text(encoding="utf-8"))
    for name in ("aptparse.schema.json", "compare.schema.json")
}

# Error codes that never appear in a record's "diagnostics": `ok`; the API's
# errors (a call after finish(), options::strict's stop); and
# too_many_transactions, which is a report's, not a transaction's.
NOT_RECORD_DIAGNOSTICS = {
    "ok",
    "used_after_finish",
    "strict_violation",
    "too_many_transactions",
}


def library_names(key: str) -> list[Any]:
    """The names a schema's enum named `key` must hold, in order; JSON's null
    for the empty name."""
    if key == "code":
        return [c for c in _core.ERROR_CODES if c not in NOT_RECORD_DIAGNOSTICS]
    if key == "count_names":
        # not_fully_installed has no set to check its count against.
        return [c for c in _core.COUNT_NAMES if c != "not_fully_installed"]
    enum = {
        "kind": "record_kind",
        "line_prefix": "line_prefix",
        "verdict": "consistency_verdict",
        "level": "message_level",
        "reason": "hold_reason",
        "status": "change_status",
        "action": "change_action",
    }[key]
    names = [n or None for n in _core.ENUM_NAMES[enum]]
    # A package outside not_upgraded prints no "reason" at all.
    return [n for n in names if n is not None] if key == "reason" else names


def schema_enums(node: Any, key: str = "") -> Iterator[tuple[str, list[Any]]]:
    """(the property or $defs name that holds it, the enum) for every enum."""
    if isinstance(node, dict):
        if "enum" in node:
            yield key, node["enum"]
        for k, v in node.items():
            if k == "items":
                yield from schema_enums(v, key)
            elif k not in ("properties", "$defs", "enum"):
                yield from schema_enums(v, k)
            else:
                yield from schema_enums(v, key)
    elif isinstance(node, list):
        for v in node:
            yield from schema_enums(v, key)


ENUMS = [
    (schema, key, enum)
    for schema, tree in SCHEMAS.items()
    for key, enum in schema_enums(tree)
]


def test_the_schemas_have_the_enums_this_test_knows() -> None:
    found = {key for _, key, _ in ENUMS}
    assert found == {
        "kind", "line_prefix", "verdict", "level", "code", "count_names",
        "reason", "status", "action",
    }


@pytest.mark.parametrize(
    "schema,key,enum", ENUMS, ids=[f"{s}:{k}" for s, k, _ in ENUMS]
)
def test_schema_enum_lists_the_library_names_in_order(
    schema: str, key: str, enum: list[Any]
) -> None:
    assert enum == library_names(key)


@pytest.mark.parametrize(
    "literal,enum",
    [
        (_model.Verdict, "consistency_verdict"),
        (_model.Level, "message_level"),
        (_package.Reason, "hold_reason"),
    ],
)
def test_python_literal_type_lists_the_library_names(literal: Any, enum: str) -> None:
    assert typing.get_args(literal) == _core.ENUM_NAMES[enum]


def test_enum_names_are_distinct_and_only_none_values_are_empty() -> None:
    for enum, names in _core.ENUM_NAMES.items():
        assert len(set(names)) == len(names), enum
        assert all(names[1:]), enum
