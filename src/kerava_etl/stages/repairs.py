"""Repairs of a row's cells, each flagged: merged rows filled down, a shifted row shifted
back, a swapped risk and metric swapped back.

They work on a :class:`WorkingRow`, the row's cleaned cells in column order while
:mod:`kerava_etl.stages.normalise` turns it into a record.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from kerava_etl.columns import COLUMN_FIELDS
from kerava_etl.settings import DEFAULT_SETTINGS, ReadingSettings
from kerava_etl.stages.parse import RawRow
from kerava_etl.stages.readers import textformat
from kerava_etl.text.cells import CellText
from kerava_etl.text.hyphenation import rejoin_hyphenation

_EMPTY = CellText(())
# "käynnistetty / ei käynnistetty", "otettu käyttöön / ei otettu", "Tehty/ei", "kyllä/ei":
# a word, a slash, "ei", and nothing or a word said just before the slash. Not "ei"
# starting a new thought ("Esimiehet eivät sitoudu / ei resursseja" is a risk).
_SLASH_EI = re.compile(r"(?<=\w)\s*/\s*ei\b(?:\s+(\w+))?", re.IGNORECASE)


class Note(NamedTuple):
    """What a flag of a row is about: a field, a value, and the place (file, line) when it
    is not the row's own (a row merged into it, maybe from the next file)."""

    field: str | None
    value: str | None
    where: tuple[str, int] | None = None


@dataclass
class WorkingRow:
    """A row on its way to a record: its cleaned cells by field (every field of the column
    registry, empty for a column the table lacks; ``extra`` for the columns the vocabulary
    does not know, by label), what it inherited, and what was found."""

    raw: RawRow
    cells: dict[str, CellText]
    extra: dict[str, CellText] = field(default_factory=dict)
    merged: frozenset[str] = frozenset()  # fields whose cell says it continues the one above
    filled_down: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    notes: dict[str, list[Note]] = field(default_factory=dict)

    def flag(
        self,
        code: str,
        field: str | None,
        value: str | None,
        where: tuple[str, int] | None = None,
    ) -> None:
        """Note a quality flag, with the field and value it is about (each note kept), and
        the place it was found when that is not the row's own (a row merged into it)."""
        self.flags.add(code)
        self.notes.setdefault(code, []).append(Note(field, value, where))


def repair_rows(rows: list[WorkingRow]) -> list[WorkingRow]:
    """Apply every repair, row by row in document order (a merged row needs the one above).

    Returns the rows that are actions: a row that would inherit its Toimenpide goes into
    the row above instead (see :func:`merge_continuation`).
    """
    responsible_names = _responsible_names(rows)
    actions: list[WorkingRow] = []
    previous: WorkingRow | None = None
    for row in rows:
        if previous is not None and previous.raw.table != row.raw.table:
            previous = None
        fill_down(row, previous)
        if previous is not None and continues(row):
            merge_continuation(previous, row)
            continue
        if "action" in row.filled_down:  # a row of its own (numbered): its action is missing
            row.cells["action"] = _EMPTY
            row.filled_down.remove("action")
        unshift(row, responsible_names)
        unswap_risk_metric(row)
        actions.append(row)
        previous = row
    return actions


def continues(row: WorkingRow) -> bool:
    """Whether a row below inherited cells goes on with the action above instead of being
    one: it has no Toimenpide of its own and no number of its own (a value in a column
    before the Toimenpide, such as ``Nro``, says it is a row of its own), or its Toimenpide
    goes on mid-sentence (starts with a small letter: a row broken across a page)."""
    if not row.filled_down:
        return False
    if "action" in row.filled_down:
        return not _numbered(row)
    action = row.cells["action"].items
    return bool(action) and action[0][:1].islower()


def _numbered(row: WorkingRow) -> bool:
    """A value in a column the vocabulary does not know, before the Toimenpide column."""
    fields, labels = row.raw.header.fields, row.raw.header.labels
    before = labels[: fields.index("action")] if "action" in fields else ()
    return any(row.extra[label].items for label in before if label in row.extra)


def merge_continuation(action: WorkingRow, row: WorkingRow) -> None:
    """A row that goes on with the action above (see :func:`continues`) is no new action:
    its own cells are added to the action's, a cell that goes on mid-sentence to the last
    item (``Kaupunkitekniikka ja`` + ``kaupunkikehitys``), and the action is flagged, with
    the row's text, on the row's own line."""
    for name in COLUMN_FIELDS:
        if name not in row.filled_down:
            action.cells[name] = _concatenated(action.cells[name], row.cells[name])
    for label, cell in row.extra.items():
        action.extra[label] = _concatenated(action.extra.get(label, _EMPTY), cell)
    text = " | ".join(item for cell in _own_cells(row) for item in cell.items)
    where = (row.raw.source_file, row.raw.source_line)
    action.flag("continuation_merged", None, text, where=where)


def _own_cells(row: WorkingRow) -> list[CellText]:
    own = [row.cells[name] for name in COLUMN_FIELDS if name not in row.filled_down]
    return own + list(row.extra.values())


