"""A Word form laid out in one big table: a narrow column of part titles ('A Søkjar',
'C Tiltak') beside the parts' fields, with the measures and the budget as tables inside
its cells; a remark paragraph between two rows of the measures; a measure's cell whose
second paragraph is its target group; terms written 'haust 26 og vår 27'; a row of the
owner's own hours 'à kr 500'. And a letter signed under its closing.

The documents are written by these tests with python-docx (municipality and university
names are real, the people and figures are not)."""

from __future__ import annotations

from pathlib import Path

import docx
from reading import parse_text, reasons, unread

from kompetansekart.ingest.terms import find_terms

MEASURES = [
    ["Nr.", "Tiltak og målgruppe", "UH", "Periode", "Eigar", "UH-del", "Sum"],
    ["1", "Lesing i alle fag", "INN", "haust 26 og vår 27", "kr 180 000", "270.000,-", "450 000"],
    ["2", "Vurdering for læring", "INN", "V26, H26", "kr 120 000", "230.000,-", "350 000"],
]
LAST = ["3", "Skulemiljø", "INN", "H26 + V27", "kr 150 000", "200.000,-", "350 000"]


def _table(cell, rows: list[list[str]]) -> None:
    t = cell.add_table(rows=len(rows), cols=len(rows[0]))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            t.cell(r, c).text = text


def framed(tmp_path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("BEHOVSMELDING 2026")
    d.add_paragraph("Desentralisert ordning (Dekomp)")
    frame = d.add_table(rows=3, cols=2)
    frame.cell(0, 0).text = "A Søkjar"
    part = frame.cell(0, 1)
    part.text = "Skuleeigar*: Nord-Aurdal kommune"
    part.add_paragraph("Org.nr.*: 961 381 908")
    part.add_paragraph("Universitet/høgskule*: Universitetet i Innlandet")
    frame.cell(1, 0).text = "C Tiltak"
    part = frame.cell(1, 1)
    part.text = "Tiltak som partnarskapet ønskjer midlar til i 2026."
    rows = [list(r) for r in MEASURES]
    rows[1][1] = "Lesing i alle fag"  # the target group is the cell's second paragraph
    _table(part, rows)
    t = part.tables[0]
    t.cell(1, 1).add_paragraph("Målgruppe: lærarar 1.–7. trinn")
    part.add_paragraph(
        "Merknad til tiltak 2: UH-delen vart først anslått til ca. 200–250 000. "
        "Beløpet i tabellen (230 000) er avklart."
    )
    _table(part, [LAST, ["", "Sum tiltak", "", "", "kr 450 000", "700.000,-", "1 150 000"]])
    frame.cell(2, 0).text = "D Økonomi"
    part = frame.cell(2, 1)
    part.text = "Samla behov for 2026"
    _table(
        part,
        [
            ["Ordning", "Eigar (kr)", "UH (kr)", "Totalt (kr)"],
            ["Desentralisert ordning", "450 000", "700 000", "1 150 000"],
            ["Eigeninnsats (ca. 1 240 t à kr 500) – ikkje omsøkt", "ca. kr 620 000", "", ""],
        ],
    )
    part.add_paragraph("Vikarar er rekna til kr 650 per time i eigarsdelen.")
    path = tmp_path / "framed.docx"
    d.save(path)
    return path


def test_a_form_framed_in_a_table_reads_its_parts_and_inner_tables(parser, tmp_path):
    r = parser.parse_file(framed(tmp_path))
    assert r.owner.id == "orgnr:961381908"
    got = {m.number: (m.name, m.owner_amount, m.uh_amount, m.total_stated) for m in r.measures}
    assert got == {
        1: ("Lesing i alle fag", 180_000, 270_000, 450_000),
        2: ("Vurdering for læring", 120_000, 230_000, 350_000),
        3: ("Skulemiljø", 150_000, 200_000, 350_000),
    }
    terms = {m.number: m.terms for m in r.measures}
    assert terms == {1: ["H2026", "V2027"], 2: ["V2026", "H2026"], 3: ["H2026", "V2027"]}
    assert [(b.scheme, b.total_stated) for b in r.budget] == [("desentralisert", 1_150_000)]
    assert not unread(r), unread(r)
    said = " ".join(reasons(r))
    assert "230 000 kr: a figure of the measure or the budget it names" in said
    assert "650 kr: a price per unit" in said
    assert "1 240" not in said + " ".join(unread(r))  # hours are no money


def test_a_small_table_in_a_cell_is_still_that_cells_text(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "UH"
    _table(t.cell(0, 1), [["Nord", "SePU"]])
    path = tmp_path / "small.docx"
    d.save(path)
    from kompetansekart.ingest.readers import docx as reader

    assert [line.text for line in reader.read(path).lines] == ["UH\tNord SePU"]


def test_seasons_with_the_years_short_form_as_a_whole_value():
    assert [t for _, t, *_ in find_terms("haust 26 og vår 27")] == ["H2026", "V2027"]
    assert [t for _, t, *_ in find_terms("H26 + V27")] == ["H2026", "V2027"]
    assert find_terms("Høst 26 deltakere") == []  # not a value of terms only


def test_the_person_under_the_closing_is_the_owners_contact(parser, tmp_path):
    text = (
        "Til Statsforvalteren i Trøndelag\n\n"
        "Behovsmelding for 2026 – regional ordning (Rekomp)\n\n"
        "Kontaktperson ved DMMH: Ingrid Rønning (ingrid.ronning@example.org).\n"
        "Vi melder et behov på 200 000 kroner til eier og 320 000 kroner til DMMH, "
        "totalt 520 000 kroner.\n"
        "Eier: Trekløveret Barnehager AS\n\n"
        "Med vennlig hilsen\n"
        "Trekløveret Barnehager AS\n\n"
        "Kjetil Brevik\n"
        "daglig leder\n"
        "kjetil.brevik@example.org\n\n"
        "Kopi: DMMH v/ Ingrid Rønning\n"
    )
    r = parse_text(parser, tmp_path, text)
    owner = [c for c in r.contacts if c.role == "eier"]
    assert [(c.name, c.function, c.email) for c in owner] == [
        ("Kjetil Brevik", "daglig leder", "kjetil.brevik@example.org")
    ]
    assert "Ingrid Rønning" in [c.name for c in r.contacts if c.role == "uh"]
