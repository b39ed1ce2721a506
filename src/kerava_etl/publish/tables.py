"""The published tables, as plain data: the actions, one long table per list column, the
vocabularies with their counts (goals and parties in :mod:`~kerava_etl.publish.catalog`),
and the documents.

Every writer (Parquet, CSV, Frictionless, DuckDB, Excel, the page) works from these
:class:`~kerava_etl.publish.schema.Table` values, so the tables' columns, keys and Finnish
titles are said once, here and in the model.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from kerava_etl.columns import COLUMNS
from kerava_etl.models import Action, ActionRecord
from kerava_etl.publish import catalog
from kerava_etl.publish.schema import (
    ACTIONS,
    ALIASES,
    IN_VOCABULARY,
    Column,
    ColumnType,
    DocumentInfo,
    ForeignKey,
    Table,
)
from kerava_etl.text.words import YEAR_RANGE
from kerava_etl.vocab import REGISTRY, Vocabularies, Vocabulary, VocabularySpec

# A programme period in the title: "2018-2021", "2022–2025", "2022—2025", "2022–25".
_YEARS = re.compile(rf"\b{YEAR_RANGE}\b")


# A list column's field -> (its long table, its Finnish label), from the column registry.
LONG_TABLES: dict[str, tuple[str, str]] = {
    column.field: (column.long_table, column.label)
    for column in COLUMNS
    if column.long_table is not None
}


def action_columns() -> tuple[Column, ...]:
    """The actions table's columns, from the model."""
    columns = []
    for name, info in Action.model_fields.items():
        annotation = info.annotation
        kind: ColumnType
        if name in ("board", "spearhead"):
            kind = "category"
        elif annotation in (int, int | None):
            kind = "integer"
        elif annotation == list[str]:
            kind = "list"
        elif annotation == dict[str, str]:
            kind = "map"
        else:
            kind = "string"
        required = info.is_required() and "None" not in str(annotation)
        columns.append(Column(name, kind, info.title or name, info.description or "", required))
    return tuple(columns)


def table_names() -> list[str]:
    """The names of the published tables, in the order :func:`build_tables` gives them."""
    return [
        "actions",
        *(name for name, _ in LONG_TABLES.values()),
        "action_parties",
        *(spec.name for spec in REGISTRY if spec.published),
        "strategic_goals",
        "parties",
        "documents",
    ]


def build_tables(
    records: Sequence[ActionRecord],
    documents: Sequence[DocumentInfo],
    vocabularies: Vocabularies,
) -> list[Table]:
    """Every published table, rows in document order, from validated action records."""
    columns = action_columns()
    rows: Sequence[Mapping[str, Any]] = records  # read by the names the columns give
    tables = [
        Table(
            "actions",
            "Toimenpiteet",
            "One record per action row of the action programmes.",
            columns,
            ("action_id",),
            {c.name: [r[c.name] for r in rows] for c in columns},
            (
                ForeignKey(("board",), "boards", ("board",)),
                ForeignKey(("spearhead",), "spearheads", ("spearhead",)),
                ForeignKey(("source_file",), "documents", ("file",)),
            ),
        )
    ]
    tables += [_long_table(rows, column, *names) for column, names in LONG_TABLES.items()]
    tables.append(catalog.action_parties_table(records, vocabularies["parties"]))
    tables += [
        _vocabulary_table(spec, vocabularies[spec.name], rows)
        for spec in REGISTRY
        if spec.published
    ]
    tables.append(catalog.strategic_goals_table(records, vocabularies["strategic_goals"]))
    tables.append(catalog.parties_table(records, vocabularies["parties"]))
    tables.append(_documents_table(documents, records))
    return tables


