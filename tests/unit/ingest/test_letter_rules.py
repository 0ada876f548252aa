"""Rules for reports written as letters: measures in numbered list items, money in the
words of a sentence, answers that are not yet known, and a PDF's footnote marks.

The letters here are written for these tests (municipality and university names are real,
the people and figures are not)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reading import parse_text, reasons, unread
from reportlab.pdfgen.canvas import Canvas

from kompetansekart.demo.pdf_writer import register_fonts
from kompetansekart.ingest.amounts import format_nok
from kompetansekart.ingest.readers.pdf import read as read_pdf

LETTER = """\
Hamar kommune
Statsforvalteren i Innlandet

Behovsmelding for 2026 – regional ordning for kompetanseutvikling i barnehagen (Rekomp)

Hamar kommune er barnehageeier og sender med dette behovsmelding for 2026. Meldingen \
omfatter 9 kommunale og 4 private barnehager i kommunen.
Partnerskapet består av Hamar kommune som eier og Høgskolen i Innlandet som \
universitets- og høgskolepartner.
Kommunen melder behov for følgende tiltak:
1) Det første tiltaket, «Lek og læring i småbarnsgruppa», gjennomføres høsten 2026, med en \
eierandel på 100 000 kroner, hvorav 20 000 kroner til koordinering, og 150 000 kroner til \
Høgskolen i Innlandet, til sammen 250 000 kroner.
2) Det andre tiltaket, «Inkluderende barnehagemiljø», starter våren 2027, med en eierandel \
på 50 000 kroner og 80 000 kroner til Høgskolen i Innlandet, til sammen 130 000 kroner.
{further}

