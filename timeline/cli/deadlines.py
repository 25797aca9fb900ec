"""`timeline deadlines`: every deadline, most urgent first, with what set and met it."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from timeline.cli import completion
from timeline.cli.fail_on import FailOnOption, fail_on_exit, parse_fail_on

from timeline.cli.common import (
    CaseOption, FileOption, PathsArgument, KindOption, PersonOption, SearchOption, SinceOption, SoonOption,
    TagOption, TodayOption, UntilOption, app, select, usage_error,
)  # fmt: skip

StatusOption = Annotated[
    Optional[list[str]],
    typer.Option("--status", metavar="STATUS", autocompletion=completion.statuses,
                 help="Only these statuses (repeatable): missed, passed, due-soon, upcoming, "
                 "met-late, met, extended, vacated, moot, unknown."),
]  # fmt: skip
ExplainOption = Annotated[
    bool, typer.Option("--explain", help="Show how each computed due date was counted.")
]


@app.command(
    short_help="List the deadlines, most urgent first.",
    epilog="\b\nExample:\n  " + 'timeline deadlines --status missed --status due-soon --explain',
)
def deadlines(
    paths: PathsArgument = None,
    file: FileOption = None,
    case: CaseOption = None,
    kind: KindOption = None,
    person: PersonOption = None,
    tag: TagOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    search: SearchOption = None,
    status: StatusOption = None,
    explain: ExplainOption = False,
    today: TodayOption = None,
    soon: SoonOption = 7,
    fail_on: FailOnOption = None,
) -> None:
    """List the deadlines, most urgent first: passed, due soon, upcoming, then the rest."""
    from timeline.deadline_list import STATUSES, urgent_first

    for value in status or []:
        if value not in STATUSES:
            from timeline.diagnostics import suggest

            usage_error(f"--status: unknown status '{value}'{suggest(value, STATUSES)}; "
                        f"one of: {', '.join(STATUSES)}")  # fmt: skip
    failing = parse_fail_on(fail_on)
    from rich.console import Console

    from timeline.render.deadlines_view import DeadlinesView, deadlines_line
    from timeline.render.terminal import Wrapped

    result, view = select([*(paths or []), *(file or [])], cases=case, kinds=kind, people=person,
                          tags=tag, since=since,
                          until=until, search=search, today=today, soon=soon,
                          command="deadlines")  # fmt: skip
    rows = urgent_first(view.rows, tuple(status or ()))
    console = Console(highlight=False)
    if not rows:
        narrowed = view.filters.active() or bool(status)
        console.print("no deadlines match these filters" if narrowed else "no deadlines in the file",
                      markup=False)  # fmt: skip
        return
    console.print(DeadlinesView(result.timeline, rows, explain))
    console.print()
    console.print(Wrapped(deadlines_line(rows)))
    statuses = [row.state.status for row in rows if row.state is not None]
    raise typer.Exit(fail_on_exit("deadlines", statuses, failing))
