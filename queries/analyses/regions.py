"""Who serves which region: per competence network and scheme, the universities and units
working there, the owners involved, the measures and the money; and per municipality,
which universities serve it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kompetansekart.queries.analyses.dataset import Dataset, Filters
from kompetansekart.queries.analyses.table import Table

NO_NETWORK = "(no network)"
NOT_STATED = "(not stated)"


@dataclass
class _Cell:
    uh: set[str] = field(default_factory=set)
    owners: set[str] = field(default_factory=set)
    measures: set[str] = field(default_factory=set)
    owner_amount: int = 0
    uh_amount: int = 0


def regions(ds: Dataset, f: Filters) -> list[Table]:
    return [_by_network(ds, f), _by_area(ds, f)]


def _by_network(ds: Dataset, f: Filters) -> Table:
    cells: dict[tuple[str, str], _Cell] = defaultdict(_Cell)
    for g in ds.grants(f):
        for net in g.networks or (NO_NETWORK,):
            cell = cells[(net, g.scheme or NOT_STATED)]
            cell.owners.add(g.owner)
            if g.measure:
                cell.measures.add(g.measure)
            if g.role == "uh":
                cell.uh_amount += g.amount
                if g.recipient:
                    cell.uh.add(g.recipient)
            else:
                cell.owner_amount += g.amount
    funded = {g.report for g in ds.grants(f)}
    for p in ds.partnerships(f):
        if p.report in funded:
            continue  # its money is in the cells already
        for net in p.networks or (NO_NETWORK,):
            for scheme in p.schemes or (NOT_STATED,):
                cell = cells[(net, scheme)]
                cell.owners.update(p.owners)
                cell.uh.update(p.uh)
    rows = []
    networks = [n.id for n in ds.gazetteer.networks()]
    if f.network is not None:
        networks = [n for n in networks if n == ds.network_id(f.network)]
    present = sorted({net for net, _ in cells} - set(networks))
    for net in [*networks, *present]:
        keys = sorted(s for n, s in cells if n == net)
        if not keys:
            rows.append(_row(ds, net, "—", _Cell()))
        rows.extend(_row(ds, net, scheme, cells[(net, scheme)]) for scheme in keys)
    return Table(
        "regions",
        "Regions: universities, owners, measures and money per network and scheme",
        [
            "network",
            "scheme",
            "universities",
            "owners",
            "measures",
            "owner_amount",
            "uh_amount",
            "total",
        ],
        rows,
        money=("owner_amount", "uh_amount", "total"),
        totals=True,
        notes=[
            f"Filter: {f.describe()}. Money is every grant the reports ask for, counted once "
            "under the submitting owner's network(s); '—' means no partnership at all.",
            "A unit (e.g. SePU) is named with its university in parentheses.",
        ],
    )


def _row(ds: Dataset, net: str, scheme: str, cell: _Cell) -> dict:
    return {
        "network": ds.name(net) if net != NO_NETWORK else NO_NETWORK,
        "scheme": scheme,
        "universities": ", ".join(sorted(uh_label(ds, u) for u in cell.uh)),
        "owners": ", ".join(sorted(ds.name(o) for o in cell.owners)),
        "measures": len(cell.measures),
        "owner_amount": cell.owner_amount,
        "uh_amount": cell.uh_amount,
        "total": cell.owner_amount + cell.uh_amount,
    }


def uh_label(ds: Dataset, uh: str) -> str:
    parent = ds.university_of(uh)
    return ds.name(uh) if parent == uh else f"{ds.name(uh)} ({ds.name(parent)})"


def _by_area(ds: Dataset, f: Filters) -> Table:
    """Each municipality: the universities that serve it (they partner with an owner
    located there in the years and schemes considered)."""
    partnerships = ds.partnerships(f)
    rows = []
    for entry in ds.gazetteer.municipalities():
        nets = ds.networks_of(entry.id)
        if f.network is not None and ds.network_id(f.network) not in nets:
            continue
        mine = [p for p in partnerships if entry.id in p.owners]
        uh = {u for p in mine for u in p.uh}
        rows.append(
            {
                "kommunenummer": entry.kommunenummer,
                "municipality": entry.name,
                "network": ", ".join(ds.name(n) for n in nets),
                "partnerships": len(mine),
                "universities": ", ".join(sorted(uh_label(ds, u) for u in uh)),
            }
        )
    served = sum(1 for r in rows if r["universities"])
    return Table(
        "regions-areas",
        "Municipalities and the universities that serve them",
        ["kommunenummer", "municipality", "network", "partnerships", "universities"],
        rows,
        notes=[
            f"{served} of {len(rows)} municipalities have a university partner ({f.describe()})."
        ],
    )
