"""Reading one value out of its text: a choice, a yes/no, a count, a year, a person.

These are the small readers the field handlers share. They know nothing of where the
text came from; the handlers give them the text of one pair, cell or row and turn the
answer into record fields with evidence and diagnostics.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from kompetansekart.ingest.checkboxes import count_boxes, read_choice
from kompetansekart.ingest.options import Found, OptionSet, options
from kompetansekart.ingest.terms import find_terms

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"(?<![\d.])(?:\+47\s?)?(?:\d{2}\s?){3}\d{2}(?![\d.])|(?<![\d.])\d{3}\s\d{2}\s\d{3}(?!\d)"
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_LIST_SEP = re.compile(
    r",|\bog\b|\bsamt\b|&|\+|\n|;|\s/\s|\band\b|\s[–—-]\s|\btil\b|→|->", re.IGNORECASE
)


@dataclass(frozen=True)
class Picked:
    """The options a text picks: `values` (option ids, in text order), whether the choice
    was visible at all, the option labels seen, and how many checked marks it read."""

    values: tuple[str, ...]
    visible: bool
    seen: tuple[str, ...]
    marks: int = 0


def pick(raw: str, found: Sequence[Found], multi: bool) -> Picked:
    """Which of the `found` options the text marks (a box, an x, bold), or, with no mark
    anywhere, which it simply writes: one option written is the answer; several written
    as a list ('Vår 2025, Høst 2025') are the answer when `multi`; several standing side
    by side with no mark ('Ja Nei') are an invisible choice."""
    if not found:
        return Picked((), False, ())
    labels = list(dict.fromkeys(f.label for f in found))
    by_label = {f.label.casefold(): f.value for f in found}
    text = raw.replace("\t", "  ")
    per_line = _per_line(text, labels, by_label)
    if per_line is not None:
        return per_line
    choice = read_choice(text, labels)
    seen = tuple(choice.seen) or tuple(labels)
    if choice.marked:
        values = tuple(dict.fromkeys(by_label[s.casefold()] for s in choice.selected))
        checked = count_boxes(text)[0]
        return Picked(values, True, seen, min(checked, len(values)) if checked else 0)
    values = tuple(dict.fromkeys(f.value for f in found))
    if len(values) == 1:
        return Picked(values, True, seen)
    if multi and _listed(text, found):
        return Picked(values, True, seen)
    return Picked((), False, seen)


_LINE_MARK = re.compile(r"(?:^|\s)(?:[xX✓✔]|\*\*[xX]\*\*)\s*$")


def _per_line(text: str, labels: list[str], by_label: dict[str, str]) -> Picked | None:
    """Options one per line, each marked (or not) on its own line:
    'Regional ordning' / 'Desentralisert ordning      x' / 'Kompetanseløftet'."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 2:
        return None
    owned: list[tuple[str, str]] = []  # (label, line)
    for line in lines:
        here = [lb for lb in labels if lb.casefold() in line.replace("**", "").casefold()]
        if len({by_label[lb.casefold()] for lb in here}) > 1:
            return None  # several options on a line: read the line as a whole
        if here:
            owned.append((max(here, key=len), line))
    if len(owned) < 2:
        return None
    marked = []
    boxes = 0
    for label, line in owned:
        checked, _unchecked = count_boxes(line)
        answer = _yes_no_after(line, label)
        if answer is not None:
            # 'Barnehage  Ja x  Nei', 'Grunnskole  Ja ☐  Nei ☒': each option answered
            marked += [label] if answer else []
            boxes += min(checked, 1) if answer else 0
        elif (
            checked
            or _LINE_MARK.search(line)
            or re.search(rf"\*\*[^*]*{re.escape(label)}[^*]*\*\*", line, re.I)
        ):
            marked.append(label)
            boxes += min(checked, 1)
    if not marked:
        return None
    values = tuple(dict.fromkeys(by_label[lb.casefold()] for lb in marked))
    return Picked(values, True, tuple(lb for lb, _ in owned), boxes)


def _yes_no_after(line: str, label: str) -> bool | None:
    """An option's own yes/no answer after it on its line, or None when it has none."""
    at = line.casefold().find(label.casefold())
    rest = line[at + len(label) :] if at >= 0 else ""
    found = option_set("yesno").find(rest) if rest.strip() else []
    values = {f.value for f in found}
    if not {"ja", "nei"} <= values:
        return None
    choice = read_choice(rest, list(dict.fromkeys(f.label for f in found)))
    chosen = {f.value for f in found if f.label in choice.selected}
    if not choice.marked or len(chosen) != 1:
        return None
    return chosen == {"ja"}


