"""Stage 2, parse: a source document's lines -> raw table rows, with their context.

This stage knows the document's layout, not its meaning: page headings (``# ...``), board
lines (a name in the first cell, the other cells empty), column-header rows and data rows.
Cells stay raw (HTML and all); :mod:`kerava_etl.stages.normalise` reads them.

A line is blank (no cell with text), a *text line* (text in the first cell only: a page
heading ``# ...``, a board line, or the title block), a column-header row
(:mod:`kerava_etl.stages.header`), or a data row. Empty cells are empty after cleaning
(``&nbsp;``, ``<br>`` are empty too), and a text line may have any number of empty cells
after it, or none.

Tables: a column-header row starts a table. A text line that names a board, directly
followed (blank lines aside) by a header row, is that table's board line; a header with no
board line before it starts a table with no board, unless it repeats the header of the
table before it after a heading or page number (a page break) in the same file: then that
table goes on, with its board, and a merged row after the break continues the row before
it. A text line inside a table directly followed by a data row, and ending in a board's
word (``lautakunta``, ``jaosto``, ...), is a board line that changes the board for the
rows below it; other short text there is a subheading or a note, and text shaped like a
row is an error (most likely a row that lost its tabs). A heading does not end a table; a
heading whose text is a known board name is a board line, and a text line that is a
spearhead's name is a heading. The documents of a build are read as one stream, so
"directly followed" looks into the next file, and a file may continue the previous file's
table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from kerava_etl.codes import Finding, finding
from kerava_etl.columns import label_of
from kerava_etl.config import MAX_CELL_CHARS
from kerava_etl.stages import Progress
from kerava_etl.stages.header import MAX_LABEL_CHARS, Header, HeaderReader
from kerava_etl.stages.read import SourceDocument
from kerava_etl.text.cells import plain_label
from kerava_etl.text.hyphenation import CONJUNCTIONS
from kerava_etl.vocab import Vocabularies, fold_name

_HEADING_MARK = re.compile(r"#{1,6}(?!#)")
_EMPHASIS = "*_ "  # markdown emphasis around a heading's or the title's text
# What is stripped from a cell's edges: whitespace, but not U+0085, which str.strip() takes
# for a line break and which is a Windows-1252 ellipsis decoded as Latin-1 (see cells.py).
_EDGE_SPACE = (
    " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_MAX_LABEL_WORDS = 2  # "Toimielin:", "Vastuullinen toimielin:"
_MAX_BOARD_CHARS = 120  # a longer text line is no board name (boards are a few words)
_MAX_BOARD_WORDS = 12
_NOT_IN_A_NAME = (":", "  ", "\t", "*")  # a sentence, a row, or a note: not a name
# A page number standing alone: "3", "Sivu 3", "Sivu 3 / 12", "s. 3 (12)", "Page 3 of 12",
# "- 3 -".
_PAGE_NUMBER = re.compile(
    r"^(?!(?:19|20)\d\d\s*[-–—])(?:(?:sivu|s\.|page|p\.)\s*)?\d{1,4}"
    r"(?:\s*(?:/|\(|of|-)\s*\d{1,4}\)?)?$"
    r"|^[-–—]\s*\d{1,4}\s*[-–—]$",  # "- 4 -", a footer's page number between dashes
    re.IGNORECASE,
)
# The last word of a board's name: a committee, a division, a council, a board.
# The last word of a board's name, as a name is written (nominative or genitive): not an
# inflected form in a sentence or a footer ("Hyväksytty kaupunginvaltuustossa").
_BOARD_WORD = re.compile(
    r"(?:lautakun(?:ta|nan)|jaoston?|hallitu(?:s|ksen)|valtuuston?|toimikun(?:ta|nan)"
    r"|neuvoston?|johtokun(?:ta|nan))$",
    re.IGNORECASE,
)
# Any form of a word that names a board: a line holding one may name the next table's board.
_BOARD_STEM = re.compile(r"lautakun|jaosto|hallitu|valtuust|toimikun|neuvost|johtokun", re.I)
# A label before a board's name on its line ("Toimielin: Kaupunkitekniikan lautakunta");
# any other "Label: value" line is no board line ("Vastuuhenkilö: ...").
_BOARD_LABELS = frozenset({"toimielin", "toimielimet", "lautakunta", "jaosto"})


@dataclass(frozen=True)
class BoardLine:
    """A board header line: the committee's name as written, and where."""

    name: str
    line: int


