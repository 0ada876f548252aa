"""Every real sample and synthetic report, written as a Word twin (tables, checkbox content
controls or legacy form fields, bold runs) and read back, gives the record of its text."""

from __future__ import annotations

from pathlib import Path

import pytest
from twins import (
    CORPUS_NAMES,
    DEMO_REPORTS,
    ROOT,
    comparable,
    corpus_file,
    source_lines,
    text_record,
)

from kompetansekart.demo.docx_writer import write_docx
from kompetansekart.ingest.readers import docx

pytestmark = pytest.mark.corpus

KINDS = ["content-control", "legacy"]


def assert_twin(parser, source: Path, out: Path, kind: str) -> None:
    twin = write_docx(source_lines(source), out, checkboxes=kind)
    record = parser.parse_file(twin)
    assert record.source.format == "docx"
    assert comparable(record) == text_record(parser, source)


def test_demo_reports_are_found():
    assert len(DEMO_REPORTS) >= 7


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("prefix", CORPUS_NAMES)
def test_real_sample_twin(corpus_dir, parser, tmp_path, prefix, kind):
    assert_twin(parser, corpus_file(corpus_dir, prefix), tmp_path / f"{prefix}.docx", kind)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("source", DEMO_REPORTS, ids=lambda p: p.name)
def test_demo_report_twin(parser, tmp_path, source, kind):
    assert_twin(parser, source, tmp_path / f"{source.stem}.docx", kind)


@pytest.mark.parametrize("name", ["form2026-vagan.txt", "form2024-vefsn.txt"])
def test_boxes_kept_as_text(parser, tmp_path, name):
    source = ROOT / "demo" / "reports" / name
    assert_twin(parser, source, tmp_path / f"{source.stem}.docx", "text")


def test_header_and_page_footer_do_not_change_the_record(parser, tmp_path):
    source = ROOT / "demo" / "reports" / "form2026-vagan.txt"
    twin = write_docx(
        source_lines(source),
        tmp_path / "vagan.docx",
        header="Behovsmelding for lokal kompetanseutvikling",
        footer_page_numbers=True,
    )
    lines = [line.text for line in docx.read(twin).lines]
    assert lines[0] == "Behovsmelding for lokal kompetanseutvikling"
    assert not any(line.startswith("Side ") for line in lines)
