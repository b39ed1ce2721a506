"""Strategic goals and responsible parties: the vocabularies, the split of Vastuu into
parties with roles, and the quiet flags.

``golden/*.parties.jsonl`` is a hand-made split of every Vastuu cell of the document into
parties with roles (read cell by cell, by a reader who did not use the splitter).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from conftest import HEADER, LEXICON, ROOT, VOCABULARIES, board, document, row, transformed
from kerava_etl.models import Action
from kerava_etl.stages.parties import split_parties

PARTIES_READING = ROOT / "tests" / "golden" / "kerava_toimenpideohjelmat_2018-2021.parties.jsonl"
READING: list[dict[str, Any]] = [
    json.loads(line) for line in PARTIES_READING.read_text("utf-8").splitlines()
]
BOARD = board("Kaupunkikehitysjaosto")


def test_every_goal_item_of_the_document_is_a_known_goal(real_actions: list[Action]) -> None:
    goals = VOCABULARIES["strategic_goals"]
    known = {attributes["goal_id"] for attributes in goals.attributes.values()}
    for action in real_actions:
        assert len(action.strategic_goal_ids) == len(action.strategic_goals)
        assert set(action.strategic_goal_ids) <= known, action.source_line


def test_spellings_of_one_goal_are_one_goal(real_actions: list[Action]) -> None:
    """The variants the document writes: a typo, PDF hyphenation, 'Kerava' and 'we'."""
    ids = {
        item: goal
        for action in real_actions
        for item, goal in zip(action.strategic_goals, action.strategic_goal_ids, strict=True)
    }

    def goal_of(start: str) -> set[str]:
        return {goal for item, goal in ids.items() if item.startswith(start)}

    (hyphenated,) = goal_of("Olemme pääkaupunki-seudun poh")  # PDF hyphenation
    goals = VOCABULARIES["strategic_goals"]
    (canonical,) = [
        n for n in goals.canonical_names if goals.attributes[n]["goal_id"] == hyphenated
    ]
    assert canonical.startswith("Olemme pääkaupunkiseudun pohjoinen kärki")
    assert goal_of("Kerava on ennakkoluuloton") == goal_of("Olemme ennakkoluulottomia")
    assert len(goal_of("Tunneimme") | goal_of("Tunnumme")) == 1
    largest, count = Counter(
        g for a in real_actions for g in set(a.strategic_goal_ids)
    ).most_common(1)[0]
    assert (largest, count) == ("SK-01", 19)  # Hyvinvointi ja terveys: 16 + 2 + 1 spellings


@pytest.mark.parametrize("expected", READING, ids=lambda r: f"line{r['source_line']}")
def test_vastuu_splits_into_the_parties_of_the_reading(
    expected: dict[str, Any], real_actions: list[Action]
) -> None:
    (action,) = [a for a in real_actions if a.source_line == expected["source_line"]]
    assert action.responsible == expected["responsible"]
    got = list(zip(action.parties, action.party_roles, strict=True))
    assert got == [(p["party"], p["role"]) for p in expected["parties"]]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        pytest.param(
            "Kirjasto- ja kulttuuripalvelut ja Museopalvelut",
            [("Kirjasto- ja kulttuuripalvelut", "lead"), ("Museopalvelut", "lead")],
            id="ellipsis-then-two-names",
        ),
        pytest.param(
            "Kaupunkikehityspalvelut yhteistyössä liikennesuunnittelun ja rakennusvalvonnan kanssa",
            [
                ("Kaupunkikehityspalvelut", "lead"),
                ("liikennesuunnittelun", "partner"),
                ("rakennusvalvonnan", "partner"),
            ],
            id="two-partners",
        ),
        pytest.param(
            "Nuorisopalvelut viestinnän kanssa",
            [("Nuorisopalvelut", "lead"), ("viestinnän", "partner")],
            id="kanssa-without-yhteistyossa",
        ),
        pytest.param(
            "Rehtorit (tarvittaessa), opettajat",
            [("Rehtorit", "lead"), ("opettajat", "lead")],
            id="remark-in-parentheses",
        ),
        pytest.param(
            "Talous- ja hallintopalvelut vastaa seurannan järjestämisestä ja raportoinnista.",
            [("Talous- ja hallintopalvelut", "lead")],
            id="a-sentence-names-its-subject",
        ),
        pytest.param(
            "THEP, ASTP,PTP HTP", [(p, "lead") for p in ("THEP", "ASTP", "PTP", "HTP")], id="abbr"
        ),
        pytest.param(
            "Kasvun ja oppimisen tuen johtaja",
            [("Kasvun ja oppimisen tuen johtaja", "lead")],
            id="genitive-before-ja-belongs-to-the-name",
        ),
        pytest.param(
            "Perusopetusjohtaja / rehtorit",
            [("Perusopetusjohtaja", "lead"), ("rehtorit", "lead")],
            id="spaced-slash",
        ),
        pytest.param(
            "Talous- ja strategiapalvelut vastaa koordinoinnista, toimialat toteuttavat",
            [("Talous- ja strategiapalvelut", "lead"), ("toimialat", "lead")],
            id="a-two-word-sentence-names-its-subject",
        ),
    ],
)
def test_split_rules(item: str, expected: list[tuple[str, str]]) -> None:
    mentions = split_parties(item, VOCABULARIES["parties"], LEXICON)
    assert [(m.raw, m.role) for m in mentions] == expected


def test_an_inflected_party_resolves_by_its_base_form_and_counts_once() -> None:
    (only,) = [
        Action.model_validate(r)
        for r in transformed(
            document(
                BOARD,
                HEADER,
                row(
                    "Tasapainoinen talous",
                    *"TSA",
                    "Viestintä, Nuorisopalvelut yhteistyössä viestinnän kanssa",
                    *"RM",
                ),
            )
        )[1]
    ]
    assert only.parties == ["Viestintä", "Nuorisopalvelut"]
    assert only.party_roles == ["lead", "lead"]


def test_unknown_goals_and_parties_are_kept_with_ids_and_reported_once() -> None:
    lines = [
        row("Tasapainoinen talous", "Uusi tavoite.", "S", "A", "Keksitty yksikkö", *"RM"),
        row("Tasapainoinen talous", "Uusi tavoite", "S", "B", "Keksitty yksikkö", *"RM"),
    ]
    _, records, findings = transformed(document(BOARD, HEADER, *lines))
    assert records[0]["strategic_goal_ids"] == records[1]["strategic_goal_ids"]
    assert records[0]["strategic_goal_ids"][0].startswith("G-")
    assert records[0]["parties"] == ["Keksitty yksikkö"]
    codes = [(f.code, f.source_line) for f in findings if f.code.endswith("_unknown")]
    assert codes.count(("party_unknown", 3)) == 1 and ("party_unknown", 4) not in codes
    assert ("strategic_goal_unknown", 3) in codes


def test_alias_spellings_are_no_record_flags_but_one_finding_each(
    real_actions: list[Action],
) -> None:
    from conftest import RAW_DOCUMENT
    from kerava_etl.stages.read import decode_document

    assert not any(
        code.endswith("_alias") for action in real_actions for code in action.quality_flags
    )
    _, _, findings = transformed(decode_document(RAW_DOCUMENT.name, RAW_DOCUMENT.read_bytes()))
    aliases = [f for f in findings if f.code.endswith("_alias")]
    assert len(aliases) == len({f.value for f in aliases}) == 6
    kaupunkitekniikka = [f for f in aliases if f.value == "Kaupunkitekniiikan lautakunta"]
    assert "(18 rows)" in kaupunkitekniikka[0].message
    rejoined = {
        (f.source_line, f.field, f.value) for f in findings if f.code == "hyphenation_rejoined"
    }
    assert (172, "action", "vaaratapah- tumuja -> vaaratapahtumuja") in rejoined
    assert (77, "metrics", "kaava- hankkeissa -> kaavahankkeissa") in rejoined
    flagged = [
        a.source_line for a in real_actions if set(a.quality_flags) - {"hyphenation_rejoined"}
    ]
    assert len(flagged) == 9  # board_missing 5, risk_metric_swapped 2, cells_shifted, mixed_script


def test_a_party_in_a_plural_genitive_resolves_to_its_name() -> None:
    """The dictionary's base form of 'elinkeinopalveluiden' is singular, as is that of the
    vocabulary's 'Elinkeinopalvelut': the two meet there, one party under one id."""
    _infos, records, findings = transformed(
        document(
            board("Kaupunkikehitysjaosto"),
            HEADER,
            row(
                "Tasapainoinen talous",
                *"TSA",
                "Kaupunkikehitys yhteistyössä elinkeinopalveluiden ja toimialojen kanssa",
                *"RM",
            ),
        )
    )
    (record,) = records
    assert record["parties"] == ["Kaupunkikehityspalvelut", "Elinkeinopalvelut", "Toimialat"]
    assert record["party_roles"] == ["lead", "partner", "partner"]
    assert not [f for f in findings if f.code == "party_unknown"]


