"""The ground-truth vocabulary: a record as a view, and a view compared field by field.

`actual_view(record)` puts a parsed record into the vocabulary of the hand-written
expectations (`tests/data/expected/*.json`) and of the generator's `truth.json`; both
are compared with `compare(expected, actual)`, which gives one `FieldResult` per compared
field, so a test can report accuracy per field instead of stopping at the first
difference. The rules of comparison (README "How to read the expected files"):

- a key the expectation leaves out is not compared;
- `measures`: the count must match, then each expected measure is compared on the keys
  it has (one result per measure and key, named `measures.<key>`);
- `warning_fields` is a subset check: each listed field needs a warning on that field or
  below it (`field.x`, `field[0]`);
- everything else must be equal.

`failing_checks(view)` applies the budget audit's rules (queries/analyses/audit.py) to an
expected view: which stated totals do not equal the sum of their parts. The generator
uses it to list the mismatches it planted, from the numbers it wrote, without parsing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

VIEW_KEYS = (
    "layout",
    "year",
    "schemes",
    "sector",
    "continuation",
    "continues_year",
    "phases",
    "needs",
    "owner",
    "network_id",
    "uh_ids",
    "budget",
    "budget_sum",
    "measures",
    "partner_names",
    "partner_roles",
    "union_held",
    "unions",
    "units",
    "sami_perspective",
    "linked_to_further_education",
    "warning_fields",
)
VARIANT_KEYS = tuple(k for k in VIEW_KEYS if k != "layout")  # a variant names no layout
BUDGET_KEYS = ("scheme", "label", "owner_amount", "uh_amount", "total_stated")
SUM_KEYS = ("owner_amount", "uh_amount", "total_stated")
_MISSING = object()


def actual_view(record) -> dict:
    """The record in the expectation files' vocabulary."""
    r = record.to_json()
    return {
        "layout": r["layout"],
        "year": r["year"],
        "schemes": r["schemes"],
        "sector": r["sector"],
        "continuation": r["continuation"],
        "continues_year": r["continues_year"],
        "phases": r["phases"],
        "needs": r["needs"],
        "owner": {"name": r["owner"]["name"], "id": r["owner"]["id"]},
        "network_id": r["network"]["id"] if r["network"] else None,
        "uh_ids": [u["id"] for u in r["uh"]],
        "budget": [{k: row[k] for k in BUDGET_KEYS} for row in r["budget"]],
        "budget_sum": ({k: r["budget_sum"][k] for k in SUM_KEYS} if r["budget_sum"] else None),
        "measures": r["measures"],
        "partner_names": [p["org"]["name"] for p in r["partners"]],
        "partner_roles": [p["role"] for p in r["partners"]],
        "union_held": r["union_consultation"]["held"],
        "unions": r["union_consultation"]["unions"],
        "units": r["units"],
        "sami_perspective": r["sami_perspective"],
        "linked_to_further_education": r["linked_to_further_education"],
        "warning_fields": sorted(
            {d["field"] for d in r["diagnostics"] if d["level"] != "info" and d["field"]}
        ),
    }


# --- comparison ------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldResult:
    field: str  # 'year', 'measures.terms', 'warning_fields', ...
    ok: bool
    want: Any
    got: Any

    def __str__(self) -> str:
        return f"{self.field}: expected {self.want!r}, got {self.got!r}"


def warned(field: str, warnings: list[str]) -> bool:
    """A warning on `field` itself or below it ('measures.terms', 'measures[0].terms')."""
    return any(f == field or f.startswith((field + ".", field + "[")) for f in warnings)


def compare(want: dict, got: dict) -> list[FieldResult]:
    """One result per compared field (see the module doc for the rules)."""
    results: list[FieldResult] = []
    for key, expected in want.items():
        actual = got.get(key, _MISSING)
        if key == "measures":
            results.append(
                FieldResult(
                    "measures.count", len(actual) == len(expected), len(expected), len(actual)
                )
            )
            for i, m_want in enumerate(expected):
                m_got = actual[i] if i < len(actual) else {}
                for k, v in m_want.items():
                    have = m_got.get(k, _MISSING)
                    results.append(FieldResult(f"measures.{k}", have == v, v, have))
        elif key == "warning_fields":
            for field in expected:
                results.append(FieldResult("warning_fields", warned(field, actual), field, actual))
        else:
            results.append(FieldResult(key, actual == expected, expected, actual))
    return results


def accuracy(results: list[FieldResult]) -> dict[str, tuple[int, int]]:
    """Field -> (correct, total), in first-seen order."""
    table: dict[str, list[int]] = {}
    for res in results:
        cell = table.setdefault(res.field, [0, 0])
        cell[0] += res.ok
        cell[1] += 1
    return {field: (ok, total) for field, (ok, total) in table.items()}


