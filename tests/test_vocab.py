"""Vocabularies (kerava_etl.vocab): the CSV files a data steward edits, and how names are
looked up in them: folded spellings, a name's variants, the nearest known name."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import VOCABULARIES
from kerava_etl.errors import KeravaError
from kerava_etl.vocab import Vocabulary, fold_name, load_vocabulary, name_variants


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Kaupunkikehitysjaosto", "kaupunkikehitysjaosto"),
        ("  Kasvatus-   ja OPETUSlautakunta ", "kasvatus- ja opetuslautakunta"),
        ("Tasapainoinen talous.", "tasapainoinen talous"),
        ("Tavoite?!", "tavoite"),
        ("Mittari:", "mittari"),
        ('"Ranta–alueet."', "ranta-alueet"),  # quotes, an en dash, a full stop
        ("”Tasapainoinen talous”.", "tasapainoinen talous"),  # the full stop after the quote
        ("«Sydämessä keravalainen»", "sydämessä keravalainen"),
        ("'Riski'*", "riski"),
        ("Kaupunki—kehitys", "kaupunki-kehitys"),  # an em dash
        ("Elinkeino\u2010 ja työllisyysjaosto", "elinkeino- ja työllisyysjaosto"),  # U+2010
    ],
)
def test_fold_name_sets_case_spacing_punctuation_quotes_and_dashes_aside(
    name: str, folded: str
) -> None:
    assert fold_name(name) == folded


@pytest.mark.parametrize(
    ("name", "variants"),
    [
        ("Kaupunkikehitysjaosto", []),
        ("Kaupunkitekniikan lauta- kunta", ["Kaupunkitekniikan lautakunta"]),  # PDF hyphenation
        ("Elinkeino- ja työllisyysjaosto", []),  # '- ja' is a word left open, not broken
        ("1. Sydämessä keravalainen", ["Sydämessä keravalainen"]),
        ("12) Tasapainoinen talous", ["Tasapainoinen talous"]),
        ("Toimenpideohjelma (2022–2025)", ["Toimenpideohjelma"]),
        ("Toimenpideohjelma 2018-2021", ["Toimenpideohjelma"]),
        ("Toimielin: Kaupunkitekniikan lautakunta", ["Kaupunkitekniikan lautakunta"]),
        ("Vastuutaho / -henkilö", ["Vastuutaho", "henkilö"]),
    ],
)
def test_name_variants_are_the_other_ways_a_document_writes_a_name(
    name: str, variants: list[str]
) -> None:
    assert name_variants(name) == variants


BOARDS_CSV = (
    "canonical,alias,note\n"
    "Kaupunkitekniikan lautakunta,,\n"
    "Kasvatus- ja opetuslautakunta,,\n"
    "Kasvatus- ja opetuslautakunta,Opetuslautakunta,short form\n"
    "Kaupunkikehitysjaosto,,\n"
)


@pytest.fixture
def boards(tmp_path: Path) -> Vocabulary:
    path = tmp_path / "boards.csv"
    path.write_text(BOARDS_CSV, encoding="utf-8")
    return load_vocabulary(path)


@pytest.mark.parametrize(
    ("raw", "cutoff", "nearly"),
    [
        ("Kaupunkikehitysjaosto", 0.9, "Kaupunkikehitysjaosto"),
        ("Kasvatus- ja opetuslautakuta", 0.9, "Kasvatus- ja opetuslautakunta"),  # a letter
        ("KASVATUS- JA OPETUSLAUTAKUTA.", 0.9, "Kasvatus- ja opetuslautakunta"),  # folded
        ("Opetuslautakuna", 0.9, "Kasvatus- ja opetuslautakunta"),  # near an alias
        ("Kaupunkitekniikka", 0.9, None),  # a word of a name is no misspelling of it
        ("Opetus", 0.9, None),
        ("Kaupunkitekniikka", 0.0, "Kaupunkitekniikan lautakunta"),  # the hint: the nearest
        ("Opetus", 0.0, "Kasvatus- ja opetuslautakunta"),
    ],
)
def test_nearly_is_a_misspelling_at_its_cutoff_and_the_nearest_name_at_0(
    boards: Vocabulary, raw: str, cutoff: float, nearly: str | None
) -> None:
    assert boards.nearly(raw, cutoff=cutoff) == nearly


def test_an_unknown_name_is_kept_with_the_nearest_known_name_as_its_hint(
    boards: Vocabulary,
) -> None:
    resolved = boards.resolve("Kaupunkitekniikan lautakunnat")
    assert (resolved.canonical, resolved.known, resolved.hint) == (
        "Kaupunkitekniikan lautakunnat",
        False,
        "Kaupunkitekniikan lautakunta",
    )
    # A known name that is not near is no hint: it would mislead.
    assert boards.resolve("Kaupunkiympäristölautakunta").hint is None
    assert boards.resolve("opetuslautakunta.").canonical == "Kasvatus- ja opetuslautakunta"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("canonical,alias,note\nA,,\n,b,\n", 3, "a row without a canonical name"),
        # A comma in an unquoted note: the rest would land in no column
        ("canonical,alias,note\nA,,\nB,b,a note, with a comma\n", 3, "4 cells where the header"),
        # A quote left open swallows every row after it
        ('canonical,alias,note\nA,,\nB,"b,\nC,,\nD,,\n', 3, "not valid CSV from here on"),
        ('canonical,alias,note\nA,,\nB,"b"x,\n', 3, "not valid CSV from here on"),
        # Lines are the file's own: a quoted note over two lines, a blank line
        ('canonical,alias,note\nA,,"two\nlines"\n,x,\n', 4, "a row without a canonical name"),
        ("canonical,alias,note\nA,,\n\n,x,\n", 4, "a row without a canonical name"),
    ],
)
def test_a_malformed_csv_row_is_refused_with_its_file_and_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = tmp_path / "boards.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KeravaError) as raised:
        load_vocabulary(path)
    assert (raised.value.file, raised.value.line) == (str(path), line)  # as the team names it
    assert str(raised.value).startswith(f"{path}:{line}: {message}")


def test_a_row_without_its_last_empty_cells_is_read(tmp_path: Path) -> None:
    """Some editors drop a row's trailing empty cells: those are empty, not an error."""
    path = tmp_path / "boards.csv"
    path.write_text("canonical,alias,note\nA\nB,b\n", encoding="utf-8")
    vocabulary = load_vocabulary(path)
    assert (vocabulary.canonical_names, vocabulary.aliases) == (("A", "B"), {"A": (), "B": ("b",)})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("canonical,alias,party_id,kind,note\nA,,P1,unit,\nB,,P1,unit,\n", "P1 is used twice"),
        ("canonical,alias,party_id,kind,note\nA,,P1,,\n", "no kind"),
        ("canonical,alias,party_id,kind,note\nA,,P1,unit,\nB,,P2,unit,\nB,a,,,\n", "names both"),
    ],
)
def test_a_vocabulary_mistake_names_its_file_and_line(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "parties.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KeravaError, match=message) as raised:
        load_vocabulary(path, required=("party_id", "kind"))
    assert raised.value.file == str(path) and raised.value.line is not None


def test_the_shipped_vocabularies_load_with_their_checks() -> None:
    assert len(VOCABULARIES["parties"].canonical_names) > 50
