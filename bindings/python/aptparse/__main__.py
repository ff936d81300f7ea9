"""python -m aptparse: the aptparse command-line tool, in Python.

Flags, exit status and the --json output are those of the C++ CLI
(src/cli/): the JSON lines are byte-identical (Parser.feed_json runs the
C++ writer, with no Python objects in between). The human-readable output is a simpler format. Gzip-compressed
files are decompressed as they are read, with Python's gzip module.
"""

from __future__ import annotations

import collections
import concurrent.futures
import gzip
import io
import os
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, BinaryIO

from . import (
    SET_NAMES,
    ParseError,
    Transaction,
    __version__,
    _core,
)
from . import Parser as _Parser
from . import TruncatedFileError

def _open_log(path: str | bytes) -> tuple[io.BufferedIOBase, io.BufferedIOBase | None]:
    """Opens a log; returns (stream, raw file). Gzip by magic bytes."""
    raw = open(path, "rb")  # FileNotFoundError, IsADirectoryError, ...
    try:
        head = raw.peek(2)[:2]
        if head == b"\x1f\x8b":
            return gzip.GzipFile(fileobj=raw, mode="rb"), raw
        return raw, None
    except BaseException:
        raw.close()
        raise


def _read_chunks(
    stream: IO[bytes] | io.BufferedIOBase, name: str, chunk_size: int
) -> Iterator[memoryview]:
    """Yields views of one reused buffer; each is valid until the next."""
    buf = bytearray(chunk_size)
    view = memoryview(buf)
    readinto = getattr(stream, "readinto1", None) or getattr(stream, "readinto")
    while True:
        try:
            n = readinto(buf)
        except EOFError as e:
            raise TruncatedFileError(
                f"{name}: compressed file is truncated ({e})"
            ) from e
        except (gzip.BadGzipFile, zlib.error) as e:
            raise ParseError(f"{name}: corrupt gzip data ({e})") from e
        if not n:
            return
        yield view[:n]


EXIT_FOUND, EXIT_NONE, EXIT_ERROR = 0, 1, 2
CHUNK = 1 << 20


@dataclass
class Settings:
    json: bool = False
    unbuffered: bool = False
    strict: bool = False
    max_line_bytes: int = _core.DEFAULT_MAX_LINE_BYTES
    jobs: int = 0
    help: bool = False
    version: bool = False
    files: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Flag:
    long_name: str
    short_name: str  # "" for none
    takes_number: bool
    help: str
    apply: Callable[[Settings, int], None]


def _set(attr: str, value: object = True) -> Callable[[Settings, int], None]:
    def apply(s: Settings, n: int) -> None:
        setattr(s, attr, n if value is None else value)

    return apply


FLAGS: tuple[Flag, ...] = (
    Flag("json", "", False,
         "Print JSON Lines: one object per transaction (schema in README.md).",
         _set("json")),
    Flag("unbuffered", "", False,
         "Flush the output after every transaction (for pipes).",
         _set("unbuffered")),
    Flag("strict", "", False,
         "Treat input diagnostics (unknown line inside a list, overlong line) "
         "as errors.",
         _set("strict")),
    Flag("max-line-bytes", "", True,
         "Cut lines longer than N bytes (default 1048576) and report them.",
         _set("max_line_bytes", None)),
    Flag("jobs", "j", True,
         "Parse up to N files at once (default: one per core).",
         _set("jobs", None)),
    Flag("help", "h", False, "Show this help and exit.", _set("help")),
    Flag("version", "V", False, "Show the version and exit.", _set("version")),
)


class UsageError(Exception):
    pass


def _positive(text: str) -> int | None:
    # As std::from_chars: decimal digits only, no sign, no spaces.
    if not text or not text.isascii() or not text.isdigit():
        return None
    n = int(text)
    return n if 0 < n < 1 << 64 else None


def parse_flags(argv: Sequence[str]) -> Settings:
    """Parses the arguments (without the program name) as the C++ CLI."""
    out = Settings()
    only_files = False
    i = 0
    while i < len(argv):
        a = argv[i]
        i += 1
        if only_files or a == "-" or not a.startswith("-"):
            out.files.append(a)
            continue
        if a == "--":
            only_files = True
            continue
        flag: Flag | None = None
        value = ""
        has_value = False
        if a.startswith("--"):
            name = a[2:]
            if "=" in name:
                name, value = name.split("=", 1)
                has_value = True
            flag = next((f for f in FLAGS if f.long_name == name), None)
        elif len(a) >= 2:
            flag = next((f for f in FLAGS if f.short_name == a[1]), None)
            if len(a) > 2:
                value = a[2:]
                has_value = True
        if flag is None:
            raise UsageError(f"unknown option '{a}'")
        n = 0
        if flag.takes_number:
            if not has_value:
                if i >= len(argv):
                    raise UsageError(f"option '--{flag.long_name}' needs a number")
                value = argv[i]
                i += 1
            parsed = _positive(value)
            if parsed is None:
                raise UsageError(
                    f"option '--{flag.long_name}' needs a positive number, "
                    f"not '{value}'"
                )
            n = parsed
        elif has_value:
            raise UsageError(f"option '--{flag.long_name}' takes no value")
        flag.apply(out, n)
    return out


