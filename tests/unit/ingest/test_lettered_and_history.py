"""Measures lettered A–C with a budget table turned on its side (the measures its columns),
a grid of yes/no questions under a header with an empty first cell; and a wiki page whose
tables are HTML: last year's measures told as history, the template's example row left in,
a column saying 'Nytt' or 'Videreført', and a link whose path holds a number. Written by
these tests (municipality and university names are real, the people and figures are
not)."""

from __future__ import annotations

from pathlib import Path

from reading import parse_text, reasons, unread

from kompetansekart.ingest.labels import key

LETTERED = """\
# Søknad om tilskot 2026 – regional ordning (Rekomp)

Søkjar / ansvarleg eigar\tStord kommune, org.nr. 939 866 914
Kompetansemiljø (UH)\tHøgskulen på Vestlandet (org.nr. 917641404)

\tJa\tNei
Består partnarskapet av fleire eigarar?\t☒\t☐
Ønskjer partnarskapet å vidareføre behovsmeldinga frå 2025?\t☐\t☒
Er behovsmeldinga drøfta med tillitsvalde?\t☒\t☐

# 3. Tiltak

## Tiltak A: Språk og kommunikasjon i leik
Periode\thaust 2026
Nytt / vidareført\tNytt tiltak

## Tiltak B: Leiing av profesjonsfellesskapet
Periode\tvår og haust 2026
Nytt / vidareført\tVidareført frå 2025

# 4. Budsjett 2026

\tTiltak A\tTiltak B\tSum
Eigarmidlar\t180 000\t120 000\t300 000
UH-midlar (HVL)\t320 000\t210 000\t530 000
Totalt\t500 000\t330 000\t830 000
"""


def test_lettered_measures_are_read_numbered_by_their_letters(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, LETTERED, "soknad.md")
    got = [(m.number, m.name, m.terms, m.continued) for m in r.measures]
    assert got == [
        (1, "Språk og kommunikasjon i leik", ["H2026"], False),
        (2, "Leiing av profesjonsfellesskapet", ["V2026", "H2026"], True),
    ]
    assert any(d.code == "measures-lettered" and "A = 1" in d.message for d in r.diagnostics)


def test_a_budget_with_the_measures_as_columns_is_a_row_per_measure(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, LETTERED, "soknad.md")
    assert [(b.label, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        ("Tiltak A", 180_000, 320_000, 500_000),
        ("Tiltak B", 120_000, 210_000, 330_000),
    ]
    assert [(m.owner_amount, m.uh_amount) for m in r.measures] == [
        (180_000, 320_000),
        (120_000, 210_000),
    ]
    assert r.owner.id == "orgnr:939866914"


def test_yes_no_columns_over_a_questions_boxes_answer_it(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, LETTERED, "soknad.md")
    assert (r.continuation, r.union_consultation.held) == (False, True)
    assert not unread(r)


def test_a_word_broken_in_a_narrow_cell_is_one_word():
    assert key("Kompetanse- miljø") == key("Kompetansemiljø")
    assert key("Egen- innsats") == key("Egeninnsats")
    assert key("barnehage- og skoleeier") != key("barnehageog skoleeier")


WIKI = """\
# Behovsmelding 2026 – Kompetanseløftet

<table><tr><th>Eier</th><td>Kongsberg kommune</td></tr>
<tr><th>Ordning</th><td>Kompetanseløftet for spesialpedagogikk og inkluderende praksis</td></tr>
<tr><th>Behovet gjelder år</th><td>2026</td></tr></table>

[Vedlegg: kartlegging.xlsx](attachments/884213/kartlegging.xlsx)

Til orientering: tiltakene under er gjennomført i 2025.

<table>
<tr><th>Nr</th><th>Tiltak 2025</th><th>Eier</th><th>UH</th><th>Sum</th></tr>
<tr><td>1</td><td>Inkluderende barnehagemiljø</td><td>kr 180&nbsp;000</td><td>kr 300&nbsp;000</td><td>kr 480&nbsp;000</td></tr>
</table>

## Tiltak 2026

<table>
<tr><th>Nr.</th><th>Tiltak</th><th>Nytt / videreført</th><th>Eier</th><th>UH</th><th>Sum</th></tr>
<tr><td><em>Eks.</em></td><td><em>Eksempel: Navn på tiltaket</em></td><td><em>Nytt</em></td><td>kr 100&nbsp;000</td><td>kr 150&nbsp;000</td><td>kr 250&nbsp;000</td></tr>
<tr><td>1</td><td>Inkluderende praksis i barnehagen</td><td>Nytt</td><td>kr 220&nbsp;000</td><td>380.000,-</td><td>600 000 NOK</td></tr>
<tr><td>2</td><td>Laget rundt barnet</td><td>Videreført fra 2025 (tiltak 1)</td><td>120.000,-</td><td>190.000,-</td><td>310.000,-</td></tr>
</table>
"""  # noqa: E501


def test_last_years_measures_and_the_example_row_are_no_measures(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, WIKI, "side.md")
    got = [(m.number, m.name, m.owner_amount, m.total_stated) for m in r.measures]
    assert got == [
        (1, "Inkluderende praksis i barnehagen", 220_000, 600_000),
        (2, "Laget rundt barnet", 120_000, 310_000),
    ]
    said = " ".join(reasons(r))
    assert "an earlier year's grant" in said and "an example" in said


def test_a_column_of_new_or_continued_answers_each_measure(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, WIKI, "side.md")
    assert [m.continued for m in r.measures] == [False, True]


def test_a_number_in_a_links_path_is_no_amount(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, WIKI, "side.md")
    assert not any("884 213" in m for m in unread(r))
