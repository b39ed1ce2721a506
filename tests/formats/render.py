"""Test fixtures: a programme's content written as the Word and PDF files a city publishes.

A :class:`Programme` is the content of an action programme (headings, board lines, tables
whose cells hold items and may be merged down) with no layout. :func:`programme_from_text`
reads it from the converted text format (``raw/``) without the pipeline's parser, and the
writers lay it out in several variants, each a way real documents are made:

- :func:`write_docx` (python-docx): Title and Heading N styles, board lines as bold
  paragraphs, Table Grid tables with a repeating header row (w:tblHeader), w:vMerge for
  merged cells, landscape A4, a running header and a PAGE field in the footer. See
  :class:`DocxVariant`; 'tracked' returns what it injected (:class:`Injection`).
- :func:`write_html` and :func:`write_pdf` (Debian's headless Chromium prints the HTML):
  ruled cells, a ``<thead>`` repeated on each page, rowspans, a "Sivu n / m" footer from
  ``@page @bottom-center``. See :class:`PdfVariant`. Two scripts in the page, run before it
  is printed, hyphenate long words and plan the page breaks (_MATERIALISE_HYPHENS,
  _PAGINATE): a row that does not fit goes on to the next page, and a row taller than a
  page (or, in 'breakrows', any row at the foot of a page) is split into two ruled rows.
- :func:`docx_to_pdf` (optional, LibreOffice): the Word file as Word-like software prints it.

In every rendering an item's run of two or more spaces (where the converted text lost a
line break) is a paragraph break, as the pipeline reads it. Run it as a script to look at
every variant: ``python tests/formats/render.py raw/kerava_toimenpideohjelmat_2018-2021.txt
OUTDIR``.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, cast

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

# --- the model ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A page heading (``# ...`` in the text format)."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """A line of text outside a table's cells: a board line, a note."""

    text: str


@dataclass(frozen=True)
class Cell:
    """A table cell: its items in order. ``bulleted`` says its items (after the first
    ``lead`` ones, paragraphs before the list) are a list; ``merged`` that the cell is
    part of the cell above (a rowspan), when it has no items of its own."""

    items: list[str] = field(default_factory=list)
    bulleted: bool = False
    merged: bool = False
    lead: int = 0
    bold: bool = False


@dataclass(frozen=True)
class Table:
    """A table: its column labels (empty when its rows go on under a board line with no
    header of their own) and data rows, each with one cell per column."""

    header: list[str]
    rows: list[list[Cell]]


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class Programme:
    """A programme's content: an optional title (lines joined by newlines) and blocks."""

    blocks: list[Block]
    title: str | None = None

    @property
    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]

    @property
    def rows(self) -> list[list[Cell]]:
        return [row for table in self.tables for row in table.rows]


HEADER_LABELS = ("Strateginen kärki", "Toimenpide")  # a line with both is a column header


def programme_from_text(path: Path) -> Programme:
    """The programme of a text-format document (see docs/reading.md), read line by line."""
    lines = path.read_text("utf-8-sig").splitlines()
    title: list[str] = []
    blocks: list[Block] = []
    for line in lines:
        raw = [_unquoted(cell) for cell in line.split("\t")]
        cells = [_plain(cell) for cell in raw]
        if not any(cells):
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            blocks.append(Heading(line[level:].strip(), level))
        elif "\t" not in line and not blocks:
            title.append(cells[0].strip("*_ "))
        elif all(label in cells for label in HEADER_LABELS):
            blocks.append(Table(cells, []))
        elif not any(cells[1:]):
            blocks.append(Paragraph(cells[0]))
        else:
            table = blocks[-1] if blocks else None
            if not isinstance(table, Table):  # rows under a board line, no header of their own
                table = Table([], [])
                blocks.append(table)
            table.rows.append(_row(raw))
    return Programme(blocks, "\n".join(title) or None)


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
_BLOCK_TAGS = {"p", "li", "br", "ul", "ol"}
_BOLD = re.compile(r"\s*<(b|strong)>.*</\1>\s*", re.IGNORECASE | re.DOTALL)


def _unquoted(cell: str) -> str:
    """A cell as written, unquoted if a spreadsheet quoted it (``"a ""b"" c"``)."""
    if len(cell) > 1 and cell.startswith('"') and cell.endswith('"'):
        return cell[1:-1].replace('""', '"')
    return cell


def _plain(raw: str) -> str:
    """A cell's text with its tags dropped and entities decoded."""
    return html.unescape(_TAG.sub("", raw)).strip()


def _row(raw_cells: list[str]) -> list[Cell]:
    """A data row's cells: the empty ones before the first filled one are merged."""
    cells = [_cell(raw) for raw in raw_cells]
    leading = next(i for i, cell in enumerate(cells) if cell.items)
    return [Cell(merged=True) for _ in range(leading)] + cells[leading:]


def _cell(raw: str) -> Cell:
    """A cell's items: its HTML split at ``<p>``, ``<li>`` and ``<br>`` (and the lists'
    ``<ul>``, ``<ol>``), other tags dropped, entities decoded, the text otherwise as written."""
    items: list[str] = []
    listed: list[bool] = []
    in_item, at = False, 0
    blocks = [tag for tag in _TAG.finditer(raw) if tag.group(2).lower() in _BLOCK_TAGS]
    for tag in [*blocks, None]:
        text = _plain(raw[at : tag.start() if tag else len(raw)])
        if text:
            items.append(text)
            listed.append(in_item)
        if tag is not None:
            at = tag.end()
            if tag.group(2).lower() == "li":
                in_item = not tag.group(1)
    bulleted = any(listed)
    lead = listed.index(True) if bulleted else 0
    return Cell(items, bulleted, lead=lead, bold=bool(_BOLD.fullmatch(raw)))


