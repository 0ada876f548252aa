"""Overlaps on a synthetic corpus built so every overlap is known by construction, and on
the five real samples, where the careful reader's derivation is written out."""

from __future__ import annotations

from dataclasses import replace

import pytest
from factory import measure, org, report

from kompetansekart.ingest.records import Institution
from kompetansekart.queries.analyses.dataset import Dataset, Filters
from kompetansekart.queries.analyses.overlaps import overlaps

SALTEN = "Kompetansenettverk Salten"
NARVIK = "Kompetansenettverk Narvik"
NORD = "Nord universitet"
SEPU = "Senter for praksisrettet utdanningsforskning"
INN = "Universitetet i Innlandet"
LMS = "Nasjonalt senter for læringsmiljø og atferdsforskning"
DEKOM = "desentralisert"


def corpus() -> list:
    """Narvik: two fagfornyelsen measures in 2024, one more in 2025 that continues the first,
    and a second (Rekom) report in 2025. Vågan: two ledelse measures in 2025, one with SePU
    and one with its university INN. Salten 2024: Bodø (Nord) and Meløy (LMS) both on
    lesing-skriving, Bodø and St. Eystein skole in both partnerships, and Trollmyra
    barnehage listed as a unit in both. Bodø also has a report without a year."""
    trollmyra = [Institution(org("Trollmyra barnehage"))]
    return [
        report(
            "Narvik kommune",
            year=2024,
            uh=[NORD],
            schemes=[DEKOM],
            network=NARVIK,
            measures=[
                measure(
                    "Fagfornyelsen x skole",
                    number=1,
                    scheme=DEKOM,
                    uh=NORD,
                    themes=["fagfornyelsen"],
                ),
                measure(
                    "Fagfornyelsen y skole",
                    number=2,
                    scheme=DEKOM,
                    uh=NORD,
                    themes=["fagfornyelsen", "vurdering"],
                    owner_amount=50_000,
                    uh_amount=150_000,
                ),
            ],
        ),
        report(
            "Narvik kommune",
            year=2025,
            uh=[NORD],
            schemes=[DEKOM],
            network=NARVIK,
            continues_year=2024,
            measures=[
                measure(
                    "Fagfornyelsen x skole, år 2",
                    number=1,
                    continued=True,
                    scheme=DEKOM,
                    uh=NORD,
                    themes=["fagfornyelsen"],
                ),
            ],
        ),
        report(
            "Narvik kommune",
            year=2025,
            uh=[NORD],
            schemes=["regional"],
            network=NARVIK,
            key="rekom",
            measures=[measure("Språk", scheme="regional", uh=NORD, themes=["sprak"])],
        ),
        report(
            "Vågan kommune",
            year=2025,
            uh=[SEPU, INN],
            schemes=["kompetanseloftet"],
            network="Lofoten",
            measures=[
                measure("Ledelse med SePU", scheme="kompetanseloftet", uh=SEPU, themes=["ledelse"]),
                measure("Ledelse med INN", scheme="kompetanseloftet", uh=INN, themes=["ledelse"]),
            ],
        ),
        replace(
            report(
                "Bodø kommune",
                year=2024,
                uh=[NORD],
                schemes=[DEKOM],
                network=SALTEN,
                partners=["St. Eystein skole"],
                measures=[measure("Leseløftet", scheme=DEKOM, uh=NORD, themes=["lesing-skriving"])],
            ),
            institutions=trollmyra,
        ),
        replace(
            report(
                "Meløy kommune",
                year=2024,
                uh=[LMS],
                schemes=["regional"],
                network=SALTEN,
                partners=["Bodø kommune", "St. Eystein skole"],
                measures=[
                    measure(
                        "Lesing i barnehagen", scheme="regional", uh=LMS, themes=["lesing-skriving"]
                    ),
                ],
            ),
            institutions=trollmyra,
        ),
        report(
            "Bodø kommune",
            year=None,
            uh=[NORD],
            schemes=[DEKOM],
            network=SALTEN,
            partners=["St. Eystein skole"],
            key="undated",
            measures=[measure("Lesing uten år", uh=NORD, themes=["lesing-skriving"])],
        ),
    ]


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return Dataset.from_records(corpus())


def table(ds: Dataset, name: str, **filters) -> object:
    return next(t for t in overlaps(ds, Filters(**filters)) if t.name == name)


def cols(t, *keys) -> list[tuple]:
    return [tuple(r[k] for k in keys) for r in t.rows]


