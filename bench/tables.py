"""The result tables the benchmarks print and write: one (title, headers, rows) shape, one
Markdown writer, one rich printer, so every RESULTS file reads the same way."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence

Table = tuple[str, list[str], list[list[str]]]


def markdown(tables: Iterable[Table]) -> list[str]:
    """Each table as a `## title` section; the first column is left-aligned, the figures
    right-aligned, and a '|' inside a cell escaped."""
    out: list[str] = []
    for title, headers, rows in tables:
        out += [f"## {title}", "", "| " + " | ".join(headers) + " |"]
        out.append("|" + "|".join("---" if i == 0 else "---:" for i in range(len(headers))) + "|")
        out += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
        out.append("")
    return out


def print_tables(tables: Sequence[Table], notes: Sequence[str] = ()) -> None:
    """rich tables on stdout, then the notes as bullets (plain text when rich is missing)."""
    try:
        from rich.console import Console
        from rich.table import Table as RichTable
    except ImportError:
        for title, headers, rows in tables:
            print(f"\n{title}\n" + "\t".join(headers))
            for row in rows:
                print("\t".join(row))
        for line in notes:
            print(f"- {line}")
        return
    console = Console(width=max(160, shutil.get_terminal_size().columns))
    for title, headers, rows in tables:
        table = RichTable(title=title, title_justify="left")
        for i, h in enumerate(headers):
            table.add_column(h, overflow="fold", justify="left" if i == 0 else "right")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    for line in notes:
        console.print(f"• {line}")
