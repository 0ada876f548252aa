"""The HTML map without a browser: what each view, filter and focus keeps, what tooltips
say, and what the written page contains (no network, no personal data, no markup from a
report). The browser tests (tests/browser/) check that the page draws and settles."""

from __future__ import annotations

import html
import json
import re
from collections import Counter

import factory
import pytest
import typer
from typer.testing import CliRunner

from kompetansekart.graph.model import EdgeType as E
from kompetansekart.graph.model import NodeType as N
from kompetansekart.queries.analyses.dataset import Dataset, Filters
from kompetansekart.queries.analyses.portfolio import UnknownOrganisation, find
from kompetansekart.reports.map_command import map_command
from kompetansekart.reports.map_html import render_map, write_map
from kompetansekart.reports.map_model import (
    GROUP_OF,
    LARGE_GRAPH,
    MAX_SOURCES,
    STYLES,
    VIEW_GROUPS,
    View,
    build_map,
    layout,
)

EXTERNAL = re.compile(
    r"""(?:\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//)|url\(\s*["']?\s*https?:"""
)
XSS = "<img src=x onerror=window.__pwned=1>"


def page_items(page: str, name: str) -> list[dict]:
    """The node or edge DataSet pyvis wrote into the page, as Python data."""
    match = re.search(rf"{name} = new vis\.DataSet\((\[.*?\])\);\n", page)
    assert match, f"no {name} DataSet in the page"
    return json.loads(match.group(1))


def forms(text: str) -> set[str]:
    """Every way a string can show up in the page: raw, HTML-escaped, JSON-escaped."""
    return {
        text,
        html.escape(text),
        json.dumps(text)[1:-1],
        json.dumps(text, ensure_ascii=False)[1:-1],
    }


@pytest.fixture(scope="module")
def ds(samples) -> Dataset:
    """The five samples as parsed, contacts included (as a store built with --people)."""
    assert any(r.contacts for r in samples.values()), "the samples name contact persons"
    return Dataset.from_records(samples.values())


# --- views, filters and focus ---------------------------------------------------------------


@pytest.mark.corpus
def test_each_view_shows_its_kinds_of_node(ds):
    for view in View:
        data = build_map(ds, view=view)
        shown = Counter(n.group for n in data.nodes)
        in_model = Counter(
            GROUP_OF[n.type]
            for n in ds.model.nodes.values()
            if GROUP_OF.get(n.type) in VIEW_GROUPS[view]
        )
        assert shown == in_model, view  # unfiltered: every node of the view's kinds
    partnerships = {n.group for n in build_map(ds).nodes}
    assert not partnerships & {"measure", "scheme", "theme", "area", "person"}
    assert {"measure", "scheme"} <= {n.group for n in build_map(ds, view="funding").nodes}


@pytest.mark.corpus
def test_view_edges_are_the_projections(ds):
    data = build_map(ds, view="funding")
    by_relation = Counter(e.relation for e in data.edges)
    # PARTNERS_WITH per (scheme, year) in the model is one link per pair on the map
    pairs = {(e.src, e.dst) for e in ds.model.edges_of(E.PARTNERS_WITH)}
    assert by_relation["PARTNERS_WITH"] == len(pairs)
    assert by_relation["MEMBER_OF"] == sum(1 for _ in ds.model.edges_of(E.MEMBER_OF))
    assert by_relation["RUNS"] == sum(1 for _ in ds.model.edges_of(E.RUNS))
    assert by_relation["DELIVERS"] == sum(1 for _ in ds.model.edges_of(E.DELIVERS))
    assert {e.type for e in data.edges} == {"partnership", "funding", "membership"}
    assert "context" not in {e.type for e in build_map(ds).edges}
    full = Counter(e.relation for e in build_map(ds, view="full").edges)
    assert full["ADDRESSES"] == sum(1 for _ in ds.model.edges_of(E.ADDRESSES))
    assert full["LOCATED_IN"] > 0 and full["STATES_NEED"] > 0


