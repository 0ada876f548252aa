"""PDF: the text layer of a needs report, as lines the layout parsers can read.

What "line N" means for a PDF: the text lines as extracted, counted 1, 2, 3, ... page after
page over the whole document. A line is a paragraph with its wrapping undone, or one row
of a ruled table (cells separated by tabs); page numbers and repeated running headers are
not lines. So line N is the N-th text line of the document, not the N-th visual line of a
page, and a provenance "line 12" may be on page 2.

The work is split in small modules:

* this one: the limits and the checks on the file itself (size, header, end marker);
  pdfplumber is imported only when a PDF is read (it costs 80 ms at every CLI start);
* `pdf_document`: the document opened (page limit, encryption), the pages read in turn,
  and the diagnostics;
* `pdf_errors`: pdfminer's exceptions as one-line `UnreadableReport` reasons, its logged
  warnings as a diagnostic;
* `pdf_chars`: glyphs to text (spaces, column tabs, ``**bold**``, ligatures, accents);
* `pdf_layout`: a page to ordered lines and ruled-table rows;
* `pdf_flow`: running headers/footers removed, wrapped paragraphs joined;
* `pdf_turn`: pages whose text runs sideways or upside down turned to read;
* `pdf_fields`: the values of filled-in form fields (kept outside the page text).

Refused, each with one clear reason: files above `MAX_PDF_BYTES`; documents with more
than `MAX_PAGES` pages (checked before any text is extracted); empty files; files without
a ``%PDF-`` header; truncated files (no ``%%EOF`` near the end: a half-copied report would
otherwise be read in part, silently); PDFs that need a password (one with only an owner
password, which merely restricts printing or copying, is read, with an info diagnostic);
damaged files; and files without a text layer (fewer than `MIN_CHARS_PER_PAGE` characters
per page on average: a scan, which needs OCR) or whose fonts cannot be decoded.
"""

from __future__ import annotations

from pathlib import Path

from kompetansekart.ingest.errors import UnreadableReport
from kompetansekart.ingest.readers.base import ReadResult, read_bytes
from kompetansekart.ingest.readers.sheet_print import is_sheet_print, without_headings

# A needs report is a few pages and well under 10 MB even with images; the limits only
# keep one wrong file (a scanned archive, a book) from holding up a batch for minutes.
MAX_PDF_BYTES = 100 * 1024 * 1024
MAX_PAGES = 500
# Below this many visible characters per page on average the document has no real text
# layer: a scan, maybe with a stamped page number.
MIN_CHARS_PER_PAGE = 10
# Above this share of undecodable glyphs, the text is not worth parsing.
MAX_UNDECODABLE_SHARE = 0.5


def read(path: Path) -> ReadResult:
    check_size(path)
    raw = read_bytes(path, MAX_PDF_BYTES)
    check_container(path, raw)
    from kompetansekart.ingest.readers import pdf_document  # heavy: pdfplumber, pdfminer

    limits = pdf_document.Limits(MAX_PAGES, MIN_CHARS_PER_PAGE, MAX_UNDECODABLE_SHARE)
    lines, diagnostics = pdf_document.read_lines(path, raw, limits)
    if is_sheet_print(lines):
        lines = without_headings(lines)  # a sheet printed with its row and column headings
    return ReadResult(lines, diagnostics, raw)


def check_size(path: Path) -> None:
    """Refuse a file above MAX_PDF_BYTES before reading it, naming both sizes."""
    try:
        size = path.stat().st_size
    except OSError:
        return  # read_bytes says what is wrong with the path
    if size > MAX_PDF_BYTES:
        raise UnreadableReport(
            path, f"file is {_mb(size)}; the limit for a PDF report is {_mb(MAX_PDF_BYTES)}"
        )


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size:,} bytes"


def check_container(path: Path, raw: bytes) -> None:
    """Refuse what is not a whole PDF before pdfminer sees it (its messages are cryptic)."""
    if not raw.strip():
        raise UnreadableReport(path, "the file is empty")
    if b"%PDF-" not in raw[:1024]:
        raise UnreadableReport(path, "not a PDF file (no %PDF- header)")
    if b"%%EOF" not in raw[-2048:]:
        raise UnreadableReport(
            path, "truncated PDF: the %%EOF end marker is missing (the file was cut off?)"
        )
