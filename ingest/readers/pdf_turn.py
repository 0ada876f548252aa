"""Pages whose text does not run left to right, turned so that it does.

A page set sideways (a landscape table turned in a viewer and saved with /Rotate, or drawn
rotated) or upside down has glyphs whose writing direction is a quarter, half or
three-quarter turn from normal. pdfplumber gives their boxes as they lie on the page, so
grouping them into lines would read columns of single letters, or text backwards. The
page's main direction (that of most visible glyphs, from each glyph's text matrix) decides
the turn; every glyph and every table box on the page is turned with it. Glyphs in another
direction than the main one (a vertical label in the margin) are turned too and stay odd.

Directions are counted in quarter turns counterclockwise in PDF space (y up): 1 is text
running up the page, 2 upside down, 3 running down. In pdfplumber's coordinates (top grows
downwards) within the page box ``(x0, top, x1, bottom)`` with ``W = x0 + x1`` and
``H = top + bottom``, a point turns as:

* 1: ``x' = H - top``, ``top' = x``
* 2: ``x' = W - x``, ``top' = H - top``
* 3: ``x' = top``, ``top' = W - x``
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from kompetansekart.ingest.readers.pdf_chars import Glyph
from kompetansekart.ingest.readers.pdf_layout import Box, Grid


def quarter(matrix: Sequence[float] | None) -> int:
    """Writing direction of a glyph, in quarter turns, from its text matrix (a, b, ...)."""
    if not matrix or len(matrix) < 2:
        return 0
    a, b = float(matrix[0]), float(matrix[1])
    if a == 0 and b == 0:
        return 0
    return round(math.atan2(b, a) / (math.pi / 2)) % 4


def main_quarter(quarters: Iterable[int]) -> int:
    counts = Counter(quarters)
    return counts.most_common(1)[0][0] if counts else 0


def turn_box(box: Box, turns: int, page: Box) -> Box:
    """A box ``(x0, top, x1, bottom)`` after turning the page by `turns` quarters."""
    x0, top, x1, bottom = box
    width, height = page[0] + page[2], page[1] + page[3]
    if turns == 1:
        return height - bottom, x0, height - top, x1
    if turns == 2:
        return width - x1, height - bottom, width - x0, height - top
    if turns == 3:
        return top, width - x1, bottom, width - x0
    return box


def turn_glyph(g: Glyph, turns: int, page: Box) -> Glyph:
    x0, top, x1, bottom = turn_box((g.x0, g.top, g.x1, g.bottom), turns, page)
    return replace(g, x0=x0, top=top, x1=x1, bottom=bottom)


def turn_grid(grid: Grid, turns: int, page: Box) -> Grid:
    """A table turned with its page. A row of a sideways table becomes a column, so the
    grid is rebuilt from its cells: rows are the cells that share a top edge."""
    cells = [turn_box(c, turns, page) for _, row in grid.rows for c in row if c is not None]
    rows: dict[float, list[Box]] = {}
    for cell in cells:
        rows.setdefault(round(cell[1], 1), []).append(cell)
    rebuilt = []
    for _, row in sorted(rows.items()):
        row.sort(key=lambda c: c[0])
        box = (row[0][0], min(c[1] for c in row), row[-1][2], max(c[3] for c in row))
        rebuilt.append((box, list[Box | None](row)))
    return Grid(turn_box(grid.bbox, turns, page), rebuilt)


def turned_page(page: Box, turns: int) -> Box:
    return turn_box(page, turns, page) if turns in (1, 3) else page
