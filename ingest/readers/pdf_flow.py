"""From the visual lines of all pages to the text lines of the document.

Two steps, after `pdf_layout` has made each page a list of items:

**Running headers and footers.** A line that is only a page number as the first or last
line of a page is dropped: a labelled one (``Side 1 av 3``, ``1/3``, ``- 3 -``,
``Page 2 of 5``) when its number is within `PAGE_NUMBER_SLACK` of the page's own number
(an unnumbered cover page shifts the numbering), a bare ``3`` only on page 3 (a value such
as ``3`` or ``2026`` alone on the last line of another page is content).
A first (or last) line repeated identically on every page of a document of two or more
pages is a running header (footer) and is kept once, where it first occurs. A first (or
last) line that ends in a cell with its page's number (``Nettverket · 2027 <tab> 3 / 7``)
on at least half the pages is a running header (footer) with its page number, and goes.

**De-wrapping.** A PDF breaks a paragraph into visual lines; the parsers want the paragraph
as one line (a .txt export would have it so). A line continues the previous one when all
of these hold:

* both are free text (not table rows) without column tabs, in the same font size;
* they share the left edge (within `ALIGN` x the font size). A first line may also be
  indented (the continuation then starts further left), and a first line starting with a
  bullet or a number (``•``, ``1.``, ``a)``) may hang (the continuation starts further right);
* the previous line was *full*: its right end plus a space plus the next line's first word
  would pass the right edge of the text column. That is why the line broke; a short line
  ended on purpose. The right edge is the text's left margin mirrored on the page
  (margins are nearly always symmetric; the left margin is the 10th percentile of the
  lines' left edges, so a stray line in the margin does not move it). Only when at least
  `WIDE_EVIDENCE` lines pass that edge (a narrower right margin) is it measured instead:
  the median right end of those lines. Measuring from the text alone would fail on a page
  of short lines (the longest of them would look full). A right margin much wider than
  the left one makes lines look less full: they then stay apart, the safer mistake;
* the vertical step between their tops is the document's normal leading, not a paragraph
  gap: at most `LEADING_SLACK` x the leading, which is the lowest step that occurs often
  (10th percentile of the steps, as a multiple of the font size, held within
  `LEADING_RANGE` so a document with no wrapped lines at all does not take its paragraph
  gap for the leading);
* or, instead of the vertical test: the previous line is the last of its page, the next is
  the first of the following page (after headers and footers are gone), and the paragraph
  has at least two lines on the earlier page. Word, LibreOffice and reportlab all use
  orphan control by default (a paragraph's first line is never left alone at the bottom of
  a page), so a one-line paragraph at the foot of a page is complete: typically a line of
  a text that was hard-wrapped before it was printed, which is "full" but ends there.

Joined lines are separated by a space, and a bold span running over the break stays one
span.

Failure modes, accepted (the PDF does not say where a paragraph ends, only how it looks):

* paragraphs set without spacing between them (below `LEADING_SLACK` x the leading): a
  paragraph whose last line happens to be full is joined to the next one;
* a paragraph of two or more lines that ends with a full line at the foot of a page is
  joined to the first line of the next page; one made without orphan control that breaks
  after its first line is not joined to its continuation;
* a word hyphenated at a line end keeps the hyphen and gets a space (``utvik- ling``):
  Norwegian also writes ``lærer- og skolenivå``, so the hyphen cannot simply go;
* double-spaced text (leading above 1.6 x the font size) and centred or right-aligned
  paragraphs are not de-wrapped;
* a word wider than the column, split mid-word by the producer, gets a space at the split.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from kompetansekart.ingest.document import plain
from kompetansekart.ingest.readers.pdf_chars import SPACE, SPACE_GAP, Token
from kompetansekart.ingest.readers.pdf_layout import Item

PAGE_NUMBER_SLACK = 2
ALIGN = 0.5
INDENT = 4.0  # x font size: the most a first line may be indented or hang
LEADING_SLACK = 1.2
LEADING_RANGE = (1.0, 1.6)
DEFAULT_LEADING = 1.25
SIZE_TOLERANCE = 0.05  # relative difference of font sizes still counted as the same
FULL_SLACK = 0.25  # x font size: a line ending this close to the edge may count as full
WIDE_EVIDENCE = 3  # lines passing the mirrored margin before the edge is measured instead

# "Side 3", "Page 3 of 5", "3 av 5", "3/5", "- 3 -": clearly a page number.
_PAGE_LABEL = re.compile(
    r"^(?:(?:side|page|s\.|p\.)\s*(\d{1,4})(?:\s*(?:av|of|/)\s*\d{1,4})?"
    r"|(\d{1,4})\s*(?:av|of|/)\s*\d{1,4}|[-–—(]\s*(\d{1,4})\s*[-–—)])$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_BULLET = re.compile(r"^[•▪◦●►▶➢‣∙]")  # a new list item never continues a line
# 'Formål: …', '**UH-andel (INN):** …': a line that starts with a label of its own
# a bold label may hold a comma: '**SePU, Universitetet i Innlandet:** Ragnhild …'
_OWN_LABEL = re.compile(
    r"^(?:\**[A-ZÆØÅ][\wæøåÆØÅ.()/ -]{2,40}:\**|\*\*[A-ZÆØÅ][\wæøåÆØÅ.,()/ -]{2,40}:\*\*)(?:\s|$)"
)
_LIST_MARKER = re.compile(r"^(?:[•▪◦●■►▶➢‣∙·\-–*]|\d{1,2}[.)]|[a-zæøå]\))")


# -- headers and footers ------------------------------------------------------------------


def strip_furniture(pages: list[list[Item]]) -> list[list[Item]]:
    """Pages without page-number lines and without repeats of running headers/footers.

    Page numbers go twice: before the repeats (a number under a running footer shows only
    once the footer is gone) and after. An edge that lost its page number in the first
    pass keeps what is next to it: '3' over 'Side 3' on page 3 is a value."""
    pages = _drop_numbered_edges(pages)
    once = [_drop_page_numbers(items, no) for no, items in enumerate(pages, start=1)]
    edges = [_edges_dropped(before, after) for before, after in zip(pages, once, strict=True)]
    pages = _drop_repeats(once, first=True)
    pages = _drop_repeats(pages, first=False)
    pages = _drop_repeated_head(pages)
    return [
        _drop_page_numbers(items, no, top=not top, bottom=not bottom)
        for no, (items, (top, bottom)) in enumerate(zip(pages, edges, strict=True), start=1)
    ]


def running_edges(pages: list[list[Item]]) -> list[Item]:
    """The text of a running header or footer with its page number ('Kompetansenettverket
    Vest-Telemark · Regional ordning 2027 <tab> 3 / 7'), once, without the number: what
    `strip_furniture` drops from every page may be the only place a document names its
    network or its year, so the reader keeps one copy, at the end of the text."""
    filled = [no for no, items in enumerate(pages, start=1) if items]
    if len(filled) < 2:
        return []
    out = []
    for end in (0, -1):
        marked = [
            items[end]
            for no, items in enumerate(pages, start=1)
            if items and _numbered_edge(items[end], no)
        ]
        if len(marked) < max(2, len(filled) / 2):
            continue
        item = marked[0]
        tabs = [k for k, t in enumerate(item.tokens) if t.text == "\t"]
        if tabs:  # its cells as one line of text: no row of the table it may follow
            tokens = [Token(" · ", None) if t.text == "\t" else t for t in item.tokens[: tabs[-1]]]
            out.append(replace(item, tokens=tokens, row=False))
    return out


def _drop_numbered_edges(pages: list[list[Item]]) -> list[list[Item]]:
    """'Kompetansenettverket Vest-Telemark · Regional ordning 2027 <tab> 3 / 7': a first
    (last) line whose last cell is its page's number, on at least half the pages of a
    document of two or more, is a running header (footer) with its page number: dropped
    on those pages, whatever the text beside the number (it may differ on the cover)."""
    filled = [no for no, items in enumerate(pages, start=1) if items]
    if len(filled) < 2:
        return pages
    for end in (0, -1):
        marked = {
            no
            for no, items in enumerate(pages, start=1)
            if items and _numbered_edge(items[end], no)
        }
        if len(marked) >= max(2, len(filled) / 2):
            pages = [
                _without(items, end) if no in marked else items
                for no, items in enumerate(pages, start=1)
            ]
    return pages


def _numbered_edge(item: Item, page_no: int) -> bool:
    cells = [c for c in item.text.split("\t") if c.strip()]
    if len(cells) < 2:
        return False
    match = _PAGE_LABEL.match(plain(cells[-1]))
    number = next((int(g) for g in match.groups() if g), None) if match else None
    return number is not None and abs(number - page_no) <= PAGE_NUMBER_SLACK


def _edges_dropped(before: list[Item], after: list[Item]) -> tuple[bool, bool]:
    """Which edges of a page (top, bottom) lost a line."""
    if len(after) == len(before):
        return False, False
    top = not after or after[0] is not before[0]
    bottom = not after or after[-1] is not before[-1]
    return top, bottom


def is_page_number(item: Item, page_no: int) -> bool:
    """A bare number must be the page's own number (a lone "3" at the foot of page 1 is a
    value, not a page number); a labelled one may be off by PAGE_NUMBER_SLACK."""
    if item.row:
        return False
    text = plain(item.text)
    if _BARE_NUMBER.match(text):
        return int(text) == page_no
    match = _PAGE_LABEL.match(text)
    number = next((int(g) for g in match.groups() if g), None) if match else None
    return number is not None and abs(number - page_no) <= PAGE_NUMBER_SLACK


def _drop_page_numbers(
    items: list[Item], page_no: int, *, top: bool = True, bottom: bool = True
) -> list[Item]:
    items = list(items)
    if bottom and items and is_page_number(items[-1], page_no):
        items.pop()
    if top and items and is_page_number(items[0], page_no):
        items.pop(0)
    return items


def _drop_repeats(pages: list[list[Item]], *, first: bool) -> list[list[Item]]:
    filled = [items for items in pages if items]
    if len(filled) < 2:
        return pages
    end = 0 if first else -1
    texts = {plain(items[end].text) for items in filled}
    if len(texts) != 1 or any(items[end].row for items in filled):
        return pages
    keep = filled[0]
    return [items if items is keep or not items else _without(items, end) for items in pages]


HEAD_LINES = 4  # how many of the first page's top lines a later page's header may repeat


def _drop_repeated_head(pages: list[list[Item]]) -> list[list[Item]]:
    """'Namsos kommune <tab> Arkivkode: A20' over 'Nåavmesjenjaelmien tjïelte <tab>
    Saksbehandler: …' at the top of every page, under a first page that has one more
    line ('Vår ref.: …') above them: a later page's top lines that are among the first
    page's top lines are its running header, and go (a table's header row repeated on the
    next page is no line of the first page's top, and stays)."""
    first = next((items for items in pages if items), None)
    if first is None:
        return pages
    top = {plain(item.text) for item in first[:HEAD_LINES]}
    out = []
    for items in pages:
        if items is first:
            out.append(items)
            continue
        k = 0
        while k < min(len(items) - 1, HEAD_LINES) and plain(items[k].text) in top:
            k += 1
        out.append(items[k:])
    return out


