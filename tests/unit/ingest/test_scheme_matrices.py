"""A workbook with two fields per row, a measures table with a column group per scheme
('Dekomp 2027' over 'Eier | UH | Sum', 'Kompetanseløftet 2027' over the same), hidden
rows and columns holding last year's figures, and the figures of a table said again:
a header repeated after a page break, a budget per measure restating the measures, a
quoted older version's scheme row and a correction whose sum is its measure's.
Written by these tests (municipality and university names are real, the people and
figures are not)."""

from __future__ import annotations

from openpyxl import Workbook
from reading import parse_text, reasons, unread


def _matrix_workbook(path):
    wb = Workbook()
    info = wb.active
    info.title = "Opplysninger"
    info.append(["Behovsmelding 2027 – Dekomp og Kompetanseløftet"])
    info.append(["Eier", "Bodø kommune", None, "Org.nr.", "972 418 013"])
    info.append(["UH-partner", "Nord universitet", None, "Gjelder", "Barnehage og grunnskole"])
    info.append(["Off. skoler", 22, None, "Private skoler", 2])
    sheet = wb.create_sheet("Tiltak og budsjett")
    sheet.append(["Tiltak", "Periode", "Dekomp 2027", None, None, "Kompetanseløftet 2027"])
    sheet.append([None, None, "Eier", "UH", "Sum", "Eier", "UH", "Sum", "Gammel sum"])
    sheet.append(["1. Lesing i alle fag", "vår 27", 250000, 400000, 650000, None, None, None, 1])
    sheet.append(["Klasseledelse (2026)", "V2026", 180000, 300000, 480000])
    sheet.append(["2. Laget rundt barnet", "høst 27", None, None, None, 200000, 300000, 500000])
    sheet.append(["Sum", None, 250000, 400000, 650000, 200000, 300000, 500000])
    sheet.append([None, None, None, None, None, None, "Totalt begge ordninger:", 1150000])
    sheet.row_dimensions[4].hidden = True  # last year's measure, hidden
    sheet.column_dimensions["I"].hidden = True
    wb.save(path)
    return path


def test_a_column_group_per_scheme_gives_each_measure_and_budget_row_its_scheme(parser, tmp_path):
    r = parser.parse_file(_matrix_workbook(tmp_path / "matrise.xlsx"))
    assert r.owner.id == "orgnr:972418013"  # the first of two fields on its row
    assert r.sector == "begge"  # the second
    assert (r.units.offentlige_skoler, r.units.private_skoler) == (22, 2)
    got = [(m.number, m.scheme, m.owner_amount, m.uh_amount, m.total_stated) for m in r.measures]
    assert got == [
        (1, "desentralisert", 250_000, 400_000, 650_000),
        (2, "kompetanseloftet", 200_000, 300_000, 500_000),
    ]
    rows = [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget]
    assert rows == [
        ("desentralisert", 250_000, 400_000, 650_000),
        ("kompetanseloftet", 200_000, 300_000, 500_000),
    ]
    # the grand total over both schemes is named, never a row of its own
    assert any("1 150 000 kr" in n for n in reasons(r)), reasons(r)
    # the hidden row and column are not read, and the reader says so
    hidden = [d.message for d in r.diagnostics if "hidden" in d.message]
    assert any("rows 4" in m and "columns I" in m for m in hidden), hidden
    assert not unread(r), unread(r)


def test_a_header_repeated_after_a_page_break_is_no_row(parser, tmp_path):
    text = (
        "# Behovsmelding 2026\n\nEier: Narvik kommune\nUH: UiT\n\n## Tiltak\n\n"
        "| Nr | Tiltak | Eier | UH | Sum |\n|---|---|---|---|---|\n"
        "| 1 | Lesing | 250 000 | 400 000 | 650 000 |\n"
        "| Nr | Tiltak | Eier | UH | Sum |\n"
        "| 2 | Språkmiljø | 100 000 | 150 000 | 250 000 |\n"
    )
    r = parse_text(parser, tmp_path, text, "sideskift.md")
    assert [(m.number, m.name) for m in r.measures] == [(1, "Lesing"), (2, "Språkmiljø")]


