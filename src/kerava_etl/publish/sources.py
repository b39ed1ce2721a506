"""What is known of each input beyond its bytes: title, publisher, public address, dates.

A data file, ``sources.csv`` beside this module, keyed by the input file's SHA-256, so the
same bytes under another name are still recognised and an edited file is not mistaken for
the one described. Columns: ``sha256``, ``file`` (for the reader only), ``title`` (the
document's name as cited; empty: the title block), ``publisher``, ``url`` (the public
address known), ``adopted`` (an ISO date) and ``adopted_what`` (what was adopted then, in
Finnish), ``note`` and ``note_fi`` (what the facts rest on, and what is not known). Only
sourced facts go there; an input that is not listed is described by its name and checksum.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kerava_etl.errors import InternalError
from kerava_etl.publish.schema import DocumentInfo
from kerava_etl.publish.tables import years_of

SOURCES_FILE = Path(__file__).resolve().parent / "sources.csv"
_FIELDS = ("title", "publisher", "url", "adopted", "adopted_what", "note", "note_fi")


@dataclass(frozen=True)
class KnownSource:
    """One row of ``sources.csv``: the facts known of a file (``None``: not known)."""

    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    adopted: str | None = None  # ISO date
    adopted_what: str | None = None
    note: str | None = None
    note_fi: str | None = None


@dataclass(frozen=True)
class Source:
    """An input file and what is known of it: the provenance every output states."""

    file: str
    sha256: str
    title_block: str | None  # the title as the document's title block reads
    known: KnownSource

    @property
    def title(self) -> str:
        """The name to cite: the known title, else the title block, else the file name."""
        return self.known.title or self.title_block or self.file

    @property
    def dated(self) -> datetime.date | None:
        """The date the source is of: its adoption, else 1 January of its first year."""
        if self.known.adopted:
            return datetime.date.fromisoformat(self.known.adopted)
        start, _ = years_of(self.title_block)
        return datetime.date(start, 1, 1) if start is not None else None


def load_known_sources(path: Path = SOURCES_FILE) -> dict[str, KnownSource]:
    """``sources.csv``: SHA-256 -> what is known. A malformed file is a bug of the package."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    known: dict[str, KnownSource] = {}
    for number, row in enumerate(rows, start=2):
        sha256 = (row.get("sha256") or "").strip().lower()
        adopted = row.get("adopted") or ""
        if len(sha256) != 64 or sha256 in known or not _is_date_or_empty(adopted):
            raise InternalError(f"{path.name}:{number}: a bad sha256 or adopted date")
        known[sha256] = KnownSource(
            **{name: (row.get(name) or "").strip() or None for name in _FIELDS}
        )
    return known


def _is_date_or_empty(text: str) -> bool:
    try:
        return not text or bool(datetime.date.fromisoformat(text))
    except ValueError:
        return False


def sources_of(documents: Sequence[DocumentInfo], known: Mapping[str, KnownSource]) -> list[Source]:
    """Each input file with what ``known`` says of its bytes (nothing, for an unknown file)."""
    return [
        Source(d.file, d.sha256, d.title, known.get(d.sha256, KnownSource())) for d in documents
    ]


KERAVA_TITLE = "Keravan kaupunkistrategian toimenpideohjelmat"
NEUTRAL_TITLE = "Strategian toimenpideohjelmat"  # for programmes not known to be Kerava's


def dataset_title(sources: Sequence[Source]) -> str:
    """The dataset's name: Kerava's programmes when every source is one the city is known
    to have published (``sources.csv``), else a name that claims no publisher."""
    known = bool(sources) and all(s.known.publisher == "Keravan kaupunki" for s in sources)
    return KERAVA_TITLE if known else NEUTRAL_TITLE


def publishers(sources: Sequence[Source]) -> list[str]:
    """The publishers named for the sources, each once, in input order."""
    return list(dict.fromkeys(s.known.publisher for s in sources if s.known.publisher))


def created(sources: Sequence[Source]) -> str | None:
    """The dataset's date, from its sources (never the clock): the latest source date."""
    dates = [date for date in (s.dated for s in sources) if date is not None]
    return f"{max(dates).isoformat()}T00:00:00Z" if dates else None
