"""pdfminer and pdfplumber failures, in words a user can act on.

pdfminer raises its own exceptions (PSEOF, PDFSyntaxError, PDFPasswordIncorrect, ...), but
deep inside it a damaged file also ends in TypeError, KeyError, AssertionError or
RecursionError, and pdfplumber wraps some of them in PdfminerException. Every one becomes an
`UnreadableReport` with one line: "encrypted PDF: needs a password", "damaged PDF: the
data ends unexpectedly (truncated?)", ... pdfminer's messages lose the objects they dump.
What pdfminer only logs (a missing MediaBox, an unparsable xref entry) is collected and
becomes one info diagnostic instead of lines on stderr.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from pdfminer.pdfdocument import PDFEncryptionError, PDFNoValidXRef, PDFPasswordIncorrect
from pdfminer.pdfexceptions import PDFEOFError
from pdfminer.psexceptions import PSEOF, PSException
from pdfplumber.utils.exceptions import PdfminerException

from kompetansekart.ingest.errors import IngestError, UnreadableReport
from kompetansekart.ingest.records import Diagnostic

NEEDS_PASSWORD = "encrypted PDF: needs a password"
_DUMP = re.compile(r":\s*(?:[\[{<(]|b'|/')")


@contextmanager
def translated_errors(path: Path) -> Iterator[None]:
    """Any exception from pdfminer/pdfplumber (or from odd values they hand on) becomes an
    UnreadableReport: a batch must never die on one damaged file."""
    try:
        yield
    except IngestError:
        raise
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
        raise UnreadableReport(path, reason_for(cause)) from exc
    except Exception as exc:
        raise UnreadableReport(path, reason_for(exc)) from exc


def reason_for(exc: BaseException) -> str:
    if isinstance(exc, PDFPasswordIncorrect):
        return NEEDS_PASSWORD
    if isinstance(exc, PDFEncryptionError):
        return f"encrypted PDF that cannot be decrypted: {_short(exc)}"
    if isinstance(exc, PSEOF | PDFEOFError):
        return "damaged PDF: the data ends unexpectedly (truncated?)"
    if isinstance(exc, PDFNoValidXRef):
        return "damaged PDF: no valid cross-reference table"
    if isinstance(exc, PSException):
        return f"damaged PDF: {_short(exc)}"
    return f"damaged PDF: cannot extract the text ({type(exc).__name__}: {_short(exc)})"


def _short(exc: BaseException, limit: int = 120) -> str:
    """pdfminer's message without the objects it dumps (``Invalid dictionary construct:
    [/'Author', b'...', ...]``); a bare object number gets the exception's name."""
    text = _DUMP.split(" ".join(str(exc).split()), maxsplit=1)[0].strip()
    if not text or text.isdigit():
        text = f"{type(exc).__name__} {text}".strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


@contextmanager
def library_warnings() -> Iterator[list[str]]:
    """Collect what pdfminer and pdfplumber log while reading ("MediaBox missing,
    defaulting to US Letter", ...). Left alone, Python prints it on stderr between the
    lines of a batch; collected, it becomes one diagnostic on the file it is about."""
    collected: list[str] = []
    handler = _Collector(collected)
    loggers = [logging.getLogger(name) for name in ("pdfminer", "pdfplumber")]
    saved = [(logger.level, logger.propagate) for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
        logger.propagate = False
    try:
        yield collected
    finally:
        for logger, (level, propagate) in zip(loggers, saved, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)
            logger.propagate = propagate


class _Collector(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        with suppress(Exception):
            self.sink.append(record.getMessage())


def flaws_diagnostic(path: Path, warnings: list[str]) -> Diagnostic:
    first = _short(Exception(warnings[0]), limit=100)
    count = "1 warning" if len(warnings) == 1 else f"{len(warnings)} warnings"
    message = f"the PDF has structural flaws that were worked around ({count}; first: {first})"
    return Diagnostic("info", "pdf", message, file=str(path))
