"""Stage 5, validate: every record through the pydantic model, then dataset-level checks.

The records are made by the stages before, so a record the model refuses, two records with
one id, a null action without a flag, or a name outside its vocabulary without a flag are
bugs (:class:`InternalError`, exit 3), not problems of the input. A problem of the input
that only shows in the finished record (a row with nothing but a spearhead) is a finding.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import TypeAdapter, ValidationError

from kerava_etl.codes import Finding, finding
from kerava_etl.columns import COLUMN_FIELDS
from kerava_etl.errors import InternalError
from kerava_etl.models import Action, ActionRecord
from kerava_etl.vocab import Vocabularies

# One adapter for a batch of records: one call into pydantic's core per batch. The model is
# made from the column registry at import (models.Action), so mypy sees it as a value.
_ACTIONS: TypeAdapter[list[Any]] = TypeAdapter(list[Action])  # type: ignore[valid-type]
_BATCH = 5000
# A record needs one of these besides its spearhead: a goal, an action, a party, ...
_CONTENT_FIELDS = tuple(name for name in COLUMN_FIELDS if name != "spearhead")


def validate_records(
    records: Sequence[ActionRecord], vocabularies: Vocabularies
) -> tuple[list[ActionRecord], list[Finding]]:
    """Check records against the model, in batches, and across the dataset.

    The model instances are only a check: they are dropped batch by batch, so a large
    corpus is held in memory once, as the records themselves. Returns the records and
    the findings (an ``empty_record`` error fails the build like any other).
    """
    for start in range(0, len(records), _BATCH):
        batch = records[start : start + _BATCH]
        try:
            _ACTIONS.validate_python(batch)
        except ValidationError as exc:
            error = exc.errors()[0]
            index = error["loc"][0]
            where = (
                f"{batch[index]['source_file']}:{batch[index]['source_line']}"
                if isinstance(index, int)
                else "?"
            )
            raise InternalError(
                f"a record the model refuses ({where}): {error['loc']}: {error['msg']}"
            ) from None
    _check_invariants(records, vocabularies)
    empty = [record for record in records if not any(_values(record, _CONTENT_FIELDS))]
    findings = [
        finding("empty_record", record["source_file"], record["source_line"]) for record in empty
    ]
    return list(records), findings


def _values(record: Mapping[str, object], names: Sequence[str]) -> list[object]:
    """The values of fields the registry names (mypy reads a typed dict by literal keys;
    as a mapping, by any)."""
    return [record[name] for name in names]


def _check_invariants(records: Sequence[ActionRecord], vocabularies: Vocabularies) -> None:
    """What the stages before guarantee; a breach is a bug."""
    counts = Counter(record["action_id"] for record in records)
    for record in records:
        where = f"{record['source_file']}:{record['source_line']}"
        if counts[record["action_id"]] > 1:
            raise InternalError(f"{where}: action_id {record['action_id']} is not unique")
        if record["action"] is None and not record["quality_flags"]:
            raise InternalError(f"{where}: action is null and no quality flag says why")
        if len(record["strategic_goal_ids"]) != len(record["strategic_goals"]):
            raise InternalError(f"{where}: not one goal id per strategic goal item")
        if not len(record["parties"]) == len(record["party_roles"]) == len(record["parties_raw"]):
            raise InternalError(f"{where}: parties, party_roles and parties_raw differ in length")
        for name, value in (("board", record["board"]), ("spearhead", record["spearhead"])):
            known = value is None or value in vocabularies[f"{name}s"].canonical_names
            if not known and f"{name}_unknown" not in record["quality_flags"]:
                raise InternalError(f"{where}: {name} {value!r} is neither canonical nor flagged")
