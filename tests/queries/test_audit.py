"""The budget audit: silent on the five samples (their sums reconcile, and the expected
number of checks shows it really compared them), and it finds each mismatch planted in a
synthetic report exactly where it was planted, with stated, computed and difference."""

from __future__ import annotations

import copy
from collections import Counter
from pathlib import Path, PurePath

import pytest
from factory import budget_row, measure, org, report

from kompetansekart.ingest.records import NeedsReport, UhShare, from_json
from kompetansekart.queries.analyses.audit import audit, checks_of
from kompetansekart.queries.analyses.dataset import Dataset, Filters
from kompetansekart.queries.analyses.table import Table

ROOT = Path(__file__).resolve().parents[2]
NORD = "Nord universitet"
INN = "Universitetet i Innlandet"


def run(records: list[NeedsReport], f: Filters | None = None) -> tuple[Table, Table]:
    found, checked = audit(Dataset.from_records(records), f or Filters())
    assert (found.name, checked.name) == ("audit", "audit-checked")
    return found, checked


def found_rows(table: Table) -> list[tuple]:
    """The parts of each mismatch that say what was wrong and where."""
    keys = ("check", "what", "column", "line", "stated", "computed", "difference")
    return [tuple(r[k] for k in keys) for r in table.rows]


# --- the real samples -------------------------------------------------------------------

# Worked out by hand from the parsed budgets and measures:
#   000: the 'Samlet' row and the one measure, each owner + UH = total.
#   001: no budget, no measure amounts.
#   002: five 'Tiltak N' rows (total and the one-UH breakdown each), five measure totals,
#        each row against its measure (owner, UH; numbers repeat, names decide), the Sum
#        row's own total and its three columns.
#   003: three scheme rows, measures without totals, the desentralisert measures against
#        their row (owner, UH), the Sum row's own total and its three columns.
#   004: three scheme rows with breakdowns, three measure totals, kompetanseloftet measures
#        against their row, the Sum row (total, breakdown, three columns, Sepu and Nord).
SAMPLE_CHECKS = {
    "000": {"row-total": 1, "measure-total": 1},
    "001": {},
    "002": {
        "row-total": 6,
        "uh-breakdown": 5,
        "measure-total": 5,
        "measure-column": 10,
        "grand-sum": 3,
    },
    "003": {"row-total": 4, "scheme-column": 2, "grand-sum": 3},
    "004": {
        "row-total": 4,
        "uh-breakdown": 4,
        "measure-total": 3,
        "scheme-column": 2,
        "grand-sum": 5,
    },
}


@pytest.mark.corpus
def test_samples_reconcile(samples):
    found, checked = run(list(samples.values()))
    assert found.rows == []
    per_report = {r["report"][:3]: (r["checks"], r["mismatches"]) for r in checked.rows}
    assert per_report == {
        "000": (2, 0),
        "001": (0, 0),
        "002": (29, 0),
        "003": (9, 0),
        "004": (18, 0),
    }


@pytest.mark.corpus
@pytest.mark.parametrize("key", sorted(SAMPLE_CHECKS))
def test_sample_checks_by_kind(samples, key):
    checks = checks_of(samples[key])
    assert Counter(c.code for c in checks) == Counter(SAMPLE_CHECKS[key])
    assert all(c.ok for c in checks)
    assert all(c.line is not None for c in checks)


@pytest.mark.corpus
def test_lines_survive_a_json_round_trip(samples):
    """A store reads records back from JSON, where BudgetRow.line is gone: the evidence
    still gives every check its line."""
    for record in samples.values():
        again = from_json(record.to_json())
        assert checks_of(again) == checks_of(record)


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (Filters(year=2024), {"004": 18}),
        (Filters(scheme="kompetanseloftet"), {"003": 1, "004": 7}),
        (Filters(network="Kompetansenettverk Salten"), {"002": 29, "004": 18}),
        (Filters(network="org:kompetansenettverk-narvik"), {"003": 9}),
    ],
)
def test_sample_filters(samples, f, expected):
    found, checked = run(list(samples.values()), f)
    assert found.rows == []
    assert {r["report"][:3]: r["checks"] for r in checked.rows} == expected


# --- the demo report with a planted row mismatch ----------------------------------------


def test_demo_flawed_row_and_its_sum(parser):
    record = parser.parse_file(ROOT / "demo" / "reports" / "form2024-flaws-saltdal.txt")
    found, checked = run([record])
    assert found_rows(found) == [
        ("row-total", "desentralisert", "total", 27, 640_000, 600_000, -40_000),
        ("row-total", "Sum", "total", 29, 640_000, 600_000, -40_000),
    ]
    assert {r["report"] for r in found.rows} == {"form2024-flaws-saltdal.txt"}
    assert found.rows[0]["owner"] == "Saltdal kommune" and found.rows[0]["year"] == 2025
    assert [(r["checks"], r["mismatches"]) for r in checked.rows] == [(8, 2)]


