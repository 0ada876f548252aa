"""Which record field a form's label means: the field vocabulary, read from data.

Every Statsforvalter office words its form its own way and changes it yearly, so the
labels are data (``ontology/data/fields.csv``, one row per label variant: field, label,
language, match), not code. A new form is new rows. Two kinds of row:

* ``label``: the label as a whole ("Eier", "Skuleeigar", "Navn på tiltak", "Tiltak {n}").
  It matches a label that says exactly this, whatever its case, spacing, numbering
  ("1.3", "a)", "-"), bold, trailing ``:``/``?`` or a parenthesis after it ("UH (SePU)").
  It also matches at the start of a line that has no separator ("Eier Bodø kommune",
  "Tiltakets varighet Vår 2024 ..."); such a split is only a candidate, which the
  structure pass keeps only when the value looks like a value of that field.
* ``phrase``: words inside a longer question ("Er behovsmeldingen **drøftet med
  tillitsvalgte**?"). Used when no whole label matches.

``{year}`` in a label stands for a four-digit year and ``{n}`` for a number; both are
captured ("Videreføring fra {year}" gives the year a continuation is from). One label may
mean several fields ("Eier" is the owner, or the owner's amount): the candidates are kept
in file order and the reader picks the first whose value fits (a name or an amount).

Matching is by a normalised key (`key`), looked up in a dictionary, so a label costs one
lookup; line starts are tried only for lengths that some label starting with the line's
first word has; phrases are one regular expression searched in question-like labels.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib.resources import files

__all__ = ["LabelMatch", "Labels", "key", "split_note"]

COLUMNS = ("field", "label", "lang", "match", "note")
SHORT_COLUMNS = ("short", "words", "lang", "note")
# words a printout leaves out of a label ('DRØFTET TILLITSV' for 'Drøftet med
# tillitsvalgte'); a label without them still means what the whole label means
_SMALL_WORDS = frozenset(
    {"med", "i", "til", "for", "av", "pa", "om", "ved", "hos", "fra", "den", "det", "de"}
    | {"dei", "en", "ein", "et", "eit"}
)
_COUNTED = ("antall ", "tal pa ")

# a list marker, a section number or a footnote mark ('¹ Tildelt 2025')
_NUMBERING = re.compile(
    # an emoji or a symbol before a heading ('📌 Om partnarskapet', '🗂 Tiltak') too
    r"^(?:[-–•*·▪◦>▸▹►▶▾▼▿▻]+\s*|[\U0001F300-\U0001FAFF\u2600-\u27BF]+\s*|[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*|\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s+|\(?[a-hA-H][.)]\s+|"
    r"del\s+[a-hA-H\d]{1,2}[.:]?\s+|[ivxIVX]{1,4}[.)]\s+)+"
)
_NOTE = re.compile(r"\s*\(([^()]*)\)\s*$")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_NUMBER = re.compile(r"(?<![\d{])\d{1,2}(?![\d}])")
_SPACE = re.compile(r"\s+")
_SLASH = re.compile(r"\s*/\s*")
_TRAIL = re.compile(r"[\s:?.,;*_=]+$")
_LEAD = re.compile(r"^[\s*_]+")
_FIRST_WORD = re.compile(r"\w+")
_TEXT_WORD = re.compile(r"\w+")
_UNIT = re.compile(
    r"(?:,?\s+(?:i\s+)?(?:kr\.?|kroner|nok)|\s*\((?:i\s+)?(?:kr\.?|kroner|nok)\)|-(?:kr|nok))\s*$",
    re.I,
)
_PLACEHOLDER = re.compile(r"\{(year|n)\}")
# a survey's instruction after its question ('Når gjennomføres tiltaket? Flere svar
# mulig', '… (velg ett alternativ)'): no part of the label
_INSTRUCTION = re.compile(
    r"[\s?.:]*\(?\s*(?:(?:flere|fleire)\s+svar\s+(?:er\s+)?(?:mulig|mogleg|mogeleg)"
    r"|(?:velg|vel)\s+(?:ett|eitt)(?:\s+eller\s+(?:flere|fleire))?(?:\s+(?:alternativ(?:er)?|svar))?)"
    r"\s*\)?[\s.]*$",
    re.I,
)
_MONEY_FIELDS = frozenset({"owner_amount", "uh_amount", "total_amount", "coordinator_amount"})
_INFLECTION = re.compile(r"(?<=\w)\((?:er|ar|r|e|n|ene|a)\)")


def split_note(label: str) -> tuple[str, str | None]:
    """'UH (SePU)' -> ('UH', 'SePU'); 'Eiers andel (kr)' -> ('Eiers andel', 'kr')."""
    found = _NOTE.search(label)
    if found is None or found.start() == 0:
        return label, None
    return label[: found.start()], found.group(1).strip() or None


@lru_cache(maxsize=1 << 16)
def strip_numbering(text: str) -> str:
    """A label without its list marker or numbering ('1.3 Eier', '- Eigar', 'a) Mål')."""
    return _NUMBERING.sub("", text, count=1)


_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", "ä": "ae", "ö": "o"})
_MACHINE = re.compile(r"^[\w.\[\]-]+$")
_INDEX = re.compile(r"\[(\d+)\]")
_FIELD_NO = re.compile(
    r"^(?:felt|field|spørsmål|sporsmal|question|sp\.)\s*\d+[a-z]?\s*\(([^()]+)\)", re.I
)


def machine_label(label: str) -> str:
    """A machine key as words: 'tiltak[0].belop_eier' -> 'tiltak 1 belop eier' (a
    zero-based index becomes the measure's number), 'owner_contact_email' -> 'owner
    contact email'; 'Felt 4 (Ordning)' -> 'Ordning'. Other labels are returned as they are."""
    field_no = _FIELD_NO.match(label.strip())
    if field_no:
        return field_no.group(1)
    if not _MACHINE.match(label) or not re.search(r"[_.\[]", label):
        return label
    text = _INDEX.sub(lambda m: f" {int(m.group(1)) + 1} ", label).replace("[]", "")
    return " ".join(re.split(r"[_.\s]+", text)).strip()


# pictographs and their variation selectors (emoji a wiki puts after a property's name);
# not the boxes and ticks of U+2610–2612 and U+2713–2718, which mark choices
_PICTOGRAPHS = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u260f\u2614-\u2712\u2719-\u27bf\ufe0f\u200d]"
)


