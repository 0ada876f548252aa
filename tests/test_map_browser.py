"""The HTML maps in a real headless Chromium (tests/conftest_browser.py).

Two parts:
1. Self-tests of the harness on tiny hand-written pages with the map's page contract, so
   that a green map test means something: a page that reaches for the network, logs an
   error or never settles must be caught.
2. The maps themselves, generated from the five real samples for every view and opened
   from file://: what the browser holds (nodes, edges, legend) is what the generator
   built; the page draws something, loads nothing from outside and logs no error; a
   report's text cannot run as script; search, type filter and clustering work.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from conftest_browser import ARTIFACTS, MapPage, png_stats

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from kompetansekart.reports.map_model import MapData

pytestmark = pytest.mark.browser

VIEWS = ("partnerships", "funding", "full")
SAMPLES = ("000", "001", "002", "003", "004")
# An owner's name as a report could spell it; unresolved, it keeps its written form.
XSS_NAME = "<img src=x onerror=window.__pwned=1>"
# A name with "href" in it: pyvis 0.3.2 switches to an HTML popup for *every* tooltip when a
# title contains that substring (ARCHITECTURE.md, "Known pitfalls").
HREF_NAME = '<a href="#" onmouseover="window.__pwned=2">Href AS</a>'
ZWJ = "\u200d"  # what the generator puts into "href" to keep pyvis's popup off

# ------------------------------------------------------------------------------------------
# 1. The harness, on pages of our own
# ------------------------------------------------------------------------------------------

FAKE_MAP = """<!doctype html>
<html><head><meta charset="utf-8"><title>harness self-test</title>{head}</head>
<body style="margin:0;background:#ffffff">
<div id="kk-legend"><span class="kk-legend-item" data-type="Municipality">Kommune</span></div>
<canvas id="c" width="400" height="300"></canvas>
{body}
<script>
  // The page contract in miniature: globals `nodes`, `edges` with a length, and kkMap.
  var nodes = {{length: 2}}, edges = {{length: 1}};
  window.kkMap = {{ready: true, stabilized: false, expected: {{nodes: 2, edges: 1}},
                   timeToStable: null}};
  var ctx = document.getElementById("c").getContext("2d");
  ctx.fillStyle = "#1f77b4"; ctx.beginPath(); ctx.arc(100, 150, 30, 0, 7); ctx.fill();
  ctx.fillStyle = "#ff7f0e"; ctx.beginPath(); ctx.arc(300, 150, 30, 0, 7); ctx.fill();
  ctx.strokeStyle = "#888"; ctx.moveTo(130, 150); ctx.lineTo(270, 150); ctx.stroke();
  {script}
