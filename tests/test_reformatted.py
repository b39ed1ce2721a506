"""The same records whatever the formatting of the document.

Each test reformats the real document the way another converter or editor might, and
checks that the records are the same (issue 3: LF/CRLF, BOM, NFC/NFD, <b>/<strong>,
<ul>/<ol>, <br>/two spaces, entities/literals, blank lines, padded cells, table order,
one file or several).
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest

from conftest import RAW_DOCUMENT, actions_of
from kerava_etl.models import Action
from kerava_etl.stages.read import decode_document

TEXT = RAW_DOCUMENT.read_text(encoding="utf-8")
NAME = RAW_DOCUMENT.name


def records(actions: list[Action], *drop: str) -> list[dict[str, Any]]:
    return [{k: v for k, v in a.model_dump().items() if k not in drop} for a in actions]


def build_text(text: str, encoding_prefix: bytes = b"") -> list[Action]:
    return actions_of(decode_document(NAME, encoding_prefix + text.encode("utf-8")))


@pytest.fixture(scope="module")
def baseline() -> list[Action]:
    return build_text(TEXT)


def on_table_lines(change: Callable[[str], str]) -> Callable[[str], str]:
    """Apply ``change`` to every cell of every tab-separated line."""

    def apply(text: str) -> str:
        return "\n".join(
            "\t".join(change(cell) for cell in line.split("\t")) if "\t" in line else line
            for line in text.split("\n")
        )

    return apply


def on_lines(match: Callable[[str], bool], change: Callable[[str], str]) -> Callable[[str], str]:
    """Apply ``change`` to every line that ``match`` picks."""

    def apply(text: str) -> str:
        return "\n".join(change(line) if match(line) else line for line in text.split("\n"))

    return apply


def is_board_line(line: str) -> bool:
    return line.endswith("\t" * 6) and not line.startswith("\t")


def is_header(line: str) -> bool:
    return line.startswith("Strateginen kärki\t")


STYLED = '<b><span style="font-size:9.0pt;font-family:&quot;Arial&quot;,sans-serif">{}</span></b>'

FORMATTINGS: dict[str, Callable[[str], str]] = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "nfd": lambda t: unicodedata.normalize("NFD", t),
    "strong-for-b": lambda t: t.replace("<b>", "<strong>").replace("</b>", "</strong>"),
    "ol-for-ul": lambda t: t.replace("<ul", "<ol").replace("</ul>", "</ol>"),
    "br-for-two-spaces": on_table_lines(lambda c: re.sub(r" {2,}", "<br>", c)),
    "br-slash-for-two-spaces": on_table_lines(lambda c: re.sub(r" {2,}", "<br/>", c)),
    "entities-for-letters": on_table_lines(
        lambda c: c.replace("ä", "&auml;").replace("ö", "&ouml;").replace('"', "&quot;")
    ),
    "numeric-entities": on_table_lines(lambda c: c.replace("ä", "&#228;").replace("ö", "&#xf6;")),
    "padded-cells": on_table_lines(lambda c: f"  {c} " if c else " "),
    "no-trailing-tabs-on-board-lines": lambda t: re.sub(r"(?m)^([^\t\n]+)\t{6}$", r"\1", t),
    "every-line-padded-to-seven-cells": on_lines(
        lambda line: bool(line.strip()) and "\t" not in line, lambda line: line + "\t" * 6
    ),
    "nbsp-in-empty-board-cells": on_lines(
        is_board_line, lambda line: line.split("\t")[0] + "\t&nbsp;" * 6
    ),
    "br-in-empty-board-cells": on_lines(
        is_board_line, lambda line: line.split("\t")[0] + "\t<br>" * 6
    ),
    "nbsp-space-for-line-breaks": on_table_lines(lambda c: re.sub(r" {2,}", "&nbsp; ", c)),
    "ascii-with-character-references": lambda t: t.encode("ascii", "xmlcharrefreplace").decode(),
    "soft-hyphens-everywhere": lambda t: t.replace("lautakunta", "lauta\u00adkunta").replace(
        "Toimenpide", "Toimen\u00adpide"
    ),
    "bom-at-every-line-start": lambda t: "\n".join("\ufeff" + line for line in t.split("\n")),
    "headings-without-space": lambda t: t.replace("\n# ", "\n#"),
    "headings-in-bold": lambda t: re.sub(r"(?m)^# (.*)$", r"# **\1**", t),
    "styled-header-labels": on_lines(
        is_header, lambda line: "\t".join(STYLED.format(c) for c in line.split("\t"))
    ),
    "bullets-glued-to-items": lambda t: t.replace("<li>- ", "<li>•"),
    "non-breaking-hyphens": lambda t: re.sub(r"(?<=\w)-(?=\w)", "&#8209;", t),
    "trailing-tab-on-data-rows-bare-board-lines": lambda t: on_lines(
        lambda line: line.count("\t") == 6 and not is_board_line(line), lambda line: line + "\t"
    )(re.sub(r"(?m)^([^\t\n]+)\t{6}$", r"\1", t)),
}


@pytest.mark.parametrize("name", FORMATTINGS)
def test_reformatted_copy_gives_the_same_records(name: str, baseline: list[Action]) -> None:
    assert records(build_text(FORMATTINGS[name](TEXT))) == records(baseline)


def tsv_quoted(text: str) -> str:
    """The document as csv.writer(delimiter="\\t") writes it: cells with quotes quoted."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    for line in text.split("\n"):
        writer.writerow(line.split("\t"))
    return buffer.getvalue()


