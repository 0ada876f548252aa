"""A survey tool's export of one response, as Microsoft Forms writes it: a grid question's
columns named 'Question?.Row', a contact's parts as 'Kontaktperson hos UH: e-post', a
measure's questions after 'Tiltak N - ', and a part of a figure said again ('herav …').
And the people of two UH partners, each matched to the UH their entry names. Written by
these tests (municipality and university names and numbers are real, people and figures
are not)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from reading import parse_text, unread

from kompetansekart.ingest.labels import Labels

ANSWERS = [
    ("ID", "4"),
    ("E-post", "lise.moen@example.org"),
    ("1. Navn på eier", "Rana kommune"),
    ("3. Hvilken ordning gjelder behovsmeldingen?", "Dekomp"),
    ("4. For hvilket kalenderår meldes behovet?", "2026"),
    ("5. Hvilke deler av opplæringen omfatter behovsmeldingen?", "Grunnskole"),
    ("7. Kontaktperson hos eier: navn", "Lise Moen"),
    ("7. Kontaktperson hos eier: e-post", "lise.moen@example.org"),
    ("8. Kontaktperson hos UH: navn", "Ola Rønning"),
    ("8. Kontaktperson hos UH: stilling", "førstelektor"),
    ("8. Kontaktperson hos UH: e-post", "ola.ronning@example.org"),
    ("8. Hvilket universitet samarbeider dere med?", "Nord universitet"),
    ("13. Hvor mange enheter er inkludert?.Offentlige skoler", "16"),
    ("13. Hvor mange enheter er inkludert?.Private skoler", "0"),
    ("13. Hvor mange enheter er inkludert?.PPT", "1"),
    ("Tiltak 1 - navn på tiltaket", "Lesing på mellomtrinnet"),
    ("Tiltak 1 - hvilken ordning gjelder tiltaket?", "Dekomp"),
    ("Tiltak 1 - er dette en videreføring av et tiltak fra 2025?", "Ja"),
    ("Tiltak 1 - eiers andel (kr)", "250000"),
    ("Tiltak 1 - UH sin andel (kr)", "kr 450 000"),
    ("Tiltak 1 - sum tiltak (kr)", "700.000,-"),
    ("Tiltak 1 - herav reise og opphold for UH (kr)", "60 000"),
]


def _export(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append([q for q, _ in ANSWERS])
    ws.append([a for _, a in ANSWERS])
    wb.save(path)
    return path


def test_a_grid_questions_column_is_the_row_it_answers(tmp_path: Path, parser):
    r = parser.parse_file(_export(tmp_path / "svar.xlsx"))
    assert (r.units.offentlige_skoler, r.units.private_skoler, r.units.ppt) == (16, 0, 1)
    assert (r.year, r.sector) == (2026, "grunnskole")


def test_a_contacts_part_after_the_label_says_which_part(tmp_path: Path, parser):
    r = parser.parse_file(_export(tmp_path / "svar.xlsx"))
    assert {(c.role, c.name, c.email) for c in r.contacts} == {
        ("eier", "Lise Moen", "lise.moen@example.org"),
        ("uh", "Ola Rønning", "ola.ronning@example.org"),
    }
    labels = Labels.load()
    assert labels.meaning("Kontaktperson hos eier - stilling").fields == ("contact.eier.function",)
    # a label naming the parts its value holds keeps the person's name
    assert labels.meaning("Kontaktperson (navn, e-post)").fields == ("contact.any.name",)


def test_a_measures_questions_are_that_measures(tmp_path: Path, parser):
    r = parser.parse_file(_export(tmp_path / "svar.xlsx"))
    (m,) = r.measures
    assert (m.number, m.scheme, m.continued) == (1, "desentralisert", True)
    assert (m.owner_amount, m.uh_amount, m.total_stated) == (250_000, 450_000, 700_000)
    # 'herav reise og opphold for UH' is a part of the UH's share, said again
    assert not unread(r)


TWO_UH = """\
Behovsmelding 2027 – desentralisert ordning

Skoleeier: Namsos kommune
Ordning: Dekomp
Behovet gjelder år: 2027
Universitet/høgskole: Nord universitet og Skrivesenteret (NTNU)

Kontaktpersoner
Rolle\tNavn\tStilling / enhet\tE-post
Eier\tIda Holm\tRådgiver grunnskole\tida.holm@example.org
UH – NTNU\tKnut Vik\tRådgiver, Skrivesenteret, NTNU\tknut.vik@example.org
UH – Nord\tEva Berg\tFørsteamanuensis, Nord universitet\teva.berg@example.org
"""


def test_each_uh_contact_is_the_partner_his_entry_names(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, TWO_UH)
    contacts = {p.org.parent or p.org.id: p.contact for p in r.partners if p.role == "uh"}
    # the order of the people is not the order of the UH: their entries say whose they are
    assert contacts == {"orgnr:974767880": "Knut Vik", "orgnr:970940243": "Eva Berg"}


def test_a_person_by_their_notes_words(tmp_path: Path, parser):
    text = (
        "Behovsmelding 2026 – regional ordning\n\n"
        "Barnehageeier: Stord kommune\n"
        "Koordinator (kontaktperson eigar): Solveig Moe, koordinator – solveig@example.org\n"
    )
    r = parse_text(parser, tmp_path, text)
    assert [(c.role, c.name, c.email) for c in r.contacts] == [
        ("eier", "Solveig Moe", "solveig@example.org")
    ]
