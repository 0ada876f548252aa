"""HTML inside a text or Markdown export: an intranet page, a wiki, a CMS.

Such a page writes its form as markup the form reader should not have to know:

* a table as `<tr><td>Felt</td><td>Svar</td></tr>` rows: each row becomes one line of
  tab-separated cells, as a Markdown pipe table would; a `<br>` inside a cell separates
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
    out: list[Line] = []
    for line, body in zip(lines, shown.splitlines(), strict=False):
        if not _ANY_TAG.search(body) and "&" not in body:
            out.append(line if body == line.text else Line(line.no, body, line.file))
            continue
        out.append(_line(line, body))
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
