"""The column contract: every table column a programme of this family may have, one entry each.

A :class:`ColumnSpec` says what a column is: the record field it fills, its canonical
Finnish label (the other labels programmes write for it are rows of
``vocab/columns.csv``), whether its cell is one text or a list of items, whether a table
must have it (*required*: without it a row means nothing), is expected to (*expected*: a
table without it is reported, ``column_missing``) or may (*optional*: the columns later
programmes add), whether it is hashed into ``action_id``, and the long table that gets one
row per item of a list column. Everything else follows from :data:`COLUMNS`: the header
check, the list fields, the ``action_*`` tables, validation and the published model, the
ids, the page's and the workbook's columns, the schema and the docs.

A new column is one entry here plus its labels in ``vocab/columns.csv``. It is not hashed:
hashing it would change every existing ``action_id``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a cell holds: one text (its items joined by a newline), or a list of items."""

    TEXT = "text"
    LIST = "list"


class Presence(StrEnum):
    """Whether a table must, should or may have the column."""

    REQUIRED = "required"  # a header without it cannot be read (header_incomplete)
    EXPECTED = "expected"  # a table without it is reported (column_missing)
    OPTIONAL = "optional"  # a table without it is normal: the field is null


@dataclass(frozen=True)
class ColumnSpec:
    """One known column of the programmes' tables."""

    field: str  # the record field
    label: str  # the canonical Finnish label (vocab/columns.csv's canonical name)
    kind: Kind
    presence: Presence
    description: str  # the record field's description (published in the schema)
    hashed: bool = False  # part of the content action_id is derived from
    long_table: str | None = None  # a list column's table of one row per item
    nullable: bool = True  # a text column's empty cell is null (a list's is [])


COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec(
        "spearhead",
        "Strateginen kärki",
        Kind.TEXT,
        Presence.REQUIRED,
        "Strateginen kärki: the strategy spearhead, canonical spelling.",
        hashed=True,
        nullable=False,  # a row without one, even inherited, is not read (spearhead_missing)
    ),
    ColumnSpec(
        "strategic_goals",
        "Strategiset tavoitteet",
        Kind.LIST,
        Presence.EXPECTED,
        "Strategiset tavoitteet: the strategic goals, one item per element.",
        long_table="action_strategic_goals",
    ),
    ColumnSpec(
        "sector_goal",
        "Toimialan tavoite",
        Kind.TEXT,
        Presence.EXPECTED,
        "Toimialan tavoite: the sector's goal; lines separated by a newline.",
    ),
    ColumnSpec(
        "action",
        "Toimenpide",
        Kind.TEXT,
        Presence.REQUIRED,
        "Toimenpide: the action; its paragraphs/items separated by a newline. Null only "
        "when the source row has none (see quality_flags).",
        hashed=True,
    ),
    ColumnSpec(
        "responsible",
        "Vastuu",
        Kind.LIST,
        Presence.EXPECTED,
        "Vastuu: who is responsible, one per element.",
        hashed=True,
        long_table="action_responsible",
    ),
    ColumnSpec(
        "risks",
        "Riski",
        Kind.LIST,
        Presence.EXPECTED,
        "Riski: the risks, one per element.",
        hashed=True,
        long_table="action_risks",
    ),
    ColumnSpec(
        "metrics",
        "Mittari",
        Kind.LIST,
        Presence.EXPECTED,
        "Mittari: the metrics, one per element.",
        hashed=True,
        long_table="action_metrics",
    ),
    # The columns later programmes of the family add.
    ColumnSpec(
        "schedule",
        "Aikataulu",
        Kind.TEXT,
        Presence.OPTIONAL,
        "Aikataulu: when the action is carried out; lines separated by a newline. Null when "
        "the table has no such column or the cell is empty.",
    ),
    ColumnSpec(
        "resources",
        "Resurssit",
        Kind.TEXT,
        Presence.OPTIONAL,
        "Resurssit: the resources or costs the action needs (Kustannukset, Määräraha); "
        "lines separated by a newline. Null when the table has no such column or the cell "
        "is empty.",
    ),
    ColumnSpec(
        "status",
        "Tilanne",
        Kind.TEXT,
        Presence.OPTIONAL,
        "Tilanne: how far the action has got (Toteutuminen); lines separated by a newline. "
        "Null when the table has no such column or the cell is empty.",
    ),
)

BY_FIELD: dict[str, ColumnSpec] = {column.field: column for column in COLUMNS}
BY_LABEL: dict[str, ColumnSpec] = {column.label: column for column in COLUMNS}
COLUMN_FIELDS: tuple[str, ...] = tuple(BY_FIELD)
LIST_FIELDS: frozenset[str] = frozenset(c.field for c in COLUMNS if c.kind is Kind.LIST)
REQUIRED_FIELDS: tuple[str, ...] = tuple(
    c.field for c in COLUMNS if c.presence is Presence.REQUIRED
)
EXPECTED_FIELDS: tuple[str, ...] = tuple(
    c.field for c in COLUMNS if c.presence is Presence.EXPECTED
)
HASHED_FIELDS: tuple[str, ...] = tuple(c.field for c in COLUMNS if c.hashed)


def label_of(field: str) -> str:
    """The canonical Finnish label of a column's record field."""
    return BY_FIELD[field].label


def columns_table() -> str:
    """docs/reading.md's table of the known columns, generated from :data:`COLUMNS`."""
    lines = [
        "| label | field | kind | table must have it | in `action_id` | long table |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for c in COLUMNS:
        lines.append(
            f"| {c.label} | `{c.field}` | {c.kind} | {c.presence} | "
            f"{'yes' if c.hashed else 'no'} | {f'`{c.long_table}`' if c.long_table else ''} |"
        )
    return "\n".join(lines)
