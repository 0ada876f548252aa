"""The one-page summary on a synthetic corpus with known counts and money, and on the five
real samples.

Synthetic corpus (money in thousands, owner/UH):
    Fauske 2024 + Nord:              2 measures under desentralisert, 100/200 and 50/150
    Narvik 2025 + Evenes, Nord, SePU: 1 measure under kompetanseloftet, 0/300 (no owner grant)
    Stiftelsen NTG, no year, + INN:   a budget row with no scheme, 40/60
    Bodø 2025 + Nord:                 a budget row under regional, 20/80
"""

from __future__ import annotations

import pytest
from factory import budget_row, measure, report

from kompetansekart.queries.analyses.dataset import Dataset, Filters
from kompetansekart.queries.analyses.summary import reports, summary

NORD = "Nord universitet"
INN = "Universitetet i Innlandet"
SEPU = "Senter for praksisrettet utdanningsforskning"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return Dataset.from_records(
        [
            report(
                "Fauske kommune",
                year=2024,
                uh=[NORD],
                schemes=["desentralisert"],
                measures=[
                    measure(
                        "Lesing i alle fag",
                        scheme="desentralisert",
                        owner_amount=100_000,
                        uh_amount=200_000,
                        uh=NORD,
                        themes=["lesing-skriving", "ledelse"],
                    ),
                    measure(
                        "Ledersamlinger",
                        scheme="desentralisert",
                        owner_amount=50_000,
                        uh_amount=150_000,
                        uh=NORD,
                        themes=["ledelse"],
                    ),
                ],
                needs=["lesing-skriving", "ledelse", "vurdering"],
            ),
            report(
                "Narvik kommune",
                year=2025,
                uh=[NORD, SEPU],
                partners=["Evenes kommune"],
                measures=[
                    measure(
                        "Inkluderende praksis",
                        scheme="kompetanseloftet",
                        owner_amount=0,
                        uh_amount=300_000,
                        uh=SEPU,
                        themes=["inkludering", "ledelse"],
                    )
                ],
                needs=["inkludering", "atferd"],
            ),
            report(
                "Stiftelsen NTG",
                year=None,
                uh=[INN],
                budget=[budget_row(None, 40_000, 60_000)],
                needs=["ledelse"],
            ),
            report(
                "Bodø kommune",
                year=2025,
                uh=[NORD],
                budget=[budget_row("regional", 20_000, 80_000)],
                needs=["sprak"],
            ),
        ]
    )


def tables(ds: Dataset, f: Filters | None = None) -> dict:
    return {t.name: t for t in summary(ds, f or Filters())}


def test_summary_rows_in_full(ds):
    table = tables(ds)["summary"]
    assert table.headers == ["item", "value", "detail", "amount"]
    assert table.money == ("amount",) and not table.totals
    assert [(r["item"], r["value"], r["detail"], r["amount"]) for r in table.rows] == [
        ("Reports read", 4, "submitted by 4 owners", None),
        ("Years covered", "2024–2025", "2024: 1; 2025: 2; 1 report without a year", None),
        # Fauske, Narvik, Evenes (Narvik's co-owner), NTG, Bodø
        ("Owners in partnerships", 5, "4 submitted a report; 1 more is named as a partner", None),
        (
            "Municipalities with a partnership",
            4,
            "of 41 in the gazetteer: Bodø kommune, Evenes kommune, Fauske kommune, Narvik kommune",
            None,
        ),
        # SePU counts as Universitetet i Innlandet
        ("Universities (a unit counts as its host)", 2, f"{NORD}, {INN}", None),
        ("University units named as partners", 1, f"{SEPU} ({INN})", None),
        (
            # Fauske and Bodø: Salten; Narvik: Narvik; Evenes: Ofoten (rest)
            "Competence networks with a partnership",
            3,
            "of 9 in the gazetteer: Kompetansenettverk Narvik, Kompetansenettverk Salten, "
            "Ofoten (rest)",
            None,
        ),
        ("Partnerships", 4, "1 with more than one owner", None),
        ("Measures", 3, "in 2 reports", None),
        # needs: lesing-skriving, ledelse, vurdering, inkludering, atferd, sprak;
        # measures address lesing-skriving, ledelse, inkludering
        ("Themes stated as needs", 6, "3 of them addressed by no measure (see `gaps`)", None),
        ("Themes addressed by measures", 3, None, None),
        # owners: 100 + 50 + 40 + 20; UH: 200 + 150 + 300 + 60 + 80 (thousands)
        ("Money asked for the owners' part", None, None, 210_000),
        ("Money asked for the universities' part", None, None, 790_000),
        ("Money asked in total", None, "9 grants", 1_000_000),
    ]


