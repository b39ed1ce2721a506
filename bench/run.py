"""`make bench`: kerava-etl against the floor, on corpora of 1 to 1000 copies of the document.

For each corpus size it times the build (`kerava-etl build DIR --out DIR`) and the floor
(bench/floor.py: read, parse the cells that hold markup with lxml, write one Parquet file),
each in a fresh process, and prints documents, MB, records, seconds, MB/s, peak memory and
the ratio build / floor; for 100 documents, where the build's time goes (bench/stages.py).
It also times importing what every build must load (pyarrow.parquet,
lxml, pydantic, typer) and loading the Finnish dictionary, against building the single
document. Times are medians of --repeat runs (one run
for corpora of 1000 documents and more). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "raw" / "kerava_toimenpideohjelmat_2018-2021.txt"
FLOOR = Path(__file__).resolve().parent / "floor.py"
STAGES = Path(__file__).resolve().parent / "stages.py"  # where the time goes, part by part
IMPORTS = "import pyarrow.parquet, lxml.html, pydantic, typer, pyvoikko; pyvoikko.analyse('kerava')"
TARGET_FLOOR_RATIO = 2.0
TARGET_IMPORT_RATIO = 1.5
MEMORY_LIMIT_MB = 1024
# The readers: a Word file and a PDF of about 30 pages (the document printed by Chromium,
# tests/formats/render.py), each built whole.
TARGET_WORD_SECONDS, TARGET_PDF_SECONDS, PDF_MEMORY_LIMIT_MB = 2.0, 10.0, 300

# Runs a command and prints the peak RSS (KiB) of it and everything it waited for.
_MEASURE = (
    "import resource, subprocess, sys; "
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)"
)


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one run of ``command`` in a fresh process."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr}")
    return seconds, int(done.stdout.split()[-1]) / 1024


def median_run(command: list[str], repeat: int) -> tuple[float, float]:
    runs = [run(command) for _ in range(repeat)]
    return statistics.median(s for s, _ in runs), max(m for _, m in runs)


def make_corpus(directory: Path, copies: int) -> float:
    """``copies`` copies of the document with unique names; return the corpus size in MB."""
    directory.mkdir(parents=True)
    for index in range(1, copies + 1):
        shutil.copyfile(DOCUMENT, directory / f"programme_{index:05d}.txt")
    return copies * DOCUMENT.stat().st_size / 1e6


def records_in(out: Path) -> int:
    import pyarrow.parquet as pq

    return int(pq.read_metadata(out / "actions.parquet").num_rows)


def readers(work: Path, build: list[str], repeat: int) -> list[str]:
    """Build the document from a Word file and from a PDF (printed here); the targets missed."""
    sys.path.insert(0, str(ROOT / "tests"))
    from formats import render

    programme = render.programme_from_text(DOCUMENT)
    word, pdf = work / "programme.docx", work / "programme.pdf"
    render.write_docx(programme, word, "plain")
    render.write_pdf(programme, pdf, "plain")
    pages = _pages(pdf)
    print(f"\n{'input':>24} {'build s':>8} {'peak MB':>8}")
    failures = []
    for path, label, target in (
        (word, "Word (.docx)", TARGET_WORD_SECONDS),
        (pdf, f"PDF, {pages} pages", TARGET_PDF_SECONDS),
    ):
        seconds, peak = median_run(
            [*build, str(path), "--out", str(work / f"out_{path.suffix[1:]}")], repeat
        )
        print(f"{label:>24} {seconds:>8.2f} {peak:>8.0f}")
        scaled = seconds * 30 / pages if path is pdf else seconds  # per 30 pages
        if scaled > target:
            failures.append(f"{label}: {seconds:.1f} s")
        if path is pdf and peak > PDF_MEMORY_LIMIT_MB:
            failures.append(f"{label}: peak {peak:.0f} MB")
    return failures


def _pages(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return len(document.pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100,1000", help="corpus sizes, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    build = [sys.executable, "-m", "kerava_etl", "build"]
    floor = [sys.executable, str(FLOOR)]
    failures = []

    with tempfile.TemporaryDirectory(prefix="kerava-bench-") as temporary:
        work = Path(temporary)
        run([*build, str(DOCUMENT), "--out", str(work / "warmup")])  # warms the OS file cache
        print(
            f"{'docs':>6} {'MB':>7} {'records':>8} {'build s':>8} {'MB/s':>6} {'peak MB':>8} "
            f"{'floor s':>8} {'ratio':>6} {'s/doc':>7}"
        )
        per_document = []
        for size in sizes:
            corpus = work / f"corpus_{size}"
            megabytes = make_corpus(corpus, size)
            repeat = 1 if size >= 1000 else args.repeat
            out = work / f"out_{size}"
            seconds, peak = median_run([*build, str(corpus), "--out", str(out)], repeat)
            floor_seconds, _ = median_run(
                [*floor, str(corpus), str(work / "floor.parquet")], repeat
            )
            ratio = seconds / floor_seconds
            per_document.append(seconds / size)
            print(
                f"{size:>6} {megabytes:>7.1f} {records_in(out):>8} {seconds:>8.2f} "
                f"{megabytes / seconds:>6.2f} {peak:>8.0f} {floor_seconds:>8.2f} "
                f"{ratio:>6.2f} {seconds / size:>7.3f}"
            )
            if size >= 100 and ratio > TARGET_FLOOR_RATIO:
                failures.append(f"{size} documents: {ratio:.2f}x the floor")
            if size >= 1000 and peak > MEMORY_LIMIT_MB:
                failures.append(f"{size} documents: peak {peak:.0f} MB")
            if size == 100:
                breakdown = subprocess.run(
                    [sys.executable, str(STAGES), str(corpus)],
                    capture_output=True,
                    text=True,
                    check=False,
                )
            shutil.rmtree(corpus)

        imports, _ = median_run([sys.executable, "-c", IMPORTS], args.repeat)
        single, _ = median_run([*build, str(DOCUMENT), "--out", str(work / "single")], args.repeat)
        print(
            f"\nimports and dictionary ({IMPORTS}): {imports:.2f} s; "
            f"build of the single document: {single:.2f} s ({single / imports:.2f}x)"
        )
        if single / imports > TARGET_IMPORT_RATIO:
            failures.append(f"single document: {single / imports:.2f}x the import time")
        if 100 in sizes:
            print(f"\nwhere the time of 100 documents goes (bench/stages.py):\n{breakdown.stdout}")
        failures += readers(work, build, args.repeat)

    print(
        "\ntargets: 100+ documents within 2.0x the floor, the single document within 1.5x "
        "the import time, peak memory under 1 GB for 1000 documents; a Word file within "
        f"{TARGET_WORD_SECONDS:.0f} s, a 30-page PDF within {TARGET_PDF_SECONDS:.0f} s and "
        f"{PDF_MEMORY_LIMIT_MB} MB"
    )
    print("all targets met" if not failures else "missed: " + "; ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
