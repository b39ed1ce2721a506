"""The PDF reader, on PDFs the suite prints itself: the real document's content rendered
by Chromium in several layouts (tests/formats/render.py), read back against the hand-made
reading of every row (tests/golden/), and the PDFs the build must refuse.

Chromium is Debian's (.ci/run installs it); without it the module is skipped, except under
CI, where a missing browser fails it.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import GOLDEN, LEXICON, RAW_DOCUMENT, VOCABULARIES
from formats import render
from kerava_etl.errors import KeravaError
from kerava_etl.pipeline import transform
from kerava_etl.stages.read import read_document
from kerava_etl.stages.readers import textformat

FIELDS = ("board", "spearhead", "strategic_goals", "sector_goal", "action", "responsible")
FIELDS += ("risks", "metrics")
GOLD = [json.loads(line) for line in GOLDEN.read_text("utf-8").splitlines()]

if render.chromium_path() is None:  # pragma: no cover - depends on the machine
    reason = "Chromium is not installed (Debian: apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the PDF tests", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


# The layouts printed whole, and those printed as the document's first tables only (the
# suite's time: a whole printing and reading costs several seconds).
WHOLE = ("plain", "bullets", "soft")
FIRST_TABLES = 12


def first_tables(programme: render.Programme, count: int) -> render.Programme:
    """The programme up to its ``count``-th table."""
    tables = [i for i, block in enumerate(programme.blocks) if isinstance(block, render.Table)]
    return render.Programme(programme.blocks[: tables[count - 1] + 1], programme.title)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """The real document's content printed in each layout (a few seconds each)."""
    programme = render.programme_from_text(RAW_DOCUMENT)
    folder = tmp_path_factory.mktemp("pdf")
    printed = {}
    for variant in ("plain", "bullets", "soft", "breakrows", "nospacing"):
        printed[variant] = folder / f"ohjelma.{variant}.pdf"
        shown = programme if variant in WHOLE else first_tables(programme, FIRST_TABLES)
        render.write_pdf(shown, printed[variant], variant)
    yield printed


def gold_of(variant: str) -> list[dict[str, Any]]:
    """The reading of the rows a variant prints."""
    if variant in WHOLE:
        return GOLD
    programme = first_tables(render.programme_from_text(RAW_DOCUMENT), FIRST_TABLES)
    return GOLD[: len(programme.rows)]


_BUILT: dict[Path, tuple[Any, list[dict[str, Any]], list[Any]]] = {}


def built(path: Path) -> tuple[list[dict[str, Any]], list[Any]]:
    """The records and findings a PDF gives (read once per test run)."""
    return _built(path)[1:]


def _built(path: Path) -> tuple[Any, list[dict[str, Any]], list[Any]]:
    if path not in _BUILT:
        document = read_document(path.name, path.read_bytes(), LEXICON)
        _, records, findings = transform([document], lexicon=LEXICON, vocabularies=VOCABULARIES)
        _BUILT[path] = (document, [dict(record) for record in records], findings)
    return _BUILT[path]


@pytest.mark.parametrize(
    ("variant", "records_exact", "cells_exact"),
    [
        ("plain", 0.88, 0.985),
        ("bullets", 0.9, 0.985),
        ("soft", 0.97, 0.995),
        ("breakrows", 0.8, 0.97),
    ],
)
def test_the_printed_document_reads_as_the_hand_made_reading(
    pdfs: dict[str, Path], variant: str, records_exact: float, cells_exact: float
) -> None:
    """No record lost or invented (each row's board, spearhead and action start where the
    reading says), and most records and cells exactly as read by hand."""
    records, findings = built(pdfs[variant])
    gold = gold_of(variant)
    assert not [f for f in findings if f.severity == "error"]
    assert len(records) == len(gold)
    assert [(r["board"], r["spearhead"]) for r in records] == [
        (g["board"], g["spearhead"]) for g in gold
    ]
    assert all(
        (r["action"] or "")[:12] == (g["action"] or "")[:12]
        for r, g in zip(records, gold, strict=True)
    )
    exact = sum(all(r[f] == g[f] for f in FIELDS) for r, g in zip(records, gold, strict=True))
    cells = sum(r[f] == g[f] for r, g in zip(records, gold, strict=True) for f in FIELDS)
    assert exact >= records_exact * len(gold), exact
    assert cells >= cells_exact * len(gold) * len(FIELDS), cells


