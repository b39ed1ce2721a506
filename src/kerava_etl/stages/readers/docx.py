"""Word (.docx): the document's body, in order, as lines of the text format.

python-docx opens the package (its parts and relationships, the styles); the body's XML
is walked here, so nothing Word keeps is lost to a simpler model:

- a paragraph in a Heading style (or with an outline level) is a page heading, any other
  paragraph a text line (the one before a table is its board line, to the parser);
- a table is its rows: a cell spanning columns (``gridSpan``) is followed by empty cells, a
  cell that continues a vertical merge (``vMerge``) is empty, so the parser's merged-row
  rule fills it from the row above, as it does for the PDF's text;
- in a cell, each paragraph is an item, a numbered or bulleted paragraph (``numPr``, on the
  paragraph or its style) a list item, and a line break (``w:br``, ``w:cr``) ends an item;
- tracked changes read as accepted: deleted text (``w:del``, ``w:moveFrom``, a deleted
  row) is skipped, inserted text kept; a deleted paragraph mark joins its paragraph to the
  next; hyperlinks, content controls (``w:sdt``), smart tags and simple fields keep their
  text, a field's instructions are skipped;
- the non-breaking hyphen is U+2011 and the soft hyphen U+00AD (the cell reader folds
  them), a symbol character (``w:sym``) the character its font puts there, a tab a space.

Headers, footers, footnotes, comments and drawings are not the programme's text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from kerava_etl.errors import KeravaError
from kerava_etl.stages.readers import textformat

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|otsikko|rubrik)\s*(\d)$", re.IGNORECASE)
# Containers whose children are read in their place: content controls, smart tags, custom
# XML, fields, hyperlinks, inserted and moved-to text.
_TRANSPARENT = frozenset(
    _W + name
    for name in (
        *("sdt", "sdtContent", "smartTag", "customXml", "fldSimple", "hyperlink"),
        *("ins", "moveTo", "dir", "bdo"),
    )
)
# What is never the document's text: deleted and moved-away text, a field's instructions,
# drawings and objects, a content control's properties.
_SKIPPED = frozenset(
    _W + name
    for name in (
        *("del", "moveFrom", "instrText", "delInstrText", "drawing", "pict", "object"),
        *("sdtPr", "sdtEndPr", "rPr", "pPr", "tblPr", "tblGrid", "trPr", "tcPr"),
    )
)
_BREAK_TAGS = frozenset({_W + "br", _W + "cr"})


@dataclass
class _Paragraph:
    """A paragraph read: its lines (a line break ends one), and what kind it is."""

    lines: list[str] = field(default_factory=lambda: [""])
    listed: bool = False  # numbered or bulleted
    heading: int = 0  # its outline level + 1; 0: no heading
    mark_deleted: bool = False  # its paragraph mark is a tracked deletion: joins the next


def read_docx(name: str, data: bytes) -> list[str]:
    """The lines of the text format a Word file's body gives (pure: bytes in)."""
    document = _open(name, data)
    styles = _Styles(document)
    lines: list[str] = []
    for kind, element in _blocks(document.element.body):
        if kind == "table":
            lines += _table_lines(element, styles)
        else:
            lines += _paragraph_lines([_paragraph(element, styles)])
    return lines


def _open(name: str, data: bytes) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise KeravaError(
            f"not a Word document that can be read ({type(exc).__name__}: {exc}); open it in "
            "Word and save it again as .docx",
            file=name,
        ) from None


def _blocks(parent: Any) -> Iterator[tuple[str, Any]]:
    """The paragraphs and tables of a body or a cell, in order, content controls opened."""
    for child in parent:
        if child.tag == _W + "p":
            yield "paragraph", child
        elif child.tag == _W + "tbl":
            yield "table", child
        elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            yield from _blocks(child)


class _Styles:
    """What a paragraph's style says: a heading level, a list (through ``basedOn`` too)."""

    def __init__(self, document: Any) -> None:
        self._by_id: dict[str, Any] = {}
        element = document.styles.element
        for style in element.iter(_W + "style"):
            self._by_id[style.get(_W + "styleId") or ""] = style

    def heading(self, style_id: str | None) -> int:
        for style in self._chain(style_id):
            outline = style.find(f"{_W}pPr/{_W}outlineLvl")
            if outline is not None and (level := _int(outline.get(_W + "val"))) is not None:
                return level + 1 if level < 9 else 0
            name = style.find(_W + "name")
            found = _HEADING_STYLE.match((name.get(_W + "val") or "") if name is not None else "")
            if found:
                return int(found.group(1))
        return 0

    def listed(self, style_id: str | None) -> bool:
        for style in self._chain(style_id):
            number = style.find(f"{_W}pPr/{_W}numPr/{_W}numId")
            if number is not None:
                return number.get(_W + "val") not in (None, "0")
        return False

    def _chain(self, style_id: str | None) -> Iterator[Any]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self._by_id:
            seen.add(style_id)
            style = self._by_id[style_id]
            yield style
            based = style.find(_W + "basedOn")
            style_id = based.get(_W + "val") if based is not None else None


