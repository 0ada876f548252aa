"""A page set in two columns, each with its own fields, read column by column.

A text layer gives glyphs by position, so a page laid out in two independent columns
(the owner's fields on the left, a measure's fields on the right) comes out line by line
across both: 'Organisasjonsnummer: …' then 'Formål: …', a wrapped answer cut by the other
column's lines, and a budget's figures read against the wrong labels. A reader that
guesses there must not hurt the far more common form whose labels are on the left and
their values in a column on the right: there every right-hand value has its label at the
same height.

So two columns are read apart only when the page shows it plainly: a gutter (a vertical
line no glyph crosses, where lines, or text after a wide gap, start again and again), and on *both*
sides lines that stand alone (nothing across the gutter at their height) and start with a
label of their own ('Kontaktperson: …' on the left, 'Formål: …' on the right). A line that
crosses the gutter (a title over the page, a paragraph across it) ends one band of
columns and starts the next: within a band the left column is read first, top to bottom,
then the right one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from kompetansekart.ingest.readers.pdf_chars import COLUMN_GAP, Glyph, compose, line_tokens

# Lines on each side that stand alone and start with their own label: fewer is no
# evidence of two columns (a form's few empty fields, a wrapped value).
MIN_LABELLED = 2
MIN_ALONE = 3
# A right-hand column starts where text after a wide gap starts this many times.
MIN_STARTS = 3
# Or, in a brochure set in two columns of running text: at least this many lines in
# each column, and this share of them going on with a lower-case word (a wrapped line).
MIN_RUNNING = 8
RUNNING_SHARE = 0.3
# words this close (x the font size) are one line across the gutter, not two columns
WORD_GAP = 0.6
_TOLERANCE = 2.0  # points: one column's left edge drawn a little apart
# 'Kontaktperson:', '**Formål:**', 'UH-andel (INN):' — a label of at least four letters
_LABEL = re.compile(r"^\**[A-ZÆØÅ][\wæøåÆØÅ.()/ -]{3,40}:(\s|\**|$)")
# the same, in any case and perhaps a list's item: '– kommunale barnehagar: 34'
_FIELD = re.compile(r"^(?:[-–•*·]\s*)?\**[\wæøåÆØÅ][\wæøåÆØÅ.()/ -]{3,40}:(\s|\**|$)")


@dataclass(frozen=True)
class Columns:
    """Where the right column starts, and the right edge of the left column's text."""

    gutter: float
    left_edge: float


def find_columns(lines: Sequence[Sequence[Glyph]]) -> Columns | None:
    """The page's two columns, or None when its lines do not show two."""
    inked = [[g for g in line if not g.blank] for line in lines]
    for start in _right_starts(inked):
        # the most frequent start may be the left column's own indent under a title set
        # at the margin; the gutter is then at a start found less often
        columns = _columns_at(lines, start - _TOLERANCE)
        if columns is None:
            continue
        # the gutter is the space between the columns, not the right column's usual
        # start: a heading over its box set further left ('Kort om behovsmeldinga' over
        # the fields indented under it) is the right column's, not a line across both
        middle = (columns.left_edge + start) / 2
        if columns.left_edge < middle < columns.gutter:
            return _columns_at(lines, middle) or columns
        return columns
    return None


