"""The general rules of the form reader, each on the few lines that show it, read end to end
from a real file (`Parser.parse_file`). Every rule here was found missing on a report in a
layout the reader had not seen (tests/data/unseen); the cases are written anew, so they
test the rule, not that report."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompetansekart.ingest.amounts import find_amounts
from kompetansekart.ingest.document import aligned_cells
from kompetansekart.ingest.fill.values import pick
from kompetansekart.ingest.labels import Labels
from kompetansekart.ingest.money import amounts_in
from kompetansekart.ingest.options import options

LABELS = Labels.load()


def read(tmp_path: Path, parser, text: str, name: str = "report.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parser.parse_file(path)


def unread(record) -> list[str]:
    return [d.message for d in record.diagnostics if d.code.startswith("unread-")]


# --- labels ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Eier kr", "owner_amount"),
        ("Sum (kr)", "total_amount"),
        ("Beløp UH i kroner", "uh_amount"),
        ("Universitetets/høgskolens andel (kr)", "uh_amount"),
        ("Kontaktperson ved universitet/høgskole", "contact.uh.name"),
        ("Samlet beløp eier – desentralisert ordning", "owner_amount"),
        ("E-post UH 2", "contact.uh.email"),
        ("Innsendande skuleeigar", "owner"),
    ],
)
def test_label_forms_that_mean_a_known_label(label: str, field: str):
    """A unit after the label, the forms of 'the UH', a qualifier after a dash and a
    contact's number do not make a new label."""
    assert field in LABELS.exact(label).fields


def test_a_label_written_in_more_words_than_its_key_starts_a_line():
    found = LABELS.prefix("Universitet eller høgskule Læringsmiljøsenteret UiS")
    assert found is not None and "uh" in found.fields
    assert "Universitet eller høgskule Læringsmiljøsenteret UiS"[found.end :].strip() == (
        "Læringsmiljøsenteret UiS"
    )


# --- amounts -----------------------------------------------------------------------------


def test_a_figure_spaced_apart_inside_currency_marks_is_one_amount():
    """A PDF table cell whose characters the extraction spread: 'kr. 380 0 00,-'."""
    text = "kr. 105 000,-\tkr. 275 000,-\tkr. 380 0 00,-"
    assert [a.value for a in find_amounts(text)] == [105_000, 275_000, 380_000]


def test_a_count_is_not_money():
    assert amounts_in("Kommunen har 1 280 elever og om lag 1 150 ansatte.") == []
    assert [a.value for a in amounts_in("Vi søker om kr 1 280 000 til 14 skoler.")] == [1_280_000]


def test_dot_leaders_before_aligned_figures_are_columns():
    assert aligned_cells("Dekomp ..........      420 000     680 000     1 100 000") == [
        "Dekomp ..........",
        "420 000",
        "680 000",
        "1 100 000",
    ]


def test_one_option_written_with_both_its_names_in_a_list_of_answers():
    text = "Regional ordning for barnehage (Rekom)\nDesentralisert ordning for skole (Dekom)"
    from kompetansekart.ingest.vocab import Vocabulary

    found = [f for f in Vocabulary.schemes().find(text) if f.concept != "kollektiv"]
    assert found  # the vocabulary finds both names of each scheme
    picked = pick(text, options()["yesno"].find("Ja"), True)  # sanity: no options here
    assert picked.values == ("ja",)


# --- records -----------------------------------------------------------------------------


def test_an_owner_label_beats_a_sender_line(tmp_path, parser):
    """'Frå: Ingrid Lønne Vik <…>' is a person (whose surname is a municipality)."""
    r = read(
        tmp_path,
        parser,
        "Frå: Ingrid Lønne Vik <ingrid@example.org>\nEmne: Behovsmelding 2025\n\n"
        "Eigar: Voss herad\nOrg.nr.: 960 510 542\nBehovet gjeld år: 2025\n",
    )
    assert (r.owner.id, r.year) == ("orgnr:960510542", 2025)


def test_a_union_that_did_not_take_part_is_left_out(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "Eigar: Voss herad\n\nDrøfta med tillitsvalde: ja\n"
        "Behovsmeldinga vart drøfta med Utdanningsforbundet og Fagforbundet. Delta vart "
        "invitert, men hadde ikkje høve til å møte.\n",
    )
    assert r.union_consultation.held is True
    assert r.union_consultation.unions == ["Utdanningsforbundet", "Fagforbundet"]


def test_numbered_items_under_a_measures_part_are_its_measures(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "Eigar: Voss herad\n\nTiltak\n\n"
        "1) Språk i barnehagen\n   Målgruppe: styrarar\n   Eigar: 150 000 kr\n"
        "   UH: 200 000 kr (herav 50 000 til reise)\n   Sum: 350 000 kr\n\n"
        "2) Leik og relasjonar\n   Målgruppe: alle tilsette\n   Eigar: kr 250.000\n"
        "   UH: 300 000,-\n   Til saman: 550 000,-\n   Nytt tiltak i 2025\n",
    )
    got = [(m.number, m.name, m.owner_amount, m.uh_amount, m.total_stated) for m in r.measures]
    assert got == [
        (1, "Språk i barnehagen", 150_000, 200_000, 350_000),
        (2, "Leik og relasjonar", 250_000, 300_000, 550_000),
    ]
    assert r.measures[1].continued is False
    assert not unread(r)


