"""The "variant" layout family: one planned report rendered through a form drawn at random.

The five fixed templates in `demo/layouts.py` copy real samples. A parser that reads only
those has learned five documents, not the task. A variant report states the same kind of
facts (owner, UH, schemes, measures, budget, unions, units and so on), but its form is
drawn per report, independently on each axis of `AXES`:

- `lang`: bokmål or nynorsk labels and running text. Organisation names stay as they are
  officially written.
- `pairs`: how a label and its value are laid out ("Label: value", dot leaders, bold
  labels, "1.3 Label value", tab cells, the question on one line and the answer on the
  next, bullets).
- `choices`: how a chosen option is shown (☒/☐ after or before, ☑, [X], (x), a lone x,
  bold, a row of options over a row of boxes, a grid with an X in the chosen column, or
  the answer written as words).
- `headings` and `order`: how measures are headed (or all put in one table), and the
  order of the sections after the header.
- `budget`, `amounts`, `nbsp`, `unused_rows`, `sum_row`: the budget summary (a table with
  tab cells, pipes or aligned spaces, label–value lines, or prose that also names amounts
  that are not budget figures), and how amounts are written.
- `units`: the unit counts as a table or as label–value lines.
- `format`: txt, md, docx or pdf (the report's own format).

`draw_shape()` draws the axes and the labels with the planner's random generator, so
the same N and seed give the same bytes. The plan keeps the result on `Report.shape`,
and truth.json records it for each variant file, so a failing field can be traced to
an axis. Rendering (`lines()`) makes only choices that do not change a fact: a caption,
a grid mark, where a distractor sentence goes. The expected record therefore still
comes from the plan, never from the text.

The vocabulary is data. `LABELS` lists the variants of every label per language,
`OPTIONS` the option words, `PROSE` the budget sentences and `NN` the nynorsk word bank.
Add a variant there and it is drawn from the next run on.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kompetansekart.demo import world as w

if TYPE_CHECKING:
    from kompetansekart.demo.plan import Measure, Report, Row

# --- the axes ------------------------------------------------------------------------------

AXES: dict[str, tuple] = {
    "lang": ("nb", "nn"),
    "pairs": ("colon", "leader", "bold", "bold-colon", "numbered", "tab", "qa", "bullet"),
    "choices": (
        "box-after",
        "box-before",
        "ballot",
        "brackets",
        "parens",
        "lone-x",
        "bold",
        "box-row",
        "grid",
        "word",
    ),
    "headings": ("plain", "dash", "markdown", "caps", "nr", "part", "table"),
    "budget": ("tabs", "pipes", "spaces", "lines", "prose"),
    "amounts": ("plain", "dot-dash", "kr", "nok", "kr-after", "kr-dot-dash"),
    "nbsp": (False, True),
    "unused_rows": ("omit", "blank", "zero"),
    "sum_row": (False, True),
    "units": ("table", "pairs"),
    "format": ("txt", "md", "docx", "pdf"),
}
SECTIONS = ("partners", "measures", "budget", "union", "units", "other")  # after the header
_CANONICAL_ORDER = SECTIONS
_LANG_WEIGHTS = (55, 45)

# --- the label vocabulary ------------------------------------------------------------------
# field -> language -> the variants a form may use. "{year}", "{prev}" (the year before),
# "{owner}" and "{uh}" (the measure's UH, short form) are filled in when rendering.
LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "authority": {
        "nb": ("Statsforvalteren i Nordland", "Til Statsforvalteren i Nordland", ""),
        "nn": ("Statsforvaltaren i Nordland", "Til Statsforvaltaren i Nordland", ""),
    },
    "title": {
        "nb": (
            "Behovsmelding {year}",
            "Behovsmelding for {year} – {owner}",
            "BEHOVSMELDING {year}",
            "Melding om kompetansebehov {year}",
        ),
        "nn": (
            "Behovsmelding {year}",
            "Behovsmelding for {year} – {owner}",
            "BEHOVSMELDING {year}",
            "Melding om kompetansebehov {year}",
        ),
    },
    "subtitle": {
        "nb": (
            "Lokal kompetanseutvikling i barnehage og skole",
            "Skjema for eiere og universiteter/høgskoler",
            "",
        ),
        "nn": (
            "Lokal kompetanseutvikling i barnehage og skule",
            "Skjema for eigarar og universitet/høgskular",
            "",
        ),
    },
    "owner": {
        "nb": ("Eier", "Søker", "Innsender", "Eier (kommune)"),
        "nn": ("Eigar", "Søkjar", "Innsendar", "Eigar (kommune)"),
    },
    "owner_school": {"nb": ("Skoleeier",), "nn": ("Skuleeigar",)},
    "owner_kindergarten": {"nb": ("Barnehageeier",), "nn": ("Barnehageeigar",)},
    "orgnr": {
        "nb": ("Organisasjonsnummer", "Org.nr.", "Organisasjonsnr."),
        "nn": ("Organisasjonsnummer", "Org.nr.", "Organisasjonsnr."),
    },
    "network": {
        "nb": ("Kompetansenettverk", "Kompetanseregion", "Nettverk", "Regionalt nettverk"),
        "nn": ("Kompetansenettverk", "Kompetanseregion", "Nettverk", "Regionalt nettverk"),
    },
    "uh": {
        "nb": (
            "Universitet/høgskole",
            "UH-partner",
            "Kompetansemiljø",
            "Samarbeidspartner UH",
            "Universitet eller høgskole",
        ),
        "nn": (
            "Universitet/høgskule",
            "UH-partnar",
            "Kompetansemiljø",
            "Samarbeidspartnar UH",
            "Universitet eller høgskule",
        ),
    },
    "year": {
        "nb": ("År", "Året behovet gjelder", "Behovet gjelder år", "Budsjettår"),
        "nn": ("År", "Året behovet gjeld", "Behovet gjeld år", "Budsjettår"),
    },
    "contact_owner": {
        "nb": ("Kontaktperson eier", "Kontaktperson hos eier", "Kontakt (eier)"),
        "nn": ("Kontaktperson eigar", "Kontaktperson hos eigar", "Kontakt (eigar)"),
    },
    "contact_uh": {
        "nb": ("Kontaktperson UH", "Kontaktperson hos UH", "Kontakt (UH)"),
        "nn": ("Kontaktperson UH", "Kontaktperson hos UH", "Kontakt (UH)"),
    },
    "scheme": {
        "nb": (
            "Ordning",
            "Behovsmeldingen gjelder",
            "Tilskuddsordning",
            "Hvilken ordning gjelder behovsmeldingen?",
        ),
        "nn": (
            "Ordning",
            "Behovsmeldinga gjeld",
            "Tilskotsordning",
            "Kva ordning gjeld behovsmeldinga?",
        ),
    },
    "sector": {
        "nb": (
            "Sektor",
            "Barnehage eller skole",
            "Gjelder behovsmeldingen barnehage, skole eller begge deler?",
        ),
        "nn": (
            "Sektor",
            "Barnehage eller skule",
            "Gjeld behovsmeldinga barnehage, skule eller begge delar?",
        ),
    },
    "several_owners": {
        "nb": (
            "Består partnerskapet av flere eiere?",
            "Flere eiere i partnerskapet",
            "Er det flere eiere med?",
        ),
        "nn": (
            "Består partnarskapet av fleire eigarar?",
            "Fleire eigarar i partnarskapet",
            "Er det fleire eigarar med?",
        ),
    },
    "several_uh": {
        "nb": (
            "Består partnerskapet av flere UH?",
            "Flere UH i partnerskapet",
            "Er det flere universiteter eller høgskoler med?",
        ),
        "nn": (
            "Består partnarskapet av fleire UH?",
            "Fleire UH i partnarskapet",
            "Er det fleire universitet eller høgskular med?",
        ),
    },
    "continuation": {
        "nb": (
            "Ønsker partnerskapet å videreføre behovsmeldingen fra {prev}?",
            "Videreføring fra {prev}",
            "Videreføres behovsmeldingen fra {prev}?",
        ),
        "nn": (
            "Ønskjer partnarskapet å vidareføre behovsmeldinga frå {prev}?",
            "Vidareføring frå {prev}",
            "Blir behovsmeldinga frå {prev} vidareført?",
        ),
    },
    "phases": {
        "nb": ("Fase", "Hvilke faser er partnerskapet i?", "Partnerskapets fase"),
        "nn": ("Fase", "Kva fasar er partnarskapet i?", "Fasen partnarskapet er i"),
    },
    "partners": {
        "nb": (
            "Liste over eiere og UH i partnerskapet",
            "Partnere",
            "Deltakere i partnerskapet",
        ),
        "nn": (
            "Liste over eigarar og UH i partnarskapet",
            "Partnarar",
            "Deltakarar i partnarskapet",
        ),
    },
    "measure_name": {
        "nb": ("Navn på tiltak", "Tiltakets navn", "Tittel på tiltaket"),
        "nn": ("Namn på tiltak", "Namnet på tiltaket", "Tittel på tiltaket"),
    },
    "measure_scheme": {
        "nb": ("Ordning for tiltaket", "Ordning", "Tiltaket hører til"),
        "nn": ("Ordning for tiltaket", "Ordning", "Tiltaket høyrer til"),
    },
    "measure_uh": {
        "nb": ("UH for tiltaket", "Kompetansemiljø", "Samarbeidspartner"),
        "nn": ("UH for tiltaket", "Kompetansemiljø", "Samarbeidspartnar"),
    },
    "purpose": {
        "nb": ("Hva skal tilskuddet brukes til?", "Bruk av midlene", "Formål"),
        "nn": ("Kva skal tilskotet brukast til?", "Bruk av midlane", "Føremål"),
    },
    "description": {
        "nb": ("Beskrivelse", "Om tiltaket", "Bakgrunn og behov"),
        "nn": ("Skildring", "Om tiltaket", "Bakgrunn og behov"),
    },
    "target": {
        "nb": ("Målgruppe", "Målgruppe for tiltaket", "Hvem er tiltaket for?"),
        "nn": ("Målgruppe", "Målgruppa", "Kven er tiltaket for?"),
    },
    "terms": {
        "nb": ("Varighet", "Periode", "Tidsrom", "Når skal tiltaket gjennomføres?"),
        "nn": ("Varigheit", "Periode", "Tidsrom", "Når skal tiltaket gjennomførast?"),
    },
    "owner_amount": {
        "nb": ("Eier", "Eiers andel", "Beløp eier", "Til eier"),
        "nn": ("Eigar", "Eigaren sin del", "Beløp eigar", "Til eigar"),
    },
    "uh_amount": {
        "nb": ("UH", "UH-andel", "Beløp UH", "Til UH", "UH ({uh})", "{uh}"),
        "nn": ("UH", "UH-del", "Beløp UH", "Til UH", "UH ({uh})", "{uh}"),
    },
    "total_amount": {
        "nb": ("Sum", "Totalt", "Sum tiltak", "I alt"),
        "nn": ("Sum", "Totalt", "Sum tiltak", "I alt", "Samla"),
    },
    "own_effort": {
        "nb": ("Egeninnsats", "Eiers egeninnsats", "Eget bidrag"),
        "nn": ("Eigeninnsats", "Eigaren sin innsats", "Eigen innsats"),
    },
    "uh_use": {
        "nb": ("UH-midlene skal brukes til", "Bruk av UH-midlene", "UH sitt bidrag"),
        "nn": ("UH-midlane skal brukast til", "Bruk av UH-midlane", "UH sitt bidrag"),
    },
    "budget_heading": {
        "nb": (
            "Samlet behov for {year}",
            "Total sum det meldes behov for {year}",
            "Budsjett {year}",
            "Økonomi – {year}",
        ),
        "nn": (
            "Samla behov for {year}",
            "Total sum det blir meldt behov for i {year}",
            "Budsjett {year}",
            "Økonomi – {year}",
        ),
    },
    # the budget table's column headers: owner, UH, total
    "columns": {
        "nb": ("Eier|UH|Totalt", "Eier (kr)|UH (kr)|Sum (kr)", "Beløp eier|Beløp UH|Sum"),
        "nn": ("Eigar|UH|Totalt", "Eigar (kr)|UH (kr)|Sum (kr)", "Beløp eigar|Beløp UH|Sum"),
    },
    "sum_label": {
        "nb": ("Sum", "Samlet", "Totalt", "I alt"),
        "nn": ("Sum", "Samla", "Totalt", "I alt"),
    },
    # the label–value budget: the grand totals, owner, UH, total
    "sum_lines": {
        "nb": (
            "Samlet eier|Samlet UH|Totalt",
            "Sum eier|Sum UH|Sum totalt",
            "Eier i alt|UH i alt|Totalt",
        ),
        "nn": (
            "Samla eigar|Samla UH|Totalt",
            "Sum eigar|Sum UH|Sum totalt",
            "Eigar i alt|UH i alt|Totalt",
        ),
    },
    "union": {
        "nb": (
            "Drøftet med tillitsvalgte",
            "Behovsmeldingen er drøftet i medbestemmelse",
            "Er behovsmeldingen drøftet med de tillitsvalgte?",
            "Medbestemmelse",
        ),
        "nn": (
            "Drøfta med tillitsvalde",
            "Behovsmeldinga har vore drøfta med dei tillitsvalde",
            "Er behovsmeldinga drøfta med dei tillitsvalde?",
            "Medverknad",
        ),
    },
    "union_list": {
        "nb": ("Hvem har deltatt", "Organisasjoner som deltok", "Tillitsvalgte"),
        "nn": ("Kven har delteke", "Organisasjonar som var med", "Tillitsvalde"),
    },
    "units": {
        "nb": (
            "Hvor mange enheter er inkludert i behovsmeldingen?",
            "Enheter som er med",
            "Antall enheter",
        ),
        "nn": (
            "Kor mange einingar er med i behovsmeldinga?",
            "Einingar som er med",
            "Tal på einingar",
        ),
    },
    "sami": {
        "nb": (
            "Er samiske perspektiver ivaretatt i behovsmeldingen?",
            "Samiske perspektiver",
            "Samiske perspektiver er ivaretatt",
        ),
        "nn": (
            "Er samiske perspektiv tekne vare på i behovsmeldinga?",
            "Samiske perspektiv",
            "Samiske perspektiv er varetekne",
        ),
    },
    "further": {
        "nb": (
            "Er behovsmeldingen sett i sammenheng med videreutdanning?",
            "Sammenheng med videreutdanning",
            "Knyttet til videreutdanning",
        ),
        "nn": (
            "Er behovsmeldinga sett i samanheng med vidareutdanning?",
            "Samanheng med vidareutdanning",
            "Knytt til vidareutdanning",
        ),
    },
    "section_header": {
        "nb": ("Om søkeren", "Opplysninger om eier og UH", "Søker og samarbeidspartner"),
        "nn": ("Om søkjaren", "Opplysningar om eigar og UH", "Søkjar og samarbeidspartnar"),
    },
    "section_measures": {
        "nb": ("Tiltak", "Tiltakene", "Tiltak det meldes behov for"),
        "nn": ("Tiltak", "Tiltaka", "Tiltak det blir meldt behov for"),
    },
    "section_union": {
        "nb": ("Medbestemmelse", "Drøfting med tillitsvalgte", "Medvirkning"),
        "nn": ("Medråderett", "Drøfting med tillitsvalde", "Medverknad"),
    },
    "section_units": {
        "nb": ("Enheter", "Enheter i partnerskapet", "Omfang"),
        "nn": ("Einingar", "Einingar i partnarskapet", "Omfang"),
    },
    "section_other": {
        "nb": ("Andre opplysninger", "Annet", "Øvrige spørsmål"),
        "nn": ("Andre opplysningar", "Anna", "Andre spørsmål"),
    },
    "signoff": {
        "nb": ("Med vennlig hilsen", "Vennlig hilsen", "Hilsen"),
        "nn": ("Med venleg helsing", "Venleg helsing", "Helsing"),
    },
}

# Words that are not labels: options, table headers and the small words of a list.
OPTIONS: dict[str, dict[str, dict]] = {
    "yes_no": {"nb": {True: "Ja", False: "Nei"}, "nn": {True: "Ja", False: "Nei"}},
    "scheme": {  # official names, the same in both languages
        "nb": dict(w.SCHEME_LABELS),
        "nn": dict(w.SCHEME_LABELS),
    },
    "sector": {
        "nb": {"barnehage": "Barnehage", "grunnskole": "Grunnskole", "begge": "Begge deler"},
        "nn": {"barnehage": "Barnehage", "grunnskole": "Grunnskule", "begge": "Begge delar"},
    },
    "phases": {
        "nb": {
            "analyse": "Analyse av behov",
            "planlegging": "Planlegging av tiltak",
            "gjennomforing": "Gjennomføring av tiltak",
        },
        "nn": {
            "analyse": "Analyse av behov",
            "planlegging": "Planlegging av tiltak",
            "gjennomforing": "Gjennomføring av tiltak",
        },
    },
    "purpose": {
        "nb": {
            "gjennomforing": "Gjennomføring av tiltak",
            "planlegging": "Planlegging av tiltak",
            "vurdering": "Vurdering og analyse av behov",
        },
        "nn": {
            "gjennomforing": "Gjennomføring av tiltak",
            "planlegging": "Planlegging av tiltak",
            "vurdering": "Vurdering og analyse av behov",
        },
    },
    "sami": {
        "nb": {"ja": "Ja", "nei": "Nei", "ikke_relevant": "Vurdert ikke relevant"},
        "nn": {"ja": "Ja", "nei": "Nei", "ikke_relevant": "Vurdert ikkje relevant"},
    },
    "further": {
        "nb": {"ja": "Ja", "nei": "Nei", "vet_ikke": "Vet ikke"},
        "nn": {"ja": "Ja", "nei": "Nei", "vet_ikke": "Veit ikkje"},
    },
    "season": {
        "nb": {"V": "Vår", "H": "Høst", "videre": "Videre"},
        "nn": {"V": "Vår", "H": "Haust", "videre": "Vidare"},
    },
    "role": {"nb": {"eier": "Eier", "uh": "UH"}, "nn": {"eier": "Eigar", "uh": "UH"}},
    "units": {
        "nb": {
            "kommunale_barnehager": "Kommunale barnehager",
            "private_barnehager": "Private barnehager",
            "offentlige_skoler": "Offentlige skoler",
            "private_skoler": "Private skoler",
            "ppt": "PP-tjenesten",
        },
        "nn": {
            "kommunale_barnehager": "Kommunale barnehagar",
            "private_barnehager": "Private barnehagar",
            "offentlige_skoler": "Offentlege skular",
            "private_skoler": "Private skular",
            "ppt": "PP-tenesta",
        },
    },
    "table": {  # headers of the partner and measure tables
        "nb": {
            "nr": "Nr",
            "name": "Navn",
            "contact": "Kontaktperson",
            "role": "Rolle",
            "measure": "Tiltak",
            "scheme": "Ordning",
            "uh": "UH",
            "terms": "Periode",
            "union": "Organisasjon",
            "who": "Navn",
        },
        "nn": {
            "nr": "Nr",
            "name": "Namn",
            "contact": "Kontaktperson",
            "role": "Rolle",
            "measure": "Tiltak",
            "scheme": "Ordning",
            "uh": "UH",
            "terms": "Periode",
            "union": "Organisasjon",
            "who": "Namn",
        },
    },
    "contact_parts": {  # the contact written as separate lines
        "nb": {"function": "Stilling", "email": "E-post", "phone": "Telefon"},
        "nn": {"function": "Stilling", "email": "E-post", "phone": "Telefon"},
    },
    "small": {
        "nb": {
            "and": "og",
            "contact": "kontaktperson",
            "chief": "Hovedtillitsvalgt ",
            "measure_about": "Tiltak {n}: {name}",
            "month": "januar",
        },
        "nn": {
            "and": "og",
            "contact": "kontaktperson",
            "chief": "Hovudtillitsvald ",
            "measure_about": "Tiltak {n}: {name}",
            "month": "januar",
        },
    },
    "caption": {
        "nb": {0: "Kryss av:", 1: "Sett kryss:", 2: "Marker med X:"},
        "nn": {0: "Kryss av:", 1: "Set kryss:", 2: "Merk med X:"},
    },
}

# The prose budget. {o}, {u}, {t}: amounts; {scheme}: the scheme in running text.
PROSE: dict[str, dict[str, tuple[str, ...]]] = {
    "row": {
        "nb": (
            "Vi søker om {o} til eier og {u} til UH under {scheme} for {year}, til sammen {t}.",
            "Under {scheme} ber vi for {year} om {t}: {o} til eier og {u} til UH.",
        ),
        "nn": (
            "Vi søkjer om {o} til eigar og {u} til UH under {scheme} for {year}, til saman {t}.",
            "Under {scheme} ber vi for {year} om {t}: {o} til eigar og {u} til UH.",
        ),
    },
    "sum": {
        "nb": ("Samlet søker vi om {t}, av dette {o} til eier og {u} til UH.",),
        "nn": ("Samla søkjer vi om {t}, av dette {o} til eigar og {u} til UH.",),
    },
    "last_year": {  # a grant of the year before: not a budget figure
        "nb": (
            "I {prev} fikk vi {x} til det samme arbeidet.",
            "Tildelingen for {prev} var på {x}.",
        ),
        "nn": (
            "I {prev} fekk vi {x} til det same arbeidet.",
            "Tildelinga for {prev} var på {x}.",
        ),
    },
    "own_effort": {  # the owner's own contribution: not asked for, so not a budget figure
        "nb": (
            "Kommunen legger i tillegg inn egeninnsats tilsvarende {x} i form av frikjøp "
            "og lokaler.",
            "Egeninnsatsen vår er beregnet til om lag {x}.",
        ),
        "nn": (
            "Kommunen legg i tillegg inn eigeninnsats tilsvarande {x} i form av frikjøp og lokale.",
            "Eigeninnsatsen vår er rekna til om lag {x}.",
        ),
    },
}
_PROSE_SCHEME = {
    "regional": "regional ordning",
    "desentralisert": "desentralisert ordning",
    "kompetanseloftet": "Kompetanseløftet",
}

# --- the nynorsk word bank -----------------------------------------------------------------
# The same theme ids and target-group ids as demo/world.py, written in nynorsk.
NN_THEMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "klasseledelse": (
        ("Klasseleiing på ungdomssteget", "Klasseleiing i praksis"),
        ("klasseleiing",),
    ),
    "lesing-skriving": (
        ("Lesing i alle fag", "Skriving på mellomsteget", "Leseforståing i faga"),
        ("lesing og skriving", "leseforståing"),
    ),
    "matematikk": (
        ("Matematikk på mellomsteget", "Utforskande matematikk"),
        ("matematikk", "talforståing"),
    ),
    "trygt-skolemiljo": (
        ("Trygt og godt skulemiljø", "Eit trygt skulemiljø for alle"),
        ("trygt og godt skulemiljø", "arbeidet mot mobbing"),
    ),
    "fravaer": (
        ("Bekymringsfullt skulefråvær", "Tidleg hjelp ved skulefråvær"),
        ("bekymringsfullt skulefråvær",),
    ),
    "digital-kompetanse": (
        ("Digital kompetanse i undervisninga",),
        ("digital kompetanse", "digitale ferdigheiter"),
    ),
    "atferd": (
        ("Åtferd som utfordrar", "Forståing av utfordrande åtferd"),
        ("åtferd som utfordrar",),
    ),
    "sprak": (("Språkutvikling i barnehagen", "Språkarbeid i barnegruppa"), ("språkutvikling",)),
    "lek-samspill": (
        ("Leik og samspel i barnehagen", "Inkluderande leik og samspel"),
        ("leik og samspel",),
    ),
    "sosiale-ferdigheter": (
        ("Sosiale ferdigheiter på barnesteget",),
        ("sosiale ferdigheiter", "sosial kompetanse"),
    ),
    "psykisk-helse": (("Psykisk helse og livsmeistring",), ("psykisk helse",)),
    "kunstig-intelligens": (("Kunstig intelligens i skulen",), ("kunstig intelligens",)),
    "vurdering": (
        ("Vurdering for læring", "Undervegsvurdering i faga"),
        ("vurdering for læring", "undervegsvurdering"),
    ),
    "begynneropplaering": (("God begynnaropplæring",), ("begynnaropplæringa",)),
    "tidlig-innsats": (("Tidleg innsats på småsteget",), ("tidleg innsats",)),
    "profesjonsfellesskap": (
        ("Profesjonsfellesskap i skulen", "Sterkare profesjonsfellesskap"),
        ("profesjonsfellesskapet",),
    ),
    "fagfornyelsen": (("Fagfornyinga i praksis", "Djupnelæring i faga"), ("djupnelæring",)),
    "laget-rundt-barnet": (("Laget rundt barnet",), ("laget rundt barnet",)),
    "ledelse": (("Pedagogisk leiing i barnehagen",), ("pedagogisk leiing",)),
    "inkludering": (
        ("Inkluderande praksis i barnehage og skule",),
        ("inkluderande praksis",),
    ),
    "tilpasset-opplaering": (("Tilpassa opplæring for alle elevar",), ("tilpassa opplæring",)),
    "spesialpedagogikk": (
        ("Spesialpedagogikk i ordinær undervisning",),
        ("spesialpedagogikk",),
    ),
    "pedagogisk-analyse": (("Pedagogisk analyse i personalgruppa",), ("pedagogisk analyse",)),
    "foreldresamarbeid": (
        ("Foreldresamarbeid i barnehagen",),
        ("foreldresamarbeid", "samarbeid med føresette"),
    ),
    "fadeltskole": (("Fådeltskuledidaktikk",), ("fådeltskuledidaktikk",)),
    "kvalitetsutvikling": (("Kvalitetsutvikling i barnehagen",), ("kvalitetsutvikling",)),
}
NN_THEME_SENTENCES = (
    "Kartlegginga peikar særleg på {p} som eit område å styrkje.",
    "Vi ønskjer eit felles løft innan {p}.",
    "Det er brei semje om at {p} skal prioriterast.",
    "Arbeidet med {p} skal følgjast opp over fleire semester.",
    "Erfaringane frå i fjor viser at {p} bør få meir plass.",
)
NN_NEUTRAL = (
    "Arbeidet byggjer på ein felles gjennomgang av erfaringane frå i fjor.",
    "Einingane har drøfta behovet på felles møte gjennom vinteren.",
    "Vi ønskjer at fagmiljøet er med i planlegginga frå starten av.",
    "Samlingane blir lagde til fellestid slik at flest mogleg kan delta.",
    "Mellom samlingane prøver personalet ut konkrete grep i eigen praksis.",
    "Erfaringane blir delte i faste møte og oppsummerte skriftleg.",
    "Kommunen set av tid og dekkjer utgifter til vikarar.",
    "Målet er at endringane blir ein varig del av det daglege arbeidet.",
    "Det er semje om at arbeidet må vere godt forankra lokalt.",
    "Fagmiljøet bidreg med innlegg, rettleiing og oppfølging undervegs.",
    "Planen blir justert undervegs ut frå det vi lærer.",
    "Alle einingane har sagt seg villige til å vere med.",
    "Vi vil bruke eigne døme frå kvardagen som utgangspunkt.",
    "Arbeidet blir organisert i små grupper på tvers av einingane.",
    "Opplegg og notat blir delte på ei felles plattform.",
    "Ei arbeidsgruppe har ansvar for framdrift og oppfølging.",
    "Vi ser behov for å arbeide meir systematisk over tid.",
    "Det blir sett av tid til refleksjon etter kvar utprøving.",
    "Avstandane er store, så nokre av samlingane blir haldne på nett.",
    "Innhaldet er valt etter innspel frå einingane sjølve.",
)
NN_TARGET_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Lærarar og skuleleiarar på ungdomssteget", ("laerere", "ledere")),
    ("Alle tilsette i skulane", ("alle-ansatte",)),
    ("Pedagogiske leiarar og styrarar i barnehagane", ("pedagogiske-ledere", "ledere")),
    ("Barnehagelærarar og assistentar", ("barnehagelaerere", "assistenter")),
    ("Lærarar på mellomsteget", ("laerere",)),
    ("PP-tenesta og lærarar i skulane", ("ppt", "laerere")),
    ("Rådgjevarar og kontaktlærarar", ("radgivere", "laerere")),
    ("Spesialpedagogar og ressurslærarar", ("spesialpedagoger", "ressurslaerere")),
    ("Tilsette i SFO", ("sfo",)),
    ("Barnehagelærarar og pedagogiske leiarar", ("barnehagelaerere", "pedagogiske-ledere")),
)
NN_OWNER_USES = (
    "Vikarar slik at flest mogleg kan delta, og leige av lokale.",
    "Frikjøp av tid til planlegging og felles møte.",
    "Reiser mellom einingane og servering på samlingane.",
)
NN_UH_USES = (
    "Førebuing, samlingar og rettleiing mellom samlingane.",
    "Fagdagar, oppfølging på nett og reiser til einingane.",
    "Planlegging, innlegg på samlingane og skriftlege tilbakemeldingar.",
)
# Job titles as a nynorsk form writes them (the plan draws the bokmål ones).
NN_FUNCTIONS = {
    "Rådgiver oppvekst": "Rådgjevar oppvekst",
    "Seniorrådgiver oppvekst": "Seniorrådgjevar oppvekst",
    "Studieleder": "Studieleiar",
    "Høgskolelektor": "Høgskulelektor",
    "Tillitsvalgt": "Tillitsvald",
}


@dataclass(frozen=True)
class Bank:
    """The running text a report draws from, in one language."""

    themes: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]  # id -> (names, phrases)
    theme_sentences: tuple[str, ...]
    neutral: tuple[str, ...]
    target_groups: tuple[tuple[str, tuple[str, ...]], ...]
    owner_uses: tuple[str, ...]
    uh_uses: tuple[str, ...]


NB = Bank(w.THEMES, w.THEME_SENTENCES, w.NEUTRAL, w.TARGET_GROUPS, w.OWNER_USES, w.UH_USES)
NN = Bank(NN_THEMES, NN_THEME_SENTENCES, NN_NEUTRAL, NN_TARGET_GROUPS, NN_OWNER_USES, NN_UH_USES)
BANKS = {"nb": NB, "nn": NN}


# --- drawing a shape -----------------------------------------------------------------------


@dataclass
class Shape:
    """The form one variant report is rendered through: a value per axis and the labels."""

    lang: str
    pairs: str
    choices: str
    headings: str
    budget: str
    amounts: str
    nbsp: bool
    unused_rows: str
    sum_row: bool
    units: str
    order: tuple[str, ...]
    format: str
    labels: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        """The axes as truth.json records them (the section order as one string)."""
        out = {axis: getattr(self, axis) for axis in AXES}
        out["order"] = ",".join(self.order)
        out["labels"] = dict(self.labels)
        return out


def draw_lang(rng: random.Random) -> str:
    """The language comes first: the plan writes the measure names and text in it."""
    return rng.choices(AXES["lang"], _LANG_WEIGHTS)[0]


def draw_shape(rng: random.Random, lang: str, fmt: str, sector: str | None, schemes: int) -> Shape:
    """Every other axis and the labels, for a report whose facts are planned. A few
    combinations are ruled out because they would make a value unreadable: bare
    space-grouped amounts in space-aligned columns run together once a PDF closes the
    gaps, a bold label runs into a bold option, and a prose or label–value budget has no
    place for an empty row."""
    budget = rng.choice(AXES["budget"])
    amounts = rng.choice(AXES["amounts"])
    if budget == "spaces" and amounts == "plain":
        amounts = "dot-dash"
    nbsp = amounts != "dot-dash" and rng.random() < 0.3
    if budget in ("tabs", "pipes"):
        unused = rng.choice(AXES["unused_rows"])
    elif budget == "spaces":
        unused = rng.choice(("omit", "zero"))
    else:
        unused = "omit"
    # a table may end in a Sum row; lines and prose add up only when there are two schemes
    sum_row = rng.random() < 0.75 if budget in ("tabs", "pipes", "spaces") else schemes > 1
    order = _CANONICAL_ORDER if rng.random() < 0.3 else tuple(rng.sample(SECTIONS, len(SECTIONS)))
    pairs, choices = rng.choice(AXES["pairs"]), rng.choice(AXES["choices"])
    if pairs == "bold" and choices == "bold":  # a bold label would run into a bold option
        pairs = "bold-colon"
    return Shape(
        lang=lang,
        pairs=pairs,
        choices=choices,
        headings=rng.choice(AXES["headings"]),
        budget=budget,
        amounts=amounts,
        nbsp=nbsp,
        unused_rows=unused,
        sum_row=sum_row,
        units=rng.choice(AXES["units"]),
        order=("header", *order),
        format=fmt,
        labels=draw_labels(rng, lang, sector),
    )


def draw_labels(rng: random.Random, lang: str, sector: str | None) -> dict[str, str]:
    """One variant of every label. The owner's label may name the sector the report is
    about (Skuleeigar, Barnehageeigar), never the other one."""
    labels = {key: rng.choice(variants[lang]) for key, variants in LABELS.items()}
    owner = list(LABELS["owner"][lang])
    if sector == "grunnskole":
        owner += LABELS["owner_school"][lang]
    if sector == "barnehage":
        owner += LABELS["owner_kindergarten"][lang]
    labels["owner"] = rng.choice(owner)
    del labels["owner_school"], labels["owner_kindergarten"]
    return labels


# --- amounts and choices -------------------------------------------------------------------

BOX = {True: "☒", False: "☐"}


def money(value: int, style: str, nbsp: bool = False) -> str:
    """An amount as `style` writes it: '250 000', '250.000,-', 'kr 250 000', 'NOK 250 000',
    '250 000 kr' or 'kr. 250 000,-', with a no-break space between groups if `nbsp`."""
    spaced = f"{value:,}".replace(",", "\u00a0" if nbsp else " ")
    dotted = f"{value:,}".replace(",", ".")
    forms = {
        "plain": spaced,
        "dot-dash": f"{dotted},-",
        "kr": f"kr {spaced}",
        "nok": f"NOK {spaced}",
        "kr-after": f"{spaced} kr",
        "kr-dot-dash": f"kr. {spaced},-",
    }
    return forms[style]


def money_in_prose(value: int, style: str, nbsp: bool) -> str:
    """In a sentence a bare number needs its currency: '250 000 kroner'."""
    if style == "plain":
        return f"{money(value, style, nbsp)} kroner"
    if style == "dot-dash":
        return f"{value:,} kroner".replace(",", ".")
    return money(value, style, nbsp)


Options = list[tuple[str, bool]]


def inline_choice(style: str, options: Options, conjunction: str) -> str:
    """The options on one line with the chosen ones marked, or the chosen ones as words."""
    if style == "box-after":
        return " ".join(f"{text} {BOX[on]}" for text, on in options)
    if style == "box-before":
        return " ".join(f"{BOX[on]} {text}" for text, on in options)
    if style == "ballot":
        return " ".join(f"{'☑' if on else '☐'} {text}" for text, on in options)
    if style == "brackets":
        return " ".join(f"[{'X' if on else ' '}] {text}" for text, on in options)
    if style == "parens":
        return " ".join(f"({'x' if on else ' '}) {text}" for text, on in options)
    if style == "lone-x":
        return "   ".join(f"{text} x" if on else text for text, on in options)
    if style == "bold":
        return " ".join(f"**{text}**" if on else text for text, on in options)
    if style == "word":
        return join_words([text for text, on in options if on], conjunction)
    raise ValueError(f"{style!r} is not an inline choice style")


def join_words(words: list[str], conjunction: str) -> str:
    """'a', 'a og b', 'a, b og c'."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def _colon(label: str) -> str:
    return label if label.endswith(("?", ":")) else f"{label}:"


