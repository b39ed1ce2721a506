"""Normalise stage: merged rows, genuinely empty cells, repairs and flags."""

from __future__ import annotations

import pytest

from conftest import (
    HEADER,
    LEXICON,
    VOCABULARIES,
    actions_of,
    board,
    document,
    row,
    transformed,
)
from kerava_etl.errors import InternalError
from kerava_etl.pipeline import transform

BOARD = board("Kaupunkikehitysjaosto")


def test_merged_row_inherits_only_its_leading_empty_cells() -> None:
    (first, second, third) = actions_of(
        document(
            BOARD,
            HEADER,
            row("Sydämessä keravalainen", "Tavoite A", "Sektori A", "Teemme A", "V", "R", "M"),
            row("", "", "", "Teemme B", "V", "R", "M"),
            row("", "", "Sektori C", "Teemme C", "V", "R", "M"),
        )
    )
    assert first.filled_down == []
    assert (second.spearhead, second.strategic_goals, second.sector_goal) == (
        "Sydämessä keravalainen",
        ["Tavoite A"],
        "Sektori A",
    )
    assert second.filled_down == ["spearhead", "strategic_goals", "sector_goal"]
    assert third.sector_goal == "Sektori C"
    assert third.filled_down == ["spearhead", "strategic_goals"]


def test_empty_cell_after_a_first_cell_is_genuinely_empty() -> None:
    (_first, second) = actions_of(
        document(
            BOARD,
            HEADER,
            row("Sydämessä keravalainen", "Tavoite", "Sektori", "Teemme", "V", "R", "M"),
            row("Sydämessä keravalainen", "Tavoite", "", "Teemme B", "V", "", "M"),
        )
    )
    assert second.sector_goal is None and second.risks == []
    assert second.filled_down == []


def test_merged_row_after_board_header() -> None:
    (_first, second) = actions_of(
        document(
            BOARD,
            HEADER,
            row("Sydämessä keravalainen", "Tavoite", "Sektori", "Teemme", "V", "R", "M"),
            board("Sosiaali- ja terveyslautakunta"),
            row("", "", "", "Teemme B", "V", "R", "M"),
        )
    )
    assert second.board == "Sosiaali- ja terveyslautakunta"
    assert (second.spearhead, second.sector_goal) == ("Sydämessä keravalainen", "Sektori")


def test_merged_row_never_inherits_across_tables() -> None:
    (_first, second) = actions_of(
        document(
            BOARD,
            HEADER,
            row("Sydämessä keravalainen", "Tavoite", "Sektori", "Teemme", "V", "R", "M"),
            BOARD,
            HEADER,
            row("Sydämessä keravalainen", "", "", "Teemme B", "V", "R", "M"),
        )
    )
    assert second.strategic_goals == [] and second.sector_goal is None


def test_continuation_row_with_nothing_above_is_flagged() -> None:
    (only,) = actions_of(
        document(
            BOARD,
            HEADER,
            row("Sydämessä keravalainen", "", "", "Teemme", "V", "R", "M"),
            board("Sosiaali- ja terveyslautakunta"),
            HEADER,
            row("", "", "S", "Teemme", "V", "R", "M"),
        )
    )
    assert only.action == "Teemme"


def test_shifted_cells_are_shifted_back() -> None:
    (_first, shifted) = actions_of(
        document(
            BOARD,
            HEADER,
            row(
                "Sydämessä keravalainen",
                "Tavoite",
                "Sektori",
                "Teemme",
                "Rehtorit, opettajat",
                "Riski A",
                "Mittari A",
            ),
            row("", "", "Sektori B", "Rehtorit", "<ul><li>Riski B</li></ul>", "Mittari B", ""),
        )
    )
    assert shifted.action is None
    assert (shifted.responsible, shifted.risks, shifted.metrics) == (
        ["Rehtorit"],
        ["Riski B"],
        ["Mittari B"],
    )
    assert shifted.sector_goal == "Sektori B"
    assert "cells_shifted" in shifted.quality_flags


