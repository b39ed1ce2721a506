"""The command line through typer's CliRunner: exit codes, messages, files."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from conftest import HEADER, RAW_DOCUMENT, board, row
from kerava_etl.cli import app
from kerava_etl.publish.outputs import not_byte_stable

runner = CliRunner()


def build(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["build", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build") / "out"
    code, output = build(str(RAW_DOCUMENT), "--out", str(out), "--with", "all")
    assert code == 0, output
    return out


def test_build_writes_141_rows_to_each_file(built: Path) -> None:
    assert pq.read_table(built / "actions.parquet").num_rows == 141
    assert len(json.loads((built / "actions.json").read_text("utf-8"))) == 141
    import csv

    with (built / "actions.csv").open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 141


def test_summary_names_spearheads_boards_findings_and_files(tmp_path: Path) -> None:
    code, output = build(str(RAW_DOCUMENT), "--out", str(tmp_path / "o"))
    assert code == 0
    assert "spearhead\tSydämessä keravalainen\t43" in output
    assert "board\t(no board)\t5" in output
    assert "warning cells_shifted\t1" in output
    assert f"wrote 141 records to {tmp_path / 'o'}/" in output


def test_help_documents_options_and_exit_codes() -> None:
    result = runner.invoke(app, ["build", "--help"])
    assert result.exit_code == 0
    for text in ("--out", "--strict", "--debug", "Exit codes", "*.txt"):
        assert text in result.output
    help_text = " ".join(result.output.split())
    for text in ("128+N stopped by signal N", "143 SIGTERM", "129 SIGHUP", "130 Ctrl-C"):
        assert text in help_text


def test_strict_fails_on_warnings_the_baseline_does_not_accept_and_writes_nothing(
    tmp_path: Path,
) -> None:
    # The committed document's known defects are accepted in the bundled baseline.
    code, output = build(str(RAW_DOCUMENT), "--out", str(tmp_path / "o"), "--strict")
    assert code == 0, output
    assert output.splitlines()[-1].startswith("verdict: 141 records; ")
    assert output.splitlines()[-1].endswith("nothing new needs a person")
    # Without a baseline every warning is new.
    mine = tmp_path / "sanastot"
    assert runner.invoke(app, ["vocab", "init", str(mine)]).exit_code == 0
    (mine / "baseline.csv").unlink()
    out = tmp_path / "o2"
    code, output = build(str(RAW_DOCUMENT), "--out", str(out), "--strict", "--vocab", str(mine))
    assert code == 1
    assert f"{RAW_DOCUMENT.name}:12: warning: board_missing" in output
    assert "a person must look at 0 new names and 9 new problems" in output
    assert not out.exists()
    # vocab baseline accepts them: the next strict build passes.
    written = runner.invoke(app, ["vocab", "baseline", str(mine), str(RAW_DOCUMENT)])
    assert written.exit_code == 0, written.output
    code, output = build(str(RAW_DOCUMENT), "--out", str(out), "--strict", "--vocab", str(mine))
    assert code == 0, output


def test_unreadable_input_exits_2_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Kärki\n".encode("latin-1"))
    code, output = build(str(bad), "--out", str(tmp_path / "o"))
    assert code == 2
    assert "latin1.txt:1: not UTF-8 text" in output
    assert "Traceback" not in output


def test_no_programme_table_exits_2(tmp_path: Path) -> None:
    for name, content in (("empty.txt", ""), ("prose.txt", "# Otsikko\n\nVain tekstiä.\n")):
        (tmp_path / name).write_text(content, encoding="utf-8")
        code, output = build(str(tmp_path / name), "--out", str(tmp_path / "o"))
        assert code == 2, output
        assert f"{name}: " in output


def test_input_with_errors_exits_1_and_leaves_previous_out_untouched(
    built: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, _ = build(str(RAW_DOCUMENT), "--out", str(out))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    bad = tmp_path / "bad.txt"
    bad.write_text(
        "\n".join(
            [
                board("Kaupunkikehitysjaosto"),
                HEADER,
                row("Tasapainoinen talous", "T", "S", "A", "V", "R", "M"),
                "Tasapainoinen talous\tT\tS",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    code, output = build(str(bad), "--out", str(out))
    assert code == 1
    assert "bad.txt:4: error: wrong_cell_count" in output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["build", "--no-such-option"]).exit_code == 2
    code, output = build(str(tmp_path / "missing.txt"))
    assert code == 2 and "missing.txt: no such file or directory" in output


def test_two_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    code, _ = build(str(RAW_DOCUMENT), "--out", str(tmp_path / "again"), "--with", "all")
    assert code == 0
    compared = 0
    for path in built.iterdir():
        if path.name not in not_byte_stable():
            assert (tmp_path / "again" / path.name).read_bytes() == path.read_bytes(), path.name
            compared += 1
    assert compared >= 20


def test_license_option_names_the_licence_and_refuses_unknown_ones(tmp_path: Path) -> None:
    code, _ = build(str(RAW_DOCUMENT), "--out", str(tmp_path / "o"), "--license", "CC0-1.0")
    assert code == 0
    package = json.loads((tmp_path / "o" / "datapackage.json").read_text("utf-8"))
    assert package["licenses"][0]["name"] == "CC0-1.0"
    result = runner.invoke(app, ["build", "--license", "MIT"])
    assert result.exit_code == 2 and "unknown licence" in result.output


def test_extras_are_opt_in(tmp_path: Path) -> None:
    code, _ = build(str(RAW_DOCUMENT), "--out", str(tmp_path / "core"))
    assert code == 0
    assert not (tmp_path / "core" / "kerava.duckdb").exists()
    assert not (tmp_path / "core" / "actions.xlsx").exists()
    code, _ = build(str(RAW_DOCUMENT), "--out", str(tmp_path / "x"), "--with", "xlsx")
    assert code == 0 and (tmp_path / "x" / "actions.xlsx").exists()
    result = runner.invoke(app, ["build", "--with", "pdf"])
    assert result.exit_code == 2 and "unknown output" in result.output


def test_the_help_names_the_optional_outputs_of_the_registry() -> None:
    """--with is served by the output registry: its help names each optional output and
    its file, as the README documents them."""
    result = runner.invoke(app, ["build", "--help"], terminal_width=200)
    text = " ".join(result.output.replace("│", " ").split())  # the box rich draws
    assert "duckdb (kerava.duckdb)" in text and "xlsx (actions.xlsx)" in text


def test_an_extra_whose_library_is_missing_is_refused_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "duckdb" else real(name, *a)
    )
    code, output = build(str(RAW_DOCUMENT), "--out", str(tmp_path / "o"), "--with", "duckdb")
    assert code == 2
    assert "--with duckdb needs the duckdb package" in output and "kerava-etl[all]" in output
    assert not (tmp_path / "o").exists()


def test_warnings_are_shown_five_per_code_then_counted_and_info_is_not(tmp_path: Path) -> None:
    source = tmp_path / "doc.txt"
    rows = [row("Tasapainoinen talous", f"T{n}", "S", "A", "V", "R", "M") for n in range(7)]
    # A table with no board line (seven board_missing warnings, lines 2-8), then one whose
    # board is written with a typo (board_alias, an info finding).
    aliased = [board("Kaupunkitekniiikan lautakunta"), HEADER, rows[0]]
    source.write_text("\n".join([HEADER, *rows, *aliased]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(source), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    shown = [f"doc.txt:{n}: warning: board_missing: " for n in range(2, 7)]
    assert [line[: len(shown[0])] for line in lines[:5]] == shown
    assert lines[5] == "… and 2 more board_missing in quality_report.json"
    assert "doc.txt:7:" not in result.stderr and "board_alias" not in result.stderr
    assert "finding\tinfo board_alias\t1" in result.stdout


def test_every_error_is_shown_and_warnings_still_five_per_code(tmp_path: Path) -> None:
    source = tmp_path / "doc.txt"
    good = [row("Tasapainoinen talous", f"T{n}", "S", "A", "V", "R", "M") for n in range(7)]
    bad = ["Tasapainoinen talous\tT\tS"] * 7  # lines 9-15: wrong_cell_count errors
    source.write_text("\n".join([HEADER, *good, *bad]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(source), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert [line.split(":")[1] for line in errors] == [str(n) for n in range(9, 16)]
    # Nothing was written, so no report to point to.
    assert "… and 2 more board_missing\n" in result.stderr
    assert result.stderr.count(": warning: board_missing:") == 5


@pytest.mark.parametrize(
    ("umask", "directory", "file"), [(0o022, 0o755, 0o644), (0o077, 0o700, 0o600)]
)
def test_out_follows_the_users_umask(tmp_path: Path, umask: int, directory: int, file: int) -> None:
    import os
    import stat
    import subprocess
    import sys

    out = tmp_path / "out"
    subprocess.run(
        [sys.executable, "-m", "kerava_etl", "build", str(RAW_DOCUMENT), "--out", str(out)],
        check=True,
        capture_output=True,
        preexec_fn=lambda: os.umask(umask),
    )
    assert stat.S_IMODE(out.stat().st_mode) == directory
    assert stat.S_IMODE((out / "actions.csv").stat().st_mode) == file


def test_a_bug_in_a_writer_is_an_internal_error_not_a_write_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kerava_etl.publish import formats

    def broken(*args: object) -> None:
        raise TypeError("a bug")

    monkeypatch.setattr(formats, "_stable_zip", broken)
    code, output = build(str(RAW_DOCUMENT), "--out", str(tmp_path / "o"), "--with", "xlsx")
    assert code == 3 and "internal error: TypeError: a bug" in output


def test_an_input_path_the_system_refuses_is_exit_2(tmp_path: Path) -> None:
    code, output = build(str(tmp_path / ("a" * 300)), "--out", str(tmp_path / "o"))
    assert code == 2, output


def test_the_summary_points_a_reader_to_the_page(tmp_path: Path) -> None:
    code, output = build(str(RAW_DOCUMENT), "--out", str(tmp_path / "o"))
    assert code == 0
    assert f"open {tmp_path / 'o' / 'index.html'} in a web browser" in output


def test_running_out_of_memory_is_a_clear_error_not_a_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kerava_etl.cli as cli

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(cli, "_build", exhausted)
    result = runner.invoke(app, ["build", str(RAW_DOCUMENT), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "error: out of memory" in result.output
    assert not (tmp_path / "out").exists()


def test_an_input_directory_that_cannot_be_listed_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not a click usage box, nor "no *.txt files": the read stage's file: message."""
    import os

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("x\n", encoding="utf-8")

    def refused(path: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "scandir", refused)
    result = runner.invoke(app, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"{tmp_path / 'in'}: cannot use this path: Permission denied" in result.output


ROW = row("Tasapainoinen talous", "Tavoite", "Sektori", "Teemme", "Rehtorit", "Aika", "Määrä")


def test_vocab_init_copies_the_bundled_set_once_and_build_reads_it(tmp_path: Path) -> None:
    from kerava_etl.vocab import vocabulary_files

    mine = tmp_path / "sanastot"
    result = runner.invoke(app, ["vocab", "init", str(mine)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in mine.iterdir()) == sorted(p.name for p in vocabulary_files())
    again = runner.invoke(app, ["vocab", "init", str(mine)])
    assert again.exit_code == 2 and "already there: nothing written" in again.output
    # The data team's copy is what the build reads: a board renamed there is the data.
    boards = mine / "boards.csv"
    text = boards.read_text("utf-8").replace(
        "Kaupunkitekniikan lautakunta,", "Tekniikkalautakunta,"
    )
    boards.write_text(text + "Tekniikkalautakunta,Kaupunkitekniikan lautakunta,\n", "utf-8")
    source = tmp_path / "ohjelma.txt"
    source.write_text("\n".join([board("Kaupunkitekniikan lautakunta"), HEADER, ROW]), "utf-8")
    code, output = build(str(source), "--out", str(tmp_path / "out"), "--vocab", str(mine))
    assert code == 0, output
    table = pq.read_table(tmp_path / "out" / "actions.parquet")
    assert table.column("board").to_pylist() == ["Tekniikkalautakunta"]


def test_a_vocab_directory_missing_or_malformed_is_exit_2_naming_file_and_line(
    tmp_path: Path,
) -> None:
    source = tmp_path / "ohjelma.txt"
    source.write_text("\n".join([board("Kaupunkitekniikan lautakunta"), HEADER, ROW]), "utf-8")
    out = tmp_path / "out"
    code, output = build(str(source), "--out", str(out), "--vocab", str(tmp_path / "ei"))
    assert code == 2 and "no such directory" in output and "vocab init" in output
    mine = tmp_path / "sanastot"
    runner.invoke(app, ["vocab", "init", str(mine)])
    (mine / "parties.csv").write_text("party_id,canonical,kind,alias,note\n,Nimetön,unit,,\n")
    code, output = build(str(source), "--out", str(out), "--vocab", str(mine))
    assert code == 2 and f"{mine / 'parties.csv'}:2:" in output, output
    assert not out.exists()
