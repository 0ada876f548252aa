"""A case system's text export with its tables drawn as grids: '+----+' borders and '|'
walls, a cell's text wrapped over several lines inside its row ('Kompetanse-' over
'nettverk', a measure's name over two lines), a page break that repeats the measures'
header, and a box-drawing table (┌─┬─┐) with rules only under its header. A measure's
name cell ends with a remark '(NB: videreført fra 2025, tidligere tildelt kr 300 000)'.
The texts are written by these tests (municipality and university names are real, the
people and figures are not)."""

from __future__ import annotations

from reading import parse_text, reasons, unread

from kompetansekart.ingest.readers.grid_text import grid_lines
from kompetansekart.ingest.records import Line

EXPORT = """Utskrift fra saksarkiv 2026-01-27, side 1 av 2

1. NØKKELOPPLYSNINGER

+----------------+------------------------------------------+
| Felt           | Verdi                                    |
+================+==========================================+
| Eier (søker)   | Kristiansand kommune                     |
+----------------+------------------------------------------+
| Kompetanse-    | Kompetansenettverk Kristiansandsregionen |
| nettverk       |                                          |
+----------------+------------------------------------------+
| Ordning        | [X] Desentralisert ordning (Dekomp)      |
|                | [ ] Regional ordning (Rekomp)            |
+----------------+------------------------------------------+
| Behov meldes   | 2026                                     |
| for år         |                                          |
+----------------+------------------------------------------+
| UH-partner     | Universitetet i Agder (UiA)              |
+----------------+------------------------------------------+

2. TILTAK

+-----+------------------------------+-------------+------------+------------+------------+
| Nr  | Tiltak                       | Periode     | Eier-      | UH-        | Sum        |
|     |                              |             | andel      | andel      |            |
+=====+==============================+=============+============+============+============+
|   1 | Lesing og skriving i alle    | Vår 2026,   |    350 000 |    600 000 |    950 000 |
|     | fag på mellomtrinnet         | høst 2026   |            |            |            |
+-----+------------------------------+-------------+------------+------------+------------+
|   2 | Trygt skolemiljø - mot       | H26 - V27   |    250 000 |  450.000,- |    700 000 |
|     | utenforskap (NB: videreført  |             |            |            |            |
|     | fra 2025, tidligere tildelt  |             |            |            |            |
|     | kr 300 000 (2025))           |             |            |            |            |
+-----+------------------------------+-------------+------------+------------+------------+

Utskrift fra saksarkiv 2026-01-27, side 2 av 2

+-----+------------------------------+-------------+------------+------------+------------+
| Nr  | Tiltak                       | Periode     | Eier-      | UH-        | Sum        |
|     |                              |             | andel      | andel      |            |
+=====+==============================+=============+============+============+============+
|   3 | Profesjonsfellesskap         | Høst 2026   |    150 000 |    200 000 |    350 000 |
+-----+------------------------------+-------------+------------+------------+------------+

3. SAMLET BEHOV PER ORDNING

┌──────────────────────────────────┬────────────────┬────────────────┬────────────────┐
│ Ordning                          │ Eier           │ UH (UiA)       │ Sum            │
├──────────────────────────────────┼────────────────┼────────────────┼────────────────┤
│ [X] Desentralisert ordning       │     kr 750 000 │   kr 1 250 000 │   kr 2 000 000 │
│     (Dekomp) - grunnskole        │                │                │                │
│ [ ] Regional ordning (Rekomp)    │                │                │                │
│ Egeninnsats (ikke omsøkt)        │     kr 420 000 │              - │     kr 420 000 │
├──────────────────────────────────┼────────────────┼────────────────┼────────────────┤
│ Sum omsøkt 2026                  │     kr 750 000 │   kr 1 250 000 │   kr 2 000 000 │
└──────────────────────────────────┴────────────────┴────────────────┴────────────────┘
"""


def test_a_grid_export_reads_as_its_tables(parser, tmp_path):
    r = parse_text(parser, tmp_path, EXPORT, "export.txt")
    assert r.year == 2026 and r.schemes == ["desentralisert"]
    assert r.network is not None and r.network.name == "Kompetansenettverk Kristiansandsregionen"
    got = {m.number: (m.name, m.owner_amount, m.uh_amount, m.total_stated) for m in r.measures}
    assert got == {
        1: ("Lesing og skriving i alle fag på mellomtrinnet", 350_000, 600_000, 950_000),
        2: ("Trygt skolemiljø - mot utenforskap", 250_000, 450_000, 700_000),
        3: ("Profesjonsfellesskap", 150_000, 200_000, 350_000),
    }
    terms = {m.number: m.terms for m in r.measures}
    assert terms == {1: ["V2026", "H2026"], 2: ["H2026", "V2027"], 3: ["H2026"]}
    assert {m.number: m.continued for m in r.measures}[2] is True  # said in its name's remark
    assert [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        ("desentralisert", 750_000, 1_250_000, 2_000_000)
    ]
    assert not unread(r), unread(r)
    assert any("300 000 kr: an earlier year's grant" in m for m in reasons(r)), reasons(r)


def test_a_border_ends_a_row_and_wrapped_cells_join():
    text = (
        "+-----+--------+\n"
        "| Nr  | Eier-  |\n"
        "|     | andel  |\n"
        "+=====+========+\n"
        "|   1 | UH-    |\n"
        "|     | andel  |\n"
        "+-----+--------+\n"
        "|   2 | x      |\n"
        "+-----+--------+"
    )
    lines = [Line(k + 1, t) for k, t in enumerate(text.splitlines())]
    got = [(line.no, line.text) for line in grid_lines(lines)]
    # 'Eier-' + 'andel' is one word broken at the edge; 'UH-' keeps its hyphen; the
    # right-aligned '2' under a border starts its own row
    assert got == [(2, "Nr\tEierandel"), (5, "1\tUH-andel"), (8, "2\tx")]


def test_under_no_border_an_indented_or_lower_case_line_goes_on():
    text = (
        "┌────────────────────┬──────────┐\n"
        "│ Ordning            │ Eier     │\n"
        "├────────────────────┼──────────┤\n"
        "│ [X] Desentralisert │  750 000 │\n"
        "│     (Dekomp)       │          │\n"
        "│ [ ] Regional       │          │\n"
        "│ ordning (Rekomp)   │          │\n"
        "│ Egeninnsats        │  420 000 │\n"
        "└────────────────────┴──────────┘"
    )
    lines = [Line(k + 1, t) for k, t in enumerate(text.splitlines())]
    assert [line.text for line in grid_lines(lines)] == [
        "Ordning\tEier",
        "[X] Desentralisert (Dekomp)\t750 000",
        "[ ] Regional ordning (Rekomp)\t",
        "Egeninnsats\t420 000",
    ]