def _int(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None


def _paragraph(element: Any, styles: _Styles) -> _Paragraph:
    """A paragraph's text (its lines), list and heading, as the properties say."""
    properties = element.find(_W + "pPr")
    style_id, listed, heading = None, None, 0
    mark_deleted = False
    if properties is not None:
        style = properties.find(_W + "pStyle")
        style_id = style.get(_W + "val") if style is not None else None
        number = properties.find(f"{_W}numPr/{_W}numId")
        if number is not None:
            listed = number.get(_W + "val") not in (None, "0")
        outline = properties.find(_W + "outlineLvl")
        if outline is not None and (level := _int(outline.get(_W + "val"))) is not None:
            heading = level + 1 if level < 9 else 0
        mark_deleted = properties.find(f"{_W}rPr/{_W}del") is not None
    paragraph = _Paragraph(
        listed=styles.listed(style_id) if listed is None else listed,
        heading=heading or styles.heading(style_id),
        mark_deleted=mark_deleted,
    )
    _read_runs(element, paragraph)
    return paragraph


def _read_runs(element: Any, paragraph: _Paragraph) -> None:
    """The text of a paragraph's runs, in order, into its lines."""
    for child in element:
        tag = child.tag
        if tag in _SKIPPED:
            continue
        if tag in _TRANSPARENT or tag == _W + "r":
            _read_runs(child, paragraph)
        elif tag == _W + "t":
            paragraph.lines[-1] += child.text or ""
        elif tag in _BREAK_TAGS:
            paragraph.lines.append("")
        else:
            paragraph.lines[-1] += _character(child)


def _character(element: Any) -> str:
    """The text a run's special element stands for ('' for anything else)."""
    tag = element.tag
    if tag == _W + "tab" or tag == _W + "ptab":
        return " "
    if tag == _W + "noBreakHyphen":
        return "\u2011"
    if tag == _W + "softHyphen":
        return "\u00ad"
    if tag == _W + "sym":
        code = element.get(_W + "char") or ""
        try:
            return chr(int(code, 16))
        except ValueError:
            return ""
    return ""


def _joined(paragraphs: list[_Paragraph]) -> list[_Paragraph]:
    """Paragraphs whose paragraph mark was deleted (a tracked change), joined to the next,
    as the document reads once the change is accepted."""
    joined: list[_Paragraph] = []
    carry: _Paragraph | None = None
    for paragraph in paragraphs:
        if carry is not None:
            carry.lines[-1] += paragraph.lines[0]
            carry.lines += paragraph.lines[1:]
            carry.mark_deleted = paragraph.mark_deleted
            paragraph = carry
        if paragraph.mark_deleted:
            carry = paragraph
            continue
        carry = None
        joined.append(paragraph)
    if carry is not None:
        joined.append(carry)
    return joined


def _paragraph_lines(paragraphs: list[_Paragraph]) -> list[str]:
    """Paragraphs outside a table as lines: a heading, or a text line per line of it."""
    lines: list[str] = []
    for paragraph in _joined(paragraphs):
        texts = [textformat.one_line(text) for text in paragraph.lines]
        if paragraph.heading:
            lines.append(textformat.heading(" ".join(t for t in texts if t), paragraph.heading))
        else:
            lines += [text for text in texts if text] or [""]
    return lines


def _table_lines(table: Any, styles: _Styles) -> list[str]:
    """A table as rows of the text format, one per row that is not a deleted one."""
    lines = []
    for row in _children(table, "tr"):
        properties = row.find(_W + "trPr")
        if properties is not None and properties.find(_W + "del") is not None:
            continue  # a row deleted as a tracked change
        lines.append(textformat.row(_row_cells(row, styles)))
    return lines


def _children(element: Any, name: str) -> Iterator[Any]:
    """``element``'s children named ``name`` (``tr``, ``tc``), content controls opened."""
    for child in element:
        if child.tag == _W + name:
            yield child
        elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            yield from _children(child, name)


def _row_cells(row: Any, styles: _Styles) -> list[str]:
    """A row's cells, one per grid column: a spanning cell then empty ones, a cell that
    continues a vertical merge marked so, the grid columns a row skips empty."""
    properties = row.find(_W + "trPr")
    before = _grid_skip(properties, "gridBefore")
    cells = [""] * before
    for cell in _children(row, "tc"):
        span, merged = _cell_layout(cell)
        cells.append(textformat.MERGED if merged else _cell_text(cell, styles))
        cells += [""] * (span - 1)
    return cells + [""] * _grid_skip(properties, "gridAfter")


def _grid_skip(properties: Any, name: str) -> int:
    if properties is None:
        return 0
    skip = properties.find(_W + name)
    return (_int(skip.get(_W + "val")) or 0) if skip is not None else 0


def _cell_layout(cell: Any) -> tuple[int, bool]:
    """How many grid columns a cell spans, and whether it continues a vertical merge."""
    properties = cell.find(_W + "tcPr")
    if properties is None:
        return 1, False
    span = properties.find(_W + "gridSpan")
    merge = properties.find(_W + "vMerge")
    columns = (_int(span.get(_W + "val")) or 1) if span is not None else 1
    continues = merge is not None and merge.get(_W + "val") in (None, "continue")
    return max(columns, 1), continues


def _cell_text(cell: Any, styles: _Styles) -> str:
    """A cell's items as one cell of the text format (a table inside it read as items)."""
    items: list[str] = []
    listed: list[bool] = []
    for paragraph in _joined(list(_cell_paragraphs(cell, styles))):
        for text in paragraph.lines:
            items.append(text)
            listed.append(paragraph.listed)
    return textformat.cell(items, listed=listed)


def _cell_paragraphs(parent: Any, styles: _Styles) -> Iterator[_Paragraph]:
    for kind, element in _blocks(parent):
        if kind == "paragraph":
            yield _paragraph(element, styles)
        else:  # a table in the cell: its cells' paragraphs, in order
            for row in _children(element, "tr"):
                for cell in _children(row, "tc"):
                    yield from _cell_paragraphs(cell, styles)