def test_a_budget_per_measure_that_restates_the_measures_adds_no_budget_rows(parser, tmp_path):
    text = (
        "Behovsmelding 2026\n\nEier: Fauske kommune\nUH: Nord universitet\n\n"
        "4. Tiltak\n\nTiltak 1: Lek og språk\nEiers andel (kr): 180 000\n"
        "Universitetets/høgskolens andel (kr): 270 000\nSum for tiltaket (kr): 450 000\n\n"
        "Tiltak 2: Vurdering for læring\nEiers andel (kr): 220 000\n"
        "Universitetets/høgskolens andel (kr): 380 000\nSum for tiltaket (kr): 600 000\n\n"
        "5. Budsjett\n\nBudsjett per tiltak (beløp i kroner)\n"
        "Tiltak\tEier\tUH\tSum\n"
        "1 Lek og språk\t180 000\t270 000\t450 000\n"
        "2 Vurdering for læring\t220 000\t380 000\t600 000\n"
        "Sum\t400 000\t650 000\t1 050 000\n\n"
        "Samlet behov per ordning for 2026 (beløp i kroner)\n"
        "Ordning\tEier\tUH\tSum\n"
        "Regional ordning (Rekom)\t180 000\t270 000\t450 000\n"
        "Desentralisert ordning (Dekom)\t220 000\t380 000\t600 000\n"
        "Sum\t400 000\t650 000\t1 050 000\n"
    )
    r = parse_text(parser, tmp_path, text, "per-tiltak.txt")
    assert [m.number for m in r.measures] == [1, 2]
    assert [m.total_stated for m in r.measures] == [450_000, 600_000]
    assert [(b.scheme, b.total_stated) for b in r.budget] == [
        ("regional", 450_000),
        ("desentralisert", 600_000),
    ]


def test_a_quoted_older_versions_scheme_row_is_no_budget_row(parser, tmp_path):
    text = (
        "Hei,\n\nRettelse: UH-beløpet i tiltak 2 skal være 180 000, ikke 150 000, og "
        "summen blir da 300 000.\n\n"
        "Eier: Harstad kommune\nUH-partner: UiT Norges arktiske universitet\n\n"
        "Tiltak 1 – Lesing\nEier: 200 000\nUH: 350 000\nSum: 550 000\n\n"
        "Tiltak 2 – Skolemiljø\nEier: 120 000\nUH: 150 000\nSum: 270 000\n\n"
        "Budsjett per ordning:\n"
        "Desentralisert ordning – Eier: 320 000 – UH: 530 000 – Sum: 850 000\n\n"
        "> Budsjett per ordning:\n"
        "> Desentralisert ordning – Eier: 320 000 – UH: 500 000 – Sum: 820 000\n"
    )
    r = parse_text(parser, tmp_path, text, "svar.txt")
    assert [(b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        (320_000, 530_000, 850_000)
    ]
    # the correction's sum is the measure's it names, not the budget's
    assert [(m.uh_amount, m.total_stated) for m in r.measures] == [
        (350_000, 550_000),
        (180_000, 300_000),
    ]


def test_a_correction_of_the_whole_sum_after_a_measures_is_the_budgets(parser, tmp_path):
    text = (
        "Hei,\n\nRettelse: UH-beløpet i tiltak 2 skal være 180 000, ikke 150 000, og "
        "samlet sum blir da 850 000.\n\n"
        "Eier: Harstad kommune\nUH-partner: UiT Norges arktiske universitet\n\n"
        "Tiltak 1 – Lesing\nEier: 200 000\nUH: 350 000\nSum: 550 000\n\n"
        "Tiltak 2 – Skolemiljø\nEier: 120 000\nUH: 150 000\nSum: 270 000\n\n"
        "Budsjett per ordning:\n"
        "Desentralisert ordning – Eier: 320 000 – UH: 500 000 – Sum: 820 000\n"
    )
    r = parse_text(parser, tmp_path, text, "samlet.txt")
    assert [m.total_stated for m in r.measures] == [550_000, 270_000]  # not the measure's
    assert [b.total_stated for b in r.budget] == [850_000]
