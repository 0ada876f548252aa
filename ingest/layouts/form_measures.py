"""Measure sections of the forms.

- 2024 form: one section per measure, 'Tiltak 6' + 'Navn på tiltak: ...', an amount table
  under 'Tilskuddet fordeles', purpose, duration options, target group.
- 2024 form, continuation: 'Tiltak fra 2024 som videreføres' lists the measures by name,
  'Ønsket sum eier/UH' lists their amounts, and a progress note per measure.
- 2026 form: one attachment per measure ('TILTAK 2: TRYGT OG GODT SKOLEMILJØ') with
  numbered sections 1-7; its amounts repeat a row of the summary table.
"""

from __future__ import annotations

import re

from kompetansekart.ingest.amounts import find_amounts, format_nok, parse_amount
from kompetansekart.ingest.context import UH_KINDS, Context
from kompetansekart.ingest.document import plain, spans
from kompetansekart.ingest.layouts.choices import choose
from kompetansekart.ingest.layouts.prose import institutions_in
from kompetansekart.ingest.records import Measure
from kompetansekart.ingest.terms import find_terms, term_sort_key

_HEAD_2024 = re.compile(r"^tiltak\s+(\d+)(?!\d)", re.IGNORECASE)
_NAME = re.compile(r"navn på tiltak\s*:\s*(.*)$", re.IGNORECASE)
_PURPOSES = {
    "gjennomføring": "gjennomforing",
    "planlegging": "planlegging",
    "vurdering": "vurdering",
    "analyse": "vurdering",
}
_PARENS = re.compile(r"\(([^)]*)\)")


def measure_sections_2024(ctx: Context, start: int, end: int) -> list[tuple[int, int, int]]:
    """(number, first line, end line) for each 'Tiltak N' + 'Navn på tiltak' section."""
    heads: list[tuple[int, int]] = []
    for i in range(start, end):
        text = ctx.doc.plain(i)
        match = _HEAD_2024.match(text)
        if not match:
            continue
        if _NAME.search(text) or (i + 1 < end and _NAME.search(ctx.doc.plain(i + 1))):
            heads.append((int(match.group(1)), i))
    bounds = spans([i for _, i in heads], end)
    return [(n, i, stop) for (n, _), (i, stop) in zip(heads, bounds, strict=True)]


def parse_measure_2024(ctx: Context, number: int, start: int, end: int) -> Measure:
    name_line = start if _NAME.search(ctx.doc.plain(start)) else start + 1
    name = plain(_NAME.search(ctx.doc.plain(name_line)).group(1)) or f"Tiltak {number}"
    measure = Measure(name=name, number=number, line=ctx.doc.no(start))
    key = f"measures[{len(ctx.report.measures)}]"
    ctx.evidence(f"{key}.name", name_line)
    _amount_table(ctx, measure, key, start, end)
    _purpose(ctx, measure, key, start, end)
    _duration(ctx, measure, key, start, end)
    _target_groups(ctx, measure, key, start, end)
    anchor = ctx.doc.find(r"forankret i den enkelte", start, end)
    next_q = ctx.doc.find(r"^beskriv hvordan", (anchor or start) + 1, end)
    background = ctx.doc.block(anchor + 1, next_q) if anchor is not None else ""
    measure.themes = ctx.themes.ids_in(f"{name}\n{background}")
    ctx.report.needs.extend(t for t in ctx.themes.ids_in(background) if t not in ctx.report.needs)
    _coordinator(ctx, measure, key, start, end)
    return measure


def _amount_table(ctx: Context, m: Measure, key: str, start: int, end: int) -> None:
    """'Tilskuddet fordeles' + a header row (the UH cell may name the unit) + amounts."""
    i = ctx.doc.find(r"^tilskuddet fordeles", start, end)
    if i is None or i + 2 >= end:
        ctx.diag("warning", "measure-amounts-missing", "no amount table", f"{key}.amounts", start)
        return
    header, values = ctx.doc.cells(i + 1), ctx.doc.cells(i + 2)
    amounts = [parse_amount(cell) for cell in values]
    if len(amounts) != 3 or None in amounts:
        ctx.diag(
            "warning",
            "measure-amounts-shape",
            "the amount row does not hold owner, UH and total",
            f"{key}.amounts",
            i + 2,
        )
        return
    m.owner_amount, m.uh_amount, m.total_stated = amounts
    ctx.evidence(f"{key}.owner_amount", i + 2)
    uh_head = header[1] if len(header) > 1 else ""
    for note in _PARENS.findall(uh_head):
        m.uh = ctx.org(note, UH_KINDS, f"{key}.uh", i + 1)
        ctx.evidence(f"{key}.uh", i + 1)
        break
    if m.owner_amount + m.uh_amount != m.total_stated:
        ctx.diag(
            "warning",
            "measure-sum",
            f"owner {format_nok(m.owner_amount)} + UH {format_nok(m.uh_amount)} differs from "
            f"the stated {format_nok(m.total_stated)}",
            f"{key}.total_stated",
            i + 2,
        )


