"""PDF: a programme's ruled tables, page by page, as lines of the text format.

pdfplumber gives each page's characters, shapes and ruled tables (its line-based table
finder); :mod:`.pdflayout` reads them as lines and items. Here the pages become one
document, decided from the layout rather than left to the text parser:

- text outside the tables is headings (type larger than the tables'), the title block (the
  first page's largest type), and text lines (a board line above its table); running
  headers and footers (text repeated near the same edge of many pages) and page numbers
  are dropped;
- a table at the top of a page that goes on from the table at the foot of the page
  before (nothing but furniture between) is the same table: its header row, repeated on
  every page, is dropped, and a row the page broke (its part on the first page has no
  rule below it, so the table finder leaves it out) is joined to its part on the next
  page, reported as a finding with both pages;
- a cell spanning rows (a merged cell) is given in its first row and marked as merged in
  the rows it covers, also where it goes on from the page before; a cell spanning
  columns is followed by empty cells.

Refused, with what to do: an encrypted PDF, a PDF with no text (a scan), a PDF whose text
lies outside any ruled table.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kerava_etl.errors import KeravaError
from kerava_etl.settings import DEFAULT_SETTINGS, ReadingSettings
from kerava_etl.stages.parse.lines import PAGE_NUMBER
from kerava_etl.stages.readers import pdflayout, textformat
from kerava_etl.stages.readers.pdflayout import CellItems, TextLine
from kerava_etl.text.lexicon import Lexicon

_DIGITS = re.compile(r"\d+")
_CLOSE = DEFAULT_SETTINGS.pdf_rule_tolerance  # the geometry's one tolerance (see settings)


@dataclass
class Cell:
    """A cell read: its items, or a mark that a merged cell covers it."""

    lines: list[TextLine] = field(default_factory=list)
    left: float = 0.0  # its rules, left and right
    right: float = 0.0
    merged: bool = False  # covered by a cell spanning rows (from a row above)
    spanned: bool = False  # covered by a cell spanning columns (from a cell left of it)
    tall: bool = False  # spans rows below its own (a merged cell's first row)


@dataclass
class Row:
    """A table row read: its cells, where it ends, and whether it is the part of a row
    below the table's last rule (left open: a row the page broke, for certain)."""

    cells: list[Cell]
    bottom: float
    open: bool = False


@dataclass
class Table:
    """A ruled table on a page: its rows, and where it stands."""

    top: float
    bottom: float
    x0: float
    x1: float
    rows: list[Row]


@dataclass
class Page:
    """A page read: its number, height, the text lines outside tables, and the tables."""

    number: int
    height: float
    lines: list[TextLine]
    tables: list[Table]


@dataclass
class Note:
    """Something the reader reports about a line it wrote (1-based): a finding code, its
    message's parameters, and the value it is about."""

    line: int
    code: str
    params: dict[str, object]
    value: str


@dataclass
class Converted:
    """A PDF as the text format: its lines, the page of each, and what was reported."""

    lines: list[str] = field(default_factory=list)
    pages: list[int | None] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def add(self, line: str, page: int) -> int:
        """Write a line of ``page`` (after a page marker, when the page changes); its number."""
        if not self.pages or self.pages[-1] != page:
            self.lines.append(textformat.page_marker(page))
            self.pages.append(page)
        self.lines.append(line)
        self.pages.append(page)
        return len(self.lines)


def read_pdf(
    name: str,
    data: bytes,
    lexicon: Lexicon | None,
    settings: ReadingSettings = DEFAULT_SETTINGS,
) -> Converted:
    """The lines of the text format a PDF gives, the page of each, and what the reader
    reports (joined rows, item boundaries it could not decide). ``lexicon`` judges the
    line-end hyphens the document's own spellings leave open."""
    pages = _pages(name, data)
    if not any(page.lines or page.tables for page in pages):
        raise KeravaError(
            "the PDF has no text layer (a scan?): run OCR first, e.g. ocrmypdf, or use "
            "the Word original",
            file=name,
        )
    if not any(page.tables for page in pages):
        raise KeravaError(
            "the PDF's text lies outside any ruled table, so its rows and columns cannot "
            "be told: use the .docx, or export the PDF with table borders",
            file=name,
        )
    return _Writer(pages, lexicon, settings).write()


