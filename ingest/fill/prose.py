"""What the words settle when no field does: a letter's owner, UH, scheme, year and money.

Used only for fields still unknown after the form's fields are read, so a form's own
answer always wins over a mention in its text:

* the **owner** signs the letter ('Med vennlig hilsen … Skoledirektør Stiftelsen NTG') or
  is named in the title ('Behovsmelding dekomp <owner>'); its signatory is a contact;
* the **UH** is the university or college the text names (a unit before its university);
* the **scheme** and the **year** from the title or the budget heading ('Behovsmelding
  2025', 'Total sum det meldes behov for 2025', 'midlar for 2026');
* the **year** of a web form that asks none: the first school year it plans for starts in
  the autumn of the year asked for ('skoleåret 2026-2027' → 2026, flagged as inferred);
* **continuation** when the text says it wants to continue ('videreføre partnerskapet');
* **money** stated in sentences: see `kompetansekart.ingest.money.prose_money`.
"""

from __future__ import annotations

import re

from kompetansekart.ingest.context import OWNER_KINDS, UH_KINDS
from kompetansekart.ingest.fill.header import add_contact, network_text
from kompetansekart.ingest.fill.institutions import institutions_in
from kompetansekart.ingest.fill.state import State
from kompetansekart.ingest.fill.values import emails_in, person
from kompetansekart.ingest.money import prose_money
from kompetansekart.ingest.records import BudgetRow, Contact, Partner
from kompetansekart.ingest.resolve import guess_kind

_CLOSING = re.compile(
    r"^(?:med\s+)?(?:vennlig|venleg|beste|vennleg)\s+(?:hils|helsing)\w*|^hilsen\b", re.I
)
_CONTINUE = re.compile(
    r"\bvider\w*f\w*re\s+(?:partnerskapet|samarbeidet|tiltak)|"
    r"\bvidaref\w*re\s+(?:partnarskapet|samarbeidet|tiltak)",
    re.IGNORECASE,
)
_YEAR_FOR = re.compile(
    # not 'viderefører behovsmeldingen for 2026': the year of the report it goes on from
    r"(?<!viderefører )(?<!vidarefører )(?<!videreføring av )(?<!vidareføring av )"
    r"(?:behovsmelding(?:a|en)?|behov\s+for|midler\s+for|midlar\s+for|midlar\s+i|midler\s+i|"
    r"tilskudd\s+for|tilskot\s+for|budsjettår(?:et)?|budsjett(?:et)?|søknad(?:en)?|"
    r"for\s+året|i\s+året|meldes\s+for|meldast\s+for)"
    r"\s*(?:[-–:]\s*|for\s+|til\s+)?((?:19|20)\d{2})\b(?![-/–]\d)",
    re.IGNORECASE,
)
_SCHOOL_YEAR = re.compile(r"skoleåret\s+(\d{4})\s*[-/–]\s*(\d{2,4})", re.IGNORECASE)


def fallbacks(f: State) -> None:
    letter = not f.form.pairs()
    signature = _signature(f)
    if f.report.owner.id is None and "owner" not in f.report.evidence:
        _owner(f, signature)
    if not f.report.uh and "uh" not in f.report.evidence:
        _uh(f, letter)
    if not f.report.schemes and "schemes" not in f.report.evidence:
        _title_schemes(f)
    if f.report.network is None and "network" not in f.report.evidence:
        _title_network(f)
    if f.report.year is None:
        _year(f)
    if f.report.continuation is None:
        i = f.doc.find(_CONTINUE)
        if i is not None:
            f.report.continuation = True
            f.evidence("continuation", i)
    if letter:
        body = f.doc.block(0, len(f.doc))
        f.report.needs = [
            *f.report.needs,
            *(t for t in f.ctx.themes.ids_in(body) if t not in f.report.needs),
        ]
        title = f.form.title
        if title is not None:
            f.report.institutions.extend(institutions_in(f.ctx, f.doc.plain(title), title))


# a line that is a network's name and nothing else: 'Lister kompetansenettverk'
_NETWORK_LINE = re.compile(
    r"^(?:[A-ZÆØÅ][\wæøåÆØÅ-]*\s+){1,3}kompetansenettverk"
    r"|^(?:Kompetansenettverk|Barnehagenettverk|Skolenettverk|Skulenettverk)(?:et)?"
    r"(?:\s+[A-ZÆØÅ][\wæøåÆØÅ-]*){1,3}$"
)


