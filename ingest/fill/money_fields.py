"""Amount fields: the owner's, the UH's and the total amount, and the coordinator's.

Where an amount goes depends on where it stands: in a measure's section it is that
measure's; in the summary part ('Samlet behov for 2026') or at report level it is the
summary row (unless the whole document is about one measure, an attachment); under a
listing label ('Ønsket sum eier' followed by 'Tiltak 1: 110 000,-') each line is one
measure's, and the list's 'Totalt' is checked against them. What a written value states
is decided by `kompetansekart.ingest.money.read_money`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kompetansekart.ingest.amounts import format_nok
from kompetansekart.ingest.context import UH_KINDS
from kompetansekart.ingest.fill.header import first_value, is_placeholder
from kompetansekart.ingest.fill.measures import measure_ref
from kompetansekart.ingest.fill.state import Scope, Slot, State, numbered, targets
from kompetansekart.ingest.form.model import Pair
from kompetansekart.ingest.money import (
    COORDINATOR,
    Money,
    amounts_in,
    read_money,
    role_amounts,
    sum_difference,
)
from kompetansekart.ingest.records import OrgRef, UhShare

ATTR = {
    "owner_amount": "owner_amount",
    "uh_amount": "uh_amount",
    "total_amount": "total_stated",
    "coordinator_amount": "coordinator_amount",
}


def amount(fld: str):
    attr = ATTR[fld]

    def handle(f: State, pair: Pair, scope: Scope) -> bool:
        if not pair.value and pair.more and _is_list(f, pair):
            return per_measure_list(f, pair, attr)
        text, j = first_value(f, pair)
        if not text:
            return fld == "coordinator_amount" and bool(pair.more or pair.value)
        if is_placeholder(text):
            return True
        if _CURRENCY_ONLY.fullmatch(text) and pair.more and pair.more[0] == j + 1:
            # 'UH-andel (…, inkl. reise): kr' over '130 000': a line wrapped in the middle
            # of its figure; the figure stands on the next line
            text, j = f"{text} {f.doc.plain(j + 1).strip()}", j + 1
        said = pair.meaning.year if pair.meaning is not None else None
        if said is not None and f.report.year is not None and said != f.report.year:
            # 'Eier 2025: 200 000' in a report for 2026: another year's figure
            f.aside([j], [a.value for a in amounts_in(text)], "other-year")
            return True
        if _by_role(f, pair, scope, text, j):
            return True
        money = _scaled(read_money(text), pair.scale)
        _parts_below(f, pair, scope, fld)
        f.text_amounts([k for k in pair.more if not _PART_LINE.match(f.doc.plain(k))])
        if not money.read and money.problem is None:
            if fld == "coordinator_amount" and text.strip() in ("0", "-", "–"):
                money = Money(0)
            elif money.aside:  # a text about the share, with a part of it: 'av dette …'
                f.aside_money([j], money)
                return True
            else:
                return False
        placed = place(f, pair, scope, attr, money, j, pair.note, pair.label)
        if attr == "owner_amount" and money.value is not None:
            _coordinator_part(f, pair, scope, text, money, j)
        return placed

    return handle


_CURRENCY_ONLY = re.compile(r"(?i:kr\.?|kroner|nok)")


def _scaled(money: Money, scale: int) -> Money:
    """The figure of a row under 'kNOK' in kroner; what the line shows (`read`, the
    figures set aside) stays as written, for the accounting."""
    if scale == 1 or money.value is None:
        return money
    shares = tuple((name, value * scale) for name, value in money.shares)
    return replace(money, value=money.value * scale, shares=shares)


def _coordinator_part(f: State, pair: Pair, scope: Scope, text: str, money: Money, j: int) -> None:
    """'Eigar: kr 180 000 (av dette koordinator: kr 30 000)': the owner's share, and the
    part of it that goes to the coordinator."""
    parts = [a.value for a in money.aside if a.why == "part"]
    if len(parts) != 1 or not COORDINATOR.search(text):
        return
    place(f, pair, scope, "coordinator_amount", Money(parts[0], read=(parts[0],)), j, None)


def _by_role(f: State, pair: Pair, scope: Scope, text: str, j: int) -> bool:
    """'Kostnad: eigar kr 120 000 og HVL kr 200 000, til saman kr 320 000' in a measure:
    each figure is the measure's by the role or name beside it."""
    if scope.kind != "measure" and not numbered(pair):
        return False
    if len(amounts_in(text)) < 2:
        return False
    from kompetansekart.ingest.fill.sentences import measure_figure, owner_names, uh_names

    named = tuple(ref.as_written for ref in f.ctx.orgs_in(text, UH_KINDS) if ref.as_written)
    if set(pair.fields) & _ROLE_FIELDS:
        # 'Eier: kr 120 000 / UH: kr 180 000': the label is the first figure's role
        text = f"{pair.label}: {text}"
    found = role_amounts(text, (*uh_names(f), *named), owner_names(f))
    if found is None or len(found[0]) < 2:
        return False
    roles, parts = found
    for slot in targets(f, pair, scope):
        for role, value in roles:
            measure_figure(f, slot, role, value, [j])
    f.aside([j], parts, "part")
    return True


