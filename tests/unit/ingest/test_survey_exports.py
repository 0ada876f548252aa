"""A survey tool's export as the report (Microsoft Forms, Nettskjema): one sheet, a header
row of the form's questions as asked, and one row of answers under it. The measures are
groups of columns ('Tiltak 1: Beløp fra eier (kr)'), several answers are joined with ';'
the way Forms writes them, and a question may carry its instruction ('Flere svar mulig',
'(velg ett alternativ)'). A report for the regional scheme alone is about kindergartens.

The workbooks are written by these tests with openpyxl (municipality and university names
are real, the people and figures are not)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from reading import parse_text, unread

from kompetansekart.ingest.labels import key

ANSWERS = [
    ("ID", 7),
    ("Starttidspunkt", "2025-11-21 13:02:11"),
    ("E-post", "kari.nordli@example.org"),
    ("Navn", "Kari Nordli"),
    ("Hvilket år gjelder behovsmeldingen? (velg ett alternativ)", "2026"),
    ("Navn på barnehageeier/kommune som sender inn behovsmeldingen", "Levanger kommune"),
    ("Organisasjonsnummer til eier", "938 587 051"),
    ("Hvilken ordning gjelder behovsmeldingen? (velg ett alternativ)", "Regional ordning (Rekomp)"),
    ("Hvor mye fikk dere tildelt i 2025?", "kr 780 000 (eier 280 000 / DMMH 500 000)"),
    ("Hvilken/hvilke UH-institusjon(er) samarbeider dere med?", "Dronning Mauds Minne Høgskole;"),
    ("Tiltak 1: Navn på tiltak", "Språkmiljø for de yngste"),
    ("Tiltak 1: Beløp fra eier (kr)", 180000),
    ("Tiltak 1: Beløp til UH (kr)", "kr 320 000"),
    ("Tiltak 1: Sum for tiltaket (kr)", "500 000"),
    ("Tiltak 1: Når gjennomføres tiltaket? Flere svar mulig", "Vår 2026;Høst 2026;"),
    ("Tiltak 2: Navn på tiltak", ""),
    ("Tiltak 2: Beløp fra eier (kr)", ""),
    ("Samlet beløp til eier for alle tiltak (kr)", 180000),
    ("Samlet beløp til UH for alle tiltak (kr)", "320 000 NOK"),
    ("Totalt beløp dere melder behov for i 2026 (kr)", "kr 500 000"),
    ("Har tillitsvalgte vært involvert i arbeidet? (velg ett alternativ)", "Ja"),
]


def export(tmp_path: Path, answers=ANSWERS) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append([q for q, _ in answers])
    ws.append([a for _, a in answers])
    path = tmp_path / "forms.xlsx"
    wb.save(path)
    return path


def test_one_response_under_the_questions_is_the_report(parser, tmp_path):
    r = parser.parse_file(export(tmp_path))
    assert r.year == 2026 and r.schemes == ["regional"]
    assert r.owner.id == "orgnr:938587051"
    assert [u.id for u in r.uh] == ["orgnr:971574747"]
    got = [(m.number, m.name, m.owner_amount, m.uh_amount, m.total_stated) for m in r.measures]
    assert got == [(1, "Språkmiljø for de yngste", 180_000, 320_000, 500_000)]  # not the empty 2
    assert r.measures[0].terms == ["V2026", "H2026"]
    assert [(b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        (180_000, 320_000, 500_000)
    ]
    assert r.union_consultation.held is True
    assert not unread(r), unread(r)  # last year's grant is named as such
    assert any("earlier year" in d.message for d in r.diagnostics if d.code == "amount-not-budget")


def test_a_table_of_one_measure_is_no_response_row(parser, tmp_path):
    # short column labels over one row: a measures table, read as a measure
    wb = Workbook()
    ws = wb.active
    for row in [
        ["Behovsår: 2026"],
        ["Eier: Levanger kommune"],
        [],
        ["Nr", "Tiltak", "UH", "Periode", "Eier", "UH-del", "Sum", "Merknad"],
        [1, "Lek og språk", "DMMH", "V2026", 100000, 200000, 300000, "ny"],
    ]:
        ws.append(row)
    path = tmp_path / "one.xlsx"
    wb.save(path)
    r = parser.parse_file(path)
    got = [(m.number, m.name, m.owner_amount, m.total_stated, m.terms) for m in r.measures]
    assert got == [(1, "Lek og språk", 100_000, 300_000, ["V2026"])]
    assert r.owner.id == "orgnr:938587051" and r.budget == []


def test_a_surveys_instruction_is_no_part_of_its_label():
    assert key("Når gjennomføres tiltaket? Flere svar mulig") == key("Når gjennomføres tiltaket")
    assert key("Hva slags eier er dere? (velg ett alternativ)") == key("Hva slags eier er dere")
    assert key("Org.nr.*") == key("Org.nr.")


def test_the_regional_scheme_alone_says_kindergartens(parser, tmp_path):
    text = "Behovsmelding 2026\nOrdning: Rekomp\nEier: Levanger kommune\n"
    r = parse_text(parser, tmp_path, text)
    assert r.sector == "barnehage"
    assert any(d.code == "sector-from-scheme" for d in r.diagnostics)
    stated = parse_text(parser, tmp_path, text + "Sektor: Grunnskole\n", "b.txt")
    assert stated.sector == "grunnskole"  # what the report says wins
    both = parse_text(parser, tmp_path, text.replace("Rekomp", "Rekomp, Dekomp"), "c.txt")
    assert both.sector is None
