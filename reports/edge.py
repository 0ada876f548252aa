"""Library exceptions become one line that says the fix, at the CLI edge only."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer


@contextmanager
def translated() -> Iterator[None]:
    """Known errors -> 'error: ...' on stderr and exit code 2 (usage), no traceback."""
    from neo4j.exceptions import AuthError, ServiceUnavailable

    from kompetansekart.graph.storage import StoreMissing
    from kompetansekart.queries.analyses.portfolio import UnknownOrganisation
    from kompetansekart.queries.catalog import QueryParameterError, UnknownQuery

    try:
        yield
    except (StoreMissing, UnknownQuery, QueryParameterError, UnknownOrganisation) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    except ServiceUnavailable as exc:
        typer.echo(
            "error: cannot reach Neo4j; set NEO4J_URI (default bolt://127.0.0.1:7687) to a "
            "running server",
            err=True,
        )
        raise typer.Exit(2) from exc
    except AuthError as exc:
        typer.echo("error: Neo4j refused the credentials in NEO4J_USER/NEO4J_PASSWORD", err=True)
        raise typer.Exit(2) from exc


def echo_file_errors(batch) -> None:
    """One line per file that failed or was skipped, on stderr: the batch went on."""
    for outcome in batch.outcomes:
        if outcome.error:
            typer.echo(f"{outcome.status}: {outcome.error}", err=True)
