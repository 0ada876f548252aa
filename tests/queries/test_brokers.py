"""Brokers and components on a synthetic corpus whose shape is known by construction, and
on the five real samples.

The synthetic projection (14 organisations, so betweenness is divided by 13·12/2 = 78
pairs):

    Fauske (Salten) ─┐
                     Nord universitet ── Vågan (Lofoten) ── UiT ── Andøy (Vesterålen)
    Narvik (Narvik) ─┘

    Rana (Rana-regionen) + Vefsn (Vefsn-regionen) + HVL + OsloMet   one joint partnership
    Stiftelsen NTG ── Universitetet i Innlandet                    isolated
    Bodø (Salten) ── SePU (a unit of Universitetet i Innlandet)     isolated
"""

from __future__ import annotations

import pytest
from factory import report

from kompetansekart.queries.analyses.brokers import brokers, projection
from kompetansekart.queries.analyses.dataset import Dataset, Filters

NORD = "Nord universitet"
UIT = "UiT Norges arktiske universitet"
INN = "Universitetet i Innlandet"
SEPU = "Senter for praksisrettet utdanningsforskning"
HVL = "Høgskulen på Vestlandet"
OSLOMET = "OsloMet – storbyuniversitetet"
VESTERALEN = "Vesterålen og Lødingen (RKK Vesterålen)"
VEFSN = "Vefsn-regionen (RKK Vefsn)"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return Dataset.from_records(
        [
            # Nord's cluster: owners in Salten, Narvik and Lofoten; Fauske reports twice.
            report("Fauske kommune", year=2024, uh=[NORD]),
            report("Fauske kommune", year=2025, uh=[NORD]),
            report("Narvik kommune", year=2024, uh=[NORD]),
            report("Vågan kommune", year=2024, uh=[NORD]),
            # Vågan also works with UiT: the owner that bridges two UH clusters.
            report("Vågan kommune", year=2025, uh=[UIT]),
            report("Andøy kommune", year=2025, uh=[UIT]),
            # Two owners from two networks with two UH in one partnership: no cut points.
            report("Rana kommune", year=2025, partners=["Vefsn kommune"], uh=[HVL, OSLOMET]),
            # Isolated partnerships.
            report("Stiftelsen NTG", year=2025, uh=[INN]),
            report("Bodø kommune", year=2024, uh=[SEPU]),
        ]
    )


def tables(ds: Dataset, f: Filters | None = None) -> dict:
    return {t.name: t for t in brokers(ds, f or Filters())}


def test_projection_links_partners_weighted_by_shared_partnerships(ds):
    g = projection(ds)
    names = {n: ds.name(n) for n in g}
    assert len(g) == 14
    edge = {frozenset((names[a], names[b])): d["weight"] for a, b, d in g.edges(data=True)}
    assert edge[frozenset(("Fauske kommune", NORD))] == 2  # 2024 and 2025
    assert edge[frozenset(("Vågan kommune", NORD))] == 1
    assert edge[frozenset(("Rana kommune", "Vefsn kommune"))] == 1  # co-owners are linked
    assert frozenset(("Fauske kommune", "Narvik kommune")) not in edge


