"""The fleet report: many hosts' apt logs in one view.

    >>> import aptparse
    >>> fleet = aptparse.report(["/srv/logs"])   # /srv/logs/<host>/...
    >>> print(fleet.to_text())
    >>> open("fleet.html", "w").write(fleet.to_html())

Directories are walked for apt's and dpkg's logs (``*.log``, ``*.log.N``,
``*.log.N.gz``, ``*.txt``); files named directly are always read. Each
file's host is, by default, the directory under the path it was found in
(``/srv/logs/web1/history.log`` is host ``web1``; a file directly in the
given directory or named directly is its directory's name); ``host=`` takes
a regular expression (its group ``host``, else group 1, else the whole
match, searched in the path) or a function of the path.

What it shows, per host and fleet-wide:

* applied: packages upgraded by runs that were carried out;
* pending: what a plan (``-s``) would upgrade or newly install, what a
  listing offers as upgradable, or what a run kept back, that no later run
  on that host upgraded or installed (``_core.pending``, the rule of
  ``--fail-on pending-security``); runs are taken in the order of their
  start time where the logs give one, else in file order;
* security updates still pending (pending packages whose version comes
  from a security archive), kept-back and held packages;
* failures: apt's or dpkg's errors, packages dpkg left unfinished, counts
  that disagree with the lists (the rules of ``--fail-on``);
* the packages upgraded most often, and a timeline of changes per day.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime
import os
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Optional, Union

from . import _facts
from ._model import Report, Transaction

#: Files that a walked directory contributes.
LOG_NAME = re.compile(r"\.(log|txt)(\.\d+)?(\.gz)?$")

PathArg = Union[str, "os.PathLike[str]"]
HostRule = Union[None, str, "re.Pattern[str]", Callable[[str], str]]
#: progress(files_done, files, bytes_done, bytes)
ProgressFn = Callable[[int, int, int, int], None]


@dataclasses.dataclass(frozen=True)
class Host:
    """One host's figures."""

    name: str
    files: int = 0
    transactions: int = 0
    applied: int = 0  # package upgrades carried out
    installed: int = 0
    removed: int = 0
    pending: tuple[str, ...] = ()
    pending_security: tuple[str, ...] = ()
    failures: int = 0
    last_start: Optional[datetime.datetime] = None


@dataclasses.dataclass(frozen=True)
class Held:
    """A package kept back (or held) somewhere in the fleet."""

    name: str
    reason: str  # "kept_back", "phasing", "held", "held_changed"
    hosts: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Failure:
    """A transaction that failed a ``--fail-on`` check."""

    host: str
    source: str
    first_line: int
    last_line: int
    reasons: tuple[str, ...]
    text: str
    start: Optional[datetime.datetime] = None


@dataclasses.dataclass(frozen=True)
class Upgraded:
    """How often a package was upgraded, and on how many hosts."""

    name: str
    times: int
    hosts: int


@dataclasses.dataclass(frozen=True)
class Day:
    """Changes carried out on one day."""

    day: datetime.date
    upgraded: int = 0
    installed: int = 0
    removed: int = 0


@dataclasses.dataclass(frozen=True)
class FleetReport:
    """The aggregates of :func:`report`; ``to_text()``, ``to_html()``."""

    hosts: tuple[Host, ...] = ()
    held: tuple[Held, ...] = ()
    failures: tuple[Failure, ...] = ()
    top_upgraded: tuple[Upgraded, ...] = ()
    timeline: tuple[Day, ...] = ()
    files: int = 0
    transactions: int = 0
    # (path, why): files that could not be read, or (strict) parsed to the end
    unreadable: tuple[tuple[str, str], ...] = ()

    @property
    def pending_security(self) -> int:
        return sum(len(h.pending_security) for h in self.hosts)

    def to_text(self) -> str:
        from ._fleet_text import render_text

        return render_text(self)

    def to_html(self, *, plots: bool = True) -> str:
        """One self-contained HTML page (inline CSS, JS and SVG); without
        matplotlib, or with ``plots=False``, it has no plots and says so."""
        from ._fleet_html import render_html

        return render_html(self, plots=plots)


