"""`timeline cases`: one row a case, with its last event and its deadlines."""

from __future__ import annotations

from timeline.cli.common import (
    FileOption, SoonOption, TodayOption, app, load_or_exit, local_today, parse_today,
    today_function,
)  # fmt: skip


@app.command()
def cases(file: FileOption = None, today: TodayOption = None, soon: SoonOption = 7) -> None:
    """List the cases: court, docket, events, last event, next deadline, deadlines passed."""
    from rich.console import Console

    from timeline.case_summary import case_summaries
    from timeline.deadlines import deadline_states
    from timeline.query import timeline_rows
    from timeline.render.cases_view import CasesView, cases_line
    from timeline.render.terminal import Wrapped

    fixed = parse_today(today)
    result = load_or_exit(file, fixed)
    states = deadline_states(result.timeline, today_function(fixed), soon)
    rows = timeline_rows(result.timeline, states)
    summaries = case_summaries(result.timeline, rows, fixed or local_today())
    console = Console(highlight=False)
    if not summaries:
        console.print("no cases in the file", markup=False)
        return
    console.print(CasesView(result.timeline, summaries))
    console.print()
    console.print(Wrapped(cases_line(summaries)))
