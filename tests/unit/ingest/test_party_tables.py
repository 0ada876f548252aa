"""A partnership of two owners in a Word form: a table with a column per owner, a
measures table with a row per post (each owner's share and the UH's) under a measure
whose cell is merged down over its posts, the terms ticked in a cell, and the sum of the
measures as the only budget.

The documents are written by these tests with python-docx (municipality and university
names are real, the people and figures are not)."""

from __future__ import annotations

from pathlib import Path

import docx
from reading import reasons, unread

OWNERS = [
    ["", "Eigar 1 (koordinerande eigar)", "Eigar 2"],
    ["Namn", "Sunnfjord kommune", "Kinn kommune"],
    ["Org.nr.", "921 244 207", "820 956 532"],
    ["Kontaktperson", "Solveig Haugland, kommunalsjef", "Torbjørn Eide, rådgjevar"],
    ["E-post", "solveig@example.org", "torbjorn@example.org"],
]
HEAD = ["Tiltak", "Post", "Beløp (kr)", "Sum tiltak (kr)", "Periode"]
POSTS = ("Eigar: Sunnfjord", "Eigar: Kinn", "UH (HVL)")
TERMS_1 = "☒ vår 2026; ☒ haust 2026; ☐ vår 2027"
TERMS_2 = "☐ vår 2026; ☒ haust 2026; ☐ vår 2027"
MEASURES = [
    ("Tiltak 1", "Tidleg innsats", ("180 000", "120 000", "350 000"), "650 000", TERMS_1),
    ("Tiltak 2", "PPT i laget rundt barnet", ("100 000", "80 000", "220 000"), "400 000", TERMS_2),
    ("Samla 2026", "alle tiltak", ("280 000", "200 000", "570 000"), "1 050 000", ""),
]


def table(document, rows: list[list[str]]):
    t = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            t.cell(r, c).text = text
    return t


def report(tmp_path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("Melding om kompetansebehov for 2026")
    d.add_paragraph("Kompetanseløftet for spesialpedagogikk og inkluderande praksis")
    table(d, OWNERS)
    d.add_paragraph("Kompetansemiljø: Høgskulen på Vestlandet")
    d.add_paragraph("Meldinga gjeld: ☐ Barnehage ☐ Skule ☒ Både barnehage og skule")
    rows = [HEAD]
    rows += [[""] * len(HEAD) for _ in range(len(MEASURES) * len(POSTS))]
    t = table(d, rows)
    r = 1
    for number, name, amounts, total, terms in MEASURES:
        first = t.cell(r, 0).merge(t.cell(r + len(POSTS) - 1, 0))
        first.paragraphs[0].add_run(number).bold = True
        first.add_paragraph(name)
        for k, (post, amount) in enumerate(zip(POSTS, amounts, strict=True)):
            t.cell(r + k, 1).text = post
            t.cell(r + k, 2).text = amount
        t.cell(r, 3).text = total
        t.cell(r, 4).text = terms
        r += len(POSTS)
    d.add_paragraph("Kinn kommune løyver i tillegg 75 000 kr av eigne midlar til vikarar.")
    path = tmp_path / "sunnfjord-kinn.docx"
    d.save(path)
    return path


def test_a_column_per_owner_gives_the_owner_and_every_partner(parser, tmp_path):
    r = parser.parse_file(report(tmp_path))
    assert r.owner.id == "orgnr:921244207"
    assert {(p.org.id, p.role) for p in r.partners} == {
        ("orgnr:921244207", "eier"),
        ("orgnr:820956532", "eier"),
        ("orgnr:917641404", "uh"),
    }
    assert {(c.name, c.email) for c in r.contacts} >= {
        ("Solveig Haugland", "solveig@example.org"),
        ("Torbjørn Eide", "torbjorn@example.org"),
    }
    # 'Eigar 2' is a column's header, never an owner's amount of 2
    assert all(b.owner_amount != 2 for b in r.budget)


def test_a_row_per_post_is_summed_by_role_into_the_measure(parser, tmp_path):
    r = parser.parse_file(report(tmp_path))
    got = {
        m.number: (m.name, m.owner_amount, m.uh_amount, m.total_stated, m.terms) for m in r.measures
    }
    assert got == {
        1: ("Tidleg innsats", 300_000, 350_000, 650_000, ["V2026", "H2026"]),
        2: ("PPT i laget rundt barnet", 180_000, 220_000, 400_000, ["H2026"]),
    }


def test_the_sum_of_the_measures_is_the_budget_of_a_report_with_none(parser, tmp_path):
    r = parser.parse_file(report(tmp_path))
    assert [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        ("kompetanseloftet", 480_000, 570_000, 1_050_000)
    ]
    assert r.sector == "begge"
    assert any("own contribution" in m and "75 000" in m for m in reasons(r)), reasons(r)
    assert not unread(r)
