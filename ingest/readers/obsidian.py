"""A note from a Markdown vault (Obsidian, Logseq): its markup as the plain text it shows.

Such a note writes its fields for a query plugin (Dataview) as ``Eier:: Lillehammer
kommune`` on a line of their own, or inside a sentence as ``[ordning:: Rekomp]`` and
``(år:: 2026)``; it links notes as ``[[Høgskolen i Innlandet]]`` or
``[[Tiltak 2 – Språkmiljø|tiltak 2]]``, embeds others as ``![[…]]``, and sets remarks
apart in callouts: a quoted block whose first line is ``> [!info] Om partnerskapet``.

What the reader shows: a field line as ``Eier: Lillehammer kommune``; a field inside a
sentence as ``(ordning: Rekomp)``; a link as the text a reader sees (its alias, else the
note's name without a section); no embeds; a callout's title as a bold line of its own and
its body as plain lines, no longer quoted (a quote in a note is a remark of the writer's,
not an older e-mail). Whatever a callout says is then read like any other text, so a
callout with last year's grant or an example budget is judged by what it says.
"""

from __future__ import annotations

import re

from kompetansekart.ingest.records import Line

_INLINE_FIELD = re.compile(r"^(\s*(?:[-*+]\s+)?)([^\s:\[\]()][^:\[\]()]{0,60}?)::[ \t]*")
_BRACKETED = re.compile(r"[\[(]([^\[\]():]{1,40}?)::\s*([^\[\]()]*?)[\])]")
_EMBED = re.compile(r"!\[\[[^\]]*\]\]")
_WIKI = re.compile(r"\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|([^\]]+))?\]\]")
_CALLOUT = re.compile(r"^\s{0,3}>\s*\[!(?P<kind>[\w-]+)\][+-]?\s*(?P<title>.*)$")
_QUOTED = re.compile(r"^\s{0,3}>\s?")


def is_vault_note(text: str) -> bool:
    """Does the text use a vault's markup (fields, links or callouts)?"""
    return "::" in text or "[[" in text or "[!" in text


def vault_lines(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    in_callout = False
    for line in lines:
        text = line.text
        callout = _CALLOUT.match(text)
        if callout:
            in_callout = True
            title = _inline(callout["title"].strip())
            out.append(Line(line.no, f"**{title}**" if title else "", line.file))
            continue
        if in_callout and _QUOTED.match(text):
            text = _QUOTED.sub("", text, count=1)
        else:
            in_callout = False
        out.append(Line(line.no, _inline(text), line.file, line.heading))
    return out


def _inline(text: str) -> str:
    if "[[" in text:
        text = _WIKI.sub(lambda m: (m[2] or m[1]).strip(), _EMBED.sub("", text))
    if "::" in text:
        text = _INLINE_FIELD.sub(r"\1\2: ", text, count=1)
        text = _BRACKETED.sub(lambda m: f"({m[1].strip()}: {m[2].strip()})", text)
    return text
