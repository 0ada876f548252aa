"""The command line: a thin edge over the library.

Library exceptions become one-line messages that say what to do; exit codes are
0 (clean), 1 (a file failed, or warnings under --strict), 2 (usage error or crash).
Heavy modules are imported inside the commands so `kompetansekart --help` starts fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from kompetansekart.reports.edge import echo_file_errors
from kompetansekart.reports.progress import file_progress
from kompetansekart.reports.render import Format, render

app = typer.Typer(
    name="kompetansekart",
    help="A knowledge graph of the partnerships behind local competence development: "
    "needs reports (behovsmeldinger) in, records, graph, queries, maps and reports out.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # never print locals: they can hold credentials
    add_completion=False,
)

FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", help="Output format: table, json, csv or md."),
]


@app.callback()
def main() -> None:
    """kompetansekart: needs reports in; records, graph, queries, maps and reports out."""


@app.command()
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Report files or folders (searched recursively)."),
    ],
    fmt: FormatOption = Format.table,
    people: Annotated[
        bool,
        typer.Option("--people", help="Include personal data (contact persons) in the output."),
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings as failures (exit code 1).")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the JSON records to this file as well."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
) -> None:
    """Read needs reports into typed records (a table, or JSON records).

    JSON follows needs-report.schema.json. Personal data is left out unless --people is
    given."""
    from kompetansekart.ingest.pipeline import ingest_paths
    from kompetansekart.ingest.records import redact

    with file_progress(not quiet) as progress:
        batch = ingest_paths(paths, **progress)
    records = [r if people else redact(r) for r in batch.records]
    payload = [r.to_json() for r in records]
    if output:
        output.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", "utf-8")
    if fmt is Format.json:
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        _ingest_tables(batch, fmt)
    if not quiet:
        typer.echo(
            f"{len(batch.outcomes)} files: {batch.count('ok')} ok, "
            f"{batch.count('warnings')} with warnings, {batch.count('failed')} failed, "
            f"{batch.count('skipped')} skipped",
            err=True,
        )
        echo_file_errors(batch)
    if batch.failed or (strict and batch.count("warnings")):
        raise typer.Exit(1)


def _ingest_tables(batch, fmt: Format) -> None:
    from kompetansekart.ingest.amounts import format_nok

    rows, diags = [], []
    for o in batch.outcomes:
        r = o.record
        if r is None:
            rows.append({"file": Path(o.path).name, "status": o.status})
            continue
        total = _grand_total(r)
        rows.append(
            {
                "file": Path(o.path).name,
                "status": o.status,
                "layout": r.layout,
                "owner": r.owner.name,
                "uh": [u.name for u in r.uh],
                "year": r.year,
                "schemes": r.schemes,
                "measures": len(r.measures),
                "total": format_nok(total) if total else "",
                "warnings": sum(d.level == "warning" for d in r.diagnostics),
                "errors": sum(d.level == "error" for d in r.diagnostics),
            }
        )
        diags += [
            {
                "file": Path(o.path).name,
                "line": d.line,
                "level": d.level,
                "field": d.field,
                "message": d.message,
            }
            for d in r.diagnostics
            if d.level != "info"
        ]
    headers = [
        "file",
        "status",
        "layout",
        "owner",
        "uh",
        "year",
        "schemes",
        "measures",
        "total",
        "warnings",
        "errors",
    ]
    render(rows, headers, fmt, title="Reports")
    if diags:
        render(diags, ["file", "line", "level", "field", "message"], fmt, title="Diagnostics")


@app.command()
def text(
    path: Annotated[Path, typer.Argument(help="One report file (.txt, .md, .docx or .pdf).")],
) -> None:
    """Show a report's text as the parsers see it, numbered by the lines that evidence and
    diagnostics point at.

    For .docx and .pdf these are the extracted lines (paragraphs and table rows, table
    cells separated by ' | '), so 'line 57' in a diagnostic can be found here."""
    from kompetansekart.ingest.errors import IngestError
    from kompetansekart.ingest.readers import reader_for

    try:
        _, read = reader_for(path)
        result = read(path)
    except IngestError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    for diagnostic in result.diagnostics:
        typer.echo(f"{diagnostic.level}: {diagnostic.message}", err=True)
    width = len(str(result.lines[-1].no)) if result.lines else 1
    for line in result.lines:
        if line.text.strip():  # blank lines keep their numbers but are not shown
            typer.echo(f"{line.no:>{width}}  {line.text.replace(chr(9), ' | ')}")


def _grand_total(r) -> int | None:
    """The report's stated grand total; else its budget rows; else its measures."""
    if r.budget_sum and r.budget_sum.total_stated is not None:
        return r.budget_sum.total_stated
    rows = [row.total_stated for row in r.budget if row.total_stated is not None]
    if rows:
        return sum(rows)
    measures = [m.total_stated for m in r.measures if m.total_stated is not None]
    return sum(measures) if measures else None


def _register() -> None:
    from kompetansekart.reports import graph_commands as g

    for command in (g.build, g.query, g.queries, g.validate, g.export):
        app.command()(command)
    neo4j = typer.Typer(help="Neo4j: load the graph over Bolt.", no_args_is_help=True)
    neo4j.command("load")(g.neo4j_load)
    app.add_typer(neo4j, name="neo4j")
    from kompetansekart.reports.report_commands import report

    app.add_typer(report, name="report")
    from kompetansekart.reports.map_command import map_command

    app.command("map")(map_command)
    from kompetansekart.reports.demo_command import demo

    app.command("demo")(demo)


_register()

if __name__ == "__main__":  # pragma: no cover
    app()