def find_logs(
    paths: Iterable[PathArg], host: HostRule = None
) -> list[tuple[str, str]]:
    """The (file, host) pairs that :func:`report` reads, in order."""
    rule = _host_rule(host)
    out: list[tuple[str, str]] = []
    for given in paths:
        root = os.fspath(given)
        if not os.path.isdir(root):
            out.append((root, rule(root, _dir_name(os.path.dirname(root)))))
            continue
        for top, dirs, files in os.walk(root):
            dirs.sort()
            rel = os.path.relpath(top, root)
            default = _dir_name(root) if rel == "." else rel.split(os.sep)[0]
            for name in sorted(files):
                if LOG_NAME.search(name):
                    path = os.path.join(top, name)
                    out.append((path, rule(path, default)))
    return out


def _dir_name(path: str) -> str:
    return os.path.basename(os.path.abspath(path or ".")) or "/"


def _host_rule(host: HostRule) -> Callable[[str, str], str]:
    if host is None:
        return lambda path, default: default
    if callable(host) and not isinstance(host, re.Pattern):
        fn = host
        return lambda path, default: str(fn(path))
    pattern = re.compile(host) if isinstance(host, str) else host

    def by_regex(path: str, default: str) -> str:
        m = pattern.search(path)
        if m is None:
            return default
        if "host" in pattern.groupindex:
            return m["host"] or default
        return (m[1] if pattern.groups else m[0]) or default

    return by_regex


def report(
    paths: Union[PathArg, Iterable[PathArg]],
    *,
    host: HostRule = None,
    jobs: int = 0,
    progress: Optional[ProgressFn] = None,
    **parse_options: Any,
) -> FleetReport:
    """Reads the logs under ``paths`` (files or directories) and returns
    the fleet's aggregates. ``jobs`` files are parsed at once (0: one per
    core; the parsing runs without the GIL). ``parse_options`` go to
    :func:`aptparse.parse_file` (``strict``, ``max_line_bytes``, ...).
    ``progress`` is called after each file. A file that cannot be read is
    listed in ``unreadable``."""
    from . import ParseError, parse_file

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files = find_logs(paths, host)
    sizes = [_size(path) for path, _ in files]
    total = sum(sizes)
    builder = _Builder()

    def parse(path: str) -> Union[Report, str]:
        try:
            return parse_file(path, **parse_options)
        except (OSError, ParseError) as e:
            return str(e)

    workers = jobs or os.cpu_count() or 1
    # In windows, so that parsed reports waiting for their turn stay few.
    window = 4 * workers
    done = 0
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for first in range(0, len(files), window):
            batch = files[first : first + window]
            results = pool.map(parse, (p for p, _ in batch))
            for i, ((path, name), result) in enumerate(zip(batch, results), first):
                builder.add_file(path, name, result)
                done += sizes[i]
                if progress is not None:
                    progress(i + 1, len(files), done, total)
    return builder.build()


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


