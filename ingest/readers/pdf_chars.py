"""From PDF characters to the text of one line: word spaces, column tabs and bold spans.

A PDF has no text lines, only glyphs placed on a page. pdfplumber gives each glyph's box,
font name and size; this module turns the glyphs of one visual line (already grouped by
`pdf_layout`) into tokens, and tokens into the text the parsers expect:

* **Spaces.** An explicit space glyph is a space. Without one, a gap wider than
  `SPACE_GAP` x the font size between two glyphs is a word space (many PDF producers
  position words instead of writing spaces).
* **Column tabs.** A gap wider than `COLUMN_GAP` x the font size that the space glyphs in
  it do not account for is a column gap and becomes ``"\\t"``, the cell separator of the
  parsers, so a form laid out in columns (label left, value right) keeps its cells. Runs of
  typed spaces are *not* tabs: they are explained by their own glyphs.
* **Bold** marks the chosen option in these forms, so it is kept as ``**...**``. A glyph is
  bold when its font name (after the ``ABCDEF+`` subset prefix) contains "bold" in any case
  (``Arial-BoldMT``, ``Calibri,Bold``, ``DejaVuSans-Bold``; also ``SemiBold``). Bold glyphs
  next to each other form one span, also across a word space that is itself bold or that is
  only a gap; a space glyph set in a regular font ends the span, so ``**Høst 2025**
  **Vår 2026**`` stays two spans. Whitespace always stays outside the markers.
* **Characters.** A glyph drawn twice almost on the same spot (a "fake bold") counts
  once. Ligatures (ﬁ, ﬂ, ...) become their letters; ``(cid:NN)``, what pdfminer
  gives for a glyph whose font has no Unicode map, becomes U+FFFD and is counted so the
  reader can warn; a spacing accent drawn over a letter (``a`` + ``˚``, as some producers
  draw å) is attached to it; the line is NFC-normalised.
* **Superscripts.** A digit set smaller than the line's text and raised above its
  baseline (a footnote mark, ``fra 2025¹``) becomes its superscript character (¹), so it
  does not run into the number before it (``20251``).
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

SPACE_GAP = 0.25
COLUMN_GAP = 2.0
UNDECODABLE = "\ufffd"
DUPLICATE = 0.3  # x glyph width: the same glyph again closer than this is drawn twice
# a digit at most this x the line's font size whose bottom is at least RAISED x that size
# above the line's baseline is a superscript
SMALLER = 0.85
RAISED = 0.2
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
_CID = re.compile(r"\(cid:\d+\)")
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
# Spacing accents and the combining marks they stand for when drawn over a letter.
_ACCENTS = {
    "\u00b4": "\u0301",  # ´
    "\u02c6": "\u0302",  # ˆ
    "\u02dc": "\u0303",  # ˜
    "\u00af": "\u0304",  # ¯
    "\u02d8": "\u0306",  # ˘
    "\u02d9": "\u0307",  # ˙
    "\u00a8": "\u0308",  # ¨
    "\u02da": "\u030a",  # ˚
    "\u02dd": "\u030b",  # ˝
    "\u02c7": "\u030c",  # ˇ
    "\u00b8": "\u0327",  # ¸
}


@dataclass(frozen=True, slots=True)
class Glyph:
    """One character on a page, in pdfplumber's coordinates (top grows downwards)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    field: bool = False  # a filled-in text field's value: a cell of its own

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True, slots=True)
class Token:
    """A visible character, a space or a tab. `bold` is None for whitespace that does not
    decide whether a bold span goes on (a gap without a glyph, or a joined line break)."""

    text: str
    bold: bool | None

    @property
    def space(self) -> bool:
        return self.text in (" ", "\t")


SPACE = Token(" ", None)
TAB = Token("\t", None)


def is_bold(fontname: str) -> bool:
    return "bold" in _SUBSET_PREFIX.sub("", fontname).lower()


def glyph(char: Mapping[str, Any]) -> tuple[Glyph, bool]:
    """A Glyph from a pdfplumber char dict, and whether its text could not be decoded."""
    text = str(char.get("text") or "")
    undecodable = bool(_CID.search(text))
    if undecodable:
        text = UNDECODABLE
    text = _LIGATURES.get(text, text)
    top, bottom = float(char["top"]), float(char["bottom"])
    size = float(char.get("size") or 0) or (bottom - top)
    return (
        Glyph(
            text=text,
            x0=float(char["x0"]),
            x1=float(char["x1"]),
            top=top,
            bottom=bottom,
            size=max(size, 1.0),
            bold=is_bold(str(char.get("fontname") or "")),
        ),
        undecodable,
    )


def line_tokens(glyphs: Iterable[Glyph]) -> list[Token]:
    """Tokens of one visual line: glyphs left to right with spaces and tabs between them."""
    tokens: list[Token] = []
    prev: Glyph | None = None
    blanks: list[Glyph] = []
    for g in superscripts(attach_accents(sorted(glyphs, key=lambda g: g.x0))):
        if g.blank:
            blanks.append(g)
            continue
        if prev is not None:
            gap_token = _gap(prev, g, blanks)
            if gap_token is not None:
                tokens.append(gap_token)
        tokens.append(Token(g.text, g.bold))
        prev, blanks = g, []
    return tokens


