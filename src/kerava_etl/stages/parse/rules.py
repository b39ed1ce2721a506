"""The reading rules of the parse stage: each a pure function of a line and a read-only
view of its context (:class:`Context`), returning a match (what the line is) or ``None``.

The rules only recognise; the parser's handlers, each paired with its rule in the ordered
registry :data:`kerava_etl.stages.parse.parser.LINE_RULES`, change the parse state. The
predicates the rules share (a board's name, a row's shape, a page break) are named here
too, and each is tested alone from a table of lines (``tests/rules/``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from kerava_etl.settings import ReadingSettings
from kerava_etl.stages.header import Header, HeaderReader, label_shaped
from kerava_etl.stages.parse.lines import (
    BROKEN_LINE_END,
    CAPTION,
    PAGE_NUMBER,
    Line,
    board_name,
    contents,
    fit,
    heading_text,
    is_blank,
    is_furniture,
    is_text_line,
    split_cells,
)
from kerava_etl.stages.parse.model import BoardLine, ParsedDocument, ParseState, TableView
from kerava_etl.text.cells import plain_label
from kerava_etl.vocab import Vocabularies, fold_name

# The last word of a board's name, as a name is written (nominative or genitive): not an
# inflected form in a sentence or a footer ("Hyväksytty kaupunginvaltuustossa").
_BOARD_WORD = re.compile(
    r"(?:lautakun(?:ta|nan)|jaoston?|hallitu(?:s|ksen)|valtuuston?|toimikun(?:ta|nan)"
    r"|neuvoston?|johtokun(?:ta|nan))$",
    re.IGNORECASE,
)
# Any form of a word that names a board: a line holding one may name the next table's board.
_BOARD_STEM = re.compile(r"lautakun|jaosto|hallitu|valtuust|toimikun|neuvost|johtokun", re.I)
_NOT_IN_A_NAME = (":", "*")  # a sentence (a label and its value), or a note: not a name


class Context:
    """What a rule may know beyond its line, read only: the lines after it (in this file,
    then the next files' first lines), the open table, the board line not yet taken, the
    document so far, the vocabularies, the header reader and the settings."""

    def __init__(
        self,
        lines: Sequence[str],
        tail: tuple[str, ...],
        file: str,
        state: ParseState,
        document: ParsedDocument,
        vocabularies: Vocabularies,
        read_header: HeaderReader,
        settings: ReadingSettings,
    ) -> None:
        self._lines = lines
        self._tail = tail
        self._state = state
        self._document = document
        self.file = file
        self.vocabularies = vocabularies
        self.read_header = read_header
        self.settings = settings

    @property
    def table(self) -> TableView | None:
        """The open table, if any (it may have begun in an earlier file)."""
        return self._state.table

    @property
    def pending(self) -> BoardLine | None:
        """A board line read but not yet taken by a header or a row."""
        return self._state.pending

    @property
    def text_since_row(self) -> bool:
        """Whether text that may name a board came since the open table's last row."""
        return self._state.text_since_row

    @property
    def document_started(self) -> bool:
        """Whether this document has begun a table or given a row."""
        return bool(self._document.tables or self._document.rows)

    def next_cells(self, number: int, *, past_furniture: bool = False) -> list[str] | None:
        """The cells of the first non-blank line after line ``number`` (in this file or
        the next ones), or ``None`` at the end. ``past_furniture``: the first line that is
        not a page heading or a page number (a board line at the foot of a page is
        followed by the next page's heading, then its table)."""
        for following in contents(self._lines, number, self._tail):
            cells = split_cells(following)
            if not (past_furniture and cells is not None and is_furniture(cells)):
                return cells
        return None

    def next_in_file(self, number: int) -> list[str] | None:
        """The cells of the first non-blank line after line ``number`` in this file only."""
        following = next(contents(self._lines, number, ()), None)
        return split_cells(following) if following is not None else None


# What the rules recognise. -------------------------------------------------------------


@dataclass(frozen=True)
class HeldBack:
    """A text line ending where the PDF broke a name: read with the next line."""

    text: str


@dataclass(frozen=True)
class Heading:
    """A page heading (``# ...``): the section of the rows below."""

    text: str


@dataclass(frozen=True)
class PageNumber:
    """A page number standing alone: page furniture."""


@dataclass(frozen=True)
class Caption:
    """A table's caption standing alone (``Taulukko 2. ...``): page furniture."""


@dataclass(frozen=True)
class HeaderGroup:
    """A row above a column-header row that names groups of its columns (``Strategia``,
    ``Toteutus ja seuranta``), each over the empty cells it spans: part of the header."""


@dataclass(frozen=True)
class SpearheadLine:
    """A spearhead's name standing alone, as a heading: the section of the rows below."""

    text: str


@dataclass(frozen=True)
class BoardLineMatch:
    """A board line: the name, and whether it changes the board of the open table (a
    board line inside a table) or waits for the next table's header."""

    name: str
    in_table: bool = False


@dataclass(frozen=True)
class TitleLine:
    """A line of the title block before the document's first table."""

    text: str


TextKind = Literal["lost_tabs", "subheading", "note"]


@dataclass(frozen=True)
class TextInTable:
    """Text inside a table: a row that lost its tabs, a subheading over the rows below, or a
    note; ``may_name_board``: it may name a board, so a header after it starts a table."""

    kind: TextKind
    may_name_board: bool


@dataclass(frozen=True)
class TextOutside:
    """Text before any table that is no heading, board line or title."""


@dataclass(frozen=True)
class HeaderRow:
    """A column-header row: what cannot be read in it, and whether it repeats the open
    table's header at a page break (the table goes on)."""

    header: Header
    repeated: tuple[str, ...]  # labels naming a column twice
    missing: tuple[str, ...]  # required columns it lacks
    continues: bool

    @property
    def readable(self) -> bool:
        return not self.repeated and not self.missing


@dataclass(frozen=True)
class RowProblem:
    """Why a data row cannot be read: a finding code and what its message needs."""

    code: str
    params: tuple[tuple[str, object], ...] = ()
    field: str | None = None
    value: str | None = None  # None: the line itself


@dataclass(frozen=True)
class DataRow:
    """A data row of the open table (its cells fitted to the header), or the problem that
    keeps it from being read."""

    cells: tuple[str, ...]
    problem: RowProblem | None = None


# The predicates the rules share. -------------------------------------------------------


def starts_with_spearhead(text: str, context: Context) -> bool:
    """Whether the first words (up to ``spearhead_prefix_words``) are a known spearhead."""
    words = text.split()
    spearheads = context.vocabularies["spearheads"]
    limit = min(len(words), context.settings.spearhead_prefix_words)
    return any(
        spearheads.canonical_of(" ".join(words[:n])) is not None for n in range(1, limit + 1)
    )


def name_shaped(name: str, context: Context) -> bool:
    """Text shaped like a name: letters first, no digits, at most ``max_board_chars`` and
    ``max_board_words``, no full stop at the end, no colon or asterisk (a label and its
    value, a note), and not a row's start (a spearhead). (A text line's spaces are folded
    when it is read, so a gap or a tab never reaches a rule.)"""
    settings = context.settings
    return (
        0 < len(name) <= settings.max_board_chars
        and name[0].isalpha()
        and not any(ch.isdigit() for ch in name)
        and len(name.split()) <= settings.max_board_words
        and not name.endswith(".")
        and not any(mark in name for mark in _NOT_IN_A_NAME)
        and not starts_with_spearhead(name, context)
    )


def is_board_name(text: str, context: Context, *, strict: bool = False) -> bool:
    """A known board; or text shaped like a name (a board's label before it dropped).
    ``strict``, where the line changes many rows' board: also ending in a word that names
    a board (``lautakunta``, ``jaosto``, ...) or misspelling a known board by a letter or two."""
    boards = context.vocabularies["boards"]
    if boards.canonical_of(text) is not None:
        return True
    name = board_name(text)  # a label other than a board's keeps its colon: no name
    if not name_shaped(name, context):
        return False
    if not strict:
        return True
    near = boards.nearly(name, context.settings.near_name_cutoff)
    return _BOARD_WORD.search(name) is not None or near is not None


def may_name_board(text: str, context: Context) -> bool:
    """A board's name or a word naming a board (any form): a line the next table's board
    may be in."""
    return is_board_name(text, context) or _BOARD_STEM.search(text) is not None


def could_be_a_row(text: str, context: Context) -> bool:
    """Long, many words, or starting with a spearhead: what a row that lost its tabs
    looks like."""
    settings = context.settings
    return (
        len(text) > settings.max_board_chars
        or len(text.split()) > settings.max_board_words
        or starts_with_spearhead(text, context)
    )


def is_spearhead(text: str, context: Context) -> bool:
    """A spearhead's name (as the vocabulary knows it, or as the open table's rows write it:
    a new strategy's) and nothing else."""
    if context.vocabularies["spearheads"].canonical_of(text) is not None:
        return True
    table = context.table
    return table is not None and fold_name(text) in table.spearheads


def is_table_row(cells: Sequence[str] | None, context: Context) -> bool:
    """Whether ``cells`` are a data row of the open (readable) table."""
    table = context.table
    if cells is None or is_text_line(cells) or table is None or table.header is None:
        return False
    if context.read_header(list(cells)) is not None:
        return False
    return len(fit(cells, table.header.width)) == table.header.width


def repeats_open_table(header: Header, context: Context) -> bool:
    """Whether ``header`` has the columns of the open table, which has rows (a page break):
    a line before it (a note, a footer) may be no board at all, so it must name one."""
    table = context.table
    return (
        table is not None
        and table.rows > 0
        and table.header is not None
        and table.header.columns() == header.columns()
    )


def same_board(pending: BoardLine | None, board: BoardLine | None, context: Context) -> bool:
    """No new board line, or one naming the table's board again (a page break repeats the
    board line as well as the header)."""
    if pending is None:
        return True
    if board is None:
        return False
    boards = context.vocabularies["boards"]
    return (boards.canonical_of(pending.name) or pending.name.casefold()) == (
        boards.canonical_of(board.name) or board.name.casefold()
    )


def continues_table(line: Line, header: Header, context: Context) -> bool:
    """Whether ``header`` repeats the open table's header (which has rows) at a page break:
    the same columns, however spelt, and no board line naming another board or other text
    that may name one between. In the file after the table's, its first row must also go
    on from the row above (its Strateginen kärki empty); a file that starts a table with a
    whole row, as every programme does, starts a new one."""
    table = context.table
    if table is None or table.header is None or not table.rows:
        return False
    if table.header.columns() != header.columns() or context.text_since_row:
        return False
    if not same_board(context.pending, table.board, context):
        return False
    if table.file == context.file:
        return True
    cells = context.next_cells(line.number)
    first = header.fields.index("spearhead")  # a readable header has one
    return (
        cells is not None
        and not is_text_line(cells)
        and len(cells) > first
        and is_blank(cells[first])
    )


def board_line_of(line: Line, name: str, context: Context) -> BoardLineMatch | None:
    """``name`` as a board line, if it reads as a board and a table or a row follows.

    Directly before a header row any name-shaped text will do. Before a repeated header,
    or past a page heading or number (a board line at the foot of a page), and inside a
    table, where it changes the board of the rows below, it must name a board
    (:func:`is_board_name` strictly)."""
    cells = context.next_cells(line.number)
    past_page_break = cells is not None and is_furniture(cells)
    if past_page_break:
        cells = context.next_cells(line.number, past_furniture=True)
    if cells is None or is_text_line(cells):
        return None
    header = context.read_header(cells)
    if header is not None:
        strict = past_page_break or repeats_open_table(header, context)
        return (
            BoardLineMatch(board_name(name))
            if is_board_name(name, context, strict=strict)
            else None
        )
    if not is_table_row(cells, context) or not is_board_name(name, context, strict=True):
        return None
    return BoardLineMatch(board_name(name), in_table=True)


# The rules, in the order the registry tries them. ---------------------------------------


def held_back(line: Line, context: Context) -> HeldBack | None:
    """A text line the PDF broke in a name (``Vapaa-aika- ja hyvinvointi-`` / ``lautakunta``,
    ``Rakennus- ja`` / ``ympäristölautakunta``), directly followed in this file by a text
    line that is no page furniture: read with that line (a line held back at a file's end
    would be lost)."""
    text = line.text
    if not line.plain_text_line or text is None or not BROKEN_LINE_END.search(text):
        return None
    if len(text) > context.settings.max_text_line_chars:
        return None
    following = context.next_in_file(line.number)
    if following is None or not is_text_line(following) or is_furniture(following):
        return None
    return HeldBack(text)


def board_heading(line: Line, context: Context) -> BoardLineMatch | None:
    """A page heading whose text names a board (strictly): a board line, never a section;
    with no table after it, the board waits for the next table's header."""
    text = heading_text(line.text) if line.text is not None else None
    if text is None or not is_board_name(text, context, strict=True):
        return None
    return board_line_of(line, text, context) or BoardLineMatch(text)


def heading(line: Line, context: Context) -> Heading | None:
    """A page heading (``# ...``, ``## ...``): it gives the section; it never ends a table."""
    text = heading_text(line.text) if line.text is not None else None
    return Heading(text) if text is not None else None


def page_number(line: Line, context: Context) -> PageNumber | None:
    """A page number standing alone (``3``, ``Sivu 3 / 12``, ``- 3 -``)."""
    return PageNumber() if line.text is not None and PAGE_NUMBER.match(line.text) else None


def caption(line: Line, context: Context) -> Caption | None:
    """A table's caption (``Taulukko 2. Elinkeino- ja työllisyysjaosto – toimenpiteet``)."""
    return Caption() if line.text is not None and CAPTION.match(line.text) else None


def header_group(line: Line, context: Context) -> HeaderGroup | None:
    """A row directly above a column-header row whose cells name groups of the columns:
    its first cell and every one with text are followed by an empty cell they span, at
    most half its cells have text, each is shaped like a label, and the first is no
    spearhead (a data row's short cells could look so)."""
    cells = line.cells
    if line.text is not None or context.read_header(list(cells)) is not None:
        return None
    following = context.next_cells(line.number)
    if following is None or context.read_header(following) is None:
        return None
    filled = [i for i, cell in enumerate(cells) if not is_blank(cell)]
    spans = all(i + 1 < len(cells) and is_blank(cells[i + 1]) for i in filled)
    if not filled or filled[0] != 0 or not spans or len(filled) * 2 > len(cells):
        return None
    if starts_with_spearhead(plain_label(cells[0]), context):
        return None  # a row of a table, its spearhead first
    settings = context.settings
    return HeaderGroup() if all_label_shaped_cells([cells[i] for i in filled], settings) else None


def all_label_shaped_cells(cells: Sequence[str], settings: ReadingSettings) -> bool:
    """Every cell's text shaped like a column label."""
    texts = [plain_label(cell) for cell in cells]
    return all(text and label_shaped(text, settings) for text in texts)


def spearhead_line(line: Line, context: Context) -> SpearheadLine | None:
    """A spearhead's name standing alone: a page heading that lost its ``#``."""
    if line.text is None or not is_spearhead(line.text, context):
        return None
    return SpearheadLine(line.text)


def board_line(line: Line, context: Context) -> BoardLineMatch | None:
    """A text line that names the board of the table (or rows) below it."""
    return board_line_of(line, line.text, context) if line.text is not None else None


def title(line: Line, context: Context) -> TitleLine | None:
    """A short line before the document's first table or row: the title block (but not a
    line shaped like a row while a table from the file before goes on)."""
    text = line.text
    if text is None or context.document_started:
        return None
    if len(text) > context.settings.max_text_line_chars:
        return None
    if context.table is not None and could_be_a_row(text, context):
        return None
    return TitleLine(text)


def text_in_table(line: Line, context: Context) -> TextInTable | None:
    """Text inside a table: shaped like a row (a row that lost its tabs), directly above a
    row of the table (a subheading), or else a note (a running header or footer)."""
    text = line.text
    if text is None or context.table is None:
        return None
    kind: TextKind = "note"
    if could_be_a_row(text, context):
        kind = "lost_tabs"
    elif is_table_row(context.next_cells(line.number), context):
        kind = "subheading"
    return TextInTable(kind, may_name_board(text, context))


def text_outside(line: Line, context: Context) -> TextOutside | None:
    """Any other text line: outside the dataset."""
    return TextOutside() if line.text is not None else None


def header_row(line: Line, context: Context) -> HeaderRow | None:
    """A column-header row (see :class:`~kerava_etl.stages.header.HeaderReader`)."""
    if line.text is not None:
        return None
    header = context.read_header(list(line.cells))
    if header is None:
        return None
    repeated, missing = tuple(header.repeated()), tuple(header.missing_required())
    readable = not repeated and not missing
    return HeaderRow(header, repeated, missing, readable and continues_table(line, header, context))


def data_row(line: Line, context: Context) -> DataRow | None:
    """A data row, or why it cannot be read: no table yet, a table whose header could not
    be read, another number of cells than the header, a cell too large to be table text."""
    if line.text is not None:
        return None
    table = context.table
    if table is None:
        return DataRow(line.cells, RowProblem("row_before_header"))
    if table.header is None:
        return DataRow(line.cells, RowProblem("row_under_bad_header", _header_at(table)))
    header = table.header
    cells = tuple(fit(line.cells, header.width))
    if len(cells) != header.width:
        params = (("expected", header.width), ("found", len(cells)), *_header_at(table))
        return DataRow(cells, RowProblem("wrong_cell_count", params))
    return DataRow(cells, _too_large(cells, header, context.settings))


def _header_at(table: TableView) -> tuple[tuple[str, object], ...]:
    return (("header", table.header_line),)


def _too_large(
    cells: tuple[str, ...], header: Header, settings: ReadingSettings
) -> RowProblem | None:
    """A cell over the size limit is not table text: the row is reported, not read."""
    big = max(range(len(cells)), key=lambda i: len(cells[i]))
    if len(cells[big]) <= settings.max_cell_chars:
        return None
    params = (("size", len(cells[big])), ("limit", settings.max_cell_chars))
    return RowProblem(
        "cell_too_large", params, header.fields[big] or header.labels[big], cells[big]
    )


def row_spearhead(cells: Sequence[str], header: Header) -> str | None:
    """A data row's Strateginen kärki, folded (how the table knows its spearheads)."""
    if "spearhead" not in header.fields:
        return None
    return fold_name(plain_label(cells[header.fields.index("spearhead")]))
