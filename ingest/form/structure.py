"""The structure pass: a document's lines as pairs, tables and sections, for any layout.

Each line is looked at once, in order, and becomes one of:

* a **table row** (cells from tabs, Markdown pipes, Word/PDF cells; or three or more
  space-aligned columns); consecutive rows make one `Table`;
* a **flattened table**: a line of column labels only ('Eier UH Totalt') and the lines
  under it, where a text export dropped the cell boundaries (`FlatTable`);
* a **heading** (Markdown `#`, 'DEL B', '1  INNSENDER', ALL CAPS, a line in bold, or a
  section label of the vocabulary alone on its line): it opens a `Section`. A heading
  whose words are a field label ('5. Målgruppe') is a label whose value follows;
* a **pair** with its separator: `Label: value`, `Question? answer`, `Label .... value`,
  `**Label** value`, `Label<TAB>value` (a two-cell row), `Label<2+ spaces>value`;
* a **pair without a separator** ('1.3 Eier Bodø kommune', 'Tiltakets varighet Vår
  2024 …'): a vocabulary label at the line start, kept only when the rest looks like a
  value of that field (a name, an amount, marked options, terms, a year, a count), so
  prose that happens to start with 'Eier …' stays prose;
* a **label alone** ('Navn på eier', 'Ønsket sum eier', 'Hvilket år …?'): its value is on
  the lines that follow;
* **prose**, which continues the open pair's value (answers run over several lines), or
  belongs to no pair.

An open pair is closed by the next heading, table or known label. A label of the
vocabulary that lists things ('Tiltak fra 2024 som videreføres', 'Ønsket sum eier')
keeps 'Tiltak N: …' lines and their 'Totalt:' as its own value lines instead of letting
them open measure sections; a pair with an unknown label inside free text does not close
it either.

Sections nest by level (Markdown level; 1 for 'DEL'/numbered/ALL CAPS; 2 for bold; 3 for
a plain section label). A measure's section is closed by the next measure heading or by a
part of another kind (the budget, the union consultation, ...), not by an 'Økonomi' or
'Målgruppe' inside it. A measure heading before any field (an attachment's title,
'TILTAK 2: TRYGT OG GODT SKOLEMILJØ') is the document's `focus`: what the document
describes outside other measure sections belongs to that measure.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kompetansekart.ingest.amounts import find_amounts
from kompetansekart.ingest.cell_lines import ANSWER_HEADS
from kompetansekart.ingest.checkboxes import BOX, count_boxes
from kompetansekart.ingest.document import Document
from kompetansekart.ingest.form.codes import apply_codes
from kompetansekart.ingest.form.model import (
    BUDGET,
    BUDGET_PART,
    CONTINUATION,
    ECONOMY,
    LEFT_OUT,
    LIST_FIELDS,
    MEASURE,
    MEASURES,
    OTHER,
    FlatTable,
    Form,
    Item,
    Pair,
    Row,
    Section,
    Table,
)
from kompetansekart.ingest.labels import LabelMatch, Labels, key, split_note, strip_numbering
from kompetansekart.ingest.terms import find_terms

_COLON = re.compile(r"^(?P<label>[^:]{1,90}?)\s*:(?!\d\d)(?!//)\s*(?P<value>.*)$")
_QUESTION = re.compile(r"^(?P<label>[^?]{3,240}\?)\s*(?P<value>.*)$")
# 'Eier ......... Alta kommune', 'EIER................: SARPSBORG' (a colon after the dots)
_DOTS = r"(?:\.{3,}|…+|_{3,})\s*:?\s*"
_LEADER = re.compile(rf"^(?P<label>.{{1,90}}?)\s*{_DOTS}(?P<value>.*)$")
_LEADER_DOTS = re.compile(_DOTS)
_EQUALS = re.compile(r"^(?P<label>[\w.\[\]\-]{2,60}?)\s*=\s*(?P<value>.*)$")
_MARK_CELL = re.compile(r"^\s*(?:[xX✓✔☒☑■◉☐□✖◯]|\[[xX ]?\]|\([xX* •●○]\))\s*$")
# '**Eier** Tønsberg kommune', '**Eier**: …', '**Eier** — …' (a dash between)
_BOLD_LABEL = re.compile(r"^\*\*(?P<label>[^*]{1,90}?)\*\*\s*(?::|[—–](?=\s))?\s*(?P<value>\S.*)$")
_WHOLE_BOLD = re.compile(r"^\*\*[^*]+\*\*\s*:?\s*$")
# '**Tiltak 6**Navn på tiltak: X', or a run-in heading: '**Tiltak 1 – Lesing.** Tilskuddet …'
_BOLD_MEASURE = re.compile(r"^\*\*(?P<head>[^*]{1,120})\*\*\s*(?P<rest>\S.*)$")
_NUMBERED = re.compile(r"^(?:\(?(\d{1,2})(\.\d{1,2})*[.)]?|del\s+[a-h\d]{1,2}[.:]?)\s+\S", re.I)
_CONTENTS = re.compile(
    r"^\W*(?:agenda|innhold|innhald|innholdsfortegnelse|innhaldsliste|innhaldsoversikt|"
    r"dagsorden|program|contents|table\s+of\s+contents)\W*$",
    re.I,
)
_DEL = re.compile(r"^del\s+[a-h\d]{1,2}\b", re.IGNORECASE)
_ATTACHMENT = re.compile(r"^(?:vedlegg|bilag)\s+\d{1,2}\s*[:.–-]\s*[A-ZÆØÅ]", re.IGNORECASE)
_MEASURE_REF = re.compile(
    r"^(?:tiltak|tiltaket)\s*(?:nr\.?\s*)?\d{1,2}(?:\s*(?:og|,|&|/)\s*\d{1,2})*\s*[:.\-–]",
    re.IGNORECASE,
)
# option sets that answer one question whatever the heading over them, and that question
_OPTION_QUESTIONS = (("sector", "Sektor"), ("phases", "Fase"))
_BOXED = re.compile(rf"^\s*(?P<box>{BOX.pattern})\s+(?P<rest>\S.*)$")  # '[x] Barnehage'
# '- **Tiltak 1: …**', '- ▸ Tiltak 1 – …' (a toggle) too: a list's item over its sub-items
_MEASURE_HEAD = re.compile(
    r"^(?:[-*•▸▹►▶▾▼▿▻]\s+){0,2}(?:tiltak|tiltaket)\s*(?:nr\.?\s*)?\d{1,2}\s*(?:[:.)\-–—]\s*\S|$)",
    re.I,
)
# 'Tiltak 3 – PPT som pådriver i laget rundt barnet.': a heading set as a sentence; its
# stop is no part of the name (an abbreviation's is: 'm.m.')
_MEASURE_NAME_STOP = re.compile(r"(?<=[^\W\d_]{3})\.$")
# 'Tiltak 1) Språkmiljø …': the measure's number closed by a bracket, as in a list
_CLOSING_PAREN = re.compile(r"^((?:tiltak|tiltaket)\s*(?:nr\.?\s*)?\d{1,2})\)", re.I)
# 'Tiltak 1) Språkmiljø – Høgskolen i Østfold – vår 2026 – eier 120 000 / UH 250 000':
# a measure's heading with its facts after it, a dash between each
_FACT_SEP = re.compile(r"\s[–—]\s")
# fields a heading may name over a 'Tiltak N: …' line per measure
_PER_MEASURE = frozenset({"target_groups", "terms", "purpose", "description", "themes"})
_GOES_ON = re.compile(
    r"\s*\((?:forts\.?|fortsatt|fortsettelse|framhald|frh\.?|fortset\.?|cont\.?|continued)\)\s*$",
    re.I,
)
_NAME_SEP = re.compile(r"^\s*(?:[:.)\-–—]\s*|$)")
_SENTENCE = re.compile(r"[.!]\s+[A-ZÆØÅa-zæøå]")
# a sentence inside what would be a label: a word's end, a stop, a new sentence; not the
# stop of an abbreviation ('Komm. bhg', 'Off. skoler', 'Ant. deltakere')
_LABEL_SENTENCE = re.compile(r"[.!]\s+[A-ZÆØÅ]\w")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT_OR_AT = re.compile(r"[\d@]")
_A_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_X_CELL = re.compile(r"^\s*[xX✓✔☒☑■]\s*$")

# Field families and what their values look like (for pairs without a separator).
_NAME_FIELDS = ("owner", "sender", "uh", "uh_unit", "network", "contact.", "measure_name")
_CHOICE_FIELDS = (
    "schemes",
    "sector",
    "continuation",
    "phases",
    "several_",
    "union_held",
    "sami",
    "further_ed",
    "purpose",
    "budget_attached",
    "coordinator_needed",
)
_AMOUNT_FIELDS = ("owner_amount", "uh_amount", "total_amount", "coordinator_amount")
_COUNT_FIELDS = ("units.", "measure_count")
_MONEY_COLUMNS = frozenset(_AMOUNT_FIELDS)
_LIST_LABELS = frozenset({"continued_measures", "progress"})
# A line that asks for a text without a question mark ('Beskriv hvordan tiltaket …')
_ASKS = re.compile(
    r"^(?:beskriv|gi\s+en|gje\s+ei|forklar|hvordan|korleis|hva|kva|hvilke|kva\s+for|grei\s+ut|"
    r"gjer\s+greie|redegjør|oppgi|skildr|list\s+opp|fortell)\b",
    re.IGNORECASE,
)
_AMOUNT_START = re.compile(r"^\s*(?:kr\.?|NOK)?\s*\d", re.IGNORECASE)
_FREE_TEXT = frozenset({"needs", "comment", "description", "remark", "progress", "target_groups"})


def read_form(doc: Document, labels: Labels) -> Form:
    form = _Reader(doc, labels).read()
    if "=" in doc.normalised_text:
        apply_codes(form)  # 'KODER J = JA, N = NEI' and the 'J's under it
    return form


# '**1. Matematikk på småtrinnet.** Målgruppe: …': an item's bold title, then its text
_RUN_IN_ITEM = re.compile(r"^\*\*(?P<n>\d{1,2})[.)]\s+(?P<name>[^*]{3,120}?)\*\*\s*\S")
_MEASURES_WORD = re.compile(r"\btiltak(?:a|ene|et)?\b", re.I)
# '3.1 Samisk begynneropplæring …' under '3 Tiltak': a measure numbered in an outline
_OUTLINE_HEAD = re.compile(r"(?P<part>\d{1,2})\.(?P<n>\d{1,2})\.?\s+(?P<name>\w.{2,})")
_OUTLINE_PART = re.compile(r"(?P<part>\d{1,2})\.?\s+\w")


class _Reader:
    def __init__(self, doc: Document, labels: Labels) -> None:
        self.doc = doc
        self.labels = labels
        self.items: list[Item] = []
        self.sections: list[Section] = []
        self.stack: list[Section] = []
        self.prose: list[int] = []
        self.open: Pair | None = None
        self.seen_pair = False
        self.measure_heads = 0

    # --- the walk ----------------------------------------------------------------------

    def read(self) -> Form:
        doc = self.doc
        title = _title(doc)
        focus = self._focus(title)
        self._walk(focus)
        if focus is not None and self.measure_heads:
            # measure sections after all: the heading at the top is the first of them
            self.__init__(doc, self.labels)  # type: ignore[misc]
            focus = None
            self._walk(None)
        n = len(doc)
        for s in self.stack:
            s.end = n
        form = Form(doc, self.items, self.sections, self.prose, title, focus)
        for item in self.items:
            item.section = form.section_at(item.start if not isinstance(item, Pair) else item.i)
        return form

    def _walk(self, focus: Section | None) -> None:
        i = 0
        while i < len(self.doc):
            if focus is not None and i == focus.start:
                i += 1
                continue
            i = self._line(i)

    def _line(self, i: int) -> int:
        """Read the structure starting at line i; returns the next unread line."""
        doc = self.doc
        text = doc.plain(i)
        raw = doc.text(i)
        facts = _facts(self.labels, text, raw)
        if self.stack and not facts.row and self._in_contents(text):
            self._prose(i)  # '6. Kontakt' under 'Agenda': a part named, not a heading
            return i + 1
        if self._form_text(i, text):
            self.prose.append(i)
            return i + 1
        pair = self.open
        asks = pair is not None and not pair.value and pair.meaning is not None
        marked = BOX.search(text) or _LONE_MARK.search(text)
        if asks and facts.row and marked and self._continues_choice(text):
            assert pair is not None
            pair.more.append(i)  # '☐ Barnehage<TAB>☐ Skole ☑ Begge' under its question
            return i + 1
        if facts.row:
            if self._labels_over_values(i):
                return self._wrapped_cell(self._table(i, aligned=False))  # fields side by side
            if self._questions_over_choices(i):
                return i + 2
            if self._cell_pairs(i) or self._pair_beside(i) or self._pair_groups(i):
                return i + 1
            if self._row_like(i):
                return self._table(i, aligned=False)
        if asks and (self._continues_list(text) or self._continues_choice(text)):
            assert pair is not None
            pair.more.append(i)
            return i + 1
        if facts.boxed is not None and self._boxed_measure(i, facts.boxed):
            return i + 1
        glued = facts.glued
        if glued is not None and self._measure_heading(i, glued["head"], level=2):
            return self._rest_of_line(i, glued["rest"])
        if raw.startswith("**") and self._run_in_item(i, raw):
            return i + 1
        flat = self._flat_header(i, text) if facts.may_flat else None
        if flat is not None:
            return self._flat_table(i, flat)
        if facts.item is not None and self._numbered_measure(i, text, *facts.item):
            return i + 1
        if facts.question is not None and self._numbered_question(i, facts.question):
            return i + 2
        if _MEASURE_HEAD.match(text) and self._facts_heading(i, text):
            return i + 1
        if self._heading(i, text, raw):
            return i + 1
        if self._explicit_pair(i, text, raw):
            return i + 1
        cells = doc.aligned[i]
        if cells is not None and self._options_pair(i, text, raw):
            return i + 1
        if cells is not None and _options_line(text):
            self._prose(i)  # 'Ja x   Nei': a question's options, not a label and a value
            return i + 1
        if cells is not None and len(cells) == 2 and _MARK_CELL.match(cells[1]):
            self._prose(i)  # an option and its mark far to the right: part of a question
            return i + 1
        if cells is not None and not BOX.search(text):
            if self._among_pairs(i, cells):
                value = " ".join(c for c in cells[1:] if c)
                if self._pair(i, cells[0], value, value, "aligned"):
                    return i + 1
            if self._about_measure(i, cells):
                return i + 1
            if len([c for c in cells if c]) >= 3 or self._aligned_row_follows(i):
                return self._table(i, aligned=True)
            if self._pair(i, cells[0], cells[1], cells[1], "aligned"):
                return i + 1
        options_end = self._option_run(i, text)
        if options_end:
            return options_end
        if self._prefix_pair(i, text, raw):
            return i + 1
        if self._label_alone(i, text):
            return i + 1
        self._prose(i)
        return i + 1

    def _in_contents(self, text: str) -> bool:
        """A numbered line in a table of contents or an agenda: it names a part of the
        document (with its page), it is none."""
        title = self.stack[-1].title or ""
        return bool(_CONTENTS.match(title)) and _LIST_NUMBER.match(text) is not None

    def _facts_heading(self, i: int, text: str) -> bool:
        """'Tiltak 1) Språkmiljø – Høgskolen i Østfold – vår 2026 – eier 120 000 / …': a
        measure's heading, its name the first part, and its facts after dashes: a run-in
        heading whose line is its measure's paragraph."""
        if not _FACT_SEP.search(text):
            return False
        parts = _FACT_SEP.split(" ".join([text, *self._wrapped_after(i)]).replace("**", ""))
        if len(parts) < 3 or find_amounts(parts[0]):
            return False
        facts = " ".join(parts[1:])
        if not (find_amounts(facts) or find_terms(facts)):
            return False
        if not self._measure_heading(i, parts[0], level=3):
            return False
        self.stack[-1].run_in = True
        self._prose(i)
        return True

    def _wrapped_after(self, i: int) -> list[str]:
        """The lines a hard-wrapped line goes on with (an e-mail's 72 columns): up to a
        blank line, a label, a heading or a table row, at most three."""
        doc, out = self.doc, []
        for j in range(i + 1, min(i + 4, len(doc))):
            text = doc.plain(j)
            if doc.gap(j) or not text or doc.is_table_row(j) or doc.lines[j].heading:
                break
            if _COLON.match(text) or _MEASURE_HEAD.match(text):
                break
            out.append(text)
        return out

    def _rest_of_line(self, i: int, rest: str) -> int:
        """'**Tiltak 6**Navn på tiltak: X': the heading, then the rest as its own pair."""
        plain_rest = rest.replace("**", "")
        if not self._explicit_pair(i, plain_rest, rest):
            # '**Tiltak 1 – Lesing.** Tilskuddet skal …': a run-in heading; the measure is
            # its paragraph, which the next heading of its rank ends, whatever its kind
            self.stack[-1].run_in = True
            self._prose(i)
        return i + 1

    # --- prose and the open pair ---------------------------------------------------------

    def _form_text(self, i: int, text: str) -> bool:
        """What a web form prints around its answers: 'Velg ...' or 'f.eks. 100 000' in an
        empty field, and '(Oppgi beløp i hele kroner, f.eks. 200 000)', the help text under
        a label, whose answer is on the next line."""
        if _PLACEHOLDER.match(text):
            return True
        pair = self.open
        return pair is not None and not pair.value and not pair.more and bool(_HINT.match(text))

    def _prose(self, i: int) -> None:
        if _CLOSING.match(self.doc.plain(i)):
            self.open = None  # 'Med vennlig hilsen': the letter's end, no field's value
        pair = self.open
        free = bool(set(pair.fields) & _FREE_TEXT) if pair is not None else False
        qa = pair is not None and pair.more and self.doc.gap(i) and not free
        # a question the vocabulary does not know, and its answer on the next line:
        # the answer before it is complete; so is a question it knows a phrase of, first
        # under a heading ('SIDE 4 AV 5 – ENHETER' / 'Antall offentlige skoler som er med')
        closed = pair is None or (bool(pair.value) and not pair.more and not free)
        first = closed and self.doc.gap(i) and self.labels.phrase(self.doc.plain(i))
        if (qa or first) and self._qa_start(i) and self._pair(i, self.doc.plain(i), "", "", "qa"):
            return
        if pair is not None and _next_item(self.doc.plain(pair.i), self.doc.plain(i)):
            # '7. Samiske perspektiver er vurdert …' then '8. Tiltakene er koblet til …':
            # the next item of a numbered list is not the value of the one before
            self.open = pair = None
        if pair is not None and not free and self._other_statement(pair, i):
            self.open = pair = None
        # a question set as a heading ('### Kven er eigar?') has its answer under it, after
        # a blank line
        short = (
            pair is not None
            and bool(pair.fields)
            and len(pair.value.split()) <= 4
            and not (pair.style == "heading" and not pair.value)
        )
        # so is a list item's ('- Periode: vår 2026 og høst 2026') before a blank line, and
        # a choice's once its boxes are read ('Vidareføring?' over '⬜ Ja ✔ Nei')
        item = pair is not None and self.doc.gap(i) and _LIST_ITEM.match(self.doc.text(pair.i))
        if pair is not None and item and not free:
            self.open = pair = None
        if pair is not None and self.doc.gap(i) and self._answered_choice(pair):
            self.open = pair = None
        if pair is not None and short and not free and (self.doc.gap(i) or _atomic(pair)):
            # 'PPT – 1', a blank line, then a paragraph: the value was complete on its line;
            # so is a phone number or an e-mail address, blank line or not (a PDF has none)
            self.open = pair = None
        if pair is not None:
            pair.more.append(i)
        else:
            self.prose.append(i)

    def _answered_choice(self, pair: Pair) -> bool:
        if not pair.more or not any(f.startswith(_CHOICE_FIELDS) for f in pair.fields):
            return False
        return any(BOX.search(self.doc.text(j)) for j in pair.more)

    def _other_statement(self, pair: Pair, i: int) -> bool:
        """'Samisk perspektiv: vurdert ikke relevant.' then 'Tiltak 2 ses i sammenheng med
        videreutdanning …': a whole sentence after a complete answer, saying what another
        field means, is not more of that answer."""
        if pair.more or not pair.fields or not pair.value.rstrip().endswith("."):
            return False
        text = strip_numbering(self.doc.plain(i))
        if not text[:1].isupper():
            return False
        said = self.labels.phrase(text)
        return said is not None and bool(said.fields) and not set(said.fields) & set(pair.fields)

    def _qa_start(self, i: int) -> bool:
        """A short label-like line after a blank line, its answer right under it."""
        doc = self.doc
        text = strip_numbering(doc.plain(i))
        words = text.split()
        if not words or len(words) > 8 or not text[:1].isupper() or text.endswith((".", ",", ";")):
            return False
        if find_amounts(text) or i + 1 >= len(doc) or doc.gap(i + 1):
            return False
        return not doc.is_table_row(i + 1)

    def _continues_list(self, text: str) -> bool:
        """A 'Tiltak N: …' or 'Totalt: …' line under a listing label stays in its list."""
        pair = self.open
        if pair is None or pair.value or not pair.meaning or _empty_answer(pair.note):
            return False  # 'UH: (tomt)' has its answer: empty
        if not (set(pair.fields) & LIST_FIELDS):
            return False
        if _MEASURE_REF.match(text):
            return True
        m = _COLON.match(text)
        found = self.labels.exact(m["label"]) if m else None
        return found is not None and found.field == "total_amount"

    def _continues_choice(self, text: str) -> bool:
        """'Fase (flere kryss mulig)' then 'Analyse av behov' / 'Planlegging av tiltak  x':
        options under a question without a value are its value, not labels of their own."""
        pair = self.open
        if pair is None or pair.value or not pair.meaning:
            return False
        if not any(f.startswith(_CHOICE_FIELDS) for f in pair.fields):
            return False
        body = _TRAILING_MARK.sub("", text).strip(" *")
        if body.endswith("?"):
            return False  # 'Meldes det også behov under desentralisert ordning?': a question
        if bool(body) and (_is_option(body) or _options_line(text) or _option_answered(text)):
            return True
        # 'Ja<TAB>Nei x Vurdert, ikke relevant': the options in cells of a printed form
        cells = [c.strip() for c in text.split("\t") if c.strip()]
        return len(cells) >= 2 and all(
            _is_option(_TRAILING_MARK.sub("", c).strip(" *")) or _options_line(c) for c in cells
        )

    def _is_free(self, pair: Pair) -> bool:
        """Is the open pair free text (or a list under way), whose value an unknown
        label inside it continues rather than ends?"""
        if pair.value:
            return False
        fields = set(pair.fields)
        if fields & _FREE_TEXT:
            return True
        return (
            bool(fields & LIST_FIELDS)
            and bool(pair.more)
            and all(_MEASURE_REF.match(self.doc.plain(j)) for j in pair.more)
        )

    def _add(self, pair: Pair) -> None:
        """A new pair; it closes the open one unless its label is unknown and the open
        one is free text (a colon inside an answer does not start a field)."""
        if pair.meaning is None and self.open is not None and self._is_free(self.open):
            self.open.more.append(pair.i)
            return
        self.items.append(pair)
        self.open = pair
        self.seen_pair = True

    # --- pairs ---------------------------------------------------------------------------

    def _pair(self, i: int, label: str, value: str, raw_value: str, style: str) -> bool:
        parts = _pair_parts(self.labels, label, value, raw_value)
        if parts is None:
            return False
        bare, meaning, value, raw_value, note = parts
        self._add(Pair(i, bare, meaning, value, raw_value, style, note))
        return True

    def _explicit_pair(self, i: int, text: str, raw: str) -> bool:
        found = _explicit(self.labels, text, raw)
        return found is not None and self._pair(i, *found)

    def _prefix_pair(self, i: int, text: str, raw: str) -> bool:
        body = strip_numbering(text)
        if body[:1].islower():
            return False  # a sentence running on from the line before
        pair = self.open
        free = pair is not None and set(pair.fields) & _FREE_TEXT and pair.more
        alone = pair is not None and pair.style == "label" and not pair.value and not pair.more
        # a line of a free-text answer ('Kompetansenettverk Lister fikk …'), or the value
        # under a label alone ('Kompetansenettverk' over 'Kompetanseregion …'), is no label
        # without a separator; a question with its yes/no answer still is one
        sentence = body.rstrip().endswith((".", "!")) and len(body.split()) > 6
        held = not self.doc.gap(i) and ((free and body == text and sentence) or alone)
        found = None if held else self.labels.prefix(body)
        if found is None and BOX.search(body):
            # a question phrase and its boxes: 'Tilskuddet brukes til ☐ Vurdering ☒ …'
            found = self.labels.phrase(body)
            if found is not None and not found.end:
                found = None
        if found is None:
            tail = _tail_answer(self.labels, body)
            if tail is not None:
                offset = len(text) - len(body)
                return self._pair(
                    i, tail[0], tail[1], _raw_after(raw, offset + tail[2]), "question"
                )
        if held:
            return False
        if found is None and body != text:
            return self._numbered_figure(i, body, raw)
        if found is None or all(f.startswith("section:") for f in found.fields):
            return False
        end = found.end
        note = re.match(r"\s*\([^()]{1,40}\)", body[end:])
        if note and not BOX.fullmatch(
            note.group().strip()
        ):  # 'Eigar (kommune) Hattfjelldal kommune': the note is the label's
            end += note.end()
        value = body[end:].lstrip(" :.-–\t")
        numbered = body != text
        if not value or not _fits(found, value, free=numbered):
            return False
        offset = len(text) - len(body)
        raw_value = _raw_after(raw, offset + end)
        return self._pair(i, body[:end], value, raw_value, "prefix")

    def _options_pair(self, i: int, text: str, raw: str) -> bool:
        """'1.14 Sektor Barnehage   Grunnskule x   Begge delar': a label and its options
        spaced out along the line, not the first row of a table."""
        body = strip_numbering(text)
        found = self.labels.prefix(body)
        if found is None or not found.end or found.section():
            return False
        value = body[found.end :].lstrip(" :.-–\t")
        choices = (*_CHOICE_FIELDS, "terms")  # 'Periode Vår 2022   Høst 2022 x   Videre'
        if not _options_line(value) or not any(f.startswith(choices) for f in found.fields):
            return False
        offset = len(text) - len(body)
        return self._pair(
            i, body[: found.end], value, _raw_after(raw, offset + found.end), "prefix"
        )

    def _numbered_figure(self, i: int, body: str, raw: str) -> bool:
        """'6.7 Nord NOK 85 000': a numbered row of a form whose label the vocabulary does
        not know (an organisation's name) and whose value is a figure."""
        amounts = find_amounts(body)
        if not amounts:
            return False
        label = body[: amounts[0].start].strip(" :.-–")
        if not label or len(label.split()) > 6 or not label[:1].isupper():
            return False
        return self._pair(i, label, body[amounts[0].start :], body[amounts[0].start :], "numbered")

    def _label_alone(self, i: int, text: str) -> bool:
        found = self.labels.exact(text)
        if found is None and self._figure_label(i, text):
            # 'Eigar / 240 000 kr / Nord / 270 000 kr': a name over a figure, among
            # labelled figures, labels it (the fill pass knows 'Nord' as a UH)
            return self._pair(i, text, "", "", "label")
        if found is None:
            # a line that announces a list ('Tiltak fra 2024 som videreføres (…)')
            found = self.labels.phrase(text)
            if found is None or _has_value(text):
                return False
            asks = _ASKS.match(text) is not None and bool(set(found.fields) & _FREE_TEXT)
            # 'Samiske perspektiver er ivaretatt' over '☑ Ja ☐ Nei': a question and its boxes
            choice = any(
                f.startswith(_CHOICE_FIELDS) for f in found.fields
            ) and self._answer_follows(i)
            if not (set(found.fields) & _LIST_LABELS or asks or choice):
                return False
        if found.section():
            return False
        return self._pair(i, text, "", "", "label")

    # --- headings and sections -----------------------------------------------------------

    def _scheme_row(self, i: int, text: str) -> bool:
        """'Desentralisert ordning – Eier: 320 000 – UH: 530 000 – Sum: 850 000' in the
        budget: a scheme's figures on one line, each with its label."""
        top = self.stack[-1] if self.stack else None
        if top is None or top.within(BUDGET) is None or text.startswith(">"):
            return False  # '> Desentralisert ordning – Eier: …': a quoted, older version
        pieces = [p.strip() for p in re.split(r"\s[–—-]\s", text)]
        if len(pieces) < 3 or not _is_scheme_name(pieces[0]):
            return False
        parts = _labelled_parts(self.labels, pieces[1:])
        if not parts or not all(
            (m := self.labels.exact(label)) is not None and set(m.fields) & _MONEY_COLUMNS
            for label, _ in parts
        ):
            return False
        self._open_section(Section(i, BUDGET_PART, 9, pieces[0], name=pieces[0]))
        for label, value in parts:
            self._pair(i, label, value, value, "cell")
        return True

    def _heading(self, i: int, text: str, raw: str) -> bool:
        if self._scheme_row(i, text):
            return True
        part = self._budget_part(i, text)
        if part is not None:
            self._open_section(Section(i, BUDGET_PART, 9, text, name=part))
            return True
        level = self._heading_level(i, text, raw)
        if level is None:
            return False
        words = strip_numbering(text.replace("**", "")).strip(" :")
        if self.doc.lines[i].heading and text.startswith("Ark: "):
            words = text[5:].strip()  # a workbook's sheet: its name is the heading
        if self._measure_heading(i, text, level) or self._outline_measure(i, text, level):
            return True
        if self._scheme_budget(i, words, level):
            return True
        found = self.labels.exact(words) or self.labels.exact(text) or self.labels.phrase(words)
        kind = found.section() if found else None
        if (
            found is not None
            and kind is not None
            and self._answer_follows(i)
            and any(not f.startswith("section:") for f in found.fields)
        ):
            # 'Medverknad' over '[X] Ja [ ] Nei': a part of the form and its question
            self._open_section(Section(i, kind, level, words))
            return self._pair(i, words, "", "", "heading")
        title = not words.endswith("?")  # a question with a year is still a question
        if title and found is not None and found.how == "phrase" and found.year is not None:
            found = None  # '# Melding om kompetansebehov 2022': the title, not a question
        if found is not None and kind is None:
            # a field label set as a heading ('5. Målgruppe', '2  KOMPETANSEMILJØ'): a
            # label whose value is any text under it, and, when the heading is a strong
            # one (a numbered part, a Markdown heading), a part of the form
            if level <= 1 or self.doc.lines[i].heading:
                self._open_section(Section(i, OTHER, level, words))
            return self._pair(i, words, "", "", "heading")
        if kind is None and _CONTINUATION_HEAD.search(words):
            kind = CONTINUATION
        self._open_section(
            Section(i, kind or OTHER, level, words, year=found.year if found else None)
        )
        return True

    def _scheme_budget(self, i: int, words: str, level: int) -> bool:
        """'Budsjett Rekomp', 'Budsjett – Desentralisert ordning': a heading that is the
        budget's word and a scheme's name opens the budget (if not open) and that
        scheme's figures."""
        budget, _, scheme = words.partition(" ")
        found = self.labels.exact(budget)
        if found is None or found.section() != BUDGET:
            return False
        scheme = scheme.strip(" -–—:")
        if not scheme or not _is_scheme_name(scheme):
            return False
        top = self.stack[-1] if self.stack else None
        if top is None or top.within(BUDGET) is None or top.kind == BUDGET_PART:
            self._open_section(Section(i, BUDGET, level, words))
        self._open_section(Section(i, BUDGET_PART, 9, words, name=scheme))
        return True

    def _budget_part(self, i: int, text: str) -> str | None:
        """In the summary part, a scheme's name alone on its line ('Desentralisert
        ordning') opens that scheme's figures; 'Totalt' alone, over labelled figures,
        opens the grand total's. A form's numbering ('4.1 Desentralisert ordning') may
        stand before either."""
        top = self.stack[-1] if self.stack else None
        if top is None or top.within(BUDGET) is None:
            return None
        text = strip_numbering(text)
        if len(text.split()) > 6 or _has_value(text):
            return None
        if self.doc.is_table_row(i) or find_amounts(text):
            return None
        if _is_scheme_name(text):
            return text
        found = self.labels.exact(text)
        if found is not None and found.field == "total_amount" and not self._amount_follows(i):
            return "total"
        return None

    def _figure_label(self, i: int, text: str) -> bool:
        pair = self.open
        if pair is None or not pair.more or not set(pair.fields) & _MONEY_COLUMNS:
            return False
        if len(text.split()) > 6 or _has_value(text) or find_amounts(text):
            return False
        last = self.doc.plain(pair.more[-1])
        return bool(_AMOUNT_START.match(last) and find_amounts(last)) and self._amount_follows(i)

    def _amount_follows(self, i: int) -> bool:
        """Is the next line a bare figure (the label's value), not a labelled one?"""
        if i + 1 >= len(self.doc):
            return False
        text = self.doc.plain(i + 1)
        if re.match(r"^\d{1,2}\.\d{1,2}\.?\s", text):
            return False  # '4.10 Samla eigar 290 000': a numbered field of its own
        return bool(_AMOUNT_START.match(text) and find_amounts(text))

    def _answer_follows(self, i: int) -> bool:
        j = i + 1
        if j >= len(self.doc) or self.doc.gap(j):
            return False
        text = self.doc.plain(j)
        marked = bool(_LONE_MARK.search(text)) or "**" in self.doc.text(j)
        return bool(BOX.search(text)) or (marked and _options_line(text))

    def _heading_level(self, i: int, text: str, raw: str) -> int | None:
        line = self.doc.lines[i]
        if line.heading:
            return line.heading
        cells = self.doc.aligned[i]
        # '5  SAMLA BEHOV FOR 2026': a part's number and its title two spaces apart, no row
        numbered_title = cells is not None and len(cells) == 2 and _PART_NO.fullmatch(cells[0])
        celled = (
            cells is not None and len(cells) >= 2 and not numbered_title
        ) or self.doc.is_table_row(i)
        level, numbered = _text_level(self.labels, text, raw, celled)
        if numbered and self._list_item(i, text):
            return None  # '3 Nasjonalt senter' under '1 …' and '2 …': the list goes on
        if level is None and not celled:
            level = self._underlined(i, text)
        return level

    def _underlined(self, i: int, text: str) -> int | None:
        """'Steg 5 av 5 – Oppsummering' over '------': a heading underlined the way plain
        text writes one (Setext), '=' for the top level, '-' or '~' for the next."""
        doc = self.doc
        if i + 1 >= len(doc) or doc.gap(i + 1) or _SETEXT.match(text) or len(text) > 90:
            return None
        rule = _SETEXT.match(doc.plain(i + 1))
        if rule is None or text.endswith((":", ",")) or find_amounts(text):
            return None
        return 1 if "=" in rule.group() else 2

    def _list_item(self, i: int, text: str) -> bool:
        """A numbered line whose number follows that of a line just above it which was
        not a heading: an item of a numbered list, not a part of the form."""
        m = _LIST_NUMBER.match(text)
        if m is None or int(m["n"]) < 2:
            return False
        want = f"{int(m['n']) - 1}{m['sep']}"
        heads = {s.start for s in self.sections}
        for j in range(i - 1, max(-1, i - 6), -1):
            before = self.doc.plain(j)
            if before.startswith(want) and before[len(want) : len(want) + 1] in (" ", "\t"):
                return j not in heads
        return False

    def _numbered_question(self, i: int, m: re.Match[str]) -> bool:
        """'Spørsmål 4: Navn på eier' over 'Svar: Flekkefjord kommune': the question is the
        label, and its answer is the value of the line under it."""
        if i + 1 >= len(self.doc) or self.doc.gap(i + 1):
            return False
        answer = _ANSWER.match(self.doc.plain(i + 1))
        if answer is None:
            return False
        raw = _after(self.doc.text(i + 1), ":")
        return self._pair(i + 1, m["question"].strip(), answer["value"], raw, "qa")

    def _numbered_measure(self, i: int, text: str, number: int, name: str) -> bool:
        """'1) Språkmiljø og nynorsk i barnehagen' under a 'Tiltak' part, its fields under
        it: the items of the part's numbered list are its measures, in order (`_facts`
        found the item's number and name)."""
        part = next((s for s in reversed(self.stack) if s.kind in (MEASURES, MEASURE)), None)
        if part is None or (part.kind == MEASURE and part.parent is None):
            return False
        done = [s.number for s in self.sections if s.kind == MEASURE and s.start >= part.start]
        if part.kind == MEASURE:
            done = [part.number]
        if number != (done[-1] + 1 if done and done[-1] is not None else 1):
            return False
        if not self._fields_follow(i):
            return False
        parent = part if part.kind == MEASURES else part.parent
        level = (parent.level if parent is not None else 2) + 1
        self._open_measure(Section(i, MEASURE, level, text, number=number, name=name))
        return True

    def _fields_follow(self, i: int) -> bool:
        """Is the next line a labelled field ('   Formål: …'), as under a measure's name?"""
        if i + 1 >= len(self.doc):
            return False
        m = _COLON.match(self.doc.plain(i + 1))
        return m is not None and self.labels.exact(m["label"]) is not None

    def _option_run(self, i: int, text: str) -> int:
        """'[x] Barnehage' / '[x] Grunnskole' / '[ ] Videregående' under a heading that
        does not ask the question ('Sektor og faser'): boxed lines whose labels are the
        options of one question are that question's answer. Returns the line after the
        run, or 0."""
        after_run = self.open is not None and self.open.style == "options" and self.doc.gap(i)
        if (self.open is not None and not after_run) or not _BOXED.match(text):
            return 0  # under a question, its options are its value ('_continues_choice')
        from kompetansekart.ingest.options import options

        doc, end, labels = self.doc, i, []
        while end < len(doc) and not (end > i and doc.gap(end)):
            m = _BOXED.match(doc.plain(end))
            if m is None:
                break
            labels.append(m["rest"])
            end += 1
        for set_name, question in _OPTION_QUESTIONS:
            found = sum(1 for label in labels if options()[set_name].find(label))
            if found >= 2 and found >= len(labels) - 1:
                pair = Pair(i, question, self.labels.exact(question), text, doc.text(i), "options")
                pair.more = list(range(i + 1, end))
                self._add(pair)
                return end
        return 0

    def _boxed_measure(self, i: int, boxed: re.Match[str]) -> bool:
        """'- [x] Tiltak 1 – Lesing' opens the measure; '- [ ] Tiltak 4 – …' names one
        that is not part of the report, and what stands under it is not a measure's."""
        if count_boxes(boxed["box"])[0]:
            if not self._measure_heading(i, boxed["rest"], level=3):
                return False
            self.sections[-1].marked = True
            return True
        self._open_section(Section(i, LEFT_OUT, 3, boxed["rest"]))
        return True

    def _measure_heading(self, i: int, text: str, level: int) -> bool:
        body = _CLOSING_PAREN.sub(r"\1:", strip_numbering(text.replace("**", "").strip()))
        body = _GOES_ON.sub("", body).strip()  # 'Tiltak 3 (forts.)': measure 3, on a new page
        found = self.labels.prefix(body)
        if found is None or found.section() != MEASURE or found.number is None:
            return False
        rest = body[found.end :]
        if not _NAME_SEP.match(rest) or find_amounts(rest):
            return False
        if self._field_per_measure(i, found.number, rest):
            return True
        name = _MEASURE_NAME_STOP.sub("", rest.strip().lstrip(":.-–— ").strip()) or None
        if name and _GOES_ON_WORD.search(name):
            name = self._name_goes_on(i, name)
        self._open_measure(Section(i, MEASURE, level, body, number=found.number, name=name))
        return True

    def _run_in_item(self, i: int, raw: str) -> bool:
        """'**1. Matematikk på småtrinnet – tidlig innsats.** Målgruppe: … Eier kr 180 000
        …' under 'Tiltak vi melder behov for': a numbered item with its title in bold and
        the measure's paragraph after it, in a part about measures."""
        m = _RUN_IN_ITEM.match(raw)
        top = self.stack[-1] if self.stack else None
        if top is not None and top.kind == MEASURE and top.run_in:
            top = top.parent  # the item before it: the part both are items of
        if m is None or top is None or top.kind == MEASURE:
            return False
        about = top.within(MEASURES) is not None or _MEASURES_WORD.search(top.title or "")
        if not about:
            return False
        name = m["name"].strip(" .:")
        if find_amounts(name) or self.labels.exact(name) is not None:
            return False
        level = (top.level if top.level < 9 else 2) + 1
        section = Section(i, MEASURE, level, name, number=int(m["n"]), name=name)
        self._open_measure(section)
        section.run_in = True
        self._prose(i)
        return True

    def _outline_measure(self, i: int, text: str, level: int) -> bool:
        """'3 Tiltak' over '3.1 Samisk begynneropplæring', '3.2 Árbediehtu …': in a letter
        numbered as an outline, the sub-headings of the measures' part are the measures,
        numbered by their last part and named by their words."""
        top = self.stack[-1].within(MEASURES) if self.stack else None
        if top is None:
            return False
        m = _OUTLINE_HEAD.match(text.replace("**", "").strip())
        part = _OUTLINE_PART.match(self.doc.plain(top.start).replace("**", "").strip())
        if m is None or part is None or m["part"] != part["part"]:
            return False
        name = m["name"].strip(" :.")
        if find_amounts(name) or self.labels.exact(name) is not None:
            return False
        body = strip_numbering(text.replace("**", "").strip())
        self._open_measure(Section(i, MEASURE, level, body, number=int(m["n"]), name=name))
        return True

    def _field_per_measure(self, i: int, number: int, rest: str) -> bool:
        """'MÅLGRUPPER:' over 'TILTAK 1 : Pedagogiske ledere …', 'TILTAK 2 : …': under a
        heading that is a measure's field, each 'Tiltak N:' line is that field for measure
        N, not a measure named by it."""
        top = self.stack[-1] if self.stack else None
        title = (top.title or "").strip(" :") if top is not None and top.kind == OTHER else ""
        found = self.labels.exact(title) if title else None
        if found is None or found.section() or found.field not in _PER_MEASURE:
            return False
        value = rest.strip().lstrip(":.-–— ").strip()
        return bool(value) and self._pair(i, f"Tiltak {number}: {title}", value, value, "colon")

    def _name_goes_on(self, i: int, name: str) -> str:
        """'Tiltak 1: Begynneropplæring – … skriveopplæring på' over '1.–4. trinn': a
        name hard-wrapped after a word that needs more ('på', 'og'); the next short line
        that is no field ends it."""
        doc = self.doc
        j = i + 1
        if j >= len(doc) or doc.gap(j) or doc.is_table_row(j) or doc.lines[j].heading:
            return name
        text = doc.plain(j).strip()
        if not text or len(text.split()) > 6 or _COLON.match(text) or find_amounts(text):
            return name
        if self.labels.meaning(text) is not None or _MEASURE_HEAD.match(text):
            return name
        return f"{name} {text}"

    def _in_measure(self) -> bool:
        """Is the innermost open section one measure's own?"""
        return bool(self.stack) and self.stack[-1].kind == MEASURE

    def _open_measure(self, section: Section) -> None:
        self._open_section(section)
        self.measure_heads += 1

    def _open_section(self, section: Section) -> None:
        self.open = None
        while self.stack and _closes(section, self.stack[-1]):
            self.stack.pop().end = section.start
        section.parent = self.stack[-1] if self.stack else None
        self.stack.append(section)
        self.sections.append(section)

    def _focus(self, title: int | None) -> Section | None:
        """An attachment's measure: a measure heading near the top, before any field."""
        doc = self.doc
        for i in range(min(len(doc), 12)):
            text = doc.plain(i)
            body = strip_numbering(text)
            found = self.labels.prefix(body)
            if found is not None and found.section() == MEASURES and doc.lines[i].heading:
                return None  # '# 1 Tiltak' over the measures: a report of several
            if found is not None and found.section() == MEASURE and found.number is not None:
                rest = body[found.end :]
                if not _NAME_SEP.match(rest) or not rest.strip(" :.-–—") or find_amounts(rest):
                    return None
                name = rest.strip().lstrip(":.-–— ").strip()
                return Section(i, MEASURE, 0, body, number=found.number, name=name, end=i + 1)
            if _COLON.match(text) or doc.is_table_row(i):
                return None
        return None

    # --- tables --------------------------------------------------------------------------

    def _cell_pairs(self, i: int) -> bool:
        """'Eier Alta kommune <TAB> Organisasjonsnummer 944 588 132': a row whose every
        cell is a label and its value (a form laid out in two columns of fields)."""
        cells = [(c, r) for c, r in zip(self.doc.cells(i), self.doc.raw_cells(i), strict=True) if c]
        if len(cells) < 2:
            return False
        found = []
        for cell, raw in cells:
            body = strip_numbering(cell)
            if self.labels.exact(body) is not None:
                return False  # 'Eigar 2', 'Eier (kr)': a whole label, a column's header
            m = self.labels.prefix(body)
            if m is None or m.section() or not body[m.end :].strip(" :"):
                return False
            found.append((body, raw, m))
        for body, raw, m in found:
            value = body[m.end :].lstrip(" :.-–")
            self._pair(
                i,
                body[: m.end],
                value,
                _raw_after(raw, len(raw) - len(raw.lstrip()) + m.end),
                "cell",
            )
        return True

    def _pair_groups(self, i: int) -> bool:
        """'Eier | Bodø kommune | | Org.nr. | 972 418 013': a sheet laid out in two columns
        of fields, each a label's cell and its value's, an empty column between them."""
        cells, raws = self.doc.cells(i), self.doc.raw_cells(i)
        groups: list[list[int]] = [[]]
        for k, cell in enumerate(cells):
            if cell:
                groups[-1].append(k)
            elif groups[-1]:
                groups.append([])
        groups = [g for g in groups if g]
        if len(groups) < 2 or any(len(g) != 2 for g in groups):
            return False
        labels = [cells[g[0]] for g in groups]
        if any(find_amounts(c) or len(c.split()) > 8 for c in labels):
            return False
        known = sum(1 for c in labels if self.labels.meaning(strip_numbering(c)))
        if 2 * known < len(labels) or not self.labels.meaning(strip_numbering(labels[0])):
            return False
        values = [cells[g[1]] for g in groups]
        if all(self.labels.exact(strip_numbering(c)) for c in values):
            return False  # 'Kven | Namn | | Stilling | E-post': a table's header row
        for g in groups:
            self._pair(i, cells[g[0]], cells[g[1]], raws[g[1]], "cell")
        return True

    def _labels_over_values(self, i: int) -> bool:
        """'Antall offentlige skoler som deltar | Antall private skoler som deltar' over
        '33 | 0': a printed form's fields side by side, each label above its box."""
        doc = self.doc
        if i + 1 >= len(doc) or doc.gap(i + 1) or not doc.is_table_row(i + 1):
            return False
        rows = [Row(j, doc.cells(j), doc.raw_cells(j)) for j in (i, i + 1)]
        return _side_by_side(rows, self.labels, self._in_measure())

    def _wrapped_cell(self, j: int) -> int:
        """'Utdanningsforbundet, Skolelederforbundet og | 14.01.2026' over 'Fagforbundet':
        a value that wrapped in its box goes on alone on the next line of the PDF's text;
        it ends the first cell, whose last word says it goes on. Returns the next line."""
        doc, table = self.doc, self.items[-1] if self.items else None
        if not isinstance(table, Table) or not table.side_by_side or len(table.rows) != 2:
            return j
        if j >= len(doc) or doc.gap(j) or doc.is_table_row(j) or doc.lines[j].heading:
            return j
        lower = table.rows[1]
        if not lower.cells or not _GOES_ON_WORD.search(lower.cells[0]):
            return j
        text = doc.plain(j)
        if len(text.split()) > 6 or self.labels.meaning(text) is not None:
            return j
        lower.cells[0] = f"{lower.cells[0]} {text}"
        lower.raw[0] = f"{lower.raw[0]} {doc.text(j)}"
        return j + 1

    def _questions_over_choices(self, i: int) -> bool:
        """'Videreføres behovsmeldingen …? | Fase (flere kan krysses)' over 'Ja Nei x |
        Analyse Planlegging x Gjennomføring x': questions side by side, each over its
        options and marks. The cells under them are shared out in order: as many per
        question, or a new question where its first option comes again ('Ja x | Nei |
        Ja x | Nei | Vet ikke')."""
        doc = self.doc
        if i + 1 >= len(doc) or doc.gap(i + 1) or not doc.is_table_row(i + 1):
            return False
        upper = _trimmed(doc.cells(i))
        lower = [(c, r) for c, r in zip(doc.cells(i + 1), doc.raw_cells(i + 1), strict=True) if c]
        if len(upper) < 2 or not all(upper) or len(lower) < len(upper):
            return False
        if not all(self.labels.meaning(c) for c in upper):
            return False
        asked = zip(upper, _trimmed(doc.raw_cells(i)), strict=False)
        if any(BOX.search(r) or _LONE_MARK.search(c) for c, r in asked):
            return False  # 'Flere eiere ☐ Ja ☒ Nei | …': answered on its own line
        k = i + 2
        if k < len(doc) and not doc.gap(k) and doc.is_table_row(k):
            below = _trimmed(doc.cells(k))
            if len(below) == len(lower) and not all(self.labels.meaning(c) for c in below):
                return False  # 'Nr | Målgruppe | Tilskuddet brukes til' over rows: a table
        if not any(BOX.search(r) or _LONE_MARK.search(c) for c, r in lower):
            return False  # no marks: values, read as fields side by side
        groups = _share_out(lower, len(upper))
        if groups is None:
            return False
        for label, group in zip(upper, groups, strict=True):
            value = "  ".join(c for c, _ in group)
            raw = "  ".join(r for _, r in group)
            self._pair(i + 1, label, value, raw, "above")
        return True

    def _pair_beside(self, i: int) -> bool:
        """'Rauma kommune <TAB> **Sektor:** barnehage' in a PDF: a page in two columns (a
        list on the left, a box of fields on the right) that the text layer runs together;
        the bold field in the last cell is a pair of its own, the first cell a line of the
        list beside it."""
        doc = self.doc
        cells, raws = doc.cells(i), doc.raw_cells(i)
        if doc.format != "pdf" or len(cells) != 2 or not all(cells):
            return False
        found = _explicit(self.labels, cells[1], raws[1])
        if found is None or found[3] != "bold" or self.labels.meaning(found[0]) is None:
            return False
        if _explicit(self.labels, cells[0], raws[0]) is not None:
            return False
        self.prose.append(i)  # the list's line
        return self._pair(i, *found)

    def _row_like(self, i: int) -> bool:
        """A tab row with one filled cell is a row only beside other rows."""
        filled = [c for c in self.doc.cells(i) if c]
        if len(filled) >= 2:
            return True
        doc = self.doc
        for j in (i - 1, i + 1):
            if 0 <= j < len(doc) and doc.is_table_row(j) and not doc.gap(max(i, j)):
                return len([c for c in doc.cells(j) if c]) >= 2
        return False

    def _among_pairs(self, i: int, cells: list[str]) -> bool:
        """'VIDEREFØRING   J   FRA BEHOVSÅR 2026' right under aligned label–value lines: a
        label, its value and a remark, not the first row of a table (nor is the pair
        before a line with a remark)."""
        pair = self.open
        if pair is None or pair.style != "aligned" or self.doc.gap(i):
            return False
        if (pair.more[-1] if pair.more else pair.i) != i - 1:
            return False
        found = self.labels.exact(cells[0]) or _label_with_option(self.labels, cells[0])
        if found is None or found.section() is not None:
            return False
        return not any(self.labels.exact(c) for c in cells[1:] if c)

    def _about_measure(self, i: int, cells: list[str]) -> bool:
        """'KOORDINATOR   TILTAK 1   30.000   (INNGÅR I EIER-KR)': a label, the measure it is
        about and its figure, in columns; one field of that measure, not a table."""
        ref = self.labels.exact(cells[1]) if len(cells) >= 3 else None
        if ref is None or ref.section() != MEASURE or ref.number is None:
            return False
        found = self.labels.exact(f"{cells[0]} {cells[1]}")
        if found is None or found.number is None or found.section() is not None:
            return False
        value = " ".join(c for c in cells[2:] if c)
        if len(find_amounts(value)) != 1:
            return False
        return self._pair(i, f"{cells[0]} {cells[1]}", value, value, "aligned")

    def _aligned_row_follows(self, i: int) -> bool:
        j = i + 1
        doc = self.doc
        if j >= len(doc) or doc.gap(j):
            return False
        cells = doc.aligned[j]
        return cells is not None and len([c for c in cells if c]) >= 3

    def _table(self, i: int, aligned: bool) -> int:
        doc = self.doc
        rows: list[Row] = []
        j = i
        side: int | None = None  # the last line of text beside the table
        narrow = True  # every row so far a label and a value (see _new_table)
        while j < len(doc):
            if j > i and doc.gap(j) and (aligned or not self._note_between_rows(j, rows)):
                break  # (a remark among the rows may stand apart from them by a blank line)
            if aligned:
                cells = doc.aligned[j]
                if cells is None and rows and _RULE.match(doc.plain(j)):
                    self.prose.append(j)  # '-------' under a printout's header row
                    j += 1
                    continue
                if cells is None and rows and self._wrapped_row(j, rows[-1]):
                    j += 1  # '    for flerspråklige barn': the name cell goes on
                    continue
                if cells is None or BOX.search(doc.plain(j)):
                    break
                if rows and len(cells) < len(rows[0].cells):
                    cells = _placed(cells, doc.aligned_at[j], doc.aligned_at[rows[0].i])
                rows.append(Row(j, cells, list(cells)))
            else:
                if self._beside_table(j, rows, side):
                    self.prose.append(j)
                    side = j
                    j += 1
                    continue
                if not doc.is_table_row(j) and not self._empty_row(j, rows):
                    break
                filled = _filled(doc.cells(j))
                if rows and narrow and filled >= 4:
                    break  # a sheet's fields, then its table of measures: a new table
                if rows and self._question_row(j, rows):
                    break  # 'Tiltak 1 – midlene brukes til: | ☐ Vurdering | …' under a table
                pair_done = len(rows) == 2 and _side_by_side(rows, self.labels, self._in_measure())
                if pair_done and _label_cells(_trimmed(doc.cells(j)), self.labels):
                    break  # the next fields side by side: their own labels and values
                narrow = narrow and filled <= 2
                rows.append(Row(j, doc.cells(j), doc.raw_cells(j)))
            j += 1
        question = self.open if self.open is not None and not self.open.text(doc) else None
        rows = _without_numbers(rows)
        table = Table(rows, aligned, question)
        table.side_by_side = _side_by_side(rows, self.labels, self._in_measure())
        if _pairs_table(table, self.labels):
            k = 0
            while k < len(rows):
                n = _answered_options(rows, k)
                if n:
                    self._options_answered(rows[k : k + n])
                    k += n
                    continue
                n = self._chosen_under(rows, k)
                if n:
                    self._options_chosen(rows[k], rows[k + 1 : k + n])
                    k += n
                    continue
                before = len(self.items)
                self._row_pair(rows[k])
                if k and _THOUSANDS_HEAD.match(rows[0].cells[-1] if rows[0].cells else ""):
                    for item in self.items[before:]:
                        if isinstance(item, Pair):
                            item.scale = 1000  # 'Post | kNOK' over 'Eier | 550'
                k += 1
        else:
            self.items.append(table)
            self.open = None
        return j

    def _wrapped_row(self, j: int, row: Row) -> bool:
        """'1   Språkmiljø og tidlig språkstimulering   HIØ   V26 - H26   220 000 …' over
        '    for flerspråklige barn': in a printout's columns, an indented line of words
        alone goes on with the row's longest text cell (a name wrapped in its column)."""
        doc = self.doc
        text = doc.plain(j).strip()
        if not text or doc.indent[j] < 2 or find_amounts(text) or len(text.split()) > 8:
            return False
        if _COLON.match(text) or self.labels.meaning(text) is not None:
            return False
        words = [k for k, c in enumerate(row.cells) if c and not _FIGURE_CELL.match(c)]
        if not words:
            return False
        k = max(words, key=lambda n: len(row.cells[n]))
        row.cells[k] = f"{row.cells[k]} {text}"
        row.raw[k] = f"{row.raw[k]} {text}"
        return True

    def _question_row(self, j: int, rows: list[Row]) -> bool:
        """A row that asks a question of its own (its first cell a label ending in ':')
        and is not shaped like the table's rows: the question after a table, not a row."""
        cells = self.doc.cells(j)
        first = cells[0].replace("**", "").strip() if cells else ""
        if not first.endswith(":") or len(rows) < 2:
            return False
        return len(cells) != len(rows[-1].cells) and not rows[-1].cells[0].strip().endswith(":")

    def _beside_table(self, j: int, rows: list[Row], side: int | None) -> bool:
        """'• Berre regional ordning i år' between two rows of a PDF's table: a bullet set
        beside the table, which the page's text runs in among its rows; so is the rest of
        such a bullet ('av kommunedelen') further down."""
        doc = self.doc
        if not rows or doc.is_table_row(j) or j + 1 >= len(doc):
            return False
        if self._note_between_rows(j, rows):
            return True
        if doc.format != "pdf":
            return False
        text = doc.plain(j)
        bullet = _ITEM_BULLET.match(text) is not None
        rest = (
            side is not None
            and text[:1].islower()
            and not doc.plain(side).endswith((".", "!", "?"))
        )
        below = j + 1
        return (
            (bullet or rest)
            and not doc.gap(below)
            and doc.is_table_row(below)
            and len(doc.cells(below)) == len(rows[-1].cells)
        )

    def _note_between_rows(self, j: int, rows: list[Row]) -> bool:
        """'Merknad til tiltak 2: …' between rows 2 and 3 of a table of measures (a Word
        table split by a paragraph): a remark set among the rows, when the row under it
        goes on with the rows' numbering and has their cells."""
        doc = self.doc
        below = j + 1
        if not rows or below >= len(doc) or doc.is_table_row(j):
            return False
        if doc.gap(below) or not doc.is_table_row(below):
            return False
        cells = doc.cells(below)
        if len(cells) != len(rows[-1].cells):
            return False
        above, under = rows[-1].cells[0].strip(" .)"), cells[0].strip(" .)")
        return above.isdigit() and under.isdigit() and int(under) == int(above) + 1

    def _empty_row(self, j: int, rows: list[Row]) -> bool:
        """'Regional ordning (Rekomp)' alone between two rows of a sheet's table: a row
        whose other cells are empty (a spreadsheet writes no tabs after the last value);
        also two or three such rows one under the other ('Regional ordning', 'Desentralisert
        ordning', then the scheme asked for with its figures)."""
        doc = self.doc
        if not rows or j + 1 >= len(doc) or doc.gap(j) or doc.gap(j + 1):
            return False
        below_at = j + 1
        while (
            below_at < len(doc)
            and below_at - j < 4
            and not doc.gap(below_at)
            and not doc.is_table_row(below_at)
            and _lone_label(doc.plain(below_at))
        ):
            below_at += 1  # the next rows empty too
        if below_at >= len(doc) or doc.gap(below_at):
            return False
        name = (doc.file_of(j) or doc.path).lower()
        pdf = name.endswith(".pdf")
        if not pdf and not name.endswith((".xlsx", ".xlsm")):
            # only a sheet drops the tabs of empty cells, and a PDF its empty form fields;
            # in a text a line alone is a heading, not a row
            return False
        if "**" in doc.text(j):
            return False
        full = [r for r in rows if len(r.cells) > 1]  # the rows with their cells
        last = full[-1] if full else rows[-1]
        width = len(doc.cells(below_at)) if doc.is_table_row(below_at) else 0
        # (a sheet drops the empty cells at a row's end, so a row may be narrower; not a
        # label with its own colon: 'Til orientering: innvilget tilskudd 2025 | …')
        narrower = 2 <= width < len(last.cells) and ":" not in doc.cells(below_at)[0]
        if width != len(last.cells) and (pdf or not narrower):
            return False
        below = [c for c in doc.cells(below_at) if c]
        if all(self.labels.meaning(c) for c in below) and not find_amounts(doc.plain(below_at)):
            return False  # 'Oppsummering' over 'Ordning | Eier | UH | Sum': a new table's head
        text = doc.plain(j)
        if not _lone_label(text):
            return False
        # the rows on both sides alike (both with figures, or both without): a gap in one
        # table, not a heading between two
        before = bool(find_amounts(doc.plain(last.i)))
        after = bool(find_amounts(doc.plain(below_at)))
        if not before and after:
            # 'Ordning | Eigar | UH | Sum', then 'Regional ordning (Rekomp)' (empty), then
            # the next scheme's figures: the first row under the table's header
            head = [c for c in last.cells if c]
            known = sum(1 for c in head if self.labels.meaning(c))  # not 'Kontroll'
            return len(full) == 1 and known * 2 > len(head) and bool(self.labels.meaning(head[0]))
        # in a PDF a line between rows alike is as often a heading ('TILTAK 2')
        return before == after and not pdf

    def _options_answered(self, rows: list[Row]) -> None:
        """'Ordning | Regional ordning | Nei', ' | Kompetanseløftet | Ja': a question
        whose options are answered one by one (a sheet's linked checkboxes, TRUE/FALSE):
        one pair, its options marked as their answers say."""
        options = [[c for c in r.cells if c.strip()][-2:] for r in rows]
        value = "\n".join(f"{'☒' if _YES_CELL.match(yes) else '☐'} {opt}" for opt, yes in options)
        self._pair(rows[0].i, rows[0].cells[0], value, value, "options")

    def _chosen_under(self, rows: list[Row], k: int) -> int:
        """'Fase | Valgt' over 'Analyse av kompetansebehov | Ja', 'Planlegging av tiltak |
        (empty)': a question with a column saying which of its options are chosen. The
        number of rows it takes (the question's and its options'), 0 for none."""
        cells = [c.strip() for c in rows[k].cells]
        if len(cells) != 2 or cells[1].casefold() not in ANSWER_HEADS:
            return 0
        meaning = self.labels.meaning(cells[0].rstrip(" *"))
        if meaning is None or not any(f.startswith(_CHOICE_FIELDS) for f in meaning.fields):
            return 0
        n = 1
        while k + n < len(rows):
            option = [c.strip() for c in rows[k + n].cells]
            if len(option) > 2 or not _is_option(option[0]):
                break
            if len(option) == 2 and option[1] and not _YES_NO_CELL.match(option[1]):
                break
            n += 1
        return n if n > 2 else 0

    def _options_chosen(self, question: Row, rows: list[Row]) -> None:
        marks = []
        for r in rows:
            answer = r.cells[1].strip() if len(r.cells) > 1 else ""
            marks.append(f"{'☒' if _YES_CELL.match(answer) else '☐'} {r.cells[0].strip()}")
        value = "\n".join(marks)
        self._pair(question.i, question.cells[0], value, value, "options")

    def _row_pair(self, row: Row) -> None:
        filled = [(c, r) for c, r in zip(row.cells, row.raw, strict=True) if c]
        if not filled:
            return
        if len(filled) == 1:
            empty_answer = len(row.cells) >= 2 and row.cells[0] and _is_bold(row.raw[0])
            if empty_answer and self._pair(row.i, row.cells[0], "", "", "tab"):
                return  # '**Dersom ja: kort status …** | (empty)': a field left empty
            self._prose(row.i)
            return
        (label, _), (value, raw) = filled[0], filled[1]
        heads = [self.labels.exact(c.replace("**", "").strip()) for c, _ in filled]
        columns = [m for m in heads[1:] if m is not None and set(m.fields) & _MONEY_COLUMNS]
        if all(heads) and columns:
            self._prose(row.i)  # 'Tiltak | Beløp': a header whose rows are read otherwise
            return
        parts = _labelled_parts(self.labels, value.split("; "))
        known = self.labels.meaning(label.replace("**", "").strip())
        if parts and known is not None and any(f.startswith("contact.") for f in known.fields):
            parts = []  # 'Kontaktperson eier | Navn: … Stilling: …; E-post: …': one person
        if parts:
            # 'Hvor mange enheter? | Offentlige skoler: 43; Private skoler: 3; PPT: 1':
            # a cell of labelled parts is those fields
            for part_label, part_value in parts:
                self._pair(row.i, part_label, part_value, part_value, "cell")
            return
        if not self._pair(row.i, label, value, raw, "tab") and self.open is not None:
            self.open.more.append(row.i)

    # --- flattened tables ----------------------------------------------------------------

    def _flat_header(self, i: int, text: str) -> list[str] | None:
        """'Eier UH Totalt' alone on a line: the fields of its column labels, else None.
        Only for a line `_facts` found short, without a value and not a row (`may_flat`)."""
        aligned = self.doc.aligned[i]
        if aligned is not None and len(aligned) >= 3:
            if not self._leader_rows_follow(i):
                return None  # columns aligned with spaces: a table with cells
            text = " ".join(aligned)  # 'Eier   UH   Sum' over 'Dekomp .... 420 000 …'
        if _column_word_count(self.labels, text) < 2:
            return None  # two columns need two words of money or role labels
        if self.labels.exact(text) is not None:
            return None  # 'Beløp eier' is one label, not the columns 'Beløp' and 'Eier'
        first = text.split()[0] if text.split() else ""
        lead = self.labels.exact(first)
        if (
            lead is not None
            and set(lead.fields) & {"schemes", "measure_name"}
            and len(text.split()) > 2
        ):
            text = text[len(first) :].strip()  # 'Ordning Beløp eigar Beløp UH Sum'
        if _columns_of(text, self.labels, None) is None:
            return None  # no cut of the line into column labels at all
        columns = _columns(text, self.labels, self._amounts_below(i))
        if columns is None or len(columns) < 2:
            return None
        if any(c == {"total_amount"} for c in columns) and all(c & _MONEY_COLUMNS for c in columns):
            return [_money_of(c) for c in columns]  # 'Eier UH Totalt': money columns
        if len(columns) == 2 and all(c & {"owner", "uh"} for c in columns):
            return ["owner" if "owner" in c else "uh" for c in columns]  # 'Eier UH': roles
        return None

    def _leader_rows_follow(self, i: int) -> bool:
        """Is the next line 'Dekomp ............ 420 000   680 000   1 100 000': a row
        label, dot leaders, and figures under the column labels above?"""
        if i + 1 >= len(self.doc):
            return False
        m = _LEADER.match(self.doc.plain(i + 1))
        return m is not None and len(find_amounts(m["value"])) >= 2

    def _amounts_below(self, i: int) -> int | None:
        """How many amounts the first line with amounts under line i holds."""
        for j in range(i + 1, min(i + 4, len(self.doc))):
            found = find_amounts(self.doc.plain(j))
            if found:
                return len(found)
        return None

    def _flat_table(self, i: int, columns: list[str]) -> int:
        doc = self.doc
        lines: list[int] = []
        j = i + 1
        while j < len(doc):
            text = doc.plain(j)
            if _RULE.match(text) and not doc.gap(j):
                j += 1  # '------' between the rows and the total: part of the table
                continue
            if doc.is_table_row(j) or self._ends_flat(j, text, columns, lines):
                break
            lines.append(j)
            j += 1
        self.items.append(FlatTable(i, columns, lines))
        self.open = None
        return j

    def _ends_flat(self, j: int, text: str, columns: list[str], lines: list[int]) -> bool:
        if len(lines) >= 40:
            return True
        found = self.labels.prefix(strip_numbering(text))
        if columns[0] in _MONEY_COLUMNS:
            if find_amounts(text):
                return False
            if found and found.field == "total_amount":
                return False
            # a wrapped row label continues until its amounts
            if lines and not find_amounts(self.doc.plain(lines[-1])):
                return len(text.split()) > 8
            return not (_MEASURE_REF.match(text) or _scheme_words(text)) or len(text) > 80
        # a contact table: rows that start with a contact field label
        return found is None or not (found.has("contact") or found.field in ("orgnr",))


