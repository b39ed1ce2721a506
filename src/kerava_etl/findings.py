"""Findings: what the pipeline has to say about the input, each with its place."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

_VALUE_LIMIT = 120


class Severity(StrEnum):
    """How bad a finding is: errors fail the build (exit 1), warnings only under --strict."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One problem or repair, located at ``source_file:source_line`` (line ``None``: whole file)."""

    severity: Severity
    code: str
    source_file: str
    source_line: int | None
    message: str
    field: str | None = None
    value: str | None = None

    def location(self) -> str:
        """``file:line`` (or just ``file``) for terminal messages."""
        if self.source_line is None:
            return self.source_file
        return f"{self.source_file}:{self.source_line}"


def shorten(value: object, limit: int = _VALUE_LIMIT) -> str | None:
    """The offending value for a report: one line, at most ``limit`` characters."""
    if value is None:
        return None
    text = " ".join(str(value)[: limit * 4].split())  # never fold a megabyte to show 120
    return text if len(text) <= limit else text[: limit - 1] + "…"