_ROLE_FIELDS = frozenset({"owner_amount", "uh_amount"})
_PART_LINE = re.compile(
    r"^[-–•*\s]*(?:av dette|av desse|herav|hvorav|derav|inkludert|inkl\.?)\b", re.I
)


def _parts_below(f: State, pair: Pair, scope: Scope, fld: str) -> None:
    """'- av dette reise og opphald for HVO: kr 60 000' under an amount: a part of it.
    A part that goes to the coordinator ('herav kr 25 000 til lokal koordinator') is
    the coordinator's amount (a different one stated before is warned of as a conflict)."""
    for j in pair.more:
        text = f.doc.plain(j)
        if not _PART_LINE.match(text):
            continue
        money = read_money(text)
        values = list(money.read) or [a.value for a in money.aside]
        if fld != "coordinator_amount" and len(values) == 1 and COORDINATOR.search(text):
            share = Money(values[0], read=(values[0],))
            place(f, pair, scope, "coordinator_amount", share, j, None)
        else:
            f.aside([j], values, "part")


def place(
    f: State,
    pair: Pair | None,
    scope: Scope,
    attr: str,
    money: Money,
    j: int,
    who: str | None,
    label: str | None = None,
) -> bool:
    """Put one figure where its scope says, with evidence, accounting and warnings."""
    f.use_in([j], money.read)
    f.aside_money([j], money)
    if money.value is None:
        if money.problem:
            f.diag(
                "warning",
                "amount-unclear",
                f"{_what(attr)}: '{f.doc.plain(j)[:80]}' is {_an(money.problem)} "
                "figure, not one amount; left unknown",
                "budget" if scope.kind in ("budget", "report") else "measures",
                j,
            )
        return True
    uh = _uh_of(f, who, pair) if attr == "uh_amount" else None
    if pair is not None and numbered(pair):  # 'tiltak[1].belop_uh', 'Sum tiltak 2'
        for slot in targets(f, pair, scope):
            _set_measure(f, slot, attr, money, j, uh)
        return True
    if scope.kind == "measure" and scope.slot is f.current and _stated(scope.slot, attr, uh):
        scope = Scope("report", None, scope.section, scope.economy)  # past that measure
        f.current = None
    if scope.kind == "measure" or (
        scope.kind == "report" and f.focus is not None and scope.economy
    ):
        slots = targets(f, pair, scope) if pair is not None else [f.measure_slot(scope)]
        for slot in slots:
            _set_measure(f, slot, attr, money, j, uh)
        return True
    if scope.kind == "report" and f.focus is not None:
        _set_measure(f, f.focus, attr, money, j, uh)
        return True
    if attr == "coordinator_amount":
        slot = f.measure_slot(scope)
        _set_measure(f, slot, attr, money, j, uh)
        return True
    part = scope.section.within("budget_part") if scope.section is not None else None
    name = (
        part.name
        if part is not None
        else _scheme_in_label(f, label or (pair.label if pair else None))
    )
    summary = f.summary_row(name)
    row = summary.row
    if (
        attr == "uh_amount"
        and getattr(row, attr) is not None
        and uh is not None
        and not any(s.uh.name == uh.name for s in row.uh_breakdown)
    ):
        row.uh_amount = (row.uh_amount or 0) + money.value
        row.uh_breakdown.append(UhShare(uh, money.value))
        return True
    if summary.put(attr, money.value, j):
        if attr == "uh_amount":
            row.uh_breakdown = _shares(f, money, uh, j)
        if attr == "total_stated" and label:
            row.label = label
    return True


