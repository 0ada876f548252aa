"""Which embedded SPARQL store should kompetansekart use? Measure it, do not guess.

The embedded default (ARCHITECTURE.md, "Stores and scale") is an on-disk RDF store that
SPARQL runs on, with no server. The candidates are rdflib's default in-memory store and
Oxigraph, used through oxrdflib (`rdflib.Graph(store="Oxigraph")`, the path the project's
code takes) and through pyoxigraph directly (`pyoxigraph.Store(path)`). This script:

1. generates a deterministic synthetic graph of the project's real shape (needs reports,
   partnerships, measures, grants, organisations, areas, networks, themes, schemes, with
   provenance on every node) and grows it report by report until it holds `--triples`;
2. loads it into every store by every loading path worth knowing, and records load time,
   throughput and (for Oxigraph) the on-disk size, checking each path's triple count;
3. reopens the on-disk store in a fresh process (the reason for wanting it: a query must
   not re-parse everything) and times open + first answer;
4. times representative catalogue queries (median of N after one warm-up), each written
   with full PREFIX lines, and asserts that every store returns the same rows;
5. checks the oxrdflib pitfalls the design notes warn about, on a tiny store;
6. prints the tables and writes them as Markdown with the machine description to `--out`.

Run: `python bench/rdf_store.py [--triples 1000000] [--out bench/RESULTS-rdf-store.md]`.
Timings are printed and written, never asserted (ARCHITECTURE.md, "Conventions").
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import machine  # bench/machine.py, next to this script
import pyoxigraph as ox
import tables as tables_module  # bench/tables.py
from oxrdflib import OxigraphStore
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

KK = Namespace("https://w3id.org/kompetansekart/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
ID = "https://w3id.org/kompetansekart/id/"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

Triple = tuple[URIRef, URIRef, URIRef | Literal]

# Engine names, used as keys and column headings.
MEMORY = "rdflib memory"
OXRDFLIB = "Oxigraph via oxrdflib"
PYOXIGRAPH = "pyoxigraph direct"
ENGINES = (MEMORY, OXRDFLIB, PYOXIGRAPH)


_log = machine.log


# --------------------------------------------------------------------------------------
# The synthetic graph
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """Sizes of the reference pools the reports draw from.

    The defaults are the real scale (~500 organisations, ~350 areas, ~40 networks, 30
    themes, 4 schemes). `for_target` shrinks the pools for small runs so that reports,
    not reference data, still make up most of a 5,000-triple smoke-test graph.
    """

    organisations: int = 500
    extra_areas: int = 50  # areas with no organisation (counties, regions)
    networks: int = 40
    themes: int = 30
    no_uh_share: float = 0.1  # networks whose partnerships never include a university

    @classmethod
    def for_target(cls, triples: int) -> Shape:
        f = min(1.0, triples / 200_000)
        return cls(
            organisations=max(40, round(500 * f)),
            extra_areas=max(4, round(50 * f)),
            networks=max(6, round(40 * f)),
        )


SCHEMES = {
    "desentralisert": "Desentralisert ordning for kompetanseutvikling i skolen",
    "regional": "Regional ordning for kompetanseutvikling i barnehage",
    "kompetanseloftet": "Kompetanseløftet for spesialpedagogikk og inkluderende praksis",
    "oppfolging": "Oppfølgingsordningen",
}
SCHEME_WEIGHTS = (5, 3, 2, 1)
_SYLLABLES = ("Sør", "Nord", "Vest", "Aust", "bø", "vik", "dal", "øy", "fjord", "hamn", "ås")


def iri(kind: str, key: str) -> URIRef:
    """Resources are `https://w3id.org/kompetansekart/id/<type>/<key>`, as in the model."""
    return URIRef(f"{ID}{kind}/{key}")


@dataclass
class SyntheticGraph:
    """The generated triples (deduplicated, in generation order) and what they contain."""

    triples: list[Triple]
    reports: int
    node_counts: dict[str, int]
    sample_owner: URIRef  # an owner with partners: the bound parameter of one query
    shape: Shape
    seed: int


class _Builder:
    """Grows the graph. A dict keeps triples unique and in a reproducible order."""

    def __init__(self, rng: random.Random, shape: Shape) -> None:
        self.rng = rng
        self.shape = shape
        self.triples: dict[Triple, None] = {}
        self.node_counts: Counter[str] = Counter()
        self.labels: dict[URIRef, str] = {}
        self._reference()

    def __len__(self) -> int:
        return len(self.triples)

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.triples[(s, p, o)] = None

    def node(self, node: URIRef, type_: str, source: str, report: URIRef | None) -> None:
        """A typed node with provenance: `kk:source "<report>:<line>"` and
        `prov:wasDerivedFrom <report>` (or the gazetteer for reference facts)."""
        typed = (node, RDF.type, KK[type_])
        if typed not in self.triples:
            self.node_counts[type_] += 1
            self.add(*typed)
        self.add(node, KK.source, Literal(source))
        self.add(node, PROV.wasDerivedFrom, report if report is not None else self.gazetteer)

    def label(self, node: URIRef, text: str) -> None:
        self.labels[node] = text
        self.add(node, RDFS.label, Literal(text))

    def _name(self, i: int) -> str:
        a = _SYLLABLES[i % 4]
        b = _SYLLABLES[4 + (i // 4) % 7]
        return f"{a}{b} {i:03d}"

    def _reference(self) -> None:
        """Themes, schemes, areas, networks and organisations: the gazetteer facts."""
        shape, rng = self.shape, self.rng
        self.gazetteer = iri("source", "gazetteer")
        self.themes = [iri("theme", f"t{i:02d}") for i in range(1, shape.themes + 1)]
        for i, t in enumerate(self.themes, 1):
            self.node(t, "Theme", "gazetteer", None)
            self.label(t, f"Tema {i:02d}")
        self.schemes = [iri("scheme", key) for key in SCHEMES]
        for s, text in zip(self.schemes, SCHEMES.values(), strict=True):
            self.node(s, "Scheme", "gazetteer", None)
            self.label(s, text)

        n_org = shape.organisations
        n_univ = max(2, n_org * 4 // 100)
        n_unit = max(4, n_org * 16 // 100)
        n_private = max(4, n_org * 20 // 100)
        n_muni = n_org - n_univ - n_unit - n_private
        areas = [iri("area", f"{1801 + i}") for i in range(n_muni + shape.extra_areas)]
        for a in areas:
            self.node(a, "Area", "gazetteer", None)
            self.label(a, f"Område {a.rsplit('/', 1)[1]}")
        networks = [iri("network", f"n{i:02d}") for i in range(shape.networks)]
        for i, n in enumerate(networks):
            self.node(n, "CompetenceNetwork", "gazetteer", None)
            self.label(n, f"Kompetansenettverk {self._name(i)}")
        n_no_uh = max(1, round(shape.networks * shape.no_uh_share))
        self.no_uh = set(range(shape.networks - n_no_uh, shape.networks))

        def org(j: int) -> URIRef:
            return iri("org", f"{970000000 + 7 * j}")

        j = 0
        self.owners: list[URIRef] = []
        self.network_of: dict[URIRef, int] = {}
        first_area: dict[int, URIRef] = {}
        for i in range(n_muni):
            o, j = org(j), j + 1
            net = i % shape.networks
            first_area.setdefault(net, areas[i])
            self.node(o, "Municipality", "gazetteer", None)
            self.label(o, f"{self._name(i)} kommune")
            self.add(o, KK.locatedIn, areas[i])
            self.add(o, KK.memberOf, networks[net])
            self.owners.append(o)
            self.network_of[o] = net
        for i in range(n_private):
            o, j = org(j), j + 1
            net = i % shape.networks
            self.node(o, "PrivateOwner", "gazetteer", None)
            self.label(o, f"Privat barnehageeier {self._name(i)} AS")
            # In its network's first area, so areas of no-UH networks hold no-UH owners only.
            self.add(o, KK.locatedIn, first_area.get(net, areas[0]))
            self.add(o, KK.memberOf, networks[net])
            self.owners.append(o)
            self.network_of[o] = net
        uh_areas = [a for n, a in first_area.items() if n not in self.no_uh] or areas
        universities = []
        for i in range(n_univ):
            o, j = org(j), j + 1
            self.node(o, "University", "gazetteer", None)
            self.label(o, f"Universitetet i {self._name(i)}")
            self.add(o, KK.locatedIn, rng.choice(uh_areas))
            universities.append(o)
        self.uh = list(universities)
        for i in range(n_unit):
            o, j = org(j), j + 1
            parent = universities[i % n_univ]
            self.node(o, "UniversityUnit", "gazetteer", None)
            self.label(o, f"Institutt for pedagogikk {i:03d}, {self.labels[parent]}")
            self.add(o, KK.partOf, parent)
            self.add(o, KK.locatedIn, rng.choice(uh_areas))
            self.uh.append(o)

        # A partnership is regional: owners of one network and its neighbour in the same
        # group, so no-UH networks stay without university partners (query 2 has rows).
        by_net: dict[int, list[URIRef]] = {}
        for o in self.owners:
            by_net.setdefault(self.network_of[o], []).append(o)
        self.region: dict[int, list[URIRef]] = {}
        for net in range(shape.networks):
            group = sorted(self.no_uh if net in self.no_uh else set(by_net) - self.no_uh)
            neighbour = group[(group.index(net) + 1) % len(group)]
            self.region[net] = sorted(set(by_net.get(net, []) + by_net.get(neighbour, [])))

    def report(self, i: int) -> None:
        """One needs report: report node, partnership with members, measures, two grants
        per measure, and the partnersWith projections."""
        rng = self.rng
        key = f"r{i:05d}"
        rep = iri("report", key)
        year = rng.randint(2022, 2026)
        line = 0

        def src() -> str:
            nonlocal line
            line += rng.randint(1, 4)
            return f"{key}:{line}"

        submitter = rng.choice(self.owners)
        net = self.network_of[submitter]
        size = rng.randint(2, 20)
        n_uh = 0 if net in self.no_uh else min(rng.randint(1, 3), size - 1)
        others = [o for o in self.region[net] if o != submitter]
        owners = [submitter, *rng.sample(others, min(size - 1 - n_uh, len(others)))]
        uhs = rng.sample(self.uh, n_uh)

        self.node(rep, "NeedsReport", src(), iri("document", f"{key}.docx"))
        self.label(rep, f"Behovsmelding {year} fra {self.labels[submitter]}")
        self.add(rep, KK.year, Literal(year))
        self.add(rep, KK.submittedBy, submitter)
        needs = rng.sample(self.themes, rng.randint(1, 3))
        for t in needs:
            self.add(rep, KK.statesNeed, t)

        pship = iri("partnership", key)
        self.node(pship, "Partnership", src(), rep)
        self.add(rep, KK.describes, pship)
        self.add(pship, KK.year, Literal(year))
        for o in owners + uhs:
            self.add(o, KK.partnerIn, pship)
            self.add(o, KK.source, Literal(src()))
            self.add(o, PROV.wasDerivedFrom, rep)
        for o in owners:
            for u in uhs:
                self.add(o, KK.partnersWith, u)

        for n in range(1, rng.randint(1, 6) + 1):
            measure = iri("measure", f"{key}-{n}")
            self.node(measure, "Measure", src(), rep)
            self.add(measure, KK.ofPartnership, pship)
            self.add(measure, KK.measureNumber, Literal(n))
            term = f"{year}/{year + 1}" if rng.random() < 0.7 else f"høst {year}"
            # KK["term"], not KK.term: that is the method Namespace.term().
            self.add(measure, KK["term"], Literal(term))
            themes = {rng.choice(needs) if rng.random() < 0.7 else rng.choice(self.themes)}
            if rng.random() < 0.4:
                themes.add(rng.choice(self.themes))
            for t in sorted(themes):
                self.add(measure, KK.addresses, t)
            self.label(measure, f"Tiltak {n}: {self.labels[min(themes)]}")
            owner = submitter if rng.random() < 0.7 else rng.choice(owners)
            partner = rng.choice(uhs) if uhs else rng.choice(owners)
            for k, recipient in enumerate((owner, partner), 1):
                grant = iri("grant", f"{key}-{n}-{k}")
                self.node(grant, "Grant", src(), rep)
                self.add(grant, KK.funds, measure)
                self.add(grant, KK.recipient, recipient)
                scheme = rng.choices(self.schemes, weights=SCHEME_WEIGHTS)[0]
                self.add(grant, KK.underScheme, scheme)
                self.add(grant, KK.amount, Literal(rng.randint(20, 1500) * 1000))
                self.add(grant, KK.year, Literal(year))


def generate(triples: int, seed: int = 2024, shape: Shape | None = None) -> SyntheticGraph:
    """Add reports until the graph holds at least `triples` distinct triples.

    Deterministic for a given (triples, seed, shape): the same graph on every machine, so
    results from two machines compare the same data.
    """
    shape = shape or Shape.for_target(triples)
    builder = _Builder(random.Random(seed), shape)
    reports = 0
    while len(builder) < triples:
        builder.report(reports)
        reports += 1
    return SyntheticGraph(
        triples=list(builder.triples),
        reports=reports,
        node_counts=dict(sorted(builder.node_counts.items())),
        sample_owner=iri("org", "970000000"),
        shape=shape,
        seed=seed,
    )


def write_ntriples(triples: Iterable[Triple], path: Path) -> int:
    """N-Triples is the interchange every loader reads; returns the size in bytes."""
    with path.open("w", encoding="utf-8") as f:
        batch: list[str] = []
        for s, p, o in triples:
            batch.append(f"{s.n3()} {p.n3()} {o.n3()} .\n")
            if len(batch) >= 50_000:
                f.write("".join(batch))
                batch.clear()
        f.write("".join(batch))
    return path.stat().st_size


# --------------------------------------------------------------------------------------
# The queries: each written with full PREFIX lines (oxrdflib does not persist prefixes
# bound on a graph, and pyoxigraph never sees them), as the catalogue's .rq files are.
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    name: str
    title: str
    sparql: str
    bindings: Mapping[str, URIRef] = field(default_factory=dict)


def queries(sample_owner: URIRef) -> list[Query]:
    """The representative questions: aggregation, negation, a bound parameter, a
    GROUP BY + HAVING overlap, and a full count."""
    return [
        Query(
            "grants_by_scheme_year",
            "Sum of grant amounts by scheme and year (GROUP BY)",
            """\
