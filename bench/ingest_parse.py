"""How fast does the text-report parser turn files into records, stage by stage?

The target is 10,000 needs reports ingested and built into the graph in under a minute on
2 cores, so parsing has a budget of a few milliseconds per report. This script times
`Parser.parse_file` over the sample reports (``../shared/corpus/*.txt`` and
``demo/reports/*``) the way a batch runs: one `Parser`, every file parsed `--repeats`
times after one untimed warm-up pass. Per file and stage it takes the median over the
repeats; the tables show the mean of those medians (a typical report) and reports/s
(files / sum of the per-file medians).

Stages, as `Parser.parse_file` runs them: read (the reader: bytes to lines), document
(`Document.from_lines`: cleaned lines, plain text, content id), structure (the form's
pairs, tables and sections), detect (the layout's score), fill (the record fields, which
resolves names and matches vocabularies, and the accounting of every amount and mark) and
infer. The
total is timed separately, on `parse_file` itself; the staged run must give the same
record, or the script stops. Import and first `Parser()` construction are timed in fresh
processes, because both are cached per process.

The resolver remembers names it has resolved, so in a batch the same organisation costs
little the second time; `--cold` empties that memory before every report, for the cost of
a batch in which every name is new.

    .venv/bin/python bench/ingest_parse.py [--repeats 20] [--cold] [--out FILE]

`--ingest-dir DIR` runs the same measurement on another copy of the ``ingest/`` package
(e.g. an older version copied aside), for before/after figures on the same machine.
Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DEMO = ROOT / "demo" / "reports"
STAGES = ("read", "document", "structure", "detect", "fill", "infer")

STARTUP = """
import sys, time
t0 = time.perf_counter()
import kompetansekart.ingest
if {ingest_dir!r}:
    kompetansekart.ingest.__path__ = [{ingest_dir!r}]
import kompetansekart.ingest.pipeline as pipeline
t1 = time.perf_counter()
pipeline.Parser()
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def sample_files() -> list[Path]:
    files = sorted(CORPUS.glob("*.txt")) + sorted(p for p in DEMO.iterdir() if p.is_file())
    return [p for p in files if p.name.lower() != "readme.md"]


def use_ingest_dir(ingest_dir: str | None) -> None:
    """Import `kompetansekart.ingest`'s modules from `ingest_dir` instead of the project."""
    if ingest_dir:
        import kompetansekart.ingest

        kompetansekart.ingest.__path__ = [str(Path(ingest_dir).resolve())]


def startup(ingest_dir: str | None, runs: int) -> tuple[float, float]:
    """Median seconds to import the pipeline, and to build the first Parser, in new processes."""
    code = STARTUP.format(ingest_dir=str(Path(ingest_dir).resolve()) if ingest_dir else "")
    imports, parsers = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        ).stdout.split()
        imports.append(float(out[0]))
        parsers.append(float(out[1]))
    return statistics.median(imports), statistics.median(parsers)


def staged(parser, path: Path) -> tuple[object, dict[str, float]]:
    """`Parser.parse_file`, step by step, with the time of each step."""
    from kompetansekart.ingest.accounting import account
    from kompetansekart.ingest.context import Context
    from kompetansekart.ingest.document import Document
    from kompetansekart.ingest.fill import fill
    from kompetansekart.ingest.form import read_form
    from kompetansekart.ingest.infer import infer
    from kompetansekart.ingest.layouts import detect
    from kompetansekart.ingest.pipeline import _own_file
    from kompetansekart.ingest.readers import reader_for
    from kompetansekart.ingest.records import NeedsReport, OrgRef, Source

    clock = time.perf_counter
    t0 = clock()
    fmt, read = reader_for(path)
    result = read(path)
    t1 = clock()
    doc = Document.from_lines(str(path), fmt, result.lines, result.raw)
    report = NeedsReport(
        id=doc.content_id,
        source=Source(doc.path, doc.format, doc.sha256),
        owner=OrgRef(name="(unknown)", id=None, kind=None),
    )
    ctx = Context(doc, report, parser.resolver, parser.themes, parser.target_groups, parser.schemes)
    t2 = clock()
    form = read_form(doc, parser.labels)
    t3 = clock()
    layout = detect(doc, form)
    report.layout = layout.name
    t4 = clock()
    state = fill(ctx, form, parser.labels, layout.answers)
    account(state)
    t5 = clock()
    infer(ctx)
    report.diagnostics[:0] = [_own_file(d, str(path)) for d in result.diagnostics]
    t6 = clock()
    steps = (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5)
    times = dict(zip(STAGES, steps, strict=True))
    return report, times


