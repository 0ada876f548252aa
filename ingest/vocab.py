"""Controlled vocabularies (themes, target groups) and the matcher that finds them in text.

The concepts live in ``ontology/data/themes.csv`` and ``ontology/data/target_groups.csv``
(columns ``id,pref_label_nb,pref_label_en,alt_labels,broader,note``; ``alt_labels`` is
``;``-separated), so that the same file later becomes a SKOS concept scheme;
``schemes.csv``, kept with the ontology, is read the same way. A concept is
found by its Norwegian preferred label and its alternative labels. The alternative labels
are the variants written in real reports, misspellings included, because nobody
proof-reads a needs report before it is sent.

Matching rules, and why
-----------------------
1. **Case.** Matching ignores case, because headings are often written in capitals
   ("TRYGT OG GODT SKOLEMILJØ"). The exception is a label word written in capitals with
   at most four letters (KI, PPT, SFO, IOP, LK20). It matches only in capitals, because
   lower-case "ki" or "sfo" is not that abbreviation.
2. **Word start.** A label matches only where a word starts, never inside a word:
   "lesing" does not match in "forlesing", and "ledelse" does not match in
   "prosjektledelse". A Norwegian compound puts its head last, so a theme word at the end
   of a compound usually names something else. The compounds that do mean the concept
   (skolefravær, skoleledelse) are listed as labels.
3. **Word end.** The last word of a label may run on to the end of the word in the text,
   so inflections and compounds that begin with the label match: "språket",
   "klasseledelsen", "adferd" → "adferdsuttrykk", "lesing" → "lesingen". "lesekurs" does
   not match: "lese" is not a label, because it would also match the verb "leser". The
   same rule keeps other words out of the vocabulary: "lek" would match "lekser",
   "regning" means "invoice" in budgets, and "lærer" would run on into "lærerutdanning".
   "språk" does match "språklig", because in these reports "språklig" describes
   children's language (språklig utvikling, språklig mangfold). An abbreviation does not
   run on, but it may take a lower-case ending (PPTs, SFOen).
4. **Spacing.** In a label, a run of spaces, line breaks and hyphens matches any such run
   in the text. So "barnehage- og skolemiljø" matches "barnehage og skolemiljø", and a
   phrase that PDF or Word extraction broke across lines still matches.
5. **Overlaps.** When matches overlap, the longest wins, and the earlier one wins a tie.
   At one position, longer labels are tried first. So "klasseledelse" is not also
   "ledelse", and "språkmodell" is kunstig intelligens, not språk.
6. **Two concepts in one phrase.** Take a label made of another concept's label, then
   "og" or "/", then the rest, such as "KI og vurdering". It gives one hit per part, each
   for its own concept. This is how "vurdering" is found next to KI. Bare "vurdering"
   cannot be a label, because it names phases ("Vurdering av behov", "Vurdering/analyse",
   "vurdering av måloppnåelse"). Bare "gjennomføring" is left out for the same reason
   ("Gjennomføring av tiltak"). An elided compound ("barnehage- og skolemiljø") is one
   phrase and is not split.
7. **Stops.** Some names and idioms contain a label but do not mean the concept:
   Læringsmiljøsenteret is a partner, not a need, and "i fravær av" means "in the absence
   of". Stops are matched like labels and then dropped, so they hide the shorter label
   inside them.

The whole vocabulary compiles to one regular expression that tries every word start;
overlaps are resolved afterwards in Python (rule 5). Inside it the labels are grouped into
a prefix tree on their first letters, so a word start tries only the few labels that can
begin with its letters instead of all of them; the grouping keeps the labels' order, so
the label chosen at each word start is the same as in a flat alternation (see `_tree`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

COLUMNS = ("id", "pref_label_nb", "pref_label_en", "alt_labels", "broader", "note")

# Organisation names and idioms that contain a label but are not the concept (rule 7).
THEME_STOPS: tuple[str, ...] = (
    "Læringsmiljøsenter",
    "Matematikksenter",
    "Nasjonalt senter for matematikk i opplæringen",
    "Nasjonalt senter for leseopplæring og leseforsking",
    "Nasjonalt senter for skriveopplæring og skriveforsking",
    "Senter for atferdsforskning",
    "Kompetanseløftet for spesialpedagogikk og inkluderende praksis",
    "i fravær av",
)
TARGET_GROUP_STOPS: tuple[str, ...] = (
    "rektorutdanning",
    "Skolelederforbundet",
)

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ACRONYM = re.compile(r"[A-ZÆØÅ]{1,4}[0-9]*")
_SEP_CHARS = r"\s\-\u2010\u2011\u2013\u2014"
_SEP = f"[{_SEP_CHARS}]+"
_TOKEN_SPLIT = re.compile(_SEP)
# Connectors that may join two concepts in one label (rule 6). An "og" right after a
# hyphen closes an elided compound ("barnehage- og skolemiljø"), which is one phrase.
_CONNECTOR = re.compile(r"((?<![\-\u2010\u2011\u2013\u2014])\s+og\s+|\s*/\s*)")
_CONNECTOR_RE = {"og": f"{_SEP}og{_SEP}", "/": r"\s*/\s*"}
_ACRONYM_ENDING = "(?:s|en|ens|er|ene)?"
# Letters that may key a branch of the prefix tree (`_tree`): under re.IGNORECASE the
# characters each of them matches are disjoint from those any other one matches (checked
# over all of Unicode). A label word starting with any other character is never keyed.
_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789æøå")
_TREE_LEAF = 3  # a branch with at most this many labels is not split further
_TREE_DEPTH = 3  # and none is split on more than its first three letters


class VocabularyError(ValueError):
    """A vocabulary file or label set that cannot be matched unambiguously."""


@dataclass(frozen=True)
class Concept:
    """One concept of a controlled vocabulary (a future SKOS concept)."""

    id: str
    pref_label: str
    pref_label_en: str
    alt_labels: tuple[str, ...]
    broader: str | None
    note: str = ""

    @property
    def labels(self) -> tuple[str, ...]:
        """Every written form the matcher looks for: preferred label first."""
        return (self.pref_label, *self.alt_labels)


@dataclass(frozen=True)
class Hit:
    """One match: `matched` is `text[start:end]`, kept so a person can see the evidence."""

    concept: str
    start: int
    end: int
    matched: str


@dataclass(frozen=True)
class _Label:
    """A compiled label: the concept of each part, and a splitter when parts differ."""

    text: str
    concept: str | None  # None for a stop
    part_concepts: tuple[str | None, ...]
    source: str
    splitter: re.Pattern[str] | None
    prefix: str = ""  # first letters of the first word, lower-cased, for `_tree`


def _tokens(part: str) -> list[str]:
    return [t for t in _TOKEN_SPLIT.split(part.strip()) if t]


def _is_acronym(token: str) -> bool:
    return _ACRONYM.fullmatch(token) is not None


def _norm_part(part: str) -> str:
    """Comparison key of one part: abbreviations keep their case (rule 1)."""
    return " ".join(t if _is_acronym(t) else t.casefold() for t in _tokens(part))


def _split(label: str) -> tuple[list[str], list[str]]:
    """Split a label into parts and the connectors between them ("og" or "/")."""
    pieces = _CONNECTOR.split(label)
    connectors = ["/" if "/" in c else "og" for c in pieces[1::2]]
    return pieces[0::2], connectors


def norm(label: str) -> str:
    """Comparison key of a label: two labels with the same key match the same text."""
    parts, connectors = _split(label)
    out = [_norm_part(parts[0])]
    for connector, part in zip(connectors, parts[1:], strict=True):
        out += [connector, _norm_part(part)]
    return " ".join(out)


def _token_re(token: str, last: bool) -> str:
    """Regex of one label word; only the last word may run on (rule 3)."""
    if _is_acronym(token):
        ending = f"{_ACRONYM_ENDING})(?!\\w)" if last else ")"
        return f"(?-i:{re.escape(token)}{ending}"
    if not last:
        return re.escape(token)
    runs_on = token[-1].isalpha()
    return re.escape(token) + (r"\w*" if runs_on else r"(?!\w)")


def _part_re(part: str, last: bool) -> str:
    words = _tokens(part)
    return _SEP.join(_token_re(w, last and i == len(words) - 1) for i, w in enumerate(words))


def _label_re(label: str, capture: bool) -> str:
    """Regex of a whole label; with `capture`, one group per part (for splitting hits)."""
    parts, connectors = _split(label)
    out = []
    for i, part in enumerate(parts):
        body = _part_re(part, last=i == len(parts) - 1)
        out.append(f"({body})" if capture else body)
        if i < len(connectors):
            out.append(_CONNECTOR_RE[connectors[i]])
    return r"(?<!\w)" + "".join(out)


def _prefix(label: str) -> str:
    """The label's first letters that `_tree` may branch on (lower-cased key characters)."""
    word = _tokens(_split(label)[0][0])[0]
    keys = []
    for char in word:
        if char.lower() not in _KEY_CHARS:
            break
        keys.append(char.lower())
    return "".join(keys)


