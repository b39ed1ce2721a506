"""A PDF page's layout, read: its characters as lines, its ruled tables as cells, a cell's
lines as items. Pure functions of pdfplumber's characters, shapes and table cells.

- **Characters.** A ligature (``ﬁ``) is its letters; a space drawn with no advance (the
  one Chromium leaves at every soft-hyphen point) is no space; the shown soft hyphen
  (U+2010, U+00AD) is a hyphen that only breaks a word.
- **Lines.** Characters whose boxes share most of their height are one line; a gap wider
  than a quarter of the type size is a space.
- **Items.** A cell's lines are one item until a bullet (a glyph, or a small filled shape
  left of the line, as Chromium draws them), a gap between lines wider than the lines'
  own spacing, or a line that starts left of the item's text (after a bullet list) starts
  the next. A line that ends early, where the next line's first word would have fitted,
  ended its item; where that cannot be told (a line that ends near the cell's edge and a
  next line starting with a capital), the boundary is uncertain and reported.
- **Line ends**, judged per document (:class:`Hyphens`): a shown soft hyphen joins the
  word's halves; a hyphen-minus is a real hyphen or a hyphenation, as the document's own
  spellings, then the Finnish dictionary, tell; a slash glued to a word goes on with no
  space where the document writes the pair so on one line; a hyphen that starts a line
  goes on the word before it.
"""

from __future__ import annotations

import bisect
import itertools
import re
import statistics
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from kerava_etl.settings import DEFAULT_SETTINGS, ReadingSettings
from kerava_etl.text.lexicon import Lexicon
from kerava_etl.text.words import BULLET_GLYPHS, CONJUNCTIONS, DASHES

_LIGATURES = {chr(code) for code in range(0xFB00, 0xFB07)}
_SOFT_HYPHENS = "\u2010\u00ad"  # as a renderer shows a soft hyphen it broke a line at
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")
_DASH_BULLETS = "-–—*✓✔"
_SENTENCE_END = ".!?:;"
_WRAPPED_PUNCTUATION = ".,;:!?)]"


@dataclass(frozen=True)
class Glyph:
    """A character on the page: its text and box (points, top-down), size and weight."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


class Glyphs:
    """A page's glyphs, found by the box they stand in (their middles inside it)."""

    def __init__(self, found: Iterable[Glyph]) -> None:
        self._glyphs = sorted(found, key=_middle_y)
        self._ys = [_middle_y(g) for g in self._glyphs]

    def __iter__(self) -> Iterator[Glyph]:
        return iter(self._glyphs)

    def within(self, x0: float, top: float, x1: float, bottom: float) -> list[Glyph]:
        """The glyphs whose middles lie in the box."""
        start, end = bisect.bisect_left(self._ys, top), bisect.bisect_right(self._ys, bottom)
        return [g for g in self._glyphs[start:end] if x0 <= (g.x0 + g.x1) / 2 <= x1]


def _middle_y(glyph: Glyph) -> float:
    return (glyph.top + glyph.bottom) / 2


@dataclass
class TextLine:
    """Characters on one line, left to right, as text."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    first_word: float = 0.0  # the width of its first word, as drawn
    first_char: float = 0.0  # and of its first character
    bullet: bool = False  # a bullet shape stands left of it

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class Item:
    """An item of a cell: its text, whether it is a list item, and whether a typed dash
    was its bullet."""

    text: str
    listed: bool = False
    dashed: bool = False

    @property
    def written(self) -> str:
        """The item as the text format writes it: a typed dash kept, so that the cell
        reader splits ``- a - b`` as it does the text format's own."""
        return f"- {self.text}" if self.dashed else self.text


@dataclass
class CellItems:
    """A cell's items, and the boundaries between them the layout could not decide."""

    items: list[Item] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)  # "line | next line", for a report


