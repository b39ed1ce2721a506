"""Stage 2, parse: a source document's lines -> raw table rows, with their context.

This stage knows the document's layout, not its meaning: page headings (``# ...``), board
lines (a name in the first cell, the other cells empty), column-header rows and data rows.
Cells stay raw (HTML and all); :mod:`kerava_etl.stages.normalise` reads them.

- :mod:`.lines` reads one line: its cells, whether it is a text line, a heading, a page
  number;
- :mod:`.rules` holds the reading rules, pure functions that recognise what a line is;
- :mod:`.parser` tries them in the order of its registry, ``LINE_RULES``, and its handlers
  apply each match to the parse state (:mod:`.model`).

Tables: a column-header row starts a table. A text line that names a board, directly
followed (blank lines aside) by a header row, is that table's board line; a header with no
board line before it starts a table with no board, unless it repeats the header of the
table before it after a heading or page number (a page break) in the same file: then that
table goes on, with its board, and a merged row after the break continues the row before
it. A text line inside a table directly followed by a data row, and ending in a board's
word (``lautakunta``, ``jaosto``, ...), is a board line that changes the board for the
rows below it; other short text there is a subheading or a note, and text shaped like a
row is an error (most likely a row that lost its tabs). A heading does not end a table; a
heading whose text is a known board name is a board line, and a text line that is a
spearhead's name is a heading. The documents of a build are read as one stream, so
"directly followed" looks into the next file, and a file may continue the previous file's
table.
"""

from __future__ import annotations

from collections.abc import Sequence

from kerava_etl.settings import DEFAULT_SETTINGS, ReadingSettings
from kerava_etl.stages import Progress
from kerava_etl.stages.header import HeaderReader
from kerava_etl.stages.parse.lines import leading_content
from kerava_etl.stages.parse.model import BoardLine, ParsedDocument, ParseState, RawRow
from kerava_etl.stages.parse.parser import DocumentParser
from kerava_etl.stages.read import SourceDocument
from kerava_etl.vocab import Vocabularies

__all__ = [
    "BoardLine",
    "ParseState",
    "ParsedDocument",
    "RawRow",
    "parse_document",
    "parse_documents",
]


def parse_documents(
    documents: Sequence[SourceDocument],
    vocabularies: Vocabularies,
    progress: Progress | None = None,
    settings: ReadingSettings = DEFAULT_SETTINGS,
) -> list[ParsedDocument]:
    """Parse documents in order, as one stream: a file may continue the previous file's table.

    So a document split into several files reads as the whole does; a file that starts
    with its own header row (as every complete programme does) starts a new table.
    ``vocabularies`` give the column labels, and the board and spearhead names that tell a
    board line or a heading from other text; ``settings`` the thresholds of the rules.
    """
    tails: list[tuple[str, ...]] = [()] * len(documents)  # what follows each file
    for index in range(len(documents) - 2, -1, -1):
        tails[index] = leading_content(documents[index + 1].lines, tails[index + 1])
    state = ParseState()
    headers = HeaderReader(vocabularies["columns"], settings)
    parsed = []
    for document, tail in zip(documents, tails, strict=True):
        parsed.append(parse_document(document, vocabularies, state, tail, headers, settings))
        if progress is not None:
            progress("parse", len(parsed), len(documents))
    return parsed


def parse_document(
    doc: SourceDocument,
    vocabularies: Vocabularies,
    state: ParseState | None = None,
    tail: tuple[str, ...] = (),
    headers: HeaderReader | None = None,
    settings: ReadingSettings = DEFAULT_SETTINGS,
) -> ParsedDocument:
    """Find the tables, board lines, headings and data rows of one document.

    ``state`` carries the context of the file(s) before this one, and is updated; ``tail``
    holds the first non-blank lines of the files after this one (to the first that is not
    page furniture), for looking ahead; ``headers`` reads column-header rows (one per build
    keeps what it has read).
    """
    headers = headers or HeaderReader(vocabularies["columns"], settings)
    parser = DocumentParser(doc, vocabularies, state or ParseState(), tail, headers, settings)
    return parser.parse()
