"""Gaps on a synthetic corpus built so every gap is known by construction, and on the five
real samples, where the careful reader's derivation is written out beside the assertion."""

from __future__ import annotations

from dataclasses import replace

import pytest
from factory import measure, org, report

from kompetansekart.ingest.records import Institution
from kompetansekart.queries.analyses.dataset import Dataset, Filters
from kompetansekart.queries.analyses.gaps import gaps

SALTEN = "Kompetansenettverk Salten"
NARVIK = "Kompetansenettverk Narvik"
OFOTEN = "Ofoten (rest)"
NORD = "Nord universitet"
UIT = "UiT Norges arktiske universitet"
NP, NO_UH, UNSTATED = "no partnership", "no university partner", "(not stated)"
FLAG = "has_partnership_scheme_not_stated"

SALTEN_MUNICIPALITIES = [
    ("1804", "Bodø kommune"),
    ("1836", "Rødøy kommune"),
    ("1837", "Meløy kommune"),
    ("1838", "Gildeskål kommune"),
    ("1839", "Beiarn kommune"),
    ("1840", "Saltdal kommune"),
    ("1841", "Fauske kommune"),
    ("1845", "Sørfold kommune"),
    ("1848", "Steigen kommune"),
    ("1875", "Hamarøy kommune"),
]


def corpus() -> list:
    """Salten in 2024: Bodø (Dekom, with Nord), Meløy (Dekom, with Nord, and with Gildeskål
    kommune and a Beiarn school as partners), Fauske (Rekom, no UH), Saltdal (scheme not
    stated, with UiT). Narvik: Rekom and Dekom in 2024, Dekom only in 2025. Evenes (Ofoten):
    Kompetanseløftet in 2024. NTG (no network): Dekom in 2024. Steigen: a report with no year.
    """
    meloy = report(
        "Meløy kommune",
        year=2024,
        uh=[NORD],
        schemes=["desentralisert"],
        network=SALTEN,
        partners=["Gildeskål kommune", "Moldjord skole"],
        measures=[
            measure("Ledelse", scheme="desentralisert", uh=NORD, themes=["ledelse"]),
        ],
    )
    # The report lists Moldjord skole as a unit owned by Beiarn kommune: a partner school
    # stands for the municipality that owns it.
    meloy = replace(
        meloy, institutions=[Institution(org("Moldjord skole"), owner=org("Beiarn kommune"))]
    )
    return [
        report(
            "Bodø kommune",
            year=2024,
            uh=[NORD],
            schemes=["desentralisert"],
            network=SALTEN,
            measures=[
                measure("Leseløftet", scheme="desentralisert", uh=NORD, themes=["lesing-skriving"])
            ],
            needs=["lesing-skriving", "matematikk"],
        ),
        meloy,
        report(
            "Fauske kommune",
            year=2024,
            schemes=["regional"],
            network=SALTEN,
            measures=[
                measure("Språk i barnehagen", scheme="regional", uh_amount=None, themes=["sprak"])
            ],
            needs=["sprak"],
        ),
        report(
            "Saltdal kommune",
            year=2024,
            uh=[UIT],
            network=SALTEN,
            measures=[measure("Regning", uh=UIT, themes=["matematikk"])],
        ),
        report(
            "Narvik kommune",
            year=2024,
            uh=[NORD],
            schemes=["regional", "desentralisert"],
            network=NARVIK,
            measures=[
                measure("Fagfornyelsen", scheme="desentralisert", uh=NORD, themes=["fagfornyelsen"])
            ],
            needs=["klasseledelse"],
        ),
        report(
            "Narvik kommune",
            year=2025,
            uh=[NORD],
            schemes=["desentralisert"],
            network=NARVIK,
            measures=[
                measure("Klasseledelse", scheme="desentralisert", uh=NORD, themes=["klasseledelse"])
            ],
        ),
        report(
            "Evenes kommune",
            year=2024,
            uh=[UIT],
            schemes=["kompetanseloftet"],
            network=OFOTEN,
            needs=["sprak"],
        ),
        report(
            "Stiftelsen NTG",
            year=2024,
            uh=["Universitetet i Innlandet"],
            schemes=["desentralisert"],
            needs=["ledelse"],
        ),
        report("Steigen kommune", year=None, uh=[NORD], schemes=["desentralisert"]),
    ]


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return Dataset.from_records(corpus())


