"""A prose letter: no fields, so only what the words themselves settle is read.

The title names the scheme and the owner ('Behovsmelding dekomp <owner>'), the signature
names the owner and its signatory, and the body names the UH. Wanting to continue
('videreføre partnerskapet') is stated in words. Everything else stays unknown, with a
diagnostic, because a letter has no place where it would be written.
"""

from __future__ import annotations

import re

from kompetansekart.ingest.context import OWNER_KINDS, UH_KINDS, Context
from kompetansekart.ingest.layouts.prose import institutions_in
from kompetansekart.ingest.records import Contact, Partner

_CONTINUE = re.compile(r"\bvider\w*f\w*re\s+(partnerskapet|samarbeidet|tiltak)", re.IGNORECASE)
_CLOSING = re.compile(r"^(med )?(vennlig|beste) hilsen", re.IGNORECASE)
_YEARS = re.compile(r"\b(20\d{2})\b")


def parse(ctx: Context) -> None:
    doc = ctx.doc
    title = doc.plain(0) if len(doc) else ""
    _schemes(ctx, title)
    signature = _signature(ctx)
    _owner(ctx, title, signature)
    body = doc.block(0, len(doc))
    uh = ctx.orgs_in(body, UH_KINDS)
    if uh:
        distinct = uh[:1] + [u for u in uh[1:] if u.id != uh[0].id]
        ctx.report.uh = ctx.units_first(distinct)  # "SePU ved Universitetet i Innlandet"
        first = next((j for j in range(len(doc)) if ctx.orgs_in(doc.plain(j), UH_KINDS)), None)
        ctx.evidence("uh", first)
    else:
        ctx.diag("warning", "uh-missing", "the letter names no known university/college", "uh")
    i = doc.find(_CONTINUE)
    if i is not None:
        ctx.report.continuation = True
        ctx.evidence("continuation", i)
    ctx.report.needs = ctx.themes.ids_in(body)
    ctx.report.institutions.extend(institutions_in(ctx, title, 0))
    years = sorted(set(_YEARS.findall(body)))
    ctx.diag(
        "warning",
        "year-missing",
        "a letter states no year for the funds"
        + (f" (years mentioned: {', '.join(years)})" if years else ""),
        "year",
    )
    ctx.diag("info", "no-measures", "a letter lists no measures or amounts", "measures")
    for uh_ref in ctx.report.uh:
        ctx.report.partners.append(Partner(uh_ref, "uh", None))


def _schemes(ctx: Context, title: str) -> None:
    ids = [s for s in ctx.schemes.ids_in(title) if s != "kollektiv"]
    if ids:
        ctx.report.schemes = ids
        ctx.evidence("schemes", 0)
    else:
        ctx.diag("warning", "scheme-missing", "the letter names no scheme", "schemes")


def _signature(ctx: Context) -> tuple[int, list[str]] | None:
    i = ctx.doc.find(_CLOSING)
    if i is None:
        return None
    return i, [ctx.doc.plain(j) for j in range(i + 1, min(i + 4, len(ctx.doc)))]


def _owner(ctx: Context, title: str, signature: tuple[int, list[str]] | None) -> None:
    """The owner signs the letter; the title names it too. The signatory is a contact."""
    candidates: list[tuple[int, str]] = []
    if signature:
        i, lines = signature
        candidates += [(i + 1 + k, line) for k, line in enumerate(lines)]
    candidates.append((0, title))
    for i, text in candidates:
        found = [r for r in ctx.orgs_in(text, OWNER_KINDS) if r.kind != "skole"]
        if found:
            ctx.report.owner = found[0]
            ctx.evidence("owner", i)
            break
    else:
        ctx.diag("error", "owner-missing", "the letter names no known owner", "owner")
    contact = None
    if signature and signature[1]:
        i, lines = signature
        name = lines[0]
        if len(name.split()) in (2, 3, 4) and not ctx.orgs_in(name, None):
            function = lines[1].split()[0] if len(lines) > 1 and lines[1] else None
            contact = name
            ctx.report.contacts.append(Contact(name, "eier", function, None, None))
            ctx.evidence("contacts", i + 1)
    ctx.report.partners.insert(0, Partner(ctx.report.owner, "eier", contact))