def _pages(name: str, data: bytes) -> list[Page]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if getattr(pdf.doc, "encryption", None):
                raise PDFEncryptionError
            pages = []
            for page in pdf.pages:
                pages.append(_page(page))
                page.close()  # its objects let go as it is read: memory stays flat
            return pages
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise KeravaError(
            "an encrypted PDF: save or print it again without encryption (e.g. "
            "qpdf --decrypt in.pdf out.pdf), or use the Word original",
            file=name,
        ) from None
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise KeravaError(
            f"not a PDF that can be read ({type(exc).__name__}: {exc})", file=name
        ) from None


def _page(page: Any) -> Page:
    """One page's text lines outside its tables, and its tables."""
    found = page.find_tables()
    glyphs = pdflayout.Glyphs(pdflayout.glyphs(page.chars))
    edges = [e for e in page.edges if e.get("orientation") == "v"]
    shapes = [*page.curves, *page.rects]
    tables = [_table(t, glyphs, edges, shapes) for t in sorted(found, key=lambda t: t.bbox[1])]
    inside = [(t.x0, t.top, t.x1, _table_end(t)) for t in tables]
    outside = [g for g in glyphs if not any(_within(g, box) for box in inside)]
    return Page(page.page_number, float(page.height), pdflayout.text_lines(outside), tables)


def _table_end(table: Table) -> float:
    """Where a table ends: its last rule, or the bottom of the row the page broke."""
    return max(table.bottom, table.rows[-1].bottom) if table.rows else table.bottom


def _within(glyph: pdflayout.Glyph, box: tuple[float, float, float, float]) -> bool:
    x = (glyph.x0 + glyph.x1) / 2
    y = (glyph.top + glyph.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3] + _CLOSE


def _table(found: Any, glyphs: pdflayout.Glyphs, edges: list[Any], shapes: list[Any]) -> Table:
    """A pdfplumber table as rows of cells, and the row below its last rule.

    A grid position no cell starts at is covered by a cell spanning rows or columns. Where
    no cell covers it either but rules stand on both its sides, a cell spanning rows is
    left open below (it goes on on the next page, so the finder could not close it): its
    text is in the first row it covers, and the rows under that are merged into it. With
    no rule on one side, it is the cell above going on unruled (WeasyPrint rules a cell
    spanning rows over a page break round its text only): merged."""
    x0, top, x1, bottom = (float(v) for v in found.bbox)
    columns = _columns(found)
    boxes = [tuple(float(v) for v in box) for box in found.cells]
    rows: list[Row] = []
    open_columns: set[int] = set()  # columns whose open cell began in a row above
    for row in found.rows:
        row_top = float(row.bbox[1])
        row_bottom = min(float(box[3]) for box in row.cells if box is not None)
        cells = []
        for index, (box, column) in enumerate(zip(row.cells, columns, strict=True)):
            if box is not None:
                open_columns.discard(index)
                cells.append(_cell(box, glyphs, shapes, row_bottom))
                continue
            middle = (row_top + row_bottom) / 2
            covered = _covered(boxes, column, middle, row_top)
            if covered is None and index not in open_columns and _ruled(column, middle, edges):
                open_columns.add(index)
                covered = _cell((*column[:1], row_top, column[1], bottom), glyphs, shapes, bottom)
                covered.tall = True
            cells.append(covered or Cell(merged=True))
        rows.append(Row(cells, row_bottom))
    table = Table(top, bottom, x0, x1, rows)
    broken = _broken_row(table, columns, glyphs, edges, shapes)
    if broken is not None:
        rows.append(broken)
    return table


def _ruled(column: tuple[float, float], middle: float, edges: list[Any]) -> bool:
    """Whether vertical rules stand at both sides of a column at the height ``middle``."""
    return all(
        any(
            abs(float(e["x0"]) - x) <= _CLOSE and float(e["top"]) <= middle <= float(e["bottom"])
            for e in edges
        )
        for x in column
    )


