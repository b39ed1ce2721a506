"""The command line: ``kerava-etl build [PATH ...] --out DIR``.

Thin on purpose: parse options, call :func:`kerava_etl.pipeline.build`, print a summary,
pick the exit code. It also owns the process's edges: SIGTERM and SIGHUP stop a build the
way Ctrl-C does (an exception, so every clean-up runs), and standard streams that are
closed, full or cannot encode the text never change the exit code. Heavy imports happen
inside the command, so ``--help`` is instant.
"""

from __future__ import annotations

import io
import os
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kerava_etl import __version__
from kerava_etl.config import (
    DEFAULT_LICENSE,
    DEFAULT_OUT_DIR,
    DEFAULT_RAW_DIR,
    DEFAULT_SCHEMA_PATH,
    LICENSES,
)
from kerava_etl.errors import SIGNAL_EXIT_BASE, ExitCode, KeravaError, Terminated
from kerava_etl.publish.outputs import optional_outputs
from kerava_etl.stages.readers import INPUT_EXTENSIONS
from kerava_etl.stopping import StoppingSignals

if TYPE_CHECKING:
    from kerava_etl.pipeline import BuildResult
    from kerava_etl.stages import Progress

# The optional outputs (`--with`): slow to write for a large corpus, so opt-in.
OPTIONAL_OUTPUTS = optional_outputs()


EXIT_CODES_HELP = (
    "Exit codes: 0 built (warnings allowed; also when the summary could not be printed, "
    "or a signal came after out/ was written); 1 the input was read but holds errors "
    "(with --strict, warnings too), nothing written; 2 the input could not be read, "
    "holds no programme table, --out cannot be used, the output could not be written, the "
    "build ran out of memory, or the command line is wrong; 3 an internal error (a bug: "
    "please report it); 128+N "
    "stopped by signal N before out/ was written (130 Ctrl-C/SIGINT, 143 SIGTERM, 129 "
    "SIGHUP), out/ left as it was. out/ is always the complete previous or new build."
)

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Kerava strategy action programmes -> a clean, validated open dataset.",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kerava-etl {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Kerava strategy action programmes -> a clean, validated open dataset."""


Paths = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Input files or directories: the text format, Word (.docx) or PDF, told by "
        "their contents (a directory means every *.txt, *.docx and *.pdf in it, sorted by "
        "name). Default: raw/.",
        show_default=False,
        readable=False,  # the read stage reports an unreadable path in its own form
    ),
]
OutDir = Annotated[
    Path,
    typer.Option("--out", "-o", help="Output directory, replaced atomically.", readable=False),
]
Strict = Annotated[bool, typer.Option("--strict", help="Treat warnings as errors (exit 1).")]
LicenseId = Annotated[
    str,
    typer.Option("--license", help="Licence named in datapackage.json: " + ", ".join(LICENSES)),
]
Extras = Annotated[
    str,
    typer.Option(
        "--with",
        help="Also write these optional outputs, comma-separated: "
        + ", ".join(f"{name} ({', '.join(files)})" for name, files in OPTIONAL_OUTPUTS.items())
        + "; 'all' for every one.",
    ),
]
Debug = Annotated[
    bool, typer.Option("--debug", help="Show a Python traceback for unexpected errors.")
]
VocabDir = Annotated[
    Path | None,
    typer.Option(
        "--vocab",
        help="Read every vocabulary (columns, boards, spearheads, strategic goals, parties) "
        "from this directory, the data team's own copy (`kerava-etl vocab init DIR` makes "
        "one). Default: the bundled set.",
        show_default=False,
        file_okay=False,
    ),
]


