"""The kompetansekart vocabulary as a closed Python namespace, and the IRIs of graph nodes.

`KK` mirrors `kompetansekart.ttl` term for term, in the style of rdflib's own
`rdflib/namespace/_ORG.py`: with `_fail = True` a misspelt term (`KK.ofPartnershp`) raises
`AttributeError` at the line that uses it instead of silently minting an IRI no query will
ever match. `tests/unit/ontology/test_ontology.py` fails when this class and the Turtle
file disagree, so a term is added in both places or not at all.

`resource()` / `node_id()` turn the graph model's node ids (`orgnr:972418013`,
`measure:<report>:<n>`) into stable IRIs under `RES` and back, so every store names the
same node with the same IRI.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote, unquote

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = [
    "EDGE_PROPERTIES",
    "GAZETTEER",
    "GAZETTEER_SOURCE",
    "KK",
    "RES",
    "node_id",
    "resource",
]


class KK(DefinedNamespace):
    """The kompetansekart ontology (`ontology/kompetansekart.ttl`).

    Classes are the graph model's NodeType values; object properties are its EdgeTypes
    (see `EDGE_PROPERTIES`); datatype properties are node properties and provenance.
    """

    _fail = True
    _NS = Namespace("https://w3id.org/kompetansekart/ontology#")

    # http://www.w3.org/2002/07/owl#Class
    Area: URIRef  # area: a municipality or county as a place
    CompetenceNetwork: URIRef  # competence network (kompetansenettverk)
    CountyMunicipality: URIRef  # county municipality (fylkeskommune) as a legal body
    Grant: URIRef  # grant: amount for one recipient, measure, scheme and year
    Kindergarten: URIRef  # kindergarten (barnehage)
    Measure: URIRef  # measure (tiltak)
    Membership: URIRef  # membership of a competence network
    Municipality: URIRef  # municipality (kommune) as a legal body
    NeedsReport: URIRef  # needs report (behovsmelding)
    Organization: URIRef  # any organisation; alone: kind unknown
    OtherOrganization: URIRef  # authority, state service, regional office, interest org
    PPTService: URIRef  # educational-psychological service (PPT)
    Partnership: URIRef  # partnership of owners and UH
    Person: URIRef  # contact person (personal data)
    PrivateOwner: URIRef  # private owner (AS, SA, stiftelse)
    Scheme: URIRef  # grant scheme (ordning)
    School: URIRef  # school
    TargetGroup: URIRef  # target group (målgruppe)
    Theme: URIRef  # theme (tema)
    Union: URIRef  # trade union
    University: URIRef  # university or university college (UH)
    UniversityUnit: URIRef  # university unit or national centre

    # http://www.w3.org/2002/07/owl#ObjectProperty
    addresses: URIRef  # ADDRESSES: Measure -> Theme
    consulted: URIRef  # CONSULTED: NeedsReport -> Union
    continues: URIRef  # CONTINUES: Measure -> Measure
    delivers: URIRef  # DELIVERS: UH -> Measure
    describes: URIRef  # DESCRIBES: NeedsReport -> Partnership
    forPartnership: URIRef  # FOR_PARTNERSHIP: Grant -> Partnership
    funds: URIRef  # FUNDS: Grant|Scheme -> Measure
    inRegion: URIRef  # IN_REGION: Area -> Area
    locatedIn: URIRef  # LOCATED_IN: Organization -> Area
    member: URIRef  # MEMBER: Membership -> Organization
    memberOf: URIRef  # MEMBER_OF: Organization -> CompetenceNetwork
    membershipIn: URIRef  # MEMBERSHIP_IN: Membership -> CompetenceNetwork
    ofPartnership: URIRef  # OF: Measure -> Partnership
    ownedBy: URIRef  # OWNED_BY: School|Kindergarten -> owner
    partOf: URIRef  # PART_OF: UniversityUnit -> University
    partnerIn: URIRef  # PARTNER_IN: Organization -> Partnership
    partnersWith: URIRef  # PARTNERS_WITH: owner -> UH
    recipient: URIRef  # RECIPIENT: Grant -> Organization
    runs: URIRef  # RUNS: owner -> Measure
    serves: URIRef  # SERVES: UH -> Area
    statesNeed: URIRef  # STATES_NEED: NeedsReport -> Theme
    submittedBy: URIRef  # SUBMITTED_BY: NeedsReport -> owner
    takesPlaceAt: URIRef  # AT: Measure -> School|Kindergarten
    targets: URIRef  # TARGETS: Measure -> TargetGroup
    underScheme: URIRef  # UNDER: Grant -> Scheme

    # http://www.w3.org/2002/07/owl#DatatypeProperty
    amount: URIRef  # amount in whole NOK
    budgetLabel: URIRef  # budget row label as written
    competenceRegion: URIRef  # competence region (kompetanseregion)
    continuation: URIRef  # the report continues an earlier one
    continued: URIRef  # the measure continues an earlier one
    continuesYear: URIRef  # year of the report or measure continued
    coordinatorAmount: URIRef  # coordinator amount in whole NOK
    diagnostic: URIRef  # why a value is missing or doubtful
    kommunenummer: URIRef  # municipality (or county) number
    layout: URIRef  # layout the report was parsed as
    measureNumber: URIRef  # a measure's number in its report
    name: URIRef  # canonical name
    orgnr: URIRef  # organisation number
    ownerAmount: URIRef  # owner's share in whole NOK
    purpose: URIRef  # vurdering / planlegging / gjennomforing
    recipientRole: URIRef  # 'eier' or 'uh'
    region: URIRef  # traditional region
    sector: URIRef  # barnehage / grunnskole / begge / videregaende
    sha256: URIRef  # SHA-256 of the report file
    source: URIRef  # provenance: '<report-id>:<line>' or 'gazetteer'
    sourcePath: URIRef  # path of the report file
    term: URIRef  # V2026 / H2026 / videre
    totalStated: URIRef  # stated total in whole NOK
    uhAmount: URIRef  # UH's share in whole NOK
    unresolved: URIRef  # the name is not in the gazetteer
    year: URIRef  # calendar year of the funds


# Resources (graph nodes) live under one base, apart from the vocabulary.
RES = Namespace("https://w3id.org/kompetansekart/id/")

# The reference data as one prov:Entity (declared in kompetansekart.ttl), and the
# `sources` value the graph model uses for facts taken from it.
GAZETTEER = RES["source/gazetteer"]
GAZETTEER_SOURCE = "gazetteer"

# Graph-model EdgeType value -> local name of its object property in KK. Kept as plain
# strings so the ontology does not import the graph package (graph depends on ontology).
EDGE_PROPERTIES: dict[str, str] = {
    "MEMBER_OF": "memberOf",
    "MEMBER": "member",
    "MEMBERSHIP_IN": "membershipIn",
    "PARTNER_IN": "partnerIn",
    "PART_OF": "partOf",
    "OWNED_BY": "ownedBy",
    "LOCATED_IN": "locatedIn",
    "IN_REGION": "inRegion",
    "PARTNERS_WITH": "partnersWith",
    "FUNDS": "funds",
    "RECIPIENT": "recipient",
    "UNDER": "underScheme",
    "FOR_PARTNERSHIP": "forPartnership",
    "RUNS": "runs",
    "DELIVERS": "delivers",
    "OF": "ofPartnership",
    "ADDRESSES": "addresses",
    "TARGETS": "targets",
    "CONTINUES": "continues",
    "AT": "takesPlaceAt",
    "SERVES": "serves",
    "DESCRIBES": "describes",
    "SUBMITTED_BY": "submittedBy",
    "STATES_NEED": "statesNeed",
    "CONSULTED": "consulted",
}

_ID_SEPARATOR = ":"


@lru_cache(maxsize=1 << 18)
def resource(node_id: str) -> URIRef:
    """The IRI of a graph-model node: each ':'-separated segment of the id becomes one path
    segment under `RES`, percent-encoded (UTF-8) so that '/', '%', spaces or æøå in a slug
    cannot change the path or produce an invalid IRI, and `node_id()` can undo it exactly.

    >>> resource("measure:ab12:3")
    rdflib.term.URIRef('https://w3id.org/kompetansekart/id/measure/ab12/3')

    Cached: every edge names two nodes, and percent-encoding was a quarter of the time
    to serialise a national graph (URIRefs are immutable, so sharing them is safe).
    """
    if not node_id:
        raise ValueError("a node id must not be empty")
    segments = node_id.split(_ID_SEPARATOR)
    return RES["/".join(quote(segment, safe="") for segment in segments)]


def node_id(iri: str) -> str:
    """The graph-model node id of an IRI made by `resource()`; the exact inverse, so query
    results in RDF can be joined back to the model (and to Neo4j, which keys by node id).
    """
    base = str(RES)
    text = str(iri)
    if not text.startswith(base) or len(text) == len(base):
        raise ValueError(f"{text!r} is not a kompetansekart resource IRI (under {base})")
    return _ID_SEPARATOR.join(unquote(segment) for segment in text[len(base) :].split("/"))