# --- a line's text alone -------------------------------------------------------------------
# What a line's own text says, whatever stands around it: computed once per text and label
# vocabulary, since the same lines recur in every report of a form (a batch of 10,000
# reports has a few distinct lines per report). Each returns plain values; the reader
# makes the objects.


@dataclass(frozen=True, slots=True)
class _Facts:
    """What `_Reader._line` asks of every line before its surroundings decide."""

    row: bool  # a row of cells (tabs)
    boxed: re.Match[str] | None  # '- [x] Tiltak 1 – Lesing': a boxed measure heading
    glued: re.Match[str] | None  # '**Tiltak 6**Navn på tiltak: X'
    may_flat: bool  # short, without a value: perhaps a flattened table's column labels
    item: tuple[int, str] | None  # '1) Språkmiljø i barnehagen': a list item's number, name
    question: re.Match[str] | None  # 'Spørsmål 4: Navn på eier'


@functools.lru_cache(maxsize=1 << 16)
def _facts(labels: Labels, text: str, raw: str) -> _Facts:
    row = "\t" in raw
    boxed = _BOXED.match(text)
    if boxed is not None and not _MEASURE_HEAD.match(boxed["rest"]):
        boxed = None
    item = None
    m = _ITEM.match(text)
    if m is not None and not find_amounts(text) and len(m["name"].split()) <= 15:
        name = m["name"].strip()
        if name[:1].isupper() and not name.endswith((":", "?")) and not labels.prefix(name):
            item = int(m["n"]), name
    return _Facts(
        row,
        boxed,
        _BOLD_MEASURE.match(raw),
        not row and not _has_value(text) and len(text) <= 60,
        item,
        _QUESTION_NO.match(text),
    )


