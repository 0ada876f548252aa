"""The map as one self-contained HTML page: pyvis with vis-network inlined, plus a legend,
a search box, a type filter and a cluster toggle of our own.

pyvis 0.3.2 is used for what it does well (the vis-network bundle and the DataSets), and
its page is then post-processed, because as written it is neither offline nor safe:

- it always links Bootstrap from a CDN (even with `cdn_resources="in_line"`), so every
  `<link>` and `<script src>` is removed: the page needs nothing outside the file;
- it puts the heading into the page unescaped, so the heading is left empty and ours,
  built with `html.escape`, is injected instead;
- if any node title contains "href" it switches to a popup that inserts every title as
  raw HTML, so titles are plain text with "href" broken by a zero-width joiner.

Node and edge data reach the page only through Jinja's `tojson` (which writes `<`, `>`,
`&` and `'` as \\u escapes) or our `_js_json`, never as markup.

The page contract the browser tests read (`window.kkMap`) is documented on `HEAD_SCRIPT`.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from kompetansekart.reports.map_model import LARGE_GRAPH, STYLES, MapData, MapEdge, MapNode

EDGE_STYLES: dict[str, tuple[str, str]] = {  # kind -> (legend label, colour)
    "partnership": ("Partnerskap", "#c0392b"),
    "funding": ("Finansiering (bredde = beløp)", "#3a8a3a"),
    "membership": ("Medlemskap/eierskap", "#8c8c8c"),
    "context": ("Tema, område og annet", "#c8c8c8"),
}
ZWJ = "\u200d"  # zero-width joiner: invisible in a tooltip, but "hr\u200def" is not "href"
_HREF = re.compile(r"(h)(ref)", re.IGNORECASE)
_BLOCK = re.compile(r"(<script\b[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>)", re.S | re.I)
_DRAW_CALL = re.compile(r"^([ \t]*)drawGraph\(\);[ \t]*$", re.M)
_EXTERNAL = re.compile(
    r"""(?:\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//)|(?:url\(\s*["']?\s*(?:https?:)?//)""", re.I
)


class UnsafeMap(RuntimeError):
    """The written page would load something from the network or use pyvis's HTML popup:
    a pyvis change broke the post-processing, so no page is written."""


def write_map(data: MapData, path: Path) -> None:
    """Write the map as one HTML file that opens from disk with no network."""
    page = render_map(data)
    Path(path).write_text(page, "utf-8")


def render_map(data: MapData) -> str:
    """The page as a string. pyvis's `generate_html` is used rather than `write_html` so an
    unprocessed page (CDN links, raw heading) never exists on disk, even after a crash."""
    net = _network(data)
    page = _offline(net.generate_html())
    page = _inject(page, data)
    _check(page)
    return page


# --- pyvis --------------------------------------------------------------------------------


def _network(data: MapData):
    from pyvis.network import Network

    net = Network(
        height="78vh",
        width="100%",
        directed=True,  # no duplicate scan per edge (O(m²)); arrows are set per edge
        cdn_resources="in_line",
        heading="",  # pyvis writes the heading unescaped: ours is injected instead
    )
    for n in data.nodes:
        net.add_node(n.id, **_node_options(n))
    # Dashed lines cost ~20x a solid one in a software canvas: a 5,000-node map with dashed
    # membership links took 8.8 s per pan or zoom, 0.45 s without (bench/RESULTS-map.md).
    # Large maps tell the edge types apart by colour and width alone.
    dashes = len(data.nodes) <= LARGE_GRAPH
    for e in data.edges:
        net.add_edge(e.src, e.dst, **_edge_options(e, dashes))
    net.set_options(json.dumps(_options(data)))
    return net


def safe_title(text: str) -> str:
    """A tooltip as plain text that can never turn on pyvis's raw-HTML popup: pyvis looks
    for the substring "href" in any node title, so it is broken with a zero-width joiner.
    No HTML escaping: vis-network 9 sets a string title as text (`&` must stay `&`)."""
    return _HREF.sub(lambda m: m.group(1) + ZWJ + m.group(2), text)


def _node_options(n: MapNode) -> dict[str, Any]:
    style = STYLES[n.group]
    return {
        "label": n.label,
        "title": safe_title(n.title),
        "shape": style.shape,
        "color": style.color,
        "value": n.value,
        "x": n.x,
        "y": n.y,
        "kkType": n.group,
        "kkName": n.props.get("name", n.label),
        "kkNetwork": n.props.get("network"),
    }