def accuracy_table(results: list[FieldResult]) -> str:
    """The per-field accuracy as a plain-text table, with an 'all fields' line."""
    table = accuracy(results)
    width = max([len("field"), *(len(f) for f in table)])
    lines = [f"{'field':<{width}}  correct    total  accuracy"]
    for field, (ok, total) in table.items():
        lines.append(f"{field:<{width}}  {ok:>7}  {total:>7}  {100 * ok / total:7.2f}%")
    ok = sum(v[0] for v in table.values())
    total = sum(v[1] for v in table.values())
    pct = 100 * ok / total if total else 100.0
    lines.append(f"{'all fields':<{width}}  {ok:>7}  {total:>7}  {pct:7.2f}%")
    return "\n".join(lines)


# --- the budget audit's rules on a view ----------------------------------------------------

_MEASURE_LABEL = re.compile(r"\s*tiltak\s+(\d+)\s*[:.\-–]?\s*(.*)", re.IGNORECASE)


def _check(code: str, what: str, column: str, stated: int, computed: int) -> dict:
    return {
        "check": code,
        "what": what,
        "column": column,
        "stated": stated,
        "computed": computed,
        "difference": computed - stated,
    }


def _total(values: list[int | None]) -> int | None:
    return None if None in values else sum(values)


def _row_total(row: dict, what: str) -> list[dict]:
    o, u, t = row["owner_amount"], row["uh_amount"], row["total_stated"]
    if None in (o, u, t) or o + u == t:
        return []
    return [_check("row-total", what, "total", t, o + u)]


def _columns(code: str, what: str, rows: list[dict], measures: list[dict]) -> list[dict]:
    out = []
    for column, attr in (("owner", "owner_amount"), ("UH", "uh_amount")):
        stated = _total([r[attr] for r in rows])
        computed = _total([m[attr] for m in measures])
        if stated is not None and computed is not None and stated != computed:
            out.append(_check(code, what, column, stated, computed))
    return out


def _norm(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(" .:")


def failing_checks(view: dict) -> list[dict]:
    """The budget audit's comparisons that fail on this view: row totals (the Sum row
    too), measure totals, a scheme's measures against its row, a per-measure row against
    its measure, and each column of the Sum row against the rows. Per-UH shares are not
    in the view; the generator never writes a share that disagrees with its cell."""
    rows = view.get("budget") or []
    measures = view.get("measures") or []
    out: list[dict] = []
    for k, row in enumerate(rows):
        out += _row_total(row, row["scheme"] or row["label"] or f"row {k + 1}")
    for m in measures:
        o, u, t = m.get("owner_amount"), m.get("uh_amount"), m.get("total_stated")
        if None not in (o, u, t) and o + u != t:
            numbered = m.get("number") is not None
            what = f"Tiltak {m['number']}: {m['name']}" if numbered else m["name"]
            out.append(_check("measure-total", what, "total", t, o + u))
    by_scheme: dict[str, list[dict]] = defaultdict(list)
    for m in measures:
        if m.get("scheme"):
            by_scheme[m["scheme"]].append(m)
    for scheme, ms in by_scheme.items():
        mine = [r for r in rows if r["scheme"] == scheme]
        if mine:
            out += _columns("scheme-column", scheme, mine, ms)
    for row in rows:
        match = _MEASURE_LABEL.fullmatch(row["label"] or "") if row["scheme"] is None else None
        if match is None:
            continue
        number, key = int(match[1]), _norm(match[2])
        both = [m for m in measures if m.get("number") == number and _norm(m["name"]) == key]
        named = [m for m in measures if key and _norm(m["name"]) == key]
        numbered = [m for m in measures if m.get("number") == number]
        found = both or named or (numbered if len(numbered) == 1 else [])
        if found:
            out += _columns("measure-column", row["label"], [row], found)
    total = view.get("budget_sum")
    if total is not None:
        out += _row_total(total, "Sum")
        if rows:
            for column, attr in (
                ("owner", "owner_amount"),
                ("UH", "uh_amount"),
                ("total", "total_stated"),
            ):
                stated = total[attr]
                computed = _total([r[attr] for r in rows])
                if stated is not None and computed is not None and stated != computed:
                    out.append(_check("grand-sum", "Sum", column, stated, computed))
    return out


def mismatch_key(row: dict) -> tuple:
    """What identifies one audit mismatch across truth.json and the audit table."""
    return (row["report"], row["check"], row["what"], row["column"], row["stated"], row["computed"])
