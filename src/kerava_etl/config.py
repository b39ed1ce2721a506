"""One place for paths and defaults (the column contract is :mod:`kerava_etl.columns`)."""

from __future__ import annotations

from pathlib import Path

DEFAULT_RAW_DIR = Path("raw")
DEFAULT_OUT_DIR = Path("out")
DEFAULT_SCHEMA_PATH = Path("schemas") / "action.schema.json"
# The file that marks a directory as a build's output (publish/outdir.py): --out may be
# replaced only when it is new, empty or holds it.
OUT_MARKER = ".kerava-etl"

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
