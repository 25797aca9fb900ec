"""`timeline add`: append one validated event to the file, keeping its comments and layout."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Iterator, NoReturn, Optional

import typer

from timeline.cli import completion

from timeline.cli.common import (
    EXIT_FILE_ERRORS, EXIT_IO, FileOption, TodayOption, app, cannot_write, discover_or_exit,
    err_console, failure_code, io_error, local_today, parse_today, print_diagnostics,
    signals_stop_cleanly, usage_error,
)  # fmt: skip

if TYPE_CHECKING:
    from datetime import date

    from timeline.diagnostics import Diagnostic
    from timeline.edit import Build, Change
    from timeline.files import ChangedMeanwhile

ToOption = Annotated[
    Optional[str],
    typer.Option("--to", metavar="FILE",
                 help="The file to write to, when several are read (default: the first one)."),
]  # fmt: skip
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Print what would be added; change nothing.")
]


@app.command(
    short_help="Add an event, checked before the file is replaced.",
    epilog="\b\nExample:\n  timeline add --title 'Petition filed' --kind filing --date 2025-05-07 "
    "--case habeas",
)
def add(
    title: Annotated[
        str, typer.Option("--title", metavar="TEXT", help="What happened, in one line.")
    ],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            autocompletion=completion.kind_ids,
            help="arrest, filing, order, deadline...",
        ),
    ],
    date: Annotated[
        Optional[str],
        typer.Option(
            "--date",
            "-d",
            metavar="DATE",
            help="2025-05-07, 2025-05-05T17:00, May 7 2025, today... (not with --due-after).",
        ),
    ] = None,
    case: Annotated[
        Optional[list[str]],
        typer.Option(
            "--case",
            "-c",
            metavar="ID",
            autocompletion=completion.case_ids,
            help="Case id (repeatable).",
        ),
    ] = None,
    id: Annotated[
        Optional[str],
        typer.Option("--id", metavar="ID", help="Event id (default: from the date and title)."),
    ] = None,
    source: Annotated[
        Optional[list[str]],
        typer.Option(
            "--source",
            metavar="ID|URL",
            autocompletion=completion.source_ids,
            help="Source id or URL (repeatable).",
        ),
    ] = None,
    tag: Annotated[
        Optional[list[str]], typer.Option("--tag", "-t", metavar="TAG", help="Tag (repeatable).")
    ] = None,
    person: Annotated[
        Optional[list[str]],
        typer.Option(
            "--person",
            "-p",
            metavar="ID",
            autocompletion=completion.person_ids,
            help="Person id (repeatable).",
        ),
    ] = None,
    details: Annotated[
        Optional[str], typer.Option("--details", metavar="TEXT", help="Longer Markdown text.")
    ] = None,
    certainty: Annotated[
        Optional[str],
        typer.Option(
            "--certainty",
            metavar="C",
            autocompletion=completion.certainties,
            help="confirmed, reported, alleged or disputed.",
        ),
    ] = None,
    set_by: Annotated[
        Optional[str],
        typer.Option(
            "--set-by",
            metavar="ID",
            autocompletion=completion.event_ids,
            help="Deadline: the order that set it.",
        ),
    ] = None,
    met_by: Annotated[
        Optional[str],
        typer.Option(
            "--met-by",
            metavar="ID",
            autocompletion=completion.event_ids,
            help="Deadline: the event that met it.",
        ),
    ] = None,
    due_after: Annotated[
        Optional[str],
        typer.Option(
            "--due-after",
            metavar="ID",
            autocompletion=completion.event_ids,
            help="Deadline: due a count after this event (with --days, --hours or --period).",
        ),
    ] = None,
    due_before: Annotated[
        Optional[str],
        typer.Option(
            "--due-before",
            metavar="ID",
            autocompletion=completion.event_ids,
            help="Deadline: due a count before this event (a hearing).",
        ),
    ] = None,
    days: Annotated[
        Optional[int],
        typer.Option(
            "--days", metavar="N", help="With --due-after/--due-before: the number of days."
        ),
    ] = None,
    hours: Annotated[
        Optional[int],
        typer.Option(
            "--hours", metavar="N", help="Instead of --days: the number of hours (Rule 6(a)(2))."
        ),
    ] = None,
    count: Annotated[
        Optional[str],
        typer.Option(
            "--count",
            metavar="HOW",
            autocompletion=completion.counts,
            help="calendar-days (default) or court-days.",
        ),
    ] = None,
    period: Annotated[
        Optional[str],
        typer.Option(
            "--period",
            metavar="NAME",
            autocompletion=completion.periods,
            help="Instead of --days: a named period (see `timeline rules`).",
        ),
    ] = None,
    service: Annotated[
        Optional[str],
        typer.Option(
            "--service",
            metavar="METHOD",
            autocompletion=completion.services,
            help="How the trigger was served: mail adds 3 days under FRCP.",
        ),
    ] = None,
    rules: Annotated[
        Optional[str],
        typer.Option(
            "--rules",
            metavar="NAME",
            autocompletion=completion.rule_sets,
            help="Count by this rule set, not the case's.",
        ),
    ] = None,
    clerk: Annotated[
        Optional[str],
        typer.Option(
            "--clerk",
            metavar="STATE",
            autocompletion=completion.jurisdictions,
            help="FRAP: the circuit clerk's state (US-VA).",
        ),
    ] = None,
    end: Annotated[
        Optional[str],
        typer.Option(
            "--end", metavar="DATE", help="The end of a span (a detention), in --date's forms."
        ),
    ] = None,
    circa: Annotated[bool, typer.Option("--circa", help="The date is approximate.")] = False,
    replaces: Annotated[
        Optional[str],
        typer.Option(
            "--replaces",
            metavar="ID",
            autocompletion=completion.deadline_ids,
            help="Deadline: the earlier deadline this one extends.",
        ),
    ] = None,
    status: Annotated[
        Optional[str],
        typer.Option(
            "--status",
            metavar="S",
            autocompletion=completion.hand_statuses,
            help="Deadline: met, missed, vacated or moot (see `timeline mark`).",
        ),
    ] = None,
    to: ToOption = None,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
) -> None:
    """Add an event at the end of the events list; the file is checked before it is replaced."""
    from timeline.yamltext import Value

    _one_word_each({"--kind": [kind], "--case": case, "--id": [id], "--source": source,
                    "--tag": tag, "--person": person, "--certainty": [certainty],
                    "--set-by": [set_by], "--met-by": [met_by], "--due-after": [due_after],
                    "--due-before": [due_before], "--count": [count], "--period": [period],
                    "--service": [service], "--rules": [rules], "--clerk": [clerk],
                    "--replaces": [replaces], "--status": [status]})  # fmt: skip
    trigger = due_after if due_after is not None else due_before
    counted = [name for name, value in (("--days", days), ("--hours", hours),
                                        ("--period", period)) if value is not None]  # fmt: skip
    refine = [name for name, value in (("--count", count), ("--service", service),
                                       ("--rules", rules), ("--clerk", clerk))
              if value is not None]  # fmt: skip
    if trigger is not None and not counted:
        usage_error("--due-after and --due-before count from an event: give --days N, "
                    "--hours N or --period NAME too")  # fmt: skip
    if trigger is None and (counted or refine):
        usage_error(f"{(counted + refine)[0]} counts from an event: give --due-after ID (or "
                    "--due-before ID) too")  # fmt: skip
    if date is None and trigger is None:
        usage_error("--date is required (or, for a deadline, --due-after ID --days N)")
    fixed = parse_today(today)
    written = _user_date("--date", date, fixed)
    end_written = _user_date("--end", end, fixed)

    def build(result, record):  # type: ignore[no-untyped-def]
        from timeline.edit import event_id_for, ids_in

        fields: dict[str, Value] = {}
        taken = ids_in(result)
        fields["id"] = id if id is not None else event_id_for(written, title, taken)
        for key, value in (("date", written), ("end", end_written)):
            if value is not None:
                fields[key] = value
        if circa:
            fields["circa"] = "true"
        if trigger is not None:
            due = {key: value for key, value in (
                ("after", due_after), ("before", due_before), ("days", days), ("hours", hours),
                ("period", period), ("count", count), ("service", service), ("rules", rules),
                ("clerk", clerk)) if value is not None}  # fmt: skip
            fields["due"] = {key: str(value) for key, value in due.items()}
        if case:
            fields["case"] = case[0] if len(case) == 1 else list(case)
        fields["kind"] = kind
        fields["title"] = title
        for key, value in (("set_by", set_by), ("met_by", met_by), ("replaces", replaces),
                           ("status", status), ("certainty", certainty),
                           ("details", details)):  # fmt: skip
            if value is not None:
                fields[key] = value
        for key, values in (("people", person), ("sources", source), ("tags", tag)):
            if values:
                fields[key] = list(values)
        return [fields], 0

    change = write_events(file, today=fixed, build=build, to=to, dry_run=dry_run)
    computed = _computed(change, fixed)
    if dry_run:
        typer.echo(f"Would add to {change.path} at line {change.lines[0]}:")
        typer.echo(change.text, nl=False)
        if computed:
            typer.echo(f"It would be {computed[2:]}.")
        return
    new_id = change.items[0]["id"]
    ending = computed or "."
    typer.echo(f"Added {new_id} to {change.path} (line {change.lines[0]}){ending}")


def _user_date(option: str, text: str | None, fixed: date | None) -> str | None:
    """A DATE option in the file's form; a date the file cannot hold is a usage error."""
    if text is None:
        return None
    from timeline.dates import parse_user_date

    try:
        return parse_user_date(text, fixed or local_today()).iso()
    except ValueError as exc:
        usage_error(f"{option}: {exc}")