def test_empty_last_cell_alone_is_not_a_shift() -> None:
    (_first, second) = actions_of(
        document(
            BOARD,
            HEADER,
            row("Sydämessä keravalainen", "Tavoite", "Sektori", "Teemme", "Rehtorit", "R", "M"),
            row("", "", "", "Kehitämme toimintaa", "Rehtorit", "Riski", ""),
        )
    )
    assert second.action == "Kehitämme toimintaa" and second.metrics == []
    assert "cells_shifted" not in second.quality_flags


def test_swapped_risk_and_metric_are_swapped_back() -> None:
    (swapped, fine) = actions_of(
        document(
            BOARD,
            HEADER,
            row(
                "Sydämessä keravalainen",
                "T",
                "S",
                "A",
                "V",
                "Selvitys käynnistetty / ei",
                "Mahdolliset ongelmat.",
            ),
            row("Sydämessä keravalainen", "T", "S", "B", "V", "Resurssit.", "Toteutettu / ei"),
        )
    )
    assert (swapped.risks, swapped.metrics) == (
        ["Mahdolliset ongelmat."],
        ["Selvitys käynnistetty / ei"],
    )
    assert "risk_metric_swapped" in swapped.quality_flags
    assert (fine.risks, fine.metrics) == (["Resurssit."], ["Toteutettu / ei"])
    assert "risk_metric_swapped" not in fine.quality_flags


def test_mixed_script_is_flagged_and_kept() -> None:
    (only,) = actions_of(
        document(
            BOARD,
            HEADER,
            row("Sydämessä keravalainen", "T", "S", "A", "V", "R", "potiaστοimisto"),
        )
    )
    assert only.metrics == ["potiaστοimisto"]
    assert "mixed_script" in only.quality_flags


def test_vocabulary_alias_unknown_and_missing_board() -> None:
    aliased, unknown, no_board = actions_of(
        document(
            board("Kaupunkitekniiikan lautakunta"),
            HEADER,
            row("Monipuolinen viherkaupunki", "T", "S", "A", "V", "R", "M"),
            name="a.txt",
        ),
        document(
            board("Uusi tulevaisuuslautakunta"),
            HEADER,
            row("Uusi kärki", "T", "S", "A", "V", "R", "M"),
            name="b.txt",
        ),
        document(HEADER, row("tasapainoinen  TALOUS", "T", "S", "A", "V", "R", "M"), name="c.txt"),
    )
    assert (aliased.board, aliased.board_raw) == (
        "Kaupunkitekniikan lautakunta",
        "Kaupunkitekniiikan lautakunta",
    )
    assert (aliased.spearhead, aliased.spearhead_raw) == (
        "Monimuotoinen viherkaupunki",
        "Monipuolinen viherkaupunki",
    )
    assert not {"board_alias", "spearhead_alias"} & set(aliased.quality_flags)
    assert (unknown.board, unknown.spearhead) == ("Uusi tulevaisuuslautakunta", "Uusi kärki")
    assert {"board_unknown", "spearhead_unknown"} <= set(unknown.quality_flags)
    assert no_board.board is None and "board_missing" in no_board.quality_flags
    assert no_board.spearhead == "Tasapainoinen talous"


def test_unknown_board_is_reported_with_the_nearest_known_name() -> None:
    _, _, findings = transformed(
        document(
            board("Kaupunkitekniikan lautakuntaa"),
            HEADER,
            row("Tasapainoinen talous", "T", "S", "A", "V", "R", "M"),
        )
    )
    (unknown,) = [f for f in findings if f.code == "board_unknown"]
    assert unknown.source_line == 3
    assert (
        unknown.value is not None and "nearest known: Kaupunkitekniikan lautakunta" in unknown.value
    )


def test_action_text_keeps_its_paragraphs_on_lines() -> None:
    (only,) = actions_of(
        document(
            BOARD,
            HEADER,
            row("Sydämessä keravalainen", "T", "S", "Ensin teemme.  Sitten teemme.", "V", "R", "M"),
        )
    )
    assert only.action == "Ensin teemme.\nSitten teemme."


