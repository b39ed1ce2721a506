"""vocabulary_review.csv: every name a person should look at, read against the rows."""

from __future__ import annotations

import csv
import io

from conftest import HEADER, LEXICON, VOCABULARIES, board, document, row, transformed
from kerava_etl.publish.review import COLUMNS, review_rows, review_text


def sheet(*lines: str) -> list[dict[str, str]]:
    _, records, _ = transformed(document(*lines))
    text = review_text(review_rows(records, VOCABULARIES, LEXICON))
    return list(csv.DictReader(io.StringIO(text)))


def test_the_sheet_names_new_names_their_other_spellings_and_the_pairs_left_apart() -> None:
    rows = sheet(
        board("Keksitty lautakunta"),
        HEADER,
        row("Tasapainoinen talous", "Lasten hyvinvointi vahvistuu", *"ST", "Uudet yksiköt", *"RM"),
        row("Tasapainoinen talous", "Lapsien hyvinvointi vahvistuu.", *"ST", "Uusi yksikkö", *"RM"),
        row("Tasapainoinen talous", "Tunnemme historiamme", *"STVRM"),
        row("Tasapainoinen talous", "Tunnumme historiamme", *"STVRM"),
    )
    got = {(r["vocabulary"], r["kind"], r["spelling"], r["name"], r["other"]) for r in rows}
    assert ("boards", "new", "Keksitty lautakunta", "Keksitty lautakunta", "") in got
    goal = "Lasten hyvinvointi vahvistuu"
    assert ("strategic_goals", "new", goal, goal, "") in got
    assert ("strategic_goals", "grouped", "Lapsien hyvinvointi vahvistuu.", goal, "") in got
    assert ("parties", "new", "Uudet yksiköt", "Uudet yksiköt", "") in got
    assert ("parties", "grouped", "Uusi yksikkö", "Uudet yksiköt", "") in got
    pair = ("Tunnemme historiamme", "Tunnumme historiamme")
    assert any(
        g[:2] == ("strategic_goals", "uncertain") and set(g[2:5:2]) == set(pair) for g in got
    )
    first = next(r for r in rows if r["spelling"] == goal)
    assert (first["source_line"], first["rows"], first["decision"]) == ("3", "1", "")
    assert list(rows[0]) == list(COLUMNS)


def test_a_document_every_vocabulary_knows_leaves_the_sheet_empty() -> None:
    known = row("Tasapainoinen talous", "Tavoite", "Sektori", "Teemme", "Rehtorit", "Aika", "Määrä")
    rows = sheet(board("Kaupunkitekniikan lautakunta"), HEADER, known)
    assert {r["vocabulary"] for r in rows} <= {"strategic_goals"}  # "Tavoite" is no goal known
