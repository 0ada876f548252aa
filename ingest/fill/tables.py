"""Tables: what their header row says they hold, read with the same field handlers.

A table is read by what its header (its first row of labels) and its cells show:

* a **grid of marks**: a header of options ('Ja | Nei | Vet ikke', scheme names, terms,
  phases) over rows whose cells are marks (X, ✓, ☒) — the option is the column's header;
  each row is one question (its first cell, or the label just before the table) and is
  answered as if it were written 'Ja ☐ Nei ☒ Vet ikke ☐';
* a **header over one row of values** ('Kommunale barnehager | … | PP-tjenester' over
  '– | – | 44 | 0 | 1', or 'Eier (Bodø kommune) | UH (SePU) | Sum totalt' over amounts):
  each column is a label–value pair;
* the **contact table** (header 'Eier | UH', rows Navn, Funksjon, Telefon, E-post, Org. nr):
  each column is one organisation's contact;
* a **list of partners** (a column of roles Eier/UH): the partner list;
* **rows of money** (columns of owner, UH and total amounts): scheme rows ('Regional
  ordning'), measure rows ('Tiltak 2: …', or a number and a name column) and a Sum row;
  in the summary part they are the report's budget, elsewhere the measures' amounts;
* **rows of measures** (a name or number column with UH, terms, target groups): measures;
* the **union list** (in the union part or under its question): the unions named in it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace

from kompetansekart.ingest.cell_lines import ANSWER_HEADS
from kompetansekart.ingest.checkboxes import BOX, count_boxes
from kompetansekart.ingest.context import OWNER_KINDS, UH_KINDS
from kompetansekart.ingest.document import Document
from kompetansekart.ingest.fill.header import (
    add_contact,
    add_uh,
    add_unions,
    orgnr_in,
    set_contact,
    union_names,
)
from kompetansekart.ingest.fill.measures import measure_ref
from kompetansekart.ingest.fill.money_fields import ATTR, _an, _shares, _uh_of, _what
from kompetansekart.ingest.fill.sentences import owner_names, uh_names
from kompetansekart.ingest.fill.state import Scope, State, Summary
from kompetansekart.ingest.fill.values import (
    MEASURE_NEW,
    new_or_continued,
    option_set,
    person,
    terms_found,
)
from kompetansekart.ingest.form.model import BUDGET, Pair, Row, Table
from kompetansekart.ingest.labels import LabelMatch, split_note
from kompetansekart.ingest.money import (
    COORDINATOR,
    amounts_in,
    not_budget_reason,
    prose_money,
    read_money,
    roles_in,
)
from kompetansekart.ingest.records import BudgetRow, Contact, OrgRef, Partner, Role, UhShare
from kompetansekart.ingest.terms import find_terms, parse_term

Dispatch = Callable[[Pair], None]
_MARK = re.compile(r"^\s*(?:[xX✓✔☒☑■]|\*\*[xX]\*\*)\s*$")
_EMPTY_MARK = re.compile(r"^\s*[☐□✖]?\s*$")
_SUM = re.compile(
    r"^(?:sum|summen|totalt?|i alt|samla|samlet|til saman|tilsammen|totalsum)\b", re.I
)
_ROLE = {"eier": "eier", "eigar": "eier", "uh": "uh", "kompetansemiljø": "uh", "eier/uh": None}
_MONEY = ("owner_amount", "uh_amount", "total_amount", "coordinator_amount")


def read_table(f: State, table: Table, scope: Scope, dispatch: Dispatch) -> None:
    rows = [r for r in table.rows if any(c.strip() for c in r.cells)]
    if not rows:
        return
    if _measure_field_grid(f, table, rows, dispatch):
        return
    split = _scheme_matrix(f, rows)
    if split is not None:
        # one column group per scheme: a measures table with the scheme in a column of its
        # own, and a budget table of the sum row's groups
        for part in split:
            if len(part) > 1:
                read_table(f, replace(table, rows=part), scope, dispatch)
        return
    if _example_table(f, table):
        # 'Eksempelbudsjett fra veilederen – IKKE vårt' over a table: the guidance's
        # example, whose figures are never the report's (each is named as an example)
        for r in rows:
            f.aside([r.i], [a.value for cell in r.cells for a in amounts_in(cell)], "example")
        return
    if _earlier_measures(f, rows):
        # 'Nr | Tiltak 2025 | Eier | UH | Sum | Status': last year's measures, told as
        # history; their figures are no part of this year's need
        for r in rows[1:]:
            f.aside([r.i], [a.value for cell in r.cells for a in amounts_in(cell)], "earlier-grant")
        return
    rows = _marks_under(f, rows)
    segments = _question_rows(f, rows)
    if segments is not None:
        for question, marks in segments:
            grid = _grid_options(f, question)
            if grid is not None:
                _grid(f, table, question, marks, grid[0], grid[1], dispatch)
        return
    if _party_columns(f, rows, dispatch):
        return
    if _contact_columns(f, rows):
        return
    if _response_row(f, rows):
        _horizontal(f, rows[0], rows[1], dispatch)  # a survey's export: questions over answers
        return
    numbered = _numbered_columns(f, rows[0])
    if numbered is not None:
        _by_measure(f, rows[0], rows[1:], numbered, dispatch)
        return
    own = table.section is not None and table.section.kind == "measure"
    if own and table.side_by_side and len(rows) == 2:
        # 'Navn på tiltak | Tidsrom' over its answers under 'Tiltak 1': that measure's
        # fields side by side, not the header of a table of measures
        _horizontal(f, rows[0], rows[1], dispatch)
        return
    if _member_breakdown(f, rows[0], rows[1:]):
        return
    if _years_as_columns(f, table, rows[0], rows[1:]):
        return
    if _unit_matrix(f, rows[0], rows[1:]):
        return
    head, body = _split_header(f, rows)
    if head is not None:
        # the header again over the rest of a table that runs over a page break
        again = [_plain_cells(head.cells)]
        body = [r for r in body if _plain_cells(r.cells) not in again]
    if head is not None and _posts_by_term(f, head, body):
        return
    if head is not None and _questions_answered(f, table, head, body, dispatch):
        return
    if head is not None:
        head, body = _one_row_per_item(f, head, body)
    if head is not None and _post_table(f, head, body):
        return
    if head is not None and _people_table(f, head, body):
        return
    yes_no = _yes_no_columns(f, head) if head is not None else None
    asks = any(r.cells and r.cells[0].strip() for r in body)  # the questions are in rows
    if head is not None and yes_no is not None and (asks or not body):
        f.grid_header = (head, yes_no)  # 'Spørsmål | Svar | Ja | Nei' holds for the sheet
        body = _mark_rows(f, table, body, dispatch)
        _headerless(f, table, body, scope, dispatch)
        return
    if table.side_by_side and len(rows) == 2 and (head is None or not _money_head(f, *rows[:2])):
        # 'Antall ansatte | Tildelt tilskudd 2025', 'Eier | Organisasjonsnummer' over their
        # answers: fields side by side; 'Eier (kr) | UH (kr)' over figures is a table
        _horizontal(f, rows[0], rows[1], dispatch)
        return
    if head is None:
        if f.grid_header is not None:
            rows = _mark_rows(f, table, rows, dispatch)
        _headerless(f, table, rows, scope, dispatch)
        return
    grid = _grid_options(f, head)
    if grid is not None and body and all(_marks_only(r, grid[0]) for r in body):
        _grid(f, table, head, body, grid[0], grid[1], dispatch)
        return
    measures = _measure_columns(f, head)
    if measures is not None:
        _by_measure(f, head, body, measures, dispatch)
        if table.section is not None and table.section.within(BUDGET) is not None:
            _budget_by_measure(f, head, body, measures)
        return
    columns = [_column(f, c) for c in head.cells]
    if _is_contact_table(columns, body, f):
        _contacts(f, head, body, columns)
        return
    people = _people_columns(columns)
    if people is not None:
        _people(f, body, people)
        return
    role_col = _role_column(body)
    if role_col is not None:
        _partners(f, head, body, role_col, columns)
        return
    if _union_table(f, table, head, body):
        return
    if _org_table(f, head, body, columns):
        return
    kinds = [
        _classify(f, col, [r.cells[k] if k < len(r.cells) else "" for r in body])
        for k, col in enumerate(columns)
    ]
    money = any(k.kind == "money" for k in kinds)
    if len(body) == 1 and not any(k.kind in _ROW_LABELS for k in kinds):
        _horizontal(f, head, body[0], dispatch)  # 'Eier | UH (SePU) | Sum' over one row
        return
    if money or any(k.kind in ("name", "number") for k in kinds):
        _rows(f, table, body, kinds, scope)
        return
    _headerless(f, table, body, scope, dispatch)


# --- the header ----------------------------------------------------------------------------


def _one_row_per_item(f: State, head: Row, body: list[Row]) -> tuple[Row, list[Row]]:
    """'Tiltak | Post | Beløp | Sum tiltak' with a row per post ('Eigar: Sunnfjord',
    'Eigar: Kinn', 'UH (HVL)') under each measure, whose first cell only the measure's
    first row fills: the posts of a measure summed by role into one row of 'Eier' and
    'UH' figures, which the table reader then reads like any other. Each post's figure
    is read where it stands."""
    if not body or not body[0].cells or not body[0].cells[0].strip():
        return head, body
    width = max(len(r.cells) for r in body)
    post = next((k for k in range(1, width) if _role_column_of(body, k)), None)
    if post is None or post + 1 >= width:
        return head, body
    amount = post + 1
    groups = _item_groups(body)
    if not any(len(g) > 1 for g in groups):
        return head, body
    out = []
    for group in groups:
        sums: dict[str, int] = {}
        for row in group:
            cell = row.cells[post] if post < len(row.cells) else ""
            roles = roles_in(cell)
            value = read_money(row.cells[amount]).value if amount < len(row.cells) else None
            if len(roles) != 1 or roles[0] == "total" or value is None:
                continue
            sums[roles[0]] = sums.get(roles[0], 0) + value
            f.use(row.i, value)
        first = group[0]
        cells, raw = list(first.cells), list(first.raw)
        cells += [""] * (width - len(cells))
        raw += [""] * (width - len(raw))
        for k, role in ((post, "owner"), (amount, "uh")):
            figure = str(sums[role]) if role in sums else ""
            cells[k] = raw[k] = figure
        out.append(Row(first.i, cells, raw))
    cells, raw = list(head.cells), list(head.raw)
    cells[post] = raw[post] = "Eier"
    if amount < len(cells):
        cells[amount] = raw[amount] = "UH"
    return Row(head.i, cells, raw), out


def _item_groups(body: list[Row]) -> list[list[Row]]:
    """Rows by the item whose first cell opens them: a measure's name merged down its
    post rows ('Tiltak 1 | Eier | …', ' | UH | …') is the first row of its group."""
    groups: list[list[Row]] = []
    for row in body:
        if (row.cells and row.cells[0].strip()) or not groups:
            groups.append([row])
        else:
            groups[-1].append(row)
    return groups


def _posts_by_term(f: State, head: Row, body: list[Row]) -> bool:
    """'Tiltak | Post | Vår 2026 | Høst 2026 | Totalt 2026 | Tildelt 2025 | Merknad' with
    the rows 'Eier', 'UH (UiS)', 'Sum' under each measure's name (merged down its rows):
    each measure's shares are its rows' totals, its terms the term columns its rows fill,
    its UH the one its UH row names; 'Totalt alle tiltak' is the budget. A row of hours
    ('Egeninnsats (timer)') and last year's column are named for what they are."""
    post = next((k for k in range(1, len(head.cells)) if _post_column(f, body, k)), None)
    if post is None:
        return False
    terms = {k: t for k, c in enumerate(head.cells) if k > post and (t := parse_term(c))}
    total = next((k for k, c in enumerate(head.cells) if k > post and _SUM.match(c.strip())), None)
    if not terms or total is None:
        return False
    aside = {
        k: "earlier-grant"
        for k, c in enumerate(head.cells)
        if k > post and k not in terms and k != total and _GRANTED.search(c)
    }
    for group in _item_groups(body):
        _post_group(f, group, post, terms, total, aside)
    return True


def _post_group(f: State, group: list[Row], post: int, terms, total: int, aside) -> None:
    label = group[0].cells[0].replace("**", "").strip()
    figures: dict[str, int] = {}
    used_terms: set[str] = set()
    uh: OrgRef | None = None
    for row in group:
        cell = row.cells[post] if post < len(row.cells) else ""
        roles = roles_in(cell)
        own = _aside_row(f, cell)
        for k, why in aside.items():
            if k < len(row.cells):
                f.aside([row.i], list(read_money(row.cells[k]).read), why)
        if own is not None or len(roles) != 1:
            f.aside([row.i], [a.value for c in row.cells for a in amounts_in(c)], own or "part")
            continue
        value = read_money(row.cells[total]).value if total < len(row.cells) else None
        shown = [read_money(row.cells[k]).value for k in terms if k < len(row.cells)]
        used_terms |= {
            t for k, t in terms.items() if k < len(row.cells) and read_money(row.cells[k]).value
        }
        f.use_in([row.i], tuple(v for v in [value, *shown] if v is not None))
        attr = {"owner": "owner_amount", "uh": "uh_amount", "total": "total_stated"}[roles[0]]
        if value is not None:
            figures.setdefault(attr, value)
        if roles[0] == "uh" and uh is None:
            found = f.ctx.units_first(f.ctx.orgs_in(cell, UH_KINDS))
            uh = found[0] if found else None
    if not figures:
        return
    if _SUM.match(label) or _GRAND_LABEL.match(label):
        summary = f.summary_row()
        for attr, value in figures.items():
            summary.put(attr, value, group[0].i)
        return
    ref = measure_ref(label + (":" if not re.search(r"[:.\-–;]", label) else ""))
    number, name = (ref[0][0], ref[1]) if ref else (None, label)
    slot = f.measure(number, _clean_name(name))
    if slot is None:
        return
    m = slot.measure
    slot.named_by = slot.named_by or "table"
    slot.note("name", group[0].i)
    for attr, value in figures.items():
        if getattr(m, attr) is None:
            setattr(m, attr, value)
            slot.note(attr, group[0].i)
    if uh is not None and m.uh is None:
        m.uh = uh
        slot.note("uh", group[0].i)
    for t in sorted(used_terms, key=_term_key):
        if t not in m.terms:
            m.terms.append(t)
            slot.note("terms", group[0].i)
    remark = " ".join(c for row in group for c in row.cells[max(terms) + 1 :] if c.strip())
    if m.continued is None and _CONTINUES.search(remark):
        m.continued = True
        slot.note("continued", group[0].i)
    elif m.continued is None and MEASURE_NEW.search(remark):
        m.continued = False
        slot.note("continued", group[0].i)


