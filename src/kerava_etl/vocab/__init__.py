"""Controlled vocabularies: one registry, one CSV file per vocabulary.

Each vocabulary is a CSV file beside this module (columns ``canonical,alias,note``, and any
attributes of a name in more columns of its first row), one row per accepted spelling, for
a data steward to review and extend. Lookup ignores case, spacing and final punctuation; a
spelling that is not listed is kept as written and reported with the nearest known name as
a hint. A new vocabulary is a CSV file and one :data:`REGISTRY` entry.
"""

from __future__ import annotations

import csv
import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TextIO

from kerava_etl.columns import COLUMNS
from kerava_etl.errors import KeravaError
from kerava_etl.settings import DEFAULT_SETTINGS
from kerava_etl.text.words import CONJUNCTION, DASHES, LABEL_PREFIX, OTHER_HYPHENS, YEAR

VOCABULARY_DIR = Path(__file__).resolve().parent
_BASE_COLUMNS = frozenset({"canonical", "alias", "note"})


_FINAL_PUNCTUATION = ".,;:!?*"
_QUOTES = "\"'\u201d\u201c\u201e\u00ab\u00bb\u2018\u2019 "  # straight, curly, guillemets
_DASHES = str.maketrans(dict.fromkeys(OTHER_HYPHENS + DASHES.replace("-", ""), "-"))


@dataclass(frozen=True)
class VocabularySpec:
    """A vocabulary: its name, its file, the record field it resolves, its Finnish title, and
    whether it is published as a table of its own (named like the vocabulary)."""

    name: str
    file: str
    field: str
    title: str
    published: bool = True
    loose: bool = True  # also look up a name's variants (see name_variants)
    # Attributes published as columns of its table: (attribute, Finnish title, description).
    attributes: tuple[tuple[str, str, str], ...] = ()
    required: tuple[str, ...] = ()  # attributes every canonical row must have
    # Canonical names the vocabulary always has, and the only ones its file may name (the
    # columns vocabulary: the column registry's labels; the file adds other spellings).
    fixed: tuple[str, ...] = ()


REGISTRY: tuple[VocabularySpec, ...] = (
    VocabularySpec("boards", "boards.csv", "board", "Toimielimet"),
    VocabularySpec(
        "spearheads",
        "spearheads.csv",
        "spearhead",
        "Strategiset kärjet",
        attributes=(
            (
                "kind",
                "Laji",
                "'spearhead' (one of the strategy's four strategiset kärjet) or 'theme' (a "
                "theme that cuts across every spearhead); null for a name not in the "
                "vocabulary.",
            ),
        ),
        required=("kind",),
    ),
    # The labels of the tables' header rows: each column of the registry
    # (kerava_etl.columns) by its canonical label, and the other labels programmes write.
    VocabularySpec(
        "columns",
        "columns.csv",
        "column",
        "Sarakkeet",
        published=False,
        fixed=tuple(column.label for column in COLUMNS),
    ),
    # The strategy's goals (goal_id, spearhead) and the responsible parties (party_id,
    # kind): matched as written, no variants; their tables are built in publish.tables.
    VocabularySpec(
        "strategic_goals",
        "strategic_goals.csv",
        "strategic_goals",
        "Strategiset tavoitteet",
        published=False,
        loose=False,
        required=("goal_id", "spearhead"),
    ),
    VocabularySpec(
        "parties",
        "parties.csv",
        "parties",
        "Vastuutahot",
        published=False,
        loose=False,
        required=("party_id", "kind"),
    ),
)


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
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)  # canonical -> more
    loose: bool = False

    _resolved: dict[str, Resolved] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def longest_name(self) -> int:
        """The length of the longest accepted spelling (case and spacing folded)."""
        return max(map(len, self._lookup), default=0)

    def canonical_of(self, raw: str) -> str | None:
        """The canonical name ``raw`` spells, or ``None`` (cheap: no hint is looked for).

        A loose vocabulary also tries the name's variants (:func:`name_variants`).
        """
        found = self._lookup.get(fold_name(raw))
        if found is not None or not self.loose:
            return found
        for variant in name_variants(raw):
            found = self._lookup.get(fold_name(variant))
            if found is not None:
                return found
        return None

    def nearly(self, raw: str, cutoff: float = DEFAULT_SETTINGS.near_name_cutoff) -> str | None:
        """The canonical name ``raw`` misspells by a letter or two (``opetuslautakuta``), or
        ``None``: what makes an unknown line worth reading as a name of this vocabulary.
        With a lower ``cutoff``, the nearest known name, if that near (an unknown name's
        hint: a name far from every known one has none)."""
        close = difflib.get_close_matches(fold_name(raw), list(self._lookup), n=1, cutoff=cutoff)
        return self._lookup[close[0]] if close else None

    def resolve(self, raw: str) -> Resolved:
        """Look ``raw`` up: its canonical name, or itself and a hint when unknown."""
        found = self._resolved.get(raw)
        if found is None:
            found = self._resolved[raw] = self._look_up(raw)
        return found

    def _look_up(self, raw: str) -> Resolved:
        canonical = self.canonical_of(raw)
        if canonical is not None:
            return Resolved(raw, canonical, known=True)
        hint = self.nearly(raw, cutoff=DEFAULT_SETTINGS.hint_cutoff)
        return Resolved(raw, raw, known=False, hint=hint)


