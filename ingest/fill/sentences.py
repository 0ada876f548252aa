"""Fields stated in sentences: a letter, or the running text of a form.

Used only for what the form's fields left unknown, so an answer in a field always wins.
A sentence is read like a pair whose label is the vocabulary phrase inside it ('drøfta
med dei tillitsvalde', 'samiske perspektiv', 'samanheng med vidareutdanning',
'vidareføring av meldinga') and whose value is the sentence itself: a negation ('ikkje',
'ikke', 'ingen') answers no; 'ikkje relevant' is not relevant; the options it names
(sector, phases) are the answer. Besides those:

* a measure is a sentence that starts with 'Tiltak N' and names it in quotes («…», "…");
  the sentences up to the next measure or the summary are its text: its terms ('over
  vår og haust 2025'), its UH, its target groups, and the money those sentences tie to a
  role (`kompetansekart.ingest.money.prose_money`);
* the summary is a sentence that opens with 'Samla', 'Samlet', 'Totalt', 'I alt', 'Til
  saman': the money it ties to a role;
* a coordinator's share: 'Av eiers andel i tiltak 1 går 60 000 kroner til koordinator';
* units: '11 offentlege skular', 'PP-tenesta (1)', 'Ingen private skular';
* contacts: 'Kontaktperson hos oss er <name>, <function> (<e-mail>)', '… ved <UH> er …'.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kompetansekart.ingest.checkboxes import BOX, count_boxes
from kompetansekart.ingest.context import UH_KINDS
from kompetansekart.ingest.fill.header import (
    add_contact,
    add_uh,
    add_unions,
    measures_named,
    network_text,
    party_named,
    union_names,
)
from kompetansekart.ingest.fill.state import Slot, State
from kompetansekart.ingest.fill.values import option_set, person, pick
from kompetansekart.ingest.form.model import MEASURE
from kompetansekart.ingest.money import (
    _REQUEST,
    COORDINATOR,
    amounts_in,
    prose_money,
    role_amounts,
)
from kompetansekart.ingest.records import BudgetRow, Contact, Role, UhShare
from kompetansekart.ingest.terms import find_terms, term_sort_key

_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"])")
_NEGATION = re.compile(r"\b(?:ikkje|ikke|ingen|inga|ikkje\s+noko|verken|korkje)\b", re.I)
# 'Det er foreløpig uavklart om …', '… dette vet vi ikke før …': the answer is not known
# yet, which is not a no
_UNDECIDED = re.compile(
    r"\b(?:uavklart|uavklara|ikke\s+avklart|ikkje\s+avklart|ikkje\s+avklara|usikkert|"
    r"vet\s+(?:vi\s+)?ikke|veit\s+(?:vi\s+)?ikkje|ikke\s+bestemt|ikkje\s+bestemt)\b",
    re.I,
)
_NOT_RELEVANT = re.compile(
    r"\b(?:ikkje|ikke)\s+(?:funnet\s+|funne\s+|sett\s+på\s+som\s+|vurdert\s+som\s+)?"
    r"(?:relevant\w*|aktuel\w*)",
    re.I,
)
_MEASURE = re.compile(r"^tiltak(?:et)?\s+(?:nr\.?\s*)?(\d{1,2})\b", re.I)
_QUOTED = re.compile(r"[«\"“]([^»\"”]{3,120})[»\"”]")
_SUMMARY = re.compile(
    r"^(?:samla|samlet|totalt|i\s+alt|til\s+saman|til\s+sammen|alt\s+i\s+alt|oppsummert"
    r"|oppsummering)\b",
    re.I,
)
# '5. Av kommunens andel …' after the measures of a numbered decision: the next item
_ANSWER_LINE = re.compile(r"^(?:(?:kr|nok)\.?\s*)?\d[\d .,]*(?:\s*(?:kr|nok|kroner|,-))?$", re.I)
_NEXT_ITEM = re.compile(r"^(?P<n>\d{1,2})[.)]\s+\S")
_PHASES = (
    ("analyse", re.compile(r"\b(?:analys|kartlegg)\w*", re.I)),
    ("planlegging", re.compile(r"\bplanlegg\w*", re.I)),
    ("gjennomforing", re.compile(r"\bgjennomfør\w*", re.I)),
)
_PHASE_WORDS = re.compile(r"\b(?:analyse|kartlegging|planlegging|gjennomføring)\b", re.I)
_USED_FOR = re.compile(r"\b(?:brukes|brukast|nyttes|nyttast)\s+til\s+(.{0,60})", re.I)
# 'fase', 'fasen', 'gjennomføringsfasen'; 'For 2026 meldes behov for planlegging og
# gjennomføring': the phases named as what the report asks for
# (nynorsk 'fasane', 'fasar')
_FASE = re.compile(r"fas(?:e|a)|\bbehov\s+for\s+(?:analys|kartlegg|planlegg|gjennomfør)", re.I)
# 'analysefasen er dermed avsluttet', 'Kommunen gjennomførte analysefasen høsten 2025': a
# phase that is over is not one the partnership is in
_DONE = re.compile(
    r"\b(?:avsluttet|avslutta|fullført|ferdig|ferdigstilt|gjennomførte|gjennomførde"
    r"|gjennomført|gjennomførd)\b",
    re.I,
)
# 'Behovsmeldingen er ny', 'vi viderefører ikke behovsmeldingen fra 2025': not a continuation
_NEW_REPORT = re.compile(
    r"\b(?:behovsmelding(?:en|a)|meldinga|meldingen)\s+er\s+ny\b"
    r"|\b(?:viderefører|vidarefører)\s+(?:vi\s+)?(?:ikke|ikkje)\s+(?:behovsmelding|meldinga)",
    re.I,
)

# '7 kommunale og 2 private barnehager': the noun of the first count is the second's
_AND_PRIVATE = r"(?:\s+og\s+\w+\s+private)?"
# a kindergarten or a school, not its owner or its staff ('fire kommunale barnehageeiere')
_NOT_UNIT = r"(?!e?(?:eier|eigar|myndig|lærer|lærar|leiar|leder|sektor))"
_BHG = rf"barnehag{_NOT_UNIT}\w*"
_SKOLE = rf"sk[uo]l{_NOT_UNIT}\w*"
_UNITS = (
    ("kommunale_barnehager", rf"(?:kommunale|offentlege|offentlige){_AND_PRIVATE}\s+{_BHG}"),
    ("private_barnehager", rf"private?\s+{_BHG}"),
    (
        "offentlige_skoler",
        rf"(?:offentlege|offentlige|kommunale){_AND_PRIVATE}\s+(?:grunn)?{_SKOLE}",
    ),
    ("private_skoler", rf"private?\s+(?:grunn)?{_SKOLE}|friskul\w*|friskol\w*"),
    ("ppt", r"pp-tene\w*|pp-tjene\w*|ppt\b"),
)
_SECTOR = re.compile(
    r"\b(?:for|i|gjeld|gjelder|gjeldande)\s+(?:heile\s+|hele\s+)?(barnehag\w*|grunnsk[uo]l\w*|sk[uo]l\w*)",
    re.I,
)
_CONTACT_AS = re.compile(
    r"^(?P<org>[^,.]+?)\s+er\s+(?:\w+\s+){0,2}partner\w*,?\s+med\s+(?P<who>[^()]+?),?\s+"
    r"som\s+kontaktperson\w*\s*(?:\((?P<more>[^()]*)\))?",
    re.I,
)
_CONTACT_LABEL = re.compile(
    r"^(?:\d{1,2}[.)]\s+)?kontaktperson\w*(?:\s+(?:for\s+|hos\s+|ved\s+)?(?P<of>[^:]{1,40}?))?"
    r"\s*:\s*(?P<who>\S.{2,})$",
    re.I,
)
_PARTY_PERSON = re.compile(
    r"^(?:kontaktpersoner?\.?\s+)?(?P<of>[A-ZÆØÅ][^:,.]{1,40}):\s*(?P<who>[A-ZÆØÅ][^:]{2,80}?,"
    r"[^:]*?[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\.?$",
    re.I,
)
_CONTACT = re.compile(
    r"\bkontaktperson\w*\s+(hos\s+oss|hos\s+\S+|ved\s+[^,]+?|for\s+[^,]+?|i\s+\S+)\s+er\s+(.+)$",
    re.I,
)


@dataclass
class Sentence:
    text: str
    lines: list[int]


def sentences(f: State, lines: list[int]) -> list[Sentence]:
    """The sentences of consecutive text lines, each with the lines it stands on (kept on
    the state: several passes read the same lines' sentences)."""
    key = tuple(sorted(set(lines)))
    found = f.sentence_cache.get(key)
    if found is None:
        found = f.sentence_cache[key] = _sentences(f, key)
    return found


def _sentences(f: State, lines: tuple[int, ...]) -> list[Sentence]:
    out: list[Sentence] = []
    block: list[int] = []
    starts = {s.start for s in f.form.sections}
    for j in lines:
        before = f.doc.plain(block[-1]) if block else ""
        if (
            block
            and (
                j != block[-1] + 1
                # 'Tiltak 2) … – eier …' under 'Tiltak 1) …': a run-in heading opens its own
                or j in starts
                or (f.doc.gap(j) and before.endswith((".", ":", "?")))
                # 'Arbeidsutvalget godkjenner følgende tiltak:' over 'Tiltak 1 «…»': a list
                # starts, and its first item is a sentence of its own
                or (before.endswith(":") and f.doc.plain(j)[:1].isupper())
                # '… følgende tiltak:' over '1) Det første tiltaket, «…», …' and '2) …'
                or (before.endswith((":", ".")) and _NEXT_ITEM.match(f.doc.plain(j)))
                # '[x] PBL er orientert …' under another line: an option of its own
                or _BOX_FIRST.match(f.doc.plain(j)) is not None
                # '6' over 'Antall private skoler som er med': a form's answer alone on its
                # line ends its question's statement; the next line is never its sentence
                or _ANSWER_LINE.match(before) is not None
                # 'Analyse og fase' over 'Behovsmeldinga byggjer på …': a title after a
                # blank line, above its paragraph, is no part of its first sentence
                or (
                    len(block) == 1
                    and f.doc.gap(block[0])
                    and _TITLE_LINE.match(before) is not None
                    and f.doc.plain(j)[:1].isupper()
                )
            )
        ):
            out += _split_block(f, block)
            block = []
        block.append(j)
    if block:
        out += _split_block(f, block)
    return out


_TITLE_LINE = re.compile(r"^[A-ZÆØÅ][^.!?:;,]{0,40}$")  # a few words, no stop or comma


def _split_block(f: State, block: list[int]) -> list[Sentence]:
    text = ""
    spans: list[tuple[int, int, int]] = []
    for j in block:
        start = len(text) + (1 if text else 0)
        text = f"{text} {f.doc.plain(j)}" if text else f.doc.plain(j)
        spans.append((start, len(text), j))
    out = []
    cursor = 0
    for part in _SPLIT.split(text):
        begin = text.find(part, cursor)
        end = begin + len(part)
        cursor = end
        on = [j for s, e, j in spans if s < end and e > begin]
        out.append(Sentence(part, on))
    return out


def read_sentences(f: State, lines: list[int]) -> None:
    found = sentences(f, lines)
    if not found:
        return
    r = f.report
    if not f.slots and not r.measures:
        _numbered_measures(f, lines)
    if not f.slots and not r.measures:
        _measures(f, found)
    for k, s in enumerate(found):
        _fields(f, s)
        if k and _names_unions_after(f, found[k - 1], s):
            add_unions(f, union_names(f, s.text), s.lines[0])
        if "iltak" in s.text:  # 'Tiltak 3 og 5 er nye; tiltak 1, 2 og 4 viderefører …'
            measures_named(f, s.text, s.lines[0])
        _measure_money(f, s)
        _run_in_facts(f, s)
        _measure_period(f, s)
        _used_for(f, s)
        _network_named(f, s)
        _breakdown(f, s)
        _coordinator(f, s)
        _units(f, s)
        _contact(f, s)
        _partner(f, s)


def _measure_period(f: State, s: Sentence) -> None:
    """'**Tiltak 1 – Språkmiljø.** Målgruppe: … Periode: vår og haust 2026.': the period a
    sentence of a measure's own paragraph gives, when its fields gave none."""
    m = _PERIOD.match(s.text)
    section = f.form.section_at(s.lines[0]) if m else None
    part = section.within("measure") if section is not None else None
    if m is None or part is None or part.number is None:
        return
    slot = f.section_slot(part)
    found = sorted({t[1] for t in find_terms(m["value"])}, key=term_sort_key)
    if found and not slot.measure.terms:
        slot.measure.terms = found
        slot.note("terms", s.lines[0])


_PERIOD = re.compile(r"^(?:periode|tidsrom|tidsperiode|når)\s*:\s*(?P<value>.+)$", re.I)


def _run_in_facts(f: State, s: Sentence) -> None:
    """'Tiltak 1) Språkmiljø – Høgskolen i Østfold – vår 2026 – eier 120 000 / UH …': the
    sentence that is a run-in measure heading gives that measure's UH, terms and money."""
    section = f.form.section_at(s.lines[0])
    if section is None or section.kind != "measure" or not section.run_in:
        return
    if s.lines[0] != section.start or section.number is None:
        return
    slot = f.section_slot(section)
    _measure_text(f, slot, [s])
    parts = _FACT_SEP.split(s.text)
    money = " / ".join(p for p in parts[1:] if amounts_in(p))
    found = role_amounts(money, uh_names(f), owner_names(f)) if money else None
    if found is None:
        return
    roles, aside = found
    f.aside(s.lines, aside, "part")
    for role, value in roles:
        measure_figure(f, slot, role, value, s.lines)


_FACT_SEP = re.compile(r"\s[–—]\s")


# 'sendes fra kompetansenettverket **Region Nord** på Haugalandet': the network by its name
# capitalised words that start a line or a sentence, not a network's name
_NOT_A_NAME = frozenset({"Til", "Fra", "Frå", "For", "Med", "Og", "I", "Som", "Det", "Den", "Vi"})
# 'kompetansenettverket Vesterålen og Lødingen (RKK Vesterålen)': capitalised words, 'og'
# between two of them, and the short name in brackets after them
_NAME_WORDS = r"[A-ZÆØÅ][\wæøåÆØÅ-]*(?:\s+(?:og\s+)?[A-ZÆØÅ][\wæøåÆØÅ-]*){0,3}"
_SHORT_NAME = r"(?:\s\([A-ZÆØÅ]{2,6}(?:\s+[A-ZÆØÅ][\wæøåÆØÅ-]*)?\))?"
_THE_NETWORK = re.compile(
    rf"\b(?:kompetanse)?nettverket\s+({_NAME_WORDS}{_SHORT_NAME})"
    # 'Ålesund er med i Kompetansenettverk Sunnmøre': the name is the whole
    r"|\b((?:Kompetansenettverk|Kompetanseregion|Kompetansenettverket|Barnehagenettverk(?:et)?|"
    rf"Skolenettverk(?:et)?|Skulenettverk(?:et)?)\s+{_NAME_WORDS})"
    # 'Vi deltar i kompetansenettverket «Kompetansenettverk for private barnehager …»'
    r"|\b(?:kompetanse)?nettverket\s+«([^«»]{3,80})»"
)


def _network_named(f: State, s: Sentence) -> None:
    if "network" in f.report.evidence:
        return
    text = s.text.replace("**", "")
    for m in _THE_NETWORK.finditer(text):
        name = m.group(1) or m.group(2) or m.group(3)
        if text[m.end() :].lstrip().startswith(":") or name.split()[0] in _NOT_A_NAME:
            continue  # '… på vegner av nettverket' over 'Til: Statsforvaltaren': a label
        network_text(f, name, s.lines[0])
        return


def _used_for(f: State, s: Sentence) -> None:
    """'Tilskuddet skal brukes til gjennomføring av tiltak.' in a measure's part: what its
    money is used for is the measure's purpose."""
    use = _USED_FOR.search(s.text)
    if use is None:
        return
    section = f.form.section_at(s.lines[0])
    part = section.within("measure") if section is not None else None
    if part is None or part.number is None:
        # 'Midlene skal brukes til planlegging og gjennomføring av tiltak.' said of the
        # whole report: what the money is for is the report's phases
        if not f.report.phases and _PHASE_WORDS.search(use.group(1)):
            phases = [p for p, rx in _PHASES if rx.search(use.group(1))]
            f.report.phases = phases
            f.evidence("phases", s.lines[0])
        return
    slot = f.section_slot(part)
    found = option_set("purpose").find(use.group(1))
    if found and slot.measure.purpose is None:
        slot.measure.purpose = found[0].value
        slot.note("purpose", s.lines[0])


def _names_unions_after(f: State, before: Sentence, s: Sentence) -> bool:
    """'… er drøfta med dei tillitsvalde. Til stede var Utdanningsforbundet …': the
    sentence right after the consultation, in its paragraph, names who took part."""
    if f.report.union_consultation.unions or not f.report.union_consultation.held:
        return False
    start, end = s.lines[0], before.lines[-1]
    if start - end > 1 or (start != end and f.doc.gap(start)):
        return False  # another paragraph
    said = f.labels.phrase(before.text)
    return said is not None and "union_held" in said.fields


def _fields(f: State, s: Sentence) -> None:
    r = f.report
    meaning = f.labels.phrase(s.text)
    fields = set(meaning.fields) if meaning else set()
    i = s.lines[0]
    negated = _NEGATION.search(s.text) is not None
    boxed, answer = _marked_answer(s.text)
    if boxed and answer is None:
        fields = set()  # boxes, but no single one marked: the accounting reports the choice
    elif boxed:
        negated = answer != "ja"
    if "continuation" in fields and r.continuation is None:
        r.continuation = not negated
        f.evidence("continuation", i)
        _marks_read(f, s, boxed)
        if meaning and meaning.year and not negated:
            r.continues_year = meaning.year
    if "union_informed" in fields and _BOX_FIRST.match(s.text):
        _marks_read(f, s, True)  # '[x] PBL er orientert om meldinga': told, not a union
    if "union_held" in fields and r.union_consultation.held is None:
        r.union_consultation.held = not negated
        f.evidence("union_consultation.held", i)
        _marks_read(f, s, boxed)
        if not r.union_consultation.unions:
            add_unions(f, union_names(f, s.text), i)
    if "sami" in fields and r.sami_perspective is None:
        if boxed:
            r.sami_perspective = answer if answer in ("ja", "nei", "ikke_relevant") else None
        else:
            r.sami_perspective = (
                "ikke_relevant" if _NOT_RELEVANT.search(s.text) else ("nei" if negated else "ja")
            )
        f.evidence("sami_perspective", i)
        _marks_read(f, s, boxed)
    if "further_ed" in fields and r.linked_to_further_education is None:
        if boxed:
            r.linked_to_further_education = answer if answer in ("ja", "nei", "vet_ikke") else None
        elif _UNDECIDED.search(s.text):
            r.linked_to_further_education = "vet_ikke"
        else:
            r.linked_to_further_education = "nei" if negated else "ja"
        f.evidence("linked_to_further_education", i)
        _marks_read(f, s, boxed)
    # ('Analyse og fase' over a paragraph: a title, which states no phase)
    said = len(s.text.split()) >= 5
    if not r.phases and said and _FASE.search(s.text) and not _DONE.search(s.text):
        phases = [p for p, rx in _PHASES if rx.search(s.text)]
        if phases:
            r.phases = phases
            f.evidence("phases", i)
    # a title ('Behovsmelding – kompetanseutvikling i barnehage og skole') names the field
    # the form is for, not the report's sector: only a sentence that ends as one counts
    stated = s.text.rstrip().endswith((".", "!"))
    about = _ABOUT_REPORT.search(s.text)
    if r.continuation is None and _NEW_REPORT.search(s.text):
        r.continuation = False
        f.evidence("continuation", i)
    if r.sector is None and stated and about and "sector" not in f.asked:
        sector = _sector(s.text)
        if sector:
            r.sector = sector
            f.evidence("sector", i)


_ABOUT_REPORT = re.compile(r"behovsmelding|meldinga|meldingen", re.I)


_BOX_FIRST = re.compile(rf"^\s*(?:{BOX.pattern})")


def _marks_read(f: State, s: Sentence, boxed: bool) -> None:
    """The ticked boxes of a sentence whose answer they gave are read."""
    if boxed:
        for j in s.lines:
            f.marks[j] = max(f.marks[j], count_boxes(f.doc.text(j))[0])


def _marked_answer(text: str) -> tuple[bool, str | None]:
    """A sentence with answer boxes ('… er ivaretatt ☑ Ja ☐ Nei'): the boxes decide, not
    the words (a 'Vurdert ikke relevant' option is not a negation)."""
    if not BOX.search(text):
        return False, None
    found = option_set("yesno").find(text)
    if not found:
        # '[x] Meldingen er drøftet med de tillitsvalgte': one box before the statement
        # says whether it holds
        lead = BOX.match(text.lstrip())
        if lead is None or len(BOX.findall(text)) != 1:
            return True, None
        return True, "ja" if count_boxes(lead.group())[0] else "nei"
    picked = pick(text, found, False)
    return True, picked.values[0] if len(picked.values) == 1 else None


def _sector(text: str) -> str | None:
    found = {m.group(1).lower() for m in _SECTOR.finditer(text)}
    kinds = {"barnehage" if w.startswith("barnehag") else "grunnskole" for w in found}
    if len(kinds) == 2 or re.search(r"barnehag\w*\s+og\s+(?:grunn)?sk[uo]l", text, re.I):
        return "begge"
    return kinds.pop() if len(kinds) == 1 else None


# '1. Språkmiljø og samtaler med de yngste barna. Personalet …': an item's title sentence
_TITLED_ITEM = re.compile(r"^(?P<n>\d{1,2})[.)]\s+(?P<name>[^.:;!?]{3,120}?)\.\s+(?P<rest>\S.*)$")


def _numbered_measures(f: State, lines: list[int]) -> None:
    """'… og ønsker to tiltak:' over '1. Språkmiljø … . Personalet …' and '2. Lek … .
    …': a letter's measures as a numbered list, each named by its first sentence."""
    doc = f.doc
    listing = False
    expected = 1
    for j in sorted(set(lines)):
        text = doc.plain(j)
        m = _TITLED_ITEM.match(text)
        if m is not None and int(m["n"]) == expected and (listing or expected > 1):
            slot = f.measure(expected, m["name"].strip())
            slot.named_by = "field"
            slot.note("name", j)
            rest = Sentence(m["rest"], [j])
            _measure_text(f, slot, [rest])
            expected += 1
            continue
        listing = text.rstrip().endswith(":") and _MEASURE_WORD.search(text) is not None
        if expected > 1 and m is None:
            return  # the list is over


def _measures(f: State, found: list[Sentence]) -> None:
    """'Tiltak 1, «Matematikk i begynnaropplæringa», skal gå over vår og haust 2025 …'."""
    current: tuple[int, str, Sentence] | None = None
    text: list[Sentence] = []
    groups: list[tuple[tuple[int, str, Sentence], list[Sentence]]] = []
    for s in found:
        name = _QUOTED.search(s.text)
        number = _measure_number(s.text[: name.start()]) if name else None
        if name and number is not None:
            if current is not None:
                groups.append((current, text))
            current = (number, name.group(1).strip(), s)
            text = [s]
        elif current is not None and (_SUMMARY.match(s.text) or _NEXT_ITEM.match(s.text)):
            groups.append((current, text))
            current, text = None, []
        elif current is not None:
            text.append(s)
    if current is not None:
        groups.append((current, text))
    for (number, title, first), group in groups:
        slot = f.measure(number, title)
        slot.named_by = "field"
        slot.note("name", first.lines[0])
        _measure_text(f, slot, group)


_ORDINALS = {
    "første": 1, "fyrste": 1, "andre": 2, "tredje": 3, "fjerde": 4, "femte": 5, "sjette": 6,
}  # fmt: skip
_ORDINAL_MEASURE = re.compile(
    r"\b(?:det|et|eit)\s+(" + "|".join(_ORDINALS) + r")\s+tiltak(?:et)?\b", re.I
)
_MEASURE_WORD = re.compile(r"\btiltak(?:et|a|ene)?\b", re.I)


def _measure_number(head: str) -> int | None:
    """The number of the measure a sentence opens, from the words before its quoted name:
    'Tiltak 1, «…»', '1) Det første tiltaket, «…»', 'Det andre tiltaket, «…»'."""
    m = _MEASURE.match(head)
    if m:
        return int(m.group(1))
    item = _NEXT_ITEM.match(head)
    if item and _MEASURE_WORD.search(head):
        return int(item["n"])
    ordinal = _ORDINAL_MEASURE.search(head)
    if ordinal and ordinal.start() <= 3:
        return _ORDINALS[ordinal.group(1).lower()]
    return None


def _measure_text(f: State, slot: Slot, group: list[Sentence]) -> None:
    m = slot.measure
    text = " ".join(s.text for s in group)
    lines = sorted({j for s in group for j in s.lines})
    terms = {term for _, term, *_ in find_terms(text)}
    if terms and not m.terms:
        m.terms = sorted(terms, key=term_sort_key)
        slot.note("terms", lines[0])
    uh = f.ctx.units_first(f.ctx.orgs_in(text, UH_KINDS))
    if uh and m.uh is None:
        m.uh = uh[0]
        slot.note("uh", lines[0])
    m.target_groups += [g for g in f.ctx.target_groups.ids_in(text) if g not in m.target_groups]
    use = _USED_FOR.search(text)  # 'Midlene skal brukes til gjennomføring av tiltak'
    purpose = option_set("purpose").find(use.group(1)) if use else []
    if purpose and m.purpose is None:
        m.purpose = purpose[0].value
        slot.note("purpose", lines[0])
    verbs = {kind for kind, rx in _PURPOSE_VERBS if rx.search(group[0].text)}
    if len(verbs) == 1 and m.purpose is None:  # 'Tiltak 2 «…» planlegges sammen med UiA'
        m.purpose = verbs.pop()
        slot.note("purpose", lines[0])
    continued = _continued(group[0].text)
    if continued is not None and m.continued is None:
        m.continued = continued
        slot.note("continued", lines[0])
    m.themes += [t for t in f.ctx.themes.ids_in(m.name) if t not in m.themes]
    names = uh_names(f, uh)
    money = prose_money(text, f.report.year, names, owner_names(f))
    for a in money.aside:
        f.aside(lines, [a.value], a.why)
        if a.why == "coordinator":
            measure_figure(f, slot, "coordinator", a.value, lines)
    for fig in money.figures:
        measure_figure(f, slot, fig.role, fig.value, lines)


# what a measure's own sentence says is done with it: its purpose
_PURPOSE_VERBS = (
    ("gjennomforing", re.compile(r"\bgjennomfør(?:es|ast|t)\b", re.I)),
    ("planlegging", re.compile(r"\bplanlegg(?:es|ast)\b", re.I)),
    ("vurdering", re.compile(r"\b(?:kartlegg|analyser|vurder)(?:es|ast)\b", re.I)),
)
_CONTINUED = re.compile(r"\b(?:videreføres|vidareførast|videreført|vidareført|fortsetter)\b", re.I)
_NEW_MEASURE = re.compile(r"\b(?:et|eit)\s+nytt\s+tiltak\b", re.I)


def _continued(text: str) -> bool | None:
    """'…, som videreføres fra 2025, …': a measure carried on; '…, som er et nytt
    tiltak, …': a new one; None when the sentence says neither (or both)."""
    carried = _CONTINUED.search(text) is not None and _NEGATION.search(text) is None
    new = _NEW_MEASURE.search(text) is not None
    return None if carried == new else carried


def _measure_money(f: State, s: Sentence) -> None:
    """'Til tiltak 1 søker vi 200 000 kroner, 80 000 til kommunen og 120 000 til UiT':
    a sentence about one measure, by number, gives that measure's money."""
    numbers = {int(n) for n in _MEASURE_NO.findall(s.text)}
    if len(numbers) > 1:
        return
    if numbers:
        slot = f.measure(numbers.pop(), create=False)
    else:
        # 'Tiltaket har en samlet ramme på kr 600 000' under the heading 'Tiltak 1 – …':
        # the sentence is about the measure of its part
        section = f.form.section_at(s.lines[0])
        part = section.within(MEASURE) if section is not None else None
        slot = f.section_slot(part) if part is not None and part.number is not None else None
    if slot is None:
        return
    names = uh_names(f)
    money = prose_money(s.text, f.report.year, names, owner_names(f))
    for a in money.aside:  # named even when the sentence gives the measure nothing
        f.aside(s.lines, [a.value], a.why)
    for fig in money.figures:
        measure_figure(f, slot, fig.role, fig.value, s.lines)
    if not money.figures and money.unplaced and not money.aside:
        # 'Eier kr 180 000, Nord universitet kr 320 000, sum kr 500 000.' in the measure's
        # own paragraph: each figure with its role, the measure's shares
        listed = role_amounts(s.text, names, owner_names(f))
        if listed is not None and not listed[1]:
            for role, value in listed[0]:
                measure_figure(f, slot, role, value, s.lines)


# a figure's role ('owner', 'uh', 'total') and the attribute of a measure or budget row
ROLE_ATTRS = {
    "owner": "owner_amount",
    "uh": "uh_amount",
    "total": "total_stated",
    "coordinator": "coordinator_amount",
}


def measure_figure(f: State, slot, role: str, value: int, lines: list[int]) -> None:
    """A measure's figure for one role, unless the measure has one already."""
    attr = ROLE_ATTRS[role]
    if getattr(slot.measure, attr) is None:
        setattr(slot.measure, attr, value)
        slot.note(attr, lines[0])
        f.use_in(lines, (value,))
    elif getattr(slot.measure, attr) == value:
        f.use_in(lines, (value,))  # the same figure said again (a case text, a summary)


def uh_names(f: State, more=()) -> tuple[str, ...]:
    """The names a sentence may give the report's UH: as written, canonical, and the
    gazetteer's aliases ('til UiT' is the UH's share); a UH named only in a measure's
    text ('DMMH holder tre samlinger') is the report's UH as well."""
    measures = [slot.measure.uh for slot in f.slots if slot.measure.uh is not None]
    return _names(f, [*f.report.uh, *measures, *more])


def owner_names(f: State) -> tuple[str, ...]:
    """The names a sentence may give the report's owner ('220 000 kroner fra Flekkefjord
    kommune'): as written, canonical, and the gazetteer's aliases."""
    owner = f.report.owner
    return _names(f, [owner]) if owner.id is not None else ()


def _names(f: State, refs) -> tuple[str, ...]:
    """Organisations' names as written, canonical, and the gazetteer's aliases; a unit's
    host by its names too ('kr 270 000 på NTNU' for Skrivesenteret at NTNU)."""
    gaz = f.ctx.resolver.gazetteer
    out: list[str] = []
    for ref in refs:
        entry = gaz.by_id(ref.id) if ref.id else None
        out += [ref.name, ref.as_written or "", *(entry.aliases if entry else ())]
        host = gaz.by_id(ref.parent) if ref.parent else None
        if host is not None:
            out += [host.name, *host.aliases]
    return tuple(dict.fromkeys(n for n in out if n and len(n) > 2))


_MEASURE_NO = re.compile(r"\btiltak\s+(?:nr\.?\s*)?(\d{1,2})\b", re.I)


def summary_from_sentences(f: State, lines: list[int]) -> None:
    """'Under desentralisert ordning ber vi om …. Samla søkjer vi om 300 000 kroner til
    eigar og 550 000 kroner til UH, totalt …': one budget row per scheme a sentence
    names, and the grand total after them."""
    r = f.report
    if (r.budget and f.summary is None) or f.parts:
        _restated(f, lines)
    if r.budget or f.summary is not None:
        return
    # schemes whose row came from their own line ('Kompetanseløftet: eier 340 000 …')
    parts = {x for name in f.parts for x in f.ctx.schemes.ids_in(name)}
    for s in sentences(f, lines):
        section = f.form.section_at(s.lines[0])
        in_budget = section is not None and section.within("budget") is not None
        total = _SUMMARY.match(s.text) is not None
        if not (total or (in_budget and _REQUEST.search(s.text))):
            continue
        row = _sentence_row(f, s)
        if row is None:
            continue
        named = [x for x in f.ctx.schemes.ids_in(s.text) if x != "kollektiv"]
        if total and r.budget and not named:
            if r.budget_sum is None:
                r.budget_sum = row
                f.evidence("budget_sum", s.lines[0])
            continue
        if len(named) == 1:
            row.scheme = named[0]  # '… til UH under regional ordning for 2025 …'
        elif len(r.schemes) == 1:
            row.scheme = r.schemes[0]
        if (r.budget or parts) and (
            row.scheme is None
            or row.scheme in parts
            or any(b.scheme == row.scheme for b in r.budget)
        ):
            continue  # a second reading of the same money, not another row
        r.budget.append(row)
        f.evidence(f"budget[{len(r.budget) - 1}]", s.lines[0])
        f.diag(
            "info", "budget-from-prose", "the budget is read from a sentence", "budget", s.lines[0]
        )


_ROW_ATTRS = ("owner_amount", "uh_amount", "total_stated")
_ROW_INDEX = {"owner": 0, "uh": 1, "total": 2}


def _restated(f: State, lines: list[int]) -> None:
    """'Samla søkjer partnarskapet om kr 980 000 … kr 360 000 til … eigar og kr 620 000
    til HVL' over a budget table of the same figures: the sentence says the table's row
    (or its total) again. Its figures are read when each equals the table's for its
    role; a sentence of other figures is left to the accounting."""
    r = f.report
    summaries = [p.row for p in f.parts.values()]  # the rows the form's pairs fill
    rows = [
        (b.owner_amount, b.uh_amount, b.total_stated)
        for b in (*r.budget, r.budget_sum, *summaries)
        if b
    ]
    if len(r.budget) > 1:
        sums = [sum(getattr(b, a) or 0 for b in r.budget) for a in _ROW_ATTRS]
        rows.append((sums[0] or None, sums[1] or None, sums[2] or None))
    for s in sentences(f, lines):
        if _SUMMARY.match(s.text) is None and not _REQUEST.search(s.text):
            continue
        money = prose_money(s.text, r.year, uh_names(f), owner_names(f))
        said = {_ROW_INDEX.get(fig.role): fig.value for fig in money.figures}
        if not money.figures and len(money.unplaced) == 1:
            # 'Kort oppsummert melder vi eit behov på NOK 1,2 mill.': one figure asked
            # for, with no role: the total, when it is a row's
            said = {2: money.unplaced[0]}
        elif not said or len(said) != len(money.figures) or None in said:
            continue
        if any(all(row[k] == v for k, v in said.items()) for row in rows):  # type: ignore[index]
            f.use_in(s.lines, tuple(said.values()))


def _sentence_row(f: State, s: Sentence) -> BudgetRow | None:
    r = f.report
    names = uh_names(f)
    money = prose_money(s.text, r.year, names, owner_names(f))
    row = BudgetRow(None, None, None, None)
    for fig in money.figures:
        attr = ROLE_ATTRS[fig.role]
        if getattr(row, attr) is None:
            setattr(row, attr, fig.value)
            f.use_in(s.lines, (fig.value,))
    for a in money.aside:
        f.aside(s.lines, [a.value], a.why)
    if all(v is None for v in (row.owner_amount, row.uh_amount, row.total_stated)):
        return None
    row.line = f.doc.no(s.lines[0])
    return row


_SPLIT_WORDS = re.compile(r"fordel|fordelt|fordeling|\bav\s+uh-?\s?(?:beløp|midl|del)", re.I)


def _breakdown(f: State, s: Sentence) -> None:
    """'UH-beløpet fordeler seg med 600 000 kr til USN og 300 000 kr til Skrivesenteret':
    the split of a budget row's UH amount."""
    # also 'Av UH-beløpet går kr 350 000 til UiS og kr 420 000 til UiA'; the shares must
    # add up to a row's UH amount, so a sentence of other figures is left alone
    if not _SPLIT_WORDS.search(s.text):
        return
    amounts = amounts_in(s.text)
    shares = []
    for k, a in enumerate(amounts):
        after = s.text[a.end : amounts[k + 1].start if k + 1 < len(amounts) else len(s.text)]
        before = s.text[amounts[k - 1].end if k else 0 : a.start]
        found = f.ctx.units_first(f.ctx.orgs_in(re.split(r"\bog\b|,", after)[0], UH_KINDS))
        found = found or f.ctx.units_first(
            f.ctx.orgs_in(re.split(r"\bog\b|,", before)[-1], UH_KINDS)
        )
        if not found:
            return
        shares.append(UhShare(found[0], a.value))
    if len(shares) < 2:
        return
    total = sum(x.amount or 0 for x in shares)
    rows = [
        *f.report.budget,
        *([f.report.budget_sum] if f.report.budget_sum else []),
        *([f.summary.row] if f.summary else []),
    ]
    for row in rows:
        if row is not None and row.uh_amount == total:
            if not row.uh_breakdown:
                row.uh_breakdown = list(shares)
            f.use_in(s.lines, tuple(x.amount for x in shares if x.amount is not None))
            return


def _coordinator(f: State, s: Sentence) -> None:
    if not COORDINATOR.search(s.text):
        return
    numbers = [int(n) for n in re.findall(r"\btiltak\s+(\d{1,2})\b", s.text, re.I)]
    # '… går kr 30 000 til koordinator (inngår i 150 000)': the figure in the parenthesis
    # is the amount it is part of, said again
    brackets = [m.span() for m in re.finditer(r"\([^()]*\)", s.text)]
    amounts = [a for a in amounts_in(s.text) if not any(b <= a.start < e for b, e in brackets)]
    if len(numbers) != 1 or len(amounts) != 1:
        return
    slot = f.measure(numbers[0], create=False)
    if slot is not None:
        measure_figure(f, slot, "coordinator", amounts[0].value, s.lines)
        m = slot.measure
        known = {m.owner_amount, m.uh_amount, m.total_stated}
        again = [a.value for a in amounts_in(s.text) if a not in amounts and a.value in known]
        f.use_in(s.lines, tuple(again))


def _units(f: State, s: Sentence) -> None:
    units = f.report.units
    _units_none(f, s)
    own = _PRIVATE_OWNER.search(s.text)  # 'en privat barnehageeier med sju barnehager'
    if own and units.private_barnehager is None:
        units.private_barnehager = _count(own.group(1))
        f.evidence("units.private_barnehager", s.lines[0])
    for key, count in unit_counts(s.text):
        if getattr(units, key) is None:
            setattr(units, key, count)
            f.evidence(f"units.{key}", s.lines[0])


@functools.lru_cache(maxsize=1 << 14)  # the same sentences recur in the reports of a form
def unit_counts(text: str) -> tuple[tuple[str, int], ...]:
    """The units a sentence counts: 'sju kommunale barnehagar', 'private skoler (3)',
    'ingen friskoler' (none)."""
    found = []
    # 'Offentlige skoler: 38 Private skoler: 0': a figure after a kind's label is its count,
    # and not the count of the kind named after it
    labelled = [m.span(1) for *_, after_label in _UNIT_RES for m in after_label.finditer(text)]
    for key, counted, bracketed, none, after_label in _UNIT_RES:
        m = (
            after_label.search(text)
            or next((c for c in counted.finditer(text) if c.span(1) not in labelled), None)
            or bracketed.search(text)
        )
        if m:
            found.append((key, _count(m.group(1))))
        elif none.search(text):
            found.append((key, 0))
    return tuple(found)


_WORDS_N = {
    "én": 1,
    "en": 1,
    "ett": 1,
    "ei": 1,
    "eitt": 1,
    "to": 2,
    "tre": 3,
    "fire": 4,
    "fem": 5,
    "seks": 6,
    "sju": 7,
    "syv": 7,
    "åtte": 8,
    "ni": 9,
    "ti": 10,
    "elleve": 11,
    "tolv": 12,
}
_N = r"\d{1,4}|" + "|".join(sorted(_WORDS_N, key=len, reverse=True))
_UNIT_RES = tuple(
    (
        key,
        re.compile(rf"\b({_N})\s+(?:\w+\s+){{0,2}}?(?:{pattern})", re.I),
        # 'PPT (1)', 'PPT for Lister (én enhet)'
        re.compile(
            rf"(?:{pattern})(?:\s+for\s+[^()]{{1,40}}?|\s+[A-ZÆØÅ][\w-]*(?:\s+[A-ZÆØÅ][\w-]*)?)?\s*\(({_N}|\d{{1,4}})(?:\s+(?:enhet|enheter|eining|einingar|tjeneste|tjenester|teneste|tenester))?\)",
            re.I,
        ),
        re.compile(rf"\b(?:ingen|inga)\s+(?:{pattern})", re.I),
        re.compile(rf"(?:{pattern})\s*:\s*({_N})\b", re.I),
    )
    for key, pattern in _UNITS
)
_PRIVATE_OWNER = re.compile(
    rf"\bprivat\w*\s+barnehage(?:eier|eigar)\w*\s+med\s+({_N})\s+barnehag", re.I
)
_NONE_OF = re.compile(r"\b(?:ingen|inga)\s+(.{3,120}?)\s+(?:er|blir|vert|deltar|deltek)\b", re.I)
# a kind of unit named without 'kommunale'/'private': every unit of that kind
_ANY_KIND = (
    (r"sk[uo]l\w*", ("offentlige_skoler", "private_skoler")),
    (r"barnehag\w*", ("kommunale_barnehager", "private_barnehager")),
)


def _count(word: str) -> int:
    return int(word) if word.isdecimal() else _WORDS_N[word.lower()]


def _units_none(f: State, s: Sentence) -> None:
    """'Ingen kommunale barnehager, skoler eller PP-tjenester er med': none of each."""
    m = _NONE_OF.search(s.text)
    if m is None:
        return
    units = f.report.units
    for item in re.split(r"\s*,\s*|\s+(?:eller|og)\s+", m.group(1)):
        keys = [key for key, pattern in _UNITS if re.fullmatch(pattern, item, re.I)]
        if not keys:
            keys = next((list(k) for p, k in _ANY_KIND if re.fullmatch(p, item, re.I)), [])
        for key in keys:
            if getattr(units, key) is None:
                setattr(units, key, 0)
                f.evidence(f"units.{key}", s.lines[0])


_PARTNER = re.compile(r"\b(?:fagleg|faglig|fast)?\s*partn(?:er|ar)\b", re.I)


def _partner(f: State, s: Sentence) -> None:
    """'USN som fagleg partnar (…)', 'Universitetet i Agder er faglig partner': the UH a
    sentence names as a partner, when no field named one ('… ikkje partnar' does not)."""
    m = _PARTNER.search(s.text)
    if f.report.uh or m is None or _NEGATION.search(s.text):
        return
    # the partner is the subject of its clause: '…, men kom til at UiA alene er faglig
    # partner' names UiA, not the Lesesenteret discussed before it
    clause = re.split(r"[,;]|\bmen\b", s.text[: m.start()])[-1]
    found = f.ctx.units_first(f.ctx.orgs_in(clause, UH_KINDS))
    if found:
        add_uh(f, found[:1], s.lines[0])


def _contact(f: State, s: Sentence) -> None:
    m = _CONTACT.search(s.text)
    labelled = _CONTACT_LABEL.match(s.text) if m is None else None
    if labelled is None and m is None:
        # '**Kontaktpersoner.** Skoleeier: Ingrid …, rådgiver skole, ingrid@….': a party,
        # its person and the person's address, in a sentence of its own
        labelled = _PARTY_PERSON.match(re.sub(r"^\*\*[^*]+\*\*\s*", "", s.text))
    if labelled is not None:
        # '**UH:** Sámi allaskuvla, org.nr. … Kontaktperson: Marit …, førsteamanuensis,
        # marit@…': the contact of the party the line is about
        of = labelled["of"]
        role = party_named(f, of) if of else _party_on_line(f, s.lines[0])
        p = person(re.sub(r"\s*\.\s*$", "", labelled["who"]))
        if role is not None and p.name:
            add_contact(f, Contact(p.name, role, p.function, p.email, p.phone), s.lines[0])
        return
    if m is not None:
        where, who = m.group(1), m.group(2)
    else:
        # 'Universitetet i Agder er faglig partner, med Morten Vik, universitetslektor,
        # som kontaktperson (morten.vik@example.org)'
        m = _CONTACT_AS.search(s.text)
        if m is None:
            return
        where, who = m["org"], ", ".join(x for x in (m["who"], m["more"]) if x)
    found = f.ctx.orgs_in(where, None)
    role = "uh" if found and found[0].kind in UH_KINDS else "eier"
    p = person(re.sub(r"\s*\.\s*$", "", who))
    if p.name:
        add_contact(f, Contact(p.name, role, p.function, p.email, p.phone), s.lines[0])  # type: ignore[arg-type]


def _party_on_line(f: State, i: int) -> Role | None:
    """The party ('eier' or 'uh') the field on line i names, if it names one."""
    for pair in f.form.pairs():
        if pair.i == i and pair.fields:
            fields = set(pair.fields)
            if "owner" in fields:
                return "eier"
            if "uh" in fields:
                return "uh"
    return None


__all__ = ["read_sentences", "sentences", "summary_from_sentences"]
_ = (UhShare, option_set)
