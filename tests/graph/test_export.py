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


def test_bulk_ntriples_escape_hostile_text_like_rdflib(tmp_path):
    """Quotes, backslashes, line breaks, tabs, æøå, a boolean, an integer and a list: the
    hand-written N-Triples must say what rdflib's terms say, and Oxigraph must accept them."""
    from kompetansekart.graph.model import Graph as Model
    from kompetansekart.graph.model import NodeType
    from kompetansekart.graph.rdf_store import load_oxigraph

    model = Model()
    model.add_node(
        "org:odd",
        NodeType.ORGANIZATION,
        ["r1:3", 'r"2\\:4'],
        name='Bodø "kommune"\\ \n\r\tæøå ☒',
        continued=True,
        year=2026,
        term=["V2026", 'H"2026'],
    )
    bulk = Graph().parse(data="".join(ntriples(model)), format="nt")
    assert isomorphic(bulk, to_rdflib(model))
    assert load_oxigraph(model, tmp_path / "ox") == len(bulk)


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