PREFIX kk: <https://w3id.org/kompetansekart/ontology#>
SELECT ?scheme ?year (SUM(?amount) AS ?total) (COUNT(?grant) AS ?grants)
WHERE {
  ?grant a kk:Grant ;
         kk:underScheme ?scheme ;
         kk:year ?year ;
         kk:amount ?amount .
}
GROUP BY ?scheme ?year
ORDER BY ?scheme ?year
""",
        ),
        Query(
            "regions_without_uh",
            "Areas with owners in partnerships but no university partner (NOT EXISTS)",
            """\
PREFIX kk: <https://w3id.org/kompetansekart/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?area ?label
WHERE {
  ?area a kk:Area ;
        rdfs:label ?label .
  FILTER EXISTS {
    VALUES ?ownerType { kk:Municipality kk:PrivateOwner }
    ?owner kk:locatedIn ?area ;
           a ?ownerType ;
           kk:partnerIn ?partnership .
  }
  FILTER NOT EXISTS {
    ?other kk:locatedIn ?area ;
           kk:partnersWith ?university .
  }
}
ORDER BY ?area
""",
        ),
        Query(
            "regions_without_uh_fixed_classes",
            "The same question with one EXISTS per fixed class instead of a VALUES ?type",
            # Oxigraph 0.5 plans `?owner a ?ownerType` with VALUES (or FILTER IN) inside
            # EXISTS badly; fixed classes keep the same answer and are much faster there.
            """\
