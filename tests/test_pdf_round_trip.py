"""Every real sample and synthetic report, printed as a PDF twin (wrapped paragraphs,
ruled tables, bold, ☒/☐, "Side N" footers, page breaks) and read back, gives the record of
its text, and the same lines: the PDF reader undoes exactly the wrapping the writer did."""

from __future__ import annotations

from pathlib import Path

import pytest
from twins import CORPUS_NAMES, DEMO_REPORTS, comparable, corpus_file, source_lines, text_record

from kompetansekart.demo.pdf_writer import write_pdf
from kompetansekart.ingest.document import clean
from kompetansekart.ingest.readers import pdf

pytestmark = pytest.mark.corpus


def kept(lines: list[str]) -> list[str]:
    """Lines as the parsers keep them (cleaned, blank ones gone)."""
    return [text for text in map(clean, lines) if text.replace("\t", "").strip()]


def assert_twin(parser, source: Path, out: Path, **options) -> None:
    lines = source_lines(source)
    twin = write_pdf(lines, out, **options)
    record = parser.parse_file(twin)
    assert record.source.format == "pdf"
    assert comparable(record) == text_record(parser, source)
    assert kept([line.text for line in pdf.read(twin).lines]) == kept(lines)


def test_demo_reports_are_found():
    assert len(DEMO_REPORTS) >= 7


@pytest.mark.parametrize("prefix", CORPUS_NAMES)
def test_real_sample_twin(corpus_dir, parser, tmp_path, prefix):
    assert_twin(parser, corpus_file(corpus_dir, prefix), tmp_path / f"{prefix}.pdf")


@pytest.mark.parametrize("source", DEMO_REPORTS, ids=lambda p: p.name)
def test_demo_report_twin(parser, tmp_path, source):
    assert_twin(parser, source, tmp_path / f"{source.stem}.pdf")


def test_owner_password_and_no_footer_do_not_change_the_record(corpus_dir, parser, tmp_path):
    source = corpus_file(corpus_dir, "004")  # seven pages, nine tables, bold choices
    out = tmp_path / "004-locked.pdf"
    assert_twin(parser, source, out, owner_password_only=True, page_numbers=False)
    messages = [d.message for d in pdf.read(out).diagnostics]
    assert "encrypted with an owner password only; read without one" in messages
