"""One reader per input format behind one registry keyed by suffix.

Every reader has the same signature, `read(path) -> ReadResult`: the text lines of the
document with their 1-based line numbers, and diagnostics about the reading itself (which
encoding was assumed, ...). The registry below is the only suffix table in the project;
`--help` and error messages take their lists from it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kompetansekart.ingest.errors import UnsupportedFormat
from kompetansekart.ingest.readers import md, txt
from kompetansekart.ingest.readers.base import ReadResult

Reader = Callable[[Path], ReadResult]

# suffix -> (format name written in the record, reader)
READERS: dict[str, tuple[str, Reader]] = {
    ".txt": ("txt", txt.read),
    ".text": ("txt", txt.read),
    ".md": ("md", md.read),
    ".markdown": ("md", md.read),
}


def known_suffixes() -> list[str]:
    return sorted(READERS)


def reader_for(path: Path) -> tuple[str, Reader]:
    """The format name and reader for a path; UnsupportedFormat lists the known suffixes."""
    try:
        return READERS[path.suffix.lower()]
    except KeyError:
        raise UnsupportedFormat(path, known_suffixes()) from None


__all__ = ["READERS", "ReadResult", "known_suffixes", "reader_for"]
