"""`timeline export`: the record in a publishable or machine-readable format."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from timeline.cli.common import (
    CaseOption, FileOption, KindOption, PersonOption, SearchOption, SinceOption, SoonOption,
    TagOption, TodayOption, UntilOption, app, err_console, filters_from, load_or_exit, local_today,
    parse_today, today_function, usage_error, write_output,
)  # fmt: skip
from timeline.render import ALIASES, RENDERERS

FORMATS = ", ".join([*RENDERERS, *ALIASES])


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", "-F", metavar="FORMAT", help=f"One of: {FORMATS}.")],
    output: Annotated[
        Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write here (atomically) instead of stdout.")
    ] = None,
    file: FileOption = None,
    case: CaseOption = None,
    kind: KindOption = None,
    person: PersonOption = None,
    tag: TagOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    search: SearchOption = None,
    today: TodayOption = None,
    soon: SoonOption = 7,
) -> None:
    """Export the timeline (or the filtered part of it) as markdown, json, ..."""
    name = ALIASES.get(format, format)
    if name not in RENDERERS:
        from timeline.diagnostics import suggest

        usage_error(f"--format: unknown format '{format}'{suggest(format, RENDERERS)}; one of: {FORMATS}")
    from timeline.deadlines import deadline_states
    from timeline.query import timeline_rows
    from timeline.render import View, notes, renderer

    fixed = parse_today(today)
    result = load_or_exit(file, fixed)
    filters = filters_from(result, case, kind, person, tag, since, until, search)
    states = deadline_states(result.timeline, today_function(fixed), soon)
    rows = timeline_rows(result.timeline, states, filters)
    view = View(result.timeline, rows, fixed or local_today(), soon, filters)
    write_output(renderer(name)(view), output)
    for note in notes(name, view):
        err_console().print(f"timeline: note: {note}", markup=False, highlight=False)