# --- overlaps-owner-theme-year ------------------------------------------------------------


def test_same_owner_theme_and_year(ds):
    t = table(ds, "overlaps-owner-theme-year")
    assert cols(t, "owner", "year", "theme", "measures", "measure_names", "reports", "amount") == [
        # 100 000 + 200 000 and 50 000 + 150 000
        (
            "Narvik kommune",
            2024,
            "fagfornyelsen",
            2,
            "Fagfornyelsen x skole; Fagfornyelsen y skole",
            1,
            500_000,
        ),
        # two measures on ledelse, one with SePU and one with INN: still one owner's two
        ("Vågan kommune", 2025, "ledelse", 2, "Ledelse med INN; Ledelse med SePU", 1, 600_000),
    ]
    assert t.money == ("amount",)
    assert t.rows[1]["universities"] == (
        "Senter for praksisrettet utdanningsforskning (Universitetet i Innlandet); "
        "Universitetet i Innlandet"
    )
    # Not here: Narvik's fagfornyelsen across 2024 and 2025 (continuity, the next table),
    # Narvik's vurdering (one measure), Bodø's lesing-skriving (one dated measure; the other
    # has no year).
    assert ("Narvik kommune", 2025) not in {(r["owner"], r["year"]) for r in t.rows}
    assert "Bodø kommune" not in {r["owner"] for r in t.rows}
    assert any("1 measure(s) without a year" in n for n in t.notes)


def test_same_owner_theme_and_year_filters(ds):
    assert cols(table(ds, "overlaps-owner-theme-year", year=2025), "owner") == [("Vågan kommune",)]
    assert table(ds, "overlaps-owner-theme-year", network=SALTEN).rows == []
    assert cols(table(ds, "overlaps-owner-theme-year", scheme=DEKOM), "owner") == [
        ("Narvik kommune",)
    ]


# --- overlaps-owner-theme-years -----------------------------------------------------------


def test_continuity_across_years(ds):
    t = table(ds, "overlaps-owner-theme-years")
    assert cols(t, "owner", "theme", "years", "measures", "measure_names") == [
        (
            "Narvik kommune",
            "fagfornyelsen",
            "2024, 2025",
            3,
            "2024: Fagfornyelsen x skole; 2024: Fagfornyelsen y skole; "
            "2025: Fagfornyelsen x skole, år 2",
        ),
    ]
    # the 2025 report says its measure 1 continues 2024's measure 1
    assert t.rows[0]["declared_continuation"] is True
    # Bodø's lesing-skriving in 2024 and in an undated report is not two years
    assert any("pattern, not double funding" in n for n in t.notes)


def test_continuity_filters(ds):
    # a year filter keeps the pairs that have that year among theirs
    assert len(table(ds, "overlaps-owner-theme-years", year=2025).rows) == 1
    assert len(table(ds, "overlaps-owner-theme-years", year=2024).rows) == 1
    assert table(ds, "overlaps-owner-theme-years", year=2023).rows == []
    assert table(ds, "overlaps-owner-theme-years", network="Lofoten").rows == []


# --- overlaps-partnerships ----------------------------------------------------------------


def test_organisations_in_several_partnerships(ds):
    t = table(ds, "overlaps-partnerships")
    assert cols(
        t, "organisation", "kind", "year", "partnerships", "submitted_by", "schemes", "roles"
    ) == [
        # owner of its own report and partner owner in Meløy's
        (
            "Bodø kommune",
            "Municipality",
            2024,
            2,
            "Bodø kommune; Meløy kommune",
            "desentralisert; regional",
            "owner; partner",
        ),
        # a school named as a partner in both (the undated third report does not count)
        (
            "St. Eystein skole",
            "School",
            2024,
            2,
            "Bodø kommune; Meløy kommune",
            "desentralisert; regional",
            "partner",
        ),
        # a kindergarten listed as a unit in both
        (
            "Trollmyra barnehage",
            "Organization",
            2024,
            2,
            "Bodø kommune; Meløy kommune",
            "desentralisert; regional",
            "institution",
        ),
        # one report per scheme: visible as two partnerships, told apart by the schemes
        (
            "Narvik kommune",
            "Municipality",
            2025,
            2,
            "Narvik kommune; Narvik kommune",
            "desentralisert; regional",
            "owner",
        ),
    ]
    # Not here: Nord universitet (a UH, in five partnerships), Narvik in 2024 (one),
    # Meløy and Vågan (one each).
    names = {r["organisation"] for r in t.rows}
    assert not names & {NORD, "Meløy kommune", "Vågan kommune"}


