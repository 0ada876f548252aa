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


def _two_column_slide(path, register):
    """A slide as a network draws it: a title at the margin, a list of owners in the left
    column (14 pt, a line every 24 pt), a box of fields in the right one (11 pt, every
    20 pt, its heading set further left than its fields), and a footer across the page."""
    regular, bold = register()
    c = Canvas(str(path), pagesize=(960, 540))
    c.setFont(bold, 22)
    c.drawString(48, 490, "Nettverket")
    c.setFont(bold, 14)
    c.drawString(64, 420, "Eigarar i nettverket")
    c.drawString(540, 405, "Kort om behovsmeldinga")
    owners = ["Molde kommune (koordinerande)", "Rauma kommune", "Vestnes kommune"]
    owners += ["Aukra kommune", "Hustadvika kommune"]
    owners += ["+ private barnehagar i kommunane (via eigarane /", "PBL)"]
    for k, name in enumerate(owners):
        c.setFont(regular, 14)
        c.drawString(80, 385 - 24 * k, name)
    fields = [("Sektor:", "barnehage"), ("Ordning:", "Rekomp"), ("Einingar med:", "")]
    for k, (label, value) in enumerate(fields):
        y = 365 - 20 * k
        c.setFont(bold, 11)
        c.drawString(560, y, label)
        c.setFont(regular, 11)
        c.drawString(560 + c.stringWidth(label, bold, 11) + 4, y, value)
    for k, line in enumerate(["– kommunale barnehagar: 34", "– private barnehagar: 21"]):
        c.drawString(572, 303 - 18 * k, line)
    c.setFont(regular, 9)
    c.drawString(40, 20, "Behovsmelding Rekomp 2026 · Barnehagenettverk Romsdal")
    c.drawString(850, 20, "27.01.2026")
    c.save()
    return path


def test_a_slide_in_two_columns_reads_its_list_and_its_fields_apart(parser, tmp_path):
    from kompetansekart.ingest.readers.pdf import read as read_pdf

    path = _two_column_slide(tmp_path / "slide.pdf", register_fonts)
    texts = [line.text for line in read_pdf(path).lines]
    # the right column's small figures set higher than the left column's text are no
    # footnote marks; the footer is no line of either column
    assert any(t.endswith("kommunale barnehagar: 34") for t in texts), texts
    owners = texts.index("Rauma kommune")
    assert texts[owners + 1] == "Vestnes kommune", texts
    assert not any("Rauma kommune\t" in t for t in texts), texts
    assert texts[-1] == "Behovsmelding Rekomp 2026 · Barnehagenettverk Romsdal\t27.01.2026"
    r = parser.parse_file(path)
    assert (r.units.kommunale_barnehager, r.units.private_barnehager) == (34, 21)
    assert r.schemes == ["regional"]
    names = [p.org.name for p in r.partners if p.role == "eier"]
    assert names[:5] == [
        "Molde kommune",
        "Rauma kommune",
        "Vestnes kommune",
        "Aukra kommune",
        "Hustadvika kommune",
    ], names
    assert len(names) == 5  # '+ private barnehagar i kommunane …' names no partner


def test_a_plain_list_of_known_names_under_the_partners_heading_is_the_partners(parser, tmp_path):
    text = (
        "# Behovsmelding Rekomp 2026\n\n**Eigarar i nettverket**\n\n"
        "Molde kommune (koordinerande)\nRauma kommune\nAukra kommune\n"
        "Private barnehagar i kommunane\n\n"
        "**UH:** Høgskulen i Volda\n\n## Kontakt\n\n"
        "Kontaktperson eigar: Ingrid Hovde, ingrid.hovde@example.org\n"
        "Kontaktperson UH: Kjetil Øye, kjetil.oye@example.org\n"
    )
    r = parse_text(parser, tmp_path, text, "list.md")
    got = [(p.org.name, p.role, p.contact) for p in r.partners]
    assert got == [
        ("Molde kommune", "eier", "Ingrid Hovde"),  # the owner's contact
        ("Rauma kommune", "eier", None),
        ("Aukra kommune", "eier", None),
        ("Høgskulen i Volda", "uh", "Kjetil Øye"),  # the one UH's contact
    ], got