@lru_cache(maxsize=1 << 16)
def key(label: str) -> str:
    """The comparison key of a label: case, spacing, bold, numbering, trailing
    punctuation and æ/ø/å written as ae/o/a do not matter; years become {year} and small
    numbers {n}."""
    text = unicodedata.normalize("NFC", label).replace("**", "").replace("\u00ad", "")
    if "- " in text:
        text = _BROKEN_WORD.sub(r"\1", text)  # 'Kompetanse- miljø': a cell's word broken
    if not text.isascii():
        text = _PICTOGRAPHS.sub("", text)  # 'Eier 🏛️', 'Nettverk 🕸️': a wiki's icons
    text = machine_label(_INSTRUCTION.sub("", text).rstrip(" *"))  # 'Org.nr.*': required
    text = text.replace("–", "-").replace("—", "-").casefold().translate(_FOLD)
    if "(" in text or "," in text:
        # 'Kontaktperson(er) UH', 'E-post, UH': a plural's ending and a comma between the
        # words of a label do not make another label
        text = _INFLECTION.sub("", text).replace(",", " ")
    text = text.replace("aa", "a")  # 'aar', 'maalgruppe': å written as aa in a machine key
    text = _LEAD.sub("", text)
    text = strip_numbering(text)
    text = _TRAIL.sub("", text)
    text = _SLASH.sub("/", _SPACE.sub(" ", text)).strip()
    text = _uh_words(text)
    text = _YEAR.sub("{year}", text)
    return _NUMBER.sub("{n}", text)


# 'universitetets/høgskolens', 'universitet eller høgskule', 'UH-': one word, so every
# form of 'the UH' in a label is the same label ('Kontaktperson ved universitet/høgskole'
# = 'Kontaktperson hos UH', 'Universitetets/høgskolens andel' = 'UH andel')
_UH_WORDS = re.compile(
    r"\buniversitet(?:et|ets|s)?(?:/| eller | og )h(?:o|oy)[gy]?sk(?:o|u)le(?:n|ns|s)?\b"
)
_UH_AT = re.compile(r"\b(?:ved|hos|pa|i)\s+uh\b")


def _uh_words(text: str) -> str:
    text = _UH_WORDS.sub("uh", text)
    return _UH_AT.sub("hos uh", text)


