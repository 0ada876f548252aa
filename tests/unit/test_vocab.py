"""Tests of the theme and target-group vocabularies and their matcher (ingest/vocab.py)."""

from __future__ import annotations

import csv
import io
import itertools
import re
from importlib.resources import files

import pytest
from conftest import shared_dir
from hypothesis import given, settings
from hypothesis import strategies as st

from kompetansekart.ingest.vocab import (
    COLUMNS,
    TARGET_GROUP_STOPS,
    THEME_STOPS,
    Concept,
    Hit,
    Vocabulary,
    VocabularyError,
    norm,
)

CORPUS = shared_dir() / "corpus"  # ../shared, or $KOMPETANSEKART_SHARED
THEMES = Vocabulary.themes()
GROUPS = Vocabulary.target_groups()
VOCABS = {"themes.csv": THEMES, "target_groups.csv": GROUPS}

# Labels that name two concepts on purpose (rule 6 in the module docstring).
TWO_CONCEPT_LABELS = {
    "KI og vurdering": ["kunstig-intelligens", "vurdering"],
    "kunstig intelligens og vurdering": ["kunstig-intelligens", "vurdering"],
    "KI/vurdering": ["kunstig-intelligens", "vurdering"],
    "vurdering og KI": ["vurdering", "kunstig-intelligens"],
}


def _rows(filename: str) -> list[dict[str, str]]:
    text = files("kompetansekart.ontology").joinpath("data", filename).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _all_labels() -> list[tuple[str, str, str]]:
    return [
        (name, concept.id, label)
        for name, vocab in VOCABS.items()
        for concept in vocab
        for label in concept.labels
    ]


def _concept(id: str, pref: str, alts: tuple[str, ...] = (), broader: str | None = None) -> Concept:
    return Concept(id, pref, pref, alts, broader)


# -- the data files ---------------------------------------------------------------------


@pytest.mark.parametrize("filename", VOCABS)
def test_csv_has_the_agreed_columns(filename: str) -> None:
    text = files("kompetansekart.ontology").joinpath("data", filename).read_text("utf-8")
    assert tuple(next(csv.reader(io.StringIO(text)))) == COLUMNS


@pytest.mark.parametrize("filename", VOCABS)
def test_ids_are_unique_ascii_slugs(filename: str) -> None:
    ids = [row["id"] for row in _rows(filename)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids), ids


@pytest.mark.parametrize("filename", VOCABS)
def test_every_row_becomes_a_concept(filename: str) -> None:
    assert [c.id for c in VOCABS[filename]] == [row["id"] for row in _rows(filename)]


@pytest.mark.parametrize("filename", VOCABS)
def test_pref_label_is_not_repeated_as_alt_label(filename: str) -> None:
    """SKOS requires prefLabel and altLabel of one concept to be disjoint."""
    for concept in VOCABS[filename]:
        assert norm(concept.pref_label) not in {norm(a) for a in concept.alt_labels}, concept.id


@pytest.mark.parametrize("filename", VOCABS)
def test_broader_names_a_concept_of_the_same_vocabulary(filename: str) -> None:
    vocab = VOCABS[filename]
    for concept in vocab:
        if concept.broader is not None:
            assert vocab.get(concept.broader).id == concept.broader


@pytest.mark.parametrize(
    ("filename", "concept", "label"),
    _all_labels(),
    ids=[f"{c}:{lab}" for _, c, lab in _all_labels()],
)
def test_every_label_maps_back_to_its_own_concept(filename: str, concept: str, label: str) -> None:
    """No label is hidden by another concept's label or by a stop, and none splits by accident."""
    vocab = VOCABS[filename]
    assert vocab.ids_in(label) == TWO_CONCEPT_LABELS.get(label, [concept])
    if label not in TWO_CONCEPT_LABELS:
        assert vocab.find(label) == [Hit(concept, 0, len(label), label)]


