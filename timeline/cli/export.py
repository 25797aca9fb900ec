"""`timeline export`: the record in a publishable or machine-readable format."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from timeline.cli.common import (
    CaseOption, FileOption, PathsArgument, KindOption, PersonOption, SearchOption, SinceOption, SoonOption,
    TagOption, TodayOption, UntilOption, app, err_console, io_error, select, usage_error,
    write_output,
)  # fmt: skip
from timeline.cli import completion
from timeline.render import ALIASES, RENDERERS

if TYPE_CHECKING:
    from timeline.load import LoadResult
    from timeline.render import View

FORMATS = ", ".join([*RENDERERS, *ALIASES])
# The feeds a reader fetches again, and the field in which each says when an event last changed
# (from git, where the file's history is there).
FEEDS = {"ics": "LAST-MODIFIED", "atom": "updated"}
# The formats with a page heading and dates in words: the ones --title and --date-style change.
PAGES = ("html", "markdown")


@app.command(
    short_help="Export as markdown, json, csv, ics, html, TimelineJS or an Atom feed.",
    epilog="\b\nExample:\n  " + "timeline export --format html --title 'Abrego Garcia: the record' "
    "-o timeline.html",
)
def export(
    format: Annotated[
        Optional[str],
        typer.Option("--format", "-F", metavar="FORMAT", autocompletion=completion.formats,
                     help=f"Required. One of: {FORMATS}."),
    ] = None,
    output: Annotated[
        Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write here (atomically) instead of stdout.")
    ] = None,
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
    split_cases: Annotated[
        Optional[str],
        typer.Option("--split-cases", metavar="DIR",
                     help="ics, atom: write every case's feed into DIR, as CASE.ics or CASE.atom."),
    ] = None,
    title: Annotated[
        Optional[str],
        typer.Option("--title", metavar="TEXT",
                     help="html, markdown: the page's heading (default: the file's `title:`, "
                          "else the cases' titles in html, Timeline in markdown)."),
    ] = None,
    date_style: Annotated[
        Optional[str],
        typer.Option("--date-style", metavar="STYLE", autocompletion=completion.date_styles,
                     help="html, markdown: dates as 'long' (May 7, 2025; the default) or "
                          "'iso' (2025-05-07)."),
    ] = None,
) -> None:
    """Export the timeline (or the filtered part of it) as markdown, json, ..."""
    format_read_as_file(paths, file)  # before --format is missing: the format went to -f
    if format is None:
        usage_error(f"--format is required: one of: {FORMATS}")
    name = ALIASES.get(format, format)
    if name not in RENDERERS:
        from timeline.diagnostics import suggest

        usage_error(f"--format: unknown format '{format}'{suggest(format, RENDERERS)}; one of: {FORMATS}")
    if split_cases is not None and name not in FEEDS:
        usage_error("--split-cases: only with --format ics or atom")
    if split_cases is not None and output is not None:
        usage_error("--split-cases writes one file a case: not with --output")
    page_options(name, title, date_style)
    from timeline.render import notes, renderer, writes_file

    if writes_file(name) and (output is None or output == "-"):
        usage_error(f"--format {name} writes a database, not text: give the file with "
                    f"-o FILE.db")  # fmt: skip

    result, view = select([*(paths or []), *(file or [])], cases=case, kinds=kind, people=person,
                          tags=tag, since=since,
                          until=until, search=search, today=today, soon=soon,
                          command="export")  # fmt: skip
    from dataclasses import replace

    view = replace(view, title=title, date_style=date_style or "long")
    said = []
    if name in FEEDS:
        view, said = with_edits(view, FEEDS[name])
    if split_cases is not None:
        views = case_views(view, split_cases, name)
    else:
        refuse_to_overwrite_input(output, result)
        views = [(output, view)]
    for target, each in views:
        if target is not None:
            refuse_to_overwrite_input(target, result)
        if writes_file(name):
            write_database(name, each, str(target), result)
        else:
            write_output(renderer(name)(each), target)
        said.extend(notes(name, each))
    from timeline.visible import visible  # a note may name a file found by a glob

    for note in said:
        err_console().print(f"timeline: note: {visible(note)}", markup=False, highlight=False)


def page_options(name: str, title: str | None, date_style: str | None) -> None:
    """Refuse --title and --date-style where they would change nothing, and a style that is
    not one: a json or csv export keeps ISO dates for programs to read."""
    for option, value in (("--title", title), ("--date-style", date_style)):
        if value is not None and name not in PAGES:
            own = "titles" if option == "--title" else "dates"
            usage_error(f"{option}: only with --format html or markdown, the exports read as "
                        f"pages; {name} keeps its own {own}")
    if title is not None and not title.strip():
        usage_error("--title: empty; give the heading's text, or leave --title out for the "
                    "cases' titles")
    if date_style is not None and date_style not in ("long", "iso"):
        from timeline.diagnostics import suggest

        usage_error(f"--date-style: unknown style '{date_style}'"
                    f"{suggest(date_style, ['long', 'iso'])}; one of: long, iso")  # fmt: skip


def write_database(name: str, view: View, output: str, result: LoadResult) -> None:
    """Build the database in a temporary file, rename it over ``output``, then write its
    Datasette metadata beside it (``cases.db`` -> ``cases.metadata.json``)."""
    import importlib
    import sqlite3

    from timeline.cli.common import cannot_write, signals_stop_cleanly
    from timeline.files import Unwritable, build_atomically, remove_leftovers
    from timeline.render import RENDERERS
    from timeline.render import datasette

    module = importlib.import_module(RENDERERS[name])
    target = Path(output)
    refuse_to_overwrite_input(str(datasette.metadata_path(target)), result)
    try:
        with signals_stop_cleanly():
            remove_leftovers(target)
            build_atomically(target, lambda temporary: module.write(view, temporary))
    except Unwritable as exc:
        if exc.kind == "special":
            io_error(f"cannot write {output}: {exc.strerror}; write the database to a file")
        io_error(cannot_write(exc))
    except OSError as exc:
        io_error(cannot_write(exc))
    except sqlite3.Error as exc:  # a full disk, say, as SQLite reports it
        io_error(f"cannot write {output}: {exc}; nothing was written")
    text = datasette.render(view, datasette.database_name(target))
    write_output(text, str(datasette.metadata_path(target)))


def format_read_as_file(paths: list[str] | None, files: list[str] | None) -> None:
    """``export -f html``: -f is --file, so a missing file named like a format meant --format."""
    for option, values in (("-f ", files), ("", paths)):
        for value in values or []:
            if ALIASES.get(value, value) in RENDERERS and not Path(value).exists():
                usage_error(f"{option}{value}: no such file; '{value}' was read as a file name"
                            f"{' (-f is --file)' if option else ''}; for the format, write "
                            f"--format {value}")  # fmt: skip


def with_edits(view: View, changed: str) -> tuple[View, list[str]]:
    """The view with each event's last edit in git; notes on files in shallow clones."""
    from dataclasses import replace
    from datetime import datetime, time, timezone

    from timeline.read.gitrecord import event_edits

    uncommitted = datetime.combine(view.today, time(), tzinfo=timezone.utc)
    # git runs in the user's environment, less what would point it at another repository.
    env = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
    found = event_edits(view.timeline, Path.cwd(), uncommitted, env)
    said = [f"{path} is in a shallow git clone: its events' {changed} tells only when "
            "their status changed (git fetch --unshallow gives their edits)"
            for path in found.shallow]  # fmt: skip
    return replace(view, edits=found.times), said


def case_views(view: View, folder: str, name: str) -> list[tuple[str, View]]:
    """One view a case (of those selected), to be written as FOLDER/CASE.ics (or .atom)."""
    from dataclasses import replace

    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        io_error(f"--split-cases: cannot make {folder}: {exc.strerror or exc}")
    chosen = view.filters.cases or tuple(view.timeline.cases)
    out = []
    for key in chosen:
        rows = [row for row in view.rows if key in row.event.case]
        filters = replace(view.filters, cases=(key,))
        target = str(Path(folder) / f"{key}.{name}")
        out.append((target, replace(view, rows=rows, filters=filters)))
    return out


def refuse_to_overwrite_input(output: str | None, result: LoadResult) -> None:
    """Exit 2 if ``-o`` names a file that was read, by any path: the record would be lost."""
    if output is None or output == "-":
        return
    cwd = Path.cwd()
    target = cwd / output
    for record in result.files:
        if _same_file(target, cwd / record.path):
            usage_error(f"--output: {output} would overwrite {record.path}, which this export "
                        "reads; write to another file")  # fmt: skip


def _same_file(a: Path, b: Path) -> bool:
    """The same file through symlinks, '..' and hard links alike."""
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # no such file yet: then it is none that was read
        return False
