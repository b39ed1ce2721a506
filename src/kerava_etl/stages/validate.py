"""Stage 5, validate: every record through the pydantic model, then dataset-level checks.

The records are made by the stages before, so a record the model refuses, two records with
one id, a null action without a flag, or a name outside its vocabulary without a flag are
bugs (:class:`InternalError`, exit 3), not problems of the input. A problem of the input
that only shows in the finished record (a row with nothing but a spearhead) is a finding.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from pydantic import TypeAdapter, ValidationError

from kerava_etl.codes import Finding, finding
from kerava_etl.errors import InternalError
from kerava_etl.models import Action
from kerava_etl.vocab import Vocabularies

_ACTIONS = TypeAdapter(list[Action])
_BATCH = 5000
_TEXT_FIELDS = ("strategic_goals", "sector_goal", "action", "responsible", "risks", "metrics")


def validate_records(
    records: Sequence[dict[str, Any]], vocabularies: Vocabularies
) -> tuple[list[dict[str, Any]], list[Finding]]:
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
            record = batch[index] if isinstance(index, int) else {}
            raise InternalError(
                f"a record the model refuses ({record.get('source_file')}:"
                f"{record.get('source_line')}): {error['loc']}: {error['msg']}"
            ) from None
    _check_invariants(records, vocabularies)
    empty = [record for record in records if not any(record[n] for n in _TEXT_FIELDS)]
    findings = [
        finding("empty_record", record["source_file"], record["source_line"]) for record in empty
    ]
    return list(records), findings


def _check_invariants(records: Sequence[dict[str, Any]], vocabularies: Vocabularies) -> None:
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
        for name, vocabulary in (("board", "boards"), ("spearhead", "spearheads")):
            value = record[name]
            known = value is None or value in vocabularies[vocabulary].canonical_names
            if not known and f"{name}_unknown" not in record["quality_flags"]:
                raise InternalError(f"{where}: {name} {value!r} is neither canonical nor flagged")
