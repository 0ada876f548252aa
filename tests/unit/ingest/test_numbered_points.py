"""Forms written as numbered points ('1.1 Eier: …', '2.1 name' with 'a) Formål: …' under
it), a budget header with a merged cell, and money a scheme's own line gives.

Every report here is written for these tests (real municipality and university names,
invented people and figures)."""

from __future__ import annotations

from pathlib import Path

from reading import parse_text, reasons, unread

from kompetansekart.ingest.document import Document
from kompetansekart.ingest.form.model import Pair
from kompetansekart.ingest.form.structure import read_form
from kompetansekart.ingest.records import Line

FORM = """\
Gjøvik kommune
Behovsmelding for 2026 – desentralisert ordning (Dekomp)

1. Eier og partnerskap
1.1 Eier: Gjøvik kommune
1.2 Universitet/høgskole: Universitetet i Innlandet
1.3 Kontaktperson ved Skrivesenteret: Kari Nordmann, kari@example.org
1.4 Partnerskapet er i fasene planlegging av tiltak og gjennomføring av tiltak. Analysen ble\
avsluttet høsten 2025.
1.5 Dette er en ny behovsmelding. Vi viderefører ikke behovsmeldingen fra 2025.
1.6 Omfang: 11 offentlige grunnskoler, 1 privat skole og PPT (1 tjeneste) er med.
2. Tiltak
2.1 Vurdering for læring i matematikk
a) Formål: gjennomføring av tiltak
b) Periode: høsten 2026 og våren 2027
c) Eiers andel: 220 000 kr
d) UH-andel: 380 000 kr
e) Sum tiltaket: 600 000 kr
2.2 Skriving i alle fag
a) Formål: planlegging av tiltak
b) Periode: våren 2026
c) Eiers andel: 180 000 kr
d) UH-andel: 270 000 kr
e) Sum tiltaket: 450 000 kr
3. Medvirkning
3.1 Samisk perspektiv: vurdert ikke relevant for tiltakene i 2026.
3.2 Tiltak 2 ses i sammenheng med videreutdanning i norsk.
"""


def test_the_items_of_a_measures_point_are_its_measures(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, FORM)
    got = [(m.number, m.name, m.owner_amount, m.uh_amount, m.total_stated) for m in r.measures]
    assert got == [
        (1, "Vurdering for læring i matematikk", 220_000, 380_000, 600_000),
        (2, "Skriving i alle fag", 180_000, 270_000, 450_000),
    ]
    assert [m.purpose for m in r.measures] == ["gjennomforing", "planlegging"]


def test_the_next_point_is_not_more_of_the_one_before(tmp_path: Path, parser):
    """'1.4 Partnerskapet er i fasene …' after '1.3 Kontaktperson …: …' is a statement of
    its own (its phases are read), not the rest of the contact's value."""
    r = parse_text(parser, tmp_path, FORM)
    assert r.phases == ["planlegging", "gjennomforing"]
    assert r.continuation is False
    assert any(c.email == "kari@example.org" for c in r.contacts)


def test_the_next_point_is_no_value_line_of_the_point_before(parser):
    text = FORM.splitlines()
    doc = Document.from_lines("form.txt", "txt", [Line(k, t) for k, t in enumerate(text, 1)])
    form = read_form(doc, parser.labels)
    contact = next(p for p in form.items if isinstance(p, Pair) and "Kontaktperson" in p.label)
    assert contact.more == []


def test_a_sentence_after_a_complete_answer_says_what_it_says(tmp_path: Path, parser):
    """'Samisk perspektiv: vurdert ikke relevant …' ends with a full stop; the sentence
    under it is about further education, and is read as that."""
    r = parse_text(parser, tmp_path, FORM)
    assert r.sami_perspective == "ikke_relevant"
    assert r.linked_to_further_education == "ja"
    unnumbered = FORM.replace("3.1 Samisk", "Samisk").replace("3.2 Tiltak 2", "Tiltak 2")
    assert parse_text(parser, tmp_path, unnumbered).linked_to_further_education == "ja"


def test_units_counted_in_a_sentence_after_their_label(tmp_path: Path, parser):
    units = parse_text(parser, tmp_path, FORM).units
    assert (units.offentlige_skoler, units.private_skoler, units.ppt) == (11, 1, 1)


BUDGET = """\
Behovsmelding 2026
Eier: Gjøvik kommune
UH: Universitetet i Innlandet

Budsjett
Ordning\tBeløp (kr)\tSum
\tEier\tUH\t
Desentralisert ordning (Dekomp)\t500 000\t800 000\t1 300 000
Sum\t500 000\t800 000\t1 300 000
"""


