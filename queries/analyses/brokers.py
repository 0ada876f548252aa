"""Who holds the map together: organisations that connect otherwise separate networks, and
the groups of partnerships that share no partner with anyone else.

Both are questions about paths through the partnership projection (organisations linked
when they are in one partnership), which a query language answers badly and networkx
answers directly: betweenness centrality, articulation points, connected components.

Method decisions:
- Nodes are the organisations as the reports name them: owners, the schools and
  kindergartens listed as partners, universities and their units. A unit (SePU, LMS) is
  not rolled up into its university: a national centre works apart from its host's teacher
  education, and merging them would invent links no report states. A note says where
  rolling up would join components.
- Betweenness is unweighted. The link weight (shared partnerships) mostly counts how many
  years a pair reported together; as a distance (1/weight) it would route paths through
  long-standing pairs and reward frequent reporting, while brokerage is about whether a
  link exists at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

import networkx as nx

from kompetansekart.graph.model import NodeType as N
from kompetansekart.queries.analyses.dataset import Dataset, Filters
from kompetansekart.queries.analyses.table import Table

HEADERS = [
    "organisation",
    "kind",
    "betweenness",
    "networks_reached",
    "networks",
    "partnerships",
    "articulation",
    "explanation",
]
COMPONENT_HEADERS = ["component", "size", "partnerships", "members", "networks"]
MEMBERS_SHOWN = 5

KINDS = {
    N.MUNICIPALITY: "municipality",
    N.COUNTY_MUNICIPALITY: "county",
    N.PRIVATE_OWNER: "private owner",
    N.SCHOOL: "school",
    N.KINDERGARTEN: "kindergarten",
    N.UNIVERSITY: "university",
    N.PPT: "PPT service",
    N.UNION: "union",
    N.OTHER_ORGANIZATION: "other organisation",
    N.COMPETENCE_NETWORK: "competence network",
}


def brokers(ds: Dataset, f: Filters) -> list[Table]:
    g = projection(ds, f)
    filt = f"Filter: {f.describe()}."
    return [_brokers_table(ds, g, filt), _components_table(ds, g, filt)]


# --- the projection ----------------------------------------------------------------------


def projection(ds: Dataset, f: Filters | None = None) -> nx.Graph:
    """Organisations linked when they share a partnership; `weight` counts the shared
    partnerships, node `partnerships` holds each organisation's partnership ids and
    `networks` its competence networks (ids)."""
    g = nx.Graph()
    for p in ds.partnerships(f or Filters()):
        members = list(dict.fromkeys((*p.owners, *p.uh)))
        for m in members:
            if m not in g:
                g.add_node(m, partnerships=set(), networks=ds.networks_of(m))
            g.nodes[m]["partnerships"].add(p.id)
        for a, b in combinations(members, 2):
            weight = g.edges[a, b]["weight"] + 1 if g.has_edge(a, b) else 1
            g.add_edge(a, b, weight=weight)
    return g


def kind(ds: Dataset, org: str) -> str:
    """The organisation's kind in plain words; a unit names its university."""
    node = ds.model.nodes.get(org)
    if node is None or node.type is N.ORGANIZATION:
        return "organisation (kind unknown)"
    if node.type is N.UNIVERSITY_UNIT:
        return f"unit of {ds.name(ds.university_of(org))}"
    return KINDS.get(node.type, node.type.value)


def _order(ds: Dataset, g: nx.Graph, nodes: Iterable[str]) -> list[str]:
    """Universities and units first, then the best connected, then by name: the order a
    reader recognises a group by."""
    return sorted(nodes, key=lambda n: (not ds.is_uh(n), -g.degree(n), ds.name(n)))


# --- brokers -----------------------------------------------------------------------------


def _brokers_table(ds: Dataset, g: nx.Graph, filt: str) -> Table:
    betweenness = nx.betweenness_centrality(g, normalized=True)
    cuts = set(nx.articulation_points(g))
    reach = _reach(g)
    rows = []
    for v in g:
        reached = _networks_reached(g, v)
        if betweenness[v] <= 0 and len(reached) < 2:
            continue
        names = sorted(ds.name(n) for n in reached)
        pieces = _pieces(ds, g, v) if v in cuts else []
        others = _also_linking(reach, v, reached)
        rows.append(
            {
                "organisation": ds.name(v),
                "kind": kind(ds, v),
                "betweenness": round(betweenness[v], 3),
                "networks_reached": len(reached),
                "networks": names,
                "partnerships": len(g.nodes[v]["partnerships"]),
                "articulation": "yes" if v in cuts else "no",
                "explanation": _explain(
                    ds.name(v), betweenness[v], names, sorted(ds.name(o) for o in others), pieces
                ),
                "_sort": (-round(betweenness[v], 9), -len(reached), ds.name(v)),
            }
        )
    rows.sort(key=lambda r: r.pop("_sort"))
    return Table(
        "brokers",
        "Brokers: organisations that connect otherwise separate networks",
        HEADERS,
        rows,
        notes=[
            filt,
            "Organisations (owners, schools, kindergartens, universities and units as the "
            "reports name them) are linked when they are in the same partnership.",
            "betweenness: the share of shortest routes between two organisations that pass "
            "through this one (networkx, normalised 0–1, unweighted so that partnerships "
            "repeated year after year do not count as shorter routes).",
            "networks_reached: the competence networks its direct partners belong to "
            "(from the gazetteer; private owners and universities belong to none).",
            "articulation: yes when removing it leaves some organisations with no path to "
            "the rest of its group.",
            "Listed: organisations with betweenness above 0 or partners in two or more "
            "networks, the most central first.",
        ],
    )