def test_records_name_the_page_they_are_on(pdfs: dict[str, Path]) -> None:
    """Each record's page holds its action's first word; pages go on in document order."""
    import pdfplumber

    records, _ = built(pdfs["plain"])
    pages = [r["source_page"] for r in records]
    assert pages == sorted(pages) and pages[0] == 1
    with pdfplumber.open(pdfs["plain"]) as pdf:
        assert pages[-1] <= len(pdf.pages)
        texts = [_squeezed(page.extract_text() or "") for page in pdf.pages]
    for record in (r for r in records if r["action"] is not None):
        first = _squeezed(record["action"].split()[0])  # it may wrap: spaces, hyphens aside
        assert first in texts[record["source_page"] - 1], (record["source_line"], first)


def _squeezed(text: str) -> str:
    return "".join(text.split()).replace("-", "")


def test_a_row_the_page_broke_is_joined_and_reported_with_its_pages(
    pdfs: dict[str, Path],
) -> None:
    records, findings = built(pdfs["breakrows"])
    joined = [f for f in findings if f.code == "pdf_row_joined"]
    assert joined and all(f.source_page is not None for f in joined)
    assert all(f"pages {f.source_page} and {f.source_page + 1}" in f.message for f in joined)
    assert len(records) == len(gold_of("breakrows"))


def test_an_item_boundary_the_layout_cannot_tell_is_reported(pdfs: dict[str, Path]) -> None:
    _, findings = built(pdfs["nospacing"])
    uncertain = [f for f in findings if f.code == "pdf_item_uncertain"]
    assert uncertain and all(" | " in (f.value or "") for f in uncertain)


def test_the_converted_text_builds_the_same_records(pdfs: dict[str, Path]) -> None:
    """kerava-etl convert's text, pages and all, reads as the PDF does."""
    document, from_pdf, _ = _built(pdfs["plain"])
    text = "".join(line + "\n" for line in document.lines).encode("utf-8")
    again = read_document("ohjelma.txt", text)
    assert again.pages == document.pages
    from_text = transform([again], lexicon=LEXICON, vocabularies=VOCABULARIES)[1]
    assert [dict(r, source_file="") for r in from_text] == [
        dict(r, source_file="") for r in from_pdf
    ]


def test_reading_a_pdf_twice_gives_the_same_lines(pdfs: dict[str, Path]) -> None:
    first = _built(pdfs["nospacing"])[0]
    assert read_document(first.name, pdfs["nospacing"].read_bytes(), LEXICON) == first


def _printed(tmp_path: Path, body: str) -> bytes:
    page = tmp_path / "page.html"
    page.write_text(f"<!DOCTYPE html><html lang='fi'><body>{body}</body></html>", "utf-8")
    pdf = tmp_path / "page.pdf"
    render.print_pdf(page, pdf, tmp_path / "profile")
    return pdf.read_bytes()


