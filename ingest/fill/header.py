"""Report-level fields: owner, UH, network, scheme, year, sector, continuation, phases,
contacts, union consultation, units, Sami perspective, further education, needs.

Each handler takes one pair and returns True when the value fits the field (a name for
the owner, an amount for the owner's share, ...), so the dispatcher can try the next
candidate field of the same label otherwise.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kompetansekart.ingest.checkboxes import BOX, count_boxes, read_choice
from kompetansekart.ingest.context import OWNER_KINDS, UH_KINDS
from kompetansekart.ingest.fill.state import Scope, State, numbered, targets
from kompetansekart.ingest.fill.values import (
    count,
    emails_in,
    is_placeholder,
    new_or_continued,
    option_set,
    person,
    pick,
    split_people,
    year_in,
    yes_no,
)
from kompetansekart.ingest.form.model import Pair
from kompetansekart.ingest.money import PEOPLE, roles_in
from kompetansekart.ingest.records import UNIT_KEYS, Contact, OrgRef, Partner, Role

_ORGNR = re.compile(r"(?<!\d)(\d{3})[ .\u00a0]?(\d{3})[ .\u00a0]?(\d{3})(?!\d)")
_NAMED_AFTER = re.compile(r"\w+\s+[A-ZÆØÅ]")  # 'nettverket Lister'
_NETWORK_WORD = re.compile(r"\b(kompetansenettverk|kompetanseregion|nettverk)\w*", re.IGNORECASE)
SINGLE = frozenset(
    {"sector", "continuation", "sami", "further_ed", "union_held", "several", "purpose", "yesno"}
)


def value_text(f: State, pair: Pair) -> str:
    return pair.text(f.doc)


def first_value(f: State, pair: Pair) -> tuple[str, int]:
    """The first non-placeholder value line and its index."""
    for j in pair.value_lines():
        text = pair.value if j == pair.i else f.doc.plain(j)
        if text.strip() and not is_placeholder(text):
            return text.strip(), j
    return "", pair.i


# --- organisations -------------------------------------------------------------------------


def orgnr_in(text: str) -> str | None:
    m = _ORGNR.search(text)
    return "".join(m.groups()) if m else None


def org_in_value(f: State, text: str, kinds, fld: str, i: int) -> OrgRef | None:
    """The organisation a value names: a known one inside it, else the name as written
    (up to a parenthesis or a comma) kept unresolved."""
    text = text.replace("**", "").strip()
    if not text or is_placeholder(text):
        return None
    found = [r for r in f.ctx.orgs_in(text, kinds) if r.kind not in ("skole", "barnehage")]
    found = found or f.ctx.orgs_in(text, kinds)
    if found:
        ref = found[0]
        return ref if ref.as_written else replace(ref, as_written=text)
    name = re.split(r"\s*[(,]|\s+[–-]\s+", text, maxsplit=1)[0].strip(" .:")
    if not name or not name[0].isalpha() or len(name.split()) > 10:
        return None
    if yes_no(name) is not None or _NO_ORG.match(name):
        return None  # 'Nei', 'ingen – drives av kommunen selv': an answer, not a name
    return replace(f.ctx.org(name, kinds, fld, i), as_written=text)


_NO_ORG = re.compile(r"^(?:ingen|inga|ikke\s+aktuelt|ikkje\s+aktuelt|ikke\s+relevant)\b", re.I)


def uh_site(f: State, pair: Pair, scope: Scope) -> bool:
    """'Campus/fagmiljø: Campus Alta, lærerutdanning og pedagogikk': where the UH works,
    which names a UH only when it is one ('Campus: UiT Alta'); a place is no partner."""
    text = value_text(f, pair)
    if text and (org_by_number(f, text, UH_KINDS) or f.ctx.orgs_in(text, UH_KINDS)):
        return uh(f, pair, scope)
    return True


def owner(f: State, pair: Pair, scope: Scope) -> bool:
    text, j = first_value(f, pair)
    if not text or _amounts(_ORGNR.sub("", text)):  # 'HITRA KOMMUNE (938772924)': an id
        return False
    if scope.section is not None and scope.section.kind == "contacts":
        return contact_of_role(f, pair, "eier")
    digits = orgnr_in(text)
    if digits:
        f.orgnr.append((digits, j, "eier"))
    head = _NETWORK_WORD.split(text, maxsplit=1)[0] if _NETWORK_WORD.search(text[1:]) else text
    ref = org_in_value(f, head, OWNER_KINDS, "owner", j)
    if ref is None:
        return False
    r = f.report
    f.last_org_role = "eier"
    if f.weak_owner and pair.fields[:1] != ("sender",):
        r.evidence.pop("owner", None)  # an owner label says better than a sender line
        f.weak_owner = False
    if r.owner.id is None or (ref.id is not None and "owner" not in r.evidence):
        if r.owner.id is None and ref.id is None and "owner" in r.evidence:
            return True  # two unresolved names: keep the first
        r.owner = ref
        r.evidence.pop("owner", None)
        f.evidence("owner", j)
    named = _NETWORK_WORD.search(text[1:])
    tail = text[named.start() + 1 :] if named else ""
    # 'Hattfjelldal kommune, Kompetansenettverk Helgeland': a network's name after the
    # owner's; not '… dei andre kommunane i nettverket sender eigne meldingar'
    if named and r.network is None and (tail[:1].isupper() or _NAMED_AFTER.match(tail)):
        network_text(f, tail, j)
    return True


def sender(f: State, pair: Pair, scope: Scope) -> bool:
    """'Frå: Molde kommune', 'Fra: Kari Nordmann <kari@…>': the owner when no owner label
    names one; an e-mail's sender is often a person, whose surname may be a place."""
    text, _ = first_value(f, pair)
    if "@" in text or "owner" in f.report.evidence:
        return True
    done = owner(f, pair, scope)
    if done and "owner" in f.report.evidence:
        f.weak_owner = True
    return done


def owner_contact(f: State, pair: Pair, scope: Scope) -> bool:
    """Web form: 'eierkontakt: <organisation>, <person>, <function>'."""
    return _org_contact(f, pair, "eier")