Line = tuple[str, bool]  # a paragraph of a cell: its text, and whether it is a list item


def cell_lines(cell: Cell) -> list[Line]:
    """The paragraphs a rendering gives the cell: each item, split at runs of spaces."""
    return [
        (part, cell.bulleted and index >= cell.lead)
        for index, item in enumerate(cell.items)
        for part in re.split(r" {2,}", item)
        if part
    ]


def spans(table: Table) -> list[list[int]]:
    """Each cell's row span: 0 for a merged cell (covered by the one above), else how many
    rows it covers. A merged cell in the first row has nothing above: it spans itself."""
    result = [[1] * len(row) for row in table.rows]
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            if cell.merged and r > 0:
                top = next(t for t in range(r - 1, -1, -1) if result[t][c])
                result[top][c] += 1
                result[r][c] = 0
    return result


_VOWELS = set("aeiouyåäöAEIOUYÅÄÖ")


def syllable_breaks(word: str) -> list[int]:
    """Where a Finnish word may be hyphenated: before a consonant that a vowel follows
    (kiin-teis-tö), leaving at least two letters on each side."""
    return [
        at
        for at in range(2, len(word) - 2)
        if word[at] not in _VOWELS and word[at + 1] in _VOWELS and word[at - 1].isalpha()
    ]


_MARKER = re.compile(r"^[-–•]\s+")  # a typed list marker: dropped where a real bullet is drawn

# Column widths as shares of the table, by label (others get 12).
WIDTHS = {
    "Strateginen kärki": 10,
    "Strategiset tavoitteet": 16,
    "Toimialan tavoite": 13,
    "Toimenpide": 22,
    "Vastuu": 13,
    "Riski": 13,
    "Mittari": 13,
}
_STANDARD = list(WIDTHS)


def column_shares(table: Table) -> list[float]:
    """The table's column widths as fractions of its width."""
    width = len(table.rows[0]) if table.rows else len(table.header)
    labels = table.header or (_STANDARD if width == len(_STANDARD) else [""] * width)
    weights = [WIDTHS.get(label, 12) for label in labels]
    return [weight / sum(weights) for weight in weights]


# --- Word ----------------------------------------------------------------------------------


class DocxVariant(StrEnum):
    """How write_docx lays out a cell's items."""

    PLAIN = "plain"  # one paragraph per item, typed dashes as written
    BREAKS = "breaks"  # a cell is one paragraph, its items separated by w:br
    BULLETS = "bullets"  # list items numbered: List Bullet (style) or List Paragraph + numPr
    TRACKED = "tracked"  # plain, with what RULES inject (revisions, a link, controls, hyphens)


@dataclass(frozen=True)
class Injection:
    """One thing write_docx put into the XML beyond the programme's text. ``block`` is the
    index in ``Programme.blocks``; ``row`` and ``column`` the data row and column (both
    None for a paragraph); ``line`` the paragraph within the cell (see cell_lines). ``text``
    is what was injected (a ``del``'s text must not be read, every other kind's must), and
    ``expected`` the whole paragraph as a reader must read it: the programme's own text."""

    kind: str
    block: int
    row: int | None
    column: str | None
    line: int
    text: str
    expected: str


# The kinds of Injection. A Segment is a piece of a paragraph: (kind, text).
DEL, INS, LINK, SDT, SDT_BLOCK = "del", "ins", "hyperlink", "sdt", "sdt_block"
NO_BREAK_HYPHEN, U2011, SOFT_HYPHEN = "no_break_hyphen", "u2011", "soft_hyphen"
SPLIT_RUN = "split_run"  # a word split over two runs (as Word's revision ids split them)
TEXT = "text"
Segment = tuple[str, str]
Where = tuple[int, int | None, int | None, int]  # block, row, column, line
DELETED_TEXTS = ("tarvittaessa ", "Tekninen keskus")  # what the w:del runs hold
HYPERLINK_URL = "https://www.kerava.fi/"
_REVISION = {qn("w:author"): "Kirjaamo", qn("w:date"): "2019-03-12T09:00:00Z"}


def write_docx(
    programme: Programme, path: Path, variant: DocxVariant | str = DocxVariant.PLAIN
) -> list[Injection]:
    """Write the programme as a .docx; return what was injected (only 'tracked' injects)."""
    variant = DocxVariant(variant)
    doc = _new_document(programme.title)
    plan = _plan(programme) if variant is DocxVariant.TRACKED else _Plan()
    writer = _DocxWriter(doc, variant, plan)
    first_heading = True
    for index, block in enumerate(programme.blocks):
        if isinstance(block, Heading):
            heading = doc.add_heading(block.text, block.level)
            heading.paragraph_format.page_break_before = not first_heading
            first_heading = False
        elif isinstance(block, Paragraph):
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.keep_with_next = True
            writer.line(paragraph, block.text, (index, None, None, 0), bold=True)
        else:
            writer.table(block, index)
    doc.save(str(path))
    return plan.injections


