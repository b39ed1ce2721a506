"""The findings the data team has accepted, and the build's verdict: does a person need to act?

A *baseline* is ``baseline.csv`` beside the vocabularies (like a linter's): one row per
accepted warning, ``file,code,field,value,note``, matched without its line (a line moves
when the document is edited, the finding stays the same). ``kerava-etl vocab baseline``
writes one from a build's warnings. ``--strict`` fails only on the warnings the baseline
does not hold, so it gates new problems, not the known defects of a committed document.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kerava_etl.codes import CODES, Finding, Severity
from kerava_etl.errors import KeravaError

BASELINE_NAME = "baseline.csv"
COLUMNS = ("file", "code", "field", "value", "note")
# Findings about a name no vocabulary knows: a person adds it (or its spelling) there.
NAME_CODES = frozenset(
    {
        "board_unknown",
        "spearhead_unknown",
        "strategic_goal_unknown",
        "strategic_goal_uncertain",
        "party_unknown",
        "party_uncertain",
        "column_unknown",
    }
)

Key = tuple[str, str, str, str]


def key_of(finding: Finding) -> Key:
    """What a finding is, without where: file, code, field, value."""
    return (finding.source_file, finding.code, finding.field or "", finding.value or "")


def load_baseline(path: Path, shown_as: str | None = None) -> frozenset[Key]:
    """The accepted findings; none when there is no file. A row naming no registered code
    is ``file:line: what is wrong`` (exit 2)."""
    shown = shown_as or str(path)
    if not path.exists():
        return frozenset()
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, strict=True)
            rows = [(reader.line_num, row) for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise KeravaError(f"cannot be read as UTF-8 CSV: {exc}", file=shown) from None
    accepted = set()
    for line, row in rows:
        code = (row.get("code") or "").strip()
        if code not in CODES:
            raise KeravaError(f"{code!r} is no finding code", file=shown, line=line)
        accepted.add(
            (
                (row.get("file") or "").strip(),
                code,
                (row.get("field") or "").strip(),
                row.get("value") or "",
            )
        )
    return frozenset(accepted)


def baseline_text(findings: Iterable[Finding]) -> str:
    """A baseline accepting every warning of ``findings``, in order, each once, its first
    place and message as the note for the reviewer."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    accepted: dict[Key, str] = {}
    for f in findings:
        if f.severity == Severity.WARNING:
            accepted.setdefault(key_of(f), f"{f.location()}: {f.message}")
    for key, note in accepted.items():
        writer.writerow([*key, note])
    return out.getvalue()


@dataclass(frozen=True)
class Verdict:
    """What a build leaves for a person: counts, and whether anyone must act."""

    records: int
    defects: int  # the rows' known source defects, repaired or flagged
    accepted: int  # warnings the baseline holds
    new_names: int  # names no vocabulary knows, not accepted
    new_problems: int  # other warnings and the errors, not accepted

    @property
    def act(self) -> bool:
        return bool(self.new_names or self.new_problems)


def verdict(records: int, findings: Sequence[Finding], accepted: frozenset[Key]) -> Verdict:
    """The verdict on a build's findings, against the accepted ones."""
    new = [
        f
        for f in findings
        if f.severity in (Severity.WARNING, Severity.ERROR) and key_of(f) not in accepted
    ]
    return Verdict(
        records,
        sum(1 for f in findings if CODES[f.code].in_record),
        sum(1 for f in findings if f.severity == Severity.WARNING and key_of(f) in accepted),
        sum(1 for f in new if f.code in NAME_CODES),
        sum(1 for f in new if f.code not in NAME_CODES),
    )


def failing(findings: Sequence[Finding], accepted: frozenset[Key], *, strict: bool) -> bool:
    """Whether the findings fail the build: an error; with ``strict``, a warning the
    baseline does not hold."""
    if any(f.severity == Severity.ERROR for f in findings):
        return True
    return strict and any(
        f.severity == Severity.WARNING and key_of(f) not in accepted for f in findings
    )
