"""The graph in a real Neo4j (started by tests/conftest_neo4j.py): the loader, and the
Cypher catalog giving the same rows as the SPARQL catalog on the same data."""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from kompetansekart.graph.build import build
from kompetansekart.graph.neo4j_store import load
from kompetansekart.graph.rdf_store import to_rdflib
from kompetansekart.queries import catalog

pytestmark = [pytest.mark.neo4j, pytest.mark.corpus]

# Values for every parameter a query declares, so optional parameters are exercised too.
PARAMS: dict[str, list[dict[str, str]]] = {
    "partners-of-owner": [
        {"owner": "Bodø kommune"},
        {"owner": "Narvik kommune"},
        {"owner": "Stiftelsen NTG"},
        {"owner": 'Kari "} MATCH (n) DETACH'},
    ],
    "uh-portfolio": [
        {"university": "Nord universitet"},
        {"university": "Universitetet i Innlandet"},
        {"university": "Senter for praksisrettet utdanningsforskning"},
    ],
    "institutions-by-region": [{}, {"network": "Kompetansenettverk Salten"}],
    "regions-without-uh": [{}, {"network": "Kompetansenettverk Salten"}],
    "funding-by-scheme-year": [{}, {"year": "2024"}, {"year": "2026"}],
    "funding-by-network": [{}, {"year": "2024"}],
    "themes-without-measures": [{}, {"year": "2026"}],
    "overlap-owner-theme": [{}, {"year": "2024"}],
    "overlap-multi-partnership": [{}, {"year": "2024"}],
    "continuations": [{}, {"owner": "Narvik kommune"}],
    "budget-audit": [{}],
}


def synthetic_records(samples, parser, demo_reports):
    """The samples, the demo corpus, and variants built so the zero-row queries answer:
    an earlier Narvik report the 2025 one continues, a second Bodø partnership in 2024
    with a wrong measure total."""
    earlier = replace(copy.deepcopy(samples["003"]), id="a" * 16, year=2024, continues_year=None)
    second = replace(copy.deepcopy(samples["004"]), id="b" * 16)
    second.measures = second.measures[:1]
    second.measures[0].total_stated = 1_500_000
    demo = [parser.parse_file(p) for p in demo_reports]
    return [*samples.values(), *demo, earlier, second]


@pytest.fixture(scope="module")
def demo_reports():
    from conftest import ROOT

    return sorted(p for p in (ROOT / "demo" / "reports").iterdir() if p.suffix in (".txt", ".md"))


def rows_of(headers, rows):
    return headers, sorted((tuple(r[h] for h in headers) for r in rows), key=repr)


def test_every_query_exists_in_both_languages():
    assert catalog.names("sparql") == catalog.names("cypher")
    assert set(PARAMS) == set(catalog.names("sparql"))
    for name in catalog.names("cypher"):
        sparql, cypher = catalog.load(name, "sparql"), catalog.load(name, "cypher")
        assert (cypher.title, cypher.answers, cypher.params) == (
            sparql.title,
            sparql.answers,
            sparql.params,
        )


def test_loader_is_idempotent_and_complete(neo4j_clean, corpus_model):
    first = load(corpus_model, neo4j_clean)
    assert first == {"nodes": len(corpus_model.nodes), "relationships": len(corpus_model.edges)}
    assert load(corpus_model, neo4j_clean) == first
    with neo4j_clean.session() as s:
        constraints = [r["name"] for r in s.run("SHOW CONSTRAINTS YIELD name")]
        by_label = {
            r["label"]: r["n"]
            for r in s.run(
                "MATCH (n:Entity) UNWIND [l IN labels(n) WHERE l <> 'Entity'] AS label "
                "RETURN label, count(*) AS n"
            )
        }
        by_type = {
            r["t"]: r["n"] for r in s.run("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n")
        }
        unsourced = s.run(
            "MATCH (n:Entity) WHERE size(coalesce(n.sources, [])) = 0 RETURN count(n) AS c"
        ).single()["c"]
    nodes, edges = corpus_model.counts()
    assert "entity_id" in constraints
    assert by_label == nodes and by_type == edges
    assert unsourced == 0


def test_a_second_load_removes_facts_no_longer_in_the_store(neo4j_clean, samples):
    everything = build(samples.values())
    load(everything, neo4j_clean)
    fewer = build(r for k, r in samples.items() if k != "004")
    after = load(fewer, neo4j_clean)
    assert after == {"nodes": len(fewer.nodes), "relationships": len(fewer.edges)}
    assert after["nodes"] < len(everything.nodes)


@pytest.mark.parametrize("corpus", ["samples", "synthetic"])
def test_cypher_and_sparql_give_the_same_rows(
    neo4j_clean, samples, parser, demo_reports, corpus, caplog
):
    caplog.set_level("WARNING", logger="neo4j.notifications")
    records = list(samples.values())
    if corpus == "synthetic":
        records = synthetic_records(samples, parser, demo_reports)
    model = build(records)
    load(model, neo4j_clean)
    rdf = to_rdflib(model)
    answered = 0
    for name in catalog.names("sparql"):
        for params in PARAMS[name]:
            s_headers, s_rows = catalog.run(rdf, catalog.load(name, "sparql"), params)
            c_headers, c_rows = catalog.run_cypher(
                neo4j_clean, catalog.load(name, "cypher"), params
            )
            assert rows_of(s_headers, s_rows) == rows_of(c_headers, c_rows), (name, params)
            answered += bool(s_rows)
    assert answered >= 20  # most (query, parameter) pairs return rows, not [] == []
    # no server warnings, e.g. "relationship type does not exist" on the samples' graph
    assert [r.getMessage()[:200] for r in caplog.records if r.name == "neo4j.notifications"] == []


def test_cli_neo4j_load_and_cypher_query(
    neo4j_server, neo4j_clean, corpus_dir, tmp_path, monkeypatch
):
    from kompetansekart.reports.cli import app

    runner = CliRunner()
    monkeypatch.setenv("NEO4J_URI", neo4j_server.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_server.auth[0])
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.auth[1])
    store = str(tmp_path / "store")
    assert runner.invoke(app, ["build", str(corpus_dir), "--store", store, "-q"]).exit_code == 0
    loaded = runner.invoke(app, ["neo4j", "load", "--store", store])
    assert loaded.exit_code == 0, loaded.output
    assert neo4j_server.auth[1] not in loaded.output
    again = runner.invoke(app, ["neo4j", "load", "--store", store])
    assert again.stdout == loaded.stdout  # same counts
    sparql = runner.invoke(app, ["query", "funding-by-network", "-f", "json", "--store", store])
    cypher = runner.invoke(app, ["query", "funding-by-network", "-f", "json", "-e", "cypher"])
    assert cypher.exit_code == 0, cypher.output
    assert cypher.stdout == sparql.stdout


def test_cli_says_what_to_do_when_neo4j_is_unreachable(monkeypatch):
    from kompetansekart.reports.cli import app

    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    result = CliRunner().invoke(app, ["query", "budget-audit", "-e", "cypher"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot reach Neo4j; set NEO4J_URI")
