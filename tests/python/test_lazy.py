"""Report.transactions: a lazy, immutable Sequence[Transaction] that
behaves as the tuple of its transactions."""

from __future__ import annotations

import collections.abc
import copy
import dataclasses
import gc
import json
import pickle
import random
import threading
from pathlib import Path

import pytest

import aptparse
from conftest import LOG_IDS, LOGS, corpus_logs


def _eager(data: bytes) -> tuple[aptparse.Transaction, ...]:
    """The transactions converted eagerly, by another code path
    (Parser.feed() and finish() return lists of Transactions)."""
    p = aptparse.Parser()
    return tuple(p.feed(data) + p.finish())


@pytest.fixture(scope="module")
def data() -> bytes:
    """A log of several transactions: every corpus log with some."""
    logs = [p.read_bytes() for p in corpus_logs()]
    with_ts = [d for d in logs if aptparse.parse(d).transactions]
    assert len(with_ts) >= 5
    return b"".join(d if d.endswith(b"\n") else d + b"\n" for d in with_ts)


@pytest.fixture(scope="module")
def eager(data: bytes) -> tuple[aptparse.Transaction, ...]:
    ts = _eager(data)
    assert len(ts) >= 10
    return ts


def _lazy(data: bytes) -> aptparse.LazyTransactions:
    ts = aptparse.parse(data).transactions
    assert isinstance(ts, aptparse.LazyTransactions)
    return ts


# --- laziness ----------------------------------------------------------------


def test_nothing_is_converted_by_parse(data: bytes) -> None:
    ts = _lazy(data)
    assert ts.converted == 0
    assert len(ts) > 0
    assert ts.converted == 0  # len() converts nothing either


def test_indexing_converts_only_that_transaction(data: bytes, eager: tuple[aptparse.Transaction, ...]) -> None:
    ts = _lazy(data)
    k = len(ts) // 2
    t = ts[k]
    assert ts.converted == 1
    assert t == eager[k]
    assert ts[k] is t  # kept, not converted again
    assert ts[k - len(ts)] is t
    assert ts.converted == 1
    assert ts[-1] == eager[-1]
    assert ts.converted == 2


def test_iteration_converts_as_it_goes(data: bytes) -> None:
    ts = _lazy(data)
    it = iter(ts)
    for n in range(1, 4):
        next(it)
        assert ts.converted == n
    assert ts[:2] == (ts[0], ts[1])
    assert ts.converted == 3
    for _ in ts:
        pass
    assert ts.converted == len(ts)
    assert ts[0] is ts[0]  # after every one is converted


def test_parse_file_and_parser_report_are_lazy(data: bytes, tmp_path: Path) -> None:
    f = tmp_path / "log"
    f.write_bytes(data)
    ts = aptparse.parse_file(f, chunk_size=4096).transactions
    assert isinstance(ts, aptparse.LazyTransactions)
    assert ts.converted == 0
    ts[3]
    assert ts.converted == 1
    p = aptparse.Parser()
    p.feed(data)
    p.finish()
    rest = p.report().transactions
    assert isinstance(rest, aptparse.LazyTransactions)
    assert rest == ()


def test_report_outlives_its_parser(data: bytes, eager: tuple[aptparse.Transaction, ...]) -> None:
    p = aptparse._core.Parser(keep_transactions=True)
    assert p.feed(data) == []
    assert p.finish() == []
    r1, r2 = p.report(), p.report()
    p.reset()
    del p
    gc.collect()
    assert r1.transactions == eager
    assert r2.transactions == eager
    assert r1.transactions[0] is not r2.transactions[0]  # one cache per Report


# --- the sequence protocol ---------------------------------------------------------


def test_is_a_sequence(data: bytes, eager: tuple[aptparse.Transaction, ...]) -> None:
    ts = _lazy(data)
    assert isinstance(ts, collections.abc.Sequence)
    assert not isinstance(ts, collections.abc.MutableSequence)
    assert len(ts) == len(eager)
    assert list(ts) == list(eager)
    assert list(reversed(ts)) == list(reversed(eager))
    assert eager[4] in ts
    assert ts.index(eager[4]) == eager.index(eager[4])
    assert ts.count(eager[0]) == eager.count(eager[0])
    assert aptparse.Transaction() not in ts
    assert bool(ts) and not aptparse.parse(b"").transactions


