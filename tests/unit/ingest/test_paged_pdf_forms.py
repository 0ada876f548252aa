"""A two-page PDF printed from a case system: the same lines at the top of every page (the
first page has one more above them), a table of measures in thousands that runs over the
page break with its header again, each measure's name in bold before its description, a
Sum row in thousands and a sentence with the total in kroner, and the unit explained with
an example. Written by these tests with reportlab (municipality and university names are
real, the people and figures are not)."""

from __future__ import annotations

from pathlib import Path

from reading import unread
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kompetansekart.demo.pdf_writer import register_fonts

REGULAR, BOLD = register_fonts()
TEXT = ParagraphStyle("text", fontName=REGULAR, fontSize=9, leading=11)
CELL = ParagraphStyle("cell", fontName=REGULAR, fontSize=8, leading=10)

HEAD = ["Nr", "Tiltak / målgruppe", "Kompetanse- miljø", "Eier", "UH", "Sum"]
MEASURES = [
    ("1", "Lesing i alle fag", "Målgruppe: lærere 5.–10. trinn. Videreført fra 2026.", 150, 260),
    ("2", "Klasseledelse", "Målgruppe: alle lærere. Videreført fra 2026.", 200, 340),
    ("3", "Fådeltskoledidaktikk", "Målgruppe: lærere ved fådelte skoler. Nytt.", 90, 160),
]


def _page_head(canvas, doc) -> None:
    canvas.saveState()
    top = A4[1] - 40
    if doc.page == 1:
        canvas.setFont(REGULAR, 8)
        canvas.drawString(40, top + 14, "Vår ref.: 2026/4127-3")
    canvas.setFont(BOLD, 9)
    canvas.drawString(40, top, "Namsos kommune")
    canvas.setFont(REGULAR, 8)
    canvas.drawString(40, top - 12, "Oppvekst · Saksbehandler: Ida Holm")
    canvas.restoreState()


def _cell(text: str) -> Paragraph:
    return Paragraph(text, CELL)


def _table(rows: list[list], widths: tuple[int, ...] = (25, 220, 80, 45, 45, 45)) -> Table:
    t = Table(rows, colWidths=list(widths))
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "#666666")]))
    return t


def _report(path: Path) -> Path:
    story = [
        Spacer(1, 20),
        Paragraph("<b>Behovsmelding – desentralisert ordning (Dekomp)</b>", TEXT),
        Paragraph("Behov meldes for <b>budsjettåret 2027</b>.", TEXT),
        _table(
            [
                [_cell("<b>Skoleeier</b>"), _cell("Namsos kommune")],
                [_cell("<b>Org.nr. / kommunenr.</b>"), _cell("942 875 967 / 5007")],
                [
                    _cell("<b>Videreføring</b>"),
                    _cell("Ja, viderefører behovsmeldingen for 2026. Tiltak 3 er nytt fra 2027."),
                ],
            ],
            (120, 340),
        ),
        Spacer(1, 12),
        Paragraph("<b>Beløp i hele 1000 kr</b> (250 = kr 250 000).", TEXT),
    ]
    head = [_cell(f"<b>{h}</b>") for h in HEAD]
    rows = [
        [
            _cell(n),
            _cell(f"<b>{name}</b> {about}"),
            _cell("Nord universitet"),
            _cell(str(owner)),
            _cell(str(uh)),
            _cell(str(owner + uh)),
        ]
        for n, name, about, owner, uh in MEASURES
    ]
    owner = sum(m[3] for m in MEASURES)
    uh = sum(m[4] for m in MEASURES)
    total = [
        "",
        _cell("<b>Sum omsøkt 2027</b>"),
        "",
        _cell(f"<b>{owner}</b>"),
        _cell(f"<b>{uh}</b>"),
        _cell(f"<b>{owner + uh}</b>"),
    ]
    story += [_table([head, *rows[:2]]), PageBreak(), _table([head, rows[2], total])]
    story.append(Paragraph("Totalt omsøkt for 2027 tilsvarer kr 1 200 000.", TEXT))
    SimpleDocTemplate(str(path), pagesize=A4, topMargin=70).build(
        story, onFirstPage=_page_head, onLaterPages=_page_head
    )
    return path


