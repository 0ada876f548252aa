"""Several files, one report: a main form with its attachments in one folder.

A report often arrives as a main form plus attachments (one per measure, a budget
workbook). The user says which files belong together by putting them in a folder of their
own, one folder per report. Because a folder may just as well hold many separate reports,
its files are read as one report only when they agree that they are one:

* every file that names the owner names the same one, and every file that states the
  year states the same year;
* at most one of them holds a budget summary (two summaries are two reports);
* no two are the same text (a .txt and its .docx twin are copies, not parts).

The main file is the one that says most (the most fields read); the others follow it in
name order. Their lines are read as one document, each line keeping its file, so evidence
and diagnostics name file and line (`NeedsReport.evidence_files`, `Diagnostic.file`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from kompetansekart.ingest.records import NeedsReport


def belong_together(records: Sequence[NeedsReport]) -> bool:
    if len(records) < 2:
        return False
    owners = {r.owner.id for r in records if r.owner.id is not None}
    years = {r.year for r in records if r.year is not None}
    summaries = [r for r in records if r.budget or r.budget_sum is not None]
    ids = [r.id for r in records]
    return (
        len(owners) <= 1 and len(years) <= 1 and len(summaries) <= 1 and len(set(ids)) == len(ids)
    )


def main_first(records: Sequence[NeedsReport]) -> list[int]:
    """Indexes of the records, the main form first (the most evidence), then name order."""
    order = sorted(range(len(records)), key=lambda k: Path(records[k].source.path).name)
    main = max(order, key=lambda k: (records[k].owner.id is not None, len(records[k].evidence)))
    return [main, *(k for k in order if k != main)]


Merge = Callable[[list[Path]], NeedsReport]

__all__ = ["belong_together", "main_first"]
