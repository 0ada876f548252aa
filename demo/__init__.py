"""Synthetic documents: the writers that turn report text into real .docx and .pdf files
(used by the tests for round trips and by the corpus generator), and the generator itself.

Nothing here reads reports; it only makes them. The ingest side must never import it.
"""
