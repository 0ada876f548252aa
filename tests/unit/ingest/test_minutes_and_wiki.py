"""Minutes of a meeting that decides the report (a budget one figure per row, a proposal
voted down) and a wiki page (icons after the property names, ✅/❌ answers, a measure's
name field under its heading). Written by these tests (municipality and university names
are real, the people and figures are not)."""

from __future__ import annotations

from pathlib import Path

import docx
from reading import parse_text, reasons, unread

MINUTES_TEXT = [
    "Referat – førebuingsmøte, behovsmelding regional ordning 2026",
    "Vedtak:",
    "1. Stord kommune melder behov for 2026 under regional ordning (Rekomp) med Høgskulen på "
    "Vestlandet (HVL) som UH-partnar.",
    "2. Kontaktperson eigar: Kari Prøvesen, kari@example.org. Kontaktperson HVL: Ola "
    "Testesen, ola@example.org.",
    "3. Midlane skal nyttast til planlegging og gjennomføring av tiltak.",
    "Tiltak 1: Trygt barnehagemiljø. Leik og relasjonar. Målgruppe: alle tilsette. Periode: "
    "haust 2026.",
    "Tiltak 2: Språk i leik. Samtalar med dei yngste. Målgruppe: ped.leiarar. Periode: vår 2027.",
    "Framlegg om eit tredje tiltak, «Digitale verktøy» (eigar kr 50 000 / HVL kr 90 000, i alt "
    "kr 140 000), fall, 3 mot 4 røyster.",
]
BUDGET = [
    ("Tiltak", "Post", "Beløp", "Merknad"),
    ("Tiltak 1; Trygt barnehagemiljø", "Eigar", "kr 100 000", "frikjøp"),
    (None, "UH (HVL)", "200.000,-", ""),
    (None, "Sum", "kr 300 000", ""),
    ("Tiltak 2; Språk i leik", "Eigar", "50 000 NOK", ""),
    (None, "HVL", "kr 150 000,-", "inkl. reise"),
    (None, "Sum tiltak 2", "200 000", ""),
    ("Samla behov 2026 (Rekomp)", "Eigar", "kr 150 000", ""),
    (None, "UH (HVL)", "kr 350 000", ""),
    (None, "Totalt", "kr 500 000", ""),
]


def _minutes(path: Path) -> Path:
    d = docx.Document()
    for text in MINUTES_TEXT:
        para = d.add_paragraph()
        if text.startswith("Tiltak "):  # a run-in bold heading: 'Tiltak 1: Namn.' then text
            head, rest = text.split(". ", 1)
            para.add_run(head + ".").bold = True
            para.add_run(" " + rest)
        else:
            para.add_run(text)
    table = d.add_table(rows=len(BUDGET), cols=4)
    starts = [k for k, row in enumerate(BUDGET) if row[0]]
    for k, row in enumerate(BUDGET):
        for c, value in enumerate(row):
            if value is not None:
                table.cell(k, c).text = value
    for a, b in zip(starts[1:], [*starts[2:], len(BUDGET)], strict=True):
        table.cell(a, 0).merge(table.cell(b - 1, 0))  # the item's cell merged down its rows
    d.save(str(path))
    return path


def test_a_budget_one_figure_per_row_gives_each_item_its_shares(tmp_path: Path, parser):
    r = parser.parse_file(_minutes(tmp_path / "referat.docx"))
    got = sorted((m.number, m.owner_amount, m.uh_amount, m.total_stated) for m in r.measures)
    assert got == [
        (1, 100_000, 200_000, 300_000),
        (2, 50_000, 150_000, 200_000),
    ]
    [row] = r.budget
    assert (row.scheme, row.owner_amount, row.uh_amount, row.total_stated) == (
        "regional",
        150_000,
        350_000,
        500_000,
    )


def test_a_proposal_voted_down_is_no_measure_and_its_figures_are_named(tmp_path: Path, parser):
    r = parser.parse_file(_minutes(tmp_path / "referat.docx"))
    assert len(r.measures) == 2
    assert any("voted down" in m for m in reasons(r))
    assert not unread(r)


def test_a_contact_label_names_whose_contact_it_is(tmp_path: Path, parser):
    r = parser.parse_file(_minutes(tmp_path / "referat.docx"))
    assert {(c.name, c.role) for c in r.contacts} == {
        ("Kari Prøvesen", "eier"),
        ("Ola Testesen", "uh"),
    }


WIKI = """\
# 🧸 Behovsmelding Rekomp 2026 – Narvik kommune

Eier 🏛️: Narvik kommune
Ordning 📂: ✅ Rekomp  ❌ Dekomp  ❌ Kompetanseløftet
Nettverk 🕸️: Kompetansenettverk Narvik
Region: Ofoten
Fase 🔄: ❌ Analyse  ✅ Planlegging  ✅ Gjennomføring
Videreføring 🔁: ❌ Nei – ny behovsmelding for 2026

<details>
<summary>Tiltak 1 – Ledelse: veiledning</summary>

**Tiltaksnavn:** Ledelse – veiledning i profesjonsfellesskapet
**Videreført fra 2025?:** ❌
**Samiske perspektiver:** ✅ samisk kultur tas inn i samlingene

Økonomi:
- Kommunen: kr 70.000
- UiT: 110 000 NOK
- Sum tiltak 1: kr 180 000

</details>
"""


def test_icons_after_a_property_name_do_not_hide_the_label(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, WIKI, "side.md")
    assert r.owner.id == "orgnr:959469059"
    assert r.schemes == ["regional"]
    assert r.phases == ["planlegging", "gjennomforing"]
    # the region the network lies in is no second name for the network
    assert r.network is not None and r.network.name == "Kompetansenettverk Narvik"


def test_a_cross_or_a_tick_alone_answers_no_or_yes(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, WIKI, "side.md")
    assert r.continuation is False  # '❌ Nei – ny behovsmelding': the one answer written
    [m] = r.measures
    assert m.continued is False  # '❌' alone
    assert r.sami_perspective == "ja"  # '✅ samisk kultur …'
    assert not unread(r)


def test_a_name_field_under_its_heading_names_that_measure(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, WIKI, "side.md")
    [m] = r.measures
    assert m.name == "Ledelse – veiledning i profesjonsfellesskapet"
    assert (m.owner_amount, m.uh_amount, m.total_stated) == (70_000, 110_000, 180_000)


def test_what_the_money_is_for_said_of_the_whole_report_is_its_phases(tmp_path: Path, parser):
    r = parser.parse_file(_minutes(tmp_path / "referat.docx"))
    assert r.phases == ["planlegging", "gjennomforing"]
    assert all(m.purpose is None for m in r.measures)  # no measure's purpose
