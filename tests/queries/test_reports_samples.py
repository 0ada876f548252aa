"""regions, funding, partners and uh on the five samples: rows a careful reader derives
from the reports, and money that agrees with the SPARQL catalog to the krone."""

from __future__ import annotations

import pytest

from kompetansekart.queries import catalog
from kompetansekart.queries.analyses.dataset import Dataset, Filters
from kompetansekart.queries.analyses.funding import funding
from kompetansekart.queries.analyses.portfolio import UnknownOrganisation, partners, portfolio
from kompetansekart.queries.analyses.regions import regions

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def ds(samples):
    return Dataset.from_records(samples.values())


def table(tables, name):
    return next(t for t in tables if t.name == name)


def test_regions_per_network_and_scheme(ds):
    rows = table(regions(ds, Filters()), "regions").rows
    salten = {r["scheme"]: r for r in rows if r["network"] == "Kompetansenettverk Salten"}
    # 004 (2024): Kompetanseløftet = the three measures with SePU; Regional and
    # Desentralisert rows give money to SePU and Nord. 002 (2026): no scheme stated.
    assert set(salten) == {"(not stated)", "desentralisert", "kompetanseloftet", "regional"}
    kl = salten["kompetanseloftet"]
    assert (kl["measures"], kl["owner_amount"], kl["uh_amount"]) == (3, 1_380_000, 1_512_500)
    assert kl["universities"] == (
        "Senter for praksisrettet utdanningsforskning (Universitetet i Innlandet)"
    )
    assert salten["(not stated)"]["total"] == 2_458_860  # 002's grand sum
    narvik = [r for r in rows if r["network"] == "Kompetansenettverk Narvik"]
    assert sum(r["total"] for r in narvik) == 3_406_800  # 003's grand sum
    assert {r["universities"] for r in narvik} == {"Nord universitet"}
    # networks with no report are listed, with nothing in them
    lofoten = next(r for r in rows if r["network"] == "Lofoten")
    assert (lofoten["scheme"], lofoten["total"], lofoten["owners"]) == ("—", 0, "")
    # NTG belongs to no network; its money is still counted
    ntg = [r for r in rows if r["network"] == "(no network)"]
    assert sum(r["total"] for r in ntg) == 200_000


def test_regions_by_area(ds):
    t = table(regions(ds, Filters(network="Kompetansenettverk Salten")), "regions-areas")
    assert len(t.rows) == 10  # Bodø and RKK Salten's nine
    bodo = next(r for r in t.rows if r["kommunenummer"] == "1804")
    assert bodo["partnerships"] == 2  # 002 and 004
    assert "Nord universitet" in bodo["universities"]
    assert all(r["universities"] == "" for r in t.rows if r["kommunenummer"] != "1804")


def test_funding_agrees_with_the_sparql_catalog(ds, sparql_graphs):
    mine = table(funding(ds, Filters()), "funding-scheme-year").rows
    _, theirs = catalog.run(sparql_graphs["oxigraph"], catalog.load("funding-by-scheme-year"))
    key = ("owner_amount", "uh_amount", "total")
    assert sorted(
        (
            (
                r["scheme"] if r["scheme"] != "(not stated)" else None,
                r["year"],
                *(r[k] for k in key),
            )
            for r in mine
        ),
        key=repr,
    ) == sorted(((r["scheme"], r["year"], *(r[k] for k in key)) for r in theirs), key=repr)
    networks = table(funding(ds, Filters()), "funding-network").rows
    _, sparql = catalog.run(sparql_graphs["oxigraph"], catalog.load("funding-by-network"))
    assert sum(r["total"] for r in networks if r["network"] != "(no network)") == sum(
        r["total"] for r in sparql
    )


def test_funding_by_uh_and_owner(ds):
    tables = funding(ds, Filters(year=2024))
    uh = {(r["university"], r["unit"]): r["uh_amount"] for r in table(tables, "funding-uh").rows}
    sepu = "Senter for praksisrettet utdanningsforskning (Universitetet i Innlandet)"
    assert uh == {
        ("Universitetet i Innlandet", sepu): 2_386_450,  # 004's Sum row: (SePU)
        ("Nord universitet", "Nord universitet"): 383_040,  # 004's Sum row: (Nord)
    }
    owner = table(tables, "funding-owner").rows
    assert [(r["owner"], r["total"], r["uh_share"]) for r in owner] == [
        ("Bodø kommune", 4_349_490, "63.7 %")
    ]


def test_partners_of_an_owner_by_alias(ds):
    (t,) = partners(ds, Filters(), "Bodø")  # the gazetteer's short name
    assert t.title == "Partnerships of Bodø kommune"
    assert [(r["year"], r["owners_in_partnership"], r["measures"], r["total"]) for r in t.rows] == [
        (2024, 18, 3, 4_349_490),
        (2026, 2, 5, 2_458_860),
    ]
    (st,) = partners(ds, Filters(), "St.Eystein skole")  # a partner, not the submitter
    assert [r["submitted_by"] for r in st.rows] == ["Bodø kommune", "Bodø kommune"]


def test_uh_portfolio_includes_units_and_budget_rows(ds):
    (t,) = portfolio(ds, Filters(), "HiNN")  # an old name of Universitetet i Innlandet
    assert sum(r["uh_amount"] for r in t.rows) == 2_386_450 + 150_000  # SePU 2024 + NTG 2026
    measures = [r["measure"] for r in t.rows]
    assert measures.count("(budget row without a measure)") == 2  # SePU regional, desentr.
    with pytest.raises(UnknownOrganisation, match="did you mean: Nord universitet"):
        portfolio(ds, Filters(), "Nordd")


def test_a_partnerships_schemes_are_its_own_reports():
    from factory import measure, report

    # Narvik sends two reports in 2025 with Nord: one Rekom, one Dekom.
    rekom = report(
        "Narvik kommune",
        year=2025,
        uh=["Nord universitet"],
        schemes=["regional"],
        measures=[measure("Lek", scheme="regional", uh="Nord universitet")],
        key="r",
    )
    dekom = report(
        "Narvik kommune",
        year=2025,
        uh=["Nord universitet"],
        schemes=["desentralisert"],
        measures=[measure("Lesing", scheme="desentralisert", uh="Nord universitet")],
        key="d",
    )
    ds = Dataset.from_records([rekom, dekom])
    by_report = {p.report: p.schemes for p in ds.partnerships()}
    assert by_report == {
        f"report:{rekom.id}": ("regional",),
        f"report:{dekom.id}": ("desentralisert",),
    }
    assert [p.report for p in ds.partnerships(Filters(scheme="regional"))] == [f"report:{rekom.id}"]
