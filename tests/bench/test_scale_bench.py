"""Smoke test of bench/scale.py at two tiny sizes, against the real Neo4j of the session.

It checks what makes the national-scale benchmark honest: every stage it claims to time
really ran (the build functions it wraps still exist and were called, every catalog query
was answered by Oxigraph, rdflib and Neo4j with the same rows), the corpus it measures
has the size it says, a disagreement between engines is caught, and RESULTS.md gets every
table. It asserts nothing about timings (ARCHITECTURE.md: speed is shown by benchmarks
that print ratios, never by tests that assert on time).
"""

from __future__ import annotations

from types import ModuleType

import bench_scripts
import pytest

from kompetansekart.queries import catalog

SIZES = (8, 24)

pytestmark = pytest.mark.neo4j


def _load_bench() -> ModuleType:
    return bench_scripts.load("scale")


bench = _load_bench()


@pytest.fixture(scope="module")
def result(tmp_path_factory, neo4j_driver):
    """One run of every stage at N = 8 and 24 (about half a minute)."""
    from conftest_neo4j import clean_database

    clean_database(neo4j_driver)
    args = bench.parse_args(
        ["--sizes", ",".join(map(str, SIZES)), "--repeats", "1", "--query-timeout", "0"]
    )
    workdir = tmp_path_factory.mktemp("scale")
    res = bench.run(args.sizes, workdir, args, neo4j_driver=neo4j_driver, neo4j_desc="session")
    return res, workdir


def test_every_stage_ran_at_every_size(result):
    res, workdir = result
    assert [s.n for s in res.sizes] == list(SIZES)
    for size in res.sizes:
        assert size.files == size.n  # the generator wrote exactly N reports
        assert size.split["missing"] == []  # every wrapped build function still exists
        stages = size.split["stages"]
        for key in ("ingest", "model", "rdflib", "save", "oxigraph"):
            assert stages[key]["calls"] >= 1, key
        assert size.split["ingest"]["records"] == size.n
        assert size.split["ingest"]["failed"] == 0
        assert size.split["reports"] == size.n and size.split["triples"] > 0
        assert size.build_cli and all(p.returncode == 0 for p in size.build_cli)
        assert size.validate is not None and size.validate.returncode == 0
        assert size.map_nodes and size.map_edges and size.map_bytes
        assert size.neo4j_counts["nodes"] == size.split["nodes"]
        assert size.neo4j_counts["relationships"] == size.split["edges"]
    assert (workdir / f"corpus-{SIZES[1]}").is_dir()
    assert len(res.help_runs) == bench.HELP_RUNS


def test_every_catalog_query_agrees_on_all_three_engines(result):
    res, _ = result
    assert res.problems == []
    names = set(catalog.names("sparql"))
    for size in res.sizes:
        for engine in (size.oxigraph, size.memory, size.cypher):
            assert set(engine) == names
            assert {q.status for q in engine.values()} == {"ok"}
        for name in names:
            ref = size.oxigraph[name]
            assert size.memory[name].digest == ref.digest, name
            assert size.cypher[name].rows == ref.rows, name
    big = res.sizes[-1]
    assert sum(q.rows for q in big.oxigraph.values()) > 0  # not [] == [] everywhere


def test_a_disagreement_is_reported(result):
    res, _ = result
    size = res.sizes[0]
    name = next(iter(size.oxigraph))
    ref = size.oxigraph[name]
    wrong = {name: bench.QueryResult("ok", ref.timing, ref.rows, "0" * 16)}
    other = bench.BenchResult([size], 1, ("txt",), 1, [], None, 5.0)
    bench.compare_rows(other, size, wrong, "fake engine")
    assert other.problems and name in other.problems[0]
    assert wrong[name].note == "ROWS DIFFER"


def test_results_markdown_has_every_table_and_target(result):
    res, _ = result
    text = bench.to_markdown(res, "python bench/scale.py --sizes 8,24")
    for heading in (
        "## Machine",
        "## Corpus",
        "## Ingest vs the I/O baseline",
        "## Build",
        "## Catalog queries on the embedded store",
        "## Catalog queries on rdflib's in-memory store",
        "## Neo4j",
        "## Map",
        "## Start-up",
        "## Targets",
    ):
        assert heading in text, heading
    for name in catalog.names("sparql"):
        assert f"| {name} |" in text, name
    assert f"N = {SIZES[0]}" in text and f"N = {SIZES[1]}" in text
    assert "ENGINES DISAGREE" not in text
    for block in text.split("\n\n"):  # no table row has more cells than its header
        rows = [line.replace("\\|", "").count("|") for line in block.splitlines()]
        if rows and block.startswith("|"):
            assert max(rows) == rows[0], block
