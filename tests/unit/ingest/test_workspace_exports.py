"""Reports kept in workspaces: a Notion page whose measures are a database view in
thousands (kNOK) with drafts and last year's rows among them, a discussion under the
report, and toggles; a workbook whose budget has a column per year and a sheet per
measure; a Word form whose budget table holds a small table in one cell. Written by these
tests (municipality and university names are real, the people and figures are not)."""

from __future__ import annotations

from pathlib import Path

from docx import Document as WordDocument
from openpyxl import Workbook
from reading import parse_text, reasons, unread

from kompetansekart.ingest.terms import find_terms

NOTION = """\
# Behovsmelding 2027 – Dekomp – Tromsø kommune

Eier: Tromsø kommune
Ordning: Desentralisert ordning (Dekomp)
Behovsår: 2027
Videreføring av hele meldingen fra 2026: Nei

Se også: [Referat](Referat%20samarbeidsm%C3%B8te%20UiT%2014%2001%202027%208c2d.md)

## Tiltak Dekomp 2027

| Nr. | Navn | Status | Semester | Eier (kNOK) | UH (kNOK) | Sum (kNOK) |
| --- | --- | --- | --- | --- | --- | --- |
| 1 | Lesing i begynneropplæringen | Aktiv | V27, H27 | 250 | 450 | 700 |
| 2 | Ledelse av utviklingsarbeid | Aktiv | V27, H27, Videre | 180 | 320 | 500 |
| – | KI og vurdering for læring | Utkast | H27 | 100 | 200 | 300 |
| 2026-1 | Klasseledelse | Avsluttet | V26, H26 | 200 | 380 | 580 |

| Post | kNOK |
| --- | --- |
| Eier | 430 |
| UH | 770 |
| **Sum** | **1 200** |

## Tiltak – detaljer

- ▸ Tiltak 1 – Lesing i begynneropplæringen
    - Status: Aktiv (nytt tiltak 2027)
- ▸ Tiltak 2 – Ledelse av utviklingsarbeid
    - Status: Aktiv – videreføring av tiltak 2 i behovsmeldingen for 2026
- ▸ (Utkast) KI og vurdering for læring
    - Skisse: eier kr 100 000, UiT kr 200 000, sum kr 300 000

## Medbestemmelse

- Drøftet med tillitsvalgte: Ja
- Deltok: Utdanningsforbundet Tromsø og Fagforbundet Tromsø
- Skolelederforbundet var invitert, men meldte forfall og har ikke deltatt.

## Kommentarer

**Per Hansen** · 15. jan. 2027 14:02
Skal vi øke UH-delen på tiltak 1 til 500?

**Ida Olsen** · 22. jan. 2027 10:04
Nei. Totalen er 1 200.
"""


def test_a_database_view_in_thousands_keeps_only_the_measures_applied_for(tmp_path, parser):
    r = parse_text(parser, tmp_path, NOTION, "side.md")
    got = [(m.number, m.owner_amount, m.uh_amount, m.total_stated, m.terms) for m in r.measures]
    assert got == [
        (1, 250_000, 450_000, 700_000, ["V2027", "H2027"]),
        (2, 180_000, 320_000, 500_000, ["V2027", "H2027", "videre"]),
    ]
    # the draft's sketch in its toggle is named as a draft's
    assert any("a draft measure" in m for m in reasons(r))


