"""A report saved as a delimited export (CSV with a text suffix), read by its syntax. The
rules were found missing on tests/data/unseen/u33; the cases here are written anew."""

from __future__ import annotations

from pathlib import Path

from kompetansekart.ingest.labels import Labels
from kompetansekart.ingest.readers.delimited import delimited_lines, delimiter_of
from kompetansekart.ingest.records import Line

LABELS = Labels.load()


def lines(text: str) -> list[Line]:
    return [Line(n, t, "x.txt") for n, t in enumerate(text.splitlines(), start=1)]


FIELDS = '''\
\ufeff# eksportert fra skjema, 12 felt
nøkkel;verdi;merknad
Eier;Vefsn kommune;
Ordning;Dekomp|Rekomp;
seksjon;Tiltak 1;
Beskrivelse;"Første linje; med semikolon
og en andre linje med ""sitat""";
UH-andel;210000;herav 20 000 til reise
Herav koordinator;;
'''


def test_a_field_export_becomes_label_value_lines():
    found = lines(FIELDS)
    assert delimiter_of(found) == ";"
    out = delimited_lines(found, ";")
    assert [(ln.no, ln.heading, ln.text) for ln in out] == [
        (3, 0, "Eier: Vefsn kommune"),
        (4, 0, "Ordning: Dekomp, Rekomp"),  # a list inside a cell
        (5, 2, "Tiltak 1"),  # a section row is a heading
        (6, 0, "Beskrivelse: Første linje; med semikolon"),  # quotes are the format's
        (7, 0, 'og en andre linje med "sitat"'),  # a line break in a cell, its own number
        (8, 0, "UH-andel: 210000 (herav 20 000 til reise)"),  # a comment is a note
        (9, 0, "Herav koordinator: –"),  # an empty cell is an empty answer
    ]


def test_a_table_export_becomes_rows_of_cells():
    text = "Tiltak,Eier,UH,Sum\nLesing,100000,150000,250000\nRegning,50000,70000,120000\n"
    text += "Skriving,1,2,3\nLek,4,5,9\nSum,155005,220007,375012\n"
    found = lines(text)
    assert delimiter_of(found) == ","
    out = delimited_lines(found, ",")
    assert out[0].text == "Tiltak\tEier\tUH\tSum"
    assert out[1].text == "Lesing\t100000\t150000\t250000"


def test_prose_with_semicolons_is_no_export():
    prose = "\n".join(
        ["Vi har drøftet behovet; tillitsvalgte var med.", "Tiltak 1 er lesing; tiltak 2 er lek."]
        + ["Kort linje uten skilletegn."] * 6
    )
    assert delimiter_of(lines(prose)) is None


def test_labels_about_the_measure_they_stand_in():
    assert LABELS.exact("Ordning tiltak").fields == LABELS.exact("Ordning").fields
    assert "uh" in LABELS.exact("UH tiltak").fields
    assert LABELS.exact("UH tiltak").number is None


EXPORT = """\
felt;verdi;kommentar
Behovsår;2026;
Eier;Vefsn kommune;
Ordning;Dekomp;
Videreføring av behovsmelding fra 2025;nei;"Tildeling 2025: 410000; avsluttet"
seksjon;Tiltak 1;
Tiltaksnavn;Lesing i alle fag;
Ordning tiltak;Dekomp;
Eiers andel;100000;
UH-andel;kr 150 000;
seksjon;Budsjett Dekomp;
Eier;100000;
UH;150000;
Sum;250000;
seksjon;Budsjett Rekomp;
Eier;;ikke aktuelt
UH;;
Sum;;
"""


def test_a_delimited_export_end_to_end(tmp_path: Path, parser):
    path = tmp_path / "eksport.txt"
    path.write_text(EXPORT, encoding="utf-8")
    r = parser.parse_file(path)
    assert (r.year, r.schemes, r.continuation) == (2026, ["desentralisert"], False)
    (m,) = r.measures
    assert (m.name, m.scheme, m.owner_amount, m.uh_amount) == (
        "Lesing i alle fag",
        "desentralisert",
        100_000,
        150_000,
    )
    # 'Budsjett Dekomp' opens that scheme's figures; the empty Rekomp part is no row
    assert [(b.scheme, b.owner_amount, b.uh_amount) for b in r.budget] == [
        ("desentralisert", 100_000, 150_000)
    ]
    assert not r.uh or all(u.name != "Sum" for u in r.uh)  # 'UH;;' is empty, not 'Sum'
    # last year's grant in a choice's remark is named as no budget figure, not left unread
    assert not [d for d in r.diagnostics if d.code.startswith("unread-")]
    assert any("410 000" in d.message for d in r.diagnostics if d.code == "amount-not-budget")


QUESTIONS = """\
# Behovsmelding 2026 – spørsmål og svar

### Hvem er eier?

Levanger kommune (org.nr. 938 587 051) er eier og sender meldingen.

### Er dere med i et kompetansenettverk?

Ja. Levanger er med i Kompetansenettverk Innherred sammen med nabokommunene, men
melder behovet alene.

### Hvem er kontaktpersoner?

- Eier: rådgiver for skole, skole@example.org

### Hvilke tiltak?

- **Tiltak 1: Lesing i alle fag**
  - Formål: gjennomføring av tiltak
  - Periode: høst 2026
  - Kostnad: eier kr 100 000 og NTNU kr 150 000, til sammen kr 250 000

### Hva koster det?

```
Ordning                          Eier          UH          Sum
---------------------------------------------------------------
Desentralisert ordning        100 000     150 000      250 000
```
"""


def test_a_page_of_questions_as_headings(tmp_path: Path, parser):
    """Each answer stands under its question; a list item 'Tiltak 1: …' over sub-items is
    a measure; a measure's cost split by role and by the UH's name; a network named in a
    sentence; a space-aligned table in a code block is read, figure by figure."""
    path = tmp_path / "sporsmal.md"
    path.write_text(QUESTIONS, encoding="utf-8")
    r = parser.parse_file(path)
    assert r.owner.id == "orgnr:938587051"
    assert r.network is not None and r.network.as_written == "Kompetansenettverk Innherred"
    (m,) = r.measures
    assert (m.number, m.name, m.purpose, m.terms) == (
        1,
        "Lesing i alle fag",
        "gjennomforing",
        ["H2026"],
    )
    assert (m.owner_amount, m.uh_amount, m.total_stated) == (100_000, 150_000, 250_000)
    assert [(b.scheme, b.owner_amount, b.uh_amount) for b in r.budget] == [
        ("desentralisert", 100_000, 150_000)
    ]
    assert not [d.message for d in r.diagnostics if d.code.startswith("unread-")]
