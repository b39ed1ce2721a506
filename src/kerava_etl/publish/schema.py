"""The shape of a published table: its columns (type, Finnish title, description), keys
and values, and what is known of each input document. Plain data, shared by the builders
of the tables and every writer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ColumnType = Literal["string", "integer", "boolean", "list", "category", "map"]


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


ALIASES = Column(
    "aliases",
    "list",
    "Muut kirjoitusasut",
    "Other spellings the vocabulary maps to this name (met in a document, or expected).",
    True,
)
IN_VOCABULARY = Column(
    "in_vocabulary",
    "boolean",
    "Sanastossa",
    "Whether the name is in the vocabulary file (false: met only in the input, and reported).",
    True,
)
ACTIONS = Column("actions", "integer", "Toimenpiteitä", "Number of actions.", True)
