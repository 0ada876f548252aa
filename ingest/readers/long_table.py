"""A report exported as one fact per row: 'Seksjon | Felt | Verdi | Enhet | Kilde'.

A case system or a data warehouse writes a form in "long" (tidy) shape: a column names
the part ('Søker', 'Tiltak 1', 'Budsjett'), one the field, one its value, and perhaps one
the unit and one a source or a remark. Read row by row as a table, every value would be a
cell under the heading 'Verdi'. What the rows say is a form: so each part becomes a
heading where it changes and each row a ``Felt: Verdi`` line (the unit after the value,
a remark in brackets), numbered as the row it came from. A unit of thousands ('kNOK',
'1000 kr') is written out as thousands, which the amount reader knows ('320 tusen kr').
"""

from __future__ import annotations

import re

from kompetansekart.ingest.records import Line

KEYS = frozenset({"felt", "field", "nøkkel", "nokkel", "key", "spørsmål", "sporsmal"})
KEYS |= {"question", "label", "ledetekst", "navn", "name", "parameter", "egenskap"}
VALUES = frozenset({"verdi", "value", "svar", "answer", "innhold", "data", "tekst"})
SECTIONS = frozenset({"seksjon", "section", "del", "avsnitt", "kapittel", "gruppe", "group"})
_UNITS = frozenset({"enhet", "unit", "benevning", "eining"})
_NOTES = frozenset({"kilde", "source", "kommentar", "merknad", "note", "notat", "comment"})
_THOUSANDS = re.compile(
    r"^(?:knok|tnok|1000\s*kr|1\s?000\s*kr|tusen\s*kr(?:oner)?|i\s+tusen)$", re.I
)
_MONEY_UNIT = re.compile(r"^(?:nok|kr|kroner)$", re.I)


def long_lines(lines: list[Line]) -> list[Line]:
    """The lines, with every long table in them written as a form (see the docstring)."""
    return _choices(_long_lines(lines))


def _choices(lines: list[Line]) -> list[Line]:
    """A part whose every row is answered yes or no ('Fase' over 'Analyse: Nei',
    'Planlegging: Ja'): its options, as one question with its boxes ('Fase: ☐ Analyse
    ☒ Planlegging'), the way a form shows them."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        rows = []
        j = k + 1
        while j < len(lines) and not lines[j].heading and _YES_NO.match(lines[j].text):
            rows.append(lines[j])
            j += 1
        ends = j >= len(lines) or lines[j].heading
        if line.heading == 2 and len(rows) >= 2 and ends:
            boxes = " ".join(
                f"{'☒' if m['answer'].casefold() in _YES else '☐'} {m['option']}"
                for m in map(_YES_NO.match, (r.text for r in rows))
                if m is not None
            )
            out.append(Line(line.no, f"{line.text}: {boxes}", line.file))
            k = j
            continue
        out.append(line)
        k += 1
    return out


_YES = {"ja", "true", "sann", "x", "yes"}
_YES_NO = re.compile(
    r"^(?P<option>[^:]{2,60}):\s*(?P<answer>ja|nei|true|false|sann|usann|x|yes|no)$", re.I
)


def _long_lines(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    columns: dict[str, int] | None = None
    section = ""
    for line in lines:
        cells = [c.strip() for c in line.text.split("\t")]
        if line.heading:
            columns, section = None, ""  # a new sheet
            out.append(line)
            continue
        if columns is None:
            columns = _header(cells)
            if columns is None:
                out.append(line)
            continue
        part = _cell(cells, columns.get("section"))
        if part and part != section:
            section = part
            out.append(Line(line.no, part, line.file, 2))
        field, value = _cell(cells, columns["key"]), _cell(cells, columns["value"])
        if not field:
            out.append(line)
            continue
        out.append(
            Line(
                line.no,
                f"{field}: {_with_unit(value, _cell(cells, columns.get('unit')))}"
                + _note(_cell(cells, columns.get("note"))),
                line.file,
            )
        )
    return out


def _header(cells: list[str]) -> dict[str, int] | None:
    names = [c.casefold() for c in cells]
    found: dict[str, int] = {}
    for k, name in enumerate(names):
        for role, words in (
            ("section", SECTIONS),
            ("key", KEYS),
            ("value", VALUES),
            ("unit", _UNITS),
            ("note", _NOTES),
        ):
            if name in words and role not in found:
                found[role] = k
    if "key" not in found or "value" not in found or found["value"] != found["key"] + 1:
        return None
    if "section" not in found or len([c for c in cells if c]) > 6:
        return None  # 'Felt | Verdi' alone is the delimited export's, read there
    return found


def _cell(cells: list[str], k: int | None) -> str:
    return cells[k] if k is not None and k < len(cells) else ""


def _with_unit(value: str, unit: str) -> str:
    if not value:
        return "–"  # an empty answer, not a label whose value is the next row
    if not unit or _MONEY_UNIT.match(unit):
        return f"{value} kr" if unit and re.fullmatch(r"[\d  .]+", value) else value
    if _THOUSANDS.match(unit) and re.fullmatch(r"\d[\d  ]*", value):
        return f"{value} tusen kr"
    return f"{value} {unit}"


def _note(note: str) -> str:
    return f" ({note})" if note else ""
