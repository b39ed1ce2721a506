"""The file formats: each writes published tables (or records, or findings) to one file.

Parquet, CSV, JSON and the report are deterministic: the same input gives byte-identical
files. ``kerava.duckdb`` is not byte-stable (DuckDB's file format); ``actions.xlsx`` is
made stable by fixing its timestamps. Which files a build writes is
:data:`kerava_etl.publish.outputs.OUTPUTS`.
"""

from __future__ import annotations

import csv
import errno
import gc
import io
import itertools
import json
import os
import re
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from kerava_etl import __version__
from kerava_etl.codes import Finding
from kerava_etl.models import SCHEMA_VERSION
from kerava_etl.publish.arrow import column_array
from kerava_etl.publish.schema import Table
from kerava_etl.publish.sources import Source

VIEWS = {
    "actions_by_board_spearhead": """
        SELECT coalesce(board, '(no board)') AS board, spearhead, count(*) AS actions
        FROM actions GROUP BY ALL ORDER BY board, spearhead""",
    "flagged_actions": """
        SELECT action_id, source_file, source_line, board, spearhead, quality_flags
        FROM actions WHERE len(quality_flags) > 0 ORDER BY source_file, source_line""",
    "actions_by_goal": """
        SELECT g.goal_id, g.spearhead, g.goal, count(DISTINCT s.action_id) AS actions
        FROM strategic_goals g LEFT JOIN action_strategic_goals s USING (goal_id)
        GROUP BY ALL ORDER BY actions DESC, g.goal_id""",
    "actions_by_party": """
        SELECT p.party_id, p.party, p.kind,
               count(*) FILTER (WHERE a.role = 'lead') AS lead,
               count(*) FILTER (WHERE a.role = 'partner') AS partner,
               count(a.action_id) AS actions
        FROM parties p LEFT JOIN action_parties a USING (party_id)
        GROUP BY ALL ORDER BY actions DESC, p.party_id""",
    "metrics_by_board": """
        SELECT a.board, a.spearhead, a.action_id, m.position, m.text AS metric
        FROM action_metrics m JOIN actions a USING (action_id)
        ORDER BY a.source_file, a.source_line, m.position""",
}

_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


# The libraries whose own exceptions mean "could not write the file" (DuckDB's IOException,
# openpyxl's and zipfile's errors on a full disk), reported as such (exit 2).
_WRITER_LIBRARIES = frozenset({"duckdb", "_duckdb", "openpyxl", "zipfile"})
# libxml2's I/O errors, as lxml names them ("IO_ENOSPC"): the system's errno, by its name.
_LIBXML2_IO_ERRNO = re.compile(r"IO_(E[A-Z0-9]+)")
# The system's errors a writer library quotes at the end of its message (DuckDB's `Could not
# write file "...": No space left on device`): the ones that mean "cannot write here".
_QUOTED_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EIO)


def as_os_error(write: Callable[[Path], None]) -> Callable[[Path], None]:
    """A third-party writer whose failures to write read as ``OSError`` (exit 2).

    A library's I/O failure that carries the system's error (lxml's ``SerialisationError``
    ``IO_ENOSPC`` from openpyxl's sheet files, DuckDB's message ending in the system's
    ``No space left on device``) becomes an ``OSError`` with that errno; any other error of
    a writer library (:data:`_WRITER_LIBRARIES`) one without. Anything else is a bug, and
    propagates (exit 3). openpyxl leaves a half-closed generator behind when writing fails;
    its complaint at garbage collection ("Exception ignored in ...") is silenced.
    """

    def run(path: Path) -> None:
        hook = sys.unraisablehook
        sys.unraisablehook = lambda _: None
        failure: OSError | None = None
        try:
            write(path)
        except Exception as exc:
            failure = _write_failure(exc, path.name)
            if failure is None:
                raise  # a bug, not a failure to write: exit 3
        finally:
            gc.collect()  # with the failure's frames gone, the generator is collected now
            sys.unraisablehook = hook
        if failure is not None:
            raise failure

    return run


def _write_failure(exc: Exception, name: str) -> OSError | None:
    """``exc``, raised while writing the file ``name``, as the ``OSError`` it stands for;
    ``None`` when it is no failure to write (a bug)."""
    if isinstance(exc, OSError):
        if exc.errno is None:
            return OSError(f"{name}: {exc}")
        return OSError(exc.errno, exc.strerror or os.strerror(exc.errno), name)
    code = _errno_carried(exc)
    if code is not None:
        return OSError(code, os.strerror(code), name)
    if type(exc).__module__.split(".")[0] in _WRITER_LIBRARIES:
        return OSError(f"{name}: {type(exc).__name__}: {exc}")
    return None


