"""The published record: one action (toimenpide) of an action programme.

The model is made from two parts: the fields every record has whatever its table's columns
(where it was read, its board, what was derived and found), written here, and one field
per known column of :data:`kerava_etl.columns.COLUMNS`, each with the fields derived from
it right after (``spearhead_raw`` after ``spearhead``, the parties after ``responsible``).
Field descriptions carry the Finnish column label the value comes from; they become the
published schema's documentation.

:class:`ActionRecord` is the same record as the stages pass it, a typed dict, so that mypy
checks the names the code reads and writes.
"""

from __future__ import annotations

from typing import Any, TypedDict

from pydantic import BaseModel, ConfigDict, Field, create_model

from kerava_etl.columns import COLUMNS, ColumnSpec, Kind

SCHEMA_VERSION = "1.0"


class ActionRecord(TypedDict):
    """One record as the stages make it (the shape of :data:`Action`). A column added to
    the registry later is carried by its field too; name it here once code reads it by name."""

    action_id: str
    source_file: str
    source_line: int
    source_page: int | None
    section: str | None
    board: str | None
    board_raw: str | None
    spearhead: str
    spearhead_raw: str
    strategic_goals: list[str]
    strategic_goal_ids: list[str]
    sector_goal: str | None
    action: str | None
    responsible: list[str]
    parties: list[str]
    party_roles: list[str]
    parties_raw: list[str]
    risks: list[str]
    metrics: list[str]
    schedule: str | None
    resources: str | None
    status: str | None
    extra: dict[str, str]
    filled_down: list[str]
    quality_flags: list[str]


# (type, Field(...)) per field, as pydantic's create_model takes them.
_Definition = tuple[Any, Any]

_LEADING: dict[str, _Definition] = {
    "action_id": (
        str,
        Field(
            title="Toimenpiteen tunniste",
            description="Stable identifier derived from the row's content (board, spearhead, "
            "Toimenpide, Vastuu, Riski, Mittari): 'KRV-' and 12 hex digits, '-2', '-3', ... "
            "added to true duplicates in document order.",
            pattern=r"^KRV-[0-9a-f]{12}(-[0-9]+)?$",
        ),
    ),
    "source_file": (
        str,
        Field(title="Lähdetiedosto", description="Name of the input file the row was read from."),
    ),
    "source_line": (
        int,
        Field(
            title="Rivi lähdetiedostossa",
            ge=1,
            description="1-based line of the row in source_file.",
        ),
    ),
    "source_page": (
        int | None,
        Field(
            title="Sivu",
            ge=1,
            description="1-based page of the PDF file the row is on, so a reader can open it; "
            "null for other formats.",
        ),
    ),
    "section": (
        str | None,
        Field(
            title="Sivun otsikko",
            description="The page heading (# ...) in force above the row; it does not "
            "reliably name the row's spearhead.",
        ),
    ),
    "board": (
        str | None,
        Field(
            title="Toimielin",
            description="Toimielin: the committee from the board line above the row, "
            "canonical spelling; null when the table has no board line.",
        ),
    ),
    "board_raw": (
        str | None,
        Field(
            title="Toimielin (kuten kirjoitettu)",
            description="Toimielin as written in the board line.",
        ),
    ),
}

# The fields derived from a column's value, right after the column's own field.
_DERIVED: dict[str, dict[str, _Definition]] = {
    "spearhead": {
        "spearhead_raw": (
            str,
            Field(
                title="Strateginen kärki (kuten kirjoitettu)",
                description="Strateginen kärki as written in the first column.",
            ),
        ),
    },
    "strategic_goals": {
        "strategic_goal_ids": (
            list[str],
            Field(
                title="Strategisten tavoitteiden tunnisteet",
                description="Strategiset tavoitteet as the strategy's goals: one id per item "
                "of strategic_goals, in the same order (the strategic_goals table names each "
                "goal; an item the vocabulary does not know has an id of its own, 'G-' and "
                "10 hex digits).",
            ),
        ),
    },
    "responsible": {
        "parties": (
            list[str],
            Field(
                title="Vastuutahot",
                description="Vastuu as parties: each party the Vastuu items name, by its "
                "canonical name (the parties table), once, in the order written.",
            ),
        ),
        "party_roles": (
            list[str],
            Field(
                title="Vastuutahojen roolit",
                description="Vastuu: the role of each party in parties, same order: 'lead', "
                "or 'partner' when named 'yhteistyössä / yhdessä X:n kanssa'.",
            ),
        ),
        "parties_raw": (
            list[str],
            Field(
                title="Vastuutahot (kuten kirjoitettu)",
                description="Vastuu: each party in parties as the item wrote it (first mention).",
            ),
        ),
    },
}

_TRAILING: dict[str, _Definition] = {
    "extra": (
        dict[str, str],
        Field(
            title="Muut sarakkeet",
            description="Columns the columns vocabulary does not know, kept as they are: the "
            "column's label as written -> the cell's text (items separated by a newline); "
            "empty when the table has no such column or the cell is empty.",
        ),
    ),
    "filled_down": (
        list[str],
        Field(
            title="Yhdistetyistä soluista perityt kentät",
            description="Fields this row inherited from the merged cell of the row above "
            "(its leading cells were empty in the source).",
        ),
    ),
    "quality_flags": (
        list[str],
        Field(
            title="Laatuhuomiot",
            description="Codes of source defects found, and repairs made, in this row "
            "(see docs/reading.md, 'Quality flags'); empty when none.",
        ),
    ),
}


def _column_definition(column: ColumnSpec) -> _Definition:
    annotation: Any = list[str] if column.kind is Kind.LIST else str
    if column.kind is Kind.TEXT and column.nullable:
        annotation = str | None
    return annotation, Field(title=column.label, description=column.description)


def _definitions() -> dict[str, Any]:
    """Every field of the record, in the order the outputs give them."""
    fields: dict[str, _Definition] = dict(_LEADING)
    for column in COLUMNS:
        fields[column.field] = _column_definition(column)
        fields.update(_DERIVED.get(column.field, {}))
    fields.update(_TRAILING)
    return fields


Action: type[BaseModel] = create_model(
    "Action",
    __config__=ConfigDict(extra="forbid", frozen=True),
    __doc__="One action row of a Kerava strategy action programme (toimenpideohjelma).",
    **_definitions(),
)

ACTION_FIELDS: tuple[str, ...] = tuple(Action.model_fields)


def json_schema() -> dict[str, object]:
    """JSON Schema (draft 2020-12) of one record of ``actions.json``."""
    schema = Action.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/kerava-etl/kerava-etl/schemas/action.schema.json",
        **schema,
        "x-schema-version": SCHEMA_VERSION,
    }


def data_dictionary() -> str:
    """The README's table of fields, generated from the model so it cannot drift."""
    lines = ["| field | type | description |", "| --- | --- | --- |"]
    for name, info in Action.model_fields.items():
        kind = _type_name(info.annotation)
        lines.append(f"| `{name}` | {kind} | {info.description} |")
    return "\n".join(lines)


def _type_name(annotation: object) -> str:
    return (
        str(annotation)
        .replace("typing.", "")
        .replace("<class '", "")
        .replace("'>", "")
        .replace("NoneType", "null")
        .replace(" | None", " or null")
    )
