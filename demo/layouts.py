"""Text templates: one planned report (`demo/plan.py`) as the lines of its document.

Each layout the parser reads has a template: the 2024 form (tab-separated tables, choices
in bold or marked with an 'x'), its continuation variant, the 2026 'kollektiv' form (☒/☐
boxes, tables flattened to spaces, one attachment per measure), the web-form export and
the prose letter; a "variant" report is rendered by demo/variants.py through a form drawn
per report. `lines(report)` gives the lines a .txt reader returns; `markdown()`
turns tab tables into pipe tables and the title and section heads into headings (the
Markdown variant of the form); the .docx and .pdf writers take the same lines.

The labels are the form's own. The running text comes from the word banks in
`demo/world.py`; every value is the one the plan decided, so the expected record can be
read off the plan.
"""

from __future__ import annotations

import random
import re

from kompetansekart.demo import variants
from kompetansekart.demo import world as w
from kompetansekart.demo.plan import Measure, Report, Row

BOX = {True: "☒", False: "☐"}
_UNIT_HEADERS = (
    "Kommunale barnehager\tPrivate barnehager\tOffentlige skoler\tPrivate skoler\tPP-tjenesten",
    "Kommunale barnehager\tPrivate barnehager (inkl. familiebhg.)\tOffentlige skoler\t"
    "Private skoler\tPP-tjenester",
    "Kommunale barnehager\tPrivate barnehager\tOffentlige skoler (grunnskoler)\t"
    "Private skoler\tPP-tjenester",
)
_SCHOOL_YEAR_LINE = "skrivher: Tiltaket planlegges for skoleåret {y}-{z}."


# --- amounts -------------------------------------------------------------------------------


def group(value: int, sep: str) -> str:
    return f"{value:,}".replace(",", sep)


def amount(value: int, style: str) -> str:
    """One amount as the forms write it: '266 270,-', '266.270,-', '900.000, -', ..."""
    if style == "space_dash":
        return f"{group(value, ' ')},-"
    if style == "dot_dash":
        return f"{group(value, '.')},-"
    if style == "space":
        return group(value, " ")
    if style == "dot_space_dash":
        return f"{group(value, '.')}, -"
    if style == "kr_space":
        return f"kr {group(value, ' ')}"
    raise ValueError(f"unknown amount style {style!r}")


def _cells(row: Row, r: Report) -> list[str]:
    if row.blank:
        return ["", "", ""]
    if row.owner == row.uh == row.total == 0:
        return [r.zero_style] * 3
    return [amount(v, r.cell_style) for v in (row.owner, row.uh, row.total)]


# --- choices -------------------------------------------------------------------------------


def yes_no(yes: bool, rnd: random.Random, extra: str = "") -> str:
    """'**Ja** Nei', 'Ja **Nei**', 'Ja x Nei' or 'Ja Nei x'; `extra` follows 'Ja'."""
    ja = f"Ja{extra}"
    if rnd.random() < 0.25:
        return f"Ja x{extra} Nei" if yes else f"{ja} Nei x"
    return f"**Ja**{extra} Nei" if yes else f"{ja} **Nei**"


def boxes(options: list[tuple[str, bool]], before: bool = False) -> str:
    """'Ja ☒ Nei ☐', or with `before` '☒ Ja ☐ Nei' (both conventions occur)."""
    if before:
        return " ".join(f"{BOX[on]} {label}" for label, on in options)
    return " ".join(f"{label} {BOX[on]}" for label, on in options)


def bold_choice(options: list[tuple[str, bool]], visible: bool = True) -> str:
    return " ".join(f"**{label}**" if on and visible else label for label, on in options)


def terms_bold(m: Measure) -> str:
    return bold_choice([(t.label, t.chosen) for t in m.terms])


# --- the document --------------------------------------------------------------------------


