"""The .xlsx reader against real workbooks: every good file here is written by openpyxl
into tmp_path and read back through the registry or xlsx.read.

openpyxl cannot store a formula's result, so a workbook it writes has formulas with no
stored result (an empty <v/>), which is exactly the "written by a program, never opened in
Excel" case. The workbooks with a stored result (as Excel saves them) and the few other
things openpyxl will not write (a value left in a merged-away cell, an error value, a wrong
<dimension>, a DTD) are openpyxl files whose sheet XML is then edited in place; `patch`
asserts that the text it replaces is there, so a change in openpyxl's output fails loudly
instead of silently testing nothing. The encrypted and .xls files are minimal OLE
containers made here (their signature and stream name, which is what the reader looks
at), not files saved by Excel.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font

from kompetansekart.ingest.errors import UnreadableReport
from kompetansekart.ingest.readers import reader_for, xlsx

SHEET1 = "xl/worksheets/sheet1.xml"

BUDGET_LINES = [
    "Ark: Budsjett",
    "Budsjett – behovsmelding 2026, Bodø kommune",
    "Beløp i hele kroner. Eier = eiers andel, UH = universitetets/høgskolens andel.",
    "Tiltak\tEier\tUH\tSum\tAndel UH\tFrist\tGodkjent",
    "Tiltak 1 – Språkløft i barnehagen\t250000\t400000\t\t61,5 %\t2026-03-01\tJa",
    "Tiltak 2 – Lesing og skriving\t200000\t\t\t\t\tNei",
    "Timer per uke\t12,5",
    "Ark: Veiledning",
    "Før opp ett tiltak per rad; Eier og UH hver for seg.",
]


def budget(path: Path) -> Path:
    """A budget sheet like the ones municipalities send: a merged title row, a note, an
    empty row, the header on row 4, amounts as ints, a whole float, a formula, a
    percentage, a date, a boolean, empty cells mid-row, a styled empty cell at the end of
    a row, then a hidden helper sheet and a visible guidance sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Budsjett"
    ws["A1"] = "Budsjett – behovsmelding 2026, Bodø kommune"
    ws.merge_cells("A1:D1")
    ws["A2"] = "Beløp i hele kroner. Eier = eiers andel, UH = universitetets/høgskolens andel."
    ws.append([])  # row 3 stays empty
    ws["A4"], ws["B4"], ws["C4"], ws["D4"] = "Tiltak", "Eier", "UH", "Sum"
    ws["E4"], ws["F4"], ws["G4"] = "Andel UH", "Frist", "Godkjent"
    ws["A5"], ws["B5"], ws["C5"] = "Tiltak 1 – Språkløft i barnehagen", 250000, 400000
    ws["D5"] = "=B5+C5"
    ws["E5"] = 0.615
    ws["E5"].number_format = "0.0%"
    ws["F5"] = dt.date(2026, 3, 1)
    ws["G5"] = True
    ws["A6"], ws["B6"], ws["G6"] = "Tiltak 2 – Lesing og skriving", 200000.0, False
    ws["A7"], ws["B7"] = "Timer per uke", 12.5
    ws["H7"].font = Font(bold=True)  # a cell with a style and no value
    hidden = wb.create_sheet("Hjelpetall")
    hidden["A1"] = "intern kladd"
    hidden.sheet_state = "hidden"
    guide = wb.create_sheet("Veiledning")
    guide["A1"] = "Før opp ett tiltak per rad; Eier og UH hver for seg."
    wb.save(path)
    return path


def patch(path: Path, part: str, old: str, new: str) -> Path:
    """Replace `old` (which must be there) with `new` in one part of the zip."""
    with zipfile.ZipFile(path) as src:
        parts = {info.filename: src.read(info) for info in src.infolist()}
    text = parts[part].decode("utf-8")
    assert old in text, f"{old!r} not in {part}: openpyxl writes it differently now"
    parts[part] = text.replace(old, new, 1).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    return path


def texts(path: Path) -> list[str]:
    return [line.text for line in xlsx.read(path).lines]


def messages(path: Path, level: str | None = None) -> list[str]:
    return [d.message for d in xlsx.read(path).diagnostics if level in (None, d.level)]


