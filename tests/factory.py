"""Synthetic records for analysis tests, so the expected gaps, overlaps and mismatches are
known by construction. Organisations are looked up in the real gazetteer by name."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from kompetansekart.ingest.records import (
    BudgetRow,
    Measure,
    NeedsReport,
    OrgRef,
    Partner,
    Source,
    UhShare,
)
from kompetansekart.ontology.gazetteer import Gazetteer


def org(name: str) -> OrgRef:
    """An organisation by its gazetteer name (or id); an unknown name stays unresolved."""
    for entry in Gazetteer.load().entries:
        if name in (entry.name, entry.id):
            return OrgRef(entry.name, entry.id, entry.kind, entry.name, entry.parent)
    return OrgRef(name, None, None, name)


def measure(
    name: str,
    *,
    number: int | None = None,
    scheme: str | None = None,
    owner_amount: int | None = 100_000,
    uh_amount: int | None = 200_000,
    total: int | None = None,
    uh: str | None = None,
    themes: Iterable[str] = (),
    continued: bool | None = None,
) -> Measure:
    if total is None and owner_amount is not None and uh_amount is not None:
        total = owner_amount + uh_amount
    return Measure(
        name=name,
        number=number,
        scheme=scheme,
        owner_amount=owner_amount,
        uh_amount=uh_amount,
        total_stated=total,
        uh=org(uh) if uh else None,
        themes=list(themes),
        continued=continued,
    )


def budget_row(
    scheme: str | None,
    owner: int,
    uh: int,
    total: int | None = None,
    *,
    label: str | None = None,
    shares: Iterable[tuple[str, int]] = (),
) -> BudgetRow:
    return BudgetRow(
        scheme,
        owner,
        uh,
        owner + uh if total is None else total,
        label=label,
        uh_breakdown=[UhShare(org(n), a) for n, a in shares],
    )


def report(
    owner: str,
    *,
    year: int | None,
    uh: Iterable[str] = (),
    schemes: Iterable[str] = (),
    network: str | None = None,
    partners: Iterable[str] = (),
    measures: Iterable[Measure] = (),
    needs: Iterable[str] = (),
    budget: Iterable[BudgetRow] = (),
    budget_sum: BudgetRow | None = None,
    continues_year: int | None = None,
    key: str = "",
) -> NeedsReport:
    """One synthetic report. `key` makes reports with the same content distinct."""
    rid = hashlib.sha256(f"{owner}|{year}|{key}|{list(uh)}".encode()).hexdigest()[:16]
    owner_ref = org(owner)
    uh_refs = [org(u) for u in uh]
    return NeedsReport(
        id=rid,
        source=Source(f"synthetic/{rid}.txt", "txt", rid * 4),
        owner=owner_ref,
        year=year,
        schemes=list(schemes),
        network=org(network) if network else None,
        uh=uh_refs,
        partners=[Partner(owner_ref, "eier")]
        + [Partner(org(p), "eier") for p in partners]
        + [Partner(u, "uh") for u in uh_refs],
        measures=list(measures),
        needs=list(needs),
        budget=list(budget),
        budget_sum=budget_sum,
        continues_year=continues_year,
        continuation=True if continues_year else None,
    )