def _stated(slot: Slot | None, attr: str, uh: OrgRef | None) -> bool:
    """Has the measure this figure would go to stated it already ('Sum eier' after a
    sequence of measures is the summary, not the last measure's second owner amount)?"""
    if slot is None or getattr(slot.measure, attr) is None:
        return False
    return not (attr == "uh_amount" and uh is not None and slot.measure.uh != uh)


def uh_breakdown(f: State, pair: Pair, scope: Scope) -> bool:
    """'UH fordelt: UiT NOK 690 000, Sámi allaskuvla NOK 120 000': the split of the UH
    amount of the summary (or of the measure it stands in)."""
    from kompetansekart.ingest.money import amounts_in

    text, j = first_value(f, pair)
    shares: list[UhShare] = []
    used: list[int] = []
    cursor = 0
    for a in amounts_in(text):
        found = f.ctx.units_first(f.ctx.orgs_in(text[cursor : a.start], UH_KINDS))
        if found:
            shares.append(UhShare(found[-1], a.value))
            used.append(a.value)
        cursor = a.end
    if not shares:
        return False
    f.use_in([j], tuple(used))
    total = sum(used)
    rows = [*f.report.budget, *([f.summary.row] if f.summary else [])]
    for row in rows:
        if row.uh_amount == total and not row.uh_breakdown:
            row.uh_breakdown = shares
            return True
    f.diag(
        "warning",
        "uh-breakdown",
        f"the UH shares ({format_nok(total)}) match no UH amount of the budget",
        "budget",
        j,
    )
    return True


def set_aside(why: str):
    """A figure the vocabulary knows is not a budget figure (last year's grant, the
    owner's own contribution): its amounts are named as such, never counted."""

    def handle(f: State, pair: Pair, scope: Scope) -> bool:
        for j in pair.value_lines():
            money = read_money(f.doc.plain(j) if j != pair.i else pair.value)
            f.aside([j], list(money.read) + [a.value for a in money.aside], why)
        # 'I fjor fikk vi tildelt kr 690 000 til Rekomp: eier 290.000,- …': the label's own
        # figure is the same kind of figure
        f.aside([pair.i], [a.value for a in amounts_in(pair.label)], why)
        return True

    return handle


def scheme_line(f: State, pair: Pair, text: str, j: int) -> bool:
    """'Kompetanseløftet: eier 340 000 kr, UH 530 000 kr (sum 870 000 kr)': a label that is
    only a scheme's name, and a value whose every figure has its role, is that scheme's
    row of the budget."""
    name = _scheme_in_label(f, pair.label)
    bare = re.sub(r"\([^()]*\)", "", pair.label.replace("**", "")).strip(" -–:").casefold()
    if name:  # 'Budsjett totalt Rekomp 2026': the scheme's name among the budget's words
        bare = " ".join(_BUDGET_WORDS.sub(" ", bare.replace(name.casefold(), " ")).split())
    found = role_amounts(text) if name and not bare else None
    if name is None or found is None or len(found[0]) < 2:
        return False
    from kompetansekart.ingest.fill.sentences import ROLE_ATTRS

    roles, parts = found
    summary = f.summary_row(name)
    for role, value in roles:
        if summary.put(ROLE_ATTRS[role], value, j):
            f.use_in([j], (value,))
    f.aside([j], parts)
    return True


_BUDGET_WORDS = re.compile(
    r"\b(?:budsjett(?:et)?|totalt|samlet|samla|sum|i alt|for|(?:19|20)\d{2})\b|[-–:]"
)


def _scheme_in_label(f: State, label: str | None) -> str | None:
    """'Desentralisert ordning – skoleeier', 'Samlet beløp eier – desentralisert ordning':
    a summary figure whose label names its scheme belongs to that scheme's row."""
    if not label:
        return None
    found = [h for h in f.ctx.schemes.find(label) if h.concept != "kollektiv"]
    if len({h.concept for h in found}) != 1:
        return None
    return label[found[0].start : found[0].end]