</script></body></html>
"""


def fake_map(
    tmp_path: Path, name: str, *, head: str = "", body: str = "", script: str = ""
) -> Path:
    """Write a page with the kkMap contract; by default it stabilises after 200 ms."""
    if not script:
        script = (
            "setTimeout(function () { window.kkMap.stabilized = true;"
            " window.kkMap.timeToStable = 200; }, 200);"
        )
    path = tmp_path / name
    path.write_text(FAKE_MAP.format(head=head, body=body, script=script), "utf-8")
    return path


def test_harness_clean_page(tmp_path: Path, open_map, browser) -> None:
    """A self-contained page that settles passes every check the map tests make."""
    m: MapPage = open_map(fake_map(tmp_path, "clean.html"))
    assert m.kk_map["stabilized"] is True
    assert m.evaluate("() => [nodes.length, edges.length]") == [2, 1]
    assert m.requests == [m.url]
    assert m.other_requests() == [] and m.external_requests() == []
    assert m.console_errors() == []
    assert m.wall_time_to_stable is not None and m.wall_time_to_stable >= 0.2

    shot = m.screenshot()
    assert shot == ARTIFACTS / "test_harness_clean_page.png"
    stats = png_stats(browser, shot.read_bytes())
    assert stats["distinct"] > 2 and stats["foreground"] > 0.005


def test_harness_blank_page_is_blank(tmp_path: Path, open_map, browser) -> None:
    """The blank-screenshot check can fail: an empty page has one colour."""
    path = tmp_path / "blank.html"
    path.write_text(
        "<!doctype html><body style='margin:0;background:#fff'><script>"
        "window.kkMap = {ready: true, stabilized: true};</script></body>",
        "utf-8",
    )
    m = open_map(path)
    stats = png_stats(browser, m.screenshot(tmp_path / "blank.png").read_bytes())
    assert stats["distinct"] == 1 and stats["foreground"] == 0


def test_harness_catches_external_requests(tmp_path: Path, open_map) -> None:
    """A stylesheet from a CDN, an image from a server and a stray local file are all
    recorded; the external ones are blocked before they leave the machine."""
    page = fake_map(
        tmp_path,
        "external.html",
        head='<link rel="stylesheet" href="https://cdn.example.invalid/bootstrap.min.css">',
        body='<img src="http://192.0.2.1/pixel.png"><img src="x">',
    )
    m = open_map(page)
    assert "https://cdn.example.invalid/bootstrap.min.css" in m.external_requests()
    assert "http://192.0.2.1/pixel.png" in m.external_requests()
    assert set(m.blocked) == set(m.external_requests())
    assert (tmp_path / "x").as_uri() in m.other_requests()
    # Blocked and missing resources show up as console errors as well.
    assert len(m.console_errors()) >= 3, m.describe()


def test_harness_catches_fetch_and_script_errors(tmp_path: Path, open_map) -> None:
    page = fake_map(
        tmp_path,
        "errors.html",
        script=(
            "fetch('https://api.example.invalid/track').catch(function () {});"
            "console.error('drawn badly');"
            "setTimeout(function () { window.kkMap.stabilized = true;"
            " throw new Error('late failure'); }, 100);"
        ),
    )
    m = open_map(page)
    m.page.wait_for_timeout(100)
    assert m.external_requests() == ["https://api.example.invalid/track"]
    texts = [c.text for c in m.console_errors()]
    assert "drawn badly" in texts
    assert any("late failure" in t for t in texts), m.describe()


def test_harness_sees_injected_markup(tmp_path: Path, open_map) -> None:
    """The checks of the XSS test can fail: a name pasted into the page as markup creates an
    element, requests its `src` as a second local file and runs its handler."""
    page = fake_map(tmp_path, "injected.html", body='<p id="name">' + XSS_NAME + "</p>")
    m = open_map(page)
    m.page.wait_for_function("() => window.__pwned !== undefined", timeout=5000)
    assert m.evaluate("() => window.__pwned") == 1
    assert m.evaluate("() => document.querySelectorAll('img').length") == 1
    assert m.other_requests() == [(tmp_path / "x").as_uri()]


def test_harness_fails_when_never_stable(tmp_path: Path, open_map) -> None:
    """A page that never sets kkMap.stabilized fails the test (bounded wait), with the
    page's state in the message."""
    page = fake_map(tmp_path, "never.html", script="console.log('still moving');")
    with pytest.raises(pytest.fail.Exception) as failure:
        open_map(page, timeout_s=1)
    message = str(failure.value)
    assert "did not stabilise within 1 s" in message
    assert "'stabilized': False" in message and "still moving" in message


# ------------------------------------------------------------------------------------------
# 2. The maps
# ------------------------------------------------------------------------------------------


@dataclass
class Written:
    """A map the generator built (`data`) and the page it wrote (`path`)."""

    data: MapData
    path: Path


def write(data: MapData, path: Path) -> Written:
    from kompetansekart.reports.map_html import write_map

    write_map(data, path)
    return Written(data, path)


@pytest.fixture(scope="module")
def sample_maps(samples: dict, tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Written]:
    """Maps of the samples, built with the generator's Python API and written once:
    `sample_maps("all", "funding")` or `sample_maps("003", "full")`."""
    from kompetansekart.queries.analyses.dataset import Dataset
    from kompetansekart.reports.map_model import build_map

    folder = tmp_path_factory.mktemp("maps")
    cache: dict[tuple[str, str], Written] = {}
    datasets: dict[str, Dataset] = {}

    def get(which: str, view: str) -> Written:
        if (which, view) not in cache:
            if which not in datasets:
                records = samples.values() if which == "all" else [samples[which]]
                datasets[which] = Dataset.from_records(records)
            data = build_map(datasets[which], view=view)
            cache[which, view] = write(data, folder / f"{which}-{view}.html")
        return cache[which, view]

    return get


def groups_of(data: MapData) -> list[str]:
    """The node types the legend and type filter must offer, in the legend's order."""
    from kompetansekart.reports.map_model import STYLES

    present = {n.group for n in data.nodes}
    return [g for g in STYLES if g in present]


