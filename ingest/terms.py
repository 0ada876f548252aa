"""Semesters ("terms") as the schema writes them: ``V2026``, ``H2026`` or ``videre``.

The schema pattern is ``^(V|H)[0-9]{4}$|^videre$``: V is spring (vår), H is autumn (høst).

Why the rules are as they are:

* Reports write a term as ``Vår 2026``, ``vår 2027``, ``våren 2025``, ``Høst 2026``,
  ``høsten 2022`` (Nynorsk: ``haust``/``hausten``), or already compact as ``H2024``. Case
  does not matter in the long forms; the compact form must be a capital V/H so that
  ordinary words and codes are not read as terms. Years are 19xx or 20xx.
* ``Ut 2026`` ("through 2026") means the work runs to the end of that year, so it is the
  autumn term, ``H2026``. ``ut våren 2025`` is simply ``V2025``.
* ``Videre`` (nynorsk ``vidare``, "onwards") is the open-ended term. In running text
  "videre" is a common adverb (``videre samarbeid``, ``Videre ser vi ...``), so
  :func:`find_terms` takes it only when no lower-case word follows it on the same line or
  at the start of the next line
  (a ``key:`` on the next line does not count as a following word, nor does a lone ``x``
  marking it as chosen: ``Vidare x``). :func:`parse_term`
  takes a whole label, so there ``Videre`` is always the term.
* ``Gjennom hele 2025`` (nynorsk ``heile``) is both terms of that year, spring and autumn.
* ``vårsemesteret 2026``, ``høstsemesteret 2026`` are the terms as semesters.
* ``… våren 2027 og etter det`` (``og deretter``, ``og senere``) after a term carries the
  work on past it: ``videre``. Without a term before it the phrase says nothing of when.
* School years (``2026/2027``, ``2026-2027``, ``23/24``) span two terms but say nothing
  about which, so they are not terms.
* A decomposed ``å`` (a + U+030A) is accepted, so spans still point into the original text.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["find_terms", "parse_term", "term_sort_key"]

_A = "(?:å|a\u030a)"
_YEAR = r"(?:19|20)[0-9]{2}"
_SEMESTER = r"(?:en|semesteret|semester)?"  # 'våren', 'vårsemesteret'
_LONG = (
    rf"(?P<season>v{_A}r{_SEMESTER}|høst{_SEMESTER}|haust{_SEMESTER}|ut)"
    rf"[ \t\u00a0\u202f]+(?P<year>{_YEAR})"
)
_COMPACT = rf"(?-i:(?P<letter>[VH])(?P<cyear>{_YEAR}))"
_TERM_RE = re.compile(
    rf"(?<!\w)(?:{_LONG}|{_COMPACT}|(?P<videre>videre|vidare))(?!\w)(?![/\-–]\d)", re.IGNORECASE
)
_PROSE_AFTER_RE = re.compile(
    r"[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)?(?!x(?![\w-]))(?-i:[a-zæøå])[\w-]*+(?!:)", re.IGNORECASE
)
_VIDERE = "videre"
_LAST_YEAR = 10_000  # after every four-digit year, so 'videre' sorts last
_TERM_SHAPE_RE = re.compile(r"([VH])([0-9]{4})")


def _term(match: re.Match[str]) -> str:
    """The schema form of one match of `_TERM_RE`."""
    if match["videre"]:
        return _VIDERE
    if match["letter"]:
        return match["letter"] + match["cyear"]
    season = unicodedata.normalize("NFC", match["season"]).lower()
    letter = "V" if season.startswith("v") else "H"
    return letter + match["year"]


def parse_term(label: str) -> str | None:
    """A whole label (``"Høst 2026"``, ``"Ut 2026"``, ``"Videre"``) as a term, or None."""
    match = _TERM_RE.fullmatch(label.strip())
    return _term(match) if match else None


# 'V27 H27', 'H27 V28 VID': a printout's term codes, with the year's last two digits.
# Read only where they are the whole value (a column or field of terms), since 'H27' in
# running text may be anything.
# 'V-26, H-26' and 'H-26 og videre' too, and the seasons written out with the short year
# ('haust 26 og vår 27', 'H26 + V27', 'H26–V27': from one term to the other, both named).
_SHORT_SEASON = r"(?i:v[åa]r(?:en)?|h[øo]st(?:en)?|haust(?:en)?)"
_CODE = rf"(?:[VH]-?\d{{2}}|{_SHORT_SEASON}\s+[-–]?\d{{2}}|VID|(?i:videre|vidare))"  # 'høst -26'
_CODES_RE = re.compile(rf"^\s*{_CODE}(?:(?:\s*[,;/+&]\s*|\s*[-–→]\s*|\s+og\s+|\s+){_CODE})*\s*$")
_CODE_RE = re.compile(
    rf"(?P<letter>[VH])-?(?P<yy>\d{{2}})|(?P<season>{_SHORT_SEASON})\s+[-–]?(?P<syy>\d{{2}})"
    r"|VID(?:ERE)?|(?i:vid[ae]re)"
)


def _code_term(m: re.Match[str]) -> str:
    if m["letter"]:
        return f"{m['letter']}20{m['yy']}"
    if m["season"]:
        return f"{'V' if m['season'][0] in 'vV' else 'H'}20{m['syy']}"
    return _VIDERE


_REMARK_END = re.compile(r"\s*\([^()]*\)\s*$")


def find_terms(text: str) -> list[tuple[str, str, int, int]]:
    """(label as written, term, start, end) for every term in `text`, in text order."""
    # 'V26, H26 og videre (tenkt over to skoleår)': the codes, and a remark after them
    core = _REMARK_END.sub("", text) if text.endswith(")") else text
    if "=" not in text and _CODES_RE.match(core):
        return [(m.group(), _code_term(m), *m.span()) for m in _CODE_RE.finditer(core)]
    found: list[tuple[str, str, int, int]] = []
    for match in _TERM_RE.finditer(text):
        if match["videre"] and _PROSE_AFTER_RE.match(text, match.end()):
            continue
        found.append((match.group(), _term(match), match.start(), match.end()))
    for match in _BEYOND_RE.finditer(text):  # 'skal videreføres etter 2027': open-ended
        found.append((match.group(), _VIDERE, match.start(), match.end()))
    for match in _ONWARD_RE.finditer(text):  # 'våren 2027 og etter det': open-ended
        if any(e <= match.start() for _, t, _s, e in found if t != _VIDERE):
            found.append((match["onward"], _VIDERE, match.start("onward"), match.end("onward")))
    for match in _TWO_SEASONS_RE.finditer(text):  # 'Både våren og høsten 2025': both terms
        if any(s <= match.start() < e for _, _, s, e in found):
            continue  # 'våren 2025 og hausten 2025' is read term by term already
        found = [t for t in found if not (match.start() <= t[2] and t[3] <= match.end())]
        year = match["year"]
        for word in (match["a"], match["b"]):
            term = ("V" if word.lower().startswith("v") else "H") + year
            found.append((match.group(), term, match.start(), match.end()))
    for match in _WHOLE_YEAR_RE.finditer(text):  # 'gjennom hele 2025': both terms
        if not any(s <= match.start("year") < e for _, _, s, e in found):
            for letter in "VH":
                found.append((match.group(), letter + match["year"], match.start(), match.end()))
    return sorted(found, key=lambda t: t[2])


_WHOLE_YEAR_RE = re.compile(r"\b(?:hele|heile)\s+(?P<year>(?:19|20)\d{2})\b", re.IGNORECASE)
_TWO_SEASONS_RE = re.compile(
    r"\b(?P<a>(?:vår|haust|høst)(?:en|semesteret)?)(?:\s+og\s+|\s*[/+&]\s*)"
    r"(?P<b>(?:vår|haust|høst)(?:en|semesteret)?)"
    r"\s+(?P<year>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
# carrying the work on past the last term: the open-ended term
_BEYOND_RE = re.compile(
    r"\b(?:videreføres|vidareførast|vidareførst|fortsetter|held\s+fram|videreføre)\s+"
    r"(?:også\s+)?etter\s+(?:19|20)\d{2}\b",
    re.IGNORECASE,
)


# after the last term, the work goes on: 'frå hausten 2026, vidare gjennom våren 2027 og
# etter det' (a term must come before it; alone the words say nothing of when)
_ONWARD_RE = re.compile(
    r"\b(?:og|samt)\s+(?P<onward>etter\s+det(?:te)?|deretter|seinare|senere|framover|fremover|"
    r"utover)"
    r"\s*(?=$|[.,;)\n])",
    re.IGNORECASE,
)


def term_sort_key(term: str) -> tuple[int, int]:
    """Chronological key: V2024 < H2024 < V2025 < ... < 'videre'.

    Raises ValueError for anything that is not a schema term, so bad data is not sorted
    silently into some arbitrary place.
    """
    if term == _VIDERE:
        return (_LAST_YEAR, 0)
    shape = _TERM_SHAPE_RE.fullmatch(term)
    if shape is None:
        raise ValueError(f"not a term: {term!r}")
    return (int(shape[2]), 0 if shape[1] == "V" else 1)