def lines(r: Report) -> list[str]:
    """The report's text lines (tabs separate table cells), as a .txt reader returns them."""
    rnd = random.Random(r.style_seed)
    if r.layout == "form2024":
        return form2024(r, rnd)
    if r.layout == "continuation":
        return continuation(r, rnd)
    if r.layout == "form2026":
        return form2026(r, rnd)
    if r.layout == "webform":
        return webform(r, rnd)
    if r.layout == "letter":
        return letter(r, rnd)
    if r.layout == "variant":
        return variants.lines(r)
    raise ValueError(f"unknown layout {r.layout!r}")


def text(r: Report) -> str:
    """The whole file for a .txt or .md report."""
    out = markdown(r) if r.fmt == "md" else lines(r)
    return "\n".join(out) + "\n"


def markdown(r: Report) -> list[str]:
    """The same lines with tab tables as pipe tables and the title and section heads as
    headings, as a Markdown export of the form has them. A variant writes its own
    Markdown headings (demo/variants.py); only its tables are converted here."""
    if r.layout == "variant":
        return pipe_tables(lines(r))
    out = []
    for line in lines(r):
        if "\t" not in line:
            if line.strip() == r.title:
                line = "# " + line.strip()
            elif line.startswith("Total sum det meldes behov for") or re.fullmatch(
                r"Tiltak \d+", line
            ):
                line = "## " + line
        out.append(line)
    return pipe_tables(out)


def pipe_tables(source: list[str]) -> list[str]:
    """Runs of tab lines with the same number of cells as pipe tables (the first row is
    the header); other lines unchanged."""
    out: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        if table:
            out.append("| " + " | ".join(table[0]) + " |")
            out.append("|" + "|".join("---" for _ in table[0]) + "|")
            out.extend("| " + " | ".join(row) + " |" for row in table[1:])
            table.clear()

    for line in source:
        if "\t" in line:
            cells = line.split("\t")
            if table and len(cells) != len(table[0]):
                flush()
            table.append(cells)
            continue
        flush()
        out.append(line)
    flush()
    return out


# --- the 2024 form ---------------------------------------------------------------------


def _header_2024(r: Report, rnd: random.Random, L: list[str]) -> None:
    L += ["Statsforvalteren i Nordland", "", r.title, "", "Behovsmeldingen gjelder:", ""]
    options = [(w.SCHEME_LABELS[s], s in r.schemes) for s in w.SCHEME_ROWS]
    L += [bold_choice(options, r.schemes_visible), ""]
    if r.network_label and r.network_inline:
        L.append(f"Eier: {r.owner_written} {r.network_label}")
    else:
        owner = f"**{r.owner_written}**" if rnd.random() < 0.6 else r.owner_written
        L.append(f"Eier: {owner}")
        if r.network_label:
            L.append(r.network_label)
    uh = " og ".join(u.header for u in r.uhs)
    L += ["", f"Universitet/Høgskole: {f'**{uh}**' if rnd.random() < 0.6 else uh}"]
    co, cu = r.contact_owner, r.contact_uh
    L += ["", f"Kontaktpersoner: {co.name} og {cu.name}", ""]
    L += [
        "\tEier\tUH",
        f"Navn\t{co.name}\t{cu.name}",
        f"Funksjon\t{co.function}\t{cu.function}",
        f"Telefon\t{co.phone}\t{cu.phone}",
        f"E-post\t{co.email}\t{cu.email}",
        "",
    ]
    several_owners = any(p.role == "eier" for p in r.partners[1:])
    L.append(
        "Partnerskapet består av flere eiere? " + yes_no(several_owners, rnd, " (se liste nederst)")
    )
    L.append(
        "Partnerskapet består av flere UH? " + yes_no(len(r.uhs) > 1, rnd, " (se liste nederst)")
    )


def _budget_2024(r: Report, L: list[str]) -> None:
    L += ["", f"Total sum det meldes behov for {r.year}", "", "Ordning\tEier\tUH\tTotalt"]
    for row in r.rows:
        L.append("\t".join([w.SCHEME_LABELS[row.scheme], *_cells(row, r)]))
    s = r.sum_row
    L.append("\t".join(["Sum", *(amount(v, r.cell_style) for v in (s.owner, s.uh, s.total))]))
    L.append("")


