"""Shared fixtures: where the real samples are, and one parser per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The real Neo4j server for tests marked `neo4j` (tests/conftest_neo4j.py, tests/neo4j/) and
# headless Debian Chromium for tests marked `browser` (tests/conftest_browser.py).
pytest_plugins = ["conftest_neo4j", "conftest_browser"]

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


def shared_dir() -> Path:
    """../shared beside the repo (as in development and CI), or $KOMPETANSEKART_SHARED."""
    return Path(os.environ.get("KOMPETANSEKART_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    corpus = shared_dir() / "corpus"
    if not corpus.is_dir():
        pytest.fail(
            f"the sample corpus is missing at {corpus}; put the shared/ folder beside the "
            "repository or set KOMPETANSEKART_SHARED"
        )
    return corpus


@pytest.fixture(scope="session")
def schema() -> dict:
    import json

    path = shared_dir() / "design" / "needs-report.schema.json"
    if not path.is_file():
        pytest.fail(f"the record schema is missing at {path}")
    return json.loads(path.read_text("utf-8"))


@pytest.fixture(scope="session")
def parser():
    from kompetansekart.ingest.pipeline import Parser

    return Parser()


@pytest.fixture(scope="session")
def samples(corpus_dir: Path, parser) -> dict[str, object]:
    """Each real sample parsed once, keyed by its number prefix ('000' ... '004')."""
    return {p.name[:3]: parser.parse_file(p) for p in sorted(corpus_dir.glob("*.txt"))}


@pytest.fixture(scope="session")
def corpus_model(samples):
    from kompetansekart.graph.build import build

    return build(samples.values())


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory, samples, corpus_model):
    """The five samples saved as a store folder: records + on-disk Oxigraph."""
    from kompetansekart.graph.storage import StoreDir

    store = StoreDir(tmp_path_factory.mktemp("store") / "kk")
    store.save(list(samples.values()), corpus_model)
    return store


@pytest.fixture(scope="session")
def sparql_graphs(corpus_store, corpus_model):
    """The same graph in the two SPARQL stores the catalog must agree on."""
    from kompetansekart.graph.rdf_store import to_rdflib

    return {"oxigraph": corpus_store.sparql(), "memory": to_rdflib(corpus_model)}