def test_immutable(data: bytes) -> None:
    ts = _lazy(data)
    with pytest.raises(TypeError):
        ts[0] = ts[1]  # type: ignore[index]
    with pytest.raises(TypeError):
        del ts[0]  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        ts.extra = 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        aptparse._core._LazyTransactions()


def test_indexes(data: bytes, eager: tuple[aptparse.Transaction, ...]) -> None:
    ts = _lazy(data)
    n = len(ts)
    for i in (0, 1, n - 1, -1, -n, True):
        assert ts[i] == eager[i]
    for i in (n, -n - 1, 10**30, -(10**30)):
        with pytest.raises(IndexError):
            ts[i]

    class Index:
        def __index__(self) -> int:
            return 2

    assert ts[Index()] == eager[2]  # type: ignore[call-overload]
    for bad in ("1", 1.0, None):
        with pytest.raises(TypeError):
            ts[bad]  # type: ignore[call-overload]


def test_slices(data: bytes, eager: tuple[aptparse.Transaction, ...]) -> None:
    n = len(eager)
    cases = [(None, None, None), (1, 4, None), (-3, None, None), (None, None, -1),
             (n - 1, 0, -2), (2, n + 100, 3), (5, 2, None), (-(10**30), 10**30, 1)]
    for a, b, c in cases:
        ts = _lazy(data)
        got = ts[a:b:c]
        assert type(got) is tuple
        assert got == eager[a:b:c]
        assert ts.converted == len(set(range(n)[a:b:c]))  # only the slice
    with pytest.raises(ValueError):
        _lazy(data)[::0]


def test_equality(data: bytes, eager: tuple[aptparse.Transaction, ...]) -> None:
    ts, other = _lazy(data), _lazy(data)
    # As a tuple: equal to the tuple and to an equal LazyTransactions, in
    # both directions, not to a list.
    assert ts == eager and eager == ts
    assert ts == other and not ts != other
    assert ts != eager[:-1] and eager[:-1] != ts
    assert ts != eager[1:] + eager[:1]
    assert ts != list(eager)
    assert ts != _lazy(data + data)
    assert ts != None  # noqa: E711
    assert aptparse.parse(b"").transactions == ()
    # A report made by hand, with a tuple, equals the parsed one.
    r = aptparse.parse(data)
    by_hand = aptparse.Report(
        transactions=eager, unrecognized_count=r.unrecognized_count,
        unrecognized=r.unrecognized, diagnostics=r.diagnostics,
        dropped_transactions=r.dropped_transactions, stats=r.stats,
        error=r.error,
    )
    assert by_hand == r and r == by_hand
    assert hash(by_hand) == hash(r)
    assert by_hand.to_dict() == r.to_dict()
    first = dataclasses.replace(r, transactions=r.transactions[:1])
    assert first.transactions == (eager[0],) and first != r


def test_hash_is_the_tuples(data: bytes, eager: tuple[aptparse.Transaction, ...]) -> None:
    ts = _lazy(data)
    assert hash(ts) == hash(eager)
    assert hash(ts) == hash(ts)
    by_lazy: dict[object, int] = {ts: 1}
    by_tuple: dict[object, int] = {eager: 1}
    assert by_lazy[eager] == 1 and by_tuple[ts] == 1
    assert hash(_lazy(data + data)) != hash(ts)


def test_pickle_and_copy(data: bytes, eager: tuple[aptparse.Transaction, ...]) -> None:
    ts = _lazy(data)
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(ts, protocol=proto))
        assert type(back) is tuple
        assert back == eager == ts
    r = aptparse.parse(data)
    back_r = pickle.loads(pickle.dumps(r))
    assert back_r == r and hash(back_r) == hash(r)
    assert copy.copy(ts) == ts
    assert copy.deepcopy(ts) == ts


def test_repr_and_concatenation(data: bytes, eager: tuple[aptparse.Transaction, ...]) -> None:
    ts = _lazy(data)
    assert repr(ts) == f"LazyTransactions({eager!r})"
    assert repr(aptparse.parse(b"").transactions) == "LazyTransactions(())"
    assert ts + ts == eager + eager
    assert () + ts == eager
    assert ts + _lazy(data) == eager + eager
    ints = [1]
    with pytest.raises(TypeError):
        ts + ints  # type: ignore[operator]
    with pytest.raises(TypeError):
        ints + ts  # type: ignore[operator]