def _measure_2024(m: Measure, r: Report, rnd: random.Random, L: list[str]) -> None:
    if m.glued:
        L.append(f"**Tiltak {m.number}**Navn på tiltak: **{m.name}**")
    else:
        L += [f"Tiltak {m.number}", "", f"Navn på tiltak: **{m.name}**"]
    uh_head = f"UH ({m.uh_ref.short})" if m.uh_note else "UH"
    L += [
        "",
        "Tilskuddet fordeles",
        "",
        f"Eier\t{uh_head}\tSum totalt",
        "\t".join(amount(v, r.measure_style) for v in (m.owner, m.uh, m.total)),
        "",
        f"Hva skal tilskuddet brukes til? {m.purpose[0]}",
        "",
        "Hvordan er tiltaket forankret i den enkelte barnehage og skole?",
        "",
        *m.text,
        "",
        "Beskriv hvordan tiltaket styrker profesjonsfellesskapet",
        "",
        rnd.choice(w.NEUTRAL),
        "",
    ]
    if rnd.random() < 0.5:
        L += ["Eiers tilskudd skal brukes på følgende måte", "", rnd.choice(w.OWNER_USES), ""]
        L += ["UH sitt tilskudd skal brukes på følgende måte", "", rnd.choice(w.UH_USES), ""]
    L += [
        "Trengs det midler til koordinator for tiltaket? **Nei**",
        "",
        f"Tiltakets varighet {terms_bold(m)}",
        "",
        "Hvem er målgruppa for tiltaket?",
        "",
        m.target[0],
        "",
    ]


def _partner_list_tabs(r: Report, L: list[str]) -> None:
    if not r.partner_list:
        return
    L += [
        "**Liste over andre eiere og UH i partnerskapet**",
        "",
        "\tNavn på eier/UH\tKontaktperson\tEier/UH",
    ]
    for k, p in enumerate(r.partners, start=1):
        L.append(f"{k}\t{p.name}\t{p.contact.name}\t{'Eier' if p.role == 'eier' else 'UH'}")
    L.append("")


def _union_and_units_tabs(r: Report, rnd: random.Random, L: list[str]) -> None:
    L.append(f"Behovsmeldingen har vært drøftet i medbestemmelse {yes_no(r.union_held, rnd)}")
    L.append("")
    if r.unions:
        L += ["Hvem som har deltatt:", "", "Rolle\tNavn"]
        L += [f"{prefix}{union}\t{who.name}" for prefix, union, who in r.unions]
        L.append("")
    L += ["Hvor mange enheter er inkludert i behovsmeldingen?", "", rnd.choice(_UNIT_HEADERS)]
    L.append("\t".join("X" if v is None else str(v) for v in r.units.values()))


def form2024(r: Report, rnd: random.Random) -> list[str]:
    L: list[str] = []
    _header_2024(r, rnd, L)
    L.append(
        "Leverer partnerskapet behovsmelding i flere ordninger? " + yes_no(len(r.schemes) > 1, rnd)
    )
    L.append(f"Totalt antall tiltak det er behov for tilskudd til? **{len(r.measures)}**")
    L.append(
        f"Ønsker partnerskapet å videreføre behovsmelding fra {r.year - 1}? {yes_no(False, rnd)}"
    )
    _budget_2024(r, L)
    for m in r.measures:
        _measure_2024(m, r, rnd, L)
    _partner_list_tabs(r, L)
    _union_and_units_tabs(r, rnd, L)
    return L


