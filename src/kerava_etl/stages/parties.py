"""Responsible parties: a Vastuu item split into the parties it names, each with its role.

- Remarks in parentheses are not parties; commas, semicolons and a spaced slash separate
  parties.
- ``yhteistyössä X:n kanssa``, ``yhdessä X:n kanssa`` and ``X:n kanssa`` make X a
  ``partner``; the rest are ``lead``. ``A ja B yhteistyössä`` names two leads.
- ``ja`` and ``sekä`` separate two complete names, never a compound ellipsis
  (``Kirjasto- ja kulttuuripalvelut``) nor a genitive attribute of the name after it
  (``Kasvun ja oppimisen tuen johtaja``); a name the vocabulary knows whole is not split.
- A sentence (``Talous- ja hallintopalvelut vastaa seurannasta ...``) names the party
  before its verb; the rest is a remark. Abbreviations run together (``PTP THEP``) are
  separate parties.

Names resolve through the parties vocabulary, and through Voikko's base form of their
last word (``kaupunkitekniikan`` -> ``Kaupunkitekniikka``), also matched against the base
forms of the vocabulary's names (``elinkeinopalveluiden`` -> ``Elinkeinopalvelut``).
This module is pure: the vocabulary and the lexicon are parameters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from kerava_etl.text.lexicon import Lexicon
from kerava_etl.text.words import JOINING_CONJUNCTIONS, alternation
from kerava_etl.vocab import Vocabulary, fold_name

_PARENTHESES = re.compile(r"\s*\([^()]*\)")
_SEPARATORS = re.compile(r"\s*[,;]\s*|\s+/\s+")  # "a, b", "a; b", "a / b"
_TOGETHER = re.compile(r"\b(?:yhteistyössä|yhdessä)\b", re.IGNORECASE)
_WITH = re.compile(r"\bkanssa\b", re.IGNORECASE)
_AND = re.compile(rf"\s+(?:{alternation(JOINING_CONJUNCTIONS)}|&)\s+", re.IGNORECASE)
_LEADING_AND = re.compile(rf"^{alternation(JOINING_CONJUNCTIONS)}\s+", re.IGNORECASE)
_ABBREVIATION = re.compile(r"^[A-ZÅÄÖ]{2,}$")
_TRIM = " .:;-–"


@dataclass(frozen=True)
class PartyMention:
    """A party as a Vastuu item names it: as written, and its role."""

    raw: str
    role: str  # "lead" or "partner"


def split_parties(item: str, parties: Vocabulary, lexicon: Lexicon) -> list[PartyMention]:
    """The parties one Vastuu item names, in the order written."""
    mentions = []
    for clause in _SEPARATORS.split(_PARENTHESES.sub("", item)):
        leads, partners = _roles(clause.strip(_TRIM))
        for part in leads:
            cut = _before_verb(part, lexicon)
            mentions += [PartyMention(n, "lead") for n in _names(cut, parties, genitive=False)]
        for part in partners:
            mentions += [PartyMention(n, "partner") for n in _names(part, parties, genitive=True)]
    return mentions


def _roles(clause: str) -> tuple[list[str], list[str]]:
    """A clause's lead part(s) and partner part(s)."""
    together = _TOGETHER.search(clause)
    if together is not None:
        before, after = clause[: together.start()], clause[together.end() :]
        partners = [_LEADING_AND.sub("", part.strip(_TRIM)) for part in _WITH.split(after)]
        return [before], [part for part in partners if part]
    with_ = _WITH.search(clause)
    if with_ is None:
        return [clause], []
    words = clause[: with_.start()].split()
    first_partner = len(words)
    while first_partner > 1 and _genitive_like(words[first_partner - 1]):
        first_partner -= 1
    rest = clause[with_.end() :]
    return [" ".join(words[:first_partner]), rest], [" ".join(words[first_partner:])]


def _genitive_like(word: str) -> bool:
    return word.endswith(("n", ":n"))


def _before_verb(part: str, lexicon: Lexicon) -> str:
    """The words of a sentence before its first finite verb (a lower-case word, not the
    first): ``Talous- ja hallintopalvelut vastaa seurannasta``, ``toimialat toteuttavat``
    -> the party alone."""
    words = part.split()
    if len(words) < 2:
        return part
    for index, word in enumerate(words[1:], start=1):
        if word[:1].islower() and word.isalpha() and lexicon.is_finite_verb(word):
            return " ".join(words[:index])
    return part


def _names(part: str, parties: Vocabulary, *, genitive: bool) -> Iterator[str]:
    """The names in one part: split at ``ja``/``sekä`` between complete names."""
    part = part.strip(_TRIM)
    if not part:
        return
    if parties.canonical_of(part) is not None:
        yield part
        return
    start = 0
    for match in _AND.finditer(part):
        before = part[start : match.start()].split()
        last = before[-1] if before else ""
        if last.endswith("-") or (not genitive and _genitive_like(last)):
            continue  # an ellipsis, or a genitive that belongs to the name after "ja"
        yield from _abbreviations(part[start : match.start()])
        start = match.end()
    yield from _abbreviations(part[start:])


def _abbreviations(name: str) -> list[str]:
    """``PTP THEP`` -> two names; any other name stays whole."""
    name = name.strip(_TRIM)
    words = name.split()
    if len(words) > 1 and all(_ABBREVIATION.match(word) for word in words):
        return words
    return [name] if name else []


def resolve_party(
    raw: str, parties: Vocabulary, lexicon: Lexicon, by_base: Mapping[str, str] | None = None
) -> str | None:
    """The canonical name of a party as written, or ``None`` when the vocabulary does not
    know it: also by the base form of its last word, matched against the names as written
    or, through ``by_base`` (:func:`base_form_index`), against their own base forms
    (``elinkeinopalveluiden`` and ``Elinkeinopalvelut`` are both ``elinkeinopalvelu``)."""
    found = parties.canonical_of(raw)
    if found is not None:
        return found
    words = raw.split()
    for base in lexicon.base_forms(words[-1]) if words else []:
        name = " ".join([*words[:-1], base])
        found = parties.canonical_of(name) or (by_base or {}).get(fold_name(name))
        if found is not None:
            return found
    return None


def base_form_index(parties: Vocabulary, lexicon: Lexicon) -> dict[str, str]:
    """Each name the vocabulary knows (canonical and aliases), with its last word in its
    base form and folded, -> its canonical name; the first name of a base form keeps it."""
    index: dict[str, str] = {}
    for canonical in parties.canonical_names:
        for name in (canonical, *parties.aliases.get(canonical, ())):
            words = name.split()
            for base in lexicon.base_forms(words[-1]) if words else []:
                index.setdefault(fold_name(" ".join([*words[:-1], base])), canonical)
    return index
