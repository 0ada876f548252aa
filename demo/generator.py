"""`kompetansekart demo`: N synthetic needs reports and their ground truth.

    generate(Path("demo-corpus"), n=1000, seed=7, formats=("txt", "md"))

writes `demo-corpus/reports/<nnnnn>-<layout>-<owner>[-<year>].<ext>` and
`demo-corpus/truth.json` (format: demo/README.md). The same N, seed and formats give
byte-identical files. The steps:

1. `plan.plan()` decides every fact of every report (owners, networks, UH, years,
   measures, amounts, people, planted problems) with one `random.Random(seed)`;
2. `layouts.lines()` renders each report from templates; a .md report gets pipe tables,
   a .docx or .pdf one is made by the writers in demo/docx_writer.py and
   demo/pdf_writer.py from the same lines (imported only when asked for);
3. `expected_view()` reads the record each report should parse to off the plan (never off
   a parse), and the corpus facts (mismatches, overlaps, gaps, continuations) are derived
   from those views and the plan.
"""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kompetansekart.demo import layouts
from kompetansekart.demo.plan import LAYOUTS, Corpus, Report, plan, slug
from kompetansekart.demo.truth import failing_checks
from kompetansekart.demo.world import World

FORMATS = ("txt", "md", "docx", "pdf")
TEXT_FORMATS = ("txt", "md")
TRUTH_FILE = "truth.json"
REPORTS_DIR = "reports"
TRUTH_VERSION = 1
_OURS = re.compile(r"^\d{5,}-[a-z0-9-]+\.(txt|md|docx|pdf)$")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class DemoError(ValueError):
    """A request the generator cannot carry out; the message says what to do."""


Writer = Callable[[Sequence[str], Path], Path]


def writer_for(fmt: str) -> Writer:
    """The .docx or .pdf writer, imported on first use; DemoError names the problem."""
    try:
        if fmt == "docx":
            from kompetansekart.demo.docx_writer import write_docx

            return write_docx
        if fmt == "pdf":
            from kompetansekart.demo.pdf_writer import register_fonts, write_pdf

            register_fonts()
            return write_pdf
    except Exception as exc:  # a missing module, library or font
        raise DemoError(
            f"cannot write .{fmt} reports: {type(exc).__name__}: {exc}. "
            f"Choose other formats with --formats (e.g. --formats txt,md)."
        ) from exc
    raise DemoError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def default_formats() -> tuple[str, ...]:
    """All four formats when both writers import, else the text formats."""
    try:
        for fmt in ("docx", "pdf"):
            writer_for(fmt)
    except DemoError:
        return TEXT_FORMATS
    return FORMATS


def parse_formats(text: str) -> tuple[str, ...]:
    """'txt,md,docx' -> ('txt', 'md', 'docx'); DemoError for unknown or empty lists."""
    names = (f.strip().lower().lstrip(".") for f in text.split(","))
    found = tuple(dict.fromkeys(f for f in names if f))
    unknown = [f for f in found if f not in FORMATS]
    if unknown or not found:
        raise DemoError(
            f"unknown format(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}"
        )
    return found


def parse_layouts(text: str) -> tuple[str, ...]:
    """'variant' -> ('variant',); 'form2024, variant' -> ('form2024', 'variant');
    DemoError for unknown names, an empty list, or a continuation without form2024 (the
    reports it continues)."""
    names = (f.strip().lower() for f in text.split(","))
    found = tuple(dict.fromkeys(f for f in names if f))
    unknown = [f for f in found if f not in LAYOUTS]
    if unknown or not found:
        raise DemoError(
            f"unknown layout(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(LAYOUTS)}"
        )
    if "continuation" in found and "form2024" not in found:
        raise DemoError("a continuation continues a form2024 report: add form2024 to --layouts")
    return found


# --- the expected record -------------------------------------------------------------------


def _owner(r: Report) -> dict:
    return {"name": r.owner.name, "id": r.owner.id}


def _budget(r: Report) -> list[dict]:
    return [
        {
            "scheme": row.scheme,
            "label": row.label,
            "owner_amount": row.owner,
            "uh_amount": row.uh,
            "total_stated": row.total,
        }
        for row in r.rows
        if not row.blank
    ]


