"""Regenerate the generated tables of README.md and docs/reading.md, and out/README.md.

`make docs` runs this; tests/test_outputs.py fails when the committed files differ.
"""

from __future__ import annotations

import re
from pathlib import Path

from kerava_etl.codes import findings_table, flags_table
from kerava_etl.columns import columns_table
from kerava_etl.models import data_dictionary
from kerava_etl.publish.outputs import out_readme
from kerava_etl.vocab import vocabulary_files_table

ROOT = Path(__file__).resolve().parent.parent
# file -> marker -> the table generated between its start and end markers
TABLES = {
    "README.md": {"data-dictionary": data_dictionary},
    "docs/reading.md": {
        "columns": columns_table,
        "quality-flags": flags_table,
        "findings": findings_table,
        "vocabulary-files": vocabulary_files_table,
    },
}


def main() -> None:
    for name, tables in TABLES.items():
        path = ROOT / name
        text = path.read_text("utf-8")
        for tag, table in tables.items():
            text = re.sub(
                rf"<!-- {tag}:start -->\n.*?\n<!-- {tag}:end -->",
                lambda _, tag=tag, table=table: (
                    f"<!-- {tag}:start -->\n{table()}\n<!-- {tag}:end -->"
                ),
                text,
                flags=re.DOTALL,
            )
        path.write_text(text, encoding="utf-8")
    (ROOT / "out" / "README.md").write_text(out_readme(), encoding="utf-8")


if __name__ == "__main__":
    main()
