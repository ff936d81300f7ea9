"""``aptparse report``: the fleet report on the command line.

``python -m aptparse report ...`` and the ``aptparse`` console script come
here; the C++ executable runs this too (src/cli/report_command.cpp). The
flags are the C++ flag table's (src/cli/flags.cpp, through _core), so
``--help``, the man page and this parser list the same ones.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any, Optional

from . import _core
from .fleet import FleetReport, report

EXIT_FOUND, EXIT_NONE, EXIT_ERROR, EXIT_FAILED = 0, 1, 2, 3


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"needs a positive number, not '{text}'")
    return value


def _list_of(choices: list[str]) -> Any:
    def parse(text: str) -> list[str]:
        items = text.split(",")
        for item in items:
            if item not in choices:
                raise argparse.ArgumentTypeError(
                    f"takes {', '.join(choices)}, not '{item or '(empty)'}'"
                )
        return items

    return parse


def parser() -> argparse.ArgumentParser:
    usage, description = _core.cli_texts()
    p = argparse.ArgumentParser(
        prog="aptparse report",
        usage=usage.removeprefix("aptparse report "),
        description=description.replace("\n", " "),
        add_help=False,
    )
    for f in _core.cli_flags():
        if not f["report"]:
            continue
        names = ([f"-{f['short']}"] if f["short"] else []) + [f"--{f['long']}"]
        kw: dict[str, Any] = {"help": f["help"]}
        if f["long"] == "help":
            kw["action"] = "help"
        elif f["long"] in ("progress", "no-progress"):
            kw.update(action="store_const", dest="progress",
                      const=f["long"] == "progress")
        elif not f["metavar"]:
            kw["action"] = "store_true"
        else:
            kw["metavar"] = f["metavar"]
            if f["metavar"] == "N":
                kw["type"] = _positive
            if f["choices"]:
                kw["type"] = _list_of(f["choices"])
            if f["repeats"]:
                kw.update(action="append", default=[])
        p.add_argument(*names, **kw)
    p.add_argument("paths", nargs="+", metavar="PATH")
    return p


class _Progress:
    """The CLI's progress line (the C++ one's format), on stderr."""

    def __init__(self, forced: bool) -> None:
        self.terminal = sys.stderr.isatty()
        self.delay = 0.0 if forced else 1.0
        self.interval = 0.2 if self.terminal else 1.0
        self.start = time.monotonic()
        self.last = -1.0
        self.shown = False

    def __call__(self, files: int, total: int, done: int, size: int) -> None:
        now = time.monotonic() - self.start
        last = files == total
        if not last and (now < self.delay or now - self.last < self.interval):
            return
        if last and not self.shown and now < self.delay:
            return
        self.last = now
        line = _core.progress_line(files, total, done, size, now)
        end = "\n" if last or not self.terminal else "\x1b[K"
        sys.stderr.write(("\r" if self.terminal else "") + line + end)
        sys.stderr.flush()
        self.shown = True


def _status(fleet: FleetReport, fail_on: set[str]) -> int:
    if fleet.unreadable:
        return EXIT_ERROR
    if any(set(f.reasons) & fail_on for f in fleet.failures):
        return EXIT_FAILED
    # Failures leave pending-security out (_facts.fail_reasons): what is
    # still pending at the end of the replay decides.
    if "pending-security" in fail_on and fleet.pending_security:
        return EXIT_FAILED
    return EXIT_FOUND if fleet.transactions else EXIT_NONE


def main(argv: Optional[list[str]] = None) -> int:
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    show = args.progress if args.progress is not None else sys.stderr.isatty()
    options: dict[str, Any] = {"strict": args.strict}
    if args.max_line_bytes:
        options["max_line_bytes"] = args.max_line_bytes
    fleet = report(
        args.paths,
        host=args.host_regex,
        jobs=args.jobs or 0,
        progress=_Progress(bool(args.progress)) if show else None,
        **options,
    )
    for path, why in fleet.unreadable:
        print(f"aptparse: {path}: {why}", file=sys.stderr)
    if args.html:
        tmp = f"{args.html}.tmp{os.getpid()}"
        with open(tmp, "w", encoding="utf-8") as out:
            out.write(fleet.to_html())
        os.replace(tmp, args.html)
    else:
        sys.stdout.write(fleet.to_text())
        sys.stdout.flush()
    return _status(fleet, {r for items in args.fail_on for r in items})
