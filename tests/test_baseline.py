"""The accepted findings (baseline.csv) and the build's verdict, alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from kerava_etl.baseline import baseline_text, failing, key_of, load_baseline, verdict
from kerava_etl.codes import finding
from kerava_etl.errors import KeravaError

SWAPPED = finding("risk_metric_swapped", "a.txt", 7, field="risks", value="Tehty / ei tehty")
UNKNOWN = finding(
    "party_unknown",
    "a.txt",
    9,
    field="responsible",
    value="Uusi yksikkö",
    params={"raw": "Uusi yksikkö", "rows": 1, "hint": "none"},
)
GROUPED = finding(
    "strategic_goal_grouped",
    "a.txt",
    3,
    field="strategic_goals",
    value="x",
    params={"raw": "x", "canonical": "y", "rows": 1},
)


def test_a_baseline_accepts_a_warning_wherever_its_line_moves(tmp_path: Path) -> None:
    path = tmp_path / "baseline.csv"
    path.write_text(baseline_text([SWAPPED, GROUPED]), "utf-8")
    accepted = load_baseline(path)
    assert accepted == {key_of(SWAPPED)}  # warnings only: info findings fail nothing
    moved = finding("risk_metric_swapped", "a.txt", 70, field="risks", value="Tehty / ei tehty")
    assert not failing([moved], accepted, strict=True)
    assert failing([moved, UNKNOWN], accepted, strict=True)
    assert not failing([moved, UNKNOWN], accepted, strict=False)


def test_the_verdict_counts_new_names_apart_from_new_problems() -> None:
    said = verdict(141, [SWAPPED, UNKNOWN, GROUPED], frozenset({key_of(SWAPPED)}))
    assert (said.records, said.accepted, said.new_names, said.new_problems) == (141, 1, 1, 0)
    assert said.defects == 1 and said.act  # the swap is a row's defect, repaired
    assert not verdict(1, [SWAPPED], frozenset({key_of(SWAPPED)})).act


def test_no_baseline_file_accepts_nothing_and_a_bad_row_is_its_file_and_line(
    tmp_path: Path,
) -> None:
    assert load_baseline(tmp_path / "baseline.csv") == frozenset()
    path = tmp_path / "baseline.csv"
    path.write_text("file,code,field,value,note\na.txt,board_missing,,,\na.txt,keksitty,,,\n")
    with pytest.raises(KeravaError, match="'keksitty' is no finding code") as raised:
        load_baseline(path)
    assert (raised.value.file, raised.value.line) == (str(path), 3)
