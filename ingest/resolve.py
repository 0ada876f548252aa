"""Written organisation names → gazetteer entries (`OrgRef`), or an honest "unresolved".

Reports spell the same organisation many ways ("HiNN", "Høgskolen på Innlandet",
"Universitetet i Innlandet"), run names into contact persons ("St.Eystein skole Kari
Nordmann") and name organisations the gazetteer has never seen ("Jensvoll barnehage AS").
`Resolver.resolve` settles one name; `Resolver.find_in` finds every known name inside a
longer text. Unknown stays unknown: a name that is not clearly one entry gets `id=None`
and a kind guessed from its form, never a nearest neighbour.

Order in `resolve`: exact (normalised canonical name), then alias (normalised alias), then
fuzzy. Fuzzy matching is blocked twice by kind: by the caller's `kinds` and by the kind
the name's own form shows (`guess_kind`: "... kommune" is only compared with
municipalities, "... AS" only with private owners, schools and kindergartens).

`find_in` looks names up word by word (an index keyed by each name's first word), so a
long text costs one dictionary lookup per word. One-word names of up to five letters
("INN", "Nord", "LMS", "Bodø") match only in their written case, so "går inn i" and "nord
for" are not names. Place-like one-word names (municipality short names, "Nord",
"Innlandet") are also refused when they are part of a longer name the gazetteer lacks:
joined by a hyphen ("Nord-Norge"), followed by another capitalised word that is not a
known name ("Nord Studentsamskipnad") or by an institution word ("Værøy barnehage").
Names inside e-mail and web addresses are ignored, and "SA" (an alias of Sámi allaskuvla,
but also a legal form) is never matched inside text.

Fuzzy score, and why the threshold is 85
----------------------------------------
Plain `fuzz.token_sort_ratio` on normalised names is fooled by the generic words that make
up most of a short name: "Vik kommune" vs "Narvik kommune" scores 88.0, "Rauma kommune" vs
"Rana kommune" 88.0, "Moss kommune" vs "Moskenes kommune" 85.7 and "Bø kommune" vs "Bodø
kommune" 90.9 — as high as real typos. So the score is the *minimum* of two
token_sort_ratios: on the whole normalised name, and on its distinctive part (generic words
such as kommune, universitetet, høgskolen, senter, skole, i, på dropped; a misspelt generic
word such as "kommmune" is dropped too). The whole-name score keeps the type of body
("Høgskolen i Oslo" vs "Universitetet i Oslo": 33.3); the distinctive score keeps the place
("Bø" vs "Bodø": 66.7). `token_set_ratio` was rejected: it scores any superset as 100
("Bodø kommune Kompetansenettverk Salten" vs "Bodø kommune", "Nord universitet Levanger" vs
"Nord universitet"), so a cell naming two bodies would resolve to the first.

Measured with this scorer against the packaged gazetteer (best candidate and its score;
the same lists are FUZZY_POSITIVES / FUZZY_NEGATIVES in tests/unit/test_resolve.py):

  must resolve                           score   must not resolve (best candidate)       score
  Nord Universitetet                      94.1   Nord Studentsamskipnad (Nord univ.)      52.2
  Nord univeristet                        93.8   Vik kommune (Narvik kommune)             66.7
  Universitetet i Stavangar               88.9   Rauma kommune (Rana kommune)             66.7
  Universitet i Innlandet                 95.8   Moss kommune (Moskenes kommune)          66.7
  Universitetet i Innlandt                94.1   Steinkjer kommune (Steigen kommune)      62.5
  Høgskulen i Innlandet                   95.2   Bømlo kommune (Bø kommune)               57.1
  Læringsmiljøsentret (LMS)               97.4   Alta kommune (Alstahaug kommune)         61.5
  Kompetansenettverket i Salten           92.6   Harstad kommune (Flakstad kommune)       66.7
  Bodø kommmune                           96.0   Universitetet i Sørlandet (INN)          66.7
  Narvik komune                           96.3   Høgskolen i Hedmark (UiT)                53.3
  Vestvågøy kommun                        97.0   Høgskolen i Telemark (UiT)               50.0
  Universitetet i Sør-Øst Norge (USN)     87.7   Kompetansenettverk Helgeland (Sør-H.)    81.8
  Statsforvalteren Nordland               96.2   Nordland fylke (Nordland fylkeskomm.)    75.7
  Høgskolen i Volda (Høgskulen i Volda)   94.1   Vestvågøy skole (school kinds only)      31.6
  St Eysteins skole                       95.2   Værøy barnehage (school kinds only)      13.8

Positives are ≥ 87.7, negatives ≤ 81.8. The threshold, 85, sits in the middle of that gap.
When the two best *different* entries are within `AMBIGUITY_MARGIN` (3 points) the name
stays unresolved, because a near-tie is a guess.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz, process

from kompetansekart.ingest.records import OrgRef
from kompetansekart.ontology.gazetteer import Entry, Gazetteer

Method = Literal["exact", "alias", "fuzzy", "unresolved"]

THRESHOLD = 85.0
AMBIGUITY_MARGIN = 3.0
SHORT = 4  # names of at most this many characters only ever match exactly
CACHED_NAMES = 4096  # resolutions a Resolver remembers (a batch names the same bodies often)
CASE_SENSITIVE_UP_TO = 5  # one-word names this short must match with their exact case
MAX_GAP = 4  # characters of punctuation/space allowed between the words of one name

LEGAL_FORMS = frozenset({"as", "asa", "sa", "ba", "ans", "da"})
GENERIC_WORDS = frozenset(
    {
        "kommune",
        "herad",  # the nynorsk word some municipalities use in their names (Voss herad)
        "fylkeskommune",
        "universitet",
        "universitetet",
        "høgskole",
        "høgskolen",
        "høgskulen",
        "høyskole",
        "høyskolen",
        "senter",
        "senteret",
        "nasjonalt",
        "kompetansenettverk",
        "kompetansenettverket",
        "kompetanseregion",
        "stiftelsen",
        "barnehage",
        "barnehagen",
        "skole",
        "skolen",
        "skule",
        "i",
        "på",
        "og",
        "for",
        "ved",
    }
)
_GENERIC_LIST = tuple(sorted(GENERIC_WORDS))
_GENERIC_TYPO = 85.0  # a long word this close to a generic word counts as that word

# A name's kind as its form shows it. First rule that matches wins; so a legal form beats
# 'barnehage' ("Jensvoll barnehage AS" is a company) and 'høgskole' is tested before 'skole'.
_KIND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("fylkeskommune", re.compile(r"fylkeskommunen?s?\b", re.IGNORECASE)),
    ("kommune", re.compile(r"\bkommunen?s?\b|\bherad\b", re.IGNORECASE)),
    ("stiftelse", re.compile(r"\bstiftelsen?\b", re.IGNORECASE)),
    ("privat_eier", re.compile(r"(?<![\w/])(?:AS|A/S|SA|ASA)(?=\s*(?:$|[,–—-]))")),
    ("uh", re.compile(r"universitet|h[øo][gy]sk[uo]le", re.IGNORECASE)),
    ("barnehage", re.compile(r"barnehage", re.IGNORECASE)),
    ("skole", re.compile(r"sk[uo]len?\b", re.IGNORECASE)),
    ("ppt", re.compile(r"\bPPT\b|\bPP-tjenest|pedagogisk-psykologisk", re.IGNORECASE)),
    ("nettverk", re.compile(r"kompetansenettverk", re.IGNORECASE)),
)
_PRIVATE_KINDS = frozenset({"privat_eier", "stiftelse", "skole", "barnehage"})
# The kinds a name may resolve to, given the kind its form shows.
_BLOCKS: dict[str, frozenset[str]] = {
    "fylkeskommune": frozenset({"fylkeskommune"}),
    "kommune": frozenset({"kommune"}),
    "uh": frozenset({"uh", "uh_enhet"}),
    "nettverk": frozenset({"nettverk"}),
    "ppt": frozenset({"ppt"}),
    **{kind: _PRIVATE_KINDS for kind in _PRIVATE_KINDS},
}

_NON_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"[^\W_]+")
# E-mail addresses and web addresses: "narvik.kommune.no" inside one is not a name.
_ADDRESS = re.compile(r"[^\s<>()]+@[^\s<>()]+|(?:https?://|www\.)[^\s<>()]+", re.IGNORECASE)
_WWW = re.compile(r"www\.", re.IGNORECASE)
_MARKUP = re.compile(r"[*_<>`]+")
# After a place-like name, these words mean the name is part of a longer one
# ("Værøy barnehage", "Bodø videregående skole", "Innlandet fylkeskommune").
_INSTITUTION_WORD = re.compile(
    r"\s+(?:\w*barnehage|\w*sk[uo]le|fylke|videregående|vgs)\w*", re.IGNORECASE
)


@dataclass(frozen=True)
class Resolution:
    """The outcome for one written name: the OrgRef to store, how it was found, and how well.

    `score` is 100 for exact and alias matches, the similarity for fuzzy ones, and the best
    (rejected) similarity or 0 for unresolved names, so a diagnostic can show how close it was.
    """

    ref: OrgRef
    method: Method
    score: float
    entry: Entry | None


# --- normalising and guessing -------------------------------------------------------------


def _fold(name: str) -> str:
    """Casefolded NFC text with every run of punctuation, dash or slash turned into one space."""
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())
    return " ".join(_NON_WORD.sub(" ", text).split())


def normalise(name: str) -> str:
    """The comparison form of a name: "St.Eystein skole" and "St. Eystein skole" are equal.

    A trailing legal form ("AS", "A/S", "SA") is dropped only when at least two words remain,
    because "Nord SA" or "Narvik AS" stripped to one word would equal a university's or a
    municipality's short name. Repeated forms ("... AS AS") are all dropped, so that
    normalising twice gives the same as once.
    """
    words = _fold(name).split()
    stripped = True
    while stripped:
        stripped = False
        for size in (2, 1):
            tail = "".join(words[-size:])
            if len(words) - size >= 2 and tail in LEGAL_FORMS and (size == 1 or tail == "as"):
                words = words[:-size]
                stripped = True
                break
    return " ".join(words)


def guess_kind(name: str) -> str | None:
    """The kind a name's own form shows ("... kommune", "... AS", "Stiftelsen ..."), or None.

    Used for names the gazetteer does not know, so the record still says what sort of
    body it is, and to keep fuzzy matching within one kind.
    """
    for kind, rule in _KIND_RULES:
        if rule.search(name):
            return kind
    return None


def clean(name: str) -> str:
    """The written form without markup, line breaks and stray edge punctuation.

    Brackets are removed only when they wrap the whole name ("(Nord)"), so "Herøy kommune
    (Nordland)" keeps its closing bracket.
    """
    text = " ".join(_MARKUP.sub(" ", name).split()).strip(" ,;:.-–—/")
    if text[:1] == "(" and text[-1:] == ")":
        text = text[1:-1].strip()
    return text


def _distinctive(normalised: str, tolerant: bool = False) -> str:
    """The words that tell two names of one type apart ("bodø" in "bodø kommune").

    With `tolerant`, a misspelt generic word ("kommmune") is dropped as well; the gazetteer's
    own names are spelt right, so only written input needs that.
    """
    kept = []
    for word in normalised.split():
        if word in GENERIC_WORDS:
            continue
        if tolerant and len(word) > 5 and _is_generic_typo(word):
            continue
        kept.append(word)
    return " ".join(kept)


def _is_generic_typo(word: str) -> bool:
    match = process.extractOne(word, _GENERIC_LIST, scorer=fuzz.ratio, score_cutoff=_GENERIC_TYPO)
    return match is not None


# --- the resolver --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    """One fuzzy target: a name or alias of an entry, precomputed in both comparison forms."""

    whole: str
    distinctive: str
    entry: Entry


# The fuzzy targets of some kinds, and their names with sorted words (`_sorted_words`).
_Targets = tuple[tuple[_Candidate, ...], tuple[str, ...]]


@dataclass(frozen=True)
class _Pattern:
    """One name as a word sequence for `find_in`."""

    words: tuple[str, ...]  # casefolded, or as written when `case_sensitive`
    case_sensitive: bool
    place_like: bool
    canonical: bool
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    pattern: _Pattern


class Resolver:
    """Matches written names against one gazetteer. Build it once per batch: it precomputes
    every index (exact names, aliases, fuzzy targets, find_in word patterns)."""

    def __init__(self, gazetteer: Gazetteer | None = None, threshold: float = THRESHOLD) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.load()
        self.threshold = threshold
        self._exact = _index(self.gazetteer, canonical=True)
        self._alias = _index(self.gazetteer, canonical=False)
        self._fuzzy = _fuzzy_targets(self.gazetteer)
        self._patterns = _patterns(self.gazetteer)
        # The one-word patterns among them, for genitives ("NTGs"), and every word that
        # can start a hit: `_hits` skips the other words of a text with one set lookup.
        self._one_word = {
            first: one
            for first, patterns in self._patterns.items()
            if (one := tuple(p for p in patterns if len(p.words) == 1))
        }
        self._starters = frozenset(self._patterns) | {f"{w}s" for w in self._one_word}
        # A resolution is immutable and depends only on (name, kinds), and a batch names
        # the same bodies in report after report, so each resolver remembers the latest
        # CACHED_NAMES of them; the fuzzy targets are filtered once per set of kinds.
        self._cache: dict[tuple[str, frozenset[str] | None], Resolution] = {}
        self._targets: dict[frozenset[str] | None, _Targets] = {}

    # resolve ----------------------------------------------------------------------------

    def resolve(self, name: str, kinds: Collection[str] | None = None) -> Resolution:
        """One written name → the one entry it clearly means, or unresolved."""
        allowed = frozenset(kinds) if kinds is not None else None
        found = self._cache.get((name, allowed))
        if found is None:
            if len(self._cache) >= CACHED_NAMES:
                del self._cache[next(iter(self._cache))]  # the oldest
            found = self._cache[name, allowed] = self._resolve_uncached(name, allowed)
        return found

    def _resolve_uncached(self, name: str, allowed: frozenset[str] | None) -> Resolution:
        key = normalise(name)
        methods: tuple[tuple[Method, dict[str, tuple[Entry, ...]]], ...] = (
            ("exact", self._exact),
            ("alias", self._alias),
        )
        for method, index in methods:
            found = _allowed(index.get(key, ()), allowed)
            if len(found) == 1:
                return _resolved(name, found[0], method, 100.0)
            if len(found) > 1:
                return _unresolved(name, 100.0)
        return self._fuzzy_resolve(name, key, allowed)

    def _fuzzy_resolve(self, name: str, key: str, allowed: frozenset[str] | None) -> Resolution:
        if len(key) <= SHORT:
            return _unresolved(name, 0.0)
        block = _BLOCKS.get(guess_kind(name) or "")
        if block is not None:
            allowed = block if allowed is None else allowed & block
        distinctive = _distinctive(key, tolerant=True)
        targets, sorted_wholes = self._targets_of(allowed)
        # The best entry's score, the best score of any other entry, and the best entry.
        # Targets come best whole-name score first (one C call for all of them); a
        # target's score is at most its whole-name score, so once that is no higher than
        # the second best, no later target can change the outcome.
        first, second, winner = -1.0, -1.0, None
        best: dict[str, float] = {}
        ranked = process.extract(
            _sorted_words(key), sorted_wholes, scorer=fuzz.ratio, processor=None, limit=None
        )
        for _, whole, i in ranked:
            if whole <= second:
                break
            target = targets[i]
            score = _score(whole, distinctive, target)
            if score <= best.get(target.entry.id, -1.0):
                continue
            best[target.entry.id] = score
            if winner is not None and target.entry.id == winner.id:
                first = score
            elif score > first:
                first, second, winner = score, first, target.entry
            elif score > second:
                second = score
        if winner is None:
            return _unresolved(name, 0.0)
        if first < self.threshold:
            return _unresolved(name, first)
        if len(best) > 1 and second >= first - AMBIGUITY_MARGIN:
            return _unresolved(name, first)
        return _resolved(name, winner, "fuzzy", first)

    def _targets_of(self, allowed: frozenset[str] | None) -> _Targets:
        """The fuzzy targets of the allowed kinds, and their names with sorted words."""
        if allowed not in self._targets:
            targets = tuple(t for t in self._fuzzy if allowed is None or t.entry.kind in allowed)
            self._targets[allowed] = (targets, tuple(_sorted_words(t.whole) for t in targets))
        return self._targets[allowed]

    # find_in ----------------------------------------------------------------------------

    def find_in(
        self, text: str, kinds: Collection[str] | None = None
    ) -> list[tuple[Resolution, int, int]]:
        """Every known name inside `text`, in text order, as (resolution, start, end).

        Word-bounded; longest match first and non-overlapping, chosen over all kinds before
        `kinds` filters, so "Høgskolen i Narvik" is never read as "Narvik" (the
        municipality) just because the caller only wants municipalities.
        """
        allowed = frozenset(kinds) if kinds is not None else None
        return list(self._found_in(text, allowed))

    @lru_cache(maxsize=1 << 15)  # noqa: B019 - a batch's resolver is its gazetteer's
    def _found_in(
        self, text: str, allowed: frozenset[str] | None
    ) -> tuple[tuple[Resolution, int, int], ...]:
        return tuple(self._find_in(text, allowed))

    def _find_in(
        self, text: str, allowed: frozenset[str] | None
    ) -> list[tuple[Resolution, int, int]]:
        words = list(_WORD.finditer(text))
        hits = self._hits(text, words)
        starts = {hit.start for hit in hits}
        addresses = _addresses(text) if hits else []
        hits = [
            hit for hit in hits if _plausible(text, hit, starts) and not _inside(hit, addresses)
        ]
        found = []
        for hit in _longest_first(hits):
            entries = _allowed(hit.pattern.entries, allowed)
            if len(entries) != 1:
                continue  # filtered out, or an alias two entries share
            method: Method = "exact" if hit.pattern.canonical else "alias"
            resolution = _resolved(text[hit.start : hit.end], entries[0], method, 100.0)
            found.append((resolution, hit.start, hit.end))
        return found

    def _hits(self, text: str, words: list[re.Match[str]]) -> list[_Hit]:
        """Every pattern that matches from some word on, in word order (overlaps kept)."""
        starters = self._starters
        folded = [word.group().casefold() for word in words]
        hits = []
        for i in [i for i, first in enumerate(folded) if first in starters]:
            first = folded[i]
            patterns = self._patterns.get(first, ())
            if first.endswith("s"):  # a one-word name in the genitive: "NTGs", "Bodøs"
                patterns = (*patterns, *self._one_word.get(first[:-1], ()))
            for pattern in patterns:
                end = _match_words(text, words, i, pattern)
                if end is not None:
                    hits.append(_Hit(words[i].start(), end, pattern))
        return hits


# --- index building ------------------------------------------------------------------------


def _index(gazetteer: Gazetteer, canonical: bool) -> dict[str, tuple[Entry, ...]]:
    """Normalised canonical names (or aliases) → the entries that carry them."""
    index: dict[str, list[Entry]] = defaultdict(list)
    for entry in gazetteer:
        for name in (entry.name,) if canonical else entry.aliases:
            bucket = index[normalise(name)]
            if entry not in bucket:
                bucket.append(entry)
    return {key: tuple(entries) for key, entries in index.items()}


def _fuzzy_targets(gazetteer: Gazetteer) -> tuple[_Candidate, ...]:
    """Every name and alias longer than `SHORT` characters: short ones only match exactly."""
    targets = []
    for entry in gazetteer:
        for key in dict.fromkeys(normalise(name) for name in entry.names):
            if len(key) > SHORT:
                targets.append(_Candidate(key, _distinctive(key), entry))
    return tuple(targets)


def _patterns(gazetteer: Gazetteer) -> dict[str, tuple[_Pattern, ...]]:
    """find_in patterns keyed by their first word (casefolded), so a text word looks up only
    the few names that can start there."""
    owners: dict[str, tuple[Entry, ...]] = defaultdict(tuple)
    for canonical in (True, False):
        for key, entries in _index(gazetteer, canonical).items():
            owners[key] = tuple(dict.fromkeys((*owners[key], *entries)))
    by_first: dict[str, list[_Pattern]] = defaultdict(list)
    seen: set[tuple[tuple[str, ...], bool]] = set()
    for entry in gazetteer:
        for name in entry.names:
            pattern = _pattern(name, entry, owners)
            if pattern is None or (pattern.words, pattern.case_sensitive) in seen:
                continue
            seen.add((pattern.words, pattern.case_sensitive))
            by_first[pattern.words[0].casefold()].append(pattern)
    return {first: tuple(patterns) for first, patterns in by_first.items()}


def _pattern(name: str, entry: Entry, owners: dict[str, tuple[Entry, ...]]) -> _Pattern | None:
    """A name as a find_in pattern; None for a name that is also a legal form ("SA")."""
    written = tuple(_WORD.findall(unicodedata.normalize("NFC", name)))
    if not written or _fold(name) in LEGAL_FORMS:
        return None
    one_word = len(written) == 1
    case_sensitive = one_word and len(written[0]) <= CASE_SENSITIVE_UP_TO
    canonical_words = set(_fold(entry.name).split())
    is_alias = name != entry.name
    place_like = (
        one_word
        and written[0][1:].islower()
        and (entry.kind in ("kommune", "nettverk") or (is_alias and _fold(name) in canonical_words))
    )
    holders = owners.get(normalise(name), ()) or (entry,)
    return _Pattern(
        words=written if case_sensitive else tuple(w.casefold() for w in written),
        case_sensitive=case_sensitive,
        place_like=place_like,
        canonical=not is_alias,
        entries=tuple(dict.fromkeys((entry, *holders))),
    )


# --- find_in helpers -----------------------------------------------------------------------


def _match_words(text: str, words: list[re.Match[str]], i: int, pattern: _Pattern) -> int | None:
    """End offset if `pattern` matches the words from `i` on, else None.

    Words may be separated by up to `MAX_GAP` characters of space or punctuation (a comma or
    a line break inside "Læringsmiljøsenteret, Universitetet i Stavanger"); the last word may
    carry a genitive s ("NTGs"), which the span leaves out.
    """
    n = len(pattern.words)
    if i + n > len(words):
        return None
    for k, expected in enumerate(pattern.words):
        word = words[i + k]
        if k and word.start() - words[i + k - 1].end() > MAX_GAP:
            return None
        actual = word.group() if pattern.case_sensitive else word.group().casefold()
        if actual == expected:
            continue
        if k == n - 1 and actual == expected + "s":
            return word.end() - 1
        return None
    return words[i + n - 1].end()


def _plausible(text: str, hit: _Hit, starts: set[int]) -> bool:
    """False when a place-like name is only part of a longer name the gazetteer lacks.

    "Nord" in "Nord-Norge" or "Nord Studentsamskipnad", "Værøy" in "Værøy barnehage" and
    "Rana" in "Nord-Rana" are not the university or the municipalities.
    """
    if not hit.pattern.place_like:
        return True
    before, after = text[max(0, hit.start - 2) : hit.start], text[hit.end : hit.end + 40]
    if re.search(r"\w[-–]$", before) or re.match(r"[-–]\w", after):
        return False
    if _INSTITUTION_WORD.match(after):
        return False
    capital = re.match(r"\s+(?=[A-ZÆØÅ])", after)
    return capital is None or hit.end + capital.end() in starts


def _addresses(text: str) -> list[tuple[int, int]]:
    """Spans of the e-mail and web addresses in `text`. `_ADDRESS` backtracks over every
    word, and most texts have no address, so it only runs on a text with a '@', '://' or
    'www.' (every address has one)."""
    if "@" not in text and "://" not in text and not _WWW.search(text):
        return []
    return [m.span() for m in _ADDRESS.finditer(text)]


def _inside(hit: _Hit, spans: list[tuple[int, int]]) -> bool:
    return any(start <= hit.start and hit.end <= end for start, end in spans)


def _longest_first(hits: list[_Hit]) -> list[_Hit]:
    """Non-overlapping hits, longer ones chosen first, returned in text order."""
    chosen: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if all(hit.end <= other.start or hit.start >= other.end for other in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


# --- small helpers ---------------------------------------------------------------------------


def _allowed(entries: Iterable[Entry], allowed: frozenset[str] | None) -> list[Entry]:
    return list({e.id: e for e in entries if allowed is None or e.kind in allowed}.values())


def _sorted_words(text: str) -> str:
    """`fuzz.ratio` of two texts with sorted words is their `fuzz.token_sort_ratio`."""
    return " ".join(sorted(text.split()))


def _score(whole: float, distinctive: str, target: _Candidate) -> float:
    """The lower of the whole-name similarity (`whole`, the token_sort_ratio of the two
    normalised names) and the distinctive-part similarity (see module doc)."""
    if not distinctive or not target.distinctive:
        return whole if distinctive == target.distinctive else 0.0
    return min(whole, fuzz.token_sort_ratio(distinctive, target.distinctive))


def _resolved(written: str, entry: Entry, method: Method, score: float) -> Resolution:
    ref = OrgRef(entry.name, entry.id, entry.kind, as_written=written, parent=entry.parent)
    return Resolution(ref, method, score, entry)


def _unresolved(written: str, score: float) -> Resolution:
    name = clean(written)
    return Resolution(
        OrgRef(name, None, guess_kind(name), as_written=written), "unresolved", score, None
    )
