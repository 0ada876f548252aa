"""What one fill pass carries: the record being filled, its measures, and what was read.

Measures are collected as `Slot`s (a measure with its evidence and diagnostics) because
their final place in the record is known only at the end: a measure named in a report's
title (an attachment's focus) or implied by fields outside any measure (a web form's one
measure) joins or follows the measures the tables and sections give.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal, overload

from kompetansekart.ingest.context import Context
from kompetansekart.ingest.document import Document
from kompetansekart.ingest.form.model import (
    BUDGET,
    CONTINUATION,
    MEASURE,
    FlatTable,
    Form,
    Pair,
    Section,
    Table,
)
from kompetansekart.ingest.labels import Labels
from kompetansekart.ingest.money import amounts_in
from kompetansekart.ingest.records import BudgetRow, Level, Measure, OrgRef

Item = Pair | Table | FlatTable


_DIGIT = re.compile(r"\d")


@dataclass
class Slot:
    measure: Measure
    section: Section | None = None
    evidence: dict[str, int] = field(default_factory=dict)  # sub-field -> document index
    diags: list[tuple[Level, str, str, str, int | None]] = field(default_factory=list)
    named_by: str = ""  # where the name came from: heading, field, table, title

    def note(self, sub: str, i: int | None) -> None:
        if i is not None and sub not in self.evidence:
            self.evidence[sub] = i


@dataclass
class Summary:
    """A summary budget row built from label–value pairs (owner / UH / total)."""

    row: BudgetRow
    lines: dict[str, int] = field(default_factory=dict)

    def put(self, attr: str, value: int | None, line: int) -> bool:
        """Set one figure of the row unless it has one already; True if it was set."""
        if getattr(self.row, attr) is not None:
            return False
        setattr(self.row, attr, value)
        self.lines[attr] = line
        return True


@dataclass
class Scope:
    kind: str  # "measure" | "continuation" | "budget" | "report"
    slot: Slot | None = None
    section: Section | None = None
    economy: bool = False


def norm_name(name: str | None) -> str:
    return " ".join((name or "").casefold().split()).rstrip(" .:")


# a line that ends with an abbreviation's stop ('f.eks.', 'ca.') has not ended its sentence
_ABBREVIATION_END = re.compile(
    r"(?<!\w)(?:f\.\s?eks|bl\.\s?a|t\.\s?d|ca|kr|nr|inkl|jf|m\.\s?m)\.$", re.I
)


class State:
    def __init__(self, ctx: Context, form: Form, labels: Labels) -> None:
        self.ctx = ctx
        self.form = form
        self.doc: Document = form.doc
        self.report = ctx.report
        self.labels = labels
        self.slots: list[Slot] = []
        self.by_section: dict[int, Slot] = {}
        self.current: Slot | None = None
        self.current_section: Section | None = None
        self.focus: Slot | None = None
        self.loose: Slot | None = None
        self.summary: Summary | None = None
        self.parts: dict[str, Summary] = {}  # a scheme's name, or "total" -> its row
        # a part of the document (a workbook's sheet, a chapter) whose 'Ordning' names one
        # scheme: id(section) -> that scheme; and the Sum rows of measure tables in such
        # parts, which are the scheme's row when the report has no budget of its own
        self.part_schemes: dict[int, str] = {}
        self.part_sums: list[tuple[str | None, BudgetRow, int]] = []
        # the owner a list of parties marks as the coordinating one, and its line
        self.coordinating: tuple[OrgRef, int] | None = None
        self.outside: set[int] = set()  # lines of parts that are not part of the report
        self.used: Counter[tuple[int, int]] = Counter()  # (line, amount) read by a field
        self.asides: set[tuple[int, int]] = set()  # (line, amount) named as not a figure
        self.aside_why: dict[tuple[int, int], str] = {}
        self.marks: Counter[int] = Counter()  # checked marks read, per line
        self.last_contact: int | None = None  # index into report.contacts
        self.last_org_role: str | None = None  # the role of the organisation named last
        self.pending_contact: list[tuple[str, str, str, int]] = []  # role, part, value, line
        self.orgnr: list[tuple[str, int, str]] = []  # (digits, line, role)
        self.measure_count: tuple[int, int] | None = None
        self.continued_numbers: dict[int, tuple[bool, int]] = {}
        self.uh_only: dict[int, object] = {}  # measure number -> the UH named only for it
        self.answers: list[Pair] = []
        # choice fields the form asks with its options, answered or not: an unanswered
        # question is not answered by the words of a title or a sentence
        self.asked: set[str] = set()
        # options answered one by one ('Behovet gjeld barnehage: [JA] / NEI'): field ->
        # the options answered yes, which together make the field's value
        self.yes_options: dict[str, list[str]] = {}
        # the sentences of a set of lines, as fill.sentences cut them
        self.sentence_cache: dict[tuple[int, ...], list] = {}
        # the themes of the measures' background texts (theme, line): the report's needs
        # when it has no needs answer of its own, which otherwise says it better
        self.background: list[tuple[str, int]] = []
        self.needs_stated = False
        self.weak_owner = False  # the owner so far is from a sender line ('Frå:')
        self._line_amounts: dict[int, list] = {}
        self.prose_lines: list[int] = []  # value lines of a statement, read as sentences
        self.grid_header: tuple | None = None  # a 'Spørsmål | Svar | Ja | Nei' header row
        if form.focus is not None:
            f = form.focus
            name = f.name if f.name and not _caps(f.name) else (f.name or "")
            self.focus = Slot(Measure(name=name or f"Tiltak {f.number}", number=f.number), f)
            self.focus.named_by = "title"
            self.focus.note("name", f.start)

    # --- evidence, diagnostics, accounting -----------------------------------------------

    def evidence(self, key: str, i: int | None) -> None:
        if i is not None and key not in self.report.evidence:
            self.ctx.evidence(key, i)

    def diag(self, level: Level, code: str, message: str, fld: str | None, i: int | None) -> None:
        self.ctx.diag(level, code, message, fld, i)

    def use(self, i: int, *values: int) -> None:
        for v in values:
            self.used[(i, v)] += 1

    def use_in(self, lines: list[int], values: tuple[int, ...]) -> None:
        """Mark amounts as read on whichever of `lines` holds them."""

        left = list(values)
        for j in lines:
            for a in self._amounts(j):
                if a.value in left:
                    self.used[(j, a.value)] += 1
                    left.remove(a.value)

    def aside(self, lines: list[int], values: list[int], why: str = "part") -> None:
        """Amounts a money rule set aside (not a budget figure), with the reason."""

        for j in lines:
            for a in self._amounts(j):
                if a.value in values:
                    self.asides.add((j, a.value))
                    self.aside_why.setdefault((j, a.value), why)
            for low, high, *_ in _ranges(self.doc.plain(j)):
                for v in (low, high):
                    if v in values:
                        self.asides.add((j, v))
                        self.aside_why.setdefault((j, v), why)

    def _amounts(self, j: int):
        """The amounts of line j, cell by cell where it has cells (a run of two cells'
        amounts would read as one number). Asked for again and again: kept per line."""
        found = self._line_amounts.get(j)
        if found is None:
            doc = self.doc
            if doc.is_table_row(j):
                found = [a for cell in doc.cells(j) for a in amounts_in(cell)]
            else:
                found = amounts_in(doc.plain(j))
                spaced = doc.aligned[j]  # '400 000     680 000': columns apart, as accounted
                split = [a for c in spaced for a in amounts_in(c)] if spaced else []
                if len(split) > len(found):
                    found = split
            self._line_amounts[j] = found
        return found

    def text_amounts(self, lines: list[int]) -> None:
        """Amounts in running text (an answer, a description): those the words show are
        not budget figures (last year's grant, own contribution, a part, 'ca.') are named
        as such; the rest stay for the accounting to report."""
        given = set(lines)
        figured = [j for j in lines if _DIGIT.search(self.doc.plain(j))]
        if not figured:
            return
        # a sentence wrapped onto the figures' line keeps its start ('… f.eks.' over
        # '150 000 til eier …')
        runs_on = {j - 1 for j in figured if j - 1 in given and self._runs_on(j - 1)}
        lines = sorted({*figured, *runs_on})
        # lines apart in the document are apart here too (a paragraph break), so that a
        # sentence never runs on into the next line with figures, far below it
        text = self.doc.plain(lines[0])
        for before, j in itertools.pairwise(lines):
            text += ("\n" if j == before + 1 else "\n\n") + self.doc.plain(j)
        self._classify(text, lines)

    def _runs_on(self, j: int) -> bool:
        """Does line j's sentence go on on the next line (no stop at its end, or the stop
        of an abbreviation: 'f.eks.', 'ca.')?"""
        text = self.doc.plain(j).rstrip()
        if not text.endswith((".", "!", "?", ":")):
            return True
        return _ABBREVIATION_END.search(text) is not None

    def pair_amounts(self, pair: Pair) -> None:
        """`text_amounts` for a free-text answer (its value, without its label)."""
        lines = pair.value_lines()
        text = pair.text(self.doc)
        if lines and _DIGIT.search(text):
            self._classify(text, lines)

    def _classify(self, text: str, lines: list[int]) -> None:
        from kompetansekart.ingest.money import find_ranges, prose_money

        found = prose_money(text, self.report.year)
        for a in found.aside:
            self.aside(lines, [a.value], a.why)
        for low, high, *_ in find_ranges(text):
            self.aside(lines, [low, high], "range")

    def aside_money(self, lines: list[int], money) -> None:
        for a in money.aside:
            self.aside(lines, [a.value], a.why)

    # --- scope -----------------------------------------------------------------------------

    def scope(self, item: Item) -> Scope:
        s = item.section
        economy = s is not None and s.within("economy") is not None
        if s is not None:
            ms = s.within(MEASURE)
            if ms is not None:
                return Scope("measure", self.section_slot(ms), s, economy)
            if s.within(CONTINUATION) is not None:
                return Scope("continuation", None, s, economy)
            if s.within(BUDGET) is not None:
                return Scope("budget", None, s, economy)
        if self.current is not None and _under(s, self.current_section):
            return Scope("measure", self.current, s, economy)
        self.current = None
        return Scope("report", None, s, economy)

    def section_slot(self, section: Section) -> Slot:
        slot = self.by_section.get(id(section))
        if slot is None:
            slot = self.measure(section.number, section.name, section=section)
            if section.name:
                slot.named_by = slot.named_by or "heading"
                slot.note("name", section.start)
            self.by_section[id(section)] = slot
        return slot

    @overload
    def measure(
        self,
        number: int | None,
        name: str | None = ...,
        *,
        section: Section | None = ...,
        create: Literal[True] = ...,
    ) -> Slot: ...

    @overload
    def measure(
        self,
        number: int | None,
        name: str | None = ...,
        *,
        section: Section | None = ...,
        create: bool,
    ) -> Slot | None: ...

    def measure(
        self,
        number: int | None,
        name: str | None = None,
        *,
        section: Section | None = None,
        create: bool = True,
    ) -> Slot | None:
        """The measure with this number (and name), made if there is none yet."""
        key = norm_name(name)
        both = [s for s in self.slots if s.measure.number == number and key and _same(s, key)]
        if both:
            return both[0]
        numbered = [s for s in self.slots if number is not None and s.measure.number == number]
        if len(numbered) == 1 and (not key or not numbered[0].measure.name or section is None):
            slot = numbered[0]
            if key and not slot.measure.name:
                slot.measure.name = name or ""
            elif key and not _same(slot, key) and name:
                if slot.named_by in ("", "position"):
                    slot.measure.name = name
                else:
                    numbered = []  # same number, another name: another measure
            if numbered:
                return slot
        named = [s for s in self.slots if key and _same(s, key)]
        if len(named) == 1 and number is None:
            return named[0]
        if not create:
            return None
        slot = Slot(Measure(name=name or "", number=number), section)
        self.slots.append(slot)
        return slot

    def measure_slot(self, scope: Scope) -> Slot:
        """Where a measure field outside any measure goes: the document's focus measure,
        else the one measure the report's loose fields describe."""
        if scope.slot is not None:
            return scope.slot
        if self.focus is not None:
            return self.focus
        if self.loose is None:
            self.loose = Slot(Measure(name=""))
        return self.loose

    def part_scheme(self, i: int) -> str | None:
        """The scheme of the part of the document line i is in, if a part names one."""
        section = self.form.section_at(i)
        while section is not None:
            if id(section) in self.part_schemes:
                return self.part_schemes[id(section)]
            section = section.parent
        return None

    def summary_row(self, part: str | None = None) -> Summary:
        """The summary row pairs fill; in a part of the summary headed by a scheme's
        name ('Desentralisert ordning') or 'Totalt', that part's row."""
        if part is not None:
            if part not in self.parts:
                self.parts[part] = Summary(BudgetRow(None, None, None, None, label=part))
            return self.parts[part]
        if self.summary is None:
            self.summary = Summary(BudgetRow(None, None, None, None))
        return self.summary


def targets(f: State, pair: Pair, scope: Scope) -> list[Slot]:
    """The measures a measure field applies to: its label's number ('Målgruppe tiltak
    2'), its section's measure, the measures of a continuation part, or the document's
    focus / loose measure."""
    number = pair.meaning.number if pair.meaning else None
    if number is not None and "tiltak" in pair.label.lower():
        slot = f.measure(number)
        return [slot] if slot else []
    if scope.kind == "continuation":
        continued = [s for s in f.slots if s.measure.continued]
        if continued:
            return continued
    return [f.measure_slot(scope)]


def numbered(pair: Pair) -> bool:
    """A label about one measure by its number ('tiltak[1].belop_uh', 'Målgruppe tiltak 2')."""
    return bool(pair.meaning and pair.meaning.number is not None and "tiltak" in pair.label.lower())


def _caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _same(slot: Slot, key: str) -> bool:
    return norm_name(slot.measure.name) == key


def _under(section: Section | None, container: Section | None) -> bool:
    if container is None:
        return section is None or section.within(MEASURE) is None
    s = section
    while s is not None:
        if s is container:
            return True
        s = s.parent
    return False


def _ranges(text: str):
    from kompetansekart.ingest.money import find_ranges

    return find_ranges(text)
