"""PDF: the ruled tables of a programme, page by page, as lines of the text format."""

from __future__ import annotations

from kerava_etl.errors import KeravaError
from kerava_etl.text.lexicon import Lexicon


def read_pdf(name: str, data: bytes, lexicon: Lexicon | None) -> tuple[list[str], list[int | None]]:
    """The lines of the text format a PDF gives, and the page of each line."""
    raise KeravaError(
        "reading a PDF is not supported by this version; give the Word file or the text",
        file=name,
    )
