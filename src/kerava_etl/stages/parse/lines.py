"""One line of a document, read: its cells, and whether it is a text line, a page heading,
a page number. Pure functions of the line (and, for look-ahead, of the lines after it).

A line is blank (no cell with text), a *text line* (text in the first cell only, or a
short ``Label:`` and its value in two cells), or a row: a column-header row or a data row.
Empty cells are empty after cleaning (``&nbsp;``, ``<br>`` are empty too), and a text line
may have any number of empty cells after it, or none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kerava_etl.settings import ReadingSettings
from kerava_etl.text.cells import plain_label
from kerava_etl.text.words import (
    BOARD_LABELS,
    CONJUNCTION,
    CONJUNCTIONS,
    DASHES,
    EDGE_SPACE,
    YEAR,
)

_HEADING_MARK = re.compile(r"#{1,6}(?!#)")
_EMPHASIS = "*_ "  # markdown emphasis around a heading's or the title's text
# A page number standing alone: "3", "Sivu 3", "Sivu 3 / 12", "s. 3 (12)", "Page 3 of 12",
# "- 4 -" (a footer's page number between dashes); not a year range ("2022-2025").
PAGE_NUMBER = re.compile(
    rf"^(?!{YEAR}\s*[{DASHES}])(?:(?:sivu|s\.|page|p\.)\s*)?\d{{1,4}}"
    r"(?:\s*(?:/|\(|of|-)\s*\d{1,4}\)?)?$"
    rf"|^[{DASHES}]\s*\d{{1,4}}\s*[{DASHES}]$",
    re.IGNORECASE,
)
# A table's caption standing alone: "Taulukko 2. Elinkeino- ja työllisyysjaosto – ...",
# "Table 3:"; as page furniture, it stands between a board line and its table.
CAPTION = re.compile(r"^(?:taulukko|tabell|table|liite)\s+\d{1,3}\b[.:]?", re.IGNORECASE)
# A line ending where the PDF broke a name: in a word ("hyvinvointi-"), or after a compound
# ellipsis ("Rakennus- ja").
BROKEN_LINE_END = re.compile(rf"\w-$|\w- {CONJUNCTION}$")


@dataclass(frozen=True)
class Line:
    """A non-blank line: its number, as written, its cells (stripped), and for a text line
    its text (a line held back as the first part of a broken name comes before it)."""

    number: int
    raw: str
    cells: tuple[str, ...]
    text: str | None  # None: a row (a header or data row)
    plain_text_line: bool = False  # text in the first cell only (not a Label: value pair)


def read_line(number: int, raw: str, held: str | None, settings: ReadingSettings) -> Line | None:
    """The line read, or ``None`` when it is blank. ``held`` is a text line held back to be
    read with this one (the first half of a name the PDF broke over two lines)."""
    cells = split_cells(raw)
    if cells is None:
        return None
    if is_text_line(cells):
        text = plain_label(cells[0])
        if held is not None:
            text = joined_lines(held, text)
        return Line(number, raw, tuple(cells), text, plain_text_line=True)
    return Line(number, raw, tuple(cells), labelled_text(cells, settings))


def split_cells(line: str) -> list[str] | None:
    """A line's cells, stripped; None if blank."""
    if not line.strip():
        return None
    cells = [unquote(cell.strip(EDGE_SPACE)) for cell in line.split("\t")]
    if all(is_blank(cell) for cell in cells):
        return None
    return cells


def unquote(cell: str) -> str:
    """A cell quoted as CSV/TSV writers quote one holding a quote: ``"a ""b"" c"``.

    Only a cell that starts and ends with a quote and whose inner quotes all come in
    doubled pairs is unquoted; that is the shape quoting gives, and not that of text.
    """
    if cell == '""':  # an empty cell (or line), quoted
        return ""
    if len(cell) < 4 or cell[0] != '"' or cell[-1] != '"':
        return cell
    inner = cell[1:-1]
    if '""' not in inner or '"' in inner.replace('""', ""):
        return cell
    return inner.replace('""', '"').strip()