@dataclass(frozen=True)
class RawRow:
    """One data row: its raw cells in document order, its table's header, its context."""

    source_file: str
    source_line: int
    table: int  # counts tables across the build; merged rows never cross tables
    section: str | None
    board: BoardLine | None
    cells: tuple[str, ...]
    header: Header  # which field (or unknown label) each cell is


@dataclass
class ParsedDocument:
    """What the parser found in one document."""

    name: str
    sha256: str
    title: str | None
    rows: list[RawRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    tables: int = 0  # tables it starts
    headers: int = 0  # column-header rows it holds (one repeated at a page break too)


@dataclass
class _Table:
    index: int
    board: BoardLine | None
    header: Header | None  # None: the header row could not be read
    header_line: int
    file: str
    rows: int = 0
    spearheads: set[str] = field(default_factory=set)  # its rows' spearheads, folded


@dataclass
class ParseState:
    """What carries from one line to the next, and from one file to the next."""

    section: str | None = None
    table: _Table | None = None
    pending: BoardLine | None = None  # a board line not yet taken by a header or a row
    tables: int = 0  # tables seen so far, across files
    text_since_row: bool = False  # text other than page furniture since the table's last row


def parse_documents(
    documents: Sequence[SourceDocument],
    vocabularies: Vocabularies,
    progress: Progress | None = None,
) -> list[ParsedDocument]:
    """Parse documents in order, as one stream: a file may continue the previous file's table.

    So a document split into several files reads as the whole does; a file that starts
    with its own header row (as every complete programme does) starts a new table.
    ``vocabularies`` give the column labels, and the board and spearhead names that tell a
    board line or a heading from other text.
    """
    tails: list[tuple[str, ...]] = [()] * len(documents)  # what follows each file
    for index in range(len(documents) - 2, -1, -1):
        tails[index] = _leading_content(documents[index + 1].lines, tails[index + 1])
    state = ParseState()
    headers = HeaderReader(vocabularies["columns"])
    parsed = []
    for document, tail in zip(documents, tails, strict=True):
        parsed.append(parse_document(document, vocabularies, state, tail, headers))
        if progress is not None:
            progress("parse", len(parsed), len(documents))
    return parsed


def parse_document(
    doc: SourceDocument,
    vocabularies: Vocabularies,
    state: ParseState | None = None,
    tail: tuple[str, ...] = (),
    headers: HeaderReader | None = None,
) -> ParsedDocument:
    """Find the tables, board lines, headings and data rows of one document.

    ``state`` carries the context of the file(s) before this one, and is updated; ``tail``
    holds the first non-blank lines of the files after this one (to the first that is not
    page furniture), for looking ahead; ``headers`` reads column-header rows (one per build
    keeps what it has read).
    """
    headers = headers or HeaderReader(vocabularies["columns"])
    parser = _DocumentParser(doc, vocabularies, state or ParseState(), tail, headers)
    for number, line in enumerate(doc.lines, start=1):
        parser.line(number, line)
    return parser.finish()


class _DocumentParser:
    """One rule per kind of line (text line, header row, data row), as tomli's parser has
    one rule per statement; :meth:`line` classifies a line and hands it to its rule."""

    def __init__(
        self,
        doc: SourceDocument,
        vocabularies: Vocabularies,
        state: ParseState,
        tail: tuple[str, ...],
        headers: HeaderReader,
    ) -> None:
        self.doc = doc
        self.read_header = headers
        self.vocabularies = vocabularies
        self.state = state
        self.tail = tail
        self.result = ParsedDocument(name=doc.name, sha256=doc.sha256, title=None)
        self.title: list[str] = []
        self.broken: str | None = None  # a text line ending in a hyphen, read with the next

    def line(self, number: int, line: str) -> None:
        """Classify one line and apply its rule; a blank line has none."""
        cells = _cells(line)
        if cells is None:
            return
        if _is_text_line(cells):
            self.text_line(number, line, self.unbroken(number, plain_label(cells[0])))
            return
        labelled = _labelled_text(cells)
        if labelled is not None:  # "Toimielin:<TAB>Kaupunkitekniikan lautakunta"
            self.text_line(number, line, labelled)
            return
        header = self.read_header(cells)
        if header is not None:
            self.header(number, line, header)
        else:
            self.row(number, line, cells)

    def finish(self) -> ParsedDocument:
        """The document's result, with its title block."""
        self.result.title = _title(self.title)
        return self.result

    def unbroken(self, number: int, text: str) -> str:
        """A text line the PDF broke in a name (``Vapaa-aika- ja hyvinvointi-`` /
        ``lautakunta``, ``Rakennus- ja`` / ``ympäristölautakunta``) is read with the next
        one, as one line: the first is held back (an empty string, which no rule takes)
        and the second is given whole."""
        if self.broken is not None:
            text = _joined_lines(self.broken, text)
            self.broken = None
        if _BROKEN_LINE_END.search(text) and len(text) <= MAX_LABEL_CHARS:
            # The next line of this file only: a line held back at a file's end would be lost.
            following = next(_contents(self.doc.lines, number, ()), None)
            cells = _cells(following) if following is not None else None
            if cells is not None and _is_text_line(cells) and not _is_furniture(cells):
                self.broken = text
                return ""
        return text

    def text_line(self, number: int, line: str, text: str) -> None:
        """A heading, page furniture, a board line, the title block, a subheading, or text
        that is not part of the dataset."""
        if not text:
            return  # held back, to be read with the next line (see unbroken)
        heading = _heading(text)
        if heading is not None:
            self.heading(number, heading)
        elif _PAGE_NUMBER.match(text):
            return  # page furniture
        elif self.is_spearhead(text):
            self.state.section = text  # a spearhead's name standing alone, as a heading
        elif self.board_line(number, text):
            return
        elif (
            not self.result.tables
            and not self.result.rows
            and len(text) <= MAX_LABEL_CHARS
            and not (self.state.table is not None and self.could_be_a_row(text))
        ):
            self.title.append(text)  # (a row-like line continuing a table is no title)
        elif self.state.table is not None:
            self.text_in_table(number, line, text)
        else:
            self.finding("text_outside_table", number, line)

    def heading(self, number: int, text: str) -> None:
        """A page heading gives the section; one that names a board is a board line."""
        if not self.is_board_name(text, strict=True):
            self.state.section = text or None
        elif not self.board_line(number, text):
            self.state.pending = BoardLine(text, number)  # for the next table's header

    def text_in_table(self, number: int, line: str, text: str) -> None:
        """Text inside a table: a subheading before a row, a note, or a row that lost its tabs."""
        if self.is_board_name(text) or _BOARD_STEM.search(text):
            self.state.text_since_row = True  # it may name a board: a header after it starts
        if self.could_be_a_row(text):
            self.finding("text_in_table", number, line)
        elif self.is_table_row(self.next_cells(number)):
            self.state.section = text  # a subheading over the rows below it
        else:
            self.finding("note_in_table", number, line)

    def could_be_a_row(self, text: str) -> bool:
        """Long, gapped, or starting with a spearhead: what a row that lost its tabs looks like."""
        return (
            len(text) > _MAX_BOARD_CHARS
            or len(text.split()) > _MAX_BOARD_WORDS
            or "  " in text
            or self.starts_with_spearhead(text)
        )

    def next_cells(self, number: int, *, past_furniture: bool = False) -> list[str] | None:
        """The cells of the first non-blank line after line ``number`` (in this file or
        the next ones), or ``None`` at the end. ``past_furniture``: the first line that is
        not a page heading or a page number (a board line at the foot of a page is
        followed by the next page's heading, then its table)."""
        for following in _contents(self.doc.lines, number, self.tail):
            cells = _cells(following)
            if not (past_furniture and cells is not None and _is_furniture(cells)):
                return cells
        return None

    def is_table_row(self, cells: list[str] | None) -> bool:
        """Whether ``cells`` are a data row of the current (readable) table."""
        table = self.state.table
        if cells is None or _is_text_line(cells) or table is None or table.header is None:
            return False
        if self.read_header(cells) is not None:
            return False
        return len(_fit(cells, table.header.width)) == table.header.width

    def board_line(self, number: int, name: str) -> bool:
        """Take ``name`` as a board line if it reads as a board and a table or row follows.

        Directly before a header row any name-like text will do. Inside a table, where it
        changes the board of the rows below, and before a page heading or number (a board
        line at the foot of a page), it must name a board (see :meth:`is_board_name`).
        """
        cells = self.next_cells(number)
        past_page_break = cells is not None and _is_furniture(cells)
        if past_page_break:
            cells = self.next_cells(number, past_furniture=True)
        if cells is None or _is_text_line(cells):
            return False
        header = self.read_header(cells)
        if header is not None:
            strict = past_page_break or self.repeats_table(header)
            if not self.is_board_name(name, strict=strict):
                return False
            self.state.pending = BoardLine(_board_name(name), number)
            return True
        table = self.state.table
        if table is None or not self.is_table_row(cells):
            return False
        if not self.is_board_name(name, strict=True):
            return False
        self.state.pending = table.board = BoardLine(_board_name(name), number)  # in a table
        return True

    def repeats_table(self, header: Header) -> bool:
        """Whether ``header`` has the columns of the open table, which has rows: a line
        before it (a note, a footer) may be no board at all, so it must name one."""
        table = self.state.table
        return (
            table is not None
            and table.rows > 0
            and table.header is not None
            and table.header.columns() == header.columns()
        )

    def is_board_name(self, text: str, *, strict: bool = False) -> bool:
        """A known board; or text shaped like a name: letters first, no digits, short, no
        sentence, not a row's start. ``strict``: also ending in a word that names a board
        (``lautakunta``, ``jaosto``, ...) or misspelling a known board by a letter or two,
        where the line changes many rows' board."""
        if self.vocabularies["boards"].canonical_of(text) is not None:
            return True
        name = _board_name(text)  # a label other than a board's keeps its colon: no name
        words = name.split()
        shaped = (
            0 < len(name) <= _MAX_BOARD_CHARS
            and name[0].isalpha()
            and not any(ch.isdigit() for ch in name)
            and len(words) <= _MAX_BOARD_WORDS
            and not name.endswith(".")
            and not any(mark in name for mark in _NOT_IN_A_NAME)
            and not self.starts_with_spearhead(name)
        )
        if not shaped or not strict:
            return shaped
        boards = self.vocabularies["boards"]
        return _BOARD_WORD.search(name) is not None or boards.nearly(name) is not None

    def same_board(self, pending: BoardLine | None, board: BoardLine | None) -> bool:
        """No new board line, or one naming the table's board again (a page break repeats
        the board line as well as the header)."""
        if pending is None:
            return True
        if board is None:
            return False
        boards = self.vocabularies["boards"]
        return (boards.canonical_of(pending.name) or pending.name.casefold()) == (
            boards.canonical_of(board.name) or board.name.casefold()
        )

    def is_spearhead(self, text: str) -> bool:
        """A spearhead's name (as the vocabulary knows it, or as the open table's rows write
        it: a new strategy's) and nothing else."""
        if self.vocabularies["spearheads"].canonical_of(text) is not None:
            return True
        table = self.state.table
        return table is not None and fold_name(text) in table.spearheads

    def starts_with_spearhead(self, text: str) -> bool:
        """Whether the first one to four words are a known spearhead's name."""
        words = text.split()
        return any(
            self.vocabularies["spearheads"].canonical_of(" ".join(words[:n])) is not None
            for n in range(1, min(len(words), 4) + 1)
        )

    def header(self, number: int, line: str, header: Header) -> None:
        """A column-header row starts a table (or goes on with the one before a page break)."""
        state = self.state
        self.result.headers += 1
        readable = self.check_header(number, line, header)
        previous = state.table
        if readable and previous is not None and self.continues(previous, number, header):
            # The header repeated at a page break: the table goes on, under the board line
            # repeated with it, if one was (the rows' board_raw is the nearest line above).
            previous.board = state.pending or previous.board
            state.pending = None
            return
        self.result.tables += 1
        state.tables += 1
        board = state.pending
        if board is None and previous is not None and not previous.rows:
            board = previous.board  # a repeated header keeps its table's board
        state.table = _Table(
            state.tables, board, header if readable else None, number, self.doc.name
        )
        state.pending = None
        if readable:
            self.column_warnings(number, line, header)

    def continues(self, table: _Table | None, number: int, header: Header) -> bool:
        """Whether ``header`` repeats the header of ``table`` (which has rows) at a page
        break: the same columns, however spelt, and no board line naming another board
        between. In the file after the table's, its first row must also go on from the row
        above (its Strateginen kärki empty); a file that starts a table with a whole row, as
        every programme does, starts a new one."""
        if table is None or table.header is None or not table.rows:
            return False
        if table.header.columns() != header.columns() or self.state.text_since_row:
            return False  # other columns, or a line between that may name a board: report
        if not self.same_board(self.state.pending, table.board):
            return False
        if table.file == self.doc.name:
            return True
        cells = self.next_cells(number)
        first = header.fields.index("spearhead")  # a readable header has one
        return (
            cells is not None
            and not _is_text_line(cells)
            and len(cells) > first
            and _blank(cells[first])
        )

    def check_header(self, number: int, line: str, header: Header) -> bool:
        """Report a header that cannot be read: a label twice, or a required column missing."""
        repeated = header.repeated()
        if repeated:
            self.finding("column_repeated", number, line, labels=", ".join(repeated))
        missing = header.missing_required()
        if missing:
            unknown = "; ".join(_unknown_label(label, hint) for label, hint in header.unknown())
            self.finding(
                "header_incomplete",
                number,
                line,
                missing=", ".join(missing),
                unknown=unknown or "none",
            )
        return not repeated and not missing

    def column_warnings(self, number: int, line: str, header: Header) -> None:
        """Once per table: each unknown label (kept in ``extra``) and each missing column."""
        for label, hint in header.unknown():
            self.finding("column_unknown", number, line, label=_unknown_label(label, hint))
        for name in header.missing():
            self.finding("column_missing", number, line, label=label_of(name), field=name)

    def row(self, number: int, line: str, cells: list[str]) -> None:
        """A data row of the current table."""
        table = self.state.table
        if table is None:
            self.finding("row_before_header", number, line)
            return
        if table.header is None:
            self.finding("row_under_bad_header", number, line, header=table.header_line)
            return
        cells = _fit(cells, table.header.width)
        if len(cells) != table.header.width:
            self.finding(
                "wrong_cell_count",
                number,
                line,
                expected=table.header.width,
                found=len(cells),
                header=table.header_line,
            )
            return
        if not self.fits_limits(number, cells, table.header):
            return
        table.rows += 1
        if "spearhead" in table.header.fields:
            spearhead = cells[table.header.fields.index("spearhead")]
            table.spearheads.add(fold_name(plain_label(spearhead)))
        self.state.pending = None
        self.state.text_since_row = False
        self.result.rows.append(
            RawRow(
                self.doc.name,
                number,
                table.index,
                self.state.section,
                table.board,
                tuple(cells),
                table.header,
            )
        )

    def fits_limits(self, number: int, cells: list[str], header: Header) -> bool:
        """A cell over the size limit is not table text: the row is reported, not read."""
        big = max(range(len(cells)), key=lambda i: len(cells[i]))
        if len(cells[big]) <= MAX_CELL_CHARS:
            return True
        self.result.findings.append(
            finding(
                "cell_too_large",
                self.doc.name,
                number,
                field=header.fields[big] or header.labels[big],
                value=cells[big],
                params={"size": len(cells[big]), "limit": MAX_CELL_CHARS},
            )
        )
        return False

    def finding(self, code: str, number: int, line: str, **params: object) -> None:
        """Report a problem of this line, the line itself as the value."""
        self.result.findings.append(finding(code, self.doc.name, number, value=line, params=params))


def _unknown_label(label: str, hint: str | None) -> str:
    return f"'{label}'" + (f" (nearest known: '{hint}')" if hint else "")


def _cells(line: str) -> list[str] | None:
    """A line's cells, stripped; None if blank."""
    if not line.strip():
        return None
    cells = [_unquote(cell.strip(_EDGE_SPACE)) for cell in line.split("\t")]
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


# A line ending where the PDF broke a name: in a word ("hyvinvointi-"), or after a compound
# ellipsis ("Rakennus- ja").
_BROKEN_LINE_END = re.compile(r"\w-$|\w- (?:ja|tai|sekä)$")


def _joined_lines(first: str, second: str) -> str:
    """Two lines of one broken name as one: a word broken at the hyphen rejoined."""
    head = second.split(" ", 1)[0]
    if first.endswith("-") and head[:1].islower() and head.casefold() not in CONJUNCTIONS:
        return first[:-1] + second
    return f"{first} {second}"


def _board_name(text: str) -> str:
    """A board line's name: without a board's label before it (``Toimielin:``) or a colon
    after it."""
    name = text.rstrip(": ")
    label, colon, named = name.partition(":")
    if colon and label.strip().casefold() in _BOARD_LABELS:
        return named.strip()
    return name


def _labelled_text(cells: list[str]) -> str | None:
    """A text line written as a label and its value in two cells (``Toimielin:``, a name),
    as one text; ``None`` for anything else."""
    label = plain_label(cells[0])
    if len(cells) < 2 or not label.endswith(":") or len(label.split()) > _MAX_LABEL_WORDS:
        return None
    if _blank(cells[1]) or not all(_blank(cell) for cell in cells[2:]):
        return None
    return f"{label} {plain_label(cells[1])}"


def _fit(cells: list[str], width: int) -> list[str]:
    """The cells of a row of a ``width``-column table: empty cells past its last dropped."""
    while len(cells) > width and _blank(cells[-1]):
        cells = cells[:-1]
    return cells


def _leading_content(lines: Sequence[str], tail: tuple[str, ...]) -> tuple[str, ...]:
    """A file's first non-blank lines, up to the first that is not page furniture (and on
    into the files after it, ``tail``, while all is furniture): what a look-ahead from the
    end of the file before may need to see."""
    found: list[str] = []
    for line in _contents(lines, 0, tail):
        found.append(line)
        cells = _cells(line)
        if cells is not None and not _is_furniture(cells):
            break
    return tuple(found)


def _contents(lines: Sequence[str], number: int, tail: tuple[str, ...]) -> Iterator[str]:
    """The non-blank lines after line ``number`` (1-based), then those of ``tail``."""
    for index in range(number, len(lines)):  # no slice: that copies the rest of the file
        if _cells(lines[index]) is not None:
            yield lines[index]
    yield from tail


def _is_furniture(cells: list[str]) -> bool:
    """A page heading or a page number standing alone."""
    if not _is_text_line(cells):
        return False
    text = plain_label(cells[0])
    return _heading(text) is not None or _PAGE_NUMBER.match(text) is not None


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