def help_text() -> str:
    lines = [
        "Usage: aptparse [OPTIONS] [FILE...]",
        "",
        "Reads what apt, apt-get and dpkg printed and reports what changed:",
        "upgraded, newly installed, removed, not upgraded (kept back or",
        "deferred by phasing) and more, with versions, apt's counts, sizes",
        "and errors. Reads standard input when FILE is absent or '-'.",
        "",
        "Options:",
    ]
    for f in FLAGS:
        name = f"-{f.short_name}, " if f.short_name else "    "
        name += f"--{f.long_name}"
        if f.takes_number:
            name += " N"
        lines.append(f"  {name:<24}{f.help}")
    lines += [
        "",
        "Exit status:",
        "  0  at least one apt transaction was parsed",
        "  1  no transaction was found",
        "  2  an error: a file could not be read, or a usage error",
        "",
        "Example:",
        "  apt-get -s upgrade | aptparse --json",
        "",
    ]
    return "\n".join(lines)


def _human_bytes(n: float) -> str:
    units = ("B", "kB", "MB", "GB", "TB", "PB")
    v, unit = abs(n), 0
    while v >= 1000 and unit < 5:
        v /= 1000
        unit += 1
    return f"{'-' if n < 0 else ''}{v:.{0 if unit == 0 else 1}f} {units[unit]}"


def format_text(t: Transaction, source: str) -> str:
    """A readable summary of one transaction."""
    incomplete = "" if t.complete else " (incomplete: the log was cut off)"
    out = [f"{source or '-'}:{t.first_line}-{t.last_line}: apt transaction{incomplete}"]
    for name in SET_NAMES:
        pkgs = t.set(name)
        if pkgs:
            out.append(f"  {name} ({len(pkgs)}): " + ", ".join(map(str, pkgs)))
    if t.counts is not None:
        c = t.counts
        line = (
            f"  apt's counts: {c.upgraded} upgraded, {c.newly_installed} newly "
            f"installed, {c.reinstalled} reinstalled, {c.downgraded} downgraded, "
            f"{c.to_remove} to remove, {c.not_upgraded} not upgraded"
        )
        if c.not_fully_installed:
            line += f", {c.not_fully_installed} not fully installed"
        out.append(line)
        verdict = f"  consistency: {t.consistency.verdict}"
        if t.consistency.mismatches:
            verdict += f" (differ: {', '.join(t.consistency.mismatches)})"
        if t.consistency.unverifiable:
            verdict += f" (not listed by apt: {', '.join(t.consistency.unverifiable)})"
        out.append(verdict)
    else:
        out.append("  apt's counts: not printed")
    z = t.sizes
    if z.download is not None:
        total = f" of {_human_bytes(z.download_total)}" if z.download_total is not None else ""
        out.append(f"  download: {_human_bytes(z.download)}{total}")
    if z.disk_change is not None:
        sign = "+" if z.disk_change >= 0 else ""
        out.append(f"  disk space: {sign}{_human_bytes(z.disk_change)}")
    for m in t.messages:
        out.append(f"  {m.level} (line {m.line}): {m.text}")
    if t.unrecognized_count:
        out.append(f"  unrecognized lines: {t.unrecognized_count}")
    for d in t.diagnostics:
        out.append(f"  diagnostic (line {d.line}): {d.message}")
    return "\n".join(out) + "\n"


@dataclass
class Outcome:
    output: list[bytes] = field(default_factory=list)
    error: str = ""
    note: str = ""  # what an input without transactions held
    transactions: int = 0


def _source_name(path: str) -> bytes:
    return b"-" if path == "-" else os.fsencode(path)