def uh_contact(f: State, pair: Pair, scope: Scope) -> bool:
    return _org_contact(f, pair, "uh")


def _org_contact(f: State, pair: Pair, role: str) -> bool:
    text = value_text(f, pair).replace("\n", " ")
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return False
    kinds = OWNER_KINDS if role == "eier" else UH_KINDS
    ref = f.ctx.org(parts[0], kinds, "owner" if role == "eier" else "uh", pair.i)
    r = f.report
    if role == "eier":
        r.owner = ref
        f.evidence("owner", pair.i)
    else:
        add_uh(f, [ref], pair.i)
    name = parts[1] if len(parts) > 1 else None
    r.partners.append(Partner(ref, role, name))  # type: ignore[arg-type]
    f.evidence("partners", pair.i)
    if name:
        add_contact(f, Contact(name, role, parts[2] if len(parts) > 2 else None), pair.i)  # type: ignore[arg-type]
    return True


def add_uh(f: State, refs: list[OrgRef], i: int) -> None:
    r = f.report
    f.last_org_role = "uh"
    for ref in refs:
        known = {u.id or u.name for u in r.uh}
        if (ref.id or ref.name) in known:
            continue
        if ref.parent and ref.parent in known:
            # the unit names its university more precisely: it takes the university's place
            r.uh = [ref if u.id == ref.parent else u for u in r.uh]
            continue
        if ref.id and any(u.parent == ref.id for u in r.uh):
            continue
        r.uh.append(ref)
    f.evidence("uh", i)


def org_by_number(f: State, text: str, kinds) -> OrgRef | None:
    """'uh = 911770709': a value that is only an organisation number names the
    organisation the gazetteer has under it (of one of `kinds`), else None."""
    digits = re.sub(r"\s", "", text.replace("**", ""))
    if not _BARE_ORGNR.fullmatch(digits):
        return None
    entry = f.ctx.resolver.gazetteer.by_id(f"orgnr:{digits}")
    if entry is None or entry.kind not in kinds:
        return None
    return replace(f.ctx.resolver.resolve(entry.name).ref, as_written=text.strip())


_BARE_ORGNR = re.compile(r"\d{9}")


def uh(f: State, pair: Pair, scope: Scope) -> bool:
    text = value_text(f, pair)
    numbered = org_by_number(f, text, UH_KINDS) if text else None
    if not text or (numbered is None and _amounts(pair.value or text)):
        return False
    if scope.section is not None and scope.section.kind == "contacts" and not _names_uh(f, text):
        return contact_of_role(f, pair, "uh")
    refs: list[OrgRef] = []
    for j in pair.value_lines():
        line = pair.value if j == pair.i else f.doc.plain(j)
        if not line.strip() or is_placeholder(line):
            continue
        by_number = org_by_number(f, line, UH_KINDS)
        found = [by_number] if by_number else f.ctx.units_first(f.ctx.orgs_in(line, UH_KINDS))
        if not found:
            if refs:
                continue  # a line after a known UH that names none ('Institutt for …')
            ref = org_in_value(f, line, UH_KINDS, "uh", j)
            if ref is None:
                continue
            found = [ref]
        only = re.search(r"\b(?:bare|kun|berre)\s+tiltak\s+(\d+)", line, re.IGNORECASE)
        if only:
            f.uh_only[int(only.group(1))] = found[0]
        refs += found
        digits = orgnr_in(line)
        if digits:
            f.orgnr.append((digits, j, "uh"))
    if not refs:
        return False
    if scope.kind == "measure" and scope.slot is not None:
        m = scope.slot.measure
        if m.uh is None:
            m.uh = refs[0]
            scope.slot.note("uh", pair.first_line())
        add_uh(f, refs[:1], pair.first_line())
        return True
    add_uh(f, refs, pair.first_line())
    return True


def uh_unit(f: State, pair: Pair, scope: Scope) -> bool:
    text, j = first_value(f, pair)
    if not text:
        return False
    found = [r for r in f.ctx.orgs_in(text, ["uh_enhet"])]
    if not found:
        return bool(org_in_value(f, text, ["uh_enhet"], "uh", j)) and False
    add_uh(f, found[:1], j)
    return True


def _members_only(f: State, text: str) -> bool:
    """'Vinje, Tokke, Kviteseid og Seljord': a list of municipalities (two or more)."""
    parts = [p.strip() for p in re.split(r",|\bog\b|\band\b|&", text) if p.strip()]
    if len(parts) < 2:
        return False
    for part in parts:
        res = f.ctx.resolver.resolve(part, ["kommune"])
        if res.method == "unresolved" or res.ref.kind != "kommune":
            return False
    return True


def network(f: State, pair: Pair, scope: Scope) -> bool:
    text, j = first_value(f, pair)
    if not text:
        return False
    if f.report.network is not None and pair.label.casefold().startswith("region"):
        # 'Nettverk: Kompetansenettverk Narvik' then 'Region: Ofoten': the network is
        # named; the region it lies in is no second name for it
        return True
    if _YES_NO_ONLY.fullmatch(BOX.sub(" ", text)):
        # 'Inngår eier i et kompetansenettverk?' '☐ Ja ☑ Nei': no network; a yes has the
        # network's name in a field of its own
        if yes_no_field(f, pair, "network") is False:
            f.report.network = None
            f.evidence("network", j)
        return True
    named = _NETWORK_NAME.match(f"{pair.label} {text}".strip())
    if pair.style == "prefix" and not _NETWORK_WORD.search(text) and named:
        # 'Kompetansenettverket Vest-Telemark · Regional ordning 2027' with no colon: the
        # label word is the name's
        return network_text(f, named.group(), j)
    return network_text(f, text, j, label=pair.label)


_YES_NO_ONLY = re.compile(r"\s*(?:(?:ja|nei|yes|no)\b[\s/,]*)+", re.IGNORECASE)


