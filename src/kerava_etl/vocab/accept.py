"""``kerava-etl vocab accept``: the decisions of a reviewed ``vocabulary_review.csv``,
written into the data team's vocabularies.

A row's ``decision``:

- ``accept``: a new name becomes a canonical name of its vocabulary (with the ids and
  attributes the vocabulary needs: a party gets the next ``P`` number and kind ``other``,
  a goal the next number of its spearhead's goals and that spearhead, a spearhead kind
  ``spearhead``); a grouped spelling becomes an alias of its group's name; an uncertain
  pair becomes one name, the first spelling an alias of the other;
- ``split``: a grouped spelling becomes a canonical name of its own;
- any other text: the canonical name the spelling belongs to (an alias of it), a name the
  vocabulary knows or that this sheet accepts;
- empty: nothing.

Pure: the sheet's text and the vocabularies' texts in, the new texts out. A decision that
cannot be done is ``file:line: what is wrong`` (exit 2), and then nothing is written.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from kerava_etl.errors import KeravaError
from kerava_etl.vocab import REGISTRY, fold_name

_NOTE = "accepted from vocabulary_review.csv"
_DECIDED = ("boards", "spearheads", "strategic_goals", "parties")
_NUMBER = re.compile(r"^(.*?)(\d+)$")


@dataclass
class _File:
    """A vocabulary file being extended: its header, its canonical names and attributes."""

    header: list[str]
    text: str
    canonical: dict[str, dict[str, str]] = field(default_factory=dict)  # folded -> row
    added: list[dict[str, str]] = field(default_factory=list)

    def name_of(self, name: str) -> str | None:
        row = self.canonical.get(fold_name(name))
        return row["canonical"] if row else None

    def add(self, row: dict[str, str]) -> None:
        self.added.append(row)
        if not row.get("alias"):
            self.canonical[fold_name(row["canonical"])] = row

    def written(self) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=self.header, lineterminator="\n")
        writer.writerows({k: row.get(k, "") for k in self.header} for row in self.added)
        text = self.text if self.text.endswith("\n") or not self.text else self.text + "\n"
        return text + out.getvalue()


def accept(review: str, review_name: str, vocabularies: Mapping[str, str]) -> dict[str, str]:
    """The vocabulary files (by file name -> text) with the sheet's decisions written in;
    only the files that change."""
    specs = {spec.name: spec.file for spec in REGISTRY if spec.name in _DECIDED}
    files = {name: _read(vocabularies[file]) for name, file in specs.items()}
    reader = csv.DictReader(io.StringIO(review), strict=True)
    decided = [(reader.line_num, row) for row in reader if (row.get("decision") or "").strip()]
    for line, row in decided:
        vocabulary = row.get("vocabulary") or ""
        if vocabulary not in files:
            raise KeravaError(f"no vocabulary {vocabulary!r}", file=review_name, line=line)
        _decide(files[vocabulary], vocabulary, row, review_name, line)
    return {specs[name]: f.written() for name, f in files.items() if f.added}


def _read(text: str) -> _File:
    reader = csv.DictReader(io.StringIO(text), strict=True)
    found = _File(list(reader.fieldnames or []), text)
    for row in reader:
        if row.get("canonical") and not row.get("alias"):
            found.canonical.setdefault(fold_name(row["canonical"]), dict(row))
    return found


def _decide(f: _File, vocabulary: str, row: Mapping[str, str], file: str, line: int) -> None:
    decision = row["decision"].strip()
    spelling, name, kind = row.get("spelling") or "", row.get("name") or "", row.get("kind")
    if decision.casefold() in ("accept", "hyväksy"):
        if kind == "new" or (kind == "grouped" and f.name_of(name) is None and spelling == name):
            _new_name(f, vocabulary, spelling, row.get("spearhead") or "", file, line)
            return
        target = name if kind == "grouped" else (row.get("other") or "")
        if f.name_of(target) is None:  # the other of a pair, or a group's name, new too
            _new_name(f, vocabulary, target, row.get("spearhead") or "", file, line)
        _alias(f, target, spelling, file, line)
    elif decision.casefold() in ("split", "erota"):
        _new_name(f, vocabulary, spelling, row.get("spearhead") or "", file, line)
    else:
        _alias(f, decision, spelling, file, line)


def _alias(f: _File, name: str, spelling: str, file: str, line: int) -> None:
    canonical = f.name_of(name)
    if canonical is None:
        raise KeravaError(
            f"{name!r} is no name of the vocabulary: accept it first, or write its canonical "
            "name as the vocabulary spells it",
            file=file,
            line=line,
        )
    if fold_name(spelling) != fold_name(canonical):
        f.add({"canonical": canonical, "alias": spelling, "note": _NOTE})


def _new_name(f: _File, vocabulary: str, name: str, spearhead: str, file: str, line: int) -> None:
    if f.name_of(name) is not None:
        return  # known already (accepted on an earlier row)
    row = {"canonical": name, "alias": "", "note": _NOTE}
    if vocabulary == "parties":
        row.update(party_id=_next_id(f, "party_id", lambda r: True, "P", 3), kind="other")
    elif vocabulary == "strategic_goals":
        if not spearhead:
            raise KeravaError(
                "a goal needs its spearhead (the spearhead column)", file=file, line=line
            )
        row.update(
            goal_id=_next_id(f, "goal_id", lambda r: r.get("spearhead") == spearhead, "G-", 2),
            spearhead=spearhead,
        )
    elif vocabulary == "spearheads":
        row.update(kind="spearhead")
    missing = [key for key in row if key not in f.header]
    if missing:
        raise KeravaError(
            f"the vocabulary's file has no column {missing[0]!r}", file=file, line=line
        )
    f.add(row)


def _next_id(
    f: _File, key: str, same: Callable[[dict[str, str]], bool], prefix: str, width: int
) -> str:
    """The next id after the highest of the rows ``same`` picks (their prefix kept), else
    ``prefix`` and 1; never one in use."""
    rows = [r for r in f.canonical.values() if same(r) and r.get(key)]
    used = {r[key] for r in f.canonical.values() if r.get(key)}
    numbered = [m for r in rows if (m := _NUMBER.match(r[key]))]
    if numbered:
        head = numbered[0].group(1)
        width = len(numbered[0].group(2))
        number = max(int(m.group(2)) for m in numbered if m.group(1) == head)
    else:
        head, number = prefix, 0
    while True:
        number += 1
        candidate = f"{head}{number:0{width}d}"
        if candidate not in used:
            return candidate
