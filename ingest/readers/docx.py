"""Word (.docx): the text of a needs report as lines, with the form's marks kept.

What becomes a line, numbered 1, 2, 3 ... in this order:

1. **Headers**, then the **body**, then the **footers**. Headers and footers are the parts
   the section properties reference (per section: default, first-page when the section has
   a title page, even-page when the settings turn them on); a part whose text an earlier
   one already gave is skipped. Their blank lines and lines that are only page numbers
   ("Side 1 av 3", "3", or PAGE/NUMPAGES fields) are not emitted; other field results
   (a DOCPROPERTY or MERGEFIELD with the owner's name) are kept.
2. In the body, document order, also inside block-level content controls (`w:sdt`) and
   `w:customXml`: each **paragraph** is a line, and each `w:br`/`w:cr` inside it starts a
   further line. Each **table row** is one line with its cells joined by a tab; a cell with
   several paragraphs joins them with a space, a nested table's rows are flattened into the
   cell with spaces (but a table with a table of two rows or more in one of its cells is
   the form's frame: its cells' paragraphs and tables become lines of their own, cell
   after cell), a
   horizontally merged cell (gridSpan) counts once and a vertically
   merged continuation cell is an empty cell. Text boxes follow the paragraph they sit in.
   A table of contents' lines (paragraphs in a TOC style) are empty lines: they are the
   headings again, with page numbers.
   Empty paragraphs are lines too, so "line N" is the Nth paragraph/row/break piece.

Inside a paragraph: `w:tab` is a tab (forms arrive as tab-separated text), a no-break
hyphen is "-", inserted text is kept, deleted text, hidden (`w:vanish`) runs and field
codes (`w:instrText`) are not. Bold in a run's own formatting (`w:b`; `w:bCs` only bolds
complex scripts, so it does not count; styles are not consulted) becomes `**…**`, because
in these forms bold marks the chosen option: adjacent bold runs make one span, and
whitespace at a span's edges stays outside the markers. Checkboxes become ☒/☐ from their
XML state: Word 2010+ checkbox content controls (`w14:checked`, whatever glyph is drawn),
legacy FORMCHECKBOX fields (`w:checked`, else `w:default`), and Wingdings/Wingdings 2 box
symbols (see ooxml.SYMBOL_BOXES). Unfilled content controls (showing their placeholder,
"Klikk eller trykk her ...") give no text.

Everything is checked before anything is unpacked (see the MAX_DOCX_* limits), and the
XML is parsed without entity expansion or network access; any file that cannot be read
raises UnreadableReport with one line naming the file and the problem.
"""

from __future__ import annotations

import io
import lzma
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from kompetansekart.ingest.errors import UnreadableReport
from kompetansekart.ingest.readers import ooxml
from kompetansekart.ingest.readers.base import ReadResult, read_bytes
from kompetansekart.ingest.readers.docx_numbering import Numbering
from kompetansekart.ingest.readers.ooxml import R_NS, STRICT_W_NS, flag, glyph, w
from kompetansekart.ingest.records import Diagnostic, Line

_MB = 1024 * 1024
# A needs report is a few pages; images make a .docx bigger than its text ever would, so
# the file limit is larger than base.MAX_TEXT_BYTES, but a 100 MB "report" is something else.
MAX_DOCX_FILE_BYTES = 100 * _MB
# Sum of the declared uncompressed sizes of all entries: a zip bomb is refused on its
# directory alone (zipfile never returns more than an entry's declared size).
MAX_DOCX_UNPACKED_BYTES = 200 * _MB
# Any single XML part read (word/document.xml, headers, ...): 50 MB of XML is ~10 000 pages.
MAX_DOCX_PART_BYTES = 50 * _MB
# Word writes a few dozen entries, a few hundred with many images.
MAX_DOCX_ENTRIES = 10_000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage"
_MAIN_PART = "word/document.xml"
# Everything zipfile (and the decompressors under it) raises on a damaged archive.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    lzma.LZMAError,
    struct.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    KeyError,
)

