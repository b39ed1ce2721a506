"""The parser: one registry of line rules, in the order they are tried, each with the
handler that applies its match to the parse state (as mistune pairs each block rule with
its ``parse_<name>``, and tomli picks one rule per statement).

A line is read (:func:`~kerava_etl.stages.parse.lines.read_line`), then every rule of
:data:`LINE_RULES` is asked in turn what it is; the first that recognises it hands its
match to its handler. Rules are pure (:mod:`.rules`); only handlers change the state.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from kerava_etl.codes import finding
from kerava_etl.columns import label_of
from kerava_etl.errors import InternalError
from kerava_etl.settings import ReadingSettings
from kerava_etl.stages.header import Header, HeaderReader
from kerava_etl.stages.parse import rules
from kerava_etl.stages.parse.lines import Line, read_line, title_of
from kerava_etl.stages.parse.model import (
    BoardLine,
    OpenTable,
    ParsedDocument,
    ParseState,
    RawRow,
)
from kerava_etl.stages.read import SourceDocument
from kerava_etl.vocab import Vocabularies

M = TypeVar("M")


@dataclass(frozen=True)
class LineRule(Generic[M]):
    """A rule of the registry: its name, what recognises a line, what applies the match."""

    name: str
    recognise: Callable[[Line, rules.Context], M | None]
    handle: Callable[[DocumentParser, Line, M], None]


class DocumentParser:
    """Parses one document: reads each line, classifies it with :data:`LINE_RULES` and
    applies the match. ``state`` carries over from the file before, and on to the next."""

    def __init__(
        self,
        doc: SourceDocument,
        vocabularies: Vocabularies,
        state: ParseState,
        tail: tuple[str, ...],
        headers: HeaderReader,
        settings: ReadingSettings,
    ) -> None:
        self.doc = doc
        self.state = state
        self.settings = settings
        self.result = ParsedDocument(name=doc.name, sha256=doc.sha256, title=None)
        self.title: list[str] = []
        self.held: str | None = None  # a text line ending in a broken name, read with the next
        self.context = rules.Context(
            doc.lines, tail, doc.name, state, self.result, vocabularies, headers, settings
        )

    def parse(self) -> ParsedDocument:
        """Every line, then the document's result with its title block."""
        for number, raw in enumerate(self.doc.lines, start=1):
            self.line(number, raw)
        self.result.title = title_of(self.title)
        return self.result

    def line(self, number: int, raw: str) -> None:
        """Read one line and apply the first rule that recognises it; a blank line has none."""
        line = read_line(number, raw, self.held, self.settings)
        if line is None:
            return
        if line.plain_text_line:
            self.held = None  # read with this line
        for rule in LINE_RULES:
            match = rule.recognise(line, self.context)
            if match is not None:
                rule.handle(self, line, match)
                return
        raise InternalError(f"{self.doc.name}:{number}: no line rule recognised the line")

    # Handlers: the only code that changes the parse state. -----------------------------

    def on_held_back(self, line: Line, match: rules.HeldBack) -> None:
        self.held = match.text

    def on_board_line(self, line: Line, match: rules.BoardLineMatch) -> None:
        board = BoardLine(match.name, line.number)
        self.state.pending = board
        if match.in_table:
            if self.state.table is None:
                raise InternalError(f"{self.doc.name}:{line.number}: a board line in no table")
            self.state.table.board = board

    def on_heading(self, line: Line, match: rules.Heading) -> None:
        self.state.section = match.text or None

    def on_page_number(self, line: Line, match: rules.PageNumber) -> None:
        """Page furniture: nothing to do."""

    def on_caption(self, line: Line, match: rules.Caption) -> None:
        """A table's caption: page furniture, nothing to do."""

    def on_header_group(self, line: Line, match: rules.HeaderGroup) -> None:
        self.finding("header_group_row", line)

    def on_spearhead_line(self, line: Line, match: rules.SpearheadLine) -> None:
        self.state.section = match.text

    def on_title(self, line: Line, match: rules.TitleLine) -> None:
        self.title.append(match.text)

    def on_text_in_table(self, line: Line, match: rules.TextInTable) -> None:
        if match.may_name_board:
            self.state.text_since_row = True  # a header after it starts a new table
        if match.kind == "lost_tabs":
            self.finding("text_in_table", line)
        elif match.kind == "subheading":
            self.state.section = line.text  # a subheading over the rows below it
        else:
            self.finding("note_in_table", line)

    def on_text_outside(self, line: Line, match: rules.TextOutside) -> None:
        self.finding("text_outside_table", line)

    def on_header_row(self, line: Line, match: rules.HeaderRow) -> None:
        """A column-header row starts a table, or goes on with the one before a page break
        (under the board line repeated with it, if one was: the rows' board_raw is the
        nearest line above)."""
        state = self.state
        self.result.headers += 1
        self.header_problems(line, match)
        previous = state.table
        if match.continues and previous is not None:
            previous.board = state.pending or previous.board
            state.pending = None
            return
        self.result.tables += 1
        state.tables += 1
        board = state.pending
        if board is None and previous is not None and not previous.rows:
            board = previous.board  # a repeated header keeps its table's board
        header = match.header if match.readable else None
        state.table = OpenTable(state.tables, board, header, line.number, self.doc.name)
        state.pending = None
        if match.readable:
            self.column_warnings(line, match.header)

    def on_data_row(self, line: Line, match: rules.DataRow) -> None:
        problem = match.problem
        if problem is not None:
            params = dict(problem.params)
            value = problem.value if problem.value is not None else line.raw
            self.result.findings.append(
                finding(
                    problem.code,
                    self.doc.name,
                    line.number,
                    field=problem.field,
                    value=value,
                    params=params,
                )
            )
            return
        table = self.state.table
        if table is None or table.header is None:  # the rule reported these as problems
            raise InternalError(f"{self.doc.name}:{line.number}: a row read without a table")
        table.rows += 1
        spearhead = rules.row_spearhead(match.cells, table.header)
        if spearhead is not None:
            table.spearheads.add(spearhead)
        self.state.pending = None
        self.state.text_since_row = False
        self.result.rows.append(
            RawRow(
                self.doc.name,
                line.number,
                self.doc.page(line.number),
                table.index,
                self.state.section,
                table.board,
                match.cells,
                table.header,
            )
        )

    # Findings. -------------------------------------------------------------------------

    def header_problems(self, line: Line, match: rules.HeaderRow) -> None:
        """A header that cannot be read: a label twice, or a required column missing."""
        if match.repeated:
            self.finding("column_repeated", line, labels=", ".join(match.repeated))
        if match.missing:
            unknown = "; ".join(_unknown_label(label, h) for label, h in match.header.unknown())
            self.finding(
                "header_incomplete",
                line,
                missing=", ".join(match.missing),
                unknown=unknown or "none",
            )

    def column_warnings(self, line: Line, header: Header) -> None:
        """Once per table: each unknown label (kept in ``extra``) and each expected column
        the table lacks."""
        for label, hint in header.unknown():
            self.finding("column_unknown", line, label=_unknown_label(label, hint))
        for name in header.missing():
            self.finding("column_missing", line, label=label_of(name), field=name)

    def finding(self, code: str, line: Line, **params: object) -> None:
        """Report a problem of this line, the line itself as the value."""
        self.result.findings.append(
            finding(code, self.doc.name, line.number, value=line.raw, params=params)
        )


