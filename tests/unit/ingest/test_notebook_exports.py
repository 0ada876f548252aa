"""A page exported from a notebook (OneNote, Teams): emoji for the boxes ('✅', '⬜',
'❌', '✔️') and before the headings ('📌', '1️⃣'), a table whose first column is '#',
terms as columns ticked per measure, people one per line under 'Kontaktpersonar', the
network named in a sentence, and a question whose ticked answer ends it.

The page is written for these tests (municipality, university and union names are real,
the people and figures are not)."""

from __future__ import annotations

from reading import parse_text, unread

PAGE = """\
# Behovsmelding Dekomp 2026 – Ålesund kommune

**Skuleeigar:** Ålesund kommune
**Kompetansemiljø:** NTNU

**Ordning**
✅ Dekomp (desentralisert ordning)   ⬜ Rekom   ⬜ Kompetanseløftet

**Fase(r) partnarskapet er i**
❌ Analyse
✅ Planlegging
✅ Gjennomføring

**Vidareføring av behovsmeldinga frå 2025?**
⬜ Ja   ✔️ Nei

Ålesund er med i **Kompetansenettverk Sunnmøre**, som samordnar arbeidet på Sunnmøre.

## 👥 Kontaktpersonar

- **Solveig Vik** – rådgjevar skule, Ålesund kommune – solveig@example.org
- **Ingrid Strand** – høgskulelektor, NTNU – ingrid@example.org

## 🗂️ Tiltak

| # | Tiltak | Haust 2026 | Vår 2027 | Haust 2027 | Eigar | NTNU | Sum |
|---|---|:---:|:---:|:---:|---:|---:|---:|
| 1 | Leiing av utviklingsarbeid | ✅ | ✅ | ⬜ | kr. 250.000 | kr. 300.000 | kr. 550.000 |
| 2 | Matematikk | ⬜ | ✅ | ✅ | kr. 150.000 | kr. 200.000 | kr. 350.000 |

### 1️⃣ Leiing av utviklingsarbeid

Bruk av midlane: ⬜ Vurdering   ⬜ Planlegging   ✅ Gjennomføring

### 2️⃣ Matematikk

Bruk av midlane: ⬜ Vurdering   ✅ Planlegging   ⬜ Gjennomføring
"""


def test_emoji_marks_are_boxes(parser, tmp_path):
    r = parse_text(parser, tmp_path, PAGE, "alesund.md")
    assert r.schemes == ["desentralisert"]
    assert r.phases == ["planlegging", "gjennomforing"]
    assert r.continuation is False


def test_a_table_of_measures_with_a_hash_column_and_ticked_terms(parser, tmp_path):
    r = parse_text(parser, tmp_path, PAGE, "alesund.md")
    got = {
        m.number: (m.name, m.owner_amount, m.uh_amount, m.total_stated, m.terms) for m in r.measures
    }
    assert got == {
        1: ("Leiing av utviklingsarbeid", 250_000, 300_000, 550_000, ["H2026", "V2027"]),
        2: ("Matematikk", 150_000, 200_000, 350_000, ["V2027", "H2027"]),
    }
    assert not unread(r)


def test_a_keycap_numbered_heading_is_its_measures_part(parser, tmp_path):
    r = parse_text(parser, tmp_path, PAGE, "alesund.md")
    assert [m.purpose for m in sorted(r.measures, key=lambda m: m.number)] == [
        "gjennomforing",
        "planlegging",
    ]


def test_people_one_per_line_and_the_network_in_a_sentence(parser, tmp_path):
    r = parse_text(parser, tmp_path, PAGE, "alesund.md")
    assert {(c.name, c.role, c.email) for c in r.contacts} == {
        ("Solveig Vik", "eier", "solveig@example.org"),
        ("Ingrid Strand", "uh", "ingrid@example.org"),  # a surname that is a place
    }
    assert r.network is not None and r.network.as_written == "Kompetansenettverk Sunnmøre"
