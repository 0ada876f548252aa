"""What the HTML map shows, as plain data: nodes, edges, plain-text tooltips and positions.

No HTML here (that is `map_html`), so the choice of what a view contains, which filter
keeps what, and what a tooltip says can be tested without a browser or a template.

The n-ary nodes of the model (Partnership, Membership, Grant, NeedsReport) are drawn as
their projections: PARTNERS_WITH and MEMBER_OF links, money as weighted RUNS / DELIVERS /
FUNDS edges, stated needs as owner -> theme. Three views:

- `partnerships` (default): organisations, networks and partnership links, no measures;
- `funding`: that plus measures and schemes, with grants as edges weighted by amount;
- `full`: that plus themes, target groups, areas and unions.

Filters work as in the analyses (`Dataset` facts): a year, scheme or network keeps the
reports, measures and grants that match, and the organisations they touch.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kompetansekart.graph.model import EdgeType as E
from kompetansekart.graph.model import Node
from kompetansekart.graph.model import NodeType as N
from kompetansekart.ingest.amounts import format_nok

if TYPE_CHECKING:  # the CLI imports this module for `View`; the graph code loads on use
    from kompetansekart.ingest.records import NeedsReport
    from kompetansekart.queries.analyses.dataset import (
        Dataset,
        Filters,
        GrantFact,
        MeasureFact,
        PartnershipFact,
    )

# Above this many nodes the page uses the fast solver and a short stabilisation, and the
# Python layout runs fewer refinement rounds (see `layout`).
LARGE_GRAPH = 1000
# A tooltip lists at most this many sources; a node merged from hundreds of reports would
# otherwise get a tooltip taller than the screen.
MAX_SOURCES = 25
LABEL_CHARS = 40


class View(StrEnum):
    partnerships = "partnerships"
    funding = "funding"
    full = "full"


@dataclass(frozen=True)
class Style:
    """How one kind of node looks, and its name in the legend (Norwegian, as the users)."""

    label: str
    color: str
    shape: str  # only shapes with the label outside, which vis-network sizes by `value`


# Map group -> style. Owner kinds are dots in blues and teals; UH are stars.
STYLES: dict[str, Style] = {
    "municipality": Style("Kommune", "#4e79a7", "dot"),
    "county": Style("Fylkeskommune", "#1f3b73", "dot"),
    "private_owner": Style("Privat eier", "#76b7b2", "dot"),
    "ppt": Style("PPT", "#9ecae9", "dot"),
    "organisation": Style("Annen organisasjon", "#9c9c9c", "dot"),
    "school": Style("Skole", "#59a14f", "square"),
    "kindergarten": Style("Barnehage", "#a0d568", "square"),
    "university": Style("Universitet/høgskole", "#e15759", "star"),
    "unit": Style("UH-enhet/nasjonalt senter", "#ff9d9a", "star"),
    "network": Style("Kompetansenettverk", "#f28e2b", "hexagon"),
    "measure": Style("Tiltak", "#b07aa1", "diamond"),
    "scheme": Style("Ordning", "#edc948", "triangle"),
    "theme": Style("Tema", "#5f9ea0", "triangleDown"),
    "target_group": Style("Målgruppe", "#bab0ac", "triangleDown"),
    "area": Style("Område", "#d3d3d3", "hexagon"),
    "union": Style("Fagforening", "#9d7660", "dot"),
    "person": Style("Kontaktperson", "#333333", "dot"),
}

GROUP_OF: dict[N, str] = {
    N.MUNICIPALITY: "municipality",
    N.COUNTY_MUNICIPALITY: "county",
    N.PRIVATE_OWNER: "private_owner",
    N.PPT: "ppt",
    N.OTHER_ORGANIZATION: "organisation",
    N.ORGANIZATION: "organisation",
    N.SCHOOL: "school",
    N.KINDERGARTEN: "kindergarten",
    N.UNIVERSITY: "university",
    N.UNIVERSITY_UNIT: "unit",
    N.COMPETENCE_NETWORK: "network",
    N.MEASURE: "measure",
    N.SCHEME: "scheme",
    N.THEME: "theme",
    N.TARGET_GROUP: "target_group",
    N.AREA: "area",
    N.UNION: "union",
    N.PERSON: "person",
}

_PARTNERSHIP_GROUPS = frozenset(
    {
        "municipality",
        "county",
        "private_owner",
        "ppt",
        "organisation",
        "school",
        "kindergarten",
        "university",
        "unit",
        "network",
    }
)
VIEW_GROUPS: dict[View, frozenset[str]] = {
    View.partnerships: _PARTNERSHIP_GROUPS,
    View.funding: _PARTNERSHIP_GROUPS | {"measure", "scheme"},
    View.full: _PARTNERSHIP_GROUPS
    | {"measure", "scheme", "theme", "target_group", "area", "union"},
}

# Model relation -> the edge style on the map.
EDGE_KIND: dict[str, str] = {
    E.PARTNERS_WITH: "partnership",
    E.RUNS: "funding",
    E.DELIVERS: "funding",
    E.FUNDS: "funding",
    E.MEMBER_OF: "membership",
    E.PART_OF: "membership",
    E.OWNED_BY: "membership",
    "CONTACT_FOR": "membership",
    E.ADDRESSES: "context",
    E.TARGETS: "context",
    E.CONTINUES: "context",
    E.AT: "context",
    E.SERVES: "context",
    E.LOCATED_IN: "context",
    E.IN_REGION: "context",
    E.STATES_NEED: "context",
    E.CONSULTED: "context",
}
RELATION_LABEL: dict[str, str] = {
    E.PARTNERS_WITH: "Partnerskap",
    E.RUNS: "Eierandel til tiltak",
    E.DELIVERS: "UH-andel til tiltak",
    E.FUNDS: "Tilskudd fra ordning",
    E.MEMBER_OF: "Medlem av nettverk",
    E.PART_OF: "Enhet ved",
    E.OWNED_BY: "Eies av",
    "CONTACT_FOR": "Kontaktperson for",
    E.ADDRESSES: "Tema for tiltak",
    E.TARGETS: "Målgruppe for tiltak",
    E.CONTINUES: "Viderefører",
    E.AT: "Tiltak ved",
    E.SERVES: "UH betjener område",
    E.LOCATED_IN: "Ligger i",
    E.IN_REGION: "Del av",
    E.STATES_NEED: "Meldt behov",
    E.CONSULTED: "Medbestemmelse",
}
_STRUCTURE = (E.MEMBER_OF, E.PART_OF, E.OWNED_BY)
_CONTENT = (E.ADDRESSES, E.TARGETS, E.AT)
_AREAS = (E.LOCATED_IN, E.IN_REGION)


@dataclass
class MapNode:
    id: str
    label: str
    type: str  # the model's node type, e.g. "Municipality"
    group: str  # the map group (a key of STYLES): colour, shape, legend, type filter
    title: str  # plain-text tooltip, lines separated by "\n"
    value: float = 0.0  # size: sqrt of the money, so a node's area grows with the amount
    x: float = 0.0
    y: float = 0.0
    props: dict[str, Any] = field(default_factory=dict)  # amount, network (cluster key), ...


@dataclass
class MapEdge:
    src: str
    dst: str
    type: str  # partnership | funding | membership | context
    title: str
    width: float = 1.0
    dashes: bool = False
    relation: str = ""  # the model relation, e.g. "PARTNERS_WITH"
    amount: int | None = None
    spring: bool = True  # False for links to a hub: no spring in the page's physics


@dataclass
class MapData:
    nodes: list[MapNode]
    edges: list[MapEdge]
    title: str
    view: View
    filters: Filters
    subtitle: str = ""
    focus: str | None = None
    depth: int = 1
    people: bool = False


# --- building -----------------------------------------------------------------------------


def build_map(
    ds: Dataset,
    f: Filters | None = None,
    view: View | str = View.partnerships,
    focus: str | None = None,
    depth: int = 1,
    people: bool = False,
) -> MapData:
    """The map of one view under the filters; with `focus`, only the organisation and what
    lies within `depth` links of it. Raises UnknownOrganisation for an unknown focus."""
    from kompetansekart.queries.analyses.dataset import Filters
    from kompetansekart.queries.analyses.portfolio import find

    f = f or Filters()
    view = View(view)
    focus_id = find(ds, focus) if focus else None
    scope = _Scope.of(ds, f)
    edges = _edges(ds, f, view, scope, people)
    node_ids = _nodes(ds, f, view, scope, edges, people)
    if focus_id is not None:
        node_ids = _ego(node_ids | {focus_id}, edges, focus_id, depth)
    edges = {k: e for k, e in edges.items() if e.src in node_ids and e.dst in node_ids}
    text = _Text(ds, scope, people)
    nodes = [text.node(n) for n in sorted(node_ids)]
    map_edges = [text.edge(e) for e in sorted(edges.values(), key=lambda e: e.key)]
    _place(nodes, map_edges)
    return MapData(
        nodes,
        map_edges,
        _title(view),
        view,
        f,
        _subtitle(ds, f, focus_id, depth),
        focus_id,
        depth,
        people,
    )


def _title(view: View) -> str:
    names = {View.partnerships: "partnerskap", View.funding: "finansiering", View.full: "alt"}
    return f"Kompetansekart – {names[view]}"


def _subtitle(ds: Dataset, f: Filters, focus: str | None, depth: int) -> str:
    text = f"Filter: {f.describe()}"
    if focus:
        text += f"; rundt {ds.name(focus)} ({depth} ledd)"
    return text


@dataclass
class _Scope:
    """The facts the filters keep (read once: tooltips and sizes use them too), and the
    reports they come from; `reports` is None when nothing is filtered."""

    reports: set[str] | None
    measures: dict[str, MeasureFact]
    grants: list[GrantFact]
    partnerships: list[PartnershipFact]

    @classmethod
    def of(cls, ds: Dataset, f: Filters) -> _Scope:
        from kompetansekart.queries.analyses.dataset import Filters

        measures = {m.id: m for m in ds.measures(f)}
        grants = ds.grants(f)
        partnerships = ds.partnerships(f)
        reports = None
        if f != Filters():
            found = {p.report for p in partnerships} | {g.report for g in grants}
            found |= {m.report for m in measures.values()}
            reports = {r.removeprefix("report:") for r in found}
        return cls(reports, measures, grants, partnerships)

    def keeps(self, sources: Iterable[str]) -> bool:
        """An element is in scope if one of the reports it came from is."""
        if self.reports is None:
            return True
        return any(s.split(":", 1)[0] in self.reports for s in sources)


@dataclass
class _Edge:
    """One map edge while building: model edges between the same pair with the same
    relation (PARTNERS_WITH per scheme and year) become one, with their facts merged."""

    src: str
    relation: str
    dst: str
    amount: int | None = None
    schemes: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    sources: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.src, self.relation, self.dst)


class _Edges(dict[tuple[str, str, str], _Edge]):
    def add(
        self,
        src: str,
        relation: str,
        dst: str,
        sources: Iterable[str],
        amount: int | None = None,
        scheme: str | None = None,
        year: int | None = None,
    ) -> None:
        relation = str(relation)
        edge = self.setdefault((src, relation, dst), _Edge(src, relation, dst))
        if amount is not None:
            edge.amount = (edge.amount or 0) + amount
        if scheme:
            edge.schemes.add(scheme)
        if year is not None:
            edge.years.add(year)
        edge.sources.extend(s for s in sources if s not in edge.sources)


def _edges(ds: Dataset, f: Filters, view: View, scope: _Scope, people: bool) -> _Edges:
    edges = _Edges()
    _partnership_edges(ds, f, scope, edges)
    if view is not View.partnerships:
        _funding_edges(ds, scope, edges)
    if view is View.full:
        _context_edges(ds, scope, edges)
    if people:
        _person_edges(ds, scope, edges)
    return edges


def _partnership_edges(ds: Dataset, f: Filters, scope: _Scope, edges: _Edges) -> None:
    for e in ds.model.edges_of(E.PARTNERS_WITH):
        year, scheme = e.props.get("year"), e.props.get("scheme")
        if f.year is not None and year != f.year:
            continue
        if f.scheme is not None and scheme != f.scheme:
            continue
        if scope.keeps(e.sources):
            edges.add(e.src, E.PARTNERS_WITH, e.dst, e.sources, scheme=scheme, year=year)


def _funding_edges(ds: Dataset, scope: _Scope, edges: _Edges) -> None:
    """Money as weighted edges: the model's RUNS / DELIVERS / FUNDS projections for the
    measures kept, and a scheme -> recipient edge for budget rows without a measure."""
    for e in ds.model.edges_of(E.RUNS, E.DELIVERS, E.FUNDS):
        if e.dst in scope.measures and not e.src.startswith("grant:"):
            edges.add(e.src, e.type, e.dst, e.sources, amount=_int(e.props.get("amount")))
    for g in scope.grants:
        if g.measure is None and g.recipient and g.scheme:
            grant = ds.model.nodes[g.id]
            edges.add(f"scheme:{g.scheme}", E.FUNDS, g.recipient, grant.sources, amount=g.amount)


def _context_edges(ds: Dataset, scope: _Scope, edges: _Edges) -> None:
    for e in ds.model.edges_of(*_CONTENT):
        if e.src in scope.measures:
            edges.add(e.src, e.type, e.dst, e.sources)
    for e in ds.model.edges_of(E.CONTINUES):
        if e.src in scope.measures and e.dst in scope.measures:
            edges.add(e.src, e.type, e.dst, e.sources)
    for e in ds.model.edges_of(E.SERVES):
        if scope.keeps(e.sources):
            edges.add(e.src, e.type, e.dst, e.sources)
    # A report's stated needs and union consultation, drawn from the owner who wrote it.
    for e in ds.model.edges_of(E.STATES_NEED, E.CONSULTED):
        if scope.keeps(e.sources):
            for owner in ds.out(E.SUBMITTED_BY, e.src):
                edges.add(owner, e.type, e.dst, e.sources)


def _person_edges(ds: Dataset, scope: _Scope, edges: _Edges) -> None:
    """Only with --people: each record's contacts, linked to the organisation they speak for."""
    for r in ds.records:
        if not scope.keeps([r.id]):
            continue
        for i, contact in enumerate(r.contacts):
            org = _contact_org(r, contact.role)
            if org is not None:
                edges.add(person_id(r, i), "CONTACT_FOR", org, [_contact_source(r, i)])


