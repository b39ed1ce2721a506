"""Stage 3, normalise: raw rows -> action records (plain dicts), and findings.

Per row, in this order: clean every cell (:class:`kerava_etl.text.cells.CellReader`);
repair it (:mod:`kerava_etl.stages.repairs`: merged rows, a shifted row, a swapped risk and
metric); resolve board and spearhead in their vocabularies; flag what was found.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kerava_etl.codes import Finding, finding
from kerava_etl.config import COLUMN_FIELDS, LIST_FIELDS
from kerava_etl.stages import Progress
from kerava_etl.stages.parse import RawRow
from kerava_etl.stages.repairs import WorkingRow, repair_rows, working_row
from kerava_etl.text.cells import CellReader
from kerava_etl.text.scripts import mixed_script_words
from kerava_etl.vocab import Resolved, Vocabularies

_PROGRESS_STEP = 1000
_LISTS = frozenset(LIST_FIELDS)  # for membership tests only, never iterated


def normalise_rows(
    raw_rows: Sequence[RawRow],
    read_cell: CellReader,
    vocabularies: Vocabularies,
    progress: Progress | None = None,
) -> tuple[list[dict[str, Any]], list[Finding]]:
    """Turn parsed rows (of one or more documents) into records without ``action_id``."""
    rows = []
    for raw in raw_rows:
        rows.append(working_row(raw, read_cell))
        if progress is not None and len(rows) % _PROGRESS_STEP == 0:
            progress("normalise", len(rows), len(raw_rows))
    repair_rows(rows)
    records: list[dict[str, Any]] = []
    findings: list[Finding] = []
    for row in rows:
        record = _record(row, vocabularies)
        if record is None:
            findings.append(
                finding(
                    "spearhead_missing",
                    row.raw.source_file,
                    row.raw.source_line,
                    field="spearhead",
                )
            )
            continue
        records.append(record)
        findings.extend(_flag_findings(row, record))
    return records, findings


def _record(row: WorkingRow, vocabularies: Vocabularies) -> dict[str, Any] | None:
    values: dict[str, Any] = {
        name: list(cell.items) if name in _LISTS else cell.text
        for name, cell in zip(COLUMN_FIELDS, row.cells, strict=True)
    }
    spearhead_raw = values.pop("spearhead")
    if spearhead_raw is None:
        return None
    spearhead_raw = spearhead_raw.replace("\n", " ")
    spearhead = vocabularies["spearheads"].resolve(spearhead_raw)
    _flag_vocabulary(row, "spearhead", spearhead)
    board = vocabularies["boards"].resolve(row.raw.board.name) if row.raw.board else None
    if board is None:
        row.flag("board_missing", "board", None)
    else:
        _flag_vocabulary(row, "board", board)
    _flag_text(row, values)
    return {
        "source_file": row.raw.source_file,
        "source_line": row.raw.source_line,
        "section": row.raw.section,
        "board": board.canonical if board else None,
        "board_raw": board.raw if board else None,
        "spearhead": spearhead.canonical,
        "spearhead_raw": spearhead_raw,
        **{name: values[name] for name in COLUMN_FIELDS[1:]},
        "extra": {label: text for label, cell in row.extra.items() if (text := cell.joined())},
        "filled_down": list(row.filled_down),
        "quality_flags": sorted(row.flags),
    }


def _flag_text(row: WorkingRow, values: dict[str, Any]) -> None:
    """Flags about the row's own text: rejoined hyphenation, mixed scripts, no action."""
    inherited = row.filled_down
    if any(
        cell.rejoined
        for cell, name in zip(row.cells, COLUMN_FIELDS, strict=True)
        if name not in inherited
    ) or any(cell.rejoined for cell in row.extra.values()):
        row.flag("hyphenation_rejoined", None, None)
    # One text, in column order: the words are the same as the cells' words one by one.
    text = "\n".join([*(cell.joined() or "" for cell in row.cells[1:]), *_extra_texts(row)])
    odd = mixed_script_words(text)
    if odd:
        row.flag("mixed_script", None, ", ".join(odd))
    if values["action"] is None and "cells_shifted" not in row.flags:
        row.flag("action_missing", "action", None)


def _extra_texts(row: WorkingRow) -> list[str]:
    return [text for cell in row.extra.values() if (text := cell.joined())]


def _flag_vocabulary(row: WorkingRow, field: str, resolved: Resolved) -> None:
    if not resolved.known:
        hint = f" (nearest known: {resolved.hint})" if resolved.hint else ""
        row.flag(f"{field}_unknown", field, resolved.raw + hint)
    elif resolved.is_alias:
        row.flag(f"{field}_alias", field, f"{resolved.raw} -> {resolved.canonical}")


def _flag_findings(row: WorkingRow, record: dict[str, Any]) -> list[Finding]:
    findings = []
    for code in record["quality_flags"]:
        field, value = row.notes.get(code, (None, None))
        findings.append(
            finding(code, row.raw.source_file, row.raw.source_line, field=field, value=value)
        )
    return findings
