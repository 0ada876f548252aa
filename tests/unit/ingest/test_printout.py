"""A case system's fixed-width printout: ruled tables, figures right-aligned under their
headings, answers as codes explained in a legend, short labels, term codes. The rules were
found missing on tests/data/unseen-pending/u31; the cases here are written anew."""

from __future__ import annotations

from pathlib import Path

from kompetansekart.ingest.labels import Labels
from kompetansekart.ingest.readers.ruled import positioned_lines, ruled_lines
from kompetansekart.ingest.records import Line
from kompetansekart.ingest.terms import find_terms

LABELS = Labels.load()


def lines(text: str) -> list[Line]:
    return [Line(n, t, "x.txt") for n, t in enumerate(text.splitlines(), start=1)]


def test_a_ruled_table_is_cut_where_its_rule_says():
    rows = ruled_lines(
        lines(
            "ROLLE ORGANISASJON              ORGNR\n"
            "----- ------------------------- ---------\n"
            "EIER  PORSGRUNN KOMMUNE         939991034\n"
            "UH    UNIVERSITETET I SØRØST-NO 911770709\n"
        )
    )
    assert [r.text.split("\t") for r in rows] == [
        ["ROLLE", "ORGANISASJON", "ORGNR"],
        ["EIER", "PORSGRUNN KOMMUNE", "939991034"],
        ["UH", "UNIVERSITETET I SØRØST-NO", "911770709"],
    ]
    assert [r.no for r in rows] == [1, 3, 4]  # the rule is dropped, numbers kept


def test_a_wrapped_name_joins_its_row_also_across_a_repeated_header():
    rows = ruled_lines(
        lines(
            "NR NAVN                   BELØP\n"
            "-- ---------------------- -------\n"
            " 1 LESING OG SKRIVING I    120.000\n"
            "   ALLE FAG\n"
            "PORSGRUNN KOMMUNE   SIDE 2\n"
            "NR NAVN                   BELØP\n"
            "-- ---------------------- -------\n"
            "   PÅ MELLOMTRINNET\n"
            " 2 MATEMATIKK              80.000\n"
        )
    )
    texts = [r.text for r in rows]
    assert "1\tLESING OG SKRIVING I ALLE FAG PÅ MELLOMTRINNET\t120.000" in texts
    assert "2\tMATEMATIKK\t80.000" in texts
    assert "PORSGRUNN KOMMUNE   SIDE 2" in texts  # not a row: its words cross the columns


def test_figures_right_aligned_under_their_headings_are_cells():
    rows = positioned_lines(
        lines(
            "BEHOV PR ORDNING              EIER-KR   UH-KR\n"
            "DEKOMP                        210.000 340.000\n"
            "REKOMP                              -       -\n"
            "\n"
            "TIDLIGERE TILDELT                 100 200\n"
        )
    )
    assert rows[0].text == "BEHOV PR ORDNING\tEIER-KR\tUH-KR"
    assert rows[1].text == "DEKOMP\t210.000\t340.000"
    assert rows[2].text == "REKOMP\t-\t-"
    assert "\t" not in rows[4].text  # after a blank line, and not under the headings


def test_term_codes_with_two_digit_years_are_read_only_as_a_whole_value():
    assert [t for _, t, _, _ in find_terms("H26 V27 VID")] == ["H2026", "V2027", "videre"]
    assert find_terms("Møtet er i rom H26") == []


def test_a_printouts_short_labels():
    assert LABELS.exact("ANT OFF SKOLER").fields == ("units.offentlige_skoler",)
    assert LABELS.exact("DRØFTET TILLITSV").fields == ("union_held",)  # 'med' left out
    assert LABELS.exact("ANT PPT").fields == ("units.ppt",)  # 'antall' before a count
    assert "owner_amount" in LABELS.exact("EIER-KR").fields
    assert LABELS.exact("ANT SAMLINGER") is None  # 'antall' only before a count's label
    assert LABELS.exact("ANT ANSATTE").fields == ("headcount",)  # a count of people
    assert LABELS.exact("Nasjonalt senter for") is None  # a wrapped line is no label


PRINTOUT = """\
PORSGRUNN KOMMUNE   UTSKRIFT FRA SAK 2026/1187           SIDE 1
BEHOVSÅR              2026
EIER                  PORSGRUNN KOMMUNE
ORGNR                 939991034

KODE: J = JA, N = NEI, I = IKKE RELEVANT

ORDNING DEKOMP        J
ORDNING REKOMP        N
FASE ANALYSE          J
FASE PLANLEGGING      N
VIDEREFØRING          J   FRA BEHOVSÅR 2025
SAMISKE PERSPEKTIV    I
DRØFTET TILLITSV      J
ORGANISASJONER        UTDANNINGSFORBUNDET,
                      DELTA

TILTAK (FORMÅL: V = VURDERING, G = GJENNOMFØRING   NY = NYTT TILTAK)
NR TILTAK                          FORMÅL NY TERMIN        EIER-KR   UH-KR
-- ------------------------------- ------ -- ------------ -------- -------
 1 VURDERING FOR LÆRING I            V    J  H26 V27       150.000 250.000
   UNGDOMSSKOLEN
 2 REGNING I ALLE FAG                G    N  V27            60.000  90.000

KOORDINATOR           TILTAK 2   20.000   (INNGÅR I EIER-KR)

KONTAKTER
NAVN                  STILLING                    E-POST
OLA PRØVELID          RÅDGIVER SKOLE              ola.provelid@example.org
KARI TESTESEN         FØRSTELEKTOR                kari.testesen@example.org

TIL INFORMASJON - TILDELT DEKOMP 2025               90.000 140.000
"""


def test_a_printout_with_a_legend_of_codes(tmp_path: Path, parser):
    path = tmp_path / "utskrift.txt"
    path.write_text(PRINTOUT, encoding="utf-8")
    r = parser.parse_file(path)
    assert r.year == 2026
    assert r.schemes == ["desentralisert"]  # each scheme answered on its own line
    assert r.phases == ["analyse"]
    assert r.continuation is True and r.continues_year == 2025
    assert r.sami_perspective == "ikke_relevant"  # I = IKKE RELEVANT
    assert r.union_consultation.held is True
    assert set(r.union_consultation.unions) == {"Utdanningsforbundet", "Delta"}
    m, second = r.measures
    assert m.name.upper() == "VURDERING FOR LÆRING I UNGDOMSSKOLEN"
    assert m.purpose == "vurdering"  # 'V' in the FORMÅL column: its legend says so
    assert m.terms == ["H2026", "V2027"]  # 'V' in the term codes is still vår
    assert (m.owner_amount, m.uh_amount) == (150_000, 250_000)
    assert (second.number, second.purpose) == (2, "gjennomforing")
    # its label, the measure it is about and its figure, in columns
    assert (m.coordinator_amount, second.coordinator_amount) == (None, 20_000)
    assert [c.email for c in r.contacts] == [  # a list of people, one per row
        "ola.provelid@example.org",
        "kari.testesen@example.org",
    ]
    # last year's grant 'til informasjon' is named as no budget figure; nothing is unread
    assert not [d.message for d in r.diagnostics if d.code.startswith("unread-")]
