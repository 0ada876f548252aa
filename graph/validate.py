"""SHACL validation of the graph (ontology/shapes.ttl, run by pyshacl), reported in words:
which node, by its name and the report line it came from, and what is wrong with it."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH

from kompetansekart.ontology.namespace import KK, node_id


@dataclass(frozen=True)
class Violation:
    severity: str  # Violation, Warning, Info
    focus: str  # graph-model node id
    name: str | None
    source: str | None  # '<report-id>:<line>' of the node, where known
    message: str

    def sentence(self) -> str:
        who = f"{self.name} ({self.focus})" if self.name else self.focus
        where = f" [from {self.source}]" if self.source else ""
        return f"{self.severity}: {who}: {self.message}{where}"


def shapes() -> Graph:
    text = (resources.files("kompetansekart.ontology") / "shapes.ttl").read_text("utf-8")
    return Graph().parse(data=text, format="turtle")


def validate(data: Graph) -> list[Violation]:
    """Every SHACL result as a Violation, sorted; [] means the graph conforms."""
    import pyshacl

    _conforms, report, _text = pyshacl.validate(
        data, shacl_graph=shapes(), inference="none", advanced=True, allow_warnings=True
    )
    found = [_violation(data, report, r) for r in report.subjects(RDF.type, SH.ValidationResult)]
    return sorted(set(found), key=lambda v: (v.severity, v.focus, v.message))


def _violation(data: Graph, report: Graph, result: URIRef) -> Violation:
    focus = report.value(result, SH.focusNode)
    severity = str(report.value(result, SH.resultSeverity) or SH.Violation).rsplit("#", 1)[-1]
    message = report.value(result, SH.resultMessage)
    path = report.value(result, SH.resultPath)
    text = str(message) if message is not None else f"fails a constraint on {path}"
    name = data.value(focus, KK.name) if isinstance(focus, URIRef) else None
    source = data.value(focus, KK.source) if isinstance(focus, URIRef) else None
    return Violation(
        severity,
        node_id(focus) if isinstance(focus, URIRef) else str(focus),
        str(name) if isinstance(name, Literal) else None,
        str(source) if isinstance(source, Literal) else None,
        text,
    )
