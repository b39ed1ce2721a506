"""Voikko's Finnish dictionary (via ``pyvoikko``): whether a word is a word, its base forms,
and whether it can be a finite verb.

The build loads it in its own process, once, and passes it to whatever needs it: nothing
is cached on disk and no other process is started. Loading takes about half a second, so
it happens on the first question only (a document that asks none never pays it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

IsWord = Callable[[str], bool]
# Voikko's word classes of proper names: a name, a first name, a surname, a place's name.
_NAME_CLASSES = frozenset({"nimi", "etunimi", "sukunimi", "paikannimi"})


class Lexicon(Protocol):
    """What the pipeline asks of a Finnish dictionary."""

    def __call__(self, word: str) -> bool:
        """Whether ``word`` is a word."""

    def base_forms(self, word: str) -> list[str]:
        """The word's base forms (``kaupunkitekniikan`` -> ``kaupunkitekniikka``), if any."""

    def is_finite_verb(self, word: str) -> bool:
        """Whether ``word`` can be a verb in the third person indicative (``vastaa``,
        ``laativat``): what follows a party that a sentence names."""

    def is_name(self, word: str) -> bool:
        """Whether ``word`` is a proper name (``Keravan``, ``Helsingin``): its capital
        belongs to it, not to a sentence's start."""

    def compound_boundaries(self, word: str) -> set[int]:
        """Where ``word`` joins the words of a compound, as offsets into it
        (``koulutusvarojenriittävyys``: 8 and 15); empty for a word that is no compound."""


class VoikkoLexicon:
    """The :class:`Lexicon` Voikko gives. Answers depend only on the word and the installed
    dictionary, and are kept per lexicon."""

    def __init__(self) -> None:
        self._analyse: Callable[[str], Any] | None = None
        self._analyses: dict[str, list[Any]] = {}

    def __call__(self, word: str) -> bool:
        return bool(self._analysis(word) or self._analysis(word.lower()))

    def base_forms(self, word: str) -> list[str]:
        found = [analysis.BASEFORM for analysis in self._analysis(word.lower())]
        return list(dict.fromkeys(base.lower() for base in found if base))

    def is_finite_verb(self, word: str) -> bool:
        return any(
            analysis.CLASS == "teonsana"
            and analysis.MOOD == "indicative"
            and analysis.PERSON == "3"
            for analysis in self._analysis(word.lower())
        )

    def is_name(self, word: str) -> bool:
        return any(analysis.CLASS in _NAME_CLASSES for analysis in self._analysis(word.lower()))

    def compound_boundaries(self, word: str) -> set[int]:
        found: set[int] = set()
        for analysis in self._analysis(word.lower()):
            offset = 0
            for part in (analysis.COMPOUND_PARTS or [])[:-1]:
                offset += len(part.FORM or "")
                found.add(offset)
        return found

    def _analysis(self, word: str) -> list[Any]:
        found = self._analyses.get(word)
        if found is None:
            if self._analyse is None:
                import pyvoikko

                self._analyse = pyvoikko.analyse
            found = self._analyses[word] = list(self._analyse(word))
        return found
