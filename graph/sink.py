"""The one contract every store implements (as kgx's sinks do): add_nodes, add_edges,
close. `write()` feeds a model into any of them in batches, nodes before edges (Neo4j
needs the nodes to exist before it can MERGE relationships between them)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Protocol, TypeVar

from kompetansekart.graph.model import Edge, Graph, Node

T = TypeVar("T")


class GraphSink(Protocol):
    def add_nodes(self, batch: Sequence[Node]) -> None: ...

    def add_edges(self, batch: Sequence[Edge]) -> None: ...

    def close(self) -> None: ...


class NullSink:
    """Accepts everything and keeps nothing: validation runs without writing a store."""

    def __init__(self) -> None:
        self.nodes = 0
        self.edges = 0

    def add_nodes(self, batch: Sequence[Node]) -> None:
        self.nodes += len(batch)

    def add_edges(self, batch: Sequence[Edge]) -> None:
        self.edges += len(batch)

    def close(self) -> None:
        pass


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def write(graph: Graph, sink: GraphSink, batch_size: int = 5000) -> None:
    for batch in batched(graph.nodes.values(), batch_size):
        sink.add_nodes(batch)
    for batch in batched(graph.edges.values(), batch_size):
        sink.add_edges(batch)
    sink.close()
