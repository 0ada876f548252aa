"""A PDF opened and read page by page: the part of the reader that needs pdfplumber.

`read_lines` opens the bytes (with the empty user password, so a PDF with only an owner
password opens), refuses more pages than the limit before any text is extracted, reads
each page (`page_view`: glyphs, form-field values and ruled tables, turned upright;
`pdf_layout.page_items`: lines and rows), removes page furniture and joins wrapped lines
(`pdf_flow`), and adds the diagnostics: a summary (pages, tables, form fields), owner-only
encryption, undecodable glyphs, scanned pages, structural flaws pdfminer worked around.
"""

from __future__ import annotations

import io
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdftypes import resolve1

from kompetansekart.ingest.errors import UnreadableReport
from kompetansekart.ingest.readers.pdf_chars import Glyph, glyph
from kompetansekart.ingest.readers.pdf_errors import (
    flaws_diagnostic,
    library_warnings,
    translated_errors,
)
from kompetansekart.ingest.readers.pdf_fields import field_glyphs
from kompetansekart.ingest.readers.pdf_flow import (
    dewrap,
    measure,
    running_edges,
    strip_furniture,
)
from kompetansekart.ingest.readers.pdf_layout import Grid, Item, as_box, find_grids, page_items
from kompetansekart.ingest.readers.pdf_turn import (
    main_quarter,
    quarter,
    turn_glyph,
    turn_grid,
    turned_page,
)
from kompetansekart.ingest.records import Diagnostic, Line

NO_TEXT = "no text layer (a scanned PDF?): needs OCR, which this tool does not do"


@dataclass(frozen=True)
class Limits:
    """The reader's limits (constants of `pdf`, passed in so tests can lower them)."""

    max_pages: int
    min_chars_per_page: int
    max_undecodable_share: float


def read_lines(path: Path, raw: bytes, limits: Limits) -> tuple[list[Line], list[Diagnostic]]:
    with translated_errors(path), library_warnings() as warnings:
        extraction = extract(path, raw, limits)
        lines = [Line(no, item.text, str(path)) for no, item in enumerate(extraction.items, 1)]
    if warnings:
        extraction.diagnostics.append(flaws_diagnostic(path, warnings))
    return lines, extraction.diagnostics


@dataclass
class Extraction:
    items: list[Item]
    diagnostics: list[Diagnostic] = field(default_factory=list)


def extract(path: Path, raw: bytes, limits: Limits) -> Extraction:
    pdf = pdfplumber.open(io.BytesIO(raw), password="", raise_unicode_errors=False)
    try:
        count = page_count(path, pdf, limits.max_pages)
        diags = _encryption_diagnostics(path, pdf)
        pages, stats = _read_pages(pdf, limits.min_chars_per_page)
        diags += _text_diagnostics(path, count, stats, limits)
        running = running_edges(pages)
        pages = strip_furniture(pages)
        items = dewrap(pages, measure(pages, stats.widths)) + running
        diags.insert(0, _summary(path, count, stats))
        return Extraction(items, diags)
    finally:
        _close(pdf)


def _close(pdf: Any) -> None:
    # Closing a damaged PDF may fail again (close() walks the page tree); nothing to save.
    with suppress(Exception):
        pdf.close()


def page_count(path: Path, pdf: Any, limit: int) -> int:
    """The number of pages, refused above `limit`: first from the catalog's /Count
    (cheap, before any page is touched), then from the page tree itself."""
    try:
        declared = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
    except Exception:
        declared = None
    if isinstance(declared, int) and declared > limit:
        raise UnreadableReport(path, _too_many(declared, limit))
    count = len(pdf.pages)
    if count > limit:
        raise UnreadableReport(path, _too_many(count, limit))
    if count == 0:
        raise UnreadableReport(path, "the PDF has no pages")
    return count


def _too_many(count: int, limit: int) -> str:
    return f"the PDF has {count} pages; the limit for a report is {limit} pages"


def _encryption_diagnostics(path: Path, pdf: Any) -> list[Diagnostic]:
    if pdf.doc.encryption is None:
        return []
    message = "encrypted with an owner password only; read without one"
    return [Diagnostic("info", "pdf", message, file=str(path))]


