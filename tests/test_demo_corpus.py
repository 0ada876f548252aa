"""The synthetic demo corpus (demo/reports) against expectations written by hand from
reading each report (tests/data/expected/<stem>.json; see demo/README.md). A key that
an expectation leaves out is not compared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT

REPORTS = ROOT / "demo" / "reports"
EXPECTED = ROOT / "tests" / "data" / "expected"
CASES = sorted(p for p in REPORTS.iterdir() if p.suffix in (".txt", ".md"))


def actual_view(record) -> dict:
    """The record in the expectation files' vocabulary."""
    r = record.to_json()
    return {
        "layout": r["layout"],
        "year": r["year"],
        "schemes": r["schemes"],
        "sector": r["sector"],
        "continuation": r["continuation"],
        "continues_year": r["continues_year"],
        "phases": r["phases"],
        "owner": {"name": r["owner"]["name"], "id": r["owner"]["id"]},
        "network_id": r["network"]["id"] if r["network"] else None,
        "uh_ids": [u["id"] for u in r["uh"]],
        "budget": [
            {k: row[k] for k in ("scheme", "label", "owner_amount", "uh_amount", "total_stated")}
            for row in r["budget"]
        ],
        "budget_sum": (
            {k: r["budget_sum"][k] for k in ("owner_amount", "uh_amount", "total_stated")}
            if r["budget_sum"]
            else None
        ),
        "measures": r["measures"],
        "partner_names": [p["org"]["name"] for p in r["partners"]],
        "partner_roles": [p["role"] for p in r["partners"]],
        "union_held": r["union_consultation"]["held"],
        "unions": r["union_consultation"]["unions"],
        "units": r["units"],
        "sami_perspective": r["sami_perspective"],
        "linked_to_further_education": r["linked_to_further_education"],
        "warning_fields": sorted(
            {d["field"] for d in r["diagnostics"] if d["level"] != "info" and d["field"]}
        ),
    }


def test_every_demo_report_has_an_expectation():
    assert len(CASES) >= 7
    for case in CASES:
        assert (EXPECTED / f"{case.stem}.json").is_file(), case.name


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_demo_report_matches_its_expectation(case: Path, parser):
    expected = json.loads((EXPECTED / f"{case.stem}.json").read_text("utf-8"))
    actual = actual_view(parser.parse_file(case))
    for key, want in expected.items():
        got = actual[key]
        if key == "measures":
            assert len(got) == len(want), "number of measures"
            for m_got, m_want in zip(got, want, strict=True):
                assert {k: m_got[k] for k in m_want} == m_want
        elif key == "warning_fields":
            for field in want:  # each expected warning is raised on that field or below it
                assert any(
                    f == field or f.startswith(field + ".") or f.startswith(field + "[")
                    for f in got
                ), f"no warning on {field}: {got}"
        else:
            assert got == want, key