def person_id(r: NeedsReport, i: int) -> str:
    return f"person:{r.id}:{i + 1}"


def _contact_org(r: NeedsReport, role: str) -> str | None:
    from kompetansekart.graph.build import slug

    ref = r.owner if role == "eier" else (r.uh[0] if r.uh else None)
    if ref is None:
        return None
    return ref.id or f"org:{slug(ref.name)}"  # as graph.build names an unresolved organisation


def _contact_source(r: NeedsReport, i: int) -> str:
    line = r.line_of(f"contacts[{i}]") or r.evidence.get("contacts")
    return f"{r.id}:{line}" if line else r.id


def _nodes(
    ds: Dataset, f: Filters, view: View, scope: _Scope, edges: _Edges, people: bool
) -> set[str]:
    """Every node of the view's kinds in scope, the ends of the edges kept, and the anchors
    that give them context (an owner's network, a unit's university); then the structural
    links (membership, ownership, areas) among them are added to `edges`."""
    groups = VIEW_GROUPS[view] | ({"person"} if people else set())
    kept = {n for e in edges.values() for n in (e.src, e.dst)}
    for node in ds.model.nodes.values():
        if GROUP_OF.get(node.type) not in groups:
            continue
        if node.type is N.MEASURE:
            if node.id in scope.measures:  # a measure is a fact: the filters decide
                kept.add(node.id)
        elif scope.reports is None or scope.keeps(node.sources):
            kept.add(node.id)
    if f.network is not None and (net := ds.network_id(f.network)):
        kept |= {net, *ds.into(E.MEMBER_OF, net)}
    kept |= {net for n in list(kept) for net in ds.networks_of(n)}
    kept |= {ds.university_of(n) for n in list(kept) if ds.is_uh(n)}
    kept = {n for n in kept if _group(ds, n) in groups}
    for e in ds.model.edges_of(*_STRUCTURE, *(_AREAS if view is View.full else ())):
        if e.src in kept and e.dst in kept:
            edges.add(e.src, e.type, e.dst, e.sources)
    return kept


