"""`timeline show`: the timeline in the terminal, deadlines flagged, a summary at the end."""

from __future__ import annotations

from timeline.cli.common import (
    CaseOption, FileOption, KindOption, PersonOption, SearchOption, SinceOption, SoonOption,
    TagOption, TodayOption, UntilOption, app, filters_from, load_or_exit, local_today,
    parse_today, today_function,
)  # fmt: skip


@app.command()
def show(
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
    """Show the timeline by year and month, every deadline with its status."""
    from rich.console import Console

    from timeline.deadlines import deadline_states
    from timeline.query import timeline_rows
    from timeline.render import View
    from timeline.render.terminal import TimelineView, Wrapped, summary

    fixed = parse_today(today)
    result = load_or_exit(file, fixed)
    filters = filters_from(result, case, kind, person, tag, since, until, search, fixed)
    states = deadline_states(result.timeline, today_function(fixed), soon)
    rows = timeline_rows(result.timeline, states, filters)
    view = View(result.timeline, rows, fixed or local_today(), soon, filters)
    console = Console(highlight=False)
    if not rows:
        console.print(nothing_shown(filters.active()), markup=False)
        return
    console.print(TimelineView(view))
    console.print()
    console.print(Wrapped(summary(view, len(result.timeline.events))))


def nothing_shown(filtered: bool) -> str:
    return "no events match these filters" if filtered else "no events in the file"
