"""The web-form export: 'key: value' lines with terse field names.

It is the 2026 form filled in on the web: the free-text answers are all called 'skriv
her'/'skrivher' and are told apart only by their position (the first before 'Fase' is the
needs assessment; after 'Fase' come plan, owner's contribution, evaluation and target
group; after 'budsjett' the economy). A value runs until the next known key, so lines
such as 'Sum UH: kr. 150 000,-' inside an answer stay part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kompetansekart.ingest.amounts import find_amounts, parse_amount
from kompetansekart.ingest.context import OWNER_KINDS, UH_KINDS, Context
from kompetansekart.ingest.layouts.prose import institutions_in
from kompetansekart.ingest.records import BudgetRow, Contact, Measure, Partner
from kompetansekart.ingest.terms import find_terms, term_sort_key

KEYS = {
    "epost",
    "e-post",
    "gjelder",
    "eierkontakt",
    "kompetansekontakt",
    "partnerskapeiere",
    "flereeiere",
    "flerekompetansemiljø",
    "viderføre",
    "videreføre",
    "kommentar",
    "skrivher",
    "fase",
    "budsjett",
    "budsjettfil",
    "varighet",
    "koordinator",
    "begrunnelse",
    "sammenheng",
    "samisk",
    "medbestemmelse",
    "offbhg",
    "privatebhg",
    "offskoler",
    "privateskoler",
    "ppt",
    "listedeltakere",
}
_KEY = re.compile(r"^([A-Za-zæøåÆØÅ -]{2,30}?)\s*:\s*(.*)$")
_YES = {"ja": True, "nei": False}
SECTORS = {
    "barnehage": "barnehage",
    "grunnskole": "grunnskole",
    "begge": "begge",
    "begge deler": "begge",
    "videregående": "videregaende",
}
PHASES = {
    "analyse": "analyse",
    "vurdering": "analyse",
    "planlegging": "planlegging",
    "gjennomføring": "gjennomforing",
}
UNITS = {
    "offbhg": "kommunale_barnehager",
    "privatebhg": "private_barnehager",
    "offskoler": "offentlige_skoler",
    "privateskoler": "private_skoler",
    "ppt": "ppt",
}
YES_NO_UNKNOWN = {
    "ja": "ja",
    "nei": "nei",
    "vet ikke": "vet_ikke",
    "vurdert ikke relevant": "ikke_relevant",
    "ikke relevant": "ikke_relevant",
}


@dataclass
class Field:
    key: str
    value: str
    line: int  # document index of the key line
    extra: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join([self.value, *self.extra]).strip()


def key_of(text: str) -> tuple[str, str] | None:
    match = _KEY.match(text)
    if not match:
        return None
    key = re.sub(r"[\s-]", "", match.group(1).lower())
    return (key, match.group(2).strip()) if key in KEYS else None


def fields(ctx: Context) -> list[Field]:
    out: list[Field] = []
    for i in range(len(ctx.doc)):
        kv = key_of(ctx.doc.plain(i))
        if kv:
            out.append(Field(kv[0], kv[1], i))
        elif out:
            out[-1].extra.append(ctx.doc.plain(i))
    return out


def parse(ctx: Context) -> None:
    found = fields(ctx)
    by_key = {f.key: f for f in reversed(found)}  # first occurrence wins
    _owner_and_uh(ctx, by_key)
    _simple(ctx, by_key)
    answers = _answers(found)
    if "needs" in answers:
        f = answers["needs"]
        ctx.report.needs = ctx.themes.ids_in(f.text)
        ctx.evidence("needs", f.line)
    _measure(ctx, by_key, answers)
    _year(ctx)
    body = ctx.doc.block(0, len(ctx.doc))
    ctx.report.institutions.extend(institutions_in(ctx, body, None, known_only=True))


def _owner_and_uh(ctx: Context, by_key: dict[str, Field]) -> None:
    """'eierkontakt: <org>, <person>, <function>' and the same for the UH."""
    for key, role, kinds in (
        ("eierkontakt", "eier", OWNER_KINDS),
        ("kompetansekontakt", "uh", UH_KINDS),
    ):
        f = by_key.get(key)
        if f is None:
            ctx.diag("warning", "field-missing", f"no '{key}' field", role, None)
            continue
        parts = [p.strip() for p in f.text.replace("\n", " ").split(",") if p.strip()]
        org = ctx.org(parts[0], kinds, "owner" if role == "eier" else "uh", f.line)
        if role == "eier":
            ctx.report.owner = org
            ctx.evidence("owner", f.line)
        else:
            ctx.report.uh = [org]
            ctx.evidence("uh", f.line)
        person = parts[1] if len(parts) > 1 else None
        ctx.report.partners.append(Partner(org, role, person))
        if person:
            email = by_key.get("epost") or by_key.get("e-post")
            ctx.report.contacts.append(
                Contact(
                    person,
                    role,
                    parts[2] if len(parts) > 2 else None,
                    email.value or None if email and role == "eier" else None,
                    None,
                )
            )
    ctx.evidence("partners", by_key["eierkontakt"].line if "eierkontakt" in by_key else None)


def _simple(ctx: Context, by_key: dict[str, Field]) -> None:
    r = ctx.report
    if f := by_key.get("gjelder"):
        r.sector = SECTORS.get(f.value.lower().strip(" ."))
        _noted(ctx, "sector", f, r.sector)
    if f := by_key.get("viderføre") or by_key.get("videreføre"):
        r.continuation = _YES.get(f.value.lower().strip(" ."))
        _noted(ctx, "continuation", f, r.continuation)
    if f := by_key.get("fase"):
        # "Analyse/vurdering av behov" names one phase with two of its words: once each.
        found = (p for word, p in PHASES.items() if word in f.value.lower())
        r.phases = list(dict.fromkeys(found))
        _noted(ctx, "phases", f, r.phases or None)
    if f := by_key.get("sammenheng"):
        r.linked_to_further_education = YES_NO_UNKNOWN.get(f.value.lower().strip(" ."))
        _noted(ctx, "linked_to_further_education", f, r.linked_to_further_education)
    if f := by_key.get("samisk"):
        r.sami_perspective = YES_NO_UNKNOWN.get(f.value.lower().strip(" ."))
        _noted(ctx, "sami_perspective", f, r.sami_perspective)
    if f := by_key.get("medbestemmelse"):
        r.union_consultation.held = _YES.get(f.value.lower().strip(" ."))
        _noted(ctx, "union_consultation.held", f, r.union_consultation.held)
    for key, attr in UNITS.items():
        if (f := by_key.get(key)) and f.value.strip().isdigit():
            setattr(r.units, attr, int(f.value))
            ctx.evidence(f"units.{attr}", f.line)


def _noted(ctx: Context, name: str, f: Field, value: object) -> None:
    if value is None:
        if f.value:
            ctx.diag(
                "warning", "value-unknown", f"'{f.key}: {f.value}' not understood", name, f.line
            )
    else:
        ctx.evidence(name, f.line)


def _answers(found: list[Field]) -> dict[str, Field]:
    """Name the anonymous 'skriv her' answers by their position relative to Fase/budsjett."""
    out: dict[str, Field] = {}
    after_phase = ["plan", "contribution", "evaluation", "target_group"]
    seen_phase = seen_budget = False
    for f in found:
        if f.key == "fase":
            seen_phase = True
        elif f.key == "budsjett":
            seen_budget = True
        elif f.key == "skrivher":
            if seen_budget:
                out.setdefault("economy", f)
            elif seen_phase and after_phase:
                out[after_phase.pop(0)] = f
            elif not seen_phase:
                out.setdefault("needs", f)
    return out


_SUM_OWNER = re.compile(r"^sum\s+(skoleeier|eier|barnehageeier)\s*:", re.IGNORECASE | re.M)
_SUM_UH = re.compile(r"^sum\s+uh\s*:", re.IGNORECASE | re.MULTILINE)
_SUM_ALL = re.compile(r"^(samlet|totalt|sum totalt)\s*:", re.IGNORECASE | re.MULTILINE)


def _measure(ctx: Context, by_key: dict[str, Field], answers: dict[str, Field]) -> None:
    """The web form describes one partnership measure; it has no name field, so the
    measure is named after the report's title."""
    economy = answers.get("economy")
    if economy is None:
        return
    text = economy.text
    owner, uh, total = (_amount_after(rx, text) for rx in (_SUM_OWNER, _SUM_UH, _SUM_ALL))
    title = ctx.doc.plain(0) if len(ctx.doc) else "Tiltak"
    name = re.sub(r"^behovsmelding\s*[-–:]?\s*", "", title, flags=re.IGNORECASE) or title
    ctx.diag(
        "info",
        "measure-unnamed",
        f"the web form has no measure name; named after the title '{name}'",
        "measures[0].name",
        0,
    )
    measure = Measure(
        name=name,
        owner_amount=owner,
        uh_amount=uh,
        total_stated=total,
        uh=ctx.report.uh[0] if ctx.report.uh else None,
        line=ctx.doc.no(economy.line),
    )
    ctx.evidence("measures[0].owner_amount", economy.line)
    plan = "\n".join(answers[k].text for k in ("plan",) if k in answers)
    measure.themes = ctx.themes.ids_in(f"{plan}\n{text}")
    if tg := answers.get("target_group"):
        measure.target_groups = ctx.target_groups.ids_in(tg.text)
        ctx.evidence("measures[0].target_groups", tg.line)
    if f := by_key.get("varighet"):
        measure.terms = sorted({t for _, t, *_ in find_terms(f.value)}, key=term_sort_key)
        ctx.evidence("measures[0].terms", f.line)
    if f := by_key.get("koordinator"):
        measure.coordinator_amount = parse_amount(f.value)
        ctx.evidence("measures[0].coordinator_amount", f.line)
    measure.continued = ctx.report.continuation
    ctx.report.measures.append(measure)
    if None not in (owner, uh, total):
        row = BudgetRow(None, owner, uh, total, label="Samlet", line=ctx.doc.no(economy.line))
        ctx.report.budget.append(row)
        ctx.evidence("budget[0]", economy.line)


def _amount_after(rx: re.Pattern[str], text: str) -> int | None:
    match = rx.search(text)
    if not match:
        return None
    amounts = find_amounts(text[match.end() :].split("\n", 1)[0])
    return amounts[0].value if amounts else None


_SCHOOL_YEAR = re.compile(r"skoleåret\s+(\d{4})\s*[-/–]\s*(\d{2,4})", re.IGNORECASE)


def _year(ctx: Context) -> None:
    """The web form asks no year. The first school year it plans for starts in the autumn
    of the year the money is asked for; that is inferred and said in a diagnostic."""
    i = ctx.doc.find(_SCHOOL_YEAR)
    if i is None:
        ctx.diag("warning", "year-missing", "the web form states no year", "year")
        return
    ctx.report.year = int(_SCHOOL_YEAR.search(ctx.doc.plain(i)).group(1))
    ctx.evidence("year", i)
    ctx.diag(
        "info",
        "year-inferred",
        f"year {ctx.report.year} inferred from the school year it plans for",
        "year",
        i,
    )
