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
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files
from itertools import chain

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

    def score(self, hits: Counter[tuple[str, int]], pairs: int, tables: int) -> float:
        """The layout's score for a document whose lines match its line patterns `hits`
        times (`line_hits`) and whose structure has `pairs` pairs and `tables` tables."""
        total = self.base
        for k, (_rx, weight) in enumerate(self.lines):
            total += weight * min(hits[(self.name, k)], _CAP)
        return total + self.per_pair * min(pairs, 40) + self.per_table * min(tables, 10)


def line_hits(doc: Document) -> Counter[tuple[str, int]]:
    """How many of the document's lines each layout's k-th line pattern matches, by
    (layout, k)."""
    return Counter(chain.from_iterable(map(_matching, doc.normalised_text.split("\n"))))


@lru_cache(maxsize=1 << 16)  # the same lines recur in every report of a form
def _matching(text: str) -> tuple[tuple[str, int], ...]:
    return tuple(
        (layout.name, k)
        for layout in layouts()
        for k, (rx, _) in enumerate(layout.lines)
        if rx.search(text)
    )


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
    hits = line_hits(doc)
    pairs = sum(isinstance(item, Pair) for item in form.items)
    tables = sum(isinstance(item, Table | FlatTable) for item in form.items)
    for layout in layouts():
        score = layout.score(hits, pairs, tables)
        if score > best_score:
            best, best_score = layout, score
    assert best is not None
    return best
