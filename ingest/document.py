"""A read document as the parsers see it: non-blank lines with their original numbers.

Readers differ (text, Markdown, Word, PDF, Excel) but all end here, so the form reader
works on one shape: cleaned lines, table cells split on tabs, and searches that return
indexes into the line list (so a reader can say "the value is on the next line") while
provenance uses each line's own number in its source file.

Cleaning squeezes runs of spaces, but a plain-text form often aligns its columns with
spaces ("Barnehageeier      Trondheim kommune"), so before that each line keeps what the
spacing said: its cells split at runs of two or more spaces (`aligned`), its indent, and
whether a blank line stood before it (`gap`): blank lines are dropped, but they separate
a question and its answer from the next question.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from re import Pattern

from kompetansekart.ingest.cell_lines import joined_cell_lines
from kompetansekart.ingest.checkboxes import BOX, marks_after_options, marks_lead, spelled_marks
from kompetansekart.ingest.records import Line

_SPACES = re.compile(r"[ \u00a0\u2007\u202f]+")  # never a tab, so it never joins two cells
_COLUMN_GAP = re.compile(r"[ \u00a0\u2007\u202f]{2,}")


def _squeeze(text: str) -> str:
    """Every run of spaces (no-break ones too) as one space. `_SPACES.sub` pays for each
    single space it replaces by itself, so a line without a run to shorten, most of them,
    is returned as it is without calling it."""
    if "  " in text or "\u00a0" in text or "\u2007" in text or "\u202f" in text:
        return _SPACES.sub(" ", text)
    return text


# '- [x] Barnehage': a task list's bullet before its box is list syntax, not text
_TASK_BULLET = re.compile(rf"^(\s*)[-*+•]\s+(?={BOX.pattern})")


# marks written as emoji ('✅ Planlegging', '⬜ Nei', '❌ Analyse', '✔️ Ja'): the boxes and
# crosses the choice readers know; the emoji presentation selector is dropped
_EMOJI_MARKS = str.maketrans(
    {"✅": "☒", "⬜": "☐", "🔲": "☐", "❌": "✖", "❎": "✖", "\ufe0f": None}
)
_EMOJI_MARK_CHARS = frozenset("✅⬜🔲❌❎\ufe0f\u20e3")
_KEYCAP = re.compile(r"(\d)\u20e3")  # '1️⃣ Profesjonsfellesskap …': the number 1


# a list number typed with a tab after it ('1.\tSpråkmiljø …'), Word's way to indent
_LIST_TAB = re.compile(r"^\s*(\d{1,2}[.)]|[a-h][.)])\t(?=\S)")


def clean(text: str) -> str:
    """NFC, no-break spaces as spaces, marks spelled out per option ('Ja: X Nei: –') as
    one convention, a task list's bullet before its box dropped, trimmed; tabs kept, even
    around empty cells, because they separate cells (an empty budget cell is still a
    cell)."""
    if not text.isascii() and _EMOJI_MARK_CHARS.intersection(text):
        text = _KEYCAP.sub(r"\1.", text.translate(_EMOJI_MARKS))
    text = spelled_marks(_squeeze(unicodedata.normalize("NFC", text)))
    if text[:1] in "-*+•" or text.lstrip()[:1] in "-*+•":
        text = _TASK_BULLET.sub(r"\1", text)
    if text.endswith("*") and _REQUIRED.search(text):
        text = _REQUIRED.sub("", text)  # 'Beløp eier *': a web form's mark of a required field
    if "\t" not in text:
        return text.strip()
    if text.count("\t") == 1 and _LIST_TAB.match(text):
        return _LIST_TAB.sub(r"\1 ", text).strip()  # '1.<TAB>Språkmiljø …': a list item
    return "\t".join(part.strip() for part in text.split("\t"))


_REQUIRED = re.compile(r"(?<=[\w?):.])\s+\*\s*$")
_INLINE_TAGS = re.compile(r"</?(?:i|b|u|em|strong|span|sup|sub|small)\s*>", re.IGNORECASE)


@functools.lru_cache(maxsize=1 << 16)  # every pass asks for the plain text of the same lines
def plain(text: str) -> str:
    """Text without markdown bold markers, inline HTML tags (<i>…</i>) and tabs: for
    reading values, not choices."""
    if "<" in text:
        text = _INLINE_TAGS.sub("", text)
    return _squeeze(text.replace("**", "").replace("\t", " ")).strip()


_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(?=[^\t]*$)")  # not '#\tTiltak\t…': a table's '#'
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def pipe_cells(text: str) -> str | None:
    """A Markdown pipe-table row ('| Nr | Tiltak | Sum |') as tab-separated cells, in
    any format: people paste such tables into text files too. None for other lines."""
    body = text.strip()
    if body.startswith("|") and body.endswith("|") and len(body) > 1 and body.count("|") >= 3:
        return "\t".join(cell.strip() for cell in body[1:-1].split("|"))
    return None


def aligned_cells(text: str) -> list[str] | None:
    """A plain line's columns where it aligns them with runs of spaces, else None."""
    if "\t" in text:
        return None
    body = text.strip()
    if not _COLUMN_GAP.search(body):
        return None
    cells = [plain(c) for c in _COLUMN_GAP.split(body)]
    if len(cells) < 2:
        return None
    # two spaces after a full stop are typing, not columns: columns hold short texts (a
    # dot leader, 'Dekomp ........   420 000', is not a full stop)
    stop = cells[0].endswith((".", "!", "?", ",")) and not cells[0].endswith("...")
    if len(cells[0].split()) > 8 or stop:
        return None
    if any(len(c.split()) > 15 for c in cells):
        return None
    return cells


