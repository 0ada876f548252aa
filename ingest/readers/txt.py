"""Plain text: the form as it was exported or extracted (tabs separate table cells)."""

from __future__ import annotations

from pathlib import Path

from kompetansekart.ingest.readers.base import ReadResult, decode, read_bytes, split_lines


def read(path: Path) -> ReadResult:
    raw = read_bytes(path)
    text, diags = decode(path, raw)
    return ReadResult(split_lines(path, text), diags, raw)
