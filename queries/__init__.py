"""The query catalog: each question as `NAME.rq` (SPARQL) and `NAME.cypher`, loaded by name."""
