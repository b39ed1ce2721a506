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
    "party_unknown": "responsible",
}


def unknown_id(prefix: str, text: str) -> str:
    """A stable id for a name the vocabulary does not know: a hash of its folded text."""
    return prefix + hashlib.sha256(fold_name(text).encode("utf-8")).hexdigest()[:10]
