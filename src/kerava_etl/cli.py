"""The command line: ``kerava-etl build [PATH ...] --out DIR``.

Thin on purpose: parse options, call :func:`kerava_etl.pipeline.build`, print a summary,
pick the exit code. Heavy imports happen inside the command, so ``--help`` is instant.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kerava_etl import __version__
from kerava_etl.config import (
    DEFAULT_LICENSE,
    DEFAULT_OUT_DIR,
    DEFAULT_RAW_DIR,
    DEFAULT_SCHEMA_PATH,
    INPUT_GLOB,
    LICENSES,
)
from kerava_etl.errors import ExitCode, KeravaError

if TYPE_CHECKING:
    from kerava_etl.pipeline import BuildResult
    from kerava_etl.stages import Progress

# The optional outputs (`--with`): slow to write for a large corpus, so opt-in. Named here,
# not imported from the registry, so `--help` stays instant; a test keeps them in step.
OPTIONAL_OUTPUTS = {"duckdb": "kerava.duckdb", "xlsx": "actions.xlsx"}

EXIT_CODES_HELP = (
    "Exit codes: 0 built (warnings allowed); 1 the input was read but holds errors "
    "(with --strict, warnings too), out/ left untouched; 2 the input could not be read, "
    "holds no programme table, the output could not be written, or the command line is "
    "wrong; 3 an internal error (a bug: please report it)."
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
        help="Input files or directories (a directory means every *.txt in it, sorted by "
        "name). Default: raw/.",
        show_default=False,
    ),
]
OutDir = Annotated[Path, typer.Option("--out", "-o", help="Output directory, replaced atomically.")]
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
        + ", ".join(f"{name} ({file})" for name, file in OPTIONAL_OUTPUTS.items())
        + "; 'all' for every one.",
    ),
]
Debug = Annotated[
    bool, typer.Option("--debug", help="Show a Python traceback for unexpected errors.")
]


@app.command(epilog=EXIT_CODES_HELP)
def build(
    paths: Paths = None,
    out: OutDir = DEFAULT_OUT_DIR,
    strict: Strict = False,
    license_id: LicenseId = DEFAULT_LICENSE,
    extras: Extras = "",
    debug: Debug = False,
) -> None:
    """Build the dataset (Parquet, CSV, JSON and a quality report) from the documents."""
    if license_id not in LICENSES:
        raise typer.BadParameter(
            f"unknown licence {license_id!r}; choose one of {', '.join(LICENSES)}",
            param_hint="--license",
        )
    wanted = _extras(extras)
    inputs = paths or [DEFAULT_RAW_DIR]

    from kerava_etl.pipeline import build as run_build
    from kerava_etl.text.lexicon import VoikkoLexicon
    from kerava_etl.vocab import load_vocabularies

    try:
        with _progress_bar(inputs) as progress:
            result = run_build(
                inputs,
                out,
                strict=strict,
                license_id=license_id,
                extras=wanted,
                progress=progress,
                lexicon=VoikkoLexicon(),
                vocabularies=load_vocabularies(),
            )
    except KeravaError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(int(error.exit_code)) from None
    except Exception as error:  # a bug (InternalError or other), not bad input: no traceback
        if debug:
            raise
        typer.echo(
            f"internal error: {type(error).__name__}: {error} (rerun with --debug for the "
            "traceback, and please report it)",
            err=True,
        )
        raise typer.Exit(int(ExitCode.INTERNAL)) from None
    _print_summary(result, strict=strict)
    raise typer.Exit(int(result.exit_code))


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


@contextmanager
def _progress_bar(inputs: list[Path]) -> Iterator[Progress | None]:
    """A rich progress bar for a multi-document build on a terminal; nothing otherwise."""
    many = len(inputs) > 1 or any(p.is_dir() and len(list(p.glob(INPUT_GLOB))) > 1 for p in inputs)
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
    from kerava_etl.publish.summary import print_summary

    print_summary(result, strict=strict)


def main() -> None:
    """Console-script entry point."""
    app()