@app.command(epilog=EXIT_CODES_HELP)
def build(
    ctx: typer.Context,
    paths: Paths = None,
    out: OutDir = DEFAULT_OUT_DIR,
    strict: Strict = False,
    license_id: LicenseId = DEFAULT_LICENSE,
    extras: Extras = "",
    debug: Debug = False,
    vocab: VocabDir = None,
) -> None:
    """Build the dataset (Parquet, CSV, JSON and a quality report) from the documents."""
    if license_id not in LICENSES:
        raise typer.BadParameter(
            f"unknown licence {license_id!r}; choose one of {', '.join(LICENSES)}",
            param_hint="--license",
        )
    wanted = _extras(extras)
    _degrade_to_ascii_where_needed()
    passed: list[str] = []  # the steps of replacing out/ the build got through
    # The console script's own (see main), or, run in-process (a test), one of this call's.
    given = isinstance(ctx.obj, StoppingSignals)
    stopping = ctx.obj if given else StoppingSignals()
    stopping.install()
    inputs = paths or [DEFAULT_RAW_DIR]
    try:
        code = _run(
            inputs, out, _Options(strict, license_id, wanted, vocab), debug, passed, stopping
        )
    except (KeyboardInterrupt, Terminated) as stop:  # a second signal, during the report
        code = _stopped(stop, passed)
    stopping.settle()
    if not given:
        stopping.restore()
    raise typer.Exit(code)


@dataclass(frozen=True)
class _Options:
    """What a build is asked for beyond its inputs and its output directory."""

    strict: bool
    license_id: str
    wanted: set[str]
    vocab: Path | None


def _run(
    inputs: list[Path],
    out: Path,
    options: _Options,
    debug: bool,
    passed: list[str],
    stopping: StoppingSignals,
) -> int:
    """The build and its summary; the exit code, whatever happened (no traceback).

    Each way out settles ``stopping`` last: from then on a signal changes nothing (a signal
    before it raises here, and is answered like any other)."""
    try:
        result = _build(inputs, out, options, passed.append, stopping.check)
        _print_summary(result, strict=options.strict)
        code = int(result.exit_code)
    except KeravaError as error:
        _say(f"error: {error}")
        code = int(error.exit_code)
    except (KeyboardInterrupt, Terminated) as stop:
        code = _stopped(stop, passed)
        outcome = (
            "the output was written and stands"
            if code == ExitCode.OK
            else "nothing written, the previous output is as it was"
        )
        _say(f"stopped by {signal.Signals(_signum(stop)).name}: {outcome}")
    except MemoryError:
        _say(
            "error: out of memory: the inputs need more than this process may use; nothing written"
        )
        code = int(ExitCode.UNREADABLE)
    except Exception as error:  # a bug (InternalError or other), not bad input: no traceback
        if debug:
            raise
        _say(
            f"internal error: {type(error).__name__}: {error} (rerun with --debug for the "
            "traceback, and please report it)"
        )
        code = int(ExitCode.INTERNAL)
    stopping.settle()
    return code


def _signum(stop: BaseException) -> int:
    return stop.signum if isinstance(stop, Terminated) else int(signal.SIGINT)


def _stopped(stop: BaseException, passed: list[str]) -> int:
    """The exit code of a build a signal stopped: 0 once out/ holds the new build (it
    stands), else 128 + the signal's number."""
    return int(ExitCode.OK) if "swapped" in passed else SIGNAL_EXIT_BASE + _signum(stop)


