"""Stable action ids: derived from a row's own content, never from its position.

The hash covers the board and the columns the registry marks as hashed
(:data:`kerava_etl.columns.HASHED_FIELDS`: spearhead, Toimenpide, Vastuu, Riski, Mittari),
not the goals that merged rows inherit, nor the optional columns later programmes add, so
editing or inserting one row leaves every other row's id as it was. True duplicates get
``-2``, ``-3``, ... in order.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence

from kerava_etl.columns import HASHED_FIELDS
from kerava_etl.models import ActionRecord

ID_PREFIX = "KRV-"
_KEY = json.JSONEncoder(ensure_ascii=False)
_HASHED = ("board", *HASHED_FIELDS)


def content_id(record: Mapping[str, object]) -> str:
    """The id a record's content gives, before duplicates are told apart."""
    key = _KEY.encode([record[name] for name in _HASHED])
    return ID_PREFIX + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def assign_ids(records: Sequence[ActionRecord]) -> list[ActionRecord]:
    """Return the records with their ``action_id``, unique across the whole build."""
    seen: dict[str, int] = {}
    result: list[ActionRecord] = []
    for record in records:
        base = content_id(record)
        seen[base] = seen.get(base, 0) + 1
        action_id = base if seen[base] == 1 else f"{base}-{seen[base]}"
        result.append({**record, "action_id": action_id})
    return result
