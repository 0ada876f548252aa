"""A case system's printout: labels with dot leaders and a colon, a table of measures in
fixed-width columns whose names wrap in their column, and a heading that names a field
over one 'TILTAK N :' line per measure. Written by these tests (municipality and
university names are real, the people and figures are not)."""

from __future__ import annotations

from pathlib import Path

from reading import parse_text

PRINTOUT = """\
BEHOVSMELDING  -  REGIONAL ORDNING

EIER................: SARPSBORG KOMMUNE
ORDNING.............: REGIONAL ORDNING (REKOMP)
REGION/NETTVERK.....: NEDRE GLOMMA
BEHOVSÅR............: 2026

C. TILTAK (BELØP I HELE KRONER)

NR  TILTAK                                  UH    PERIODE          EIER KR        UH KR       SUM KR
--------------------------------------------------------------------------------------------------------
1   Språkmiljø og tidlig språkstimulering   HIØ   V26 - H26        220 000      380 000      600 000
    for flerspråklige barn
2   Lek, vennskap og inkluderende           HIØ   H26 - V27        180 000      320 000      500 000
    barnehagemiljø

MÅLGRUPPER:
  TILTAK 1 : Pedagogiske ledere og barnehagelærere.
  TILTAK 2 : Alle ansatte i barnehagene.
"""


def test_a_colon_after_the_dots_is_no_part_of_the_value(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, PRINTOUT)
    assert r.network is not None and r.network.name == "NEDRE GLOMMA"
    assert (r.year, r.schemes) == (2026, ["regional"])


def test_a_name_wrapped_in_its_column_is_one_name(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, PRINTOUT)
    assert [
        (m.number, m.name, m.owner_amount, m.uh_amount, m.total_stated) for m in r.measures
    ] == [
        (
            1,
            "Språkmiljø og tidlig språkstimulering for flerspråklige barn",
            220_000,
            380_000,
            600_000,
        ),
        (2, "Lek, vennskap og inkluderende barnehagemiljø", 180_000, 320_000, 500_000),
    ]


def test_a_field_heading_over_lines_per_measure_names_no_measure(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, PRINTOUT)
    first, second = r.measures
    assert "laerere" in first.target_groups or "barnehagelaerere" in first.target_groups
    assert first.name.startswith("Språkmiljø") and second.name.startswith("Lek")
