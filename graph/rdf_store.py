"""The model as RDF: stable IRIs, the kk: vocabulary (ontology/kompetansekart.ttl), and
an embedded on-disk Oxigraph store that SPARQL runs on without re-parsing anything.

Provenance: every node gets `kk:source "<report-id>:<line>"` for each place it came from
and `prov:wasDerivedFrom` its reports (or the gazetteer). Edge properties (amounts on
RUNS, scheme and year on PARTNERS_WITH) are not repeated on RDF triples: the n-ary nodes
they project (Grant, Partnership, Membership) carry them, so SPARQL asks those.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import PROV, SKOS

from kompetansekart.graph.model import Edge, Node, Value
from kompetansekart.graph.model import Graph as Model
from kompetansekart.graph.sink import write
from kompetansekart.ontology.namespace import EDGE_PROPERTIES, GAZETTEER, KK, resource

Triple = tuple[URIRef, URIRef, URIRef | Literal]

# Node properties that are not kk: data properties of their own name.
_RENAMED = {"name": KK.name, "code": SKOS.notation}


def node_triples(node: Node) -> Iterator[Triple]:
    s = resource(node.id)
    yield s, RDF.type, KK[node.type.value]
    for key, value in node.props.items():
        predicate = _RENAMED.get(key) or KK[key]
        for literal in _literals(value):
            yield s, predicate, literal
        if key == "name":
            yield s, RDFS.label, Literal(value)
    for source in node.sources:
        yield s, KK.source, Literal(source)
    for origin in dict.fromkeys(_origin(source) for source in node.sources):
        yield s, PROV.wasDerivedFrom, origin


def edge_triples(edge: Edge) -> Iterator[Triple]:
    yield resource(edge.src), KK[EDGE_PROPERTIES[edge.type.value]], resource(edge.dst)


def _literals(value: Value) -> Iterator[Literal]:
    for v in value if isinstance(value, list) else [value]:
        if isinstance(v, bool):
            yield Literal(v, datatype=XSD.boolean)
        elif isinstance(v, int):
            yield Literal(v, datatype=XSD.integer)
        else:
            yield Literal(str(v))


def _origin(source: str) -> URIRef:
    if source == "gazetteer":
        return GAZETTEER
    return resource(f"report:{source.split(':', 1)[0]}")


class RdfSink:
    """Collects the model's triples into an rdflib Graph (any store: memory or Oxigraph)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.triples = 0

    def add_nodes(self, batch: Sequence[Node]) -> None:
        triples = [t for node in batch for t in node_triples(node)]
        self.graph.addN((s, p, o, self.graph) for s, p, o in triples)
        self.triples += len(triples)

    def add_edges(self, batch: Sequence[Edge]) -> None:
        triples = [t for edge in batch for t in edge_triples(edge)]
        self.graph.addN((s, p, o, self.graph) for s, p, o in triples)
        self.triples += len(triples)

    def close(self) -> None:
        pass


def bind_prefixes(graph: Graph) -> Graph:
    graph.bind("kk", KK)
    graph.bind("prov", PROV)
    return graph


def to_rdflib(model: Model, graph: Graph | None = None) -> Graph:
    """The model in an rdflib Graph (a new in-memory one unless one is given)."""
    graph = bind_prefixes(graph if graph is not None else Graph())
    write(model, RdfSink(graph))
    return graph


class OxigraphGraph(Graph):
    """rdflib's Graph over an on-disk Oxigraph store, with the pyoxigraph store itself in
    `native`: SELECT queries with many rows (the catalog) run on it directly, because
    making an rdflib term per value cost more than the query (13,000 rows of
    `continuations` at 10,000 reports: 0.98 s through rdflib, 0.45 s directly)."""

    native: Any = None


def open_oxigraph(path: Path) -> Graph:
    """The on-disk store, read-only: rdflib's API over Oxigraph (oxrdflib), so the same
    query code runs on it and on rdflib's memory store. Read-only handles do not take
    RocksDB's lock, so several readers (a CLI query while a test holds the store open, two
    queries in one process) can share a store. Queries must carry their own PREFIX lines:
    Oxigraph ignores prefixes bound on the graph."""
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore

    native = ox.Store.read_only(str(path))
    # The bulk loader writes Oxigraph's default graph; an rdflib Graph over oxrdflib reads
    # the named graph of its identifier unless that identifier is the default graph's.
    graph = OxigraphGraph(store=OxigraphStore(store=native), identifier=DATASET_DEFAULT_GRAPH_ID)
    graph.native = native
    return bind_prefixes(graph)


def ntriples(model: Model) -> Iterator[str]:
    """The model as N-Triples lines, without building an rdflib graph in memory.

    The same triples as `node_triples`/`edge_triples` (tests/graph/test_export.py parses
    both and compares), written straight to text: making an rdflib term per literal was
    most of the time to serialise a national graph (~900k triples)."""
    iris: dict[URIRef, str] = {}

    def iri(term: URIRef) -> str:
        text = iris.get(term)
        if text is None:
            text = iris[term] = f"<{term}>"
        return text

    a, label, source, derived = (
        iri(t) for t in (RDF.type, RDFS.label, KK.source, PROV.wasDerivedFrom)
    )
    for node in model.nodes.values():
        s = iri(resource(node.id))
        yield f"{s} {a} {iri(KK[node.type.value])} .\n"
        for key, value in node.props.items():
            p = iri(_RENAMED.get(key) or KK[key])
            for v in value if isinstance(value, list) else [value]:
                yield f"{s} {p} {_nt_literal(v)} .\n"
            if key == "name":
                yield f"{s} {label} {_nt_literal(value)} .\n"
        for src in node.sources:
            yield f"{s} {source} {_nt_literal(src)} .\n"
        for origin in dict.fromkeys(_origin(src) for src in node.sources):
            yield f"{s} {derived} {iri(origin)} .\n"
    for edge in model.edges.values():
        p = iri(KK[EDGE_PROPERTIES[edge.type.value]])
        yield f"{iri(resource(edge.src))} {p} {iri(resource(edge.dst))} .\n"


# N-Triples escapes in a string literal: backslash, quote, line feed, carriage return.
_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_INTEGER = f"^^<{XSD.integer}>"
_BOOLEAN = f"^^<{XSD.boolean}>"


def _nt_literal(value: Value) -> str:
    """A literal as `_literals` types it: booleans and integers typed, the rest strings."""
    if isinstance(value, bool):
        return f'"{str(value).lower()}"{_BOOLEAN}'
    if isinstance(value, int):
        return f'"{value}"{_INTEGER}'
    return '"' + str(value).translate(_NT_ESCAPES) + '"'


def load_oxigraph(model: Model, path: Path) -> int:
    """Bulk-load the model into a new on-disk Oxigraph store; returns the triple count.
    Bulk loading skips Oxigraph's per-triple transactions: 6.4 s for 1M triples against
    20.8 s through rdflib's addN (bench/RESULTS-rdf-store.md)."""
    import pyoxigraph as ox

    lines = list(dict.fromkeys(ntriples(model)))
    store = ox.Store(str(path))
    # Not lenient: skipping Oxigraph's term validation gave no measurable gain (7.8 s vs
    # 6.4 s in bench/RESULTS-rdf-store.md), and validation catches a bad IRI at build time.
    store.bulk_load("".join(lines).encode("utf-8"), ox.RdfFormat.N_TRIPLES)
    store.flush()
    del store
    return len(lines)
