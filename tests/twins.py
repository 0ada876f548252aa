"""Round-trip helpers: the lines a report's text reader sees, and a record with everything
that legitimately differs between a .txt and its .docx/.pdf twin taken out.

"The same report as .txt, .docx and .pdf gives the same record (apart from source and
evidence lines)": `comparable()` drops the source (path, format, sha256), keeps the
evidence *keys* but not their line numbers, drops line numbers from budget rows, measures
and diagnostics, and leaves out the diagnostics about reading the file itself (which
encoding, which checkbox kind), because those describe the container, not the report.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kompetansekart.ingest.readers import reader_for

# Diagnostic codes that describe the file container rather than the report's content.
ROOT = Path(__file__).resolve().parents[1]
DEMO_REPORTS = sorted(
    p for p in (ROOT / "demo" / "reports").iterdir() if p.suffix in (".txt", ".md")
)
CORPUS_NAMES = [f"{i:03d}" for i in range(5)]
READER_CODES = frozenset({"encoding", "docx", "pdf"})

_LINE_REF = re.compile(r"\b(lines?|linje[r]?)\s+\d+(\s*(-|–|and|og|,)\s*\d+)*", re.IGNORECASE)


def source_lines(path: Path) -> list[str]:
    """The text lines of a .txt/.md report as its reader returns them (Markdown pipe tables
    already turned into tab-separated cells): what a twin document must contain."""
    _, read = reader_for(path)
    return [line.text for line in read(path).lines]


def comparable(record: Any) -> dict[str, Any]:
    data = record.to_json()
    data.pop("source")
    data["evidence"] = sorted(data["evidence"])
    for key in ("budget", "measures"):
        for row in data[key]:
            row.pop("line", None)
    if data.get("budget_sum"):
        data["budget_sum"].pop("line", None)
    data["diagnostics"] = [
        {
            "level": d["level"],
            "code": d.get("code"),
            "field": d.get("field"),
            "message": _LINE_REF.sub("line N", d["message"]),
        }
        for d in data["diagnostics"]
        if d.get("code") not in READER_CODES
    ]
    return data


_records: dict[Path, dict] = {}


def text_record(parser, path: Path) -> dict:
    """The text report's comparable record, parsed once per session."""
    if path not in _records:
        _records[path] = comparable(parser.parse_file(path))
    return _records[path]


def corpus_file(corpus_dir: Path, prefix: str) -> Path:
    """The real sample whose name starts with `prefix` ('000' ... '004')."""
    (path,) = corpus_dir.glob(f"{prefix}_*.txt")
    return path
