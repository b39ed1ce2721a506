"""Shared test helpers: the real document, and small documents written inline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kerava_etl.codes import Finding
from kerava_etl.models import Action
from kerava_etl.pipeline import transform
from kerava_etl.publish.schema import DocumentInfo
from kerava_etl.stages.read import SourceDocument, decode_document
from kerava_etl.text.lexicon import VoikkoLexicon
from kerava_etl.vocab import load_vocabularies

ROOT = Path(__file__).resolve().parent.parent
# One dictionary and one set of vocabularies for the whole test run, passed in as a build does.
LEXICON = VoikkoLexicon()
VOCABULARIES = load_vocabularies()


RAW_DOCUMENT = ROOT / "raw" / "kerava_toimenpideohjelmat_2018-2021.txt"
GOLDEN = Path(__file__).parent / "golden" / "kerava_toimenpideohjelmat_2018-2021.expected.jsonl"

HEADER = "\t".join(
    [
        "Strateginen kärki",
        "Strategiset tavoitteet",
        "Toimialan tavoite",
        "Toimenpide",
        "Vastuu",
        "Riski",
        "Mittari",
    ]
)


def row(*cells: str) -> str:
    """A table line from seven cells."""
    assert len(cells) == 7, cells
    return "\t".join(cells)


def board(name: str) -> str:
    """A board line: the name and six empty cells."""
    return name + "\t" * 6


def document(*lines: str, name: str = "doc.txt") -> SourceDocument:
    """A source document from lines, as the reader would give it."""
    return decode_document(name, ("\n".join(lines) + "\n").encode("utf-8"))


def transformed(
    *documents: SourceDocument,
) -> tuple[list[DocumentInfo], list[dict[str, Any]], list[Finding]]:
    """The pure pipeline (no files) with the real dictionary and vocabularies."""
    return transform(list(documents), lexicon=LEXICON, vocabularies=VOCABULARIES)


def actions_of(*documents: SourceDocument) -> list[Action]:
    """Run the pure pipeline (no files) and return the records as model instances."""
    return [Action.model_validate(record) for record in transformed(*documents)[1]]


@pytest.fixture(scope="session")
def raw_bytes() -> bytes:
    """The real document's bytes."""
    return RAW_DOCUMENT.read_bytes()


@pytest.fixture(scope="session")
def real_actions(raw_bytes: bytes) -> list[Action]:
    """The real document through the pure pipeline."""
    return actions_of(decode_document(RAW_DOCUMENT.name, raw_bytes))
