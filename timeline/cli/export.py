"""`timeline export`: the record in a publishable or machine-readable format."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from timeline.cli.common import (
    CaseOption, FileOption, KindOption, PersonOption, SearchOption, SinceOption, SoonOption,
    TagOption, TodayOption, UntilOption, app, err_console, select, usage_error, write_output,
)  # fmt: skip
from timeline.render import ALIASES, RENDERERS

if TYPE_CHECKING:
    from timeline.load import LoadResult

FORMATS = ", ".join([*RENDERERS, *ALIASES])


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", "-F", metavar="FORMAT", help=f"One of: {FORMATS}.")],
    output: Annotated[
        Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write here (atomically) instead of stdout.")
    ] = None,
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
    """Export the timeline (or the filtered part of it) as markdown, json, ..."""
    name = ALIASES.get(format, format)
    if name not in RENDERERS:
        from timeline.diagnostics import suggest

        usage_error(f"--format: unknown format '{format}'{suggest(format, RENDERERS)}; one of: {FORMATS}")
    from timeline.render import notes, renderer

    result, view = select(file, cases=case, kinds=kind, people=person, tags=tag, since=since,
                          until=until, search=search, today=today, soon=soon)  # fmt: skip
    refuse_to_overwrite_input(output, result)
    write_output(renderer(name)(view), output)
    for note in notes(name, view):
        err_console().print(f"timeline: note: {note}", markup=False, highlight=False)


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
