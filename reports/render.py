"""One renderer for every command: rows + headers -> table, json, csv or markdown.

JSON goes to stdout with json.dumps (never through rich, which wraps at 80 columns in a
pipe) and is valid even when there are no rows (`[]`).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Any, TextIO


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


def render(
    rows: Sequence[dict[str, Any]],
    headers: Sequence[str],
    fmt: Format | str,
    *,
    title: str | None = None,
    out: TextIO | None = None,
) -> None:
    out = out or sys.stdout
    fmt = Format(fmt)
    if fmt is Format.json:
        out.write(json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.csv:
        out.write(to_csv(rows, headers))
    elif fmt is Format.md:
        out.write(to_markdown(rows, headers, title))
    else:
        _rich_table(rows, headers, title, out)


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(cell(v) for v in value)
    return str(value)


def to_csv(rows: Sequence[dict[str, Any]], headers: Sequence[str]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([cell(row.get(h)) for h in headers])
    return buf.getvalue()


def to_markdown(
    rows: Sequence[dict[str, Any]], headers: Sequence[str], title: str | None = None
) -> str:
    def esc(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [f"## {esc(title)}", ""] if title else []
    lines.append("| " + " | ".join(esc(h) for h in headers) + " |")
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    lines += ["| " + " | ".join(esc(cell(row.get(h))) for h in headers) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _rich_table(
    rows: Sequence[dict[str, Any]], headers: Sequence[str], title: str | None, out: TextIO
) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for h in headers:
        table.add_column(h, overflow="fold")
    for row in rows:
        table.add_row(*(cell(row.get(h)) for h in headers))
    Console(file=out, width=None if out.isatty() else 160).print(table)


def render_tables(tables: Sequence[Any], fmt: Format | str, *, out: TextIO | None = None) -> None:
    """Analyses' tables (queries.analyses.table.Table): money as NOK with totals in table and
    Markdown; raw integers in JSON and CSV. JSON is one object keyed by table name; CSV is
    one block per table (header row first), separated by a blank line."""
    out = out or sys.stdout
    fmt = Format(fmt)
    if fmt is Format.json:
        payload = {t.name: t.rows for t in tables}
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    for k, t in enumerate(tables):
        if fmt is Format.csv:
            out.write(("\n" if k else "") + to_csv(t.rows, t.headers))
            continue
        rows = [_money(t, r) for r in t.rows]
        total = t.total_row()
        if total:
            rows.append(_money(t, total))
        if fmt is Format.md:
            out.write(("\n" if k else "") + to_markdown(rows, t.headers, t.title))
            out.writelines(f"\n_{note}_\n" for note in t.notes)
        else:
            _rich_table(rows, t.headers, t.title, out)
            out.writelines(f"  {note}\n" for note in t.notes)


def _money(table: Any, row: dict[str, Any]) -> dict[str, Any]:
    from kompetansekart.ingest.amounts import format_nok

    def nok(v: int) -> str:  # differences in an audit can be negative; amounts never are
        return ("-" if v < 0 else "") + format_nok(abs(v))

    return {
        h: nok(v) if h in table.money and isinstance(v, int) and not isinstance(v, bool) else v
        for h, v in row.items()
    }
