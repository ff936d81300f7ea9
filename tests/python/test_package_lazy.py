"""A parsed Package makes each field from the C++ package when it is first
read (bindings/python/src/lazy_package.h). These tests compare the lazy
fields with the C++ CLI's JSON and with Packages made by hand, in every
order of reading, after the report is gone, and through the free list of
reused objects."""

from __future__ import annotations

import copy
import dataclasses
import gc
import json
import operator
import pickle
import subprocess
import sys
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import aptparse
from aptparse import _core
from aptparse._package import Reason
from conftest import corpus_logs

FIELDS = tuple(f.name for f in dataclasses.fields(aptparse.Package))
STRINGS = ("name", "arch", "old", "new", "origins", "note", "suite")
FLAGS = ("purge", "automatic", "simulated", "upgradable", "installed", "local",
         "residual_config", "auto_removable")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every corpus log, one after the other, in one file."""
    logs = [p.read_bytes() for p in corpus_logs()]
    path = tmp_path_factory.mktemp("lazy") / "corpus.log"
    path.write_bytes(b"".join(d if d.endswith(b"\n") else d + b"\n" for d in logs))
    return path


@pytest.fixture(scope="module")
def report(corpus: Path) -> aptparse.Report:
    return aptparse.parse_file(corpus)


def _sets(report: aptparse.Report) -> list[Sequence[aptparse.Package]]:
    return [s for t in report.transactions for s in (getattr(t, n) for n in aptparse.SET_NAMES)
            if s]


def _values(p: aptparse.Package, order: Sequence[str] = FIELDS) -> tuple[Any, ...]:
    got = {f: getattr(p, f) for f in order}
    return tuple(got[f] for f in FIELDS)


def test_the_fields_are_the_cli_json_of_every_package(corpus: Path, report: aptparse.Report,
                                                      cli: Path) -> None:
    """Package.to_dict() reads every field in Python; the CLI writes the same
    packages from C++."""
    out = subprocess.run([str(cli), "--json", str(corpus)], capture_output=True, check=False)
    assert out.returncode in (0, 1), out.stderr
    lines = out.stdout.decode("utf-8", "surrogateescape").splitlines()
    assert len(lines) == len(report.transactions)
    n = 0
    for t, line in zip(report.transactions, lines):
        j = json.loads(line)
        for name in aptparse.SET_NAMES:
            assert [p.to_dict() for p in getattr(t, name)] == j[name]
            n += len(j[name])
    assert n > 10000


def test_any_order_of_reading_gives_the_values_of_a_package_made_by_hand(
        report: aptparse.Report) -> None:
    reason = set(typing.get_args(Reason))
    n = 0
    for s in _sets(report):
        for i in range(len(s)):
            forward = _values(s[i])
            assert _values(s[i], FIELDS[::-1]) == forward
            assert _values(s[i], FIELDS[1::2] + FIELDS[::2]) == forward
            p = s[i]
            by_hand = aptparse.Package(*forward)
            assert p == by_hand and by_hand == p and hash(p) == hash(by_hand)
            assert repr(p) == repr(by_hand) and str(p) == str(by_hand)
            assert _values(p) == forward  # twice: now from the slots
            assert all(type(getattr(p, f)) is str for f in STRINGS)
            assert all(type(getattr(p, f)) is bool for f in FLAGS)
            assert p.security is None or type(p.security) is bool
            assert type(p.alternatives) is tuple
            assert all(type(a) is str for a in p.alternatives)
            assert p.reason in reason
            n += 1
    assert n > 10000


def test_a_package_is_the_dataclass(report: aptparse.Report) -> None:
    p = _sets(report)[0][0]
    assert type(p) is aptparse.Package and isinstance(p, aptparse.Package)
    assert dataclasses.is_dataclass(p) and tuple(f.name for f in dataclasses.fields(p)) == FIELDS
    assert aptparse.Package.__match_args__ == FIELDS
    assert not hasattr(p, "__dict__") and not gc.is_tracked(p)
    for again in (pickle.loads(pickle.dumps(p)), copy.copy(p), copy.deepcopy(p),
                  dataclasses.replace(p), eval(repr(p), {"Package": aptparse.Package})):
        assert type(again) is aptparse.Package and again == p and _values(again) == _values(p)
    assert dataclasses.replace(p, arch="x").arch == "x"
    assert dataclasses.asdict(p) == dict(zip(FIELDS, _values(p)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.name = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del p.name  # type: ignore[misc]


def test_the_fields_are_descriptors_of_package_only() -> None:
    d = aptparse.Package.__dict__["name"]
    assert d.__name__ == "name" and d.__objclass__ is aptparse.Package
    with pytest.raises(TypeError):
        d.__get__(object())
    with pytest.raises(TypeError):
        _core._LazyPackage()
    empty = aptparse.Package.__new__(aptparse.Package)  # no field set, no C++ package
    with pytest.raises(AttributeError, match="no attribute 'arch'"):
        empty.arch


def test_a_package_outlives_its_report_and_set(corpus: Path) -> None:
    r = aptparse.parse_file(corpus)
    sets = _sets(r)
    expected = [[_values(p) for p in s] for s in sets]
    kept = [list(s) for s in sets]  # no field read yet
    del r, sets
    gc.collect()
    again = aptparse.parse(corpus.read_bytes())  # reuses the freed memory
    assert [[_values(p) for p in s] for s in kept] == expected
    assert len(again.transactions) > 0


def test_setting_a_field_through_the_slot_keeps_the_others(report: aptparse.Report) -> None:
    s = next(s for s in _sets(report) if any(p.arch for p in s))
    p = next(p for p in s if p.arch)
    want = _values(p)
    p = s[list(s).index(p)]  # a new object, no field read
    object.__setattr__(p, "arch", "changed")
    assert _values(p) == tuple("changed" if f == "arch" else v for f, v in zip(FIELDS, want))
    q = s[0]
    object.__delattr__(q, "note")
    with pytest.raises(AttributeError):
        q.note
    assert q.name == s[0].name and q.new == s[0].new
    # A tracked value makes the untracked Package tracked (a cycle through it
    # is then collectable).
    r = s[0]
    assert not gc.is_tracked(r)
    object.__setattr__(r, "alternatives", [r])
    assert gc.is_tracked(r)
    object.__setattr__(r, "alternatives", ())


def test_reused_objects_do_not_keep_the_fields_of_the_last(report: aptparse.Report) -> None:
    """A loop frees each Package before it makes the next, which reuses its
    memory (the free list): its slots must be empty again."""
    for s in _sets(report):
        alive = list(s)  # made while the others are alive: no reuse
        want = [_values(p) for p in alive]
        got = []
        for i, p in enumerate(s):  # reads a different field first each time
            got.append(_values(p, FIELDS[i % len(FIELDS):] + FIELDS[:i % len(FIELDS)]))
        assert got == want


class _Sub(aptparse.Package):
    __slots__ = ("extra",)


def test_a_subclass_of_package_is_made_and_freed() -> None:
    subs = [_Sub(f"p{i}", arch="amd64") for i in range(1000)]
    for i, s in enumerate(subs):
        object.__setattr__(s, "extra", [i])
    assert [s.name for s in subs[:3]] == ["p0", "p1", "p2"] and subs[5].extra == [5]
    assert subs[1] != aptparse.Package("p1", arch="amd64")  # dataclass __eq__: same class only
    del subs
    gc.collect()


def test_a_field_read_twice_or_by_any_path_is_the_same_object(report: aptparse.Report) -> None:
    """Package's getattr finds a field by its interned name's address; every
    other way of reading it (a name made at run time, the generic lookup,
    the descriptor) gives the object in the slot."""
    n = 0
    for s in _sets(report)[:400]:
        for p in s:
            for f in FIELDS[::-1]:
                v = getattr(p, f)
                runtime = "".join(list(f))  # equal, not the interned str
                assert runtime is not f or len(f) == 1
                assert getattr(p, runtime) is v and getattr(p, f) is v
                assert object.__getattribute__(p, f) is v
                assert aptparse.Package.__dict__[f].__get__(p) is v
                assert operator.attrgetter(f)(p) is v
                n += 1
    assert n > 10000
    p = _sets(report)[0][0]
    assert p.qualified_name.startswith(p.name) and p.to_dict()["name"] == p.name
    assert p.__class__ is aptparse.Package
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        p.nope  # type: ignore[attr-defined]


def test_packages_of_different_sets_read_in_turn_stay_distinct(report: aptparse.Report) -> None:
    """Packages of two sets, made and read in turn (each freed object reused
    for the other set's next), have each their own package's fields."""
    sets = [s for s in _sets(report) if len(s) > 1]
    want = [[_values(p) for p in s] for s in sets]
    for a, b, wa, wb in zip(sets, sets[1:], want, want[1:]):
        for (p, q), (vp, vq) in zip(zip(a, b), zip(wa, wb)):
            assert (p.name, q.name, p.new, q.new) == (vp[0], vq[0], vp[3], vq[3])
            assert _values(q) == vq and _values(p) == vp


def test_freeing_a_package_releases_exactly_the_fields_read(report: aptparse.Report) -> None:
    """A parsed Package frees the slots of the fields that were read (and
    only those are set); one whose every field was set frees them all."""
    def mortal(v: object) -> bool:  # 3.12's immortal objects keep their count
        before = sys.getrefcount(v)
        w = v  # noqa: F841
        return sys.getrefcount(v) == before + 1

    checked = 0
    for s in _sets(report)[:300]:
        for i in range(len(s)):
            for fields in (FIELDS[i % 7:i % 7 + 1], FIELDS[::3], FIELDS):
                p = s[i]
                values = [getattr(p, f) for f in fields]
                counts = [sys.getrefcount(v) for v in values]
                del p
                after = [sys.getrefcount(v) for v in values]  # as counts were
                for f, v, c, a in zip(fields, values, counts, after):
                    if mortal(v):
                        assert a == c - sum(x is v for x in values), f  # False twice
                        checked += 1
    p = aptparse.Package("by-hand-" + str(checked), arch="x" * 3)
    name = p.name
    c = sys.getrefcount(name)
    del p
    assert sys.getrefcount(name) == c - 1
    assert checked > 1000


def test_a_field_replaced_on_the_class_is_read_from_the_class(
        report: aptparse.Report) -> None:
    """Package's fast getattr holds only while the class is as _set_types()
    left it: a descriptor set on the class (or a base) is used, and the lazy
    fields work again once it is put back."""
    s = next(s for s in _sets(report) if any(p.arch for p in s))
    i = next(i for i, p in enumerate(s) if p.arch)
    arch = s[i].arch
    lazy = aptparse.Package.__dict__["arch"]
    try:
        aptparse.Package.arch = property(lambda self: "patched")  # type: ignore[assignment,misc]
        assert s[i].arch == "patched" and s[i].name == s[i].name
    finally:
        type.__setattr__(aptparse.Package, "arch", lazy)
    assert s[i].arch == arch and s[i].arch is s[i].arch
    try:
        _frozen_base = aptparse.Package.__mro__[2]
        _frozen_base.extra = 1  # type: ignore[attr-defined]
        assert s[i].arch == arch and s[i].extra == 1  # type: ignore[attr-defined]
    finally:
        del _frozen_base.extra  # type: ignore[attr-defined]
    sys._clear_type_cache()  # every type's version tag is made anew
    assert s[i].arch == arch and _values(s[i]) == _values(s[i])


def test_names_that_differ_in_one_byte_are_each_their_own_str() -> None:
    """The strs of package fields come through a cache keyed by a hash of
    the first and last 8 bytes and the length: names equal there but for one
    byte anywhere (every length the cache keeps, and longer) must each give
    their own str, read first or from the cache."""
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789" * 2
    names = []
    for n in range(1, 61):
        base = alphabet[:n]
        names.append(base)
        for k in range(n):
            names.append(base[:k] + ("9" if base[k] != "9" else "8") + base[k + 1:])
    names = list(dict.fromkeys(names))
    log = ("The following NEW packages will be installed:\n  " + " ".join(names) + "\n"
           f"0 upgraded, {len(names)} newly installed, 0 to remove and 0 not upgraded.\n")
    for _ in range(3):  # the second and third read from the cache
        t = aptparse.parse(log.encode()).transactions[0]
        assert [p.name for p in t.newly_installed] == names


def test_text_fields_not_ascii_are_decoded_each_time_and_never_cached() -> None:
    """Only ASCII strs are kept by the str cache (their data are their
    bytes); UTF-8 and invalid bytes (as surrogates) are decoded on every
    read, the same whether read first or again, by any Package."""
    names = ["caf\u00e9", "b\udcffd", "plain", "\u00e9" * 30, "x" * 47, "y" * 48]
    raw = [n.encode("utf-8", "surrogateescape") for n in names]
    log = (b"The following NEW packages will be installed:\n  " + b" ".join(raw) + b"\n"
           b"0 upgraded, 6 newly installed, 0 to remove and 0 not upgraded.\n")
    for _ in range(3):
        t = aptparse.parse(log).transactions[0]
        got = [p.name for p in t.newly_installed]
        assert got == names
        assert [p.name for p in t.newly_installed] == names  # new objects, cache hits


def test_every_set_kind_iterates_as_it_indexes_and_stays_exhausted(
        report: aptparse.Report) -> None:
    """The set's C iterator gives package i as s[i] does, for every kind
    of set the corpus has, and once exhausted keeps raising StopIteration."""
    kinds = set()
    for t in report.transactions:
        for kind in aptparse.SET_NAMES:
            s = getattr(t, kind)
            if not s:
                continue
            kinds.add(kind)
            it = iter(s)
            assert [(p.name, p.new) for p in it] == [(s[i].name, s[i].new) for i in range(len(s))]
            for _ in range(2):
                with pytest.raises(StopIteration):
                    next(it)
            assert iter(it) is it
    assert len(kinds) >= 10, kinds


_TRACKED_AND_FREED = """
import gc, sys
import aptparse
t = aptparse.parse(open(sys.argv[1], "rb").read()).transactions
s = next(getattr(x, k) for x in t for k in aptparse.SET_NAMES if getattr(x, k))
for i in range(200):
    p = s[i % len(s)]
    object.__setattr__(p, "alternatives", [p] if i % 2 else [i])  # tracked; a cycle or not
    assert gc.is_tracked(p)
    del p
    q = s[0]  # may reuse the freed memory (the free list)
    assert not gc.is_tracked(q) and q.name == s[0].name
    del q
gc.collect()
print(sum(isinstance(o, aptparse.Package) for o in gc.get_objects()))
"""


def test_a_package_tracked_by_a_field_set_by_hand_is_untracked_when_freed(
        corpus: Path) -> None:
    """package_dealloc untracks only Packages whose every field bit is set
    (made by hand, or a field set through the slot, which tracks them): a
    parsed Package is untracked until then. One freed while still tracked
    would stay in the collector's list (and crash it), so this runs in a
    child process."""
    out = subprocess.run([sys.executable, "-c", _TRACKED_AND_FREED, str(corpus)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["0"]
