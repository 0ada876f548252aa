"""A report kept as a note in a Markdown vault (Obsidian with Dataview): fields written
'Eier:: …' and '[ordning:: …]', links '[[…]]' and '[[…|alias]]', callouts ('> [!info] …')
holding remarks, last year's grant and an example budget from the guidance. Written by
these tests (municipality and university names are real, the people and figures are
not)."""

from __future__ import annotations

from reading import parse_text, reasons, unread

from kompetansekart.ingest.readers.obsidian import vault_lines
from kompetansekart.ingest.records import Line

NOTE = """---
tags:
  - behovsmelding
  - "2026"
---

# Behovsmelding Rekomp 2026 – Lillehammer kommune

Dette er behovsmeldingen for (år:: 2026) under [ordning:: Rekomp] for barnehagene.

Eier:: Lillehammer kommune

> [!info] Om partnerskapet
> Partnerskapet består av kommunen og [[Høgskolen i Innlandet]] [nettverk:: ingen].

> [!note]- Tildeling 2025 (til orientering)
> I fjor fikk vi tildelt kr 690 000 til Rekomp: eier 290.000,- og HINN 400.000,-.

**Viderefører vi behovsmeldingen fra 2025?**
- [ ] Ja
- [x] Nei – nye tiltak, se [[Behovsmelding Rekomp 2025]]

## Tiltak 1 – Språkmiljø

brukes til:: gjennomføring
UH:: [[Høgskolen i Innlandet]]
eier:: kr 150 000
UH-andel:: 250.000,-
sum:: 400 000 NOK

> [!warning] Eksempelbudsjett fra veilederen – IKKE vårt
> | Post | Eier | UH | Sum |
> |---|---:|---:|---:|
> | Eksempeltiltak A | 100 000 | 200 000 | 300 000 |
> | Sum | 100 000 | 200 000 | 300 000 |

## Samlet behov 2026

| Ordning | Eier | UH | Sum |
|---|---:|---:|---:|
| Rekomp | 150 000 | 250 000 | 400 000 |
"""


def test_a_vault_notes_markup_reads_as_the_text_it_shows():
    lines = [
        Line(1, "Eier:: Lillehammer kommune", "n.md"),
        Line(2, "- Kontakt UH:: Torstein Lien", "n.md"),
        Line(
            3, "for (år:: 2026) under [ordning:: Rekomp], se [[Tiltak 2 – Språk|tiltak 2]]", "n.md"
        ),
        Line(4, "Se ![[Analyse#Funn]] og [[Analyse 2025#Funn]].", "n.md"),
        Line(5, "> [!info] Om partnerskapet", "n.md"),
        Line(6, "> Kommunen og [[Høgskolen i Innlandet]]", "n.md"),
        Line(7, "> Et vanlig sitat", "n.md"),
    ]
    got = [line.text for line in vault_lines(lines[:6])] + [vault_lines(lines[6:])[0].text]
    assert got == [
        "Eier: Lillehammer kommune",
        "- Kontakt UH: Torstein Lien",
        "for (år: 2026) under (ordning: Rekomp), se tiltak 2",
        "Se  og Analyse 2025.",
        "**Om partnerskapet**",
        "Kommunen og Høgskolen i Innlandet",
        "> Et vanlig sitat",  # a quote outside a callout stays a quote
    ]


def test_a_vault_note_reads_its_fields_and_names_its_callouts_figures(parser, tmp_path):
    r = parse_text(parser, tmp_path, NOTE, "notat.md")
    assert r.owner.id == "orgnr:945578564"
    assert r.year == 2026 and r.schemes == ["regional"]
    assert r.network is None
    assert r.continuation is False
    m = r.measures[0]
    assert (m.owner_amount, m.uh_amount, m.total_stated, m.purpose) == (
        150_000,
        250_000,
        400_000,
        "gjennomforing",
    )
    assert m.uh is not None and m.uh.id == "orgnr:918108467"
    assert [(b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        (150_000, 250_000, 400_000)
    ]
    notes = reasons(r)
    assert any("690 000 kr" in n and "earlier year's grant" in n for n in notes), notes
    assert any("300 000 kr" in n and "example" in n for n in notes), notes
    assert not unread(r), unread(r)


def test_an_example_table_is_never_the_budget(parser, tmp_path):
    text = (
        "# Behovsmelding Rekomp 2026\n\nEier: Lillehammer kommune\n\n"
        "## Tiltak 1 – Leik\n\neier: kr 80 000\nUH-andel: kr 20 000\n\n"
        "**Eksempelbudsjett fra veilederen**\n\n"
        "| Post | Eier | UH | Sum |\n|---|---:|---:|---:|\n"
        "| Eksempeltiltak A | 100 000 | 200 000 | 300 000 |\n"
        "| Sum | 100 000 | 200 000 | 300 000 |\n"
    )
    r = parse_text(parser, tmp_path, text, "eksempel.md")
    assert all(b.total_stated != 300_000 for b in r.budget), r.budget
    assert [(m.owner_amount, m.uh_amount) for m in r.measures] == [(80_000, 20_000)]
    # a table of people one of whom is called Eksempelsen is no example
    people = (
        "Behovsmelding 2026\nEier: Hemnes kommune\n\n"
        "Kontaktpersoner: Kari Eksempelsen og Per Testesen\n\n"
        "\tEier\tUH\nNavn\tKari Eksempelsen\tPer Testesen\n"
        "E-post\tkari.eksempelsen@example.org\tper.testesen@example.org\n"
    )
    r = parse_text(parser, tmp_path, people, "folk.txt")
    assert [c.email for c in r.contacts] == [
        "kari.eksempelsen@example.org",
        "per.testesen@example.org",
    ]