@pytest.mark.corpus
def test_funding_edges_carry_the_amounts(ds):
    data = build_map(ds, view="funding")
    money = [e for e in data.edges if e.type == "funding"]
    assert money and all(e.amount is not None for e in money)  # 0 where a share is stated as 0
    widest = max(money, key=lambda e: e.width)
    assert widest.amount == max(e.amount for e in money)
    assert all(e.width == 1.0 and e.dashes for e in data.edges if e.type == "membership")
    total = sum(g.amount for g in ds.grants() if g.measure)
    runs_and_delivers = sum(e.amount for e in money if e.relation in ("RUNS", "DELIVERS"))
    assert runs_and_delivers == total  # every grant to a measure, once


@pytest.mark.corpus
def test_sizes_follow_the_money(ds):
    nodes = {n.id: n for n in build_map(ds, view="funding").nodes}
    nord = find(ds, "Nord universitet")
    uh_share = sum(g.amount for g in ds.grants() if g.recipient == nord and g.role == "uh")
    assert uh_share > 0
    assert nodes[nord].props["amount"] == uh_share
    assert nodes[nord].value == pytest.approx(uh_share**0.5)
    unfunded = [n for n in nodes.values() if n.group == "municipality" and not n.props["amount"]]
    assert unfunded and all(n.value == 0 for n in unfunded)


@pytest.mark.corpus
def test_focus_depth_one_is_the_ego_network(ds):
    nord = find(ds, "Nord universitet")
    data = build_map(ds, focus="Nord universitet", depth=1)
    partners = {e.src for e in ds.model.edges_of(E.PARTNERS_WITH) if e.dst == nord}
    units = set(ds.into(E.PART_OF, nord))
    assert {n.id for n in data.nodes} == {nord} | partners | units
    assert all(nord in (e.src, e.dst) for e in data.edges)
    assert data.focus == nord and "Nord universitet" in data.subtitle


@pytest.mark.corpus
def test_focus_depth_two_reaches_further(ds):
    one = {n.id for n in build_map(ds, focus="Nord universitet", depth=1).nodes}
    two = {n.id for n in build_map(ds, focus="Nord universitet", depth=2).nodes}
    bodo = find(ds, "Bodø kommune")
    assert one < two
    assert set(ds.networks_of(bodo)) <= two  # the partner's network, two links out
    assert {n.id for n in build_map(ds, focus="Nord universitet", depth=0).nodes} == {
        find(ds, "Nord universitet")
    }


@pytest.mark.corpus
def test_focus_on_an_unknown_name_suggests(ds):
    with pytest.raises(UnknownOrganisation, match="Nord universitet"):
        build_map(ds, focus="Nordd universitet")


@pytest.mark.corpus
def test_year_filter_keeps_that_year(ds):
    data = build_map(ds, Filters(year=2025), view="funding")
    assert data.nodes
    for e in data.edges:
        if e.relation == "PARTNERS_WITH":
            assert "År: 2025" in e.title
    measures = {m.id for m in ds.measures(Filters(year=2025))}
    assert {n.id for n in data.nodes if n.group == "measure"} == measures
    assert data.filters == Filters(year=2025) and "2025" in data.subtitle


@pytest.mark.corpus
def test_network_filter_keeps_the_network_and_its_members(ds):
    salten = ds.network_id("Kompetansenettverk Salten")
    data = build_map(ds, Filters(network="Kompetansenettverk Salten"))
    shown = {n.id for n in data.nodes}
    assert salten in shown
    assert set(ds.into(E.MEMBER_OF, salten)) <= shown
    narvik = ds.network_id("Kompetansenettverk Narvik")
    assert narvik not in shown
    assert not set(ds.into(E.MEMBER_OF, narvik)) & shown


