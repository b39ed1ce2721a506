"""Where a build's time goes: one build of a corpus, in one process, timed part by part.

Prints the seconds of each part of ``kerava-etl build`` (default outputs): importing what
every build loads, loading the Finnish dictionary, reading, parsing, normalising, ids and
validation, building the tables, and writing each output of the registry. ``make bench``
runs it on the 100-document corpus. The parts no faster code of ours removes (the imports,
the dictionary, and the Parquet, CSV and JSON files, written by C code) are summed at the
end, to compare with the floor. Not part of the test suite.
"""

from __future__ import annotations

import functools
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# What no faster code of ours removes: the imports, the dictionary, and the data files
# written by C code (pyarrow, the csv module, the json module's C encoder).
FIXED = ("imports", "dictionary", "write parquet", "write csv", "write json")


def timed(parts: dict[str, float], name: str, work: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = work()
    parts[name] = parts.get(name, 0.0) + time.perf_counter() - start
    return result


def transform_parts(parts: dict[str, float], documents: Any) -> tuple[Any, Any, Any, Any]:
    """Run ``pipeline.transform``, splitting its time at the stages' first progress call."""
    from kerava_etl.pipeline import transform
    from kerava_etl.text.lexicon import VoikkoLexicon
    from kerava_etl.vocab import load_vocabularies

    lexicon = VoikkoLexicon()
    timed(parts, "dictionary", lambda: lexicon("kerava"))
    marks = [("parse", time.perf_counter())]

    def progress(stage: str, done: int, total: int) -> None:
        if stage != marks[-1][0]:
            marks.append((stage, time.perf_counter()))

    vocabularies = load_vocabularies()
    result = transform(documents, lexicon=lexicon, vocabularies=vocabularies, progress=progress)
    end = time.perf_counter()
    # Each stage calls progress once it has done some work; the first call is the mark.
    for (stage, start), (_, stop) in zip(marks, [*marks[1:], ("", end)], strict=True):
        parts[stage if stage == "parse" else f"{stage}, ids, validate"] = stop - start
    infos, records, findings = result
    return infos, records, findings, vocabularies


def main(corpus: Path) -> int:
    parts: dict[str, float] = {}
    timed(parts, "imports", _import_what_every_build_loads)
    from kerava_etl.publish.outputs import OUTPUTS, Publication
    from kerava_etl.publish.sources import load_known_sources, sources_of
    from kerava_etl.publish.tables import build_tables
    from kerava_etl.stages.read import collect_paths, read_documents

    documents = timed(parts, "read", lambda: read_documents(collect_paths([corpus])))
    infos, records, findings, vocabularies = transform_parts(parts, documents)
    tables = timed(parts, "tables", lambda: build_tables(records, infos, vocabularies))
    outputs = [output for output in OUTPUTS if not output.optional]
    sources = sources_of(infos, load_known_sources())
    publication = Publication(
        records, tables, findings, sources, "CC-BY-4.0", tuple(o.key for o in outputs)
    )
    writers = []
    with tempfile.TemporaryDirectory(prefix="kerava-stages-") as directory:
        for output in outputs:
            writers.append(f"write {output.key}")
            write = functools.partial(output.write, Path(directory), publication)
            timed(parts, writers[-1], write)
    total = sum(parts.values())
    print(f"{len(records)} records from {len(documents)} documents: {total:.2f} s in-process")
    for name, seconds in parts.items():
        print(f"  {name:<32} {seconds:6.2f} s  {seconds / total:5.1%}")
    fixed = sum(parts[name] for name in FIXED)
    print(f"  {'imports, dictionary, data files':<32} {fixed:6.2f} s  (no faster code removes it)")
    return 0


def _import_what_every_build_loads() -> None:
    import lxml.html  # noqa: F401
    import pyarrow.parquet  # noqa: F401
    import pydantic  # noqa: F401
    import typer  # noqa: F401

    import kerava_etl.pipeline  # noqa: F401


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