def _columns(found: Any) -> list[tuple[float, float]]:
    """The table's columns, from its cells' left edges (as pdfplumber lines rows up)."""
    lefts = sorted({float(box[0]) for box in found.cells})
    return list(zip(lefts, [*lefts[1:], float(found.bbox[2])], strict=True))


def _covered(
    boxes: list[tuple[float, ...]], column: tuple[float, float], middle: float, row_top: float
) -> Cell | None:
    """A grid position no cell starts at: covered by a cell spanning rows from a row above
    (merged), or by one spanning columns from the left in this row (spanned); ``None``
    when no cell covers it."""
    x = (column[0] + column[1]) / 2
    for box in boxes:
        if box[0] <= x <= box[2] and box[1] <= middle <= box[3]:
            return Cell(merged=True) if box[1] < row_top - _CLOSE else Cell(spanned=True)
    return None


def _cell(
    box: tuple[float, float, float, float],
    glyphs: pdflayout.Glyphs,
    shapes: list[Any],
    row_bottom: float,
) -> Cell:
    x0, top, x1, bottom = (float(v) for v in box)
    inside = glyphs.within(x0, top, x1, bottom)
    lines = pdflayout.text_lines(inside)
    nearby = [s for s in shapes if x0 <= float(s["x0"]) <= x1 and top <= float(s["top"]) <= bottom]
    pdflayout.mark_bullets(lines, nearby)
    return Cell(lines, x0, x1, tall=bottom > row_bottom + _CLOSE)


def _broken_row(
    table: Table,
    columns: list[tuple[float, float]],
    glyphs: pdflayout.Glyphs,
    edges: list[Any],
    shapes: list[Any],
) -> Row | None:
    """The part of a row below the table's last rule: where its column rules go on below
    it with text between them (a row the page broke, left open at the foot of the page)."""
    below = [
        float(e["bottom"])
        for e in edges
        if table.x0 - _CLOSE <= float(e["x0"]) <= table.x1 + _CLOSE
        and float(e["top"]) <= table.bottom + _CLOSE
        and float(e["bottom"]) > table.bottom + _CLOSE
    ]
    if not below:
        return None
    end = max(below)
    cells = [_cell((a, table.bottom, b, end + _CLOSE), glyphs, shapes, end) for a, b in columns]
    return Row(cells, end, open=True) if any(cell.lines for cell in cells) else None


def _running(pages: Sequence[Page], margin: float) -> set[str]:
    """The running headers and footers: text near the top or the foot of the page that
    repeats (numbers aside) on many pages."""
    counts: Counter[str] = Counter()
    for page in pages:
        edges = [line for line in page.lines if _in_margin(line, page, margin)]
        counts.update({_DIGITS.sub("#", line.text) for line in edges})
    least = max(2, int(0.3 * len(pages)))
    return {key for key, count in counts.items() if count >= least}


def _in_margin(line: TextLine, page: Page, margin: float) -> bool:
    return line.bottom < page.height * margin or line.top > page.height * (1 - margin)