def _budget_sum(r: Report) -> dict | None:
    s = r.sum_row
    return {"owner_amount": s.owner, "uh_amount": s.uh, "total_stated": s.total} if s else None


def _partners(r: Report) -> tuple[list[str], list[str]]:
    if r.layout == "variant" and not r.partner_list:  # the header's owner and UH(s)
        shown = r.partners[:1] + [p for p in r.partners if p.role == "uh"]
    elif r.layout in ("form2024", "continuation", "form2026") and not r.partner_list:
        shown = [r.partners[0], next(p for p in r.partners if p.role == "uh")]
    else:
        shown = r.partners
    return [p.name for p in shown], [p.role for p in shown]


def _measures(r: Report) -> list[dict]:
    out = []
    for k, m in enumerate(r.measures):
        attached = k == 0  # the 2026 form's attachment describes measure 1
        if r.layout == "form2026":
            terms = m.chosen_terms if attached else []
            groups = list(m.target[1]) if attached else []
        else:
            terms = m.chosen_terms
            groups = list(m.target[1]) if m.target else []
        # an unnumbered measure (a variant's 'DEL n TILTAK' part) is numbered by its place,
        # as the parser does (with an info diagnostic): measures are matched by number
        number = k + 1 if m.number is None and r.layout == "variant" else m.number
        out.append(
            {
                "number": number,
                "name": m.name,
                "scheme": m.scheme,
                "owner_amount": m.owner,
                "uh_amount": m.uh,
                "total_stated": None if r.layout == "continuation" else m.total,
                "terms": terms,
                "continued": m.continued,
                "purpose": m.purpose[1] if m.purpose else None,
                "themes": list(m.themes),
                "target_groups": groups,
            }
        )
    return out


def _warnings(r: Report) -> list[str]:
    """The fields the parser must warn about (a subset: others may warn too)."""
    found = []
    if r.layout in ("form2026", "webform"):
        found.append("schemes")  # the merged form and the web form name no scheme
    if r.layout == "form2024" and not r.schemes_visible:
        found.append("schemes")
    if r.layout == "continuation" and not r.continuation_visible:
        found.append("continuation")
    if r.planted in ("row-total", "measure-row-total"):
        found.append("budget")
    if r.planted in ("measure-total", "variant-total"):
        found.append("measures")
    if any(v is None for v in r.units.values()):
        found.append("units")
    if r.layout == "letter":
        found.append("year")
        if not r.schemes:
            found.append("schemes")
        if not r.uhs:
            found.append("uh")
    return sorted(found)


def _needs(r: Report) -> list[str]:
    """The themes the report states as needs: the web form's needs answer; in the forms
    the background text of each measure, whose theme sentences name its other themes (the
    measure's name carries the first). A continuation's text is a progress account, not a
    needs assessment, and the letters' paragraphs name no theme."""
    if r.layout == "webform":
        return list(r.needs)
    if r.layout in ("letter", "continuation"):
        return []
    measures = r.measures[:1] if r.layout == "form2026" else r.measures
    return list(dict.fromkeys(t for m in measures for t in m.themes[1:]))


def _sector(r: Report) -> str | None:
    """The sector a reader takes: the one the report states, else, for a report for the
    regional scheme alone, barnehage, since that scheme is for kindergartens
    (../shared/design/DOMAIN.md; the reader says so with an info 'sector-from-scheme')."""
    if r.sector is None and list(r.schemes) == ["regional"]:
        return "barnehage"
    return r.sector


