"""Amounts in NOK: every written form, what is not an amount, and properties."""

from __future__ import annotations

import pytest
from conftest import shared_dir
from hypothesis import example, given
from hypothesis import strategies as st

from kompetansekart.ingest.amounts import Amount, find_amounts, format_nok, parse_amount

CORPUS = shared_dir() / "corpus"  # ../shared, or $KOMPETANSEKART_SHARED


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("120 000,-", 120_000),
        ("3.450.120,-", 3_450_120),
        ("700.000, -", 700_000),
        ("kr. 75 000,-", 75_000),
        ("Kr. 75 000,-", 75_000),
        ("412.600, -", 412_600),
        ("1.234.560 - (SePU)", 1_234_560),
        ("0,-", 0),
        ("310 000", 310_000),
        ("2 250 000", 2_250_000),
        ("450000", 450_000),
        ("kr 1 000", 1_000),
        ("kr 250", 250),
        ("NOK 5 000", 5_000),
        ("NOK 75", 75),
        ("85 000 kr", 85_000),
        ("85 000 kroner", 85_000),
        ("950kr", 950),
        ("45 000,–", 45_000),
        ("12 500,--", 12_500),
        ("4\u00a0500\u00a0000,-", 4_500_000),
        ("4\u202f500\u202f000", 4_500_000),
        ("Sum UH: kr. 95 000,- til sammen", 95_000),
        ("Tiltak 4: 65 000,-", 65_000),
        ("Eier: 180.000, - brukes til leie", 180_000),
    ],
)
def test_single_forms(text: str, value: int) -> None:
    assert parse_amount(text) == value
    assert [a.value for a in find_amounts(text)] == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 234,50", 1_235),
        ("1 234,49", 1_234),
        ("1 234,99", 1_235),
        ("1.234,00,-", 1_234),
        ("kr 99,50", 100),
        ("12 000,05 kr", 12_000),
    ],
)
def test_ore_round_half_up(text: str, value: int) -> None:
    assert parse_amount(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "150 000,-  160 500,- (LMS) 310 500,-",
            [(150_000, None), (160_500, "LMS"), (310_500, None)],
        ),
        ("512.300 (Sepu) 210.040,- (Nord)", [(512_300, "Sepu"), (210_040, "Nord")]),
        ("1.800.000 - (SePU) 420.000,- (Nord)", [(1_800_000, "SePU"), (420_000, "Nord")]),
        ("93 000,-(LMS)", [(93_000, "LMS")]),
        ("40 000,- (Nord universitet)", [(40_000, "Nord universitet")]),
        (
            "660 000,-    1 402 000,- 2 062 000,-",
            [(660_000, None), (1_402_000, None), (2_062_000, None)],
        ),
        ("310 000 1 250 000", [(310_000, None), (1_250_000, None)]),
        ("kr 300 kr 400", [(300, None), (400, None)]),
        ("1 000 NOK 2 000", [(1_000, None), (2_000, None)]),
    ],
)
def test_several_in_one_cell(text: str, expected: list[tuple[int, str | None]]) -> None:
    assert [(a.value, a.note) for a in find_amounts(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "kr. 120 000,- (hvorav kr. 20 000,- går til reiser)",
        "80 000,- (har trekt fra 10 000,- som er flyttet)",
        "55 000,- (inkl. mva)",
        "55 000,- (2 samlinger)",
        "55 000,- (Dette er et langt forklarende notat uten tall i seg)",
        "55 000,- (LMS",
        "55 000,-\t(LMS)",
    ],
)
def test_long_or_odd_parentheses_are_not_notes(text: str) -> None:
    assert find_amounts(text)[0].note is None


def test_amounts_inside_an_explanation_are_found_on_their_own() -> None:
    found = find_amounts("kr. 120 000,- (hvorav kr. 20 000,- går til reiser)")
    assert [a.value for a in found] == [120_000, 20_000]