_PAGE_MARK = "\x00"  # stands for a PAGE/NUMPAGES result in headers and footers
_PAGE_FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES"})
_PAGE_PHRASE = re.compile(
    rf"(?:\b(?:side|page|s\.)\s*)?{_PAGE_MARK}(?:\s*(?:av|of|/)\s*{_PAGE_MARK})?", re.I
)
_PAGE_ONLY = re.compile(r"(?:(?:side|page|s\.)\s*)?\d{1,3}(?:\s*(?:av|of|/)\s*\d{1,3})?", re.I)
_MARGIN_EDGES = " \t-–—|·,:"

# Inline containers whose runs are part of the text; w:del and w:moveFrom (deleted or
# moved-away text) are deliberately absent.
_INLINE_WRAPPERS = frozenset(
    w(tag) for tag in ("hyperlink", "smartTag", "ins", "moveTo", "customXml", "dir", "bdo")
)
_P, _R, _T, _TBL, _TR, _TC = (w(tag) for tag in ("p", "r", "t", "tbl", "tr", "tc"))
_SDT, _SDT_PR, _SDT_CONTENT, _CUSTOM_XML = (
    w(tag) for tag in ("sdt", "sdtPr", "sdtContent", "customXml")
)
_SECT_PR = w("sectPr")
_TXBX = w("txbxContent")
_MC_CHOICE = f"{{{ooxml.MC_NS}}}Choice"
_MC_FALLBACK = f"{{{ooxml.MC_NS}}}Fallback"
_ALTERNATE = f"{{{ooxml.MC_NS}}}AlternateContent"


def read(path: Path) -> ReadResult:
    raw = read_bytes(path, MAX_DOCX_FILE_BYTES)
    package = _Package.open(path, raw)
    try:
        lines, counts, warnings = _read_package(package)
    except RecursionError:
        raise UnreadableReport(path, "the Word document is nested too deeply to read") from None
    finally:
        package.close()
    diagnostics = [Diagnostic("warning", "docx", text, file=str(path)) for text in warnings]
    summary = counts.summary()
    if summary:
        diagnostics.append(Diagnostic("info", "docx", summary, file=str(path)))
    numbered = [Line(no, text, str(path)) for no, text in enumerate(lines, start=1)]
    return ReadResult(numbered, diagnostics, raw)


def _read_package(package: _Package) -> tuple[list[str], _Counts, list[str]]:
    root = package.main_document()
    body = root.find(w("body"))
    counts = _Counts()
    rels = package.rels(package.main)
    numbering = Numbering.from_parts(
        _related(package, rels, "/numbering"), _related(package, rels, "/styles")
    )
    lines = _Walker(counts, numbering=numbering).blocks(body) if body is not None else []
    warnings: list[str] = []
    even_pages = _even_and_odd_headers(package, rels)
    headers = _margins(package, root, rels, "header", even_pages, counts, warnings)
    footers = _margins(package, root, rels, "footer", even_pages, counts, warnings)
    return headers + lines + footers, counts, warnings


def _related(
    package: _Package, rels: dict[str, tuple[str, str]], kind: str
) -> etree._Element | None:
    """The main document's related part of one kind (its numbering, its styles)."""
    for rel_type, target in rels.values():
        if rel_type.endswith(kind) and package.has(target):
            return package.xml(target)
    return None


# -- the package ------------------------------------------------------------------------


