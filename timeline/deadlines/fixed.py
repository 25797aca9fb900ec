"""Due moments of deadlines written with ``date:``: read on the case's clock, never counted."""

from __future__ import annotations

from operator import attrgetter

from timeline.dates import Precision, zone
from timeline.deadlines.due import Due
from timeline.model import Event
from timeline.timeline import Timeline


def fixed_due(timeline: Timeline, event: Event) -> Due | None:
    """The due moment of a deadline written with ``date:``."""
    written = event.date
    if written is None:
        return None
    tz_name = timeline.timezone_of(event)
    if written.precision is Precision.MINUTE:
        if written.offset is None and tz_name is None:
            return None
        moment = written.instant(zone(tz_name) if tz_name else None)
        if tz_name:
            try:
                moment = moment.astimezone(zone(tz_name))
            except OverflowError:
                pass  # in the case's clock it would be past 9999 or before year 1: keep the offset
        return Due(moment.date(), moment)
    # A deadline written as a month or a year runs to the end of that period.
    return Due(written.last_day)


def fixed_dues(timeline: Timeline) -> dict[int, Due]:
    """The due moment of every deadline written with ``date:``, by event index."""
    dues: dict[int, Due] = {}
    events = timeline.events
    kinds = map(attrgetter("kind"), events)  # read in C: most events are not deadlines
    for index in [i for i, kind in enumerate(kinds) if kind == "deadline"]:
        event = events[index]
        if event.date is not None:
            due = fixed_due(timeline, event)
            if due is not None:
                dues[index] = due
    return dues