def _title_network(f: State) -> None:
    """A document headed by a network's name (the minutes of its working group, a
    letter on its paper): that is the report's network, when no field names one."""
    for i in range(min(3, len(f.doc))):
        text = f.doc.plain(i).strip().lstrip("–—-•* ").strip()  # '– Barnehagenettverk Romsdal'
        if _NETWORK_LINE.fullmatch(text):
            network_text(f, text, i)
            return


def _signature(f: State) -> tuple[int, list[int]] | None:
    i = f.doc.find(_CLOSING)
    if i is None:
        return None
    return i, list(range(i + 1, min(i + 4, len(f.doc))))


def _owner(f: State, signature: tuple[int, list[int]] | None) -> None:
    if f.coordinating is not None:
        # 'Haugesund kommune (koordinerende eier)' in the list of parties, and no owner
        # field: the report's owner is the coordinating one
        f.report.owner, i = f.coordinating
        f.evidence("owner", i)
        return
    for i in f.doc.find_all(_COORDINATING):
        # 'Molde kommune (org.nr. …) – koordinerande kommune, på vegner av nettverket':
        # a network's report is the coordinating owner's
        found = [r for r in f.ctx.orgs_in(f.doc.plain(i), OWNER_KINDS) if r.kind != "skole"]
        if found and len(f.doc.plain(i).split()) <= 20:
            f.report.owner = found[0]
            f.evidence("owner", i)
            return
    candidates = list(signature[1]) if signature else []
    if f.form.title is not None:
        candidates.append(f.form.title)
    candidates += range(min(3, len(f.doc)))  # a letterhead
    # a letterhead, a title or a signature is a short line; a place named in a sentence
    # ('… med sju barnehager i Bærum') is not the owner
    candidates = [i for i in candidates if len(f.doc.plain(i).split()) <= 12]
    for i in candidates:
        found = [r for r in f.ctx.orgs_in(f.doc.plain(i), OWNER_KINDS) if r.kind != "skole"]
        if found:
            f.report.owner = found[0]
            f.evidence("owner", i)
            return
    for i in candidates:
        # 'Kløverenga Barnehager AS' in the letterhead or 'daglig leder, … AS' under the
        # signature: a body the gazetteer does not know, whose name shows it is an owner
        for part in reversed([p.strip(" .") for p in f.doc.plain(i).split(",")]):
            if len(part.split()) <= 6 and guess_kind(part) in _OWNER_FORMS:
                f.report.owner = f.ctx.org(part, OWNER_KINDS, "owner", i)
                f.evidence("owner", i)
                return
    f.diag("error", "owner-missing", "the report names no known owner", "owner", None)


_OWNER_FORMS = ("privat_eier", "stiftelse", "kommune", "fylkeskommune")
_COORDINATING = re.compile(r"\bkoordiner(?:ende|ande)\b", re.I)


def signatory(f: State) -> None:
    """The person under the closing ('Med vennlig hilsen', the owner's name, then 'Kari
    Nordmann', 'daglig leder', 'kari@example.org'): the owner's contact when the report
    names none (read after every field and sentence, so a named contact person wins),
    with the function and e-mail address of the lines under the name."""
    signature = _signature(f)
    if signature is None or any(c.role == "eier" for c in f.report.contacts):
        return
    block = _signature_block(f, signature[0])
    at = next((k for k, j in enumerate(block) if _signatory_name(f, f.doc.plain(j))), None)
    if at is None:
        return
    name_line = block[at]
    name = f.doc.plain(name_line).strip()
    rest = [f.doc.plain(j) for j in block[at + 1 :]]
    email = next((e for text in rest for e in emails_in(text)), None)
    phone = next((p for text in rest if (p := person(text).phone)), None)
    function = None
    if rest and not emails_in(rest[0]) and not any(ch.isdigit() for ch in rest[0]):
        words = rest[0].split()
        if f.ctx.orgs_in(rest[0], None) or len(words) > 6:
            function = words[0] if words else None  # 'Skoledirektør Stiftelsen NTG'
        else:
            function = rest[0].strip(" ,.")  # 'daglig leder'
    add_contact(f, Contact(name, "eier", function, email, phone), name_line)
    if not any(p.role == "eier" for p in f.report.partners):
        f.report.partners.insert(0, Partner(f.report.owner, "eier", name))


# what ends a signature: a copy to, an attachment list
_AFTER_SIGNATURE = re.compile(r"^\W*(?:kopi|gjenpart|vedlegg|ps\b)", re.I)


def _signature_block(f: State, closing: int) -> list[int]:
    """The lines of the signature under the closing: up to a copy list, an attachment
    list or the sixth line; blank lines skipped."""
    out = []
    for j in range(closing + 1, min(closing + 7, len(f.doc))):
        text = f.doc.plain(j).strip()
        if _AFTER_SIGNATURE.match(text):
            break
        if text:
            out.append(j)
    return out


