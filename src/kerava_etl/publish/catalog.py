"""The tables of the strategy's goals and the responsible parties, and the tidy table of
which party each action names in which role.

Goals and parties carry ids from their vocabularies (``vocab/strategic_goals.csv``,
``vocab/parties.csv``); a goal or party met only in the input has an id of its own (see
:func:`kerava_etl.stages.resolve.unknown_id`) and ``in_vocabulary`` false.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from kerava_etl.models import ActionRecord
from kerava_etl.publish.schema import ACTIONS, ALIASES, IN_VOCABULARY, Column, ForeignKey, Table
from kerava_etl.stages.resolve import unknown_id
from kerava_etl.vocab import Vocabulary

_ACTION = Column(
    "action_id", "string", "Toimenpiteen tunniste", "The action (actions.action_id).", True
)
_GOAL_ID = Column(
    "goal_id",
    "string",
    "Tavoitteen tunniste",
    "The goal's id: spearhead code and number (TT-01) from the vocabulary, or 'G-' and 10 hex "
    "digits for a goal met only in the input.",
    True,
)
_PARTY_ID = Column(
    "party_id",
    "string",
    "Vastuutahon tunniste",
    "The party's id: 'P' and three digits from the vocabulary, or 'P-' and 10 hex digits for "
    "a party met only in the input.",
    True,
)
_KIND = Column(
    "kind",
    "string",
    "Laji",
    "'unit' (a department, service or organisation), 'role' (a post or group of staff), "
    "'body' (a board or working group) or 'other'; null for a party not in the vocabulary.",
)


def strategic_goals_table(records: Sequence[ActionRecord], goals: Vocabulary) -> Table:
    """Every goal of the vocabulary, then every goal met only in the input, with counts."""
    actions = Counter(goal for r in records for goal in dict.fromkeys(r["strategic_goal_ids"]))
    rows = [
        (goals.attributes[name]["goal_id"], goals.attributes[name].get("spearhead"), name, True)
        for name in goals.canonical_names
    ]
    rows += _unknown_goals(records, goals)
    return Table(
        "strategic_goals",
        "Strategiset tavoitteet",
        "The strategy's goals (strategiset tavoitteet): id, spearhead, canonical wording, the "
        "other spellings the vocabulary knows, and how many actions each has.",
        (
            _GOAL_ID,
            Column("spearhead", "string", "Strateginen kärki", "The goal's spearhead."),
            Column("goal", "string", "Tavoite", "The goal's canonical wording.", True),
            ALIASES,
            IN_VOCABULARY,
            ACTIONS,
        ),
        ("goal_id",),
        {
            "goal_id": [row[0] for row in rows],
            "spearhead": [row[1] for row in rows],
            "goal": [row[2] for row in rows],
            "aliases": [list(goals.aliases.get(row[2], ())) if row[3] else [] for row in rows],
            "in_vocabulary": [row[3] for row in rows],
            "actions": [actions.get(row[0], 0) for row in rows],
        },
    )


def _unknown_goals(
    records: Sequence[ActionRecord], goals: Vocabulary
) -> list[tuple[str, str | None, str, bool]]:
    known = {goals.attributes[name]["goal_id"] for name in goals.canonical_names}
    found: dict[str, tuple[str, str | None, str, bool]] = {}
    for record in records:
        for goal_id, text in zip(
            record["strategic_goal_ids"], record["strategic_goals"], strict=True
        ):
            if goal_id not in known:
                found.setdefault(goal_id, (goal_id, record["spearhead"], text, False))
    return sorted(found.values())


def parties_table(records: Sequence[ActionRecord], parties: Vocabulary) -> Table:
    """Every party of the vocabulary, then every party met only in the input, with counts."""
    actions = Counter(party for r in records for party in r["parties"])
    names = list(parties.canonical_names)
    names += sorted(set(actions) - set(names))
    return Table(
        "parties",
        "Vastuutahot",
        "The responsible parties (vastuutahot): id, canonical name, kind, the other spellings "
        "met in the documents, and how many actions name each.",
        (
            _PARTY_ID,
            Column("party", "string", "Vastuutaho", "The party's canonical name.", True),
            _KIND,
            ALIASES,
            IN_VOCABULARY,
            ACTIONS,
        ),
        ("party_id",),
        {
            "party_id": [party_id(name, parties) for name in names],
            "party": names,
            "kind": [parties.attributes.get(name, {}).get("kind") for name in names],
            "aliases": [list(parties.aliases.get(name, ())) for name in names],
            "in_vocabulary": [name in parties.aliases for name in names],
            "actions": [actions.get(name, 0) for name in names],
        },
    )


def party_id(name: str, parties: Vocabulary) -> str:
    """A party's id: the vocabulary's, or one of its own for a party met only in the input."""
    attributes = parties.attributes.get(name)
    return attributes["party_id"] if attributes else unknown_id("P-", name)


def action_parties_table(records: Sequence[ActionRecord], parties: Vocabulary) -> Table:
    """One row per party an action names: its id, name, name as written, role and kind."""
    values: dict[str, list[Any]] = {
        name: [] for name in ("action_id", "position", "party_id", "party", "party_raw", "role")
    }
    for record in records:
        links = zip(record["parties"], record["parties_raw"], record["party_roles"], strict=True)
        for position, (party, raw, role) in enumerate(links, start=1):
            values["action_id"].append(record["action_id"])
            values["position"].append(position)
            values["party_id"].append(party_id(party, parties))
            values["party"].append(party)
            values["party_raw"].append(raw)
            values["role"].append(role)
    values["kind"] = [parties.attributes.get(party, {}).get("kind") for party in values["party"]]
    return Table(
        "action_parties",
        "Vastuutahot, yksi rivi per toimenpide ja taho",
        "One row per party an action's Vastuu names, with its role.",
        (
            _ACTION,
            Column("position", "integer", "Järjestys", "1-based position among the parties.", True),
            _PARTY_ID,
            Column("party", "string", "Vastuutaho", "The party's canonical name.", True),
            Column(
                "party_raw", "string", "Kuten kirjoitettu", "The party as Vastuu wrote it.", True
            ),
            Column(
                "role",
                "string",
                "Rooli",
                "'lead', or 'partner' when named 'yhteistyössä / yhdessä X:n kanssa'.",
                True,
            ),
            _KIND,
        ),
        ("action_id", "position"),
        values,
        (
            ForeignKey(("action_id",), "actions", ("action_id",)),
            ForeignKey(("party_id",), "parties", ("party_id",)),
        ),
    )
