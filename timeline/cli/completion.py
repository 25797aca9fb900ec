"""Completion of option values: ids from the events file, and the fixed vocabularies.

Each function is a Typer ``autocompletion=`` callback. They import the core only when called
(tests/test_lazy_imports.py), load the file the command line names (else the one discovery
finds) without printing anything, and complete nothing rather than fail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable

import typer

if TYPE_CHECKING:
    from timeline.timeline import Timeline


def _timeline(ctx: typer.Context) -> Timeline | None:
    """The file's timeline as far as it loads, or None; never a message (the shell shows them)."""
    try:
        import os
        from datetime import date
        from pathlib import Path

        from timeline.discover import discover
        from timeline.load import load

        named = [*(ctx.params.get("paths") or []), *(ctx.params.get("file") or [])]
        found = discover(named, os.environ.get("TIMELINE_FILE"), Path.cwd())
        return load(found, Path.cwd(), date.today()).timeline
    except Exception:  # noqa: BLE001 - a completion must never break the user's shell
        return None


def _starting(values: Iterable[str], incomplete: str) -> list[str]:
    return sorted(value for value in values if value.startswith(incomplete))


def _from_file(pick: Callable[[Timeline], Iterable[str]]):  # type: ignore[no-untyped-def]
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        timeline = _timeline(ctx)
        return [] if timeline is None else _starting(pick(timeline), incomplete)

    return complete


case_ids = _from_file(lambda tl: tl.cases)
person_ids = _from_file(lambda tl: tl.people)
kind_ids = _from_file(lambda tl: tl.kinds)
source_ids = _from_file(lambda tl: tl.sources)
event_ids = _from_file(lambda tl: (event.id for event in tl.events))
deadline_ids = _from_file(lambda tl: (e.id for e in tl.events if e.kind == "deadline" and e.id))


def formats(incomplete: str) -> list[str]:
    from timeline.render import ALIASES, RENDERERS

    return _starting([*RENDERERS, *ALIASES], incomplete)


def date_styles(incomplete: str) -> list[str]:
    return _starting(["long", "iso"], incomplete)


def statuses(incomplete: str) -> list[str]:
    from timeline.deadline_list import STATUSES

    return _starting(STATUSES, incomplete)


def jurisdictions(incomplete: str) -> list[str]:
    from timeline.deadlines.jurisdictions import JURISDICTIONS

    return _starting(JURISDICTIONS, incomplete.upper())


def rule_sets(incomplete: str) -> list[str]:
    from timeline.deadlines.rules import RULE_SETS

    return _starting(RULE_SETS, incomplete)


def periods(incomplete: str) -> list[str]:
    from timeline.deadlines.rules import PERIODS

    return _starting(PERIODS, incomplete)


def outcomes(incomplete: str) -> list[str]:
    from timeline.cli.mark import OUTCOMES

    return _starting(OUTCOMES, incomplete)


def hand_statuses(incomplete: str) -> list[str]:
    return _starting(("met", "missed", "vacated", "moot"), incomplete)


def counts(incomplete: str) -> list[str]:
    return _starting(("calendar-days", "court-days"), incomplete)


def services(incomplete: str) -> list[str]:
    from timeline.deadlines.rules import SERVICE_METHODS

    return _starting(SERVICE_METHODS, incomplete)


def certainties(incomplete: str) -> list[str]:
    return _starting(("confirmed", "reported", "alleged", "disputed"), incomplete)
