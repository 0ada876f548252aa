"""One PDF page as items in reading order: visual text lines and ruled-table rows.

* **Lines.** Glyphs whose vertical centres lie within `LINE_TOLERANCE` x the font size of
  the first glyph of a line belong to that line (line spacing is at least about one font
  size, so neighbouring lines never merge, while small baseline shifts stay in the line).
  Glyphs side by side in two columns therefore share a line; `pdf_chars` puts a tab
  between them.
* **Tables.** Ruled tables are found with pdfplumber's `find_tables()` (lines strategy:
  drawn cell borders). A table with at least two columns becomes one item per row, cells
  joined by tabs, empty cells kept, the lines inside a cell joined with a space. Its glyphs
  are not read again as free text. One-column "tables" (a framed text box, an underlined
  field) are left to the free text, where their lines read naturally.
* **Order.** Items are sorted by their top edge (a row by the row's top), then by x: the
  reading order of a one-column form. A page in two columns that each hold their own
  fields (`pdf_columns`) is read column by column instead, within each band between lines
  that cross the gutter; elsewhere text side by side stays one line, separated by tabs.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kompetansekart.ingest.readers.pdf_chars import (
    SPACE,
    SPACE_GAP,
    TAB,
    Glyph,
    Token,
    compose,
    first_word_width,
    line_tokens,
    space_width,
)
from kompetansekart.ingest.readers.pdf_columns import Columns, find_columns, split_line

LINE_TOLERANCE = 0.5

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass
class Item:
    """A text line or a table row. After joining wrapped lines (`pdf_flow`) an item is a
    whole paragraph whose position fields describe its *last* visual line."""

    page: int
    top: float
    x0: float
    x1: float
    size: float
    tokens: list[Token]
    row: bool = False
    first_word: float = 0.0
    space: float | None = None
    lines: int = 1
    starts: str = field(default="", repr=False)  # first characters, for list markers
    edge: float | None = None  # where its column's text ends, when not at the page's margin
    column: int = -1  # 0 left, 1 right of a page's two columns; -1 across or no columns

    @property
    def text(self) -> str:
        return compose(self.tokens)

    @property
    def has_tab(self) -> bool:
        return any(t.text == "\t" for t in self.tokens)


@dataclass
class PageItems:
    items: list[Item]
    tables: int
    visible: int  # visible glyphs on the page, in tables or not


@dataclass(frozen=True)
class Grid:
    """A ruled table as boxes: its own, and per row the row's box and its cells' boxes
    (None for a position covered by a merged cell)."""

    bbox: Box
    rows: list[tuple[Box, list[Box | None]]]

    @classmethod
    def of(cls, table: Any) -> Grid:
        """From a pdfplumber Table."""
        rows = [
            (as_box(row.bbox), [as_box(c) if c else None for c in row.cells]) for row in table.rows
        ]
        return cls(as_box(table.bbox), rows)

    @property
    def columns(self) -> int:
        return max((len(cells) for _, cells in self.rows), default=0)


def _cell(values: Sequence[float] | None) -> Box | None:
    return as_box(values) if values else None


def as_box(values: Sequence[float]) -> Box:
    x0, top, x1, bottom = (float(v) for v in values)
    return x0, top, x1, bottom


def find_grids(page: Any) -> list[Grid]:
    """The page's ruled tables with at least two columns."""
    return [grid for grid in map(Grid.of, page.find_tables()) if grid.columns >= 2]


def page_items(page_no: int, glyphs: Sequence[Glyph], grids: Sequence[Grid]) -> PageItems:
    """Items of one page, given its glyphs (decoded, filtered) and ruled tables."""
    free = [g for g in glyphs if not any(_inside(g, grid.bbox) for grid in grids)]
    lines = group_lines(free)
    columns = find_columns(lines)
    if columns is None:
        items = [item for line in lines if (item := text_item(page_no, line))]
    else:
        items = column_items(page_no, lines, columns)
    for grid in grids:
        items.extend(table_rows(page_no, grid, glyphs))
    if columns is None:
        items.sort(key=lambda item: (item.top, item.x0))
    else:
        _column_order(items, columns)
    visible = sum(1 for g in glyphs if not g.blank)
    return PageItems(items, len(grids), visible)


def column_items(page_no: int, lines: Sequence[Sequence[Glyph]], columns: Columns) -> list[Item]:
    """Each line's parts either side of the gutter as items of their own column."""
    items = []
    for n, line in enumerate(lines):
        parts = split_line(line, columns)
        if parts is None or _page_edge(lines, n):
            item = text_item(page_no, line)
            items += [item] if item else []
            continue
        for column, part in enumerate(parts):
            item = text_item(page_no, part)
            if item is not None:
                item.column = column
                item.edge = columns.left_edge if column == 0 else None
                items.append(item)
    return items


