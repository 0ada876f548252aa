"""Markdown: like text, but pipe tables become tab-separated cells so the parsers see one
table shape whatever the source. `**bold**` is kept: in these forms bold marks a choice."""

from __future__ import annotations

import re
from pathlib import Path

from kompetansekart.ingest.readers.base import ReadResult, decode, read_bytes, split_lines
from kompetansekart.ingest.records import Line

_SEPARATOR_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_DEFINITION = re.compile(r"^\s{0,3}:[ \t]+(\S.*)$")


def read(path: Path) -> ReadResult:
    raw = read_bytes(path)
    text, diags = decode(path, raw)
    lines = [_convert(line) for line in split_lines(path, text)]
    return ReadResult([line for line in lines if line is not None], diags, raw)


def _convert(line: Line) -> Line | None:
    text = line.text
    if _SEPARATOR_ROW.match(text):
        return None
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
        return Line(line.no, text, line.file)
    level = heading.group().count("#")
    return Line(line.no, text[heading.end() :], line.file, level)
