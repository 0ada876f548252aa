"""`report all -o DIR`: every report as Markdown and CSV, plus index.md linking them, so
a folder can go to a meeting as it is."""

from __future__ import annotations

import re
from collections.abc import Callable
from io import StringIO
from pathlib import Path

from kompetansekart.reports.render import Format, render_tables


def write_all(ds, f, out: Path, analyses: dict[str, Callable]) -> list[Path]:
    from kompetansekart.queries.analyses.portfolio import partners, portfolio

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    sections: list[tuple[str, list[tuple[str, Path, int]]]] = []
    for name, analyse in analyses.items():
        tables = analyse(ds, f)
        sections.append((name, _write(out, name, tables, written)))
    for owner in sorted({p.owner for p in ds.partnerships(f)}, key=ds.name):
        slug = _slug(ds.name(owner))
        sections.append(
            (
                f"partners {ds.name(owner)}",
                _write(out / "partners", slug, partners(ds, f, owner), written),
            )
        )
    units = {u for p in ds.partnerships(f) for u in p.uh}
    for top in sorted({ds.university_of(u) for u in units}, key=ds.name):
        slug = _slug(ds.name(top))
        sections.append(
            (f"uh {ds.name(top)}", _write(out / "uh", slug, portfolio(ds, f, top), written))
        )
    index = out / "index.md"
    index.write_text(_index(ds, f, out, sections), "utf-8")
    written.append(index)
    return written


def _write(folder: Path, stem: str, tables, written: list[Path]) -> list[tuple[str, Path, int]]:
    folder.mkdir(parents=True, exist_ok=True)
    md = folder / f"{stem}.md"
    md.write_text(_render(tables, Format.md), "utf-8")
    written.append(md)
    label = tables[0].title if len(tables) == 1 else f"{stem}: all {len(tables)} tables"
    links = [(f"{label} (Markdown)", md, sum(len(t.rows) for t in tables))]
    for t in tables:
        csv = folder / f"{t.name if len(tables) > 1 else stem}.csv"
        csv.write_text(_render([t], Format.csv), "utf-8")
        written.append(csv)
        links.append((f"{t.title} (CSV)", csv, len(t.rows)))
    return links


def _render(tables, fmt: Format) -> str:
    buf = StringIO()
    render_tables(tables, fmt, out=buf)
    return buf.getvalue()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9æøå]+", "-", text.casefold()).strip("-") or "x"


def _index(ds, f, out: Path, sections) -> str:
    lines = [
        "# kompetansekart reports",
        "",
        f"{len(ds.records)} needs reports; filter: {f.describe()}. Start with the summary,",
        "then regions and gaps. Each report is here as Markdown (to read) and CSV (for a",
        "spreadsheet).",
        "",
    ]
    for name, links in sections:
        lines.append(f"## {name}")
        lines.append("")
        for label, path, rows in links:
            lines.append(f"- [{label}]({path.relative_to(out).as_posix()}) — {rows} rows")
        lines.append("")
    return "\n".join(lines)
