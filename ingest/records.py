"""The typed records that ingest produces: one NeedsReport per source document.

These are plain dataclasses with no I/O, so every later stage (graph, queries, reports)
can depend on them without pulling in file formats. `to_json()` gives the shape of
`../shared/design/needs-report.schema.json`; `redact()` removes personal data for any
output the user did not ask to contain it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

Level = Literal["info", "warning", "error"]
Role = Literal["eier", "uh"]

SCHEMES = ("regional", "desentralisert", "kompetanseloftet", "oppfolging")
ORG_KINDS = (
    "kommune",
    "fylkeskommune",
    "privat_eier",
    "stiftelse",
    "skole",
    "barnehage",
    "uh",
    "uh_enhet",
    "nettverk",
    "ppt",
    "annen",
)


@dataclass(frozen=True)
class Line:
    """One line of a source document; `no` is 1-based and is what provenance points at."""

    no: int
    text: str
    file: str = ""


@dataclass(frozen=True)
class Diagnostic:
    """Something the parser could not settle, or settled by inference worth knowing about."""

    level: Level
    code: str
    message: str
    field: str | None = None
    line: int | None = None
    file: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "code": self.code,
            "field": self.field,
            "message": self.message,
            "line": self.line,
        }


@dataclass(frozen=True)
class OrgRef:
    """An organisation as the document names it, resolved against the gazetteer if possible.

    `id` is None only when the name could not be resolved; the written form is kept so a
    person can still see what the document said.
    """

    name: str
    id: str | None
    kind: str | None
    as_written: str = ""
    parent: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "as_written": self.as_written or self.name,
            "id": self.id,
            "kind": self.kind,
            "parent": self.parent,
        }


@dataclass
class Partner:
    org: OrgRef
    role: Role
    contact: str | None = None


@dataclass
class Contact:
    """A contact person. Personal data: dropped by `redact()`."""

    name: str
    role: Role
    function: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass
class Institution:
    """A school or kindergarten the report names, with its owner where the report shows it."""

    org: OrgRef
    owner: OrgRef | None = None
    measures: list[int] = field(default_factory=list)


@dataclass
class UhShare:
    uh: OrgRef
    amount: int | None


@dataclass
class BudgetRow:
    """One row of the report's summary table (per scheme, or per measure)."""

    scheme: str | None
    owner_amount: int | None
    uh_amount: int | None
    total_stated: int | None
    label: str | None = None
    uh_breakdown: list[UhShare] = field(default_factory=list)
    line: int | None = None


@dataclass
class Measure:
    name: str
    number: int | None = None
    scheme: str | None = None
    purpose: str | None = None
    owner_amount: int | None = None
    uh_amount: int | None = None
    total_stated: int | None = None
    coordinator_amount: int | None = None
    uh: OrgRef | None = None
    terms: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    continued: bool | None = None
    line: int | None = None


@dataclass
class UnionConsultation:
    held: bool | None = None
    unions: list[str] = field(default_factory=list)


UNIT_KEYS = (
    "kommunale_barnehager",
    "private_barnehager",
    "offentlige_skoler",
    "private_skoler",
    "ppt",
)


@dataclass
class Units:
    kommunale_barnehager: int | None = None
    private_barnehager: int | None = None
    offentlige_skoler: int | None = None
    private_skoler: int | None = None
    ppt: int | None = None


@dataclass
class Source:
    path: str
    format: str
    sha256: str