class _Writer:
    """Writes the pages as one document of the text format (see the module's docstring)."""

    def __init__(
        self, pages: Sequence[Page], lexicon: Lexicon | None, settings: ReadingSettings
    ) -> None:
        self.pages = pages
        self.settings = settings
        self.out = Converted()
        cell_lines = [
            line
            for page in pages
            for table in page.tables
            for row in table.rows
            for cell in row.cells
            for line in cell.lines
        ]
        self.body = statistics.median(line.size for line in cell_lines) if cell_lines else 10.0
        self.running = _running(pages, settings.pdf_margin)
        self.lexicon = lexicon
        self.hyphens = pdflayout.Hyphens(cell_lines, lexicon, settings.pdf_hyphenating_share)
        self.reach = _reach(pages)
        self.hyphens.learn_cuts(_filling_lines(pages, self.reach))
        cells = [c.lines for page in pages for t in page.tables for r in t.rows for c in r.cells]
        self.spacing = pdflayout.LineSpacing(settings, cells)
        self.headings = sorted(
            {round(line.size) for page in pages for line in page.lines if self._large(line)},
            reverse=True,
        )
        self.title = self._title_size()
        self.open: Table | None = None  # the table the last page ended with
        self.open_header: list[str] | None = None
        self.held: tuple[Row, int] | None = None  # the last row written so far, and its page
        # Where the tables end on a full page: the foot of the page's text area.
        self.content_bottom = max(
            (_table_end(table) for page in pages for table in page.tables), default=0.0
        )

    def _large(self, line: TextLine) -> bool:
        return line.size >= self.body * self.settings.pdf_heading_ratio

    def _title_size(self) -> float | None:
        """The first page's largest type before its first table, if no later page has it."""
        first = self.pages[0]
        limit = first.tables[0].top if first.tables else first.height
        sizes = [line.size for line in first.lines if line.top < limit and self._large(line)]
        if not sizes:
            return None
        later = [line.size for page in self.pages[1:] for line in page.lines]
        largest = max(sizes)
        return largest if all(size < largest - 0.5 for size in later) else None

    def write(self) -> Converted:
        for page in self.pages:
            self.page(page)
        self.release()
        return self.out

    def page(self, page: Page) -> None:
        lines = [line for line in page.lines if not self.furniture(line, page)]
        blocks: list[tuple[float, TextLine | Table]] = [(line.top, line) for line in lines]
        blocks += [(table.top, table) for table in page.tables]
        blocks.sort(key=lambda block: block[0])
        for index, (_, block) in enumerate(blocks):
            if isinstance(block, Table):
                self.table(block, page.number, first=index == 0)
            else:
                self.release()
                self.open = None
                self.text(block, page.number)
        if not blocks or not isinstance(blocks[-1][1], Table):
            self.open = None

    def furniture(self, line: TextLine, page: Page) -> bool:
        if not _in_margin(line, page, self.settings.pdf_margin):
            return False
        return _DIGITS.sub("#", line.text) in self.running or bool(PAGE_NUMBER.match(line.text))

    def text(self, line: TextLine, page: int) -> None:
        text = textformat.one_line(line.text)
        if text[-1:] in "\u2010\u00ad":
            text = text[:-1] + "-"  # a shown soft hyphen: the parser joins a broken name
        if self._large(line) and line.size != self.title:
            level = (
                self.headings.index(round(line.size)) + 1
                if round(line.size) in self.headings
                else 1
            )
            text = textformat.heading(text, level)
        self.out.add(text, page)

    def table(self, table: Table, page: int, *, first: bool) -> None:
        """A table: a new one, or, first on its page after a table that ended the page
        before, the same one going on: its repeated header dropped, and a row the page
        broke joined. A table's last row is held until the next block says which."""
        rows = list(table.rows)
        goes_on = first and self.open is not None
        if goes_on and rows and self.open_header == _texts(rows[0].cells):
            rows = rows[1:]  # the header row, repeated on this page
        elif not goes_on:
            self.release()
            self.open_header = _texts(rows[0].cells) if rows else None
        if goes_on and self.held is not None and rows:
            held, held_page = self.held
            self.held = None
            if held.open or self.broken_at_page(held, rows[0]):
                self.join(held, rows[0], held_page, page)
                rows = rows[1:]
            else:
                self.row(held.cells, held_page)
                rows[0] = _spans_going_on(held, rows[0])
        else:
            self.release()
        for row in rows[:-1]:
            self.row(row.cells, page)
        if rows:
            self.held = (rows[-1], page)
        self.open = table

    def broken_at_page(self, row: Row, following: Row) -> bool:
        """Whether the page broke ``row`` and ``following`` is its rest: ``row`` reaches the
        foot of the page, ``following`` has text only in columns where ``row``'s text runs
        to its bottom edge (cut there), none where it ended higher up, and its text goes on
        in a small letter somewhere, or every cut cell's text runs as deep as the deepest
        (a whole row that ended at the foot by chance has cells of different depths, and
        the next row's cells start as cells do)."""
        if row.bottom < self.content_bottom - 2.5 * self.body:
            return False
        ends = {
            i: cell.lines[-1].bottom
            for i, cell in enumerate(row.cells)
            if cell.lines and not cell.merged
        }
        with_text = {i for i, cell in enumerate(following.cells) if cell.lines and not cell.merged}
        if not with_text or any(ends.get(i, 0.0) < row.bottom - 2 * self.body for i in with_text):
            return False
        goes_on = any(following.cells[i].lines[0].text[:1].islower() for i in with_text)
        deepest = max(ends.values())
        return goes_on or all(ends[i] >= deepest - 0.5 * self.body for i in with_text)

    def join(self, part: Row, rest: Row, first_page: int, page: int) -> None:
        """A row the page before broke, and its rest on this page: one row, reported."""
        joined = [
            Cell(a.lines + b.lines, a.left, a.right, merged=a.merged and not b.lines)
            for a, b in zip(part.cells, rest.cells, strict=False)
        ]
        number = self.row(joined, first_page)
        first_text = next((line.text for cell in joined for line in cell.lines), "")
        self.out.notes.append(
            Note(number, "pdf_row_joined", {"first": first_page, "second": page}, first_text)
        )

    def release(self) -> None:
        """The held row, written: nothing on the next page goes on with it."""
        if self.held is not None:
            row, page = self.held
            self.held = None
            self.row(row.cells, page)

    def row(self, row: list[Cell], page: int) -> int:
        """A row as a line of the text format; its line number."""
        cells: list[str] = []
        uncertain: list[str] = []
        for cell in row:
            if cell.merged:
                cells.append(textformat.MERGED)
            elif cell.spanned:
                cells.append("")
            else:
                read = self.items(cell)
                cells.append(
                    textformat.cell(
                        [item.written for item in read.items],
                        listed=[item.listed for item in read.items],
                    )
                )
                uncertain += read.uncertain
        number = self.out.add(textformat.row(cells), page)
        for lines in uncertain:
            self.out.notes.append(Note(number, "pdf_item_uncertain", {}, lines))
        return number

    def items(self, cell: Cell) -> CellItems:
        """A cell's items; its text reaches its right rule less the padding its left has."""
        left = min((line.x0 for line in cell.lines), default=cell.left)
        padding = max(0.0, left - cell.left)
        return pdflayout.items(
            cell.lines,
            cell.right - padding,
            self.hyphens,
            self.spacing,
            self.lexicon,
            reach=self.reach.get(_column_of(cell)),
        )


