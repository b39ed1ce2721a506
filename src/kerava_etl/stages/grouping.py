"""Spellings of one name grouped where no vocabulary knows them: a new programme's goals.

A name's *key* is its words in their base forms (Voikko: ``lasten`` and ``lapsien`` are
``lapsi``, ``vahvistamme`` and ``vahvistaa`` are ``vahvistaa``), hyphens, quotes, dashes,
final punctuation and conjunctions aside, and without the words that only name who acts
(``me``, and the place most of the build's names name, the town, with its people:
``Kerava``, ``keravalaisten``): "Kerava vahvistaa elinvoimaa" and "Vahvistamme
elinvoimaa" are one goal. Two names are one where

1. their keys are equal;
2. their letters are equal, spaces and hyphens aside, as written or in base forms (a
   word a PDF broke in two: ``elinvoima politiikka``; a compound and its words:
   ``lukiokoulutusjohtaja``, ``Lukiokoulutuksen johtaja``);
3. their keys differ in one word only, one of the two a word of the dictionary and the
   other none, spelt within one edit of it (a letter added, dropped, changed, or two
   swapped: a typo), and long enough to tell (:attr:`ReadingSettings.group_typo_min_letters`).

A pair whose differing words are one edit apart but both words of the dictionary
(``tunnemme`` / ``tunnumme``), neither, or too short to tell, is not merged: it is
reported, with why. Different words stay apart: "Lasten hyvinvointi vahvistuu" is not
"Ikäihmisten hyvinvointi vahvistuu". A group's canonical spelling is its best written
member: every word known to the dictionary, then the most rows, then the first met.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from kerava_etl.settings import DEFAULT_SETTINGS, ReadingSettings
from kerava_etl.text.lexicon import Lexicon
from kerava_etl.text.words import CONJUNCTIONS

_WORD = re.compile(r"[^\W\d_]+(?:[-\u2010\u2011][^\W\d_]+)*|\d+")
_HYPHENS = re.compile(r"[-\u2010\u2011]")


@dataclass(frozen=True)
class Word:
    """A word of a name: as written (folded, hyphens out), its base forms, whether the
    dictionary knows it."""

    written: str
    bases: frozenset[str]
    known: bool
    capital: bool = False  # written with a capital

    def same(self, other: Word) -> bool:
        return self.written == other.written or bool(self.bases & other.bases)


@dataclass(frozen=True)
class Uncertain:
    """Two spellings that may be one name, not merged: the reader decides."""

    first: str
    second: str
    why: str


@dataclass
class Grouping:
    """Each name's group, by its canonical spelling; the pairs left apart but reported."""

    canonical: dict[str, str] = field(default_factory=dict)
    uncertain: list[Uncertain] = field(default_factory=list)

    def groups(self) -> dict[str, list[str]]:
        """Each canonical spelling and its members (itself first), in the order met."""
        found: dict[str, list[str]] = {}
        for name, canonical in self.canonical.items():
            found.setdefault(canonical, []).append(name)
        return {c: sorted(m, key=lambda n: n != c) for c, m in found.items()}


def words(name: str, lexicon: Lexicon) -> tuple[Word, ...]:
    """A name's words, as :class:`Word`."""
    found = []
    for match in _WORD.finditer(name):
        written = match.group(0)
        plain = _HYPHENS.sub("", written)
        bases = {_HYPHENS.sub("", base) for base in lexicon.base_forms(written)}
        bases |= {_HYPHENS.sub("", base) for base in lexicon.base_forms(plain)}
        # A compound's first part before a hyphen and a space ("oppimis- ja ..."): spelt
        # right where the dictionary knows it so, though it is no word alone.
        ellipsis = name[match.end() : match.end() + 1] == "-" and lexicon(written + "-")
        known = bool(bases) or plain.isdigit() or ellipsis
        found.append(Word(plain.casefold(), frozenset(bases), known, written[:1].isupper()))
    return tuple(found)


def who_acts(named: Iterable[tuple[Word, ...]], lexicon: Lexicon) -> frozenset[str]:
    """The base forms that only name who acts: ``me``, and the name (written with a
    capital) most of the names name, the town whose programme it is (``kerava``), with its
    people (``keravalainen``)."""
    places: Counter[str] = Counter()
    for found in named:
        places.update({b for w in found if w.capital for b in w.bases if lexicon.is_name(b)})
    town = [place for place, _ in places.most_common(1)]
    return frozenset({"me", *town, *(f"{place}lainen" for place in town)})


def _content(found: tuple[Word, ...], who: frozenset[str]) -> tuple[Word, ...]:
    """A name's words less those that name who acts and the conjunctions (``ja``, which
    one wording has twice where another has it once); a name of only those keeps them."""
    kept = tuple(
        w for w in found if not (w.bases & who or w.written in who or w.written in CONJUNCTIONS)
    )
    return kept or found