@dataclass(frozen=True)
class LabelMatch:
    """What a label means: candidate fields (first fitting wins), and what it captured."""

    fields: tuple[str, ...]
    how: str  # "label" | "prefix" | "phrase"
    end: int = 0  # for "prefix": where the label ends in the text it was found in
    year: int | None = None
    number: int | None = None

    @property
    def field(self) -> str:
        return self.fields[0]

    def has(self, prefix: str) -> bool:
        return any(f == prefix or f.startswith(prefix + ".") for f in self.fields)

    def section(self) -> str | None:
        """The section kind this label names ('measure', 'budget', ...), if any."""
        for f in self.fields:
            if f.startswith("section:"):
                return f.split(":", 1)[1]
        return None


@dataclass(frozen=True)
class _Phrase:
    fields: tuple[str, ...]
    rx: re.Pattern[str]
    # the phrase's literal pieces (its words, without the {year}/{n} placeholders): a
    # text without every one of them cannot match, so the pattern is not tried there
    needles: tuple[str, ...] = ()


class Labels:
    """The field vocabulary, compiled for lookup."""

    def __init__(self, rows: list[dict[str, str]], short: dict[str, str] | None = None) -> None:
        # the same labels recur in every report of a batch, and a lookup is pure: each
        # instance remembers its answers (LabelMatch is frozen, so sharing one is safe)
        for name in ("exact", "prefix", "phrase", "meaning"):
            setattr(self, name, lru_cache(maxsize=1 << 16)(getattr(self, name)))
        exact: dict[str, list[str]] = defaultdict(list)
        phrases: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            k = key(row["label"])
            target = exact if row["match"] == "label" else phrases
            if row["field"] not in target[k]:
                target[k].append(row["field"])
        self._exact = {k: tuple(v) for k, v in exact.items()}
        # abbreviations by their key ('komm' -> 'kommunale'), and each label's key without
        # its small words where only one meaning has that shorter key
        self._short = {key(k): key(v) for k, v in (short or {}).items()}
        without: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        for k, v in self._exact.items():
            bare = _without_small_words(k)
            if bare != k and bare not in self._exact:
                without[bare].add(v)
        self._without_small = {k: next(iter(v)) for k, v in without.items() if len(v) == 1}
        # first word of a key -> the word counts of keys starting with it (longest first)
        lengths: dict[str, set[int]] = defaultdict(set)
        for k in self._exact:
            words = k.split(" ")
            lengths[words[0]].add(len(words))
        for row in rows:  # as written: 'Universitet eller høgskule' is three words of text
            written = _WORDS.findall(row["label"].replace("**", ""))
            if row["match"] == "label" and written:
                lengths[key(written[0])].add(len(written))
        self._lengths = {w: sorted(n, reverse=True) for w, n in lengths.items()}
        ordered = sorted(phrases.items(), key=lambda kv: -len(kv[0]))
        self._phrases = [_Phrase(tuple(v), _phrase_re(k), _needles(k)) for k, v in ordered]
        # a phrase can only match where its first word starts a word of the text: index
        # the phrases by (the first four letters of) that word, so a lookup tries a few
        self._by_start: dict[str, list[int]] = defaultdict(list)
        self._anywhere: list[int] = []
        for n, (k, _) in enumerate(ordered):
            first = _FIRST_WORD.match(k.translate(_FOLD))
            if first is None:
                self._anywhere.append(n)
            else:
                self._by_start[first.group()[:4]].append(n)

    def keyed(self) -> list[tuple[str, tuple[str, ...]]]:
        """(key, fields) of every whole label."""
        return list(self._exact.items())

    @classmethod
    @cache
    def load(cls) -> Labels:
        data = files("kompetansekart.ontology").joinpath("data")
        text = data.joinpath("fields.csv").read_text("utf-8")
        return cls.from_csv(text, data.joinpath("abbreviations.csv").read_text("utf-8"))

    @classmethod
    def from_csv(cls, text: str, short: str = "") -> Labels:
        reader = csv.DictReader(io.StringIO(text))
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"fields.csv must have the columns {', '.join(COLUMNS)}")
        rows = []
        for n, row in enumerate(reader, start=2):
            if row["match"] not in ("label", "phrase") or not row["field"] or not row["label"]:
                raise ValueError(f"fields.csv line {n}: needs field, label and match label|phrase")
            rows.append(row)
        return cls(rows, _abbreviations(short) if short else None)

    def exact(self, label: str) -> LabelMatch | None:
        """The meaning of a whole label ('Eier', 'E-post kontaktperson eier', 'UH (SePU)').

        A label about one measure ('Tiltak 2 – målgruppe', 'tiltak[1].belop_eier',
        'Målgruppe for tiltak 2') means its field for that measure; a machine key whose
        leading words group fields ('enheter.kommunale_bhg') means what its last words do."""
        whole = len(label)
        k = key(label)
        fields = self._exact.get(k)
        if fields is None and _UNIT.search(k):
            # 'Eier kr', 'Sum (kr)', 'Beløp UH i kroner', 'eier_kr': the unit is not part of
            # the label
            label = _UNIT.sub("", machine_label(label))
            k = key(label)
            fields = self._exact.get(k)
        if fields is None:
            bare, note = split_note(label)
            if note is not None:
                k = key(bare)
                fields = self._exact.get(k)
        if fields is None and k.endswith(" {year}"):
            # 'Eier 2026', 'Sum 2027': a column of one year's figures; the label means its
            # field, and the year says which (see LabelMatch.year)
            fields = self._exact.get(k[: -len(" {year}")])
            if fields is not None and not set(fields) & _MONEY_FIELDS:
                fields = None
        if fields is None and k.endswith(" {n}") and not k.startswith("tiltak"):
            fields = self._exact.get(k[: -len(" {n}")])  # 'UH 1', 'Kontaktperson UH 2'
            if fields is not None and not set(fields) & _INDEXED:
                fields = None  # 'Kommunale barnehager 0' is a label and its count
        if fields is None:
            found = self._about_measure(k, label) or self._grouped(k, label)
            found = found or self._qualified(k, label, whole)
            return found or self._shortened(k, label, whole) or self._either(label, whole)
        return LabelMatch(fields, "label", whole, *_captured(label))

    def _either(self, label: str, whole: int) -> LabelMatch | None:
        """'Eigenandel/Eier (kr)': two names for one column; the label means what the
        names the vocabulary knows agree on (never one of two that disagree)."""
        head, sep, tail = label.partition("/")
        if not sep or "/" in tail or not head.strip() or not tail.strip():
            return None
        if len(head.split()) > 3 or len(tail.split()) > 3:
            return None  # 'Universitet/høgskole og eventuelt senter …': a phrase, not two names
        found = [(part, self.exact(part)) for part in (head, tail)]
        known = {m.fields for _, m in found if m is not None}
        if len(known) != 1 or any(m is None and len(p.split()) > 1 for p, m in found):
            return None  # 'Universitet/høgskule Nord universitet': a label and its value
        return LabelMatch(known.pop(), "label", whole, *_captured(label))

    def _shortened(self, k: str, label: str, whole: int) -> LabelMatch | None:
        """'ANT KOMM BARNEHAGER', 'DRØFTET TILLITSV', 'EIER-KR': a printout's short form
        of a label, with abbreviated words (abbreviations.csv), the label's small words
        left out ('med'), or 'antall' before a count's label ('Antall PPT')."""
        words = _GLUED_SHORT.sub(r"\1/ ", k).split()  # 'm/videreutdanning': 'm/' is a word
        longer = " ".join(self._short.get(w, self._short.get(w.rstrip("."), w)) for w in words)
        fields = self._exact.get(longer) or self._without_small.get(longer)
        if fields is None and longer.startswith(_COUNTED):
            counted = self._exact.get(longer.split(" ", 1)[1].removeprefix("pa "))
            if counted and all(f.startswith("units.") for f in counted):
                fields = counted  # only a count's label takes 'antall' before it
        return LabelMatch(fields, "label", whole, *_captured(label)) if fields else None

    def _qualified(self, k: str, label: str, whole: int) -> LabelMatch | None:
        """'Samlet beløp eier – desentralisert ordning': a label and, after a dash, what
        it is about (a scheme, a unit); the label decides the field, the fill pass reads
        the qualifier from the label as written."""
        head, sep, tail = k.rpartition(" - ")
        if not sep or not head:
            return None
        # 'Samlet beløp eier – desentralisert ordning', or the other way round:
        # 'Desentralisert ordning – skoleeier'
        fields = self._exact.get(head) if len(tail.split()) <= 4 else None
        if fields is None and len(head.split()) <= 4:
            fields = self._exact.get(tail)
        if fields is None or any(f.startswith("section:") for f in fields):
            return None
        return LabelMatch(fields, "label", whole, *_captured(label))

    def _about_measure(self, k: str, label: str) -> LabelMatch | None:
        m = _MEASURE_KEY.match(k) or _MEASURE_KEY_END.match(k)
        if m is None:
            return None
        fields = self._exact.get(m.group("rest").strip(" -:"))
        if fields is None or any(f.startswith("section:") for f in fields):
            return None
        year, number = _captured(label)
        return LabelMatch(fields, "label", len(label), year, number)

    def _grouped(self, k: str, label: str) -> LabelMatch | None:
        """'enheter.kommunale_bhg': leading words group the fields, the last words say
        which; not 'herav_reise_uh', a part of a figure, which is no UH field."""
        if not _MACHINE.match(label.strip()) or not re.search(r"[_.\[]", label):
            return None
        words = k.split(" ")
        if words[0] in _PART_WORDS:
            return None
        for start in range(1, len(words)):
            fields = self._exact.get(" ".join(words[start:]))
            if fields is not None:
                return LabelMatch(fields, "label", len(label), *_captured(label))
        return None

    def prefix(self, text: str) -> LabelMatch | None:
        """The longest label at the start of `text` that ends at a word boundary, e.g.
        'Tiltakets varighet' in 'Tiltakets varighet Vår 2024 Høst 2024'. `end` is the
        offset in `text` just after the label."""
        words = list(_WORDS.finditer(text))
        if not words:
            return None
        first = key(words[0].group())
        for n in self._lengths.get(first, ()):
            if n > len(words):
                continue
            end = words[n - 1].end()
            fields = self._exact.get(key(text[:end]))
            if fields is not None:
                # 'UH 1 UiT …', 'Kontaktperson UH 2 Berit …': the label's own index
                index = _INDEX_WORD.match(text, end)
                if index and any(f in _INDEXED for f in fields) and n < len(words):
                    end = index.end()
                return LabelMatch(fields, "prefix", end, *_captured(text[:end]))
        return None

    def phrase(self, text: str) -> LabelMatch | None:
        """The longest phrase of the vocabulary inside a question or long label."""
        lowered = unicodedata.normalize("NFC", text).replace("**", "").casefold().translate(_FOLD)
        shifted = False
        if "(" in lowered:
            bare = _INFLECTION.sub("", lowered)
            shifted, lowered = bare != lowered, bare
        lowered = _SLASH.sub("/", _SPACE.sub(" ", lowered.replace(",", " ")))
        same = _uh_words(lowered)
        moved = shifted or same != lowered  # offsets no longer those of the text
        lowered = same
        starts = {w[:n] for w in _TEXT_WORD.findall(lowered) for n in (1, 2, 3, 4)}
        tried = sorted({n for s in starts for n in self._by_start.get(s, ())} | set(self._anywhere))
        best: tuple[int, _Phrase, re.Match[str]] | None = None
        for p in (self._phrases[n] for n in tried):
            if not all(needle in lowered for needle in p.needles):
                continue
            found = p.rx.search(lowered)
            if found and (best is None or len(found.group()) > best[0]):
                best = (len(found.group()), p, found)
        if best is None:
            return None
        _, p, found = best
        groups = found.groupdict()
        year = int(groups["year"]) if groups.get("year") else _captured(text)[0]
        number = int(groups["n"]) if groups.get("n") else None
        if number is None:
            # 'Tiltak 1 - hvilken ordning gjelder tiltaket?': a question about measure 1
            measure = _MEASURE_FIRST.match(text)
            number = int(measure.group(1)) if measure else None
        # where the phrase ends, when it starts the text (offsets of the folded text match
        # the original's as long as no 'æ' came before it)
        at_start = found.start() == 0 and not moved
        end = found.end() if at_start and "æ" not in lowered[: found.end()] else 0
        return LabelMatch(p.fields, "phrase", end, year, number)

    def meaning(self, label: str) -> LabelMatch | None:
        """A delimited label's meaning: the whole label, else a phrase inside it."""
        found = None
        if "?." in label:
            # 'Hvor mange enheter er inkludert …?.Offentlige skoler': a survey grid's
            # question and, after '.', the row of the grid the column answers
            found = self.exact(label.rsplit("?.", 1)[1])
        found = found or self.exact(label) or self.phrase(label)
        if found is None and "; " in label:
            # '**UH (kr)**; Inkl. reise og opphald': a cell's label, and a paragraph of
            # help under it (a Word cell's paragraphs are joined with '; ')
            head = label.split("; ", 1)[0]
            found = self.exact(head)
        return _contact_part(found, label) if found is not None else None


