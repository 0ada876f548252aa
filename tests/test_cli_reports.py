"""Every report through the CLI, in every format: JSON parses, CSV opens with the csv
module, Markdown has its tables, and `report all` writes a folder a reader can follow."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from kompetansekart.reports.cli import app
from kompetansekart.reports.report_commands import ANALYSES

runner = CliRunner()
pytestmark = pytest.mark.corpus

REPORTS = [[name] for name in ANALYSES] + [["partners", "Bodø kommune"], ["uh", "Nord universitet"]]


@pytest.fixture(scope="module")
def store(tmp_path_factory, corpus_dir):
    path = tmp_path_factory.mktemp("reports") / "store"
    assert runner.invoke(app, ["build", str(corpus_dir), "--store", str(path), "-q"]).exit_code == 0
    return str(path)


@pytest.mark.parametrize("args", REPORTS, ids=[" ".join(a) for a in REPORTS])
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "md"])
def test_every_report_in_every_format(store, args, fmt):
    result = runner.invoke(app, ["report", *args, "-f", fmt, "--store", store])
    assert result.exit_code == 0, result.output  # the samples reconcile: audit exits 0
    out = result.stdout
    if fmt == "json":
        payload = json.loads(out)
        assert isinstance(payload, dict) and payload
        assert all(isinstance(rows, list) for rows in payload.values())
    elif fmt == "csv":
        blocks = [b for b in out.split("\n\n") if b.strip()]
        assert blocks
        for block in blocks:
            rows = list(csv.reader(io.StringIO(block)))
            assert len({len(r) for r in rows}) == 1  # a header and rows of the same width
    elif fmt == "md":
        assert out.startswith("## ") and "|---|" in out
    else:
        assert out.strip()


def test_money_is_shown_as_nok_in_tables_and_raw_in_json(store):
    md = runner.invoke(app, ["report", "funding", "-f", "md", "--store", store]).stdout
    assert "| 4 349 490 kr |" in md  # 004's grand sum, in the by-owner table
    data = json.loads(
        runner.invoke(app, ["report", "funding", "-f", "json", "--store", store]).stdout
    )
    assert 4_349_490 in [r["total"] for r in data["funding-owner"]]


def test_filters(store):
    data = json.loads(
        runner.invoke(
            app, ["report", "funding", "-f", "json", "--year", "2025", "--store", store]
        ).stdout
    )
    assert {r["year"] for r in data["funding-scheme-year"]} == {2025}
    narvik = json.loads(
        runner.invoke(
            app,
            [
                "report",
                "regions",
                "-f",
                "json",
                "--network",
                "Kompetansenettverk Narvik",
                "--store",
                store,
            ],
        ).stdout
    )
    assert {r["network"] for r in narvik["regions"]} == {"Kompetansenettverk Narvik"}


def test_unknown_owner_is_one_line(store):
    result = runner.invoke(app, ["report", "partners", "Bodøø kommune", "--store", store])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no organisation named 'Bodøø kommune'")
    assert "did you mean: Bodø kommune" in result.stderr


def test_report_all_writes_markdown_csv_and_an_index(store, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["report", "all", "-o", str(out), "--store", store])
    assert result.exit_code == 0, result.output
    index = (out / "index.md").read_text("utf-8")
    for name in ANALYSES:
        assert (out / f"{name}.md").is_file()
        assert f"]({name}.md)" in index
    assert (out / "partners" / "bodø-kommune.md").is_file()
    assert (out / "uh" / "nord-universitet.md").is_file()
    links = [line.split("](")[1].split(")")[0] for line in index.splitlines() if "](" in line]
    assert links and all((out / link).is_file() for link in links)
    for path in out.rglob("*.csv"):
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
        assert rows and len({len(r) for r in rows}) == 1, path
