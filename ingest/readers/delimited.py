"""A delimited export: one row per field or per table row, cells split by ';' or ','.

Form systems and spreadsheets save a report as CSV with a text suffix:

    # Eksport fra skjemaløsningen – 96 felt
    felt;verdi;kommentar
    Ordning;Rekomp|Kompetanseløftet;
    seksjon;Tiltak 1;
    UH-andel;380000;"inkl. reise Tromsø–Alta; ca. 6 samlingsdager"

Its syntax is CSV's, not a form's: quotes around a cell are the format's (a quoted cell
may hold the delimiter, `""` and line breaks), `#` lines before the header are the
export's own notes, a `|` inside a cell separates the values of a list, and a row whose
first cell says `seksjon` is the heading of what follows. An export of fields (a header
like `felt;verdi`, `spørsmål;svar`) becomes `label: value` lines, a comment cell a note in
parentheses after the value; any other export becomes rows of tab-separated cells, the
shape every reader gives a table. Each line keeps the number of the file line its row
starts on. A file is taken for an export only when most of its lines have as many cells
as its header, so prose with a ';' in it stays as it is.
"""

from __future__ import annotations

import csv
import io

from kompetansekart.ingest.readers.long_table import KEYS, SECTIONS, VALUES
from kompetansekart.ingest.records import Line

_KEYS, _VALUES, _SECTIONS = KEYS, VALUES, SECTIONS


def delimiter_of(lines: list[Line]) -> str | None:
    """';' or ',' when the text is a delimited export (see the module docstring)."""
    first = next((ln.text for ln in lines if _content(ln.text)), "")
    if ";" not in first and first.count(",") < 2:
        return None  # the header names the columns: a text without one is no export
    content = [ln.text.lstrip("\ufeff") for ln in lines if _content(ln.text)]
    if len(content) < 6:
        return None
    for sep in (";", ","):
        if content[0].count(sep) < (1 if sep == ";" else 2):
            continue
        rows = [r for r in csv.reader(io.StringIO("\n".join(content)), delimiter=sep) if r]
        width = len(rows[0]) if rows else 0
        if width < 2 or (sep == "," and width < 3):
            continue
        if sum(1 for r in rows if len(r) == width) >= 0.8 * len(rows) and len(rows) >= 5:
            return sep
    return None


def delimited_lines(lines: list[Line], sep: str) -> list[Line]:
    """The export's rows as a form's lines (see the module docstring)."""
    file = lines[0].file if lines else ""
    start = next(k for k, ln in enumerate(lines) if _content(ln.text))
    text = "\n".join(ln.text.lstrip("\ufeff") for ln in lines[start:])
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    out: list[Line] = []
    fields: bool | None = None
    first_no = lines[start].no
    before = 0
    for row in reader:
        no = first_no + before
        before = reader.line_num
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if fields is None:  # the header
            fields = _is_field_header(cells)
            if not fields:
                out.append(Line(no, "\t".join(cells), file))
            continue
        if cells[0].casefold() in _SECTIONS and len([c for c in cells[1:] if c]) == 1:
            out.append(Line(no, next(c for c in cells[1:] if c), file, 2))
        elif fields:
            out.extend(_field_lines(no, cells, file))
        else:
            out.append(Line(no, "\t".join(c.replace("\n", " ") for c in cells), file))
    return out


def _content(text: str) -> bool:
    body = text.lstrip("\ufeff").strip()
    return bool(body) and not body.startswith("#")


def _is_field_header(cells: list[str]) -> bool:
    names = [c.casefold() for c in cells]
    return len(names) in (2, 3, 4) and names[0] in _KEYS and names[1] in _VALUES


def _field_lines(no: int, cells: list[str], file: str) -> list[Line]:
    """'UH-andel;380000;inkl. reise' -> 'UH-andel: 380000 (inkl. reise)'; a value with line
    breaks goes on on the lines under it, numbered as in the file."""
    label, value, *notes = [*cells, ""]
    value = ", ".join(v.strip() for v in value.split("|")) if "|" in value else value
    note = " ".join(n for n in notes if n).replace("\n", " ")
    first, *rest = value.split("\n")
    # an empty cell is an empty answer ('–'), not a label whose value is the next row
    head = f"{label}: {first.strip() or '–'}" + (f" ({note})" if note else "")
    out = [Line(no, head, file)]
    out += [Line(no + k, part, file) for k, part in enumerate(rest, start=1) if part.strip()]
    return out
