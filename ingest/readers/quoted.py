"""An e-mail's quoted text: the lines of an earlier message, each behind '> ' (or '> > '
for the message before that), as a reply or a forward writes them.

A report often arrives as a reply that quotes the filled-in form. The quote markers are
the e-mail's, not the form's: with them, no label starts its line and no table row starts
with its first cell. So a text whose form is in the quoted message (more than twice as
many labelled lines there as in the reply, an e-mail's headers not counted) is read
without the markers (line numbers kept). A reply that holds the form itself (a corrected
report above the original) keeps its quote as written: that is the old version.
"""

from __future__ import annotations

import re

from kompetansekart.ingest.records import Line

_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
# fewer quoted lines than this is no quoted message, only a line or two set off
MIN_QUOTED = 3


_LABELLED = re.compile(r"^[ \t]*(?:>[ \t]?)*[^\W\d][\w ./()-]{1,60}:[ \t]*\S")


def is_quoted(lines: list[Line]) -> bool:
    """Is the form in the quoted message? Only then is the quoted text the report: when
    the reply itself holds the form (a corrected report above the original), the quote
    is history and stays as it is written."""
    quoted = [line.text for line in lines if line.text.lstrip().startswith(">")]
    if len(quoted) < MIN_QUOTED:
        return False
    own = [line.text for line in lines if not line.text.lstrip().startswith(">")]
    return _labels(quoted) > 2 * _labels(own)


# an e-mail's own header lines, which every message of a thread has
_HEADER = re.compile(
    r"^[ \t]*(?:>[ \t]?)*(?:fra|frå|til|sendt|kopi|emne|dato|from|to|sent|cc|subject|date):",
    re.I,
)


def _labels(texts: list[str]) -> int:
    return sum(1 for t in texts if _LABELLED.match(t) and not _HEADER.match(t))


def unquoted(lines: list[Line]) -> list[Line]:
    """The lines without their quote markers."""
    out = []
    for line in lines:
        m = _QUOTE.match(line.text)
        out.append(line if m is None else Line(line.no, line.text[m.end() :], line.file))
    return out


# a quoted question: numbered ('> 4. Er behovsmeldingen …') or ending with '?'
_NUMBERED_QUESTION = re.compile(r"^\d{1,2}[.)]\s+\S")
MIN_ANSWERED = 3  # questions answered under them before a reply is read as answers inline


def answered_inline(lines: list[Line]) -> list[Line] | None:
    """A reply that answers the quoted message's numbered questions under each of them
    ('> 4. Er behovsmeldingen en videreføring …? Hvis ja,' / '> hvilket år?' over 'Nei,
    dette er en ny melding'): each question as one line without its markers, the answer
    right under it, so a question and its answer read as a label and its value. None
    unless three questions or more are each answered so."""
    blocks: list[tuple[int, int]] = []  # (first, last) line index of each quoted block
    k = 0
    while k < len(lines):
        if _QUOTE.match(lines[k].text):
            start = k
            while k < len(lines) and _QUOTE.match(lines[k].text):
                k += 1
            blocks.append((start, k - 1))
        else:
            k += 1
    questions = []
    for start, end in blocks:
        text = " ".join(_QUOTE.sub("", lines[j].text).strip() for j in range(start, end + 1))
        answer = next((j for j in range(end + 1, len(lines)) if lines[j].text.strip()), None)
        answered = answer is not None and not _QUOTE.match(lines[answer].text)
        if answered and _NUMBERED_QUESTION.match(text) and "?" in text:
            questions.append((start, end, text.strip(), answer))
    if len(questions) < MIN_ANSWERED:
        return None
    out: list[Line] = []
    skip: set[int] = set()
    for start, _end, _text, answer in questions:
        skip |= set(range(start, answer))  # the question's lines, and blank lines after it
    firsts = {start: text for start, _, text, _ in questions}
    for j, line in enumerate(lines):
        if j in firsts:
            out.append(Line(line.no, firsts[j], line.file))
        elif j not in skip:
            out.append(line)
    return out
