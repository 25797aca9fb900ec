"""The values a field may take: ids from a timeline and the tool's own tables.

Shell completion (cli/completion.py) and the language server (lsp/completion.py) offer the
same values from here. Each table is imported when asked for, so that --help stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from timeline.timeline import Timeline


def starting(values: Iterable[str], prefix: str) -> list[str]:
    """The values that start with ``prefix``, sorted."""
    return sorted(value for value in set(values) if value.startswith(prefix))


def case_ids(timeline: Timeline) -> list[str]:
    return list(timeline.cases)


def person_ids(timeline: Timeline) -> list[str]:
    return list(timeline.people)


def kind_ids(timeline: Timeline) -> list[str]:
    return list(timeline.kinds)


def source_ids(timeline: Timeline) -> list[str]:
    return list(timeline.sources)


def event_ids(timeline: Timeline) -> list[str]:
    return [event.id for event in timeline.events if event.id is not None]


def deadline_ids(timeline: Timeline) -> list[str]:
    return [e.id for e in timeline.events if e.kind == "deadline" and e.id is not None]


def statuses() -> list[str]:
    """Every status a deadline can have (what `deadlines --status` takes)."""
    from timeline.deadline_list import STATUSES

    return list(STATUSES)


def hand_statuses() -> list[str]:
    """The statuses a file may write on a deadline by hand."""
    from timeline.model import HAND_STATUSES

    return list(HAND_STATUSES)


def jurisdictions() -> list[str]:
    from timeline.deadlines.jurisdictions import JURISDICTIONS

    return sorted(JURISDICTIONS)


def rule_sets() -> list[str]:
    from timeline.deadlines.rules import RULE_SETS

    return list(RULE_SETS)


def periods() -> list[str]:
    from timeline.deadlines.rules import PERIODS

    return list(PERIODS)


def service_methods() -> list[str]:
    from timeline.deadlines.rules import SERVICE_METHODS

    return list(SERVICE_METHODS)


def counts() -> list[str]:
    from timeline.model import COUNTS

    return list(COUNTS)


def certainties() -> list[str]:
    from timeline.model import CERTAINTIES

    return list(CERTAINTIES)
