"""Stage 3, normalise: raw rows -> action records (plain dicts), and findings.

Per row, in this order: clean every cell (:mod:`kerava_etl.text`); inherit the leading
cells of a merged row from the row above in the same table; shift back a row whose cells
moved left over a missing one; swap back risk and metric when they are apparently swapped;
resolve board and spearhead in their vocabularies; flag what was found.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from kerava_etl import vocab
from kerava_etl.config import COLUMN_FIELDS, LIST_FIELDS, N_COLUMNS
from kerava_etl.findings import Finding, Severity, shorten
from kerava_etl.parse import Progress, RawRow
from kerava_etl.quality import FLAGS, is_achievement_phrase, mixed_script_words
from kerava_etl.text import CellText, cell_items

_ACTION, _RESPONSIBLE, _RISKS, _METRICS = (
    COLUMN_FIELDS.index(name) for name in ("action", "responsible", "risks", "metrics")
)
_EMPTY = CellText(())
_PROGRESS_STEP = 1000


@dataclass
class _Row:
    raw: RawRow
    cells: list[CellText]
    filled_down: list[str]
    flags: set[str]
    notes: dict[str, tuple[str | None, str | None]]  # flag -> (field, offending value)


def normalise_rows(
    raw_rows: Sequence[RawRow], progress: Progress | None = None
) -> tuple[list[dict[str, Any]], list[Finding]]:
    """Turn parsed rows (of one or more documents) into records without ``action_id``."""
    rows = []
    for raw in raw_rows:
        rows.append(_Row(raw, [cell_items(c) for c in raw.cells], [], set(), {}))
        if progress is not None and len(rows) % _PROGRESS_STEP == 0:
            progress("normalise", len(rows), len(raw_rows))
    responsible_names = _responsible_names(rows)
    previous: _Row | None = None
    for row in rows:
        if previous is not None and previous.raw.table != row.raw.table:
            previous = None
        _fill_down(row, previous)
        _unshift(row, responsible_names)
        _unswap_risk_metric(row)
        previous = row
    records: list[dict[str, Any]] = []
    findings: list[Finding] = []
    for row in rows:
        record = _record(row)
        if record is None:
            findings.append(
                Finding(
                    Severity.ERROR,
                    "spearhead_missing",
                    row.raw.source_file,
                    row.raw.source_line,
                    "the row has no Strateginen kärki and no row above to inherit it from; "
                    "the row was not read",
                    field="spearhead",
                )
            )
            continue
        records.append(record)
        findings.extend(_flag_findings(row, record))
    return records, findings


def _fill_down(row: _Row, previous: _Row | None) -> None:
    """A row whose leading cells are empty continues the merged cells of the row above."""
    leading = 0
    while leading < N_COLUMNS and not row.cells[leading].items:
        leading += 1
    if leading == 0 or leading == N_COLUMNS:
        return
    if previous is None:
        _flag(row, "continuation_without_row_above", COLUMN_FIELDS[0], None)
        return
    for index in range(leading):
        row.cells[index] = previous.cells[index]
        row.filled_down.append(COLUMN_FIELDS[index])


def _unshift(row: _Row, responsible_names: frozenset[str]) -> None:
    """Last cell empty and Toimenpide reads like a Vastuu: a cell went missing; shift back."""
    cells = row.cells
    if cells[_METRICS].items or not cells[_RESPONSIBLE].items or "action" in row.filled_down:
        return
    if not _reads_like_responsible(cells[_ACTION], responsible_names):
        return
    _flag(row, "cells_shifted", "action", cells[_ACTION].joined())
    cells[_ACTION:] = [_EMPTY, cells[_ACTION], cells[_RESPONSIBLE], cells[_RISKS]]


def _responsible_names(rows: Iterable[_Row]) -> frozenset[str]:
    """Every comma-separated name seen in the document's Vastuu cells, case-folded."""
    names = set()
    for row in rows:
        for item in row.cells[_RESPONSIBLE].items:
            names.update(_name_parts(item))
    return frozenset(names)