def refused(path: Path, reason: str) -> None:
    with pytest.raises(UnreadableReport) as caught:
        xlsx.read(path)
    assert caught.value.path == str(path)
    assert caught.value.reason.startswith(reason), caught.value.reason
    assert "\n" not in str(caught.value)


def test_an_ordinary_read_through_the_registry(tmp_path):
    path = budget(tmp_path / "Budsjett.XLSX")
    fmt, read = reader_for(path)
    assert fmt == "xlsx"
    result = read(path)
    assert [line.text for line in result.lines] == BUDGET_LINES
    assert [line.no for line in result.lines] == list(range(1, len(BUDGET_LINES) + 1))
    assert {line.file for line in result.lines} == {str(path)}
    assert result.raw == path.read_bytes()


def test_each_sheet_maps_its_lines_to_its_rows(tmp_path):
    result = xlsx.read(budget(tmp_path / "b.xlsx"))
    infos = [(d.message, d.line) for d in result.diagnostics if d.level == "info"]
    assert infos == [
        ("sheet 'Budsjett': line 1 names the sheet; lines 2–7 are rows 1–2, 4–7", 1),
        ("sheet 'Hjelpetall' is hidden; not read", None),
        ("sheet 'Veiledning': line 8 names the sheet; line 9 is row 1", 8),
    ]
    assert all(d.code == "xlsx" and d.file == str(tmp_path / "b.xlsx") for d in result.diagnostics)
    assert not any("intern kladd" in line.text for line in result.lines)


def test_a_formula_with_no_stored_result_is_empty_and_warned_about(tmp_path):
    path = budget(tmp_path / "b.xlsx")
    assert "<f>B5+C5</f><v></v>" in zipfile.ZipFile(path).read(SHEET1).decode()  # openpyxl's
    warnings = [d for d in xlsx.read(path).diagnostics if d.level == "warning"]
    assert [(d.message, d.line) for d in warnings] == [
        (
            "formula with no stored result in Budsjett!D5: open and save the file in Excel, "
            "or type the value",
            5,
        )
    ]
    assert texts(path)[4].split("\t")[3] == ""  # not computed (it would be 650000)


def test_a_cell_written_without_its_reference_is_still_named(tmp_path):
    path = patch(
        budget(tmp_path / "b.xlsx"),
        SHEET1,
        '<c r="D5"><f>B5+C5</f><v></v></c>',
        "<c><f>B5+C5</f><v></v></c>",  # allowed: the cell after C5
    )
    assert messages(path, "warning")[0].startswith("formula with no stored result in Budsjett!D5:")
    assert texts(path) == BUDGET_LINES


def test_a_stored_formula_result_is_read_and_the_formula_is_not(tmp_path):
    path = patch(
        budget(tmp_path / "b.xlsx"),
        SHEET1,
        '<c r="D5"><f>B5+C5</f><v></v></c>',
        '<c r="D5"><f>B5+C5</f><v>650000</v></c>',  # as Excel saves it
    )
    path = patch(  # a formula whose stored result is the empty string: not missing
        path,
        SHEET1,
        '<c r="G6" t="b">',
        '<c r="C6" t="str"><f>IF(A9="","",A9)</f><v></v></c><c r="G6" t="b">',
    )
    lines = texts(path)
    assert (
        lines[4]
        == "Tiltak 1 – Språkløft i barnehagen\t250000\t400000\t650000\t61,5 %\t2026-03-01\tJa"
    )
    assert lines[5] == BUDGET_LINES[5]
    assert not any("B5+C5" in line for line in lines)
    assert messages(path, "warning") == []


def test_error_values_are_kept_and_named(tmp_path):
    path = patch(
        budget(tmp_path / "b.xlsx"),
        SHEET1,
        '<c r="D5"><f>B5+C5</f><v></v></c>',
        '<c r="D5" t="e"><f>B5/0</f><v>#DIV/0!</v></c>',
    )
    assert texts(path)[4].split("\t")[3] == "#DIV/0!"
    assert messages(path, "warning") == [
        "error value #DIV/0! in Budsjett!D5: the formula has no usable result"
    ]