_CELL_RUN = re.compile(r"(?:(?![ \u00a0\u2007\u202f]{2}).)+")


def aligned_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where each of `aligned_cells`' cells stands on its line (start, end), so that a row
    with fewer cells than its header ('SUM ALLE TILTAK   500 000   850 000') can be set
    under the columns it stands under."""
    body = text.strip()
    offset = len(text) - len(text.lstrip())
    return tuple((offset + m.start(), offset + m.end()) for m in _CELL_RUN.finditer(body))


@dataclass
class Document:
    path: str
    format: str
    lines: list[Line]
    raw: bytes = b""
    # What the spacing of each line said before cleaning (see the module docstring);
    # filled by `from_lines`, empty for a document built from clean lines directly.
    aligned: list[list[str] | None] = field(default_factory=list, repr=False)
    indent: list[int] = field(default_factory=list, repr=False)
    blank_before: list[bool] = field(default_factory=list, repr=False)
    aligned_at: list[tuple[tuple[int, int], ...] | None] = field(default_factory=list, repr=False)
    # 'Tiltak A', 'Tiltak B' read as 'Tiltak 1', 'Tiltak 2': each number's letter
    letters: dict[int, str] = field(default_factory=dict, repr=False)
    # Plain text of every line, computed once: the parsers ask for it hundreds of times per
    # document (every `find` scans the lines), and `lines` never change after construction.
    _plain: list[str] = field(init=False, repr=False, compare=False)
    _cells: dict[int, list[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._plain = [plain(line.text) for line in self.lines]
        self._cells = {}
        if not self.aligned:
            self.aligned = [None] * len(self.lines)
        if len(self.aligned_at) != len(self.aligned):
            self.aligned_at = [None] * len(self.aligned)
            self.indent = [0] * len(self.lines)
        if not self.blank_before:
            before = [*self.lines[:1], *self.lines]
            self.blank_before = [
                k == 0 or b.no != a.no + 1 or b.file != a.file
                for k, (a, b) in enumerate(zip(before, self.lines, strict=False))
            ]

    @classmethod
    def from_lines(cls, path: str, fmt: str, lines: list[Line], raw: bytes = b"") -> Document:
        lines = joined_cell_lines(lines)  # a table pasted one cell per line: its rows again
        kept: list[Line] = []
        aligned: list[list[str] | None] = []
        aligned_at: list[tuple[tuple[int, int], ...] | None] = []
        indent: list[int] = []
        blank: list[bool] = []
        dropped = True
        if marks_lead([line.text for line in lines]):
            # a printed form whose ticks stand before their options: each moved after it
            lines = [_marks_moved(line) for line in lines]
        for line in lines:
            parts = _line_parts(line.text, line.heading)
            if parts is _SEPARATOR_ROW:
                continue  # a table's '|---|' row: not a blank line either
            if parts is None:
                dropped = True
                continue
            text, heading, cells, spaces, at = parts
            file = line.file or path
            blank.append(dropped or (bool(kept) and kept[-1].file != file))
            dropped = False
            same = text == line.text and heading == line.heading and file == line.file
            kept.append(line if same else Line(line.no, text, file, heading))
            aligned.append(None if cells is None else list(cells))
            aligned_at.append(at)
            indent.append(spaces)
        kept, letters = _lettered_measures(kept)
        return cls(path, fmt, kept, raw, aligned, indent, blank, aligned_at, letters)

    def as_written(self, text: str) -> str:
        """A label with a lettered measure's number as the document writes it ('Tiltak 1'
        back to 'Tiltak A')."""
        if not self.letters:
            return text
        return _NUMBERED.sub(lambda m: f"{m[1]} {self.letters.get(int(m[2]), m[2])}", text)

    @functools.cached_property
    def normalised_text(self) -> str:
        return "\n".join(self._plain)

    @property
    def content_id(self) -> str:
        """Stable id: the same text gives the same id whatever file it came in."""
        return hashlib.sha256(self.normalised_text.encode("utf-8")).hexdigest()[:16]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    def __len__(self) -> int:
        return len(self.lines)

    def text(self, i: int) -> str:
        return self.lines[i].text

    def plain(self, i: int) -> str:
        return self._plain[i]

    def no(self, i: int) -> int:
        return self.lines[i].no

    def cells(self, i: int) -> list[str]:
        """The plain cells of a row (a copy: callers may change it); computed once per
        line, since every pass over a table asks for them again."""
        found = self._cells.get(i)
        if found is None:
            found = self._cells[i] = [plain(cell) for cell in self.lines[i].text.split("\t")]
        return list(found)

    def raw_cells(self, i: int) -> list[str]:
        """Cells with their marks (bold, boxes) kept: for reading choices."""
        return self.lines[i].text.split("\t")

    def is_table_row(self, i: int) -> bool:
        return "\t" in self.lines[i].text

    def gap(self, i: int) -> bool:
        """True when a blank line (or another file) stands between line i-1 and line i.
        A line a reader drops (a Markdown table's '|---|' row) is not a blank line."""
        return self.blank_before[i]

    def file_of(self, i: int) -> str:
        return self.lines[i].file or self.path

    def find(
        self, pattern: str | Pattern[str], start: int = 0, end: int | None = None
    ) -> int | None:
        """Index of the first line (in plain text) matching `pattern`, searched with re.search."""
        rx = re.compile(pattern, re.IGNORECASE) if isinstance(pattern, str) else pattern
        stop = len(self.lines) if end is None else min(end, len(self.lines))
        search, lines = rx.search, self._plain
        for i in range(max(start, 0), stop):
            if search(lines[i]):
                return i
        return None

    def find_all(
        self, pattern: str | Pattern[str], start: int = 0, end: int | None = None
    ) -> Iterator[int]:
        rx = re.compile(pattern, re.IGNORECASE) if isinstance(pattern, str) else pattern
        stop = len(self.lines) if end is None else min(end, len(self.lines))
        search, lines = rx.search, self._plain
        for i in range(max(start, 0), stop):
            if search(lines[i]):
                yield i

    def block(self, start: int, end: int | None) -> str:
        """Plain text of lines [start, end), joined by newlines."""
        stop = len(self.lines) if end is None else end
        lines = self._plain
        return "\n".join([lines[i] for i in range(start, max(start, stop))])


_SEPARATOR_ROW = ("", 0, None, 0)  # the marker of a Markdown table's '|---|' row


def _marks_moved(line: Line) -> Line:
    text = marks_after_options(line.text)
    return line if text == line.text else Line(line.no, text, line.file, line.heading)


# 'Tiltak A: Språk og kommunikasjon', '**Tiltak B**', a header cell 'Tiltak C': measures
# named by a capital letter where others number them
_LETTERED = re.compile(r"\b([Tt]iltak)\s+([A-J])(?=\s*[:.)\-–—*\t]|\s*$|\s+og\b)")
_NUMBERED = re.compile(r"\b([Tt]iltak)\s+(\d{1,2})\b")
_NUMBERED_HEAD = re.compile(r"^[\W_]*tiltak\s+\d{1,2}\b", re.I)


def _lettered_measures(lines: list[Line]) -> tuple[list[Line], dict[int, str]]:
    """A document that names its measures 'Tiltak A', 'Tiltak B', …, as 'Tiltak 1',
    'Tiltak 2', … for the readers, which number measures; only when it names at least two
    letters from A on, and no measure by a number (a stray 'Tiltak B' is left alone)."""
    found = {m[2] for line in lines if "iltak" in line.text for m in _LETTERED.finditer(line.text)}
    if "A" not in found or len(found) < 2:
        return lines, {}
    if any(_NUMBERED_HEAD.match(line.text) for line in lines if "iltak" in line.text):
        return lines, {}  # measures numbered too: the letters are something else

    def number(m: re.Match[str]) -> str:
        return f"{m[1]} {ord(m[2]) - ord('A') + 1}"

    out = [
        replace(line, text=_LETTERED.sub(number, line.text))
        if _LETTERED.search(line.text)
        else line
        for line in lines
    ]
    return out, {ord(x) - ord("A") + 1: x for x in found}


@functools.lru_cache(maxsize=1 << 16)  # the same lines recur in every report of a form
def _line_parts(
    text: str, heading: int
) -> tuple[str, int, tuple[str, ...] | None, int, tuple[tuple[int, int], ...] | None] | None:
    """One source line as `from_lines` keeps it: its cleaned text, heading level, aligned
    cells, indent and where the cells stand; None for a blank line, `_SEPARATOR_ROW` for a
    '|---|' row."""
    if "|" in text:
        if _PIPE_SEPARATOR.match(text) and "-" in text:
            return _SEPARATOR_ROW
        piped = pipe_cells(text)
        if piped is not None:
            text = piped
    if not heading and text.lstrip().startswith("#"):
        found = _MD_HEADING.match(text)  # '## Tiltak 1: …' in any text file
        if found:
            heading = found.group().count("#")
            text = text[found.end() :]
    cleaned = clean(text)
    if not cleaned.replace("\t", "").strip():
        return None
    cells = aligned_cells(text) if "  " in text else None
    spaces = len(text) - len(text.lstrip(" \u00a0"))
    if cells is None:
        return cleaned, heading, None, spaces, None
    return cleaned, heading, tuple(cells), spaces, aligned_spans(text)


def spans(starts: list[int], end: int) -> list[tuple[int, int]]:
    """Sections from their first lines: each runs to the next start, the last to `end`."""
    return list(zip(starts, [*starts[1:], end], strict=False))
