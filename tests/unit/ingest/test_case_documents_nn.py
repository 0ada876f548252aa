"""A nynorsk case document ('Saksframlegg') whose facts are in paragraphs: the measures
under headings that wrap onto a second line, their terms in sentences, the contact in a
sentence, the phases in a sentence under a title line. Written by these tests
(municipality and university names are real, the people and figures are not)."""

from __future__ import annotations

from reading import parse_text

CASE = """\
SAKSFRAMLEGG

Skuleeigar: Voss herad
Ordning: Dekomp
Behovet gjeld år: 2026

Saksopplysingar:

Partnarskap
Skuleeigar er Voss herad. Kompetansemiljøet er Høgskulen på Vestlandet. Kontaktperson i
heradet er rådgjevar Solveig Lid (solveig.lid@example.org).

Einingar
Med er 11 offentlege grunnskular og PP-tenesta.

Analyse og fase
Behovsmeldinga byggjer på ein gjennomgang våren og hausten 2025 av
nasjonale prøver og fråværstal for skuleåret 2024/25. I 2026 er partnarskapet
i fasane analyse (tiltak 2) og gjennomføring (tiltak 1).

Tiltak 1: Vurdering for læring på ungdomstrinnet
Målgruppa er lærarar på 8.-10. trinn. Tiltaket går over vår og haust 2026, og byggjer på
arbeidet frå hausten 2025. Tiltak 1 byggjer likevel vidare på tiltak 2 i 2025-meldinga.
Eigar: kr 180 000. HVL: 270.000,-. Sum tiltak 1: 450 000 NOK.

Tiltak 2: Bekymringsfullt skulefråvær - felles praksis i laget rundt
eleven
Hausten 2026 skal HVL saman med skulane kartleggje praksis. Eigar 100 000 kr, HVL 150 000
kr, til saman 250 000 kr.

Samiske perspektiv og vidareutdanning
Tiltaka er ikkje knytte til vidareutdanning i 2026.
"""


def test_a_measures_heading_wrapped_after_a_preposition_goes_on(tmp_path, parser):
    r = parse_text(parser, tmp_path, CASE)
    assert [m.name for m in r.measures] == [
        "Vurdering for læring på ungdomstrinnet",
        "Bekymringsfullt skulefråvær - felles praksis i laget rundt eleven",
    ]


def test_a_measures_terms_in_its_sentences_from_the_reports_year_on(tmp_path, parser):
    r = parse_text(parser, tmp_path, CASE)
    # 'hausten 2025' is the work it builds on, before the report's year: no term
    assert r.measures[0].terms == ["V2026", "H2026"]
    assert r.measures[0].continued is True  # 'byggjer likevel vidare på tiltak 2 i 2025'


def test_the_facts_the_paragraphs_state(tmp_path, parser):
    r = parse_text(parser, tmp_path, CASE)
    assert [(c.role, c.email) for c in r.contacts if c.role == "eier"] == [
        ("eier", "solveig.lid@example.org")
    ]
    assert r.phases == ["analyse", "gjennomforing"]  # not the title line 'Analyse og fase'
    assert r.linked_to_further_education == "nei"
