"""The CLI end to end, through typer's CliRunner (same process, real pipeline)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from kompetansekart.reports.cli import app

runner = CliRunner()


@pytest.mark.corpus
def test_ingest_corpus_json_is_five_schema_valid_records(corpus_dir, schema):
    import jsonschema

    result = runner.invoke(app, ["ingest", str(corpus_dir), "--format", "json", "--quiet"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert len(records) == 5
    for record in records:
        jsonschema.validate(record, schema)
    assert {r["owner"]["name"] for r in records} >= {"Bodø kommune", "Narvik kommune"}


@pytest.mark.corpus
def test_json_leaves_out_personal_data_unless_asked(corpus_dir):
    plain = runner.invoke(app, ["ingest", str(corpus_dir), "-f", "json", "-q"]).stdout
    assert all(r["contacts"] == [] for r in json.loads(plain))
    assert all(p["contact"] is None for r in json.loads(plain) for p in r["partners"])
    assert "@" not in plain
    people = json.loads(
        runner.invoke(app, ["ingest", str(corpus_dir), "-f", "json", "-q", "--people"]).stdout
    )
    assert sum(len(r["contacts"]) for r in people) >= 8


@pytest.mark.corpus
def test_table_lists_each_file_and_the_diagnostics(corpus_dir):
    result = runner.invoke(app, ["ingest", str(corpus_dir)])
    assert result.exit_code == 0
    for prefix in ("000_", "001_", "002_", "003_", "004_"):
        assert prefix in result.stdout
    assert "Diagnostics" in result.stdout
    assert "6 files: 0 ok, 5 with warnings, 0 failed, 1 skipped" in result.stderr
    assert "README.md: documentation, not a report" in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "md"])
@pytest.mark.corpus
def test_other_formats(corpus_dir, fmt):
    result = runner.invoke(app, ["ingest", str(corpus_dir), "-f", fmt, "-q"])
    assert result.exit_code == 0
    assert "Bodø kommune" in result.stdout


def test_a_bad_file_fails_alone_and_the_exit_code_says_so(tmp_path, corpus_dir):
    good = tmp_path / "good.txt"
    good.write_bytes(next(corpus_dir.glob("003_*.txt")).read_bytes())
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "garbage.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (tmp_path / "notes.xyz").write_text("not a report")
    result = runner.invoke(app, ["ingest", str(tmp_path), "-f", "json"])
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)) == 1
    assert f"failed: {tmp_path / 'empty.txt'}: the file is empty" in result.stderr
    assert f"failed: {tmp_path / 'garbage.txt'}: binary data, not text" in result.stderr
    assert "skipped: " in result.stderr and "unsupported file type .xyz" in result.stderr
    assert "known types: .docx, .markdown, .md, .pdf, .text, .txt" in result.stderr


def test_empty_folder_gives_valid_empty_json(tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path), "-f", "json", "-q"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_strict_turns_warnings_into_failure(corpus_dir):
    result = runner.invoke(
        app, ["ingest", str(next(corpus_dir.glob("003_*.txt"))), "--strict", "-q"]
    )
    assert result.exit_code == 1  # sample 003 has invisible choices -> warnings


def test_help_lists_commands_with_help_text():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "ingest" in result.stdout
    for name, command in [(c.name or c.callback.__name__, c) for c in app.registered_commands]:
        assert command.callback.__doc__, f"command {name} has no help text"


def test_every_command_is_in_the_readme():
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text("utf-8")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"kompetansekart {name}" in readme, f"README does not show '{name}'"


def test_console_script_starts_without_heavy_imports():
    code = (
        "import sys; from kompetansekart.reports.cli import app; "
        "heavy = [m for m in ('rapidfuzz', 'jsonschema', 'kompetansekart.ingest.pipeline') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_text_shows_the_numbered_lines_that_evidence_points_at(corpus_dir, parser):
    path = next(corpus_dir.glob("003_*.txt"))
    result = runner.invoke(app, ["text", str(path)])
    assert result.exit_code == 0
    shown = dict(line.strip().split("  ", 1) for line in result.stdout.splitlines())
    record = parser.parse_file(path)
    owner_line = record.evidence["owner"]
    assert "Narvik kommune" in shown[str(owner_line)]
    assert all(" | " in shown[str(r.line)] for r in record.budget if r.line)


def test_text_names_the_file_it_cannot_read(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = runner.invoke(app, ["text", str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {path}: the file is empty"
