"""Catalog rows from the Oxigraph store come straight from pyoxigraph (no rdflib term per
value); they must be the very values the rdflib path gives, type for type."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kompetansekart.graph.rdf_store import open_oxigraph
from kompetansekart.ontology.namespace import KK, resource
from kompetansekart.queries import catalog

XSD = "http://www.w3.org/2001/XMLSchema#"
QUERY = catalog.parse(
    "values",
    f"""# title: Every value kind
# answers: One row per literal or resource, to compare the two conversions.
PREFIX kk: <{KK}>
SELECT ?s ?o ?missing WHERE {{ ?s kk:value ?o OPTIONAL {{ ?s kk:nothing ?missing }} }}
ORDER BY ?s
""",
    "sparql",
)
LITERALS = [
    ox.Literal("42", datatype=ox.NamedNode(XSD + "integer")),
    ox.Literal("-7", datatype=ox.NamedNode(XSD + "int")),
    ox.Literal("12", datatype=ox.NamedNode(XSD + "nonNegativeInteger")),
    ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")),
    ox.Literal("0", datatype=ox.NamedNode(XSD + "boolean")),
    ox.Literal("1.50", datatype=ox.NamedNode(XSD + "decimal")),
    ox.Literal("2.5E0", datatype=ox.NamedNode(XSD + "double")),
    ox.Literal("2026-11-23", datatype=ox.NamedNode(XSD + "date")),
    ox.Literal("2024", datatype=ox.NamedNode(XSD + "gYear")),
    ox.Literal("Bodø kommune"),
    ox.Literal("Kompetanseløft", language="nb"),
    ox.Literal('<b>&</b>\n"quoted"'),
    ox.NamedNode(str(resource("orgnr:972418013"))),
    ox.NamedNode(str(resource("theme:lesing"))),
]


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("native") / "oxigraph"
    store = ox.Store(str(path))
    for i, value in enumerate(LITERALS):
        subject = ox.NamedNode(str(resource(f"test:{i:02d}")))
        store.add(ox.Quad(subject, ox.NamedNode(f"{KK}value"), value))
    store.flush()
    del store
    return open_oxigraph(path)


def test_native_rows_equal_rdflib_rows_type_for_type(graph):
    assert graph.native is not None
    native_headers, native_rows = catalog.run(graph, QUERY)
    native, graph.native = graph.native, None
    try:
        headers, rows = catalog.run(graph, QUERY)  # the same store through oxrdflib
    finally:
        graph.native = native
    assert native_headers == headers == ["s", "o", "missing"]
    assert len(rows) == len(LITERALS)
    assert native_rows == rows
    assert [type(r["o"]) for r in native_rows] == [type(r["o"]) for r in rows]
    by_subject = {r["s"]: r["o"] for r in native_rows}
    assert by_subject["test:00"] == 42 and by_subject["test:03"] is True
    assert by_subject["test:12"] == "orgnr:972418013"
    assert all(r["missing"] is None for r in native_rows)
