"""Reports in layouts the reader was not written for: `../shared/unseen` (the shared
development set) and `tests/data/unseen` (written for the project by people who had not
read the parser). Each report is ingested as a user would (`ingest_paths` on the file or
folder) and scored against its `<name>.expected.json` by the keys of
`../shared/unseen/README.md` (tests/unseen.py).

A new layout goes in as a new report and expected file, never as a rule that knows its
name: a failure here means the general reader misses something a careful human reads.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import shared_dir
from unseen import Result, expected_files, load, score

from kompetansekart.ingest.pipeline import ingest_paths
from kompetansekart.ingest.records import to_json

HERE = Path(__file__).parent
FOLDERS = [shared_dir() / "unseen", HERE / "data" / "unseen"]


def _cases() -> list[tuple[Path, Path]]:
    out = []
    for folder in FOLDERS:
        if folder.is_dir():
            out += expected_files(folder)
    return out


CASES = _cases()


def test_there_are_unseen_reports_to_score():
    """The shared set is present in CI too; without it this file would test nothing."""
    assert (shared_dir() / "unseen").is_dir(), "../shared/unseen is missing"
    assert len(CASES) >= 10


def _results(report: Path, expected: Path) -> tuple[list[Result], object]:
    batch = ingest_paths([report])
    assert batch.count("failed") == 0, [o.error for o in batch.outcomes]
    records = batch.records
    assert len(records) == 1, f"{report.name}: {len(records)} records, expected one report"
    return score(report.name, load(expected), to_json(records[0])), records[0]


@pytest.mark.parametrize("report,expected", CASES, ids=[r.name for r, _ in CASES])
def test_unseen_report_reads_as_a_careful_reader_would(report: Path, expected: Path):
    results, _ = _results(report, expected)
    assert results, f"{expected.name} checks nothing"
    failed = [str(r) for r in results if not r.ok]
    assert not failed, "\n".join(failed)


@pytest.mark.parametrize("report,expected", CASES, ids=[r.name for r, _ in CASES])
def test_unseen_report_leaves_no_figure_unaccounted(report: Path, expected: Path):
    """Every amount in the document is read into a field or named as not a budget figure
    (the accounting pass): none is silently dropped."""
    _, record = _results(report, expected)
    unread = [d for d in record.diagnostics if d.code == "unread-amount"]
    assert not unread, [f"{d.line}: {d.message}" for d in unread]
