"""The answers a choice question can have, read from data (`ontology/data/options.csv`).

A form asks "Gjelder behovsmeldingen barnehage, skole eller begge deler?" and the answer
is one of a few words, written in bokmål or nynorsk, marked with a box, in bold, or
simply written ("Begge deler"). The words and what they mean live in the data file, one
row per written form, so a new form's wording is a new row. Sets: `sector`, `yesno`
(also "Vet ikke" and "Vurdert ikke relevant"), `phases`, `purpose`, `network_none` (words
that say a report is in no network), `placeholder` (a form's text for "not filled in")
and `not_stated` (a count written as words).

`OptionSet.find` returns each option found in a text, longest label first, as whole
words, case-insensitively, without overlaps, in text order: what `read_choice` then needs
to see which of them a mark picks.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

__all__ = ["Found", "OptionSet", "options"]

COLUMNS = ("set", "value", "label", "lang", "note")


@dataclass(frozen=True)
class Found:
    value: str
    label: str  # as written in the text
    start: int
    end: int


class OptionSet:
    def __init__(self, name: str, labels: list[tuple[str, str]]) -> None:
        self.name = name
        ordered = sorted(labels, key=lambda lv: -len(lv[0]))
        self._values = {_norm(label): value for label, value in ordered}
        body = "|".join(dict.fromkeys(_label_re(label.translate(_FOLD)) for label, _ in ordered))
        self._rx = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)
        self.values = tuple(dict.fromkeys(v for _, v in labels))

    def find(self, text: str) -> list[Found]:
        return list(self._find(text))

    @lru_cache(maxsize=1 << 15)  # noqa: B019 - the option sets live as long as the process
    def _find(self, text: str) -> tuple[Found, ...]:
        text = unicodedata.normalize("NFC", text)
        folded = text.translate(_FOLD)
        return tuple(
            Found(self._values[_norm(m.group())], text[m.start() : m.end()], m.start(), m.end())
            for m in self._rx.finditer(folded)
        )

    def first(self, text: str) -> str | None:
        found = self.find(text)
        return found[0].value if found else None

    def starts(self, text: str) -> str | None:
        """The option the text begins with ('Ja – sørsamisk ...' -> 'ja'), else None."""
        found = self.find(text)
        if found and not text[: found[0].start].strip(" -–*•:([").strip():
            return found[0].value
        return None


# ø and å written as o and a ('gjennomforing' in a form export): one character each, so
# offsets in the folded text are offsets in the text
_FOLD = str.maketrans({"ø": "o", "Ø": "O", "å": "a", "Å": "A"})


def _norm(label: str) -> str:
    text = unicodedata.normalize("NFC", label).translate(_FOLD).casefold()
    return " ".join(text.replace("/", " / ").split())


def _label_re(label: str) -> str:
    """Words separated by any whitespace; a slash with or without spaces around it."""
    words = label.replace("/", " / ").split()
    out = ""
    for k, word in enumerate(words):
        if word == "/":
            out += r"\s*/\s*"
        else:
            gap = "" if k == 0 or words[k - 1] == "/" else r"\s+"
            out += gap + re.escape(word)
    return out


@cache
def options() -> dict[str, OptionSet]:
    text = files("kompetansekart.ontology").joinpath("data/options.csv").read_text("utf-8")
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ValueError(f"options.csv must have the columns {', '.join(COLUMNS)}")
    sets: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in reader:
        sets[row["set"]].append((row["label"], row["value"]))
    return {name: OptionSet(name, labels) for name, labels in sets.items()}
