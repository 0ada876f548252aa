"""Named ingest errors, translated to one-line messages at the CLI edge (reports/cli.py)."""

from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """Base class: every error a file can cause during ingest is one of these."""


class UnreadableReport(IngestError):
    """A file that exists but cannot be turned into text lines."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason}")


class UnsupportedFormat(IngestError):
    """A suffix no reader is registered for; the message lists the ones that are."""

    def __init__(self, path: Path | str, known: list[str]) -> None:
        self.path = str(path)
        self.known = known
        suffix = Path(path).suffix or "(no suffix)"
        super().__init__(
            f"{self.path}: unsupported file type {suffix}; known types: {', '.join(known)}"
        )
