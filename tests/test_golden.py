"""The real document against a hand-made reading of it.

``golden/*.expected.jsonl`` was transcribed by eye from the document, row by row, by three
readers working independently of the parser (before it had produced any output). Each row
of the reading is one test, so a failure names the line of the document.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import GOLDEN
from kerava_etl.models import Action

READING: list[dict[str, Any]] = [
    json.loads(line) for line in GOLDEN.read_text("utf-8").splitlines()
]


def test_the_document_holds_141_action_rows(real_actions: list[Action]) -> None:
    assert len(READING) == 141
    assert [a.source_line for a in real_actions] == [r["source_line"] for r in READING]


@pytest.mark.parametrize("expected", READING, ids=lambda r: f"line{r['source_line']}")
def test_row_matches_the_reading(expected: dict[str, Any], real_actions: list[Action]) -> None:
    (actual,) = [a for a in real_actions if a.source_line == expected["source_line"]]
    got = actual.model_dump()
    assert {k: got[k] for k in expected} == expected


def test_action_ids_are_unique(real_actions: list[Action]) -> None:
    assert len({a.action_id for a in real_actions}) == len(real_actions)