class Vocabularies(Mapping[str, Vocabulary]):
    """Every registered vocabulary, loaded: ``vocabularies["boards"]``."""

    def __init__(self, loaded: Mapping[str, Vocabulary]) -> None:
        self._loaded = dict(loaded)

    def __getitem__(self, name: str) -> Vocabulary:
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded)

    def __len__(self) -> int:
        return len(self._loaded)


_BROKEN_WORD = re.compile(rf"(\w)- (?!{CONJUNCTION}\b)(\w)")
_NUMBERING = re.compile(r"^\s*\d{1,2}[.)]\s+")
_YEARS = re.compile(rf"\s*\(?\s*{YEAR}(?:\s*[{DASHES}]\s*(?:19|20)?\d\d)?\s*\)?\s*$")


def name_variants(name: str) -> list[str]:
    """Other ways a document writes a name (a board, a spearhead, a column label).

    The name with a word broken by PDF hyphenation rejoined (``lauta- kunta``), without
    list numbering (``1. ``), without a year or period after it (``(2022–2025)``), after a
    short prefix with a colon (``Toimielin: ``), and each part around a slash
    (``Vastuutaho / -henkilö``).
    """
    variants = [
        _BROKEN_WORD.sub(r"\1\2", name),
        _NUMBERING.sub("", name),
        _YEARS.sub("", name),
    ]
    if after_prefix(name) != name:
        variants.append(after_prefix(name))
    if "/" in name:
        variants += [part.strip(" -") for part in name.split("/")]
    return [variant for variant in variants if variant and variant != name]


def after_prefix(name: str) -> str:
    """The name after a short prefix with a colon (``Toimielin: Kaupunkitekniikan
    lautakunta``), or the name itself."""
    prefixed = LABEL_PREFIX.match(name)
    return prefixed.group(2) if prefixed else name


def fold_name(name: str) -> str:
    """The spelling a lookup compares: case, spacing, final punctuation, quotes around the
    name and the kind of dash aside (``"Ranta–alueet."`` is ``ranta-alueet``)."""
    folded = " ".join(name.casefold().translate(_DASHES).split())
    return folded.rstrip(_FINAL_PUNCTUATION).strip(_QUOTES).rstrip(_FINAL_PUNCTUATION).strip()


