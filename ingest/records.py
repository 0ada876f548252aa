"""The typed records that ingest produces: one NeedsReport per source document.

These are plain dataclasses with no I/O, so every later stage (graph, queries, reports)
can depend on them without pulling in file formats. `to_json()` gives the shape of
`../shared/design/needs-report.schema.json`; `redact()` removes personal data for any
output the user did not ask to contain it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass, replace
from functools import cache
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

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
    """One line of a source document; `no` is 1-based and is what provenance points at.
    `heading` is the heading level the source's own markup gives the line (Markdown
    `#`s), 0 for none."""

    no: int
    text: str
    file: str = ""
    heading: int = 0


@dataclass(frozen=True)
class Diagnostic:
    """Something the parser could not settle, or settled by inference worth knowing about."""

    level: Level
    code: str
    message: str
    field: str | None = None
    line: int | None = None
    file: str | None = None


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
    """The file a report was read from; `parts` are the other files of the same report
    (attachments, a budget workbook) when it arrives as several files."""

    path: str
    format: str
    sha256: str
    parts: list[Source] = field(default_factory=list)


@dataclass
class NeedsReport:
    """One behovsmelding. Unknown values are None or [] and carry a diagnostic.

    `evidence` maps a field path to the 1-based line it was read from; for a report in
    several files, `evidence_files` names the file of each line that is not in the main
    file (`source.path`)."""

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
    evidence_files: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The record as the shared JSON schema describes it (plus `layout`,
        `budget_sum`, each measure's and row's `line`, and `evidence_files`)."""
        return to_json(self)

    def line_of(self, field: str) -> int | None:
        """The line a field was read from: its own evidence, else the first line of any
        of its sub-fields ('measures[0]' -> 'measures[0].owner_amount', ...)."""
        line = self.evidence.get(field)
        if line is not None:
            return line
        lines = [n for k, n in self.evidence.items() if k.startswith((f"{field}.", f"{field}["))]
        return min(lines, default=None)


# --- JSON, generated from the dataclass fields ------------------------------------------------


def to_json(value: Any) -> Any:
    """Any record value as JSON: dataclasses field by field, in field order.

    An organisation's `as_written` is written out even when it equals its name, so a
    reader of the JSON always sees what the document said."""
    if isinstance(value, OrgRef):
        out = {f.name: to_json(getattr(value, f.name)) for f in fields(value)}
        out["as_written"] = value.as_written or value.name
        return out
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value


def from_json(d: dict[str, Any]) -> NeedsReport:
    """The inverse of `NeedsReport.to_json()`: how a store reads its records back."""
    return _from(NeedsReport, d)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _from(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(tp)
    if origin in (Union, UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        return _from(args[0], value) if len(args) == 1 else value
    if origin is list:
        (item,) = get_args(tp)
        return [_from(item, v) for v in value]
    if origin is dict:
        _, item = get_args(tp)
        return {k: _from(item, v) for k, v in value.items()}
    if origin is Literal or tp is Any:
        return value
    if isinstance(tp, type) and is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {}
        for f in fields(tp):
            if f.name in value:
                kwargs[f.name] = _from(hints[f.name], value[f.name])
        if tp is OrgRef and kwargs.get("as_written") == kwargs.get("name"):
            kwargs["as_written"] = ""
        return tp(**kwargs)
    return value


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