# a header cell that is only the unit of the figures under it, in thousands
_THOUSANDS_HEAD = re.compile(
    r"^\W*(?:beløp\s*)?\(?\s*(?:i\s+)?(?:hele\s+|heile\s+)?(?:k\s?nok|tnok|kkr|1\s?000\s*(?:kr\.?|kroner|nok)"
    r"|tusen\s*(?:kr\.?|kroner|nok)?)\s*\)?\W*$",
    re.I,
)
_PART_NO = re.compile(r"\*{0,2}\d{1,2}(?:\.\d{1,2})*\.?")
_LEADER_END = re.compile(r"\s*(?:\.{2,}|…)$")


@functools.lru_cache(maxsize=1 << 16)
def _pair_parts(
    labels: Labels, label: str, value: str, raw_value: str
) -> tuple[str, LabelMatch | None, str, str, str | None] | None:
    """A pair's label as the record keeps it (no numbering, bold or ':', its parenthesis
    as a note), its meaning, and its value; None for a label without a letter."""
    label = strip_numbering(label.replace("**", "").strip()).strip(" :")
    label = _LEADER_END.sub("", label)  # 'FASE GJENNOMFØRING..: J': the rest of a leader
    if not label or not _LETTER.search(label):
        return None
    bare, note = split_note(label)
    inner = value.strip()[1:-1]
    if value.strip().startswith("(") and value.strip().endswith(")") and not find_amounts(inner):
        # 'Fase? (flere svar mulig)': a note; '(kr 960 000)' is a value, for information
        note, value, raw_value = inner, "", ""
    meaning = labels.meaning(label) or _label_with_option(labels, label)
    return bare.strip() or label, meaning, value.strip(), raw_value.strip(), note


