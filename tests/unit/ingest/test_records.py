"""Records survive a JSON round trip (the store keeps them as JSON)."""

from __future__ import annotations

import pytest

from kompetansekart.ingest.records import from_json, redact


@pytest.mark.corpus
def test_json_round_trip_is_lossless(samples):
    for report in samples.values():
        assert from_json(report.to_json()).to_json() == report.to_json()


@pytest.mark.corpus
def test_redact_removes_people_and_keeps_organisations(samples):
    r = redact(samples["004"])
    assert r.contacts == [] and all(p.contact is None for p in r.partners)
    assert len(r.partners) == 19 and samples["004"].contacts  # the original is untouched
