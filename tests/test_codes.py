"""The registry of finding codes: every code can be emitted by some input, and every code
emitted is registered (an unregistered one is a bug, not an input problem)."""

from __future__ import annotations

import pytest

from conftest import HEADER, board, document, row, transformed
from kerava_etl.codes import CODES, finding
from kerava_etl.errors import InternalError, KeravaError

BOARD = board("Kaupunkikehitysjaosto")
ROW = row("Tasapainoinen talous", "Tavoite", "Sektori", "Teemme", "Rehtorit", "Aika", "Määrä")
LABELS = HEADER.split("\t")

# For each code, a document that must produce it (a few lines each).
TRIGGERS: dict[str, list[str]] = {
    "board_missing": [HEADER, ROW],
    "board_alias": [board("Kaupunkitekniiikan lautakunta"), HEADER, ROW],
    "board_unknown": [board("Ympäristölautakunta"), HEADER, ROW],
    "spearhead_alias": [BOARD, HEADER, row("Monipuolinen viherkaupunki", *"TSAVRM")],
    "spearhead_unknown": [BOARD, HEADER, row("Uusi kärki", *"TSAVRM")],
    "hyphenation_rejoined": [
        BOARD,
        HEADER,
        row("Tasapainoinen talous", *"TS", "vaaratapah- tumuja", *"VRM"),
    ],
    "mixed_script": [BOARD, HEADER, row("Tasapainoinen talous", *"TSAVR", "mittariτ")],
    "continuation_merged": [BOARD, HEADER, ROW, row("", "", "", "", "", "", "ja lisää")],
    "control_character_recoded": [
        BOARD,
        HEADER,
        row("Tasapainoinen talous", *"TSAVR", "Vuosina 2022\x962023"),
    ],
    "risk_metric_swapped": [
        BOARD,
        HEADER,
        row("Tasapainoinen talous", *"TSAV", "Tehty / ei tehty", "Aikataulu venyy"),
    ],
    "cells_shifted": [
        BOARD,
        HEADER,
        ROW,
        row("Tasapainoinen talous", "T", "S", "Rehtorit", "Aika", "Määrä", ""),
    ],
    "action_missing": [BOARD, HEADER, row("Tasapainoinen talous", "T", "S", "", "V", "R", "M")],
    "wrong_cell_count": [BOARD, HEADER, "Tasapainoinen talous\tT\tS"],
    "row_before_header": [ROW, BOARD, HEADER, ROW],
    "column_repeated": [BOARD, "\t".join([*LABELS, "Vastuu"]), ROW + "\tV"],
    "header_incomplete": [BOARD, "\t".join(["Painopiste", *LABELS[1:]]), ROW],
    "row_under_bad_header": [BOARD, "\t".join(["Painopiste", *LABELS[1:]]), ROW],
    "column_unknown": [BOARD, "\t".join([*LABELS, "Lisätiedot"]), ROW + "\tx"],
    "column_missing": [BOARD, "\t".join(LABELS[:6]), "\t".join(ROW.split("\t")[:6])],
    "cell_too_large": [BOARD, HEADER, row("Tasapainoinen talous", "x" * 300_000, *"SAVRM")],
    "spearhead_missing": [BOARD, HEADER, row("", "T", "S", "A", "V", "R", "M")],
    "empty_record": [BOARD, HEADER, row("Tasapainoinen talous", "•", "", "", "", "", "")],
    "text_in_table": [BOARD, HEADER, ROW, "Tasapainoinen talous Tavoite Sektori Teemme.", ROW],
    "text_outside_table": ["Johdanto " * 60, BOARD, HEADER, ROW],
    "strategic_goal_unknown": [BOARD, HEADER, ROW],
    # Two spellings of one goal no vocabulary knows (inflection, final stop), and two
    # that differ by more than a typo in one word.
    "strategic_goal_grouped": [
        BOARD,
        HEADER,
        row("Tasapainoinen talous", "Lasten hyvinvointi vahvistuu", *"STVRM"),
        row("Tasapainoinen talous", "Lapsien hyvinvointi vahvistuu.", *"STVRM"),
    ],
    "strategic_goal_uncertain": [
        BOARD,
        HEADER,
        row("Tasapainoinen talous", "Tunnemme historiamme", *"STVRM"),
        row("Tasapainoinen talous", "Tunnumme historiamme", *"STVRM"),
    ],
    "party_grouped": [
        BOARD,
        HEADER,
        row("Tasapainoinen talous", *"TSA", "Keksityt yksiköt", *"RM"),
        row("Tasapainoinen talous", *"TSA", "Keksitty yksikkö", *"RM"),
    ],
    "party_uncertain": [
        BOARD,
        HEADER,
        row("Tasapainoinen talous", *"TSA", "Talo", *"RM"),
        row("Tasapainoinen talous", *"TSA", "Tala", *"RM"),
    ],
    "party_unknown": [
        BOARD,
        HEADER,
        row("Tasapainoinen talous", *"TSA", "Keksitty yksikkö", *"RM"),
    ],
    "note_in_table": [BOARD, HEADER, ROW, "* Toimenpide jatkuu vuonna 2026", "", "# Seuraava"],
    "header_group_row": [BOARD, "Strategia\t\t\tToteutus ja seuranta\t\t\t", HEADER, ROW],
}


def test_every_registered_code_has_a_trigger() -> None:
    # The PDF reader's codes are emitted by PDFs: tests/test_read_pdf.py.
    # The sources codes are emitted by the build's provenance: tests/test_publish.py.
    elsewhere = {"no_programme_table", "pdf_row_joined", "pdf_item_uncertain"}
    elsewhere |= {"source_unknown", "source_changed"}
    assert set(TRIGGERS) | elsewhere == set(CODES)


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_the_input_emits_the_code(code: str) -> None:
    _, records, findings = transformed(document(*TRIGGERS[code]))
    emitted = {f.code for f in findings}
    assert code in emitted, sorted(emitted)
    assert emitted <= set(CODES)
    for record in records:
        assert set(record["quality_flags"]) <= {c for c in CODES if CODES[c].in_record}


def test_a_file_without_a_table_beside_a_programme_emits_no_programme_table() -> None:
    _, _, findings = transformed(
        document("# Vain otsikko", name="a.txt"), document(BOARD, HEADER, ROW, name="b.txt")
    )
    assert [(f.code, f.source_file) for f in findings if f.code == "no_programme_table"] == [
        ("no_programme_table", "a.txt")
    ]


def test_no_file_with_a_table_is_exit_2_not_a_code() -> None:
    with pytest.raises(KeravaError, match="no programme table"):
        transformed(document("# Vain otsikko"))


def test_an_unregistered_code_is_an_internal_error() -> None:
    with pytest.raises(InternalError):
        finding("no_such_code", "a.txt", 1)
