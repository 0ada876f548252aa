"""Wordings the synthetic corpus generator found the parsers mishandling, each pinned on a
variant of a demo report: a 'PPT' units column, a partner row without tab separators whose
company name ends in AS, a letter naming a unit 'ved' its university, and a web-form phase
named with two of its words."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT

REPORTS = ROOT / "demo" / "reports"


def variant(tmp_path: Path, parser, name: str, old: str, new: str):
    text = (REPORTS / name).read_text("utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new), "utf-8")
    return parser.parse_file(path)


def test_units_column_headed_ppt(tmp_path, parser):
    record = variant(
        tmp_path,
        parser,
        "form2024-vefsn.txt",
        "Private skoler\tPP-tjenester",
        "Private skoler\tPPT",
    )
    assert (record.units.kommunale_barnehager, record.units.ppt) == (3, 1)
    assert not [d for d in record.diagnostics if d.field == "units"]


def test_partner_row_without_tabs_splits_company_from_contact(tmp_path, parser):
    record = variant(
        tmp_path,
        parser,
        "form2024-vefsn.txt",
        "1\tVefsn kommune\tKari Nordmann\tEier",
        "1\tVefsn kommune\tKari Nordmann\tEier\n2 Måkeskjæret barnehage AS Per Prøvesen Eier",
    )
    partner = next(p for p in record.partners if "Måkeskjæret" in p.org.name)
    assert (partner.org.name, partner.contact, partner.role) == (
        "Måkeskjæret barnehage AS",
        "Per Prøvesen",
        "eier",
    )


def test_letter_naming_a_unit_at_its_university_keeps_the_unit(tmp_path, parser):
    record = variant(
        tmp_path,
        parser,
        "letter-rodoy.txt",
        "partnerskapet med Nord universitet.",
        "partnerskapet med SePU ved Universitetet i Innlandet.",
    )
    # SePU, not also its host Universitetet i Innlandet; Nord stays (the letter goes on to
    # say that "Nord" helped them).
    assert [u.id for u in record.uh] == ["org:sepu", "orgnr:970940243"]
    assert [p.org.id for p in record.partners if p.role == "uh"] == [u.id for u in record.uh]


def test_web_form_phase_named_with_two_words_counts_once(tmp_path, parser):
    record = variant(
        tmp_path,
        parser,
        "webform-meloy.txt",
        "Fase: Analyse av behov, Planlegging av tiltak",
        "Fase: Analyse/vurdering av behov, Planlegging av tiltak",
    )
    assert record.phases == ["analyse", "planlegging"]
