"""Plain text: the form as it was exported or extracted (tabs separate table cells). A
text written as configuration (`[section]`, `key = value`) is read by its syntax
(`keyed`), a CSV export by its syntax (`delimited`), HTML inside it by `html_text`, a
printout's ruled tables by `ruled`, grid tables drawn with '+--+' or box characters by
`grid_text`, an e-mail's quoted lines without their '> ' (`quoted`)."""

from __future__ import annotations

from pathlib import Path

from kompetansekart.ingest.readers.base import ReadResult, decode, read_bytes, split_lines
from kompetansekart.ingest.readers.delimited import delimited_lines, delimiter_of
from kompetansekart.ingest.readers.grid_text import grid_lines, has_grid
from kompetansekart.ingest.readers.html_text import has_html, html_lines
from kompetansekart.ingest.readers.keyed import is_keyed, keyed_lines
from kompetansekart.ingest.readers.quoted import answered_inline, is_quoted, unquoted
from kompetansekart.ingest.readers.ruled import has_rules, positioned_lines, ruled_lines


def read(path: Path) -> ReadResult:
    raw = read_bytes(path)
    text, diags = decode(path, raw)
    lines = split_lines(path, text)
    if is_quoted(lines):
        lines = unquoted(lines)  # an e-mail's reply quoting the form
    elif (inline := answered_inline(lines)) is not None:
        lines = inline  # a reply answering the quoted questions under each
    if has_html(text):
        lines = html_lines(text, lines)
    if has_grid(lines):
        lines = grid_lines(lines)  # '+----+----+' or '┌──┬──┐' grids
    sep = delimiter_of(lines)
    if sep is not None:
        lines = delimited_lines(lines, sep)
    elif is_keyed(lines):
        lines = keyed_lines(lines)
    elif has_rules(lines):
        lines = positioned_lines(ruled_lines(lines))
    return ReadResult(lines, diags, raw)