class _Groups:
    """Union-find over names, a group named by its first member met."""

    def __init__(self, names: Mapping[str, int]) -> None:
        self.order = {name: index for index, name in enumerate(names)}
        self.parent = {name: name for name in names}

    def root(self, name: str) -> str:
        while self.parent[name] != name:
            self.parent[name] = self.parent[self.parent[name]]
            name = self.parent[name]
        return name

    def union(self, a: str, b: str) -> None:
        ra, rb = sorted((self.root(a), self.root(b)), key=self.order.__getitem__)
        self.parent[rb] = ra

    def members(self) -> list[list[str]]:
        found: dict[str, list[str]] = {}
        for name in self.order:
            found.setdefault(self.root(name), []).append(name)
        return list(found.values())


def group_names(
    names: Mapping[str, int], lexicon: Lexicon, settings: ReadingSettings = DEFAULT_SETTINGS
) -> Grouping:
    """Group ``names`` (each with its rows, in the order met) into one name per group."""
    written = {name: words(name, lexicon) for name in names}
    who = who_acts(written.values(), lexicon)
    keyed = {name: _content(found, who) for name, found in written.items()}
    groups = _Groups(names)
    for bucket in _exact_buckets(keyed).values():
        for other in bucket[1:]:
            groups.union(bucket[0], other)
    uncertain = []
    for a, b in _candidates(keyed):
        verdict = _near(keyed[a], keyed[b], settings)
        if verdict is True:
            groups.union(a, b)
        elif verdict is not None:
            uncertain.append(Uncertain(a, b, verdict))
    grouping = Grouping()
    for group in groups.members():
        grouping.canonical.update(dict.fromkeys(group, _best_written(group, keyed, names)))
    grouping.uncertain = [u for u in uncertain if groups.root(u.first) != groups.root(u.second)]
    return grouping


def _exact_buckets(keyed: Mapping[str, tuple[Word, ...]]) -> dict[tuple[object, ...], list[str]]:
    """Names by their base-form key and by their letters, as written and as base forms
    (rules 1 and 2)."""
    buckets: dict[tuple[object, ...], list[str]] = {}
    for name, found in keyed.items():
        if not found:
            continue
        key = tuple(min(w.bases) if w.bases else w.written for w in found)
        buckets.setdefault(("key", *key), []).append(name)
        buckets.setdefault(("letters", "".join(w.written for w in found)), []).append(name)
        buckets.setdefault(("letters", "".join(key)), []).append(name)
    return buckets


def _candidates(keyed: Mapping[str, tuple[Word, ...]]) -> list[tuple[str, str]]:
    """Pairs of names of as many words that agree in all but one, where that one is spelt
    within one edit of the other's or shares a base form with it (rule 3's candidates):
    found through each name's keys with one word replaced by each of its spellings less a
    letter (two words one edit apart share one) and by its base forms, so a corpus's
    names are not compared pair by pair."""
    index: dict[tuple[object, ...], list[str]] = {}
    for name, found in keyed.items():
        key = [min(w.bases) if w.bases else w.written for w in found]
        for position, word in enumerate(found):
            rest = (len(key), position, *key[:position], *key[position + 1 :])
            for variant in _deletions(word.written) | {f"base:{b}" for b in word.bases}:
                index.setdefault((*rest, variant), []).append(name)
    pairs: dict[tuple[str, str], None] = {}
    for bucket in index.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1 :]:
                if a != b:
                    pairs.setdefault((a, b), None)
    return list(pairs)


def _deletions(word: str) -> set[str]:
    """The word and every spelling of it less one letter."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """Whether two spellings differ by at most one letter added, dropped, changed, or two
    neighbours swapped (a typo)."""
    if abs(len(a) - len(b)) > 1:
        return False
    start = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), None)
    if start is None:
        return True  # equal, or one longer by its last letter
    rest_a, rest_b = a[start:], b[start:]
    return (
        rest_a[1:] == rest_b[1:]  # changed
        or rest_a[1:] == rest_b  # dropped from b
        or rest_a == rest_b[1:]  # added in b
        or (rest_a[:2] == rest_b[1::-1] and rest_a[2:] == rest_b[2:])  # swapped
    )


def _near(
    a: tuple[Word, ...], b: tuple[Word, ...], settings: ReadingSettings
) -> Literal[True] | str | None:
    """Rule 3 for two names that differ in one word: ``True`` (one name, a typo), a
    reason (near, not merged: two words of the dictionary, or a word too short to tell a
    typo from another word) or ``None`` (two names)."""
    differ = [(x, y) for x, y in zip(a, b, strict=True) if not x.same(y)]
    if len(differ) != 1:
        return True if not differ else None
    x, y = differ[0]
    if not _one_edit(x.written, y.written):
        return None
    if x.known and y.known:
        return f"'{x.written}' and '{y.written}' are both words"
    if not (x.known or y.known):  # a typo of what? neither is spelt right
        return f"neither '{x.written}' nor '{y.written}' is a word the dictionary knows"
    if min(len(x.written), len(y.written)) < settings.group_typo_min_letters:
        return f"'{x.written}' and '{y.written}' are too short to tell a typo"
    return True


def _best_written(
    group: list[str], keyed: Mapping[str, tuple[Word, ...]], rows: Mapping[str, int]
) -> str:
    """Spelt right (every word known), then the most rows, then the first met."""
    order = {name: index for index, name in enumerate(rows)}
    return min(
        group,
        key=lambda n: (not all(w.known for w in keyed[n]), -rows[n], order[n]),
    )