def test_brokers_rows_in_full(ds):
    rows = tables(ds)["brokers"].rows
    assert rows == [
        {
            # Pairs through Nord: Fauske–Narvik, and each of them with Vågan, UiT, Andøy:
            # 1 + 3 + 3 = 7 of 78. Its partners are in three networks that no one else
            # links (Lofoten's other partner, UiT, works with no Salten or Narvik owner).
            "organisation": NORD,
            "kind": "university",
            "betweenness": 0.09,
            "networks_reached": 3,
            "networks": ["Kompetansenettverk Narvik", "Kompetansenettverk Salten", "Lofoten"],
            "partnerships": 4,
            "articulation": "yes",
            "explanation": "Nord universitet links owners in 3 networks (Kompetansenettverk "
            "Narvik, Kompetansenettverk Salten, Lofoten) that share no other partner; without "
            "it, the other 5 organisations in its group would split into 3 parts: UiT Norges "
            "arktiske universitet, Vågan kommune and Andøy kommune; Fauske kommune; Narvik "
            "kommune.",
        },
        {
            # The owner bridging two UH clusters: {Nord, Fauske, Narvik} × {UiT, Andøy} =
            # 6 of 78 pairs. Its partners are universities, members of no network.
            "organisation": "Vågan kommune",
            "kind": "municipality",
            "betweenness": 0.077,
            "networks_reached": 0,
            "networks": [],
            "partnerships": 2,
            "articulation": "yes",
            "explanation": "Vågan kommune lies on about 8% of the shortest routes between two "
            "organisations; without it, UiT Norges arktiske universitet and Andøy kommune "
            "would be cut off from the other 3 organisations.",
        },
        {
            # Andøy with the four on the other side: 4 of 78.
            "organisation": UIT,
            "kind": "university",
            "betweenness": 0.051,
            "networks_reached": 2,
            "networks": ["Lofoten", VESTERALEN],
            "partnerships": 2,
            "articulation": "yes",
            "explanation": "UiT Norges arktiske universitet links owners in 2 networks "
            "(Lofoten, Vesterålen og Lødingen (RKK Vesterålen)) that share no other partner; "
            "without it, Andøy kommune would be cut off from the other 4 organisations.",
        },
        {
            # Reaches two networks, but so do its co-partners: listed, betweenness 0.
            "organisation": HVL,
            "kind": "university",
            "betweenness": 0.0,
            "networks_reached": 2,
            "networks": ["Rana-regionen", VEFSN],
            "partnerships": 1,
            "articulation": "no",
            "explanation": "Høgskulen på Vestlandet links owners in 2 networks (Rana-regionen, "
            "Vefsn-regionen (RKK Vefsn)), which are also linked through OsloMet – "
            "storbyuniversitetet, Rana kommune and Vefsn kommune; removing it would cut no "
            "one off.",
        },
        {
            "organisation": OSLOMET,
            "kind": "university",
            "betweenness": 0.0,
            "networks_reached": 2,
            "networks": ["Rana-regionen", VEFSN],
            "partnerships": 1,
            "articulation": "no",
            "explanation": "OsloMet – storbyuniversitetet links owners in 2 networks "
            "(Rana-regionen, Vefsn-regionen (RKK Vefsn)), which are also linked through "
            "Høgskulen på Vestlandet, Rana kommune and Vefsn kommune; removing it would cut "
            "no one off.",
        },
    ]
    # Rana and Vefsn each reach only the other's network; Fauske, Narvik, Andøy, NTG, INN,
    # Bodø and SePU are leaves or pairs: none is listed.


def test_components_rows_in_full(ds):
    table = tables(ds)["components"]
    assert table.rows == [
        {
            "component": 1,
            "size": 6,
            "partnerships": 6,
            # universities first (Nord has 3 partners, UiT 2), then by partners and name
            "members": [
                NORD,
                UIT,
                "Vågan kommune",
                "Andøy kommune",
                "Fauske kommune",
                "and 1 more",
            ],
            "networks": [
                "Kompetansenettverk Narvik",
                "Kompetansenettverk Salten",
                "Lofoten",
                VESTERALEN,
            ],
        },
        {
            "component": 2,
            "size": 4,
            "partnerships": 1,
            "members": [HVL, OSLOMET, "Rana kommune", "Vefsn kommune"],
            "networks": ["Rana-regionen", VEFSN],
        },
        {
            # two pairs: ordered by their first name ("Senter ..." before "Universitetet ...")
            "component": 3,
            "size": 2,
            "partnerships": 1,
            "members": [SEPU, "Bodø kommune"],
            "networks": ["Kompetansenettverk Salten"],
        },
        {
            "component": 4,
            "size": 2,
            "partnerships": 1,
            "members": [INN, "Stiftelsen NTG"],
            "networks": [],
        },
    ]
    # SePU's host is in another component: rolling units up would join them.
    assert (
        "Senter for praksisrettet utdanningsforskning (component 3) is a unit of Universitetet "
        "i Innlandet (component 4); counted as one institution, the two would join."
    ) in table.notes


