"""A workbook whose form is one column, each label over its answer, and whose budget has
the schemes as rows and the measures as columns. Written by these tests (municipality and
university names are real, the people and figures are not)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from reading import reasons, unread

FORM = [
    "BEHOVSMELDING 2026 – Rekomp",
    "1  Eigar og nettverk",
    "Barnehageeigar som sender inn meldinga",
    "Stad kommune – sender på vegner av nettverket",
    "Andre eigarar i nettverket:",
    "Stryn kommune, Gloppen kommune, Bremanger kommune",
    "Ordning",
    "Rekomp – regional ordning",
    "Året behovet gjeld",
    2026,
    "2  Kontaktpersonar",
    "Kontaktperson eigar",
    "Ingrid Myklebust, rådgjevar barnehage",
    "E-post",
    "ingrid.myklebust@example.org",
    "Kontaktperson UH – HVL",
    "Torbjørn Vereide, førsteamanuensis",
    "E-post",
    "torbjorn.vereide@example.org",
]
BUDGET = [
    ["Ordning", "Tiltak 1", "Tiltak 2", "Sum"],
    ["Rekomp (regional ordning)", 500000, 330000, 830000],
    ["Eigar", 180000, 120000, 300000],
    ["UH", 320000, 210000, 530000],
    ["Dekomp (desentralisert ordning)"],
    ["Sum", 500000, 330000, 830000],
    ["Tildelt 2025 – Rekomp (vedtak frå Statsforvaltaren)", 410000, 300000, 710000],
]


def _workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Skjema"
    for value in FORM:
        ws.append([value])
    sheet = wb.create_sheet("Budsjett")
    sheet.append(["Budsjett – behov for 2026 (kr)"])
    for row in BUDGET:
        sheet.append(row)
    wb.save(path)
    return path


def test_a_form_in_one_column_reads_each_label_over_its_answer(tmp_path, parser):
    r = parser.parse_file(_workbook(tmp_path / "melding.xlsx"))
    assert (r.owner.id, r.year, r.schemes) == ("orgnr:921060157", 2026, ["regional"])
    owners = sorted(p.org.id for p in r.partners if p.role == "eier")
    assert owners == sorted(
        ["orgnr:921060157", "orgnr:963989202", "orgnr:964969124", "orgnr:959318166"]
    )


def test_a_contact_label_naming_its_uh_has_the_person_under_it(tmp_path, parser):
    r = parser.parse_file(_workbook(tmp_path / "melding.xlsx"))
    assert {(c.role, c.name, c.email) for c in r.contacts} == {
        ("eier", "Ingrid Myklebust", "ingrid.myklebust@example.org"),
        ("uh", "Torbjørn Vereide", "torbjorn.vereide@example.org"),
    }


def test_schemes_as_rows_over_measures_as_columns(tmp_path, parser):
    r = parser.parse_file(_workbook(tmp_path / "melding.xlsx"))
    assert [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        ("regional", 300_000, 530_000, 830_000)
    ]
    assert [(m.number, m.owner_amount, m.uh_amount) for m in r.measures] == [
        (1, 180_000, 320_000),
        (2, 120_000, 210_000),
    ]
    assert any("an earlier year's grant" in m for m in reasons(r))
    assert not unread(r)


GRID = """\
# Behovsmelding 2026

Skuleeigar: Sogndal kommune
Ordning: Dekomp
Behovet gjeld år: 2026

## Tiltak

| Tiltak 1 | Namn på tiltaket | Profesjonsfellesskap i fådelte skular | | | |
| Målgruppe | lærarar og leiarar | Tal deltakarar | 64 | | |
| UH-partnar | HVL | | | | |
| Periode | ☐ Vår 2026 | ☒ Haust 2026 | ☒ Vår 2027 | ☐ Vidare | |
| Eigar (kr) | kr 180 000 | UH (kr) | 320.000,- | Sum (kr) | 500 000 NOK |
| Tiltak 2 | Namn på tiltaket | Begynnaropplæring i lesing | | | |
| Periode | ☒ Vår 2026 | ☒ Haust 2026 | ☐ Vår 2027 | ☐ Vidare | |
| Eigar (kr) | 150 000 | UH (kr) | kr 250 000 | Sum (kr) | 400.000 |
| Tiltak 3 | Namn på tiltaket | | | | |
| Målgruppe | | Tal deltakarar | | | |
"""


def test_a_grid_of_measure_fields_under_each_measures_row(tmp_path, parser):
    from reading import parse_text

    r = parse_text(parser, tmp_path, GRID, "skjema.md")
    got = [
        (m.number, m.name, m.owner_amount, m.uh_amount, m.total_stated, m.terms) for m in r.measures
    ]
    assert got == [
        (1, "Profesjonsfellesskap i fådelte skular", 180_000, 320_000, 500_000, ["H2026", "V2027"]),
        (2, "Begynnaropplæring i lesing", 150_000, 250_000, 400_000, ["V2026", "H2026"]),
    ]  # the empty third block is no measure
    assert r.measures[0].uh is not None and r.measures[0].uh.id == "orgnr:917641404"