def _edge_options(e: MapEdge, dashes: bool = True) -> dict[str, Any]:
    color = EDGE_STYLES[e.type][1]
    return {
        "title": safe_title(e.title),
        "width": e.width,
        "dashes": e.dashes and dashes,
        "color": {"color": color, "highlight": color, "hover": color, "opacity": 0.85},
        "arrows": {"to": {"enabled": e.type == "funding", "scaleFactor": 0.5}},
        "physics": e.spring,
        "kkType": e.type,
        "kkRelation": e.relation,
    }


def _options(data: MapData) -> dict[str, Any]:
    """Physics that settles and then stops. Positions come from Python, so the solver only
    tidies up: forceAtlas2Based for small maps, and above LARGE_GRAPH nodes the faster
    barnesHut with a coarser theta, a short stabilisation, straight edges and no
    improvedLayout (which would re-run a layout in the browser)."""
    large = len(data.nodes) > LARGE_GRAPH
    physics: dict[str, Any] = {
        "enabled": _physics(data),
        "stabilization": {
            "enabled": True,
            "iterations": _iterations(len(data.nodes)),
            "updateInterval": 25,
            "fit": True,
        },
        "minVelocity": 2 if large else 0.75,
    }
    if large:
        physics["solver"] = "barnesHut"
        physics["barnesHut"] = {
            "theta": 0.8,
            "gravitationalConstant": -3000,
            "centralGravity": 0.05,
            "springLength": 120,
            "springConstant": 0.04,
            "damping": 0.3,
        }
    else:
        physics["solver"] = "forceAtlas2Based"
        physics["forceAtlas2Based"] = {
            "gravitationalConstant": -60,
            "centralGravity": 0.005,
            "springLength": 120,
            "springConstant": 0.05,
            "avoidOverlap": 0.2,
        }
    return {
        "physics": physics,
        "layout": {"improvedLayout": not large},
        "nodes": {"scaling": {"min": 8, "max": 44}, "font": {"size": 12}},
        "edges": {"smooth": False if large else {"type": "continuous"}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large},
    }