def _tree(labels: list[_Label], depth: int, groups: list[_Label]) -> str:
    """The alternation of `labels`, one capturing group each, branched on their prefixes.

    A flat alternation of every label makes the regex engine try all of them (hundreds) at
    every word start, which made matching the hot spot of parsing. Here a branch is
    guarded by a lookahead for the letters its labels start with, so a word start tries a
    handful of guards and then only the labels of its one branch.

    The first label that matches at a position is the same as in the flat alternation:
    every branch keeps the labels' order; guards of one level differ in their last key
    letter, so at most one of them passes (`_KEY_CHARS`); and a label too short to branch
    on at this depth goes into every branch and into a last unguarded one. A label may
    thus own several groups; `groups` maps each group (from 1, in order) to its label.
    """
    if len(labels) <= _TREE_LEAF or depth >= _TREE_DEPTH:
        groups.extend(labels)
        return "|".join(f"({label.source})" for label in labels)
    keys = list(dict.fromkeys(lab.prefix[: depth + 1] for lab in labels if len(lab.prefix) > depth))
    short = [lab for lab in labels if len(lab.prefix) <= depth]
    if len(keys) == 1 and not short:  # all share this letter: branch on the next one
        return _tree(labels, depth + 1, groups)
    branches = []
    for key in keys:
        members = [lab for lab in labels if len(lab.prefix) <= depth or lab.prefix.startswith(key)]
        branches.append(f"(?={re.escape(key)})(?:{_tree(members, depth + 1, groups)})")
    if short:
        branches.append(f"(?:{_tree(short, depth + 1, groups)})")
    return "|".join(branches)