Med hilsen
Kari Nordmann
kommunalsjef
"""

UNDECIDED = (
    "Det er foreløpig uavklart om tiltakene kan knyttes til videreutdanning; dette vet vi "
    "ikke før tilbudet er kjent."
)


def write(tmp_path: Path, further: str = UNDECIDED) -> Path:
    path = tmp_path / "hamar_rekomp_2026.txt"
    path.write_text(LETTER.format(further=further), encoding="utf-8")
    return path


def test_measures_in_the_numbered_items_of_a_letter(tmp_path: Path, parser):
    """'1) Det første tiltaket, «…», …' under '… følgende tiltak:': each item is a measure,
    numbered by its item, with the money its words give each role."""
    r = parser.parse_file(write(tmp_path))
    got = [
        (m.number, m.name, m.owner_amount, m.uh_amount, m.total_stated, m.coordinator_amount)
        for m in r.measures
    ]
    assert got == [
        (1, "Lek og læring i småbarnsgruppa", 100_000, 150_000, 250_000, 20_000),
        (2, "Inkluderende barnehagemiljø", 50_000, 80_000, 130_000, None),
    ]
    assert [m.terms for m in r.measures] == [["H2026"], ["V2027"]]
    assert all(m.uh is not None and m.uh.name == "Universitetet i Innlandet" for m in r.measures)
    assert unread(r) == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("1) Tiltaket", "2) Tiltaket"),  # the item's number alone
        ("Det første tiltaket", "Det andre tiltaket"),  # the ordinal alone
    ],
)
def test_the_item_number_or_the_ordinal_names_the_measure(
    tmp_path: Path, parser, first: str, second: str
):
    text = LETTER.replace("1) Det første tiltaket", first).replace("2) Det andre tiltaket", second)
    path = tmp_path / "letter.txt"
    path.write_text(text.format(further=UNDECIDED), encoding="utf-8")
    r = parser.parse_file(path)
    assert [(m.number, m.name) for m in r.measures] == [
        (1, "Lek og læring i småbarnsgruppa"),
        (2, "Inkluderende barnehagemiljø"),
    ]


def test_an_answer_not_known_yet_is_not_a_no(tmp_path: Path, parser):
    assert parser.parse_file(write(tmp_path)).linked_to_further_education == "vet_ikke"
    no = "Tiltakene er ikke koblet til videreutdanning."
    assert parser.parse_file(write(tmp_path, no)).linked_to_further_education == "nei"


def test_two_counts_share_one_noun(tmp_path: Path, parser):
    """'9 kommunale og 4 private barnehager': nine of the first kind, four of the second."""
    units = parser.parse_file(write(tmp_path)).units
    assert (units.kommunale_barnehager, units.private_barnehager) == (9, 4)


def test_the_uh_a_sentence_names_leaves_no_missing_uh_warning(tmp_path: Path, parser):
    r = parser.parse_file(write(tmp_path))
    assert [u.name for u in r.uh] == ["Universitetet i Innlandet"]  # renamed in 2025
    assert not [d for d in r.diagnostics if d.code == "uh-missing"]


def footnoted_pdf(path: Path) -> Path:
    """A letter whose year carries a raised, smaller footnote mark, and the footnote."""
    regular, _bold = register_fonts()
    c = Canvas(str(path))
    c.setFont(regular, 10.5)
    c.drawString(72, 760, "Behovsmelding for 2026 – Rekomp. Eier: Hamar kommune")
    text = "Vi ønsker å videreføre behovsmeldingen fra 2025"
    c.drawString(72, 740, text)
    end = 72 + c.stringWidth(text, regular, 10.5)
    c.setFont(regular, 8.5)
    c.drawString(end + 0.5, 744, "1")
    c.setFont(regular, 10.5)
    c.drawString(end + 6, 740, ", der arbeidet med språkmiljø ble startet.")
    c.setFont(regular, 6)
    c.drawString(72, 101, "1")
    c.setFont(regular, 8)
    c.drawString(78, 97, "Tildelt 2025: 640 000 kroner.")
    c.save()
    return path


def test_a_raised_small_digit_is_a_footnote_mark_not_part_of_the_number(tmp_path: Path, parser):
    path = footnoted_pdf(tmp_path / "footnote.pdf")
    texts = [line.text for line in read_pdf(path).lines]
    assert any("fra 2025¹, der arbeidet" in t for t in texts), texts
    assert "¹ Tildelt 2025: 640 000 kroner." in texts
    r = parser.parse_file(path)
    # the footnote's figure is last year's grant, said so, and never a budget figure
    assert r.budget == [] and r.budget_sum is None
    notes = reasons(r)
    assert any("640 000 kr" in m and "earlier year's grant" in m for m in notes), notes
    assert not unread(r)


def test_an_amount_not_stated_is_written_as_a_dash():
    assert format_nok(None) == "–"
    assert format_nok(1_524_914) == "1 524 914 kr"


def test_a_footnote_mark_before_a_label_is_not_part_of_it():
    from kompetansekart.ingest.labels import key

    assert key("¹ Tildelt 2025") == key("Tildelt 2025") == "tildelt {year}"
    assert key("¹²Eier") == key("Eier")


def test_a_bare_number_after_an_id_word_is_that_id_not_an_amount():
    from kompetansekart.ingest.amounts import find_amounts

    def values(text: str) -> list[int]:
        return [a.value for a in find_amounts(text)]

    assert values("Side-ID 48213 · versjon 7.4") == []
    assert values("page-id: 48213") == []
    assert values("telefonnummer 93844120") == []
    # a currency sign or thousands grouping still makes it an amount
    assert values("saksnr. 2026 – kr 48213") == [48213]
    assert values("Sum 48213") == [48213]
    assert values("ID 48 213 kr") == [48213]


def test_the_unit_a_table_is_given_in_is_named_not_left_unread(tmp_path: Path, parser):
    text = (
        "# Behovsmelding 2026\n\nEier: Lillestrøm kommune\nUH: OsloMet\n\n## Budsjett\n\n"
        "*Alle beløp i tabellen er oppgitt i hele 1 000 kroner.*\n\n"
        "| Ordning | Eier | UH | Sum |\n|---|---:|---:|---:|\n"
        "| Desentralisert ordning | 530 | 870 | 1 400 |\n"
    )
    r = parse_text(parser, tmp_path, text, "thousands.md")
    rows = [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget]
    assert rows == [("desentralisert", 530_000, 870_000, 1_400_000)]
    assert not unread(r)
    notes = reasons(r)
    assert any(m.startswith("1 000 kr: the unit") for m in notes), notes


def test_a_question_with_the_measures_between_verb_and_object(tmp_path: Path, parser):
    text = "Behovsmelding 2026\nEier: Bodø kommune\nKobles tiltakene til videreutdanning?\tJa\n"
    path = tmp_path / "q.txt"
    path.write_text(text, encoding="utf-8")
    assert parser.parse_file(path).linked_to_further_education == "ja"


def test_a_correction_notes_figures_are_named_not_left_unread(tmp_path: Path, parser):
    """The cover note of a corrected report repeats the new figures (read where the report
    states them) and names the old ones ('ikke 150 000')."""
    text = (
        "Hei,\n\nVi sender en korrigert versjon.\n\n"
        "Rettelse: UH-beløpet i tiltak 2 skal være 180 000, ikke 150 000, og summen blir da "
        "300 000.\nEierandelen i tiltak 2 er uendret (120 000).\n\n"
        "BEHOVSMELDING 2026\nEier: Harstad kommune\nUH-partner: UiT Norges arktiske universitet\n"
        "Ordning: Desentralisert ordning\n\n"
        "Tiltak 2: Lesing\nEier: 120 000\nUH: 180 000\nSum: 300 000\n"
    )
    r = parse_text(parser, tmp_path, text, "corrected.txt")
    assert [(m.owner_amount, m.uh_amount, m.total_stated) for m in r.measures] == [
        (120_000, 180_000, 300_000)
    ]
    assert not unread(r)
    notes = reasons(r)
    assert any("150 000 kr" in m and "correction note" in m for m in notes), notes
    # a figure the note gives and the report does not is still reported
    again = text.replace("ikke 150 000", "ikke 150 000 (egentlig 170 000)")
    r = parse_text(parser, tmp_path, again, "corrected.txt")
    assert any("170 000 kr" in m for m in unread(r))


def test_units_counted_in_the_sector_answer(tmp_path: Path, parser):
    """'Gjeld barnehage: 5 kommunale og 2 private barnehagar + PPT Vest-Telemark (1)'."""
    text = (
        "Behovsmelding 2027\nEigar: Vinje kommune\n"
        "Gjeld barnehage: 5 kommunale og 2 private barnehagar + PPT Vest-Telemark (1)\n"
    )
    r = parse_text(parser, tmp_path, text, "vinje.txt")
    assert r.sector == "barnehage"
    units = r.units
    assert (units.kommunale_barnehager, units.private_barnehager, units.ppt) == (5, 2, 1)


def test_a_figure_said_to_be_a_part_of_another_is_named_a_part(tmp_path: Path, parser):
    text = (
        "Behovsmelding 2027\nEigar: Vinje kommune\nUH: Universitetet i Sørøst-Norge\n\n"
        "Tiltak 1: Språkmiljø\nEigar: 60 000\nUH: 90 000\n\n"
        "Koordinator (20 000) er ein del av kommunedelen.\n"
    )
    r = parse_text(parser, tmp_path, text, "part.txt")
    notes = reasons(r)
    assert any(m.startswith("20 000 kr: a part of the amount") for m in notes), notes


PRIVATE_LETTER = """\
TREKLØVERET BARNEHAGER AS

