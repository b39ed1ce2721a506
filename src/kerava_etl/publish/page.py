"""The dataset's web page, ``index.html``: one self-contained file for people who do not code.

What the dataset is (in plain Finnish, with a short English summary), headline numbers,
charts drawn here as SVG, every action in a table (search and filters are added by a small
script; without it the table is still all there), the quality findings in plain words,
where the data comes from and how to cite it, the files to download, and the data
dictionary. Styles and script are inline (``assets/``) and a Content-Security-Policy
allows nothing else, so opening the page makes no request. The same input gives the same
bytes: nothing here reads the clock or depends on hash order.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import html
import json
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kerava_etl import __version__
from kerava_etl.codes import CODES, Finding, Severity
from kerava_etl.columns import COLUMNS
from kerava_etl.config import LICENSES
from kerava_etl.models import ActionRecord
from kerava_etl.publish.charts import bar_chart, compact_heatmap, heatmap
from kerava_etl.publish.facets import HEATMAP, FacetValues, facets_of
from kerava_etl.publish.schema import Table
from kerava_etl.publish.sources import Source, dataset_title, publishers

if TYPE_CHECKING:
    from kerava_etl.publish.outputs import Publication

ASSETS = Path(__file__).resolve().parent / "assets"
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
SUMMARY_CHARS = 160  # an action longer than this shows its start; the rest is expandable
OPEN_PLACES = 12  # a finding met this often or less lists its places open
# Pure, and its arguments repeat (board names, parties, goal texts): kept.
escape = lru_cache(maxsize=1 << 16)(html.escape)

TYPE_NAMES = {
    "string": "teksti",
    "integer": "kokonaisluku",
    "boolean": "kyllä/ei (true/false)",
    "list": "luettelo",
    "category": "teksti (luokka)",
    "map": "sarakkeen nimi -> teksti (JSON-olio)",
}
SEVERITY_NAMES = {
    Severity.ERROR: "virhe",
    Severity.WARNING: "varoitus",
    Severity.INFO: "huomautus",
}


@dataclass(frozen=True)
class Download:
    """Files of one kind for the downloads list: what they are for, and who would use them."""

    use: str  # one line, Finnish
    files: tuple[tuple[str, str | None], ...]  # (file name, the Finnish title of its table)


@dataclass
class _Page:
    """What the sections are drawn from, worked out once."""

    publication: Publication
    downloads: Sequence[Download]
    facets: list[FacetValues]
    anchors: dict[tuple[str, int], str] = field(default_factory=dict)  # (file, line) -> row id

    @property
    def records(self) -> Sequence[ActionRecord]:
        return self.publication.records

    def table(self, name: str) -> Table | None:
        return next((t for t in self.publication.tables if t.name == name), None)


def write_page(path: Path, publication: Publication, downloads: Sequence[Download]) -> None:
    """Write ``index.html`` for ``publication`` (streamed: the page grows with the corpus)."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.writelines(page_chunks(publication, downloads))


def page_chunks(publication: Publication, downloads: Sequence[Download]) -> Iterator[str]:
    """The page's text, in pieces."""
    page = _Page(publication, downloads, facets_of(publication.records, publication.tables))
    order = {source.file: index for index, source in enumerate(publication.sources, start=1)}
    for record in publication.records:
        key = (record["source_file"], record["source_line"])
        page.anchors[key] = f"r{order.get(key[0], 0)}-{key[1]}"
    css, script = _asset("page.css"), _asset("page.js")
    yield _head(_title(page), css, script)
    yield _header(page)
    yield "<main>\n"
    yield _intro(page)
    yield _numbers(page)
    yield _charts(page)
    yield from _actions(page)
    yield _findings(page)
    yield _provenance(page)
    yield _downloads(page)
    yield _dictionary(publication.tables)
    yield "</main>\n"
    yield _footer()
    yield f"<script>{script}</script>\n</body>\n</html>\n"


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    """A CSP source expression allowing exactly this inline text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _head(title: str, css: str, script: str) -> str:
    policy = (
        f"default-src 'none'; style-src {_hash(css)}; script-src {_hash(script)}; "
        "base-uri 'none'; form-action 'none'"
    )
    return (
        '<!DOCTYPE html>\n<html lang="fi">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="kerava-etl {escape(__version__)}">\n'
        f"<title>{escape(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
    )


def _period(page: _Page) -> str:
    """The programmes' years, ``2018–2021``, from the documents table ('' when unknown)."""
    documents = page.table("documents")
    if documents is None:
        return ""
    starts = [year for year in documents.values["start_year"] if year is not None]
    ends = [year for year in documents.values["end_year"] if year is not None]
    return f"{min(starts)}–{max(ends)}" if starts and ends else ""