PREFIX kk: <https://w3id.org/kompetansekart/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?area ?label
WHERE {
  ?area a kk:Area ;
        rdfs:label ?label .
  FILTER (
    EXISTS { ?owner kk:locatedIn ?area ; a kk:Municipality ; kk:partnerIn ?partnership . }
    || EXISTS { ?owner kk:locatedIn ?area ; a kk:PrivateOwner ; kk:partnerIn ?partnership . }
  )
  FILTER NOT EXISTS {
    ?other kk:locatedIn ?area ;
           kk:partnersWith ?university .
  }
}
ORDER BY ?area
""",
        ),
        Query(
            "partners_of_owner",
            "Partners of one owner, owner as a bound parameter (initBindings)",
            # The bound variable is projected: Oxigraph's substitution refuses a variable
            # that is not in the SELECT clause (see the pitfall checks).
            """\
PREFIX kk: <https://w3id.org/kompetansekart/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?owner ?partner ?label
WHERE {
  ?owner kk:partnerIn ?partnership .
  ?partner kk:partnerIn ?partnership ;
           rdfs:label ?label .
  FILTER (?partner != ?owner)
}
ORDER BY ?partner
""",
            {"owner": sample_owner},
        ),
        Query(
            "overlap_owner_theme_year",
            "Same owner, same theme, same year, >= 2 measures (GROUP BY + HAVING)",
            """\
PREFIX kk: <https://w3id.org/kompetansekart/ontology#>
SELECT ?owner ?theme ?year (COUNT(DISTINCT ?measure) AS ?measures)
WHERE {
  VALUES ?ownerType { kk:Municipality kk:PrivateOwner }
  ?grant kk:funds ?measure ;
         kk:recipient ?owner ;
         kk:year ?year .
  ?owner a ?ownerType .
  ?measure kk:addresses ?theme .
}
GROUP BY ?owner ?theme ?year
HAVING (COUNT(DISTINCT ?measure) >= 2)
""",
        ),
        Query(
            "count_all",
            "COUNT(*) of all triples",
            """\
