"""Excel (.xlsx): the cells of a workbook as tab-separated lines, one sheet after another.

What becomes a line, numbered 1, 2, 3 ... in this order (`Line.no`; `Line.file` is the
path of the workbook):

1. For each sheet, in the workbook's tab order, first a **sheet line**: ``Ark: `` and the
   sheet's name, nothing else (``Ark: Budsjett``; "Ark" is what Norwegian Excel calls a
   sheet). It has no tab.
2. Then one **row line** per row that has at least one non-empty cell, top to bottom: the
   cells from column A on joined by a tab (``Tiltak 1\\t250000\\t400000\\t650000``). Empty
   cells are empty strings between the tabs, so a value stays in its column's position;
   empty cells at the end of a row are left out. Rows with no value at all are not lines.
   Hidden rows and columns are read like the others (they hold data).

So line N of an .xlsx is the Nth line emitted, and no line carries markup saying which cell
it came from. To find the cell, each sheet gets an info diagnostic (code "xlsx", `line` set
to the sheet line) that maps its lines to its rows exactly, for example
``sheet 'Budsjett': line 1 names the sheet; lines 2–8 are rows 1–2, 4–8`` (the k-th line
after the sheet line is the k-th row listed). A sheet line is also marked as a heading
(`Line.heading` 1), so a downstream reader tells it from a row whose only cell happens to
start with "Ark: ".

Hidden (and "very hidden") sheets are skipped with an info diagnostic, as are chart sheets,
which have no cells. A workbook with no value in any sheet read is refused like an empty
text file. A **merged** range gives its value in its first (top-left) cell; the
other cells of the range are empty, even if a tool left a value in them (Excel shows none).

**Cell values** are written as a Norwegian user reads them, but without grouping, so the
amount parser sees plain numbers:

* integers as plain digits (``250000``, ``-1500``); floats that are whole numbers as
  integers (``250000.0`` -> ``250000``); other floats with a decimal comma (``12,5``),
  rounded to Excel's 15 significant digits (``0.1 + 0.2`` -> ``0,3``) and never in
  exponent form. The number format's grouping, decimals and currency are not applied.
* a number whose number format has ``%`` as a percentage with a decimal comma and a space
  before the sign, as Norwegian writes it, at full precision (``0.125`` -> ``12,5 %``).
* dates as ISO ``YYYY-MM-DD``; a date with a time of day as ``YYYY-MM-DD HH:MM`` (``:SS``
  when the seconds are not zero); a time alone as ``HH:MM``; a duration as ``H:MM:SS``.
* booleans as ``Ja`` / ``Nei``, the words the forms use for their checkboxes (Excel would
  show SANN/USANN or TRUE/FALSE, which nothing downstream understands).
* text as typed, with line breaks and tabs inside a cell turned into one space (a tab
  would shift the columns) and spaces at its ends removed.
* error values (``#DIV/0!``, ``#REF!``) as the error text, with a warning naming the cell.
* **formulas**: the result Excel stored when it last saved the file (the workbook is opened
  with ``data_only=True``). A formula cell with no stored result (a file written by a
  program and never opened in Excel) is an empty cell, and a warning names the sheet and
  cell: "formula with no stored result in Budsjett!E9: open and save the file in Excel, or
  type the value". The formula is never computed here. A stored result can be stale or
  made up by the writing program (XlsxWriter stores 0 unless told otherwise); that cannot
  be seen from the file.

**Limits**, checked before anything is unpacked, the way docx.py checks its zip: the file
size, the number of zip entries, the total unpacked size and the unpacked/packed ratio of
each large entry (a zip bomb is refused on the archive's directory alone), and the size of
each XML part. Then at most MAX_XLSX_SHEETS sheets (hidden ones count), and per sheet read
at most MAX_XLSX_ROWS rows with values and values in at most MAX_XLSX_COLUMNS columns. A
needs report's budget is a few dozen rows and a handful of columns; a workbook past these
limits is a data export, not a report. A full sheet at the limits (2 million cells) takes
about ten seconds; a sheet of a million rows would hold a batch up for many minutes.

Every XML part is checked for a DTD (``<!DOCTYPE``) before any parser sees it: Excel never
writes one, and without a DTD there is no entity to expand (no "billion laughs") and no
external entity to fetch. Any file that cannot be read raises UnreadableReport with one
line naming the file and the problem: an encrypted workbook, an old .xls renamed to .xlsx,
a damaged zip, another kind of file renamed.
"""