@dataclass
class _Package:
    """The zip, checked before anything in it is decompressed."""

    path: Path
    zip: zipfile.ZipFile
    entries: dict[str, zipfile.ZipInfo]  # lower-cased part name -> entry
    main: str = _MAIN_PART

    @classmethod
    def open(cls, path: Path, raw: bytes) -> _Package:
        _refuse_non_zip(path, raw)
        try:
            archive = zipfile.ZipFile(io.BytesIO(raw))
            infos = archive.infolist()
        except _ZIP_ERRORS:
            raise UnreadableReport(
                path, "not a valid .docx: damaged or truncated zip archive"
            ) from None
        _check_limits(path, infos)
        entries = {_part_key(info.filename): info for info in infos}
        return cls(path, archive, entries)

    def close(self) -> None:
        self.zip.close()

    def has(self, name: str) -> bool:
        return _part_key(name) in self.entries

    def xml(self, name: str) -> etree._Element:
        info = self.entries[_part_key(name)]
        if info.file_size > MAX_DOCX_PART_BYTES:
            raise UnreadableReport(self.path, _too_big(f"{name} unpacks to", info.file_size))
        if info.flag_bits & 0x1:
            raise UnreadableReport(self.path, f"not a valid .docx: {name} is encrypted")
        try:
            with self.zip.open(info) as stream:
                data = stream.read(MAX_DOCX_PART_BYTES + 1)
        except _ZIP_ERRORS as exc:
            raise UnreadableReport(
                self.path, f"not a valid .docx: {name} is damaged ({type(exc).__name__})"
            ) from None
        try:
            return ooxml.parse_xml(data)
        except ooxml.XmlRefused as exc:
            raise UnreadableReport(self.path, f"{name}: {exc}") from None

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, target part name) of a part ("" for the package);
        external targets (web links) are left out."""
        folder, base = posixpath.split(part)
        name = posixpath.join(folder, "_rels", f"{base}.rels")
        if not self.has(name):
            return {}
        result = {}
        for rel in self.xml(name).iter(f"{{{ooxml.PKG_REL_NS}}}Relationship"):
            target = unquote(rel.get("Target") or "")
            if rel.get("TargetMode") == "External" or not target:
                continue
            if target.startswith("/"):
                resolved = target.lstrip("/")
            else:
                resolved = posixpath.normpath(posixpath.join(folder, target))
            result[rel.get("Id") or ""] = (rel.get("Type") or "", resolved)
        return result

    def main_document(self) -> etree._Element:
        for rel_type, target in self.rels("").values():
            if rel_type.endswith("/officeDocument") and self.has(target):
                self.main = target
                break
        if not self.has(self.main):
            self.main = _MAIN_PART
            raise UnreadableReport(self.path, self._not_word())
        root = self.xml(self.main)
        if root.tag == f"{{{STRICT_W_NS}}}document":
            raise UnreadableReport(
                self.path,
                "a Strict Open XML document: save it in Word as 'Word Document (*.docx)'",
            )
        if root.tag != w("document"):
            reason = self._not_word()
            if reason.endswith("(no word/document.xml)"):
                reason = f"not a Word document ({self.main} is not WordprocessingML)"
            raise UnreadableReport(self.path, reason)
        return root

    def _not_word(self) -> str:
        if self.has("xl/workbook.xml"):
            return "an Excel workbook, not a Word document"
        if self.has("ppt/presentation.xml"):
            return "a PowerPoint presentation, not a Word document"
        if self.has("content.xml") and self.has("mimetype"):
            return "an OpenDocument file (.odt?), not .docx: save it as .docx"
        return "not a Word document (no word/document.xml)"


def _part_key(name: str) -> str:
    """Part names are case-insensitive in OPC; some tools write backslashes."""
    return name.replace("\\", "/").lstrip("/").lower()


def _refuse_non_zip(path: Path, raw: bytes) -> None:
    """A clear reason for the usual impostors, decided from the first bytes alone."""
    if not raw.strip():
        raise UnreadableReport(path, "the file is empty")
    if raw.startswith(_OLE_MAGIC):
        encrypted = _ENCRYPTED_STREAM.encode("utf-16-le")
        if encrypted in raw or _ENCRYPTED_STREAM.encode("ascii") in raw:
            raise UnreadableReport(
                path, "a password-protected Word file: remove the password in Word and save"
            )
        raise UnreadableReport(path, "an old Word 97-2003 .doc, not .docx: save it as .docx")
    if raw.startswith(b"PK"):
        return
    head = raw[:1024].lstrip().lower()
    if head.startswith(b"{\\rtf"):
        reason = "an RTF file renamed to .docx: save it as .docx"
    elif head.startswith(b"%pdf"):
        reason = "a PDF renamed to .docx: rename it to .pdf"
    elif head.startswith((b"<!doctype html", b"<html")):
        reason = "a web page (HTML) renamed to .docx: save it as .docx"
    else:
        reason = "not a valid .docx: not a zip archive (a text file or other format renamed?)"
    raise UnreadableReport(path, reason)


def _check_limits(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_DOCX_ENTRIES:
        raise UnreadableReport(
            path,
            f"the .docx holds {len(infos)} zip entries; the limit is {MAX_DOCX_ENTRIES}",
        )
    total = sum(info.file_size for info in infos)
    if total > MAX_DOCX_UNPACKED_BYTES:
        raise UnreadableReport(path, _too_big("the .docx would unpack to", total, zip_bomb=True))
    for info in infos:
        if _part_key(info.filename) == _MAIN_PART and info.file_size > MAX_DOCX_PART_BYTES:
            raise UnreadableReport(path, _too_big(f"{_MAIN_PART} unpacks to", info.file_size))


def _too_big(what: str, size: int, zip_bomb: bool = False) -> str:
    limit = MAX_DOCX_UNPACKED_BYTES if zip_bomb else MAX_DOCX_PART_BYTES
    note = " (a zip bomb?)" if zip_bomb else ""
    return f"{what} {_mb(size)}, more than the {_mb(limit)} limit{note}"


def _mb(size: int) -> str:
    return f"{size / _MB:.1f} MB" if size < 10 * _MB else f"{size // _MB} MB"


# -- headers and footers ----------------------------------------------------------------


def _even_and_odd_headers(package: _Package, rels: dict[str, tuple[str, str]]) -> bool:
    for rel_type, target in rels.values():
        if rel_type.endswith("/settings") and package.has(target):
            return flag(package.xml(target), w("evenAndOddHeaders"))
    return False


def _margins(
    package: _Package,
    root: etree._Element,
    rels: dict[str, tuple[str, str]],
    kind: str,
    even_pages: bool,
    counts: _Counts,
    warnings: list[str],
) -> list[str]:
    """The lines of the header (or footer) parts, each distinct text once."""
    lines: list[str] = []
    seen_parts: set[str] = set()
    seen_texts: set[tuple[str, ...]] = set()
    for section in root.iter(_SECT_PR):
        if section.getparent() is not None and section.getparent().tag == w("sectPrChange"):
            continue  # the section as it was before a tracked change
        refs: dict[str, str] = {}
        for ref in section.findall(w(f"{kind}Reference")):
            refs.setdefault(ref.get(w("type")) or "default", ref.get(f"{{{R_NS}}}id") or "")
        shown = {"default": True, "first": flag(section, w("titlePg")), "even": even_pages}
        for page_kind in ("default", "first", "even"):
            rel = rels.get(refs.get(page_kind, ""))
            if not shown[page_kind] or rel is None or _part_key(rel[1]) in seen_parts:
                continue
            seen_parts.add(_part_key(rel[1]))
            if not package.has(rel[1]):
                warnings.append(f"the {kind} part {rel[1]} is missing; its text was not read")
                continue
            text = _margin_text(_Walker(counts, margin=True).blocks(package.xml(rel[1])))
            if text and tuple(text) not in seen_texts:
                seen_texts.add(tuple(text))
                lines.extend(text)
    return lines


def _margin_text(lines: list[str]) -> list[str]:
    """Header/footer lines without page numbers and blank lines."""
    kept = []
    for line in lines:
        if _PAGE_MARK in line:
            line = _PAGE_PHRASE.sub("", line).replace(_PAGE_MARK, "")
        core = line.replace("**", "").strip(_MARGIN_EDGES)
        if core and not _PAGE_ONLY.fullmatch(core):
            kept.append(line.strip(_MARGIN_EDGES))
    return kept


# -- the walk ---------------------------------------------------------------------------


@dataclass
class _Counts:
    """Checkboxes read, by kind, for the info diagnostic."""

    content_control: int = 0
    legacy: int = 0
    symbol: int = 0
    typed: int = 0

    def summary(self) -> str:
        kinds = [
            (self.content_control, "content control", "content controls"),
            (self.legacy, "legacy form field", "legacy form fields"),
            (self.symbol, "Wingdings symbol", "Wingdings symbols"),
            (self.typed, "typed ☒/☐ character", "typed ☒/☐ characters"),
        ]
        parts = [f"{n} {one if n == 1 else many}" for n, one, many in kinds if n]
        return f"checkboxes read from the Word file: {', '.join(parts)}" if parts else ""


@dataclass
class _Field:
    """One complex field (fldChar begin ... separate ... end) being walked."""

    instr: list[str] = field(default_factory=list)
    in_code: bool = True  # between begin and separate: the instruction, never shown
    hide_result: bool = False  # checkbox/dropdown (drawn at begin) or a page number


class _Walker:
    """Turns the block-level content of one part (body, header, footer) into lines."""

    def __init__(
        self, counts: _Counts, margin: bool = False, numbering: Numbering | None = None
    ) -> None:
        self.counts = counts
        self.numbering = numbering or Numbering()
        self.margin = margin  # in a header/footer: page-number fields become _PAGE_MARK
        self.fields: list[_Field] = []  # fields may span paragraphs (a table of contents)

    def blocks(self, parent: etree._Element) -> list[str]:
        lines: list[str] = []
        for child in parent.iterchildren(etree.Element):
            if child.tag == _P and _toc_entry(child):
                # a table of contents' line ('3.1 Tiltak 1: Lesing …<TAB>4'): the
                # headings again with their pages, not the report's text; an empty
                # line keeps the paragraphs' count (its fields still open and close)
                lines.extend("" for _ in self.paragraph(child)[:1])
                continue
            if child.tag == _P:
                found = self.paragraph(child)
                number = self.numbering.label(child)
                if number and found and found[0].strip():
                    found = [f"{number} {found[0].strip()}", *found[1:]]  # '2.1 Vurdering …'
                level = 0 if self.margin else _heading_level(child)
                if level and found and found[0].strip():
                    # a Word heading style: marked as a Markdown heading, which the
                    # document turns into the line's heading level
                    found = [f"{'#' * level} {found[0].strip()}", *found[1:]]
                lines.extend(found)
            elif child.tag == _TBL:
                lines.extend(self.table(child))
            elif child.tag == _SDT:
                lines.extend(self.block_sdt(child))
            elif child.tag == _CUSTOM_XML:
                lines.extend(self.blocks(child))
        return lines

    def block_sdt(self, sdt: etree._Element) -> list[str]:
        state = ooxml.sdt_checkbox(sdt)
        if state is not None:
            self.counts.content_control += 1
            return [glyph(state)]
        content = sdt.find(_SDT_CONTENT)
        if content is None or _showing_placeholder(sdt):
            return []
        return self.blocks(content)

    def paragraph(self, p: etree._Element) -> list[str]:
        text = _Text(self)
        text.walk(p)
        # A field's code never outlives its paragraph, nor does a checkbox or page
        # number; dropping them here keeps an unbalanced field from hiding the rest.
        self.fields = [f for f in self.fields if not (f.in_code or f.hide_result)]
        lines = text.lines()
        for box in text.textboxes:
            lines.extend(self.blocks(box))
        return lines

    def table(self, tbl: etree._Element) -> list[str]:
        rows = []
        trs = [tr for tr in _unwrapped(tbl, _TR) if tr.find(f"{w('trPr')}/{w('del')}") is None]
        cells = [[tc for tc in _unwrapped(tr, _TC) if not _merged_away(tc)] for tr in trs]
        # a table with a table inside one of its cells is the form's frame ('C Tiltak'
        # beside the part's text and its table of measures): its cells' paragraphs and
        # tables are the form's own lines, cell after cell
        # A table of three columns or more with a small table in one cell ('Fordeling UH'
        # holding each unit's share) is a table of data: the inner table is that cell's text.
        width = max((len(row) for row in cells), default=0)
        frame = width <= 2 and any(_holds_table(tc) for row in cells for tc in row)
        for row in cells:  # (a deleted row, a tracked change, is left out above)
            if frame:
                for tc in row:
                    rows.extend(self.blocks(tc))
            else:
                rows.append("\t".join(self.cell(tc) for tc in row))
        return rows

    def cell(self, tc: etree._Element) -> str:
        merge = tc.find(f"{w('tcPr')}/{w('vMerge')}")
        if merge is not None and merge.get(ooxml.VAL) != "restart":
            return ""  # continues the cell above
        parts = (line.replace("\t", " ").strip() for line in self.blocks(tc))
        return "; ".join(part for part in parts if part)


def _holds_table(tc: etree._Element) -> bool:
    """A cell with a table of its own inside it (two rows or more: a header and its
    rows, directly or in a content control); a one-row table in a cell is a part of
    that cell's text."""
    return any(len(list(_unwrapped(t, _TR))) >= 2 for t in tc.iter(_TBL))


