"""The .pdf reader on real PDFs made here: with the demo writer (paragraphs, ruled tables,
bold, footers, encryption) or drawn with reportlab's canvas where the test needs exact
positions (column gaps, leading, running headers). No mocks."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kompetansekart.demo.pdf_writer import register_fonts, write_pdf, write_scanned_pdf
from kompetansekart.ingest.errors import IngestError, UnreadableReport
from kompetansekart.ingest.readers import pdf, reader_for
from kompetansekart.ingest.readers.base import ReadResult
from kompetansekart.ingest.readers.pdf_chars import is_bold

REGULAR, BOLD = register_fonts()
LEFT, WIDTH, SIZE = 72.0, 450.0, 10.0
LONG = (
    "Partnerskapet har arbeidet med klasseledelse og et trygt og godt skolemiljø siden "
    "høsten 2022, og skolene melder at arbeidet i profesjonsfellesskapene har gitt en felles "
    "forståelse av hva som kjennetegner god undervisning i alle fag og på alle trinn, fra "
    "barnehagen til ungdomsskolen i Bodø, Saltdal og Vågan."
)


def texts(path: Path) -> list[str]:
    return [line.text for line in pdf.read(path).lines]


def written(tmp_path: Path, lines: list[str], name: str = "r.pdf", **kw) -> Path:
    return write_pdf(lines, tmp_path / name, **kw)


def drawn(path: Path, pages: list[list[tuple[float, float, str, bool]]]) -> Path:
    """A PDF drawn glyph run by glyph run: (x, top, text, bold) per run, top measured
    from the top of the page as pdfplumber does."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for runs in pages:
        for x, top, text, bold in runs:
            canvas.setFont(BOLD if bold else REGULAR, SIZE)
            canvas.drawString(x, A4[1] - top, text)
        canvas.showPage()
    canvas.save()
    return path