def table(ds: Dataset, name: str, **filters) -> object:
    return next(t for t in gaps(ds, Filters(**filters)) if t.name == name)


def cols(t, *keys) -> list[tuple]:
    return [tuple(r[k] for k in keys) for r in t.rows]


# --- gaps-municipalities ------------------------------------------------------------------


def test_municipalities_rekom_in_salten(ds):
    t = table(ds, "gaps-municipalities", year=2024, scheme="regional", network=SALTEN)
    assert cols(t, "kommunenummer", "municipality", "gap", FLAG) == [
        ("1804", "Bodø kommune", NP, False),  # Dekom only: no Rekom partnership
        ("1836", "Rødøy kommune", NP, False),  # no report at all
        ("1837", "Meløy kommune", NP, False),  # Dekom only
        ("1838", "Gildeskål kommune", NP, False),  # partner in Meløy's Dekom partnership only
        ("1839", "Beiarn kommune", NP, False),  # its school is in Meløy's Dekom partnership
        ("1840", "Saltdal kommune", NP, True),  # its partnership states no scheme
        ("1841", "Fauske kommune", NO_UH, False),  # a Rekom partnership without a UH
        ("1845", "Sørfold kommune", NP, False),
        ("1848", "Steigen kommune", NP, False),  # its report has no year: left out
        ("1875", "Hamarøy kommune", NP, False),
    ]
    assert {(r["year"], r["scheme"], r["network"]) for r in t.rows} == {(2024, "regional", SALTEN)}


def test_municipalities_dekom_in_salten(ds):
    t = table(ds, "gaps-municipalities", year=2024, scheme="desentralisert", network=SALTEN)
    # Not gaps: Bodø (own partnership with Nord), Meløy (own, with Nord), Gildeskål (a partner
    # owner in Meløy's), Beiarn (owns Moldjord skole, a partner in Meløy's).
    assert cols(t, "kommunenummer", "gap", FLAG) == [
        ("1836", NP, False),
        ("1840", NP, True),  # Saltdal: only a partnership of unstated scheme
        ("1841", NP, False),  # Fauske: Rekom is not Dekom
        ("1845", NP, False),
        ("1848", NP, False),  # Steigen's undated Dekom report does not count for 2024
        ("1875", NP, False),
    ]


def test_municipalities_every_scheme_of_the_year(ds):
    # With no scheme filter, 2024 is compared per scheme some partnership names that year:
    # regional (Fauske, Narvik), desentralisert (Bodø, Meløy, Narvik, NTG), kompetanseloftet
    # (Evenes) and '(not stated)' (Saltdal), in that order.
    t = table(ds, "gaps-municipalities", year=2024, network=NARVIK)
    # Narvik has Rekom and Dekom with Nord: gaps only where it has nothing.
    assert cols(t, "municipality", "year", "scheme", "gap", FLAG) == [
        ("Narvik kommune", 2024, "kompetanseloftet", NP, False),
        ("Narvik kommune", 2024, UNSTATED, NP, False),
    ]
    salten = table(ds, "gaps-municipalities", year=2024, network=SALTEN)
    per_scheme = {}
    for r in salten.rows:
        per_scheme[r["scheme"]] = per_scheme.get(r["scheme"], 0) + 1
    assert per_scheme == {"regional": 10, "desentralisert": 6, "kompetanseloftet": 10, UNSTATED: 9}
    # Saltdal's own '(not stated)' partnership has a UH: not a gap under '(not stated)'.
    assert ("1840", UNSTATED) not in {(r["kommunenummer"], r["scheme"]) for r in salten.rows}


