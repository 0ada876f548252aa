"""The page a newcomer reads first: how much was read, who takes part, how much money is
asked for, which themes and schemes dominate, and which report answers the next question.

Every number is counted from the same facts the other analyses use (Dataset), so the
summary never disagrees with them: the money here is the sum of the graph's grants.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from kompetansekart.graph.model import EdgeType as E
from kompetansekart.graph.model import NodeType as N
from kompetansekart.queries.analyses.dataset import Dataset, Filters, GrantFact, PartnershipFact
from kompetansekart.queries.analyses.table import Table

HEADERS = ["item", "value", "detail", "amount"]
THEME_HEADERS = ["theme", "measures", "owners"]
SCHEME_HEADERS = ["scheme", "code", "owner_amount", "uh_amount", "total"]
MONEY = ("owner_amount", "uh_amount", "total")
TOP_THEMES = 10
NOT_STATED = "(not stated)"


def summary(ds: Dataset, f: Filters) -> list[Table]:
    return [_overview(ds, f), _themes(ds, f), _schemes(ds, f)]


# --- the overview ------------------------------------------------------------------------


def _overview(ds: Dataset, f: Filters) -> Table:
    partnerships = ds.partnerships(f)
    grants = ds.grants(f)
    rows = [
        *_reports_rows(ds, f),
        *_owner_rows(ds, partnerships),
        *_uh_rows(ds, partnerships),
        _network_row(ds, partnerships),
        _partnership_row(partnerships),
        *_measure_rows(ds, f),
        *_money_rows(grants),
    ]
    return Table(
        "summary",
        "Summary: what the reports say",
        HEADERS,
        rows,
        money=("amount",),
        notes=[f"Filter: {f.describe()}.", *_pointers(ds, partnerships)],
    )


def _row(
    item: str, value: object = None, detail: str | None = None, amount: int | None = None
) -> dict:
    """One key/value line; money goes in `amount` so renderers format it as NOK."""
    return {"item": item, "value": value, "detail": detail, "amount": amount}


def reports(ds: Dataset, f: Filters) -> list[str]:
    """The reports the filter keeps: by the report's year and its owner's networks, and
    for a scheme, those with a partnership or grant under it."""
    net = ds.network_id(f.network) if f.network is not None else None
    kept = []
    for node in ds.model.of_type(N.NEEDS_REPORT):
        owner = next(iter(ds.out(E.SUBMITTED_BY, node.id)), None)
        if f.year is not None and node.props.get("year") != f.year:
            continue
        if f.network is not None and (owner is None or net not in ds.networks_of(owner)):
            continue
        kept.append(node.id)
    if f.scheme is not None:
        schemed = {p.report for p in ds.partnerships(f)} | {g.report for g in ds.grants(f)}
        kept = [r for r in kept if r in schemed]
    return kept


def _reports_rows(ds: Dataset, f: Filters) -> list[dict]:
    kept = reports(ds, f)
    years = Counter(ds.model.nodes[r].props.get("year") for r in kept)
    owners = {o for r in kept for o in ds.out(E.SUBMITTED_BY, r)}
    dated = sorted(y for y in years if y is not None)
    per_year = [f"{y}: {years[y]}" for y in dated]
    if years[None]:
        per_year.append(f"{_count(years[None], 'report')} without a year")
    return [
        _row("Reports read", len(kept), f"submitted by {_count(len(owners), 'owner')}"),
        _row("Years covered", _span(dated), "; ".join(per_year) or None),
    ]


def _span(years: list[int]) -> str | None:
    """2024–2026 for a range (gaps show in the per-year detail), 2025 for one year."""
    if not years:
        return None
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def _owner_rows(ds: Dataset, partnerships: list[PartnershipFact]) -> list[dict]:
    owners = {o for p in partnerships for o in p.owners}
    submitting = {p.owner for p in partnerships}
    municipalities = sorted(
        ds.name(o)
        for o in owners
        if (node := ds.model.nodes.get(o)) is not None and node.type is N.MUNICIPALITY
    )
    total = len(ds.gazetteer.municipalities())
    return [
        _row(
            "Owners in partnerships",
            len(owners),
            _submitters(len(submitting), len(owners - submitting)),
        ),
        _row(
            "Municipalities with a partnership",
            len(municipalities),
            f"of {total} in the gazetteer"
            + (f": {', '.join(municipalities)}" if municipalities else ""),
        ),
    ]


def _submitters(submitted: int, named: int) -> str:
    more = (
        f"{named} more is named as a partner"
        if named == 1
        else f"{named} more are named as partners"
    )
    return f"{submitted} submitted a report; {more}"


def _uh_rows(ds: Dataset, partnerships: list[PartnershipFact]) -> list[dict]:
    named = {u for p in partnerships for u in p.uh}
    universities = sorted({ds.name(ds.university_of(u)) for u in named})
    units = sorted(
        f"{ds.name(u)} ({ds.name(ds.university_of(u))})" for u in named if ds.university_of(u) != u
    )
    return [
        _row(
            "Universities (a unit counts as its host)",
            len(universities),
            ", ".join(universities) or None,
        ),
        _row("University units named as partners", len(units), ", ".join(units) or None),
    ]


def _network_row(ds: Dataset, partnerships: list[PartnershipFact]) -> dict:
    """A network takes part when any owner in a partnership belongs to it."""
    networks = sorted(
        {ds.name(n) for p in partnerships for o in p.owners for n in ds.networks_of(o)}
    )
    total = len(ds.gazetteer.networks())
    return _row(
        "Competence networks with a partnership",
        len(networks),
        f"of {total} in the gazetteer" + (f": {', '.join(networks)}" if networks else ""),
    )


def _partnership_row(partnerships: list[PartnershipFact]) -> dict:
    several = sum(1 for p in partnerships if len(p.owners) > 1)
    return _row(
        "Partnerships",
        len(partnerships),
        f"{several} with more than one owner" if partnerships else None,
    )


def _measure_rows(ds: Dataset, f: Filters) -> list[dict]:
    measures = ds.measures(f)
    in_reports = {m.report for m in measures}
    addressed = {t for m in measures for t in m.themes}
    needed = {n.theme for n in ds.needs(f)}
    return [
        _row("Measures", len(measures), f"in {_count(len(in_reports), 'report')}"),
        _row(
            "Themes stated as needs",
            len(needed),
            f"{len(needed - addressed)} of them addressed by no measure (see `gaps`)",
        ),
        _row("Themes addressed by measures", len(addressed)),
    ]


def _money_rows(grants: list[GrantFact]) -> list[dict]:
    owner = sum(g.amount for g in grants if g.role == "eier")
    uh = sum(g.amount for g in grants if g.role == "uh")
    return [
        _row("Money asked for the owners' part", amount=owner),
        _row("Money asked for the universities' part", amount=uh),
        _row("Money asked in total", None, f"{_count(len(grants), 'grant')}", owner + uh),
    ]


def _pointers(ds: Dataset, partnerships: list[PartnershipFact]) -> list[str]:
    """Where to go next, with an owner and a university from the data as examples."""
    owner = _most_common(ds, [p.owner for p in partnerships]) or "Bodø kommune"
    uh = _most_common(ds, [ds.university_of(u) for p in partnerships for u in p.uh])
    uh = uh or "Nord universitet"
    return [
        "Money is what the reports ask for, in NOK: the owners' and the universities' "
        "shares of every measure and budget row (the tables below split it by scheme).",
        "Next: `kompetansekart report regions` shows who serves which network and "
        "municipality; `funding` splits the money by scheme, year, network and owner.",
        "`kompetansekart report gaps` lists municipalities and networks without a partner "
        "and needs no measure meets; `overlaps` the same owner funded twice for a theme.",
        "`kompetansekart report audit` checks every stated total against its parts; "
        "`brokers` names the organisations that connect otherwise separate networks.",
        f"`kompetansekart report partners '{owner}'` shows one owner's partnerships over "
        f"the years; `kompetansekart report uh '{uh}'` one university's portfolio.",
    ]


def _most_common(ds: Dataset, ids: list[str]) -> str | None:
    """The name that occurs most often (ties by name), or None."""
    counts = Counter(ds.name(i) for i in ids)
    return min(counts, key=lambda n: (-counts[n], n)) if counts else None


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# --- themes and schemes ------------------------------------------------------------------


def _themes(ds: Dataset, f: Filters) -> Table:
    measures: Counter[str] = Counter()
    owners: dict[str, set[str]] = defaultdict(set)
    for m in ds.measures(f):
        for t in m.themes:
            measures[t] += 1
            owners[t].add(m.owner)
    names = _theme_names(ds)
    rows = [
        {"theme": names.get(t, t), "measures": n, "owners": len(owners[t])}
        for t, n in measures.items()
    ]
    rows.sort(key=lambda r: (-r["measures"], -r["owners"], r["theme"]))  # ties by name
    return Table(
        "summary-themes",
        f"Top themes by number of measures (at most {TOP_THEMES})",
        THEME_HEADERS,
        rows[:TOP_THEMES],
        notes=[
            "A measure counts under each theme it addresses; owners: the reports' owners "
            "with such a measure.",
            *(
                [f"{len(rows) - TOP_THEMES} more themes not shown."]
                if len(rows) > TOP_THEMES
                else []
            ),
        ],
    )


def _theme_names(ds: Dataset) -> dict[str, str]:
    return {
        str(n.props.get("code", n.id)): str(n.props.get("name", n.id))
        for n in ds.model.of_type(N.THEME)
    }


def _schemes(ds: Dataset, f: Filters) -> Table:
    sums: dict[str | None, list[int]] = defaultdict(lambda: [0, 0])
    for g in ds.grants(f):
        sums[g.scheme][0 if g.role == "eier" else 1] += g.amount
    names = {
        str(n.props["code"]): str(n.props.get("name", n.id))
        for n in ds.model.of_type(N.SCHEME)
        if "code" in n.props
    }
    rows = [
        {
            "scheme": names.get(code, code) if code else NOT_STATED,
            "code": code,
            "owner_amount": owner,
            "uh_amount": uh,
            "total": owner + uh,
        }
        for code, (owner, uh) in sums.items()
    ]
    rows.sort(key=lambda r: (r["code"] is None, -r["total"], r["scheme"]))
    return Table(
        "summary-schemes",
        "Money by scheme",
        SCHEME_HEADERS,
        rows,
        money=MONEY,
        totals=True,
        notes=[
            "Requested amounts in NOK; the sum equals the total in the summary. "
            f"{NOT_STATED}: the report does not say which scheme the money is for.",
            "code: what `--scheme` takes, e.g. `kompetansekart report funding --scheme "
            "desentralisert`.",
        ],
    )
