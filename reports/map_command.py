"""`kompetansekart map -o map.html`: the graph as one interactive HTML page that opens
from disk with no network."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kompetansekart.reports.edge import translated
from kompetansekart.reports.graph_commands import StoreOption
from kompetansekart.reports.map_model import View
from kompetansekart.reports.report_commands import (
    NetworkOption,
    SchemeOption,
    YearOption,
    _dataset,
    _filters,
)


def map_command(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The HTML file to write, e.g. map.html.")
    ],
    view: Annotated[
        View,
        typer.Option(
            "--view",
            help="partnerships: organisations, networks and partnership links (the overview); "
            "funding: + measures and schemes, money as weighted edges; "
            "full: + themes, target groups, areas and unions.",
        ),
    ] = View.partnerships,
    year: YearOption = None,
    scheme: SchemeOption = None,
    network: NetworkOption = None,
    focus: Annotated[
        str | None,
        typer.Option(
            "--focus", help="Only this organisation and its neighbourhood, e.g. 'Nord universitet'."
        ),
    ] = None,
    depth: Annotated[
        int, typer.Option("--depth", min=0, help="With --focus: how many links out to show.")
    ] = 1,
    people: Annotated[
        bool,
        typer.Option(
            "--people",
            help="Show contact persons (name and function) linked to their organisation. "
            "Needs a store built with --people.",
        ),
    ] = False,
    store: StoreOption = None,
) -> None:
    """Draw the graph as an interactive HTML map (pyvis / vis-network, all inline).

    Colour and shape by node type with a legend, size by funding, edge width by amount;
    tooltips show ids, amounts, years and the source report lines. The page has a search
    box, a type filter and a button that collapses each competence network. Contact
    persons appear only with --people."""
    from kompetansekart.reports.map_html import write_map
    from kompetansekart.reports.map_model import build_map

    ds = _dataset(store)
    with translated():
        data = build_map(ds, _filters(year, scheme, network), view, focus, depth, people)
    if people and not any(r.contacts for r in ds.records):
        typer.echo(
            "note: the store holds no contact persons; build it with --people to map them",
            err=True,
        )
    write_map(data, output)
    typer.echo(f"{output}: {len(data.nodes)} nodes, {len(data.edges)} edges ({view.value} view)")
