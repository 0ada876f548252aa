"""Measure fields: name, purpose, terms, target groups, descriptions, and the lists that
name measures ('Tiltak fra 2024 som videreføres', progress notes)."""

from __future__ import annotations

import re

from kompetansekart.ingest.checkboxes import BOX
from kompetansekart.ingest.fill.header import choice_pick, first_value, value_text
from kompetansekart.ingest.fill.institutions import institutions_in
from kompetansekart.ingest.fill.state import Scope, Slot, State, norm_name, numbered, targets
from kompetansekart.ingest.fill.values import is_placeholder, option_set, terms_found
from kompetansekart.ingest.form.model import Pair
from kompetansekart.ingest.terms import term_sort_key

_REF = re.compile(
    r"^(?:tiltak|tiltaket)\s*(?:nr\.?\s*)?(\d{1,2}(?:\s*(?:og|,|&|/)\s*\d{1,2})*)\s*[:.\-–;)]\s*(.*)$",
    re.IGNORECASE,
)


def measure_ref(text: str) -> tuple[list[int], str] | None:
    """'Tiltak 2 og 3: Prosessveiledning …' -> ([2, 3], 'Prosessveiledning …')."""
    m = _REF.match(text.strip())
    if m is None:
        return None
    return [int(n) for n in re.findall(r"\d+", m.group(1))], m.group(2).strip()


_A_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def measure_name(f: State, pair: Pair, scope: Scope) -> bool:
    text, j = first_value(f, pair)
    if not text or is_placeholder(text):
        return False
    name = " ".join([text, *_wrapped(f, pair, j)]).replace("**", "").strip()
    if pair.style == "prefix" and _A_YEAR.search(name) and f.ctx.schemes.ids_in(name):
        return False  # 'Tiltak – Kompetanseløftet 2026, Tromsø kommune': a sheet's title
    if scope.kind == "measure" and scope.slot is not None:
        slot = scope.slot
        # a name field under the measure's heading names it ('<summary>Tiltak 3 – Ledelse:
        # veiledning</summary>' over '**Tiltaksnavn:** Ledelse – veiledning'): the field's
        # wording is the measure's name, and no second measure starts
        heading = slot.named_by == "heading" and slot.section is pair.section
        if norm_name(slot.measure.name or "") == norm_name(name):
            slot.evidence.setdefault("name", j)  # the name its overview gave it, again
            return True
        if not slot.measure.name or slot.named_by in ("", "position", "title") or heading:
            slot.measure.name = name
            slot.named_by = "field"
            slot.evidence["name"] = j
            return True
    if scope.kind == "report" and f.focus is not None and not f.slots:
        f.focus.measure.name = name
        f.focus.named_by = "field"
        f.focus.evidence["name"] = j
        return True
    # 'Navn på tiltak:' with no heading of its own starts the next measure
    number = pair.meaning.number if pair.meaning and "tiltak" in pair.label.lower() else None
    numbered = f.measure(number, name) if number is not None else None
    if numbered is not None:
        slot = numbered
    else:
        slot = Slot(_new_measure(name), pair.section)
        slot.measure.number = len(f.slots) + 1
        slot.named_by = "position-number"
        f.slots.append(slot)
        f.diag(
            "info",
            "measure-numbered-by-position",
            f"measure '{name}' has no number; numbered {slot.measure.number} by its place",
            "measures",
            j,
        )
    slot.named_by = slot.named_by if slot.named_by == "position-number" else "field"
    slot.evidence["name"] = j
    if number is None:  # a label that names its measure addresses only that one
        f.current = slot
        f.current_section = pair.section
    return True


def _wrapped(f: State, pair: Pair, j: int) -> list[str]:
    """'1.1 Namn på tiltaket:   Barnehagen som … – leiing og' over a line indented to the
    value's column ('   profesjonsfellesskap'): a name typed in a fixed-width form wraps
    under itself, and what is under it is the rest of the name."""
    cells = f.doc.aligned[j] if j == pair.i and pair.value else None
    if cells is None or len(cells) != 2:
        return []
    column = f.doc.indent[j] + len(cells[0]) + 2  # the value starts no further left
    out: list[str] = []
    for k in pair.more:
        if k != j + 1 + len(out) or f.doc.gap(k) or f.doc.indent[k] < column:
            break
        text = f.doc.plain(k).strip()
        if not text or is_placeholder(text):
            break
        out.append(text)
    return out