@functools.lru_cache(maxsize=1 << 16)
def _explicit(labels: Labels, text: str, raw: str) -> tuple[str, str, str, str] | None:
    """A label and its value split by a separator on the line: (label, value, raw value,
    style), or None."""
    bold = _BOLD_LABEL.match(raw)
    if bold and "**" not in bold["value"][:2]:
        label = bold["label"].rstrip(" :")
        figure = _AMOUNT_START.match(bold["value"]) and find_amounts(bold["value"])
        # '**Knytt til vidareutdanning** Ja x   Nei': a question and its marked options
        marked = BOX.search(bold["value"]) or _options_line(bold["value"])
        boxes = marked and labels.meaning(label) is not None
        if labels.exact(label) or bold["label"].rstrip().endswith(":") or figure or boxes:
            return label, bold["value"].replace("**", ""), bold["value"], "bold"
    m = _QUESTION.match(text)
    if m and len(m["label"].split()) <= 40:
        colon = _COLON.match(text)
        shorter = colon is not None and len(colon["label"]) < len(m["label"])
        if not (colon is not None and shorter and labels.meaning(colon["label"]) is not None):
            if m["value"].rstrip().endswith("?") and len(m["value"].split()) <= 12:
                # '… fjorårets melding? Hvis ja, hvilket år?': a question asked on, no
                # answer; the answer is under it
                return text.rstrip("?"), "", "", "question"
            return m["label"].rstrip("?"), m["value"], _after(raw, "?"), "question"
    m = _LEADER.match(text)
    if m and m["value"]:
        return m["label"], m["value"], _after_leader(raw), "leader"
    m = _COLON.match(text)
    if m and _label_like(labels, m["label"]):
        return m["label"], m["value"], _after(raw, ":"), "colon"
    m = _EQUALS.match(text)
    if m and not m["label"].isdigit():
        return m["label"], m["value"], _after(raw, "="), "equals"
    m = _DASH.match(text)
    if m and _dash_label(labels, m["label"]):
        return m["label"], m["value"], _after(raw, m["dash"]), "dash"
    return None


