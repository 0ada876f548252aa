"""What the document implies but does not write in the field itself, each with evidence.

Runs after the layout parser, on the record alone (no text), so the rules are the same
for every layout: the measures' scheme from the budget, the report's schemes from its
budget rows, the sector of a report for the kindergartens' scheme, a measure's UH from
its scheme row or the sole UH, the partner list from the owner and UH when the report
has none.
"""

from __future__ import annotations

from kompetansekart.ingest.context import Context
from kompetansekart.ingest.records import (
    BudgetRow,
    Institution,
    Measure,
    NeedsReport,
    OrgRef,
    Partner,
)


def infer(ctx: Context) -> None:
    themes_from_names(ctx)
    measure_schemes_from_budget(ctx)
    report_schemes(ctx)
    sector_from_scheme(ctx)
    measure_uh(ctx)
    all_uh(ctx)
    partners(ctx)
    dedupe_institutions(ctx)


def themes_from_names(ctx: Context) -> None:
    """A measure is about what its name says ('Lesing og skriving'), whatever else its
    description adds; measures known only from a summary-table row have nothing else."""
    for m in ctx.report.measures:
        m.themes = list(dict.fromkeys([*ctx.themes.ids_in(m.name), *m.themes]))


def measure_schemes_from_budget(ctx: Context) -> None:
    """When the measures' owner and UH sums equal exactly one scheme row of the budget
    table, that row's scheme is theirs. Measures that already carry a scheme (from a
    section heading) are checked against the same rule."""
    measures = [m for m in ctx.report.measures if m.owner_amount is not None]
    if not measures or any(m.uh_amount is None for m in measures):
        return
    owner = sum(m.owner_amount or 0 for m in measures)
    uh = sum(m.uh_amount or 0 for m in measures)
    rows = [
        r for r in ctx.report.budget if r.scheme and (r.owner_amount, r.uh_amount) == (owner, uh)
    ]
    if len(rows) != 1:
        return
    scheme = rows[0].scheme
    for m in measures:
        if m.scheme is None:
            m.scheme = scheme
        elif m.scheme != scheme:
            ctx.diag(
                "warning",
                "measure-scheme-conflict",
                f"measure '{m.name}' is headed {m.scheme} but its amounts match the {scheme} row",
                "measures.scheme",
            )
    ctx.report.evidence["measures.scheme"] = rows[0].line or 0
    ctx.diag(
        "info",
        "scheme-from-budget",
        f"the measures' owner and UH sums ({owner} + {uh}) equal the {scheme} row of "
        "the budget table: that is their scheme",
        "measures.scheme",
    )


def report_schemes(ctx: Context) -> None:
    r = ctx.report
    if r.schemes:
        return
    from_budget = [row.scheme for row in r.budget if row.scheme and (row.total_stated or 0) > 0]
    from_measures = [m.scheme for m in r.measures if m.scheme]
    found = list(dict.fromkeys(from_budget or from_measures))
    if found:
        r.schemes = found
        source = "budget rows with amounts" if from_budget else "the measures"
        ctx.diag(
            "info",
            "schemes-inferred",
            f"no scheme visibly chosen; {', '.join(found)} inferred from {source}",
            "schemes",
        )
        line = next((row.line for row in r.budget if row.scheme), None)
        if line:
            r.evidence["schemes"] = line
    else:
        ctx.diag(
            "warning", "scheme-unknown", "the report does not say which scheme it is for", "schemes"
        )


def sector_from_scheme(ctx: Context) -> None:
    """A report for the regional scheme alone, which says no sector: the regional scheme
    (Rekomp) is for kindergartens, so its sector is barnehage (an info names it; a sector
    the report states always wins)."""
    r = ctx.report
    if r.sector is not None or r.schemes != ["regional"]:
        return
    r.sector = "barnehage"
    if "schemes" in r.evidence:
        r.evidence["sector"] = r.evidence["schemes"]
    ctx.diag(
        "info",
        "sector-from-scheme",
        "no sector stated; barnehage, since the regional scheme (Rekomp) is for kindergartens",
        "sector",
    )


def measure_uh(ctx: Context) -> None:
    """A measure without a named UH: the only UH of its scheme row, else the report's only UH."""
    rows = {row.scheme: row for row in ctx.report.budget if row.scheme}
    for m in ctx.report.measures:
        if m.uh is not None:
            continue
        row: BudgetRow | None = rows.get(m.scheme) if m.scheme else None
        if row and len(row.uh_breakdown) == 1:
            m.uh = row.uh_breakdown[0].uh
        elif len(ctx.report.uh) == 1:
            m.uh = ctx.report.uh[0]


def all_uh(ctx: Context) -> None:
    """Every UH the report gives money or a measure to is one of its UH."""
    known = {u.id or u.name for u in ctx.report.uh}
    extra: list[OrgRef] = [share.uh for row in ctx.report.budget for share in row.uh_breakdown] + [
        m.uh for m in ctx.report.measures if m.uh
    ]
    for ref in extra:
        key = ref.id or ref.name
        if key not in known and ref.parent not in known and ref.id is not None:
            # a unit whose university is already listed is the same partner, more precisely
            ctx.report.uh.append(ref)
            known.add(key)