def _computed(change: Change, fixed: date | None) -> str:
    """``: due Thu 2025-03-06, 3 days after osc (...)`` for a deadline added, else nothing."""
    after = change.after
    if after is None or not change.items or change.items[0].get("kind") != "deadline":
        return ""
    from timeline.cli.common import today_function
    from timeline.deadlines.status import deadline_states
    from timeline.render.phrases import due_summary

    wanted = change.items[0]["id"]
    index = next((i for i, e in enumerate(after.timeline.events) if e.id == wanted), None)
    if index is None:
        return ""
    event = after.timeline.events[index]
    state = deadline_states(after.timeline, today_function(fixed)).get(index)
    return ": " + due_summary(after.timeline, event, state.due if state is not None else None)


def _one_word_each(options: dict[str, list[str | None] | None]) -> None:
    """Refuse a line break or control character in an id or a choice: written as a block of
    text, ``met\n`` would read back as ``met``, so the file would not say what was typed."""
    from timeline.visible import visible

    for name, values in options.items():
        for value in values or []:
            if value is not None and visible(value) != value:
                usage_error(
                    f"{name}: '{visible(value)}' has a line break or a control "
                    "character; an id or a choice is one line of plain text"
                )


def write_events(
    files: list[str] | None, today: date | None, build: Build, to: str | None, dry_run: bool
) -> Change:
    """Run an add or import; map every failure to its message and exit code."""
    from timeline.edit import add_to_file

    cwd = Path.cwd()
    paths = discover_or_exit(files)
    if to is not None and not (cwd / to).is_file():
        usage_error(f"--to: no such file: {to}")
    with report_write_errors():
        with signals_stop_cleanly():
            change = add_to_file(paths, cwd, today or local_today(), build, to=to,
                                 dry_run=dry_run)  # fmt: skip
    if not dry_run:
        show_new_warnings(change.warnings)
    return change


