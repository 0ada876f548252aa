"""SKOS concept schemes for themes, grant schemes and target groups, built from the CSVs.

The CSVs in `data/` are the one place a concept or a spelling is added (the ingest matcher
reads them too, see `kompetansekart.ingest.vocab`); `themes.ttl`, `schemes.ttl` and
`target_groups.ttl` are generated from them so that SPARQL users get the same labels the
matcher uses. Regenerate after editing a CSV::

    python -m kompetansekart.ontology.skos

A test rebuilds the files and fails when a committed one is out of date. Output is
deterministic (no blank nodes, rdflib's Turtle serializer sorts subjects and objects), so a
change in a CSV shows as a small diff.

Each concept also carries `kk:source "gazetteer"` and `prov:wasDerivedFrom` the reference
data entity, like every other reference fact, so the SHACL provenance shape holds on a
graph that includes the vocabularies.
"""

from __future__ import annotations

import csv
import io
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, SKOS

from kompetansekart.ontology.namespace import GAZETTEER, GAZETTEER_SOURCE, KK, RES, resource

PACKAGE = "kompetansekart.ontology"
COLUMNS = ("id", "pref_label_nb", "pref_label_en", "alt_labels", "broader", "note")
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Vocabulary:
    """How one CSV becomes one concept scheme."""

    csv_name: str  # file in data/
    ttl_name: str  # generated file beside this module
    scheme: URIRef  # the skos:ConceptScheme
    id_prefix: str  # concept IRI = resource(f"{id_prefix}:{id}")
    concept_class: URIRef  # the kk class every concept also has
    title_nb: str
    title_en: str


VOCABULARIES: dict[str, Vocabulary] = {
    v.csv_name: v
    for v in (
        Vocabulary(
            "themes.csv",
            "themes.ttl",
            RES["themes"],
            "theme",
            KK.Theme,
            "Tema i behovsmeldinger",
            "Themes of needs reports",
        ),
        Vocabulary(
            "schemes.csv",
            "schemes.ttl",
            RES["schemes"],
            "scheme",
            KK.Scheme,
            "Tilskuddsordninger for lokal kompetanseutvikling",
            "Grant schemes for local competence development",
        ),
        Vocabulary(
            "target_groups.csv",
            "target_groups.ttl",
            RES["targetgroups"],
            "targetgroup",
            KK.TargetGroup,
            "Målgrupper for tiltak",
            "Target groups of measures",
        ),
    )
}


class VocabularyCsvError(ValueError):
    """A vocabulary CSV that cannot become a valid concept scheme; says file and line."""


def _rows(csv_name: str) -> list[tuple[int, dict[str, str]]]:
    """The CSV's rows with their 1-based line numbers (the header is line 1)."""
    text = resources.files(PACKAGE).joinpath("data", csv_name).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise VocabularyCsvError(
            f"ontology/data/{csv_name}:1: expected columns {','.join(COLUMNS)}, "
            f"got {','.join(reader.fieldnames or ())}"
        )
    return [(reader.line_num, {k: (v or "").strip() for k, v in row.items()}) for row in reader]


def build(csv_name: str) -> Graph:
    """The concept scheme for one CSV (`themes.csv`, `schemes.csv`, `target_groups.csv`).

    Every alt-label variant becomes a `skos:altLabel`@nb, except one identical to the
    Norwegian preferred label: SKOS makes prefLabel and altLabel disjoint, and the CSV
    repeats some names only so that the matcher lists them. Concepts without `broader` are
    top concepts. A `broader` id that is not in the same CSV is an error, not a dangling link.
    """
    try:
        vocab = VOCABULARIES[csv_name]
    except KeyError:
        known = ", ".join(sorted(VOCABULARIES))
        raise VocabularyCsvError(f"unknown vocabulary {csv_name!r}; known: {known}") from None
    rows = _rows(csv_name)
    ids = {row["id"] for _, row in rows}

    g = Graph()
    g.bind("skos", SKOS)
    g.bind("kk", KK._NS)
    g.bind("prov", PROV)
    g.bind("dcterms", DCTERMS)
    g.bind("owl", OWL)

    scheme = vocab.scheme
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    g.add((scheme, SKOS.prefLabel, Literal(vocab.title_nb, lang="nb")))
    g.add((scheme, SKOS.prefLabel, Literal(vocab.title_en, lang="en")))
    g.add((scheme, DCTERMS.source, Literal(f"ontology/data/{csv_name}")))

    for line, row in rows:
        where = f"ontology/data/{csv_name}:{line}"
        if not row["id"] or not row["pref_label_nb"] or not row["pref_label_en"]:
            raise VocabularyCsvError(f"{where}: id, pref_label_nb and pref_label_en are required")
        concept = resource(f"{vocab.id_prefix}:{row['id']}")
        g.add((concept, RDF.type, SKOS.Concept))
        g.add((concept, RDF.type, vocab.concept_class))
        g.add((concept, SKOS.inScheme, scheme))
        g.add((concept, SKOS.notation, Literal(row["id"])))
        g.add((concept, SKOS.prefLabel, Literal(row["pref_label_nb"], lang="nb")))
        g.add((concept, SKOS.prefLabel, Literal(row["pref_label_en"], lang="en")))
        for alt in row["alt_labels"].split(LIST_SEPARATOR):
            alt = alt.strip()
            if alt and alt != row["pref_label_nb"]:
                g.add((concept, SKOS.altLabel, Literal(alt, lang="nb")))
        if row["note"]:
            g.add((concept, SKOS.scopeNote, Literal(row["note"], lang="en")))
        broader = row["broader"]
        if broader:
            if broader not in ids:
                raise VocabularyCsvError(f"{where}: broader {broader!r} is not an id in this file")
            if broader == row["id"]:
                raise VocabularyCsvError(f"{where}: a concept cannot be broader than itself")
            parent = resource(f"{vocab.id_prefix}:{broader}")
            g.add((concept, SKOS.broader, parent))
            g.add((parent, SKOS.narrower, concept))
        else:
            g.add((concept, SKOS.topConceptOf, scheme))
            g.add((scheme, SKOS.hasTopConcept, concept))
        g.add((concept, KK.source, Literal(GAZETTEER_SOURCE)))
        g.add((concept, PROV.wasDerivedFrom, GAZETTEER))
    return g


def serialize(csv_name: str) -> str:
    """The Turtle text of one scheme, with a header saying it is generated."""
    body = build(csv_name).serialize(format="turtle")
    header = (
        f"# Generated from ontology/data/{csv_name} by `python -m kompetansekart.ontology.skos`;"
        "\n# edit the CSV, not this file.\n\n"
    )
    return header + body


def write_all(folder: Path | str) -> list[Path]:
    """Write the three Turtle files into `folder` and return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for csv_name, vocab in VOCABULARIES.items():
        path = folder / vocab.ttl_name
        path.write_text(serialize(csv_name), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Regenerate the files beside this module (or in the folder given as the argument)."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path(__file__).resolve().parent
    for path in write_all(folder):
        print(path, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
