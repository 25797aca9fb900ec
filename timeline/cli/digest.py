"""`timeline digest`: what changed since a date or a git revision, and what needs attention.

The record then is read from git (timeline/read/gitrecord.py); the comparison is timeline/digest.py;
the formats are timeline/render/digest_*.py. Without git history to compare with, only the
deadlines are shown, with a note that says why.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from timeline.cli.common import (
    EXIT_ATTENTION, CaseOption, FileOption, KindOption, PathsArgument, PersonOption,
    SearchOption, SoonOption, TagOption, TodayOption, app, discover_or_exit, err_console,
    filters_from, load_or_exit, local_today, parse_today, today_function, usage_error,
    write_output,
)  # fmt: skip
from timeline.cli.fail_on import complete_statuses, parse_fail_on

# digest's --fail-on counts news only: a deadline that reached the status since the point
# compared with, so a daily run fails once for it. The parsing is the shared one.
FailOnOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--fail-on", metavar="STATUSES", autocompletion=complete_statuses,
        help="Exit 3 if a deadline reached one of these statuses since --since/--since-rev "
        "(repeatable or comma-separated: passed,missed,due-soon).",
    ),
]  # fmt: skip

if TYPE_CHECKING:
    from timeline.digest import Since
    from timeline.read.gitrecord import Commit
    from timeline.load import LoadResult

FORMATS = {"text": "timeline.render.digest_text", "markdown": "timeline.render.digest_markdown",
           "json": "timeline.render.digest_json"}  # fmt: skip
FORMAT_ALIASES = {"md": "markdown"}
SHALLOW_ADVICE = "git fetch --unshallow, or fetch-depth: 0 in a GitHub workflow, fetches the rest"

SinceDateOption = Annotated[Optional[str], typer.Option(
    "--since", metavar="DATE",
    help="Compare with the record as of the last commit before DATE (yesterday, 2025-05-01); "
    "deadlines that passed since DATE are marked new.")]  # fmt: skip
SinceRevOption = Annotated[Optional[str], typer.Option(
    "--since-rev", metavar="REV",
    help="Compare with the record at this git commit (HEAD~1, a tag).")]
FormatOption = Annotated[str, typer.Option(
    "--format", "-F", metavar="FORMAT", help="text, markdown (md) or json.",
    autocompletion=lambda incomplete: [f for f in FORMATS if f.startswith(incomplete)])]


@app.command(
    short_help="What changed since a date or commit, and which deadlines need attention.",
    epilog="\b\nExample:\n  timeline digest --since yesterday --format markdown --fail-on passed",
)
def digest(
    paths: PathsArgument = None,
    file: FileOption = None,
    since: SinceDateOption = None,
    since_rev: SinceRevOption = None,
    format: FormatOption = "text",
    case: CaseOption = None,
    kind: KindOption = None,
    person: PersonOption = None,
    tag: TagOption = None,
    search: SearchOption = None,
    soon: SoonOption = 7,
    today: TodayOption = None,
    fail_on: FailOnOption = None,
) -> None:
    """What changed since a date or a git commit, and every deadline that needs attention.

    Deadlines due soon and every deadline passed and not recorded as met (the ones that passed
    since then first, marked NEW); events added, changed or removed since then, by case.
    """
    statuses = parse_fail_on(fail_on)
    chosen = FORMAT_ALIASES.get(format, format)
    if chosen not in FORMATS:
        from timeline.diagnostics import suggest

        usage_error(f"--format: unknown format '{format}'{suggest(format, FORMATS)}; one of: "
                    f"{', '.join(FORMATS)}")  # fmt: skip
    if since is not None and since_rev is not None:
        usage_error("--since and --since-rev both name the point to compare with: give one")
    fixed = parse_today(today)
    day = fixed or local_today()
    files = [*(paths or []), *(file or [])]
    result = load_or_exit(files, fixed, command="digest")
    filters = filters_from(result, case, kind, person, tag, None, None, search, fixed)
    point, old, reason = _then(files, since, since_rev, day)
    from timeline.digest import digest as make_digest
    from timeline.diagnostics import Severity

    problems = 0 if old is None else sum(
        1 for d in old.diagnostics if d.severity is Severity.ERROR)  # fmt: skip
    found = make_digest(result.timeline, old.timeline if old is not None else None,
                        today_function(fixed), day, point, filters, soon, problems, reason)
    import importlib

    write_output(importlib.import_module(FORMATS[chosen]).render(found), None)
    if reason is not None:
        _note(f"events not compared: {reason}; only the deadlines are shown")
    if problems and point is not None:
        _note(f"the record at {point.label} has {problems} error{'s' if problems != 1 else ''}; "
              "compared what could be read of it")  # fmt: skip
    reached = found.reached(statuses)
    if reached:
        from collections import Counter

        counts = Counter(item.status for item in reached)
        named = ",".join(sorted(statuses))
        since_what = f" since {point.label}" if point is not None else ""
        said = ", ".join(f"{count} {status}" for status, count in counts.items())
        from timeline.visible import visible  # the label quotes a revision as typed

        err_console().print(visible(f"timeline digest: --fail-on {named}: {said}{since_what} "
                                    f"(exit {EXIT_ATTENTION})"), markup=False, highlight=False)
        raise typer.Exit(EXIT_ATTENTION)


def _note(text: str) -> None:
    from timeline.visible import visible

    err_console().print(f"timeline: note: {visible(text)}", markup=False, highlight=False)


def _then(files: list[str], since: str | None, since_rev: str | None,
          today: date) -> tuple[Since | None, LoadResult | None, str | None]:  # fmt: skip
    """The point compared with, the record then (None: not read) and why it was not read."""
    from timeline.read import gitrecord
    from timeline.digest import since_commit, since_date

    if since is None and since_rev is None:
        return None, None, None
    paths = discover_or_exit(files)
    cwd = Path.cwd()
    # git runs in the user's environment, less what would point it at another repository.
    env = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
    try:
        repo = gitrecord.repository((cwd / paths[0]).parent, env)
    except gitrecord.NoHistory as exc:
        if since_rev is not None:
            usage_error(f"--since-rev {since_rev}: {exc}")
        repo = None
        reason: str | None = str(exc)
    point: Since
    commit: gitrecord.Commit | None = None
    if since_rev is not None:
        assert repo is not None
        try:
            commit = gitrecord.resolve(repo, since_rev)
        except gitrecord.BadRevision as exc:
            shallow = gitrecord.is_shallow(repo.top, env)
            usage_error(f"--since-rev: {exc}" + (f"; it is a shallow clone ({SHALLOW_ADVICE})"
                                                  if shallow else ""))  # fmt: skip
        except OSError as exc:
            usage_error(f"--since-rev {since_rev}: {exc}")
        if commit.when.date() > today:
            # as --since refuses a later day: statuses "then" would be in the future
            usage_error(f"--since-rev {since_rev} is a commit of {commit.when.date().isoformat()}, "
                        f"after today ({today.isoformat()}): nothing has happened since")
        point = since_commit(commit.sha, commit.when, _label(since_rev, commit))
    else:
        assert since is not None
        first = _since_day(since, today)
        point = since_date(first)
        if repo is not None:
            try:
                commit = gitrecord.last_commit_before(repo, _local_midnight(first))
            except OSError as exc:
                reason = str(exc)
            else:
                reason = None if commit is not None else f"no commit before {first.isoformat()}"
                if commit is None and gitrecord.is_shallow(repo.top, env):
                    reason += f" in this shallow clone ({SHALLOW_ADVICE})"
        if commit is not None:
            from dataclasses import replace

            point = replace(point, revision=commit.sha)
    if commit is None or repo is None:
        return point, None, reason
    try:
        old = gitrecord.record_at(repo, commit, paths, cwd, point.day or today)
    except (gitrecord.NoHistory, OSError) as exc:
        return point, None, str(exc)
    return point, old, None


def _label(revision: str, commit: Commit) -> str:
    """``HEAD~1 (commit 1a2b3c4d5e6f, 2025-04-30)``; a commit id alone is not said twice."""
    day = commit.when.astimezone(timezone.utc).date().isoformat()
    if commit.sha.startswith(revision.lower()):
        return f"commit {commit.short} ({day})"
    return f"{revision} (commit {commit.short}, {day})"


def _since_day(text: str, today: date) -> date:
    from timeline.dates import parse_user_date

    try:
        first = parse_user_date(text, today).first_day
    except ValueError as exc:
        usage_error(f"--since: {exc}")
    if first > today:
        usage_error(f"--since {text} is after today ({today.isoformat()}): nothing has happened "
                    "since")  # fmt: skip
    return first


def _local_midnight(day: date) -> datetime:
    """The start of ``day`` where the user is: what "before May 1" means to them."""
    try:
        return datetime.combine(day, time()).astimezone()
    except (OverflowError, OSError, ValueError):  # the calendar's first days
        return datetime.combine(day, time(), tzinfo=timezone.utc)
