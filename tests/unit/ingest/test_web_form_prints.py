"""Web forms as a browser or an e-service prints them: a help text in brackets under each
label, 'Velg ...' and 'f.eks. 100 000' in empty fields, character counters, required
fields marked ' *', radio buttons '(•) Ja ( ) Nei', boxes ticked in a list of unions,
headings underlined with dashes, an empty block for one more measure, the form's own cap
on a measure, a portal's receipt with its questions written out in full, and its summary
page. Written by these tests (municipality and university names are real, the people and
figures are not)."""

from __future__ import annotations

from reading import parse_text, reasons, unread

FORM = """Skjema: Behovsmelding 2026 – Kompetanseløftet for spesialpedagogikk

Felt merket med * er obligatoriske.

Steg 1 av 3 – Om søker
----------------------

Ordning *
(Velg ordningen behovsmeldingen gjelder)
Kompetanseløftet for spesialpedagogikk og inkluderende praksis

Meldes det også behov under desentralisert ordning (Dekomp)?
(Brukes bare ved felles melding)
Velg ...

Navn på eier *
(Kommune, fylkeskommune eller privat eier)
Nordkapp kommune

Universitet/høgskole *
(Velg institusjonen partnerskapet samarbeider med)
UiT Norges arktiske universitet

Campus/fagmiljø
(Fritekst)
Campus Alta, lærerutdanning og pedagogikk

Ønsker partnerskapet å videreføre behovsmeldingen fra 2025? *
(Velg ett alternativ)
( ) Ja   (•) Nei

Er samiske perspektiver ivaretatt i behovsmeldingen? *
(Velg ett alternativ)
(•) Ja   ( ) Nei

Steg 2 av 3 – Tiltak
--------------------

Tiltak 1

Navn på tiltak *
(Kort, beskrivende navn)
Inkluderende læringsmiljø

Målgruppe *
(Hvem deltar i tiltaket)
Lærere og assistenter
21/300 tegn

Beløp eier *
(Oppgi beløp i hele kroner, f.eks. 200 000)
150 000

Beløp universitet/høgskole *
(Oppgi beløp i hele kroner)
kr 280 000

Sum for tiltaket (beregnes automatisk)
430 000
Maksimalt beløp: 500 000

Tiltak 2 (valgfritt)

Navn på tiltak *
(Kort, beskrivende navn)
Skriv inn navn på tiltaket ...

Beløp eier *
(Oppgi beløp i hele kroner, f.eks. 200 000)
f.eks. 100 000

Sum for tiltaket (beregnes automatisk)
0
Maksimalt beløp: 500 000

Steg 3 av 3 – Medbestemmelse og oppsummering
--------------------------------------------

Hvilke organisasjoner deltok? *
(Flere svar mulig)
[x] Utdanningsforbundet
[ ] Skolenes landsforbund
[x] Fagforbundet
[ ] Delta

Sum eier, alle tiltak
150 000 kr

Sum universitet/høgskole, alle tiltak
280 000 kr

Totalt meldt behov Kompetanseløftet 2026
430 000 kr
"""


