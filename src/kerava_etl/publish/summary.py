"""The end-of-build summary: a rich table on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from kerava_etl.baseline import key_of, verdict
from kerava_etl.codes import Finding, Severity

if TYPE_CHECKING:
    from kerava_etl.pipeline import BuildResult


def print_summary(result: BuildResult, *, strict: bool) -> None:
    """Records per spearhead and board, findings by code, problems, and where files went."""
    shown = [f for f in result.findings if key_of(f) not in result.accepted or not strict]
    for line in problem_lines(shown, strict=strict, written=bool(result.written)):
        print(line, file=sys.stderr)
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    problems = [f for f in shown if f.severity in failing]

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
        page = result.written[0].parent / "index.html"
        if page in result.written:  # where a reader without code starts
            print(f"to read and search the actions, open {page} in a web browser")
    else:
        print(
            f"nothing written: {len(problems)} problem(s) above; the previous output is untouched",
            file=sys.stderr,
        )
    print(verdict_line(result))


def verdict_line(result: BuildResult) -> str:
    """The build's last line: what it wrote, the known defects, and whether a person must
    act, and where to look."""
    said = verdict(len(result.records), result.findings, result.accepted)
    written = f"{said.records} records" if result.written else "no records written"
    parts = [
        f"verdict: {written}",
        f"{said.defects} known source defects repaired or flagged",
        f"{said.accepted} accepted warnings",
    ]
    if said.act:
        report = (
            f"{result.written[0].parent}/quality_report.json"
            if result.written
            else "the lines above"
        )
        parts.append(
            f"a person must look at {said.new_names} new names and {said.new_problems} new "
            f"problems: see {report}"
        )
    else:
        parts.append("nothing new needs a person")
    return "; ".join(parts)


# Warnings shown per code when they do not fail the build; the report holds every one.
WARNINGS_SHOWN_PER_CODE = 5


def problem_lines(findings: Sequence[Finding], *, strict: bool, written: bool) -> Iterator[str]:
    """The findings to show on stderr, as ``file:line: severity: code: message [value]``.

    Every error; every warning too when warnings fail the build (``strict``), otherwise the
    first few of each code, then how many more the quality report holds. Info findings are
    only in the report.
    """
    if strict:
        yield from (_line(f) for f in findings if f.severity != Severity.INFO)
        return
    warnings: dict[str, list[Finding]] = {}
    for f in findings:
        if f.severity == Severity.WARNING:
            warnings.setdefault(f.code, []).append(f)
    for code, group in warnings.items():
        yield from (_line(f) for f in group[:WARNINGS_SHOWN_PER_CODE])
        if len(group) > WARNINGS_SHOWN_PER_CODE:
            where = " in quality_report.json" if written else ""
            yield f"… and {len(group) - WARNINGS_SHOWN_PER_CODE} more {code}{where}"
    yield from (_line(f) for f in findings if f.severity == Severity.ERROR)


def _line(finding: Finding) -> str:
    value = f" [{finding.value}]" if finding.value else ""
    return f"{finding.location()}: {finding.severity}: {finding.code}: {finding.message}{value}"


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