def _networks_reached(g: nx.Graph, v: str) -> set[str]:
    return {n for w in g[v] for n in g.nodes[w]["networks"]}


def _reach(g: nx.Graph) -> dict[str, set[str]]:
    """Each network's members in the projection and their direct partners."""
    reach: dict[str, set[str]] = {}
    for m in g:
        for net in g.nodes[m]["networks"]:
            reach.setdefault(net, set()).update((m, *g[m]))
    return reach


def _also_linking(reach: dict[str, set[str]], v: str, reached: set[str]) -> set[str]:
    """Organisations other than v that also link two of the networks v reaches: members
    or partners of both (a direct tie between two networks' owners counts too)."""
    others: set[str] = set()
    for a, b in combinations(sorted(reached), 2):
        others |= reach[a] & reach[b]
    return others - {v}


def _pieces(ds: Dataset, g: nx.Graph, v: str) -> list[list[str]]:
    """The names in each part v's group falls into without v, largest part first, each
    in reading order."""
    rest = nx.node_connected_component(g, v) - {v}
    parts = [_order(ds, g, c) for c in nx.connected_components(g.subgraph(rest))]
    parts.sort(key=lambda p: (-len(p), ds.name(p[0])))
    return [[ds.name(m) for m in p] for p in parts]


def _explain(
    name: str, betweenness: float, networks: list[str], others: list[str], pieces: list
) -> str:
    """One plain sentence from the row's numbers."""
    if len(networks) >= 2:
        text = f"{name} links owners in {len(networks)} networks ({', '.join(networks)})"
        text += (
            f", which are also linked through {_some(others)}"
            if others
            else " that share no other partner"
        )
    else:
        text = f"{name} lies on {_percent(betweenness)} of the shortest routes between two "
        text += "organisations"
    return f"{text}; {_cut(pieces) if pieces else 'removing it would cut no one off'}."


def _cut(pieces: list[list[str]]) -> str:
    if len(pieces) == 2:
        big, small = pieces
        other = big[0] if len(big) == 1 else f"the other {len(big)} organisations"
        return f"without it, {_group(small)} would be cut off from {other}"
    rest = sum(len(p) for p in pieces)
    parts = "; ".join(_group(p) for p in pieces)
    return (
        f"without it, the other {rest} organisations in its group would split into "
        f"{len(pieces)} parts: {parts}"
    )


def _percent(share: float) -> str:
    return "under 1%" if share < 0.01 else f"about {round(100 * share)}%"


def _group(names: list[str]) -> str:
    if len(names) <= 3:
        return _and(names)
    return f"{names[0]}, {names[1]} and {len(names) - 2} others"


def _some(names: list[str], limit: int = 3) -> str:
    if len(names) <= limit:
        return _and(names)
    return f"{', '.join(names[:limit])} and {len(names) - limit} more"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


# --- components --------------------------------------------------------------------------


def _components_table(ds: Dataset, g: nx.Graph, filt: str) -> Table:
    groups = [_order(ds, g, c) for c in nx.connected_components(g)]
    groups.sort(key=lambda c: (-len(c), ds.name(c[0])))
    rows = [_component_row(ds, g, k, c) for k, c in enumerate(groups, start=1)]
    return Table(
        "components",
        "Connected groups of partnerships",
        COMPONENT_HEADERS,
        rows,
        notes=[
            filt,
            "A component is a group of organisations joined by partnerships; each group after "
            "the first shares no partner with the others.",
            f"members: universities and units first, then the best connected, at most "
            f"{MEMBERS_SHOWN} names; size counts them all.",
            *_unit_notes(ds, g, groups),
        ],
    )


def _component_row(ds: Dataset, g: nx.Graph, k: int, members: list[str]) -> dict:
    shown = [ds.name(m) for m in members[:MEMBERS_SHOWN]]
    if len(members) > MEMBERS_SHOWN:
        shown.append(f"and {len(members) - MEMBERS_SHOWN} more")
    networks = {n for m in members for n in g.nodes[m]["networks"]}
    return {
        "component": k,
        "size": len(members),
        "partnerships": len(_partnerships_in(g, members)),
        "members": shown,
        "networks": sorted(ds.name(n) for n in networks),
    }


def _partnerships_in(g: nx.Graph, members: list[str]) -> set[str]:
    return {p for m in members for p in g.nodes[m]["partnerships"]}


def _unit_notes(ds: Dataset, g: nx.Graph, groups: list[list[str]]) -> list[str]:
    """Where rolling a unit up into its university would join two components."""
    where = {m: k for k, c in enumerate(groups, start=1) for m in c}
    notes = []
    for unit in sorted((m for m in g if m in where), key=ds.name):
        host = ds.university_of(unit)
        if host != unit and host in where and where[host] != where[unit]:
            notes.append(
                f"{ds.name(unit)} (component {where[unit]}) is a unit of {ds.name(host)} "
                f"(component {where[host]}); counted as one institution, the two would join."
            )
    return notes
