"""Tables a text export flattened to spaces, read without cell boundaries.

* **Money rows** under 'Eier UH Totalt': a row label (wrapped over lines, 'Tiltak 1:
  Kvalitetsutvikling / kommunale bhg.') then its amounts on one line. The first amount is
  the owner's and the last the total; those between are the UH's, each naming its UH in a
  note ('201 500,- (LMS)'), summed with the split kept.
* **Contact rows** under 'Eier UH': 'Navn Kari Nordmann Ola Nordmann' split where the owner's
  contact (known from 'Kontaktpersoner:') ends, or before the only other capitalised word
  group; if that is not safe both are left empty, with a note.
* **Units** under a wrapped header 'Kommunale / barnehager / … PP-tjenester': the first
  line of numbers (or X) is the counts, column by column in the header's order.
"""

from __future__ import annotations

import re

from kompetansekart.ingest.amounts import find_amounts
from kompetansekart.ingest.fill.header import set_contact
from kompetansekart.ingest.fill.money_fields import _resolve_share
from kompetansekart.ingest.fill.state import State
from kompetansekart.ingest.fill.tables import money_row
from kompetansekart.ingest.form.model import FlatTable, Row
from kompetansekart.ingest.labels import strip_numbering
from kompetansekart.ingest.money import read_money
from kompetansekart.ingest.records import UNIT_KEYS, UhShare

_UNIT_HEADERS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"kommunale\w*\s+barneha\w*|offentl[ie]g\w*\s+barneha\w*",
        r"private\w*\s+barneha\w*",
        r"offentl[ie]g\w*\s+sk[uo]l\w*|kommunale\w*\s+sk[uo]l\w*",
        r"private\w*\s+sk[uo]l\w*",
        r"pp-tjenest\w*|pp-tenest\w*|\bppt\b",
    )
)


def read_flat(f: State, table: FlatTable) -> None:
    if table.columns[0] in ("owner", "uh") and len(table.columns) == 2:
        _contacts(f, table)
    else:
        _money(f, table)


# 'Rekomp ........   –   –   –': a row with dashes for figures (or a leader and nothing)
_EMPTY_ROW = re.compile(r"^.*?(?:\.{3,}|…+|\t)[\s\t–—-]*$")


def _money(f: State, table: FlatTable) -> None:
    pending: list[str] = []
    for j in table.lines:
        text = f.doc.plain(j)
        cells = f.doc.aligned[j]
        if cells is not None and len(cells) > len(table.columns):
            # 'Dekomp ....   420 000     680 000': the spaces between the figures part them
            text = "\t".join(cells)
        amounts = find_amounts(text)
        if not amounts:
            if not _EMPTY_ROW.match(text):
                pending.append(text)  # a row label wrapped over lines, its figures below
            continue
        label = " ".join([*pending, text[: amounts[0].start]]).strip()
        label = re.sub(r"\s*(?:\.{3,}|…+)\s*$", "", label).strip()
        pending = []
        values = _row_values(f, text, amounts, table.columns, j)
        if values is None:
            f.diag(
                "warning",
                "budget-row-shape",
                f"{len(amounts)} amounts for {len(table.columns)} columns; row left unread",
                "budget",
                j,
            )
            continue
        f.use(j, *(a.value for a in amounts))
        uh = values.pop("uh_amount", None)
        shares = []
        if uh is not None:
            values["uh_amount"], shares = uh
        money_row(f, Row(j, [label], [label]), label, None, values, shares, True)


def _row_values(f: State, text: str, amounts, columns: list[str], j: int) -> dict | None:
    """Amounts in column order; several UH amounts between owner and total are the UH's."""
    values: dict[str, object] = {}
    if len(amounts) == len(columns):
        for col, a in zip(columns, amounts, strict=True):
            _put(f, values, col, [a], j)
        return values
    if len(amounts) > len(columns) and columns == ["owner_amount", "uh_amount", "total_amount"]:
        middle = amounts[1:-1]
        if all(a.note for a in middle):
            _put(f, values, "owner_amount", [amounts[0]], j)
            _put(f, values, "uh_amount", middle, j)
            _put(f, values, "total_amount", [amounts[-1]], j)
            return values
    return None


def _put(f: State, values: dict, col: str, amounts, j: int) -> None:
    if col == "uh_amount":
        shares = [UhShare(_resolve_share(f, a.note, j), a.value) for a in amounts if a.note]
        values["uh_amount"] = (sum(a.value for a in amounts), shares)
    elif col == "owner_amount":
        values["owner_amount"] = amounts[0].value
    elif col == "total_amount":
        values["total_stated"] = amounts[0].value


def _contacts(f: State, table: FlatTable) -> None:
    roles = ["eier" if c == "owner" else "uh" for c in table.columns]
    known = _named_owner_contact(f)
    for j in table.lines:
        text = f.doc.plain(j)
        found = f.labels.prefix(strip_numbering(text))
        if found is None:
            continue
        part = next((x.rsplit(".", 1)[1] for x in found.fields if x.startswith("contact.")), None)
        rest = text[found.end :].strip()
        if part is None or not rest:
            continue
        first, second = _two_columns(rest, known if part == "name" else None)
        if not first and not second:
            f.diag(
                "info",
                "cells-merged",
                "a contact row has no cell boundaries; could not split owner from UH",
                "contacts",
                j,
            )
            continue
        for role, value in zip(roles, (first, second), strict=True):
            if value:
                set_contact(f, role, part, value, j)


def _named_owner_contact(f: State) -> str | None:
    for c in f.report.contacts:
        if c.role == "eier" and not c.name.startswith("("):
            return c.name
    return None


def _two_columns(rest: str, first: str | None) -> tuple[str, str]:
    if first and rest.startswith(first):
        return first, rest[len(first) :].strip()
    words = rest.split()
    caps = [k for k, w in enumerate(words) if k > 0 and w[:1].isupper()]
    if len(caps) == 1:
        k = caps[0]
        return " ".join(words[:k]), " ".join(words[k:])
    return "", ""


def read_units(f: State, lines: list[int]) -> bool:
    """The units header (wrapped over lines) and the first line of counts under it."""
    header: list[str] = []
    for j in lines:
        tokens = f.doc.plain(j).split()
        if tokens and all(re.fullmatch(r"\d+|[xX–-]", t) for t in tokens):
            return _assign_units(f, " ".join(header), tokens, j)
        header.append(f.doc.plain(j))
    return False


def _assign_units(f: State, header: str, tokens: list[str], j: int) -> bool:
    positions = []
    for key, rule in zip(UNIT_KEYS, _UNIT_HEADERS, strict=True):
        match = rule.search(header)
        positions.append((match.start() if match else -1, key))
    order = [key for pos, key in sorted(positions) if pos >= 0]
    if not order:
        return False
    if len(order) != len(tokens):
        f.diag(
            "warning",
            "units-shape",
            f"{len(tokens)} unit counts for {len(order)} unit columns; left unknown",
            "units",
            j,
        )
        return True
    for key, token in zip(order, tokens, strict=True):
        if token.isdecimal():
            setattr(f.report.units, key, int(token))
        else:
            if token in "xX":
                f.marks[j] += 1
            f.diag(
                "warning",
                "units-not-stated",
                f"{key} marked '{token}' instead of a number; the count is unknown",
                f"units.{key}",
                j,
            )
    f.evidence("units", j)
    return True


__all__ = ["read_flat", "read_units"]
_ = read_money