def _new_document(title: str | None) -> DocxDocument:
    """An empty landscape A4 document: Arial 9 pt, a running header and a page footer."""
    doc = Document()
    normal = cast(ParagraphStyle, doc.styles["Normal"])
    normal.font.name = "Arial"
    normal.font.size = Pt(9)
    normal.paragraph_format.space_after = Pt(2)
    normal.paragraph_format.line_spacing = 1.0
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    section.header_distance = section.footer_distance = Cm(0.6)
    section.header.paragraphs[0].text = "Keravan kaupunki – Strategian toimenpideohjelmat"
    footer = section.footer.paragraphs[0]
    footer.add_run("Sivu ")
    footer._p.append(_element("w:fldSimple", [_run("1")], {qn("w:instr"): " PAGE "}))
    props = doc.core_properties
    props.author, props.title = "Keravan kaupunki", (title or "").replace("\n", " ")
    props.created = props.modified = dt.datetime(2018, 6, 1, 12, 0, 0)
    if title:
        paragraph = doc.add_paragraph(style="Title")
        for number, text in enumerate(title.split("\n")):
            if number:
                paragraph.add_run().add_break()
            paragraph.add_run(text)
    return doc


class _DocxWriter:
    """Writes tables and paragraphs of one document in one variant."""

    def __init__(self, doc: DocxDocument, variant: DocxVariant, plan: _Plan) -> None:
        self.doc, self.variant, self.plan = doc, variant, plan
        self.ids = iter(range(1, 1_000_000))
        self.tables = 0

    def table(self, table: Table, index: int) -> None:
        width = len(table.rows[0]) if table.rows else len(table.header)
        header = bool(table.header)
        grid = self.doc.add_table(rows=header + len(table.rows), cols=width)
        grid.style = self.doc.styles["Table Grid"]
        grid.autofit = False
        widths = [Cm(26.7 * share) for share in column_shares(table)]
        for column, column_width in zip(grid.columns, widths, strict=True):
            column.width = column_width
        trs = [row._tr for row in grid.rows]
        if header:
            trs[0].get_or_add_trPr().append(OxmlElement("w:tblHeader"))
            for c, label in enumerate(table.header):
                self._cell(_Cell(trs[0].tc_lst[c], grid), [(label, False)], None, bold=True)
                trs[0].tc_lst[c].get_or_add_tcPr().append(_shading("D9D9D9"))
        for r, (row, row_spans) in enumerate(zip(table.rows, spans(table), strict=True)):
            for c, (cell, span) in enumerate(zip(row, row_spans, strict=True)):
                tc = trs[header + r].tc_lst[c]
                tc.vMerge = "continue" if span == 0 else "restart" if span > 1 else None
                self._cell(_Cell(tc, grid), cell_lines(cell), (index, r, c), cell.bold)
        for tr in trs:
            for tc, column_width in zip(tr.tc_lst, widths, strict=True):
                tc.width = column_width
        self.tables += 1

    def _cell(
        self, cell: _Cell, lines: list[Line], at: tuple[int, int, int] | None, bold: bool
    ) -> None:
        """Fill a cell (it has one empty paragraph) with its lines, as the variant does."""
        paragraph = cell.paragraphs[0]
        for number, (text, listed) in enumerate(lines):
            where = (*at, number) if at else None
            if self.variant is DocxVariant.BREAKS and number:
                paragraph.add_run().add_break()
            elif number:
                paragraph = cell.add_paragraph()
            if self.variant is DocxVariant.BULLETS and listed:
                text = _MARKER.sub("", text)
                self._bullet(paragraph)
            self.line(paragraph, text, where, bold)
        if at in self.plan.cells:
            _wrap_block(cell._tc, next(self.ids))

    def _bullet(self, paragraph: DocxParagraph) -> None:
        """Number a list item: by the List Bullet style in even tables, in odd ones as Word's
        bullet button does (List Paragraph and a numPr of the paragraph's own)."""
        if self.tables % 2 == 0:
            paragraph.style = self.doc.styles["List Bullet"]
            return
        paragraph.style = self.doc.styles["List Paragraph"]
        num_pr: Any = paragraph._p.get_or_add_pPr().get_or_add_numPr()  # type: ignore[attr-defined]
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = 1  # the template's bullet list

    def line(self, paragraph: DocxParagraph, text: str, where: Where | None, bold: bool) -> None:
        """Append one line's runs: its planned segments, or the text as one run."""
        segments = self.plan.lines.get(where, [(TEXT, text)]) if where else [(TEXT, text)]
        for kind, piece in segments:
            paragraph._p.append(self._segment(paragraph, kind, piece, bold))

    def _segment(self, paragraph: DocxParagraph, kind: str, text: str, bold: bool) -> Any:
        """The XML of one segment (a run, or a run inside its revision, link or control)."""
        if kind == DEL:
            return _element("w:del", [_run(text, bold, deleted=True)], self._revision())
        if kind == INS:
            return _element("w:ins", [_run(text, bold)], self._revision())
        if kind == LINK:
            rid = paragraph.part.relate_to(HYPERLINK_URL, RELATIONSHIP_TYPE.HYPERLINK, True)
            return _element("w:hyperlink", [_run(text, bold, link=True)], {qn("r:id"): rid})
        if kind == SDT:
            return _sdt([_run(text, bold)], next(self.ids))
        if kind == NO_BREAK_HYPHEN:
            return _run(text, bold, hyphen="w:noBreakHyphen")
        if kind == SOFT_HYPHEN:
            return _run("", bold, hyphen="w:softHyphen")
        return _run(text, bold)

    def _revision(self) -> dict[str, str]:
        return {qn("w:id"): str(next(self.ids)), **_REVISION}


