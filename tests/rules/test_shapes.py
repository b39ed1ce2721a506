"""The named predicates the rules share, each alone from a table: a name's shape, a board's
name, a row's shape, a label's shape, and the line helpers."""

from __future__ import annotations

import pytest

from conftest import VOCABULARIES, document
from kerava_etl.settings import DEFAULT_SETTINGS
from kerava_etl.stages.header import HeaderReader, is_header_row, label_shaped
from kerava_etl.stages.parse import rules
from kerava_etl.stages.parse.lines import (
    board_name,
    joined_lines,
    labelled_text,
    split_cells,
    unquote,
)
from kerava_etl.stages.parse.model import ParsedDocument, ParseState


def context() -> rules.Context:
    """A context with no table open: the predicates about text alone."""
    doc = document("x")
    return rules.Context(
        doc.lines,
        (),
        doc.name,
        ParseState(),
        ParsedDocument(doc.name, doc.sha256, None),
        VOCABULARIES,
        HeaderReader(VOCABULARIES["columns"]),
        DEFAULT_SETTINGS,
    )


@pytest.mark.parametrize(
    ("name", "shaped"),
    [
        ("Kaupunkikehitysjaosto", True),
        ("Vapaa-aika- ja hyvinvointilautakunta", True),
        ("Uusi toimikunta", True),
        ("Hyväksytty 12.3.2018", False),  # digits
        ("Päätös tehtiin.", False),  # a sentence
        ("Huom: katso liite", False),  # a label and its value
        ("* huomautus", False),  # a note
        ("3D-mallinnus", False),  # starts with no letter
        ("Tasapainoinen talous ja muuta", False),  # a row's start: a spearhead
        ("sana " * 13, False),  # too many words
        ("a" * 121, False),  # too long
        ("", False),
    ],
)
def test_name_shaped(name: str, shaped: bool) -> None:
    assert rules.name_shaped(name, context()) is shaped


@pytest.mark.parametrize(
    ("text", "loose", "strict"),
    [
        ("Kaupunkitekniikan lautakunta", True, True),  # known
        ("KAUPUNKITEKNIIKAN LAUTAKUNTA", True, True),  # known, in capitals
        ("Ympäristölautakunta", True, True),  # a board's word ends it
        ("Rakennusjaoston", True, True),  # a genitive still names one
        ("Kasvatus- ja opetuslautakuta", True, True),  # misspells a known board
        ("Varhaiskasvatus", True, False),  # a name, but no board's
        ("Hyväksytty kaupunginvaltuustossa", True, False),  # an inflected form: a footer
        ("Toimielin: Kaupunkikehitysjaosto", True, True),  # a board's label dropped
        ("Vastuuhenkilö: Matti Meikäläinen", False, False),  # another label keeps its colon
    ],
)
def test_is_board_name(text: str, loose: bool, strict: bool) -> None:
    assert rules.is_board_name(text, context()) is loose
    assert rules.is_board_name(text, context(), strict=True) is strict


@pytest.mark.parametrize(
    ("text", "row_like"),
    [
        ("Varhaiskasvatus", False),
        ("a" * 121, True),
        ("sana " * 13, True),
        ("Tasapainoinen talous Tavoite Sektori", True),  # starts with a spearhead
        ("Innostunut henkilöstö voi hyvin", True),
        ("Taulukko jatkuu seuraavalla sivulla", False),
    ],
)
def test_could_be_a_row(text: str, row_like: bool) -> None:
    assert rules.could_be_a_row(text, context()) is row_like


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("Tasapainoinen talous", True),
        ("Sydämessä keravalainen ja muuta", True),
        ("Monipuolinen viherkaupunki", True),  # an alias of a spearhead
        ("Talous on tasapainossa", False),
        ("", False),
    ],
)
def test_starts_with_spearhead(text: str, starts: bool) -> None:
    assert rules.starts_with_spearhead(text, context()) is starts


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("Vapaa-aika- ja hyvinvointi-", "lautakunta", "Vapaa-aika- ja hyvinvointilautakunta"),
        ("Rakennus- ja", "ympäristölautakunta", "Rakennus- ja ympäristölautakunta"),
        ("Kasvatus-", "ja opetuslautakunta", "Kasvatus- ja opetuslautakunta"),  # ellipsis
        ("Keski-", "Uudenmaan", "Keski- Uudenmaan"),  # a capital after the break: kept
    ],
)
def test_joined_lines(first: str, second: str, joined: str) -> None:
    assert joined_lines(first, second) == joined


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kaupunkikehitysjaosto", "Kaupunkikehitysjaosto"),
        ("Kaupunkikehitysjaosto:", "Kaupunkikehitysjaosto"),
        ("Toimielin: Kaupunkikehitysjaosto", "Kaupunkikehitysjaosto"),
        ("TOIMIELIN:  Kaupunkikehitysjaosto ", "Kaupunkikehitysjaosto"),
        ("Vastuuhenkilö: Matti", "Vastuuhenkilö: Matti"),
    ],
)
def test_board_name(text: str, name: str) -> None:
    assert board_name(text) == name


