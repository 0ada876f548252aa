"""`kompetansekart demo --reports N --seed S -o DIR`: a synthetic corpus with ground truth.

The generator lives in kompetansekart.demo and is imported inside the command, so
`kompetansekart --help` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def demo(
    reports: Annotated[
        int,
        typer.Option("--reports", "-n", min=1, help="How many needs reports to write."),
    ] = 100,
    seed: Annotated[
        int,
        typer.Option(
            "--seed",
            "-s",
            help="Random seed. The same seed, number of reports and formats give the same "
            "files, byte for byte.",
        ),
    ] = 1,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Folder to write into: reports/ and truth.json. Created if missing; it "
            "must be empty unless --force is given.",
        ),
    ] = Path("kompetansekart-demo"),
    formats: Annotated[
        str | None,
        typer.Option(
            "--formats",
            help="Comma-separated file formats the reports are spread over in turn: txt, "
            "md, docx, pdf. Default: all four when the .docx and .pdf writers can be "
            "imported, else txt,md.",
        ),
    ] = None,
    layouts: Annotated[
        str | None,
        typer.Option(
            "--layouts",
            help="Comma-separated layouts to generate: form2024, continuation, form2026, "
            "webform, letter, variant (a form drawn at random per report). Default: all, "
            "about a third of them variants. 'variant' alone gives an all-variant corpus.",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Write into a folder that is not empty (reports generated there before "
            "are replaced; other files are left alone).",
        ),
    ] = False,
) -> None:
    """Write N synthetic needs reports (behovsmeldinger) and their ground truth.

    Real organisations (Nordland municipalities, networks and universities
    from the gazetteer); invented people, amounts and wording. Every layout
    the parser reads is used: the 2024 form (also as Markdown and as a
    continuation), the 2026 form, the web-form export and the letter, and
    for about a third of the reports a "variant": a form whose language,
    labels, choice marks, section order and budget style are drawn at
    random, so that a parser meets forms it was not written for. Budget
    mismatches, double funding of a theme and left-out municipalities and
    networks are planted on purpose.

    truth.json holds the record each file should parse to and the planted
    facts (see demo/README.md). Ingest the result with
    `kompetansekart ingest DIR/reports`."""
    from kompetansekart.demo.generator import (
        LAYOUTS,
        DemoError,
        default_formats,
        generate,
        parse_formats,
        parse_layouts,
    )

    try:
        chosen = parse_formats(formats) if formats else default_formats()
        kinds = parse_layouts(layouts) if layouts else LAYOUTS
        summary = generate(output, reports, seed, chosen, force=force, layouts=kinds)
    except DemoError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(summary.line())
