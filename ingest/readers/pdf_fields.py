"""Filled-in form fields (AcroForm widgets): their values as glyphs where they are shown.

A fillable PDF keeps what was typed into its fields, and which boxes were ticked, in widget
annotations, not in the page's text: pdfplumber's characters do not include them, and a
filled-in form would read as its bare labels. So each widget with a value becomes one
pseudo-glyph spanning its rectangle, and the layout step places it in its line like any
other text: a text or choice field gives its value (line breaks in it become spaces), a
check box or radio button ☒ or ☐, so ``Ja ☒ Nei ☐`` reads as the form shows it. Empty text
fields, push buttons, signature fields and hidden widgets give nothing. A form that was
flattened when saved has no widgets left: its values are ordinary page text.
"""

from __future__ import annotations

import re
from typing import Any

from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text

from kompetansekart.ingest.readers.pdf_chars import Glyph

CHECKED, UNCHECKED = "☒", "☐"
_PUSH_BUTTON = 1 << 16
_HIDDEN = 1 << 1
_FONT_SIZE = re.compile(rb"(\d+(?:\.\d+)?)\s+Tf")


def field_glyphs(page: Any) -> list[Glyph]:
    """One glyph per filled-in widget on the page; a widget that cannot be read is
    skipped rather than failing the page (its label is still read)."""
    glyphs: list[Glyph] = []
    try:
        annots = page.annots
    except Exception:  # damaged annotations: the page's own text is still worth reading
        return glyphs
    for annot in annots:
        try:
            g = _widget_glyph(annot)
        except Exception:  # a damaged widget must not lose the page's text
            continue
        if g is not None:
            glyphs.append(g)
    return glyphs


def _widget_glyph(annot: dict[str, Any]) -> Glyph | None:
    data = annot.get("data") or {}
    if _name(data.get("Subtype")) != "Widget" or int(resolve1(data.get("F")) or 0) & _HIDDEN:
        return None
    text = _value(data)
    if not text:
        return None
    top, bottom = float(annot["top"]), float(annot["bottom"])
    size = _font_size(data) or (bottom - top) * 0.7
    box = text in (CHECKED, UNCHECKED)  # a box reads with its option, inline
    x0, x1 = float(annot["x0"]) + 2, float(annot["x1"])
    return Glyph(text, x0, x1, top, bottom, size, False, field=not box)


def _value(data: dict[str, Any]) -> str:
    kind = _name(_inherited(data, "FT"))
    if kind == "Btn":
        if int(_inherited(data, "Ff") or 0) & _PUSH_BUTTON:
            return ""
        state = resolve1(data.get("AS")) or _inherited(data, "V")
        return CHECKED if _name(state) not in ("", "Off") else UNCHECKED
    if kind in ("Tx", "Ch"):
        return _text(_inherited(data, "V"))
    return ""


def _text(value: Any) -> str:
    value = resolve1(value)
    if isinstance(value, list):
        return ", ".join(filter(None, (_text(v) for v in value)))
    if isinstance(value, bytes):
        value = decode_text(value)
    elif isinstance(value, PSLiteral):
        value = _name(value)
    return " ".join(str(value or "").split())


def _inherited(data: dict[str, Any], key: str) -> Any:
    """A field attribute, from the widget or the field above it (kids inherit)."""
    node: Any = data
    for _ in range(16):  # a parent loop in a damaged file must end
        if not isinstance(node, dict):
            return None
        if key in node:
            return resolve1(node[key])
        node = resolve1(node.get("Parent"))
    return None


def _name(value: Any) -> str:
    value = resolve1(value)
    if isinstance(value, PSLiteral):
        name = value.name
        return name.decode("latin-1") if isinstance(name, bytes) else str(name)
    return ""


def _font_size(data: dict[str, Any]) -> float:
    appearance = _inherited(data, "DA")
    if isinstance(appearance, str):
        appearance = appearance.encode("latin-1", "replace")
    match = _FONT_SIZE.search(appearance) if isinstance(appearance, bytes) else None
    return float(match[1]) if match else 0.0