def test_many_missing_results_are_named_up_to_a_limit_and_quoted_sheet_names(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Mitt budsjett"
    for row in range(1, 26):
        ws.cell(row, 1, f"Tiltak {row}")
        ws.cell(row, 2, f"=A{row}")
    wb.save(tmp_path / "many.xlsx")
    warnings = messages(tmp_path / "many.xlsx", "warning")
    assert len(warnings) == 21
    assert warnings[0].startswith("formula with no stored result in 'Mitt budsjett'!B1: ")
    assert warnings[19].startswith("formula with no stored result in 'Mitt budsjett'!B20: ")
    assert warnings[20] == (
        "... and 5 more formula cells with no stored result in sheet 'Mitt budsjett'"
    )


def test_merged_cells_give_their_value_in_the_first_cell_only(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Ark1"
    ws["A1"] = "Overskrift over tre kolonner"
    ws.merge_cells("A1:C1")
    ws["A3"], ws["B3"], ws["B4"] = "Tiltak 1", 100000, 50000
    ws.merge_cells("A3:A4")  # one name for two rows of amounts
    ws["D4"] = "merknad"
    wb.save(tmp_path / "m.xlsx")
    # A value a tool left in a covered cell (Excel shows none) is not read either.
    path = patch(
        tmp_path / "m.xlsx",
        SHEET1,
        '<row r="4">',
        '<row r="4"><c r="A4" t="inlineStr"><is><t>gjenglemt</t></is></c>',
    )
    assert texts(path) == [
        "Ark: Ark1",
        "Overskrift over tre kolonner",
        "Tiltak 1\t100000",
        "\t50000\t\tmerknad",
    ]


def test_a_wrong_stored_dimension_does_not_hide_rows(tmp_path):
    path = patch(
        budget(tmp_path / "b.xlsx"), SHEET1, '<dimension ref="A1:H7"/>', '<dimension ref="A1"/>'
    )
    assert texts(path) == BUDGET_LINES


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (250000, "General", "250000"),
        (1480000, "#,##0", "1480000"),
        (-1500, "General", "-1500"),
        (250000.0, "#,##0.00", "250000"),
        (12.5, "General", "12,5"),
        (0.1 + 0.2, "General", "0,3"),
        (1e-7, "General", "0,0000001"),
        (2.5e15, "General", "2500000000000000"),
        (0.125, "0.0%", "12,5 %"),
        (1, "0%", "100 %"),
        (0.07, "0%", "7 %"),
        (0.5, '0.0" %-poeng"', "0,5"),  # a quoted % is literal text, not a percentage
        (True, "General", "Ja"),
        (False, "General", "Nei"),
        (dt.datetime(2026, 3, 1), "dd.mm.yyyy", "2026-03-01"),
        (dt.datetime(2026, 3, 1, 13, 30), "dd.mm.yyyy hh:mm", "2026-03-01 13:30"),
        (dt.datetime(2026, 3, 1, 13, 30, 5), "dd.mm.yyyy hh:mm:ss", "2026-03-01 13:30:05"),
        (dt.date(2026, 3, 1), "yyyy-mm-dd", "2026-03-01"),
        (dt.time(8, 15), "hh:mm", "08:15"),
        (dt.timedelta(hours=26, minutes=5), "[h]:mm:ss", "26:05:00"),
        ("  Lærer\ni barnehagen\tog skole ", "@", "Lærer i barnehagen og skole"),
    ],
)
def test_cell_values_as_a_norwegian_user_reads_them(value, number_format, text):
    assert xlsx.cell_text(value, number_format) == text


