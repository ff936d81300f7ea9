"""A parsed Transaction's package sets: _core.Packages, immutable sequences
that make each Package when read and behave as the tuple of their
packages."""

from __future__ import annotations

import collections.abc
import copy
import dataclasses
import gc
import json
import pickle
from typing import Any

import pytest

import aptparse
from aptparse import _core
from conftest import corpus_logs


@pytest.fixture(scope="module")
def report() -> aptparse.Report:
    """Every corpus log with transactions, in one parse."""
    logs = [p.read_bytes() for p in corpus_logs()]
    data = b"".join(d if d.endswith(b"\n") else d + b"\n" for d in logs)
    return aptparse.parse(data)


def _sets(report: aptparse.Report) -> list[collections.abc.Sequence[aptparse.Package]]:
    out = [getattr(t, s) for t in report.transactions for s in aptparse.SET_NAMES]
    return [s for s in out if s]


def _by_hand(t: aptparse.Transaction) -> aptparse.Transaction:
    """`t` with every package set a tuple of Packages made by hand."""
    sets: dict[str, Any] = {
        s: tuple(dataclasses.replace(p) for p in getattr(t, s)) for s in aptparse.SET_NAMES
    }
    return dataclasses.replace(t, **sets)


def test_parsed_sets_are_packages_and_empty_sets_tuples(report: aptparse.Report) -> None:
    kinds = {type(getattr(t, s)) for t in report.transactions for s in aptparse.SET_NAMES}
    assert kinds == {tuple, _core.Packages}
    for t in report.transactions:
        for s in aptparse.SET_NAMES:
            v = getattr(t, s)
            assert isinstance(v, _core.Packages) == (len(v) > 0)
            assert isinstance(v, collections.abc.Sequence)


def test_a_set_behaves_as_its_tuple(report: aptparse.Report) -> None:
    sets = _sets(report)
    assert sum(len(s) for s in sets) > 1000
    for s in sets:
        t = tuple(s)
        assert len(t) == len(s)
        assert s == t and t == s and not (s != t) and s == s
        assert hash(s) == hash(t)
        assert repr(s) == repr(t)
        assert s[0] == t[0] and s[-1] == t[-1] and s[len(s) // 2] == t[len(t) // 2]
        assert s[1:] == t[1:] and s[::-2] == t[::-2] and s[5:2] == ()
        assert type(s[1:]) is tuple
        assert list(reversed(s)) == list(reversed(t))
        assert s[-1] in s and s.index(s[-1]) == t.index(t[-1]) and s.count(s[0]) == 1
        assert s + t == t + s == t + t and type(s + s) is tuple
        assert (s < t + t) and not (s < t)
        with pytest.raises(IndexError):
            s[len(s)]
        with pytest.raises(IndexError):
            s[-len(s) - 1]
    with pytest.raises(TypeError):
        sets[0]["a"]  # type: ignore[call-overload]
    assert sets[0] != sets[0][1:] and sets[0] != [*sets[0]]  # a list is no tuple


def test_transactions_equal_hash_and_pickle_as_made_by_hand(report: aptparse.Report) -> None:
    for t in report.transactions:
        by_hand = _by_hand(t)
        assert t == by_hand and by_hand == t and hash(t) == hash(by_hand)
        assert copy.copy(t) == t
        for again in (pickle.loads(pickle.dumps(t)), copy.deepcopy(t)):
            assert again == t
            assert all(type(getattr(again, s)) is tuple for s in aptparse.SET_NAMES)
        assert t.to_dict() == by_hand.to_dict()
        assert t.to_json("x") == by_hand.to_json("x")
        assert json.loads(t.to_json()) == t.to_dict()


def test_packages_are_made_when_read_and_not_kept(report: aptparse.Report) -> None:
    s = _sets(report)[0]
    first = s[0]
    assert s[0] == first and s[0] is not first  # a new object each time
    assert gc.get_referents(s) == [] and not gc.is_tracked(s)


def test_a_set_outlives_its_report() -> None:
    data = next(p for p in corpus_logs() if "dense-install-gnome" in p.name).read_bytes()
    r = aptparse.parse(data)
    s = r.transactions[0].newly_installed
    names = [p.name for p in s]
    del r
    gc.collect()
    assert [p.name for p in s] == names and len(names) > 1000


def test_feed_and_records_see_the_same_packages(report: aptparse.Report) -> None:
    data = b"".join(
        d if d.endswith(b"\n") else d + b"\n" for d in (p.read_bytes() for p in corpus_logs())
    )
    p = aptparse.Parser()
    fed = p.feed(data) + p.finish()
    assert tuple(fed) == tuple(report.transactions)
    assert any(isinstance(t.upgraded, _core.Packages) for t in fed)
    rows = aptparse.records(report).to_pydict()
    assert len(next(iter(rows.values()))) == sum(len(s) for s in _sets(report))


def test_packages_cannot_be_made_by_hand() -> None:
    with pytest.raises(TypeError):
        _core.Packages()
