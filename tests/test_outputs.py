"""The output files: types, list columns, CSV quoting, JSON, the quality report."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import RAW_DOCUMENT
from kerava_etl.models import ACTION_FIELDS
from kerava_etl.pipeline import build


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("o") / "out"
    result = build([RAW_DOCUMENT], out)
    assert result.exit_code == 0
    return out


def test_parquet_has_native_lists_and_categoricals(out: Path) -> None:
    table = pq.read_table(out / "actions.parquet")
    assert table.column_names == list(ACTION_FIELDS)
    assert table.schema.field("risks").type == pa.list_(pa.string())
    assert table.schema.field("source_line").type == pa.int32()
    frame = pd.read_parquet(out / "actions.parquet")
    assert isinstance(frame["board"].dtype, pd.CategoricalDtype)
    assert isinstance(frame["spearhead"].dtype, pd.CategoricalDtype)
    row = frame.set_index("source_line").loc[20]
    assert list(row["responsible"]) == ["hr", "johto ja esimiehet", "toimialat"]
    metadata = table.schema.metadata
    assert json.loads(metadata[b"kerava_etl.sources"])[0]["file"] == RAW_DOCUMENT.name


def test_csv_is_rfc4180_with_list_items_on_lines(out: Path) -> None:
    raw = (out / "actions.csv").read_bytes()
    assert raw.startswith(b"action_id,source_file,source_line,")
    assert b"\r\n" in raw
    with (out / "actions.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_line = {int(r["source_line"]): r for r in rows}
    assert by_line[30]["risks"].split("\n")[:2] == [
        "Ajanhallinta",
        "Palveluntuottajilla ei ole tarjota tarvittavaa osaamista",
    ]
    assert by_line[12]["board"] == ""


def test_json_arrays_hold_one_object_per_line(out: Path) -> None:
    for name in ("actions.json", "quality_report.json"):
        lines = (out / name).read_text("utf-8").split("\n")
        assert lines[0] == "[" and lines[-2:] == ["]", ""]
        items = json.loads("\n".join(lines))
        assert len(lines) == len(items) + 3
        for line, item in zip(lines[1:-2], items, strict=True):
            assert json.loads(line.removesuffix(",")) == item


def test_json_matches_parquet(out: Path) -> None:
    records = json.loads((out / "actions.json").read_text("utf-8"))
    table = pq.read_table(out / "actions.parquet").to_pylist()
    for row in table:  # Parquet holds the extra columns as a list of key/value structs
        row["extra"] = {pair["key"]: pair["value"] for pair in row["extra"]}
    assert records == table


def test_no_markup_entities_or_odd_text_in_any_output(out: Path) -> None:
    import unicodedata

    for name in ("actions.json", "actions.csv"):
        text = (out / name).read_text("utf-8")
        assert unicodedata.is_normalized("NFC", text)
        for bad in ("<b>", "<li", "<p>", "</", "&amp;", "&quot;", "&nbsp;", "\u00a0", "<br"):
            assert bad not in text, (name, bad)
    for record in json.loads((out / "actions.json").read_text("utf-8")):
        for name in ("strategic_goals", "responsible", "risks", "metrics"):
            for item in record[name]:
                assert item == item.strip() and "  " not in item and not item.startswith("- ")


def test_quality_report_holds_every_flag_with_file_and_line(out: Path) -> None:
    report = json.loads((out / "quality_report.json").read_text("utf-8"))
    records = json.loads((out / "actions.json").read_text("utf-8"))
    flagged = {(r["source_line"], code) for r in records for code in r["quality_flags"]}
    reported = {(f["source_line"], f["code"]) for f in report}
    assert flagged <= reported
    assert set(report[0]) == {
        "severity",
        "code",
        "source_file",
        "source_line",
        "source_page",
        "field",
        "message",
        "value",
    }


def test_readme_tables_are_generated_from_the_code() -> None:
    """Every table `make docs` generates stands in its file as the code gives it today."""
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("update_docs", ROOT / "scripts/update_docs.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert {"README.md", "docs/reading.md"} <= set(script.TABLES)
    for name, tables in script.TABLES.items():
        text = (ROOT / name).read_text("utf-8")
        for tag, table in tables.items():
            assert f"<!-- {tag}:start -->\n{table()}\n<!-- {tag}:end -->" in text, (name, tag)


def test_committed_out_readme_is_the_one_the_build_writes() -> None:
    from conftest import ROOT
    from kerava_etl.publish.outputs import out_readme

    assert (ROOT / "out" / "README.md").read_text("utf-8") == out_readme()


def test_arrow_arrays_equal_what_pyarrow_converts_from_python_lists() -> None:
    """publish.arrow builds each column's buffers by hand (pyarrow's conversion imports
    pandas); the result must be the array pyarrow itself would build, nulls and all."""
    from kerava_etl.publish.arrow import column_array

    columns = {
        "string": (pa.string(), ["a", None, "", "ääkkönen", None, "x" * 1000]),
        "integer": (pa.int32(), [1, None, -5, 2**31 - 1, 0]),
        "boolean": (pa.bool_(), [True, False, True, True, False, False, True, False, True]),
        "list": (pa.list_(pa.string()), [["a", "b"], [], ["ö"], [], ["", "c"]]),
        "category": (pa.dictionary(pa.int32(), pa.string()), ["b", None, "a", "b", "a", None]),
        "map": (
            pa.list_(pa.struct([("key", pa.string()), ("value", pa.string())])),
            [{"Aikataulu": "2025"}, {}, {"A": "1", "B": "2"}],
        ),
    }
    for kind, (arrow_type, values) in columns.items():
        if kind == "map":
            values_for_pyarrow = [[{"key": k, "value": v} for k, v in m.items()] for m in values]
        else:
            values_for_pyarrow = values
        expected = pa.array(values_for_pyarrow, type=arrow_type)
        built = column_array(kind, values)
        built.validate(full=True)
        assert built.equals(expected), kind
    empty = column_array("string", [])
    assert len(empty) == 0 and empty.type == pa.string()


def test_the_command_never_imports_pandas(tmp_path: Path) -> None:
    """A build needs no pandas (it costs a fifth of a single-document build to import)."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from kerava_etl.cli import main\n"
        f"sys.argv = ['kerava-etl', 'build', {str(RAW_DOCUMENT)!r}, '--out', "
        f"{str(tmp_path / 'o')!r}]\n"
        "try:\n    main()\nexcept SystemExit as done:\n"
        "    assert done.code == 0, done.code\n"
        "assert 'pandas' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, capture_output=True)
