"""The Word reader: a .docx written here with python-docx (and, where python-docx has no
API for it, its XML) reads as the text format says, and builds the records it should."""

from __future__ import annotations

import copy
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from conftest import LEXICON, VOCABULARIES
from kerava_etl.errors import KeravaError
from kerava_etl.pipeline import transform
from kerava_etl.stages.read import read_document
from kerava_etl.stages.readers import textformat

LABELS = ["Strateginen kärki", "Strategiset tavoitteet", "Toimialan tavoite", "Toimenpide"]
LABELS += ["Vastuu", "Riski", "Mittari"]


def programme(fill: Callable[[Any], None] | None = None, rows: int = 2) -> Any:
    """A Word programme: a title, a heading, a board line, a table with a header row."""
    document = docx.Document()
    document.add_paragraph("Keravan toimenpideohjelma 2022–2025", style="Title")
    document.add_heading("Tasapainoinen talous", level=1)
    document.add_paragraph("Kaupunkikehitysjaosto")
    table = document.add_table(rows=rows + 1, cols=7)
    for column, label in enumerate(LABELS):
        table.cell(0, column).text = label
    for row in range(1, rows + 1):
        for column, text in enumerate(["Tasapainoinen talous", "Tavoite", "Sektori", "Teemme"]):
            table.cell(row, column).text = f"{text} {row}" if column == 3 else text
        for column, text in enumerate(["Rehtorit", "Aika", "Määrä"], start=4):
            table.cell(row, column).text = text
    if fill is not None:
        fill(document)
    return document