def _iterations(nodes: int) -> int:
    """A budget of about 300,000 node-steps (a few seconds in a browser): 600 steps for a
    small map, which usually settles earlier anyway, 60 at 5,000 nodes, never under 30."""
    return max(30, min(600, 300_000 // max(nodes, 1)))


def _physics(data: MapData) -> bool:
    """vis-network never reports stabilisation for a page without nodes, so none is run."""
    return bool(data.nodes)


# --- post-processing ----------------------------------------------------------------------


def _offline(page: str) -> str:
    """Drop every external resource pyvis writes (Bootstrap's CSS and JS, the commented-out
    node_modules links) and its empty headings; inline <script>/<style> blocks stay as
    they are, since the vis-network bundle itself contains strings like '<link'."""
    parts = _BLOCK.split(page)
    out = []
    for i, part in enumerate(parts):
        if i % 2:  # a <script> or <style> block
            opening = part[: part.index(">") + 1]
            out.append("" if re.search(r"\bsrc\s*=", opening, re.I) else part)
        else:
            part = re.sub(r"<!--.*?-->", "", part, flags=re.S)
            part = re.sub(r"<link\b[^>]*>", "", part, flags=re.I)
            part = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", part)
            out.append(part)
    return "".join(out)


def _inject(page: str, data: MapData) -> str:
    head = f"<style>{CSS}</style>\n<script>{_head_script(data)}</script>\n"
    page = _after_tag(page, '<meta charset="utf-8">', head)
    page = _after_tag(page, "<body>", _header(data))
    calls = _DRAW_CALL.findall(page)
    if len(calls) != 1:
        raise UnsafeMap(f"expected one drawGraph() call in pyvis's page, found {len(calls)}")
    return _DRAW_CALL.sub(lambda m: f"{m.group(1)}drawGraph();\n{m.group(1)}kkAfterDraw();", page)


def _after_tag(page: str, tag: str, text: str) -> str:
    """Insert text after the first `tag` in the markup (never inside an inline script)."""
    parts = _BLOCK.split(page)
    for i in range(0, len(parts), 2):
        if tag in parts[i]:
            parts[i] = parts[i].replace(tag, f"{tag}\n{text}", 1)
            return "".join(parts)
    raise UnsafeMap(f"no {tag} in pyvis's page")


def _check(page: str) -> None:
    """Refuse to write a page that would reach the network or render titles as HTML."""
    found = external_references(page)
    if found:
        raise UnsafeMap(f"the map would load from the network: {found[:3]}")
    if "popup.innerHTML" in page:
        raise UnsafeMap("pyvis switched to its HTML popup for titles")


def external_references(page: str) -> list[str]:
    """src=/href= attributes and CSS url() that point outside the file."""
    return [page[m.start() : m.end() + 40] for m in _EXTERNAL.finditer(page)]


def _js_json(value: Any) -> str:
    """JSON safe inside a <script> element: no '</script>', no '<!--', no '&' entities."""
    text = json.dumps(value, ensure_ascii=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# --- the page's own parts -----------------------------------------------------------------


def _header(data: MapData) -> str:
    e = html.escape
    types = Counter(n.group for n in data.nodes)
    options = "".join(
        f'<option value="{e(t)}">{e(STYLES[t].label)} ({types[t]})</option>'
        for t in STYLES
        if t in types
    )
    legend = "".join(
        f'<span class="kk-legend-item" data-type="{e(t)}">'
        f'<span class="kk-swatch kk-{e(STYLES[t].shape)}" style="background:{e(STYLES[t].color)}">'
        f"</span>{e(STYLES[t].label)} ({types[t]})</span>"
        for t in STYLES
        if t in types
    )
    kinds = {edge.type for edge in data.edges}
    legend += "".join(
        f'<span class="kk-legend-edge" data-edge="{e(k)}"><span class="kk-line'
        f'{" kk-dashed" if k in ("membership", "context") else ""}" '
        f'style="border-color:{e(color)}"></span>{e(label)}</span>'
        for k, (label, color) in EDGE_STYLES.items()
        if k in kinds
    )
    return f"""<div id="kk-header">
<h1 id="kk-title">{e(data.title)}</h1>
<p id="kk-subtitle">{e(data.subtitle)} · {len(data.nodes)} noder, {len(data.edges)} kanter \
· størrelse etter tilskudd</p>
<div id="kk-controls">
<label for="kk-search">Søk</label>
<input id="kk-search" type="search" placeholder="Navn på organisasjon, tiltak …" autocomplete="off">
<span id="kk-search-result" aria-live="polite"></span>
<label for="kk-type-filter">Vis</label>
<select id="kk-type-filter"><option value="all">Alle typer</option>{options}</select>
<button id="kk-cluster" type="button" aria-pressed="false">Grupper etter nettverk</button>
</div>
<div id="kk-legend">{legend}</div>
</div>
"""


def _clusters(data: MapData) -> list[dict[str, Any]]:
    """The networks that can be collapsed: those with at least two nodes on the map."""
    names = {n.id: n.props.get("name", n.label) for n in data.nodes if n.group == "network"}
    counts = Counter(n.props.get("network") for n in data.nodes if n.props.get("network"))
    return [
        {"id": net, "name": names.get(net, net), "count": count}
        for net, count in sorted(counts.items())
        if count >= 2 and net in names
    ]


def _head_script(data: MapData) -> str:
    expected = {"nodes": len(data.nodes), "edges": len(data.edges)}
    return (
        HEAD_SCRIPT.replace("__EXPECTED__", _js_json(expected))
        .replace("__PHYSICS__", _js_json(_physics(data)))
        .replace("__CLUSTERS__", _js_json(_clusters(data)))
    )


HEAD_SCRIPT = """
/* kompetansekart page contract, read by the browser tests:
   window.kkMap = {ready, stabilized, expected: {nodes, edges}, timeToStable}
   ready: the vis Network exists (globals `network`, `nodes`, `edges` from pyvis);
   stabilized: physics ran until stable and was switched off;
   timeToStable: ms from this script's start to that moment. */
var kkStart = performance.now();
window.kkMap = {ready: false, stabilized: false, expected: __EXPECTED__};
var kkPhysics = __PHYSICS__;
var kkClusters = __CLUSTERS__;
var kkClustered = false;

function kkAfterDraw() {
  window.kkMap.ready = true;
  kkControls();
  if (kkPhysics) {
    network.once("stabilizationIterationsDone", kkStable);
  } else {
    kkStable();
  }
}

function kkStable() {
  network.setOptions({physics: false});
  window.kkMap.timeToStable = performance.now() - kkStart;
  window.kkMap.stabilized = true;
}

function kkControls() {
  document.getElementById("kk-search").addEventListener("input", function (ev) {
    kkSearch(ev.target.value);
  });
  document.getElementById("kk-type-filter").addEventListener("change", function (ev) {
    kkFilterType(ev.target.value);
  });
  document.getElementById("kk-cluster").addEventListener("click", kkToggleClusters);
  network.on("doubleClick", function (params) {
    if (params.nodes.length && network.isCluster(params.nodes[0])) {
      network.openCluster(params.nodes[0]);
    }
  });
}

/* Select the nodes whose name contains the text (a collapsed node's cluster instead). */
function kkSearch(text) {
  var query = text.trim().toLowerCase();
  var out = document.getElementById("kk-search-result");
  if (!query) {
    network.unselectAll();
    out.textContent = "";
    return [];
  }
  var found = nodes.get({
    filter: function (n) {
      return !n.hidden && String(n.kkName || n.label).toLowerCase().indexOf(query) >= 0;
    },
  }).map(function (n) { return n.id; });
  var shown = [];
  found.forEach(function (id) {
    var path = network.findNode(id);
    var top = path.length ? path[0] : id;
    if (shown.indexOf(top) < 0) { shown.push(top); }
  });
  network.selectNodes(shown);
  if (shown.length === 1) {
    network.focus(shown[0], {scale: 1.2, animation: false});
  } else if (shown.length > 1) {
    network.fit({nodes: shown, animation: false});
  }
  out.textContent = found.length + " treff";
  return found;
}

/* Show one node type only ("all" shows every type), through the DataSet's `hidden`. */
function kkFilterType(type) {
  nodes.update(nodes.get({fields: ["id", "kkType"]}).map(function (n) {
    return {id: n.id, hidden: type !== "all" && n.kkType !== type};
  }));
}

/* Collapse each competence network with its members into one node, or open them all. */
function kkToggleClusters() {
  var button = document.getElementById("kk-cluster");
  if (kkClustered) {
    kkClusters.forEach(function (c) {
      var id = "kk-cluster:" + c.id;
      if (network.isCluster(id)) { network.openCluster(id); }
    });
  } else {
    kkClusters.forEach(function (c) {
      network.cluster({
        joinCondition: function (n) { return n.kkNetwork === c.id; },
        clusterNodeProperties: {
          id: "kk-cluster:" + c.id,
          label: c.name + " (" + c.count + ")",
          title: c.name + "\\n" + c.count + " noder; dobbeltklikk for å åpne",
          shape: "hexagon",
          color: "#f28e2b",
          size: 36,
          kkType: "network",
          kkName: c.name,
        },
      });
    });
  }
  kkClustered = !kkClustered;
  button.setAttribute("aria-pressed", String(kkClustered));
  button.textContent = kkClustered ? "Åpne alle nettverk" : "Grupper etter nettverk";
}
"""

CSS = """
body { font-family: system-ui, sans-serif; margin: 0.5rem 1rem; }
#kk-header h1 { font-size: 1.4rem; margin: 0.2rem 0; }
#kk-subtitle { margin: 0.2rem 0 0.5rem; color: #444; }
#kk-controls { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
#kk-search { min-width: 18rem; }
#kk-legend { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; margin: 0.5rem 0; }
.kk-legend-item, .kk-legend-edge { display: inline-flex; align-items: center; gap: 0.3rem; }
.kk-swatch { display: inline-block; width: 0.9rem; height: 0.9rem; border-radius: 50%; }
.kk-square, .kk-diamond, .kk-hexagon, .kk-triangle, .kk-triangleDown, .kk-star {
  border-radius: 2px; }
.kk-diamond { transform: rotate(45deg) scale(0.8); }
.kk-line { display: inline-block; width: 1.6rem; border-top: 3px solid; }
.kk-line.kk-dashed { border-top-style: dashed; }
#mynetwork { float: none !important; }
#loadingBar { position: fixed !important; top: auto !important; bottom: 0;
  height: 70px !important; }
div.outerBorder { top: 6px !important; }
"""
