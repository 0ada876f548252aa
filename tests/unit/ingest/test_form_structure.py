"""The structure pass (ingest/form/structure.py) on lines written in the ways forms write
them: one label–value pair whatever the separator, choice groups whatever the mark,
sections whatever the heading style. Each case is a few lines of text, read through the
text reader, so what is tested is what a .txt report gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompetansekart.ingest.document import Document
from kompetansekart.ingest.form.model import FlatTable, Pair, Table
from kompetansekart.ingest.form.structure import read_form
from kompetansekart.ingest.labels import Labels
from kompetansekart.ingest.readers.base import split_lines

LABELS = Labels.load()


def form_of(text: str):
    doc = Document.from_lines("t.txt", "txt", split_lines(Path("t.txt"), text))
    return read_form(doc, LABELS)


def only_pair(text: str) -> Pair:
    pairs = form_of(text).pairs()
    assert len(pairs) == 1, pairs
    return pairs[0]


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("Eier: Bodø kommune", "colon"),
        ("Eier ........ Bodø kommune", "leader"),
        ("**Eier** Bodø kommune", "bold"),
        ("1.3 Eier Bodø kommune", "prefix"),
        ("Eier\tBodø kommune", "tab"),
    ],
)
def test_a_label_and_its_value_on_one_line_in_any_style(text: str, style: str):
    pair = only_pair(text)
    assert (pair.label, pair.value, pair.style) == ("Eier", "Bodø kommune", style)
    assert "owner" in pair.fields


def test_a_label_alone_takes_the_next_line_as_its_value():
    form = form_of("Skuleeigar\nVoss herad")
    pair = form.pairs()[0]
    assert "owner" in pair.fields
    assert pair.text(form.doc) == "Voss herad"


@pytest.mark.parametrize(
    "label",
    ["Eigar", "Skoleeier", "Skuleeigar", "Skoleeigar", "Barnehageeier", "Søker", "Innsender"],
)
def test_owner_labels_in_bokmal_nynorsk_and_short_forms(label: str):
    assert LABELS.exact(label).field == "owner"


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Universitet/høgskule", "uh"),
        ("UH-partner", "uh"),
        ("Kompetansemiljø", "uh"),
        ("Ordning", "schemes"),
        ("Behovsmeldingen gjelder", "schemes"),
        ("Kompetanseregion", "network"),
        ("Samla", "total_amount"),
        ("Totalt", "total_amount"),
    ],
)
def test_the_vocabulary_knows_the_variants(label: str, field: str):
    assert field in LABELS.exact(label).fields


def test_a_question_known_by_a_phrase_with_its_bold_answer_after_it():
    pair = only_pair("5.1 Behovsmeldinga har vore drøfta med dei tillitsvalde **Ja** Nei")
    assert "union_held" in pair.fields
    # the bold mark opens the answer, so it stays with the value for the choice reader
    assert pair.raw == "**Ja** Nei"


def test_a_label_with_its_options_spaced_along_the_line():
    pair = only_pair("Sektor   Barnehage   Grunnskole x   Begge deler")
    assert pair.fields == ("sector",)
    assert "Grunnskole x" in pair.value


def test_a_question_with_its_boxes_on_the_next_line():
    form = form_of(
        "Gjelder behovsmeldingen barnehage, skole eller begge deler?\n☐ Barnehage ☒ Skole"
    )
    pair = form.pairs()[0]
    assert "sector" in pair.fields
    assert "☒ Skole" in pair.raw_text(form.doc)


@pytest.mark.parametrize(
    ("first", "second", "names"),
    [
        ("Tiltak 1 – Lesing i alle fag", "Tiltak 2 – Regning", ["Lesing i alle fag", "Regning"]),
        ("## Tiltak 1: Lesing", "## Tiltak 2: Regning", ["Lesing", "Regning"]),
        ("**Tiltak 1**", "**Tiltak 2**", [None, None]),
    ],
)
def test_measure_sections_in_any_heading_style(first: str, second: str, names: list):
    form = form_of(f"{first}\nMålgruppe: lærere\n\n{second}\nMålgruppe: ledere")
    measures = [s for s in form.sections if s.kind == "measure"]
    assert [(s.number, s.name) for s in measures] == [(1, names[0]), (2, names[1])]
    assert [p.section for p in form.pairs()] == measures


def test_one_measure_heading_at_the_top_is_what_the_whole_document_is_about():
    """An attachment that describes one measure: its heading governs every line."""
    form = form_of("Tiltak 1 – Lesing i alle fag\nMålgruppe: lærere\nVarighet: Høst 2025")
    assert form.focus is not None and form.focus.number == 1


def test_a_part_of_the_form_named_in_capitals():
    form = form_of("DEL 3 TILTAK\nNavn på tiltak: Lesing")
    assert [s.kind for s in form.sections] == ["measures"]
    assert form.pairs()[0].fields == ("measure_name",)


def test_a_title_with_a_year_is_not_a_question():
    """'Melding om kompetansebehov 2022' has the word for needs in it, but it is the
    document's title: the text under it is not the needs answer."""
    form = form_of("# Melding om kompetansebehov 2022\n\nLokal kompetanseutvikling")
    assert not [p for p in form.pairs() if "needs" in p.fields]


def test_a_numbered_list_goes_on_past_an_item_that_looks_like_a_label():
    text = (
        "Liste over andre eiere og UH i partnerskapet\n"
        "1 Gildeskål kommune Eier\n"
        "2 UiT Norges arktiske universitet UH\n"
        "3 Nasjonalt senter\n"
        "for læringsmiljø og atferdsforskning UH\n"
    )
    form = form_of(text)
    assert [s.kind for s in form.sections] == ["partners"]
    assert all(s.end == len(form.doc) for s in form.sections)


def test_a_numbered_heading_is_still_a_heading_after_prose():
    form = form_of("1. Innsender\nBodø kommune\n\n2. Plan for partnerskap\nVi samarbeider.")
    titles = [s.title for s in form.sections]
    assert titles[-1] == "Plan for partnerskap"


@pytest.mark.parametrize(
    "text",
    [
        "Ordning\tEier\tUH\tTotalt\nDesentralisert ordning\t100 000\t200 000\t300 000",
        "| Ordning | Eier | UH | Totalt |\n|---|---|---|---|\n"
        "| Desentralisert ordning | 100 000 | 200 000 | 300 000 |",
    ],
)
def test_a_table_with_tabs_or_pipes_keeps_its_header_row(text: str):
    tables = [it for it in form_of(text).items if isinstance(it, Table)]
    assert len(tables) == 1
    header = tables[0].rows[0].cells
    assert [c.strip() for c in header] == ["Ordning", "Eier", "UH", "Totalt"]


def test_a_table_flattened_to_spaces_is_read_by_its_column_labels():
    text = (
        "Total sum det meldes behov for 2025\n\n Eier UH Totalt\n"
        "Tiltak 1: Lesing 100.000,- 200.000,- 300.000,-\n"
        "Tiltak 2: Regning 50.000,- 50.000,- 100.000,-"
    )
    flats = [it for it in form_of(text).items if isinstance(it, FlatTable)]
    assert len(flats) == 1
    assert flats[0].columns == ["owner_amount", "uh_amount", "total_amount"]