def load_vocabulary(
    path: Path,
    name: str | None = None,
    *,
    loose: bool = False,
    required: tuple[str, ...] = (),
    fixed: tuple[str, ...] = (),
    shown_as: str | None = None,
) -> Vocabulary:
    """Read one ``canonical,alias,note[,attribute ...]`` CSV file (named in errors as
    ``shown_as``, by default its path).

    A data steward edits these files, so a mistake is reported with the file and line
    (:class:`KeravaError`, exit 2): a row that is not valid CSV or has more cells than the
    header, a canonical row without a ``required`` attribute, a spelling that two canonical
    names claim, an ``*_id`` attribute used twice, or, where the canonical names are
    ``fixed``, a canonical name that is not one of them.
    """
    shown = str(path) if shown_as is None else shown_as
    builder = _Builder(shown, required, fixed)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in _csv_rows(handle, shown):
                builder.add(row, line)
    except FileNotFoundError:
        raise KeravaError(
            f"no such file: `kerava-etl vocab init {path.parent}` writes the bundled "
            "vocabularies there, to edit",
            file=shown,
        ) from None
    except UnicodeDecodeError as exc:
        raise KeravaError(
            f"not UTF-8 text (byte {exc.start}): save it as UTF-8 CSV", file=shown
        ) from None
    except OSError as exc:
        raise KeravaError(f"cannot be read: {exc.strerror or exc}", file=shown) from None
    return Vocabulary(
        name or path.stem,
        tuple(builder.aliases),
        {canonical: tuple(values) for canonical, values in builder.aliases.items()},
        builder.lookup,
        builder.attributes,
        loose,
    )


def _csv_rows(handle: TextIO, file: str) -> Iterator[tuple[int, dict[str, str | None]]]:
    """Each row of a CSV file by its header's names, with the line it starts on (a quoted
    value may hold a line break; blank lines are skipped). A row the csv module cannot read
    (a quote left open swallows the rows after it) or with more cells than the header (a
    comma in a value without quotes around it) is refused, not read into the wrong columns."""
    reader = csv.reader(handle, strict=True)
    start = 1
    try:
        header = next(reader, [])
        start = reader.line_num + 1
        for cells in reader:
            if len(cells) > len(header):
                raise KeravaError(
                    f"{len(cells)} cells where the header has {len(header)}: a value with a "
                    "comma needs quotes around it",
                    file=file,
                    line=start,
                )
            if cells:
                yield start, dict(zip(header, cells, strict=False))  # a short row: the rest empty
            start = reader.line_num + 1
    except csv.Error as exc:
        raise KeravaError(
            f"not valid CSV from here on ({exc}); check the quotes", file=file, line=start
        ) from None


@dataclass
class _Builder:
    """A vocabulary being read, row by row, with its checks."""

    file: str
    required: tuple[str, ...]
    fixed: tuple[str, ...] = ()
    aliases: dict[str, list[str]] = field(default_factory=dict)  # canonical -> aliases
    lookup: dict[str, str] = field(default_factory=dict)
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in self.fixed:
            self.aliases[name] = []
            self.attributes[name] = {}
            self._spell(name, name, 1)

    def add(self, row: dict[str, str | None], line: int) -> None:
        canonical = (row.get("canonical") or "").strip()
        if not canonical:
            raise KeravaError("a row without a canonical name", file=self.file, line=line)
        if self.fixed and canonical not in self.fixed:
            raise KeravaError(
                f"{canonical!r} is not a known column's label; the columns are "
                f"{', '.join(self.fixed)} (a new column is an entry in kerava_etl/columns.py)",
                file=self.file,
                line=line,
            )
        if canonical not in self.aliases:
            self.aliases[canonical] = []
            self.attributes[canonical] = self._attributes(row, line)
            self._spell(canonical, canonical, line)
        alias = (row.get("alias") or "").strip()
        if alias:
            self.aliases[canonical].append(alias)
            self._spell(alias, canonical, line)

    def _attributes(self, row: dict[str, str | None], line: int) -> dict[str, str]:
        found = {
            key: value.strip()
            for key, value in row.items()
            if key not in _BASE_COLUMNS and key is not None and value and value.strip()
        }
        missing = [key for key in self.required if key not in found]
        if missing:
            raise KeravaError(f"no {', '.join(missing)} for this name", file=self.file, line=line)
        for key, value in found.items():
            if key.endswith("_id"):
                if value in self.ids:
                    raise KeravaError(
                        f"{key} {value} is used twice (also by {self.ids[value]})",
                        file=self.file,
                        line=line,
                    )
                self.ids[value] = row.get("canonical") or ""
        return found

    def _spell(self, spelling: str, canonical: str, line: int) -> None:
        key = fold_name(spelling)
        other = self.lookup.setdefault(key, canonical)
        if other != canonical:
            raise KeravaError(
                f"the spelling {spelling!r} names both {other!r} and {canonical!r}",
                file=self.file,
                line=line,
            )


