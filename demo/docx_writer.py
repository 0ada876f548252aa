"""Write report text as a real Word document: the .docx twin of a .txt/.md report.

The input is the lines a text reader returns: tabs separate table cells, ☒/☐ are boxes and
`**x**` is bold (the chosen option). The output is what Word itself would hold for the same
form, so the .docx reader is tested against real structures, not text in a zip: runs of
tab-separated lines with the same number of cells become one Word table, boxes become
checkbox content controls (Word 2010+) or legacy FORMCHECKBOX fields, and bold spans
become bold runs. Reading the twin back must give the record of the text it came from.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Literal

import docx
from docx.document import Document as WordDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph

CheckboxKind = Literal["content-control", "legacy", "text"]

W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
MC_IGNORABLE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Ignorable"
BOXES = {"☒": True, "☐": False}

# The same bold span the parsers recognise (ingest/checkboxes.py): ** around non-space text.
_BOLD = re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*")
_BOX = re.compile("([☒☐])")
# Characters XML 1.0 cannot hold; python-docx refuses them, and Word would too.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def write_docx(
    lines: Sequence[str],
    path: Path,
    *,
    checkboxes: CheckboxKind = "content-control",
    header: str | None = None,
    footer_page_numbers: bool = False,
) -> Path:
    """Write `lines` to `path` as a .docx (one paragraph per line, tables for tab rows)."""
    document = docx.Document()
    _require_w14(document)
    ids = itertools.count(1)
    for block in _blocks(lines):
        if isinstance(block, str):
            _fill(document.add_paragraph(), block, checkboxes, ids)
        else:
            _table(document, block, checkboxes, ids)
    section = document.sections[0]
    if header is not None:
        _fill(section.header.paragraphs[0], header, "text", ids)
    if footer_page_numbers:
        _page_numbers(section.footer.paragraphs[0])
    path = Path(path)
    document.save(str(path))
    return path


def _blocks(lines: Sequence[str]) -> Iterator[str | list[list[str]]]:
    """Plain lines, and runs of tab lines with the same cell count as one table each."""
    rows: list[list[str]] = []
    for line in lines:
        line = _NOT_XML.sub("", line)
        if "\t" in line:
            cells = line.split("\t")
            if rows and len(rows[0]) != len(cells):
                yield rows
                rows = []
            rows.append(cells)
            continue
        if rows:
            yield rows
            rows = []
        yield line
    if rows:
        yield rows


def _table(
    document: WordDocument, rows: list[list[str]], kind: CheckboxKind, ids: Iterator[int]
) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            _fill(table.cell(r, c).paragraphs[0], text, kind, ids)


def _fill(paragraph: Paragraph, text: str, kind: CheckboxKind, ids: Iterator[int]) -> None:
    """Runs for one line: bold spans as bold runs, boxes as `kind` checkboxes."""
    for part, bold in _bold_parts(text):
        pieces = [part] if kind == "text" else _BOX.split(part)
        for piece in pieces:
            if not piece:
                continue
            if piece in BOXES and kind != "text":
                _checkbox(paragraph, BOXES[piece], kind, next(ids))
            else:
                run = paragraph.add_run(piece)
                if bold:
                    run.bold = True


def _bold_parts(text: str) -> Iterator[tuple[str, bool]]:
    end = 0
    for match in _BOLD.finditer(text):
        yield text[end : match.start()], False
        yield match.group(1), True
        end = match.end()
    yield text[end:], False


def _checkbox(paragraph: Paragraph, checked: bool, kind: CheckboxKind, n: int) -> None:
    if kind == "content-control":
        paragraph._p.append(_content_control(checked, n))
    else:
        for run in _legacy_field(checked, n):
            paragraph._p.append(run)


def _content_control(checked: bool, n: int) -> object:
    """A checkbox content control as Word 2010+ writes it: the state in w14:checked, the
    glyphs for both states, and the current glyph drawn in MS Gothic."""
    glyph = "☒" if checked else "☐"
    return parse_xml(
        f"<w:sdt {nsdecls('w', 'w14')}>"
        "<w:sdtPr>"
        f'<w:id w:val="{100000 + n}"/>'
        "<w14:checkbox>"
        f'<w14:checked w14:val="{int(checked)}"/>'
        '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
        "</w14:checkbox>"
        "</w:sdtPr>"
        "<w:sdtContent><w:r><w:rPr>"
        '<w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"'
        ' w:hint="eastAsia"/>'
        f"</w:rPr><w:t>{glyph}</w:t></w:r></w:sdtContent>"
        "</w:sdt>"
    )


def _legacy_field(checked: bool, n: int) -> list[object]:
    """A Word 97-style FORMCHECKBOX field: begin (with the form data), code, end. Word
    keeps the default state and adds w:checked once the box has been clicked."""
    state = "<w:checked/>" if checked else ""
    begin = (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"><w:ffData>'
        f'<w:name w:val="Avmerking{n}"/><w:enabled/><w:calcOnExit w:val="0"/>'
        f'<w:checkBox><w:sizeAuto/><w:default w:val="0"/>{state}</w:checkBox>'
        "</w:ffData></w:fldChar></w:r>"
    )
    code = (
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
    )
    end = f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'
    return [parse_xml(begin), parse_xml(code), parse_xml(end)]


def _page_numbers(paragraph: Paragraph) -> None:
    """ "Side {PAGE} av {NUMPAGES}" with real fields, as Word's page number gallery does."""
    paragraph.add_run("Side ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" av ")
    _field(paragraph, "NUMPAGES", "1")


def _field(paragraph: Paragraph, instruction: str, result: str) -> None:
    for xml in (
        '<w:fldChar w:fldCharType="begin"/>',
        f'<w:instrText xml:space="preserve"> {instruction} </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        f"<w:t>{result}</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    ):
        paragraph._p.append(parse_xml(f"<w:r {nsdecls('w')}>{xml}</w:r>"))


def _require_w14(document: WordDocument) -> None:
    """Word only accepts w14 elements when the root declares the namespace and lists it as
    ignorable (for older readers); python-docx's template does both, and this checks it."""
    root = document.element
    if root.nsmap.get("w14") != W14_NS:
        raise ValueError("the python-docx template does not declare the w14 namespace")
    ignorable = (root.get(MC_IGNORABLE) or "").split()
    if "w14" not in ignorable:
        root.set(MC_IGNORABLE, " ".join([*ignorable, "w14"]))


__all__ = ["CheckboxKind", "write_docx"]
