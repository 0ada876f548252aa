"""The batch: folders, symlink loops, failures that do not lose the good files, and a
property test that parsing arbitrary text never raises."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompetansekart.ingest.document import Document
from kompetansekart.ingest.pipeline import ingest_paths
from kompetansekart.ingest.records import Line

FORM_WORDS = st.sampled_from(
    [
        "Eier:",
        "Universitet/Høgskole:",
        "Total sum det meldes behov for 2025",
        "Tiltak 1",
        "Navn på tiltak:",
        "Tilskuddet fordeles",
        "Ja ☒",
        "Nei ☐",
        "**Kompetanseløftet**",
        "200 000,-",
        "1.166.270,-",
        "\t",
        "Sum",
        "Ordning\tEier\tUH\tTotalt",
        "Hvor mange enheter",
        "Liste over andre eiere",
        "1\tBodø kommune\tKari Nordmann\tEier",
        "x",
        "Vår 2026",
        "drøftet i medbestemmelse",
        "eierkontakt: NTG, A B, c",
        "skrivher: tekst",
        "Fase: Analyse",
        "Behovsmelding",
        "1. Vurdering av behov",
        "5. Målgruppe",
        "6. Økonomi og varighet",
    ]
)
LINES = st.lists(st.one_of(st.text(max_size=60), FORM_WORDS), max_size=40)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_parsing_any_text_returns_a_record(parser, lines):
    doc = Document.from_lines("x.txt", "txt", [Line(i + 1, t) for i, t in enumerate(lines)])
    if not doc.lines:
        return
    report = parser.parse_document(doc)
    assert report.id == doc.content_id
    assert all(d.level in ("info", "warning", "error") for d in report.diagnostics)
    assert all(m.owner_amount is None or m.owner_amount >= 0 for m in report.measures)


def test_folder_walk_survives_a_symlink_loop(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "r.txt").write_text("Behovsmelding dekomp Bodø kommune\n")
    os.symlink(tmp_path, tmp_path / "a" / "loop")
    batch = ingest_paths([tmp_path])
    assert [o.status for o in batch.outcomes] == ["warnings"]


def test_missing_path_is_a_failure_not_a_crash(tmp_path):
    batch = ingest_paths([tmp_path / "nope.txt"])
    assert batch.failed and "no such file" in batch.outcomes[0].error


def test_parallel_workers_give_the_same_outcomes_in_the_same_order(tmp_path):
    """A batch big enough for worker processes (ingest_paths' default above
    PARALLEL_MIN_FILES files) gives exactly what one process gives, bad files included."""
    from kompetansekart.demo.generator import generate
    from kompetansekart.ingest.pipeline import PARALLEL_MIN_FILES

    generate(tmp_path / "corpus", PARALLEL_MIN_FILES + 6, 11, ("txt", "md"))
    folder = tmp_path / "corpus" / "reports"
    (folder / "00000-empty.txt").write_bytes(b"")
    (folder / "notes.xyz").write_text("?")
    serial = ingest_paths([folder], jobs=1)
    parallel = ingest_paths([folder], jobs=2)
    assert len(serial.outcomes) == PARALLEL_MIN_FILES + 8
    assert [(o.path, o.status, o.error) for o in parallel.outcomes] == [
        (o.path, o.status, o.error) for o in serial.outcomes
    ]
    assert [r.to_json() for r in parallel.records] == [r.to_json() for r in serial.records]
    assert serial.count("failed") == 1 and serial.count("skipped") == 1