def _build(
    inputs: list[Path],
    out: Path,
    options: _Options,
    passed: Callable[[str], None],
    check_signals: Callable[[], None],
) -> BuildResult:
    from kerava_etl.baseline import BASELINE_NAME, load_baseline
    from kerava_etl.faults import VARIABLE, fault_hook
    from kerava_etl.pipeline import build as run_build
    from kerava_etl.publish.sources import SOURCES_NAME, load_known_sources
    from kerava_etl.text.lexicon import VoikkoLexicon
    from kerava_etl.vocab import VOCABULARY_DIR, load_vocabularies

    vocabularies = load_vocabularies(options.vocab or VOCABULARY_DIR)
    # Provenance beside the vocabularies: the bundled file named by its name, a team's
    # by its path.
    sources = (options.vocab or VOCABULARY_DIR) / SOURCES_NAME
    shown = str(sources) if options.vocab else SOURCES_NAME
    known_sources = load_known_sources(sources, shown)
    baseline_path = (options.vocab or VOCABULARY_DIR) / BASELINE_NAME
    baseline = load_baseline(baseline_path, str(baseline_path) if options.vocab else None)

    fault = fault_hook(os.environ.get(VARIABLE))

    def checkpoint(step: str) -> None:
        passed(step)
        if step in _SAFE_TO_STOP:  # a signal Python lost (see StoppingSignals.check)
            check_signals()
        fault(step)

    with _progress_bar(inputs) as progress:
        return run_build(
            inputs,
            out,
            strict=options.strict,
            license_id=options.license_id,
            extras=options.wanted,
            progress=progress,
            lexicon=VoikkoLexicon(),
            vocabularies=vocabularies,
            known_sources=known_sources,
            sources_listed_in=shown,
            baseline=baseline,
            checkpoint=checkpoint,
        )


# Steps of replacing out/ where a stop leaves it untouched: before the swap begins.
_SAFE_TO_STOP = frozenset({"repaired", "staged"})


def _extras(value: str) -> set[str]:
    names = {name.strip() for name in value.split(",") if name.strip()}
    if "all" in names:
        return set(OPTIONAL_OUTPUTS)
    unknown = names - set(OPTIONAL_OUTPUTS)
    if unknown:
        raise typer.BadParameter(
            f"unknown output {', '.join(sorted(unknown))!r}; choose from "
            f"{', '.join(OPTIONAL_OUTPUTS)}, all",
            param_hint="--with",
        )
    return names


@app.command()
def schema(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Where to write the JSON Schema.")
    ] = DEFAULT_SCHEMA_PATH,
) -> None:
    """Write the JSON Schema (draft 2020-12) of an action record, generated from the model."""
    from kerava_etl.models import json_schema
    from kerava_etl.publish.formats import to_json

    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_json(json_schema()), encoding="utf-8")
    typer.echo(f"wrote {out}")


ConvertIn = Annotated[
    Path,
    typer.Argument(
        help="A programme's Word (.docx) or PDF file (or a text file), told by its contents.",
        show_default=False,
        readable=False,  # the read stage reports an unreadable path in its own form
    ),
]
ConvertOut = Annotated[
    Path | None,
    typer.Option(
        "--out", "-o", help="Where to write the text (default: standard output).", readable=False
    ),
]


vocab_app = typer.Typer(
    no_args_is_help=True,
    help="The vocabularies the build resolves names with: the data team's own copy.",
)
app.add_typer(vocab_app, name="vocab")
VocabTarget = Annotated[
    Path,
    typer.Argument(help="The directory to write them to (made if missing).", show_default=False),
]


@vocab_app.command(
    "init",
    epilog="Exit codes: 0 written; 2 a file is already there, or "
    "the directory cannot be written (nothing written).",
)
def vocab_init(directory: VocabTarget) -> None:
    """Copy the bundled vocabularies into DIRECTORY for editing; build with --vocab DIRECTORY."""
    from kerava_etl.vocab import init_vocabularies

    try:
        written = init_vocabularies(directory)
    except KeravaError as error:
        _say(f"error: {error}")
        raise typer.Exit(int(error.exit_code)) from None
    _say(f"wrote {len(written)} files to {directory}: " + ", ".join(p.name for p in written))
    _say(f"build with: kerava-etl build --vocab {directory}")


