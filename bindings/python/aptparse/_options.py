"""The parser options: the keyword arguments that parse(), parse_file(),
Parser() and iter_transactions() take, declared once.

The C++ module checks them (bindings/python/src/options.cpp) and knows
their defaults (``_core.OPTION_DEFAULTS``); test_api.py checks that this
declaration names the same options with the same types.
"""

from __future__ import annotations

from typing import TypedDict

from ._runs import AptRuns
from ._zone import TimeZone


class Options(TypedDict, total=False):
    """The parser options (C++ ``aptparse::options``, options.h), each
    optional:

    * ``max_line_bytes`` (1 MiB, at least 1): a longer line is cut to this
      many bytes and reported as a ``line_too_long`` diagnostic.
    * ``max_packages_per_list`` (1 << 20): more packages in one set are
      reported as ``too_many_packages`` (and never more than about 10^8
      are kept, the bound of the builder's index).
    * ``max_transactions`` (0 = no limit): parse() and parse_file() keep at
      most this many transactions and report the rest as
      ``Report.dropped_transactions``.
    * ``max_unrecognized_kept`` (64): the text of this many unrecognised
      lines is kept per transaction; all are counted.
    * ``strict`` (False): the first input diagnostic stops the parse
      (``Report.error``; Parser.feed() raises ParseError).
    * ``tz`` (None): the zone of the local times in apt's logs
      (``Transaction.start``, ``end``): an IANA name such as
      ``"Europe/Berlin"``, ``"UTC"``, ``"+01:00"``, a ``zoneinfo.ZoneInfo``
      or a ``datetime.timezone``. The times are then aware, each with the
      UTC offset the zone had at that time; None keeps them naive. A zone
      the system's zoneinfo does not know raises ValueError.
    * ``apt_runs`` (None): apt's runs on the same host (a Report of its
      history.log, or what apt_runs_of() returns) to group a dpkg.log's
      lines by: one Transaction per apt run.

    A wrong type raises TypeError, a value below the least ValueError.
    """

    max_line_bytes: int
    max_packages_per_list: int
    max_transactions: int
    max_unrecognized_kept: int
    strict: bool
    tz: TimeZone
    apt_runs: AptRuns