_CAPITALISED = r"[A-ZÆØÅ][\w-]+(?:\s+(?:og\s+)?[A-ZÆØÅ][\w-]+)*"
_NETWORK_NAME = re.compile(
    rf"\b(?:Kompetanse(?:nettverk(?:et)?|region(?:en)?)|Nettverk(?:et)?)\s+{_CAPITALISED}"
    rf"|\b{_CAPITALISED}\s+(?:kompetansenettverk|kompetanseregion|nettverk)\b"
)

# in a network field's sentence: the network the owner belongs to, by its name
_MEMBER_OF = re.compile(
    rf"\b(?:medlem\s+av|med\s+i|deltar\s+i|deltek\s+i|tilhører|høyrer\s+til|inngår\s+i)"
    rf"\s+(?P<name>{_CAPITALISED})"
)


def network_text(f: State, text: str, j: int, label: str = "") -> bool:
    r = f.report
    found = f.ctx.orgs_in(text, ["nettverk"])
    if not found and label:
        found = f.ctx.orgs_in(f"{label} {text}", ["nettverk"])
    if found:
        r.network = found[0]
        f.evidence("network", j)
        return True
    if option_set("network_none").find(text):
        r.network = None
        f.evidence("network", j)
        f.diag(
            "info",
            "network-none",
            f"the report says it is in no network: '{text[:80]}'",
            "network",
            j,
        )
        return True
    name = text.split("(")[0].split("; ")[0].strip(" .,;")  # '; ': a line break in a cell
    lead = _NETWORK_NAME.match(name)
    if lead is not None and re.match(r"\s*[–—-]\s", name[lead.end() :]):
        name = lead.group()  # 'Hallingdal kompetansenettverk – Flå, Nesbyen og Gol'
    if len(name.split()) > 8:
        # 'Ja. Sogndal er med i Kompetanseregion Sogn saman med …': the name in a sentence
        named = _NETWORK_NAME.search(text)
        member = _MEMBER_OF.search(text) if named is None else None
        if member is not None:  # 'Kommunen er medlem av RSK Vest-Finnmark, som …'
            name = text = member["name"].strip()
        else:
            name = text = named.group().strip() if named else ""  # the name is as written
    if not name:
        return False
    if _members_only(f, name):
        f.diag(
            "info",
            "network-members",
            f"'{name[:80]}' names the network's municipalities, not the network; "
            "its name is left unknown",
            "network",
            j,
        )
        return True
    res = f.ctx.resolver.resolve(name, ["nettverk"])
    ref = res.ref if res.method != "unresolved" else OrgRef(name, None, "nettverk", text)
    if res.method == "unresolved":
        f.diag(
            "info",
            "unresolved-name",
            f"network '{name}' is not in the gazetteer; kept as written with no id",
            "network",
            j,
        )
    r.network = ref
    f.evidence("network", j)
    return True


# --- choices -------------------------------------------------------------------------------


def choice_pick(f: State, pair: Pair, found, multi: bool, fld: str):
    raw = pair.raw_text(f.doc)
    picked = pick(raw, found, multi)
    if picked.marks:
        f.marks[pair.i if pair.raw else pair.first_line()] += picked.marks
        _spread_marks(f, pair, picked.marks)
    if not picked.visible and len(picked.seen) > 1:
        f.diag(
            "warning",
            "choice-not-visible",
            f"no option is visibly marked among {', '.join(picked.seen)}",
            fld,
            pair.first_line(),
        )
    if multi is False and len(picked.values) > 1:
        f.diag(
            "warning",
            "choice-ambiguous",
            f"several options marked ({', '.join(picked.values)}); left unknown",
            fld,
            pair.first_line(),
        )
        return None
    return picked


def _spread_marks(f: State, pair: Pair, n: int) -> None:
    """Checked marks of a multi-line value are counted on the lines that hold them."""
    from kompetansekart.ingest.checkboxes import count_boxes

    lines = pair.value_lines()
    f.marks[pair.i if pair.raw else pair.first_line()] -= n
    left = n
    for j in lines:
        raw = pair.raw if j == pair.i else f.doc.text(j)
        k = min(count_boxes(raw)[0], left)
        f.marks[j] += k
        left -= k
    if left:
        f.marks[lines[0] if lines else pair.i] += left


def schemes(f: State, pair: Pair, scope: Scope) -> bool:
    text = value_text(f, pair) or pair.note or ""
    found = scheme_options(f, text)
    if not found:
        # 'Behovsmeldingen gjelder:' asks the sector on some forms: the options decide
        if option_set("sector").find(text):
            return sector(f, pair, scope)  # '☑ Barnehage ☑ Skole ☑ PPT': both
        return _scheme_answered_alone(f, pair)
    picked = choice_pick(f, pair, found, True, "schemes")
    if picked is None:
        return True
    if picked.values and (scope.kind == "measure" or numbered(pair)):
        # 'Ordning for tiltaket: Kompetanseløftet': the measure's scheme
        if len(picked.values) == 1:
            for slot in targets(f, pair, scope):
                if slot.measure.scheme is None:
                    slot.measure.scheme = picked.values[0]
                    slot.note("scheme", pair.first_line())
        return True
    if len(picked.values) == 1 and pair.section is not None:
        # 'Ordning: Desentralisert ordning …' at the top of a sheet: that part's scheme
        f.part_schemes.setdefault(id(pair.section), picked.values[0])
    if picked.values and not f.report.schemes:
        f.report.schemes = list(picked.values)
        f.evidence("schemes", pair.first_line())
        _sector_of_scheme(f, pair, picked)
    return True


_SECTOR_NOTE = re.compile(
    r"\((barnehage\w*|grunnsk[uo]l\w*|sk[uo]l\w*|videregåande|videregående)\)", re.I
)


def _sector_of_scheme(f: State, pair: Pair, picked) -> None:
    """'Desentralisert ordning (grunnskole)   x': the chosen scheme's option names the
    sector the report is for."""
    if f.report.sector is not None or len(picked.values) != 1:
        return
    for j in pair.value_lines():
        line = pair.raw if j == pair.i else f.doc.text(j)
        note = _SECTOR_NOTE.search(line)
        if (
            note
            and picked.marks + sum(1 for _ in re.finditer(r"(?:^|\s)[xX]\s*$", line))
            and picked.values[0] in [h.concept for h in f.ctx.schemes.find(line)]
        ):
            sector = option_set("sector").first(note.group(1))
            if sector:
                f.report.sector = sector
                f.evidence("sector", j)
                f.diag(
                    "info",
                    "sector-from-scheme",
                    f"sector '{sector}' from the chosen option '{line.strip()[:60]}'",
                    "sector",
                    j,
                )
            return