def _errno_carried(exc: Exception) -> int | None:
    """The system's error a library's exception carries: lxml's name for it (libxml2's,
    the whole message: ``IO_ENOSPC``), or a writer library's message ending in the
    system's own text for it."""
    library = type(exc).__module__.split(".")[0]
    message = str(exc).strip()
    named = _LIBXML2_IO_ERRNO.fullmatch(message)
    if library == "lxml" and named is not None:
        code = getattr(errno, named.group(1), None)  # not every IO_ name is one (IO_ENCODER)
        return code if isinstance(code, int) else None
    if library in _WRITER_LIBRARIES:
        for quoted in _QUOTED_ERRNOS:
            if message.endswith(f": {os.strerror(quoted)}"):
                return quoted
    return None


@contextmanager
def temporary_files_in(directory: Path) -> Iterator[None]:
    """Temporary files (openpyxl writes each sheet to one first) made in ``directory``, the
    staging directory, not in $TMPDIR: a build killed mid-write leaves them where the next
    build removes them, and a build writes nothing outside --out and its sibling."""
    previous = tempfile.tempdir
    tempfile.tempdir = str(directory)
    try:
        yield
    finally:
        tempfile.tempdir = previous


def write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="")


_JSON = json.JSONEncoder(ensure_ascii=False, indent=2)


def to_json(value: Any) -> str:
    """Pretty, UTF-8, key order as given: the project's one JSON style."""
    return _JSON.encode(value) + "\n"


# One object per line: readable, diff-friendly, and written by the C encoder (an indented
# dump runs the pure-Python encoder, a third of a 100-document build).
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def write_json_array(path: Path, items: Sequence[Any]) -> None:
    """A JSON array with one compact object per line, written item by item (never one string)."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write("[")
        separator = "\n"
        for item in items:
            stream.write(separator)
            stream.write(_COMPACT.encode(item))
            separator = ",\n"
        stream.write("\n]\n")


def write_csv_file(path: Path, table: Table) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        write_csv(stream, table)


def write_csv(stream: TextIO, table: Table) -> None:
    """RFC 4180 CSV with a header row; list items joined by a newline inside the cell.

    Null is an empty cell (the csv module writes ``None`` so); booleans are true/false.
    """
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([column.name for column in table.columns])
    writer.writerows(_text_rows(table))


def _text_rows(table: Table) -> Iterator[tuple[Any, ...]]:
    """The rows as the CSV and the workbook show them (see :func:`_csv_column`)."""
    columns = [_csv_column(column.type, table.values[column.name]) for column in table.columns]
    return zip(*columns, strict=True)


def _csv_column(kind: str, values: list[Any]) -> Iterable[Any]:
    """A column's values as text cells: list items on lines, booleans true/false, a map as
    a JSON object."""
    if kind == "list":
        return map("\n".join, values)
    if kind == "boolean":
        return ("true" if value else "false" for value in values)
    if kind == "map":  # one JSON object; an empty one is an empty cell
        return (_COMPACT.encode(value) if value else None for value in values)
    return values


def report(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """The quality report: one object per finding, in input order."""
    return [
        {
            "severity": str(f.severity),
            "code": f.code,
            "source_file": f.source_file,
            "source_line": f.source_line,
            "source_page": f.source_page,
            "field": f.field,
            "message": f.message,
            "value": f.value,
        }
        for f in findings
    ]


def arrow_table(table: Table, sources: Sequence[Source]) -> Any:
    """The table as a ``pyarrow.Table`` with its explicit schema and provenance metadata."""
    return _arrow_rows(table, arrow_schema(table, sources), slice(None))


def _arrow_rows(table: Table, schema: Any, rows: slice) -> Any:
    """The ``rows`` of the table as a ``pyarrow.Table`` of ``schema``."""
    import pyarrow as pa

    arrays = [
        column_array(column.type, table.values[column.name][rows]) for column in table.columns
    ]
    return pa.Table.from_arrays(arrays, schema=schema)


def arrow_schema(table: Table, sources: Sequence[Source]) -> Any:
    """The table's Arrow schema: column types, titles and descriptions, and as metadata
    each source file's name, SHA-256, title, publisher and public address (null: unknown)."""
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "integer": pa.int32(),
        "boolean": pa.bool_(),
        "list": pa.list_(pa.string()),
        "category": pa.dictionary(pa.int32(), pa.string()),
        "map": pa.list_(pa.struct([("key", pa.string()), ("value", pa.string())])),
    }
    return pa.schema(
        [
            pa.field(
                column.name,
                types[column.type],
                nullable=not column.required,
                metadata={"title": column.title, "description": column.description},
            )
            for column in table.columns
        ],
        metadata={
            "kerava_etl.table": table.name,
            "kerava_etl.schema_version": SCHEMA_VERSION,
            "kerava_etl.version": __version__,
            "kerava_etl.sources": json.dumps(
                [
                    {
                        "file": s.file,
                        "sha256": s.sha256,
                        "title": s.title,
                        "publisher": s.known.publisher,
                        "url": s.known.url,
                    }
                    for s in sources
                ],
                ensure_ascii=False,
            ),
        },
    )


