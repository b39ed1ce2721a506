"""Stage 2, parse: a source document's lines -> raw table rows, with their context.

This stage knows the document's layout, not its meaning: page headings (``# ...``), board
lines (a name in the first cell, the other cells empty), column-header rows and data rows.
Cells stay raw (HTML and all); :mod:`kerava_etl.stages.normalise` reads them.

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
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from kerava_etl.codes import Finding, finding
from kerava_etl.config import COLUMN_FIELDS, COLUMNS, MAX_CELL_CHARS, N_COLUMNS
from kerava_etl.stages import Progress
from kerava_etl.stages.read import SourceDocument
from kerava_etl.text.cells import plain_label

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
    parser = _DocumentParser(doc, state if state is not None else ParseState(), tail)
    for number, line in enumerate(doc.lines, start=1):
        parser.line(number, line)
    return parser.finish()


class _DocumentParser:
    """One rule per kind of line (text line, header row, data row), as tomli's parser has
    one rule per statement; :meth:`line` classifies a line and hands it to its rule."""

    def __init__(self, doc: SourceDocument, state: ParseState, tail: str | None) -> None:
        self.doc = doc
        self.state = state
        self.tail = tail
        self.result = ParsedDocument(name=doc.name, sha256=doc.sha256, title=None)
        self.title: list[str] = []

    def line(self, number: int, line: str) -> None:
        """Classify one line and apply its rule; a blank line has none."""
        cells = _cells(line)
        if cells is None:
            return
        if _is_text_line(cells):
            self.text_line(number, line, plain_label(cells[0]))
            return
        header = _header_order(cells)
        if header is not None:
            self.header(number, line, header)
        else:
            self.row(number, line, cells)

    def finish(self) -> ParsedDocument:
        """The document's result, with its title block."""
        self.result.title = _title(self.title)
        return self.result

    def text_line(self, number: int, line: str, text: str) -> None:
        """A page heading, a board line, a line of the title block, or stray text."""
        state, result = self.state, self.result
        heading = _heading(text)
        if heading is not None:
            state.section = heading or None
            return
        following = _next_content(self.doc.lines, number, self.tail)
        if (
            len(text) <= _MAX_BOARD_CHARS
            and following is not None
            and _starts_table_or_row(following, state.table)
        ):
            state.pending = BoardLine(text, number)
            if state.table is not None and _header_order(_cells(following) or []) is None:
                state.table.board = state.pending  # a board line inside a table
        elif not result.tables and not result.rows and len(text) <= _MAX_LABEL_CHARS:
            self.title.append(text)
        else:
            self.finding("text_outside_table", number, line)

    def header(self, number: int, line: str, order: tuple[int, ...]) -> None:
        """A column-header row starts a table, boarded by the pending board line."""
        state = self.state
        if not order:
            self.finding(
                "bad_header",
                number,
                line,
                expected=" | ".join(label for label, _ in COLUMNS),
            )
            order = tuple(range(N_COLUMNS))
        self.result.tables += 1
        state.tables += 1
        board = state.pending
        if board is None and state.table is not None and not state.table.rows:
            board = state.table.board  # a repeated header keeps its table's board
        state.table = _Table(state.tables, board, order)
        state.pending = None

    def row(self, number: int, line: str, cells: list[str]) -> None:
        """A data row of the current table, its cells put in column order."""
        table = self.state.table
        if len(cells) != N_COLUMNS:
            self.finding("wrong_cell_count", number, line, expected=N_COLUMNS, found=len(cells))
            return
        big = max(range(N_COLUMNS), key=lambda i: len(cells[i]))
        if len(cells[big]) > MAX_CELL_CHARS:
            self.result.findings.append(
                finding(
                    "cell_too_large",
                    self.doc.name,
                    number,
                    field=COLUMN_FIELDS[big],
                    value=cells[big],
                    params={"size": len(cells[big]), "limit": MAX_CELL_CHARS},
                )
            )
            return
        if table is None:
            self.finding("row_before_header", number, line)
            return
        ordered = [""] * N_COLUMNS
        for position, index in enumerate(table.order):
            ordered[index] = cells[position]
        table.rows += 1
        self.state.pending = None
        self.result.rows.append(
            RawRow(
                self.doc.name,
                number,
                table.index,
                self.state.section,
                table.board,
                tuple(ordered),
            )
        )

    def finding(self, code: str, number: int, line: str, **params: object) -> None:
        """Report a problem of this line, the line itself as the value."""
        self.result.findings.append(finding(code, self.doc.name, number, value=line, params=params))


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


def _title(lines: list[str]) -> str | None:
    text = " ".join(" ".join(lines).replace("*", " ").split())
    return text or None