# -- variants the matcher must recognise -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Adferdsuttrykk som utfordrer", "atferd"),
        ("- Adferdsuttrykk for utfordrer", "atferd"),
        ("arbeid med atferd i barnegruppa", "atferd"),
        ("utfordringer knyttet til adferd", "atferd"),
        ("Finnmark melder om atferdsutfordringer", "atferd"),
        ("Bekymringsfullt fravær", "fravaer"),
        ("elever med bekymringsfullt skolefravær", "fravaer"),
        ("for eksempel høyt skolefravær", "fravaer"),
        ("profesjonelle læringsfellesskap", "profesjonsfellesskap"),
        ("etablere profesjonelle læringsfelleskap i egen barnehage", "profesjonsfellesskap"),
        ("trygt og godt skolemiljø", "trygt-skolemiljo"),
        ("TILTAK 2: TRYGT OG GODT SKOLEMILJØ", "trygt-skolemiljo"),
        ("trygt og godt barnehage- og skolemiljø", "trygt-skolemiljo"),
        ("Lesing og skriving", "lesing-skriving"),
        ("- Lesing", "lesing-skriving"),
        ("skriving i alle fag", "lesing-skriving"),
        ("Bruk av KI i undervisningen", "kunstig-intelligens"),
        ("kunstig intelligens", "kunstig-intelligens"),
        ("Fagfornyelsen - skolebasert kompetanseutvikling", "fagfornyelsen"),
        ("krav i LK 2020", "fagfornyelsen"),
        ("Fådeltskoledidaktikk", "fadeltskole"),
        ("Læringsmiljø og gruppedynamikker", "laeringsmiljo"),
        ("vurdering for læring", "vurdering"),
        ("god vurderingspraksis", "vurdering"),
        ("underveisvurdering", "vurdering"),
    ],
)
def test_theme_variants(text: str, expected: str) -> None:
    assert expected in THEMES.ids_in(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gruppeledere (teamledere og ped.ledere) i skolene og barnehagene",
            ["gruppeledere", "pedagogiske-ledere"],
        ),
        ("rektorer, styrere, skoleledere og mellomledere", ["ledere"]),
        ("Ledere i barnehage og skole", ["ledere"]),
        ("lærere og grunnskolelærere", ["laerere"]),
        ("pedagogiske ledere og ped. ledere", ["pedagogiske-ledere"]),
        ("alle ansatte, samtlige ansatte, alle skolens ansatte, hele personalet", ["alle-ansatte"]),
        ("PPT, PP-tjenesten og andre PP-tjenester", ["ppt"]),
        ("spesialpedagogisk fagteam", ["spesialpedagogisk-fagteam"]),
        ("fagsamling for skolenes plangruppe", ["plangruppe"]),
        ("nettverk for ressurslærere", ["ressurslaerere"]),
        ("barnehage og skoleeier", ["eiere"]),
        ("assistenter og fagarbeidere", ["assistenter"]),
        ("alle ansatte i skole, inkludert SFO", ["alle-ansatte", "sfo"]),
    ],
)
def test_target_group_variants(text: str, expected: list[str]) -> None:
    assert GROUPS.ids_in(text) == expected


# -- false positives that would mislead an adviser --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Vurdering av behov",
        "1. Vurdering av behov (inkluderende prosesser)",
        "Hva skal tilskuddet brukes til? Vurdering/analyse",
        "Analyse/vurdering av behov",
        "4. Vurdering av måloppnåelse",
        "etter en faglig vurdering",
        "Gjennomføring av tiltak",
        "analyse, planlegging og gjennomføring",
        "Læringsmiljøsenteret, Universitetet i Stavanger",
        "Kompetanseløftet for spesialpedagogikk og inkluderende praksis",
        "i fravær av en felles plan",
        "prosjektledelse og faglig sparring",
        "forlesing",
        "lekser",
        "etter regning",
        "ki",
        "Ki",
        "KIRKE",
        "digitale treffpunkter og en digital nettressurs",
    ],
)
def test_no_theme_in_phase_names_and_lookalikes(text: str) -> None:
    assert THEMES.ids_in(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "rektorutdanningene",
        "Skolelederforbundet",
        "lærerutdanningen",
        "Funksjon: Seniorrådgiver",
        "ppt",
        "sfo",
        "som leder arbeidet",
        "ansatte ved fakultet for lærerutdanning",
    ],
)
def test_no_target_group_in_lookalikes(text: str) -> None:
    assert GROUPS.ids_in(text) == []


@pytest.mark.parametrize(("stops", "vocab"), [(THEME_STOPS, THEMES), (TARGET_GROUP_STOPS, GROUPS)])
def test_every_stop_hides_what_it_contains(stops: tuple[str, ...], vocab: Vocabulary) -> None:
    for stop in stops:
        assert vocab.find(stop) == [], stop


# -- the matching rules -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("klasseledelse", ["klasseledelse"]),
        ("klasseledelsen og ledelse", ["klasseledelse", "ledelse"]),
        ("ledelse", ["ledelse"]),
        ("språkmodellene", ["kunstig-intelligens"]),
        ("inkluderende skole- og barnehagemiljø", ["inkludering"]),
        ("lese- og skrivevansker", ["laeringsvansker"]),
    ],
)
def test_longest_match_wins(text: str, expected: list[str]) -> None:
    assert THEMES.ids_in(text) == expected


