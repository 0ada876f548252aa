"""The budget audit: every total a report states, checked against the sum of its parts.

A needs report states the same money several times: each budget row as owner + UH = total,
each measure the same way, the scheme row again as the sum of that scheme's measures, and
the Sum row as the sum of the table. Forms are filled in by hand, so these disagree now and
then; a disagreement means at least one number the graph counts is wrong. The audit reads
the records (not the graph), because the graph keeps neither the Sum row nor a budget row's
stated total, only a grant per amount. Each comparison is a `Check`; every check run is
counted per report (table `audit-checked`) so a clean audit visibly checked something, and
every check whose sides differ becomes a row of table `audit`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath

from kompetansekart.graph.model import EdgeType as E
from kompetansekart.ingest.money import sum_difference
from kompetansekart.ingest.records import BudgetRow, Measure, NeedsReport, UhShare
from kompetansekart.queries.analyses.dataset import Dataset, Filters
from kompetansekart.queries.analyses.table import Table

HEADERS = [
    "report",
    "owner",
    "year",
    "check",
    "what",
    "column",
    "line",
    "stated",
    "computed",
    "difference",
]
MONEY = ("stated", "computed", "difference")
CHECKED_HEADERS = ["report", "owner", "year", "checks", "mismatches"]

# "Tiltak 2: Lesing og skriving" - a row of the per-measure budget table (2026 form).
_MEASURE_LABEL = re.compile(r"\s*tiltak\s+(\d+)\s*[:.\-–]?\s*(.*)", re.IGNORECASE)

NOTES = [
    "row-total: each budget row, the Sum row included, states owner + UH = total.",
    "uh-breakdown: a row's UH cell equals the sum of its per-UH shares, where every share "
    "has an amount.",
    "measure-total: each measure's owner + UH equals its stated total, where all three are stated.",
    "scheme-column: the owner (and the UH) amounts of a scheme's measures add up to that "
    "scheme's budget row.",
    "measure-column: a per-measure budget row ('Tiltak N: ...') equals the owner (and the "
    "UH) amount of the measure with that number and name.",
    "grand-sum: each column of the Sum row (owner, UH, total, each UH's share) equals the "
    "sum of that column over the budget rows.",
    "difference = computed - stated, as in the budget-audit catalog query.",
]


@dataclass(frozen=True)
class Check:
    """One comparison of a stated amount with the sum of its parts."""

    code: str
    what: str
    column: str
    line: int | None
    stated: int
    computed: int
    scheme: str | None  # the scheme the check is about; None for the table as a whole

    @property
    def ok(self) -> bool:
        return self.stated == self.computed


def audit(ds: Dataset, f: Filters) -> list[Table]:
    """The mismatches (table `audit`) and the number of checks per report (`audit-checked`)."""
    mismatches: list[dict] = []
    checked: list[dict] = []
    for record in sorted(_selected(ds, f), key=lambda r: (_file(r), r.id)):
        checks = [c for c in checks_of(record) if f.scheme is None or c.scheme == f.scheme]
        if f.scheme is not None and not checks and f.scheme not in record.schemes:
            continue
        bad = [c for c in checks if not c.ok]
        base = {"report": _file(record), "owner": record.owner.name, "year": record.year}
        checked.append({**base, "checks": len(checks), "mismatches": len(bad)})
        for c in sorted(bad, key=lambda c: (c.line is None, c.line or 0)):
            mismatches.append({**base, **_row(c)})
    note = f"Filter: {f.describe()}."
    return [
        Table(
            "audit",
            "Budget audit: stated totals that are not the sum of their parts",
            HEADERS,
            mismatches,
            money=MONEY,
            notes=[note, *NOTES],
        ),
        Table(
            "audit-checked",
            "Budget audit: checks run per report",
            CHECKED_HEADERS,
            checked,
            notes=[
                note,
                "checks: comparisons the report's stated amounts allowed; mismatches: how "
                "many of them failed (listed in the audit table).",
            ],
        ),
    ]


def _row(c: Check) -> dict:
    return {
        "check": c.code,
        "what": c.what,
        "column": c.column,
        "line": c.line,
        "stated": c.stated,
        "computed": c.computed,
        "difference": c.computed - c.stated,
    }


def _file(record: NeedsReport) -> str:
    return PurePath(record.source.path).name


def _selected(ds: Dataset, f: Filters) -> Iterator[NeedsReport]:
    """The records within the year and network filters (the scheme applies per check).

    A report counts under each network of its owner, read off the graph as every other
    analysis does, so the audit agrees with them about which reports a network has.
    """
    network = ds.network_id(f.network) if f.network is not None else None
    for record in ds.records:
        if f.year is not None and record.year != f.year:
            continue
        if f.network is not None and network not in _networks(ds, record):
            continue
        yield record


def _networks(ds: Dataset, record: NeedsReport) -> tuple[str, ...]:
    owners = ds.out(E.SUBMITTED_BY, f"report:{record.id}")
    return tuple(n for o in owners for n in ds.networks_of(o))


# --- the checks of one report ---------------------------------------------------------


def checks_of(record: NeedsReport) -> list[Check]:
    """Every comparison the report's stated amounts allow, in reading order of the checks."""
    rows = [(row, _row_line(record, k, row)) for k, row in enumerate(record.budget)]
    checks: list[Check] = []
    for k, (row, line) in enumerate(rows):
        checks += _row_checks(row, _row_name(row, k), line)
    for i, m in enumerate(record.measures):
        checks += _measure_total(m, _measure_line(record, i, m))
    checks += _scheme_columns(record, rows)
    checks += _measure_columns(record, rows)
    if record.budget_sum is not None:
        line = record.evidence.get("budget_sum", record.budget_sum.line)
        checks += _row_checks(record.budget_sum, record.budget_sum.label or "Sum", line)
        checks += _grand_sum(record.budget_sum, record.budget, line)
    return checks


