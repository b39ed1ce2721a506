"""Stage 2, parse: a source document's lines -> raw table rows, with their context.

This stage knows the document's layout, not its meaning: page headings (``# ...``), board
lines (a name in the first cell, the other cells empty), column-header rows and data rows.
Cells stay raw (HTML and all); :mod:`kerava_etl.normalise` reads them.

Tables: a column-header row starts a table. Its board is the board line standing directly
before it (blank lines and page headings between are fine); a header with no board line
before it starts a table with no board. A board line inside a table (no header after it)
changes the board for the rows below it. A page heading does not end a table.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from kerava_etl.config import COLUMN_FIELDS, COLUMNS, MAX_CELL_CHARS, N_COLUMNS
from kerava_etl.findings import Finding, Severity, shorten
from kerava_etl.read import SourceDocument

# A progress callback: (stage, done, total). The CLI draws it as a bar on a terminal.
Progress = Callable[[str, int, int], None]

_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_TAG = re.compile(r"<[^>]*>")
# A row with this many column labels is a header row (a damaged one, if not all seven).
_MIN_HEADER_LABELS = 5
_MAX_LABEL_CHARS = 80  # a longer cell is no label, even with tags and entities
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
    state = ParseState()
    parsed = []
    for document in documents:
        parsed.append(parse_document(document, state))
        if progress is not None:
            progress("parse", len(parsed), len(documents))
    return parsed


def parse_document(doc: SourceDocument, state: ParseState | None = None) -> ParsedDocument:
    """Find the tables, board lines, headings and data rows of one document.

    ``state`` carries the context of the file(s) before this one, and is updated.
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
        if not line.strip():
            continue
        heading = _HEADING.match(line.strip())
        if heading and "\t" not in line:
            state.section = heading.group(1) or None
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        while len(cells) > N_COLUMNS and not cells[-1]:
            cells.pop()
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
        if _is_board_line(cells, lines, number, in_table=state.table is not None):
            state.pending = BoardLine(_plain(cells[0]), number)
            if state.table is not None and not _next_is_header(lines, number):
                state.table.board = state.pending
            continue
        if len(cells) == 1:
            if not result.tables and not result.rows:
                title.append(cells[0])
            else:
                finding(
                    Severity.WARNING,
                    "text_outside_table",
                    number,
                    "a line of text that is neither a heading, a board line nor a table row "
                    "is not part of the dataset",
                    line,
                )
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
        if not any(cells):
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


def _plain(cell: str) -> str:
    """A short label's text: tags and entities resolved, whitespace folded."""
    return " ".join(html.unescape(_TAG.sub(" ", cell)).split())


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
    return _LABEL_TO_FIELD.get(_plain(cell).casefold())


def _is_board_line(cells: list[str], lines: tuple[str, ...], number: int, in_table: bool) -> bool:
    """A name alone in the first cell: with empty cells after it, or before a header/row."""
    if not cells[0] or any(cells[1:]):
        return False
    if len(cells) > 1:
        return True
    # A bare line (its empty cells' tabs lost): a board line only by what directly follows it.
    following = _next_content(lines, number, skip_headings=False)
    if following is None:
        return False
    cells_after = following.split("\t")
    return _header_order([c.strip() for c in cells_after]) is not None or (
        in_table and len(cells_after) == N_COLUMNS
    )


def _next_content(lines: tuple[str, ...], number: int, *, skip_headings: bool = True) -> str | None:
    """The next non-blank line after line ``number`` (1-based), page headings skipped."""
    for line in lines[number:]:
        if not line.strip():
            continue
        if skip_headings and _HEADING.match(line.strip()) and "\t" not in line:
            continue
        return line
    return None


def _next_is_header(lines: tuple[str, ...], number: int) -> bool:
    following = _next_content(lines, number)
    return (
        following is not None
        and _header_order([c.strip() for c in following.split("\t")]) is not None
    )


def _title(lines: list[str]) -> str | None:
    text = " ".join(" ".join(lines).replace("*", " ").split())
    return text or None
