"""`timeline mark`: record a deadline's outcome in the file, checked before it is replaced."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from timeline.cli import completion
from timeline.cli.add import ToOption, report_write_errors, show_new_warnings
from timeline.cli.common import (
    FileOption, PathsArgument, TodayOption, app, discover_or_exit, local_today, out_console,
    parse_today, signals_stop_cleanly, today_function, usage_error,
)  # fmt: skip

if TYPE_CHECKING:
    from datetime import date

    from timeline.write.outcome import Marked

OUTCOMES = ("met", "missed", "vacated", "moot", "open")
# What each outcome records, for a "did you mean" (a near miss would record another outcome).
OUTCOME_MEANINGS = {
    "met": "done in time, or late: --by says by what",
    "missed": "not done in time",
    "vacated": "the court cancelled the deadline",
    "moot": "the deadline no longer matters",
    "open": "no outcome recorded",
}


@app.command(
    short_help="Record a deadline's outcome: met, missed, vacated, moot or open.",
    epilog="\b\nExample:\n  timeline mark return-due met --by return-filed",
)
def mark(
    deadline: Annotated[str, typer.Argument(metavar="DEADLINE_ID", show_default=False,
                                            autocompletion=completion.deadline_ids,
                                            help="The id of the deadline.")],
    outcome: Annotated[str, typer.Argument(metavar="OUTCOME", show_default=False,
                                           autocompletion=completion.outcomes,
                                           help="met, missed, vacated, moot, or open (none).")],
    paths: PathsArgument = None,
    by: Annotated[Optional[str], typer.Option(
        "--by", metavar="EVENT_ID", autocompletion=completion.event_ids,
        help="With met: the event that met it (written as met_by:).")] = None,
    to: ToOption = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Print the deadline as it would read; change nothing.")] = False,
    file: FileOption = None,
    today: TodayOption = None,
) -> None:
    """Record a deadline's outcome in the file: status: (or met_by: with --by), replacing the
    one written; open removes both. The file is checked before it is replaced."""
    if outcome not in OUTCOMES:
        from timeline.diagnostics import suggest

        hint = suggest(outcome, OUTCOMES, cutoff=0.6, meanings=OUTCOME_MEANINGS)
        usage_error(f"unknown outcome '{outcome}': one of {', '.join(OUTCOMES)}{hint}")
    if by is not None and outcome != "met":
        # The check's T206 says the same of a file with both (status: missed and met_by:).
        usage_error(f"{outcome} contradicts --by (the event that met it): leave out --by, or "
                    f"write: timeline mark {deadline} met --by {by}")  # fmt: skip
    if by is not None and by == deadline:
        usage_error(f"--by {by}: a deadline is met by another event (a filing, a release), "
                    "not by itself")  # fmt: skip
    fixed = parse_today(today)
    from timeline.write.outcome import NotADeadline, NotFound, NotInNamedFile, mark_deadline

    cwd = Path.cwd()
    found = discover_or_exit([*(paths or []), *(file or [])])
    if to is not None and not (cwd / to).is_file():
        usage_error(f"--to: no such file: {to}")
    with report_write_errors():
        try:
            with signals_stop_cleanly():
                marked = mark_deadline(found, cwd, fixed or local_today(), deadline, outcome,
                                       by=by, to=to, dry_run=dry_run)  # fmt: skip
        except NotFound as exc:
            from timeline.diagnostics import suggest

            hint = suggest(exc.wanted, exc.deadlines) or (
                "; its deadlines: " + ", ".join(exc.deadlines[:8])
                + (", ..." if len(exc.deadlines) > 8 else "") if exc.deadlines
                else "; the file has no deadlines"
            )  # fmt: skip
            usage_error(f"no event has the id '{exc.wanted}'{hint}")
        except NotInNamedFile as exc:
            usage_error(str(exc))
        except NotADeadline as exc:
            usage_error(f"'{deadline}' ({exc.path}:{exc.line}) is {_a(exc.event.kind)} "
                        f"{exc.event.kind}, not a deadline: only a deadline has an outcome to "
                        "mark")  # fmt: skip
    _say(marked, deadline, outcome, fixed, dry_run)
    if not dry_run:
        show_new_warnings(marked.warnings)


def _say(marked: Marked, deadline: str, outcome: str, fixed: date | None, dry_run: bool) -> None:
    """``Marked return-due met by return-filed in events.yaml (line 52): MET``."""
    from timeline.deadlines.status import deadline_states
    from timeline.render.phrases import badge
    from timeline.visible import visible

    after = marked.after
    assert after is not None  # verified, or unchanged
    index = next(i for i, e in enumerate(after.timeline.events) if e.id == deadline)
    state = deadline_states(after.timeline, today_function(fixed))[index]
    event = after.timeline.events[index]
    what = outcome
    if outcome == "met" and event.met_by is not None:
        what = f"met by {event.met_by}"
    where = f"in {visible(marked.path)} (line {marked.line})"
    console = out_console()
    if not marked.changed:
        console.print(f"{deadline} is already marked {what} {where}; nothing was written: "
                      f"{badge(state)}", markup=False)  # fmt: skip
        return
    verb = "Would mark" if dry_run else "Marked"
    console.print(f"{verb} {deadline} {what} {where}: {badge(state)}", markup=False)
    if dry_run:
        typer.echo(visible(marked.item, layout=True), nl=False)


def _a(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"
