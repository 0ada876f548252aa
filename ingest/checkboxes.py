"""Which option of a multiple-choice question a document marks as chosen.

Forms mark a choice in four ways, and sometimes not at all:

* **Boxes** after (or before) a label: checked ``☒ ☑ ✓ ✔ ■ [x] [X] (x)``, unchecked
  ``☐ □ [ ] ( )``.
  An HTML ``<input type="checkbox" checked>`` counts as a checked box, one without
  ``checked`` as an unchecked box.
* **Bold**: ``Regional ordning **Desentralisert ordning** Kompetanseløftet``. The bold may
  span more than the label (``**Kompetanseløftet i Bodø**``). A bold span around text that
  is not an option (``Ja **Begrunn**``) marks nothing. One bold span around *every* option
  found (two or more) is a heading, not a choice, and marks nothing.
* **A standalone x** right after a label: ``Ja x Nei``. A form that spells the mark out
  per option, ``Ja: X  Nei: –``, says the same (`spelled_marks` rewrites it so when a
  line is cleaned).
* **Nothing**: when the text export dropped the ticks, the labels stand bare. Then
  ``marked`` is False and the caller must leave the value null and warn, instead of
  guessing that nothing was chosen.

Why the rules are as they are:

* Options are found case-insensitively, with any run of whitespace matching any other, and
  as whole words (``Videre`` does not match inside ``videreføre``). They are searched in the
  order given, each after the previous one, because forms list them in that order. A
  question's own wording may repeat a label (``svar ja eller nei: Ja ☐ Nei ☒``), so an
  occurrence that a marker touches (a box or ``x`` right after, a box right before, bold
  around it) is preferred to one that none touches. An occurrence inside a match of a
  longer option (``Ja`` inside ``Ja, delvis``) does not count as the shorter option.
  Text is NFC-normalised first, so a decomposed ``å`` still matches.
* **Box convention.** Most forms put the box after its label (``Grunnskole ☒``), some before
  (``☒ Grunnskole``). The convention is decided per text: if the first box stands before
  the first option found, boxes precede their labels, and each option takes the nearest box
  between the previous option and itself; otherwise each option takes the nearest box
  between itself and the next option. Text in between (``(Fyll ut liste)``) is skipped.
  A stray box before the first option (outside the question) would flip the convention,
  so callers pass the text of one question, not a whole page.
* Signals combine per option: a box decides first, then an ``x``, then bold. When any
  option is bold, the others count as unchosen (the form has visible marking).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["BOX", "Choice", "count_boxes", "read_choice", "spelled_marks"]

_CHECKED_CHARS = "☒☑✓✔■◉"
_UNCHECKED_CHARS = "☐□✖◯"
# a box as text writes it, checked or not: '☒', '☐', '[x]', '[ ]', '(x)', '(*)', '( )'; a
# radio button as a web page saved as text draws it: '(•)', '( )', '◉', '◯'
BOX = re.compile(r"[☒☑✓✔■◉☐□✖◯]|\[[xX ]?\]|\([xX* •●○]\)")
_BOX_RE = re.compile(
    rf"(?P<on>[{_CHECKED_CHARS}]|\[[xX✓✔]\]|\([xX✓✔*•●]\))"
    rf"|(?P<off>[{_UNCHECKED_CHARS}]|\[[ \u00a0]?\]|\([ \u00a0○]\))"
    r"|(?P<input><input\b[^>]*>)"
)
_CHECKBOX_TYPE_RE = re.compile(r"""\btype\s*=\s*["']?checkbox\b""", re.IGNORECASE)
_CHECKED_ATTR_RE = re.compile(r"\bchecked\b", re.IGNORECASE)
_BOLD_RE = re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*")
_X = r"\s+[xX](?![\w\]\-])"  # a lone x: not "xylofon", "x-akse" or the x of "[x]"
_X_RE = re.compile(_X)
_BOX_TEXT = rf"[{_CHECKED_CHARS}{_UNCHECKED_CHARS}]|\[[xX✓✔ \u00a0]?\]|\([xX✓✔*•●○ \u00a0]\)"
_MARK_AFTER_RE = re.compile(rf"\s*(?:{_BOX_TEXT}|<input\b)|{_X}", re.IGNORECASE)
_MARK_BEFORE_RE = re.compile(rf"(?:{_BOX_TEXT})\s*$")


# 'Ja: X', 'Nei: –': a yes/no option with its mark, or a dash for none, after a colon
_SPELLED = re.compile(
    r"(?<!\w)(?P<option>ja|nei|yes|no|delvis)\s*:\s*(?:(?P<on>[xX✓✔])|[–—-])(?=\s|$|[,;.])",
    re.IGNORECASE,
)