def scheme_options(f: State, text: str):
    from kompetansekart.ingest.options import Found

    out = []
    for hit in f.ctx.schemes.find(text):
        if hit.concept != "kollektiv":
            out.append(Found(hit.concept, hit.matched, hit.start, hit.end))
    if not out:
        # 'ordning = desentralisert', 'ordning: [regional, kompetanseloftet]': an export
        # that writes the schemes by their ids
        for m in re.finditer(r"[\w-]+", text):
            word = m.group().casefold()
            if word in f.ctx.schemes and word != "kollektiv":
                out.append(Found(word, m.group(), m.start(), m.end()))
    return out


def _scheme_answered_alone(f: State, pair: Pair) -> bool:
    """'ORDNING REKOMP   J', 'Kompetanseløftet: Nei': the label names one scheme and the
    value says yes or no to it; the schemes answered yes are the report's."""
    if numbered(pair):
        return False
    named = {x.value for x in scheme_options(f, pair.label)}
    return _answered_one_by_one(f, pair, named, "schemes", "schemes", True)


def _option_field(f: State, pair: Pair, set_name: str, attr: str, fld: str, multi=False) -> bool:
    text = value_text(f, pair)
    if not text or is_placeholder(text):
        return False
    raw = pair.raw_text(f.doc)
    found = option_set(set_name).find(raw.replace("**", ""))
    found = found or option_set(set_name).find(text)
    if not found:
        named = {x.value for x in option_set(set_name).find(pair.label)}
        return _answered_one_by_one(f, pair, named, attr, fld, multi)
    if len(text.split()) <= 12 or BOX.search(raw) or "**" in raw:
        # not 'Meldingen gjelder grunnskolen (1.–10. trinn). Partnerskapet omfatter …':
        # a paragraph asks no question; what its sentences say is read from them
        f.asked.add(fld)
    picked = choice_pick(f, pair, found, multi, fld)
    if picked is None:
        return True
    if picked.values:
        value: str | list[str]
        if multi:  # 'phase[]=planlegging' then 'phase[]=gjennomforing': one list
            have = getattr(f.report, attr) or []
            value = list(dict.fromkeys([*have, *picked.values]))
        else:
            value = picked.values[0]
        setattr(f.report, attr, value)
        f.evidence(fld, pair.first_line())
    return True


def _answered_one_by_one(
    f: State, pair: Pair, named: set[str], attr: str, fld: str, multi: bool
) -> bool:
    """'Behovet gjeld barnehage: [JA] / NEI', 'Fase analyse: Nei': the label names one
    option (`named`) and the value answers yes or no for it. The options answered yes
    make the value together (barnehage and grunnskole: begge); a value the form gives
    otherwise is not replaced."""
    if len(named) != 1:
        return False
    answer = yes_no_field(f, pair, fld)
    if answer == "skip":
        return False
    f.asked.add(fld)
    yes = f.yes_options.setdefault(fld, [])
    if answer is not True or (getattr(f.report, attr) not in (None, []) and not yes):
        return True
    yes.append(named.pop())
    values = list(dict.fromkeys(yes))
    if multi:
        setattr(f.report, attr, values)
    elif attr == "sector" and {"barnehage", "grunnskole"} <= set(values):
        setattr(f.report, attr, "begge")
    elif len(values) == 1:
        setattr(f.report, attr, values[0])
    else:
        return True
    f.evidence(fld, pair.first_line())
    return True


def sector(f: State, pair: Pair, scope: Scope) -> bool:
    if scheme_options(f, value_text(f, pair)) and not option_set("sector").find(
        value_text(f, pair)
    ):
        return schemes(f, pair, scope)
    found = option_set("sector").find(pair.raw_text(f.doc).replace("**", ""))
    picked = pick(pair.raw_text(f.doc), found, True) if found else None
    if picked is not None and {"barnehage", "grunnskole"} <= set(picked.values):
        # 'Hvilke sektorer omfattes? (flere valg mulig)' with both marked: both
        f.asked.add("sector")
        choice_pick(f, pair, found, True, "sector")
        if f.report.sector is None:
            f.report.sector = "begge"
            f.evidence("sector", pair.first_line())
        return True
    return _option_field(f, pair, "sector", "sector", "sector")


def owner_type(f: State, pair: Pair, scope: Scope) -> bool:
    """'Type eier ■ Kommune □ Privat': read so that its mark is accounted for; the owner's
    kind comes from the gazetteer, and a form's box does not override it."""
    found = option_set("owner_type").find(pair.raw_text(f.doc).replace("**", ""))
    if not found:
        return False
    choice_pick(f, pair, found, False, "owner.kind")
    return True


def phases(f: State, pair: Pair, scope: Scope) -> bool:
    return _option_field(f, pair, "phases", "phases", "phases", multi=True)