def test_to_dict_and_json_unchanged(data: bytes, eager: tuple[aptparse.Transaction, ...]) -> None:
    r = aptparse.parse(data)
    d = r.to_dict()
    assert d["transactions"] == [t.to_dict() for t in eager]
    json.dumps(d)
    assert [t.to_json("x") for t in r] == [t.to_json("x") for t in eager]


# --- threads and the GC --------------------------------------------------------


def test_threads_convert_each_transaction_once(data: bytes) -> None:
    for _ in range(5):
        ts = _lazy(data * 4)
        n = len(ts)
        barrier = threading.Barrier(8)
        seen: list[list[aptparse.Transaction]] = [[] for _ in range(8)]

        def work(k: int) -> None:
            order = list(range(n))
            random.Random(k).shuffle(order)
            barrier.wait()
            got = {i: ts[i] for i in order}
            seen[k] = [got[i] for i in range(n)]

        threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert ts.converted == n
        for got in seen:
            assert len(got) == n
            assert all(a is b for a, b in zip(got, seen[0]))  # the same objects


def test_gc_state_is_restored_after_access(data: bytes) -> None:
    ts = _lazy(data)
    assert gc.isenabled()
    ts[0]
    list(ts)
    assert gc.isenabled()
    gc.disable()
    try:
        _lazy(data)[1]
        assert not gc.isenabled()
    finally:
        gc.enable()


# --- the conversion itself ---------------------------------------------------------


@pytest.mark.parametrize("log", LOGS, ids=LOG_IDS)
def test_lazy_equals_eager_conversion(log: Path) -> None:
    data = log.read_bytes()
    eager = _eager(data)
    ts = _lazy(data)
    order = list(range(len(ts)))
    random.Random(log.name).shuffle(order)
    assert [ts[i] for i in order] == [eager[i] for i in order]
    assert ts == eager and hash(ts) == hash(eager)
    assert aptparse.parse_file(log).transactions == eager


def test_many_distinct_strings() -> None:
    """Names, versions and origins go through a bounded cache of strs;
    thousands of distinct ones (evictions, collisions), long ones and
    invalid UTF-8 must all come out as they are in the log."""
    rng = random.Random(5)
    lines, want = [], []
    for i in range(5000):
        name = (f"pkg{i}-" + "x" * rng.choice((0, 3, 40, 41, 60))).encode()
        if i % 7 == 0:
            name += b"\xff"
        old, new = f"1.{i % 13}".encode(), f"2.{i % 17}-{i}".encode()
        arch = rng.choice((b"amd64", b"all", b"i386"))
        lines.append(b"Inst %s [%s] (%s Debian:12/stable [%s])\n" % (name, old, new, arch))
        want.append((name, arch, old, new))
    for data in (b"".join(lines), b"".join(lines[::-1])):
        pkgs = aptparse.parse(data).transactions[0].upgraded
        got = sorted((p.name.encode("utf-8", "surrogateescape"), p.arch.encode(),
                      p.old.encode(), p.new.encode()) for p in pkgs)
        assert got == sorted(want)
        assert {p.origins for p in pkgs} == {"Debian:12/stable"}


def test_to_json_of_large_strings() -> None:
    """to_json copies a Transaction's strings into a C++ arena: more than
    its first block holds."""
    pkgs = tuple(
        aptparse.Package("p" * (100 + i), arch="amd64", old="1" * 300, new="2" * 300,
                         origins="o" * 50, note="n" * 20,
                         alternatives=("a" * 200, "b\udcff" * 90))
        for i in range(60)
    )
    t = aptparse.Transaction(upgraded=pkgs, first_line=1, last_line=2)
    d = t.to_dict()
    assert d["upgraded"] == [p.to_dict() for p in pkgs]


def test_results_are_not_tracked_by_the_gc(data: bytes) -> None:
    """Objects that refer only to untracked ones (strs, ints, tuples of
    them) cannot be in a reference cycle; the cyclic GC does not track
    them, so a large report costs nothing in later collections."""
    r = aptparse.parse(data)
    t = next(t for t in r.transactions if t.upgraded and t.messages)
    p = t.upgraded[0]
    for obj in (t, t.upgraded, p, p.alternatives, t.counts, t.consistency,
                t.sizes, t.messages, t.messages[0], r.stats):
        assert not gc.is_tracked(obj), obj
    assert gc.is_tracked(r)  # it refers to the (tracked) sequence
    # Made in Python, they are ordinary objects.
    assert gc.is_tracked(aptparse.Package("x"))