def _title(page: _Page) -> str:
    return " ".join(filter(None, [dataset_title(page.publication.sources), _period(page)]))


def _header(page: _Page) -> str:
    links = [
        ("kaaviot", "Kaaviot"),
        ("toimenpiteet", "Toimenpiteet"),
        ("laatu", "Laatuhuomiot"),
        ("lahde", "Lähde ja viittaus"),
        ("lataa", "Lataa aineisto"),
        ("tietosisalto", "Tietosisältö"),
    ]
    nav = "".join(f'<li><a href="#{key}">{escape(text)}</a></li>' for key, text in links)
    return (
        f'<header class="top"><p class="kicker">Avoin data</p><h1>{escape(_title(page))}</h1>'
        f'<nav aria-label="Sivun osat"><ul>{nav}</ul></nav></header>\n'
    )


def _count(number: int, one: str, many: str) -> str:
    """``1 toimenpide``, ``141 toimenpidettä``: Finnish takes the partitive after numbers."""
    return f"{number} {one if number == 1 else many}"


def _intro(page: _Page) -> str:
    actions = _count(len(page.records), "toimenpide", "toimenpidettä")
    has_workbook = any(name == "actions.xlsx" for d in page.downloads for name, _ in d.files)
    excel = (
        '<p class="tip"><strong>Excel-käyttäjälle:</strong> avaa <a href="actions.xlsx">'
        "actions.xlsx</a>. Siinä sarakkeiden otsikot ovat suomeksi ja ääkköset näkyvät oikein. "
        "CSV-tiedostot on tarkoitettu ohjelmille; Excel ei avaa niitä oikein "
        "kaksoisnapsautuksella.</p>"
        if has_workbook
        else ""
    )
    return (
        '<section id="tietoa" class="intro">'
        "<p>Kaupunkistrategia kertoo, millainen kaupunki Kerava haluaa olla. "
        "<strong>Toimenpideohjelmissa</strong> on lueteltu, mitä kaupungin toimielimet "
        "(lautakunnat ja jaostot) tekevät strategian toteuttamiseksi. Jokainen toimenpide on "
        "taulukon rivi: mihin strategiseen kärkeen ja tavoitteeseen se liittyy, mikä "
        "toimielin siitä vastaa, kuka sen toteuttaa, mitä riskejä siihen liittyy ja millä "
        "mittareilla sen toteutumista seurataan.</p>"
        f"<p>Tällä sivulla ovat kaikki {actions} luettavina ja haettavina. Tiedot on luettu "
        "ohjelmallisesti toimenpideohjelmien PDF-asiakirjasta tekstiksi muunnetusta "
        'versiosta. Lähteen virheet ja tehdyt korjaukset kerrotaan kohdassa <a href="#laatu">'
        'Laatuhuomiot</a>, lähde ja lisenssi kohdassa <a href="#lahde">Lähde ja viittaus</a>, '
        'ja koko aineiston voi ladata kohdasta <a href="#lataa">Lataa aineisto</a>.</p>'
        f"{excel}"
        '<p lang="en" class="english"><strong>In English:</strong> the City of Kerava\'s '
        f"strategy action programmes as open data: {len(page.records)} actions, each with "
        "its board, strategy spearhead, goals, responsible parties, risks and metrics. Search "
        "and filter them below, read where the data comes from and what was repaired in the "
        "source, and download it as Excel, CSV, Parquet or JSON (licence and citation under "
        "<i>Lähde ja viittaus</i>).</p></section>\n"
    )


def _numbers(page: _Page) -> str:
    records = page.records
    boards = {r["board"] for r in records if r["board"] is not None}
    flagged = sum(1 for r in records if r["quality_flags"])
    figures = [
        (len(records), "toimenpide", "toimenpidettä"),
        (len(boards), "toimielin", "toimielintä"),
        (len({r["spearhead"] for r in records}), "strateginen kärki", "strategista kärkeä"),
        (sum(len(r["metrics"]) for r in records), "mittari", "mittaria"),
        (flagged, "rivi, jossa laatuhuomio", "riviä, joissa laatuhuomio"),
        (len(page.publication.sources), "lähdeasiakirja", "lähdeasiakirjaa"),
    ]
    items = "".join(
        f"<li><strong>{number}</strong> {escape(one if number == 1 else many)}</li>"
        for number, one, many in figures
    )
    return (
        f'<section id="luvut" aria-label="Tunnusluvut"><ul class="numbers">{items}</ul></section>\n'
    )


