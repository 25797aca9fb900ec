"""`timeline import courtlistener`: docket entries become events, once each."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from timeline.cli.add import DryRunOption, ToOption, write_events
from timeline.cli.common import (
    EXIT_FILE_ERRORS, EXIT_IO, FileOption, TodayOption, app, err_console, parse_today, usage_error,
)  # fmt: skip

DEFAULT_API = "https://www.courtlistener.com/api/rest/v4/"  # importers.courtlistener.API_BASE
MAX_TIMEOUT = 86400  # a day is more than any docket needs; inf would overflow the timer

import_app = typer.Typer(
    name="import",
    help="Import events from other systems (CourtListener).",
    epilog="\b\nExample:\n  timeline import courtlistener --case habeas entries.json",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(import_app, name="import")


@import_app.command(
    "courtlistener",
    short_help="Add one event per CourtListener docket entry.",
    epilog="\b\nExample:\n  timeline import courtlistener --case habeas --docket 68571705",
)
def courtlistener(
    json_file: Annotated[
        Optional[str],
        typer.Argument(metavar="JSON",
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
    api_url: Annotated[
        str,
        typer.Option("--api-url", metavar="URL", envvar="COURTLISTENER_API",
                     help="The API's base URL for --docket; requests and the token go only to "
                     "its scheme, host and port."),
    ] = DEFAULT_API,
    timeout: Annotated[
        float,
        typer.Option("--timeout", metavar="SECONDS",
                     help="Give up on --docket when the whole download takes longer (1 to "
                     "86400)."),
    ] = 120.0,
    source: Annotated[
        Optional[list[str]], typer.Option("--source", metavar="ID|URL", help="Cite this source on every event (repeatable).")
    ] = None,
    to: ToOption = None,
    dry_run: DryRunOption = False,
    file: FileOption = None,
    today: TodayOption = None,
) -> None:
    """Add one event per docket entry; entries already in the file are skipped."""
    from timeline.importers.courtlistener import CourtListenerError
    from timeline.importers.http import FetchError

    if (json_file is None) == (docket is None):
        usage_error("give a JSON file or --docket ID (not both)")
    try:
        if docket is not None:
            entries, name = _fetch_entries(docket, token, api_url, timeout)
        else:
            assert json_file is not None
            entries, name = _read_entries(json_file)
    except (CourtListenerError, FetchError) as exc:
        denied = getattr(exc, "status", None) in (401, 403)
        hint = " (check --token or COURTLISTENER_TOKEN)" if denied else ""
        from timeline.visible import visible  # the server's words and links reach the terminal

        err_console().print(f"timeline: error: {visible(str(exc))}{hint}", markup=False)
        # A docket that could not be downloaded is a read that failed; a bad JSON file has errors.
        raise typer.Exit(EXIT_IO if docket is not None else EXIT_FILE_ERRORS) from None
    run_import(entries, name, case, source or [], to, dry_run, file, parse_today(today))


def _fetch_entries(
    docket: str, token: str | None, api_url: str, timeout: float
) -> tuple[list[Any], str]:
    import re

    from timeline.importers.courtlistener import detect, entries_from, fetch_docket

    if not docket.isdigit():
        usage_error(f"--docket: '{docket}' is not a CourtListener docket id "
                    "(a number such as 69777799)")  # fmt: skip
    if not 1 <= timeout <= MAX_TIMEOUT:  # written so that nan fails too
        usage_error(f"--timeout: '{timeout:g}' is not a number of seconds from 1 to {MAX_TIMEOUT}")
    if token and not re.fullmatch(r"[!-~]+", token):  # never echoed: it is a secret
        usage_error("--token: not a CourtListener token (letters, digits and punctuation only)")
    pages = fetch_docket(docket, token, _api_base(api_url, bool(token)), timeout)
    return entries_from(detect(pages)[1]), f"docket {docket}"


def _api_base(url: str, with_token: bool) -> str:
    """``--api-url`` checked, ending in '/' so that the endpoints resolve under it."""
    import ipaddress
    from urllib.parse import urlsplit

    from timeline.importers.http import origin_of, shown

    try:
        origin = origin_of(url)
    except ValueError as exc:
        usage_error(f"--api-url: '{shown(url)}' {exc}")
    parts = urlsplit(url)
    if "@" in parts.netloc:  # not echoed: the password may be the token
        usage_error("--api-url: a URL with a user or password; give the token with --token or "
                    "COURTLISTENER_TOKEN")  # fmt: skip
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        usage_error(f"--api-url: '{shown(url)}' has a query or fragment; give the API's base URL")
    if origin.scheme == "http" and with_token:
        try:
            loopback = origin.host == "localhost" or ipaddress.ip_address(origin.host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            usage_error(f"--api-url: '{shown(url)}' would send the token unencrypted; use "
                        "https (plain http only to a loopback host: localhost, 127.0.0.0/8, ::1)")
    return url if url.endswith("/") else url + "/"


def _read_entries(json_file: str) -> tuple[list[Any], str]:
    """The entries of a JSON file (or stdin) and a name for where they came from."""
    import sys

    from timeline.importers.courtlistener import CourtListenerError, detect, entries_from, read_json

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
