"""One place for paths, defaults and the document's column contract."""

from __future__ import annotations

from pathlib import Path

DEFAULT_RAW_DIR = Path("raw")
DEFAULT_OUT_DIR = Path("out")
DEFAULT_SCHEMA_PATH = Path("schemas") / "action.schema.json"
INPUT_GLOB = "*.txt"

# Licences the data package can name (--license); CC-BY-4.0 is the default.
DEFAULT_LICENSE = "CC-BY-4.0"
LICENSES: dict[str, tuple[str, str]] = {
    "CC-BY-4.0": (
        "https://creativecommons.org/licenses/by/4.0/",
        "Creative Commons Attribution 4.0",
    ),
    "CC0-1.0": (
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "CC0 1.0 Public Domain Dedication",
    ),
    "ODbL-1.0": ("https://opendatacommons.org/licenses/odbl/1-0/", "Open Database License 1.0"),
}

# The seven table columns, in the 2018-2021 document's order: Finnish label -> record field.
# Other labels for them are in vocab/columns.csv.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("Strateginen kärki", "spearhead"),
    ("Strategiset tavoitteet", "strategic_goals"),
    ("Toimialan tavoite", "sector_goal"),
    ("Toimenpide", "action"),
    ("Vastuu", "responsible"),
    ("Riski", "risks"),
    ("Mittari", "metrics"),
)
COLUMN_FIELDS: tuple[str, ...] = tuple(field for _, field in COLUMNS)
# Without these a row means nothing: a header lacking either cannot be read.
REQUIRED_FIELDS: tuple[str, ...] = ("spearhead", "action")
# The columns whose items stay a list (the others join their items with a newline).
LIST_FIELDS: tuple[str, ...] = ("strategic_goals", "responsible", "risks", "metrics")

# A cell larger than this is not table text: it is reported, not parsed.
MAX_CELL_CHARS = 200_000
