"""Markdown: like text, but pipe tables become tab-separated cells so the parsers see one
table shape whatever the source. `**bold**` is kept: in these forms bold marks a choice.
Pandoc's own markup (a heading's `{#id .class}`, `:::` div fences, footnote marks `[^1]`)
is dropped; a footnote's text stays a line of its own."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from kompetansekart.ingest.readers.base import ReadResult, decode, read_bytes, split_lines
from kompetansekart.ingest.readers.grid_text import grid_lines, has_grid
from kompetansekart.ingest.readers.html_text import has_html, html_lines
from kompetansekart.ingest.readers.obsidian import is_vault_note, vault_lines
from kompetansekart.ingest.records import Line

_SEPARATOR_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_DEFINITION = re.compile(r"^\s{0,3}:[ \t]+(\S.*)$")


_FRONT_KEY = re.compile(r"^(?P<key>[\w][\w -]{0,40}?)\s*:\s*(?P<value>.*)$")


def read(path: Path) -> ReadResult:
    raw = read_bytes(path)
    text, diags = decode(path, raw)
    lines = split_lines(path, text)
    if has_html(text):
        lines = html_lines(text, lines)
    if has_grid(lines):
        lines = grid_lines(lines)  # pandoc's grid tables
    front = _front_matter(lines)
    body = _fenced_tables(lines[front:])
    if is_vault_note(text):
        body = vault_lines(body)
    converted = [_front(line) for line in lines[:front]] + [_convert(line) for line in body]
    return ReadResult([line for line in converted if line is not None], diags, raw)


_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)\s*(?P<info>[\w+-]*)\s*$")
_TABLE_INFO = {"csv": None, "tsv": "\t", "psv": "|"}


def _fenced_tables(lines: list[Line]) -> list[Line]:
    """'```csv' … '```': a table pasted as delimited text inside a code fence. Its rows
    become cells (the delimiter is the one the rows use: ';' or ','); the fences go. Other
    code blocks stay as they are."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        m = _FENCE.match(lines[k].text)
        info = (m["info"] or "").lower() if m else ""
        if m is None or info not in _TABLE_INFO:
            out.append(lines[k])
            k += 1
            continue
        end = next((j for j in range(k + 1, len(lines)) if _FENCE.match(lines[j].text)), len(lines))
        block = lines[k + 1 : end]
        sep = _TABLE_INFO[info] or (
            ";" if sum(";" in ln.text for ln in block) > len(block) / 2 else ","
        )
        out += [
            Line(ln.no, "\t".join(c.strip() for c in row), ln.file)
            for ln, row in zip(
                block, csv.reader((ln.text for ln in block), delimiter=sep), strict=True
            )
        ]
        k = end + 1
    return out


def _front_matter(lines: list[Line]) -> int:
    """How many lines a YAML front matter block takes at the top ('---', 'key: value'
    lines, '---'), or 0: a wiki or static-site export puts the report's facts there."""
    if not lines or lines[0].text.strip() != "---":
        return 0
    for k, line in enumerate(lines[1:61], start=1):
        text = line.text.strip()
        if text == "---":
            return k + 1 if k > 1 else 0
        if text and not text.startswith(("#", "- ")) and not _FRONT_KEY.match(text):
            return 0
    return 0


def _front(line: Line) -> Line | None:
    """'orgnr_eier: "964967369"' as 'orgnr eier: 964967369': a key's underscores are the
    spaces of its words, and quotes are YAML's, not the writer's."""
    m = _FRONT_KEY.match(line.text.strip())
    if m is None:
        return None  # the '---' fences, comments
    value = m["value"].strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return Line(line.no, f"{m['key'].replace('_', ' ').strip()}: {value}", line.file)


# pandoc's Markdown: a heading's attributes ('## 4. Tiltak {#tiltak .part}'), a fenced
# div's fences ('::: {.custom-style="Ingress"}', ':::'), a footnote's mark ('…[^2]') and
# its definition's ('[^2]: …'): markup, not text
_ATTRIBUTES = re.compile(r"\s*\{[#.][^{}]*\}\s*$")
_DIV_FENCE = re.compile(r"^\s{0,3}:::+(?:\s*\{[^{}]*\}|\s*[\w-]+)?\s*$")
_NOTE_MARK = re.compile(r"\[\^[^\]\s]+\](?::\s*)?")


def _convert(line: Line) -> Line | None:
    text = line.text
    if _SEPARATOR_ROW.match(text) or _DIV_FENCE.match(text):
        return None
    if "[^" in text:
        line = Line(line.no, _NOTE_MARK.sub("", text), line.file, line.heading)
        text = line.text
    stripped = text.strip()
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        cells = [cell.strip() for cell in stripped[1:-1].split("|")]
        text = "\t".join(cells)
        return Line(line.no, text, line.file)
    heading = _HEADING.match(text)
    if heading is None:
        definition = _DEFINITION.match(text)
        if definition:  # 'Eigar' over ': Voss herad': a definition list's term and value
            return Line(line.no, definition.group(1), line.file)
        return line
    level = heading.group().count("#")
    return Line(line.no, _ATTRIBUTES.sub("", text[heading.end() :]), line.file, level)