def expected_view(r: Report) -> dict:
    """The record report `r` should parse to, in the vocabulary of demo/truth.py."""
    if r.layout == "variant":
        return variant_view(r)
    names, roles = _partners(r)
    letter = r.layout == "letter"
    form = r.layout in ("form2024", "continuation", "form2026")
    units = dict.fromkeys(("kommunale_barnehager", "private_barnehager", "offentlige_skoler"))
    units |= {"private_skoler": None, "ppt": None}
    return {
        "layout": "form" if form else r.layout,
        "year": None if letter else r.year,
        "schemes": list(r.schemes),
        "sector": _sector(r),
        "continuation": r.continuation,
        "continues_year": r.year - 1 if form and r.continuation else None,
        "phases": list(r.phases),
        "needs": _needs(r),
        "owner": _owner(r),
        "network_id": r.network_id,
        "uh_ids": [u.id for u in r.uhs],
        "budget": _budget(r),
        "budget_sum": _budget_sum(r),
        "measures": _measures(r),
        "partner_names": names,
        "partner_roles": roles,
        "union_held": r.union_held,
        "unions": [union for _, union, _ in r.unions],
        "units": units if letter else dict(r.units),
        "sami_perspective": r.sami,
        "linked_to_further_education": r.further_education,
        "warning_fields": _warnings(r),
    }


def variant_view(r: Report) -> dict:
    """What a careful reader takes from a variant report. Every value is visible in
    every shape, so the keys are those of the other layouts except `layout` (the name of
    a layout is the parser's own label, and a variant has none). A question the form does
    not ask (sector, phases, Sami perspective, further education) is null or []; a
    measure under a heading without a number is numbered by its place."""
    names, roles = _partners(r)
    return {
        "year": r.year,
        "schemes": list(r.schemes),
        "sector": _sector(r),
        "continuation": r.continuation,
        "continues_year": r.year - 1 if r.continuation else None,
        "phases": list(r.phases),
        "needs": _needs(r),
        "owner": _owner(r),
        "network_id": r.network_id,
        "uh_ids": [u.id for u in r.uhs],
        "budget": _budget(r),
        "budget_sum": _budget_sum(r),
        "measures": _measures(r),
        "partner_names": names,
        "partner_roles": roles,
        "union_held": r.union_held,
        "unions": [union for _, union, _ in r.unions],
        "units": dict(r.units),
        "sami_perspective": r.sami,
        "linked_to_further_education": r.further_education,
        "warning_fields": _warnings(r),
    }


# --- corpus facts --------------------------------------------------------------------------


def _mismatches(corpus: Corpus, views: dict[str, dict]) -> list[dict]:
    out = []
    for r in corpus.reports:
        for check in failing_checks(views[r.file]):
            out.append({"report": r.file, **check, "planted": r.planted})
    return out


def _dated(corpus: Corpus, views: dict[str, dict]) -> Iterator[tuple[Report, int, dict]]:
    """(report, year, expected view) of every report that states a year: the owner-year
    facts (overlaps, unaddressed needs) are about those, as the queries are."""
    for r in corpus.reports:
        view = views[r.file]
        if view["year"] is not None:
            yield r, view["year"], view


def _fact(key: tuple[str, int, str], planted: set, owners: dict[str, str]) -> dict:
    """The owner-year-theme head every such fact in truth.json starts with."""
    owner, year, theme = key
    return {
        "owner_id": owner,
        "owner": owners[owner],
        "year": year,
        "theme": theme,
        "planted": key in planted,
    }


def _overlaps(corpus: Corpus, views: dict[str, dict]) -> list[dict]:
    """Every owner with two or more measures on one theme in one year, planted or not."""
    groups: dict[tuple[str, int, str], list[dict]] = defaultdict(list)
    for r, year, view in _dated(corpus, views):
        for m in view["measures"]:
            for theme in m["themes"]:
                groups[(r.owner.id, year, theme)].append(
                    {"report": r.file, "number": m["number"], "name": m["name"]}
                )
    planted = set(corpus.overlaps)
    owners = {r.owner.id: r.owner.name for r in corpus.reports}
    return [
        _fact(key, planted, owners) | {"measures": ms}
        for key, ms in sorted(groups.items())
        if len(ms) >= 2
    ]


def _unaddressed_needs(corpus: Corpus, views: dict[str, dict]) -> list[dict]:
    """Every stated need no measure of the same owner and year addresses, in any report
    (the catalog query themes-without-measures); planted: the web form's gap sentence."""
    addressed: set[tuple[str, int, str]] = set()
    stated: dict[tuple[str, int, str], list[str]] = defaultdict(list)
    planted = set()
    for r, year, view in _dated(corpus, views):
        for m in view["measures"]:
            addressed.update((r.owner.id, year, t) for t in m["themes"])
        for theme in view["needs"]:
            stated[(r.owner.id, year, theme)].append(r.file)
        planted.update((r.owner.id, r.year, t) for t in r.needs)
    owners = {r.owner.id: r.owner.name for r in corpus.reports}
    return [
        _fact(key, planted, owners) | {"reports": files}
        for key, files in sorted(stated.items())
        if key not in addressed
    ]