def _purpose(ctx: Context, m: Measure, key: str, start: int, end: int) -> None:
    i = ctx.doc.find(r"hva skal tilskuddet brukes til", start, end)
    if i is None:
        return
    answer = ctx.doc.plain(i).split("?", 1)[-1].strip().lower()
    for word, purpose in _PURPOSES.items():
        if answer.startswith(word):
            m.purpose = purpose
            ctx.evidence(f"{key}.purpose", i)
            return
    ctx.diag(
        "warning", "purpose-unknown", f"purpose '{answer}' not recognised", f"{key}.purpose", i
    )


def _duration(ctx: Context, m: Measure, key: str, start: int, end: int) -> None:
    i = ctx.doc.find(r"^(tiltakets\s+)?varighet\b", start, end)
    if i is not None:
        m.terms = read_terms(ctx, i, f"{key}.terms")


def read_terms(ctx: Context, i: int, field: str) -> list[str]:
    """The duration options on line i; only the visibly marked ones count."""
    text = ctx.doc.text(i)
    labels = find_terms(text)
    if not labels:
        return []
    choice = choose(ctx, i, [label for label, *_ in labels], field)
    by_label = {label: term for label, term, *_ in labels}
    terms = sorted({by_label[label] for label in choice.selected}, key=term_sort_key)
    if terms:
        ctx.evidence(field, i)
    return terms


def _target_groups(ctx: Context, m: Measure, key: str, start: int, end: int) -> None:
    i = ctx.doc.find(r"hvem er målgrupp", start, end)
    if i is None:
        return
    stop = ctx.doc.find(r"^(--|\*\*liste over|liste over|tiltak\s+\d+)", i + 1, end) or end
    text = ctx.doc.block(i + 1, min(stop, i + 4))
    m.target_groups = ctx.target_groups.ids_in(text)
    if m.target_groups:
        ctx.evidence(f"{key}.target_groups", i + 1)
    elif text:
        ctx.diag(
            "info",
            "target-group-unmapped",
            f"target group '{text[:80]}' matches no concept",
            f"{key}.target_groups",
            i + 1,
        )


def _coordinator(ctx: Context, m: Measure, key: str, start: int, end: int) -> None:
    i = ctx.doc.find(r"(sum|midler til) koordinator", start, end)
    if i is None:
        return
    value = parse_amount(ctx.doc.plain(i).split("?", 1)[-1])
    if value is not None:
        m.coordinator_amount = value
        ctx.evidence(f"{key}.coordinator_amount", i)


# --- continuation (2024 form, 'Ved videreføring av tiltak') --------------------------------

_CONT_LIST = re.compile(r"tiltak fra (\d{4}) som videreføres", re.IGNORECASE)
_ITEM = re.compile(r"^tiltak\s+(\d+)\s*:\s*(.+)$", re.IGNORECASE)
_PROGRESS = re.compile(r"^tiltak\s+(\d+)(?:\s*(?:og|,|&)\s*(\d+))*\s*:", re.IGNORECASE)