def canvas_ink(m: MapPage) -> dict[str, int]:
    """Read vis-network's own canvas: how many pixels were drawn (alpha > 0) and in how
    many colours. The canvas is transparent where nothing is drawn."""
    return m.evaluate(
        """() => {
            const canvas = document.querySelector("#mynetwork canvas");
            const ctx = canvas.getContext("2d");
            const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
            let ink = 0; const colours = new Set();
            for (let i = 0; i < d.length; i += 4) {
                if (d[i + 3] > 0) { ink++; colours.add((d[i] << 16) | (d[i+1] << 8) | d[i+2]); }
            }
            return {width: canvas.width, height: canvas.height, ink: ink,
                    colours: colours.size};
        }"""
    )


def assert_clean(m: MapPage) -> None:
    """The page loaded nothing but itself and logged no error."""
    assert m.other_requests() == [], m.describe()
    assert m.console_errors() == [], m.describe()


def assert_matches(m: MapPage, data: MapData) -> None:
    """What the browser holds is what the generator built: the same nodes and edges (by
    count, and nodes by id), the counts kkMap announces, and a legend and type filter with
    exactly the node types present."""
    state = m.kk_map
    assert state["ready"] is True and state["stabilized"] is True
    assert state["expected"] == {"nodes": len(data.nodes), "edges": len(data.edges)}
    counts = m.evaluate("() => ({nodes: nodes.length, edges: edges.length})")
    assert counts == {"nodes": len(data.nodes), "edges": len(data.edges)}
    assert sorted(m.evaluate("() => nodes.getIds()")) == sorted(n.id for n in data.nodes)
    assert isinstance(state["timeToStable"], int | float) and state["timeToStable"] > 0

    legend = m.evaluate(
        "() => [...document.querySelectorAll('#kk-legend .kk-legend-item[data-type]')]"
        ".map(e => e.dataset.type)"
    )
    assert legend == groups_of(data)
    options = m.evaluate(
        "() => [...document.querySelectorAll('#kk-type-filter option')].map(o => o.value)"
    )
    assert options == ["all", *groups_of(data)]
    assert m.page.locator("#kk-search").count() == 1
    assert m.page.locator("#kk-cluster").count() == 1


def assert_drawn(m: MapPage, browser: Browser, data: MapData) -> Path:
    """The network canvas has ink, and the screenshot (decoded in the browser) is not a
    blank page. Returns the screenshot's path (a test artifact)."""
    ink = canvas_ink(m)
    if data.nodes:
        assert ink["ink"] > 500 and ink["colours"] > 3, ink
    shot = m.screenshot()
    stats = png_stats(browser, shot.read_bytes())
    assert stats["distinct"] > 10 and stats["foreground"] > 0.01, (shot, stats)
    return shot


@pytest.mark.corpus
@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("which", ["all", *SAMPLES])
def test_sample_map(which: str, view: str, sample_maps, open_map, browser) -> None:
    """Each sample alone and all five together, in every view, opened from file://."""
    written = sample_maps(which, view)
    assert written.data.nodes, "the samples give a non-empty map"
    m = open_map(written.path)
    assert_matches(m, written.data)
    # Contact persons are personal data: on a map only with --people.
    assert m.evaluate("() => nodes.get({filter: n => n.kkType === 'person'}).length") == 0
    assert_drawn(m, browser, written.data)
    assert_clean(m)


def node_named(data: MapData, name: str) -> str:
    ids = [n.id for n in data.nodes if n.props.get("name") == name]
    assert len(ids) == 1, f"{name!r} is {len(ids)} nodes on the map"
    return ids[0]


