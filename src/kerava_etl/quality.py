"""Quality flag codes: the stable names of source defects and repairs, with their severity.

A code here may appear in a record's ``quality_flags`` and, with the same name, as a finding
in ``quality_report.json``. Codes are part of the published contract: add, never rename.
"""

from __future__ import annotations

import re
import unicodedata

from kerava_etl.findings import Severity

FLAGS: dict[str, tuple[Severity, str]] = {
    "board_missing": (Severity.WARNING, "no board line above the row; board is null"),
    "board_alias": (Severity.INFO, "the board is written differently from its canonical name"),
    "board_unknown": (
        Severity.WARNING,
        "the board is not in the boards vocabulary; kept as written",
    ),
    "spearhead_alias": (
        Severity.INFO,
        "the spearhead is written differently from its canonical name",
    ),
    "spearhead_unknown": (
        Severity.WARNING,
        "the spearhead is not in the spearheads vocabulary; kept as written",
    ),
    "hyphenation_rejoined": (Severity.INFO, "a word broken by PDF hyphenation was rejoined"),
    "mixed_script": (
        Severity.WARNING,
        "a word mixes Latin letters with another script (OCR garbage); kept",
    ),
    "risk_metric_swapped": (
        Severity.WARNING,
        "Riski held an achievement phrase and Mittari read like a risk; the two were swapped back",
    ),
    "cells_shifted": (
        Severity.WARNING,
        "a cell was missing and the rest shifted left (Toimenpide held a Vastuu); shifted back, "
        "action set to null",
    ),
    "continuation_without_row_above": (
        Severity.WARNING,
        "leading cells are empty but there is no row above in the table to continue",
    ),
    "action_missing": (Severity.WARNING, "the row has no Toimenpide text"),
}

# "käynnistetty / ei käynnistetty", "otettu käyttöön / ei", "Tehty/ei", "kyllä/ei".
_ACHIEVEMENT = re.compile(r"\w\s*/\s*ei\b", re.IGNORECASE)


def is_achievement_phrase(text: str) -> bool:
    """Whether a text reads like a yes/no achievement metric (``tehty / ei tehty``)."""
    return _ACHIEVEMENT.search(text) is not None


_WORD = re.compile(r"\w+")
# Anything beyond Latin (Basic to Extended-B, and Extended Additional): worth a closer look.
_BEYOND_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff]")


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


def flags_table() -> str:
    """The README's table of quality flag codes, generated from :data:`FLAGS`."""
    lines = ["| code | severity | meaning |", "| --- | --- | --- |"]
    lines += [f"| `{code}` | {sev} | {text} |" for code, (sev, text) in FLAGS.items()]
    return "\n".join(lines)