def _concatenated(first: CellText, second: CellText) -> CellText:
    """``second``'s items after ``first``'s; its first item joined to the last one when it
    goes on mid-sentence (a word broken at a hyphen rejoined, by the rule for PDF
    hyphenation without the dictionary: ``Asiakastyytyväisyys-`` + ``kyselyn``)."""
    if not second.items:
        return first
    items = first.items + second.items
    if first.items and second.items[0][:1].islower():
        joined, _ = rejoin_hyphenation(f"{first.items[-1]} {second.items[0]}", None)
        items = (*first.items[:-1], joined, *second.items[1:])
    return CellText(items, first.rejoined + second.rejoined, first.recoded + second.recoded)


def working_row(raw: RawRow, read_cell: Callable[[str], CellText]) -> WorkingRow:
    """A raw row's cells read, and given to their fields by its table's header; the fields
    whose cell is marked as continuing the merged cell above (:data:`textformat.MERGED`)."""
    cells = dict.fromkeys(COLUMN_FIELDS, _EMPTY)
    extra: dict[str, CellText] = {}
    merged = set()
    for name, label, cell in zip(raw.header.fields, raw.header.labels, raw.cells, strict=True):
        if name is None:
            extra[label] = read_cell(cell)
        else:
            cells[name] = read_cell(cell)
            if cell == textformat.MERGED:
                merged.add(name)
    return WorkingRow(raw, cells, extra, frozenset(merged))


def fill_down(row: WorkingRow, previous: WorkingRow | None) -> None:
    """A row whose leading cells (in the document's column order) are empty continues the
    merged cells of the row above, and inherits exactly those cells. Where the reader knew
    the merges (Word's vertical merge), the cells marked as continuing the merged cell
    above are inherited instead, wherever they stand, and an empty cell is empty.

    Columns the vocabulary does not know (a running number) are no part of the merge: they
    are the row's own. With no row above in its table, the row keeps its empty cells (and,
    lacking a spearhead, is reported as ``spearhead_missing``).
    """
    known = [name for name in row.raw.header.fields if name is not None]
    leading = 0
    while leading < len(known) and not row.cells[known[leading]].items:
        leading += 1
    inherited = set(known[:leading]) if leading < len(known) else set()
    if row.merged:  # the reader knew which cells are merged (Word): those, and no others
        inherited = set(row.merged)
    if previous is None or not inherited:
        return
    for name in inherited:
        row.cells[name] = previous.cells[name]
    row.filled_down = [name for name in COLUMN_FIELDS if name in inherited]


def unshift(row: WorkingRow, responsible_names: frozenset[str]) -> None:
    """The table's last cell empty and its Toimenpide reading like a Vastuu, in a table
    whose Vastuu column follows the Toimenpide: a cell went missing before the Toimenpide
    and the cells after it shifted one column left. Each is shifted back one column to
    the right, in the document's column order, and the action is null."""
    shifted = _shifted_fields(row.raw.header.fields)
    cells = row.cells
    if not shifted or cells[shifted[-1]].items or "action" in row.filled_down:
        return
    if not cells["responsible"].items:
        return
    if not _reads_like_responsible(cells["action"], responsible_names):
        return
    row.flag("cells_shifted", "action", cells["action"].joined())
    moved = [cells[name] for name in shifted[:-1]]
    for name, cell in zip(shifted[1:], moved, strict=True):
        cells[name] = cell
    cells["action"] = _EMPTY


def _shifted_fields(fields: tuple[str | None, ...]) -> tuple[str, ...]:
    """The fields a shift left moves, in column order: the Toimenpide and every column
    after it, when the Vastuu column comes next and every one of them is a known column
    (a value cannot be moved into an unknown column); ``()`` when the repair cannot apply."""
    if "action" not in fields:
        return ()
    after = fields[fields.index("action") :]
    if len(after) < 3 or after[1] != "responsible" or None in after:
        return ()
    return tuple(name for name in after if name is not None)


def _responsible_names(rows: Iterable[WorkingRow]) -> frozenset[str]:
    """Every comma-separated name seen in the document's Vastuu cells, case-folded."""
    names = set()
    for row in rows:
        for item in row.cells["responsible"].items:
            names.update(_name_parts(item))
    return frozenset(names)


def _name_parts(text: str) -> list[str]:
    return [part.strip(" .").casefold() for part in text.split(",") if part.strip(" .")]


def _reads_like_responsible(cell: CellText, names: frozenset[str]) -> bool:
    parts = [part for item in cell.items for part in _name_parts(item)]
    return bool(parts) and all(part in names for part in parts)


def unswap_risk_metric(row: WorkingRow) -> None:
    """An achievement phrase in Riski while Mittari reads like a risk: swap them back."""
    if not {"risks", "metrics"} <= set(row.raw.header.fields):
        return
    risks, metrics = row.cells["risks"], row.cells["metrics"]
    risk_text, metric_text = risks.joined() or "", metrics.joined() or ""
    if metric_text and is_achievement_phrase(risk_text) and not is_achievement_phrase(metric_text):
        row.flag("risk_metric_swapped", "risks", risk_text)
        row.cells["risks"], row.cells["metrics"] = metrics, risks


def is_achievement_phrase(text: str, settings: ReadingSettings = DEFAULT_SETTINGS) -> bool:
    """Whether a text reads like a yes/no achievement metric (``tehty / ei tehty``): the
    word after ``ei``, if any, said within ``achievement_said_words`` before the slash."""
    for match in _SLASH_EI.finditer(text):
        negated = match.group(1)
        said = text[: match.start()].casefold().split()[-settings.achievement_said_words :]
        if negated is None or negated.casefold() in said:
            return True
    return False
