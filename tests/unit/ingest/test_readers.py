"""Readers and the document model: line numbers survive, encodings are detected."""

from __future__ import annotations

import pytest

from kompetansekart.ingest.document import Document
from kompetansekart.ingest.errors import UnreadableReport, UnsupportedFormat
from kompetansekart.ingest.readers import reader_for


def read_doc(path):
    fmt, read = reader_for(path)
    result = read(path)
    return Document.from_lines(str(path), fmt, result.lines, result.raw), result


def test_txt_keeps_original_line_numbers_and_cells(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("Tittel\n\n\nEier:\tBodø kommune\n", "utf-8")
    doc, _ = read_doc(path)
    assert [line.no for line in doc.lines] == [1, 4]
    assert doc.cells(1) == ["Eier:", "Bodø kommune"]


def test_markdown_tables_become_cells(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("# Behovsmelding\n\n| Ordning | Eier |\n|---|---|\n| Regional | 1 000 |\n")
    doc, _ = read_doc(path)
    assert doc.plain(0) == "Behovsmelding"
    assert doc.cells(1) == ["Ordning", "Eier"]
    assert doc.cells(2) == ["Regional", "1 000"]
    assert doc.no(2) == 5


def test_unknown_suffix_lists_known_ones(tmp_path):
    with pytest.raises(UnsupportedFormat, match=r"unsupported file type \.rtf; known types: "):
        reader_for(tmp_path / "r.rtf")


def test_empty_and_binary_files_are_refused_with_the_path(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    with pytest.raises(UnreadableReport, match=f"{empty}: the file is empty"):
        reader_for(empty)[1](empty)
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"abc\x00def")
    with pytest.raises(UnreadableReport, match="binary data"):
        reader_for(binary)[1](binary)


def test_content_id_ignores_layout_whitespace(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.md"
    a.write_text("Eier:  Bodø kommune\n\nÅr\n")
    b.write_text("Eier: Bodø kommune\nÅr\n")
    assert read_doc(a)[0].content_id == read_doc(b)[0].content_id
