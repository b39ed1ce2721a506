"""The end-of-build summary: a rich table on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
from collections import Counter
from typing import TYPE_CHECKING

from kerava_etl.codes import Severity

if TYPE_CHECKING:
    from kerava_etl.pipeline import BuildResult


def print_summary(result: BuildResult, *, strict: bool) -> None:
    """Records per spearhead and board, findings by code, problems, and where files went."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    problems = [f for f in result.findings if f.severity in failing]
    for finding in problems:
        print(
            f"{finding.location()}: {finding.severity}: {finding.code}: {finding.message}"
            + (f" [{finding.value}]" if finding.value else ""),
            file=sys.stderr,
        )

    spearheads = Counter(r["spearhead"] for r in result.records)
    boards = Counter(r["board"] or "(no board)" for r in result.records)
    codes = Counter((str(f.severity), f.code) for f in result.findings)
    sections = [
        ("spearhead", "records", sorted(spearheads.items())),
        ("board", "records", sorted(boards.items())),
        ("finding", "count", [(f"{sev} {code}", n) for (sev, code), n in sorted(codes.items())]),
    ]
    if sys.stdout.isatty():
        _print_rich(sections)
    else:
        for title, _, rows in sections:
            for name, count in rows:
                print(f"{title}\t{name}\t{count}")
    if result.written:
        print(
            f"wrote {len(result.records)} records to {result.written[0].parent}/: "
            + ", ".join(p.name for p in result.written)
        )
    else:
        print(
            f"nothing written: {len(problems)} problem(s) above; the previous output is untouched",
            file=sys.stderr,
        )


def _print_rich(sections: list[tuple[str, str, list[tuple[str, int]]]]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for title, unit, rows in sections:
        table = Table(title=f"by {title}", title_justify="left")
        table.add_column(title)
        table.add_column(unit, justify="right")
        for name, count in rows:
            table.add_row(name, str(count))
        console.print(table)