def test_partnerships_filters(ds):
    assert cols(table(ds, "overlaps-partnerships", year=2025), "organisation") == [
        ("Narvik kommune",)
    ]
    assert cols(table(ds, "overlaps-partnerships", year=2024, network=SALTEN), "organisation") == [
        ("Bodø kommune",),
        ("St. Eystein skole",),
        ("Trollmyra barnehage",),
    ]
    assert table(ds, "overlaps-partnerships", year=2024, network=NARVIK).rows == []
    # with a scheme, only that scheme's partnerships count: each organisation is in one
    assert table(ds, "overlaps-partnerships", scheme="regional").rows == []


# --- overlaps-uh-theme-network ------------------------------------------------------------


def test_several_universities_on_a_theme_in_a_network(ds):
    t = table(ds, "overlaps-uh-theme-network")
    assert cols(t, "network", "year", "theme", "university_count", "universities", "owners") == [
        # Nord for Bodø, LMS (Universitetet i Stavanger) for Meløy
        (
            SALTEN,
            2024,
            "lesing-skriving",
            2,
            "Nord universitet; Universitetet i Stavanger",
            "Bodø kommune; Meløy kommune",
        )
    ]
    assert t.rows[0]["units"] == (
        "Nasjonalt senter for læringsmiljø og atferdsforskning (Universitetet i Stavanger); "
        "Nord universitet"
    )
    assert t.rows[0]["measures"] == "Leseløftet; Lesing i barnehagen"
    # Not here: Vågan's ledelse with SePU and INN (SePU is part of INN: one university),
    # Narvik's fagfornyelsen (Nord only).
    assert table(ds, "overlaps-uh-theme-network", network="Lofoten").rows == []


def test_every_table_explains_itself(ds):
    tables = overlaps(ds, Filters())
    assert [t.name for t in tables] == [
        "overlaps-owner-theme-year",
        "overlaps-owner-theme-years",
        "overlaps-partnerships",
        "overlaps-uh-theme-network",
    ]
    for t in tables:
        assert t.title and t.notes and all(n.endswith(".") for n in t.notes)
        assert all(set(r) == set(t.headers) for r in t.rows)


# --- the five real samples ----------------------------------------------------------------


@pytest.mark.corpus
def test_samples(samples):
    ds = Dataset.from_records(samples.values())
    t = table(ds, "overlaps-owner-theme-year")
    # 004 (Bodø 2024): Tiltak 6 "18 gruppeledersamlinger" (900 000 + 624 914 = 1 524 914)
    # and Tiltak 8 "Digital nettressurs pedagogisk analyse" (0 + 303 986) both cover
    # pedagogisk analyse and høyfrekvente vansker: 1 828 900 each. 003 (Narvik 2025): all
    # three measures are on Fagfornyelsen, 110 000 + 328 000 and twice 20 000 + 308 000,
    # 1 094 000 (the Dekom row of its budget table).
    assert cols(t, "owner", "year", "theme", "measures", "amount") == [
        ("Bodø kommune", 2024, "hoyfrekvente-vansker", 2, 1_828_900),
        ("Bodø kommune", 2024, "pedagogisk-analyse", 2, 1_828_900),
        ("Narvik kommune", 2025, "fagfornyelsen", 3, 1_094_000),
    ]
    # Bodø's 2024 (004) and 2026 (002) measures share three themes: fravaer (Tiltak 6 /
    # Trygt og godt skolemiljø), ledelse (6 Ledersamlinger / Ledersamlinger) and
    # lesing-skriving (Tiltak 6 / Lesing og skriving). Neither report says it continues.
    years = table(ds, "overlaps-owner-theme-years")
    assert cols(years, "owner", "theme", "years", "declared_continuation") == [
        ("Bodø kommune", "fravaer", "2024, 2026", False),
        ("Bodø kommune", "ledelse", "2024, 2026", False),
        ("Bodø kommune", "lesing-skriving", "2024, 2026", False),
    ]
    # One report per year and owner: 2026 has NTG's (000) and Bodø's (002), with no member
    # in common; 001 has no year. Each network-year has one UH per theme (Salten 2024: SePU
    # only on measures; Salten 2026: LMS and Nord on different themes; Narvik 2025: Nord).
    assert table(ds, "overlaps-partnerships").rows == []
    assert table(ds, "overlaps-uh-theme-network").rows == []