def test_a_scan_is_refused_with_ocr_named(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 200), "white")
    ImageDraw.Draw(image).text((20, 80), "Strateginen kärki  Toimenpide", fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    import base64

    source = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    data = _printed(tmp_path, f"<img src='{source}' width='600'>")
    with pytest.raises(KeravaError, match=r"no text layer.*ocrmypdf"):
        read_document("skannattu.pdf", data, LEXICON)


def test_a_pdf_without_ruled_tables_is_refused(tmp_path: Path) -> None:
    header = ["Strateginen kärki", "Strategiset tavoitteet", "Toimenpide", "Vastuu", "Mittari"]
    labels = "".join(f"<th>{label}</th>" for label in header)
    row = "".join("<td>teksti</td>" for _ in header)
    data = _printed(tmp_path, f"<table><tr>{labels}</tr><tr>{row}</tr></table>")
    with pytest.raises(KeravaError, match=r"outside any ruled table.*\.docx"):
        read_document("reunaton.pdf", data, LEXICON)


def test_an_encrypted_pdf_is_refused(pdfs: dict[str, Path], tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(pdfs["plain"]))
    writer.encrypt(user_password="", owner_password="salasana")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(KeravaError, match="encrypted PDF"):
        read_document("salattu.pdf", buffer.getvalue(), LEXICON)


def test_a_pdf_with_tables_but_no_programme_table_is_exit_2(tmp_path: Path) -> None:
    table = "<table border='1' style='border-collapse:collapse'><tr><td>Nimi</td><td>Arvo</td>"
    data = _printed(tmp_path, table + "</tr><tr><td>a</td><td>b</td></tr></table>")
    document = read_document("muu.pdf", data, LEXICON)
    with pytest.raises(KeravaError, match="no programme table"):
        transform([document], lexicon=LEXICON, vocabularies=VOCABULARIES)


def test_a_pdf_builds_every_output_with_its_pages(pdfs: dict[str, Path], tmp_path: Path) -> None:
    """The whole build, outputs and all: source_page is an integer column."""
    import pyarrow.parquet as pq

    from kerava_etl.errors import ExitCode
    from kerava_etl.pipeline import build

    result = build(
        [pdfs["nospacing"]], tmp_path / "out", extras={"duckdb", "xlsx"}, lexicon=LEXICON
    )
    assert result.exit_code == ExitCode.OK
    table = pq.read_table(tmp_path / "out" / "actions.parquet")
    assert str(table.schema.field("source_page").type) == "int32"
    assert table.column("source_page").to_pylist()[0] == 1
    report = json.loads((tmp_path / "out" / "quality_report.json").read_text("utf-8"))
    assert any(f["source_page"] for f in report)


def test_the_build_reads_a_pdf_as_convert_does(pdfs: dict[str, Path], tmp_path: Path) -> None:
    """The build judges a PDF's hyphens with the dictionary too: its records are the
    converted text's."""
    from kerava_etl.pipeline import build

    build([pdfs["nospacing"]], tmp_path / "out")
    built_records = json.loads((tmp_path / "out" / "actions.json").read_text("utf-8"))
    assert [r["action"] for r in built_records] == [
        r["action"] for r in built(pdfs["nospacing"])[0]
    ]


def test_a_merged_cell_ruled_round_its_text_only_goes_on_below(tmp_path: Path) -> None:
    # WeasyPrint rules a cell spanning rows over a page break round its text only, and on
    # the next page leaves its column unruled and empty: the cell above going on. (The
    # second page is the fuller, so the first's row is no row the page broke.)
    labels = ["Strateginen kärki", "Strategiset tavoitteet", "Toimialan tavoite"]
    labels += ["Toimenpide", "Vastuu", "Riski", "Mittari"]
    ruled = "border:1px solid #000;padding:4px;vertical-align:top"
    head = "<tr>" + "".join(f"<th style='{ruled}'>{label}</th>" for label in labels) + "</tr>"

    def cells(n: int) -> str:
        texts = ("Tavoite", "Toimialan tavoite", "Toimenpide", "Vastuu", "Riski", "Mittari")
        return "".join(f"<td style='{ruled}'>{text} {n}</td>" for text in texts) + "</tr>"

    boxed = f"<div style='{ruled}'>Tasapainoinen talous</div>"
    first = f"<tr><td style='padding:0;vertical-align:top'>{boxed}</td>{cells(1)}"
    going_on = f"<tr><td rowspan='9' style='padding:0'></td>{cells(2)}"
    going_on += "".join(f"<tr>{cells(n)}" for n in range(3, 11))
    table = "<table style='border-collapse:separate;border-spacing:0;width:100%{}'>"
    body = f"<p>Kaupunginhallitus</p>{table.format('')}{head}{first}</table>"
    body += f"{table.format(';break-before:page')}{head}{going_on}</table>"
    document = read_document("rajattu.pdf", _printed(tmp_path, body), LEXICON)
    _, records, _ = transform([document], lexicon=LEXICON, vocabularies=VOCABULARIES)
    assert [r["action"] for r in records] == [f"Toimenpide {n}" for n in range(1, 11)]
    assert [r["spearhead"] for r in records] == ["Tasapainoinen talous"] * 10
    assert [r["filled_down"] for r in records] == [[]] + [["spearhead"]] * 9  # merged
    assert document.lines[5].startswith(textformat.MERGED)  # the first row on page 2
    assert [r["source_page"] for r in records] == [1] + [2] * 9
