"""A letter numbered as an outline ('3 Tiltak' over '3.1 …', '3.2 …'), run-in headings over
paragraphs that say more than their field, and a fixed-width form whose values wrap and
whose sums are written in millions.

The reports here are written for these tests (municipality and university names are real,
the people, addresses and figures are not)."""

from __future__ import annotations

from pathlib import Path

from reading import parse_text, unread

from kompetansekart.ingest.amounts import find_amounts

LETTER = """\
**Behovsmelding for 2026 – desentralisert ordning for kompetanseutvikling i grunnskolen (Dekomp)**

**1 Bakgrunn**

Meldingen gjelder grunnskolen (1.–10. trinn). Partnerskapet omfatter 4 kommunale \
grunnskoler, 0 private skoler og PP-tjenesten (1 enhet). Skolene arbeider med lesing.

Kommunen gjennomførte analysefasen høsten 2025 sammen med skolene. For 2026 meldes behov \
for **planlegging** og **gjennomføring**.

**2 Partnerskap**

**Eier:** Alta kommune, org.nr. 944588132. Kontaktperson: Kari Testdatter, rådgiver, \
kari@example.org.

**UH:** UiT Norges arktiske universitet, org.nr. 970 422 528. Kontaktperson: Ola Prøvesen, \
universitetslektor, ola@example.org.

**Kompetansenettverk:** Kommunen er medlem av RSK Vest-Finnmark, som samordner meldingene \
fra medlemskommunene.

**Medbestemmelse:** Tillitsvalgte har deltatt i arbeidet. Meldingen er drøftet med \
Utdanningsforbundet i møte 14.01.2026. Fagforbundet er orientert.

**3 Tiltak**

**3.1 Samisk begynneropplæring – lesing på 1.–4. trinn**

Målgruppe: lærere på 1.–4. trinn.

**Eier (kommunen)**\tkr 100 000
**UH (UiT)**\tkr 200 000
**Sum tiltak**\tkr 300 000
**Periode**\tHøsten 2026

**3.2 Klasseledelse og skolemiljø**

Målgruppe: lærere på alle trinn.

**Eier (kommunen)**\t50.000,-
**UH (UiT)**\t150.000,-
**Sum tiltak**\t200.000,-
**Periode**\tVår 2027
"""


def test_the_sub_headings_of_the_measures_part_are_the_measures(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, LETTER, "brev.md")
    assert [(m.number, m.name) for m in r.measures] == [
        (1, "Samisk begynneropplæring – lesing på 1.–4. trinn"),
        (2, "Klasseledelse og skolemiljø"),
    ]
    first, second = r.measures
    assert (first.owner_amount, first.uh_amount, first.total_stated) == (100_000, 200_000, 300_000)
    assert (second.owner_amount, second.uh_amount, second.total_stated) == (
        50_000,
        150_000,
        200_000,
    )
    assert first.terms == ["H2026"] and second.terms == ["V2027"]


def test_a_numbered_bold_line_starting_with_a_long_label_is_no_heading(tmp_path: Path, parser):
    text = LETTER.replace(
        "**3.1 Samisk begynneropplæring – lesing på 1.–4. trinn**",
        "**3.1 Navn på tiltak Samisk begynneropplæring**",
    )
    r = parse_text(parser, tmp_path, text, "brev.md")
    assert "Samisk begynneropplæring – lesing på 1.–4. trinn" not in [m.name for m in r.measures]


def test_a_run_in_paragraph_is_read_sentence_by_sentence(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, LETTER, "brev.md")
    assert r.sector == "grunnskole"
    units = r.units
    assert (units.offentlige_skoler, units.private_skoler, units.ppt) == (4, 0, 1)
    # the phase carried out last year is over; the ones asked for are named
    assert r.phases == ["planlegging", "gjennomforing"]
    assert r.network is not None and r.network.name == "RSK Vest-Finnmark"


def test_the_contact_on_a_partys_line_is_that_partys(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, LETTER, "brev.md")
    assert {(c.name, c.role, c.email) for c in r.contacts} == {
        ("Kari Testdatter", "eier", "kari@example.org"),
        ("Ola Prøvesen", "uh", "ola@example.org"),
    }


def test_a_union_only_told_took_no_part(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, LETTER, "brev.md")
    assert r.union_consultation.held is True
    assert r.union_consultation.unions == ["Utdanningsforbundet"]


FIXED_WIDTH = """\
Del A – Eigar
1.1 Eigar:                                          Sogndal kommune

C1
1.1 Namn på tiltaket:                               Språk og leik i barnehagen – samtalar
                                                    med dei yngste
1.2 Periode:                                        haust 2026
1.3 Eigar:                                          kr 130 000
1.4 UH:                                             kr 300 000
1.5 Sum tiltak:                                     NOK 0,43 mill.

Del B – Einingar
1.6 PPT-kontor som er med:                          1
"""


def test_a_name_wrapped_under_its_value_column_is_one_name(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, FIXED_WIDTH)
    assert [m.name for m in r.measures] == ["Språk og leik i barnehagen – samtalar med dei yngste"]


def test_a_sum_in_millions_after_its_currency_is_read_in_millions(tmp_path: Path, parser):
    assert [a.value for a in find_amounts("NOK 0,43 mill.")] == [430_000]
    assert [a.value for a in find_amounts("kr 80 tusen")] == [80_000]
    assert [a.value for a in find_amounts("1 200 000 kr (1,2 mill.)")] == [1_200_000, 1_200_000]
    r = parse_text(parser, tmp_path, FIXED_WIDTH)
    assert r.measures[0].total_stated == 430_000
    assert not unread(r)


def test_the_ppt_office_is_the_ppt_count(tmp_path: Path, parser):
    r = parse_text(parser, tmp_path, FIXED_WIDTH)
    assert r.units.ppt == 1
