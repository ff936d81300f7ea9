"""Where a log may be cut into blocks that parse apart: the line that
starts each record of a splittable format, found from the file's text alone
so that the two blocks that share a cut agree on it (aptparse.dask's
``read_logs`` splits large files there)."""

from __future__ import annotations

import datetime
import re
from typing import Any, Optional

#: The splittable formats: (how a file of the format begins, the line that
#: starts each of its records, which is what the parser takes as the start
#: of a run). A file is split only when its first line has the shape.
RECORD_STARTS: dict[str, tuple[bytes, bytes]] = {
    "history.log": (rb"Start-Date: ", rb"Start-Date: "),
    "term.log": (rb"Log started: ", rb"Log started: "),
    "dpkg.log": (rb"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ",
                 rb"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d startup "),
}
# dpkg.log: apt starts dpkg several times per run, so a startup line begins
# an apt run only under the parser's gap rule (src/machine/dpkg_log_run.h;
# without history.log's windows). Its constants, and the calls after which
# the short gap applies:
DPKG_SAME_RUN_GAP = 2  # seconds
DPKG_IDLE_GAP = 60
_DPKG_CONFIGURE_CALLS = ((b"packages", b"configure"), (b"packages", b"triggers-only"))
_DPKG_TIME = "%Y-%m-%d %H:%M:%S"
_DPKG_STARTUP = re.compile(
    rb"\n(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) startup ([a-z-]+) ([a-z-]+)"
)
_DPKG_LOOKBACK = 1 << 16  # bytes before a boundary read for its context

_SEARCH_CHUNK = 1 << 20


def _record_start(head: bytes) -> Optional["re.Pattern[bytes]"]:
    """The pattern of a line that starts a record in a file that begins
    with ``head``, or None when the file is to be read whole."""
    first = head.lstrip(b"\r\n")
    for name, (begins, start) in RECORD_STARTS.items():
        if re.match(begins, first):
            if name == "dpkg.log":
                return _DPKG_STARTUP
            return re.compile(b"\n(?:" + start + b")")
    return None


def _split_pattern(fs: Any, path: str) -> Optional["re.Pattern[bytes]"]:
    with fs.open(path, "rb") as f:
        return _record_start(f.read(4096))


def _boundary(f: Any, pos: int, size: int, start: "re.Pattern[bytes]") -> int:
    """The first record start at or after ``pos``: 0, or the offset of a
    line that ``start`` matches; ``size`` when there is none."""
    if pos <= 0:
        return 0
    if pos >= size:
        return size
    if start is _DPKG_STARTUP:
        return _dpkg_boundary(f, pos, size)
    f.seek(pos - 1)  # the '\n' before a line that begins at pos
    base, buf = pos - 1, b""
    while True:
        chunk = f.read(_SEARCH_CHUNK)
        buf += chunk
        m = start.search(buf)
        if m is not None:
            return base + m.start() + 1
        if not chunk:
            return size
        keep = 64  # longer than any match: one may straddle two reads
        base += max(len(buf) - keep, 0)
        buf = buf[-keep:]


def _dpkg_time(text: bytes) -> Optional[datetime.datetime]:
    try:
        return datetime.datetime.strptime(text[:19].decode("ascii"), _DPKG_TIME)
    except (UnicodeDecodeError, ValueError):
        return None


def _dpkg_run_starts(buf: bytes, m: "re.Match[bytes]", after_configure: bool) -> bool:
    """Whether the startup line ``m`` begins a new apt run for certain: the
    line before it has a valid time (else the parser's last time may lie
    further back: not split there) and the gap reaches the rule's."""
    prev = buf[buf.rfind(b"\n", 0, m.start()) + 1 : m.start()]
    before, now = _dpkg_time(prev), _dpkg_time(m[1])
    if before is None or now is None:
        return False
    gap = (now - before).total_seconds()
    return gap >= DPKG_IDLE_GAP or (after_configure and gap >= DPKG_SAME_RUN_GAP)


def _dpkg_boundary(f: Any, pos: int, size: int) -> int:
    """The first startup line at or after ``pos`` that begins an apt run,
    judged from the file's text alone (so both blocks that share ``pos``
    agree); ``size`` when there is none."""
    base = max(pos - _DPKG_LOOKBACK, 0)
    f.seek(base)
    buf = (b"" if base else b"\n") + f.read(pos - base + _SEARCH_CHUNK)
    base -= 0 if base else 1  # buf[i] is the file's byte base + i
    after_configure = False  # unknown before the first startup in view
    done = base  # startup lines up to here are already judged
    while True:
        for m in _DPKG_STARTUP.finditer(buf):
            line = base + m.start() + 1
            if line <= done:
                continue
            if line >= pos and _dpkg_run_starts(buf, m, after_configure):
                return line
            after_configure = (m[2], m[3]) in _DPKG_CONFIGURE_CALLS
            done = line
        chunk = f.read(_SEARCH_CHUNK)
        if not chunk:
            return size
        # Keep the last two lines: a startup line and the line before it.
        cut = buf.rfind(b"\n", 0, buf.rfind(b"\n", 0, len(buf) - 1))
        cut = max(cut, 0)
        base += cut
        buf = buf[cut:] + chunk