def test_money_equals_the_sum_of_all_grants(ds):
    rows = {r["item"]: r["amount"] for r in tables(ds)["summary"].rows}
    assert rows["Money asked in total"] == sum(g.amount for g in ds.grants())
    schemes = tables(ds)["summary-schemes"]
    assert schemes.total_row()["total"] == rows["Money asked in total"]


def test_notes_point_to_the_other_reports(ds):
    notes = " ".join(tables(ds)["summary"].notes)
    for command in ("regions", "gaps", "overlaps", "audit", "brokers", "funding"):
        assert f"`{command}`" in notes or f"report {command}`" in notes
    # examples from the data: ties by name for the owner, Nord in three partnerships
    assert "`kompetansekart report partners 'Bodø kommune'`" in notes
    assert "`kompetansekart report uh 'Nord universitet'`" in notes


def test_themes_table(ds):
    table = tables(ds)["summary-themes"]
    assert table.headers == ["theme", "measures", "owners"]
    assert table.rows == [
        {"theme": "Ledelse", "measures": 3, "owners": 2},  # Fauske twice, Narvik once
        {"theme": "Inkludering", "measures": 1, "owners": 1},
        {"theme": "Lesing og skriving", "measures": 1, "owners": 1},
    ]


def test_schemes_table(ds):
    table = tables(ds)["summary-schemes"]
    assert table.money == ("owner_amount", "uh_amount", "total") and table.totals
    assert table.rows == [
        {
            "scheme": "Desentralisert ordning for kompetanseutvikling i skolen",
            "code": "desentralisert",
            "owner_amount": 150_000,
            "uh_amount": 350_000,
            "total": 500_000,
        },
        {
            "scheme": "Kompetanseløftet for spesialpedagogikk og inkluderende praksis",
            "code": "kompetanseloftet",
            "owner_amount": 0,
            "uh_amount": 300_000,
            "total": 300_000,
        },
        {
            "scheme": "Regional ordning for kompetanseutvikling i barnehage",
            "code": "regional",
            "owner_amount": 20_000,
            "uh_amount": 80_000,
            "total": 100_000,
        },
        # money without a scheme comes last, whatever its size
        {
            "scheme": "(not stated)",
            "code": None,
            "owner_amount": 40_000,
            "uh_amount": 60_000,
            "total": 100_000,
        },
    ]
    assert table.total_row() == {
        "scheme": "Sum",
        "code": None,
        "owner_amount": 210_000,
        "uh_amount": 790_000,
        "total": 1_000_000,
    }


def test_filters(ds):
    def values(f: Filters) -> dict:
        return {r["item"]: (r["value"], r["amount"]) for r in tables(ds, f)["summary"].rows}

    in_2025 = values(Filters(year=2025))
    assert in_2025["Reports read"] == (2, None)  # Narvik and Bodø
    assert in_2025["Years covered"] == ("2025", None)
    assert in_2025["Money asked in total"] == (None, 400_000)  # 300 + 20 + 80
    salten = values(Filters(network="Kompetansenettverk Salten"))
    assert salten["Reports read"] == (2, None)  # Fauske and Bodø
    assert salten["Money asked in total"] == (None, 600_000)
    # a scheme keeps the reports with a partnership or grant under it
    assert len(reports(ds, Filters(scheme="regional"))) == 1  # Bodø
    assert values(Filters(scheme="regional"))["Money asked in total"] == (None, 100_000)


