"""The web page, index.html, read as HTML (the browser test drives it in Chromium)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from lxml import html

from conftest import HEADER, RAW_DOCUMENT, VOCABULARIES, board, document, row, transformed
from kerava_etl.codes import CODES
from kerava_etl.models import ACTION_FIELDS
from kerava_etl.pipeline import build
from kerava_etl.publish.facets import FACETS, Facet, facets_of
from kerava_etl.publish.outputs import Publication
from kerava_etl.publish.page import page_chunks
from kerava_etl.publish.sources import load_known_sources, sources_of
from kerava_etl.publish.tables import build_tables

STRATEGY_PAGE = "https://kerava.fi/ajankohtaista/kaupunkistrategia-2025"
LICENCE_PAGE = "https://creativecommons.org/licenses/by/4.0/"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("page") / "out"
    assert build([RAW_DOCUMENT], out, extras={"xlsx"}).exit_code == 0
    return out


@pytest.fixture(scope="module")
def tree(out: Path) -> Any:
    return html.fromstring((out / "index.html").read_bytes())


@pytest.fixture(scope="module")
def records(out: Path) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads((out / "actions.json").read_text("utf-8"))
    return loaded


def test_the_page_is_finnish_and_lists_every_action_without_javascript(
    tree: Any, records: list[dict[str, Any]]
) -> None:
    assert tree.get("lang") == "fi"
    rows = tree.xpath('//table[@id="toimenpidetaulukko"]/tbody/tr')
    assert len(rows) == len(records) == 141
    lines = [int(r.xpath('./td[1]/a[@class="v"]')[0].text_content()) for r in rows]
    assert lines == [record["source_line"] for record in records]
    # The search form only works with the script, which unhides it.
    assert tree.xpath('//form[@id="haku"]')[0].get("hidden") is not None


def test_every_field_of_every_action_is_in_its_row(
    tree: Any, records: list[dict[str, Any]]
) -> None:
    """The search covers the .v elements: each field's text must be among them."""
    rows = tree.xpath('//table[@id="toimenpidetaulukko"]/tbody/tr')
    for row_element, record in zip(rows, records, strict=True):
        values = [element.text_content() for element in row_element.find_class("v")]
        for name in ACTION_FIELDS:
            value = record[name]
            if isinstance(value, dict):  # extra: label -> text, shown as "label: text"
                value = [f"{label}: {text}" for label, text in value.items()]
            items = value if isinstance(value, list) else [] if value is None else [value]
            for item in items:
                assert str(item) in values, (record["source_line"], name, item)


def test_no_request_can_leave_the_page(out: Path, tree: Any) -> None:
    for tag in ("link", "img", "iframe", "object", "embed", "video", "audio", "source", "base"):
        assert tree.xpath(f"//{tag}") == [], tag
    assert all(script.get("src") is None for script in tree.xpath("//script"))
    text = (out / "index.html").read_text("utf-8")
    assert "@import" not in text and "url(" not in text
    policy = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]')[0].get("content")
    assert policy.startswith("default-src 'none'")
    # Links: within the page, to the files beside it, or the two addresses the page cites.
    external = set()
    ids = set(tree.xpath("//@id"))
    for href in tree.xpath("//a/@href"):
        if href.startswith("#"):
            assert href[1:] in ids, href
        elif href.startswith("https://"):
            external.add(href)
        else:
            assert (out / href).is_file(), href
    assert external == {STRATEGY_PAGE, LICENCE_PAGE}


def test_provenance_names_title_publisher_address_hash_and_licence(tree: Any) -> None:
    block = tree.xpath('//section[@id="lahde"]')[0].text_content()
    assert "Keravan kaupunkistrategian toimenpideohjelmat 2018–2021" in block
    assert "Keravan kaupunkistrategian toimenpideohjelmien 2018-2021" in block  # title block
    assert "Keravan kaupunki" in block and STRATEGY_PAGE in block
    assert hashlib.sha256(RAW_DOCUMENT.read_bytes()).hexdigest() in block
    assert "12.3.2018" in block and "PDF-tiedoston omaa verkko-osoitetta ei löytynyt" in block
    assert "Creative Commons Attribution 4.0" in block and "CC-BY-4.0" in block
    citation = tree.find_class("citation")[0].text_content()
    assert citation.startswith("Keravan kaupunki: Keravan kaupunkistrategian toimenpideohjelmat")


