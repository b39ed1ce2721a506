"""The rules of cells and repairs that used to hide inside longer functions, each alone
from a table: the shared word lists, an achievement phrase, which cells a shift moves,
when a row goes on with the action above."""

from __future__ import annotations

import pytest

from conftest import LEXICON, VOCABULARIES
from kerava_etl.columns import COLUMN_FIELDS
from kerava_etl.stages.header import Header, HeaderReader
from kerava_etl.stages.parse.model import RawRow
from kerava_etl.stages.repairs import (
    WorkingRow,
    _shifted_fields,
    continues,
    is_achievement_phrase,
)
from kerava_etl.text.cells import CellReader, CellText
from kerava_etl.text.hyphenation import rejoin_hyphenation
from kerava_etl.text.words import CONJUNCTIONS, EDGE_SPACE, ODD_SPACE, WHITESPACE


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Kasvatus- ja opetuslautakunta", True),
        ("sekä kasvatus- että opetuspalvelut", True),  # ellipsis before "että"
        ("niin kasvatus- kuin opetustoimi", True),  # and before "kuin"
        ("kasvatus- tai opetustoimi", True),
        ("vaaratapah- tumuja", False),  # a word broken by the PDF: joined
    ],
)
def test_a_hyphen_before_a_conjunction_is_an_ellipsis_wherever_it_is_read(
    text: str, kept: bool
) -> None:
    assert (rejoin_hyphenation(text, LEXICON)[0] == text) is kept
    assert (CellReader(LEXICON)(text).items == (text,)) is kept


def test_a_number_after_any_conjunction_is_text_not_a_list_marker() -> None:
    read = CellReader(LEXICON)
    for conjunction in sorted(CONJUNCTIONS - {"ja/tai"}):
        text = f"1. vaihe 2024 {conjunction} 2. vaihe 2025"
        assert read(text).items == (text,), conjunction


def test_the_space_sets_agree() -> None:
    assert "\x85" in WHITESPACE and "\x85" not in EDGE_SPACE
    assert all(ODD_SPACE.fullmatch(ch) for ch in WHITESPACE if ch != " ")
    assert ODD_SPACE.fullmatch(" ") is None


@pytest.mark.parametrize(
    ("text", "achievement"),
    [
        ("Tehty / ei tehty", True),
        ("käynnistetty / ei käynnistetty", True),
        ("kyllä/ei", True),
        ("Otettu käyttöön / ei otettu", True),
        ("Esimiehet eivät sitoudu / ei resursseja", False),  # "ei" starts a new thought
        ("Aikataulu venyy", False),
    ],
)
def test_is_achievement_phrase(text: str, achievement: bool) -> None:
    assert is_achievement_phrase(text) is achievement


@pytest.mark.parametrize(
    ("fields", "shifted"),
    [
        (COLUMN_FIELDS[:7], ("action", "responsible", "risks", "metrics")),
        (
            (*COLUMN_FIELDS[:7], "schedule"),
            ("action", "responsible", "risks", "metrics", "schedule"),
        ),
        (("spearhead", "action", "responsible", "metrics"), ("action", "responsible", "metrics")),
        (("spearhead", "action", "risks", "responsible", "metrics"), ()),  # Vastuu not next
        ((*COLUMN_FIELDS[:7], None), ()),  # an unknown column after: nowhere to move to
        (("spearhead", "responsible", "metrics"), ()),  # no Toimenpide
        (("spearhead", "action", "responsible"), ()),  # nothing after Vastuu to shift into
    ],
)
def test_the_fields_a_shift_moves(fields: tuple[str | None, ...], shifted: tuple[str, ...]) -> None:
    assert _shifted_fields(fields) == shifted


def working(header: Header, **cells: tuple[str, ...]) -> WorkingRow:
    raw = RawRow("a.txt", 5, None, 1, None, None, ("",) * header.width, header)
    values = dict.fromkeys(COLUMN_FIELDS, CellText(()))
    values.update({name: CellText(items) for name, items in cells.items()})
    return WorkingRow(raw, values, {label: CellText(()) for label in header.labels[:1]})


HEADER = HeaderReader(VOCABULARIES["columns"])(
    ["Strateginen kärki", "Strategiset tavoitteet", "Toimenpide", "Vastuu", "Mittari"]
)


@pytest.mark.parametrize(
    ("filled_down", "action", "goes_on"),
    [
        ([], ("Teemme",), False),  # a row of its own
        (["spearhead", "strategic_goals", "action"], (), True),  # merged Toimenpide
        (["spearhead"], ("jatkuu kesken lauseen",), True),  # broken mid-sentence
        (["spearhead"], ("Teemme uuden",), False),  # a new action under merged cells
    ],
)
def test_continues(filled_down: list[str], action: tuple[str, ...], goes_on: bool) -> None:
    assert HEADER is not None
    row = working(HEADER, action=action)
    row.filled_down = filled_down
    assert continues(row) is goes_on
