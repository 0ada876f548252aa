"""The fill pass: record fields out of a form's structure, the same way for every layout.

Each pair is offered to the handlers of its label's candidate fields in vocabulary order
until one accepts the value (a name, an amount, a marked option ...); tables are read by
what their header says (`tables.py`), flattened tables by rules without cell boundaries
(`flat.py`). Then, only for fields still unknown, the words of the text (`prose.py`).
Finally the measures are put in order, their evidence and diagnostics get their indexes,
and what the document states twice is checked (a total against its parts, an
organisation number against the name it stands beside).

A label whose meaning is a placeholder ('skriv her') takes the meaning of the question
just before it, or, where a layout asks its questions only by position (the web form),
the field the layout's answer order gives (`ontology/data/layouts.csv`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from kompetansekart.ingest.amounts import format_nok
from kompetansekart.ingest.checkboxes import BOX
from kompetansekart.ingest.context import OWNER_KINDS, UH_KINDS, Context
from kompetansekart.ingest.fill import header as h
from kompetansekart.ingest.fill import measures as ms
from kompetansekart.ingest.fill.corrections import apply_corrections
from kompetansekart.ingest.fill.flat import read_flat, read_units
from kompetansekart.ingest.fill.money_fields import (
    amount,
    check_measure,
    place,
    scheme_line,
    set_aside,
    uh_breakdown,
)
from kompetansekart.ingest.fill.partners import read_flat_list
from kompetansekart.ingest.fill.prose import fallbacks, prose_budget, signatory
from kompetansekart.ingest.fill.sentences import (
    measure_figure,
    read_sentences,
    summary_from_sentences,
)
from kompetansekart.ingest.fill.state import Scope, Slot, State, norm_name
from kompetansekart.ingest.fill.tables import read_table
from kompetansekart.ingest.fill.values import measure_goes_on
from kompetansekart.ingest.form.model import MEASURE, FlatTable, Form, Pair, Table
from kompetansekart.ingest.labels import LabelMatch, Labels, machine_label
from kompetansekart.ingest.layouts import AnswerOrder
from kompetansekart.ingest.money import (
    COORDINATOR,
    Money,
    amounts_in,
    not_budget_reason,
    read_money,
    role_amounts,
    sum_difference,
)
from kompetansekart.ingest.records import BudgetRow, Contact, Diagnostic, Measure
from kompetansekart.ingest.terms import find_terms, term_sort_key

Handler = Callable[[State, Pair, Scope], bool]
_SENTENCE_BREAK = re.compile(r"[a-zæøå)\d][.!?]\s+[A-ZÆØÅ]")
_BARE_NAME = re.compile(r"^(?:namn|navn|name)$", re.I)


def _consume(f: State, pair: Pair, scope: Scope) -> bool:
    return True


def _contact(fld: str) -> Handler:
    _, role, part = fld.split(".")
    return h.contact_field(None if role == "any" else role, part)


HANDLERS: dict[str, Handler] = {
    "owner": h.owner,
    "sender": h.sender,
    "owner_type": h.owner_type,
    "owner_contact": h.owner_contact,
    "uh_contact": h.uh_contact,
    "orgnr": lambda f, p, s: _orgnr(f, p),
    "kommunenummer": lambda f, p, s: _kommunenummer(f, p),
    "uh": h.uh,
    "uh_unit": h.uh_unit,
    "uh_site": h.uh_site,
    "network": h.network,
    "schemes": h.schemes,
    "year": h.year,
    "sector": h.sector,
    "continuation": h.continuation,
    "new_measure": h.new_measure,
    "phases": h.phases,
    "several_owners": h.yes_no_only("partners.several_owners"),
    "several_uh": h.yes_no_only("partners.several_uh"),
    "several_schemes": h.yes_no_only("schemes.several"),
    "network_member": h.yes_no_only("network"),
    "budget_attached": h.yes_no_only("budget.attached"),
    "coordinator_needed": ms.coordinator_needed,
    "measure_count": h.measure_count,
    "needs": h.needs,
    "comment": lambda f, p, s: _comment(f, p),
    "union_held": h.union_held,
    "unions": h.unions,
    "union_informed": _consume,
    "instruction": _consume,
    "sami": h.sami,
    "further_ed": h.further_ed,
    "budget_file": _consume,
    "reference": lambda f, p, s: _reference(f, p),
    "continued_measures": ms.continued_measures,
    "progress": ms.progress,
    "measure_name": ms.measure_name,
    "measure_number": ms.measure_number,
    "purpose": ms.purpose,
    "terms": ms.terms,
    "target_groups": ms.target_groups,
    "description": ms.description,
    "remark": ms.remark,
    "owner_amount": amount("owner_amount"),
    "uh_amount": amount("uh_amount"),
    "total_amount": amount("total_amount"),
    "coordinator_amount": amount("coordinator_amount"),
    "uh_breakdown": uh_breakdown,
    "earlier_grant": set_aside("earlier-grant"),
    "own_contribution": set_aside("own-contribution"),
    "limit": set_aside("limit"),
    "headcount": set_aside("count"),
    "continues_year": h.continues_year,
    # 'Tiltak 1: eier 180 000 kr, …' as a pair: a measure's money (its heading opens a section)
    "section:measure": lambda f, p, s: _measure_roles(f, p, s),
    **h.UNIT_HANDLERS,
}


_CHOICE_FIELDS = frozenset(
    {"continuation", "union_held", "sami", "further_ed", "phases", "schemes", "sector"}
)


def handler(fld: str) -> Handler | None:
    if fld.startswith("contact."):
        return _contact(fld)
    return HANDLERS.get(fld)


def fill(ctx: Context, form: Form, labels: Labels, answers: AnswerOrder) -> State:
    f = State(ctx, form, labels)
    _outside(f)
    Filler(f, answers).run()
    return f


# 'Endringslogg – internt, ikkje del av behovsmeldinga': a part the document itself says
# the report does not include
_NOT_PART = re.compile(
    r"\b(?:ikkje|ikke)\s+(?:ein\s+|en\s+)?del\s+av\s+(?:behovsmeldinga|behovsmeldingen|"
    r"meldinga|meldingen|søknaden)\b",
    re.I,
)


_PART_CHOICES = ("phases", "sector", "schemes")
_YES_NO = re.compile(r"\s*(ja|nei|yes|no|x)\s*\.?", re.I)


# a workbook's sheet (or a document's part) of instructions for filling in the form, with
# its example rows ('Eksempel: Tiltak 0 – Lesing, eier 100 000'): no part of the report
_INSTRUCTIONS = re.compile(
    r"^\W*(?:ark:\s*)?(?:veiledning|veileiing|rettleiing|rettleiing|instruksjon(?:ar|er)?|"
    r"utfyllingshjelp|hjelp|eksempel|døme|instructions?|help)\W*$",
    re.I,
)
_CHANGE_LOG = re.compile(
    r"^\W*(?:endringslogg|endringshistorikk|versjonshistorikk|versjonslogg|change\s*log)\b", re.I
)


def _outside(f: State) -> None:
    """The lines of parts the document says are not part of the report (a change log, an
    internal note, a workbook's sheet of instructions with its examples): nothing in them
    is read, and their figures are named as such."""
    doc = f.doc
    logs: set[int] = set()
    for start, end in _unnamed_parts(f):
        f.outside.update(range(start, end))
    comments: set[int] = set()
    for s in f.form.sections:
        end = s.end or len(doc)
        if _COMMENTS.match(s.title or "") and any(
            _POSTED.search(doc.plain(j)) for j in range(s.start, end)
        ):
            # '## 💬 Kommentarer' with 'Per-Arne Karlsen · 15. jan. 2027 14:02': the page's
            # discussion ('Skal vi øke UH-delen … til 500?'), not the report
            comments.update(range(s.start, end))
    f.outside |= comments
    drafts = _draft_blocks(f)
    f.outside |= drafts
    for s in f.form.sections:
        opening = [j for j in (s.start, s.start + 1) if j < len(doc)]
        if any(_NOT_PART.search(doc.plain(j)) for j in opening) or (
            s.level <= 1 and _INSTRUCTIONS.match(s.title or "")
        ):
            f.outside.update(range(s.start, s.end or len(doc)))
        elif _CHANGE_LOG.match(s.title or ""):
            # 'Endringslogg': the document's history ('UH-beløp endret fra 300000 …'),
            # not the report
            logs.update(range(s.start, s.end or len(doc)))
    f.outside |= logs
    for j in sorted(f.outside):
        why = "change-log" if j in logs else "comments" if j in comments else "outside"
        why = "draft" if j in drafts else why
        f.aside([j], [a.value for a in f._amounts(j)], why)


_COMMENTS = re.compile(r"^\W*(?:kommentarer|kommentarar|comments|diskusjon)\W*$", re.I)
# an author's line of a comment: a date and a time ('· 15. jan. 2027 14:02', '20.01.2027 11:15')
_POSTED = re.compile(
    r"(?:\d{1,2}\.\s*[a-zæøå]{3,9}\.?\s+(?:19|20)\d{2}|\d{1,2}\.\d{1,2}\.(?:19|20)\d{2})"
    r"\s+(?:kl\.?\s*)?\d{1,2}[:.]\d{2}\b",
    re.I,
)


# an item marked as a draft, or as not applied for: '- ▸ (Utkast) KI og vurdering'
_DRAFT_ITEM = re.compile(r"^\W*\((?:utkast|kladd)\)", re.I)


def _draft_blocks(f: State) -> set[int]:
    """'- ▸ (Utkast) KI og vurdering for læring' over its indented sub-items ('Skisse:
    eier kr 100 000, …'): a draft the report does not apply for, and nothing under it is
    read as the report's."""
    doc = f.doc
    out: set[int] = set()
    for i in range(len(doc)):
        if not _DRAFT_ITEM.match(doc.plain(i)):
            continue
        out.add(i)
        k = i + 1
        while k < len(doc) and doc.indent[k] > doc.indent[i]:
            out.add(k)
            k += 1
    return out


def _unnamed_parts(f: State) -> list[tuple[int, int]]:
    """'**Til informasjon (ikkje ein del av søknaden)**' alone on its line, read as a
    label over the lines under it rather than as a heading: the part it opens, to the next
    label alone or heading, is no part of the report."""
    alone = [p for p in f.form.pairs() if p.style in ("heading", "label") and not p.value]
    starts = sorted({p.i for p in alone} | {s.start for s in f.form.sections})
    out = []
    for p in alone:
        if _NOT_PART.search(f.doc.plain(p.i)):
            end = next((k for k in starts if k > p.i), len(f.doc))
            out.append((p.i, end))
    return out


def _first_line(item: Pair | Table | FlatTable) -> int | None:
    if isinstance(item, Pair):
        return item.i
    if isinstance(item, Table):
        return item.rows[0].i if item.rows else None
    return item.header


class Filler:
    def __init__(self, f: State, answers: AnswerOrder) -> None:
        self.f = f
        self.answers = answers
        self.anchor: str | None = None
        self.answer_no = 0
        self.previous: Pair | None = None

    def run(self) -> None:
        f = self.f
        if f.doc.letters:
            letters = ", ".join(f"{x} = {n}" for n, x in sorted(f.doc.letters.items()))
            f.diag(
                "info",
                "measures-lettered",
                f"the measures are lettered; read as numbered by their letters ({letters})",
                "measures",
                None,
            )
        for item in f.form.items:
            if _first_line(item) in f.outside:
                continue
            if isinstance(item, Pair):
                self.pair(item)
            elif isinstance(item, Table):
                read_table(f, item, f.scope(item), self.pair)
                self.previous = None
            elif isinstance(item, FlatTable):
                read_flat(f, item)
                self.previous = None
        self._sections()
        fallbacks(f)
        text = self._text_lines()
        self._measure_bullets(text)
        f.text_amounts(text)
        read_sentences(f, text)
        _person_lines(f, f.form.prose)
        signatory(f)
        summary_from_sentences(f, text)
        self._prose_money()
        finish(f)
        apply_corrections(f, [j for j in range(len(f.doc)) if not f.doc.is_table_row(j)])

    def _measure_bullets(self, lines: list[int]) -> None:
        """'• 180 000 frå kommunen, 320 000 frå UH' in a measure's part: a bullet whose
        every figure has its role is that measure's money (a bullet is whole on its line;
        a sentence may run on to the next)."""
        f = self.f
        for j in lines:
            if not _BULLET.match(f.doc.plain(j)):
                continue
            section = f.form.section_at(j)
            part = section.within(MEASURE) if section is not None else None
            if part is None:
                continue
            slot = f.section_slot(part)
            _bullet_purpose(f, slot, j)
            _bullet_coordinator(f, slot, j)
            found = role_amounts(f.doc.plain(j))
            if found is None:
                continue
            roles, parts = found
            f.aside([j], parts, "part")
            for role, value in roles:
                measure_figure(f, slot, role, value, [j])

    def _text_lines(self) -> list[int]:
        """Lines of running text: prose outside any pair, and the values of free-text
        answers and of labels the vocabulary does not know."""
        f = self.f
        lines = [*f.form.prose, *f.prose_lines]
        for pair in f.form.pairs():
            if not pair.fields or set(pair.fields) & {
                "needs",
                "comment",
                "description",
                "remark",
                "answer",
            }:
                lines += pair.more
                if pair.value and not pair.fields and len(pair.value.split()) > 6:
                    lines.append(pair.i)
            elif {"section:units", "sector", "union_held"} & set(pair.fields) and len(
                pair.value.split()
            ) > 3:
                # 'Omfang: 11 offentlige grunnskoler, 1 privat skole og PPT (1 tjeneste)
                # er med.', 'Gjeld barnehage: 5 kommunale og 2 private barnehagar': the
                # units are counted in a sentence
                lines += [pair.i, *pair.more]
            elif "section:contacts" in pair.fields and ":" in pair.value:
                # '**Kontaktpersoner.** Skoleeier: Kari …, rådgiver, kari@….': each party's
                # person in a sentence of its own
                lines += [pair.i, *pair.more]
            elif len(pair.value.split()) > 4 and _SENTENCE_BREAK.search(pair.value):
                # '**Medbestemmelse:** Tillitsvalgte har deltatt i arbeidet. Meldingen er
                # drøftet med …': a letter's run-in heading over a paragraph, whose other
                # sentences say more than the field its first words answer
                lines += [pair.i, *pair.more]
        return sorted(set(lines) - f.outside)

    def pair(self, pair: Pair) -> None:
        f = self.f
        scope = f.scope(pair)
        chosen = self._option_of_part(pair)
        if chosen is not None:
            pair = chosen
        if pair.note and BOX.search(pair.note):
            self._note_question(pair)
        fields = self._meaning(pair)
        done = False
        for fld in fields:
            handle = handler(fld)
            if handle is not None and handle(f, pair, scope):
                done = True
                self._anchor(fld)
                if fld in _CHOICE_FIELDS:
                    # 'nei (Tildeling 2024: 615000 …)': a figure in a choice's remark is
                    # running text, named when the words show it is no budget figure
                    f.pair_amounts(pair)
                break
        if not done:
            unknown(f, pair, scope)
        self.previous = pair

    def _option_of_part(self, pair: Pair) -> Pair | None:
        """'# C. Fase' over '**Planlegging av tiltak:** Ja', '**Analyse/vurdering av
        behov:** Nei': under a part named for a choice, a label that is one of its options
        with a yes or a no says whether that option is chosen (one pair of the choice, its
        option ticked or not)."""
        s = pair.section
        answer = _YES_NO.fullmatch(pair.value.strip()) if pair.value else None
        if s is None or not s.title or answer is None or pair.more:
            return None
        found = self.f.labels.exact(s.title)
        fields = [x for x in (found.fields if found else ()) if x in _PART_CHOICES]
        hits = h.option_set(fields[0]).find(pair.label) if fields else []
        if not hits:
            return None
        hit = hits[0]
        if hit.start != 0 or hit.end < len(pair.label.rstrip(" :?")):
            return None
        box = "☒" if answer.group(1).casefold() in ("ja", "yes", "x") else "☐"
        raw = f"{box} {pair.label}"
        chosen = Pair(pair.i, s.title, LabelMatch((fields[0],), "label"), raw, raw, "options")
        chosen.section = pair.section
        return chosen

    def _note_question(self, pair: Pair) -> None:
        """'Skriv her (leverer budsjett i vedlegg ja☐ Nei☒ ):' — a question with its
        boxes inside the label's parenthesis is answered there."""
        meaning = self.f.labels.phrase(pair.note or "")
        if meaning is None:
            return
        inner = Pair(pair.i, pair.note or "", meaning, pair.note or "", pair.note or "", "note")
        inner.section = pair.section
        self.pair(inner)

    def _meaning(self, pair: Pair) -> tuple[str, ...]:
        fields = pair.fields
        part = self._part_field(pair)
        if part is not None:
            return (part,)
        if "answer" not in fields:
            return fields
        prev = self.previous
        if prev is not None and not prev.value and not prev.more and prev.fields:
            return prev.fields  # 'Beskriv behovet:' then 'Skriv her: …'
        found = self.answers.field(self.anchor, self.answer_no)
        self.answer_no += 1
        return (found,) if found else ()

    def _part_field(self, pair: Pair) -> str | None:
        """'1. Eigar' then '1.1 Namn: Ørsta kommune': a bare 'Namn' under a part named for
        an organisation is that organisation's name."""
        if not _BARE_NAME.match(pair.label) or pair.section is None:
            return None
        found = self.f.labels.exact(pair.section.title or "")
        for fld in found.fields if found else ():
            if fld in ("owner", "uh", "network"):
                return fld
        return None

    def _anchor(self, fld: str) -> None:
        if self.answers.is_anchor(fld) and fld != self.anchor:
            self.anchor = fld
            self.answer_no = 0

    # --- parts read as a whole -------------------------------------------------------------

    def _sections(self) -> None:
        f = self.f
        r = f.report
        units_read = False
        for s in f.form.sections:
            if s.marked:
                f.marks[s.start] += 1  # '- [x] Tiltak 1 – …': the tick is the measure's
            lines = list(range(s.start + 1, s.end))
            if s.kind == "units" and all(v is None for v in vars(r.units).values()):
                units_read = read_units(f, lines) or units_read
            elif s.kind == "measure" and id(s) in f.by_section:
                self._terms_in_text(f.by_section[id(s)], [j for j in lines if j in f.form.prose])
            elif s.kind == "partners":
                # rows a text export flattened (a table's rows were read with the table)
                flat = [
                    j for j in _until_other_field(f, lines, "partners") if not f.doc.is_table_row(j)
                ]
                read_flat_list(f, flat)
        if not units_read and all(v is None for v in vars(r.units).values()):
            i = f.doc.find(r"hvor mange (enheter|einingar)|kor mange einingar")
            if i is not None:
                read_units(f, list(range(i + 1, min(i + 12, len(f.doc)))))
        if not r.union_consultation.unions:
            span = _union_span(f)
            for s in f.form.sections:
                if s.kind == "union":
                    span += range(s.start, s.end)
            if span:
                span = sorted(set(span))
                # 'Fagforbundet: Nei' among 'Utdanningsforbundet: Ja': a union answered no
                said = [j for j in span if not _ANSWERED_NO.match(f.doc.plain(j))]
                h.add_unions(f, h.union_names(f, "\n".join(f.doc.plain(j) for j in said)), span[0])

    def _terms_in_text(self, slot: Slot, lines: list[int]) -> None:
        """'Tiltaket går over vår og haust 2026.' in a measure's own paragraphs: its terms,
        when no field gave them; a term before the report's year is history, no term."""
        f = self.f
        if slot.measure.terms or not lines:
            return
        year = f.report.year
        text = " ".join(f.doc.plain(j) for j in lines)
        found = {t for _, t, *_ in find_terms(text)}
        found = {t for t in found if t == "videre" or year is None or int(t[1:]) >= year}
        if found:
            slot.measure.terms = sorted(found, key=term_sort_key)
            slot.note("terms", lines[0])

    def _prose_money(self) -> None:
        """A report whose money is only in sentences (a letter, a prose budget)."""
        f = self.f
        r = f.report
        if (
            r.budget
            or f.summary is not None
            or any(
                s.measure.owner_amount is not None or s.measure.total_stated is not None
                for s in f.slots
            )
        ):
            return
        lines = list(f.form.prose)
        for pair in f.form.pairs():
            if (
                set(pair.fields) & {"needs", "comment", "description", "remark", "answer"}
                or not pair.fields
            ):
                lines += pair.value_lines()
        prose_budget(f, sorted(set(lines)))


_BULLET = re.compile(r"^[•▪◦‣*–-]\s")


def _bullet_coordinator(f: State, slot, j: int) -> None:
    """'• 20 000 av kommunedelen til koordinator': a measure's bullet with one figure
    that goes to the coordinator."""
    text = f.doc.plain(j)
    amounts = amounts_in(text)
    if len(amounts) == 1 and COORDINATOR.search(text):
        measure_figure(f, slot, "coordinator", amounts[0].value, [j])


def _bullet_purpose(f: State, slot, j: int) -> None:
    """'• Gjennomføring i alle sju barnehagane': a measure's bullet that opens with a
    purpose gives the measure's purpose."""
    text = _BULLET.sub("", f.doc.plain(j))
    found = h.option_set("purpose").find(text)
    if found and found[0].start == 0 and slot.measure.purpose is None:
        slot.measure.purpose = found[0].value
        slot.note("purpose", j)


def _until_other_field(f: State, lines: list[int], kind: str) -> list[int]:
    """The lines of a part up to the first pair of a field that belongs elsewhere."""
    stops = {
        p.i
        for p in f.form.pairs()
        if p.meaning is not None
        and set(p.fields) & {"union_held", "unions", "units.ppt", "sami", "further_ed"}
    }
    out = []
    for j in lines:
        if j in stops:
            break
        out.append(j)
    return out


_ANSWERED_NO = re.compile(r"^[^:]{2,60}:\s*(?:nei|false|usant|no)\s*\.?$", re.IGNORECASE)


def _union_span(f: State) -> list[int]:
    """Lines from the union question to the next part: where the unions are listed."""
    pairs = f.form.pairs()
    start = next((p for p in pairs if set(p.fields) & {"union_held", "unions"}), None)
    if start is None:
        return []
    stops = [s.start for s in f.form.sections if s.start > start.i]
    later = [
        p.i
        for p in pairs
        if p.i > start.i
        and p.meaning is not None
        and not set(p.fields) & {"union_held", "unions", "contact.any.function", "contact.any.name"}
    ]
    end = min([*stops, *later, min(start.i + 20, len(f.doc))])
    return list(range(start.i, end))


# --- fields that need the whole report -------------------------------------------------------


_UH_PART = re.compile(
    r"^\W*(?:uh|uh-partner|universitet\w*|høgsk\w*|kompetansemiljø\w*)\W*$", re.IGNORECASE
)


def _orgnr(f: State, pair: Pair) -> bool:
    text, j = h.first_value(f, pair)
    digits = h.orgnr_in(text)
    if digits is None:
        return False
    part = pair.section.title if pair.section is not None else ""
    # 'Orgnr' under 'UH' (a part of its own, as a long export writes it): the UH's number
    whose = f"{pair.label} {part if _UH_PART.match(part or '') else ''}"
    role = "uh" if re.search(r"\b(uh|universitet|høgsk)", whose, re.IGNORECASE) else "eier"
    f.orgnr.append((digits, j, role))
    return True


def _reference(f: State, pair: Pair) -> bool:
    """A reference or code ('Dekom 12035', '25/0412'): its numbers are read as text."""
    for j in pair.value_lines():
        text = pair.value if j == pair.i else f.doc.plain(j)
        f.use(j, *(a.value for a in amounts_in(text)))
    return True


def _kommunenummer(f: State, pair: Pair) -> bool:
    return bool(re.search(r"\b\d{4}\b", pair.text(f.doc)))


def _comment(f: State, pair: Pair) -> bool:
    from kompetansekart.ingest.fill.institutions import institutions_in

    text = pair.text(f.doc)
    f.pair_amounts(pair)
    f.report.institutions.extend(institutions_in(f.ctx, text, pair.first_line(), known_only=True))
    return True


def _measure_roles(f: State, pair: Pair, scope: Scope) -> bool:
    """'Tiltak 1: eier 180 000 kr, UH 270 000 kr (sum 450 000 kr)' in a list of the
    measures' money: the measure's owner, UH and total figures, each by its role word.
    (A measure's heading is a section, read by the form reader, not a pair.)"""
    number = pair.meaning.number if pair.meaning else None
    found = role_amounts(pair.value) if number is not None else None
    slot = f.measure(number, create=False) if found else None
    if found is None or slot is None:
        return False
    roles, parts = found
    for role, value in roles:
        measure_figure(f, slot, role, value, [pair.i])
    f.aside([pair.i], parts)
    return True


# 'av dette reise …', 'Tiltak 1 - herav reise og opphold for UH': a part of the figure
# before, said again
_PART_OF = re.compile(
    r"^(?:tiltak\s+\d{1,2}\s*[-–:.]\s*)?"
    r"(?:av dette|av desse|herav|hvorav|derav|inkludert|inkl\.?)\b",
    re.I,
)


_CONTACT_OF = re.compile(
    r"^(kontaktperson|kontakt|e-post|epost|telefon|tlf\.?|stilling)\s+(?:hos\s+|for\s+|i\s+|ved\s+)?(.+)$",
    re.I,
)


def unknown(f: State, pair: Pair, scope: Scope) -> None:
    """A label the vocabulary does not know: an organisation's amount or contact
    ('Høgskulen i Volda / HVO: kr 300 000', 'Kontaktperson DMMH'), a part of the amount
    before ('av dette reise …: kr 60 000'), or nothing the record keeps."""
    text, j = h.first_value(f, pair)
    if not text:
        return
    why = not_budget_reason(f"{pair.label}: {text}", f.report.year)
    if why in ("earlier-grant", "other-year") and amounts_in(text):
        # 'Tildelt Sunnfjord kommune for 2025, Dekomp: kr 960 000 (…)': last year's grant
        # under a label naming the owner and the scheme, never this year's row
        f.aside([j], [a.value for a in amounts_in(text)], why)
        return
    if scheme_line(f, pair, text, j):
        return
    label = pair.label
    if scope.kind == "measure" and scope.slot is not None and scope.slot.measure.continued is None:
        # 'Status: Aktiv (nytt tiltak 2027)', 'Status: Aktiv – videreføring av tiltak 2 i
        # behovsmeldingen for 2026': whether the measure goes on, said in another field
        said = measure_goes_on(text)
        if said is not None:
            scope.slot.measure.continued = said
            scope.slot.note("continued", j)
    if _PART_OF.match(machine_label(label)):
        money = read_money(text)
        f.aside([j], list(money.read))
        return
    # 'Kontaktperson UiA', and 'Koordinator (kontaktperson eigar)': a person by their
    # note's words
    contact = _CONTACT_OF.match(label) or _CONTACT_OF.match(pair.note or "")
    if contact:
        part = {
            "kontaktperson": "name",
            "kontakt": "name",
            "e-post": "email",
            "epost": "email",
            "telefon": "phone",
            "tlf": "phone",
            "tlf.": "phone",
            "stilling": "function",
        }[contact.group(1).lower()]
        # 'Kontaktperson for Kompetanseløftet': not an organisation, the owner's contact
        who = _role_of(f, contact.group(2)) or f.last_org_role or "eier"
        h.set_contact(f, who, part, h.entry_text(f, pair, text) if part == "name" else text, j)
        return
    role = _role_of(f, label)
    if role is None:
        return
    money = read_money(text)
    if money.read or money.problem:
        attr = "uh_amount" if role == "uh" else "owner_amount"
        place(f, pair, scope, attr, money, j, label if role == "uh" else None)
        return
    in_contacts = scope.section is not None and scope.section.kind == "contacts"
    if in_contacts or h.emails_in(text):
        # '- Lesesenteret: Nina Aksnes, universitetslektor, nina@…': an organisation's
        # person, in a part of contacts or with an e-mail address
        h.contact_of_role(f, pair, role)


def _uh_from_partners(f: State) -> None:
    """'Høgskulen på Vestlandet | UH | Torbjørn Hauge' in the list of parties, and no UH
    field: the partnership's UH is the party it names as such."""
    r = f.report
    if r.uh:
        return
    for p in r.partners:
        if p.role == "uh" and p.org.id is not None and p.org not in r.uh:
            r.uh.append(p.org)
    if r.uh and "partners" in r.evidence and "uh" not in r.evidence:
        r.evidence["uh"] = r.evidence["partners"]
        if "partners" in r.evidence_files:
            r.evidence_files["uh"] = r.evidence_files["partners"]


def _person_lines(f: State, lines: list[int]) -> None:
    """'- **Solveig Vik** – rådgjevar skule, Ålesund kommune – solveig@… – tlf. …' under
    'Kontaktpersonar': a person's line, whose organisation says their role."""
    for j in lines:
        section = f.form.section_at(j)
        if section is None or section.kind != "contacts":
            continue
        whole = _DASHES.sub(", ", f.doc.plain(j)).lstrip("-–•* ")
        who = h.person(whole)
        if who.name is None or who.email is None:
            continue
        rest = whole.replace(who.name, " ", 1)  # a surname may be a place ('Strand')
        role = _role_of(f, rest) or "eier"
        contact = Contact(who.name, role, who.function, who.email, who.phone)  # type: ignore[arg-type]
        h.add_contact(f, contact, j)


_DASHES = re.compile(r"\s+[–—-]\s+")


def _role_of(f: State, text: str) -> str | None:
    found = f.ctx.orgs_in(text, [*UH_KINDS, *OWNER_KINDS])
    if not found:
        return None
    kind = found[0].kind
    return "uh" if kind in UH_KINDS else "eier"


# --- the end of a report ---------------------------------------------------------------------


def finish(f: State) -> None:
    r = f.report
    _focus_and_loose(f)
    ms.new_measures(f)
    if not f.needs_stated:
        for theme, i in f.background:
            if theme not in r.needs:
                r.needs.append(theme)
                f.evidence("needs", i)
    for n, (continued, i) in f.continued_numbers.items():
        slot = f.measure(n, create=False)
        if slot is not None and slot.measure.continued is None:
            slot.measure.continued = continued
            slot.note("continued", i)
    for n, ref in f.uh_only.items():
        for slot in f.slots:
            if slot.measure.number == n and slot.measure.uh is None:
                slot.measure.uh = ref  # type: ignore[assignment]
    _blank_blocks(f)
    for slot in f.slots:
        check_measure(f, slot)
    _parts_of_schemes(f)
    _summary(f)
    _sum_of_measures(f)
    _measure_rows_said_again(f)
    _orgnrs(f)
    _measures_into_record(f)
    _uh_from_partners(f)
    named = r.uh or any(m.uh is not None for m in r.measures)
    if not named and not any(d.code == "uh-missing" for d in r.diagnostics):
        f.diag("warning", "uh-missing", "no university/college field found", "uh", None)
    for k, row in enumerate(r.budget):
        diff = sum_difference(row.owner_amount, row.uh_amount, row.total_stated)
        if diff and row.total_stated is not None:
            f.diag(
                "warning",
                "budget-row-sum",
                f"{row.label or row.scheme or 'row'}: owner {format_nok(row.owner_amount)} + UH "
                f"{format_nok(row.uh_amount)} = {format_nok(row.total_stated + diff)}, "
                f"but the row states {format_nok(row.total_stated)}",
                "budget",
                _index_of(f, r.evidence.get(f"budget[{k}]")),
            )
    if f.measure_count is not None:
        stated, i = f.measure_count
        if stated != len(r.measures):
            f.diag(
                "warning",
                "measure-count",
                f"the form states {stated} measures; {len(r.measures)} were found",
                "measures",
                i,
            )


def _index_of(f: State, line: int | None) -> int | None:
    if line is None:
        return None
    for i, ln in enumerate(f.doc.lines):
        if ln.no == line:
            return i
    return None


def _focus_and_loose(f: State) -> None:
    r = f.report
    if f.focus is not None:
        target = _matching(f, f.focus)
        if target is None:
            if f.slots:
                f.diag(
                    "warning",
                    "attachment-unmatched",
                    f"attachment 'Tiltak {f.focus.measure.number}: {f.focus.measure.name}' "
                    "matches no row of the summary table",
                    "measures",
                    f.focus.section.start if f.focus.section else None,
                )
            f.slots.append(f.focus)
        else:
            _merge(f, target, f.focus)
            f.evidence("attachment", f.focus.section.start if f.focus.section else None)
    loose = f.loose
    if loose is None or not _has_fields(loose.measure):
        return
    if len(f.slots) == 1:
        _merge(f, f.slots[0], loose)
        return
    if f.slots:
        return
    title = f.form.title
    text = f.doc.plain(title) if title is not None else "Tiltak"
    name = re.sub(r"^behovsmelding\s*[-–:]?\s*", "", text, flags=re.IGNORECASE) or text
    loose.measure.name = name
    loose.note("name", title)
    f.diag(
        "info",
        "measure-unnamed",
        f"the report has no measure name; its one measure is named after the title '{name}'",
        "measures[0].name",
        title,
    )
    s = f.summary
    if s is not None:
        m = loose.measure
        for attr in ("owner_amount", "uh_amount", "total_stated"):
            if getattr(m, attr) is None and getattr(s.row, attr) is not None:
                setattr(m, attr, getattr(s.row, attr))
                loose.note(attr, s.lines.get(attr))
    if loose.measure.uh is None and len(r.uh) == 1:
        loose.measure.uh = r.uh[0]
    if loose.measure.continued is None:
        loose.measure.continued = r.continuation
    f.slots.append(loose)


def _has_fields(m: Measure) -> bool:
    return bool(
        m.terms or m.target_groups or m.purpose or m.coordinator_amount is not None or m.themes
    )


def _matching(f: State, focus: Slot) -> Slot | None:
    key = norm_name(focus.measure.name)
    same = [
        s
        for s in f.slots
        if s.measure.number == focus.measure.number and norm_name(s.measure.name) == key
    ]
    if same:
        return same[0]
    numbered = [s for s in f.slots if s.measure.number == focus.measure.number]
    return numbered[0] if len(numbered) == 1 and not key else None


def _merge(f: State, into: Slot, other: Slot) -> None:
    a, b = into.measure, other.measure
    for attr in ("scheme", "purpose", "coordinator_amount", "uh", "continued", "number"):
        if getattr(a, attr) is None and getattr(b, attr) is not None:
            setattr(a, attr, getattr(b, attr))
    for attr in ("owner_amount", "uh_amount", "total_stated"):
        mine, theirs = getattr(a, attr), getattr(b, attr)
        if mine is None and theirs is not None:
            setattr(a, attr, theirs)
        elif mine is not None and theirs is not None and mine != theirs:
            f.diag(
                "warning",
                "attachment-amount",
                f"{attr.replace('_', ' ')} {theirs} in the attachment, {mine} in the table",
                f"measures[@{id(into)}].{attr}",
                other.evidence.get(attr),
            )
    if not a.name:
        a.name = b.name
    a.terms = a.terms or b.terms
    a.target_groups = list(dict.fromkeys([*a.target_groups, *b.target_groups]))
    a.themes = list(dict.fromkeys([*a.themes, *b.themes]))
    for sub, i in other.evidence.items():
        into.evidence.setdefault(sub, i)
    into.diags += other.diags
    f.ctx.report.diagnostics[:] = [
        replace(d, field=d.field.replace(f"@{id(other)}", f"@{id(into)}")) if d.field else d
        for d in f.ctx.report.diagnostics
    ]


def _parts_of_schemes(f: State) -> None:
    """A report in parts of one scheme each (a sheet per scheme): its schemes are theirs,
    a measure in a part is of that part's scheme, and with no budget of its own the Sum
    row of each part's measures is that scheme's row."""
    r = f.report
    schemes = list(dict.fromkeys(f.part_schemes.values()))
    if len(schemes) < 2:
        return
    r.schemes += [s for s in schemes if s not in r.schemes]
    for slot in f.slots:
        line = slot.evidence.get("name")
        scheme = f.part_scheme(line) if line is not None else None
        if scheme is not None and slot.measure.scheme is None:
            slot.measure.scheme = scheme
            slot.note("scheme", line)
    if r.budget or r.budget_sum is not None or any(name != "total" for name in f.parts):
        return  # the report's own budget says it
    for scheme, row, i in f.part_sums:
        if scheme is not None and all(b.scheme != scheme for b in r.budget):
            row.scheme, row.label = scheme, None
            f.evidence(f"budget[{len(r.budget)}]", i)
            r.budget.append(row)


def _sum_of_measures(f: State) -> None:
    """'Samla 2026; alle tiltak' under the measures of a report of one scheme and no
    budget of its own: the sum of its measures is that scheme's row."""
    r = f.report
    sums = [(row, i) for scheme, row, i in f.part_sums if scheme is None]
    if len(sums) == 1 and len(r.budget) == 1 and r.budget_sum is None:
        _complete_from_sum(f, r.budget[0], *sums[0])
    if r.budget or r.budget_sum is not None or f.parts or len(r.schemes) != 1:
        return
    if len(sums) != 1:
        return
    row, i = sums[0]
    row.scheme, row.label = r.schemes[0], None
    f.evidence(f"budget[{len(r.budget)}]", i)
    r.budget.append(row)
    f.diag("info", "budget-from-measures", "the budget is the sum row of the measures", "budget", i)


def _measure_rows_said_again(f: State) -> None:
    """'Budsjett per tiltak' over 'Samlet behov per ordning': with the schemes' rows in the
    budget, a row per measure whose figures are that measure's says the measures again;
    the budget is the schemes' rows (an info says so)."""
    r = f.report
    if not any(b.scheme is not None for b in r.budget):
        return
    figures = {(m.owner_amount, m.uh_amount, m.total_stated) for m in (s.measure for s in f.slots)}
    drop = {
        k
        for k, b in enumerate(r.budget)
        if b.scheme is None and b.label and (b.owner_amount, b.uh_amount, b.total_stated) in figures
    }
    if not drop:
        return
    line = min((b.line for k, b in enumerate(r.budget) if k in drop and b.line), default=None)
    keep = [k for k in range(len(r.budget)) if k not in drop]
    for table in (r.evidence, r.evidence_files):
        old = {key: v for key, v in table.items() if key.startswith("budget[")}
        for key in old:
            del table[key]
        for new_k, k in enumerate(keep):
            prefix = f"budget[{k}]"
            for key, v in old.items():
                if key == prefix or key.startswith(prefix + "."):
                    table[f"budget[{new_k}]{key[len(prefix) :]}"] = v  # type: ignore[assignment]
    r.budget = [r.budget[k] for k in keep]
    f.diag(
        "info",
        "budget-per-measure",
        "the rows of each measure's figures say the measures again; the budget is the "
        "schemes' rows",
        "budget",
        _index_of(f, line),
    )


def _complete_from_sum(f: State, budget: BudgetRow, row: BudgetRow, i: int) -> None:
    """'Totalt omsøkt for 2027 tilsvarer kr 1 370 000' and, in the table of measures,
    'Sum omsøkt … | 500 | 870 | 1 370' (in thousands): the same total, so the Sum row's
    owner and UH figures are the budget row's where it states none."""
    if budget.total_stated is None or budget.total_stated != row.total_stated:
        return
    for attr in ("owner_amount", "uh_amount"):
        if getattr(budget, attr) is None and getattr(row, attr) is not None:
            setattr(budget, attr, getattr(row, attr))
            f.evidence(f"budget[0].{attr}", i)


def _summary(f: State) -> None:
    r = f.report
    _total_of_one_scheme(f)
    for name, part in f.parts.items():
        row = part.row
        if all(v is None for v in (row.owner_amount, row.uh_amount, row.total_stated)):
            continue
        line = part.lines.get("total_stated", min(part.lines.values()))
        row.line = f.doc.no(line)
        if name == "total":
            row.label = None
            r.budget_sum = row
            f.evidence("budget_sum", line)
            continue
        schemes = [x for x in f.ctx.schemes.ids_in(name) if x != "kollektiv"]
        row.scheme, row.label = (schemes[0], None) if len(schemes) == 1 else (None, name)
        f.evidence(f"budget[{len(r.budget)}]", line)
        r.budget.append(row)
    s = f.summary
    if s is None:
        return
    row = s.row
    if all(v is None for v in (row.owner_amount, row.uh_amount, row.total_stated)):
        return
    line = s.lines.get("total_stated", min(s.lines.values()))
    row.line = f.doc.no(line)
    if r.budget and r.budget_sum is None:
        r.budget_sum = row
        f.evidence("budget_sum", line)
        return
    if r.budget:
        return
    if len(r.schemes) == 1:
        row.scheme = r.schemes[0]
        row.label = None  # the scheme names the row
    r.budget.append(row)
    f.evidence("budget[0]", line)


def _total_of_one_scheme(f: State) -> None:
    """'Samlet beløp eier – desentralisert ordning', '… UH – desentralisert ordning', then
    'Totalt omsøkt beløp 2026': with one scheme's row and no total of its own, the total
    under it is that row's. So the other way round: 'Eigar 420 000', 'HVL 730 000', then
    'Sum Dekomp 2026 1 150 000': the owner's and the UH's figures above the scheme's
    total are that scheme's row."""
    s = f.summary
    named = [p for n, p in f.parts.items() if n != "total"]
    if s is None or len(named) != 1:
        return
    part = named[0]
    mine = {a for a in _ROW_ATTRS if getattr(s.row, a) is not None}
    theirs = {a for a in _ROW_ATTRS if getattr(part.row, a) is not None}
    if not mine or not theirs or mine & theirs:
        return
    if mine != {"total_stated"} and theirs != {"total_stated"}:
        return  # neither is only the other's total
    for a in mine:
        setattr(part.row, a, getattr(s.row, a))
        if a in s.lines:
            part.lines[a] = s.lines[a]
    part.row.uh_breakdown = part.row.uh_breakdown or s.row.uh_breakdown
    f.summary = None


_ROW_ATTRS = ("owner_amount", "uh_amount", "total_stated")


def _orgnrs(f: State) -> None:
    """An organisation number in the document resolves its organisation even when the
    name is written otherwise; a number and a name that disagree are a warning."""
    r = f.report
    gaz = f.ctx.resolver.gazetteer
    for digits, j, role in f.orgnr:
        f.use(j, int(digits))
        ref = r.owner if role == "eier" else (r.uh[0] if r.uh else None)
        entry = gaz.by_id(f"orgnr:{digits}")
        if ref is None:
            continue
        own = ref.id if ref.id and ref.id.startswith("orgnr:") else None
        parent = ref.parent if ref.parent and ref.parent.startswith("orgnr:") else None
        if f"orgnr:{digits}" in (own, parent):
            continue
        if ref.id is None and entry is not None:
            new = f.ctx.resolver.resolve(entry.name).ref
            new = replace(new, as_written=ref.as_written or ref.name)
            if role == "eier":
                r.owner = new
                r.partners = [replace(p, org=new) if p.org == ref else p for p in r.partners]
            else:
                r.uh = [new if u == ref else u for u in r.uh]
            f.diag(
                "info",
                "orgnr-resolved",
                f"'{ref.name}' resolved as {entry.name} by its organisation number {digits}",
                "owner" if role == "eier" else "uh",
                j,
            )
            continue
        theirs = entry.name if entry else "none"
        f.diag(
            "warning",
            "orgnr-mismatch",
            f"the document gives organisation number {digits} (in the gazetteer: {theirs}) "
            f"for '{ref.name}', whose number in the gazetteer is {own or parent or 'none'}",
            "owner" if role == "eier" else "uh",
            j,
        )


# '(utgår)', '(trukket)' after a measure's name; 'Tiltak 3 er trukket' in a sentence
_WITHDRAWN = re.compile(
    r"\((?:utgår|utgått|utgjekk|trukket|trekt|strøket|stroke|faller bort|fell bort|avlyst|"
    r"utkast|avsluttet|avslutta)\)",
    re.I,
)  # '(Utkast) KI og vurdering', '(Avsluttet) Klasseledelse': a draft, a finished measure
_WITHDRAWN_SAID = re.compile(
    r"\btiltak\s+(\d{1,2})\s+(?:er|blir|vert)\s+(?:trukket|trekt|strøket|stroke|avlyst|"
    r"tatt\s+ut)\b|\btiltak\s+(\d{1,2})\s+(?:utgår|fell\s+bort|faller\s+bort)\b",
    re.I,
)


def _withdrawn_numbers(f: State) -> set[int]:
    found: set[int] = set()
    for i in range(len(f.doc)):
        text = f.doc.plain(i)
        if "tiltak" in text.casefold():
            for m in _WITHDRAWN_SAID.finditer(text):
                found.add(int(m.group(1) or m.group(2)))
    return found


def _blank_blocks(f: State) -> None:
    """'Tiltak 4 (valgfritt)' with 'Skriv inn navn på tiltaket ...', 'f.eks. 100 000' and
    'Sum for tiltaket: 0': a web form's empty block for one more measure, which names
    nothing and asks for nothing, is no measure (an info says so)."""
    kept = []
    withdrawn = _withdrawn_numbers(f)
    for slot in f.slots:
        m = slot.measure
        money = (m.owner_amount, m.uh_amount, m.total_stated, m.coordinator_amount)
        if _WITHDRAWN.search(m.name or "") or (m.number is not None and m.number in withdrawn):
            figures = ", ".join(format_nok(v) for v in money if v)
            if slot.section is not None and slot.section.kind == "measure":
                # '▸ (Utkast) KI og vurdering' over 'Skisse: eier kr 100 000, …': the
                # figures of its own part are its, not counted either
                for j in range(slot.section.start, slot.section.end or len(f.doc)):
                    f.aside([j], [a.value for a in f._amounts(j)], "withdrawn")
            f.diag(
                "info",
                "measure-withdrawn",
                f"measure {m.number or ''} '{m.name}' is withdrawn: no measure, its figures "
                f"({figures or 'none'}) not counted".replace("measure  '", "measure '"),
                "measures",
                min(slot.evidence.values()) if slot.evidence else None,
            )
            continue
        said = m.name or m.uh or m.terms or m.target_groups or m.purpose or m.continued is not None
        if said or any(v for v in money):
            kept.append(slot)
            continue
        i = slot.section.start if slot.section is not None else None
        f.diag("info", "empty-measure", "an empty block for a measure: no measure", "measures", i)
    f.slots[:] = kept


def _measures_into_record(f: State) -> None:
    r = f.report
    r.measures = [s.measure for s in f.slots]
    rename: dict[str, str] = {}
    for k, slot in enumerate(f.slots):
        rename[f"@{id(slot)}"] = str(k)
        for sub, i in slot.evidence.items():
            f.evidence(f"measures[{k}].{sub}", i)
        lines = [f.doc.no(i) for i in slot.evidence.values() if i is not None]
        if lines:
            slot.measure.line = min(lines)
            r.evidence.setdefault(f"measures[{k}]", min(lines))
        if not slot.measure.name:
            slot.measure.name = f"Tiltak {slot.measure.number}" if slot.measure.number else "Tiltak"
    if rename:
        pattern = re.compile(r"@\d+")
        r.diagnostics[:] = [
            replace(d, field=pattern.sub(lambda m: rename.get(m.group(), "?"), d.field))
            if d.field and "@" in d.field
            else d
            for d in r.diagnostics
        ]


__all__ = ["fill"]
_ = (Money, LabelMatch, Diagnostic)
