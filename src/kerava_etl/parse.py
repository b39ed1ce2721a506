"""Stage 2, parse: a source document's lines -> raw table rows, with their context.

This stage knows the document's layout, not its meaning: page headings (``# ...``), board
lines (a name in the first cell, the other cells empty), column-header rows and data rows.
Cells stay raw (HTML and all); :mod:`kerava_etl.normalise` reads them.

A line is blank (no cell with text), a *text line* (text in the first cell only: a page
heading ``# ...``, a board line, or the title block), a column-header row, or a data row.
Empty cells are empty after cleaning (``&nbsp;``, ``<br>`` are empty too), and a text line
may have any number of empty cells after it, or none.

Tables: a column-header row starts a table. A text line directly followed (blank lines
aside) by a header row is that table's board line; a header with no board line before it
starts a table with no board. A text line inside a table directly followed by a data row
is a board line that changes the board for the rows below it. A page heading does not end
a table. The documents of a build are read as one stream, so "directly followed" looks
into the next file, and a file may continue the previous file's table.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from kerava_etl.config import COLUMN_FIELDS, COLUMNS, MAX_CELL_CHARS, N_COLUMNS
from kerava_etl.findings import Finding, Severity, shorten
from kerava_etl.read import SourceDocument
from kerava_etl.text import plain_label

# A progress callback: (stage, done, total). The CLI draws it as a bar on a terminal.
Progress = Callable[[str, int, int], None]

_HEADING_MARK = re.compile(r"#{1,6}(?!#)")
_EMPHASIS = "*_ "  # markdown emphasis around a heading's or the title's text
# A row with this many column labels is a header row (a damaged one, if not all seven).
_MIN_HEADER_LABELS = 3
_MAX_BOARD_CHARS = 120  # a longer text line is no board name (boards are a few words)
_MAX_LABEL_CHARS = 400  # a longer cell is no label, whatever its tags and entities
_LABEL_TO_FIELD = {" ".join(label.casefold().split()): name for label, name in COLUMNS}


@dataclass(frozen=True)
class BoardLine:
    """A board header line: the committee's name as written, and where."""

    name: str
    line: int


@dataclass(frozen=True)
class RawRow:
    """One data row: seven raw cells in column order (``COLUMN_FIELDS``) and its context."""

    source_file: str
    source_line: int
    table: int  # counts tables within the document; merged rows never cross tables
    section: str | None
    board: BoardLine | None
    cells: tuple[str, ...]


