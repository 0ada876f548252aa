"""How much does batching buy when loading the graph into Neo4j? Measure it, do not guess.

The project's loader (`graph/neo4j_store.py`) writes the model as batched
`UNWIND $rows ... MERGE` statements, one managed write transaction per chunk, after a
uniqueness constraint on `Entity.id`. The obvious alternative is one MERGE per row, one
transaction each. This script shows what the design choice is worth, on a real Neo4j:

1. generates a deterministic synthetic `Graph` of the project's shape (organisations,
   areas, networks and memberships, needs reports, partnerships, measures, grants, themes,
   schemes, target groups; every common edge type, PARTNERS_WITH with scheme/year, and
   `sources` lists that grow as reports mention the same organisation) until it holds at
   least `--relationships` edges;
2. on a wiped database each time, loads it with the real loader at several batch sizes,
   timing the node and relationship phases, and checks that Neo4j's node and relationship
   counts (in total and per label/type) equal the model's; raises if they do not;
3. loads it a second time without wiping (the loader is meant to be idempotent) and
   checks the counts are unchanged;
4. loads it one MERGE per row (same Cypher shape, same constraint, one `execute_write`
   each), on all rows or on the first `--per-row-sample` rows, and checks the counts too;
5. prints a table and, with `--out`, writes it as Markdown with the machine it ran on.

Run: `python bench/neo4j_load.py [--relationships 100000] [--per-row-sample N]
[--batch-size 2000] [--out bench/RESULTS-neo4j-load.md]`. It starts a throwaway Neo4j
Community server with `tests/neo4j/server.py`, or with `--external` uses NEO4J_URI /
NEO4J_USER / NEO4J_PASSWORD (whose database it wipes, so it must be empty or
`--allow-wipe` given). Timings are printed and written, never asserted
(ARCHITECTURE.md, "Conventions"). The password is never printed.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any
from unittest import mock

import machine  # bench/machine.py, next to this script
import tables as tables_module  # bench/tables.py

from kompetansekart.graph import neo4j_store
from kompetansekart.graph import sink as sink_module
from kompetansekart.graph.model import Edge, EdgeType, Graph, Node, NodeType
from kompetansekart.graph.neo4j_store import Neo4jStore, _checked, _edge_key

ROOT = Path(__file__).resolve().parents[1]
# The Neo4j test server lives with the tests (tests/conftest_neo4j.py,
# tests/neo4j/server.py); one copy of them.
sys.path.insert(0, str(ROOT / "tests"))
from conftest_neo4j import load_server_module  # noqa: E402

GAZETTEER = "gazetteer"
COUNTY = "area:18"
SCHEMES = {
    "desentralisert": "Desentralisert ordning for kompetanseutvikling i skolen",
    "regional": "Regional ordning for kompetanseutvikling i barnehage",
    "kompetanseloftet": "Kompetanseløftet for spesialpedagogikk og inkluderende praksis",
    "oppfolging": "Oppfølgingsordningen",
}
SCHEME_WEIGHTS = (5, 3, 2, 1)
THEMES = 30
TARGET_GROUPS = ("lærere", "ledere", "barnehagelærere", "assistenter", "ppt", "fagarbeidere")
_SYLLABLES = ("Sør", "Nord", "Vest", "Aust", "bø", "vik", "dal", "øy", "fjord", "hamn", "ås")


def _log(message: str) -> None:
    """Progress goes to stderr so stdout holds only the result table."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------
# The synthetic graph
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """Sizes of the reference pools the reports draw from.

    The defaults are the real scale (~500 organisations, ~40 networks). `for_target`
    shrinks the pools for small runs so that reports, not reference data, still make up
    most of a 500-relationship smoke-test graph.
    """

    organisations: int = 500
    networks: int = 40

    @classmethod
    def for_target(cls, relationships: int) -> Shape:
        f = min(1.0, relationships / 100_000)
        return cls(organisations=max(30, round(500 * f)), networks=max(4, round(40 * f)))


def _name(i: int) -> str:
    return f"{_SYLLABLES[i % 4]}{_SYLLABLES[4 + (i // 4) % 7]} {i:03d}"


