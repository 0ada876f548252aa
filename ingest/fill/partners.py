"""The partner list: every owner and UH of the partnership, with the contact named for each.

It arrives as a table (name | contact | role), or flattened to text, where each row starts
with its number and ends with its role ('3 Læringsmiljøsenteret, Universitetet / i
Stavanger / Solfrid H. Naustvik og Hanne … / UH' over several lines). An entry often
carries more than a name: 'X SA – Bamsebo barnehage' (an owner and its kindergarten),
'Y AS, del av konsernet Z' (a comment), 'Høgskolen på Innlandet, SePU' (a unit after its
institution).
"""

from __future__ import annotations

import re
from dataclasses import replace

from kompetansekart.ingest.context import OWNER_KINDS, UH_KINDS
from kompetansekart.ingest.document import plain
from kompetansekart.ingest.fill.institutions import INSTITUTION_KINDS
from kompetansekart.ingest.fill.state import State
from kompetansekart.ingest.records import Institution, OrgRef, Partner
from kompetansekart.ingest.resolve import guess_kind

_ROW_START = re.compile(r"^(\d{1,2})[.)]?(?:\t|\s+)(.*)$")
_BULLET_ROW = re.compile(
    r"^[-–•*·]?\s*(?:\d{1,2}[.)]\s*)?(?P<name>[^(]{3,120}?)\s*\((?P<role>eier|eigar|uh|kompetansemiljø)\)"
    r"\s*[,;:–-]?\s*(?:kontaktperson|kontakt)?\s*:?\s*(?P<contact>.*)$",
    re.IGNORECASE,
)
_LIST_MARK = re.compile(r"^(?:[-–•*·]|\d{1,2}[.)])\s+")
_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
_ROLE_END = re.compile(r"(?:^|\s)(eier|eigar|uh)$", re.IGNORECASE)


def add_partner(f: State, written: str, role: str, contact: str | None, j: int) -> None:
    kinds = UH_KINDS if role == "uh" else OWNER_KINDS
    ref = partner_org(f, written, kinds, j)
    f.report.partners.append(Partner(ref, role, contact))  # type: ignore[arg-type]
    f.evidence("partners", j)


def read_flat_list(f: State, lines: list[int]) -> None:
    """Numbered rows that end with their role, over as many lines as they need."""
    rows: list[tuple[int, str]] = []
    names = _name_lines(f, lines)
    prose = set(f.form.prose)
    for j in lines:
        text = f.doc.text(j)
        if j in names:  # 'Rauma kommune', '- Molde kommune (koordinerande)'
            add_partner(f, *names[j], None, j)
            continue
        listed = _listed_names(f, plain(text)) if j in prose else []
        if listed:  # 'Stryn kommune, Gloppen kommune, Bremanger kommune'
            for name, role in listed:
                add_partner(f, name, role, None, j)
            continue
        bullet = _BULLET_ROW.match(plain(text))
        if bullet:  # '- Rypetoppen barnehage AS (eier), kontaktperson Per Testesen'
            role = "uh" if bullet["role"].lower() in ("uh", "kompetansemiljø") else "eier"
            add_partner(
                f, bullet["name"].strip(), role, (bullet["contact"] or "").strip() or None, j
            )
            continue
        if _ROW_START.match(plain(text)) and (not rows or _ROLE_END.search(plain(rows[-1][1]))):
            rows.append((j, text))
        elif rows and not _ROLE_END.search(plain(rows[-1][1])):
            rows[-1] = (rows[-1][0], rows[-1][1] + " " + text)
    for j, text in rows:
        role_match = _ROLE_END.search(plain(text))
        if not role_match:
            f.diag("warning", "partner-row", "partner row has no Eier/UH role", "partners", j)
            continue
        role = "uh" if role_match.group(1).lower() == "uh" else "eier"
        kinds = UH_KINDS if role == "uh" else OWNER_KINDS
        cells = [plain(c) for c in text.split("\t") if plain(c)]
        if len(cells) >= 4:
            name, contact = cells[1], cells[2]
        else:
            start = _ROW_START.match(plain(text))
            body = start.group(2) if start else plain(text)
            end = _ROLE_END.search(body)
            body = (body[: end.start()] if end else body).strip()
            name, contact = _split_name_contact(f, body, kinds)
        add_partner(f, name, role, contact or None, j)


def _name_lines(f: State, lines: list[int]) -> dict[int, tuple[str, str]]:
    """The lines of a plain list of partners: at least two lines of text (no field, no
    table's row) that are each one known organisation, none of them a partner already."""
    prose = set(f.form.prose)
    known = {p.org.id for p in f.report.partners if p.org.id}
    found = {}
    for j in lines:
        if j in prose and (named := _named_line(f, plain(f.doc.text(j)))) is not None:
            found[j] = named
    if len(found) < 2:
        return {}
    return {j: named for j, named in found.items() if _id_of(f, named[0]) not in known}