def test_a_later_pages_top_lines_from_the_first_page_are_its_running_header(tmp_path: Path, parser):
    from kompetansekart.ingest.readers import reader_for

    path = _report(tmp_path / "sak.pdf")
    _, read = reader_for(path)
    texts = [line.text for line in read(path).lines]
    assert sum("Namsos kommune" in t and "Skoleeier" not in t for t in texts) == 1
    # the table's header again on the next page is the table's (the readers drop it there)
    r = parser.parse_file(path)
    assert [m.number for m in r.measures] == [1, 2, 3]


def test_a_bold_name_before_its_description_is_the_name(tmp_path: Path, parser):
    r = parser.parse_file(_report(tmp_path / "sak.pdf"))
    assert [(m.name, m.continued) for m in r.measures] == [
        ("Lesing i alle fag", True),
        ("Klasseledelse", True),
        ("Fådeltskoledidaktikk", False),  # 'Tiltak 3 er nytt fra 2027'
    ]
    assert [m.uh.id if m.uh else None for m in r.measures] == ["orgnr:970940243"] * 3


def test_the_sum_row_in_thousands_completes_the_total_the_text_states(tmp_path: Path, parser):
    r = parser.parse_file(_report(tmp_path / "sak.pdf"))
    assert [(m.owner_amount, m.uh_amount) for m in r.measures] == [
        (150_000, 260_000),
        (200_000, 340_000),
        (90_000, 160_000),
    ]
    assert [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        ("desentralisert", 440_000, 760_000, 1_200_000)
    ]
    assert not unread(r)  # the unit's example, the org.nr. beside the municipality number


def test_the_report_continued_is_an_earlier_years(tmp_path: Path, parser):
    r = parser.parse_file(_report(tmp_path / "sak.pdf"))
    assert (r.year, r.continuation, r.continues_year) == (2027, True, 2026)
    assert r.owner.id == "orgnr:942875967"


def test_the_year_a_report_goes_on_from_is_no_year_of_its_own(tmp_path: Path, parser):
    from reading import parse_text

    text = (
        "Skoleeier: Namsos kommune\n"
        "Ordning: Dekomp\n"
        "Videreføring: Ja, vi viderefører behovsmeldingen for 2025.\n\n"
        "Kommunen søker om tilskudd for 2026 til to tiltak.\n"
    )
    r = parse_text(parser, tmp_path, text)
    assert (r.year, r.continuation, r.continues_year) == (2026, True, 2025)


def test_a_later_year_is_never_the_year_continued(tmp_path: Path, parser):
    from reading import parse_text

    head = "Skoleeier: Namsos kommune\nOrdning: Dekomp\nBehovet gjelder år: 2027\n"
    new_first = parse_text(
        parser, tmp_path, head + "Videreføring: Ja. Tiltak 3 er nytt fra 2027, resten fra 2026.\n"
    )
    assert new_first.continues_year == 2026
    same = parse_text(parser, tmp_path, head + "Videreføring: Ja, fra 2027 og videre.\n")
    assert (same.continuation, same.continues_year) == (True, None)


def test_a_front_matters_key_for_the_year_continued(tmp_path, parser):
    from reading import parse_text

    text = (
        "---\neier: Harstad kommune\nordning: rekomp\naar: 2026\nvidereforing: ja\n"
        "videreforing_fra: 2025\n---\n\n# Behovsmelding\n"
    )
    r = parse_text(parser, tmp_path, text, "melding.md")
    assert (r.continuation, r.continues_year) == (True, 2025)
    assert not any(c.name == "2025" for c in r.contacts)  # no sender called '2025'