def wrapped(text: str, width: float = WIDTH) -> list[str]:
    """Greedy wrapping, as a word processor does it: each line is full."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and stringWidth(candidate, REGULAR, SIZE) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def paragraph_runs(lines: list[str], top: float, step: float = 13.0) -> list[tuple]:
    return [(LEFT, top + i * step, line, False) for i, line in enumerate(lines)]


# -- text, order, characters ------------------------------------------------------------


def test_lines_come_in_reading_order_with_running_numbers(tmp_path):
    source = [
        "Behovsmelding – Kollektiv kompetanseutvikling",
        "Eier: Bodø kommune, Hamarøy og Vågan – ÆØÅ",
        "Barnehage ☐ Grunnskole ☒ Begge deler ☐",
        "Kompetansemiljø: Nord universitet",
    ]
    path = written(tmp_path, source)
    result = pdf.read(path)
    assert isinstance(result, ReadResult)
    assert [line.text for line in result.lines] == source
    assert [line.no for line in result.lines] == [1, 2, 3, 4]
    assert {line.file for line in result.lines} == {str(path)}
    assert result.raw == path.read_bytes()
    assert [(d.level, d.code, d.message) for d in result.diagnostics] == [
        ("info", "pdf", "PDF: 1 page, no ruled tables")
    ]
    fmt, registered = reader_for(path)
    assert fmt == "pdf"
    assert registered(path).lines == result.lines


def test_ligatures_and_accents_drawn_over_letters_become_letters(tmp_path):
    x_ring = LEFT + stringWidth("V", REGULAR, SIZE)
    a_width = stringWidth("a", REGULAR, SIZE)
    ring_x = x_ring + (a_width - stringWidth("˚", REGULAR, SIZE)) / 2
    path = drawn(
        tmp_path / "chars.pdf",
        [
            [
                (LEFT, 100, "Kvaliﬁsert ﬂyt", False),
                (LEFT, 120, "Va", False),
                (ring_x, 120, "˚", False),
                (x_ring + a_width, 120, "gan", False),
            ]
        ],
    )
    assert texts(path) == ["Kvalifisert flyt", "Vågan"]


def test_undecodable_glyphs_are_replaced_and_warned_about(tmp_path):
    # Without its ToUnicode map, the font's non-ASCII glyphs come out as (cid:NN).
    path = written(tmp_path, ["Eier: Bodø kommune og Kari Nordmann"], page_numbers=False)
    path.write_bytes(path.read_bytes().replace(b"/ToUnicode", b"/ToUnicodX"))
    result = pdf.read(path)
    assert [line.text for line in result.lines] == ["Eier: Bod\ufffd kommune og Kari Nordmann"]
    (warning,) = [d for d in result.diagnostics if d.level == "warning"]
    assert warning.code == "pdf"
    assert "some characters could not be decoded (1 glyph" in warning.message


def test_text_that_is_mostly_undecodable_is_refused(tmp_path):
    path = written(tmp_path, ["æøå ÆØÅ ☒☐ " * 8], page_numbers=False)
    path.write_bytes(path.read_bytes().replace(b"/ToUnicode", b"/ToUnicodX"))
    with pytest.raises(UnreadableReport, match="cannot be decoded"):
        pdf.read(path)


# -- bold -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, bold",
    [
        ("ABCDEF+DejaVuSans-Bold", True),
        ("Arial-BoldMT", True),
        ("Calibri,Bold", True),
        ("QWERTY+Calibri-SemiBold", True),
        ("ABCDEF+Calibri", False),
        ("Helvetica", False),
    ],
)
def test_bold_is_read_from_the_font_name(name, bold):
    assert is_bold(name) is bold


def test_bold_spans_come_back_as_markdown(tmp_path):
    source = [
        "Regional ordning **Desentralisert ordning** Kompetanseløftet",
        "Tiltakets varighet Vår 2025 **Høst 2025** **Vår 2026**",
        "**Tiltak 2**Navn på tiltak: **Lesing som grunnleggende ferdighet**",
        "Eier: **" + LONG + "**",  # a bold span wrapping over three lines stays one span
        "Ja ☐ Nei **☒**",
    ]
    assert texts(written(tmp_path, source)) == source


def test_markup_characters_print_as_written(tmp_path):
    source = [
        "Eier & UH: <i>Navn på eier</i> <https://example.no/a?b=1&c=2>",
        "Sum < 5 000 og > 1 000 * 2 ** ikke fet ** og **fet**",
    ]
    assert texts(written(tmp_path, source)) == source


def test_adjacent_bold_words_merge_into_one_span(tmp_path):
    kari = LEFT + stringWidth("Kontakt: ", REGULAR, SIZE)
    nordmann = kari + stringWidth("Kari", BOLD, SIZE) + 3  # a gap, no space glyph
    path = drawn(
        tmp_path / "bold.pdf",
        [
            [
                (LEFT, 100, "Kontakt: ", False),
                (kari, 100, "Kari", True),
                (nordmann, 100, "Nordmann", True),
                (LEFT, 120, "Eier: ", False),
                (LEFT + stringWidth("Eier: ", REGULAR, SIZE), 120, "Bodø kommune ", True),
            ]
        ],
    )
    assert texts(path) == ["Kontakt: **Kari Nordmann**", "Eier: **Bodø kommune**"]


# -- tables and columns -------------------------------------------------------------------


def test_ruled_table_rows_become_tab_separated_cells(tmp_path):
    long_cell = "Rådgiver for oppvekst og kompetanseutvikling i " + LONG
    source = [
        "Kontaktpersoner:",
        "\tEier\tUH",
        "Navn\t**Kari Nordmann**\tOla Testesen",
        f"Funksjon\t{long_cell}\t",
        "E-post\tkari.nordmann@example.no\tola.testesen@example.no",
        "Teksten etter tabellen.",
    ]
    path = written(tmp_path, source)
    result = pdf.read(path)
    assert [line.text for line in result.lines] == source
    assert "1 ruled table" in result.diagnostics[0].message
    with pdfplumber.open(path) as doc:  # the long cell really wrapped in the PDF
        (table,) = doc.pages[0].extract_tables()
    assert "\n" in table[2][1]


def test_rows_with_another_cell_count_form_their_own_table(tmp_path):
    source = [
        "Ordning\tEier\tUH\tTotalt",
        "Regional ordning\t\t\t",
        "Sum\t180 000,-\t420 000,-\t640 000,-",
        "Rolle\tNavn",
        "Utdanningsforbundet\tSiri Testdatter",
    ]
    result = pdf.read(written(tmp_path, source))
    assert [line.text for line in result.lines] == source
    assert "2 ruled tables" in result.diagnostics[0].message


def test_a_column_gap_in_free_text_becomes_a_tab(tmp_path):
    value_x = 260.0
    kari = value_x
    nordmann = kari + stringWidth("Kari", REGULAR, SIZE) + 3  # positioned, no space glyph
    path = drawn(
        tmp_path / "columns.pdf",
        [
            [
                (LEFT, 100, "Eier:", False),
                (value_x, 100, "Bodø kommune", False),
                (LEFT, 115, "Kontaktperson:", False),
                (kari, 115, "Kari", False),
                (nordmann, 115, "Nordmann", False),
                (LEFT, 130, "Ja ☒      Nei ☐", False),  # typed spaces are not a column
            ]
        ],
    )
    assert texts(path) == ["Eier:\tBodø kommune", "Kontaktperson:\tKari Nordmann", "Ja ☒ Nei ☐"]


RIGHT = 320.0  # the right column of a two-column page


def test_a_page_in_two_columns_of_fields_is_read_column_by_column(tmp_path):
    # the owner's fields on the left, a measure's on the right, at heights of their own;
    # a title across the page above, and a paragraph across it below ends the band
    left = ["Eier: Hamar kommune", "Org.nr.: 970 540 008", "Kontaktperson: Kari Nordmann"]
    left += ["E-post: kari@example.no", "Telefon: 400 00 000"]
    right = ["Tiltak 1 – Lesing", "Formål: Gjennomføring", "Eiers andel: 250 000 kr"]
    right += ["UH-andel: 350 000 kr", "Sum tiltak 1: 600 000 kr"]
    runs = [(LEFT, 80, "BEHOVSMELDING FOR BARNEHAGE OG SKOLE I HAMAR KOMMUNE 2026", True)]
    runs += [(LEFT, 110 + 14 * k, text, False) for k, text in enumerate(left)]
    runs += [(RIGHT, 117 + 14 * k, text, False) for k, text in enumerate(right)]
    runs += [
        (LEFT, 200, "Meldingen er drøftet med de tillitsvalgte i kommunen og i UH-miljøet.", False)
    ]
    path = drawn(tmp_path / "two-columns.pdf", [runs])
    assert texts(path) == [
        "**BEHOVSMELDING FOR BARNEHAGE OG SKOLE I HAMAR KOMMUNE 2026**",
        *left,
        *right,
        "Meldingen er drøftet med de tillitsvalgte i kommunen og i UH-miljøet.",
    ]


def test_labels_with_their_values_in_a_column_stay_row_by_row(tmp_path):
    # the common form: labels on the left, values at one x on the right, a value wrapped
    # onto a second line and a label left empty; no column of fields of its own
    rows = [("Eier:", "Hamar kommune"), ("Kontaktperson:", "Kari Nordmann")]
    rows += [("Målgruppe:", "Lærere og ledere i"), ("", "grunnskolen"), ("Fase:", "")]
    rows += [("Tidsrom:", "Høst 2026"), ("Beløp:", "Eier: 200 000 kr")]
    runs = []
    for k, (label, value) in enumerate(rows):
        runs += [(LEFT, 100 + 14 * k, label, False)] if label else []
        runs += [(RIGHT, 100 + 14 * k, value, False)] if value else []
    path = drawn(tmp_path / "label-value.pdf", [runs])
    assert texts(path)[:2] == ["Eier:\tHamar kommune", "Kontaktperson:\tKari Nordmann"]
    assert "Tidsrom:\tHøst 2026" in texts(path)


BROCHURE_LEFT = (
    "Kommunen har de siste årene sett flere henvisninger til PP-tjenesten, og flere barn og "
    "elever får hjelp utenfor fellesskapet. Kartleggingen som enhetslederne gjorde høsten "
    "2025, viser at de ansatte særlig etterspør kompetanse på tidlig innsats i barnehagen, "
    "på å forebygge og følge opp bekymringsfullt skolefravær, og på hvordan PPT kan arbeide "
    "mer systemrettet sammen med barnehagene og skolene i hele kommunen."
)
BROCHURE_RIGHT = (
    "Partnerskapet bygger på samarbeidet med Nord universitet, som holder fire samlinger og "
    "veileder ressursgrupper i hver barnehage og skole gjennom hele året, slik at "
    "kompetansen blir værende i enhetene også etter at tiltaket er avsluttet. Styringsgruppen "
    "møtes fire ganger i året og godkjenner planene for hvert semester, og erfaringene deles "
    "i kompetansenettverket og i samarbeidsforum."
)
COLUMN_WIDTH = 200.0


def test_a_brochure_in_two_columns_of_running_text_is_read_column_by_column(tmp_path):
    # paragraphs wrapped down each column at the same heights, with a title across the
    # page: read as a person reads it, the left column first, each paragraph whole
    left, right = wrapped(BROCHURE_LEFT, COLUMN_WIDTH), wrapped(BROCHURE_RIGHT, COLUMN_WIDTH)
    assert len(left) >= 8 and len(right) >= 8
    # the right column ends at the page's right margin, as the left one starts at its left
    at = A4[0] - LEFT - COLUMN_WIDTH
    # a title across the page whose words stand a space apart where the right column
    # starts: still one line
    head = "Behovsmelding for 2026 – Bodø kommune og"
    runs = [(at - stringWidth(head + " ", REGULAR, SIZE), 80, head, False)]
    runs += [(at, 80, "Nord universitet", False)]
    runs += [(LEFT, 110 + 12 * k, text, False) for k, text in enumerate(left)]
    runs += [(at, 110 + 12 * k, text, False) for k, text in enumerate(right)]
    path = drawn(tmp_path / "brochure.pdf", [runs])
    assert texts(path) == [
        "Behovsmelding for 2026 – Bodø kommune og Nord universitet",
        BROCHURE_LEFT,
        BROCHURE_RIGHT,
    ]


def test_a_bold_label_with_a_comma_starts_a_line_of_its_own(tmp_path):
    # '**SePU, Universitetet i Innlandet:** …' under a full line: the next contact, not
    # the wrapped end of the one before
    first = "Nord universitet: Petter Nystad, førsteamanuensis, petter.nystad@example.org"
    width = stringWidth(first, REGULAR, SIZE)
    path = drawn(
        tmp_path / "contacts.pdf",
        [[(LEFT, 100, first, False), (LEFT, 112, "SePU, Universitetet i Innlandet:", True)]],
    )
    # the first line is as wide as the text column, so only the label can stop the join
    lines = texts(path)
    assert width > 0 and len(lines) == 2, lines
    assert lines[1].startswith("**SePU, Universitetet i Innlandet:**")


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_a_page_set_sideways_or_upside_down_is_turned_to_read(tmp_path, rotation):
    # /Rotate without turning the drawing: on screen the text runs up, upside down or down.
    canvas = Canvas(str(tmp_path / "turned.pdf"), pagesize=A4, invariant=1)
    canvas.setPageRotation(rotation)
    canvas.setFont(REGULAR, SIZE)
    canvas.drawString(72, 200, "Før tabellen")
    for x in (72, 172, 272, 372):
        canvas.line(x, 100, x, 160)
    for y in (100, 130, 160):
        canvas.line(72, y, 372, y)
    for j, text in enumerate(("Ordning", "Eier", "UH")):
        canvas.drawString(76 + 100 * j, 140, text)
    canvas.drawString(76, 110, "Sum")
    canvas.setFont(BOLD, SIZE)
    canvas.drawString(276, 110, "1 000")
    canvas.setFont(REGULAR, SIZE)
    canvas.drawString(72, 80, "Etter tabellen")
    canvas.showPage()
    canvas.save()
    assert texts(tmp_path / "turned.pdf") == [
        "Før tabellen",
        "Ordning\tEier\tUH",
        "Sum\t\t**1 000**",
        "Etter tabellen",
    ]


def test_filled_in_form_fields_are_read_where_they_stand(tmp_path):
    path = tmp_path / "form.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    form = canvas.acroForm
    canvas.setFont(REGULAR, SIZE)
    y = A4[1] - 100
    canvas.drawString(LEFT, y, "Eier:")
    form.textfield(name="eier", value="Bodø kommune", x=LEFT + 30, y=y - 4, width=200, height=15)
    canvas.drawString(LEFT, y - 20, "Ja")
    form.checkbox(name="ja", checked=True, x=LEFT + 16, y=y - 22, size=9)
    canvas.drawString(LEFT + 32, y - 20, "Nei")
    form.checkbox(name="nei", checked=False, x=LEFT + 54, y=y - 22, size=9)
    form.textfield(name="tom", value="", x=LEFT, y=y - 60, width=200, height=15)
    canvas.drawString(LEFT, y - 80, "Vanlig tekst")
    # a field is a cell: the label after it starts the next one
    canvas.drawString(LEFT, y - 100, "Eiers andel (kr)")
    form.textfield(name="eier_kr", value="180 000", x=LEFT + 80, y=y - 104, width=60, height=15)
    canvas.drawString(LEFT + 145, y - 100, "UH-andel (kr)")
    form.textfield(name="uh_kr", value="320 000", x=LEFT + 210, y=y - 104, width=60, height=15)
    canvas.showPage()
    canvas.save()
    result = pdf.read(path)
    assert [line.text for line in result.lines] == [
        "Eier:\tBodø kommune",
        "Ja ☒ Nei ☐",
        "Vanlig tekst",
        "Eiers andel (kr)\t180 000\tUH-andel (kr)\t320 000",
    ]
    assert result.diagnostics[0].message == "PDF: 1 page, no ruled tables, 5 filled-in form fields"


# -- wrapped paragraphs --------------------------------------------------------------------


def test_a_wrapped_paragraph_is_one_line_and_short_lines_stay_apart(tmp_path):
    lines = wrapped(LONG)
    assert len(lines) >= 3
    closing = ["Med vennlig hilsen", "Kari Nordmann"]  # normal leading, but not full
    page = paragraph_runs(lines + closing, top=100)
    assert texts(drawn(tmp_path / "p.pdf", [page])) == [LONG, *closing]


@pytest.mark.parametrize("step, joined", [(23.0, False), (13.0, True)])
def test_a_full_line_is_joined_only_at_the_normal_leading(tmp_path, step, joined):
    lines = wrapped(LONG + " " + LONG)
    first, rest = lines[0], lines[1:]  # `first` is full: the next word did not fit
    page = [(LEFT, 100, first, False), *paragraph_runs(rest, top=100 + step)]
    expected = [" ".join(lines)] if joined else [first, " ".join(rest)]
    assert texts(drawn(tmp_path / "gap.pdf", [page])) == expected


def test_a_paragraph_continues_over_a_page_break(tmp_path):
    filler = [f"Linje {n} før avsnittet." for n in range(1, 30)]
    paragraph = " ".join([LONG] * 12)  # about 30 lines: runs from page 1 onto page 2
    source = [*filler, paragraph, "Etter avsnittet."]
    path = written(tmp_path, source)
    with pdfplumber.open(path) as doc:
        assert len(doc.pages) == 2
        assert "Vågan" in (doc.pages[1].extract_text() or "")
    result = pdf.read(path)
    assert [line.text for line in result.lines] == source  # footers "Side 1/2" are gone
    assert "2 pages" in result.diagnostics[0].message


@pytest.mark.parametrize(
    "footer", ["Side {n}", "Side {n} av 2", "{n}/2", "{n}", "- {n} -", "Page {n} of 2"]
)
def test_page_numbers_go_and_a_running_header_is_kept_once(tmp_path, footer):
    header = "Behovsmelding 2026 – Bodø kommune"
    pages = [
        [(LEFT, 40, header, False), (LEFT, 100, body, False), (290, 800, footer.format(n=n), False)]
        for n, body in ((1, "Første side."), (2, "Andre side."))
    ]
    assert texts(drawn(tmp_path / "furniture.pdf", pages)) == [
        header,
        "Første side.",
        "Andre side.",
    ]


def test_a_running_footer_with_its_page_number_goes_even_if_the_cover_differs(tmp_path):
    """'Nettverket · Regional ordning 2027    2 / 3' at the foot of each page: the text
    beside the page number is the footer's, even where the cover's footer differs. It goes
    from every page, and one copy (the first page's, without its number) ends the text:
    it may be the only place the document names its network."""
    footers = ["Kompetansenettverket Telemark", *["Kompetansenettverket Telemark · 2027"] * 2]
    pages = [
        [
            (LEFT, 100, body, False),
            (LEFT, 800, footers[n - 1], False),
            (480, 800, f"{n} / 3", False),
        ]
        for n, body in ((1, "Første side."), (2, "Andre side."), (3, "Tredje side."))
    ]
    assert texts(drawn(tmp_path / "footer.pdf", pages)) == [
        "Første side.",
        "Andre side.",
        "Tredje side.",
        "Kompetansenettverket Telemark",
    ]


def test_a_network_named_only_in_the_running_footer_is_the_reports(tmp_path, parser):
    pages = [
        [
            (LEFT, 100, body, False),
            (LEFT, 800, "Kompetansenettverket Vest-Telemark · Regional ordning 2027", False),
            (480, 800, f"{n} / 2", False),
        ]
        for n, body in ((1, "Behovsmelding 2027. Eigar: Vinje kommune"), (2, "Tiltak 1: Leik"))
    ]
    r = parser.parse_file(drawn(tmp_path / "nettverk.pdf", pages))
    assert r.network is not None
    assert r.network.as_written == "Kompetansenettverket Vest-Telemark"


def test_a_number_that_is_not_the_page_number_is_content(tmp_path):
    page = [(LEFT, 100, "Totalt antall tiltak det er behov for tilskudd til?", False)]
    page.append((LEFT, 120, "3", False))
    assert texts(drawn(tmp_path / "value.pdf", [page]))[-1] == "3"


def test_structural_flaws_become_a_diagnostic_not_noise_on_stderr(tmp_path, capfd):
    path = written(tmp_path, ["Eier: Bodø kommune"])
    path.write_bytes(path.read_bytes().replace(b"/FontBBox", b"/FontBBoX"))
    result = pdf.read(path)
    assert [line.text for line in result.lines] == ["Eier: Bodø kommune"]
    (flaws,) = [d for d in result.diagnostics if "structural flaws" in d.message]
    assert (flaws.level, flaws.code) == ("info", "pdf")
    assert "FontBBox" in flaws.message
    assert capfd.readouterr().err == ""


# -- refused files ----------------------------------------------------------------------


def test_a_scan_without_text_layer_needs_ocr(tmp_path):
    path = write_scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(UnreadableReport) as info:
        pdf.read(path)
    assert str(info.value) == (
        f"{path}: no text layer (a scanned PDF?): needs OCR, which this tool does not do"
    )


def test_a_pdf_that_needs_a_password_is_refused(tmp_path):
    path = written(tmp_path, ["Eier: Bodø kommune"], password="hemmelig")
    with pytest.raises(UnreadableReport) as info:
        pdf.read(path)
    assert str(info.value) == f"{path}: encrypted PDF: needs a password"


def test_a_pdf_with_only_an_owner_password_is_read(tmp_path):
    path = written(tmp_path, ["Eier: Bodø kommune", "Ja ☒ Nei ☐"], owner_password_only=True)
    result = pdf.read(path)
    assert [line.text for line in result.lines] == ["Eier: Bodø kommune", "Ja ☒ Nei ☐"]
    assert ("info", "encrypted with an owner password only; read without one") in [
        (d.level, d.message) for d in result.diagnostics
    ]


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "the file is empty"),
        (b"  \n", "the file is empty"),
        (b"Eier: Bodo kommune\n", "not a PDF file (no %PDF- header)"),
        (b"PK\x03\x04 a zip, maybe a .docx", "not a PDF file (no %PDF- header)"),
    ],
)
def test_files_that_are_not_pdfs_are_refused_clearly(tmp_path, content, reason):
    path = tmp_path / "r.pdf"
    path.write_bytes(content)
    with pytest.raises(UnreadableReport) as info:
        pdf.read(path)
    assert str(info.value) == f"{path}: {reason}"


def test_a_truncated_pdf_is_refused(tmp_path):
    path = written(tmp_path, ["Eier: Bodø kommune"] * 40)
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(UnreadableReport, match=r"truncated PDF: the %%EOF end marker is missing"):
        pdf.read(path)


def test_a_pdf_with_its_middle_missing_is_refused_as_damaged(tmp_path):
    path = written(tmp_path, ["Eier: Bodø kommune"] * 40)
    raw = path.read_bytes()
    path.write_bytes(raw[:2000] + raw[-600:])
    with pytest.raises(UnreadableReport, match=r": (damaged PDF|no text layer|the PDF has no)"):
        pdf.read(path)


def test_more_pages_than_the_limit_are_refused_before_reading(tmp_path, monkeypatch):
    path = written(tmp_path, [f"Linje {n}" for n in range(80)])
    with pdfplumber.open(path) as doc:
        assert len(doc.pages) == 3
    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    with pytest.raises(UnreadableReport) as info:
        pdf.read(path)
    assert str(info.value).endswith(": the PDF has 3 pages; the limit for a report is 2 pages")


def test_a_file_above_the_size_limit_is_refused(tmp_path, monkeypatch):
    path = written(tmp_path, ["Eier: Bodø kommune"])
    monkeypatch.setattr(pdf, "MAX_PDF_BYTES", 1000)
    with pytest.raises(UnreadableReport, match=r"; the limit for a PDF report is 1,000 bytes$"):
        pdf.read(path)


def test_missing_fonts_are_named_with_their_package(tmp_path, monkeypatch):
    from kompetansekart.demo import pdf_writer

    monkeypatch.setattr(pdf_writer, "FONT_DIR", tmp_path)
    monkeypatch.setattr(pdf_writer.pdfmetrics, "getRegisteredFontNames", lambda: [])
    expected = f"font not found: {tmp_path / 'DejaVuSans.ttf'}; install the Debian package "
    with pytest.raises(pdf_writer.MissingFont) as info:
        pdf_writer.register_fonts()
    assert str(info.value) == expected + "fonts-dejavu-core"


# -- fuzz -----------------------------------------------------------------------------------


def _small_pdf() -> bytes:
    """A small uncompressed PDF with a standard font, so mutations hit structure and text."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "small.pdf"
        canvas = Canvas(str(path), pagesize=A4, invariant=1, pageCompression=0)
        canvas.setFont("Helvetica", 10)
        canvas.drawString(72, 750, "Eier: Bodo kommune")
        canvas.drawString(72, 735, "Ja [x] Nei [ ]")
        canvas.rect(72, 600, 200, 40)
        canvas.line(172, 600, 172, 640)
        canvas.showPage()
        canvas.save()
        return path.read_bytes()


SMALL_PDF = _small_pdf()


def test_the_fuzz_seed_is_readable(tmp_path):
    path = tmp_path / "small.pdf"
    path.write_bytes(SMALL_PDF)
    assert texts(path) == ["Eier: Bodo kommune", "Ja [x] Nei [ ]"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(
        st.tuples(st.integers(0, len(SMALL_PDF) - 1), st.integers(0, 255)),
        min_size=1,
        max_size=12,
    ),
    cut=st.one_of(st.none(), st.integers(0, len(SMALL_PDF))),
)
def test_mutated_pdfs_read_or_fail_with_an_ingest_error(tmp_path_factory, edits, cut):
    data = bytearray(SMALL_PDF)
    for position, value in edits:
        data[position] = value
    if cut is not None:
        data = data[:cut] + data[cut + 50 :]
    path = tmp_path_factory.getbasetemp() / "fuzz.pdf"
    path.write_bytes(bytes(data))
    try:
        result = pdf.read(path)
    except IngestError:
        return
    assert isinstance(result, ReadResult)
    assert all(isinstance(line.text, str) for line in result.lines)
