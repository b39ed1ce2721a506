"""Bad input gets a clear answer: `file:line: what is wrong`, a documented exit code,
never a traceback, nothing lost, and the previous output left as it was.

Text cases live in ``tests/invalid/`` with their expected exit code and message in
``expected.json``; binary and huge inputs are made here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import HEADER, RAW_DOCUMENT, board, row
from kerava_etl.cli import app
from kerava_etl.publish import formats

INVALID = Path(__file__).parent / "invalid"
EXPECTED = json.loads((INVALID / "expected.json").read_text("utf-8"))
runner = CliRunner()


@pytest.fixture
def previous_out(tmp_path: Path) -> Path:
    """An out/ from a good build, to show that a failed build leaves it alone."""
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(RAW_DOCUMENT), "--out", str(out)]).exit_code == 0
    return out


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def build(path: Path, out: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["build", str(path), "--out", str(out)])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_every_invalid_file_has_an_expectation() -> None:
    assert sorted(EXPECTED) == sorted(p.name for p in INVALID.glob("*.txt"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input(name: str, previous_out: Path) -> None:
    before = snapshot(previous_out)
    code, output = build(INVALID / name, previous_out)
    assert code == EXPECTED[name]["exit_code"], output
    assert EXPECTED[name]["message"] in output
    if code != 0:
        assert snapshot(previous_out) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Strateginen\x00k\xe4rki", "binary.txt:1: binary data: NUL byte at byte offset 11"),
        ("Kärki\tä\n".encode("latin-1"), "binary.txt:1: not UTF-8 text: undecodable byte 0xe4"),
        (bytes(range(256)) * 4, "binary.txt:1: binary data: NUL byte at byte offset 0"),
    ],
)
def test_binary_or_undecodable_input_exits_2(
    data: bytes, message: str, previous_out: Path, tmp_path: Path
) -> None:
    before = snapshot(previous_out)
    (tmp_path / "binary.txt").write_bytes(data)
    code, output = build(tmp_path / "binary.txt", previous_out)
    assert code == 2 and message in output
    assert snapshot(previous_out) == before


def test_cell_of_several_megabytes_is_a_finding(previous_out: Path, tmp_path: Path) -> None:
    huge = "Pitkä teksti. " * 400_000
    (tmp_path / "huge.txt").write_text(
        "\n".join(
            [
                board("Kaupunkikehitysjaosto"),
                HEADER,
                row("Tasapainoinen talous", "T", "S", huge, "V", "R", "M"),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    code, output = build(tmp_path / "huge.txt", previous_out)
    assert code == 1
    assert "huge.txt:3: error: cell_too_large" in output


def without_page_assets(content: bytes) -> bytes:
    """A file without the web page's own stylesheet and script (the package's, not input)."""
    from kerava_etl.publish.page import ASSETS

    css, script = ((ASSETS / name).read_bytes() for name in ("page.css", "page.js"))
    own = (b"<style>" + css + b"</style>", b"<script>" + script + b"</script>")
    for block in own:
        content = content.replace(block, b"")
    return content


def test_script_style_and_handlers_never_reach_any_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _ = build(INVALID / "script_and_handlers.txt", out)
    assert code == 0
    for path in out.iterdir():
        content = without_page_assets(path.read_bytes())
        for bad in (
            b"alert",
            b"javascript:alert",
            b"steal",
            b"onclick",
            b"onerror",
            b"color:red",
            b"<script",
            b"<style",
            b"<iframe",
        ):
            assert bad not in content, (path.name, bad)
    (record,) = json.loads((out / "actions.json").read_text("utf-8"))
    # The attribute's javascript: URL is markup and goes; the same word in the text is data.
    assert (record["strategic_goals"], record["sector_goal"], record["action"]) == (
        ["Tavoite"],
        "Sektori",
        "Teemme javascript:void asian",
    )


def test_unbalanced_html_keeps_its_text(tmp_path: Path) -> None:
    code, _ = build(INVALID / "unbalanced_html.txt", tmp_path / "out")
    assert code == 0
    (record,) = json.loads((tmp_path / "out" / "actions.json").read_text("utf-8"))
    assert record["strategic_goals"] == ["Auki jäänyt lista"]
    assert record["sector_goal"] == "Lihavoitu"
    assert record["action"].replace("\n", " ") == "Teemme asian"
    assert (record["responsible"], record["risks"], record["metrics"]) == (
        ["Rehtorit"],
        ["Ajanpuute"],
        ["Määrä"],
    )


def test_failure_while_writing_leaves_previous_out_untouched(
    previous_out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(previous_out)

    def broken(path: Path, text: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(formats, "write_text", broken)
    result = runner.invoke(app, ["build", str(RAW_DOCUMENT), "--out", str(previous_out)])
    assert result.exit_code == 2
    assert (
        "cannot write the output (disk full); the previous output is untouched" in result.output
        and "Traceback" not in result.output
    )
    assert snapshot(previous_out) == before
    leftovers = [p.name for p in previous_out.parent.iterdir() if p.name.startswith(".out")]
    assert leftovers == []


def test_an_empty_file_beside_a_programme_is_a_warning(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a_programme.txt").write_bytes(RAW_DOCUMENT.read_bytes())
    (corpus / "b_empty.txt").write_text("\n\n", encoding="utf-8")
    code, _ = build(corpus, tmp_path / "out")
    assert code == 0
    report = json.loads((tmp_path / "out" / "quality_report.json").read_text("utf-8"))
    assert {
        "severity": "warning",
        "code": "no_programme_table",
        "source_file": "b_empty.txt",
        "source_line": None,
    } in [{k: f[k] for k in ("severity", "code", "source_file", "source_line")} for f in report]


def test_out_that_is_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("precious", encoding="utf-8")
    code, output = build(RAW_DOCUMENT, target)
    assert code == 2 and "--out names a file" in output
    assert target.read_text("utf-8") == "precious"


def test_out_holding_an_input_is_refused(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_bytes(RAW_DOCUMENT.read_bytes())
    for out in (tmp_path, tmp_path / "doc.txt"):
        code, output = build(tmp_path / "doc.txt", out)
        assert code == 2, output
    code, output = build(tmp_path, tmp_path)
    assert code == 2 and "--out holds the input" in output
    assert (tmp_path / "doc.txt").read_bytes() == RAW_DOCUMENT.read_bytes()


def test_out_that_is_someone_elses_directory_is_refused(tmp_path: Path) -> None:
    foreign = tmp_path / "thesis"
    foreign.mkdir()
    (foreign / "thesis.docx").write_text("years of work", encoding="utf-8")
    code, output = build(RAW_DOCUMENT, foreign)
    assert code == 2 and "did not write" in output
    assert [p.name for p in foreign.iterdir()] == ["thesis.docx"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build(RAW_DOCUMENT, empty)[0] == 0
    assert build(RAW_DOCUMENT, empty)[0] == 0  # an earlier output is replaced


@pytest.mark.parametrize(
    "names", [["README.md"], ["actions.csv"], ["README.md", "actions.csv", "boards.parquet"]]
)
def test_out_holding_user_files_named_like_outputs_is_refused(
    names: list[str], tmp_path: Path
) -> None:
    # Only the marker says a directory is an output: a user's own README.md is not one.
    notes = tmp_path / "notes"
    notes.mkdir()
    for name in names:
        (notes / name).write_text("my own notes", encoding="utf-8")
    # An input with errors: were the input read first, this would be exit 1, not 2.
    code, output = build(INVALID / "too_few_cells.txt", notes)
    assert code == 2 and "did not write" in output, output
    assert sorted(p.name for p in notes.iterdir()) == sorted(names)
    assert all(p.read_text("utf-8") == "my own notes" for p in notes.iterdir())


def test_every_output_holds_the_marker_and_a_marked_one_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".kerava-etl").write_text("", encoding="utf-8")  # as out/ in git: marker, README
    (out / "README.md").write_text("x", encoding="utf-8")
    assert build(RAW_DOCUMENT, out)[0] == 0
    assert (out / ".kerava-etl").is_file() and (out / "actions.csv").is_file()
    assert (out / "README.md").read_text("utf-8").startswith("# out/")


def test_out_path_the_system_refuses_is_exit_2(tmp_path: Path) -> None:
    code, output = build(RAW_DOCUMENT, tmp_path / ("o" * 300))
    assert code == 2 and "cannot use --out" in output
