"""Records -> one graph model.

Two layers: the reference layer from the gazetteer (every municipality as an owner and as
an area, the competence networks and who belongs to them), so a municipality with no
report still shows up in gap analyses; and one layer per report. The graph is rebuilt
from the full set of records, so re-ingesting an unchanged report changes nothing and a
changed report replaces exactly the facts that came from its earlier version.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from kompetansekart.graph.model import KIND_TYPES, EdgeType, Graph, NodeType
from kompetansekart.ingest.records import Measure, NeedsReport, OrgRef
from kompetansekart.ingest.vocab import Vocabulary
from kompetansekart.ontology.gazetteer import Entry, Gazetteer
from kompetansekart.runtime import paused_gc

GAZETTEER = "gazetteer"
COUNTY = "area:18"  # Nordland; the reference data covers one county so far
E = EdgeType
N = NodeType


def build(records: Iterable[NeedsReport], gazetteer: Gazetteer | None = None) -> Graph:
    with paused_gc():  # see kompetansekart/runtime.py: linear instead of quadratic
        builder = _Builder(Graph(), gazetteer or Gazetteer.load())
        builder.reference_layer()
        reports = list(records)
        for report in reports:
            builder.report(report)
        builder.derive(reports)
    return builder.g


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().replace("ø", "o").replace("æ", "ae"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def key(node_id: str) -> str:
    """A node id as one path-safe segment, for ids built from other ids."""
    return node_id.replace(":", "-")


class _Builder:
    def __init__(self, g: Graph, gazetteer: Gazetteer) -> None:
        self.g = g
        self.gaz = gazetteer
        self.themes = Vocabulary.themes()
        self.groups = Vocabulary.target_groups()
        self.schemes = Vocabulary.schemes()

    # --- reference layer ----------------------------------------------------------------

    def reference_layer(self) -> None:
        src = [GAZETTEER]
        self.g.add_node(COUNTY, N.AREA, src, name="Nordland", kommunenummer="18")
        for entry in self.gaz.networks():
            self.entry_node(entry, src)
        for entry in self.gaz.municipalities():
            self.entry_node(entry, src)
            if entry.network:
                self.membership(entry.id, entry.network, src)

    def entry_node(self, entry: Entry, src: list[str]) -> str:
        """A gazetteer entry as a node, with its area and parent where it has them."""
        self.g.add_node(
            entry.id,
            KIND_TYPES.get(entry.kind, N.ORGANIZATION) if entry.category != "union" else N.UNION,
            src,
            name=entry.name,
            orgnr=entry.orgnr,
            kommunenummer=entry.kommunenummer,
            region=entry.region,
        )
        if entry.kind == "kommune" and entry.kommunenummer:
            area = f"area:{entry.kommunenummer}"
            self.g.add_node(
                area,
                N.AREA,
                src,
                name=entry.name.removesuffix(" kommune"),
                kommunenummer=entry.kommunenummer,
                region=entry.region,
                competenceRegion=entry.kompetanseregion,
            )
            self.g.add_edge(entry.id, E.LOCATED_IN, area, src)
            self.g.add_edge(area, E.IN_REGION, COUNTY, src)
        if entry.parent and (parent := self.gaz.by_id(entry.parent)):
            self.entry_node(parent, [GAZETTEER])
            self.g.add_edge(entry.id, E.PART_OF, parent.id, [GAZETTEER])
        return entry.id

    def membership(self, member: str, network: str, src: list[str]) -> None:
        if (entry := self.gaz.by_id(network)) is not None:
            self.entry_node(entry, [GAZETTEER])
        m = f"membership:{key(member)}--{key(network)}"
        self.g.add_node(m, N.MEMBERSHIP, src)
        self.g.add_edge(m, E.MEMBER, member, src)
        self.g.add_edge(m, E.MEMBERSHIP_IN, network, src)
        self.g.add_edge(member, E.MEMBER_OF, network, src)

    # --- one report ---------------------------------------------------------------------

    def report(self, r: NeedsReport) -> None:
        rid = r.id

        def src(field: str) -> list[str]:
            """Where a field was read: its own evidence line, else its first sub-field's."""
            line = r.line_of(field)
            return [f"{rid}:{line}" if line else rid]

        report = f"report:{rid}"
        self.g.add_node(
            report,
            N.NEEDS_REPORT,
            [rid],
            name=r.source.path.rsplit("/", 1)[-1],
            year=r.year,
            layout=r.layout,
            sourcePath=r.source.path,
            sha256=r.source.sha256,
            sector=r.sector,
            continuation=r.continuation,
            continuesYear=r.continues_year,
        )
        owner = self.org(r.owner, src("owner"))
        self.g.add_edge(report, E.SUBMITTED_BY, owner, src("owner"))
        if r.network:
            net = self.org(r.network, src("network"))
            self.membership(owner, net, src("network"))
        uh = [self.org(u, src("uh")) for u in r.uh]
        partnership = self.partnership(r, report, owner, uh, src)
        for i, m in enumerate(r.measures, start=1):
            self.measure(r, i, m, owner, partnership, src(f"measures[{i - 1}]"))
        self.budget_grants(r, owner, uh, partnership, src)
        self.institutions(r, owner, src("partners"))
        for theme in r.needs:
            self.g.add_edge(report, E.STATES_NEED, self.concept("theme", theme), src("needs"))
        for name in r.union_consultation.unions:
            union = self.union(name, src("union_consultation.unions"))
            self.g.add_edge(report, E.CONSULTED, union, src("union_consultation.unions"))

    def org(self, ref: OrgRef, src: list[str]) -> str:
        """An organisation node: the gazetteer's facts where it knows the name, else the
        name as written under a slug id, marked unresolved."""
        entry = self.gaz.by_id(ref.id) if ref.id else None
        if entry is not None:
            return self.entry_node(entry, src)
        node_id = ref.id or f"org:{slug(ref.name)}"
        self.g.add_node(
            node_id,
            KIND_TYPES.get(ref.kind, N.ORGANIZATION),
            src,
            name=ref.name,
            unresolved=ref.id is None or None,
        )
        return node_id

    def partnership(self, r: NeedsReport, report: str, owner: str, uh: list[str], src) -> str:
        p = f"partnership:{r.id}"
        self.g.add_node(
            p, N.PARTNERSHIP, src("partners"), name=f"{r.owner.name} ({r.year or '?'})", year=r.year
        )
        self.g.add_edge(report, E.DESCRIBES, p, src("partners"))
        members: dict[str, str] = {owner: "eier"}
        for partner in r.partners:
            members.setdefault(self.org(partner.org, src("partners")), partner.role)
        for u in uh:
            members.setdefault(u, "uh")
        for org_id, role in members.items():
            self.g.add_edge(org_id, E.PARTNER_IN, p, src("partners"), role=role)
        owners = [o for o, role in members.items() if role == "eier"]
        primary = self.primary_uh(r)
        for u in (o for o, role in members.items() if role == "uh"):
            schemes = self.schemes_with(r, u) or (list(r.schemes) if u in primary else [])
            # The UH of the partnership works with every owner in it; a UH that only gets
            # money in the owner's budget table works with that owner.
            for o in owners if u in primary else [owner]:
                for scheme in schemes or [None]:
                    self.g.add_edge(o, E.PARTNERS_WITH, u, src("uh"), scheme=scheme, year=r.year)
        return p

    def primary_uh(self, r: NeedsReport) -> set[str]:
        listed = {p.org.id for p in r.partners if p.role == "uh" and p.org.id}
        return listed | ({r.uh[0].id} if r.uh and r.uh[0].id else set())

    def schemes_with(self, r: NeedsReport, uh: str) -> list[str]:
        """The schemes a UH takes part in: those of its measures and of the budget rows
        that give it money (by name, or as the report's only UH)."""
        found = [m.scheme for m in r.measures if m.scheme and m.uh and m.uh.id == uh]
        sole = len(r.uh) == 1 and r.uh[0].id == uh
        for row in r.budget:
            shares = row.uh_breakdown
            if row.scheme and (
                any(share.uh.id == uh and share.amount for share in shares)
                or (sole and not shares and row.uh_amount)
            ):
                found.append(row.scheme)
        return list(dict.fromkeys(found))

    def measure(
        self, r: NeedsReport, i: int, m: Measure, owner: str, partnership: str, src: list[str]
    ) -> None:
        mid = f"measure:{r.id}:{i}"
        total = m.total_stated
        if total is None and m.owner_amount is not None and m.uh_amount is not None:
            total = m.owner_amount + m.uh_amount
        self.g.add_node(
            mid,
            N.MEASURE,
            src,
            name=m.name,
            measureNumber=m.number,
            purpose=m.purpose,
            term=m.terms or None,
            continued=m.continued,
            year=r.year,
            ownerAmount=m.owner_amount,
            uhAmount=m.uh_amount,
            totalStated=m.total_stated,
            coordinatorAmount=m.coordinator_amount,
            diagnostic=None if m.scheme else "the report does not say which scheme funds it",
        )
        self.g.add_edge(mid, E.OF, partnership, src)
        scheme = self.concept("scheme", m.scheme) if m.scheme else None
        if scheme:
            self.g.add_edge(scheme, E.FUNDS, mid, src, amount=total, year=r.year)
        for theme in m.themes:
            self.g.add_edge(mid, E.ADDRESSES, self.concept("theme", theme), src)
        for group in m.target_groups:
            self.g.add_edge(mid, E.TARGETS, self.concept("targetgroup", group), src)
        uh = self.org(m.uh, src) if m.uh else None
        if m.owner_amount is not None:
            self.g.add_edge(owner, E.RUNS, mid, src, amount=m.owner_amount)
        if uh and m.uh_amount is not None:
            self.g.add_edge(uh, E.DELIVERS, mid, src, amount=m.uh_amount)
        base = f"grant:{r.id}:{i}"
        self.grant(f"{base}:eier", m.owner_amount, owner, "eier", scheme, r.year, src, measure=mid)
        self.grant(f"{base}:uh", m.uh_amount, uh, "uh", scheme, r.year, src, measure=mid)

    def budget_grants(self, r: NeedsReport, owner: str, uh: list[str], partnership: str, src):
        """Budget rows whose scheme no measure covers (money asked for without measure
        detail in this report) still become grants, tied to the partnership."""
        covered = {m.scheme for m in r.measures}
        for k, row in enumerate(r.budget):
            if row.scheme in covered:
                continue
            s = src(f"budget[{k}]")
            scheme = self.concept("scheme", row.scheme) if row.scheme else None
            base = f"grant:{r.id}:b{k}"
            self.grant(
                f"{base}:eier",
                row.owner_amount,
                owner,
                "eier",
                scheme,
                r.year,
                s,
                partnership=partnership,
                label=row.label,
            )
            shares = [(self.org(x.uh, s), x.amount) for x in row.uh_breakdown]
            if not shares and row.uh_amount:
                shares = [(uh[0] if len(uh) == 1 else None, row.uh_amount)]
            for n, (recipient, amount) in enumerate(shares):
                self.grant(
                    f"{base}:uh:{n}",
                    amount,
                    recipient,
                    "uh",
                    scheme,
                    r.year,
                    s,
                    partnership=partnership,
                    label=row.label,
                )

    def grant(
        self,
        gid: str,
        amount: int | None,
        recipient: str | None,
        role: str,
        scheme: str | None,
        year: int | None,
        src: list[str],
        *,
        measure: str | None = None,
        partnership: str | None = None,
        label: str | None = None,
    ) -> None:
        """A Grant per (measure or budget row, recipient, scheme, year): the owner's share
        and each UH's share are separate grants. Zero amounts are no grant."""
        if not amount:
            return
        self.g.add_node(
            gid,
            N.GRANT,
            src,
            amount=amount,
            year=year,
            recipientRole=role,
            budgetLabel=label,
            diagnostic=None if recipient else "the report does not name the UH",
        )
        if measure:
            self.g.add_edge(gid, E.FUNDS, measure, src)
        if partnership:
            self.g.add_edge(gid, E.FOR_PARTNERSHIP, partnership, src)
        if recipient:
            self.g.add_edge(gid, E.RECIPIENT, recipient, src)
        if scheme:
            self.g.add_edge(gid, E.UNDER, scheme, src)

    def institutions(self, r: NeedsReport, owner: str, src: list[str]) -> None:
        by_number: dict[int | None, list[int]] = {}
        for i, m in enumerate(r.measures, start=1):
            by_number.setdefault(m.number, []).append(i)
        for inst in r.institutions:
            node = self.org(inst.org, src)
            if inst.owner is not None:
                self.g.add_edge(node, E.OWNED_BY, self.org(inst.owner, src), src)
            for number in inst.measures:
                for i in by_number.get(number, []):
                    self.g.add_edge(f"measure:{r.id}:{i}", E.AT, node, src)

    def concept(self, kind: str, concept_id: str) -> str:
        vocab = {"theme": self.themes, "targetgroup": self.groups, "scheme": self.schemes}[kind]
        types = {"theme": N.THEME, "targetgroup": N.TARGET_GROUP, "scheme": N.SCHEME}
        node_id = f"{kind}:{concept_id}"
        self.g.add_node(
            node_id,
            types[kind],
            [GAZETTEER],
            name=vocab.get(concept_id).pref_label,
            code=concept_id,
        )
        return node_id

    def union(self, name: str, src: list[str]) -> str:
        for entry in self.gaz.entries:
            if entry.category == "union" and entry.name == name:
                return self.entry_node(entry, src)
        node_id = f"org:{slug(name)}"
        self.g.add_node(node_id, N.UNION, src, name=name, unresolved=True)
        return node_id

    # --- derived facts ------------------------------------------------------------------

    def derive(self, reports: list[NeedsReport]) -> None:
        located = {e.src: e.dst for e in self.g.edges_of(E.LOCATED_IN)}
        for e in list(self.g.edges_of(E.PARTNERS_WITH)):
            if e.src in located:
                self.g.add_edge(e.dst, E.SERVES, located[e.src], e.sources)
        self.continuations(reports)

    def continuations(self, reports: list[NeedsReport]) -> None:
        """A continued measure CONTINUES the same-numbered measure of the same owner's
        report for the year it continues from, when that report is in the graph."""
        by_owner_year: dict[tuple[str | None, int | None], list[NeedsReport]] = {}
        for r in reports:
            by_owner_year.setdefault((r.owner.id, r.year), []).append(r)
        for r in reports:
            if not r.continues_year:
                continue
            earlier = by_owner_year.get((r.owner.id, r.continues_year), [])
            for i, m in enumerate(r.measures, start=1):
                if not m.continued:
                    continue
                for old in earlier:
                    for j, o in enumerate(old.measures, start=1):
                        if o.number == m.number:
                            self.g.add_edge(
                                f"measure:{r.id}:{i}",
                                E.CONTINUES,
                                f"measure:{old.id}:{j}",
                                [f"{r.id}:{r.evidence.get('continues_year', 0)}"],
                            )