def _validate_label(label: str, owner: str) -> None:
    parts, _ = _split(label)
    if not label[:1].isalnum() or not label[-1:].isalnum() or not all(map(_tokens, parts)):
        raise VocabularyError(
            f"label {label!r} of {owner!r} must start and end with a letter or digit"
        )


class Vocabulary:
    """A set of concepts and one precompiled matcher for them (rules in the module doc)."""

    def __init__(
        self, concepts: Iterable[Concept], *, stops: Iterable[str] = (), name: str = "vocabulary"
    ) -> None:
        self.name = name
        self._concepts = self._index(concepts)
        self._check_broader()
        owners = self._label_owners(stops)
        self._labels = self._compile_labels(owners)
        self._groups: list[_Label] = []  # group number - 1 -> its label
        body = _tree(self._labels, 0, self._groups)
        self._pattern = re.compile(r"(?<!\w)(?=(?:" + body + "))", re.IGNORECASE)

    # -- construction ------------------------------------------------------------------

    @classmethod
    def themes(cls) -> Vocabulary:
        """The project's theme vocabulary (loaded once per process)."""
        return _packaged("themes.csv", THEME_STOPS)

    @classmethod
    def target_groups(cls) -> Vocabulary:
        """The project's target-group vocabulary (loaded once per process)."""
        return _packaged("target_groups.csv", TARGET_GROUP_STOPS)

    @classmethod
    def schemes(cls) -> Vocabulary:
        """The grant schemes (``schemes.csv``, kept by the ontology; loaded once per process)."""
        return _packaged("schemes.csv", ())

    @classmethod
    def from_csv(cls, text: str, *, source: str, stops: Iterable[str] = ()) -> Vocabulary:
        """Build a vocabulary from CSV text; errors name `source` and the line."""
        return cls(_read_csv(text, source), stops=stops, name=source)

    def _index(self, concepts: Iterable[Concept]) -> dict[str, Concept]:
        index: dict[str, Concept] = {}
        for concept in concepts:
            if not _SLUG.fullmatch(concept.id):
                raise VocabularyError(f"{self.name}: id {concept.id!r} is not an ASCII slug")
            if concept.id in index:
                raise VocabularyError(f"{self.name}: duplicate id {concept.id!r}")
            index[concept.id] = concept
        return index

    def _check_broader(self) -> None:
        """Every `broader` names a concept of this vocabulary, and there is no cycle."""
        for concept in self._concepts.values():
            seen = {concept.id}
            up = concept.broader
            while up is not None:
                if up not in self._concepts:
                    raise VocabularyError(f"{self.name}: {concept.id!r} has unknown broader {up!r}")
                if up in seen:
                    raise VocabularyError(f"{self.name}: broader cycle through {concept.id!r}")
                seen.add(up)
                up = self._concepts[up].broader

    def _label_owners(self, stops: Iterable[str]) -> dict[str, tuple[str, str | None]]:
        """Map each label's key to (label, concept); a key may have only one owner.

        Two labels of one concept with the same key ("Rekom", "REKOM") are harmless and
        kept once; the same key in two concepts (or a concept and a stop) is ambiguous.
        """
        owners: dict[str, tuple[str, str | None]] = {}
        entries: list[tuple[str, str | None]] = [
            (lab, c.id) for c in self._concepts.values() for lab in c.labels
        ]
        entries += [(stop, None) for stop in stops]
        for label, concept in entries:
            _validate_label(label, concept or "stops")
            key = norm(label)
            if key in owners and concept is not None and owners[key][1] == concept:
                continue
            if key in owners:
                other = owners[key]
                raise VocabularyError(
                    f"{self.name}: label {label!r} of {concept!r} is the same as "
                    f"{other[0]!r} of {other[1]!r}"
                )
            owners[key] = (label, concept)
        return owners

    def _compile_labels(self, owners: dict[str, tuple[str, str | None]]) -> list[_Label]:
        """Compile every label; longer labels first so they win at one position (rule 5)."""
        labels = [self._compile_label(label, owner, owners) for label, owner in owners.values()]
        labels.sort(key=lambda lab: -len(lab.text))
        return labels

    @staticmethod
    def _compile_label(
        label: str, owner: str | None, owners: dict[str, tuple[str, str | None]]
    ) -> _Label:
        parts, _ = _split(label)
        part_concepts = tuple(_part_owner(p, owner, owners) for p in parts)
        composite = owner is not None and len(set(part_concepts)) > 1
        splitter = re.compile(_label_re(label, capture=True), re.IGNORECASE) if composite else None
        return _Label(
            text=label,
            concept=owner,
            part_concepts=part_concepts if composite else (owner,),
            source=_label_re(label, capture=False),
            splitter=splitter,
            prefix=_prefix(label),
        )

    # -- lookup ----------------------------------------------------------------------

    def get(self, id: str) -> Concept:
        """The concept with this id; KeyError names the vocabulary."""
        try:
            return self._concepts[id]
        except KeyError:
            raise KeyError(f"no concept {id!r} in {self.name}") from None

    def __iter__(self) -> Iterator[Concept]:
        return iter(self._concepts.values())

    def __len__(self) -> int:
        return len(self._concepts)

    def __contains__(self, id: object) -> bool:
        return id in self._concepts

    def __repr__(self) -> str:
        return f"<Vocabulary {self.name}: {len(self)} concepts>"

    # -- matching ------------------------------------------------------------------

    def find(self, text: str) -> list[Hit]:
        """Every match in text order; the longest wins where matches overlap."""
        return list(self._found(text))

    @lru_cache(maxsize=1 << 15)  # noqa: B019 - vocabularies live as long as the process
    def _found(self, text: str) -> tuple[Hit, ...]:
        return tuple(self._find(text))

    def _find(self, text: str) -> list[Hit]:
        hits: list[Hit] = []
        for start, end, label in self._resolve(self._candidates(text), len(text)):
            hits.extend(self._hits(text, start, end, label))
        return sorted(hits, key=lambda h: h.start)

    def ids_in(self, text: str) -> list[str]:
        """Unique concept ids, in order of first appearance."""
        return list(dict.fromkeys(hit.concept for hit in self.find(text)))

    def _candidates(self, text: str) -> list[tuple[int, int, _Label]]:
        """At most one candidate per word start: the longest label that matches there."""
        found = []
        for m in self._pattern.finditer(text):
            group = m.lastindex
            if group is not None:
                found.append((m.start(group), m.end(group), self._groups[group - 1]))
        return found

    @staticmethod
    def _resolve(
        candidates: list[tuple[int, int, _Label]], size: int
    ) -> list[tuple[int, int, _Label]]:
        """Keep the longest candidates that do not overlap a longer (or earlier) one."""
        taken = bytearray(size)
        kept = []
        for start, end, label in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
            if taken.find(1, start, end) == -1:
                taken[start:end] = b"\x01" * (end - start)
                kept.append((start, end, label))
        return kept

    @staticmethod
    def _hits(text: str, start: int, end: int, label: _Label) -> list[Hit]:
        """The hits of one kept match: none for a stop, one per part for a composite."""
        if label.concept is None:
            return []
        if label.splitter is None:
            return [Hit(label.concept, start, end, text[start:end])]
        m = label.splitter.fullmatch(text, start, end)
        if m is None:  # cannot happen: the same regex matched this span
            raise AssertionError(f"label {label.text!r} no longer matches {text[start:end]!r}")
        return [
            Hit(concept, m.start(i), m.end(i), m.group(i))
            for i, concept in enumerate(label.part_concepts, start=1)
            if concept is not None
        ]


