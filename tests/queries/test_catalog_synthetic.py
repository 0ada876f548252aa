"""Queries that find nothing in the five samples, run on variants of the sample records
built so the answer is known: an earlier report that later measures continue, an owner
in two partnerships in one year, a measure whose total is wrong."""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest

from kompetansekart.graph.build import build
from kompetansekart.graph.rdf_store import load_oxigraph, open_oxigraph, to_rdflib
from kompetansekart.queries import catalog

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def graphs(samples, tmp_path_factory):
    narvik = samples["003"]
    # Narvik's 2024 report, which 003 continues: same measure numbers, a year earlier.
    earlier = replace(copy.deepcopy(narvik), id="a" * 16, year=2024, continues_year=None)
    for m in earlier.measures:
        m.continued = None
    # A second Bodø report for 2024 (another partnership the same year) with a bad total.
    second = replace(copy.deepcopy(samples["004"]), id="b" * 16)
    second.measures = second.measures[:1]
    second.measures[0].total_stated = 1_500_000  # 900 000 + 624 914 = 1 524 914
    model = build([*samples.values(), earlier, second])
    path = tmp_path_factory.mktemp("syn") / "ox"
    load_oxigraph(model, path)
    return {"oxigraph": open_oxigraph(path), "memory": to_rdflib(model)}


def run(graphs, store, name, **params):
    return catalog.run(graphs[store], catalog.load(name), params)[1]


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_continuations_link_the_earlier_measures(graphs, store):
    rows = run(graphs, store, "continuations", owner="Narvik kommune")
    linked = sorted(
        (r["year"], r["continues_year"], r["earlier_measure"] == r["measure"]) for r in rows
    )
    assert linked == [(2025, 2024, True)] * 3


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_owner_in_two_partnerships_in_one_year(graphs, store):
    rows = run(graphs, store, "overlap-multi-partnership", year="2024")
    names = {r["organisation"] for r in rows}
    # the second report lists the same 18 owners: all of them are now in two partnerships
    assert len(names) == 18 and "Bodø kommune" in names
    assert {r["partnerships"] for r in rows} == {2}


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_budget_audit_finds_the_wrong_total(graphs, store):
    rows = run(graphs, store, "budget-audit")
    assert [(r["measure"], r["total_stated"], r["difference"]) for r in rows] == [
        ("18 gruppeledersamlinger", 1_500_000, 24_914)
    ]


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_same_owner_same_theme_now_also_across_reports(graphs, store):
    rows = run(graphs, store, "overlap-owner-theme", year="2024")
    atferd = next(r for r in rows if r["theme"] == "atferd")
    assert atferd["owner"] == "Bodø kommune" and atferd["measures"] == 2
