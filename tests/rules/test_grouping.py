"""Grouping names no vocabulary knows (stages.grouping), alone, from tables of spellings."""

from __future__ import annotations

import pytest

from conftest import LEXICON
from kerava_etl.stages.grouping import _one_edit, group_names


def grouped(*names: str, rows: dict[str, int] | None = None) -> dict[str, str]:
    counts = {name: (rows or {}).get(name, 1) for name in names}
    return group_names(counts, LEXICON).canonical


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # Case endings and singular / plural: one base form.
        ("Lasten hyvinvointi vahvistuu", "Lapsien hyvinvointi vahvistuu"),
        ("Kaupunkitekniikka", "kaupunkitekniikan"),
        ("Rehtori", "Rehtorit"),
        # Final punctuation, quotes, dashes, case.
        ("Imagomme syntyy teoista.", '"imagomme syntyy teoista"'),
        ("Maakunta- ja sote-uudistus", "Maakunta- ja sote\u2010uudistus"),
        # "Kerava ..." and "we ..." (the town most names name, and "me").
        ("Keravan imago syntyy teoista", "Imagomme syntyy teoista"),
        (
            "Hyvinvointi ja terveys ovat meille ykkösasioita",
            "Hyvinvointi ja terveys ovat ykkösasioita",
        ),
        # A word a PDF broke in two; a compound and its words.
        ("Edistämme elinvoimapolitiikkaa", "Edistämme elinvoima politiikkaa"),
        ("lukiokoulutusjohtaja", "Lukiokoulutuksen johtaja"),
        # A typo in one word (the other spelling a word of the dictionary).
        ("Elinvoimapalvelut", "Elinvoimapaalvelut"),
    ],
)
def test_spellings_of_one_name_are_one_group(first: str, second: str) -> None:
    canonical = grouped(first, second, "Keravan kaupunki on rohkea")
    assert canonical[first] == canonical[second]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Lasten hyvinvointi vahvistuu", "Ikäihmisten hyvinvointi vahvistuu"),
        ("Liikuntapalvelut", "Kulttuuripalvelut"),
        ("Rehtorit", "Kuraattorit"),
        ("Hallinto", "Hallintopalvelut"),
        ("Arvostamme vapaaehtoistyötä", "Arvostamme aktiivisia kaupunkilaisia ja vapaaehtoistyötä"),
    ],
)
def test_similar_but_different_names_stay_apart(first: str, second: str) -> None:
    canonical = grouped(first, second)
    assert canonical[first] != canonical[second]


def test_a_pair_near_but_not_a_typo_is_reported_not_merged() -> None:
    grouping = group_names({"Tunnemme historiamme": 2, "Tunnumme historiamme": 1}, LEXICON)
    assert len(set(grouping.canonical.values())) == 2
    (pair,) = grouping.uncertain
    assert {pair.first, pair.second} == {"Tunnemme historiamme", "Tunnumme historiamme"}
    assert "both words" in pair.why  # tuntea and tuntua: one edit apart, two verbs


def test_the_canonical_spelling_is_the_best_written_never_a_typo() -> None:
    # The misspelt one has more rows; the one the dictionary knows names the group.
    rows = {"Elinvoimapaalvelut": 5, "elinvoimapalvelut": 1, "Elinvoimapalvelut": 2}
    canonical = grouped(*rows, rows=rows)
    assert set(canonical.values()) == {"Elinvoimapalvelut"}


def test_a_compound_part_before_a_hyphen_is_spelt_right() -> None:
    # "oppimis-" is no word alone; the misspelt "opimis-" is not preferred for its rows.
    rows = {"Lasten opimis- ja kasvumahdollisuudet": 3, "Lasten oppimis- ja kasvumahdollisuudet": 1}
    assert set(grouped(*rows, rows=rows).values()) == {"Lasten oppimis- ja kasvumahdollisuudet"}


def test_the_most_rows_then_the_first_met_names_a_group_of_right_spellings() -> None:
    assert set(grouped("Rehtori", "Rehtorit", rows={"Rehtorit": 3}).values()) == {"Rehtorit"}
    assert set(grouped("Rehtori", "Rehtorit").values()) == {"Rehtori"}


def test_no_names_and_one_name() -> None:
    assert group_names({}, LEXICON).canonical == {}
    assert grouped("Viestintä") == {"Viestintä": "Viestintä"}


@pytest.mark.parametrize(
    ("a", "b", "typo"),
    [
        ("elinvoimapaalvelut", "elinvoimapalvelut", True),  # a letter added
        ("peruopetusjohtaja", "perusopetusjohtaja", True),  # dropped
        ("puhtaustalvelut", "puhtauspalvelut", True),  # changed
        ("kirjsatopalvelut", "kirjastopalvelut", True),  # two neighbours swapped
        ("tunnemme", "tunumme", False),  # two edits
        ("kapunepalvelut", "kapunetipalvelut", False),
    ],
)
def test_a_typo_is_one_edit(a: str, b: str, typo: bool) -> None:
    assert _one_edit(a, b) is typo and _one_edit(b, a) is typo


def test_names_two_edits_apart_stay_apart_unsaid() -> None:
    grouping = group_names({"Kapunepalvelut": 1, "Kapunetipalvelut": 1}, LEXICON)
    assert len(set(grouping.canonical.values())) == 2 and not grouping.uncertain
