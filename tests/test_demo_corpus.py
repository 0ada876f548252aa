"""The synthetic demo corpus (demo/reports) against expectations written by hand from
reading each report (tests/data/expected/<stem>.json; see demo/README.md). A key that
an expectation leaves out is not compared; the view and the rules of comparison are
kompetansekart.demo.truth's, shared with the generated corpus (tests/test_generator.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT

from kompetansekart.demo.truth import actual_view, compare

REPORTS = ROOT / "demo" / "reports"
EXPECTED = ROOT / "tests" / "data" / "expected"
CASES = sorted(p for p in REPORTS.iterdir() if p.suffix in (".txt", ".md"))


def test_every_demo_report_has_an_expectation():
    assert len(CASES) >= 7
    for case in CASES:
        assert (EXPECTED / f"{case.stem}.json").is_file(), case.name


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_demo_report_matches_its_expectation(case: Path, parser):
    expected = json.loads((EXPECTED / f"{case.stem}.json").read_text("utf-8"))
    actual = actual_view(parser.parse_file(case))
    failed = [str(result) for result in compare(expected, actual) if not result.ok]
    assert not failed, "\n".join(failed)
