"""The SPARQL catalog: every query has a header and runs; on the five samples each gives
the rows a careful reader derives by hand, identically on Oxigraph (the embedded store)
and on rdflib's memory store; parameters are bound, never pasted."""

from __future__ import annotations

import pytest

from kompetansekart.queries import catalog

CATALOG = [
    "budget-audit",
    "continuations",
    "funding-by-network",
    "funding-by-scheme-year",
    "institutions-by-region",
    "overlap-multi-partnership",
    "overlap-owner-theme",
    "partners-of-owner",
    "regions-without-uh",
    "themes-without-measures",
    "uh-portfolio",
]
STORES = ["oxigraph", "memory"]


def run(sparql_graphs, store, name, **params):
    return catalog.run(sparql_graphs[store], catalog.load(name), params)[1]


def tuples(rows, *keys):
    return [tuple(row[k] for k in keys) for row in rows]


def test_catalog_has_every_required_query():
    assert set(CATALOG) <= set(catalog.names())


@pytest.mark.parametrize("name", catalog.names())
def test_every_query_has_a_header(name):
    q = catalog.load(name)
    assert q.title and q.answers
    assert "PREFIX kk:" in q.text  # Oxigraph ignores prefixes bound on the graph
    for p in q.params:
        assert f"?{p.name}" in q.text


pytestmark = pytest.mark.corpus


@pytest.mark.parametrize("store", STORES)
def test_institutions_by_region(sparql_graphs, store):
    # Salten: Bodø works with LMS (002), Nord (002 table and 004 budget) and SePU (004);
    # Narvik works with Nord (003). NTG belongs to no network.
    rows = run(sparql_graphs, store, "institutions-by-region")
    assert tuples(rows, "network", "institution", "university", "partnerships") == [
        ("Kompetansenettverk Narvik", "Nord universitet", "Nord universitet", 1),
        (
            "Kompetansenettverk Salten",
            "Nasjonalt senter for læringsmiljø og atferdsforskning",
            "Universitetet i Stavanger",
            1,
        ),
        ("Kompetansenettverk Salten", "Nord universitet", "Nord universitet", 2),
        (
            "Kompetansenettverk Salten",
            "Senter for praksisrettet utdanningsforskning",
            "Universitetet i Innlandet",
            1,
        ),
    ]
    narvik = run(
        sparql_graphs, store, "institutions-by-region", network="Kompetansenettverk Narvik"
    )
    assert tuples(narvik, "institution") == [("Nord universitet",)]


@pytest.mark.parametrize("store", STORES)
def test_partners_of_owner(sparql_graphs, store):
    # 004 (2024): SePU 637 950 + 236 000 + 1 512 500 (the three measures); Nord 328 320 +
    # 54 720. 002 (2026): LMS 201 500 + 364 300 + 269 500; Nord 284 000 + 459 560.
    rows = run(sparql_graphs, store, "partners-of-owner", owner="Bodø kommune")
    assert tuples(rows, "year", "institution", "scheme", "measures", "uh_amount") == [
        (2024, "Nord universitet", "desentralisert", 0, 54_720),
        (2024, "Nord universitet", "regional", 0, 328_320),
        (2024, "Senter for praksisrettet utdanningsforskning", "desentralisert", 0, 236_000),
        (2024, "Senter for praksisrettet utdanningsforskning", "kompetanseloftet", 3, 1_512_500),
        (2024, "Senter for praksisrettet utdanningsforskning", "regional", 0, 637_950),
        (2026, "Nasjonalt senter for læringsmiljø og atferdsforskning", None, 3, 835_300),
        (2026, "Nord universitet", None, 2, 743_560),
    ]