def test_a_needs_answer_wins_over_the_themes_of_the_measures(tmp_path, parser):
    text = (
        "Eier: Bodø kommune\n\nBehovet: Vi trenger mer kompetanse på lesing.\n\n"
        "Tiltak 1: Klasseledelse\nBeskrivelse: Vi skal arbeide med klasseledelse.\n\n"
        "Tiltak 2: Regning\nBeskrivelse: Regning i alle fag.\n"
    )
    r = read(tmp_path, parser, text)
    assert "klasseledelse" in r.measures[0].themes
    assert "klasseledelse" not in r.needs


def test_a_title_naming_both_sectors_does_not_state_the_sector(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "Behovsmelding – kompetanseutvikling i barnehage og skole, 2025\n\nEier: Bodø kommune\n",
    )
    assert r.sector is None


def test_a_table_of_the_partnership_organisations(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "# Behovsmelding 2026\n\n**Innsendende barnehageeier:** Lyngdal kommune\n\n"
        "## Partnerskapet\n\n"
        "| Eier | Org.nr. | Kontaktperson |\n|---|---|---|\n"
        "| Lyngdal kommune | 922 421 498 | Kari Nome |\n"
        "| Sirdal kommune | 964 964 165 | Per Haug |\n\n"
        "| Institusjon | Enhet | Kontaktperson | E-post |\n|---|---|---|---|\n"
        "| Universitetet i Stavanger | Lesesenteret | Liv Risa | liv@example.org |\n",
        "report.md",
    )
    assert r.owner.id == "orgnr:922421498"
    partners = {(p.org.name, p.role, p.contact) for p in r.partners}
    assert ("Sirdal kommune", "eier", "Per Haug") in partners
    uh = [p for p in r.partners if p.role == "uh"]
    assert len(uh) == 1 and uh[0].contact == "Liv Risa"
    assert "liv@example.org" in {c.email for c in r.contacts}
    assert not unread(r)


def test_every_uh_without_a_partner_list_is_a_partner_with_its_own_contact(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "Skoleeier ........ Tromsø kommune\n"
        "UH 1 ............. UiT Norges arktiske universitet\n"
        "Kontaktperson UH 1 ....... Henrik Nilsen\n"
        "UH 2 ............. Sámi allaskuvla / Samisk høgskole\n"
        "Kontaktperson UH 2 ....... Elle Somby\n",
    )
    uh = {p.org.name: p.contact for p in r.partners if p.role == "uh"}
    assert uh == {
        "UiT Norges arktiske universitet": "Henrik Nilsen",
        "Sámi allaskuvla / Samisk høgskole": "Elle Somby",
    }


def test_a_uh_split_in_a_sentence_is_the_budget_rows_breakdown(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "Eier: Lyngdal kommune\nOrdning: Regional ordning\n\n"
        "| Ordning | Eier | UH | Sum |\n|---|---|---|---|\n"
        "| Regional ordning | 430 000 | 770 000 | 1 200 000 |\n\n"
        "Av UH-beløpet går kr 350 000 til Universitetet i Stavanger og kr 420 000 til "
        "Universitetet i Agder.\n",
        "report.md",
    )
    assert [s.amount for s in r.budget[0].uh_breakdown] == [350_000, 420_000]
    assert not unread(r)


def test_a_dot_leader_budget_under_aligned_money_columns(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "Skoleeier ........ Tromsø kommune\n\nSAMLET BEHOV FOR 2026\n\n"
        "                           Eier          UH           Sum\n"
        "Dekomp ..............   420 000     680 000     1 100 000\n"
        "Rekomp ..............         –           –             –\n"
        "                    ------------------------------------\n"
        "TOTALT ..............   420 000     680 000     1 100 000\n",
    )
    assert [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        ("desentralisert", 420_000, 680_000, 1_100_000)
    ]
    assert not unread(r)


def test_the_form_instruction_that_shows_the_mark_is_not_an_answer(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "Kryss av med ☒ der det er avkrysningsbokser.\n\nEier: Bodø kommune\n"
        "Sektor: ☐ Barnehage ☒ Grunnskole\n",
    )
    assert r.sector == "grunnskole"
    assert not unread(r)


def test_a_dash_separates_a_known_label_from_its_value(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "Eier – Alta kommune\nBehov meldes for – 2025\nKontaktperson – Siv Olsen, rådgiver\n"
        "E-post – siv@example.org\n\nSamarbeid – et viktig tema for oss i år.\n",
    )
    assert (r.owner.id, r.year) == ("orgnr:944588132", 2025)
    assert [c.email for c in r.contacts] == ["siv@example.org"]


def test_a_sentence_about_one_measure_gives_its_money(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "Eier – Alta kommune\nUH-partner – UiT Norges arktiske universitet\n\n"
        "Tiltak 1 – Psykisk helse\nFormål – gjennomføring\n\n"
        "Tiltak 2 – Samiske perspektiver\nFormål – planlegging\n\n"
        "Om økonomien: Til tiltak 1 søker vi 200 000 kroner, 80 000 til kommunen og 120 000 "
        "til UiT, hvorav 25 000 er reise og opphold. Tiltak 2 har en ramme på 150 000 kroner: "
        "60 000 til kommunen og 90 000 til UiT.\n",
    )
    got = [(m.number, m.owner_amount, m.uh_amount, m.total_stated) for m in r.measures]
    assert got == [(1, 80_000, 120_000, 200_000), (2, 60_000, 90_000, 150_000)]
    assert not unread(r)  # the 25 000 is named as a part


