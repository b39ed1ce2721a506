"""Stage 1, read: files on disk -> normalised source documents.

Everything about bytes is settled here, once: the format (the text format, Word or PDF,
told by the bytes: :mod:`kerava_etl.stages.readers`), encoding, byte-order marks, line
endings and Unicode normalisation. Later stages only ever see NFC lines of the text format,
and, for a PDF, the page of each line.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kerava_etl.codes import Finding, finding
from kerava_etl.errors import KeravaError
from kerava_etl.stages.readers import INPUT_EXTENSIONS, format_of, textformat
from kerava_etl.text.lexicon import Lexicon

_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)  # checked first: LE starts as UTF-16's
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class SourceDocument:
    """One input file: its name, the SHA-256 of its bytes, its NFC lines of the text format
    (no newlines), its format, and the page of each line where pages are known (a PDF, or
    the text ``kerava-etl convert`` wrote from one; otherwise empty)."""

    name: str
    sha256: str
    lines: tuple[str, ...]
    format: str = "text"  # "text", "docx" or "pdf"
    pages: tuple[int | None, ...] = ()
    findings: tuple[Finding, ...] = ()  # what its reader reported (a PDF's joined rows)

    def page(self, line: int) -> int | None:
        """The page line ``line`` (1-based) is on, or ``None`` when not known."""
        return self.pages[line - 1] if 0 < line <= len(self.pages) else None


def collect_paths(paths: Sequence[Path]) -> list[Path]:
    """Expand the command-line paths: a directory means every ``*.txt``, ``*.docx``,
    ``*.pdf`` (and ``*.doc``, to refuse it) in it, sorted by name."""
    files = [file for path in paths for file in _expanded(path)]
    names: dict[str, Path] = {}
    for file in files:
        try:
            file.name.encode("utf-8")
        except UnicodeEncodeError:
            raise KeravaError(
                "the file name is not valid UTF-8; rename the file", file=_shown(file)
            ) from None
        if file.name in names:
            raise KeravaError(
                f"two inputs are named {file.name} ({_shown(names[file.name])}); source_file "
                "could not tell their records apart: rename one",
                file=_shown(file),
            )
        names[file.name] = file
    return files


def _expanded(path: Path) -> list[Path]:
    """One command-line path's input files."""
    try:
        if path.is_dir():
            os.scandir(path).close()  # an unreadable directory is an error, not an empty one
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in INPUT_EXTENSIONS)
            if not found:
                kinds = ", ".join(f"*{extension}" for extension in INPUT_EXTENSIONS[:3])
                raise KeravaError(f"no {kinds} files in this directory", file=_shown(path))
            for entry in found:  # an input the build cannot read is never left out silently
                if not entry.is_file():
                    raise KeravaError(_not_a_file(entry), file=_shown(entry))
            return found
        if path.is_file():
            return [path]
        if path.exists():
            raise KeravaError("not a regular file or directory", file=_shown(path))
        raise KeravaError("no such file or directory", file=_shown(path))
    except OSError as exc:
        raise KeravaError(f"cannot use this path: {exc.strerror}", file=_shown(path)) from None


def _not_a_file(entry: Path) -> str:
    """Why a directory's ``*.txt`` entry cannot be read as an input."""
    if entry.is_symlink() and not entry.exists():
        kind = "a symbolic link to nothing (dangling, or a loop)"
    elif entry.is_dir():
        kind = "a directory"
    else:
        kind = "not a regular file (a pipe, a socket or a device)"
    return f"{kind}, named like an input: remove it, or give the inputs one by one"


def _shown(path: Path) -> str:
    """A path as text that can always be printed (undecodable bytes as ``\\xff``)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_documents(paths: Iterable[Path], lexicon: Lexicon | None = None) -> list[SourceDocument]:
    """Read each file in its format; raise :class:`KeravaError` for one that cannot be read.
    ``lexicon`` judges a PDF's line-end hyphens where its layout cannot."""
    documents = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise KeravaError(f"cannot read the file: {exc.strerror}", file=str(path)) from None
        documents.append(read_document(path.name, data, lexicon))
    return documents


def read_document(name: str, data: bytes, lexicon: Lexicon | None = None) -> SourceDocument:
    """One file's bytes as a :class:`SourceDocument`, in the format its bytes tell (pure)."""
    kind = format_of(name, data)
    if kind == "text":
        return decode_document(name, data)
    sha256 = hashlib.sha256(data).hexdigest()
    if kind == "docx":
        from kerava_etl.stages.readers.docx import read_docx

        lines = read_docx(name, data)
        return _document(name, sha256, lines, "docx", ())
    from kerava_etl.stages.readers.pdf import read_pdf

    converted = read_pdf(name, data, lexicon)
    notes = tuple(
        finding(note.code, name, note.line, value=note.value, params=note.params)
        for note in converted.notes
    )
    return _document(name, sha256, converted.lines, "pdf", converted.pages, notes)


