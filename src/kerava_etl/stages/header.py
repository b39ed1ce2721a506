"""Column-header rows: which cell of a table's rows holds which field.

A header row is a row with at least three cells that the columns vocabulary
(``vocab/columns.csv``) knows as column labels, whatever their case, spacing, markup or
entities. Its cells are read by label, so columns may come in any order; a label the
vocabulary does not know is kept as an extra column, a field without a column stays empty.
A header that repeats a field, or lacks ``Strateginen kärki`` or ``Toimenpide``, cannot be
read: its rows would mean nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from kerava_etl.columns import BY_LABEL, EXPECTED_FIELDS, REQUIRED_FIELDS, label_of
from kerava_etl.settings import DEFAULT_SETTINGS, ReadingSettings
from kerava_etl.text.cells import plain_label
from kerava_etl.vocab import Vocabulary


@dataclass(frozen=True)
class Header:
    """A header row read: per document column its field (``None``: unknown) and label."""

    fields: tuple[str | None, ...]
    labels: tuple[str, ...]  # as written, cleaned of markup
    hints: tuple[str | None, ...]  # for an unknown label, the nearest known label

    @property
    def width(self) -> int:
        """The number of cells a row of this table has."""
        return len(self.fields)

    def missing(self) -> list[str]:
        """The expected fields with no column, in the registry's order (an optional column,
        one later programmes add, is not missed)."""
        return [name for name in EXPECTED_FIELDS if name not in self.fields]

    def unknown(self) -> list[tuple[str, str | None]]:
        """Labels the vocabulary does not know, with the nearest known label."""
        return [
            (label, hint)
            for name, label, hint in zip(self.fields, self.labels, self.hints, strict=True)
            if name is None
        ]

    def columns(self) -> tuple[str, ...]:
        """What each column holds: its field, or for an unknown label its key of ``extra``
        (case folded). Two headers with the same columns read rows the same way, however
        their labels are spelt (``Mittari`` or ``MITTARIT``)."""
        return tuple(
            name if name is not None else "extra:" + label.casefold()
            for name, label in zip(self.fields, self.labels, strict=True)
        )

    def repeated(self) -> list[str]:
        """Labels that name a field an earlier column already names, or repeat an unknown
        label (two columns would share one key of ``extra``)."""
        seen: set[str] = set()
        repeated = []
        for key, label in zip(self.columns(), self.labels, strict=True):
            if key in seen:
                repeated.append(label)
            seen.add(key)
        return repeated

    def missing_required(self) -> list[str]:
        """The Finnish labels of the required fields this header lacks."""
        return [label_of(name) for name in REQUIRED_FIELDS if name not in self.fields]


class HeaderReader:
    """Reads column-header rows with the columns vocabulary.

    Every data row is asked whether it is a header, so each cell's reading as a label is
    kept (short cells such as a unit's name repeat across rows and documents).
    """

    def __init__(self, columns: Vocabulary, settings: ReadingSettings = DEFAULT_SETTINGS) -> None:
        self.columns = columns
        self.settings = settings
        self._labels: dict[str, str | None] = {}

    def __call__(self, cells: list[str]) -> Header | None:
        """The header a row is (see :func:`is_header_row`), or ``None``."""
        canonical = [self.label(cell) for cell in cells]
        known = sum(1 for name in canonical if name is not None)
        if not is_header_row(known, cells, self.settings):
            return None
        while len(cells) > 1 and not plain_label(cells[-1]):  # trailing empty cells
            cells, canonical = cells[:-1], canonical[:-1]
        limit = self.settings.max_header_label_chars
        labels = [
            (plain_label(cell) if len(cell) <= limit else cell) or f"(sarake {number})"
            for number, cell in enumerate(cells, start=1)
        ]  # an empty header cell names its column by its place: "(sarake 3)"
        return Header(
            fields=tuple(None if name is None else BY_LABEL[name].field for name in canonical),
            labels=tuple(labels),
            hints=tuple(
                None if name is not None else self.columns.resolve(label).hint
                for name, label in zip(canonical, labels, strict=True)
            ),
        )

    def label(self, cell: str) -> str | None:
        """The canonical label a cell spells, or ``None``."""
        if cell not in self._labels:
            self._labels[cell] = _label(cell, self.columns, self.settings)
        return self._labels[cell]


def is_header_row(known: int, cells: list[str], settings: ReadingSettings) -> bool:
    """A row with ``min_header_labels`` known column labels is a header row; with one fewer,
    when every cell is shaped like a label too (a header in words the vocabulary does not
    know yet)."""
    wanted = settings.min_header_labels
    return known >= wanted or (known >= wanted - 1 and all_label_shaped(cells, settings))


def all_label_shaped(cells: list[str], settings: ReadingSettings) -> bool:
    """Every cell with text has a label's shape (:func:`label_shaped`), and there are at
    least ``min_header_labels`` of them."""
    if any(len(cell) > settings.max_header_label_chars for cell in cells):
        return False
    texts = [text for text in map(plain_label, cells) if text]
    return len(texts) >= settings.min_header_labels and all(
        label_shaped(text, settings) for text in texts
    )


def label_shaped(text: str, settings: ReadingSettings) -> bool:
    """A label's shape: a few words (``max_header_label_words``), capitalised, no sentence
    (no full stop at the end), no digits."""
    return (
        len(text.split()) <= settings.max_header_label_words
        and text[0].isupper()
        and not text.endswith(".")
        and not any(ch.isdigit() for ch in text)
    )


def _label(cell: str, columns: Vocabulary, settings: ReadingSettings) -> str | None:
    """The canonical label a cell spells, or ``None``; a long plain cell is rejected unread."""
    if len(cell) > settings.max_header_label_chars:
        return None
    if "<" not in cell and "&" not in cell and len(cell) > 2 * columns.longest_name:
        return None
    return columns.canonical_of(plain_label(cell))