_LIST_SEP = re.compile(r"\s*(?:,|;|\bog\b|\bsamt\b|&)\s*")


def _listed_names(f: State, text: str) -> list[tuple[str, str]]:
    """A line that is a list of two or more known organisations and nothing more: each a
    partner, with the role its kind gives it."""
    parts = [p for p in _LIST_SEP.split(text.strip(" .")) if p]
    if len(parts) < 2:
        return []
    named = [_named_line(f, p) for p in parts]
    return [n for n in named if n is not None] if all(named) else []


def _id_of(f: State, name: str) -> str | None:
    return f.ctx.resolver.resolve(name, OWNER_KINDS + UH_KINDS).ref.id


def _named_line(f: State, text: str) -> tuple[str, str] | None:
    """A line of a partner list that is one known organisation's name and nothing more but
    a note in brackets ('Molde kommune (koordinerande)'): that partner, its role from its
    kind. A line that only mentions one ('+ private barnehagar i kommunane') names none."""
    body = _LIST_MARK.sub("", text).strip()
    body = _NOTE.sub("", body).strip(" ,;.")
    if not body:
        return None
    found = f.ctx.resolver.find_in(body, OWNER_KINDS + UH_KINDS)
    if len(found) != 1 or found[0][1] != 0 or found[0][2] != len(body):
        return None
    res = found[0][0]
    return body, "uh" if res.ref.kind in UH_KINDS else "eier"


def _split_name_contact(f: State, body: str, kinds) -> tuple[str, str]:
    """'Bodø kommune Kari Nordmann': the organisation is the known name at the start."""
    found = f.ctx.resolver.find_in(body, kinds)
    if found and found[0][1] == 0:
        end = found[0][2]
        extra = re.match(r"^[,\s]*(i\s+\w+)", body[end:])  # '... Universitetet i Stavanger'
        if extra:
            end += extra.end()
        return body[:end].strip(" ,"), body[end:].strip(" ,")
    words = body.split()
    # An unknown organisation's name usually ends in what shows its kind ("... barnehage
    # AS", "... skole"), and the contact person follows: split after the last such word.
    for k in range(len(words) - 1, 1, -1):
        if guess_kind(words[k - 1]):
            return " ".join(words[:k]), " ".join(words[k:])
    for k in range(len(words) - 1, 0, -1):
        if guess_kind(" ".join(words[:k])):
            return " ".join(words[:k]), " ".join(words[k:])
    return body, ""


def partner_org(f: State, written: str, kinds, j: int) -> OrgRef:
    res = f.ctx.resolver.resolve(written, kinds)
    if res.method != "unresolved":
        _add_institution(f, res.ref, None, j)
        return res.ref
    found = f.ctx.orgs_in(written, kinds)
    if found:
        return replace(f.ctx.units_first(found)[0], as_written=written)
    name, site = _owner_and_site(written)
    ref = replace(f.ctx.org(name, kinds, "partners", j), as_written=written)
    _add_institution(f, ref, site or None, j)
    return ref


def _owner_and_site(written: str) -> tuple[str, str | None]:
    parts = re.split(r"\s+[–-]\s+", written, maxsplit=1)
    site = parts[1].strip() if len(parts) == 2 else None
    return parts[0].split(",")[0].strip(), site


def _add_institution(f: State, ref: OrgRef, site: str | None, j: int) -> None:
    """A partner that is a school or kindergarten, names one, or is a company or
    foundation named after the one it runs ('Jensvoll barnehage AS'). A chain
    ('... Barnehagene AS') names none."""
    r = f.report
    if ref.kind in INSTITUTION_KINDS:
        r.institutions.append(Institution(ref, None))
        f.evidence("institutions", j)
        return
    if site and guess_kind(site) in INSTITUTION_KINDS:
        inst = f.ctx.org(site, INSTITUTION_KINDS, "institutions", j)
        r.institutions.append(Institution(inst, ref))
        f.evidence("institutions", j)
        return
    base = re.sub(r"\s+(AS|A/S|SA|ASA)$", "", ref.name).strip()
    base = re.sub(r"^Stiftelsen\s+", "", base).strip()
    if base != ref.name and re.search(r"\b\w*(barnehage|skole)$", base, re.IGNORECASE):
        inst = f.ctx.org(base, INSTITUTION_KINDS, "institutions", j)
        r.institutions.append(Institution(inst, ref))
        f.evidence("institutions", j)