def test_ki_and_vurdering_are_two_themes_with_their_own_spans() -> None:
    assert THEMES.find("KI og vurdering") == [
        Hit("kunstig-intelligens", 0, 2, "KI"),
        Hit("vurdering", 6, 15, "vurdering"),
    ]
    text = "innen kunstig intelligens og \n\nvurdering, med fokus"
    assert [h.matched for h in THEMES.find(text)] == ["kunstig intelligens", "vurdering"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lesingen", ["lesing-skriving"]),  # runs on to the word's end
        ("språket", ["sprak"]),
        ("språklig utvikling", ["sprak"]),  # decided: "språklig" is about language here
        ("adferdsuttrykk", ["atferd"]),
        ("lesekurs", []),  # decided: "lese" is not a label (it would match "leser")
        ("KI-verktøy", ["kunstig-intelligens"]),  # abbreviations end at the word's end...
        ("KIs rolle", ["kunstig-intelligens"]),  # ...but take a lower-case ending
        ("KIS", []),
    ],
)
def test_word_start_and_end(text: str, expected: list[str]) -> None:
    assert THEMES.ids_in(text) == expected


def test_spaces_line_breaks_and_hyphens_are_interchangeable() -> None:
    text = "et trygt  og\ngodt barnehage-\nog skolemiljø"
    assert THEMES.find(text) == [Hit("trygt-skolemiljo", 3, len(text), text[3:])]
    assert THEMES.ids_in("trygt og godt barnehage og skolemiljø") == ["trygt-skolemiljo"]


def test_capital_abbreviations_are_case_sensitive_and_other_labels_are_not() -> None:
    assert GROUPS.ids_in("henvisninger til PPT") == ["ppt"]
    assert GROUPS.ids_in("SFO-en og SFOen") == ["sfo"]
    assert THEMES.ids_in("KUNSTIG INTELLIGENS") == ["kunstig-intelligens"]
    assert THEMES.ids_in("LESING") == ["lesing-skriving"]


def test_ids_in_is_unique_and_in_order_of_first_appearance() -> None:
    text = "Lesing, så klasseledelse, mer lesing og KI, igjen klasseledelse og KI"
    assert THEMES.ids_in(text) == ["lesing-skriving", "klasseledelse", "kunstig-intelligens"]
    hits = THEMES.find(text)
    assert [h.start for h in hits] == sorted(h.start for h in hits)
    assert all(text[h.start : h.end] == h.matched for h in hits)
    assert len(hits) == 6


def test_empty_text_has_no_hits() -> None:
    assert THEMES.find("") == []
    assert GROUPS.ids_in("") == []


# -- the Vocabulary API -----------------------------------------------------------------


def test_packaged_vocabularies_are_loaded_once() -> None:
    assert Vocabulary.themes() is Vocabulary.themes()
    assert Vocabulary.target_groups() is Vocabulary.target_groups()


def test_schemes_load_with_the_same_matcher() -> None:
    """ingest.pipeline reads the schemes through this class too."""
    assert Vocabulary.schemes() is Vocabulary.schemes()
    assert Vocabulary.schemes().ids_in("Dekom og REKOM") == ["desentralisert", "regional"]


def test_same_key_twice_in_one_concept_is_kept_once() -> None:
    vocab = Vocabulary([_concept("a", "Rekom", ("REKOM", "rekom"))])
    assert vocab.ids_in("REKOM og Rekom") == ["a"]


def test_get_iter_and_len() -> None:
    atferd = THEMES.get("atferd")
    assert atferd.pref_label == "Atferd som utfordrer"
    assert atferd.broader == "hoyfrekvente-vansker"
    assert "adferd" in atferd.alt_labels
    assert len(THEMES) == len(list(THEMES)) == len(_rows("themes.csv"))
    with pytest.raises(KeyError, match="nope"):
        THEMES.get("nope")


def test_from_csv_reads_rows() -> None:
    text = "id,pref_label_nb,pref_label_en,alt_labels,broader,note\na,Alfa,Alpha,alfaer;ALF,,x\n"
    vocab = Vocabulary.from_csv(text, source="t.csv")
    assert vocab.get("a") == Concept("a", "Alfa", "Alpha", ("alfaer", "ALF"), None, "x")


@pytest.mark.parametrize(
    ("concepts", "message"),
    [
        ([_concept("a", "alfa"), _concept("a", "beta")], "duplicate id"),
        ([_concept("A b", "alfa")], "not an ASCII slug"),
        ([_concept("a", "alfa"), _concept("b", "beta", ("Alfa",))], "is the same as"),
        ([_concept("a", "barnehage- og skole"), _concept("b", "barnehage og skole")], "same as"),
        ([_concept("a", "alfa", broader="b")], "unknown broader"),
        ([_concept("a", "alfa", broader="b"), _concept("b", "beta", broader="a")], "cycle"),
        ([_concept("a", "-alfa")], "must start and end"),
    ],
)
def test_bad_vocabularies_are_refused(concepts: list[Concept], message: str) -> None:
    with pytest.raises(VocabularyError, match=message):
        Vocabulary(concepts)