def _page_edge(lines: Sequence[Sequence[Glyph]], n: int) -> bool:
    """The page's first or last line set well apart from the rest ('Behovsmelding 2026 ·
    Barnehagenettverk Romsdal <gap> 27.01.2026' at the foot of a slide): a header or footer
    across the page, not a line of each column, though its parts fall either side of the
    gutter."""
    if len(lines) < 3 or n not in (0, len(lines) - 1):
        return False
    line, other = lines[n], lines[1 if n == 0 else n - 1]
    inked = [g for g in line if not g.blank] or list(line)
    size = max(g.size for g in inked)
    gap = (
        min(g.top for g in line) - max(g.bottom for g in other)
        if n
        else (min(g.top for g in other) - max(g.bottom for g in line))
    )
    return gap > 2 * size


def _column_order(items: list[Item], columns: Columns) -> None:
    """Band by band (a band ends at a line across the gutter), the left column, then the
    right one, each top to bottom. A table row takes the column it lies in."""
    for item in items:
        if item.row:
            item.column = 0 if item.x1 <= columns.gutter else 1 if item.x0 >= columns.gutter else -1
    borders = sorted(item.top for item in items if item.column < 0)
    items.sort(
        key=lambda item: (bisect.bisect_right(borders, item.top), item.column, item.top, item.x0)
    )


def _inside_at(g: Glyph, x: float, box: Box) -> bool:
    return box[0] <= x <= box[2] and box[1] <= g.mid <= box[3]


def _inside(g: Glyph, box: Box) -> bool:
    cx, cy = (g.x0 + g.x1) / 2, g.mid
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def group_lines(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into visual lines, top to bottom."""
    lines: list[list[Glyph]] = []
    anchor = 0.0
    for g in sorted(glyphs, key=lambda g: (g.mid, g.x0)):
        if lines and g.mid - anchor <= LINE_TOLERANCE * max(g.size, lines[-1][0].size):
            lines[-1].append(g)
        else:
            lines.append([g])
            anchor = g.mid
    return lines


def text_item(page_no: int, line: Sequence[Glyph]) -> Item | None:
    visible = [g for g in line if not g.blank]
    if not visible:
        return None
    tokens = line_tokens(line)
    return Item(
        page=page_no,
        top=min(g.top for g in visible),
        x0=min(g.x0 for g in visible),
        x1=max(g.x1 for g in visible),
        size=statistics.median(g.size for g in visible),
        tokens=tokens,
        first_word=first_word_width(line),
        space=space_width(line),
        starts="".join(t.text for t in tokens[:4]),
    )


def table_rows(page_no: int, grid: Grid, glyphs: Sequence[Glyph]) -> list[Item]:
    """One item per row with at least one non-empty cell."""
    members = [g for g in glyphs if _inside(g, grid.bbox)]
    items = []
    for (x0, top, x1, bottom), row_cells in grid.rows:
        in_row = [g for g in members if top <= g.mid <= bottom]
        anchors = _word_anchors(in_row)
        cells = [cell_tokens(in_row, cell, anchors) for cell in row_cells]
        if not any(cells):
            continue
        tokens: list[Token] = []
        for i, cell in enumerate(cells):
            tokens.extend(([TAB] if i else []) + cell)
        size = statistics.median(g.size for g in in_row) if in_row else 10.0
        items.append(Item(page_no, top, x0, x1, size, tokens, row=True))
    return items


def _word_anchors(glyphs: Sequence[Glyph]) -> dict[int, float]:
    """Where each glyph of a row is looked up among the cells: at the middle of its word's
    first glyph, so that a text running over a cell's border ('hilde.jakobsen@example.|
    org', '1 20|0 000' in a sheet printed with its grid) stays in the cell it starts in."""
    anchors: dict[int, float] = {}
    for line in group_lines(glyphs):
        start: float | None = None
        prev: Glyph | None = None  # the last glyph with ink
        for g in sorted(line, key=lambda g: g.x0):
            if g.blank:
                anchors[id(g)] = (g.x0 + g.x1) / 2
                continue
            # a figure's groups ('1 200 000') are one word, the space between them too
            grouped = prev is not None and prev.text.isdigit() and g.text.isdigit()
            limit = (DIGIT_GROUP_GAP if grouped else SPACE_GAP) * g.size
            if prev is None or start is None or g.x0 - prev.x1 > limit:
                start = (g.x0 + g.x1) / 2
            anchors[id(g)] = start
            prev = g
    return anchors


DIGIT_GROUP_GAP = 0.6  # x the font size: a space between a figure's groups of digits


def cell_tokens(
    glyphs: Sequence[Glyph], cell: Box | None, anchors: dict[int, float] | None = None
) -> list[Token]:
    """The tokens of one cell: its visual lines joined by a space (text in a cell wraps).
    `anchors`: where each glyph is looked up across (its word's start), else its middle."""
    if cell is None:  # covered by a merged cell
        return []
    tokens: list[Token] = []
    inside = [
        g
        for g in glyphs
        if (_inside(g, cell) if anchors is None else _inside_at(g, anchors[id(g)], cell))
    ]
    for line in group_lines(inside):
        line_toks = line_tokens(line)
        if line_toks:
            tokens.extend(([SPACE] if tokens else []) + line_toks)
    return tokens
