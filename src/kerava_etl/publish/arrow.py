"""Arrow arrays built from Python lists directly, buffer by buffer.

pyarrow's own conversion (``pa.array``, ``pa.Table.from_pydict``) first imports pandas to
see whether a list is a pandas object: a fifth of a single-document build, for a build that
never touches pandas. The published tables hold five kinds of column, each built here from
its Arrow layout: a validity bitmap, 32-bit offsets, and the values.
"""

from __future__ import annotations

import array
import itertools
from collections.abc import Callable, Sequence
from typing import Any

_INT32_MAX = 2**31 - 1


def column_array(kind: str, values: Sequence[Any]) -> Any:
    """The Arrow array of a column of ``kind`` (a :data:`publish.tables.ColumnType`)."""
    builders: dict[str, Callable[[Sequence[Any]], Any]] = {
        "string": string_array,
        "integer": int32_array,
        "boolean": bool_array,
        "list": list_array,
        "category": dictionary_array,
        "map": map_array,
    }
    return builders[kind](values)


def _validity(values: Sequence[Any]) -> tuple[Any, int]:
    """The validity bitmap (``None`` when nothing is null) and the number of nulls."""
    import pyarrow as pa

    nulls = sum(1 for value in values if value is None)
    if not nulls:
        return None, 0
    bits = bytearray((len(values) + 7) // 8)
    for index, value in enumerate(values):
        if value is not None:
            bits[index >> 3] |= 1 << (index & 7)
    return pa.py_buffer(bits), nulls


def _offsets(lengths: Sequence[int]) -> Any:
    import pyarrow as pa

    offsets = array.array("i", [0])
    offsets.extend(itertools.accumulate(lengths))
    if offsets[-1] > _INT32_MAX:  # pragma: no cover - 2 GB of text in one column
        raise OverflowError("a column holds more than 2 GB of text")
    return pa.py_buffer(offsets)


def string_array(values: Sequence[str | None]) -> Any:
    """A ``string`` array; ``None`` is null."""
    import pyarrow as pa

    validity, nulls = _validity(values)
    encoded = [b"" if value is None else value.encode("utf-8") for value in values]
    buffers = [validity, _offsets([len(data) for data in encoded]), pa.py_buffer(b"".join(encoded))]
    return pa.Array.from_buffers(pa.string(), len(values), buffers, null_count=nulls)


def int32_array(values: Sequence[int | None]) -> Any:
    """An ``int32`` array; ``None`` is null."""
    import pyarrow as pa

    validity, nulls = _validity(values)
    data = array.array("i", (0 if value is None else value for value in values))
    return pa.Array.from_buffers(
        pa.int32(), len(values), [validity, pa.py_buffer(data)], null_count=nulls
    )


def bool_array(values: Sequence[bool]) -> Any:
    """A ``bool`` array (never null)."""
    import pyarrow as pa

    bits = bytearray((len(values) + 7) // 8)
    for index, value in enumerate(values):
        if value:
            bits[index >> 3] |= 1 << (index & 7)
    return pa.Array.from_buffers(pa.bool_(), len(values), [None, pa.py_buffer(bits)])


def list_array(values: Sequence[Sequence[str]]) -> Any:
    """A ``list<string>`` array (never null; an empty list is empty)."""
    import pyarrow as pa

    items = string_array([item for value in values for item in value])
    return pa.Array.from_buffers(
        pa.list_(pa.string()),
        len(values),
        [None, _offsets([len(value) for value in values])],
        children=[items],
    )


def dictionary_array(values: Sequence[str | None]) -> Any:
    """A ``dictionary<int32, string>`` array, the dictionary in order of first appearance."""
    import pyarrow as pa

    codes: dict[str, int] = {}
    indices = [None if value is None else codes.setdefault(value, len(codes)) for value in values]
    return pa.DictionaryArray.from_arrays(int32_array(indices), string_array(list(codes)))


def map_array(values: Sequence[dict[str, str]]) -> Any:
    """A ``list<struct<key, value>>`` array: each row's pairs, in order (never null)."""
    import pyarrow as pa

    pairs = [pair for value in values for pair in value.items()]
    entries = pa.StructArray.from_arrays(
        [string_array([k for k, _ in pairs]), string_array([v for _, v in pairs])],
        names=["key", "value"],
    )
    return pa.Array.from_buffers(
        pa.list_(entries.type),
        len(values),
        [None, _offsets([len(value) for value in values])],
        children=[entries],
    )
