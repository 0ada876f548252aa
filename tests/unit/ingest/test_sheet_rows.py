"""A county's workbook template: labels in column A and answers from column C, an X in
the row under the option it chooses (a row of marks under a header of options, as in
../shared/unseen/d3, stays a grid: tests/test_unseen.py), a measure as a block of
labelled rows (a row's cell ending in ':' labels the cell after it, 'Beløp (Eigar / UH /
Sum)' over three figures, a label of two fields), an empty scheme row right under the
budget's header, and a list of people with the organisation each works in.

The workbooks are written by these tests with openpyxl (municipality and university names
are real, the people and figures are not)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from reading import reasons, unread

SHEET = [
    ["Skuleeigar", None, "Kristiansund kommune"],
    ["Type eigar", None, "Kommune", "Fylkeskommune", "Privat eigar"],
    [None, None, "X"],
    ["Ordning", None, "Regional ordning (Rekomp)", "Desentralisert ordning (Dekomp)"],
    [None, None, None, "X"],
    ["Året behovet gjeld", None, 2026],
    ["Fase", None, "Analyse", "Planlegging", "Gjennomføring"],
    [None, None, None, "x", "X"],
    ["Del 2 – Medverknad og andre opplysningar"],
    ["Drøfta med dei tillitsvalde", None, "Ja", "Nei"],
    [None, None, "X"],
    ["Tiltak 1"],
    ["Namn på tiltaket", None, "Lesing i alle fag", None, "Bruk av midlane:", "Gjennomføring"],
    ["Kompetansemiljø og semester", None, "NTNU", "Vår 2026", "Haust 2026"],
    ["Beløp (Eigar / UH / Sum)", None, 200000, 350000, 550000],
    ["Samla behov for 2026 per ordning"],
    ["Ordning", None, "Eigar", "UH", "Sum"],
    ["Regional ordning (Rekomp)"],
    ["Desentralisert ordning (Dekomp)", None, 200000, 350000, 550000],
]
PEOPLE = [
    ["Namn", "Rolle", "Verksemd", "E-post"],
    ["Siri Brattvåg", "rådgjevar skule", "Kristiansund kommune", "siri@example.org"],
    ["Håkon Tustervatn", "førsteamanuensis", "NTNU", "hakon@example.org"],
]


def workbook(tmp_path: Path, sheet=SHEET) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Skjema"
    for row in sheet:
        ws.append(row)
    people = wb.create_sheet("Kontaktpersonar")
    for row in PEOPLE:
        people.append(row)
    path = tmp_path / "kristiansund.xlsx"
    wb.save(path)
    return path


def test_an_x_under_an_option_in_the_row_below_chooses_it(parser, tmp_path):
    r = parser.parse_file(workbook(tmp_path))
    assert r.schemes == ["desentralisert"]
    assert r.phases == ["planlegging", "gjennomforing"]
    assert r.union_consultation.held is True
    assert r.owner.kind == "kommune"
    assert not [m for m in unread(r) if "marked" in m]


def test_a_measure_as_a_block_of_labelled_rows(parser, tmp_path):
    r = parser.parse_file(workbook(tmp_path))
    (m,) = r.measures
    assert (m.name, m.purpose, m.terms) == (
        "Lesing i alle fag",
        "gjennomforing",
        ["V2026", "H2026"],
    )
    assert m.uh is not None and m.uh.id == "orgnr:974767880"
    assert (m.owner_amount, m.uh_amount, m.total_stated) == (200_000, 350_000, 550_000)


def test_an_empty_scheme_row_under_the_budget_header_keeps_the_table_whole(parser, tmp_path):
    r = parser.parse_file(workbook(tmp_path))
    assert [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        ("desentralisert", 200_000, 350_000, 550_000)
    ]
    assert not [m for m in unread(r) if "kr" in m]


def test_people_with_the_organisation_they_work_in(parser, tmp_path):
    r = parser.parse_file(workbook(tmp_path))
    assert {(c.name, c.role, c.email) for c in r.contacts} == {
        ("Siri Brattvåg", "eier", "siri@example.org"),
        ("Håkon Tustervatn", "uh", "hakon@example.org"),
    }


def test_a_budget_of_two_years_reads_the_reports_year(parser, tmp_path):
    # 'Eier 2027 | UH 2027 | Sum 2027' beside this year's columns: a forecast, named as
    # another year's figures, never this year's
    wb = Workbook()
    ws = wb.active
    for row in [
        ["Behovsår: 2026"],
        ["Barnehageeier: Gjøvik kommune"],
        ["Eier 2025: 90 000"],
        [],
        [
            "Tiltak",
            "Semestre",
            "Eier 2026",
            "UH 2026",
            "Sum 2026",
            "Eier 2027",
            "UH 2027",
            "Sum 2027",
        ],
        ["Tiltak 1: Språk", "vår 2026", 180000, 320000, 500000, 200000, 350000, 550000],
        ["Tiltak 2: Lek", "høst 2026", 120000, 230000, 350000, 150000, 220000, 370000],
    ]:
        ws.append(row)
    path = tmp_path / "gjovik.xlsx"
    wb.save(path)
    r = parser.parse_file(path)
    got = {m.number: (m.owner_amount, m.uh_amount, m.total_stated) for m in r.measures}
    assert got == {1: (180_000, 320_000, 500_000), 2: (120_000, 230_000, 350_000)}
    assert any("another year" in m and "550 000" in m for m in reasons(r)), reasons(r)
    assert any("another year" in m and "90 000" in m for m in reasons(r)), reasons(r)
    assert not unread(r)
