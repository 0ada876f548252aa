"""A competence network's report: its owners in a table of parties (the coordinating one
is the report's owner), the UH units' people in bullets, the network named in a sentence,
the budget with a column per owner beside the owners' total, the unit counts of the
network (not of its owners), and another project's budget beside it.

The report is written for these tests (municipality, university and union names are
real, the people and figures are not)."""

from __future__ import annotations

from reading import parse_text, reasons, unread

REPORT = """\
# Behovsmelding Rekomp 2026 – barnehagene på Haugalandet

Denne behovsmeldingen sendes fra kompetansenettverket **Region Nord** på Haugalandet, der
fire kommunale barnehageeiere og én privat eier samarbeider om regional ordning for
kompetanseutvikling i barnehage (Rekomp).

## Deltakere

| Eier | Org.nr. | Kontaktperson | E-post |
|---|---|---|---|
| Haugesund kommune (koordinerende eier) | 944073787 | Ingrid Tveit, rådgiver | ingrid@example.no |
| Karmøy kommune | 940 791 901 | Tor Hervik, barnehagefaglig rådgiver | tor@example.org |

Kompetansemiljø: Universitetet i Stavanger
- Lesesenteret: Nina Aksnes, universitetslektor, nina@example.org

Til sammen 38 kommunale og 11 private barnehager deltar.

## Tiltak

### 1. Lesing

- Periode: vår 2026 og høst 2026

Språkløyper-prosjektet har et eget budsjett på 400 000 kr.
Fylkets kurs i lesing, 250 000 kr, inngår ikke i denne behovsmeldingen.

## Budsjett 2026

| Tiltak | Haugesund | Karmøy | Tysvær | Bokn | Stiftelsen | Eiere totalt | UiS | Sum |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
| 1. Lesing | 120 000 | 100 000 | 50 000 | 10 000 | 20 000 | 300 000 | 450 000 | 750 000 |

## Medbestemmelse

Behovsmeldingen er drøftet i hver kommune og i stiftelsen med de tillitsvalgte.
Utdanningsforbundet, Fagforbundet og Delta deltok i drøftingene.
"""


def test_the_coordinating_owner_of_a_table_of_parties_is_the_owner(parser, tmp_path):
    r = parse_text(parser, tmp_path, REPORT, "haugalandet.md")
    assert (r.owner.id, r.owner.kind) == ("orgnr:944073787", "kommune")
    assert {(p.org.id, p.role, p.contact) for p in r.partners if p.role == "eier"} == {
        ("orgnr:944073787", "eier", "Ingrid Tveit"),
        ("orgnr:940791901", "eier", "Tor Hervik"),
    }


def test_people_of_the_uh_in_bullets_and_the_network_in_a_sentence(parser, tmp_path):
    r = parse_text(parser, tmp_path, REPORT, "haugalandet.md")
    assert {(c.name, c.role) for c in r.contacts} >= {("Nina Aksnes", "uh")}
    assert r.network is not None and r.network.as_written == "Region Nord"
    assert r.union_consultation.held is True
    assert set(r.union_consultation.unions) == {"Utdanningsforbundet", "Fagforbundet", "Delta"}


def test_the_networks_units_not_its_owners(parser, tmp_path):
    # 'fire kommunale barnehageeiere' counts owners, not kindergartens
    r = parse_text(parser, tmp_path, REPORT, "haugalandet.md")
    assert (r.units.kommunale_barnehager, r.units.private_barnehager) == (38, 11)


def test_a_column_per_owner_beside_the_owners_total(parser, tmp_path):
    r = parse_text(parser, tmp_path, REPORT, "haugalandet.md")
    (m,) = r.measures
    assert (m.owner_amount, m.uh_amount, m.total_stated) == (300_000, 450_000, 750_000)
    assert [b.label for b in r.budget] == ["1. Lesing"]
    assert any("another project" in m and "400 000" in m for m in reasons(r)), reasons(r)
    assert any("another project" in m and "250 000" in m for m in reasons(r)), reasons(r)
    assert not unread(r)


def test_without_the_owners_total_their_columns_add_up(parser, tmp_path):
    text = REPORT.replace("| Stiftelsen | Eiere totalt |", "|").replace("| 20 000 | 300 000 |", "|")
    text = text.replace(
        "|---:|---:|---:|---:|---:|---:|---:|---:|", "|---:|---:|---:|---:|---:|---:|"
    )
    text = text.replace("| 750 000 |", "| 730 000 |")
    r = parse_text(parser, tmp_path, text, "haugalandet.md")
    (m,) = r.measures
    assert (m.owner_amount, m.uh_amount, m.total_stated) == (280_000, 450_000, 730_000)