# Rows per Parquet row group. The Arrow arrays of one group are built, written and let go
# before the next, so a large corpus is not held twice (as records and as Arrow arrays).
ROW_GROUP = 50_000


def write_parquet(
    path: Path, table: Table, sources: Sequence[Source], row_group: int = ROW_GROUP
) -> None:
    import pyarrow.parquet as pq

    schema = arrow_schema(table, sources)
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for start in range(0, max(len(table), 1), row_group):
            writer.write_table(_arrow_rows(table, schema, slice(start, start + row_group)))


def write_duckdb(path: Path, tables: Sequence[Table], sources: Sequence[Source]) -> None:
    import duckdb

    with duckdb.connect(str(path)) as con:
        for table in tables:
            arrow = arrow_table(table, sources)  # noqa: F841 - read by DuckDB's replacement scan
            con.execute(f'CREATE TABLE "{table.name}" AS SELECT * FROM arrow')
        for name, query in VIEWS.items():
            con.execute(f'CREATE VIEW "{name}" AS {query}')
        # Closing checkpoints too, but a checkpoint that fails then (a full disk) is silent
        # and leaves the data in a kerava.duckdb.wal beside the file; here it raises.
        con.execute("CHECKPOINT")


DICTIONARY_SHEET = "Tietosisältö"
_DICTIONARY_COLUMNS = (("Taulukko", 24), ("Kenttä", 24), ("Otsikko", 36), ("Kuvaus", 90))
_LIST_IN_CELL_NOTE = " The items are on separate lines inside the cell."


def write_workbook(path: Path, tables: Sequence[Table]) -> None:
    """One sheet per table (Finnish column titles), and a data dictionary sheet.

    Every text cell is a string cell, whatever it starts with: a value such as
    ``=HYPERLINK(...)`` is text of the document, never a formula Excel would run.
    """
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(table.name[:31])
        widths = [60 if column.type == "list" else 30 for column in table.columns]
        _fill_sheet(sheet, [c.title for c in table.columns], _text_rows(table), widths)
    _fill_sheet(
        workbook.create_sheet(DICTIONARY_SHEET),
        [title for title, _ in _DICTIONARY_COLUMNS],
        _dictionary_rows(tables),
        [width for _, width in _DICTIONARY_COLUMNS],
    )
    workbook.properties.creator = "kerava-etl"
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(_stable_zip(buffer.getvalue()))


def _dictionary_rows(tables: Sequence[Table]) -> Iterator[tuple[str, str, str, str]]:
    """The data dictionary: per table and column, the field name, Finnish title, description."""
    for table in tables:
        for column in table.columns:
            note = _LIST_IN_CELL_NOTE if column.type == "list" else ""
            yield table.name, column.name, column.title, column.description + note


def _fill_sheet(
    sheet: Any, header: Sequence[str], rows: Iterable[Sequence[Any]], widths: Sequence[int]
) -> None:
    """A header row in bold, the rows as string cells (numbers stay numbers), wrapped text,
    frozen header, filters."""
    from openpyxl.styles import Alignment, Font

    wrap, bold = Alignment(wrap_text=True, vertical="top"), Font(bold=True)
    for row_number, row in enumerate(itertools.chain([header], rows), start=1):
        for column_number, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column_number, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never "f": text starting with "=" is not a formula
            if row_number == 1:
                cell.font = bold
            else:
                cell.alignment = wrap
    for letter, width in zip(_letters(len(header)), widths, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _letters(count: int) -> list[str]:
    from openpyxl.utils import get_column_letter

    return [get_column_letter(i) for i in range(1, count + 1)]


def _stable_zip(data: bytes) -> bytes:
    """Rewrite a zip (an .xlsx) with fixed entry times and document dates: same bytes each run."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _fixed_dates(content)
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)
    return out.getvalue()


def _fixed_dates(core_xml: bytes) -> bytes:
    return _CORE_DATES.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", core_xml)
