"""Exports: Turtle parses back to an isomorphic graph; JSON-LD and N-Triples carry the
same triples; GraphML opens in networkx with every node and edge."""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kompetansekart.graph.networkx_store import to_networkx, write_graphml
from kompetansekart.graph.rdf_store import ntriples, to_rdflib

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def rdf(corpus_model):
    return to_rdflib(corpus_model)


@pytest.mark.parametrize("fmt", ["turtle", "json-ld", "nt"])
def test_serialisations_parse_back_isomorphic(rdf, fmt):
    text = rdf.serialize(format=fmt)
    assert isomorphic(Graph().parse(data=text, format=fmt), rdf)


def test_bulk_ntriples_equal_the_rdflib_graph(rdf, corpus_model):
    bulk = Graph().parse(data="".join(ntriples(corpus_model)), format="nt")
    assert isomorphic(bulk, rdf)


def test_oxigraph_store_holds_the_same_triples(corpus_store, rdf):
    count = corpus_store.sparql().query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(next(iter(count))[0]) == len(rdf) == corpus_store.meta()["triples"]


def test_networkx_and_graphml(corpus_model, tmp_path):
    g = to_networkx(corpus_model)
    assert g.number_of_nodes() == len(corpus_model.nodes)
    assert g.number_of_edges() == len(corpus_model.edges)
    write_graphml(corpus_model, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    assert back.nodes["orgnr:972418013"]["name"] == "Bodø kommune"
