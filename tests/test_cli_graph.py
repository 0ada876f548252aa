"""build / query / queries / validate / export through the CLI, on a store in tmp."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from kompetansekart.reports.cli import app

runner = CliRunner()
pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def store(tmp_path_factory, corpus_dir):
    path = tmp_path_factory.mktemp("cli") / "store"
    result = runner.invoke(app, ["build", str(corpus_dir), "--store", str(path)])
    assert result.exit_code == 0, result.output
    assert "5 reports (5 added, 0 replaced, 0 unchanged)" in result.stderr
    assert "SHACL: the graph conforms" in result.stderr
    return path


def test_rebuilding_the_same_files_reports_them_unchanged(store, corpus_dir):
    result = runner.invoke(app, ["build", str(corpus_dir), "--store", str(store), "-q"])
    assert "5 reports (0 added, 0 replaced, 5 unchanged)" in result.stderr


def test_shacl_can_be_left_to_validate_and_forced(tmp_path, corpus_dir, monkeypatch):
    """Above SHACL_AUTO_MAX_TRIPLES build leaves SHACL to `validate` and says so; --shacl
    forces it, --no-shacl skips it on any size."""
    from kompetansekart.reports import graph_commands

    store = tmp_path / "store"
    skipped = runner.invoke(app, ["build", str(corpus_dir), "--store", str(store), "--no-shacl"])
    assert skipped.exit_code == 0
    assert "SHACL: not checked for " in skipped.stderr
    assert "run 'kompetansekart validate' or build with --shacl" in skipped.stderr
    monkeypatch.setattr(graph_commands, "SHACL_AUTO_MAX_TRIPLES", 10)
    auto = runner.invoke(app, ["build", str(corpus_dir), "--store", str(store), "-q"])
    assert "SHACL: not checked for " in auto.stderr
    forced = runner.invoke(app, ["build", str(corpus_dir), "--store", str(store), "--shacl"])
    assert "SHACL: the graph conforms" in forced.stderr
    validate = runner.invoke(app, ["validate", "--store", str(store)])
    assert validate.exit_code == 0


def test_store_from_the_environment(store, monkeypatch):
    monkeypatch.setenv("KOMPETANSEKART_STORE", str(store))
    result = runner.invoke(app, ["query", "regions-without-uh", "-f", "json"])
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 39


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "md"])
def test_query_formats(store, fmt):
    result = runner.invoke(
        app,
        [
            "query",
            "partners-of-owner",
            "-p",
            "owner=Narvik kommune",
            "-f",
            fmt,
            "--store",
            str(store),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Nord universitet" in result.stdout
    if fmt == "json":
        assert sum(r["uh_amount"] for r in json.loads(result.stdout)) == 2_486_800


def test_query_errors_are_one_line_with_the_fix(store, tmp_path):
    missing = runner.invoke(app, ["query", "partners-of-owner", "--store", str(store)])
    assert missing.exit_code == 2
    assert missing.stderr.strip() == (
        "error: query 'partners-of-owner' needs --param owner=VALUE "
        '(The owner\'s name, e.g. "Bodø kommune")'
    )
    unknown = runner.invoke(app, ["query", "nope", "--store", str(store)])
    assert unknown.exit_code == 2 and "known queries: budget-audit" in unknown.stderr
    nostore = runner.invoke(app, ["query", "budget-audit", "--store", str(tmp_path / "x")])
    assert nostore.exit_code == 2
    assert "run 'kompetansekart build PATH...' first" in nostore.stderr


def test_query_from_a_file(store, tmp_path):
    rq = tmp_path / "mine.rq"
    rq.write_text(
        "# title: Reports\n# answers: how many reports\n"
        "PREFIX kk: <https://w3id.org/kompetansekart/ontology#>\n"
        "SELECT (COUNT(?r) AS ?n) WHERE { ?r a kk:NeedsReport }\n"
    )
    result = runner.invoke(app, ["query", str(rq), "-f", "json", "--store", str(store)])
    assert json.loads(result.stdout) == [{"n": 5}]


def test_queries_lists_the_catalog():
    result = runner.invoke(app, ["queries", "-f", "csv"])
    assert result.exit_code == 0
    assert "partners-of-owner,Partners of an owner,owner," in result.stdout


def test_validate_and_export(store, tmp_path):
    ok = runner.invoke(app, ["validate", "--store", str(store)])
    assert ok.exit_code == 0 and "no violations" in ok.stdout
    ttl = runner.invoke(app, ["export", "-f", "ttl", "--store", str(store)])
    assert len(Graph().parse(data=ttl.stdout, format="turtle")) > 2000
    out = tmp_path / "g.graphml"
    assert (
        runner.invoke(
            app, ["export", "-f", "graphml", "-o", str(out), "--store", str(store)]
        ).exit_code
        == 0
    )
    assert out.read_text().startswith("<?xml")
    assert "@" not in ttl.stdout.replace("@prefix", "").replace("@nb", "").replace("@en", "")
