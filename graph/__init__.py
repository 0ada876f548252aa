"""Records → one typed graph model → stores (networkx, RDF, Neo4j).

Downstream of `kompetansekart.ingest` only: the graph knows records, never file formats.
"""
