"""`digest --fail-on STATUSES`, in the shape of the shared `--fail-on` of `deadlines` (built on
another branch as timeline/cli/fail_on.py: ``FailOnOption``, ``parse_fail_on``): a minimal
copy for `digest` until the two are merged into one module.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from timeline.cli.common import usage_error

FailOnOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--fail-on", metavar="STATUSES",
        help="Exit 3 if a deadline reached one of these statuses since --since/--since-rev "
        "(repeatable or comma-separated: passed,missed,due-soon).",
    ),
]  # fmt: skip


def parse_fail_on(values: list[str] | None) -> frozenset[str]:
    """The statuses ``--fail-on`` names (repeatable, comma-separated); empty when absent.

    An unknown name, or a value that names none, is a usage error (exit 2).
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
                usage_error(f"--fail-on: unknown status '{name}'{suggest(name.lower(), STATUSES)}"
                            f"; one of: {', '.join(STATUSES)}")  # fmt: skip
            named.add(name)
    return frozenset(named)
