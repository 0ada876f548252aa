"""A network's report presented as slides: amounts shortened ('150'', '0,25 mill.', '80
tusen', '120k'), each measure's cost as 'Eigar … / UH … = …', an agenda that names the
slides, a title slide naming the coordinating owner and the network, 'Når: H26 → V27',
and a slide in two columns (a list of owners beside a box of bold fields). Written by
these tests (municipality and university names are real, the people and figures are
not)."""

from __future__ import annotations

from reading import parse_text, unread
from reportlab.pdfgen.canvas import Canvas

from kompetansekart.demo.pdf_writer import register_fonts
from kompetansekart.ingest.money import amounts_in, role_amounts

DECK = """Regional ordning for kompetanseutvikling i barnehagen (Rekomp)
Behovsmelding Rekomp 2026
– Barnehagenettverk Romsdal
Molde kommune (org.nr. 921 221 967) – koordinerande kommune, på vegner av nettverket
Til: Statsforvaltaren i Møre og Romsdal

## Agenda
1. Nettverket – kven er med
2. Tiltak 2026
3. Kontakt
Barnehagenettverk Romsdal (kompetansenettverk for barnehage i Romsdal)

Tiltak 1: Språkmiljø i leik
UH: Høgskulen i Volda
Når: vår 2026 + haust 2026
Kostnad: Eigar 150' / UH 250' (sum 400')

Tiltak 2: Trygt barnehagemiljø
UH: HVO
Når: H26 → V27
Kostnad: Eigar 0,25 mill. / UH 0,3 mill. = 0,55 mill.

Tiltak 3: Styrarnettverk
UH: HVO
Når: haust 2026
Kostnad: Eigar 80 tusen / UH 120k → samla 200k
"""


def test_shortened_amounts_are_thousands_and_millions():
    got = [a.value for a in amounts_in("150' · 0,25 mill. · 80 tusen · 120k · 1,2 mill. kr")]
    assert got == [150_000, 250_000, 80_000, 120_000, 1_200_000]
    assert amounts_in("i 2025' og 3 tusen elever") == []  # a year, a count


def test_a_figure_after_an_equals_sign_or_an_arrow_is_the_sum():
    found = role_amounts("Eigar 0,25 mill. / UH 0,3 mill. = 0,55 mill.")
    assert found == ([("owner", 250_000), ("uh", 300_000), ("total", 550_000)], [])


def test_a_slide_deck_reads_its_measures_owner_and_network(parser, tmp_path):
    r = parse_text(parser, tmp_path, DECK, "deck.md")
    assert r.owner.id == "orgnr:921221967"  # the coordinating owner
    assert r.network is not None and r.network.name == "Barnehagenettverk Romsdal"
    assert not [c for c in r.contacts if "nettverk" in c.name]  # '3. Kontakt' is a slide
    got = {m.number: (m.owner_amount, m.uh_amount, m.total_stated, m.terms) for m in r.measures}
    assert got == {
        1: (150_000, 250_000, 400_000, ["V2026", "H2026"]),
        2: (250_000, 300_000, 550_000, ["H2026", "V2027"]),
        3: (80_000, 120_000, 200_000, ["H2026"]),
    }
    assert not unread(r), unread(r)


def test_a_bold_field_beside_a_list_on_a_pdf_page_is_a_field(parser, tmp_path):
    regular, bold = register_fonts()
    path = tmp_path / "slide.pdf"
    c = Canvas(str(path), pagesize=(960, 540))
    c.setFont(bold, 14)
    c.drawString(40, 480, "Behovsmelding 2026")
    for k, (left, label, value) in enumerate(
        [
            ("Molde kommune", "Ordning:", "Rekomp"),
            ("Rauma kommune", "Fase:", "planlegging og gjennomføring"),
            ("Aukra kommune", "Vidareføring av 2025-meldinga:", "nei, ny melding"),
        ]
    ):
        y = 420 - 30 * k
        c.setFont(regular, 14)
        c.drawString(40, y, left)
        c.setFont(bold, 14)
        c.drawString(480, y, label)
        c.setFont(regular, 14)
        c.drawString(480 + c.stringWidth(label, bold, 14) + 6, y, value)
    c.save()
    r = parser.parse_file(path)
    assert r.schemes == ["regional"]
    assert r.phases == ["planlegging", "gjennomforing"]
    assert r.continuation is False


def test_a_line_that_starts_with_a_label_names_no_network(parser, tmp_path):
    text = (
        "Behovsmelding 2026 – Rekomp\n"
        "Molde kommune – koordinerande kommune, på vegner av nettverket\n"
        "Til: Statsforvaltaren i Møre og Romsdal\n"
    )
    r = parse_text(parser, tmp_path, text, "letter.txt")
    assert r.network is None or r.network.name != "Til"


def test_contact_cards_side_by_side_are_a_column_per_person(parser, tmp_path):
    text = (
        "Behovsmelding 2026 – Rekomp\nEier: Molde kommune\n\n"
        "Kontakt\n"
        "Koordinator nettverket\tUH-kontakt\tLeiar styrarnettverket\n"
        "Ingrid Sæther Hovde\tKjetil Bjørnerem Øye\tMarte Eidem Rød\n"
        "rådgjevar, Molde kommune\tførsteamanuensis, HVO\trådgjevar, Hustadvika kommune\n"
        "ingrid.hovde@example.org\tkjetil.oye@example.org\tmarte.rod@example.org\n"
    )
    r = parse_text(parser, tmp_path, text, "kontakt.txt")
    got = [(c.name, c.role, c.email) for c in r.contacts]
    assert got == [
        ("Ingrid Sæther Hovde", "eier", "ingrid.hovde@example.org"),
        ("Kjetil Bjørnerem Øye", "uh", "kjetil.oye@example.org"),
        ("Marte Eidem Rød", "eier", "marte.rod@example.org"),
    ]