def _three(f: State, pair: Pair, attr: str, fld: str, allowed: tuple[str, ...]) -> bool:
    text = value_text(f, pair)
    if not text:
        return False
    found = [
        x
        for x in option_set("yesno").find(pair.raw_text(f.doc).replace("**", ""))
        if x.value in allowed
    ]
    if not found:
        if option_set("yesno").find(text):
            f.diag(
                "warning", "value-unknown", f"'{text[:60]}' not understood", fld, pair.first_line()
            )
            return True
        if _STATEMENT.search(pair.label) and pair.meaning and pair.meaning.how == "phrase":
            # 'Samiske perspektiver er ivaretatt: i tiltak 2 …': the label says it
            negated = re.search(r"\b(?:ikke|ikkje)\b", pair.label, re.I)
            value = "nei" if negated else "ja"
            if value in allowed and getattr(f.report, attr) is None:
                setattr(f.report, attr, value)
                f.evidence(fld, pair.i)
            f.prose_lines += pair.more  # what follows is running text, read as sentences
            return True
        lead = pair.raw_text(f.doc).replace("**", "").lstrip()[:1]
        if lead in _LONE_YES | _LONE_NO and "ja" in allowed and len(BOX.findall(text)) == 1:
            # '**Samiske perspektiver:** ✅ samisk språk og lek tas inn …': one tick before
            # what the answer says is a yes (a cross, a no)
            if lead in _LONE_YES:
                f.marks[pair.first_line()] += 1
            if getattr(f.report, attr) is None:
                setattr(f.report, attr, "ja" if lead in _LONE_YES else "nei")
                f.evidence(fld, pair.first_line())
            return True
        if not pair.value and pair.more:
            # 'Samiske perspektiv og vidareutdanning' over 'Tiltaka er ikkje knytte til
            # vidareutdanning': a title over its paragraph, whose sentences say the answers
            f.prose_lines += pair.more
            return True
        return False
    picked = choice_pick(f, pair, _first_group(found), False, fld)
    if picked is not None and picked.values:
        setattr(f.report, attr, picked.values[0])
        f.evidence(fld, pair.first_line())
    return True


_STATEMENT = re.compile(r"\b(?:er|blir|vert|har)\s+\w+", re.I)


def _first_group(found):
    """A free answer ('Ja – sørsamisk språk …') names its option first; the rest of the
    sentence may repeat option words that are not the answer."""
    return found


def sami(f: State, pair: Pair, scope: Scope) -> bool:
    return _three(f, pair, "sami_perspective", "sami_perspective", ("ja", "nei", "ikke_relevant"))


def further_ed(f: State, pair: Pair, scope: Scope) -> bool:
    return _three(
        f,
        pair,
        "linked_to_further_education",
        "linked_to_further_education",
        ("ja", "nei", "vet_ikke"),
    )


_LONE_YES = frozenset("☒☑✓✔")
_LONE_NO = frozenset("✖✗✘")


def yes_no_field(f: State, pair: Pair, fld: str) -> bool | str | None:
    """A yes/no answer: True/False, None when unanswered; 'skip' when it is not one."""
    raw = pair.raw_text(f.doc) or (pair.note or "")
    found = [x for x in option_set("yesno").find(raw.replace("**", "")) if x.value in ("ja", "nei")]
    bare = raw.replace("**", "").strip()
    if not found:
        # 'Videreført fra 2025?: ❌', 'Flere UH?: ✅': one mark alone answers yes or no
        if bare in _LONE_YES or bare in _LONE_NO:
            if bare in _LONE_YES:
                f.marks[pair.i if pair.raw else pair.first_line()] += 1  # the tick, read
            return bare in _LONE_YES
        return "skip"
    words = {x.value for x in found}
    if len(words) == 1 and bare[:1] in _LONE_NO and not BOX.search(bare[1:]):
        # 'Videreføring: ❌ Nei – ny behovsmelding': the one answer written, its cross no
        # unticked box of a list of options
        return words == {"ja"}
    picked = choice_pick(f, pair, found, False, fld)
    if picked is None or not picked.values:
        return None
    return picked.values[0] == "ja"


def continuation(f: State, pair: Pair, scope: Scope) -> bool:
    """The report's continuation, or, for a label inside a measure or about one
    ('Vidareføring: ja', 'tiltak[0].videreført=ja'), that measure's."""
    about_report = re.search(r"behovsmelding|partnerskap|partnarskap", pair.label, re.IGNORECASE)
    of_measure = (scope.kind == "measure" or numbered(pair)) and not about_report
    answer = yes_no_field(f, pair, "measures.continued" if of_measure else "continuation")
    if answer is None or answer == "skip":
        said = new_or_continued(value_text(f, pair))  # 'Nytt / vidareført: Nytt tiltak'
        answer = answer if said is None else said
    if answer == "skip":
        return False
    if of_measure:
        if isinstance(answer, bool):
            for slot in targets(f, pair, scope):
                if slot.measure.continued is None:
                    slot.measure.continued = answer
                    slot.note("continued", pair.first_line())
        return True
    r = f.report
    if isinstance(answer, bool) and r.continuation is None:
        r.continuation = answer
        f.evidence("continuation", pair.first_line())
        year = pair.meaning.year if pair.meaning else None
        year = year or year_in(pair.label)
        if answer and year is None:
            year = _from_year(value_text(f, pair))
        if year and r.year and year >= r.year:
            year = None  # a report goes on from an earlier year's, never its own or a later
        if answer and year:
            r.continues_year = year
            f.evidence("continues_year", pair.first_line())
        measures_named(f, value_text(f, pair), pair.first_line())
    return True


def new_measure(f: State, pair: Pair, scope: Scope) -> bool:
    """'Ny: ja, ikkje med i 2025' inside a measure: a new measure is one not continued (over
    the report the label names no measure, and sets nothing)."""
    answer = yes_no_field(f, pair, "measures.continued")
    if answer == "skip":
        return False
    if isinstance(answer, bool):
        for slot in targets(f, pair, scope):
            if slot.measure.continued is None:
                slot.measure.continued = not answer
                slot.note("continued", pair.first_line())
    return True


def continues_year(f: State, pair: Pair, scope: Scope) -> bool:
    text, j = first_value(f, pair)
    y = year_in(text)
    if y is None:
        return False
    if f.report.continues_year is None:
        f.report.continues_year = y
        f.evidence("continues_year", j)
    return True


_FROM_YEAR = re.compile(
    # 'fra 2026', 'FRA BEHOVSÅR 2026'; not 'Tiltak 3 og 4 er nye fra 2027'
    r"(?<!\bny )(?<!\bnye )(?<!\bnytt )\b(?:fra|frå|from)\s+(?:(?:behovså\w*|året|år)\s+)?"
    r"((?:19|20)\d{2})\b"
    # 'viderefører behovsmeldingen for 2025': the report it continues is that year's
    r"|\b(?:behovsmelding\w*|meldinga|meldingen)\s+(?:for|i)\s+((?:19|20)\d{2})\b",
    re.I,
)


