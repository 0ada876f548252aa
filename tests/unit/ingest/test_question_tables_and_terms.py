"""A Word form of numbered questions answered in free text, a budget with a column per
term and a row per role, a measures table with a row of own work in hours, and measures
described in paragraphs after the table. Written by these tests (municipality and
university names are real, the people and figures are not)."""

from __future__ import annotations

from pathlib import Path

import docx
from reading import parse_text, reasons, unread

QUESTIONS = [
    ("1.", "Hvilken ordning gjelder behovsmeldingen?", "Desentralisert ordning (Dekomp)."),
    ("2.", "For hvilket år meldes behovet?", "Behovet gjelder kalenderåret 2026."),
    ("3.", "Navn på skoleeier og organisasjonsnummer", "Tromsø kommune, org.nr. 940 101 808."),
    ("4.", "Hvilket universitet samarbeider dere med?", "Vi samarbeider med UiT, ILP."),
    ("5.", "Er samiske perspektiver ivaretatt i tiltakene?", "Ja – tiltak 1 ivaretar dem."),
]
BUDGET = [
    ("Tiltak", "Part", "Vår 2026", "Høst 2026", "Sum"),
    ("Tiltak 1 – Klasseledelse", "Eier", "60 000", "90 000", "150 000"),
    ("", "UiT", "100 000", "150 000", "250 000"),
    ("", "Sum tiltak", "160 000", "240 000", "400 000"),
    ("Tiltak 2 – Skolefravær", "Eier", "–", "120 000", "120 000"),
    ("", "UiT", "–", "180 000", "180 000"),
    ("", "Sum tiltak", "–", "300 000", "300 000"),
    ("Egeninnsats (ikke omsøkt)", "Eier", "100 000", "100 000", "200 000"),
]


def _form(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("Behovsmelding 2026")
    table = d.add_table(rows=len(QUESTIONS) + 2, cols=3)
    # the header, then a part's heading in one cell merged across the row, then the questions
    for k, row in enumerate([("Nr.", "Spørsmål", "Svar"), ("", "", ""), *QUESTIONS]):
        for c, text in enumerate(row):
            table.cell(k, c).text = text
    part = table.cell(1, 0).merge(table.cell(1, 2))
    part.text = "Del 1 – Om skoleeier og partnerskap"
    d.add_paragraph("Budsjett")
    money = d.add_table(rows=len(BUDGET), cols=5)
    for k, row in enumerate(BUDGET):
        for c, text in enumerate(row):
            money.cell(k, c).text = text
    d.save(str(path))
    return path


def test_numbered_questions_answered_in_free_text_are_fields(tmp_path: Path, parser):
    r = parser.parse_file(_form(tmp_path / "skjema.docx"))
    assert (r.year, r.schemes, r.owner.id) == (2026, ["desentralisert"], "orgnr:940101808")
    assert [u.id for u in r.uh] == ["orgnr:970422528"]
    assert r.sami_perspective == "ja"


def test_a_share_per_term_is_read_from_its_sum_column(tmp_path: Path, parser):
    r = parser.parse_file(_form(tmp_path / "skjema.docx"))
    got = [(m.number, m.owner_amount, m.uh_amount, m.total_stated, m.terms) for m in r.measures]
    assert got == [
        (1, 150_000, 250_000, 400_000, ["V2026", "H2026"]),
        (2, 120_000, 180_000, 300_000, ["H2026"]),  # '–' in spring: autumn only
    ]
    assert all(b.owner_amount != 200_000 for b in r.budget)  # the own work is no budget row
    assert any("own contribution" in m for m in reasons(r))
    assert not unread(r)


AFTER_TABLE = """\
## Tiltak og budsjett

| Nr | Tiltak | Eigar | UH | Sum |
|---|---|---|---|---|
| 1 | Språkmiljø i barnehagen | kr 180 000 | kr 320 000 | kr 500 000 |
| 2 | Leik og vennskap* | 150.000,- | 250.000,- | 400.000,- |
| | Eigeninnsats (timar) | ca. 1 400 t | – | 1 400 t |

**Tiltak 1 – Språkmiljø i barnehagen.** Målgruppe: pedagogiske leiarar. Periode: vår og haust 2026.

**Tiltak 2 – Leik og vennskap.** Målgruppe: alle tilsette. Periode: haust 2026.
"""


def test_hours_of_own_work_in_a_measures_table_are_no_measure(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, AFTER_TABLE, "tiltak.md")
    assert [(m.number, m.name) for m in r.measures] == [
        (1, "Språkmiljø i barnehagen"),
        (2, "Leik og vennskap"),  # the footnote's mark is no part of the name
    ]


def test_the_period_in_a_measures_paragraph_is_its_terms(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, AFTER_TABLE, "tiltak.md")
    assert [m.terms for m in r.measures] == [["V2026", "H2026"], ["H2026"]]


def test_a_letters_closing_ends_the_contact_field(tmp_path: Path, parser):
    text = """\
Behovsmelding 2026 – Dekomp
Eier: Asker kommune
Kontaktpersoner: for skoleeier rådgiver Kari Prøvesen (kari@example.org);
for UiT førsteamanuensis Per Prøve (per@example.org).
Med vennlig hilsen
Ola Testesen
kommunalsjef
"""
    r = parse_text(parser, tmp_path, text)
    kari = next(c for c in r.contacts if c.name == "Kari Prøvesen")
    assert kari.email == "kari@example.org"
    assert "kommunalsjef" not in (kari.function or "") and "Ola" not in (kari.function or "")


def test_a_perspective_found_not_relevant_is_not_relevant(tmp_path: Path, parser):
    text = """\
Behovsmelding 2026 – Dekomp
Eier: Asker kommune

Samiske perspektiver er vurdert og ikke funnet relevante for tiltakene i år.
"""
    r = parse_text(parser, tmp_path, text)
    assert r.sami_perspective == "ikke_relevant"


RESTATED = """\
| | |
|---|---|
| **Eigar** | Sunnfjord kommune |
| **Ordning** | Regional ordning (Rekomp) |
| **Samla behov 2026 (Rekomp)** | Eigar 420.000,- / HVL 730.000,- / totalt 1.150.000,- |

## Budsjett

| Ordning | Eigar | UH | Sum |
|---|---|---|---|
| Rekomp | kr 420 000 | kr 730 000 | kr 1 150 000 |
"""


def test_a_budget_rows_figures_said_again_in_the_summary_are_read(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, RESTATED, "melding.md")
    [row] = r.budget
    assert (row.owner_amount, row.uh_amount, row.total_stated) == (420_000, 730_000, 1_150_000)
    assert not unread(r)
    assert any("said again" in m for m in reasons(r))


LETTER = """\
Behovsmelding for 2026 – desentralisert ordning (Dekomp)

Sortland er med i kompetansenettverket Vesterålen og Lødingen (RKK Vesterålen), og meldingen
ble lagt fram for nettverkets styringsgruppe.

Kontaktpersoner: for skoleeier spesialrådgiver Kari Prøvesen (kari@example.org);
for OsloMet førsteamanuensis Per Prøve (per@example.org).
"""


def test_a_network_named_with_og_and_its_short_name_is_one_name(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, LETTER)
    assert r.network is not None
    assert r.network.name == "Vesterålen og Lødingen (RKK Vesterålen)"


def test_one_person_per_party_after_for_and_the_party(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, LETTER)
    assert {(c.name, c.role, c.function, c.email) for c in r.contacts} == {
        ("Kari Prøvesen", "eier", "spesialrådgiver", "kari@example.org"),
        ("Per Prøve", "uh", "førsteamanuensis", "per@example.org"),
    }
