"""Deadline statuses as of a given day, from every deadline's due moment.

``today`` arrives as a function of the case's timezone, so the core never reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from operator import attrgetter
from typing import Callable

from timeline.dates import Precision, zone
from timeline.deadlines.due import Due
from timeline.deadlines.fixed import fixed_dues
from timeline.deadlines.rules import RULE_SETS
from timeline.model import Event
from timeline.timeline import Timeline

TodayFor = Callable[[str | None], date]  # today in the named IANA zone (None: UTC)

# Statuses, most urgent first: `timeline deadlines` lists them in this order.
STATUS_ORDER = ("missed", "passed", "due-soon", "upcoming", "met-late", "met", "extended",
                "vacated", "moot")  # fmt: skip
FLAGGED = frozenset({"passed", "missed"})
_ID, _KIND = attrgetter("id"), attrgetter("kind")


@dataclass(frozen=True)
class DeadlineState:
    due: Due | None  # None when the due date cannot be computed (the check says why)
    status: str
    days: int | None  # days from today to the due day; negative once passed
    extended_by: str | None = None
    notes: tuple[str, ...] = field(default=())
    # Days from today to the earliest due day, where readings of the rule differ (None: same
    # as ``days``): badges count from it, so that no reading is missed.
    earliest_days: int | None = None


def due_moments(timeline: Timeline) -> dict[int, Due]:
    """The due moment of every deadline that has one, by event index."""
    from timeline.deadlines.counting import computed_dues  # imports `holidays` only when needed

    dues = fixed_dues(timeline)
    if any(RULE_SETS[case.rules].date_certain_moves for case in timeline.cases.values()):
        from timeline.deadlines.counting import date_certain_dues

        dues.update(date_certain_dues(timeline, dues))
    if any(event.due is not None for event in timeline.events):
        dues.update(computed_dues(timeline, dues))
    return dues


def deadline_states(
    timeline: Timeline, today_for: TodayFor, soon: int = 7, dues: dict[int, Due] | None = None
) -> dict[int, DeadlineState]:
    """The status of every deadline, by event index.

    ``dues`` are the record's ``due_moments``, where they are known already: they do not
    depend on the day, so statuses on two days need them counted once.
    """
    if dues is None:
        dues = due_moments(timeline)
    events = timeline.events
    # Each id's index (the last, for an id written twice); the fields read in C, by map().
    index_by_id = dict(zip(map(_ID, events), range(len(events))))
    index_by_id.pop(None, None)  # type: ignore[call-overload]  # events without an id
    deadlines = [index for index, kind in enumerate(map(_KIND, events)) if kind == "deadline"]
    replaced_by = {
        events[index].replaces: events[index].id or events[index].title
        for index in deadlines
        if events[index].replaces is not None
    }
    states: dict[int, DeadlineState] = {}
    for index in deadlines:
        event = events[index]
        due = dues.get(index)
        tz_name = timeline.timezone_of(event)
        today = today_for(tz_name)
        days = (due.day - today).days if due is not None else None
        # Where readings differ: passed only after the latest, due soon from the earliest.
        window = ((due.first_day - today).days, (due.last_day - today).days) if due else (0, 0)
        met_index = index_by_id.get(event.met_by) if event.met_by else None
        status = _status(timeline, event, due, window, soon, met_index, replaced_by, tz_name)
        extended = replaced_by.get(event.id) if event.id else None
        earliest = window[0] if due is not None and due.has_range() else None
        states[index] = DeadlineState(due, status, days, extended, earliest_days=earliest)
    return states


def _status(
    timeline: Timeline,
    event: Event,
    due: Due | None,
    window: tuple[int, int],
    soon: int,
    met_index: int | None,
    replaced_by: dict[str, str],
    tz_name: str | None,
) -> str:
    if event.status in ("vacated", "moot", "missed"):
        return event.status
    if met_index is not None:
        met_event = timeline.events[met_index]
        if due is None or _on_time(met_event, due, tz_name):
            return "met"
        return "met-late"
    if event.status == "met":
        return "met"
    if event.id is not None and event.id in replaced_by:
        return "extended"
    if due is None:
        return "unknown"
    first, last = window
    if last < 0:
        return "passed"
    if first <= soon:
        return "due-soon"
    return "upcoming"


def _on_time(met_event: Event, due: Due, tz_name: str | None) -> bool:
    """Whether the event that met a deadline happened by its due moment."""
    written = met_event.date
    if written is None:
        return True
    if written.precision is Precision.MINUTE and (written.offset is not None or tz_name):
        tz = zone(tz_name) if tz_name else None
        end = due.moment or datetime.combine(due.day + timedelta(days=1), time(), tzinfo=tz)
        if end.tzinfo is None:
            return written.first_day <= due.day
        return written.instant(tz) <= end
    return written.first_day <= due.day
