"""Which layout a document is written in: candidates scored from data, not an if-chain.

The form reader reads every layout the same way; the layout name is a label kept in the
record (what a person calls the document: the web-form export, Statsforvalteren's form,
a letter) and it selects the one thing that cannot be read off the text itself: the
order in which a layout asks anonymous questions ('skriv her: …' answers that are told
apart only by position). Both live in `ontology/data/layouts.csv`:

* `line` rows: a pattern and a weight; each line of the document that matches adds the
  weight (at most five lines count per pattern, so one long list does not decide);
* `pairs` / `tables` rows: a weight per label–value pair or table the structure pass found;
* `base` rows: a score the layout starts with;
* `answers` rows: ``anchor:field;field;…`` — after a pair of the anchor field, the k-th
  anonymous answer means the k-th field (an empty anchor: before any anchor).

The highest score wins; ties go to the row order of the file.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from kompetansekart.ingest.document import Document
from kompetansekart.ingest.form.model import FlatTable, Form, Pair, Table

COLUMNS = ("layout", "kind", "value", "weight", "note")
_CAP = 5


@dataclass
class AnswerOrder:
    """What the k-th anonymous answer after an anchor field means, for one layout."""

    orders: dict[str | None, list[str]] = field(default_factory=dict)

    def field(self, anchor: str | None, k: int) -> str | None:
        order = self.orders.get(anchor)
        if order is None:
            return None
        return order[k] if k < len(order) else None

    def is_anchor(self, fld: str) -> bool:
        return fld in self.orders


@dataclass
class Layout:
    name: str
    lines: list[tuple[re.Pattern[str], float]] = field(default_factory=list)
    per_pair: float = 0.0
    per_table: float = 0.0
    base: float = 0.0
    answers: AnswerOrder = field(default_factory=AnswerOrder)

    def score(self, doc: Document, form: Form) -> float:
        total = self.base
        text = doc.normalised_text  # one search over the whole text, then per line
        for rx, weight in self.lines:
            hits = 0
            if _anywhere(rx).search(text) is not None:
                for i in range(len(doc)):
                    if rx.search(doc.plain(i)):
                        hits += 1
                        if hits >= _CAP:
                            break
            total += weight * hits
        pairs = sum(1 for item in form.items if isinstance(item, Pair))
        tables = sum(1 for item in form.items if isinstance(item, Table | FlatTable))
        return total + self.per_pair * min(pairs, 40) + self.per_table * min(tables, 10)


@cache
def _anywhere(rx: re.Pattern[str]) -> re.Pattern[str]:
    """The line pattern over a whole text ('^' at every line start): a quick no."""
    return re.compile(rx.pattern, rx.flags | re.MULTILINE)


@cache
def layouts() -> tuple[Layout, ...]:
    text = files("kompetansekart.ontology").joinpath("data/layouts.csv").read_text("utf-8")
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ValueError(f"layouts.csv must have the columns {', '.join(COLUMNS)}")
    found: dict[str, Layout] = {}
    answers: dict[str, dict[str | None, list[str]]] = defaultdict(dict)
    for n, row in enumerate(reader, start=2):
        layout = found.setdefault(row["layout"], Layout(row["layout"]))
        kind, value = row["kind"], row["value"]
        weight = float(row["weight"]) if row["weight"] else 0.0
        if kind == "line":
            layout.lines.append((re.compile(value, re.IGNORECASE), weight))
        elif kind == "pairs":
            layout.per_pair = weight
        elif kind == "tables":
            layout.per_table = weight
        elif kind == "base":
            layout.base = weight
        elif kind == "answers":
            anchor, _, fields = value.partition(":")
            answers[row["layout"]][anchor or None] = [x for x in fields.split(";") if x]
        else:
            raise ValueError(f"layouts.csv line {n}: unknown kind {kind!r}")
    for name, orders in answers.items():
        found[name].answers = AnswerOrder(orders)
    return tuple(found.values())


def detect(doc: Document, form: Form) -> Layout:
    """The best-scoring layout (the first in file order on a tie)."""
    best: Layout | None = None
    best_score = float("-inf")
    for layout in layouts():
        score = layout.score(doc, form)
        if score > best_score:
            best, best_score = layout, score
    assert best is not None
    return best
