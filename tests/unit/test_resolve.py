"""Name resolution: spellings of one body meet, similar but distinct bodies stay apart,
and unknown names stay unknown (id None, kind guessed from the name's form)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kompetansekart.ingest.resolve import (
    THRESHOLD,
    Resolver,
    clean,
    guess_kind,
    normalise,
)
from kompetansekart.ontology.gazetteer import Entry, Gazetteer

INN = "orgnr:918108467"
UIS = "orgnr:971564679"
NORD = "orgnr:970940243"
BODO = "orgnr:972418013"
NARVIK = "orgnr:959469059"
BO = "orgnr:945452676"
VESTVAGOY = "orgnr:942570619"
VAGAN = "orgnr:938644500"
SALTEN = "org:kompetansenettverk-salten"
LMS = "org:lms"
SEPU = "org:sepu"
EYSTEIN = "org:st-eystein-skole"

# The measurement behind THRESHOLD (see the docstring of kompetansekart.ingest.resolve):
# misspellings that must resolve, with the id they must reach ...
FUZZY_POSITIVES = [
    ("Nord Universitetet", NORD),
    ("Nord univeristet", NORD),
    ("Universitetet i Stavangar", UIS),
    ("Universitet i Innlandet", INN),
    ("Universitetet i Innlandt", INN),
    ("Høgskulen i Innlandet", INN),
    ("Læringsmiljøsentret", LMS),
    ("Kompetansenettverket i Salten", SALTEN),
    ("Bodø kommmune", BODO),
    ("Narvik komune", NARVIK),
    ("Vestvågøy kommun", VESTVAGOY),
    ("Universitetet i Sør-Øst Norge", "orgnr:911770709"),
    ("Statsforvalteren Nordland", "org:statsforvalteren-nordland"),
    ("Høgskolen i Volda", "orgnr:974809672"),
    ("St Eysteins skole", EYSTEIN),
]
# ... and names of other bodies that must not be pulled onto a similar gazetteer name.
# Real municipalities outside Nordland that are close, as text, to a Nordland one: with the
# national register they resolve exactly to themselves, never to the look-alike.
LOOK_ALIKES = {
    "Vik kommune": "Narvik kommune",
    "Rauma kommune": "Rana kommune",
    "Moss kommune": "Moskenes kommune",
    "Steinkjer kommune": "Steigen kommune",
    "Bømlo kommune": "Bø kommune",
    "Alta kommune": "Alstahaug kommune",
    "Harstad kommune": "Flakstad kommune",
}
FUZZY_NEGATIVES = [
    "Nord Studentsamskipnad",
    "Universitetet i Sørlandet",
    "Høgskolen i Hedmark",
    "Høgskolen i Telemark",
    "Kompetansenettverk Helgeland",
    "Nordland fylke",
    "Vestvågøy skole",
    "Værøy barnehage",
]


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


# --- normalise and guess_kind ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("St.Eystein skole", "st eystein skole"),
        ("St. Eystein  skole", "st eystein skole"),
        ("Høgskolen i Innlandet/ SePU", "høgskolen i innlandet sepu"),
        ("OsloMet – storbyuniversitetet", "oslomet storbyuniversitetet"),
        ("Jensvoll barnehage AS", "jensvoll barnehage"),
        ("Vågønes barnehage A/S", "vågønes barnehage"),
        ("Narvik AS", "narvik as"),  # one word left: stripping would make it Narvik
        ("SA", "sa"),
    ],
)
def test_normalise(written: str, expected: str) -> None:
    assert normalise(written) == expected


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Nordland fylkeskommune", "fylkeskommune"),
        ("Bodø kommune", "kommune"),
        ("Stiftelsen Lillevollen barnehage", "stiftelse"),
        ("NTG Stiftelsen", "stiftelse"),
        ("Jensvoll barnehage AS", "privat_eier"),
        ("Vågønes barnehage A/S", "privat_eier"),
        ("Neståsen barnehage SA", "privat_eier"),
        ("Eksempel SA – Eksempel barnehage", "privat_eier"),
        ("Eksempel Barnehagene AS, del av et konsern", "privat_eier"),
        ("Værøy barnehage", "barnehage"),
        ("Værøy skole", "skole"),
        ("NTG Ungdomsskole Bodø", "skole"),
        ("Høgskolen i Innlandet", "uh"),
        ("Nord universitet", "uh"),
        ("PPT for Salten", "ppt"),
        ("PP-tjenesten", "ppt"),
        ("Kompetansenettverk Salten", "nettverk"),
        ("Nord Studentsamskipnad", None),
        ("Kari Nordmann", None),
    ],
)
def test_guess_kind(name: str, kind: str | None) -> None:
    assert guess_kind(name) == kind


# --- resolve: exact and alias -------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    ["Universitetet i Innlandet", "INN", "HINN", "HiNN", "Høgskolen i Innlandet"],
)
def test_five_spellings_of_inn_meet(resolver: Resolver, spelling: str) -> None:
    res = resolver.resolve(spelling)
    assert (res.ref.id, res.ref.kind, res.method) == (
        INN,
        "uh",
        "exact" if spelling.startswith("Uni") else "alias",
    )
    assert res.ref.name == "Universitetet i Innlandet"
    assert res.ref.as_written == spelling
    assert res.score == 100


def test_hogskolen_pa_innlandet_is_inn(resolver: Resolver) -> None:
    assert resolver.resolve("Høgskolen på Innlandet").ref.id == INN


@pytest.mark.parametrize("spelling", ["SePU", "SEPU", "Sepu", "sepu"])
def test_sepu_is_a_unit_of_inn(resolver: Resolver, spelling: str) -> None:
    ref = resolver.resolve(spelling).ref
    assert (ref.id, ref.kind, ref.parent) == (SEPU, "uh_enhet", INN)


@pytest.mark.parametrize(
    "spelling",
    [
        "LMS",
        "Læringsmiljøsenteret",
        "Læringsmiljøsenteret UiS",
        "Læringsmiljøsenteret, Universitetet i Stavanger",
        "Læringsmiljøsenteret i Stavanger",
    ],
)
def test_lms_is_a_unit_of_uis(resolver: Resolver, spelling: str) -> None:
    ref = resolver.resolve(spelling).ref
    assert (ref.id, ref.kind, ref.parent) == (LMS, "uh_enhet", UIS)


def test_st_eystein_spellings_meet(resolver: Resolver) -> None:
    ids = {resolver.resolve(s).ref.id for s in ("St.Eystein skole", "St. Eystein skole")}
    assert ids == {EYSTEIN}


@pytest.mark.parametrize(
    ("name", "id"),
    [("Bodø kommune", BODO), ("Narvik kommune", NARVIK), ("Bø kommune", BO), ("Bodø", BODO)],
)
def test_municipalities(resolver: Resolver, name: str, id: str) -> None:
    res = resolver.resolve(name)
    assert (res.ref.id, res.ref.kind) == (id, "kommune")


def test_similar_municipalities_stay_apart(resolver: Resolver) -> None:
    assert resolver.resolve("Bø kommune").ref.id != BODO
    assert resolver.resolve("Vestvågøy").ref.id == VESTVAGOY
    assert resolver.resolve("Vågan").ref.id == VAGAN
    assert resolver.resolve("Vestvågøy kommune").ref.id == VESTVAGOY


def test_markup_and_line_breaks_do_not_matter(resolver: Resolver) -> None:
    assert resolver.resolve("**Bodø  kommune**").ref.id == BODO
    assert resolver.resolve("Læringsmiljøsenteret, Universitetet\ni Stavanger").ref.id == LMS


# --- resolve: short aliases and kinds -------------------------------------------------------


def test_nord_alone_needs_uh_allowed(resolver: Resolver) -> None:
    assert resolver.resolve("Nord", kinds=["uh"]).ref.id == NORD
    assert resolver.resolve("Nord", kinds=["uh", "uh_enhet"]).ref.id == NORD
    res = resolver.resolve("Nord", kinds=["kommune", "nettverk"])
    assert (res.method, res.ref.id) == ("unresolved", None)


def test_kinds_filter_exact_matches(resolver: Resolver) -> None:
    assert resolver.resolve("Bodø kommune", kinds=["uh"]).ref.id is None
    assert resolver.resolve("SePU", kinds=["uh_enhet"]).ref.id == SEPU


@pytest.mark.parametrize("typo", ["LSM", "INNN", "UiSS", "Nor", "NTGU"])
def test_short_names_never_match_fuzzily(resolver: Resolver, typo: str) -> None:
    res = resolver.resolve(typo)
    assert (res.method, res.ref.id) == ("unresolved", None)


# --- resolve: fuzzy -------------------------------------------------------------------------


@pytest.mark.parametrize(("typo", "id"), FUZZY_POSITIVES)
def test_typos_resolve_fuzzily(resolver: Resolver, typo: str, id: str) -> None:
    res = resolver.resolve(typo)
    assert (res.method, res.ref.id) == ("fuzzy", id)
    assert THRESHOLD <= res.score < 100
    assert res.ref.as_written == typo
    assert res.entry is not None and res.entry.id == id


@pytest.mark.parametrize("name", FUZZY_NEGATIVES)
def test_other_bodies_do_not_resolve(resolver: Resolver, name: str) -> None:
    res = resolver.resolve(name)
    assert (res.method, res.ref.id, res.entry) == ("unresolved", None, None)
    assert res.score < THRESHOLD


@pytest.mark.parametrize(("name", "look_alike"), sorted(LOOK_ALIKES.items()))
def test_national_municipalities_resolve_to_themselves(
    resolver: Resolver, name: str, look_alike: str
) -> None:
    res = resolver.resolve(name, ["kommune"])
    assert res.method == "exact"
    assert res.ref.name == name != look_alike
    assert res.entry is not None and res.entry.category == "national"


def test_nord_studentsamskipnad_is_not_nord(resolver: Resolver) -> None:
    assert resolver.resolve("Nord Studentsamskipnad, Studentinord").ref.id is None


def test_fuzzy_is_blocked_by_the_kind_the_name_shows(resolver: Resolver) -> None:
    # "Vestvågøy skole" is close to "Vestvågøy kommune" as text, but a school is not a
    # municipality; only school-like entries are candidates.
    assert resolver.resolve("Vestvågøy skole").ref.id is None
    assert resolver.resolve("Bodø kommune barnehage AS").ref.id is None


def test_two_equally_close_candidates_leave_it_unresolved() -> None:
    gazetteer = Gazetteer(
        [
            Entry("org:a", "Solsikken barnehage Nord", "barnehage"),
            Entry("org:b", "Solsikken barnehage Sør", "barnehage"),
        ]
    )
    resolver = Resolver(gazetteer)
    res = resolver.resolve("Solsikken barnehage")
    assert (res.method, res.ref.id) == ("unresolved", None)
    assert resolver.resolve("Solsikken barnehage Nordd").ref.id == "org:a"


def test_threshold_is_a_parameter() -> None:
    assert Resolver(threshold=99.5).resolve("Bodø kommmune").ref.id is None


# --- resolve: unresolved ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Jensvoll barnehage AS", "privat_eier"),
        ("Værøy barnehage", "barnehage"),
        ("Stiftelsen Lillevollen barnehage", "stiftelse"),
        ("Eksempel SA – Eksempel barnehage", "privat_eier"),
        ("Eksempelvik kommune", "kommune"),
        ("Nord Studentsamskipnad", None),
    ],
)
def test_unknown_names_keep_a_guessed_kind(resolver: Resolver, name: str, kind: str | None) -> None:
    res = resolver.resolve(name)
    assert res.method == "unresolved"
    assert (res.ref.id, res.ref.kind, res.ref.parent, res.entry) == (None, kind, None, None)
    assert res.ref.name == name and res.ref.as_written == name


def test_unresolved_name_is_cleaned(resolver: Resolver) -> None:
    res = resolver.resolve("  **Eksempel  barnehage**, ")
    assert res.ref.name == "Eksempel barnehage"
    assert res.ref.as_written == "  **Eksempel  barnehage**, "


# --- every name in the gazetteer resolves back to its entry ----------------------------------

# Aliases that deliberately resolve elsewhere or nowhere; empty today, and any addition must
# say why here.
DELIBERATELY_AMBIGUOUS: dict[str, str] = {}


def test_every_name_and_alias_resolves_to_its_own_entry(resolver: Resolver) -> None:
    wrong = [
        (name, entry.id, resolver.resolve(name).ref.id)
        for entry in resolver.gazetteer
        for name in entry.names
        if name not in DELIBERATELY_AMBIGUOUS and resolver.resolve(name).ref.id != entry.id
    ]
    assert wrong == []


def test_every_name_resolves_within_its_own_kind(resolver: Resolver) -> None:
    for entry in resolver.gazetteer:
        for name in entry.names:
            assert resolver.resolve(name, kinds=[entry.kind]).ref.id == entry.id, name


# --- find_in ------------------------------------------------------------------------------


def _found(resolver: Resolver, text: str, kinds=None) -> list[tuple[str | None, str, str]]:
    return [(r.ref.id, r.ref.kind, text[s:e]) for r, s, e in resolver.find_in(text, kinds)]


def test_find_owner_and_network(resolver: Resolver) -> None:
    text = "Bodø kommune Kompetansenettverk Salten"
    assert _found(resolver, text) == [
        (BODO, "kommune", "Bodø kommune"),
        (SALTEN, "nettverk", "Kompetansenettverk Salten"),
    ]


def test_find_institution_and_unit(resolver: Resolver) -> None:
    assert _found(resolver, "Høgskolen i Innlandet/ SePU") == [
        (INN, "uh", "Høgskolen i Innlandet"),
        (SEPU, "uh_enhet", "SePU"),
    ]
    assert [f[0] for f in _found(resolver, "Høgskolen på Innlandet, SePU")] == [INN, SEPU]


def test_longer_alias_wins_over_the_host(resolver: Resolver) -> None:
    for text in (
        "Læringsmiljøsenteret, Universitetet i Stavanger",
        "Læringsmiljøsenteret, Universitetet \ni Stavanger",
    ):
        assert _found(resolver, text) == [(LMS, "uh_enhet", text)]


def test_name_before_a_person(resolver: Resolver) -> None:
    text = "St.Eystein skole Kari Nordmann"
    (res, start, end), *rest = resolver.find_in(text)
    assert rest == []
    assert (res.ref.id, start, end) == (EYSTEIN, 0, len("St.Eystein skole"))
    assert res.ref.name == "St. Eystein skole" and res.ref.as_written == "St.Eystein skole"


@pytest.mark.parametrize(
    "text",
    [
        "Vi reiser nord for byen i Nordland.",
        "Vi går inn i arbeidet.",
        "Nord-Norge",
        "Nord Studentsamskipnad, Studentinord",
        "Eksempel barnehage SA",
        "kari.nordmann@rana.kommune.no",
        "Innlandet fylkeskommune",
    ],
)
def test_short_and_place_like_names_need_a_clear_context(resolver: Resolver, text: str) -> None:
    assert _found(resolver, text) == []


def test_short_names_in_their_own_case(resolver: Resolver) -> None:
    text = "I samarbeid med Nord og INN (LMS) og UiS."
    assert [f[0] for f in _found(resolver, text)] == [NORD, INN, LMS, UIS]


def test_genitive(resolver: Resolver) -> None:
    text = "NTGs plan"
    assert _found(resolver, text) == [("org:stiftelsen-ntg", "stiftelse", "NTG")]


def test_find_in_filters_kinds_after_choosing_the_longest(resolver: Resolver) -> None:
    text = "Høgskolen i Narvik og Narvik kommune"
    assert _found(resolver, text, ["kommune"]) == [(NARVIK, "kommune", "Narvik kommune")]


def test_unions_in_a_participant_list(resolver: Resolver) -> None:
    text = (
        "Hovedtillitsvalgt Utdanningsforbundet Kari Nordmann\n"
        "Skolenes Landsforbund Ola Nordmann\nDelta  Kari Nordmann\nFO  Ola Nordmann\n"
        "Skolelederforbundet Kari Nordmann"
    )
    found = resolver.find_in(text, ["annen"])
    assert [r.ref.name for r, _, _ in found] == [
        "Utdanningsforbundet",
        "Skolenes landsforbund",
        "Delta",
        "Fellesorganisasjonen",
        "Skolelederforbundet",
    ]
    assert all(r.entry is not None and r.entry.category == "union" for r, _, _ in found)


@given(st.text(alphabet=st.sampled_from(list("Nord INNUiSLM-,./æøå\nbkoeSePU")), max_size=60))
def test_find_in_spans_are_ordered_and_disjoint(resolver: Resolver, text: str) -> None:
    found = resolver.find_in(text)
    spans = [(s, e) for _, s, e in found]
    assert spans == sorted(spans)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))
    assert all(r.ref.id is not None and r.score == 100 for r, _, _ in found)


@given(st.text(max_size=80))
def test_resolve_never_fails_and_unknown_has_no_id(resolver: Resolver, text: str) -> None:
    res = resolver.resolve(text)
    assert (res.ref.id is None) == (res.method == "unresolved") == (res.entry is None)


@pytest.mark.parametrize(
    ("written", "cleaned"),
    [("(Nord)", "Nord"), ("Herøy kommune (Møre og Romsdal)", "Herøy kommune (Møre og Romsdal)")],
)
def test_clean_keeps_inner_brackets(written: str, cleaned: str) -> None:
    assert clean(written) == cleaned
