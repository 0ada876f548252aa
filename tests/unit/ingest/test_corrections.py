"""A correction stated in words above the form it corrects: applied only where it names
the field and the figure it replaces, reported on its line, and never a guess.

The reports are written for these tests (the names are real, the people and figures are
not)."""

from __future__ import annotations

import pytest
from reading import parse_text, unread

FORM = """\
Ordning: Regional ordning (Rekomp)
År behovet gjelder: 2026
Barnehageeier: Sarpsborg kommune
Universitet/høgskole: Høgskolen i Østfold

Tiltak 1) Språkmiljø – Høgskolen i Østfold – høst 2026 – eier 120 000 / UH 250 000 / sum 370 000
Tiltak 2) Lek og vennskap – Høgskolen i Østfold – høst 2026 – eier 90 000 / UH 180 000 / sum 270 000

Budsjett totalt Rekomp 2026: eier 210 000 / UH 430 000 / sum 640 000
"""
NOTE = (
    "Beklager, i skjemaet under står UH-beløpet for tiltak 2 som 180 000, riktig er 200 000 kr. "
    "Sum for tiltak 2 blir da 290 000 kr (ikke 270 000), samlet UH-beløp blir 450 000 kr, "
    "og totalt meldt behov blir 660 000 kr (ikke 640 000).\n\n"
)


def figures(r):
    m2 = next(m for m in r.measures if m.number == 2)
    (b,) = r.budget
    return (m2.uh_amount, m2.total_stated), (b.owner_amount, b.uh_amount, b.total_stated)


def codes(r, code):
    return [d for d in r.diagnostics if d.code == code]


def test_a_correction_above_the_form_is_applied_and_reported(parser, tmp_path):
    r = parse_text(parser, tmp_path, NOTE + FORM)
    assert figures(r) == ((200_000, 290_000), (210_000, 450_000, 660_000))
    assert len(codes(r, "corrected")) == 4
    assert all(d.line == 1 for d in codes(r, "corrected"))
    assert not unread(r)


def test_a_form_that_holds_the_corrected_figures_is_left_as_it_is(parser, tmp_path):
    fixed = FORM.replace("UH 180 000 / sum 270 000", "UH 200 000 / sum 290 000")
    fixed = fixed.replace("UH 430 000 / sum 640 000", "UH 450 000 / sum 660 000")
    r = parse_text(parser, tmp_path, NOTE + fixed)
    assert figures(r) == ((200_000, 290_000), (210_000, 450_000, 660_000))
    assert not codes(r, "corrected")


def test_a_correction_of_a_figure_the_form_does_not_hold_changes_nothing(parser, tmp_path):
    note = NOTE.replace("som 180 000", "som 170 000")
    r = parse_text(parser, tmp_path, note + FORM)
    assert figures(r)[0][0] == 180_000
    assert [d.level for d in codes(r, "correction-mismatch")] == ["warning"]


@pytest.mark.parametrize(
    "note",
    [
        "Vi sender skjemaet med retting av tiltak 2 senere.\n\n",  # no figure at all
        "Beklager, samlet UH-beløp blir 450 000 kr.\n\n",  # no figure it replaces
    ],
)
def test_a_sentence_that_names_no_replaced_figure_corrects_nothing(parser, tmp_path, note):
    r = parse_text(parser, tmp_path, note + FORM)
    assert figures(r) == ((180_000, 270_000), (210_000, 430_000, 640_000))
    assert not codes(r, "corrected")