def test_municipalities_all_years(ds):
    t = table(ds, "gaps-municipalities")
    rows = {(r["kommunenummer"], r["year"], r["scheme"]) for r in t.rows}
    # 2024: 41 municipalities x 4 schemes, less the covered-with-UH pairs: Bodø, Meløy,
    # Gildeskål, Beiarn, Narvik (Dekom); Narvik (Rekom); Evenes (Kompetanseløftet); Saltdal
    # (not stated) = 164 - 8. 2025 names only Dekom: 41 less Narvik. No year None rows.
    assert len(t.rows) == 156 + 40
    assert {y for _, y, _ in rows} == {2024, 2025}
    assert ("1806", 2025, "desentralisert") not in rows
    assert ("1806", 2025, "regional") not in rows  # no Rekom partnership anywhere in 2025
    assert ("1853", 2024, "kompetanseloftet") not in rows  # Evenes with UiT
    assert ("1853", 2024, "regional") in rows
    assert any("1 partnership(s) without a year" in n for n in t.notes)
    assert any(UNSTATED in n for n in t.notes)


def test_municipalities_in_a_year_without_reports(ds):
    # No partnership is dated 2023: no scheme to compare, so no rows, and a note says why.
    t = table(ds, "gaps-municipalities", year=2023)
    assert t.rows == []
    assert any("No partnership is dated 2023" in n for n in t.notes)
    # Given a scheme, every municipality is listed.
    t = table(ds, "gaps-municipalities", year=2023, scheme="regional")
    assert len(t.rows) == 41 and {r["gap"] for r in t.rows} == {NP}


# --- gaps-networks ------------------------------------------------------------------------


def test_networks_salten(ds):
    t = table(ds, "gaps-networks", year=2024, network=SALTEN)
    assert cols(
        t, "network", "year", "scheme", "municipalities", "with_partnership", "with_university"
    ) == [
        (SALTEN, 2024, "regional", 10, 1, 0),  # Fauske, without a UH
        (SALTEN, 2024, "desentralisert", 10, 4, 4),  # Bodø, Meløy, Gildeskål, Beiarn
        (SALTEN, 2024, "kompetanseloftet", 10, 0, 0),
        (SALTEN, 2024, UNSTATED, 10, 1, 1),  # Saltdal
    ]
    assert [r["gap"] for r in t.rows] == [
        "no member has a university partner",
        None,
        "no member has a partnership",
        None,
    ]


def test_networks_one_scheme_every_network(ds):
    t = table(ds, "gaps-networks", year=2024, scheme="kompetanseloftet")
    # Only Evenes (the one member of Ofoten (rest)) has a Kompetanseløftet partnership.
    assert cols(t, "network", "municipalities", "with_partnership", "with_university", "gap") == [
        (SALTEN, 10, 0, 0, "no member has a partnership"),
        (NARVIK, 1, 0, 0, "no member has a partnership"),
        ("Vesterålen og Lødingen (RKK Vesterålen)", 6, 0, 0, "no member has a partnership"),
        ("Lofoten", 6, 0, 0, "no member has a partnership"),
        ("Sør-Helgeland", 5, 0, 0, "no member has a partnership"),
        ("Vefsn-regionen (RKK Vefsn)", 4, 0, 0, "no member has a partnership"),
        ("Ytre Helgeland (Alstahaug-regionen)", 4, 0, 0, "no member has a partnership"),
        ("Rana-regionen", 4, 0, 0, "no member has a partnership"),
        (OFOTEN, 1, 1, 1, None),
    ]


# --- gaps-needs ---------------------------------------------------------------------------


def test_needs_without_a_measure(ds):
    t = table(ds, "gaps-needs")
    assert cols(t, "network", "year", "owner", "theme", "theme_label") == [
        # NTG is in no network: Meløy's ledelse measure (Salten) does not count for it.
        ("(no network)", 2024, "Stiftelsen NTG", "ledelse", "Ledelse"),
        # Narvik's klasseledelse measure is in 2025, not 2024.
        (NARVIK, 2024, "Narvik kommune", "klasseledelse", "Klasseledelse"),
        # Fauske's sprak measure is in Salten, not Ofoten.
        (OFOTEN, 2024, "Evenes kommune", "sprak", "Språk"),
    ]
    # Not gaps: Bodø's lesing-skriving (its own measure), Bodø's matematikk (Saltdal's
    # measure, same network and year), Fauske's sprak (its own measure).
    owners = {r["owner"] for r in t.rows}
    assert "Bodø kommune" not in owners and "Fauske kommune" not in owners


