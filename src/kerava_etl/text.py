"""Cell text: one normalisation for every cell, and the list-splitting rules.

A cell of the document is plain text or an HTML fragment. :func:`cell_items` turns either
into a tuple of clean items; list fields keep the items, text fields join them with ``\\n``.
An item boundary is (README, "How cells become lists"):

- an HTML block: ``<p>``, ``<li>``, ``<div>``, ``<br>``, and the text before a ``<ul>``/``<ol>``;
- a run of two or more spaces (the PDF's line break in plain-text cells);
- an inline bullet ``- a - b`` (the cell starts with the marker, or it follows a colon);
- a numbered list at the start of a segment: ``1. a 2. b``, ``1 a 2 b`` or ``1) a 2) b``.

Inside an item: entities decoded, tags removed (``script``/``style`` with their content),
odd spaces folded, a leading bullet marker dropped, PDF hyphenation rejoined, NFC.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kerava_etl.hyphenation import rejoin_hyphenation

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "br",
        "tr",
        "td",
        "th",
        "table",
        "thead",
        "tbody",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "pre",
        "hr",
    ]
)
_DROPPED_TAGS = frozenset(
    [
        "script",
        "style",
        "template",
        "noscript",
        "head",
        "title",
        "iframe",
        "object",
        "textarea",
        "xmp",
        "plaintext",
    ]
)

# Zero-width characters and the soft hyphen vanish; other space-like characters become " "
# (so a non-breaking space beside a space is a line break, as two spaces are); the
# non-breaking hyphen becomes "-".
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_ODD_SPACE = re.compile(r"[^\S ]|[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
# Characters XML (so lxml) cannot hold: C0 controls but for tab and line breaks, DEL,
# lone surrogates, and the non-characters U+FFFE/U+FFFF. Vertical tab and form feed are
# spaces; the rest vanish.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_VERTICAL_SPACE = re.compile("[\x0b\x0c]")
# What HTML parses as a tag ("<0>" is text), closed or running to the end.
_TAG = re.compile(r"<[A-Za-z/!?][^>]*(?:>|$)")
_BLOCK_TAG = re.compile(
    r"</?(?:" + "|".join(sorted(_BLOCK_TAGS)) + r")\b[^>]*(?:>|$)", re.IGNORECASE
)
_DEEP_FRAGMENT_TAGS = 255  # libxml2's nesting limit is about this deep
# Elements whose content is code or raw text, dropped whole (to their end tag, or the end).
_RAW_TEXT_ELEMENT = re.compile(
    r"<(script|style|template|noscript|iframe|object|textarea|xmp|plaintext|title)\b[^>]*>"
    r".*?(?:</\1\s*>|$)",
    re.IGNORECASE | re.DOTALL,
)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)(?:\]\]>|$)", re.DOTALL)
_SCRIPT_URL = re.compile(r"\b(?:javascript|vbscript):\S*", re.IGNORECASE)
_LINE_BREAK = re.compile(r" {2,}")
_SPACES = re.compile(r" +")
# "•" is never text, even glued to it; "-" and "*" only with a space ("-kyvyn" is a word).
_LEADING_BULLET = re.compile(r"^(?:[•·▪]\s*|[-–*](?:\s+|$))+")
_INLINE_BULLET = re.compile(r"(?:^|\s)[-•]\s+")
_NUMBER_MARK = re.compile(r"(?:^|(?<=\s))(\d{1,6})[.)]?\s+")


@dataclass(frozen=True)
class CellText:
    """A cleaned cell: its items, and whether a PDF-hyphenated word was rejoined."""

    items: tuple[str, ...]
    rejoined: bool = False

    def joined(self) -> str | None:
        """The items as one text, one item per line; ``None`` for an empty cell."""
        return "\n".join(self.items) or None


@lru_cache(maxsize=1 << 16)
def cell_items(raw: str) -> CellText:
    """Split one raw cell into clean items (see the module docstring for the rules).

    Pure, so memoised: cells repeat within and across programmes ("1. hr 2. johto ...").
    """
    raw = _VERTICAL_SPACE.sub(" ", _CONTROL.sub("", _INVISIBLE.sub("", raw)))
    if "<" in raw:
        segments: list[str] = _html_segments(raw)
    else:
        segments = [scrub_markup(html.unescape(raw) if "&" in raw else raw)]
    items: list[str] = []
    rejoined = False
    for segment in segments:
        for piece in _split_segment(segment):
            item, changed = clean_text(piece)
            if item:
                items.append(item)
                rejoined |= changed
    return CellText(tuple(items), rejoined)


def clean_text(text: str) -> tuple[str, bool]:
    """Normalise one piece of plain text; return it and whether hyphenation was rejoined."""
    text = _SPACES.sub(" ", _fold_odd_spaces(text)).strip()
    text = _LEADING_BULLET.sub("", text)
    text, rejoined = rejoin_hyphenation(text)
    return unicodedata.normalize("NFC", text), rejoined


@lru_cache(maxsize=1 << 14)
def plain_label(cell: str) -> str:
    """A short label's text (a board line, a column label, a heading), cleaned like a cell
    but never split: tags and entities resolved, odd characters folded, spaces folded, NFC."""
    if "<" in cell or "&" in cell:
        cell = scrub_markup(html.unescape(scrub_markup(cell)))
    return unicodedata.normalize("NFC", " ".join(_fold_odd_spaces(cell).split()))


def _fold_odd_spaces(text: str) -> str:
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    return _ODD_SPACE.sub(" ", text).replace("\u2011", "-")


def _split_segment(segment: str) -> Iterator[str]:
    for line in _LINE_BREAK.split(_fold_odd_spaces(segment).strip()):
        for piece in _split_inline_bullets(line):
            yield from _split_numbered(piece.strip())


def _split_inline_bullets(line: str) -> list[str]:
    """``- a - b`` -> ``[a, b]`` when the line starts with the marker or it follows a colon.

    A spaced dash between two numbers (``2018 - 2021``) is a range, never a marker.
    """
    markers = [m for m in _INLINE_BULLET.finditer(line) if not _is_range(line, m)]
    if not markers:
        return [line]
    first = markers[0]
    if first.start() != 0 and not line[: first.start()].rstrip().endswith(":"):
        return [line]
    starts = [0] + [m.end() for m in markers]
    ends = [m.start() for m in markers] + [len(line)]
    return [line[a:b] for a, b in zip(starts, ends, strict=True)]


def _is_range(line: str, marker: re.Match[str]) -> bool:
    before = line[: marker.start()].rstrip()
    return bool(before) and before[-1].isdigit() and line[marker.end() : marker.end() + 1].isdigit()


def _split_numbered(piece: str) -> list[str]:
    """``1. a 2. b 3. c`` -> ``[a, b, c]``; anything else is one item.

    The list must start the piece with 1; each next marker is the next number, found by
    one scan over every number-like marker (linear, whatever the piece holds).
    """
    if not piece.startswith("1"):
        return [piece]
    bounds: list[tuple[int, int]] = []
    for mark in _NUMBER_MARK.finditer(piece):
        if int(mark.group(1)) == len(bounds) + 1 and (bounds or mark.start() == 0):
            bounds.append(mark.span())
    if len(bounds) < 2:
        return [piece]
    ends = [b[0] for b in bounds[1:]] + [len(piece)]
    return [piece[b[1] : end] for b, end in zip(bounds, ends, strict=True)]


def _html_segments(fragment: str) -> list[str]:
    """Text of an HTML fragment, cut at block boundaries; dropped tags vanish entirely.

    Whatever markup the text itself still spells out once entities are decoded
    (``&lt;script&gt;``) is scrubbed too: no output ever holds a tag. A fragment lxml
    cannot parse, or nests deeper than its parser follows, is read by regular expressions.
    """
    from lxml import etree

    # Code is dropped before parsing too: lxml reads CDATA as a bogus comment that ends at
    # the first ">", which would let a <script> inside it through.
    fragment = _CDATA.sub(r"\1", _RAW_TEXT_ELEMENT.sub("", fragment))
    try:
        root = _html_parser_fragment(fragment)
    except (ValueError, etree.ParserError):  # what lxml cannot parse is text
        return _regex_segments(fragment)
    segments: list[str] = []
    buffer: list[str] = []
    for text in _walk(root):
        if text is not None:
            buffer.append(text)
        elif buffer:
            segments.append(scrub_markup("".join(buffer)))
            buffer = []
    if buffer:
        segments.append(scrub_markup("".join(buffer)))
    if fragment.count("<") > _DEEP_FRAGMENT_TAGS:  # lxml may have stopped at its depth limit
        fallback = _regex_segments(fragment)
        if _letters(fallback) > _letters(segments):
            return fallback
    return segments


def _regex_segments(fragment: str) -> list[str]:
    """The same reading as :func:`_html_segments`, by regular expressions only."""
    parts = _BLOCK_TAG.split(_RAW_TEXT_ELEMENT.sub("", fragment))
    return [scrub_markup(html.unescape(scrub_markup(part))) for part in parts]


def _letters(segments: list[str]) -> int:
    return sum(1 for segment in segments for ch in segment if ch.isalnum())


def _html_parser_fragment(fragment: str) -> Any:
    from lxml import html as lxml_html  # lazy: keeps `kerava-etl --help` fast

    global _PARSER
    if _PARSER is None:  # huge_tree: no depth limit, so deep nesting loses no text
        _PARSER = lxml_html.HTMLParser(huge_tree=True)
    return lxml_html.fragment_fromstring(fragment, create_parent="div", parser=_PARSER)


_PARSER: Any = None


def _walk(root: Any) -> Iterator[str | None]:
    """The text of ``root`` in document order, ``None`` at each block boundary.

    Iterative (lxml's ``iterwalk``), so nesting depth is no limit.
    """
    from lxml import etree

    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else None
        name = tag.lower() if tag else None
        if event == "start":
            if name in _DROPPED_TAGS:
                walker.skip_subtree()
                continue
            if name in _BLOCK_TAGS:
                yield None
            if element.text:
                yield element.text
        else:  # "end", or a comment / processing instruction (no text of its own)
            if event == "end" and name in _BLOCK_TAGS:
                yield None
            if element.tail and element is not root:
                yield element.tail


def scrub_markup(text: str) -> str:
    """Remove markup that text spells out: raw-text elements with their content, tags, and
    script URLs (``javascript:...``)."""
    if ":" in text:
        text = _SCRIPT_URL.sub("", text)
    if "<" not in text:
        return text
    return _TAG.sub(" ", _RAW_TEXT_ELEMENT.sub("", text))
