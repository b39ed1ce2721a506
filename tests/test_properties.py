"""Property tests: any input either builds or fails with the project's own error.

Never an unhandled exception; and nothing lost: every row-like line of the input is a
record or a finding that names its line.
"""

from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import RAW_DOCUMENT, transformed
from kerava_etl.errors import KeravaError
from kerava_etl.stages.read import decode_document

LINES = RAW_DOCUMENT.read_text(encoding="utf-8").split("\n")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


TAG = re.compile(r"<[A-Za-z/!?][^>]*>")
INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f]")


def has_text(cell: str) -> bool:
    """A cell with text in it: not only tags, entities for spaces, or invisible characters."""
    return bool(INVISIBLE.sub("", html.unescape(TAG.sub("", cell))).strip())


def run(data: bytes) -> None:
    """Build from bytes; return normally or raise KeravaError, and lose no row."""
    try:
        document = decode_document("fuzz.txt", data)
        _, records, findings = transformed(document)
    except KeravaError as error:
        assert error.file == "fuzz.txt"
        return
    accounted = {r["source_line"] for r in records} | {f.source_line for f in findings}
    for number, line in enumerate(document.lines, start=1):
        row_like = sum(1 for c in line.split("\t") if has_text(c)) >= 2
        if row_like and not line.startswith("Strateginen kärki"):
            assert number in accounted, f"line {number} lost: {line[:80]!r}"


@SETTINGS
@given(st.text())
def test_arbitrary_text(text: str) -> None:
    run(text.encode("utf-8"))


@SETTINGS
@given(st.binary())
def test_arbitrary_bytes(data: bytes) -> None:
    run(data)


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            [
                "\t",
                "<ul>",
                "<li>",
                "</b>",
                "Strateginen kärki",
                "x",
                "  ",
                "- ",
                "1. ",
                "&amp;",
                "&#0;",
                "<script>",
                "\n",
            ]
        ),
        max_size=40,
    )
)
def test_table_like_fragments(parts: list[str]) -> None:
    run("".join(parts).encode("utf-8"))


MUTATIONS = st.sampled_from(
    [
        "delete_cell",
        "duplicate_cell",
        "stray_tab",
        "tag",
        "bytes",
        "drop_line",
        "duplicate_line",
        "empty_cells",
    ]
)


def mutate(lines: list[str], kind: str, index: int, draw_text: str) -> list[str]:
    lines = list(lines)
    i = index % len(lines)
    cells = lines[i].split("\t")
    j = index % len(cells)
    if kind == "delete_cell":
        del cells[j]
    elif kind == "duplicate_cell":
        cells.insert(j, cells[j])
    elif kind == "stray_tab":
        cells[j] = cells[j][: len(draw_text)] + "\t" + cells[j][len(draw_text) :]
    elif kind == "tag":
        cells[j] = cells[j] + draw_text.join(["<", ">"]) if draw_text else cells[j] + "<"
    elif kind == "bytes":
        cells[j] = draw_text + cells[j]
    elif kind == "drop_line":
        return lines[:i] + lines[i + 1 :]
    elif kind == "duplicate_line":
        return lines[: i + 1] + lines[i:]
    elif kind == "empty_cells":
        cells = ["" if k <= j else c for k, c in enumerate(cells)]
    lines[i] = "\t".join(cells)
    return lines


@SETTINGS
@given(
    st.lists(
        st.tuples(MUTATIONS, st.integers(0, 10_000), st.text(max_size=8)), min_size=1, max_size=6
    )
)
def test_mutated_document(mutations: list[tuple[str, int, str]]) -> None:
    lines = LINES
    for kind, index, text in mutations:
        lines = mutate(lines, kind, index, text)
    run("\n".join(lines).encode("utf-8"))