from __future__ import annotations

import datetime as dt
import io
import lzma
import posixpath
import re
import struct
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any
from urllib.parse import unquote

from lxml import etree
from openpyxl import load_workbook
from openpyxl.cell.read_only import EMPTY_CELL
from openpyxl.utils.cell import get_column_letter, range_boundaries

from kompetansekart.ingest.errors import UnreadableReport
from kompetansekart.ingest.readers import ooxml
from kompetansekart.ingest.readers.base import ReadResult, read_bytes
from kompetansekart.ingest.readers.long_table import long_lines
from kompetansekart.ingest.records import Diagnostic, Level, Line

_MB = 1024 * 1024
# A needs report's budget is a few kilobytes; images and pivot caches make workbooks
# bigger, but a 100 MB "report" is something else.
MAX_XLSX_FILE_BYTES = 100 * _MB
# Sum of the declared uncompressed sizes of all entries: a zip bomb is refused on its
# directory alone (zipfile never returns more than an entry's declared size).
MAX_XLSX_UNPACKED_BYTES = 200 * _MB
# An entry larger than _RATIO_FLOOR that unpacks to more than this many times its packed
# size is refused too. Deflate tops out near 1030x on runs of one byte; real sheet XML is
# 5-50x, so only a padded file gets near 500x.
MAX_XLSX_RATIO = 500
_RATIO_FLOOR = 1 * _MB
# Any single XML part (a worksheet, the shared strings): a full sheet at the row and column
# limits below (10,000 x 200 numbers) is ~70 MB of XML.
MAX_XLSX_PART_BYTES = 100 * _MB
# Excel writes a few dozen entries, a few hundred with many images.
MAX_XLSX_ENTRIES = 10_000
# Sheets in the workbook, hidden ones included.
MAX_XLSX_SHEETS = 50
# Per sheet read: rows with at least one value, and the last column holding a value.
MAX_XLSX_ROWS = 10_000
MAX_XLSX_COLUMNS = 200
# Per sheet and kind, cells named one by one in warnings; the rest are counted.
_MAX_NAMED_CELLS = 20

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage"
_DOCTYPE_MARKERS = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_CHUNK = _MB
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

S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_S_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
_WORKBOOK_PART = "xl/workbook.xml"
_ROW, _F, _V, _MERGE_CELL, _COL = (
    f"{{{S_NS}}}{tag}" for tag in ("row", "f", "v", "mergeCell", "col")
)
_XML_SUFFIXES = (".xml", ".rels", ".vml")
# Result types of a formula whose empty <v> is a stored result (the empty string).
_TEXT_TYPES = frozenset({"str", "s", "inlineStr"})
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # literal text, escapes, [colours]/[locales]
_PLAIN_SHEET_NAME = re.compile(r"[^\W\d]\w*")
_CELL_BREAKS = re.compile(r"\s*[\t\r\n\v\f]+\s*")


def s(name: str) -> str:
    """Clark name of a SpreadsheetML element: s("c") -> {ns}c."""
    return f"{{{S_NS}}}{name}"


def read(path: Path) -> ReadResult:
    raw = read_bytes(path, MAX_XLSX_FILE_BYTES)
    package = _Package.open(path, raw)
    try:
        sheet_parts = package.check()
        reader = _Reader(path, package, sheet_parts)
        reader.read(raw)
    finally:
        package.close()
    numbered = [
        Line(no, text, str(path), 1 if no in reader.sheet_lines else 0)
        for no, text in enumerate(reader.lines, start=1)
    ]
    return ReadResult(long_lines(numbered), reader.diagnostics, raw)


