"""The model as a networkx MultiDiGraph, for analyses a query language does badly
(centrality of brokers, connected components) and for GraphML export."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import networkx as nx

from kompetansekart.graph.model import Edge, Graph, Node
from kompetansekart.graph.sink import write


class NetworkxStore:
    def __init__(self) -> None:
        self.graph = nx.MultiDiGraph()

    def add_nodes(self, batch: Sequence[Node]) -> None:
        self.graph.add_nodes_from(
            (n.id, {"type": n.type.value, "sources": list(n.sources), **n.props}) for n in batch
        )

    def add_edges(self, batch: Sequence[Edge]) -> None:
        for e in batch:
            key = "|".join(str(part) for part in (e.type.value, *(v for _, v in e.key[3])))
            self.graph.add_edge(
                e.src, e.dst, key=key, type=e.type.value, sources=list(e.sources), **e.props
            )

    def close(self) -> None:
        pass


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    store = NetworkxStore()
    write(graph, store)
    return store.graph


def write_graphml(graph: Graph, path: Path) -> None:
    """GraphML has no list type: lists (sources, terms) are written joined by '; '."""
    g = to_networkx(graph).copy()
    for _, data in g.nodes(data=True):
        _flatten(data)
    for _, _, data in g.edges(data=True):
        _flatten(data)
    nx.write_graphml(g, path)


def _flatten(data: dict) -> None:
    for k, v in list(data.items()):
        if isinstance(v, list):
            data[k] = "; ".join(str(x) for x in v)