@functools.lru_cache(maxsize=1 << 16)
def _text_level(labels: Labels, text: str, raw: str, celled: bool) -> tuple[int | None, bool]:
    """The heading level a line's text gives it (None: no heading), and whether it is a
    numbered line, which is no heading after all when it goes on a numbered list above
    it. `celled`: the line is a row of cells."""
    if _MEASURE_HEAD.match(text) and not find_amounts(text) and len(text.split()) <= 16:
        return 3, False  # 'Tiltak 2: Kvalitetsutvikling i barnehagen' alone on its line
    if _ATTACHMENT.match(text) and len(text.split()) <= 12 and not find_amounts(text):
        return 1, False  # 'Vedlegg 1: Behovsmelding': the attachment, a part of its own
    if _has_value(text) or len(text) > 120:
        return None, False
    if _DEL.match(text) and _WHOLE_BOLD.match(raw.strip()):
        return 1, False  # '**Del 5  Samlet behov for 2026**': a part, its spaces are not columns
    if celled:
        return None, False  # 'Sett i sammenheng med videreutdanning   Nei': a label and a value
    stripped = strip_numbering(text)
    if _DEL.match(text):
        return 1, False
    if _NUMBERED.match(text) and stripped != text:
        # '2. Plan for partnerskap', '1  INNSENDER': a label alone; not '3.1 Namn på
        # tiltak Lesing i alle fag', whose label has its value after it
        words = stripped.strip(" :")
        phrase = labels.phrase(words)
        alone = (
            labels.exact(words) is not None
            or (
                phrase is not None
                and labels.prefix(words) is None
                and len(words.split()) <= 6
                # 'Barnehage eller skule Grunnskule': a phrase that starts the line and
                # has words after it is a label with its value
                and not (phrase.end and words[phrase.end :].strip())
            )
        )
        if alone and _tail_answer(labels, words) is not None:
            return None, True
        # '**3.1 Samisk begynneropplæring**': a numbered line all in bold is a heading,
        # unless a label of several words starts it ('Namn på tiltak Lesing'), its value
        # after it; one word ('Samisk') is as likely a name's first
        label = labels.prefix(words)
        one_word = label is None or len(words[: label.end].split()) == 1
        bold = bool(_WHOLE_BOLD.match(raw.strip())) and one_word
        if _is_caps(stripped) or alone or bold:
            return (1 if not re.match(r"^\d+\.\d", text) else 2), True
        return None, True
    if _is_caps(text) and (len(text.split()) >= 2 or labels.exact(text)):
        return 1, False
    if _WHOLE_BOLD.match(raw.strip()):
        return 2, False
    found = labels.exact(text)
    if found is not None and found.section():
        return 3, False
    if _CONTINUATION_HEAD.search(text) and len(text.split()) <= 10:
        return 3, False
    return None, False


