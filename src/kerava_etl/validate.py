"""Stage 4, validate: every record through the pydantic model, then dataset-level checks.

Nothing stops at the first problem: every problem becomes a :class:`Finding`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from pydantic import TypeAdapter, ValidationError

from kerava_etl import vocab
from kerava_etl.findings import Finding, Severity, shorten
from kerava_etl.models import Action

_ACTIONS = TypeAdapter(list[Action])
_BATCH = 5000
_TEXT_FIELDS = ("strategic_goals", "sector_goal", "action", "responsible", "risks", "metrics")


def validate_records(
    records: Sequence[dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[Finding]]:
    """Validate records against the model, in batches; keep the valid ones (as dicts).

    The model instances are only a check: they are dropped batch by batch, so a large
    corpus is held in memory once, as the records themselves.
    """
    valid: list[dict[str, Any]] = []
    findings: list[Finding] = []
    for start in range(0, len(records), _BATCH):
        batch = records[start : start + _BATCH]
        try:
            _ACTIONS.validate_python(batch)
            valid.extend(batch)
        except ValidationError as exc:
            bad = _errors_by_record(exc, batch)
            findings.extend(f for group in bad.values() for f in group)
            valid.extend(r for i, r in enumerate(batch) if i not in bad)
    return valid, findings + dataset_findings(records)


def _errors_by_record(
    exc: ValidationError, batch: Sequence[dict[str, Any]]
) -> dict[int, list[Finding]]:
    bad: dict[int, list[Finding]] = {}
    for error in exc.errors():
        index = error["loc"][0]
        assert isinstance(index, int)
        record = batch[index]
        field = ".".join(str(part) for part in error["loc"][1:]) or None
        bad.setdefault(index, []).append(
            Finding(
                Severity.ERROR,
                "invalid_record",
                record.get("source_file", "?"),
                record.get("source_line"),
                f"{field}: {error['msg']}",
                field=field,
                value=shorten(error.get("input")),
            )
        )
    return bad


def dataset_findings(records: Sequence[dict[str, Any]]) -> list[Finding]:
    """Checks across records: unique ids, an action or a flag saying why not, no empty record."""
    findings = []
    counts = Counter(r.get("action_id") for r in records)
    for record in records:
        where = (record.get("source_file", "?"), record.get("source_line"))
        if counts[record.get("action_id")] > 1:
            findings.append(
                Finding(
                    Severity.ERROR,
                    "duplicate_action_id",
                    *where,
                    "action_id is not unique",
                    field="action_id",
                    value=record.get("action_id"),
                )
            )
        if not any(record.get(name) for name in _TEXT_FIELDS):
            findings.append(
                Finding(
                    Severity.ERROR,
                    "empty_record",
                    *where,
                    "the row has a spearhead but no goal, action, responsible, risk or metric",
                )
            )
        elif record.get("action") is None and not record.get("quality_flags"):
            findings.append(
                Finding(
                    Severity.ERROR,
                    "action_unexplained",
                    *where,
                    "action is null and no quality flag says why",
                    field="action",
                )
            )
        findings.extend(_vocabulary_findings(record, where))
    return findings


def _vocabulary_findings(record: dict[str, Any], where: tuple[str, int | None]) -> list[Finding]:
    """A board or spearhead outside its vocabulary must carry its ``*_unknown`` flag."""
    findings = []
    for name, vocabulary in (("board", vocab.boards()), ("spearhead", vocab.spearheads())):
        value = record.get(name)
        flagged = f"{name}_unknown" in record.get("quality_flags", ())
        if value is not None and value not in vocabulary.canonical_names and not flagged:
            findings.append(
                Finding(
                    Severity.ERROR,
                    "vocabulary_unflagged",
                    *where,
                    f"{name} is not a canonical name and is not flagged {name}_unknown",
                    field=name,
                    value=shorten(value),
                )
            )
    return findings
