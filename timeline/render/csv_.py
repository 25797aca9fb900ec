"""The csv export: one row an event, RFC 4180, safe to open in a spreadsheet.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some, a tab or
a carriage return) as a formula, so such a text cell gets a leading ``'``, the form spreadsheets
read as "this is text"; nothing else in the text changes. Numbers (the deadline's ``days``, -571
once passed) are written as numbers: a spreadsheet reading -571 computes nothing.

``status`` is the token a program matches (``passed``, ``missed``); ``status_text``, last so that
the columns before it keep their places, is the badge a reader is shown (``PASSED 571 days ago ·
no outcome recorded``).

Every text field is quoted (RFC 4180 allows it): LibreOffice Calc's import dialog splits on
tab, comma and semicolon by default, so a ``; ``-joined list or a tab left bare would split its
cell and shift the row. Quoted, the guard ``'`` stays in the cell's text, and LibreOffice's own
csv re-export keeps it. The header's names need no quotes and keep none.
"""

from __future__ import annotations

import csv
import io

from timeline.query import Row
from timeline.render import View
from timeline.render.phrases import badge
from timeline.render.publishing import case_titles

COLUMNS = (
    "id", "date", "precision", "end", "circa", "cases", "case_titles", "kind", "title",
    "details", "people", "sources", "tags", "certainty", "set_by", "met_by", "replaces",
    "due", "status", "days", "extended_by", "explain", "status_text",
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
JOIN = "; "


def render(view: View) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerow(COLUMNS)
    # QUOTE_NONNUMERIC quotes every str, and an empty one too, and leaves ints bare.
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    for row in view.rows:
        writer.writerow([cell(value) for value in values(view, row)])
    return out.getvalue()


def cell(value: str | int | None) -> str | int:
    """A cell's value: text neutralised against formulas, numbers as they are, None empty."""
    if value is None:
        return ""
    if isinstance(value, int):
        return value
    return neutralise(value)


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def values(view: View, row: Row) -> list[str | int | None]:
    event, state = row.event, row.state
    written = event.date
    due = state.due if state is not None else None
    return [
        event.id,
        written.iso() if written is not None else None,
        str(written.precision) if written is not None else None,
        event.end.iso() if event.end is not None else None,
        "true" if event.circa else "false",
        JOIN.join(event.case),
        JOIN.join(case_titles(view.timeline, event)),
        event.kind,
        event.title,
        event.details,
        JOIN.join(event.people),
        JOIN.join(event.sources),
        JOIN.join(event.tags),
        event.certainty,
        event.set_by,
        event.met_by,
        event.replaces,
        due.iso() if due is not None else None,
        state.status if state is not None else None,
        state.days if state is not None else None,
        state.extended_by if state is not None else None,
        JOIN.join(due.explain) if due is not None else None,
        # `status` stays the token a program matches; this is what a reader is shown.
        badge(state) if state is not None else None,
    ]
