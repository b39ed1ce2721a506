"""Parse stage: headings, board lines, header rows, data rows and their context."""

from __future__ import annotations

import pytest

from conftest import HEADER, VOCABULARIES, board, document, row
from kerava_etl.stages.parse import ParsedDocument, parse_document
from kerava_etl.stages.read import SourceDocument


def parse(doc: SourceDocument) -> ParsedDocument:
    return parse_document(doc, VOCABULARIES)


DATA = row("Kärki", "Tavoite", "Sektori", "Teemme", "Rehtorit", "Ajanpuute", "Määrä")


def test_title_headings_and_first_table_without_board() -> None:
    parsed = parse(
        document(
            "",
            "*Keravan kaupunkistrategian  ",
            "toimenpideohjelmien  ",
            "2018-2021*",
            "",
            "# Tasapainoinen talous",
            "",
            HEADER,
            DATA,
        )
    )
    assert parsed.title == "Keravan kaupunkistrategian toimenpideohjelmien 2018-2021"
    assert parsed.tables == 1
    (only,) = parsed.rows
    assert (only.section, only.board, only.source_line) == ("Tasapainoinen talous", None, 9)
    assert parsed.findings == []


def test_board_line_sets_the_board_of_the_table_below() -> None:
    parsed = parse(document(board("Kaupunkikehitysjaosto"), HEADER, DATA, DATA))
    assert [r.board.name if r.board else None for r in parsed.rows] == ["Kaupunkikehitysjaosto"] * 2
    assert parsed.rows[0].board is not None and parsed.rows[0].board.line == 1


def test_board_line_inside_a_table_changes_the_board_of_rows_below() -> None:
    parsed = parse(document(board("Eka lautakunta"), HEADER, DATA, board("Toka jaosto"), DATA))
    assert [r.board.name for r in parsed.rows if r.board] == ["Eka lautakunta", "Toka jaosto"]
    assert parsed.tables == 1
    assert parsed.rows[0].table == parsed.rows[1].table


def test_header_repeated_without_heading_or_board_line_goes_on_with_the_table() -> None:
    """A conversion that drops the page headings still repeats the header on each page:
    the rows below it keep their board (the header's columns spelt another way too)."""
    parsed = parse(document(board("Eka"), HEADER, DATA, "", HEADER.upper(), DATA))
    assert [r.board.name if r.board else None for r in parsed.rows] == ["Eka", "Eka"]
    assert len({r.table for r in parsed.rows}) == 1


@pytest.mark.parametrize(
    "between",
    [
        "Sosiaali- ja terveyslautakunta (päivitetty 3/2019)",  # a board line it cannot read
        "Hyväksytty kaupunginvaltuustossa",  # a running footer
    ],
)
def test_a_text_line_before_a_repeated_header_starts_a_new_table(between: str) -> None:
    """The line may name the next table's board: the rows below are not given the board
    above (reported as board_missing, with the line as a note), never guessed."""
    parsed = parse(document(board("Eka lautakunta"), HEADER, DATA, between, "- 4 -", HEADER, DATA))
    assert [r.board.name if r.board else None for r in parsed.rows] == ["Eka lautakunta", None]
    assert [f.code for f in parsed.findings] == ["note_in_table"]


def test_a_label_and_value_line_is_no_board_line() -> None:
    """Not taken for the board; the board line above it is not directly above the header
    either, so the rows have no board (reported), rather than a guessed one."""
    parsed = parse(
        document(
            board("Kaupunkitekniikan lautakunta"),
            "Vastuuhenkilö: Kaupunkitekniikan toimialajohtaja",
            HEADER,
            DATA,
        )
    )
    assert parsed.rows[0].board is None


def test_a_line_ending_in_a_hyphen_is_not_joined_with_a_page_heading() -> None:
    lines = (board("Eka lautakunta"), HEADER, DATA, "Ks. myös liite-", "# Sivistyksen edelläkävijä")
    parsed = parse(document(*lines, HEADER, DATA))
    assert parsed.rows[1].section == "Sivistyksen edelläkävijä"


def test_header_with_another_board_line_starts_a_new_table() -> None:
    lines = (board("Eka"), HEADER, DATA, board("Toka jaosto"), HEADER, DATA)
    parsed = parse(document(*lines))
    assert [r.board.name if r.board else None for r in parsed.rows] == ["Eka", "Toka jaosto"]
    assert len({r.table for r in parsed.rows}) == 2