@vocab_app.command(
    "baseline",
    epilog="Exit codes: 0 written; 2 an input or the directory could not be read or written.",
)
def vocab_baseline(directory: VocabTarget, paths: Paths = None) -> None:
    """Accept every warning a build of PATHS gives, with the vocabularies of DIRECTORY:
    write DIRECTORY/baseline.csv, so that build --strict --vocab DIRECTORY fails only on
    new ones. Review the file: each row is a finding accepted as known."""
    from kerava_etl.baseline import BASELINE_NAME, baseline_text
    from kerava_etl.pipeline import transform
    from kerava_etl.stages.read import collect_paths, read_documents
    from kerava_etl.text.lexicon import VoikkoLexicon
    from kerava_etl.vocab import load_vocabularies

    try:
        vocabularies = load_vocabularies(directory)
        lexicon = VoikkoLexicon()
        files = collect_paths(paths or [DEFAULT_RAW_DIR])
        _, _, findings = transform(
            read_documents(files, lexicon), lexicon=lexicon, vocabularies=vocabularies
        )
        _write_whole(directory / BASELINE_NAME, baseline_text(findings))
    except KeravaError as error:
        _say(f"error: {error}")
        raise typer.Exit(int(error.exit_code)) from None
    _say(f"wrote {directory / BASELINE_NAME}: review its rows, each a warning accepted")


ReviewFile = Annotated[
    Path,
    typer.Argument(
        help="A reviewed vocabulary_review.csv (its decision column filled).",
        show_default=False,
        dir_okay=False,
    ),
]
VocabInto = Annotated[
    Path,
    typer.Option("--vocab", help="The vocabularies to write the decisions into.", file_okay=False),
]


@vocab_app.command(
    "accept",
    epilog="Exit codes: 0 written; 2 a decision cannot be done, or a file could not be read "
    "or written (then no vocabulary is changed).",
)
def vocab_accept(review: ReviewFile, vocab: VocabInto) -> None:
    """Write the decisions of a reviewed vocabulary_review.csv into the vocabularies of
    --vocab DIR: accept (a new name, a grouped spelling as its name's alias, a pair as one
    name), split (a grouped spelling as a name of its own), or the canonical name a
    spelling belongs to. The next build uses them and stops warning about them."""
    from kerava_etl.vocab import REGISTRY, load_vocabularies
    from kerava_etl.vocab.accept import accept

    try:
        texts = {spec.file: _read_text(vocab / spec.file) for spec in REGISTRY}
        changed = accept(_read_text(review), str(review), texts)
        with tempfile.TemporaryDirectory(prefix="kerava-vocab-") as trial:
            for name, text in {**texts, **changed}.items():
                (Path(trial) / name).write_text(text, encoding="utf-8", newline="")
            load_vocabularies(Path(trial))  # what is written reads back, or nothing is
        _write_all({vocab / name: text for name, text in changed.items()})
    except KeravaError as error:
        _say(f"error: {error}")
        raise typer.Exit(int(error.exit_code)) from None
    _say(f"wrote {', '.join(sorted(changed)) or 'nothing (no decisions)'} in {vocab}")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KeravaError(f"cannot be read as UTF-8 text: {exc}", file=str(path)) from None


def _write_all(texts: dict[Path, str]) -> None:
    """Write every file or none: each to a temporary file beside it, then all renamed."""
    temporaries = {path: path.with_name(f".{path.name}.kerava-tmp-{os.getpid()}") for path in texts}
    try:
        for path, text in texts.items():
            temporaries[path].write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)
        raise KeravaError(
            f"cannot write: {exc.strerror or exc}", file=str(next(iter(texts)))
        ) from None
    for path, temporary in temporaries.items():
        os.replace(temporary, path)


@app.command(epilog="Exit codes: 0 written; 2 the file could not be read or written.")
def convert(file: ConvertIn, out: ConvertOut = None) -> None:
    """Write a programme in the text format the build reads, as the build reads it: the
    lines source_line counts, and for a PDF its pages (<!-- sivu N --> lines). Read it, fix
    the source, or keep it: a build of the text gives the same records."""
    _degrade_to_ascii_where_needed()
    try:
        text = _converted(file)
        if out is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            _write_whole(out, text)
            _say(f"wrote {out}")
    except KeravaError as error:
        _say(f"error: {error}")
        raise typer.Exit(int(error.exit_code)) from None
    except OSError as error:  # stdout closed or full
        _flush_or_silence()
        if not isinstance(error, BrokenPipeError):
            _say(f"error: the text could not be written ({error.strerror or error})")
            raise typer.Exit(int(ExitCode.UNREADABLE)) from None