def _from_year(text: str) -> int | None:
    """The year of the report a continuation goes on from, the first the text names."""
    m = _FROM_YEAR.search(text)
    return int(m.group(1) or m.group(2)) if m else None


_NAMED = re.compile(
    r"tiltak\s+(\d+(?:\s*(?:,|og|&)\s*\d+)*)\s+(?:er\s+|blir\s+|vert\s+)?"
    r"(videreføres|vidareførast|vidareført|videreført|viderefører|vidarefører|fortsetter|"
    r"held\s+fram|bygger\s+(?:likevel\s+|også\s+)?(?:videre\s+)?på|"
    # ('tiltak 1 byggjer på dette': builds on something, not on last year's measure)
    r"byggjer\s+(?:likevel\s+|òg\s+|også\s+)?vidare\s+på|bygg\s+(?:vidare\s+)?på|"
    r"er\s+nytt|er\s+nye|nytt|ny|nye)",
    re.IGNORECASE,
)


def measures_named(f: State, text: str, i: int) -> None:
    """'Ja – tiltak 1 og 2 videreføres fra 2024, tiltak 3 er nytt': which measures a text
    says are continued and which are new; what a form's own field said first stands."""
    for m in _NAMED.finditer(text):
        numbers = [int(n) for n in re.findall(r"\d+", m.group(1))]
        new = m.group(2).lower().startswith(("er ny", "ny", "nytt", "nye"))
        for n in numbers:
            f.continued_numbers.setdefault(n, (not new, i))


def yes_no_only(fld: str):
    """A yes/no question the record keeps nowhere ('Flere eiere?'): its mark is read."""

    def handle(f: State, pair: Pair, scope: Scope) -> bool:
        return yes_no_field(f, pair, fld) != "skip"

    return handle


def union_held(f: State, pair: Pair, scope: Scope) -> bool:
    answer = yes_no_field(f, pair, "union_consultation.held")
    if answer == "skip":
        return False
    if isinstance(answer, bool) and f.report.union_consultation.held is None:
        f.report.union_consultation.held = answer
        f.evidence("union_consultation.held", pair.first_line())
    return True


def unions(f: State, pair: Pair, scope: Scope) -> bool:
    text = value_text(f, pair)
    found = union_names(f, text)
    if not found and not text:
        return True  # the list follows in a table or lines
    raw = pair.raw_text(f.doc)
    if found and BOX.search(raw):
        found = _ticked_unions(f, text, raw, found)
        for j in pair.value_lines():  # the ticks are read: they are the unions
            f.marks[j] += count_boxes(f.doc.text(j))[0]
    add_unions(f, found, pair.first_line())
    return True


def _ticked_unions(f: State, text: str, raw: str, found: list[str]) -> list[str]:
    """'[x] Utdanningsforbundet' over '[ ] Delta': the unions are the options ticked."""
    written: dict[str, str] = {}
    for res, s, e in f.ctx.resolver.find_in(text, ["annen"]):
        if res.ref.name in found:
            written.setdefault(text[s:e], res.ref.name)
    choice = read_choice(raw, list(written))
    if not choice.marked:
        return found
    picked = {written[w] for w in choice.selected}
    return [name for name in found if name in picked]


def union_names(f: State, text: str) -> list[str]:
    """The unions that took part. One a sentence says did not ('Delta vart invitert, men
    hadde ikkje høve til å møte', '… men ikke Delta') is left out. In a text all in
    capitals ('UTDANNINGSFORBUNDET, DELTA') case says nothing, so it is read as names."""
    if text.isupper():
        text = text.title()
    out = []
    absent = _absent_spans(text)
    for res, s, _e in f.ctx.resolver.find_in(text, ["annen"]):
        entry = res.entry
        if any(a <= s < b for a, b in absent):
            continue
        if entry and entry.category == "union" and res.ref.name not in out:
            out.append(res.ref.name)
    return out


# a sentence ends at its stop, at a blank line, where a form's next line starts,
# or where a line starts with a box: an item of a list of options is a statement of its own
_SENTENCE_SPLIT = re.compile(
    # (a line ending in 'og' or ',' goes on: 'Utdanningsforbundet og' over 'Fagforbundet')
    rf"(?<=[.!?])\s+|\n\s*\n|(?<!,)(?<!\bog)(?<!\beller)(?<!\bsamt)\n(?=(?:[-–•*]\s+)?[A-ZÆØÅ])"
    rf"|(?<=[☐☒□■✓✔])\n|\n(?=\s*(?:{BOX.pattern}))"
    r"|\s(?=\()"  # '… og Delta (PBL er orientert, men er ikke part)': the remark of its own
)
# answer options that hold a negation ('Veit ikkje', 'Vurdert ikke relevant')
_NOT_OPTION = re.compile(
    r"\b(?:vet|veit)\s+ikk(?:e|je)\b|\bikk(?:e|je)\s+(?:relevant|aktuelt)\b", re.I
)
_CLAUSE_SPLIT = re.compile(r",?\s+men\s+|;\s*")
# a negation, or words that say someone did not come ('var invitert, men meldte forfall')
_NOT = re.compile(r"\b(?:ikke|ikkje|ingen|uten|utan|forfall|uteble|uteblei)\b", re.I)


# 'Fagforbundet er orientert', 'Delta har fått informasjon': a union told of the report
# took no part in making it
_INFORMED = re.compile(
    r"\b(?:er|vart|ble|blei|blir|har\s+blitt|har\s+vorte)\s+(?:bare\s+|berre\s+|kun\s+)?"
    r"(?:orientert|informert)\b|\bhar\s+fått\s+(?:informasjon|orientering)\b",
    re.I,
)