def _long_table(records: Sequence[Mapping[str, Any]], column: str, name: str, label: str) -> Table:
    columns = [
        Column(
            "action_id", "string", "Toimenpiteen tunniste", "The action (actions.action_id).", True
        ),
        Column(
            "position", "integer", "Järjestys", "1-based position of the item in its list.", True
        ),
        Column("text", "string", label, f"{label}: the item's text.", True),
    ]
    values = _long_values(records, column)
    keys = [ForeignKey(("action_id",), "actions", ("action_id",))]
    if column == "strategic_goals":
        columns.append(
            Column(
                "goal_id",
                "string",
                "Tavoitteen tunniste",
                "The strategy goal the item is (strategic_goals.goal_id).",
                True,
            )
        )
        values["goal_id"] = [goal for r in records for goal in r["strategic_goal_ids"]]
        keys.append(ForeignKey(("goal_id",), "strategic_goals", ("goal_id",)))
    return Table(
        name,
        f"{label}, yksi rivi per kohta",
        f"One row per item of the actions' {column} ({label}).",
        tuple(columns),
        ("action_id", "position"),
        values,
        tuple(keys),
    )


def _long_values(records: Sequence[Mapping[str, Any]], column: str) -> dict[str, list[Any]]:
    ids: list[str] = []
    positions: list[int] = []
    texts: list[str] = []
    for record in records:
        for position, text in enumerate(record[column], start=1):
            ids.append(record["action_id"])
            positions.append(position)
            texts.append(text)
    return {"action_id": ids, "position": positions, "text": texts}


def _vocabulary_table(
    spec: VocabularySpec, vocabulary: Vocabulary, records: Sequence[Mapping[str, Any]]
) -> Table:
    key = spec.field
    counts = Counter(r[key] for r in records if r[key] is not None)
    names = list(vocabulary.canonical_names) + sorted(set(counts) - set(vocabulary.canonical_names))
    values: dict[str, list[Any]] = {
        key: names,
        "aliases": [list(vocabulary.aliases.get(name, ())) for name in names],
        "in_vocabulary": [name in vocabulary.aliases for name in names],
    }
    attributes = [Column(attr, "string", title, text) for attr, title, text in spec.attributes]
    for attr, _, _ in spec.attributes:
        values[attr] = [vocabulary.attributes.get(name, {}).get(attr) for name in names]
    values["actions"] = [counts.get(name, 0) for name in names]
    return Table(
        spec.name,
        spec.title,
        f"The {spec.name} vocabulary: canonical names, their aliases, and how many actions "
        "each has.",
        (
            Column(key, "string", spec.title, f"Canonical name (actions.{key}).", True),
            ALIASES,
            IN_VOCABULARY,
            *attributes,
            ACTIONS,
        ),
        (key,),
        values,
    )


def years_of(title: str | None) -> tuple[int | None, int | None]:
    """The programme period a title names (``... 2018-2021``, ``2022–25``): first and last year."""
    found = _YEARS.search(title or "")
    if not found:
        return None, None
    start, end = found.group(1), found.group(2)
    return int(start), int(start[:2] + end) if len(end) == 2 else int(end)


def _documents_table(documents: Sequence[DocumentInfo], records: Sequence[ActionRecord]) -> Table:
    counts = Counter(r["source_file"] for r in records)
    years = [years_of(document.title) for document in documents]
    values: dict[str, list[Any]] = {
        "file": [d.file for d in documents],
        "sha256": [d.sha256 for d in documents],
        "title": [d.title for d in documents],
        "start_year": [start for start, _ in years],
        "end_year": [end for _, end in years],
        "actions": [counts.get(d.file, 0) for d in documents],
    }
    return Table(
        "documents",
        "Lähdeasiakirjat",
        "The input files: checksum, title and years from the title block, number of actions.",
        (
            Column("file", "string", "Tiedosto", "The input file's name.", True),
            Column("sha256", "string", "SHA-256", "SHA-256 of the file's bytes.", True),
            Column("title", "string", "Otsikko", "The title block at the top of the document."),
            Column("start_year", "integer", "Alkuvuosi", "First year of the programme period."),
            Column("end_year", "integer", "Loppuvuosi", "Last year of the programme period."),
            Column(
                "actions", "integer", "Toimenpiteitä", "Number of actions read from the file.", True
            ),
        ),
        ("file",),
        values,
    )
