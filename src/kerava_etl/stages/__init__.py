"""The pipeline's stages, in the order they run: read, parse, normalise, ids, validate.

Only ``read`` touches the file system; the others are functions from data to data.
"""

from __future__ import annotations

from collections.abc import Callable

# A progress callback: (stage, done, total). The CLI draws it as a bar on a terminal.
Progress = Callable[[str, int, int], None]