def glyphs(chars: Iterable[dict[str, Any]]) -> list[Glyph]:
    """pdfplumber's characters as glyphs: upright text only, ligatures as their letters,
    invisible characters dropped."""
    found = []
    for char in chars:
        text = char.get("text") or ""
        if not char.get("upright", True) or not text or text in _INVISIBLE:
            continue
        if text in _LIGATURES:
            text = unicodedata.normalize("NFKC", text)
        font = str(char.get("fontname") or "")
        found.append(
            Glyph(
                text,
                float(char["x0"]),
                float(char["x1"]),
                float(char["top"]),
                float(char["bottom"]),
                float(char.get("size") or 0.0),
                "bold" in font.lower() or "black" in font.lower(),
            )
        )
    return found


def text_lines(found: Sequence[Glyph]) -> list[TextLine]:
    """The glyphs as lines, top to bottom, each left to right."""
    rows: list[list[Glyph]] = []
    for glyph in sorted(found, key=lambda g: (g.top, g.x0)):
        for row in reversed(rows[-3:]):  # a line near the last ones it may belong to
            if _same_line(row, glyph):
                row.append(glyph)
                break
        else:
            rows.append([glyph])
    lines = [_line(sorted(row, key=lambda g: g.x0)) for row in rows]
    return sorted((line for line in lines if line.text), key=lambda line: (line.top, line.x0))


def _same_line(row: list[Glyph], glyph: Glyph) -> bool:
    top = min(g.top for g in row)
    bottom = max(g.bottom for g in row)
    overlap = min(bottom, glyph.bottom) - max(top, glyph.top)
    return overlap > 0.5 * min(bottom - top, glyph.bottom - glyph.top)


def _line(row: list[Glyph]) -> TextLine:
    """A line's text: a space where a drawn space stands clear of the letters or a gap is
    wide, none where a space is drawn over a letter (an invisible soft-hyphen point)."""
    size = statistics.median(g.size for g in row) or 1.0
    letters = [g for g in row if not g.text.isspace()]
    spaces = [g for g in row if g.text.isspace() and not _overlaps_any(g, letters)]
    parts: list[str] = []
    previous: Glyph | None = None
    first_word_end: float | None = None
    for glyph in letters:
        if previous is not None and (
            glyph.x0 - previous.x1 > 0.25 * size
            or any(_between(space, previous, glyph, 0.1 * size) for space in spaces)
        ):
            parts.append(" ")
            first_word_end = previous.x1 if first_word_end is None else first_word_end
        parts.append(glyph.text)
        previous = glyph
    bold = sum(1 for g in letters if g.bold) * 2 > len(letters)
    x0 = min(g.x0 for g in row)
    x1 = max(g.x1 for g in row)
    return TextLine(
        "".join(parts).strip(),
        x0,
        x1,
        min(g.top for g in row),
        max(g.bottom for g in row),
        size,
        bold,
        (first_word_end if first_word_end is not None else x1) - x0,
        letters[0].x1 - letters[0].x0 if letters else 0.0,
    )


def _between(space: Glyph, before: Glyph, after: Glyph, tolerance: float) -> bool:
    """Whether a space stands between two letters (not before or after them both)."""
    return before.x1 - tolerance <= space.x0 <= after.x0 + tolerance


def _overlaps_any(space: Glyph, letters: Sequence[Glyph]) -> bool:
    """Whether a space is drawn over a letter (more than a third of its width)."""
    width = max(space.x1 - space.x0, 0.01)
    return any(min(space.x1, g.x1) - max(space.x0, g.x0) > width / 3 for g in letters)


def mark_bullets(lines: Sequence[TextLine], shapes: Iterable[dict[str, Any]]) -> None:
    """Mark each line that a small filled shape stands just left of (a drawn bullet)."""
    dots = [
        shape
        for shape in shapes
        if shape.get("fill") and _small(shape) and not shape.get("stroke_only")
    ]
    for line in lines:
        for dot in dots:
            middle = (float(dot["top"]) + float(dot["bottom"])) / 2
            left_of = 0 < line.x0 - float(dot["x1"]) < 2.5 * line.size
            if left_of and line.top <= middle <= line.bottom:
                line.bullet = True
                break


