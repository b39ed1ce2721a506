"""Regressions found by reviewing the change: each named after what broke."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import HEADER, VOCABULARIES, board, document, row, transformed
from kerava_etl.errors import KeravaError
from kerava_etl.vocab import load_vocabulary

BOARD = board("Kaupunkikehitysjaosto")
LABELS = HEADER.split("\t")


def test_an_unknown_party_written_in_two_cases_is_one_party() -> None:
    _, records, _ = transformed(
        document(
            BOARD,
            HEADER,
            row("Tasapainoinen talous", *"TSA", "Vesihuoltoyksikkö", *"RM"),
            row("Tasapainoinen talous", *"TSB", "vesihuoltoyksikkö", *"RM"),
        )
    )
    assert [r["parties"] for r in records] == [["Vesihuoltoyksikkö"]] * 2
    assert [r["parties_raw"] for r in records] == [["Vesihuoltoyksikkö"], ["vesihuoltoyksikkö"]]


def test_an_unknown_label_twice_is_a_repeated_column_not_a_lost_cell() -> None:
    header = "\t".join([*LABELS, "Huom", "Huom"])
    _, _, findings = transformed(document(BOARD, header, row(*"ABCDEFG") + "\th1\th2"))
    assert ("column_repeated", 2) in {(f.code, f.source_line) for f in findings}


def test_an_empty_header_cell_names_its_column_by_its_place() -> None:
    header = "\t".join([*LABELS[:4], "", *LABELS[4:]])
    _, records, findings = transformed(
        document(BOARD, header, "\t".join(["Tasapainoinen talous", *"TSA", "x", *"VRM"]))
    )
    assert records[0]["extra"] == {"(sarake 5)": "x"}
    assert any(f.code == "column_unknown" and "(sarake 5)" in f.message for f in findings)


def test_a_year_range_in_the_title_is_no_page_number() -> None:
    infos, _, _ = transformed(
        document("Toimenpideohjelma", "2022-2025", "", BOARD, HEADER, row(*"ABCDEFG"))
    )
    assert infos[0].title == "Toimenpideohjelma 2022-2025"


def test_a_row_that_lost_its_tabs_at_the_top_of_a_continuation_file_is_an_error() -> None:
    lost = "Tasapainoinen talous Tavoite Sektori Teemme asian ja paljon muuta vielä Rehtorit Aika"
    _, _, findings = transformed(
        document(BOARD, HEADER, row(*"ABCDEFG"), name="a.txt"),
        document(lost, row(*"HIJKLMN"), name="b.txt"),
    )
    assert ("text_in_table", "b.txt", 1) in {
        (f.code, f.source_file, f.source_line) for f in findings
    }


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
    assert raised.value.file == "parties.csv" and raised.value.line is not None


def test_the_shipped_vocabularies_load_with_their_checks() -> None:
    assert len(VOCABULARIES["parties"].canonical_names) > 50
