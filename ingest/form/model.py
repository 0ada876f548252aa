"""The shape of a form, whatever its layout: label–value pairs, tables, sections.

The structure pass (`structure.py`) finds these on the numbered lines every reader gives;
the fill pass (`kompetansekart.ingest.fill`) reads record fields out of them. Nothing
here knows a record field: a pair only carries the candidate fields its label means.
Every item keeps the document indexes of its lines, so each value can name its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kompetansekart.ingest.document import Document
from kompetansekart.ingest.labels import LabelMatch

# Section kinds, from the field vocabulary's `section:<kind>` rows.
MEASURE = "measure"  # one measure's own section
MEASURES = "measures"  # a part that holds measures
BUDGET = "budget"  # the summary of the money asked for
BUDGET_PART = "budget_part"  # one scheme's (or the grand total's) figures in the summary
ECONOMY = "economy"  # the economy of whatever it stands in (a measure, or the report)
CONTINUATION = "continuation"  # measures carried over from an earlier report
OTHER = "other"
LEFT_OUT = "left_out"  # a measure listed with an unticked box: not part of this report
LIST_FIELDS = frozenset(
    {"continued_measures", "progress", "owner_amount", "uh_amount", "coordinator_amount"}
)


@dataclass
class Section:
    """A heading and the lines it governs (`start` is the heading, `end` exclusive)."""

    start: int
    kind: str
    level: int
    title: str
    number: int | None = None  # a measure's number
    name: str | None = None  # a measure's name given in its heading
    year: int | None = None
    marked: bool = False  # its heading carries a ticked box ('- [x] Tiltak 1 – …')
    run_in: bool = False  # its heading starts a paragraph ('**Tiltak 1 – Lesing.** Vi …')
    end: int = 0
    parent: Section | None = field(default=None, repr=False)

    def within(self, kind: str) -> Section | None:
        """This section or the nearest enclosing one of `kind`."""
        s: Section | None = self
        while s is not None:
            if s.kind == kind:
                return s
            s = s.parent
        return None


@dataclass
class Pair:
    """A label and its value. The value is the rest of the label's line (`value`, may be
    empty) and the lines that follow it (`more`) until the next structure."""

    i: int
    label: str  # as written, plain text, without numbering and trailing ':' or '?'
    meaning: LabelMatch | None
    value: str  # plain text on the label's line after the separator
    raw: str  # the same with its marks (bold, boxes), for reading choices
    style: str  # colon | question | leader | bold | tab | aligned | prefix | label | heading
    note: str | None = None  # a parenthesis after the label: 'UH (SePU)' -> 'SePU'
    more: list[int] = field(default_factory=list)
    section: Section | None = None
    # 1000 for a row of a table whose header says its figures are in thousands ('Post |
    # kNOK'): the figure as written times this is the amount
    scale: int = 1

    @property
    def fields(self) -> tuple[str, ...]:
        return self.meaning.fields if self.meaning else ()

    def value_lines(self) -> list[int]:
        """Document indexes holding the value: the label's line if it has a value there,
        then the following lines."""
        return ([self.i] if self.value else []) + self.more

    def text(self, doc: Document) -> str:
        """The whole value as plain text, one line per source line."""
        parts = [self.value] if self.value else []
        parts += [doc.plain(j) for j in self.more]
        return "\n".join(parts).strip()

    def raw_text(self, doc: Document) -> str:
        parts = [self.raw] if self.raw else []
        parts += [doc.text(j).replace("\t", "  ") for j in self.more]
        return "\n".join(parts).strip()

    def first_line(self) -> int:
        """The line of the first value (the label's line when the value is on it)."""
        return self.i if self.value or not self.more else self.more[0]


@dataclass
class Row:
    i: int
    cells: list[str]  # plain
    raw: list[str]  # with marks


@dataclass
class Table:
    """Consecutive rows with cells (tabs, Markdown pipes, Word/PDF cells or space-aligned
    columns). Whether the first row is a header is decided when the table is read."""

    rows: list[Row]
    aligned: bool = False  # columns from runs of spaces, not real cells
    question: Pair | None = None  # a label-only line just before it ('Sektor:')
    section: Section | None = None
    # a row of field labels over a row of their values (a web form's fields side by side)
    side_by_side: bool = False

    @property
    def start(self) -> int:
        return self.rows[0].i


@dataclass
class FlatTable:
    """A table whose cells were flattened to spaces by a text export: a header line of
    column labels ('Eier UH Totalt') and the lines under it, read by the fill pass with
    rules that do not need cell boundaries."""

    header: int
    columns: list[str]  # the field of each column label, in order
    lines: list[int]
    section: Section | None = None

    @property
    def start(self) -> int:
        return self.header


Item = Pair | Table | FlatTable


@dataclass
class Form:
    """Everything the structure pass found, in document order."""

    doc: Document
    items: list[Item]
    sections: list[Section]
    prose: list[int]  # lines that belong to no pair or table
    title: int | None  # index of the title line
    focus: Section | None = None  # a measure the whole document is about (an attachment)

    def pairs(self) -> list[Pair]:
        return [item for item in self.items if isinstance(item, Pair)]

    def section_at(self, i: int) -> Section | None:
        """The innermost section governing line i."""
        found = None
        for s in self.sections:
            if s.start <= i < s.end and (found is None or s.start >= found.start):
                found = s
        return found
