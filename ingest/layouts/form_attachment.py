"""The 2026 form's per-measure attachment: numbered sections 1-7 under a title such as
'TILTAK 2: TRYGT OG GODT SKOLEMILJØ'. It adds detail to one row of the summary table."""

from __future__ import annotations

import re

from kompetansekart.ingest.amounts import parse_amount
from kompetansekart.ingest.context import Context
from kompetansekart.ingest.document import spans
from kompetansekart.ingest.layouts.choices import choose
from kompetansekart.ingest.layouts.form_measures import read_terms
from kompetansekart.ingest.records import Measure

PHASES = {
    "Analyse/vurdering av behov": "analyse",
    "Planlegging av tiltak": "planlegging",
    "Gjennomføring av tiltak": "gjennomforing",
}
_TITLE = re.compile(r"^tiltak\s+(\d+)\s*:\s*(.+)$", re.IGNORECASE)
_SECTION = re.compile(r"^(\d)\.\s+(\S.*)$")


def sections(ctx: Context, start: int) -> dict[int, tuple[int, int]]:
    """Section number -> (heading line, end line) for '1. Vurdering av behov' ... '7. Annet'."""
    heads: list[tuple[int, int]] = []
    expected = 1
    for i in range(start, len(ctx.doc)):
        match = _SECTION.match(ctx.doc.plain(i))
        if match and int(match.group(1)) == expected:
            heads.append((expected, i))
            expected += 1
    bounds = spans([i for _, i in heads], len(ctx.doc))
    return {n: bound for (n, _), bound in zip(heads, bounds, strict=True)}


def parse_attachment(ctx: Context, start: int) -> None:
    found = sections(ctx, start)
    if not found:
        return
    _phases(ctx, start)
    if 1 in found:
        i, stop = found[1]
        ctx.report.needs = ctx.themes.ids_in(ctx.doc.block(i, stop))
        ctx.evidence("needs", i)
    measure = _attached_measure(ctx)
    if measure is None:
        return
    key = f"measures[{ctx.report.measures.index(measure)}]"
    background = "\n".join(ctx.doc.block(*found[n]) for n in (1, 2) if n in found)
    measure.themes = ctx.themes.ids_in(f"{measure.name}\n{background}")
    if re.search(r"\bvidereføring av tiltak", background, re.IGNORECASE):
        measure.continued = True
        ctx.evidence(f"{key}.continued", found[2][0] if 2 in found else found[1][0])
    if 5 in found:
        i, stop = found[5]
        measure.target_groups = ctx.target_groups.ids_in(ctx.doc.block(i + 1, stop))
        ctx.evidence(f"{key}.target_groups", i + 1)
    if 6 in found:
        _economy(ctx, measure, key, *found[6])


def _phases(ctx: Context, start: int) -> None:
    i = ctx.doc.find(r"hvilke\(?n?\)? fase", start)
    if i is None or i + 1 >= len(ctx.doc):
        return
    choice = choose(ctx, i + 1, tuple(PHASES), "phases")
    ctx.report.phases = [PHASES[label] for label in choice.selected]
    if choice.selected:
        ctx.evidence("phases", i + 1)


def _attached_measure(ctx: Context) -> Measure | None:
    """Match the attachment title to a row of the summary table by number and name."""
    i = ctx.doc.find(r"^tiltak\s+\d+\s*:", end=10)
    if i is None:
        return None
    match = _TITLE.match(ctx.doc.plain(i))
    number, name = int(match.group(1)), match.group(2).strip().lower()
    for m in ctx.report.measures:
        if m.number == number and m.name.lower() == name:
            ctx.evidence("attachment", i)
            return m
    ctx.diag(
        "warning",
        "attachment-unmatched",
        f"attachment 'Tiltak {number}: {match.group(2).strip()}' matches no row of the "
        "summary table",
        "measures",
        i,
    )
    return None


def _economy(ctx: Context, m: Measure, key: str, start: int, end: int) -> None:
    """Section 6 repeats the measure's amounts; a disagreement with the table is reported."""
    stated = {}
    for j in range(start, end):
        text = ctx.doc.plain(j)
        label = text.split(":", 1)[0].strip().lower()
        if ":" in text and label in ("uh", "eier", "totalt eier + uh", "totalt"):
            stated[label.split()[0]] = (parse_amount(text.split(":", 1)[1]), j)
        if re.match(r"^(tiltakets )?varighet", text, re.IGNORECASE) and j + 1 < end:
            m.terms = read_terms(ctx, j + 1, f"{key}.terms")
        if re.match(r"^sum koordinator", text, re.IGNORECASE):
            value = parse_amount(text.split(")", 1)[-1])
            if value is not None:
                m.coordinator_amount = value
                ctx.evidence(f"{key}.coordinator_amount", j)
    for label, attr in (("eier", "owner_amount"), ("uh", "uh_amount"), ("totalt", "total_stated")):
        value, j = stated.get(label, (None, None))
        if value is None:
            continue
        table = getattr(m, attr)
        if table is None:
            setattr(m, attr, value)
            ctx.evidence(f"{key}.{attr}", j)
        elif table != value:
            ctx.diag(
                "warning",
                "attachment-amount",
                f"{attr.replace('_', ' ')} {value} in the attachment, {table} in the table",
                f"{key}.{attr}",
                j,
            )
