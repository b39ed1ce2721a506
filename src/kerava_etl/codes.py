"""The registry of finding codes, and the findings that carry them.

Every code the pipeline can report is one :class:`Code` here: its name, severity, the
message it prints, its Finnish label and explanation for readers, and whether it may
stand in a record's ``quality_flags`` (a defect of the row's source, or a repair made to
it). Codes are part of the published contract: add,
never rename. The tables of docs/reading.md are generated from this registry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from kerava_etl.errors import InternalError, printable

_VALUE_LIMIT = 120
_PLACEHOLDER = re.compile(r"\{[^}]*\}")


class Severity(StrEnum):
    """How bad a finding is: errors fail the build (exit 1), warnings only under --strict."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Code:
    """A finding code and everything about it: its severity; ``template``, its message
    (``str.format`` fields filled per finding; English, for the terminal and the report);
    ``label`` and ``explanation``, what readers of the page and the workbook see (Finnish: a
    short label, and a sentence or two in plain words on what was wrong in the source and
    what was done about it); and whether it may stand in a record's ``quality_flags``."""

    name: str
    severity: Severity
    template: str
    label: str
    explanation: str
    in_record: bool  # a defect of the row's source or a repair made to it


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

CODES: dict[str, Code] = {
    code.name: code
    for code in (
        # Defects and repairs of one row: in the record's quality_flags and in the report.
        Code(
            "board_missing",
            _W,
            "no board line above the row; board is null",
            "Toimielin puuttuu",
            "Taulukon yläpuolella ei ollut toimielimen nimeä, joten rivejä ei voitu "
            "liittää mihinkään lautakuntaan tai jaostoon. Toimielin on jätetty tyhjäksi.",
            in_record=True,
        ),
        Code(
            "board_unknown",
            _W,
            "the board is not in the boards vocabulary; kept as written",
            "Tuntematon toimielin",
            "Toimielimen nimeä ei löytynyt tunnettujen toimielinten luettelosta. Nimi on "
            "jätetty sellaiseksi kuin se oli kirjoitettu.",
            in_record=True,
        ),
        Code(
            "spearhead_unknown",
            _W,
            "the spearhead is not in the spearheads vocabulary; kept as written",
            "Tuntematon kärki",
            "Strategisen kärjen nimeä ei löytynyt tunnettujen kärkien luettelosta. Nimi "
            "on jätetty sellaiseksi kuin se oli kirjoitettu.",
            in_record=True,
        ),
        Code(
            "hyphenation_rejoined",
            _I,
            "a word broken by PDF hyphenation was rejoined (the value: as written -> as joined)",
            "Tavutus korjattu",
            "PDF:n rivinvaihto oli katkaissut sanan kahtia tavuviivalla (esimerkiksi "
            "”vaaratapah- tumuja”). Sanan osat on yhdistetty.",
            in_record=True,
        ),
        Code(
            "continuation_merged",
            _W,
            "a row below had no Toimenpide of its own (a row broken across a page, or a "
            "Toimenpide cell merged over two rows): its cells were added to the action "
            "above it (the value: the row's own text)",
            "Jatkorivi yhdistetty",
            "Lähteessä toimenpiteen tiedot jatkuivat seuraavalla rivillä ilman omaa "
            "toimenpidetekstiä (esimerkiksi sivunvaihdon jälkeen). Rivin tiedot on "
            "liitetty tähän toimenpiteeseen.",
            in_record=True,
        ),
        Code(
            "control_character_recoded",
            _W,
            "a control character U+0080-U+009F stood for a Windows-1252 character (text "
            "decoded as Latin-1 before it reached the document); read as that character "
            "(the value: control -> character)",
            "Merkistövirhe korjattu",
            "Tekstissä oli ohjausmerkki, joka syntyy, kun Windows-merkistöllä kirjoitettu "
            "merkki (esimerkiksi ajatusviiva) luetaan väärällä merkistöllä. Merkki on "
            "luettu siksi, mitä se tarkoitti.",
            in_record=True,
        ),
        Code(
            "mixed_script",
            _W,
            "a word mixes Latin letters with another script (OCR garbage); kept",
            "Vieraita kirjainmerkkejä",
            "Sanassa oli latinalaisten kirjainten seassa toisen kirjoitusjärjestelmän "
            "merkkejä, luultavasti tekstintunnistuksen virhe. Sana on jätetty ennalleen.",
            in_record=True,
        ),
        Code(
            "risk_metric_swapped",
            _W,
            "Riski held an achievement phrase and Mittari read like a risk; the two were "
            "swapped back",
            "Riski ja mittari vaihdettu",
            "Riski-sarakkeessa oli mittari (toteutumista kuvaava ilmaus) ja "
            "Mittari-sarakkeessa riski. Sarakkeiden sisällöt on vaihdettu oikein päin.",
            in_record=True,
        ),
        Code(
            "cells_shifted",
            _W,
            "a cell was missing and the rest shifted left (Toimenpide held a Vastuu); "
            "shifted back, action set to null",
            "Siirtyneet solut korjattu",
            "Riviltä puuttui solu, ja loput solut olivat siirtyneet vasemmalle "
            "(Toimenpide-sarakkeessa oli vastuutaho). Solut on siirretty paikoilleen, ja "
            "toimenpide on jätetty tyhjäksi.",
            in_record=True,
        ),
        Code(
            "action_missing",
            _W,
            "the row has no Toimenpide text",
            "Toimenpide puuttuu",
            "Riviltä puuttui toimenpiteen teksti. Rivi on mukana, mutta toimenpide on tyhjä.",
            in_record=True,
        ),
        # Rows that could not be read, and lines that are not part of the dataset.
        Code(
            "wrong_cell_count",
            _E,
            "expected {expected} tab-separated cells (the column-header row at line "
            "{header} has {expected}), found {found}; fix the row's tabs in the source",
            "Väärä sarakemäärä",
            "Rivillä oli eri määrä sarakkeita kuin taulukossa, joten riviä ei voitu lukea.",
            in_record=False,
        ),
        Code(
            "row_before_header",
            _E,
            "a data row before any column-header row; add the header row (Strateginen "
            "kärki, Strategiset tavoitteet, ...) above it",
            "Rivi ennen otsikkoriviä",
            "Taulukon rivi oli ennen sarakeotsikoita, joten sen sarakkeita ei voitu "
            "tunnistaa. Riviä ei luettu.",
            in_record=False,
        ),
        Code(
            "column_repeated",
            _E,
            "the column-header row names a column twice ({labels}); give each column its own label",
            "Sarake kahdesti",
            "Sarakeotsikkorivillä sama sarake oli nimetty kahdesti, joten taulukkoa ei "
            "voitu lukea.",
            in_record=False,
        ),
        Code(
            "header_incomplete",
            _E,
            "the column-header row has no {missing} column, without which the rows mean "
            "nothing; labels it does not know: {unknown}",
            "Otsikkorivi vajaa",
            "Sarakeotsikkoriviltä puuttui strateginen kärki tai toimenpide, joten "
            "taulukon rivejä ei voitu lukea.",
            in_record=False,
        ),
        Code(
            "row_under_bad_header",
            _E,
            "the row was not read: the column-header row of its table (line {header}) "
            "could not be read (see the error there)",
            "Rivi lukukelvottoman otsikkorivin alla",
            "Rivin taulukon sarakeotsikoita ei voitu lukea, joten riviä ei luettu.",
            in_record=False,
        ),
        Code(
            "column_unknown",
            _W,
            "the column {label} is not in the columns vocabulary; its cells are kept in "
            "the record field extra",
            "Tuntematon sarake",
            "Taulukossa oli sarake, jota ei tunnettu. Sen sisältö on tallessa kentässä extra.",
            in_record=False,
        ),
        Code(
            "column_missing",
            _W,
            "the table has no {label} column; {field} is left empty in its rows",
            "Sarake puuttuu",
            "Taulukosta puuttui jokin tavallinen sarake; sen tiedot ovat tyhjiä.",
            in_record=False,
        ),
        Code(
            "cell_too_large",
            _E,
            "a cell of {size:,} characters (limit {limit:,}) is not table text; the row "
            "was not read",
            "Liian suuri solu",
            "Solussa oli niin paljon merkkejä, ettei se voi olla taulukon tekstiä. Riviä "
            "ei luettu.",
            in_record=False,
        ),
        Code(
            "spearhead_missing",
            _E,
            "the row has no Strateginen kärki and no row above to inherit it from; the "
            "row was not read",
            "Kärki puuttuu",
            "Riviltä puuttui strateginen kärki, eikä sitä voitu periä yläpuoliselta "
            "riviltä. Riviä ei luettu.",
            in_record=False,
        ),
        Code(
            "empty_record",
            _E,
            "the row has a spearhead but no goal, action, responsible, risk or metric",
            "Tyhjä rivi",
            "Rivillä oli strateginen kärki mutta ei tavoitetta, toimenpidettä, vastuuta, "
            "riskiä eikä mittaria.",
            in_record=False,
        ),
        Code(
            "text_in_table",
            _E,
            "a line of text inside a table that reads like a row (long, or starting "
            "with a spearhead) but has no tabs: most likely a row that lost its "
            "tabs; restore them, or remove the line if it is not part of the table",
            "Sarkaimet kadonneet",
            "Taulukon keskellä oli tekstirivi, joka näyttää riviltä, jonka sarakkeet ovat "
            "kadonneet. Riviä ei voitu lukea.",
            in_record=False,
        ),
        Code(
            "header_group_row",
            _I,
            "a row above the column-header row names groups of its columns; part of the "
            "header, not a data row",
            "Sarakeryhmien otsikot",
            "Sarakeotsikoiden yläpuolella oli rivi, joka nimesi sarakkeiden ryhmiä. Se "
            "kuuluu otsikkoon eikä ole toimenpide.",
            in_record=False,
        ),
        Code(
            "note_in_table",
            _W,
            "a short line of text inside a table (a note, a running header or footer): "
            "not part of the dataset",
            "Huomautus taulukossa",
            "Taulukon keskellä oli lyhyt huomautus tai sivun ylä- tai alatunniste. Se ei "
            "ole mukana aineistossa.",
            in_record=False,
        ),
        Code(
            "text_outside_table",
            _W,
            "a line of text before the first table that is neither a heading, a board "
            "line nor part of the title block is not part of the dataset",
            "Teksti taulukon ulkopuolella",
            "Tekstirivi ei ollut otsikko, toimielimen nimi eikä taulukon rivi. Se ei ole "
            "mukana aineistossa.",
            in_record=False,
        ),
        Code(
            "no_programme_table",
            _W,
            "{reason}; the other inputs hold the tables",
            "Ei toimenpidetaulukkoa",
            "Tiedostossa ei ollut yhtään toimenpidetaulukkoa; aineisto on luettu muista "
            "tiedostoista.",
            in_record=False,
        ),
        # What the PDF reader decided from the page layout.
        Code(
            "pdf_row_joined",
            _I,
            "a row the page broke (pages {first} and {second}) was joined into one row "
            "from the layout (the value: its first text)",
            "Sivunvaihdon katkaisema rivi yhdistetty",
            "PDF:n sivunvaihto oli katkaissut taulukon rivin kahdelle sivulle. Rivin osat "
            "on yhdistetty sivujen asettelun perusteella.",
            in_record=False,
        ),
        Code(
            "pdf_item_uncertain",
            _W,
            "the PDF's layout does not tell whether a line ends a list item (it fills the "
            "cell's width, ends a sentence, and the next starts with a capital): read as "
            "one item going on (the value: the two lines)",
            "Luettelon kohta epäselvä",
            "PDF:n asettelusta ei voinut päätellä, päättyykö solun rivi luettelon kohtaan "
            "vai jatkuuko kohta seuraavalla rivillä. Rivit on luettu yhdeksi kohdaksi.",
            in_record=False,
        ),
        # Spellings, each reported once at the first line that writes it.
        Code(
            "board_alias",
            _I,
            "the board '{raw}' ({rows} rows) is read as its canonical name '{canonical}'",
            "Toimielimen nimi yhtenäistetty",
            "Toimielimen nimi oli kirjoitettu toisin kuin muualla (kirjoitusvirhe tai muu "
            "kirjoitusasu). Nimi on yhtenäistetty; lähteen kirjoitusasu on tallessa.",
            in_record=False,
        ),
        Code(
            "spearhead_alias",
            _I,
            "the spearhead '{raw}' ({rows} rows) is read as its canonical name '{canonical}'",
            "Kärjen nimi yhtenäistetty",
            "Strategisen kärjen nimi oli kirjoitettu toisin kuin strategiassa. Nimi on "
            "yhtenäistetty; lähteen kirjoitusasu on tallessa.",
            in_record=False,
        ),
        Code(
            "strategic_goal_unknown",
            _W,
            "the strategic goal '{raw}' ({rows} rows) is not in the strategic goals "
            "vocabulary; kept as written with an id of its own (nearest known: {hint})",
            "Tuntematon tavoite",
            "Strategista tavoitetta ei löytynyt tunnettujen tavoitteiden luettelosta. Se "
            "on mukana sellaisenaan, omalla tunnisteellaan.",
            in_record=False,
        ),
        Code(
            "strategic_goal_grouped",
            _I,
            "the strategic goal '{raw}' ({rows} rows) is a spelling of '{canonical}', which "
            "no vocabulary knows either: given its id",
            "Tavoitteen kirjoitusasu",
            "Sama tavoite oli kirjoitettu eri tavoin (taivutus, kirjoitusvirhe tai "
            "välimerkit). Kirjoitusasut on yhdistetty yhdeksi tavoitteeksi, jonka nimenä on "
            "parhaiten kirjoitettu muoto.",
            in_record=False,
        ),
        Code(
            "strategic_goal_uncertain",
            _W,
            "the strategic goals '{raw}' and '{canonical}' may be one goal ({hint}); kept "
            "apart: if they are one, make one the other's alias in the vocabulary",
            "Ehkä sama tavoite",
            "Kaksi tavoitetta on kirjoitettu lähes samoin, mutta ero voi olla todellinen. Ne "
            "on pidetty erillään; henkilön on syytä tarkistaa ne.",
            in_record=False,
        ),
        Code(
            "party_grouped",
            _I,
            "the party '{raw}' ({rows} rows) is a spelling of '{canonical}', which no "
            "vocabulary knows either: named so",
            "Vastuutahon kirjoitusasu",
            "Sama vastuutaho oli kirjoitettu eri tavoin (taivutus, yksikkö ja monikko tai "
            "kirjoitusvirhe). Kirjoitusasut on yhdistetty yhdeksi vastuutahoksi.",
            in_record=False,
        ),
        Code(
            "party_uncertain",
            _W,
            "the parties '{raw}' and '{canonical}' may be one party ({hint}); kept apart: if "
            "they are one, make one the other's alias in the vocabulary",
            "Ehkä sama vastuutaho",
            "Kaksi vastuutahoa on kirjoitettu lähes samoin, mutta ero voi olla todellinen. "
            "Ne on pidetty erillään; henkilön on syytä tarkistaa ne.",
            in_record=False,
        ),
        Code(
            "source_unknown",
            _W,
            "{sources} has no entry for this file, so the outputs name no publisher, title or "
            "address for it: add the line {line} (filling in what is known)",
            "Lähdetiedot puuttuvat",
            "Tiedostolle ei ole lähdetietoja (julkaisija, nimi, kausi, osoite). Aineisto "
            "kuvaa sen vain tiedostonimellä ja tarkistussummalla.",
            in_record=False,
        ),
        Code(
            "source_changed",
            _W,
            "{sources} describes other bytes under this name (sha256 {listed}; this file's is "
            "{sha256}): its entry is not used; if it is the same document, put the new sha256 "
            "there",
            "Lähdetiedosto muuttunut",
            "Tiedosto ei ole sama, jonka lähdetiedot kuvaavat (tarkistussumma eroaa). Tietoja "
            "ei käytetty; ne on syytä tarkistaa.",
            in_record=False,
        ),
        Code(
            "party_unknown",
            _W,
            "the party '{raw}' ({rows} rows) is not in the parties vocabulary; kept as "
            "written (nearest known: {hint})",
            "Tuntematon vastuutaho",
            "Vastuutahoa ei löytynyt tunnettujen tahojen luettelosta. Se on mukana sellaisenaan.",
            in_record=False,
        ),
    )
}