def _continuations(corpus: Corpus) -> list[dict]:
    return [
        {
            "report": r.file,
            "continues": r.continues.file,
            "owner_id": r.owner.id,
            "year": r.year,
            "continues_year": r.continues.year,
            "measures": [m.number for m in r.measures],
        }
        for r in corpus.reports
        if r.continues is not None
    ]


def _gaps(corpus: Corpus) -> tuple[list[dict], list[dict]]:
    """Municipalities in no report at all (neither owner nor listed partner), and networks
    none of whose members is in a report with a university or unit."""
    world = World.load()
    present: set[str] = set()
    with_uh: set[str] = set()
    for r in corpus.reports:
        listed = r.partner_list or r.layout in ("webform", "letter")
        shown = r.partners if listed else r.partners[:1]
        ids = {p.org_id for p in shown if p.municipality} | {r.owner.id}
        present |= ids
        if r.uhs:
            with_uh |= ids
    gaps = [
        {"id": m.id, "name": m.name, "network": m.network}
        for m in world.municipalities
        if m.id not in present
    ]
    networks = []
    for net in sorted(world.networks.values(), key=lambda n: n.id):
        members = [m.id for m in world.municipalities if m.network == net.id]
        if any(m in with_uh for m in members):
            continue
        reason = (
            "members take part only in reports without a university"
            if any(m in present for m in members)
            else "no member takes part in any report"
        )
        networks.append(
            {
                "id": net.id,
                "name": net.name,
                "members": len(members),
                "planted": net.id == corpus.no_uh_network,
                "reason": reason,
            }
        )
    return gaps, networks


# --- writing -------------------------------------------------------------------------------


@dataclass
class Summary:
    out: Path
    reports: int
    seconds: float
    layouts: Counter = field(default_factory=Counter)
    formats: Counter = field(default_factory=Counter)
    mismatches: int = 0
    overlaps: int = 0
    unaddressed: int = 0

    def line(self) -> str:
        lay = ", ".join(f"{k} {v}" for k, v in sorted(self.layouts.items()))
        fmt = ", ".join(f"{k} {v}" for k, v in sorted(self.formats.items()))
        return (
            f"{self.reports} reports in {self.out / REPORTS_DIR} ({lay}; {fmt}), truth in "
            f"{self.out / TRUTH_FILE}; {_count(self.mismatches, 'budget mismatch', 'es')}, "
            f"{_count(self.overlaps, 'overlap')}, {_count(self.unaddressed, 'unaddressed need')}; "
            f"{self.seconds:.1f} s"
        )


def _count(n: int, noun: str, plural: str = "s") -> str:
    return f"{n} {noun}{'' if n == 1 else plural}"


def file_name(r: Report, width: int) -> str:
    owner = slug(r.owner.name.removesuffix(" kommune"))
    year = "" if r.layout == "letter" else f"-{r.year}"
    return f"{r.index + 1:0{width}d}-{r.variant}-{owner}{year}.{r.fmt}"


def _prepare(out: Path, force: bool) -> Path:
    if out.exists() and not out.is_dir():
        raise DemoError(f"{out} is a file, not a folder")
    if out.is_dir() and any(out.iterdir()):
        if not force:
            raise DemoError(
                f"{out} is not empty; choose a new folder or pass --force to write into it"
            )
        reports = out / REPORTS_DIR
        if reports.is_dir():  # our own earlier reports: a smaller N must not leave extras
            for old in reports.iterdir():
                if old.is_file() and _OURS.match(old.name):
                    old.unlink()
    reports = out / REPORTS_DIR
    reports.mkdir(parents=True, exist_ok=True)
    return reports


