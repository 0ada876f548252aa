"""Where the money goes: totals by scheme and year, by network, by university and by
owner, each with the owner/UH split. Counted from the graph's grants, the same facts the
funding-by-* catalog queries sum (a test checks they agree)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from kompetansekart.queries.analyses.dataset import Dataset, Filters, GrantFact
from kompetansekart.queries.analyses.regions import NO_NETWORK, NOT_STATED, uh_label
from kompetansekart.queries.analyses.table import Table

MONEY = ("owner_amount", "uh_amount", "total")


def funding(ds: Dataset, f: Filters) -> list[Table]:
    grants = ds.grants(f)
    note = f"Filter: {f.describe()}. Requested amounts in NOK from the reports' grants."
    return [
        _split(
            "funding-scheme-year",
            "Funding by scheme and year",
            ["scheme", "year"],
            grants,
            lambda g: [(g.scheme or NOT_STATED, g.year)],
            note,
        ),
        _split(
            "funding-network",
            "Funding by competence network",
            ["network", "year"],
            grants,
            lambda g: [(ds.name(n), g.year) for n in g.networks] or [(NO_NETWORK, g.year)],
            note + " A report counts under each network of its owner.",
        ),
        _by_uh(ds, grants, note),
        _split(
            "funding-owner",
            "Funding by owner (the report's owner)",
            ["owner", "year"],
            grants,
            lambda g: [(ds.name(g.owner), g.year)],
            note,
        ),
    ]


def _split(
    name: str,
    title: str,
    keys: list[str],
    grants: Iterable[GrantFact],
    key: Callable[[GrantFact], list[tuple]],
    note: str,
) -> Table:
    sums: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for g in grants:
        for k in key(g):
            sums[k][0 if g.role == "eier" else 1] += g.amount
    rows = []
    for k in sorted(sums, key=lambda k: tuple((v is None, str(v)) for v in k)):
        owner, uh = sums[k]
        rows.append(
            {
                **dict(zip(keys, k, strict=True)),
                "owner_amount": owner,
                "uh_amount": uh,
                "total": owner + uh,
                "uh_share": _share(uh, owner + uh),
            }
        )
    return Table(
        name,
        title,
        [*keys, *MONEY, "uh_share"],
        rows,
        money=MONEY,
        totals=True,
        notes=[note, "uh_share: the universities' part of the total, in per cent."],
    )


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else ""


def _by_uh(ds: Dataset, grants: list[GrantFact], note: str) -> Table:
    sums: dict[tuple, int] = defaultdict(int)
    for g in grants:
        if g.role == "uh":
            uh = g.recipient
            university = ds.name(ds.university_of(uh)) if uh else "(not named)"
            sums[(university, uh_label(ds, uh) if uh else "(not named)", g.year)] += g.amount
    rows = [
        {"university": u, "unit": unit, "year": y, "uh_amount": a}
        for (u, unit, y), a in sorted(sums.items(), key=lambda kv: str(kv[0]))
    ]
    return Table(
        "funding-uh",
        "Funding to universities and units",
        ["university", "unit", "year", "uh_amount"],
        rows,
        money=("uh_amount",),
        totals=True,
        notes=[note],
    )