# --- synthetic reports ------------------------------------------------------------------

EVIDENCE = {
    "budget[0]": 10,
    "budget[1]": 11,
    "budget_sum": 12,
    "measures[0].name": 19,
    "measures[0].owner_amount": 20,
    "measures[1]": 30,
    "measures[2].name": 40,
    "measures[2].uh_amount": 44,
}


def clean(*, year: int = 2025, owner: str = "Bodø kommune", key: str = "") -> NeedsReport:
    """A report whose every sum reconciles: 15 checks, no mismatch."""
    r = report(
        owner,
        year=year,
        uh=[NORD],
        schemes=["regional", "desentralisert"],
        network="Kompetansenettverk Salten",
        measures=[
            measure("Lesing", number=1, scheme="regional", owner_amount=100_000, uh_amount=200_000),
            measure("Regning", number=2, scheme="regional", owner_amount=50_000, uh_amount=150_000),
            measure(
                "Lek", number=3, scheme="desentralisert", owner_amount=80_000, uh_amount=120_000
            ),
        ],
        budget=[
            budget_row("regional", 150_000, 350_000, shares=[(NORD, 350_000)]),
            budget_row("desentralisert", 80_000, 120_000, shares=[(NORD, 100_000), (INN, 20_000)]),
        ],
        budget_sum=budget_row(None, 230_000, 470_000, label="Sum"),
        key=key,
    )
    r.evidence = dict(EVIDENCE)
    return r


def test_clean_report_has_no_mismatch():
    r = clean()
    found, checked = run([r])
    assert found.rows == []
    assert [(r["checks"], r["mismatches"]) for r in checked.rows] == [(15, 0)]
    assert checked.rows[0]["report"] == PurePath(r.source.path).name


def test_wrong_row_total_alone():
    r = clean()
    r.budget_sum = None
    r.budget[1].total_stated = 210_000
    found, _ = run([r])
    assert found_rows(found) == [
        ("row-total", "desentralisert", "total", 11, 210_000, 200_000, -10_000)
    ]


def test_wrong_row_total_also_breaks_a_correct_sum_column():
    r = clean()
    r.budget[1].total_stated = 210_000
    found, _ = run([r])
    assert found_rows(found) == [
        ("row-total", "desentralisert", "total", 11, 210_000, 200_000, -10_000),
        ("grand-sum", "Sum", "total", 12, 700_000, 710_000, 10_000),
    ]


@pytest.mark.parametrize(
    ("column", "attr", "sum_row_total"),
    [
        ("owner", "owner_amount", 710_000),
        ("UH", "uh_amount", 710_000),
        ("total", "total_stated", 700_000),
    ],
)
def test_wrong_grand_sum_each_column(column, attr, sum_row_total):
    """One wrong cell in the Sum row breaks its column and the Sum row's own total."""
    r = clean()
    stated = getattr(r.budget_sum, attr) + 10_000
    setattr(r.budget_sum, attr, stated)
    found, _ = run([r])
    own_stated = r.budget_sum.total_stated
    own = ("row-total", "Sum", "total", 12, own_stated, sum_row_total, sum_row_total - own_stated)
    column_row = ("grand-sum", "Sum", column, 12, stated, stated - 10_000, -10_000)
    assert sorted(found_rows(found)) == sorted([column_row, own])
    assert [c for c, *_ in found_rows(found)].count("grand-sum") == 1


def test_wrong_grand_sum_per_uh():
    """The Sum row's per-UH shares add up to its UH cell but are split wrongly."""
    r = clean()
    r.budget_sum.uh_breakdown = [UhShare(org(NORD), 460_000), UhShare(org(INN), 10_000)]
    found, checked = run([r])
    assert found_rows(found) == [
        ("grand-sum", "Sum", f"UH {NORD}", 12, 460_000, 450_000, -10_000),
        ("grand-sum", "Sum", f"UH {INN}", 12, 10_000, 20_000, 10_000),
    ]
    assert checked.rows[0]["checks"] == 15 + 3  # the Sum row's breakdown and two UH columns


@pytest.mark.parametrize(
    ("column", "attr", "stated", "computed"),
    [("owner", "owner_amount", 150_000, 160_000), ("UH", "uh_amount", 350_000, 360_000)],
)
def test_measures_do_not_match_their_scheme_row(column, attr, stated, computed):
    r = clean()
    m = r.measures[1]
    setattr(m, attr, getattr(m, attr) + 10_000)
    m.total_stated += 10_000  # the measure itself still adds up
    found, _ = run([r])
    assert found_rows(found) == [
        ("scheme-column", "regional", column, 10, stated, computed, computed - stated)
    ]


