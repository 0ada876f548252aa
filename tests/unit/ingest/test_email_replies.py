"""A report sent as an e-mail reply: the form in the quoted message ('> '), measures as
one line each with their facts between dashes ('Tiltak 1) … – UH – terms – eier … / UH
…'), lines hard-wrapped at the e-mail's width, the unions in the consultation answer, a
scheme's budget line, and the instruction's example figures quoted below it.

The messages are written for these tests (municipality, university and union names are
real, the people and figures are not)."""

from __future__ import annotations

from reading import parse_text, reasons, unread

REPLY = """\
Fra: Hanne Krogstad <hanne@example.org>
Sendt: tirsdag 27. januar 2026 09:42
Til: Ingrid Bakke <ingrid@example.org>
Emne: SV: Behovsmelding Rekomp 2026

Hei, her er skjemaet fylt ut.

Med vennlig hilsen
Hanne Krogstad

> Ordning: Regional ordning (Rekomp)
> År behovet gjelder: 2026
> Barnehageeier: Sarpsborg kommune
> Universitet/høgskole: Høgskolen i Østfold
> Kontaktperson eier: Hanne Krogstad, rådgiver barnehage,
>   hanne@example.org
>
> Tiltak:
> Tiltak 1) Språkmiljø i barnehagen – Høgskolen i Østfold – vår 2026 og høst 2026 – \
eier 120 000 / UH 250 000 / sum 370 000
>     Bruk av midlene: gjennomføring av tiltak
> Tiltak 2) Styrere som utviklingsledere – Høgskolen i
> Østfold – høst 2026 og videre – eier 60 000 / UH 110 000 / sum
> 170 000
>     Bruk av midlene: planlegging av tiltak
>
> Budsjett totalt Rekomp 2026: eier 180 000 / UH 360 000 / sum 540 000
>
> Drøftet med tillitsvalgte: Ja – Utdanningsforbundet Sarpsborg, Fagforbundet og
>   Delta (PBL er orientert, men er ikke tillitsvalgt part)
>
> > Statsforvalteren inviterer med dette til å melde behov for kompetanseutvikling i
> > barnehage for 2026. Fyll inn malen og svar på denne e-posten innen 30. januar.
> > Husk å fordele beløpet for hvert tiltak mellom eier og UH, f.eks.
> > 150 000 til eier og 300 000 til UH, sum 450 000 for et tiltak.
"""


def measures(r):
    return {
        m.number: (m.name, m.purpose, m.terms, m.owner_amount, m.uh_amount, m.total_stated)
        for m in r.measures
    }


def test_the_form_in_the_quoted_message_is_read(parser, tmp_path):
    r = parse_text(parser, tmp_path, REPLY, "sarpsborg.txt")
    assert (r.year, r.schemes, r.owner.name) == (2026, ["regional"], "Sarpsborg kommune")
    assert [u.name for u in r.uh] == ["Høgskolen i Østfold"]
    assert {(c.name, c.email) for c in r.contacts} == {("Hanne Krogstad", "hanne@example.org")}


def test_a_measure_on_one_line_with_its_facts_between_dashes(parser, tmp_path):
    r = parse_text(parser, tmp_path, REPLY, "sarpsborg.txt")
    assert measures(r) == {
        1: (
            "Språkmiljø i barnehagen",
            "gjennomforing",
            ["V2026", "H2026"],
            120_000,
            250_000,
            370_000,
        ),
        2: (
            "Styrere som utviklingsledere",
            "planlegging",
            ["H2026", "videre"],
            60_000,
            110_000,
            170_000,
        ),
    }


def test_a_schemes_budget_line_among_the_budgets_words(parser, tmp_path):
    r = parse_text(parser, tmp_path, REPLY, "sarpsborg.txt")
    assert [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        ("regional", 180_000, 360_000, 540_000)
    ]


def test_the_unions_named_in_the_consultation_answer(parser, tmp_path):
    # PBL, told but no party, is in a remark of its own: the unions before it stand
    r = parse_text(parser, tmp_path, REPLY, "sarpsborg.txt")
    assert r.union_consultation.held is True
    assert set(r.union_consultation.unions) == {"Utdanningsforbundet", "Fagforbundet", "Delta"}


def test_an_instructions_example_figures_are_no_budget_figures(parser, tmp_path):
    r = parse_text(parser, tmp_path, REPLY, "sarpsborg.txt")
    assert any("an example" in m and "150 000" in m for m in reasons(r)), reasons(r)
    assert not unread(r)


def test_a_reply_that_holds_the_form_itself_keeps_its_quote_as_written(parser, tmp_path):
    # the corrected report above, the original quoted below: the quote is the old version
    head, _, quote = REPLY.partition("\n> ")
    quote = "> " + quote
    form = [line[2:] for line in quote.splitlines() if not line.startswith("> >")]
    corrected = "\n".join(form).replace(
        "eier 120 000 / UH 250 000 / sum 370 000", "eier 130 000 / UH 250 000 / sum 380 000"
    )
    corrected = corrected.replace(
        "eier 180 000 / UH 360 000 / sum 540 000", "eier 190 000 / UH 360 000 / sum 550 000"
    )
    text = f"{head}\nKorrigert skjema:\n\n{corrected}\n\n-----Opprinnelig melding-----\n{quote}"
    r = parse_text(parser, tmp_path, text, "sarpsborg.txt")
    assert r.measures[0].owner_amount == 130_000
    assert [(b.owner_amount, b.total_stated) for b in r.budget] == [(190_000, 550_000)]
    assert not [m for m in unread(r) if "190 000" in m or "550 000" in m]


def test_the_quote_is_the_report_only_when_the_form_is_there():
    from kompetansekart.ingest.readers.quoted import is_quoted
    from kompetansekart.ingest.records import Line

    def lines(text: str) -> list[Line]:
        return [Line(n, t) for n, t in enumerate(text.splitlines(), start=1)]

    assert is_quoted(lines(REPLY))  # a short note above the quoted form
    form = "\n".join(
        line[2:] for line in REPLY.splitlines() if line.startswith("> ") and ":" in line
    )
    # a corrected form above the quoted original: the quote is the old version
    assert not is_quoted(lines(form + "\n\n" + REPLY))
