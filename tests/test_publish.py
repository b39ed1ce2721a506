"""The published dataset: data package, tidy tables, DuckDB, workbook, stable ids."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from conftest import HEADER, RAW_DOCUMENT, actions_of, board, row
from kerava_etl import __version__
from kerava_etl.models import SCHEMA_VERSION, Action
from kerava_etl.pipeline import build
from kerava_etl.publish.tables import LONG_TABLES
from kerava_etl.stages.read import decode_document


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("publish") / "out"
    assert build([RAW_DOCUMENT], out, extras={"duckdb", "xlsx"}).exit_code == 0
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_frictionless_validates_the_package(out: Path) -> None:
    from frictionless import validate

    report = validate(out / "datapackage.json")
    assert report.valid, report.flatten(["title", "rowNumber", "message"])[:5]


def test_frictionless_catches_a_broken_foreign_key(out: Path, tmp_path: Path) -> None:
    from frictionless import validate

    broken = tmp_path / "broken"
    broken.mkdir()
    for path in out.glob("*.csv"):
        (broken / path.name).write_bytes(path.read_bytes())
    (broken / "datapackage.json").write_bytes((out / "datapackage.json").read_bytes())
    metrics = (broken / "action_metrics.csv").read_text("utf-8")
    (broken / "action_metrics.csv").write_text(
        metrics.replace("KRV-", "KRV-f", 1), encoding="utf-8", newline=""
    )
    report = validate(broken / "datapackage.json")
    assert not report.valid
    assert "foreign-key" in json.dumps(report.to_dict())


def test_package_names_licence_sources_and_finnish_titles(out: Path) -> None:
    package = json.loads((out / "datapackage.json").read_text("utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    (source,) = package["sources"]
    assert source["title"] == "Keravan kaupunkistrategian toimenpideohjelmat 2018–2021"
    assert source["path"] == RAW_DOCUMENT.name
    actions = next(r for r in package["resources"] if r["name"] == "actions")
    titles = {f["name"]: f["title"] for f in actions["schema"]["fields"]}
    assert (titles["action"], titles["risks"], titles["metrics"]) == (
        "Toimenpide",
        "Riski",
        "Mittari",
    )
    assert actions["schema"]["primaryKey"] == ["action_id"]


STRATEGY_PAGE = "https://kerava.fi/ajankohtaista/kaupunkistrategia-2025"


def test_package_provenance_names_the_strategy_page_publisher_and_adoption(out: Path) -> None:
    """The city council adopted the strategy on 12.3.2018 (the city's strategy page says so);
    the PDF's own address is not known, and the source's description says so."""
    package = json.loads((out / "datapackage.json").read_text("utf-8"))
    (source,) = package["sources"]
    assert source["url"] == STRATEGY_PAGE
    assert "PDF itself is not known" in source["description"]
    assert package["contributors"] == [{"title": "Keravan kaupunki", "role": "publisher"}]
    assert package["created"] == "2018-03-12T00:00:00Z"


def test_an_unknown_input_is_described_by_its_name_and_title_block_only(tmp_path: Path) -> None:
    edited = tmp_path / "toinen.txt"
    edited.write_bytes(RAW_DOCUMENT.read_bytes() + b"\n")  # other bytes: not the known file
    out = tmp_path / "out"
    assert build([edited], out).exit_code == 0
    package = json.loads((out / "datapackage.json").read_text("utf-8"))
    assert package["sources"] == [
        {"title": "Keravan kaupunkistrategian toimenpideohjelmien 2018-2021", "path": "toinen.txt"}
    ]
    assert "contributors" not in package
    # A programme not known to be Kerava's (a neighbour's, in the same format) is not named so.
    assert package["title"] == "Strategian toimenpideohjelmat"
    assert "<h1>Strategian toimenpideohjelmat 2018–2021</h1>" in (out / "index.html").read_text()
    assert package["created"] == "2018-01-01T00:00:00Z"  # the title block's first year
    (source,) = json.loads(pq.read_schema(out / "actions.parquet").metadata[b"kerava_etl.sources"])
    assert (source["publisher"], source["url"]) == (None, None)


def test_a_document_without_a_known_date_has_no_created(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text(
        "\n".join([HEADER, row("Tasapainoinen talous", "T", "", "Toimi", "V", "R", "M")]) + "\n",
        encoding="utf-8",
    )
    assert build([plain], tmp_path / "out").exit_code == 0
    package = json.loads((tmp_path / "out" / "datapackage.json").read_text("utf-8"))
    assert "created" not in package
    assert package["sources"] == [{"title": "plain.txt", "path": "plain.txt"}]


def test_known_sources_are_keyed_by_file_name_with_the_hash_as_a_check() -> None:
    import hashlib

    from kerava_etl.publish.schema import DocumentInfo
    from kerava_etl.publish.sources import load_known_sources, sources_of

    known = load_known_sources()
    facts = known[RAW_DOCUMENT.name]
    assert (facts.publisher, facts.url, facts.adopted, facts.period) == (
        "Keravan kaupunki",
        STRATEGY_PAGE,
        "2018-03-12",
        "2018–2021",
    )
    sha256 = hashlib.sha256(RAW_DOCUMENT.read_bytes()).hexdigest()
    assert facts.sha256 == sha256
    same = DocumentInfo(RAW_DOCUMENT.name, sha256, None)
    (source,), findings = sources_of([same], known)
    assert source.known == facts and findings == []
    # Other bytes under the listed name: the entry is not used, and that is said.
    edited = DocumentInfo(RAW_DOCUMENT.name, "0" * 64, None)
    (source,), (changed,) = sources_of([edited], known)
    assert source.known.publisher is None and changed.code == "source_changed"
    # A file with no entry: one warning, naming the line to add.
    new = DocumentInfo("seuraava_ohjelma.pdf", "1" * 64, None)
    (source,), (unknown,) = sources_of([new], known)
    assert unknown.code == "source_unknown" and unknown.source_file == "seuraava_ohjelma.pdf"
    assert f"seuraava_ohjelma.pdf,{'1' * 64},<title>" in unknown.message


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (",,,,,,,,,,", "a row without a file name"),
        ("a.txt,abc,,,,,,,,,", "sha256 is not 64 hex digits"),
        ("a.txt,,,,,,12.3.2018,,,,", "adopted is not an ISO date"),
    ],
)
def test_a_malformed_sources_row_is_the_teams_error_with_its_file_and_line(
    tmp_path: Path, line: str, problem: str
) -> None:
    from kerava_etl.errors import KeravaError
    from kerava_etl.publish.sources import COLUMNS, load_known_sources

    path = tmp_path / "sources.csv"
    path.write_text(",".join(COLUMNS) + f"\nb.txt,,,,,,,,,,\n{line}\n", encoding="utf-8")
    with pytest.raises(KeravaError, match=problem) as raised:
        load_known_sources(path)
    assert (raised.value.file, raised.value.line) == (str(path), 3)


def test_long_tables_have_one_row_per_list_item(out: Path) -> None:
    actions = json.loads((out / "actions.json").read_text("utf-8"))
    for column, (table, _) in LONG_TABLES.items():
        rows = read_csv(out / f"{table}.csv")
        expected = [
            (a["action_id"], str(position), text)
            for a in actions
            for position, text in enumerate(a[column], start=1)
        ]
        assert [(r["action_id"], r["position"], r["text"]) for r in rows] == expected
    metrics = read_csv(out / "action_metrics.csv")
    line_30 = next(a for a in actions if a["source_line"] == 30)["action_id"]
    assert [r["text"] for r in metrics if r["action_id"] == line_30] == [
        "On otettu käyttöön uusi palvelumuoto",
        "Sähköisten palvelujen käyttäjämäärän osuus asiakkaista",
    ]


def test_vocabulary_and_document_tables(out: Path) -> None:
    boards = {r["board"]: r for r in read_csv(out / "boards.csv")}
    assert boards["Kaupunkitekniikan lautakunta"]["aliases"] == "Kaupunkitekniiikan lautakunta"
    assert sum(int(r["actions"]) for r in boards.values()) == 141 - 5  # five have no board
    spearheads = {r["spearhead"]: int(r["actions"]) for r in read_csv(out / "spearheads.csv")}
    assert spearheads["Monimuotoinen viherkaupunki"] == 23
    (document,) = read_csv(out / "documents.csv")
    assert (document["start_year"], document["end_year"], document["actions"]) == (
        "2018",
        "2021",
        "141",
    )


def test_parquet_metadata_names_versions_and_source_hash(out: Path) -> None:
    import hashlib

    metadata = pq.read_schema(out / "actions.parquet").metadata
    assert metadata[b"kerava_etl.schema_version"].decode() == SCHEMA_VERSION
    assert metadata[b"kerava_etl.version"].decode() == __version__
    (source,) = json.loads(metadata[b"kerava_etl.sources"])
    assert source["sha256"] == hashlib.sha256(RAW_DOCUMENT.read_bytes()).hexdigest()
    assert source["title"] == "Keravan kaupunkistrategian toimenpideohjelmat 2018–2021"
    assert (source["publisher"], source["url"]) == ("Keravan kaupunki", STRATEGY_PAGE)


def test_duckdb_holds_every_table_and_the_views(out: Path) -> None:
    with duckdb.connect(str(out / "kerava.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from actions").fetchone() == (141,)
        assert con.execute("select count(*) from action_metrics").fetchone() == (
            sum(len(r) for (r,) in con.execute("select metrics from actions").fetchall()),
        )
        rows = con.execute("select sum(actions) from actions_by_board_spearhead").fetchone()
        assert rows == (141,)
        flagged = con.execute("select count(*) from flagged_actions").fetchone()
        assert flagged is not None and flagged[0] > 0


def test_workbook_has_a_sheet_per_table_with_frozen_filtered_header(out: Path) -> None:
    workbook = load_workbook(out / "actions.xlsx")
    assert "actions" in workbook.sheetnames and "action_metrics" in workbook.sheetnames
    sheet = workbook["actions"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == sheet.dimensions
    assert sheet.max_row == 142
    assert sheet["A2"].alignment.wrap_text


def test_workbook_headers_are_the_finnish_column_titles(out: Path) -> None:
    workbook = load_workbook(out / "actions.xlsx")
    header = [cell.value for cell in workbook["actions"][1]]
    assert header[:3] == ["Toimenpiteen tunniste", "Lähdetiedosto", "Rivi lähdetiedostossa"]
    assert "Toimenpide" in header and "Mittari" in header and "action" not in header
    assert [cell.value for cell in workbook["action_metrics"][1]] == [
        "Toimenpiteen tunniste",
        "Järjestys",
        "Mittari",
    ]
    assert workbook["actions"]["C2"].value == 12  # line numbers stay numbers


def test_workbook_data_dictionary_sheet_names_every_field(out: Path) -> None:
    workbook = load_workbook(out / "actions.xlsx")
    assert workbook.sheetnames[-1] == "Tietosisältö"
    rows = list(workbook["Tietosisältö"].iter_rows(values_only=True))
    assert rows[0] == ("Taulukko", "Kenttä", "Otsikko", "Kuvaus")
    by_field = {(table, name): (title, text) for table, name, title, text in rows[1:]}
    assert by_field["actions", "risks"][0] == "Riski"
    assert by_field["actions", "risks"][1].startswith("Riski: the risks")
    assert by_field["documents", "sha256"][0] == "SHA-256"
    assert {name for table, name in by_field if table == "actions"} == set(Action.model_fields)


def test_formula_like_text_is_a_string_cell_in_the_workbook(tmp_path: Path) -> None:
    """Text starting with =, +, - or @ stays text: Excel must not run it as a formula."""
    source = tmp_path / "formulas.txt"
    cells = ('=HYPERLINK("http://x")', "+1", "-2", "@a")
    lines = [board("Hallintopalvelut"), HEADER, row("Tasapainoinen talous", "Tavoite", "", *cells)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert build([source], out, extras={"xlsx"}).exit_code == 0
    sheet = load_workbook(out / "actions.xlsx")["actions"]
    header = [cell.value for cell in sheet[1]]
    written = {title: sheet.cell(row=2, column=header.index(title) + 1) for title in header}
    for title, text in zip(("Toimenpide", "Vastuu", "Riski", "Mittari"), cells, strict=True):
        assert (written[title].value, written[title].data_type) == (text, "s"), title
    with zipfile.ZipFile(out / "actions.xlsx") as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


LINES = RAW_DOCUMENT.read_text(encoding="utf-8").split("\n")


def ids_of(lines: list[str]) -> list[Action]:
    return actions_of(decode_document(RAW_DOCUMENT.name, "\n".join(lines).encode("utf-8")))


def test_editing_one_row_keeps_every_other_id() -> None:
    before = ids_of(LINES)
    edited = list(LINES)
    index = before[40].source_line - 1
    cells = edited[index].split("\t")
    cells[3] = "Muokattu toimenpide: " + cells[3]  # Toimenpide
    edited[index] = "\t".join(cells)
    after = ids_of(edited)
    changed = [
        b.source_line for b, a in zip(before, after, strict=True) if a.action_id != b.action_id
    ]
    assert changed == [before[40].source_line]


def test_inserting_a_row_keeps_every_other_id() -> None:
    before = ids_of(LINES)
    index = before[10].source_line  # insert after this row, inside its table
    new_row = "\t".join(
        [
            "Tasapainoinen talous",
            "Uusi tavoite",
            "Uusi",
            "Uusi toimenpide",
            "Uusi vastuu",
            "Uusi riski",
            "Uusi mittari",
        ]
    )
    after = ids_of([*LINES[:index], new_row, *LINES[index:]])
    assert len(after) == len(before) + 1
    assert {a.action_id for a in before} < {a.action_id for a in after}


def test_table_names_are_the_names_build_tables_gives() -> None:
    """table_names() (for --out's policy and out/README.md, before any build) and the
    tables a build writes are said in two places; they must agree, in order."""
    from conftest import VOCABULARIES
    from kerava_etl.publish.tables import build_tables, table_names

    assert [table.name for table in build_tables([], [], VOCABULARIES)] == table_names()


def test_parquet_in_row_groups_reads_as_one(tmp_path: Path) -> None:
    """A large table is written a row group at a time (its Arrow arrays are not all held
    at once); the file reads back as the same rows, in order, as a file of one group."""
    from conftest import VOCABULARIES, document, transformed
    from kerava_etl.publish.formats import write_parquet
    from kerava_etl.publish.tables import build_tables

    text = RAW_DOCUMENT.read_text(encoding="utf-8").splitlines()
    infos, records, _ = transformed(document(*text, name=RAW_DOCUMENT.name))
    for table in build_tables(records, infos, VOCABULARIES):
        whole, grouped = tmp_path / f"{table.name}.1", tmp_path / f"{table.name}.n"
        write_parquet(whole, table, [])
        write_parquet(grouped, table, [], row_group=50)
        assert pq.ParquetFile(grouped).num_row_groups == max(1, -(-len(table) // 50))
        assert pq.read_table(grouped).to_pylist() == pq.read_table(whole).to_pylist()
        assert pq.read_schema(grouped) == pq.read_schema(whole)


def test_the_workbooks_temporary_files_are_made_in_the_staging_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl writes each sheet to a temporary file first: in the staging directory, so
    a build killed meanwhile leaves nothing in $TMPDIR (the next build removes staging)."""
    import openpyxl.worksheet._writer as sheet_writer

    made: list[Path] = []
    original = sheet_writer.NamedTemporaryFile

    def recording(*args: object, **kwargs: object) -> object:
        handle = original(*args, **kwargs)  # type: ignore[call-overload]
        made.append(Path(handle.name).parent)
        return handle

    monkeypatch.setattr(sheet_writer, "NamedTemporaryFile", recording)
    assert build([RAW_DOCUMENT], tmp_path / "out", extras={"xlsx"}).exit_code == 0
    assert made
    assert {parent.name.startswith(".out.kerava-tmp") for parent in made} == {True}