def test_one_known_name_alone_or_a_term_of_a_definition_list_is_no_list(parser, tmp_path):
    text = (
        "# Behovsmelding 2025 – Voss herad\n\n## Om partnarskapet\n\n"
        "Eigar\n: Voss herad\n\n"
        "Kompetansemiljø\n: Høgskulen på Vestlandet (HVL)\n\n"
        "### Kontaktpersonar\n\n"
        "Eigar\n: Solveig Nesheim, rådgjevar, solveig.nesheim@example.org\n\n"
        "HVL\n: Bjarte Rokne, førsteamanuensis, bjarte.rokne@example.org\n"
    )
    r = parse_text(parser, tmp_path, text, "voss.md")
    got = [(p.org.name, p.role, p.contact) for p in r.partners]
    assert got == [
        ("Voss kommune", "eier", "Solveig Nesheim"),
        ("Høgskulen på Vestlandet", "uh", "Bjarte Rokne"),
    ], got


def test_a_new_measure_is_one_not_continued(parser, tmp_path):
    text = (
        "# Behovsmelding Rekomp 2026\n\nEigar: Molde kommune\nNy: ja\n\n"
        "## Tiltak 1: Språkmiljø\n\n**Vidareført:** ja – byggjer på 2025\n\n"
        "## Tiltak 2: Trygt barnehagemiljø\n\n**Ny:** ja, ikkje med i 2025\n\n"
        "## Tiltak 3: Styrarnettverk\n\n**Nytt:** nei\n\n"
        "## Tiltak 4: Leik\n\nUH: Høgskulen i Volda\n"
    )
    r = parse_text(parser, tmp_path, text, "ny.md")
    assert [m.continued for m in r.measures] == [True, False, True, None]
    assert r.continuation is None  # 'Ny: ja' over the report asks nothing known
    one = parse_text(parser, tmp_path, text.split("## Tiltak 2")[0], "ein.md")
    assert [m.continued for m in one.measures] == [True]
    text = "# Behovsmelding 2026\n\nEigar: Molde kommune\nNy: ja\n\n## Tiltak 1: Leik\n\nUH: HVO\n"
    assert [m.continued for m in parse_text(parser, tmp_path, text, "to.md").measures] == [None]


def test_a_small_raised_digit_is_a_mark_only_against_the_text_beside_it():
    from kompetansekart.ingest.readers.pdf_chars import Glyph, superscripts

    def run(text, x, size, bottom):
        return [
            Glyph(
                ch, x + k * size * 0.5, x + (k + 1) * size * 0.5, bottom - size, bottom, size, False
            )
            for k, ch in enumerate(text)
        ]

    # a left column in 14 pt beside a right one in 11 pt set 4 pt higher: its figures stay
    line = run("private barnehagar i kommunane", 80, 14, 300) + run("barnehagar: 34", 560, 11, 296)
    assert "".join(g.text for g in superscripts(line)).endswith("barnehagar: 34")
    # a footnote mark against the figure it follows
    line = run("fra 2025", 80, 12, 300) + run("1", 128, 7, 295) + run(", der", 132, 12, 300)
    assert "".join(g.text for g in superscripts(line)) == "fra 2025¹, der"


def test_a_known_network_keeps_its_name_as_the_report_writes_it(parser, tmp_path):
    text = "Behovsmelding 2026\nEier: Bodø kommune\nKompetansenettverk Salten\n"
    r = parse_text(parser, tmp_path, text, "salten.txt")
    assert r.network is not None and r.network.id is not None  # the gazetteer's network
    assert r.network.as_written == "Kompetansenettverk Salten"