def _columns_at(lines: Sequence[Sequence[Glyph]], gutter: float) -> Columns | None:
    left_alone, right_alone, left_edge = [], [], 0.0
    left_texts, right_texts = [], []
    for line in lines:
        parts = split_line(line, Columns(gutter, 0.0))
        if parts is None:
            continue  # across the gutter: a band's border
        left, right = ([g for g in part if not g.blank] for part in parts)
        if left:
            left_edge = max(left_edge, max(g.x1 for g in left))
            left_texts.append(_text(parts[0]))
        if right:
            right_texts.append(_text(parts[1]))
        if left and not right:
            left_alone.append(left_texts[-1])
        elif right and not left:
            right_alone.append(right_texts[-1])
    if _running_text(left_texts) and (
        _running_text(right_texts)
        or (len(right_texts) >= MIN_RUNNING and len(right_alone) >= MIN_ALONE)
    ):
        # a brochure: paragraphs run down the left column, which a form's column of
        # labels never does; the right one holds more of them, or boxes and figures
        return Columns(gutter, left_edge)
    if len(left_alone) < MIN_ALONE or len(right_alone) < MIN_ALONE:
        return None
    if _labelled(right_alone) < MIN_LABELLED:
        return None
    if _labelled(left_alone) >= MIN_LABELLED or _list_beside_fields(left_texts, right_texts):
        return Columns(gutter, left_edge)
    return None


def _list_beside_fields(left: Sequence[str], right: Sequence[str]) -> bool:
    """A slide's list of names on the left ('Molde kommune', 'Rauma kommune', …) beside a
    box of fields on the right ('Sektor: barnehage', 'Ordning: Rekomp', …): no line on the
    left is a field, and most lines on the right are. A form's labels with their values in
    a column beside them never look so: there the right-hand lines are values, not fields."""

    def fields(texts: Sequence[str]) -> int:
        return sum(1 for t in texts if _FIELD.match(t))

    return fields(left) == 0 and 2 * fields(right) >= len(right)


def _running_text(texts: Sequence[str]) -> bool:
    """Paragraphs wrapped down a column: many of its lines go on with a lower-case word,
    which a column of labels (or of a form's values beside them) seldom does."""
    if len(texts) < MIN_RUNNING:
        return False
    wrapped = sum(1 for t in texts if t.lstrip("*•-– ")[:1].islower())
    return wrapped >= RUNNING_SHARE * len(texts)


def _right_starts(lines: Sequence[Sequence[Glyph]]) -> list[float]:
    """The x's, right of the margin, where lines or text after a wide gap start again and
    again, the most frequent first."""
    lines = [sorted(line, key=lambda g: g.x0) for line in lines if line]
    if not lines:
        return []
    margin = min(line[0].x0 for line in lines)
    starts: Counter[int] = Counter()
    for line in lines:
        if line[0].x0 - margin > COLUMN_GAP * line[0].size:
            starts[round(line[0].x0 / _TOLERANCE)] += 1
        for prev, g in pairwise(line):
            if g.x0 - prev.x1 > COLUMN_GAP * max(prev.size, g.size):
                starts[round(g.x0 / _TOLERANCE)] += 1
    found: list[float] = []
    taken: set[int] = set()
    for bucket, count in starts.most_common():
        if count < MIN_STARTS:
            break
        if bucket in taken:
            continue
        near = [b for b in starts if abs(b - bucket) <= 1]
        taken.update(near)
        found.append(min(near) * _TOLERANCE)
    return found


def _labelled(texts: Sequence[str]) -> int:
    return sum(1 for t in texts if _LABEL.match(t))


def _text(glyphs: Sequence[Glyph]) -> str:
    return compose(line_tokens(sorted(glyphs, key=lambda g: g.x0)))


def split_line(line: Sequence[Glyph], columns: Columns) -> tuple[list[Glyph], list[Glyph]] | None:
    """The line's glyphs left and right of the gutter, or None when it crosses it."""
    gutter = columns.gutter
    if any(g.x0 < gutter < g.x1 for g in line if not g.blank):
        return None
    left = [g for g in line if g.x1 <= gutter]
    right = [g for g in line if g.x0 >= gutter]
    ink_left = [g for g in left if not g.blank]
    ink_right = [g for g in right if not g.blank]
    if ink_left and ink_right:
        last = max(ink_left, key=lambda g: g.x1)
        first = min(ink_right, key=lambda g: g.x0)
        if first.x0 - last.x1 <= WORD_GAP * max(last.size, first.size):
            return None  # 'Bodø kommune og Nord universitet': words a space apart, one line
    return left, right
