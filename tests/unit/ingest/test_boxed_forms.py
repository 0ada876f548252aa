"""A printed form of boxes: each label above its box, two fields side by side, ticks drawn
as an X before their option; and a sheet whose measures are columns with each share split
by term. Written by these tests (municipality and university names are real, the people and
figures are not)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from reading import parse_text, unread
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from kompetansekart.demo.pdf_writer import register_fonts
from kompetansekart.ingest.checkboxes import marks_after_options, marks_lead

REGULAR, BOLD = register_fonts()

# (left label, left value, right label, right value); None: a heading line
FIELDS = [
    ("Eier", "Fredrikstad kommune", "Organisasjonsnummer", "940 039 541"),
    ("Antall offentlige skoler som deltar", "33", "Antall private skoler som deltar", "0"),
    (
        "Videreføres behovsmeldingen fra 2025?",
        "Ja|X|Nei",
        "Fase",
        "Analyse|X|Planlegging|X|Gjennomføring",
    ),
    None,
    ("Navn på tiltak", "Lesing i alle fag", "Tidsrom (semester)", "Høst 2026"),
    ("Eiers andel (kr)", "kr 150 000", "UH-andel (kr)", "250 000"),
    ("Sum tiltak", "400 000", "Tildelt 2025", "– (nytt tiltak)"),
    ("Målgruppe", "Lærere 8.–10. trinn", "Videreføring av tiltak fra 2025?", "X|Ja|Nei"),
]


def _value(c: Canvas, x: float, y: float, value: str) -> None:
    """A value typed in its box; 'Ja|X|Nei': options, and the X drawn in the box before one."""
    if "|" not in value:
        c.setFont(REGULAR, 10)
        c.drawString(x, y, value)
        return
    for part in value.split("|"):
        if part == "X":
            c.rect(x, y - 1, 8, 8)
            c.setFont(BOLD, 9)
            c.drawString(x + 1, y, "X")
            x += 12
        else:
            c.setFont(REGULAR, 10)
            c.drawString(x, y, part)
            x += 5.5 * len(part) + 14


def _boxed_form(path: Path) -> Path:
    c = Canvas(str(path), pagesize=A4)
    c.setFont(BOLD, 13)
    c.drawString(50, 800, "BEHOVSMELDING 2026 – Desentralisert ordning (Dekomp)")
    y = 760
    for row in FIELDS:
        if row is None:
            c.setFont(BOLD, 11)
            c.drawString(50, y, "Tiltak 1")
            y -= 30
            continue
        for x, label, value in ((50, row[0], row[1]), (320, row[2], row[3])):
            c.setFont(REGULAR, 7)
            c.drawString(x, y, label)
            c.rect(x, y - 22, 250, 16)
            _value(c, x + 4, y - 17, value)
        y -= 44
    c.save()
    return path


def test_a_label_above_its_box_is_that_fields_label(tmp_path: Path, parser):
    r = parser.parse_file(_boxed_form(tmp_path / "skjema.pdf"))
    assert r.owner.id == "orgnr:940039541"
    assert (r.units.offentlige_skoler, r.units.private_skoler) == (33, 0)
    [m] = r.measures
    assert (m.name, m.terms) == ("Lesing i alle fag", ["H2026"])
    assert (m.owner_amount, m.uh_amount, m.total_stated) == (150_000, 250_000, 400_000)


def test_an_x_drawn_before_its_option_ticks_that_option(tmp_path: Path, parser):
    r = parser.parse_file(_boxed_form(tmp_path / "skjema.pdf"))
    # '[X] Ja | Nei' starts a cell with its X: this form draws each tick before its
    # option, so 'Ja [X] Nei' ticks Nei
    assert r.measures[0].continued is True
    assert r.continuation is False
    assert r.phases == ["planlegging", "gjennomforing"]


def test_where_the_marks_stand_is_decided_for_the_whole_document():
    assert marks_lead(["**X** Ja\tNei", "Ja **X** Nei"])
    assert not marks_lead(["Ja X\tNei", "**X** Ja"])  # one mark after its option: no rule
    assert not marks_lead(["Ja X Nei"])  # nothing says which side
    assert marks_after_options("Ja **X** Nei") == "Ja Nei x"
    assert marks_after_options("Ja\tNei **X** Vurdert, ikke relevant") == (
        "Ja\tNei Vurdert, ikke relevant x"
    )
    assert marks_after_options("Ja X Nei Vet ikke") == "Ja Nei x Vet ikke"
    assert marks_after_options("3 x 2 timer") == "3 x 2 timer"


def _term_sheet(path: Path) -> Path:
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Tiltak"
    rows = [
        ("Tiltak nr.", 1, 2, "Totalt"),
        ("Tiltakets navn", "Lek og språk", "Trygt miljø", None),
        ("Periode", "vår/høst 2026", "H2026", None),
        ("Eier V2026", 100000, "–", 100000),
        ("Eier H2026", "kr 50 000", 80000, 130000),
        ("UH V2026", 120000, "–", 120000),
        ("UH H2026", "130.000,-", 170000, 300000),
        ("Egeninnsats (timer)", 400, 200, 600),
        ("Sum tiltak", 400000, 250000, 650000),
    ]
    for r, row in enumerate(rows, start=2):
        for k, value in enumerate(row, start=2):  # from column B: column A a margin
            if value is not None:
                sheet.cell(r, k, value)
    wb.save(path)
    return path


def test_a_share_split_by_term_is_the_sum_of_its_terms(tmp_path: Path, parser):
    r = parser.parse_file(_term_sheet(tmp_path / "mal.xlsx"))
    assert [(m.number, m.name) for m in r.measures] == [(1, "Lek og språk"), (2, "Trygt miljø")]
    first, second = r.measures
    assert (first.owner_amount, first.uh_amount, first.total_stated) == (150_000, 250_000, 400_000)
    assert (second.owner_amount, second.uh_amount, second.total_stated) == (
        80_000,
        170_000,
        250_000,
    )
    assert first.terms == ["V2026", "H2026"]
    assert not [u for u in unread(r) if "kr" in u]


def test_a_measure_heading_marked_continued_is_the_same_measure(tmp_path: Path, parser):
    text = """\
