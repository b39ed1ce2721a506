"""The Finnish lexicon behind hyphenation: loaded in the build's own process, passed in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import RAW_DOCUMENT, ROOT
from kerava_etl.text.lexicon import VoikkoLexicon


def test_voikko_knows_finnish_words_and_not_word_halves() -> None:
    lexicon = VoikkoLexicon()
    assert lexicon("suunnitelmaa") is True
    assert lexicon("Kerava") is True
    assert lexicon("nitelmaa") is False
    assert lexicon("vaaratapah") is False


@pytest.mark.parametrize("home", ["missing", "read-only", "empty"])
def test_a_build_writes_nothing_outside_out(tmp_path: Path, home: str) -> None:
    """Whatever $HOME is, a build (with every output) leaves no file anywhere but in --out:
    not in $HOME, and not in $TMPDIR (openpyxl's temporary sheets stay in the staging
    directory)."""
    home_dir = tmp_path / "home"
    if home != "missing":
        home_dir.mkdir()
    if home == "read-only":
        home_dir.chmod(0o555)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "KERAVA_ETL"))}
    env["HOME"] = str(home_dir)
    env["TMPDIR"] = str(tmp_path / "tmp")
    (tmp_path / "tmp").mkdir()
    work = tmp_path / "work"
    work.mkdir()
    before = _tree(tmp_path)
    done = subprocess.run(
        [*(sys.executable, "-m", "kerava_etl", "build"), str(RAW_DOCUMENT), *OUT_WITH_ALL],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    new = _tree(tmp_path) - before
    out = {path for path in new if path == "work/out" or path.startswith("work/out/")}
    assert new - out == set()  # nothing in $TMPDIR, in $HOME, or beside out/
    assert "work/out/actions.xlsx" in out and (work / "out" / ".kerava-etl").is_file()
    assert not list(ROOT.glob(".out.*"))


OUT_WITH_ALL = ("--out", "out", "--with", "all")


def _tree(root: Path) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*")}