def _element(tag: str, children: list[Any], attributes: dict[str, str] | None = None) -> Any:
    element = OxmlElement(tag, attrs=attributes)
    element.extend(children)
    return element


def _run(
    text: str, bold: bool = False, *, deleted: bool = False, link: bool = False, hyphen: str = ""
) -> Any:
    """A w:r holding the text; with ``hyphen``, each '-' of the text is that element instead
    (w:noBreakHyphen), or the run is just that element (w:softHyphen)."""
    properties = []
    if link:
        properties += [_element("w:color", [], {qn("w:val"): "0563C1"})]
        properties += [_element("w:u", [], {qn("w:val"): "single"})]
    if bold:
        properties.insert(0, OxmlElement("w:b"))
    run = _element("w:r", [_element("w:rPr", properties)] if properties else [])
    pieces = text.split("-") if hyphen == "w:noBreakHyphen" else [text]
    for number, piece in enumerate(pieces):
        if number or hyphen == "w:softHyphen":
            run.append(OxmlElement(hyphen))
        if piece:
            tag = "w:delText" if deleted else "w:t"
            text_element = _element(tag, [], {qn("xml:space"): "preserve"})
            text_element.text = piece
            run.append(text_element)
    return run


def _sdt(content: list[Any], number: int) -> Any:
    """A content control (plain text) around the content."""
    properties = [
        _element("w:alias", [], {qn("w:val"): "Teksti"}),
        _element("w:tag", [], {qn("w:val"): f"kentta{number}"}),
        _element("w:id", [], {qn("w:val"): str(number)}),
    ]
    return _element("w:sdt", [_element("w:sdtPr", properties), _element("w:sdtContent", content)])


def _wrap_block(tc: Any, number: int) -> None:
    """Move a cell's paragraphs into a block-level content control in the cell."""
    paragraphs = tc.p_lst
    control = _sdt([], number)
    paragraphs[0].addprevious(control)
    control[-1].extend(paragraphs)


def _shading(fill: str) -> Any:
    return _element("w:shd", [], {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill})


# --- what the tracked variant injects --------------------------------------------------------

_LONG_WORD = re.compile(r"[A-Za-zÅÄÖåäö]{14,}")
_WORD_HYPHEN = re.compile(r"(?<=[a-zåäö])-(?=[a-zåäö])")
Rule = Callable[[str], list[Segment] | None]


def _delete_after_first_word(text: str) -> list[Segment] | None:
    first, _, rest = text.partition(" ")
    return [(TEXT, first + " "), (DEL, DELETED_TEXTS[0]), (TEXT, rest)] if rest else None


def _replace(text: str) -> list[Segment] | None:
    """A one-word responsible replaced in review: the old name deleted, the new inserted."""
    return [(DEL, DELETED_TEXTS[1]), (INS, text)] if " " not in text else None


def _insert_second_half(text: str) -> list[Segment] | None:
    words = text.split(" ")
    if len(words) < 2:
        return None
    half = len(words) // 2
    return [(TEXT, " ".join(words[:half]) + " "), (INS, " ".join(words[half:]))]


def _link_last_word(text: str) -> list[Segment] | None:
    head, _, last = text.rpartition(" ")
    return [(TEXT, head + " "), (LINK, last)] if head else None


def _control_after_first_word(text: str) -> list[Segment] | None:
    first, _, rest = text.partition(" ")
    return [(TEXT, first + " "), (SDT, rest)] if rest else None


def _no_break_hyphens(text: str) -> list[Segment] | None:
    return [(NO_BREAK_HYPHEN, text)] if "vapaa-aika" in text.lower() else None


def _u2011(text: str) -> list[Segment] | None:
    match = _WORD_HYPHEN.search(text)
    if not match:
        return None
    return [(U2011, text[: match.start()] + "\u2011" + text[match.end() :])]