# -- the package ------------------------------------------------------------------------


@dataclass
class _Package:
    """The zip, checked before anything in it is decompressed."""

    path: Path
    zip: zipfile.ZipFile
    entries: dict[str, zipfile.ZipInfo]  # lower-cased part name -> entry

    @classmethod
    def open(cls, path: Path, raw: bytes) -> _Package:
        _refuse_non_zip(path, raw)
        try:
            archive = zipfile.ZipFile(io.BytesIO(raw))
            infos = archive.infolist()
        except _ZIP_ERRORS:
            raise UnreadableReport(
                path, "not a valid .xlsx: damaged or truncated zip archive"
            ) from None
        _check_limits(path, infos)
        return cls(path, archive, {_part_key(info.filename): info for info in infos})

    def close(self) -> None:
        self.zip.close()

    def has(self, name: str) -> bool:
        return _part_key(name) in self.entries

    def check(self) -> dict[str, str]:
        """Refuse DTDs and damage in every XML part, make sure this is a workbook, and
        return sheet name -> worksheet part name."""
        for key, info in self.entries.items():
            if key.endswith(_XML_SUFFIXES):
                self.scan(info)
        main = self.main_part()
        root = self.xml(main)
        if root.tag == f"{{{STRICT_S_NS}}}workbook":
            raise UnreadableReport(
                self.path,
                "a Strict Open XML spreadsheet: save it in Excel as 'Excel Workbook (*.xlsx)'",
            )
        if root.tag != s("workbook"):
            reason = self._not_excel()
            if reason.endswith("(no xl/workbook.xml)"):
                reason = f"not an Excel workbook ({main} is not SpreadsheetML)"
            raise UnreadableReport(self.path, reason)
        sheets = root.findall(f"{s('sheets')}/{s('sheet')}")
        if len(sheets) > MAX_XLSX_SHEETS:
            raise UnreadableReport(
                self.path,
                f"the workbook has {len(sheets)} sheets; the limit is {MAX_XLSX_SHEETS}",
            )
        rels = self.rels(main)
        parts = {}
        for sheet in sheets:
            _, target = rels.get(sheet.get(f"{{{ooxml.R_NS}}}id") or "", ("", ""))
            if target and self.has(target):
                parts[sheet.get("name") or ""] = target
                if not _part_key(target).endswith(_XML_SUFFIXES):
                    self.scan(self.entries[_part_key(target)])  # openpyxl parses it as XML
        return parts

    def main_part(self) -> str:
        for rel_type, target in self.rels("").values():
            if rel_type.endswith("/officeDocument") and self.has(target):
                main = target
                break
        else:
            main = _WORKBOOK_PART
        if _part_key(main).endswith(".bin"):
            raise UnreadableReport(
                self.path, "an Excel binary workbook (.xlsb), not .xlsx: save it as .xlsx"
            )
        if not self.has(main):
            raise UnreadableReport(self.path, self._not_excel())
        return main

    def _not_excel(self) -> str:
        if self.has("word/document.xml"):
            return "a Word document, not an Excel workbook: rename it to .docx"
        if self.has("ppt/presentation.xml"):
            return "a PowerPoint presentation, not an Excel workbook"
        if self.has("content.xml") and self.has("mimetype"):
            return "an OpenDocument file (.ods?), not .xlsx: save it as .xlsx"
        return "not an Excel workbook (no xl/workbook.xml)"

    def open_part(self, info: zipfile.ZipInfo) -> IO[bytes]:
        if info.file_size > MAX_XLSX_PART_BYTES:
            raise UnreadableReport(
                self.path, _too_big(f"{info.filename} unpacks to", info.file_size)
            )
        if info.flag_bits & 0x1:
            raise UnreadableReport(self.path, f"not a valid .xlsx: {info.filename} is encrypted")
        return self.zip.open(info)

    def scan(self, info: zipfile.ZipInfo) -> None:
        """Read a part through (a damaged entry fails its CRC here) and refuse a DTD."""
        try:
            with self.open_part(info) as stream:
                tail = b""
                while chunk := stream.read(_CHUNK):
                    window = tail + chunk
                    if any(marker in window for marker in _DOCTYPE_MARKERS):
                        raise UnreadableReport(
                            self.path,
                            f"{info.filename} declares a DTD (<!DOCTYPE>), which Excel never "
                            "writes; refused for safety",
                        )
                    tail = window[-32:]
        except _ZIP_ERRORS as exc:
            raise self.damaged(info.filename, exc) from None

    def damaged(self, name: str, exc: Exception) -> UnreadableReport:
        return UnreadableReport(
            self.path, f"not a valid .xlsx: {name} is damaged ({type(exc).__name__})"
        )

    def xml(self, name: str) -> etree._Element:
        info = self.entries[_part_key(name)]
        try:
            with self.open_part(info) as stream:
                data = stream.read(MAX_XLSX_PART_BYTES + 1)
        except _ZIP_ERRORS as exc:
            raise self.damaged(name, exc) from None
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

    def scan_sheet(self, part: str) -> _SheetScan:
        """What openpyxl's read-only mode does not tell: which formula cells have no stored
        result, and the merged ranges. One streaming pass; the DTD check already ran."""
        scan = _SheetScan()
        info = self.entries[_part_key(part)]
        row_no = 0
        formulas: list[etree._Element] = []  # the <c> of each <f> in the current row
        try:
            with self.open_part(info) as stream:
                events = etree.iterparse(
                    stream,
                    events=("start", "end"),
                    tag=(_ROW, _F, _MERGE_CELL, _COL),  # lxml skips the others in C
                    resolve_entities=False,
                    no_network=True,
                    load_dtd=False,
                    huge_tree=False,
                )
                for event, el in events:
                    if el.tag == _ROW:
                        if event == "start":
                            row_no = _row_number(el, row_no)
                            if el.get("hidden") in ("1", "true"):
                                scan.hidden_rows.add(row_no)
                            continue
                        # The row is complete: each formula cell's <v> (after its <f>) too.
                        scan.no_result.extend(
                            _position(c, row_no) for c in formulas if _without_result(c)
                        )
                        formulas.clear()
                        el.clear()
                        while el.getprevious() is not None:
                            del el.getparent()[0]
                    elif event == "end" and el.tag == _F:
                        formulas.append(el.getparent())
                    elif event == "end" and el.tag == _COL:
                        if el.get("hidden") in ("1", "true"):
                            scan.hidden_cols.update(_col_span(el))
                    elif event == "end":
                        bounds = _range(el.get("ref"))
                        if bounds:
                            scan.merges.append(bounds)
        except etree.LxmlError as exc:
            raise UnreadableReport(
                self.path, f"not a valid .xlsx: {part} is malformed XML ({exc})"
            ) from None
        except _ZIP_ERRORS as exc:
            raise self.damaged(part, exc) from None
        return scan


