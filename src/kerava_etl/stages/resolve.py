"""Names resolved through the vocabularies: board, spearhead, strategic goals, parties.

A :class:`NameResolver` serves one build. It resolves each name of a record and remembers
what it met, so the report gets one finding per spelling (an alias, an unknown goal or
party) at the first line that wrote it, not one per row: a canonical spelling is the data,
``*_raw`` keeps what was written, and the rows' ``quality_flags`` stay for defects.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

from kerava_etl.codes import Finding, finding
from kerava_etl.models import ActionRecord
from kerava_etl.stages.grouping import Grouping, group_names
from kerava_etl.stages.parties import base_form_index, resolve_party, split_parties
from kerava_etl.text.lexicon import Lexicon
from kerava_etl.vocab import Resolved, Vocabularies, fold_name


@dataclass
class _Met:
    """A spelling met in the input: where first, how often, what it resolved to."""

    source_file: str
    source_line: int
    canonical: str
    hint: str | None
    rows: int = 1


@dataclass(frozen=True)
class _Party:
    canonical: str
    role: str
    raw: str
    known: bool
    hint: str | None


@dataclass
class NameResolver:
    """Resolves the names of one build's records, and reports each spelling once."""

    vocabularies: Vocabularies
    lexicon: Lexicon
    _met: dict[tuple[str, str], _Met] = field(default_factory=dict)  # (code, raw) -> first
    _parties: dict[str, list[_Party]] = field(default_factory=dict)  # Vastuu item -> parties
    _unknown: dict[str, str] = field(default_factory=dict)  # folded name -> first spelling
    _by_base: dict[str, str] | None = None  # parties by base form (made on first use)

    def resolve(self, vocabulary: str, raw: str, where: tuple[str, int]) -> Resolved:
        """A board or spearhead; an alias is remembered for the report. An unknown name is
        named as first written (``Uudistuva Kerava`` for ``UUDISTUVA KERAVA`` after it)."""
        resolved = self.vocabularies[vocabulary].resolve(raw)
        if resolved.is_alias:
            self._remember(f"{vocabulary[:-1]}_alias", raw, where, resolved.canonical, None)
        if not resolved.known:  # one unknown name, however its spellings differ in case
            first = self._unknown.setdefault(f"{vocabulary}:{fold_name(raw)}", raw)
            resolved = replace(resolved, canonical=first)
        return resolved

    def goals(self, items: list[str], where: tuple[str, int]) -> list[str]:
        """The id of each strategic goal item (an unknown one gets an id of its own)."""
        goals = self.vocabularies["strategic_goals"]
        ids = []
        for item in items:
            resolved = goals.resolve(item)
            if resolved.known:
                ids.append(goals.attributes[resolved.canonical]["goal_id"])
            else:
                self._remember("strategic_goal_unknown", item, where, item, resolved.hint)
                ids.append(unknown_id("G-", item))
        return ids

    def parties(self, items: list[str], where: tuple[str, int]) -> dict[str, list[str]]:
        """The parties the Vastuu items name: canonical names (each once, in order), their
        roles and how they were written, as the record's ``parties``, ``party_roles`` and
        ``parties_raw``."""
        found: dict[str, tuple[str, str]] = {}
        for item in items:
            for party in self._item_parties(item):
                if not party.known:
                    self._remember("party_unknown", party.raw, where, party.raw, party.hint)
                found.setdefault(party.canonical, (party.role, party.raw))
        return {
            "parties": list(found),
            "party_roles": [role for role, _ in found.values()],
            "parties_raw": [raw for _, raw in found.values()],
        }

    def _item_parties(self, item: str) -> list[_Party]:
        """One Vastuu item's parties, resolved (kept: items repeat across rows)."""
        parties = self._parties.get(item)
        if parties is None:
            vocabulary = self.vocabularies["parties"]
            parties = []
            if self._by_base is None:
                self._by_base = base_form_index(vocabulary, self.lexicon)
            for mention in split_parties(item, vocabulary, self.lexicon):
                canonical = resolve_party(mention.raw, vocabulary, self.lexicon, self._by_base)
                hint = None if canonical else vocabulary.resolve(mention.raw).hint
                # An unknown party is named as first written, whatever the case later.
                name = canonical or self._unknown.setdefault(fold_name(mention.raw), mention.raw)
                parties.append(_Party(name, mention.role, mention.raw, bool(canonical), hint))
            self._parties[item] = parties
        return parties

    def group_unknown(self, records: list[ActionRecord]) -> list[ActionRecord]:
        """The records with the goals and parties no vocabulary knows grouped
        (:mod:`kerava_etl.stages.grouping`): a goal's id and a party's name are its group's,
        named by its best written member; the report names each group's other spellings
        (``*_grouped``) and the pairs left apart but near (``*_uncertain``)."""
        goals = self._group("strategic_goal", _unknown_rows(self._met, "strategic_goal_unknown"))
        known_parties = set(self.vocabularies["parties"].canonical_names)
        party_rows: dict[str, int] = {}
        for record in records:
            for party in record["parties"]:
                if party not in known_parties:
                    party_rows[party] = party_rows.get(party, 0) + 1
        parties = self._group("party", party_rows)
        return [_regrouped(record, goals, parties) for record in records]

    def _group(self, kind: str, rows: dict[str, int]) -> Grouping:
        """Group one kind's unknown names; each name's report entry said as grouped."""
        grouping = group_names(rows, self.lexicon)
        unknown = f"{kind}_unknown"
        first: dict[str, tuple[str, _Met]] = {}  # a name folded -> its first spelling met
        for (code, raw), met in self._met.items():
            if code == unknown:
                first.setdefault(fold_name(raw), (raw, met))

        def met_as(name: str) -> tuple[str, _Met] | None:
            """The report entry of a name: as written (a goal), or its first spelling (a
            party is named by the first of its spellings that differ only in case)."""
            met = self._met.get((unknown, name))
            return (name, met) if met is not None else first.get(fold_name(name))

        for name, canonical in grouping.canonical.items():
            entry = met_as(name) if name != canonical else None
            if entry is not None:
                self._met.pop((unknown, entry[0]), None)
                self._met[(f"{kind}_grouped", entry[0])] = replace(entry[1], canonical=canonical)
        for pair in grouping.uncertain:
            entry = met_as(pair.first)
            if entry is not None:
                self._met[(f"{kind}_uncertain", entry[0])] = replace(
                    entry[1], canonical=pair.second, hint=pair.why
                )
        return grouping

    def _remember(
        self, code: str, raw: str, where: tuple[str, int], canonical: str, hint: str | None
    ) -> None:
        met = self._met.get((code, raw))
        if met is None:
            self._met[(code, raw)] = _Met(*where, canonical, hint)
        else:
            met.rows += 1

    def findings(self) -> list[Finding]:
        """One finding per alias or unknown name met, at the first line that wrote it."""
        return [
            finding(
                code,
                met.source_file,
                met.source_line,
                field=_FIELDS[code],
                value=raw,
                params={
                    "raw": raw,
                    "canonical": met.canonical,
                    "rows": met.rows,
                    "hint": met.hint or "none",
                },
            )
            for (code, raw), met in self._met.items()
        ]


