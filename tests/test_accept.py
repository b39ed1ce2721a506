"""kerava-etl vocab accept: a reviewed sheet's decisions written into the vocabularies."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import HEADER, board, row
from kerava_etl.cli import app
from kerava_etl.errors import KeravaError
from kerava_etl.publish.review import COLUMNS
from kerava_etl.vocab import REGISTRY, VOCABULARY_DIR
from kerava_etl.vocab.accept import accept

runner = CliRunner()
BUNDLED = {spec.file: (VOCABULARY_DIR / spec.file).read_text("utf-8") for spec in REGISTRY}


def sheet(*rows: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: r.get(k, "") for k in COLUMNS} for r in rows)
    return out.getvalue()


def added(before: str, after: str) -> list[dict[str, str]]:
    assert after.startswith(before)
    header = before.splitlines()[0]
    return list(csv.DictReader(io.StringIO(header + "\n" + after[len(before) :])))


def test_accepting_a_new_party_gives_it_the_next_id_and_its_spelling_an_alias() -> None:
    review = sheet(
        {
            "vocabulary": "parties",
            "kind": "new",
            "spelling": "Uudet yksiköt",
            "name": "Uudet yksiköt",
            "decision": "accept",
        },
        {
            "vocabulary": "parties",
            "kind": "grouped",
            "spelling": "Uusi yksikkö",
            "name": "Uudet yksiköt",
            "decision": "accept",
        },
        {"vocabulary": "parties", "kind": "new", "spelling": "Muu taho", "name": "Muu taho"},
    )
    changed = accept(review, "review.csv", BUNDLED)
    assert list(changed) == ["parties.csv"]
    rows = added(BUNDLED["parties.csv"], changed["parties.csv"])
    used = [line.split(",", 1)[0] for line in BUNDLED["parties.csv"].splitlines()[1:]]
    highest = max(int(p[1:]) for p in used if p.startswith("P") and p[1:].isdigit())
    assert [(r["party_id"], r["canonical"], r["kind"], r["alias"]) for r in rows] == [
        (f"P{highest + 1:03d}", "Uudet yksiköt", "other", ""),
        ("", "Uudet yksiköt", "", "Uusi yksikkö"),
    ]


def test_a_goal_takes_its_spearheads_next_number_and_split_and_another_name_work() -> None:
    review = sheet(
        {
            "vocabulary": "strategic_goals",
            "kind": "new",
            "spelling": "Uusi tavoite",
            "name": "Uusi tavoite",
            "spearhead": "Tasapainoinen talous",
            "decision": "accept",
        },
        {
            "vocabulary": "strategic_goals",
            "kind": "grouped",
            "spelling": "Uudet tavoitteet",
            "name": "Uusi tavoite",
            "spearhead": "Tasapainoinen talous",
            "decision": "split",
        },
        {
            "vocabulary": "boards",
            "kind": "new",
            "spelling": "Tekninen lautakunta",
            "name": "Tekninen lautakunta",
            "decision": "Kaupunkitekniikan lautakunta",
        },
    )
    changed = accept(review, "review.csv", BUNDLED)
    goals = added(BUNDLED["strategic_goals.csv"], changed["strategic_goals.csv"])
    assert [(g["goal_id"][:3], g["canonical"]) for g in goals] == [
        ("TT-", "Uusi tavoite"),
        ("TT-", "Uudet tavoitteet"),
    ]
    assert goals[0]["goal_id"] not in BUNDLED["strategic_goals.csv"]
    boards = added(BUNDLED["boards.csv"], changed["boards.csv"])
    assert [(b["canonical"], b["alias"]) for b in boards] == [
        ("Kaupunkitekniikan lautakunta", "Tekninen lautakunta")
    ]


def test_a_decision_naming_no_known_name_is_its_line_and_nothing_changes(tmp_path: Path) -> None:
    review = sheet(
        {"vocabulary": "boards", "kind": "new", "spelling": "A", "name": "A", "decision": "accept"},
        {"vocabulary": "boards", "kind": "new", "spelling": "B", "name": "B", "decision": "Ei ole"},
    )
    with pytest.raises(KeravaError, match="'Ei ole' is no name of the vocabulary") as raised:
        accept(review, "review.csv", BUNDLED)
    assert (raised.value.file, raised.value.line) == ("review.csv", 3)


def test_build_review_accept_build_leaves_nothing_new(tmp_path: Path) -> None:
    mine = tmp_path / "sanastot"
    assert runner.invoke(app, ["vocab", "init", str(mine)]).exit_code == 0
    source = tmp_path / "ohjelma.txt"
    lines = [
        board("Keksitty lautakunta"),
        HEADER,
        row("Tasapainoinen talous", "Uusi tavoite", *"ST", "Uudet yksiköt", *"RM"),
        row("Tasapainoinen talous", "Uusi tavoite.", *"ST", "Uusi yksikkö", *"RM"),
    ]
    source.write_text("\n".join(lines) + "\n", "utf-8")
    out = tmp_path / "out"
    first = runner.invoke(app, ["build", str(source), "--out", str(out), "--vocab", str(mine)])
    assert "new names" in first.stdout.splitlines()[-1]
    rows = list(csv.DictReader(io.StringIO((out / "vocabulary_review.csv").read_text("utf-8"))))
    for r in rows:
        r["decision"] = "accept"
    reviewed = tmp_path / "review.csv"
    reviewed.write_text(sheet(*rows), "utf-8")
    done = runner.invoke(app, ["vocab", "accept", str(reviewed), "--vocab", str(mine)])
    assert done.exit_code == 0, done.output
    again = runner.invoke(app, ["build", str(source), "--out", str(out), "--vocab", str(mine)])
    assert again.exit_code == 0
    assert "0 new names" in again.stdout.splitlines()[-1]  # the one left: sources.csv
    assert (out / "vocabulary_review.csv").read_text("utf-8").count("\n") == 1  # header only
