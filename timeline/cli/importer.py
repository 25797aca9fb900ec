"""`timeline import courtlistener`: docket entries become events, once each."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from timeline.cli.add import DryRunOption, ToOption, write_events
from timeline.cli.common import (
    EXIT_FILE_ERRORS, FileOption, TodayOption, app, err_console, parse_today, usage_error,
)  # fmt: skip

import_app = typer.Typer(
    name="import",
    help="Import events from other systems (CourtListener).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(import_app, name="import")


@import_app.command("courtlistener")
def courtlistener(
    json_file: Annotated[
        Optional[str],
        typer.Argument(metavar="[JSON]",
                       help="A docket-entries response (or a list of pages), a docket-alert "
                       "webhook body or a RECAP docket; '-' reads stdin."),
    ] = None,
    case: Annotated[str, typer.Option("--case", "-c", metavar="ID", help="The case the entries belong to.")] = ...,  # type: ignore[assignment]
    docket: Annotated[
        Optional[str],
        typer.Option("--docket", metavar="ID", help="Fetch this CourtListener docket's entries instead of reading JSON."),
    ] = None,
    token: Annotated[
        Optional[str],
        typer.Option("--token", metavar="TOKEN", envvar="COURTLISTENER_TOKEN",
                     help="CourtListener API token for --docket (default: $COURTLISTENER_TOKEN)."),
    ] = None,
    source: Annotated[
        Optional[list[str]], typer.Option("--source", metavar="ID|URL", help="Cite this source on every event (repeatable).")
    ] = None,
    to: ToOption = None,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
) -> None:
    """Add one event per docket entry; entries already in the file are skipped."""
    from timeline.importers.courtlistener import CourtListenerError, urllib_fetch

    if (json_file is None) == (docket is None):
        usage_error("give a JSON file or --docket ID (not both)")
    try:
        entries, name = _read_entries(json_file, docket, token, urllib_fetch)
    except CourtListenerError as exc:
        err_console().print(f"timeline: error: {exc}", markup=False)
        raise typer.Exit(EXIT_FILE_ERRORS) from None
    run_import(entries, name, case, source or [], to, dry_run, file, parse_today(today))


def _read_entries(json_file: str | None, docket: str | None, token: str | None, fetch: Any) -> tuple[list[Any], str]:
    """The entries and a name for where they came from."""
    import sys

    from timeline.importers.courtlistener import CourtListenerError, detect, entries_from, fetch_pages, read_json

    if docket is not None:
        if not docket.isdigit():
            usage_error(f"--docket: '{docket}' is not a CourtListener docket id (a number such as 69777799)")
        pages = fetch_pages(docket, token, fetch)
        return entries_from(detect(pages)[1]), f"docket {docket}"
    assert json_file is not None
    if json_file == "-":
        text, name = sys.stdin.read(), "<stdin>"
    else:
        name = json_file
        try:
            text = Path(json_file).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            usage_error(f"no such file: {json_file}")
        except (OSError, UnicodeDecodeError) as exc:
            raise CourtListenerError(f"{json_file}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        _shape, raw = detect(read_json(text, name))
    except CourtListenerError as exc:
        message = str(exc)
        raise CourtListenerError(message if message.startswith(name) else f"{name}: {message}") from None
    return entries_from(raw), name


def run_import(entries: list[Any], name: str, case: str, sources: list[str], to: str | None,
               dry_run: bool, file: list[str] | None, today: Any) -> None:  # fmt: skip
    from timeline.importers.courtlistener import event_fields

    def build(result, record):  # type: ignore[no-untyped-def]
        from timeline.diagnostics import suggest
        from timeline.edit import ids_in

        tl = result.timeline
        if case not in tl.cases:
            hint = suggest(case, tl.cases) or f"; known: {', '.join(sorted(tl.cases)) or 'none'}"
            usage_error(f"--case: unknown id '{case}'{hint}")
        timed = tl.cases[case].timezone is not None
        taken = ids_in(result)
        items = []
        present = 0
        for entry in entries:
            fields = event_fields(case, entry, timed, sources)
            if fields["id"] in taken:
                present += 1
                continue
            taken.add(str(fields["id"]))
            items.append(fields)
        return items, present

    change = write_events(file, today=today, build=build, to=to, dry_run=dry_run)
    new, present = len(change.items), change.skipped
    if not entries:
        typer.echo(f"{name}: no docket entries with a filing date; nothing to import.")
        return
    if dry_run:
        typer.echo(f"Would add {new} new event{'s' * (new != 1)} to {change.path} "
                   f"({present} already present):")  # fmt: skip
        if change.text:
            typer.echo(change.text, nl=False)
        return
    typer.echo(f"{change.path}: {new} new, {present} already present.")
    if any("sources" not in item for item in change.items):
        err_console().print("timeline: hint: entries without a document link have no source; "
                            "cite the docket on every event with --source ID", markup=False)  # fmt: skip
