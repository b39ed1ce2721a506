"""Cell text: one normalisation for every cell, and the list-splitting rules.

A cell of the document is plain text or an HTML fragment. :class:`CellReader` turns either
into a tuple of clean items; list fields keep the items, text fields join them with ``\\n``.
An item boundary is (docs/reading.md, "How cells become lists"):

- an HTML block: ``<p>``, ``<li>``, ``<div>``, ``<br>``, and the text before a ``<ul>``/``<ol>``;
- a run of two or more spaces (the PDF's line break in plain-text cells);
- a bullet glyph (``•``, ``▪``, ``●``, ...), wherever it stands, even glued to its text;
- an inline dash bullet ``- a - b`` (also ``–`` and ``—``) when the cell starts with the
  marker or it follows a colon, and it is not a range between numbers (``2018 - 2021``);
- a numbered list at the start of a segment: ``1. a 2. b``, ``1 A 2 B 3 C`` or
  ``1) a 2) b`` (a number after a conjunction is text);
- a lettered list at the start of a segment: ``a) x b) y`` or ``a. x b. y`` (``A.`` is an
  initial).

Inside an item: entities decoded, tags removed (``script``/``style`` with their content),
odd spaces folded, a leading bullet marker dropped, PDF hyphenation rejoined, NFC.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kerava_etl.settings import DEFAULT_SETTINGS, ReadingSettings
from kerava_etl.text.hyphenation import Join, rejoin_hyphenation
from kerava_etl.text.lexicon import IsWord
from kerava_etl.text.markup import html_segments, new_parser, scrub_markup, unescape
from kerava_etl.text.words import (
    BULLET_GLYPHS,
    CONJUNCTION,
    CONJUNCTIONS,
    DASHES,
    ODD_SPACE,
)

# Zero-width and format characters vanish: zero-width spaces and joiners, the word joiner,
# the byte-order mark, the combining grapheme joiner, the invisible operators, and the
# direction marks, embeddings and isolates (Word puts them around names), and the soft
# hyphen inside a word. A soft hyphen before a space or line break marks where the PDF
# broke a line: before a small letter it is read as a hyphen, and the rules of PDF
# hyphenation decide
# ("Kaupunki\u00ad suunnittelu" is "Kaupunkisuunnittelu", "Liikenne\u00ad ja" stays).
# Other space-like characters become " " (so a non-breaking space beside a space is a line
# break, as two spaces are); the non-breaking hyphen becomes "-".
_SOFT_BREAK = re.compile("\u00ad(?=(?:\\s|<br\\s*/?>)+(.))", re.IGNORECASE)
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)
# Characters XML (so lxml) cannot hold: C0 controls but for tab and line breaks, DEL,
# lone surrogates, and the non-characters U+FFFE/U+FFFF. Vertical tab and form feed are
# spaces; the rest vanish.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_VERTICAL_SPACE = re.compile("[\x0b\x0c]")
# C1 controls (U+0080-U+009F) are never text: they are Windows-1252 characters decoded as
# Latin-1 somewhere before the document was written ("2022\x962023" for "2022–2023").
# Each is read as the character it stood for (the five bytes Windows-1252 leaves
# undefined vanish); in a cell, that is a repair, flagged.
_C1_CONTROL = re.compile("[\x80-\x9f]")
_LINE_BREAK = re.compile(r" {2,}")
_SPACES = re.compile(r" +")
# A bullet glyph is never text: it starts an item wherever it stands, even glued to the
# item's text ("•A •B"); a middle dot only with a space before it ("klo 9·00" is a time).
_GLYPHS = BULLET_GLYPHS
_GLYPH_BULLET = re.compile(rf"\s*(?:[{_GLYPHS}]|(?:^|(?<=\s))·)\s*")
# A dash ("-", en dash, em dash), "*" or a check mark is a bullet only with a space after
# it ("-kyvyn" is a word, "valmis ✓" is text), and inside a line only where a list starts
# (a dash or a check mark, see _split_inline_bullets).
_LEADING_BULLET = re.compile(rf"^(?:[{_GLYPHS}·]\s*|[{DASHES}*✓✔](?:\s+|$))+")
_INLINE_BULLET = re.compile(rf"(?:^|\s)[{DASHES}✓✔]\s+")
# A list number: not one followed by more digits ("1 500 varausta") or a conjunction
# ("1. ja 2. luokka"), which are text.
_NUMBER_MARK = re.compile(rf"(?:^|(?<=\s))(\d{{1,6}})[.)]?\s+(?!\d|{CONJUNCTION}\b)")
# An item ending in a word half and a hyphen, and one starting with a word (see across_break).
_BROKEN_AT_END = re.compile(r"(?<![\w-])\w+-$")
_WORD_AT_START = re.compile(r"[^\W\d_]\w*")
_LETTER_MARK = re.compile(r"(?:^|(?<=\s))([a-zA-Z])[.)]\s+")


@dataclass(frozen=True)
class CellText:
    """A cleaned cell: its items, the words broken by PDF hyphenation that were rejoined
    (each as written and as joined), and the C1 controls read as Windows-1252."""

    items: tuple[str, ...]
    rejoined: tuple[Join, ...] = ()
    recoded: tuple[Join, ...] = ()  # C1 controls read as Windows-1252: ("U+0096", "–")
    text: str | None = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", "\n".join(self.items) or None)

    def joined(self) -> str | None:
        """The items as one text, one item per line; ``None`` for an empty cell."""
        return self.text


class CellReader:
    """Reads raw cells into :class:`CellText`, with ``is_word`` (the Finnish lexicon)
    deciding PDF hyphenation.

    Each reading is kept: a cell's text depends only on the cell and the lexicon, and cells
    repeat within and across programmes ("1. hr 2. johto ...").
    """

    def __init__(
        self, is_word: IsWord | None, settings: ReadingSettings = DEFAULT_SETTINGS
    ) -> None:
        self._is_word = is_word
        self._settings = settings
        self._parser: Any = None
        self._read: dict[str, CellText] = {}

    def __call__(self, raw: str) -> CellText:
        """Split one raw cell into clean items (see the module docstring for the rules)."""
        found = self._read.get(raw)
        if found is None:
            found = self._read[raw] = self._items(raw)
        return found

    def _items(self, raw: str) -> CellText:
        recoded = tuple(dict.fromkeys(_recoding(ch) for ch in _C1_CONTROL.findall(raw)))
        raw = _SOFT_BREAK.sub(_soft_break, _recode_c1(raw))
        raw = _VERTICAL_SPACE.sub(" ", _CONTROL.sub("", _INVISIBLE.sub("", raw)))
        if "<" in raw:
            if self._parser is None:
                self._parser = new_parser()
            segments = html_segments(raw, self._parser)
        else:
            segments = [scrub_markup(unescape(raw))]
        items: list[str] = []
        rejoined: list[Join] = []
        for segment in segments:
            for piece in _split_segment(segment, self._settings.min_dotless_list_items):
                item, joins = self.clean_text(piece)
                if not item:
                    continue
                merged = self.across_break(items[-1], item) if items else None
                if merged is not None:  # the item goes on with the one before
                    item, across = merged
                    items.pop()
                    rejoined += across
                items.append(item)
                rejoined += joins
        return CellText(tuple(items), tuple(rejoined), recoded)

    def across_break(self, previous: str, item: str) -> tuple[str, tuple[Join, ...]] | None:
        """An item that ends in a word half and a hyphen, and the next item: one item when
        the break is inside a word (``Kaupunki-<br>suunnittelu``, rejoined by the same rule
        as a break inside an item, with the join) or a compound ellipsis
        (``Liikenne-<br>ja katu``); ``None`` otherwise (``Opetus-<br>Kirjasto``)."""
        head = _BROKEN_AT_END.search(previous)
        tail = _WORD_AT_START.match(item)
        if head is None or tail is None:
            return None
        if tail.group(0).lower() in CONJUNCTIONS:
            return f"{previous} {item}", ()
        joined, joins = rejoin_hyphenation(
            f"{head.group(0)} {tail.group(0)}", self._is_word, self._settings
        )
        if not joins:
            return None
        return previous[: head.start()] + joined + item[tail.end() :], joins

    def clean_text(self, text: str) -> tuple[str, tuple[Join, ...]]:
        """Normalise one piece of plain text; return it and the hyphenation joins made."""
        text = _SPACES.sub(" ", _fold_odd_spaces(text)).strip()
        text = unwrap_emphasis(_LEADING_BULLET.sub("", text))
        text, joins = rejoin_hyphenation(text, self._is_word, self._settings)
        return unicodedata.normalize("NFC", text), joins


@lru_cache(maxsize=1 << 14)
def plain_label(cell: str) -> str:
    """A short label's text (a board line, a column label, a heading), cleaned like a cell
    but never split: tags and entities resolved, odd characters folded, spaces folded, NFC."""
    if "<" in cell or "&" in cell:
        cell = scrub_markup(unescape(scrub_markup(cell)))
    text = unwrap_emphasis(" ".join(_fold_odd_spaces(cell).split()))
    return unicodedata.normalize("NFC", text)


def unwrap_emphasis(text: str) -> str:
    """Text wholly wrapped in markdown emphasis (``**Kaupunkitekniikan lautakunta**``,
    ``__x__``, ``*x*``), as a conversion to markdown writes bold and italics, unwrapped;
    a marker anywhere else (``*) huomautus``, ``2018-2021*``) is text."""
    for marker in ("**", "__", "*"):
        inner = text[len(marker) : -len(marker)]
        wrapped = text.startswith(marker) and text.endswith(marker) and inner.strip()
        if wrapped and marker not in inner and inner == inner.strip():
            return unwrap_emphasis(inner)  # "***x***": bold and italic
    return text


def _soft_break(match: re.Match[str]) -> str:
    """A soft hyphen at a break: a hyphen before a small letter (the word or the compound
    goes on), nothing before a capital (the line ended there)."""
    return "-" if match.group(1).islower() else ""


def _recode_c1(text: str) -> str:
    return _C1_CONTROL.sub(lambda match: _recoding(match.group(0))[1], text)


def _recoding(control: str) -> Join:
    """A C1 control as ("U+0096", "–"): the character Windows-1252 puts at its byte."""
    read = bytes([ord(control)]).decode("cp1252", errors="ignore")
    return f"U+{ord(control):04X}", read


def _fold_odd_spaces(text: str) -> str:
    text = _INVISIBLE.sub("", _SOFT_BREAK.sub(_soft_break, _recode_c1(text)))
    text = _CONTROL.sub("", text)
    return ODD_SPACE.sub(" ", text).replace("\u2011", "-")


def _split_segment(segment: str, min_dotless_items: int) -> Iterator[str]:
    for line in _LINE_BREAK.split(_fold_odd_spaces(segment).strip()):
        for part in _GLYPH_BULLET.split(line):
            for piece in _split_inline_bullets(part):
                for numbered in _split_numbered(piece.strip(), min_dotless_items):
                    yield from _split_lettered(numbered)


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


def _split_numbered(piece: str, min_dotless_items: int) -> list[str]:
    """``1. a 2. b 3. c`` -> ``[a, b, c]``; anything else is one item. Without dots or
    parentheses (``1 a 2 b``) a list needs ``min_dotless_items``: "1 uusi palvelu 2019, 2
    vuonna 2020" is text.

    The list must start the piece with 1; each next marker is the next number, found by
    one scan over every number-like marker (linear, whatever the piece holds).
    """
    if not piece.startswith("1"):
        return [piece]
    bounds: list[tuple[int, int]] = []
    for mark in _NUMBER_MARK.finditer(piece):
        is_next = int(mark.group(1)) == len(bounds) + 1 and (bounds or mark.start() == 0)
        if is_next and _is_list_number(piece, mark):
            bounds.append(mark.span())
    dotless = any(piece[a:b].rstrip()[-1:] not in ".)" for a, b in bounds)
    if len(bounds) < (min_dotless_items if dotless else 2):
        return [piece]
    ends = [b[0] for b in bounds[1:]] + [len(piece)]
    return [piece[b[1] : end] for b, end in zip(bounds, ends, strict=True)]


def _is_list_number(piece: str, mark: re.Match[str]) -> bool:
    """Whether a number that could go on with a list is a list marker, not a quantity or
    an ordinal in a sentence: not after a conjunction ("... ja 2. vaihe", "... ja 3 uutta")
    unless a capital follows ("... ja 3. Toteutamme"),
    and, without a dot or parenthesis, followed by a capital ("1 Elinkeinopalvelut",
    not "1 uusi päiväkoti")."""
    before = piece[: mark.start()].split()
    after = piece[mark.end() : mark.end() + 1]
    if before and before[-1].casefold() in CONJUNCTIONS and not after.isupper():
        return False
    marked = piece[mark.start() : mark.end()].rstrip()[-1] in ".)"
    return marked or piece[mark.end() : mark.end() + 1].isupper()


def _split_lettered(piece: str) -> list[str]:
    """``a) x b) y`` or ``a. x b. y`` -> ``[x, y]``: a lettered list at the start of a piece.

    The list must start the piece with ``a`` (or ``A)``), each next marker the next letter of
    the same case; fewer than two markers is no list. ``A.`` starts a name (an initial).
    """
    if piece[:1] not in ("a", "A"):
        return [piece]
    bounds: list[tuple[int, int]] = []
    for mark in _LETTER_MARK.finditer(piece):
        expected = chr(ord(piece[0]) + len(bounds))
        if mark.group(1) == expected and (bounds or mark.start() == 0):
            bounds.append(mark.span())
    if len(bounds) < 2:
        return [piece]
    ends = [b[0] for b in bounds[1:]] + [len(piece)]
    items = [piece[b[1] : end] for b, end in zip(bounds, ends, strict=True)]
    if piece.startswith("A.") and all(len(item.split()) == 1 for item in items):
        return [piece]  # "A. Korhonen, B. Lindholm": initials before names, not a list
    return items
