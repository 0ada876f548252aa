"""A text export's grid tables: cells between walls under borders, as psql, pandoc's grid
tables and case systems' "rutenett" prints draw them, or with box characters.

    +-----+------------------------------+------------+
    | Nr  | Tiltak                       | Eier-      |
    |     |                              | andel      |
    +=====+==============================+============+
    |   1 | Lesing og skriving i alle    |    350 000 |
    |     | fag på mellomtrinnet         |            |
    +-----+------------------------------+------------+

    ┌────────────────────────────┬────────────┐
    │ [X] Desentralisert ordning │ kr 750 000 │
    │     (Dekomp) - grunnskole  │            │
    │ [ ] Regional ordning       │            │
    └────────────────────────────┴────────────┘

Each row becomes one line of tab-separated cells (the shape every other reader gives a
table) on the line where it starts; the borders are dropped like a Markdown table's
'|---|' row, so the rows stay one table. A border always ends a row. Under no border, a
line goes on with the row above when its first cell is empty or indented, starts in
lower case, or the cell above ends in a hyphen; its
cells' text is joined to that row's ('Eier-' and 'andel' make 'Eierandel', 'UH-' and
'andel' make 'UH-andel', 'Vår 2026,' and 'høst 2026' make 'Vår 2026, høst 2026').
"""

from __future__ import annotations

import re
from itertools import pairwise

from kompetansekart.ingest.records import Line

_WALLS = "|│║┃"
_BORDER_CHARS = set("-=─━═┄┈+┬┼┴┌┐├┤└┘╔╗╚╝╠╣╦╩╬╤╧╪╒╕╘╛╞╡┏┓┗┛┣┫┳┻╋ ")
_CORNERS = set("+┌├└╔╠╚╒╞╘┏┣┗")
_WALL_RE = re.compile(f"[{_WALLS}]")


def _is_border(text: str) -> bool:
    s = text.strip()
    return (
        len(s) >= 3
        and s[0] in _CORNERS
        and set(s) <= _BORDER_CHARS
        and any(ch in s for ch in "-=─━═")
    )


def _is_content(text: str) -> bool:
    s = text.strip()
    return len(s) >= 3 and s[0] in _WALLS and s[-1] in _WALLS


def has_grid(lines: list[Line]) -> bool:
    return any(_is_border(a.text) and _is_content(b.text) for a, b in pairwise(lines))


def grid_lines(lines: list[Line]) -> list[Line]:
    """The lines with every grid table's rows as tab-separated cells."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        if not (
            _is_border(lines[k].text) and k + 1 < len(lines) and _is_content(lines[k + 1].text)
        ):
            out.append(lines[k])
            k += 1
            continue
        end = k
        while end < len(lines) and (_is_border(lines[end].text) or _is_content(lines[end].text)):
            end += 1
        out += _rows(lines[k:end])
        k = end
    return out


def _rows(block: list[Line]) -> list[Line]:
    content = [line for line in block if _is_content(line.text)]
    walls = [m.start() for m in _WALL_RE.finditer(content[0].text)]
    rows: list[tuple[Line, list[list[str]]]] = []
    after_border = True
    for line in block:
        if _is_border(line.text):
            after_border = True  # a border ends a row: the next line starts one
            continue
        cells = _cells(line.text, walls)
        if rows and not after_border and _goes_on(cells, rows[-1][1]):
            for part, text in zip(rows[-1][1], cells, strict=False):
                if text.strip():
                    part.append(text.strip())
            continue
        after_border = False
        rows.append((line, [[c.strip()] if c.strip() else [] for c in cells]))
    return [Line(line.no, "\t".join(_joined(p) for p in parts), line.file) for line, parts in rows]


def _cells(text: str, walls: list[int]) -> list[str]:
    """The line's cells, cut where the first row has its walls (a line whose walls stand
    elsewhere is cut at its own)."""
    if all(k < len(text) and text[k] in _WALLS for k in walls):
        return [text[a + 1 : b] for a, b in pairwise(walls)]
    return _WALL_RE.split(text.strip())[1:-1]


def _goes_on(cells: list[str], above: list[list[str]]) -> bool:
    """Does a line only go on with the row above (a wrapped cell), rather than start a
    row of its own?"""
    if not cells or len(cells) != len(above):
        return False
    first = cells[0]
    if not first.strip():
        return any(c.strip() for c in cells)
    if first[:3] == "   " or first.strip()[:1].islower():
        return True  # '    (Dekomp) - grunnskole', 'nettverk'
    return any(parts and parts[-1].endswith("-") for parts in above[:1])


def _joined(parts: list[str]) -> str:
    text = ""
    for part in parts:
        if text.endswith("-") and len(text) >= 2 and text[-2] != " " and part[:1].islower():
            # 'Kompetanse-' 'nettverk': a word broken at the cell's edge; 'UH-' 'andel':
            # a hyphen of the word itself
            text = text[:-1] + part if text[-2].islower() else text + part
        else:
            text = f"{text} {part}" if text else part
    return text
