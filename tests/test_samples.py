"""The five real samples, read at run time from ../shared/corpus, against what a careful
reader writes down from each. Where a document does not settle a value the test asserts
the null plus the diagnostic, and says why in a comment."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.corpus

BODO = "orgnr:972418013"
NARVIK = "orgnr:959469059"
INN = "orgnr:918108467"
UIS = "orgnr:971564679"
NORD = "orgnr:970940243"
SEPU = "org:sepu"
LMS = "org:lms"
NTG = "org:stiftelsen-ntg"
SALTEN = "org:kompetansenettverk-salten"
NARVIK_NET = "org:kompetansenettverk-narvik"


def diag_fields(report, level="warning"):
    return {d.field for d in report.diagnostics if d.level == level}


def diag_codes(report):
    return {d.code for d in report.diagnostics}


def measures(report):
    return [
        (m.number, m.name, m.scheme, m.owner_amount, m.uh_amount, m.total_stated)
        for m in report.measures
    ]


def budget(report):
    return [(r.scheme, r.label, r.owner_amount, r.uh_amount, r.total_stated) for r in report.budget]


def breakdown(row):
    return [(s.uh.id, s.amount) for s in row.uh_breakdown]


# --- 000: web-form export, NTG + Universitetet i Innlandet -------------------------------


def test_000_webform_owner_uh_and_fields(samples):
    r = samples["000"]
    assert r.layout == "webform"
    assert r.owner.id == NTG and r.owner.kind == "stiftelse"
    assert [u.id for u in r.uh] == [INN]  # "Universitetet i Innlandet" in kompetansekontakt
    assert r.network is None  # the web form has no network field
    assert r.sector == "grunnskole"  # "Gjelder: Grunnskole"
    assert r.continuation is True  # "viderføre: Ja"
    assert r.continues_year is None  # "tidligere meldinger", no year given
    assert r.phases == ["gjennomforing"]  # "Fase: Gjennomføring av tiltak"
    assert r.sami_perspective == "ja"
    assert r.linked_to_further_education == "ja"  # "sammenheng: Ja" (videreutdanning)
    assert r.union_consultation.held is True and r.union_consultation.unions == []
    assert (r.units.kommunale_barnehager, r.units.private_barnehager) == (0, 0)
    assert (r.units.offentlige_skoler, r.units.private_skoler, r.units.ppt) == (0, 1, 0)


def test_000_year_is_inferred_from_the_school_year(samples):
    # No year field; "skoleåret 2026-2027" is the first year planned for -> 2026, flagged.
    r = samples["000"]
    assert r.year == 2026
    assert "year-inferred" in diag_codes(r)
    assert r.evidence["year"] > 0


def test_000_scheme_is_not_stated(samples):
    # Grunnskole fits both Dekomp and Kompetanseløftet; the form does not say which.
    r = samples["000"]
    assert r.schemes == []
    assert "schemes" in diag_fields(r)


def test_000_one_measure_with_the_prose_amounts(samples):
    r = samples["000"]
    assert len(r.measures) == 1
    m = r.measures[0]
    # "Sum skoleeier: kr. 50 000,-", "Sum UH: kr. 150 000,- (hvorav kr. 30 000,- ...)",
    # "Samlet: kr. 200 000,-", "koordinator: kr. 0,-", "varighet: Videre"
    assert (m.owner_amount, m.uh_amount, m.total_stated) == (50_000, 150_000, 200_000)
    assert m.coordinator_amount == 0
    assert m.terms == ["videre"]
    assert m.uh.id == INN
    assert m.scheme is None
    assert "ledelse" in m.themes
    assert {"laerere", "ledere"} <= set(m.target_groups)
    assert budget(r) == [(None, "Samlet", 50_000, 150_000, 200_000)]


def test_000_needs_and_contacts(samples):
    r = samples["000"]
    assert {"trygt-skolemiljo", "klasseledelse", "psykisk-helse", "kunstig-intelligens"} <= set(
        r.needs
    )
    assert [(p.org.id, p.role) for p in r.partners] == [(NTG, "eier"), (INN, "uh")]
    assert [c.role for c in r.contacts] == ["eier", "uh"]
    assert r.contacts[0].email and "@" in r.contacts[0].email
    assert [i.org.id for i in r.institutions] == ["org:ntg-u-bodo"]  # "NTG-U i Bodø"


# --- 001: prose letter, NTG + HiNN ---------------------------------------------------------


def test_001_letter(samples):
    r = samples["001"]
    assert r.layout == "letter"
    assert r.schemes == ["desentralisert"]  # "Behovsmelding dekomp ..." in the title
    assert r.owner.id == NTG  # signed "Skoledirektør Stiftelsen NTG"
    assert [u.id for u in r.uh] == [INN]  # HiNN / HINN / Hinn: one institution
    assert r.continuation is True  # "Vi ønsker å viderføre partnerskapet"
    assert [(p.org.id, p.role) for p in r.partners] == [(NTG, "eier"), (INN, "uh")]
    assert r.measures == [] and r.budget == []
    assert "org:ntg-u-bodo" in [i.org.id for i in r.institutions]
    assert {"profesjonsfellesskap", "ledelse"} <= set(r.needs)
    assert r.contacts and r.contacts[0].role == "eier"


def test_001_what_a_letter_cannot_say(samples):
    # The letter mentions 2017, 2022 and 2025 but asks money for no stated year; it has no
    # fields for sector, phases, units, union consultation, Sami perspective.
    r = samples["001"]
    assert r.year is None and "year" in diag_fields(r)
    assert r.sector is None and r.phases == []
    assert r.union_consultation.held is None
    assert r.sami_perspective is None and r.linked_to_further_education is None


# --- 002: 2026 checkbox form, Bodø + Læringsmiljøsenteret (and Nord) ------------------------


def test_002_header(samples):
    r = samples["002"]
    assert r.layout == "form"
    assert r.year == 2026  # "Total sum det meldes behov for 2026"
    assert r.owner.id == BODO and r.owner.kind == "kommune"
    assert r.network.id == SALTEN
    assert r.uh[0].id == LMS and r.uh[0].kind == "uh_enhet" and r.uh[0].parent == UIS
    # Nord universitet gets money in the summary table (a second partnership of Bodø).
    assert [u.id for u in r.uh] == [LMS, NORD]
    assert r.sector == "grunnskole"  # Grunnskole ☒
    assert r.continuation is True and r.continues_year == 2025  # "fra 2025? Ja ☒"
    assert r.phases == ["planlegging", "gjennomforing"]
    assert r.sami_perspective == "nei"  # Nei ☒
    assert r.linked_to_further_education == "vet_ikke"  # Vet ikke ☒


def test_002_merged_scheme_name_is_not_a_guess(samples):
    # "Kollektiv kompetanseutvikling" merges the three schemes; the form does not say which.
    r = samples["002"]
    assert r.schemes == []
    assert "merged-scheme" in diag_codes(r)


def test_002_budget_rows_per_measure(samples):
    r = samples["002"]
    assert budget(r) == [
        (None, "Tiltak 1: Kvalitetsutvikling kommunale bhg.", 200_000, 201_500, 401_500),
        (None, "Tiltak 2: Trygt og godt skolemiljø", 250_000, 364_300, 614_300),
        (None, "Tiltak 3: Ledersamlinger", 200_000, 269_500, 469_500),
        (None, "Tiltak 1: Fådeltskoledidaktikk", 80_000, 284_000, 364_000),
        (None, "Tiltak 2: Lesing og skriving", 150_000, 459_560, 609_560),
    ]
    assert [breakdown(row)[0][0] for row in r.budget] == [LMS, LMS, LMS, NORD, NORD]
    s = r.budget_sum
    assert (s.owner_amount, s.uh_amount, s.total_stated) == (880_000, 1_578_860, 2_458_860)


def test_002_measures_and_the_attachment(samples):
    r = samples["002"]
    assert [(m.number, m.name, m.uh.id) for m in r.measures] == [
        (1, "Kvalitetsutvikling kommunale bhg.", LMS),
        (2, "Trygt og godt skolemiljø", LMS),
        (3, "Ledersamlinger", LMS),
        (1, "Fådeltskoledidaktikk", NORD),
        (2, "Lesing og skriving", NORD),
    ]
    t2 = r.measures[1]  # the attachment is about Tiltak 2
    assert (t2.owner_amount, t2.uh_amount, t2.total_stated) == (250_000, 364_300, 614_300)
    assert t2.terms == ["H2026", "V2027"]  # Høst 2026 ☒ Vår 2027 ☒
    assert t2.continued is True  # "Dette tiltaket er en videreføring av tiltak ..."
    assert {"trygt-skolemiljo", "fravaer"} <= set(t2.themes)
    assert {"plangruppe", "alle-ansatte", "ppt"} <= set(t2.target_groups)
    assert t2.coordinator_amount is None  # the field holds only the form's placeholder
    assert all(m.scheme is None for m in r.measures)
    assert {"trygt-skolemiljo", "fravaer"} <= set(r.needs)
    # Measures known only from their table row are about what their name says.
    assert [m.themes for m in r.measures[2:]] == [["ledelse"], ["fadeltskole"], ["lesing-skriving"]]


def test_002_partners_unions_units(samples):
    r = samples["002"]
    assert [(p.org.name, p.role) for p in r.partners] == [
        ("Bodø kommune", "eier"),
        ("St. Eystein skole", "eier"),  # written "St.Eystein skole"
        ("Nasjonalt senter for læringsmiljø og atferdsforskning", "uh"),
    ]
    assert r.partners[2].org.id == LMS
    assert r.union_consultation.held is True
    assert r.union_consultation.unions == [
        "Utdanningsforbundet",
        "Skolenes landsforbund",
        "Fagforbundet",
        "Delta",
        "Fellesorganisasjonen",  # written "FO"
        "Skolelederforbundet",
    ]
    u = r.units
    assert (u.kommunale_barnehager, u.private_barnehager, u.offentlige_skoler) == (0, 0, 22)
    assert (u.private_skoler, u.ppt) == (1, 1)
    assert [c.role for c in r.contacts] == ["eier", "uh"]
    assert all(c.function for c in r.contacts)


# --- 003: 2024 table form, Narvik + Nord, a continuation ----------------------------------


def test_003_header(samples):
    r = samples["003"]
    assert r.layout == "form"
    assert r.year == 2025
    assert r.owner.id == NARVIK
    assert r.network.id == NARVIK_NET
    assert [u.id for u in r.uh] == [NORD]
    assert [(c.role, bool(c.email)) for c in r.contacts] == [("eier", True), ("uh", True)]
    assert [(p.org.id, p.role) for p in r.partners] == [(NARVIK, "eier"), (NORD, "uh")]


def test_003_invisible_choices_are_unknown_with_warnings(samples):
    # Flattened Word form: "Regional ordning Desentralisert ordning Kompetanseløftet" and
    # "Ja Nei" carry no mark. The schemes are inferred from the budget rows (all three
    # have amounts); the continuation question stays unanswered ...
    r = samples["003"]
    warned = diag_fields(r)
    assert {"schemes", "continuation"} <= warned
    assert r.schemes == ["regional", "desentralisert", "kompetanseloftet"]
    assert "schemes-inferred" in diag_codes(r)
    # ... but the document fills in the section the form asks for only "Dersom ja", so the
    # continuation (from 2024) is inferred, with an info diagnostic.
    assert r.continuation is True and r.continues_year == 2024
    assert "continuation-inferred" in diag_codes(r)


def test_003_budget_and_continued_measures(samples):
    r = samples["003"]
    assert budget(r) == [
        ("regional", None, 290_000, 840_000, 1_130_000),
        ("desentralisert", None, 150_000, 944_000, 1_094_000),
        ("kompetanseloftet", None, 480_000, 702_800, 1_182_800),
    ]
    s = r.budget_sum
    assert (s.owner_amount, s.uh_amount, s.total_stated) == (920_000, 2_486_800, 3_406_800)
    # "Ønsket sum eier/UH": 110 000 + 20 000 + 20 000 = 150 000 and 328 000 + 2 x 308 000 =
    # 944 000 equal the Desentralisert row, and the section is headed "- DEKOM".
    assert measures(r) == [
        (
            1,
            "Fagfornyelsen: Øke lærernes kompetanse og læreplanforståelse, samt utvikle "
            "profesjonsfellesskap på alle skolene.",
            "desentralisert",
            110_000,
            328_000,
            None,
        ),
        (
            2,
            "Fagfornyelsen - Skolebasert kompetanseutvikling ved x skole",
            "desentralisert",
            20_000,
            308_000,
            None,
        ),
        (
            3,
            "Fagfornyelsen - Skolebasert kompetanseutvikling ved y skole",
            "desentralisert",
            20_000,
            308_000,
            None,
        ),
    ]
    assert all(m.continued and m.uh.id == NORD for m in r.measures)
    # Duration options "Vår 2026 Ut 2026 vår 2027" carry no mark.
    assert all(m.terms == [] for m in r.measures)
    assert "measures.terms" in diag_fields(r)
    assert {"fagfornyelsen", "profesjonsfellesskap"} <= set(r.measures[0].themes)


def test_003_schools_named_in_the_progress_note(samples):
    r = samples["003"]
    named = {i.org.name: i.measures for i in r.institutions}
    assert named == {"Narvik ungdomsskole": [2, 3], "Beisfjord skole": [2, 3]}
    assert all(i.owner and i.owner.id == NARVIK for i in r.institutions)


def test_003_fields_the_form_does_not_hold(samples):
    r = samples["003"]
    assert r.union_consultation.held is None
    assert r.units.offentlige_skoler is None
    assert r.sami_perspective is None and r.phases == []


# --- 004: 2024 table form, Bodø + 17 owners, SePU (and Nord), Salten -----------------------


def test_004_header(samples):
    r = samples["004"]
    assert r.year == 2024
    assert r.schemes == ["kompetanseloftet"]  # **Kompetanseløftet** (bold)
    assert r.owner.id == BODO
    assert r.network.id == SALTEN
    assert r.uh[0].id == SEPU and r.uh[0].parent == INN  # "Høgskolen i Innlandet/ SePU"
    assert [u.id for u in r.uh] == [SEPU, NORD]  # Nord gets money in the budget table
    assert [c.role for c in r.contacts] == ["eier", "uh"]
    assert all(c.phone for c in r.contacts)
    assert "orgnr-mismatch" not in diag_codes(r)  # Org. Nr row agrees with the gazetteer


def test_004_budget_with_uh_breakdown(samples):
    r = samples["004"]
    assert budget(r) == [
        ("regional", None, 200_000, 966_270, 1_166_270),
        ("desentralisert", None, 0, 290_720, 290_720),
        ("kompetanseloftet", None, 1_380_000, 1_512_500, 2_892_500),
    ]
    assert breakdown(r.budget[0]) == [(SEPU, 637_950), (NORD, 328_320)]
    assert breakdown(r.budget[1]) == [(SEPU, 236_000), (NORD, 54_720)]
    assert breakdown(r.budget[2]) == [(SEPU, 1_512_500)]
    s = r.budget_sum
    assert (s.owner_amount, s.uh_amount, s.total_stated) == (1_580_000, 2_769_490, 4_349_490)
    assert breakdown(s) == [(SEPU, 2_386_450), (NORD, 383_040)]


def test_004_measures(samples):
    r = samples["004"]
    # The three measures' sums (1 380 000 / 1 512 500) equal the Kompetanseløftet row.
    assert measures(r) == [
        (6, "18 gruppeledersamlinger", "kompetanseloftet", 900_000, 624_914, 1_524_914),
        (7, "6 Ledersamlinger", "kompetanseloftet", 480_000, 583_600, 1_063_600),
        (8, "Digital nettressurs pedagogisk analyse", "kompetanseloftet", 0, 303_986, 303_986),
    ]
    assert [m.purpose for m in r.measures] == ["gjennomforing", "gjennomforing", "vurdering"]
    assert all(m.uh.id == SEPU for m in r.measures)
    # The target group names group leaders, spelled out as team leaders and "ped.ledere".
    assert r.measures[0].target_groups == ["gruppeledere", "pedagogiske-ledere"]
    assert "ledere" in r.measures[1].target_groups
    assert {"alle-ansatte", "ppt"} <= set(r.measures[2].target_groups)
    assert {"atferd", "sprak", "lek-samspill", "lesing-skriving", "fravaer"} <= set(
        r.measures[0].themes
    )
    # "Tiltakets varighet Vår 2024 Høst 2024 Vår 2025": no option is marked.
    assert all(m.terms == [] for m in r.measures)
    assert (
        sum(
            1
            for d in r.diagnostics
            if d.code == "choice-not-visible" and d.field and d.field.endswith(".terms")
        )
        == 3
    )
    assert {"atferd", "sprak", "fravaer"} <= set(r.needs)


def test_004_partner_list(samples):
    r = samples["004"]
    assert len(r.partners) == 19
    assert [p.role for p in r.partners] == ["eier"] * 18 + ["uh"]
    assert r.partners[0].org.id == BODO
    assert r.partners[17].org.name == "St. Eystein skole"
    assert r.partners[18].org.id == SEPU  # "Høgskolen på Innlandet, SePU"
    assert r.partners[1].org.kind == "privat_eier"  # "... barnehage AS"
    # "<owner> SA – Bamsebo barnehage": the owner, with its kindergarten as an institution
    assert r.partners[2].org.name == "Samvirkeforetaket Befalsfruene Bodø Garnison SA"
    # "<chain> AS, del av konsernet ...": the comment is not part of the name
    assert r.partners[10].org.name == "Norlandia Barnehagene AS"
    owners = {i.org.name: i.owner.name if i.owner else None for i in r.institutions}
    assert owners["Bamsebo barnehage"] == "Samvirkeforetaket Befalsfruene Bodø Garnison SA"
    assert "Norlandia Barnehagene" not in owners  # a chain, not one kindergarten
    assert all(p.contact for p in r.partners)
    named = {i.org.name for i in r.institutions}
    assert {"Bamsebo barnehage", "Værøy barnehage", "Værøy skole", "St. Eystein skole"} <= named


def test_004_union_and_units(samples):
    r = samples["004"]
    assert r.union_consultation.held is True  # "Ja x Nei"
    assert r.union_consultation.unions == ["Utdanningsforbundet"]
    u = r.units
    assert (u.kommunale_barnehager, u.private_barnehager) == (21, 29)
    assert (u.offentlige_skoler, u.private_skoler) == (24, 1)
    assert u.ppt is None  # marked "X"
    assert "units-not-stated" in diag_codes(r)


def test_004_no_account_numbers_anywhere_in_the_record(samples):
    import json

    text = json.dumps(samples["004"].to_json(), ensure_ascii=False)
    assert "Kontonr" not in text
    for digits in ("45005500080", "76940500660"):
        assert digits not in text.replace(".", "")


# --- all samples ----------------------------------------------------------------------------


def test_every_sample_is_schema_valid(samples, schema):
    import jsonschema

    for key, report in samples.items():
        jsonschema.validate(report.to_json(), schema), key


def test_evidence_points_at_real_lines(samples, corpus_dir):
    for key, report in samples.items():
        path = next(corpus_dir.glob(f"{key}_*.txt"))
        n_lines = len(path.read_text("utf-8").splitlines())
        assert report.evidence, key
        assert all(1 <= line <= n_lines for line in report.evidence.values()), key


def test_ids_are_stable_content_hashes(samples, parser, corpus_dir):
    again = parser.parse_file(next(corpus_dir.glob("002_*.txt")))
    assert again.id == samples["002"].id and len(again.id) == 16
    assert len({r.id for r in samples.values()}) == 5
