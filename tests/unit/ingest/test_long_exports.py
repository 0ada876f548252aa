"""A report exported one fact per row ('Seksjon | Felt | Verdi | Enhet | Kilde'), a term
span written 'H26–V27', and a measure the report withdraws. Written by these tests
(municipality and university names are real, the people and figures are not)."""

from __future__ import annotations

from openpyxl import Workbook
from reading import parse_text, reasons, unread

from kompetansekart.ingest.readers.long_table import long_lines
from kompetansekart.ingest.records import Line

ROWS = [
    ("Søknad", "Ordning", "Desentralisert ordning (Dekomp)", "", ""),
    ("Søknad", "Behovsår", 2026, "", ""),
    ("Søknad", "Videreføring av fjorårets behovsmelding", "Nei", "", ""),
    ("Fase", "Analyse", False, "", ""),
    ("Fase", "Planlegging", True, "", ""),
    ("Fase", "Gjennomføring", True, "", ""),
    ("Søker", "Eier", "Hamar kommune", "", ""),
    ("UH", "Institusjon", "Universitetet i Innlandet (INN)", "", ""),
    ("UH", "Orgnr", "918108467", "", "Enhetsregisteret"),
    ("Tiltak 1", "Navn", "Profesjonsfellesskap", "", ""),
    ("Tiltak 1", "Periode", "H26–V27", "", ""),
    ("Tiltak 1", "Eierandel", 180000, "NOK", ""),
    ("Tiltak 1", "UH-andel", 320, "kNOK", "tilbud INN"),
    ("Tiltak 1", "Egeninnsats", 380, "timer", ""),
    ("Medvirkning", "Drøftet med tillitsvalgte", True, "", ""),
    ("Medvirkning", "Utdanningsforbundet", True, "", ""),
    ("Medvirkning", "Fagforbundet", False, "", ""),
    ("Medvirkning", "Merknad", "Drøftingsmøte 14.01.2026", "", ""),
    ("Historikk", "Tildelt 2025", 610000, "NOK", "vedtak 2025"),
]


def _export(path):
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Data"
    sheet.append(["Seksjon", "Felt", "Verdi", "Enhet", "Kilde"])
    for row in ROWS:
        sheet.append(list(row))
    wb.save(path)
    return path


def test_a_long_table_reads_as_its_parts_and_fields():
    lines = [
        Line(1, "Ark: Data", "x.xlsx", 1),
        Line(2, "Seksjon\tFelt\tVerdi\tEnhet\tKilde", "x.xlsx"),
        Line(3, "Tiltak 1\tUH-andel\t320\tkNOK\ttilbud", "x.xlsx"),
        Line(4, "Tiltak 1\tTimer\t380\ttimer", "x.xlsx"),
        Line(5, "Fase\tAnalyse\tNei", "x.xlsx"),
        Line(6, "Fase\tPlanlegging\tJa", "x.xlsx"),
    ]
    got = [(line.no, line.text, line.heading) for line in long_lines(lines)]
    assert got == [
        (1, "Ark: Data", 1),
        (3, "Tiltak 1", 2),
        (3, "UH-andel: 320 tusen kr (tilbud)", 0),
        (4, "Timer: 380 timer", 0),
        (5, "Fase: ☐ Analyse ☒ Planlegging", 0),
    ]


def test_a_reports_facts_exported_one_per_row_read_as_its_form(parser, tmp_path):
    r = parser.parse_file(_export(tmp_path / "eksport.xlsx"))
    assert r.owner.id == "orgnr:970540008"
    assert r.year == 2026 and r.schemes == ["desentralisert"] and r.continuation is False
    assert r.phases == ["planlegging", "gjennomforing"]
    assert [u.id for u in r.uh] == ["orgnr:918108467"]
    # the number under 'UH' is the UH's: no mismatch with the owner's
    assert not [d for d in r.diagnostics if d.code == "orgnr-mismatch"]
    m = r.measures[0]
    assert (m.owner_amount, m.uh_amount, m.terms) == (180_000, 320_000, ["H2026", "V2027"])
    assert r.union_consultation.held is True
    assert r.union_consultation.unions == ["Utdanningsforbundet"]  # Fagforbundet: no
    assert any("610 000 kr" in n and "earlier year's grant" in n for n in reasons(r))
    assert not unread(r), unread(r)


def test_a_withdrawn_measure_is_no_measure(parser, tmp_path):
    text = (
        "# Behovsmelding 2026\n\nEier: Lillestrøm kommune\nUH: OsloMet\n\n## Tiltak\n\n"
        "| Nr | Tiltak | Eier (kr) | UH (kr) | Sum (kr) |\n|---|---|---|---|---|\n"
        "| 1 | Lek og vennskap | 200 000 | 350 000 | 550 000 |\n"
        "| 2 | Digital praksis (utgår) | 80 000 | 120 000 | 200 000 |\n"
        "| 3 | Språkmiljø | 150 000 | 250 000 | 400 000 |\n"
        "| 4 | Leiing | 50 000 | 50 000 | 100 000 |\n\n"
        "Tiltak 4 er trukket etter dialog i arbeidsgruppen.\n"
    )
    r = parse_text(parser, tmp_path, text, "utgar.md")
    assert [m.number for m in r.measures] == [1, 3]
    said = [d.message for d in r.diagnostics if d.code == "measure-withdrawn"]
    assert len(said) == 2 and "80 000 kr" in said[0], said
