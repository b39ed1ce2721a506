"""The output directory's policy: which ``--out`` may be used, and how a build replaces it.

The build replaces ``--out`` whole, so it must be new, empty, or an earlier output (it
holds the ``.kerava-etl`` marker, or only files a build writes), and must not hold an
input. Files are written into a staging directory beside it and swapped in only when
every one is complete, so a failed build leaves the previous output as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from kerava_etl.errors import KeravaError

MARKER = ".kerava-etl"
MARKER_TEXT = "Written by `kerava-etl build`: this directory is replaced whole on every build.\n"


def check_out_dir(out_dir: Path, inputs: Sequence[Path], ours: Collection[str]) -> None:
    """Refuse an output directory whose replacement would destroy something not ours.

    ``ours`` names every file a build may write there.
    """
    try:
        _check_out_dir(out_dir, inputs, ours)
    except OSError as exc:
        raise KeravaError(f"cannot use --out: {exc.strerror}", file=str(out_dir)) from None


def _check_out_dir(out_dir: Path, inputs: Sequence[Path], ours: Collection[str]) -> None:
    where = str(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise KeravaError("--out names a file, not a directory; choose a directory", file=where)
    if not out_dir.is_dir():
        return
    resolved = out_dir.resolve()
    for path in inputs:
        if path.resolve().is_relative_to(resolved):
            raise KeravaError(
                f"--out holds the input {path}; the build would replace it: choose another "
                "directory",
                file=where,
            )
    entries = [entry.name for entry in out_dir.iterdir()]
    written_by_us = (out_dir / MARKER).is_file() or all(name in ours for name in entries)
    if entries and not written_by_us:
        raise KeravaError(
            "--out is a directory that kerava-etl did not write (no .kerava-etl file in it) "
            "and the build replaces it whole; choose a new or empty directory",
            file=where,
        )


def replace_out_dir(out_dir: Path, fill: Callable[[Path], None]) -> None:
    """Build the new output with ``fill(staging)`` and swap it in for ``out_dir``.

    ``fill`` writes every file into the staging directory (the marker is added here); any
    ``OSError`` leaves ``out_dir`` untouched and is reported as a :class:`KeravaError`.
    """
    out_dir = out_dir.resolve()
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    except OSError as exc:
        raise KeravaError(f"cannot write the output: {exc}", file=str(out_dir)) from None
    try:
        fill(staging)
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8", newline="")
        _swap_in(staging, out_dir)
    except OSError as exc:
        raise KeravaError(
            f"cannot write the output ({exc}); the previous output is untouched",
            file=str(out_dir),
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Replace ``out_dir`` by ``staging`` with two renames; the old one is removed last."""
    staging.chmod(0o755)
    if not out_dir.exists():
        os.replace(staging, out_dir)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    os.replace(out_dir, retired / out_dir.name)
    try:
        os.replace(staging, out_dir)
    except BaseException:
        os.replace(retired / out_dir.name, out_dir)
        raise
    finally:
        shutil.rmtree(retired, ignore_errors=True)