def _gap(prev: Glyph, nxt: Glyph, blanks: Sequence[Glyph]) -> Token | None:
    if prev.field or nxt.field:
        return TAB  # 'Eiers andel (kr) [180 000] UH-andel (kr) [320 000]': a field is a cell
    size = max(prev.size, nxt.size)
    typed = sum(b.x1 - b.x0 for b in blanks)
    if nxt.x0 - prev.x1 - typed > COLUMN_GAP * size:
        return TAB
    if blanks:
        return Token(" ", all(b.bold for b in blanks))
    if nxt.x0 - prev.x1 > SPACE_GAP * size:
        return SPACE
    return None


def superscripts(glyphs: list[Glyph]) -> list[Glyph]:
    """The line's glyphs with its raised small digits as superscript characters.

    A digit is a mark when it is smaller than the text it stands against and raised above
    that text's baseline: the neighbour, not the line, decides, because one visual line of
    a slide may hold two columns in two sizes ('+ private barnehagar …' in 14 pt beside
    '– kommunale barnehagar: 34' in 11 pt, set a little higher), where the right column's
    figures are no footnote marks."""
    if len(glyphs) < 3 or not any(g.text.isdigit() for g in glyphs):
        return glyphs
    size = statistics.median(g.size for g in glyphs if not g.blank)
    out = list(glyphs)
    for i, g in enumerate(glyphs):
        if not g.text.isdigit() or g.size > SMALLER * size:
            continue
        ref = _neighbour(glyphs, i)
        if (
            ref is not None
            and g.size <= SMALLER * ref.size
            and g.bottom < ref.bottom - RAISED * ref.size
        ):
            out[i] = replace(g, text=g.text.translate(_SUPERSCRIPT))
    return out


def _neighbour(glyphs: list[Glyph], i: int) -> Glyph | None:
    """The nearest glyph before glyph i (after it, if none) that is not a digit of the same
    small size: the text a footnote mark is set against."""
    g = glyphs[i]

    def other(h: Glyph) -> bool:
        return not h.blank and not (h.text.isdigit() and abs(h.size - g.size) < 0.1)

    before = next((h for h in reversed(glyphs[:i]) if other(h)), None)
    return before if before is not None else next((h for h in glyphs[i + 1 :] if other(h)), None)


def attach_accents(glyphs: list[Glyph]) -> list[Glyph]:
    """Glyphs sorted by x, cleaned of two drawing tricks: a spacing accent drawn over the
    previous letter is merged into it as a combining mark (NFC later makes ``å`` of ``a`` +
    U+030A), and a glyph drawn again almost on top of itself (a "fake bold") is dropped."""
    out: list[Glyph] = []
    for g in glyphs:
        base = out[-1] if out else None
        if base is None or base.blank:
            out.append(g)
        elif g.text == base.text and abs(g.x0 - base.x0) < DUPLICATE * (base.x1 - base.x0):
            continue
        elif g.text in _ACCENTS and _over(g, base):
            out[-1] = replace(base, text=base.text + _ACCENTS[g.text])
        else:
            out.append(g)
    return out


def _over(accent: Glyph, base: Glyph) -> bool:
    centre = (accent.x0 + accent.x1) / 2
    inset = (base.x1 - base.x0) * 0.1
    return base.x0 + inset < centre < base.x1 - inset


def first_word_width(glyphs: Sequence[Glyph]) -> float:
    """Width of the line's first word: what would have had to fit on the line above for
    this line not to exist (see `pdf_flow`)."""
    visible = sorted((g for g in glyphs if not g.blank), key=lambda g: g.x0)
    if not visible:
        return 0.0
    end = visible[0]
    for g in visible[1:]:
        if g.x0 - end.x1 > SPACE_GAP * g.size or _blank_between(glyphs, end, g):
            break
        end = g
    return end.x1 - visible[0].x0


def _blank_between(glyphs: Sequence[Glyph], a: Glyph, b: Glyph) -> bool:
    return any(g.blank and a.x1 - 0.01 <= g.x0 < b.x0 for g in glyphs)


def space_width(glyphs: Sequence[Glyph]) -> float | None:
    widths = [g.x1 - g.x0 for g in glyphs if g.text == " " and g.x1 > g.x0]
    return statistics.median(widths) if widths else None


def compose(tokens: Iterable[Token]) -> str:
    """Text with ``**bold**`` spans; runs of spaces become one space, tabs are kept one by
    one (they separate cells, and empty cells count), trailing spaces are dropped."""
    out: list[str] = []
    pending: list[Token] = []
    bold = False
    for tok in tokens:
        if tok.space:
            if bold and (tok.text == "\t" or tok.bold is False):
                out.append("**")
                bold = False
            pending.append(tok)
            continue
        if bold and not tok.bold:
            out.append("**")
            bold = False
        out.append(_whitespace(pending))
        pending = []
        if tok.bold and not bold:
            out.append("**")
            bold = True
        out.append(tok.text)
    if bold:
        out.append("**")
    out.append("\t" * sum(1 for t in pending if t.text == "\t"))
    return unicodedata.normalize("NFC", "".join(out))


def _whitespace(pending: Sequence[Token]) -> str:
    tabs = sum(1 for t in pending if t.text == "\t")
    if tabs:
        return "\t" * tabs
    return " " if pending else ""