def test_a_merged_header_cell_takes_its_columns_from_the_row_under_it(tmp_path: Path, parser):
    """'Ordning | Beløp (kr) | Sum' over ' | Eier | UH | ' (Word's merged cell is one cell
    in the row above, two in the row under it)."""
    r = parse_text(parser, tmp_path, BUDGET)
    rows = [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget]
    assert rows == [("desentralisert", 500_000, 800_000, 1_300_000)]
    assert not unread(r)


PER_SCHEME = """\
# Behovsmelding 2026

Eier: Flekkefjord kommune
UH: Universitetet i Agder

Til orientering fikk nettverket tildelt 910 000 kr for 2025.

## Budsjett

Per ordning:

- Kompetanseløftet: eier 340 000 kr, UH 530 000 kr (sum 870 000 kr)
- Desentralisert ordning: ikke aktuelt

## Oppsummering

Samlet melder Lister kompetansenettverk et behov på 870 000 kr for 2026, fordelt
med 340 000 kr på eier og 530 000 kr på UH.
"""


def test_a_schemes_own_line_is_its_budget_row_and_the_total_sentence_repeats_it(
    tmp_path: Path, parser
):
    r = parse_text(parser, tmp_path, PER_SCHEME, "per_scheme.md")
    rows = [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget]
    assert rows == [("kompetanseloftet", 340_000, 530_000, 870_000)]  # once, not twice
    assert not unread(r)
    notes = reasons(r)
    assert any("910 000 kr" in m and "earlier year's grant" in m for m in notes), notes


def test_a_sentence_never_runs_on_into_a_line_far_below_it(tmp_path: Path, parser):
    """The grant of 2023 and, many lines later, the owner's own contribution: each figure
    keeps the reason its own sentence gives."""
    filler = "\n".join(f"Punkt {k}: tekst" for k in range(1, 8))
    text = (
        "# Behovsmelding 2024\n\nEier: Meløy kommune\n\n"
        "Under Kompetanseløftet ber vi om 1 150 000 kroner: 330 000 til eier og 820 000 til UH. "
        "Tildelingen for 2023 var på kr. 660 000,-.\n\n"
        f"{filler}\n\n"
        "7.8 Eiers egeninnsats Reiser og servering, om lag 40 000 kroner.\n"
    )
    r = parse_text(parser, tmp_path, text, "meloy.md")
    notes = reasons(r)
    assert any(m.startswith("660 000 kr: an earlier year's grant") for m in notes), notes


def test_the_total_sentence_after_a_schemes_own_line_adds_no_second_row(parser):
    """u23 (written by someone who had not read the parser): 'Kompetanseløftet: eier …'
    under 'Per ordning', and 'Samlet melder … 870 000 kr …' in its summary: one row."""
    path = (
        Path(__file__).parents[2] / "data" / "unseen" / "u23_flekkefjord_kompetanseloftet_2026.md"
    )
    r = parser.parse_file(path)
    rows = [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget]
    assert rows == [("kompetanseloftet", 340_000, 530_000, 870_000)]


EXPORT = """\
[eier]
eier_navn = Grimstad kommune
aar = 2026
ordning = desentralisert
; tildelt 2025: 610000

[partnerskap]
uh_navn = Universitetet i Agder
drofting_tillitsvalgte = true

[tiltak.1]
navn = Vurdering for læring
eier_kr = 220000
uh_kr = 360000
sum_kr = 580000
koordinator_kr = 45000

[budsjett]
ordning = desentralisert
eier_kr = 220000
uh_kr = 360000
sum_kr = 580000
"""


def test_an_export_of_machine_keys_with_units_and_scheme_ids(tmp_path: Path, parser):
    """'eier_kr = 220000' is the owner's amount (the unit is no part of the key),
    'ordning = desentralisert' names the scheme by its id, 'drofting_tillitsvalgte = true'
    answers the consultation question."""
    r = parse_text(parser, tmp_path, EXPORT, "export.txt")
    assert r.schemes == ["desentralisert"]
    m = r.measures[0]
    assert (m.owner_amount, m.uh_amount, m.total_stated, m.coordinator_amount) == (
        220_000,
        360_000,
        580_000,
        45_000,
    )
    rows = [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget]
    assert rows == [("desentralisert", 220_000, 360_000, 580_000)]
    assert r.union_consultation.held is True
    assert not unread(r)