@pytest.mark.corpus
def test_scheme_filter_keeps_that_schemes_measures(ds):
    data = build_map(ds, Filters(scheme="regional"), view="funding")
    measures = {n.id for n in data.nodes if n.group == "measure"}
    assert measures == {m.id for m in ds.measures(Filters(scheme="regional"))}
    assert all("regional" in e.title for e in data.edges if e.relation == "PARTNERS_WITH")


# --- tooltips -------------------------------------------------------------------------------


@pytest.mark.corpus
def test_every_tooltip_names_its_sources_with_lines(ds):
    files = {r.id: r.source.path.rsplit("/", 1)[-1] for r in ds.records}
    data = build_map(ds, view="full", people=True)
    for n in data.nodes:
        assert n.title.startswith(n.props["name"]), n.id
        assert "\nKilde: " in n.title, n.id
        if n.group == "person":
            continue
        assert f"Id: {n.id}" in n.title
        for source in ds.model.nodes[n.id].sources[:MAX_SOURCES]:
            report, _, line = source.partition(":")
            if line:
                assert f"Kilde: {files[report]}:{line}" in n.title, (n.id, source)
    for e in data.edges:
        assert re.search(r"Kilde: (\S+\.txt(:\d+| \(linje ukjent\))|referansedata)", e.title)
    from_reports = [e for e in data.edges if e.type in ("partnership", "funding")]
    assert all(re.search(r"Kilde: \S+\.txt:\d+", e.title) for e in from_reports)


@pytest.mark.corpus
def test_tooltips_are_plain_text_with_amounts_and_years(ds):
    nodes = {n.id: n for n in build_map(ds, view="funding").nodes}
    measure = next(n for n in nodes.values() if n.group == "measure" and n.props["amount"])
    assert re.search(r"\d kr\b", measure.title) and "År: " in measure.title
    assert "Type: Tiltak" in measure.title
    bodo = nodes[find(ds, "Bodø kommune")]
    assert "Org.nr.: " in bodo.title and "Kommunenummer: " in bodo.title
    assert "Nettverk: Kompetansenettverk Salten" in bodo.title
    assert all("&amp;" not in n.title and "<br" not in n.title for n in nodes.values())


# --- the page -------------------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize("view", list(View))
def test_the_page_makes_no_network_request(ds, tmp_path, view):
    path = tmp_path / "map.html"
    write_map(build_map(ds, view=view), path)
    page = path.read_text("utf-8")
    assert not EXTERNAL.findall(page)
    assert not re.search(r"<link\b", page, re.I)  # every stylesheet is inline
    assert not re.search(r"<script\b[^>]*\bsrc\s*=", page, re.I)


@pytest.mark.corpus
def test_the_page_contract(ds):
    data = build_map(ds, view="funding")
    page = render_map(data)
    nodes, edges = page_items(page, "nodes"), page_items(page, "edges")
    assert len(nodes) == len(data.nodes) and len(edges) == len(data.edges)
    expected = json.dumps({"nodes": len(nodes), "edges": len(edges)})
    assert f"window.kkMap = {{ready: false, stabilized: false, expected: {expected}}};" in page
    assert page.index("window.kkMap = ") < page.index("new vis.Network(")
    assert re.search(r"drawGraph\(\);\s*kkAfterDraw\(\);", page)
    for needle in (
        "network.setOptions({physics: false})",
        "window.kkMap.stabilized = true",
        "window.kkMap.ready = true",
        "window.kkMap.timeToStable",
        '"stabilizationIterationsDone"',
    ):
        assert needle in page
    for element in ('id="kk-legend"', 'id="kk-search"', 'id="kk-type-filter"', 'id="kk-cluster"'):
        assert page.count(element) == 1
    groups = {n.group for n in data.nodes}
    legend = re.findall(r'class="kk-legend-item" data-type="([^"]+)"', page)
    assert sorted(legend) == sorted(groups)
    options = re.findall(r'<option value="([^"]+)"', page)
    assert options[0] == "all" and sorted(options[1:]) == sorted(groups)
    assert {n["kkType"] for n in nodes} == groups
    assert all(n["color"] == STYLES[n["kkType"]].color for n in nodes)
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes)