_FIELD_LINE = re.compile(r"^[^:\n]{2,40}:\s*\S")


def _field_lines(value: str) -> list[str] | None:
    """A cell typed as several 'Label: value' lines (Alt+Enter between them): its lines,
    each a field; None for a cell of running text broken over lines."""
    lines = [line.strip() for line in value.splitlines() if line.strip()]
    fields = sum(1 for line in lines if _FIELD_LINE.match(line))
    return lines if len(lines) >= 2 and fields >= 2 else None


def _drop_leading_blank_columns(lines: list[str], start: int) -> None:
    """A sheet laid out from column B (column A a margin): the columns empty on every row
    of the sheet are no cells of its tables, whose first column is the first one filled."""
    body = lines[start:]
    lead = min((len(line) - len(line.lstrip("\t")) for line in body), default=0)
    if lead:
        lines[start:] = [line[lead:] for line in body]


def _part_key(name: str) -> str:
    """Part names are case-insensitive in OPC; some tools write backslashes."""
    return name.replace("\\", "/").lstrip("/").lower()


def _refuse_non_zip(path: Path, raw: bytes) -> None:
    """A clear reason for the usual impostors, decided from the first bytes alone."""
    if not raw.strip():
        raise UnreadableReport(path, "the file is empty")
    if raw.startswith(_OLE_MAGIC):
        # An encrypted .xlsx is an OLE container holding the zip as an EncryptedPackage
        # stream; any other OLE file with an .xlsx name is a Excel 97-2003 workbook.
        encrypted = _ENCRYPTED_STREAM.encode("utf-16-le")
        if encrypted in raw or _ENCRYPTED_STREAM.encode("ascii") in raw:
            raise UnreadableReport(path, "encrypted workbook: needs a password")
        raise UnreadableReport(path, "not an .xlsx workbook (old .xls format?): save it as .xlsx")
    if raw.startswith(b"PK"):
        return
    head = raw[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf"):
        reason = "a PDF renamed to .xlsx: rename it to .pdf"
    elif head.startswith((b"<!doctype html", b"<html", b"<table")):
        reason = "a web page (HTML) renamed to .xlsx: open it in Excel and save it as .xlsx"
    elif (
        head.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in raw[:4096]
    ):
        reason = "an Excel 2003 XML spreadsheet, not .xlsx: open it in Excel and save it as .xlsx"
    elif head.startswith(b"{\\rtf"):
        reason = "an RTF file renamed to .xlsx"
    else:
        reason = "not a valid .xlsx: not a zip archive (a CSV or text file renamed?)"
    raise UnreadableReport(path, reason)


def _check_limits(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_XLSX_ENTRIES:
        raise UnreadableReport(
            path, f"the .xlsx holds {len(infos)} zip entries; the limit is {MAX_XLSX_ENTRIES}"
        )
    total = sum(info.file_size for info in infos)
    if total > MAX_XLSX_UNPACKED_BYTES:
        raise UnreadableReport(
            path,
            f"the .xlsx would unpack to {_mb(total)}, more than the "
            f"{_mb(MAX_XLSX_UNPACKED_BYTES)} limit (a zip bomb?)",
        )
    for info in infos:
        packed = max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_XLSX_RATIO * packed:
            raise UnreadableReport(
                path,
                f"{info.filename} would unpack to {_mb(info.file_size)}, "
                f"{info.file_size // packed}x its packed size; the limit is "
                f"{MAX_XLSX_RATIO}x (a zip bomb?)",
            )


def _too_big(what: str, size: int) -> str:
    return f"{what} {_mb(size)}, more than the {_mb(MAX_XLSX_PART_BYTES)} limit"


def _mb(size: int) -> str:
    return f"{size / _MB:.1f} MB" if size < 10 * _MB else f"{size // _MB} MB"


# -- the sheet scan ---------------------------------------------------------------------


@dataclass
class _SheetScan:
    no_result: list[tuple[int, int]] = field(default_factory=list)  # (row, column)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # rows/cols 1-based
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)


def _col_span(col: etree._Element) -> range:
    low, high = col.get("min", ""), col.get("max", "")
    if not (low.isdecimal() and high.isdecimal()) or int(high) - int(low) > 16384:
        return range(0)
    return range(int(low), int(high) + 1)


def _row_number(row: etree._Element, previous: int) -> int:
    number = row.get("r")
    return int(number) if number and number.isdecimal() else previous + 1


_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")


def _cell_ref(ref: str | None) -> tuple[int, int] | None:
    """(row, column) of "E9", or None when absent or not a cell reference."""
    match = _REF.fullmatch(ref or "")
    if not match:
        return None
    column = 0
    for char in match.group(1).upper():
        column = column * 26 + ord(char) - ord("A") + 1
    return int(match.group(2)), column


def _range(ref: str | None) -> tuple[int, int, int, int] | None:
    """(first row, first column, last row, last column) of "A1:D1"."""
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref or "")
    except (ValueError, TypeError):
        return None
    if None in (min_col, min_row, max_col, max_row):
        return None
    return min_row, min_col, max_row, max_col


