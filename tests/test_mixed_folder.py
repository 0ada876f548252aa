"""The formats issue's "done when": one folder holding the five real samples (.txt), their
generated .docx and .pdf twins, and every kind of bad file, ingested by ONE run of the real
console script, gives exactly the expected outcome per file: each twin the record of its
text, each bad file one clear line, the exit code 1, and every good record in the output.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
import unprivileged
from twins import comparable, source_lines

from kompetansekart.demo.docx_writer import write_docx
from kompetansekart.demo.pdf_writer import write_pdf, write_scanned_pdf
from kompetansekart.ingest.records import from_json, redact

pytestmark = pytest.mark.corpus

MB = 1024 * 1024
SHORT = ["Behovsmelding 2026", "Eier: Bodø kommune", "Ja ☒ Nei ☐"]

# file name -> (status, message after "<path>: ") for the bad files
BAD = {
    "empty.txt": ("failed", "the file is empty"),
    "garbage.txt": ("failed", "binary data, not text (NUL bytes)"),
    "huge.txt": ("failed", "file is 50 MB; the limit for a report is 20 MB"),
    "truncated.docx": ("failed", "not a valid .docx: damaged or truncated zip archive"),
    "bomb.docx": ("failed", "the .docx would unpack to 210 MB, more than the 200 MB limit"),
    "scan.pdf": ("failed", "no text layer (a scanned PDF?): needs OCR"),
    "locked.pdf": ("failed", "encrypted PDF: needs a password"),
    "budget.xlsx": ("failed", "not a valid .xlsx: damaged or truncated zip archive"),
    "loop-a.txt": ("failed", "symbolic link loop"),
    "loop-b.txt": ("failed", "symbolic link loop"),
    "secret.txt": ("failed", "permission denied: cannot read the file"),
}


def make_bad_files(folder: Path) -> None:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "garbage.txt").write_bytes(bytes(range(256)) * 64)
    with (folder / "huge.txt").open("wb") as f:
        f.truncate(50 * MB)
    whole = write_docx(SHORT, folder / "whole.tmp")
    raw = whole.read_bytes()
    (folder / "truncated.docx").write_bytes(raw[: len(raw) // 2])
    with (
        zipfile.ZipFile(whole) as src,
        zipfile.ZipFile(folder / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        with dst.open("word/media/padding.bin", "w", force_zip64=True) as f:
            for _ in range(210):
                f.write(bytes(MB))
    whole.unlink()
    write_scanned_pdf(folder / "scan.pdf")
    write_pdf(SHORT, folder / "locked.pdf", password="hemmelig")
    (folder / "budget.xlsx").write_bytes(b"PK\x03\x04 not a spreadsheet")
    os.symlink(folder / "loop-b.txt", folder / "loop-a.txt")
    os.symlink(folder / "loop-a.txt", folder / "loop-b.txt")
    (folder / "secret.txt").write_text("Eier: Bodø kommune\n", "utf-8")
    (folder / "secret.txt").chmod(0o000)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, corpus_dir: Path) -> tuple[Path, dict[str, Path]]:
    """The folder, and for each good file the sample whose record it must give."""
    folder = tmp_path_factory.mktemp("mixed")
    twin_of: dict[str, Path] = {}
    for n, sample in enumerate(sorted(corpus_dir.glob("*.txt"))):
        stem = sample.name[:3]
        (folder / sample.name).write_bytes(sample.read_bytes())
        lines = source_lines(sample)
        kind = "content-control" if n % 2 == 0 else "legacy"
        write_docx(lines, folder / f"{stem}-twin.docx", checkboxes=kind)
        write_pdf(lines, folder / f"{stem}-twin.pdf")
        for name in (sample.name, f"{stem}-twin.docx", f"{stem}-twin.pdf"):
            twin_of[name] = sample
    make_bad_files(folder)
    return folder, twin_of


@pytest.fixture(scope="module")
def run(mixed):
    folder, _ = mixed
    return unprivileged.run_cli("ingest", str(folder), "-f", "json")


def test_every_file_has_exactly_its_expected_outcome(mixed, run):
    folder, twin_of = mixed
    assert len(twin_of) == 15
    outcome_lines = run.stderr.splitlines()[1:]
    said = {Path(line.split(": ", 2)[1]).name: line for line in outcome_lines}
    assert set(said) == set(BAD), run.stderr
    for name, (status, message) in BAD.items():
        assert said[name].startswith(f"{status}: {folder / name}: {message}"), said[name]
    assert run.stderr.splitlines()[0] == ("26 files: 0 ok, 15 with warnings, 11 failed, 0 skipped")
    assert run.returncode == 1


def test_every_good_file_gives_the_record_of_its_text(mixed, run, parser):
    _, twin_of = mixed
    records = {Path(r["source"]["path"]).name: r for r in json.loads(run.stdout)}
    assert set(records) == set(twin_of)
    for name, sample in twin_of.items():
        expected = comparable(redact(parser.parse_file(sample)))
        got = comparable(from_json(records[name]))
        assert got == expected, name
        assert records[name]["source"]["format"] == Path(name).suffix[1:]