def _set_measure(f: State, slot: Slot, attr: str, money: Money, j: int, uh: OrgRef | None) -> None:
    m = slot.measure
    second_uh = (
        attr == "uh_amount"
        and uh is not None
        and m.uh_amount is not None
        and m.uh is not None
        and uh.name != m.uh.name
    )
    if second_uh and money.value is not None:  # a second UH's share of the same measure
        m.uh_amount = (m.uh_amount or 0) + money.value
        slot.note("uh_amount", j)
        return
    if getattr(m, attr) is None:
        setattr(m, attr, money.value)
        slot.note(attr, j)
        if attr == "uh_amount" and uh is not None and m.uh is None:
            m.uh = uh
            slot.note("uh", j)
    elif getattr(m, attr) != money.value:
        f.diag(
            "warning",
            "measure-amount-conflict",
            f"{_what(attr)} {format_nok(money.value)} here, {format_nok(getattr(m, attr))} "
            f"stated before for measure '{m.name}'",
            f"measures[@{id(slot)}].{attr}",
            j,
        )


def _uh_of(f: State, who: str | None, pair: Pair | None) -> OrgRef | None:
    """The UH an amount's label names ('UH (SePU)', 'Høgskulen i Volda / HVO')."""
    for text in (who, pair.label if pair is not None else None):
        if not text:
            continue
        found = f.ctx.units_first(f.ctx.orgs_in(text, UH_KINDS))
        if found:
            return found[0]
    return None


def _shares(f: State, money: Money, uh: OrgRef | None, j: int) -> list[UhShare]:
    out = []
    for note, value in money.shares:
        ref = uh if note is None else _resolve_share(f, note, j)
        if ref is not None:
            out.append(UhShare(ref, value))
    if not out and uh is not None:
        out.append(UhShare(uh, money.value))
    return out


def _resolve_share(f: State, note: str, j: int) -> OrgRef:
    found = f.ctx.units_first(f.ctx.orgs_in(note, UH_KINDS))
    return found[0] if found else f.ctx.org(note, UH_KINDS, "budget", j)


def _an(problem: str) -> str:
    """'an approximate', 'a range': the problem's words with their article."""
    words = problem.replace("-", " ")
    return f"{'an' if words[:1] in 'aeiou' else 'a'} {words}"


def _what(attr: str) -> str:
    return {
        "owner_amount": "owner amount",
        "uh_amount": "UH amount",
        "total_stated": "total",
        "coordinator_amount": "coordinator amount",
    }[attr]


def _is_list(f: State, pair: Pair) -> bool:
    return any(measure_ref(f.doc.plain(j)) for j in pair.more[:3])


def per_measure_list(f: State, pair: Pair, attr: str) -> bool:
    """'Ønsket sum eier' / 'Tiltak 1: 110 000,-' / ... / 'Totalt: 150 000,-'."""
    values: list[int] = []
    for j in pair.more:
        text = f.doc.plain(j)
        ref = measure_ref(text)
        if ref is None:
            if text.lower().startswith(("totalt", "total", "sum", "samla", "samlet", "i alt")):
                money = read_money(text.split(":", 1)[-1])
                f.use_in([j], money.read)
                if money.value is not None and values and sum(values) != money.value:
                    f.diag(
                        "warning",
                        "measures-total",
                        f"the measures' {_what(attr)}s sum to {format_nok(sum(values))}, "
                        f"the list states {format_nok(money.value)}",
                        "measures",
                        j,
                    )
            continue
        numbers, rest = ref
        money = read_money(rest)
        if money.value is None and not money.read:
            continue
        f.use_in([j], money.read)
        f.aside_money([j], money)
        for n in numbers:
            slot = f.measure(n, create=False)
            if slot is None or money.value is None:
                continue
            if getattr(slot.measure, attr) is None:
                setattr(slot.measure, attr, money.value)
                slot.note(attr, j)
        if money.value is not None:
            values.append(money.value)
    return True


def check_measure(f: State, slot: Slot) -> None:
    m = slot.measure
    diff = sum_difference(m.owner_amount, m.uh_amount, m.total_stated)
    if diff:
        f.diag(
            "warning",
            "measure-sum",
            f"owner {format_nok(m.owner_amount)} + UH {format_nok(m.uh_amount)} differs from "
            f"the stated {format_nok(m.total_stated)}",
            f"measures[@{id(slot)}].total_stated",
            slot.evidence.get("total_stated"),
        )
