"""The parser's shortcuts give the same answers as the plain ways they replace.

Each shortcut exists for speed only (bench/ingest_parse.py): the vocabulary's prefix tree
(one flat alternation of every label), the fuzzy resolver's pruned scan (a score for
every target), the resolver's memory of names, and the document's precomputed plain text.
Here each is compared with a straightforward version of what it replaced.
"""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from kompetansekart.ingest.document import Document, plain
from kompetansekart.ingest.records import Line
from kompetansekart.ingest.resolve import (
    _BLOCKS,
    AMBIGUITY_MARGIN,
    SHORT,
    Resolver,
    _distinctive,
    guess_kind,
    normalise,
)
from kompetansekart.ingest.vocab import _KEY_CHARS, Vocabulary

VOCABS = (Vocabulary.themes(), Vocabulary.target_groups(), Vocabulary.schemes())
LABELS = sorted({label for vocab in VOCABS for c in vocab for label in c.labels})
RESOLVER = Resolver()
NAMES = sorted({name for entry in RESOLVER.gazetteer for name in entry.names})


def flat_candidates(vocab: Vocabulary, text: str) -> list[tuple[int, int, str]]:
    """The matcher before the prefix tree: every label in one flat alternation."""
    labels = vocab._labels
    pattern = re.compile(
        r"(?<!\w)(?=(?:" + "|".join(f"({lab.source})" for lab in labels) + "))", re.IGNORECASE
    )
    return [
        (m.start(m.lastindex), m.end(m.lastindex), labels[m.lastindex - 1].text)
        for m in pattern.finditer(text)
    ]


def tree_candidates(vocab: Vocabulary, text: str) -> list[tuple[int, int, str]]:
    return [(start, end, label.text) for start, end, label in vocab._candidates(text)]


