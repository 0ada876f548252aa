"""Pytest plugin: one real Neo4j Community server per test session, never a mock.

Registered from tests/conftest.py with `pytest_plugins = ["conftest_neo4j"]`.

Fixtures:
- `neo4j_server` (session): a started `Neo4jServer` (tests/neo4j/server.py) on 127.0.0.1,
  or, when KOMPETANSEKART_TEST_EXTERNAL_NEO4J=1, an `ExternalNeo4j` built from
  NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD. Both have `uri`, `auth` and `log_path`.
- `neo4j_server_cls` (session): the `Neo4jServer` class, for tests that start their own.
- `neo4j_driver` (session): an open driver to that server.
- `neo4j_clean` (function): empties the database (nodes, relationships, constraints,
  indexes) before the test and returns the session driver.

Skipping: without Java or Maven (or when Maven cannot resolve Neo4j) the Neo4j tests skip
with the reason, unless KOMPETANSEKART_REQUIRE_NEO4J=1 (CI), which turns that into a failure
so these tests can never be skipped silently. A server that starts and then breaks is always
a failure.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SERVER_PY = Path(__file__).resolve().parent / "neo4j" / "server.py"
# A private module name: tests/neo4j is a directory called `neo4j`, and the driver package
# of that name must stay the one `import neo4j` finds.
MODULE_NAME = "kompetansekart_tests_neo4j_server"


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def load_server_module() -> ModuleType:
    """tests/neo4j/server.py as a module, loaded by path once per process."""
    module = sys.modules.get(MODULE_NAME)
    if module is None:
        spec = importlib.util.spec_from_file_location(MODULE_NAME, SERVER_PY)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[MODULE_NAME] = module
        spec.loader.exec_module(module)
    return module


@dataclass
class ExternalNeo4j:
    """A server someone else runs (KOMPETANSEKART_TEST_EXTERNAL_NEO4J=1): never started or
    stopped here, and tests that need our own JVM skip on it."""

    uri: str
    auth: tuple[str, str] | None = field(repr=False)
    log_path: Path | None = None
    external: bool = True


def _unavailable(reason: str) -> None:
    """Skip, or fail when the run requires Neo4j (CI sets KOMPETANSEKART_REQUIRE_NEO4J=1)."""
    if _flag("KOMPETANSEKART_REQUIRE_NEO4J"):
        pytest.fail(f"Neo4j is required (KOMPETANSEKART_REQUIRE_NEO4J=1) but: {reason}")
    pytest.skip(f"Neo4j unavailable: {reason}")


@pytest.fixture(scope="session")
def neo4j_server_cls() -> type:
    """The Neo4jServer class, after checking that Java is there (else skip/fail)."""
    module = load_server_module()
    try:
        module.find_java()
    except module.Neo4jUnavailable as exc:
        _unavailable(exc.reason)
    return module.Neo4jServer


@pytest.fixture(scope="session")
def neo4j_server(request: pytest.FixtureRequest) -> Iterator[Any]:
    """The session's Neo4j: started once on 127.0.0.1, stopped (data deleted) at the end."""
    if _flag("KOMPETANSEKART_TEST_EXTERNAL_NEO4J"):
        uri = os.environ.get("NEO4J_URI")
        if not uri:
            pytest.fail("KOMPETANSEKART_TEST_EXTERNAL_NEO4J=1 needs NEO4J_URI (and USER/PASSWORD)")
        user, password = os.environ.get("NEO4J_USER"), os.environ.get("NEO4J_PASSWORD")
        auth = (user or "neo4j", password) if password is not None else None
        yield ExternalNeo4j(uri=uri, auth=auth)
        return

    module = load_server_module()
    server = module.Neo4jServer()
    # Show the progress and the "up on bolt://..." line even under output capture, so a CI
    # log says where the first minutes went.
    capman = request.config.pluginmanager.getplugin("capturemanager")
    try:
        if capman is not None:
            with capman.global_and_fixture_disabled():
                server.start()
        else:
            server.start()
    except module.Neo4jUnavailable as exc:
        _unavailable(exc.reason)
    except module.Neo4jStartError as exc:
        pytest.fail(f"Neo4j did not start: {exc}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server: Any) -> Iterator[Any]:
    """One driver for the session (drivers pool connections; one per test would be waste)."""
    from neo4j import GraphDatabase

    driver = GraphDatabase.driver(neo4j_server.uri, auth=neo4j_server.auth)
    try:
        driver.verify_connectivity()
        yield driver
    finally:
        driver.close()


def clean_database(driver: Any) -> None:
    """Delete all data, constraints and (non-lookup) indexes of the default database.

    Constraints first: dropping one also drops the index that backs it, and the loaders
    MERGE on uniqueness constraints that a previous test may have created.
    """
    # CALL ... IN TRANSACTIONS needs an auto-commit transaction, i.e. session.run, and keeps a
    # big leftover graph from exhausting the transaction memory limit.
    with driver.session() as session:
        session.run(
            "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
    records, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN name")
    for record in records:
        name = record["name"].replace("`", "``")
        driver.execute_query(f"DROP CONSTRAINT `{name}` IF EXISTS")
    records, _, _ = driver.execute_query(
        "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"
    )
    for record in records:
        name = record["name"].replace("`", "``")
        driver.execute_query(f"DROP INDEX `{name}` IF EXISTS")


@pytest.fixture
def neo4j_clean(neo4j_driver: Any) -> Any:
    """An empty database for this test; returns the session driver to use in it."""
    clean_database(neo4j_driver)
    return neo4j_driver
