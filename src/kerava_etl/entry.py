"""The console script's entry point: the CLI, and a Ctrl-C that comes while it loads."""

from __future__ import annotations

import signal
import sys

from kerava_etl.errors import SIGNAL_EXIT_BASE


def main() -> None:
    """Load the CLI and run it; stopped while loading, nothing was written."""
    try:
        from kerava_etl.cli import main as run_cli
    except KeyboardInterrupt:
        sys.stderr.write("stopped by SIGINT: nothing written, the previous output is as it was\n")
        raise SystemExit(SIGNAL_EXIT_BASE + signal.SIGINT) from None
    run_cli()