def test_a_saved_web_form_reads_its_answers_not_its_help_texts(parser, tmp_path):
    r = parse_text(parser, tmp_path, FORM, "skjema.txt")
    assert r.owner.id == "orgnr:938469415"
    assert r.schemes == ["kompetanseloftet"]  # 'Velg ...' chose no second scheme
    assert [u.id for u in r.uh] == ["orgnr:970422528"]  # a campus is no second UH
    assert r.continuation is False and r.sami_perspective == "ja"
    # the empty block for one more measure is no measure
    assert [(m.number, m.name) for m in r.measures] == [(1, "Inkluderende læringsmiljø")]
    m = r.measures[0]
    assert (m.owner_amount, m.uh_amount, m.total_stated) == (150_000, 280_000, 430_000)
    assert not any("tegn" in t for t in m.target_groups), m.target_groups
    assert r.union_consultation.unions == ["Utdanningsforbundet", "Fagforbundet"]
    assert [(b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        (150_000, 280_000, 430_000)
    ]
    notes = reasons(r)
    assert any("200 000 kr" in n and "example" in n for n in notes), notes
    assert any("500 000 kr" in n and "limit" in n for n in notes), notes
    assert not unread(r), unread(r)
    assert any(d.code == "empty-measure" for d in r.diagnostics)


RECEIPT = """KVITTERING PÅ INNSENDT SKJEMA

Innsendt av:       Kari Testesen
På vegne av:       HITRA KOMMUNE (938772924)
Referansenummer:   AR123456789

--------------------------------------------------------------------------------
SIDE 1 AV 3 – SØKER
--------------------------------------------------------------------------------

Hvilken tilskuddsordning gjelder behovsmeldingen?
    Desentralisert ordning for kompetanseutvikling i skolen (Dekomp)

Hvilket opplæringsnivå gjelder behovsmeldingen?
    Grunnskole

Navn på kontaktperson hos skoleeier
    Kari Testesen

E-postadresse til kontaktperson hos skoleeier
    kari.testesen@example.org

Hvilket universitet eller hvilken høgskole er med?
    NTNU

--------------------------------------------------------------------------------
SIDE 2 AV 3 – TILTAK
--------------------------------------------------------------------------------

Tiltak (1 av 1)
~~~~~~~~~~~~~~~

Navn på tiltaket
    Lesing og skriving

Er tiltaket en videreføring av et tiltak fra tidligere år?
    Ja

Beløp til skoleeier
    NOK 180000

Beløp til universitet/høgskole
    NOK 320000

--------------------------------------------------------------------------------
SIDE 3 AV 4 – ENHETER
--------------------------------------------------------------------------------

Antall offentlige skoler som er med
    6

Antall private skoler som er med
    0

Antall PP-tjenester som er med
    1

Er behovsmeldingen drøftet med arbeidstakerorganisasjonene?
    Ja

--------------------------------------------------------------------------------
SIDE 4 AV 4 – OPPSUMMERING
--------------------------------------------------------------------------------

Antall tiltak: 1

Sum skoleeiers andel, alle tiltak
    NOK 180000

Sum universitetets/høgskolens andel, alle tiltak
    NOK 320000

Endring fra tilskudd mottatt forrige år
    NOK 70000
"""


def test_a_portal_receipt_reads_its_questions_written_out(parser, tmp_path):
    r = parse_text(parser, tmp_path, RECEIPT, "kvittering.txt")
    assert r.owner.id == "orgnr:938772924"
    assert r.schemes == ["desentralisert"] and r.sector == "grunnskole"
    assert [c.email for c in r.contacts] == ["kari.testesen@example.org"]
    got = [(m.owner_amount, m.uh_amount, m.continued) for m in r.measures]
    assert got == [(180_000, 320_000, True)]
    assert r.union_consultation.held is True
    units = r.units
    assert (units.offentlige_skoler, units.private_skoler, units.ppt) == (6, 0, 1)
    assert [(b.owner_amount, b.uh_amount) for b in r.budget] == [(180_000, 320_000)]
    notes = reasons(r)
    assert any("70 000 kr" in n and "earlier year's grant" in n for n in notes), notes
    assert not unread(r), unread(r)


def test_a_figure_alone_on_its_line_ends_the_statement_before_the_next_question(parser, tmp_path):
    # without the fields, the lines read as running text: '6' is no count of the private
    # schools named on the line under it
    text = (
        "Behovsmelding 2026\nEier: Hitra kommune\n\nENHETER SOM ER MED\n"
        "Antall offentlige skoler som er med\n6\nAntall private skoler som er med\n0\n"
    )
    r = parse_text(parser, tmp_path, text, "enheter.txt")
    assert r.units.private_skoler in (None, 0)
    assert r.units.ppt is None


def test_a_bold_label_and_its_value_over_another_are_no_fields_side_by_side(parser, tmp_path):
    from docx import Document

    doc = Document()
    doc.add_heading("Behovsmelding 2026", 1)
    table = doc.add_table(rows=0, cols=2)
    for label, value in [
        ("Skoleeier", "Moss kommune"),
        ("Kontor", "Rådhuset"),
    ]:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value
    doc.add_paragraph("Ordning: Dekomp")
    path = tmp_path / "moss.docx"
    doc.save(path)
    r = parser.parse_file(path)
    assert r.owner.id == "orgnr:920817521"  # not 'Kontor', a label under a label


def test_an_owners_figure_labelled_beside_the_uhs_gives_each_its_role(parser, tmp_path):
    text = (
        "# Behovsmelding 2026\n\nEier: Moss kommune\nUH: Høgskolen i Østfold\n\n"
        "## Tiltak 1: Lesing\n\n**Eier**: kr 120 000 / **UH**: kr 180 000\n"
    )
    r = parse_text(parser, tmp_path, text, "roller.md")
    assert [(m.owner_amount, m.uh_amount) for m in r.measures] == [(120_000, 180_000)]


def test_a_yes_or_no_under_a_uh_label_is_no_university(parser, tmp_path):
    text = (
        "Behovsmelding 2026\nEier: Moss kommune\nUH: Høgskolen i Østfold\n"
        "Flere eiere eller UH i partnerskapet?: Nei\nKompetansemiljø: ingen – drives av oss\n"
    )
    r = parse_text(parser, tmp_path, text, "nei.txt")
    assert [u.id for u in r.uh] == ["orgnr:971567376"]


def test_a_grant_in_the_label_of_last_years_figures_is_last_years(parser, tmp_path):
    text = (
        "# Behovsmelding 2026\n\nEier: Lillehammer kommune\n\n"
        "I fjor fikk vi tildelt kr 690 000 til Rekomp: eier 290.000,- og HINN 400.000,-.\n"
    )
    r = parse_text(parser, tmp_path, text, "fjor.md")
    notes = reasons(r)
    assert any("690 000 kr" in n and "earlier year's grant" in n for n in notes), notes
    assert not unread(r), unread(r)


def test_a_campus_names_a_university_only_when_it_is_one(parser, tmp_path):
    text = "Behovsmelding 2026\nEier: Nordkapp kommune\nCampus: UiT Norges arktiske universitet\n"
    r = parse_text(parser, tmp_path, text, "campus.txt")
    assert [u.id for u in r.uh] == ["orgnr:970422528"]


def test_a_count_of_pupils_beside_the_units_is_no_money(parser, tmp_path):
    text = (
        "Behovsmelding 2026\nEier: Moss kommune\n\nEnhet\tAntall\nOffentlige skoler\t14\n"
        "PP-tjeneste\t1\nElever (ca.)\t4 900\n"
    )
    r = parse_text(parser, tmp_path, text, "elever.txt")
    assert (r.units.offentlige_skoler, r.units.ppt) == (14, 1)
    assert any("4 900 kr" in n and "count of people" in n for n in reasons(r)), reasons(r)
    assert not unread(r), unread(r)