def test_tsv_quoted_copy_gives_the_same_records(baseline: list[Action]) -> None:
    quoted = tsv_quoted(TEXT)
    assert '""list-style-type: none""' in quoted
    assert records(build_text(quoted), "source_line") == records(baseline, "source_line")


def test_bom_gives_the_same_records(baseline: list[Action]) -> None:
    assert records(build_text(TEXT, codecs.BOM_UTF8)) == records(baseline)


def test_extra_blank_lines_give_the_same_records(baseline: list[Action]) -> None:
    spaced = TEXT.replace("\n", "\n\n")
    got = build_text(spaced)
    assert records(got, "source_line") == records(baseline, "source_line")
    original, spaced_lines = TEXT.split("\n"), spaced.split("\n")
    for new, old in zip(got, baseline, strict=True):
        assert spaced_lines[new.source_line - 1] == original[old.source_line - 1]


def table_blocks(text: str) -> tuple[list[str], list[list[str]]]:
    """Split the document into its preamble and table blocks (board line + header + rows)."""
    lines = text.split("\n")
    starts = []
    for i, line in enumerate(lines):
        if line.startswith("Strateginen kärki\t"):
            board = i - 1 if i and lines[i - 1].endswith("\t" * 6) else i
            starts.append(board)
    starts.append(len(lines))
    preamble = lines[: starts[0]]
    return preamble, [lines[a:b] for a, b in itertools.pairwise(starts)]


def test_tables_in_another_order_give_the_same_records(baseline: list[Action]) -> None:
    """The first table has no board line: it stays first, as after a page break it would
    continue the table before it (and take its board)."""
    preamble, blocks = table_blocks(TEXT)
    assert len(blocks) == 32
    reordered = [blocks[0], *reversed(blocks[1:])]
    shuffled = "\n".join(preamble + [line for block in reordered for line in block])
    key = ("source_line", "section")
    got = sorted(records(build_text(shuffled), *key), key=lambda r: r["action_id"])
    assert got == sorted(records(baseline, *key), key=lambda r: r["action_id"])


def test_document_split_into_files_gives_the_same_records(baseline: list[Action]) -> None:
    preamble, blocks = table_blocks(TEXT)
    groups = (blocks[:10], blocks[10:20], blocks[20:])
    parts = [list(itertools.chain.from_iterable(group)) for group in groups]
    parts[0] = preamble + parts[0]
    documents = [
        decode_document(f"part{n}.txt", "\n".join(lines).encode("utf-8"))
        for n, lines in enumerate(parts, start=1)
    ]
    got = actions_of(*documents)
    key = ("source_file", "source_line", "section")
    assert records(got, *key) == records(baseline, *key)
    assert {a.source_file for a in got} == {"part1.txt", "part2.txt", "part3.txt"}
    for action in got:
        document = documents[int(action.source_file[4]) - 1]
        original = TEXT.split("\n")[
            next(b.source_line for b in baseline if b.action_id == action.action_id) - 1
        ]
        assert document.lines[action.source_line - 1] == original


def test_document_split_mid_table_gives_the_same_records(baseline: list[Action]) -> None:
    lines = TEXT.split("\n")
    # cut inside tables, right before continuation rows (leading cells empty)
    cuts = [i for i, line in enumerate(lines) if line.startswith("\t\t")][::5]
    assert len(cuts) >= 5
    bounds = [0, *cuts, len(lines)]
    documents = [
        decode_document(f"part{n:02d}.txt", "\n".join(lines[a:b]).encode("utf-8"))
        for n, (a, b) in enumerate(itertools.pairwise(bounds))
    ]
    got = actions_of(*documents)
    key = ("source_file", "source_line")
    assert records(got, *key) == records(baseline, *key)


def test_title_page_as_its_own_file_gives_the_same_records(baseline: list[Action]) -> None:
    lines = TEXT.split("\n")
    documents = [
        decode_document("page0.txt", "\n".join(lines[:6]).encode("utf-8")),
        decode_document("page1.txt", "\n".join(lines[6:]).encode("utf-8")),
    ]
    key = ("source_file", "source_line")
    assert records(actions_of(*documents), *key) == records(baseline, *key)


def test_bare_board_line_at_the_end_of_a_file_boards_the_next_file(
    baseline: list[Action],
) -> None:
    bare = re.sub(r"(?m)^([^\t\n]+)\t{6}$", r"\1", TEXT).split("\n")
    cuts = [
        i + 1
        for i, line in enumerate(bare)
        if line and "\t" not in line and i + 1 < len(bare) and "\t" in bare[i + 1]
    ]
    assert len(cuts) >= 30
    bounds = [0, *cuts, len(bare)]
    documents = [
        decode_document(f"part{n:02d}.txt", "\n".join(bare[a:b]).encode("utf-8"))
        for n, (a, b) in enumerate(itertools.pairwise(bounds))
    ]
    key = ("source_file", "source_line")
    assert records(actions_of(*documents), *key) == records(baseline, *key)