@dataclass
class ParsedDocument:
    """What the parser found in one document."""

    name: str
    sha256: str
    title: str | None
    rows: list[RawRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    tables: int = 0


@dataclass
class _Table:
    index: int
    board: BoardLine | None
    order: tuple[int, ...]  # document column i holds field order[i]
    rows: int = 0


@dataclass
class ParseState:
    """What carries from one line to the next, and from one file to the next."""

    section: str | None = None
    table: _Table | None = None
    pending: BoardLine | None = None  # a board line not yet taken by a header or a row
    tables: int = 0  # tables seen so far, across files


def parse_documents(
    documents: Sequence[SourceDocument], progress: Progress | None = None
) -> list[ParsedDocument]:
    """Parse documents in order, as one stream: a file may continue the previous file's table.

    So a document split into several files reads as the whole does; a file that starts
    with its own header row (as every complete programme does) starts a new table.
    """
    tails: list[str | None] = [None] * len(documents)  # the first content after each file
    for index in range(len(documents) - 2, -1, -1):
        tails[index] = _next_content(documents[index + 1].lines, 0, tails[index + 1])
    state = ParseState()
    parsed = []
    for document, tail in zip(documents, tails, strict=True):
        parsed.append(parse_document(document, state, tail))
        if progress is not None:
            progress("parse", len(parsed), len(documents))
    return parsed


def parse_document(
    doc: SourceDocument, state: ParseState | None = None, tail: str | None = None
) -> ParsedDocument:
    """Find the tables, board lines, headings and data rows of one document.

    ``state`` carries the context of the file(s) before this one, and is updated; ``tail``
    is the first non-blank line of the files after this one, for looking ahead.
    """
    state = state if state is not None else ParseState()
    result = ParsedDocument(name=doc.name, sha256=doc.sha256, title=None)
    lines = doc.lines
    title: list[str] = []

    def finding(severity: Severity, code: str, line: int, message: str, value: str) -> None:
        result.findings.append(
            Finding(severity, code, doc.name, line, message, value=shorten(value))
        )

    for number, line in enumerate(lines, start=1):
        cells = _cells(line)
        if cells is None:
            continue
        if _is_text_line(cells):
            text = plain_label(cells[0])
            heading = _heading(text)
            following = None if heading is not None else _next_content(lines, number, tail)
            if heading is not None:
                state.section = heading or None
            elif (
                len(text) <= _MAX_BOARD_CHARS
                and following is not None
                and _starts_table_or_row(following, state.table)
            ):
                state.pending = BoardLine(text, number)
                if state.table is not None and _header_order(_cells(following) or []) is None:
                    state.table.board = state.pending  # a board line inside a table
            elif not result.tables and not result.rows and len(text) <= _MAX_LABEL_CHARS:
                title.append(text)
            else:
                finding(
                    Severity.WARNING,
                    "text_outside_table",
                    number,
                    "a line of text that is neither a heading, a board line (a header row or "
                    "a table row must follow it) nor a table row is not part of the dataset",
                    line,
                )
            continue
        header = _header_order(cells)
        if header is not None:
            if not header:
                finding(
                    Severity.ERROR,
                    "bad_header",
                    number,
                    "column-header row with unknown or repeated labels; expected "
                    + " | ".join(label for label, _ in COLUMNS),
                    line,
                )
                header = tuple(range(N_COLUMNS))
            result.tables += 1
            state.tables += 1
            board = state.pending
            if board is None and state.table is not None and not state.table.rows:
                board = state.table.board  # a repeated header keeps its table's board
            state.table = _Table(state.tables, board, header)
            state.pending = None
            continue
        if len(cells) != N_COLUMNS:
            finding(
                Severity.ERROR,
                "wrong_cell_count",
                number,
                f"expected {N_COLUMNS} tab-separated cells, found {len(cells)}; "
                "fix the row's tabs in the source",
                line,
            )
            continue
        big = max(range(N_COLUMNS), key=lambda i: len(cells[i]))
        if len(cells[big]) > MAX_CELL_CHARS:
            result.findings.append(
                Finding(
                    Severity.ERROR,
                    "cell_too_large",
                    doc.name,
                    number,
                    f"a cell of {len(cells[big]):,} characters (limit {MAX_CELL_CHARS:,}) "
                    "is not table text; the row was not read",
                    field=COLUMN_FIELDS[big],
                    value=shorten(cells[big]),
                )
            )
            continue
        if state.table is None:
            finding(
                Severity.ERROR,
                "row_before_header",
                number,
                "a data row before any column-header row; add the header row "
                "(Strateginen kärki, Strategiset tavoitteet, ...) above it",
                line,
            )
            continue
        ordered = [""] * N_COLUMNS
        for position, index in enumerate(state.table.order):
            ordered[index] = cells[position]
        state.table.rows += 1
        state.pending = None
        result.rows.append(
            RawRow(
                doc.name,
                number,
                state.table.index,
                state.section,
                state.table.board,
                tuple(ordered),
            )
        )
    result.title = _title(title)
    return result


def _cells(line: str) -> list[str] | None:
    """A line's cells, stripped, with empty cells past the seventh dropped; None if blank."""
    if not line.strip():
        return None
    cells = [_unquote(cell.strip()) for cell in line.split("\t")]
    while len(cells) > N_COLUMNS and _blank(cells[-1]):
        cells.pop()
    if all(_blank(cell) for cell in cells):
        return None
    return cells


def _unquote(cell: str) -> str:
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


def _blank(cell: str) -> bool:
    """Empty, or nothing but markup and spaces (``&nbsp;``, ``<br>``, ``<p></p>``)."""
    return not cell or (
        ("<" in cell or "&" in cell or not cell.isascii()) and not plain_label(cell)
    )


def _is_text_line(cells: list[str]) -> bool:
    return not _blank(cells[0]) and all(_blank(cell) for cell in cells[1:])


def _starts_table_or_row(line: str, table: _Table | None) -> bool:
    """Whether a board line may stand before ``line``: a header row, or a row of a table."""
    cells = _cells(line)
    if cells is None or _is_text_line(cells):
        return False
    return _header_order(cells) is not None or (table is not None and len(cells) == N_COLUMNS)


def _header_order(cells: list[str]) -> tuple[int, ...] | None:
    """The column order of a header row; ``()`` for a damaged one; ``None`` if no header."""
    if sum(1 for cell in cells if len(cell) <= _MAX_LABEL_CHARS) < _MIN_HEADER_LABELS:
        return None
    fields = [_label_field(cell) if len(cell) <= _MAX_LABEL_CHARS else None for cell in cells]
    if sum(1 for name in fields if name is not None) < _MIN_HEADER_LABELS:
        return None
    if len(cells) != N_COLUMNS or None in fields or len(set(fields)) != N_COLUMNS:
        return ()
    return tuple(COLUMN_FIELDS.index(name) for name in fields if name is not None)


@lru_cache(maxsize=4096)
def _label_field(cell: str) -> str | None:
    """The field a column label names (case, spacing, tags and entities aside), or None."""
    return _LABEL_TO_FIELD.get(plain_label(cell).casefold())


def _next_content(lines: Sequence[str], number: int, tail: str | None) -> str | None:
    """The first non-blank line after line ``number`` (1-based), else ``tail``."""
    for index in range(number, len(lines)):  # no slice: that copies the rest of the file
        if _cells(lines[index]) is not None:
            return lines[index]
    return tail


def _heading(text: str) -> str | None:
    """The text of a ``# heading`` line (markdown's closing hashes and emphasis dropped),
    or ``None`` if the line is not one. No regular expression: no backtracking."""
    mark = _HEADING_MARK.match(text)
    if mark is None:
        return None
    body = text[mark.end() :].strip()
    closed = body.rstrip("#")
    if closed != body and (not closed or closed[-1].isspace()):
        body = closed.strip()
    return body.strip(_EMPHASIS)


def _title(lines: list[str]) -> str | None:
    text = " ".join(" ".join(lines).replace("*", " ").split())
    return text or None
