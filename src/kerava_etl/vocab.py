"""Controlled vocabularies: boards (toimielimet) and spearheads (strategiset kärjet).

The names live in ``vocabularies/*.csv`` (columns ``canonical,alias,note``), one row per
accepted spelling, for a data steward to review and extend. Lookup ignores case and
spacing; a spelling that is not listed is kept as written and reported with the nearest
known name as a hint.
"""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kerava_etl.config import VOCABULARY_DIR


@dataclass(frozen=True)
class Resolved:
    """A name looked up in a vocabulary."""

    raw: str
    canonical: str  # the canonical name; the raw name when unknown
    known: bool
    hint: str | None = None  # the nearest known name, for an unknown one

    @property
    def is_alias(self) -> bool:
        """Known, but written differently from the canonical name."""
        return self.known and self.raw != self.canonical


@dataclass(frozen=True)
class Vocabulary:
    """Canonical names and their aliases, keyed by folded spelling."""

    name: str
    canonical_names: tuple[str, ...]
    aliases: dict[str, tuple[str, ...]]  # canonical -> aliases, in file order
    _lookup: dict[str, str]

    _resolved: dict[str, Resolved] = field(default_factory=dict, compare=False, repr=False)

    def resolve(self, raw: str) -> Resolved:
        """Look ``raw`` up: its canonical name, or itself and a hint when unknown."""
        found = self._resolved.get(raw)
        if found is None:
            found = self._resolved[raw] = self._look_up(raw)
        return found

    def _look_up(self, raw: str) -> Resolved:
        canonical = self._lookup.get(_fold(raw))
        if canonical is not None:
            return Resolved(raw, canonical, known=True)
        close = difflib.get_close_matches(_fold(raw), list(self._lookup), n=1, cutoff=0.0)
        return Resolved(raw, raw, known=False, hint=self._lookup[close[0]] if close else None)


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def load_vocabulary(path: Path) -> Vocabulary:
    """Read one ``canonical,alias,note`` CSV file."""
    canonical_names: list[str] = []
    aliases: dict[str, list[str]] = {}
    lookup: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            canonical = row["canonical"].strip()
            alias = (row.get("alias") or "").strip()
            if canonical not in aliases:
                canonical_names.append(canonical)
                aliases[canonical] = []
                lookup[_fold(canonical)] = canonical
            if alias:
                aliases[canonical].append(alias)
                lookup[_fold(alias)] = canonical
    return Vocabulary(
        path.stem,
        tuple(canonical_names),
        {name: tuple(values) for name, values in aliases.items()},
        lookup,
    )


@cache
def boards() -> Vocabulary:
    """The boards vocabulary shipped with the package."""
    return load_vocabulary(VOCABULARY_DIR / "boards.csv")


@cache
def spearheads() -> Vocabulary:
    """The spearheads vocabulary shipped with the package."""
    return load_vocabulary(VOCABULARY_DIR / "spearheads.csv")
