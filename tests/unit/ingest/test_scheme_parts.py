"""A report in parts of one scheme each (a workbook with a sheet per scheme), and a part
the document says is not part of the report.

The workbook is made here with openpyxl (real Kongsberg and USN, invented people and
figures)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from reading import reasons, unread


def workbook(path: Path, log: bool = True) -> Path:
    wb = Workbook()
    front = wb.active
    front.title = "Forside"
    for row in (
        ("Behovsmelding – kollektiv kompetanseutvikling",),
        ("Eigar", "Kongsberg kommune"),
        ("Behov for år", "2027"),
        ("UH-partnar", "Universitetet i Sørøst-Norge"),
        ("Samla sum alle ordningar (kr)", 1_100_000),
    ):
        front.append(row)
    header = ("Nr", "Tiltak", "Formål", "UH", "Periode", "Eigar kr", "UH kr", "Sum kr")
    for title, scheme, measures in (
        (
            "Dekomp",
            "Desentralisert ordning for kompetanseutvikling i grunnskulen (Dekomp)",
            [
                (1, "Lesing i alle fag", 180_000, 320_000),
                (2, "Vurdering for læring", 90_000, 110_000),
            ],
        ),
        (
            "Kompetanseløftet",
            "Kompetanseløftet for spesialpedagogikk og inkluderande praksis",
            [(3, "Laget rundt barnet", 150_000, 250_000)],
        ),
    ):
        ws = wb.create_sheet(title)
        ws.append(("Ordning", scheme))
        ws.append(header)
        for n, name, owner, uh in measures:
            ws.append((n, name, "Gjennomføring", "USN", "haust 2027", owner, uh, owner + uh))
        owner = sum(m[2] for m in measures)
        uh = sum(m[3] for m in measures)
        ws.append(("Sum", None, None, None, None, owner, uh, owner + uh))
    wb["Kompetanseløftet"].append(
        ("Av eigarbeløpet i tiltak 3 går kr 30 000 til koordinator (inngår i 150 000).",)
    )
    if log:
        ws = wb.create_sheet("Endringslogg")
        ws.append(("Endringslogg – internt, ikkje del av behovsmeldinga",))
        ws.append(("Dato", "Ark", "Felt", "Gammal verdi", "Ny verdi"))
        ws.append(("02.10.2026", "Dekomp", "Tiltak 1 – UH kr", 280_000, 320_000))
        ws.append(("03.12.2026", "Kompetanseløftet", "UH-partnar", "Universitetet i Oslo", "USN"))
    wb.save(path)
    return path


def test_each_sheet_is_its_schemes_part(tmp_path: Path, parser):
    r = parser.parse_file(workbook(tmp_path / "kongsberg.xlsx"))
    assert r.schemes == ["desentralisert", "kompetanseloftet"]
    assert [(m.number, m.scheme) for m in r.measures] == [
        (1, "desentralisert"),
        (2, "desentralisert"),
        (3, "kompetanseloftet"),
    ]
    # no budget table: the Sum row of each sheet's measures is that scheme's row, and the
    # front page's grand total is the sum of them
    rows = [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget]
    assert rows == [
        ("desentralisert", 270_000, 430_000, 700_000),
        ("kompetanseloftet", 150_000, 250_000, 400_000),
    ]
    assert r.budget_sum is not None and r.budget_sum.total_stated == 1_100_000


def test_a_coordinators_part_said_with_the_amount_it_is_part_of(tmp_path: Path, parser):
    r = parser.parse_file(workbook(tmp_path / "kongsberg.xlsx"))
    assert [m.coordinator_amount for m in r.measures] == [None, None, 30_000]


def test_a_part_that_is_not_part_of_the_report_is_not_read(tmp_path: Path, parser):
    r = parser.parse_file(workbook(tmp_path / "kongsberg.xlsx"))
    assert [u.name for u in r.uh] == ["Universitetet i Sørøst-Norge"]  # not UiO of the log
    assert not unread(r)
    notes = reasons(r)
    assert any("280 000 kr" in m and "not part of the report" in m for m in notes), notes
