"""Library exceptions become one line that says the fix, at the CLI edge only."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer


@contextmanager
def translated() -> Iterator[None]:
    """Known errors -> 'error: ...' on stderr and exit code 2 (usage), no traceback."""
    from kompetansekart.graph.storage import StoreMissing
    from kompetansekart.queries.catalog import QueryParameterError, UnknownQuery

    try:
        yield
    except (StoreMissing, UnknownQuery, QueryParameterError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