def test_values_of_every_kind_survive_a_real_file(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append([0.25, dt.datetime(2026, 3, 1, 9, 0), 3.75, "ÆØÅ æøå"])
    ws["A1"].number_format = "0%"
    wb.save(tmp_path / "v.xlsx")
    assert texts(tmp_path / "v.xlsx")[1] == "25 %\t2026-03-01 09:00\t3,75\tÆØÅ æøå"


def test_very_hidden_and_chart_sheets_are_skipped(tmp_path):
    wb = Workbook()
    wb.active.title = "Budsjett"
    wb.active["A1"], wb.active["A2"] = "Sum\t1000", 1000
    secret = wb.create_sheet("Makro")
    secret["A1"] = "skjult"
    secret.sheet_state = "veryHidden"
    chart = BarChart()
    chart.add_data(Reference(wb.active, min_col=1, min_row=2, max_row=2))
    wb.create_chartsheet("Diagram").add_chart(chart)
    wb.save(tmp_path / "c.xlsx")
    assert texts(tmp_path / "c.xlsx") == ["Ark: Budsjett", "Sum 1000", "1000"]
    assert messages(tmp_path / "c.xlsx", "info")[1:] == [
        "sheet 'Makro' is very hidden; not read",
        "chart sheet 'Diagram' has no cells; not read",
    ]


def test_a_workbook_without_values_is_refused(tmp_path):
    wb = Workbook()
    wb.active["C3"].font = Font(bold=True)  # styled, but no value
    wb.save(tmp_path / "empty.xlsx")
    refused(tmp_path / "empty.xlsx", "the workbook has no values (every sheet is empty)")
    wb.create_sheet("Skjult")["A1"] = "x"
    wb["Skjult"].sheet_state = "hidden"
    wb.save(tmp_path / "hidden.xlsx")
    refused(tmp_path / "hidden.xlsx", "the workbook has no values in its visible sheets")


def test_an_empty_sheet_still_has_its_sheet_line(tmp_path):
    wb = Workbook()
    wb.active.title = "Tom"
    wb.create_sheet("Data")["B2"] = "x"
    wb.save(tmp_path / "e.xlsx")
    # column A is empty on every row of the sheet: a margin, not a column of its tables
    assert texts(tmp_path / "e.xlsx") == ["Ark: Tom", "Ark: Data", "x"]
    assert messages(tmp_path / "e.xlsx", "info") == [
        "sheet 'Tom': line 1 names the sheet; it has no values",
        "sheet 'Data': line 2 names the sheet; line 3 is row 2",
    ]


def test_a_damaged_workbook(tmp_path):
    raw = budget(tmp_path / "whole.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(raw[: len(raw) // 2])
    refused(tmp_path / "cut.xlsx", "not a valid .xlsx: damaged or truncated zip archive")
    (tmp_path / "pk.xlsx").write_bytes(b"PK\x03\x04 not a spreadsheet")
    refused(tmp_path / "pk.xlsx", "not a valid .xlsx: damaged or truncated zip archive")


def test_a_corrupted_entry_is_named(tmp_path):
    path = budget(tmp_path / "b.xlsx")
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(SHEET1)
    raw = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    raw[start + 20 : start + 40] = bytes(20)  # the compressed data, not the directory
    path.write_bytes(bytes(raw))
    refused(path, f"not a valid .xlsx: {SHEET1} is damaged")


def test_a_zip_bomb_is_refused_from_the_directory(tmp_path, monkeypatch):
    path = budget(tmp_path / "bomb.xlsx")
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/padding.bin", "w", force_zip64=True) as f,
    ):
        for _ in range(210):
            f.write(bytes(1024 * 1024))
    assert path.stat().st_size < 2 * 1024 * 1024

    def no_unpacking(*args, **kwargs):
        raise AssertionError("an entry was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_unpacking)
    refused(path, "the .xlsx would unpack to 210 MB, more than the 200 MB limit (a zip bomb?)")


def test_an_entry_that_unpacks_far_beyond_its_packed_size(tmp_path):
    path = budget(tmp_path / "ratio.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", bytes(5 * 1024 * 1024))
    refused(path, "xl/media/padding.bin would unpack to 5.0 MB, ")
    with pytest.raises(UnreadableReport, match=r"\d+x its packed size; the limit is 500x"):
        xlsx.read(path)


def test_too_many_entries(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_XLSX_ENTRIES", 5)
    refused(budget(tmp_path / "b.xlsx"), "the .xlsx holds 11 zip entries; the limit is 5")


def test_an_xml_part_with_a_dtd_is_refused_before_parsing(tmp_path):
    laughs = (
        '<!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    )
    path = patch(
        budget(tmp_path / "b.xlsx"),
        SHEET1,
        "<worksheet ",
        f"{laughs}<worksheet ",
    )
    refused(path, f"{SHEET1} declares a DTD (<!DOCTYPE>), which Excel never writes")


def test_a_renamed_text_file(tmp_path):
    path = tmp_path / "budsjett.xlsx"
    path.write_text("Tiltak;Eier;UH\nTiltak 1;250000;400000\n", "utf-8")
    refused(path, "not a valid .xlsx: not a zip archive (a CSV or text file renamed?)")
    path.write_bytes(b"")
    refused(path, "the file is empty")


def ole(stream_name: str) -> bytes:
    """The start of an OLE compound file: its signature, then a directory entry name."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return header + stream_name.encode("utf-16-le") + bytes(2048)


def test_an_old_xls_renamed(tmp_path):
    path = tmp_path / "gammel.xlsx"
    path.write_bytes(ole("Workbook"))
    refused(path, "not an .xlsx workbook (old .xls format?)")


def test_an_encrypted_workbook(tmp_path):
    path = tmp_path / "passord.xlsx"
    path.write_bytes(ole("EncryptionInfo") + ole("EncryptedPackage"))
    refused(path, "encrypted workbook: needs a password")


def test_other_office_files_renamed(tmp_path):
    from kompetansekart.demo.docx_writer import write_docx

    word = write_docx(["Behovsmelding 2026"], tmp_path / "skjema.docx")
    word.rename(tmp_path / "skjema.xlsx")
    refused(tmp_path / "skjema.xlsx", "a Word document, not an Excel workbook")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    (tmp_path / "ark.xlsx").write_bytes(buffer.getvalue())
    refused(tmp_path / "ark.xlsx", "an OpenDocument file (.ods?), not .xlsx")


def test_sheet_row_and_column_limits(tmp_path, monkeypatch):
    path = budget(tmp_path / "b.xlsx")
    monkeypatch.setattr(xlsx, "MAX_XLSX_SHEETS", 2)
    refused(path, "the workbook has 3 sheets; the limit is 2")
    monkeypatch.setattr(xlsx, "MAX_XLSX_SHEETS", 3)
    monkeypatch.setattr(xlsx, "MAX_XLSX_ROWS", 6)  # Budsjett has 6 rows with values
    assert texts(path) == BUDGET_LINES
    monkeypatch.setattr(xlsx, "MAX_XLSX_ROWS", 5)
    refused(path, "sheet 'Budsjett' has more than 5 rows with values")
    monkeypatch.setattr(xlsx, "MAX_XLSX_ROWS", 6)
    monkeypatch.setattr(xlsx, "MAX_XLSX_COLUMNS", 6)  # the header reaches G
    refused(path, "sheet 'Budsjett' has a value in column G (row 4); the limit is 6 columns")


def test_mutated_xml_gives_lines_or_one_clear_refusal(tmp_path):
    """Bytes changed, cut or repeated inside the XML parts (the zip rebuilt, so its CRCs
    pass and openpyxl gets to parse the damage): the reader returns lines or raises
    UnreadableReport, never anything else."""
    import random

    with zipfile.ZipFile(budget(tmp_path / "b.xlsx")) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    names = sorted(name for name in parts if "theme" not in name)
    rng = random.Random(7)
    outcomes = {"read": 0, "refused": 0}
    for n in range(200):
        data = bytearray(parts[(name := rng.choice(names))])
        at = rng.randrange(len(data))
        if n % 3 == 0:
            data[at] = rng.choice(b'<>"/=05rtv ')
        elif n % 3 == 1:
            del data[at : at + rng.randint(1, 20)]
        else:
            data[at:at] = data[rng.randrange(len(data)) :][:30]
        path = tmp_path / f"m{n}.xlsx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
            for part, content in parts.items():
                dst.writestr(part, bytes(data) if part == name else content)
        try:
            xlsx.read(path)
            outcomes["read"] += 1
        except UnreadableReport as exc:
            assert "\n" not in str(exc) and exc.path == str(path)
            outcomes["refused"] += 1
    assert outcomes["read"] and outcomes["refused"]  # both kinds of damage were made


def test_a_margin_column_is_no_column_but_an_empty_one_inside_stays(tmp_path):
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Forside"
    sheet["B1"], sheet["D1"] = "Eier", "Alta kommune"
    sheet["B2"], sheet["C2"], sheet["D2"] = "Tiltak nr.", 1, 2
    wb.save(tmp_path / "m.xlsx")
    # column A holds nothing on any row; column C is empty on one row only
    assert texts(tmp_path / "m.xlsx") == [
        "Ark: Forside",
        "Eier\t\tAlta kommune",
        "Tiltak nr.\t1\t2",
    ]
