"""The form's summary table 'Total sum det meldes behov for <year>'.

Two shapes occur: one row per scheme ('Ordning | Eier | UH | Totalt', 2024 form) and one
row per measure ('Tiltak 2: Trygt og godt skolemiljø  250 000,-  364 300,- (LMS) ...',
2026 form, cells flattened to spaces and labels wrapped over two lines). The UH cell can
hold several amounts, each naming its UH in parentheses; those become the breakdown.
"""

from __future__ import annotations

import re

from kompetansekart.ingest.amounts import Amount, find_amounts, format_nok, parse_amount
from kompetansekart.ingest.context import UH_KINDS, Context
from kompetansekart.ingest.records import BudgetRow, Measure, UhShare

_TABLE_START = re.compile(r"total sum det meldes behov for", re.IGNORECASE)
_SUM = re.compile(r"^(sum|totalt|total)\b", re.IGNORECASE)
_MEASURE_LABEL = re.compile(r"^tiltak\s*(\d+)\s*[:.\-–]?\s*(.*)$", re.IGNORECASE)


def parse_budget(ctx: Context, end: int) -> int | None:
    """Fill report.budget / budget_sum (and measures for per-measure tables).
    Returns the index of the line after the table, or None when there is none."""
    start = ctx.doc.find(_TABLE_START, end=end)
    if start is None:
        return None
    pending: list[str] = []
    for j in range(start + 1, min(start + 30, end)):
        label, amounts = _split_row(ctx, j)
        if not amounts:
            if _is_header(label):
                continue
            if ctx.doc.is_table_row(j) and not pending:
                continue  # a row left blank: that scheme is not asked for
            if pending or _MEASURE_LABEL.match(label) or ctx.schemes.ids_in(label):
                pending.append(label)
                continue
            return j
        full_label = " ".join([*pending, label]).strip()
        pending = []
        row = _row(ctx, j, full_label, amounts)
        if row is None:
            continue
        if _SUM.match(full_label):
            ctx.report.budget_sum = row
            ctx.evidence("budget_sum", j)
            return j + 1
        ctx.evidence(f"budget[{len(ctx.report.budget)}]", j)
        ctx.report.budget.append(row)
    return None


def _is_header(label: str) -> bool:
    words = set(label.lower().split())
    return bool(words) and words <= {"ordning", "eier", "uh", "totalt", "sum", "tiltak"}


def _split_row(ctx: Context, j: int) -> tuple[str, list[list[Amount]]]:
    """A row's label and its amount cells (each cell a list: the UH cell may hold several)."""
    cells = ctx.doc.cells(j)
    if len(cells) >= 3:
        amount_cells = [_cell_amounts(cell) for cell in cells[1:]]
        return cells[0], [cell for cell in amount_cells if cell]
    text = ctx.doc.plain(j)
    amounts = find_amounts(text)
    if not amounts:
        return text, []
    label = text[: amounts[0].start].strip()
    return label, _group_flat(amounts)


def _cell_amounts(cell: str) -> list[Amount]:
    """A table cell: its amounts, or a bare number ('0', '500') standing alone in it."""
    found = find_amounts(cell)
    if not found and (value := parse_amount(cell)) is not None:
        found = [Amount(value, None, 0, len(cell))]
    return found


def _group_flat(amounts: list[Amount]) -> list[list[Amount]]:
    """Flattened row: first amount is the owner's, last the total, the middle ones the UH's."""
    if len(amounts) < 3:
        return [[a] for a in amounts]
    return [[amounts[0]], amounts[1:-1], [amounts[-1]]]


def _row(ctx: Context, j: int, label: str, cells: list[list[Amount]]) -> BudgetRow | None:
    if len(cells) != 3:
        ctx.diag(
            "warning",
            "budget-row-shape",
            f"budget row '{label}' has {len(cells)} amount cells, expected owner, UH and total",
            "budget",
            j,
        )
        return None
    owner, uh_cell, total = cells
    breakdown = [
        UhShare(ctx.org(a.note, UH_KINDS, "budget.uh_breakdown", j), a.value)
        for a in uh_cell
        if a.note
    ]
    scheme_ids = [s for s in ctx.schemes.ids_in(label) if s != "kollektiv"]
    row = BudgetRow(
        scheme=scheme_ids[0] if scheme_ids and not _MEASURE_LABEL.match(label) else None,
        owner_amount=owner[0].value,
        uh_amount=sum(a.value for a in uh_cell),
        total_stated=total[0].value,
        label=None if scheme_ids and not _MEASURE_LABEL.match(label) else label,
        uh_breakdown=breakdown,
        line=ctx.doc.no(j),
    )
    _check_row(ctx, j, row)
    match = _MEASURE_LABEL.match(label)
    if match and not _SUM.match(label):
        ctx.evidence(f"measures[{len(ctx.report.measures)}]", j)
        ctx.report.measures.append(
            Measure(
                name=match.group(2).strip() or label,
                number=int(match.group(1)),
                owner_amount=row.owner_amount,
                uh_amount=row.uh_amount,
                total_stated=row.total_stated,
                uh=breakdown[0].uh if len(breakdown) == 1 else None,
                line=ctx.doc.no(j),
            )
        )
    return row


def _check_row(ctx: Context, j: int, row: BudgetRow) -> None:
    if None in (row.owner_amount, row.uh_amount, row.total_stated):
        return
    parts = row.owner_amount + row.uh_amount
    if parts != row.total_stated:
        ctx.diag(
            "warning",
            "budget-row-sum",
            f"{row.label or row.scheme or 'row'}: owner {format_nok(row.owner_amount)} + UH "
            f"{format_nok(row.uh_amount)} = {format_nok(parts)}, but the row states "
            f"{format_nok(row.total_stated)}",
            "budget",
            j,
        )
