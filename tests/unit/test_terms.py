"""Semesters: labels, terms in running text, and chronological order."""

from __future__ import annotations

import re

import pytest
from conftest import shared_dir
from hypothesis import given
from hypothesis import strategies as st

from kompetansekart.ingest.terms import find_terms, parse_term, term_sort_key

CORPUS = shared_dir() / "corpus"  # ../shared, or $KOMPETANSEKART_SHARED
SCHEMA_TERM = re.compile(r"^(V|H)[0-9]{4}$|^videre$")
DURATION_KEY = re.compile(r"\s*(tiltakets\s+)?varighet\b", re.IGNORECASE)


@pytest.mark.parametrize(
    ("label", "term"),
    [
        ("Vår 2026", "V2026"),
        ("vår 2027", "V2027"),
        ("VÅR 2028", "V2028"),
        ("Høst 2026", "H2026"),
        ("høst 2025", "H2025"),
        ("høsten 2021", "H2021"),
        ("Høsten 2023", "H2023"),
        ("våren 2025", "V2025"),
        ("haust 2026", "H2026"),
        ("hausten 2024", "H2024"),
        ("H2024", "H2024"),
        ("V2024", "V2024"),
        ("Ut 2026", "H2026"),
        ("ut 2027", "H2027"),
        ("Videre", "videre"),
        ("videre", "videre"),
        ("  Vår 2026  ", "V2026"),
        ("Vår\u00a02026", "V2026"),
        ("Va\u030ar 2026", "V2026"),
    ],
)
def test_parse_term(label: str, term: str) -> None:
    assert parse_term(label) == term
    assert SCHEMA_TERM.match(term)


@pytest.mark.parametrize(
    "label",
    [
        "",
        "Vår",
        "2026",
        "Høst 26",
        "h2024",
        "v2024",
        "VH2024",
        "H20245",
        "Vår 2026 ☒",
        "Skoleåret 2026/2027",
        "2026-2027",
        "sommer 2026",
        "Vår 1850",
        "videreføring",
        "Vår 20\u0662\u0666",
        "Klikk eller trykk her for å skrive inn tekst.",
    ],
)
def test_parse_term_rejects(label: str) -> None:
    assert parse_term(label) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Varighet Høst 2025 Ut 2026 våren 2027",
            [("Høst 2025", "H2025"), ("Ut 2026", "H2026"), ("våren 2027", "V2027")],
        ),
        (
            "Vår 2026 ☐  Høst 2026 ☒  Vår 2027 ☒  Videre ☐",
            [
                ("Vår 2026", "V2026"),
                ("Høst 2026", "H2026"),
                ("Vår 2027", "V2027"),
                ("Videre", "videre"),
            ],
        ),
        ("varighet: Videre", [("Videre", "videre")]),
        ("varighet: Videre \n\nkoordinator: kr. 0,-", [("Videre", "videre")]),
        ("varighet: Videre\nbegrunnelse: ingen", [("Videre", "videre")]),
        ("Vi holder en samling for nye ansatte V2025.", [("V2025", "V2025")]),
        ("Midlene trengs ut våren 2026 for å sikre", [("våren 2026", "V2026")]),
        ("Startet opp (høsten 2021) og fortsetter", [("høsten 2021", "H2021")]),
        ("fra 2026 og videre.", [("videre", "videre")]),
    ],
)
def test_find_terms(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_terms(text)
    assert [(label, term) for label, term, _, _ in found] == expected
    for label, _, start, end in found:
        assert text[start:end] == label


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Vi trenger videre samarbeid med høgskolen.",
        "Videre ser vi behov for mer ledelse.",
        "planen gjelder skoleåret 2026-2027 og\nvidere etter dette",
        "skoleårene 24/25 og 25/26",
        "Skoleåret 2026/2027",
        "Vi vil videreføre tiltaket i 2026",
        "Tiltak V2024x og XH2025",
        "høsten",
    ],
)
def test_find_terms_ignores_prose_and_school_years(text: str) -> None:
    assert find_terms(text) == []


def test_term_sort_key_orders_chronologically() -> None:
    terms = ["videre", "H2025", "V2026", "V2024", "H2024", "V2025"]
    assert sorted(terms, key=term_sort_key) == [
        "V2024",
        "H2024",
        "V2025",
        "H2025",
        "V2026",
        "videre",
    ]


@pytest.mark.parametrize("bad", ["", "Vår 2026", "v2026", "X2026", "H26", "Videre"])
def test_term_sort_key_rejects_non_terms(bad: str) -> None:
    with pytest.raises(ValueError):
        term_sort_key(bad)


@given(st.text())
def test_find_terms_never_raises_and_spans_are_ordered(text: str) -> None:
    end = 0
    for label, term, start, stop in find_terms(text):
        assert end <= start < stop <= len(text)
        assert text[start:stop] == label
        assert SCHEMA_TERM.match(term)
        end = stop


@given(st.text())
def test_parse_term_gives_schema_terms(label: str) -> None:
    term = parse_term(label)
    assert term is None or SCHEMA_TERM.match(term)


@given(st.sampled_from(["V", "H"]), st.integers(min_value=1900, max_value=2099))
def test_compact_terms_round_trip(letter: str, year: int) -> None:
    term = f"{letter}{year}"
    assert parse_term(term) == term
    long = ("Vår" if letter == "V" else "Høst") + f" {year}"
    assert parse_term(long) == term
    assert term_sort_key(term) < term_sort_key("videre")


@pytest.mark.corpus
def test_corpus_duration_lines_have_terms() -> None:
    """Every duration field in the samples yields a term, on its line or the next one."""
    fields = []
    for path in sorted(CORPUS.glob("*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for no, line in enumerate(lines):
            if DURATION_KEY.match(line):
                fields.append(" ".join(lines[no : no + 2]))
    assert len(fields) >= 4
    for field in fields:
        assert find_terms(field), field