@dataclass
class NeedsReport:
    """One behovsmelding. Unknown values are None or [] and carry a diagnostic."""

    id: str
    source: Source
    owner: OrgRef
    year: int | None = None
    schemes: list[str] = field(default_factory=list)
    sector: str | None = None
    continuation: bool | None = None
    continues_year: int | None = None
    phases: list[str] = field(default_factory=list)
    network: OrgRef | None = None
    uh: list[OrgRef] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    institutions: list[Institution] = field(default_factory=list)
    budget: list[BudgetRow] = field(default_factory=list)
    budget_sum: BudgetRow | None = None
    measures: list[Measure] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    union_consultation: UnionConsultation = field(default_factory=UnionConsultation)
    units: Units = field(default_factory=Units)
    sami_perspective: str | None = None
    linked_to_further_education: str | None = None
    layout: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    evidence: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The record as the shared JSON schema describes it (plus `layout` and `budget_sum`)."""
        return {
            "id": self.id,
            "source": asdict(self.source),
            "layout": self.layout,
            "year": self.year,
            "schemes": list(self.schemes),
            "sector": self.sector,
            "continuation": self.continuation,
            "continues_year": self.continues_year,
            "phases": list(self.phases),
            "owner": self.owner.to_json(),
            "network": self.network.to_json() if self.network else None,
            "uh": [u.to_json() for u in self.uh],
            "partners": [
                {"org": p.org.to_json(), "role": p.role, "contact": p.contact}
                for p in self.partners
            ],
            "contacts": [asdict(c) for c in self.contacts],
            "institutions": [
                {
                    "org": i.org.to_json(),
                    "owner": i.owner.to_json() if i.owner else None,
                    "measures": list(i.measures),
                }
                for i in self.institutions
            ],
            "budget": [_budget_row_json(r) for r in self.budget],
            "budget_sum": _budget_row_json(self.budget_sum) if self.budget_sum else None,
            "measures": [_measure_json(m) for m in self.measures],
            "needs": list(self.needs),
            "union_consultation": asdict(self.union_consultation),
            "units": asdict(self.units),
            "sami_perspective": self.sami_perspective,
            "linked_to_further_education": self.linked_to_further_education,
            "diagnostics": [d.to_json() for d in self.diagnostics],
            "evidence": dict(self.evidence),
        }


def _budget_row_json(row: BudgetRow) -> dict[str, Any]:
    return {
        "scheme": row.scheme,
        "label": row.label,
        "owner_amount": row.owner_amount,
        "uh_amount": row.uh_amount,
        "uh_breakdown": [{"uh": s.uh.to_json(), "amount": s.amount} for s in row.uh_breakdown],
        "total_stated": row.total_stated,
    }


def _measure_json(m: Measure) -> dict[str, Any]:
    return {
        "number": m.number,
        "name": m.name,
        "scheme": m.scheme,
        "purpose": m.purpose,
        "owner_amount": m.owner_amount,
        "uh_amount": m.uh_amount,
        "total_stated": m.total_stated,
        "coordinator_amount": m.coordinator_amount,
        "uh": m.uh.to_json() if m.uh else None,
        "terms": list(m.terms),
        "target_groups": list(m.target_groups),
        "themes": list(m.themes),
        "continued": m.continued,
    }


def redact(report: NeedsReport) -> NeedsReport:
    """A copy without personal data: no contact persons, no named contact per partner.

    Organisation names stay: they are public facts. Used by every output unless the user
    passes `--people`.
    """
    return replace(
        report,
        contacts=[],
        partners=[replace(p, contact=None) for p in report.partners],
    )


def _org(d: dict[str, Any] | None) -> OrgRef | None:
    if d is None:
        return None
    return OrgRef(d["name"], d.get("id"), d.get("kind"), d.get("as_written") or "", d.get("parent"))


def _row(d: dict[str, Any]) -> BudgetRow:
    return BudgetRow(
        scheme=d.get("scheme"),
        owner_amount=d.get("owner_amount"),
        uh_amount=d.get("uh_amount"),
        total_stated=d.get("total_stated"),
        label=d.get("label"),
        uh_breakdown=[UhShare(_org(s["uh"]), s.get("amount")) for s in d.get("uh_breakdown", [])],
    )


def from_json(d: dict[str, Any]) -> NeedsReport:
    """The inverse of `NeedsReport.to_json()`: how a store reads its records back."""
    return NeedsReport(
        id=d["id"],
        source=Source(**d["source"]),
        owner=_org(d["owner"]),
        year=d.get("year"),
        schemes=list(d.get("schemes", [])),
        sector=d.get("sector"),
        continuation=d.get("continuation"),
        continues_year=d.get("continues_year"),
        phases=list(d.get("phases", [])),
        network=_org(d.get("network")),
        uh=[_org(u) for u in d.get("uh", [])],
        partners=[Partner(_org(p["org"]), p["role"], p.get("contact")) for p in d["partners"]],
        contacts=[Contact(**c) for c in d.get("contacts", [])],
        institutions=[
            Institution(_org(i["org"]), _org(i.get("owner")), list(i.get("measures", [])))
            for i in d.get("institutions", [])
        ],
        budget=[_row(r) for r in d.get("budget", [])],
        budget_sum=_row(d["budget_sum"]) if d.get("budget_sum") else None,
        measures=[Measure(**{**m, "uh": _org(m.get("uh"))}) for m in d.get("measures", [])],
        needs=list(d.get("needs", [])),
        union_consultation=UnionConsultation(**d.get("union_consultation", {})),
        units=Units(**d.get("units", {})),
        sami_perspective=d.get("sami_perspective"),
        linked_to_further_education=d.get("linked_to_further_education"),
        layout=d.get("layout"),
        diagnostics=[
            Diagnostic(x["level"], x.get("code", ""), x["message"], x.get("field"), x.get("line"))
            for x in d.get("diagnostics", [])
        ],
        evidence=dict(d.get("evidence", {})),
    )
