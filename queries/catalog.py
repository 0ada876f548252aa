"""The query catalog: each question is a file `queries/NAME.rq` and its twin
`queries/NAME.cypher`, which a person can paste into any SPARQL endpoint or Neo4j Browser;
code loads them by name. Both give the same rows on the same graph (tested).

Each file starts with a header of `# key: value` (`// key: value` in Cypher) lines:

    # title: Institutions by region
    # answers: Which universities and units work with the owners of each network.
    # param: network string optional  Name of a competence network

Parameters are query variables. They are bound by a SPARQL `VALUES` block built from
rdflib terms (so quoting is rdflib's, never string pasting of user text), placed last in
the outermost WHERE group; an omitted optional parameter leaves its variable unbound,
which means "all". Last, because a group's elements are joined in order: after OPTIONAL
and BIND the block filters, while first in the group it would survive a failed OPTIONAL.
Not `initBindings`: Oxigraph only substitutes projected variables. Not a trailing VALUES
after the query: that is joined after GROUP BY (SPARQL 1.1, 18.2.4.3), so it would not
filter a variable the query aggregates over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import XSD, Literal, URIRef

from kompetansekart.ontology.namespace import node_id

PARAM_TYPES = ("string", "integer")


class UnknownQuery(LookupError):
    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        super().__init__(f"no query named '{name}'; known queries: {', '.join(known)}")


class QueryParameterError(ValueError):
    """A parameter the query does not declare, a required one missing, or a bad value."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    doc: str


@dataclass(frozen=True)
class CatalogQuery:
    name: str
    title: str
    answers: str
    params: tuple[Param, ...]
    text: str
    language: str = "sparql"

    def check(self, values: dict[str, str]) -> dict[str, Param]:
        """Reject undeclared parameters and missing required ones, saying the fix."""
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            raise QueryParameterError(
                f"query '{self.name}' has no parameter {', '.join(unknown)}; "
                f"it takes: {', '.join(declared) or 'none'}"
            )
        missing = [p.name for p in self.params if p.required and p.name not in values]
        if missing:
            raise QueryParameterError(
                f"query '{self.name}' needs --param {missing[0]}=VALUE ({declared[missing[0]].doc})"
            )
        return declared

    def bind(self, values: dict[str, str]) -> str:
        """SPARQL: the query text with the values bound in a VALUES block (see module doc)."""
        declared = self.check(values)
        if not values:
            return self.text
        block = "".join(
            f"\n  VALUES ?{name} {{ {_term(declared[name], raw, self.name).n3()} }}"
            for name, raw in values.items()
        )
        end = _where_group_end(self.text)
        if end is None:
            raise QueryParameterError(f"query '{self.name}' has no 'WHERE {{ ... }}' to bind into")
        return self.text[:end] + block + "\n" + self.text[end:]


def _where_group_end(text: str) -> int | None:
    """Index of the '}' closing the outermost WHERE group; strings, IRIs and comments are
    skipped so a brace inside them does not count."""
    where = _WHERE.search(text)
    if where is None:
        return None
    depth, i = 1, where.end()
    while i < len(text):
        c = text[i]
        if c in "\"'":
            i = _skip_string(text, i)
            continue
        if c == "<" and (m := _IRI.match(text, i)):
            i = m.end()
            continue
        if c == "#":
            newline = text.find("\n", i)
            i = len(text) if newline < 0 else newline
            continue
        depth += {"{": 1, "}": -1}.get(c, 0)
        if depth == 0:
            return i
        i += 1
    return None


def _skip_string(text: str, i: int) -> int:
    quote = text[i]
    i += 1
    while i < len(text) and text[i] != quote:
        i += 2 if text[i] == "\\" else 1
    return i + 1


def _value(param: Param, raw: str, query: str) -> int | str:
    if param.type == "integer":
        if not re.fullmatch(r"-?\d+", raw.strip()):
            raise QueryParameterError(f"query '{query}': {param.name} must be a whole number")
        return int(raw)
    return raw


def _term(param: Param, raw: str, query: str) -> Literal:
    value = _value(param, raw, query)
    return Literal(value, datatype=XSD.integer) if isinstance(value, int) else Literal(value)


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_HEADER = re.compile(r"^(?:#|//)\s*(title|answers|param)\s*:\s*(.*)$")
SUFFIXES = {"sparql": ".rq", "cypher": ".cypher"}


def parse(name: str, text: str, language: str = "sparql") -> CatalogQuery:
    fields: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        match = _HEADER.match(line)
        if not match:
            if line.strip() and not line.lstrip().startswith(("#", "//")):
                break
            continue
        key, value = match.groups()
        if key == "param":
            params.append(_param(name, value))
        else:
            fields[key] = value.strip()
    if "title" not in fields or "answers" not in fields:
        raise ValueError(f"query '{name}': header needs '# title:' and '# answers:' lines")
    return CatalogQuery(name, fields["title"], fields["answers"], tuple(params), text, language)