Behovsmelding for 2026 – regional ordning for kompetanseutvikling i barnehage (Rekomp)

Trekløveret Barnehager AS eier og driver fire private barnehager i Trondheim: Lade \
barnehage, Byåsen barnehage, Moholt barnehage og Tiller barnehage.
Vi deltar i kompetansenettverket «Kompetansenettverk for private barnehager i Trondheim».
Vi har kartlagt behovene høsten 2025 og ønsker to tiltak:
1.\tSpråkmiljø med de yngste barna. Personalet skal videreutvikle språkmiljøet. Til \
tiltak 1 søker vi 120 000 kroner til eier og 180 000 kroner til DMMH, til sammen 300 000 \
kroner. Tiltaket går høsten 2026 og våren 2027.
2.\tLek og læring i utetiden. Alle ansatte skal arbeide med uteområdene. Til tiltak 2 \
søker vi 80 000 kroner til eier og 140 000 kroner til DMMH, til sammen 220 000 kroner.
Samlet melder vi for 2026 et behov på 200 000 kroner til eier og 320 000 kroner til DMMH, \
totalt 520 000 kroner.
Behovsmeldingen er drøftet med tillitsvalgt for Utdanningsforbundet og Fagforbundet i \
virksomheten.
"""


def test_a_letters_measures_as_a_numbered_list_named_by_their_first_sentence(tmp_path, parser):
    r = parse_text(parser, tmp_path, PRIVATE_LETTER, "treklover.txt")
    got = {m.number: (m.name, m.owner_amount, m.uh_amount, m.total_stated) for m in r.measures}
    assert got == {
        1: ("Språkmiljø med de yngste barna", 120_000, 180_000, 300_000),
        2: ("Lek og læring i utetiden", 80_000, 140_000, 220_000),
    }
    assert r.measures[0].terms == ["H2026", "V2027"]


def test_a_private_owners_letter_counts_its_kindergartens_and_names_its_network(tmp_path, parser):
    r = parse_text(parser, tmp_path, PRIVATE_LETTER, "treklover.txt")
    assert r.units.private_barnehager == 4
    assert r.network is not None
    assert r.network.as_written == "Kompetansenettverk for private barnehager i Trondheim"
    assert r.union_consultation.held is True
    assert set(r.union_consultation.unions) == {"Utdanningsforbundet", "Fagforbundet"}


def test_the_uh_named_in_the_measures_has_its_share_of_the_summary(tmp_path, parser):
    # 'DMMH' is named only in the measures' sentences, not in a field of its own
    r = parse_text(parser, tmp_path, PRIVATE_LETTER, "treklover.txt")
    assert [(b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        (200_000, 320_000, 520_000)
    ]
    assert not unread(r)