_MEASURE_CELL = re.compile(r"^\W*tiltak\s+(\d{1,2})\W*$", re.I)


def _measure_field_grid(f: State, table: Table, rows: list[Row], dispatch: Dispatch) -> bool:
    """A form's grid of measure fields ('Tiltak 1 | Namn på tiltaket | …', 'Målgruppe | …
    | Tal deltakarar | 64', 'Periode | ☐ Vår 2026 | ☒ Haust 2026 | …', 'Eigar (kr) | … |
    UH (kr) | … | Sum (kr) | …'): each row a label and its value (or two side by side),
    each field the measure's whose 'Tiltak N' row it is under."""
    starts = [r for r in rows if r.cells and _MEASURE_CELL.match(r.cells[0])]
    # each 'Tiltak N' row goes on with a field's label ('Namn på tiltaket'), not a mark
    if len(starts) < 2 or not all(
        len(r.cells) > 1 and f.labels.meaning(r.cells[1].rstrip(" *")) for r in starts
    ):
        return False
    labelled = [
        r for r in rows if r.cells and r not in starts and f.labels.meaning(r.cells[0].rstrip(" *"))
    ]
    if len(labelled) < len(rows) // 2:
        return False
    number: int | None = None
    for row in rows:
        cells = [c.strip() for c in row.cells]
        raws = list(row.raw) + [""] * (len(cells) - len(row.raw))
        k = 0
        start = _MEASURE_CELL.match(cells[0]) if cells else None
        if start is not None:
            number = int(start.group(1))
            f.measure(number)
            k = 1
        while k < len(cells):
            label = cells[k].rstrip(" *")
            meaning = f.labels.meaning(label) if label else None
            if meaning is None or k + 1 >= len(cells):
                k += 1
                continue
            rest = [c for c in cells[k + 1 :]]
            if BOX.search(rest[0]):  # 'Periode | ☐ Vår 2026 | ☒ Haust 2026': its options
                value, raw, k = "   ".join(rest), "   ".join(raws[k + 1 :]), len(cells)
            else:
                value, raw, k = cells[k + 1], raws[k + 1], k + 2
            if number is not None:
                meaning = replace(meaning, number=number)
                label = f"Tiltak {number}: {label}"
            pair = Pair(row.i, label, meaning, value, raw, "column")
            pair.section = f.form.section_at(row.i)
            dispatch(pair)
    return True


def _word(cell: str) -> str:
    """A heading cell's one word, without marks: '**Svar** *' -> 'svar'."""
    return re.sub(r"[\W_]+", "", cell).casefold()


_QUESTION_HEAD = re.compile(r"^\W*(?:spørsmål|sporsmal|spm\.?|felt|question|field)\W*$", re.I)


def _questions_answered(
    f: State, table: Table, head: Row, body: list[Row], dispatch: Dispatch
) -> bool:
    """'Nr | Spørsmål | Svar | Kommentar': each row a question and its answer (a pair),
    the comment beside it saying more of the same answer (the unions that took part)."""
    q = next((k for k, c in enumerate(head.cells) if _QUESTION_HEAD.match(c)), None)
    a = next((k for k, c in enumerate(head.cells) if _word(c) in ANSWER_HEADS), None)
    if q is None or a is None or a <= q or _yes_no_columns(f, head) is not None:
        return False  # ('Spørsmål | Svar | Ja | Nei': the marks under Ja and Nei answer)
    for row in body:
        question = row.cells[q].replace("**", "").strip() if q < len(row.cells) else ""
        answer = row.cells[a].strip() if a < len(row.cells) else ""
        if not question:
            continue
        meaning = f.labels.meaning(question.rstrip(":"))
        raw = row.raw[a] if a < len(row.raw) else answer
        pair = Pair(row.i, question, meaning, answer, raw, "column")
        pair.section = f.form.section_at(row.i)
        dispatch(pair)
        if pair.meaning is not None:
            taken = {k for k in range(len(row.cells)) if k in (q, a) or _number_cell(row, k)}
            _grid_remark(f, row, taken, pair, dispatch)
    return True


def _number_cell(row: Row, k: int) -> bool:
    return bool(re.fullmatch(r"\s*\d{1,2}[a-z]?\.?\s*", row.cells[k]))


def _post_column(f: State, body: list[Row], k: int) -> bool:
    """Column k names each row's post: the owner's, the UH's and the sum, or a row of
    the owner's own work; two measures at least (an owner's row and a UH's in each)."""
    cells = [r.cells[k] for r in body if k < len(r.cells) and r.cells[k].strip()]
    roles = [roles_in(c) for c in cells]
    if sum(r == ["owner"] for r in roles) < 2 or sum(r == ["uh"] for r in roles) < 2:
        return False
    return all(len(r) == 1 or _aside_row(f, c) for r, c in zip(roles, cells, strict=True))


_GRAND_LABEL = re.compile(r"^\W*(?:totalt|samlet|samla)\b", re.I)


def _role_column_of(body: list[Row], k: int) -> bool:
    """Is column k a column of posts, each a role with a name ('Eigar: Kinn', 'UH (HVL)')
    and the figure in the column after it, under measures of several rows?"""
    cells = [r.cells[k] for r in body if k < len(r.cells) and r.cells[k].strip()]
    if len(cells) < 3:
        return False
    roles = [roles_in(c) for c in cells]
    if not all(len(r) == 1 and r[0] in ("owner", "uh") for r in roles):
        return False
    return len({r[0] for r in roles}) == 2 and not any(_amounty(c) for c in cells)


def _plain_cells(cells: list[str]) -> list[str]:
    out = [c.replace("**", "").strip().casefold() for c in cells]
    while out and not out[-1]:
        out.pop()
    return out


def _scheme_matrix(f: State, rows: list[Row]) -> tuple[list[Row], list[Row]] | None:
    """'Tiltak | Periode | Dekomp 2027 | | | Kompetanseløftet 2027 | | | UH' over ' | |
    Eier | UH | Sum | Eier | UH | Sum': a column group per scheme, the same money columns
    under each. Read as two tables the reader knows: the measures, each with the scheme
    of the group its figures stand in, and the budget, a row per group of the sum row."""
    for k in range(min(2, len(rows) - 1)):
        found = _scheme_groups(f, rows[k], rows[k + 1])
        if found is not None:
            return _matrix_tables(f, rows[k], rows[k + 1], rows[k + 2 :], *found)
    return None


def _scheme_groups(
    f: State, upper: Row, lower: Row
) -> tuple[list[tuple[str, list[int]]], int] | None:
    width = max(len(upper.cells), len(lower.cells))
    top = [c.replace("**", "").strip() for c in upper.cells] + [""] * width
    own = [c.replace("**", "").strip() for c in lower.cells] + [""] * width
    groups: list[tuple[str, list[int]]] = []
    for p in range(width):
        if top[p] and {h.concept for h in f.ctx.schemes.find(top[p])} - {"kollektiv"}:
            span = [p]
            while span[-1] + 1 < width and not top[span[-1] + 1] and own[span[-1] + 1]:
                span.append(span[-1] + 1)
            groups.append((top[p], span))
    if len(groups) < 2 or len({tuple(own[q] for q in span) for _, span in groups}) != 1:
        return None
    labels = [own[q] for q in groups[0][1]]
    money = ("owner_amount", "uh_amount", "total_amount")
    if len(labels) < 2 or not all(
        (m := f.labels.meaning(c)) is not None and set(m.fields) & set(money) for c in labels
    ):
        return None
    return groups, width


def _matrix_tables(
    f: State,
    upper: Row,
    lower: Row,
    body: list[Row],
    groups: list[tuple[str, list[int]]],
    width: int,
) -> tuple[list[Row], list[Row]]:
    first, last = groups[0][1][0], groups[-1][1][-1]
    top = [c.strip() for c in upper.cells] + [""] * width
    own = [c.strip() for c in lower.cells] + [""] * width
    labels = [own[q] for q in groups[0][1]]
    lead = [own[q] or top[q] for q in range(first)]
    tail = [own[q] or top[q] for q in range(last + 1, width)]
    head = [*lead, "Ordning", *labels, *tail]
    measures = [Row(lower.i, head, list(head))]
    budget = [Row(lower.i, ["Ordning", *labels], ["Ordning", *labels])]
    totals: list[int] = []
    for row in body:
        cells = [c.strip() for c in row.cells] + [""] * width
        filled = [(name, [cells[q] for q in span]) for name, span in groups]
        filled = [(name, vals) for name, vals in filled if any(vals)]
        words = [c for c in cells if c and not _amounty(c)]
        if _SUM.match(cells[0] or (words[0] if words else "")):
            figures = all(not v or _amounty(v) for _, vals in filled for v in vals)
            for name, vals in filled if figures else ():
                # 'Sum | | 400000 | 650000 | 1050000 | 320000 | …': each group's sums
                budget.append(Row(row.i, [name, *vals], [name, *vals]))
                totals.append(read_money(vals[-1]).value or 0)
            if not figures:  # 'Totalt begge ordninger: 1950000': the groups' sums added
                grand = [a.value for c in cells for a in amounts_in(c)]
                if grand and grand[-1] == sum(totals):
                    f.aside([row.i], grand[-1:], "restated")
            continue
        lead_cells, tail_cells = cells[:first], cells[last + 1 : width]
        for name, vals in filled or [("", [""] * len(labels))]:
            line = [*lead_cells, name, *vals, *tail_cells]
            measures.append(Row(row.i, line, line))
    return measures, budget


_EXAMPLE_TITLE = re.compile(
    r"(?<!\w)(?:eksempel(?:et|er|ene|vis|budsjett\w*|tabell\w*)?|døme(?:t|budsjett\w*)?"
    r"|f\.\s?eks\.?|for\s+eksempel|til\s+dømes)(?!\w)",
    re.I,
)  # not 'Eksempelsen', a name


def _example_table(f: State, table: Table) -> bool:
    """A table under a title that calls it an example, in its section's heading or on
    the line just above it."""
    section = table.section
    if section is not None and _EXAMPLE_TITLE.search(section.title or ""):
        return True
    k = table.start - 1
    while k >= 0 and not f.doc.plain(k):
        k -= 1
    above = f.doc.plain(k) if k >= table.start - 2 else ""
    return len(above.split()) <= 12 and bool(_EXAMPLE_TITLE.search(above))


_MEASURES_OF_YEAR = re.compile(r"^tiltak(?:ene)?\s+(?:i\s+|for\s+)?(?P<year>(?:19|20)\d\d)$", re.I)


def _earlier_measures(f: State, rows: list[Row]) -> bool:
    """A table of measures whose header names them for a year before the report's."""
    year = f.report.year
    if year is None or len(rows) < 2:
        return False
    for cell in rows[0].cells:
        m = _MEASURES_OF_YEAR.match(cell.replace("**", "").strip())
        if m is not None:
            return int(m["year"]) < year
    return False


def _marks_under(f: State, rows: list[Row]) -> list[Row]:
    """'Fase | | Analyse | Planlegging | Gjennomføring' over ' | | | X | X': a question's
    options in a row and their marks in the row under it (a sheet's X under the option
    it chooses). The two rows become one, each option with its box (☒ under an X, ☐
    elsewhere), for the choice readers; the marks are read there."""
    out: list[Row] = []
    k = 0
    while k < len(rows):
        row = rows[k]
        below = rows[k + 1] if k + 1 < len(rows) else None
        marked = _marked_columns(f, row, below) if below is not None else None
        if marked is None:
            out.append(row)
            k += 1
            continue
        assert below is not None
        raw = list(row.raw)
        cells = list(row.cells)
        for c in range(1, len(cells)):
            if cells[c].strip():
                box = "☒" if c in marked else "☐"
                raw[c] = f"{box} {raw[c]}"
        f.marks[below.i] += len(marked)
        out.append(Row(row.i, cells, raw))
        k += 2
    return out


def _marked_columns(f: State, row: Row, below: Row) -> set[int] | None:
    """The columns of `row` marked in `below`, when `below` holds only marks, each under a
    filled cell of `row`, and `row` has a label (a question, not an option: with an
    option in its first cell the row is the grid's header) and two or more options."""
    if not row.cells or not row.cells[0].strip() or (below.cells and below.cells[0].strip()):
        return None
    if f.labels.meaning(row.cells[0]) is None or _option_kind(f, row.cells[0]):
        return None
    options = {c for c in range(1, len(row.cells)) if row.cells[c].strip()}
    filled = {c for c in range(len(below.cells)) if below.cells[c].strip()}
    if len(options) < 2 or not filled or not filled <= options:
        return None
    if not all(_MARK.match(below.cells[c]) for c in filled):
        return None
    if any(BOX.search(c) for c in below.raw):
        return None  # a row of ☒/☐ under the options: the grid readers read those
    if any(BOX.search(row.raw[c]) or _amounty(row.cells[c]) for c in options):
        return None
    return filled