def measure_number(f: State, pair: Pair, scope: Scope) -> bool:
    """'Tiltak nr. ......... 2' outside a table: the next fields are that measure's."""
    text, j = first_value(f, pair)
    m = re.fullmatch(r"\s*(\d{1,2})\.?\s*", text)
    if m is None:
        return False
    slot = f.measure(int(m.group(1)))
    slot.note("number", j)
    f.current = slot
    f.current_section = pair.section
    return True


def _new_measure(name: str):
    from kompetansekart.ingest.records import Measure

    return Measure(name=name)


def purpose(f: State, pair: Pair, scope: Scope) -> bool:
    text = value_text(f, pair)
    if not text or is_placeholder(text):
        return False
    found = option_set("purpose").find(text)
    if not found:
        f.diag(
            "warning",
            "purpose-unknown",
            f"purpose '{text[:60]}' not recognised",
            "measures",
            pair.first_line(),
        )
        return True
    loose = scope.kind == "report" and f.current is None and not numbered(pair)
    if loose and not f.report.phases and not BOX.search(text):
        # '3. Midlane skal nyttast til planlegging og gjennomføring av tiltak.' in the
        # report's own part, no measure in sight: what the money is for is its phases
        phases = list(dict.fromkeys(_PHASE_OF[x.value] for x in found if x.value in _PHASE_OF))
        if phases:
            f.report.phases = phases
            f.evidence("phases", pair.first_line())
        return True
    picked = choice_pick(f, pair, found, False, "measures.purpose")
    if picked is None or not picked.values:
        return True
    for slot in targets(f, pair, scope):
        if slot.measure.purpose is None:
            slot.measure.purpose = picked.values[0]
            slot.note("purpose", pair.first_line())
    return True


_PHASE_OF = {"vurdering": "analyse", "planlegging": "planlegging", "gjennomforing": "gjennomforing"}


def terms(f: State, pair: Pair, scope: Scope) -> bool:
    raw = pair.raw_text(f.doc)
    found = terms_found(raw.replace("**", ""))
    if not found:
        return False
    slots = targets(f, pair, scope)
    fld = "measures.terms" if len(slots) != 1 or scope.kind == "continuation" else None
    picked = choice_pick(f, pair, found, True, fld or _field(f, slots[0], "terms"))
    if picked is None:
        return True
    chosen = sorted(set(picked.values), key=term_sort_key)
    for slot in slots:
        if chosen and not slot.measure.terms:
            slot.measure.terms = list(chosen)
            slot.note("terms", pair.first_line())
    return True


def _field(f: State, slot: Slot, sub: str) -> str:
    """A measure's diagnostic field; its index is set when the record is finished."""
    return f"measures[@{id(slot)}].{sub}"


def target_groups(f: State, pair: Pair, scope: Scope) -> bool:
    text = value_text(f, pair)
    if not text or is_placeholder(text):
        return True
    if BOX.search(text):
        # '☒ Styrarar; ☐ PPT / andre; …': the groups ticked, and what is written after
        ticked = _TICKED_PART.findall(text)
        f.marks[pair.first_line()] += len(ticked)
        text = " ; ".join([*ticked, _BOX_PART.sub("", text)])
    found = f.ctx.target_groups.ids_in(text)
    for slot in targets(f, pair, scope):
        m = slot.measure
        new = [g for g in found if g not in m.target_groups]
        m.target_groups = [*m.target_groups, *new]
        if found:
            slot.note("target_groups", pair.first_line())
    if not found:
        f.diag(
            "info",
            "target-group-unmapped",
            f"target group '{text[:80]}' matches no concept",
            "measures.target_groups",
            pair.first_line(),
        )
    return True


# a ticked option in a list of boxes, and any boxed option (ticked or not), up to the next
_TICKED_PART = re.compile(r"[☒☑✓✔■]\s*([^☒☑✓✔■☐□✖;]+)")
_BOX_PART = re.compile(r"[☒☑✓✔■☐□✖]\s*[^☒☑✓✔■☐□✖;]*;?")


def description(f: State, pair: Pair, scope: Scope) -> bool:
    f.pair_amounts(pair)
    text = value_text(f, pair)
    if not text or is_placeholder(text):
        return True
    if scope.kind in ("measure", "report", "continuation"):
        found = f.ctx.themes.ids_in(text)
        # what a measure is about is what the report needs (the form's background
        # text), unless the report answers a needs question of its own (finish())
        f.background += [(t, pair.first_line()) for t in found]
        continued = _CONTINUED.search(text)
        for slot in targets(f, pair, scope):
            m = slot.measure
            m.themes = [*m.themes, *(t for t in found if t not in m.themes)]
            if continued and m.continued is None:
                m.continued = True
                slot.note("continued", _line_of(f, pair, continued.group()))
    f.report.institutions.extend(institutions_in(f.ctx, text, pair.first_line(), known_only=True))
    return True


