"""Ticked choices: boxes, bold, a trailing x, inputs, and choices that are invisible."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kompetansekart.ingest.checkboxes import Choice, count_boxes, read_choice

YES_NO = ["Ja", "Nei"]
YES_NO_DK = ["Ja", "Nei", "Vet ikke"]
SECTOR = ["Barnehage", "Grunnskole", "Begge deler"]
SCHEMES = ["Regional ordning", "Desentralisert ordning", "Kompetanseløftet"]
TERMS = ["Vår 2026", "Høst 2026", "Vår 2027", "Videre"]


@pytest.mark.parametrize(
    ("text", "options", "selected"),
    [
        ("Barnehage ☒   Grunnskole ☐   Begge deler ☐", SECTOR, ("Barnehage",)),
        ("Barnehage ☐ Grunnskole ☐ Begge deler ☒", SECTOR, ("Begge deler",)),
        ("Har dere flere eiere? Ja ☐  (Fyll ut liste) Nei  ☒", YES_NO, ("Nei",)),
        ("Har dere flere eiere? Ja ☒  (Fyll ut liste) Nei  ☐", YES_NO, ("Ja",)),
        ("Se oversikt under Ja ☑ Nei □", YES_NO, ("Ja",)),
        ("(legger ved budsjett  ja☒     Nei☐ ):", YES_NO, ("Ja",)),
        (
            "Vår 2026 ☒  Høst 2026 ☐  Vår 2027 ☒  Videre ☒",
            TERMS,
            ("Vår 2026", "Vår 2027", "Videre"),
        ),
        ("Ja ☐  Nei ☐  Vet ikke ☐", YES_NO_DK, ()),
        ("Ja ☐ Nei ✔ Vet ikke ☐", YES_NO_DK, ("Nei",)),
        ("Ja ✓ Nei ☐", YES_NO, ("Ja",)),
        ("Ja ■ Nei □", YES_NO, ("Ja",)),
        ("Ja [ ] Nei [x]", YES_NO, ("Nei",)),
        ("Ja [X] Nei []", YES_NO, ("Ja",)),
        ("JA ☒ NEI ☐", YES_NO, ("Ja",)),
        ("Begge\n deler ☒ Barnehage ☐", SECTOR, ("Begge deler",)),
    ],
)
def test_boxes_after_labels(text: str, options: list[str], selected: tuple[str, ...]) -> None:
    choice = read_choice(text, options)
    assert choice.selected == selected
    assert choice.marked is True


@pytest.mark.parametrize(
    ("text", "options", "selected"),
    [
        ("☐ Barnehage ☒ Grunnskole ☐ Begge deler", SECTOR, ("Grunnskole",)),
        ("Hvilket nivå?\n☒ Barnehage\n☐ Grunnskole\n☐ Begge deler", SECTOR, ("Barnehage",)),
        ("[x] Ja [ ] Nei", YES_NO, ("Ja",)),
        ("☐ Nei ☒ Ja", YES_NO, ("Ja",)),
    ],
)
def test_boxes_before_labels(text: str, options: list[str], selected: tuple[str, ...]) -> None:
    choice = read_choice(text, options)
    assert choice.selected == selected
    assert choice.marked is True


@pytest.mark.parametrize(
    ("text", "selected"),
    [
        (
            "Regional ordning **Desentralisert ordning** Kompetanseløftet",
            ("Desentralisert ordning",),
        ),
        ("**Regional ordning** Desentralisert ordning Kompetanseløftet", ("Regional ordning",)),
        (
            "Regional ordning **Desentralisert ordning i Salten** Kompetanseløftet",
            ("Desentralisert ordning",),
        ),
        (
            "**Regional ordning** **Kompetanseløftet** Desentralisert ordning",
            ("Regional ordning", "Kompetanseløftet"),
        ),
    ],
)
def test_bold_marks_the_choice(text: str, selected: tuple[str, ...]) -> None:
    choice = read_choice(text, SCHEMES)
    assert choice.selected == selected
    assert choice.marked is True
    assert choice.seen == tuple(SCHEMES)


def test_bold_around_other_text_is_not_a_choice() -> None:
    assert read_choice("Eier: **Rana kommune Kompetansenettverk Helgeland**", SCHEMES) == Choice(
        selected=(), marked=False, seen=()
    )
    assert read_choice("Trenger dere koordinator? Ja **Begrunn**", YES_NO) == Choice(
        selected=(), marked=False, seen=("Ja",)
    )


def test_one_bold_span_around_every_option_is_a_heading() -> None:
    text = "**Regional ordning Desentralisert ordning Kompetanseløftet**"
    assert read_choice(text, SCHEMES) == Choice((), False, tuple(SCHEMES))


@pytest.mark.parametrize(
    ("text", "selected"),
    [
        ("Drøftet med tillitsvalgte Ja x Nei", ("Ja",)),
        ("Drøftet med tillitsvalgte Ja X Nei", ("Ja",)),
        ("Drøftet med tillitsvalgte Ja Nei x", ("Nei",)),
        ("Drøftet med tillitsvalgte Ja Nei x.", ("Nei",)),
    ],
)
def test_trailing_x_marks_the_choice(text: str, selected: tuple[str, ...]) -> None:
    choice = read_choice(text, YES_NO)
    assert choice.selected == selected
    assert choice.marked is True


@pytest.mark.parametrize(
    "text",
    ["Ja xylofon Nei", "Ja x-akse Nei", "Jax Nei", "Ja Nei", "Tiltak ved x skole: Ja Nei"],
)
def test_x_that_is_not_a_tick(text: str) -> None:
    assert read_choice(text, YES_NO).marked is False


@pytest.mark.parametrize(
    ("text", "selected", "marked"),
    [
        ('Koordinator? Ja <input type="checkbox"/>', (), True),
        ('Koordinator? Ja <input type="checkbox" checked/>', ("Ja",), True),
        (
            'Ja <input type="checkbox" checked="checked"> Nei <input type="checkbox">',
            ("Ja",),
            True,
        ),
        ("Ja <INPUT TYPE='checkbox'> Nei <input type='checkbox' CHECKED>", ("Nei",), True),
        ('Ja <input type="text" value="checked"> Nei', (), False),
    ],
)
def test_html_inputs(text: str, selected: tuple[str, ...], marked: bool) -> None:
    choice = read_choice(text, YES_NO)
    assert (choice.selected, choice.marked) == (selected, marked)


@pytest.mark.parametrize(
    ("text", "options", "seen"),
    [
        (
            "Regional ordning Desentralisert ordning Kompetanseløftet",
            SCHEMES,
            tuple(SCHEMES),
        ),
        ("Ønsker dere å videreføre meldingen fra i fjor? Ja Nei", YES_NO, ("Ja", "Nei")),
        ("Varighet Vår 2026 Høst 2026", TERMS, ("Vår 2026", "Høst 2026")),
        ("Ingen av valgene står her", YES_NO, ()),
        ("", YES_NO, ()),
    ],
)
def test_invisible_choice(text: str, options: list[str], seen: tuple[str, ...]) -> None:
    assert read_choice(text, options) == Choice(selected=(), marked=False, seen=seen)


def test_labels_are_whole_words() -> None:
    assert read_choice("Vi vil videreføre arbeidet ☒", TERMS).seen == ()
    assert read_choice("Jakt ☒ Neida ☐", YES_NO).seen == ()


def test_longer_option_containing_a_shorter_one() -> None:
    choice = read_choice("Ja, delvis ☒ Ja ☐ Nei ☐", ["Ja", "Ja, delvis", "Nei"])
    assert choice.selected == ("Ja, delvis",)
    assert choice.seen == ("Ja", "Ja, delvis", "Nei")


def test_seen_and_selected_follow_option_order() -> None:
    choice = read_choice("Grunnskole ☒ Barnehage ☒", SECTOR)
    assert choice.seen == ("Barnehage", "Grunnskole")
    assert choice.selected == ("Barnehage", "Grunnskole")


@pytest.mark.parametrize(
    ("text", "selected"),
    [
        ("Svar ja eller nei her: Ja ☐ Nei ☒", ("Nei",)),
        ("Svar ja eller nei her: Ja ☒ Nei ☐", ("Ja",)),
        ("Svar ja/nei: ☐ Ja ☒ Nei", ("Nei",)),
        ("Svar ja eller nei her: Ja x Nei", ("Ja",)),
        ("Svar ja eller nei her: Ja Nei **x**", ()),
    ],
)
def test_question_wording_before_options_is_skipped(text: str, selected: tuple[str, ...]) -> None:
    assert read_choice(text, YES_NO).selected == selected


def test_decomposed_characters_match() -> None:
    text = "Va\u030ar 2026 ☐ Høst 2026 ☒"
    assert read_choice(text, TERMS).selected == ("Høst 2026",)


def test_boxes_without_options_are_only_counted() -> None:
    assert read_choice("☒ ☐ ☐", YES_NO) == Choice((), False, ())
    assert count_boxes("☒ ☐ ☐") == (1, 2)


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("", (0, 0)),
        ("Ja ☒ Nei ☐", (1, 1)),
        ("☒☑✓✔■ ☐□", (5, 2)),
        ("[x] [X] [ ] []", (2, 2)),
        ('<input type="checkbox" checked> **fet**', (0, 0)),
        ("Se [lenke](#) og [1]", (0, 0)),
    ],
)
def test_count_boxes(text: str, counts: tuple[int, int]) -> None:
    assert count_boxes(text) == counts


_FORMISH = st.text(alphabet="JaNeiVvårHøst 2026xX☒☐☑□■[]*<>/=\"'inputcheckbox\n\t", max_size=60)
_OPTIONS = st.lists(st.text(max_size=12), max_size=5)


def _check_choice(text: str, options: list[str]) -> None:
    choice = read_choice(text, options)
    assert set(choice.selected) <= set(choice.seen) <= set(options)
    remaining = iter(options)
    assert all(label in remaining for label in choice.seen)  # a subsequence of options
    if choice.selected:
        assert choice.marked
    if not choice.seen:
        assert not choice.marked


@given(st.text(), _OPTIONS)
def test_read_choice_never_raises(text: str, options: list[str]) -> None:
    _check_choice(text, options)


@given(_FORMISH, st.sampled_from([YES_NO, YES_NO_DK, TERMS, SECTOR, SCHEMES]))
def test_read_choice_on_form_like_noise(text: str, options: list[str]) -> None:
    _check_choice(text, options)


@given(st.text())
def test_count_boxes_never_raises(text: str) -> None:
    checked, unchecked = count_boxes(text)
    assert checked >= 0
    assert unchecked >= 0