def _charts(page: _Page) -> str:
    by_key = {values.facet.key: values for values in page.facets}
    figures: list[str] = []
    rows_key, columns_key = HEATMAP
    if rows_key in by_key and columns_key in by_key:
        figures.append(_heatmap_figure(by_key[rows_key], by_key[columns_key]))
    for values in page.facets:
        facet = values.facet
        shown = values.ordered[: facet.bars]
        note = (
            f'<p class="note">{len(shown)} yleisintä {len(values.ordered)}:stä.</p>'
            if len(shown) < len(values.ordered)
            else ""
        )
        chart = bar_chart(f"kaavio-{facet.key}", facet.chart_title, shown)
        figures.append(
            f'<figure class="bars"><figcaption>{escape(facet.chart_title)}</figcaption>'
            f'<div class="chart-box">{chart}</div>{note}</figure>'
        )
    return (
        '<section id="kaaviot"><h2>Kaaviot</h2><p>Luvut ovat toimenpiteiden määriä. Vie '
        "osoitin ruudun tai palkin päälle, niin näet sen nimen ja luvun.</p>"
        f'<div class="charts">{"".join(figures)}</div></section>\n'
    )


def _heatmap_figure(rows: FacetValues, columns: FacetValues) -> str:
    counts: Counter[tuple[str, str]] = Counter()
    for row_values, column_values in zip(rows.per_record, columns.per_record, strict=True):
        for row in row_values:
            for column in column_values:
                counts[row, column] += 1
    title = f"{rows.facet.label} ja {columns.facet.label.lower()}: toimenpiteiden määrä"
    grid = ([value for value, _ in rows.ordered], [value for value, _ in columns.ordered], counts)
    return (
        f'<figure class="heatmap"><figcaption>{escape(title)}</figcaption>'
        f'<div class="chart-box scroll wide">{heatmap("kaavio-ristiin", title, *grid)}</div>'
        f'<div class="chart-box narrow">{compact_heatmap("kaavio-ristiin-kapea", title, *grid)}'
        "</div></figure>"
    )


def _actions(page: _Page) -> Iterator[str]:
    yield (
        '<section id="toimenpiteet"><h2>Toimenpiteet</h2>'
        "<p>Kaikki toimenpiteet lähdeasiakirjan järjestyksessä. Rivin numero on rivi "
        "lähdetiedostossa; avaa toimenpide nähdäksesi tavoitteet, riskit ja muut tiedot.</p>"
    )
    yield _controls(page)
    yield (
        '<div class="table-box"><table id="toimenpidetaulukko"><thead><tr>'
        '<th scope="col">Rivi</th><th scope="col">Toimielin ja strateginen kärki</th>'
        '<th scope="col">Toimenpide</th>'
        '<th scope="col">Vastuu</th><th scope="col">Mittarit</th>'
        '<th scope="col">Huomiot</th></tr></thead>\n<tbody>\n'
    )
    for index, record in enumerate(page.records):
        yield _row(page, index, record)
    yield "</tbody></table></div></section>\n"


def _controls(page: _Page) -> str:
    selects = []
    for values in page.facets:
        key = values.facet.key
        options = "".join(
            f'<option value="{escape(value)}">{escape(value)} ({count})</option>'
            for value, count in values.ordered
        )
        selects.append(
            f'<label>{escape(values.facet.label)}<select id="suodin-{key}" data-facet="{key}">'
            f'<option value="">Kaikki</option>{options}</select></label>'
        )
    return (
        '<form id="haku" class="controls" role="search" hidden>'
        '<label class="search">Hae sanalla<input type="search" id="hakusana" '
        'placeholder="esim. kirjasto" autocomplete="off"></label>'
        f'{"".join(selects)}<button type="reset">Tyhjennä</button>'
        f'<p id="nakyvissa" aria-live="polite">{len(page.records)} toimenpidettä</p></form>'
    )


def _values(items: Sequence[str]) -> str:
    if not items:
        return '<span class="none">–</span>'
    return "<ul>" + "".join(f'<li class="v">{escape(item)}</li>' for item in items) + "</ul>"