@pytest.mark.corpus
def test_clusters_are_the_networks(ds):
    page = render_map(build_map(ds))
    nodes = page_items(page, "nodes")
    salten = ds.network_id("Kompetansenettverk Salten")
    members = {n["id"] for n in nodes if n["kkNetwork"] == salten}
    assert salten in members and set(ds.into(E.MEMBER_OF, salten)) <= members
    assert all(n["kkNetwork"] is None for n in nodes if n["kkType"] == "university")


@pytest.mark.corpus
def test_no_contact_names_without_people(ds):
    contacts = [c for r in ds.records for c in r.contacts]
    assert contacts
    for view in View:
        page = render_map(build_map(ds, view=view))
        for c in contacts:
            for text in (c.name, c.email, c.phone):
                if text:
                    assert not any(form in page for form in forms(text)), (view, text)


@pytest.mark.corpus
def test_people_adds_contacts_as_person_nodes(ds):
    data = build_map(ds, people=True)
    page = render_map(data)
    persons = [n for n in data.nodes if n.group == "person"]
    names = {c.name for r in ds.records for c in r.contacts}
    assert {n.props["name"] for n in persons} == names
    for c in (c for r in ds.records for c in r.contacts):
        assert json.dumps(c.name)[1:-1] in page  # in the DataSet (JSON-escaped)
        for private in (c.email, c.phone):
            if private:
                assert not any(form in page for form in forms(private))
    linked = {e.src: e.dst for e in data.edges if e.relation == "CONTACT_FOR"}
    assert set(linked) == {n.id for n in persons}
    assert linked  # each person to the organisation they speak for
    bodo = find(ds, "Bodø kommune")
    bodo_people = {
        c.name for r in ds.records if r.owner.id == bodo for c in r.contacts if c.role == "eier"
    }
    assert bodo_people <= {n.props["name"] for n in persons if linked[n.id] == bodo}
    assert all("Type: Kontaktperson" in n.title for n in persons)


# --- document text in the page (synthetic records) --------------------------------------------


@pytest.fixture(scope="module")
def hostile() -> Dataset:
    records = [
        factory.report(
            XSS,
            year=2024,
            uh=["Nord universitet"],
            schemes=["desentralisert"],
            measures=[factory.measure("Les & skriv <b>bedre</b>", scheme="desentralisert")],
        ),
        factory.report(
            '<a href="https://evil.example/x">Klikk</a> AS',
            year=2024,
            uh=["Nord universitet"],
            key="href",
        ),
    ]
    return Dataset.from_records(records)


def test_markup_in_a_name_never_reaches_the_page_as_markup(hostile, tmp_path):
    data = build_map(hostile, view="funding", focus=XSS, depth=2)
    assert XSS in {n.props["name"] for n in data.nodes}
    path = tmp_path / "map.html"
    write_map(data, path)
    page = path.read_text("utf-8")
    assert XSS not in page and "<b>bedre</b>" not in page
    assert html.escape(XSS) in page  # the subtitle names the focus, escaped
    assert json.dumps(XSS)[1:-1].replace("<", "\\u003c").replace(">", "\\u003e") in page
    nodes = page_items(page, "nodes")
    assert XSS in {n["kkName"] for n in nodes}  # the DataSet holds the text as text
    measure = next(n for n in nodes if n["kkType"] == "measure")
    assert "Les & skriv <b>bedre</b>" in measure["title"]  # plain text, `&` not `&amp;`
    assert not EXTERNAL.findall(page)


def test_no_title_contains_href(hostile):
    data = build_map(hostile, view="full")
    assert any("href" in n.title for n in data.nodes)  # the trap is there in the data
    page = render_map(data)
    for item in page_items(page, "nodes") + page_items(page, "edges"):
        assert "href" not in item.get("title", "").lower()
    assert "popup.innerHTML" not in page  # pyvis's raw-HTML popup is not in the page
    assert "evil.example" in page and not EXTERNAL.findall(page)


