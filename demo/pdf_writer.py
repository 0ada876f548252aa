"""Report text lines to a real PDF: the synthetic twin of a .txt/.md report.

A line as the .txt/.md readers return it becomes what a word processor would print:

* a plain line is one paragraph, wrapped at the frame width, with a paragraph gap after it
  (so a reader can tell the paragraph's own line breaks from the gap between paragraphs);
* lines with tabs are table rows: consecutive rows with the same number of cells form one
  ruled table (GRID lines), each cell a paragraph that wraps; an empty cell stays empty;
* ``**x**`` spans (as the parsers define them: no space just inside the markers) are set in
  bold; anything else, ``<``, ``&`` and stray asterisks included, is printed as written;
* a word wider than the frame (a long URL) would be split mid-word by the layout engine,
  which no reader can undo, so such a paragraph, or table, is set in a smaller size
  instead (down to `MIN_FONT_SIZE`);
* a footer "Side N" on every page (`page_numbers`), and optional encryption.

Fonts are DejaVu Sans and DejaVu Sans Bold, embedded as TrueType so æøå and ☒/☐ print and
extract correctly. Output is reproducible: the same lines, options and file name give the
same bytes (no time stamps or random ids).
The corpus generator (`kompetansekart demo`) and the round-trip tests both use this module;
ingest never imports it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import groupby
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"
_FONT_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}

FONT_SIZE = 10.0
MIN_FONT_SIZE = 5.0
LEADING = 1.3  # x font size
PARAGRAPH_GAP = 0.8  # x font size, after each paragraph: a step of 2.1 x size, not 1.3
MARGIN = 2 * cm
CELL_PADDING = 6.0  # reportlab's default left and right cell padding
OWNER_PASSWORD = "eier-passord"

# Bold as the parsers read it (kompetansekart.ingest.checkboxes): no blank just inside.
_BOLD = re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class MissingFont(RuntimeError):
    """The DejaVu TrueType fonts are not installed."""


def register_fonts() -> tuple[str, str]:
    """Register DejaVu Sans (regular, bold) with reportlab; returns their names for
    canvas drawing. Raises MissingFont naming the file and the Debian package."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FONT_FILES.items():
        if name in registered:
            continue
        font = FONT_DIR / filename
        if not font.is_file():
            raise MissingFont(
                f"font not found: {font}; install the Debian package fonts-dejavu-core"
            )
        pdfmetrics.registerFont(TTFont(name, str(font)))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    return REGULAR, BOLD


def write_pdf(
    lines: Sequence[str],
    path: Path,
    *,
    password: str | None = None,
    owner_password_only: bool = False,
    page_numbers: bool = True,
) -> Path:
    """Write `lines` as an A4 PDF at `path`. `password` makes it need that password to
    open; `owner_password_only` encrypts it with an owner password only (no copying or
    changing, but anyone can open it)."""
    register_fonts()
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 0.5 * cm,
        title=Path(path).stem,
        author="kompetansekart demo",
        invariant=1,
        encrypt=_encryption(password, owner_password_only),
    )
    footer = _footer if page_numbers else _no_footer
    story = list(flowables(lines, doc.width)) or [Paragraph("", body_style(FONT_SIZE))]
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return Path(path)


def _encryption(password: str | None, owner_only: bool) -> StandardEncryption | None:
    if password:
        owner = password + "#" + OWNER_PASSWORD
        return StandardEncryption(password, ownerPassword=owner, strength=128)
    if owner_only:
        return StandardEncryption(
            "", ownerPassword=OWNER_PASSWORD, canModify=0, canCopy=0, strength=128
        )
    return None


def _footer(canvas: Canvas, doc: Any) -> None:
    canvas.saveState()
    canvas.setFont(REGULAR, 9)
    canvas.drawCentredString(doc.pagesize[0] / 2, 1.2 * cm, f"Side {doc.page}")
    canvas.restoreState()


def _no_footer(canvas: Canvas, doc: Any) -> None:
    return None


def flowables(lines: Sequence[str], width: float) -> Iterator[Flowable]:
    """Paragraphs and tables for the lines; blank lines (also rows of empty cells) vanish,
    as they do for the parsers."""
    kept = [_CONTROL.sub(" ", line) for line in lines if line.replace("\t", "").strip()]
    for cells, group in groupby(kept, key=lambda line: line.count("\t") + 1):
        rows = list(group)
        if cells == 1:
            yield from (paragraph(line, width) for line in rows)
        else:
            yield table([row.split("\t") for row in rows], width)


