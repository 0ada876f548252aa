"""A spreadsheet printed to PDF with its headings (column letters, row numbers) and its
grid (text that runs over a cell's border stays in its cell), a summary whose schemes not
asked for hold 0, a row of unit counts under their labels, a contact's cells, and an
earlier year's frame.

The sheets are written by these tests (municipality and university names are real, the
people and figures are not)."""

from __future__ import annotations

from reading import parse_text, reasons, unread
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kompetansekart.demo.pdf_writer import register_fonts
from kompetansekart.ingest.readers.pdf import read as read_pdf
from kompetansekart.ingest.readers.sheet_print import is_sheet_print, without_headings
from kompetansekart.ingest.records import Line

PRINTED = [
    "\tA\tB\tC",
    "1\tEier\tNarvik kommune",
    "2\tOrganisasjonsnummer\t959469059",
    "3\tSektor\tGrunnskole",
    "4\tBehovsår\t2026",
    "5\tKompetansenettverk\tKompetansenettverk Ofoten",
]


def test_a_sheet_printed_with_its_headings_is_read_without_them():
    lines = [Line(n, t) for n, t in enumerate(PRINTED, start=1)]
    assert is_sheet_print(lines)
    assert [line.text for line in without_headings(lines)] == [
        "Eier\tNarvik kommune",
        "Organisasjonsnummer\t959469059",
        "Sektor\tGrunnskole",
        "Behovsår\t2026",
        "Kompetansenettverk\tKompetansenettverk Ofoten",
    ]
    assert [line.no for line in without_headings(lines)] == [2, 3, 4, 5, 6]


def test_a_table_of_numbered_rows_is_no_printed_sheet():
    lines = [Line(n, t) for n, t in enumerate(PRINTED[1:], start=1)]
    assert not is_sheet_print(lines)  # no row of column letters


def test_text_over_a_cells_border_stays_in_the_cell_it_starts_in(tmp_path):
    regular, _ = register_fonts()
    path = tmp_path / "grid.pdf"
    canvas = Canvas(str(path), pagesize=landscape(A4), invariant=1)
    _width, height = landscape(A4)
    xs = [60, 200, 320, 440]
    top, rows = height - 100, 2
    for x in xs:
        canvas.line(x, top, x, top - 20 * rows)
    for k in range(rows + 1):
        canvas.line(xs[0], top - 20 * k, xs[-1], top - 20 * k)
    canvas.setFont(regular, 9)
    canvas.drawString(64, top - 14, "Kontaktperson eier")
    canvas.drawString(204, top - 14, "hilde.jakobsen@example.org")  # runs into the next cell
    # the border falls between a figure's groups: '1 200 | 000'
    at = 201 - stringWidth("Ramme 2025: 1 200 ", regular, 9)
    canvas.drawString(at, top - 34, "Ramme 2025: 1 200 000")
    canvas.showPage()
    canvas.save()
    texts = [line.text.rstrip("\t") for line in read_pdf(path).lines]
    assert "Kontaktperson eier\thilde.jakobsen@example.org" in texts
    assert "Ramme 2025: 1 200 000" in texts


SUMMARY = """\
Eier\tNarvik kommune
Universitet/høgskole\tUiT Norges arktiske universitet
Kontaktperson eier\tHilde Strand Jakobsen\tRådgiver skole\thilde@example.org
Ramme fra Statsforvalteren 2025\t1 200 000

Enheter (antall)\tKommunale barnehager\tOffentlige skoler\tPrivate skoler\tPPT
\tikke aktuelt\t11\t1\t1

**Samlet behov 2026**
Ordning\tEier\tUH\tSum
Regional ordning (barnehage)\t0\t0\t0
Desentralisert ordning (Dekomp)\t500 000\t750 000\t1 250 000
Kompetanseløftet\t0\t0\t0
"""


def test_zeros_for_the_schemes_not_asked_for_keep_the_table_one_of_money(parser, tmp_path):
    r = parse_text(parser, tmp_path, SUMMARY, "narvik.txt")
    rows = {b.scheme: (b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget}
    assert rows["desentralisert"] == (500_000, 750_000, 1_250_000)
    assert not unread(r)


def test_counts_under_their_labels_and_a_contacts_cells(parser, tmp_path):
    r = parse_text(parser, tmp_path, SUMMARY, "narvik.txt")
    u = r.units
    assert (u.offentlige_skoler, u.private_skoler, u.ppt) == (11, 1, 1)
    assert [(c.name, c.function, c.email) for c in r.contacts] == [
        ("Hilde Strand Jakobsen", "Rådgiver skole", "hilde@example.org")
    ]
    assert any("earlier year" in m and "1 200 000" in m for m in reasons(r)), reasons(r)
