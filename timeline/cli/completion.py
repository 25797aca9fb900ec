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


def _from_file(pick: Callable[[Timeline], Iterable[str]]):  # type: ignore[no-untyped-def]
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from timeline.vocabulary import starting

        timeline = _timeline(ctx)
        return [] if timeline is None else starting(pick(timeline), incomplete)

    return complete


def _table(name: str, upper: bool = False):  # type: ignore[no-untyped-def]
    def complete(incomplete: str) -> list[str]:
        from timeline import vocabulary

        values = getattr(vocabulary, name)()
        return vocabulary.starting(values, incomplete.upper() if upper else incomplete)

    return complete


def _ids(name: str) -> Callable[[Timeline], Iterable[str]]:
    def pick(timeline: Timeline) -> Iterable[str]:
        from timeline import vocabulary

        return getattr(vocabulary, name)(timeline)  # type: ignore[no-any-return]

    return pick


case_ids = _from_file(_ids("case_ids"))
person_ids = _from_file(_ids("person_ids"))
kind_ids = _from_file(_ids("kind_ids"))
source_ids = _from_file(_ids("source_ids"))
event_ids = _from_file(_ids("event_ids"))
statuses = _table("statuses")
jurisdictions = _table("jurisdictions", upper=True)
rule_sets = _table("rule_sets")
periods = _table("periods")
certainties = _table("certainties")
deadline_ids = _from_file(_ids("deadline_ids"))
hand_statuses = _table("hand_statuses")
counts = _table("counts")
services = _table("service_methods")


def date_styles(incomplete: str) -> list[str]:
    from timeline.vocabulary import starting

    return starting(["long", "iso"], incomplete)


def outcomes(incomplete: str) -> list[str]:
    from timeline.cli.mark import OUTCOMES
    from timeline.vocabulary import starting

    return starting(OUTCOMES, incomplete)


def formats(incomplete: str) -> list[str]:
    """The export formats: the render registry's, asked here, since the tables in
    vocabulary.py sit below the render layer."""
    from timeline.render import ALIASES, RENDERERS
    from timeline.vocabulary import starting

    return starting([*RENDERERS, *ALIASES], incomplete)
