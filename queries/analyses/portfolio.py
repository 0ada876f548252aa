"""One organisation at a time: an owner's partnerships over the years (`report partners`)
and a university's portfolio (`report uh`)."""

from __future__ import annotations

import difflib
from collections import defaultdict

from kompetansekart.graph.model import ORGANIZATION_TYPES
from kompetansekart.queries.analyses.dataset import Dataset, Filters
from kompetansekart.queries.analyses.regions import NOT_STATED, uh_label
from kompetansekart.queries.analyses.table import Table

MONEY = ("owner_amount", "uh_amount", "total")


class UnknownOrganisation(LookupError):
    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no organisation named '{name}' in the graph{hint}")


def find(ds: Dataset, name: str) -> str:
    """A node id for a name as a user types it: exact, case-insensitive, then the
    gazetteer's aliases ('Bodø', 'HiNN', 'LMS')."""
    orgs = [n for n in ds.model.nodes.values() if n.type in ORGANIZATION_TYPES]
    for node in orgs:
        if name in (node.id, node.props.get("name")):
            return node.id
    lowered = name.casefold()
    for node in orgs:
        if str(node.props.get("name", "")).casefold() == lowered:
            return node.id
    from kompetansekart.ingest.resolve import Resolver

    resolution = Resolver().resolve(name)
    # Exact names and known aliases only; a fuzzy match is a suggestion, never a guess.
    if resolution.method in ("exact", "alias") and resolution.ref.id in ds.model.nodes:
        return str(resolution.ref.id)
    raise UnknownOrganisation(name, _suggestions(name, orgs))


def _suggestions(name: str, orgs) -> list[str]:
    """Names like the one typed, whole or word by word ('Nordd' -> 'Nord universitet')."""
    typed = name.casefold()

    def score(candidate: str) -> float:
        parts = [candidate.casefold(), *candidate.casefold().split()]
        return max(difflib.SequenceMatcher(None, typed, p).ratio() for p in parts)

    names = {str(n.props.get("name")) for n in orgs if n.props.get("name")}
    ranked = sorted((s, n) for n in names if (s := score(n)) >= 0.75)
    return [n for _, n in reversed(ranked)][:5]


def partners(ds: Dataset, f: Filters, owner_name: str) -> list[Table]:
    owner = find(ds, owner_name)
    grants = defaultdict(lambda: [0, 0])
    for g in ds.grants(f):
        grants[g.report][0 if g.role == "eier" else 1] += g.amount
    measures = defaultdict(int)
    for m in ds.measures(f):
        measures[m.report] += 1
    rows = []
    for p in sorted(ds.partnerships(f), key=lambda p: (p.year or 0, p.id)):
        if owner not in p.owners:
            continue
        owner_amount, uh_amount = grants.get(p.report, (0, 0))
        rows.append(
            {
                "year": p.year,
                "submitted_by": ds.name(p.owner),
                "universities": ", ".join(sorted(uh_label(ds, u) for u in p.uh)),
                "schemes": ", ".join(p.schemes) or NOT_STATED,
                "owners_in_partnership": len(p.owners),
                "measures": measures[p.report],
                "owner_amount": owner_amount,
                "uh_amount": uh_amount,
                "total": owner_amount + uh_amount,
            }
        )
    return [
        Table(
            "partners",
            f"Partnerships of {ds.name(owner)}",
            [
                "year",
                "submitted_by",
                "universities",
                "schemes",
                "owners_in_partnership",
                "measures",
                "owner_amount",
                "uh_amount",
                "total",
            ],
            rows,
            money=MONEY,
            totals=True,
            notes=[
                f"Filter: {f.describe()}. Every partnership (report) the owner takes part "
                "in, with all the money its report asks for."
            ],
        )
    ]


def portfolio(ds: Dataset, f: Filters, university_name: str) -> list[Table]:
    top = find(ds, university_name)
    mine = {n for n in ds.model.nodes if ds.is_uh(n) and top in (n, ds.university_of(n))}
    measures = {m.id: m for m in ds.measures(f)}
    rows = []
    for g in ds.grants(f):
        if g.role != "uh" or g.recipient not in mine:
            continue
        m = measures.get(g.measure) if g.measure else None
        rows.append(
            {
                "network": ", ".join(ds.name(n) for n in g.networks),
                "owner": ds.name(g.owner),
                "year": g.year,
                "unit": uh_label(ds, g.recipient),
                "measure": m.name if m else "(budget row without a measure)",
                "scheme": g.scheme or NOT_STATED,
                "themes": ", ".join(m.themes) if m else "",
                "uh_amount": g.amount,
            }
        )
    rows.sort(key=lambda r: (r["year"] or 0, r["network"], r["owner"], r["measure"]))
    networks = sorted({r["network"] for r in rows if r["network"]})
    owners = sorted({r["owner"] for r in rows})
    return [
        Table(
            "uh",
            f"Portfolio of {ds.name(top)}",
            ["network", "owner", "year", "unit", "measure", "scheme", "themes", "uh_amount"],
            rows,
            money=("uh_amount",),
            totals=True,
            notes=[
                f"Filter: {f.describe()}. {len(rows)} grants to {ds.name(top)}"
                + (" and its units" if len(mine) > 1 else "")
                + f" from {len(owners)} owners in {len(networks)} networks."
            ],
        )
    ]