def markup(text: str) -> str:
    """Paragraph markup: XML-escaped text with ``**x**`` as ``<b>x</b>``."""
    return _BOLD.sub(r"<b>\1</b>", escape(text.strip()))


def body_style(size: float) -> ParagraphStyle:
    return ParagraphStyle(
        f"body-{size:.2f}",
        fontName=REGULAR,
        fontSize=size,
        leading=size * LEADING,
        spaceAfter=size * PARAGRAPH_GAP,
        alignment=TA_LEFT,
    )


def paragraph(line: str, width: float) -> Paragraph:
    """One paragraph, in a smaller size if a word of it would not fit on a line."""
    widest = widest_word(line, FONT_SIZE)
    size = FONT_SIZE
    if widest > width:
        size = max(MIN_FONT_SIZE, FONT_SIZE * width / widest * 0.97)
    return Paragraph(markup(line), body_style(size))


def widest_word(text: str, size: float) -> float:
    """Width of the widest word (measured in bold, the wider face)."""
    words = _plain(text).split()
    return max((pdfmetrics.stringWidth(w, BOLD, size) for w in words), default=0.0)


def _plain(text: str) -> str:
    return _BOLD.sub(r"\1", text)


def table(rows: list[list[str]], width: float) -> Table:
    size = FONT_SIZE
    while sum(_column_minimum(rows, size)) > width and size > MIN_FONT_SIZE:
        size = max(MIN_FONT_SIZE, size * width / sum(_column_minimum(rows, size)) * 0.97)
    style = ParagraphStyle(f"cell-{size:.2f}", parent=body_style(size), spaceAfter=0)
    data = [
        [Paragraph(markup(cell), style) if cell.strip() else "" for cell in row] for row in rows
    ]
    grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    gap = size * PARAGRAPH_GAP
    widths = column_widths(rows, width, size)
    return Table(data, colWidths=widths, style=grid, spaceBefore=gap, spaceAfter=gap * 1.5)


def _cell(text: str, style: ParagraphStyle) -> Paragraph | str:
    return Paragraph(markup(text), style) if text.strip() else ""


def column_widths(rows: list[list[str]], width: float, size: float) -> list[float]:
    """Widths that fill `width`: every column at least as wide as its longest word (so no
    word is split or runs into the next cell), the rest shared by how much text the
    columns hold beyond that."""
    minimum = _column_minimum(rows, size)
    natural = [
        max(pdfmetrics.stringWidth(_plain(row[j]).strip(), BOLD, size) for row in rows)
        + 2 * CELL_PADDING
        for j in range(len(minimum))
    ]
    spare = width - sum(minimum)
    if spare <= 0:
        return minimum
    if sum(natural) <= width:
        return [n + (width - sum(natural)) / len(natural) for n in natural]
    wants = [n - m for n, m in zip(natural, minimum, strict=True)]
    return [m + spare * w / sum(wants) for m, w in zip(minimum, wants, strict=True)]


def _column_minimum(rows: list[list[str]], size: float) -> list[float]:
    columns = max(len(row) for row in rows)
    return [
        max(widest_word(row[j], size) if j < len(row) else 0.0 for row in rows)
        + 2 * CELL_PADDING
        + 1.0
        for j in range(columns)
    ]


def write_scanned_pdf(path: Path) -> Path:
    """A PDF that looks like a scanned page: an image and drawn shapes, no text layer."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (400, 560), 255)
    draw = ImageDraw.Draw(image)
    for y in range(40, 520, 18):
        draw.rectangle((30, y, 30 + (y * 7) % 330 + 30, y + 8), fill=40)
    canvas = Canvas(str(Path(path)), pagesize=A4, invariant=1)
    canvas.drawInlineImage(image, MARGIN, 4 * cm, width=A4[0] - 2 * MARGIN, height=A4[1] - 6 * cm)
    canvas.rect(MARGIN, MARGIN, 5 * cm, 1 * cm, fill=1)
    canvas.showPage()
    canvas.save()
    return Path(path)
