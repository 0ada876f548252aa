"""Where nobody works: municipalities and networks with no partnership or no university in a
scheme and year, stated needs that no measure meets, and kindergartens left out where the
schools are covered.

Absence can only be seen against a list of what should be there, so the municipalities and
networks come from the gazetteer's reference layer (every Nordland municipality is in every
graph), not from the reports: a municipality that sent nothing is the clearest gap of all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kompetansekart.graph.model import EdgeType as E
from kompetansekart.graph.model import NodeType as N
from kompetansekart.ontology.gazetteer import Entry
from kompetansekart.queries.analyses.dataset import Dataset, Filters, PartnershipFact
from kompetansekart.queries.analyses.regions import NO_NETWORK, NOT_STATED
from kompetansekart.queries.analyses.table import Table

SCHOOLS = "desentralisert"  # Dekom: the school sector
KINDERGARTENS = "regional"  # Rekom: the kindergarten sector
NO_PARTNERSHIP = "no partnership"
NO_UH = "no university partner"
UNSTATED_FLAG = "has_partnership_scheme_not_stated"
SCHEME_ORDER = ("regional", "desentralisert", "kompetanseloftet", "oppfolging", "kollektiv")


@dataclass(frozen=True)
class Reach:
    """What one partnership covers: the facts every gap table compares against."""

    partnership: PartnershipFact
    year: int
    schemes: frozenset[str]  # scheme codes, or {NOT_STATED}
    municipalities: frozenset[str]
    networks: frozenset[str]
    has_uh: bool


def gaps(ds: Dataset, f: Filters) -> list[Table]:
    """The four gap tables; all but the needs table share one pass over the partnerships."""
    reaches = partnership_reaches(ds)
    return [
        _municipalities(ds, f, reaches),
        _networks(ds, f, reaches),
        _needs(ds, f),
        _kindergartens(ds, f, reaches),
    ]


# --- what a partnership covers -----------------------------------------------------------


def stated_schemes(ds: Dataset) -> dict[str, frozenset[str]]:
    """Every scheme a report names, by report id: its ticked schemes and its measures' and
    budget rows' schemes (which include every scheme its UH links carry). Wider than
    `PartnershipFact.schemes`, which only has the schemes linked to a university: a scheme
    under which a report asks money for the owner alone covers the owner too."""
    found: dict[str, set[str]] = defaultdict(set)
    for r in ds.records:
        found[f"report:{r.id}"].update(r.schemes)
    for m in ds.measures():
        if m.scheme:
            found[m.report].add(m.scheme)
    for g in ds.grants():
        if g.scheme:
            found[g.report].add(g.scheme)
    return {report: frozenset(s) for report, s in found.items()}


def partnership_reaches(ds: Dataset) -> list[Reach]:
    """One Reach per partnership with a known year (a partnership without a year cannot be
    placed in any year's comparison)."""
    schemes = stated_schemes(ds)
    reaches = []
    for p in ds.partnerships():
        if p.year is None:
            continue
        munis = covered_municipalities(ds, p.owners)
        nets = {n for o in (*p.owners, *munis) for n in ds.networks_of(o)}
        reaches.append(
            Reach(
                p,
                p.year,
                schemes.get(p.report) or frozenset({NOT_STATED}),
                frozenset(munis),
                frozenset(nets),
                bool(p.uh),
            )
        )
    return reaches


def covered_municipalities(ds: Dataset, members: Iterable[str]) -> set[str]:
    """The municipalities a partnership's (non-UH) members stand for: a municipality that is
    itself a member, or where a member is located, or that owns a member. A private owner or
    a unit whose owner the report does not name covers no municipality."""
    found: set[str] = set()
    for member in members:
        if _is_municipality(ds, member):
            found.add(member)
        for area in ds.out(E.LOCATED_IN, member):
            found.update(m for m in ds.into(E.LOCATED_IN, area) if _is_municipality(ds, m))
        found.update(o for o in ds.out(E.OWNED_BY, member) if _is_municipality(ds, o))
    return found


def _is_municipality(ds: Dataset, node_id: str) -> bool:
    node = ds.model.nodes.get(node_id)
    return node is not None and node.type is N.MUNICIPALITY


def _coverage(reaches: Iterable[Reach]) -> dict[tuple[int, str], dict[str, bool]]:
    """(year, scheme) -> municipality -> whether any of its partnerships there has a UH."""
    cov: dict[tuple[int, str], dict[str, bool]] = defaultdict(dict)
    for r in reaches:
        for scheme in r.schemes:
            cell = cov[(r.year, scheme)]
            for m in r.municipalities:
                cell[m] = cell.get(m, False) or r.has_uh
    return cov


# --- which years, schemes, municipalities and networks -----------------------------------


def _years(f: Filters, reaches: list[Reach]) -> list[int]:
    return [f.year] if f.year is not None else sorted({r.year for r in reaches})


def _schemes(f: Filters, reaches: list[Reach], year: int) -> list[str]:
    """f.scheme, else every scheme some partnership names that year, '(not stated)' last."""
    if f.scheme is not None:
        return [f.scheme]
    present = {s for r in reaches if r.year == year for s in r.schemes}
    return sorted(present, key=_scheme_key)


def _scheme_key(scheme: str) -> tuple[int, int, str]:
    known = SCHEME_ORDER.index(scheme) if scheme in SCHEME_ORDER else len(SCHEME_ORDER)
    return (scheme == NOT_STATED, known, scheme)


def _in_network(ds: Dataset, f: Filters, org: str) -> bool:
    return f.network is None or ds.network_id(f.network) in ds.networks_of(org)


def _municipality_list(ds: Dataset, f: Filters) -> list[Entry]:
    return [m for m in ds.gazetteer.municipalities() if _in_network(ds, f, m.id)]


def _network_list(ds: Dataset, f: Filters) -> list[Entry]:
    wanted = ds.network_id(f.network) if f.network is not None else None
    return [n for n in ds.gazetteer.networks() if f.network is None or n.id == wanted]


def _network_names(ds: Dataset, org: str) -> str:
    return ", ".join(ds.name(n) for n in ds.networks_of(org)) or NO_NETWORK


def _considered(f: Filters, reaches: list[Reach]) -> str:
    years = _years(f, reaches)
    schemes = (
        f.scheme
        if f.scheme is not None
        else "each scheme some partnership names in that year, '(not stated)' included"
    )
    return (
        f"Filter: {f.describe()}; years {', '.join(map(str, years)) or 'none'}; schemes: {schemes}."
    )


def _common_notes(ds: Dataset, f: Filters, reaches: list[Reach]) -> list[str]:
    notes = [
        _considered(f, reaches),
        "A partnership whose report names no scheme (not ticked, nor on a measure or a budget "
        f"row) counts under '{NOT_STATED}', never under a guessed scheme.",
    ]
    empty = [y for y in _years(f, reaches) if not any(r.year == y for r in reaches)]
    if empty and f.scheme is None:
        notes.append(
            f"No partnership is dated {', '.join(map(str, empty))}, so no scheme to compare "
            "that year and no rows: every municipality lacks one (give a scheme to list them)."
        )
    undated = sum(1 for p in ds.partnerships() if p.year is None)
    if undated:
        notes.append(f"{undated} partnership(s) without a year are left out: no year to compare.")
    return notes


# --- the tables --------------------------------------------------------------------------


def _municipalities(ds: Dataset, f: Filters, reaches: list[Reach]) -> Table:
    """Each reference municipality with no partnership, or only partnerships without a UH,
    per year and scheme (a Dekom partnership does not fill a Rekom gap)."""
    cov = _coverage(reaches)
    munis = _municipality_list(ds, f)
    rows = []
    for year in _years(f, reaches):
        unstated = cov.get((year, NOT_STATED), {})
        for scheme in _schemes(f, reaches, year):
            cell = cov.get((year, scheme), {})
            for m in munis:
                if cell.get(m.id) is True:
                    continue
                rows.append(
                    {
                        "kommunenummer": m.kommunenummer,
                        "municipality": m.name,
                        "network": _network_names(ds, m.id),
                        "year": year,
                        "scheme": scheme,
                        "gap": NO_PARTNERSHIP if m.id not in cell else NO_UH,
                        UNSTATED_FLAG: scheme != NOT_STATED and m.id in unstated,
                    }
                )
    return Table(
        "gaps-municipalities",
        "Municipalities without a partnership or without a university partner",
        ["kommunenummer", "municipality", "network", "year", "scheme", "gap", UNSTATED_FLAG],
        rows,
        notes=[
            "Every gazetteer municipality, per year and scheme considered, that is in no "
            "partnership of that scheme (as an owner, or through a member located in or owned "
            "by it) or only in partnerships without a university or unit.",
            *_common_notes(ds, f, reaches),
            f"{UNSTATED_FLAG}: the municipality is in a partnership of unstated scheme that "
            "year, which may fill the gap.",
        ],
    )


def _networks(ds: Dataset, f: Filters, reaches: list[Reach]) -> Table:
    """Each reference network, per year and scheme: how many of its municipalities are in a
    partnership and have a university partner, flagged when none are."""
    cov = _coverage(reaches)
    munis = [m.id for m in ds.gazetteer.municipalities()]
    rows = []
    for year in _years(f, reaches):
        for scheme in _schemes(f, reaches, year):
            cell = cov.get((year, scheme), {})
            for net in _network_list(ds, f):
                members = [m for m in munis if net.id in ds.networks_of(m)]
                partnered = sum(1 for m in members if m in cell)
                with_uh = sum(1 for m in members if cell.get(m) is True)
                gap = None
                if not partnered:
                    gap = "no member has a partnership"
                elif not with_uh:
                    gap = "no member has a university partner"
                rows.append(
                    {
                        "network": net.name,
                        "year": year,
                        "scheme": scheme,
                        "municipalities": len(members),
                        "with_partnership": partnered,
                        "with_university": with_uh,
                        "gap": gap,
                    }
                )
    return Table(
        "gaps-networks",
        "Competence networks: member municipalities with a partnership and a university",
        [
            "network",
            "year",
            "scheme",
            "municipalities",
            "with_partnership",
            "with_university",
            "gap",
        ],
        rows,
        notes=[
            "Every gazetteer network per year and scheme considered, counting its member "
            "municipalities as in gaps-municipalities; gap is set when no member has one.",
            *_common_notes(ds, f, reaches),
        ],
    )


def _needs(ds: Dataset, f: Filters) -> Table:
    """Stated needs no measure addresses in the same network and year: the need may still be
    met, but not by anything these reports fund."""
    needs = ds.needs(Filters(year=f.year, network=f.network))
    measures = ds.measures(Filters(year=f.year))
    rows: dict[tuple, dict] = {}
    for n in needs:
        if any(
            m.year == n.year
            and n.theme in m.themes
            and (m.owner == n.owner or set(m.networks) & set(n.networks))
            for m in measures
        ):
            continue
        network = ", ".join(ds.name(x) for x in n.networks) or NO_NETWORK
        rows.setdefault(
            (n.year is None, n.year or 0, network, ds.name(n.owner), n.theme),
            {
                "network": network,
                "year": n.year,
                "owner": ds.name(n.owner),
                "theme": n.theme,
                "theme_label": ds.name(f"theme:{n.theme}"),
            },
        )
    return Table(
        "gaps-needs",
        "Stated needs that no measure addresses",
        ["network", "year", "owner", "theme", "theme_label"],
        [rows[k] for k in sorted(rows)],
        notes=[
            "A need stated in a report is met when a measure of the same year, by any owner in "
            "the same network (an owner in no network: by itself), addresses its theme.",
            f"Filter: {f.describe()}. Needs have no scheme, so measures of every scheme count; "
            "needs of reports without a year are compared with measures without a year.",
        ],
    )


def _kindergartens(ds: Dataset, f: Filters, reaches: list[Reach]) -> Table:
    """Where the school sector has a partnership (desentralisert) in a year and the
    kindergarten sector (regional) has none: networks first, then municipalities."""
    rows = []
    for year in _years(f, reaches):
        here = [r for r in reaches if r.year == year]
        nets = {s: _reached(here, s, "networks") for s in (SCHOOLS, KINDERGARTENS, NOT_STATED)}
        munis = {
            s: _reached(here, s, "municipalities") for s in (SCHOOLS, KINDERGARTENS, NOT_STATED)
        }
        for net in _network_list(ds, f):
            if net.id in nets[SCHOOLS] - nets[KINDERGARTENS]:
                rows.append(_kg_row("network", net.name, None, year, net.id in nets[NOT_STATED]))
        for m in _municipality_list(ds, f):
            if m.id in munis[SCHOOLS] - munis[KINDERGARTENS]:
                network = _network_names(ds, m.id)
                rows.append(_kg_row("municipality", network, m, year, m.id in munis[NOT_STATED]))
    return Table(
        "gaps-kindergarten",
        "Kindergarten sector (Regional ordning) missing where schools are covered",
        ["level", "network", "kommunenummer", "municipality", "year", UNSTATED_FLAG],
        rows,
        notes=[
            f"A network or municipality reached by a '{SCHOOLS}' partnership in a year but by "
            f"no '{KINDERGARTENS}' one; a network is reached through any owner in the "
            "partnership that belongs to it or any municipality the partnership covers.",
            f"Filter: {f.describe()}; the scheme filter does not apply (the table compares "
            f"two schemes). {UNSTATED_FLAG}: a partnership of unstated scheme reaches it that "
            "year and may cover the kindergartens.",
        ],
    )


def _reached(reaches: list[Reach], scheme: str, attr: str) -> set[str]:
    """The networks or municipalities (attr) that partnerships of a scheme reach."""
    return {x for r in reaches if scheme in r.schemes for x in getattr(r, attr)}


def _kg_row(level: str, network: str, m: Entry | None, year: int, unstated: bool) -> dict:
    return {
        "level": level,
        "network": network,
        "kommunenummer": m.kommunenummer if m else None,
        "municipality": m.name if m else None,
        "year": year,
        UNSTATED_FLAG: unstated,
    }