def continuation(r: Report, rnd: random.Random) -> list[str]:
    L: list[str] = []
    _header_2024(r, rnd, L)
    L.append(f"Totalt antall tiltak det er behov for tilskudd til? {len(r.measures)}")
    choice = yes_no(True, rnd) if r.continuation_visible else "Ja Nei"
    L.append(f"Ønsker partnerskapet å videreføre behovsmelding fra {r.year - 1}? {choice}")
    L.append("Ved ja fylles tiltakene ikke ut på nytt; skriv heller kort om framdriften.")
    _budget_2024(r, L)
    source = r.continues.year
    L += [
        f"Ved videreføring av tiltak - {r.heading_abbreviation}",
        "",
        f"Tiltak fra {source} som videreføres (nummer som i meldingen for {source})",
    ]
    L += [f"Tiltak {m.number}: {m.name}" for m in r.measures]
    L += ["", "Kort redegjørelse for fremdriften i tiltakene", ""]
    for m in r.measures:
        L += [f"Tiltak {m.number}: {m.name}", *m.text, ""]
    L.append("Økonomi")
    for label, attr in (("Ønsket sum eier", "owner"), ("Ønsket sum UH", "uh")):
        L.append(label)
        values = [getattr(m, attr) for m in r.measures]
        L += [
            f"Tiltak {m.number}: {amount(v, 'space_dash')}"
            for m, v in zip(r.measures, values, strict=True)
        ]
        L.append(f"Totalt: {amount(sum(values), 'space_dash')}")
    L += ["Ønsket sum til koordinator", "Ikke aktuelt i år."]
    L += [f"Varighet {terms_bold(r.measures[0])}", ""]
    _partner_list_tabs(r, L)
    _union_and_units_tabs(r, rnd, L)
    return L


# --- the 2026 form -------------------------------------------------------------------------


def _budget_label(m: Measure) -> list[str]:
    """'Tiltak 2: Skriving på' / 'mellomtrinnet' when the label wraps, else one line."""
    words = m.name.split()
    if m.wrap is None:
        return [f"Tiltak {m.number}: {m.name}"]
    return [
        f"Tiltak {m.number}: {' '.join(words[: m.wrap])}",
        " ".join(words[m.wrap :]),
        "",
    ]


def _wrap_row(text: str, rnd: random.Random) -> list[str]:
    """A long partner row broken over two lines, as a flattened table cell wraps."""
    words = text.split()
    if len(words) < 7 or rnd.random() < 0.5:
        return [text]
    cut = rnd.randrange(3, len(words) - 3)
    return [" ".join(words[:cut]), " ".join(words[cut:])]


