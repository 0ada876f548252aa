"""One reader per input format behind one registry keyed by suffix.

Every reader has the same signature, `read(path) -> ReadResult`: the text lines of the
document with their 1-based line numbers, and diagnostics about the reading itself (which
encoding was assumed, which checkboxes were read, ...). The registry below is the only
suffix table in the project; `--help` and error messages take their lists from it.

The Word, PDF and Excel readers pull in lxml, pdfminer and openpyxl, which cost ~90 ms
each to import; they are imported the first time a file of their kind is read, so a batch
of text files and the CLI's start-up do not pay for them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from kompetansekart.ingest.errors import UnsupportedFormat
from kompetansekart.ingest.readers.base import ReadResult

Reader = Callable[[Path], ReadResult]


def _lazy(module: str) -> Reader:
    def read(path: Path) -> ReadResult:
        return importlib.import_module(f"kompetansekart.ingest.readers.{module}").read(path)

    read.__name__ = f"{module}.read"
    return read


# suffix -> (format name written in the record, reader)
READERS: dict[str, tuple[str, Reader]] = {
    ".txt": ("txt", _lazy("txt")),
    ".text": ("txt", _lazy("txt")),
    ".md": ("md", _lazy("md")),
    ".markdown": ("md", _lazy("md")),
    ".docx": ("docx", _lazy("docx")),
    ".pdf": ("pdf", _lazy("pdf")),
    ".xlsx": ("xlsx", _lazy("xlsx")),
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
