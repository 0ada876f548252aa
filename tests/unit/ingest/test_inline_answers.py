"""An e-mail reply that answers the quoted message's numbered questions under each of
them. Written by these tests (municipality and university names are real, the people and
figures are not)."""

from __future__ import annotations

from reading import parse_text

REPLY = """\
Fra: Hilde Vik <hilde.vik@example.org>
Emne: SV: Behovsmelding 2026 - spørsmål til eierne

Hei, jeg har svart under hvert spørsmål.

-----Opprinnelig melding-----
> 1. Navn på eier og kontaktperson hos eier (navn, stilling,
> e-post).

Ålesund kommune
Kontakt: Hilde Vik, rådgiver oppvekst, hilde.vik@example.org

> 2. Hvilken ordning og hvilket år gjelder meldingen?

Kompetanseløftet for spesialpedagogikk og inkluderende praksis, behov for 2026.

> 4. Er behovsmeldingen en videreføring av fjorårets melding? Hvis ja,
> hvilket år?

Nei, dette er en ny og fullstendig melding.

> 6. Inngår dere i et kompetansenettverk? Hvilket?

Nei, vi melder alene.
"""


def test_each_quoted_question_is_answered_by_the_lines_under_it(tmp_path, parser):
    r = parse_text(parser, tmp_path, REPLY)
    assert (r.year, r.schemes) == (2026, ["kompetanseloftet"])
    assert r.continuation is False  # not the question's 'Hvis ja, hvilket år?'
    assert r.network is None or r.network.name != "Hvilket?"