@pytest.mark.parametrize(
    ("text", "span_text"),
    [
        ("Sum: 150 000,-  slutt", "150 000,-"),
        ("x kr. 75 000,- y", "kr. 75 000,-"),
        ("a 512.300 (Sepu) b", "512.300 (Sepu)"),
        ("a 1.234.560 - (SePU) b", "1.234.560 - (SePU)"),
        ("a 93 000,-(LMS) b", "93 000,-(LMS)"),
        ("a 700.000, - b", "700.000, -"),
        ("a 80 000,- (har trekt fra noe) b", "80 000,-"),
    ],
)
def test_spans_cover_prefix_suffix_and_note(text: str, span_text: str) -> None:
    amount = find_amounts(text)[0]
    assert text[amount.start : amount.end] == span_text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "X",
        "-",
        ",-",
        "Klikk eller trykk her for å skrive inn tekst.",
        "2025/2026",
        "skoleårene 21/22 og 22/23",
        "skoleåret 2025-2026",
        "siden 2019",
        "Tiltak3",
        "Tiltak 3",
        "Tiltak 2 - Lesing",
        "V2025",
        "H2025x",
        "2025a",
        "14 skoler og 7 nettverk",
        "Telefon 12 34 56 78",
        "Kontonr 1234.56.78901",
        "Merkes 12345.6789.101.ABC",
        "dato 01.02.2025",
        "0,5 årsverk",
        "2,75 %",
        "12,5",
        "det er nok 2 skoler",
        "1.23.456",
        "\u0663\u0660\u0660\u0660\u0660,-",
    ],
)
def test_not_amounts(text: str) -> None:
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    "text", ["", "X", "-", "Klikk eller trykk her for å skrive inn tekst.", "2025/2026", "n/a"]
)
def test_placeholders_parse_to_none(text: str) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize(("text", "value"), [("0", 0), (" 500 ", 500), ("2025", 2025)])
def test_a_cell_that_is_only_a_number_is_an_amount(text: str, value: int) -> None:
    assert parse_amount(text) == value


def test_ambiguous_run_is_read_greedily_as_one_number() -> None:
    """Documented limitation: callers must split table cells on tabs first."""
    assert [a.value for a in find_amounts("310 000 920 000")] == [310_000_920_000]
    line = "Regional\t310 000\t920 000\t1 230 000"
    cells = line.split("\t")
    assert [parse_amount(c) for c in cells] == [None, 310_000, 920_000, 1_230_000]


def test_absurdly_long_runs_are_not_amounts() -> None:
    assert find_amounts("000 " * 5000) == []
    assert find_amounts("1" * 19 + ",-") == []
    assert parse_amount("9" * 18 + ",-") == 10**18 - 1


def test_broken_grouping_is_not_cut_back() -> None:
    assert find_amounts("1.234.5678") == []
    assert find_amounts("1 000 0000") == []


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0 kr"), (7, "7 kr"), (1_000, "1 000 kr"), (1_524_914, "1 524 914 kr")],
)
def test_format_nok(value: int, text: str) -> None:
    assert format_nok(value) == text


def test_format_nok_rejects_negative() -> None:
    with pytest.raises(ValueError):
        format_nok(-1)


def test_amount_is_frozen() -> None:
    amount = Amount(1, None, 0, 1)
    with pytest.raises(AttributeError):
        amount.value = 2  # type: ignore[misc]


def _check_amounts(text: str) -> None:
    found = find_amounts(text)
    end = 0
    for amount in found:
        assert isinstance(amount.value, int)
        assert amount.value >= 0
        assert end <= amount.start < amount.end <= len(text)
        end = amount.end


@given(st.text())
def test_find_amounts_never_raises_and_spans_are_ordered(text: str) -> None:
    _check_amounts(text)


_AMOUNTISH = st.text(alphabet="0123456789 .,-–()krNOKLMSx\u00a0\u202f\t/", max_size=40)


@given(_AMOUNTISH)
def test_amount_like_noise_never_raises(text: str) -> None:
    _check_amounts(text)
    value = parse_amount(text)
    assert value is None or value >= 0


@given(st.integers(min_value=0, max_value=10**9))
@example(0)
@example(999)
@example(1_000)
@example(10**9)
def test_round_trip_format_nok(n: int) -> None:
    assert parse_amount(format_nok(n)) == n


@given(st.integers(min_value=0, max_value=10**9))
@example(0)
@example(999)
@example(1_000)
@example(10**9)
def test_round_trip_dotted_comma_dash(n: int) -> None:
    assert parse_amount(f"{n:,}".replace(",", ".") + ",-") == n


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from([" ", "\u00a0", "\u202f"]))
def test_round_trip_spaced_in_a_sentence(n: int, sep: str) -> None:
    written = f"{n:,}".replace(",", sep)
    text = f"Sum eier: {written},- til sammen"
    found = find_amounts(text)
    assert [a.value for a in found] == [n]


@pytest.mark.corpus
def test_corpus_table_rows_add_up() -> None:
    """Every line of the samples with three or more amounts is 'parts ... total'."""
    rows = 0
    for path in sorted(CORPUS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            values = [a.value for cell in line.split("\t") for a in find_amounts(cell)]
            if len(values) >= 3:
                rows += 1
                assert sum(values[:-1]) == values[-1], (path.name, values)
    assert rows >= 10
