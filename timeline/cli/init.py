"""`timeline init`: write a commented starter events file that checks clean."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.common import EXIT_IO, EXIT_USAGE, app, cannot_write, err_console

# One case, one source, an order and a deadline computed from it: every kind of line a
# newcomer edits first, each with a comment saying what it is for. tests/test_init.py checks
# that it passes `check --strict`.
STARTER = """# A timeline of one court case, read by `timeline`.
# Edit it, then run `timeline check`: it names every problem by file, line and column.
# Dates are written 2025-03-12; a time of day as 2025-03-12T17:00 (in the case's timezone).
version: 1

# Where each event is known from; events cite these by id.
sources:
  docket:
    title: "Doe v. Warden, No. 1:25-cv-00001 (D. Md.), docket"
    publisher: U.S. District Court for the District of Maryland
    # url: https://www.courtlistener.com/docket/...

# One entry per case; events name theirs with `case:`.
cases:
  doe-v-warden:
    title: Doe v. Warden
    court: U.S. District Court for the District of Maryland
    docket: "1:25-cv-00001"       # in quotes: a docket number is text
    jurisdiction: US-MD           # whose legal holidays a computed deadline skips
    timezone: America/New_York    # the day a deadline ends in
    rules: frcp                   # how deadlines are counted (see `timeline rules`)

# What happened, one item each, in any order: `timeline show` sorts them.
events:
  - id: osc
    date: 2025-03-03
    case: doe-v-warden
    kind: order
    title: Order to show cause why the petition should not be granted
    sources: [docket]

  # A deadline counted from another event: 3 days after the order, moved off weekends and
  # legal holidays. `timeline deadlines --explain` shows how the day was found.
  - id: return-due
    due: {after: osc, days: 3}
    case: doe-v-warden
    kind: deadline
    title: Respondent's return to the order to show cause
    set_by: osc
    sources: [docket]
    # status: met                 # when it is settled: met, missed, vacated or moot
"""


@app.command(
    short_help="Start a commented events.yaml that checks clean.",
    epilog="\b\nExample:\n  timeline init && timeline check",
)
def init(
    path: Annotated[
        str, typer.Argument(metavar="[PATH]", help="The file to write (default: events.yaml).")
    ] = "events.yaml",
) -> None:
    """Write a commented starter events.yaml to edit; never overwrites a file."""
    target = Path(path)
    try:
        # O_EXCL: the check that the file is not there and its creation are one step.
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        err_console().print(f"timeline: error: {path} already exists; nothing was written "
                            "(edit it, or name another file: timeline init PATH)",
                            markup=False, highlight=False)  # fmt: skip
        raise typer.Exit(EXIT_USAGE) from None
    except OSError as exc:
        err_console().print(f"timeline: error: {cannot_write(exc)}", markup=False, highlight=False)
        raise typer.Exit(EXIT_IO) from None
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(STARTER)
    typer.echo(f"Wrote {path}: one case, one source, an order and a deadline counted from it.")
    typer.echo(f"Next: edit it, then run 'timeline check'"
               + ("" if path == "events.yaml" else f" -f {path}") + ".")