def partners(ctx: Context) -> None:
    r = ctx.report
    owners = [c.name for c in r.contacts if c.role == "eier"]
    uh_contacts = [c.name for c in r.contacts if c.role == "uh"]
    if not r.partners:
        # no list of partners: the owner and every UH the report names, each with its own
        # contact when the report gives one per UH in the same order ('Kontaktperson UH 2')
        r.partners.append(Partner(r.owner, "eier", owners[0] if owners else None))
        named = _contacts_by_uh(ctx)
        if named:
            _one_left(named, uh_contacts, r.uh)
        taken: set[str] = set()
        for k, u in enumerate(r.uh):
            contact: str | None
            if named:
                # the person whose entry names this UH, for one partner only (not for a
                # unit and its university both)
                contact = named.get(_org_key(u))
                contact = None if contact in taken else contact
                taken.add(contact or "")
            elif len(uh_contacts) == len(r.uh):
                contact = uh_contacts[k]
            else:
                contact = uh_contacts[0] if uh_contacts and k == 0 else None
            r.partners.append(Partner(u, "uh", contact))
        return
    if not any(p.role == "eier" and _same(p.org, r.owner) for p in r.partners):
        # the owner, with the first of the owner's contacts (a list of the UH partners only)
        r.partners.insert(0, Partner(r.owner, "eier", owners[0] if owners else None))
    listed = any(p.contact is not None for p in r.partners)
    if not any(p.role == "uh" for p in r.partners):
        # a list of the owners only (a table with a column per owner): the UH the report
        # names is the partnership's UH partner
        for k, u in enumerate(r.uh):
            contact = uh_contacts[k] if len(uh_contacts) == len(r.uh) else None
            r.partners.append(Partner(u, "uh", contact))
    if not listed:
        _contacts_of_list(r, uh_contacts)


def _org_key(ref: OrgRef) -> str:
    return ref.parent or ref.id or ref.name


def _contacts_by_uh(ctx: Context) -> dict[str, str]:
    """'Torbjørn Moe Kvaløy, førsteamanuensis, Nord universitet' and 'Kari Helene Ørsnes,
    rådgiver, Skrivesenteret, NTNU': each UH contact whose entry names one UH of the
    report, by that UH (its university, for a unit); empty unless each names a different
    one, so two people are never matched to their universities by their order alone."""
    r = ctx.report
    mine = {_org_key(u) for u in r.uh}
    found: dict[str, str] = {}
    for c in r.contacts:
        if c.role != "uh":
            continue
        orgs = ctx.orgs_in(c.function, ("uh", "uh_enhet")) if c.function else []
        if not orgs:
            continue  # an entry that names no UH: matched by elimination, if at all
        keys = {_org_key(o) for o in orgs} & mine
        if len(keys) != 1:
            return {}
        key = keys.pop()
        if key in found:
            return {}
        found[key] = c.name
    return found


def _one_left(named: dict[str, str], uh_contacts: list[str], uh: list[OrgRef]) -> None:
    """One UH contact whose entry names no UH, and one UH no entry names: theirs."""
    people = [c for c in uh_contacts if c not in named.values()]
    left = [key for key in dict.fromkeys(_org_key(u) for u in uh) if key not in named]
    if len(people) == 1 and len(left) == 1:
        named[left[0]] = people[0]


def _contacts_of_list(r: NeedsReport, uh_contacts: list[str]) -> None:
    """A list of names with no contacts ('Molde kommune (koordinerande)', 'Rauma kommune',
    …): the owner's contact is the owner's, and the one UH contact is the one UH
    institution's (its units, named for a measure, have none of their own)."""
    owners = [c.name for c in r.contacts if c.role == "eier"]
    for p in r.partners:
        if p.role == "eier" and owners and _same(p.org, r.owner):
            p.contact = owners[0]
            break
    top = [p for p in r.partners if p.role == "uh" and p.org.kind == "uh"]
    if len(uh_contacts) == 1 and len(top) == 1 and top[0].contact is None:
        top[0].contact = uh_contacts[0]


def _same(a: OrgRef, b: OrgRef) -> bool:
    return (a.id is not None and a.id == b.id) or a.name.lower() == b.name.lower()


def dedupe_institutions(ctx: Context) -> None:
    merged: dict[str, Institution] = {}
    for inst in ctx.report.institutions:
        key = inst.org.id or inst.org.name.lower()
        if key in merged:
            have = merged[key]
            have.measures = sorted(set(have.measures) | set(inst.measures))
            have.owner = have.owner or inst.owner
        else:
            merged[key] = inst
    ctx.report.institutions = list(merged.values())


__all__ = ["Measure", "infer"]