def _position(c: etree._Element, row_no: int) -> tuple[int, int]:
    """(row, column) of a cell: its reference, or (rarely written) the cell after the last
    one in the row that has a reference."""
    ref = _cell_ref(c.get("r"))
    if ref:
        return ref
    steps, before = 1, c.getprevious()
    while before is not None:
        known = _cell_ref(before.get("r"))
        if known:
            return row_no, known[1] + steps
        steps, before = steps + 1, before.getprevious()
    return row_no, steps


def _without_result(c: etree._Element) -> bool:
    """A formula cell whose <v> is missing or empty. An empty <v> on a text-typed result
    (t="str") is a stored empty string (=HVIS(A1="";"";...)), not a missing result."""
    value = c.find(_V)
    if value is not None and value.text:
        return False
    return (c.get("t") or "n") not in _TEXT_TYPES


class _Merges:
    """The merged ranges, asked row by row from the top: is this cell covered by a range
    that starts elsewhere (and so shows nothing)?"""

    def __init__(self, ranges: list[tuple[int, int, int, int]]) -> None:
        self.ranges = ranges
        self.pending = sorted(ranges, reverse=True)  # pop() gives the topmost
        self.active: list[tuple[int, int, int, int]] = []
        self.row = 0

    def at(self, row: int) -> None:
        self.row = row
        while self.pending and self.pending[-1][0] <= row:
            self.active.append(self.pending.pop())
        self.active = [r for r in self.active if r[2] >= row]

    def covered(self, column: int) -> bool:
        return any(
            r[1] <= column <= r[3] and (r[0], r[1]) != (self.row, column) for r in self.active
        )

    def covered_cell(self, row: int, column: int) -> bool:
        return any(
            r[0] <= row <= r[2] and r[1] <= column <= r[3] and (r[0], r[1]) != (row, column)
            for r in self.ranges
        )