def _name_parts(text: str) -> list[str]:
    return [part.strip(" .").casefold() for part in text.split(",") if part.strip(" .")]


def _reads_like_responsible(cell: CellText, names: frozenset[str]) -> bool:
    parts = [part for item in cell.items for part in _name_parts(item)]
    return bool(parts) and all(part in names for part in parts)


def _unswap_risk_metric(row: _Row) -> None:
    """An achievement phrase in Riski while Mittari reads like a risk: swap them back."""
    risks, metrics = row.cells[_RISKS], row.cells[_METRICS]
    risk_text, metric_text = risks.joined() or "", metrics.joined() or ""
    if metric_text and is_achievement_phrase(risk_text) and not is_achievement_phrase(metric_text):
        _flag(row, "risk_metric_swapped", "risks", risk_text)
        row.cells[_RISKS], row.cells[_METRICS] = metrics, risks


def _flag(row: _Row, code: str, field: str | None, value: str | None) -> None:
    row.flags.add(code)
    row.notes.setdefault(code, (field, value))


def _record(row: _Row) -> dict[str, Any] | None:
    values: dict[str, Any] = {}
    for name, cell in zip(COLUMN_FIELDS, row.cells, strict=True):
        values[name] = list(cell.items) if name in LIST_FIELDS else cell.joined()
    spearhead_raw = values.pop("spearhead")
    if spearhead_raw is None:
        return None
    spearhead_raw = spearhead_raw.replace("\n", " ")
    spearhead = vocab.spearheads().resolve(spearhead_raw)
    _flag_vocabulary(row, "spearhead", spearhead)

    board = vocab.boards().resolve(row.raw.board.name) if row.raw.board else None
    if board is None:
        _flag(row, "board_missing", "board", None)
    else:
        _flag_vocabulary(row, "board", board)

    own = [
        cell
        for cell, name in zip(row.cells, COLUMN_FIELDS, strict=True)
        if name not in row.filled_down
    ]
    if any(cell.rejoined for cell in own):
        _flag(row, "hyphenation_rejoined", None, None)
    # In column order: LIST_FIELDS is a set, whose order changes from run to run.
    texts = [
        text
        for name in COLUMN_FIELDS[1:]
        for text in (values[name] if name in LIST_FIELDS else [values[name]])
        if text
    ]
    odd = [word for text in texts for word in mixed_script_words(text)]
    if odd:
        _flag(row, "mixed_script", None, ", ".join(odd))
    if values["action"] is None and "cells_shifted" not in row.flags:
        _flag(row, "action_missing", "action", None)

    return {
        "source_file": row.raw.source_file,
        "source_line": row.raw.source_line,
        "section": row.raw.section,
        "board": board.canonical if board else None,
        "board_raw": board.raw if board else None,
        "spearhead": spearhead.canonical,
        "spearhead_raw": spearhead_raw,
        "strategic_goals": values["strategic_goals"],
        "sector_goal": values["sector_goal"],
        "action": values["action"],
        "responsible": values["responsible"],
        "risks": values["risks"],
        "metrics": values["metrics"],
        "filled_down": list(row.filled_down),
        "quality_flags": sorted(row.flags),
    }


def _flag_vocabulary(row: _Row, field: str, resolved: vocab.Resolved) -> None:
    if not resolved.known:
        hint = f" (nearest known: {resolved.hint})" if resolved.hint else ""
        _flag(row, f"{field}_unknown", field, resolved.raw + hint)
    elif resolved.is_alias:
        _flag(row, f"{field}_alias", field, f"{resolved.raw} -> {resolved.canonical}")


def _flag_findings(row: _Row, record: dict[str, Any]) -> list[Finding]:
    findings = []
    for code in record["quality_flags"]:
        severity, description = FLAGS[code]
        field, value = row.notes.get(code, (None, None))
        findings.append(
            Finding(
                severity,
                code,
                row.raw.source_file,
                row.raw.source_line,
                description,
                field=field,
                value=shorten(value),
            )
        )
    return findings
