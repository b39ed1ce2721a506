"""The facets of the web page: record fields it charts and filters the actions by.

A facet is one :class:`Facet` entry in :data:`FACETS`. A single-valued field (``board``)
gives each action one value; a list field gives it every item (a filter then keeps the
actions whose list holds the chosen value). A null or an empty list counts as the facet's
``empty`` value, so every action is in some bar. A facet whose field the records do not
have is skipped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kerava_etl.publish.schema import Table


@dataclass(frozen=True)
class Facet:
    """A record field shown as a bar chart and a filter."""

    key: str  # the filter's name and the rows' data-<key> attribute: lowercase letters only
    label: str  # what the filter is called (Finnish)
    field: str  # the record field
    empty: str  # the value of a null or an empty list
    chart_title: str  # the bar chart's title (Finnish)
    order: str | None = None  # a published table whose first column gives the values' order
    labels: tuple[str, str] | None = None  # values are keys of (table, column): show column
    bars: int = 20  # the chart shows at most this many values, the most frequent

    def values(self, record: Mapping[str, Any], names: Mapping[str, str]) -> list[str]:
        """The record's values of this facet, each once (``names``: key -> label)."""
        value = record.get(self.field)
        items = value if isinstance(value, list) else [] if value is None else [value]
        named = [names.get(str(item), str(item)) for item in items if item]
        return list(dict.fromkeys(named)) or [self.empty]


FACETS: tuple[Facet, ...] = (
    Facet("board", "Toimielin", "board", "(ei toimielintä)", "Toimenpiteet toimielimen mukaan"),
    Facet(
        "spearhead",
        "Strateginen kärki",
        "spearhead",
        "(ei kärkeä)",
        "Toimenpiteet strategisen kärjen mukaan",
        order="spearheads",
    ),
    Facet(
        "goal",
        "Strateginen tavoite",
        "strategic_goal_ids",
        "(ei tavoitetta)",
        "Toimenpiteet strategisen tavoitteen mukaan",
        labels=("strategic_goals", "goal"),
        bars=40,
    ),
    Facet(
        "party",
        "Vastuutaho",
        "parties",
        "(ei vastuutahoa)",
        "Toimenpiteet vastuutahon mukaan",
        bars=30,
    ),
)

HEATMAP = ("board", "spearhead")  # the facets crossed in the heatmap: rows, columns


@dataclass(frozen=True)
class FacetValues:
    """A facet over the records: each record's values, and the values in display order."""

    facet: Facet
    per_record: list[list[str]]
    ordered: list[tuple[str, int]]  # (value, number of actions), in display order


def facets_of(
    records: Sequence[Mapping[str, Any]],
    tables: Sequence[Table],
    facets: Sequence[Facet] = FACETS,
) -> list[FacetValues]:
    """The facets, evaluated over the records."""
    by_name = {table.name: table for table in tables}
    evaluated = []
    for facet in facets:
        names = _labels(facet, by_name)
        per_record = [facet.values(record, names) for record in records]
        counts = Counter(value for values in per_record for value in values)
        evaluated.append(
            FacetValues(facet, per_record, _ordered(facet, counts, by_name.get(facet.order or "")))
        )
    return evaluated


def _labels(facet: Facet, tables: Mapping[str, Table]) -> dict[str, str]:
    if facet.labels is None:
        return {}
    table_name, column = facet.labels
    table = tables.get(table_name)
    if table is None or column not in table.values or not table.primary_key:
        return {}
    keys = table.values[table.primary_key[0]]
    return {str(k): str(v) for k, v in zip(keys, table.values[column], strict=True) if v}


def _ordered(facet: Facet, counts: Counter[str], table: Table | None) -> list[tuple[str, int]]:
    """Values in the order of the facet's table, else the most frequent first; the empty
    value last."""
    by_count = sorted(counts, key=lambda value: (-counts[value], value.casefold(), value))
    first: list[str] = []
    if table is not None and table.columns:
        first = [str(v) for v in table.values[table.columns[0].name] if counts.get(str(v))]
    placed = {*first, facet.empty}
    rest = [value for value in by_count if value not in placed]
    tail = [facet.empty] if facet.empty in counts else []
    return [(value, counts[value]) for value in [*first, *rest, *tail]]