def _small(shape: dict[str, Any]) -> bool:
    width = float(shape["x1"]) - float(shape["x0"])
    height = float(shape["bottom"]) - float(shape["top"])
    return 0.5 < width < 8 and 0.5 < height < 8 and abs(width - height) < 1.5


def items(
    lines: Sequence[TextLine],
    right_edge: float,
    hyphens: Hyphens,
    spacing: LineSpacing,
    lexicon: Lexicon | None = None,
    reach: float | None = None,
) -> CellItems:
    """A cell's lines as items (see the module's docstring). ``right_edge``: where its
    text may reach; ``reach``: the farthest its column's text reaches in the document (at
    most that edge), which a word cut for want of room comes within a letter of."""
    cell = CellItems()
    if not lines:
        return cell
    previous: TextLine | None = None
    text_x0 = lines[0].x0
    edge = right_edge if reach is None else reach
    for index, line in enumerate(lines):
        text, listed = _bulleted(line)
        broken = previous is not None and _broke_word(
            cell.items[-1].text, lines[index - 1 :], edge, hyphens
        )
        starts = previous is None or listed or _new_item(previous, line, spacing(line), text_x0)
        if not starts and not broken and previous is not None:
            verdict = _ended_early(
                previous, line, right_edge, None if spacing.separates else lexicon
            )
            if verdict is None:
                cell.uncertain.append(f"{previous.text} | {line.text}")
            starts = bool(verdict)
        dashed = listed and not line.bullet and line.text[:1] in DASHES
        if not starts and _dangling_dash(cell.items, text):
            starts, listed, dashed = True, True, True  # "mm.: -" / "Kehitämme"
        if starts:
            cell.items.append(Item(text, listed, dashed))
            text_x0 = line.x0
        elif broken:
            cell.items[-1].text += text  # a word broken with no hyphen
        else:
            last = cell.items[-1]
            last.text = _continued(last.text, text, hyphens)
        previous = line
    return cell


def _broke_word(so_far: str, lines: Sequence[TextLine], edge: float, hyphens: Hyphens) -> bool:
    """Whether the first line, full to ``edge``, ended inside a word the second goes on in
    a small letter, with no hyphen: a one-word line (a word longer than the column, cut:
    :meth:`Hyphens.cut`), or any line whose last word and the next's first are one
    (:meth:`Hyphens.unmarked`). ``so_far``: the item's text up to the second line."""
    above, below = lines[0], lines[1]
    text = _bulleted(below)[0]
    if not text[:1].islower() or not full(above, below, edge):
        return False
    if fills(above, below, edge):
        return hyphens.cut(so_far, text, _cut_again(lines[1:], edge))
    return hyphens.unmarked(above.text, _soft_joined(lines[1:]))


def _soft_joined(lines: Sequence[TextLine]) -> str:
    """The first line's text; if it is one word a shown soft hyphen cut, with the next
    line's (``kikau`` and a shown soft hyphen / ``punki``: the word is ``kikaupunki``)."""
    text = _bulleted(lines[0])[0]
    if len(lines) > 1 and " " not in text and text[-1:] in _SOFT_HYPHENS:
        return text[:-1] + lines[1].text
    return text


def _cut_again(lines: Sequence[TextLine], edge: float) -> str:
    """The line after the first, where the first is one word filling its cell and the
    next goes on in a small letter (the word may be cut again), else ``""``."""
    if len(lines) > 1 and lines[1].text[:1].islower() and fills(lines[0], lines[1], edge):
        return lines[1].text
    return ""


def _dangling_dash(found: list[Item], text: str) -> bool:
    """Whether the item so far ends in a dash standing alone, a bullet whose item the line
    broke away from it, and a capital starts the next line: the dash removed."""
    if not found or not text[:1].isupper():
        return False
    last = found[-1]
    for dash in _DASH_BULLETS[:3]:
        if last.text.endswith(" " + dash):
            last.text = last.text[:-2].rstrip()
            return True
    return False