def test_needs_filters(ds):
    assert cols(table(ds, "gaps-needs", network=NARVIK), "owner", "theme") == [
        ("Narvik kommune", "klasseledelse")
    ]
    assert table(ds, "gaps-needs", year=2025).rows == []
    # needs have no scheme: a scheme filter does not hide them
    assert len(table(ds, "gaps-needs", scheme="regional").rows) == 3


# --- gaps-kindergarten --------------------------------------------------------------------


def test_kindergarten_missing_where_schools_are_covered(ds):
    t = table(ds, "gaps-kindergarten")
    assert cols(t, "level", "network", "kommunenummer", "municipality", "year", FLAG) == [
        # 2024: Salten as a network has both (Fauske's Rekom partnership), but these four
        # municipalities have Dekom and no Rekom.
        ("municipality", SALTEN, "1804", "Bodø kommune", 2024, False),
        ("municipality", SALTEN, "1837", "Meløy kommune", 2024, False),
        ("municipality", SALTEN, "1838", "Gildeskål kommune", 2024, False),
        ("municipality", SALTEN, "1839", "Beiarn kommune", 2024, False),
        # 2025: Narvik has Dekom only, as a network and as a municipality.
        ("network", NARVIK, None, None, 2025, False),
        ("municipality", NARVIK, "1806", "Narvik kommune", 2025, False),
    ]
    # Not reported: Fauske (kindergartens only), Saltdal (scheme not stated), Narvik 2024
    # (both sectors), Evenes (Kompetanseløftet only).


def test_kindergarten_filters(ds):
    t = table(ds, "gaps-kindergarten", year=2025, network=SALTEN)
    assert t.rows == []
    t = table(ds, "gaps-kindergarten", year=2025, network=NARVIK)
    assert cols(t, "level", "year") == [("network", 2025), ("municipality", 2025)]


def test_every_table_explains_itself(ds):
    tables = gaps(ds, Filters())
    assert [t.name for t in tables] == [
        "gaps-municipalities",
        "gaps-networks",
        "gaps-needs",
        "gaps-kindergarten",
    ]
    for t in tables:
        assert t.title and t.notes and all(n.endswith(".") for n in t.notes)
        assert all(set(r) == set(t.headers) for r in t.rows)


# --- the five real samples ----------------------------------------------------------------


@pytest.mark.corpus
def test_samples(samples):
    ds = Dataset.from_records(samples.values())
    t = table(ds, "gaps-municipalities", year=2024, scheme="kompetanseloftet")
    # The careful reader: only 004 is dated 2024 (000 and 002 are 2026, 003 is 2025, 001
    # states no year). 004 is Bodø kommune's Kompetanseløftet report with SePU (and Nord in
    # the budget), so Bodø is covered with a UH. Its 17 other partner owners are private
    # kindergarten owners, Nord Studentsamskipnad, St. Eystein skole and two Værøy units
    # ("Værøy barnehage", "Værøy skole") whose owner the report does not name: none is a
    # municipality, so Værøy kommune stays a gap. 40 of 41 municipalities, all but 1804.
    everyone = {m.kommunenummer for m in ds.gazetteer.municipalities()}
    assert len(everyone) == 41
    assert {r["kommunenummer"] for r in t.rows} == everyone - {"1804"}
    assert len(t.rows) == 40
    assert {(r["gap"], r[FLAG]) for r in t.rows} == {(NP, False)}
    # Needs: NTG (no network) states ten needs in 2026 and its one measure (NTG Bodø)
    # covers ledelse and profesjonsfellesskap; 001 (no year) states three and has no
    # measures. Bodø's 2024 and 2026 needs are all met by its own measures; 003 states none.
    needs = table(ds, "gaps-needs")
    assert {(r["owner"], r["year"]) for r in needs.rows} == {
        ("Stiftelsen NTG", 2026),
        ("Stiftelsen NTG", None),
    }
    assert sorted(r["theme"] for r in needs.rows if r["year"] is None) == [
        "fagfornyelsen",
        "ledelse",
        "profesjonsfellesskap",
    ]
    assert len(needs.rows) == 8 + 3
    # Kindergartens: 004 (2024) and 003 (2025) both name Rekom and Dekom; the 2026 reports
    # state no scheme. No Dekom-without-Rekom anywhere.
    assert table(ds, "gaps-kindergarten").rows == []