# A valid record, as the stages make it (every field of the model, whatever the registry
# holds), with a known board and spearhead.
BASE = {
    **transformed(
        document(
            board("Kaupunkikehitysjaosto"),
            HEADER,
            row("Tasapainoinen talous", "", "", "Teemme", "", "", ""),
            name="a.txt",
        )
    )[1][0],
    "action_id": "KRV-000000000000",
}


@pytest.mark.parametrize(
    ("records", "message"),
    [
        pytest.param([BASE, dict(BASE, source_line=4)], "is not unique", id="duplicate-id"),
        pytest.param([dict(BASE, action=None)], "no quality flag says why", id="null-action"),
        pytest.param([dict(BASE, board="Keksitty")], "neither canonical nor flagged", id="board"),
        pytest.param([dict(BASE, source_line=0)], "the model refuses", id="model"),
    ],
)
def test_a_state_the_stages_cannot_produce_is_an_internal_error(
    records: list[dict[str, object]], message: str
) -> None:
    from kerava_etl.stages.validate import validate_records

    assert validate_records([BASE], VOCABULARIES) == ([BASE], [])
    with pytest.raises(InternalError, match=message):
        validate_records(records, VOCABULARIES)


def test_a_row_with_only_a_spearhead_and_a_bullet_is_an_empty_record() -> None:
    _, _, findings = transformed(
        document(BOARD, HEADER, row("Tasapainoinen talous", "•", "", "", "", "", ""))
    )
    assert ("empty_record", 3) in {(f.code, f.source_line) for f in findings}


def test_mixed_script_words_are_reported_in_column_order() -> None:
    _, _, findings = transformed(
        document(
            board("Kaupunkikehitysjaosto"),
            HEADER,
            row("Sydämessä keravalainen", "T", "S", "A", "V", "riskiσ", "mittariτ"),
        )
    )
    assert [f.value for f in findings if f.code == "mixed_script"] == ["riskiσ, mittariτ"]


def test_a_risk_with_a_slash_and_ei_is_not_an_achievement_phrase() -> None:
    from kerava_etl.stages.repairs import is_achievement_phrase

    assert is_achievement_phrase("Selvitystyö käynnistetty / ei käynnistetty")
    assert is_achievement_phrase("Tekniikka otettu käyttöön / ei otettu/osittain")
    assert is_achievement_phrase("elinkaarilaskelmat (kyllä/ei).")
    assert not is_achievement_phrase("Esimiehet eivät sitoudu / ei resursseja")
    (only,) = actions_of(
        document(
            BOARD,
            HEADER,
            row(
                "Tasapainoinen talous", *"TSAV", "Esimiehet eivät sitoudu / ei resursseja", "Tulos"
            ),
        )
    )
    assert only.risks == ["Esimiehet eivät sitoudu / ei resursseja"]
    assert "risk_metric_swapped" not in only.quality_flags


def test_an_unknown_first_column_is_no_part_of_a_merged_row() -> None:
    header = "Nro\t" + HEADER
    first, merged = actions_of(
        document(
            BOARD,
            header,
            "1.1\t" + row("Tasapainoinen talous", "Tavoite", "Sektori", "Teemme A", "V", "R", "M"),
            "1.2\t" + row("", "", "", "Teemme B", "V", "R", "M"),
        )
    )
    assert merged.spearhead == "Tasapainoinen talous"
    assert merged.filled_down == ["spearhead", "strategic_goals", "sector_goal"]
    assert (first.extra, merged.extra) == ({"Nro": "1.1"}, {"Nro": "1.2"})


def test_progress_names_each_stage_as_it_begins() -> None:
    """A progress bar (and bench/stages.py) learns of a stage when it starts, not after its
    first thousand rows: a small build still shows 'normalise'."""
    calls: list[tuple[str, int, int]] = []
    documents = [
        document(BOARD, HEADER, row("Sydämessä keravalainen", "T", "S", "Teemme", "V", "R", "M"))
    ]
    transform(
        documents,
        lexicon=LEXICON,
        vocabularies=VOCABULARIES,
        progress=lambda *call: calls.append(call),
    )
    assert calls == [("parse", 1, 1), ("normalise", 0, 1)]