def test_spellings_that_differ_in_quotes_dashes_or_case_are_one_name() -> None:
    """A new strategy's goals and spearheads are unknown to the vocabularies: each still
    gets one id, and one name, however a row writes its quotes, dashes or capitals."""
    rows = [
        row("Uudistuva Kerava", '"Ranta-alueet ovat kaikkien."', *"SAVRM"),
        row("UUDISTUVA KERAVA", "Ranta–alueet ovat kaikkien", *"SAVRM"),
    ]
    _infos, records, _ = transformed(document(board("Kaupunkikehitysjaosto"), HEADER, *rows))
    assert {r["spearhead"] for r in records} == {"Uudistuva Kerava"}
    assert [r["spearhead_raw"] for r in records] == ["Uudistuva Kerava", "UUDISTUVA KERAVA"]
    assert len({r["strategic_goal_ids"][0] for r in records}) == 1


def test_an_unknown_party_written_in_two_cases_is_one_party() -> None:
    _, records, _ = transformed(
        document(
            BOARD,
            HEADER,
            row("Tasapainoinen talous", *"TSA", "Vesihuoltoyksikkö", *"RM"),
            row("Tasapainoinen talous", *"TSB", "vesihuoltoyksikkö", *"RM"),
        )
    )
    assert [r["parties"] for r in records] == [["Vesihuoltoyksikkö"]] * 2
    assert [r["parties_raw"] for r in records] == [["Vesihuoltoyksikkö"], ["vesihuoltoyksikkö"]]
