"""A web form printed to PDF: each label above its answer, two fields side by side, options
in a row under their question, the measures as one row each. The rules were found missing
on tests/data/unseen/u35; the PDF here is drawn anew by the test."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from kompetansekart.demo.pdf_writer import register_fonts

REGULAR, BOLD = register_fonts()
LEFT, RIGHT = 60.0, 320.0

# (x, text, bold) runs per line, top to bottom
LINES: list[list[tuple[float, str, bool]]] = [
    [(LEFT, "Behovsmelding 2026", True)],
    [(LEFT, "Hvilken ordning gjelder behovsmeldingen?", False)],
    [
        (LEFT, "☐ Regional ordning (Rekomp)", False),
        (RIGHT, "☑ Desentralisert ordning (Dekomp)", False),
    ],
    [(LEFT, "Gjelder behovsmeldingen barnehage, skole eller begge?", False)],
    [(LEFT, "☐ Barnehage", False), (RIGHT, "☑ Skole ☐ Både barnehage og skole", False)],
    [(LEFT, "Eier", False)],
    [(LEFT, "Notodden kommune", False)],
    [(LEFT, "Organisasjonsnummer", False), (RIGHT, "Kommunenummer", False)],
    [(LEFT, "938 583 986", False), (RIGHT, "4005", False)],
    [(LEFT, "Kontaktperson", False), (RIGHT, "Stilling", False)],
    [(LEFT, "Ola Prøvelid", False), (RIGHT, "Rådgiver skole", False)],
    [(LEFT, "E-post", False), (RIGHT, "Telefon", False)],
    [(LEFT, "skole@example.org", False), (RIGHT, "350 00 000", False)],
    [(LEFT, "Inngår eier i et kompetansenettverk?", False)],
    [(LEFT, "☐ Ja ☑ Nei", False)],
    [(LEFT, "Antall ansatte i målgruppen", False), (RIGHT, "Tildelt tilskudd 2025", False)],
    [(LEFT, "230", False), (RIGHT, "310 000", False)],
    [(LEFT, "Tiltak 2 er nytt; tiltak 1 viderefører et tiltak fra 2025.", False)],
    [
        (LEFT, "Tiltak", True),
        (235, "Periode", True),
        (300, "Eier kr", True),
        (500, "UH kr", True),
    ],
    [
        (LEFT, "1. Lesing i alle fag", False),
        (235, "Høst 2026", False),
        (300, "150 000 hvorav koordinator: 30 000", False),
        (500, "200 000", False),
    ],
    [
        (LEFT, "2. Regning på mellomtrinnet", False),
        (235, "Vår 2026", False),
        (300, "90 000", False),
        (500, "110 000", False),
    ],
]


def drawn(path: Path) -> Path:
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    top = 60.0
    for runs in LINES:
        for x, text, bold in runs:
            canvas.setFont(BOLD if bold else REGULAR, 9)
            canvas.drawString(x, A4[1] - top, text)
        top += 22.0
    canvas.showPage()
    canvas.save()
    return path


def test_a_web_form_printed_to_pdf(tmp_path: Path, parser):
    r = parser.parse_file(drawn(tmp_path / "skjema.pdf"))
    assert r.schemes == ["desentralisert"]
    assert r.sector == "grunnskole"  # the options' row under its question, split in two
    assert r.owner.id == "orgnr:938583986"  # its label above it, beside another field
    assert [(c.name, c.email) for c in r.contacts] == [("Ola Prøvelid", "skole@example.org")]
    assert r.network is None  # '☑ Nei' says so
    numbers = {m.number: m for m in r.measures}
    assert set(numbers) == {1, 2}  # '1. Lesing i alle fag': the number is the measure's
    first = numbers[1]
    assert (first.name, first.owner_amount, first.uh_amount) == (
        "Lesing i alle fag",
        150_000,
        200_000,
    )
    assert first.terms == ["H2026"]
    assert first.coordinator_amount == 30_000  # 'hvorav koordinator' in the owner's cell
    assert (numbers[1].continued, numbers[2].continued) == (True, False)  # said in a sentence
    # last year's grant beside the staff count is read as such, and nothing is unread
    assert not [d.message for d in r.diagnostics if d.code.startswith("unread-")]


def test_a_word_form_of_two_columns_with_two_people_in_a_cell(tmp_path: Path, parser):
    """A cell's two paragraphs are two entries ('; '); 'Kontaktperson(er) UH' and 'E-post,
    UH' are the labels without a plural's ending or a comma; two people with their
    functions, then their two addresses in order; a bold label with its answer left empty
    is an empty field, not more of the answer above."""
    import docx

    d = docx.Document()
    table = d.add_table(rows=0, cols=2)
    rows = [
        ("Navn på eier", ["Notodden kommune"]),
        (
            "Kontaktperson(er) UH (navn og stilling)",
            ["Per Prøvestad, dosent, USN", "Eva Testli, rådgiver, USN"],
        ),
        ("E-post, UH", ["per.provestad@example.org", "eva.testli@example.org"]),
        ("Ønsker partnerskapet å videreføre behovsmeldingen fra 2025?", ["☐ Ja   ☒ Nei"]),
        ("Dersom ja: kort status for tiltakene", []),
    ]
    for label, paragraphs in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        for k, text in enumerate(paragraphs):
            (cells[1].paragraphs[0] if k == 0 else cells[1].add_paragraph()).add_run(text)
    path = tmp_path / "skjema.docx"
    d.save(str(path))
    r = parser.parse_file(path)
    assert [(c.name, c.role, c.email) for c in r.contacts] == [
        ("Per Prøvestad", "uh", "per.provestad@example.org"),
        ("Eva Testli", "uh", "eva.testli@example.org"),
    ]
    assert r.continuation is False
