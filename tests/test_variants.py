"""The variant layout family (demo/variants.py), checked without the parser.

A variant report renders planned facts through a form drawn per report. These tests check
the generator side only. The same seed gives the same bytes. Every value of every axis
occurs and shows in the text. The amounts in the truth add up wherever the plan says
they do. Nothing personal appears beyond the invented people. Every shape opens in every
format, and tables stay apart in every writer. Whether a parser reads the variants is
the accuracy test's business (tests/test_generator.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter, defaultdict
from itertools import groupby
from pathlib import Path

import docx
import pdfplumber
import pytest
from typer.testing import CliRunner

from kompetansekart.demo import variants as v
from kompetansekart.demo import world as w
from kompetansekart.demo.generator import FORMATS, generate, load_truth, writer_for
from kompetansekart.demo.layouts import lines, text
from kompetansekart.demo.plan import Report, plan
from kompetansekart.demo.truth import VARIANT_KEYS, VIEW_KEYS, failing_checks
from kompetansekart.reports.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def mixed300() -> list[Report]:
    """The variants of an ordinary 300-report corpus over all four formats."""
    return [r for r in plan(300, 8, FORMATS).reports if r.layout == "variant"]


@pytest.fixture(scope="module")
def only_variants(tmp_path_factory) -> Path:
    """A generated all-variant corpus of 300 text and Markdown reports."""
    out = tmp_path_factory.mktemp("variants") / "corpus"
    generate(out, 300, 12, ("txt", "md"), layouts=("variant",))
    return out


# --- determinism ---------------------------------------------------------------------------


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_same_seed_same_bytes(tmp_path):
    a = _digests(generate(tmp_path / "a", 16, 3, FORMATS, layouts=("variant",)).out)
    b = _digests(generate(tmp_path / "b", 16, 3, FORMATS, layouts=("variant",)).out)
    c = _digests(generate(tmp_path / "c", 16, 4, FORMATS, layouts=("variant",)).out)
    assert len(a) == 17 and a == b
    assert sum(a.get(k) != d for k, d in c.items()) > 8


# --- the axes ------------------------------------------------------------------------------


def test_a_third_of_a_corpus_are_variants(mixed300):
    assert 80 <= len(mixed300) <= 120


def test_every_axis_value_occurs_in_a_300_report_corpus(mixed300):
    seen = defaultdict(set)
    for r in mixed300:
        for axis, value in r.shape.to_json().items():
            if axis not in ("order", "labels"):
                seen[axis].add(value)
    for axis, values in v.AXES.items():
        assert seen[axis] == set(values), axis
    orders = [r.shape.order for r in mixed300]
    assert all(order[0] == "header" and sorted(order[1:]) == sorted(v.SECTIONS) for order in orders)
    assert any(o.index("budget") < o.index("measures") for o in orders)
    assert any(o.index("budget") > o.index("measures") for o in orders)


def test_every_label_variant_is_drawn(only_variants):
    drawn = defaultdict(Counter)
    for entry in load_truth(only_variants)["files"]:
        for key, label in entry["variant"]["labels"].items():
            drawn[key][label] += 1
    for key, langs in v.LABELS.items():
        if key in ("owner_school", "owner_kindergarten"):  # drawn as 'owner'
            assert set(langs["nb"] + langs["nn"]) <= set(drawn["owner"]), key
            continue
        assert set(langs["nb"] + langs["nn"]) <= set(drawn[key]), key


def test_the_truth_records_the_axes_and_no_layout(only_variants):
    files = load_truth(only_variants)["files"]
    assert {f["layout"] for f in files} == {"variant"}
    for entry in files:
        assert tuple(entry["expected"]) == VARIANT_KEYS and "layout" not in entry["expected"]
        assert set(entry["variant"]) == {*v.AXES, "order", "labels"}
        assert entry["variant"]["format"] == entry["format"]


def test_other_layouts_keep_their_truth_entries(tmp_path):
    generate(tmp_path / "x", 40, 2, ("txt",))
    for entry in load_truth(tmp_path / "x")["files"]:
        if entry["layout"] != "variant":
            assert "variant" not in entry and tuple(entry["expected"]) == VIEW_KEYS


def _owner_line(r: Report, out: list[str]) -> None:
    label, owner = r.shape.labels["owner"], r.owner_written
    want = {
        "colon": [f"{label}: {owner}"],
        "bold": [f"**{label}** {owner}"],
        "bold-colon": [f"**{label}:** {owner}"],
        "numbered": [f"1.1 {label} {owner}"],
        "tab": [f"{label}\t{owner}"],
        "qa": [label, owner],
        "bullet": [f"- {label}: {owner}"],
    }
    if r.shape.pairs == "leader":
        assert any(re.fullmatch(rf"{re.escape(label)} \.{{3,}} {re.escape(owner)}", x) for x in out)
        return
    expected = want[r.shape.pairs]
    starts = [k for k in range(len(out)) if out[k : k + len(expected)] == expected]
    assert starts, (r.shape.pairs, expected)


def _scheme_mark(r: Report, out: list[str]) -> None:
    scheme = w.SCHEME_LABELS[r.schemes[0]]
    joined = "\n".join(out)
    style = r.shape.choices
    marks = {
        "box-after": f"{scheme} ☒",
        "box-before": f"☒ {scheme}",
        "ballot": f"☑ {scheme}",
        "brackets": f"[X] {scheme}",
        "parens": f"(x) {scheme}",
        "lone-x": f"{scheme} x",
        "bold": f"**{scheme}**",
        "grid": "\tRegional ordning\tDesentralisert ordning\tKompetanseløftet\n",
    }
    if style == "box-row":
        k = next(k for k, x in enumerate(out) if x.endswith("\tKompetanseløftet"))
        assert out[k + 1].count("\t") == 3 and "☒" in out[k + 1]
    elif style == "word":
        assert re.search(rf"[ \t\n]{re.escape(scheme)}( og [^\n]+)?\n", joined)
    else:
        assert marks[style] in joined, style


def _measure_heading(r: Report, out: list[str]) -> None:
    m = r.measures[0]
    style, fmt = r.shape.headings, r.fmt
    markdown = f"## Tiltak 1: {m.name}" if fmt in ("txt", "md") else f"**Tiltak 1: {m.name}**"
    want = {
        "plain": "Tiltak 1",
        "dash": f"Tiltak 1 – {m.name}",
        "markdown": markdown,
        "caps": "TILTAK 1",
        "nr": "Tiltak nr. 1",
    }
    if style == "part":
        assert m.number is None and any(re.search(r"DEL \d+ ", x) for x in out)
    elif style == "table":
        assert any(re.match(r"(\| )?Nr(\t| \| )Tiltak", x) for x in out)
    else:
        assert want[style] in out, style


def _budget(r: Report, out: list[str]) -> None:
    joined = "\n".join(out)
    style = r.shape.budget
    if style == "tabs":
        assert re.search(r"^Ordning\t", joined, re.M)
    elif style == "pipes":
        assert re.search(r"^\| Ordning \|", joined, re.M)
    elif style == "spaces":
        assert re.search(r"^Ordning {3,}\S", joined, re.M)
    elif style == "lines":
        assert r.shape.labels["sum_lines"].split("|")[0] in joined
    else:
        assert re.search(r"(søker|søkjer) om|ber vi for", joined)


def _amounts(r: Report, out: list[str]) -> None:
    joined = "\n".join(out)
    assert v.money(r.measures[0].owner, r.shape.amounts, r.shape.nbsp) in joined
    assert ("\u00a0" in joined) == r.shape.nbsp


def _units(r: Report, out: list[str]) -> None:
    names = list(v.OPTIONS["units"][r.shape.lang].values())
    if r.shape.units == "table":
        assert "\t".join(names) in out
    else:
        assert not any("\t".join(names) in x for x in out)


_BOKMAL_ONLY = re.compile(r"\b(eier|Eier|Høst|Navn|behovsmeldingen|ikke|Hovedtillitsvalgt)\b")
_NYNORSK_ONLY = re.compile(r"\b(eigar|Eigar|Haust|Namn|behovsmeldinga|ikkje|Hovudtillitsvald)\b")


def _language(r: Report, out: list[str]) -> None:
    joined = "\n".join(out)
    other = _BOKMAL_ONLY if r.shape.lang == "nn" else _NYNORSK_ONLY
    assert not other.search(joined), (r.shape.lang, other.search(joined))


def test_each_axis_value_shows_in_the_text(mixed300):
    """The text a variant gets is the text its axes describe."""
    for r in mixed300:
        out = lines(r)
        for check in (_owner_line, _scheme_mark, _measure_heading, _budget, _amounts, _units):
            check(r, out)
        _language(r, out)


def test_amount_styles():
    styles = {
        "plain": "1 250 000",
        "dot-dash": "1.250.000,-",
        "kr": "kr 1 250 000",
        "nok": "NOK 1 250 000",
        "kr-after": "1 250 000 kr",
        "kr-dot-dash": "kr. 1 250 000,-",
    }
    assert set(styles) == set(v.AXES["amounts"])
    for style, want in styles.items():
        assert v.money(1_250_000, style) == want
    assert v.money(250_000, "kr", nbsp=True) == "kr 250\u00a0000"


# --- the truth -----------------------------------------------------------------------------


def test_variant_amounts_add_up_where_the_plan_says_so(only_variants):
    truth = load_truth(only_variants)
    planted = Counter()
    for entry in truth["files"]:
        view = entry["expected"]
        rows, total = view["budget"], view["budget_sum"]
        for row in [*rows, *([total] if total else [])]:
            assert row["owner_amount"] + row["uh_amount"] == row["total_stated"], entry["file"]
        if total:
            for key in ("owner_amount", "uh_amount", "total_stated"):
                assert total[key] == sum(row[key] for row in rows), entry["file"]
        for row in rows:
            ms = [m for m in view["measures"] if m["scheme"] == row["scheme"]]
            assert row["owner_amount"] == sum(m["owner_amount"] for m in ms)
            assert row["uh_amount"] == sum(m["uh_amount"] for m in ms)
        off = [
            m for m in view["measures"] if m["owner_amount"] + m["uh_amount"] != m["total_stated"]
        ]
        checks = failing_checks(view)
        if entry["planted"] == "variant-total":
            planted["variant-total"] += 1
            assert len(off) == 1 and [c["check"] for c in checks] == ["measure-total"]
            assert "measures" in view["warning_fields"]
        else:
            assert entry["planted"] is None and not off and not checks, entry["file"]
        assert set(view["schemes"]) == {m["scheme"] for m in view["measures"]}
    assert planted["variant-total"] >= 1
    planted_files = {f["file"] for f in truth["files"] if f["planted"]}
    assert {m["report"] for m in truth["mismatches"]} == planted_files


def test_prose_budgets_name_amounts_the_truth_does_not_count(only_variants):
    truth = {f["file"]: f for f in load_truth(only_variants)["files"]}
    number = re.compile(r"\d{1,3}(?:[ .\u00a0]\d{3})+")
    seen = 0
    for name, entry in truth.items():
        if entry["variant"]["budget"] != "prose":
            continue
        seen += 1
        body = (only_variants / "reports" / name).read_text("utf-8")
        prose = [x for x in body.splitlines() if re.search(r"(søker|søkjer) om|ber vi for", x)]
        k = body.splitlines().index(prose[0])
        paragraph = "\n".join(body.splitlines()[k : k + 6]).split("\n\n")[0]
        said = {int(re.sub(r"\D", "", x)) for x in number.findall(paragraph)}
        view = entry["expected"]
        figures = {
            row[key]
            for row in view["budget"]
            for key in ("owner_amount", "uh_amount", "total_stated")
        }
        if view["budget_sum"]:
            figures |= set(view["budget_sum"].values())
        assert figures <= said, name
        assert said - figures, name  # last year's grant or the owner's own contribution
    assert seen >= 20


def test_nothing_personal_beyond_the_invented_people(only_variants):
    body = "\n".join(p.read_text("utf-8") for p in (only_variants / "reports").iterdir())
    emails = set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", body))
    assert emails and all(e.endswith("@example.no") for e in emails)
    phones = re.findall(r"(?<![\d.])\d{3} \d{2} \d{3}(?![\d.])|(?<!\d)\d{8}(?!\d)", body)
    assert phones and all(p.startswith("400 ") for p in phones)
    assert not re.search(r"(?<!\d)\d{4}[ .]?\d{2}[ .]?\d{5}(?!\d)", body)
    first = "|".join(w.FIRST_NAMES)
    people = re.findall(rf"\b(?:{first}) ([A-ZÆØÅ][a-zæøå]+)\b", body)
    assert people and set(people) <= set(w.SURNAMES), set(people) - set(w.SURNAMES)


def test_the_nynorsk_bank_names_the_same_concepts():
    assert v.NN.themes.keys() == v.NB.themes.keys()
    assert [ids for _, ids in v.NN.target_groups] == [ids for _, ids in v.NB.target_groups]
    for names, phrases in v.NN.themes.values():
        assert names and phrases
    assert all("{p}" in s for s in v.NN.theme_sentences)
    assert len(v.NN.neutral) >= 15 and len(v.NN.owner_uses) == len(v.NB.owner_uses)
    for key, langs in v.LABELS.items():
        assert set(langs) == {"nb", "nn"}, key
        assert key.startswith("owner_") or min(len(langs["nb"]), len(langs["nn"])) >= 3, key


# --- formats -------------------------------------------------------------------------------


def _every_shape(r: Report) -> list[Report]:
    """The report once per value of each rendering axis, the others kept."""
    out = []
    for axis in ("pairs", "choices", "headings", "budget", "amounts", "units", "lang", "nbsp"):
        for value in v.AXES[axis]:
            copy = dataclasses.replace(r, shape=dataclasses.replace(r.shape, **{axis: value}))
            if axis == "headings":  # the plan leaves measures unnumbered under one heading
                number = None if value == "part" else 1
                copy.measures = [dataclasses.replace(m, number=number) for m in r.measures]
            out.append(copy)
    return out


def test_every_shape_renders_in_every_format(tmp_path):
    base = next(r for r in plan(30, 5, ("txt",), ("variant",)).reports if len(r.measures) > 1)
    for fmt in FORMATS:
        folder = tmp_path / fmt
        folder.mkdir()
        for k, r in enumerate(_every_shape(base)):
            r.fmt = fmt
            path = folder / f"{k:03d}.{fmt}"
            if fmt in ("txt", "md"):
                path.write_text(text(r), "utf-8")
                body = path.read_text("utf-8")
                assert ("\t" in body) == (fmt == "txt" and "\t" in "\n".join(lines(r)))
            else:
                writer_for(fmt)(lines(r), path)
                body = _docx_text(path) if fmt == "docx" else _pdf_text(path)
            assert r.owner_written.split()[0] in body and r.contact_owner.email in body, path


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        assert pdf.pages
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _docx_tables(out: list[str]) -> list[list[str]]:
    """Tab lines as the .docx writer groups them: runs of one width, a blank line ends one."""
    tables: list[list[str]] = []
    previous = ""
    for line in out:
        if "\t" in line:
            same = "\t" in previous and previous.count("\t") == line.count("\t")
            if same:
                tables[-1].append(line)
            else:
                tables.append([line])
        previous = line
    return tables


def _pdf_tables(out: list[str]) -> list[list[str]]:
    """Tab lines as the .pdf writer groups them: blank lines vanish first."""
    kept = [x for x in out if x.replace("\t", "").strip()]
    return [
        rows
        for cells, group in groupby(kept, key=lambda x: x.count("\t"))
        if cells
        for rows in [list(group)]
    ]


def test_tables_stay_apart_in_every_writer(mixed300):
    """A PDF would merge two tables of one width that only blank lines separate; the
    variants never write such a pair, so .docx, .pdf and .md show the same tables."""
    for r in mixed300:
        out = lines(r)
        assert _docx_tables(out) == _pdf_tables(out), r.shape.to_json()


# --- the command line ----------------------------------------------------------------------


def test_cli_layouts_variant_makes_an_all_variant_corpus(tmp_path):
    out = tmp_path / "v"
    args = ["demo", "-n", "12", "-s", "4", "-o", str(out), "--formats", "txt,md"]
    result = runner.invoke(app, [*args, "--layouts", "variant"])
    assert result.exit_code == 0, result.output
    assert "variant 12" in result.stdout
    files = load_truth(out)["files"]
    assert len(files) == 12 and {f["layout"] for f in files} == {"variant"}
    bad = runner.invoke(app, [*args, "--force", "--layouts", "variant,sonnet"])
    assert bad.exit_code == 2 and "unknown layout" in bad.output
    alone = runner.invoke(app, [*args, "--force", "--layouts", "continuation"])
    assert alone.exit_code == 2 and "form2024" in alone.output
    help_text = runner.invoke(app, ["demo", "--help"], terminal_width=200).stdout
    assert "--layouts" in help_text


def test_a_layout_subset_keeps_its_planted_problems(tmp_path):
    generate(tmp_path / "x", 30, 9, ("txt",), layouts=("form2024", "continuation", "variant"))
    truth = load_truth(tmp_path / "x")
    layouts = {f["layout"] for f in truth["files"]}
    assert layouts <= {"form2024", "form2024-continuation", "variant"} and "variant" in layouts
    planted = {f["planted"] for f in truth["files"]} - {None}
    assert {"row-total", "measure-total", "grand-sum", "variant-total"} <= planted
    assert {f["overlap"] for f in truth["files"]} - {None} == {"within", "across"}
