"""Stage 3, normalise: raw rows -> action records (plain dicts), and findings.

Per row, in this order: clean every cell (:class:`kerava_etl.text.cells.CellReader`);
repair it (:mod:`kerava_etl.stages.repairs`: merged rows, a shifted row, a swapped risk and
metric); resolve board, spearhead, strategic goals and parties in their vocabularies
(:mod:`kerava_etl.stages.resolve`); flag what was found.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from kerava_etl.codes import Finding, finding
from kerava_etl.columns import LIST_FIELDS
from kerava_etl.models import ACTION_FIELDS, ActionRecord
from kerava_etl.stages import Progress
from kerava_etl.stages.parse import RawRow
from kerava_etl.stages.repairs import Note, WorkingRow, repair_rows, working_row
from kerava_etl.stages.resolve import NameResolver
from kerava_etl.text.cells import CellReader
from kerava_etl.text.lexicon import Lexicon
from kerava_etl.text.scripts import mixed_script_words
from kerava_etl.vocab import Resolved, Vocabularies

_PROGRESS_STEP = 1000


def normalise_rows(
    raw_rows: Sequence[RawRow],
    lexicon: Lexicon,
    vocabularies: Vocabularies,
    progress: Progress | None = None,
) -> tuple[list[ActionRecord], list[Finding]]:
    """Turn parsed rows (of one or more documents) into records (``action_id`` is given
    by :mod:`kerava_etl.stages.ids`)."""
    read_cell = CellReader(lexicon)
    rows: list[WorkingRow] = []
    for raw in raw_rows:
        if progress is not None and len(rows) % _PROGRESS_STEP == 0:  # from 0: the stage began
            progress("normalise", len(rows), len(raw_rows))
        rows.append(working_row(raw, read_cell))
    rows = repair_rows(rows)
    resolver = NameResolver(vocabularies, lexicon)
    records: list[ActionRecord] = []
    findings: list[Finding] = []
    for row in rows:
        record = _record(row, resolver)
        if record is None:
            findings += _not_read(row)
            continue
        records.append(record)
        findings.extend(_flag_findings(row, record))
    return resolver.group_unknown(records), findings + resolver.findings()


def _record(row: WorkingRow, resolver: NameResolver) -> ActionRecord | None:
    """The row's record: each column's value (a list column's items, a text column's
    text), the names resolved, and where it came from; ``None`` without a spearhead."""
    values: dict[str, Any] = {
        name: list(cell.items) if name in LIST_FIELDS else cell.text
        for name, cell in row.cells.items()
    }
    spearhead_raw = values["spearhead"]
    if spearhead_raw is None:
        return None
    where = (row.raw.source_file, row.raw.source_line)
    spearhead_raw = spearhead_raw.replace("\n", " ")
    spearhead = resolver.resolve("spearheads", spearhead_raw, where)
    _flag_unknown(row, "spearhead", spearhead)
    board = resolver.resolve("boards", row.raw.board.name, where) if row.raw.board else None
    if board is None:
        row.flag("board_missing", "board", None)
    else:
        _flag_unknown(row, "board", board)
    _flag_text(row, values["action"])
    values.update(
        action_id="",  # given by stages.ids
        source_file=row.raw.source_file,
        source_line=row.raw.source_line,
        source_page=row.raw.source_page,
        section=row.raw.section,
        board=board.canonical if board else None,
        board_raw=board.raw if board else None,
        spearhead=spearhead.canonical,
        spearhead_raw=spearhead_raw,
        strategic_goal_ids=resolver.goals(values["strategic_goals"], where),
        **resolver.parties(values["responsible"], where),
        extra={label: text for label, cell in row.extra.items() if (text := cell.text)},
        filled_down=list(row.filled_down),
        quality_flags=sorted(row.flags),
    )
    # In the published order; the column values come from the registry, so the shape is
    # the model's (ActionRecord), not one mypy can follow through the loop above.
    return cast(ActionRecord, {name: values[name] for name in ACTION_FIELDS})


def _not_read(row: WorkingRow) -> list[Finding]:
    """A row without a spearhead is not read: reported at its line, and at the line of each
    row merged into it (nothing else would name them)."""
    merged = [note.where for note in row.notes.get("continuation_merged", []) if note.where]
    return [
        finding("spearhead_missing", file, line, field="spearhead")
        for file, line in [(row.raw.source_file, row.raw.source_line), *merged]
    ]


def _flag_text(row: WorkingRow, action: str | None) -> None:
    """Flags about the row's own text: rejoined hyphenation, recoded control characters,
    mixed scripts, no action."""
    inherited = row.filled_down
    own = [(name, cell) for name, cell in row.cells.items() if name not in inherited]
    own += [("extra", cell) for cell in row.extra.values()]
    for name, cell in own:
        for written, joined in cell.rejoined:
            row.flag("hyphenation_rejoined", name, f"{written} -> {joined}")
        for control, read in cell.recoded:
            row.flag("control_character_recoded", name, f"{control} -> {read or '(nothing)'}")
    # One text, in column order: the words are the same as the cells' words one by one.
    texts = (cell.text or "" for name, cell in row.cells.items() if name != "spearhead")
    text = "\n".join([*texts, *_extra_texts(row)])
    odd = mixed_script_words(text)
    if odd:
        row.flag("mixed_script", None, ", ".join(odd))
    if action is None and "cells_shifted" not in row.flags:
        row.flag("action_missing", "action", None)


def _extra_texts(row: WorkingRow) -> list[str]:
    return [text for cell in row.extra.values() if (text := cell.text)]


def _flag_unknown(row: WorkingRow, field: str, resolved: Resolved) -> None:
    if not resolved.known:
        hint = f" (nearest known: {resolved.hint})" if resolved.hint else ""
        row.flag(f"{field}_unknown", field, resolved.raw + hint)


def _flag_findings(row: WorkingRow, record: ActionRecord) -> list[Finding]:
    """A finding for each note of each flag (a flag noted twice, e.g. two rejoined words,
    is one flag in the record and two findings), on the line the note names (a row merged
    into this one) or the row's own."""
    return [
        finding(
            code,
            *(note.where or (row.raw.source_file, row.raw.source_line)),
            field=note.field,
            value=note.value,
        )
        for code in record["quality_flags"]
        for note in row.notes.get(code, [Note(None, None)])
    ]