@pytest.mark.parametrize(
    ("between", "board_below"),
    [
        ("Taulukko jatkuu seuraavalla sivulla", None),  # a name's shape: may name a board
        ("Tuusulan kunta | Toimeenpano-ohjelma 2022–2025", "Eka"),  # a running footer
        ("Toimielin:\tToka jaosto\t\t\t\t\t", "Toka jaosto"),  # the label is no name
    ],
)
def test_what_a_line_before_a_repeated_header_does_to_the_board(
    between: str, board_below: str | None
) -> None:
    """Before the header repeated, a line must name a board to board the rows below; a
    line that may name one (but does not end in a board's word) starts a new table with
    no board (reported); page furniture, however worded, lets the table go on."""
    parsed = parse(document(board("Eka"), HEADER, DATA, between, HEADER, DATA))
    assert [r.board.name if r.board else None for r in parsed.rows] == ["Eka", board_below]


def test_board_line_at_the_foot_of_a_page_boards_the_next_pages_table() -> None:
    """Board line, page number and heading, then the header: the board line is the next
    table's, not a note inside the table above."""
    lines = (board("Eka lautakunta"), HEADER, DATA, "", board("Toka lautakunta"), "", "- 4 -")
    parsed = parse(document(*lines, "# Tasapainoinen talous", HEADER, DATA))
    boards = [r.board.name if r.board else None for r in parsed.rows]
    assert boards == ["Eka lautakunta", "Toka lautakunta"]
    assert parsed.findings == []


def test_a_title_line_before_a_page_heading_is_no_board() -> None:
    """Past a page break only a name that names a board is a board line: the title's
    last line, a heading and the first header give the first table no board."""
    parsed = parse(document("Kaupunkistrategian toimenpideohjelma", "# Otsikko", HEADER, DATA))
    assert parsed.rows[0].board is None
    assert parsed.title == "Kaupunkistrategian toimenpideohjelma"


def test_a_file_goes_on_with_the_table_of_the_file_before_only_with_a_merged_row() -> None:
    """A split document's next part (a heading, the header again, a row going on from
    the one above) continues the table; a file that starts with a whole row, as a
    programme does, starts a new table, without the board of the file before."""
    from kerava_etl.stages.parse import parse_documents

    first = document(board("Eka lautakunta"), HEADER, DATA, name="a.txt")
    part = document("# Jatkuu", HEADER, row("", "", "", "Teemme B", "V", "", ""), name="b.txt")
    programme = document("Toinen ohjelma", "# Otsikko", HEADER, DATA, name="c.txt")
    parsed = parse_documents([first, part, programme], VOCABULARIES)
    rows = [row for document in parsed for row in document.rows]
    assert [r.board.name if r.board else None for r in rows] == [
        "Eka lautakunta",
        "Eka lautakunta",
        None,
    ]
    assert [r.table for r in rows] == [1, 1, 2]


def test_a_board_line_in_markdown_bold_is_a_board_line() -> None:
    parsed = parse(document("**Eka lautakunta**", HEADER, DATA))
    assert parsed.rows[0].board is not None
    assert parsed.rows[0].board.name == "Eka lautakunta"


def test_a_board_label_and_name_in_two_cells_are_a_board_line() -> None:
    parsed = parse(document("Toimielin:\tEka lautakunta\t\t\t\t\t", HEADER, DATA))
    assert parsed.rows[0].board is not None
    assert parsed.rows[0].board.name == "Eka lautakunta"  # the label is no part of it
    assert parsed.findings == []


def test_a_board_name_broken_over_two_lines_at_a_hyphen_is_one_board_line() -> None:
    parsed = parse(document("Vapaa-aika- ja hyvinvointi-", "lautakunta", HEADER, DATA))
    assert parsed.rows[0].board is not None
    assert parsed.rows[0].board.name == "Vapaa-aika- ja hyvinvointilautakunta"


def test_board_line_whose_tabs_were_lost_is_still_a_board_line() -> None:
    parsed = parse(document("Eka lautakunta", HEADER, DATA))
    assert parsed.rows[0].board is not None
    assert parsed.rows[0].board.name == "Eka lautakunta"


def test_title_line_before_a_heading_is_not_a_board_line() -> None:
    parsed = parse(document("2018-2021*", "", "# Otsikko", HEADER, DATA))
    assert parsed.rows[0].board is None
    assert parsed.title == "2018-2021"


def test_wrong_cell_count_is_a_finding_with_its_line() -> None:
    parsed = parse(document(HEADER, "a\tb\tc", DATA + "\tylimääräinen"))
    assert parsed.rows == []
    assert [(f.code, f.source_line) for f in parsed.findings] == [
        ("wrong_cell_count", 2),
        ("wrong_cell_count", 3),
    ]
    assert "expected 7 tab-separated cells (the column-header row at line 1 has 7), found 3" in (
        parsed.findings[0].message
    )


