"""Measures laid out in ways a form's own fields do not show: a table turned on its side
(a column per measure), a page of toggles, a run-in heading that starts a paragraph, and
the short forms of terms and costs people write inside them.

The reports are written for these tests (municipality and university names are real,
the people and figures are not)."""

from __future__ import annotations

import pytest
from reading import parse_text, unread

from kompetansekart.ingest.terms import find_terms

TRANSPOSED = """\
# Behovsmelding 2026 – desentralisert ordning

Skoleeier: Drammen kommune
Universitet/høgskole: Universitetet i Sørøst-Norge

## Tiltak

| Tiltak nr. | 1 | 2 | 3 |
|---|---|---|---|
| Navn på tiltaket | Lesing i alle fag | Klasseledelse | Profesjonsfellesskap |
| Bruk av midlene | Gjennomføring av tiltak | Gjennomføring av tiltak | Planlegging av tiltak |
| Semester | Vår 2026 | Høst 2026 og videre | Vår 2026 |
| Eigenandel/Eier (kr) | kr 250 000 | 150.000,- | 100 000 |
| UH (kr) | 400.000,- | kr 300 000 | kr 150 000 |
| Sum | 650 000 | 450 000 | 250 000 |
"""


def test_a_table_with_a_column_per_measure_is_read_measure_by_measure(parser, tmp_path):
    r = parse_text(parser, tmp_path, TRANSPOSED, "drammen.md")
    got = {m.number: (m.name, m.purpose, m.owner_amount, m.uh_amount) for m in r.measures}
    assert got == {
        1: ("Lesing i alle fag", "gjennomforing", 250_000, 400_000),
        2: ("Klasseledelse", "gjennomforing", 150_000, 300_000),
        3: ("Profesjonsfellesskap", "planlegging", 100_000, 150_000),
    }
    assert [m.terms for m in r.measures] == [["V2026"], ["H2026", "videre"], ["V2026"]]
    assert not unread(r)


def test_numbers_over_columns_that_do_not_count_up_are_no_measures(parser, tmp_path):
    # '2024 | 2025' over rows of figures: years, not measures 1 and 2
    text = TRANSPOSED.replace("| Tiltak nr. | 1 | 2 | 3 |", "| Tiltak nr. | 1 | 3 | 4 |")
    r = parse_text(parser, tmp_path, text, "drammen.md")
    assert sorted(m.number for m in r.measures if m.owner_amount) != [1, 2, 3]


@pytest.mark.parametrize(
    "label, owner",
    [("Eigenandel/Eier (kr)", 250_000), ("Eier/UH (kr)", None)],
    ids=["one-name-known", "two-names-disagree"],
)
def test_a_label_of_two_names_means_what_the_known_names_agree_on(parser, tmp_path, label, owner):
    r = parse_text(parser, tmp_path, TRANSPOSED.replace("Eigenandel/Eier (kr)", label), "d.md")
    assert r.measures[0].owner_amount == owner


TOGGLES = """\
# 🌱 Behovsmelding 2026 – Rekomp, Sunnfjord kommune

Eigar: Sunnfjord kommune
Kompetansemiljø: Høgskulen på Vestlandet

## Tiltak

- ▸ Tiltak 1 – Språkmiljø og samtalar i leiken
    Bruk av midlane: gjennomføring av tiltak
    Periode: haust 2026 og vår 2027
    Eigar: kr 180 000 (av dette koordinator: kr 30 000)
    HVL: kr 320 000
    Samla: kr 500 000
- ▸ Tiltak 2 – Leiing av utviklingsarbeid
    Bruk av midlane: planlegging av tiltak
    Periode: vår 2026
    Eigar: kr 120 000
    HVL: kr 210 000
    Samla: kr 330 000

## Budsjett 2026

| Ordning | Eigar | UH | Samla |
|---|---|---|---|
| Regional ordning (Rekomp) | 300 000 | 530 000 | 830 000 |
"""


def test_toggles_are_measures_with_their_fields_under_them(parser, tmp_path):
    r = parse_text(parser, tmp_path, TOGGLES, "sunnfjord.md")
    got = {m.number: (m.name, m.purpose, m.owner_amount, m.uh_amount) for m in r.measures}
    assert got == {
        1: ("Språkmiljø og samtalar i leiken", "gjennomforing", 180_000, 320_000),
        2: ("Leiing av utviklingsarbeid", "planlegging", 120_000, 210_000),
    }
    # the budget is the table's row, not the first measure's figures
    assert [(b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        (300_000, 530_000, 830_000)
    ]


def test_a_coordinators_part_in_brackets_after_the_owners_share(parser, tmp_path):
    r = parse_text(parser, tmp_path, TOGGLES, "sunnfjord.md")
    assert r.measures[0].coordinator_amount == 30_000
    assert r.measures[1].coordinator_amount is None
    assert not unread(r)


RUN_IN = """\
Behovsmelding for 2026 – Bodø kommune

**Tiltakene i 2026**
**Tiltak 1 – Tidlig innsats i barnehagen.** Tilskuddet skal brukes til gjennomføring av tiltak. \
Nord universitet holder fire samlinger.
**Tiltak 2 – PPT som pådriver i laget rundt barnet.** Tilskuddet skal brukes til planlegging \
av tiltak.
**Samlet behov 2026 – Kompetanseløftet**
Bodø kommune (eier): kr 650 000
Nord universitet (UH): kr 1 150 000
Totalt omsøkt: kr 1 800 000
"""


def test_a_run_in_heading_is_a_measure_whose_paragraph_says_its_purpose(parser, tmp_path):
    r = parse_text(parser, tmp_path, RUN_IN, "bodo.md")
    got = {m.number: (m.name, m.purpose) for m in r.measures}
    assert got == {
        1: ("Tidlig innsats i barnehagen", "gjennomforing"),
        2: ("PPT som pådriver i laget rundt barnet", "planlegging"),
    }


def test_a_run_in_measure_ends_at_the_next_heading(parser, tmp_path):
    # the summary under its own heading is the report's budget, not the last measure's
    r = parse_text(parser, tmp_path, RUN_IN, "bodo.md")
    assert [(b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        (650_000, 1_150_000, 1_800_000)
    ]
    assert all(m.owner_amount is None for m in r.measures)


@pytest.mark.parametrize(
    "text, terms",
    [
        ("V-26, H-26", ["V2026", "H2026"]),
        ("H-26 og videre", ["H2026", "videre"]),
        ("H27 V28 VID", ["H2027", "V2028", "videre"]),
    ],
)
def test_term_codes_with_a_dash_and_an_open_end(text, terms):
    assert [t for _, t, *_ in find_terms(text)] == terms
