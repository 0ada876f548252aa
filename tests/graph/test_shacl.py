"""SHACL on real model output: the samples conform; a model broken the ways the shapes
guard against reports each problem in words, naming the node."""

from __future__ import annotations

import copy

import pytest

from kompetansekart.graph.model import EdgeType as E
from kompetansekart.graph.model import NodeType as N
from kompetansekart.graph.rdf_store import to_rdflib
from kompetansekart.graph.validate import validate

pytestmark = pytest.mark.corpus


def test_the_samples_conform(corpus_model):
    assert validate(to_rdflib(corpus_model)) == []


def test_each_planted_problem_is_reported(corpus_model):
    g = copy.deepcopy(corpus_model)
    measure = next(n for n in g.of_type(N.MEASURE) if n.props.get("name") == "6 Ledersamlinger")
    measure.props["ownerAmount"] = -5  # a negative amount
    grant = next(iter(g.of_type(N.GRANT)))
    grant.sources.clear()  # a node without provenance
    orphan = next(n for n in g.of_type(N.MEASURE) if n.props.get("name") == "Lesing og skriving")
    for k in [k for k, e in g.edges.items() if e.src == orphan.id and e.type is E.OF]:
        del g.edges[k]  # a measure with no partnership
    for k in [k for k, e in g.edges.items() if e.src == "org:sepu" and e.type is E.PART_OF]:
        del g.edges[k]  # a unit without its university

    found = {(v.focus, v.severity) for v in validate(to_rdflib(g))}
    messages = {v.focus: v.sentence() for v in validate(to_rdflib(g))}
    assert (measure.id, "Violation") in found
    assert (grant.id, "Violation") in found
    assert (orphan.id, "Violation") in found
    assert ("org:sepu", "Violation") in found
    assert "6 Ledersamlinger" in messages[measure.id]
    assert "Lesing og skriving" in messages[orphan.id]
    assert len({f for f, _ in found}) == 4