def forget_names(parser) -> None:
    """Empty the resolver's memory of resolved names (if this version has one)."""
    cache = getattr(parser.resolver, "_cache", None)
    if cache is not None:
        cache.clear()


def measure(files: list[Path], repeats: int, cold: bool) -> dict[str, dict[str, float]]:
    """Per file: the median seconds of each stage and of the whole `parse_file`."""
    from kompetansekart.ingest.pipeline import Parser

    parser = Parser()
    for path in files:  # warm-up, and the check that the staged run is parse_file
        forget_names(parser)
        staged_record, _ = staged(parser, path)
        forget_names(parser)
        if staged_record.to_json() != parser.parse_file(path).to_json():
            raise SystemExit(f"{path}: the staged run differs from parse_file; fix staged()")
    samples: dict[str, dict[str, list[float]]] = {
        p.name: {k: [] for k in (*STAGES, "total")} for p in files
    }
    for _ in range(repeats):
        for path in files:
            if cold:
                forget_names(parser)
            _, times = staged(parser, path)
            for stage, seconds in times.items():
                samples[path.name][stage].append(seconds)
            if cold:
                forget_names(parser)
            start = time.perf_counter()
            parser.parse_file(path)
            samples[path.name]["total"].append(time.perf_counter() - start)
    return {
        name: {k: statistics.median(v) for k, v in per.items()} for name, per in samples.items()
    }


def tables(medians: dict[str, dict[str, float]], import_s: float, parser_s: float) -> str:
    n = len(medians)
    total = sum(m["total"] for m in medians.values())
    lines = [
        "| stage | ms per report (mean of per-file medians) | share of total |",
        "|---|---:|---:|",
    ]
    for stage in (*STAGES, "total"):
        ms = sum(m[stage] for m in medians.values()) / n * 1000
        lines.append(f"| {stage} | {ms:.2f} | {ms / (total / n * 1000):.0%} |")
    lines.append(f"| **reports/s** | **{n / total:.0f}** | |")
    lines += [
        "",
        f"import kompetansekart.ingest.pipeline: {import_s * 1000:.0f} ms; "
        f"first Parser(): {parser_s * 1000:.0f} ms (medians, fresh processes)",
        "",
        "| file | total ms (median) |",
        "|---|---:|",
    ]
    lines += [f"| {name} | {m['total'] * 1000:.2f} |" for name, m in medians.items()]
    return "\n".join(lines)


def machine() -> str:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{dt.datetime.now():%Y-%m-%d %H:%M}, {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, load average {load}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=20, help="timed passes over the files")
    ap.add_argument("--cold", action="store_true", help="forget resolved names before each")
    ap.add_argument("--startup-runs", type=int, default=5, help="fresh processes timed")
    ap.add_argument("--ingest-dir", help="time this copy of the ingest/ package instead")
    ap.add_argument("--files", type=Path, nargs="*", help="these files instead of the samples")
    ap.add_argument("--json", action="store_true", help="print the medians as JSON too")
    ap.add_argument("--out", type=Path, help="also write the tables as Markdown here")
    args = ap.parse_args()
    use_ingest_dir(args.ingest_dir)
    files = args.files or sample_files()
    print(f"{len(files)} files x {args.repeats} repeats ...", file=sys.stderr)
    import_s, parser_s = startup(args.ingest_dir, args.startup_runs)
    medians = measure(files, args.repeats, args.cold)
    title = f"parse_file, {'cold' if args.cold else 'warm'} name cache"
    text = f"## {title}\n\n{machine()}\n\n{tables(medians, import_s, parser_s)}\n"
    print(text)
    if args.json:
        print(json.dumps({"import_s": import_s, "parser_s": parser_s, "files": medians}))
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