def fills(line: TextLine, following: TextLine, edge: float) -> bool:
    """A line that is one word (no space; its bullet aside) with no hyphen, so near
    ``edge`` that the next line's first character would not have fitted after it (a word
    cut there for want of room is; a line that wrapped before a word may be)."""
    text = _bulleted(line)[0]
    return " " not in text and not _hyphened(text) and full(line, following, edge)


def _hyphened(text: str) -> bool:
    """Whether a line ends in a hyphen, shown soft or not."""
    return text[-1:] in "-" + _SOFT_HYPHENS


def full(line: TextLine, following: TextLine, edge: float) -> bool:
    """Whether a line reaches so near ``edge`` that the next line's first character would
    not have fitted after it."""
    return line.x1 > edge - (following.first_char + _MEASURE)


def _bulleted_text(text: str) -> str:
    """A line's text without the bullet glyph or the typed dash before it ("- Teemme",
    "-Teemme")."""
    if text[:1] in BULLET_GLYPHS or (
        text[:1] in _DASH_BULLETS and (text[1:2] == " " or text[1:2].isupper())
    ):
        return text[1:].strip()
    return text


def _bulleted(line: TextLine) -> tuple[str, bool]:
    """A line's text without its bullet, and whether it has one (drawn, or a glyph)."""
    if line.bullet:
        return line.text, True
    text = _bulleted_text(line.text)
    return text, text != line.text


