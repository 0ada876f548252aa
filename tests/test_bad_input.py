"""Hostile and broken input, one case at a time, through the real CLI: each bad file gets
one clear line naming the file and the problem, the batch goes on, the good report's record
is always there, and the exit code says whether anything failed.

The mixed folder of the issue's "done when" (samples, their .docx/.pdf twins and all of
these at once) is tests/test_mixed_folder.py."""

from __future__ import annotations

import json
import os
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import unprivileged
from typer.testing import CliRunner

from kompetansekart.reports.cli import app

runner = CliRunner()

MB = 1024 * 1024


def _empty(folder: Path) -> Path:
    path = folder / "empty.txt"
    path.write_bytes(b"")
    return path


def _whitespace_only(folder: Path) -> Path:
    path = folder / "blank.md"
    path.write_bytes(b"  \r\n\t\n \n")
    return path


def _binary(folder: Path) -> Path:
    path = folder / "garbage.txt"
    path.write_bytes(bytes(range(256)) * 64)
    return path


def _huge_text(folder: Path) -> Path:
    """50 MB of text: refused from its size before it is read, so nothing hangs."""
    path = folder / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50 * MB)
    return path


def _symlink_loop(folder: Path) -> Path:
    a, b = folder / "loop-a.txt", folder / "loop-b.txt"
    os.symlink(b, a)
    os.symlink(a, b)
    return a


def _broken_link(folder: Path) -> Path:
    path = folder / "gone.txt"
    os.symlink(folder / "does-not-exist.txt", path)
    return path


def _fifo(folder: Path) -> Path:
    """A named pipe would block a reader for ever; it must be refused unread."""
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def _unknown_suffix(folder: Path) -> Path:
    path = folder / "budget.ods"
    path.write_bytes(b"PK\x03\x04 not an OpenDocument spreadsheet we read")
    return path


def _damaged_xlsx(folder: Path) -> Path:
    path = folder / "budget.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a spreadsheet")
    return path


LINES = ["Behovsmelding 2026", "Eier: Bodø kommune", "Ja ☒ Nei ☐"]


def _docx(folder: Path) -> Path:
    from kompetansekart.demo.docx_writer import write_docx

    return write_docx(LINES, folder / "ok.docx.tmp")


def _truncated_docx(folder: Path) -> Path:
    whole = _docx(folder)
    path = folder / "truncated.docx"
    raw = whole.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    whole.unlink()
    return path


def _renamed_text_docx(folder: Path) -> Path:
    path = folder / "notes.docx"
    path.write_text("Eier: Bodø kommune\n", "utf-8")
    return path


def _zip_bomb_docx(folder: Path) -> Path:
    """A real Word file plus 210 MB of zeros (250 kB packed): refused from the zip's
    directory, before anything is unpacked."""
    whole = _docx(folder)
    path = folder / "bomb.docx"
    with zipfile.ZipFile(whole) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        with dst.open("word/media/padding.bin", "w", force_zip64=True) as f:
            for _ in range(210):
                f.write(bytes(MB))
    whole.unlink()
    return path


def _scanned_pdf(folder: Path) -> Path:
    from kompetansekart.demo.pdf_writer import write_scanned_pdf

    return write_scanned_pdf(folder / "scan.pdf")


def _encrypted_pdf(folder: Path) -> Path:
    from kompetansekart.demo.pdf_writer import write_pdf

    return write_pdf(LINES, folder / "locked.pdf", password="hemmelig")


def _truncated_pdf(folder: Path) -> Path:
    from kompetansekart.demo.pdf_writer import write_pdf

    path = write_pdf(LINES, folder / "cut.pdf")
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 3])
    return path


