"""The synthetic corpus generator (`kompetansekart demo`): a generated corpus ingests to its
ground truth, field for field; the budget audit finds exactly the planted mismatches; the
overlap and gap analyses find the planted overlaps and gaps; the same seed gives the same
bytes; nothing personal appears beyond the invented people; and the CLI writes and
refuses as documented.

The ground truth is computed by the generator from what it decided (demo/generator.py),
never by running the parser; these tests are where the two meet.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import shared_dir
from typer.testing import CliRunner

from kompetansekart.demo import world as w
from kompetansekart.demo.generator import (
    FORMATS,
    DemoError,
    default_formats,
    generate,
    load_truth,
    parse_formats,
)
from kompetansekart.demo.layouts import lines
from kompetansekart.demo.plan import PLANTS, plan
from kompetansekart.demo.truth import accuracy_table, actual_view, compare, mismatch_key
from kompetansekart.graph.build import build
from kompetansekart.graph.rdf_store import to_rdflib
from kompetansekart.ingest.pipeline import ingest_paths
from kompetansekart.queries import catalog
from kompetansekart.queries.analyses.audit import audit
from kompetansekart.queries.analyses.dataset import Dataset, Filters
from kompetansekart.queries.analyses.gaps import gaps
from kompetansekart.queries.analyses.overlaps import overlaps
from kompetansekart.reports.cli import app

runner = CliRunner()
ALL_VARIANTS = {
    "form2024",
    "form2024-markdown",
    "form2024-continuation",
    "form2026",
    "webform",
    "letter",
    "variant",
}


class Generated:
    """One generated folder, its truth, and its records parsed once."""

    def __init__(self, out: Path, parser) -> None:
        self.out = out
        self.truth = load_truth(out)
        self.batch = ingest_paths([out / "reports"], parser=parser)
        self.records = {Path(o.path).name: o.record for o in self.batch.outcomes}
        self._dataset: Dataset | None = None

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            self._dataset = Dataset.from_records(self.batch.records)
        return self._dataset


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, parser) -> Generated:
    """60 reports spread over every format the writers allow (txt, md, docx, pdf)."""
    out = tmp_path_factory.mktemp("demo") / "mixed"
    generate(out, 60, 7, default_formats())
    return Generated(out, parser)


@pytest.fixture(scope="module")
def larger(tmp_path_factory, parser) -> Generated:
    """300 text and Markdown reports: more of every planted kind and more overlaps."""
    out = tmp_path_factory.mktemp("demo") / "larger"
    generate(out, 300, 8, ("txt", "md"))
    return Generated(out, parser)


@pytest.fixture(scope="module")
def variants(tmp_path_factory, parser) -> Generated:
    """200 variant reports in every format: forms drawn per report (label wording in
    bokmål and nynorsk, choice glyphs and positions, section orders, table styles, key sets,
    prose budgets), so the reader is tested on layouts, not on five templates."""
    out = tmp_path_factory.mktemp("demo") / "variants"
    generate(out, 200, 11, FORMATS, layouts=("variant",))
    return Generated(out, parser)


@pytest.fixture(params=["mixed", "larger"])
def corpus(request) -> Generated:
    return request.getfixturevalue(request.param)


@pytest.fixture(params=["mixed", "larger", "variants"])
def any_corpus(request) -> Generated:
    """Every generated corpus, for the tests of what ingest reads."""
    return request.getfixturevalue(request.param)


# --- the records -------------------------------------------------------------------------


def test_every_report_ingests_to_its_ground_truth(any_corpus: Generated, capsys):
    corpus = any_corpus
    assert corpus.batch.count("failed") == 0, [o.error for o in corpus.batch.outcomes]
    results, failures = [], []
    for entry in corpus.truth["files"]:
        record = corpus.records[entry["file"]]
        found = compare(entry["expected"], actual_view(record))
        results += found
        failures += [f"{entry['file']}: {r}" for r in found if not r.ok]
    table = accuracy_table(results)
    with capsys.disabled():
        print(f"\nfield-level accuracy, {corpus.out.name} ({len(corpus.records)} reports):")
        print(table)
    assert not failures, "\n".join(failures[:40])
    assert table.splitlines()[-1].endswith("100.00%")


def test_the_accounting_leaves_nothing_unread(any_corpus: Generated):
    """Every amount and every marked choice of every generated report is read into a
    field or named as not a budget figure: nothing is dropped in silence."""
    unread = [
        f"{Path(o.path).name}:{d.line}: {d.message}"
        for o in any_corpus.batch.outcomes
        for d in o.record.diagnostics
        if d.code in ("unread-amount", "unread-choice")
    ]
    assert not unread, "\n".join(unread[:40])


def test_the_corpus_has_every_layout_format_and_planted_problem(mixed: Generated):
    files = mixed.truth["files"]
    assert len(files) == 60 == len(list((mixed.out / "reports").iterdir()))
    assert {f["layout"] for f in files} == ALL_VARIANTS
    assert {f["format"] for f in files} == set(default_formats())
    assert {f["planted"] for f in files} - {None} == set(PLANTS)
    assert {o["planted"] for o in mixed.truth["overlaps"]} == {True}
    assert {f["overlap"] for f in files} - {None} == {"within", "across"}
    assert mixed.truth["continuations"]
    assert len(mixed.truth["gap_municipalities"]) >= 4
    assert any(n["planted"] for n in mixed.truth["networks_without_uh"])
    years = {f["expected"]["year"] for f in files} - {None}
    assert len(years) >= 5
    uh = {u for f in files for u in f["expected"]["uh_ids"]}
    assert len(uh) >= 3
    assert any(f["expected"]["partner_roles"].count("eier") >= 2 for f in files)


# --- the planted facts ---------------------------------------------------------------------


def test_the_audit_finds_exactly_the_planted_mismatches(corpus: Generated):
    found, _ = audit(corpus.dataset, Filters())
    got = Counter(mismatch_key(row) for row in found.rows)
    want = Counter(mismatch_key(row) for row in corpus.truth["mismatches"])
    assert got == want
    assert all(row["planted"] for row in corpus.truth["mismatches"])
    planted = {f["file"] for f in corpus.truth["files"] if f["planted"]}
    assert {row["report"] for row in corpus.truth["mismatches"]} == planted


def test_the_overlap_analysis_contains_the_planted_overlaps(corpus: Generated):
    tables = {t.name: t for t in overlaps(corpus.dataset, Filters())}
    rows = tables["overlaps-owner-theme-year"].rows
    got = {
        (r["owner"], r["year"], r["theme"]): sorted(r["measure_names"].split("; ")) for r in rows
    }
    want = {
        (o["owner"], o["year"], o["theme"]): sorted(m["name"] for m in o["measures"])
        for o in corpus.truth["overlaps"]
    }
    planted = [o for o in corpus.truth["overlaps"] if o["planted"]]
    assert planted
    for o in planted:
        key = (o["owner"], o["year"], o["theme"])
        assert key in got, f"planted overlap not found: {key}"
        assert Counter(got[key]) >= Counter(m["name"] for m in o["measures"])
    assert got == want  # and the truth lists every overlap there is


def test_gaps_are_where_they_were_planted(corpus: Generated):
    municipalities, networks, *_ = gaps(corpus.dataset, Filters())
    combos = {(r["year"], r["scheme"]) for r in municipalities.rows}
    for m in corpus.truth["gap_municipalities"]:
        rows = [r for r in municipalities.rows if r["municipality"] == m["name"]]
        assert {(r["year"], r["scheme"]) for r in rows} == combos, m["name"]
        assert {r["gap"] for r in rows} == {"no partnership"}, m["name"]
    for net in corpus.truth["networks_without_uh"]:
        rows = [r for r in networks.rows if r["network"] == net["name"]]
        assert rows and all(r["with_university"] == 0 for r in rows), net["name"]


def test_themes_without_measures_finds_exactly_the_unaddressed_needs(corpus: Generated):
    """The catalog query on the corpus's graph against the truth: the planted gaps are all
    found and nothing else is. The gap analysis counts a need as met by any owner of the
    network, so its rows are a subset."""
    graph = to_rdflib(build(corpus.batch.records))
    _, rows = catalog.run(graph, catalog.load("themes-without-measures"), {})
    got = sorted((r["owner"], r["year"], r["theme"], r["reports"]) for r in rows)
    want = sorted(
        (n["owner"], n["year"], n["theme"], len(n["reports"]))
        for n in corpus.truth["unaddressed_needs"]
    )
    assert any(n["planted"] for n in corpus.truth["unaddressed_needs"])
    assert got == want
    needs_table = gaps(corpus.dataset, Filters())[2]
    assert needs_table.name == "gaps-needs"
    assert {(r["owner"], r["year"], r["theme"]) for r in needs_table.rows} <= {w[:3] for w in want}


def test_continuations_link_to_the_report_they_continue(larger: Generated):
    for c in larger.truth["continuations"]:
        new, old = larger.records[c["report"]], larger.records[c["continues"]]
        assert new.owner.id == old.owner.id == c["owner_id"]
        assert (new.continues_year, old.year) == (c["continues_year"], c["continues_year"])
        old_numbers = {m.number: m.name for m in old.measures}
        assert all(old_numbers[m.number] == m.name and m.continued for m in new.measures)


# --- determinism and privacy ---------------------------------------------------------------


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    formats = default_formats()
    a = _digests(generate(tmp_path / "a", 24, 5, formats).out)
    b = _digests(generate(tmp_path / "b", 24, 5, formats).out)
    c = _digests(generate(tmp_path / "c", 24, 6, formats).out)
    assert len(a) == 25 and a == b
    assert a["truth.json"] != c["truth.json"]
    assert sum(a.get(k) != v for k, v in c.items()) > 12


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\d.])\d{3} \d{2} \d{3}(?![\d.])|(?<!\d)\d{8}(?!\d)")
_ACCOUNT = re.compile(r"(?<!\d)\d{4}[ .]?\d{2}[ .]?\d{5}(?!\d)")


def test_nothing_personal_beyond_the_invented_people(larger: Generated):
    text = "\n".join(p.read_text("utf-8") for p in (larger.out / "reports").iterdir())
    emails = set(_EMAIL.findall(text))
    assert emails and all(e.endswith("@example.no") for e in emails)
    phones = _PHONE.findall(text)
    assert phones and all(p.startswith("400 ") for p in phones)
    assert not _ACCOUNT.search(text), _ACCOUNT.search(text)
    people = {c.name for r in larger.records.values() for c in r.contacts}
    assert people and all(
        n.split()[0] in w.FIRST_NAMES and n.split()[-1] in w.SURNAMES for n in people
    )


@pytest.mark.corpus
def test_no_long_line_is_copied_from_the_sample_corpus():
    """As for demo/reports: labels may repeat the form's own words, but no line of 60 or
    more characters matches a line of the real samples."""
    corpus = shared_dir() / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is not present")

    def norm(line: str) -> str:
        return " ".join(line.replace("**", "").replace("\t", " ").split()).casefold()

    samples = {norm(x) for p in corpus.glob("*.txt") for x in p.read_text("utf-8").splitlines()}
    long = {norm(x) for r in plan(1500, 3, ("txt", "md")).reports for x in lines(r)}
    copied = sorted(x for x in long if len(x) >= 60 and x in samples)
    assert not copied, copied


# --- the word banks ------------------------------------------------------------------------


def test_word_banks_name_exactly_what_they_claim(parser):
    """Each measure name and theme phrase names its one theme; the neutral text names no
    theme, target group or organisation; each target phrase names its target groups."""
    themes, groups, resolver = parser.themes, parser.target_groups, parser.resolver
    for theme, (names, phrases) in w.THEMES.items():
        for name in names:
            assert themes.ids_in(name) == [theme], name
        for phrase in phrases:
            for sentence in w.THEME_SENTENCES:
                text = sentence.format(p=phrase)
                assert themes.ids_in(text) == [theme], text
                assert groups.ids_in(text) == [], text
    neutral = (*w.NEUTRAL, *w.OWNER_USES, *w.UH_USES, *w.LETTER_PARAGRAPHS)
    for text in neutral:
        assert themes.ids_in(text) == groups.ids_in(text) == [], text
        assert resolver.find_in(text) == [], text
    for phrase, ids in w.TARGET_GROUPS:
        assert groups.ids_in(phrase) == list(ids), phrase
        assert themes.ids_in(phrase) == [], phrase
    for first in w.FIRST_NAMES:
        for last in w.SURNAMES:
            assert resolver.find_in(f"{first} {last}") == [], (first, last)


# --- the command line ----------------------------------------------------------------------


def test_cli_writes_reports_and_truth_and_refuses_a_non_empty_folder(tmp_path):
    out = tmp_path / "corpus"
    args = ["demo", "--reports", "20", "--seed", "3", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "20 reports" in result.stdout and " s" in result.stdout
    assert len(list((out / "reports").iterdir())) == 20
    assert len(load_truth(out)["files"]) == 20
    before = _digests(out)
    again = runner.invoke(app, args)
    assert again.exit_code == 2
    assert "not empty" in again.output and "--force" in again.output
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert _digests(out) == before


def test_cli_force_replaces_earlier_reports_but_keeps_other_files(tmp_path):
    out = tmp_path / "corpus"
    first = runner.invoke(app, ["demo", "-n", "12", "-o", str(out), "--formats", "txt"])
    assert first.exit_code == 0, first.output
    (out / "notes.txt").write_text("mine", "utf-8")
    result = runner.invoke(app, ["demo", "-n", "5", "-o", str(out), "--formats", "txt", "--force"])
    assert result.exit_code == 0, result.output
    assert len(list((out / "reports").iterdir())) == 5
    assert (out / "notes.txt").read_text("utf-8") == "mine"


def test_cli_help_describes_the_command_and_every_option():
    result = runner.invoke(app, ["demo", "--help"], terminal_width=200)
    assert result.exit_code == 0
    for option in ("--reports", "--seed", "--output", "--formats", "--force"):
        assert option in result.stdout
    assert "truth.json" in result.stdout


def test_formats_are_checked(tmp_path):
    assert parse_formats("txt, .MD,pdf") == ("txt", "md", "pdf")
    with pytest.raises(DemoError, match="unknown format"):
        parse_formats("txt,odt")
    result = runner.invoke(app, ["demo", "-n", "3", "-o", str(tmp_path / "x"), "--formats", "rtf"])
    assert result.exit_code == 2 and "unknown format" in result.output
    assert set(default_formats()) <= set(FORMATS)


def test_a_missing_writer_is_a_clear_error_when_its_format_is_asked_for(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "kompetansekart.demo.docx_writer", None)
    out = tmp_path / "x"
    result = runner.invoke(app, ["demo", "-n", "3", "-o", str(out), "--formats", "txt,docx"])
    assert result.exit_code == 2
    assert "cannot write .docx" in result.output and "--formats" in result.output
    assert default_formats() == ("txt", "md")
    assert runner.invoke(app, ["demo", "-n", "3", "-o", str(out)]).exit_code == 0