def is_blank(cell: str) -> bool:
    """Empty, or nothing but markup and spaces (``&nbsp;``, ``<br>``, ``<p></p>``)."""
    return not cell or (
        ("<" in cell or "&" in cell or not cell.isascii()) and not plain_label(cell)
    )


def is_text_line(cells: Sequence[str]) -> bool:
    """Text in the first cell only."""
    return not is_blank(cells[0]) and all(is_blank(cell) for cell in cells[1:])


def labelled_text(cells: Sequence[str], settings: ReadingSettings) -> str | None:
    """A text line written as a label and its value in two cells (``Toimielin:``, a name),
    as one text; ``None`` for anything else."""
    label = plain_label(cells[0])
    if len(cells) < 2 or not label.endswith(":"):
        return None
    if len(label.split()) > settings.max_value_label_words:
        return None
    if is_blank(cells[1]) or not all(is_blank(cell) for cell in cells[2:]):
        return None
    return f"{label} {plain_label(cells[1])}"


def fit(cells: Sequence[str], width: int) -> list[str]:
    """The cells of a row of a ``width``-column table: empty cells past its last dropped."""
    fitted = list(cells)
    while len(fitted) > width and is_blank(fitted[-1]):
        fitted.pop()
    return fitted


def heading_text(text: str) -> str | None:
    """The text of a ``# heading`` line (markdown's closing hashes and emphasis dropped),
    or ``None`` if the line is not one. The closing hashes are stripped by hand, not by a
    regular expression, which would backtrack on a long run of them."""
    mark = _HEADING_MARK.match(text)
    if mark is None:
        return None
    body = text[mark.end() :].strip()
    closed = body.rstrip("#")
    if closed != body and (not closed or closed[-1].isspace()):
        body = closed.strip()
    return body.strip(_EMPHASIS)


def is_furniture(cells: Sequence[str]) -> bool:
    """A page heading, a page number or a table's caption standing alone."""
    if not is_text_line(cells):
        return False
    text = plain_label(cells[0])
    return heading_text(text) is not None or bool(PAGE_NUMBER.match(text) or CAPTION.match(text))


def joined_lines(first: str, second: str) -> str:
    """Two lines of one broken name as one: a word broken at the hyphen rejoined."""
    head = second.split(" ", 1)[0]
    if first.endswith("-") and head[:1].islower() and head.casefold() not in CONJUNCTIONS:
        return first[:-1] + second
    return f"{first} {second}"


def board_name(text: str) -> str:
    """A board line's name: without a board's label before it (``Toimielin:``) or a colon
    after it."""
    name = text.rstrip(": ")
    label, colon, named = name.partition(":")
    if colon and label.strip().casefold() in BOARD_LABELS:
        return named.strip()
    return name


def title_of(lines: Sequence[str]) -> str | None:
    """The title block's lines as one title (markdown emphasis dropped)."""
    text = " ".join(" ".join(lines).replace("*", " ").split())
    return text or None


def contents(lines: Sequence[str], number: int, tail: tuple[str, ...]) -> Iterator[str]:
    """The non-blank lines after line ``number`` (1-based), then those of ``tail``."""
    for index in range(number, len(lines)):  # no slice: that copies the rest of the file
        if split_cells(lines[index]) is not None:
            yield lines[index]
    yield from tail


def leading_content(lines: Sequence[str], tail: tuple[str, ...]) -> tuple[str, ...]:
    """A file's first non-blank lines, up to the first that is not page furniture (and on
    into the files after it, ``tail``, while all is furniture): what a look-ahead from the
    end of the file before may need to see."""
    found: list[str] = []
    for line in contents(lines, 0, tail):
        found.append(line)
        cells = split_cells(line)
        if cells is not None and not is_furniture(cells):
            break
    return tuple(found)
