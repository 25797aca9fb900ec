"""`timeline cases`: one row a case, with its last event and its deadlines."""

from __future__ import annotations

from timeline.cli.common import FileOption, PathsArgument, SoonOption, TodayOption, app, select


@app.command(
    short_help="List the cases with their next deadline.",
    epilog="\b\nExample:\n  " + 'timeline cases events.yaml --soon 14',
)
def cases(
    paths: PathsArgument = None,
    file: FileOption = None,
    today: TodayOption = None,
    soon: SoonOption = 7,
) -> None:
    """List the cases: court, docket, events, last event, next deadline, deadlines passed."""
    from rich.console import Console

    from timeline.case_summary import case_summaries
    from timeline.render.cases_view import CasesView, cases_line
    from timeline.render.terminal import Wrapped

    result, view = select([*(paths or []), *(file or [])], today=today, soon=soon, command="cases")
    summaries = case_summaries(result.timeline, view.rows, view.today)
    console = Console(highlight=False)
    if not summaries:
        console.print("no cases in the file", markup=False)
        return
    console.print(CasesView(result.timeline, summaries))
    console.print()
    console.print(Wrapped(cases_line(summaries)))
