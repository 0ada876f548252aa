"""A needs report written as a report in Word, not a form: a table of contents (its lines
in a TOC style: the headings again, with page numbers), headings in heading styles, the
budget as lines of a label and a figure ('Eigar<TAB>420 000'), the scheme's sum last
('Sum Dekomp 2026'), a sentence saying the total again, and the owner's own time in
brackets as a figure for information. Written by these tests with python-docx
(municipality and university names are real, the people and figures are not)."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from reading import reasons, unread


def report(tmp_path: Path) -> Path:
    d = docx.Document()
    d.styles.add_style("TOC 1", WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("Behovsmelding 2026 – Dekomp")
    d.add_paragraph("Innhald")
    for line in ("1 Tiltak\t2", "1.1 Tiltak 1: Lesing i begynnaropplæringa\t3", "2 Budsjett\t4"):
        d.add_paragraph(line, style="TOC 1")
    d.add_heading("1 Tiltak", level=1)
    d.add_heading("1.1 Tiltak 1: Lesing i begynnaropplæringa", level=2)
    d.add_paragraph("Kompetansemiljø: Høgskulen på Vestlandet (HVL).")
    d.add_paragraph("Eigar\t180 000")
    d.add_paragraph("UH (HVL)\t320 000")
    d.add_paragraph("Sum tiltak 1\tkr 500 000")
    d.add_heading("2 Budsjett", level=1)
    d.add_paragraph("Samla behov for 2026 under desentralisert ordning (Dekomp) er kr 500 000.")
    d.add_paragraph("Eigar – Sunnfjord kommune\t180 000")
    d.add_paragraph("Høgskulen på Vestlandet (HVL)\t320 000")
    d.add_paragraph("Sum Dekomp 2026\tkr 500 000,-")
    d.add_paragraph("Eigeninnsats, fellestid og frikjøp (ikkje søkt om)\t(kr 240 000)")
    path = tmp_path / "rapport.docx"
    d.save(path)
    return path


def test_a_report_with_contents_reads_its_budget_once(parser, tmp_path):
    r = parser.parse_file(report(tmp_path))
    got = [(m.number, m.name, m.owner_amount, m.uh_amount, m.total_stated) for m in r.measures]
    assert got == [(1, "Lesing i begynnaropplæringa", 180_000, 320_000, 500_000)]
    assert [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        ("desentralisert", 180_000, 320_000, 500_000)
    ]
    assert r.budget_sum is None
    assert not unread(r), unread(r)
    assert any("240 000 kr: the owner's own contribution" in m for m in reasons(r)), reasons(r)


def test_the_contents_lines_are_empty_lines(tmp_path):
    from kompetansekart.ingest.readers import docx as reader

    texts = [line.text for line in reader.read(report(tmp_path)).lines]
    assert texts[:6] == ["Behovsmelding 2026 – Dekomp", "Innhald", "", "", "", "# 1 Tiltak"]
