"""The Frictionless Data Package (``datapackage.json``) describing the CSV tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kerava_etl import __version__
from kerava_etl.config import LICENSES
from kerava_etl.publish.schema import Column, Table
from kerava_etl.publish.sources import Source, created, dataset_title, publishers

PACKAGE_NAME = "kerava-strategy-action-programmes"
LIST_SEPARATOR_NOTE = " In CSV, the items are separated by a newline inside the cell."

_TYPES = {
    "string": "string",
    "integer": "integer",
    "boolean": "boolean",
    "list": "string",
    "category": "string",
    "map": "object",
}


def data_package(
    tables: Sequence[Table], sources: Sequence[Source], license_id: str
) -> dict[str, Any]:
    """The descriptor: one CSV resource per table, with types, titles, keys, licence, and the
    provenance: sources, publisher (as a contributor), and the date the sources are of."""
    path, title = LICENSES[license_id]
    package: dict[str, Any] = {
        "name": PACKAGE_NAME,
        "title": dataset_title(sources),
        "description": "The actions (toimenpiteet) of the City of Kerava's strategy action "
        "programmes, one record per action, with board, spearhead, goals, responsible "
        "parties, risks and metrics; read from the programmes' text by kerava-etl.",
        "version": __version__,
        "created": created(sources),
        "licenses": [{"name": license_id, "path": path, "title": title}],
        "sources": [_source(source) for source in sources],
        "contributors": [{"title": name, "role": "publisher"} for name in publishers(sources)],
        "keywords": ["Kerava", "kaupunkistrategia", "toimenpideohjelma", "strategy"],
        "resources": [_resource(table) for table in tables],
    }
    # Unknown is left out, not stated empty.
    return {key: value for key, value in package.items() if value not in (None, [])}


def _source(source: Source) -> dict[str, Any]:
    """A source: its title and file; its public address and what it rests on, where known."""
    described: dict[str, Any] = {"title": source.title, "path": source.file}
    if source.known.url:
        described["url"] = source.known.url
    if source.known.note:
        described["description"] = source.known.note
    return described


def _resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(column) for column in table.columns],
        "primaryKey": list(table.primary_key),
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(fk.fields),
                "reference": {"resource": fk.table, "fields": list(fk.reference)},
            }
            for fk in table.foreign_keys
        ]
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "profile": "tabular-data-resource",
        "schema": schema,
    }


def _field(column: Column) -> dict[str, Any]:
    description = column.description
    if column.type == "list":
        description += LIST_SEPARATOR_NOTE
    field: dict[str, Any] = {
        "name": column.name,
        "type": _TYPES[column.type],
        "title": column.title,
        "description": description,
    }
    if column.type == "boolean":
        field["trueValues"], field["falseValues"] = ["true"], ["false"]
    if column.required and column.type not in ("list", "map"):  # empty: an empty CSV cell
        field["constraints"] = {"required": True}
    return field