# 'Dette tiltaket er en videreføring av tiltak …': the measure continues an earlier one
_NEW = re.compile(r"^\W*(?:dette\s+er\s+)?(?:eit|et|ett)?\s*nytt\s+tiltak\b", re.I)


def new_measures(f: State) -> None:
    """'Nytt tiltak i 2025' on a line of its own in a measure: not continued."""
    for section in f.form.sections:
        slot = f.by_section.get(id(section)) if section.kind == "measure" else None
        if slot is None or slot.measure.continued is not None:
            continue
        for j in range(section.start + 1, section.end):
            if _NEW.match(f.doc.plain(j)):
                slot.measure.continued = False
                slot.note("continued", j)
                break


_CONTINUED = re.compile(
    r"\b(?:videreføring|vidareføring)\s+av\s+(?:tiltak|eit\s+tiltak|et\s+tiltak)", re.I
)


def _line_of(f: State, pair: Pair, words: str) -> int:
    for j in pair.value_lines():
        if words in f.doc.plain(j):
            return j
    return pair.first_line()


def remark(f: State, pair: Pair, scope: Scope) -> bool:
    """Text about a measure that is not what it is about (how the money is used, why a
    coordinator, how the UH gains): the schools it names count, its themes do not."""
    f.pair_amounts(pair)
    text = value_text(f, pair)
    if text and not is_placeholder(text):
        f.report.institutions.extend(
            institutions_in(f.ctx, text, pair.first_line(), known_only=True)
        )
    return True


def coordinator_needed(f: State, pair: Pair, scope: Scope) -> bool:
    from kompetansekart.ingest.fill.header import yes_no_field

    return yes_no_field(f, pair, "measures.coordinator") != "skip"


def continued_measures(f: State, pair: Pair, scope: Scope) -> bool:
    """'Tiltak fra 2024 som videreføres': each 'Tiltak N: name' line is a measure
    carried over; a filled-in list answers the continuation question too."""
    year = pair.meaning.year if pair.meaning else None
    r = f.report
    found = 0
    for j in pair.more:
        ref = measure_ref(f.doc.plain(j))
        if ref is None:
            continue
        numbers, name = ref
        for n in numbers:
            slot = f.measure(n, name or None)
            slot.measure.continued = True
            slot.named_by = slot.named_by or "field"
            slot.evidence.setdefault("name", j)
            slot.section = pair.section
            found += 1
    if not found:
        return True
    if year and r.continues_year is None:
        r.continues_year = year
        f.evidence("continues_year", pair.i)
    if r.continuation is None:
        r.continuation = True
        f.evidence("continuation", pair.i)
        f.diag(
            "info",
            "continuation-inferred",
            f"the section for measures continued from {year or 'an earlier year'} is filled in",
            "continuation",
            pair.i,
        )
    heading = pair.section.within("continuation") if pair.section else None
    if heading is not None:
        schemes = [s for s in f.ctx.schemes.ids_in(heading.title) if s != "kollektiv"]
        if len(schemes) == 1:
            for slot in f.slots:
                if slot.measure.continued and slot.measure.scheme is None:
                    slot.measure.scheme = schemes[0]
            f.evidence("measures.scheme", heading.start)
    return True


def progress(f: State, pair: Pair, scope: Scope) -> bool:
    """Progress notes per measure: their themes, target groups and the schools they name."""
    starts = [(j, measure_ref(f.doc.plain(j))) for j in pair.more]
    heads = [(j, ref[0]) for j, ref in starts if ref is not None]
    lines = pair.more
    for k, (j, numbers) in enumerate(heads):
        stop = heads[k + 1][0] if k + 1 < len(heads) else None
        block = [x for x in lines if x >= j and (stop is None or x < stop)]
        text = "\n".join(f.doc.plain(x) for x in block)
        themes = f.ctx.themes.ids_in(text)
        groups = f.ctx.target_groups.ids_in(text)
        for n in numbers:
            slot = f.measure(n, create=False)
            if slot is None:
                continue
            m = slot.measure
            m.themes = [*m.themes, *(t for t in themes if t not in m.themes)]
            m.target_groups = [*m.target_groups, *(g for g in groups if g not in m.target_groups)]
        for inst in institutions_in(f.ctx, text, j):
            inst.measures = numbers
            f.report.institutions.append(inst)
    return True