def test_heatmap_counts_every_board_and_spearhead_pair(
    tree: Any, records: list[dict[str, Any]]
) -> None:
    pairs = Counter((r["board"] or "(ei toimielintä)", r["spearhead"]) for r in records)
    for chart_id in ("kaavio-ristiin", "kaavio-ristiin-kapea"):
        svg = tree.xpath(f'//*[@id="{chart_id}"]')[0]
        tips = {t.text for t in svg.iter("{*}title", "title")}
        for (board_name, spearhead), count in pairs.items():
            assert f"{board_name} – {spearhead}: {count}" in tips, (chart_id, board_name)
    assert "(ei toimielintä) – Tasapainoinen talous: 5" in tips  # five rows without a board


def test_bar_charts_per_board_and_spearhead(tree: Any) -> None:
    tips = {t.text for t in tree.xpath('//*[@id="kaavio-board"]')[0].iter("{*}title", "title")}
    # boards.csv of the published vocabulary: Kasvatus- ja opetuslautakunta has 48 actions.
    assert "Kasvatus- ja opetuslautakunta: 48" in tips
    assert "(ei toimielintä): 5" in tips
    tips = {t.text for t in tree.xpath('//*[@id="kaavio-spearhead"]')[0].iter("{*}title", "title")}
    assert "Sydämessä keravalainen: 43" in tips and "Monimuotoinen viherkaupunki: 23" in tips


def test_quality_findings_are_explained_and_located(out: Path, tree: Any) -> None:
    report = json.loads((out / "quality_report.json").read_text("utf-8"))
    for code, count in Counter(f["code"] for f in report).items():
        article = tree.xpath(f'//article[@id="laatu-{code}"]')[0]
        text = article.text_content()
        assert CODES[code].label in text and CODES[code].explanation in text
        places = article.xpath(".//ul[@class='places']/li")
        assert len(places) == count
    swapped = tree.xpath('//article[@id="laatu-risk_metric_swapped"]//li/a/@href')
    assert swapped == ["#r1-47", "#r1-48"]  # the two rows whose Riski and Mittari were swapped


def test_every_finding_code_has_plain_finnish_words() -> None:
    labels = [code.label for code in CODES.values()]
    assert all(code.label and code.explanation for code in CODES.values())
    assert len(set(labels)) == len(labels)  # a reader tells the codes apart by their labels


def test_downloads_link_every_file_the_build_wrote(out: Path, tree: Any) -> None:
    linked = set(tree.xpath('//section[@id="lataa"]//a/@href'))
    written = {p.name for p in out.iterdir()} - {"index.html", ".kerava-etl"}
    assert linked == written
    assert tree.xpath('//section[@id="tietoa"]//a[@href="actions.xlsx"]')  # the Excel tip


def test_data_dictionary_names_every_field(tree: Any) -> None:
    section = tree.xpath('//section[@id="tietosisalto"]')[0]
    names = {code.text for code in section.xpath(".//table//td[1]/code")}
    assert set(ACTION_FIELDS) <= names
    assert "Toimenpiteen tunniste" in section.text_content()


def publication_of(records: list[dict[str, Any]]) -> Publication:
    infos, _, findings = transformed(document(board("Hallintopalvelut"), HEADER, row(*"ABCDEFG")))
    tables = build_tables(records, infos, VOCABULARIES)
    sources, _ = sources_of(infos, load_known_sources())
    return Publication(records, tables, findings, sources, "CC-BY-4.0")


