"""The README's notebook examples run against a real build and answer their questions."""

from __future__ import annotations

import re
from typing import Any

import pytest

from conftest import RAW_DOCUMENT, ROOT
from kerava_etl.pipeline import build


@pytest.fixture(scope="module")
def namespace(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("readme") / "out"
    assert build([RAW_DOCUMENT], out, extras={"duckdb"}).exit_code == 0
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("## Open the data in a notebook") : readme.index("## Licences")]
    blocks = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    assert len(blocks) == 2
    names: dict[str, Any] = {}
    for block in blocks:
        exec(block.replace('"out/', f'"{out}/'), names)
    return names


def test_actions_per_board_and_spearhead_keep_the_actions_without_a_board(
    namespace: dict[str, Any],
) -> None:
    counts = namespace["by_board_spearhead"]
    assert counts.sum() == 141
    no_board = counts[counts.index.get_level_values("board").isna()]
    assert no_board.to_dict() == {(float("nan"), "Tasapainoinen talous"): 5} or (
        list(no_board.values) == [5]
    )


def test_the_top_goal_gathers_all_its_spellings(namespace: dict[str, Any]) -> None:
    top = namespace["top_goals"].iloc[0]
    assert (top["goal_id"], top["actions"]) == ("SK-01", 19)
    assert namespace["goal_ranking"].iloc[0]["goal_id"] == "SK-01"


def test_parties_are_counted_as_lead_and_partner(namespace: dict[str, Any]) -> None:
    per_party = namespace["per_party"]
    # Principals: named in 28 actions, never alone in a Vastuu cell.
    assert per_party.loc["Rehtorit", "lead"] == 28
    assert per_party.loc["Kaupunkitekniikka", "partner"] > 0
    ranking = namespace["party_ranking"].set_index("party")
    assert ranking.loc["Rehtorit", "lead"] == 28


def test_total_flags_and_metrics(namespace: dict[str, Any]) -> None:
    assert namespace["total"] == (141,)
    assert len(namespace["flagged"]) == 11  # 9 rows with source defects, 2 only rejoined
    assert list(namespace["no_metric"]["source_line"]) == [263]  # Riski and Mittari empty
