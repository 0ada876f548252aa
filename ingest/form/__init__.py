"""The general form reader's structure: pairs, tables and sections of any layout."""

from kompetansekart.ingest.form.model import FlatTable, Form, Pair, Row, Section, Table
from kompetansekart.ingest.form.structure import read_form

__all__ = ["FlatTable", "Form", "Pair", "Row", "Section", "Table", "read_form"]
