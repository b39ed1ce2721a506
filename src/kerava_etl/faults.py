"""A test hook: ``KERAVA_ETL_FAULT=[kill:|pause:]STEP`` stops a build at a named step.

``kill`` (the default) sends the build SIGKILL, as a power cut or ``kill -9`` would;
``pause`` prints ``kerava-etl: paused at STEP`` to stderr and sleeps until a signal ends it.
The steps are those of replacing ``--out`` (:data:`kerava_etl.publish.outdir.STEPS`); at
``swapping``, ``retired`` and ``swapped`` SIGINT, SIGTERM and SIGHUP are held back, so
pause there only to be killed. The fault-injection tests use it; a build without the
variable runs straight through.
"""

from __future__ import annotations

import os
import signal
import sys
import time

from kerava_etl.errors import KeravaError
from kerava_etl.publish.outdir import STEPS, Checkpoint

VARIABLE = "KERAVA_ETL_FAULT"
_ACTIONS = ("kill", "pause")


def fault_hook(spec: str | None) -> Checkpoint:
    """The checkpoint that ``spec`` (the variable's value) asks for; a no-op when empty.

    A value that names no step is refused (exit 2), so a mistyped test cannot pass unstopped.
    """
    if not spec:
        return _run_on
    action, _, step = spec.rpartition(":")
    action = action or "kill"
    if action not in _ACTIONS or step not in STEPS:
        raise KeravaError(
            f"{VARIABLE}={spec!r}: expected [kill:|pause:]STEP, STEP one of {', '.join(STEPS)}"
        )

    def hook(reached: str) -> None:
        if reached != step:
            return
        if action == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        print(f"kerava-etl: paused at {step}", file=sys.stderr, flush=True)
        while True:  # until a signal handler raises
            time.sleep(3600)

    return hook


def _run_on(step: str) -> None:
    """No fault: the build runs straight through."""
