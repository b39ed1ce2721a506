"""The console script's entry point: signal handling first, then the CLI.

A signal that comes while the CLI is still loading, or before the build began, stops the
program with the build's own answer (exit 128 + the signal's number, nothing written).
"""

from __future__ import annotations

import signal
import sys

from kerava_etl.errors import SIGNAL_EXIT_BASE, Terminated
from kerava_etl.stopping import StoppingSignals


def main() -> None:
    """Answer signals, load the CLI and run it."""
    stopping = StoppingSignals()
    try:
        stopping.install()
        from kerava_etl.cli import main as run_cli

        run_cli(stopping)
    except (KeyboardInterrupt, Terminated) as stop:  # before the build began
        signum = stop.signum if isinstance(stop, Terminated) else int(signal.SIGINT)
        stopping.ignore()
        sys.stderr.write(
            f"stopped by {signal.Signals(signum).name}: nothing written, the previous output "
            "is as it was\n"
        )
        raise SystemExit(SIGNAL_EXIT_BASE + signum) from None
