"""What running text says about schools and kindergartens.

Only two safe kinds of evidence are used: names the gazetteer knows, and capitalised
names ending in a school/kindergarten word ('Beisfjord skole', 'Narvik ungdomsskole').
Placeholders such as 'x skole' are lower case and never match; sentence openers such as
'Hver skole' are filtered by a stop list.
"""

from __future__ import annotations

import re

from kompetansekart.ingest.context import Context
from kompetansekart.ingest.records import Institution

INSTITUTION_KINDS = ("skole", "barnehage")
_WORD = r"[A-ZÆØÅ][\wæøåÆØÅ.'-]*"
_NAMED = re.compile(
    rf"\b({_WORD}(?:\s+{_WORD})*\s+"
    r"(?:ungdomsskole|barneskole|oppvekstsenter|montessoriskole|skole|barnehage))\b"
)
_NOT_NAMES = {
    "alle",
    "hver",
    "hele",
    "den",
    "denne",
    "en",
    "ei",
    "et",
    "samme",
    "egen",
    "vår",
    "hvilken",
    "ny",
    "nye",
    "enhver",
    "hver enkelt",
    "kommunal",
    "privat",
    "offentlig",
    "i",
    "på",
    "ved",
    "for",
    "og",
    "med",
    "til",
    "de",
    "det",
    "skolen",
    "barnehagen",
}


def institutions_in(
    ctx: Context, text: str, i: int | None, *, known_only: bool = False
) -> list[Institution]:
    """Schools and kindergartens a passage names, resolved where the gazetteer knows them.
    With `known_only`, capitalised names the gazetteer does not know are not collected
    (for long free text, where they would more often be noise)."""
    found: dict[str, Institution] = {}
    for res, _s, _e in ctx.resolver.find_in(text, INSTITUTION_KINDS):
        found[res.ref.name.lower()] = Institution(res.ref, _owner_of(ctx, res.ref.parent))
    if known_only:
        return list(found.values())
    for match in _NAMED.finditer(text):
        name = _strip_openers(match.group(1))
        if not name or name.lower() in found:
            continue
        ref = ctx.org(name, INSTITUTION_KINDS, "institutions", i)
        found[ref.name.lower()] = Institution(ref, ctx.report.owner if ref.id is None else None)
    return list(found.values())


def _strip_openers(name: str) -> str | None:
    words = name.split()
    while words and words[0].lower() in _NOT_NAMES:
        words = words[1:]
    return " ".join(words) if len(words) >= 2 else None


def _owner_of(ctx: Context, parent: str | None):
    if parent is None:
        return None
    entry = ctx.resolver.gazetteer.by_id(parent)
    return ctx.resolver.resolve(entry.name).ref if entry else None
