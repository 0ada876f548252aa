"""What every reader returns, and the text decoding that text-like readers share."""

from __future__ import annotations

import errno
import os
import re
import stat
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
    """The file's bytes, or an UnreadableReport saying why not. The size and the kind of
    file are checked before reading: a named pipe in a folder would otherwise block the
    batch for ever, and a huge file would make it hang."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableReport(path, f"not a regular file ({_kind(info.st_mode)})")
        if info.st_size > limit:
            raise UnreadableReport(
                path,
                f"file is {info.st_size / (1024 * 1024):.0f} MB; the limit for a report is "
                f"{limit // (1024 * 1024)} MB",
            )
        return path.read_bytes()
    except FileNotFoundError as exc:
        if path.is_symlink():
            raise UnreadableReport(
                path, f"broken symbolic link (points to {os.readlink(path)})"
            ) from exc
        raise UnreadableReport(path, "no such file or folder") from exc
    except PermissionError as exc:
        raise UnreadableReport(path, "permission denied: cannot read the file") from exc
    except IsADirectoryError as exc:
        raise UnreadableReport(path, "is a directory, not a file") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnreadableReport(path, "symbolic link loop") from exc
        raise UnreadableReport(path, f"cannot read the file: {exc.strerror or exc}") from exc


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a plain file"


# Bytes 0x80-0x9F: printable punctuation in Windows-1252 (– — “ ” ‘ ’ € …), invisible C1
# control codes in ISO-8859-1. These five are undefined in Windows-1252.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
# What UTF-8 æøåÆØÅ (and – é) look like after being read as Windows-1252 and saved again.
_MOJIBAKE = re.compile("Ã[¦¸¥†˜…©]|â€")


def decode(path: Path, raw: bytes) -> tuple[str, list[Diagnostic]]:
    """Decode text the way Norwegian offices save it, and say which encoding was assumed
    whenever it was not plain UTF-8: UTF-8 with BOM, UTF-16 (Notepad's "Unicode"),
    Windows-1252 or ISO-8859-1. UTF-8 is tried strictly first because a non-UTF-8 file
    practically never decodes as valid UTF-8 when it holds æøå. Binary data is refused."""
    if not raw.strip():
        raise UnreadableReport(path, "the file is empty")
    utf16 = _utf16(raw)
    if utf16:
        codec, name = utf16
        text = raw.decode(codec, errors="replace").lstrip("\ufeff")
        if not text.strip():
            raise UnreadableReport(path, "the file is empty")
        return text, [_assumed(path, name)]
    if b"\x00" in raw[:4096]:
        raise UnreadableReport(path, "binary data, not text (NUL bytes)")
    if raw.startswith(b"\xef\xbb\xbf"):
        return _repair(path, raw[3:].decode("utf-8", errors="replace"), ["UTF-8 with BOM"])
    try:
        return _repair(path, raw.decode("utf-8"), [])
    except UnicodeDecodeError:
        pass
    high = {b for b in raw if 0x80 <= b < 0xA0}
    if high & _CP1252_UNDEFINED:
        return raw.decode("latin-1"), [_assumed(path, "ISO-8859-1 (latin-1)")]
    if high:
        name = "Windows-1252 (it has Windows punctuation such as – or “)"
    else:
        name = "ISO-8859-1 / Windows-1252 (the same for these bytes)"
    return raw.decode("cp1252"), [_assumed(path, name)]


def _utf16(raw: bytes) -> tuple[str, str] | None:
    """(codec, description) for UTF-16: by its byte order mark, or, without one, by the
    NUL byte in every other position that Latin text has in UTF-16."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", "UTF-16 (byte order mark)"
    sample = raw[:4096]
    if len(sample) >= 4 and len(sample) % 2 == 0:
        odd, even = sample[1::2], sample[0::2]
        if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
            return "utf-16-le", "UTF-16 little-endian (no byte order mark)"
        if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
            return "utf-16-be", "UTF-16 big-endian (no byte order mark)"
    return None


def _assumed(path: Path, name: str) -> Diagnostic:
    return Diagnostic("info", "encoding", f"not plain UTF-8; read as {name}", file=str(path))


def _repair(path: Path, text: str, assumed: list[str]) -> tuple[str, list[Diagnostic]]:
    """Undo double encoding (UTF-8 read as Windows-1252 and saved as UTF-8 again: "BodÃ¸")
    when the whole text converts back cleanly; otherwise leave it and warn."""
    diags = [_assumed(path, name) for name in assumed]
    if not _MOJIBAKE.search(text):
        return text, diags
    try:
        repaired = text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        diags.append(
            Diagnostic(
                "warning",
                "encoding",
                "some æøå look double-encoded (like 'Ã¸' for 'ø') and could not be repaired",
                file=str(path),
            )
        )
        return text, diags
    diags.append(
        Diagnostic(
            "warning",
            "encoding",
            "text was double-encoded (UTF-8 read as Windows-1252 and saved again, "
            "'Ã¸' for 'ø'); repaired",
            file=str(path),
        )
    )
    return repaired, diags


def split_lines(path: Path, text: str) -> list[Line]:
    return [Line(no, line, str(path)) for no, line in enumerate(text.splitlines(), start=1)]