def test_trailing_empty_cells_beyond_seven_are_ignored() -> None:
    parsed = parse(document(HEADER, DATA + "\t\t"))
    assert len(parsed.rows) == 1 and parsed.findings == []


def test_data_row_before_any_header_is_a_finding() -> None:
    parsed = parse(document(DATA, HEADER, DATA))
    assert [(f.code, f.source_line) for f in parsed.findings] == [("row_before_header", 1)]
    assert [r.source_line for r in parsed.rows] == [3]


def test_cells_are_stripped_and_padded_cells_still_match_the_header() -> None:
    padded_header = "\t".join(f"  {c} " for c in HEADER.split("\t"))
    parsed = parse(document(padded_header, "\t".join(f" {c}  " for c in DATA.split("\t"))))
    assert parsed.rows[0].cells == tuple(DATA.split("\t"))


def test_columns_are_read_by_their_header_labels() -> None:
    labels = HEADER.split("\t")
    swapped = "\t".join([*labels[:5], labels[6], labels[5]])
    parsed = parse(
        document(swapped, row("K", "T", "S", "Teemme asian.", "V", "Määrä 5", "Aika loppuu."))
    )
    (only,) = parsed.rows
    cells = dict(zip(only.header.fields, only.cells, strict=True))
    assert (cells["risks"], cells["metrics"]) == ("Aika loppuu.", "Määrä 5")


def test_a_header_in_words_the_vocabulary_half_knows_is_still_a_header() -> None:
    """Two known labels and the rest shaped like labels: a header that cannot be read, not
    a data row (whose cells would be read with the wrong table's columns)."""
    weak = "\t".join(["Kärkihanke", "Tavoite", "Painopiste", "Toimenpiteet", "Vastuutaho"])
    parsed = parse(document(HEADER, DATA, board("Jaosto"), weak, "\t".join("abcde")))
    assert [(f.code, f.source_line) for f in parsed.findings] == [
        ("header_incomplete", 4),
        ("row_under_bad_header", 5),
    ]
    assert "'Kärkihanke' (nearest known: 'Strateginen kärki')" in parsed.findings[0].message


def test_a_row_that_lost_its_tabs_inside_a_table_is_an_error_not_lost() -> None:
    lost = "Tasapainoinen talous Tavoite Sektori Teemme asian Rehtorit Ajanpuute Määrä"
    parsed = parse(document(HEADER, DATA, lost, "", "# Otsikko"))
    assert [(f.code, f.source_line) for f in parsed.findings] == [("text_in_table", 3)]
    assert parsed.findings[0].severity == "error"
    assert "most likely a row that lost its tabs" in parsed.findings[0].message


def test_a_short_note_inside_a_table_is_a_warning() -> None:
    parsed = parse(document(HEADER, DATA, "* Toimenpide jatkuu vuonna 2023", "", "# Otsikko"))
    assert [(f.code, f.severity) for f in parsed.findings] == [("note_in_table", "warning")]


def test_page_numbers_are_page_breaks_not_boards_or_notes() -> None:
    parsed = parse(document(board("Eka lautakunta"), HEADER, DATA, "Sivu 3 / 12", DATA, "4", DATA))
    assert parsed.findings == []
    assert [r.board.name if r.board else None for r in parsed.rows] == ["Eka lautakunta"] * 3


def test_a_subheading_inside_a_table_is_a_section_not_a_board() -> None:
    parsed = parse(document(board("Eka lautakunta"), HEADER, DATA, "Varhaiskasvatus", DATA))
    assert [(r.board.name if r.board else None, r.section) for r in parsed.rows] == [
        ("Eka lautakunta", None),
        ("Eka lautakunta", "Varhaiskasvatus"),
    ]


def test_long_text_before_the_first_table_is_outside_the_dataset() -> None:
    parsed = parse(document("Johdanto " * 60, HEADER, DATA))
    assert [(f.code, f.source_line) for f in parsed.findings] == [("text_outside_table", 1)]


def test_huge_cell_is_reported_not_parsed() -> None:
    parsed = parse(document(HEADER, row("K", "T", "S", "x" * 300_000, "V", "R", "M")))
    assert parsed.rows == []
    assert parsed.findings[0].code == "cell_too_large"
    assert parsed.findings[0].field == "action"