def _converted(file: Path) -> str:
    """The file's lines in the text format, as one text."""
    from kerava_etl.stages.read import collect_paths, read_documents
    from kerava_etl.text.lexicon import VoikkoLexicon

    (document,) = read_documents(collect_paths([file])[:1], VoikkoLexicon())
    return "".join(line + "\n" for line in document.lines)


def _write_whole(out: Path, text: str) -> None:
    """Write ``out`` whole or not at all: a temporary file beside it, renamed over it."""
    temporary = out.with_name(f".{out.name}.kerava-tmp-{os.getpid()}")
    try:
        temporary.write_text(text, encoding="utf-8", newline="")
        os.replace(temporary, out)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise KeravaError(f"cannot write the text: {exc.strerror or exc}", file=str(out)) from None


@contextmanager
def _progress_bar(inputs: list[Path]) -> Iterator[Progress | None]:
    """A rich progress bar for a multi-document build on a terminal; nothing otherwise."""
    try:
        many = len(inputs) > 1 or any(
            p.is_dir() and sum(1 for q in p.iterdir() if q.suffix.lower() in INPUT_EXTENSIONS) > 1
            for p in inputs
        )
    except OSError:  # a path the system refuses: the build reports it (exit 2)
        many = False
    if not (many and sys.stdout.isatty()):
        yield None
        return
    from rich.progress import Progress as Bar

    with Bar(transient=True) as bar:
        task = bar.add_task("reading", total=None)

        def update(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        yield update


def _print_summary(result: BuildResult, *, strict: bool) -> None:
    """Print the summary; a terminal or pipe that fails (closed, full) does not change the
    outcome: the exit code still says what was built."""
    from kerava_etl.publish.summary import print_summary

    try:
        print_summary(result, strict=strict)
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
    except (OSError, ValueError) as error:  # ValueError: a closed stream, an encoding
        _flush_or_silence()
        if not isinstance(error, BrokenPipeError):  # a reader that stopped reading wants no more
            _say(f"warning: the summary could not be printed ({error})")


def _say(message: str) -> None:
    """One line on stderr for the user, if stderr still takes it."""
    try:
        typer.echo(message, err=True)
        sys.stderr.flush()
    except (OSError, ValueError):
        _silence(sys.stderr)


def _flush_or_silence() -> None:
    """Flush stdout and stderr now; a stream that cannot take its output is pointed at
    /dev/null, so that Python's own flush at exit neither fails nor changes the exit code."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            _silence(stream)


def _silence(stream: object) -> None:
    try:
        descriptor = stream.fileno()  # type: ignore[attr-defined]
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, descriptor)
        os.close(null)
    except (OSError, ValueError, AttributeError):  # not a file (a test's buffer), or closed
        pass


def _degrade_to_ascii_where_needed() -> None:
    """Characters the terminal's encoding cannot show are written escaped (\\xe4), never
    a failure: PYTHONIOENCODING=ascii or a C locale must not cost a build its exit code."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (OSError, ValueError):
                _silence(stream)


def _standard_streams() -> None:
    """Give a closed stdin, stdout or stderr (``>&-``) /dev/null, so that no file the build
    opens takes its number and nothing printed fails."""
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            os.open(os.devnull, os.O_RDWR)  # the lowest free number: this one
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (for the process)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def main(stopping: StoppingSignals | None = None) -> None:
    """The CLI (``stopping``: the signal handling the entry point set up first thing)."""
    _standard_streams()
    stopping = stopping or StoppingSignals()
    try:
        app(obj=stopping)
    finally:
        stopping.ignore()