# 'Kontaktperson hos UH: e-post', 'Kontaktperson hos eier - stilling': a contact's label
# and, last, which part of the contact the field holds
_CONTACT_PART = re.compile(
    r"[\s:,(–-]\s*(?P<part>e-?post(?:adresse)?|e-mail|telefon(?:nummer)?|tlf\.?|mobil|"
    r"stilling|funksjon|tittel|navn|namn)\)?\s*[?:]?\s*$",
    re.IGNORECASE,
)
_ANY_PART = re.compile(
    r"\b(?:e-?post|e-mail|telefon|tlf|mobil|stilling|funksjon|tittel|navn|namn)\b", re.I
)
_PART_FIELD = {"e": "email", "t": "phone", "m": "phone", "s": "function", "f": "function"}


def _contact_part(found: LabelMatch, label: str) -> LabelMatch:
    fields = found.fields
    if not fields or not all(f.startswith("contact.") for f in fields):
        return found
    m = _CONTACT_PART.search(label)
    if m is None or len(_ANY_PART.findall(label)) > 1:
        return found  # 'Kontaktperson (navn, e-post)': the parts the value holds
    word = m["part"].lower()
    part = "function" if word == "tittel" else _PART_FIELD.get(word[0], "name")
    moved = tuple(dict.fromkeys(f.rsplit(".", 1)[0] + "." + part for f in fields))
    return replace(found, fields=moved)


