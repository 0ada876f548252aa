"""A case system's printout over page breaks: the header again over the rest of the table,
its Sum row with fewer columns than the header, labels shortened ('ANT.', 'M/') and leader
dots that stop short of the colon, names written surname first in capitals, and the UH
named among the contact persons. Written by these tests (municipality and university
names and organisation numbers are real, the people and figures are not)."""

from __future__ import annotations

from pathlib import Path

from reading import parse_text, unread

from kompetansekart.ingest.fill.sentences import unit_counts
from kompetansekart.ingest.fill.values import person

RULE = "-" * 104
PRINTOUT = f"""\
BEHOVSMELDING  -  REGIONAL ORDNING FOR KOMPETANSEUTVIKLING I BARNEHAGE

EIER................: SARPSBORG KOMMUNE
ORDNING.............: REGIONAL ORDNING (REKOMP)
BEHOVSÅR............: 2026
FASE ANALYSE........: N
FASE PLANLEGGING....: J
FASE GJENNOMFØRING..: J

B. KONTAKTPERSONER

KONTAKT EIER........: BRATLI, SIGRID ANNE  (RÅDGIVER BARNEHAGE)
E-POST EIER.........: sigrid.bratli@example.org
UH..................: HØGSKOLEN I ØSTFOLD (HIØ), org.nr 971 567 376
KONTAKT UH..........: LUNDE, PER OLAV  (FØRSTELEKTOR)
E-POST UH...........: per.lunde@example.org

C. TILTAK (BELØP I HELE KRONER)

NR  TILTAK                                  UH    PERIODE          EIER KR        UH KR       SUM KR
{RULE}
1   Språkmiljø i barnehagen                 HIØ   V26 - H26        220 000      380 000      600 000
2   Lek og vennskap                         HIØ   H26              180 000      320 000      500 000

                                                                        *** FORTSETTER PÅ NESTE SIDE ***

C. TILTAK (FORTS.)

NR  TILTAK                                  UH    PERIODE          EIER KR        UH KR       SUM KR
{RULE}
3   Styrernettverk: ledelse av utvikling    HIØ   H26              100 000      150 000      250 000
{RULE}
    SUM ALLE TILTAK                                                500 000      850 000    1 350 000

D. ANDRE OPPLYSNINGER

SAMMENHENG M/VIDEREUTDANNING : N

KODER: J=JA  N=NEI

E. ENHETER SOM INNGÅR

ANT. KOMMUNALE BARNEHAGER    :   20
ANT. PRIVATE BARNEHAGER      :   27
ANT. PP-TJENESTER            :    1
"""  # noqa: E501 (a printout's width)


def test_a_sum_row_with_fewer_columns_stands_under_the_columns_it_is_under(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, PRINTOUT)
    third = next(m for m in r.measures if m.number == 3)
    assert (third.name, third.terms) == ("Styrernettverk: ledelse av utvikling", ["H2026"])
    assert [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        ("regional", 500_000, 850_000, 1_350_000)
    ]
    assert not unread(r)


def test_leader_dots_short_of_the_colon_and_short_forms_are_labels(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, PRINTOUT)
    assert r.phases == ["planlegging", "gjennomforing"]
    assert r.linked_to_further_education == "nei"
    assert (r.units.kommunale_barnehager, r.units.private_barnehager, r.units.ppt) == (20, 27, 1)


def test_the_uh_among_the_contacts_is_the_uh_and_its_person_a_contact(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, PRINTOUT)
    assert [u.id for u in r.uh] == ["orgnr:971567376"]
    assert {(c.role, c.email) for c in r.contacts} == {
        ("eier", "sigrid.bratli@example.org"),
        ("uh", "per.lunde@example.org"),
    }


def test_a_register_writes_the_surname_first_in_capitals():
    assert person("BRATLI, SIGRID ANNE (RÅDGIVER)").name == "SIGRID ANNE BRATLI"
    # a function and a unit, or a function and an institution, are no name
    assert person("Universitetslektor, ILU").name is None
    assert person("RÅDGIVER, NTNU").name is None


def test_a_figure_after_a_kinds_label_counts_that_kind():
    said = dict(
        unit_counts(
            "Kommunale barnehager: – Private barnehager: – Offentlige skoler: 38 "
            "Private skoler: 0 PPT: 1"
        )
    )
    assert (said.get("offentlige_skoler"), said.get("private_skoler"), said.get("ppt")) == (
        38,
        0,
        1,
    )
    # the words before a figure still count it where no label's colon stands before it
    assert dict(unit_counts("Med er 7 kommunale barnehager og 2 private barnehager")) == {
        "kommunale_barnehager": 7,
        "private_barnehager": 2,
    }