# -- the workbook -----------------------------------------------------------------------


class _Reader:
    def __init__(self, path: Path, package: _Package, sheet_parts: dict[str, str]) -> None:
        self.path = path
        self.package = package
        self.sheet_parts = sheet_parts
        self.lines: list[str] = []
        self.sheet_lines: set[int] = set()  # line numbers of the sheet lines
        self.diagnostics: list[Diagnostic] = []
        self.rows = 0  # row lines, all sheets

    def note(self, level: Level, message: str, line: int | None = None) -> None:
        self.diagnostics.append(Diagnostic(level, "xlsx", message, line=line, file=str(self.path)))

    @contextmanager
    def openpyxl(self, what: str) -> Iterator[None]:
        """openpyxl's own errors on a broken file, as one line; its warnings (about
        features it drops, like data validation) are about nothing this reader uses."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                yield
        except UnreadableReport:
            raise
        except Exception as exc:
            detail = str(exc).splitlines()[0][:200] if str(exc) else ""
            kind = type(exc).__name__ + (f": {detail}" if detail else "")
            raise UnreadableReport(
                self.path, f"not a valid .xlsx: {what} could not be read ({kind})"
            ) from None

    def read(self, raw: bytes) -> None:
        with self.openpyxl("the workbook"):
            workbook = load_workbook(
                io.BytesIO(raw), read_only=True, data_only=True, keep_links=False
            )
        hidden = 0
        try:
            for name in workbook.sheetnames:
                sheet = workbook[name]
                if not hasattr(sheet, "iter_rows"):
                    self.note("info", f"chart sheet '{name}' has no cells; not read")
                elif sheet.sheet_state != "visible":
                    hidden += 1
                    how = "very hidden" if sheet.sheet_state == "veryHidden" else "hidden"
                    self.note("info", f"sheet '{name}' is {how}; not read")
                elif name not in self.sheet_parts:
                    self.note("warning", f"sheet '{name}' has no part in the file; not read")
                else:
                    self.sheet(sheet, name)
        finally:
            workbook.close()
        if self.rows == 0:
            where = "in its visible sheets" if hidden else "(every sheet is empty)"
            raise UnreadableReport(self.path, f"the workbook has no values {where}")

    def sheet(self, sheet: Any, name: str) -> None:
        scan = self.package.scan_sheet(self.sheet_parts[name])
        merges = _Merges(scan.merges)
        self.lines.append(f"Ark: {name}")
        sheet_line = len(self.lines)
        self.sheet_lines.add(sheet_line)
        rows: list[int] = []
        row_lines: dict[int, int] = {}
        errors: list[tuple[str, str, int]] = []
        hidden: list[int] = []  # hidden rows and columns that hold values: not read, said so
        hidden_cells: set[int] = set()
        sheet.reset_dimensions()  # the stored dimension can be wrong; read every row
        with self.openpyxl(f"sheet '{name}'"):
            for row_no, row in enumerate(sheet.iter_rows(), start=1):
                merges.at(row_no)
                if row_no in scan.hidden_rows:
                    if any(c is not EMPTY_CELL and c.value is not None for c in row):
                        hidden.append(row_no)
                    continue
                cells = []
                packed: dict[int, list[str]] = {}  # a cell's own lines, when they are fields
                for col_no, cell in enumerate(row, start=1):
                    if (
                        col_no in scan.hidden_cols
                        and cell is not EMPTY_CELL
                        and cell.value is not None
                    ):
                        hidden_cells.add(col_no)
                        cells.append("")
                        continue
                    if cell is EMPTY_CELL or cell.value is None or merges.covered(col_no):
                        cells.append("")
                        continue
                    value = cell.value
                    number = type(value) in (int, float)  # only numbers need their format
                    if isinstance(value, str) and "\n" in value:
                        inner = _field_lines(value)
                        if inner is not None:
                            packed[len(cells)] = inner
                    cells.append(cell_text(value, cell.number_format if number else None))
                    if cell.data_type == "e":
                        errors.append((cells[-1], _ref(name, row_no, col_no), row_no))
                while cells and not cells[-1]:
                    cells.pop()
                if not cells:
                    continue
                if len(cells) > MAX_XLSX_COLUMNS:
                    raise UnreadableReport(
                        self.path,
                        f"sheet '{name}' has a value in column {get_column_letter(len(cells))} "
                        f"(row {row_no}); the limit is {MAX_XLSX_COLUMNS} columns",
                    )
                if len(rows) == MAX_XLSX_ROWS:
                    raise UnreadableReport(
                        self.path,
                        f"sheet '{name}' has more than {MAX_XLSX_ROWS} rows with values, the "
                        "limit for a report (a data export?)",
                    )
                if packed:
                    # 'Tiltak 1 | Navn: …⏎Målgruppe: … | Eier: …⏎INN: …': each field a line,
                    # under the row's own cells, as the form it is written as
                    self.lines += [c for k, c in enumerate(cells) if c and k not in packed]
                    self.lines += [line for k in sorted(packed) for line in packed[k]]
                else:
                    self.lines.append("\t".join(cells))
                self.rows += 1
                rows.append(row_no)
                row_lines[row_no] = len(self.lines)
        _drop_leading_blank_columns(self.lines, sheet_line)
        self.map_note(name, sheet_line, rows)
        if hidden or hidden_cells:
            what = []
            if hidden:
                what.append("rows " + ", ".join(map(str, hidden)))
            if hidden_cells:
                what.append(
                    "columns " + ", ".join(get_column_letter(c) for c in sorted(hidden_cells))
                )
            self.note(
                "warning",
                f"sheet '{name}': {' and '.join(what)} are hidden and hold values; not read "
                "(show them in Excel if they belong to the report)",
                sheet_line,
            )
        self.warn_cells(
            name,
            [
                (
                    f"formula with no stored result in {_ref(name, r, c)}: open and save the "
                    "file in Excel, or type the value",
                    row_lines.get(r),
                )
                for r, c in sorted(scan.no_result)
                if not merges.covered_cell(r, c)
            ],
            "formula cells with no stored result",
        )
        self.warn_cells(
            name,
            [
                (f"error value {value} in {ref}: the formula has no usable result", row_lines[r])
                for value, ref, r in errors
            ],
            "error values",
        )

    def map_note(self, name: str, sheet_line: int, rows: list[int]) -> None:
        if not rows:
            self.note(
                "info",
                f"sheet '{name}': line {sheet_line} names the sheet; it has no values",
                sheet_line,
            )
            return
        first, last = sheet_line + 1, max(sheet_line + len(rows), len(self.lines))
        lines = f"line {first} is row" if first == last else f"lines {first}–{last} are rows"
        self.note(
            "info",
            f"sheet '{name}': line {sheet_line} names the sheet; {lines} {_spans(rows)}",
            sheet_line,
        )

    def warn_cells(self, name: str, items: list[tuple[str, int | None]], what: str) -> None:
        for message, line in items[:_MAX_NAMED_CELLS]:
            self.note("warning", message, line)
        rest = len(items) - _MAX_NAMED_CELLS
        if rest > 0:
            self.note("warning", f"... and {rest} more {what} in sheet '{name}'")


def _ref(sheet: str, row: int, column: int) -> str:
    """An Excel reference: Budsjett!E9, 'Mitt ark'!E9."""
    name = sheet if _PLAIN_SHEET_NAME.fullmatch(sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{get_column_letter(column)}{row}"


def _spans(numbers: list[int]) -> str:
    """[1, 2, 4, 5, 6] -> "1–2, 4–6"."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