def _param(query: str, spec: str) -> Param:
    parts = spec.split(None, 3)
    if len(parts) < 3 or parts[1] not in PARAM_TYPES or parts[2] not in ("required", "optional"):
        raise ValueError(
            f"query '{query}': bad '# param:' line '{spec}'; "
            "expected '# param: NAME string|integer required|optional DESCRIPTION'"
        )
    return Param(parts[0], parts[1], parts[2] == "required", parts[3] if len(parts) > 3 else "")


def _folder():
    return resources.files("kompetansekart.queries")


def names(language: str = "sparql") -> list[str]:
    suffix = SUFFIXES[language]
    return sorted(p.name[: -len(suffix)] for p in _folder().iterdir() if p.name.endswith(suffix))


def load(name_or_path: str, language: str = "sparql") -> CatalogQuery:
    """A catalog query by name, or any .rq/.cypher file by path (same header rules)."""
    for lang, suffix in SUFFIXES.items():
        if name_or_path.endswith(suffix) and Path(name_or_path).is_file():
            path = Path(name_or_path)
            return parse(path.stem, path.read_text("utf-8"), lang)
    resource = _folder() / f"{name_or_path}{SUFFIXES[language]}"
    if not resource.is_file():
        raise UnknownQuery(name_or_path, names(language))
    return parse(name_or_path, resource.read_text("utf-8"), language)


def run(graph: Any, query: CatalogQuery, values: dict[str, str] | None = None):
    """(headers, rows) of a query on an rdflib Graph (memory or Oxigraph store). Values are
    plain Python: integers as int, resources as graph-model ids ('orgnr:972418013'). On
    the Oxigraph store the query runs on pyoxigraph directly (graph/rdf_store.py,
    OxigraphGraph), with the same values as through rdflib."""
    text = query.bind(values or {})
    native = getattr(graph, "native", None)
    if native is not None:
        solutions = native.query(text)
        headers = [v.value for v in solutions.variables]
        return headers, [dict(zip(headers, map(_native, row), strict=True)) for row in solutions]
    result = graph.query(text)
    headers = [str(v) for v in result.vars]
    rows = [{h: _python(row[i]) for i, h in enumerate(headers)} for row in result]
    return headers, rows


_XSD = str(XSD)
# rdflib's toPython() gives int for these and bool for xsd:boolean; every other literal
# comes out as its lexical form (see _python), so the native path does the same.
_INTEGER_TYPES = frozenset(
    _XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)


def _native(term: Any) -> Any:
    """A pyoxigraph term as `_python` makes the rdflib one."""
    if term is None:
        return None
    datatype = getattr(term, "datatype", None)
    if datatype is None:  # a Literal always has one
        return node_id(term.value) if type(term).__name__ == "NamedNode" else term.value
    kind = datatype.value
    if kind in _INTEGER_TYPES:
        try:
            return int(term.value)
        except ValueError:
            return term.value
    if kind == _XSD + "boolean":
        return term.value in ("true", "1")
    return term.value


def _python(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return node_id(term)
    if isinstance(term, Literal):
        value = term.toPython()
        # toPython() gives the Literal itself for types it does not map (xsd:gYear): a
        # str subclass, so only int and bool are taken from it, the rest is plain text.
        return value if isinstance(value, bool | int) else str(term)
    return str(term)


def run_cypher(
    driver: Any,
    query: CatalogQuery,
    values: dict[str, str] | None = None,
    database: str | None = None,
):
    """(headers, rows) of a Cypher catalog query on Neo4j. Every declared parameter is
    passed as a Cypher parameter (an omitted optional one as null, meaning "all")."""
    values = values or {}
    declared = query.check(values)
    params = {
        name: _value(p, values[name], query.name) if name in values else None
        for name, p in declared.items()
    }
    # The catalog names every relationship type the model has; a graph without, say, any
    # partnership-level grant lacks FOR_PARTNERSHIP, and the server would warn ("type does
    # not exist") on every run. Those warnings say nothing about the answer, so they are off.
    with driver.session(
        database=database, notifications_disabled_classifications=["UNRECOGNIZED"]
    ) as session:
        result = session.execute_read(_read, query.text, params)
    return result


def _read(tx: Any, text: str, params: dict) -> tuple[list[str], list[dict]]:
    result = tx.run(text, params)
    headers = list(result.keys())
    return headers, [dict(record) for record in result]