def test_text_is_escaped() -> None:
    _, records, _ = transformed(document(board("Hallintopalvelut"), HEADER, row(*"ABCDEFG")))
    records[0]["action"] = '<b onclick="x()">Tee & "katso"</b>'
    records[0]["metrics"] = ["</td></tr><script>alert(1)</script>"]
    page = "".join(page_chunks(publication_of(records), []))
    assert "&lt;b onclick=&quot;x()&quot;&gt;Tee &amp; &quot;katso&quot;&lt;/b&gt;" in page
    assert "<script>alert" not in page and "<b onclick" not in page
    tree = html.fromstring(page)
    assert len(tree.xpath('//table[@id="toimenpidetaulukko"]/tbody/tr')) == 1


def test_a_list_field_is_a_facet_by_membership() -> None:
    """Responsible parties (a list per action) chart and filter by membership."""
    _, records, _ = transformed(
        document(
            board("Hallintopalvelut"),
            HEADER,
            row(
                "Tasapainoinen talous",
                *"BCD",
                "Konsernipalvelut yhdessä kaupunkitekniikan kanssa",
                *"FG",
            ),
            row("Tasapainoinen talous", *"HIJ", "", *"LM"),
        )
    )
    (party,) = [facet for facet in FACETS if facet.key == "party"]
    (values,) = facets_of(records, [], [party])
    assert values.per_record == [["Konsernipalvelut", "Kaupunkitekniikka"], ["(ei vastuutahoa)"]]
    tree = html.fromstring("".join(page_chunks(publication_of(records), [])))
    assert tree.xpath('//select[@id="suodin-party"]') and tree.xpath('//*[@id="kaavio-party"]')
    first = tree.xpath('//table[@id="toimenpidetaulukko"]/tbody/tr')[0]
    assert json.loads(first.get("data-party")) == ["Konsernipalvelut", "Kaupunkitekniikka"]


def test_every_facet_has_its_filter_and_a_list_counts_each_value_once(tree: Any) -> None:
    for key in ("board", "spearhead", "goal", "party"):
        assert tree.xpath(f'//select[@id="suodin-{key}"]'), key
    goal_options = tree.xpath('//select[@id="suodin-goal"]/option/text()')
    assert any(text.startswith("Hyvinvointi ja terveys ovat meille") for text in goal_options)
    strings = Facet("tag", "Tunniste", "tags", "(ei)", "Tunnisteet", bars=1)
    (values,) = facets_of([{"tags": ["b", "a", "b"]}, {"tags": ["b"]}], [], [strings])
    assert values.per_record == [["b", "a"], ["b"]] and values.ordered == [("b", 2), ("a", 1)]


def test_bars_are_as_long_as_their_counts() -> None:
    from kerava_etl.publish.charts import bar_chart

    svg = html.fromstring(bar_chart("c", "Otsikko", [("a & b", 4), ("c", 2), ("d", 0)]))
    widths = [float(rect.get("width")) for rect in svg.iter("rect")]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
    assert [t.text for t in svg.iter("title")] == ["Otsikko", "a & b: 4", "c: 2", "d: 0"]


def test_the_optional_columns_are_shown_by_their_label_where_a_table_has_them() -> None:
    """A later programme's Aikataulu and Tilanne: in the action's details, searchable; a
    table without them shows no empty term."""
    header = f"{HEADER}\tAikataulu\tTilanne"
    cells = "\t".join(["Tasapainoinen talous", *"TSAVRM", "Syksy 2025", "Käynnissä"])
    _, records, _ = transformed(
        document(
            board("Hallintopalvelut") + "\t\t",
            header,
            cells,
            "",
            board("Hallintopalvelut"),
            HEADER,
            row("Tasapainoinen talous", *"TSBVRM"),
        )
    )
    tree = html.fromstring("".join(page_chunks(publication_of(records), [])))
    first, second = tree.xpath('//table[@id="toimenpidetaulukko"]/tbody/tr')
    terms = {dt.text_content(): dt.getnext() for dt in first.xpath(".//dt")}
    assert terms["Aikataulu"].find_class("v")[0].text_content() == "Syksy 2025"
    assert terms["Tilanne"].find_class("v")[0].text_content() == "Käynnissä"
    assert "Resurssit" not in terms
    assert not {"Aikataulu", "Tilanne"} & {dt.text_content() for dt in second.xpath(".//dt")}
