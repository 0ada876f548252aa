"""A network's joint report (figures per member municipality, a people table), a forwarded
e-mail whose newest message changes a figure of the quoted report, and a Word form whose
label cells carry help under them and whose target groups are ticked. Written by these
tests (municipality and university names are real, the people and figures are not)."""

from __future__ import annotations

from pathlib import Path

import docx
from openpyxl import Workbook
from reading import parse_text, reasons, unread

SHEETS = {
    "Framside": [
        ("Innsendar (vertskommune)", "Gol kommune"),
        ("Sendt på vegner av", "Hallingdal kompetansenettverk – Flå, Nesbyen og Gol"),
        ("Ordning", "Dekomp"),
        ("Kontaktpersonar",),
        ("Kven", "Namn", None, "Stilling", "E-post", "Tlf."),
        ("Eigar / koordinator", "Kari Prøvesen", None, "rådgjevar", "kari@example.org", "–"),
        ("USN", "Ola Testesen", None, "førsteamanuensis", "ola@example.org", "000 00 000"),
        ("Tal einingar",),
        ("Kommune", "Offentlege skular", "Private skular", "PP-teneste"),
        ("Flå", 1, 0, "felles"),
        ("Nesbyen", 2, 0, "felles"),
        ("Gol", 3, 0, "felles"),
        ("Heile nettverket", 6, 0, 1),
    ],
    "Tiltak": [
        ("Nr", "Tiltak", "UH", "Periode", "Eigardel", "UH-del", "Sum"),
        (1, "Fådeltskuledidaktikk", "USN", "haust 2027", 60000, 140000, 200000),
        (2, "Klasseleiing", "USN", "vår 2028", 30000, 70000, 100000),
    ],
    "Fordeling": [
        ("Kommune", "T1", "T2", "Sum kommune"),
        ("Flå", 10000, 5000, 15000),
        ("Nesbyen", 20000, 10000, 30000),
        ("Gol", 30000, 15000, 45000),
        ("Sum eigardel", 60000, 30000, 90000),
    ],
}


def _network_book(path: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in SHEETS.items():
        sheet = wb.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    wb.save(path)
    return path


def test_the_networks_total_row_holds_the_counts(tmp_path: Path, parser):
    r = parser.parse_file(_network_book(tmp_path / "felles.xlsx"))
    assert r.units.offentlige_skoler == 6
    assert (r.units.private_skoler, r.units.ppt) == (0, 1)


def test_each_members_part_of_a_share_is_a_breakdown_not_a_budget(tmp_path: Path, parser):
    r = parser.parse_file(_network_book(tmp_path / "felles.xlsx"))
    assert [(m.number, m.owner_amount, m.uh_amount) for m in r.measures] == [
        (1, 60_000, 140_000),
        (2, 30_000, 70_000),
    ]
    assert r.budget == [] or all(b.owner_amount != 15_000 for b in r.budget)
    assert any("member's part" in m for m in reasons(r))
    assert not unread(r)


def test_the_sender_on_behalf_of_a_network_names_the_network(tmp_path: Path, parser):
    r = parser.parse_file(_network_book(tmp_path / "felles.xlsx"))
    assert r.network is not None and r.network.name == "Hallingdal kompetansenettverk"


def test_a_people_table_gives_each_contact_and_their_role(tmp_path: Path, parser):
    r = parser.parse_file(_network_book(tmp_path / "felles.xlsx"))
    assert {(c.name, c.role, c.function, c.email, c.phone) for c in r.contacts} == {
        ("Kari Prøvesen", "eier", "rådgjevar", "kari@example.org", None),
        ("Ola Testesen", "uh", "førsteamanuensis", "ola@example.org", "000 00 000"),
    }


THREAD = """\
Fra: Rådgiver <radgiver@example.org>
Emne: VS: Behovsmelding Dekomp 2026 – Steinkjer

NB: UH-andelen i tiltak 2 er justert til 210 000 etter dialog med Nord. Eierandelen i
tiltak 2 er uendret (120 000), så ny sum for tiltak 2 blir 330 000. Samlet for Dekomp
blir da: eier 220 000 / UH 450 000 / totalt 670 000.

-----Opprinnelig melding-----
> Eier: Steinkjer kommune
> Ordning: Dekomp
>
> Tiltak 1: Begynneropplæring – systematisk lese- og skriveopplæring på
> 1.–4. trinn
> Periode: V26, H26 og videre (tenkt over to skoleår)
> Eier (frikjøp, samlingsutgifter): kr 100 000
> UH-andel (Nord universitet, inkl. reise og opphold for faglærerne): kr
> 240 000
> Sum: kr 340 000
>
> Tiltak 2: Klasseledelse
> Eierandel: 120 000 NOK
> UH-andel: 180 000 NOK
> Totalt tiltak 2: 300 000 NOK
>
> Samlet behov
> Eier: 220 000
> UH: 420 000
> Totalt: 640 000
"""


def test_a_figure_changed_in_the_newest_message_is_the_figure(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, THREAD, "trad.txt")
    second = next(m for m in r.measures if m.number == 2)
    assert (second.owner_amount, second.uh_amount, second.total_stated) == (
        120_000,
        210_000,
        330_000,
    )
    [row] = r.budget
    assert (row.owner_amount, row.uh_amount, row.total_stated) == (220_000, 450_000, 670_000)
    assert any(d.code == "corrected" for d in r.diagnostics)
    assert not unread(r)


def test_a_quoted_line_wrapped_in_a_name_or_a_figure_is_joined(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, THREAD, "trad.txt")
    first = next(m for m in r.measures if m.number == 1)
    assert first.name == "Begynneropplæring – systematisk lese- og skriveopplæring på 1.–4. trinn"
    assert first.uh_amount == 240_000  # 'UH-andel (…, inkl. reise …): kr' over '240 000'
    assert first.terms == ["V2026", "H2026", "videre"]  # codes, then a remark


def _ticked_form(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("Tiltak 1")
    table = d.add_table(rows=3, cols=2)
    rows = [
        ("Namn på tiltaket", "Språk i kvardagen"),
        ("Målgruppe", "☒ Styrarar; ☐ PPT / andre; ☒ Barnehagelærarar"),
        (None, "250.000,-"),
    ]
    for k, (label, value) in enumerate(rows):
        if label:
            table.cell(k, 0).text = label
        table.cell(k, 1).text = value
    cell = table.cell(2, 0)
    cell.paragraphs[0].add_run("UH (kr)").bold = True
    cell.add_paragraph("Inkl. reise og opphald")  # help under the label, in its cell
    d.save(str(path))
    return path


def test_a_label_cell_with_help_under_it_is_its_label(tmp_path: Path, parser):
    r = parser.parse_file(_ticked_form(tmp_path / "skjema.docx"))
    [m] = r.measures
    assert m.uh_amount == 250_000


def test_only_the_ticked_target_groups_count(tmp_path: Path, parser):
    r = parser.parse_file(_ticked_form(tmp_path / "skjema.docx"))
    [m] = r.measures
    assert m.target_groups == ["ledere", "barnehagelaerere"]  # not the unticked PPT
    assert not [u for u in unread(r) if "marked" in u]
