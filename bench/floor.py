"""The floor: the least any build of these documents must do, timed for comparison.

Read every file, parse with lxml every cell that holds markup or entities (``<`` or ``&``;
a plain cell needs no parser), write one Parquet file. No cleaning, no validation, no other
outputs. ``kerava-etl build`` is measured against this.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from lxml import html


def main(source: Path, target: Path) -> int:
    files = sorted(source.glob("*.txt")) if source.is_dir() else [source]
    columns: list[list[str]] = [[] for _ in range(7)]
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) != 7:
                continue
            for column, cell in zip(columns, cells, strict=True):
                column.append(
                    html.fragment_fromstring(cell, create_parent="div").text_content()
                    if "<" in cell or "&" in cell
                    else cell
                )
    table = pa.table({f"c{i}": column for i, column in enumerate(columns)})
    pq.write_table(table, target)
    return table.num_rows


if __name__ == "__main__":
    print(main(Path(sys.argv[1]), Path(sys.argv[2])))