def _signatory_name(f: State, text: str) -> bool:
    """A line that is a person's name and nothing else: two to four capitalised words,
    no organisation."""
    text = text.strip()
    if not 2 <= len(text.split()) <= 4 or person(text).name != text:
        return False
    return not f.ctx.orgs_in(text, None) and guess_kind(text) not in _OWNER_FORMS


def _uh(f: State, letter: bool) -> None:
    """The UH a text names, when no field gave one (a form's sentences may still name
    it: `finish` warns if nothing did)."""
    if not letter:
        return
    doc = f.doc
    body = doc.block(0, len(doc))
    uh = f.ctx.orgs_in(body, UH_KINDS)
    if not uh:
        f.diag("warning", "uh-missing", "the text names no known university/college", "uh", None)
        return
    distinct = uh[:1] + [u for u in uh[1:] if u.id != uh[0].id]
    f.report.uh = f.ctx.units_first(distinct)
    first = next((j for j in range(len(doc)) if f.ctx.orgs_in(doc.plain(j), UH_KINDS)), None)
    f.evidence("uh", first)
    for ref in f.report.uh:
        f.report.partners.append(Partner(ref, "uh", None))


def _wrapped_title(text: str) -> bool:
    """The second line of a title, not the paragraph under it: short, no sentence."""
    return len(text.split()) <= 12 and not re.search(r"[.!?]\s+\S|[.!?]$", text)


def _title_schemes(f: State) -> None:
    title = f.form.title
    if title is None:
        return
    text = f.doc.plain(title)
    after = title + 1
    if after < len(f.doc) and not f.doc.gap(after) and _wrapped_title(f.doc.plain(after)):
        text = f"{text} {f.doc.plain(after)}"  # a title wrapped onto a second line
    ids = f.ctx.schemes.ids_in(text)
    if "kollektiv" in ids:
        f.diag(
            "info",
            "merged-scheme",
            "form titled 'kollektiv kompetanseutvikling' (the merged scheme): it covers "
            "regional, desentralisert and kompetanseløftet and does not say which",
            "schemes",
            title,
        )
    ids = [s for s in ids if s != "kollektiv"]
    if ids:
        f.report.schemes = ids
        f.evidence("schemes", title)


def _year(f: State) -> None:
    for s in f.form.sections:
        if s.kind == "budget" and s.year:
            f.report.year = s.year
            f.evidence("year", s.start)
            return
    title = f.form.title
    order = ([title] if title is not None else []) + list(range(len(f.doc)))
    for i in order:
        m = _YEAR_FOR.search(f.doc.plain(i))
        if m:
            f.report.year = int(m.group(1))
            f.evidence("year", i)
            return
    at = f.doc.find(_SCHOOL_YEAR)
    school_year = _SCHOOL_YEAR.search(f.doc.plain(at)) if at is not None else None
    if at is not None and school_year is not None:
        f.report.year = int(school_year.group(1))
        f.evidence("year", at)
        f.diag(
            "info",
            "year-inferred",
            f"year {f.report.year} inferred from the school year it plans for",
            "year",
            at,
        )
        return
    years = sorted(set(re.findall(r"\b(20\d{2})\b", f.doc.block(0, len(f.doc)))))
    f.diag(
        "warning",
        "year-missing",
        "the report states no year for the funds"
        + (f" (years mentioned: {', '.join(years)})" if years else ""),
        "year",
        None,
    )


def prose_budget(f: State, lines: list[int]) -> None:
    """Budget figures stated in sentences, when the form holds none in fields."""
    if not lines:
        return
    text = "\n".join(f.doc.plain(j) for j in lines)
    uh_names = tuple(n for u in f.report.uh for n in (u.name, u.as_written) if n)
    found = prose_money(text, f.report.year, uh_names)
    if not found.figures and not found.aside:
        return
    for a in found.aside:
        f.aside(lines, [a.value], a.why)
    row = BudgetRow(None, None, None, None)
    for fig in found.figures:
        attr = {"owner": "owner_amount", "uh": "uh_amount", "total": "total_stated"}[fig.role]
        if getattr(row, attr) is None:
            setattr(row, attr, fig.value)
            f.use_in(lines, (fig.value,))
    if any(v is not None for v in (row.owner_amount, row.uh_amount, row.total_stated)):
        line = lines[0]
        f.report.budget.append(row)
        f.evidence(f"budget[{len(f.report.budget) - 1}]", line)
        f.diag(
            "info",
            "budget-from-prose",
            "the budget is read from sentences that tie each amount to a role",
            "budget",
            line,
        )