def hover_tooltip(m: MapPage, node_id: str) -> str:
    """Move the real mouse onto a node and return the text of vis-network's tooltip, or ""
    when none appears."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    box = m.page.locator("#mynetwork canvas").bounding_box()
    assert box is not None
    tooltip = m.page.locator("div.vis-tooltip")
    if tooltip.count() and tooltip.is_visible():  # another node's tooltip: leave it first
        m.page.mouse.move(box["x"] + 2, box["y"] + 2)
        tooltip.wait_for(state="hidden", timeout=5000)
    point = m.evaluate("(id) => network.canvasToDOM(network.getPositions([id])[id])", node_id)
    m.page.mouse.move(box["x"] + point["x"] - 40, box["y"] + point["y"] - 40)
    m.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"], steps=4)
    try:
        tooltip.wait_for(state="visible", timeout=5000)
    except PlaywrightTimeoutError:
        return ""  # no text tooltip (pyvis's HTML popup, say): the caller's assertion says so
    return tooltip.text_content() or ""


def test_report_text_is_never_markup(tmp_path: Path, open_map) -> None:
    """Owner names written as HTML/JS in a report (unresolved names keep their written
    form) reach the page as text: in the tooltip, the search and the focused map's
    subtitle, while no element is created from them and no script of theirs runs."""
    from factory import report

    from kompetansekart.queries.analyses.dataset import Dataset
    from kompetansekart.reports.map_model import build_map

    ds = Dataset.from_records(
        [
            report(XSS_NAME, year=2025, uh=["Nord universitet"]),
            report(HREF_NAME, year=2025, uh=["UiT Norges arktiske universitet"]),
        ]
    )
    full = write(build_map(ds, view="full"), tmp_path / "xss-full.html")
    focused = write(build_map(ds, view="partnerships", focus=XSS_NAME), tmp_path / "xss-focus.html")

    for written in (full, focused):
        m = open_map(written.path)
        assert_matches(m, written.data)
        xss = node_named(written.data, XSS_NAME)
        assert m.evaluate("(id) => nodes.get(id).kkName", xss) == XSS_NAME

        # Hover (a title shown as HTML would run here), search, then look for the damage
        # before looking at the text, so a failure says what went wrong.
        texts = {XSS_NAME: hover_tooltip(m, xss)}
        if written is full:
            texts[HREF_NAME] = hover_tooltip(m, node_named(written.data, HREF_NAME))
        m.page.fill("#kk-search", "<img src=x")
        m.screenshot()
        assert m.evaluate("() => typeof window.__pwned") == "undefined", m.describe()
        injected = "() => document.querySelectorAll('img, a[onmouseover], #popup a').length"
        assert m.evaluate(injected) == 0
        assert_clean(m)

        for name, text in texts.items():
            assert name in text.replace(ZWJ, ""), f"tooltip of {name!r}: {text!r}"
        if written is focused:
            assert XSS_NAME in (m.page.locator("#kk-subtitle").text_content() or "")
        assert m.page.locator("#kk-search-result").text_content() == "1 treff"
        assert m.evaluate("() => network.getSelectedNodes()") == [xss]


@pytest.mark.corpus
def test_search_selects_bodo(sample_maps, open_map) -> None:
    """Typing a name in the search box selects that organisation and centres the map on it."""
    written = sample_maps("all", "partnerships")
    bodo = node_named(written.data, "Bodø kommune")
    m = open_map(written.path)
    m.page.locator("#kk-search").press_sequentially("Bodø kommune", delay=20)
    assert m.page.locator("#kk-search-result").text_content() == "1 treff"
    assert m.evaluate("() => network.getSelectedNodes()") == [bodo]
    centre = m.evaluate("() => network.getViewPosition()")
    node = m.evaluate("(id) => network.getPositions([id])[id]", bodo)
    assert abs(centre["x"] - node["x"]) < 1 and abs(centre["y"] - node["y"]) < 1
    m.screenshot()

    m.page.fill("#kk-search", "")
    assert m.evaluate("() => network.getSelectedNodes()") == []
    assert_clean(m)


VISIBLE_JS = "() => nodes.get({filter: n => !n.hidden}).length"


@pytest.mark.corpus
@pytest.mark.parametrize("group", ["university", "municipality", "measure"])
def test_type_filter_hides_other_types(group: str, sample_maps, open_map) -> None:
    """Choosing a type in the filter leaves exactly the nodes of that type visible."""
    written = sample_maps("all", "funding")
    wanted = [n.id for n in written.data.nodes if n.group == group]
    assert wanted
    m = open_map(written.path)
    assert m.evaluate(VISIBLE_JS) == len(written.data.nodes)

    m.page.select_option("#kk-type-filter", group)
    visible = m.evaluate("() => nodes.get({filter: n => !n.hidden}).map(n => n.id)")
    assert sorted(visible) == sorted(wanted)
    m.screenshot()

    m.page.select_option("#kk-type-filter", "all")
    assert m.evaluate(VISIBLE_JS) == len(written.data.nodes)
    assert_clean(m)


TOP_LEVEL_JS = "() => network.body.nodeIndices.length"


@pytest.mark.corpus
def test_cluster_button_collapses_networks(sample_maps, open_map, browser) -> None:
    """The cluster button collapses every competence network with its members into one
    node (fewer top-level nodes, by exactly the members folded away), and opens them again."""
    written = sample_maps("all", "partnerships")
    data = written.data
    by_network: dict[str, int] = {}
    network_ids = {n.id for n in data.nodes if n.group == "network"}
    for n in data.nodes:
        net = n.props.get("network")
        if net in network_ids:
            by_network[net] = by_network.get(net, 0) + 1
    clusters = {net: k for net, k in by_network.items() if k >= 2}
    assert clusters, "the samples have networks with members"

    m = open_map(written.path)
    before = m.evaluate(TOP_LEVEL_JS)
    assert before == len(data.nodes)
    m.page.click("#kk-cluster")
    after = m.evaluate(TOP_LEVEL_JS)
    assert after < before
    assert after == before - sum(clusters.values()) + len(clusters)
    for net in clusters:
        assert m.evaluate("(id) => network.isCluster(id)", f"kk-cluster:{net}")
    assert m.page.locator("#kk-cluster").get_attribute("aria-pressed") == "true"
    assert_drawn(m, browser, data)

    m.page.click("#kk-cluster")
    assert m.evaluate(TOP_LEVEL_JS) == before
    assert_clean(m)


# ------------------------------------------------------------------------------------------
# 3. The command line, end to end: build a store, draw a map, open it
# ------------------------------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed console script, in a process of its own (as a user runs it)."""
    exe = Path(sys.executable).with_name("kompetansekart")
    command = [str(exe) if exe.exists() else "kompetansekart", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, (
        f"{' '.join(command)} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    )
    return done


@pytest.fixture(scope="module")
def cli_store(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[bool], Path]:
    """`kompetansekart build ../shared/corpus --store DIR [--people]`, each once for these
    tests: `cli_store(False)` is the default store (contact persons redacted),
    `cli_store(True)` keeps them."""
    stores: dict[bool, Path] = {}

    def get(people: bool) -> Path:
        if people not in stores:
            store = tmp_path_factory.mktemp("cli") / ("store-people" if people else "store")
            run_cli("build", str(corpus_dir), "--store", str(store), "-q", *(["--people"] * people))
            stores[people] = store
        return stores[people]

    return get


# case -> (store built with --people?, `map` arguments, build_map options, persons expected)
CLI_CASES: dict[str, tuple[bool, list[str], dict[str, Any], bool]] = {
    "funding": (False, ["--view", "funding"], {"view": "funding"}, False),
    "focus-bodo": (
        False,
        ["--focus", "Bodø kommune", "--depth", "2"],
        {"view": "partnerships", "focus": "Bodø kommune", "depth": 2},
        False,
    ),
    "full-2025": (
        False,
        ["--view", "full", "--year", "2025"],
        {"view": "full", "year": 2025},
        False,
    ),
    # --people on a store built without it: the store holds no personal data to show.
    "people-redacted-store": (
        False,
        ["--people"],
        {"view": "partnerships", "people": True},
        False,
    ),
    "people": (True, ["--view", "funding", "--people"], {"view": "funding", "people": True}, True),
}


@pytest.mark.corpus
@pytest.mark.parametrize("case", list(CLI_CASES))
def test_cli_map(case: str, cli_store, tmp_path: Path, open_map, browser) -> None:
    """`kompetansekart map -o FILE ... --store DIR` writes a page that holds the same map
    the Python API builds from that store's records with the same options; contact persons
    appear only when both the store and the map were made with --people."""
    from kompetansekart.graph.storage import StoreDir
    from kompetansekart.queries.analyses.dataset import Dataset, Filters
    from kompetansekart.reports.map_model import build_map

    people_store, args, options, persons_expected = CLI_CASES[case]
    store = cli_store(people_store)
    out = tmp_path / f"{case}.html"
    run_cli("map", "-o", str(out), *args, "--store", str(store))
    assert out.is_file()

    ds = Dataset.from_records(StoreDir(store).require().records())
    options = dict(options)
    year = options.pop("year", None)
    data = build_map(ds, Filters(year=year), **options)

    m = open_map(out)
    assert_matches(m, data)
    assert_drawn(m, browser, data)
    persons = m.evaluate("() => nodes.get({filter: n => n.kkType === 'person'}).length")
    assert (persons > 0) == persons_expected, persons
    if options.get("focus"):
        assert data.focus == node_named(data, "Bodø kommune")
        assert m.evaluate("(id) => nodes.get(id) !== null", data.focus)
    assert_clean(m)
