"""A county office's workbook template: a sheet of instructions with an example row, a
form sheet whose checkboxes are linked cells (TRUE/FALSE beside each option), a measures
sheet under its title 'Tiltak – Kompetanseløftet 2026, Tromsø kommune' with a 'Kontroll'
column, and a budget sheet whose rows of schemes not asked for are empty. The workbooks
are written by these tests with openpyxl (municipality and university names are real,
the people and figures are not)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from reading import reasons, unread


def template(tmp_path: Path) -> Path:
    wb = Workbook()
    guide = wb.active
    guide.title = "Veiledning"
    for row in [
        ["Slik fyller du ut malen"],
        ["Eksempel på utfylling (skal ikke tas med):"],
        ["Tiltak", "Eier", "UH", "Sum"],
        ["Eksempel: Tiltak 0 – Lesing", 100000, 150000, 250000],
    ]:
        guide.append(row)
    form = wb.create_sheet("Skjema")
    for row in [
        ["1. Om behovsmeldingen"],
        ["Behovet gjelder år", 2026],
        ["Ordning (kryss av)", "Regional ordning (Rekomp)", False],
        [None, "Desentralisert ordning (Dekomp)", False],
        [None, "Kompetanseløftet for spesialpedagogikk og inkluderende praksis", True],
        ["Sektor (flere kryss mulig)", "Barnehage", True],
        [None, "Skole", True],
        ["Hvilken fase er partnerskapet i?", "Analyse av behov", False],
        [None, "Planlegging av tiltak", True],
        [None, "Gjennomføring av tiltak", True],
        ["Navn på eier", "Tromsø kommune"],
        ["3. Universitet/høgskole (UH)"],
        ["UH-institusjon", "UiT Norges arktiske universitet"],
        ["Fakultet/institutt/senter", "Institutt for lærerutdanning og pedagogikk (ILP)"],
        ["Kontaktperson UH (navn)", "Tor Einar Bakkevoll"],
        ["E-post", "tor.bakkevoll@example.org"],
    ]:
        form.append(row)
    measures = wb.create_sheet("Tiltak")
    for row in [
        ["Tiltak – Kompetanseløftet 2026, Tromsø kommune"],
        [],
        ["Nr", "Navn på tiltak", "Semester", "Eier", "UH", "Sum", "Kontroll"],
        [1, "Inkluderende læringsmiljø", "Vår 2026 / Høst 2026", 220000, 380000, 600000, "OK"],
        [2, "Laget rundt eleven", "H26–V27", 300000, "450 000 NOK", 750000, "OK"],
    ]:
        measures.append(row)
    budget = wb.create_sheet("Budsjett")
    for row in [
        ["Budsjett – samlet behov 2026 per ordning"],
        ["Ordning", "Eier", "UH", "Sum", "Kontroll", "Merknad"],
        ["Regional ordning (Rekomp)"],
        ["Desentralisert ordning (Dekomp)"],
        ["Kompetanseløftet", 520000, 830000, 1350000, "OK"],
        ["Totalt", 520000, 830000, 1350000, "OK"],
        ["Til info – overført fra 2025 (ikke søkt):", 185000],
    ]:
        budget.append(row)
    path = tmp_path / "mal.xlsx"
    wb.save(path)
    return path


def test_a_workbook_template_reads_its_sheets_and_not_its_instructions(parser, tmp_path):
    r = parser.parse_file(template(tmp_path))
    assert r.year == 2026
    assert r.schemes == ["kompetanseloftet"]  # the option answered TRUE, not the first
    assert r.sector == "begge"
    assert r.phases == ["planlegging", "gjennomforing"]
    assert [u.id for u in r.uh] == ["orgnr:970422528"]  # the institute is no UH of its own
    assert [(p.org.id, p.contact) for p in r.partners if p.role == "uh"] == [
        ("orgnr:970422528", "Tor Einar Bakkevoll")
    ]
    got = [(m.number, m.name, m.owner_amount, m.uh_amount, m.terms) for m in r.measures]
    assert got == [
        (1, "Inkluderende læringsmiljø", 220_000, 380_000, ["V2026", "H2026"]),
        (2, "Laget rundt eleven", 300_000, 450_000, ["H2026", "V2027"]),
    ]  # not the example row, not the sheet's title
    assert [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        ("kompetanseloftet", 520_000, 830_000, 1_350_000)
    ]
    assert not unread(r), unread(r)
    said = " ".join(reasons(r))
    assert "185 000 kr: an earlier year's grant" in said
    assert "100 000 kr" in said  # the example's figures are named, not read


def test_last_years_grant_among_the_schemes_rows_is_no_budget_row(parser, tmp_path):
    text = (
        "Behovsmelding 2026\nEier: Fredrikstad kommune\n\n"
        "Ordning\tEier\tUH\tSum\n"
        "Regional ordning (Rekomp)\t450 000\t800 000\t1 250 000\n"
        "Tildelt tilskudd Rekomp 2025\t380 000\t700 000\t1 080 000\n"
    )
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    r = parser.parse_file(path)
    assert [(b.scheme, b.owner_amount, b.total_stated) for b in r.budget] == [
        ("regional", 450_000, 1_250_000)
    ]
    assert any("1 080 000 kr: an earlier year's grant" in m for m in reasons(r)), reasons(r)
    assert not unread(r)
