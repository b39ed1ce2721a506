"""Writing systems in text: words that mix Latin letters with another script (OCR garbage)."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+")
# A word character beyond Latin (Basic to Extended-B, and Extended Additional): worth a
# closer look. Punctuation beyond Latin (dashes, quotes, bullets) is not.
_BEYOND_LATIN = re.compile(r"[^\W\x00-\u024f\u1e00-\u1eff]")


def mixed_script_words(text: str) -> list[str]:
    """Words that mix Latin letters with letters of another script (Greek, Cyrillic, ...)."""
    if _BEYOND_LATIN.search(text) is None:
        return []
    found = []
    for word in _WORD.findall(text):
        scripts = {_script(ch) for ch in word if ch.isalpha()}
        if "LATIN" in scripts and len(scripts) > 1:
            found.append(word)
    return found


def _script(ch: str) -> str:
    return unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]