def load_vocabularies(directory: Path = VOCABULARY_DIR) -> Vocabularies:
    """Load every vocabulary of :data:`REGISTRY` from ``directory`` (the bundled set by
    default; errors name a bundled file by its name, another by its path)."""
    if not directory.is_dir():
        raise KeravaError(
            f"no such directory: `kerava-etl vocab init {directory}` writes the bundled "
            "vocabularies there, to edit",
            file=str(directory),
        )
    bundled = directory.resolve() == VOCABULARY_DIR
    return Vocabularies(
        {
            spec.name: load_vocabulary(
                directory / spec.file,
                spec.name,
                loose=spec.loose,
                required=spec.required,
                fixed=spec.fixed,
                shown_as=spec.file if bundled else None,
            )
            for spec in REGISTRY
        }
    )


# Beside the vocabularies: what is known of each input (kerava_etl.publish.sources) and
# the warnings accepted (kerava_etl.baseline).
BESIDE = ("sources.csv", "baseline.csv")


def vocabulary_files() -> list[Path]:
    """The bundled vocabulary files, in registry order, and the files beside them."""
    return [VOCABULARY_DIR / spec.file for spec in REGISTRY] + [VOCABULARY_DIR / n for n in BESIDE]


def vocabulary_files_table() -> str:
    """docs/reading.md's table of the data team's files: each file, what it holds, its
    columns (in bold those a canonical row must fill), from the registries."""
    from kerava_etl.baseline import COLUMNS as BASELINE_COLUMNS
    from kerava_etl.publish.sources import COLUMNS as SOURCE_COLUMNS

    def columns(names: Sequence[str], required: Sequence[str]) -> str:
        return ", ".join(f"**`{n}`**" if n in required else f"`{n}`" for n in names)

    lines = [
        "| file | holds | columns (bold: a canonical row must fill it) |",
        "| --- | --- | --- |",
    ]
    for spec in REGISTRY:
        attributes = [name for name, _, _ in spec.attributes]
        extra = [name for name in spec.required if name not in attributes] + attributes
        names = ["canonical", "alias", "note", *extra]
        what = f"{spec.title}: one row per accepted spelling (`alias` empty: the canonical row)"
        lines.append(
            f"| `{spec.file}` | {what} | {columns(names, ('canonical', *spec.required))} |"
        )
    lines.append(
        f"| `sources.csv` | what is known of each input, by file name | "
        f"{columns(SOURCE_COLUMNS, ('file',))} |"
    )
    lines.append(
        f"| `baseline.csv` | the warnings accepted as known (`kerava-etl vocab baseline`) | "
        f"{columns(BASELINE_COLUMNS, ('file', 'code'))} |"
    )
    return "\n".join(lines)


def init_vocabularies(directory: Path) -> list[Path]:
    """Copy the bundled vocabularies into ``directory`` (made if missing) for a data team
    to edit; the files written. A file already there is never overwritten: nothing is
    written then (exit 2), and a copy that fails leaves nothing behind."""
    targets = [directory / source.name for source in vocabulary_files()]
    present = [target for target in targets if target.exists()]
    if present:
        raise KeravaError(
            f"{present[0].name} is already there: nothing written (edit it, or choose an "
            "empty directory)",
            file=str(directory),
        )
    written: list[Path] = []
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for source, target in zip(vocabulary_files(), targets, strict=True):
            target.write_bytes(source.read_bytes())
            written.append(target)
    except OSError as exc:
        for target in written:
            target.unlink(missing_ok=True)
        raise KeravaError(
            f"cannot write the vocabularies: {exc.strerror or exc}", file=str(directory)
        ) from None
    return written
