"""What every reader returns, and the text decoding that text-like readers share."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kompetansekart.ingest.errors import UnreadableReport
from kompetansekart.ingest.records import Diagnostic, Line

# Text files larger than this are refused rather than parsed: a needs report is a few
# pages, so a 50 MB "report" is almost certainly something else, and parsing it would make
# a batch hang for minutes.
MAX_TEXT_BYTES = 20 * 1024 * 1024


@dataclass
class ReadResult:
    lines: list[Line]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    raw: bytes = b""


def read_bytes(path: Path, limit: int = MAX_TEXT_BYTES) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise UnreadableReport(
                path,
                f"file is {size // (1024 * 1024)} MB; the limit for a report is "
                f"{limit // (1024 * 1024)} MB",
            )
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise UnreadableReport(path, "no such file or folder") from exc
    except PermissionError as exc:
        raise UnreadableReport(path, "permission denied: cannot read the file") from exc
    except IsADirectoryError as exc:
        raise UnreadableReport(path, "is a directory, not a file") from exc
    except OSError as exc:
        raise UnreadableReport(path, f"cannot read the file: {exc.strerror or exc}") from exc


def decode(path: Path, raw: bytes) -> tuple[str, list[Diagnostic]]:
    """Decode text the way Norwegian offices save it: UTF-8 (with or without BOM) first,
    then Windows-1252, which also covers latin-1 for æøå. Binary data is refused."""
    if not raw.strip():
        raise UnreadableReport(path, "the file is empty")
    if b"\x00" in raw[:4096]:
        raise UnreadableReport(path, "binary data, not text (NUL bytes)")
    diags: list[Diagnostic] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), diags
    try:
        return raw.decode("utf-8"), diags
    except UnicodeDecodeError:
        pass
    text = raw.decode("cp1252", errors="replace")
    diags.append(
        Diagnostic(
            "info", "encoding", "not valid UTF-8; read as Windows-1252 (latin-1)", file=str(path)
        )
    )
    return text, diags


def split_lines(path: Path, text: str) -> list[Line]:
    return [Line(no, line, str(path)) for no, line in enumerate(text.splitlines(), start=1)]