_WORDS = re.compile(r"[^\s:?]+")
_INDEX_WORD = re.compile(r"\s+\d{1,2}(?=\s+[A-ZÆØÅ])")
_INDEXED = frozenset(
    {
        "uh",
        "owner",
        "contact.uh.name",
        "contact.eier.name",
        "contact.any.name",
        "contact.uh.email",
        "contact.eier.email",
        "contact.uh.phone",
        "contact.eier.phone",
    }
)
_PART_WORDS = frozenset({"herav", "hvorav", "derav", "inkl", "inkludert"})
_MEASURE_KEY = re.compile(r"^tiltak(?:et)? (?:nr )?\{n\}[ :.\-]+(?P<rest>.+)$")
_MEASURE_KEY_END = re.compile(
    r"^(?P<rest>.+?) (?:for |i |til )?tiltak(?:et)?(?: (?:nr )?\{n\})?$"
)  # 'Målgruppe for tiltak 2', and inside a measure's part 'UH tiltak', 'Ordning tiltak'


_MEASURE_FIRST = re.compile(r"^\s*tiltak(?:et)?\s+(?:nr\.?\s*)?(\d{1,2})\s*[:.\-–]\s", re.I)
# a word broken over two lines of a narrow cell; not 'barnehage- og skoleeier'
_BROKEN_WORD = re.compile(r"(?<=\w)(\w)- (?!(?:og|eller|til|samt|and|or)\b)(?=[a-zæøå])")
_GLUED_SHORT = re.compile(r"\b([a-z])/(?=\w)")


