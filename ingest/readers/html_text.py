"""HTML inside a text or Markdown export: an intranet page, a wiki, a CMS.

Such a page writes its form as markup the form reader should not have to know:

* a table as `<tr><td>Felt</td><td>Svar</td></tr>` rows: each row becomes one line of
  tab-separated cells, as a Markdown pipe table would (a row written over several lines,
  as pandoc writes it, on the line of its `<tr>`; a cell's colspan and rowspan leave
  empty cells where it spans); a `<br>` inside a cell separates
  the parts of its value ('Lillestrøm kommune<br>Org.nr. 820 710 592') and becomes '; ';
* `<details><summary>Tiltak 1: …</summary>` is the heading of what follows;
* entities (`&nbsp;`, `&amp;`) are their characters;
* what the page hides or strikes out is not part of the report: `<!-- comments -->` and
  `<del>…</del>`, `<s>…</s>` go, and the lines they took stay as blank lines, so every other
  line keeps its number;
* other tags (`<b>`, `<small>`, `<p>`, `<table>`) are dropped, keeping their text, except
  `<input type="checkbox">`, which the checkbox reader reads as a box.

A line without a tag is left exactly as it is.
"""

from __future__ import annotations

import html
import re

from kompetansekart.ingest.records import Line

_HIDDEN = re.compile(r"<!--.*?-->|<(del|s|strike)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_ROW = re.compile(r"<tr\b[^>]*>(?P<cells>.*?)(?:</tr\s*>|$)", re.IGNORECASE)
_CELL = re.compile(r"<t[dh]\b[^>]*>(?P<text>.*?)(?=<t[dh]\b|</tr|$)", re.IGNORECASE)
_SUMMARY = re.compile(r"<summary\b[^>]*>(?P<text>.*?)</summary\s*>", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_ANY_TAG = re.compile(r"<(?:/?[a-zA-Z][^<>]*|!--)")
_STRUCTURE = re.compile(r"<(?:tr|td|th|table|details|summary|br)\b|<!--", re.I)
_KEPT = re.compile(r"\x00(\d+)\x00")
_EMPTY_PARTS = re.compile(r" *; *(?:; *)+")  # an empty part between two breaks
_LAST_BREAKS = re.compile(r"(?:; *)+$")


def has_html(text: str) -> bool:
    """Does the text hold HTML structure (a table, a break, a details block, a comment)?
    Inline tags alone (`<i>`, a checkbox `<input>`) are read where they stand."""
    return _STRUCTURE.search(text) is not None


def html_lines(text: str, lines: list[Line]) -> list[Line]:
    """The lines of `text` (already split into `lines`) with their HTML read."""
    shown = _HIDDEN.sub(lambda m: "\n" * m.group().count("\n"), text)
    rows = _table_rows(shown)
    out: list[Line] = []
    for k, (line, body) in enumerate(zip(lines, shown.splitlines(), strict=False)):
        if k in rows:
            # a row of a table written over several lines ('<tr>', a '<td>' per line,
            # '</tr>'): its cells on the line it starts on; the table's other lines are
            # markup, dropped (not blank lines: the rows stay one table)
            row = rows[k]
            if row is not None:
                out.append(Line(line.no, row, line.file))
            continue
        if not _ANY_TAG.search(body) and "&" not in body:
            out.append(line if body == line.text else Line(line.no, body, line.file))
            continue
        out.append(_line(line, body))
    return out


_TABLE = re.compile(r"<table\b[^>]*>(?P<body>.*?)</table\s*>", re.IGNORECASE | re.DOTALL)
_ROW_BLOCK = re.compile(r"<tr\b[^>]*>(?P<cells>.*?)</tr\s*>", re.IGNORECASE | re.DOTALL)
_CELL_BLOCK = re.compile(
    r"<t[dh]\b(?P<attrs>[^>]*)>(?P<text>.*?)</t[dh]\s*>", re.IGNORECASE | re.DOTALL
)
_SPAN = re.compile(r"\b(col|row)span\s*=\s*[\"']?(\d+)", re.IGNORECASE)


def _table_rows(shown: str) -> dict[int, str | None]:
    """Line index -> the tab-separated cells of the table row that starts on it (None for
    the table's other lines), for tables whose rows run over several lines. A cell
    spanning columns (colspan) is followed by empty cells, one spanning rows (rowspan)
    leaves an empty cell in the rows below it, as merged cells of a sheet or a Word table
    do."""
    out: dict[int, str | None] = {}
    for table in _TABLE.finditer(shown):
        starts = [
            shown.count("\n", 0, table.start("body") + m.start())
            for m in _ROW_BLOCK.finditer(table["body"])
        ]
        blocks = list(_ROW_BLOCK.finditer(table["body"]))
        if not blocks or len(set(starts)) != len(starts) or "\n" not in table["body"].strip():
            continue  # rows one per line (or none): read line by line
        below: dict[int, int] = {}  # column -> rows still covered by a cell above
        first = shown.count("\n", 0, table.start())
        last = shown.count("\n", 0, table.end())
        for k in range(first, last + 1):
            out[k] = None
        for start, row in zip(starts, blocks, strict=True):
            cells: list[str] = []
            for cell in _CELL_BLOCK.finditer(row["cells"]):
                while below.get(len(cells), 0) > 0:
                    below[len(cells)] -= 1
                    cells.append("")
                spans = {kind.lower(): int(n) for kind, n in _SPAN.findall(cell["attrs"])}
                if spans.get("row", 1) > 1:
                    below[len(cells)] = spans["row"] - 1
                cells.append(_text(cell["text"].replace("\n", " ")).replace("\t", " "))
                cells += [""] * (min(spans.get("col", 1), 50) - 1)
            while below.get(len(cells), 0) > 0:
                below[len(cells)] -= 1
                cells.append("")
            out[start] = "\t".join(cells)
    return out


def _line(line: Line, body: str) -> Line:
    summary = _SUMMARY.search(body)
    if summary:
        return Line(line.no, _text(summary["text"]), line.file, 3)
    row = _ROW.search(body)
    if row:
        cells = [_text(c["text"]) for c in _CELL.finditer(row["cells"])]
        return Line(line.no, "\t".join(cells), line.file)
    return Line(line.no, _text(body), line.file)


def _text(markup: str) -> str:
    """A cell's or line's text: breaks as '; ', boxes kept, other tags dropped."""
    kept: list[str] = []

    def keep(m: re.Match[str]) -> str:
        kept.append(m.group())
        return f"\x00{len(kept) - 1}\x00"

    text = _INPUT.sub(keep, markup)
    text = _BREAK.sub("; ", text)
    text = html.unescape(_TAG.sub("", text)).replace("\u00a0", " ")
    text = _KEPT.sub(lambda m: kept[int(m.group(1))], text)
    return _LAST_BREAKS.sub("", _EMPTY_PARTS.sub("; ", text)).strip(" ")  # tabs stay
