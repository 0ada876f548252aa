"""The facts the demo generator samples from: real organisations, invented people, and
word banks.

Organisations come from the gazetteer (`ontology/data/organisations.csv`): the Nordland
municipalities with their organisation numbers and competence networks, the networks and
the universities and units. Themes, target groups and schemes are the SKOS vocabularies'
ids; the phrases that name them in running text are written here, and
`tests/test_generator.py` checks each phrase against the vocabularies so that a phrase
names exactly the concepts this module says it does.

Everything personal is invented: first names are common Norwegian ones, surnames are made
up ("Testesen", "Prøvedal"), e-mail addresses end in @example.no and phone numbers lie in
400 00 000-400 99 999. No account numbers anywhere.

All wording is new; only the form's own labels are taken from the form (see
`demo/README.md`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from kompetansekart.ontology.gazetteer import Gazetteer

YEARS = tuple(range(2021, 2028))
FORM2024_YEARS = tuple(range(2021, 2026))  # the tab-table form with bold choices
FORM2026_YEARS = (2026, 2027)  # the 'kollektiv' form with boxes, and the web form

SCHEME_ROWS = ("regional", "desentralisert", "kompetanseloftet")
SCHEME_LABELS = {  # the 2024 form's option labels and budget-row labels
    "regional": "Regional ordning",
    "desentralisert": "Desentralisert ordning",
    "kompetanseloftet": "Kompetanseløftet",
}
SCHEME_ABBREVIATIONS = {  # how a continuation heading or a letter's title names a scheme
    "regional": ("REKOM", "Rekom"),
    "desentralisert": ("DEKOM", "Dekom", "dekomp"),
    "kompetanseloftet": ("Kompetanseløftet",),
}


@dataclass(frozen=True)
class Municipality:
    id: str
    name: str  # canonical: "Vefsn kommune"
    network: str | None  # the gazetteer's network id
    other_names: tuple[str, ...]  # official parallel names: "Hábmer - Hamarøy kommune"


@dataclass(frozen=True)
class Network:
    id: str
    name: str
    labels: tuple[str, ...]  # forms a report writes on the line after 'Eier:'


@dataclass(frozen=True)
class Uh:
    """A university or unit a partnership may work with, and how reports write it."""

    id: str
    name: str  # canonical (what the record's partner list shows)
    header: str  # on the form's 'Universitet/Høgskole:' or 'Kompetansemiljø:' line
    short: str  # in parentheses after an amount or in a table header: 'UH (Nord)'
    weight: int
    university: bool  # a whole institution (a letter may name it), not a unit


# (id, header form, short form, weight). Units are named with their university, as the
# forms do ('Lesesenteret, Universitetet i Stavanger'); the parser keeps the unit.
_UH = (
    ("orgnr:970940243", "Nord universitet", "Nord", 30),
    ("orgnr:970422528", "UiT Norges arktiske universitet", "UiT", 14),
    ("orgnr:918108467", "Universitetet i Innlandet", "INN", 5),
    ("org:sepu", "Universitetet i Innlandet / SePU", "SePU", 8),
    ("orgnr:971564679", "Universitetet i Stavanger", "UiS", 4),
    ("org:lesesenteret", "Lesesenteret, Universitetet i Stavanger", "Lesesenteret", 6),
    ("org:lms", "Læringsmiljøsenteret UiS", "LMS", 6),
    ("orgnr:974767880", "NTNU", "NTNU", 3),
    ("org:matematikksenteret", "Matematikksenteret, NTNU", "Matematikksenteret", 4),
)


@dataclass(frozen=True)
class World:
    municipalities: tuple[Municipality, ...]
    networks: dict[str, Network]
    uh: tuple[Uh, ...]
    unions: tuple[str, ...]

    @classmethod
    @functools.cache
    def load(cls) -> World:
        gaz = Gazetteer.load()
        municipalities = tuple(
            Municipality(
                e.id,
                e.name,
                e.network,
                tuple(a for a in e.aliases if a.endswith(" kommune") and " - " in a),
            )
            for e in gaz.municipalities()
        )
        networks = {
            e.id: Network(
                e.id,
                e.name,
                tuple(n for n in e.names if n.startswith("Kompetansenettverk ")),
            )
            for e in gaz.networks()
        }
        uh = []
        for uh_id, header, short, weight in _UH:
            entry = gaz.by_id(uh_id)
            if entry is None:
                raise LookupError(f"{uh_id} is not in the gazetteer")
            uh.append(Uh(uh_id, entry.name, header, short, weight, entry.kind == "uh"))
        unions = tuple(e.name for e in gaz if e.category == "union")
        return cls(municipalities, networks, tuple(uh), unions)

    def municipality(self, id: str) -> Municipality:
        return next(m for m in self.municipalities if m.id == id)

    def uh_by_id(self, id: str) -> Uh:
        return next(u for u in self.uh if u.id == id)


# --- themes ----------------------------------------------------------------------------
# theme id -> (measure names that name exactly this theme, phrases for running text)
THEMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "klasseledelse": (
        ("Klasseledelse på ungdomstrinnet", "Klasseledelse i praksis"),
        ("klasseledelse",),
    ),
    "lesing-skriving": (
        ("Lesing i alle fag", "Skriving på mellomtrinnet", "Leseforståelse i fagene"),
        ("lesing og skriving", "leseforståelse"),
    ),
    "matematikk": (
        ("Matematikk på mellomtrinnet", "Utforskende matematikk"),
        ("matematikk", "tallforståelse"),
    ),
    "trygt-skolemiljo": (
        ("Trygt og godt skolemiljø", "Et trygt skolemiljø for alle"),
        ("trygt og godt skolemiljø", "arbeidet mot mobbing"),
    ),
    "fravaer": (
        ("Bekymringsfullt skolefravær", "Tidlig hjelp ved skolefravær"),
        ("bekymringsfullt skolefravær",),
    ),
    "digital-kompetanse": (
        ("Digital kompetanse i undervisningen",),
        ("digital kompetanse", "digitale ferdigheter"),
    ),
    "atferd": (
        ("Atferd som utfordrer", "Forståelse av utfordrende atferd"),
        ("atferd som utfordrer",),
    ),
    "sprak": (
        ("Språkutvikling i barnehagen", "Språkarbeid i barnegruppa"),
        ("språkutvikling",),
    ),
    "lek-samspill": (
        ("Lek og samspill i barnehagen", "Inkluderende lek og samspill"),
        ("lek og samspill",),
    ),
    "sosiale-ferdigheter": (
        ("Sosiale ferdigheter på barnetrinnet",),
        ("sosiale ferdigheter", "sosial kompetanse"),
    ),
    "psykisk-helse": (("Psykisk helse og livsmestring",), ("psykisk helse",)),
    "kunstig-intelligens": (("Kunstig intelligens i skolen",), ("kunstig intelligens",)),
    "vurdering": (
        ("Vurdering for læring", "Underveisvurdering i fagene"),
        ("vurdering for læring", "underveisvurdering"),
    ),
    "begynneropplaering": (("God begynneropplæring",), ("begynneropplæringen",)),
    "tidlig-innsats": (("Tidlig innsats på småtrinnet",), ("tidlig innsats",)),
    "profesjonsfellesskap": (
        ("Profesjonsfellesskap i skolen", "Sterkere profesjonsfellesskap"),
        ("profesjonsfellesskapet",),
    ),
    "fagfornyelsen": (("Fagfornyelsen i praksis", "Dybdelæring i fagene"), ("dybdelæring",)),
    "laget-rundt-barnet": (("Laget rundt barnet",), ("laget rundt barnet",)),
    "ledelse": (("Pedagogisk ledelse i barnehagen",), ("pedagogisk ledelse",)),
    "inkludering": (
        ("Inkluderende praksis i barnehage og skole",),
        ("inkluderende praksis",),
    ),
    "tilpasset-opplaering": (("Tilpasset opplæring for alle elever",), ("tilpasset opplæring",)),
    "spesialpedagogikk": (("Spesialpedagogikk i ordinær undervisning",), ("spesialpedagogikk",)),
    "pedagogisk-analyse": (("Pedagogisk analyse i personalgruppa",), ("pedagogisk analyse",)),
    "foreldresamarbeid": (
        ("Foreldresamarbeid i barnehagen",),
        ("foreldresamarbeid", "samarbeid med foresatte"),
    ),
    "fadeltskole": (("Fådeltskoledidaktikk",), ("fådeltskoledidaktikk",)),
    "kvalitetsutvikling": (("Kvalitetsutvikling i barnehagen",), ("kvalitetsutvikling",)),
}

# Sentences that carry one theme phrase ({p}); nothing else in them names a concept.
THEME_SENTENCES = (
    "Kartleggingen peker særlig på {p} som et område å styrke.",
    "Vi ønsker et felles løft innen {p}.",
    "Det er bred enighet om at {p} skal prioriteres.",
    "Arbeidet med {p} skal følges opp over flere semestre.",
    "Erfaringene fra i fjor viser at {p} bør få mer plass.",
)

# Running text that names no theme, target group, organisation or institution.
NEUTRAL = (
    "Arbeidet bygger på en felles gjennomgang av erfaringene fra i fjor.",
    "Enhetene har drøftet behovet på felles møter gjennom vinteren.",
    "Vi ønsker at fagmiljøet deltar i planleggingen fra starten av.",
    "Samlingene legges til fellestid slik at flest mulig kan delta.",
    "Mellom samlingene prøver personalet ut konkrete grep i egen praksis.",
    "Erfaringene deles i faste møter og oppsummeres skriftlig.",
    "Kommunen setter av tid og dekker utgifter til vikarer.",
    "Målet er at endringene blir en varig del av det daglige arbeidet.",
    "Det er enighet om at arbeidet må ha god forankring lokalt.",
    "Fagmiljøet bidrar med innlegg, veiledning og oppfølging underveis.",
    "Planen justeres underveis ut fra det vi lærer.",
    "Alle enhetene har sagt seg villige til å delta.",
    "Vi vil bruke egne eksempler fra hverdagen som utgangspunkt.",
    "Arbeidet organiseres i små grupper på tvers av enhetene.",
    "Opplegg og notater deles på en felles plattform.",
    "Samarbeidet skal gi mer felles praksis mellom enhetene.",
    "En arbeidsgruppe har ansvar for framdrift og oppfølging.",
    "Resultatene fra egne kartlegginger brukes som grunnlag.",
    "Vi ser behov for å jobbe mer systematisk over tid.",
    "Det settes av tid til refleksjon etter hver utprøving.",
    "Avstandene er store, så noen av samlingene holdes på nett.",
    "Innholdet er valgt etter innspill fra enhetene selv.",
    "Vi har fått gode tilbakemeldinger på samlingene så langt.",
    "Oppmøtet har vært godt, og engasjementet er stort.",
    "Neste steg er å gjøre arbeidet til en fast del av årshjulet.",
    "Det er laget en enkel plan for hvem som gjør hva.",
    "Vi trenger mer tid til å prøve ut og justere opplegget.",
    "Arbeidet har fått en god start, men er langt fra ferdig.",
    "Hver enhet har pekt ut en kontaktperson for arbeidet.",
    "Møtene veksler mellom fysiske samlinger og korte nettmøter.",
    "Det skrives et kort notat etter hver samling.",
    "Vi ønsker å fortsette med de samme arbeidsformene.",
)

# What the owner's and the UH's money is for, and what a measure's economy covers.
OWNER_USES = (
    "Vikarer slik at flest mulig kan delta, og leie av lokaler.",
    "Frikjøp av tid til planlegging og felles møter.",
    "Reiser mellom enhetene og servering på samlingene.",
)
UH_USES = (
    "Forberedelse, samlinger og veiledning mellom samlingene.",
    "Fagdager, oppfølging på nett og reiser til enhetene.",
    "Planlegging, innlegg på samlingene og skriftlige tilbakemeldinger.",
)

# Target-group phrases and the target-group ids each one names, in text order.
TARGET_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Lærere og skoleledere på ungdomstrinnet", ("laerere", "ledere")),
    ("Alle ansatte i skolene", ("alle-ansatte",)),
    ("Pedagogiske ledere og styrere i barnehagene", ("pedagogiske-ledere", "ledere")),
    ("Barnehagelærere og assistenter", ("barnehagelaerere", "assistenter")),
    ("Lærere på mellomtrinnet", ("laerere",)),
    ("PP-tjenesten og lærere i skolene", ("ppt", "laerere")),
    ("Rådgivere og kontaktlærere", ("radgivere", "laerere")),
    ("Spesialpedagoger og ressurslærere", ("spesialpedagoger", "ressurslaerere")),
    ("Ansatte i SFO", ("sfo",)),
    ("Barnehagelærere og pedagogiske ledere", ("barnehagelaerere", "pedagogiske-ledere")),
)

# --- people ------------------------------------------------------------------------------
FIRST_NAMES = (
    "Kari", "Ola", "Per", "Siri", "Arne", "Ingrid", "Lars", "Marit", "Nils", "Hilde",
    "Tone", "Jon", "Anne", "Kjetil", "Randi", "Eirik", "Sigrid", "Øystein", "Trond",
    "Mona", "Geir", "Berit", "Håkon", "Silje", "Torill", "Bjørn", "Elin", "Sverre",
    "Gunn", "Åsmund",
)  # fmt: skip
SURNAMES = (
    "Nordmann", "Testesen", "Prøvesen", "Eksempelsen", "Testdatter", "Demostad",
    "Fiktivsen", "Prøvedal", "Eksempelvik", "Mønsterud", "Utkastbakken", "Skissesen",
    "Øvingsnes", "Prøvestrand", "Testlien", "Demoberg", "Oppdiktsen", "Tenkeland",
)  # fmt: skip
OWNER_FUNCTIONS = (
    "Kommunalsjef oppvekst",
    "Rådgiver oppvekst",
    "Oppvekstsjef",
    "Seniorrådgiver oppvekst",
    "Kommunalsjef for oppvekst og kultur",
)
UH_FUNCTIONS = (
    "Førsteamanuensis",
    "Universitetslektor",
    "Dosent",
    "Studieleder",
    "Høgskolelektor",
    "Professor",
)
# Invented private kindergarten companies (never in the gazetteer).
PRIVATE_OWNERS = (
    "Måkeskjæret barnehage AS",
    "Tyttebærtua barnehage AS",
    "Multekroken barnehage AS",
    "Lundeberget barnehage AS",
    "Rypetoppen barnehage AS",
    "Ærfuglen barnehage AS",
)

# --- the letter ------------------------------------------------------------------------
LETTER_PARAGRAPHS = (
    "Målet er at personalet på de små enhetene får et faglig fellesskap på tvers av "
    "avstandene. Vi har prøvd ut faste nettmøter med korte oppgaver mellom møtene.",
    "Det som fungerer best, er når arbeidet tar utgangspunkt i det barn og elever faktisk "
    "strever med, og når alle har satt av den samme tiden i kalenderen.",
    "Vi trenger mer tid til å gjøre arbeidsformene til en fast del av året, og vi ønsker "
    "at fagmiljøet er med i planleggingen også neste år.",
    "Enhetene har drøftet behovet på felles møter, og det er bred oppslutning om å "
    "fortsette. Kommunen setter av tid og dekker utgifter til vikarer.",
)
