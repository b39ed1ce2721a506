"""The word lists and character sets the reading rules share: one list per idea.

Every rule that needs a conjunction, a space, a dash, a year or a ``Label:`` prefix takes
it from here, so two rules never disagree about what a conjunction or a space is.
"""

from __future__ import annotations

import re

# Coordinating conjunctions: after one, a hyphen ends the first half of a compound
# ellipsis ("Kasvatus- ja opetuslautakunta", "sekä kasvatus- että opetuspalvelut", "niin
# kasvatus- kuin opetustoimi"), a number is a quantity, not a list marker ("1. ja 2.
# luokka"), and a line broken after one goes on on the next. Swedish and English too: the
# programmes quote names in them.
CONJUNCTIONS = frozenset(
    {"ja", "tai", "sekä", "eli", "tahi", "ynnä", "että", "kuin", "ja/tai"}
    | {"and", "or", "och", "eller"}
)
# The conjunctions that join two names into two parties ("Opetus ja varhaiskasvatus"):
# additive, not alternative.
JOINING_CONJUNCTIONS = ("ja", "sekä")


def alternation(words: frozenset[str] | tuple[str, ...]) -> str:
    """A regular-expression group matching any of ``words`` (longest first), as whole words
    are meant only with a ``\\b`` around it."""
    return "(?:" + "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)) + ")"


CONJUNCTION = alternation(CONJUNCTIONS)

# Every character Python counts as a space (str.isspace, the same as \s): tab, the line
# breaks, no-break and the typographic spaces, the ideographic space, U+0085 ...
WHITESPACE = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace())
# ... and those stripped from a cell's edges: all but U+0085, which is a Windows-1252
# ellipsis decoded as Latin-1 (read back as "…", see text/cells.py), not a line break.
EDGE_SPACE = WHITESPACE.replace("\x85", "")
# A space other than the plain space: folded to " ".
ODD_SPACE = re.compile("[" + re.escape(WHITESPACE.replace(" ", "")) + "]")

# The dashes a document writes between words, years or as bullets: hyphen-minus, en, em.
DASHES = "-–—"
# The other hyphens, folded to "-" where names are compared: hyphen, non-breaking hyphen.
OTHER_HYPHENS = "\u2010\u2011"

# The glyphs that are bullets and never text, wherever they stand. \u2043: the hyphen
# bullet; \uf0a7, \uf0b7, \uf0d8, \uf076, \uf0fc: the bullets of the Symbol and Wingdings
# fonts as Word and PDF exports write them (private-use characters that show as nothing,
# or as a box, anywhere else).
BULLET_GLYPHS = "•◦▪▫‣\u2043●○■►▸▹➢➤❖\uf0a7\uf0b7\uf0d8\uf076\uf0fc"

# A year of a programme period, and a period: "2018-2021", "2022–2025", "2022 — 25".
YEAR = r"(?:19|20)\d\d"
YEAR_RANGE = rf"({YEAR})\s*[{DASHES}]\s*((?:19|20)?\d\d)"

# A short label and a colon before a value: "Toimielin: Kaupunkitekniikan lautakunta".
# The label is at most this long, and the value starts after the colon's spaces.
LABEL_PREFIX = re.compile(r"^([^:]{1,24}):\s*(\S.*)$")
# The labels a board's name may stand after on its line; any other "Label: value" line
# is no board line ("Vastuuhenkilö: ...").
BOARD_LABELS = frozenset({"toimielin", "toimielimet", "lautakunta", "jaosto"})
