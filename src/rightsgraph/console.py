"""The console entry point: Ctrl-C is honoured from the first instruction, imports included.

`cli.handle_errors` turns an interrupt into one line and exit 130 once a command runs; an
interrupt that lands while the command's modules are still being imported (the first part of a
second) would otherwise end in a traceback.
"""

from __future__ import annotations

import sys

INTERRUPTED = "rightsgraph: interrupted; outputs left as they were\n"


def run(prog_name: str | None = None) -> None:
    """Import the command and run it (`rightsgraph` and `python -m rightsgraph`)."""
    try:
        from .cli import main
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED)
        sys.exit(130)
    main(prog_name=prog_name)
