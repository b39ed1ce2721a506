"""Rejoin words that the PDF broke at a line end (``vaaratapah- tumuja``).

The break looks exactly like Finnish compound ellipsis (``Kasvatus- ja opetuslautakunta``)
and like a dash between two words (``suunnittelusta- kunnossapitoon``), so the decision
is made per pair of word halves:

1. the second half is a conjunction (``ja``, ``tai``, ...) or not lower-case: ellipsis or
   a real dash, kept as written;
2. the first half ends in a digit or capital (``3D- kaupunkimallien``): an abbreviation
   compound, whose hyphen stays and only the space goes;
3. otherwise the Finnish lexicon (``is_word``) decides: join when the joined word (or its
   hyphenated form) is a word, or when either half is not a word by itself; keep as
   written when both halves are words and the joined form is not.

Without a lexicon (``is_word`` is ``None``) step 3 always joins.
"""

from __future__ import annotations

import re

from kerava_etl.settings import DEFAULT_SETTINGS, ReadingSettings
from kerava_etl.text.lexicon import IsWord
from kerava_etl.text.words import CONJUNCTIONS

# A word half, a hyphen, one space, a lower-case-looking word half.
_BROKEN_WORD = re.compile(r"(?<![\w-])(\w+)- ([^\W\d_][\w]*)")


Join = tuple[str, str]  # a broken word as written, and as joined


def rejoin_hyphenation(
    text: str, is_word: IsWord | None, settings: ReadingSettings = DEFAULT_SETTINGS
) -> tuple[str, tuple[Join, ...]]:
    """Return ``text`` with PDF-hyphenated words rejoined, and each join made. More
    broken-word candidates than ``max_hyphenation_candidates`` is not prose: kept as
    written (no lexicon lookups for junk)."""
    if "- " not in text:
        return text, ()
    if len(_BROKEN_WORD.findall(text)) > settings.max_hyphenation_candidates:
        return text, ()
    joins: list[Join] = []

    def repl(match: re.Match[str]) -> str:
        joined = _join(match.group(1), match.group(2), is_word)
        if joined is None:
            return match.group(0)
        joins.append((match.group(0), joined))
        return joined

    return _BROKEN_WORD.sub(repl, text), tuple(joins)


def _join(head: str, tail: str, is_word: IsWord | None) -> str | None:
    """The rejoined form of ``head- tail``, or ``None`` to keep it as written."""
    if tail.lower() in CONJUNCTIONS or not tail[0].islower():
        return None
    if head[-1].isdigit() or head[-1].isupper():
        return f"{head}-{tail}"
    if is_word is None:
        return head + tail
    return _lexicon_join(head, tail, is_word)


def _lexicon_join(head: str, tail: str, is_word: IsWord) -> str | None:
    if is_word(head + tail):
        return head + tail
    if is_word(f"{head}-{tail}"):
        return f"{head}-{tail}"
    if is_word(head) and is_word(tail):
        return None
    return head + tail
