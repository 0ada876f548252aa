"""The form's last page: further education, Sami perspective, the partner list, union
consultation (medbestemmelse) and the number of units covered."""

from __future__ import annotations

import re
from dataclasses import replace

from kompetansekart.ingest.context import OWNER_KINDS, UH_KINDS, Context
from kompetansekart.ingest.document import plain
from kompetansekart.ingest.layouts.choices import choose, yes_no
from kompetansekart.ingest.layouts.prose import INSTITUTION_KINDS
from kompetansekart.ingest.records import UNIT_KEYS, Institution, OrgRef, Partner
from kompetansekart.ingest.resolve import guess_kind

FURTHER_ED = {"Ja": "ja", "Nei": "nei", "Vet ikke": "vet_ikke"}
SAMI = {"Ja": "ja", "Nei": "nei", "Vurdert ikke relevant": "ikke_relevant"}
_ROW_START = re.compile(r"^(\d{1,2})(?:\t|\s+)(.*)$")
_ROLE_END = re.compile(r"(?:^|\s)(eier|uh)$", re.IGNORECASE)
# Each units column's header, as the form words it (the header may wrap over lines).
_UNIT_HEADERS = tuple(
    re.compile(pattern)
    for pattern in (
        r"kommunale\w*\s+barnehager\w*",
        r"private\w*\s+barnehager\w*",
        r"offentlige\w*\s+skoler\w*",
        r"private\w*\s+skoler\w*",
        r"pp-tjenest\w*|\bppt\b",  # "PP-tjenesten" or "PPT"
    )
)


def parse_tail(ctx: Context, start: int) -> None:
    _choice_after(
        ctx, start, r"sammenheng med videreutdanning", FURTHER_ED, "linked_to_further_education"
    )
    _choice_after(ctx, start, r"samiske perspektiv", SAMI, "sami_perspective")
    parse_partner_list(ctx, start)
    parse_union(ctx, start)
    parse_units(ctx, start)


def _choice_after(ctx: Context, start: int, pattern: str, values: dict[str, str], field: str):
    i = ctx.doc.find(pattern, start)
    if i is None or i + 1 >= len(ctx.doc):
        return
    j = i if any(o.lower() in ctx.doc.plain(i).lower().split("?")[-1] for o in values) else i + 1
    choice = choose(ctx, j, tuple(values), field)
    if choice.selected:
        setattr(ctx.report, field, values[choice.selected[0]])
        ctx.evidence(field, j)


def parse_partner_list(ctx: Context, start: int) -> None:
    """'Liste over andre eiere og UH/kompetansemiljø': numbered rows of org, contact, role.
    A row may wrap over several lines when the form was flattened; it ends at its role."""
    i = ctx.doc.find(r"liste over andre eiere", start)
    if i is None:
        return
    stop = ctx.doc.find(r"medbestemmelse|hvor mange enheter", i + 1) or len(ctx.doc)
    rows: list[tuple[int, str]] = []
    for j in range(i + 1, stop):
        text = ctx.doc.text(j)
        if _ROW_START.match(plain(text)) and (not rows or _ROLE_END.search(plain(rows[-1][1]))):
            rows.append((j, text))
        elif rows and not _ROLE_END.search(plain(rows[-1][1])):
            rows[-1] = (rows[-1][0], rows[-1][1] + " " + text)
    for j, text in rows:
        partner = _partner(ctx, j, text)
        if partner:
            ctx.report.partners.append(partner)
    if rows:
        ctx.evidence("partners", rows[0][0])


def _partner(ctx: Context, j: int, text: str) -> Partner | None:
    cells = [plain(c) for c in text.split("\t") if plain(c)]
    role_match = _ROLE_END.search(plain(text))
    if not role_match:
        ctx.diag("warning", "partner-row", "partner row has no Eier/UH role", "partners", j)
        return None
    role = role_match.group(1).lower()
    kinds = UH_KINDS if role == "uh" else OWNER_KINDS
    if len(cells) >= 4:
        name, contact = cells[1], cells[2]
    else:
        body = _ROW_START.match(plain(text)).group(2)
        body = body[: _ROLE_END.search(body).start()].strip()
        name, contact = _split_name_contact(ctx, body, kinds)
    return Partner(_partner_org(ctx, name, kinds, j), role, contact or None)


def _split_name_contact(ctx: Context, body: str, kinds) -> tuple[str, str]:
    """'Bodø kommune Kari Nordmann': the organisation is the known name at the start."""
    found = ctx.resolver.find_in(body, kinds)
    if found and found[0][1] == 0:
        end = found[0][2]
        tail = body[end:]
        extra = re.match(r"^[,\s]*(i\s+\w+)", tail)  # '... Universitetet i Stavanger'
        if extra:
            end += extra.end()
        return body[:end].strip(" ,"), body[end:].strip(" ,")
    words = body.split()
    # An unknown organisation's name usually ends in what shows its kind ("... barnehage
    # AS", "... skole"), and the contact person follows: split after the last such word.
    # Only when none but the first word shows it ("Stiftelsen Solbakken Kari Nordmann"),
    # take the longest prefix that still reads as an organisation.
    for k in range(len(words) - 1, 1, -1):
        if guess_kind(words[k - 1]):
            return " ".join(words[:k]), " ".join(words[k:])
    for k in range(len(words) - 1, 0, -1):
        if guess_kind(" ".join(words[:k])):
            return " ".join(words[:k]), " ".join(words[k:])
    return body, ""


