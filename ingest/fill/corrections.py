"""A correction the report states in words to the figures of its own form.

A report is often sent again as a reply on top of the form it corrects: "i skjemaet under
står UH-beløpet for tiltak 2 som 180 000, riktig er 200 000 kr. Sum for tiltak 2 blir da
290 000 kr (ikke 270 000), samlet UH-beløp blir 560 000 kr". The form below still holds the
old figures; the adviser's figure is the corrected one. A correction is applied only where
it is unambiguous: its sentence says it corrects (a marker word, or an old figure after
'ikke'/'som'/'fra'), it names one field (a measure's number and a role, or the budget's
role), and that field holds the old figure it names (or, with no old figure named, the
sentence corrects another figure too). The field keeps its form line as evidence, and an
info diagnostic on the correction's line names the old and the new figure. A correction
whose old figure is not the field's is a warning, and nothing changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kompetansekart.ingest.amounts import format_nok
from kompetansekart.ingest.fill.sentences import sentences
from kompetansekart.ingest.fill.state import State
from kompetansekart.ingest.money import CHANGED_TO, CORRECTS, amounts_in, roles_in
from kompetansekart.ingest.records import BudgetRow, Measure

# the clauses of a correction: commas, 'og', semicolons (not inside a figure)
_CLAUSES = re.compile(r"(?<!\d),\s+|;\s*|\s+og\s+|\s+/\s+(?=\D)")  # "eier 370 000 / UH 590 000"
_OLD_BEFORE = re.compile(r"\b(?:som|fra|frå)\s*$", re.I)
_OLD_AFTER = re.compile(r"\(?\s*\b(?:ikke|ikkje)\s*$", re.I)  # '290 000 kr (ikke 270 000)'
_MEASURE = re.compile(r"\btiltak\s+(?:nr\.?\s*)?(\d{1,2})\b", re.I)
_TOTAL = re.compile(r"\b(?:sum|summen|totalt?|samlet|samla|meldt\s+behov)\b", re.I)
_ATTRS = {"owner": "owner_amount", "uh": "uh_amount", "total": "total_stated"}


@dataclass
class _Fix:
    number: int | None  # the measure's, or None: the budget's
    attr: str
    new: int
    old: int | None
    line: int
    # 'og summen blir da 300 000': a sum named by no whole ('samlet', 'totalt', …), new only
    bare_sum: bool = False


def apply_corrections(f: State, lines: list[int]) -> None:
    whole = " ".join(f.doc.plain(j) for j in lines)
    if not CORRECTS.search(whole) and not CHANGED_TO.search(whole):
        return  # a sentence is a part of its lines' text: none corrects anything
    after = -2  # the last line of a sentence that changed a figure
    for s in sentences(f, lines):
        # '… er justert til 210 000 …. Samlet for Dekomp blir da: eier 370 000 / …': the
        # sentences right after a change, in its paragraph, give its consequences
        follows = s.lines[0] <= after + 1 and not f.doc.gap(s.lines[0]) and _BECOMES.search(s.text)
        changed = CHANGED_TO.search(s.text) is not None or bool(follows)  # 'justert til'
        if not changed and not CORRECTS.search(s.text):
            continue
        fixes = [fix for clause in _clauses(s.text) if (fix := _fix(clause, s.lines[0]))]
        if not changed and not any(fix.old is not None for fix in fixes):
            continue  # no clause names the figure it replaces: not a correction of ours
        if changed:
            after = s.lines[-1]
        number = None
        for fix in fixes:
            if fix.number is None and number is not None and fix.bare_sum:
                # 'UH-beløpet i tiltak 2 skal være 180 000, ikke 150 000, og summen blir da
                # 300 000': the sum of the measure the sentence is about
                fix = replace(fix, number=number)
            number = fix.number
            _apply(f, fix, s.lines)


_BECOMES = re.compile(r"\b(?:blir|blir\s+da|vert|vert\s+då)\b", re.I)


def _clauses(text: str) -> list[str]:
    """The sentence's clauses; a clause that opens with its figure or with 'riktig er'
    ('… som 180 000, riktig er 200 000') goes on with the one before it."""
    out: list[str] = []
    for part in _CLAUSES.split(text):
        goes_on = not _subject(part).strip() or _RIGHT.match(part) is not None
        if out and goes_on and amounts_in(part):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


_BARE_SUM = re.compile(r"\b(?:sum|summen|totalen)\b", re.I)
_WHOLE = re.compile(
    r"\b(?:samlet|samla|totalt|i\s+alt|alle|behov\w*|budsjett\w*|ordning\w*)\b", re.I
)
_RIGHT = re.compile(r"^\s*(?:riktig|rett|korrekt)\b", re.I)
_SUM_FIRST = re.compile(r"^\W*(?:sum|summen|totalt?)\b", re.I)


def _subject(clause: str) -> str:
    """The words before the clause's first figure: what it is about."""
    found = amounts_in(clause)
    return clause[: found[0].start] if found else clause


def _role(subject: str) -> str | None:
    """'UH-beløpet for tiltak 2' -> uh, 'Sum for tiltak 2' -> total, 'samlet UH-beløp' -> uh
    (the role named beside 'samlet'), 'totalt meldt behov' -> total."""
    roles = [r for r in roles_in(subject) if r in _ATTRS]
    if _TOTAL.search(subject) and "total" not in roles:
        roles.append("total")
    if len(roles) > 1 and "total" in roles:
        roles = ["total"] if _SUM_FIRST.match(subject) else [r for r in roles if r != "total"]
    return roles[0] if len(roles) == 1 else None


def _fix(clause: str, line: int) -> _Fix | None:
    found = [a for a in amounts_in(clause) if a.value >= 1000]
    if not found:
        return None
    subject = _subject(clause)
    role = _role(subject)
    if role is None:
        return None
    old = new = None
    for a in found:
        before = clause[: a.start]
        if (_OLD_BEFORE.search(before.rstrip()) and new is None) or _OLD_AFTER.search(before):
            old = a.value
        elif new is None:
            new = a.value
    if new is None or new == old:
        return None
    measure = _MEASURE.search(subject)
    number = int(measure.group(1)) if measure else None
    bare = role == "total" and old is None and bool(_BARE_SUM.search(subject))
    return _Fix(number, _ATTRS[role], new, old, line, bare and not _WHOLE.search(subject))


def _apply(f: State, fix: _Fix, lines: list[int]) -> None:
    r = f.report
    if fix.number is not None:
        targets: list[Measure | BudgetRow] = [m for m in r.measures if m.number == fix.number]
        what = f"measure {fix.number}"
    else:
        targets = list(r.budget) if len(r.budget) == 1 else []
        what = "the budget"
    if len(targets) != 1:
        return
    target = targets[0]
    current = getattr(target, fix.attr)
    if current == fix.new:
        f.use_in(lines, (fix.new,))  # the form holds the note's figure: it says it again
        return
    if fix.old is not None and current != fix.old:
        f.diag(
            "warning",
            "correction-mismatch",
            f"{what}: the correction replaces {format_nok(fix.old)} with {format_nok(fix.new)}, "
            f"but the form holds {format_nok(current)}; left as the form says",
            fix.attr,
            fix.line,
        )
        return
    if current is None:
        return
    f.use_in(lines, tuple(v for v in (fix.new, fix.old) if v is not None))
    setattr(target, fix.attr, fix.new)
    f.diag(
        "info",
        "corrected",
        f"{what}: {fix.attr.replace('_', ' ')} {format_nok(current)} corrected to "
        f"{format_nok(fix.new)} as the report's note says",
        fix.attr,
        fix.line,
    )
