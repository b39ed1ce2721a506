"""The whole build, stage by stage: read -> parse -> normalise -> ids -> validate -> publish."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from kerava_etl.baseline import Key, failing
from kerava_etl.codes import Finding, Severity, finding
from kerava_etl.config import DEFAULT_LICENSE
from kerava_etl.errors import ExitCode, KeravaError
from kerava_etl.models import ActionRecord
from kerava_etl.publish.outdir import Checkpoint, prepare_out_dir, replace_out_dir
from kerava_etl.publish.outputs import (
    Publication,
    file_names,
    selected,
    write_all,
)
from kerava_etl.publish.review import review_rows
from kerava_etl.publish.schema import DocumentInfo
from kerava_etl.publish.sources import (
    SOURCES_NAME,
    KnownSource,
    load_known_sources,
    sources_of,
)
from kerava_etl.publish.tables import build_tables
from kerava_etl.stages import Progress
from kerava_etl.stages.ids import assign_ids
from kerava_etl.stages.normalise import normalise_rows
from kerava_etl.stages.parse import ParsedDocument, parse_documents
from kerava_etl.stages.read import SourceDocument, collect_paths, read_documents
from kerava_etl.stages.validate import validate_records
from kerava_etl.text.lexicon import Lexicon, VoikkoLexicon
from kerava_etl.vocab import Vocabularies, load_vocabularies


@dataclass
class BuildResult:
    """What a build produced and what it found; ``exit_code`` is the CLI's answer."""

    records: list[ActionRecord]  # validated action records, as in actions.json
    findings: list[Finding]
    documents: list[DocumentInfo]
    exit_code: ExitCode
    written: list[Path] = field(default_factory=list)
    accepted: frozenset[Key] = frozenset()  # the warnings the baseline holds


def transform(
    documents: Sequence[SourceDocument],
    *,
    lexicon: Lexicon,
    vocabularies: Vocabularies,
    progress: Progress | None = None,
) -> tuple[list[DocumentInfo], list[ActionRecord], list[Finding]]:
    """The pure middle of the pipeline: source documents -> validated records and findings.

    ``lexicon`` is the Finnish dictionary (PDF hyphenation, base forms of party names);
    ``vocabularies`` resolve column labels, boards, spearheads, goals and parties. Records
    are typed dicts (:class:`kerava_etl.models.ActionRecord`). Raises
    :class:`KeravaError` (exit 2) when no document holds a programme table.
    """
    parsed_documents = parse_documents(documents, vocabularies, progress)
    findings = _table_findings(documents, [_without_rows(p) for p in parsed_documents])
    for document, parsed in zip(documents, parsed_documents, strict=True):
        findings.extend(document.findings)
        findings.extend(parsed.findings)
    infos = [DocumentInfo(p.name, p.sha256, p.title) for p in parsed_documents]
    rows = [row for parsed in parsed_documents for row in parsed.rows]
    del parsed_documents  # the raw rows are the largest thing held; let them go early
    records, normalise_findings = normalise_rows(rows, lexicon, vocabularies, progress)
    del rows
    findings.extend(normalise_findings)
    records, validation_findings = validate_records(assign_ids(records), vocabularies)
    findings.extend(validation_findings)
    order = {document.name: index for index, document in enumerate(documents)}
    findings.sort(key=lambda f: (order.get(f.source_file, len(order)), f.source_line or 0))
    return infos, records, _paged(findings, documents)


def _paged(findings: list[Finding], documents: Sequence[SourceDocument]) -> list[Finding]:
    """Each finding of a PDF's line with the page the line is on."""
    paged = {document.name: document for document in documents if document.pages}
    return [
        replace(f, source_page=paged[f.source_file].page(f.source_line))
        if f.source_file in paged and f.source_line is not None
        else f
        for f in findings
    ]


_HEADER_ONLY = "a column-header row but no action rows under it"