def _row_checks(row: BudgetRow, what: str, line: int | None) -> list[Check]:
    """owner + UH = total, and UH = the sum of its shares: the row against its own cells."""
    checks = []
    diff = sum_difference(row.owner_amount, row.uh_amount, row.total_stated)
    if diff is not None:  # the same rule as ingest's diagnostics (ingest/money.py)
        computed = row.total_stated + diff  # type: ignore[operator]
        checks.append(
            Check("row-total", what, "total", line, row.total_stated, computed, row.scheme)
        )
    shares = [s.amount for s in row.uh_breakdown]
    if shares and None not in shares and row.uh_amount is not None:
        checks.append(
            Check("uh-breakdown", what, "UH", line, row.uh_amount, sum(shares), row.scheme)
        )
    return checks


def _measure_total(m: Measure, line: int | None) -> list[Check]:
    diff = sum_difference(m.owner_amount, m.uh_amount, m.total_stated)
    if diff is None:
        return []
    computed = m.total_stated + diff  # type: ignore[operator]
    return [
        Check("measure-total", _measure_name(m), "total", line, m.total_stated, computed, m.scheme)
    ]


def _scheme_columns(record: NeedsReport, rows: list[tuple[BudgetRow, int | None]]) -> list[Check]:
    """A scheme's measures against its row (or rows), owner and UH columns separately.

    Only where the report has both: a scheme row whose measures are not described, or
    measures of a scheme the table leaves out, give nothing to compare.
    """
    by_scheme: dict[str, list[Measure]] = defaultdict(list)
    for m in record.measures:
        if m.scheme is not None:
            by_scheme[m.scheme].append(m)
    checks = []
    for scheme, measures in by_scheme.items():
        mine = [(row, line) for row, line in rows if row.scheme == scheme]
        if mine:
            line = mine[0][1]
            checks += _columns(
                "scheme-column", scheme, line, [r for r, _ in mine], measures, scheme
            )
    return checks


def _measure_columns(record: NeedsReport, rows: list[tuple[BudgetRow, int | None]]) -> list[Check]:
    """Per-measure budget rows ('Tiltak N: name', no scheme) against the measure itself."""
    checks = []
    for row, line in rows:
        match = _MEASURE_LABEL.fullmatch(row.label or "") if row.scheme is None else None
        if match is None:
            continue
        measures = _matching(int(match[1]), match[2], record.measures)
        if measures:
            checks += _columns("measure-column", row.label, line, [row], measures, None)
    return checks


