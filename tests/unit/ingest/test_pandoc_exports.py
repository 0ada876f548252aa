"""A report converted to Markdown by pandoc from a county's Word template: its tables as
raw HTML with a row over several lines (a '<td>' per line), cells spanning columns and
rows, group headings over the columns' own labels ('Barnehager' over 'Kommunale |
Private'), headings with attributes ('{#tiltak-1 .tiltak}'), fenced divs and footnote
marks. The texts are written by these tests (municipality and university names are real,
the people and figures are not)."""

from __future__ import annotations

from reading import parse_text, unread

from kompetansekart.ingest.readers.html_text import html_lines
from kompetansekart.ingest.records import Line


def cells(*texts: str, tag: str = "td") -> str:
    return "\n".join(f"<{tag}{t[0]}>{t[1]}</{tag}>" for t in texts)


def table(*rows: str) -> str:
    return (
        "<table>\n<tbody>\n" + "\n".join(f"<tr>\n{r}\n</tr>" for r in rows) + "\n</tbody>\n</table>"
    )


REPORT = "\n".join(
    [
        "---",
        "title: Behovsmelding",
        "dato: 28.01.2026",
        "---",
        "",
        '::: {.custom-style="Ingress"}',
        "Beløp oppgis i hele kroner. Kryss av med",
        "☒ der det er aktuelt.",
        ":::",
        "",
        "## 1. Om behovsmeldingen {#om}",
        "",
        table(
            cells(("", "Eier"), ("", "Bamble kommune<br>Org.nr.&nbsp;940&nbsp;244&nbsp;145")),
            cells(("", "Ordning"), ("", "&#9746; Kompetanseløftet for spesialpedagogikk")),
            cells(("", "Behovet meldes for (år)"), ("", "2026")),
            cells(("", "UH"), ("", "Universitetet i Sørøst-Norge (USN)[^1]")),
        ),
        "",
        "### 4.1 Tiltak 1: Inkluderende barnehagefellesskap {#tiltak-1 .tiltak}",
        "",
        table(
            cells(("", "Målgruppe"), (' colspan="3"', "Styrere og pedagogiske ledere")),
            cells(
                (' rowspan="2"', "Økonomi 2026"),
                ("", "Eier"),
                ("", "UH (USN)"),
                ("", "Sum"),
                tag="th",
            ),
            cells(
                ("", "kr 180 000<br>(herav koordinator kr 40 000)"),
                ("", "320.000,-"),
                ("", "500 000"),
            ),
        ),
        "",
        "Koordinatoren (kr 40 000) ligger i eiers andel for tiltak 1.",
        "",
        "## 5. Samlet behov for 2026 {#budsjett}",
        "",
        table(
            cells((' rowspan="2"', "Ordning"), (' colspan="3"', "Behov 2026 (kr)"), tag="th"),
            cells(("", "Eier"), ("", "UH"), ("", "Sum"), tag="th"),
            cells(("", "Regional ordning (Rekomp)"), ("", "–"), ("", "–"), ("", "–")),
            cells(
                ("", "Kompetanseløftet"), ("", "kr 180 000"), ("", "kr 320 000"), ("", "kr 500 000")
            ),
            cells(("", "<strong>Sum</strong>"), ("", "180 000"), ("", "320 000"), ("", "500 000")),
        ),
        "",
        "## 6. Medbestemmelse {#andre}",
        "",
        table(
            cells(("", "Er behovsmeldingen drøftet med tillitsvalgte?"), ("", "☒ Ja ☐ Nei")),
            cells(
                ("", "Hvilke organisasjoner deltok?"),
                (
                    "",
                    "Utdanningsforbundet<br>Delta<br>(Skolenes landsforbund var invitert, "
                    "men meldte forfall)",
                ),
            ),
        ),
        "",
        "## 7. Enheter {#enheter}",
        "",
        table(
            cells(
                (' colspan="2"', "Barnehager"),
                (' colspan="2"', "Skoler"),
                (' rowspan="2"', "PP-tjeneste"),
                tag="th",
            ),
            cells(
                ("", "Kommunale"), ("", "Private"), ("", "Offentlige"), ("", "Private"), tag="th"
            ),
            cells(("", "6"), ("", "5"), ("", "8"), ("", "0"), ("", "1")),
        ),
        "",
        "[^1]: Institutt for pedagogikk.",
    ]
)


def test_a_pandoc_report_reads_its_html_tables(parser, tmp_path):
    r = parse_text(parser, tmp_path, REPORT, "bamble.md")
    assert r.year == 2026 and r.schemes == ["kompetanseloftet"]
    assert r.owner.id == "orgnr:940244145"
    m = r.measures[0]
    assert (m.number, m.name) == (1, "Inkluderende barnehagefellesskap")  # no '{#tiltak-1 …}'
    assert (m.owner_amount, m.uh_amount, m.total_stated, m.coordinator_amount) == (
        180_000,
        320_000,
        500_000,
        40_000,
    )
    assert [(b.scheme, b.owner_amount, b.uh_amount, b.total_stated) for b in r.budget] == [
        ("kompetanseloftet", 180_000, 320_000, 500_000)
    ]
    u = r.units
    assert (u.kommunale_barnehager, u.private_barnehager) == (6, 5)
    assert (u.offentlige_skoler, u.private_skoler, u.ppt) == (8, 0, 1)
    assert r.union_consultation.unions == ["Utdanningsforbundet", "Delta"]  # not who sent word
    assert not unread(r), unread(r)  # the instruction's ☒, the coordinator said again


def test_a_row_over_several_lines_is_one_line_of_cells():
    text = table(
        cells((' rowspan="2"', "A"), (' colspan="2"', "B"), tag="th"),
        cells(("", "c"), ("", "d")),
    )
    lines = [Line(k + 1, t) for k, t in enumerate(text.splitlines())]
    got = [(line.no, line.text) for line in html_lines(text, lines)]
    assert got == [(3, "A\tB\t"), (7, "\tc\td")]  # markup lines dropped, numbers kept


def test_pandoc_markup_is_no_text(tmp_path):
    from kompetansekart.ingest.readers import md

    path = tmp_path / "p.md"
    path.write_text(
        '::: {.custom-style="Ingress"}\nInnledning.\n:::\n\n'
        "## 4. Tiltak {#tiltak .del}\n\nPPT: 1[^4]\n\n[^4]: Felles PPT.\n",
        encoding="utf-8",
    )
    got = [(line.text, line.heading) for line in md.read(path).lines if line.text]
    assert got == [("Innledning.", 0), ("4. Tiltak", 2), ("PPT: 1", 0), ("Felles PPT.", 0)]