@dataclass(frozen=True)
class Finding:
    """One problem or repair, located at ``source_file:source_line`` (line ``None``: whole
    file), and on ``source_page`` of a PDF (``None``: not a PDF's line)."""

    severity: Severity
    code: str
    source_file: str
    source_line: int | None
    message: str
    field: str | None = None
    value: str | None = None
    source_page: int | None = None

    def location(self) -> str:
        """``file:line`` (or just ``file``), and ``(page N)`` for a PDF's line, for terminal
        messages."""
        if self.source_line is None:
            return printable(self.source_file)
        page = f" (page {self.source_page})" if self.source_page is not None else ""
        return f"{printable(self.source_file)}:{self.source_line}{page}"


def finding(
    code: str,
    source_file: str,
    source_line: int | None,
    *,
    field: str | None = None,
    value: object = None,
    params: Mapping[str, object] | None = None,
) -> Finding:
    """A finding of a registered code, its message's placeholders filled from ``params``.

    A code that is not registered is a bug (:class:`InternalError`), not an input problem.
    """
    entry = CODES.get(code)
    if entry is None:
        raise InternalError(f"finding code {code!r} is not in the registry")
    return Finding(
        entry.severity,
        code,
        source_file,
        source_line,
        entry.template.format(**(params or {})),
        field=field,
        value=shorten(value),
    )


def shorten(value: object, limit: int = _VALUE_LIMIT) -> str | None:
    """The offending value for a report: one line, at most ``limit`` characters."""
    if value is None:
        return None
    text = " ".join(str(value)[: limit * 4].split())  # never fold a megabyte to show 120
    return text if len(text) <= limit else text[: limit - 1] + "…"


def flags_table() -> str:
    """docs/reading.md's table of the codes that may stand in a record's ``quality_flags``."""
    return _table(code for code in CODES.values() if code.in_record)


def findings_table() -> str:
    """docs/reading.md's table of the other codes: rows not read, lines outside the dataset."""
    return _table(code for code in CODES.values() if not code.in_record)


def _table(codes: Iterable[Code]) -> str:
    lines = ["| code | severity | meaning |", "| --- | --- | --- |"]
    for code in codes:
        lines.append(f"| `{code.name}` | {code.severity} | {_plain(code.template)} |")
    return "\n".join(lines)


def _plain(template: str) -> str:
    """A template as docs/reading.md shows it: ``{field}`` placeholders as ``…``."""
    return _PLACEHOLDER.sub("…", template)
