"""Commands that build and read the graph store: build, query, queries, validate, export."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kompetansekart.reports.edge import echo_file_errors, translated
from kompetansekart.reports.progress import file_progress
from kompetansekart.reports.render import Format, render

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help="Store folder (default ./.kompetansekart, or $KOMPETANSEKART_STORE).",
        show_default=False,
    ),
]
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="Output format: table, json, csv or md.")
]


class Engine(StrEnum):
    sparql = "sparql"
    cypher = "cypher"


# Above this many triples `build` leaves SHACL to `validate` unless --shacl is given:
# pyshacl needed 70 s for the 923k triples of 10,000 reports (bench/RESULTS.md).
SHACL_AUTO_MAX_TRIPLES = 250_000


def build(
    paths: Annotated[list[Path], typer.Argument(help="Report files or folders to add.")],
    store: StoreOption = None,
    people: Annotated[
        bool, typer.Option("--people", help="Keep contact persons in the stored records.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the counts.")] = False,
    shacl: Annotated[
        bool | None,
        typer.Option(
            "--shacl/--no-shacl",
            help="Check the graph against the SHACL shapes. Default: when it has at most "
            f"{SHACL_AUTO_MAX_TRIPLES:,} triples (pyshacl takes about a minute per million; "
            "'kompetansekart validate' checks a bigger store on demand).",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes for reading the files. Default: one per core for 64 "
            "files or more, else 1.",
        ),
    ] = None,
) -> None:
    """Ingest reports into the graph store and rebuild the graph.

    Prints node and edge counts by type and the SHACL result. A changed file replaces its
    earlier version's facts; an unchanged one changes nothing."""
    from kompetansekart.graph.build import build as build_model
    from kompetansekart.graph.rdf_store import to_rdflib
    from kompetansekart.graph.storage import StoreDir, store_path
    from kompetansekart.graph.validate import validate
    from kompetansekart.ingest.pipeline import ingest_paths
    from kompetansekart.ingest.records import redact
    from kompetansekart.runtime import paused_gc

    target = StoreDir(store_path(store))
    with file_progress(not quiet) as progress:
        batch = ingest_paths(paths, jobs=jobs, **progress)
    with paused_gc():  # tens of thousands of long-lived objects (kompetansekart/runtime.py)
        new = [r if people else redact(r) for r in batch.records]
        records, merge = target.merge(new)
        model = build_model(records)
        meta = target.save(records, model)
    check = shacl if shacl is not None else meta["triples"] <= SHACL_AUTO_MAX_TRIPLES
    violations = validate(to_rdflib(model)) if check else None
    typer.echo(
        f"{target.path}: {meta['reports']} reports ({len(merge.added)} added, "
        f"{len(merge.replaced)} replaced, {len(merge.unchanged)} unchanged), "
        f"{meta['triples']} triples",
        err=True,
    )
    echo_file_errors(batch)
    if not quiet:
        rows = [{"kind": "node", "type": t, "count": n} for t, n in meta["nodes"].items()]
        rows += [{"kind": "edge", "type": t, "count": n} for t, n in meta["edges"].items()]
        render(rows, ["kind", "type", "count"], Format.table, title="Graph", out=sys.stderr)
    _shacl_summary(violations, meta["triples"])
    if batch.failed:
        raise typer.Exit(1)


def _shacl_summary(violations, triples: int) -> None:
    if violations is None:
        typer.echo(
            f"SHACL: not checked for {triples:,} triples (about a minute per million); "
            "run 'kompetansekart validate' or build with --shacl",
            err=True,
        )
        return
    serious = [v for v in violations if v.severity == "Violation"]
    if not violations:
        typer.echo("SHACL: the graph conforms to ontology/shapes.ttl", err=True)
    else:
        typer.echo(
            f"SHACL: {len(serious)} violations, {len(violations) - len(serious)} warnings "
            "(see 'kompetansekart validate')",
            err=True,
        )


def query(
    name: Annotated[
        str, typer.Argument(help="A catalog query name (see 'queries') or a .rq file.")
    ],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="A parameter as key=value; repeat for several."),
    ] = None,
    fmt: FormatOption = Format.table,
    store: StoreOption = None,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            "-e",
            help="sparql: the embedded store; cypher: Neo4j from NEO4J_URI/USER/PASSWORD.",
        ),
    ] = Engine.sparql,
) -> None:
    """Run a catalog query (or a .rq/.cypher file) on SPARQL or on Neo4j."""
    from kompetansekart.graph.storage import StoreDir, store_path
    from kompetansekart.queries import catalog

    with translated():
        q = catalog.load(name, engine.value)
        values = _params(param or [])
        q.check(values)  # parameter errors before opening any store
        if q.language == "cypher":
            headers, rows = _run_cypher(q, values)
        else:
            headers, rows = catalog.run(StoreDir(store_path(store)).sparql(), q, values)
    if fmt is Format.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        render(rows, headers, fmt, title=q.title)