@pytest.mark.parametrize("store", STORES)
def test_uh_portfolio(sparql_graphs, store):
    # Nord delivers 003's three measures and 002's two Nord rows; in 004 it has budget
    # money only, no measure.
    rows = run(sparql_graphs, store, "uh-portfolio", university="Nord universitet")
    assert sorted(tuples(rows, "owner", "year", "scheme", "amount")) == [
        ("Bodø kommune", 2026, None, 284_000),
        ("Bodø kommune", 2026, None, 459_560),
        ("Narvik kommune", 2025, "desentralisert", 308_000),
        ("Narvik kommune", 2025, "desentralisert", 308_000),
        ("Narvik kommune", 2025, "desentralisert", 328_000),
    ]
    # A university's portfolio includes its units: Innlandet -> SePU's three measures.
    inn = run(sparql_graphs, store, "uh-portfolio", university="Universitetet i Innlandet")
    assert sorted(tuples(inn, "institution", "amount")) == [
        ("Senter for praksisrettet utdanningsforskning", 303_986),
        ("Senter for praksisrettet utdanningsforskning", 583_600),
        ("Senter for praksisrettet utdanningsforskning", 624_914),
        ("Universitetet i Innlandet", 150_000),  # 000: NTG's measure
    ]


@pytest.mark.parametrize("store", STORES)
def test_funding_by_scheme_year(sparql_graphs, store):
    # 2024 = 004's budget table row by row; 2025 = 003's; 2026 has no stated scheme
    # (002's merged form, 000's web form): 880 000 + 50 000 owner, 1 578 860 + 150 000 UH.
    rows = run(sparql_graphs, store, "funding-by-scheme-year")
    assert tuples(rows, "scheme", "year", "owner_amount", "uh_amount", "total") == [
        ("desentralisert", 2024, 0, 290_720, 290_720),
        ("kompetanseloftet", 2024, 1_380_000, 1_512_500, 2_892_500),
        ("regional", 2024, 200_000, 966_270, 1_166_270),
        ("desentralisert", 2025, 150_000, 944_000, 1_094_000),
        ("kompetanseloftet", 2025, 480_000, 702_800, 1_182_800),
        ("regional", 2025, 290_000, 840_000, 1_130_000),
        (None, 2026, 930_000, 1_728_860, 2_658_860),
    ]
    only = run(sparql_graphs, store, "funding-by-scheme-year", year="2025")
    assert {r["year"] for r in only} == {2025} and len(only) == 3


@pytest.mark.parametrize("store", STORES)
def test_funding_by_network(sparql_graphs, store):
    # Each network's total equals its reports' grand sums: 004 4 349 490, 002 2 458 860,
    # 003 3 406 800. NTG (no network) is not counted.
    rows = run(sparql_graphs, store, "funding-by-network")
    assert tuples(rows, "network", "year", "owner_amount", "uh_amount", "total") == [
        ("Kompetansenettverk Narvik", 2025, 920_000, 2_486_800, 3_406_800),
        ("Kompetansenettverk Salten", 2024, 1_580_000, 2_769_490, 4_349_490),
        ("Kompetansenettverk Salten", 2026, 880_000, 1_578_860, 2_458_860),
    ]


@pytest.mark.parametrize("store", STORES)
def test_regions_without_uh(sparql_graphs, store):
    # Only Bodø (1804) and Narvik (1806) have an owner working with a UH; NTG has no area.
    rows = run(sparql_graphs, store, "regions-without-uh")
    numbers = [r["kommunenummer"] for r in rows]
    assert len(numbers) == 39 and "1804" not in numbers and "1806" not in numbers
    salten = run(sparql_graphs, store, "regions-without-uh", network="Kompetansenettverk Salten")
    assert [r["area"] for r in salten] == [
        "Rødøy",
        "Meløy",
        "Gildeskål",
        "Beiarn",
        "Saltdal",
        "Fauske",
        "Sørfold",
        "Steigen",
        "Hamarøy",
    ]


@pytest.mark.parametrize("store", STORES)
def test_themes_without_measures(sparql_graphs, store):
    # NTG (000) states ten needs; its one measure addresses leadership and professional
    # community only. Bodø's and Narvik's stated needs are all addressed.
    rows = run(sparql_graphs, store, "themes-without-measures")
    assert tuples(rows, "owner", "year", "theme") == [
        ("Stiftelsen NTG", 2026, t)
        for t in [
            "digital-kompetanse",
            "klasseledelse",
            "kunstig-intelligens",
            "laeringsvansker",
            "psykisk-helse",
            "sosiale-ferdigheter",
            "trygt-skolemiljo",
            "vurdering",
        ]
    ]