def form2026(r: Report, rnd: random.Random) -> list[str]:
    m1 = r.measures[0]
    co, cu = r.contact_owner, r.contact_uh
    sectors = [("Barnehage", "barnehage"), ("Grunnskole", "grunnskole"), ("Begge deler", "begge")]
    L = [
        "",
        r.title,
        "kompetanseutvikling i barnehage og",
        "grunnskole",
        "",
        f"TILTAK 1: {m1.name.upper()}",
        "",
        "Behovsmeldingen gjelder:",
        "",
        "   ".join(f"{label} {BOX[r.sector == s]}" for label, s in sectors),
        "",
        f"Eier: {r.owner_written}",
    ]
    if r.network_label:
        L += ["", r.network_label]
    uh = " og ".join(u.header for u in r.uhs)
    L += [
        "",
        f"Kompetansemiljø: {uh}",
        "",
        f"Kontaktpersoner: {co.name}",
        "",
        " Eier UH",
        "",
        f"Navn {co.name} {cu.name}",
        f"Funksjon {co.function} {cu.function}",
        "",
    ]
    several = any(p.role == "eier" for p in r.partners[1:])
    L.append(
        f"Partnerskapet består av flere eiere? Ja {BOX[several]} (se liste) Nei {BOX[not several]}"
    )
    two = len(r.uhs) > 1
    L.append(
        f"Partnerskapet består av flere kompetansemiljø? Ja {BOX[two]} (se liste) "
        f"Nei {BOX[not two]}"
    )
    cont = bool(r.continuation)
    L.append(
        f"Vil partnerskapet videreføre behovsmelding fra {r.year - 1}? "
        f"Ja {BOX[cont]} Nei {BOX[not cont]}"
    )
    a = r.measure_style
    L += ["", f"Total sum det meldes behov for {r.year}", "", " Eier UH Totalt"]
    for m in r.measures:
        money = f"{amount(m.owner, a)} {amount(m.uh, a)} ({m.uh_ref.short}) {amount(m.total, a)}"
        label = _budget_label(m)
        if m.wrap is None:
            L.append(f"{label[0]} {money}")
        else:
            L += [*label, money]
        L.append("")
    s = r.sum_row
    L.append(f"Sum  {amount(s.owner, a)}   {amount(s.uh, a)} {amount(s.total, a)}")
    L += [" Ev. kommentar fra innsender", rnd.choice(w.NEUTRAL), ""]
    phases = [
        ("Analyse/vurdering av behov", "analyse"),
        ("Planlegging av tiltak", "planlegging"),
        ("Gjennomføring av tiltak", "gjennomforing"),
    ]
    L += ["1. Vurdering av behov", *m1.text, ""]
    L += [
        "Hvilke(n) fase(r) er partnerskapet i",
        boxes([(label, p in r.phases) for label, p in phases], before=True),
        "",
    ]
    L += ["2. Plan for partnerskap", *rnd.sample(w.NEUTRAL, 2), ""]
    L += ["3. Eiers egeninnsats:", rnd.choice(w.OWNER_USES), ""]
    L += ["4. Vurdering av måloppnåelse", rnd.choice(w.NEUTRAL), ""]
    L += ["5. Målgruppe", m1.target[0], ""]
    uh_use, owner_use = rnd.choice(w.UH_USES), rnd.choice(w.OWNER_USES)
    L += [
        "6. Økonomi og varighet",
        f"Budsjett som eget vedlegg: ja{BOX[False]} nei{BOX[True]}",
        f"UH: {amount(m1.uh, a)} til {uh_use[0].lower()}{uh_use[1:]}",
        f"Eier: {amount(m1.owner, a)} til {owner_use[0].lower()}{owner_use[1:]}",
        f"Totalt Eier + UH: {amount(m1.total, a)}",
        "Tiltakets varighet",
        " " + boxes([(t.label, t.chosen) for t in m1.terms]),
        "",
    ]
    further = [("Ja", "ja"), ("Nei", "nei"), ("Vet ikke", "vet_ikke")]
    sami = [("Ja", "ja"), ("Nei", "nei"), ("Vurdert ikke relevant", "ikke_relevant")]
    L += [
        "7. Annet",
        "Er behovsmeldingen sett i sammenheng med videreutdanning?",
        boxes([(label, v == r.further_education) for label, v in further]),
        "De samiske perspektivene er ivaretatt i behovsmeldingen?",
        boxes([(label, v == r.sami) for label, v in sami]),
        "",
        "Liste over andre eiere og kompetansemiljø i partnerskapet",
        " Navn på eier/UH Kontaktperson Eier/UH",
    ]
    for k, p in enumerate(r.partners, start=1):
        role = "Eier" if p.role == "eier" else "UH"
        L += _wrap_row(f"{k} {p.name} {p.contact.name} {role}", rnd)
    held = bool(r.union_held)
    L += [
        "",
        f"Behovsmeldingen har vært drøftet i medbestemmelse: Ja {BOX[held]} Nei {BOX[not held]}",
    ]
    if r.unions:
        L += ["Hvem som har deltatt:", "Rolle Navn"]
        L += [f"{prefix}{union} {who.name}" for prefix, union, who in r.unions]
    L.append("Hvor mange enheter er inkludert i behovsmeldingen?")
    if rnd.random() < 0.5:
        L += ["Kommunale", "barnehager", "Private", "barnehager"]
        L.append("Offentlige skoler Private skoler PP-tjeneste")
    else:
        L.append(
            "Kommunale barnehager Private barnehager Offentlige skoler Private skoler PP-tjeneste"
        )
    L.append(" ".join(str(v) for v in r.units.values()))
    return L


# --- the web form --------------------------------------------------------------------------