def _part_owner(
    part: str, owner: str | None, owners: dict[str, tuple[str, str | None]]
) -> str | None:
    """The concept a part of a label stands for: another concept if it is that one's label."""
    other = owners.get(_norm_part(part))
    if owner is not None and other is not None and other[1] is not None:
        return other[1]
    return owner


def _read_csv(text: str, source: str) -> list[Concept]:
    """Parse the vocabulary CSV, naming the file and line of any bad row."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise VocabularyError(f"{source}: columns must be {','.join(COLUMNS)}")
    return [_row_concept(row, source, reader.line_num) for row in reader]


def _row_concept(row: dict[str, str], source: str, line: int) -> Concept:
    cells = {k: (v or "").strip() for k, v in row.items() if k is not None}
    if None in row:
        raise VocabularyError(f"{source}:{line}: more cells than columns")
    for column in ("id", "pref_label_nb", "pref_label_en"):
        if not cells[column]:
            raise VocabularyError(f"{source}:{line}: empty {column}")
    return Concept(
        id=cells["id"],
        pref_label=cells["pref_label_nb"],
        pref_label_en=cells["pref_label_en"],
        alt_labels=tuple(a.strip() for a in cells["alt_labels"].split(";") if a.strip()),
        broader=cells["broader"] or None,
        note=cells["note"],
    )


@cache
def _packaged(filename: str, stops: tuple[str, ...]) -> Vocabulary:
    """Load a vocabulary shipped in `kompetansekart.ontology/data` (cached: it is immutable)."""
    resource = files("kompetansekart.ontology").joinpath("data", filename)
    return Vocabulary.from_csv(
        resource.read_text(encoding="utf-8"), source=f"ontology/data/{filename}", stops=stops
    )
