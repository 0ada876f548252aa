"""Codes a form explains in a legend, written out where they are used.

    KODER                 J = JA, N = NEI, U = UAKTUELT
    ORDNING REKOMP        J
    TILTAK  (FORMÅL: V = VURDERING, P = PLANLEGGING, G = GJENNOMFØRING   VF = VIDEREFØRT TILTAK)

A printout from a case system saves its columns' width with one-letter answers and
short column names, and says once what they mean. A legend is a line with two or more
`CODE = words` entries (codes are one to four capital letters), or one entry after a
label that says it is a code ('UH-KODE: USN = …'). A legend after a field label
('FORMÅL: V = VURDERING …') holds for the values of that field only, so 'V' can mean
VURDERING in one column and VÅR in another; a legend without one ('KODER …') for every
value. A value that is a code, or starts with one ('J   FRA BEHOVSÅR 2026'), reads as the
words it stands for, and so does a table's column heading that is a code ('VF'). The
lines keep their numbers: what the words say is still traced to the line that used the
code.
"""

from __future__ import annotations

import re

from kompetansekart.ingest.form.model import Form, Pair, Table
from kompetansekart.ingest.labels import key

_ENTRY = re.compile(
    r"(?<![\w.-])(?P<code>[A-ZÆØÅ]{1,4})\s*=\s*(?P<words>[A-ZÆØÅa-zæøå][^=,;()]*?)"
    r"(?=\s*[,;)]|\s{2,}|\s+[A-ZÆØÅ]{1,4}\s*=|\s*$)"
)
_CODE_LABEL = re.compile(r"\bkod(?:e|er|ar)\b|\bforklaring\b", re.IGNORECASE)
_FIRST = re.compile(r"^(?P<code>[A-ZÆØÅ]{1,4})(?=\s|$)")

Legend = dict[str, str]


def apply_codes(form: Form) -> None:
    """Write out, in the form's pairs and tables, the codes its legends explain."""
    everywhere, by_label, legend_lines = _legends(form)
    if not everywhere and not by_label:
        return
    legends = (everywhere, *by_label.values())
    headings = {code: words for legend in legends for code, words in legend.items()}
    for item in form.items:
        if isinstance(item, Pair) and item.i in legend_lines:
            item.meaning = None  # 'TERMINER: V = VÅR, H = HØST': says what codes mean
        elif isinstance(item, Pair):
            _pair(item, everywhere, by_label)
        elif isinstance(item, Table):
            _table(item, everywhere, by_label, headings)


def _legends(form: Form) -> tuple[Legend, dict[str, Legend], set[int]]:
    doc = form.doc
    everywhere: Legend = {}
    by_label: dict[str, Legend] = {}
    lines: set[int] = set()
    for i in range(len(doc)):
        text = doc.plain(i)
        if "=" not in text:
            continue
        entries = list(_ENTRY.finditer(text))
        before = text[: entries[0].start()] if entries else ""
        if len(entries) < 2 and not (entries and _CODE_LABEL.search(before)):
            continue
        lines.add(i)
        label = _scope(before)
        target = everywhere if label is None else by_label.setdefault(label, {})
        for m in entries:
            target.setdefault(m["code"], m["words"].strip())
    return everywhere, by_label, lines


def _scope(before: str) -> str | None:
    """The field a legend is about: the label before its first entry ('TILTAK (FORMÅL:'
    -> 'formal'), or None for a legend of the whole form ('KODER', 'UH-KODE:')."""
    head, colon, _ = before.rpartition(":")
    words = re.split(r"[(\[]", head if colon else before)[-1].strip(" :-–")
    if not words or _CODE_LABEL.search(words):
        return None
    return key(words)


def _written_out(value: str, legend: Legend) -> str | None:
    m = _FIRST.match(value)
    if m is None or m["code"] not in legend:
        return None
    return legend[m["code"]] + value[m.end() :]


def _pair(pair: Pair, everywhere: Legend, by_label: dict[str, Legend]) -> None:
    legend = by_label.get(key(pair.label)) or everywhere
    value = _written_out(pair.value, legend)
    if value is None:
        return
    pair.value = value
    raw = _written_out(pair.raw.strip(), legend)
    pair.raw = raw if raw is not None else value


def _table(table: Table, everywhere: Legend, by_label: dict[str, Legend], headings: Legend) -> None:
    header = table.rows[0]
    scoped = [by_label.get(key(cell)) for cell in header.cells]
    for n, cell in enumerate(header.cells):
        if cell in headings:
            header.cells[n] = header.raw[n] = headings[cell]
    for row in table.rows[1:]:
        for n, cell in enumerate(row.cells):
            legend = (scoped[n] if n < len(scoped) else None) or everywhere
            if cell in legend:
                row.cells[n] = legend[cell]
                if n < len(row.raw):
                    row.raw[n] = legend[cell]
