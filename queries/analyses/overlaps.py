"""Where the same work may be paid for twice: one owner with several measures on a theme in
a year, the same theme carried on across years (continuity, shown so it is not mistaken for
double funding), an organisation in several partnerships in a year, and several
universities on one theme in one network.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from kompetansekart.graph.build import slug
from kompetansekart.graph.model import EdgeType as E
from kompetansekart.queries.analyses.dataset import Dataset, Filters, MeasureFact, PartnershipFact
from kompetansekart.queries.analyses.gaps import stated_schemes
from kompetansekart.queries.analyses.regions import NO_NETWORK, NOT_STATED, uh_label
from kompetansekart.queries.analyses.table import Table

SEP = "; "


def overlaps(ds: Dataset, f: Filters) -> list[Table]:
    """The four overlap tables, the same-year risks first and continuity beside them."""
    return [
        _owner_theme_year(ds, f),
        _owner_theme_years(ds, f),
        _partnerships(ds, f),
        _uh_theme_network(ds, f),
    ]


def _amount(m: MeasureFact) -> int:
    """A measure's total: as stated, else the owner's and the UH's shares."""
    if m.total_stated is not None:
        return m.total_stated
    return (m.owner_amount or 0) + (m.uh_amount or 0)


def _theme_label(ds: Dataset, theme: str) -> str:
    return ds.name(f"theme:{theme}")


def _undated_note(measures: Iterable[MeasureFact]) -> list[str]:
    undated = sum(1 for m in measures if m.year is None)
    return [f"{undated} measure(s) without a year are left out."] if undated else []


# --- same owner, same theme --------------------------------------------------------------


def _owner_theme_year(ds: Dataset, f: Filters) -> Table:
    """Two or more measures of one owner on one theme in one year: the risk of funding the
    same work twice, whether the measures are in one report or in several."""
    measures = ds.measures(f)
    groups: dict[tuple[str, int, str], list[MeasureFact]] = defaultdict(list)
    for m in measures:
        if m.year is not None:
            for theme in m.themes:
                groups[(m.owner, m.year, theme)].append(m)
    rows = []
    for (owner, year, theme), ms in groups.items():
        if len(ms) < 2:
            continue
        rows.append(
            {
                "owner": ds.name(owner),
                "year": year,
                "theme": theme,
                "theme_label": _theme_label(ds, theme),
                "measures": len(ms),
                "measure_names": SEP.join(sorted(m.name for m in ms)),
                "reports": len({m.report for m in ms}),
                "schemes": SEP.join(sorted({m.scheme or NOT_STATED for m in ms})),
                "universities": SEP.join(sorted({uh_label(ds, m.uh) for m in ms if m.uh})),
                "amount": sum(_amount(m) for m in ms),
            }
        )
    rows.sort(key=lambda r: (r["owner"], r["year"], r["theme"]))
    return Table(
        "overlaps-owner-theme-year",
        "Same owner, same theme, same year: two or more measures",
        [
            "owner",
            "year",
            "theme",
            "theme_label",
            "measures",
            "measure_names",
            "reports",
            "schemes",
            "universities",
            "amount",
        ],
        rows,
        money=("amount",),
        notes=[
            f"Filter: {f.describe()}. Measures are grouped by the owner that runs them (the "
            "report's owner), year and theme; groups of two or more are listed.",
            "amount is the measures' summed totals; a measure on several themes counts in "
            "each of its rows, so the column is not summed.",
            *_undated_note(measures),
        ],
    )


def _owner_theme_years(ds: Dataset, f: Filters) -> Table:
    """The same owner on the same theme in two or more years: continuity, a pattern worth
    seeing beside the same-year table, not a problem in itself."""
    measures = ds.measures(Filters(scheme=f.scheme, network=f.network))
    groups: dict[tuple[str, str], list[MeasureFact]] = defaultdict(list)
    for m in measures:
        if m.year is not None:
            for theme in m.themes:
                groups[(m.owner, theme)].append(m)
    rows = []
    for (owner, theme), ms in groups.items():
        years = sorted({m.year for m in ms if m.year is not None})
        if len(years) < 2 or (f.year is not None and f.year not in years):
            continue
        ids = {m.id for m in ms}
        rows.append(
            {
                "owner": ds.name(owner),
                "theme": theme,
                "theme_label": _theme_label(ds, theme),
                "years": ", ".join(map(str, years)),
                "measures": len(ms),
                "measure_names": SEP.join(
                    f"{m.year}: {m.name}" for m in sorted(ms, key=lambda m: (m.year, m.name))
                ),
                "declared_continuation": any(
                    later in ids for m in ms for later in ds.out(E.CONTINUES, m.id)
                ),
            }
        )
    rows.sort(key=lambda r: (r["owner"], r["theme"]))
    return Table(
        "overlaps-owner-theme-years",
        "Same owner, same theme, several years (continuity)",
        [
            "owner",
            "theme",
            "theme_label",
            "years",
            "measures",
            "measure_names",
            "declared_continuation",
        ],
        rows,
        notes=[
            f"Filter: {f.describe()}. Owner and theme pairs with measures in two or more "
            "years (with a year filter: one of them that year); continuity is a pattern, not "
            "double funding.",
            "declared_continuation: a report says one of these measures continues another.",
            *_undated_note(measures),
        ],
    )