def _run_cypher(q, values):
    from kompetansekart.graph.neo4j_store import Connection
    from kompetansekart.queries import catalog

    conn = Connection.from_env()
    with conn.driver() as driver:
        return catalog.run_cypher(driver, q, values, conn.database)


def _params(items: list[str]) -> dict[str, str]:
    values = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            typer.echo(f"error: --param takes key=value, got '{item}'", err=True)
            raise typer.Exit(2)
        values[key.strip()] = value
    return values


def queries(fmt: FormatOption = Format.table) -> None:
    """List the query catalog: names, titles and parameters."""
    from kompetansekart.queries import catalog

    rows = []
    for name in catalog.names():
        q = catalog.load(name)
        params = ", ".join(f"{p.name}{'' if p.required else '?'}" for p in q.params)
        rows.append({"name": name, "title": q.title, "params": params, "answers": q.answers})
    render(rows, ["name", "title", "params", "answers"], fmt, title="Query catalog")


def validate(
    fmt: FormatOption = Format.table,
    store: StoreOption = None,
) -> None:
    """Check the graph against the SHACL shapes and say what is wrong."""
    from kompetansekart.graph.rdf_store import to_rdflib
    from kompetansekart.graph.storage import StoreDir, store_path
    from kompetansekart.graph.validate import validate as run_shacl

    with translated():
        model = StoreDir(store_path(store)).model()
    violations = run_shacl(to_rdflib(model))
    rows = [
        {
            "severity": v.severity,
            "node": v.name or v.focus,
            "id": v.focus,
            "source": v.source,
            "problem": v.message,
        }
        for v in violations
    ]
    if fmt is Format.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif rows:
        render(rows, ["severity", "node", "id", "source", "problem"], fmt, title="SHACL")
    else:
        typer.echo("The graph conforms to ontology/shapes.ttl: no violations.")
    if any(v.severity == "Violation" for v in violations):
        raise typer.Exit(1)


class ExportFormat(StrEnum):
    ttl = "ttl"
    jsonld = "jsonld"
    nt = "nt"
    graphml = "graphml"


_RDFLIB_FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}


def neo4j_load(
    wipe: Annotated[
        bool, typer.Option("--wipe", help="Delete everything in the database first.")
    ] = False,
    store: StoreOption = None,
    batch_size: Annotated[int, typer.Option(help="Rows per UNWIND transaction.")] = 2000,
) -> None:
    """Load the store's graph into Neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD).

    Uniqueness constraint first, then batched UNWIND + MERGE in managed transactions.
    Loading again gives the same counts; facts no longer in the store are removed."""
    from kompetansekart.graph.neo4j_store import Connection, load
    from kompetansekart.graph.storage import StoreDir, store_path

    conn = Connection.from_env()
    with translated():
        model = StoreDir(store_path(store)).model()
        with conn.driver() as driver:
            result = load(model, driver, database=conn.database, wipe=wipe, batch_size=batch_size)
    typer.echo(
        f"{conn.uri}: {result['nodes']} nodes, {result['relationships']} relationships "
        f"(model: {len(model.nodes)} nodes, {len(model.edges)} edges)"
    )


def export(
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="ttl, jsonld, nt (RDF) or graphml (networkx)."),
    ] = ExportFormat.ttl,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")
    ] = None,
    store: StoreOption = None,
) -> None:
    """Export the graph as Turtle, JSON-LD, N-Triples or GraphML.

    Personal data is not in the graph unless the store was built with --people."""
    from kompetansekart.graph.storage import StoreDir, store_path

    with translated():
        model = StoreDir(store_path(store)).model()
    if fmt is ExportFormat.graphml:
        from kompetansekart.graph.networkx_store import write_graphml

        if output is None:
            typer.echo("error: --format graphml needs --output FILE", err=True)
            raise typer.Exit(2)
        write_graphml(model, output)
        return
    from kompetansekart.graph.rdf_store import to_rdflib

    text = to_rdflib(model).serialize(format=_RDFLIB_FORMATS[fmt.value])
    if output:
        output.write_text(text, "utf-8")
    else:
        sys.stdout.write(text)