@functools.lru_cache(maxsize=1 << 16)
def _tail_answer(labels: Labels, body: str) -> tuple[str, str, int] | None:
    """'Behovsmeldingen er drøftet i medbestemmelse Ja' ('… Ja x   Nei'): a yes/no
    question the vocabulary knows by a phrase in it, with its answer after it."""
    from kompetansekart.ingest.options import options

    for found in options()["yesno"].find(body):
        start = found.start
        marks = _MARKS_BEFORE.search(body[:start])
        if marks:  # '… ( ) Ja (x) Nei': the answer starts at the first box
            start = marks.start()
        value = body[start:].strip(" .*")
        if start == 0 or not (_options_line(value) or _is_option(value)):
            continue
        label = body[:start].rstrip(" :?.-–*")
        if len(label.split()) > 12 or _SENTENCE.search(label):
            return None
        meaning = labels.meaning(label)
        if meaning is None or not any(f.startswith(_CHOICE_FIELDS) for f in meaning.fields):
            return None
        return label, value, start
    return None


def _trimmed(cells: list[str]) -> list[str]:
    """A row's cells without the empty ones after the last filled one."""
    while cells and not cells[-1].strip():
        cells = cells[:-1]
    return cells


def _filled(cells: list[str]) -> int:
    """How many cells hold something. Rows of a label and a value ('Kontaktperson UH |
    Jonas Grønli') and then a row of four or more ('Nr | Tiltak | Formål | UH | …') are
    two tables: a sheet puts its fields and its table of measures one under the other."""
    return sum(1 for c in cells if c.strip())


