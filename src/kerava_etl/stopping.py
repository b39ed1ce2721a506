"""Signals while a build runs: SIGTERM and SIGHUP stop it the way Ctrl-C does, by an
exception, so that every ``finally`` removes what the build had begun; once its exit code
is chosen, no signal changes it. Set up first thing by the entry point (a light module:
nothing heavy is imported before a signal can be answered)."""

from __future__ import annotations

import signal
import threading
from typing import Any

from kerava_etl.errors import Terminated

# Signals that stop a build as SIGINT (KeyboardInterrupt) does.
STOPPING_SIGNALS = ("SIGTERM", "SIGHUP")
# What a signal does when nobody has set a handler (Python's own for SIGINT).
_DEFAULT_HANDLERS = (signal.SIG_DFL, signal.default_int_handler)


class StoppingSignals:
    """SIGTERM and SIGHUP raise :class:`Terminated`, and SIGINT KeyboardInterrupt, while the
    build runs; a signal ignored when the build started (``nohup``) stays ignored. Once the
    outcome is settled (:meth:`settle`), a signal changes nothing: the exit code stands."""

    def __init__(self) -> None:
        self.settled = False
        self.installed: dict[int, Any] = {}  # signal -> the handler before
        self.received: int | None = None  # the signal that came, once one has

    def install(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for name in ("SIGINT", *STOPPING_SIGNALS):
            signum = getattr(signal, name, None)
            if signum is not None and signal.getsignal(signum) in _DEFAULT_HANDLERS:
                self.installed[signum] = signal.signal(signum, self.stop)

    def stop(self, signum: int, frame: object) -> None:
        if self.settled:
            return
        self.received = signum
        self.check()

    def check(self) -> None:
        """Raise for a signal that came, if one did. The handler raises at once; Python may
        lose that exception (one raised while it compiles a module), so the build checks
        again where stopping is safe (before its output is swapped in)."""
        if self.received is None or self.settled:
            return
        if self.received == signal.SIGINT:
            raise KeyboardInterrupt
        raise Terminated(self.received)

    def settle(self) -> None:
        """The exit code is chosen: signals are ignored from now on."""
        self.settled = True

    def restore(self) -> None:
        """The handlers as they were (for a build run in-process)."""
        for signum, previous in self.installed.items():
            signal.signal(signum, previous)

    def ignore(self) -> None:
        """The process is ending: ignore the signals outright, in every thread, through the
        interpreter's exit (which puts back the default action of a Python handler, and so
        would let a signal turn the chosen exit code into a death by signal)."""
        for signum in self.installed:
            signal.signal(signum, signal.SIG_IGN)
