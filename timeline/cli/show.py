"""`timeline show`: the timeline in the terminal, deadlines flagged, a summary at the end."""

from __future__ import annotations

from typing import Annotated

import typer

from timeline.cli.common import (
    CaseOption, FileOption, PathsArgument, KindOption, PersonOption, SearchOption, SinceOption, SoonOption,
    TagOption, TodayOption, UntilOption, app, select,
)  # fmt: skip
from timeline.cli.fail_on import FailOnOption, fail_on_exit, parse_fail_on


@app.command(
    short_help="Show the timeline, every deadline with its status.",
    epilog="\b\nExample:\n  " + 'timeline show events.yaml --case habeas --since 2025-05-01',
)
def show(
    paths: PathsArgument = None,
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
    details: Annotated[bool, typer.Option(
        "--details", help="Print each event's details under it.")] = False,
    fail_on: FailOnOption = None,
) -> None:
    """Show the timeline by year and month, every deadline with its status."""
    failing = parse_fail_on(fail_on)
    from rich.console import Console

    from timeline.render.terminal import TimelineView, Wrapped, summary

    result, view = select([*(paths or []), *(file or [])], cases=case, kinds=kind, people=person,
                          tags=tag, since=since,
                          until=until, search=search, today=today, soon=soon,
                          command="show")  # fmt: skip
    console = Console(highlight=False)
    if not view.rows:
        console.print(nothing_shown(view.filters.active()), markup=False)
        return
    timeline_view = TimelineView(view, details)
    if console.color_system is None:  # no styles to emit: strings, not Rich objects, are faster
        from timeline.render.terminal_plain import plain_text

        console.file.write(plain_text(timeline_view, console))
    else:
        console.print(timeline_view)
    console.print()
    console.print(Wrapped(summary(view, len(result.timeline.events))))
    statuses = [row.state.status for row in view.rows if row.state is not None]
    raise typer.Exit(fail_on_exit("show", statuses, failing))


def nothing_shown(filtered: bool) -> str:
    return "no events match these filters" if filtered else "no events in the file"
