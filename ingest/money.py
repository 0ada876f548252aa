"""Money rules: what a written figure states, in one place for ingest and the audit.

`amounts.find_amounts` finds written amounts; this module decides what they say:

* **A cell or field value** (`read_money`):
  - one amount is that figure (`364.300, - inkludert reiseutgifter` is 364 300);
  - a total followed by a breakdown that names its recipients and adds up to it is the
    total with a per-UH split: `650 000 (Nord 400 000, SePU 250 000)`;
  - labelled parts without a total are summed, the split kept:
    `637.950 (Sepu) 328.320,- (Nord)` is 966 270;
  - a part of the figure stated after it (`(hvorav kr 30 000 til reise)`, `herav`, `av
    dette`, `inkludert`) is not another figure: it is set aside, with its reason;
  - a range (`200 000–300 000`, `200–250 000`, `mellom 200 000 og 300 000`), an
    approximation (`ca.`, `cirka`, `omtrent`, `inntil`) or two unlabelled figures leave the
    value unknown: the caller warns on that line.
* **Amounts in running text** (`prose_money`) count only where the sentence ties them to
  a role (owner, UH, total) and to the year applied for; last year's grant (`fikk`,
  `tildelt`, a past year), the owner's own contribution (*egeninnsats*) and other
  projects' costs are never budget figures, and are set aside with the reason.
* An organisation number is not an amount, though it is grouped like one
  ('org.nr. 921 221 967').
* **The sum check** (`sum_difference`): owner + UH against a stated total, the one rule
  both ingest's diagnostics and `report audit` apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from kompetansekart.ingest.amounts import Amount, find_amounts

__all__ = [
    "Aside",
    "Money",
    "ProseFigure",
    "find_ranges",
    "prose_money",
    "read_money",
    "sum_difference",
]


@dataclass(frozen=True)
class Aside:
    """An amount in the text that is not the figure asked for, and why."""

    value: int
    why: str  # "part" | "own-contribution" | "earlier-grant" | "example" | "range" | ...


@dataclass(frozen=True)
class Money:
    value: int | None
    shares: tuple[tuple[str | None, int], ...] = ()
    read: tuple[int, ...] = ()  # every amount this value used
    aside: tuple[Aside, ...] = ()
    problem: str | None = None  # why value is None although amounts are written

    @property
    def stated(self) -> bool:
        return self.value is not None


_PART_WORDS = re.compile(
    r"(?:hvorav|herav|her\s+av|av\s+dette|av\s+desse|derav|inkludert|inkl\.?|medregnet|"
    r"som\s+inkluderer|hvorav\s+kr)\s*$",
    re.IGNORECASE,
)
_APPROX = re.compile(
    r"(?:\bca\.?|\bcirka|\bomtrent|\bom\s+lag|\bopp\s+mot|\binntil|\banslagsvis|\brundt|"
    r"\bminst|\bmaks(?:imalt)?\.?|\bestimert|\bestimat|~|"
    # 'førebels overslag kr 150 000', 'anslag: 300 000', 'prognose 1,2 mill.'
    r"\boverslag(?:et)?:?|\banslag(?:et)?:?|\bprognose[n]?:?)\s*(?:kr\.?\s*|NOK\s*)?$",
    re.IGNORECASE,
)
_RANGE = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[ .\u00a0]\d{3})*)\s*(?:-|–|—|til)\s*(\d{1,3}(?:[ .\u00a0]\d{3})+)"
    r"(?:\s*(?:kr|kroner|,-))?",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"\b(?:mellom|fra|frå)\s*(?:kr\.?\s*)?$", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[\s,;/+&og]*$", re.IGNORECASE)
_NOTE_OPEN = re.compile(r"^\s*\(")


def find_ranges(text: str) -> list[tuple[int, int, int, int]]:
    """(low, high, start, end) of each written range of amounts ('200–250 000')."""
    return list(_ranges(text)) if _DIGIT.search(text) else []


@lru_cache(maxsize=1 << 16)
def _ranges(text: str) -> tuple[tuple[int, int, int, int], ...]:
    out = []
    for m in _RANGE.finditer(text):
        low, high = (int(re.sub(r"\D", "", g)) for g in m.groups())
        if low < 1000 and high >= 1000:
            low *= 1000  # '200–250 000': the thousands are written once
        if high > low:
            out.append((low, high, m.start(), m.end()))
    return tuple(out)


_PART_BEFORE = re.compile(
    r"\b(?:av\s+dette|av\s+desse|herav|hvorav|derav|omfatter|omfattar|inkluderer)\b",
    re.IGNORECASE,
)
# 'Koordinator (20 000) er ein del av kommunedelen': said to be a part of another amount
_PART_AFTER = re.compile(r"\W*(?:er|utgjer|utgjør)\s+(?:ein|en|ei)\s+del\b", re.I)
_ORGNR_BEFORE = re.compile(
    r"(?:org(?:anisasjons)?\.?\s*-?\s*n(?:umme)?r\.?|orgnr\.?|foretaksnr\.?)\s*:?\s*$",
    re.IGNORECASE,
)


_PHONE = re.compile(
    r"(?:\+47[\s\u00a0]?)(?:\d[\s\u00a0]?){8}"
    r"|(?<![\d.,])\d{8}(?![\d.,])"  # an amount that large is always written grouped
    r"|(?<!\d)\d{3}[\s\u00a0]\d{2}[\s\u00a0]\d{3}(?!\d)"
    r"|(?<!\d)\d{2}[\s\u00a0]\d{2}[\s\u00a0]\d{2}[\s\u00a0]\d{2}(?!\d)"
)


def amounts_in(text: str) -> list[Amount]:
    """The amounts in a text, without organisation numbers ('org.nr. 921 221 967') and
    phone numbers ('+47 951 07 487', '412 03 318')."""
    if not _DIGIT.search(text):
        return []
    return list(_amounts_in(text))


_DIGIT = re.compile(r"\d")
# a link's address or a file's path: its numbers are no sums
_PATH = re.compile(
    r"(?:https?://|www\.)\S+|(?<![\w/])(?=[\w.%/-]*[a-zA-Z])[\w.%-]+(?:/[\w.%-]+){2,}"
    r"|(?<=\]\()[^)\s]+"  # a Markdown link's target: '[Referat](Referat%20UiT%2014%2001%202027.md)'
)


@lru_cache(maxsize=1 << 16)  # the same lines are read by several passes; Amount is frozen
def _amounts_in(text: str) -> tuple[Amount, ...]:
    phones = [m.span() for m in _PHONE.finditer(text)]
    ranges = [(s, e) for *_, s, e in find_ranges(text)]  # read as ranges, not as amounts
    if "/" in text or "](" in text:
        ranges += [m.span() for m in _PATH.finditer(text)]  # 'attachments/884213/…'
    out = []
    for a in find_amounts(text):
        if any(a.start < e and s < a.end for s, e in ranges):
            continue
        if _ORGNR_BEFORE.search(text[max(0, a.start - 30) : a.start]):
            continue
        if any(s <= a.start and a.end <= e + 8 and a.start < e for s, e in phones):
            continue
        if a.value == 1000 and _UNIT_OF.search(text[max(0, a.start - 4) : a.end + 2]):
            continue  # '(i 1000 kr)': the unit of the figures, not a figure
        if _COUNTED.match(text, a.end) and not _CURRENCY.search(text[a.start : a.end]):
            continue  # '1 280 elever', '1 150 ansatte': a count, not money
        out.append(a)
    return tuple(out)


_UNIT_OF = re.compile(r"(?:\bi\s+|\()1\s?000\s*(?:kr\.?|kroner|nok)\b", re.IGNORECASE)
_CURRENCY = re.compile(r"kr|nok|,-|,\s?–", re.IGNORECASE)
# the people a report counts ('1 150 ansatte', 'Antall ansatte i …')
PEOPLE = (
    r"elever|elevar|barn|ansatte|tilsette|lærere|lærarar|årsverk|medarbeidere|deltakere|"
    r"deltakarar|personer|personar|innbyggere|innbyggjarar|pedagoger|pedagogar"
)
# what a report counts; a figure right before one of these words is a count
_COUNTED = re.compile(
    rf"\s+(?:om\s+lag\s+)?(?:{PEOPLE}|skoler|skular|barnehager|barnehagar|klasser|trinn|plasser|"
    r"timer|timar|timeverk|t)\b",
    re.IGNORECASE,
)


_WHOLE = re.compile(r"\s*(\d{1,4})\s*(?:,-|kr)?\s*")


@lru_cache(maxsize=1 << 16)  # Money is frozen: one reading per cell text
def read_money(text: str) -> Money:
    """What a field value or table cell states as its figure (module docstring). A value
    that is nothing but a short number ('0', '500') is that amount: its label or column
    already says it is money."""
    whole = _WHOLE.fullmatch(text)
    if whole:
        return Money(int(whole.group(1)), read=(int(whole.group(1)),))
    amounts = amounts_in(text)
    ranges = find_ranges(text)
    if ranges:
        asides = tuple(Aside(v, "range") for low, high, *_ in ranges for v in (low, high))
        inside = [a for a in amounts if any(s <= a.start < e for *_, s, e in ranges)]
        rest = [a for a in amounts if a not in inside]
        if not rest:
            return Money(None, read=tuple(a.value for a in inside), aside=asides, problem="range")
        amounts = rest
    if not amounts:
        return Money(None)
    first = amounts[0]
    if _PART_BEFORE.search(text[: first.start]):
        # 'frikjøp av vikarar; av dette om lag 60 000 kroner til …': a part, not the figure
        return Money(None, read=(), aside=tuple(Aside(a.value, "part") for a in amounts))
    if _APPROX.search(text[: first.start]):
        return Money(
            None,
            read=tuple(a.value for a in amounts),
            aside=tuple(Aside(a.value, "approximate") for a in amounts),
            problem="approximate",
        )
    parts, later = _split_parts(text, amounts)
    named = [a for a in parts if a.note]
    if len(parts) == 1:
        total = parts[0]
        breakdown = _breakdown(text, total, later)
        if breakdown is not None:
            shares, used = breakdown
            asides = tuple(Aside(a.value, "part") for a in later if a not in used)
            return Money(total.value, shares, (total.value, *(a.value for a in used)), asides)
        shares = ((total.note, total.value),) if total.note else ()
        return Money(
            total.value, shares, (total.value,), tuple(Aside(a.value, "part") for a in later)
        )
    if len(named) == len(parts):
        value = sum(a.value for a in parts)
        shares = tuple((a.note, a.value) for a in parts)
        return Money(
            value,
            shares,
            tuple(a.value for a in parts),
            tuple(Aside(a.value, "part") for a in later),
        )
    return Money(
        None,
        read=tuple(a.value for a in amounts),
        aside=tuple(Aside(a.value, "several") for a in parts),
        problem="several",
    )


def _split_parts(text: str, amounts: list[Amount]) -> tuple[list[Amount], list[Amount]]:
    """The figures of the value, and the amounts after a 'hvorav'/'herav'/'(' that state
    parts of the figure before them."""
    parts = [amounts[0]]
    later: list[Amount] = []
    for prev, a in pairwise(amounts):
        between = text[prev.end : a.start]
        if later or _PART_WORDS.search(between) or "(" in between or len(between.strip()) > 12:
            later.append(a)
        elif _SEPARATOR.match(between) or not between.strip():
            parts.append(a)
        else:
            later.append(a)
    return parts, later


_SHARE = re.compile(r"([A-ZÆØÅ][\wÆØÅæøå.\- ]{0,40}?)\s*:?\s*(?:kr\.?\s*)?$")


def _breakdown(
    text: str, total: Amount, later: list[Amount]
) -> tuple[tuple[tuple[str | None, int], ...], list[Amount]] | None:
    """'650 000 (Nord 400 000, SePU 250 000)': named parts in a parenthesis right after
    the total that add up to it."""
    if not later or not _NOTE_OPEN.match(text[total.end :]):
        return None
    close = text.find(")", total.end)
    inside = [a for a in later if close < 0 or a.end <= close + 1]
    if len(inside) < 2:
        return None
    shares: list[tuple[str | None, int]] = []
    cursor = text.find("(", total.end) + 1
    for a in inside:
        m = _SHARE.search(text[cursor : a.start])
        if m is None or _PART_WORDS.search(text[cursor : a.start]):
            return None
        shares.append((m.group(1).strip(), a.value))
        cursor = a.end
    if sum(v for _, v in shares) != total.value:
        return None
    return tuple(shares), inside


def sum_difference(owner: int | None, uh: int | None, total: int | None) -> int | None:
    """owner + UH - total where all three are stated, else None. Zero means they agree."""
    if owner is None or uh is None or total is None:
        return None
    return owner + uh - total


# --- amounts in running text --------------------------------------------------------------

_PART_START = re.compile(
    r"^\W*(?:[\w-]+\s*:\s*)?(?:herav|hvorav|derav|av\s+dette|av\s+desse|inkludert|inkl\.?)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])|\n{2,}")
_OWN = re.compile(
    r"egeninnsats|eigeninnsats|egenandel|eigendel|eigenandel|egen\s+innsats|"
    r"(?:av\s+)?(?:egne|eigne)\s+(?:midler|midlar|budsjett)",  # 'løyver … av eigne midlar'
    re.I,
)
_EARLIER = re.compile(
    r"\b(?:fikk|fekk|fått|fatt|tildelt|tildelte|tildeling|tildelinga|tildelingen|innvilget|"
    r"innvilga|mottok|mottatt|motteke|"
    r"brukte|brukt|i\s+fjor|forrige\s+år|førre\s+år|tidligere\s+år|tidlegare\s+år)\b",
    re.IGNORECASE,
)
# a sentence that corrects figures: 'Beklager, … riktig er', 'Rettelse:', '… (ikke 270 000)'
# 'UH-andelen i tiltak 2 er justert til 210 000': a figure changed, the new one named
_CHANGED_VERB = r"\b(?:justert|endret|endra|oppdatert|rettet|retta)\s+(?:opp\s+|ned\s+)?til\b"
CORRECTS = re.compile(
    r"\b(?:beklager|rettelse|retting|korriger\w*|riktig(?:e)?\s+(?:er|beløp)|rett\s+er)\b|"
    rf"\((?:ikke|ikkje)\s+\d|{_CHANGED_VERB}",
    re.I,
)
CHANGED_TO = re.compile(rf"{_CHANGED_VERB}|\bny(?:e|tt)?\s+(?:sum|beløp|tal|tall)\b", re.I)
_EXAMPLE = re.compile(
    r"(?<!\w)(?:f\.\s?eks\.?|for\s+eksempel|til\s+dømes|t\.\s?d\.|eksempelvis|døme:)(?!\w)", re.I
)
_OTHER = re.compile(
    r"\b(?:andre\s+prosjekt|anna\s+prosjekt|eget\s+prosjekt|eige\s+prosjekt|"
    r"eget\s+budsjett|eige\s+budsjett|"  # 'Språkløyper-prosjektet har et eget budsjett på …'
    r"inngår\s+ikke\s+i\s+(?:denne\s+)?behovsmelding|inngår\s+ikkje\s+i\s+(?:denne\s+)?behovsmelding)",
    re.I,
)
# 'Framlegg om eit fjerde tiltak (… kr 200 000) fall, 3 mot 4 røyster', 'forslaget ble
# nedstemt': a proposal the meeting voted down is no measure of the report
_REJECTED = re.compile(
    r"\b(?:fall|falt)\b,?\s+(?:\d+\s+mot\s+\d+|mot\b|med\b)"
    r"|\b(?:ble|vart|blei|blitt)\s+nedstemt\b|\bnedstemt\b"
    r"|\bikke\s+vedtatt\b|\bikkje\s+vedteke\b|\bfikk\s+ikke\s+flertall\b"
    r"|\bfekk\s+ikkje\s+fleirtal\b",
    re.I,
)
_REQUEST = re.compile(
    r"\b(?:søker|søkjer|søke|søkje|omsøkt|ber\s+om|ber\b.{0,30}?\bom\b|"
    r"meld(?:er|ar|es|ast)?\s+(?:vi\s+)?(?:eit\s+|et\s+)?(?:samla\s+|samlet\s+)?behov|"
    r"behov\s+for|budsjett\w*|trenger|treng|ønsker|ønskjer|ramme(?:n)?\s+(?:på|er)|"
    r"andel(?:en)?\s+(?:er|blir|utgjør|på)|koster|kostar)\b",
    re.IGNORECASE,
)
REQUEST = _REQUEST  # words that ask for money ('søker om', 'melder eit behov')
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_ROLE_OWNER = re.compile(
    r"\b(?:eier|eiers|eigar|eigars|skoleeier|skuleeigar|kommunen|kommunens|"
    r"eierandel(?:en)?|eigarandel(?:en|a)?|eigardel(?:en)?)\b",
    re.I,
)
_ROLE_UH = re.compile(
    r"\b(?:uh|uh-\w+|universitet\w*|høgskole\w*|høgskule\w*|høyskole\w*|kompetansemiljø\w*)\b",
    re.IGNORECASE,
)
_ROLE_TOTAL = re.compile(
    r"\b(?:totalt|til\s+sammen|til\s+saman|tilsammen|samlet|samla|i\s+alt|totalsum|"
    r"totalbeløp|til\s+saman\s+altså)\b",
    re.IGNORECASE,
)


_ROLE_SUM = re.compile(
    r"\b(?:sum|summen|totalt?|samla|samlet|i\s+alt|til\s+sammen|til\s+saman|tilsammen)\b", re.I
)
# "eier 120 000 / UH 250 000" and "Eigar 60 000 | UH 180 000" too; not the comma of '0,25 mill.'
_ROLE_PIECES = re.compile(r"(?<!\d),|,(?!\d)|[;()|]|\bog\b|\s/\s")
_RESULT_SIGN = re.compile(r"\s*(?:=|→|->|⇒)\s*")


# a figure that goes to the coordinator ('… til lokal koordinator', 'Koordinatoren')
COORDINATOR = re.compile(r"koordinator|koordinering", re.I)


def roles_in(text: str) -> list[str]:
    """The roles a text names: 'owner' (eier, eigar, kommunen), 'uh' (UH, universitet,
    høgskole) and 'total' (sum, totalt, samlet)."""
    pairs = (("owner", _ROLE_OWNER), ("uh", _ROLE_UH), ("total", _ROLE_SUM))
    return [role for role, rx in pairs if rx.search(text)]


def role_amounts(
    text: str, uh_names: tuple[str, ...] = (), owner_names: tuple[str, ...] = ()
) -> tuple[list[tuple[str, int]], list[int]] | None:
    """'eier 180 000 kr, UH 270 000 kr, hvorav 20 000 kr til reise (sum 450 000 kr)': a
    value that lists its figures each with its role, as (role, value) pairs and the parts
    set aside; a UH or owner may be named instead of its role word ('HVL kr 200 000').
    None unless every figure in the text has a role or is a part: a list with one figure
    of unknown role is not read in part."""
    named = _name_patterns(uh_names, "uh") + _name_patterns(owner_names, "owner")
    roles: list[tuple[str, int]] = []
    parts: list[int] = []
    # 'Eigar 0,25 mill. / UH 0,3 mill. = 0,55 mill.', '… → samla 200k': what follows the
    # sign is the sum of the figures before it
    text = _RESULT_SIGN.sub(
        lambda m: ", totalt " if not _ROLE_TOTAL.match(m.string, m.end()) else ", ", text
    )
    for piece in _ROLE_PIECES.split(text):
        amounts = find_amounts(piece)
        if not amounts:
            continue
        if len(amounts) > 1:
            return None
        words = piece[: amounts[0].start] + " " + piece[amounts[0].end :]
        if _PART_START.match(piece) or _PART_BEFORE.search(piece[: amounts[0].start]):
            parts.append(amounts[0].value)
            continue
        found = roles_in(words) or list({role for rx, role in named if rx.search(words)})
        if len(found) != 1:
            return None
        roles.append((found[0], amounts[0].value))
    if not roles or len({r for r, _ in roles}) != len(roles):
        return None
    return roles, parts


@dataclass(frozen=True)
class ProseFigure:
    role: str  # "owner" | "uh" | "total"
    value: int
    start: int  # offset of the sentence in the text


@dataclass
class ProseMoney:
    figures: list[ProseFigure] = field(default_factory=list)
    aside: list[Aside] = field(default_factory=list)
    unplaced: list[int] = field(default_factory=list)


def prose_money(
    text: str, year: int | None, uh_names: tuple[str, ...] = (), owner_names: tuple[str, ...] = ()
) -> ProseMoney:
    """The budget figures that sentences of running text tie to a role and to `year`;
    the UH's and the owner's names ('380 000 kroner fra UiA', '220 000 kroner fra
    Flekkefjord kommune') tie a figure to them as their role words do."""
    found = _prose_money(text, year, tuple(uh_names), tuple(owner_names))
    return ProseMoney(list(found.figures), list(found.aside), list(found.unplaced))


@lru_cache(maxsize=1 << 14)  # copied out by prose_money, so a caller may change its lists
def _prose_money(
    text: str, year: int | None, uh_names: tuple[str, ...], owner_names: tuple[str, ...]
) -> ProseMoney:
    """The budget figures that sentences of running text tie to a role and to `year`."""
    out = ProseMoney()
    extra = _name_patterns(uh_names, "uh")
    # the owner's name only after a figure: before it, it is who asks ('Samlet søker Alta
    # kommune om 650 000 kroner'), not whose share it is
    after_only = _name_patterns(owner_names, "owner")
    offset = 0
    for sentence in _SENTENCE_END.split(text):
        start = text.find(sentence, offset)
        offset = max(offset, start)
        amounts = find_amounts(sentence)
        if not amounts:
            continue
        why = not_budget_reason(sentence, year)
        if why is None and CORRECTS.search(sentence):
            # a correction's figures: applied by fill/corrections.py, named by the
            # accounting; never a budget row of their own
            out.unplaced += [a.value for a in amounts]
            continue
        if _UNIT_STATED.search(sentence) and all(
            a.value == 1000 or _UNIT_EXAMPLE.match(sentence[max(0, a.start - 12) : a.start])
            for a in amounts
        ):
            # 'Alle beløp er oppgitt i hele 1 000 kroner.', 'i hele 1000 kr (250 = kr
            # 250 000)': the unit of the figures, and its example
            why = "unit"
        if why is not None:
            out.aside += [Aside(a.value, why) for a in amounts]
            continue
        parts = [
            a
            for a in amounts
            if _PART_BEFORE.search(sentence[max(0, a.start - 25) : a.start])
            or _PART_AFTER.match(sentence, a.end)
        ]
        if parts and not _REQUEST.search(sentence) and not _ROLE_TOTAL.search(sentence):
            # 'UH-beløpet omfatter 30 000 kr til reise': a part of an amount given elsewhere
            out.aside += [Aside(a.value, "part") for a in parts]
            amounts = [a for a in amounts if a not in parts]
        approx = [a for a in amounts if _APPROX.search(sentence[max(0, a.start - 20) : a.start])]
        out.aside += [Aside(a.value, "approximate") for a in approx]
        amounts = [a for a in amounts if a not in approx]
        if not _REQUEST.search(sentence) and not _ROLE_TOTAL.search(sentence):
            out.unplaced += [a.value for a in amounts]
            continue
        prev_end = 0
        placed: list[ProseFigure] = []
        loose: list[int] = []
        for k, a in enumerate(amounts):
            nxt = amounts[k + 1].start if k + 1 < len(amounts) else len(sentence)
            before = sentence[prev_end : a.start]
            after = sentence[a.end : nxt]
            role = _role(before, after, extra, after_only)
            if role is None and _PART_BEFORE.search(before[-25:]):
                # '…, hvorav 25 000 er reise'; '…, hvorav 25 000 kroner til koordinering':
                # the coordinator's part of the owner's share
                head = re.split(r"[,;]|\bog\b", after, maxsplit=1)[0]
                why = "coordinator" if COORDINATOR.search(head) else "part"
                out.aside.append(Aside(a.value, why))
            elif role is None:
                loose.append(a.value)
            else:
                placed.append(ProseFigure(role, a.value, start))
            prev_end = a.end
        # 'ber vi om 405 000 kroner: 40 000 til eigar og 365 000 til UH': the figure the
        # owner's and the UH's parts add up to is the total
        owner_uh = sum(p.value for p in placed if p.role in ("owner", "uh"))
        if len(loose) == 1 and owner_uh == loose[0] and not any(p.role == "total" for p in placed):
            placed.append(ProseFigure("total", loose.pop(), start))
        out.figures += placed
        out.unplaced += loose
    return out


_UNIT_EXAMPLE = re.compile(r".*\d\s*=\s*(?:kr\.?\s*)?$", re.I)
_UNIT_STATED = re.compile(
    r"\bi\s+(?:hele\s+|heile\s+)?1[\s\u00a0\u202f.]?000\s*(?:kr\.?|kroner|nok)(?!\w)", re.I
)


def not_budget_reason(sentence: str, year: int | None) -> str | None:
    """Why a sentence (or a row's label) names no budget figure ('own-contribution',
    'earlier-grant', …), or None."""
    if _EXAMPLE.search(sentence):
        return "example"  # 'fordel beløpet …, f.eks. 150 000 til eier': the form's instruction
    if _PART_START.match(sentence):
        return "part"
    if _OWN.search(sentence):
        return "own-contribution"
    if _OTHER.search(sentence):
        return "other-project"
    if _REJECTED.search(sentence):
        return "rejected"
    years = {int(y) for y in _YEAR.findall(sentence)}
    if _EARLIER.search(sentence):
        return "earlier-grant"
    if year is not None and years and year not in years and all(y < year for y in years):
        return "other-year"
    return None


def _name_patterns(names: tuple[str, ...], role: str) -> list[tuple[re.Pattern[str], str]]:
    """A name, or its possessive ('OsloMets andel'), as a word of `role`."""
    return [(re.compile(rf"(?<!\w){re.escape(n)}s?(?!\w)"), role) for n in names if n]


def _role(
    before: str,
    after: str,
    extra: list[tuple[re.Pattern[str], str]],
    after_only: list[tuple[re.Pattern[str], str]],
) -> str | None:
    """The role a figure is tied to: the words right after it ('300 000 kroner til
    eigar'), else the last role word before it in its clause (`after_only` names count
    only after it)."""
    head = re.split(r"[,;]|\bog\b", after, maxsplit=1)[0]
    for text in (head,):
        role = _role_in(text, [*extra, *after_only], last=False)
        if role:
            return role
    clause = re.split(r"[,;]|\bog\b", before)[-1]
    return _role_in(clause, extra, last=True)


def _role_in(text: str, extra: list[tuple[re.Pattern[str], str]], last: bool) -> str | None:
    found: list[tuple[int, str]] = []
    for rx, role in ((_ROLE_TOTAL, "total"), (_ROLE_OWNER, "owner"), (_ROLE_UH, "uh")):
        found += [(m.start(), role) for m in rx.finditer(text)]
    for rx, role in extra:
        found += [(m.start(), role) for m in rx.finditer(text)]
    if not found:
        return None
    found.sort()
    return found[-1][1] if last else found[0][1]
