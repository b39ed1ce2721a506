"""The plain data of the parse stage: what it finds (rows, board lines, documents) and the
state it carries from one line to the next."""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, field
from typing import Protocol

from kerava_etl.codes import Finding
from kerava_etl.stages.header import Header


@dataclass(frozen=True)
class BoardLine:
    """A board header line: the committee's name as written, and where."""

    name: str
    line: int


@dataclass(frozen=True)
class RawRow:
    """One data row: its raw cells in document order, its table's header, its context."""

    source_file: str
    source_line: int
    source_page: int | None  # the page of a PDF the line is on
    table: int  # counts tables across the build; merged rows never cross tables
    section: str | None
    board: BoardLine | None
    cells: tuple[str, ...]
    header: Header  # which field (or unknown label) each cell is


@dataclass
class ParsedDocument:
    """What the parser found in one document."""

    name: str
    sha256: str
    title: str | None
    rows: list[RawRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    tables: int = 0  # tables it starts
    headers: int = 0  # column-header rows it holds (one repeated at a page break too)


class TableView(Protocol):
    """The open table as the reading rules see it: read only."""

    @property
    def board(self) -> BoardLine | None: ...
    @property
    def header(self) -> Header | None: ...  # None: the header row could not be read
    @property
    def header_line(self) -> int: ...
    @property
    def rows(self) -> int: ...
    @property
    def spearheads(self) -> Set[str]: ...  # its rows' spearheads, folded
    @property
    def file(self) -> str: ...  # the file its header row is in


@dataclass
class OpenTable:
    """The table being read (a :class:`TableView` to the rules; the handlers change it)."""

    index: int
    board: BoardLine | None
    header: Header | None
    header_line: int
    file: str
    rows: int = 0
    spearheads: set[str] = field(default_factory=set)


@dataclass
class ParseState:
    """What carries from one line to the next, and from one file to the next."""

    section: str | None = None
    table: OpenTable | None = None
    pending: BoardLine | None = None  # a board line not yet taken by a header or a row
    tables: int = 0  # tables seen so far, across files
    text_since_row: bool = False  # text other than page furniture since the table's last row
