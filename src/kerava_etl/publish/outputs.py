"""The registry of outputs: every file a build writes, what it is, and how it is written.

Adding a format is one :class:`Output` entry: the file names, the CLI's ``--with``
choices and their help, the byte-stability promise and ``out/README.md`` all follow from
:data:`OUTPUTS`. The registry is light to import (the writers load their libraries when
they write), so the CLI reads it for its ``--help``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kerava_etl.config import OUT_MARKER
from kerava_etl.errors import KeravaError

if TYPE_CHECKING:
    from kerava_etl.codes import Finding
    from kerava_etl.models import ActionRecord
    from kerava_etl.publish.page import Download
    from kerava_etl.publish.schema import Table
    from kerava_etl.publish.sources import Source


@dataclass(frozen=True)
class Publication:
    """Everything the outputs are written from: plain data, built once per build."""

    records: Sequence[ActionRecord]  # the validated action records
    tables: Sequence[Table]  # every published table, built from them
    findings: Sequence[Finding]
    sources: Sequence[Source]  # each input file and what is known of it
    license_id: str
    outputs: tuple[str, ...] = ()  # keys of the outputs this build writes (the page links them)
    review: Sequence[tuple[str, ...]] = ()  # vocabulary_review.csv's rows (publish.review)


@dataclass(frozen=True)
class Output:
    """One kind of output file (or one per table)."""

    key: str  # the name ``--with`` uses for an optional output
    describe: str  # one line for out/README.md
    use: str  # one line for the web page: what the file is for, who would use it (Finnish)
    names: Callable[[Sequence[str]], tuple[str, ...]]  # table names -> the files written
    write: Callable[[Path, Publication], None]  # writes them into a directory
    optional: bool = False  # written only when asked for with --with
    byte_stable: bool = True  # the same input gives the same bytes
    requires: tuple[str, ...] = ()  # modules of the `kerava-etl[all]` extra it needs


def _per_table(extension: str) -> Callable[[Sequence[str]], tuple[str, ...]]:
    return lambda tables: tuple(f"{name}.{extension}" for name in tables)


def _one(name: str) -> Callable[[Sequence[str]], tuple[str, ...]]:
    return lambda tables: (name,)


def _parquet(directory: Path, publication: Publication) -> None:
    from kerava_etl.publish import formats

    for table in publication.tables:
        formats.write_parquet(directory / f"{table.name}.parquet", table, publication.sources)


def _csv(directory: Path, publication: Publication) -> None:
    from kerava_etl.publish import formats

    for table in publication.tables:
        formats.write_csv_file(directory / f"{table.name}.csv", table)


def _datapackage(directory: Path, publication: Publication) -> None:
    from kerava_etl.publish import formats
    from kerava_etl.publish.datapackage import data_package

    package = data_package(publication.tables, publication.sources, publication.license_id)
    formats.write_text(directory / "datapackage.json", formats.to_json(package))


def _duckdb(directory: Path, publication: Publication) -> None:
    from kerava_etl.publish import formats

    write = formats.as_os_error(
        lambda path: formats.write_duckdb(path, publication.tables, publication.sources)
    )
    write(directory / "kerava.duckdb")


def _xlsx(directory: Path, publication: Publication) -> None:
    from kerava_etl.publish import formats

    write = formats.as_os_error(lambda path: formats.write_workbook(path, publication.tables))
    with formats.temporary_files_in(directory):
        write(directory / "actions.xlsx")


def _json(directory: Path, publication: Publication) -> None:
    from kerava_etl.publish import formats

    formats.write_json_array(directory / "actions.json", publication.records)


def _report(directory: Path, publication: Publication) -> None:
    from kerava_etl.publish import formats

    formats.write_json_array(
        directory / "quality_report.json", formats.report(publication.findings)
    )


def _review(directory: Path, publication: Publication) -> None:
    from kerava_etl.publish import formats
    from kerava_etl.publish.review import review_text

    formats.write_text(directory / "vocabulary_review.csv", review_text(publication.review))


def _readme(directory: Path, publication: Publication) -> None:
    from kerava_etl.publish import formats

    formats.write_text(directory / "README.md", out_readme())


def _page(directory: Path, publication: Publication) -> None:
    from kerava_etl.publish.page import write_page

    write_page(directory / "index.html", publication, downloads(publication))


def downloads(publication: Publication) -> list[Download]:
    """The files the page links: every output this build writes but the page itself."""
    from kerava_etl.publish.page import Download

    titles = {table.name: table.title for table in publication.tables}
    listed = []
    for output in OUTPUTS:
        if output.key == "page" or output.key not in publication.outputs:
            continue
        names = output.names([table.name for table in publication.tables])
        files = tuple(
            (name, titles.get(name.rsplit(".", 1)[0]) if len(names) > 1 else None) for name in names
        )
        listed.append(Download(output.use, files))
    return listed


OUTPUTS: tuple[Output, ...] = (
    Output(
        "page",
        "the dataset's web page: what it is, charts, every action (search and filters), "
        "the quality findings, provenance and citation, downloads; self-contained, offline",
        "Tämä sivu.",
        _one("index.html"),
        _page,
    ),
    Output(
        "parquet",
        "one file per table, typed; list fields as lists, board and spearhead as categories",
        "Taulukot tyypitettyinä analyysiin (pandas, R, DuckDB, Power BI): tutkijoille, "
        "datatoimittajille ja analyytikoille.",
        _per_table("parquet"),
        _parquet,
    ),
    Output(
        "csv",
        "the same tables as UTF-8 CSV; list items on lines inside the cell",
        "Samat taulukot CSV-muodossa (UTF-8, pilkku erottimena) ohjelmille ja tietokannoille. "
        "Excel ei avaa näitä oikein kaksoisnapsautuksella: käytä Excel-työkirjaa.",
        _per_table("csv"),
        _csv,
    ),
    Output(
        "json",
        "the action records as a JSON array, one object per line",
        "Toimenpiteet JSON-muodossa sovellusten ja verkkopalvelujen tekijöille.",
        _one("actions.json"),
        _json,
    ),
    Output(
        "report",
        "every finding about the input, with file and line",
        "Laatuhuomiot koneluettavina: jokainen lähteen virhe ja korjaus rivinumeroineen. "
        "Aineiston tarkistajille.",
        _one("quality_report.json"),
        _report,
    ),
    Output(
        "review",
        "the names no vocabulary knows, the spellings grouped and the pairs left apart, "
        "to review: a sheet for the data team",
        "Sanastojen tarkistuslista: uudet nimet, yhdistetyt kirjoitusasut ja epävarmat "
        "parit. Aineiston ylläpitäjille.",
        _one("vocabulary_review.csv"),
        _review,
    ),
    Output(
        "datapackage",
        "the Frictionless Data Package of the CSV tables",
        "Aineiston kuvaus (Frictionless Data Package): kentät, tyypit, avaimet, lähde ja "
        "lisenssi. Avoimen datan portaaleille ja aineiston tarkistamiseen ohjelmalla.",
        _one("datapackage.json"),
        _datapackage,
    ),
    Output(
        "duckdb",
        "a DuckDB database: every table and a few views",
        "DuckDB-tietokanta: kaikki taulukot ja valmiita näkymiä SQL-kyselyihin.",
        _one("kerava.duckdb"),
        _duckdb,
        optional=True,
        byte_stable=False,
        requires=("duckdb",),
    ),
    Output(
        "xlsx",
        "an Excel workbook: one sheet per table with Finnish column titles, and a data dictionary",
        "Excel-työkirja: taulukko välilehdellään, suomenkieliset sarakeotsikot ja "
        "tietosisältö omalla välilehdellään. Valtuutetuille, toimittajille, kaupungin "
        "työntekijöille ja asukkaille.",
        _one("actions.xlsx"),
        _xlsx,
        optional=True,
        requires=("openpyxl",),
    ),
    Output(
        "readme", "this file", "Tiedostojen luettelo (englanniksi).", _one("README.md"), _readme
    ),
)


def selected(extras: Collection[str]) -> list[Output]:
    """The outputs a build writes: every one that is not optional, and the extras asked for.

    An extra whose library is not installed is refused now, before any work (exit 2).
    """
    outputs = [output for output in OUTPUTS if not output.optional or output.key in extras]
    for output in outputs:
        missing = [name for name in output.requires if importlib.util.find_spec(name) is None]
        if missing:
            raise KeravaError(
                f"--with {output.key} needs the {', '.join(missing)} package, which is not "
                "installed: pip install 'kerava-etl[all]'"
            )
    return outputs


def optional_outputs() -> dict[str, tuple[str, ...]]:
    """The outputs written only when asked for (``--with``): key -> the files written."""
    return {output.key: output.names(()) for output in OUTPUTS if output.optional}


def file_names(outputs: Sequence[Output] = OUTPUTS) -> list[str]:
    """The files ``outputs`` write, in order (every file a build can write, by default)."""
    from kerava_etl.publish.tables import table_names

    tables = table_names()
    return [name for output in outputs for name in output.names(tables)]


def not_byte_stable() -> frozenset[str]:
    """Files whose bytes may differ between two builds of the same input."""
    return frozenset(file_names([output for output in OUTPUTS if not output.byte_stable]))


def write_all(directory: Path, outputs: Sequence[Output], publication: Publication) -> None:
    """Write every selected output into ``directory``."""
    for output in outputs:
        output.write(directory, publication)


def out_readme() -> str:
    """The text of ``out/README.md``, from the registry."""
    from kerava_etl.publish.tables import table_names

    tables = table_names()
    lines = [
        "# out/",
        "",
        "Generated by `make build` (`kerava-etl build`); disposable and git-ignored.",
        "",
    ]
    for output in OUTPUTS:
        names = ", ".join(f"`{name}`" for name in output.names(tables))
        extra = f" (only with `--with {output.key}`)" if output.optional else ""
        lines.append(f"- {names}: {output.describe}{extra}.")
    lines += [
        f"- `{OUT_MARKER}`: marks this directory as a build's output, replaced whole by the next.",
        "",
        "`make build` asks for every optional output (`--with all`). See the project README "
        "for the columns.",
        "",
    ]
    return "\n".join(lines)