def _absent_spans(text: str) -> list[tuple[int, int]]:
    """Spans of clauses naming who did not take part: a clause with a negation, or, when
    the negated clause names no one ('men hadde ikkje høve'), the clause before it."""
    out: list[tuple[int, int]] = []
    pos = 0
    for sentence in _SENTENCE_SPLIT.split(text):
        start = text.find(sentence, pos)
        pos = start + len(sentence)
        bounds = [0, *(m.end() for m in _CLAUSE_SPLIT.finditer(sentence)), len(sentence)]
        seps = [m.start() for m in _CLAUSE_SPLIT.finditer(sentence)]
        clauses = [
            (bounds[k], seps[k] if k < len(seps) else len(sentence)) for k in range(len(seps) + 1)
        ]
        for k, (a, b) in enumerate(clauses):
            if _INFORMED.search(sentence[a:b]):
                out.append((start + a, start + b))  # 'Fagforbundet er orientert': told only
                continue
            if not _NOT.search(_NOT_OPTION.sub("", sentence[a:b])):
                continue
            named = re.search(r"[A-ZÆØÅ]", sentence[a:b][1:]) is not None
            if named or k == 0:
                out.append((start + a, start + b))
            else:
                pa, pb = clauses[k - 1]
                out.append((start + pa, start + pb))
    return out


def add_unions(f: State, names: list[str], i: int) -> None:
    have = f.report.union_consultation.unions
    for n in names:
        if n not in have:
            have.append(n)
    if names:
        f.evidence("union_consultation.unions", i)


_PEOPLE = re.compile(rf"\b(?:{PEOPLE})\b", re.I)


def units(attr: str):
    def handle(f: State, pair: Pair, scope: Scope) -> bool:
        text, j = first_value(f, pair)
        if not text:
            return False
        if pair.meaning is not None and pair.meaning.how == "phrase" and _PEOPLE.search(pair.label):
            return False  # 'Antall ansatte i … private barnehager': a count of people
        value, stated = count(text)
        if value is None and pair.meaning is not None and pair.meaning.how == "phrase":
            # 'Trekløveret AS eier og driver fire private barnehager i Trondheim: Lade …':
            # the sentence before the colon counts them, the names follow
            from kompetansekart.ingest.fill.sentences import unit_counts

            said = dict(unit_counts(pair.label))
            value = said.get(attr)
            stated = stated or value is not None
        if value is not None:
            if getattr(f.report.units, attr) is None:
                setattr(f.report.units, attr, value)
                f.evidence(f"units.{attr}", j)
            return True
        if not stated:
            if text.strip() in ("x", "X"):
                f.marks[j] += 1  # an X where a count belongs: read as 'not stated'
            f.diag(
                "warning",
                "units-not-stated",
                f"{attr} marked '{text}' instead of a number; the count is unknown",
                f"units.{attr}",
                j,
            )
            return True
        return False

    return handle


def year(f: State, pair: Pair, scope: Scope) -> bool:
    text, j = first_value(f, pair)
    y = year_in(text) or (pair.meaning.year if pair.meaning else None)
    if y is None:
        return False
    if f.report.year is None:
        f.report.year = y
        f.evidence("year", j)
    return True


def needs(f: State, pair: Pair, scope: Scope) -> bool:
    f.pair_amounts(pair)
    text = value_text(f, pair)
    if not text or is_placeholder(text):
        return True
    found = f.ctx.themes.ids_in(text)
    f.needs_stated = True
    r = f.report
    r.needs.extend(t for t in found if t not in r.needs)
    if found:
        f.evidence("needs", pair.first_line())
    if scope.kind == "measure" or f.focus is not None:
        slot = f.measure_slot(scope)
        m = slot.measure
        m.themes = [*m.themes, *(t for t in found if t not in m.themes)]
    return True


def measure_count(f: State, pair: Pair, scope: Scope) -> bool:
    text, j = first_value(f, pair)
    m = re.search(r"\d+", text)
    if not m:
        return False
    f.measure_count = (int(m.group()), j)
    return True


# --- contacts ------------------------------------------------------------------------------


def add_contact(f: State, contact: Contact, i: int) -> None:
    r = f.report
    for k, c in enumerate(r.contacts):
        if c.name.casefold() == contact.name.casefold():
            r.contacts[k] = Contact(
                c.name,
                c.role,
                c.function or contact.function,
                c.email or contact.email,
                c.phone or contact.phone,
            )
            f.last_contact = k
            return
    for pending in [p for p in f.pending_contact if p[0] == contact.role]:
        _, part, value, _j = pending
        if getattr(contact, part) is None:
            setattr(contact, part, value)
        f.pending_contact.remove(pending)
    r.contacts.append(contact)
    f.last_contact = len(r.contacts) - 1
    f.evidence(f"contacts[{len(r.contacts) - 1}]", i)
    f.evidence("contacts", i)


def contact_field(role: str | None, part: str):
    def handle(f: State, pair: Pair, scope: Scope) -> bool:
        text, j = first_value(f, pair)
        if role is None and pair.note:  # 'Kontakt (eigar)', 'Kontakt (UH)'
            who = _ROLE_NOTE.get(pair.note.strip().casefold())
            if who:
                return set_contact(f, who, part, text, j) if text else part == "name"
        if not text:
            return part == "name"  # an empty 'Kontaktperson' row keeps its place
        if part == "name" and pair.value and pair.more and person(text).name is None:
            # 'Kontaktperson UH – HVL' over 'Torbjørn Sandal Vereide, førsteamanuensis, …':
            # the words after the dash say whose; the person is on the line under it
            j = pair.more[0]
            text = f.doc.plain(j)
        if part == "name":
            text = entry_text(f, pair, text)
            if _several_people(f, text, j):
                return True
        return set_contact(f, role, part, text, j)

    return handle


# 'for skoleeier spesialrådgiver Ingrid … (ingrid@…); for OsloMet førsteamanuensis …': each
# party's person, after 'for' and the party
_FOR_PARTY = re.compile(
    r"^\s*for\s+(?P<party>\S+(?:\s+universitet)?)\s+(?P<who>[^;]+?\([\w.+-]+@[\w.-]+\))\s*\.?$",
    re.I,
)


