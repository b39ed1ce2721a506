"""The project's own error types and the CLI's exit codes."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of ``kerava-etl build``; documented in ``--help`` and the README."""

    OK = 0  # built; warnings allowed
    INVALID = 1  # the input was read but holds errors (or warnings under --strict)
    UNREADABLE = 2  # the input could not be read, holds no programme table, or bad usage
    INTERNAL = 3  # a bug in kerava-etl, reported without a traceback (--debug shows it)


class KeravaError(Exception):
    """An input problem that stops the build, with its place in the source.

    ``file`` and ``line`` (1-based) say where; ``line`` is ``None`` when the problem is
    the file as a whole. ``str(error)`` is ``file:line: message`` for the terminal.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        exit_code: ExitCode = ExitCode.UNREADABLE,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.exit_code = exit_code

    def __str__(self) -> str:
        place = ":".join(printable(str(p)) for p in (self.file, self.line) if p is not None)
        return f"{place}: {self.message}" if place else self.message


class Terminated(BaseException):
    """The build was asked to stop by a signal (SIGTERM, SIGHUP), raised from the signal
    handler so that every ``finally`` cleans up as for ``KeyboardInterrupt`` (SIGINT).

    A ``BaseException``, like ``KeyboardInterrupt``, so that no ``except Exception`` stops it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class InternalError(Exception):
    """A state no input can lead to: a bug in kerava-etl (exit 3), never the input's fault."""


# A build stopped by a signal before its output was written exits 128 + the signal's
# number, as a shell reports a process the signal killed: 130 SIGINT, 143 SIGTERM, 129 SIGHUP.
SIGNAL_EXIT_BASE = 128


def printable(name: str) -> str:
    """A file name as one line of a message: a line break or other control character as
    an escape (``a\\nb.txt``), so ``file:line: message`` stays one line."""
    if name.isprintable():
        return name
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in name)