def test_heading_forms_and_a_pathological_heading() -> None:
    from kerava_etl.stages.parse.lines import heading_text as _heading

    assert _heading("# Tasapainoinen talous") == "Tasapainoinen talous"
    assert _heading("#Otsikko") == "Otsikko"
    assert _heading("## Otsikko ##") == "Otsikko"
    assert _heading("# **Otsikko**") == "Otsikko"
    assert _heading("# C# ohjelmointi") == "C# ohjelmointi"
    assert _heading("Kasvatus- ja opetuslautakunta") is None
    assert _heading("####### seitsemän") is None
    assert _heading("# x" + "#" * 200_000 + "y") == "x" + "#" * 200_000 + "y"


def test_row_whose_tabs_became_spaces_is_no_board_line() -> None:
    flattened = "    ".join(["Kärki", "Pitkä tavoite " * 8, "Sektori", "Teemme", "V", "R", "M"])
    parsed = parse(document(board("Eka"), HEADER, DATA, flattened, DATA))
    assert [r.board.name if r.board else None for r in parsed.rows] == ["Eka", "Eka"]
    assert [(f.code, f.source_line) for f in parsed.findings] == [("text_in_table", 4)]


def test_misspelt_labels_are_unknown_columns_with_the_nearest_known_label() -> None:
    labels = HEADER.split("\t")
    damaged = "\t".join([*labels[:4], "Vastu", "Riksi", "Mittarit"])
    parsed = parse(document(HEADER, DATA, damaged, DATA))
    assert [(f.code, f.source_line) for f in parsed.findings] == [
        ("column_unknown", 3),
        ("column_unknown", 3),
        ("column_missing", 3),
        ("column_missing", 3),
    ]
    unknown, riksi, no_vastuu, no_riski = (f.message for f in parsed.findings)
    assert "'Vastu' (nearest known: 'Vastuu')" in unknown
    assert "'Riksi' (nearest known: 'Riski')" in riksi
    assert "no Vastuu column" in no_vastuu and "no Riski column" in no_riski
    assert len(parsed.rows) == 2


def test_only_csv_style_quoting_is_unquoted() -> None:
    from kerava_etl.stages.parse.lines import unquote as _unquote

    assert _unquote('"a ""b"" c"') == 'a "b" c'
    assert _unquote('""') == ""
    assert _unquote('"lainaus"') == '"lainaus"'  # quoted text, not quoting
    assert _unquote('"x" ja "y"') == '"x" ja "y"'
    assert _unquote('"Kaikki ""esimies"" -koulutus".') == '"Kaikki ""esimies"" -koulutus".'


def test_board_lines_written_with_a_colon_a_prefix_or_a_period_name_the_board() -> None:
    from kerava_etl.vocab import Vocabulary

    boards: Vocabulary = VOCABULARIES["boards"]
    assert boards.canonical_of("Toimielin: Kaupunkikehitysjaosto") == "Kaupunkikehitysjaosto"
    assert boards.canonical_of("Kasvatus- ja opetuslautakunta (2022–2025)") == (
        "Kasvatus- ja opetuslautakunta"
    )
    assert boards.canonical_of("Kaupunkitekniikan lauta- kunta") == "Kaupunkitekniikan lautakunta"
    parsed = parse(document(board("Tekninen lautakunta:"), HEADER, DATA))
    assert parsed.rows[0].board is not None and parsed.rows[0].board.name == "Tekninen lautakunta"


def test_a_title_or_a_note_directly_above_a_header_is_no_board() -> None:
    parsed = parse(document("Sipoon kunnan toimenpideohjelma 2022–2025", HEADER, DATA))
    assert parsed.rows[0].board is None
    assert parsed.title == "Sipoon kunnan toimenpideohjelma 2022–2025"


def test_a_page_break_that_repeats_the_board_line_continues_the_table() -> None:
    merged = row("", "", "", "Jatkuu", "V", "R", "M")
    parsed = parse(
        document(
            board("Eka lautakunta"), HEADER, DATA, "# Sivu", board("Eka lautakunta"), HEADER, merged
        )
    )
    assert [r.table for r in parsed.rows] == [1, 1]


def test_labels_with_a_slash_or_pdf_hyphenation_are_known() -> None:
    columns = VOCABULARIES["columns"]
    assert columns.canonical_of("Vastuutaho / -henkilö") == "Vastuu"
    assert columns.canonical_of("Mittari / tavoitetaso") == "Mittari"
    assert columns.canonical_of("Strategiset ta- voitteet") == "Strategiset tavoitteet"


