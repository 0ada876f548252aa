"""Reading one ticked choice from a form line into a record field, with the warning when
the tick is invisible (flattened Word forms lose ☒/☐ and keep no bold)."""

from __future__ import annotations

from collections.abc import Sequence

from kompetansekart.ingest.checkboxes import Choice, read_choice
from kompetansekart.ingest.context import Context

YES_NO = ("Ja", "Nei")


def choose(
    ctx: Context, i: int, options: Sequence[str], field: str, *, text: str | None = None
) -> Choice:
    """Read `options` on line i (or in `text`); warn, naming the options, when no mark shows."""
    choice = read_choice(ctx.doc.text(i) if text is None else text, options)
    if choice.seen and not choice.marked:
        ctx.diag(
            "warning",
            "choice-not-visible",
            f"no option is visibly marked among {', '.join(choice.seen)}",
            field,
            i,
        )
    elif choice.marked and len(choice.selected) > 1 and field in _SINGLE:
        ctx.diag(
            "warning",
            "choice-ambiguous",
            f"several options marked ({', '.join(choice.selected)}); left unknown",
            field,
            i,
        )
        return Choice((), True, choice.seen)
    return choice


_SINGLE = {
    "continuation",
    "sector",
    "sami_perspective",
    "linked_to_further_education",
    "union_consultation.held",
}


def yes_no(ctx: Context, i: int, field: str, *, text: str | None = None) -> bool | None:
    choice = choose(ctx, i, YES_NO, field, text=text)
    if not choice.selected:
        return None
    ctx.evidence(field, i)
    return choice.selected[0] == "Ja"
