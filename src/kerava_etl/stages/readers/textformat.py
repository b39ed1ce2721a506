"""The text format every reader writes and the parser reads, both ways.

A programme is lines: ``# `` page headings, text lines (a board line, the title block),
and table rows whose cells are separated by tabs. A cell holds plain text, or HTML when it
has several items: ``<p>`` paragraphs, ``<ul><li>`` list items, ``<br>`` line breaks. A cell
``<!-- yhdistetty -->`` continues the merged cell above it. A line
``<!-- sivu N -->`` says that the lines after it are on page N of the PDF they were read
from; it is blank to the parser (a comment is no text), so ``source_line`` counts it.
This is what ``kerava-etl convert`` writes, and a build of it reads as the original does.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

PAGE_MARKER = re.compile(r"^<!-- sivu (\d{1,5}) -->$")
# A cell that continues the merged cell above it (Word's vMerge, a PDF's cell spanning rows),
# wherever it stands in its row; blank to the cell reader. (A row's *leading* empty cells
# continue the cells above without it, as the text of a PDF writes them.)
MERGED = "<!-- yhdistetty -->"
# A run of spaces of any kind, tabs and line breaks: one space in a cell or a text line
# (a tab or a line break would end it; two spaces are a line break to the cell reader).
_WHITESPACE_RUN = re.compile(r"\s+")


def page_marker(page: int) -> str:
    """The line that says the lines after it are on ``page``."""
    return f"<!-- sivu {page} -->"


def page_of(line: str) -> int | None:
    """The page a page-marker line names, or ``None`` for any other line."""
    found = PAGE_MARKER.match(line)
    return int(found.group(1)) if found else None


def heading(text: str, level: int = 1) -> str:
    """A page heading (``#`` to ``######``)."""
    return "#" * max(1, min(level, 6)) + " " + one_line(text)


def one_line(text: str) -> str:
    """Text as one line of a text line or a cell: every run of spaces, tabs and breaks one
    space."""
    return _WHITESPACE_RUN.sub(" ", text).strip()


def cell(items: Sequence[str], *, listed: Sequence[bool] | None = None) -> str:
    """A cell holding ``items``: the text itself for one plain item, else HTML, each item a
    paragraph, or a list item where ``listed`` says so (consecutive ones in one list). The
    text is escaped, so what it spells (``<``, ``&``) stays text."""
    texts = [one_line(item) for item in items]
    flags = list(listed) if listed is not None else [False] * len(texts)
    kept = [(text, flag) for text, flag in zip(texts, flags, strict=True) if text]
    if not kept:
        return ""
    if len(kept) == 1 and not kept[0][1]:
        text = kept[0][0]
        return html.escape(text, quote=False) if ("<" in text or "&" in text) else text
    parts: list[str] = []
    in_list = False
    for text, flag in kept:
        if flag != in_list:
            parts.append("<ul>" if flag else "</ul>")
            in_list = flag
        escaped = html.escape(text, quote=False)
        parts.append(f"<li>{escaped}</li>" if flag else f"<p>{escaped}</p>")
    if in_list:
        parts.append("</ul>")
    return "".join(parts)


def row(cells: Sequence[str]) -> str:
    """A table row: its cells (as :func:`cell` writes them) separated by tabs."""
    return "\t".join(cells)