_HEADING_STYLE = re.compile(r"^(?:heading|overskrift|rubrik|berschrift)\s*([1-6])$", re.I)


_TOC_STYLE = re.compile(r"^(?:toc|innh\w*|indh\w*|inneh\w*|contents)\s*\d$", re.I)


def _toc_entry(p: etree._Element) -> bool:
    """A paragraph in a table of contents' style ('TOC1', 'Innholdsfortegnelse 2')."""
    style = p.find(f"{w('pPr')}/{w('pStyle')}")
    return style is not None and bool(_TOC_STYLE.match((style.get(w("val")) or "").strip()))


def _heading_level(p: etree._Element) -> int:
    """The heading level a paragraph's style gives it ('Heading2', 'Overskrift 1',
    'Title'), 0 for a body paragraph."""
    style = p.find(f"{w('pPr')}/{w('pStyle')}")
    name = (style.get(w("val")) or "") if style is not None else ""
    if name.lower() in ("title", "tittel"):
        return 1
    m = _HEADING_STYLE.match(name.strip())
    return int(m.group(1)) if m else 0


def _unwrapped(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with `tag`, also those inside row/cell-level content controls and customXml."""
    for child in parent.iterchildren(etree.Element):
        if child.tag == tag:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _unwrapped(content, tag)
        elif child.tag == _CUSTOM_XML:
            yield from _unwrapped(child, tag)


def _merged_away(tc: etree._Element) -> bool:
    """A legacy horizontally merged continuation cell (`w:hMerge` without restart)."""
    merge = tc.find(f"{w('tcPr')}/{w('hMerge')}")
    return merge is not None and merge.get(ooxml.VAL) != "restart"


def _showing_placeholder(sdt: etree._Element) -> bool:
    return flag(sdt.find(_SDT_PR), w("showingPlcHdr"))


def _field_name(instr: str) -> str:
    words = instr.split()
    return words[0].upper() if words else ""


class _Text:
    """The runs of one paragraph: pieces of (text, bold), rendered into lines at the end."""

    def __init__(self, walker: _Walker) -> None:
        self.walker = walker
        self.counts = walker.counts
        self.pieces: list[tuple[str, bool]] = []
        self.textboxes: list[etree._Element] = []

    def emit(self, text: str, bold: bool = False) -> bool:
        """Add text unless a field code or a hidden field result is being walked."""
        if any(f.in_code or f.hide_result for f in self.walker.fields):
            return False
        for piece in re.split(r"([\t\n])", text):
            if piece:
                self.pieces.append((piece, bold and piece not in "\t\n"))
        return True

    def walk(self, parent: etree._Element) -> None:
        for child in parent.iterchildren(etree.Element):
            tag = child.tag
            if tag == _R:
                self.run(child)
            elif tag in _INLINE_WRAPPERS:
                self.walk(child)
            elif tag == w("fldSimple"):
                self.simple_field(child)
            elif tag == _SDT:
                self.inline_sdt(child)

    def inline_sdt(self, sdt: etree._Element) -> None:
        state = ooxml.sdt_checkbox(sdt)
        if state is not None:
            if self.emit(glyph(state)):
                self.counts.content_control += 1
            return
        content = sdt.find(_SDT_CONTENT)
        if content is not None and not _showing_placeholder(sdt):
            self.walk(content)

    def simple_field(self, fld: etree._Element) -> None:
        if self.walker.margin and _field_name(fld.get(w("instr")) or "") in _PAGE_FIELDS:
            self.emit(_PAGE_MARK)
        else:
            self.walk(fld)

    def run(self, r: etree._Element) -> None:
        props = r.find(w("rPr"))
        if flag(props, w("vanish")):
            return
        bold = flag(props, w("b"))
        font = _symbol_font(props)
        for child in r.iterchildren(etree.Element):
            tag = child.tag
            if tag == _T:
                self.text(child.text or "", bold, font)
            elif tag in (w("tab"), w("ptab")):
                self.emit("\t")
            elif tag in (w("br"), w("cr")):
                self.emit("\n")
            elif tag == w("noBreakHyphen"):
                self.emit("-", bold)
            elif tag == w("sym"):
                box = ooxml.sym_element(child)
                if box and self.emit(box):
                    self.counts.symbol += 1
            elif tag == w("fldChar"):
                self.fld_char(child)
            elif tag == w("instrText"):
                if self.walker.fields and self.walker.fields[-1].in_code:
                    self.walker.fields[-1].instr.append(child.text or "")
            elif tag in (w("drawing"), w("pict"), _ALTERNATE):
                self.textboxes.extend(_textboxes(child))

    def text(self, text: str, bold: bool, font: str | None) -> None:
        text = text.replace("\r", " ").replace("\n", " ")  # breaks are w:br, not characters
        if font is not None:  # typed in Wingdings: the letters are pictures
            boxes = "".join(ooxml.symbol_char(font, ord(char)) for char in text)
            if boxes and self.emit(boxes):
                self.counts.symbol += len(boxes)
            return
        if self.emit(text, bold):
            self.counts.typed += sum(char in ooxml.TYPED_BOXES for char in text)

    def fld_char(self, el: etree._Element) -> None:
        fields = self.walker.fields
        kind = el.get(w("fldCharType"))
        if kind == "begin":
            box = ooxml.legacy_checkbox(el)
            choice = ooxml.legacy_dropdown(el) if box is None else None
            if box is not None and self.emit(glyph(box)):
                self.counts.legacy += 1
            elif choice is not None:
                self.emit(choice)
            fields.append(_Field(hide_result=box is not None or choice is not None))
        elif kind == "separate" and fields:
            current = fields[-1]
            current.in_code = False
            if self.walker.margin and _field_name("".join(current.instr)) in _PAGE_FIELDS:
                self.emit(_PAGE_MARK)
                current.hide_result = True
        elif kind == "end" and fields:
            fields.pop()

    def lines(self) -> list[str]:
        lines: list[list[tuple[str, bool]]] = [[]]
        for piece in self.pieces:
            if piece[0] == "\n":
                lines.append([])
            else:
                lines[-1].append(piece)
        return [_render(line) for line in lines]


def _render(pieces: list[tuple[str, bool]]) -> str:
    """Join pieces, wrapping each run of bold pieces in ** with edge whitespace outside."""
    out: list[str] = []
    i = 0
    while i < len(pieces):
        bold = pieces[i][1]
        j = i
        while j < len(pieces) and pieces[j][1] == bold:
            j += 1
        text = "".join(piece[0] for piece in pieces[i:j])
        core = text.strip()
        if bold and core:
            start = text.index(core)
            out.append(f"{text[:start]}**{core}**{text[start + len(core) :]}")
        else:
            out.append(text)
        i = j
    return "".join(out)


def _symbol_font(props: etree._Element | None) -> str | None:
    """The symbol font a run's text is typed in (its ASCII font decides), if any."""
    fonts = props.find(w("rFonts")) if props is not None else None
    if fonts is None:
        return None
    return ooxml.symbol_font(fonts.get(w("ascii")) or fonts.get(w("hAnsi")))


def _textboxes(el: etree._Element) -> list[etree._Element]:
    """The outermost text box contents in a drawing; of an mc:AlternateContent only the
    first choice is read, because the fallback repeats the same text box in VML."""
    if el.tag == _ALTERNATE:
        chosen = el.find(_MC_CHOICE)
        if chosen is None:
            chosen = el.find(_MC_FALLBACK)
        return _textboxes(chosen) if chosen is not None else []
    found = []
    for child in el.iterchildren(etree.Element):
        if child.tag == _TXBX:
            found.append(child)
        else:
            found.extend(_textboxes(child))
    return found


__all__ = [
    "MAX_DOCX_ENTRIES",
    "MAX_DOCX_FILE_BYTES",
    "MAX_DOCX_PART_BYTES",
    "MAX_DOCX_UNPACKED_BYTES",
    "read",
]