@lru_cache(maxsize=1 << 14)
def _attribute_json(values: tuple[str, ...]) -> str:
    """A facet's values as a JSON list, escaped for an attribute (pure; values repeat)."""
    return html.escape(_JSON.encode(list(values)))


def _row(page: _Page, index: int, record: ActionRecord) -> str:
    anchor = page.anchors[record["source_file"], record["source_line"]]
    data = "".join(
        f' data-{values.facet.key}="{_attribute_json(tuple(values.per_record[index]))}"'
        for values in page.facets
    )
    board = (
        f'<span class="v">{escape(record["board"])}</span>'
        if record["board"] is not None
        else '<span class="none">(ei toimielintä)</span>'
    )
    return (
        f'<tr id="{anchor}"{data}>'
        f'<td data-label="Rivi"><a class="v" href="#{anchor}">{record["source_line"]}</a></td>'
        f'<td data-label="Toimielin ja strateginen kärki"><span class="board">{board}</span>'
        f'<span class="v spearhead">{escape(record["spearhead"])}</span></td>'
        f'<td data-label="Toimenpide" class="action">{_action_cell(record)}</td>'
        f'<td data-label="Vastuu">{_values(record["responsible"])}</td>'
        f'<td data-label="Mittarit">{_values(record["metrics"])}</td>'
        f'<td data-label="Huomiot">{_flags(record["quality_flags"])}</td></tr>\n'
    )


def _shortened(text: str) -> str:
    cut = text[:SUMMARY_CHARS].rsplit(" ", 1)[0] if len(text) > SUMMARY_CHARS else text
    return cut.rstrip(" ,.;:") + " …"


def _action_cell(record: ActionRecord) -> str:
    action: str | None = record["action"]
    full = ""
    if action is None:
        summary = '<em class="none">(toimenpide puuttuu lähteestä)</em>'
    elif len(action) <= SUMMARY_CHARS:
        summary = f'<span class="v text">{escape(action)}</span>'
    else:
        summary = f'<span class="text">{escape(_shortened(action))}</span>'
        full = _term("Toimenpide kokonaan", f'<div class="v text">{escape(action)}</div>')
    return f"<details><summary>{summary}</summary><dl>{full}{_more(record)}</dl></details>"


def _term(name: str, value: str) -> str:
    return f"<dt>{escape(name)}</dt><dd>{value}</dd>"


def _text(value: str | None) -> str:
    return (
        '<span class="none">–</span>'
        if value is None
        else f'<div class="v text">{escape(value)}</div>'
    )


# The columns the row and its details show in places of their own; every other column of
# the registry is shown by its label, after them.
_LAID_OUT = frozenset(
    ("spearhead", "strategic_goals", "sector_goal", "action", "responsible", "risks", "metrics")
)
_OTHER_COLUMNS = tuple(column for column in COLUMNS if column.field not in _LAID_OUT)


def _more(record: ActionRecord) -> str:
    """Everything else of the record, so the search (over ``.v``) covers every field."""
    parts = [
        _term("Strategiset tavoitteet", _values(record["strategic_goals"])),
        _term("Tavoitteiden tunnisteet", _values(record["strategic_goal_ids"])),
        _term("Toimialan tavoite", _text(record["sector_goal"])),
        _term("Vastuutahot", _parties(record)),
        _term("Riskit", _values(record["risks"])),
    ]
    fields: Mapping[str, object] = record  # the registry names these columns
    for column in _OTHER_COLUMNS:  # the columns later programmes add, where a table has them
        value = fields[column.field]
        if isinstance(value, list) and value:
            parts.append(_term(column.label, _values(value)))
        elif isinstance(value, str):
            parts.append(_term(column.label, _text(value)))
    if record["extra"]:
        extra = [f"{label}: {text}" for label, text in record["extra"].items()]
        parts.append(_term("Muut sarakkeet", _values(extra)))
    if record["board_raw"] is not None and record["board_raw"] != record["board"]:
        parts.append(_term("Toimielin lähteessä", _text(record["board_raw"])))
    if record["spearhead_raw"] != record["spearhead"]:
        parts.append(_term("Kärki lähteessä", _text(record["spearhead_raw"])))
    if record["section"] is not None:
        parts.append(_term("Sivun otsikko", _text(record["section"])))
    if record["filled_down"]:
        inherited = ", ".join(f'<code class="v">{escape(f)}</code>' for f in record["filled_down"])
        parts.append(_term("Peritty yläpuolisen rivin soluista", inherited))
    source = (
        f'<span class="v">{escape(record["source_file"])}</span>, rivi {record["source_line"]}; '
        f'tunniste <code class="v">{escape(record["action_id"])}</code>'
    )
    parts.append(_term("Lähde", source))
    return "".join(parts)