def test_year_filter_keeps_only_that_years_partnerships(ds):
    t = tables(ds, Filters(year=2025))
    # 2025: Fauske–Nord, Vågan–UiT–Andøy, the joint partnership, NTG–INN: 11 organisations,
    # 45 pairs; only Vågan–Andøy goes through UiT.
    assert [
        (r["organisation"], r["betweenness"], r["articulation"]) for r in t["brokers"].rows
    ] == [
        (UIT, 0.022, "yes"),
        (HVL, 0.0, "no"),
        (OSLOMET, 0.0, "no"),
    ]
    assert [r["size"] for r in t["components"].rows] == [4, 3, 2, 2]


def test_no_partnerships_no_rows():
    t = tables(Dataset.from_records([]))
    assert t["brokers"].rows == [] and t["components"].rows == []


@pytest.mark.corpus
def test_brokers_on_the_samples(samples):
    t = tables(Dataset.from_records(samples.values()))
    # The projection: 004's 18 owners + SePU + Nord (20); 002 adds LMS (Bodø, St. Eystein
    # and Nord are in 004 already); 003 adds Narvik, linked only to Nord: 22. NTG and
    # Universitetet i Innlandet (000 and 001) are a pair of their own: 24 in all, 253 pairs.
    rows = t["brokers"].rows
    assert rows[0] == {
        # Narvik with the 20 others: 20 pairs; LMS with the 17 in 004 only (16 owners and
        # SePU): 17 pairs with three routes each (via Nord, Bodø, St. Eystein): 17/3.
        # (20 + 17/3) / 253 = 0.101.
        "organisation": NORD,
        "kind": "university",
        "betweenness": 0.101,
        "networks_reached": 2,
        "networks": ["Kompetansenettverk Narvik", "Kompetansenettverk Salten"],
        "partnerships": 3,
        "articulation": "yes",
        "explanation": "Nord universitet links owners in 2 networks (Kompetansenettverk "
        "Narvik, Kompetansenettverk Salten) that share no other partner; without it, Narvik "
        "kommune would be cut off from the other 20 organisations.",
    }
    # Bodø and St. Eystein are in both Bodø reports (002 and 004): each carries a third of
    # LMS's routes to the 004-only partners, (17/3) / 253 = 0.022, and is no cut point.
    # St. Eystein comes first: it reaches Salten through Bodø; Bodø's partners have none.
    assert [
        (r["organisation"], r["kind"], r["betweenness"], r["networks_reached"], r["articulation"])
        for r in rows[1:]
    ] == [
        ("St. Eystein skole", "school", 0.022, 1, "no"),
        ("Bodø kommune", "municipality", 0.022, 0, "no"),
    ]
    assert rows[2]["explanation"] == (
        "Bodø kommune lies on about 2% of the shortest routes between two organisations; "
        "removing it would cut no one off."
    )
    components = t["components"]
    assert components.rows == [
        {
            "component": 1,
            "size": 22,
            "partnerships": 3,  # 002, 003, 004
            "members": [
                NORD,  # 21 partners
                SEPU,  # 19
                "Nasjonalt senter for læringsmiljø og atferdsforskning",  # 3
                "Bodø kommune",  # 20
                "St. Eystein skole",  # 20
                "and 17 more",
            ],
            "networks": ["Kompetansenettverk Narvik", "Kompetansenettverk Salten"],
        },
        {
            # NTG and Universitetet i Innlandet, in 000 and 001: their own component.
            "component": 2,
            "size": 2,
            "partnerships": 2,
            "members": [INN, "Stiftelsen NTG"],
            "networks": [],
        },
    ]
    # SePU (with Bodø in 004) is a unit of Universitetet i Innlandet (with NTG).
    assert any(n.startswith(f"{SEPU} (component 1) is a unit of {INN}") for n in components.notes)