def test_a_row_without_its_own_action_goes_into_the_action_above() -> None:
    """A row broken across a page (or a Toimenpide cell merged over two rows) is no new
    action: nothing is lost, no action is counted twice, and the record says so."""
    _infos, records, findings = transformed(
        document(
            BOARD,
            HEADER,
            row("Sydämessä keravalainen", "T", "S", "Teemme A", "Rehtorit", "R", "Hyvinvointi"),
            "# Sydämessä keravalainen",
            HEADER,
            row("", "", "", "", "Kuraattorit", "", "ja oppilaskyselyn tulos"),
            row("", "", "", "Teemme B", "V", "R", "M"),
        )
    )
    assert [r["action"] for r in records] == ["Teemme A", "Teemme B"]
    first = records[0]
    assert first["responsible"] == ["Rehtorit", "Kuraattorit"]
    assert first["metrics"] == ["Hyvinvointi ja oppilaskyselyn tulos"]  # mid-sentence
    assert "continuation_merged" in first["quality_flags"]
    (merged,) = [f for f in findings if f.code == "continuation_merged"]
    assert merged.source_line == 6  # the merged row's own line: no line goes unaccounted
    assert merged.value == "Kuraattorit | ja oppilaskyselyn tulos"


def test_a_header_with_no_rows_under_it_is_no_programme() -> None:
    """Alone it is exit 2 (nothing would be published); beside a programme, nothing to say
    (a split document's part may end with the header, its rows in the next file)."""
    from kerava_etl.errors import KeravaError

    only_header = document(BOARD, HEADER, name="tyhja.txt")
    with pytest.raises(KeravaError, match="a column-header row but no action rows under it"):
        transformed(only_header)
    programme = document(BOARD, HEADER, row("Sydämessä keravalainen", *"TSAVRM"), name="a.txt")
    _infos, records, findings = transformed(programme, only_header)
    assert len(records) == 1
    assert [f for f in findings if f.code == "no_programme_table"] == []
    continued = document(row("", "", "", "Teemme B", "V", "R", "M"), name="b.txt")
    _infos, records, findings = transformed(programme, only_header, continued)
    assert [r["action"] for r in records] == ["A", "Teemme B"]
    assert [f for f in findings if f.code == "no_programme_table"] == []


def test_a_row_broken_across_a_page_mid_sentence_goes_on_with_the_action_above() -> None:
    """Its first cell empty, every other cell going on mid-sentence: one action, each cell
    rejoined where it broke (a word broken at a hyphen too)."""
    _infos, records, findings = transformed(
        document(
            BOARD,
            HEADER,
            row(
                "Sydämessä keravalainen",
                "Kehitämme keskustaa ja",
                "Viihtyisä",
                "Uudistamme kauppatorin ja",
                "Kaupunkitekniikka ja",
                "Rahoitus",
                "Asiakastyytyväisyys-",
            ),
            "- 3 -",
            HEADER,
            row("", "lisäämme viihtyisyyttä.", "keskusta", "sen ympäristön.", "kaupunki", "", "ky"),
        )
    )
    (only,) = records
    assert only["strategic_goals"] == ["Kehitämme keskustaa ja lisäämme viihtyisyyttä."]
    assert only["sector_goal"] == "Viihtyisä keskusta"
    assert only["action"] == "Uudistamme kauppatorin ja sen ympäristön."
    assert only["responsible"] == ["Kaupunkitekniikka ja kaupunki"]
    assert only["metrics"] == ["Asiakastyytyväisyysky"]
    assert [f.source_line for f in findings if f.code == "continuation_merged"] == [6]


