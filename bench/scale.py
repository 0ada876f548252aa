"""National scale: how do ingest, build, queries, Neo4j and the map grow from 100 to 10,000
needs reports? Measure it, do not guess.

For each size N (default 100, 1,000 and 10,000 reports) this script

1. generates the corpus with the demo generator (`demo/generator.py`, the same files as
   `kompetansekart demo --reports N --seed S --formats txt,md`) and times it;
2. **baseline**: lists, reads and decodes every report and runs one regex over it, in a
   fresh process (median of `--repeats` after a warm-up). It is the floor ingest cannot go
   below on this machine, so ingest / baseline says how far ingest is from the I/O limit;
3. **build**: runs `kompetansekart build DIR --store S -q` as a subprocess (wall time and
   peak RSS from `wait4`), then runs the very same command in-process in a fresh child
   with timers wrapped around the functions the build calls (ingest, redact, merge, graph
   build, model → rdflib, SHACL, save, Oxigraph bulk load), which splits the time by
   stage and records the peak RSS after each. Ingest throughput (reports/s, MB/s) comes
   from that split: it is the build command's own ingest call, with whatever options the
   command passes (`--build-args` adds command-line options to both runs);
4. **catalog queries**: every `queries/*.rq` on the Oxigraph store, opened the way
   `kompetansekart query` opens it, and on rdflib's in-memory Graph holding the same
   triples (rdflib's own SPARQL engine), each in its own fresh process; median of
   `--repeats` after one warm-up (a single run when the first one takes longer than
   `--single-run-above`). rdflib queries stop after `--query-timeout` seconds and print
   "timeout"; a query that timed out is not tried again at larger sizes. The two engines
   must return the same rows (headers and sorted rows are hashed and compared);
5. **map**: `kompetansekart map --store S -o map.html` (the national partnership view, the
   map command's default) as a subprocess: wall time, peak RSS, nodes, edges, page size;
6. **Neo4j** (after all sizes, so the JVM is not running beside the other stages): starts
   the test server (`tests/neo4j/server.py`) once, and per size wipes the database, times
   `graph.neo4j_store.load` (batched UNWIND … MERGE, the `kompetansekart neo4j load` path)
   and every Cypher catalog query, whose rows must equal the SPARQL rows;
7. **start-up**: `kompetansekart --help`, median of 5 subprocess runs after a warm-up.

It prints a table per stage with one column per N and the growth between sizes (10× more
reports: linear growth is ×10), a targets table, and with `--out` writes the same as
Markdown with the date, the machine and the load average. A disagreement between engines
is recorded, written, and then makes the script exit with status 1.

Run: `python bench/scale.py --sizes 100,1000,10000 --seed 1 --formats txt,md
--out bench/RESULTS.md [--no-neo4j] [--workdir DIR]`. Timings are printed and written,
never asserted (ARCHITECTURE.md, "Conventions").
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import hashlib
import importlib
import importlib.util
import itertools
import json
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import machine  # bench/machine.py, next to this script
import tables as tables_module  # bench/tables.py

ROOT = Path(__file__).resolve().parents[1]
# The Neo4j test server and its clean-up live with the tests (tests/conftest_neo4j.py,
# tests/neo4j/server.py); one copy of them.
sys.path.insert(0, str(ROOT / "tests"))
from conftest_neo4j import clean_database, load_server_module  # noqa: E402

# Amounts as the reports write them ("150 000,-"): one cheap regex over every byte.
BASELINE_REGEX = r"\d[\d .]*,-"
# A stage grows "close to linearly" when 10x more reports cost at most this times 10x.
LINEAR_SLACK = 1.25
HELP_RUNS = 5

# The functions `kompetansekart build` calls, timed by wrapping them: (key, label, module,
# attribute). A function the build stops calling simply gets no row; its time shows up
# under "other". Nested calls (the bulk load inside save) are shown as "of which".
BUILD_STAGES: tuple[tuple[str, str, str, str], ...] = (
    ("ingest", "ingest: parse the files", "kompetansekart.ingest.pipeline", "ingest_paths"),
    ("redact", "redact personal data", "kompetansekart.ingest.records", "redact"),
    ("merge", "merge with stored records", "kompetansekart.graph.storage", "StoreDir.merge"),
    ("model", "graph build: records → model", "kompetansekart.graph.build", "build"),
    ("rdflib", "model → rdflib graph", "kompetansekart.graph.rdf_store", "to_rdflib"),
    ("shacl", "SHACL validate", "kompetansekart.graph.validate", "validate"),
    ("save", "save: records JSON + Oxigraph", "kompetansekart.graph.storage", "StoreDir.save"),
    ("oxigraph", "Oxigraph bulk load", "kompetansekart.graph.rdf_store", "load_oxigraph"),
)


_log = machine.log


def _loadavg() -> tuple[float, ...]:
    try:
        return tuple(round(x, 2) for x in os.getloadavg())
    except OSError:
        return ()


def max_rss() -> int:
    """This process's peak resident set size in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


# --------------------------------------------------------------------------------------
# Timing helpers (used in the children too)
# --------------------------------------------------------------------------------------


@dataclass
class Timing:
    """One measurement: the first (warm-up) run and the timed runs. When the first run was
    slow enough that repeating it would cost more than it tells, `runs` is just `[first]`."""

    first: float
    runs: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def single(self) -> bool:
        return len(self.runs) == 1 and self.runs[0] == self.first


def time_runs(fn: Callable[[], Any], repeats: int, single_above: float) -> tuple[Timing, Any]:
    """Run `fn` once as a warm-up, then `repeats` times; the result of the last call too.
    A warm-up slower than `single_above` seconds is taken as the only run: repeating a
    100 s query three times would cost minutes and the noise is small at that length."""
    t0 = time.perf_counter()
    result = fn()
    first = time.perf_counter() - t0
    if first > single_above or repeats < 1:
        return Timing(first, [first]), result
    runs = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - t0)
    return Timing(first, runs), result


class QueryTimeout(BaseException):
    """Raised by SIGALRM inside a query. A BaseException, so no `except Exception` in the
    query engine swallows it."""


def _on_alarm(signum: int, frame: Any) -> None:
    raise QueryTimeout


def with_timeout(fn: Callable[[], Any], seconds: float | None) -> Callable[[], Any]:
    """`fn` that raises QueryTimeout after `seconds`. rdflib's engine is pure Python, so the
    signal handler runs in the middle of a query; the main thread only."""
    if not seconds:
        return fn

    def guarded() -> Any:
        old = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return fn()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)

    return guarded


