"""A municipality's wiki page: bold keys with a dash before their values, the measures
and budget pasted as a fenced ```csv block, and a change log whose old figures are the
page's history, not the report.

The page is written for these tests (municipality and university names are real, the
people and figures are not)."""

from __future__ import annotations

from reading import parse_text, reasons, unread

PAGE = """\
# Dekomp 2026 – behovsmelding fra Tønsberg kommune

**Eier** — Tønsberg kommune
**UH-partner** — Universitetet i Sørøst-Norge (USN)
**Kompetansenettverk** — Kompetansenettverket Vestfold midt
**Viderefører behovsmelding fra 2025** — Nei

## Tiltak og budsjett

```csv
nr;tiltak;uh;semestre;eier_kr;uh_kr;sum_kr
1;Lesing og skriving i alle fag;USN;vår 2026, høst 2026;250000;400000;650000
2;"Trygt skolemiljø, klasseledelse og relasjoner";USN;høst 2026;150000;200000;350000
sum;;;;400000;600000;1000000
```

<details><summary>Endringslogg</summary>

- 22.01.2026: UH-beløp endret fra 300000 til 400000 i tiltak 1.

</details>
"""


def test_a_fenced_csv_block_is_a_table(parser, tmp_path):
    r = parse_text(parser, tmp_path, PAGE, "tonsberg.md")
    got = {m.number: (m.name, m.owner_amount, m.uh_amount, m.total_stated) for m in r.measures}
    assert got == {
        1: ("Lesing og skriving i alle fag", 250_000, 400_000, 650_000),
        2: ("Trygt skolemiljø, klasseledelse og relasjoner", 150_000, 200_000, 350_000),
    }
    # the sum row of a one-scheme report's measures is its budget (the title names Dekomp)
    assert [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        ("desentralisert", 400_000, 600_000, 1_000_000)
    ]


def test_bold_keys_with_a_dash_before_their_values(parser, tmp_path):
    r = parse_text(parser, tmp_path, PAGE, "tonsberg.md")
    assert r.network is not None and r.network.as_written == "Kompetansenettverket Vestfold midt"
    assert r.continuation is False


def test_a_change_logs_figures_are_history(parser, tmp_path):
    r = parse_text(parser, tmp_path, PAGE, "tonsberg.md")
    assert any("change log" in m and "300 000" in m for m in reasons(r)), reasons(r)
    assert not unread(r)
