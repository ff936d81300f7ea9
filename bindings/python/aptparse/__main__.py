"""python -m aptparse: the aptparse command (see ``aptparse --help``).

This is the C++ command itself (src/cli/run.cpp, through _core.run_cli),
not a copy: flags, output, messages and exit status are the same. The
``report`` subcommand is Python (aptparse/_fleet_cli.py), as it is when
the C++ executable runs it.
"""

from __future__ import annotations

import os
import signal
import sys

from . import _core


def main(argv: list[str] | None = None) -> int:
    """Runs the command on the process's stdin/stdout/stderr."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["report"]:
        from ._fleet_cli import main as report_main

        return report_main(args[1:])
    # Behave as the executable does: Ctrl-C and a closed pipe end it (the
    # C++ code runs without the GIL, so Python's handlers would only run
    # after it).
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.stdout.flush()
    sys.stderr.flush()
    return int(_core.run_cli([os.fsencode(a) for a in args]))


if __name__ == "__main__":
    sys.exit(main())