def parse_continuation(ctx: Context, start: int, end: int) -> bool:
    """Measures carried over from last year. Returns False when the section is absent."""
    i = ctx.doc.find(_CONT_LIST, start, end)
    if i is None:
        return False
    year = int(_CONT_LIST.search(ctx.doc.plain(i)).group(1))
    if ctx.report.continues_year is None:
        ctx.report.continues_year = year
        ctx.evidence("continues_year", i)
    if ctx.report.continuation is None:
        # The form asks for this section only 'Dersom ja' (when continuing), so a filled-in
        # section answers the question whose tick did not survive.
        ctx.report.continuation = True
        ctx.evidence("continuation", i)
        ctx.diag(
            "info",
            "continuation-inferred",
            f"the section for measures continued from {year} is filled in",
            "continuation",
            i,
        )
    heading = ctx.doc.find(r"ved videreføring av tiltak", start, i + 1)
    headed = _heading_scheme(ctx, heading)
    progress = ctx.doc.find(r"redegjørelse for fremdrift", i + 1, end) or end
    for j in range(i + 1, progress):
        match = _ITEM.match(ctx.doc.plain(j))
        if match:
            ctx.evidence(f"measures[{len(ctx.report.measures)}].name", j)
            ctx.report.measures.append(
                Measure(
                    name=match.group(2).strip(),
                    number=int(match.group(1)),
                    continued=True,
                    line=ctx.doc.no(j),
                )
            )
    economy = ctx.doc.find(r"^økonomi\b", progress, end) or end
    _progress_notes(ctx, progress + 1, economy)
    _continuation_amounts(ctx, economy, end)
    if headed:
        for m in ctx.report.measures:
            if m.continued and m.scheme is None:
                m.scheme = headed
        ctx.evidence("measures.scheme", heading)
    varighet = ctx.doc.find(r"^varighet\b", economy, end)
    if varighet is not None:
        terms = read_terms(ctx, varighet, "measures.terms")
        for m in ctx.report.measures:
            m.terms = list(terms)
    return True


def _heading_scheme(ctx: Context, heading: int | None) -> str | None:
    """'Ved videreføring av tiltak - DEKOM': the section names the scheme it continues."""
    if heading is None:
        return None
    found = [s for s in ctx.schemes.ids_in(ctx.doc.plain(heading)) if s != "kollektiv"]
    return found[0] if len(found) == 1 else None


def _progress_notes(ctx: Context, start: int, end: int) -> None:
    """Per-measure progress notes: their themes and the schools they name."""
    heads = [(j, _PROGRESS.match(ctx.doc.plain(j))) for j in range(start, end)]
    starts = [j for j, m in heads if m]
    by_number = {m.number: m for m in ctx.report.measures if m.continued}
    for j, stop in spans(starts, end):
        numbers = [int(n) for n in re.findall(r"\d+", ctx.doc.plain(j).split(":", 1)[0])]
        text = ctx.doc.block(j, stop)
        themes = ctx.themes.ids_in(text)
        groups = ctx.target_groups.ids_in(text)
        for n in numbers:
            measure = by_number.get(n)
            if measure is None:
                continue
            measure.themes = [*measure.themes, *(t for t in themes if t not in measure.themes)]
            measure.target_groups = [
                *measure.target_groups,
                *(g for g in groups if g not in measure.target_groups),
            ]
        for inst in institutions_in(ctx, text, j):
            inst.measures = numbers
            ctx.report.institutions.append(inst)


def _continuation_amounts(ctx: Context, start: int, end: int) -> None:
    """'Ønsket sum eier' / 'Ønsket sum UH' lists 'Tiltak N: amount' and 'Totalt: amount'."""
    by_number = {m.number: m for m in ctx.report.measures if m.continued}
    attr = None
    for j in range(start, end):
        text = ctx.doc.plain(j)
        lowered = text.lower()
        if lowered.startswith("ønsket sum"):
            attr = (
                "owner_amount"
                if "eier" in lowered
                else "uh_amount"
                if "uh" in lowered.split()
                else "coordinator_amount"
                if "koordinator" in lowered
                else None
            )
            if attr == "coordinator_amount":
                value = parse_amount(ctx.doc.plain(j + 1)) if j + 1 < end else None
                if value is not None:
                    for m in by_number.values():
                        m.coordinator_amount = value
            continue
        if attr in ("owner_amount", "uh_amount") and lowered.startswith("totalt"):
            _check_total(ctx, j, attr, parse_amount(text.split(":", 1)[-1]), by_number)
            continue
        match = re.match(r"^tiltak\s+(\d+)\s*:\s*(.*)$", text, re.IGNORECASE)
        if attr in ("owner_amount", "uh_amount") and match:
            measure = by_number.get(int(match.group(1)))
            amounts = find_amounts(match.group(2))
            if measure is not None and amounts:
                setattr(measure, attr, amounts[0].value)
                ctx.evidence(f"measures[{ctx.report.measures.index(measure)}].{attr}", j)


def _check_total(
    ctx: Context, j: int, attr: str, stated: int | None, measures: dict[int | None, Measure]
) -> None:
    values = [getattr(m, attr) for m in measures.values()]
    if stated is None or None in values:
        return
    if sum(values) != stated:
        ctx.diag(
            "warning",
            "measures-total",
            f"the measures' {attr.replace('_', ' ')}s sum to {format_nok(sum(values))}, "
            f"the list states {format_nok(stated)}",
            "measures",
            j,
        )