def test_empty_store():
    rows = {r["item"]: r for r in tables(Dataset.from_records([]))["summary"].rows}
    assert rows["Reports read"]["value"] == 0
    assert rows["Years covered"]["value"] is None
    assert rows["Money asked in total"]["amount"] == 0


@pytest.mark.corpus
def test_summary_on_the_samples(samples):
    ds = Dataset.from_records(samples.values())
    t = tables(ds)
    rows = {r["item"]: (r["value"], r["detail"], r["amount"]) for r in t["summary"].rows}
    # 000 and 002 are for 2026, 003 for 2025, 004 for 2024; the letter (001) has no year.
    # NTG wrote 000 and 001, Bodø 002 and 004, Narvik 003.
    assert rows["Reports read"] == (5, "submitted by 3 owners", None)
    assert rows["Years covered"] == (
        "2024–2026",
        "2024: 1; 2025: 1; 2026: 2; 1 report without a year",
        None,
    )
    # 004 lists 18 owners (Bodø and St. Eystein among them; 002 adds no new one) + NTG +
    # Narvik.
    assert rows["Owners in partnerships"][0] == 20
    assert rows["Municipalities with a partnership"][:2] == (
        2,
        "of 41 in the gazetteer: Bodø kommune, Narvik kommune",
    )
    # LMS is a unit of Universitetet i Stavanger, SePU of Universitetet i Innlandet.
    assert rows["Universities (a unit counts as its host)"][:2] == (
        3,
        f"{NORD}, {INN}, Universitetet i Stavanger",
    )
    assert rows["University units named as partners"][0] == 2
    assert rows["Competence networks with a partnership"][:2] == (
        2,
        "of 9 in the gazetteer: Kompetansenettverk Narvik, Kompetansenettverk Salten",
    )
    assert rows["Partnerships"][:2] == (5, "2 with more than one owner")  # 002 and 004
    # NTG 1 (000), Bodø 5 (002), Narvik 3 (003), Bodø 3 (004); the letter has none.
    assert rows["Measures"][:2] == (12, "in 4 reports")
    # NTG's 2026 report states 10 needs, and 7 of them (klasseledelse, lærevansker, ...)
    # no measure in any report addresses.
    assert rows["Themes stated as needs"][:2] == (
        22,
        "7 of them addressed by no measure (see `gaps`)",
    )
    grants = ds.grants()
    owner = sum(g.amount for g in grants if g.role == "eier")
    uh = sum(g.amount for g in grants if g.role == "uh")
    assert rows["Money asked for the owners' part"][2] == owner == 3_430_000
    assert rows["Money asked for the universities' part"][2] == uh == 6_985_150
    assert rows["Money asked in total"][2] == owner + uh == 10_415_150

    # Ledelse: NTG's measure, Bodø's 2026 and 2024 leader gatherings, Narvik's first
    # measure. Profesjonsfellesskap: NTG, Narvik, Bodø 2024. Fagfornyelsen: Narvik's three.
    assert [(r["theme"], r["measures"], r["owners"]) for r in t["summary-themes"].rows[:3]] == [
        ("Ledelse", 4, 3),
        ("Profesjonsfellesskap", 3, 3),
        ("Fagfornyelsen", 3, 1),
    ]
    schemes = t["summary-schemes"]
    # The 2026 reports (000, 002) state no scheme for their measures: 50 000 + 880 000 for
    # the owners, 150 000 + 1 578 860 for the UH.
    assert schemes.rows[-1] == {
        "scheme": "(not stated)",
        "code": None,
        "owner_amount": 930_000,
        "uh_amount": 1_728_860,
        "total": 2_658_860,
    }
    assert [r["code"] for r in schemes.rows] == [
        "kompetanseloftet",
        "regional",
        "desentralisert",
        None,
    ]
    assert schemes.total_row()["total"] == 10_415_150
