"""A read document as the parsers see it: non-blank lines with their original numbers.

Readers differ (text, Markdown, Word, PDF) but all end here, so the layout parsers work on
one shape: cleaned lines, table cells split on tabs, and searches that return indexes into
the line list (so a parser can say "the value is on the next line") while provenance uses
each line's own number in the source file.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from re import Pattern

from kompetansekart.ingest.records import Line

_SPACES = re.compile(r"[ \u00a0\u2007\u202f]+")  # never a tab, so it never joins two cells


def _squeeze(text: str) -> str:
    """Every run of spaces (no-break ones too) as one space. `_SPACES.sub` pays for each
    single space it replaces by itself, so a line without a run to shorten, most of them,
    is returned as it is without calling it."""
    if "  " in text or "\u00a0" in text or "\u2007" in text or "\u202f" in text:
        return _SPACES.sub(" ", text)
    return text


def clean(text: str) -> str:
    """NFC, no-break spaces as spaces, trimmed; tabs kept, even around empty cells, because
    they separate cells (an empty budget cell is still a cell)."""
    text = _squeeze(unicodedata.normalize("NFC", text))
    if "\t" not in text:
        return text.strip()
    return "\t".join(part.strip() for part in text.split("\t"))


def plain(text: str) -> str:
    """Text without markdown bold markers and tabs: for reading values, not choices."""
    return _squeeze(text.replace("**", "").replace("\t", " ")).strip()


@dataclass
class Document:
    path: str
    format: str
    lines: list[Line]
    raw: bytes = b""
    _index: dict[int, int] = field(default_factory=dict, repr=False)
    # Plain text of every line, computed once: the parsers ask for it hundreds of times per
    # document (every `find` scans the lines), and `lines` never change after construction.
    _plain: list[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._plain = [plain(line.text) for line in self.lines]

    @classmethod
    def from_lines(cls, path: str, fmt: str, lines: list[Line], raw: bytes = b"") -> Document:
        kept = []
        for line in lines:
            text = clean(line.text)
            if text.replace("\t", "").strip():
                kept.append(Line(line.no, text, line.file or path))
        return cls(path, fmt, kept, raw)

    @property
    def normalised_text(self) -> str:
        return "\n".join(self._plain)

    @property
    def content_id(self) -> str:
        """Stable id: the same text gives the same id whatever file it came in."""
        return hashlib.sha256(self.normalised_text.encode("utf-8")).hexdigest()[:16]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    def __len__(self) -> int:
        return len(self.lines)

    def text(self, i: int) -> str:
        return self.lines[i].text

    def plain(self, i: int) -> str:
        return self._plain[i]

    def no(self, i: int) -> int:
        return self.lines[i].no

    def cells(self, i: int) -> list[str]:
        return [plain(cell) for cell in self.lines[i].text.split("\t")]

    def is_table_row(self, i: int) -> bool:
        return "\t" in self.lines[i].text

    def find(
        self, pattern: str | Pattern[str], start: int = 0, end: int | None = None
    ) -> int | None:
        """Index of the first line (in plain text) matching `pattern`, searched with re.search."""
        rx = re.compile(pattern, re.IGNORECASE) if isinstance(pattern, str) else pattern
        stop = len(self.lines) if end is None else min(end, len(self.lines))
        search, lines = rx.search, self._plain
        for i in range(max(start, 0), stop):
            if search(lines[i]):
                return i
        return None

    def find_all(
        self, pattern: str | Pattern[str], start: int = 0, end: int | None = None
    ) -> Iterator[int]:
        rx = re.compile(pattern, re.IGNORECASE) if isinstance(pattern, str) else pattern
        stop = len(self.lines) if end is None else min(end, len(self.lines))
        search, lines = rx.search, self._plain
        for i in range(max(start, 0), stop):
            if search(lines[i]):
                yield i

    def block(self, start: int, end: int | None) -> str:
        """Plain text of lines [start, end), joined by newlines."""
        stop = len(self.lines) if end is None else end
        lines = self._plain
        return "\n".join([lines[i] for i in range(start, max(start, stop))])


def spans(starts: list[int], end: int) -> list[tuple[int, int]]:
    """Sections from their first lines: each runs to the next start, the last to `end`."""
    return list(zip(starts, [*starts[1:], end], strict=False))
