"""kompetansekart: a knowledge graph of the partnerships behind local competence development.

The code lives in the user's top-level folders, installed as subpackages of this one:
`kompetansekart.ingest` (files → records), `kompetansekart.ontology` (vocabulary and
gazetteer), `kompetansekart.graph`, `kompetansekart.queries` and `kompetansekart.reports`
(the CLI). Data flows one way, in that order.
"""

__version__ = "0.1.0"