def party_named(f: State, text: str) -> Role | None:
    """'Kontaktperson HVL:', 'Kontaktperson eigar:', 'for OsloMet': the party the words
    name, by its role word or by an organisation of its kind."""
    roles = roles_in(text)
    if "uh" in roles or f.ctx.orgs_in(text, UH_KINDS):
        return "uh"
    return "eier" if "owner" in roles or f.ctx.orgs_in(text, OWNER_KINDS) else None


def _several_people(f: State, text: str, j: int) -> bool:
    """A contacts field naming one person per party, each after 'for' and its party."""
    parts = [p for p in text.split(";") if p.strip()]
    if len(parts) < 2:
        return False
    found = [_FOR_PARTY.match(p) for p in parts]
    if not all(found):
        return False
    for m in found:
        assert m is not None
        role: Role = "uh" if party_named(f, m["party"]) == "uh" else "eier"
        who = re.sub(r"\s*\(([^()]+)\)\s*$", r", \1", m["who"].strip())
        p = person(who)
        if p.name:
            add_contact(f, Contact(p.name, role, p.function, p.email), j)
    return True


_ROLE_NOTE = {"eier": "eier", "eigar": "eier", "owner": "eier", "uh": "uh", "kompetansemiljø": "uh"}


# 'Navn: Hilde Sæther Stilling: rådgiver; E-post: hilde@… Telefon:': a contact's parts
# labelled inside one value
_PARTS = re.compile(
    r"(?:^|[;,]?\s+)(navn|namn|stilling|funksjon|e-post|epost|telefon|tlf\.?)\s*:\s*", re.I
)


def _labelled_person(text: str) -> str:
    """The parts of a contact labelled inside its value, as 'name, function, e-mail,
    phone' for `person`; a value without such labels as it is."""
    pieces = _PARTS.split(text)
    if len(pieces) < 5 or pieces[0].strip():
        return text
    found = {
        key.lower().rstrip("."): value.strip(" ;,")
        for key, value in zip(pieces[1::2], pieces[2::2], strict=False)
    }
    name = found.get("navn") or found.get("namn")
    if not name:
        return text
    rest = [
        found.get("stilling") or found.get("funksjon"),
        found.get("e-post") or found.get("epost"),
    ]
    rest.append(found.get("telefon") or found.get("tlf"))
    return ", ".join([name, *(p for p in rest if p)])


def set_contact(f: State, role: str | None, part: str, text: str, j: int) -> bool:
    r = f.report
    text = _labelled_person(text)
    if part == "name":
        people = split_people(text)
        for k, one in enumerate(people):
            p = person(one)
            if p.name is None:
                if k == 0:
                    return False
                continue
            who = role or f.last_org_role or "eier"
            if p.org:
                res = f.ctx.resolver.resolve(p.org)
                if res.ref.kind in ("uh", "uh_enhet"):
                    who = "uh"
            elif k > 0 and len(people) == 2:
                who = "uh"  # 'Kontaktpersoner: <owner's> og <the UH's>
            add_contact(f, Contact(p.name, who, p.function, p.email, p.phone), j)  # type: ignore[arg-type]
        return True
    if part == "email" and _several_emails(f, role, text):
        return True
    p = person(text)
    value = {"email": p.email, "phone": p.phone, "function": text.strip()}.get(part)
    if part == "function" and (p.email or not text.strip()):
        value = p.function
    if not value:
        return False
    target = _contact_index(f, role)
    if target is None:
        # 'Epost: …' before the person it belongs to: kept for the first contact of the role
        f.pending_contact.append((role or "eier", part, value, j))
        return True
    c = r.contacts[target]
    if getattr(c, part) is None:
        setattr(c, part, value)
    f.last_contact = target
    return True


def _several_emails(f: State, role: str | None, text: str) -> bool:
    """'kjetil@…; synnove@…' under two contacts of the role: each theirs, in order."""
    emails = emails_in(text)
    if len(emails) < 2:
        return False
    people = [c for c in f.report.contacts if c.role == (role or "eier") and c.email is None]
    if len(people) != len(emails):
        return False
    for c, email in zip(people, emails, strict=True):
        c.email = email
    return True


def _contact_index(f: State, role: str | None) -> int | None:
    r = f.report
    if role is None:
        return f.last_contact
    for k in range(len(r.contacts) - 1, -1, -1):
        if r.contacts[k].role == role:
            return k
    return None


def _names_uh(f: State, text: str) -> bool:
    """'UH: HØGSKOLEN I ØSTFOLD (HIØ), org.nr 971 567 376' among the contacts names the
    institution; 'UH: Ragnhild Tøsdal, NTNU, ragnhild@…' is its contact person."""
    if emails_in(text):
        return False
    return org_by_number(f, text, UH_KINDS) is not None or bool(f.ctx.orgs_in(text, UH_KINDS))


def contact_of_role(f: State, pair: Pair, role: str) -> bool:
    """'- Eigar: Randi Hjelset Aarø, rådgjevar skule, randi@…' under 'Kontaktpersonar'."""
    text, j = first_value(f, pair)
    p = person(entry_text(f, pair, text))
    if p.name is None:
        return False
    add_contact(f, Contact(p.name, role, p.function, p.email, p.phone), j)  # type: ignore[arg-type]
    return True


def entry_text(f: State, pair: Pair, text: str) -> str:
    """'Bodø kommune: Ingvild …, rådgiver' over 'spesialpedagogikk, ingvild@…': a person's
    entry that wraps onto the lines under its label, as one text."""
    below = [f.doc.plain(k) for k in pair.more]
    wraps = below and (text.endswith(",") or below[0][:1].islower() or _mailless(text, below))
    return " ".join([text, *below]) if pair.value and wraps else text


def _mailless(text: str, below: list[str]) -> bool:
    """'SePU: Ragnhild Tøsdal' over 'Øverli, prosjektleder, ragnhild@…': a name whose
    address is on the lines under it only."""
    return not emails_in(text) and len(emails_in(" ".join(below))) == 1


def _amounts(text: str) -> bool:
    from kompetansekart.ingest.money import amounts_in

    return bool(amounts_in(text))


UNIT_HANDLERS = {f"units.{k}": units(k) for k in UNIT_KEYS}