def _without_small_words(k: str) -> str:
    return " ".join(w for w in k.split(" ") if w not in _SMALL_WORDS)


def _abbreviations(text: str) -> dict[str, str]:
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != SHORT_COLUMNS:
        raise ValueError(f"abbreviations.csv must have the columns {', '.join(SHORT_COLUMNS)}")
    out = {}
    for n, row in enumerate(reader, start=2):
        if not row["short"] or not row["words"]:
            raise ValueError(f"abbreviations.csv line {n}: needs short and words")
        out[row["short"]] = row["words"]
    return out


def _captured(text: str) -> tuple[int | None, int | None]:
    text = strip_numbering(machine_label(text.replace("**", "").strip()))
    year = _YEAR.search(text)
    number = _NUMBER.search(_YEAR.sub("", text))
    return (int(year.group()) if year else None, int(number.group()) if number else None)


def _needles(k: str) -> tuple[str, ...]:
    return tuple(part for part in re.split(r"\{year\}|\{n\}| ", k.translate(_FOLD)) if part)


def _phrase_re(k: str) -> re.Pattern[str]:
    parts = []
    last = 0
    for m in _PLACEHOLDER.finditer(k):
        parts.append(re.escape(k[last : m.start()]))
        parts.append(r"(?P<year>(?:19|20)\d{2})" if m.group(1) == "year" else r"(?P<n>\d{1,2})")
        last = m.end()
    parts.append(re.escape(k[last:]))
    body = "".join(parts).replace("\\ ", " ").translate(_FOLD)
    # the last word may take an inflection ('samiske perspektiv' in '... perspektivene')
    return re.compile(rf"(?<!\w){body}\w{{0,3}}(?!\w)")