def saved(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def lines_of(document: Any) -> tuple[str, ...]:
    return read_document("ohjelma.docx", saved(document)).lines


def records_of(document: Any) -> list[dict[str, Any]]:
    doc = read_document("ohjelma.docx", saved(document))
    return [dict(r) for r in transform([doc], lexicon=LEXICON, vocabularies=VOCABULARIES)[1]]


def cell(document: Any, row: int, column: int) -> Any:
    return document.tables[0].cell(row, column)


def test_a_programme_reads_as_headings_text_lines_and_rows() -> None:
    lines = lines_of(programme())
    assert lines[:3] == (
        "Keravan toimenpideohjelma 2022–2025",
        "# Tasapainoinen talous",
        "Kaupunkikehitysjaosto",
    )
    assert lines[3] == "\t".join(LABELS)
    assert lines[4].split("\t") == [
        "Tasapainoinen talous",
        "Tavoite",
        "Sektori",
        "Teemme 1",
        "Rehtorit",
        "Aika",
        "Määrä",
    ]
    records = records_of(programme())
    assert [(r["board"], r["section"], r["action"]) for r in records] == [
        ("Kaupunkikehitysjaosto", "Tasapainoinen talous", "Teemme 1"),
        ("Kaupunkikehitysjaosto", "Tasapainoinen talous", "Teemme 2"),
    ]
    assert all(r["source_page"] is None and r["quality_flags"] == [] for r in records)


def test_a_heading_style_names_its_level_and_a_board_heading_boards_the_table() -> None:
    def fill(document: Any) -> None:
        board = document.paragraphs[2]
        board.style = document.styles["Heading 2"]

    lines = lines_of(programme(fill))
    assert lines[2] == "## Kaupunkikehitysjaosto"
    assert records_of(programme(fill))[0]["board"] == "Kaupunkikehitysjaosto"


def test_vertical_merges_are_filled_down_wherever_they_stand() -> None:
    """Word knows which cells are merged: a merged Vastuu after the row's own Toimenpide
    is inherited too, and an empty cell that is not merged stays empty."""

    def fill(document: Any) -> None:
        for column in (0, 1, 4):
            cell(document, 2, column).text = ""  # python-docx joins the merged cells' text
            cell(document, 1, column).merge(cell(document, 2, column))
        cell(document, 2, 2).text = ""  # Toimialan tavoite: empty, not merged

    lines = lines_of(programme(fill))
    assert lines[5].split("\t")[:5] == [
        textformat.MERGED,
        textformat.MERGED,
        "",
        "Teemme 2",
        textformat.MERGED,
    ]
    second = records_of(programme(fill))[1]
    assert second["filled_down"] == ["spearhead", "strategic_goals", "responsible"]
    assert (second["spearhead"], second["responsible"], second["sector_goal"]) == (
        "Tasapainoinen talous",
        ["Rehtorit"],
        None,
    )


def test_a_cell_spanning_columns_is_followed_by_empty_cells() -> None:
    def fill(document: Any) -> None:
        cell(document, 1, 6).text = ""
        cell(document, 1, 5).merge(cell(document, 1, 6))
        cell(document, 1, 5).text = "Yhteinen riski ja mittari"

    lines = lines_of(programme(fill))
    assert lines[4].split("\t")[5:] == ["Yhteinen riski ja mittari", ""]
    first = records_of(programme(fill))[0]
    assert (first["risks"], first["metrics"]) == (["Yhteinen riski ja mittari"], [])


def test_paragraphs_list_items_and_line_breaks_are_items() -> None:
    def fill(document: Any) -> None:
        metrics = cell(document, 1, 6)
        metrics.text = "Kyselyn tulokset:"
        metrics.add_paragraph("yleisarvosana", style="List Bullet")
        metrics.add_paragraph("vastausprosentti", style="List Number")
        action = cell(document, 1, 3).paragraphs[0]
        action.add_run().add_break()
        action.add_run("Toinen rivi")

    first = records_of(programme(fill))[0]
    assert first["metrics"] == ["Kyselyn tulokset:", "yleisarvosana", "vastausprosentti"]
    assert first["action"] == "Teemme 1\nToinen rivi"
    assert (
        "<ul><li>yleisarvosana</li><li>vastausprosentti</li></ul>" in lines_of(programme(fill))[4]
    )


def _run_with(paragraph: Any, tag: str, **attributes: str) -> Any:
    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(qn(key), value)
    run = paragraph.add_run()
    run._r.append(element)
    return run


def test_hyphens_and_symbols_read_as_their_characters() -> None:
    def fill(document: Any) -> None:
        responsible = cell(document, 1, 4)
        responsible.text = ""
        paragraph = responsible.paragraphs[0]
        paragraph.add_run("Vapaa")
        _run_with(paragraph, "w:noBreakHyphen")
        paragraph.add_run("aikapalvelut")
        risk = cell(document, 1, 5).paragraphs[0]
        risk.text = ""
        _run_with(risk, "w:sym", **{"w:font": "Symbol", "w:char": "F0B7"})
        risk.add_run("Resurssi")
        _run_with(risk, "w:softHyphen")
        risk.add_run("pula")

    first = records_of(programme(fill))[0]
    assert first["responsible"] == ["Vapaa-aikapalvelut"]
    assert first["risks"] == ["Resurssipula"]  # the bullet glyph dropped, the soft hyphen too


def test_tracked_changes_read_as_accepted() -> None:
    """Deleted text is skipped and inserted text kept; a deleted paragraph mark joins the
    paragraph to the next; a deleted row is gone."""

    def fill(document: Any) -> None:
        action = cell(document, 1, 3).paragraphs[0]
        deleted = OxmlElement("w:del")
        run = OxmlElement("w:r")
        text = OxmlElement("w:delText")
        text.text = " (poistettu)"
        run.append(text)
        deleted.append(run)
        action._p.append(deleted)
        inserted = OxmlElement("w:ins")
        inserted.append(copy.deepcopy(action.add_run(" ja lisätty")._r))
        action._p.remove(action.runs[-1]._r)
        action._p.append(inserted)
        metrics = cell(document, 1, 6)
        metrics.text = "Ensimmäinen"
        metrics.add_paragraph("puolikas")
        mark = metrics.paragraphs[0]._p.get_or_add_pPr()
        properties = OxmlElement("w:rPr")
        properties.append(OxmlElement("w:del"))
        mark.append(properties)
        row = document.tables[0].rows[2]._tr
        row.get_or_add_trPr().append(OxmlElement("w:del"))

    records = records_of(programme(fill))
    assert len(records) == 1
    assert records[0]["action"] == "Teemme 1 ja lisätty"
    assert records[0]["metrics"] == ["Ensimmäinenpuolikas"]


def test_hyperlinks_content_controls_and_fields_keep_their_text() -> None:
    def fill(document: Any) -> None:
        paragraph = cell(document, 1, 3).paragraphs[0]
        paragraph.text = ""
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), "rId99")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "Linkitetty toimenpide"
        run.append(text)
        link.append(run)
        paragraph._p.append(link)
        control = OxmlElement("w:sdt")
        content = OxmlElement("w:sdtContent")
        inner = OxmlElement("w:r")
        inner_text = OxmlElement("w:t")
        inner_text.text = " sisällönhallinnassa"
        inner_text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        inner.append(inner_text)
        content.append(inner)
        control.append(OxmlElement("w:sdtPr"))
        control.append(content)
        paragraph._p.append(control)
        field = OxmlElement("w:r")
        instruction = OxmlElement("w:instrText")
        instruction.text = " PAGE "
        field.append(instruction)
        paragraph._p.append(field)

    assert records_of(programme(fill))[0]["action"] == "Linkitetty toimenpide sisällönhallinnassa"


