"""``vocabulary_review.csv``: the names a person should look at, one sheet to edit.

Every name no vocabulary knows (a board, a spearhead, a strategic goal, a party), each
spelling the build grouped with another, and each pair it was unsure of, with where it
was first met, on how many rows, and why. The ``decision`` column is the data team's
(left empty by the build).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kerava_etl.models import ActionRecord
from kerava_etl.stages.grouping import group_names
from kerava_etl.stages.resolve import unknown_id
from kerava_etl.text.lexicon import Lexicon
from kerava_etl.vocab import Vocabularies, fold_name

COLUMNS = (
    "vocabulary",
    "kind",
    "spelling",
    "name",
    "other",
    "rows",
    "spearhead",
    "source_file",
    "source_line",
    "why",
    "decision",
)


@dataclass
class _Name:
    """A name as the build used it, and its spellings with their rows and first place."""

    first: tuple[str, int]
    spearhead: str = ""  # a goal's (the first row's)
    spellings: dict[str, int] = field(default_factory=dict)

    def add(self, spelling: str) -> None:
        self.spellings[spelling] = self.spellings.get(spelling, 0) + 1


def review_rows(
    records: Sequence[ActionRecord], vocabularies: Vocabularies, lexicon: Lexicon
) -> list[tuple[str, ...]]:
    """The sheet's rows (:data:`COLUMNS`), in the order met per vocabulary: each name no
    vocabulary knows and its other spellings, then the pairs of goals and of parties the
    grouping (:mod:`kerava_etl.stages.grouping`) left apart but reports."""
    rows: list[tuple[str, ...]] = []
    found = _new_names(records, vocabularies)
    for vocabulary, names in found.items():
        for name, met in names.items():
            for spelling, count in met.spellings.items():
                grouped = fold_name(spelling) != fold_name(name)
                kind, why = ("grouped", "a spelling of the name") if grouped else ("new", "")
                place = _place(met.first)
                counts = (str(count), met.spearhead)
                rows.append((vocabulary, kind, spelling, name, "", *counts, *place, why, ""))
    for vocabulary in ("strategic_goals", "parties"):
        rows += _uncertain(vocabulary, found[vocabulary], lexicon)
    return rows


def _uncertain(vocabulary: str, names: dict[str, _Name], lexicon: Lexicon) -> list[tuple[str, ...]]:
    """The pairs of spellings the grouping leaves apart but reports."""
    spellings = {s: n for met in names.values() for s, n in met.spellings.items()}
    first = {s: met for met in names.values() for s in met.spellings}
    return [
        (
            vocabulary,
            "uncertain",
            pair.first,
            pair.first,
            pair.second,
            "",
            first[pair.first].spearhead,
            *_place(first[pair.first].first),
            pair.why,
            "",
        )
        for pair in group_names(spellings, lexicon).uncertain
    ]


def _place(where: tuple[str, int]) -> tuple[str, str]:
    return where[0], str(where[1])


def _new_names(
    records: Sequence[ActionRecord], vocabularies: Vocabularies
) -> dict[str, dict[str, _Name]]:
    """Per vocabulary, the names no vocabulary knows, each with its spellings."""
    known_goals = {
        vocabularies["strategic_goals"].attributes[n]["goal_id"]
        for n in vocabularies["strategic_goals"].canonical_names
    }
    known_parties = set(vocabularies["parties"].canonical_names)
    found: dict[str, dict[str, _Name]] = {
        "boards": {},
        "spearheads": {},
        "strategic_goals": {},
        "parties": {},
    }
    goal_names: dict[str, str] = {}  # goal id -> its name (the spelling the id is of)
    for record in records:
        where = (record["source_file"], record["source_line"])
        if "board_unknown" in record["quality_flags"] and record["board"]:
            found["boards"].setdefault(record["board"], _Name(where)).add(record["board_raw"] or "")
        if "spearhead_unknown" in record["quality_flags"]:
            name = record["spearhead"]
            found["spearheads"].setdefault(name, _Name(where)).add(record["spearhead_raw"] or name)
        for goal_id, text in zip(
            record["strategic_goal_ids"], record["strategic_goals"], strict=True
        ):
            if goal_id not in known_goals:
                if unknown_id("G-", text) == goal_id:
                    goal_names.setdefault(goal_id, text)
                found["strategic_goals"].setdefault(goal_id, _Name(where, record["spearhead"])).add(
                    text
                )
        for party, raw in zip(record["parties"], record["parties_raw"], strict=True):
            if party not in known_parties:
                found["parties"].setdefault(party, _Name(where)).add(raw)
    found["strategic_goals"] = {
        goal_names.get(goal_id, next(iter(met.spellings))): met
        for goal_id, met in found["strategic_goals"].items()
    }
    return found


def review_text(rows: Iterable[tuple[str, ...]]) -> str:
    """The sheet as UTF-8 CSV text (the same rows, the same bytes)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue()
