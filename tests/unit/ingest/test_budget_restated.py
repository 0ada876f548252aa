"""A budget table with dashes in its empty rows, and a sentence that says its figures
again: the table's row is the budget, the sentence is no second row and its figures are
read, and a sentence of other figures is still reported.

The reports are written for these tests (the names are real, the figures are not)."""

from __future__ import annotations

from reading import parse_text, unread

BUDGET = """\
# Behovsmelding 2026

Eigar: Sunnfjord kommune
Kompetansemiljø: Høgskulen på Vestlandet

## Budsjett 2026

Samla søkjer partnarskapet om kr 980 000 for 2026. Av dette går kr 360 000 til Sunnfjord \
kommune som eigar og kr 620 000 til Høgskulen på Vestlandet.

| Ordning | Eigar | UH | Samla |
|---|---|---|---|
| Regional ordning (Rekomp) | 360 000 | 620 000 | 980 000 |
| Desentralisert ordning (Dekomp) | – | – | – |
| Kompetanseløftet | – | – | – |
"""


def rows(r):
    return [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget]


def test_dashes_in_a_budget_table_are_empty_cells(parser, tmp_path):
    r = parse_text(parser, tmp_path, BUDGET, "sunnfjord.md")
    assert rows(r) == [("regional", 360_000, 620_000, 980_000)]


def test_a_sentence_that_says_the_tables_figures_again_is_read(parser, tmp_path):
    r = parse_text(parser, tmp_path, BUDGET, "sunnfjord.md")
    assert not unread(r)


def test_a_sentence_of_other_figures_beside_the_table_is_still_reported(parser, tmp_path):
    text = BUDGET.replace("kr 980 000 for 2026", "kr 990 000 for 2026")
    r = parse_text(parser, tmp_path, text, "sunnfjord.md")
    assert rows(r) == [("regional", 360_000, 620_000, 980_000)]
    assert any("990 000" in m for m in unread(r)), unread(r)
