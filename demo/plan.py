"""What each synthetic report says, decided before any text is written.

`plan(n, seed)` samples N reports with one `random.Random(seed)`, so the same N and seed
always give the same decisions. Everything the ground truth needs is a field here; the
text templates (`demo/layouts.py`) only render it, and the expected record
(`demo/generator.py`) is read off it, never off a parse.

Besides ordinary reports the plan holds deliberate problems for the analyses to find:
budget mismatches (one kind per layout that can state a total), owners funded twice for
one theme in one year (inside one report and across two reports), municipalities that
never appear, and one competence network whose members never work with a university.
Each planted kind is forced once as soon as a report of a fitting layout comes up, then
recurs at a low rate, so even a small corpus has one of each.

About a third of the reports are "variants" (`demo/variants.py`): the same kind of facts,
rendered through a form whose language, label style, choice marks, section order, measure
headings, budget summary and amount style are drawn per report, so that a parser is tested
on variation rather than on the five fixed templates.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kompetansekart.demo import variants as v
from kompetansekart.demo import world as w
from kompetansekart.demo.variants import Bank, Shape
from kompetansekart.demo.world import Municipality, Uh, World
from kompetansekart.ontology.gazetteer import Gazetteer

LAYOUTS = ("form2024", "continuation", "form2026", "webform", "letter", "variant")
_LAYOUT_WEIGHTS = (33, 12, 25, 15, 15, 55)  # variants: about a third of a corpus
MEASURED = ("form2024", "form2026", "webform", "variant")  # layouts an 'across' can follow

# Planted budget mismatches and the layout each is planted in.
PLANTS = {
    "row-total": "form2024",  # a scheme row's total is not owner + UH (the Sum row repeats it)
    "measure-total": "form2024",  # a measure's 'Sum totalt' is not owner + UH
    "grand-sum": "form2024",  # the Sum row's owner cell (and total) is not the rows' sum
    "scheme-column": "continuation",  # the continued measures do not add up to their row
    "measure-row-total": "form2026",  # a per-measure row's total is not owner + UH
    "webform-total": "webform",  # 'Samlet' is not 'Sum skoleeier' + 'Sum UH'
    "variant-total": "variant",  # a variant's measure total is not owner + UH
}
PLANT_RATE = 0.06
OVERLAP_RATE = 0.05
NEED_GAP_RATE = 0.3  # web forms whose needs answer names a theme no measure takes up
SILENT_MUNICIPALITIES = 4
_LETTER_SCHEMES = (None, "desentralisert", "desentralisert", "regional", "kompetanseloftet")
_TRIES = 8
_DELTAS = (10_000, 20_000, 50_000, -10_000, -20_000, 5_000)
CELL_STYLES = ("space_dash", "dot_dash", "space", "dot_space_dash", "kr_space")
FLAT_STYLES = ("space_dash", "dot_dash", "dot_space_dash")
ZERO_STYLES = ("0,-", "0", "blank")
_SCHEME_WEIGHTS = {"regional": 15, "desentralisert": 55, "kompetanseloftet": 30}
_PURPOSES = (
    ("Gjennomføring av tiltak", "gjennomforing", 70),
    ("Planlegging av tiltak", "planlegging", 20),
    ("Vurdering og analyse av behov", "vurdering", 10),
)
_PHASE_SETS = (
    ("analyse",),
    ("analyse", "planlegging"),
    ("planlegging",),
    ("planlegging", "gjennomforing"),
    ("gjennomforing",),
    ("analyse", "planlegging", "gjennomforing"),
)


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    phone: str
    function: str


@dataclass
class Partner:
    """One row of the partner list."""

    name: str  # as written; also what the record shows (canonical gazetteer names)
    org_id: str | None  # None for an invented private owner
    municipality: bool
    role: str  # "eier" or "uh"
    contact: Person


@dataclass
class Term:
    label: str  # as written: "Høst 2025", "Videre"
    term: str  # schema form: "H2025", "videre"
    chosen: bool


@dataclass
class Measure:
    number: int | None
    name: str
    themes: list[str]  # in the order the parser finds them: name first, then text
    text: list[str]  # running text about the measure (the part the parser reads themes in)
    target: tuple[str, tuple[str, ...]] | None
    owner: int
    uh: int
    total: int  # as stated (a planted mismatch makes it differ from owner + uh)
    uh_ref: Uh
    scheme_row: str | None = None  # 2024 form: the budget row whose money it is
    scheme: str | None = None  # the scheme the record should give it
    terms: list[Term] = field(default_factory=list)
    purpose: tuple[str, str] | None = None  # (as written, id)
    continued: bool | None = None
    glued: bool = False  # '**Tiltak 2**Navn på tiltak: ...' on one line
    wrap: int | None = None  # 2026 form: the budget label wraps after this many words
    uh_note: bool = True  # 2024 form: the UH column header names the UH

    @property
    def chosen_terms(self) -> list[str]:
        return [t.term for t in self.terms if t.chosen]


@dataclass
class Row:
    """A budget row: per scheme (2024 form) or per measure (2026 form, web form)."""

    scheme: str | None
    label: str | None
    owner: int
    uh: int
    total: int
    blank: bool = False  # a scheme row left empty: absent from the record


@dataclass
class Report:
    index: int
    layout: str
    fmt: str
    year: int
    owner: Municipality
    owner_written: str
    title: str
    uhs: list[Uh]
    contact_owner: Person
    contact_uh: Person | None
    network_id: str | None = None
    network_label: str | None = None
    network_inline: bool = False  # on the 'Eier:' line itself
    partners: list[Partner] = field(default_factory=list)
    partner_list: bool = False
    schemes: list[str] = field(default_factory=list)
    schemes_visible: bool = True
    rows: list[Row] = field(default_factory=list)
    sum_row: Row | None = None
    zero_style: str = "0,-"
    cell_style: str = "space_dash"
    measure_style: str = "space_dash"
    measures: list[Measure] = field(default_factory=list)
    continuation: bool | None = None
    continuation_visible: bool = True
    continues: Report | None = None
    heading_abbreviation: str | None = None
    sector: str | None = None
    phases: tuple[str, ...] = ()
    union_held: bool | None = None
    unions: list[tuple[str, str, Person]] = field(default_factory=list)  # (prefix, union, who)
    units: dict[str, int | None] = field(default_factory=dict)
    sami: str | None = None
    further_education: str | None = None
    letter_mode: str | None = None  # "continue", "start" or "no-uh"
    paragraphs: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)  # web form: themes its needs answer names
    need_text: str | None = None  # that answer (a neutral sentence when there are none)
    planted: str | None = None
    overlap: str | None = None  # "within" or "across" when a planted overlap is here
    shape: Shape | None = None  # a variant's drawn form (demo/variants.py)
    style_seed: int = 0  # small wording choices the templates make (demo/layouts.py)
    file: str = ""
    taken: set[str] = field(default_factory=set, repr=False)  # people's names in use

    @property
    def variant(self) -> str:
        """The layout family and variant, as the file name shows it."""
        if self.layout == "form2024":
            return "form2024-markdown" if self.fmt == "md" else "form2024"
        if self.layout == "continuation":
            return "form2024-continuation"
        return self.layout


@dataclass
class Corpus:
    seed: int
    reports: list[Report]
    silent: list[Municipality]  # planted: never appear anywhere
    no_uh_network: str | None  # planted: members appear only without a university
    overlaps: list[tuple[str, int, str]]  # planted (owner id, year, theme)


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().replace("ø", "o").replace("æ", "ae"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def email_of(name: str) -> str:
    return slug(name).replace("-", ".") + "@example.no"


# --- the planner --------------------------------------------------------------------------


def plan(
    n: int, seed: int, formats: tuple[str, ...] = ("txt",), layouts: tuple[str, ...] = LAYOUTS
) -> Corpus:
    """The decisions for N reports; report i gets format formats[i % len(formats)]. A
    subset of LAYOUTS makes a corpus of those layouts only (a continuation needs
    form2024 reports to continue); the full set keeps the default mix."""
    unknown = [lay for lay in layouts if lay not in LAYOUTS]
    if unknown or not layouts:
        raise ValueError(f"unknown layouts {unknown}; choose from {', '.join(LAYOUTS)}")
    if "continuation" in layouts and "form2024" not in layouts:
        raise ValueError("a continuation continues a form2024 report: add form2024")
    return _Planner(seed, formats, tuple(lay for lay in LAYOUTS if lay in layouts)).run(n)


class _Planner:
    def __init__(self, seed: int, formats: tuple[str, ...], layouts: tuple[str, ...]) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.formats = formats
        self.layouts = layouts
        self.weights = [
            wt for lay, wt in zip(LAYOUTS, _LAYOUT_WEIGHTS, strict=True) if lay in layouts
        ]
        self.world = World.load()
        rng = self.rng
        munis = list(self.world.municipalities)
        self.silent = sorted(rng.sample(munis, SILENT_MUNICIPALITIES), key=lambda m: m.id)
        silent_ids = {m.id for m in self.silent}
        candidates = sorted(
            net
            for net in self.world.networks
            if net != "org:kompetansenettverk-salten"  # the big one stays a normal network
            and any(m.network == net and m.id not in silent_ids for m in munis)
        )
        self.no_uh_network = rng.choice(candidates) if candidates else None
        self.active = [
            m for m in munis if m.id not in silent_ids and m.network != self.no_uh_network
        ]
        self.no_uh_owners = [
            m for m in munis if m.id not in silent_ids and m.network == self.no_uh_network
        ]
        self.owner_years: Counter[tuple[str, int]] = Counter()
        self.themes_used: dict[tuple[str, int], set[str]] = defaultdict(set)
        self.needs_stated: dict[tuple[str, int], set[str]] = defaultdict(set)
        self.reports: list[Report] = []
        self.pending_plants = [kind for kind, lay in PLANTS.items() if lay in layouts]
        self.pending_overlaps = ["within", "across"]
        self.pending_need = True  # the first web form with a free theme states a gap
        self.planted_overlaps: list[tuple[str, int, str]] = []
        self.measured: list[Report] = []  # reports with measures: sources of 'across'
        self.continuable: list[Report] = []  # 2024-form reports not yet continued
        self.letters = 0

    # -- the loop --------------------------------------------------------------------------

    def run(self, n: int) -> Corpus:
        for i in range(n):
            r = self.report(i)
            self.reports.append(r)
            if r.layout in MEASURED and r.measures:
                self.measured.append(r)
            if r.layout in ("form2024", "continuation") and r.year + 1 in w.FORM2024_YEARS:
                self.continuable.append(r)
        return Corpus(
            self.seed, self.reports, self.silent, self.no_uh_network, self.planted_overlaps
        )

    def report(self, i: int) -> Report:
        fmt = self.formats[i % len(self.formats)]
        across = self._across_source()
        if across is not None:
            return self.across(i, fmt, across)
        layout = self.rng.choices(self.layouts, self.weights)[0]
        if layout == "continuation":
            source = self._continuation_source()
            if source is not None:
                return self.continuation(i, fmt, source)
            layout = "form2024"
        if layout == "form2024":
            year = self.rng.choice(w.FORM2024_YEARS)
            return self.form2024(i, fmt, self._owner(year), year)
        if layout == "form2026":
            year = self.rng.choice(w.FORM2026_YEARS)
            return self.form2026(i, fmt, self._owner(year), year)
        if layout == "webform":
            year = self.rng.choice(w.FORM2026_YEARS)
            return self.webform(i, fmt, self._owner(year), year)
        if layout == "variant":
            year = self.rng.choice(w.YEARS)
            return self.variant(i, fmt, self._owner(year), year)
        return self.letter(i, fmt)

    # -- choosing who and when -------------------------------------------------------------

    def _owner(self, year: int, pool: list[Municipality] | None = None) -> Municipality:
        """The least used owner of the pool that year (ties broken at random), so a small
        corpus spreads over many municipalities and an owner rarely reports twice a year."""
        pool = pool or self.active
        least = min(self.owner_years[(m.id, year)] for m in pool)
        owner = self.rng.choice([m for m in pool if self.owner_years[(m.id, year)] == least])
        self.owner_years[(owner.id, year)] += 1
        return owner

    def _across_source(self) -> Report | None:
        """An earlier report whose owner and year a new report will share a theme with."""
        if len(self.measured) < 3:  # let a few owners come first
            return None
        if "across" not in self.pending_overlaps and self.rng.random() >= OVERLAP_RATE:
            return None
        if "across" in self.pending_overlaps:
            self.pending_overlaps.remove("across")
        return self.rng.choice(self.measured)

    def _continuation_source(self) -> Report | None:
        """An earlier 2024-form report to carry on next year. Its measures keep their
        themes, so a source whose themes the owner already has next year (or that has
        one theme twice) is passed over: that would be an overlap nobody planted. A few
        random tries keep this cheap however many reports there are."""
        for _ in range(_TRIES):
            if not self.continuable:
                return None
            k = self.rng.randrange(len(self.continuable))
            source = self.continuable[k]
            if not self._collides(source):
                self.continuable.pop(k)
                return source
        return None

    def _collides(self, r: Report) -> bool:
        themes = [t for m in r.measures for t in m.themes]
        used = self.themes_used[(r.owner.id, r.year + 1)]
        return len(set(themes)) < len(themes) or any(t in used for t in themes)

    def _plant(self, layout: str) -> str | None:
        kinds = [k for k, lay in PLANTS.items() if lay == layout]
        for kind in kinds:
            if kind in self.pending_plants:
                self.pending_plants.remove(kind)
                return kind
        if kinds and self.rng.random() < PLANT_RATE:
            return self.rng.choice(kinds)
        return None

    def _theme(self, owner: str, year: int, exclude: set[str]) -> str:
        """A theme the owner has no measure on that year (unless every theme is taken), and
        preferably not one of its unaddressed needs: those are planted gaps."""
        needs = self.needs_stated[(owner, year)]
        used = self.themes_used[(owner, year)] | needs
        free = [t for t in w.THEMES if t not in used and t not in exclude]
        fallback = [t for t in w.THEMES if t not in exclude and t not in needs]
        return self.rng.choice(free or fallback or [t for t in w.THEMES if t not in exclude])

    # -- people and partners ---------------------------------------------------------------

    def person(self, functions: tuple[str, ...], taken: set[str]) -> Person:
        rng = self.rng
        while True:
            name = f"{rng.choice(w.FIRST_NAMES)} {rng.choice(w.SURNAMES)}"
            if name not in taken:
                taken.add(name)
                break
        phone = f"400 {rng.randrange(100):02d} {rng.randrange(1000):03d}"
        return Person(name, email_of(name), phone, rng.choice(functions))

    def _uhs(self, count: int, universities_only: bool = False) -> list[Uh]:
        pool = [u for u in self.world.uh if u.university or not universities_only]
        first = self.rng.choices(pool, [u.weight for u in pool])[0]
        chosen = [first]
        if count > 1:
            family = _family(first)
            rest = [u for u in pool if _family(u) != family]
            chosen.append(self.rng.choices(rest, [u.weight for u in rest])[0])
        return chosen

    def _partners(self, r: Report, taken: set[str], private_ok: bool) -> tuple[list[Partner], bool]:
        """The partner list (owner first, then other owners, then the UH), and whether it
        is written at all (it must be when there is more than the owner and one UH)."""
        rng = self.rng
        others: list[Partner] = []
        count = rng.choices((0, 1, 2), (60, 30, 10))[0]
        near = [m for m in self.active if m.network == r.owner.network and m.id != r.owner.id]
        pool = near or [m for m in self.active if m.id != r.owner.id]
        for m in rng.sample(pool, min(count, len(pool))):
            contact = self.person(w.OWNER_FUNCTIONS, taken)
            others.append(Partner(m.name, m.id, True, "eier", contact))
        if private_ok and rng.random() < 0.15:
            name = rng.choice(w.PRIVATE_OWNERS)
            others.append(Partner(name, None, False, "eier", self.person(w.OWNER_FUNCTIONS, taken)))
        partners = [Partner(r.owner.name, r.owner.id, True, "eier", r.contact_owner)]
        partners += others
        for k, uh in enumerate(r.uhs):
            contact = r.contact_uh if k == 0 else self.person(w.UH_FUNCTIONS, taken)
            partners.append(Partner(uh.name, uh.id, False, "uh", contact))
        written = bool(others) or len(r.uhs) > 1 or rng.random() < 0.5
        return partners, written

    def _network(self, r: Report, inline_ok: bool) -> None:
        net = self.world.networks.get(r.owner.network or "")
        if net is None or not net.labels or self.rng.random() < 0.08:
            return
        r.network_id = net.id
        r.network_label = self.rng.choice(net.labels)
        r.network_inline = inline_ok and self.rng.random() < 0.25

    def _owner_written(self, owner: Municipality) -> str:
        if owner.other_names and self.rng.random() < 0.3:
            return owner.other_names[0]
        return owner.name

    def _unions(self, taken: set[str]) -> tuple[bool, list[tuple[str, str, Person]]]:
        rng = self.rng
        if rng.random() < 0.15:
            return False, []
        count = rng.choices((1, 2, 3), (45, 40, 15))[0]
        names = rng.sample(self.world.unions, count)
        out = []
        for k, union in enumerate(names):
            prefix = "Hovedtillitsvalgt " if k == 0 and rng.random() < 0.4 else ""
            out.append((prefix, union, self.person(("Tillitsvalgt",), taken)))
        return True, out

    def _units(self, sector: str | None = None) -> dict[str, int | None]:
        rng = self.rng
        kindergartens = sector in (None, "barnehage", "begge")
        schools = sector in (None, "grunnskole", "begge")
        return {
            "kommunale_barnehager": rng.randrange(1, 12) if kindergartens else 0,
            "private_barnehager": rng.randrange(0, 9) if kindergartens else 0,
            "offentlige_skoler": rng.randrange(1, 14) if schools else 0,
            "private_skoler": rng.choice((0, 0, 0, 1)) if schools else 0,
            "ppt": 1,
        }

    # -- measures --------------------------------------------------------------------------

    def _amounts(self) -> tuple[int, int]:
        rng = self.rng
        owner = rng.randrange(5, 60) * 5000
        if rng.random() < 0.15:
            owner += rng.randrange(1, 100) * 10
        return owner, rng.randrange(10, 130) * 5000

    def _terms(self, year: int, videre: bool) -> list[Term]:
        rng = self.rng
        options = [
            Term(f"Vår {year}", f"V{year}", False),
            Term(f"Høst {year}", f"H{year}", False),
            Term(f"Vår {year + 1}", f"V{year + 1}", False),
        ]
        start = rng.randrange(3)
        stop = rng.randrange(start, 3)
        for t in options[start : stop + 1]:
            t.chosen = True
        if videre:
            options.append(Term("Videre", "videre", rng.random() < 0.3))
        return options

    def _text(self, themes: list[str], count: int, bank: Bank = v.NB) -> list[str]:
        """Running text: neutral sentences and one sentence per theme in `themes`, in the
        language of `bank` (bokmål unless a nynorsk variant asks)."""
        rng = self.rng
        lines = rng.sample(bank.neutral, count)
        for k, theme in enumerate(themes):
            phrase = rng.choice(bank.themes[theme][1])
            sentence = rng.choice(bank.theme_sentences).format(p=phrase)
            lines.insert(min(k + 1, len(lines)), sentence)
        return lines

    def _measure_themes(
        self, owner: str, year: int, taken: set[str], first: str | None = None
    ) -> tuple[str, str | None]:
        primary = first or self._theme(owner, year, taken)
        taken.add(primary)
        secondary = None
        if self.rng.random() < 0.35:
            secondary = self._theme(owner, year, taken)
            taken.add(secondary)
        return primary, secondary

    def _name(self, theme: str, names: set[str], bank: Bank = v.NB) -> str:
        options = [n for n in bank.themes[theme][0] if n not in names]
        name = self.rng.choice(options or list(bank.themes[theme][0]))
        names.add(name)
        return name

    def _record_themes(self, r: Report) -> None:
        for m in r.measures:
            self.themes_used[(r.owner.id, r.year)].update(m.themes)

    # -- layouts ---------------------------------------------------------------------------

    def _base(self, i: int, layout: str, fmt: str, owner: Municipality, year: int) -> Report:
        taken: set[str] = set()
        r = Report(
            index=i,
            layout=layout,
            fmt=fmt,
            year=year,
            owner=owner,
            owner_written=owner.name,
            title="",
            uhs=[],
            contact_owner=self.person(w.OWNER_FUNCTIONS, taken),
            contact_uh=self.person(w.UH_FUNCTIONS, taken),
            style_seed=self.rng.randrange(2**32),
            taken=taken,
        )
        return r

    def form2024(
        self,
        i: int,
        fmt: str,
        owner: Municipality,
        year: int,
        *,
        shared_theme: str | None = None,
        avoid_schemes: tuple[str, ...] = (),
    ) -> Report:
        rng = self.rng
        r = self._base(i, "form2024", fmt, owner, year)
        taken = r.taken
        r.title = rng.choice(
            (
                f"Behovsmelding – kompetanseutvikling i barnehage og skole, {year}",
                f"Behovsmelding for lokal kompetanseutvikling {year}",
            )
        )
        r.owner_written = self._owner_written(owner)
        self._network(r, inline_ok=True)
        r.uhs = self._uhs(2 if rng.random() < 0.12 else 1)
        r.partners, r.partner_list = self._partners(r, taken, private_ok=True)
        r.planted = self._plant("form2024")
        within = ("within" in self.pending_overlaps or rng.random() < OVERLAP_RATE) and (
            shared_theme is None
        )
        count = rng.choices((1, 2, 3), (45, 40, 15))[0]
        if within:
            count = max(count, 2)
            if "within" in self.pending_overlaps:
                self.pending_overlaps.remove("within")
        weights = {s: wt for s, wt in _SCHEME_WEIGHTS.items() if s not in avoid_schemes}
        schemes = [rng.choices(list(weights), list(weights.values()))[0]]
        if count >= 2 and rng.random() < 0.15:
            rest = [s for s in w.SCHEME_ROWS if s not in schemes]
            schemes.append(rng.choice(rest))
        r.schemes = [s for s in w.SCHEME_ROWS if s in schemes]
        r.schemes_visible = rng.random() > 0.1
        r.cell_style = rng.choice(CELL_STYLES)
        r.measure_style = rng.choice(CELL_STYLES)
        r.zero_style = rng.choice(ZERO_STYLES)
        names: set[str] = set()
        themes_taken: set[str] = set()
        videre = rng.random() < 0.2
        for k in range(count):
            first = shared_theme if k == 0 else None
            primary, secondary = self._measure_themes(owner.id, year, themes_taken, first)
            if within and k == 1:
                secondary = r.measures[0].themes[0]
                self.planted_overlaps.append((owner.id, year, secondary))
                r.overlap = "within"
            themes = [primary] + ([secondary] if secondary else [])
            o, u = self._amounts()
            purpose = rng.choices(_PURPOSES, [p[2] for p in _PURPOSES])[0]
            m = Measure(
                number=k + 1,
                name=self._name(primary, names),
                themes=themes,
                text=self._text(themes[1:], rng.randrange(1, 3)),
                target=rng.choice(w.TARGET_GROUPS),
                owner=o,
                uh=u,
                total=o + u,
                uh_ref=r.uhs[k % len(r.uhs)],
                scheme_row=schemes[0] if k == 0 or len(schemes) == 1 else schemes[-1],
                terms=self._terms(year, videre),
                purpose=(purpose[0], purpose[1]),
                glued=k > 0 and rng.random() < 0.25,
                uh_note=len(r.uhs) > 1 or rng.random() < 0.8,
            )
            r.measures.append(m)
        if shared_theme is not None:
            r.overlap = "across"
        self._scheme_rows(r)
        self._plant_2024(r)
        r.continuation = False
        r.union_held, r.unions = self._unions(taken)
        r.units = self._units()
        if rng.random() < 0.05:
            r.units[rng.choice(list(r.units))] = None  # written as 'X'
        self._record_themes(r)
        return r

    def _scheme_rows(self, r: Report) -> None:
        """One row per scheme (the money of its measures), the Sum row, and each measure's
        scheme: the row its owner and UH sums equal, when exactly one row does."""
        for scheme in w.SCHEME_ROWS:
            ms = [m for m in r.measures if m.scheme_row == scheme]
            o, u = sum(m.owner for m in ms), sum(m.uh for m in ms)
            r.rows.append(Row(scheme, None, o, u, o + u, blank=not ms and r.zero_style == "blank"))
        self._sum_row(r)
        if len(r.schemes) == 1:
            for m in r.measures:
                m.scheme = r.schemes[0]

    def _sum_row(self, r: Report) -> None:
        rows = [row for row in r.rows if not row.blank]
        r.sum_row = Row(
            None,
            "Sum",
            sum(x.owner for x in rows),
            sum(x.uh for x in rows),
            sum(x.total for x in rows),
        )

    def _plant_2024(self, r: Report) -> None:
        delta = self.rng.choice(_DELTAS)
        if r.planted == "row-total":
            row = next(x for x in r.rows if x.scheme == r.measures[0].scheme_row)
            row.total += delta
            self._sum_row(r)  # the Sum row adds up the stated totals: it repeats the error
        elif r.planted == "measure-total":
            m = self.rng.choice(r.measures)
            m.total += delta
        elif r.planted == "grand-sum":
            r.sum_row.owner += delta
            r.sum_row.total += delta

    def across(self, i: int, fmt: str, source: Report) -> Report:
        """A second report by the same owner in the same year with a measure on one of the
        themes the first one already funds."""
        theme = self.rng.choice(sorted({t for m in source.measures for t in m.themes}))
        self.owner_years[(source.owner.id, source.year)] += 1
        self.planted_overlaps.append((source.owner.id, source.year, theme))
        owner, year, avoid = source.owner, source.year, tuple(source.schemes)
        fits = ("form2024",) if year in w.FORM2024_YEARS else ("form2026", "webform")
        fits = tuple(lay for lay in fits if lay in self.layouts)
        if not fits:  # only variants asked for (a source is always of an allowed layout)
            return self.variant(i, fmt, owner, year, shared_theme=theme, avoid_schemes=avoid)
        if fits == ("form2024",):
            return self.form2024(i, fmt, owner, year, shared_theme=theme, avoid_schemes=avoid)
        if fits == ("form2026", "webform"):
            fits = fits[:1] if self.rng.random() < 0.5 else fits[1:]
        if fits == ("form2026",):
            return self.form2026(i, fmt, owner, year, shared_theme=theme)
        return self.webform(i, fmt, owner, year, shared_theme=theme)

    def continuation(self, i: int, fmt: str, source: Report) -> Report:
        rng = self.rng
        year = source.year + 1
        owner = source.owner
        self.owner_years[(owner.id, year)] += 1
        r = self._base(i, "continuation", fmt, owner, year)
        taken = r.taken
        r.title = "Behovsmelding – videreføring av lokal kompetanseutvikling"
        r.owner_written = self._owner_written(owner)
        self._network(r, inline_ok=True)
        r.uhs = list(source.uhs[:1])
        r.partners, r.partner_list = self._partners(r, taken, private_ok=True)
        r.continues = source
        r.continuation = True
        r.continuation_visible = rng.random() > 0.2
        r.planted = self._plant("continuation")
        scheme = rng.choice(source.schemes)
        r.schemes = [scheme]
        r.schemes_visible = True
        r.heading_abbreviation = rng.choice(w.SCHEME_ABBREVIATIONS[scheme])
        r.cell_style = rng.choice(CELL_STYLES)
        r.zero_style = rng.choice(ZERO_STYLES)
        terms = self._terms(year, False)
        for old in source.measures:
            o, u = self._amounts()
            r.measures.append(
                Measure(
                    number=old.number,
                    name=old.name,
                    themes=list(old.themes),
                    text=self._text(old.themes[1:], rng.randrange(1, 3)),
                    target=None,
                    owner=o,
                    uh=u,
                    total=o + u,
                    uh_ref=r.uhs[0],
                    scheme_row=scheme,
                    scheme=scheme,
                    terms=terms,
                    continued=True,
                )
            )
        for row_scheme in w.SCHEME_ROWS:
            ms = [m for m in r.measures if m.scheme_row == row_scheme]
            o, u = sum(m.owner for m in ms), sum(m.uh for m in ms)
            r.rows.append(
                Row(row_scheme, None, o, u, o + u, blank=not ms and r.zero_style == "blank")
            )
        self._sum_row(r)
        if r.planted == "scheme-column":
            # the list of continued measures states other money than the scheme row
            r.measures[-1].owner += rng.choice((10_000, 20_000, -5_000))
        r.union_held, r.unions = self._unions(taken)
        r.units = self._units()
        self._record_themes(r)
        return r

    def form2026(
        self, i: int, fmt: str, owner: Municipality, year: int, *, shared_theme: str | None = None
    ) -> Report:
        rng = self.rng
        r = self._base(i, "form2026", fmt, owner, year)
        taken = r.taken
        r.title = "Behovsmelding – Kollektiv"
        self._network(r, inline_ok=False)
        r.uhs = self._uhs(2 if rng.random() < 0.12 else 1)
        r.partners, r.partner_list = self._partners(r, taken, private_ok=False)
        r.partner_list = True
        r.planted = self._plant("form2026")
        r.sector = rng.choices(("grunnskole", "barnehage", "begge"), (60, 20, 20))[0]
        r.phases = rng.choice(_PHASE_SETS)
        r.continuation = self.owner_years[(owner.id, year - 1)] > 0 and rng.random() < 0.5
        r.measure_style = rng.choice(FLAT_STYLES)
        count = rng.choices((1, 2, 3, 4), (30, 40, 20, 10))[0]
        within = shared_theme is None and (
            "within" in self.pending_overlaps or rng.random() < OVERLAP_RATE
        )
        names: set[str] = set()
        themes_taken: set[str] = set()
        for k in range(count):
            if k == 0:
                primary, secondary = self._measure_themes(
                    owner.id, year, themes_taken, shared_theme
                )
                themes = [primary] + ([secondary] if secondary else [])
            elif within and k == 1 and len(w.THEMES[r.measures[0].themes[0]][0]) > 1:
                themes = [r.measures[0].themes[0]]
                self.planted_overlaps.append((owner.id, year, themes[0]))
                r.overlap = "within"
                if "within" in self.pending_overlaps:
                    self.pending_overlaps.remove("within")
            else:
                themes = [self._theme(owner.id, year, themes_taken)]
                themes_taken.add(themes[0])
            o, u = self._amounts()
            name = self._name(themes[0], names)
            words = len(name.split())
            m = Measure(
                number=k + 1,
                name=name,
                themes=themes,
                text=self._text(themes[1:], 2) if k == 0 else [],
                target=rng.choice(w.TARGET_GROUPS) if k == 0 else None,
                owner=o,
                uh=u,
                total=o + u,
                uh_ref=r.uhs[k % len(r.uhs)],
                terms=self._terms(year, True) if k == 0 else [],
                wrap=rng.randrange(1, words) if words > 2 and rng.random() < 0.3 else None,
            )
            r.measures.append(m)
        if shared_theme is not None:
            r.overlap = "across"
        for m in r.measures:
            r.rows.append(Row(None, f"Tiltak {m.number}: {m.name}", m.owner, m.uh, m.total))
        if r.planted == "measure-row-total":
            m = rng.choice(r.measures)
            m.total += rng.choice(_DELTAS)
            r.rows[r.measures.index(m)].total = m.total
        self._sum_row(r)
        r.union_held, r.unions = self._unions(taken)
        r.units = self._units(r.sector)
        r.sami = rng.choice(("ja", "nei", "ikke_relevant"))
        r.further_education = rng.choice(("ja", "nei", "vet_ikke"))
        self._record_themes(r)
        return r

    def variant(
        self,
        i: int,
        fmt: str,
        owner: Municipality,
        year: int,
        *,
        shared_theme: str | None = None,
        avoid_schemes: tuple[str, ...] = (),
    ) -> Report:
        """A report in a form drawn at random (demo/variants.py). It has the facts of the
        2024 form (one or two schemes with a budget row each, numbered measures with
        their own amounts) and of the 2026 form (sector, phases, Sami perspective,
        further education, each asked or not), in bokmål or nynorsk. Its shape is drawn
        after the facts, which decide a few of its labels."""
        rng = self.rng
        lang = v.draw_lang(rng)
        r = self._base(i, "variant", fmt, owner, year)
        r.owner_written = self._owner_written(owner)
        self._network(r, inline_ok=False)
        r.uhs = self._uhs(2 if rng.random() < 0.15 else 1)
        r.partners, r.partner_list = self._partners(r, r.taken, private_ok=True)
        r.planted = self._plant("variant")
        sector = rng.choices(("grunnskole", "barnehage", "begge"), (60, 20, 20))[0]
        r.sector = sector if rng.random() < 0.85 else None  # some forms do not ask
        r.phases = rng.choice(_PHASE_SETS) if rng.random() < 0.7 else ()
        r.continuation = rng.random() < 0.25
        self._variant_measures(r, v.BANKS[lang], shared_theme, avoid_schemes)
        shape_rng = random.Random(rng.randrange(2**32))
        r.shape = v.draw_shape(shape_rng, lang, fmt, r.sector, len(r.schemes))
        r.title = r.shape.labels["title"].format(year=year, owner=r.owner_written)
        if r.shape.headings == "part":  # the measures stand under one heading, unnumbered
            for m in r.measures:
                m.number = None
        self._variant_rows(r)
        r.union_held, r.unions = self._unions(r.taken)
        r.units = self._units(r.sector)
        r.sami = rng.choice(("ja", "nei", "ikke_relevant")) if rng.random() < 0.75 else None
        further = rng.choice(("ja", "nei", "vet_ikke"))
        r.further_education = further if rng.random() < 0.75 else None
        self._record_themes(r)
        return r

    def _variant_measures(
        self, r: Report, bank: Bank, shared_theme: str | None, avoid_schemes: tuple[str, ...]
    ) -> None:
        """One to three measures in the report's language, each the money of one scheme:
        with two schemes the first measure is the first scheme's and the rest the
        second's, and each measure says which (so its scheme is known either way)."""
        rng = self.rng
        owner, year = r.owner.id, r.year
        within = shared_theme is None and (
            "within" in self.pending_overlaps or rng.random() < OVERLAP_RATE
        )
        count = rng.choices((1, 2, 3), (40, 40, 20))[0]
        if within:
            count = max(count, 2)
            if "within" in self.pending_overlaps:
                self.pending_overlaps.remove("within")
        weights = {s: wt for s, wt in _SCHEME_WEIGHTS.items() if s not in avoid_schemes}
        schemes = [rng.choices(list(weights), list(weights.values()))[0]]
        if count >= 2 and rng.random() < 0.2:
            schemes.append(rng.choice([s for s in w.SCHEME_ROWS if s not in schemes]))
        r.schemes = [s for s in w.SCHEME_ROWS if s in schemes]
        names: set[str] = set()
        themes_taken: set[str] = set()
        videre = rng.random() < 0.25
        for k in range(count):
            first = shared_theme if k == 0 else None
            primary, secondary = self._measure_themes(owner, year, themes_taken, first)
            if within and k == 1:
                secondary = r.measures[0].themes[0]
                self.planted_overlaps.append((owner, year, secondary))
                r.overlap = "within"
            themes = [primary] + ([secondary] if secondary else [])
            o, u = self._amounts()
            purpose = rng.choices(_PURPOSES, [p[2] for p in _PURPOSES])[0]
            row = schemes[0] if k == 0 or len(schemes) == 1 else schemes[-1]
            r.measures.append(
                Measure(
                    number=k + 1,
                    name=self._name(primary, names, bank),
                    themes=themes,
                    text=self._text(themes[1:], rng.randrange(1, 3), bank),
                    target=rng.choice(bank.target_groups),
                    owner=o,
                    uh=u,
                    total=o + u,
                    uh_ref=r.uhs[k % len(r.uhs)],
                    scheme_row=row,
                    scheme=row,
                    terms=self._terms(year, videre),
                    purpose=(purpose[0], purpose[1]),
                )
            )
        if shared_theme is not None:
            r.overlap = "across"

    def _variant_rows(self, r: Report) -> None:
        """A budget row per scheme (unused ones blank, zero or left out, as the shape
        says), the Sum row if the shape writes one, and the planted mismatch."""
        zero = r.shape.unused_rows == "zero"
        for scheme in w.SCHEME_ROWS:
            ms = [m for m in r.measures if m.scheme_row == scheme]
            o, u = sum(m.owner for m in ms), sum(m.uh for m in ms)
            r.rows.append(Row(scheme, None, o, u, o + u, blank=not ms and not zero))
        self._sum_row(r)
        if not r.shape.sum_row:
            r.sum_row = None
        if r.planted == "variant-total":
            m = self.rng.choice(r.measures)
            m.total += self.rng.choice(_DELTAS)

    def webform(
        self, i: int, fmt: str, owner: Municipality, year: int, *, shared_theme: str | None = None
    ) -> Report:
        rng = self.rng
        r = self._base(i, "webform", fmt, owner, year)
        r.title = rng.choice((f"Behovsmelding {owner.name}", f"Behovsmelding - {owner.name}"))
        r.uhs = self._uhs(1)
        r.partners = [
            Partner(owner.name, owner.id, True, "eier", r.contact_owner),
            Partner(r.uhs[0].name, r.uhs[0].id, False, "uh", r.contact_uh),
        ]
        r.planted = self._plant("webform")
        r.sector = rng.choices(("grunnskole", "barnehage", "begge"), (60, 20, 20))[0]
        r.phases = rng.choice(_PHASE_SETS)
        r.continuation = self.owner_years[(owner.id, year - 1)] > 0 and rng.random() < 0.5
        themes_taken: set[str] = set()
        primary, secondary = self._measure_themes(owner.id, year, themes_taken, shared_theme)
        themes = [primary] + ([secondary] if secondary else [])
        if shared_theme is not None:
            r.overlap = "across"
        o, u = self._amounts()
        total = o + u + (rng.choice(_DELTAS) if r.planted == "webform-total" else 0)
        terms = [Term(f"Høst {year}", f"H{year}", True)]
        if rng.random() < 0.7:
            terms.append(Term(f"Vår {year + 1}", f"V{year + 1}", True))
        r.measures.append(
            Measure(
                number=None,
                name=re.sub(r"^Behovsmelding\s*-?\s*", "", r.title),
                themes=themes,
                text=self._text(themes, 1),
                target=rng.choice(w.TARGET_GROUPS),
                owner=o,
                uh=u,
                total=total,
                uh_ref=r.uhs[0],
                terms=terms,
                continued=r.continuation,
            )
        )
        r.rows.append(Row(None, "Samlet", o, u, total))
        r.union_held = rng.random() < 0.85
        r.units = self._units(r.sector)
        r.sami = rng.choice(("ja", "nei", "ikke_relevant"))
        r.further_education = rng.choice(("ja", "nei", "vet_ikke"))
        self._record_themes(r)
        self._need(r)
        return r

    def _need(self, r: Report) -> None:
        """A web form's needs answer: mostly a neutral sentence, sometimes a theme the
        owner has no measure on that year (a planted gap: a stated need no measure
        addresses, unless a later report of the same owner and year takes the theme up).
        The first web form that can plant one does, like the other planted kinds."""
        rng = self.rng
        key = (r.owner.id, r.year)
        free = [t for t in w.THEMES if t not in self.themes_used[key]]
        if not free or (not self.pending_need and rng.random() >= NEED_GAP_RATE):
            r.need_text = rng.choice(w.NEUTRAL)
            return
        self.pending_need = False
        theme = rng.choice(free)
        phrase = rng.choice(w.THEMES[theme][1])
        r.needs = [theme]
        r.need_text = rng.choice(w.THEME_SENTENCES).format(p=phrase)
        self.needs_stated[key].add(theme)

    def letter(self, i: int, fmt: str) -> Report:
        rng = self.rng
        year = rng.choice(w.YEARS)
        self.letters += 1
        no_uh = bool(self.no_uh_owners) and (self.letters == 1 or rng.random() < 0.25)
        owner = self._owner(year, self.no_uh_owners if no_uh else None)
        r = self._base(i, "letter", fmt, owner, year)
        r.contact_uh = None
        if no_uh:
            r.letter_mode = "no-uh"
        else:
            r.uhs = self._uhs(1, universities_only=True)
            r.letter_mode = rng.choice(("continue", "continue", "start"))
        r.continuation = True if r.letter_mode == "continue" else None
        scheme = rng.choice(_LETTER_SCHEMES)
        r.schemes = [scheme] if scheme else []
        word = rng.choice(w.SCHEME_ABBREVIATIONS[scheme]) if scheme else "fra"
        r.title = f"Behovsmelding {word} {owner.name}"
        r.paragraphs = rng.sample(w.LETTER_PARAGRAPHS, rng.randrange(2, 4))
        r.partners = [Partner(owner.name, owner.id, True, "eier", r.contact_owner)]
        r.partners += [Partner(u.name, u.id, False, "uh", r.contact_owner) for u in r.uhs]
        return r


def _family(uh: Uh) -> str:
    """A unit and its university are one family: a second UH comes from another one."""
    entry = Gazetteer.load().by_id(uh.id)
    return (entry.parent if entry and entry.parent else uh.id) or uh.id
