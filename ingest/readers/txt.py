"""Plain text: the form as it was exported or extracted (tabs separate table cells). A
text written as configuration (`[section]`, `key = value`) is read by its syntax
(`keyed`), HTML inside it by `html_text`, a printout's ruled tables by `ruled`."""

from __future__ import annotations

from pathlib import Path

from kompetansekart.ingest.readers.base import ReadResult, decode, read_bytes, split_lines
from kompetansekart.ingest.readers.html_text import has_html, html_lines
from kompetansekart.ingest.readers.keyed import is_keyed, keyed_lines
from kompetansekart.ingest.readers.ruled import has_rules, positioned_lines, ruled_lines


def read(path: Path) -> ReadResult:
    raw = read_bytes(path)
    text, diags = decode(path, raw)
    lines = split_lines(path, text)
    if has_html(text):
        lines = html_lines(text, lines)
    if is_keyed(lines):
        lines = keyed_lines(lines)
    elif has_rules(lines):
        lines = positioned_lines(ruled_lines(lines))
    return ReadResult(lines, diags, raw)