# --- layout -------------------------------------------------------------------------------


def test_layout_is_deterministic_and_spreads_nodes():
    nodes = [f"n{i}" for i in range(60)]
    links = [(f"n{i}", f"n{i // 4}") for i in range(1, 60)]
    first, again = layout(nodes, links), layout(nodes, links)
    assert first == again
    points = set(first.values())
    assert len(points) == len(nodes)
    linked = [abs(complex(*first[a]) - complex(*first[b])) for a, b in links]
    xs = [x for x, _ in points]
    assert max(linked) < max(xs) - min(xs)  # linked nodes sit closer than the map is wide


def _large(owners: int) -> Dataset:
    unis = ["Nord universitet", "UiT Norges arktiske universitet"]
    return Dataset.from_records(
        factory.report(
            f"Eier {i}",
            year=2024,
            uh=[unis[i % 2]],
            schemes=["desentralisert"],
            measures=[
                factory.measure(f"Tiltak {i}.{j}", scheme="desentralisert", uh=unis[i % 2])
                for j in range(4)
            ],
            key=str(i),
        )
        for i in range(owners)
    )


def test_large_maps_use_the_fast_solver_and_cut_hub_springs():
    data = build_map(_large(LARGE_GRAPH // 4), view="funding")
    assert len(data.nodes) > LARGE_GRAPH
    options = _options(render_map(data))
    assert options["physics"]["solver"] == "barnesHut"
    assert options["physics"]["stabilization"]["enabled"] is True
    assert options["layout"]["improvedLayout"] is False
    # the scheme that funds every measure is a hub: its links are no springs
    assert any(not e.spring for e in data.edges if e.src.startswith("scheme:"))
    assert all(e.spring for e in data.edges if e.relation == "RUNS")  # owner to its measures


def test_small_maps_use_force_atlas():
    data = build_map(_large(3), view="funding")
    options = _options(render_map(data))
    assert options["physics"]["solver"] == "forceAtlas2Based"
    assert all(e.spring for e in data.edges)


def _options(page: str) -> dict:
    match = re.search(r"var options = (\{.*?\});\n", page)
    assert match
    return json.loads(match.group(1))


# --- the command ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory, corpus_dir) -> str:
    from kompetansekart.reports.cli import app

    path = tmp_path_factory.mktemp("map") / "store"
    result = CliRunner().invoke(app, ["build", str(corpus_dir), "--store", str(path), "-q"])
    assert result.exit_code == 0, result.output
    return str(path)


def _map_app() -> typer.Typer:
    app = typer.Typer(pretty_exceptions_show_locals=False)
    app.command("map")(map_command)
    app.command("noop")(lambda: None)  # two commands, so `map` is a subcommand as in the CLI
    return app


@pytest.mark.corpus
def test_map_command_writes_the_page(store, tmp_path):
    out = tmp_path / "map.html"
    args = ["map", "-o", str(out), "--store", store, "--view", "funding"]
    result = CliRunner().invoke(_map_app(), args)
    assert result.exit_code == 0, result.output
    match = re.fullmatch(
        rf"{re.escape(str(out))}: (\d+) nodes, (\d+) edges \(funding view\)\n", result.stdout
    )
    assert match
    nodes = page_items(out.read_text("utf-8"), "nodes")
    assert len(nodes) == int(match.group(1))


@pytest.mark.corpus
def test_map_command_unknown_focus_is_a_usage_error(store, tmp_path):
    args = ["map", "-o", str(tmp_path / "m.html"), "--store", store, "--focus", "Nordd"]
    result = CliRunner().invoke(_map_app(), args)
    assert result.exit_code == 2
    assert "no organisation named 'Nordd'" in result.output
    assert not (tmp_path / "m.html").exists()


def test_node_types_all_have_a_style():
    assert set(GROUP_OF.values()) <= set(STYLES)
    assert N.PERSON in GROUP_OF