Tiltak 1
Navn på tiltak: Lesing i alle fag
Eier: 100 000

Tiltak 1 (forts.)
UH: 200 000
Sum tiltak: 300 000
"""
    r = parse_text(parser, tmp_path, text)
    [m] = r.measures
    assert (m.name, m.owner_amount, m.uh_amount, m.total_stated) == (
        "Lesing i alle fag",
        100_000,
        200_000,
        300_000,
    )


def _closing_part(path: Path) -> Path:
    """Part D of the boxed form: the unions' box wraps its text onto a second line, and the
    Sami question's options stand in boxes of their own on the line under it."""
    c = Canvas(str(path), pagesize=A4)
    c.setFont(BOLD, 13)
    c.drawString(50, 800, "BEHOVSMELDING 2026 – Desentralisert ordning (Dekomp)")
    c.setFont(REGULAR, 7)
    c.drawString(50, 760, "Hvilke organisasjoner deltok?")
    c.drawString(320, 760, "Dato for drøfting")
    c.rect(50, 724, 250, 30)
    c.rect(320, 738, 250, 16)
    c.setFont(REGULAR, 10)
    c.drawString(54, 743, "Utdanningsforbundet, Skolelederforbundet og")
    c.drawString(54, 730, "Fagforbundet")
    c.drawString(324, 743, "14.01.2026")
    c.setFont(REGULAR, 7)
    c.drawString(50, 700, "Er samiske perspektiver ivaretatt?")
    x = 50
    for option, ticked in (("Ja", False), ("Nei", False), ("Vurdert, ikke relevant", True)):
        c.rect(x, 683, 8, 8)
        if ticked:
            c.setFont(BOLD, 9)
            c.drawString(x + 1, 684, "X")
        c.setFont(REGULAR, 10)
        c.drawString(x + 12, 684, option)
        x += 120
    c.save()
    return path


def test_a_value_wrapped_in_its_box_is_one_value(tmp_path: Path, parser):
    r = parser.parse_file(_closing_part(tmp_path / "del_d.pdf"))
    assert r.union_consultation.unions == [
        "Utdanningsforbundet",
        "Skolelederforbundet",
        "Fagforbundet",
    ]


def test_options_in_boxes_under_their_question_answer_it(tmp_path: Path, parser):
    r = parser.parse_file(_closing_part(tmp_path / "del_d.pdf"))
    assert r.sami_perspective == "ikke_relevant"  # 'Vurdert, ikke relevant', with its comma