def _group(ds: Dataset, node_id: str) -> str | None:
    if node_id.startswith("person:"):
        return "person"
    node = ds.model.nodes.get(node_id)
    return GROUP_OF.get(node.type) if node else None


def _ego(nodes: set[str], edges: _Edges, center: str, depth: int) -> set[str]:
    """The nodes within `depth` links of `center`, links followed in either direction."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for e in edges.values():
        if e.src in nodes and e.dst in nodes:
            neighbours[e.src].add(e.dst)
            neighbours[e.dst].add(e.src)
    seen = {center}
    frontier = [center]
    for _ in range(max(depth, 0)):
        frontier = [m for n in frontier for m in neighbours[n] if m not in seen]
        seen.update(frontier)
    return seen


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int) else None


# --- tooltips and sizes -------------------------------------------------------------------


class _Text:
    """Tooltips as plain text (vis-network 9 shows a string title as text, so nothing here
    is HTML-escaped: `&` must stay `&`), with the money and years the filters keep."""

    def __init__(self, ds: Dataset, scope: _Scope, people: bool) -> None:
        from kompetansekart.graph.build import GAZETTEER

        self.reference = GAZETTEER  # the source that stands for the reference data
        self.ds = ds
        self.measures = scope.measures
        self.files = {r.id: Path(r.source.path).name for r in ds.records}
        self.contacts = {
            person_id(r, i): (r, c) for r in ds.records if people for i, c in enumerate(r.contacts)
        }
        self.money: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.years: dict[str, set[int]] = defaultdict(set)
        self._collect(scope)

    def _collect(self, scope: _Scope) -> None:
        for g in scope.grants:
            targets = {
                (g.recipient, f"Tilskudd, {'eierandel' if g.role == 'eier' else 'UH-andel'}"),
                (g.measure, "Tilskudd til tiltaket"),
                (f"scheme:{g.scheme}" if g.scheme else None, "Tilskudd under ordningen"),
                *((n, "Tilskudd i nettverket") for n in g.networks),
            }
            for node, what in targets:
                if node:
                    self.money[node][what] += g.amount
                    if g.year is not None:
                        self.years[node].add(g.year)
            for theme in self.ds.out(E.ADDRESSES, g.measure) if g.measure else ():
                self.money[theme]["Tilskudd til tiltak med temaet"] += g.amount
        for m in scope.measures.values():
            if m.year is not None:
                self.years[m.id].add(m.year)
        for p in scope.partnerships:
            if p.year is not None:
                for node in (*p.owners, *p.uh, *p.networks):
                    self.years[node].add(p.year)

    def amount(self, node_id: str) -> int:
        """The node's money for its size: its largest total (a university's UH share, a
        network's or scheme's sum), so no amount is counted twice."""
        return max(self.money[node_id].values(), default=0)

    def node(self, node_id: str) -> MapNode:
        if node_id in self.contacts:
            return self._person(node_id)
        node = self.ds.model.nodes[node_id]
        group = GROUP_OF[node.type]
        name = str(node.props.get("name") or node_id)
        lines = [name, f"Type: {STYLES[group].label}" + _unresolved(node), *_ids(node)]
        lines += _measure_lines(node) if node.type is N.MEASURE else []
        networks = self.ds.networks_of(node_id)
        if networks:
            lines.append("Nettverk: " + ", ".join(self.ds.name(n) for n in networks))
        lines += [f"{what}: {format_nok(v)}" for what, v in sorted(self.money[node_id].items())]
        if self.years[node_id]:
            lines.append("År: " + ", ".join(str(y) for y in sorted(self.years[node_id])))
        lines += self.sources(node.sources)
        amount = self.amount(node_id)
        return MapNode(
            node_id,
            _short(name),
            node.type.value,
            group,
            "\n".join(lines),
            math.sqrt(amount),
            props={"amount": amount, "name": name, "network": self._cluster(node_id, group)},
        )

    def _person(self, node_id: str) -> MapNode:
        r, c = self.contacts[node_id]
        org = _contact_org(r, c.role) or ""
        lines = [c.name, f"Type: {STYLES['person'].label}"]
        lines += [f"Funksjon: {c.function}"] if c.function else []
        lines.append(f"Organisasjon: {self.ds.name(org)}")
        lines += self.sources([_contact_source(r, int(node_id.rsplit(":", 1)[1]) - 1)])
        return MapNode(
            node_id,
            _short(c.name),
            N.PERSON.value,
            "person",
            "\n".join(lines),
            props={"amount": 0, "name": c.name, "network": self._cluster(org, "person")},
        )

    def _cluster(self, node_id: str, group: str) -> str | None:
        """The network a node collapses into when the page clusters by network."""
        if group == "network":
            return node_id
        if group in ("university", "unit", "scheme", "theme", "target_group", "area", "union"):
            return None  # these span networks
        owner = node_id
        if group == "measure" and node_id in self.measures:
            owner = self.measures[node_id].owner
        elif group in ("school", "kindergarten"):
            owner = next(iter(self.ds.out(E.OWNED_BY, node_id)), node_id)
        networks = self.ds.networks_of(owner)
        return networks[0] if networks else None

    def edge(self, e: _Edge) -> MapEdge:
        kind = EDGE_KIND[e.relation]
        lines = [
            f"{self.ds.name(e.src) if e.src in self.ds.model.nodes else self._person_name(e.src)}"
            f" → {self.ds.name(e.dst)}",
            f"{RELATION_LABEL[e.relation]} ({e.relation})",
        ]
        if e.schemes:
            lines.append("Ordning: " + ", ".join(sorted(e.schemes)))
        if e.years:
            lines.append("År: " + ", ".join(str(y) for y in sorted(e.years)))
        if e.amount is not None:
            lines.append(f"Beløp: {format_nok(e.amount)}")
        lines += self.sources(e.sources)
        return MapEdge(
            e.src,
            e.dst,
            kind,
            "\n".join(lines),
            _width(kind, e),
            kind in ("membership", "context"),
            e.relation,
            e.amount,
        )

    def _person_name(self, node_id: str) -> str:
        return self.contacts[node_id][1].name if node_id in self.contacts else node_id

    def sources(self, sources: list[str]) -> list[str]:
        """One 'Kilde:' line per source: report file and line, or the reference data."""
        lines = [self._source(s) for s in sources[:MAX_SOURCES]]
        if len(sources) > MAX_SOURCES:
            lines.append(f"… og {len(sources) - MAX_SOURCES} kilder til")
        return lines or ["Kilde: (ukjent)"]

    def _source(self, source: str) -> str:
        if source == self.reference:
            return "Kilde: referansedata (gazetteer)"
        report, _, line = source.partition(":")
        file = self.files.get(report, report)
        return f"Kilde: {file}:{line}" if line else f"Kilde: {file} (linje ukjent)"


def _unresolved(node: Node) -> str:
    return " (navnet er ikke funnet i referansedata)" if node.props.get("unresolved") else ""


def _ids(node: Node) -> list[str]:
    lines = [f"Id: {node.id}"]
    for key, label in (("orgnr", "Org.nr."), ("kommunenummer", "Kommunenummer"), ("code", "Kode")):
        if node.props.get(key):
            lines.append(f"{label}: {node.props[key]}")
    return lines


def _measure_lines(node: Node) -> list[str]:
    p = node.props
    lines = [f"Tiltak nr. {p['measureNumber']}"] if p.get("measureNumber") else []
    for key, label in (
        ("ownerAmount", "Eierandel"),
        ("uhAmount", "UH-andel"),
        ("totalStated", "Oppgitt sum"),
    ):
        if isinstance(p.get(key), int):
            lines.append(f"{label}: {format_nok(int(p[key]))}")
    if p.get("term"):
        lines.append("Terminer: " + ", ".join(str(t) for t in p["term"]))  # type: ignore[union-attr]
    return lines


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"


def _width(kind: str, e: _Edge) -> float:
    """Money edges grow with the square root of the amount (1 px, +1 px per ~100 000 kr at
    the low end, at most 12 px); a partnership grows with its schemes and years."""
    if kind == "funding":
        return round(min(12.0, 1.0 + math.sqrt((e.amount or 0) / 10_000) / 3), 2)
    if kind == "partnership":
        return float(min(6, 1 + len(e.schemes | {str(y) for y in e.years})))
    return 1.0


# --- layout -------------------------------------------------------------------------------

SPRING = 120.0  # ideal link length in page pixels


def _place(nodes: list[MapNode], edges: list[MapEdge]) -> None:
    """Give every node a start position, so the page draws at once and its physics only
    tidies up (a 5,000-node page with physics from random positions never settled).
    Links to hubs are no springs on the page either: the layout left them out."""
    links = [(e.src, e.dst) for e in edges]
    big = hubs([n.id for n in nodes], links)
    pos = layout([n.id for n in nodes], links, big)
    for n in nodes:
        n.x, n.y = pos[n.id]
    for e in edges:
        e.spring = e.src not in big and e.dst not in big


def hubs(node_ids: list[str], links: list[tuple[str, str]]) -> set[str]:
    """Nodes with more links than 3·√n (at least HUB_LINKS): a scheme funding every
    measure, a university in every partnership. Pulled by all their links, they would
    drag the whole map into one knot; the layout ignores their links and puts each hub at
    the centre of its neighbours instead."""
    degree: Counter[str] = Counter()
    for a, b in set(links):
        if a != b:
            degree[a] += 1
            degree[b] += 1
    limit = max(HUB_LINKS, 3 * math.sqrt(len(node_ids)))
    return {n for n, d in degree.items() if d > limit}


HUB_LINKS = 50


def layout(
    node_ids: list[str],
    links: list[tuple[str, str]],
    hub_ids: set[str] = frozenset(),  # type: ignore[assignment]
    seed: int = 42,
) -> dict[str, tuple[float, float]]:
    """Positions in pixels: a radial tree per connected component (the best-linked node in
    the middle, its neighbours around it), components packed in rows, then
    Fruchterman-Reingold rounds with repulsion only between nearby nodes (the grid variant
    of the original paper), so a round costs O(n + m), not O(n²); hubs last, each at the
    centre of its neighbours.

    Pure Python: networkx's spring and Kamada-Kawai layouts need numpy/scipy, which this
    project does not depend on. Deterministic for the same graph and seed."""
    index = {n: i for i, n in enumerate(node_ids)}
    hub = {index[h] for h in hub_ids if h in index}
    adj: list[set[int]] = [set() for _ in node_ids]
    pairs, hub_links = set(), []
    for a, b in links:
        i, j = index[a], index[b]
        if i == j:
            continue
        if i in hub or j in hub:
            hub_links.append((i, j))
            continue
        adj[i].add(j)
        adj[j].add(i)
        pairs.add((min(i, j), max(i, j)))
    xs, ys = _radial_start(adj, random.Random(seed))
    rounds = 40 if len(node_ids) <= LARGE_GRAPH else 15
    _refine(xs, ys, sorted(pairs), rounds)
    _centre_hubs(hub, hub_links, xs, ys)
    return {n: (round(xs[i], 1), round(ys[i], 1)) for n, i in index.items()}


def _centre_hubs(hub: set[int], links: list[tuple[int, int]], xs: list[float], ys: list[float]):
    around: dict[int, list[int]] = defaultdict(list)
    for i, j in links:
        if i in hub and j not in hub:
            around[i].append(j)
        if j in hub and i not in hub:
            around[j].append(i)
    for h, neighbours in around.items():
        xs[h] = sum(xs[n] for n in neighbours) / len(neighbours)
        ys[h] = sum(ys[n] for n in neighbours) / len(neighbours)


def _components(adj: list[set[int]]) -> list[list[int]]:
    """Connected components, largest first, each in breadth-first order from its hub."""
    seen: set[int] = set()
    comps = []
    for start in sorted(range(len(adj)), key=lambda i: (-len(adj[i]), i)):
        if start in seen:
            continue
        seen.add(start)
        order, queue = [], deque([start])
        while queue:
            n = queue.popleft()
            order.append(n)
            for m in sorted(adj[n], key=lambda m: (-len(adj[m]), m)):
                if m not in seen:
                    seen.add(m)
                    queue.append(m)
        comps.append(order)
    return sorted(comps, key=len, reverse=True)


def _radial_start(adj: list[set[int]], rng: random.Random) -> tuple[list[float], list[float]]:
    xs, ys = [0.0] * len(adj), [0.0] * len(adj)
    row_x = row_y = row_h = 0.0
    width = SPRING * 2.5 * math.sqrt(len(adj) or 1)
    for comp in _components(adj):
        radius = _radial_tree(comp, adj, xs, ys, rng)
        if row_x and row_x + 2 * radius > width:
            row_x, row_y, row_h = 0.0, row_y + row_h + SPRING, 0.0
        for n in comp:
            xs[n] += row_x + radius
            ys[n] += row_y + radius
        row_x += 2 * radius + SPRING
        row_h = max(row_h, 2 * radius)
    return xs, ys


def _radial_tree(
    comp: list[int], adj: list[set[int]], xs: list[float], ys: list[float], rng: random.Random
) -> float:
    """Lay one component out as a breadth-first tree: each node gets an angular wedge in
    proportion to its subtree, one ring per level. Returns the component's radius."""
    root = comp[0]
    parent = {root: -1}
    depth = {root: 0}
    children: dict[int, list[int]] = defaultdict(list)
    for n in comp:  # comp is in breadth-first order, so parents come first
        for m in sorted(adj[n]):
            if m not in parent:
                parent[m], depth[m] = n, depth[n] + 1
                children[n].append(m)
    size = {n: 1 for n in comp}
    for n in reversed(comp):
        if parent[n] >= 0:
            size[parent[n]] += size[n]
    rings = _ring_radii(Counter(depth.values()))
    wedge = {root: (0.0, 2 * math.pi)}
    for n in comp:
        start, span = wedge[n]
        angle = start + span / 2
        ring = rings[depth[n]] + rng.uniform(-0.2, 0.2) * SPRING * (depth[n] > 0)
        xs[n], ys[n] = ring * math.cos(angle), ring * math.sin(angle)
        for c in children[n]:
            part = span * size[c] / max(size[n] - 1, 1)
            wedge[c] = (start, part)
            start += part
    return rings[max(rings)] + SPRING