def _texts(row: list[Cell]) -> list[str]:  # a row's text, cell by cell
    return [" ".join(line.text for line in cell.lines) for cell in row]


def _spans_going_on(above: Row, row: Row) -> Row:
    """The first row on a page under a row that did not break: where a merged cell of the
    row above goes on (it spans rows), an empty cell of this row is that cell going on."""
    cells = [
        Cell(merged=True) if not cell.lines and not cell.spanned and (a.tall or a.merged) else cell
        for a, cell in zip(above.cells, row.cells, strict=False)
    ]
    return Row(cells, row.bottom, row.open)


def _column_of(cell: Cell) -> tuple[int, int]:
    return round(cell.left), round(cell.right)


def _reach(pages: Sequence[Page]) -> dict[tuple[int, int], float]:
    """How far right the text of each column (by its rules) reaches anywhere in the
    document: no nearer its right rule than the text area's edge, so a line's room to
    it is at most the room the line had."""
    found: dict[tuple[int, int], float] = {}
    for page in pages:
        for table in page.tables:
            for row in table.rows:
                for cell in row.cells:
                    for line in cell.lines:
                        column = _column_of(cell)
                        x1 = min(line.x1, cell.right)
                        found[column] = max(found.get(column, x1), x1)
    return found


def _filling_lines(
    pages: Sequence[Page], reach: dict[tuple[int, int], float]
) -> list[tuple[str, str]]:
    """Each line full to its column's reach, with the line below it (small letters)."""
    found = []
    for page in pages:
        for table in page.tables:
            for row in table.rows:
                for cell in row.cells:
                    edge = reach.get(_column_of(cell), cell.right)
                    found += [
                        (above.text, below.text)
                        for above, below in itertools.pairwise(cell.lines)
                        if below.text[:1].islower() and pdflayout.full(above, below, edge)
                    ]
    return found
