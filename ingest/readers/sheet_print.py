"""A spreadsheet printed with its headings: a row of column letters (' | A | B | C …') over
rows whose first cell is the sheet's row number ('3 | Eier | Narvik kommune').

Excel prints them when "Print headings" is on; they are the sheet's coordinates, not the
report's cells. With them every line starts with a number and the form's labels stand in
its second cell. So a text whose lines show a row of letters A, B, C … in order, and whose
tab rows mostly start with a row number that grows, is read without the letters' rows and
without the row numbers (line numbers kept)."""

from __future__ import annotations

import itertools
import re

from kompetansekart.ingest.records import Line

_ROW_NUMBER = re.compile(r"^\s*(\d{1,4})\t")
MIN_ROWS = 5  # fewer numbered rows is a table's own numbers, not a print's headings


def _letters(text: str) -> bool:
    cells = [c.strip() for c in text.split("\t")]
    letters = [c for c in cells if c]
    if len(letters) < 3 or cells[0]:
        return False
    return letters == [chr(ord("A") + k) for k in range(len(letters))]


def is_sheet_print(lines: list[Line]) -> bool:
    if not any(_letters(line.text) for line in lines if "\t" in line.text):
        return False
    numbers = [int(m.group(1)) for line in lines if (m := _ROW_NUMBER.match(line.text))]
    rising = sum(1 for a, b in itertools.pairwise(numbers) if b > a)
    return len(numbers) >= MIN_ROWS and rising >= 0.7 * (len(numbers) - 1)


def without_headings(lines: list[Line]) -> list[Line]:
    out = []
    for line in lines:
        if "\t" in line.text and _letters(line.text):
            continue
        m = _ROW_NUMBER.match(line.text)
        text = line.text[m.end() :] if m else line.text
        out.append(Line(line.no, text.rstrip("\t"), line.file, line.heading))
    return out