PREFIX kk: <https://w3id.org/kompetansekart/ontology#>
SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }
""",
        ),
    ]


COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

Row = tuple[str, ...]


def _canon_rdflib(term: Node | None) -> str:
    """One spelling per term, so rows from rdflib and from pyoxigraph compare equal.
    A plain literal and an xsd:string literal are the same RDF 1.1 term."""
    if term is None:
        return "UNDEF"
    if isinstance(term, Literal):
        if term.language:
            return f'"{term}"@{term.language}'
        if term.datatype and str(term.datatype) != XSD_STRING:
            return f'"{term}"^^<{term.datatype}>'
        return f'"{term}"'
    if isinstance(term, URIRef):
        return f"<{term}>"
    return f"_:{term}"


def _canon_ox(term: Any) -> str:
    if term is None:
        return "UNDEF"
    if isinstance(term, ox.Literal):
        if term.language:
            return f'"{term.value}"@{term.language}'
        if term.datatype.value != XSD_STRING:
            return f'"{term.value}"^^<{term.datatype.value}>'
        return f'"{term.value}"'
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    return f"_:{term.value}"


def _to_ox(term: URIRef | Literal) -> ox.NamedNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype))
    return ox.Literal(str(term))


def rdflib_rows(graph: Graph, query: Query) -> list[Row]:
    """Rows through rdflib's API (its own engine, or Oxigraph's behind oxrdflib)."""
    result = graph.query(query.sparql, initBindings=dict(query.bindings))
    return [tuple(_canon_rdflib(t) for t in row) for row in result]  # type: ignore[union-attr]


def pyoxigraph_rows(store: ox.Store, query: Query) -> list[Row]:
    """Rows straight from pyoxigraph; the parameter goes in as a SEP-0007 substitution."""
    subs = {ox.Variable(k): ox.NamedNode(v) for k, v in query.bindings.items()}
    result = store.query(query.sparql, substitutions=subs)
    return [tuple(_canon_ox(t) for t in solution) for solution in result]  # type: ignore[union-attr]


# --------------------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------------------


@dataclass
class LoadResult:
    store: str
    path: str
    seconds: float
    triples: int  # counted back from the store, with SPARQL
    disk_bytes: int | None = None
    rss_bytes: int | None = None  # resident-memory growth, memory store only
    note: str = ""

    @property
    def throughput(self) -> float:
        return self.triples / self.seconds if self.seconds else float("inf")


@dataclass
class ReopenResult:
    import_s: float
    open_s: float
    first_count_s: float
    wall_s: float
    count: int

    @property
    def open_and_answer_s(self) -> float:
        return self.open_s + self.first_count_s


@dataclass
class QueryResult:
    query: Query
    seconds: dict[str, float]  # engine -> median
    rows: dict[str, list[Row]]  # engine -> sorted canonical rows

    @property
    def row_count(self) -> int:
        return len(self.rows[MEMORY])


@dataclass
class BenchResult:
    triples: int
    reports: int
    node_counts: dict[str, int]
    seed: int
    repeats: int
    generate_s: float
    write_nt_s: float
    nt_bytes: int
    loads: list[LoadResult]
    primary: LoadResult
    reopen: ReopenResult
    queries: list[QueryResult]
    len_seconds: dict[str, float]
    pitfalls: list[tuple[str, str]]
    machine: dict[str, str]
    started: str


def _rss() -> int:
    """Resident set size from /proc (Linux); 0 where unavailable."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _count(graph_or_store: Graph | ox.Store) -> int:
    if isinstance(graph_or_store, Graph):
        return int(next(iter(graph_or_store.query(COUNT_QUERY)))[0])  # type: ignore[index]
    return int(next(iter(graph_or_store.query(COUNT_QUERY)))[0].value)  # type: ignore[index,arg-type]


def _oxrdflib_graph(store: ox.Store) -> Graph:
    """An rdflib Graph over an already-open pyoxigraph Store, on the *default* graph.

    Without `identifier=DATASET_DEFAULT_GRAPH_ID`, `Graph(store="Oxigraph")` writes into a
    named graph called by a fresh blank node, and a later process sees an empty graph.
    """
    return Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)


def load_memory(data: SyntheticGraph, nt: Path, repeats: int = 1) -> tuple[list[LoadResult], Graph]:
    """Three ways into rdflib's Memory store, each `repeats` times in interleaved rounds
    (so no path gets all the cold or all the warm runs); medians are reported and the
    first addN graph is kept for the queries."""
    parsers = {
        "nt": "Graph.parse(format='nt') (rdflib's parser)",
        "ox-nt": "Graph.parse(format='ox-nt') (oxrdflib's parser)",
    }
    times: dict[str, list[float]] = {fmt: [] for fmt in [*parsers, "addN"]}
    counts: dict[str, int] = {}
    rss = 0
    kept: Graph | None = None
    for round_ in range(max(1, repeats)):
        # addN first in round 0, while nothing has been freed yet, so the RSS growth is
        # the graph's own footprint rather than reuse of memory a parse just released.
        rss0 = _rss()
        g = Graph()
        t0 = time.perf_counter()
        g.addN((s, p, o, g) for s, p, o in data.triples)
        times["addN"].append(time.perf_counter() - t0)
        counts["addN"] = len(g)
        if round_ == 0:
            rss, kept = _rss() - rss0, g
        del g
        gc.collect()
        _log(f"memory addN: {times['addN'][-1]:.1f} s")
        for fmt in parsers:
            g = Graph()
            t0 = time.perf_counter()
            g.parse(str(nt), format=fmt)
            times[fmt].append(time.perf_counter() - t0)
            counts[fmt] = len(g)
            _log(f"memory {fmt}: {times[fmt][-1]:.1f} s")
            del g
            gc.collect()
    assert kept is not None
    results = [
        LoadResult(
            MEMORY,
            "Graph.addN(rdflib terms)",
            statistics.median(times["addN"]),
            counts["addN"],
            rss_bytes=rss,
        ),
        *(
            LoadResult(MEMORY, label, statistics.median(times[fmt]), counts[fmt])
            for fmt, label in parsers.items()
        ),
    ]
    return results, kept


def _ox_quads(triples: Iterable[Triple]) -> Iterator[ox.Quad]:
    for s, p, o in triples:
        yield ox.Quad(ox.NamedNode(s), ox.NamedNode(p), _to_ox(o))


def _path_bulk_load(d: Path, data: SyntheticGraph, nt: Path) -> None:
    store = ox.Store(str(d))
    store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    store.flush()


