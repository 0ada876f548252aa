"""The model in Neo4j over Bolt, with the official driver.

Every node is `(:Entity:<Type> {id, ...props, sources})`, every edge a relationship of its
EdgeType with its properties, `sources` and a `key` that tells parallel edges apart
(PARTNERS_WITH in 2024 and in 2025). Loading is batched `UNWIND $rows ... MERGE` in
managed write transactions (`execute_write` retries transient errors, so each unit of work
is an idempotent MERGE), after a uniqueness constraint on `Entity.id` (MERGE without it is a
full scan per row). Labels and relationship types come from the model's enums, never from
data, so nothing user-written is ever spliced into Cypher.

Each load stamps what it writes with a load id; facts not written by the current load
(a report that changed or was removed since the last load) are deleted at `close()`, so
Neo4j holds exactly the store's graph, and loading twice gives the same counts.
"""

from __future__ import annotations

import os
import re
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kompetansekart.graph.model import Edge, EdgeType, Graph, Node, NodeType
from kompetansekart.graph.sink import write

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
DEFAULT_URI = "bolt://127.0.0.1:7687"


@dataclass(frozen=True)
class Connection:
    """Where and how to connect; read from the environment so no secret is ever an
    argument on a command line (visible in `ps`) or printed."""

    uri: str
    user: str | None
    password: str | None
    database: str | None = None

    @classmethod
    def from_env(cls) -> Connection:
        return cls(
            os.environ.get("NEO4J_URI", DEFAULT_URI),
            os.environ.get("NEO4J_USER") or os.environ.get("NEO4J_USERNAME"),
            os.environ.get("NEO4J_PASSWORD"),
            os.environ.get("NEO4J_DATABASE") or None,
        )

    def driver(self):
        """A connected driver. Connectivity is checked once, up front, so a wrong URI fails
        in seconds instead of after the driver's 30 s of retries."""
        from neo4j import GraphDatabase

        auth = (self.user or "neo4j", self.password) if self.password else None
        driver = GraphDatabase.driver(self.uri, auth=auth, connection_timeout=5.0)
        try:
            driver.verify_connectivity()
        except Exception:
            driver.close()
            raise
        return driver

    def __repr__(self) -> str:  # never show the password, e.g. in a traceback
        return f"Connection(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"


def _checked(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"not a safe Cypher identifier: {name!r}")
    return name


def _node_statement(label: str) -> str:
    return (
        "UNWIND $rows AS row "
        "MERGE (n:Entity {id: row.id}) "
        f"SET n:{_checked(label)}, n += row.props, n.sources = row.sources, n.load_id = $load "
    )


def _edge_statement(rel_type: str) -> str:
    return (
        "UNWIND $rows AS row "
        "MATCH (a:Entity {id: row.src}) MATCH (b:Entity {id: row.dst}) "
        f"MERGE (a)-[r:{_checked(rel_type)} {{key: row.key}}]->(b) "
        "SET r += row.props, r.sources = row.sources, r.load_id = $load "
    )


def _edge_key(edge: Edge) -> str:
    return "|".join(f"{k}={v}" for k, v in edge.key[3]) or "-"


class Neo4jStore:
    """GraphSink for Neo4j: add_nodes, add_edges, close (which prunes stale facts)."""

    def __init__(self, driver: Any, database: str | None = None, batch_size: int = 2000) -> None:
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self.load_id = uuid.uuid4().hex
        self.written = {"nodes": 0, "relationships": 0}

    def _session(self):
        return self.driver.session(database=self.database)

    def setup(self) -> None:
        """Constraints before MERGE: uniqueness of Entity.id (also its index)."""
        with self._session() as s:
            s.run(
                "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE"
            ).consume()
            s.run("CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)").consume()

    def wipe(self) -> None:
        with self._session() as s:
            s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()

    def add_nodes(self, batch: Sequence[Node]) -> None:
        by_type: dict[NodeType, list[dict]] = defaultdict(list)
        for n in batch:
            by_type[n.type].append({"id": n.id, "props": n.props, "sources": n.sources})
        for node_type, rows in by_type.items():
            self._write(_node_statement(node_type.value), rows)
            self.written["nodes"] += len(rows)

    def add_edges(self, batch: Sequence[Edge]) -> None:
        by_type: dict[EdgeType, list[dict]] = defaultdict(list)
        for e in batch:
            by_type[e.type].append(
                {
                    "src": e.src,
                    "dst": e.dst,
                    "key": _edge_key(e),
                    "props": e.props,
                    "sources": e.sources,
                }
            )
        for edge_type, rows in by_type.items():
            self._write(_edge_statement(edge_type.value), rows)
            self.written["relationships"] += len(rows)

    def _write(self, statement: str, rows: list[dict]) -> None:
        for start in range(0, len(rows), self.batch_size):
            chunk = rows[start : start + self.batch_size]
            with self._session() as s:
                s.execute_write(_run, statement, {"rows": chunk, "load": self.load_id})

    def close(self) -> None:
        """Delete what this load did not write: the facts of reports that changed or left."""
        with self._session() as s:
            s.run(
                "MATCH ()-[r]->() WHERE r.load_id <> $load "
                "CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
                load=self.load_id,
            ).consume()
            s.run(
                "MATCH (n:Entity) WHERE n.load_id <> $load "
                "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
                load=self.load_id,
            ).consume()


def _run(tx: Any, statement: str, params: dict) -> None:
    tx.run(statement, params).consume()


def load(
    model: Graph,
    driver: Any,
    *,
    database: str | None = None,
    wipe: bool = False,
    batch_size: int = 2000,
) -> dict[str, int]:
    """Load a model; returns the node and relationship counts now in the database."""
    store = Neo4jStore(driver, database, batch_size)
    if wipe:
        store.wipe()
    store.setup()
    write(model, store, batch_size=batch_size * 5)
    return counts(driver, database)


def counts(driver: Any, database: str | None = None) -> dict[str, int]:
    with driver.session(database=database) as s:
        nodes = s.run("MATCH (n:Entity) RETURN count(n) AS c").single()["c"]
        rels = s.run("MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS c").single()["c"]
    return {"nodes": nodes, "relationships": rels}
