"""The first page of Statsforvalteren's form (2024 table version and 2026 checkbox version):
title, scheme or sector, owner, network, UH, contact table, yes/no questions and year."""

from __future__ import annotations

import re
from dataclasses import replace

from kompetansekart.ingest.context import OWNER_KINDS, UH_KINDS, Context
from kompetansekart.ingest.document import plain
from kompetansekart.ingest.layouts.choices import choose, yes_no
from kompetansekart.ingest.records import Contact, OrgRef

SCHEME_OPTIONS = ("Regional ordning", "Desentralisert ordning", "Kompetanseløftet")
SECTOR_OPTIONS = ("Barnehage", "Grunnskole", "Begge deler")
SECTOR_IDS = {"Barnehage": "barnehage", "Grunnskole": "grunnskole", "Begge deler": "begge"}

_YEAR = re.compile(r"behov for (\d{4})", re.IGNORECASE)
_CONTINUE = re.compile(r"videref\w*re behovsmelding fra (\d{4})", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def parse_header(ctx: Context, end: int) -> None:
    """Fields of the first page; `end` is where measure sections or attachments begin."""
    parse_title(ctx)
    parse_applies_to(ctx, end)
    parse_owner_line(ctx, end)
    parse_uh_line(ctx, end)
    parse_contacts(ctx, end)
    parse_questions(ctx, end)
    parse_year(ctx)


def parse_title(ctx: Context) -> None:
    i = ctx.doc.find(r"behovsmelding", end=8)
    if i is None:
        return
    title = ctx.doc.block(i, min(i + 3, len(ctx.doc)))
    if "kollektiv" in ctx.schemes.ids_in(title):
        ctx.diag(
            "info",
            "merged-scheme",
            "form titled 'kollektiv kompetanseutvikling' (the merged scheme): it covers "
            "regional, desentralisert and kompetanseløftet and does not say which",
            "schemes",
            i,
        )


def parse_applies_to(ctx: Context, end: int) -> None:
    """'Behovsmeldingen gjelder:' is followed by scheme options (2024) or sector (2026)."""
    i = ctx.doc.find(r"^behovsmeldingen gjelder", end=end)
    if i is None:
        return
    for j in range(i, min(i + 3, end)):
        text = ctx.doc.text(j)
        lowered = text.lower()
        if "ordning" in lowered or "kompetanseløftet" in lowered:
            choice = choose(ctx, j, SCHEME_OPTIONS, "schemes")
            ids = [ctx.schemes.ids_in(label)[0] for label in choice.selected]
            if ids:
                ctx.report.schemes = ids
                ctx.evidence("schemes", j)
            return
        if "grunnskole" in lowered or ("barnehage" in lowered and "begge" in lowered):
            choice = choose(ctx, j, SECTOR_OPTIONS, "sector")
            if choice.selected:
                ctx.report.sector = SECTOR_IDS[choice.selected[0]]
                ctx.evidence("sector", j)
            return


def parse_owner_line(ctx: Context, end: int) -> None:
    """'Eier: X' may carry the network on the same line or the next one."""
    i = ctx.doc.find(r"^eier\s*:", end=end)
    if i is None:
        ctx.diag("error", "owner-missing", "no 'Eier:' line found", "owner")
        return
    value = plain(ctx.doc.text(i).split(":", 1)[1])
    network_line = i
    networks = ctx.orgs_in(value, ["nettverk"])
    if (
        not networks
        and i + 1 < end
        and ctx.doc.plain(i + 1).lower().startswith("kompetansenettverk")
    ):
        network_line = i + 1
        networks = ctx.orgs_in(ctx.doc.plain(i + 1), ["nettverk"])
        if not networks:
            networks = [ctx.org(ctx.doc.plain(i + 1), ["nettverk"], "network", i + 1)]
    owner_text = re.split(r"\bkompetansenettverk\b", value, flags=re.IGNORECASE)[0].strip(" ,")
    found = ctx.orgs_in(owner_text, OWNER_KINDS)
    owner = found[0] if found else ctx.org(owner_text, OWNER_KINDS, "owner", i)
    ctx.report.owner = _as_written(owner, owner_text)
    ctx.evidence("owner", i)
    if networks:
        ctx.report.network = networks[0]
        ctx.evidence("network", network_line)


def parse_uh_line(ctx: Context, end: int) -> None:
    """'Universitet/Høgskole:' (2024) or 'Kompetansemiljø:' (2026). A unit named with its
    university ('Høgskolen i Innlandet/ SePU') is the unit; its parent is implied."""
    i = ctx.doc.find(r"^(universitet\s*/\s*høgskole|kompetansemiljø)\s*:", end=end)
    if i is None:
        ctx.diag("warning", "uh-missing", "no university/college line found", "uh")
        return
    value = plain(ctx.doc.text(i).split(":", 1)[1])
    found = ctx.orgs_in(value, UH_KINDS)
    if not found:
        found = [ctx.org(value, UH_KINDS, "uh", i)]
    ctx.report.uh = ctx.units_first(found)
    ctx.evidence("uh", i)


def parse_contacts(ctx: Context, end: int) -> None:
    """The contact table: a header row 'Eier | UH', then Navn, Funksjon, Telefon, E-post.
    Account numbers (Kontonr) are never read: they are not needed and are sensitive."""
    head = ctx.doc.find(r"^\s*eier\s+uh\s*$", end=end)
    if head is None:
        return
    rows: dict[str, tuple[int, list[str]]] = {}
    for j in range(head + 1, min(head + 9, end)):
        cells = ctx.doc.cells(j)
        key = cells[0].lower().rstrip(".")
        for name in ("navn", "funksjon", "telefon", "e-post", "org. nr", "org nr"):
            if key == name or (len(cells) == 1 and key.startswith(name + " ")):
                rows[name] = (j, cells)
    if "navn" not in rows:
        return
    names = _two_columns(ctx, rows["navn"], _named_owner_contact(ctx, end))
    functions = _two_columns(ctx, rows.get("funksjon"), None)
    phones = _two_columns(ctx, rows.get("telefon"), None)
    emails = _two_columns(ctx, rows.get("e-post"), None)
    for col, role in enumerate(("eier", "uh")):
        if names[col]:
            ctx.report.contacts.append(
                Contact(
                    names[col],
                    role,
                    functions[col] or None,
                    _email(emails[col]),
                    phones[col] or None,
                )
            )
    ctx.evidence("contacts", rows["navn"][0])
    _check_orgnr(ctx, rows.get("org. nr") or rows.get("org nr"))


def _two_columns(ctx: Context, row: tuple[int, list[str]] | None, first: str | None) -> list[str]:
    """The Eier and UH values of a row. Tab-separated rows are exact; a flattened row
    ('Navn Kari Nordmann Ola Nordmann') is split where the known first value ends, or
    before the last capitalised word group; if that is unsafe, both are left empty."""
    if row is None:
        return ["", ""]
    j, cells = row
    if len(cells) >= 3:
        return [cells[1], cells[2]]
    rest = re.sub(r"^\S+\s*", "", cells[0]).strip()
    if first and rest.startswith(first):
        return [first, rest[len(first) :].strip()]
    words = rest.split()
    caps = [k for k, w in enumerate(words) if k > 0 and w[:1].isupper()]
    if len(caps) == 1:
        k = caps[0]
        return [" ".join(words[:k]), " ".join(words[k:])]
    if rest:
        ctx.diag(
            "info",
            "cells-merged",
            "a contact row has no cell boundaries; could not split owner from UH",
            "contacts",
            j,
        )
    return ["", ""]


def _named_owner_contact(ctx: Context, end: int) -> str | None:
    i = ctx.doc.find(r"^kontaktpersoner\s*:", end=end)
    if i is None:
        return None
    value = plain(ctx.doc.text(i).split(":", 1)[1])
    first = re.split(r"\(|,| og ", value)[0].strip()
    return first or None


def _email(text: str) -> str | None:
    match = _EMAIL.search(text or "")
    return match.group(0) if match else None


def _check_orgnr(ctx: Context, row: tuple[int, list[str]] | None) -> None:
    """The form's 'Org. Nr' row confirms (or contradicts) the gazetteer's numbers."""
    if row is None or len(row[1]) < 2:
        return
    j, cells = row
    refs: list[OrgRef | None] = [ctx.report.owner, ctx.report.uh[0] if ctx.report.uh else None]
    for cell, ref in zip(cells[1:3], refs, strict=False):
        digits = re.sub(r"\D", "", cell)
        if len(digits) != 9 or ref is None:
            continue
        own = ref.id if ref.id and ref.id.startswith("orgnr:") else None
        parent = ref.parent if ref.parent and ref.parent.startswith("orgnr:") else None
        if f"orgnr:{digits}" not in (own, parent):
            ctx.diag(
                "warning",
                "orgnr-mismatch",
                f"the form gives organisation number {digits} for '{ref.name}', "
                f"the gazetteer has {own or parent or 'none'}",
                "owner" if ref is ctx.report.owner else "uh",
                j,
            )


def parse_questions(ctx: Context, end: int) -> None:
    i = ctx.doc.find(_CONTINUE, end=end)
    if i is not None:
        ctx.report.continuation = yes_no(ctx, i, "continuation")
        if ctx.report.continuation:  # the year of the report it continues
            ctx.report.continues_year = int(_CONTINUE.search(ctx.doc.plain(i)).group(1))
            ctx.evidence("continues_year", i)
    for pattern, field in (
        (r"består av flere eiere", "partners.several_owners"),
        (r"består av flere (uh|kompetansemiljø)", "partners.several_uh"),
        (r"behovsmelding i flere ordninger", "schemes.several"),
    ):
        j = ctx.doc.find(pattern, end=end)
        if j is not None:
            choose(ctx, j, ("Ja", "Nei"), field)


def parse_year(ctx: Context) -> None:
    i = ctx.doc.find(_YEAR)
    if i is None:
        ctx.diag("warning", "year-missing", "no 'behov for <year>' line found", "year")
        return
    ctx.report.year = int(_YEAR.search(ctx.doc.plain(i)).group(1))
    ctx.evidence("year", i)


def _as_written(ref: OrgRef, written: str) -> OrgRef:
    return ref if ref.as_written else replace(ref, as_written=written)