def _listed(text: str, found: Sequence[Found]) -> bool:
    """Options written as a list: a comma, 'og', a line break between each two. Two
    names of one option side by side ('Regional ordning … (Rekom)') are one item."""
    spans: list[tuple[str, int, int]] = []
    for f in sorted(found, key=lambda f: f.start):
        if spans and (spans[-1][0] == f.value or f.start < spans[-1][2]):
            # two names of one option, or two options in one phrase ('våren og høsten 2025')
            spans[-1] = (f.value, spans[-1][1], max(spans[-1][2], f.end))
        else:
            spans.append((f.value, f.start, f.end))
    for (_, _, a_end), (_, b_start, _) in pairwise(spans):
        between = text[a_end:b_start] if b_start >= a_end else ""
        if not _LIST_SEP.search(between) and between not in ("–", "—", "-"):
            return False  # 'H26–V27': a span from one term to the next is a list too
    return True


def option_set(name: str) -> OptionSet:
    return options()[name]


def is_placeholder(text: str) -> bool:
    """The form's own text for an empty field ('Klikk eller trykk her …', '(ikke besvart)')."""
    body = text.strip(" ()[]._-–:\n")
    if not body:
        return True
    found = option_set("placeholder").find(body)
    return bool(found) and len(body) - sum(len(f.label) for f in found) <= 3


def yes_no(text: str) -> bool | None:
    """A written yes or no at the start of an answer ('Ja – tiltak 1 og 2 …', 'nei (…)')."""
    value = option_set("yesno").starts(text)
    return {"ja": True, "nei": False}.get(value or "")


def year_in(text: str) -> int | None:
    found = _YEAR.search(text)
    return int(found.group(1)) if found else None


def count(text: str) -> tuple[int | None, bool]:
    """(count, stated): '58' -> (58, True); 'X', '–', 'ikke aktuelt' -> (None, False);
    anything else -> (None, True) meaning 'not understood'."""
    body = text.strip().rstrip(".")
    if re.fullmatch(r"\d{1,5}", body):
        return int(body), True
    if re.fullmatch(r"[xX–\-—]|", body) or option_set("not_stated").starts(body):
        return None, False
    m = re.match(r"^(\d{1,5})\b", body)
    if m and not re.match(r"^\d{1,5}\s*[.,/-]\s*\d", body):
        return int(m.group(1)), True
    return None, True


@dataclass(frozen=True)
class Person:
    name: str | None
    function: str | None
    email: str | None
    phone: str | None
    org: str | None  # an organisation named in the same value ('Kari (Narvik kommune)')


# a capital, also a Sami one ('Nils Ánde Sara', 'Čáhppe', 'Đuolja', 'Ŋ')
_CAPITAL = "A-ZÆØÅÁÀÂÄÉÈÊËÍÌÎÏÓÒÔÖÚÙÛÜČĐŊŠŦŽ"
_NAME = re.compile(rf"^[{_CAPITAL}][\w.'-]*(?:\s+[{_CAPITAL}][\w.'-]*){{1,4}}$")


_SURNAME = re.compile(rf"^[{_CAPITAL}][\w'-]+$")
_GIVEN = re.compile(rf"^[{_CAPITAL}][\w'-]+(?:\s+[{_CAPITAL}][\w'-]+){{0,2}}$")
_FUNCTION_WORD = re.compile(
    r"rådgi|rådgje|lektor|leder|leiar|koordinator|konsulent|professor|amanuensis|dosent|"
    r"rektor|styr[ea]r|sjef|direktør|assistent|pedagog",
    re.I,
)
_ORG_WORD = re.compile(r"universitet|høgsk[uo]le|kommune|fylke|senter|institutt", re.I)
_TITLE_FIRST = re.compile(r"^((?:[a-zæøå][\wæøå-]*\s+){1,3})([A-ZÆØÅ].*)$")


_CONTACT_WORD = re.compile(r"(?:tlf|telefon|mobil|mob|e-post|epost|e-mail|tel)\.?:?", re.I)


