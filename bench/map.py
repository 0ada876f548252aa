"""How long does a big HTML map take to make, and to settle in a real browser?

ARCHITECTURE.md ("Known pitfalls", pyvis) records that a 5,000-node page with physics on
never settled, and that positions computed in Python drew in ~5 s. The map generator
(`reports/map_model.py`, `reports/map_html.py`) therefore lays the graph out in Python and
switches physics off once the page has stabilised; above `LARGE_GRAPH` nodes it takes a
cheaper path (barnesHut, a short stabilisation, no improvedLayout, fewer layout rounds).
This script measures both paths on synthetic data of the project's shape:

1. generates deterministic synthetic needs reports (records, in the style of
   tests/factory.py: real gazetteer municipalities, networks and universities, plus
   synthetic private owners, schools, kindergartens and networks, each with measures,
   schemes, themes and amounts) and grows them until the map of each chosen view has about
   the asked number of nodes; the records go through `Dataset.from_records` and
   `build_map`, the same path as `kompetansekart map`;
2. times, per size, building the Dataset, `build_map` (the MapData, with its Python
   layout, also timed alone) and `render_map` + writing the file (the HTML), and reports
   the file's size;
3. opens the page from file:// in headless Debian Chromium (the browser tests' launcher,
   tests/conftest_browser.py) `--repeats` times, each in a fresh browser context, and
   records the page's own `kkMap.timeToStable` (from the page's first script to physics
   off) and the wall time from navigation start until `kkMap.stabilized`;
4. checks every run: the page holds the MapData's node and edge counts, made no request
   but its own file and logged no error; it raises if not;
5. prints a table and, with `--out`, writes it as Markdown with the date and the machine.

Run: `.venv/bin/python bench/map.py [--sizes 500,5000] [--out bench/RESULTS-map.md]`.
Timings are printed and written, never asserted (ARCHITECTURE.md, "Conventions").
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import machine  # bench/machine.py, next to this script

ROOT = Path(__file__).resolve().parents[1]
# The browser launcher and its flags live with the browser tests; one copy of them.
sys.path.insert(0, str(ROOT / "tests"))

from conftest_browser import (  # noqa: E402
    STABLE_JS,
    chromium_executable,
    chromium_problem,
    is_local,
    launch_chromium,
    tmpdir_env,
)

from kompetansekart.graph.model import KIND_TYPES  # noqa: E402
from kompetansekart.ingest.records import (  # noqa: E402
    Measure,
    NeedsReport,
    OrgRef,
    Partner,
    Source,
)
from kompetansekart.ontology.gazetteer import Gazetteer  # noqa: E402
from kompetansekart.queries.analyses.dataset import Dataset  # noqa: E402
from kompetansekart.reports import map_model  # noqa: E402
from kompetansekart.reports.map_html import render_map  # noqa: E402
from kompetansekart.reports.map_model import (  # noqa: E402
    GROUP_OF,
    LARGE_GRAPH,
    VIEW_GROUPS,
    MapData,
    View,
    build_map,
)

SCHEMES = ("regional", "desentralisert", "kompetanseloftet", "oppfolging")
THEMES = (
    "atferd",
    "begynneropplaering",
    "digital-kompetanse",
    "fagfornyelsen",
    "foreldresamarbeid",
    "fravaer",
    "inkludering",
    "klasseledelse",
    "kunstig-intelligens",
    "laeringsmiljo",
    "ledelse",
    "lesing-skriving",
    "matematikk",
    "profesjonsfellesskap",
    "psykisk-helse",
    "spesialpedagogikk",
    "sprak",
    "tidlig-innsats",
    "trygt-skolemiljo",
    "vurdering",
)
TARGET_GROUPS = ("laerere", "barnehagelaerere", "ledere", "assistenter", "ppt", "alle-ansatte")


def _log(message: str) -> None:
    """Progress goes to stderr so stdout holds only the result table."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------
# Synthetic records
# --------------------------------------------------------------------------------------


def _ref(name: str, kind: str | None, gazetteer: Gazetteer) -> OrgRef:
    """A gazetteer organisation by name, or an unresolved one of a known kind (the way a
    report names a private kindergarten the reference data does not list)."""
    for entry in gazetteer.entries:
        if entry.name == name:
            return OrgRef(entry.name, entry.id, entry.kind, entry.name, entry.parent)
    assert kind in KIND_TYPES, kind
    return OrgRef(name, None, kind, name)


