"""The column registry: one contract from which the header check, ids, list fields, the
model and the long tables follow; the optional columns later programmes add."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from conftest import HEADER, VOCABULARIES, document, transformed
from kerava_etl.columns import COLUMNS, HASHED_FIELDS, Kind, Presence
from kerava_etl.errors import KeravaError
from kerava_etl.models import Action
from kerava_etl.stages.header import HeaderReader
from kerava_etl.vocab import load_vocabulary

BOARD = "Kaupunkikehitysjaosto"
CELLS = {
    "Strateginen kärki": "Tasapainoinen talous",
    "Strategiset tavoitteet": "Tavoite",
    "Toimialan tavoite": "Sektori",
    "Toimenpide": "Teemme asian",
    "Vastuu": "Rehtorit",
    "Riski": "Aika",
    "Mittari": "Määrä",
    "Aikataulu": "Kevät 2025",
    "Kustannukset": "20 000 euroa",
    "Toteutumisen tilanne": "Käynnissä",
}


def table(labels: list[str], *rows: dict[str, str]) -> list[str]:
    return [
        BOARD + "\t" * (len(labels) - 1),  # the board line
        "\t".join(labels),
        *("\t".join(cells.get(label, "") for label in labels) for cells in rows),
    ]


def test_the_model_types_each_column_by_its_kind_and_names_it_by_its_label() -> None:
    """The model is made from the registry: a list column is a list of strings, a text
    column a string (null unless it never is), titled with its Finnish label."""
    fields = Action.model_fields
    for column in COLUMNS:
        info = fields[column.field]
        assert info.title == column.label
        if column.kind is Kind.LIST:
            assert info.annotation == list[str]
        else:
            assert info.annotation == (str | None if column.nullable else str)
        assert column.long_table is None or column.kind is Kind.LIST


def test_the_optional_columns_are_never_hashed_or_required() -> None:
    optional = [c for c in COLUMNS if c.presence is Presence.OPTIONAL]
    assert {c.field for c in optional} >= {"schedule", "resources", "status"}
    assert not any(c.field in HASHED_FIELDS for c in optional)
    assert HASHED_FIELDS == ("spearhead", "action", "responsible", "risks", "metrics")


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_the_optional_columns_are_read_by_label_in_any_position(order: tuple[int, ...]) -> None:
    optional = ["Aikataulu", "Kustannukset", "Toteutumisen tilanne"]
    labels = HEADER.split("\t")
    for place, index in enumerate(order):  # first after the spearhead, in the middle, last
        labels.insert([1, 5, len(labels)][place], optional[index])
    _, records, findings = transformed(document(*table(labels, CELLS)))
    (only,) = records
    assert (only["schedule"], only["resources"], only["status"]) == (
        "Kevät 2025",
        "20 000 euroa",
        "Käynnissä",
    )
    assert only["extra"] == {}
    assert not [f for f in findings if f.code.startswith("column_")]


def test_a_table_without_the_optional_columns_has_them_null_without_a_warning() -> None:
    _, records, findings = transformed(document(*table(HEADER.split("\t"), CELLS)))
    assert [(r["schedule"], r["resources"], r["status"]) for r in records] == [(None,) * 3]
    assert not [f for f in findings if f.code.startswith("column_")]


def test_an_expected_column_missing_is_a_warning_an_optional_one_is_not() -> None:
    labels = [label for label in HEADER.split("\t") if label != "Riski"] + ["Aikataulu"]
    _, records, findings = transformed(document(*table(labels, CELLS)))
    assert [(f.code, f.source_line) for f in findings if f.code.startswith("column_")] == [
        ("column_missing", 2)
    ]
    assert "Riski" in next(f.message for f in findings if f.code == "column_missing")
    assert records[0]["risks"] == [] and records[0]["schedule"] == "Kevät 2025"


def test_an_optional_column_leaves_the_action_id_as_it_was() -> None:
    plain = transformed(document(*table(HEADER.split("\t"), CELLS)))[1][0]
    labels = [*HEADER.split("\t"), "Aikataulu", "Kustannukset", "Toteutumisen tilanne"]
    with_columns = transformed(document(*table(labels, CELLS)))[1][0]
    assert with_columns["schedule"] == "Kevät 2025"
    assert with_columns["action_id"] == plain["action_id"]


def test_cells_shifted_is_repaired_by_field_with_an_optional_column_after_mittari() -> None:
    """A cell lost before the Toimenpide shifts the rest one column left: Toimenpide holds
    the Vastuu, and the last column (here Aikataulu) is empty; shifted back by field."""
    labels = [*HEADER.split("\t"), "Aikataulu"]
    rows = [
        "\t".join(["Tasapainoinen talous", "T", "S", "Teemme", "Rehtorit", "R", "M", "2025"]),
        "\t".join(["Tasapainoinen talous", "T", "S", "Rehtorit", "Aika", "Määrä", "2026", ""]),
    ]
    _, records, _ = transformed(document(BOARD + "\t" * 7, "\t".join(labels), *rows))
    shifted = records[1]
    assert "cells_shifted" in shifted["quality_flags"]
    assert shifted["action"] is None
    assert (shifted["responsible"], shifted["risks"], shifted["metrics"]) == (
        ["Rehtorit"],
        ["Aika"],
        ["Määrä"],
    )
    assert shifted["schedule"] == "2026"


def test_the_header_reader_gives_each_label_its_registry_field() -> None:
    read = HeaderReader(VOCABULARIES["columns"])
    header = read(["Ajankohta", "Strateginen kärki", "Toimenpiteet", "Määrärahat", "TILA"])
    assert header is not None
    assert header.fields == ("schedule", "spearhead", "action", "resources", "status")
    assert header.missing() == ["strategic_goals", "sector_goal", "responsible", "risks", "metrics"]


def test_a_columns_file_naming_a_label_the_registry_lacks_is_an_error_with_its_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "columns.csv"
    path.write_text("canonical,alias,note\nVastuu,Vastuutaho,\nKeksitty sarake,Toinen,\n", "utf-8")
    with pytest.raises(KeravaError, match="'Keksitty sarake' is not a known column") as raised:
        load_vocabulary(path, fixed=tuple(c.label for c in COLUMNS))
    assert (raised.value.file, raised.value.line) == (str(path), 3)


def test_every_registry_label_is_known_even_if_the_file_lacks_it(tmp_path: Path) -> None:
    path = tmp_path / "columns.csv"
    path.write_text("canonical,alias,note\nVastuu,Vastuutaho,\n", "utf-8")
    columns = load_vocabulary(path, fixed=tuple(c.label for c in COLUMNS))
    assert columns.canonical_of("aikataulu") == "Aikataulu"
    assert columns.canonical_of("Vastuutaho") == "Vastuu"