_ROLE_NAMES = {"lead": "vastuussa", "partner": "yhteistyössä"}


def _parties(record: ActionRecord) -> str:
    """Each party with its role, and as Vastuu wrote it when that differs."""
    if not record["parties"]:
        return '<span class="none">–</span>'
    items = []
    for party, role, raw in zip(
        record["parties"], record["party_roles"], record["parties_raw"], strict=True
    ):
        written = f' (lähteessä <span class="v">{escape(raw)}</span>)' if raw != party else ""
        items.append(
            f'<li><span class="v">{escape(party)}</span>: {_ROLE_NAMES.get(role, role)} '
            f'<code class="v">{escape(role)}</code>{written}</li>'
        )
    return "<ul>" + "".join(items) + "</ul>"


def _flags(codes: Sequence[str]) -> str:
    badges = []
    for code in codes:
        badges.append(
            f'<a class="flag" href="#laatu-{escape(code)}">{escape(CODES[code].label)} '
            f'<code class="v">{escape(code)}</code></a>'
        )
    return "".join(badges)


def _findings(page: _Page) -> str:
    by_code: dict[str, list[Finding]] = defaultdict(list)
    for finding in page.publication.findings:
        by_code[finding.code].append(finding)
    articles = [_finding_group(page, code, by_code[code]) for code in CODES if code in by_code]
    body = (
        f'<div class="findings">{"".join(articles)}</div>'
        if articles
        else ("<p>Lähteestä ei löytynyt huomautettavaa.</p>")
    )
    return (
        '<section id="laatu"><h2>Laatuhuomiot</h2><p>Lähdeasiakirja on PDF, joka on '
        "muunnettu tekstiksi. Siinä on kirjoitusvirheitä, rivinvaihtojen katkomia sanoja ja "
        "sarakkeita, joiden sisältö on väärässä paikassa. Alla kerrotaan, mitä lähteessä oli "
        "vialla, mitä sille tehtiin ja millä riveillä. Sama luettelo on koneluettavana "
        'tiedostossa <a href="quality_report.json">quality_report.json</a>.</p>'
        f"{body}</section>\n"
    )


def _finding_group(page: _Page, code: str, findings: Sequence[Finding]) -> str:
    label, explanation = CODES[code].label, CODES[code].explanation
    places = "".join(_place(page, finding) for finding in findings)
    severity = findings[0].severity
    opened = " open" if len(findings) <= OPEN_PLACES else ""
    return (
        f'<article class="finding {severity}" id="laatu-{escape(code)}"><h3>{escape(label)} '
        f'<span class="count">{_count(len(findings), "kohta", "kohtaa")}</span></h3>'
        f"<p>{escape(explanation)}</p>"
        f'<p class="meta">Koodi <code>{escape(code)}</code> · {SEVERITY_NAMES[severity]}</p>'
        f'<details{opened}><summary>Missä</summary><ul class="places">{places}</ul></details>'
        "</article>"
    )


def _place(page: _Page, finding: Finding) -> str:
    where = escape(finding.location())
    anchor = page.anchors.get((finding.source_file, finding.source_line or 0))
    link = f'<a href="#{anchor}">{where}</a>' if anchor else where
    value = f" <q>{escape(finding.value)}</q>" if finding.value else ""
    return f"<li>{link}{value}</li>"


def _date_fi(iso: str) -> str:
    date = datetime.date.fromisoformat(iso)
    return f"{date.day}.{date.month}.{date.year}"


def _link(url: str) -> str:
    if url.startswith(("https://", "http://")):
        return f'<a href="{escape(url)}" rel="noreferrer">{escape(url)}</a>'
    return escape(url)


