"""Layout detection and the registry of layout parsers.

A layout is a way a report is written down, independent of file format: the same Word
form arrives as .docx, as .pdf or as extracted text, and all reach the same parser.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kompetansekart.ingest.context import Context
from kompetansekart.ingest.document import Document
from kompetansekart.ingest.layouts import form, letter, webform

Parser = Callable[[Context], None]

LAYOUTS: dict[str, Parser] = {
    "webform": webform.parse,
    "form": form.parse,
    "letter": letter.parse,
}

_FORM_MARKERS = re.compile(
    r"^(eier\s*:|universitet\s*/\s*høgskole\s*:|kompetansemiljø\s*:|"
    r"behovsmeldingen gjelder|total sum det meldes behov)",
    re.IGNORECASE,
)


def detect(doc: Document) -> str:
    """The web form has its terse keys; the Word form its labelled fields; else a letter."""
    keys = sum(1 for i in range(len(doc)) if webform.key_of(doc.plain(i)))
    if keys >= 5:
        return "webform"
    markers = sum(1 for i in range(len(doc)) if _FORM_MARKERS.search(doc.plain(i)))
    if markers >= 2:
        return "form"
    return "letter"