def _labelled_parts(labels: Labels, pieces: list[str]) -> list[tuple[str, str]] | None:
    """'Offentlige skoler: 43', 'Private skoler: 3': two or more pieces, each a known
    label and its value, else None."""
    pieces = [p.strip() for p in pieces if p.strip()]
    if len(pieces) < 2:
        return None
    found = []
    for piece in pieces:
        m = _COLON.match(piece)
        if m is None or not m["value"].strip() or labels.exact(m["label"]) is None:
            return None
        found.append((m["label"], m["value"].strip()))
    return found


def _dash_label(labels: Labels, label: str) -> bool:
    """'E-post – kari@…', 'Kontaktperson UiT – Per …': a label and a dash, where the
    label is one the vocabulary knows or names a contact; a dash in running text
    ('Samarbeid – et viktig tema') is not a separator."""
    found = labels.exact(label)
    if found is not None:
        return not found.section()
    return _CONTACT_LABEL.match(label) is not None and len(label.split()) <= 5


def _placed(
    cells: list[str],
    at: tuple[tuple[int, int], ...] | None,
    header: tuple[tuple[int, int], ...] | None,
) -> list[str]:
    """A row with fewer cells than its header ('SUM ALLE TILTAK   500 000   850 000 …'
    under 'NR  TILTAK  UH  PERIODE  EIER KR  UH KR  SUM KR'), each cell under the header
    column it overlaps most; the row as it is when a cell stands under none, or two under
    one."""
    if at is None or header is None or len(at) != len(cells):
        return cells
    out = [""] * len(header)
    for cell, (start, end) in zip(cells, at, strict=True):
        overlap = [min(end, e) - max(start, s) for s, e in header]
        best = max(range(len(header)), key=overlap.__getitem__)
        if overlap[best] <= 0 or out[best]:
            return cells
        out[best] = cell
    return out


def _label_like(labels: Labels, label: str) -> bool:
    if BOX.match(label.strip()):
        return False  # '(*) Annet (spesifiser): våren 2028': an option and its text
    # 'UH-andel (Nord universitet, inkl. reise og opphold)': a remark is no sentence
    bare = _REMARK.sub("", label) if label.endswith(")") else label
    words = strip_numbering(bare).split()
    if not words or len(words) > 12:
        return False
    if _LABEL_SENTENCE.search(bare) and labels.exact(label) is None:
        return False  # 'ANT. KOMMUNALE BARNEHAGER': a short form's dot ends no sentence
    if label.strip().lower().startswith(("http", "www")):
        return False
    return len(words) <= 7 or labels.meaning(label) is not None


# --- helpers -------------------------------------------------------------------------------

_TRAILING_MARK = re.compile(
    r"(?:\s+(?:[xX✓✔☒☑■◉☐□✖◯]|\[[xX ]?\]|\([xX* •●○]\)))+\s*$"
    r"|^\s*(?:[☒☑■◉☐□✖◯]|\[[xX ]?\]|\([xX* •●○]\))\s*"
)


_QUESTION_NO = re.compile(
    r"^(?:spørsmål|sporsmal|spm\.?|sp\.|question|felt|field)\s*\d{1,3}[a-z]?\s*[:.)]\s*(?P<question>\S.*)$",
    re.IGNORECASE,
)
_ANSWER = re.compile(r"^(?:svar|answer)\s*:\s*(?P<value>.*)$", re.IGNORECASE)
_RULE = re.compile(r"^\s*[-=_–—]{5,}\s*$")
_SETEXT = re.compile(r"^\s*(?:-{5,}|={5,}|~{5,})\s*$")
_DASH = re.compile(r"^(?P<label>[^–—:?]{2,80}?)\s+(?P<dash>[–—])\s+(?P<value>\S.*)$")
_CONTACT_LABEL = re.compile(r"^(?:kontaktperson|kontakt|e-post|epost|telefon|tlf)\b", re.I)
# '1) Lesing', '2. Skriving', and in a multi-level list '2.1 Skriving' (item 1 of point 2)
_ITEM = re.compile(
    r"^(?:(?P<parent>\d{1,2})\.)?(?P<n>\d{1,2})(?(parent)\.?|[.)])\s+(?P<name>\S.*)$"
)
_LIST_NUMBER = re.compile(r"^(?P<n>\d{1,2})(?P<sep>[.)]?)[ \t]")
_MARKS_BEFORE = re.compile(r"(?:\s*(?:[☒☑✓✔■◉☐□✖◯]|\[[xX ]?\]|\([xX* •●○]\)|\*\*))+\s*$")
_LONE_MARK = re.compile(r"(?<!\w)(?:[xX✓✔☒☑■◉☐□✖◯]|\[[xX ]?\]|\([xX* •●○]\))(?!\w)")


def _next_item(before: str, text: str) -> bool:
    """Does `text` start the next item of the list `before` is an item of: the list
    number after its number, or the same bullet ('• Varigheit: …' then '• 180 000 …')?"""
    bullet = _ITEM_BULLET.match(before)
    if bullet is not None:
        return text.startswith(bullet.group())
    a, b = _LIST_NUMBER.match(before), _LIST_NUMBER.match(text)
    if a and b and a["sep"] and a["sep"] == b["sep"] and int(b["n"]) == int(a["n"]) + 1:
        return True
    # '1.6 Kontaktperson …' then '1.7 Partnerskapet er …': the next point of a numbered part
    p, q = _POINT_NUMBER.match(before), _POINT_NUMBER.match(text)
    return bool(p and q and p["part"] == q["part"] and int(q["n"]) == int(p["n"]) + 1)


_POINT_NUMBER = re.compile(r"^(?P<part>(?:\d{1,2}\.)+)(?P<n>\d{1,2})\.?[ \t]")
_ITEM_BULLET = re.compile(r"^[•▪◦‣]\s")  # not '-' or '*': a dash also starts a sentence
# a web form's empty field: a prompt ending in dots, or an example in place of an answer
_PLACEHOLDER = re.compile(
    r"^(?:(?:velg|vel|skriv(?:\s+inn)?|beskriv|oppgi|fyll\s+inn|legg\s+inn)\b.*(?:\.{3}|…)"
    r"|(?:f\.\s?eks\.?|t\.\s?d\.?|for\s+eksempel|til\s+dømes)\s.*)$",
    re.IGNORECASE,
)
# a line wholly in brackets: the help text a form prints under its label
_HINT = re.compile(r"^\([^()]*(?:\([^()]*\)[^()]*)*\)$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•▪◦‣]|\d{1,2}[.)])\s+\S")  # a list item as written


_ATOMIC = (".phone", ".email", "orgnr")


def _atomic(pair: Pair) -> bool:
    """A value that is whole on its line: a phone number, an e-mail address, an org.nr."""
    return bool(pair.value) and all(f.endswith(_ATOMIC) for f in pair.fields)


def _empty_answer(note: str | None) -> bool:
    """'(tomt)', '(ikke besvart)': a parenthesis that answers the question with nothing."""
    from kompetansekart.ingest.options import options

    return note is not None and bool(note) and bool(options()["placeholder"].find(note))


def _options_line(text: str) -> bool:
    """'Ja x   Nei', 'Regional ordning   Desentralisert ordning   Kompetanseløftet x':
    nothing but the options of one question and their marks."""
    from kompetansekart.ingest.options import options

    body = _LONE_MARK.sub(" ", text.replace("**", ""))
    if not body.strip():
        return False
    for name in ("yesno", "sector", "phases", "purpose"):
        rest = body
        for option in reversed(options()[name].find(body)):
            rest = rest[: option.start] + " " * (option.end - option.start) + rest[option.end :]
        if rest.strip(" ,/") == "" and rest != body:
            return True
    spans: list[tuple[int, int]] = [
        (h.start, h.end) for h in _schemes().find(body) if h.concept != "kollektiv"
    ]
    terms: list[tuple[int, int]] = [(s, e) for _l, _t, s, e in find_terms(body)]
    for hits in (spans, terms):
        rest = body
        for start, end in reversed(hits):
            rest = rest[:start] + " " * (end - start) + rest[end:]
        if hits and rest.strip(" ,/") == "":
            return True
    return False


def _label_with_option(labels: Labels, label: str) -> LabelMatch | None:
    """'Behovet gjeld barnehage' (answered '[JA] / NEI'): a choice question's label and
    one of its options, asked about that option alone; it means the question's field."""
    found = labels.prefix(label)
    if found is None or not any(f.startswith(_CHOICE_FIELDS) for f in found.fields):
        return None
    rest = label[found.end :].strip(" :-–")
    return found if rest and _is_option(rest) else None


def _option_answered(text: str) -> bool:
    """'a) analyse: JA / [NEI]': one option of a question and its own yes/no answer."""
    from kompetansekart.ingest.options import options

    m = _COLON.match(strip_numbering(text))
    if m is None or not m["value"]:
        return False
    answers = {found.value for found in options()["yesno"].find(m["value"])}
    return {"ja", "nei"} <= answers and _is_option(m["label"])


def _has_option(text: str) -> bool:
    from kompetansekart.ingest.options import options

    if any(options()[name].find(text) for name in ("yesno", "sector", "phases", "purpose")):
        return True
    return any(h.concept != "kollektiv" for h in _schemes().find(text))


def _is_option(text: str) -> bool:
    """Is the text just one answer option (of any option set, or a scheme's name)?"""
    from kompetansekart.ingest.options import options

    body = re.sub(r"\s*\([^()]*\)\s*$", "", text).strip()
    body = _EXPLAINED.sub("", body)  # 'Ja – tiltak 2 ses i sammenheng med …': the option
    for name in ("yesno", "sector", "phases", "purpose"):
        found = options()[name].find(body)
        if found and found[0].start == 0 and found[0].end == len(body):
            return True
    if _SCHEME_WORDS.search(body) and len(body.split()) <= 8:
        return True
    return _is_scheme_name(body)  # 'KOMPL.LØFT'


_EXPLAINED = re.compile(r"\s+[–—-]\s+\S.*$")
_CONTINUATION_HEAD = re.compile(
    r"^ved\s+vidaref\w*ring|^ved\s+videref\w*ring|^videreføring av tiltak|^vidareføring av tiltak",
    re.IGNORECASE,
)
_SCHEME_WORDS = re.compile(r"ordning|kompetanseløft|rekom|dekom", re.IGNORECASE)


def _is_scheme_name(text: str) -> bool:
    """Is the line just a scheme's name ('Desentralisert ordning', 'Kompetanseløftet')?"""
    hits = [h for h in _schemes().find(text) if h.concept != "kollektiv"]
    return len(hits) == 1 and len(hits[0].matched) >= len(text.strip(" *:")) - 2


@functools.cache
def _schemes():
    from kompetansekart.ingest.vocab import Vocabulary

    return Vocabulary.schemes()


def _scheme_words(text: str) -> bool:
    return _SCHEME_WORDS.search(text) is not None


def _title(doc: Document) -> int | None:
    for i in range(min(len(doc), 10)):
        if "behovsmelding" in doc.plain(i).lower():
            return i
    return 0 if len(doc) else None


@functools.lru_cache(maxsize=1 << 16)
def _has_value(text: str) -> bool:
    """Does the line carry a value after a separator (':', '?', a dot leader, '=')?"""
    for rx in (_COLON, _QUESTION, _LEADER, _EQUALS):
        m = rx.match(text)
        if m and m["value"].strip(" *") and not (rx is _QUESTION and len(m["value"]) > 120):
            return True
    return False


@functools.lru_cache(maxsize=1 << 16)
def _is_caps(text: str) -> bool:
    """A heading in capitals ('SAMLET BEHOV 2026'), not a label with an abbreviation
    and a figure ('UH (SePU) 555.000,-')."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 4 or find_amounts(text):
        return False
    words = [w for w in re.findall(r"[^\W\d_]+", text)]
    if sum(w.isupper() for w in words) < 0.7 * len(words):
        return False
    return sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def _after(raw: str, sep: str) -> str:
    """The raw text after the first `sep`; a bold label's closing '**' ('**Eier:** Bodø')
    is dropped, a bold value's opening one ('Fase: **Planlegging**') kept."""
    k = raw.find(sep)
    if k < 0:
        return ""
    return re.sub(r"^\s*\*\*(?=\s|$)", "", raw[k + 1 :]).strip(" \t")


def _after_leader(raw: str) -> str:
    m = _LEADER_DOTS.search(raw)
    return raw[m.end() :] if m else ""


def _raw_after(raw: str, plain_end: int) -> str:
    """The raw text after the first `plain_end` characters of its plain form. A bold
    mark that closes the label is skipped; one that opens the value ('… **Ja** Nei')
    stays, since it marks the answer."""
    seen = 0
    k = 0
    bold = 0
    while k < len(raw) and seen < plain_end:
        if raw.startswith("**", k):
            k += 2
            bold += 1
            continue
        seen += 1
        k += 1
    while raw.startswith("**", k) and bold % 2:
        k += 2
        bold += 1
    return raw[k:].lstrip(" :.-–\t")