def _path_bulk_load_lenient(d: Path, data: SyntheticGraph, nt: Path) -> None:
    store = ox.Store(str(d))
    store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES, lenient=True)
    store.flush()


def _path_bulk_extend(d: Path, data: SyntheticGraph, nt: Path) -> None:
    store = ox.Store(str(d))
    store.bulk_extend(_ox_quads(data.triples))
    store.flush()


def _path_load(d: Path, data: SyntheticGraph, nt: Path) -> None:
    store = ox.Store(str(d))
    store.load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    store.flush()


def _path_oxrdflib_parse_bulk(d: Path, data: SyntheticGraph, nt: Path) -> None:
    store = ox.Store(str(d))
    _oxrdflib_graph(store).parse(str(nt), format="ox-nt", transactional=False)
    store.flush()


def _path_oxrdflib_addn(d: Path, data: SyntheticGraph, nt: Path) -> None:
    store = ox.Store(str(d))
    g = _oxrdflib_graph(store)
    # A generator: oxrdflib's addN materialises it once for Store.extend.
    g.addN((s, p, o, g) for s, p, o in data.triples)
    store.flush()


OX_PATHS: dict[str, tuple[str, Callable[[Path, SyntheticGraph, Path], None]]] = {
    "bulk_load": ("pyoxigraph Store.bulk_load(N-Triples file)", _path_bulk_load),
    "bulk_load_lenient": (
        "pyoxigraph Store.bulk_load(N-Triples file, lenient=True)",
        _path_bulk_load_lenient,
    ),
    "oxrdflib_parse_bulk": (
        "oxrdflib Graph.parse(format='ox-nt', transactional=False) (= bulk_load)",
        _path_oxrdflib_parse_bulk,
    ),
    "bulk_extend": ("pyoxigraph Store.bulk_extend(Quads built in Python)", _path_bulk_extend),
    "load": ("pyoxigraph Store.load(N-Triples file) (one transaction)", _path_load),
    "oxrdflib_addn": ("oxrdflib Graph.addN(rdflib terms) (= Store.extend)", _path_oxrdflib_addn),
}


def load_oxigraph(
    data: SyntheticGraph, nt: Path, workdir: Path, repeats: int = 1
) -> list[LoadResult]:
    """Each path into a fresh directory, timed from opening to a flushed store, `repeats`
    times in interleaved rounds (the first run of the first path is otherwise slower for
    reasons that have nothing to do with the path); medians are reported. After each run
    the store is closed, reopened and counted with SPARQL, and its directory measured."""
    times: dict[str, list[float]] = {key: [] for key in OX_PATHS}
    counts: dict[str, int] = {}
    sizes: dict[str, int] = {}
    for _ in range(max(1, repeats)):
        for key, (_label, fn) in OX_PATHS.items():
            d = workdir / f"oxigraph-{key}"
            shutil.rmtree(d, ignore_errors=True)
            t0 = time.perf_counter()
            fn(d, data, nt)
            gc.collect()  # the Store made inside fn is closed here, before the reopen below
            times[key].append(time.perf_counter() - t0)
            store = ox.Store(str(d))
            counts[key] = _count(store)
            del store  # RocksDB holds a lock on the directory until the Store is freed
            gc.collect()
            sizes[key] = dir_size(d)
            _log(f"oxigraph {key}: {times[key][-1]:.1f} s, {counts[key]} triples")
    return [
        LoadResult(
            "Oxigraph", label, statistics.median(times[key]), counts[key], sizes[key], note=key
        )
        for key, (label, _fn) in OX_PATHS.items()
    ]


_REOPEN_SCRIPT = """
import json, sys, time
t0 = time.perf_counter()
import rdflib
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
t1 = time.perf_counter()
g = rdflib.Graph(store="Oxigraph", identifier=DATASET_DEFAULT_GRAPH_ID)
g.open(sys.argv[1])
t2 = time.perf_counter()
n = int(next(iter(g.query(sys.argv[2])))[0])
t3 = time.perf_counter()
g.close()
print(json.dumps({"import_s": t1 - t0, "open_s": t2 - t1, "first_count_s": t3 - t2, "count": n}))
"""


def reopen(path: Path, repeats: int) -> ReopenResult:
    """Open the on-disk store in a *new process* with `graph.open(path)` and answer a
    COUNT(*): what every CLI call pays. Median over `repeats` processes."""
    runs = []
    for _ in range(max(1, repeats)):
        t0 = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", _REOPEN_SCRIPT, str(path), COUNT_QUERY],
            capture_output=True,
            text=True,
            check=True,
        )
        wall = time.perf_counter() - t0
        runs.append({**json.loads(out.stdout), "wall_s": wall})
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0] if k != "count"}
    counts = {r["count"] for r in runs}
    if len(counts) != 1:
        raise AssertionError(f"reopened store gave different counts: {sorted(counts)}")
    return ReopenResult(count=counts.pop(), **med)


def _timed(fn: Callable[[], list[Row]], repeats: int) -> tuple[float, list[Row]]:
    """One warm-up (whose rows are kept), then the median of `repeats` timed runs."""
    rows = fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return (statistics.median(times) if times else float("nan")), rows


def time_queries(
    engines: Mapping[str, Callable[[Query], list[Row]]], qs: Sequence[Query], repeats: int
) -> dict[str, dict[str, tuple[float, list[Row]]]]:
    """query name -> engine -> (median seconds, sorted rows)."""
    out: dict[str, dict[str, tuple[float, list[Row]]]] = {}
    for q in qs:
        out[q.name] = {}
        for name, engine in engines.items():
            t, rows = _timed(lambda e=engine, q=q: e(q), repeats)  # type: ignore[misc]
            out[q.name][name] = (t, sorted(rows))
            _log(f"{q.name} on {name}: {t:.3f} s, {len(rows)} rows")
    return out


