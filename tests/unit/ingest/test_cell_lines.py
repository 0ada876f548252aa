"""A web form's summary page copied from the browser into a plain-text e-mail: every
table cell on a line of its own, an empty cell an empty line. Written by these tests
(municipality and university names are real, the people and figures are not)."""

from __future__ import annotations

from reading import parse_text, reasons, unread

from kompetansekart.ingest.cell_lines import joined_cell_lines
from kompetansekart.ingest.records import Line

PASTED = """\
Hei! Skjemaet ville ikke sendes, så her er oppsummeringen.

1. Om innsender

Felt
Svar
Ordning *
Kompetanseløftet for spesialpedagogikk og inkluderende praksis
Behovet gjelder år *
2026
Eier *
Orkland kommune
Kontaktperson eier *
Ingrid Moen
E-post *
ingrid.moen@example.org
Telefon


2. Universitet/høgskole

Universitet/høgskole
Kontaktperson
E-post
NTNU
Ola Hoff
ola.hoff@example.org
Dronning Mauds Minne Høgskole (DMMH)
Per Lie
per.lie@example.org

Fase
Valgt
Analyse av kompetansebehov
Ja
Planlegging av tiltak

Gjennomføring av tiltak
Ja

3. Budsjett

Budsjett per tiltak

Tiltak
Eier
UH
Sum
1. Lesing i alle fag (NTNU)
kr 200 000
350.000,-
550 000 NOK
2. Tidlig innsats i barnehagen (DMMH)
150 000
kr 300 000
kr 450 000
Egeninnsats (ikke omsøkt)
ca. kr 600 000


Sum omsøkt
kr 350 000
kr 650 000
kr 1 000 000

Ordning
Eier
UH
Sum
Regional ordning (Rekomp)



Kompetanseløftet
350 000
650 000
1 000 000
Totalt
350 000
650 000
1 000 000

Enhetstype
Kommunal/offentlig
Privat
Barnehager
9
6
Grunnskoler
11
1
PP-tjeneste
1


Med vennlig hilsen
Ingrid Moen
"""


def _lines(text: str) -> list[Line]:
    return [Line(n, t) for n, t in enumerate(text.splitlines(), start=1)]


def test_a_table_of_one_cell_per_line_is_joined_into_its_rows():
    joined = [line for line in joined_cell_lines(_lines(PASTED)) if "\t" in line.text]
    texts = [line.text for line in joined]
    assert "Universitet/høgskole\tKontaktperson\tE-post" in texts
    assert "Dronning Mauds Minne Høgskole (DMMH)\tPer Lie\tper.lie@example.org" in texts
    assert "Egeninnsats (ikke omsøkt)\tca. kr 600 000\t\t" in texts  # empty cells kept
    assert "Regional ordning (Rekomp)\t\t\t" in texts
    assert "Telefon\t" in texts  # a form's field left empty
    # each row keeps the line number of its first cell
    first_cell = PASTED.splitlines().index("NTNU") + 1
    assert next(line.no for line in joined if line.text.startswith("NTNU")) == first_cell


def test_short_lines_that_are_no_table_stay_as_they_are():
    letter = _lines(
        "Hei!\n\nVi sender med dette\nbehovsmeldingen\nfor neste år\n"
        "Beløp: 200 000\n\nMed vennlig hilsen\nIngrid Moen\nRådgiver\nOrkland kommune\n"
        "ingrid@example.org\n"
    )
    assert joined_cell_lines(letter) == letter
    # a label, its help in brackets and its answer: no table of three columns
    form = _lines(
        "\nMålgruppe *\n(Hvem deltar)\nLærere\n21/300 tegn\n\nBeløp eier *\n"
        "(Oppgi beløp, f.eks. 200 000)\n150 000\n\nBeløp UH *\n(Oppgi beløp)\nkr 280 000\n"
    )
    assert joined_cell_lines(form) == form


def test_the_pasted_form_reads_as_the_form_it_was(tmp_path, parser):
    r = parse_text(parser, tmp_path, PASTED)
    assert (r.year, r.schemes, r.owner.id) == (2026, ["kompetanseloftet"], "orgnr:921233418")
    assert sorted(u.id for u in r.uh) == ["orgnr:971574747", "orgnr:974767880"]
    assert {c.email for c in r.contacts} == {
        "ingrid.moen@example.org",
        "ola.hoff@example.org",
        "per.lie@example.org",
    }
    assert [(m.number, m.name, m.uh.id if m.uh else None) for m in r.measures] == [
        (1, "Lesing i alle fag", "orgnr:974767880"),
        (2, "Tidlig innsats i barnehagen", "orgnr:971574747"),
    ]


def test_a_column_of_chosen_options_answers_the_question_over_it(tmp_path, parser):
    r = parse_text(parser, tmp_path, PASTED)
    assert r.phases == ["analyse", "gjennomforing"]


def test_the_schemes_rows_are_the_budget_and_the_rows_per_measure_the_measures(tmp_path, parser):
    r = parse_text(parser, tmp_path, PASTED)
    assert [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        ("kompetanseloftet", 350_000, 650_000, 1_000_000)
    ]
    assert any(d.code == "budget-per-measure" for d in r.diagnostics)
    assert any("600 000" in m for m in reasons(r))  # the own contribution, named
    assert not [m for m in unread(r) if "kr" in m]


def test_units_counted_by_kind_and_owner(tmp_path, parser):
    u = parse_text(parser, tmp_path, PASTED).units
    assert (u.kommunale_barnehager, u.private_barnehager) == (9, 6)
    assert (u.offentlige_skoler, u.private_skoler, u.ppt) == (11, 1, 1)


def test_the_owner_partner_has_the_owners_contact(tmp_path, parser):
    r = parse_text(parser, tmp_path, PASTED)
    owner = next(p for p in r.partners if p.role == "eier")
    assert owner.contact == "Ingrid Moen"