def test_a_numbered_row_without_an_action_is_a_record_of_its_own() -> None:
    """A value in a column of its own (a running number) says the row is an action whose
    Toimenpide is missing, not the row above going on."""
    header = "Nro\tStrateginen kärki\tToimenpide\tVastuu\tMittari"
    _infos, records, _ = transformed(
        document(
            BOARD,
            header,
            "1\tSydämessä keravalainen\tUudistamme kauppatorin.\tKaupunkikehitys\tTori valmis",
            "2\t\t\tKaupunkikehitys\tKaava hyväksytty.",
        )
    )
    assert [r["action"] for r in records] == ["Uudistamme kauppatorin.", None]
    assert records[1]["extra"] == {"Nro": "2"}
    assert "action_missing" in records[1]["quality_flags"]


def test_a_row_merged_from_the_next_file_is_reported_in_that_file() -> None:
    first = document(
        BOARD, HEADER, row("Sydämessä keravalainen", *"TSAVR", "Mittari"), name="a.txt"
    )
    part = document(HEADER, row("", "", "", "", "", "", "ja toinen"), name="b.txt")
    _infos, records, findings = transformed(first, part)
    assert records[0]["metrics"] == ["Mittari ja toinen"]
    (merged,) = [f for f in findings if f.code == "continuation_merged"]
    assert (merged.source_file, merged.source_line) == ("b.txt", 2)


def test_a_row_whose_action_goes_on_mid_sentence_goes_on_with_the_action_above() -> None:
    """Whatever its other cells start with: an action never starts with a small letter."""
    _infos, records, _ = transformed(
        document(
            BOARD,
            HEADER,
            row("Sydämessä keravalainen", "T", "", "Kirjasto järjestää", "Infra", "R", "Asiakkaat"),
            "# Sydämessä keravalainen",
            HEADER,
            row("", "", "", "kieliryhmille tapahtumia.", "", "", "<ul><li>Tapahtumat</li></ul>"),
        )
    )
    (only,) = records
    assert only["action"] == "Kirjasto järjestää kieliryhmille tapahtumia."
    assert only["metrics"] == ["Asiakkaat", "Tapahtumat"]


def test_a_row_with_a_schedule_but_no_action_goes_on_with_the_action_above() -> None:
    """A column after the Toimenpide (Aikataulu) is the row's detail, not its number: the
    row's own schedule goes on from the action's."""
    header = "\t".join([*HEADER.split("\t")[:5], "Aikataulu", "Riski", "Mittari"])
    _infos, records, _ = transformed(
        document(
            BOARD,
            header,
            "\t".join(["Sydämessä keravalainen", "T", "S", "Otamme käyttöön", "Opetus", "2023"])
            + "\tR\tM",
            "\t".join(["", "", "", "", "Varhaiskasvatus", "2024 (käyttöönotto)", "", ""]),
        )
    )
    (only,) = records
    assert only["responsible"] == ["Opetus", "Varhaiskasvatus"]
    assert only["schedule"] == "2023\n2024 (käyttöönotto)"
    assert only["extra"] == {}


def test_a_row_merged_into_a_row_without_a_spearhead_is_reported_at_its_own_line() -> None:
    """Found by the property test: the row above is not read (no spearhead), so the row
    merged into it was named by no record and no finding."""
    _infos, records, findings = transformed(
        document(
            BOARD,
            HEADER,
            row("", "T", "S", "Teemme", "V", "R", "M"),
            row("", "", "", "", "Lisää", "", ""),
        )
    )
    assert records == []
    assert [(f.code, f.source_line) for f in findings if f.code == "spearhead_missing"] == [
        ("spearhead_missing", 3),
        ("spearhead_missing", 4),
    ]


def test_an_empty_header_cell_names_its_column_by_its_place() -> None:
    labels = HEADER.split("\t")
    header = "\t".join([*labels[:4], "", *labels[4:]])
    _, records, findings = transformed(
        document(BOARD, header, "\t".join(["Tasapainoinen talous", *"TSA", "x", *"VRM"]))
    )
    assert records[0]["extra"] == {"(sarake 5)": "x"}
    assert any(f.code == "column_unknown" and "(sarake 5)" in f.message for f in findings)