class LineSpacing:
    """The distance from one line's top to the next's within a paragraph, per type size,
    as the whole document spaces its lines (the smaller steps: a paragraph's gap is more)."""

    def __init__(self, settings: ReadingSettings, cells: Iterable[Sequence[TextLine]]) -> None:
        steps: dict[int, list[float]] = {}
        for lines in cells:
            for above, below in itertools.pairwise(lines):
                if round(above.size) == round(below.size) and below.top > above.top:
                    steps.setdefault(round(below.size), []).append(below.top - above.top)
        self._steps = {
            size: sorted(found)[len(found) // 5] for size, found in steps.items() if found
        }
        # Whether the document spaces its paragraphs (some of its steps are gaps, most are a
        # paragraph's own lines): then its items are told apart by spacing, and a line
        # with no gap after it wrapped.
        gaps = sum(
            1
            for size, found in steps.items()
            for step in found
            if step > self._steps[size] + max(1.0, 0.12 * size)
        )
        total = sum(len(found) for found in steps.values())
        self.separates = gaps >= max(settings.pdf_spaced_gaps, settings.pdf_spaced_share * total)

    def __call__(self, line: TextLine) -> float:
        return self._steps.get(round(line.size), line.height * 1.2)


def _new_item(previous: TextLine, line: TextLine, spacing: float, text_x0: float) -> bool:
    """A gap wider than the lines' spacing (a paragraph's), or a line left of the item's
    text (the end of a hanging list item), starts an item."""
    gap = line.top - previous.top
    if gap > spacing + max(1.0, 0.12 * line.size):
        return True
    return line.x0 < text_x0 - 0.5 * line.size


def _ended_early(
    previous: TextLine, line: TextLine, right_edge: float, lexicon: Lexicon | None
) -> bool | None:
    """Whether the line before ended its item: ``True`` when the next line's first word
    would have fitted after it (the line was broken on purpose), or, where it would not
    have, when a capital that is no name's starts the next line after a line that ended
    no sentence (``Kävijämäärät`` / ``Asiakaspalaute``: a list's next item); ``False`` when
    the next line goes on in a small letter or with a name (``Keravan``); ``None`` where
    a sentence ended and a capital follows: a new item, or the item's next sentence. A
    shown soft hyphen says the word goes on, wherever the line ended."""
    if previous.text[-1:] in _SOFT_HYPHENS:
        return False
    room = right_edge - previous.x1
    if room > line.first_word + 0.5 * line.size:  # the word and a space before it
        return True
    first = line.text.split(" ", 1)[0]
    if not first[:1].isupper() or first.isupper():  # small letters, or an abbreviation
        return False
    last = previous.text.rsplit(" ", 1)[-1]
    if last.endswith(",") or last.casefold() in CONJUNCTIONS or last[-1:].isdigit():
        return False  # a list of names or numbers goes on: "ja" / "Museopalvelut"
    if previous.text.endswith(tuple(_SENTENCE_END)):
        return None
    if lexicon is None:  # items told apart by spacing (or no dictionary): it wrapped
        return False
    word = first.strip(".,;:!?()\"'")
    return lexicon(word) and not lexicon.is_name(word)


def _continued(text: str, more: str, hyphens: Hyphens) -> str:
    """An item's text going on with the next line's: a shown soft hyphen the line broke at
    joins the word's halves; a hyphen-minus is judged (:class:`Hyphens`); punctuation that
    wrapped (``kerava`` / ``.fi``) joins without a space."""
    if text and text[-1] in _SOFT_HYPHENS:
        return text[:-1] + more
    if more[:1] in _WRAPPED_PUNCTUATION:
        return text + more
    if text.endswith((" -", "/-")) and more[:1].isalnum():
        return text + more  # a prefix's hyphen the line broke after (ja -turvallisuuden)
    if text.endswith("/") and hyphens.slashed(text, more):
        return text + more  # a line broke after a slash (Osallistujamäärä/ / vuosi)
    if _glued_hyphen(text, more):
        return text + more  # a line broke before a hyphen (maahanmuuttaja / -osaamisen)
    if text.endswith("-") and more[:1].isalnum():
        return hyphens.joined(text, more)
    return f"{text} {more}"


def _glued_hyphen(text: str, more: str) -> bool:
    """Whether the next line starts with a hyphen and a small letter that go on the word
    the line ended with (not after a comma or a conjunction: ``työhyvinvoinnin, -kyvyn``);
    or, after a hyphen glued to a number or a sign, the word that hyphen joins to it
    (``%-`` / ``osuus``, ``5-`` / ``vuotiaat``)."""
    last = text.rsplit(" ", 1)[-1]
    if last.casefold() in CONJUNCTIONS or not more[1:2].islower():
        return False
    if more[:1] == "-":
        return last[-1:].isalpha()
    return last.endswith("-") and len(last) > 1 and not last[-2].isalpha() and more[:1].isalpha()


_WORD_BEFORE_HYPHEN = re.compile(r"(\w+)-$")
_WORD_BEFORE_SLASH = re.compile(r"(\w+)/$")
_LAST_LETTERS = re.compile(r"(?:^|[\s/-])([^\W\d_]+)$")  # HR-jär, 360-ar, osoiteta riit
_FIRST_SMALL = re.compile(r"^[^\W\d_A-ZÅÄÖ]+")
_SLASHED = re.compile(r"\w+/\w+")
_SPACED_SLASH = re.compile(r"\w+/ \w+")
_SURE_SLASHES = 2  # line ends after a slash the document's spellings show glued
_FIRST_WORD = re.compile(r"^\w+")
_WORDS = re.compile(r"\w+(?:-\w+)*")
_VOWELS = frozenset("aeiouyäöåAEIOUYÄÖÅ")  # a Finnish syllable has one
_MEASURE = 0.5  # points: what glyph widths and positions may be off by
_SURE_CUTS = 3  # words surely cut with no hyphen that show a document cuts them


class Hyphens:
    """How one document's line-end hyphens are read, judged from the whole document.

    A conjunction after it makes a compound ellipsis (``asiakas- ja``): kept, with a
    space. Otherwise a document that shows the soft hyphens it breaks lines at as such
    (U+2010, U+00AD) writes a hyphen-minus only where the text has one: it is kept. In
    others, for ``head-`` / ``tail``, the first of these that applies:

    1. (the conjunction, above);
    2. the spelling the document writes elsewhere on one line, if it writes only one;
    3. a head without a vowel, or in capitals, is an abbreviation (``hr-järjestelmän``,
       ``SOTE-keskuksen``), one with capitals inside a brand (``SomeTurva-toimintaan``),
       and a word with a capital not beginning its sentence a name (``Kerava-opiston``):
       the hyphen kept;
    4. the same vowel on both sides needs the hyphen in Finnish (``Vapaa-aika``): kept;
    5. halves that make one word closed, one of them no word by itself (``Tasapai-`` /
       ``noinen``, ``henki-`` / ``löresurssit``), are a word the line broke: joined,
       without the hyphen; two words that make one (``Konserni-`` / ``palvelut``) are
       joined where the document hyphenates (``share`` of its line-end hyphens or more are
       breaks of the first kind: Finnish writes compounds closed), the hyphen kept where
       it does not (the renderer breaks lines only at hyphens);
    6. a head that is no word, making no word closed either, is joined too;
    7. two words that make no word closed: the hyphen kept where the hyphenated form is a
       word, else a dash between two words (``suunnittelusta- kunnossapitoon``), kept with
       its space.

    Rules 2 to 7 are for a document that hyphenates. In one that does not, a line ends at
    a hyphen the text has, and the hyphen is kept (:meth:`_real`). Without a lexicon a
    hyphen is left as ``head- tail`` for the cell reader's rules."""

    def __init__(
        self,
        lines: Iterable[TextLine],
        lexicon: Lexicon | None,
        share: float = DEFAULT_SETTINGS.pdf_hyphenating_share,
    ) -> None:
        self.lexicon = lexicon
        self.cuts_words = False  # the document cuts words with no hyphen (learn_cuts)
        self.breaks_words = False  # and breaks them so inside lines (learn_cuts)
        self.soft = False
        self.spelt: set[str] = set()  # words as the document writes them within a line
        self._slashed: set[str] = set()  # and words with a slash between (määrä/vuosi)
        self._spaced_slashes: set[str] = set()  # or a slash and a space (ja/ tai)
        heads: list[str] = []
        slash_ends: list[tuple[str, str]] = []  # a line ending in "word/", and the next
        previous = ""
        for line in lines:
            self.soft = self.soft or line.text[-1:] in _SOFT_HYPHENS
            words = _WORDS.findall(line.text.casefold())
            if line.text.endswith("-") and words:
                heads.append(words[-1].rsplit("-", 1)[-1])
                words = words[:-1]  # the word this line broke
            if previous.endswith("-") and words:
                words = words[1:]  # the rest of the word the line before broke
            self.spelt.update(words)
            self._slashed.update(_SLASHED.findall(line.text.casefold()))
            self._spaced_slashes.update(_SPACED_SLASH.findall(line.text.casefold()))
            if _WORD_BEFORE_SLASH.search(previous):
                slash_ends.append((previous, line.text))
            previous = line.text
        syllables = [h for h in heads if h and lexicon and not lexicon(h) and _VOWELS & set(h)]
        # A renderer that hyphenates breaks many words inside them; a few odd heads (an
        # abbreviation, a name, a typo) at real hyphens do not make one.
        self.hyphenates = len(syllables) >= max(3, share * len(heads))
        # Whether the renderer breaks lines after a slash glued to a word (LibreOffice and
        # WeasyPrint do, Chromium does not): a few line ends the document's own spellings
        # show glued.
        self.breaks_at_slashes = False
        known = sum(self.slashed(text, more) for text, more in slash_ends)
        self.breaks_at_slashes = known >= _SURE_SLASHES

    def unmarked(self, text: str, more: str) -> bool:
        """Whether a full line broke a word with no hyphen shown (WeasyPrint may, at a soft
        hyphen): where the document breaks words so (:meth:`learn_cuts`), the line's last
        word and the next line's first make one word closed, one of them no word by itself
        (``riit`` / ``täviä``, ``esi`` / ``miehet``, ``maa`` / ``hanmuuttaja``). Elsewhere
        such a pair is the text's own (a source's stray space: ``kaikis ta``)."""
        head, tail = _LAST_LETTERS.search(text), _FIRST_SMALL.match(more)
        if not self.breaks_words or self.lexicon is None or head is None or tail is None:
            return False
        first, second = head.group(1), tail.group(0)
        if first.isupper() or not self.lexicon(first + second):
            return False  # an abbreviation; or no word closed
        return not (self.lexicon(first) and self.lexicon(second))  # not two words

    def cut(self, text: str, more: str, goes_on: str = "") -> bool:
        """Whether the word a line ended with, the line being that word alone and filling
        the cell's width, is a word longer than the column, cut with no hyphen (as
        LibreOffice cuts one, and Chromium with overflow-wrap): one of the two is no word by
        itself and together they make one (``kaupunkikehityspalvel`` / ``ut``,
        ``vahvuuspedagogiikka`` / ``an``), or neither is a word (not the misspelt
        ``Yhteissuunnitteluaajan`` / ``puute``); where the document cuts words, a letter
        alone after it is its last (``Yhteissuunnitteluaaja`` / ``n``). Two words are one
        cut only where the document cuts words (:meth:`learn_cuts`) and the line ends inside
        the word they make, not where its compound joins two (:meth:`_cut_inside`).
        ``text``: the item so far, the word's halves before it joined; ``goes_on``: the
        line after ``more`` where ``more`` is itself a word cut (``käyttöönotettujen`` /
        ``palvelumuotoiluje`` / ``n``: the second is judged as the word it is)."""
        words, tail = _WORDS.findall(text), _FIRST_WORD.match(more)
        if self.lexicon is None or not words or tail is None or words[-1].isupper():
            return False  # an abbreviation is whole
        head, rest = words[-1].rsplit("/", 1)[-1], tail.group(0)
        if self.cuts_words and len(rest) == 1:
            return True  # no Finnish word is one letter (a misspelt Yhteissuunnitteluaaja / n)
        after = _FIRST_WORD.match(goes_on)
        if after is not None and self.lexicon(rest + after.group(0)):
            rest += after.group(0)
        words_alone = self.lexicon(head), self.lexicon(rest)
        if all(words_alone):  # two words, or one cut (Strategin / en)?
            return self._cut_inside(head, rest)
        return not any(words_alone) or self.lexicon(head + rest)

    def _cut_inside(self, head: str, rest: str) -> bool:
        """Two words that may be one cut: so where the document cuts words, and the cut is
        inside the word they make, not where its compound joins two words
        (``Strategin`` / ``en``, ``Monimuotoine`` / ``n``; not ``Koulutusvarojen`` /
        ``riittävyys``)."""
        joined = head + rest
        if self.lexicon is None or not self.cuts_words or not self.lexicon(joined):
            return False
        return len(head) not in self.lexicon.compound_boundaries(joined)

    def learn_cuts(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Judge how the document breaks words without a hyphen, from its lines full to
        their column's reach (each with the next line's text). It cuts words too long for
        a line (:meth:`cut`) when a few of its one-word lines are surely cut (a half no
        word, the two one); it breaks words anywhere (:meth:`unmarked`) when a few lines
        surely broke one (both halves no word, the two one)."""
        cut = broke = 0
        for text, more in pairs:
            words, tail = _WORDS.findall(text), _FIRST_WORD.match(more)
            if self.lexicon is None or not words or tail is None or _hyphened(text):
                continue
            head, rest = words[-1], tail.group(0)
            alone = self.lexicon(head), self.lexicon(rest)
            one_word = " " not in _bulleted_text(text)
            cut += one_word and not all(alone) and self.lexicon(head + rest)
            broke += not one_word and not any(alone) and self.lexicon(head + rest)
        self.cuts_words = cut >= _SURE_CUTS
        self.breaks_words = broke >= _SURE_CUTS

    def slashed(self, text: str, more: str) -> bool:
        """Whether a line ending in a slash glued to a word goes on with no space: where
        the document writes that word, the slash and the next line's first word together
        on one line, or writes the word after the slash only glued to one (``/vuosi``),
        or where its renderer breaks lines after such slashes and the document does not
        write the pair spaced (``ja/ tai``) on one line. (A line breaks after a slash, or
        at a space after one.)"""
        head, tail = _WORD_BEFORE_SLASH.search(text), _FIRST_WORD.match(more)
        if head is None or tail is None:
            return False
        pair = f"{head.group(1)}/{tail.group(0)}".casefold()
        if pair in self._slashed:
            return True
        after = "/" + tail.group(0).casefold()
        glued = any(p.endswith(after) for p in self._slashed)
        spaced = any(p.endswith(after.replace("/", "/ ")) for p in self._spaced_slashes)
        if glued and not spaced:  # "/vuosi" always glued (määrä/vuosi, kävijät/vuosi)
            return True
        return self.breaks_at_slashes and pair.replace("/", "/ ") not in self._spaced_slashes

    def joined(self, text: str, more: str) -> str:
        """``text`` ending in a hyphen, and the next line's ``more``, as one text."""
        head_match = _WORD_BEFORE_HYPHEN.search(text)
        tail_match = _FIRST_WORD.match(more)
        if tail_match is not None and tail_match.group(0).casefold() in CONJUNCTIONS:
            return f"{text} {more}"  # a compound's ellipsis: "oppilas- ja"
        if head_match is None or tail_match is None or self.lexicon is None:
            return text + more if self.soft else f"{text} {more}"
        head, tail = head_match.group(1), tail_match.group(0)
        if self.soft:  # the hyphen is the text's: a dash between two words keeps its space
            dash = head.islower() and self._dash_between(head, tail)
            return f"{text} {more}" if dash else text + more
        if not self.hyphenates:
            return self._real(text, more, head, tail)
        hyphenated, closed = f"{head}-{tail}".casefold(), f"{head}{tail}".casefold()
        if (hyphenated in self.spelt) != (closed in self.spelt):
            return text + more if hyphenated in self.spelt else text[:-1] + more
        before = text[: head_match.start()].rstrip()
        sentence_start = not before or before[-1] in _SENTENCE_END + ")"  # "1) Sairas-"
        return self._judged(text, more, head, tail, sentence_start)

    def _real(self, text: str, more: str, head: str, tail: str) -> str:
        """In a document that does not hyphenate, a line ends at a hyphen the text has:
        kept, but for a head that is no word before a tail it makes one word with (the
        source's own broken word, ``vaaratapah- tumuja``), left for the cell reader."""
        assert self.lexicon is not None
        if not self.lexicon(head) and self.lexicon(head + tail) and _VOWELS & set(head):
            return f"{text} {more}"
        if head.islower() and self._dash_between(head, tail):
            return f"{text} {more}"  # suunnittelusta- / kunnossapitoon: a dash, its space
        return text + more

    def _dash_between(self, head: str, tail: str) -> bool:
        """Two words that make no word, closed or hyphenated: the line broke at a space
        after a dash between them."""
        assert self.lexicon is not None
        words = self.lexicon(head) and self.lexicon(tail)
        return words and not self.lexicon(head + tail) and not self.lexicon(f"{head}-{tail}")

    def _judged(self, text: str, more: str, head: str, tail: str, sentence_start: bool) -> str:
        """Rules 3 to 7 (see the class), with the dictionary."""
        assert self.lexicon is not None
        named = head[:1].isupper() and not sentence_start  # a name: Kerava-, SomeTurva-
        if not _VOWELS & set(head) or (len(head) > 1 and head.isupper()):
            return text + more
        if named and self.lexicon(head):
            return text + more
        if any(ch.isupper() for ch in head[1:]):  # capitals inside: a brand (SomeTurva-)
            return text + more
        if head[-1:].casefold() in _VOWELS and head[-1:].casefold() == tail[:1].casefold():
            return text + more
        if self.lexicon(head + tail):  # one word closed: a syllable break, or two words
            whole = self.lexicon(head) and self.lexicon(tail)
            return text + more if whole and not self.hyphenates else text[:-1] + more
        if not self.lexicon(head):
            return text[:-1] + more
        if self.lexicon(f"{head}-{tail}"):
            return text + more
        return f"{text} {more}"
