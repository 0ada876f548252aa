"""Reading a report the tests write, and what its diagnostics say about its figures."""

from __future__ import annotations

from pathlib import Path

from kompetansekart.ingest.records import NeedsReport


def parse_text(parser, folder: Path, text: str, name: str = "report.txt") -> NeedsReport:
    """Write `text` to `folder/name` and parse it (the suffix picks the reader)."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return parser.parse_file(path)


def reasons(r: NeedsReport) -> list[str]:
    """The messages naming figures that are not budget figures, and why."""
    return [d.message for d in r.diagnostics if d.code == "amount-not-budget"]


def unread(r: NeedsReport) -> list[str]:
    """The messages of figures and marks no field took."""
    return [d.message for d in r.diagnostics if d.code.startswith("unread")]