@contextmanager
def report_write_errors() -> Iterator[None]:
    """Map every failure of a guarded write (add, import, mark) to its message and exit code."""
    from timeline.edit import EditError, FileErrors, Refused
    from timeline.files import ChangedMeanwhile

    try:
        yield
    except FileErrors as exc:
        from timeline.diagnostics import Severity

        errors = [d for d in exc.result.diagnostics if d.severity is Severity.ERROR]
        print_diagnostics(exc.result, errors, err_console())
        if failure_code(exc.result) == EXIT_IO:
            io_error("a file could not be read; nothing was written")
        _fail("the file has errors; fix them first (see `timeline check`); nothing was written")
    except ChangedMeanwhile as exc:
        io_error(_changed_message(exc, Path.cwd()))
    except Refused as exc:
        console = err_console()
        for diagnostic in exc.diagnostics:
            console.print(
                f"timeline: error: {diagnostic.message} [{diagnostic.code}]", markup=False
            )
        _fail("nothing was written")
    except EditError as exc:
        _fail(str(exc))
    except OSError as exc:
        io_error(cannot_write(exc) if exc.filename else f"cannot read or write the file: {exc}")


def show_new_warnings(warnings: list[Diagnostic]) -> None:
    """The warnings the write added; the file now has these lines, so their positions count."""
    if not warnings:
        return
    console = err_console()
    shown = warnings[:5]
    for diagnostic in shown:
        console.print(str(diagnostic), markup=False)
    if len(warnings) > len(shown):
        console.print(f"timeline: and {len(warnings) - len(shown)} more warnings like "
                      "these (see `timeline check`)", markup=False)  # fmt: skip


def _changed_message(exc: ChangedMeanwhile, cwd: Path) -> str:
    """Where each version is, for a file another program changed while it was being written."""
    name = _shown(exc.path, cwd)
    if exc.kept is None:
        return (f"{name} was changed by another program while timeline was reading it; nothing "
                "was written: run the command again")  # fmt: skip
    return (
        f"{name} was changed by another program while timeline was writing it: it is left as "
        f"that program wrote it, and what timeline would have written is in "
        f"{_shown(exc.kept, cwd)}; run the command again to add to the changed file"
    )


def _shown(path: Path, cwd: Path) -> str:
    """``path`` relative to the working folder when it is inside it, else as it is."""
    try:
        return str(path.relative_to(cwd.resolve()))
    except ValueError:
        return str(path)


def _fail(message: str) -> NoReturn:
    err_console().print(f"timeline: error: {message}", markup=False)
    raise typer.Exit(EXIT_FILE_ERRORS)
