"""WordprocessingML facts the .docx reader needs: namespaces, on/off values, the checkbox
states Word stores in XML, the box glyphs of the symbol fonts, and a hardened XML parser.

Kept apart from docx.py so the reader reads as a walk over the document, and the facts
about the format (which Wingdings code is a box, what "off" looks like) sit in one place
where they can be checked against the specification.
"""

from __future__ import annotations

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
# ISO 29500 Strict uses other namespaces for the same elements; Word saves it only when
# asked ("Strict Open XML Document"), so it is refused with advice instead of supported.
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"

CHECKED = "☒"
UNCHECKED = "☐"
TYPED_BOXES = frozenset("☒☑☐")


def w(name: str) -> str:
    """Clark name of a WordprocessingML element or attribute: w("p") -> {ns}p."""
    return f"{{{W_NS}}}{name}"


def w14(name: str) -> str:
    return f"{{{W14_NS}}}{name}"


VAL = w("val")
W14_VAL = w14("val")


def on_off(el: etree._Element | None, attr: str = VAL) -> bool | None:
    """The value of an ST_OnOff property element: None when the element is absent, True
    when it is present without a value (`<w:b/>` means bold), False for 0/false/off."""
    if el is None:
        return None
    value = el.get(attr)
    if value is None:
        return True
    return value.strip().lower() not in ("0", "false", "off")


def flag(parent: etree._Element | None, tag: str) -> bool:
    """Whether an on/off child property (w:b, w:vanish, ...) is on in `parent`."""
    if parent is None:
        return False
    return bool(on_off(parent.find(tag)))


def glyph(checked: bool) -> str:
    return CHECKED if checked else UNCHECKED


def sdt_checkbox(sdt: etree._Element) -> bool | None:
    """The state of a Word 2010+ checkbox content control, or None when `sdt` is another
    kind of control. The state is `w14:checked`; the glyph inside `w:sdtContent` is only
    how Word last drew it and may disagree (a copied control, a hand-edited file)."""
    props = sdt.find(w("sdtPr"))
    if props is None:
        return None
    box = props.find(w14("checkbox"))
    if box is None:
        return None
    return bool(on_off(box.find(w14("checked")), W14_VAL))


def legacy_checkbox(fld_char: etree._Element) -> bool | None:
    """The state of a legacy FORMCHECKBOX field from its `w:fldChar begin`, or None when the
    field is not a checkbox. `w:checked` (the user's click) overrides `w:default`."""
    box = fld_char.find(f"{w('ffData')}/{w('checkBox')}")
    if box is None:
        return None
    checked = on_off(box.find(w("checked")))
    if checked is not None:
        return checked
    return bool(on_off(box.find(w("default"))))


def legacy_dropdown(fld_char: etree._Element) -> str | None:
    """The chosen entry of a legacy FORMDROPDOWN field (it has no field result to read):
    `w:result` (else `w:default`, else the first) indexes the `w:listEntry` values."""
    box = fld_char.find(f"{w('ffData')}/{w('ddList')}")
    if box is None:
        return None
    entries = [entry.get(VAL) or "" for entry in box.findall(w("listEntry"))]
    for tag in ("result", "default"):
        index = _int(box.find(w(tag)))
        if index is not None:
            return entries[index] if 0 <= index < len(entries) else ""
    return entries[0] if entries else ""


def _int(el: etree._Element | None) -> int | None:
    if el is None:
        return None
    try:
        return int(el.get(VAL) or "")
    except ValueError:
        return None


# Box glyphs of the symbol fonts, by the font's 8-bit code (Word stores them as U+F0xx in
# the private use area, or as the plain byte). Checked from the fonts' published Unicode
# equivalents (Alan Wood's Wingdings table; Unicode 7.0's Wingdings 2 mapping):
#   Wingdings:   6F □, 70 bold □, 71 ❑, 72 ❒, A8 ◻  -> unchecked
#                78 ⌧, FD ☒, FE ☑, FB ✗, FC ✓      -> checked
#   Wingdings 2: A3 □                                -> unchecked
#                4F 🗴, 50 🗸, 51 🗵, 52 ☑, 53 ⮽, 54 ☒ -> checked
# A bare tick or cross counts as checked: in a form it marks the chosen option, as ✓ does
# in checkboxes.py. Other symbols (arrows, bullets, pictures) carry no text and are dropped.
_U, _C = UNCHECKED, CHECKED
SYMBOL_BOXES: dict[str, dict[int, str]] = {
    "wingdings": {0x6F: _U, 0x70: _U, 0x71: _U, 0x72: _U, 0xA8: _U}
    | {0x78: _C, 0xFD: _C, 0xFE: _C, 0xFB: _C, 0xFC: _C},
    "wingdings 2": {0xA3: _U} | {0x4F: _C, 0x50: _C, 0x51: _C, 0x52: _C, 0x53: _C, 0x54: _C},
}


def symbol_font(name: str | None) -> str | None:
    """The key into SYMBOL_BOXES for a font name, or None for a text font."""
    key = (name or "").strip().lower()
    return key if key in SYMBOL_BOXES else None


def symbol_char(font: str, code: int) -> str:
    """The box a symbol-font character shows, or "" for any other symbol."""
    if 0xF000 <= code <= 0xF0FF:
        code -= 0xF000
    return SYMBOL_BOXES[font].get(code, "")


def sym_element(sym: etree._Element) -> str:
    """The box a `w:sym` shows (`w:font` + hex `w:char`), or "" for anything else."""
    font = symbol_font(sym.get(w("font")))
    if font is None:
        return ""
    try:
        code = int(sym.get(w("char")) or "", 16)
    except ValueError:
        return ""
    return symbol_char(font, code)


_DTD_REFUSED = "declares a DTD (<!DOCTYPE>), which Word never writes; refused for safety"
_DOCTYPE_MARKERS = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))


class XmlRefused(Exception):
    """Internal: an XML part that was not parsed; the caller names the file and part."""


def parse_xml(data: bytes) -> etree._Element:
    """Parse one package part without ever expanding entities or fetching anything.

    Word never writes a DTD, so a part that declares one (the only way to get entity
    expansion, "billion laughs") is refused outright rather than parsed with care.
    huge_tree=False keeps libxml2's limits on depth and text node size.
    """
    if any(marker in data for marker in _DOCTYPE_MARKERS):
        raise XmlRefused(_DTD_REFUSED)  # before libxml2 even looks at the entities
    parser = etree.XMLParser(  # one per call: lxml parsers must not be shared by threads
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.LxmlError, ValueError) as exc:
        raise XmlRefused(f"malformed XML ({_first_line(exc)})") from None
    if root is None:
        raise XmlRefused("malformed XML (no root element)")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise XmlRefused(_DTD_REFUSED)
    return root


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:160] if text else type(exc).__name__
