"""The parser options: the keyword arguments that parse(), parse_file(),
Parser() and iter_transactions() take, declared once.

The C++ module checks them (bindings/python/src/options.cpp) and knows
their defaults (``_core.OPTION_DEFAULTS``); test_api.py checks that this
declaration names the same options with the same types.
"""

from __future__ import annotations

from typing import TypedDict


class Options(TypedDict, total=False):
    """The parser options (C++ ``aptparse::options``, options.h), each
    optional:

    * ``max_line_bytes`` (1 MiB, at least 1): a longer line is cut to this
      many bytes and reported as a ``line_too_long`` diagnostic.
    * ``max_packages_per_list`` (1 << 20): more packages in one set are
      reported as ``too_many_packages``.
    * ``max_transactions`` (0 = no limit): parse() and parse_file() keep at
      most this many transactions and report the rest as
      ``Report.dropped_transactions``.
    * ``max_unrecognized_kept`` (64): the text of this many unrecognised
      lines is kept per transaction; all are counted.
    * ``strict`` (False): the first input diagnostic stops the parse
      (``Report.error``; Parser.feed() raises ParseError).

    A wrong type raises TypeError, a value below the least ValueError.
    """

    max_line_bytes: int
    max_packages_per_list: int
    max_transactions: int
    max_unrecognized_kept: int
    strict: bool
