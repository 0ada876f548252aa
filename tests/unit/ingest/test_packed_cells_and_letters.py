"""A workbook whose cells hold several 'Label: value' lines each, and a letter whose
measures are numbered items with a bold title and a paragraph. Written by these tests
(municipality and university names are real, the people and figures are not)."""

from __future__ import annotations

from pathlib import Path

import docx
from openpyxl import Workbook
from openpyxl.styles import Alignment
from reading import parse_text, unread


def _packed_book(path: Path) -> Path:
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Melding"
    rows = [
        ("Eier", "Ringsaker kommune\nOrg.nr: 864 950 582\nKontakt: Kari Prøvesen, rådgiver"),
        (
            "Ordning",
            "Kompetanseløftet for spesialpedagogikk og inkluderende praksis\n"
            "Behov for år: 2026\nGjelder: bhg + skole (begge deler)",
        ),
        ("Enheter", "Komm. bhg: 24\nPrivate bhg: 19\nOff. skoler: 21\nPPT: 1"),
    ]
    for row in rows:
        sheet.append(row)
    measures = wb.create_sheet("Tiltak")
    measures.append(["Nr", "Tiltak", "Beløp"])
    measures.append(
        [
            "Tiltak 1",
            "Navn: Lek og læring\nPeriode: høst -26",
            "Eier: kr 150 000\nINN: 250.000,-\nSum: 400 000",
        ]
    )
    for sheet_ in (sheet, measures):
        for row in sheet_.iter_rows():
            for cell in row:
                cell.alignment = Alignment(wrap_text=True)
    wb.save(path)
    return path


def test_a_cell_of_several_fields_is_read_field_by_field(tmp_path: Path, parser):
    r = parser.parse_file(_packed_book(tmp_path / "melding.xlsx"))
    assert r.owner.id == "orgnr:864950582"
    assert (r.year, r.schemes, r.sector) == (2026, ["kompetanseloftet"], "begge")
    units = r.units
    assert (units.kommunale_barnehager, units.private_barnehager) == (24, 19)
    assert (units.offentlige_skoler, units.ppt) == (21, 1)  # 'Off.' and 'Komm.': no sentences
    [m] = r.measures
    assert (m.name, m.terms) == ("Lek og læring", ["H2026"])  # 'høst -26'
    assert (m.owner_amount, m.uh_amount, m.total_stated) == (150_000, 250_000, 400_000)
    assert not unread(r)


def test_a_cell_of_running_text_stays_one_line(tmp_path: Path, parser):
    wb = Workbook()
    wb.active.append(["Behov", "Vi ser behov for mer\nkompetanse i lesing."])
    wb.save(tmp_path / "tekst.xlsx")
    r = parser.parse_file(tmp_path / "tekst.xlsx")
    assert not any(d.code == "unread-amount" for d in r.diagnostics)
    from kompetansekart.ingest.readers import reader_for

    _, read = reader_for(tmp_path / "tekst.xlsx")
    assert "Behov\tVi ser behov for mer kompetanse i lesing." in [
        line.text for line in read(tmp_path / "tekst.xlsx").lines
    ]


def _letter(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph().add_run(
        "Behovsmelding for 2026 – desentralisert ordning (Dekomp), Sortland kommune"
    ).bold = True
    d.add_paragraph(
        "Kommunen søker kun under desentralisert ordning i år; barnehagene inngår i nettverkets "
        "egen melding for Rekomp. Meldingen omfatter 7 kommunale grunnskoler, 0 private "
        "grunnskoler og 1 PP-tjeneste. Midlene skal brukes til planlegging og gjennomføring av "
        "tiltak."
    )
    p = d.add_paragraph()
    p.add_run("Kontaktpersoner.").bold = True
    p.add_run(" Skoleeier: Kari Prøvesen, rådgiver skole, kari@example.org.")
    d.add_paragraph().add_run("Tiltak vi melder behov for").bold = True
    for n, name, money in (
        (
            1,
            "Matematikk på småtrinnet",
            "Eier kr 180 000, Nord universitet kr 320 000, sum kr 500 000.",
        ),
        (2, "Klasseledelse", "Eier 150.000,-, Nord universitet 250 000 NOK, til sammen 400 000."),
    ):
        para = d.add_paragraph()
        para.add_run(f"{n}. {name}.").bold = True
        para.add_run(f" Målgruppe: lærere. Periode: høsten 2026. {money}")
    d.save(str(path))
    return path


def test_numbered_items_with_a_bold_title_are_the_measures(tmp_path: Path, parser):
    r = parser.parse_file(_letter(tmp_path / "brev.docx"))
    assert [
        (m.number, m.name, m.owner_amount, m.uh_amount, m.total_stated) for m in r.measures
    ] == [
        (1, "Matematikk på småtrinnet", 180_000, 320_000, 500_000),
        (2, "Klasseledelse", 150_000, 250_000, 400_000),
    ]
    assert not unread(r)


def test_a_letters_sentences_give_the_report_its_fields(tmp_path: Path, parser):
    r = parser.parse_file(_letter(tmp_path / "brev.docx"))
    assert r.schemes == ["desentralisert"]  # the title's, not the paragraph under it
    assert r.phases == ["planlegging", "gjennomforing"]  # what the money is for
    assert (r.units.offentlige_skoler, r.units.private_skoler, r.units.ppt) == (7, 0, 1)
    assert [(c.name, c.role, c.email) for c in r.contacts] == [
        ("Kari Prøvesen", "eier", "kari@example.org")
    ]


def test_a_title_and_its_second_line_name_the_scheme_together(tmp_path: Path, parser):
    text = """\
BEHOVSMELDING 2026
Regional ordning for kompetanseutvikling i barnehage

Eier: Alta kommune
"""
    r = parse_text(parser, tmp_path, text)
    assert r.schemes == ["regional"]
