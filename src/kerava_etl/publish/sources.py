"""What is known of each input beyond its bytes: title, publisher, period, public address,
dates, licence.

A data file the data team keeps beside the vocabularies, ``sources.csv`` (the bundled one:
``vocab/sources.csv``; a team's: ``kerava-etl build --vocab DIR`` reads ``DIR/sources.csv``),
one row per input keyed by its file name, with its SHA-256 as a check: an edited or other
file under a listed name is not mistaken for the one described. Columns: ``file``,
``sha256`` (may be empty: no check), ``title`` (the document's name as cited; empty: the
title block), ``publisher``, ``period`` (``2018–2021``), ``url`` (the public address
known), ``adopted`` (an ISO date) and ``adopted_what`` (what was adopted then, in Finnish),
``licence`` (the source's own, if known), ``note`` and ``note_fi`` (what the facts rest on,
and what is not known). Only sourced facts go there. An input with no row, or whose bytes
are not the row's, is described by its name and checksum, with one warning that says the
line to add.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kerava_etl.codes import Finding, finding
from kerava_etl.errors import KeravaError
from kerava_etl.publish.schema import DocumentInfo
from kerava_etl.publish.tables import years_of

SOURCES_NAME = "sources.csv"
SOURCES_FILE = Path(__file__).resolve().parents[1] / "vocab" / SOURCES_NAME
COLUMNS = (
    "file",
    "sha256",
    "title",
    "publisher",
    "period",
    "url",
    "adopted",
    "adopted_what",
    "licence",
    "note",
    "note_fi",
)
_FIELDS = tuple(name for name in COLUMNS if name not in ("file", "sha256"))


@dataclass(frozen=True)
class KnownSource:
    """One row of ``sources.csv``: the facts known of a file (``None``: not known)."""

    title: str | None = None
    publisher: str | None = None
    period: str | None = None
    url: str | None = None
    adopted: str | None = None  # ISO date
    adopted_what: str | None = None
    licence: str | None = None
    note: str | None = None
    note_fi: str | None = None
    sha256: str | None = None  # the bytes described (None: any)


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


def load_known_sources(
    path: Path = SOURCES_FILE, shown_as: str | None = None
) -> dict[str, KnownSource]:
    """``sources.csv``: file name -> what is known. The data team edits it, so a mistake is
    ``file:line: what is wrong`` (exit 2): a row without a file name, a name listed twice, a
    checksum that is not 64 hex digits, a date that is not ISO (``2018-03-12``). No file
    is nothing known."""
    shown = shown_as or str(path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, strict=True)
            rows = [(reader.line_num, row) for row in reader]
    except FileNotFoundError:
        return {}  # nothing known: each input is one source_unknown warning
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise KeravaError(f"cannot be read as UTF-8 CSV: {exc}", file=shown) from None
    known: dict[str, KnownSource] = {}
    for line, row in rows:
        name = (row.get("file") or "").strip()
        known[name] = _known(row, name, known, shown, line)
    return known


def _known(
    row: Mapping[str, str | None], name: str, known: Mapping[str, KnownSource], file: str, line: int
) -> KnownSource:
    sha256 = (row.get("sha256") or "").strip().lower()
    problem = (
        "a row without a file name"
        if not name
        else f"{name} is listed twice"
        if name in known
        else "sha256 is not 64 hex digits"
        if sha256 and (len(sha256) != 64 or set(sha256) - set("0123456789abcdef"))
        else "adopted is not an ISO date (2018-03-12)"
        if not _is_date_or_empty(row.get("adopted") or "")
        else None
    )
    if problem is not None:
        raise KeravaError(problem, file=file, line=line)
    values = {field: (row.get(field) or "").strip() or None for field in _FIELDS}
    return KnownSource(**values, sha256=sha256 or None)


def _is_date_or_empty(text: str) -> bool:
    try:
        return not text or bool(datetime.date.fromisoformat(text))
    except ValueError:
        return False


def sources_of(
    documents: Sequence[DocumentInfo],
    known: Mapping[str, KnownSource],
    listed_in: str = SOURCES_NAME,
) -> tuple[list[Source], list[Finding]]:
    """Each input file with what ``known`` says of it (nothing, for a file it does not
    list, or whose bytes are not those listed), and one warning for each such file."""
    sources: list[Source] = []
    findings: list[Finding] = []
    for document in documents:
        entry = known.get(document.file)
        if entry is None:
            findings.append(_unlisted("source_unknown", document, listed_in))
        elif entry.sha256 is not None and entry.sha256 != document.sha256:
            findings.append(_unlisted("source_changed", document, listed_in, entry.sha256))
            entry = None
        sources.append(
            Source(document.file, document.sha256, document.title, entry or KnownSource())
        )
    return sources, findings


def _unlisted(code: str, document: DocumentInfo, listed_in: str, listed: str = "") -> Finding:
    """The warning for a file ``sources.csv`` does not describe, with the line to add."""
    line = f"{document.file},{document.sha256},<title>,<publisher>,<period>,<url>,,,,,"
    params = {"sources": listed_in, "line": line, "listed": listed, "sha256": document.sha256}
    return finding(code, document.file, None, value=document.sha256, params=params)


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