# (name, builder, status, the message after "<path>: ")
CASES: list[tuple[str, Callable[[Path], Path], str, str]] = [
    ("empty", _empty, "failed", "the file is empty"),
    ("whitespace", _whitespace_only, "failed", "the file is empty"),
    ("binary", _binary, "failed", "binary data, not text (NUL bytes)"),
    ("50 MB", _huge_text, "failed", "file is 50 MB; the limit for a report is 20 MB"),
    ("symlink loop", _symlink_loop, "failed", "symbolic link loop"),
    ("broken link", _broken_link, "failed", "broken symbolic link (points to "),
    ("fifo", _fifo, "failed", "not a regular file (a named pipe)"),
    ("unknown suffix", _unknown_suffix, "skipped", "unsupported file type .ods; known types:"),
    ("damaged xlsx", _damaged_xlsx, "failed", "not a valid .xlsx: damaged or truncated zip"),
    ("truncated docx", _truncated_docx, "failed", "not a valid .docx: damaged or truncated zip"),
    ("text as docx", _renamed_text_docx, "failed", "not a valid .docx: not a zip archive"),
    ("zip bomb docx", _zip_bomb_docx, "failed", "the .docx would unpack to 210 MB, more than the"),
    ("scanned pdf", _scanned_pdf, "failed", "no text layer (a scanned PDF?): needs OCR"),
    ("encrypted pdf", _encrypted_pdf, "failed", "encrypted PDF: needs a password"),
    ("truncated pdf", _truncated_pdf, "failed", "truncated PDF: the %%EOF end marker is missing"),
]


@pytest.fixture
def folder_with_a_good_report(tmp_path: Path, corpus_dir: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    good = next(corpus_dir.glob("003_*.txt"))
    (folder / "good.txt").write_bytes(good.read_bytes())
    return folder


@pytest.mark.parametrize(
    ("build", "status", "message"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_a_bad_file_gets_one_clear_line_and_the_batch_goes_on(
    folder_with_a_good_report: Path, build, status, message
):
    bad = build(folder_with_a_good_report)
    started = time.monotonic()
    result = runner.invoke(app, ["ingest", str(folder_with_a_good_report), "-f", "json"])
    elapsed = time.monotonic() - started
    records = json.loads(result.stdout)
    assert [Path(r["source"]["path"]).name for r in records] == ["good.txt"]
    lines = [line for line in result.stderr.splitlines() if str(bad) in line]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{status}: {bad}: {message}"), lines[0]
    assert result.exit_code == (1 if status == "failed" else 0)
    summary = result.stderr.splitlines()[0]
    bad_files = len(list(folder_with_a_good_report.iterdir())) - 1  # a loop is two links
    assert summary == (
        f"{bad_files + 1} files: 0 ok, 1 with warnings, "
        f"{bad_files if status == 'failed' else 0} failed, "
        f"{bad_files if status == 'skipped' else 0} skipped"
    )
    assert elapsed < 60  # a guard against hanging (a FIFO, a huge file), not a benchmark


def test_a_file_that_cannot_be_read_for_permissions(tmp_path: Path, corpus_dir: Path):
    """A real permission error, through the real console script (tests/unprivileged.py)."""
    folder = tmp_path / "perm"
    folder.mkdir()
    good = folder / "good.txt"
    good.write_bytes(next(corpus_dir.glob("003_*.txt")).read_bytes())
    secret = folder / "secret.txt"
    secret.write_text("Eier: Bodø kommune\n", "utf-8")
    secret.chmod(0o000)
    result = unprivileged.run_cli("ingest", str(folder), "-f", "json")
    assert result.returncode == 1
    assert [r["source"]["path"] for r in json.loads(result.stdout)] == [str(good)]
    assert f"failed: {secret}: permission denied: cannot read the file" in result.stderr


def test_a_folder_that_cannot_be_listed(tmp_path: Path, corpus_dir: Path):
    folder = tmp_path / "closed"
    (folder / "inner").mkdir(parents=True)
    (folder / "good.txt").write_bytes(next(corpus_dir.glob("003_*.txt")).read_bytes())
    (folder / "inner" / "r.txt").write_text("Eier: Bodø kommune\n", "utf-8")
    (folder / "inner").chmod(0o000)
    try:
        result = unprivileged.run_cli("ingest", str(folder), "-f", "json")
    finally:
        (folder / "inner").chmod(0o755)
    assert result.returncode == 1
    assert len(json.loads(result.stdout)) == 1
    inner = folder / "inner"
    assert f"failed: {inner}: cannot list the folder: Permission denied" in result.stderr