def rows_digest(headers: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    """A hash of the headers and the sorted rows, so two processes (or two engines) can
    compare answers without shipping them. The same canonical form as the differential
    test: every row as the tuple of its values in header order, sorted."""
    canon = sorted(
        json.dumps([row.get(h) for h in headers], ensure_ascii=False, default=str) for row in rows
    )
    text = json.dumps([list(headers), canon], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------------------
# Processes
# --------------------------------------------------------------------------------------


@dataclass
class Proc:
    """A finished subprocess: wall time from spawn to exit, its peak RSS, its output."""

    seconds: float
    max_rss: int  # bytes
    returncode: int
    stdout: str
    stderr: str


def run_measured(cmd: Sequence[str], *, pass_stderr: bool = False) -> Proc:
    """Run `cmd`, timing it from spawn to exit and reading its peak RSS from wait4 (the
    kernel's figure for that process alone, so nothing here has to instrument it)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=None if pass_stderr else err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Proc(
            seconds,
            usage.ru_maxrss * 1024,
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )


def cli() -> list[str]:
    """The installed `kompetansekart` script next to this Python (what a user runs)."""
    exe = Path(sys.executable).with_name("kompetansekart")
    if exe.is_file():
        return [str(exe)]
    return [sys.executable, "-c", "from kompetansekart.reports.cli import app; app()"]


def run_cli(args: Sequence[str]) -> Proc:
    """`kompetansekart ARGS` as a subprocess; raises with its stderr when it fails."""
    proc = run_measured([*cli(), *args])
    if proc.returncode != 0:
        raise RuntimeError(
            f"kompetansekart {' '.join(args)} exited {proc.returncode}:\n{proc.stderr[-3000:]}"
        )
    return proc


def run_child(kind: str, args: dict[str, Any], workdir: Path) -> tuple[dict[str, Any], Proc]:
    """One stage in a fresh Python process (`scale.py --child KIND ARGS`), so one size's
    memory and caches never reach the next measurement. The child writes its result as
    JSON to a file (stdout belongs to whatever the child runs); its stderr is passed on."""
    out = workdir / f"child-{kind}.json"
    out.unlink(missing_ok=True)
    payload = json.dumps({**args, "out": str(out)})
    proc = run_measured(
        [sys.executable, str(Path(__file__).resolve()), "--child", kind, payload],
        pass_stderr=True,
    )
    if proc.returncode != 0 or not out.is_file():
        raise RuntimeError(f"the {kind} child failed (exit {proc.returncode}); see its stderr")
    return json.loads(out.read_text("utf-8")), proc


# --------------------------------------------------------------------------------------
# Children: each runs in its own process and writes a JSON dict
# --------------------------------------------------------------------------------------


def report_files(reports: Path) -> list[Path]:
    return sorted(p for p in reports.rglob("*") if p.is_file())


def read_and_scan(reports: Path) -> tuple[int, int, int]:
    """(files, bytes, regex matches): list the folder, read, decode and scan every file."""
    pattern = re.compile(BASELINE_REGEX)
    files = nbytes = matches = 0
    for path in report_files(reports):
        data = path.read_bytes()
        files += 1
        nbytes += len(data)
        matches += len(pattern.findall(data.decode("utf-8", "replace")))
    return files, nbytes, matches


def child_baseline(args: dict[str, Any]) -> dict[str, Any]:
    """The I/O floor: what ingest costs at the least (the files are in the page cache, as
    they are for the build that follows)."""
    timing, (files, nbytes, matches) = time_runs(
        lambda: read_and_scan(Path(args["reports"])), args["repeats"], float("inf")
    )
    return {"timing": asdict(timing), "files": files, "bytes": nbytes, "matches": matches}


class StageTimer:
    """Wraps functions so each call adds to its stage's time, and remembers the stage it
    was called from (the bulk load runs inside save) and the peak RSS when it returned."""

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.stages: dict[str, dict[str, Any]] = {}
        self.ingest: dict[str, Any] = {}

    def wrap(self, key: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            parent = self.stack[-1] if self.stack else None
            stage = self.stages.setdefault(
                key,
                {
                    "seconds": 0.0,
                    "calls": 0,
                    "parent": parent,
                    "order": len(self.stages),  # first-call order: the build's own order
                    "rss_after": 0,
                },
            )
            self.stack.append(key)
            t0 = time.perf_counter()
            try:
                result = fn(*args, **kwargs)
            finally:
                stage["seconds"] += time.perf_counter() - t0
                stage["calls"] += 1
                stage["rss_after"] = max_rss()
                self.stack.pop()
            if key == "ingest":
                self._count_files(result, kwargs.get("jobs"))
            return result

        return timed

    def _count_files(self, batch: Any, jobs: int | None) -> None:
        """What ingest did, incl. its worker count ("auto": the pipeline's own default)."""
        with contextlib.suppress(Exception):
            from kompetansekart.ingest import pipeline

            default = getattr(pipeline, "default_jobs", lambda: None)()
            self.ingest["jobs"] = jobs if jobs is not None else f"auto (up to {default})"
        with contextlib.suppress(Exception):  # the Batch API may change; counts are extras
            self.ingest |= {
                "files": len(batch.outcomes),
                "records": len(batch.records),
                "failed": batch.count("failed"),
                "skipped": batch.count("skipped"),
            }

    def install(self) -> list[str]:
        """Patch every BUILD_STAGES function; returns the keys that could not be found."""
        missing = []
        for key, _label, module_name, attr in BUILD_STAGES:
            try:
                owner: Any = importlib.import_module(module_name)
                *path, name = attr.split(".")
                for part in path:
                    owner = getattr(owner, part)
                setattr(owner, name, self.wrap(key, getattr(owner, name)))
            except (ImportError, AttributeError):
                missing.append(key)
        return missing


def child_build_split(args: dict[str, Any]) -> dict[str, Any]:
    """`kompetansekart build` in-process with the stage timers. The functions are patched
    before the CLI module is imported, so even a module-level import in the command would
    get the timed version."""
    t0 = time.perf_counter()
    timer = StageTimer()
    missing = timer.install()
    import typer.main

    from kompetansekart.reports.cli import app

    imports_s = time.perf_counter() - t0
    rss_imports = max_rss()
    command = typer.main.get_command(app)
    argv = ["build", args["reports"], "--store", args["store"], "-q", *args["build_args"]]
    t0 = time.perf_counter()
    try:
        code = command.main(argv, standalone_mode=False)
    except SystemExit as exc:  # typer.Exit is turned into a return value, sys.exit is not
        code = exc.code
    total_s = time.perf_counter() - t0
    if code not in (None, 0):
        raise SystemExit(f"build exited {code}")
    meta = json.loads((Path(args["store"]) / "meta.json").read_text("utf-8"))
    return {
        "imports_s": imports_s,
        "rss_imports": rss_imports,
        "total_s": total_s,
        "stages": timer.stages,
        "missing": missing,
        "ingest": timer.ingest,
        "peak_rss": max_rss(),
        # Ingest workers are child processes: their peak (the largest one) is not in ours.
        "peak_rss_children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
        "triples": meta.get("triples"),
        "reports": meta.get("reports"),
        "nodes": sum(meta.get("nodes", {}).values()),
        "edges": sum(meta.get("edges", {}).values()),
    }


def _run_catalog(
    graph: Any,
    params: dict[str, dict[str, str]],
    repeats: int,
    single_above: float,
    timeout: float | None = None,
    skip: Sequence[str] = (),
) -> dict[str, dict[str, Any]]:
    """Every catalog query on one rdflib Graph (Oxigraph-backed or in memory)."""
    from kompetansekart.queries import catalog

    results: dict[str, dict[str, Any]] = {}
    for name in catalog.names("sparql"):
        if name in skip:
            results[name] = {"status": "skipped"}
            continue
        query = catalog.load(name, "sparql")
        values = params.get(name, {})
        call = with_timeout(lambda q=query, v=values: catalog.run(graph, q, v), timeout)
        t0 = time.perf_counter()
        try:
            timing, (headers, rows) = time_runs(call, repeats, single_above)
        except QueryTimeout:
            _log(f"  {name}: timeout after {time.perf_counter() - t0:.0f} s")
            results[name] = {"status": "timeout"}
            continue
        _log(f"  {name}: {timing.median:.3f} s, {len(rows)} rows")
        results[name] = {
            "status": "ok",
            "timing": asdict(timing),
            "rows": len(rows),
            "digest": rows_digest(headers, rows),
        }
    return results


def child_oxigraph(args: dict[str, Any]) -> dict[str, Any]:
    """The catalog on the embedded store, opened as `kompetansekart query` opens it."""
    from kompetansekart.graph.storage import StoreDir

    t0 = time.perf_counter()
    graph = StoreDir(Path(args["store"])).sparql()
    open_s = time.perf_counter() - t0
    queries = _run_catalog(graph, args["params"], args["repeats"], args["single_above"])
    return {"open_s": open_s, "queries": queries, "peak_rss": max_rss()}


def child_rdflib(args: dict[str, Any]) -> dict[str, Any]:
    """The catalog on rdflib's in-memory store holding the same triples: the model rebuilt
    from the stored records and converted as the build converts it for SHACL."""
    from kompetansekart.graph.rdf_store import to_rdflib
    from kompetansekart.graph.storage import StoreDir

    t0 = time.perf_counter()
    graph = to_rdflib(StoreDir(Path(args["store"])).model())
    load_s = time.perf_counter() - t0
    queries = _run_catalog(
        graph,
        args["params"],
        args["repeats"],
        args["single_above"],
        timeout=args["timeout"],
        skip=args["skip"],
    )
    return {"load_s": load_s, "triples": len(graph), "queries": queries, "peak_rss": max_rss()}


CHILDREN: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "baseline": child_baseline,
    "split": child_build_split,
    "oxigraph": child_oxigraph,
    "rdflib": child_rdflib,
}


def child_main(kind: str, payload: str) -> int:
    args = json.loads(payload)
    result = CHILDREN[kind](args)
    Path(args["out"]).write_text(json.dumps(result, ensure_ascii=False), "utf-8")
    return 0


# --------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------


@dataclass
class QueryResult:
    """One catalog query on one engine at one size."""

    status: str  # ok, timeout, skipped, error
    timing: Timing | None = None
    rows: int | None = None
    digest: str | None = None
    note: str = ""

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> QueryResult:
        timing = Timing(**d["timing"]) if d.get("timing") else None
        return cls(d["status"], timing, d.get("rows"), d.get("digest"), d.get("note", ""))

    @property
    def seconds(self) -> float | None:
        return self.timing.median if self.timing else None


@dataclass
class SizeResult:
    """Everything measured at one N."""

    n: int
    files: int = 0
    bytes: int = 0
    generate_s: float = 0.0
    baseline: Timing | None = None
    build_cli: list[Proc] = field(default_factory=list)
    split: dict[str, Any] = field(default_factory=dict)
    validate: Proc | None = None
    oxigraph: dict[str, QueryResult] = field(default_factory=dict)
    oxigraph_open_s: float | None = None
    memory: dict[str, QueryResult] = field(default_factory=dict)
    memory_load_s: float | None = None
    memory_rss: int | None = None
    memory_note: str = ""
    params: dict[str, dict[str, str]] = field(default_factory=dict)
    map_runs: list[Proc] = field(default_factory=list)
    map_nodes: int | None = None
    map_edges: int | None = None
    map_bytes: int | None = None
    neo4j_load_s: float | None = None
    neo4j_counts: dict[str, int] = field(default_factory=dict)
    neo4j_model_s: float | None = None
    cypher: dict[str, QueryResult] = field(default_factory=dict)

    @property
    def build_s(self) -> float | None:
        return statistics.median(p.seconds for p in self.build_cli) if self.build_cli else None

    @property
    def build_rss(self) -> int | None:
        return max(p.max_rss for p in self.build_cli) if self.build_cli else None

    @property
    def ingest_s(self) -> float | None:
        stage = self.split.get("stages", {}).get("ingest")
        return stage["seconds"] if stage else None

    @property
    def map_s(self) -> float | None:
        return statistics.median(p.seconds for p in self.map_runs) if self.map_runs else None


@dataclass
class BenchResult:
    sizes: list[SizeResult]
    seed: int
    formats: tuple[str, ...]
    repeats: int
    build_args: list[str]
    query_timeout: float | None
    single_above: float
    help_runs: list[float] = field(default_factory=list)
    machine: dict[str, str] = field(default_factory=dict)
    neo4j: str = "not run"
    started: str = ""
    wall_s: float = 0.0
    load_before: tuple[float, ...] = ()
    load_after: tuple[float, ...] = ()
    problems: list[str] = field(default_factory=list)

    @property
    def help_s(self) -> float | None:
        return statistics.median(self.help_runs) if self.help_runs else None

    @property
    def query_names(self) -> list[str]:
        names: dict[str, None] = {}
        for s in self.sizes:
            names.update(dict.fromkeys(s.oxigraph))
        return list(names)


# --------------------------------------------------------------------------------------
# Stages, run from the parent
# --------------------------------------------------------------------------------------


def make_corpus(size: SizeResult, out: Path, seed: int, formats: Sequence[str]) -> Path:
    """Generate N reports (timed) into a fresh folder; returns the reports folder."""
    from kompetansekart.demo.generator import REPORTS_DIR, generate

    if out.exists():
        shutil.rmtree(out)
    t0 = time.perf_counter()
    generate(out, size.n, seed, tuple(formats))
    size.generate_s = time.perf_counter() - t0
    reports = out / REPORTS_DIR
    files = report_files(reports)
    size.files, size.bytes = len(files), sum(p.stat().st_size for p in files)
    _log(
        f"N={size.n:,}: {size.files:,} files, {size.bytes / 1e6:.1f} MB in {size.generate_s:.1f} s"
    )
    return reports


def measure_validate(size: SizeResult, store: Path) -> None:
    """`kompetansekart validate`: SHACL on demand, which the build leaves out on big
    stores. Exit status 1 means violations were found, not that the run failed."""
    proc = run_measured([*cli(), "validate", "--store", str(store), "-f", "json"])
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"kompetansekart validate exited {proc.returncode}:\n{proc.stderr}")
    size.validate = proc
    _log(f"N={size.n:,}: kompetansekart validate {proc.seconds:.1f} s")


def choose_params(store: Path) -> dict[str, dict[str, str]]:
    """Values for the required parameters: the example in the query's `# param:` line when
    that organisation is in the data (the same question at every size), else the name
    that occurs most often. Optional parameters stay unset: "all", the heaviest case."""
    from collections import Counter

    from kompetansekart.graph.storage import StoreDir
    from kompetansekart.queries import catalog

    records = StoreDir(store).records()
    owners = Counter(r.owner.name for r in records if r.owner and r.owner.name)
    uh = Counter(u.name for r in records for u in r.uh if u.name)
    pools = {"owner": owners, "university": uh}
    params: dict[str, dict[str, str]] = {}
    for name in catalog.names("sparql"):
        query = catalog.load(name, "sparql")
        for p in query.params:
            if not p.required:
                continue
            pool = pools.get(p.name, owners)
            example = re.search(r'e\.g\.\s*"([^"]+)"', p.doc)
            if example and example.group(1) in pool:
                value = example.group(1)
            elif pool:
                value = pool.most_common(1)[0][0]
            else:
                raise RuntimeError(f"no value for {name}'s required parameter {p.name}")
            params.setdefault(name, {})[p.name] = value
    return params


def measure_baseline(size: SizeResult, reports: Path, repeats: int, workdir: Path) -> None:
    data, _ = run_child("baseline", {"reports": str(reports), "repeats": repeats}, workdir)
    size.baseline = Timing(**data["timing"])
    if (data["files"], data["bytes"]) != (size.files, size.bytes):
        raise RuntimeError(f"baseline read {data['files']} files, {data['bytes']} bytes")
    _log(f"N={size.n:,}: baseline read + regex {size.baseline.median:.3f} s")


def measure_build(
    size: SizeResult,
    reports: Path,
    store: Path,
    build_args: Sequence[str],
    build_repeats: int,
    workdir: Path,
) -> None:
    """The CLI build (each run on a fresh store; the last one is kept for the queries),
    then the in-process stage split on a store of its own, removed afterwards."""
    for i in range(build_repeats):
        if store.exists():
            shutil.rmtree(store)
        proc = run_cli(["build", str(reports), "--store", str(store), "-q", *build_args])
        size.build_cli.append(proc)
        _log(
            f"N={size.n:,}: kompetansekart build run {i + 1}: {proc.seconds:.1f} s, "
            f"peak {proc.max_rss / 2**20:.0f} MiB"
        )
    split_store = workdir / f"store-split-{size.n}"
    if split_store.exists():
        shutil.rmtree(split_store)
    args = {"reports": str(reports), "store": str(split_store), "build_args": list(build_args)}
    size.split, proc = run_child("split", args, workdir)
    size.split["process_s"] = proc.seconds
    shutil.rmtree(split_store, ignore_errors=True)
    meta = json.loads((store / "meta.json").read_text("utf-8"))
    if meta.get("triples") != size.split["triples"]:
        raise RuntimeError(
            f"the split build wrote {size.split['triples']} triples, the CLI {meta.get('triples')}"
        )
    if size.split.get("ingest", {}).get("records", size.files) != size.files:
        _log(f"warning: ingest made {size.split['ingest']} records from {size.files} files")
    stages = ", ".join(f"{k} {v['seconds']:.2f} s" for k, v in size.split["stages"].items())
    _log(f"N={size.n:,}: split {size.split['total_s']:.1f} s ({stages})")


def measure_queries(
    size: SizeResult,
    store: Path,
    args: argparse.Namespace,
    workdir: Path,
    memory_skip: set[str],
) -> None:
    """The catalog on Oxigraph, then (unless skipped for this size) on rdflib's memory
    store; a query that times out on rdflib is added to `memory_skip` for larger sizes."""
    size.params = choose_params(store)
    common = {
        "store": str(store),
        "params": size.params,
        "repeats": args.repeats,
        "single_above": args.single_run_above,
    }
    _log(f"N={size.n:,}: catalog on Oxigraph (params {size.params})")
    data, _ = run_child("oxigraph", common, workdir)
    size.oxigraph = {k: QueryResult.from_json(v) for k, v in data["queries"].items()}
    size.oxigraph_open_s = data["open_s"]
    if args.skip_memory_above is not None and size.n > args.skip_memory_above:
        size.memory_note = f"skipped (--skip-memory-above {args.skip_memory_above:,})"
        size.memory = {k: QueryResult("skipped") for k in size.oxigraph}
        return
    _log(f"N={size.n:,}: catalog on rdflib memory (timeout {args.query_timeout} s)")
    rdf_args = {**common, "timeout": args.query_timeout, "skip": sorted(memory_skip)}
    data, _proc = run_child("rdflib", rdf_args, workdir)
    size.memory_load_s, size.memory_rss = data["load_s"], data["peak_rss"]
    size.memory = {k: QueryResult.from_json(v) for k, v in data["queries"].items()}
    for name, q in size.memory.items():
        if q.status == "timeout":
            memory_skip.add(name)
        elif q.status == "skipped":
            q.note = "timed out at a smaller size"


def compare_rows(
    res: BenchResult, size: SizeResult, other: dict[str, QueryResult], engine: str
) -> None:
    """Each answered query must give the same rows as on Oxigraph; else a problem."""
    for name, q in other.items():
        ref = size.oxigraph.get(name)
        if q.status != "ok" or ref is None or ref.status != "ok":
            continue
        if q.rows != ref.rows:
            q.note = "ROW COUNT DIFFERS"
            res.problems.append(
                f"N={size.n:,} {name}: {engine} {q.rows} rows, Oxigraph {ref.rows} rows"
            )
        elif q.digest != ref.digest:
            q.note = "ROWS DIFFER"
            res.problems.append(
                f"N={size.n:,} {name}: {engine} and Oxigraph return the same number of rows "
                f"({q.rows}) but different values"
            )


def measure_map(
    size: SizeResult, store: Path, repeats: int, single_above: float, workdir: Path
) -> None:
    """The national partnership view: the map command's default view over the whole
    store, as a user runs it (start-up, loading the records, layout, HTML)."""
    out = workdir / f"map-{size.n}.html"
    cmd = ["map", "--store", str(store), "-o", str(out)]
    first = run_cli(cmd)
    runs = [first]
    if first.seconds <= single_above:
        runs = [run_cli(cmd) for _ in range(repeats)]
    size.map_runs = runs
    match = re.search(r"(\d+) nodes, (\d+) edges", runs[-1].stdout)
    if match:
        size.map_nodes, size.map_edges = int(match.group(1)), int(match.group(2))
    size.map_bytes = out.stat().st_size
    _log(f"N={size.n:,}: map {size.map_s:.2f} s, {size.map_nodes} nodes, {size.map_edges} edges")


def measure_help(runs: int = HELP_RUNS) -> list[float]:
    """`kompetansekart --help`: the start-up every command pays, warm page cache."""
    run_cli(["--help"])
    return [run_cli(["--help"]).seconds for _ in range(runs)]


# --------------------------------------------------------------------------------------
# Neo4j
# --------------------------------------------------------------------------------------


@contextlib.contextmanager
def neo4j_server(heap: str, pagecache: str) -> Iterator[tuple[Any, str]]:
    """(driver, description) of a throwaway Neo4j Community server on 127.0.0.1."""
    from neo4j import GraphDatabase

    server_mod = load_server_module()
    with server_mod.Neo4jServer(name="bench-scale", heap=heap, pagecache=pagecache) as srv:
        driver = GraphDatabase.driver(srv.uri, auth=srv.auth)
        try:
            driver.verify_connectivity()
            yield (
                driver,
                (
                    f"Neo4j {srv.version} ({srv.edition}) started by tests/neo4j/server.py in "
                    f"{srv.startup_seconds:.1f} s, heap {heap}, page cache {pagecache}"
                ),
            )
        finally:
            driver.close()


def set_transaction_timeout(driver: Any, seconds: float | None) -> None:
    """Make the server end a Cypher query after `seconds` (a dynamic setting)."""
    if not seconds:
        return
    try:
        driver.execute_query(
            "CALL dbms.setConfigValue('db.transaction.timeout', $t)", t=f"{int(seconds)}s"
        )
    except Exception as exc:  # Community has no dbms.setConfigValue; queries then just run
        code = getattr(exc, "code", None) or type(exc).__name__
        _log(f"Cypher queries run without a server time limit (setConfigValue: {code})")


def _is_timeout(exc: Exception) -> bool:
    return "TransactionTimedOut" in (getattr(exc, "code", None) or "") or "timed out" in str(exc)


def measure_neo4j(
    res: BenchResult,
    size: SizeResult,
    store: Path,
    driver: Any,
    batch_size: int,
    skip: set[str],
) -> None:
    """Wipe, load the store's model batched (timed), check the counts, then every Cypher
    catalog query with the same parameters as on SPARQL."""
    from kompetansekart.graph.neo4j_store import load
    from kompetansekart.graph.storage import StoreDir
    from kompetansekart.queries import catalog

    t0 = time.perf_counter()
    model = StoreDir(store).model()
    size.neo4j_model_s = time.perf_counter() - t0
    clean_database(driver)
    t0 = time.perf_counter()
    counts = load(model, driver, batch_size=batch_size)
    size.neo4j_load_s = time.perf_counter() - t0
    size.neo4j_counts = dict(counts)
    want = {"nodes": len(model.nodes), "relationships": len(model.edges)}
    if counts != want:
        res.problems.append(f"N={size.n:,}: Neo4j holds {counts} after the load, model {want}")
    _log(f"N={size.n:,}: Neo4j load {size.neo4j_load_s:.1f} s, {counts}")
    for name in catalog.names("cypher"):
        if name in skip:
            size.cypher[name] = QueryResult("skipped", note="timed out at a smaller size")
            continue
        query = catalog.load(name, "cypher")
        values = size.params.get(name, {})
        try:
            timing, (headers, rows) = time_runs(
                lambda q=query, v=values: catalog.run_cypher(driver, q, v),
                res.repeats,
                res.single_above,
            )
        except Exception as exc:
            if not _is_timeout(exc):
                raise
            skip.add(name)
            size.cypher[name] = QueryResult("timeout")
            _log(f"  {name}: timeout")
            continue
        size.cypher[name] = QueryResult("ok", timing, len(rows), rows_digest(headers, rows))
        _log(f"  {name}: {timing.median:.3f} s, {len(rows)} rows")
    compare_rows(res, size, size.cypher, "Neo4j")


def warm_up_neo4j(driver: Any, store: Path, batch_size: int) -> None:
    """One untimed load and query round: the server's JIT makes the first loads slower
    (bench/README.md, neo4j_load.py), and that should not be billed to the first size."""
    from kompetansekart.graph.neo4j_store import load
    from kompetansekart.graph.storage import StoreDir

    clean_database(driver)
    load(StoreDir(store).model(), driver, batch_size=batch_size)
    clean_database(driver)


# --------------------------------------------------------------------------------------
# The whole run
# --------------------------------------------------------------------------------------


def machine_info() -> dict[str, str]:
    return machine.machine_info(("rdflib", "oxrdflib", "pyoxigraph", "pyshacl", "neo4j", "pyvis"))


def run(
    sizes: Sequence[int],
    workdir: Path,
    args: argparse.Namespace,
    neo4j_driver: Any | None = None,
    neo4j_desc: str = "not run",
    start_neo4j: Callable[[], contextlib.AbstractContextManager[tuple[Any, str]]] | None = None,
) -> BenchResult:
    """All stages at all sizes. Neo4j runs last: with `neo4j_driver` (the test session's
    server) or a server from `start_neo4j`, or not at all when both are None."""
    t_start = time.perf_counter()
    res = BenchResult(
        sizes=[SizeResult(n) for n in sorted(sizes)],
        seed=args.seed,
        formats=tuple(args.formats),
        repeats=args.repeats,
        build_args=list(args.build_args),
        query_timeout=args.query_timeout,
        single_above=args.single_run_above,
        machine=machine_info(),
        started=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        load_before=_loadavg(),
    )
    workdir.mkdir(parents=True, exist_ok=True)
    stores: dict[int, Path] = {}
    memory_skip: set[str] = set()
    for size in res.sizes:
        reports = make_corpus(size, workdir / f"corpus-{size.n}", args.seed, args.formats)
        store = stores[size.n] = workdir / f"store-{size.n}"
        measure_baseline(size, reports, args.repeats, workdir)
        measure_build(size, reports, store, args.build_args, args.build_repeats, workdir)
        if not args.no_validate:
            measure_validate(size, store)
        measure_queries(size, store, args, workdir, memory_skip)
        compare_rows(res, size, size.memory, "rdflib memory")
        measure_map(size, store, args.repeats, args.single_run_above, workdir)
    res.help_runs = measure_help()
    _log(f"kompetansekart --help: median {res.help_s:.3f} s")

    if neo4j_driver is not None or start_neo4j is not None:
        with contextlib.ExitStack() as stack:
            driver, res.neo4j = neo4j_driver, neo4j_desc
            if driver is None:
                assert start_neo4j is not None
                driver, res.neo4j = stack.enter_context(start_neo4j())
            set_transaction_timeout(driver, args.query_timeout)
            warm_up_neo4j(driver, stores[res.sizes[0].n], args.batch_size)
            cypher_skip: set[str] = set()
            for size in res.sizes:
                measure_neo4j(res, size, stores[size.n], driver, args.batch_size, cypher_skip)
            clean_database(driver)
    res.load_after = _loadavg()
    res.wall_s = time.perf_counter() - t_start
    return res


# --------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------

Table = tables_module.Table


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 0.01:
        return f"{seconds * 1000:.1f} ms"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    if seconds < 100:
        return f"{seconds:.2f} s"
    return f"{seconds:,.0f} s"


def fmt_mib(n: int | None) -> str:
    return "—" if n is None else f"{n / 2**20:,.0f} MiB"


def fmt_mb(n: int | None) -> str:
    return "—" if n is None else f"{n / 1e6:,.1f} MB"


def fmt_rate(x: float | None, unit: str = "") -> str:
    return "—" if x is None else f"{x:,.0f}{unit}" if x >= 100 else f"{x:,.1f}{unit}"


def _div(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def growth(values: Sequence[float | None]) -> list[str]:
    """value(N_i) / value(N_i-1) for consecutive sizes: ×10 is linear at 10× reports."""
    out = []
    for a, b in itertools.pairwise(values):
        out.append("—" if a is None or b is None or a <= 0 else f"×{b / a:,.1f}")
    return out


def size_headers(res: BenchResult, first: str, with_growth: bool = True) -> list[str]:
    ns = [s.n for s in res.sizes]
    heads = [first, *(f"N = {n:,}" for n in ns)]
    if with_growth:
        heads += [f"growth {a:,} → {b:,}" for a, b in itertools.pairwise(ns)]
    return heads


def size_row(
    label: str,
    values: Sequence[float | None],
    fmt: Callable[[float | None], str],
    cells: Sequence[str] | None = None,
    with_growth: bool = True,
) -> list[str]:
    """A row with one cell per size (`cells` overrides the formatted values) and growth."""
    row = [label, *(cells if cells is not None else [fmt(v) for v in values])]
    return row + (growth(values) if with_growth else [])


def query_cell(q: QueryResult | None) -> str:
    if q is None:
        return "—"
    if q.status != "ok" or q.timing is None:
        return q.status + (f" ({q.note})" if q.note and q.status != "skipped" else "")
    cell = fmt_s(q.timing.median) + (" (1 run)" if q.timing.single else "")
    return cell + (f" {q.note}" if q.note else "")


def tables(res: BenchResult) -> list[Table]:
    """The result as (title, headers, rows); the printer and the Markdown share them."""
    S = res.sizes
    out: list[Table] = []
    out.append(
        (
            "Corpus (demo generator)",
            size_headers(res, ""),
            [
                size_row("files", [s.files for s in S], lambda v: f"{v:,}", with_growth=False),
                size_row("size", [s.bytes for s in S], fmt_mb, with_growth=False),
                size_row("generate time", [s.generate_s for s in S], fmt_s),
            ],
        )
    )
    base = [s.baseline.median if s.baseline else None for s in S]
    ingest = [s.ingest_s for s in S]
    out.append(
        (
            "Ingest vs the I/O baseline (list + read + decode + one regex)",
            size_headers(res, ""),
            [
                size_row("baseline time", base, fmt_s),
                size_row(
                    "baseline MB/s",
                    [_div(s.bytes / 1e6, b) for s, b in zip(S, base, strict=True)],
                    fmt_rate,
                    with_growth=False,
                ),
                size_row("ingest time (in the build)", ingest, fmt_s),
                size_row(
                    "ingest reports/s",
                    [_div(s.files, i) for s, i in zip(S, ingest, strict=True)],
                    fmt_rate,
                    with_growth=False,
                ),
                size_row(
                    "ingest MB/s",
                    [_div(s.bytes / 1e6, i) for s, i in zip(S, ingest, strict=True)],
                    fmt_rate,
                    with_growth=False,
                ),
                size_row(
                    "ingest / baseline",
                    [_div(i, b) for i, b in zip(ingest, base, strict=True)],
                    lambda v: "—" if v is None else f"{v:,.0f}×",
                    with_growth=False,
                ),
            ],
        )
    )
    out.append(build_table(res))
    out.append(
        (
            "Catalog queries on the embedded store (Oxigraph; median, 1 warm-up)",
            size_headers(res, "query"),
            [
                size_row("open the store", [s.oxigraph_open_s for s in S], fmt_s),
                *[
                    size_row(
                        name,
                        [s.oxigraph.get(name).seconds if name in s.oxigraph else None for s in S],
                        fmt_s,
                        cells=[query_cell(s.oxigraph.get(name)) for s in S],
                    )
                    for name in res.query_names
                ],
            ],
        )
    )
    out.append(memory_table(res))
    out.append(rows_table(res))
    if any(s.neo4j_load_s is not None for s in S):
        out.append(neo4j_table(res))
    out.append(
        (
            "Map: national partnership view (`kompetansekart map`, subprocess)",
            size_headers(res, ""),
            [
                size_row("wall time", [s.map_s for s in S], fmt_s),
                size_row(
                    "peak RSS",
                    [max((p.max_rss for p in s.map_runs), default=None) for s in S],
                    fmt_mib,
                ),
                size_row(
                    "nodes",
                    [s.map_nodes for s in S],
                    lambda v: f"{v:,}" if v is not None else "—",
                    with_growth=False,
                ),
                size_row(
                    "edges",
                    [s.map_edges for s in S],
                    lambda v: f"{v:,}" if v is not None else "—",
                    with_growth=False,
                ),
                size_row("HTML size", [s.map_bytes for s in S], fmt_mb),
            ],
        )
    )
    spread = f"{min(res.help_runs):.3f}–{max(res.help_runs):.3f} s" if res.help_runs else "—"
    out.append(
        (
            f"Start-up: `kompetansekart --help` (median of {len(res.help_runs)} runs)",
            ["", "median", "fastest–slowest"],
            [["kompetansekart --help", fmt_s(res.help_s), spread]],
        )
    )
    out.append(targets_table(res))
    return out


def _count(v: float | None) -> str:
    return "—" if v is None else f"{v:,.0f}"


def split_stages(res: BenchResult) -> list[tuple[str, str, str | None]]:
    """(key, label, parent) of every timed function any size saw, in the order the build
    called them (the order of the largest size that called it)."""
    labels = {key: label for key, label, _m, _a in BUILD_STAGES}
    seen: dict[str, tuple[int, str | None]] = {}
    for s in res.sizes:
        for key, st in s.split.get("stages", {}).items():
            seen[key] = (st.get("order", 0), st.get("parent"))
    ordered = sorted(seen.items(), key=lambda kv: kv[1][0])
    return [(key, labels.get(key, key), parent) for key, (_order, parent) in ordered]


def build_table(res: BenchResult) -> Table:
    """CLI wall time and peak RSS, the in-process split by stage, and SHACL on demand."""
    S = res.sizes
    rows = [
        size_row("`kompetansekart build` wall time", [s.build_s for s in S], fmt_s),
        size_row(
            "`kompetansekart build` peak RSS (largest process)", [s.build_rss for s in S], fmt_mib
        ),
        size_row(
            "reports/s (whole build)",
            [_div(s.files, s.build_s) for s in S],
            fmt_rate,
            with_growth=False,
        ),
        size_row(
            "ingest workers",
            [None for _ in S],
            str,
            cells=[str(s.split.get("ingest", {}).get("jobs", "—")) for s in S],
            with_growth=False,
        ),
        size_row(
            "SHACL run by the build",
            [None for _ in S],
            str,
            cells=[
                ("yes" if "shacl" in s.split.get("stages", {}) else "no") if s.split else "—"
                for s in S
            ],
            with_growth=False,
        ),
        size_row("split: process wall time", [s.split.get("process_s") for s in S], fmt_s),
        size_row("split: imports", [s.split.get("imports_s") for s in S], fmt_s),
    ]
    for key, label, parent in split_stages(res):
        stages = [s.split.get("stages", {}).get(key) for s in S]
        name = f"split: {label}" if parent is None else f"split:   of which {label} (in {parent})"
        rows.append(size_row(name, [st["seconds"] if st else None for st in stages], fmt_s))
    other = []
    for s in S:
        top = [v["seconds"] for v in s.split.get("stages", {}).values() if v["parent"] is None]
        other.append(s.split["total_s"] - sum(top) if s.split else None)
    rows.append(size_row("split: other (not in a timed function)", other, fmt_s))
    rows.append(size_row("split: build command total", [s.split.get("total_s") for s in S], fmt_s))
    rows.append(size_row("split: peak RSS", [s.split.get("peak_rss") for s in S], fmt_mib))
    rows.append(
        size_row(
            "split: peak RSS of the largest ingest worker",
            [s.split.get("peak_rss_children") or None for s in S],
            fmt_mib,
        )
    )
    for key, label, parent in split_stages(res):
        if parent is None and key in ("model", "rdflib", "shacl", "save"):
            stages = [s.split.get("stages", {}).get(key) for s in S]
            rows.append(
                size_row(
                    f"split: peak RSS after {label}",
                    [st["rss_after"] if st else None for st in stages],
                    fmt_mib,
                    with_growth=False,
                )
            )
    rows += [
        size_row("triples", [s.split.get("triples") for s in S], _count),
        size_row("model nodes", [s.split.get("nodes") for s in S], _count),
        size_row("model edges", [s.split.get("edges") for s in S], _count),
    ]
    if any(s.validate for s in S):
        rows += [
            size_row(
                "`kompetansekart validate` (SHACL on demand) wall time",
                [s.validate.seconds if s.validate else None for s in S],
                fmt_s,
            ),
            size_row(
                "`kompetansekart validate` peak RSS",
                [s.validate.max_rss if s.validate else None for s in S],
                fmt_mib,
            ),
        ]
    missing = sorted({k for s in S for k in s.split.get("missing", [])})
    title = "Build: `kompetansekart build DIR --store S -q`, and the same in-process by stage"
    if missing:
        title += f" (functions no longer found: {', '.join(missing)})"
    return title, size_headers(res, ""), rows


def memory_table(res: BenchResult) -> Table:
    """rdflib's own engine on the same triples, and how many times slower it is."""
    S = res.sizes
    rows = [
        size_row("model → rdflib graph", [s.memory_load_s for s in S], fmt_s),
        size_row("peak RSS of that process", [s.memory_rss for s in S], fmt_mib),
    ]
    for name in res.query_names:
        mem = [s.memory.get(name) for s in S]
        ox = [s.oxigraph.get(name) for s in S]
        ratios = []
        for m, o in zip(mem, ox, strict=True):
            r = _div(m.seconds if m else None, o.seconds if o else None)
            ratios.append("" if r is None else f" ({r:,.0f}×)" if r >= 10 else f" ({r:,.1f}×)")
        rows.append(
            size_row(
                name,
                [m.seconds if m else None for m in mem],
                fmt_s,
                cells=[query_cell(m) + r for m, r in zip(mem, ratios, strict=True)],
            )
        )
    timeout = f"timeout {res.query_timeout:g} s" if res.query_timeout else "no timeout"
    notes = "; ".join(f"N={s.n:,}: {s.memory_note}" for s in S if s.memory_note)
    title = (
        f"Catalog queries on rdflib's in-memory store ({timeout}; in brackets: how many "
        "times Oxigraph's time)"
    )
    return title + (f" — {notes}" if notes else ""), size_headers(res, "query"), rows


def rows_table(res: BenchResult) -> Table:
    """Rows per query and whether every engine agreed (the run exits 1 if not)."""
    S = res.sizes
    rows = []
    for name in res.query_names:
        cells = []
        for s in S:
            ox = s.oxigraph.get(name)
            if ox is None or ox.rows is None:
                cells.append("—")
                continue
            checks = []
            for engine, other in (("rdflib", s.memory.get(name)), ("Neo4j", s.cypher.get(name))):
                if other is not None and other.status == "ok":
                    checks.append(engine + (" ✓" if not other.note else f" ✗ {other.note}"))
            cells.append(f"{ox.rows:,}" + (f" ({', '.join(checks)})" if checks else ""))
        rows.append([name, *cells])
    params = "; ".join(
        f"{q}: {', '.join(f'{k}={v}' for k, v in p.items())}"
        for q, p in (res.sizes[-1].params.items() if res.sizes else [])
    )
    title = "Rows per query (same rows from rdflib / Neo4j as from Oxigraph: ✓)"
    if params:
        title += f"; parameters {params}; optional parameters unset"
    return title, size_headers(res, "query", with_growth=False), rows


def neo4j_table(res: BenchResult) -> Table:
    S = res.sizes
    rows = [
        size_row("batched load (wiped database; load() call)", [s.neo4j_load_s for s in S], fmt_s),
        size_row(
            "rows/s (nodes + relationships)",
            [
                _div(
                    s.neo4j_counts.get("nodes", 0) + s.neo4j_counts.get("relationships", 0),
                    s.neo4j_load_s,
                )
                for s in S
            ],
            fmt_rate,
            with_growth=False,
        ),
        size_row(
            "nodes / relationships",
            [None for _ in S],
            fmt_s,
            cells=[
                f"{s.neo4j_counts.get('nodes', 0):,} / {s.neo4j_counts.get('relationships', 0):,}"
                if s.neo4j_counts
                else "—"
                for s in S
            ],
            with_growth=False,
        ),
        size_row(
            "(model rebuilt from records, not in the load)", [s.neo4j_model_s for s in S], fmt_s
        ),
    ]
    for name in res.query_names:
        cy = [s.cypher.get(name) for s in S]
        rows.append(
            size_row(
                name,
                [q.seconds if q else None for q in cy],
                fmt_s,
                cells=[query_cell(q) for q in cy],
            )
        )
    return f"Neo4j: load and Cypher catalog queries — {res.neo4j}", size_headers(res, ""), rows


@dataclass
class Target:
    name: str
    measured: str
    met: str


def _at_10k(res: BenchResult) -> SizeResult | None:
    return next((s for s in res.sizes if s.n == 10_000), None)


def without_shacl(size: SizeResult) -> float | None:
    """The build's split total minus the SHACL stages (model → rdflib, validate): the build
    runs them only on small stores, so the build's own growth hides behind their absence
    at the larger size."""
    if not size.split:
        return None
    stages = size.split.get("stages", {})
    return size.split["total_s"] - sum(
        stages[k]["seconds"] for k in ("rdflib", "shacl") if k in stages
    )


def targets(res: BenchResult) -> list[Target]:
    """The issue's targets, each with the measured value; "—" when not measured."""
    big = _at_10k(res)
    out = []

    def check(value: float | None, limit: float) -> str:
        return "—" if value is None else "yes" if value < limit else "NO"

    build = big.build_s if big else None
    measured = fmt_s(build)
    if big and big.split and "shacl" not in big.split.get("stages", {}):
        measured += " (SHACL not run by the build at this size"
        measured += f"; `validate`: {fmt_s(big.validate.seconds)})" if big.validate else ")"
    out.append(
        Target("10,000 reports ingested and built in under 60 s", measured, check(build, 60))
    )
    if len(res.sizes) >= 2:
        a, b = res.sizes[-2], res.sizes[-1]
        g = _div(without_shacl(b), without_shacl(a))
        limit = LINEAR_SLACK * b.n / a.n
        out.append(
            Target(
                f"growth close to linear: ingest + build without SHACL (in-process split) "
                f"{a.n:,} → {b.n:,} at most ×{limit:g} (×{b.n / a.n:g} is linear)",
                "—" if g is None else f"×{g:.1f}",
                "—" if g is None else "yes" if g <= limit else "NO",
            )
        )
    if big and big.oxigraph:
        answered = {k: v.seconds for k, v in big.oxigraph.items() if v.seconds is not None}
        slowest = max(answered, key=answered.__getitem__) if answered else None
        over = [k for k, v in answered.items() if v >= 1]
        measured = f"slowest {slowest}: {fmt_s(answered[slowest])}" if slowest else "—"
        if over:
            measured += f"; over 1 s: {', '.join(over)}"
        met = "—" if slowest is None else "yes" if not over else "NO"
    else:
        measured, met = "—", "—"
    out.append(
        Target("every catalog query under 1 s on the embedded store at 10,000", measured, met)
    )
    load = big.neo4j_load_s if big else None
    out.append(Target("Neo4j load of 10,000 reports under 60 s", fmt_s(load), check(load, 60)))
    out.append(
        Target("`kompetansekart --help` under 0.3 s", fmt_s(res.help_s), check(res.help_s, 0.3))
    )
    return out


def targets_table(res: BenchResult) -> Table:
    rows = [[t.name, t.measured, t.met] for t in targets(res)]
    return "Targets (10,000 reports, this machine)", ["target", "measured", "met"], rows


# --------------------------------------------------------------------------------------
# What the numbers show (computed, so a rerun cannot leave stale prose)
# --------------------------------------------------------------------------------------


def superlinear(res: BenchResult) -> list[str]:
    """Stages whose last step grew more than LINEAR_SLACK × the size ratio."""
    if len(res.sizes) < 2:
        return []
    a, b = res.sizes[-2], res.sizes[-1]
    limit = LINEAR_SLACK * b.n / a.n
    notes: dict[str, str] = {}
    series: list[tuple[str, float | None, float | None]] = [
        ("kompetansekart build", a.build_s, b.build_s),
        ("ingest + build without SHACL", without_shacl(a), without_shacl(b)),
        ("Neo4j load", a.neo4j_load_s, b.neo4j_load_s),
        ("map", a.map_s, b.map_s),
    ]
    for key, label, _m, _a in BUILD_STAGES:
        sa, sb = a.split.get("stages", {}).get(key), b.split.get("stages", {}).get(key)
        series.append((label, sa and sa["seconds"], sb and sb["seconds"]))
    for name in res.query_names:
        qa, qb = a.oxigraph.get(name), b.oxigraph.get(name)
        if qa and qb and qb.seconds and qb.seconds >= 0.05:  # ignore noise in small latencies
            label = f"Oxigraph query {name}"
            if qa.rows and qb.rows:
                notes[label] = f"; its rows ×{qb.rows / qa.rows:,.1f}"
            series.append((label, qa.seconds, qb.seconds))
    out = []
    for label, va, vb in series:
        if va and vb and vb / va > limit:
            note = notes.get(label, "")
            out.append(f"{label} ×{vb / va:,.1f} ({fmt_s(va)} → {fmt_s(vb)}{note})")
    return out


def conclusions(res: BenchResult) -> list[str]:
    if not res.sizes:
        return []
    big = res.sizes[-1]
    lines = []
    stages = {
        label: big.split["stages"][key]["seconds"]
        for key, label, _m, _a in BUILD_STAGES
        if key in big.split.get("stages", {}) and big.split["stages"][key]["parent"] is None
    }
    if stages and big.split.get("total_s"):
        ranked = sorted(stages.items(), key=lambda kv: -kv[1])
        total = big.split["total_s"]
        top = ", ".join(f"{k} {fmt_s(v)} ({v / total:.0%})" for k, v in ranked[:3])
        lines.append(
            f"At N={big.n:,} `kompetansekart build` took {fmt_s(big.build_s)} "
            f"(peak {fmt_mib(big.build_rss)}); the slowest stages of the in-process split "
            f"({fmt_s(total)}) are {top}."
        )
    if big.split and "shacl" not in big.split.get("stages", {}):
        text = f"At N={big.n:,} the build did not run SHACL (it leaves big stores to `validate`)"
        if big.validate:
            text += (
                f"; `kompetansekart validate` took {fmt_s(big.validate.seconds)} "
                f"(peak {fmt_mib(big.validate.max_rss)})"
            )
        lines.append(text + ".")
    ratio = _div(big.ingest_s, big.baseline.median if big.baseline else None)
    if ratio is not None and big.ingest_s:
        lines.append(
            f"Ingest parses {big.files / big.ingest_s:,.0f} reports/s "
            f"({big.bytes / 1e6 / big.ingest_s:,.1f} MB/s), {ratio:,.0f}× the time of reading "
            "and scanning the same files once: parsing, not I/O, bounds ingest."
        )
    grown = superlinear(res)
    if grown:
        a, b = res.sizes[-2], res.sizes[-1]
        lines.append(
            f"Growing faster than the reports ({a.n:,} → {b.n:,}, ×{b.n / a.n:g}): "
            + "; ".join(grown)
            + "."
        )
    elif len(res.sizes) >= 2:
        lines.append("Every stage grew close to linearly over the last step.")
    answered = {k: v.seconds for k, v in big.oxigraph.items() if v.seconds is not None}
    if answered:
        slow = max(answered, key=answered.__getitem__)
        lines.append(
            f"On Oxigraph the slowest catalog query at N={big.n:,} is {slow} "
            f"({fmt_s(answered[slow])}); the median query takes "
            f"{fmt_s(statistics.median(answered.values()))}."
        )
    for s in res.sizes:
        ratios = [
            m.seconds / s.oxigraph[k].seconds
            for k, m in s.memory.items()
            if m.seconds and k in s.oxigraph and s.oxigraph[k].seconds
        ]
        timeouts = [k for k, m in s.memory.items() if m.status == "timeout"]
        if ratios or timeouts:
            text = f"rdflib memory at N={s.n:,}: "
            if ratios:
                text += (
                    f"{min(ratios):,.1f}× to {max(ratios):,.0f}× Oxigraph's time "
                    f"(median {statistics.median(ratios):,.0f}×)"
                )
            if timeouts:
                text += f"{'; ' if ratios else ''}timeout: {', '.join(timeouts)}"
            lines.append(text + ".")
    if big.neo4j_load_s is not None:
        cy = {k: v.seconds for k, v in big.cypher.items() if v.seconds is not None}
        slow = max(cy, key=cy.__getitem__) if cy else None
        lines.append(
            f"Neo4j loads N={big.n:,} in {fmt_s(big.neo4j_load_s)}"
            + (f"; its slowest Cypher query is {slow} ({fmt_s(cy[slow])})" if slow else "")
            + "."
        )
    if res.problems:
        lines.append("ENGINES DISAGREE: " + "; ".join(res.problems))
    return lines


# --------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------


def _fmt_load(load: tuple[float, ...]) -> str:
    return " / ".join(f"{x:.2f}" for x in load) or "unknown"


def to_markdown(res: BenchResult, command: str) -> str:
    out = [
        "# National-scale benchmark: 100 to 10,000 needs reports",
        "",
        f"Generated by `{command}` (bench/scale.py) on {res.started}; whole run "
        f"{fmt_s(res.wall_s)}. Timings are measurements on the machine below, not guarantees; "
        "rerun the script rather than trusting them on another machine.",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in res.machine.items()],
        f"- load average (1/5/15 min) at the start: {_fmt_load(res.load_before)}; at the end: "
        f"{_fmt_load(res.load_after)}; highest 1-minute figure seen during the run: "
        f"{machine.MAX_LOAD[0]:.2f} (the run itself keeps one core busy)",
        f"- Neo4j: {res.neo4j}",
        "",
        "## Method",
        "",
        f"- Corpus: `kompetansekart demo --reports N --seed {res.seed} --formats "
        f"{','.join(res.formats)}` (the generator called in-process and timed).",
        "- Every stage that measures memory or caches runs in a fresh process; peak RSS is "
        "the kernel's figure for that process (`wait4` / `getrusage`).",
        f"- Latencies: median of {res.repeats} runs after one warm-up; a warm-up slower than "
        f'{res.single_above:g} s is the only run (marked "1 run"). The CLI build is '
        "run as a subprocess on a fresh store; its split runs the same command in-process "
        "with timers around the functions it calls.",
        "- Growth columns divide a value by the one at the previous size: with 10× more "
        f'reports ×10 is linear; "close to linear" here means at most ×{LINEAR_SLACK * 10:g}.',
        "- Every catalog query is answered by Oxigraph, rdflib's memory store and Neo4j; "
        "their headers and sorted rows must be the same (the script exits 1 otherwise).",
        *([f"- Extra build options: `{' '.join(res.build_args)}`."] if res.build_args else []),
        "",
        "## What this shows",
        "",
        *[f"- {line}" for line in conclusions(res)],
        "",
    ]
    out += tables_module.markdown(tables(res))
    return "\n".join(out)


def print_tables(res: BenchResult) -> None:
    tables_module.print_tables(tables(res), conclusions(res))


# --------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated report counts")
    parser.add_argument("--seed", type=int, default=1, help="demo generator seed")
    parser.add_argument("--formats", default="txt,md", help="demo generator formats")
    parser.add_argument("--out", type=Path, default=None, help="write the Markdown here")
    parser.add_argument(
        "--workdir", type=Path, default=None, help="keep corpora, stores and maps here"
    )
    parser.add_argument("--no-neo4j", action="store_true", help="skip the Neo4j stage")
    parser.add_argument(
        "--no-validate", action="store_true", help="skip `kompetansekart validate` (SHACL)"
    )
    parser.add_argument("--repeats", type=int, default=3, help="timed runs after a warm-up")
    parser.add_argument(
        "--build-repeats", type=int, default=1, help="`kompetansekart build` runs per size"
    )
    parser.add_argument(
        "--build-args",
        default="",
        help="extra options for `kompetansekart build`, e.g. '--jobs 2' (both build runs)",
    )
    parser.add_argument(
        "--query-timeout",
        type=float,
        default=120.0,
        help="seconds before an rdflib (or Cypher) query is given up; 0 = none",
    )
    parser.add_argument(
        "--single-run-above",
        type=float,
        default=5.0,
        help="a warm-up slower than this many seconds is the only run",
    )
    parser.add_argument(
        "--skip-memory-above",
        type=int,
        default=None,
        help="no rdflib in-memory comparison for sizes above this N",
    )
    parser.add_argument("--batch-size", type=int, default=2000, help="Neo4j loader batch size")
    parser.add_argument("--heap", default="2g", help="heap of the Neo4j server started here")
    parser.add_argument("--pagecache", default="1g", help="page cache of that server")
    args = parser.parse_args(argv)
    args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    args.build_args = args.build_args.split()
    args.query_timeout = args.query_timeout or None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    raw = list(sys.argv[1:] if argv is None else argv)
    if raw[:1] == ["--child"]:
        return child_main(raw[1], raw[2])
    args = parse_args(raw)
    own_dir = args.workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="kk-scale-")) if own_dir else args.workdir
    try:
        res = run(
            args.sizes,
            workdir,
            args,
            start_neo4j=None
            if args.no_neo4j
            else functools.partial(neo4j_server, args.heap, args.pagecache),
        )
    finally:
        if own_dir:
            shutil.rmtree(workdir, ignore_errors=True)
    print_tables(res)
    if args.out:
        command = "python bench/scale.py " + " ".join(raw)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(to_markdown(res, command.strip()), encoding="utf-8")
        _log(f"wrote {args.out}")
    _log(f"whole run {res.wall_s:.0f} s")
    if res.problems:
        print("engines disagree:\n" + "\n".join(res.problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
