"""The one graph model every store is derived from: typed nodes and edges with provenance.

Nodes are keyed by stable ids (`orgnr:972418013`, `org:sepu`, `area:1804`,
`measure:<report>:<n>`), so the same organisation in two reports is one node. Every node
and edge keeps `sources`: the report ids and lines it came from (`<report-id>:<line>`, or
`gazetteer` for reference facts), a list that merging extends and never overwrites.

Money, partnership and network membership are nodes of their own (Grant, Partnership,
Membership), as EU CORDIS's EURIO does it; the short typed edges (RUNS, DELIVERS,
PARTNERS_WITH, MEMBER_OF, ...) are projections of them for maps and simple queries.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

Value = str | int | bool | list[str] | list[int]


class NodeType(StrEnum):
    MUNICIPALITY = "Municipality"
    COUNTY_MUNICIPALITY = "CountyMunicipality"
    PRIVATE_OWNER = "PrivateOwner"
    SCHOOL = "School"
    KINDERGARTEN = "Kindergarten"
    UNIVERSITY = "University"
    UNIVERSITY_UNIT = "UniversityUnit"
    PPT = "PPTService"
    UNION = "Union"
    OTHER_ORGANIZATION = "OtherOrganization"
    ORGANIZATION = "Organization"  # kind unknown (an unresolved name)
    COMPETENCE_NETWORK = "CompetenceNetwork"
    AREA = "Area"
    PARTNERSHIP = "Partnership"
    MEMBERSHIP = "Membership"
    MEASURE = "Measure"
    GRANT = "Grant"
    SCHEME = "Scheme"
    THEME = "Theme"
    TARGET_GROUP = "TargetGroup"
    NEEDS_REPORT = "NeedsReport"
    PERSON = "Person"


class EdgeType(StrEnum):
    # membership
    MEMBER_OF = "MEMBER_OF"  # Organization -> CompetenceNetwork (projection of Membership)
    MEMBER = "MEMBER"  # Membership -> Organization
    MEMBERSHIP_IN = "MEMBERSHIP_IN"  # Membership -> CompetenceNetwork
    PARTNER_IN = "PARTNER_IN"  # Organization -> Partnership {role}
    PART_OF = "PART_OF"  # UniversityUnit -> University
    OWNED_BY = "OWNED_BY"  # School/Kindergarten -> owner
    LOCATED_IN = "LOCATED_IN"  # Organization -> Area
    IN_REGION = "IN_REGION"  # Area -> Area (municipality -> county)
    # partnership
    PARTNERS_WITH = "PARTNERS_WITH"  # owner -> UH {scheme, year} (projection of Partnership)
    # funding
    FUNDS = "FUNDS"  # Grant -> Measure; projection Scheme -> Measure {amount, year}
    RECIPIENT = "RECIPIENT"  # Grant -> Organization
    UNDER = "UNDER"  # Grant -> Scheme
    FOR_PARTNERSHIP = "FOR_PARTNERSHIP"  # Grant -> Partnership (budget rows without measures)
    RUNS = "RUNS"  # owner -> Measure {amount}
    DELIVERS = "DELIVERS"  # UH -> Measure {amount}
    OF = "OF"  # Measure -> Partnership
    # content
    ADDRESSES = "ADDRESSES"  # Measure -> Theme
    TARGETS = "TARGETS"  # Measure -> TargetGroup
    CONTINUES = "CONTINUES"  # Measure -> Measure (an earlier year's)
    AT = "AT"  # Measure -> School/Kindergarten
    SERVES = "SERVES"  # UH -> Area (derived from partnerships)
    # the report
    DESCRIBES = "DESCRIBES"  # NeedsReport -> Partnership
    SUBMITTED_BY = "SUBMITTED_BY"  # NeedsReport -> owner
    STATES_NEED = "STATES_NEED"  # NeedsReport -> Theme
    CONSULTED = "CONSULTED"  # NeedsReport -> Union


ORGANIZATION_TYPES = frozenset(
    {
        NodeType.MUNICIPALITY,
        NodeType.COUNTY_MUNICIPALITY,
        NodeType.PRIVATE_OWNER,
        NodeType.SCHOOL,
        NodeType.KINDERGARTEN,
        NodeType.UNIVERSITY,
        NodeType.UNIVERSITY_UNIT,
        NodeType.PPT,
        NodeType.UNION,
        NodeType.OTHER_ORGANIZATION,
        NodeType.ORGANIZATION,
        NodeType.COMPETENCE_NETWORK,
    }
)

# The record's organisation kinds (needs-report.schema.json) as node types.
KIND_TYPES: dict[str | None, NodeType] = {
    "kommune": NodeType.MUNICIPALITY,
    "fylkeskommune": NodeType.COUNTY_MUNICIPALITY,
    "privat_eier": NodeType.PRIVATE_OWNER,
    "stiftelse": NodeType.PRIVATE_OWNER,
    "skole": NodeType.SCHOOL,
    "barnehage": NodeType.KINDERGARTEN,
    "uh": NodeType.UNIVERSITY,
    "uh_enhet": NodeType.UNIVERSITY_UNIT,
    "nettverk": NodeType.COMPETENCE_NETWORK,
    "ppt": NodeType.PPT,
    "annen": NodeType.OTHER_ORGANIZATION,
    None: NodeType.ORGANIZATION,
}


@dataclass
class Node:
    id: str
    type: NodeType
    props: dict[str, Value] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    # The sources as a set, for merging: a hub (a scheme, Nord universitet) gathers
    # thousands of sources, and rebuilding a set per merge made the build quadratic.
    _seen: set[str] = field(default_factory=set, repr=False, compare=False)


@dataclass
class Edge:
    src: str
    type: EdgeType
    dst: str
    props: dict[str, Value] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    _seen: set[str] = field(default_factory=set, repr=False, compare=False)

    @property
    def key(self) -> tuple[str, str, str, tuple[tuple[str, Any], ...]]:
        """Edges are one per (src, type, dst, identifying props): PARTNERS_WITH in 2024
        and in 2025 are two edges, the same fact from two reports is one."""
        props = self.props
        ident = tuple((k, _hashable(props[k])) for k in _IDENT if k in props)
        return (self.src, self.type.value, self.dst, ident)


# Properties that make two edges between the same nodes different facts, in sorted order.
_IDENT = ("role", "scheme", "year")


def _hashable(value: Value) -> Any:
    return tuple(value) if isinstance(value, list) else value


@dataclass
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple, Edge] = field(default_factory=dict)

    def add_node(
        self, id: str, type: NodeType, sources: list[str] | None = None, **props: Value | None
    ) -> Node:
        """Add or merge: the first non-null value of a property wins, sources accumulate.
        A typed node replaces an untyped ORGANIZATION (a later report resolved the kind)."""
        node = self.nodes.get(id)
        if node is None:
            node = self.nodes[id] = Node(id, type)
        elif node.type is NodeType.ORGANIZATION and type is not NodeType.ORGANIZATION:
            node.type = type
        for k, v in props.items():
            if v is not None and node.props.get(k) is None:
                node.props[k] = v
        if sources:
            _extend(node.sources, node._seen, sources)
        return node

    def add_edge(
        self,
        src: str,
        type: EdgeType,
        dst: str,
        sources: list[str] | None = None,
        **props: Value | None,
    ) -> Edge:
        edge = Edge(src, type, dst, {k: v for k, v in props.items() if v is not None})
        have = self.edges.get(edge.key)
        if have is None:
            have = self.edges[edge.key] = edge
        else:
            for k, v in edge.props.items():
                have.props.setdefault(k, v)
        if sources:
            _extend(have.sources, have._seen, sources)
        return have

    def of_type(self, *types: NodeType) -> Iterator[Node]:
        return (n for n in self.nodes.values() if n.type in types)

    def edges_of(self, *types: EdgeType) -> Iterator[Edge]:
        return (e for e in self.edges.values() if e.type in types)

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Node and edge counts by type, for the build summary and the tests."""
        nodes: dict[str, int] = {}
        for n in self.nodes.values():
            nodes[n.type.value] = nodes.get(n.type.value, 0) + 1
        edges: dict[str, int] = {}
        for e in self.edges.values():
            edges[e.type.value] = edges.get(e.type.value, 0) + 1
        return dict(sorted(nodes.items())), dict(sorted(edges.items()))


def _extend(have: list[str], seen: set[str], new: list[str]) -> None:
    if len(seen) != len(have):  # sources set directly on the dataclass: catch up once
        seen.clear()
        seen.update(have)
    for s in new:
        if s not in seen:
            have.append(s)
            seen.add(s)