def test_text_is_escaped_and_written_so_a_build_of_the_converted_text_is_the_same() -> None:
    def fill(document: Any) -> None:
        cell(document, 1, 3).text = "Arvo < 5 & muuta\t ja  välit"

    document = programme(fill)
    converted = "".join(line + "\n" for line in lines_of(document)).encode("utf-8")
    text = read_document("ohjelma.txt", converted)
    from_text = transform([text], lexicon=LEXICON, vocabularies=VOCABULARIES)[1]
    from_word = records_of(document)
    assert from_word[0]["action"] == "Arvo < 5 & muuta ja välit"
    assert [dict(r, source_file="") for r in from_text] == [
        dict(r, source_file="") for r in from_word
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "save it as .docx"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "encrypted",
        ),
        (b"{\\rtf1\\ansi hello}", "Rich Text"),
        (b"PK\x03\x04broken", "damaged ZIP"),
    ],
)
def test_documents_that_are_not_docx_are_refused_with_what_to_do(data: bytes, message: str) -> None:
    with pytest.raises(KeravaError, match=message) as raised:
        read_document("ohjelma.doc", data)
    assert raised.value.file == "ohjelma.doc"


def test_an_opendocument_file_is_refused(tmp_path: Path) -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(KeravaError, match="OpenDocument"):
        read_document("ohjelma.odt", buffer.getvalue())


def test_a_word_file_without_a_programme_table_is_exit_2() -> None:
    document = docx.Document()
    document.add_paragraph("Pelkkää tekstiä")
    doc = read_document("muistio.docx", saved(document))
    with pytest.raises(KeravaError, match="no programme table"):
        transform([doc], lexicon=LEXICON, vocabularies=VOCABULARIES)


@pytest.mark.parametrize("variant", ["plain", "breaks", "bullets", "tracked"])
def test_the_real_documents_content_in_word_reads_field_exact(variant: str, tmp_path: Path) -> None:
    """The real document written as Word files (tests/formats/render.py: paragraphs, line
    breaks, real numbering, tracked changes, hyperlinks, content controls, non-breaking and
    soft hyphens, vertical merges): every record as the hand-made reading has it."""
    import json

    from conftest import GOLDEN, RAW_DOCUMENT
    from formats import render

    path = tmp_path / f"ohjelma.{variant}.docx"
    injected = render.write_docx(render.programme_from_text(RAW_DOCUMENT), path, variant)
    assert (variant == "tracked") == bool(injected)
    doc = read_document(path.name, path.read_bytes())
    records = transform([doc], lexicon=LEXICON, vocabularies=VOCABULARIES)[1]
    gold = [json.loads(line) for line in GOLDEN.read_text("utf-8").splitlines()]
    fields = ("board", "spearhead", "strategic_goals", "sector_goal", "action")
    fields += ("responsible", "risks", "metrics", "filled_down")
    assert [{f: r[f] for f in fields} for r in records] == [{f: g[f] for f in fields} for g in gold]
    # Every injection is where the reading has its paragraph: the records above are equal.
    assert variant != "tracked" or {i.kind for i in injected} >= {"del", "ins", "sdt", "hyperlink"}


def test_a_word_file_builds_every_output(tmp_path: Path) -> None:
    from kerava_etl.errors import ExitCode
    from kerava_etl.pipeline import build

    path = tmp_path / "ohjelma.docx"
    path.write_bytes(saved(programme()))
    result = build([path], tmp_path / "out", extras={"duckdb", "xlsx"}, lexicon=LEXICON)
    assert result.exit_code == ExitCode.OK
    records = json.loads((tmp_path / "out" / "actions.json").read_text("utf-8"))
    assert [(r["source_file"], r["source_page"]) for r in records] == [("ohjelma.docx", None)] * 2
