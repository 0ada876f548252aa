"""A text export written as configuration: `[section]` lines and `key = value` lines.

Case systems and scripts export a report as an INI-like file:

    [tiltak.1]
    navn = "Kartlegging av kompetansebehov"
    belop_uh = "180 000"
    koordinator_eier = 40000   ; herav, inngår i belop_eier
    beskrivelse = "Felles ståstedsanalyse … \\
      i ledernettverk og PPT."

Its syntax is not text: a `;` or `#` line is a comment, not a heading or a label; quotes
around a value are the format's; a comment after a value is not part of it; a value
ending in a backslash goes on on the next line, and so does a value whose next line is
indented; and a `[section]` line is the heading of
what follows ('[tiltak.1]' is 'Tiltak 1'). This module turns such a file into the lines
a form would have, so the form reader reads it like any other; a file is taken for one
only when most of its lines are `key = value` lines and it has a `[section]` line, so
prose with an '=' in it stays as it is.
"""

from __future__ import annotations

import re

from kompetansekart.ingest.records import Line

_SECTION = re.compile(r"^\s*\[(?P<name>[^\[\]=]{1,60})\]\s*$")
_KEYED = re.compile(r"^\s*(?P<key>[\wæøåÆØÅ.\[\]-]{1,60})\s*=\s*(?P<value>.*)$")
_COMMENT = re.compile(r"^\s*[;#]")
# a comment after a value, outside quotes: '40000   ; herav, inngår i belop_eier'
_TRAILING_COMMENT = re.compile(r"\s+[;#]\s.*$")


def is_keyed(lines: list[Line]) -> bool:
    """Most content lines are `key = value`, and at least one line is a `[section]`."""
    content = [ln.text for ln in lines if ln.text.strip() and not _COMMENT.match(ln.text)]
    keyed = sum(1 for text in content if _KEYED.match(text))
    sections = sum(1 for text in content if _SECTION.match(text))
    return sections >= 1 and keyed >= 5 and keyed + sections >= 0.7 * len(content)


def keyed_lines(lines: list[Line]) -> list[Line]:
    """The lines of a keyed export as a form's lines (see the module docstring)."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        k += 1
        if _COMMENT.match(line.text):
            continue
        section = _SECTION.match(line.text)
        if section:
            out.append(Line(line.no, _heading(section["name"]), line.file, 2))
            continue
        m = _KEYED.match(line.text)
        if m is None:
            out.append(line)
            continue
        value = m["value"].rstrip()
        while value.endswith("\\") and k < len(lines):  # the value goes on on the next line
            value = f"{value[:-1].rstrip()} {lines[k].text.strip()}"
            k += 1
        while k < len(lines) and _goes_on(lines[k].text):  # an indented line goes on too
            value = f"{value} {lines[k].text.strip()}"
            k += 1
        out.append(Line(line.no, f"{m['key']} = {_value(value)}", line.file))
    return out


def _goes_on(text: str) -> bool:
    """'navn = Profesjonsfellesskap og vurdering for læring' over '    på 1.–10. trinn':
    an indented line that is no key, section or comment continues the value above it,
    as in configparser's files."""
    if not text[:1].isspace() or not text.strip():
        return False
    return not (_KEYED.match(text) or _SECTION.match(text) or _COMMENT.match(text))


def _heading(name: str) -> str:
    """'tiltak.1' -> 'Tiltak 1', 'søker' -> 'Søker'."""
    words = " ".join(part for part in re.split(r"[._\s]+", name.strip()) if part)
    return words[:1].upper() + words[1:]


def _value(value: str) -> str:
    """A value without the format's quotes and without a comment after it; a code in one
    word ('ikke_relevant', 'vet_ikke') as its words."""
    value = value.strip()
    quoted = _QUOTED.match(value)
    if quoted and not _TRAILING_COMMENT.sub("", value[quoted.end() :]).strip():
        return quoted["inner"].strip()  # '"180 000"', '"180 000"   ; inkl. reise'
    value = _TRAILING_COMMENT.sub("", value).strip()
    return value.replace("_", " ") if _CODE.fullmatch(value) else value


_QUOTED = re.compile(r"(?P<q>[\"'])(?P<inner>.*?)(?P=q)")

_CODE = re.compile(r"[a-zæøå]+(?:_[a-zæøå]+)+")