def _without_rows(parsed: ParsedDocument) -> str | None:
    """Why a document gives no action row, if it gives none and no error says why: no
    table, or a header with nothing under it; ``None`` when it gives rows (or errors)."""
    if parsed.rows:
        return None
    if not parsed.headers:
        return "no programme table"
    if any(f.severity == Severity.ERROR for f in parsed.findings):
        return None  # its rows were refused, each with its error
    return _HEADER_ONLY


def _table_findings(
    documents: Sequence[SourceDocument], reasons: Sequence[str | None]
) -> list[Finding]:
    """No document with action rows: exit 2. Beside others, a document without a table is a
    warning each (a header with no rows may have them in the next file, a split document)."""
    without = [
        (document, _emptiness(document, reason))
        for document, reason in zip(documents, reasons, strict=True)
        if reason is not None
    ]
    if without and len(without) == len(documents):
        document, reason = without[0]
        raise KeravaError(
            f"{reason}: expected tab-separated rows under a column-header "
            "row 'Strateginen kärki<TAB>Strategiset tavoitteet<TAB>...<TAB>Mittari'",
            file=document.name,
        )
    return [
        finding("no_programme_table", document.name, None, params={"reason": reason})
        for document, reason in without
        if reason != _HEADER_ONLY
    ]


def _emptiness(document: SourceDocument, reason: str) -> str:
    return "the file is empty" if not any(map(str.strip, document.lines)) else reason


def build(
    paths: Sequence[Path],
    out_dir: Path,
    *,
    strict: bool = False,
    license_id: str = DEFAULT_LICENSE,
    extras: Collection[str] = (),
    progress: Progress | None = None,
    lexicon: Lexicon | None = None,
    vocabularies: Vocabularies | None = None,
    known_sources: Mapping[str, KnownSource] | None = None,
    sources_listed_in: str = SOURCES_NAME,
    baseline: frozenset[Key] = frozenset(),
    checkpoint: Checkpoint | None = None,
) -> BuildResult:
    """Read the inputs, transform them and, when nothing fails, write ``out_dir`` atomically.

    ``lexicon``, ``vocabularies`` and ``known_sources`` (what is known of each input, by
    file name, from ``sources_listed_in``) default to Voikko's dictionary and the data
    files shipped with the package; ``baseline`` holds the warnings accepted
    (:mod:`kerava_etl.baseline`), which ``strict`` lets pass.
    ``progress``, if given, is called as ``(stage, done, total)``; ``checkpoint``, if given,
    with each step of replacing ``out_dir`` (``outdir.STEPS``).
    """
    outputs = selected(extras)
    files = collect_paths(paths)
    steps = checkpoint or (lambda step: None)
    out_dir = prepare_out_dir(out_dir, files, steps)
    vocabularies = vocabularies if vocabularies is not None else load_vocabularies()
    lexicon = lexicon if lexicon is not None else VoikkoLexicon()
    infos, records, findings = transform(
        read_documents(files, lexicon),  # a PDF's line-end hyphens are judged with it
        lexicon=lexicon,
        vocabularies=vocabularies,
        progress=progress,
    )
    known = known_sources if known_sources is not None else load_known_sources()
    sources, source_findings = sources_of(infos, known, sources_listed_in)
    findings = findings + source_findings  # about whole files, after the lines' findings
    result = BuildResult(records, findings, infos, ExitCode.OK, accepted=baseline)
    if failing(findings, baseline, strict=strict):  # with strict, a warning not accepted
        result.exit_code = ExitCode.INVALID
        return result
    if progress is not None:
        progress("write", 0, 1)
    tables = build_tables(records, infos, vocabularies)
    publication = Publication(
        records,
        tables,
        findings,
        sources,
        license_id,
        tuple(output.key for output in outputs),
        review_rows(records, vocabularies, lexicon),
    )
    replace_out_dir(out_dir, lambda staging: write_all(staging, outputs, publication), steps)
    result.written = [out_dir / name for name in file_names(outputs)]
    return result
