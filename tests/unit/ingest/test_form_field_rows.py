"""The rows a fillable form prints: a field's label and value in cells one after another
('Eiers andel (kr) | 180 000 | UH-andel (kr) | 320 000'), a question that shares its cell
with its first option, an empty scheme row of a PDF's summary (its fields left empty),
and a Sami name.

The forms are written by these tests (municipality and university names are real, the
people and figures are not)."""

from __future__ import annotations

from reading import parse_text, unread
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from kompetansekart.demo.pdf_writer import register_fonts

FORM = """\
Ordning\t☐ Regional ordning\t☒ Desentralisert ordning\t☐ Kompetanseløftet
Behovet gjelder året\t2026
Skoleeier\tKárášjoga gielda / Karasjok kommune
Kontaktperson eier\tNils Ánde Sara
E-post\tnils@example.org

TILTAK 1
Tiltak 1 – navn\tSamisk språk i alle fag
Eiers andel (kr)\t180 000\tUH-andel (kr)\t320.000,-\tSum (kr)\t500 000

Sett i sammenheng med videreutdanning ☒ Ja\t☐ Nei\t☐ Vet ikke
"""


def test_labels_and_values_in_cells_one_after_another(parser, tmp_path):
    r = parse_text(parser, tmp_path, FORM, "karasjok.txt")
    (m,) = r.measures
    assert (m.owner_amount, m.uh_amount, m.total_stated) == (180_000, 320_000, 500_000)
    assert not unread(r)


def test_a_question_that_shares_its_cell_with_its_first_option(parser, tmp_path):
    r = parse_text(parser, tmp_path, FORM, "karasjok.txt")
    assert r.linked_to_further_education == "ja"


def test_a_sami_name_is_a_persons_name(parser, tmp_path):
    r = parse_text(parser, tmp_path, FORM, "karasjok.txt")
    assert [(c.name, c.email) for c in r.contacts] == [("Nils Ánde Sara", "nils@example.org")]


def test_an_empty_scheme_row_of_a_pdf_summary_keeps_its_table(parser, tmp_path):
    regular, _bold = register_fonts()
    path = tmp_path / "summary.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setFont(regular, 10)
    top = A4[1] - 100
    canvas.drawString(72, top, "Skoleeier: Karasjok kommune")
    rows = [
        ("Ordning", "Eiers andel (kr)", "UH-andel (kr)", "Sum (kr)"),
        ("Regional ordning",),  # its fields left empty: no text at all
        ("Desentralisert ordning", "300 000", "550 000", "850 000"),
    ]
    for k, cells in enumerate(rows):
        for x, text in zip((72, 250, 350, 450), cells, strict=False):
            canvas.drawString(x, top - 30 - 15 * k, text)
    canvas.showPage()
    canvas.save()
    r = parser.parse_file(path)
    assert [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        ("desentralisert", 300_000, 550_000, 850_000)
    ]