def oxigraph_worker(path: Path, owner: URIRef, repeats: int) -> dict[str, Any]:
    """The Oxigraph side of the query timings, run in a process of its own.

    Sharing a process with a million-triple rdflib graph would bill Oxigraph for Python's
    cyclic garbage collector walking that graph whenever oxrdflib allocates result terms
    (seen here: oxrdflib twice as slow as pyoxigraph on the same store), a cost no real
    Oxigraph-backed process has. Each store is timed in the process shape it would run in.
    """
    store = ox.Store(str(path))
    oxg = _oxrdflib_graph(store)
    timed = time_queries(
        {
            OXRDFLIB: lambda q: rdflib_rows(oxg, q),
            PYOXIGRAPH: lambda q: pyoxigraph_rows(store, q),
        },
        queries(owner),
        repeats,
    )
    lens = {}
    for name, obj in ((OXRDFLIB, oxg), (PYOXIGRAPH, store)):
        t0 = time.perf_counter()
        len(obj)  # oxrdflib: COUNT(DISTINCT TRIPLE(?s, ?p, ?o)); pyoxigraph: Store.__len__
        lens[name] = time.perf_counter() - t0
    return {"queries": timed, "len": lens, "max_load": machine.MAX_LOAD[0]}


def run_oxigraph_worker(path: Path, owner: URIRef, repeats: int) -> dict[str, Any]:
    """Start `oxigraph_worker` in a fresh interpreter; its progress goes to our stderr."""
    out = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "--oxigraph-worker",
            str(path),
            "--owner",
            str(owner),
            "--repeats",
            str(repeats),
        ],
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def compare(
    qs: Sequence[Query], timed: Mapping[str, Mapping[str, tuple[float, Sequence[Row]]]]
) -> list[QueryResult]:
    """Assert that all engines return the same rows (sorted) for every query, so the
    timings compare equal answers; a query without rows would prove nothing."""
    results = []
    for q in qs:
        seconds = {e: timed[q.name][e][0] for e in ENGINES}
        rows = {e: [tuple(r) for r in timed[q.name][e][1]] for e in ENGINES}
        for name in ENGINES[1:]:
            if rows[name] != rows[MEMORY]:
                only_mem = sorted(set(rows[MEMORY]) - set(rows[name]))[:3]
                only_other = sorted(set(rows[name]) - set(rows[MEMORY]))[:3]
                raise AssertionError(
                    f"{q.name}: {name} returned {len(rows[name])} rows, {MEMORY} "
                    f"{len(rows[MEMORY])}; only in memory: {only_mem}; only in {name}: "
                    f"{only_other}"
                )
        if not rows[MEMORY]:
            raise AssertionError(f"{q.name}: no rows, so the comparison would prove nothing")
        results.append(QueryResult(q, seconds, rows))
    return results


def check_pitfalls(workdir: Path) -> list[tuple[str, str]]:
    """The oxrdflib behaviours the design notes warn about, observed on a tiny store."""
    found: list[tuple[str, str]] = []
    a, p, one = URIRef(f"{ID}x/a"), KK.p, Literal(1)

    # 1. The default identifier is a fresh blank node: data goes into a named graph that a
    #    new Graph object (a new process) never looks at.
    d = workdir / "pitfall-identifier"
    g = Graph(store="Oxigraph")
    g.open(str(d))
    g.add((a, p, one))
    ident = type(g.identifier).__name__
    g.close()
    del g
    gc.collect()
    g = Graph(store="Oxigraph")
    g.open(str(d))
    n_default = _count(g)
    g.close()
    del g
    gc.collect()
    d2 = workdir / "pitfall-identifier-default"
    g = Graph(store="Oxigraph", identifier=DATASET_DEFAULT_GRAPH_ID)
    g.open(str(d2))
    g.add((a, p, one))
    g.close()
    del g
    gc.collect()
    g = Graph(store="Oxigraph", identifier=DATASET_DEFAULT_GRAPH_ID)
    g.open(str(d2))
    n_fixed = _count(g)
    found.append(
        (
            "Graph(store='Oxigraph') without identifier, reopened",
            f"identifier is a {ident}; a new Graph on the same directory counts {n_default} "
            f"triples (data sits in a blank-node-named graph). With "
            f"identifier=DATASET_DEFAULT_GRAPH_ID it counts {n_fixed}.",
        )
    )

    # 2. initBindings become SEP-0007 substitutions, which need the variable projected.
    q = "SELECT ?o WHERE { ?s ?p ?o }"
    mem = Graph()
    mem.add((a, p, one))
    mem_rows = len(list(mem.query(q, initBindings={"s": a})))
    try:
        ox_outcome = f"{len(list(g.query(q, initBindings={'s': a})))} rows"
    except Exception as e:
        ox_outcome = f"{type(e).__name__}: {e}"
    q2 = "SELECT ?s ?o WHERE { ?s ?p ?o }"
    same = sorted(map(tuple, mem.query(q2, initBindings={"s": a}))) == sorted(
        map(tuple, g.query(q2, initBindings={"s": a}))
    )
    found.append(
        (
            "initBindings on a variable not in SELECT",
            f"rdflib memory: {mem_rows} rows; oxrdflib: {ox_outcome}. "
            f"With ?s projected both give the same rows: {same}.",
        )
    )

    # 3. Prefixes bound on the graph live in a Python dict of this Graph's store only.
    g.bind("kk", KK)
    q3 = "SELECT ?o WHERE { ?s kk:p ?o }"
    try:
        same_process = f"{len(list(g.query(q3)))} rows"
    except Exception as e:
        same_process = f"{type(e).__name__}"
    g.close()
    del g
    gc.collect()
    g = Graph(store="Oxigraph", identifier=DATASET_DEFAULT_GRAPH_ID)
    g.open(str(d2))
    try:
        reopened = f"{len(list(g.query(q3)))} rows"
    except Exception as e:
        reopened = f"{type(e).__name__}: {str(e).splitlines()[0]}"
    g.close()
    del g
    gc.collect()
    store = ox.Store(str(d2))
    try:
        direct = f"{len(list(store.query(q3)))} rows"  # type: ignore[arg-type]
    except Exception as e:
        direct = f"{type(e).__name__}"
    del store
    gc.collect()
    found.append(
        (
            "kk: bound with graph.bind(), query without PREFIX",
            f"same Graph object: {same_process}; after reopening: {reopened}; "
            f"pyoxigraph Store.query: {direct}. Write PREFIX lines in every query.",
        )
    )
    return found


