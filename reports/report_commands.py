"""`kompetansekart report ...`: the analyses advisers open the tool for, as tables, JSON,
CSV or Markdown, and `report all -o DIR` for a folder of documents with an index."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from kompetansekart.reports.edge import translated
from kompetansekart.reports.graph_commands import FormatOption, StoreOption
from kompetansekart.reports.render import Format, render_tables

report = typer.Typer(
    help="Analyses: regions, funding, partners, uh, gaps, overlaps, audit, brokers, summary.",
    no_args_is_help=True,
)

YearOption = Annotated[int | None, typer.Option("--year", help="Only this year.")]
SchemeOption = Annotated[
    str | None,
    typer.Option(
        "--scheme",
        help="Only this scheme: regional, desentralisert, kompetanseloftet or oppfolging.",
    ),
]
NetworkOption = Annotated[
    str | None, typer.Option("--network", help="Only this competence network (name or id).")
]


def _dataset(store):
    from kompetansekart.graph.storage import StoreDir, store_path
    from kompetansekart.queries.analyses.dataset import Dataset

    with translated():
        return Dataset.from_records(StoreDir(store_path(store)).require().records())


def _filters(year, scheme, network):
    from kompetansekart.queries.analyses.dataset import Filters

    return Filters(year, scheme, network)


def _show(tables, fmt: Format) -> None:
    render_tables(tables, fmt)


# name -> (analysis function name in its module, module) ; resolved lazily so --help is fast
ANALYSES: dict[str, tuple[str, str]] = {
    "regions": ("kompetansekart.queries.analyses.regions", "regions"),
    "funding": ("kompetansekart.queries.analyses.funding", "funding"),
    "gaps": ("kompetansekart.queries.analyses.gaps", "gaps"),
    "overlaps": ("kompetansekart.queries.analyses.overlaps", "overlaps"),
    "audit": ("kompetansekart.queries.analyses.audit", "audit"),
    "brokers": ("kompetansekart.queries.analyses.brokers", "brokers"),
    "summary": ("kompetansekart.queries.analyses.summary", "summary"),
}


def analysis(name: str) -> Callable:
    import importlib

    module, function = ANALYSES[name]
    return getattr(importlib.import_module(module), function)


def _simple(name: str, doc: str) -> Callable:
    def command(
        fmt: FormatOption = Format.table,
        year: YearOption = None,
        scheme: SchemeOption = None,
        network: NetworkOption = None,
        store: StoreOption = None,
    ) -> None:
        tables = analysis(name)(_dataset(store), _filters(year, scheme, network))
        _show(tables, fmt)
        if name == "audit" and any(t.rows for t in tables if t.name == "audit"):
            raise typer.Exit(1)

    command.__doc__ = doc
    command.__name__ = name
    return command


for _name, _doc in (
    ("regions", "Each network and area: its universities, owners, measures and money."),
    ("funding", "Totals by scheme and year, network, university and owner."),
    ("gaps", "Municipalities and networks without a partner, and needs no measure meets."),
    ("overlaps", "The same owner funded twice for a theme, or in several partnerships."),
    ("audit", "Every stated total against the sum of its parts; exit code 1 on a mismatch."),
    ("brokers", "Organisations that connect otherwise separate networks."),
    ("summary", "A one-page overview to read first."),
):
    report.command(_name)(_simple(_name, _doc))


@report.command("partners")
def partners(
    owner: Annotated[str, typer.Argument(help="The owner's name, e.g. 'Bodø kommune'.")],
    fmt: FormatOption = Format.table,
    year: YearOption = None,
    scheme: SchemeOption = None,
    store: StoreOption = None,
) -> None:
    """One owner's partnerships over the years: universities, schemes, measures, money."""
    from kompetansekart.queries.analyses.portfolio import partners as analyse

    ds = _dataset(store)
    with translated():
        tables = analyse(ds, _filters(year, scheme, None), owner)
    _show(tables, fmt)


@report.command("uh")
def uh(
    university: Annotated[
        str, typer.Argument(help="A university or unit, e.g. 'Nord universitet'.")
    ],
    fmt: FormatOption = Format.table,
    year: YearOption = None,
    scheme: SchemeOption = None,
    network: NetworkOption = None,
    store: StoreOption = None,
) -> None:
    """One university's portfolio: networks, owners, measures, themes and money."""
    from kompetansekart.queries.analyses.portfolio import portfolio as analyse

    ds = _dataset(store)
    with translated():
        tables = analyse(ds, _filters(year, scheme, network), university)
    _show(tables, fmt)


@report.command("all")
def all_reports(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write into.")],
    year: YearOption = None,
    scheme: SchemeOption = None,
    network: NetworkOption = None,
    store: StoreOption = None,
) -> None:
    """Write every report as Markdown and CSV into a folder, with an index.md."""
    from kompetansekart.reports.report_files import write_all

    ds = _dataset(store)
    written = write_all(
        ds, _filters(year, scheme, network), output, {name: analysis(name) for name in ANALYSES}
    )
    typer.echo(f"{output}: {len(written)} files, start with {output / 'index.md'}")
