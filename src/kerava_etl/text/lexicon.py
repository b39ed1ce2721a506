"""Voikko's Finnish dictionary (via ``pyvoikko``) as an ``is_word`` predicate.

The build loads it in its own process, once, and passes it to whatever needs it: nothing
is cached on disk and no other process is started. Loading takes about a second, so it
happens on the first question only (a document with no broken word never pays it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

IsWord = Callable[[str], bool]


class VoikkoLexicon:
    """``is_word(word)``: whether Voikko analyses ``word`` (or its lower-case form).

    Answers depend only on the word and the installed dictionary, and are kept per lexicon.
    """

    def __init__(self) -> None:
        self._analyse: Callable[[str], Any] | None = None
        self._answers: dict[str, bool] = {}

    def __call__(self, word: str) -> bool:
        answer = self._answers.get(word)
        if answer is None:
            analyse = self._load()
            answer = self._answers[word] = bool(analyse(word) or analyse(word.lower()))
        return answer

    def _load(self) -> Callable[[str], Any]:
        if self._analyse is None:
            import pyvoikko

            self._analyse = pyvoikko.analyse
        return self._analyse