@lru_cache(maxsize=1 << 14)  # Person is frozen; a contact line recurs across a batch
def person(text: str) -> Person:
    """'Siri Aune Fossli, spesialrådgiver barnehage, siri@example.org, 400 00 000'."""
    email = _EMAIL.search(text)
    phone = _PHONE.search(_EMAIL.sub("", text))
    rest = _EMAIL.sub("", text)
    rest = _PHONE.sub("", rest) if phone else rest
    rest = re.sub(r"\(\s*\)", "", rest)  # '(kari@example.org)' without the address
    org = None
    paren = re.search(r"\(([^()]+)\)", rest)
    if paren:
        org = paren.group(1).strip()
        rest = rest[: paren.start()] + rest[paren.end() :]
    parts = [p.strip(" .;") for p in re.split(r",|;|\n| – | - ", rest) if p.strip(" .;")]
    parts = [p for p in parts if not _CONTACT_WORD.fullmatch(p)]  # 'tlf.' without its number
    lead = _TITLE_FIRST.match(parts[0]) if parts else None
    if lead and _NAME.match(lead.group(2)):
        # 'fagleder Hanne Solberg Krogh': the function written before the name
        parts = [lead.group(2), lead.group(1).strip(), *parts[1:]]
    if (
        len(parts) > 1
        and parts[0].isupper()
        and parts[1].isupper()
        and _SURNAME.match(parts[0])
        and _GIVEN.match(parts[1])
        and not _ORG_WORD.search(parts[1])
        and not _FUNCTION_WORD.search(parts[0])
    ):
        # 'TVETER, HILDE MARIE': a register's printout, in capitals, the surname first
        # (not 'Universitetslektor, ILU': a function and a unit)
        parts = [f"{parts[1]} {parts[0]}", *parts[2:]]
    name = parts[0] if parts and _NAME.match(parts[0]) else None
    function = ", ".join(parts[1:] if name else parts) or None
    return Person(
        name,
        function,
        email.group() if email else None,
        re.sub(r"\s+", " ", phone.group()).strip() if phone else None,
        org,
    )


def terms_found(text: str) -> list[Found]:
    return [Found(term, label, s, e) for label, term, s, e in find_terms(text)]


def emails_in(text: str) -> list[str]:
    return _EMAIL.findall(text)


def split_people(text: str) -> list[str]:
    """'Heidi Einarson og Ann Margareth Gustavsen', 'Kari (Narvik kommune), Ola (Nord
    universitet)' -> one part per person; a single person with a function stays whole."""
    parts = [p.strip() for p in re.split(r"\s+og\s+|(?<=\)),\s*|;", text) if p.strip()]
    if len(parts) > 1 and all(_NAME.match(re.sub(r"\s*\([^()]*\)\s*$", "", p)) for p in parts):
        return parts
    # 'Kjetil Birkeland, førsteamanuensis, UiA; Synnøve Rege, rådgiver': a person with a
    # function on each side of a ';' (a cell's two paragraphs)
    listed = [p.strip() for p in text.split(";") if p.strip()]
    if len(listed) > 1 and all(_NAME.match(p.split(",")[0].strip()) for p in listed):
        return listed
    return [text.strip()]


_NEW = re.compile(r"^(?:ny|nytt|nye)\b", re.I)
_GOES_ON = re.compile(
    r"^(?:videreført|videreføres|vidareført|vidareførast|fortsetter|held\s+fram)\b", re.I
)


def new_or_continued(text: str) -> bool | None:
    """'Nytt (tiltak)' or 'Videreført fra 2025 (tiltak 2)', the answer to 'Nytt /
    videreført': False for a new measure, True for one continued, None for anything else."""
    bare = text.replace("*", "").strip()
    if _NEW.match(bare):
        return False
    return True if _GOES_ON.match(bare) else None


MEASURE_NEW = re.compile(r"\b(?:nytt|nye)\s+tiltak\b", re.I)
_MEASURE_GOES_ON = re.compile(
    r"\b(?:videreføring|vidareføring)\s+av\s+tiltak\b|\b(?:videreført|vidareført)\s+(?:fra|frå)\b",
    re.I,
)


def measure_goes_on(text: str) -> bool | None:
    """'Aktiv (nytt tiltak 2027)': False; 'Aktiv – videreføring av tiltak 2 i …', 'Videreført
    frå 2025': True; None when the text says neither (anywhere in it, unlike
    `new_or_continued`, which reads a whole answer)."""
    if MEASURE_NEW.search(text):
        return False
    return True if _MEASURE_GOES_ON.search(text) else None