def test_a_windows_1252_ellipsis_at_a_cells_end_is_not_stripped_as_a_space() -> None:
    parsed = parse(document(HEADER, row("Kärki", "T", "S", "Kunnostamme torin\x85", *"VRM")))
    assert parsed.rows[0].cells[3] == "Kunnostamme torin\x85"


def test_a_board_line_ending_a_file_boards_the_next_files_table_past_its_heading() -> None:
    from kerava_etl.stages.parse import parse_documents

    first = document(board("Eka lautakunta"), HEADER, DATA, board("Toka lautakunta"), name="a")
    second = document("# Sivistyksen edelläkävijä", HEADER, DATA, name="b")
    rows = [r for p in parse_documents([first, second], VOCABULARIES) for r in p.rows]
    boards = [r.board.name if r.board else None for r in rows]
    assert boards == ["Eka lautakunta", "Toka lautakunta"]


def test_a_line_ending_in_a_hyphen_at_a_files_end_is_not_lost() -> None:
    """It is not joined with the next file's first line: it is read on its own."""
    from kerava_etl.stages.parse import parse_documents

    first = document(board("Eka lautakunta"), HEADER, DATA, "Jatkuu seuraavassa osassa-", name="a")
    second = document("lautakunta", HEADER, DATA, name="b")
    parsed = parse_documents([first, second], VOCABULARIES)
    assert [(f.source_file, f.source_line) for f in parsed[0].findings] == [("a", 4)]


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (("Rakennus- ja", "ympäristölautakunta"), "Rakennus- ja ympäristölautakunta"),
        (("Kulttuuri- ja vapaa-aika-", "lautakunta"), "Kulttuuri- ja vapaa-aikalautakunta"),
    ],
)
def test_a_board_name_wrapped_over_two_lines_is_one_name(lines: tuple[str, str], name: str) -> None:
    parsed = parse(document(*lines, HEADER, DATA))
    assert parsed.rows[0].board is not None
    assert parsed.rows[0].board.name == name


def test_a_misspelt_known_board_before_a_repeated_header_is_a_board_line() -> None:
    """'opetuslautakuta' ends in no board's word, but misspells a known board by a letter:
    the rows below are its (flagged board_unknown later), not the board above."""
    lines = (board("Kaupunkitekniikan lautakunta"), HEADER, DATA, "Kasvatus- ja opetuslautakuta")
    parsed = parse(document(*lines, HEADER, DATA))
    assert parsed.rows[1].board is not None
    assert parsed.rows[1].board.name == "Kasvatus- ja opetuslautakuta"


def test_a_line_repeating_the_tables_spearhead_is_a_heading_and_the_table_goes_on() -> None:
    """A page heading that lost its '#' names a new strategy's spearhead, as the rows
    above write it: page furniture, not a line that may name a board."""
    spearhead_row = row("Hyvinvoivat järvenpääläiset", *"TSAVRM")
    lines = (board("Eka lautakunta"), HEADER, spearhead_row, "Hyvinvoivat järvenpääläiset")
    parsed = parse(document(*lines, HEADER.upper(), spearhead_row))
    assert [r.board.name if r.board else None for r in parsed.rows] == ["Eka lautakunta"] * 2
    assert parsed.rows[1].section == "Hyvinvoivat järvenpääläiset"


def test_an_unknown_label_twice_is_a_repeated_column_not_a_lost_cell() -> None:
    header = "\t".join([*HEADER.split("\t"), "Huom", "Huom"])
    parsed = parse(document(board("Kaupunkikehitysjaosto"), header, DATA + "\th1\th2"))
    assert ("column_repeated", 2) in {(f.code, f.source_line) for f in parsed.findings}


def test_a_year_range_in_the_title_is_no_page_number() -> None:
    lines = ("Toimenpideohjelma", "2022-2025", "", board("Kaupunkikehitysjaosto"), HEADER, DATA)
    assert parse(document(*lines)).title == "Toimenpideohjelma 2022-2025"


def test_a_row_that_lost_its_tabs_at_the_top_of_a_continuation_file_is_an_error() -> None:
    from kerava_etl.stages.parse import parse_documents

    lost = "Tasapainoinen talous Tavoite Sektori Teemme asian ja paljon muuta vielä Rehtorit Aika"
    parsed = parse_documents(
        [
            document(board("Kaupunkikehitysjaosto"), HEADER, row(*"ABCDEFG"), name="a.txt"),
            document(lost, row(*"HIJKLMN"), name="b.txt"),
        ],
        VOCABULARIES,
    )
    assert ("text_in_table", "b.txt", 1) in {
        (f.code, f.source_file, f.source_line) for p in parsed for f in p.findings
    }