def _unknown_label(label: str, hint: str | None) -> str:
    return f"'{label}'" + (f" (nearest known: '{hint}')" if hint else "")


# The line rules, in the order they are tried: a text line is held back, a heading, page
# furniture (a page number, a caption), a spearhead standing alone, a board line, the title
# block, text in a table or outside one; a row is a header's group row, a column-header
# row or a data row. The last rule of each kind
# takes every line of that kind, so every line is recognised.
LINE_RULES: Sequence[LineRule[Any]] = (
    LineRule("held_back", rules.held_back, DocumentParser.on_held_back),
    LineRule("board_heading", rules.board_heading, DocumentParser.on_board_line),
    LineRule("heading", rules.heading, DocumentParser.on_heading),
    LineRule("page_number", rules.page_number, DocumentParser.on_page_number),
    LineRule("caption", rules.caption, DocumentParser.on_caption),
    LineRule("spearhead_line", rules.spearhead_line, DocumentParser.on_spearhead_line),
    LineRule("board_line", rules.board_line, DocumentParser.on_board_line),
    LineRule("title", rules.title, DocumentParser.on_title),
    LineRule("text_in_table", rules.text_in_table, DocumentParser.on_text_in_table),
    LineRule("text_outside", rules.text_outside, DocumentParser.on_text_outside),
    LineRule("header_group", rules.header_group, DocumentParser.on_header_group),
    LineRule("header_row", rules.header_row, DocumentParser.on_header_row),
    LineRule("data_row", rules.data_row, DocumentParser.on_data_row),
)