def _fixed_zip(path: Path) -> None:
    """Rewrite a .docx with fixed member times, so the same text gives the same bytes."""
    with zipfile.ZipFile(path) as z:
        members = [(info, z.read(info)) for info in z.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, _ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            z.writestr(fixed, data)
    path.write_bytes(buffer.getvalue())


def _write(r: Report, path: Path, writers: dict[str, Writer]) -> None:
    if r.fmt in TEXT_FORMATS:
        path.write_bytes(layouts.text(r).encode("utf-8"))
        return
    writers[r.fmt](layouts.lines(r), path)
    if r.fmt == "docx":
        _fixed_zip(path)


def _json_list(items: list[dict]) -> str:
    """A JSON list with one item per line: valid JSON that diffs well and loads fast."""
    if not items:
        return "[]"
    body = ",\n".join(json.dumps(item, ensure_ascii=False, sort_keys=False) for item in items)
    return "[\n" + body + "\n]"


def generate(
    out: Path,
    n: int,
    seed: int,
    formats: Sequence[str] = TEXT_FORMATS,
    *,
    force: bool = False,
    layouts: Sequence[str] = LAYOUTS,
) -> Summary:
    """Write N reports and truth.json into `out` (see the module doc); `layouts` limits
    the corpus to those layouts (e.g. only variants)."""
    started = time.perf_counter()
    if n < 1:
        raise DemoError("--reports must be at least 1")
    formats = tuple(formats)
    writers = {fmt: writer_for(fmt) for fmt in formats if fmt not in TEXT_FORMATS}
    reports_dir = _prepare(Path(out), force)
    try:
        corpus = plan(n, seed, formats, tuple(layouts))
    except ValueError as exc:
        raise DemoError(str(exc)) from exc
    width = max(5, len(str(n)))
    for r in corpus.reports:
        r.file = file_name(r, width)
    views = {r.file: expected_view(r) for r in corpus.reports}
    for r in corpus.reports:
        _write(r, reports_dir / r.file, writers)
    mismatches = _mismatches(corpus, views)
    overlaps = _overlaps(corpus, views)
    gaps, networks = _gaps(corpus)
    unaddressed = _unaddressed_needs(corpus, views)
    summary = Summary(
        Path(out),
        n,
        0.0,
        mismatches=len(mismatches),
        overlaps=len(overlaps),
        unaddressed=len(unaddressed),
    )
    for r in corpus.reports:
        summary.layouts[r.variant] += 1
        summary.formats[r.fmt] += 1
    meta = {
        "generator": "kompetansekart demo",
        "truth_version": TRUTH_VERSION,
        "seed": seed,
        "reports": n,
        "formats": list(formats),
        "reports_dir": REPORTS_DIR,
        "layouts": dict(sorted(summary.layouts.items())),
        "files_per_format": dict(sorted(summary.formats.items())),
    }
    files = [_file_entry(r, views[r.file]) for r in corpus.reports]
    parts = [
        f'{{\n"meta": {json.dumps(meta, ensure_ascii=False)},\n',
        f'"files": {_json_list(files)},\n',
        f'"mismatches": {_json_list(mismatches)},\n',
        f'"overlaps": {_json_list(overlaps)},\n',
        f'"continuations": {_json_list(_continuations(corpus))},\n',
        f'"unaddressed_needs": {_json_list(unaddressed)},\n',
        f'"gap_municipalities": {_json_list(gaps)},\n',
        f'"networks_without_uh": {_json_list(networks)}\n}}\n',
    ]
    (Path(out) / TRUTH_FILE).write_bytes("".join(parts).encode("utf-8"))
    summary.seconds = time.perf_counter() - started
    return summary


def _file_entry(r: Report, view: dict) -> dict:
    """A report's entry in truth.json; a variant's also says what was drawn on each axis."""
    entry = {
        "file": r.file,
        "format": r.fmt,
        "layout": r.variant,
        "planted": r.planted,
        "overlap": r.overlap,
    }
    if r.shape is not None:
        entry["variant"] = r.shape.to_json()
    entry["expected"] = view
    return entry


def load_truth(out: Path) -> dict:
    """truth.json of a generated folder."""
    return json.loads((Path(out) / TRUTH_FILE).read_text("utf-8"))
