"""The published tables, as plain data: the actions, one long table per list column, the
vocabularies with their counts, and the documents.

Every writer (Parquet, CSV, Frictionless, DuckDB, Excel) works from these :class:`Table`
values, so the tables' columns, keys and Finnish titles are said once, here and in the model.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from kerava_etl.models import Action
from kerava_etl.vocab import REGISTRY, Vocabularies, Vocabulary

ColumnType = Literal["string", "integer", "boolean", "list", "category"]

_YEARS = re.compile(r"\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b")


@dataclass(frozen=True)
class Column:
    """A column: its name, type, Finnish title and description."""

    name: str
    type: ColumnType
    title: str
    description: str
    required: bool = False


@dataclass(frozen=True)
class ForeignKey:
    """``fields`` of this table refer to ``reference`` of ``table``."""

    fields: tuple[str, ...]
    table: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A published table: its columns, keys and values, held column by column."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    values: dict[str, list[Any]] = field(default_factory=dict)  # column name -> values
    foreign_keys: tuple[ForeignKey, ...] = ()

    def __len__(self) -> int:
        return len(self.values[self.columns[0].name]) if self.columns else 0


@dataclass(frozen=True)
class DocumentInfo:
    """What the documents table says of one input file."""

    file: str
    sha256: str
    title: str | None


LONG_TABLES = {
    "strategic_goals": ("action_strategic_goals", "Strategiset tavoitteet"),
    "responsible": ("action_responsible", "Vastuu"),
    "risks": ("action_risks", "Riski"),
    "metrics": ("action_metrics", "Mittari"),
}


def action_columns() -> tuple[Column, ...]:
    """The actions table's columns, from the model."""
    columns = []
    for name, info in Action.model_fields.items():
        annotation = info.annotation
        kind: ColumnType
        if name in ("board", "spearhead"):
            kind = "category"
        elif annotation is int:
            kind = "integer"
        elif annotation == list[str]:
            kind = "list"
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
        *(spec.name for spec in REGISTRY),
        "documents",
    ]


def build_tables(
    records: Sequence[dict[str, Any]],
    documents: Sequence[DocumentInfo],
    vocabularies: Vocabularies,
) -> list[Table]:
    """Every published table, rows in document order, from validated action records."""
    columns = action_columns()
    tables = [
        Table(
            "actions",
            "Toimenpiteet",
            "One record per action row of the action programmes.",
            columns,
            ("action_id",),
            {c.name: [r[c.name] for r in records] for c in columns},
            (
                ForeignKey(("board",), "boards", ("board",)),
                ForeignKey(("spearhead",), "spearheads", ("spearhead",)),
                ForeignKey(("source_file",), "documents", ("file",)),
            ),
        )
    ]
    tables += [_long_table(records, column, *names) for column, names in LONG_TABLES.items()]
    tables += [
        _vocabulary_table(spec.name, spec.title, spec.field, vocabularies[spec.name], records)
        for spec in REGISTRY
    ]
    tables.append(_documents_table(documents, records))
    return tables


def _long_table(records: Sequence[dict[str, Any]], column: str, name: str, label: str) -> Table:
    return Table(
        name,
        f"{label}, yksi rivi per kohta",
        f"One row per item of the actions' {column} ({label}).",
        (
            Column(
                "action_id",
                "string",
                "Toimenpiteen tunniste",
                "The action (actions.action_id).",
                True,
            ),
            Column(
                "position",
                "integer",
                "Järjestys",
                "1-based position of the item in its list.",
                True,
            ),
            Column("text", "string", label, f"{label}: the item's text.", True),
        ),
        ("action_id", "position"),
        _long_values(records, column),
        (ForeignKey(("action_id",), "actions", ("action_id",)),),
    )


def _long_values(records: Sequence[dict[str, Any]], column: str) -> dict[str, list[Any]]:
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
    name: str,
    title: str,
    key: str,
    vocabulary: Vocabulary,
    records: Sequence[dict[str, Any]],
) -> Table:
    counts = Counter(r[key] for r in records if r[key] is not None)
    names = list(vocabulary.canonical_names) + sorted(set(counts) - set(vocabulary.canonical_names))
    return Table(
        name,
        title,
        f"The {name} vocabulary: canonical names, their aliases, and how many actions each has.",
        (
            Column(key, "string", title, f"Canonical name (actions.{key}).", True),
            Column(
                "aliases",
                "list",
                "Muut kirjoitusasut",
                "Other spellings met in the documents, mapped to this name.",
                True,
            ),
            Column(
                "in_vocabulary",
                "boolean",
                "Sanastossa",
                "Whether the name is in the vocabulary file (false: met only in the input, "
                "and flagged).",
                True,
            ),
            Column("actions", "integer", "Toimenpiteitä", "Number of actions.", True),
        ),
        (key,),
        {
            key: names,
            "aliases": [list(vocabulary.aliases.get(name, ())) for name in names],
            "in_vocabulary": [name in vocabulary.aliases for name in names],
            "actions": [counts.get(name, 0) for name in names],
        },
    )


def years_of(title: str | None) -> tuple[int | None, int | None]:
    """The programme period a title names (``... 2018-2021``): first and last year."""
    found = _YEARS.search(title or "")
    return (int(found.group(1)), int(found.group(2))) if found else (None, None)


def _documents_table(documents: Sequence[DocumentInfo], records: Sequence[dict[str, Any]]) -> Table:
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
