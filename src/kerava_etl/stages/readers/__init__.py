"""The readers of the formats programmes come in: the text format, Word and PDF.

Each reader turns a file's bytes into the lines of the text format
(:mod:`.textformat`), which the one parser reads; the format is told by the bytes, not the
name (:func:`format_of`). A format that cannot be read is refused with what to do.
"""

from __future__ import annotations

import io
import zipfile

from kerava_etl.errors import KeravaError

# Extensions a directory of inputs is read for (a legacy .doc is read to be refused).
INPUT_EXTENSIONS = (".txt", ".docx", ".pdf", ".doc")

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of Office 97-2003
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # an encrypted .docx's stream


def format_of(name: str, data: bytes) -> str:
    """``"pdf"``, ``"docx"`` or ``"text"``, from the file's bytes; a format that is none of
    them but looks like a document is refused, with what to do (exit 2)."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(name, data)
    if data.startswith(_OLE2):
        if _ENCRYPTED_PACKAGE in data:
            raise KeravaError(
                "an encrypted (password-protected) Office file; save it without a password "
                "as .docx, then build again",
                file=name,
            )
        raise KeravaError(
            "a legacy binary Word document (.doc, or another Office 97-2003 file); open it "
            "in Word or LibreOffice and save it as .docx, then build again",
            file=name,
        )
    if data.lstrip()[:5] == b"{\\rtf":
        raise KeravaError(
            "a Rich Text (RTF) document; open it in Word or LibreOffice and save it as .docx",
            file=name,
        )
    return "text"


def _zip_format(name: str, data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise KeravaError(
            f"a damaged ZIP file ({exc}); a Word file (.docx) is a ZIP archive: save it again",
            file=name,
        ) from None
    if "word/document.xml" in names or any(n.startswith("word/") for n in names):
        return "docx"
    what = (
        "an OpenDocument file (.odt); save it as .docx"
        if "content.xml" in names
        else "a ZIP archive that is no Word document; give the .docx, the PDF or the text"
    )
    raise KeravaError(what, file=name)