@pytest.mark.parametrize("store", STORES)
def test_overlap_owner_theme(sparql_graphs, store):
    # 004: Tiltak 6 and 8 both work on pedagogical analysis of high-frequency problems;
    # 003: all three continued measures are "Fagfornyelsen ...".
    rows = run(sparql_graphs, store, "overlap-owner-theme")
    assert tuples(rows, "owner", "year", "theme", "measures") == [
        ("Bodø kommune", 2024, "hoyfrekvente-vansker", 2),
        ("Bodø kommune", 2024, "pedagogisk-analyse", 2),
        ("Narvik kommune", 2025, "fagfornyelsen", 3),
    ]


@pytest.mark.parametrize("store", STORES)
def test_no_owner_in_two_partnerships_in_one_year(sparql_graphs, store):
    # Bodø and St. Eystein are in 004 (2024) and 002 (2026); NTG in 000 (2026) and 001
    # (no year). No organisation is in two partnerships in the same year.
    assert run(sparql_graphs, store, "overlap-multi-partnership") == []


@pytest.mark.parametrize("store", STORES)
def test_budget_audit_finds_nothing_in_the_samples(sparql_graphs, store):
    assert run(sparql_graphs, store, "budget-audit") == []


@pytest.mark.parametrize("store", STORES)
def test_continuations(sparql_graphs, store):
    # 002's attachment: Tiltak 2 continues 2025's; 003: three measures from 2024; 000's
    # web form continues earlier reports without a year. None of the earlier reports is in
    # the corpus, so no earlier measure is linked.
    rows = run(sparql_graphs, store, "continuations")
    assert sorted(tuples(rows, "owner", "year", "continues_year")) == [
        ("Bodø kommune", 2026, 2025),
        ("Narvik kommune", 2025, 2024),
        ("Narvik kommune", 2025, 2024),
        ("Narvik kommune", 2025, 2024),
        ("Stiftelsen NTG", 2026, None),
    ]
    assert all(r["earlier_measure"] is None for r in rows)


def test_parameters_are_bound_not_pasted(sparql_graphs):
    hostile = 'Bodø kommune" } ?x ?y ?z . FILTER(true) } #'
    for store in STORES:
        assert run(sparql_graphs, store, "partners-of-owner", owner=hostile) == []
    q = catalog.load("partners-of-owner").bind({"owner": hostile})
    assert '\\"' in q  # rdflib escaped the quote inside one literal


def test_parameter_errors_name_the_fix():
    q = catalog.load("partners-of-owner")
    with pytest.raises(catalog.QueryParameterError, match="needs --param owner=VALUE"):
        q.bind({})
    with pytest.raises(catalog.QueryParameterError, match="has no parameter colour"):
        q.bind({"owner": "x", "colour": "red"})
    with pytest.raises(catalog.QueryParameterError, match="must be a whole number"):
        catalog.load("funding-by-scheme-year").bind({"year": "twenty"})
    with pytest.raises(catalog.UnknownQuery, match="known queries: budget-audit, "):
        catalog.load("no-such-query")


def test_binding_goes_last_in_the_outer_group_whatever_the_text_holds():
    text = (
        "# title: t\n# answers: a\n# param: x string optional  d\n"
        "PREFIX kk: <https://w3id.org/kompetansekart/ontology#>\n"
        'SELECT ?x WHERE { ?s kk:name "a } b" . # a } comment\n'
        "  OPTIONAL { ?s <https://e.org/p#x> ?x } { SELECT ?s WHERE { ?s ?p ?o } }\n"
        "} ORDER BY ?x\n"
    )
    bound = catalog.parse("t", text).bind({"x": 'v"}'})
    assert bound.endswith('  VALUES ?x { "v\\"}" }\n} ORDER BY ?x\n')
