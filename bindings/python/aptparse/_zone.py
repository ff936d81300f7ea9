"""The ``tz=`` argument: a zone name for the C++ options::timezone."""

from __future__ import annotations

import datetime
from typing import Union

#: The ``tz=`` of parse(), parse_file(), Parser and iter_transactions().
TimeZone = Union[str, datetime.tzinfo, None]


def _zone_name(tz: TimeZone) -> str:
    """The C++ options::timezone of ``tz``: an IANA name, "UTC" or
    "+HH:MM"; "" for None."""
    if tz is None:
        return ""
    if isinstance(tz, str):
        return tz
    if not isinstance(tz, datetime.tzinfo):
        raise TypeError(
            f"tz must be a str or a datetime.tzinfo, not {type(tz).__name__}"
        )
    # zoneinfo.ZoneInfo has .key, pytz's zones .zone: IANA names.
    for attr in ("key", "zone"):
        name = getattr(tz, attr, None)
        if isinstance(name, str):
            return name
    if isinstance(tz, datetime.timezone):
        off = tz.utcoffset(None)
        minutes, rest = divmod(int(off.total_seconds()), 60)
        if rest == 0 and off.microseconds == 0:
            sign = "-" if minutes < 0 else "+"
            return f"{sign}{abs(minutes) // 60:02}:{abs(minutes) % 60:02}"
    raise ValueError(
        f"tz {tz!r} names no zone aptparse can read: give an IANA name, "
        "a zoneinfo.ZoneInfo or a datetime.timezone of whole minutes"
    )