@dataclass
class PageStats:
    widths: dict[int, float] = field(default_factory=dict)  # page number -> width
    tables: int = 0
    visible: list[int] = field(default_factory=list)
    undecodable: int = 0
    fields: int = 0
    scanned: list[int] = field(default_factory=list)  # pages with images and no text


def _read_pages(pdf: Any, min_chars: int) -> tuple[list[list[Item]], PageStats]:
    stats = PageStats()
    pages = []
    for no, page in enumerate(pdf.pages, start=1):
        view = page_view(page)
        found = page_items(no, view.glyphs, view.grids)
        pages.append(found.items)
        stats.widths[no] = view.width
        stats.tables += found.tables
        stats.visible.append(found.visible)
        stats.undecodable += view.undecodable
        stats.fields += view.fields
        if found.visible < min_chars and page.images:
            stats.scanned.append(no)
        page.close()  # frees the page's parsed objects: long documents stay small
    return pages, stats


@dataclass
class PageView:
    """A page as the layout step needs it: glyphs and ruled tables, turned so that the
    main text runs left to right (`pdf_turn`)."""

    glyphs: list[Glyph]
    grids: list[Grid]
    width: float
    undecodable: int
    fields: int  # filled-in form fields among the glyphs


def page_view(page: Any) -> PageView:
    """The page's glyphs inside its visible box (pdfplumber has already applied /Rotate
    to both), its ruled tables, and how many glyphs could not be decoded. Glyphs drawn
    twice are dropped per line in `pdf_chars`: pdfplumber's `dedupe_chars` sorts every
    character and took half the reading time."""
    box = as_box(page.bbox)
    glyphs, quarters, bad = [], [], 0
    for char in page.chars:
        g, undecodable = glyph(char)
        if box[0] <= (g.x0 + g.x1) / 2 <= box[2] and box[1] <= g.mid <= box[3]:
            glyphs.append(g)
            bad += undecodable
            if not g.blank:
                quarters.append(quarter(char.get("matrix")))
    fields = field_glyphs(page)
    glyphs.extend(fields)
    grids = find_grids(page)
    turns = main_quarter(quarters)
    if turns:
        glyphs = [turn_glyph(g, turns, box) for g in glyphs]
        grids = [turn_grid(grid, turns, box) for grid in grids]
        box = turned_page(box, turns)
    return PageView(glyphs, grids, box[2] - box[0], bad, len(fields))


def _text_diagnostics(path: Path, count: int, stats: PageStats, limits: Limits) -> list[Diagnostic]:
    visible = sum(stats.visible)
    if visible < limits.min_chars_per_page * count:
        raise UnreadableReport(path, NO_TEXT)
    if stats.undecodable > limits.max_undecodable_share * visible:
        raise UnreadableReport(
            path, "the text cannot be decoded (its fonts have no Unicode map): needs OCR"
        )
    diags = []
    if stats.undecodable:
        diags.append(
            Diagnostic(
                "warning",
                "pdf",
                f"some characters could not be decoded ({_glyphs(stats.undecodable)} in "
                "fonts without a Unicode map); they read as \ufffd",
                file=str(path),
            )
        )
    if stats.scanned:
        pages = ", ".join(str(no) for no in stats.scanned)
        plural = len(stats.scanned) > 1
        which = f"pages {pages} are images" if plural else f"page {pages} is an image"
        diags.append(
            Diagnostic(
                "warning",
                "pdf",
                f"{which} without a text layer (scanned?): not read",
                file=str(path),
            )
        )
    return diags


def _glyphs(count: int) -> str:
    return "1 glyph" if count == 1 else f"{count} glyphs"


def _summary(path: Path, count: int, stats: PageStats) -> Diagnostic:
    pages = "1 page" if count == 1 else f"{count} pages"
    tables = stats.tables
    found = {0: "no ruled tables", 1: "1 ruled table"}.get(tables, f"{tables} ruled tables")
    if stats.fields:
        found += f", {stats.fields} filled-in form field{'s' if stats.fields > 1 else ''}"
    return Diagnostic("info", "pdf", f"PDF: {pages}, {found}", file=str(path))
