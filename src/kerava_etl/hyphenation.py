"""Rejoin words that the PDF broke at a line end (``vaaratapah- tumuja``).

The break looks exactly like Finnish compound ellipsis (``Kasvatus- ja opetuslautakunta``)
and like a dash between two words (``suunnittelusta- kunnossapitoon``), so the decision
is made per pair of word halves:

1. the second half is a conjunction (``ja``, ``tai``, ...) or not lower-case: ellipsis or
   a real dash, kept as written;
2. the first half ends in a digit or capital (``3D- kaupunkimallien``): an abbreviation
   compound, whose hyphen stays and only the space goes;
3. otherwise a Finnish lexicon (Voikko, via ``pyvoikko``) decides: join when the joined
   word (or its hyphenated form) is a word, or when either half is not a word by itself;
   keep as written when both halves are words and the joined form is not.

Without the lexicon (``pyvoikko`` not installed) step 3 always joins.
"""

from __future__ import annotations

import re
from functools import cache

from kerava_etl import lexicon
from kerava_etl.lexicon import IsWord

# A word half, a hyphen, one space, a lower-case-looking word half.
_BROKEN_WORD = re.compile(r"(?<![\w-])(\w+)- ([^\W\d_][\w]*)")

# More broken-word candidates than this in one text is not prose: it is kept as written
# (no lexicon lookups for junk).
MAX_CANDIDATES = 20

CONJUNCTIONS = frozenset({"ja", "tai", "sekä", "eli", "tahi", "ynnä", "että", "kuin", "and", "or"})


def rejoin_hyphenation(text: str, is_word: IsWord | None = None) -> tuple[str, bool]:
    """Return ``text`` with PDF-hyphenated words rejoined, and whether anything changed.

    ``is_word`` is the lexicon; by default Voikko's Finnish dictionary, loaded on the first
    candidate only (it takes about a second to load).
    """
    if "- " not in text or len(_BROKEN_WORD.findall(text)) > MAX_CANDIDATES:
        return text, False
    changed = False

    def repl(match: re.Match[str]) -> str:
        nonlocal changed
        head, tail = match.group(1), match.group(2)
        joined = _join(head, tail, is_word if is_word is not None else default_lexicon())
        if joined is None:
            return match.group(0)
        changed = True
        return joined

    return _BROKEN_WORD.sub(repl, text), changed


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


_lexicon: IsWord | None = None
_lexicon_loaded = False


def default_lexicon() -> IsWord | None:
    """The Finnish lexicon in use (Voikko), loaded on first use; ``None`` if unavailable."""
    global _lexicon, _lexicon_loaded
    if not _lexicon_loaded:
        _lexicon, _lexicon_loaded = _cached(lexicon.load_in_process()), True
    return _lexicon


def start_lexicon_helper() -> None:
    """Use the CLI's lexicon: a cache file, and the dictionary loading in a helper process
    from now on (see :mod:`kerava_etl.lexicon`)."""
    global _lexicon, _lexicon_loaded
    if not _lexicon_loaded:
        _lexicon, _lexicon_loaded = lexicon.cli_lexicon(), True


def _cached(is_word: IsWord | None) -> IsWord | None:
    return cache(is_word) if is_word is not None else None