def pair_line(style: str, label: str, value: str, number: str) -> str:
    """One label and its value on one line, in every pair style but 'qa'."""
    if style == "colon":
        return f"{_colon(label)} {value}"
    if style == "leader":
        return f"{label} {'.' * max(3, 34 - len(label))} {value}"
    if style == "bold":
        return f"**{label}** {value}"
    if style == "bold-colon":
        return f"**{_colon(label)}** {value}"
    if style == "numbered":
        return f"{number} {label} {value}"
    if style == "tab":
        return f"{label}\t{value}"
    if style == "bullet":
        return f"- {_colon(label)} {value}"
    raise ValueError(f"{style!r} is not a one-line pair style")


def term_label(term: str, lang: str) -> str:
    """'H2025' -> 'Høst 2025' / 'Haust 2025'; 'videre' -> 'Videre' / 'Vidare'."""
    season = OPTIONS["season"][lang]
    return season["videre"] if term == "videre" else f"{season[term[0]]} {term[1:]}"


def spaced_table(rows: list[list[str]]) -> list[str]:
    """Columns aligned with spaces: the label left, the amounts right."""
    widths = [max(len(row[j]) for row in rows) for j in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = [
            c.ljust(wd) if j == 0 else c.rjust(wd)
            for j, (c, wd) in enumerate(zip(row, widths, strict=True))
        ]
        out.append("   ".join(cells).rstrip())
    return out


def piped_table(rows: list[list[str]]) -> list[str]:
    """A Markdown pipe table, written out as text."""
    out = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join("---" for _ in rows[0]) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return out


# --- rendering -----------------------------------------------------------------------------


def lines(r: Report) -> list[str]:
    """The report's text lines (tabs separate table cells), as a .txt reader returns them;
    in a .md report the headings are Markdown, in .docx and .pdf they are bold."""
    doc = _Doc(r, random.Random(r.style_seed))
    doc.title()
    for section in r.shape.order:
        getattr(doc, section)()
    doc.signature()
    return doc.finish()


class _Doc:
    """The lines of one variant report, written section by section."""

    def __init__(self, r: Report, rnd: random.Random) -> None:
        self.r = r
        self.s: Shape = r.shape
        self.rnd = rnd
        self.lang = r.shape.lang
        self.out: list[str] = []
        self.section_no = 0
        self.item_no = 0
        self.caps = rnd.random() < 0.3  # plain-text section headings in capitals

    # -- words ------------------------------------------------------------------------------

    def label(self, key: str, uh: str | None = None) -> str:
        text = self.s.labels[key]
        if "{uh}" in text and uh is None:  # a per-UH label where no single UH applies
            text = LABELS[key][self.lang][0]
        return text.format(
            year=self.r.year, prev=self.r.year - 1, owner=self.r.owner_written, uh=uh
        )

    def word(self, group: str, key: object) -> str:
        return OPTIONS[group][self.lang][key]

    def options(self, group: str, chosen: set) -> Options:
        return [(text, key in chosen) for key, text in OPTIONS[group][self.lang].items()]

    def yes_no(self, yes: bool) -> Options:
        return [(self.word("yes_no", True), yes), (self.word("yes_no", False), not yes)]

    def money(self, value: int) -> str:
        return money(value, self.s.amounts, self.s.nbsp)

    def function(self, text: str) -> str:
        return NN_FUNCTIONS.get(text, text) if self.lang == "nn" else text

    # -- lines ------------------------------------------------------------------------------

    def line(self, text: str) -> None:
        self.out.append(text)

    def blank(self) -> None:
        if self.out and self.out[-1] != "":
            self.out.append("")

    def heading(self, text: str, level: int) -> None:
        """A title or section heading as the format shows one."""
        self.blank()
        if self.r.fmt == "md":
            self.line(f"{'#' * level} {text}")
        elif self.r.fmt in ("docx", "pdf"):
            self.line(f"**{text}**")
        else:
            self.line(text.upper() if self.caps and level > 1 else text)
        self.blank()

    def section(self, title: str) -> None:
        self.section_no += 1
        self.item_no = 0
        if self.s.headings == "part":
            title = f"DEL {self.section_no} {title.upper()}"
        self.heading(title, 2)

    def number(self) -> str:
        self.item_no += 1
        return f"{self.section_no}.{self.item_no}"

    def pair(self, label: str, value: str) -> None:
        number = self.number()
        if self.s.pairs == "qa":
            self.blank()
            self.out += [label, value, ""]
            return
        if self.s.pairs == "tab":
            self.join_pairs()
        self.line(pair_line(self.s.pairs, label, value, number))

    def join_pairs(self) -> None:
        """Tab pairs after blank lines that end a two-column table join that table: a
        PDF would merge the two anyway, so every writer shows the one table."""
        while self.out and self.out[-1] == "":
            self.out.pop()
        if self.out and self.out[-1].count("\t") != 1:
            self.out.append("")

    def question(self, label: str) -> None:
        """A label standing alone, its answer in the lines below it."""
        style, number = self.s.pairs, self.number()
        if style == "numbered":
            self.line(f"{number} {label}")
        elif style in ("bold", "bold-colon"):
            self.line(f"**{label if style == 'bold' else _colon(label)}**")
        elif style == "bullet":
            self.line(f"- {_colon(label)}")
        elif style in ("colon", "leader"):
            self.line(_colon(label))
        else:
            self.line(label)

    def text_block(self, label: str, text: list[str]) -> None:
        if self.s.pairs == "tab":
            self.pair(label, " ".join(text))
            return
        self.blank()
        self.question(label)
        indent = "  " if self.s.pairs == "bullet" else ""
        self.out += [indent + t for t in text]
        self.blank()

    def table(self, rows: list[list[str]]) -> None:
        """Tab rows with a blank line around them. A PDF merges tables of the same width
        that only blank lines separate, so such a table gets a caption line first."""
        last = next((x for x in reversed(self.out) if x.strip()), "")
        if "\t" in last and last.count("\t") == len(rows[0]) - 1:
            self.line(self.caption())
        self.blank()
        self.out += ["\t".join(row) for row in rows]
        self.blank()

    def caption(self) -> str:
        return OPTIONS["caption"][self.lang][self.rnd.randrange(3)]

    # -- choices ----------------------------------------------------------------------------

    def questions(self, items: list[tuple[str, Options]]) -> None:
        """Questions with options: inline, as box rows, or grids of questions that share
        their options."""
        style = self.s.choices
        if style == "grid":
            for group in _same_options(items):
                self.grid(group)
        elif style == "box-row":
            rows = []
            for label, options in items:
                rows.append([label, *(text for text, _ in options)])
                rows.append(["", *(BOX[on] for _, on in options)])
            self.table(rows)
        else:
            conjunction = self.word("small", "and")
            for label, options in items:
                self.pair(label, inline_choice(style, options, conjunction))

    def grid(self, group: list[tuple[str, Options]]) -> None:
        self.blank()
        self.line(self.caption())
        header = ["", *(text for text, _ in group[0][1])]
        rows = [
            [label, *(self.mark() if on else "" for _, on in options)] for label, options in group
        ]
        self.table([header, *rows])

    def mark(self) -> str:
        return self.rnd.choice(("X", "X", "X", "x", " X"))

    # -- sections ---------------------------------------------------------------------------

    def title(self) -> None:
        authority = self.label("authority")
        if authority:
            self.line(authority)
        self.heading(self.label("title"), 1)
        subtitle = self.label("subtitle")
        if subtitle:
            self.line(subtitle)

    def header(self) -> None:
        r = self.r
        self.section(self.label("section_header"))
        self.pair(self.label("owner"), r.owner_written)
        if r.owner.id.startswith("orgnr:") and self.rnd.random() < 0.4:
            digits = r.owner.id.removeprefix("orgnr:")
            self.pair(self.label("orgnr"), f"{digits[:3]} {digits[3:6]} {digits[6:]}")
        if r.network_label:
            self.pair(self.label("network"), r.network_label)
        self.pair(self.label("uh"), f" {self.word('small', 'and')} ".join(u.header for u in r.uhs))
        if self.rnd.random() < 0.5:
            self.pair(self.label("year"), str(r.year))
        self.contacts()
        several = any(p.role == "eier" for p in r.partners[1:])
        items = [(self.label("scheme"), self.options("scheme", set(r.schemes)))]
        if r.sector:
            items.append((self.label("sector"), self.options("sector", {r.sector})))
        items += [
            (self.label("several_owners"), self.yes_no(several)),
            (self.label("several_uh"), self.yes_no(len(r.uhs) > 1)),
            (self.label("continuation"), self.yes_no(bool(r.continuation))),
        ]
        if r.phases:
            items.append((self.label("phases"), self.options("phases", set(r.phases))))
        self.questions(items)

    def contacts(self) -> None:
        r = self.r
        parts = OPTIONS["contact_parts"][self.lang]
        separate = self.rnd.random() < 0.4
        for key, person in (("contact_owner", r.contact_owner), ("contact_uh", r.contact_uh)):
            function = self.function(person.function)
            if separate:
                self.pair(self.label(key), person.name)
                self.pair(parts["function"], function)
                self.pair(parts["email"], person.email)
                self.pair(parts["phone"], person.phone)
            else:
                value = f"{person.name}, {function.lower()}, {person.email}, {person.phone}"
                self.pair(self.label(key), value)

    def partners(self) -> None:
        r = self.r
        if not r.partner_list:
            return
        self.section(self.label("partners"))
        head = OPTIONS["table"][self.lang]
        style = self.rnd.choice(("table", "bullets", "numbered"))
        rows = [
            (str(k), p.name, p.contact.name, self.word("role", p.role))
            for k, p in enumerate(r.partners, start=1)
        ]
        if style == "table":
            self.table(
                [[head["nr"], head["name"], head["contact"], head["role"]], *map(list, rows)]
            )
            return
        contact = self.word("small", "contact")
        for k, name, who, role in rows:
            lead = "-" if style == "bullets" else f"{k}."
            role = role if role == "UH" else role.lower()
            self.line(f"{lead} {name} ({role}), {contact} {who}")
        self.blank()

    def measures(self) -> None:
        self.section(self.label("section_measures"))
        if self.s.headings == "table":
            self.measure_table()
            for m in self.r.measures:
                about = self.word("small", "measure_about").format(n=m.number, name=m.name)
                self.blank()
                self.line(f"**{about}**" if self.r.fmt != "txt" else about)
                self.measure_details(m)
            return
        amounts_first = self.rnd.random() < 0.4
        for m in self.r.measures:
            self.measure_heading(m)
            if len(self.r.schemes) > 1:
                self.pair(self.label("measure_scheme"), self.word("scheme", m.scheme_row))
            if len(self.r.uhs) > 1:
                self.pair(self.label("measure_uh"), m.uh_ref.header)
            if amounts_first:
                self.measure_amounts(m)
            self.measure_details(m)
            self.questions([(self.label("terms"), self.term_options(m))])
            if not amounts_first:
                self.measure_amounts(m)
            self.blank()

    def measure_heading(self, m: Measure) -> None:
        style, n = self.s.headings, m.number
        if style == "markdown":
            heading = f"## Tiltak {n}: {m.name}"
            self.blank()
            self.line(f"**{heading[3:]}**" if self.r.fmt in ("docx", "pdf") else heading)
            self.blank()
            return
        if style == "dash":
            self.blank()
            self.line(f"Tiltak {n} – {m.name}")
            self.blank()
            return
        if style != "part":
            self.blank()
            self.line(
                {"plain": f"Tiltak {n}", "caps": f"TILTAK {n}", "nr": f"Tiltak nr. {n}"}[style]
            )
            self.blank()
        self.pair(self.label("measure_name"), m.name)

    def measure_details(self, m: Measure) -> None:
        """What a measure is for, about and aimed at, and now and then the owner's own
        contribution and the UH's use of the money (text only: no amount)."""
        bank = BANKS[self.lang]
        self.questions([(self.label("purpose"), self.options("purpose", {m.purpose[1]}))])
        self.text_block(self.label("description"), m.text)
        self.pair(self.label("target"), m.target[0])
        if self.rnd.random() < 0.3:
            self.pair(self.label("own_effort"), self.rnd.choice(bank.owner_uses))
        if self.rnd.random() < 0.3:
            self.pair(self.label("uh_use"), self.rnd.choice(bank.uh_uses))

    def measure_amounts(self, m: Measure) -> None:
        self.pair(self.label("owner_amount"), self.money(m.owner))
        self.pair(self.label("uh_amount", m.uh_ref.short), self.money(m.uh))
        self.pair(self.label("total_amount"), self.money(m.total))

    def term_options(self, m: Measure) -> Options:
        return [(term_label(t.term, self.lang), t.chosen) for t in m.terms]

    def terms_in_words(self, m: Measure) -> str:
        chosen = [term_label(t, self.lang) for t in m.chosen_terms]
        return join_words(chosen, self.word("small", "and"))

    def measure_table(self) -> None:
        """All measures in one table: number, name, (scheme,) UH, terms and the money."""
        r, head = self.r, OPTIONS["table"][self.lang]
        two = len(r.schemes) > 1
        owner, uh, total = self.label("columns").split("|")
        header = [head["nr"], head["measure"], *([head["scheme"]] if two else [])]
        header += [head["uh"], head["terms"], owner, uh, total]
        rows = [header]
        for m in r.measures:
            row = [str(m.number), m.name, *([self.word("scheme", m.scheme_row)] if two else [])]
            row += [m.uh_ref.short, self.terms_in_words(m)]
            row += [self.money(m.owner), self.money(m.uh), self.money(m.total)]
            rows.append(row)
        if self.s.budget == "pipes":
            self.blank()
            self.out += piped_table(rows)
            self.blank()
        else:
            self.table(rows)

    def budget(self) -> None:
        self.section(self.label("budget_heading"))
        style = self.s.budget
        if style == "lines":
            self.budget_lines()
        elif style == "prose":
            self.budget_prose()
        else:
            self.budget_table(style)

    def budget_rows(self) -> list[list[str]]:
        r = self.r
        owner, uh, total = self.label("columns").split("|")
        rows = [[OPTIONS["table"][self.lang]["scheme"], owner, uh, total]]
        for row in r.rows:
            if row.blank and self.s.unused_rows == "omit":
                continue
            label = self.word("scheme", row.scheme)
            cells = ["", "", ""] if row.blank else [self.money(v) for v in _money_of(row)]
            rows.append([label, *cells])
        if r.sum_row is not None:
            rows.append([self.label("sum_label"), *(self.money(v) for v in _money_of(r.sum_row))])
        return rows

    def budget_table(self, style: str) -> None:
        rows = self.budget_rows()
        if style == "tabs":
            self.table(rows)
            return
        self.blank()
        self.out += piped_table(rows) if style == "pipes" else spaced_table(rows)
        self.blank()

    def budget_lines(self) -> None:
        """One scheme: its totals as 'Samla eigar / Samla UH / Totalt'. Two: a block per
        scheme, then the grand totals."""
        r = self.r
        used = [row for row in r.rows if not row.blank]
        uh_short = r.uhs[0].short if len(r.uhs) == 1 else None
        if len(used) == 1:
            if self.rnd.random() < 0.5:
                self.question(self.word("scheme", used[0].scheme))
            labels = self.label("sum_lines").split("|")
            for label, value in zip(labels, _money_of(used[0]), strict=True):
                self.pair(label, self.money(value))
            return
        for row in used:
            self.blank()
            self.question(self.word("scheme", row.scheme))
            self.pair(self.label("owner_amount"), self.money(row.owner))
            self.pair(self.label("uh_amount", uh_short), self.money(row.uh))
            self.pair(self.label("total_amount"), self.money(row.total))
        if r.sum_row is not None:
            self.blank()
            self.question(self.label("sum_label"))
            for label, value in zip(
                self.label("sum_lines").split("|"), _money_of(r.sum_row), strict=True
            ):
                self.pair(label, self.money(value))

    def budget_prose(self) -> None:
        """The budget in sentences, with a grant of the year before and the owner's own
        contribution mentioned on the way: amounts that are not asked for."""
        r, rnd = self.r, self.rnd
        used = [row for row in r.rows if not row.blank]
        say = lambda v: money_in_prose(v, self.s.amounts, self.s.nbsp)  # noqa: E731
        sentences = [
            rnd.choice(PROSE["row"][self.lang]).format(
                o=say(row.owner),
                u=say(row.uh),
                t=say(row.total),
                year=r.year,
                scheme=_PROSE_SCHEME[row.scheme],
            )
            for row in used
        ]
        if r.sum_row is not None:
            s = r.sum_row
            template = rnd.choice(PROSE["sum"][self.lang])
            sentences.append(template.format(o=say(s.owner), u=say(s.uh), t=say(s.total)))
        taken = {v for row in used for v in _money_of(row)}
        for kind in rnd.sample(("last_year", "own_effort"), rnd.randrange(1, 3)):
            x = _distractor(rnd, taken, kind)
            sentence = rnd.choice(PROSE[kind][self.lang]).format(prev=r.year - 1, x=say(x))
            sentences.insert(rnd.randrange(1, len(sentences) + 1), sentence)
        if rnd.random() < 0.5:
            self.line(" ".join(sentences))
        else:
            self.out += sentences
        self.blank()

    def union(self) -> None:
        r = self.r
        self.section(self.label("section_union"))
        self.questions([(self.label("union"), self.yes_no(bool(r.union_held)))])
        if not r.unions:
            return
        chief = self.word("small", "chief")
        people = [(chief if prefix else "", union, who.name) for prefix, union, who in r.unions]
        style = self.rnd.choice(("pair", "table", "bullets"))
        if style == "pair":
            text = ", ".join(f"{union} ({lead.lower()}{who})" for lead, union, who in people)
            self.pair(self.label("union_list"), text)
            return
        self.blank()
        self.question(self.label("union_list"))
        if style == "table":
            head = OPTIONS["table"][self.lang]
            self.table(
                [[head["union"], head["who"]], *([f"{lead}{u}", who] for lead, u, who in people)]
            )
        else:
            self.out += [f"- {lead}{union}: {who}" for lead, union, who in people]
            self.blank()

    def units(self) -> None:
        r = self.r
        self.section(self.label("section_units"))
        names = OPTIONS["units"][self.lang]
        counts = [str(r.units[key]) for key in names]
        if self.s.units == "table":
            self.line(self.label("units"))
            self.table([list(names.values()), counts])
            return
        self.question(self.label("units"))
        for name, count in zip(names.values(), counts, strict=True):
            self.pair(name, count)

    def other(self) -> None:
        r = self.r
        items = []
        if r.sami:
            items.append((self.label("sami"), self.options("sami", {r.sami})))
        if r.further_education:
            items.append((self.label("further"), self.options("further", {r.further_education})))
        if items:
            self.section(self.label("section_other"))
            self.questions(items)

    def signature(self) -> None:
        r, rnd = self.r, self.rnd
        day = rnd.randrange(5, 31)
        place = r.owner.name.removesuffix(" kommune")
        month = self.word("small", "month")
        date = f"{day:02d}.01.{r.year}" if rnd.random() < 0.5 else f"{day}. {month} {r.year}"
        self.blank()
        self.line(f"{place}, {date}")
        self.blank()
        self.out += [self.label("signoff"), r.contact_owner.name]
        self.out += [self.function(r.contact_owner.function), r.owner_written]

    def finish(self) -> list[str]:
        """The lines with runs of blank lines closed up and none at either end."""
        out: list[str] = []
        for line in self.out:
            if line == "" and (not out or out[-1] == ""):
                continue
            out.append(line)
        while out and out[-1] == "":
            out.pop()
        return out


def _money_of(row: Row) -> tuple[int, int, int]:
    return row.owner, row.uh, row.total


def _same_options(items: list[tuple[str, Options]]) -> list[list[tuple[str, Options]]]:
    """Consecutive questions with the same options, as one grid each."""
    groups: list[list[tuple[str, Options]]] = []
    for item in items:
        texts = [text for text, _ in item[1]]
        if groups and [text for text, _ in groups[-1][0][1]] == texts:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _distractor(rnd: random.Random, taken: set[int], kind: str) -> int:
    """An amount the prose names that is no budget figure (and equals none, so that a
    reader cannot mistake one for the other)."""
    low, high, step = (10, 90, 10_000) if kind == "last_year" else (6, 40, 5_000)
    while True:
        x = rnd.randrange(low, high) * step
        if x not in taken:
            return x


__all__ = ["AXES", "BANKS", "LABELS", "NB", "NN", "OPTIONS", "Bank", "Shape", "draw_shape", "lines"]