_FIELDS = {
    "board_alias": "board",
    "spearhead_alias": "spearhead",
    "strategic_goal_unknown": "strategic_goals",
    "strategic_goal_grouped": "strategic_goals",
    "strategic_goal_uncertain": "strategic_goals",
    "party_unknown": "responsible",
    "party_grouped": "responsible",
    "party_uncertain": "responsible",
}


def _unknown_rows(met: dict[tuple[str, str], _Met], code: str) -> dict[str, int]:
    """The names met under ``code``, each with its rows, in the order met."""
    return {raw: found.rows for (kind, raw), found in met.items() if kind == code}


def _regrouped(record: ActionRecord, goals: Grouping, parties: Grouping) -> ActionRecord:
    """A record's goal ids and parties as their groups' (a party named twice once)."""
    ids = [
        unknown_id("G-", goals.canonical[text]) if text in goals.canonical else goal_id
        for goal_id, text in zip(
            record["strategic_goal_ids"], record["strategic_goals"], strict=True
        )
    ]
    found: dict[str, tuple[str, str]] = {}
    for party, role, raw in zip(
        record["parties"], record["party_roles"], record["parties_raw"], strict=True
    ):
        found.setdefault(parties.canonical.get(party, party), (role, raw))
    return {
        **record,
        "strategic_goal_ids": ids,
        "parties": list(found),
        "party_roles": [role for role, _ in found.values()],
        "parties_raw": [raw for _, raw in found.values()],
    }


def unknown_id(prefix: str, text: str) -> str:
    """A stable id for a name the vocabulary does not know: a hash of its folded text."""
    return prefix + hashlib.sha256(fold_name(text).encode("utf-8")).hexdigest()[:10]
