"""Each line rule alone, from tables of lines: what it recognises, and what it leaves to
the rules after it. The registry's order is tested last, on whole lines in context.

A line is classified in the context the lines before it make (they are parsed first); the
rule under test is then asked alone, so a rule is tested without its neighbours' say.
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import HEADER, VOCABULARIES, board, document, row
from kerava_etl.settings import DEFAULT_SETTINGS
from kerava_etl.stages.header import HeaderReader
from kerava_etl.stages.parse import rules
from kerava_etl.stages.parse.lines import Line, read_line
from kerava_etl.stages.parse.model import ParseState
from kerava_etl.stages.parse.parser import LINE_RULES, DocumentParser

BOARD = board("Kaupunkikehitysjaosto")
ROW = row("Tasapainoinen talous", "Tavoite", "Sektori", "Teemme", "Rehtorit", "Aika", "Määrä")
CONTINUED = row("", "", "", "jatkuu", "", "", "")


def at(lines: list[str], number: int) -> tuple[Line, rules.Context]:
    """Line ``number`` (1-based) of ``lines`` and its context: the lines before it parsed."""
    doc = document(*lines)
    parser = DocumentParser(
        doc, VOCABULARIES, ParseState(), (), HeaderReader(VOCABULARIES["columns"]), DEFAULT_SETTINGS
    )
    for index, raw in enumerate(doc.lines[: number - 1], start=1):
        parser.line(index, raw)
    line = read_line(number, doc.lines[number - 1], parser.held, DEFAULT_SETTINGS)
    assert line is not None
    return line, parser.context


def recognised(rule: Any, lines: list[str], number: int) -> Any:
    line, context = at(lines, number)
    return rule(line, context)


def name_of(lines: list[str], number: int) -> str:
    """The name of the first rule of the registry that recognises line ``number``."""
    line, context = at(lines, number)
    return next(r.name for r in LINE_RULES if r.recognise(line, context) is not None)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Vapaa-aika- ja hyvinvointi-", "lautakunta", HEADER], "Vapaa-aika- ja hyvinvointi-"),
        (["Rakennus- ja", "ympäristölautakunta", HEADER], "Rakennus- ja"),
        (["sekä kasvatus- että", "opetuslautakunta", HEADER], "sekä kasvatus- että"),
        (["Kaupunkikehitysjaosto", HEADER], None),  # no break
        (["Hyvinvointi-", "# Otsikko"], None),  # a page heading is not the name's rest
        (["Hyvinvointi-", "3"], None),  # nor a page number
        (["Hyvinvointi-", HEADER], None),  # nor a row
        (["Hyvinvointi-"], None),  # nothing after it in the file: read alone, not lost
        (["Vastuu-\tx", "lautakunta"], None),  # a row, not a text line
    ],
)
def test_held_back(lines: list[str], expected: str | None) -> None:
    match = recognised(rules.held_back, lines, 1)
    assert (match.text if match else None) == expected


def test_a_held_back_line_is_read_with_the_next() -> None:
    lines = ["Vapaa-aika- ja hyvinvointi-", "lautakunta", HEADER, ROW]
    line, _ = at(lines, 2)
    assert line.text == "Vapaa-aika- ja hyvinvointilautakunta"
    assert name_of(lines, 2) == "board_line"


@pytest.mark.parametrize(
    ("lines", "number", "expected"),
    [
        (["# Tasapainoinen talous"], 1, "Tasapainoinen talous"),
        (["## **Tasapainoinen talous** ##"], 1, "Tasapainoinen talous"),
        (["####### seitsemän"], 1, None),  # seven hashes: not markdown's heading
        (["#hashtag"], 1, "hashtag"),
        (["Tasapainoinen talous"], 1, None),
        ([ROW], 1, None),
    ],
)
def test_heading(lines: list[str], number: int, expected: str | None) -> None:
    match = recognised(rules.heading, lines, number)
    assert (match.text if match else None) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["## Kaupunkitekniikan lautakunta", HEADER], ("Kaupunkitekniikan lautakunta", False)),
        (["# Ympäristölautakunta", HEADER], ("Ympäristölautakunta", False)),  # a board's word
        (["# Ympäristölautakunta", "Johdanto"], ("Ympäristölautakunta", False)),  # waits
        (["# Varhaiskasvatus", HEADER], None),  # a name, but naming no board: a section
        (["# Tasapainoinen talous", HEADER], None),
    ],
)
def test_board_heading(lines: list[str], expected: tuple[str, bool] | None) -> None:
    match = recognised(rules.board_heading, lines, 1)
    assert ((match.name, match.in_table) if match else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", True),
        ("Sivu 3", True),
        ("Sivu 3 / 12", True),
        ("s. 3 (12)", True),
        ("Page 3 of 12", True),
        ("- 4 -", True),
        ("– 12 –", True),
        ("2022-2025", False),  # a period
        ("2022 – 2025", False),
        ("3 uutta koulua", False),
        ("12345", False),
    ],
)
def test_page_number(text: str, expected: bool) -> None:
    assert (recognised(rules.page_number, [text], 1) is not None) is expected


@pytest.mark.parametrize(
    ("lines", "number", "expected"),
    [
        (["Tasapainoinen talous"], 1, "Tasapainoinen talous"),
        (["TASAPAINOINEN TALOUS"], 1, "TASAPAINOINEN TALOUS"),
        (["Monipuolinen viherkaupunki"], 1, "Monipuolinen viherkaupunki"),  # an alias
        (["Tasapainoinen talous ja muuta"], 1, None),
        # A new strategy's spearhead, as the open table's rows write it.
        ([BOARD, HEADER, row("Uusi kärki", *"TSAVRM"), "Uusi kärki"], 4, "Uusi kärki"),
        ([BOARD, HEADER, ROW, "Uusi kärki"], 4, None),
    ],
)
def test_spearhead_line(lines: list[str], number: int, expected: str | None) -> None:
    match = recognised(rules.spearhead_line, lines, number)
    assert (match.text if match else None) == expected


@pytest.mark.parametrize(
    ("lines", "number", "expected"),
    [
        # Directly before a header: a name-shaped line will do.
        (["Kaupunkikehitysjaosto", HEADER], 1, ("Kaupunkikehitysjaosto", False)),
        (["Uusi toimikunta", HEADER], 1, ("Uusi toimikunta", False)),
        (["Hallintopalvelut", "", "", HEADER], 1, ("Hallintopalvelut", False)),
        (["Toimielin: Kaupunkikehitysjaosto", HEADER], 1, ("Kaupunkikehitysjaosto", False)),
        (["Kaupunkikehitysjaosto:", HEADER], 1, ("Kaupunkikehitysjaosto", False)),
        (["Vastuuhenkilö: Matti", HEADER], 1, None),  # another label
        (["Hyväksytty 12.3.2018.", HEADER], 1, None),  # digits, a full stop
        (["Tasapainoinen talous ja muuta", HEADER], 1, None),  # a row's start
        # At the foot of a page: it must name a board.
        (["Kaupunkikehitysjaosto", "# Otsikko", HEADER], 1, ("Kaupunkikehitysjaosto", False)),
        (["Varhaiskasvatus", "# Otsikko", HEADER], 1, None),
        # Inside a table, before a row: it changes the board, so it must name one.
        ([BOARD, HEADER, ROW, "Uusi jaosto", ROW], 4, ("Uusi jaosto", True)),
        ([BOARD, HEADER, ROW, "Varhaiskasvatus", ROW], 4, None),
        # Before a repeated header: it must name a board too.
        ([BOARD, HEADER, ROW, "Taulukko jatkuu", HEADER, ROW], 4, None),
        ([BOARD, HEADER, ROW, "Toinen lautakunta", HEADER, ROW], 4, ("Toinen lautakunta", False)),
        (["Kaupunkikehitysjaosto", "Johdanto"], 1, None),  # no table follows
    ],
)
def test_board_line(lines: list[str], number: int, expected: tuple[str, bool] | None) -> None:
    match = recognised(rules.board_line, lines, number)
    assert ((match.name, match.in_table) if match else None) == expected


@pytest.mark.parametrize(
    ("lines", "number", "expected"),
    [
        (["Keravan toimenpideohjelma"], 1, True),
        (["Keravan toimenpideohjelma", "2018-2021", BOARD, HEADER], 2, True),
        ([BOARD, HEADER, ROW, "Jälkisanat"], 4, False),  # the document began its table
        (["x" * 401], 1, False),
        (["y" * 400], 1, True),
    ],
)
def test_title(lines: list[str], number: int, expected: bool) -> None:
    assert (recognised(rules.title, lines, number) is not None) is expected


def test_a_row_like_line_continuing_the_file_befores_table_is_no_title() -> None:
    """A file that goes on with the previous file's table: a line shaped like a row there
    is text in the table (a row that lost its tabs), not the title block."""
    from kerava_etl.stages.parse import parse_documents

    lost = "Tasapainoinen talous Tavoite Sektori Teemme asian ja paljon muuta vielä Rehtorit"
    first, second = document(BOARD, HEADER, ROW, name="a.txt"), document(lost, name="b.txt")
    parsed = parse_documents([first, second], VOCABULARIES)
    assert parsed[1].title is None
    assert [f.code for f in parsed[1].findings] == ["text_in_table"]


@pytest.mark.parametrize(
    ("lines", "number", "expected"),
    [
        ([BOARD, HEADER, ROW, "x " * 61, ROW], 4, ("lost_tabs", False)),  # many words
        ([BOARD, HEADER, ROW, "Tasapainoinen talous Tavoite", ROW], 4, ("lost_tabs", False)),
        ([BOARD, HEADER, ROW, "Varhaiskasvatus", ROW], 4, ("subheading", True)),
        ([BOARD, HEADER, ROW, "* Jatkuu vuonna 2026", "# Uusi"], 4, ("note", False)),
        ([BOARD, HEADER, ROW, "Lautakunnan päätös 2019", "# Uusi"], 4, ("note", True)),
        (["Johdanto", BOARD, HEADER], 1, None),  # no table open
    ],
)
def test_text_in_table(lines: list[str], number: int, expected: tuple[str, bool] | None) -> None:
    match = recognised(rules.text_in_table, lines, number)
    assert ((match.kind, match.may_name_board) if match else None) == expected


@pytest.mark.parametrize(
    ("lines", "number", "expected"),
    [
        ([BOARD, HEADER, ROW], 2, (False, (), ())),
        ([BOARD, HEADER, ROW, "# Seuraava sivu", HEADER, CONTINUED], 5, (True, (), ())),
        ([BOARD, HEADER, ROW, "3", HEADER.upper(), CONTINUED], 5, (True, (), ())),
        ([BOARD, HEADER, ROW, "Toinen lautakunta", HEADER, ROW], 5, (False, (), ())),
        ([BOARD, HEADER, ROW, BOARD, HEADER, CONTINUED], 5, (True, (), ())),  # the same board
        ([BOARD, HEADER, HEADER, ROW], 3, (False, (), ())),  # the table had no rows
        (["\t".join([*HEADER.split("\t"), "Vastuu"])], 1, (False, ("Vastuu",), ())),
        (
            ["\t".join(["Painopiste", *HEADER.split("\t")[1:]])],
            1,
            (False, (), ("Strateginen kärki",)),
        ),
        ([ROW], 1, None),
        (["Strateginen kärki"], 1, None),  # a text line is no header
    ],
)
def test_header_row(lines: list[str], number: int, expected: tuple[Any, ...] | None) -> None:
    match = recognised(rules.header_row, lines, number)
    assert ((match.continues, match.repeated, match.missing) if match else None) == expected


@pytest.mark.parametrize(
    ("lines", "number", "problem"),
    [
        ([BOARD, HEADER, ROW], 3, None),
        ([BOARD, HEADER, ROW + "\t\t"], 3, None),  # empty cells past the last are dropped
        ([ROW], 1, "row_before_header"),
        ([BOARD, HEADER, "a\tb\tc"], 3, "wrong_cell_count"),
        (
            [BOARD, "\t".join(["Painopiste", *HEADER.split("\t")[1:]]), ROW],
            3,
            "row_under_bad_header",
        ),
        (
            [BOARD, HEADER, row("Tasapainoinen talous", "x" * 200_001, *"SAVRM")],
            3,
            "cell_too_large",
        ),
    ],
)
def test_data_row(lines: list[str], number: int, problem: str | None) -> None:
    match = recognised(rules.data_row, lines, number)
    assert match is not None
    assert (match.problem.code if match.problem else None) == problem


@pytest.mark.parametrize(
    ("lines", "number", "expected"),
    [
        (["Taulukko 2. Kaupunkikehitysjaosto – toimenpiteet 2018–2021", HEADER], 1, True),
        (["Table 3: Actions", HEADER], 1, True),
        (["Taulukossa on kolme saraketta", HEADER], 1, False),
        (["Liitteet ja taulukot", HEADER], 1, False),
    ],
)
def test_caption(lines: list[str], number: int, expected: bool) -> None:
    assert (recognised(rules.caption, lines, number) is not None) is expected


def test_a_caption_between_a_board_line_and_its_table_leaves_the_board_to_the_table() -> None:
    from kerava_etl.stages.parse import parse_document

    doc = document(BOARD, "Taulukko 2. Kaupunkikehitysjaosto – toimenpiteet", HEADER, ROW)
    parsed = parse_document(doc, VOCABULARIES)
    assert [row.board.name if row.board else None for row in parsed.rows] == [
        "Kaupunkikehitysjaosto"
    ]
    assert parsed.findings == []


GROUPS = "Strategia\t\t\tToteutus ja seuranta\t\t\t"


@pytest.mark.parametrize(
    ("lines", "number", "expected"),
    [
        ([BOARD, GROUPS, HEADER, ROW], 2, True),
        ([BOARD, HEADER, ROW, GROUPS, HEADER, ROW], 4, True),  # a next table's, after a row
        ([BOARD, GROUPS, ROW], 2, False),  # no header below it
        (
            [BOARD, HEADER, ROW, row("Tasapainoinen talous", "", "", "Teemme", "", "", ""), HEADER],
            4,
            False,
        ),
        ([BOARD, "\tStrategia\t\tToteutus\t\t\t", HEADER], 2, False),  # its first cell empty
        ([BOARD, "Strategia\tTavoite\t\tToteutus\t\t\t", HEADER], 2, False),  # no span
        ([BOARD, "Strategia on tärkeä.\t\t\tToteutus\t\t\t", HEADER], 2, False),  # a sentence
    ],
)
def test_header_group(lines: list[str], number: int, expected: bool) -> None:
    assert (recognised(rules.header_group, lines, number) is not None) is expected


@pytest.mark.parametrize(
    ("lines", "number", "rule"),
    [
        (["Vapaa-aika- ja hyvinvointi-", "lautakunta", HEADER], 1, "held_back"),
        (["## Kaupunkitekniikan lautakunta", HEADER], 1, "board_heading"),
        (["# Tasapainoinen talous", HEADER], 1, "heading"),
        (["# 3", HEADER], 1, "heading"),  # a heading before a page number
        (["3", HEADER], 1, "page_number"),  # a page number before a title line
        (["Tasapainoinen talous", HEADER], 1, "spearhead_line"),  # before a board line
        (["Kaupunkikehitysjaosto", HEADER], 1, "board_line"),  # before the title block
        (["Keravan toimenpideohjelma", BOARD, HEADER], 1, "title"),
        ([BOARD, HEADER, ROW, "Varhaiskasvatus", ROW], 4, "text_in_table"),
        (["Johdanto " * 60, BOARD, HEADER], 1, "text_outside"),
        ([BOARD, HEADER], 2, "header_row"),
        ([BOARD, HEADER, ROW], 3, "data_row"),
        ([ROW], 1, "data_row"),  # a row before any header: a data row, with its problem
    ],
)
def test_the_registry_tries_the_rules_in_its_order(
    lines: list[str], number: int, rule: str
) -> None:
    assert name_of(lines, number) == rule


def test_every_rule_has_a_name_of_its_own_and_the_last_takes_every_row() -> None:
    names = [r.name for r in LINE_RULES]
    assert len(set(names)) == len(names)
    assert names[-1] == "data_row"