def _split_header(f: State, rows: list[Row]) -> tuple[Row | None, list[Row]]:
    """The first row of labels (options, known labels, or all bold) and the rows under it."""
    for k, row in enumerate(rows[:3]):
        grouped = _grouped_header(f, row, rows[k + 1]) if k + 1 < len(rows) else None
        if grouped is not None:
            return grouped, rows[k + 2 :]
        filled = [c for c in row.cells if c.strip()]
        if len(filled) < 2 or any(_amounty(c) for c in filled):
            continue
        if any(BOX.search(c) for c in row.raw):
            continue  # a question answered in its row, not a header
        bold = all(_bold(c) for c in row.raw if c.strip())
        unknown = [c for c in filled if not (f.labels.meaning(c) or _option_kind(f, c))]
        named = [c for c in unknown if _org_header(f, c)]
        if len(named) >= 2 and any(_money_label(f, c) for c in filled):
            # 'Tiltak | Haugesund | Karmøy | … | Eiere totalt | UiS | Sum': columns headed
            # by the parties' names
            unknown = [c for c in unknown if c not in named]
        known = len(filled) - len(unknown)
        value = filled[1] if filled[1] in unknown else ""
        if len(value.split()) > 2 and not bold and f.labels.meaning(filled[0]):
            # 'Namn på tiltaket | Lesing og skriving i alle fag | …': a label and its value;
            # the table is one of labelled rows, with no header
            return None, rows
        if bold or known >= max(2, len(filled) // 2):
            below = rows[k + 1] if k + 1 < len(rows) else None
            if below is not None and _sub_header(f, row, below):
                return _joined_header(row, below), rows[k + 2 :]
            if below is not None and _full_header_under(f, row, below):
                return below, rows[k + 2 :]  # 'Tiltak | | Periode | | Beløp' over the labels
            return row, rows[k + 1 :]
    return None, rows


def _sub_header(f: State, row: Row, below: Row) -> bool:
    """'Ordning | Beløp (kr) | Sum' over ' | Eier | UH | ', 'Nr. | Tiltak | Varighet |
    Kostnader (kr)' over ' | | Vår 2026 | Høst 2026 | Eier | UH | Sum': a header whose
    merged cells have their columns' labels (or terms) in the row under it (which has more
    cells and none in the first)."""
    filled = [c for c in below.cells[1:] if c.strip()]
    return (
        len(below.cells) > len(row.cells) >= 2
        and not below.cells[0].strip()
        and len(filled) >= 2
        and all(
            (f.labels.meaning(c) is not None or _term_header(c) is not None) and not _amounty(c)
            for c in filled
        )
    )


def _full_header_under(f: State, row: Row, below: Row) -> bool:
    """'Tiltak | | Periode | | | Beløp (kr)' over 'Nr | Navn | Vår 2026 | … | Eier | UH |
    Sum': a row of group headings over the columns' own labels, every one filled."""
    filled = [c for c in below.cells if c.strip()]
    upper = [c for c in row.cells if c.strip()]
    if len(filled) <= len(upper) or len(filled) < len(below.cells):
        return False
    if any(BOX.search(c) or _MARK.match(c) for c in below.raw):
        return False  # ' | Ja | Nei' over a question and its boxes: the answers' header
    return all(
        (f.labels.meaning(c) is not None or _term_header(c) is not None) and not _amounty(c)
        for c in filled
    )


def _grouped_header(f: State, row: Row, below: Row) -> Row | None:
    """'Barnehager | | Skoler | | PP-tjeneste' over 'Kommunale | Private | Offentlige |
    Private | ', 'Ordning | Behov 2026 (kr) | | ' over ' | Eier | UH | Sum': group headings
    spanning the columns under them (an HTML table's colspan, a sheet's merged cells),
    cell for cell over the columns' own labels, and a heading spanning both rows where the
    lower row is empty. Each column's label is its own, with its group's name where that
    makes the label the vocabulary knows ('Private' under 'Skoler': 'Private skoler')."""
    upper, lower = row.cells, below.cells
    labels = [c.replace("**", "").strip() for c in lower]
    if len(upper) != len(lower) or len([c for c in labels if c]) < 2:
        return None
    if not any(c.strip() for c in upper[1:]) or not any(not c.strip() for c in upper[1:]):
        return None  # no group spanning columns
    if any(_amounty(c) for c in labels if c):
        return None
    cells, group = [], ""
    for top, own in zip(upper, labels, strict=True):
        top = top.replace("**", "").strip()
        group = top or group
        if not own:
            if not top:
                return None  # a column with no label at all
            cells.append(top)
            continue
        both = (f"{own} {group}", f"{group} {own}") if group else ()
        label = next((c for c in both if f.labels.exact(c) is not None), own)
        if f.labels.meaning(label) is None:
            return None  # a column's label the vocabulary does not know: no header
        cells.append(label)
    return Row(below.i, cells, cells)


def _joined_header(row: Row, below: Row) -> Row:
    """The two header rows as one: the lower row's labels, and the upper row's labels
    where the lower row has none: the columns before the merged ones ('Nr. | Tiltak'),
    and the last ('Sum')."""

    def joined(upper: list[str], lower: list[str]) -> list[str]:
        cells = list(lower)
        for k in range(len(cells)):
            if cells[k].strip():
                break
            if k < len(upper):
                cells[k] = upper[k]  # the leading columns stand above themselves
        if not cells[-1].strip():
            cells[-1] = upper[-1]
        return cells

    return Row(below.i, joined(row.cells, below.cells), joined(row.raw, below.raw))


def _term_header(cell: str) -> str | None:
    """'Vår 2026', '**Haust 2026**': a column headed by one term."""
    text = cell.replace("**", "").strip()
    found = find_terms(text)
    if len(found) == 1 and found[0][2] == 0 and found[0][3] >= len(text.rstrip(" :")):
        return found[0][1]
    return None


def _column(f: State, cell: str) -> tuple[LabelMatch | None, str | None, str]:
    """A column's meaning; 'Kommunen (eigar)', 'USN (UH)': a role in the parenthesis
    says what a column of a name the vocabulary does not know holds."""
    label, note = split_note(cell.strip())
    meaning = f.labels.meaning(cell) or f.labels.meaning(label)
    if meaning is None and note and roles_in(note):
        meaning = f.labels.meaning(note.strip("* "))
    return meaning, note, cell


def _money_col(col) -> str | None:
    meaning = col[0]
    if meaning is None:
        return None
    for fld in meaning.fields:
        if fld in _MONEY:
            return fld
    return None


# --- grids ---------------------------------------------------------------------------------


_SETS = ("yesno", "sector", "phases", "purpose")


def _option_kinds(f: State, cell: str) -> set[str]:
    """The option sets a header cell is an option of ('Gjennomføring av tiltak' is a
    phase and a purpose; the question decides which)."""
    return set(_cell_kinds(f.ctx.schemes, cell))


@functools.lru_cache(maxsize=1 << 15)
def _cell_kinds(schemes, cell: str) -> frozenset[str]:
    text = cell.replace("**", "").strip()
    if not text:
        return frozenset()
    kinds = set()
    for name in _SETS:
        found = option_set(name).find(text)
        if found and found[0].start == 0 and found[0].end >= len(text) - 1:
            kinds.add(name)
    hits = [h for h in schemes.find(text) if h.concept != "kollektiv"]
    if hits and hits[0].start == 0:
        kinds.add("schemes")
    found = terms_found(text)
    if found and found[0].start == 0:
        kinds.add("terms")
    return frozenset(kinds)


def _option_kind(f: State, cell: str) -> str | None:
    kinds = _option_kinds(f, cell)
    return next((k for k in (*_SETS, "schemes", "terms") if k in kinds), None)


def _grid_options(f: State, head: Row) -> tuple[list[tuple[int, str]], set[str]] | None:
    """The option columns of a grid's header and the option sets they all belong to."""
    cols = [(k, c) for k, c in enumerate(head.cells) if c.strip()]
    for start in (0, 1):  # the first cell may label the rows ('Ordning | Regional | …')
        options = cols[start:]
        if len(options) < 2 or (start and cols[0][0] != 0):
            continue
        kinds = set.intersection(*(_option_kinds(f, c) for _, c in options))
        if kinds:
            return [(k, c.replace("**", "").strip()) for k, c in options], kinds
    return None


def _yes_no_columns(f: State, head: Row) -> list[tuple[int, str]] | None:
    """'Spørsmål | Svar | Ja | Nei': the header's answer columns, when there are two or
    more and every one is a yes/no option."""
    cols = [(k, c.replace("**", "").strip()) for k, c in enumerate(head.cells) if c.strip()]
    yes_no = [(k, c) for k, c in cols if k > 0 and "yesno" in _option_kinds(f, c)]
    return yes_no if len(yes_no) >= 2 else None


def _mark_rows(f: State, table: Table, rows: list[Row], dispatch: Dispatch) -> list[Row]:
    """Rows with an X under the remembered Ja/Nei columns: a question and its answer, or
    an option and whether it is chosen ('Desentralisert ordning | | X', 'Fase: analyse |
    | | X'). The other rows are returned for reading as label and value."""
    assert f.grid_header is not None
    head, yes_no = f.grid_header
    rest = []
    for row in rows:
        marked = [c for k, c in yes_no if k < len(row.cells) and _MARK.match(row.cells[k])]
        if len(marked) != 1 or not row.cells or not row.cells[0].strip():
            rest.append(row)
            continue
        yes = option_set("yesno").first(marked[0]) == "ja"
        if not _option_row(f, row, yes):
            _grid(f, table, head, [row], yes_no, {"yesno"}, dispatch)
    return rest


def _option_row(f: State, row: Row, yes: bool) -> bool:
    """A row that is itself an option of the schemes or phases, chosen by its Ja mark."""
    from kompetansekart.ingest.fill.header import scheme_options

    text = re.sub(r"^\s*fase\s*:\s*", "", row.cells[0].replace("**", ""), flags=re.I).strip()
    values = list(dict.fromkeys(x.value for x in scheme_options(f, text)))
    attr = "schemes"
    if not values:
        found = option_set("phases").find(text)
        if not found or found[0].start > 0:
            return False
        values, attr = [found[0].value], "phases"
    if len(values) != 1:
        return False
    f.marks[row.i] += 1
    if yes:
        have = getattr(f.report, attr) or []
        if values[0] not in have:
            setattr(f.report, attr, [*have, values[0]])
            f.evidence(attr, row.i)
    return True


def _question_rows(f: State, rows: list[Row]) -> list[tuple[Row, list[Row]]] | None:
    """'Question | Ja | Nei' over '| ☒ | ☐', again and again: a table of questions, each
    row of options followed by its row of marks. None when the table is not that."""
    out: list[tuple[Row, list[Row]]] = []
    k = 0
    while k < len(rows):
        head = rows[k]
        grid = _grid_options(f, head)
        if grid is None or not head.cells[0].strip() or grid[0][0][0] == 0:
            return None
        marks = []
        k += 1
        while k < len(rows) and not rows[k].cells[0].strip() and _marks_only(rows[k], grid[0]):
            marks.append(rows[k])
            k += 1
        if not marks:
            return None
        out.append((head, marks))
    return out if len(out) >= 1 and any(len(r.cells) for r, _ in out) else None


def _marks_only(row: Row, grid: list[tuple[int, str]]) -> bool:
    cols = {k for k, _ in grid}
    cells = [(k, c) for k, c in enumerate(row.cells)]
    in_grid = [c for k, c in cells if k in cols]
    return all(_MARK.match(c) or _EMPTY_MARK.match(c) for c in in_grid)


def _grid(
    f: State, table: Table, head: Row, body: list[Row], grid, kinds: set[str], dispatch: Dispatch
) -> None:
    cols = {k: label for k, label in grid}
    for row in body:
        first = row.cells[0].strip() if row.cells and 0 not in cols else ""
        head_question = head.cells[0].strip() if head.cells and 0 not in cols else ""
        question = first or head_question or (table.question.label if table.question else "")
        parts = []
        for k, label in grid:
            cell = row.cells[k] if k < len(row.cells) else ""
            parts.append(f"{label} {'☒' if _MARK.match(cell) else '☐'}")
        raw = "   ".join(parts)
        meaning = f.labels.meaning(question) if question else None
        if (
            table.question is not None
            and not first
            and not head_question
            and not _instruction(table.question)
        ):
            meaning = table.question.meaning
        kind = _kind_for(meaning, kinds)
        meaning = _prefer(meaning, kind)
        pair = Pair(
            row.i, question or "", meaning, raw.replace("☒", "").replace("☐", ""), raw, "grid"
        )
        pair.section = table.section
        if (
            meaning is None
            and question
            and (ref := measure_ref(question + ":"))
            and kind == "terms"
        ):
            meaning = LabelMatch(("terms",), "label", number=ref[0][0])
            pair.label = f"Tiltak {ref[0][0]}"
            pair.meaning = meaning
        elif meaning is None and kind:
            pair.meaning = LabelMatch((_KIND_FIELD.get(kind, kind),), "label")
        if pair.meaning is not None:
            dispatch(pair)
            _grid_remark(f, row, cols, pair, dispatch)


def _grid_remark(f: State, row: Row, cols: Collection[int], pair: Pair, dispatch: Dispatch) -> None:
    """'Er behovene drøftet med de ansattes organisasjoner? | X | | Drøftet med
    Utdanningsforbundet og Fagforbundet': the remark beside a question's marks says more
    of the same answer: the unions that took part, the measures that go on, and figures
    named for what they are ('jf. tildeling 2025: 300 000')."""
    remark = " ".join(c for k, c in enumerate(row.cells) if k and k not in cols and c.strip())
    if not remark:
        return
    fields = set(pair.fields)
    if "union_held" in fields:
        unions = Pair(row.i, pair.label, LabelMatch(("unions",), "label"), remark, remark, "grid")
        unions.section = pair.section
        dispatch(unions)
    if "continuation" in fields:
        from kompetansekart.ingest.fill.header import measures_named

        measures_named(f, remark, row.i)
    f._classify(remark, [row.i])


_KIND_FIELD = {
    "sector": "sector",
    "schemes": "schemes",
    "phases": "phases",
    "terms": "terms",
    "purpose": "purpose",
}


def _kind_for(meaning: LabelMatch | None, kinds: set[str]) -> str | None:
    """The option set a grid row answers: the one its question's field uses, else the
    most specific one the options share."""
    fields = set(meaning.fields) if meaning else set()
    for kind in kinds:
        if _KIND_FIELD.get(kind) in fields:
            return kind
    if "yesno" in kinds:
        return "yesno"
    return next(
        (k for k in ("schemes", "sector", "terms", "phases", "purpose") if k in kinds), None
    )


def _instruction(pair: Pair) -> bool:
    return "instruction" in pair.fields or pair.meaning is None


def _prefer(meaning: LabelMatch | None, kind: str | None) -> LabelMatch | None:
    """The options decide between fields a label could mean ('Behovsmeldingen gjelder'
    with sector options is the sector)."""
    want = _KIND_FIELD.get(kind or "")
    if want is None:
        return meaning
    if meaning is None or want not in meaning.fields:
        year = meaning.year if meaning else None
        number = meaning.number if meaning else None
        return LabelMatch((want,), "label", year=year, number=number)
    return LabelMatch((want,), meaning.how, meaning.end, meaning.year, meaning.number)


# --- one row of values under a header --------------------------------------------------------


def _post_table(f: State, head: Row, body: list[Row]) -> bool:
    """'Tiltak | Post | Beløp | Merknad' over 'Tiltak 1; Trygt … | Eigar | kr 220 000',
    '| UH (HVL) | 380.000,-', '| Sum | kr 600 000': a budget written one figure per row.
    A column names whose share each row's figure is (a Word cell merged down the rows
    of a measure leaves the item's cell empty under its first row); the figure is the
    item's share: a measure's when the item names one, else a budget row's."""
    role_col = next(
        (k for k in range(1, len(head.cells)) if _share_column(f, [_cell(r, k) for r in body])),
        None,
    )
    if role_col is None:
        return False
    money_cols = [
        k
        for k in range(role_col + 1, len(head.cells))
        if sum(read_money(_cell(r, k)).value is not None for r in body) * 2 >= len(body)
    ]
    if not money_cols:
        return False
    # 'Vår 2026 | Høst 2026 | Sum': a share per term, then its sum; the sum is the share
    heads = {k: head.cells[k].replace("**", "").strip() for k in money_cols}
    totals = [k for k in money_cols if _TOTAL_HEAD.fullmatch(heads[k])]
    amount_col = totals[0] if totals else money_cols[0]
    found_terms = {k: find_terms(heads[k]) for k in money_cols if k != amount_col}
    term_cols = {k: t[0][1] for k, t in found_terms.items() if len(t) == 1}
    items: list[tuple[str, int, list[tuple[Row, str, int]]]] = []
    terms: dict[int, list[str]] = {}  # an item's terms: the term columns that hold money
    for row in body:
        item = _cell(row, 0).replace("**", "").strip()
        if item or not items:
            items.append((item, row.i, []))
        for k, term in term_cols.items():
            value = read_money(_cell(row, k)).value
            if value:
                have = terms.setdefault(len(items) - 1, [])
                if term not in have:
                    have.append(term)
                f.use(row.i, value)
        value = read_money(_cell(row, amount_col)).value
        attr = _share_of(f, _cell(row, role_col))
        if value is not None and attr is not None:
            items[-1][2].append((row, attr, value))
    for n, (item, i, figures) in enumerate(items):
        _post_item(f, item, i, figures, sorted(terms.get(n, []), key=_term_key))
    return True


_POST_ITEM = re.compile(r"\s*tiltak\s*(?:nr\.?\s*)?(?P<n>\d{1,2})\b[\s;:.,–-]*(?P<name>.*)", re.I)


def _share_of(f: State, cell: str) -> str | None:
    """The share a row's role cell names: 'Eigar', 'UH (HVL)', 'HVL', 'Sum tiltak 2'."""
    text = cell.replace("**", "").strip()
    if not text:
        return None
    meaning = f.labels.meaning(text) or f.labels.meaning(split_note(text)[0])
    fields = set(meaning.fields) if meaning else set()
    if "total_amount" in fields:
        return "total_stated"
    if "uh_amount" in fields and "owner_amount" not in fields:
        return "uh_amount"
    if "owner_amount" in fields:
        return "owner_amount"
    return "uh_amount" if f.ctx.orgs_in(text, UH_KINDS) else None


def _share_column(f: State, cells: list[str]) -> bool:
    filled = [c for c in cells if c.strip()]
    shares = {_share_of(f, c) for c in filled}
    return len(filled) >= 3 and None not in shares and len(shares) >= 2


def _post_item(
    f: State, item: str, i: int, figures: list[tuple[Row, str, int]], terms: list[str]
) -> None:
    if not figures:
        return
    m = _POST_ITEM.match(item)
    if m is not None:
        name = m["name"].strip(" .;:") or None
        slot = f.measure(int(m["n"]), name)
        if terms and not slot.measure.terms:
            slot.measure.terms = terms
            slot.note("terms", i)
        for row, attr, value in figures:
            if getattr(slot.measure, attr) is None:
                setattr(slot.measure, attr, value)
                slot.note(attr, row.i)
            if getattr(slot.measure, attr) == value:
                f.use(row.i, value)
        return
    values = {attr: value for _, attr, value in figures}
    why = not_budget_reason(item, f.report.year)
    if why is not None:
        # 'Egeninnsats (ikke omsøkt)', 'Tildelt 2025': an item whose figures the report
        # names as no part of what it asks for
        for row, _, value in figures:
            f.aside([row.i], [value], why)
        return
    schemes = [s for s in f.ctx.schemes.ids_in(item) if s != "kollektiv"]
    restated = _restates(f, list(values.values()))
    if not schemes and _TOTAL_ROW.search(item) and f.report.budget and restated:
        for row, _, value in figures:  # 'Totalt': the budget rows above, added up
            f.aside([row.i], [value], "restated")
        return
    budget = BudgetRow(
        schemes[0] if len(schemes) == 1 else None,
        values.get("owner_amount"),
        values.get("uh_amount"),
        values.get("total_stated"),
        label=item or None,
    )
    budget.line = f.doc.no(i)
    f.evidence(f"budget[{len(f.report.budget)}]", i)
    f.report.budget.append(budget)
    for row, _, value in figures:
        f.use(row.i, value)


def _cell(row: Row, k: int) -> str:
    return row.cells[k] if k < len(row.cells) else ""


def _member_breakdown(f: State, head: Row, body: list[Row]) -> bool:
    """'Kommune | Offentlege skular | Private skular | PP-teneste' over a row per member
    municipality and 'Heile nettverket | 14 | 0 | 1'; 'Kommune | T1 | T2 | T3 | Sum'
    over each member's part of the owner share and 'Sum eigardel | 180000 | …': a
    network's figures per member. The total row holds the report's counts; the members'
    money is a breakdown of shares the report states elsewhere, never a budget row."""
    first = head.cells[0].replace("**", "").strip() if head.cells else ""
    meaning = f.labels.exact(first) if first else None
    if meaning is None or "owner" not in meaning.fields or len(head.cells) < 3:
        return False
    members = [r for r in body if f.ctx.orgs_in(_cell(r, 0), OWNER_KINDS)]
    totals = [r for r in body if r not in members and _TOTAL_ROW.search(_cell(r, 0))]
    if len(members) < 2 or len(totals) != 1 or len(members) + 1 != len(body):
        return False
    total = totals[0]
    meanings = [f.labels.meaning(c.replace("**", "").strip()) for c in head.cells]
    units = {
        k: m.field[len("units.") :]
        for k, m in enumerate(meanings)
        if k and m is not None and m.field.startswith("units.")
    }
    for k, attr in units.items():
        count = _cell(total, k).strip()
        if count.isdecimal() and getattr(f.report.units, attr) is None:
            setattr(f.report.units, attr, int(count))
            f.evidence(f"units.{attr}", total.i)
    for row in members:
        f.aside([row.i], [a.value for c in row.cells[1:] for a in amounts_in(c)], "member-part")
    figures = [a.value for c in total.cells[1:] for a in amounts_in(c)]
    f.aside([total.i], figures, "restated" if _restates(f, figures) else "member-part")
    return True


_TOTAL_ROW = re.compile(
    r"^\W*(?:sum|totalt?|i\s+alt|til\s+sa(?:man|mmen)|samla|samlet|heile|hele|alle)\b", re.I
)


def _restates(f: State, figures: list[int]) -> bool:
    """Are these the measures' shares (and their sums), or a budget row's?"""
    known: set[int] = set()
    for attr in ("owner_amount", "uh_amount", "total_stated"):
        shares = [v for s in f.slots if (v := getattr(s.measure, attr)) is not None]
        known |= {*shares, sum(shares)} if shares else set()
    for b in f.report.budget:
        known |= {v for v in (b.owner_amount, b.uh_amount, b.total_stated) if v is not None}
    return bool(figures) and all(v in known for v in figures)


def _money_head(f: State, head: Row, row: Row) -> bool:
    """Does a header cell name a share of money ('Eier (kr)', 'Sum') over a figure?"""
    for k, cell in enumerate(head.cells):
        meaning = f.labels.meaning(cell.replace("**", "").strip()) if cell.strip() else None
        if meaning is None or not set(meaning.fields) & set(_MONEY) or k >= len(row.cells):
            continue
        if read_money(row.cells[k]).value is not None:
            return True
    return False


def _horizontal(f: State, head: Row, row: Row, dispatch: Dispatch) -> None:
    for k, label in enumerate(head.cells):
        if not label.strip() or k >= len(row.cells):
            continue
        value = row.cells[k]
        bare, note = split_note(label.strip())
        meaning = f.labels.meaning(label) or f.labels.meaning(bare)
        pair = Pair(
            row.i, bare.replace("**", "").strip(), meaning, value, row.raw[k], "column", note
        )
        pair.section = f.form.section_at(row.i)
        dispatch(pair)


_EMAIL_CELL = re.compile(r"^\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*$")


def _contact_columns(f: State, rows: list[Row]) -> bool:
    """Contact cards side by side ('Koordinator nettverket | UH-kontakt' over 'Ingrid
    Hovde | Kjetil Øye', their functions, then their e-mail addresses): a column per
    person. Each is a contact, with the function under the name and the role its heading
    or its organisation says (the owner's when neither names a UH)."""
    names = next((k for k, r in enumerate(rows) if _people_row(r)), None)
    if names is None:
        return False
    width = len([c for c in rows[names].cells if c.strip()])
    mails = next(
        (
            k
            for k in range(names + 1, len(rows))
            if [c for c in rows[k].cells if c.strip()]
            and all(_EMAIL_CELL.match(c) for c in rows[k].cells if c.strip())
            and len([c for c in rows[k].cells if c.strip()]) == width
        ),
        None,
    )
    if mails is None:
        return False
    head = rows[names - 1].cells if names else []
    between = [r for r in rows[names + 1 : mails] if len(r.cells) == width]
    for k in range(width):
        name = rows[names].cells[k].replace("**", "").strip()
        email = rows[mails].cells[k].strip()
        function = ", ".join(r.cells[k].strip(" ,") for r in between if r.cells[k].strip())
        about = " ".join([head[k] if k < len(head) else "", function])
        role: Role = "uh" if "uh" in roles_in(about) or f.ctx.orgs_in(about, UH_KINDS) else "eier"
        add_contact(f, Contact(name, role, function or None, email), rows[names].i)
    return True


def _people_row(row: Row) -> bool:
    """Two or more cells, each a person's name and nothing else."""
    cells = [c.replace("**", "").strip() for c in row.cells if c.strip()]
    return len(cells) >= 2 and all(
        2 <= len(c.split()) <= 4 and person(c).name == c and "@" not in c for c in cells
    )


def _response_row(f: State, rows: list[Row]) -> bool:
    """A survey tool's export (Microsoft Forms, Nettskjema, Google Forms): a header row of
    the form's questions, as asked ('Hvilket år gjelder behovsmeldingen?', 'Tiltak 1:
    Beløp fra eier (kr)'), over one row of answers, the one response that is the report.
    Many columns, several of them whole questions, and the labels the vocabulary knows
    among them; a table of measures has short column labels and a row per measure."""
    if len(rows) != 2:
        return False
    head = [c.replace("**", "").strip() for c in rows[0].cells]
    labels = [c for c in head if c]
    if len(labels) < 8 or any(amounts_in(c) for c in labels):
        return False
    asked = [c for c in labels if c.endswith(("?", ")")) or len(c.split()) >= 4]
    known = [c for c in labels if f.labels.meaning(c) is not None]
    return len(asked) >= 3 and len(known) * 3 >= len(labels)


# --- a table of measures side by side --------------------------------------------------


def _measure_columns(f: State, head: Row) -> dict[int, int] | None:
    """'Felt | Tiltak 1 | Tiltak 2 | Tiltak 3 | Sum tiltak 1–3': the measures in columns
    (column -> measure number), when two or more header cells are measure headings."""
    found = {}
    for k, cell in enumerate(head.cells[1:], start=1):
        meaning = f.labels.exact(cell.replace("**", "").strip())
        if meaning is not None and meaning.section() == "measure" and meaning.number is not None:
            found[k] = meaning.number
    return found if len(found) >= 2 else None


def _party_columns(f: State, rows: list[Row], dispatch: Dispatch) -> bool:
    """' | Eigar 1 (koordinerande eigar) | Eigar 2' over rows of 'Namn', 'Org.nr.',
    'Kontaktperson', 'E-post': a column per party of the partnership. The first owner's
    column is the report's owner; every column is a partner with its contact."""
    head, body = rows[0], rows[1:]
    if (head.cells[:1] and head.cells[0].strip()) or len(head.cells) < 3 or not body:
        return False
    columns: dict[int, str] = {}
    for k, cell in enumerate(head.cells[1:], start=1):
        meaning = f.labels.meaning(cell.replace("**", "").strip())
        if meaning is None or not {"owner", "uh"} & set(meaning.fields):
            return False
        columns[k] = "uh" if "uh" in meaning.fields and "owner" not in meaning.fields else "eier"
    parts = {k: _party_part(f, r) for k, r in enumerate(body)}
    if not {"name", "contact"} <= set(parts.values()):
        # ' | Eier | UH' over 'Navn | Funksjon | E-post': the people's table, whose 'Navn'
        # is a person; a party's table names its contact person in a row of its own
        return False
    from kompetansekart.ingest.fill.partners import add_partner

    for k, role in columns.items():
        got = {
            part: (r.cells[k].strip() if k < len(r.cells) else "", r.i)
            for n, r in enumerate(body)
            if (part := parts[n])
        }
        name, i = got.get("name", ("", head.i))
        if not name:
            continue
        contact = person(got["contact"][0]) if got.get("contact", ("", 0))[0] else None
        first = k == min(columns) and role == "eier"
        if first:
            pair = Pair(i, "Eier", f.labels.meaning("Eier"), name, name, "column")
            pair.section = f.form.section_at(i)
            dispatch(pair)
        add_partner(f, name, role, contact.name if contact else None, i)
        if contact is not None and contact.name:
            email = got.get("email", ("", 0))[0] or None
            who = Contact(contact.name, role, contact.function, email, contact.phone)  # type: ignore[arg-type]
            add_contact(f, who, got["contact"][1])
        text, j = got.get("orgnr", ("", 0))
        digits = orgnr_in(text)
        if digits and first:
            f.orgnr.append((digits, j, "eier"))
        elif digits:
            f.use(j, int(digits))
    return True


def _party_part(f: State, row: Row) -> str | None:
    """What a row of a table of parties holds: the name, the org. no., the contact, the
    e-mail address."""
    label = row.cells[0].replace("**", "").strip() if row.cells else ""
    meaning = f.labels.meaning(label)
    if meaning is None:
        return None
    fields = set(meaning.fields)
    if "orgnr" in fields:
        return "orgnr"
    if _BARE_NAME.match(label):
        return "name"
    if any(x.endswith(".email") for x in fields):
        return "email"
    if any(x.endswith(".name") for x in fields):
        return "contact"
    return None


_BARE_NAME = re.compile(r"^(?:namn|navn|name)$", re.I)


def _numbered_columns(f: State, head: Row) -> dict[int, int] | None:
    """'Tiltak nr. | 1 | 2 | 3' over rows of fields: a transposed measures table, whose
    header numbers the measures 1, 2, 3 … from left to right."""
    first = head.cells[0].replace("**", "").strip() if head.cells else ""
    meaning = f.labels.exact(first) if first else None
    if meaning is None or meaning.field != "measure_number":
        return None
    found: dict[int, int] = {}
    cells = head.cells[1:]
    for k, cell in enumerate(cells, start=1):
        text = cell.replace("**", "").strip().rstrip(".")
        if not text:
            continue
        if found and k == len(cells) and _TOTAL_HEAD.fullmatch(text):
            break  # '… | 3 | Totalt': the measures' sum, a column of no measure
        if not text.isdecimal() or int(text) != len(found) + 1:
            return None
        found[k] = int(text)
    return found if len(found) >= 2 else None


_TOTAL_HEAD = re.compile(r"(?i:totalt?|sum|samla|samlet|i\s+alt|til\s+saman|til\s+sammen)")


def _by_measure(
    f: State, head: Row, body: list[Row], columns: dict[int, int], dispatch: Dispatch
) -> None:
    """Each row a field ('Formål', 'Eier (kr)'), each measure column its value for that
    measure. A 'Sum' column adds a row's figures up: it is read when it does."""
    totals = [k for k, c in enumerate(head.cells) if k and k not in columns and _SUM.match(c)]
    for number in columns.values():
        f.measure(number)
    by_term = _term_parts(f, body)
    for row in body:
        label = row.cells[0].replace("**", "").strip() if row.cells else ""
        if not label or row.i in by_term:
            continue
        bare, note = split_note(label)
        meaning = f.labels.meaning(label) or f.labels.meaning(bare)
        for k, number in columns.items():
            value = row.cells[k].strip() if k < len(row.cells) else ""
            if not value:
                continue
            if meaning is not None and "measure_name" in meaning.fields:
                slot = f.measure(number, value)
                if slot is not None:
                    slot.note("name", row.i)
                continue
            if meaning is None:  # 'herav reise …': read as any unknown label is
                pair = Pair(row.i, bare, None, value, row.raw[k], "column", note)
            else:
                about = replace(meaning, number=number)
                pair = Pair(
                    row.i, f"Tiltak {number}: {bare}", about, value, row.raw[k], "column", note
                )
            pair.section = f.form.section_at(row.i)
            dispatch(pair)
        _row_total(f, row, columns, totals)
    _add_term_parts(f, body, columns, by_term, totals)


def _unit_matrix(f: State, head: Row, body: list[Row]) -> bool:
    """'Enhetstype | Kommunal/offentlig | Privat' over 'Barnehager | 9 | 6', 'Grunnskoler |
    11 | 1', 'PP-tjeneste | 1 |': the units counted by kind (the rows) and owner (the
    columns); each count is the field its column's and row's words name together."""
    if len(head.cells) < 3 or len(body) < 2:
        return False
    found: list[tuple[Row, str, int]] = []
    for row in body:
        kind = row.cells[0].replace("**", "").strip() if row.cells else ""
        for k in range(1, len(head.cells)):
            cell = row.cells[k].strip() if k < len(row.cells) else ""
            if not cell:
                continue
            if not re.fullmatch(r"\d{1,4}", cell):
                return False
            fld = _unit_field(f, head.cells[k], kind)
            if fld is None:
                return False
            found.append((row, fld, int(cell)))
    if not found:
        return False
    units = f.report.units
    for row, fld, value in found:
        attr = fld.split(".", 1)[1]
        if getattr(units, attr) is None:
            setattr(units, attr, value)
            f.evidence(fld, row.i)
    return True


def _unit_field(f: State, column: str, kind: str) -> str | None:
    """The units field of a count under an owner's column in a kind's row ('Privat' and
    'Barnehager': private_barnehager); a kind with one field ('PP-tjeneste') is that one."""
    for owner in re.split(r"\s*/\s*", column.replace("**", "").strip()):
        for word in (owner, f"{owner}e"):  # 'Privat' -> 'Private barnehager'
            found = f.labels.exact(f"{word} {kind}")
            if found is not None and found.fields[0].startswith("units."):
                return found.fields[0]
    found = f.labels.exact(kind)
    if found is not None and len(found.fields) == 1 and found.fields[0] == "units.ppt":
        return found.fields[0]
    return None


_YEAR_CELL = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_GRANTED = re.compile(r"\b(?:tildelt|tildeling|innvilget|innvilga|vedtak|fjor)", re.I)


def _years_as_columns(f: State, table: Table, head: Row, body: list[Row]) -> bool:
    """'Post | Tildelt 2025 | Behov 2026 | Prognose 2027' over 'Eier', 'UH', 'Sum': a
    budget with the years as columns. The column of the report's year is its budget row
    (of the scheme the part or the report names); last year's grant and the forecast
    beside it are named for what they are."""
    year = f.report.year
    if body and not _YEAR_CELL.search(" ".join(head.cells)):
        head, body = body[0], body[1:]  # 'Vedtak SF | Denne meldingen' over the years' row
    years = {k: int(m[1]) for k, c in enumerate(head.cells) if k and (m := _YEAR_CELL.search(c))}
    if year is None or len(years) < 2 or list(years.values()).count(year) != 1:
        return False
    rows = []
    for row in body:
        label = row.cells[0].replace("**", "").strip() if row.cells else ""
        meaning = f.labels.exact(label)
        money = [x for x in meaning.fields if x in ATTR] if meaning else []
        if money and money[0] != "coordinator_amount":
            rows.append((row, ATTR[money[0]]))
    if len(rows) < 2 or len(rows) < len(body) - 1:
        return False
    # the scheme the part's heading names ('Budsjett – Rekomp (kr)'); else the report's
    # summary row, whose scheme is the report's one scheme
    scheme = _part_scheme(table, f.ctx.schemes)
    summary = f.summary_row(scheme)
    for row, attr in rows:
        for k, y in years.items():
            money = read_money(row.cells[k]) if k < len(row.cells) else None
            if money is None or money.value is None:
                continue
            if y == year and not _GRANTED.search(head.cells[k]):
                if summary.put(attr, money.value, row.i):
                    f.use_in([row.i], (money.value,))
            else:
                why = "earlier-grant" if _GRANTED.search(head.cells[k]) else "other-year"
                f.aside([row.i], [money.value], why)
    return True


def _part_scheme(table: Table, schemes) -> str | None:
    s = table.section
    while s is not None:
        found = [x for x in schemes.ids_in(s.title or "") if x != "kollektiv"]
        if len(found) == 1:
            return s.title
        s = s.parent
    return None


def _budget_by_measure(f: State, head: Row, body: list[Row], columns: dict[int, int]) -> None:
    """' | Tiltak A | Tiltak B | Sum' over 'Eigarmidlar', 'UH-midlar', 'Totalt' in the
    budget part: the summary of the report, one budget row per measure's column."""
    if _schemes_by_measure(f, head, body):
        return
    rows = []
    for row in body:
        label = row.cells[0].replace("**", "").strip() if row.cells else ""
        meaning = f.labels.meaning(label) or f.labels.meaning(split_note(label)[0])
        money = [x for x in meaning.fields if x in ATTR] if meaning else []
        if money and money[0] != "coordinator_amount":
            rows.append((row, ATTR[money[0]]))
    for k in columns:
        values: dict[str, int] = {}
        for row, attr in rows:
            value = read_money(row.cells[k]).value if k < len(row.cells) else None
            if value is not None:
                values.setdefault(attr, value)
        if values:
            label = head.cells[k].replace("**", "").strip()
            f.evidence(f"budget[{len(f.report.budget)}]", head.i)
            f.report.budget.append(_budget_row(f, rows[0][0], label, values, []))


def _schemes_by_measure(f: State, head: Row, body: list[Row]) -> bool:
    """'Ordning | Tiltak 1 | Tiltak 2 | Sum' over 'Rekomp | 500000 | 330000 | 830000', then
    'Eigar | …' and 'UH | …' under it: the schemes are the rows, and each scheme's row of the
    budget is its 'Sum' column, its shares the 'Eigar' and 'UH' rows under it."""
    total = next((k for k, c in enumerate(head.cells) if k and _SUM.match(c.strip())), None)
    if total is None:
        return False
    found = False
    current: Summary | None = None
    for row in body:
        label = row.cells[0].replace("**", "").strip() if row.cells else ""
        value = read_money(row.cells[total]).value if total < len(row.cells) else None
        schemes = [x for x in f.ctx.schemes.ids_in(label) if x != "kollektiv"]
        if _aside_row(f, label) or _GRANTED.search(label):
            # 'Tildelt 2025 – Rekomp': last year's grant, named for what it is
            f.aside([row.i], [a.value for c in row.cells for a in amounts_in(c)], "earlier-grant")
            current = None
            continue
        if len(schemes) == 1:
            current = f.summary_row(label) if value is not None else None
            if current is not None:
                current.put("total_stated", value, row.i)
                # its cells per measure: the scheme's total split by measure, read with it
                f.use_in([row.i], tuple(a.value for c in row.cells[1:] for a in amounts_in(c)))
                found = True
            continue
        if current is None or value is None:
            continue
        roles = roles_in(label)
        if len(roles) == 1 and roles[0] in ("owner", "uh"):
            current.put("owner_amount" if roles[0] == "owner" else "uh_amount", value, row.i)
    return found


def _term_parts(f: State, body: list[Row]) -> dict[int, str]:
    """'Eier V2026', 'Eier H2026', 'UH V2026' …: rows of a share split by term, each
    row's label a money field and a term. Returns the measure attribute of each such row."""
    out: dict[int, str] = {}
    for row in body:
        label = row.cells[0].replace("**", "").strip() if row.cells else ""
        terms = find_terms(label) if label else []
        if len(terms) != 1:
            continue
        _, _, start, end = terms[0]
        rest = (label[:start] + label[end:]).strip(" -–:()")
        meaning = f.labels.exact(rest) if rest else None
        money = [x for x in meaning.fields if x in _SPLIT_SHARES] if meaning else []
        if money:
            out[row.i] = money[0]
    return out if len(set(out.values())) < len(out) else {}  # a split has two terms or more


_SPLIT_SHARES = ("owner_amount", "uh_amount")  # the shares a term's row may hold


def _add_term_parts(
    f: State, body: list[Row], columns: dict[int, int], by_term: dict[int, str], totals: list[int]
) -> None:
    """Each measure's share is the sum of its terms' parts (a '–' part is none)."""
    for k, number in columns.items():
        slot = f.measure(number, create=False)
        if slot is None:
            continue
        sums: dict[str, list[tuple[int, int]]] = {}
        for row in body:
            attr = by_term.get(row.i)
            value = read_money(row.cells[k]).value if attr and k < len(row.cells) else None
            if attr and value is not None:
                sums.setdefault(attr, []).append((row.i, value))
        for attr, parts in sums.items():
            if getattr(slot.measure, attr) is not None:
                continue
            setattr(slot.measure, attr, sum(v for _, v in parts))
            slot.note(attr, parts[0][0])
            for i, v in parts:
                f.use(i, v)
    for row in body:
        if row.i in by_term:
            _row_total(f, row, columns, totals)


def _row_total(f: State, row: Row, columns: dict[int, int], totals: list[int]) -> None:
    """A row's figure in the 'Sum' column, read when it is the sum of the measures'."""
    for k in totals:
        total = read_money(row.cells[k]).value if k < len(row.cells) else None
        if total is None:
            continue
        parts = [read_money(row.cells[c]).value for c in columns if c < len(row.cells)]
        if sum(v or 0 for v in parts) == total:
            f.use(row.i, total)


# --- contacts --------------------------------------------------------------------------------


def _is_contact_table(columns, body: list[Row], f: State) -> bool:
    roles = [c for c in columns[1:] if c[0] is not None and ({"owner", "uh"} & set(c[0].fields))]
    if len(roles) < 2 or (columns[0][2].strip() and columns[0][0] is not None):
        return False
    firsts = [f.labels.meaning(r.cells[0]) for r in body if r.cells and r.cells[0].strip()]
    return any(m is not None and (m.has("contact") or m.field == "orgnr") for m in firsts)


def _contacts(f: State, head: Row, body: list[Row], columns) -> None:
    roles: dict[int, str] = {}
    for k, col in enumerate(columns):
        if k == 0 or col[0] is None:
            continue
        roles[k] = "uh" if "uh" in col[0].fields and "owner" not in col[0].fields else "eier"
    parts = {"name": "name", "function": "function", "email": "email", "phone": "phone"}
    # names first, so the other rows attach to the right person
    order = sorted(body, key=lambda r: 0 if _contact_part(f, r) == "name" else 1)
    for row in order:
        part = _contact_part(f, row)
        m = f.labels.meaning(row.cells[0]) if part is None and row.cells else None
        if m is not None and "reference" in m.fields:
            # 'Ev. merkes | Dekom 12035 | …': codes, not money
            f.use(row.i, *(a.value for c in row.cells for a in amounts_in(c)))
        for k, role in roles.items():
            cell = row.cells[k].strip() if k < len(row.cells) else ""
            if not cell:
                continue
            if part == "orgnr":
                digits = orgnr_in(cell)
                if digits:
                    f.orgnr.append((digits, row.i, role))
            elif part in parts:
                set_contact(f, role, part, cell, row.i)
                f.evidence("contacts", row.i)


def _people_columns(columns) -> dict[str, int] | None:
    """'NAVN | STILLING | E-POST | TELEFON': a list of people, one per row: the column of
    each part of a contact, when every column is one and there is a name and an e-mail or
    a phone."""
    parts: dict[str, int] = {}
    for k, (meaning, _note, _cell) in enumerate(columns):
        part = _person_part(meaning)
        if part is None or part in parts:
            return None
        parts[part] = k
    if "org" in parts and parts["org"] < parts.get("name", len(columns)):
        return None  # 'Part | Rolle | Kontaktperson': a list of parties, each with its contact
    return parts if "name" in parts and ({"email", "phone"} & set(parts)) else None


def _person_part(meaning: LabelMatch | None) -> str | None:
    if meaning is None:
        return None
    if "party_role" in meaning.fields:
        return "role"  # 'Rolle | Navn | Stilling': the role is a column of its own
    for fld in meaning.fields:
        if fld.startswith("contact."):
            return fld.rsplit(".", 1)[1]
    if "party" in meaning.fields:
        return "org"  # 'Organisasjon': where the person works, which says their role
    return None


def _people(f: State, body: list[Row], parts: dict[str, int]) -> None:
    """Each row a person; their role is the one the partners' list gives them (a
    partner's contact person), else whichever the text around says."""
    for row in body:
        cells = {p: row.cells[k].strip() if k < len(row.cells) else "" for p, k in parts.items()}
        name = cells.get("name", "")
        if not name or not _LETTERS.search(name):
            continue
        role = next(
            (p.role for p in f.report.partners if (p.contact or "").casefold() == name.casefold()),
            None,
        )
        email = person(cells.get("email", "")).email if cells.get("email") else None
        phone = person(cells.get("phone", "")).phone if cells.get("phone") else None
        written = _party_role(cells["role"]) if cells.get("role") else None
        who = role or written or _org_role(f, cells.get("org", "")) or f.last_org_role or "eier"
        contact = Contact(name, who, cells.get("function") or None, email, phone)  # type: ignore[arg-type]
        add_contact(f, contact, row.i)


_LETTERS = re.compile(r"[^\W\d_]{2}")


def _org_role(f: State, cell: str) -> str | None:
    """'Høgskulen på Vestlandet' in a person's organisation column: a UH's contact."""
    if not cell:
        return None
    found = f.ctx.units_first(f.ctx.orgs_in(cell, [*UH_KINDS, *OWNER_KINDS]))
    if not found:
        return None
    return "uh" if found[0].kind in UH_KINDS else "eier"


def _contact_part(f: State, row: Row) -> str | None:
    m = f.labels.meaning(row.cells[0]) if row.cells else None
    if m is None:
        return None
    for fld in m.fields:
        if fld.startswith("contact."):
            return fld.rsplit(".", 1)[1]
        if fld == "orgnr":
            return "orgnr"
    return None


# --- partners --------------------------------------------------------------------------------


def _role_column(body: list[Row]) -> int | None:
    if not body:
        return None
    width = max(len(r.cells) for r in body)
    for k in range(width):
        values = [
            r.cells[k].strip().lower() for r in body if k < len(r.cells) and r.cells[k].strip()
        ]
        if values and len(values) >= len(body) - 1 and all(v in _ROLE for v in values):
            return k
    return None


def _partners(f: State, head: Row, body: list[Row], role_col: int, columns) -> None:
    """Name | contact | role rows: the column of roles decides; the name column is the
    first other column of texts, the contact column the one headed as a contact."""
    from kompetansekart.ingest.fill.partners import add_partner

    contact_col = name_col = None
    for k, col in enumerate(columns):
        if k == role_col:
            continue
        values = [r.cells[k].strip() for r in body if k < len(r.cells) and r.cells[k].strip()]
        if not values or all(v.rstrip(".").isdigit() for v in values):
            continue  # the rows' numbers
        header = col[2].casefold()
        is_contact = "kontakt" in header
        if is_contact and "eier/uh" not in header and contact_col is None:
            contact_col = k
        elif name_col is None:
            name_col = k
    if name_col is None:
        return
    for row in body:
        cells = row.cells
        role = _ROLE.get(cells[role_col].strip().lower()) if role_col < len(cells) else None
        name = cells[name_col].strip() if name_col < len(cells) else ""
        if not name or role is None:
            continue
        contact = (
            cells[contact_col].strip()
            if contact_col is not None and contact_col < len(cells)
            else ""
        )
        add_partner(f, name, role, contact or None, row.i)
        email = next((c.strip() for c in cells if "@" in c), None)
        if contact and email:
            add_contact(f, Contact(contact, role, None, email), row.i)  # type: ignore[arg-type]
        for k, c in enumerate(cells):  # an organisation number column is read, not money
            if k != name_col and re.fullmatch(r"\d{3}\s?\d{3}\s?\d{3}", c.strip()):
                f.use(row.i, int(re.sub(r"\D", "", c)))


def _org_table(f: State, head: Row, body: list[Row], columns) -> bool:
    """'Eier | Org.nr. | Rolle | Kontaktperson', 'Institusjon | Enhet | … | E-post': a
    list of the partnership's organisations, one per row, under a column whose header
    names their role and whose cells are organisations (not amounts)."""
    from kompetansekart.ingest.fill.partners import add_partner

    found = _org_column(f, head, body, columns)
    if found is None:
        return False
    name_col, role = found
    role_col = _party_role_column(columns)
    kinds = UH_KINDS if role == "uh" else OWNER_KINDS
    contact_col = unit_col = email_col = None
    for k, cell in enumerate(head.cells):
        text = cell.replace("**", "").strip().casefold()
        if k in (name_col, role_col):
            continue
        if "kontakt" in text and contact_col is None:
            contact_col = k
        elif text.startswith(("enhet", "eining", "senter")) and unit_col is None:
            unit_col = k
        elif ("e-post" in text or "epost" in text) and email_col is None:
            email_col = k
    for row in body:
        cells = [c.replace("**", "").strip() for c in row.cells]
        name = cells[name_col] if name_col < len(cells) else ""
        if not name or _SUM.match(name):
            continue
        if role == "row":  # 'Part | Rolle': each row says its own role
            role_cell = cells[role_col] if role_col is not None and role_col < len(cells) else ""
            row_role = _party_role(role_cell)
            if row_role is None:
                continue  # 'ressurs', 'observatør': not a party with a role of its own
            kinds = UH_KINDS if row_role == "uh" else OWNER_KINDS
        else:
            row_role = role
        if unit_col is not None and unit_col < len(cells) and cells[unit_col]:
            unit = f.ctx.units_first(f.ctx.orgs_in(f"{cells[unit_col]}, {name}", kinds))
            if unit and unit[0].parent:
                name = unit[0].name
        contact = cells[contact_col] if contact_col is not None and contact_col < len(cells) else ""
        who = person(contact) if contact else None  # 'Ingrid Tveit, rådgiver barnehage'
        contact_name = (who.name if who and who.name else contact) or None
        add_partner(f, name, row_role, contact_name, row.i)
        if row_role == "uh":
            add_uh(f, [f.report.partners[-1].org], row.i)
        elif _COORDINATING.search(name):
            f.coordinating = (f.report.partners[-1].org, row.i)
        email = cells[email_col] if email_col is not None and email_col < len(cells) else ""
        if contact_name:
            function = who.function if who else None
            add_contact(f, Contact(contact_name, row_role, function, email or None), row.i)  # type: ignore[arg-type]
        for c in cells:  # an organisation number is read, not money
            if re.fullmatch(r"\d{3}\s?\d{3}\s?\d{3}", c):
                f.use(row.i, int(re.sub(r"\D", "", c)))
        for c in cells:  # 'Gjelder tiltak: 2 og 3' is measure numbers
            if re.fullmatch(r"[\d\s,og–-]+", c) and len(c) < 12:
                f.use(row.i, *(int(n) for n in re.findall(r"\d+", c)))
    return True


# 'Haugesund kommune (koordinerende eier)': the owner who sends the report for all
_COORDINATING = re.compile(
    r"\b(?:koordinerende|koordinerande|ansvarleg|ansvarlig|søker|søkjar)\b", re.I
)


def _org_column(f: State, head: Row, body: list[Row], columns) -> tuple[int, str] | None:
    """The column of organisations and their role: its header means the owner or the UH
    (or says 'Institusjon'), and most of its cells name a known organisation. A table of
    measures ('Nr | Tiltak | UH | Periode') is not one, though its UH column names some."""
    about_measures = {"measure_name", "terms", "purpose", "target_groups", "description"}
    for meaning, _note, header in columns:
        fields = set(meaning.fields) if meaning else set()
        if fields & about_measures or header.replace("**", "").strip().casefold() == "tiltak":
            return None
    for k, (meaning, _note, header) in enumerate(columns):
        fields = set(meaning.fields) if meaning else set()
        words = header.replace("**", "").strip().casefold()
        if "owner" in fields:
            role = "eier"
        elif "uh" in fields or words.startswith(("institusjon", "lærested")):
            role = "uh"
        else:
            continue
        values = [r.cells[k].replace("**", "").strip() for r in body if k < len(r.cells)]
        values = [v for v in values if v and not _SUM.match(v)]
        if not values or any(read_money(v).read for v in values):
            return None  # 'Eier | UH | Sum' over amounts: a budget
        kinds = UH_KINDS if role == "uh" else OWNER_KINDS
        named = sum(1 for v in values if f.ctx.orgs_in(v, kinds))
        if named * 2 >= len(values):
            return k, role
        return None
    return _party_column(f, body, columns)


def _party_column(f: State, body: list[Row], columns) -> tuple[int, str] | None:
    """'Part | Rolle | Kontaktperson': a column of the partnership's parties beside a
    column that gives each one's role ('eier', 'UH'); most of its cells name a known
    organisation."""
    role_col = _party_role_column(columns)
    if role_col is None:
        return None
    for k, (meaning, _note, _header) in enumerate(columns):
        if meaning is None or "party" not in meaning.fields:
            continue
        values = [r.cells[k].replace("**", "").strip() for r in body if k < len(r.cells)]
        values = [v for v in values if v and not _SUM.match(v)]
        named = sum(1 for v in values if f.ctx.orgs_in(v, OWNER_KINDS + UH_KINDS))
        if values and named * 2 >= len(values):
            return k, "row"
    return None


def _people_table(f: State, head: Row, body: list[Row]) -> bool:
    """'Kven | Namn | Stilling | E-post' over 'Eigar / koordinator | Ingrid … | rådgjevar |
    ingrid@…' and 'USN | Torstein … | … | torstein@…': the contact people, a row each,
    the first column saying whose contact (a role, or the organisation)."""
    heads = [c.replace("**", "").strip() for c in head.cells]
    meanings = [f.labels.meaning(c) if c else None for c in heads]
    if not meanings or meanings[0] is None or "party_role" not in meanings[0].fields:
        return False
    mail = next((k for k, c in enumerate(heads) if re.search(r"e-?post|e-?mail", c, re.I)), None)
    name = next((k for k, c in enumerate(heads) if _BARE_NAME.match(c)), None)
    if mail is None or name is None:
        return False
    job = next(
        (k for k, c in enumerate(heads) if re.match(r"(?i)stilling|funksjon|tittel", c)), None
    )
    tel = next((k for k, c in enumerate(heads) if re.match(r"(?i)tlf|telefon|mobil", c)), None)
    rows = [r for r in body if _EMAIL_CELL.match(_cell(r, mail))]
    if not rows or len(rows) * 2 < len(body):
        return False
    for row in rows:
        who = _cell(row, 0).replace("**", "").strip()
        role = _party_role(who) or ("uh" if f.ctx.orgs_in(who, UH_KINDS) else "eier")
        function = _filled_cell(row, job)
        phone = _filled_cell(row, tel)
        email = _cell(row, mail).strip()
        contact = Contact(_cell(row, name).strip(), role, function, email, phone)  # type: ignore[arg-type]
        add_contact(f, contact, row.i)
    return True


def _filled_cell(row: Row, k: int | None) -> str | None:
    """A cell's text, or None for a missing column or a blank ('', '-', '–')."""
    text = _cell(row, k).strip() if k is not None else ""
    return text if re.search(r"\w", text) else None


def _party_role_column(columns) -> int | None:
    for k, (meaning, _note, _header) in enumerate(columns):
        if meaning is not None and "party_role" in meaning.fields:
            return k
    return None


def _party_role(cell: str) -> str | None:
    """'UH', 'eier (koordinerende)': the role a party's cell gives; 'ressurs' gives none."""
    roles = roles_in(cell)
    return "uh" if "uh" in roles else "eier" if "owner" in roles else None


# --- unions ----------------------------------------------------------------------------------


def _union_table(f: State, table: Table, head: Row, body: list[Row]) -> bool:
    in_union = table.section is not None and table.section.within("union") is not None
    asked = table.question is not None and "unions" in table.question.fields
    if not (in_union or asked):
        return False
    found: list[str] = []
    for row in body:
        found += union_names(f, " ".join(row.cells))
    if not found:
        return False
    add_unions(f, found, body[0].i)
    return True


# --- money -----------------------------------------------------------------------------------


@dataclass
class Column:
    """What one column of a row table holds."""

    # number | name | money | terms | continued | purpose | uh | target | scheme | breakdown
    # | text
    kind: str
    attr: str | None = None  # for money: owner_amount | uh_amount | total_stated | ...
    uh: OrgRef | None = None  # the UH a money column is headed by ('HVL', 'UH (SePU)')
    header: str = ""
    owner: bool = False  # a money column headed by one owner's name


_ROW_LABELS = ("name", "number", "scheme")
_TEXT_KINDS = {
    "measure_name": "name",
    "measure_number": "number",
    "terms": "terms",
    "continuation": "continued",
    "purpose": "purpose",
    "uh": "uh",
    "target_groups": "target",
    "schemes": "scheme",
}


def _classify(f: State, col, values: list[str]) -> Column:
    meaning, note, header = col
    fields = meaning.fields if meaning else ()
    filled = [v for v in values if v.strip() and not _PLACEHOLDER.fullmatch(v)]
    term = _term_header(header) if meaning is None else None
    if term is not None and all(_MARK.match(v) or _EMPTY_MARK.match(v) for v in values):
        return Column("term", term, header=header)  # 'Vår 2026' over its ☒ / x per measure
    if "uh_breakdown" in fields:
        return Column("breakdown", header=header)  # 'Fordeling UH': each unit's share
    amounts = sum(
        1 for v in filled if read_money(v).read and not _digits_only_small(v) and not _wordy(v)
    )
    numbers = "measure_number" in fields or (
        filled
        and not fields  # 'PPT' over '1' is a count of units, not a row's number
        and all(_SMALL_NUMBER.fullmatch(v.strip()) for v in filled)
        and not header.strip(" *").isdigit()
        and len(header) <= 8
    )
    if numbers and not any(x in _MONEY for x in fields):
        return Column("number", header=header)
    if filled and amounts >= len(filled) / 2:
        year = f.report.year
        if meaning is not None and meaning.year is not None and year and meaning.year != year:
            # 'Eier 2027' in a report for 2026: another year's figures (a forecast)
            return Column("aside", "other-year", header=header)
        for fld in fields:
            if fld in _MONEY:
                uh = _uh_of(f, note, None) if fld == "uh_amount" and note else None
                return Column("money", ATTR[fld], uh, header)
        if "own_contribution" in fields or "earlier_grant" in fields:
            return Column(
                "aside",
                "own-contribution" if "own_contribution" in fields else "earlier-grant",
                header=header,
            )
        found = f.ctx.units_first(f.ctx.orgs_in(header, [*UH_KINDS, *OWNER_KINDS]))
        if found:
            kind = found[0].kind
            if kind in UH_KINDS:
                return Column("money", "uh_amount", found[0], header)
            # 'Haugesund | Karmøy | … | Eiere totalt': one owner's share of the owners' sum
            return Column("money", "owner_amount", None, header, owner=True)
        return Column("text", header=header)
    for fld in fields:
        if fld in _TEXT_KINDS:
            return Column(_TEXT_KINDS[fld], header=header)
    if header.strip().lower().startswith("tiltak"):
        return Column("name", header=header)
    return Column("text", header=header)


# '–' (or '0') in a cell that has no figure: a blank, not text ('Dekomp | – | – | –')
_PLACEHOLDER = re.compile(r"\s*(?:[-–—−]+|0)\s*")
_SMALL_NUMBER = re.compile(r"\d{1,2}\.?")
_SMALL_CELL = re.compile(r"\s*\d{1,2}\.?\s*")
_DIGITS = re.compile(r"\s*\d[\d .,-]*\s*")


def _wordy(cell: str) -> bool:
    """'Trygt skolemiljø (NB: videreført, tidligere tildelt kr 300 000)': a text that
    mentions a figure, not a cell of money (more than six words besides its figures)."""
    rest = cell
    for a in reversed(amounts_in(cell)):
        rest = rest[: a.start] + " " + rest[a.end :]
    return len(re.findall(r"[^\W\d_]{2,}", rest)) > 6


def _digits_only_small(cell: str) -> bool:
    return bool(_SMALL_CELL.fullmatch(cell))


def _rows(f: State, table: Table, body: list[Row], kinds: list[Column], scope: Scope) -> None:
    """Rows of a table with named columns: scheme rows and measure rows with their money,
    and the Sum row. In the summary part they are the report's budget; elsewhere the
    money is the measures' own."""
    in_budget = table.section is not None and table.section.within(BUDGET) is not None
    if table.section is None and scope.kind == "report" and not f.slots:
        in_budget = in_budget or all(k.kind != "name" for k in kinds)
    scale = 1000 if _in_thousands(table, f.doc, f.form.prose) else 1
    for row in body:
        cells = [row.cells[k] if k < len(row.cells) else "" for k in range(len(kinds))]
        status = _status_not_applied(kinds, cells)
        if status is not None:
            # 'KI og vurdering for læring | Utkast | … | 100': a draft, or last year's
            # ended measure, in a database view of all rows: no measure of this report
            f.aside([row.i], [a.value for c in cells for a in amounts_in(c)], status)
            continue
        if _example_row(cells, kinds):
            # 'Eks. | Eksempel: Navn på tiltaket | … | kr 100 000': the template's example
            f.aside([row.i], [a.value for c in cells for a in amounts_in(c)], "example")
            continue
        why = _aside_row(f, _row_label(cells, kinds, row.raw))
        if why is not None:
            # 'Egeninnsats (ikke omsøkt) | ca. kr 600 000': the owner's own work, or last
            # year's grant, whatever the figure's form
            f.aside([row.i], [a.value for c in cells for a in amounts_in(c)], why)
            continue
        values, shares = _money_values(f, row, cells, kinds)
        if scale != 1:  # 'Samla budsjett for 2025 (i 1000 kr)': the cells count thousands
            values = {k: v * scale for k, v in values.items()}
            shares = [UhShare(s.uh, s.amount * scale) for s in shares]
        label = _row_label(cells, kinds, row.raw)
        number = _row_number(cells, kinds)
        scheme_cell = next(
            (c for c, k in zip(cells, kinds, strict=True) if k.kind == "scheme" and c.strip()), ""
        )
        named = any(k.kind == "name" for k in kinds)
        money_row(
            f, row, label, number, values, shares, in_budget, scheme_cell, named, cells, kinds
        )
        for c, k in zip(cells, kinds, strict=True):
            if k.kind == "text" and re.search(r"\d", c):
                # a remark cell ('Forprosjektet i 2024 kostet kr 95 000', 'hvorav 45 000 til
                # reise'): its figures are named when its words say they are not budget
                f._classify(c, [row.i])


_STATUS_HEAD = re.compile(r"^\W*(?:status|tilstand)\W*$", re.I)
_DRAFT = re.compile(
    r"^\W*(?:utkast|kladd|ikke\s+søkt|ikkje\s+søkt|forkastet|forkasta|avvist)\b", re.I
)
_ENDED = re.compile(r"^\W*(?:avsluttet|avslutta|ferdig|gjennomført|fullført)\b", re.I)


def _status_not_applied(kinds: list[Column], cells: list[str]) -> str | None:
    """The reason a row is no measure applied for, by its 'Status' column: 'draft' or
    'ended'; None for an active row or a table without such a column."""
    for cell, col in zip(cells, kinds, strict=True):
        if col.kind == "text" and _STATUS_HEAD.match(col.header or ""):
            if _DRAFT.match(cell):
                return "draft"
            if _ENDED.match(cell):
                return "ended"
    return None


def _aside_row(f: State, label: str) -> str | None:
    said = f.labels.meaning(label.replace("**", "").strip()) if label else None
    fields = said.fields if said else ()
    if "own_contribution" in fields:
        return "own-contribution"
    return "earlier-grant" if "earlier_grant" in fields else None


_EXAMPLE_CELL = re.compile(r"^(?:eks\.|eksempel\b|døme\b|f\.\s?eks\.)", re.I)


def _example_row(cells: list[str], kinds: list[Column]) -> bool:
    """A row the template fills in as an example: its number or name says so."""
    return any(
        k.kind in ("name", "number") and _EXAMPLE_CELL.match(c.replace("*", "").strip())
        for c, k in zip(cells, kinds, strict=True)
    )


_THOUSANDS = re.compile(
    r"\(?\s*(?:i\s+)?(?:1\s?000|tusen)\s*(?:kr\.?|kroner|nok)\s*\)?|\bi\s+hele\s+tusen|\bi\s+heile\s+tusen"
    r"|\bk\s?nok\b|\btnok\b|\bkkr\b",  # 'Eier (kNOK)
    re.IGNORECASE,
)


def _in_thousands(table: Table, doc: Document, prose: list[int]) -> bool:
    """Does the table's heading, question, header row or the line of text just above it
    say its figures are in thousands?"""
    texts = [c for c in table.rows[0].cells] if table.rows else []
    s = table.section
    while s is not None:
        texts.append(s.title or "")
        s = s.parent
    if table.question is not None:
        texts.append(table.question.label)
    first = table.rows[0].i if table.rows else 0
    if first and (first - 1 in prose or not doc.is_table_row(first - 1)):
        # '*Alle beløp er i hele 1 000 kroner.*' above it (a line of text, whatever the
        # reader made of it: a paragraph, or the lines after a field's answer)
        texts.append(doc.plain(first - 1))
    return any(_THOUSANDS.search(t) for t in texts)


_LISTED = re.compile(r"^(?P<n>\d{1,2})[.)]\s+(?P<name>\S.*)$")


def money_row(
    f: State,
    row: Row,
    label: str,
    number: int | None,
    values: dict[str, int],
    shares: list[UhShare],
    in_budget: bool,
    scheme_cell: str = "",
    named: bool = False,
    cells: list[str] | None = None,
    kinds: list[Column] | None = None,
) -> None:
    """One row of money: the Sum row, a measure's row, or a scheme's row."""
    if label and _SUM.match(label.replace("**", "")) and number is None:
        if values:
            total = _budget_row(f, row, label, values, shares)
            if in_budget or not f.slots:
                f.report.budget_sum = total
                f.evidence("budget_sum", row.i)
            else:  # the sum of the measures of a scheme's part, or of the report's
                f.part_sums.append((f.part_scheme(row.i), total, row.i))
        return
    why = _aside_row(f, label)
    if why is not None and not values:
        return  # 'Eigeninnsats (timar) | ca. 1 400 t': hours of own work, no measure
    if why is not None and values:
        # 'Tildelt tilskudd Rekomp 2025 | 380 000 | …' among the schemes' rows: last year's
        # grant (or the owner's own work), named as such, never a budget row
        for v in values.values():
            if f.used[(row.i, v)] > 0:
                f.used[(row.i, v)] -= 1  # read as the row's money above: not after all
        f.aside([row.i], list(values.values()), why)
        return
    schemes = [s for s in f.ctx.schemes.ids_in(scheme_cell or label) if s != "kollektiv"]
    ref = measure_ref(label + (":" if not re.search(r"[:.\-–;]", label) else "")) if label else None
    if ref is not None and number is None:
        number = ref[0][0]
    name = ref[1] if ref else (label if named else None)
    listed = _LISTED.match(name) if name and number is None else None
    listed = listed or (_known_numbered(f, name) if name and number is None else None)
    if listed:  # '1. Inkluderende læringsmiljø' in the name column: its number and name
        number, name = int(listed["n"]), listed["name"]
    name, uh = _uh_after_name(f, name)
    if number is not None or (name and not schemes):
        slot = f.measure(number, _clean_name(name))
        if slot is None:
            return
        m = slot.measure
        if uh is not None and m.uh is None:
            m.uh = uh
            slot.note("uh", row.i)
        known = {v for v in (m.owner_amount, m.uh_amount, m.total_stated) if v is not None}
        _measure_cells(f, slot, row, cells or [], kinds or [], values, shares)
        if known and set(values.values()) <= known:
            return  # 'Budsjett per tiltak': the measure's figures said again, no budget row
        if in_budget and values:
            budget = _budget_row(
                f, row, label if ref or listed else _measure_label(number, name), values, shares
            )
            f.evidence(f"budget[{len(f.report.budget)}]", row.i)
            f.report.budget.append(budget)
        return
    if values and (schemes or in_budget):
        budget = _budget_row(f, row, label, values, shares)
        if len(schemes) == 1:
            budget.scheme, budget.label = schemes[0], None
            # '[X] Desentralisert ordning' in the row's own cell: the scheme is chosen
            # where its figures stand, and the mark is read with them
            f.marks[row.i] += count_boxes(scheme_cell or label)[0]
        f.evidence(f"budget[{len(f.report.budget)}]", row.i)
        f.report.budget.append(budget)


_NAME_NOTE = re.compile(r"\s*\(([^()]{2,60})\)\s*$")


def _uh_after_name(f: State, name: str | None) -> tuple[str | None, OrgRef | None]:
    """'Tidlig innsats i barnehagen (DMMH)': the measure's name, and its UH in brackets."""
    m = _NAME_NOTE.search(name or "")
    if name is None or m is None or m.start() == 0:
        return name, None
    found = f.ctx.units_first(f.ctx.orgs_in(m.group(1), UH_KINDS))
    return (name[: m.start()], found[0]) if found else (name, None)


def _known_numbered(f: State, name: str) -> re.Match[str] | None:
    """'1 Lek og språk i barnehagen': a measure read already, by its number and name."""
    m = _NUMBER_NAME.match(name)
    if m is None:
        return None
    slot = f.measure(int(m["n"]), create=False)
    if (
        slot is None
        or (_clean_name(m["name"]) or "").casefold() != (slot.measure.name or "").casefold()
    ):
        return None
    return m


_NUMBER_NAME = re.compile(r"^(?P<n>\d{1,2})\s+(?P<name>\S.*)$")


def _money_values(f: State, row: Row, cells: list[str], kinds: list[Column]):
    """The row's money. UH columns headed by their institution ('UiT | Sámi allaskuvla')
    are the UH's shares; a column for the UH total ('UH samlet') is then the amount, and
    the shares are its split."""
    values: dict[str, int] = {}
    shares: list[UhShare] = []
    total_col = any(k.kind == "money" and k.attr == "uh_amount" and k.uh is None for k in kinds)
    named_cols = any(
        k.kind == "money" and k.attr == "uh_amount" and k.uh is not None for k in kinds
    )
    if total_col and named_cols:
        for cell, col in zip(cells, kinds, strict=True):
            if col.kind == "money" and col.attr == "uh_amount" and col.uh is not None:
                money = read_money(cell.replace("**", ""))
                f.use_in([row.i], money.read)
                if money.value is not None:
                    shares.append(UhShare(col.uh, money.value))
        kinds = [
            k
            if not (k.kind == "money" and k.attr == "uh_amount" and k.uh is not None)
            else Column("text")
            for k in kinds
        ]
        cells = [
            c if kinds[j].kind != "text" or not read_money(c).read else ""
            for j, c in enumerate(cells)
        ]
    for cell, col in zip(cells, kinds, strict=True):
        if col.kind == "aside":
            money = read_money(cell)
            f.aside([row.i], list(money.read), col.attr or "part")
            continue
        if col.kind != "money":
            continue
        money = read_money(cell.replace("**", ""))
        f.use_in([row.i], money.read)
        f.aside_money([row.i], money)
        if money.value is None:
            if money.problem and col.attr in ("owner_amount", "uh_amount", "total_stated"):
                # 'ca. 150 000' in the UH column: no one amount, said so on its row
                f.diag(
                    "warning",
                    "amount-unclear",
                    f"{_what(col.attr)}: '{cell.strip()[:60]}' is {_an(money.problem)} "
                    "figure, not one amount; left unknown",
                    "budget",
                    row.i,
                )
            continue
        coordinator = [a.value for a in money.aside] if COORDINATOR.search(cell) else []
        if col.attr == "owner_amount" and len(coordinator) == 1:
            # '250 000 hvorav koordinator: 50 000': the owner's share and the coordinator's
            values.setdefault("coordinator_amount", coordinator[0])
            f.use_in([row.i], (coordinator[0],))
        if col.attr == "uh_amount":
            values["uh_amount"] = values.get("uh_amount", 0) + money.value
            if not (total_col and named_cols):
                shares += _shares(f, money, col.uh, row.i)
        elif col.owner:
            values["owner_shares"] = values.get("owner_shares", 0) + money.value
        elif col.attr is not None and col.attr not in values:
            values[col.attr] = money.value
    _owner_shares(f, row, cells, kinds, values)
    for cell, col in zip(cells, kinds, strict=True):
        if col.kind == "breakdown" and cell.strip():
            shares = _breakdown(f, row, cell, values.get("uh_amount"), shares)
    return values, shares


def _breakdown(
    f: State, row: Row, cell: str, uh_amount: int | None, shares: list[UhShare]
) -> list[UhShare]:
    """'FLKI, campus Sogndal 540 000; Senter for mat, helse og fysisk aktivitet 180 000'
    under 'Fordeling UH': the row's UH amount split by unit. Its figures are read when
    they add up to that amount; the split is kept when each names a known UH or unit."""
    amounts = amounts_in(cell)
    if not amounts or uh_amount is None or sum(a.value for a in amounts) != uh_amount:
        return shares  # left for the accounting to name
    f.use_in([row.i], tuple(a.value for a in amounts))
    split, cursor = [], 0
    for a in amounts:
        found = f.ctx.units_first(f.ctx.orgs_in(cell[cursor : a.start], UH_KINDS))
        if not found:
            return shares
        split.append(UhShare(found[-1], a.value))
        cursor = a.end
    return shares or split


def _owner_shares(f: State, row: Row, cells: list[str], kinds: list[Column], values) -> None:
    """'Haugesund | Karmøy | Stiftelsen | Eiere totalt': the owners' own columns add up to
    the owners' total (a column whose owner the gazetteer does not know among them); with
    no total column, their sum is the owner's amount."""
    shares = values.pop("owner_shares", None)
    if shares is None:
        return
    if "owner_amount" not in values:
        values["owner_amount"] = shares
        return
    first = next(k for k, c in enumerate(kinds) if c.owner)
    last = max(
        k
        for k, c in enumerate(kinds)
        if c.kind == "money" and c.attr == "owner_amount" and not c.owner
    )
    between = [
        v
        for k in range(first, last)
        if kinds[k].kind == "text"
        for v in read_money(cells[k].replace("**", "")).read
    ]
    if shares + sum(between) == values["owner_amount"]:
        f.use_in([row.i], tuple(between))


# '… (NB: videreført fra 2025, tidligere tildelt kr 300 000 (2025))': a remark after a
# measure's name, in its cell
_REMARK = re.compile(
    r"\s*\((?P<remark>(?:nb|merk|obs|merknad)\b[:.]?[^()]*(?:\([^()]*\)[^()]*)*)\)\s*$", re.I
)
_CONTINUES = re.compile(
    r"\b(?:videreført|videreføres|vidareført|vidareførast|fortsetter|held\s+fram|"
    r"bygger\s+(?:videre\s+)?på)\b",
    re.I,
)


def _name_remark(cell: str) -> tuple[str, str | None]:
    """A name cell's name and the remark after it, if any."""
    m = _REMARK.search(cell)
    if m is None or m.start() == 0:
        return cell, None
    return cell[: m.start()].strip(), m["remark"]


def _read_remark(f: State, slot, row: Row, remark: str) -> None:
    """The remark after a measure's name says whether it goes on from last year, and
    names the figures in it (last year's grant) for what they are."""
    m = slot.measure
    if m.continued is None and _CONTINUES.search(remark):
        m.continued = True
        slot.note("continued", row.i)
    money = prose_money(remark, f.report.year, uh_names(f), owner_names(f))
    for a in money.aside:
        f.aside([row.i], [a.value], a.why)


# '…; Målgruppe: lærarar …': a cell's next paragraph, a label and its value
_LABELLED_PART = re.compile(r";\s+[A-ZÆØÅ][\w/ -]{0,30}:\s")
# a cell that starts with its name in bold and describes the measure after it
# (not 'Tiltak 1' in bold over the name: the measure's number)
_BOLD_LEAD = re.compile(
    r"^\s*\*\*(?!\s*tiltak\s*\d+\W*\*\*)(?P<name>[^*]{3,}?)\*\*\s*[;.:–-]?\s+(?=[A-ZÆØÅ(])\S",
    re.I,
)


def _row_label(cells: list[str], kinds: list[Column], raw: list[str]) -> str:
    for want in ("name", "scheme", "text"):
        for k, (cell, col) in enumerate(zip(cells, kinds, strict=True)):
            if col.kind == want and cell.strip():
                # 'Fådeltskuledidaktikk; Målgruppe: lærarar …': the name is the cell's
                # first paragraph, not the labelled ones under it
                cell = _LABELLED_PART.split(cell, maxsplit=1)[0]
                lead = _BOLD_LEAD.match(raw[k]) if want == "name" and k < len(raw) else None
                if lead is not None:
                    cell = lead["name"]  # '**Lesing i alle fag** Målgruppe: …': the bold name
                return _name_remark(cell.replace("**", "").strip())[0]
    # 'Nr | Tiltak | … ' over 'Sum |  | … | 700000': the Sum row's word in the number column
    words = [
        c.replace("**", "").strip() for c, k in zip(cells, kinds, strict=True) if k.kind == "number"
    ]
    return next((w for w in words if _SUM.match(w)), "")


def _row_number(cells: list[str], kinds: list[Column]) -> int | None:
    for cell, col in zip(cells, kinds, strict=True):
        if col.kind == "number":
            digits = re.sub(r"\D", "", cell)
            return int(digits) if digits and len(digits) <= 2 else None
    return None


def _measure_label(number: int | None, name: str | None) -> str:
    if number is None:
        return name or ""
    return f"Tiltak {number} – {name}" if name else f"Tiltak {number}"


def _budget_row(f: State, row: Row, label: str, values: dict[str, int], shares) -> BudgetRow:
    budget = BudgetRow(
        None,
        values.get("owner_amount"),
        values.get("uh_amount"),
        values.get("total_stated"),
        label=f.doc.as_written(label) or None,
        uh_breakdown=list(shares),
    )
    budget.line = f.doc.no(row.i)
    return budget


def _measure_cells(
    f: State, slot, row: Row, cells: list[str], kinds: list[Column], values, shares
) -> None:
    m = slot.measure
    slot.named_by = slot.named_by or "table"
    slot.note("name", row.i)
    for k, (col, cell) in enumerate(zip(kinds, cells, strict=False)):
        raw = row.raw[k] if k < len(row.raw) else cell
        lead = _BOLD_LEAD.match(raw) if col.kind == "name" else None
        if lead is not None:
            remark: str | None = raw[lead.end() - 1 :]  # the description after the name
        else:
            remark = _name_remark(cell.replace("**", "").strip())[1] if col.kind == "name" else None
        if remark:
            _read_remark(f, slot, row, remark)
    for attr in ("owner_amount", "uh_amount", "total_stated", "coordinator_amount"):
        if attr in values and getattr(m, attr) is None:
            setattr(m, attr, values[attr])
            slot.note(attr, row.i)
    if len(shares) == 1 and m.uh is None:
        m.uh = shares[0].uh
        slot.note("uh", row.i)
    ticked = [
        c.attr
        for c, cell in zip(kinds, cells, strict=True)
        if c.kind == "term" and _MARK.match(cell)
    ]
    if ticked:
        f.marks[row.i] += len(ticked)
        if not m.terms:
            m.terms = sorted(set(ticked), key=_term_key)  # type: ignore[arg-type]
            slot.note("terms", row.i)
    for k, (cell, col) in enumerate(zip(cells, kinds, strict=True)):
        cell = cell.replace("**", "").strip()
        if not cell:
            continue
        raw = row.raw[k].replace("**", "") if k < len(row.raw) else cell
        if col.kind == "terms" and BOX.search(raw):
            # '☒ vår 2026; ☒ haust 2026; ☐ vår 2027': the terms ticked
            from kompetansekart.ingest.fill.values import pick

            picked = pick(raw, terms_found(raw), True)
            f.marks[row.i] += picked.marks
            if picked.values and not m.terms:
                m.terms = sorted(set(picked.values), key=_term_key)
                slot.note("terms", row.i)
            continue
        if col.kind == "uh":
            found = f.ctx.units_first(f.ctx.orgs_in(cell, UH_KINDS))
            if found and m.uh is None:
                m.uh = found[0]
                slot.note("uh", row.i)
        elif col.kind == "terms":
            terms = sorted({t.value for t in terms_found(cell)}, key=_term_key)
            if terms and not m.terms:
                m.terms = terms
                slot.note("terms", row.i)
        elif col.kind == "scheme":
            schemes = [s for s in f.ctx.schemes.ids_in(cell) if s != "kollektiv"]
            if len(schemes) == 1 and m.scheme is None:
                m.scheme = schemes[0]
                slot.note("scheme", row.i)
        elif col.kind == "target":
            m.target_groups += [
                g for g in f.ctx.target_groups.ids_in(cell) if g not in m.target_groups
            ]
        elif col.kind == "purpose":
            chosen = _cell_choice(f, row.i, cell, "purpose")
            if chosen and m.purpose is None:
                m.purpose = chosen[0]
                slot.note("purpose", row.i)
        elif col.kind == "continued":
            chosen = _cell_choice(f, row.i, cell, "yesno")
            said = new_or_continued(cell) if not chosen else None
            if chosen and chosen[0] in ("ja", "nei") and m.continued is None:
                m.continued = chosen[0] == "ja"
                slot.note("continued", row.i)
            elif said is not None and m.continued is None:
                m.continued = said
                slot.note("continued", row.i)


def _cell_choice(f: State, i: int, cell: str, set_name: str) -> tuple[str, ...]:
    """The option a cell picks: its mark ('☐ Vurdering ☒ Planlegging'), or its word."""
    from kompetansekart.ingest.fill.values import pick

    found = option_set(set_name).find(cell)
    picked = pick(cell, found, False)
    f.marks[i] += picked.marks
    return picked.values if len(picked.values) == 1 else ()


def _clean_name(name: str | None) -> str | None:
    if not name:
        return None
    # 'Profesjonsfellesskap …*': a footnote's mark after the name is no part of it
    return " ".join(name.replace("**", "").split()).strip(" :").rstrip("*¹²³†") or None


def _term_key(term: str):
    from kompetansekart.ingest.terms import term_sort_key

    return term_sort_key(term)


# --- rows without a header -------------------------------------------------------------------


def _headerless(f: State, table: Table, rows: list[Row], scope: Scope, dispatch: Dispatch) -> None:
    """Rows of 'label | value | …': each row a pair of its first two filled cells; a row of
    option cells ('Ja ☒ | Nei ☐') answers the question before the table."""
    for row in rows:
        filled = [(k, c) for k, c in enumerate(row.cells) if c.strip()]
        if (
            len(filled) >= 2
            and table.question is not None
            and all(_option_kind(f, c.replace("☒", "").replace("☐", "")) for _, c in filled)
        ):
            raw = "   ".join(row.raw)
            pair = Pair(row.i, table.question.label, table.question.meaning, raw, raw, "row")
            pair.section = table.section
            dispatch(pair)
            continue
        if len(filled) < 2:
            continue
        row, filled = _label_before_box(row, filled)
        for label, cells in _labelled_runs(f, row, filled):
            for pair in _row_pairs(f, row, label, cells):
                pair.section = table.section
                dispatch(pair)


def _label_before_box(row: Row, filled: list[tuple[int, str]]) -> tuple[Row, list[tuple[int, str]]]:
    """'Sett i sammenheng med videreutdanning ☒ Ja | ☐ Nei | ☐ Vet ikke': the question and
    its first option share a cell; the option is the first cell of the answer."""
    k, first = filled[0]
    found = BOX.search(first)
    if found is None or not first[: found.start()].strip() or k != 0:
        return row, filled
    raw_found = BOX.search(row.raw[0])
    cut = raw_found.start() if raw_found else len(row.raw[0])
    cells = [first[: found.start()].strip(), first[found.start() :], *row.cells[1:]]
    raw = [row.raw[0][:cut].strip(), row.raw[0][cut:], *row.raw[1:]]
    new = Row(row.i, cells, raw)
    return new, [(n, c) for n, c in enumerate(cells) if c.strip()]


def _labelled_runs(
    f: State, row: Row, filled: list[tuple[int, str]]
) -> list[tuple[str, list[int]]]:
    """'Namn på tiltaket | Lesing … | Bruk av midlane: | Gjennomføring', 'Eiers andel (kr) |
    180 000 | UH-andel (kr) | 320 000': the row's first cell labels the cells after it up
    to a cell that is a label of its own (it ends in ':', or is a money label the
    vocabulary knows between figures), which labels the cells after it."""
    runs: list[tuple[str, list[int]]] = [(filled[0][1], [])]
    for k, cell in filled[1:]:
        own = cell.rstrip().endswith(":") or _money_label(f, cell)
        if own and k + 1 < len(row.cells) and runs[-1][1]:
            runs.append((cell.rstrip().rstrip(":"), []))
        else:
            runs[-1][1].append(k)
    return [(label, cells) for label, cells in runs if cells]


def _org_header(f: State, cell: str) -> bool:
    """Is the cell an organisation's name alone ('Haugesund', 'UiS')?"""
    text = cell.replace("**", "").strip()
    return len(text.split()) <= 3 and bool(f.ctx.orgs_in(text, [*UH_KINDS, *OWNER_KINDS]))


def _money_label(f: State, cell: str) -> bool:
    if _amounty(cell):
        return False
    meaning = f.labels.exact(cell.replace("**", "").strip())
    return meaning is not None and bool(set(meaning.fields) & set(_MONEY))


def _row_pairs(f: State, row: Row, label: str, cells: list[int]) -> list[Pair]:
    """The pairs a row's label and its cells make: one, or, for 'Beløp (Eigar / UH / Sum)'
    over as many figures, one per role named in the note, and for 'Kompetansemiljø og
    semester' (two labels the vocabulary knows) the same cells for each."""
    bare, note = split_note(label)
    meaning = f.labels.meaning(label)
    # 'Kontaktperson eier | Hilde Jakobsen | Rådgiver skole | hilde@…': a person's parts
    listed = meaning is not None and any(x.startswith("contact.") for x in meaning.fields)
    value = (", " if listed else "  ").join(row.cells[k] for k in cells)
    raw = (", " if listed else "  ").join(row.raw[k] for k in cells)
    roles = [r.strip() for r in re.split(r"\s*/\s*|,\s*", note or "") if r.strip()]
    if note and len(roles) == len(cells) >= 2 and all(_amounty(row.cells[k]) for k in cells):
        found = [f.labels.meaning(r) for r in roles]
        if all(m is not None and set(m.fields) & set(_MONEY) for m in found):
            return [
                Pair(row.i, r, m, row.cells[k], row.raw[k], "row")
                for r, m, k in zip(roles, found, cells, strict=True)
            ]
    if meaning is None and " og " in bare:
        parts = [p.strip() for p in bare.split(" og ", 1)]
        found = [f.labels.meaning(p) for p in parts]
        if all(m is not None for m in found) and found[0] != found[1]:
            # the cells are values listed, not options to choose from
            joined = ", ".join(row.cells[k] for k in cells)
            return [
                Pair(row.i, p, m, joined, joined, "row") for p, m in zip(parts, found, strict=True)
            ]
    return [Pair(row.i, bare, meaning, value, raw, "row", note)]


def _amounty(cell: str) -> bool:
    return bool(read_money(cell).read) or bool(_DIGITS.fullmatch(cell))


def _bold(cell: str) -> bool:
    cell = cell.strip()
    return cell.startswith("**") and cell.endswith("**")


__all__ = ["read_table"]
_ = (OWNER_KINDS, Partner)