def _cores() -> int:
    return os.cpu_count() or 1


def _loadavg() -> str:
    """Other work on the machine shows up as noise in sub-second timings; record it."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def machine_info() -> dict[str, str]:
    return machine.machine_info(("rdflib", "oxrdflib", "pyoxigraph"))


def run(
    triples: int = 1_000_000,
    seed: int = 2024,
    repeats: int = 3,
    workdir: Path | None = None,
    shape: Shape | None = None,
) -> BenchResult:
    """The whole benchmark; raises AssertionError when the stores disagree."""
    started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    load_at_start = _loadavg()
    own_dir = workdir is None
    work = Path(tempfile.mkdtemp(prefix="kk-rdf-bench-")) if workdir is None else workdir
    work.mkdir(parents=True, exist_ok=True)
    try:
        _log(f"generating ~{triples:,} triples (seed {seed})")
        t0 = time.perf_counter()
        data = generate(triples, seed, shape)
        generate_s = time.perf_counter() - t0
        n = len(data.triples)
        _log(f"generated {n:,} triples from {data.reports:,} reports in {generate_s:.1f} s")
        nt = work / "graph.nt"
        t0 = time.perf_counter()
        nt_bytes = write_ntriples(data.triples, nt)
        write_nt_s = time.perf_counter() - t0

        mem_loads, memory = load_memory(data, nt, repeats)
        ox_loads = load_oxigraph(data, nt, work, repeats)
        loads = mem_loads + ox_loads
        for r in loads:
            if r.triples != n:
                raise AssertionError(f"{r.store} {r.path}: {r.triples} triples, expected {n}")
        primary = min(ox_loads, key=lambda r: r.seconds)
        primary_dir = work / f"oxigraph-{primary.note}"
        for r in ox_loads:  # keep only the store the queries run on
            if r is not primary:
                shutil.rmtree(work / f"oxigraph-{r.note}", ignore_errors=True)
        _log(f"fastest Oxigraph path: {primary.path}")

        reopened = reopen(primary_dir, repeats)
        if reopened.count != n:
            raise AssertionError(f"reopened store counts {reopened.count}, expected {n}")
        _log(f"reopen: open {reopened.open_s:.3f} s, first count {reopened.first_count_s:.3f} s")

        qs = queries(data.sample_owner)
        ox_side = run_oxigraph_worker(primary_dir, data.sample_owner, repeats)
        machine.MAX_LOAD[0] = max(machine.MAX_LOAD[0], ox_side["max_load"])
        # The memory store's process holds its graph, not also the generator's triples.
        data.triples = []
        gc.collect()
        timed = time_queries({MEMORY: partial(rdflib_rows, memory)}, qs, repeats)
        for name, per_engine in ox_side["queries"].items():
            timed[name].update({e: (t, rows) for e, (t, rows) in per_engine.items()})
        qresults = compare(qs, timed)
        t0 = time.perf_counter()
        len(memory)
        len_seconds = {MEMORY: time.perf_counter() - t0, **ox_side["len"]}
        del memory
        gc.collect()
        pitfalls = check_pitfalls(work)
        return BenchResult(
            triples=n,
            reports=data.reports,
            node_counts=data.node_counts,
            seed=seed,
            repeats=repeats,
            generate_s=generate_s,
            write_nt_s=write_nt_s,
            nt_bytes=nt_bytes,
            loads=loads,
            primary=primary,
            reopen=reopened,
            queries=qresults,
            len_seconds=len_seconds,
            pitfalls=pitfalls,
            machine={
                **machine_info(),
                "load average (1/5/15 min) at start / end": f"{load_at_start} / {_loadavg()}",
                "highest 1-min load average during the run": f"{machine.MAX_LOAD[0]:.2f} "
                f"(on {_cores()} cores; above that, other processes competed)",
            },
            started=started,
        )
    finally:
        if own_dir:
            shutil.rmtree(work, ignore_errors=True)


# --------------------------------------------------------------------------------------
# Reporting: one set of rows, rendered with rich on the terminal and as Markdown on disk.
# --------------------------------------------------------------------------------------


def fmt_s(seconds: float) -> str:
    if seconds != seconds:  # NaN: no timed runs
        return "—"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def fmt_bytes(n: int | None) -> str:
    if n is None:
        return "—"
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} B"


def ratio(a: float, b: float) -> str:
    """memory / Oxigraph: above 1 means Oxigraph is faster."""
    if not (b > 0 and a == a):
        return "—"
    r = a / b
    if r >= 1:
        return f"{r:.1f}×"
    return f"{r:.2g}×" if r >= 0.01 else f"1/{1 / r:,.0f}×"


Table = tables_module.Table


def _footprint(r: LoadResult) -> str:
    if r.disk_bytes is not None:
        return fmt_bytes(r.disk_bytes)
    return f"{fmt_bytes(r.rss_bytes)} RSS" if r.rss_bytes else "—"


def tables(res: BenchResult) -> list[Table]:
    """The result as (title, headers, rows) tables, shared by both renderers."""
    mem_best = min((r for r in res.loads if r.store == MEMORY), key=lambda r: r.seconds)
    mem_reparse = min(
        (r for r in res.loads if r.store == MEMORY and "parse" in r.path), key=lambda r: r.seconds
    )
    summary = [
        [
            f"Load {res.triples:,} triples (fastest path each)",
            f"{fmt_s(mem_best.seconds)} ({mem_best.throughput:,.0f}/s)",
            f"{fmt_s(res.primary.seconds)} ({res.primary.throughput:,.0f}/s)",
            "same store",
            ratio(mem_best.seconds, res.primary.seconds),
        ],
        [
            "New process: ready to answer (memory: re-parse N-Triples; "
            "Oxigraph: graph.open + first COUNT)",
            fmt_s(mem_reparse.seconds),
            fmt_s(res.reopen.open_and_answer_s),
            "same store",
            ratio(mem_reparse.seconds, res.reopen.open_and_answer_s),
        ],
        ["On-disk size", "— (nothing on disk)", fmt_bytes(res.primary.disk_bytes), "", ""],
    ]
    for q in res.queries:
        summary.append(
            [
                f"{q.query.name}: {q.query.title} [{q.row_count} rows]",
                fmt_s(q.seconds[MEMORY]),
                fmt_s(q.seconds[OXRDFLIB]),
                fmt_s(q.seconds[PYOXIGRAPH]),
                ratio(q.seconds[MEMORY], q.seconds[OXRDFLIB]),
            ]
        )
    summary.append(
        [
            "len(graph) (once)",
            fmt_s(res.len_seconds[MEMORY]),
            fmt_s(res.len_seconds[OXRDFLIB]),
            fmt_s(res.len_seconds[PYOXIGRAPH]) + " (len(Store))",
            ratio(res.len_seconds[MEMORY], res.len_seconds[OXRDFLIB]),
        ]
    )
    load_rows = [
        [
            r.store,
            r.path + (" ← used for the queries" if r is res.primary else ""),
            fmt_s(r.seconds),
            f"{r.throughput:,.0f}",
            _footprint(r),
            f"{r.triples:,}",
        ]
        for r in res.loads
    ]
    reopen_rows = [
        ["import rdflib (+ oxrdflib plugin)", fmt_s(res.reopen.import_s)],
        ["Graph(store='Oxigraph').open(path)", fmt_s(res.reopen.open_s)],
        ["first SPARQL COUNT(*)", fmt_s(res.reopen.first_count_s)],
        ["whole process, wall clock", fmt_s(res.reopen.wall_s)],
        ["triples counted", f"{res.reopen.count:,}"],
    ]
    return [
        (
            f"Summary: median of {res.repeats} after one warm-up "
            f"({MEMORY} / {OXRDFLIB} / {PYOXIGRAPH})",
            ["Measure", MEMORY, OXRDFLIB, PYOXIGRAPH, "memory / oxrdflib"],
            summary,
        ),
        (
            f"Loading paths (median of {max(1, res.repeats)}, interleaved; from empty store to "
            "flushed store; triple count checked by SPARQL)",
            ["Store", "Path", "Time", "Triples/s", "On disk (memory: RSS growth)", "Triples"],
            load_rows,
        ),
        (
            f"Reopen in a fresh process (median of {max(1, res.repeats)})",
            ["Step", "Time"],
            reopen_rows,
        ),
        ("Pitfall checks (tiny store)", ["Check", "Observed"], [list(p) for p in res.pitfalls]),
    ]


def recommendation(res: BenchResult) -> list[str]:
    """Conclusions computed from the numbers, so a rerun cannot leave stale prose."""
    faster = [q for q in res.queries if q.seconds[OXRDFLIB] < q.seconds[MEMORY]]
    speedups = [q.seconds[MEMORY] / q.seconds[OXRDFLIB] for q in res.queries]
    mem_reparse = min(
        (r for r in res.loads if r.store == MEMORY and "parse" in r.path), key=lambda r: r.seconds
    )
    return [
        f"Oxigraph (through oxrdflib) answered {len(faster)} of {len(res.queries)} queries "
        f"faster than rdflib's memory store; speed-up from {min(speedups):.1f}× to "
        f"{max(speedups):.1f}× (median {statistics.median(speedups):.1f}×).",
        f"A new process is ready to answer in {fmt_s(res.reopen.open_and_answer_s)} on "
        f"Oxigraph; the memory store must re-parse everything, {fmt_s(mem_reparse.seconds)} "
        f"at best.",
        f"Fastest correct Oxigraph loading path: {res.primary.path}, "
        f"{fmt_s(res.primary.seconds)} ({res.primary.throughput:,.0f} triples/s), "
        f"{fmt_bytes(res.primary.disk_bytes)} on disk.",
        "Every query returned the same rows (sorted) on all three engines; the benchmark "
        "raises if they ever differ.",
    ]


def to_markdown(res: BenchResult, command: str) -> str:
    out = [
        "# RDF store benchmark: rdflib memory vs Oxigraph",
        "",
        f"Generated by `{command}` (bench/rdf_store.py); started {res.started}. "
        "Timings are measurements on the machine below, not guarantees.",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in res.machine.items()],
        "",
        "## Data",
        "",
        f"- {res.triples:,} distinct triples from {res.reports:,} synthetic needs reports "
        f"(seed {res.seed}); generated in {fmt_s(res.generate_s)}, written as N-Triples "
        f"({fmt_bytes(res.nt_bytes)}) in {fmt_s(res.write_nt_s)}.",
        "- Nodes: " + ", ".join(f"{k} {v:,}" for k, v in res.node_counts.items()) + ".",
        "",
        "## Conclusions from these numbers",
        "",
        *[f"- {line}" for line in recommendation(res)],
        "",
    ]
    out += tables_module.markdown(tables(res))
    out += ["## Queries", ""]
    for q in res.queries:
        params = (
            " Bound parameter: "
            + ", ".join(f"`?{k}` = `<{v}>`" for k, v in q.query.bindings.items())
            + " (rdflib `initBindings`, pyoxigraph `substitutions`)."
            if q.query.bindings
            else ""
        )
        out += [f"### {q.query.name}", "", q.query.title + "." + params, ""]
        out += ["```sparql", q.query.sparql.rstrip(), "```", ""]
    return "\n".join(out)


def print_tables(res: BenchResult) -> None:
    tables_module.print_tables(tables(res), recommendation(res))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="graph size to reach")
    parser.add_argument("--out", type=Path, default=None, help="write the Markdown here")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeats", type=int, default=3, help="timed runs after a warm-up")
    parser.add_argument(
        "--workdir", type=Path, default=None, help="keep the stores here (default: a temp dir)"
    )
    parser.add_argument("--oxigraph-worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--owner", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.oxigraph_worker:
        result = oxigraph_worker(args.oxigraph_worker, URIRef(args.owner), args.repeats)
        print(json.dumps(result))
        return 0
    res = run(args.triples, args.seed, args.repeats, args.workdir)
    print_tables(res)
    if args.out:
        command = "python bench/rdf_store.py " + " ".join(
            sys.argv[1:] if argv is None else list(argv)
        )
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(to_markdown(res, command.strip()), encoding="utf-8")
        _log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
