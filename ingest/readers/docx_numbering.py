"""Word's automatic list numbering, drawn as Word draws it: ``2.``, ``2.1``, ``a)``.

A Word list keeps its numbers out of the text: a paragraph says only which list it
belongs to and at which level (``w:numPr``: ``numId``, ``ilvl``), directly or through its
paragraph style, and ``word/numbering.xml`` says how each level is written (``lvlText``
``%1.%2``, ``numFmt`` decimal, lowerLetter, …, ``start``). A report written as one
multi-level list ("2. Tiltak", "2.1 Vurdering for læring …", "a) Formål: …") loses its
structure without them, so the reader puts each number before its paragraph's text. A
level counts on from its last number and starts again under a new item of the level above.
Bullets and levels without a number format are left out: a bullet says nothing a reader
needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from kompetansekart.ingest.readers.ooxml import w

_PLACEHOLDER = re.compile(r"%([1-9])")
_NUMBERED = ("decimal", "decimalZero", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman")


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str


@dataclass
class Numbering:
    """The lists of one document, and the numbers drawn so far."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> levels
    style_numbers: dict[str, tuple[str, int]] = field(default_factory=dict)  # style -> num
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_parts(
        cls, numbering: etree._Element | None, styles: etree._Element | None
    ) -> Numbering:
        if numbering is None:
            return cls()
        abstract = {
            a.get(w("abstractNumId")) or "": _levels(a) for a in numbering.iter(w("abstractNum"))
        }
        levels: dict[str, dict[int, _Level]] = {}
        for num in numbering.iter(w("num")):
            ref = num.find(w("abstractNumId"))
            if ref is None:
                continue
            own = dict(abstract.get(ref.get(w("val")) or "", {}))
            for override in num.iter(w("lvlOverride")):
                ilvl = _int(override.get(w("ilvl")), 0)
                start = override.find(w("startOverride"))
                if ilvl in own and start is not None:
                    level = own[ilvl]
                    own[ilvl] = _Level(_int(start.get(w("val")), 1), level.fmt, level.text)
            levels[num.get(w("numId")) or ""] = own
        return cls(levels, _style_numbers(styles))

    def label(self, p: etree._Element) -> str | None:
        """The number Word draws before paragraph `p`, or None."""
        num_id, ilvl = self._num_of(p)
        levels = self.levels.get(num_id or "")
        if num_id is None or not levels or ilvl not in levels:
            return None
        counts = self.counters.setdefault(num_id, {})
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else levels[ilvl].start
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        level = levels[ilvl]
        if level.fmt not in _NUMBERED:
            return None

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            known = levels.get(k)
            value = counts.get(k, known.start if known else 1)
            return _format(value, known.fmt if known else "decimal")

        return _PLACEHOLDER.sub(number, level.text).strip() or None

    def _num_of(self, p: etree._Element) -> tuple[str | None, int]:
        ppr = p.find(w("pPr"))
        num = ppr.find(w("numPr")) if ppr is not None else None
        if num is not None:
            num_id = num.find(w("numId"))
            ilvl = num.find(w("ilvl"))
            if num_id is not None:
                return num_id.get(w("val")), _int(
                    ilvl.get(w("val")) if ilvl is not None else None, 0
                )
        style = ppr.find(w("pStyle")) if ppr is not None else None
        if style is not None:
            found = self.style_numbers.get(style.get(w("val")) or "")
            if found:
                return found
        return None, 0


def _levels(abstract: etree._Element) -> dict[int, _Level]:
    out = {}
    for lvl in abstract.iter(w("lvl")):
        fmt = lvl.find(w("numFmt"))
        text = lvl.find(w("lvlText"))
        start = lvl.find(w("start"))
        out[_int(lvl.get(w("ilvl")), 0)] = _Level(
            _int(start.get(w("val")) if start is not None else None, 1),
            (fmt.get(w("val")) or "decimal") if fmt is not None else "decimal",
            (text.get(w("val")) or "") if text is not None else "",
        )
    return out


def _style_numbers(styles: etree._Element | None) -> dict[str, tuple[str, int]]:
    """Paragraph styles that number their paragraphs ('ListNumber'): style id -> list."""
    out: dict[str, tuple[str, int]] = {}
    for style in styles.iter(w("style")) if styles is not None else ():
        num = style.find(f"{w('pPr')}/{w('numPr')}")
        num_id = num.find(w("numId")) if num is not None else None
        if num is None or num_id is None:
            continue
        ilvl = num.find(w("ilvl"))
        out[style.get(w("styleId")) or ""] = (
            num_id.get(w("val")) or "",
            _int(ilvl.get(w("val")) if ilvl is not None else None, 0),
        )
    return out


def _int(text: str | None, default: int) -> int:
    return int(text) if text and text.isdecimal() else default


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        n = max(value, 1)
        while n:
            n, r = divmod(n - 1, 26)
            letters = chr(ord("a") + r) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
    (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _roman(value: int) -> str:
    out = ""
    for n, s in _ROMAN:
        while value >= n:
            out += s
            value -= n
    return out
