"""Who the report names and who was consulted: a list of people with their organisation,
an entry that wraps onto the lines under it, the unions named in the sentence after the
consultation, and a list of ticked statements about it.

The reports are written for these tests (municipality, university and union names are
real, the people are not)."""

from __future__ import annotations

import pytest
from reading import parse_text, unread

from kompetansekart.ingest.labels import Labels

PEOPLE = """\
# Behovsmelding 2026

Eigar: Sunnfjord kommune
Kompetansemiljø: Høgskulen på Vestlandet

### Kontaktpersonar

| Namn | Rolle | Organisasjon | E-post |
|---|---|---|---|
| Ingrid Solheim | Rådgjevar barnehage | Sunnfjord kommune | ingrid@example.org |
| Torbjørn Hauge | Førsteamanuensis | Høgskulen på Vestlandet | torbjorn@example.org |
"""


def test_a_list_of_people_with_their_organisation_gives_each_their_role(parser, tmp_path):
    r = parse_text(parser, tmp_path, PEOPLE, "sunnfjord.md")
    got = {(c.name, c.role, c.email) for c in r.contacts}
    assert got == {
        ("Ingrid Solheim", "eier", "ingrid@example.org"),
        ("Torbjørn Hauge", "uh", "torbjorn@example.org"),
    }


def test_a_list_of_parties_with_their_contacts_stays_a_list_of_parties(parser, tmp_path):
    # 'Part' first: each row is a partner and its contact person, not a person
    text = PEOPLE.replace(
        "| Namn | Rolle | Organisasjon | E-post |", "| Part | Rolle | Kontaktperson | E-post |"
    )
    text = text.replace(
        "| Ingrid Solheim | Rådgjevar barnehage | Sunnfjord kommune |",
        "| Sunnfjord kommune | Eigar | Ingrid Solheim |",
    ).replace(
        "| Torbjørn Hauge | Førsteamanuensis | Høgskulen på Vestlandet |",
        "| Høgskulen på Vestlandet | UH | Torbjørn Hauge |",
    )
    text = text.replace("Kompetansemiljø: Høgskulen på Vestlandet\n", "")
    text = text.replace("### Kontaktpersonar", "## Partnarskap")
    r = parse_text(parser, tmp_path, text, "sunnfjord.md")
    assert [u.name for u in r.uh] == ["Høgskulen på Vestlandet"]
    assert {(p.role, p.contact) for p in r.partners} >= {
        ("eier", "Ingrid Solheim"),
        ("uh", "Torbjørn Hauge"),
    }


WRAPPED = """\
Behovsmelding 2026
Eier: Bodø kommune

**Kontaktpersoner**
**Bodø kommune:** Ingvild Hovde, rådgiver
spesialpedagogikk, ingvild@example.org, tlf. 75 55 00 00
**SePU, Universitetet i Innlandet:** Ragnhild Tøsdal
Øverli, prosjektleder, ragnhild@example.org
"""


PHONE = "75 55 00 00"


def test_a_persons_entry_wraps_onto_the_lines_under_it(parser, tmp_path):
    r = parse_text(parser, tmp_path, WRAPPED, "bodo.md")
    got = {(c.name, c.role, c.function, c.email, c.phone) for c in r.contacts}
    assert got == {
        ("Ingvild Hovde", "eier", "rådgiver spesialpedagogikk", "ingvild@example.org", PHONE),
        ("Ragnhild Tøsdal Øverli", "uh", "prosjektleder", "ragnhild@example.org", None),
    }


CONSULTED = """\
Behovsmelding 2026
Skoleeier: Drammen kommune

**7 Andre opplysninger**
Behovsmeldinga er drøfta med dei tillitsvalde i møte 14. januar 2026. Til stede var \
Utdanningsforbundet Drammen, Skolelederforbundet og Fagforbundet. Partene stiller seg bak \
prioriteringene.
"""


def test_the_unions_named_in_the_sentence_after_the_consultation(parser, tmp_path):
    r = parse_text(parser, tmp_path, CONSULTED, "drammen.txt")
    assert r.union_consultation.held is True
    assert set(r.union_consultation.unions) == {
        "Utdanningsforbundet",
        "Skolelederforbundet",
        "Fagforbundet",
    }


def test_unions_in_a_sentence_far_from_the_consultation_are_not_its_unions(parser, tmp_path):
    text = CONSULTED.replace(
        " Til stede var Utdanningsforbundet Drammen, Skolelederforbundet og Fagforbundet.", ""
    )
    text += "\n**8 Annet**\nFagforbundet har eget prosjekt om assistenter i skolen.\n"
    r = parse_text(parser, tmp_path, text, "drammen.txt")
    assert r.union_consultation.unions == []


TICKED = """\
# Behovsmelding 2026

Eigar: Sunnfjord kommune

## Medverknad

- [x] Drøfta med tillitsvalde 14.01.2026
    Desse deltok: Utdanningsforbundet Sunnfjord, Fagforbundet Sunnfjord og Delta
- [x] PBL er orientert om meldinga (ikkje part i drøftinga)
- [ ] Referat frå drøftingsmøtet lagt ved
"""


def test_each_ticked_statement_about_the_consultation_is_read_on_its_own(parser, tmp_path):
    # the unions before a ticked line that says 'ikkje' are still the ones who took part,
    # and PBL, told but not consulted, is no union and its tick is read
    r = parse_text(parser, tmp_path, TICKED, "sunnfjord.md")
    assert r.union_consultation.held is True
    assert set(r.union_consultation.unions) == {"Utdanningsforbundet", "Fagforbundet", "Delta"}
    assert not unread(r)


@pytest.mark.parametrize(
    "text, field",
    [
        ("Fase partnerskapet er i", "phases"),
        ("Består partnerskapet av flere universitet eller høgskular?", "several_uh"),
        ("PBL er orientert om meldinga (ikkje part i drøftinga)", "union_informed"),
    ],
)
def test_the_questions_of_these_forms_are_in_the_vocabulary(text, field):
    labels = Labels.load()
    found = labels.exact(text) or labels.phrase(text)
    assert found is not None and field in found.fields