def _matching(number: int, name: str, measures: list[Measure]) -> list[Measure]:
    """The measures a 'Tiltak N: name' row stands for.

    Number and name first, since one report may number the measures of two tables from 1
    each (sample 002); then the name alone; then the number alone if only one has it.
    """
    key = _norm(name)
    both = [m for m in measures if m.number == number and _norm(m.name) == key]
    named = [m for m in measures if key and _norm(m.name) == key]
    numbered = [m for m in measures if m.number == number]
    return both or named or (numbered if len(numbered) == 1 else [])


def _norm(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(" .:")


def _columns(
    code: str,
    what: str,
    line: int | None,
    rows: list[BudgetRow],
    measures: list[Measure],
    scheme: str | None,
) -> list[Check]:
    """The owner and the UH column of `rows` against the same columns summed over
    `measures`; a column with an unstated amount on either side is not compared."""
    checks = []
    for column, attr in (("owner", "owner_amount"), ("UH", "uh_amount")):
        stated = _total(getattr(r, attr) for r in rows)
        computed = _total(getattr(m, attr) for m in measures)
        if stated is not None and computed is not None:
            checks.append(Check(code, what, column, line, stated, computed, scheme))
    return checks


def _grand_sum(total: BudgetRow, rows: list[BudgetRow], line: int | None) -> list[Check]:
    """Each column of the Sum row against the same column summed over the table's rows."""
    if not rows:
        return []
    what = total.label or "Sum"
    checks = []
    for column, attr in (("owner", "owner_amount"), ("UH", "uh_amount"), ("total", "total_stated")):
        stated = getattr(total, attr)
        computed = _total(getattr(r, attr) for r in rows)
        if stated is not None and computed is not None:
            checks.append(Check("grand-sum", what, column, line, stated, computed, None))
    per_uh = _per_uh(rows)
    for share in total.uh_breakdown:
        if share.amount is not None and per_uh is not None:
            computed = per_uh.get(_uh_key(share), 0)
            checks.append(
                Check("grand-sum", what, f"UH {share.uh.name}", line, share.amount, computed, None)
            )
    return checks


def _per_uh(rows: list[BudgetRow]) -> dict[str, int] | None:
    """Each UH's share summed over the rows; None when a row's UH money is not broken
    down (complete, with amounts), because then no per-UH sum can be known."""
    sums: dict[str, int] = defaultdict(int)
    for row in rows:
        amounts = [s.amount for s in row.uh_breakdown]
        if not row.uh_breakdown and not row.uh_amount:
            continue  # no UH money in this row
        if not amounts or None in amounts:
            return None
        for share in row.uh_breakdown:
            sums[_uh_key(share)] += share.amount
    return sums


def _uh_key(share: UhShare) -> str:
    """The same UH however it is written ('Sepu', 'SePU'): its id, else its name."""
    return share.uh.id or share.uh.name.casefold()


def _total(amounts: Iterable[int | None]) -> int | None:
    """The sum, or None when any part is unknown (an unknown part is not zero)."""
    values = list(amounts)
    return None if None in values else sum(values)


# --- names and lines --------------------------------------------------------------------


def _row_name(row: BudgetRow, k: int) -> str:
    return row.scheme or row.label or f"row {k + 1}"


def _measure_name(m: Measure) -> str:
    return f"Tiltak {m.number}: {m.name}" if m.number is not None else m.name


def _row_line(record: NeedsReport, k: int, row: BudgetRow) -> int | None:
    """The row's source line from the evidence (BudgetRow.line does not survive JSON)."""
    return _evidence_line(record, f"budget[{k}]", ()) or row.line


def _measure_line(record: NeedsReport, i: int, m: Measure) -> int | None:
    """The line of the measure's amounts where known, since that is what the check reads."""
    amounts = ("total_stated", "owner_amount", "uh_amount")
    return _evidence_line(record, f"measures[{i}]", amounts) or m.line


def _evidence_line(record: NeedsReport, key: str, prefer: tuple[str, ...]) -> int | None:
    """The evidence line of `key` itself, else of a preferred sub-field, else its first."""
    ev = record.evidence
    if key in ev:
        return ev[key]
    for sub in prefer:
        if f"{key}.{sub}" in ev:
            return ev[f"{key}.{sub}"]
    return record.line_of(key)
