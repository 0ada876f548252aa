"""A measures table under a header of two rows (merged cells over the columns' own
labels, or a row of group headings over a full row of labels), terms as ticked columns,
a question right under the table, and a contact's parts labelled inside one value.

The forms are written by these tests (municipality and university names are real, the
people and figures are not)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from reading import parse_text, unread

FORM = """\
Barnehageeier\tKongsvinger kommune
Universitet/høgskole\tUniversitetet i Innlandet
Org.nr. UH\t918 108 467
Kontaktperson eier\tNavn: Hilde Sæther Stilling: rådgiver; E-post: hilde@example.org Telefon:

**3. Tiltak**
**Nr.**\t**Tiltak**\t**Kompetansemiljø**\t**Varighet**\t**Kostnader (kr)**
\t\t\t**Vår 2026**\t**Høst 2026**\t**Vår 2027**\t**Eier**\t**UH**\t**Sum**
1\tSpråkmiljø\tINN\t☒\t☒\t☐\t180 000\t320 000\t500 000
2\tLek og samspill\tINN\t☐\t☒\t☒\t120 000\t230 000\t350 000
Tiltak 1 – midlene brukes til:\t☐ Vurdering\t☐ Planlegging\t☒ Gjennomføring
Tiltak 2 – midlene brukes til:\t☐ Vurdering\t☒ Planlegging\t☐ Gjennomføring
"""


def measures(r):
    return {
        m.number: (m.name, m.purpose, m.terms, m.owner_amount, m.uh_amount, m.total_stated)
        for m in r.measures
    }


EXPECTED = {
    1: ("Språkmiljø", "gjennomforing", ["V2026", "H2026"], 180_000, 320_000, 500_000),
    2: ("Lek og samspill", "planlegging", ["H2026", "V2027"], 120_000, 230_000, 350_000),
}


def test_merged_header_cells_over_the_columns_labels(parser, tmp_path):
    r = parse_text(parser, tmp_path, FORM, "kongsvinger.txt")
    assert measures(r) == EXPECTED
    assert not unread(r)


def test_a_contacts_parts_labelled_inside_one_value(parser, tmp_path):
    r = parse_text(parser, tmp_path, FORM, "kongsvinger.txt")
    assert [(c.name, c.function, c.email) for c in r.contacts] == [
        ("Hilde Sæther", "rådgiver", "hilde@example.org")
    ]


def test_group_headings_over_a_full_row_of_labels(parser, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Tiltak"
    rows = [
        ["Tiltak", None, "Periode", None, None, "Beløp (kr)"],
        ["Nr", "Navn", "Vår 2026", "Høst 2026", "Vår 2027", "Eier", "UH", "Sum", "Formål"],
        [1, "Språkmiljø", "x", "x", None, 180000, 320000, 500000, "Gjennomføring"],
        [2, "Lek og samspill", None, "x", "x", 120000, 230000, 350000, "Planlegging"],
    ]
    for row in rows:
        ws.append(row)
    ws.merge_cells("A1:B1")
    ws.merge_cells("C1:E1")
    ws.merge_cells("F1:H1")
    kontakt = wb.create_sheet("Kontakt")
    kontakt.append(["Rolle", "Navn", "Stilling", "Virksomhet", "E-post"])
    kontakt.append(
        ["UH", "Tor Sæther", "Førstelektor", "Universitetet i Innlandet", "tor@example.org"]
    )
    path = Path(tmp_path) / "ringsaker.xlsx"
    wb.save(path)
    r = parser.parse_file(path)
    assert measures(r) == EXPECTED
    assert [(c.name, c.role, c.function) for c in r.contacts] == [
        ("Tor Sæther", "uh", "Førstelektor")
    ]
