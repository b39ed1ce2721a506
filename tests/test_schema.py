"""The published JSON Schema: committed, in step with the model, and true of the output."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from conftest import RAW_DOCUMENT, ROOT
from kerava_etl.cli import app
from kerava_etl.models import json_schema
from kerava_etl.pipeline import build

COMMITTED = ROOT / "schemas" / "action.schema.json"


def test_committed_schema_matches_the_model() -> None:
    assert json.loads(COMMITTED.read_text("utf-8")) == json_schema(), (
        "schemas/ is stale: run `make schemas` and commit the result"
    )


def test_schema_command_writes_the_schema(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["schema", "--out", str(tmp_path / "s.json")])
    assert result.exit_code == 0
    assert (tmp_path / "s.json").read_text("utf-8") == COMMITTED.read_text("utf-8")


def test_every_exported_record_validates(tmp_path: Path) -> None:
    assert build([RAW_DOCUMENT], tmp_path / "out").exit_code == 0
    records = json.loads((tmp_path / "out" / "actions.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(json_schema())
    for record in records:
        validator.validate(record)
    bad = dict(records[0], action_id="not an id")
    assert not validator.is_valid(bad)