# Label words and their variants (case, endings, other separators), glued by words and
# punctuation that are not labels, so labels meet, overlap and run on into each other.
label_text = st.lists(
    st.one_of(
        st.sampled_from(LABELS),
        st.sampled_from(LABELS).map(str.upper),
        st.sampled_from(LABELS).map(str.lower),
        st.sampled_from(LABELS).map(lambda s: s.replace(" ", "-\n")),
        st.sampled_from(LABELS).map(lambda s: s[: max(1, len(s) // 2)]),
        st.sampled_from(["en", "ene", "s", "et", " og ", "/", "-", " ", "\n", ". ", "Å", "ſ"]),
        st.text(alphabet="abcdeiklnorsæøåKIS -", max_size=6),
    ),
    max_size=25,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(label_text)
def test_the_prefix_tree_finds_what_the_flat_alternation_finds(text: str) -> None:
    for vocab in VOCABS:
        assert tree_candidates(vocab, text) == flat_candidates(vocab, text)


def test_the_prefix_tree_on_every_label_in_every_case() -> None:
    text = "\n".join(f"{lab} {lab.upper()} {lab.lower()}s x{lab}" for lab in LABELS)
    for vocab in VOCABS:
        assert tree_candidates(vocab, text) == flat_candidates(vocab, text)


def test_key_letters_match_disjoint_characters_ignoring_case() -> None:
    """The tree relies on it: at most one guard of a level can pass (vocab._KEY_CHARS)."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    owner: dict[str, str] = {}
    for key in sorted(_KEY_CHARS):
        for char in re.findall(re.escape(key), every, re.IGNORECASE):
            assert char not in owner, f"{char!r} matches both {owner[char]!r} and {key!r}"
            owner[char] = key


# Labels whose first word holds a letter the tree cannot branch on ("ı", "ſ", "é", "."):
# under re.IGNORECASE "ı" matches "i" and "ſ" matches "s", so such a label must still be
# tried, in its place, wherever a longer key could match.
ODD = Vocabulary.from_csv(
    "id,pref_label_nb,pref_label_en,alt_labels,broader,note\n"
    "a,pıx og mer,a,ſkole for alle;é.b test;KI-løft for alle,,\n"
    "b,pix,b,skole;ébc;KIL,,\n"
    "c,p,c,é;k,,\n",
    source="odd.csv",
)


def test_the_prefix_tree_with_letters_it_cannot_branch_on() -> None:
    text = "pıx og mer pix PIX ſkole for alle skole é.b test ébc éb KI-løft for alle KIL k p"
    assert tree_candidates(ODD, text) == flat_candidates(ODD, text)
    assert [hit.concept for hit in ODD.find("pıx og mer")] == ["a"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="pıixſskoléb.KIL og-mr", max_size=30))
def test_the_prefix_tree_with_odd_letters_on_any_text(text: str) -> None:
    assert tree_candidates(ODD, text) == flat_candidates(ODD, text)


def scan_all(resolver: Resolver, name: str, allowed: frozenset[str] | None):
    """The fuzzy resolver before pruning: score every target, rank every entry."""
    key = normalise(name)
    if len(key) <= SHORT:
        return None, 0.0
    block = _BLOCKS.get(guess_kind(name) or "")
    if block is not None:
        allowed = block if allowed is None else allowed & block
    distinctive = _distinctive(key, tolerant=True)
    best: dict[str, tuple[float, str]] = {}
    for target in resolver._fuzzy:
        if allowed is not None and target.entry.kind not in allowed:
            continue
        whole = fuzz.token_sort_ratio(key, target.whole)
        if not distinctive or not target.distinctive:
            score = whole if distinctive == target.distinctive else 0.0
        else:
            score = min(whole, fuzz.token_sort_ratio(distinctive, target.distinctive))
        if score > best.get(target.entry.id, (-1.0, ""))[0]:
            best[target.entry.id] = (score, target.entry.id)
    ranked = sorted(best.values(), key=lambda pair: pair[0], reverse=True)
    if not ranked or ranked[0][0] < resolver.threshold:
        return None, ranked[0][0] if ranked else 0.0
    if len(ranked) > 1 and ranked[1][0] >= ranked[0][0] - AMBIGUITY_MARGIN:
        return None, ranked[0][0]
    return ranked[0][1], ranked[0][0]


def typos(name: str) -> list[str]:
    return [name[:i] + name[i + 1 :] for i in range(1, len(name), 3)] + [name + "e", name[::-1]]


KINDS = (None, frozenset({"kommune"}), frozenset({"uh", "uh_enhet"}), frozenset({"skole"}))


def test_the_pruned_fuzzy_scan_ranks_like_a_full_scan() -> None:
    for name in NAMES:
        for written in typos(name):
            for allowed in KINDS:
                res = RESOLVER._fuzzy_resolve(written, normalise(written), allowed)
                expected = scan_all(RESOLVER, written, allowed)
                assert (res.ref.id, res.score) == expected, (written, allowed)


@given(st.text(alphabet="abdeiklmnorsuæøå -", min_size=5, max_size=30))
def test_the_pruned_fuzzy_scan_on_any_name(written: str) -> None:
    res = RESOLVER._fuzzy_resolve(written, normalise(written), None)
    assert (res.ref.id, res.score) == scan_all(RESOLVER, written, None)


def test_a_remembered_name_resolves_as_a_new_one() -> None:
    resolver = Resolver()
    for name in [*NAMES[:40], "Bodø kommmune", "Jensvoll barnehage AS"]:
        for kinds in (None, ["kommune"], ("uh", "uh_enhet")):
            first = resolver.resolve(name, kinds)
            assert resolver.resolve(name, kinds) == first
            assert Resolver().resolve(name, kinds) == first


@given(st.lists(st.text(alphabet=" \t*ab\u00a0\u202fø", max_size=12), max_size=8))
def test_the_document_keeps_each_lines_plain_text(texts: list[str]) -> None:
    lines = [Line(no, text) for no, text in enumerate(texts, start=1)]
    doc = Document.from_lines("x.txt", "txt", lines)
    for i, line in enumerate(doc.lines):
        assert doc.plain(i) == plain(line.text)
    assert doc.normalised_text == "\n".join(plain(line.text) for line in doc.lines)
    for start in range(-len(doc), len(doc) + 1):
        for end in range(start, len(doc) + 1):
            expected = "\n".join(plain(doc.lines[i].text) for i in range(start, max(start, end)))
            assert doc.block(start, end) == expected
