"""What the analyses read: the stored records and the graph built from them, as flat
typed facts (one per grant, partnership, measure and stated need).

The facts are read off the graph model, not re-derived from the records, so every report
counts money exactly as the SPARQL and Cypher catalog does (a Grant per measure or budget
row, recipient, scheme and year). Filters (`year`, `scheme`, `network`) apply the same way
to every analysis.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from kompetansekart.graph.build import build
from kompetansekart.graph.model import EdgeType as E
from kompetansekart.graph.model import Graph
from kompetansekart.graph.model import NodeType as N
from kompetansekart.ingest.records import NeedsReport
from kompetansekart.ontology.gazetteer import Gazetteer

UH_TYPES = (N.UNIVERSITY, N.UNIVERSITY_UNIT)


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    scheme: str | None = None
    network: str | None = None  # a network's name or id

    def describe(self) -> str:
        parts = [
            f"{k} {v}"
            for k, v in (("year", self.year), ("scheme", self.scheme), ("network", self.network))
            if v is not None
        ]
        return ", ".join(parts) or "all years, schemes and networks"


@dataclass(frozen=True)
class GrantFact:
    id: str
    report: str
    year: int | None
    scheme: str | None
    role: str  # "eier" or "uh"
    amount: int
    recipient: str | None
    owner: str  # the report's owner
    networks: tuple[str, ...]  # the owner's networks
    measure: str | None


@dataclass(frozen=True)
class PartnershipFact:
    id: str
    report: str
    year: int | None
    owner: str
    owners: tuple[str, ...]  # every owner in it, the submitting one first
    uh: tuple[str, ...]
    schemes: tuple[str, ...]
    networks: tuple[str, ...]


@dataclass(frozen=True)
class MeasureFact:
    id: str
    report: str
    name: str
    number: int | None
    year: int | None
    scheme: str | None
    owner: str
    uh: str | None
    themes: tuple[str, ...]
    networks: tuple[str, ...]
    owner_amount: int | None
    uh_amount: int | None
    total_stated: int | None


@dataclass(frozen=True)
class NeedFact:
    report: str
    year: int | None
    owner: str
    theme: str
    networks: tuple[str, ...]


@dataclass
class Dataset:
    records: list[NeedsReport]
    model: Graph
    gazetteer: Gazetteer
    _out: dict[str, dict[str, list[str]]] = field(default_factory=dict, repr=False)
    _in: dict[str, dict[str, list[str]]] = field(default_factory=dict, repr=False)
    _schemes: dict[tuple, set[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_records(cls, records: Iterable[NeedsReport]) -> Dataset:
        records = list(records)
        return cls(records, build(records), Gazetteer.load())

    def __post_init__(self) -> None:
        out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        inn: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for e in self.model.edges.values():
            out[e.type.value][e.src].append(e.dst)
            inn[e.type.value][e.dst].append(e.src)
        self._out, self._in = out, inn
        # A partnership's schemes: the PARTNERS_WITH links its own report produced (their
        # sources name the report), not every link between the same pair that year.
        schemes: dict[tuple, set[str]] = defaultdict(set)
        for e in self.model.edges_of(E.PARTNERS_WITH):
            if e.props.get("scheme"):
                for source in e.sources:
                    report = f"report:{source.split(':', 1)[0]}"
                    schemes[(e.src, e.dst, report)].add(str(e.props["scheme"]))
        self._schemes = schemes

    # --- navigation ----------------------------------------------------------------------

    def out(self, edge: E, node: str) -> list[str]:
        return list(dict.fromkeys(self._out[edge.value].get(node, [])))

    def into(self, edge: E, node: str) -> list[str]:
        return list(dict.fromkeys(self._in[edge.value].get(node, [])))

    def name(self, node_id: str | None) -> str:
        if node_id is None:
            return "(unknown)"
        node = self.model.nodes.get(node_id)
        return str(node.props.get("name", node_id)) if node else node_id

    def code(self, node_id: str | None) -> str | None:
        node = self.model.nodes.get(node_id) if node_id else None
        return str(node.props["code"]) if node and "code" in node.props else None

    def networks_of(self, org: str) -> tuple[str, ...]:
        return tuple(self.out(E.MEMBER_OF, org))

    def university_of(self, uh: str) -> str:
        """A unit's university, or the university itself."""
        parents = self.out(E.PART_OF, uh)
        return parents[0] if parents else uh

    def is_uh(self, node_id: str) -> bool:
        node = self.model.nodes.get(node_id)
        return node is not None and node.type in UH_TYPES

    # --- facts ---------------------------------------------------------------------------

    def _report_of_partnership(self, partnership: str) -> str | None:
        reports = self.into(E.DESCRIBES, partnership)
        return reports[0] if reports else None

    def _owner_of_report(self, report: str) -> str:
        return self.out(E.SUBMITTED_BY, report)[0]

    def grants(self, f: Filters = Filters()) -> list[GrantFact]:
        facts = []
        for node in self.model.of_type(N.GRANT):
            measure = next(iter(self.out(E.FUNDS, node.id)), None)
            partnership = next(
                iter(self.out(E.OF, measure) if measure else self.out(E.FOR_PARTNERSHIP, node.id)),
                None,
            )
            report = self._report_of_partnership(partnership) if partnership else None
            if report is None:
                continue
            owner = self._owner_of_report(report)
            scheme = next(iter(self.out(E.UNDER, node.id)), None)
            facts.append(
                GrantFact(
                    node.id,
                    report,
                    node.props.get("year"),
                    self.code(scheme),
                    str(node.props["recipientRole"]),
                    int(node.props["amount"]),
                    next(iter(self.out(E.RECIPIENT, node.id)), None),
                    owner,
                    self.networks_of(owner),
                    measure,
                )
            )
        return [g for g in facts if _keep(self, f, g.year, g.scheme, g.networks)]

    def partnerships(self, f: Filters = Filters()) -> list[PartnershipFact]:
        facts = []
        for node in self.model.of_type(N.PARTNERSHIP):
            report = self._report_of_partnership(node.id)
            if report is None:
                continue
            owner = self._owner_of_report(report)
            members = self.into(E.PARTNER_IN, node.id)
            owners = [owner] + [m for m in members if m != owner and not self.is_uh(m)]
            uh = [m for m in members if self.is_uh(m)]
            schemes = {s for o in owners for u in uh for s in self._schemes.get((o, u, report), ())}
            facts.append(
                PartnershipFact(
                    node.id,
                    report,
                    node.props.get("year"),
                    owner,
                    tuple(owners),
                    tuple(uh),
                    tuple(sorted(schemes)),
                    self.networks_of(owner),
                )
            )
        return [
            p
            for p in facts
            if _keep(self, replace(f, scheme=None), p.year, None, p.networks)
            and (f.scheme is None or f.scheme in p.schemes)
        ]

    def measures(self, f: Filters = Filters()) -> list[MeasureFact]:
        facts = []
        for node in self.model.of_type(N.MEASURE):
            partnership = next(iter(self.out(E.OF, node.id)), None)
            report = self._report_of_partnership(partnership) if partnership else None
            if report is None:
                continue
            owner = self._owner_of_report(report)
            scheme = next((s for s in self.into(E.FUNDS, node.id) if s.startswith("scheme:")), None)
            p = node.props
            facts.append(
                MeasureFact(
                    node.id,
                    report,
                    str(p.get("name")),
                    p.get("measureNumber"),
                    p.get("year"),
                    self.code(scheme),
                    owner,
                    next(iter(self.into(E.DELIVERS, node.id)), None),
                    tuple(self.code(t) or t for t in self.out(E.ADDRESSES, node.id)),
                    self.networks_of(owner),
                    p.get("ownerAmount"),
                    p.get("uhAmount"),
                    p.get("totalStated"),
                )
            )
        return [m for m in facts if _keep(self, f, m.year, m.scheme, m.networks)]

    def needs(self, f: Filters = Filters()) -> list[NeedFact]:
        facts = []
        for report in self.model.of_type(N.NEEDS_REPORT):
            owner = self._owner_of_report(report.id)
            for theme in self.out(E.STATES_NEED, report.id):
                facts.append(
                    NeedFact(
                        report.id,
                        report.props.get("year"),
                        owner,
                        self.code(theme) or theme,
                        self.networks_of(owner),
                    )
                )
        return [n for n in facts if _keep(self, f, n.year, None, n.networks)]

    def network_id(self, name_or_id: str) -> str | None:
        for node in self.model.of_type(N.COMPETENCE_NETWORK):
            if name_or_id in (node.id, node.props.get("name")):
                return node.id
        return None


def _keep(ds: Dataset, f: Filters, year, scheme, networks) -> bool:
    return (
        (f.year is None or year == f.year)
        and (f.scheme is None or scheme == f.scheme)
        and (f.network is None or ds.network_id(f.network) in networks)
    )
