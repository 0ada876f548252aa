"""The .docx reader against XML as Word writes it: every test document here is a zip built
by hand from raw WordprocessingML (not by our writer), so the reader is checked against
the format, and hostile files are refused with one clear line naming the file."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompetansekart.ingest.document import Document
from kompetansekart.ingest.errors import IngestError, UnreadableReport
from kompetansekart.ingest.readers import docx, reader_for

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'mc:Ignorable="w14"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def document_xml(body: str, sect: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f"<w:document {NS}><w:body>{body}<w:sectPr>{sect}</w:sectPr></w:body></w:document>"
    )


def p(*runs: str) -> str:
    return f"<w:p>{''.join(runs)}</w:p>"


def r(text: str, props: str = "") -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def zip_bytes(parts: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def make_docx(
    path: Path, body: str, *, sect: str = "", parts: dict[str, str] | None = None, rels: str = ""
) -> Path:
    """A minimal package: content types, package rels, document (+ its rels and parts)."""
    files: dict[str, str | bytes] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "word/document.xml": document_xml(body, sect),
        "word/_rels/document.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{rels}</Relationships>'
        ),
        **(parts or {}),
    }
    path.write_bytes(zip_bytes(files))
    return path


def texts(path: Path) -> list[str]:
    return [line.text for line in docx.read(path).lines]


# -- text, tables and order -------------------------------------------------------------


def test_paragraphs_and_tables_in_document_order_with_cells(tmp_path):
    body = (
        p(r("Behovsmelding for Bodø: æøå ÆØÅ"))
        + "<w:tbl><w:tr>"
        + f"<w:tc>{p(r('Eier:'))}</w:tc><w:tc>{p(r('Bodø kommune'))}{p(r('Salten'))}</w:tc>"
        + "</w:tr><w:tr>"
        + f"<w:tc>{p(r('UH:'))}</w:tc><w:tc>{p(r('Nord'))}</w:tc>"
        + "</w:tr></w:tbl>"
        + p()
        + p(r("Etter tabellen"))
    )
    path = make_docx(tmp_path / "r.docx", body)
    assert texts(path) == [
        "Behovsmelding for Bodø: æøå ÆØÅ",
        "Eier:\tBodø kommune; Salten",  # a cell's paragraphs are its entries
        "UH:\tNord",
        "",
        "Etter tabellen",
    ]
    result = docx.read(path)
    assert [line.no for line in result.lines] == [1, 2, 3, 4, 5]
    assert result.raw == path.read_bytes()
    doc = Document.from_lines(str(path), "docx", result.lines, result.raw)
    assert doc.cells(1) == ["Eier:", "Bodø kommune; Salten"]
    assert doc.no(3) == 5  # the empty paragraph still counts


def test_merged_and_nested_cells(tmp_path):
    grid_span = '<w:tcPr><w:gridSpan w:val="2"/></w:tcPr>'
    restart = '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>'
    cont = "<w:tcPr><w:vMerge/></w:tcPr>"
    nested = f"<w:tbl><w:tr><w:tc>{p(r('a'))}</w:tc><w:tc>{p(r('b'))}</w:tc></w:tr></w:tbl>"
    body = (
        "<w:tbl>"
        f"<w:tr><w:tc>{grid_span}{p(r('Sum'))}</w:tc><w:tc>{p(r('9'))}</w:tc></w:tr>"
        f"<w:tr><w:tc>{restart}{p(r('Tiltak 1'))}</w:tc><w:tc>{p(r('x'))}</w:tc>"
        f"<w:tc>{p(r('1'))}</w:tc></w:tr>"
        f"<w:tr><w:tc>{cont}{p()}</w:tc><w:tc>{p(r('y'))}</w:tc><w:tc>{nested}{p()}</w:tc></w:tr>"
        "</w:tbl>"
    )
    assert texts(make_docx(tmp_path / "m.docx", body)) == [
        "Sum\t9",
        "Tiltak 1\tx\t1",
        "\ty\ta b",
    ]


def test_line_breaks_split_a_paragraph_and_tabs_make_cells(tmp_path):
    body = p(
        r("Kontakt: Kari"),
        "<w:r><w:br/><w:t>Ola</w:t><w:cr/><w:t>Per</w:t></w:r>",
        "<w:r><w:tab/><w:t>400 00 000</w:t><w:noBreakHyphen/><w:t>1</w:t></w:r>",
    ) + p(r("neste"))
    path = make_docx(tmp_path / "b.docx", body)
    assert texts(path) == ["Kontakt: Kari", "Ola", "Per\t400 00 000-1", "neste"]
    assert [line.no for line in docx.read(path).lines] == [1, 2, 3, 4]


def test_block_content_controls_custom_xml_and_text_boxes_are_read(tmp_path):
    placeholder = (
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        f"{r('Klikk eller trykk her for å skrive inn tekst.')}</w:sdtContent></w:sdt>"
    )
    textbox = (
        "<w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><wps:txbx>"
        f"<w:txbxContent>{p(r('I boksen'))}</w:txbxContent></wps:txbx></w:drawing>"
        "</mc:Choice><mc:Fallback><w:pict><v:textbox>"
        f"<w:txbxContent>{p(r('I boksen'))}</w:txbxContent></v:textbox></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )
    body = (
        f"<w:sdt><w:sdtPr/><w:sdtContent>{p(r('I kontroll'))}</w:sdtContent></w:sdt>"
        f"<w:customXml w:element='x'>{p(r('I customXml'))}</w:customXml>"
        + p(r("Svar: "), placeholder)
        + p(r("Før boksen"), textbox)
    )
    assert texts(make_docx(tmp_path / "s.docx", body)) == [
        "I kontroll",
        "I customXml",
        "Svar: ",
        "Før boksen",
        "I boksen",
    ]


# -- bold -------------------------------------------------------------------------------


def test_bold_runs_become_spans_with_whitespace_outside(tmp_path):
    body = (
        p(r("Ja ", "<w:b/>"), r("Nei"))
        + p(r("Regional ordning "), r("Desentralisert ", "<w:b/>"), r("ordning", "<w:b/>"))
        + p(r("Ja "), r("Nei", '<w:b w:val="0"/>'), r(" Vet ikke", '<w:b w:val="false"/>'))
        + p(r("Ja"), r("  ", "<w:b/>"), r("Nei"))
        + p(r("Vår 2025", "<w:b/>"), r(" "), r("Høst 2025", '<w:b w:val="1"/>'))
        + p(r("Kun kompleks", "<w:bCs/>"))
        + p(r("Tiltak 2", "<w:b/>"), r("Navn på tiltak: "), r(" Lesing ", "<w:b/>"))
    )
    assert texts(make_docx(tmp_path / "b.docx", body)) == [
        "**Ja** Nei",
        "Regional ordning **Desentralisert ordning**",
        "Ja Nei Vet ikke",
        "Ja  Nei",
        "**Vår 2025** **Høst 2025**",
        "Kun kompleks",
        "**Tiltak 2**Navn på tiltak:  **Lesing** ",
    ]


def test_bold_does_not_span_a_tab(tmp_path):
    body = p("<w:r><w:rPr><w:b/></w:rPr><w:t>Eier</w:t><w:tab/><w:t>UH</w:t></w:r>")
    assert texts(make_docx(tmp_path / "t.docx", body)) == ["**Eier**\t**UH**"]


# -- checkboxes -------------------------------------------------------------------------


def content_control(checked: str, drawn: str) -> str:
    return (
        "<w:sdt><w:sdtPr><w:id w:val='-1'/><w14:checkbox>"
        f"<w14:checked w14:val='{checked}'/>"
        "<w14:checkedState w14:val='2612' w14:font='MS Gothic'/>"
        "<w14:uncheckedState w14:val='2610' w14:font='MS Gothic'/>"
        f"</w14:checkbox></w:sdtPr><w:sdtContent>{r(drawn)}</w:sdtContent></w:sdt>"
    )


def test_content_control_state_wins_over_the_drawn_glyph(tmp_path):
    body = p(
        r("Ja "),
        content_control("1", "☐"),
        r(" Nei "),
        content_control("0", "☒"),
        r(" Vet ikke "),
        content_control("true", "☐"),
        r(" Kanskje "),
        content_control("false", "☐"),
    )
    result = docx.read(make_docx(tmp_path / "c.docx", body))
    assert [line.text for line in result.lines] == ["Ja ☒ Nei ☐ Vet ikke ☒ Kanskje ☐"]
    info = [d for d in result.diagnostics if d.code == "docx"]
    assert [d.level for d in info] == ["info"]
    assert "4 content controls" in info[0].message


def legacy(checkbox: str, result_text: str = "") -> str:
    begin = (
        "<w:r><w:fldChar w:fldCharType='begin'><w:ffData><w:name w:val='Avmerking1'/>"
        f"<w:enabled/><w:calcOnExit w:val='0'/><w:checkBox><w:sizeAuto/>{checkbox}"
        "</w:checkBox></w:ffData></w:fldChar></w:r>"
        "<w:r><w:instrText xml:space='preserve'> FORMCHECKBOX </w:instrText></w:r>"
    )
    separate = f"<w:r><w:fldChar w:fldCharType='separate'/></w:r>{r(result_text)}"
    return begin + (separate if result_text else "") + "<w:r><w:fldChar w:fldCharType='end'/></w:r>"


def test_legacy_form_checkboxes(tmp_path):
    body = p(
        r("a "),
        legacy("<w:default w:val='1'/>"),
        r(" b "),
        legacy("<w:default w:val='0'/>"),
        r(" c "),
        legacy("<w:default w:val='0'/><w:checked/>"),
        r(" d "),
        legacy("<w:default w:val='1'/><w:checked w:val='0'/>"),
        r(" e "),
        legacy("<w:default w:val='0'/><w:checked w:val='1'/>", result_text="☐"),
    )
    result = docx.read(make_docx(tmp_path / "l.docx", body))
    assert [line.text for line in result.lines] == ["a ☒ b ☐ c ☒ d ☐ e ☒"]
    assert "FORMCHECKBOX" not in result.lines[0].text
    assert any("5 legacy form fields" in d.message for d in result.diagnostics)


def test_legacy_dropdown_shows_the_chosen_entry(tmp_path):
    field = (
        "<w:r><w:fldChar w:fldCharType='begin'><w:ffData><w:ddList><w:result w:val='1'/>"
        "<w:listEntry w:val='Ja'/><w:listEntry w:val='Nei'/></w:ddList></w:ffData>"
        "</w:fldChar></w:r><w:r><w:instrText> FORMDROPDOWN </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r>"
    )
    assert texts(make_docx(tmp_path / "d.docx", p(r("Svar: "), field))) == ["Svar: Nei"]


def test_wingdings_symbols_are_boxes(tmp_path):
    def sym(font: str, char: str) -> str:
        return f"<w:r><w:sym w:font='{font}' w:char='{char}'/></w:r>"

    wingdings_text = "<w:r><w:rPr><w:rFonts w:ascii='Wingdings' w:hAnsi='Wingdings'/></w:rPr>"
    body = p(
        r("Ja "),
        sym("Wingdings", "F0FE"),
        r(" Nei "),
        sym("Wingdings", "F0A8"),
        r(" Vet "),
        sym("Wingdings 2", "F054"),
        r(" Ikke "),
        sym("Wingdings 2", "F0A3"),
        r(" Pil "),
        sym("Wingdings", "F0E8"),
        r(" Tekst "),
        f"{wingdings_text}<w:t>x</w:t></w:r>",
        r(" Sym "),
        sym("Symbol", "F0B7"),
    )
    result = docx.read(make_docx(tmp_path / "w.docx", body))
    assert [line.text for line in result.lines] == ["Ja ☒ Nei ☐ Vet ☒ Ikke ☐ Pil  Tekst ☒ Sym "]
    assert any("5 Wingdings symbols" in d.message for d in result.diagnostics)


def test_typed_boxes_stay_and_no_diagnostic_without_boxes(tmp_path):
    typed = docx.read(make_docx(tmp_path / "t.docx", p(r("Ja ☒ Nei ☐"))))
    assert typed.lines[0].text == "Ja ☒ Nei ☐"
    assert any("2 typed" in d.message for d in typed.diagnostics)
    plain = docx.read(make_docx(tmp_path / "p.docx", p(r("Ingen bokser"))))
    assert plain.diagnostics == []


# -- fields and tracked changes ---------------------------------------------------------


def test_field_codes_are_skipped_and_results_kept(tmp_path):
    field = (
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
        "<w:r><w:instrText xml:space='preserve'> MERGEFIELD Eier \\* MERGEFORMAT </w:instrText>"
        "</w:r><w:r><w:fldChar w:fldCharType='separate'/></w:r>"
        f"{r('Vefsn kommune')}<w:r><w:fldChar w:fldCharType='end'/></w:r>"
    )
    simple = f"<w:fldSimple w:instr=' DOCPROPERTY UH '>{r('Nord universitet')}</w:fldSimple>"
    body = p(r("Eier: "), field) + p(r("UH: "), simple)
    assert texts(make_docx(tmp_path / "f.docx", body)) == [
        "Eier: Vefsn kommune",
        "UH: Nord universitet",
    ]


def test_tracked_changes_and_hidden_text(tmp_path):
    body = p(
        r("Eier: "),
        "<w:del w:id='1' w:author='A'><w:r><w:delText>Bodø</w:delText></w:r></w:del>",
        "<w:ins w:id='2' w:author='A'>" + r("Vefsn") + "</w:ins>",
        r(" skjult", "<w:vanish/>"),
        r(" synlig", "<w:vanish w:val='0'/>"),
        "<w:hyperlink r:id='rId9'>" + r(" (lenke)") + "</w:hyperlink>",
    )
    assert texts(make_docx(tmp_path / "d.docx", body)) == ["Eier: Vefsn synlig (lenke)"]


# -- headers and footers ----------------------------------------------------------------


def margin_part(tag: str, content: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:{tag} {NS}>{content}</w:{tag}>'


def page_field(name: str, result: str) -> str:
    return (
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
        f"<w:r><w:instrText xml:space='preserve'> {name} </w:instrText></w:r>"
        f"<w:r><w:fldChar w:fldCharType='separate'/></w:r>{r(result)}"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r>"
    )


def test_headers_come_first_footers_last_and_page_numbers_go(tmp_path):
    owner = (
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
        "<w:r><w:instrText> DOCPROPERTY Eier </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r>"
        f"{r('Vefsn kommune')}<w:r><w:fldChar w:fldCharType='end'/></w:r>"
    )
    header = margin_part("hdr", p(r("Behovsmelding – "), owner) + p())
    first = margin_part("hdr", p(r("Forside")))  # no titlePg: never shown, not read
    footer = margin_part(
        "ftr",
        p(r("Side "), page_field("PAGE", "1"), r(" av "), page_field("NUMPAGES", "3"))
        + p(r("2"))
        + p(r("Statsforvalteren i Nordland – side "), page_field("PAGE", "1")),
    )
    rels = (
        f'<Relationship Id="rId1" Type="{REL}/header" Target="header1.xml"/>'
        f'<Relationship Id="rId2" Type="{REL}/footer" Target="footer1.xml"/>'
        f'<Relationship Id="rId3" Type="{REL}/header" Target="header2.xml"/>'
    )
    sect = (
        '<w:headerReference w:type="default" r:id="rId1"/>'
        '<w:headerReference w:type="first" r:id="rId3"/>'
        '<w:footerReference w:type="default" r:id="rId2"/>'
    )
    # a second section (a section break in a paragraph) with the same header: read once
    body = (
        p(r("Tekst")) + f"<w:p><w:pPr><w:sectPr>{sect}</w:sectPr></w:pPr></w:p>" + p(r("Mer tekst"))
    )
    path = make_docx(
        tmp_path / "h.docx",
        body,
        sect=sect,
        rels=rels,
        parts={
            "word/header1.xml": header,
            "word/header2.xml": first,
            "word/footer1.xml": footer,
        },
    )
    result = docx.read(path)
    assert [(line.no, line.text) for line in result.lines] == [
        (1, "Behovsmelding – Vefsn kommune"),
        (2, "Tekst"),
        (3, ""),
        (4, "Mer tekst"),
        (5, "Statsforvalteren i Nordland"),
    ]


def test_first_page_header_is_read_when_the_section_has_a_title_page(tmp_path):
    rels = f'<Relationship Id="rId3" Type="{REL}/header" Target="header2.xml"/>'
    sect = '<w:headerReference w:type="first" r:id="rId3"/><w:titlePg/>'
    path = make_docx(
        tmp_path / "f.docx",
        p(r("Tekst")),
        sect=sect,
        rels=rels,
        parts={"word/header2.xml": margin_part("hdr", p(r("Forside")))},
    )
    assert texts(path) == ["Forside", "Tekst"]


# -- hostile and broken files -----------------------------------------------------------


def refused(path: Path, match: str) -> None:
    with pytest.raises(UnreadableReport, match=match) as info:
        docx.read(path)
    message = str(info.value)
    assert message.startswith(str(path))
    assert "\n" not in message


def small_docx(tmp_path: Path) -> Path:
    return make_docx(tmp_path / "ok.docx", p(r("Behovsmelding")) + p(r("Eier: Bodø")))


def test_empty_text_and_truncated_files(tmp_path):
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    refused(empty, "the file is empty")
    text = tmp_path / "text.docx"
    text.write_text("Behovsmelding\nEier: Bodø kommune\n", "utf-8")
    refused(text, "not a valid .docx: not a zip archive")
    whole = small_docx(tmp_path).read_bytes()
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(whole[: len(whole) // 2])
    refused(truncated, "not a valid .docx: damaged or truncated zip archive")


def test_zip_without_a_word_document(tmp_path):
    path = tmp_path / "nodoc.docx"
    path.write_bytes(zip_bytes({"[Content_Types].xml": CONTENT_TYPES, "readme.txt": "hei"}))
    refused(path, r"not a Word document \(no word/document.xml\)")
    excel = tmp_path / "excel.docx"
    excel.write_bytes(zip_bytes({"xl/workbook.xml": "<workbook/>"}))
    refused(excel, "an Excel workbook, not a Word document")


def test_old_doc_and_password_protected_files(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    doc = tmp_path / "old.docx"
    doc.write_bytes(ole + "WordDocument".encode("utf-16-le") + bytes(1000))
    refused(doc, r"an old Word 97-2003 \.doc, not \.docx: save it as \.docx")
    locked = tmp_path / "locked.docx"
    locked.write_bytes(ole + "EncryptedPackage".encode("utf-16-le") + bytes(1000))
    refused(locked, "a password-protected Word file")


def test_zip_bomb_is_refused_from_the_directory(tmp_path, monkeypatch):
    assert docx.MAX_DOCX_UNPACKED_BYTES == 200 * 1024 * 1024
    assert docx.MAX_DOCX_PART_BYTES == 50 * 1024 * 1024
    assert docx.MAX_DOCX_FILE_BYTES == 100 * 1024 * 1024
    assert "MAX_DOCX_UNPACKED_BYTES" in docx.__all__
    monkeypatch.setattr(docx, "MAX_DOCX_UNPACKED_BYTES", 1024 * 1024)
    path = tmp_path / "bomb.docx"
    path.write_bytes(
        zip_bytes(
            {
                "word/document.xml": document_xml(p(r("x"))),
                "word/media/zeros.bin": bytes(2 * 1024 * 1024),
            }
        )
    )
    assert path.stat().st_size < 20_000
    refused(path, r"would unpack to 2\.0 MB, more than the 1\.0 MB limit \(a zip bomb\?\)")


def test_other_limits(tmp_path, monkeypatch):
    path = small_docx(tmp_path)
    monkeypatch.setattr(docx, "MAX_DOCX_PART_BYTES", 100)
    refused(path, r"word/document.xml unpacks to 0\.0 MB, more than the 0\.0 MB limit")
    monkeypatch.setattr(docx, "MAX_DOCX_PART_BYTES", 50 * 1024 * 1024)
    monkeypatch.setattr(docx, "MAX_DOCX_ENTRIES", 3)
    refused(path, "holds 4 zip entries; the limit is 3")
    monkeypatch.setattr(docx, "MAX_DOCX_ENTRIES", 10_000)
    monkeypatch.setattr(docx, "MAX_DOCX_FILE_BYTES", 100)
    refused(path, "the limit for a report is")


def test_malformed_xml_names_the_part(tmp_path):
    path = tmp_path / "bad.docx"
    path.write_bytes(zip_bytes({"word/document.xml": f"<w:document {NS}><w:body><w:p></w:body>"}))
    refused(path, r"word/document.xml: malformed XML \(")


def test_entity_expansion_is_refused_quickly(tmp_path):
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
        f"<w:document {NS}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = tmp_path / "laughs.docx"
    path.write_bytes(zip_bytes({"word/document.xml": xml}))
    start = time.perf_counter()
    refused(path, r"word/document.xml: declares a DTD")
    assert time.perf_counter() - start < 30  # a guard against expansion, not a benchmark


def test_registry_maps_docx_to_this_reader(tmp_path):
    fmt, read = reader_for(tmp_path / "r.DOCX")
    assert fmt == "docx"
    assert read.__name__ == "docx.read"


# -- fuzzing: only IngestError may escape -----------------------------------------------

FUZZ_BASE = zip_bytes(
    {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "word/document.xml": document_xml(
            p(r("Ja ", "<w:b/>"), content_control("1", "☐"), legacy("<w:checked/>"))
            + f"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val='2'/></w:tcPr>{p(r('a'))}</w:tc>"
            "</w:tr></w:tbl>",
            '<w:headerReference w:type="default" r:id="rId1"/>',
        ),
        "word/_rels/document.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{REL}/header" '
            'Target="header1.xml"/></Relationships>'
        ),
        "word/header1.xml": margin_part("hdr", p(r("Side "), page_field("PAGE", "1"))),
    }
)


def read_or_ingest_error(path: Path) -> None:
    try:
        result = docx.read(path)
    except IngestError:
        return
    assert all(isinstance(line.text, str) for line in result.lines)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    mutations=st.lists(
        st.tuples(st.integers(0, len(FUZZ_BASE) - 1), st.integers(0, 255)), min_size=1, max_size=8
    ),
    cut=st.none() | st.integers(0, len(FUZZ_BASE)),
)
def test_fuzz_mutated_bytes(tmp_path, mutations, cut):
    data = bytearray(FUZZ_BASE)
    for index, value in mutations:
        data[index] = value
    path = tmp_path / "fuzz.docx"
    path.write_bytes(bytes(data[:cut] if cut is not None else data))
    read_or_ingest_error(path)


_TAGS = [
    "w:p", "w:r", "w:t", "w:tbl", "w:tr", "w:tc", "w:tcPr", "w:gridSpan", "w:vMerge",
    "w:hMerge", "w:sdt", "w:sdtPr", "w:sdtContent", "w14:checkbox", "w14:checked",
    "w:fldChar", "w:instrText", "w:ffData", "w:checkBox", "w:default", "w:checked",
    "w:ddList", "w:listEntry", "w:result", "w:br", "w:tab", "w:sym", "w:rPr", "w:b",
    "w:vanish", "w:del", "w:ins", "w:delText", "w:hyperlink", "w:fldSimple", "w:customXml",
    "w:rFonts", "w:txbxContent", "w:drawing", "mc:AlternateContent", "mc:Choice",
    "w:showingPlcHdr", "w:sectPr", "w:headerReference", "w:titlePg", "w:trPr",
]  # fmt: skip
_ATTRS = [
    "w:val",
    "w14:val",
    "w:fldCharType",
    "w:font",
    "w:char",
    "w:instr",
    "w:ascii",
    "w:type",
    "r:id",
]
_VALUES = st.sampled_from(
    ["0", "1", "true", "off", "begin", "separate", "end", "restart", "Wingdings", "Wingdings 2",
     "F0FE", "zz", "-5", "99999999999", "PAGE", "FORMCHECKBOX", "rId1", "first", "", "☒"]
)  # fmt: skip
_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="<&\x00"), max_size=8
).map(lambda s: "".join(c for c in s if c in "\t\n\r" or ord(c) >= 0x20))


def _tag(tag: str, attributes: list[tuple[str, str]], inner: list[str]) -> str:
    attrs = "".join(f' {name}="{value}"' for name, value in attributes)
    return f"<{tag}{attrs}>{''.join(inner)}</{tag}>"


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    attrs = st.lists(
        st.tuples(st.sampled_from(_ATTRS), _VALUES), max_size=2, unique_by=lambda a: a[0]
    )
    return st.builds(_tag, st.sampled_from(_TAGS), attrs, st.lists(children, max_size=4))


_FRAGMENT = st.recursive(_TEXT, _element, max_leaves=30)
# Fragments land at body level, inside a paragraph or inside a table cell, so that the
# paragraph and table walks see them, not only the body walk.
_WRAPPERS = ["{}", "<w:p>{}</w:p>", "<w:tbl><w:tr><w:tc><w:p>{}</w:p></w:tc></w:tr></w:tbl>"]
_XML_BODY = st.builds(
    lambda wrapper, inner: wrapper.format(inner), st.sampled_from(_WRAPPERS), _FRAGMENT
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.lists(_XML_BODY, max_size=5), broken=st.booleans())
def test_fuzz_random_document_bodies(tmp_path, body, broken):
    xml = document_xml("".join(body), '<w:headerReference w:type="default" r:id="rId1"/>')
    if broken:
        xml = xml[: len(xml) // 2]
    path = tmp_path / "fuzz.docx"
    parts = dict(
        zip(
            ["[Content_Types].xml", "_rels/.rels", "word/document.xml"],
            [CONTENT_TYPES, PACKAGE_RELS, xml],
            strict=True,
        )
    )
    parts["word/_rels/document.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/header" Target="header1.xml"/></Relationships>'
    )
    parts["word/header1.xml"] = margin_part("hdr", "".join(body))
    path.write_bytes(zip_bytes(parts))
    read_or_ingest_error(path)


def test_word_list_numbers_are_drawn_before_their_paragraphs(tmp_path: Path):
    """Word keeps a list's numbers out of the text; the reader draws them as Word does, so a
    numbered field or measure keeps its number ('1. Eier: …')."""
    from docx import Document as new_word_document  # python-docx

    doc = new_word_document()
    doc.add_paragraph("Behovsmelding 2026")
    for text in ("Eier: Bodø kommune", "UH: Nord universitet"):
        doc.add_paragraph(text, style="List Number")  # numbered through its style
    path = tmp_path / "numbered.docx"
    doc.save(path)
    assert [line.text for line in docx.read(path).lines] == [
        "Behovsmelding 2026",
        "1. Eier: Bodø kommune",
        "2. UH: Nord universitet",
    ]


def test_a_multi_level_list_numbers_each_level_and_restarts_under_a_new_item():
    """u40: one automatic list of three levels ('%1.', '%1.%2', '%3)'), set directly on the
    paragraphs (w:numPr)."""
    path = Path(__file__).parents[2] / "data" / "unseen" / "u40_gjovik_dekomp_2026.docx"
    texts = [line.text for line in docx.read(path).lines]
    assert "1. **Eier og partnerskap**" in texts
    assert any(t.startswith("1.9 Omfang: 11 offentlige grunnskoler") for t in texts)
    at = texts.index("2. **Tiltak**")
    assert texts[at + 1] == "2.1 Vurdering for læring i matematikk på mellomtrinnet"
    assert texts[at + 2] == "a) Formål: gjennomføring av tiltak"
    second = texts.index("2.2 Skriving som grunnleggende ferdighet i alle fag")
    assert texts[second + 1] == "a) Formål: gjennomføring av tiltak"  # starts again