# -- cell values ------------------------------------------------------------------------


def cell_text(value: object, number_format: str | None = None) -> str:
    """A cell's value as the text of its place in a row line (see the module docstring)."""
    if isinstance(value, bool):
        return "Ja" if value else "Nei"
    if isinstance(value, int | float):
        if _is_percent(number_format):
            return f"{_decimal(_exact(value) * 100)} %"
        return str(value) if isinstance(value, int) else _decimal(_exact(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M" + (":%S" if value.second else ""))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M" + (":%S" if value.second else ""))
    if isinstance(value, dt.timedelta):
        seconds = round(value.total_seconds())
        sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
        return f"{sign}{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return _CELL_BREAKS.sub(" ", str(value)).strip()


def _exact(value: int | float) -> Decimal:
    """The number Excel shows: floats to 15 significant digits (0.1 + 0.2 -> 0.3)."""
    return Decimal(value) if isinstance(value, int) else Decimal(f"{value:.15g}")


def _decimal(number: Decimal) -> str:
    """Plain digits, a decimal comma, no exponent, no trailing zeros."""
    text = format(number.normalize(), "f")
    if text in ("-0", "-0.0"):
        text = "0"
    return text.replace(".", ",")


def _is_percent(number_format: str | None) -> bool:
    return bool(number_format) and "%" in _QUOTED.sub("", number_format or "")


__all__ = [
    "MAX_XLSX_COLUMNS",
    "MAX_XLSX_ENTRIES",
    "MAX_XLSX_FILE_BYTES",
    "MAX_XLSX_PART_BYTES",
    "MAX_XLSX_RATIO",
    "MAX_XLSX_ROWS",
    "MAX_XLSX_SHEETS",
    "MAX_XLSX_UNPACKED_BYTES",
    "cell_text",
    "read",
]
