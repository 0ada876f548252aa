"""Smoke test of bench/ingest_parse.py on two demo reports, one repeat.

It checks what makes the benchmark honest: its step-by-step run of `Parser.parse_file`
gives the same record as `parse_file` itself (the script stops otherwise), with a cold and
a warm name cache, and every stage appears in the table. It asserts nothing about timings
(ARCHITECTURE.md: speed is shown by benchmarks that print ratios, never by tests that
assert on time).
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import bench_scripts
import pytest

ROOT = Path(__file__).resolve().parents[2]
FILES = [
    ROOT / "demo" / "reports" / "form2026-vagan.txt",
    ROOT / "demo" / "reports" / "webform-meloy.txt",
]


def _load_bench() -> ModuleType:
    return bench_scripts.load("ingest_parse")


@pytest.mark.parametrize("cold", [False, True])
def test_staged_run_is_parse_file_and_the_table_has_every_stage(cold: bool) -> None:
    bench = _load_bench()
    medians = bench.measure(FILES, repeats=1, cold=cold)
    assert set(medians) == {path.name for path in FILES}
    table = bench.tables(medians, import_s=0.1, parser_s=0.05)
    for stage in (*bench.STAGES, "total", "reports/s"):
        assert f"| {stage} |" in table or f"**{stage}**" in table


def test_sample_files_are_the_corpus_and_the_demo_reports() -> None:
    names = {path.name for path in _load_bench().sample_files()}
    assert {path.name for path in FILES} <= names
    assert "README.md" not in names