def _soft_hyphen(text: str) -> list[Segment] | None:
    match = _LONG_WORD.search(text)
    if not match:
        return None
    word = match.group()
    cut = match.start() + min(syllable_breaks(word), key=lambda at: abs(at - len(word) // 2))
    return [(TEXT, text[:cut]), (SOFT_HYPHEN, ""), (TEXT, text[cut:])]


def _split_word(text: str) -> list[Segment] | None:
    match = _LONG_WORD.search(text)
    if not match:
        return None
    cut = match.start() + 5
    return [(TEXT, text[:cut]), (SPLIT_RUN, text[cut:])]


# Each rule: the column it looks in ("" for a paragraph: a board line), the first table it
# may use, and how it rewrites a line. Each takes the first line it fits, no line twice.
RULES: list[tuple[str, int, Rule]] = [
    ("Toimenpide", 0, _delete_after_first_word),
    ("Vastuu", 2, _replace),
    ("Riski", 4, _insert_second_half),
    ("Mittari", 6, _link_last_word),
    ("Strategiset tavoitteet", 8, _control_after_first_word),
    ("", 0, _no_break_hyphens),
    ("Vastuu", 0, _no_break_hyphens),
    ("Toimenpide", 10, _u2011),
    ("Mittari", 12, _soft_hyphen),
    ("Toimenpide", 14, _split_word),
]
SDT_BLOCK_AT = ("Vastuu", 16)  # a block-level control around this column's first cell from here


@dataclass
class _Plan:
    """Where the tracked variant injects what: lines' segments, and cells (block, row,
    column) wrapped in a block-level content control; ``injections`` lists them all."""

    lines: dict[Where, list[Segment]] = field(default_factory=dict)
    cells: set[tuple[int, int, int]] = field(default_factory=set)
    injections: list[Injection] = field(default_factory=list)


def _plan(programme: Programme) -> _Plan:
    plan = _Plan()
    for column, first_table, rule in RULES:
        for where, text in _candidates(programme, column, first_table):
            segments = rule(text)
            if where in plan.lines or segments is None:
                continue
            plan.lines[where] = segments
            for number, (kind, _) in enumerate(segments):
                if kind != TEXT:
                    shown = _shown(segments, number)
                    plan.injections.append(
                        Injection(kind, *where[:2], column or None, where[3], shown, text)
                    )
            break
    column, first_table = SDT_BLOCK_AT
    (block, row, col, _), _ = next(_candidates(programme, column, first_table))
    assert row is not None and col is not None
    plan.cells.add((block, row, col))
    table = programme.blocks[block]
    assert isinstance(table, Table)
    text = "\n".join(line for line, _ in cell_lines(table.rows[row][col]))
    plan.injections.append(Injection(SDT_BLOCK, block, row, column, 0, text, text))
    plan.injections.sort(key=lambda injection: (injection.block, injection.row or 0))
    return plan


def _shown(segments: list[Segment], number: int) -> str:
    """An injection's text: the segment's; a soft hyphen's or a split run's is the word (a
    soft hyphen's with U+00AD where it is)."""
    kind, piece = segments[number]
    if kind == SOFT_HYPHEN:
        before, after = segments[number - 1][1], segments[number + 1][1]
        return before.rsplit(" ", 1)[-1] + "\u00ad" + after.split(" ", 1)[0]
    if kind == SPLIT_RUN:
        return segments[number - 1][1].rsplit(" ", 1)[-1] + piece.split(" ", 1)[0]
    return piece


def _candidates(programme: Programme, column: str, first_table: int) -> Iterator[tuple[Where, str]]:
    """The lines of a column's cells (or of the paragraphs), in document order."""
    tables = -1
    for index, block in enumerate(programme.blocks):
        if isinstance(block, Paragraph) and not column:
            yield (index, None, None, 0), block.text
        if not isinstance(block, Table) or not column or column not in block.header:
            continue
        tables += 1
        c = block.header.index(column)
        for r, row in enumerate(block.rows if tables >= first_table else []):
            for number, (text, _) in enumerate(cell_lines(row[c])):
                yield (index, r, c, number), text


# --- HTML and PDF ----------------------------------------------------------------------------


class PdfVariant(StrEnum):
    """How write_html (and write_pdf, which prints it) lays out the programme."""

    PLAIN = "plain"  # items as paragraphs with a small gap between them, typed dashes as written
    BULLETS = "bullets"  # list items as <ul><li> with bullet glyphs (typed dashes dropped)
    NOSPACING = "nospacing"  # items as paragraphs with no gap and no bullets: the hard case
    NARROW = "narrow"  # a narrow table: words hyphenated at line ends ("kiinteistö-", "-kunto")
    BREAKROWS = "breakrows"  # 13 pt, a row at the foot of a page split there (see _PAGINATE)
    SOFT = "soft"  # plain, Chromium showing the soft hyphens it breaks at (U+2010)


PAGE_HEIGHT_MM = 180  # A4 landscape less the top and bottom margins of @page
# Cells are ruled one by one (border-collapse: separate; each draws its left and bottom rule,
# the last of a row its right one): with border-collapse: collapse a row split over pages by
# _PAGINATE came out ruled differently on paper than on screen.
_CSS = """
@page { size: A4 landscape; margin: 14mm 12mm 16mm;
  @bottom-center { content: "Sivu " counter(page) " / " counter(pages); font-size: 8pt; } }
html { font: 9pt/1.25 "Liberation Sans", Arial, Helvetica, sans-serif; color: #000; }
body { margin: 0; width: 273mm; }
.title { font-size: 22pt; font-weight: bold; margin: 30mm 0 12mm; }
h1 { font-size: 15pt; margin: 0 0 4mm; break-before: page; break-after: avoid; }
h1:first-of-type { break-before: auto; }
h2 { font-size: 12pt; margin: 3mm 0 2mm; break-after: avoid; }
p.board { font-weight: bold; font-size: 10.5pt; margin: 5mm 0 1.5mm; break-after: avoid; }
table { border-collapse: separate; border-spacing: 0; width: 100%; table-layout: fixed;
  margin: 0 0 4mm; }
thead { display: table-header-group; }
th, td { border: solid #000; border-width: 0 0 1px 1px; padding: 1.2mm 1.5mm;
  vertical-align: top; text-align: left; overflow-wrap: break-word; }
th, table.continued tr:first-child td { border-top-width: 1px; }
tr > :last-child { border-right-width: 1px; }
th { background: #d9d9d9; }
tr { break-inside: avoid; }
td p { margin: 0 0 1.8mm; }
td p:last-child { margin-bottom: 0; }
td ul { margin: 0; padding-left: 4mm; list-style: disc; }
td li.cont { list-style: none; }
"""


@dataclass(frozen=True)
class _Layout:
    """A variant's type size, table width and extra CSS. Words of ``hyphenate`` letters or
    more get soft hyphens; with 0, only those too wide for their column (Chromium would
    break them anywhere, with no hyphen)."""

    font_pt: float = 9
    table_mm: float = 273
    hyphenate: int = 0
    css: str = ""
    split_rows: bool = False  # a row at the foot of a page is split there, not moved on
    materialise: bool = True  # the soft hyphens a line broke at written as "-" and a <br>

    def column_em(self, share: float) -> float:
        """The width of a column's text, in em of the variant's type."""
        return (share * self.table_mm - 3.2) / (self.font_pt * 0.3528)  # less padding, borders


# Letters' widths in em in Liberation Sans (Arial's metrics), a little over; bold is wider.
_EM = {
    **dict.fromkeys("ijl.,:;'", 0.23),
    **dict.fromkeys("ftI/ ", 0.28),
    **dict.fromkeys("r-()", 0.34),
    **dict.fromkeys("mM", 0.84),
    **dict.fromkeys("wW", 0.95),
}


def _em(word: str) -> float:
    return 1.1 * sum(_EM.get(c, 0.56 if c.islower() else 0.73) for c in word)


_LAYOUTS = {
    PdfVariant.NOSPACING: _Layout(css="td p { margin: 0; }"),
    PdfVariant.NARROW: _Layout(10.5, 165, 9),
    PdfVariant.BREAKROWS: _Layout(13, split_rows=True),
    PdfVariant.SOFT: _Layout(materialise=False),
}
# Long words carry soft hyphens (see _Layout), and this script (run before printing) writes
# the ones a line broke at as "-" and a <br>, and drops the others: the page as a renderer
# that shows its hyphens as hyphen-minus prints it (Chromium has no Finnish dictionary for
# `hyphens: auto`). In 'soft' they stay, and Chromium shows those it breaks at as U+2010
# and leaves a zero-width space at the others. The page is 273 mm wide on screen and on
# paper, so the lines break in the same places.
_MATERIALISE_HYPHENS = r"""{
const shy = "\u00ad", walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const nodes = [], range = document.createRange();
while (walker.nextNode()) if (walker.currentNode.data.includes(shy)) nodes.push(walker.currentNode);
const measure = (node, start, end) => { range.setStart(node, start); range.setEnd(node, end); };
const lines = (node, start, end) => {
  measure(node, start, end);
  return range.getClientRects().length;
};
const box = (node, at) => { measure(node, at, at + 1); return range.getBoundingClientRect(); };
// A new line goes down, or (the first letter after a soft hyphen may still report the line
// above's top) back to the left.
const broken = (before, after) => after.top > before.top + 1 || after.left < before.left - 1;
const plans = nodes.map((node) => {
  const breaks = new Set();
  for (const word of node.data.matchAll(/\S*\u00ad\S*/g)) {
    if (lines(node, word.index, word.index + word[0].length) < 2) continue;
    for (let at = word.index; at < word.index + word[0].length; at++) {
      if (node.data[at] === shy && broken(box(node, at - 1), box(node, at + 1))) breaks.add(at);
    }
  }
  return [node, breaks];
});
for (const [node, breaks] of plans) {
  const pieces = document.createDocumentFragment();
  let text = "";
  for (let at = 0; at < node.data.length; at++) {
    if (node.data[at] !== shy) text += node.data[at];
    else if (breaks.has(at)) { pieces.append(text + "-", document.createElement("br")); text = ""; }
  }
  pieces.append(text);
  node.replaceWith(pieces);
}
}"""
# Page breaks, planned on the screen's layout (the paper's is the same: as wide, the same
# fonts) and forced, so that Chromium never breaks a table by itself: it draws a rowspan over
# a page break wrongly (the part on the next page too short, the cells beside it unruled),
# and a row broken over pages loses the ruling of cells that ended on an earlier page. A row
# that does not fit goes to the next page, its rowspans split there; one taller than a page
# (or any, with data-split-rows) is split into two rows at the foot of the page, each cell's
# lines below it moved to the second row, as Word draws a row that breaks over pages.
_PAGINATE = r"""{
const body = document.body, pageHeight = body.dataset.pageHeightMm * 96 / 25.4 - 4;
const splitRows = "splitRows" in body.dataset, range = document.createRange();
const top = (el) => el.getBoundingClientRect().top - parseFloat(getComputedStyle(el).marginTop);
let pageTop = 0;
const breakBefore = (el, head) => { el.style.breakBefore = "page"; pageTop = top(el) - head; };
// The cell covering each column of row k and the row it starts in (merged cells lead a row).
const covering = (rows, k, width) => {
  const found = [];
  for (let j = 0; j <= k; j++) {
    const cells = rows[j].cells;
    for (let i = 0; i < cells.length; i++) {
      if (j + cells[i].rowSpan > k) found[width - cells.length + i] = [cells[i], j];
    }
  }
  return found;
};
const cutBefore = (rows, k, width) => {
  let index = 0;
  for (const [cell, j] of covering(rows, k, width)) {
    if (j === k) continue;
    rows[k].insertCell(index++).rowSpan = j + cell.rowSpan - k;
    cell.rowSpan = k - j;
  }
};
// Move the lines of a cell that reach below y (a glyph's box ends above its line's, and the
// cell has padding: 14 px to spare) to the cell that goes on on the next page.
const moveBelow = (cell, end, rest) => {
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT), y = end - 14;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    range.selectNodeContents(node);
    if (range.getBoundingClientRect().bottom <= y) continue;
    for (let at = 0; at < node.data.length; at++) {
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      if (range.getBoundingClientRect().bottom <= y) continue;
      const block = node.parentElement.closest("p, li");
      range.setEndAfter(cell.lastChild);
      rest.append(range.extractContents());
      if (block && block.textContent.trim()) rest.querySelector("li")?.classList.add("cont");
      for (const empty of cell.querySelectorAll("p:empty, li:empty, ul:empty")) empty.remove();
      return;
    }
  }
};
const splitRow = (rows, k, y, width) => {
  const next = rows[k].parentNode.insertRow(rows[k].sectionRowIndex + 1);
  for (const [cell, j] of covering(rows, k, width)) {
    const rest = next.insertCell();
    rest.rowSpan = j + cell.rowSpan - k;
    cell.rowSpan = k - j + 1;
    moveBelow(cell, y, rest);
  }
  rows.splice(k + 1, 0, next);
};
const paginate = (table) => {
  const rows = [...table.tBodies[0].rows], width = table.querySelectorAll("col").length;
  const head = table.tHead ? table.tHead.getBoundingClientRect().height : 0;
  const before = table.previousElementSibling, board = before?.matches("p.board") ? before : table;
  for (let k = 0; k < rows.length; k++) {
    const box = rows[k].getBoundingClientRect(), end = pageTop + pageHeight;
    if (box.bottom <= end) continue;
    const first = k === 0 ? board : rows[k], atTop = top(first) - (k ? head : 0) - pageTop < 2;
    const fits = box.height + head <= pageHeight;
    if (!atTop && ((fits && !splitRows) || box.top > end - 30)) {
      if (k) cutBefore(rows, k, width);
      breakBefore(first, k ? head : 0);
      k--;
      continue;
    }
    splitRow(rows, k, end, width);
    breakBefore(rows[k + 1], head);
  }
};
for (const block of [...body.children]) {
  if (block.tagName === "SCRIPT") continue;
  if (getComputedStyle(block).breakBefore === "page") pageTop = top(block);
  if (block.tagName === "TABLE") paginate(block);
  else if (block.getBoundingClientRect().bottom > pageTop + pageHeight) breakBefore(block, 0);
}
}"""
_LETTERS = re.compile(r"[A-Za-zÅÄÖåäö]+")


def write_html(
    programme: Programme, path: Path, variant: PdfVariant | str = PdfVariant.PLAIN
) -> None:
    """Write the programme as a self-contained HTML page to print (see PdfVariant)."""
    path.write_text(render_html(programme, PdfVariant(variant)), "utf-8")


def render_html(programme: Programme, variant: PdfVariant) -> str:
    """The programme as one HTML page: no network; its scripts hyphenate and paginate."""
    layout = _LAYOUTS.get(variant, _Layout())
    body = []
    if programme.title:
        body.append(f'<p class="title">{_escape(programme.title).replace(chr(10), "<br>")}</p>')
    for block in programme.blocks:
        if isinstance(block, Heading):
            level = min(block.level, 2)
            body.append(f"<h{level}>{_escape(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            body.append(f'<p class="board">{_escape(block.text)}</p>')
        else:
            body.append(_html_table(block, variant, layout))
    if layout.materialise:
        body.append(f"<script>{_MATERIALISE_HYPHENS}</script>")
    body.append(f"<script>{_PAGINATE}</script>")
    title = _escape((programme.title or "Toimenpideohjelma").replace("\n", " "))
    sizes = f"html {{ font-size: {layout.font_pt}pt; }} table {{ width: {layout.table_mm}mm; }}"
    return (
        f'<!DOCTYPE html>\n<html lang="fi">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>'
        f"\n<style>{_CSS}{sizes}\n{layout.css}</style>\n</head>\n"
        f'<body data-page-height-mm="{PAGE_HEIGHT_MM}"{" data-split-rows" * layout.split_rows}>\n'
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _html_table(table: Table, variant: PdfVariant, layout: _Layout) -> str:
    """A table: a colgroup, the header row in a thead, rowspans for merged cells."""
    shares = column_shares(table)
    widths = [layout.column_em(share) for share in shares]
    cols = "".join(f'<col style="width:{share:.2%}">' for share in shares)
    opening = "<table>" if table.header else '<table class="continued">'
    parts = [f"{opening}\n<colgroup>{cols}</colgroup>"]
    if table.header:
        labels = zip(table.header, widths, strict=True)
        parts.append("<thead><tr>")
        parts.append("".join(f"<th>{_hyphenated(text, w, layout)}</th>" for text, w in labels))
        parts.append("</tr></thead>")
    parts.append("<tbody>")
    for row, row_spans in zip(table.rows, spans(table), strict=True):
        cells = [
            _html_cell(cell, span, variant, _hyphenator(width, layout))
            for cell, span, width in zip(row, row_spans, widths, strict=True)
            if span
        ]
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</tbody>\n</table>")
    return "\n".join(parts)


def _html_cell(cell: Cell, span: int, variant: PdfVariant, hyphenate: Callable[[str], str]) -> str:
    """One td: its lines as paragraphs, or a list's as <li> in the bullets variant."""
    html_lines = []
    in_list = False
    for text, listed in cell_lines(cell):
        bullet = listed and variant is PdfVariant.BULLETS
        if bullet != in_list:
            html_lines.append("<ul>" if bullet else "</ul>")
            in_list = bullet
        shown = hyphenate(_MARKER.sub("", text) if bullet else text)
        html_lines.append(f"<li>{shown}</li>" if bullet else f"<p>{shown}</p>")
    if in_list:
        html_lines.append("</ul>")
    content = "".join(html_lines)
    if cell.bold:
        content = content.replace("<p>", "<p><b>").replace("</p>", "</b></p>")
    rowspan = f' rowspan="{span}"' if span > 1 else ""
    return f"<td{rowspan}>{content}</td>"


def _hyphenator(width_em: float, layout: _Layout) -> Callable[[str], str]:
    return lambda text: _hyphenated(text, width_em, layout)


def _hyphenated(text: str, width_em: float, layout: _Layout) -> str:
    """Escaped text, a soft hyphen at each syllable break of its long words: those of
    ``layout.hyphenate`` letters or more, or (with 0) those wider than the column."""

    def soft_hyphens(match: re.Match[str]) -> str:
        word = match.group()
        if len(word) < (layout.hyphenate or 5):
            return word
        cuts = [0, *syllable_breaks(word), len(word)]
        return "\u00ad".join(word[start:end] for start, end in itertools.pairwise(cuts))

    words = re.split(r"(\s+)", _escape(text))
    return "".join(
        _LETTERS.sub(soft_hyphens, word) if layout.hyphenate or _em(word) > width_em else word
        for word in words
    )


class RenderError(RuntimeError):
    """Chromium is missing or did not print the page."""


def chromium_path() -> str | None:
    """Debian's chromium, if installed."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and Path("/usr/bin/chromium").is_file():
        found = "/usr/bin/chromium"
    return found


def write_pdf(
    programme: Programme, path: Path, variant: PdfVariant | str = PdfVariant.PLAIN
) -> None:
    """Print the programme's HTML (write_html) to a PDF with headless Chromium."""
    with tempfile.TemporaryDirectory(prefix="render-pdf-") as tmp:
        page = Path(tmp) / "programme.html"
        write_html(programme, page, variant)
        print_pdf(page, path, Path(tmp) / "profile")


def print_pdf(page: Path, pdf: Path, profile: Path) -> None:
    """Print an HTML file to a PDF: no browser header or footer, a fresh profile, no network."""
    executable = chromium_path()
    if executable is None:
        raise RenderError("no chromium on PATH (apt-get install chromium)")
    pdf.unlink(missing_ok=True)
    command = [
        executable,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--font-render-hinting=none",
        f"--user-data-dir={profile}",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf.resolve()}",
        page.resolve().as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        raise RenderError(f"chromium did not print {page}: {done.stderr[-2000:]}")


def soffice_path() -> str | None:
    """LibreOffice's soffice, if installed (it is not a dependency of the tests)."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: Path, pdf: Path) -> None:
    """Optional: print a .docx to PDF with LibreOffice (apt-get install
    libreoffice-writer-nogui), as a city prints its Word file: rows broken over pages are
    ruled on both, list bullets come out as the Symbol font's U+F0B7, and a tracked change is
    printed as markup (the deleted text struck through). Tests skip it without soffice_path()."""
    executable = soffice_path()
    if executable is None:
        raise RenderError("no soffice on PATH (apt-get install libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory(prefix="render-lo-") as tmp:
        profile = (Path(tmp) / "profile").as_uri()
        command = [executable, "--headless", "--norestore", f"-env:UserInstallation={profile}"]
        command += ["--convert-to", "pdf", "--outdir", tmp, str(docx.resolve())]
        done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
        made = Path(tmp) / f"{docx.stem}.pdf"
        if done.returncode != 0 or not made.is_file():
            raise RenderError(f"soffice did not print {docx}: {done.stderr[-2000:]}")
        shutil.move(made, pdf)


# --- the command line ------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    """``render.py SRC.txt OUTDIR``: every Word and PDF variant of the document, for people."""
    if len(argv) != 2:
        print(__doc__.split("\n\n")[0] + "\nusage: render.py SRC.txt OUTDIR", file=sys.stderr)
        return 2
    source, out = Path(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    programme = programme_from_text(source)
    print(f"{source}: {len(programme.tables)} tables, {len(programme.rows)} rows")
    for docx_variant in DocxVariant:
        started, target = time.perf_counter(), out / f"{source.stem}.{docx_variant}.docx"
        injections = write_docx(programme, target, docx_variant)
        if injections:
            listing = json.dumps([asdict(i) for i in injections], ensure_ascii=False, indent=1)
            target.with_suffix(".injections.json").write_text(listing + "\n", "utf-8")
        if soffice_path() is not None:  # optional: the Word file as LibreOffice prints it
            docx_to_pdf(target, target.with_suffix(".docx.pdf"))
        print(f"{target}  {time.perf_counter() - started:.2f} s")
    for pdf_variant in PdfVariant:
        started, target = time.perf_counter(), out / f"{source.stem}.{pdf_variant}.pdf"
        write_html(programme, target.with_suffix(".html"), pdf_variant)
        if chromium_path() is not None:
            write_pdf(programme, target, pdf_variant)
        print(f"{target.with_suffix('.*')}  {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
