"""A rich progress bar over files for ingest and build: on a terminal only, so pipes, CI
logs and --quiet stay clean. It writes to stderr; stdout is for results."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def file_progress(enabled: bool) -> Iterator[dict[str, Any]]:
    """Yields keyword arguments for `ingest_paths` (on_start, on_file)."""
    if not enabled or not sys.stderr.isatty():
        yield {}
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    progress = Progress(
        TextColumn("reading reports"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[file]}"),
        console=Console(stderr=True),
        transient=True,
    )
    task = progress.add_task("files", total=None, file="")
    with progress:
        yield {
            "on_start": lambda n: progress.update(task, total=n),
            "on_file": lambda o: progress.update(task, advance=1, file=o.path[-40:]),
        }