# a lone X (bold or not) that starts a cell before a word, and one that ends a cell after
# a word: the two ways a printed form's ticks land in a PDF's text
_X_MARK = r"(?:\*\*)?[xX](?:\*\*)?"
_LEADING_X = re.compile(rf"(?:^|\t)[ \u00a0]*{_X_MARK}[ \u00a0]+(?=[^\W\d_])")
_TRAILING_X = re.compile(rf"[^\W\d_][ \u00a0]+{_X_MARK}[ \u00a0]*(?=\t|$)")
# 'Ja **X** Nei': a lone X between two words, and what it may tick after it
_X_BEFORE = re.compile(rf"(?<![\w*\[(])[ \u00a0]*{_X_MARK}[ \u00a0]+(?=[^\W\d_])")
_X_ALONE = re.compile(_X_MARK)
_WORD = re.compile(r"\S+")
_NEXT_WORD = re.compile(r"[ \u00a0]+(?P<w>\S+)")


def marks_lead(texts: list[str]) -> bool:
    """Does this document put each lone X before its option ('**X** Ja<TAB>Nei', a ticked
    box drawn left of its label), and never after one ('Ja X' ending a cell)? Then 'Ja X
    Nei' ticks Nei. Decided per document: one question alone cannot say."""
    before = sum(1 for t in texts if _LEADING_X.search(t))
    return before >= 1 and not any(_TRAILING_X.search(t) for t in texts)


def marks_after_options(text: str) -> str:
    """'Ja **X** Nei', 'Analyse X Planlegging X Gjennomføring' in a document whose marks
    lead (`marks_lead`): each X moved after the option it ticks, the form's other way
    ('Ja Nei x'). The option is the next word, and the words after it up to the end of
    its cell when they go on in lower case ('Vurdert, ikke relevant')."""
    if "x" not in text.lower():
        return text
    out: list[str] = []
    pos = 0
    for m in _X_BEFORE.finditer(text):
        if m.start() < pos:
            continue
        start = m.end()
        end = _option_end(text, start)
        out.append(text[pos : m.start()])
        out.append(" " if out and out[-1] and not out[-1].endswith(("\t", " ")) else "")
        out.append(text[start:end] + " x")
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _option_end(text: str, start: int) -> int:
    """Where the option that starts at `start` ends: after its first word, and after the
    words that go on in lower case or after a comma, up to a tab, an X or a capital."""
    m = _WORD.match(text, start)
    end = m.end() if m else start
    while True:
        rest = _NEXT_WORD.match(text, end)
        if rest is None:
            return end
        w = rest["w"]
        if _X_ALONE.fullmatch(w) or not (w[:1].islower() or text[end - 1] == ","):
            return end
        end = rest.end()


def spelled_marks(text: str) -> str:
    """'Barnehage Ja: X Nei: –' as 'Barnehage Ja x Nei': the marks in the form's one way."""
    if ":" not in text or _SPELLED.search(text) is None:
        return text
    return _SPELLED.sub(lambda m: m["option"] + (" x" if m["on"] else ""), text)


@dataclass(frozen=True)
class Choice:
    """What a document says about one question; see the module docstring for the rules."""

    selected: tuple[str, ...]
    marked: bool
    seen: tuple[str, ...]


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    checked: bool


@dataclass(frozen=True)
class _Found:
    index: int
    start: int
    end: int


@lru_cache(maxsize=1 << 16)
def count_boxes(text: str) -> tuple[int, int]:
    """(checked, unchecked) box characters and ``[x]``/``[ ]`` boxes; inputs are not counted."""
    checked = unchecked = 0
    for match in _BOX_RE.finditer(text):
        if match["on"]:
            checked += 1
        elif match["off"]:
            unchecked += 1
    return checked, unchecked


def _marks(text: str) -> list[_Mark]:
    """Every box and checkbox input in `text`, in order."""
    marks: list[_Mark] = []
    for match in _BOX_RE.finditer(text):
        tag = match["input"]
        if tag is None:
            marks.append(_Mark(match.start(), match.end(), bool(match["on"])))
        elif _CHECKBOX_TYPE_RE.search(tag):
            checked = _CHECKED_ATTR_RE.search(tag) is not None
            marks.append(_Mark(match.start(), match.end(), checked))
    return marks


@lru_cache(maxsize=1024)
def _label_re(label: str) -> re.Pattern[str] | None:
    """Whole-word, whitespace-tolerant, case-insensitive pattern for one option label.
    Cached: forms ask for the same few option labels (Ja, Nei, ...) on line after line."""
    words = label.split()
    if not words:
        return None
    body = r"\s+".join(re.escape(word) for word in words)
    head = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    tail = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    return re.compile(head + body + tail, re.IGNORECASE)


