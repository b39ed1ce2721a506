"""Documents of the same family: small hand-written programmes, one per variation a new
document brings (labels, column order, extra and missing columns, list markers, board lines
in markup, page breaks, lost tabs, other municipalities).

Each ``documents/NAME.txt`` has ``NAME.expected.json``, written by reading the document
against the rules (docs/reading.md), not from the pipeline's output:
the exit code, every record (the fields it lists), and the findings that must be reported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import transformed
from kerava_etl.codes import Severity
from kerava_etl.stages.read import decode_document

DOCUMENTS = Path(__file__).parent / "documents"
NAMES = sorted(path.stem for path in DOCUMENTS.glob("*.txt"))


def expectation(name: str) -> dict[str, Any]:
    return json.loads((DOCUMENTS / f"{name}.expected.json").read_text("utf-8"))


def test_every_document_has_an_expectation() -> None:
    assert len(NAMES) >= 12
    assert sorted(p.name.removesuffix(".expected.json") for p in DOCUMENTS.glob("*.json")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_document_gives_the_expected_records_and_findings(name: str) -> None:
    expected = expectation(name)
    path = DOCUMENTS / f"{name}.txt"
    _, records, findings = transformed(decode_document(path.name, path.read_bytes()))
    errors = [f for f in findings if f.severity == Severity.ERROR]
    assert (1 if errors else 0) == expected["exit"], [(f.code, f.source_line) for f in errors]
    for wanted in expected["findings"]:
        matching = [
            f for f in findings if f.code == wanted["code"] and f.source_line == wanted["line"]
        ]
        assert matching, (wanted, [(f.code, f.source_line) for f in findings])
        for text in wanted["message_contains"]:
            assert any(text in f.message for f in matching), (text, [f.message for f in matching])
    reported = {f.code for f in findings}
    for code in expected.get("absent", []):  # what must not be reported anywhere
        assert code not in reported, [
            (f.source_line, f.message) for f in findings if f.code == code
        ]
    if expected["exit"] == 0:
        assert [r["source_line"] for r in records] == [
            e["source_line"] for e in expected["records"]
        ]
        got = [
            {key: record[key] for key in want}
            for record, want in zip(records, expected["records"], strict=True)
        ]
        assert got == expected["records"]