def _source_block(source: Source, actions: int) -> str:
    known = source.known
    terms = [_term("Asiakirja", escape(source.title))]
    if source.title_block and source.title_block != source.title:
        terms.append(_term("Otsikko tiedostossa", escape(source.title_block)))
    terms.append(_term("Julkaisija", escape(known.publisher or "ei tiedossa")))
    terms.append(_term("Verkko-osoite", _link(known.url) if known.url else "ei tiedossa"))
    if known.adopted:
        what = f" – {escape(known.adopted_what)}" if known.adopted_what else ""
        terms.append(_term("Hyväksytty", f"{_date_fi(known.adopted)}{what}"))
    if known.note_fi:
        terms.append(_term("Huomautus", escape(known.note_fi)))
    terms.append(
        _term(
            "Tiedosto",
            f"{escape(source.file)} ({_count(actions, 'toimenpide', 'toimenpidettä')})",
        )
    )
    terms.append(_term("SHA-256", f'<code class="hash">{escape(source.sha256)}</code>'))
    return f'<dl class="provenance">{"".join(terms)}</dl>'


def _provenance(page: _Page) -> str:
    publication = page.publication
    counts = Counter(record["source_file"] for record in page.records)
    blocks = "".join(_source_block(s, counts[s.file]) for s in publication.sources)
    url, licence = LICENSES[publication.license_id]
    return (
        '<section id="lahde"><h2>Lähde ja viittaus</h2>'
        f"{blocks}"
        "<p>SHA-256 on tiedoston tarkistussumma: samasta tiedostosta saa aina saman summan, "
        "joten sillä voi varmistaa, että aineisto on luettu juuri tästä tiedostosta. Aineiston "
        f"muodosti ohjelma kerava-etl, versio {escape(__version__)}.</p>"
        f'<h3>Lisenssi</h3><p>Aineiston lisenssi: <a href="{escape(url)}" rel="noreferrer">'
        f"{escape(licence)}</a> (<code>{escape(publication.license_id)}</code>). Ohjelman "
        "kerava-etl lisenssi on GPL-3.0-or-later; se ei koske aineistoa.</p>"
        f'<h3>Viittaa näin</h3><p class="citation">{escape(_citation(publication))}</p>'
        "</section>\n"
    )


def _citation(publication: Publication) -> str:
    sources = publication.sources
    author = ", ".join(publishers(sources)) or "Tekijä ei tiedossa"
    titles = "; ".join(dict.fromkeys(source.title for source in sources))
    urls = " ".join(dict.fromkeys(s.known.url for s in sources if s.known.url))
    where = f" Verkossa: {urls}." if urls else ""
    return (
        f"{author}: {titles}. Avoin data, muokannut kerava-etl {__version__}; lisenssi "
        f"{publication.license_id}.{where}"
    )


def _downloads(page: _Page) -> str:
    items = []
    for download in page.downloads:
        links = "".join(
            f'<li><a href="{escape(name)}">{escape(name)}</a>'
            + (f' <span class="table-title">{escape(title)}</span>' if title else "")
            + "</li>"
            for name, title in download.files
        )
        items.append(
            f'<div class="download"><p>{escape(download.use)}</p>'
            f'<ul class="files">{links}</ul></div>'
        )
    return (
        '<section id="lataa"><h2>Lataa aineisto</h2><p>Kaikki tiedostot ovat tämän sivun '
        "vieressä samassa kansiossa.</p>"
        f'<div class="downloads">{"".join(items)}</div></section>\n'
    )


def _dictionary(tables: Sequence[Table]) -> str:
    blocks = []
    for index, table in enumerate(tables):
        rows = "".join(
            f"<tr><td><code>{escape(c.name)}</code></td><td>{escape(c.title)}</td>"
            f"<td>{TYPE_NAMES[c.type]}</td><td>{escape(c.description)}</td></tr>"
            for c in table.columns
        )
        blocks.append(
            f"<details{' open' if index == 0 else ''}><summary>{escape(table.title)} "
            f"(<code>{escape(table.name)}</code>)</summary>"
            f'<div class="table-box"><table class="dictionary"><thead><tr><th scope="col">Kenttä'
            '</th><th scope="col">Otsikko</th><th scope="col">Tyyppi</th><th scope="col">'
            f"Kuvaus (englanniksi)</th></tr></thead><tbody>{rows}</tbody></table></div></details>"
        )
    return (
        '<section id="tietosisalto"><h2>Tietosisältö</h2><p>Taulukoiden kentät: nimi '
        "tiedostoissa, suomenkielinen otsikko (Excel-työkirjan sarakeotsikko), tyyppi ja "
        f"kuvaus.</p>{''.join(blocks)}</section>\n"
    )


def _footer() -> str:
    return (
        f"<footer><p>Sivun muodosti kerava-etl {escape(__version__)}. Sivu ei lataa mitään "
        "verkosta; haku ja suodattimet toimivat selaimessa.</p></footer>\n"
    )