# --- one organisation in several partnerships --------------------------------------------


def _participants(ds: Dataset, p: PartnershipFact, institutions: dict) -> dict[str, str]:
    """Every non-UH organisation in a partnership and how: its owner, a partner owner, or a
    unit (school, kindergarten) the report lists as taking part."""
    found = {o: ("owner" if o == p.owner else "partner") for o in p.owners}
    for org in institutions.get(p.report, ()):
        if not ds.is_uh(org):
            found.setdefault(org, "institution")
    return found


def _institutions(ds: Dataset) -> dict[str, list[str]]:
    """Report id -> the node ids of the units it lists. The graph ties a unit to its report
    only through measures, so they are read from the records, with the id the build gives
    them (the gazetteer's id, else a slug of the name)."""
    found: dict[str, list[str]] = {}
    for r in ds.records:
        ids = [i.org.id or f"org:{slug(i.org.name)}" for i in r.institutions]
        found[f"report:{r.id}"] = [i for i in ids if i in ds.model.nodes]
    return found


def _partnerships(ds: Dataset, f: Filters) -> Table:
    """An owner, school or kindergarten in two or more partnerships in one year. The same
    owner with one report per scheme shows up too; the schemes column tells them apart."""
    schemes = stated_schemes(ds)
    institutions = _institutions(ds)
    groups: dict[tuple[str, int], dict[str, tuple[PartnershipFact, str]]] = defaultdict(dict)
    for p in ds.partnerships(Filters(year=f.year)):
        if p.year is None:
            continue
        if f.scheme is not None and f.scheme not in schemes.get(p.report, ()):
            continue
        for org, role in _participants(ds, p, institutions).items():
            groups[(org, p.year)][p.id] = (p, role)
    wanted = ds.network_id(f.network) if f.network is not None else None
    rows = []
    for (org, year), found in groups.items():
        ps = [p for p, _ in found.values()]
        if len(ps) < 2:
            continue
        if f.network is not None and not (
            wanted in ds.networks_of(org) or any(wanted in p.networks for p in ps)
        ):
            continue
        rows.append(
            {
                "organisation": ds.name(org),
                "kind": ds.model.nodes[org].type.value,
                "year": year,
                "partnerships": len(ps),
                "submitted_by": SEP.join(sorted(ds.name(p.owner) for p in ps)),
                "schemes": SEP.join(
                    sorted({s for p in ps for s in schemes.get(p.report) or {NOT_STATED}})
                ),
                "roles": SEP.join(sorted({role for _, role in found.values()})),
            }
        )
    rows.sort(key=lambda r: (r["year"], r["organisation"]))
    return Table(
        "overlaps-partnerships",
        "Organisations in several partnerships in the same year",
        ["organisation", "kind", "year", "partnerships", "submitted_by", "schemes", "roles"],
        rows,
        notes=[
            f"Filter: {f.describe()}. Owners, partner owners and listed units (never a "
            "university) counted once per partnership (one partnership per report) and year.",
            "Partnerships without a year are left out; with a network filter, rows where the "
            "organisation or one of its partnerships' owners belongs to the network.",
        ],
    )


# --- several universities on one theme in one network ------------------------------------


def _uh_theme_network(ds: Dataset, f: Filters) -> Table:
    """Two or more universities on one theme in one network and year: a chance to
    coordinate, or the same work bought twice. Units are rolled up to their university,
    since two centres of one university are one institution's internal division of work."""
    measures = ds.measures(f)
    groups: dict[tuple[str, str, int, str], list[MeasureFact]] = defaultdict(list)
    for m in measures:
        if m.uh is None or m.year is None:
            continue
        # an owner in no network is compared with itself only
        places = [(n, "") for n in m.networks] or [("", m.owner)]
        for net, owner in places:
            for theme in m.themes:
                groups[(net, owner, m.year, theme)].append(m)
    rows = []
    for (net, _, year, theme), ms in groups.items():
        universities = {ds.university_of(m.uh) for m in ms if m.uh}
        if len(universities) < 2:
            continue
        rows.append(
            {
                "network": ds.name(net) if net else NO_NETWORK,
                "year": year,
                "theme": theme,
                "theme_label": _theme_label(ds, theme),
                "university_count": len(universities),
                "universities": SEP.join(sorted(ds.name(u) for u in universities)),
                "units": SEP.join(sorted({uh_label(ds, m.uh) for m in ms if m.uh})),
                "owners": SEP.join(sorted({ds.name(m.owner) for m in ms})),
                "measures": SEP.join(sorted(m.name for m in ms)),
            }
        )
    rows.sort(key=lambda r: (r["network"], r["year"], r["theme"], r["owners"]))
    return Table(
        "overlaps-uh-theme-network",
        "Several universities on the same theme in one network and year",
        [
            "network",
            "year",
            "theme",
            "theme_label",
            "university_count",
            "universities",
            "units",
            "owners",
            "measures",
        ],
        rows,
        notes=[
            f"Filter: {f.describe()}. Measures' delivering UH, rolled up to their university "
            "(SePU counts as Universitetet i Innlandet), grouped by the owner's network, year "
            "and theme; groups with two or more universities are listed.",
            "An owner in no network is compared with its own measures only; measures without "
            "a named UH or a year are left out.",
            *_undated_note(measures),
        ],
    )