def _occurrences(text: str, options: Sequence[str]) -> list[list[tuple[int, int]]]:
    """Spans of each option, without those lying inside a longer option's span."""
    spans = [
        [m.span() for m in pattern.finditer(text)] if pattern else []
        for pattern in map(_label_re, options)
    ]
    every = [(s, e) for option_spans in spans for s, e in option_spans]
    return [
        [
            (s, e)
            for s, e in option_spans
            if not any(os <= s and e <= oe and (oe - os) > (e - s) for os, oe in every)
        ]
        for option_spans in spans
    ]


def _adjacent(text: str, span: tuple[int, int], bold: list[tuple[int, int]]) -> bool:
    """True when a marker touches this occurrence: a box or x after, a box before, or bold."""
    start, end = span
    if _MARK_AFTER_RE.match(text, end) or _MARK_BEFORE_RE.search(text[max(0, start - 8) : start]):
        return True
    return any(s < start and end < e for s, e in bold)


def _find_options(text: str, options: Sequence[str]) -> list[_Found]:
    """One occurrence per option, searched in option order; sorted by position.

    Occurrences touched by a marker are preferred, so a label repeated in the question's
    own wording ("svar ja eller nei: Ja ☐ Nei ☒") does not steal the option.
    """
    bold = [m.span() for m in _BOLD_RE.finditer(text)]
    found: list[_Found] = []
    cursor = 0
    for index, spans in enumerate(_occurrences(text, options)):
        free = [(s, e) for s, e in spans if not any(s < f.end and f.start < e for f in found)]
        free = [span for span in free if _adjacent(text, span, bold)] or free
        later = [(s, e) for s, e in free if s >= cursor]
        picks = later or free
        if picks:
            pick = picks[0]
            found.append(_Found(index, pick[0], pick[1]))
            cursor = pick[1]
    return sorted(found, key=lambda f: f.start)


def _box_states(found: list[_Found], marks: list[_Mark], size: int) -> dict[int, bool]:
    """Option index -> checked, for options that own a box under the text's convention."""
    if not marks:
        return {}
    before = marks[0].start < found[0].start
    states: dict[int, bool] = {}
    for pos, item in enumerate(found):
        if before:
            low = found[pos - 1].end if pos else 0
            inside = [m for m in marks if low <= m.start and m.end <= item.start]
            owned = inside[-1] if inside else None
        else:
            high = found[pos + 1].start if pos + 1 < len(found) else size
            inside = [m for m in marks if item.end <= m.start and m.end <= high]
            owned = inside[0] if inside else None
        if owned is not None:
            states[item.index] = owned.checked
    return states


def _x_states(text: str, found: list[_Found]) -> dict[int, bool]:
    """Options followed directly by a standalone ``x``, before the next option."""
    states: dict[int, bool] = {}
    for pos, item in enumerate(found):
        match = _X_RE.match(text, item.end)
        high = found[pos + 1].start if pos + 1 < len(found) else len(text)
        if match and match.end() <= high:
            states[item.index] = True
    return states


def _bold_states(text: str, found: list[_Found]) -> dict[int, bool]:
    """Options inside a bold span; empty when no option is bold or one span holds all."""
    spans = [m.span() for m in _BOLD_RE.finditer(text)]
    holder = {
        item.index: next(
            (i for i, (s, e) in enumerate(spans) if s < item.start and item.end < e), None
        )
        for item in found
    }
    bold = {index: span for index, span in holder.items() if span is not None}
    if not bold:
        return {}
    if len(found) > 1 and len(bold) == len(found) and len(set(bold.values())) == 1:
        return {}
    return {item.index: item.index in bold for item in found}


_BRACKETED = re.compile(r"\[([^\[\]\n]{2,40})\]")


def read_choice(text: str, options: Sequence[str]) -> Choice:
    """The options `text` marks as chosen, whether any marking was visible, and which were seen."""
    return _read_choice(text, tuple(options))


@lru_cache(maxsize=1 << 15)  # the same question and options recur in every report of a form
def _read_choice(text: str, options: tuple[str, ...]) -> Choice:
    text = unicodedata.normalize("NFC", text)
    # '[JA] / NEI': the chosen option written inside square brackets
    wanted = {o.casefold() for o in options}
    text = _BRACKETED.sub(
        lambda m: f"**{m.group(1)}**" if m.group(1).strip().casefold() in wanted else m.group(),
        text,
    )
    labels = [unicodedata.normalize("NFC", option) for option in options]
    found = _find_options(text, labels)
    seen = tuple(options[i] for i in sorted(f.index for f in found))
    if not found:
        return Choice(selected=(), marked=False, seen=())
    states = _bold_states(text, found)
    states.update(_x_states(text, found))
    states.update(_box_states(found, _marks(text), len(text)))
    selected = tuple(options[i] for i in sorted(i for i, on in states.items() if on))
    return Choice(selected=selected, marked=bool(states), seen=seen)
