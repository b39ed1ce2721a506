"""The Finnish lexicon behind hyphenation: helper process, cache file, fallbacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kerava_etl.lexicon import CachedLexicon, HelperLexicon, load_in_process


def test_helper_process_answers_like_the_in_process_dictionary() -> None:
    helper = HelperLexicon()
    in_process = load_in_process()
    assert in_process is not None
    try:
        for word in ("kaavahankkeissa", "vaaratapah", "esimiehenä", "Kerava", "xyzzy"):
            assert helper(word) == in_process(word), word
    finally:
        helper.close()


def test_closed_helper_falls_back_to_the_in_process_dictionary() -> None:
    helper = HelperLexicon()
    helper.close()
    assert helper("suunnitelmaa") is True
    assert helper("nitelmaa") is False


def test_cache_answers_without_asking_and_learns_new_words(tmp_path: Path) -> None:
    path = tmp_path / "voikko.json"
    path.write_text(json.dumps({"kaava": True}), encoding="utf-8")
    asked: list[str] = []

    def source() -> object:
        def is_word(word: str) -> bool:
            asked.append(word)
            return word == "hanke"

        return is_word

    lexicon = CachedLexicon(path, source)  # type: ignore[arg-type]
    assert lexicon("kaava") is True and asked == []
    assert lexicon("hanke") is True and lexicon("hanke") is True and asked == ["hanke"]
    lexicon.save()
    assert json.loads(path.read_text("utf-8")) == {"hanke": True, "kaava": True}


def test_damaged_cache_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "voikko.json"
    path.write_text("{not json", encoding="utf-8")
    lexicon = CachedLexicon(path, lambda: lambda word: word == "talo")
    assert lexicon("talo") is True and lexicon("tal") is False


def test_cli_lexicon_starts_the_helper_only_when_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kerava_etl import lexicon

    started: list[int] = []

    class FakeHelper:
        def __init__(self) -> None:
            started.append(1)

        def __call__(self, word: str) -> bool:
            return word == "talo"

    monkeypatch.setattr(lexicon, "HelperLexicon", FakeHelper)
    monkeypatch.setenv("KERAVA_ETL_CACHE_DIR", str(tmp_path))
    first = lexicon.cli_lexicon()  # no cache file: the helper starts at once
    assert started == [1]
    assert first("talo") is True
    first.save()
    second = lexicon.cli_lexicon()  # a cache file: no helper until a word is missing
    assert second("talo") is True and started == [1]
    assert second("tal") is False and started == [1, 1]