def _without(items: list[Item], end: int) -> list[Item]:
    return items[1:] if end == 0 else items[:-1]


# -- de-wrapping -----------------------------------------------------------------------


@dataclass(frozen=True)
class Metrics:
    left: float  # the left margin of the text
    widths: dict[int, float]  # page number -> page width
    wide_edge: float | None  # where text ends when it passes the mirrored left margin
    leading: float  # a multiple of the font size

    def right_edge(self, page: int) -> float:
        if self.wide_edge is not None:
            return self.wide_edge
        return self.widths.get(page, max(self.widths.values(), default=0.0)) - self.left


def measure(pages: Sequence[Sequence[Item]], widths: dict[int, float]) -> Metrics:
    """The text column and the leading, from the whole document."""
    free = sorted((item for items in pages for item in items if not item.row), key=_x0)
    if not free:
        return Metrics(0.0, widths, None, DEFAULT_LEADING)
    left = free[len(free) // 10].x0  # 10th percentile: a stray line in the margin is ignored
    beyond = sorted(
        item.x1 for item in free if item.x1 > widths.get(item.page, 0.0) - left + item.size / 2
    )
    wide = beyond[len(beyond) // 2] if len(beyond) >= WIDE_EVIDENCE else None
    return Metrics(left, widths, wide, _leading(pages))


def _x0(item: Item) -> float:
    return item.x0


def _leading(pages: Sequence[Sequence[Item]]) -> float:
    steps = sorted(
        (b.top - a.top) / a.size
        for items in pages
        for a, b in pairwise(items)
        if not a.row and not b.row and _same_size(a, b) and 0.9 <= (b.top - a.top) / a.size <= 3
    )
    if not steps:
        return DEFAULT_LEADING
    low, high = LEADING_RANGE
    return min(max(steps[len(steps) // 10], low), high)


def dewrap(pages: Sequence[Sequence[Item]], metrics: Metrics) -> list[Item]:
    """The items of all pages in order, continuation lines joined to their paragraph."""
    out: list[Item] = []
    for items in pages:
        for pos, item in enumerate(items):
            if out and continues(out[-1], item, metrics, first_on_page=pos == 0):
                join(out[-1], item)
            else:
                out.append(item)
    return out


def continues(prev: Item, nxt: Item, metrics: Metrics, *, first_on_page: bool) -> bool:
    if prev.row or nxt.row or prev.has_tab or nxt.has_tab or not _same_size(prev, nxt):
        return False
    if _BULLET.match(nxt.starts) or not _aligned(prev, nxt) or not is_full(prev, nxt, metrics):
        return False
    if _starts_field(nxt) or _short_field(prev, nxt):
        return False
    if first_on_page:  # orphan control: a paragraph never leaves its first line alone
        return nxt.page == prev.page + 1 and prev.lines >= 2
    step = (nxt.top - prev.top) / prev.size
    return nxt.page == prev.page and 0.5 < step <= metrics.leading * LEADING_SLACK


def _starts_field(item: Item) -> bool:
    """A form's next field ('Beskrivelse: …') starts a line of its own, however full the
    line before it was."""
    return _OWN_LABEL.match(item.text) is not None


def _short_field(prev: Item, nxt: Item) -> bool:
    """'Nettverk: Barnehagenettverket i Gjøvikregionen' over 'Nettverket samler …': a
    field with a short value, and a paragraph under it that starts a sentence."""
    if prev.lines > 1 or not nxt.text[:1].isupper():
        return False
    m = _OWN_LABEL.match(prev.text)
    if m is None:
        return False
    value = prev.text[m.end() :].strip()
    return len(value.split()) <= 5 and not value.endswith((",", "-", "–", " og", " eller"))


def is_full(prev: Item, nxt: Item, metrics: Metrics) -> bool:
    """Would the next line's first word have fitted after the previous line? If not, the
    break was the line wrapping, not the writer's."""
    space = prev.space or nxt.space or SPACE_GAP * prev.size
    edge = prev.edge if prev.edge is not None else metrics.right_edge(prev.page)
    edge -= FULL_SLACK * prev.size
    return prev.x1 + space + nxt.first_word > edge


def _aligned(prev: Item, nxt: Item) -> bool:
    shift = nxt.x0 - prev.x0
    if abs(shift) <= ALIGN * prev.size:
        return True
    if prev.lines > 1 or abs(shift) > INDENT * prev.size:
        return False
    return shift < 0 or bool(_LIST_MARKER.match(prev.starts))


def _same_size(a: Item, b: Item) -> bool:
    return abs(a.size - b.size) <= SIZE_TOLERANCE * max(a.size, b.size)


def join(prev: Item, nxt: Item) -> None:
    """Append `nxt` to `prev`; prev's position now describes its last visual line."""
    prev.tokens.extend([SPACE, *nxt.tokens])
    prev.page, prev.top, prev.x0, prev.x1 = nxt.page, nxt.top, nxt.x0, nxt.x1
    prev.space = prev.space or nxt.space
    prev.lines += 1
