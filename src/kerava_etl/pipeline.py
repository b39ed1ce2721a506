"""The whole build, stage by stage: read -> parse -> normalise -> ids -> validate -> write."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kerava_etl.config import DEFAULT_LICENSE
from kerava_etl.errors import ExitCode, KeravaError
from kerava_etl.findings import Finding, Severity
from kerava_etl.ids import assign_ids
from kerava_etl.normalise import normalise_rows
from kerava_etl.parse import Progress, parse_documents
from kerava_etl.read import SourceDocument, collect_paths, read_documents
from kerava_etl.tables import DocumentInfo, build_tables
from kerava_etl.validate import validate_records
from kerava_etl.write import check_out_dir, write_outputs


@dataclass
class BuildResult:
    """What a build produced and what it found; ``exit_code`` is the CLI's answer."""

    records: list[dict[str, Any]]  # validated action records, as in actions.json
    findings: list[Finding]
    documents: list[DocumentInfo]
    exit_code: ExitCode
    written: list[Path] = field(default_factory=list)


def transform(
    documents: Sequence[SourceDocument], progress: Progress | None = None
) -> tuple[list[DocumentInfo], list[dict[str, Any]], list[Finding]]:
    """The pure middle of the pipeline: source documents -> validated records and findings.

    Records are plain dicts in the shape of :class:`kerava_etl.models.Action` (validated
    against it). Raises :class:`KeravaError` (exit 2) for a document that holds no
    programme table.
    """
    parsed_documents = parse_documents(documents, progress)
    findings: list[Finding] = []
    without_table = [
        (document, parsed)
        for document, parsed in zip(documents, parsed_documents, strict=True)
        if parsed.tables == 0 and not parsed.rows
    ]
    if without_table and len(without_table) == len(documents):
        document = without_table[0][0]
        raise KeravaError(
            f"{_emptiness(document)}: expected tab-separated rows under a column-header row "
            "'Strateginen kärki<TAB>Strategiset tavoitteet<TAB>...<TAB>Mittari'",
            file=document.name,
        )
    for document, _ in without_table:  # a part of a split document, or a stray file
        findings.append(
            Finding(
                Severity.WARNING,
                "no_programme_table",
                document.name,
                None,
                f"{_emptiness(document)}; the other inputs hold the tables",
            )
        )
    for parsed in parsed_documents:
        findings.extend(parsed.findings)
    infos = [DocumentInfo(p.name, p.sha256, p.title) for p in parsed_documents]
    rows = [row for parsed in parsed_documents for row in parsed.rows]
    del parsed_documents  # the raw rows are the largest thing held; let them go early
    records, normalise_findings = normalise_rows(rows, progress)
    del rows
    findings.extend(normalise_findings)
    records, validation_findings = validate_records(assign_ids(records))
    findings.extend(validation_findings)
    order = {document.name: index for index, document in enumerate(documents)}
    findings.sort(key=lambda f: (order.get(f.source_file, len(order)), f.source_line or 0))
    return infos, records, findings


def _emptiness(document: SourceDocument) -> str:
    return "the file is empty" if not any(map(str.strip, document.lines)) else "no programme table"


def build(
    paths: Sequence[Path],
    out_dir: Path,
    *,
    strict: bool = False,
    license_id: str = DEFAULT_LICENSE,
    extras: Collection[str] = (),
    progress: Progress | None = None,
) -> BuildResult:
    """Read the inputs, transform them and, when nothing fails, write ``out_dir`` atomically.

    ``progress``, if given, is called as ``(stage, done, total)`` along the way.
    """
    files = collect_paths(paths)
    check_out_dir(out_dir, files)
    infos, records, findings = transform(read_documents(files), progress)
    result = BuildResult(records, findings, infos, ExitCode.OK)
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    if any(f.severity in failing for f in findings):
        result.exit_code = ExitCode.INVALID
        return result
    if progress is not None:
        progress("write", 0, 1)
    result.written = write_outputs(
        out_dir, records, build_tables(records, infos), findings, infos, license_id, extras
    )
    return result
