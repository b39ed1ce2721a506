"""Read stage: bytes are settled once (encoding, BOM, line endings, NFC) or refused clearly."""

from __future__ import annotations

import codecs
import os
import unicodedata
from pathlib import Path

import pytest

from kerava_etl.errors import ExitCode, KeravaError
from kerava_etl.stages.read import collect_paths, decode_document


def test_bom_crlf_and_nfd_are_normalised() -> None:
    text = unicodedata.normalize("NFD", "Sähkö\tä\r\nrivi 2\r\nrivi 3\r\n")
    doc = decode_document("a.txt", codecs.BOM_UTF8 + text.encode("utf-8"))
    assert doc.lines == ("Sähkö\tä", "rivi 2", "rivi 3")
    assert all(unicodedata.is_normalized("NFC", line) for line in doc.lines)


def test_a_stray_carriage_return_is_a_space_and_cr_only_files_are_lines() -> None:
    assert decode_document("a.txt", b"yksi\rkaksi\nkolme\n").lines == ("yksi kaksi", "kolme")
    assert decode_document("a.txt", b"yksi\rkaksi\r").lines == ("yksi", "kaksi")


def test_utf32_with_bom_is_read() -> None:
    assert decode_document("a.txt", "Kärki\n".encode("utf-32")).lines == ("Kärki",)


def test_utf16_with_bom_is_read() -> None:
    doc = decode_document("a.txt", "Kärki\n".encode("utf-16"))
    assert doc.lines == ("Kärki",)


def test_not_utf8_is_refused_naming_the_byte_offset_and_line() -> None:
    data = "rivi\nKärki ja työ\n".encode("cp1252")
    with pytest.raises(KeravaError) as caught:
        decode_document("latin.txt", data)
    error = caught.value
    assert (error.file, error.line, error.exit_code) == ("latin.txt", 2, ExitCode.UNREADABLE)
    assert "byte offset 6" in error.message and "0xe4" in error.message
    assert str(error).startswith("latin.txt:2: not UTF-8 text")


def test_nul_bytes_are_refused_as_binary() -> None:
    with pytest.raises(KeravaError, match="binary data: NUL byte at byte offset 3"):
        decode_document("bin.txt", b"abc\x00def")


def test_directory_means_every_txt_docx_pdf_and_doc_sorted(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "notes.md", "c.docx", "d.PDF", "e.doc", "f.xlsx"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    names = [p.name for p in collect_paths([tmp_path])]
    assert names == ["a.txt", "b.txt", "c.docx", "d.PDF", "e.doc"]  # a .doc, to be refused


def test_missing_path_and_empty_directory_are_errors(tmp_path: Path) -> None:
    with pytest.raises(KeravaError, match="no such file or directory"):
        collect_paths([tmp_path / "nope.txt"])
    with pytest.raises(KeravaError, match=r"no \*\.txt, \*\.docx, \*\.pdf files"):
        collect_paths([tmp_path])


def test_two_inputs_with_one_name_are_refused(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text("x", encoding="utf-8")
    with pytest.raises(KeravaError, match=r"two inputs are named x\.txt"):
        collect_paths([tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt"])


def test_odd_paths_are_clear_errors(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(KeravaError, match="not a regular file"):
        collect_paths([fifo])
    fifo.unlink()
    with pytest.raises(KeravaError, match="cannot use this path"):
        collect_paths([tmp_path / ("a" * 300 + ".txt")])
    bad_name = Path(os.fsdecode(bytes(tmp_path) + b"/doc\xff.txt"))
    bad_name.write_text("x", encoding="utf-8")
    with pytest.raises(KeravaError, match="not valid UTF-8"):
        collect_paths([tmp_path])


@pytest.mark.parametrize("kind", ["dangling link", "directory", "fifo"])
def test_an_unreadable_entry_of_an_input_directory_is_an_error_not_left_out(
    kind: str, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    odd = tmp_path / "b.txt"
    if kind == "dangling link":
        odd.symlink_to(tmp_path / "missing.txt")
    elif kind == "directory":
        odd.mkdir()
    else:
        os.mkfifo(odd)
    with pytest.raises(KeravaError) as raised:
        collect_paths([tmp_path])
    assert raised.value.file == str(odd)
    assert "named like an input" in str(raised.value)


def test_a_file_name_with_a_line_break_is_shown_on_one_line() -> None:
    from kerava_etl.codes import finding

    shown = finding("board_missing", "a\nb.txt", 12).location()
    assert shown == "a\\nb.txt:12"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_named_with_its_conversion(encoding: str) -> None:
    data = "Strateginen kärki\tStrategiset tavoitteet\nrivi\n".encode(encoding)
    with pytest.raises(KeravaError) as raised:
        decode_document("u16.txt", data)
    name = encoding.upper().replace("-16-", "-16")
    assert f"{name} text without a byte-order mark" in str(raised.value)
    assert f"iconv -f {name} -t utf-8" in str(raised.value)


def test_binary_data_with_nul_bytes_is_still_binary() -> None:
    with pytest.raises(KeravaError, match="binary data: NUL byte"):
        decode_document("kuva.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


WINDOWS_1252_HINT = "it looks like windows-1252; convert it first, e.g. `iconv -f windows-1252 -t"
UTF8_LINES = "Strateginen kärki\tToimenpide\nKeravan työllisyys ja elinvoima\n" * 20


@pytest.mark.parametrize(
    ("data", "hint"),
    [
        ("Kärki ja työ\n".encode("latin-1"), WINDOWS_1252_HINT),
        # Word's quotes, dash and euro sign (a detector once took these for Hebrew DOS, cp862)
        ("Hinta 5 € – ”työ”\n".encode("cp1252"), WINDOWS_1252_HINT),
        # UTF-8 but for one stray byte: converting from windows-1252 would garble the rest
        (UTF8_LINES.encode() + b"\xff\n" + UTF8_LINES.encode(), "convert it to UTF-8 first"),
        ("Kärki ja ty".encode() + b"\xc3", "convert it to UTF-8 first"),  # cut inside a letter
        (b"K\xe4rki \x81\x8d\n", "convert it to UTF-8 first"),  # not windows-1252 either
    ],
)
def test_text_not_utf8_names_windows_1252_only_when_it_fits(data: bytes, hint: str) -> None:
    with pytest.raises(KeravaError) as raised:
        decode_document("x.txt", data)
    assert str(raised.value).startswith("x.txt:") and "not UTF-8 text" in str(raised.value)
    assert hint in str(raised.value)