@pytest.mark.parametrize(("i", "line"), [(0, 20), (1, 30), (2, 44)])
def test_measure_total_wrong(i, line):
    """The line is the measure's own evidence, else the line of its amounts."""
    r = clean()
    m = r.measures[i]
    m.total_stated -= 1_000
    found, _ = run([r])
    assert found_rows(found) == [
        (
            "measure-total",
            f"Tiltak {m.number}: {m.name}",
            "total",
            line,
            m.total_stated,
            m.total_stated + 1_000,
            1_000,
        )
    ]


def test_uh_breakdown_not_summing_to_the_uh_cell():
    r = clean()
    r.budget[1].uh_breakdown[1].amount = 15_000  # Nord 100 000 + Innlandet 15 000 != 120 000
    found, _ = run([r])
    assert found_rows(found) == [
        ("uh-breakdown", "desentralisert", "UH", 11, 120_000, 115_000, -5_000)
    ]


def test_unknown_amounts_are_not_compared():
    """An unstated amount is not zero: the checks that need it are left out, not failed."""
    r = clean()
    r.measures[2].owner_amount = None
    r.budget[0].uh_breakdown[0].amount = None
    found, checked = run([r])
    assert found.rows == []
    # gone: measure 3's total, the desentralisert owner column, the regional breakdown
    assert checked.rows[0]["checks"] == 15 - 3


def per_measure_report() -> NeedsReport:
    """The 2026 form: a budget row per measure, numbered like the measures."""
    return report(
        "Vågan kommune",
        year=2026,
        measures=[
            measure("Lesing i alle fag", number=1, owner_amount=120_000, uh_amount=240_000),
            measure("Skriving", number=2, owner_amount=80_000, uh_amount=150_000),
        ],
        budget=[
            budget_row(None, 120_000, 240_000, label="Tiltak 1: Lesing i alle fag"),
            budget_row(None, 80_000, 160_000, label="Tiltak 2: Skriving"),
        ],
        budget_sum=budget_row(None, 200_000, 400_000, label="Sum"),
    )


def test_per_measure_rows_are_compared_with_their_measure():
    found, checked = run([per_measure_report()])
    assert found_rows(found) == [
        ("measure-column", "Tiltak 2: Skriving", "UH", None, 160_000, 150_000, -10_000)
    ]
    # 2 rows + 2 measures + 2x2 columns + the Sum row's total and three columns
    assert checked.rows[0]["checks"] == 12


def test_filters_year_scheme_network():
    bad = clean(key="bad")
    bad.budget[0].total_stated = 490_000  # regional: 150 000 + 350 000
    bad.measures[2].uh_amount = 110_000  # desentralisert column; the measure's total too
    older = copy.deepcopy(bad)
    older.id, older.year = "older", 2024
    narvik = clean(owner="Narvik kommune", key="narvik")
    narvik.network = None
    narvik.budget[0].total_stated = 1
    records = [bad, older, narvik]

    def codes(f: Filters) -> list[tuple]:
        found, _ = run(records, f)
        return sorted((r["year"], r["owner"], r["check"], r["what"]) for r in found.rows)

    everything = codes(Filters())
    assert len(everything) == 2 * 4 + 2  # each Bodø report 4 (as for 2024); Narvik: row + Sum
    assert codes(Filters(year=2024)) == [
        (2024, "Bodø kommune", "grand-sum", "Sum"),
        (2024, "Bodø kommune", "measure-total", "Tiltak 3: Lek"),
        (2024, "Bodø kommune", "row-total", "regional"),
        (2024, "Bodø kommune", "scheme-column", "desentralisert"),
    ]
    assert codes(Filters(year=2025, scheme="regional")) == [
        (2025, "Bodø kommune", "row-total", "regional"),
        (2025, "Narvik kommune", "row-total", "regional"),
    ]
    assert codes(Filters(scheme="desentralisert", year=2025)) == [
        (2025, "Bodø kommune", "measure-total", "Tiltak 3: Lek"),
        (2025, "Bodø kommune", "scheme-column", "desentralisert"),
    ]
    assert {o for _, o, *_ in codes(Filters(network="Kompetansenettverk Salten"))} == {
        "Bodø kommune"
    }
    _, checked = run(records, Filters(scheme="regional"))
    # regional: the row's total and breakdown, two measure totals, the owner and UH columns
    assert {(r["year"], r["owner"], r["checks"]) for r in checked.rows} == {
        (2025, "Bodø kommune", 6),
        (2024, "Bodø kommune", 6),
        (2025, "Narvik kommune", 6),
    }