def run_one(cfg: Settings, path: str, write: Callable[[bytes], None] | None) -> Outcome:
    """Parses one input. With ``write``, each transaction is written as it
    ends; otherwise the output collects in the Outcome."""
    result = Outcome()
    source = _source_name(path)
    parser = _Parser(max_line_bytes=cfg.max_line_bytes, strict=cfg.strict)

    def emit(ts: list[Transaction]) -> None:
        for t in ts:
            result.transactions += 1
            text = format_text(t, os.fsdecode(source))
            out(text.encode("utf-8", "surrogateescape"))

    def emit_json(lines: bytes) -> None:
        # JSON Lines straight from the C++ writer: one line per transaction.
        result.transactions += lines.count(b"\n")
        if lines:
            out(lines)

    def out(data: bytes) -> None:
        if write is not None:
            write(data)
        else:
            result.output.append(data)

    def feed(chunk: memoryview) -> None:
        if cfg.json:
            emit_json(parser.feed_json(chunk, source))
        else:
            emit(parser.feed(chunk))

    def finish() -> None:
        if cfg.json:
            emit_json(parser.finish_json(source))
        else:
            emit(parser.finish())

    stream: io.BufferedIOBase | BinaryIO
    raw: io.BufferedIOBase | None = None
    try:
        if path == "-":
            stream = sys.stdin.buffer
            peek = getattr(stream, "peek", None)
            if peek is not None and peek(2)[:2] == b"\x1f\x8b":
                result.error = "gzip-compressed standard input; pipe it through zcat"
                return result
        else:
            stream, raw = _open_log(path)
    except OSError as e:
        result.error = e.strerror or str(e)
        return result
    try:
        try:
            for chunk in _read_chunks(stream, path, CHUNK):
                feed(chunk)
        except ParseError as e:
            if e.code:  # strict violation: as the C++ tool says it
                result.error = f"line {e.line}: {_core.error_message(e.code)}"
            else:  # a truncated or corrupt .gz
                cause = e.__cause__
                result.error = "corrupt or truncated gzip data" + (
                    f" ({cause})" if cause else "")
        except OSError as e:
            result.error = e.strerror or str(e)
        # As the C++ tool: what was read before an error is still reported.
        try:
            finish()
        except ParseError as e:
            if not result.error:
                result.error = f"line {e.line}: {_core.error_message(e.code)}"
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
        if raw is not None:
            raw.close()
    # Nothing is lost silently: an input with no apt run says what it held.
    rest = parser.report()
    if result.transactions == 0 and rest.stats.lines > 0:
        diag = f", {rest.diagnostics[0].message}" if rest.diagnostics else ""
        result.note = (f"no apt transaction in {rest.stats.lines} lines "
                       f"({rest.unrecognized_count} unrecognized{diag})")
    return result


def _report_note(path: str, o: Outcome) -> None:
    if o.note:
        _report_error(path, o.note)


def _report_error(path: str, reason: str) -> None:
    sys.stdout.flush()
    name = "(standard input)" if path == "-" else path
    sys.stderr.write(f"aptparse: {name}: {reason}\n")
    sys.stderr.flush()


def _tally(path: str, o: Outcome, found: bool, error: bool) -> tuple[bool, bool]:
    """Reports one input's note and error (after its output, as the C++
    tool does); returns (found, error) updated with it."""
    _report_note(path, o)
    if o.error:
        _report_error(path, o.error)
    return found or o.transactions > 0, error or bool(o.error)


def run(argv: Sequence[str]) -> int:
    try:
        cfg = parse_flags(argv)
    except UsageError as e:
        sys.stderr.write(
            f"aptparse: {e}\nUsage: aptparse [OPTIONS] [FILE...]\n"
            "Try 'aptparse --help' for more information.\n"
        )
        return EXIT_ERROR
    out = sys.stdout.buffer
    if cfg.help:
        out.write(help_text().encode())
        out.flush()
        return EXIT_FOUND
    if cfg.version:
        out.write(f"aptparse {__version__}\n".encode())
        out.flush()
        return EXIT_FOUND
    if not cfg.files:
        cfg.files.append("-")
    jobs = cfg.jobs or (os.cpu_count() or 1)
    jobs = min(jobs, len(cfg.files))

    def write(b: bytes) -> None:
        out.write(b)
        if cfg.unbuffered:
            out.flush()

    found, error = False, False
    if jobs > 1:
        # The GIL is released while C++ parses, so threads run in parallel.
        # Results are printed in file order.
        # At most 2 * jobs outputs are buffered at once, as in the C++ tool.
        with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
            window: collections.deque[concurrent.futures.Future[Outcome]] = (
                collections.deque()
            )
            pending = iter(cfg.files)
            for path in cfg.files:
                while len(window) < 2 * jobs:
                    nxt = next(pending, None)
                    if nxt is None:
                        break
                    window.append(pool.submit(run_one, cfg, nxt, None))
                o = window.popleft().result()
                for line in o.output:
                    out.write(line)
                if cfg.unbuffered:
                    out.flush()
                found, error = _tally(path, o, found, error)
    else:
        for path in cfg.files:
            found, error = _tally(path, run_one(cfg, path, write), found, error)
    out.flush()
    return EXIT_ERROR if error else (EXIT_FOUND if found else EXIT_NONE)


def main() -> None:
    try:
        status = run(sys.argv[1:])
    except BrokenPipeError:
        # The reader went away (| head): exit quietly, as C tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        status = EXIT_ERROR
    sys.exit(status)


if __name__ == "__main__":
    main()
