"""A fixed-width printout's tables: a header line over a rule of dash runs.

    NR TILTAK                              FORMÅL UH   EIER-KR   UH-KR
    -- ----------------------------------- ------ ---- -------- -------
     1 SPRÅKMILJØ OG SPRÅKSTIMULERING FOR    G    USN   180.000 270.000
       FLERSPRÅKLIGE BARN I BARNEHAGEN

Case systems and database tools print tables like this. The runs of the rule are the
columns, so every row is cut where the rule says, not where two spaces happen to stand
(`180.000 270.000` is two cells; `ROLLE ORGANISASJON` is two headings). The header and its
rows come out as tab-separated cells, the shape every other reader gives a table; the rule
itself is dropped like a Markdown table's `|---|` row. A row that only continues the text
of the row above (a wrapped name, its first column empty) is joined to that row, also
across a page break that repeats the header. A line whose words cross a column's start is
not a row of the table, and ends it.
"""

from __future__ import annotations

import re

from kompetansekart.ingest.records import Line

_RULE = re.compile(r"^\s*-{2,}(?:[ ]+-{2,})+\s*$")
_RUN = re.compile(r"-+")
_WORD = re.compile(r"\S+")
_FIGURE = re.compile(r"\d")
_HEAD_CELL = re.compile(r"\S+(?: \S+)*")  # a cell: words one space apart
_FIGURE_CELL = re.compile(r"^(?:[-–—]|\d{1,3}(?:[.,\u00a0]\d{3})*(?:,-)?|\d+)$")

Span = tuple[int, int]


def has_rules(lines: list[Line]) -> bool:
    return any("--" in line.text and _RULE.match(line.text) for line in lines)


def ruled_lines(lines: list[Line]) -> list[Line]:
    """The lines with every ruled table's header and rows as tab-separated cells."""
    out: list[Line] = []
    last: tuple[list[str], int] | None = None  # the last table's header and its last row
    k = 0
    while k < len(lines):
        spans = _header_at(lines, k)
        if spans is None:
            out.append(lines[k])
            k += 1
            continue
        header = _cut(lines[k].text, spans) or []
        out.append(_row_line(lines[k], header))
        repeated = last is not None and last[0] == header
        k += 2
        row_at: int | None = last[1] if repeated and last is not None else None
        while k < len(lines):
            text = lines[k].text
            if not text.strip():
                break
            if _RULE.match(text):
                k += 1  # the rule over a sum row
                continue
            cells = _cut(text, spans)
            if cells is None:
                break
            if row_at is not None and _wraps(cells):
                out[row_at] = _joined(out[row_at], cells)
            else:
                out.append(_row_line(lines[k], cells))
                row_at = len(out) - 1
            k += 1
        last = (header, row_at) if row_at is not None else None
    return out


def positioned_lines(lines: list[Line]) -> list[Line]:
    """A printout's table without a rule, its figures right-aligned under their headings
    and one space apart (`REKOMP   300.000 595.000 895.000` under `SAMLET BEHOV  EIER-KR
    UH-KR  SUM-KR`): the header and the rows whose figures end where the headings end,
    as cells. The first column is the text before the figures."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        text = lines[k].text
        heads = [m.span() for m in _HEAD_CELL.finditer(text)] if "  " in text else []
        rows: list[list[str]] = []
        if len(heads) >= 3 and "\t" not in text:
            ends = [e for _, e in heads[1:]]
            while k + 1 + len(rows) < len(lines):
                cells = _under(lines[k + 1 + len(rows)].text, ends)
                if cells is None:
                    break
                rows.append(cells)
        if not rows:
            out.append(lines[k])
            k += 1
            continue
        out.append(_row_line(lines[k], [text[s:e].strip() for s, e in heads]))
        for n, cells in enumerate(rows, start=1):
            out.append(_row_line(lines[k + n], cells))
        k += 1 + len(rows)
    return out


def _under(text: str, ends: list[int]) -> list[str] | None:
    """A row's first text and its figures, when its last figures (or dashes) end where
    the headings do; else None."""
    words = list(_WORD.finditer(text))
    if len(words) <= len(ends):
        return None
    tail = words[-len(ends) :]
    for m, end in zip(tail, ends, strict=True):
        if not _FIGURE_CELL.match(m.group()) or abs(m.end() - end) > 1:
            return None
    first = text[: tail[0].start()].strip()
    if not first:
        return None
    return [first, *(m.group() for m in tail)]


def _header_at(lines: list[Line], k: int) -> list[Span] | None:
    """The rule's column spans when line k is a header over a rule line."""
    if k + 1 >= len(lines) or "\t" in lines[k].text or not lines[k].text.strip():
        return None
    rule = lines[k + 1].text
    if "--" not in rule or not _RULE.match(rule) or _RULE.match(lines[k].text):
        return None
    spans = [m.span() for m in _RUN.finditer(rule)]
    cells = _cut(lines[k].text, spans)
    if cells is None or sum(1 for c in cells if c) < 2:
        return None
    return spans


def _cut(text: str, spans: list[Span]) -> list[str] | None:
    """The text of each column, or None when a word crosses the start of a column (the
    line is not a row of this table). A word may run past its column's end up to the
    next column, and the last column to the end of the line."""
    cells: list[list[str]] = [[] for _ in spans]
    starts = [s for s, _ in spans]
    for m in _WORD.finditer(text):
        start, end = m.span()
        col = 0
        for n, s in enumerate(starts):
            if s <= start:
                col = n
        if col + 1 < len(starts) and end > starts[col + 1]:
            return None
        cells[col].append(m.group())
    return [" ".join(words) for words in cells]


def _wraps(cells: list[str]) -> bool:
    """A row that only continues the text of the row above: its first column empty, no
    figure anywhere, and some text."""
    filled = [c for c in cells if c]
    return bool(filled) and not cells[0] and not any(_FIGURE.search(c) for c in filled)


def _joined(row: Line, cells: list[str]) -> Line:
    above = row.text.split("\t")
    joined = [f"{a} {c}".strip() if c else a for a, c in zip(above, cells, strict=False)]
    return Line(row.no, "\t".join(joined), row.file, row.heading)


def _row_line(line: Line, cells: list[str]) -> Line:
    return Line(line.no, "\t".join(cells), line.file, line.heading)
