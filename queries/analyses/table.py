"""What every analysis returns: a titled table of plain rows, with the columns that hold
money in NOK named so renderers can format them (`1 524 914 kr`) and add totals, and
notes that explain in a sentence how the rows were derived."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Table:
    name: str  # file-safe, e.g. "funding-by-scheme-year"
    title: str
    headers: list[str]
    rows: list[dict[str, Any]]
    money: tuple[str, ...] = ()  # headers holding integer NOK
    totals: bool = False  # add a totals row (sums of the money columns) in tables/Markdown
    notes: list[str] = field(default_factory=list)

    def total_row(self) -> dict[str, Any] | None:
        if not self.totals or not self.rows:
            return None
        row: dict[str, Any] = {h: None for h in self.headers}
        row[self.headers[0]] = "Sum"
        for h in self.money:
            row[h] = sum(r.get(h) or 0 for r in self.rows)
        return row