class _Builder:
    """Adds files' transactions up into a FleetReport."""

    def __init__(self) -> None:
        self.runs: dict[str, list[tuple[Any, int, str, Transaction]]] = {}
        self.file_count: collections.Counter[str] = collections.Counter()
        self.unreadable: list[tuple[str, str]] = []
        self.order = 0

    def add_file(self, path: str, host: str, result: Union[Report, str]) -> None:
        self.file_count[host] += 1
        self.runs.setdefault(host, [])
        if isinstance(result, str):
            self.unreadable.append((path, result))
            return
        if result.error is not None:  # strict: parsing stopped there
            e = result.error
            self.unreadable.append((path, f"line {e.line}: {e.message}"))
        for t in result.transactions:
            # Runs with a start time in time order; the others in file order.
            start = _facts.start(t)
            key = (0, start, self.order) if start else (1, None, self.order)
            self.runs[host].append((key, self.order, path, t))
            self.order += 1

    def build(self) -> FleetReport:
        hosts, failures = [], []
        held: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
        upgrades: collections.Counter[str] = collections.Counter()
        upgraded_on: dict[str, set[str]] = collections.defaultdict(set)
        days: dict[datetime.date, list[int]] = {}
        for name in sorted(self.runs):
            runs = sorted(self.runs[name], key=_order_key)
            h = _HostState(name)
            for _, _, path, t in runs:
                h.add(t)
                for p in t.not_upgraded:
                    held[(p.name, p.reason or "kept_back")].add(name)
                for p in t.held_changed:
                    held[(p.name, "held_changed")].add(name)
                if reasons := _facts.fail_reasons(t):
                    failures.append(_failure(name, path, t, reasons))
                if _facts.is_plan(t):
                    continue
                for p in t.upgraded:
                    upgrades[p.name] += 1
                    upgraded_on[p.name].add(name)
                if (start := _facts.start(t)) is not None:
                    day = days.setdefault(start.date(), [0, 0, 0])
                    day[0] += len(t.upgraded)
                    day[1] += len(t.newly_installed)
                    day[2] += len(t.to_remove)
            hosts.append(h.result(self.file_count[name], len(runs)))
        return FleetReport(
            hosts=tuple(hosts),
            held=tuple(
                Held(n, r, tuple(sorted(hs)))
                for (n, r), hs in sorted(held.items(), key=lambda kv: (-len(kv[1]), kv[0]))
            ),
            failures=tuple(failures),
            top_upgraded=tuple(
                Upgraded(n, c, len(upgraded_on[n]))
                for n, c in sorted(upgrades.items(), key=lambda kv: (-kv[1], kv[0]))[:20]
            ),
            timeline=tuple(Day(d, *v) for d, v in sorted(days.items())),
            files=sum(self.file_count.values()),
            transactions=self.order,
            unreadable=tuple(self.unreadable),
        )


def _order_key(run: tuple[Any, int, str, Transaction]) -> tuple[Any, ...]:
    (timed, start, order), _, _, _ = run
    # Timed runs first (by time), then untimed ones in file order: a mix
    # of dated logs and undated captures has no better common order.
    return (timed, start or datetime.datetime.min, order)


class _HostState:
    """One host's runs, replayed in order."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.pending: dict[str, bool] = {}  # name -> security
        self.applied = self.installed = self.removed = self.failures = 0
        self.last_start: Optional[datetime.datetime] = None

    def add(self, t: Transaction) -> None:
        start = _facts.start(t)
        if start is not None:
            self.last_start = start
        if _facts.fail_reasons(t):
            self.failures += 1
        if not _facts.is_plan(t):
            self.applied += len(t.upgraded)
            self.installed += len(t.newly_installed)
            self.removed += len(t.to_remove)
            for p in (*t.upgraded, *t.newly_installed):
                self.pending.pop(p.name, None)
        for p in _facts.pending(t):
            # A security fix stays pending until a run installs the
            # package: a later, newer version offered from -updates
            # includes it.
            security = _facts.is_security(p)
            self.pending[p.name] = self.pending.get(p.name, False) or security

    def result(self, files: int, transactions: int) -> Host:
        return Host(
            name=self.name,
            files=files,
            transactions=transactions,
            applied=self.applied,
            installed=self.installed,
            removed=self.removed,
            pending=tuple(sorted(self.pending)),
            pending_security=tuple(sorted(n for n, s in self.pending.items() if s)),
            failures=self.failures,
            last_start=self.last_start,
        )


def _failure(host: str, path: str, t: Transaction, reasons: list[str]) -> Failure:
    return Failure(
        host=host,
        source=path,
        first_line=t.first_line,
        last_line=t.last_line,
        reasons=tuple(reasons),
        text=_facts.problem(t),
        start=_facts.start(t),
    )


# The tables the text and HTML views share (_fleet_tables.py).
from ._fleet_tables import Table as Table, iter_rows as iter_rows  # noqa: E402
