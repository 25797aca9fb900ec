"""`--fail-on STATUSES`: exit 3 when a deadline shown has one of the statuses named.

Shared by the commands that list deadlines (``deadlines``, ``show``, ``digest``): the option,
its parsing (repeatable and comma-separated, an unknown status is a usage error with a close
suggestion), and the exit code and the line that says why.
"""

from __future__ import annotations

from typing import Annotated, Iterable, Optional

import typer

from timeline.cli.common import EXIT_ATTENTION, EXIT_OK, err_console, usage_error


def complete_statuses(incomplete: str) -> list[str]:
    """Complete the last status of a comma-separated list, keeping the ones before it."""
    from timeline.deadline_list import STATUSES

    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    taken = set(done.split(","))
    return [prefix + status for status in STATUSES
            if status.startswith(last) and status not in taken]  # fmt: skip


FailOnOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--fail-on", metavar="STATUSES", autocompletion=complete_statuses,
        help="Exit 3 if a deadline shown has one of these statuses (repeatable or "
        "comma-separated: passed,missed,due-soon).",
    ),
]  # fmt: skip


def parse_fail_on(values: list[str] | None) -> frozenset[str]:
    """The statuses ``--fail-on`` names; empty when the option is absent.

    ``--fail-on passed,missed --fail-on due-soon`` names three. Spaces around a name are
    ignored (``"passed, missed"`` from a workflow input); an unknown name, or a value that
    names none, is a usage error (exit 2), before anything is loaded.
    """
    if not values:
        return frozenset()
    from timeline.deadline_list import STATUSES
    from timeline.diagnostics import suggest

    named: set[str] = set()
    for value in values:
        names = [name.strip() for name in value.split(",") if name.strip()]
        if not names:
            usage_error(f"--fail-on: '{value}' names no status; one or more of: "
                        f"{', '.join(STATUSES)}")  # fmt: skip
        for name in names:
            if name not in STATUSES:
                hint = suggest(name.lower(), STATUSES)
                usage_error(f"--fail-on: unknown status '{name}'{hint}; one of: "
                            f"{', '.join(STATUSES)}")  # fmt: skip
            named.add(name)
    return frozenset(named)


def attention(statuses: Iterable[str], fail_on: frozenset[str]) -> list[tuple[str, int]]:
    """How many of ``statuses`` (one a deadline) are in ``fail_on``, by status, most urgent
    first; empty when none is (or ``fail_on`` is empty)."""
    from collections import Counter

    from timeline.deadline_list import STATUSES

    counts = Counter(status for status in statuses if status in fail_on)
    return [(status, counts[status]) for status in STATUSES if counts[status]]


def fail_on_exit(command: str, statuses: Iterable[str], fail_on: frozenset[str]) -> int:
    """EXIT_ATTENTION, after a line on stderr that says why, when one of ``statuses`` (one a
    deadline shown) is in ``fail_on``; else EXIT_OK. Call it after printing the output."""
    found = attention(statuses, fail_on)
    if not found:
        return EXIT_OK
    err_console().print(attention_line(command, found, fail_on), markup=False, highlight=False)
    return EXIT_ATTENTION


def attention_line(command: str, found: list[tuple[str, int]], fail_on: frozenset[str]) -> str:
    """The line that says why the command exits 3, so that a red CI step says what is wrong:
    ``timeline deadlines: --fail-on passed,due-soon: 4 passed, 1 due-soon (exit 3)``."""
    from timeline.deadline_list import STATUSES

    named = ",".join(status for status in STATUSES if status in fail_on)
    counts = ", ".join(f"{count} {status}" for status, count in found)
    return f"timeline {command}: --fail-on {named}: {counts} (exit {EXIT_ATTENTION})"