def test_a_stop_may_not_equal_a_label() -> None:
    with pytest.raises(VocabularyError, match="same as"):
        Vocabulary([_concept("a", "alfa")], stops=["Alfa"])


def test_bad_csv_names_the_source() -> None:
    with pytest.raises(VocabularyError, match=r"t\.csv: columns"):
        Vocabulary.from_csv("id,label\na,b\n", source="t.csv")
    with pytest.raises(VocabularyError, match=r"t\.csv:2: empty pref_label_en"):
        Vocabulary.from_csv(",".join(COLUMNS) + "\na,Alfa,,,,\n", source="t.csv")


# -- property: find is sound on any text ----------------------------------------------

_LABELS = sorted({label for _, _, label in _all_labels()} | set(THEME_STOPS + TARGET_GROUP_STOPS))
_FRAGMENT = st.one_of(
    st.text(max_size=12),
    st.sampled_from(_LABELS),
    st.sampled_from(_LABELS).map(str.upper),
    st.sampled_from([" ", "\n", "-", " og ", "/", "s", "en", "for"]),
)


@settings(max_examples=300, deadline=None)
@given(text=st.lists(_FRAGMENT, max_size=12).map("".join))
def test_find_returns_sound_spans_on_any_text(text: str) -> None:
    for vocab in VOCABS.values():
        hits = vocab.find(text)
        ids = {c.id for c in vocab}
        for hit in hits:
            assert 0 <= hit.start < hit.end <= len(text)
            assert text[hit.start : hit.end] == hit.matched
            assert hit.concept in ids
        for before, after in itertools.pairwise(hits):
            assert before.end <= after.start
        assert vocab.ids_in(text) == list(dict.fromkeys(h.concept for h in hits))


# -- the real samples -------------------------------------------------------------------

EXPECTED_THEMES = {
    "000": {"klasseledelse", "psykisk-helse", "kunstig-intelligens", "vurdering",
            "trygt-skolemiljo", "profesjonsfellesskap", "laget-rundt-barnet"},
    "001": {"profesjonsfellesskap", "ledelse", "fagfornyelsen"},
    "002": {"trygt-skolemiljo", "fravaer", "inkludering", "lesing-skriving", "fadeltskole",
            "kvalitetsutvikling"},
    "003": {"fagfornyelsen", "profesjonsfellesskap"},
    "004": {"atferd", "sprak", "lek-samspill", "lesing-skriving", "fravaer",
            "hoyfrekvente-vansker", "pedagogisk-analyse", "laeringsmiljo",
            "tilpasset-opplaering"},
}  # fmt: skip
# Themes a careful reader does not see, though a naive matcher would.
ABSENT_THEMES = {
    "000": {"gjennomforing-overganger"},  # "Fase: Gjennomføring av tiltak"
    "001": set(),
    "002": {"vurdering", "gjennomforing-overganger", "laeringsmiljo"},  # phases; the centre
    "003": {"vurdering"},
    "004": {"vurdering", "gjennomforing-overganger", "digital-kompetanse"},  # "Digital nettressurs"
}
EXPECTED_GROUPS = {
    "000": {"laerere", "ledere", "ppt"},
    "001": {"laerere", "ledere"},
    "002": {"plangruppe", "gruppeledere", "alle-ansatte", "ppt", "sfo", "ledere"},
    "003": {"ressurslaerere", "ppt", "ledere"},
    "004": {"gruppeledere", "pedagogiske-ledere", "ledere", "alle-ansatte", "ppt",
            "spesialpedagogisk-fagteam"},
}  # fmt: skip


def _sample(prefix: str) -> str:
    if not CORPUS.is_dir():
        pytest.fail(f"sample corpus not found at {CORPUS}; deselect with -m 'not corpus'")
    paths = sorted(CORPUS.glob(f"{prefix}_*.txt"))
    assert len(paths) == 1, f"expected one sample {prefix}_*.txt in {CORPUS}, found {paths}"
    return paths[0].read_text(encoding="utf-8")


@pytest.mark.corpus
@pytest.mark.parametrize("prefix", sorted(EXPECTED_THEMES))
def test_themes_in_real_samples(prefix: str) -> None:
    found = set(THEMES.ids_in(_sample(prefix)))
    assert EXPECTED_THEMES[prefix] <= found
    assert not ABSENT_THEMES[prefix] & found


@pytest.mark.corpus
@pytest.mark.parametrize("prefix", sorted(EXPECTED_GROUPS))
def test_target_groups_in_real_samples(prefix: str) -> None:
    assert EXPECTED_GROUPS[prefix] <= set(GROUPS.ids_in(_sample(prefix)))
