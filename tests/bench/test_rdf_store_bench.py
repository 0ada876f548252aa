"""Smoke test of bench/rdf_store.py at ~5,000 triples.

It checks what makes the benchmark's comparison honest: the generator is deterministic,
every loading path stores every triple, all three engines return the same rows for every
query, the bound parameter is really applied, and the on-disk Oxigraph store reopened from
disk holds the same triples. It asserts nothing about timings (ARCHITECTURE.md: speed is
shown by benchmarks that print ratios, never by tests that assert on time).
"""

from __future__ import annotations

import gc
from pathlib import Path
from types import ModuleType

import bench_scripts
import pytest
from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

TRIPLES = 5_000


def _load_bench() -> ModuleType:
    return bench_scripts.load("rdf_store")


bench = _load_bench()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("rdf-store-bench")


@pytest.fixture(scope="module")
def result(workdir: Path):  # -> bench.BenchResult
    return bench.run(triples=TRIPLES, repeats=1, workdir=workdir)


def test_generator_is_deterministic_and_reaches_the_target() -> None:
    a = bench.generate(TRIPLES, seed=7)
    b = bench.generate(TRIPLES, seed=7)
    assert a.triples == b.triples
    assert len(a.triples) >= TRIPLES
    assert len(set(a.triples)) == len(a.triples)
    assert {"NeedsReport", "Partnership", "Measure", "Grant", "Area"} <= set(a.node_counts)


def test_every_loading_path_stores_every_triple(result) -> None:
    assert result.triples >= TRIPLES
    assert {r.store for r in result.loads} == {bench.MEMORY, "Oxigraph"}
    for load in result.loads:
        assert load.triples == result.triples, load.path


def test_all_engines_return_the_same_rows_for_every_query(result) -> None:
    names = {q.name for q in bench.queries(bench.iri("org", "970000000"))}
    assert {q.query.name for q in result.queries} == names
    for q in result.queries:
        memory = q.rows[bench.MEMORY]
        assert memory, f"{q.query.name} returned no rows"
        assert q.rows[bench.OXRDFLIB] == memory, q.query.name
        assert q.rows[bench.PYOXIGRAPH] == memory, q.query.name


def test_the_bound_parameter_is_applied_not_ignored(result) -> None:
    """Equal rows would prove nothing if both stores ignored the binding."""
    (q,) = [q for q in result.queries if q.query.bindings]
    owner = f"<{q.query.bindings['owner']}>"
    for rows in q.rows.values():
        assert {row[0] for row in rows} == {owner}


def test_count_query_matches_the_generated_graph(result) -> None:
    (q,) = [q for q in result.queries if q.query.name == "count_all"]
    expected = f'"{result.triples}"^^<http://www.w3.org/2001/XMLSchema#integer>'
    for rows in q.rows.values():
        assert rows == [(expected,)]


def test_oxigraph_store_reopened_from_disk_has_the_same_count(result, workdir: Path) -> None:
    assert result.reopen.count == result.triples  # in a fresh process, by the benchmark
    gc.collect()  # the benchmark's Store must be freed: RocksDB locks the directory
    path = workdir / f"oxigraph-{result.primary.note}"
    graph = Graph(store="Oxigraph", identifier=DATASET_DEFAULT_GRAPH_ID)
    graph.open(str(path))
    try:
        (row,) = graph.query(bench.COUNT_QUERY)
        assert int(row[0]) == result.triples  # type: ignore[index]
    finally:
        graph.close()


def test_markdown_report_has_every_table(result) -> None:
    md = bench.to_markdown(result, "python bench/rdf_store.py --triples 5000")
    for title, headers, rows in bench.tables(result):
        assert f"## {title}" in md
        assert "| " + " | ".join(headers) + " |" in md
        assert rows
    assert "nproc" in md
    for q in result.queries:
        assert q.query.sparql.strip() in md
