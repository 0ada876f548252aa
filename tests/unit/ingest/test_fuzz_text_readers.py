"""Fuzzing the text readers and the parser behind them with arbitrary bytes: a file either
gives a record or an IngestError naming it; no other exception escapes.

Bounded so that it runs in CI in seconds (hypothesis keeps a database of failures in
.hypothesis/, which replays them first next time)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompetansekart.ingest.errors import IngestError
from kompetansekart.ingest.records import NeedsReport

PREFIXES = st.sampled_from(
    [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"PK\x03\x04", b"%PDF-1.4\n"]
)
NORWEGIAN = st.sampled_from(
    [
        "Eier: Bodø kommune\n".encode(),
        "Eier: Bodø kommune\n".encode("cp1252"),
        "Tiltak 1\tNord universitet\t200 000\n".encode("utf-16"),
        b"Ja \xe2\x98\x92 Nei \xe2\x98\x90\n",
        b"Bod\xc3\x83\xc2\xb8\n",  # double-encoded
        b"\r\n\r\n\x0c\x1b[31m",
        b"| a | b |\n|---|---|\n| 1 | 2 |\n",
    ]
)
BYTES = st.lists(st.one_of(st.binary(max_size=80), NORWEGIAN), max_size=12).map(b"".join)


@pytest.fixture(scope="module")
def sample_bytes(corpus_dir: Path) -> list[bytes]:
    return [p.read_bytes() for p in sorted(corpus_dir.glob("*.txt"))]


def _parse(parser, path: Path) -> None:
    try:
        record = parser.parse_file(path)
    except IngestError as exc:
        assert str(path) in str(exc)
        return
    assert isinstance(record, NeedsReport)
    assert record.source.path == str(path)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(prefix=PREFIXES, body=BYTES, suffix=st.sampled_from([".txt", ".md"]))
def test_any_bytes_give_a_record_or_an_ingest_error(tmp_path, parser, prefix, body, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(prefix + body)
    _parse(parser, path)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_mutated_real_samples_give_a_record_or_an_ingest_error(
    tmp_path, parser, sample_bytes, data
):
    raw = bytearray(data.draw(st.sampled_from(sample_bytes)))
    for _ in range(data.draw(st.integers(1, 20))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(raw)))
    path = tmp_path / "mutated.txt"
    path.write_bytes(bytes(raw[:cut]))
    _parse(parser, path)
