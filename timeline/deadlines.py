"""Due moments of deadlines and their statuses as of a given day.

``today`` arrives as a function of the case's timezone, so the core never reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Callable

from timeline.dates import FileDate, Precision, zone
from timeline.model import Event
from timeline.timeline import Timeline

TodayFor = Callable[[str | None], date]  # today in the named IANA zone (None: UTC)

# Statuses, most urgent first: `timeline deadlines` lists them in this order.
STATUS_ORDER = ("missed", "passed", "due-soon", "upcoming", "met-late", "met", "extended",
                "vacated", "moot")  # fmt: skip
FLAGGED = frozenset({"passed", "missed"})


@dataclass(frozen=True)
class Due:
    """When a deadline falls due: the last day in the case's timezone, and the moment if timed."""

    day: date
    moment: datetime | None = None  # aware; None means the end of ``day``
    explain: tuple[str, ...] = ()

    def iso(self) -> str:
        if self.moment is not None:
            # A zone's old local mean time has an offset in seconds (New York's -04:56:02): the
            # moment then has seconds too, and cutting them would name another instant.
            return self.moment.isoformat(timespec="seconds" if has_seconds(self.moment)
                                         else "minutes")  # fmt: skip
        return self.day.isoformat()

    def date_form(self) -> FileDate:
        """The due moment as a FileDate, for sorting and display beside written dates."""
        if self.moment is None:
            return FileDate(self.day.year, self.day.month, self.day.day)
        m = self.moment
        offset = m.utcoffset()
        if offset is not None and offset.seconds % 60:
            # A written date's offset is whole minutes (a local mean time's is not): use UTC.
            try:
                m = m.astimezone(timezone.utc)
                offset = m.utcoffset()
            except OverflowError:
                pass
        minutes = int(offset.total_seconds() // 60) if offset is not None else None
        return FileDate(m.year, m.month, m.day, m.hour, m.minute, minutes)


def has_seconds(moment: datetime) -> bool:
    """Whether a moment needs its seconds to be exact (a local mean time offset gives it some)."""
    offset = moment.utcoffset()
    return bool(moment.second or (offset is not None and offset.seconds % 60))


@dataclass(frozen=True)
class DeadlineState:
    due: Due | None  # None when the due date cannot be computed (the check says why)
    status: str
    days: int | None  # days from today to the due day; negative once passed
    extended_by: str | None = None
    notes: tuple[str, ...] = field(default=())


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
    for index, event in enumerate(timeline.events):
        if event.kind == "deadline" and event.date is not None:
            due = fixed_due(timeline, event)
            if due is not None:
                dues[index] = due
    return dues


def due_moments(timeline: Timeline) -> dict[int, Due]:
    """The due moment of every deadline that has one, by event index."""
    from timeline.computed import computed_dues  # imports `holidays` only when needed

    dues = fixed_dues(timeline)
    if any(event.due is not None for event in timeline.events):
        dues.update(computed_dues(timeline, dues))
    return dues


def deadline_states(
    timeline: Timeline, today_for: TodayFor, soon: int = 7
) -> dict[int, DeadlineState]:
    """The status of every deadline, by event index."""
    dues = due_moments(timeline)
    index_by_id = {e.id: i for i, e in enumerate(timeline.events) if e.id is not None}
    replaced_by = {
        event.replaces: event.id or event.title
        for event in timeline.events
        if event.kind == "deadline" and event.replaces is not None
    }
    states: dict[int, DeadlineState] = {}
    for index, event in enumerate(timeline.events):
        if event.kind != "deadline":
            continue
        due = dues.get(index)
        tz_name = timeline.timezone_of(event)
        days = (due.day - today_for(tz_name)).days if due is not None else None
        met_index = index_by_id.get(event.met_by) if event.met_by else None
        status = _status(timeline, event, due, days, soon, met_index, replaced_by, tz_name)
        extended = replaced_by.get(event.id) if event.id else None
        states[index] = DeadlineState(due, status, days, extended)
    return states


def _status(
    timeline: Timeline,
    event: Event,
    due: Due | None,
    days: int | None,
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
    if due is None or days is None:
        return "unknown"
    if days < 0:
        return "passed"
    if days <= soon:
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