def test_a_part_named_in_a_remark_is_not_money(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "Eier: Bodø kommune\n\nAlle beløp i hele kroner. UH-beløpet omfatter 30 000 kr til reise "
        "og opphold.\n",
    )
    assert not unread(r)
    assert any(d.code == "amount-not-budget" for d in r.diagnostics)


def test_a_scheme_before_the_role_in_summary_labels(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "Eier: Orkland kommune\n\nSAMLET BEHOV PER ORDNING\n"
        "Desentralisert ordning – skoleeier: 410 000 kr\n"
        "Desentralisert ordning – UH: 680 000 kr\n"
        "Desentralisert ordning – sum: 1 090 000 kr\n",
    )
    assert [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        ("desentralisert", 410_000, 680_000, 1_090_000)
    ]


def test_a_count_of_staff_is_not_a_count_of_units(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "Eier: Skien kommune\nAntall ansatte i kommunale og private barnehager (ca.): 640\n"
        "Private barnehager: 31\n",
    )
    assert r.units.private_barnehager == 31


def test_the_owner_type_question_is_read_not_taken_for_the_owner(tmp_path, parser):
    r = read(
        tmp_path, parser, "Skoleeier: Orkland kommune\nType eier: ■ Kommune □ Privat skoleeier\n"
    )
    assert (r.owner.id, r.owner.kind) == ("orgnr:921233418", "kommune")
    assert not unread(r)


