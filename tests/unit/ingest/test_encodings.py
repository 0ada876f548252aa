"""Text files in the encodings Norwegian offices save them in: æøå come out right, and a
diagnostic says which encoding was assumed whenever it was not plain UTF-8."""

from __future__ import annotations

import pytest

from kompetansekart.ingest.readers import reader_for

TEXT = "Kompetanseløftet for barnehage: æøå ÆØÅ\nEier:\tBodø kommune\n"
# Windows punctuation (– “ ”) is in Windows-1252 but not in ISO-8859-1.
WINDOWS_TEXT = "Tiltak 1 – «Leseløftet» og “språk” i Bodø\n"


def read(path):
    _, reader = reader_for(path)
    result = reader(path)
    return [line.text for line in result.lines], [
        d.message for d in result.diagnostics if d.code == "encoding"
    ]


@pytest.mark.parametrize(
    ("encoding", "named"),
    [
        ("utf-8", None),
        ("utf-8-sig", "UTF-8 with BOM"),
        ("utf-16", "UTF-16 (byte order mark)"),
        ("utf-16-le", "UTF-16 little-endian (no byte order mark)"),
        ("utf-16-be", "UTF-16 big-endian (no byte order mark)"),
        ("latin-1", "ISO-8859-1 / Windows-1252 (the same for these bytes)"),
        ("cp1252", "ISO-8859-1 / Windows-1252 (the same for these bytes)"),
    ],
)
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_each_encoding_gives_the_same_text_and_says_which(tmp_path, encoding, named, suffix):
    path = tmp_path / f"r{suffix}"
    path.write_bytes(TEXT.encode(encoding))
    lines, said = read(path)
    assert lines == TEXT.splitlines()
    assert said == ([] if named is None else [f"not plain UTF-8; read as {named}"])


def test_windows_punctuation_means_windows_1252(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(WINDOWS_TEXT.encode("cp1252"))
    lines, said = read(path)
    assert lines == [WINDOWS_TEXT.strip()]
    assert said == [
        "not plain UTF-8; read as Windows-1252 (it has Windows punctuation such as – or “)"
    ]


def test_bytes_undefined_in_windows_1252_mean_latin_1(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(b"Bod\xf8 \x81 kommune\n")
    lines, said = read(path)
    assert lines == ["Bodø \x81 kommune"]
    assert said == ["not plain UTF-8; read as ISO-8859-1 (latin-1)"]


def test_double_encoded_utf8_is_repaired_with_a_warning(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(TEXT.encode("utf-8").decode("cp1252").encode("utf-8"))
    lines, said = read(path)
    assert lines == TEXT.splitlines()
    assert len(said) == 1 and "double-encoded" in said[0] and "repaired" in said[0]


def test_half_double_encoded_text_is_left_alone_with_a_warning(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("Bodø og BodÃ¸\n", "utf-8")
    lines, said = read(path)
    assert lines == ["Bodø og BodÃ¸"]
    assert len(said) == 1 and "could not be repaired" in said[0]


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "utf-8-sig"])
@pytest.mark.parametrize("sample", ["003", "004"])
def test_a_real_sample_in_another_encoding_gives_the_same_record(
    tmp_path, parser, samples, corpus_dir, encoding, sample
):
    from twins import comparable

    original = next(corpus_dir.glob(f"{sample}_*.txt"))
    path = tmp_path / original.name
    path.write_bytes(original.read_text("utf-8").encode(encoding))
    record = parser.parse_file(path)
    assert comparable(record) == comparable(samples[sample])
    assert any(d.code == "encoding" for d in record.diagnostics)
