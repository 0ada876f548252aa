"""Amounts in NOK, as written in needs reports, to whole kroner.

Reports write the same sum many ways: ``200 000,-``, ``1.166.270,-``, ``900.000, -``,
``kr. 50 000,-``, ``2.386.450 - (SePU)``, ``0,-``, ``290 000``, ``200000``, ``NOK 5 000``.
One regex finds a candidate; a short Python check then decides whether the candidate is
an amount. Each rule exists for a reason:

* **Strict thousands grouping.** A grouped number is 1-3 digits followed by groups of
  exactly three, all with the same separator: a dot, or a space (U+0020, U+00A0 no-break
  or U+202F narrow no-break, which Word exports). So ``23/24``, ``2026/2027``,
  ``40 00 00 01`` (a phone number) or ``1234.56.78901`` (an account number) never become
  amounts. The groups are possessive, so a broken run is rejected instead of being cut back
  to a shorter number that happens to fit.
* **Neighbours.** A number glued to a letter (``Tiltak1``, ``V2024``, ``2024a``) is a name,
  not an amount. A number touching another number through ``.``, ``,``, ``/`` or a dash
  (dates, ranges such as ``2026-2027``, codes such as ``17020.2100``) is not an amount either.
* **What makes a number an amount.** Prose is full of small numbers (``Tiltak 2``,
  ``14 skoler``, ``siden 2022``). A candidate counts when it carries a currency sign
  (``kr``/``kr.``/``NOK`` before, or ``,-``/``, -``/``kr``/``kroner`` after; a ``kr`` that
  is followed by a number belongs to that number, so ``kr 500 kr 300`` is two), is grouped
  (``290 000``), or is a bare run of at least five digits (``200000``). A line that
  writes ``kr`` after every number (``0 kr 0 kr 0 kr``) is read that way when it gives
  more amounts than the ``kr``-before reading, or as many and the line does not start with
  ``kr`` (``kr 500 kr 300`` stays ``kr``-before). A bare number of one to four digits
  in running text is not an amount; :func:`parse_amount` still accepts it when it is the
  whole cell, because there the caller already knows the cell holds a sum.
  ``NOK`` is matched in capitals only, since "nok" is a common Norwegian word.
* **The dash.** Negative amounts do not occur; a trailing ``-`` is the ``,-`` currency style
  (also written ``, -``, ``,–`` or `` -``). A dash followed by a digit is a range and is not
  swallowed. A bare dash alone does not make a small number an amount (``Tiltak 2 - Lesing``).
* **Øre.** ``1 234,50`` has exactly two decimals; they are rounded half up to whole kroner
  (``1 234,50`` -> 1235, ``1 234,49`` -> 1234), as the reports and the schema count whole
  kroner. One or three decimals (``12,5``) are a decimal number, not an amount.
* **Notes.** A short parenthesis right after an amount names who gets it: ``637.950 (Sepu)``,
  ``269 500,-(LMS)``. It is a note when it has one to four words, at most 40 characters,
  no digits, and starts with a capital letter (a name). Longer or lower-case explanations
  (``(hvorav kr. 30 000,- er ...)``, ``(inkl. mva)``) are left alone, and the amounts inside
  them are found on their own.
* **Ambiguous runs.** ``290 000 840 000`` is two amounts in two table cells that lost their
  tab, or one amount of 290 000 840 000; the text cannot tell. Grouping is greedy, so the run
  is read as ONE number (deterministic, and obviously wrong-sized if wrong). Callers must
  split table cells on tabs first and call :func:`find_amounts` per cell. Runs that end in
  a currency sign are unambiguous: ``880 000,- 1 578 860,-`` gives two amounts.
* **Identifiers.** A bare number right after an id or number word (``Side-ID 48213``,
  ``page-id: 48213``, ``telefonnummer 93844120``) is that identifier, not an amount; a
  grouped number or one with a currency sign still is one.
* **Thousands and millions.** Slides and notes shorten amounts: ``150'``, ``120k``,
  ``80 tusen``, ``0,25 mill.``, ``1,2 mill. kr``. A number with one of these marks is that
  many thousands or millions (a decimal comma in millions: ``0,25 mill.`` is 250 000);
  thousands are one to three digits, so ``2,5'`` and a year (``2025'``) are not read.
* **Size.** A run of more than 18 digits is not an amount (no report asks for a trillion
  kroner), which also keeps ``int()`` away from Python's limit on digit strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Amount", "find_amounts", "format_nok", "parse_amount"]

_SP = "[ \u00a0\u202f]"  # a space inside a written amount: plain, no-break, narrow no-break
_NUMBER = (
    r"(?P<dotted>[0-9]{1,3}(?:\.[0-9]{3})++)"
    rf"|(?P<spaced>[0-9]{{1,3}}(?:{_SP}[0-9]{{3}})++)"
    r"|(?P<bare>[0-9]++)"
)
_AMOUNT_PATTERN = (
    r"(?<!\w)(?<!\d[.,/\-–])"  # not glued to a word, not the tail of a date/range/code
    rf"(?:(?P<prefix>(?i:kr)\.?|NOK){_SP}*)?"
    rf"(?:{_NUMBER})"
    r"(?:,(?P<ore>[0-9]{2}))?"
    r"(?![.,/\-–]?\d)"  # not the head of a date/range/code or a longer decimal
    r"(?:"
    rf"(?P<commadash>{_SP}*,{_SP}?[-–]{{1,2}})"
    rf"|(?P<word>{_SP}*(?:(?i:kroner|kr)\.?|NOK)(?!\w)WORD_END)"
    rf"|(?P<dash>{_SP}*[-–](?![-–\w])(?!{_SP}*\d))"
    r"|(?!\w)"
    r")"
)
_AMOUNT_RE = re.compile(_AMOUNT_PATTERN.replace("WORD_END", rf"(?!{_SP}*\d)"))
# the same with 'kr' after a number always that number's ('0 kr 0 kr 0 kr')
_SUFFIX_RE = re.compile(_AMOUNT_PATTERN.replace("WORD_END", ""))
_SCALED_HINT = re.compile(r"\d(?:['’]|k\b|\s?tusen|\s?mill|\s?mnok)", re.I)
_KR_BETWEEN = re.compile(rf"\d{_SP}*(?i:kr)\.?{_SP}+\d")
_NOTE_RE = re.compile(rf"{_SP}*\((?P<note>[^()\n\t]{{1,40}})\)")
_NOTE_TEXT_RE = re.compile(r"[^\W\d_][^\d]*")
_MAX_NOTE_WORDS = 4
_MIN_BARE_DIGITS = 5
_MAX_DIGITS = 18  # beyond any sum in a report; also keeps int() far from its digit limit
_WHOLE_CELL_RE = re.compile(r"\s*([0-9]{1,18})\s*")


@dataclass(frozen=True)
class Amount:
    """One written amount: its value in whole kroner, its note and its span in the input."""

    value: int
    note: str | None
    start: int
    end: int


def _is_amount(match: re.Match[str]) -> bool:
    """A candidate is an amount if it is grouped, long, or carries a currency sign."""
    number = match["dotted"] or match["spaced"] or match["bare"]
    if sum(char in "0123456789" for char in number) > _MAX_DIGITS:
        return False
    if match["prefix"] or match["commadash"] or match["word"]:
        return True
    if match["dotted"] or match["spaced"]:
        return True
    return len(number) >= _MIN_BARE_DIGITS


_NOT_DIGIT = re.compile(r"[^0-9]")
# 'Side-ID 48213', 'page-id: 48213', 'saksnr. 202611', 'telefonnummer 93844120'
_ID_BEFORE = re.compile(r"(?:\bid|-id|\bnr|nummer|\bref|\bversjon|\bsaksnr)\.?\s*[:#]?\s*$", re.I)


def _identifier(text: str, match: re.Match[str]) -> bool:
    """A bare number (no currency sign, no grouping) right after an id or number word is
    that identifier, not an amount."""
    if not match["bare"] or match["prefix"] or match["commadash"] or match["word"]:
        return False
    return _ID_BEFORE.search(text, max(0, match.start() - 20), match.start()) is not None


def _value(match: re.Match[str]) -> int:
    """Whole kroner; two øre digits round half up."""
    digits = _NOT_DIGIT.sub("", match["dotted"] or match["spaced"] or match["bare"])
    kroner = int(digits)
    ore = match["ore"]
    return kroner + 1 if ore is not None and int(ore) >= 50 else kroner


def _note_at(text: str, pos: int) -> tuple[str | None, int]:
    """A short name in parentheses at `pos`, and where it ends; else (None, pos)."""
    found = _NOTE_RE.match(text, pos)
    if found is None:
        return None, pos
    note = found["note"].strip()
    if not _looks_like_name(note):
        return None, pos
    return note, found.end()


def _looks_like_name(note: str) -> bool:
    """Recipients are names (LMS, SePU, Nord universitet); explanations are not."""
    if not note or not note[0].isupper() or not _NOTE_TEXT_RE.fullmatch(note):
        return False
    return len(note.split()) <= _MAX_NOTE_WORDS


def find_amounts(text: str) -> list[Amount]:
    """Every amount in `text`, in order, with spans that include prefix, suffix and note."""
    return list(_amounts(text))


@lru_cache(maxsize=1 << 16)  # a batch reads the same lines many times; Amount is frozen
def _amounts(text: str) -> tuple[Amount, ...]:
    return tuple(_find_amounts(text))


# '150'', '120k', '80 tusen', '0,25 mill.', '1,2 mill. kr': an amount written in
# thousands or millions, the way slides and notes shorten it
_SCALED_RE = re.compile(
    r"(?<![\w.,'’])(?P<num>[0-9]{1,4}(?:,[0-9]{1,3})?)"
    r"(?:(?P<thousand>['’]|k(?![\w'’])|"
    rf"{_SP}?(?:tusen|tusenlapp\w*)(?!\w))"
    rf"|{_SP}?(?P<million>(?:mill\.?|millioner|million|mnok|MNOK)(?![\w])))"
    rf"(?:{_SP}*(?:(?i:kroner|kr)\.?|NOK)(?!\w))?"
)


def _scaled(text: str) -> list[Amount]:
    out = []
    for m in _SCALED_RE.finditer(text):
        whole, _, frac = m["num"].partition(",")
        scale = 1_000_000 if m["million"] else 1_000
        if m["thousand"] and (frac or len(whole) > 3):
            continue  # '2,5'' is no way to write money; a year is no thousands ('2025'')
        value = int(whole) * scale + (int(frac.ljust(3, "0")[:3]) * scale // 1000 if frac else 0)
        if value:
            out.append(Amount(value, None, m.start(), m.end()))
    return out


def _with_scaled(text: str, found: list[Amount]) -> list[Amount]:
    """The amounts written in thousands or millions among the plain ones. A plain reading
    the scale word ends ('NOK 0,43' of 'NOK 0,43 mill.', which is 430 000 and not 43 øre)
    gives way to the scaled one, which keeps its currency sign; a scaled reading inside a
    longer plain amount is none."""
    out = list(found)
    for a in _scaled(text):
        inside = [b for b in out if a.start < b.end and b.start < a.end]
        if inside and not all(b.end < a.end for b in inside):
            continue
        if inside:
            a = Amount(a.value, None, min(a.start, *(b.start for b in inside)), a.end)
            out = [b for b in out if b not in inside]
        out.append(a)
    return sorted(out, key=lambda a: a.start)


def _find_amounts(text: str) -> list[Amount]:
    found = _find(text, _AMOUNT_RE)
    if _SCALED_HINT.search(text):
        found = _with_scaled(text, found)
    if _KR_BETWEEN.search(text):
        # 'kr' between two numbers ends the first or starts the second: the reading
        # that finds more amounts is the line's style ('0 kr 0 kr 0 kr' is three)
        suffixed = _find(text, _SUFFIX_RE)
        prefixed = bool(found) and text[found[0].start :].lstrip()[:1] in "kKN"
        if len(suffixed) > len(found) or (len(suffixed) == len(found) and not prefixed):
            return suffixed
    if _BROKEN_RE.search(text):
        found = _mend_broken(text, found)
    return found


# 'kr. 380 0 00,-': a PDF cell whose characters the extraction spaced apart. Between a
# currency sign before and ',-' after, digits and single spaces are one number.
_BROKEN_RE = re.compile(rf"(?i:kr)\.?{_SP}*(?P<digits>\d{{1,3}}(?:{_SP}\d{{1,3}})+){_SP}*,{_SP}?-")


def _mend_broken(text: str, found: list[Amount]) -> list[Amount]:
    for m in _BROKEN_RE.finditer(text):
        inside = [a for a in found if a.start < m.end() and a.end > m.start()]
        digits = re.sub(r"\D", "", m["digits"])
        if len(inside) < 2 or len(digits) > 9:
            continue  # read as one amount already, or not a sum of money
        mended = Amount(int(digits), None, m.start(), m.end())
        found = sorted([a for a in found if a not in inside] + [mended], key=lambda a: a.start)
    return found


def _find(text: str, rx: re.Pattern[str]) -> list[Amount]:
    found: list[Amount] = []
    for match in rx.finditer(text):
        if not _is_amount(match) or _identifier(text, match):
            continue
        note, end = _note_at(text, match.end())
        found.append(Amount(_value(match), note, match.start(), end))
    return found


def parse_amount(text: str) -> int | None:
    """The first amount in a cell or field value, or None for blanks and placeholders.

    A cell that is nothing but a short number ("0", "500") is taken as an amount too, since
    the caller has already decided that the cell holds a sum.
    """
    amounts = find_amounts(text)
    if amounts:
        return amounts[0].value
    whole = _WHOLE_CELL_RE.fullmatch(text)
    return int(whole[1]) if whole else None


def format_nok(value: int | None) -> str:
    """``1524914`` -> ``"1 524 914 kr"``, with plain spaces so tests and terminals agree;
    None (not stated) is "–"."""
    if value is None:
        return "–"
    if value < 0:
        raise ValueError(f"amounts are never negative: {value}")
    return f"{value:,} kr".replace(",", " ")