@pytest.mark.parametrize(
    ("cells", "text"),
    [
        (["Toimielin:", "Kaupunkikehitysjaosto", ""], "Toimielin: Kaupunkikehitysjaosto"),
        (["Vastuullinen toimielin:", "Jaosto"], "Vastuullinen toimielin: Jaosto"),
        (["Hyvin pitkä selite tässä:", "Jaosto"], None),  # more words than a label has
        (["Toimielin", "Jaosto"], None),  # no colon
        (["Toimielin:", "Jaosto", "x"], None),  # a third cell with text: a row
        (["Toimielin:", "&nbsp;"], None),  # no value
    ],
)
def test_labelled_text(cells: list[str], text: str | None) -> None:
    assert labelled_text(cells, DEFAULT_SETTINGS) == text


@pytest.mark.parametrize(
    ("cell", "unquoted"),
    [
        ('"a ""b"" c"', 'a "b" c'),
        ('""', ""),
        ('"lainaus"', '"lainaus"'),  # no doubled quotes inside: text in quotes
        ('"a "b" c"', '"a "b" c"'),  # a lone quote inside: not the quoting shape
    ],
)
def test_unquote(cell: str, unquoted: str) -> None:
    assert unquote(cell) == unquoted


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("", None),
        ("\t\t", None),
        ("&nbsp;\t<br>", None),  # markup of nothing is blank
        ("a\t b \t", ["a", "b", ""]),
        ("a\u00a0\tb\x85", ["a", "b\x85"]),  # U+0085 is kept at a cell's edge (recoded later)
    ],
)
def test_split_cells(line: str, cells: list[str] | None) -> None:
    assert split_cells(line) == cells


@pytest.mark.parametrize(
    ("known", "cells", "header"),
    [
        (3, ["Kärki", "Tavoite", "Toimenpide"], True),
        (2, ["Strateginen kärki", "Toimenpide", "Vastuullinen Taho"], True),  # all shaped
        (2, ["Strateginen kärki", "Toimenpide", "teemme asian"], False),  # lower case
        (2, ["Strateginen kärki", "Toimenpide", "Vuosi 2025"], False),  # a digit
        (2, ["Strateginen kärki", "Toimenpide", "Valmis."], False),  # a sentence
        (2, ["Strateginen kärki", "Toimenpide"], False),  # too few cells with text
        (1, ["Strateginen kärki", "A", "B", "C"], False),
    ],
)
def test_is_header_row(known: int, cells: list[str], header: bool) -> None:
    assert is_header_row(known, cells, DEFAULT_SETTINGS) is header


@pytest.mark.parametrize(
    ("text", "shaped"),
    [
        ("Vastuutaho", True),
        ("Toimialan tavoite ja sen mittari", False),  # five words
        ("toimenpide", False),
        ("Mittari 1", False),
        ("Riski.", False),
    ],
)
def test_label_shaped(text: str, shaped: bool) -> None:
    assert label_shaped(text, DEFAULT_SETTINGS) is shaped