def _fits(found: LabelMatch, value: str, free: bool = False) -> bool:
    """Does `value` look like a value of one of the label's fields? A free-text field
    ('Målgruppe …') fits only on a numbered line ('3.4 Målgruppe Lærarar …')."""
    for f in found.fields:
        if f in _FREE_TEXT:
            if free and value[:1].isupper():
                return True
            continue
        if f.startswith(_AMOUNT_FIELDS):
            if _AMOUNT_START.match(value) and find_amounts(value):
                return True
        elif f.startswith(_COUNT_FIELDS):
            if re.fullmatch(r"\d{1,4}|[xX–-]", value.strip()):
                return True
        elif f == "terms":
            if find_terms(value):
                return True
        elif f == "year":
            if re.fullmatch(r"(?:19|20)\d{2}\.?", value.strip()):
                return True
        elif f == "orgnr":
            if len(re.sub(r"\D", "", value)) == 9:
                return True
        elif f.startswith(_CHOICE_FIELDS):
            if sum(count_boxes(value)) or "**" in value or _has_option(value):
                return True
        elif f.startswith(_NAME_FIELDS):
            words = value.split()
            if words and words[0][:1].isupper() and len(words) <= 12:
                return True
    return False


def _closes(new: Section, old: Section) -> bool:
    """Does the heading `new` end the open section `old`?"""
    if new.kind == MEASURE:
        if old.kind == MEASURE:
            return True
        return new.level <= old.level and old.kind not in (MEASURES, CONTINUATION)
    if old.kind in (MEASURE, CONTINUATION):
        if old.run_in and new.level <= old.level:
            return True
        if new.kind in (ECONOMY, OTHER) and new.level >= old.level:
            return False
        return new.level <= old.level or new.kind in (BUDGET, MEASURES)
    return new.level <= old.level


def _columns(text: str, labels: Labels, want: int | None = None) -> list[set[str]] | None:
    found = _columns_of(text, labels, want)
    return None if found is None else [set(c) for c in found]


@functools.lru_cache(maxsize=1 << 15)  # column header lines recur in every report of a form
def _columns_of(text: str, labels: Labels, want: int | None) -> tuple[frozenset[str], ...] | None:
    """The candidate fields of each column label of a line made only of column labels,
    or None. The line may be cut into labels in several ways ('Beløp eigar Beløp UH Sum',
    'Eier UH Totalt'); two neighbours never mean the same field ('Sum totalt' is one
    column), and the cut with as many columns as the rows under it have amounts (`want`)
    wins, else the one with fewest columns."""
    words = text.split()
    if not words or len(words) > 8:
        return None
    wanted = _MONEY_COLUMNS | {"owner", "uh"}
    cuts: list[list[set[str]]] = []

    def walk(k: int, done: list[set[str]]) -> None:
        if k == len(words):
            cuts.append(done)
            return
        for end in range(k + 1, len(words) + 1):
            meaning = labels.exact(" ".join(words[k:end]))
            fields = set(meaning.fields) & wanted if meaning else set()
            if fields and not (done and done[-1] == fields):
                walk(end, [*done, fields])

    walk(0, [])
    if not cuts:
        return None
    fitting = [c for c in cuts if len(c) == want] if want is not None else []
    best = min(fitting or cuts, key=len)
    return tuple(frozenset(c) for c in best)


@functools.lru_cache(maxsize=1 << 15)
def _column_word_count(labels: Labels, text: str) -> int:
    words = _column_words(labels)
    return sum(1 for w in text.split() if key(w) in words)


@functools.lru_cache(maxsize=8)
def _column_words(labels: Labels) -> frozenset[str]:
    """Every word of a label that can head a money or role column ('Beløp', 'eier', 'UH',
    'Sum'): a line with fewer than two of them is no row of column labels."""
    wanted = _MONEY_COLUMNS | {"owner", "uh"}
    return frozenset(
        w for k, fields in labels.keyed() if set(fields) & wanted for w in k.split(" ")
    )


def _money_of(fields: set[str]) -> str:
    for f in _AMOUNT_FIELDS:
        if f in fields:
            return f
    raise ValueError(fields)


_ROW_NUMBER = re.compile(r"^\s*(?:nr\.?|\d{1,2}(?:\.\d{1,2})*\.?)\s*$", re.I)


def _without_numbers(rows: list[Row]) -> list[Row]:
    """'1.1 | Organisasjonsnummer | 964 338 531' under 'Nr | Spørsmål | Svar': a form's
    numbering column, set aside so the rows read as label and value."""
    filled = [r for r in rows if any(c.strip() for c in r.cells)]
    if not filled or any(len(r.cells) < 3 for r in filled):
        return rows
    firsts = [r.cells[0].replace("**", "").strip() for r in filled]
    if not all(_ROW_NUMBER.match(c) for c in firsts):
        return rows
    head = " ".join(filled[0].cells[1:]).replace("**", "").casefold()
    asks = re.search(r"\b(?:spørsmål|sporsmal|svar|question|answer)\b", head) is not None
    dotted = all("." in c.rstrip(".") for c in firsts if c[:1].isdigit())
    # '7. | Hvilket universitet … samarbeider dere med? | Vi samarbeider med UiT …': the
    # numbers of questions, most of them asked with a question mark
    questions = sum(r.cells[1].replace("**", "").strip().endswith("?") for r in filled)
    if not (asks or dotted or questions * 2 >= len(filled)):
        return rows  # 'Nr | Tiltak | UH | Periode': the numbers are the measures'
    return [Row(r.i, r.cells[1:], r.raw[1:]) for r in rows]


_YES_CELL = re.compile(r"^\s*(?:ja|yes|sann|true|x)\s*$", re.I)
_YES_NO_CELL = re.compile(r"^\s*(?:ja|nei|yes|no|sann|usann|true|false|x)\s*$", re.I)


def _lone_label(text: str) -> bool:
    """A short line without a figure, a colon or a leading number: a row's label whose
    other cells are empty."""
    return not (
        len(text.split()) > 8 or find_amounts(text) or _COLON.match(text) or text[:1].isdigit()
    )


def _answered_options(rows: list[Row], k: int) -> int:
    """How many rows from k make a question with its options answered one by one: a row
    of the question, an option and its yes/no, then rows of an option and its yes/no
    under it (the first cell empty); 0 for none."""
    head = [c for c in rows[k].cells if c.strip()]
    if len(head) != 3 or not rows[k].cells[0].strip() or not _YES_NO_CELL.match(head[2]):
        return 0
    n = 1
    while k + n < len(rows):
        cells = rows[k + n].cells
        filled = [c for c in cells if c.strip()]
        if cells[0].strip() or len(filled) != 2 or not _YES_NO_CELL.match(filled[1]):
            break
        n += 1
    return n if n > 1 else 0


def _pairs_table(table: Table, labels: Labels) -> bool:
    """Rows of 'label | value' with no header: pairs, not a table. A few rows may carry a
    remark in a third cell ('Herav koordinering (kr) | 40000 | inngår i eierbeløpet')."""
    rows = [r for r in table.rows if any(r.cells)]
    if not rows:
        return False
    wide = [r for r in rows if len([c for c in r.cells if c]) > 2]
    remarks = all(
        len(cells) == 3 and not find_amounts(cells[-1])
        for cells in ([c for c in r.cells if c] for r in wide)
    )
    if wide and not (remarks and len(wide) * 3 <= len(rows) and len(rows) >= 4):
        return False
    if table.side_by_side:
        return False  # a header and its one row: read as the fields it names
    first = rows[0]
    if all(_is_bold(c) for c in first.raw if c.strip()) and len(rows) > 1:
        # a bold header row over two columns ('Organisasjon | Navn') is a header
        return not all(_is_bold(c) for c in rows[1].raw if c.strip()) and _bold_labels(rows)
    if any(_X_CELL.match(c) for r in rows for c in r.cells[1:]):
        return False  # a grid of marks
    known = sum(1 for r in rows if labels.meaning(next(c for c in r.cells if c)))
    return known >= max(1, len(rows) // 2) or len(rows) <= 2


def _side_by_side(rows: list[Row], labels: Labels, in_measure: bool = False) -> bool:
    """'Organisasjonsnummer | Kommunenummer' over '939 991 034 | 4001': a web form
    printed with two fields side by side, each label above its answer. The upper row
    short labels (one known at least, no figure), the lower one values (no label, no box),
    as many of each."""
    if len(rows) != 2:
        return False
    upper, lower = _trimmed(rows[0].cells), _trimmed(rows[1].cells)
    if len(upper) < 2 or len(upper) != len(lower) or not all(upper) or not all(lower):
        return False
    if len(rows[0].raw) == 2 and _bold_labels(rows):
        return False  # '**Skoleeier** | Moss kommune, …': a bold label and its value, twice
    # '– (nytt tiltak)': a dash, no answer, and a remark; no label
    if not _label_cells(upper, labels) or any(
        labels.meaning(c) and c.strip(" –-")[:1].isalpha() for c in lower
    ):
        return False
    columns = _TABLE_COLUMNS - {"measure_name"} if in_measure else _TABLE_COLUMNS
    if any(set(_fields_of(labels, c)) & columns for c in upper):
        # 'Rolle | Navn' over a party and its person: a table of parties; under a
        # measure's own heading, 'Navn på tiltak | Tidsrom' are that measure's fields
        return False
    return not any(BOX.search(c) or _X_CELL.match(c) for c in rows[1].raw)


# column headings of tables of parties and measures, never a form's field beside another
_TABLE_COLUMNS = frozenset({"party", "party_role", "measure_name"})


def _fields_of(labels: Labels, cell: str) -> tuple[str, ...]:
    found = labels.meaning(cell)
    return found.fields if found else ()


_REMARK = re.compile(r"\([^()]*\)")
# a letter's closing formula: what follows is its signature, no field's value
_CLOSING = re.compile(
    r"^\W*(?:med\s+vennlig\s+hilsen|vennlig\s+hilsen|med\s+venleg\s+helsing|venleg\s+helsing"
    r"|med\s+hilsen|hilsen|helsing|mvh|dearvvuođaiguin)\b",
    re.I,
)
_FIGURE_CELL = re.compile(r"^[\d\s.,:%/–-]+$")
# a cell's last word that says its text goes on: 'og', 'eller', a comma, a dash
_GOES_ON_WORD = re.compile(
    r"(?:\b(?:og|eller|samt|med|i|for|til|på|av|om|rundt|ved|mot|fra|frå|over|under|mellom|"
    r"etter|hos|gjennom|uten|utan)|[,–-])\s*$",
    re.I,
)


# a cell that starts with a yes/no option ('Ja', 'Nei x', 'Vet ikke'), among others
_YES_NO_START = re.compile(r"\W*(?:ja|nei|vet\s+ikk(?:e|je)|veit\s+ikkje|yes|no)\b", re.I)


def _share_out(cells: list[tuple[str, str]], n: int) -> list[list[tuple[str, str]]] | None:
    """The cells of a row of options split among n questions side by side: where the
    first cell's first word comes again, or else evenly."""
    first = cells[0][0].split()[0].casefold() if cells[0][0].split() else ""
    starts = [k for k, (c, _) in enumerate(cells) if c.split() and c.split()[0].casefold() == first]
    if len(starts) != n:
        # 'Ja | Nei x | Analyse | Planlegging x': a yes/no question's cells, then another's
        kinds = [bool(_YES_NO_START.match(c)) for c, _ in cells]
        starts = [k for k in range(len(cells)) if k == 0 or kinds[k] != kinds[k - 1]]
    if len(starts) == n:
        bounds = [*starts[1:], len(cells)]
        return [cells[a:b] for a, b in zip(starts, bounds, strict=True)]
    if len(cells) % n:
        return None
    size = len(cells) // n
    return [cells[k * size : (k + 1) * size] for k in range(n)]


def _label_cells(cells: list[str], labels: Labels) -> bool:
    """Short labels, one known at least, each with a letter and no figure: a row of field
    labels (not a table's row of a name and its dashes)."""
    # 'Tildelt tilskudd 2025': a year is words; '(ikke med i denne meldingen)': a remark
    bare = [_A_YEAR.sub("", _REMARK.sub("", c)) for c in cells]
    if len(cells) < 2 or any(_DIGIT_OR_AT.search(c) or len(c.split()) > 8 for c in bare):
        return False
    if not all(_LETTER.search(c) for c in cells):
        return False
    return any(labels.meaning(c) for c in cells)


def _bold_labels(rows: list[Row]) -> bool:
    """Every row's first cell bold and its second not: 'label | value' rows."""
    return all(_is_bold(r.raw[0]) and not _is_bold(r.raw[1]) for r in rows if len(r.raw) >= 2)


def _is_bold(cell: str) -> bool:
    cell = cell.strip()
    return cell.startswith("**") and cell.endswith("**") and len(cell) > 4