class _Builder:
    """Grows a `Graph` the way `graph/build.py` does: the same id scheme, the same node and
    edge types and properties, `sources` extended every time a report mentions a fact."""

    def __init__(self, rng: random.Random, shape: Shape) -> None:
        self.rng = rng
        self.g = Graph()
        self.reports = 0
        self._reference(shape)

    def _reference(self, shape: Shape) -> None:
        """Areas, networks, organisations, themes, schemes: the gazetteer layer."""
        g, src = self.g, [GAZETTEER]
        g.add_node(COUNTY, NodeType.AREA, src, name="Nordland", kommunenummer="18")
        self.themes = [f"theme:t{i:02d}" for i in range(1, THEMES + 1)]
        for i, t in enumerate(self.themes, 1):
            g.add_node(t, NodeType.THEME, src, name=f"Tema {i:02d}")
        self.schemes = [f"scheme:{k}" for k in SCHEMES]
        for s, name in zip(self.schemes, SCHEMES.values(), strict=True):
            g.add_node(s, NodeType.SCHEME, src, name=name)
        self.groups = [f"targetgroup:{k}" for k in TARGET_GROUPS]
        for t, name in zip(self.groups, TARGET_GROUPS, strict=True):
            g.add_node(t, NodeType.TARGET_GROUP, src, name=name)
        self.networks = [
            f"org:kompetansenettverk-{_name(i).lower()}" for i in range(shape.networks)
        ]
        for i, n in enumerate(self.networks):
            g.add_node(n, NodeType.COMPETENCE_NETWORK, src, name=f"Kompetansenettverk {_name(i)}")

        n_org = shape.organisations
        n_univ = max(2, n_org * 4 // 100)
        n_unit = max(4, n_org * 16 // 100)
        n_private = max(4, n_org * 20 // 100)
        n_muni = n_org - n_univ - n_unit - n_private
        orgnr = iter(range(970_000_000, 980_000_000, 7))
        self.owners: list[str] = []
        self.network_of: dict[str, str] = {}
        for i in range(n_muni):
            o, knr = f"orgnr:{next(orgnr)}", f"{1801 + i}"
            g.add_node(o, NodeType.MUNICIPALITY, src, name=f"{_name(i)} kommune", kommunenummer=knr)
            area = f"area:{knr}"
            g.add_node(area, NodeType.AREA, src, name=_name(i), kommunenummer=knr)
            g.add_edge(o, EdgeType.LOCATED_IN, area, src)
            g.add_edge(area, EdgeType.IN_REGION, COUNTY, src)
            self._member(o, self.networks[i % shape.networks], src)
            self.owners.append(o)
            self.network_of[o] = self.networks[i % shape.networks]
        for i in range(n_private):
            o = f"orgnr:{next(orgnr)}"
            g.add_node(o, NodeType.PRIVATE_OWNER, src, name=f"Privat barnehageeier {_name(i)} AS")
            g.add_edge(o, EdgeType.LOCATED_IN, f"area:{1801 + i % n_muni}", src)
            self._member(o, self.networks[i % shape.networks], src)
            self.owners.append(o)
            self.network_of[o] = self.networks[i % shape.networks]
        universities = []
        for i in range(n_univ):
            o = f"orgnr:{next(orgnr)}"
            g.add_node(o, NodeType.UNIVERSITY, src, name=f"Universitetet i {_name(i)}")
            g.add_edge(o, EdgeType.LOCATED_IN, f"area:{1801 + (7 * i) % n_muni}", src)
            universities.append(o)
        self.uh = list(universities)
        for i in range(n_unit):
            o = f"orgnr:{next(orgnr)}"
            parent = universities[i % n_univ]
            g.add_node(o, NodeType.UNIVERSITY_UNIT, src, name=f"Institutt for pedagogikk {i:03d}")
            g.add_edge(o, EdgeType.PART_OF, parent, src)
            self.uh.append(o)

    def _member(self, member: str, network: str, src: list[str]) -> None:
        """Membership node plus its MEMBER_OF projection, as `build.membership` does."""
        g = self.g
        m = f"membership:{member.split(':')[1]}--{network.split(':')[1]}"
        g.add_node(m, NodeType.MEMBERSHIP, src)
        g.add_edge(m, EdgeType.MEMBER, member, src)
        g.add_edge(m, EdgeType.MEMBERSHIP_IN, network, src)
        g.add_edge(member, EdgeType.MEMBER_OF, network, src)

    def report(self) -> None:
        """One needs report: report, partnership with members and PARTNERS_WITH
        projections, 1–6 measures each with its funding, themes, runner and grants."""
        g, rng = self.g, self.rng
        rid = f"{rng.getrandbits(64):016x}"
        year = rng.randint(2022, 2026)
        line = 0

        def src() -> list[str]:
            nonlocal line
            line += rng.randint(1, 4)
            return [f"{rid}:{line}"]

        self.reports += 1
        owner = rng.choice(self.owners)
        report = f"report:{rid}"
        g.add_node(
            report,
            NodeType.NEEDS_REPORT,
            [rid],
            name=f"behovsmelding-{rid}.docx",
            year=year,
            layout="skjema-v2",
            sha256=f"{rng.getrandbits(256):064x}",
            continuation=rng.random() < 0.4,
        )
        s = src()
        g.add_node(owner, NodeType.MUNICIPALITY, s)  # the mention extends its sources
        g.add_edge(report, EdgeType.SUBMITTED_BY, owner, s)
        self._member(owner, self.network_of[owner], src())
        for theme in rng.sample(self.themes, rng.randint(1, 3)):
            g.add_edge(report, EdgeType.STATES_NEED, theme, src())

        partnership = f"partnership:{rid}"
        g.add_node(partnership, NodeType.PARTNERSHIP, src(), name=f"{owner} ({year})", year=year)
        g.add_edge(report, EdgeType.DESCRIBES, partnership, src())
        size = rng.randint(2, 20)
        n_uh = min(rng.randint(1, 3), size - 1)
        others = [o for o in self.owners if o != owner]
        owners = [owner, *rng.sample(others, size - 1 - n_uh)]
        uhs = rng.sample(self.uh, n_uh)
        schemes = sorted(set(rng.choices(self.schemes, SCHEME_WEIGHTS, k=rng.randint(1, 2))))
        s = src()
        for o in owners:
            g.add_node(o, NodeType.MUNICIPALITY, s)
            g.add_edge(o, EdgeType.PARTNER_IN, partnership, s, role="eier")
        for u in uhs:
            g.add_node(u, NodeType.UNIVERSITY, s)
            g.add_edge(u, EdgeType.PARTNER_IN, partnership, s, role="uh")
        s = src()
        for o in owners:
            for scheme in schemes:
                g.add_edge(o, EdgeType.PARTNERS_WITH, uhs[0], s, scheme=scheme, year=year)

        for i in range(1, rng.randint(1, 6) + 1):
            self._measure(rid, i, year, owner, uhs, partnership, rng.choice(schemes), src())

    def _measure(
        self,
        rid: str,
        i: int,
        year: int,
        owner: str,
        uhs: list[str],
        partnership: str,
        scheme: str,
        src: list[str],
    ) -> None:
        g, rng = self.g, self.rng
        mid = f"measure:{rid}:{i}"
        owner_amount = rng.randrange(50_000, 2_000_000, 10_000)
        uh_amount = rng.randrange(0, 1_500_000, 10_000)
        uh = rng.choice(uhs) if uh_amount else None
        g.add_node(
            mid,
            NodeType.MEASURE,
            src,
            name=f"Tiltak {i}: {_name(rng.randrange(200))} i praksis",
            measureNumber=i,
            purpose="Styrke kollektiv kompetanse i barnehage og skole",
            term=rng.sample(["høst", "vår"], rng.randint(1, 2)),
            year=year,
            ownerAmount=owner_amount,
            uhAmount=uh_amount,
            totalStated=owner_amount + uh_amount,
        )
        g.add_edge(mid, EdgeType.OF, partnership, src)
        g.add_edge(scheme, EdgeType.FUNDS, mid, src, amount=owner_amount + uh_amount, year=year)
        for theme in rng.sample(self.themes, rng.randint(1, 3)):
            g.add_edge(mid, EdgeType.ADDRESSES, theme, src)
        for group in rng.sample(self.groups, rng.randint(0, 2)):
            g.add_edge(mid, EdgeType.TARGETS, group, src)
        g.add_edge(owner, EdgeType.RUNS, mid, src, amount=owner_amount)
        if uh:
            g.add_edge(uh, EdgeType.DELIVERS, mid, src, amount=uh_amount)
        for role, amount, recipient in (("eier", owner_amount, owner), ("uh", uh_amount, uh)):
            if not amount or recipient is None:
                continue
            gid = f"grant:{rid}:{i}:{role}"
            g.add_node(gid, NodeType.GRANT, src, amount=amount, year=year, recipientRole=role)
            g.add_edge(gid, EdgeType.FUNDS, mid, src)
            g.add_edge(gid, EdgeType.RECIPIENT, recipient, src)
            g.add_edge(gid, EdgeType.UNDER, scheme, src)


@dataclass
class Synthetic:
    """The generated model and how it was made."""

    graph: Graph
    reports: int
    seed: int
    shape: Shape

    @property
    def rows(self) -> int:
        return len(self.graph.nodes) + len(self.graph.edges)


def generate(relationships: int, seed: int = 2024, shape: Shape | None = None) -> Synthetic:
    """Add reports until the model holds at least `relationships` edges; same seed, same
    graph (ids, order, properties) on every machine."""
    rng = random.Random(seed)
    shape = shape or Shape.for_target(relationships)
    b = _Builder(rng, shape)
    while len(b.g.edges) < relationships:
        b.report()
    _check_endpoints(b.g)
    return Synthetic(b.g, b.reports, seed, shape)


def _check_endpoints(g: Graph) -> None:
    """An edge whose end is not a node would silently not load (MATCH finds nothing), so
    the counts check would blame the loader for a generator bug."""
    for e in g.edges.values():
        if e.src not in g.nodes or e.dst not in g.nodes:
            raise AssertionError(f"edge without both ends in the model: {e.key}")


# --------------------------------------------------------------------------------------
# Counting, wiping
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """Totals and per-label / per-type counts, so a wrong label or relationship type is
    caught, not just a wrong total."""

    nodes: int
    relationships: int
    by_label: tuple[tuple[str, int], ...]
    by_type: tuple[tuple[str, int], ...]

    @property
    def rows(self) -> int:
        return self.nodes + self.relationships


def model_counts(model: Graph) -> Counts:
    nodes, edges = model.counts()
    return Counts(len(model.nodes), len(model.edges), tuple(nodes.items()), tuple(edges.items()))


def db_counts(driver: Any, database: str | None = None) -> Counts:
    """What Neo4j holds, counted the way the loader's own `counts()` does plus by type."""
    total = neo4j_store.counts(driver, database)
    with driver.session(database=database) as s:
        labels = s.run(
            "MATCH (n:Entity) UNWIND [l IN labels(n) WHERE l <> 'Entity'] AS label "
            "RETURN label, count(*) AS c ORDER BY label"
        ).data()
        types = s.run(
            "MATCH (:Entity)-[r]->(:Entity) RETURN type(r) AS t, count(*) AS c ORDER BY t"
        ).data()
    return Counts(
        total["nodes"],
        total["relationships"],
        tuple((r["label"], r["c"]) for r in labels),
        tuple((r["t"], r["c"]) for r in types),
    )


def check_counts(model: Graph, found: Counts, what: str) -> None:
    """Raise if Neo4j does not hold exactly the model: a fast load that loses rows is no
    result."""
    want = model_counts(model)
    if found != want:
        raise AssertionError(f"{what}: Neo4j holds {found}, the model has {want}")


def wipe(driver: Any, database: str | None = None) -> None:
    """Empty the database: data, constraints and (non-lookup) indexes, so every measurement
    starts from the same state and creates its constraint itself."""
    with driver.session(database=database) as s:
        s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        for rec in s.run("SHOW CONSTRAINTS YIELD name RETURN name").data():
            s.run(f"DROP CONSTRAINT `{rec['name'].replace('`', '``')}` IF EXISTS").consume()
        for rec in s.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name").data():
            s.run(f"DROP INDEX `{rec['name'].replace('`', '``')}` IF EXISTS").consume()


def is_empty(driver: Any, database: str | None = None) -> bool:
    with driver.session(database=database) as s:
        return s.run("MATCH (n) RETURN count(n) AS c").single()["c"] == 0


# --------------------------------------------------------------------------------------
# The two ways of loading
# --------------------------------------------------------------------------------------


@dataclass
class LoadRun:
    """One timed load. `seconds` is nodes + relationships only (the part both paths share);
    `call_seconds` is the whole `load()` call for the batched path (constraint, stale-fact
    pruning pass and the final count included)."""

    path: str
    batch_size: int | None
    nodes_timed: int
    relationships_timed: int
    node_seconds: float
    edge_seconds: float
    counts: Counts
    client_cpu_seconds: float  # this Python process's CPU during nodes + relationships
    call_seconds: float | None = None
    prune_seconds: float | None = None
    note: str = ""

    @property
    def rows_timed(self) -> int:
        return self.nodes_timed + self.relationships_timed

    @property
    def seconds(self) -> float:
        return self.node_seconds + self.edge_seconds

    @property
    def rows_per_s(self) -> float:
        return self.rows_timed / self.seconds if self.seconds > 0 else float("nan")


class _TimedSink:
    """Wraps the loader's Neo4jStore to time its phases; passes every call through."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.seconds = {"nodes": 0.0, "relationships": 0.0, "prune": 0.0}
        self.cpu = 0.0  # client CPU in the node and relationship phases

    def _timed(self, phase: str, fn: Callable[..., None], *args: Any) -> None:
        t0, c0 = time.perf_counter(), time.process_time()
        fn(*args)
        self.seconds[phase] += time.perf_counter() - t0
        if phase != "prune":
            self.cpu += time.process_time() - c0

    def add_nodes(self, batch: Sequence[Node]) -> None:
        self._timed("nodes", self.inner.add_nodes, batch)

    def add_edges(self, batch: Sequence[Edge]) -> None:
        self._timed("relationships", self.inner.add_edges, batch)

    def close(self) -> None:
        self._timed("prune", self.inner.close)


@contextlib.contextmanager
def _phase_timer() -> Iterator[dict[str, _TimedSink]]:
    """Let `neo4j_store.load()` run unchanged while timing its phases: its call to
    `write(model, store, ...)` gets the store wrapped in a `_TimedSink`."""
    holder: dict[str, _TimedSink] = {}
    original = sink_module.write

    def timed_write(graph: Graph, store: Any, batch_size: int = 5000) -> None:
        holder["sink"] = _TimedSink(store)
        original(graph, holder["sink"], batch_size=batch_size)

    with mock.patch.object(neo4j_store, "write", timed_write):
        yield holder


def measure_batched(
    model: Graph,
    driver: Any,
    batch_size: int,
    *,
    database: str | None = None,
    wipe_first: bool = True,
    path: str = "batched UNWIND … MERGE",
) -> LoadRun:
    """The project's real loader, `neo4j_store.load(model, driver, batch_size=B)`, on a
    wiped database (or, with `wipe_first=False`, over what is there: the idempotency run)."""
    if wipe_first:
        wipe(driver, database)
    with _phase_timer() as holder:
        t0 = time.perf_counter()
        loaded = neo4j_store.load(model, driver, database=database, batch_size=batch_size)
        call_seconds = time.perf_counter() - t0
    phases = holder["sink"].seconds
    found = db_counts(driver, database)
    if (found.nodes, found.relationships) != (loaded["nodes"], loaded["relationships"]):
        raise AssertionError(f"load() reported {loaded}, the database holds {found}")
    return LoadRun(
        path=path,
        batch_size=batch_size,
        nodes_timed=len(model.nodes),
        relationships_timed=len(model.edges),
        node_seconds=phases["nodes"],
        edge_seconds=phases["relationships"],
        client_cpu_seconds=holder["sink"].cpu,
        counts=found,
        call_seconds=call_seconds,
        prune_seconds=phases["prune"],
    )


def per_row_node_statement(label: str) -> str:
    """The loader's node statement without UNWIND: one row, one MERGE."""
    return (
        "MERGE (n:Entity {id: $id}) "
        f"SET n:{_checked(label)}, n += $props, n.sources = $sources, n.load_id = $load"
    )


def per_row_edge_statement(rel_type: str) -> str:
    """The loader's relationship statement without UNWIND: MATCH both ends, MERGE the typed
    relationship on its key."""
    return (
        "MATCH (a:Entity {id: $src}) MATCH (b:Entity {id: $dst}) "
        f"MERGE (a)-[r:{_checked(rel_type)} {{key: $key}}]->(b) "
        "SET r += $props, r.sources = $sources, r.load_id = $load"
    )


def _run_one(tx: Any, statement: str, params: dict[str, Any]) -> None:
    tx.run(statement, params).consume()


def _per_row(
    session: Any,
    items: Sequence[Node] | Sequence[Edge],
    kind: str,
    load_id: str,
    progress_every: int,
) -> tuple[float, float]:
    """One `execute_write` per row; returns (wall seconds, client CPU seconds)."""
    make = per_row_node_statement if kind == "nodes" else per_row_edge_statement
    statements = {t.value: make(t.value) for t in (NodeType if kind == "nodes" else EdgeType)}
    t0, c0 = time.perf_counter(), time.process_time()
    for i, item in enumerate(items, 1):
        statement = statements[item.type.value]
        if isinstance(item, Node):
            params = {"id": item.id, "props": item.props, "sources": item.sources}
        else:
            params = {
                "src": item.src,
                "dst": item.dst,
                "key": _edge_key(item),  # the loader's key, so both paths make the same edges
                "props": item.props,
                "sources": item.sources,
            }
        params["load"] = load_id
        session.execute_write(_run_one, statement, params)
        if progress_every and i % progress_every == 0:
            rate = i / (time.perf_counter() - t0)
            _log(f"  per-row {kind}: {i:,}/{len(items):,} ({rate:,.0f} rows/s)")
    return time.perf_counter() - t0, time.process_time() - c0


def sample_split(model: Graph, sample: int | None) -> tuple[int, int]:
    """How many nodes and relationships the per-row path times: all, or `sample` rows split
    in the model's own node/relationship proportion so the rate stands for the whole mix."""
    n, e = len(model.nodes), len(model.edges)
    if sample is None or sample >= n + e:
        return n, e
    nodes = min(n, max(1, round(sample * n / (n + e))))
    return nodes, min(e, max(1, sample - nodes))


def measure_per_row(
    model: Graph,
    driver: Any,
    sample: int | None = None,
    *,
    database: str | None = None,
    progress_every: int = 0,
) -> LoadRun:
    """One MERGE per row, one managed write transaction each, with the loader's constraint
    present, on a wiped database.

    With a sample, the first k nodes and the first m relationships (loader order) are timed.
    The relationships need all their end nodes, so the remaining nodes are loaded batched
    (untimed) in between, and the remaining relationships batched afterwards: the database
    then holds the whole model and its counts are checked like the batched path's.
    """
    wipe(driver, database)
    filler = Neo4jStore(driver, database)  # same constraint and index as load()
    filler.setup()
    nodes = list(model.nodes.values())
    edges = list(model.edges.values())
    k, m = sample_split(model, sample)
    with driver.session(database=database) as session:
        node_s, node_cpu = _per_row(session, nodes[:k], "nodes", filler.load_id, progress_every)
        if k < len(nodes):
            filler.add_nodes(nodes[k:])
        edge_s, edge_cpu = _per_row(
            session, edges[:m], "relationships", filler.load_id, progress_every
        )
    if m < len(edges):
        filler.add_edges(edges[m:])
    sampled = (k, m) != (len(nodes), len(edges))
    note = (
        f"first {k:,} nodes + first {m:,} relationships timed; the rest loaded batched, untimed"
        if sampled
        else "all rows"
    )
    return LoadRun(
        path="one MERGE per row",
        batch_size=None,
        nodes_timed=k,
        relationships_timed=m,
        node_seconds=node_s,
        edge_seconds=edge_s,
        client_cpu_seconds=node_cpu + edge_cpu,
        counts=db_counts(driver, database),
        note=note,
    )


# --------------------------------------------------------------------------------------
# The whole benchmark
# --------------------------------------------------------------------------------------


@dataclass
class ServerInfo:
    version: str
    edition: str
    settings: str


@dataclass
class BenchResult:
    data: Synthetic
    batch_size: int
    repeats: int
    batched: dict[int, list[LoadRun]]  # batch size -> runs
    reload: LoadRun
    first_load: LoadRun  # the load the idempotency run went over
    per_row: LoadRun
    server: ServerInfo
    machine: dict[str, str]
    started: str
    generate_s: float
    warmup: str
    wall_s: float = 0.0
    load_before: tuple[float, ...] = ()
    load_after: tuple[float, ...] = ()

    def spread(self, size: int) -> tuple[float, float]:
        """Lowest and highest rows/s of the runs at one batch size."""
        rates = [r.rows_per_s for r in self.batched[size]]
        return min(rates), max(rates)

    def median(self, size: int) -> LoadRun:
        """The run with the median rows/s (an actual run, so its phases add up)."""
        runs = sorted(self.batched[size], key=lambda r: r.rows_per_s)
        return runs[len(runs) // 2]

    @property
    def main(self) -> LoadRun:
        return self.median(self.batch_size)

    @property
    def ratio(self) -> float:
        return self.main.rows_per_s / self.per_row.rows_per_s


def server_info(driver: Any, settings: str, database: str | None = None) -> ServerInfo:
    with driver.session(database=database) as s:
        rec = s.run(
            "CALL dbms.components() YIELD name, versions, edition "
            "RETURN name, versions[0] AS version, edition"
        ).single()
    return ServerInfo(f"{rec['name']} {rec['version']}", rec["edition"], settings)


def machine_info() -> dict[str, str]:
    return machine.machine_info(extra={"neo4j driver": metadata.version("neo4j")})


def _loadavg() -> tuple[float, ...]:
    """1/5/15-minute load averages: on a shared 2-core machine another job running at the
    same time changes every number here, and the reader should be able to see that."""
    try:
        return os.getloadavg()
    except OSError:
        return ()


def warm_up(
    model: Graph, driver: Any, batch_size: int, database: str | None, rounds: int = 2
) -> str:
    """Warm the server's JIT for both paths before anything is timed.

    One small load is not enough: on a trial run the first three loads of the full model
    got faster each time (18 s, 14 s, 11 s), so the first batch size measured looked worst
    for no reason of its own. Loading the whole model a couple of times first fixes that.
    """
    for i in range(rounds):
        r = measure_batched(model, driver, batch_size, database=database)
        _log(f"warm-up batched #{i + 1}: {r.seconds:.2f} s")
    sample = min(3_000, len(model.nodes) + len(model.edges))
    r = measure_per_row(model, driver, sample, database=database)
    _log(f"warm-up per-row ({sample:,} rows): {r.seconds:.2f} s")
    wipe(driver, database)
    return (
        f"the whole model loaded batched {rounds}× (B={batch_size:,}) and {sample:,} rows "
        "one MERGE per row, untimed, then wiped"
    )


def run(
    driver: Any,
    server: ServerInfo,
    *,
    relationships: int = 100_000,
    per_row_sample: int | None = None,
    batch_size: int = 2000,
    batch_sizes: Sequence[int] = (500, 2000, 10000),
    repeats: int = 1,
    seed: int = 2024,
    database: str | None = None,
    warmup: bool = True,
) -> BenchResult:
    """Everything, in this order: warm-up, `repeats` rounds of batched at every size, the
    idempotency reload after the last run at `batch_size`, then per-row. Raises
    AssertionError when Neo4j's counts ever differ from the model's."""
    began = time.perf_counter()
    load_before = _loadavg()
    started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    _log(f"generating ≥{relationships:,} relationships (seed {seed})")
    t0 = time.perf_counter()
    data = generate(relationships, seed)
    generate_s = time.perf_counter() - t0
    model = data.graph
    _log(
        f"generated {len(model.nodes):,} nodes + {len(model.edges):,} relationships "
        f"from {data.reports:,} reports in {generate_s:.1f} s"
    )
    warm = "none"
    if warmup:
        _log("warm-up")
        warm = warm_up(model, driver, batch_size, database)

    # The main size last: its last run is the first load the idempotency run goes over.
    # Interleaved (each round visits every size) so a server still warming up or a noisy
    # neighbour does not favour one size; the main size last in every round, so its last
    # run is the first load the idempotency run goes over.
    sizes = [*sorted(set(batch_sizes) - {batch_size}), batch_size]
    batched: dict[int, list[LoadRun]] = {}
    for i in range(repeats):
        for size in sizes:
            r = measure_batched(model, driver, size, database=database)
            check_counts(model, r.counts, f"batched load, batch size {size}")
            batched.setdefault(size, []).append(r)
            _log(
                f"batched B={size} #{i + 1}: {r.seconds:.2f} s for nodes+relationships "
                f"({r.rows_per_s:,.0f} rows/s), load() {r.call_seconds:.2f} s; counts ok"
            )
    first = batched[batch_size][-1]  # what the database holds now
    reload = measure_batched(
        model,
        driver,
        batch_size,
        database=database,
        wipe_first=False,
        path="batched, second load over the first (idempotency)",
    )
    if reload.counts != first.counts:
        raise AssertionError(f"second load changed the counts: {first.counts} → {reload.counts}")
    check_counts(model, reload.counts, "second batched load")
    _log(f"reload B={batch_size}: {reload.call_seconds:.2f} s, counts unchanged")

    _log(f"per-row ({'all rows' if per_row_sample is None else f'sample {per_row_sample:,}'})")
    per_row = measure_per_row(
        model, driver, per_row_sample, database=database, progress_every=10_000
    )
    check_counts(model, per_row.counts, "per-row load")
    _log(f"per-row: {per_row.seconds:.1f} s ({per_row.rows_per_s:,.0f} rows/s); counts ok")
    wipe(driver, database)
    return BenchResult(
        data=data,
        batch_size=batch_size,
        repeats=repeats,
        batched=batched,
        reload=reload,
        first_load=first,
        per_row=per_row,
        server=server,
        machine=machine_info(),
        started=started,
        generate_s=generate_s,
        warmup=warm,
        wall_s=time.perf_counter() - began,
        load_before=load_before,
        load_after=_loadavg(),
    )


# --------------------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------------------


def fmt_s(seconds: float | None) -> str:
    if seconds is None or seconds != seconds:
        return "—"
    if seconds >= 120:
        return f"{seconds / 60:.1f} min"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


Table = tables_module.Table


def _row(r: LoadRun, note: str = "") -> list[str]:
    return [
        r.path,
        f"{r.batch_size:,}" if r.batch_size else "1",
        f"{r.nodes_timed:,} + {r.relationships_timed:,}",
        fmt_s(r.node_seconds),
        fmt_s(r.edge_seconds),
        fmt_s(r.seconds),
        f"{r.rows_per_s:,.0f}",
        f"{fmt_s(r.client_cpu_seconds)} ({r.client_cpu_seconds / r.seconds:.0%})",
        fmt_s(r.call_seconds),
        f"{r.counts.nodes:,} / {r.counts.relationships:,}",
        note or r.note,
    ]


def tables(res: BenchResult) -> list[Table]:
    """The result as (title, headers, rows) tables, shared by both renderers."""
    model = res.data.graph
    main, per_row = res.main, res.per_row
    full_per_row = res.data.rows / per_row.rows_per_s
    summary = [
        [
            f"batched, B={res.batch_size:,} (the loader's default)",
            f"{main.rows_per_s:,.0f}",
            fmt_s(main.seconds),
        ],
        [
            "one MERGE per row",
            f"{per_row.rows_per_s:,.0f}",
            fmt_s(per_row.seconds)
            + (
                ""
                if per_row.rows_timed == res.data.rows
                else f" for {per_row.rows_timed:,} rows (all rows at this rate: "
                f"{fmt_s(full_per_row)})"
            ),
        ],
        ["batched / per row", f"{res.ratio:,.1f}×", ""],
    ]
    headers = [
        "Path",
        "Rows per transaction",
        "Nodes + relationships timed",
        "Nodes",
        "Relationships",
        "Nodes + relationships",
        "Rows/s",
        "Python client CPU (share of wall)",
        "Whole load() call",
        "Counts after (nodes / rels)",
        "Note",
    ]
    runs: list[list[str]] = []
    for size_runs in (res.batched[size] for size in sorted(res.batched)):
        for i, r in enumerate(size_runs, 1):
            note = f"run {i} of {len(size_runs)}" if len(size_runs) > 1 else ""
            if r is res.main:
                note = (note + "; " if note else "") + "median, used for the ratio"
            runs.append(_row(r, note))
    runs.append(
        _row(
            res.reload,
            f"counts before: {res.first_load.counts.nodes:,} / "
            f"{res.first_load.counts.relationships:,}; unchanged",
        )
    )
    runs.append(_row(per_row))
    sizes = [
        [
            f"{size:,}",
            f"{res.median(size).rows_per_s:,.0f}",
            "{:,.0f}–{:,.0f}".format(*res.spread(size)),
            fmt_s(res.median(size).seconds),
            f"{res.median(size).rows_per_s / main.rows_per_s:.2f}",
            f"{res.median(size).rows_per_s / per_row.rows_per_s:,.1f}×",
        ]
        for size in sorted(res.batched)
    ]
    want = model_counts(model)
    got = dict(res.main.counts.by_label) | {f"-[:{k}]->": v for k, v in res.main.counts.by_type}
    counts = [
        [name, f"{n:,}", f"{got.get(name, 0):,}"]
        for name, n in [*want.by_label, *((f"-[:{k}]->", v) for k, v in want.by_type)]
    ]
    counts.append(["all nodes", f"{want.nodes:,}", f"{res.main.counts.nodes:,}"])
    counts.append(
        ["all relationships", f"{want.relationships:,}", f"{res.main.counts.relationships:,}"]
    )
    return [
        ("Summary", ["Path", "Rows/s", "Time for nodes + relationships"], summary),
        ("Every run (each on a wiped database unless noted)", headers, runs),
        (
            f"Batch size (median of {res.repeats})",
            [
                "Rows per UNWIND",
                "Rows/s",
                "Rows/s, lowest–highest run",
                "Nodes + relationships",
                f"vs B={res.batch_size:,}",
                "vs per row",
            ],
            sizes,
        ),
        (
            f"Counts: model vs Neo4j after the batched load (B={res.batch_size:,})",
            ["Label / type", "Model", "Neo4j"],
            counts,
        ),
    ]


def conclusions(res: BenchResult) -> list[str]:
    """Computed from the numbers, so a rerun cannot leave stale prose."""
    main, per_row = res.main, res.per_row
    best = max(res.batched, key=lambda s: res.median(s).rows_per_s)
    worst = min(res.batched, key=lambda s: res.median(s).rows_per_s)
    sampled = per_row.rows_timed != res.data.rows
    return [
        f"Batched (B={res.batch_size:,}) loads {main.rows_per_s:,.0f} rows/s, one MERGE per "
        f"row {per_row.rows_per_s:,.0f} rows/s"
        + (f" (measured on {per_row.rows_timed:,} of {res.data.rows:,} rows)" if sampled else "")
        + f": batching is {res.ratio:,.1f}× faster.",
        f"Batch size: fastest at {best:,} rows per transaction "
        f"({res.median(best).rows_per_s:,.0f} rows/s), slowest at {worst:,} "
        f"({res.median(worst).rows_per_s:,.0f} rows/s). " + _overlap(res, best, worst),
        f"Every load left exactly the model in Neo4j ({len(res.data.graph.nodes):,} nodes, "
        f"{len(res.data.graph.edges):,} relationships, also per label and type); the "
        "benchmark raises otherwise.",
        f"Loading a second time over the first is idempotent (same counts) and took "
        f"{fmt_s(res.reload.call_seconds)} for the whole load() call vs "
        f"{fmt_s(res.first_load.call_seconds)} for the load it went over: MERGE finding "
        "every node and relationship (and SET rewriting them) is not much cheaper than "
        "creating them.",
    ]


def _overlap(res: BenchResult, best: int, worst: int) -> str:
    """Whether the batch-size ranking is more than run-to-run noise."""
    if res.repeats < 2 or best == worst:
        return "(One run each: no spread to judge the noise by.)"
    close = [
        f"{size:,}"
        for size in sorted(res.batched)
        if size != best and res.spread(size)[1] >= res.spread(best)[0]
    ]
    if not close:
        return f"Every run at {best:,} beat every run at the other sizes."
    return (
        f"The runs at {best:,} overlap with those at {', '.join(close)} (see the spread): "
        "between those the difference is within run-to-run noise."
    )


def _fmt_load(load: tuple[float, ...]) -> str:
    return " / ".join(f"{x:.2f}" for x in load) or "unknown"


def to_markdown(res: BenchResult, command: str) -> str:
    model = res.data.graph
    nodes, edges = model.counts()
    out = [
        "# Neo4j load benchmark: batched UNWIND … MERGE vs one MERGE per row",
        "",
        f"Generated by `{command}` (bench/neo4j_load.py); started {res.started}, whole run "
        f"{fmt_s(res.wall_s)}. Timings are measurements on the machine below, not guarantees.",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in res.machine.items()],
        f"- Neo4j: {res.server.version} ({res.server.edition}); {res.server.settings}",
        f"- load average (1/5/15 min) before the run: {_fmt_load(res.load_before)}; after: "
        f"{_fmt_load(res.load_after)} (the after figure includes the benchmark's own load)",
        "",
        "## Data",
        "",
        f"- {len(model.nodes):,} nodes + {len(model.edges):,} relationships = "
        f"{res.data.rows:,} rows, from {res.data.reports:,} synthetic needs reports on "
        f"{res.data.shape.organisations} organisations (seed {res.data.seed}); generated in "
        f"{fmt_s(res.generate_s)}.",
        "- Nodes: " + ", ".join(f"{k} {v:,}" for k, v in nodes.items()) + ".",
        "- Relationships: " + ", ".join(f"{k} {v:,}" for k, v in edges.items()) + ".",
        "",
        "## Method",
        "",
        "- **batched**: `kompetansekart.graph.neo4j_store.load(model, driver, batch_size=B)`, "
        "the project's loader: constraint on `Entity.id`, then per node label / relationship "
        "type `UNWIND $rows … MERGE` in chunks of B rows, one `execute_write` per chunk, then "
        "its pass that deletes facts another load wrote, then a count. *Nodes + "
        "relationships* times only the writes (the loader's phases, timed by wrapping its "
        "store); *whole load() call* includes the rest.",
        "- **one MERGE per row**: the same statements without UNWIND, one `session.execute_write` "
        f"per row in one session, the same constraint present. Timed: {res.per_row.note}.",
        "- Rows = nodes + relationships; rows/s = rows timed / (nodes + relationships time).",
        f"- Every run starts from a wiped database (data, constraints, indexes), except the "
        f"second load. Warm-up before timing: {res.warmup}.",
        "",
        "## Conclusions from these numbers",
        "",
        *[f"- {line}" for line in conclusions(res)],
        "",
    ]
    out += tables_module.markdown(tables(res))
    out += [
        "## Statements",
        "",
        "Batched (the loader's; shown for Municipality nodes and PARTNERS_WITH):",
        "",
        "```cypher",
        neo4j_store._node_statement("Municipality").strip(),
        neo4j_store._edge_statement("PARTNERS_WITH").strip(),
        "```",
        "",
        "Per row (the same two):",
        "",
        "```cypher",
        per_row_node_statement("Municipality"),
        per_row_edge_statement("PARTNERS_WITH"),
        "```",
        "",
    ]
    return "\n".join(out)


def print_tables(res: BenchResult) -> None:
    tables_module.print_tables(tables(res), conclusions(res))


# --------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------


@contextlib.contextmanager
def connect(args: argparse.Namespace) -> Iterator[tuple[Any, str | None, str]]:
    """(driver, database, server settings): our own throwaway server, or `--external`.

    The external password comes from the environment only (never an argument, never
    printed), through the loader's own `Connection`, whose repr hides it.
    """
    if args.external:
        conn = neo4j_store.Connection.from_env()
        driver = conn.driver()
        try:
            if not args.allow_wipe and not is_empty(driver, conn.database):
                raise SystemExit(
                    f"{conn.uri} (database {conn.database or 'default'}) is not empty and this "
                    "benchmark wipes it; pass --allow-wipe if that is intended"
                )
            yield driver, conn.database, f"external server at {conn.uri}"
        finally:
            driver.close()
        return
    from neo4j import GraphDatabase

    server_mod = load_server_module()
    with server_mod.Neo4jServer(name="bench", heap=args.heap, pagecache=args.pagecache) as srv:
        driver = GraphDatabase.driver(srv.uri, auth=srv.auth)
        try:
            driver.verify_connectivity()
            settings = (
                f"started by tests/neo4j/server.py on 127.0.0.1 in {srv.startup_seconds:.1f} s, "
                f"heap {args.heap}, page cache {args.pagecache}"
            )
            yield driver, None, settings
        finally:
            driver.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--relationships", type=int, default=100_000, help="at least this many")
    parser.add_argument(
        "--per-row-sample",
        type=int,
        default=None,
        help="time the per-row path on this many rows (default: all rows)",
    )
    parser.add_argument("--batch-size", type=int, default=2000, help="the main batched run")
    parser.add_argument(
        "--batch-sizes",
        default="500,2000,10000",
        help="comma-separated batch sizes to compare (the main one is always included)",
    )
    parser.add_argument("--repeats", type=int, default=1, help="batched runs per batch size")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", type=Path, default=None, help="write the Markdown here")
    parser.add_argument("--no-warmup", action="store_true", help="skip the warm-up load")
    parser.add_argument(
        "--external",
        action="store_true",
        help="use NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD instead of starting a server",
    )
    parser.add_argument(
        "--allow-wipe", action="store_true", help="with --external: wipe a non-empty database"
    )
    parser.add_argument("--heap", default="1g", help="heap of the server started here")
    parser.add_argument("--pagecache", default="512m", help="page cache of the server started here")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.batch_sizes.split(",") if s.strip()]
    with connect(args) as (driver, database, settings):
        res = run(
            driver,
            server_info(driver, settings, database),
            relationships=args.relationships,
            per_row_sample=args.per_row_sample,
            batch_size=args.batch_size,
            batch_sizes=sizes,
            repeats=args.repeats,
            seed=args.seed,
            database=database,
            warmup=not args.no_warmup,
        )
    print_tables(res)
    if args.out:
        command = "python bench/neo4j_load.py " + " ".join(
            sys.argv[1:] if argv is None else list(argv)
        )
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(to_markdown(res, command.strip()), encoding="utf-8")
        _log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