def test_a_rows_figure_under_a_knok_header_is_in_thousands(tmp_path, parser):
    r = parse_text(parser, tmp_path, NOTION, "side.md")
    assert [(b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        (430_000, 770_000, 1_200_000)
    ]


def test_a_measures_status_says_whether_it_goes_on(tmp_path, parser):
    r = parse_text(parser, tmp_path, NOTION, "side.md")
    assert [m.continued for m in r.measures] == [False, True]
    assert r.continuation is False


def test_the_pages_discussion_and_a_drafts_sketch_are_no_part_of_the_report(tmp_path, parser):
    r = parse_text(parser, tmp_path, NOTION, "side.md")
    assert not [m for m in unread(r) if "kr" in m]  # link numbers, the sketch, the comments
    said = " ".join(reasons(r))
    assert "in the page's comments" in said
    assert (r.union_consultation.held, r.union_consultation.unions) == (
        True,
        ["Utdanningsforbundet", "Fagforbundet"],
    )


def test_a_term_code_list_may_end_in_videre_written_with_a_capital():
    assert [t for _, t, *_ in find_terms("V27, H27, Videre")] == ["V2027", "H2027", "videre"]


def _workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Oversikt"
    for row in (
        ["Behovsmelding 2026 – Regional ordning (Rekomp)"],
        ["Barnehageeier", "Hammerfest kommune"],
        ["Behovet meldes for år", 2026],
        [],
        ["2  Budsjett (kr)"],
        ["", "Vedtak SF", "Denne meldingen", "Anslag"],
        ["Post", "Tildelt 2025", "Behov 2026", "Prognose 2027"],
        ["Eier", 350000, 400000, 300000],
        ["UH", 600000, 720000, 500000],
        ["Sum", 950000, 1120000, 800000],
        [],
        ["3  Tiltak (beløp i egne arkfaner)"],
        ["Nr.", "Tiltak", "Periode"],
        [1, "Språkmiljø i barnehagen", "V26–H26"],
        [2, "Lek og samspill", "H26–V27"],
    ):
        ws.append(row)
    for n, name, owner, uh in (
        (1, "Språkmiljø i barnehagen", 180000, 320000),
        (2, "Lek og samspill", 220000, 400000),
    ):
        sheet = wb.create_sheet(f"Tiltak {n}")
        for row in (
            [f"Tiltak {n}: {name}"],
            ["Tiltak nr.", n],
            ["Navn på tiltaket", name],
            ["Eier (Hammerfest kommune)", owner],
            ["UH (UiT)", uh],
            ["Sum tiltak", owner + uh],
        ):
            sheet.append(row)
    wb.save(path)
    return path


def test_a_budget_with_a_column_per_year_is_the_report_years_column(tmp_path, parser):
    r = parser.parse_file(_workbook(tmp_path / "melding.xlsx"))
    assert [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        ("regional", 400_000, 720_000, 1_120_000)
    ]
    said = " ".join(reasons(r))
    assert "an earlier year's grant" in said and "money for another year" in said
    assert not unread(r)


def test_a_measures_sheet_naming_it_again_is_that_measure(tmp_path, parser):
    r = parser.parse_file(_workbook(tmp_path / "melding.xlsx"))
    assert [(m.number, m.name, m.owner_amount, m.uh_amount) for m in r.measures] == [
        (1, "Språkmiljø i barnehagen", 180_000, 320_000),
        (2, "Lek og samspill", 220_000, 400_000),
    ]


def _word_form(path: Path) -> Path:
    d = WordDocument()
    d.add_paragraph().add_run("1  SKULEEIGAR OG PARTNARSKAP").bold = True
    fields = d.add_table(rows=0, cols=2)
    for label, value in (
        ("Skuleeigar:", "Sunnfjord kommune"),
        ("Ordning:", "Dekomp"),
        ("Behovet gjeld år:", "2026"),
        ("UH-partnar:", "Høgskulen på Vestlandet (HVL)"),
    ):
        cells = fields.add_row().cells
        cells[0].text, cells[1].text = label, value
    d.add_paragraph("")
    d.add_paragraph().add_run("Til informasjon (ikkje ein del av søknaden)").bold = True
    d.add_paragraph("Tildelt Sunnfjord kommune for 2025, Dekomp: kr 960 000.")
    d.add_paragraph("")
    d.add_paragraph().add_run("Tiltak 1 – Lesing og skriving").bold = True
    d.add_paragraph("Kostnad:\tEigar 60 000  |  UH 180 000  |  Totalt 240 000")
    d.add_paragraph("")
    d.add_paragraph().add_run("5  SAMLA BEHOV FOR 2026").bold = True
    budget = d.add_table(rows=2, cols=5)
    head = ("Ordning", "Eigar", "UH", "Fordeling UH", "Sum")
    for cell, text in zip(budget.rows[0].cells, head, strict=True):
        cell.text = text
    row = budget.rows[1].cells
    row[0].text, row[1].text, row[2].text, row[4].text = "Dekomp", "60 000", "180 000", "240 000"
    inner = row[3].add_table(rows=2, cols=2)
    for k, (unit, share) in enumerate((("HVL Stord", "120 000"), ("HVL Sogndal", "60 000"))):
        inner.cell(k, 0).text, inner.cell(k, 1).text = unit, share
    d.save(path)
    return path


def test_a_small_table_in_a_budget_cell_is_that_cells_text(tmp_path, parser):
    r = parser.parse_file(_word_form(tmp_path / "skjema.docx"))
    assert [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        ("desentralisert", 60_000, 180_000, 240_000)
    ]
    assert not unread(r)  # the units' shares add up to the UH amount


def test_figures_with_their_roles_between_bars_are_the_measures(tmp_path, parser):
    r = parser.parse_file(_word_form(tmp_path / "skjema.docx"))
    (m,) = r.measures
    assert (m.owner_amount, m.uh_amount, m.total_stated) == (60_000, 180_000, 240_000)


def test_last_years_grant_under_a_note_outside_the_report_is_no_row(tmp_path, parser):
    r = parser.parse_file(_word_form(tmp_path / "skjema.docx"))
    assert all(b.owner_amount != 960_000 for b in r.budget)
    assert r.owner.id == "orgnr:921244207"
    assert not any(
        d.code == "unresolved-name" and "OG PARTNARSKAP" in d.message for d in r.diagnostics
    )  # a heading's words joined by 'og'


def test_a_label_naming_last_years_grant_is_no_row_of_this_years_budget(tmp_path, parser):
    text = (
        "Skuleeigar: Sunnfjord kommune\nOrdning: Dekomp\nBehovet gjeld år: 2026\n\n"
        "Tildelt Sunnfjord kommune for 2025, Dekomp: kr 960 000\n"
    )
    r = parse_text(parser, tmp_path, text)
    assert r.budget == []
    assert any("an earlier year's grant" in m for m in reasons(r))


def test_what_follows_a_note_saying_it_is_no_part_of_the_report_is_not_read(tmp_path, parser):
    text = (
        "Skuleeigar: Sunnfjord kommune\nOrdning: Dekomp\nBehovet gjeld år: 2026\n\n"
        "**Til informasjon (ikkje ein del av søknaden)**\n"
        "Kommunen har elles sett av kr 300 000 til kurs.\n\n"
        "**Budsjett**\n"
        "Eigar: kr 100 000\n"
    )
    r = parse_text(parser, tmp_path, text, "skjema.md")
    assert any("not part of the report" in m and "300 000" in m for m in reasons(r))
    assert not unread(r)