def _document(
    name: str,
    sha256: str,
    lines: list[str],
    kind: str,
    pages: Sequence[int | None],
    findings: tuple[Finding, ...] = (),
) -> SourceDocument:
    normal = tuple(unicodedata.normalize("NFC", line) for line in lines)
    return SourceDocument(name, sha256, normal, kind, tuple(pages), findings)


def decode_document(name: str, data: bytes) -> SourceDocument:
    """Decode one text file's bytes into a :class:`SourceDocument` (pure; no file system).

    Page markers (``<!-- sivu N -->``, as ``kerava-etl convert`` writes a PDF's pages)
    give the page of the lines after them."""
    text = _decode(name, data)
    if "\n" in text:  # a stray carriage return is a space, not a line break
        text = text.replace("\r\n", "\n").replace("\r", " ")
    else:  # old Mac line endings
        text = text.replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    sha256 = hashlib.sha256(data).hexdigest()
    return SourceDocument(name, sha256, tuple(lines), "text", _marked_pages(lines))


def _marked_pages(lines: Sequence[str]) -> tuple[int | None, ...]:
    """The page of each line as the page markers say; ``()`` when there is none."""
    if not any(line.startswith("<!-- sivu ") for line in lines):
        return ()
    pages: list[int | None] = []
    page: int | None = None
    for line in lines:
        page = textformat.page_of(line) or page
        pages.append(page)
    return tuple(pages)


def _decode(name: str, data: bytes) -> str:
    for boms, encoding in ((_UTF32_BOMS, "utf-32"), (_UTF16_BOMS, "utf-16")):
        if data.startswith(boms):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise KeravaError(
                    f"not {encoding.upper()} text despite its byte-order mark: undecodable "
                    f"bytes at byte offset {exc.start}",
                    file=name,
                ) from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    nul = data.find(b"\x00")
    if nul >= 0:
        utf16 = _utf16_without_mark(data)
        if utf16 is not None:
            raise KeravaError(
                f"{utf16} text without a byte-order mark, not UTF-8; convert it first, e.g. "
                f"`iconv -f {utf16} -t utf-8`",
                file=name,
            )
        raise KeravaError(
            f"binary data: NUL byte at byte offset {nul}; expected UTF-8 text, a Word file "
            "(.docx) or a PDF",
            file=name,
            line=_line_of(data, nul),
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _undecodable(name, data, exc.start, "UTF-8") from None


def _undecodable(name: str, data: bytes, offset: int, encoding: str) -> KeravaError:
    hint = _guess_encoding(data)
    advice = (
        f"it looks like {hint}; convert it first, e.g. `iconv -f {hint} -t utf-8`"
        if hint
        else "convert it to UTF-8 first"
    )
    return KeravaError(
        f"not {encoding} text: undecodable byte 0x{data[offset]:02x} at byte offset {offset}; "
        f"{advice}",
        file=name,
        line=_line_of(data, offset),
    )


def _line_of(data: bytes, offset: int) -> int:
    """The 1-based line of a byte offset, counting lines as :func:`decode_document` does."""
    newline = b"\n" if b"\n" in data else b"\r"
    return data.count(newline, 0, offset) + 1


def _utf16_without_mark(data: bytes) -> str | None:
    """``UTF-16LE`` or ``UTF-16BE`` for text in it without a byte-order mark (Latin letters
    have a NUL as every other byte), else ``None``."""
    sample = data[:4096]
    for encoding, zeros in (("UTF-16LE", sample[1::2]), ("UTF-16BE", sample[0::2])):
        if len(sample) >= 2 and len(sample) % 2 == 0 and zeros.count(0) >= 0.9 * len(zeros):
            try:
                data.decode(encoding.lower())
            except UnicodeDecodeError:
                continue
            return encoding
    return None


def _guess_encoding(data: bytes) -> str | None:
    """Name the likely encoding for the error message only; the input is never guessed into.

    Windows-1252 (Latin-1's letters and a few more: how Finnish text saved on Windows
    comes) when the bytes decode as it, unless they are mostly UTF-8 with a few bad bytes
    (converting those from Windows-1252 would garble the rest). Nothing otherwise: other
    single-byte encodings decode as Windows-1252 too, and bytes alone cannot tell them apart.
    """
    as_utf8 = data.decode("utf-8", "replace")
    bad = as_utf8.count("\ufffd")
    good = sum(1 for char in as_utf8 if char > "\x7f") - bad  # beyond ASCII, valid UTF-8
    if good >= bad:
        return None
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return "windows-1252"
