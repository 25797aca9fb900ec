"""`timeline check`: validate the events files like a compiler."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

# timeline.diagnostics.MAX_PROBLEMS, written here so that --help imports no core module
# (tests/test_lazy_imports.py holds the two equal).
MAX_PROBLEMS = 1000

from timeline.cli.common import (
    FileOption, TodayOption, app, discover_or_exit, failure_code, keep_until_exit, local_today,
    out_console, parse_today, print_diagnostics, write_stdout,
)  # fmt: skip

if TYPE_CHECKING:
    from timeline.load import FileRecord, LoadResult


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


@app.command(
    short_help="Validate the events file like a compiler.",
    epilog="\b\nExample:\n  " + "timeline check events.yaml --strict\n  "
    + "timeline check --format github    # annotations on a pull request's lines",
)
def check(
    paths: Annotated[
        Optional[list[str]],
        typer.Argument(metavar="PATH", help="Files or folders to check (like -f)."),
    ] = None,
    file: FileOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the check too.")] = False,
    format: Annotated[
        CheckFormat, typer.Option("--format", help="text (one line a problem), json, or github "
                                  "(workflow annotations).")
    ] = CheckFormat.text,
    today: TodayOption = None,
    max_problems: Annotated[
        int,
        typer.Option("--max-problems", min=0, metavar="N",
                     help=f"Stop looking after N problems (0: no limit). Default: {MAX_PROBLEMS}."),
    ] = MAX_PROBLEMS,
) -> None:
    """Validate the events file: every problem at once, as PATH:LINE:COL: error: MESSAGE."""
    from timeline.diagnostics import Severity
    from timeline.load import load

    found = discover_or_exit([*(paths or []), *(file or [])])
    result = load(found, Path.cwd(), parse_today(today) or local_today(),
                  max_problems=max_problems or None)  # fmt: skip
    keep_until_exit(result)
    errors = sum(d.severity is Severity.ERROR for d in result.diagnostics)
    warnings = len(result.diagnostics) - errors
    failed = errors > 0 or (strict and warnings > 0)
    if format is CheckFormat.json:
        document = {
            "files": [record.path for record in result.files],
            "ok": not failed,
            "errors": errors,
            "warnings": warnings,
            "events": len(result.timeline.events),
            "truncated": result.truncated,
            "diagnostics": [d.as_dict() for d in result.diagnostics],
        }
        write_stdout(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    elif format is CheckFormat.github:
        write_stdout(_github(result, errors, warnings, strict))
    else:
        console = out_console()
        print_diagnostics(result, result.diagnostics, console)
        console.print(_summary_line(result, errors, warnings, strict), markup=False)
    raise typer.Exit(failure_code(result, strict))


def _github(result: LoadResult, errors: int, warnings: int, strict: bool) -> str:
    """Annotations for GitHub's first problems, a notice for the rest, then the summary.

    Text from the files appears only inside the annotations, escaped. A runner also obeys the
    old form ``##[command]`` anywhere in a line that is not a ``::`` command, so the summary,
    a plain line, counts the files instead of naming them.
    """
    from timeline.render.github_annotations import annotations, more_notice

    lines, more_errors, more_warnings = annotations(result.diagnostics)
    if more_errors or more_warnings:
        lines.append(more_notice(more_errors, more_warnings))
    lines.append(f"timeline check: {_summary_line(result, errors, warnings, strict, False)}")
    return "".join(line + "\n" for line in lines)


def _summary_line(result: LoadResult, errors: int, warnings: int, strict: bool,
                  names: bool = True) -> str:
    summary = _summary(_paths(result), _written(result.files), len(result.timeline.events),
                       len(result.timeline.cases), errors, warnings, names)  # fmt: skip
    if result.truncated:  # the counts are of what was read before it stopped
        summary += f", then stopped after {len(result.diagnostics):,} problems"
    if strict and warnings and not errors:  # say why a file with no error fails
        summary += "; failed: --strict counts warnings as errors"
    return summary


def _paths(result: LoadResult) -> list[str]:
    """The files checked: those read, and those read but not decoded (T001), which are files
    the user named all the same (`bin.yaml: 0 events`, not `no file`)."""
    paths = [record.path for record in result.files]
    undecoded = [d.path for d in result.diagnostics if d.code == "T001"]
    return paths + [path for path in dict.fromkeys(undecoded) if path not in paths]


def _written(files: list[FileRecord]) -> int:
    """How many events the files hold, read or not (an event with a bad date is still one)."""
    count = 0
    for record in files:
        items = record.tree.get("events") if isinstance(record.tree, dict) else None
        count += len(items) if isinstance(items, list) else 0
    return count


def _summary(paths: list[str], written: int, read: int, cases: int, errors: int,
             warnings: int, names: bool = True) -> str:
    from timeline.render.phrases import plural
    from timeline.visible import visible

    if names:
        named = visible(", ".join(paths)) or "no file"
    else:
        named = plural(len(paths), "file")
    events = max(written, read)  # every event the files have, as the user counts them
    unread = f" ({events - read:,} could not be read)" if events > read else ""
    counts = f"{plural(events, 'event')}{unread} in {plural(cases, 'case')}"
    return f"{named}: {counts}; {plural(errors, 'error')}, {plural(warnings, 'warning')}"