def test_a_short_value_ends_at_a_blank_line(tmp_path, parser):
    """'PPT – 1', then a paragraph: the paragraph is not part of the count's value."""
    r = read(
        tmp_path,
        parser,
        "Eier – Alta kommune\nOrdning – Kompetanseløftet\nPPT – 1\n\n"
        "Samlet søker Alta kommune om 650 000 kroner for 2025, hvorav 260 000 kroner til "
        "kommunen og 390 000 kroner til UH.\n",
    )
    assert r.units.ppt == 1
    assert [(b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        (260_000, 390_000, 650_000)
    ]


def test_numbered_questions_with_their_answers_and_star_marks(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "Tegnforklaring: (*) = valgt, ( ) = ikke valgt\n\n"
        "Spørsmål 1: For hvilket år meldes behovet?\nSvar: 2027\n\n"
        "Spørsmål 2: Hvilke sektorer omfattes? (flere valg mulig)\nSvar:\n"
        "  (*) Barnehage\n  (*) Grunnskole\n  ( ) Videregående opplæring\n\n"
        "Spørsmål 4: Navn på eier\nSvar: Flekkefjord kommune\n\n"
        "Spørsmål 7: Er behovsmeldingen drøftet med tillitsvalgte?\nSvar: (*) Ja   ( ) Nei\n",
    )
    assert (r.year, r.sector, r.owner.id) == (2027, "begge", "orgnr:964967369")
    assert r.union_consultation.held is True
    assert not unread(r)


def test_an_option_with_its_own_text_is_still_an_option(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "Eier: Bodø kommune\n\nTiltak 1: Lesing\nNår skal tiltaket gjennomføres?\n"
        "  ( ) Vår 2027\n  (*) Høst 2027\n  (*) Annet (spesifiser): våren 2028\n",
    )
    assert r.measures[0].terms == ["H2027", "V2028"]


def test_a_markdown_definition_list(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "# Behovsmelding for 2025\n\nEigar\n: Voss herad\n\nKompetansenettverk\n"
        ": Kompetanseregion Hardanger og Voss\n\nSamiske perspektiv\n: nei\n",
        "report.md",
    )
    assert r.owner.id == "orgnr:960510542"
    assert r.network is not None and r.network.name == "Kompetanseregion Hardanger og Voss"
    assert r.sami_perspective == "nei"


def test_a_table_in_thousands(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "Eier: Voss herad\n\n## Samla budsjett for 2025 (i 1000 kr)\n\n"
        "| Ordning | Eigar | UH | Sum |\n|---|---:|---:|---:|\n"
        "| Regional ordning (Rekomp) | 150 | 250 | 400 |\n",
        "report.md",
    )
    assert [(b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        (150_000, 250_000, 400_000)
    ]
    assert not unread(r)  # '1000 kr' in the heading is the unit, not a figure


def test_units_written_in_words_and_none_of_a_list(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "Kløverenga Barnehager AS\n\n"
        "Kløverenga Barnehager AS er en privat barnehageeier med sju barnehager i Bærum. "
        "Ingen kommunale barnehager, skoler eller PP-tjenester er med i partnerskapet.\n",
    )
    u = r.units
    assert (u.private_barnehager, u.kommunale_barnehager, u.offentlige_skoler) == (7, 0, 0)
    assert (u.private_skoler, u.ppt) == (0, 0)
    assert r.owner.kind == "privat_eier"  # named only as the letter's sender, not in the gazetteer


def test_a_statement_label_answers_its_question(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "Eier: Bodø kommune\n\nSamiske perspektiver er ivaretatt: i tiltak 2 bidrar NAFO.\n"
        "Tiltakene er sett i sammenheng med videreutdanning. To lærere tar videreutdanning.\n",
    )
    assert (r.sami_perspective, r.linked_to_further_education) == ("ja", "ja")


def test_a_word_heading_style_is_a_heading(tmp_path, parser):
    import docx

    d = docx.Document()
    d.add_heading("Behovsmelding 2026", level=1)
    d.add_paragraph("Eier: Bodø kommune")
    d.add_heading("Tiltak 1: Lesing", level=2)
    d.add_paragraph("Målgruppe: lærere")
    d.add_heading("Tiltak 2: Regning", level=2)
    d.add_paragraph("Målgruppe: ledere")
    path = tmp_path / "report.docx"
    d.save(path)
    r = parser.parse_file(path)
    assert [(m.number, m.name) for m in r.measures] == [(1, "Lesing"), (2, "Regning")]


def test_a_numbering_column_in_a_question_table_is_set_aside(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "| Nr | Spørsmål | Svar |\n|---|---|---|\n"
        "| 1.1 | Barnehage-/skoleeier | Bergen kommune |\n"
        "| 1.2 | Organisasjonsnummer | 964 338 531 |\n"
        "| 2.2 | Året behovet gjelder | 2025 |\n",
        "report.md",
    )
    assert (r.owner.id, r.year) == ("orgnr:964338531", 2025)


def test_a_measure_table_keeps_its_number_column(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "Eier: Trondheim kommune\n\nTiltak\n\n"
        "| Nr | Tiltak | Periode |\n|---|---|---|\n"
        "| 1 | Språkmiljø i barnehagen | Vår 2025, Høst 2025 |\n"
        "| 2 | Lek og samspill | Høst 2025 |\n",
        "report.md",
    )
    assert [(m.number, m.terms) for m in r.measures] == [(1, ["V2025", "H2025"]), (2, ["H2025"])]


def test_the_chosen_word_in_brackets_and_a_name_under_its_part(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "1. Eigar\n1.1 Namn: Ørsta kommune\n1.8 Fleire eigarar i partnarskapet: JA / [NEI]\n"
        "1.14 Vidareføring av heile behovsmeldinga frå 2025: JA / [NEI]\n",
    )
    assert (r.owner.id, r.continuation) == ("orgnr:939461450", False)
    assert not unread(r)


def test_two_seasons_of_one_year():
    from kompetansekart.ingest.terms import find_terms

    assert [t for _, t, *_ in find_terms("Både våren og høsten 2025")] == ["V2025", "H2025"]
    assert [t for _, t, *_ in find_terms("våren 2025 og hausten 2025")] == ["V2025", "H2025"]


def test_the_whole_of_a_year_is_both_its_terms():
    from kompetansekart.ingest.terms import find_terms

    assert [t for _, t, *_ in find_terms("Gjennom hele 2026, vår og høst")] == ["V2026", "H2026"]
    assert [t for _, t, *_ in find_terms("heile 2025")] == ["V2025", "H2025"]
    assert find_terms("hele skoleåret 2026/2027") == []  # a school year says no terms


def test_marks_spelled_out_after_each_option(tmp_path, parser):
    """'Ja: X  Nei: –' per option, and each option of a question answered yes or no on
    its own line: the options answered yes are the choice."""
    r = read(
        tmp_path,
        parser,
        "Eier: Hamar kommune\n"
        "Drøftet med tillitsvalgte Ja: X Nei: –\n"
        "Samiske perspektiver ivaretatt Ja: – Nei: X\n"
        "Sektor\nBarnehage Ja: – Nei: X\nGrunnskole Ja: X Nei: –\n"
        "Fase\nAnalyse Ja: X Nei: –\nPlanlegging Ja: – Nei: X\nGjennomføring Ja: X Nei: –\n",
    )
    assert (r.union_consultation.held, r.sami_perspective) == (True, "nei")
    assert (r.sector, r.phases) == ("grunnskole", ["analyse", "gjennomforing"])
    assert not unread(r)


def test_a_phone_number_is_whole_on_its_line(tmp_path, parser):
    """A PDF has no blank lines: the paragraph under 'Telefon: …' is not part of it, and
    its figure (last year's grant) is named as such."""
    r = read(
        tmp_path,
        parser,
        "Eier: Hamar kommune\nKontaktperson: Kari Nordmann\nTelefon: 400 00 000\n"
        "For 2024 ble det tildelt 610 000 kr til partnerskapet gjennom ordningen.\n"
        "Totalt meldt behov for 2026: 500 000 kr\n",
    )
    assert [c.phone for c in r.contacts] == ["400 00 000"]
    assert r.budget[0].total_stated == 500_000
    assert not unread(r)


def test_a_markdown_front_matter_is_read_as_fields(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        '---\ntittel: "Behovsmelding 2026"\neier: Hamar kommune\norgnr_eier: "970540008"\n'
        "år: 2026\nsist_endret: 2025-11-14\n---\n\n# Behovsmelding\n\nTekst.\n",
        "report.md",
    )
    assert (r.owner.id, r.year) == ("orgnr:970540008", 2026)
    assert not unread(r)


TASK_LIST_REPORT = """# Behovsmelding 2026

- **Eier:** Hamar kommune
- **Universitet/høgskole:** Høgskolen i Innlandet

## Sektor og faser

- [x] Barnehage
- [ ] Grunnskole

- [ ] Analyse
- [x] Planlegging

## Tiltak

- [x] Tiltak 1 – Språk i barnehagen
  - Formål: gjennomføring
- [x] Tiltak 2 – Lek og læring
  - Formål: planlegging
- [ ] Tiltak 3 – Foreldremøter
  - Ikke med i år; tas opp igjen i 2027.

## Budsjett

- Tiltak 1: eier 100 000 kr, UH 150 000 kr (sum 250 000 kr)
- Tiltak 2: eier 40 000 kr, UH 60 000 kr, hvorav 10 000 kr til reise (sum 100 000 kr)

## Medbestemmelse

- [x] Meldingen er drøftet med de tillitsvalgte
"""


def test_a_markdown_task_list_answers_its_questions(tmp_path, parser):
    """Ticked task items: the options of a question under a heading that does not ask it,
    measures (an unticked one is not part of the report), and a statement that holds."""
    r = read(tmp_path, parser, TASK_LIST_REPORT, "report.md")
    assert (r.sector, r.phases) == ("barnehage", ["planlegging"])
    assert [(m.number, m.name) for m in r.measures] == [
        (1, "Språk i barnehagen"),
        (2, "Lek og læring"),
    ]
    money = [(m.owner_amount, m.uh_amount, m.total_stated) for m in r.measures]
    assert money == [(100_000, 150_000, 250_000), (40_000, 60_000, 100_000)]
    assert r.union_consultation.held is True
    assert not unread(r)


def test_a_figure_without_a_role_keeps_a_measure_list_unread(tmp_path, parser):
    """'Tiltak 1: 100 000 kr og 150 000 kr': figures without their roles are not guessed."""
    text = TASK_LIST_REPORT.replace(
        "- Tiltak 1: eier 100 000 kr, UH 150 000 kr (sum 250 000 kr)",
        "- Tiltak 1: 100 000 kr, UH 150 000 kr",
    )
    r = read(tmp_path, parser, text, "report.md")
    assert r.measures[0].owner_amount is None
    assert any("100 000 kr" in message for message in unread(r))


def test_a_table_of_parties_with_a_role_column(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "Eier: Hamar kommune\n\n| Part | Rolle | Kontaktperson |\n|---|---|---|\n"
        "| Hamar kommune | eier | Kari Nordmann |\n| Stange kommune | eier | Ola Testesen |\n"
        "| Høgskolen i Innlandet | UH | Per Prøve |\n| Statped | ressurs | Eva Eksempel |\n",
        "report.md",
    )
    roles = sorted((p.org.name, p.role) for p in r.partners)
    assert roles == [
        ("Hamar kommune", "eier"),
        ("Stange kommune", "eier"),
        ("Universitetet i Innlandet", "uh"),  # Statped's role is 'ressurs': not a party
    ]
    assert [u.name for u in r.uh] == ["Universitetet i Innlandet"]


def test_options_asked_one_by_one_with_a_yes_or_no_each(tmp_path, parser):
    """'Behovet gjelder barnehage: [JA] / NEI' asks about one option of the sector; the
    options answered yes make the value together (both: begge). Under 'Fase', the
    sub-items 'a) analyse: …' are that question's options, each answered on its line."""
    r = read(
        tmp_path,
        parser,
        "1.1 Navn: Hamar kommune\n"
        "1.2 Behovet gjelder barnehage: JA / [NEI]\n"
        "1.3 Behovet gjelder grunnskole: [JA] / NEI\n"
        "1.4 Fase\n"
        "   a) analyse: [JA] / NEI\n"
        "   b) planlegging: JA / [NEI]\n"
        "   c) gjennomføring: [JA] / NEI\n",
    )
    assert (r.sector, r.phases) == ("grunnskole", ["analyse", "gjennomforing"])
    assert not unread(r)
    both = read(
        tmp_path,
        parser,
        "Navn: Hamar kommune\nBehovet gjelder barnehage: [JA] / NEI\n"
        "Behovet gjelder grunnskole: [JA] / NEI\n",
    )
    assert both.sector == "begge"


def test_an_answered_option_does_not_replace_a_stated_sector(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "Navn: Hamar kommune\nSektor: Barnehage\nBehovet gjelder grunnskole: [JA] / NEI\n",
    )
    assert r.sector == "barnehage"


def test_a_part_of_an_amount_that_goes_to_the_coordinator(tmp_path, parser):
    """'herav kr 30 000 til koordinator' under the owner's amount of a measure is that
    measure's coordinator amount; a part for travel under the UH's amount is set aside."""
    r = read(
        tmp_path,
        parser,
        "Eier: Hamar kommune\n\n"
        "Tiltak 1: Lesing i alle fag\n"
        "Eier: kr 90 000\n   herav kr 30 000 til koordinator\n"
        "UH: kr 150 000\n   herav kr 15 000 til reise\n"
        "Sum: kr 240 000\n",
    )
    m = r.measures[0]
    assert (m.owner_amount, m.uh_amount, m.coordinator_amount) == (90_000, 150_000, 30_000)
    assert not unread(r)


def test_a_term_and_after_that_is_open_ended():
    from kompetansekart.ingest.terms import find_terms

    found = find_terms("fra høsten 2026, videre gjennom våren 2027 og deretter")
    assert [t for _, t, *_ in found] == ["H2026", "V2027", "videre"]
    assert [t for _, t, *_ in find_terms("Høsten 2025 og senere.")] == ["H2025", "videre"]
    assert find_terms("Vi evaluerer og deretter.") == []  # no term before it
    assert [t for _, t, *_ in find_terms("Vår 2026 og deretter evaluering")] == ["V2026"]


KEYED_EXPORT = """# eksport fra fagsystem
; tomme verdier er ikke fylt ut
[søknad]
aar = 2026
ordning = dekomp
[eier]
eier_navn = "Hamar kommune"
sektor = bhg+skole
samisk_perspektiv = ikke_relevant
# Statped er ikke partner
[tiltak.1]
navn = "Lesing i alle fag"
uh = 970546200
belop_eier = 90000
belop_uh = "150 000"   ; inkl. reise
herav_reise_uh = 20000
koordinator_eier = 10000
beskrivelse = "Felles arbeid i alle skoler \\
  med veiledning fra UH."
"""


def test_a_configuration_style_export(tmp_path, parser):
    """'[section]' and 'key = value' lines: comments are syntax, quotes are the format's,
    a value ending in a backslash goes on, a code in one word is its words, a value that
    is only an organisation number names the organisation, and a 'herav' key is a part."""
    r = read(tmp_path, parser, KEYED_EXPORT)
    assert (r.year, r.schemes, r.sector, r.sami_perspective) == (
        2026,
        ["desentralisert"],
        "begge",
        "ikke_relevant",
    )
    assert r.owner.id == "orgnr:970540008"  # Hamar kommune, not '"Hamar kommune"'
    m = r.measures[0]
    assert (m.number, m.name, m.uh.id) == (1, "Lesing i alle fag", "orgnr:970546200")
    assert (m.owner_amount, m.uh_amount, m.coordinator_amount) == (90_000, 150_000, 10_000)
    assert not unread(r)


def test_a_configuration_value_over_two_lines_is_one_line():
    from kompetansekart.ingest.readers.keyed import keyed_lines
    from kompetansekart.ingest.records import Line

    lines = [Line(n, t) for n, t in enumerate(KEYED_EXPORT.splitlines(), start=1)]
    texts = [line.text for line in keyed_lines(lines)]
    assert "beskrivelse = Felles arbeid i alle skoler med veiledning fra UH." in texts
    assert "belop_uh = 150 000" in texts  # no quotes, no comment
    assert [t for t in texts if t.startswith(("#", ";"))] == []
    assert "Tiltak 1" in texts


def test_an_indented_line_continues_the_configuration_value_above_it():
    # configparser's multi-line values: the indented line is more of 'navn', while an
    # indented key is a key of its own
    from kompetansekart.ingest.readers.keyed import keyed_lines
    from kompetansekart.ingest.records import Line

    text = (
        "[tiltak.1]\nnavn = Vurdering for læring\n    på 1.–10. trinn\n  formaal = gjennomforing\n"
    )
    lines = [Line(n, t) for n, t in enumerate(text.splitlines(), start=1)]
    texts = [line.text for line in keyed_lines(lines)]
    assert texts == [
        "Tiltak 1",
        "navn = Vurdering for læring på 1.–10. trinn",
        "formaal = gjennomforing",
    ]


def test_prose_with_an_equals_sign_is_not_a_configuration():
    from kompetansekart.ingest.readers.keyed import is_keyed
    from kompetansekart.ingest.records import Line

    text = ["Vi har regnet slik: eier = 40 %, UH = 60 %.", "[Se vedlegg]", "Mvh Kari"]
    assert not is_keyed([Line(n, t) for n, t in enumerate(text, start=1)])


def test_measures_side_by_side_in_columns(tmp_path, parser):
    """A table turned on its side: each row a field, each 'Tiltak N' column a measure;
    a 'Sum' column that adds the row up is read, a 'herav' row is a part."""
    r = read(
        tmp_path,
        parser,
        "Eier: Hamar kommune\n\n"
        "| Felt | Tiltak 1 | Tiltak 2 | Sum |\n|---|---|---|---|\n"
        "| Tiltak | Lesing i alle fag | Trygt skolemiljø | |\n"
        "| Periode | Høst 2026 | Vår 2027 | |\n"
        "| UH-partner | Høgskolen i Innlandet | Høgskolen i Innlandet | |\n"
        "| Eier (kr) | 100000 | 50000 | 150000 |\n"
        "| UH (kr) | 200000 | 150000 | 350000 |\n"
        "| herav reise (kr) | 20000 | | |\n"
        "| Sum (kr) | 300000 | 200000 | 500000 |\n",
        "report.md",
    )
    got = [
        (m.number, m.name, m.terms, m.owner_amount, m.uh_amount, m.total_stated) for m in r.measures
    ]
    assert got == [
        (1, "Lesing i alle fag", ["H2026"], 100_000, 200_000, 300_000),
        (2, "Trygt skolemiljø", ["V2027"], 50_000, 150_000, 200_000),
    ]
    assert [m.uh.name for m in r.measures] == ["Universitetet i Innlandet"] * 2
    assert not unread(r)


def test_a_heading_between_two_tables_of_a_sheet(tmp_path, parser):
    """In a sheet, a line alone between two tables is a row with empty cells only when
    the row under it is not the next table's header."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in (
        ("Eier", "Hamar kommune"),
        (),
        ("Felt", "Tiltak 1", "Tiltak 2", "Sum"),
        ("Tiltak", "Lesing", "Skolemiljø", None),
        ("Eier (kr)", 100000, 50000, 150000),
        ("Merknad", "ny", "ny", "se plan"),
        ("Oppsummering",),
        ("Ordning", "Eier", "UH", "Sum"),
        ("Desentralisert ordning (Dekomp)", "kr 150 000", "kr 350 000", "kr 500 000"),
    ):
        ws.append(row)
    path = tmp_path / "report.xlsx"
    wb.save(path)
    from kompetansekart.ingest.document import Document
    from kompetansekart.ingest.form.model import Table
    from kompetansekart.ingest.form.structure import read_form
    from kompetansekart.ingest.readers import reader_for

    result = reader_for(path)[1](path)
    doc = Document.from_lines(str(path), "xlsx", result.lines, result.raw)
    form = read_form(doc, LABELS)
    tables = [[doc.plain(row.i) for row in t.rows] for t in form.items if isinstance(t, Table)]
    assert len(tables) == 2 and tables[1][0] == "Ordning Eier UH Sum"
    assert "Oppsummering" not in tables[0] + tables[1]
    r = parser.parse_file(path)
    assert [(b.scheme, b.owner_amount, b.total_stated) for b in r.budget] == [
        ("desentralisert", 150_000, 500_000)
    ]


MINUTES = "\n".join(
    [
        "Lister kompetansenettverk",
        "Referat fra møte i arbeidsutvalget",
        "Sak 4/26 Behovsmelding 2026 – Hamar kommune",
        "Vedtak:",
        "1. Kommunen viderefører behovsmeldingen fra 2025 med ett nytt tiltak.",
        (
            "2. Høgskolen i Innlandet er faglig partner, med Kari Testesen, dosent,"
            " som kontaktperson (kari.testesen@example.org)."
        ),
        (
            "3. Behovsmeldingen omfatter alle fem offentlige grunnskoler og PPT for"
            " Hamar (én enhet)."
        ),
        "4. Arbeidsutvalget godkjenner disse tiltakene:",
        (
            "Tiltak 1 «Lesing i alle fag», som videreføres fra 2025, gjennomføres "
            "sammen med Høgskolen i Innlandet gjennom vårsemesteret og "
            "høstsemesteret 2026, med 100 000 kroner fra Hamar kommune og 200 000 "
            "kroner fra Høgskolen i Innlandet, til sammen 300 000 kroner."
        ),
        (
            "Tiltak 2 «Trygt skolemiljø», som er et nytt tiltak, planlegges sammen "
            "med Høgskolen i Innlandet høsten 2026, med 50 000 kroner fra Hamar "
            "kommune og 70 000 kroner fra Høgskolen i Innlandet, til sammen 120 000"
            " kroner."
        ),
        "5. Samiske perspektiver er vurdert som ikke relevant.",
        "6. Tiltakene er koblet til videreutdanning.",
        "",
    ]
)


def test_minutes_of_a_network_meeting(tmp_path, parser):
    """Decisions in numbered sentences: a list after 'tiltak:' whose items are measures
    in one sentence each (purpose and continuation by their verbs, the owner's share by
    its name, terms as semesters), the next numbered item not part of the one before,
    a contact 'med … som kontaktperson', units in words, the network in the heading."""
    r = read(tmp_path, parser, MINUTES)
    assert (r.continuation, r.continues_year, r.network.name) == (
        True,
        2025,
        "Lister kompetansenettverk",
    )
    got = [
        (m.number, m.name, m.purpose, m.continued, m.terms, m.owner_amount, m.uh_amount)
        for m in r.measures
    ]
    assert got == [
        (1, "Lesing i alle fag", "gjennomforing", True, ["V2026", "H2026"], 100_000, 200_000),
        (2, "Trygt skolemiljø", "planlegging", False, ["H2026"], 50_000, 70_000),
    ]
    assert (r.sami_perspective, r.linked_to_further_education) == ("ikke_relevant", "ja")
    assert (r.units.offentlige_skoler, r.units.ppt) == (5, 1)
    assert [c.email for c in r.contacts if c.role == "uh"] == ["kari.testesen@example.org"]


def test_the_owner_who_asks_is_not_the_owner_share():
    from kompetansekart.ingest.money import prose_money

    asked = prose_money("Samlet søker Alta kommune om 650 000 kroner.", 2025, (), ("Alta kommune",))
    assert [(f.role, f.value) for f in asked.figures] == [("total", 650_000)]  # not the owner's
    shares = prose_money(
        "Vi søker 90 000 kroner fra Alta kommune og 160 000 kroner fra UiT.",
        2025,
        ("UiT",),
        ("Alta kommune",),
    )
    assert [(f.role, f.value) for f in shares.figures] == [("owner", 90_000), ("uh", 160_000)]


SLIDES = "\n".join(
    [
        "**Partnerskapet**",
        "• Eier: Hamar kommune",
        "• USN som faglig partner (Institutt for pedagogikk)",
        "• Nasjonalt senter for skriving: ikke partner",
        "**Tiltak 1: Lesing i alle fag**",
        "• Gjennomføring på alle skolene",
        "• Varighet: høsten 2026",
        "• 100 000 fra kommunen, 150 000 fra UH",
        "• 20 000 av kommunedelen til koordinator",
        "**Budsjett**",
        "Ordning\tKommunen (eier)\tUSN (UH)\tSum",
        "Desentralisert ordning\t100 000\t150 000\t250 000",
    ]
)


def test_slides_of_bullets(tmp_path, parser):
    """A bullet is whole on its line: the next bullet is not the value of the one before;
    a measure's bullet that opens with a purpose, that ties every figure to a role, or
    that gives a figure to the coordinator is that measure's; a UH named as a partner is
    the report's UH; a column named by a name and its role holds that role's money."""
    r = read(tmp_path, parser, SLIDES, "report.md")
    assert [u.id for u in r.uh] == ["orgnr:911770709"]
    m = r.measures[0]
    assert (m.purpose, m.terms, m.owner_amount, m.uh_amount, m.coordinator_amount) == (
        "gjennomforing",
        ["H2026"],
        100_000,
        150_000,
        20_000,
    )
    assert [(b.scheme, b.owner_amount, b.uh_amount) for b in r.budget] == [
        ("desentralisert", 100_000, 150_000)
    ]
    assert not unread(r)


def test_a_list_of_municipalities_is_not_the_networks_name(tmp_path, parser):
    """'Nettverket: Vinje, Tokke og Seljord' names the members, and '… i nettverket sender
    eigne meldingar' after the owner is prose: neither is made the network's name."""
    r = read(
        tmp_path,
        parser,
        "Eigar: Vinje kommune – dei andre kommunane i nettverket sender eigne meldingar\n"
        "Nettverket: Vinje, Tokke og Seljord\n",
    )
    assert r.network is None
    assert any(d.code == "network-members" for d in r.diagnostics)


HTML_PAGE = "\n".join(
    [
        "# Behovsmelding 2026",
        "<table>",
        "  <tr><th>Felt</th><th>Svar</th></tr>",
        "  <tr><td>Skoleeier</td><td>Hamar&nbsp;kommune<br>Org.nr. 970 540 008</td></tr>",
        "  <tr><td>Ordning</td><td>Desentralisert ordning (Dekomp)</td></tr>",
        "</table>",
        "<!-- Tiltak 9: et utkast",
        "som ikke ble sendt -->",
        "<details><summary>Tiltak 1: Lesing i alle fag</summary>",
        "",
        "- **Eier:** 100&nbsp;000 kr",
        "- **UH:** 150&nbsp;000 kr <del>(og 50 000 kr fra USN)</del>",
        "</details>",
    ]
)


def test_html_inside_a_markdown_page(tmp_path, parser):
    """Table rows as cells, a break inside a cell as '; ', entities as characters, a
    details block's summary as a heading, and what a comment or <del> hides left out."""
    r = read(tmp_path, parser, HTML_PAGE, "report.md")
    assert (r.owner.id, r.schemes) == ("orgnr:970540008", ["desentralisert"])
    assert [(m.number, m.name, m.owner_amount, m.uh_amount) for m in r.measures] == [
        (1, "Lesing i alle fag", 100_000, 150_000)
    ]
    assert not unread(r)


def test_a_web_page_of_ticks_crosses_and_a_table_in_thousands(tmp_path, parser):
    """✔ beside ✖: the cross is the option not chosen; a note above a table that its
    figures are in 1 000 kr scales them; a cell of labelled parts is those fields."""
    r = read(
        tmp_path,
        parser,
        "\n".join(
            [
                "<table>",
                "<tr><td>Skoleeier</td><td>Hamar kommune</td></tr>",
                "<tr><td>Sektor</td><td>✖ Barnehage ✔ Grunnskole</td></tr>",
                "<tr><td>Enheter</td><td>Offentlige skoler: 12<br>Private skoler: 2</td></tr>",
                "</table>",
                "",
                "## Budsjett",
                "",
                "*Alle beløp i tabellen er i hele 1 000 kroner.*",
                "",
                "| Ordning | Eier | UH | Sum |",
                "|---|---|---|---|",
                "| Desentralisert ordning | 530 | 870 | 1 400 |",
            ]
        ),
        "report.md",
    )
    assert r.sector == "grunnskole"
    assert (r.units.offentlige_skoler, r.units.private_skoler) == (12, 2)
    assert [(b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        (530_000, 870_000, 1_400_000)
    ]


def test_a_sheets_fields_then_its_table_of_measures(tmp_path, parser):
    """Rows of a label and a value, then a wide header row: the table of measures is a
    table of its own, not more rows of the fields above it."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in (
        ("Eier", "Hamar kommune"),
        ("Behov for år", 2026),
        ("Nr", "Tiltak", "Formål", "Periode", "Eier kr", "UH kr", "Sum kr"),
        (1, "Lesing i alle fag", "Gjennomføring", "høst 2026", 100000, 150000, 250000),
    ):
        ws.append(row)
    path = tmp_path / "report.xlsx"
    wb.save(path)
    r = parser.parse_file(path)
    assert r.year == 2026
    got = [(m.number, m.name, m.purpose, m.owner_amount, m.uh_amount) for m in r.measures]
    assert got == [(1, "Lesing i alle fag", "gjennomforing", 100_000, 150_000)]


def test_a_schemes_figures_on_one_line_of_the_budget(tmp_path, parser):
    r = read(
        tmp_path,
        parser,
        "Eier: Hamar kommune\n\nBudsjett per ordning:\n"
        "Desentralisert ordning – Eier: 320 000 – UH: 530 000 – Sum: 850 000\n",
    )
    assert [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        ("desentralisert", 320_000, 530_000, 850_000)
    ]
    assert not unread(r)
