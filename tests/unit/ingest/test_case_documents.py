"""A municipal case document (saksframlegg) with the report as its attachment: the
proposed decision and the case text say the figures in sentences ('Det meldes et samlet
behov på kr 1 310 000, hvorav …'; under the heading 'Tiltak 1 – …': 'Tiltaket har en
samlet ramme på kr 600 000'), and the attachment's table gives them again in a column
headed 'Kommunens andel'. Every figure is read once and the sentences are restatements,
not unread money. The text is written by these tests (municipality and university names
are real, the people and figures are not)."""

from __future__ import annotations

from reading import parse_text, unread

CASE = (
    "Saksframlegg\n"
    "\n"
    "Behovsmelding 2026 – desentralisert ordning for kompetanseutvikling i "
    "grunnskolen (Dekomp)\n"
    "\n"
    "Kommunedirektørens forslag til vedtak\n"
    "1. Hovedutvalget slutter seg til behovsmeldingen. Det meldes et samlet behov på "
    "kr 1 020 000, hvorav kr 370 000 er kommunens andel og kr 650 000 er andelen til "
    "universitet/høgskole.\n"
    "\n"
    "Saksopplysninger\n"
    "\n"
    "Tiltak 1 – Klasseledelse på barnetrinnet\n"
    "\n"
    "Tiltaket har en samlet ramme på kr 600 000. Kommunens andel er kr 220 000, og "
    "Nord universitets andel er kr 380 000.\n"
    "\n"
    "Tiltak 2 – Skriving i alle fag\n"
    "\n"
    "Tiltaket går våren 2026 og har en ramme på kr 420 000, fordelt med kr 150 000 "
    "på kommunen og kr 270 000 på NTNU.\n"
    "\n"
    "Vedlegg 1: Behovsmelding\n"
    "\n"
    "Skoleeier\tSteinkjer kommune, org.nr. 840 029 212\n"
    "UH i partnerskapet\tNord universitet; NTNU – Skrivesenteret\n"
    "Ordning\tDekomp\n"
    "Videreføring av behovsmelding fra 2025?\tNei – ny behovsmelding (tiltak 2 "
    "bygger på 2025)\n"
    "\n"
    "Nr\tTiltak\tUH-partner\tPeriode\tKommunens andel\tUH-andel\tSum\n"
    "1\tKlasseledelse på barnetrinnet\tNord\tH26 + "
    "V27\t220.000,-\t380.000,-\t600.000,-\n"
    "2\tSkriving i alle fag\tNTNU "
    "(Skrivesenteret)\tV26\t150.000,-\t270.000,-\t420.000,-\n"
    "\n"
    "Ordning\tKommunens andel\tUH-andel\tSum\n"
    "Desentralisert ordning (Dekomp)\t370 000\t650 000\t1 020 000\n"
    "\n"
)


def test_a_case_document_reads_its_attachment_and_its_sentences_say_it_again(parser, tmp_path):
    r = parse_text(parser, tmp_path, CASE, "sak.txt")
    got = {m.number: (m.owner_amount, m.uh_amount, m.total_stated) for m in r.measures}
    assert got == {1: (220_000, 380_000, 600_000), 2: (150_000, 270_000, 420_000)}
    assert [(b.scheme, b.owner_amount, b.uh_amount) for b in r.budget] == [
        ("desentralisert", 370_000, 650_000)
    ]
    assert r.continuation is False
    assert {m.number: m.continued for m in r.measures}[2] is True  # 'tiltak 2 bygger på 2025'
    assert not unread(r), unread(r)