def _partner_org(ctx: Context, written: str, kinds, j: int) -> OrgRef:
    """The partner organisation of a list entry, plus the school or kindergarten it names.

    Entries carry more than a name: 'X SA – Bamsebo barnehage' (owner – kindergarten),
    'Y AS, del av konsernet Z' (a comment after a comma), 'Høgskolen på Innlandet, SePU'
    (a unit after its institution).
    """
    res = ctx.resolver.resolve(written, kinds)
    if res.method != "unresolved":
        _add_institution(ctx, res.ref, None, j)
        return res.ref
    found = ctx.orgs_in(written, kinds)
    if found:
        return replace(ctx.units_first(found)[0], as_written=written)
    name, site = _owner_and_site(written)
    ref = replace(ctx.org(name, kinds, "partners", j), as_written=written)
    _add_institution(ctx, ref, site or None, j)
    return ref


def _owner_and_site(written: str) -> tuple[str, str | None]:
    """'X SA – Bamsebo barnehage' -> ('X SA', 'Bamsebo barnehage'); a comment after a
    comma is dropped: 'Y AS, del av konsernet Z' -> ('Y AS', None)."""
    parts = re.split(r"\s+[–-]\s+", written, maxsplit=1)
    site = parts[1].strip() if len(parts) == 2 else None
    return parts[0].split(",")[0].strip(), site


def _add_institution(ctx: Context, ref: OrgRef, site: str | None, j: int) -> None:
    """A partner that is a school or kindergarten, names one ('– Bamsebo barnehage'), or is
    a company or foundation named after the one it runs ('Jensvoll barnehage AS',
    'Stiftelsen Lillevollen barnehage'). A chain ('... Barnehagene AS') names none."""
    if ref.kind in INSTITUTION_KINDS:
        ctx.report.institutions.append(Institution(ref, None))
        return
    if site and guess_kind(site) in INSTITUTION_KINDS:
        inst = ctx.org(site, INSTITUTION_KINDS, "institutions", j)
        ctx.report.institutions.append(Institution(inst, ref))
        return
    base = re.sub(r"\s+(AS|A/S|SA|ASA)$", "", ref.name).strip()
    base = re.sub(r"^Stiftelsen\s+", "", base).strip()
    if base != ref.name and re.search(r"\b\w*(barnehage|skole)$", base, re.IGNORECASE):
        inst = ctx.org(base, INSTITUTION_KINDS, "institutions", j)
        ctx.report.institutions.append(Institution(inst, ref))


def parse_union(ctx: Context, start: int) -> None:
    i = ctx.doc.find(r"drøftet i medbestemmelse", start)
    if i is None:
        return
    ctx.report.union_consultation.held = yes_no(ctx, i, "union_consultation.held")
    stop = ctx.doc.find(r"hvor mange enheter", i + 1) or min(len(ctx.doc), i + 15)
    unions: list[str] = []
    for res, _s, _e in ctx.resolver.find_in(ctx.doc.block(i + 1, stop), ["annen"]):
        entry = res.entry
        if entry and entry.category == "union" and res.ref.name not in unions:
            unions.append(res.ref.name)
    ctx.report.union_consultation.unions = unions
    if unions:
        ctx.evidence("union_consultation.unions", i + 1)


def parse_units(ctx: Context, start: int) -> None:
    """The header may wrap ('Kommunale / barnehager / ...'); the values are the first line
    made only of numbers or X. X or a blank means not stated."""
    i = ctx.doc.find(r"hvor mange enheter", start)
    if i is None:
        return
    header: list[str] = []
    for j in range(i + 1, min(i + 12, len(ctx.doc))):
        tokens = ctx.doc.plain(j).split()
        if tokens and all(re.fullmatch(r"\d+|[xX–-]", t) for t in tokens):
            _assign_units(ctx, " ".join(header).lower(), tokens, j)
            return
        header.append(ctx.doc.plain(j))


def _assign_units(ctx: Context, header: str, tokens: list[str], j: int) -> None:
    positions = []
    for key, rule in zip(UNIT_KEYS, _UNIT_HEADERS, strict=True):
        match = rule.search(header)
        positions.append((match.start() if match else -1, key))
    order = [key for pos, key in sorted(positions) if pos >= 0]
    if len(order) != len(tokens):
        ctx.diag(
            "warning",
            "units-shape",
            f"{len(tokens)} unit counts for {len(order)} unit columns; left unknown",
            "units",
            j,
        )
        return
    for key, token in zip(order, tokens, strict=True):
        if token.isdigit():
            setattr(ctx.report.units, key, int(token))
        else:
            ctx.diag(
                "warning",
                "units-not-stated",
                f"{key} marked '{token}' instead of a number; the count is unknown",
                f"units.{key}",
                j,
            )
    ctx.evidence("units", j)