@dataclass
class Pools:
    """What the reports draw from. Synthetic owners and networks grow with the number of
    reports, so a bigger corpus is a bigger map, as it would be with more counties."""

    municipalities: list[OrgRef]
    networks: list[OrgRef]
    uh: list[OrgRef]
    private: list[OrgRef] = field(default_factory=list)
    units: list[OrgRef] = field(default_factory=list)  # schools and kindergartens

    @classmethod
    def make(cls, reports: int, rng: random.Random) -> Pools:
        g = Gazetteer.load()
        pools = cls(
            [_ref(e.name, None, g) for e in g.of_kind("kommune")],
            [_ref(e.name, None, g) for e in g.of_kind("nettverk")],
            [_ref(e.name, None, g) for e in g.of_kind("uh", "uh_enhet")],
        )
        for i in range(max(4, reports // 40)):
            pools.networks.append(_ref(f"Syntetisk kompetansenettverk {i + 1:03d}", "nettverk", g))
        for i in range(max(10, reports // 3)):
            pools.private.append(_ref(f"Syntetisk eier {i + 1:04d} AS", "privat_eier", g))
        for i in range(max(20, reports)):
            kind, word = rng.choice((("skole", "skole"), ("barnehage", "barnehage")))
            pools.units.append(_ref(f"Syntetisk {word} {i + 1:04d}", kind, g))
        return pools


def synthetic_reports(count: int, seed: int) -> list[NeedsReport]:
    """`count` deterministic needs reports (the same seed and count give the same records)."""
    rng = random.Random(seed)
    pools = Pools.make(count, rng)
    owners = pools.municipalities + pools.private
    # Each owner stays in one network, as in real life.
    network_of = {o.name: rng.choice(pools.networks) for o in owners}
    records = []
    for i in range(count):
        owner = owners[i % len(owners)] if i < len(owners) else rng.choice(owners)
        year = rng.choice((2022, 2023, 2024, 2025, 2026))
        uh = rng.sample(pools.uh, rng.choice((1, 1, 1, 2)))
        partners = rng.sample(pools.units, rng.randint(0, 4))
        schemes = sorted(set(rng.choices(SCHEMES, k=rng.randint(1, 2))))
        measures = []
        for n in range(rng.randint(1, 4)):
            owner_amount = rng.randrange(0, 400_000, 10_000)
            uh_amount = rng.randrange(50_000, 900_000, 10_000)
            measures.append(
                Measure(
                    name=f"Tiltak {n + 1}: {rng.choice(THEMES)} ({owner.name}, {year})",
                    number=n + 1,
                    scheme=rng.choice(schemes),
                    owner_amount=owner_amount,
                    uh_amount=uh_amount,
                    total_stated=owner_amount + uh_amount,
                    uh=rng.choice(uh),
                    themes=rng.sample(THEMES, rng.randint(1, 3)),
                    target_groups=rng.sample(TARGET_GROUPS, rng.randint(1, 2)),
                    terms=[f"H{year}", f"V{year + 1}"],
                )
            )
        rid = hashlib.sha256(f"bench-map|{seed}|{i}".encode()).hexdigest()[:16]
        records.append(
            NeedsReport(
                id=rid,
                source=Source(f"synthetic/{rid}.txt", "txt", rid * 4),
                owner=owner,
                year=year,
                schemes=schemes,
                network=network_of[owner.name],
                uh=uh,
                partners=[Partner(owner, "eier")]
                + [Partner(p, "eier") for p in partners]
                + [Partner(u, "uh") for u in uh],
                measures=measures,
                needs=rng.sample(THEMES, rng.randint(0, 3)),
            )
        )
    return records


def view_nodes(ds: Dataset, view: View) -> int:
    """How many nodes the unfiltered map of `view` draws, without building it: every model
    node of the view's kinds (what `build_map` keeps when no filter applies)."""
    groups = VIEW_GROUPS[view]
    return sum(1 for n in ds.model.nodes.values() if GROUP_OF.get(n.type) in groups)


def records_for(target: int, view: View, seed: int) -> tuple[list[NeedsReport], Dataset]:
    """Grow the report count until the view's map has at least `target` nodes (doubling,
    then bisection on the count; each probe builds the graph, not the map)."""
    cache: dict[int, tuple[list[NeedsReport], Dataset]] = {}

    def probe(count: int) -> int:
        if count not in cache:
            records = synthetic_reports(count, seed)
            cache[count] = (records, Dataset.from_records(records))
        return view_nodes(cache[count][1], view)

    low, high = 0, 8
    while probe(high) < target:
        low, high = high, high * 2
    while high - low > 1:
        mid = (low + high) // 2
        if probe(mid) >= target:
            high = mid
        else:
            low = mid
    return cache[high]


# --------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------


@dataclass
class BrowserRun:
    time_to_stable_ms: float
    wall_s: float
    redraw_ms: float
    redraw_solid_ms: float
    blocked_after_stable_ms: float
    solver: str
    requests: list[str]
    errors: list[str]


@dataclass
class SizeResult:
    target: int
    view: str
    reports: int
    nodes: int
    edges: int
    node_types: dict[str, int]
    dataset_s: float
    build_map_s: float
    layout_s: float
    html_s: float
    html_bytes: int
    runs: list[BrowserRun] = field(default_factory=list)

    @property
    def large(self) -> bool:
        return self.nodes > LARGE_GRAPH

    def median(self, attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in self.runs)


def timed(fn: Any, *args: Any, **kwargs: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - start


def generate(target: int, view: View, seed: int, folder: Path) -> tuple[SizeResult, Path]:
    _log(f"generating records for a {view.value} map of ~{target:,} nodes")
    records, _ = records_for(target, view, seed)
    # Timed afresh: the probe's Dataset may be warm, the user's never is.
    ds, dataset_s = timed(Dataset.from_records, records)
    data, build_s = timed(build_map, ds, view=view)
    assert isinstance(data, MapData)
    # The layout alone, on the same graph: how much of build_map is the Python layout.
    _, layout_s = timed(
        map_model.layout, [n.id for n in data.nodes], [(e.src, e.dst) for e in data.edges]
    )
    path = folder / f"map-{view.value}-{target}.html"
    page, render_s = timed(render_map, data)
    _, write_s = timed(path.write_text, page, "utf-8")
    result = SizeResult(
        target=target,
        view=view.value,
        reports=len(records),
        nodes=len(data.nodes),
        edges=len(data.edges),
        node_types=dict(Counter(n.group for n in data.nodes).most_common()),
        dataset_s=dataset_s,
        build_map_s=build_s,
        layout_s=layout_s,
        html_s=render_s + write_s,
        html_bytes=path.stat().st_size,
    )
    _log(
        f"  {len(records):,} reports -> {result.nodes:,} nodes, {result.edges:,} edges; "
        f"build_map {build_s:.2f} s, HTML {result.html_s:.2f} s, {_mib(result.html_bytes)}"
    )
    return result, path


def open_in_browser(
    browser: Any, path: Path, timeout_s: float, screenshot: Path | None
) -> tuple[BrowserRun, dict[str, Any]]:
    """One cold open of the page in a fresh context, until kkMap.stabilized."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    context.route(
        "**/*", lambda r: r.continue_() if is_local(r.request.url) else r.abort("blockedbyclient")
    )
    try:
        start = time.perf_counter()
        page.goto(path.as_uri(), wait_until="commit", timeout=timeout_s * 1000)
        page.wait_for_function(STABLE_JS, timeout=timeout_s * 1000, polling=50)
        wall = time.perf_counter() - start
        state = page.evaluate(
            """() => ({t: window.kkMap.timeToStable, n: nodes.length, e: edges.length,
                       now: performance.now(),
                       start: typeof kkStart === "number" ? kkStart : null,
                       solver: network.physics.options.solver,
                       physics: network.physics.physicsEnabled})"""
        )
        # One frame: what every pan or zoom costs once the map is still.
        redraw_ms = page.evaluate(
            """() => new Promise((resolve) => {
                const start = performance.now();
                network.once("afterDrawing", () => resolve(performance.now() - start));
                network.redraw();
            })"""
        )
        # Diagnostic: the same frame with every dashed edge drawn solid (vis-network draws
        # dashes segment by segment, and the map dashes membership and context edges).
        redraw_solid_ms = page.evaluate(
            """() => new Promise((resolve) => {
                edges.update(edges.get({filter: e => e.dashes, fields: ["id"]})
                    .map(e => ({id: e.id, dashes: false})));
                network.once("afterDrawing", () => {
                    const start = performance.now();
                    network.once("afterDrawing", () => resolve(performance.now() - start));
                    network.redraw();
                });
                network.redraw();
            })"""
        )
        # The page sets kkMap.stabilized inside the task that then draws the settled map;
        # the poll sees the flag only when that task ends. This is that first draw.
        blocked_ms = state["now"] - (state["start"] + state["t"]) if state["start"] else 0.0
        if screenshot is not None:
            page.wait_for_timeout(700)  # pyvis's loading bar fades out over 0.5 s
            page.screenshot(path=str(screenshot))
        run = BrowserRun(
            state["t"],
            wall,
            redraw_ms,
            redraw_solid_ms,
            blocked_ms,
            state["solver"],
            requests,
            errors,
        )
        return run, state
    finally:
        context.close()


def measure_browser(
    results: list[tuple[SizeResult, Path]], repeats: int, timeout_s: float, shots: Path | None
) -> None:
    from playwright.sync_api import sync_playwright

    problem = chromium_problem()
    if problem:
        raise SystemExit(f"cannot measure in the browser: {problem}")
    with tempfile.TemporaryDirectory(prefix="kk-bench-chromium-") as tmp:
        with tmpdir_env(Path(tmp)):
            manager = sync_playwright().start()
        try:
            browser = launch_chromium(manager)
            try:
                # Warm-up (the first start of a renderer pays for loading the binary).
                open_in_browser(browser, results[0][1], timeout_s, None)
                for r in range(repeats):  # interleaved, so drift hits every size alike
                    for result, path in results:
                        shot = None
                        if shots is not None and r == 0:
                            shot = shots / f"map-{result.view}-{result.target}.png"
                        run, state = open_in_browser(browser, path, timeout_s, shot)
                        _check(result, run, state, path)
                        result.runs.append(run)
                        _log(
                            f"  {result.nodes:,} nodes: stable after {run.time_to_stable_ms:,.0f}"
                            f" ms (page), {run.wall_s:.2f} s (wall), first draw after it "
                            f"{run.blocked_after_stable_ms:,.0f} ms, redraw {run.redraw_ms:,.0f}"
                            f" ms ({run.redraw_solid_ms:,.0f} ms without dashes), "
                            f"solver {run.solver}"
                        )
            finally:
                browser.close()
        finally:
            manager.stop()


def _check(result: SizeResult, run: BrowserRun, state: dict[str, Any], path: Path) -> None:
    """The measured page must be the map that was built, offline, without errors."""
    problems = []
    if (state["n"], state["e"]) != (result.nodes, result.edges):
        problems.append(f"page holds {state['n']} nodes / {state['e']} edges")
    own = [u for u in run.requests if u != path.as_uri() and not u.startswith("data:")]
    if own:
        problems.append(f"requests beyond the file: {own[:3]}")
    if run.errors:
        problems.append(f"console errors: {run.errors[:3]}")
    if state["physics"]:
        problems.append("physics still on after stabilisation")
    expected_solver = "barnesHut" if result.large else "forceAtlas2Based"
    if run.solver != expected_solver:
        problems.append(f"solver {run.solver}, expected {expected_solver}")
    if problems:
        raise AssertionError(f"{path.name}: " + "; ".join(problems))


# --------------------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------------------


def machine_info() -> dict[str, str]:
    chromium = machine.sh(str(chromium_executable()), "--version").strip().splitlines()
    return machine.machine_info(
        ("pyvis", "playwright"), {"chromium": chromium[-1] if chromium else "unknown"}
    )


def _mib(n: int) -> str:
    return f"{n / 2**20:.2f} MiB"


def table(results: list[SizeResult]) -> list[str]:
    head = (
        "| Target | View | Reports | Nodes | Edges | Path | Dataset | build_map (of it layout) "
        "| HTML write | HTML size | timeToStable (page) | First draw after it | Wall to stable "
        "| One redraw (no dashes) | Runs |"
    )
    rows = [head, "|" + "---|" * 15]
    for r in results:
        if r.runs:
            tts = f"{r.median('time_to_stable_ms') / 1000:.2f} s"
            blocked = f"{r.median('blocked_after_stable_ms') / 1000:.2f} s"
            walls = [x.wall_s for x in r.runs]
            wall = f"{statistics.median(walls):.2f} s"
            if len(walls) > 1:
                wall += f" ({min(walls):.2f}–{max(walls):.2f})"
            redraw = f"{r.median('redraw_ms'):,.0f} ms ({r.median('redraw_solid_ms'):,.0f} ms)"
        else:
            tts = blocked = wall = redraw = "-"
        rows.append(
            f"| ~{r.target:,} | {r.view} | {r.reports:,} | {r.nodes:,} | {r.edges:,} "
            f"| {'large (barnesHut)' if r.large else 'small (forceAtlas2Based)'} "
            f"| {r.dataset_s:.2f} s | {r.build_map_s:.2f} s ({r.layout_s:.2f} s) "
            f"| {r.html_s:.2f} s | {_mib(r.html_bytes)} | {tts} | {blocked} | {wall} "
            f"| {redraw} | {len(r.runs)} |"
        )
    return rows


def _load() -> str:
    """The load average: the machine is shared, and other work slows the browser down."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def markdown(
    results: list[SizeResult], argv: list[str], started: str, loads: tuple[str, str]
) -> str:
    lines = [
        "# Map benchmark: generation and time to a stable layout in Chromium",
        "",
        f"Generated by `python bench/map.py {' '.join(argv)}` (bench/map.py); started "
        f"{started}. Timings are measurements on the machine below, not guarantees.",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in machine_info().items()],
        f"- load average (1, 5, 15 min) before the run: {loads[0]}; after: {loads[1]}",
        "",
        "## Data",
        "",
        "Synthetic needs reports (records, in the style of tests/factory.py) through "
        "`Dataset.from_records` and `build_map`, as `kompetansekart map` does: real "
        "gazetteer municipalities, networks and universities plus synthetic private owners, "
        "schools, kindergartens and networks, 1–4 measures per report with schemes, themes, "
        "target groups and amounts. The report count grows until the view's map has the "
        f"target number of nodes. Above {LARGE_GRAPH:,} nodes the generator takes its "
        "large-graph path.",
        "",
    ]
    for r in results:
        kinds = ", ".join(f"{k} {v:,}" for k, v in r.node_types.items())
        lines.append(f"- ~{r.target:,} ({r.view}): {kinds}.")
    lines += [
        "",
        "## Results (browser columns: median of the runs, wall range in brackets)",
        "",
        *table(results),
        "",
        "- *Dataset*: `Dataset.from_records` (graph model and indexes), not part of the map.",
        "- *build_map*: the MapData, including the Python layout; *of it layout*: "
        "`map_model.layout` alone on the same nodes and edges.",
        "- *HTML write*: `render_map` (pyvis, post-processing, checks) and writing the file.",
        "- *timeToStable*: the page's own `kkMap.timeToStable`, from its first script to "
        "physics off; *Wall to stable*: from `page.goto` in a fresh browser context until "
        "`kkMap.stabilized` is seen (polled every 50 ms), so it includes reading and "
        "parsing the file and the first draw after stabilisation.",
        "- *First draw after it*: the page sets `kkMap.stabilized` inside the task that then "
        "draws the settled map, so the page is busy (and the flag not yet observable) until "
        "that draw ends: the time from `timeToStable` until the poll saw the flag.",
        "- *One redraw*: `network.redraw()` until `afterDrawing` once the map is still, what "
        "each pan or zoom costs; in brackets the same frame after all dashed edges "
        "(membership and context) were made solid, a diagnostic of what the dashes cost. "
        "Chromium runs with `--disable-gpu` (software canvas).",
        "- Every run was checked: the page held the MapData's node and edge counts, "
        "requested nothing but its own file, logged no error, and had physics off.",
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------


def run(
    sizes: list[int],
    views: list[View],
    repeats: int,
    seed: int,
    timeout_s: float,
    keep: Path | None,
) -> list[SizeResult]:
    with contextlib.ExitStack() as stack:
        folder = keep or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kk-map-")))
        folder.mkdir(parents=True, exist_ok=True)
        generated = [generate(size, view, seed, folder) for view in views for size in sizes]
        if repeats > 0:
            measure_browser(generated, repeats, timeout_s, folder if keep else None)
        return [r for r, _ in generated]


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="500,5000", help="map sizes in nodes, comma-separated (500,5000)"
    )
    parser.add_argument(
        "--views",
        default="full,partnerships",
        help="map views to measure, comma-separated (full: the most nodes and edges per "
        "report; partnerships: the default view)",
    )
    parser.add_argument(
        "--repeats", type=int, default=3, help="browser opens per size; 0 skips the browser"
    )
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per page open")
    parser.add_argument("--keep", type=Path, help="keep the HTML files and screenshots here")
    parser.add_argument("--out", type=Path, help="also write the results as Markdown here")
    args = parser.parse_args(argv)

    started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    load_before = _load()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    views = [View(v.strip()) for v in args.views.split(",") if v.strip()]
    results = run(sizes, views, args.repeats, args.seed, args.timeout, args.keep)
    print("\n".join(table(results)))
    if args.out:
        loads = (load_before, _load())
        args.out.write_text(markdown(results, argv, started, loads), "utf-8")
        _log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