def _ring_radii(per_depth: Counter[int]) -> dict[int, float]:
    """One ring per tree level, each at least a spring length further out and wide enough
    for its nodes to sit about half a spring length apart (a hub's 1,000 measures would
    otherwise start on top of each other, and the refinement rounds pay for every pair)."""
    radii = {0: 0.0}
    for d in range(1, max(per_depth) + 1):
        fit = per_depth[d] * SPRING * 0.5 / (2 * math.pi)
        radii[d] = max(radii[d - 1] + SPRING, fit)
    return radii


def _refine(xs: list[float], ys: list[float], pairs: list[tuple[int, int]], rounds: int) -> None:
    """Fruchterman-Reingold with grid repulsion: pull along links, push apart only nodes
    within two spring lengths, move at most a cooling step per round."""
    n = len(xs)
    k, cell = SPRING, 2 * SPRING
    k2 = k * k
    for r in range(rounds):
        step = SPRING * (1 - r / rounds) + 1
        dx, dy = [0.0] * n, [0.0] * n
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i in range(n):
            grid[(int(xs[i] // cell), int(ys[i] // cell))].append(i)
        for (cx, cy), members in grid.items():
            near = [j for ox, oy in _NEIGHBOURS for j in grid.get((cx + ox, cy + oy), ())]
            for a, i in enumerate(members):
                for j in members[a + 1 :] + near:
                    _push(i, j, xs, ys, dx, dy, k2, cell)
        for i, j in pairs:
            ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
            d = math.hypot(ddx, ddy) or 0.01
            pull = d / k
            dx[i] -= ddx * pull
            dy[i] -= ddy * pull
            dx[j] += ddx * pull
            dy[j] += ddy * pull
        for i in range(n):
            d = math.hypot(dx[i], dy[i])
            if d > 0:
                move = min(d, step) / d
                xs[i] += dx[i] * move
                ys[i] += dy[i] * move


# Half of the eight neighbouring cells: each pair of cells is visited once.
_NEIGHBOURS = ((1, -1), (1, 0), (1, 1), (0, 1))


def _push(
    i: int,
    j: int,
    xs: list[float],
    ys: list[float],
    dx: list[float],
    dy: list[float],
    k2: float,
    cutoff: float,
) -> None:
    ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
    d2 = ddx * ddx + ddy * ddy
    if d2 >= cutoff * cutoff:
        return
    if d2 < 0.01:
        ddx, ddy, d2 = 0.1 * ((i - j) % 3 - 1) or 0.1, 0.1, 0.02
    force = k2 / d2  # k² / d along the unit vector = (k² / d²) * delta
    dx[i] += ddx * force
    dy[i] += ddy * force
    dx[j] -= ddx * force
    dy[j] -= ddy * force
