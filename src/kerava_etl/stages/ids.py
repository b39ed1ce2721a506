"""Stable action ids: derived from a row's own content, never from its position.

The hash covers the fields a row holds for itself (board, spearhead, Toimenpide, Vastuu,
Riski, Mittari), not the goals that merged rows inherit, so editing or inserting one row
leaves every other row's id as it was. True duplicates get ``-2``, ``-3``, ... in order.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

ID_PREFIX = "KRV-"
_KEY = json.JSONEncoder(ensure_ascii=False)
_HASHED_FIELDS = ("board", "spearhead", "action", "responsible", "risks", "metrics")


def content_id(record: Mapping[str, Any]) -> str:
    """The id a record's content gives, before duplicates are told apart."""
    key = _KEY.encode([record[name] for name in _HASHED_FIELDS])
    return ID_PREFIX + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def assign_ids(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the records with ``action_id`` first, unique across the whole build."""
    seen: dict[str, int] = {}
    result = []
    for record in records:
        base = content_id(record)
        seen[base] = seen.get(base, 0) + 1
        action_id = base if seen[base] == 1 else f"{base}-{seen[base]}"
        result.append({"action_id": action_id, **record})
    return result
