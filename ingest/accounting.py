"""Nothing lost in silence: every amount and every marked choice is read or reported.

After the fill pass, each amount written in the document is either one a field read, one
a money rule set aside with its reason (a part of the amount before it, the owner's own
contribution, last year's grant, a range), or it gets an `unread-amount` warning on its
line; the set-aside ones are named too (`amount-not-budget`, info). Each checked mark (a
☒, [x], (x), ✓, or an X in a grid cell) that no choice used gets `unread-choice`. An
organisation number, a phone number or a date is not an amount (see
`kompetansekart.ingest.amounts`), so they need no accounting.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from kompetansekart.ingest.amounts import format_nok
from kompetansekart.ingest.checkboxes import count_boxes
from kompetansekart.ingest.document import plain
from kompetansekart.ingest.fill.state import State
from kompetansekart.ingest.money import REQUEST, find_ranges
from kompetansekart.ingest.money import amounts_in as find_amounts

_X_CELL = re.compile(r"^\s*(?:[xX✓✔]|\*\*[xX]\*\*)\s*$")
_WHY = {
    "part": "a part of the amount before it",
    "coordinator": "the coordinator's part of the owner's share",
    "outside": "in a part the document says is not part of the report",
    "change-log": "in the document's change log (its history, not the report)",
    "unit": "the unit the figures are given in",
    "correction": "a correction note's figure (the corrected report states the figures)",
    "own-contribution": "the owner's own contribution (egeninnsats)",
    "earlier-grant": "an earlier year's grant",
    "example": "an example in an instruction, not the report's figure",
    "other-year": "money for another year",
    "other-project": "another project's cost",
    "rejected": "a proposal voted down, no measure of the report",
    "draft": "a draft measure the report does not apply for",
    "withdrawn": "a measure withdrawn, a draft or one ended: not counted",
    "comments": "in the page's comments (a discussion, not the report)",
    "ended": "a measure that has ended (an earlier year's)",
    "member-part": "one member's part of a share the report states (a breakdown)",
    "range": "a range, not one amount",
    "approximate": "an approximate figure",
    "several": "one of several unlabelled figures",
    "restated": "a figure of the measure or the budget it names, said again",
    "rate": "a price per unit ('à kr 500'), not a sum",
    "limit": "a limit the form or the forum sets, not the report's figure",
    "count": "a count of people, not money",
}


def account(f: State) -> None:
    doc = f.doc
    used = Counter(f.used)
    for i in range(len(doc)):
        text = doc.plain(i)
        if _DIGIT.search(text) is None:  # no amount on the line, only marks to count
            _account_marks(f, i)
            continue
        cells = doc.cells(i) if doc.is_table_row(i) else [text]
        spaced = doc.aligned[i]
        if spaced is not None and len(find_amounts(text)) < len(
            [a for c in spaced for a in find_amounts(c)]
        ):
            cells = spaced  # '420 000     680 000': columns apart are two figures
        amounts = [a for cell in cells for a in find_amounts(cell)]
        unread: list[int] = []
        aside: list[int] = []
        for a in amounts:
            if used[(i, a.value)] > 0:
                used[(i, a.value)] -= 1
            elif (i, a.value) in f.asides:
                aside.append(a.value)
            else:
                unread.append(a.value)
        for low, high, *_ in find_ranges(text):
            if (i, low) not in f.asides and (i, high) not in f.asides:
                unread.append(low)
        if unread and _CORRECTION.search(text):
            corrected = _corrected(f, text, unread)
            aside += corrected
            for v in corrected:
                f.aside_why.setdefault((i, v), "correction")
            unread = [v for v in unread if v not in corrected]
        if unread:
            rates = [a.value for a in amounts if a.value in unread and _is_rate(text, a)]
            aside += rates
            for v in rates:
                f.aside_why.setdefault((i, v), "rate")
            unread = [v for v in unread if v not in rates]
        if unread:
            restated = _restated(f, text, unread)
            aside += restated
            for v in restated:
                f.aside_why.setdefault((i, v), "restated")
            unread = [v for v in unread if v not in restated]
        if unread:
            f.diag(
                "warning",
                "unread-amount",
                f"{', '.join(format_nok(v) for v in unread)} on this line "
                f"{'is' if len(unread) == 1 else 'are'} not read into any field",
                None,
                i,
            )
        if aside:
            reasons = sorted({_reason(f, i, v) for v in aside})
            f.diag(
                "info",
                "amount-not-budget",
                f"{', '.join(format_nok(v) for v in aside)}: {'; '.join(reasons)}; "
                "not a budget figure",
                "budget",
                i,
            )
        _account_marks(f, i)


# 'Rettelse: UH-beløpet i tiltak 2 skal være 180 000, ikke 150 000 …', 'Eierandelen er
# uendret (120 000)': a note about a corrected version of the report
_CORRECTION = re.compile(
    r"\b(?:rettelse|retting|korrigert\w*|korrigering|skal\s+være|skal\s+vere|uendret|uendra)\b",
    re.I,
)
_OLD_VALUE = re.compile(r"\b(?:ikke|ikkje|fra|frå|tidligere|tidlegare)\s*$", re.I)


_RATE_BEFORE = re.compile(r"(?:^|\s)[àá]\s*(?:kr\.?\s*)?$", re.I)
_RATE_AFTER = re.compile(r"^\s*(?:kr\.?\s*|,-\s*)?(?:per|pr\.?|/)\s*(?:time|t)\b", re.I)


def _is_rate(text: str, a) -> bool:
    """'1 240 t à kr 500', 'kr 650 per time': a price per unit, not a sum of money."""
    return bool(_RATE_BEFORE.search(text[: a.start]) or _RATE_AFTER.match(text[a.end :]))


_ONE_MEASURE = re.compile(r"\btiltak\s+(?:nr\.?\s*)?(\d{1,2})\b", re.I)


_GRAND = re.compile(
    r"\b(?:samlet|samla|samlede|totalt?|til\s+sammen|til\s+saman|i\s+alt|begge\s+ordning\w*|"
    r"alle\s+ordning\w*)\b",
    re.I,
)


def _restated(f: State, text: str, unread: list[int]) -> list[int]:
    """'Merknad til tiltak 2: … Beløpet i tabellen (230 000) er avklart', 'Koordinatoren
    (kr 40 000) ligger i eiers andel for tiltak 1': a line about one measure that says a
    figure of that measure again; it needs no reading."""
    named = {int(n) for n in _ONE_MEASURE.findall(text)}
    r = f.report
    for b in (*r.budget, r.budget_sum):
        said = {v for v in (b.owner_amount, b.uh_amount, b.total_stated) if v} if b else set()
        if not named and len(unread) >= 2 and set(unread) <= said:
            # 'Samla behov 2026 (Rekomp) | Eigar 420.000,- / HVL 730.000,- / totalt …': one
            # budget row's figures, all of them, said again in the report's summary
            return list(unread)
    totals = [b.total_stated for b in r.budget if b.total_stated]
    if not named and len(totals) >= 2 and _GRAND.search(text):
        # 'Samlet behov for 2026 (begge ordninger): 1 200 000 kr': the schemes' rows added
        grand = [v for v in unread if v == sum(totals)]
        if grand:
            return grand
    if not named and REQUEST.search(text):
        # 'Kort oppsummert melder vi eit behov på NOK 1,2 mill.': the budget said again
        rows = [b for b in (*r.budget, r.budget_sum) if b is not None]
        said = {v for b in rows for v in (b.owner_amount, b.uh_amount, b.total_stated) if v}
        return [v for v in unread if v in said]
    if len(named) != 1:
        return []
    number = named.pop()
    figures = {
        v
        for m in f.report.measures
        if m.number == number
        for v in (m.owner_amount, m.uh_amount, m.total_stated, m.coordinator_amount)
        if v
    }
    return [v for v in unread if v in figures]


def _corrected(f: State, text: str, unread: list[int]) -> list[int]:
    """The figures of a correction note that need no reading: the corrected values (the
    report states them where they belong, and they are read there) and the old ones it
    names ('ikke 150 000')."""
    read = {value for _, value in f.used}
    old = {a.value for a in find_amounts(text) if _OLD_VALUE.search(text[: a.start].rstrip(" ,"))}
    return [v for v in unread if v in read or v in old]


def _account_marks(f: State, i: int) -> None:
    marks = _checked(f.doc, i)
    if marks > f.marks[i]:
        f.diag(
            "warning",
            "unread-choice",
            f"{marks - f.marks[i]} marked choice(s) on this line not read into any field",
            None,
            i,
        )


_DIGIT = re.compile(r"\d")
# a line without any of these characters holds no checked box and no X cell
_MARK_CHARS = re.compile(r"[☒☑✓✔■◉•●xX*]")


# 'Kryss av med ☒ der det er avkrysningsbokser': the form's instruction shows the mark
_SHOWS_MARK = re.compile(
    r"\b(?:kryss(?:\s+av)?|sett\s+kryss|merk(?:\s+av)?|marker)\s+(?:med\s+)?[☒☑✓✔■xX]"
    r"|(?:[☒☑✓✔■]|\[[xX*]\]|\([xX*]\))\s*=\s*(?:valgt|avkrysset|kryssa?\s+av|ja)\b",
    re.I,
)


def _checked(doc, i: int) -> int:
    raw = doc.text(i)
    if i and not doc.gap(i) and _ENDS_SHOWING.search(doc.plain(i - 1)):
        # 'Kryss av med' at the end of the line above '☒ der det er aktuelt': the
        # instruction's mark, wrapped onto this line
        tail = doc.plain(i - 1)[-40:]
        return _checked_in(f"{tail} {raw}") - _checked_in(tail)
    return _checked_in(raw)


_ENDS_SHOWING = re.compile(
    r"\b(?:kryss(?:\s+av)?|sett\s+kryss|merk(?:\s+av)?|marker)\s+(?:med\s*)?$", re.I
)


@lru_cache(maxsize=1 << 16)  # the same lines recur in every report of a form
def _checked_in(raw: str) -> int:
    """The checked marks a line holds: boxes, and X cells after a row's first cell."""
    if _MARK_CHARS.search(raw) is None or _SHOWS_MARK.search(raw):
        return 0
    n = count_boxes(raw)[0]
    if "\t" in raw:  # a row: its cells as Document.cells gives them
        n += sum(1 for cell in raw.split("\t")[1:] if _X_CELL.match(plain(cell)))
    return n


def _reason(f: State, i: int, value: int) -> str:
    return _WHY.get(f.aside_why.get((i, value), "part"), "not a budget figure")