def webform(r: Report, rnd: random.Random) -> list[str]:
    m = r.measures[0]
    co, cu = r.contact_owner, r.contact_uh
    sector = {"grunnskole": "Grunnskole", "barnehage": "Barnehage", "begge": "Begge deler"}
    phases = {
        "analyse": "Analyse av behov",
        "planlegging": "Planlegging av tiltak",
        "gjennomforing": "Gjennomføring av tiltak",
    }
    yes = {True: "Ja", False: "Nei"}
    answers = {
        "ja": "Ja",
        "nei": "Nei",
        "vet_ikke": "Vet ikke",
        "ikke_relevant": "Vurdert ikke relevant",
    }
    L = [
        "",
        r.title,
        "",
        f"Epost: {co.email}",
        "",
        f"Gjelder: {sector[r.sector]}",
        "",
        f"eierkontakt: {r.owner.name}, {co.name}, {co.function.lower()},",
        "",
        f"kompetansekontakt: {r.uhs[0].name}, {cu.name}, {cu.function.lower()}, ",
        "",
        "Partnerskapeiere: Nei",
        "",
        "flereeiere: Nei",
        "",
        "flerekompetansemiljø: Nei",
        "",
        f"viderføre: {yes[bool(r.continuation)]}",
        "",
        f"kommentar: {rnd.choice(w.NEUTRAL)}",
        "",
        f"skriv her: {r.need_text or rnd.choice(w.NEUTRAL)}",
        "",
        f"Fase: {', '.join(phases[p] for p in r.phases)}",
        "",
        f"skrivher: {m.text[0]}",
        *m.text[1:],
        "",
        f"skrivher: {rnd.choice(w.OWNER_USES)}",
        "",
        f"skrivher: {rnd.choice(w.NEUTRAL)}",
        "",
        f"skrivher: {m.target[0]}.",
        "",
        "budsjett: Nei",
        "",
        _SCHOOL_YEAR_LINE.format(y=r.year, z=r.year + 1),
        "",
        f"Sum skoleeier: kr. {amount(m.owner, 'space_dash')}",
        "",
        f"Sum UH: kr. {amount(m.uh, 'space_dash')} (inkludert reise til enhetene)",
        "",
        f"Samlet: kr. {amount(m.total, 'space_dash')}",
        "",
        "budsjettfil: ",
        "",
        f"varighet: {', '.join(t.label for t in m.terms)}",
        "",
        "koordinator: kr. 0,-",
        "",
        f"Begrunnelse: {rnd.choice(w.NEUTRAL)}",
        "",
        f"sammenheng: {answers[r.further_education]}",
        "",
        f"samisk: {answers[r.sami]}",
        "",
        f"medbestemmelse: {yes[bool(r.union_held)]}",
        "",
    ]
    keys = ("offbhg", "privatebhg", "offskoler", "privateskoler", " PPT")
    L += [f"{key}: {v}" for key, v in zip(keys, r.units.values(), strict=True)]
    L += ["", "listedeltakere: "]
    return L


# --- the letter ----------------------------------------------------------------------------


def letter(r: Report, rnd: random.Random) -> list[str]:
    owner = r.owner.name
    if r.letter_mode == "continue":
        first = (
            f"{owner} ønsker å videreføre partnerskapet med {r.uhs[0].name}. Samarbeidet "
            f"startet høsten {r.year - 2}, og arbeidet er godt i gang."
        )
    elif r.letter_mode == "start":
        first = (
            f"{owner} ønsker å starte et samarbeid med {r.uhs[0].name} om "
            f"kompetanseutvikling fra høsten {r.year}."
        )
    else:
        first = (
            f"{owner} ønsker å komme i gang med et partnerskap, men har ennå ikke avklart "
            "hvilket fagmiljø som skal delta."
        )
    L = [f" {r.title}", "", first, "\u00a0"]
    paragraphs = list(r.paragraphs)
    if r.uhs:
        paragraphs.append(f"Vi ønsker at {r.uhs[0].short} er med i planleggingen av arbeidet.")
    for k, p in enumerate(paragraphs, start=1):
        L += [f"{k}. {p}", "\u00a0"]
    L += ["", "Med vennlig hilsen", r.contact_owner.name, r.contact_owner.function, owner]
    return L


__all__ = ["amount", "lines", "markdown", "pipe_tables", "text"]
