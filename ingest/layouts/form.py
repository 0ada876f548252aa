"""Statsforvalteren's Word form, in both versions seen: the 2024-25 version flattened to
tab-separated tables (choices shown as bold, an 'x', or not at all) and the 2026 version
'Kollektiv kompetanseutvikling' with ☒/☐ boxes and one attachment per measure."""

from __future__ import annotations

import re

from kompetansekart.ingest.context import Context
from kompetansekart.ingest.layouts.form_attachment import parse_attachment
from kompetansekart.ingest.layouts.form_budget import parse_budget
from kompetansekart.ingest.layouts.form_header import parse_header
from kompetansekart.ingest.layouts.form_measures import (
    measure_sections_2024,
    parse_continuation,
    parse_measure_2024,
)
from kompetansekart.ingest.layouts.form_tail import parse_tail

_COUNT = re.compile(r"totalt antall tiltak.*?\?\s*(\d+)", re.IGNORECASE)


def parse(ctx: Context) -> None:
    doc = ctx.doc
    tail = _first(ctx, r"liste over andre eiere", r"drøftet i medbestemmelse") or len(doc)
    measures = measure_sections_2024(ctx, 0, tail)
    header_end = min(
        [s for _, s, _ in measures]
        + [
            i
            for i in (
                _first(ctx, r"ved videreføring av tiltak"),
                _first(ctx, r"^1\.\s+vurdering av behov"),
            )
            if i is not None
        ]
        + [tail]
    )
    parse_header(ctx, header_end)
    parse_budget(ctx, header_end)
    for number, start, end in measures:
        ctx.report.measures.append(parse_measure_2024(ctx, number, start, end))
    parse_continuation(ctx, header_end, tail)
    parse_attachment(ctx, header_end)
    parse_tail(ctx, 0)
    _check_count(ctx, header_end)


def _first(ctx: Context, *patterns: str) -> int | None:
    found = [ctx.doc.find(p) for p in patterns]
    found = [i for i in found if i is not None]
    return min(found) if found else None


def _check_count(ctx: Context, end: int) -> None:
    i = ctx.doc.find(_COUNT, end=end)
    if i is None:
        return
    stated = int(_COUNT.search(ctx.doc.plain(i)).group(1))
    found = len(ctx.report.measures)
    if stated != found:
        ctx.diag(
            "warning",
            "measure-count",
            f"the form states {stated} measures; {found} were found",
            "measures",
            i,
        )
