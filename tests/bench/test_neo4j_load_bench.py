"""Smoke test of bench/neo4j_load.py on a ~500-relationship graph, against the real Neo4j
of the test session.

It checks what makes the benchmark's comparison honest: the generator is deterministic and
has the project's shape, the batched loader and the one-MERGE-per-row path (all rows or a
sample) leave the same graph in Neo4j, equal to the model, a second load changes nothing,
and the count check really fails when a row is missing. It asserts nothing about timings
(ARCHITECTURE.md: speed is shown by benchmarks that print ratios, never by tests that
assert on time).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import bench_scripts
import pytest

from kompetansekart.graph.model import EdgeType, Graph

RELATIONSHIPS = 500


def _load_bench() -> ModuleType:
    return bench_scripts.load("neo4j_load")


bench = _load_bench()


@pytest.fixture(scope="module")
def model() -> Graph:
    return bench.generate(RELATIONSHIPS, seed=11).graph


def snapshot(driver: Any) -> tuple[set[tuple], set[tuple]]:
    """Every node (id, labels, sources) and relationship (ends, type, key, sources): equal
    counts could still hide two different graphs."""
    with driver.session() as s:
        nodes = {
            (r["id"], tuple(sorted(r["labels"])), tuple(r["sources"]))
            for r in s.run(
                "MATCH (n:Entity) RETURN n.id AS id, labels(n) AS labels, n.sources AS sources"
            )
        }
        rels = {
            (r["a"], r["t"], r["b"], r["key"], tuple(r["sources"]))
            for r in s.run(
                "MATCH (a:Entity)-[r]->(b:Entity) "
                "RETURN a.id AS a, type(r) AS t, b.id AS b, r.key AS key, r.sources AS sources"
            )
        }
    return nodes, rels


def test_generator_is_deterministic_and_has_the_projects_shape() -> None:
    a = bench.generate(RELATIONSHIPS, seed=11)
    b = bench.generate(RELATIONSHIPS, seed=11)
    assert list(a.graph.nodes) == list(b.graph.nodes)
    assert [e.key for e in a.graph.edges.values()] == [e.key for e in b.graph.edges.values()]
    assert len(a.graph.edges) >= RELATIONSHIPS
    common = {
        EdgeType.PARTNER_IN,
        EdgeType.OF,
        EdgeType.FUNDS,
        EdgeType.RECIPIENT,
        EdgeType.UNDER,
        EdgeType.RUNS,
        EdgeType.DELIVERS,
        EdgeType.ADDRESSES,
        EdgeType.MEMBER_OF,
        EdgeType.LOCATED_IN,
        EdgeType.PARTNERS_WITH,
    }
    assert common <= {e.type for e in a.graph.edges.values()}
    years = {e.props.get("year") for e in a.graph.edges_of(EdgeType.PARTNERS_WITH)}
    assert len(years) > 1  # parallel PARTNERS_WITH edges, told apart by scheme/year
    assert all(n.sources for n in a.graph.nodes.values())


def test_sample_split_keeps_the_model_proportion(model: Graph) -> None:
    n, e = len(model.nodes), len(model.edges)
    assert bench.sample_split(model, None) == (n, e)
    assert bench.sample_split(model, 10 * (n + e)) == (n, e)
    k, m = bench.sample_split(model, 100)
    assert k + m == 100
    assert abs(k / 100 - n / (n + e)) < 0.02


@pytest.mark.neo4j
def test_both_paths_leave_the_same_graph_equal_to_the_model(neo4j_clean: Any, model: Graph) -> None:
    want = bench.model_counts(model)

    batched = bench.measure_batched(model, neo4j_clean, 200)
    assert batched.counts == want
    assert batched.rows_timed == want.rows
    after_batched = snapshot(neo4j_clean)

    reload = bench.measure_batched(model, neo4j_clean, 200, wipe_first=False)
    assert reload.counts == want  # loading twice is idempotent
    assert snapshot(neo4j_clean) == after_batched

    per_row = bench.measure_per_row(model, neo4j_clean)
    assert per_row.rows_timed == want.rows  # no sample: every row one MERGE
    assert per_row.counts == batched.counts == want
    assert snapshot(neo4j_clean) == after_batched
    assert len(after_batched[0]) == want.nodes
    assert len(after_batched[1]) == want.relationships


@pytest.mark.neo4j
def test_a_per_row_sample_still_leaves_the_whole_model(neo4j_clean: Any, model: Graph) -> None:
    run = bench.measure_per_row(model, neo4j_clean, 100)
    assert run.rows_timed == 100
    assert run.counts == bench.model_counts(model)
    assert "first" in run.note


@pytest.mark.neo4j
def test_the_count_check_fails_when_a_row_is_missing(neo4j_clean: Any, model: Graph) -> None:
    run = bench.measure_batched(model, neo4j_clean, 500)
    bench.check_counts(model, run.counts, "complete")  # does not raise
    neo4j_clean.execute_query("MATCH ()-[r:PARTNERS_WITH]->() WITH r LIMIT 1 DELETE r")
    with pytest.raises(AssertionError, match="model has"):
        bench.check_counts(model, bench.db_counts(neo4j_clean), "one relationship deleted")


@pytest.mark.neo4j
def test_the_whole_run_and_its_markdown(neo4j_clean: Any) -> None:
    server = bench.server_info(neo4j_clean, "the test session's server")
    res = bench.run(
        neo4j_clean,
        server,
        relationships=RELATIONSHIPS,
        batch_size=200,
        batch_sizes=(100,),
        warmup=False,
    )
    assert sorted(res.batched) == [100, 200]
    assert res.reload.counts == res.first_load.counts == res.per_row.counts
    assert res.per_row.counts == bench.model_counts(res.data.graph)
    md = bench.to_markdown(res, "python bench/neo4j_load.py --relationships 500")
    for title, headers, rows in bench.tables(res):
        assert f"## {title}" in md
        assert "| " + " | ".join(headers) + " |" in md
        assert rows
    assert "nproc" in md and "Neo4j Kernel 5." in md
    assert bench.is_empty(neo4j_clean)  # the run wipes what it loaded
