"""Tables whose cells came out one per line: a web page's table copied from the browser
into a plain-text e-mail, where each cell of a row is a line of its own and an empty cell
an empty line (the header's cells first, then each row's).

Such a run is put back together, row by row, as lines of tab-separated cells, so the form
reader sees the table it was. The rules are about the shape only, never the words:

* the header is a block of two or more short lines (five words or fewer, no digit, no
  '@', no closing stop) right after a blank line;
* the rows follow it at once, as many lines each as the header has (blank lines count as
  empty cells); a row starts with a filled cell;
* a table of three columns or more needs a column of figures or e-mail addresses that two
  rows or more fill, and every column one kind of value ('text', 'figure', 'e-mail') in
  every row, empty cells aside; the header's width is the one that reads most rows so;
* a table of two columns (a form's 'Felt | Svar') needs an answer word as its second
  heading ('Svar', 'Valgt', 'Verdi') and two rows or more;
* the rows end at the first row that starts with an empty cell, breaks a column's kind,
  or holds a numbered heading ('3. Partnerskapet') in a later cell.

A row's line number is that of its first cell, so evidence points at the row's start.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kompetansekart.ingest.records import Line

_DIGIT = re.compile(r"\d")
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
_FIGURE = re.compile(
    r"^(?:ca\.?\s*)?(?:kr\.?\s*|nok\s*)?\d[\d \u00a0\u202f.]*(?:,-|,\d{1,2})?\s*(?:kr\.?|nok|,-)?$",
    re.I,
)
_NUMBERED_HEADING = re.compile(r"^\d{1,2}\.\s+[A-ZÆØÅ]")
# a column's heading saying its cells answer the row's question or option (also read by
# the form reader and the table reader)
ANSWER_HEADS = frozenset({"svar", "valgt", "verdi", "kryss", "answer", "value"})
MIN_ROWS = 2
MAX_COLUMNS = 10


def joined_cell_lines(lines: list[Line]) -> list[Line]:
    """The lines with every table of one cell per line joined into rows of cells."""
    if len(lines) < 6:
        return lines
    out: list[Line] = []
    i = 0
    while i < len(lines):
        found = _table_at(lines, i) if _starts_block(lines, i) else None
        if found is None:
            out.append(lines[i])
            i += 1
            continue
        width, rows = found
        out.append(_joined(lines[i : i + width]))
        j = i + width
        for _ in range(rows):
            out.append(_joined(lines[j : j + width]))
            j += width
        i = j
    return out


def _starts_block(lines: list[Line], i: int) -> bool:
    return _heading_cell(lines[i].text) and (i == 0 or not lines[i - 1].text.strip())


def _heading_cell(text: str) -> bool:
    body = text.strip().rstrip(" *")
    if not body or "\t" in text or _DIGIT.search(body) or "@" in body:
        return False
    return len(body.split()) <= 5 and not body.endswith((".", "!", "?", ":"))


def _table_at(lines: list[Line], i: int) -> tuple[int, int] | None:
    """(width, rows) of the table whose header starts at line i, or None."""
    run = 0
    while i + run < len(lines) and run < MAX_COLUMNS and _heading_cell(lines[i + run].text):
        run += 1
    best: tuple[int, int] | None = None
    for width in range(run, 1, -1):
        if width == 2 and lines[i + 1].text.strip().casefold() not in ANSWER_HEADS:
            continue
        rows = _rows(lines, i + width, width)
        if rows >= MIN_ROWS and (best is None or rows > best[1]):
            best = (width, rows)
    return best


def _rows(lines: list[Line], start: int, width: int) -> int:
    """How many rows of `width` cells read from line `start` on, by the rules above."""
    kinds: list[str | None] = [None] * width
    typed = [0] * width  # the rows with a figure or an address in each column
    rows = 0
    j = start
    while j + width <= len(lines):
        cells = [line.text.strip() for line in lines[j : j + width]]
        if not cells[0] or any("\t" in line.text for line in lines[j : j + width]):
            break
        if width > 2 and any(_NUMBERED_HEADING.match(c) for c in cells[1:]):
            break
        if width > 2:  # a form's answers are of every kind; a table's columns are not
            row_kinds = [_kind(c) for c in cells]
            if any(k is not None and kinds[c] not in (None, k) for c, k in enumerate(row_kinds)):
                break
            kinds = [kinds[c] or row_kinds[c] for c in range(width)]
            typed = [n + (k in ("figure", "email")) for n, k in zip(typed, row_kinds, strict=True)]
        rows += 1
        j += width
    if width > 2 and max(typed) < MIN_ROWS:
        return 0  # no column of figures or addresses that two rows or more fill
    return rows


def _kind(cell: str) -> str | None:
    if not cell:
        return None
    if _EMAIL.match(cell):
        return "email"
    if _FIGURE.match(cell):
        return "figure"
    return "text"


def _joined(cells: list[Line]) -> Line:
    return replace(cells[0], text="\t".join(c.text.strip() for c in cells))
