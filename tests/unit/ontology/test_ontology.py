"""Tests of the vocabulary: the OWL file, its closed Python namespace, the SKOS schemes
generated from the CSVs, node IRIs, and the SHACL shapes on hand-made data."""

from __future__ import annotations

import csv
import io
import re
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyshacl import validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, get_annotations

from kompetansekart.graph.model import EdgeType, NodeType
from kompetansekart.ontology import skos
from kompetansekart.ontology.namespace import (
    EDGE_PROPERTIES,
    GAZETTEER,
    KK,
    RES,
    node_id,
    resource,
)

# Open namespaces: pytest probes module globals while collecting, and rdflib's own
# DefinedNamespace SDO and XSD warn on every unknown attribute it asks for.
ORG = Namespace("http://www.w3.org/ns/org#")
SDO = Namespace("https://schema.org/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
PACKAGE = files("kompetansekart.ontology")
KK_NS = str(KK._NS)
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


def _load(name: str) -> Graph:
    return Graph().parse(data=PACKAGE.joinpath(name).read_text("utf-8"), format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return _load("kompetansekart.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return _load("shapes.ttl")


def _declared(g: Graph, kind: URIRef | None = None) -> set[str]:
    """Local names of the kk: terms the ontology declares (of one kind, or of any)."""
    kinds = KINDS if kind is None else (kind,)
    return {
        str(s)[len(KK_NS) :]
        for k in kinds
        for s in g.subjects(RDF.type, k)
        if isinstance(s, URIRef) and str(s).startswith(KK_NS)
    }


def _kk_terms_used(g: Graph) -> set[str]:
    """Every kk: IRI a graph mentions anywhere (subject, predicate or object)."""
    return {
        str(t)[len(KK_NS) :]
        for triple in g
        for t in triple
        if isinstance(t, URIRef) and str(t).startswith(KK_NS)
    }


# --- the OWL file and the closed namespace (STYLE item 9) ------------------------------


def test_ontology_parses_and_has_a_header(ontology: Graph) -> None:
    header = URIRef("https://w3id.org/kompetansekart/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert {lit.language for lit in ontology.objects(header, DCTERMS.title)} == {"nb", "en"}
    assert ontology.value(header, DCTERMS.description) is not None
    assert ontology.value(header, OWL.versionInfo) is not None


def test_every_kk_term_is_declared_in_the_ttl(ontology: Graph) -> None:
    assert set(get_annotations(KK)) == _declared(ontology)


def test_ttl_mentions_no_undeclared_kk_term(ontology: Graph) -> None:
    assert _kk_terms_used(ontology) <= _declared(ontology)


@pytest.mark.parametrize("name", ["shapes.ttl", "themes.ttl", "schemes.ttl", "target_groups.ttl"])
def test_other_files_use_only_declared_kk_terms(name: str) -> None:
    """A typo in a shape (kk:ofPartnershp) would silently target nothing."""
    assert _kk_terms_used(_load(name)) <= set(get_annotations(KK))


def test_kk_is_closed() -> None:
    assert KK.ofPartnership == URIRef(KK_NS + "ofPartnership")
    with pytest.raises(AttributeError, match="ofPartnershp"):
        _ = KK.ofPartnershp


def test_each_term_is_one_kind_with_labels_and_a_comment(ontology: Graph) -> None:
    for name in _declared(ontology):
        term = KK[name]
        kinds = [k for k in KINDS if (term, RDF.type, k) in ontology]
        assert len(kinds) == 1, name
        labels = sorted(lit.language for lit in ontology.objects(term, RDFS.label))
        assert labels == ["en", "nb"], name
        comments = [lit for lit in ontology.objects(term, RDFS.comment) if lit.language == "en"]
        assert len(comments) == 1 and len(comments[0]) > 20, name


def test_classes_are_the_node_types(ontology: Graph) -> None:
    assert _declared(ontology, OWL.Class) == {t.value for t in NodeType}


def test_edge_properties_cover_every_edge_type(ontology: Graph) -> None:
    assert set(EDGE_PROPERTIES) == {t.value for t in EdgeType}
    assert set(EDGE_PROPERTIES.values()) == _declared(ontology, OWL.ObjectProperty)
    assert len(set(EDGE_PROPERTIES.values())) == len(EDGE_PROPERTIES)


def test_every_object_property_has_domain_and_range(ontology: Graph) -> None:
    for name in _declared(ontology, OWL.ObjectProperty):
        assert ontology.value(KK[name], RDFS.domain) is not None, name
        assert ontology.value(KK[name], RDFS.range) is not None, name


def test_funds_has_two_domains(ontology: Graph) -> None:
    domain = ontology.value(KK.funds, RDFS.domain)
    assert isinstance(domain, BNode)
    members = list(Collection(ontology, ontology.value(domain, OWL.unionOf)))
    assert members == [KK.Grant, KK.Scheme]


@pytest.mark.parametrize(
    ("term", "relation", "standard"),
    [
        (KK.Organization, RDFS.subClassOf, ORG.Organization),
        (KK.University, RDFS.subClassOf, SDO.CollegeOrUniversity),
        (KK.UniversityUnit, RDFS.subClassOf, ORG.OrganizationalUnit),
        (KK.School, RDFS.subClassOf, SDO.School),
        (KK.Kindergarten, RDFS.subClassOf, SDO.Preschool),
        (KK.Partnership, RDFS.subClassOf, ORG.OrganizationalCollaboration),
        (KK.Membership, RDFS.subClassOf, ORG.Membership),
        (KK.Grant, RDFS.subClassOf, SDO.MonetaryGrant),
        (KK.Scheme, RDFS.subClassOf, SDO.FundingScheme),
        (KK.Scheme, RDFS.subClassOf, SKOS.Concept),
        (KK.Theme, RDFS.subClassOf, SKOS.Concept),
        (KK.TargetGroup, RDFS.subClassOf, SKOS.Concept),
        (KK.NeedsReport, RDFS.subClassOf, PROV.Entity),
        (KK.NeedsReport, RDFS.subClassOf, SDO.Report),
        (KK.Person, RDFS.subClassOf, SDO.Person),
        (KK.Area, RDFS.subClassOf, SDO.AdministrativeArea),
        (KK.member, RDFS.subPropertyOf, ORG.member),
        (KK.membershipIn, RDFS.subPropertyOf, ORG.organization),
        (KK.partOf, RDFS.subPropertyOf, ORG.unitOf),
        (KK.addresses, RDFS.subPropertyOf, DCTERMS.subject),
        (KK.serves, RDFS.subPropertyOf, SDO.areaServed),
        (KK.name, RDFS.subPropertyOf, SDO.name),
        (KK.amount, RDFS.subPropertyOf, SDO.amount),
        (KK.kommunenummer, RDFS.subPropertyOf, SKOS.notation),
    ],
)
def test_standard_terms_are_reused(
    ontology: Graph, term: URIRef, relation: URIRef, standard: URIRef
) -> None:
    assert (term, relation, standard) in ontology


ORGANIZATION_KINDS = [
    "Municipality",
    "CountyMunicipality",
    "PrivateOwner",
    "School",
    "Kindergarten",
    "University",
    "UniversityUnit",
    "PPTService",
    "Union",
    "OtherOrganization",
    "CompetenceNetwork",
]


def test_organisation_kinds_are_organisations(ontology: Graph) -> None:
    """The graph model's ORGANIZATION_TYPES, as subclasses of kk:Organization."""
    for kind in ORGANIZATION_KINDS:
        assert (KK[kind], RDFS.subClassOf, KK.Organization) in ontology, kind


def test_datatype_ranges(ontology: Graph) -> None:
    integers = "year amount ownerAmount uhAmount totalStated coordinatorAmount measureNumber"
    for name in [*integers.split(), "continuesYear"]:
        assert ontology.value(KK[name], RDFS.range) == XSD.integer, name
    for name in ("continued", "continuation", "unresolved"):
        assert ontology.value(KK[name], RDFS.range) == XSD.boolean, name


def test_gazetteer_source_is_declared(ontology: Graph) -> None:
    assert str(GAZETTEER) == "https://w3id.org/kompetansekart/id/source/gazetteer"
    assert (GAZETTEER, RDF.type, PROV.Entity) in ontology


# --- SKOS schemes --------------------------------------------------------------------


def _csv_rows(name: str) -> list[dict[str, str]]:
    text = PACKAGE.joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("csv_name", sorted(skos.VOCABULARIES))
def test_skos_files_are_up_to_date(csv_name: str, tmp_path: Path) -> None:
    """Fails after a CSV edit until `python -m kompetansekart.ontology.skos` is run."""
    skos.write_all(tmp_path)
    ttl = skos.VOCABULARIES[csv_name].ttl_name
    fresh = Graph().parse(tmp_path / ttl)
    shipped = _load(ttl)
    assert fresh.isomorphic(shipped), f"ontology/{ttl} is stale: run the skos module"
    assert (tmp_path / ttl).read_text("utf-8") == PACKAGE.joinpath(ttl).read_text("utf-8")


def test_skos_output_is_deterministic(tmp_path: Path) -> None:
    first = [p.read_bytes() for p in skos.write_all(tmp_path / "a")]
    second = [p.read_bytes() for p in skos.write_all(tmp_path / "b")]
    assert first == second


@pytest.mark.parametrize(
    ("csv_name", "prefix", "scheme", "kk_class"),
    [
        ("themes.csv", "theme", RES["themes"], KK.Theme),
        ("schemes.csv", "scheme", RES["schemes"], KK.Scheme),
        ("target_groups.csv", "targetgroup", RES["targetgroups"], KK.TargetGroup),
    ],
)
def test_every_csv_row_is_a_concept(
    csv_name: str, prefix: str, scheme: URIRef, kk_class: URIRef
) -> None:
    g = skos.build(csv_name)
    assert (scheme, RDF.type, SKOS.ConceptScheme) in g
    for row in _csv_rows(csv_name):
        c = resource(f"{prefix}:{row['id']}")
        assert (c, RDF.type, SKOS.Concept) in g
        assert (c, RDF.type, kk_class) in g
        assert (c, SKOS.inScheme, scheme) in g
        assert (c, SKOS.prefLabel, Literal(row["pref_label_nb"], lang="nb")) in g
        assert (c, SKOS.prefLabel, Literal(row["pref_label_en"], lang="en")) in g
        if row["broader"]:
            assert (c, SKOS.broader, resource(f"{prefix}:{row['broader']}")) in g
            assert (c, SKOS.topConceptOf, scheme) not in g
        else:
            assert (c, SKOS.topConceptOf, scheme) in g
        if row["note"]:
            assert (c, SKOS.scopeNote, Literal(row["note"], lang="en")) in g
        alts = {a.strip() for a in row["alt_labels"].split(";") if a.strip()}
        alts.discard(row["pref_label_nb"])  # SKOS: prefLabel and altLabel are disjoint
        assert {str(a) for a in g.objects(c, SKOS.altLabel)} == alts
    assert len(set(g.subjects(RDF.type, SKOS.Concept))) == len(_csv_rows(csv_name))


def test_every_theme_variant_is_an_alt_label() -> None:
    g = _load("themes.ttl")
    for row in _csv_rows("themes.csv"):
        concept = resource(f"theme:{row['id']}")
        for variant in filter(None, (a.strip() for a in row["alt_labels"].split(";"))):
            assert (concept, SKOS.altLabel, Literal(variant, lang="nb")) in g, variant


def test_kollektiv_is_broader_than_the_three_merged_schemes() -> None:
    g = _load("schemes.ttl")
    kollektiv = resource("scheme:kollektiv")
    merged = {resource(f"scheme:{s}") for s in ("regional", "desentralisert", "kompetanseloftet")}
    assert set(g.subjects(SKOS.broader, kollektiv)) == merged
    assert (kollektiv, SKOS.topConceptOf, RES["schemes"]) in g
    assert (resource("scheme:oppfolging"), SKOS.broader, kollektiv) not in g


def test_a_dangling_broader_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [(2, dict.fromkeys(skos.COLUMNS, "") | {"id": "a", "broader": "nope"})]
    rows[0][1].update(pref_label_nb="A", pref_label_en="A")
    monkeypatch.setattr(skos, "_rows", lambda _name: rows)
    with pytest.raises(skos.VocabularyCsvError, match=r"themes\.csv:2: broader 'nope'"):
        skos.build("themes.csv")


# --- node IRIs -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nid", "iri"),
    [
        ("orgnr:972418013", "https://w3id.org/kompetansekart/id/orgnr/972418013"),
        ("measure:ab12:3", "https://w3id.org/kompetansekart/id/measure/ab12/3"),
        ("org:st-eystein-skole", "https://w3id.org/kompetansekart/id/org/st-eystein-skole"),
        ("area:1804", "https://w3id.org/kompetansekart/id/area/1804"),
        ("org:bodø", "https://w3id.org/kompetansekart/id/org/bod%C3%B8"),
        ("org:a/b c", "https://w3id.org/kompetansekart/id/org/a%2Fb%20c"),
    ],
)
def test_resource_examples(nid: str, iri: str) -> None:
    assert resource(nid) == URIRef(iri)
    assert node_id(iri) == nid


_SEGMENT = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-_æøåÆØÅ/%#? ."),
    min_size=1,
    max_size=20,
)


@given(st.lists(_SEGMENT, min_size=1, max_size=4).map(":".join))
def test_resource_round_trips(nid: str) -> None:
    iri = resource(nid)
    assert node_id(iri) == nid
    path = str(iri)[len(str(RES)) :]
    assert re.fullmatch(r"[A-Za-z0-9._~%/-]+", path), path
    assert path.count("/") == nid.count(":")


@pytest.mark.parametrize("bad", ["https://example.org/x", str(RES), KK.Measure])
def test_node_id_rejects_foreign_iris(bad: str) -> None:
    with pytest.raises(ValueError, match="not a kompetansekart resource"):
        node_id(bad)


def test_empty_node_id_is_rejected() -> None:
    with pytest.raises(ValueError, match="empty"):
        resource("")


# --- SHACL ---------------------------------------------------------------------------

PREFIXES = """
@prefix kk: <https://w3id.org/kompetansekart/ontology#> .
@prefix id: <https://w3id.org/kompetansekart/id/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

CONFORMING = (
    PREFIXES
    + """
id:report a kk:NeedsReport ; kk:source "r1:1" ; prov:wasDerivedFrom id:report ;
    kk:sha256 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" ;
    kk:year 2026 ; kk:continuation false ; kk:coordinatorAmount 50000 ;
    kk:describes id:partnership .
id:partnership a kk:Partnership ; kk:source "r1:3" ; prov:wasDerivedFrom id:report .
id:owner a kk:Municipality ; kk:name "Bodø kommune" ; kk:source "gazetteer" ;
    prov:wasDerivedFrom id:source\\/gazetteer ; kk:partnerIn id:partnership ;
    kk:locatedIn id:area .
id:area a kk:Area ; kk:kommunenummer "1804" ; kk:source "gazetteer" ;
    prov:wasDerivedFrom id:source\\/gazetteer .
id:uh a kk:University ; kk:source "gazetteer" ; prov:wasDerivedFrom id:source\\/gazetteer .
id:unit a kk:UniversityUnit ; kk:partOf id:uh ; kk:source "gazetteer" ;
    prov:wasDerivedFrom id:source\\/gazetteer .
id:scheme a kk:Scheme ; kk:source "gazetteer" ; prov:wasDerivedFrom id:source\\/gazetteer .
id:measure a kk:Measure ; kk:ofPartnership id:partnership ; kk:measureNumber 1 ;
    kk:term "V2026" , "H2026" , "videre" ; kk:continued true ;
    kk:ownerAmount 100000 ; kk:uhAmount 200000 ; kk:totalStated 300000 ;
    kk:source "r1:10" ; prov:wasDerivedFrom id:report .
id:measure2 a kk:Measure ; kk:ofPartnership id:partnership ;
    kk:diagnostic "the report names no scheme for this measure" ;
    kk:source "r1:20" ; prov:wasDerivedFrom id:report .
id:scheme kk:funds id:measure .
id:grant a kk:Grant ; kk:amount 100000 ; kk:recipient id:owner ; kk:underScheme id:scheme ;
    kk:year 2026 ; kk:funds id:measure ; kk:source "r1:10" ; prov:wasDerivedFrom id:report .
id:grant2 a kk:Grant ; kk:amount 0 ; kk:diagnostic "UH cell names no institution" ;
    kk:source "r1:11" ; prov:wasDerivedFrom id:report .
"""
)

BROKEN = (
    CONFORMING
    + """
id:orphan-measure a kk:Measure ; kk:diagnostic "no scheme" ;
    kk:source "r1:30" ; prov:wasDerivedFrom id:report .
id:unfunded-measure a kk:Measure ; kk:ofPartnership id:partnership ;
    kk:source "r1:31" ; prov:wasDerivedFrom id:report .
id:bad-term-measure a kk:Measure ; kk:ofPartnership id:partnership ; kk:diagnostic "x" ;
    kk:term "V26" ; kk:source "r1:32" ; prov:wasDerivedFrom id:report .
id:negative-grant a kk:Grant ; kk:amount -5 ; kk:recipient id:owner ;
    kk:source "r1:33" ; prov:wasDerivedFrom id:report .
id:decimal-grant a kk:Grant ; kk:amount 100.5 ; kk:recipient id:owner ;
    kk:source "r1:34" ; prov:wasDerivedFrom id:report .
id:no-amount-grant a kk:Grant ; kk:recipient id:owner ;
    kk:source "r1:35" ; prov:wasDerivedFrom id:report .
id:no-recipient-grant a kk:Grant ; kk:amount 10 ;
    kk:source "r1:36" ; prov:wasDerivedFrom id:report .
id:old-grant a kk:Grant ; kk:amount 10 ; kk:recipient id:owner ; kk:year 1999 ;
    kk:source "r1:37" ; prov:wasDerivedFrom id:report .
id:orphan-unit a kk:UniversityUnit ; kk:source "gazetteer" ;
    prov:wasDerivedFrom id:source\\/gazetteer .
id:unsourced-school a kk:School .
id:grant-funded-measure a kk:Measure ; kk:ofPartnership id:partnership ;
    kk:source "r1:38" ; prov:wasDerivedFrom id:report .
id:grant kk:funds id:grant-funded-measure .
id:nameless-area a kk:Area ; kk:source "gazetteer" ; prov:wasDerivedFrom id:source\\/gazetteer .
id:unhashed-report a kk:NeedsReport ; kk:source "r2:1" ; prov:wasDerivedFrom id:unhashed-report .
"""
)

# (focus node, words of the message): exactly the results the broken graph must give.
EXPECTED_VIOLATIONS = {
    ("orphan-measure", "exactly one partnership"),
    ("unfunded-measure", "No grant scheme funds this measure"),
    ("grant-funded-measure", "No grant scheme funds this measure"),  # a grant is no scheme
    ("bad-term-measure", "kk:term must be V or H"),
    ("negative-grant", "kk:amount must not be negative"),
    ("decimal-grant", "kk:amount must be a whole number of kroner"),
    ("no-amount-grant", "exactly one kk:amount"),
    ("no-recipient-grant", "names no recipient"),
    ("old-grant", "kk:year must be a whole-number year between 2000 and 2100"),
    ("orphan-unit", "part of exactly one university"),
    ("unsourced-school", "has no kk:source"),
    ("unsourced-school", "has no prov:wasDerivedFrom"),
    ("nameless-area", "has no kk:kommunenummer"),
    ("unhashed-report", "exactly one kk:sha256"),
}


def _results(
    data: str, shapes: Graph, ontology: Graph | None = None
) -> tuple[bool, set[tuple[str, str]]]:
    """pyshacl's verdict and its results as (focus node id, message) pairs; with the
    ontology given, validated after RDFS inference over it."""
    conforms, report, _text = validate(
        Graph().parse(data=data, format="turtle"),
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none" if ontology is None else "rdfs",
    )
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        assert report.value(result, SH.resultSeverity) == SH.Violation
        focus = node_id(report.value(result, SH.focusNode))
        found.add((focus, str(report.value(result, SH.resultMessage))))
    return conforms, found


# The shapes need no inference, and RDFS inference over the ontology changes nothing.
INFERENCE = pytest.mark.parametrize("with_ontology", [False, True], ids=["plain", "rdfs"])


@INFERENCE
def test_conforming_graph_conforms(shapes: Graph, ontology: Graph, with_ontology: bool) -> None:
    conforms, found = _results(CONFORMING, shapes, ontology if with_ontology else None)
    assert found == set()
    assert conforms


@INFERENCE
def test_broken_graph_reports_each_violation(
    shapes: Graph, ontology: Graph, with_ontology: bool
) -> None:
    conforms, found = _results(BROKEN, shapes, ontology if with_ontology else None)
    assert not conforms
    matched = {
        (focus, words)
        for focus, words in EXPECTED_VIOLATIONS
        for got_focus, message in found
        if got_focus == focus and words in message
    }
    assert matched == EXPECTED_VIOLATIONS
    # Nothing else: the good nodes of the broken graph are not reported.
    assert {focus for focus, _ in found} == {focus for focus, _ in EXPECTED_VIOLATIONS}
    assert len(found) == len(EXPECTED_VIOLATIONS)


def test_every_shape_constraint_has_a_message_and_severity(shapes: Graph) -> None:
    """Members of an sh:or report through the shape that holds the sh:or, so they need none."""
    or_members = {m for lst in shapes.objects(None, SH["or"]) for m in Collection(shapes, lst)}
    constrained = set(shapes.subjects(SH.path, None)) | set(shapes.subjects(SH["or"], None))
    assert constrained - or_members
    for shape in constrained - or_members:
        assert shapes.value(shape, SH.message) is not None, shape
        assert shapes.value(shape, SH.severity) is not None, shape


def test_provenance_shape_targets_every_node_type(shapes: Graph) -> None:
    shape = URIRef("https://w3id.org/kompetansekart/shapes#ProvenanceShape")
    targets = {str(c)[len(KK_NS) :] for c in shapes.objects(shape, SH.targetClass)}
    assert targets == {t.value for t in NodeType}


@pytest.mark.parametrize("name", ["themes.ttl", "schemes.ttl", "target_groups.ttl"])
def test_skos_vocabularies_conform_to_the_shapes(name: str, shapes: Graph) -> None:
    conforms, _report, text = validate(_load(name), shacl_graph=shapes, inference="none")
    assert conforms, text
