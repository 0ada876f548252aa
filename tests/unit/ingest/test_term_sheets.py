"""A budget sheet with each measure's posts as rows (its name merged down them) and the
terms as columns, a sheet of numbered questions with their answers and comments, and a
form whose part for the phases asks each phase with a yes or a no. Written by these tests
(municipality and university names are real, the people and figures are not)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from reading import parse_text, reasons, unread

HEAD = ["Tiltak", "Post", "Vår 2026", "Høst 2026", "Totalt 2026", "Tildelt 2025", "Merknad"]
POSTS = [
    ["Tiltak 1 – Tidlig innsats", "Eier", 60000, 90000, 150000, 140000, "Videreført fra 2025"],
    [None, "UH (UiS)", 120000, 180000, 300000, 260000],
    [None, "Sum", 180000, 270000, 450000, 400000],
    ["Tiltak 2 – Laget rundt eleven", "Eier", "–", 80000, 80000, "–", "Nytt tiltak"],
    [None, "UH (VID)", "–", 140000, 140000, "–"],
    [None, "Egeninnsats (timer)", "–", 280, 280, "–", "timer, ikke kroner"],
    [None, "Sum", "–", 220000, 220000, "–"],
    ["Totalt alle tiltak", "Eier", 60000, 170000, 230000, 140000],
    [None, "UH", 120000, 320000, 440000, 260000],
    [None, "Sum", 180000, 490000, 670000, 400000],
]
QUESTIONS = [
    ["Nr", "Spørsmål", "Svar", "Kommentar"],
    [1, "Gjelder behovsmeldingen barnehage, skole eller begge?", "Begge"],
    [2, "Ønsker dere å videreføre fjorårets behovsmelding (2025)?", "Nei"],
    [
        3,
        "Er partene/tillitsvalgte involvert (medbestemmelse)?",
        "Ja",
        "Drøftet med Utdanningsforbundet og Fagforbundet. PBL er orientert.",
    ],
    ["7a", "Kommunale barnehager", 14],
    ["7b", "Offentlige skoler", 8],
]


def _workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Budsjett 2026"
    for row in (
        ["Skoleeier", "Stavanger kommune"],
        ["Ordning", "Kompetanseløftet"],
        ["Behov meldes for år", 2026],
        ["UH-partner 1", "Universitetet i Stavanger (UiS)"],
        ["UH-partner 2", "VID vitenskapelige høgskole"],
        [],
        HEAD,
        *POSTS,
    ):
        ws.append(row)
    sheet = wb.create_sheet("Opplysninger")
    for row in QUESTIONS:
        sheet.append(row)
    wb.save(path)
    return path


def test_each_measures_posts_are_its_shares_and_the_term_columns_its_terms(tmp_path, parser):
    r = parser.parse_file(_workbook(tmp_path / "budsjett.xlsx"))
    got = [
        (m.number, m.owner_amount, m.uh_amount, m.total_stated, m.terms, m.uh.id if m.uh else None)
        for m in r.measures
    ]
    assert got == [
        (1, 150_000, 300_000, 450_000, ["V2026", "H2026"], "orgnr:971564679"),
        (2, 80_000, 140_000, 220_000, ["H2026"], "orgnr:915635520"),
    ]
    assert [m.continued for m in r.measures] == [True, False]


def test_the_total_block_is_the_budget_and_last_years_column_is_named(tmp_path, parser):
    r = parser.parse_file(_workbook(tmp_path / "budsjett.xlsx"))
    assert [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        ("kompetanseloftet", 230_000, 440_000, 670_000)
    ]
    assert any("an earlier year's grant" in m for m in reasons(r))
    assert not unread(r)  # the hours of own work are named too


def test_numbered_questions_with_their_answers_and_comments(tmp_path, parser):
    r = parser.parse_file(_workbook(tmp_path / "budsjett.xlsx"))
    assert (r.sector, r.continuation) == ("begge", False)
    assert r.union_consultation.held is True
    assert r.union_consultation.unions == ["Utdanningsforbundet", "Fagforbundet"]
    assert (r.units.kommunale_barnehager, r.units.offentlige_skoler) == (14, 8)


def test_a_part_for_the_phases_asks_each_with_a_yes_or_a_no(tmp_path, parser):
    text = (
        "# Behovsmelding 2026\n\n**Barnehageeigar som melder behov:** Ørsta kommune\n\n"
        "# C. Fase\n\n**Analyse/vurdering av behov:** Nei\n**Planlegging av tiltak:** Ja\n"
        "**Gjennomføring av tiltak:** Ja\n"
    )
    r = parse_text(parser, tmp_path, text, "skjema.md")
    assert r.phases == ["planlegging", "gjennomforing"]
    assert r.owner.id == "orgnr:939461450"
    assert r.needs == []  # 'Analyse/vurdering av behov' is the phase here, no need
