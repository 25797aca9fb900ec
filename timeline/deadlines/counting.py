"""Computed due dates (``due: {after: ID, days: N}``), counted by the deadline's rule set.

Days (Fed. R. Civ. P. 6(a)(1), and each rule set's like it): leave out the trigger day, count
every day, and if the last one is a Saturday, Sunday or legal holiday, go on to the next day
that is none of these (backwards, for a period before an event: the previous one, 6(a)(5); the
immigration courts go on to the next one either way). Court days: count only days that are none
of these. Hours (6(a)(2)): count every hour from the trigger; an end on such a day moves to the
same time on the next day that is not. Service by mail and the like adds 3 days after the count
(6(d)), then moves off a closed day again. What differs between rule sets is data in
``rules.py``; the calendar answers which days are closed. A trigger may be a deadline itself,
so deadlines chain. Nothing computed here is written back to the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from operator import attrgetter
from typing import TYPE_CHECKING, Literal, NamedTuple

from timeline.dates import Precision, zone
from timeline.deadlines.due import Due
from timeline.deadlines.fixed import fixed_dues
from timeline.deadlines.rules import PERIODS, RULE_SETS, Period, rules_of
from timeline.model import Event
from timeline.timeline import Timeline

if TYPE_CHECKING:
    from timeline.deadlines.calendar import LegalCalendar, Reading

# Longer periods are typos, not court deadlines; the check reports them (T207).
MAX_DAYS = 36_525  # a century
MAX_HOURS = 24 * MAX_DAYS

_WEEKEND = {5: "Saturday", 6: "Sunday"}


@dataclass(frozen=True)
class Trigger:
    """Where a count starts: the trigger day in the deadline's timezone, and the moment if timed."""

    day: date
    moment: datetime | None
    frame: tzinfo  # the clock the deadline is read in
    text: str  # the explanation's first line


class Beyond(NamedTuple):
    """Why a computed deadline has no due date: the end of the calendar it passed, and where."""

    end: Literal["after", "before"]  # after 9999-12-31, or before 0001-01-01
    trigger_day: bool  # the trigger's own day, read on the deadline's clock, is already past it


def computed_dues(timeline: Timeline, fixed: dict[int, Due]) -> dict[int, Due]:
    """The due moment of every deadline written with ``due:``, by event index.

    A deadline whose trigger has no single day (a month, a year, a cycle of deadlines, a
    missing id) is left out; the check says why.
    """
    return _Computer(timeline, fixed).run()


def beyond_the_calendar(timeline: Timeline) -> dict[int, Beyond]:
    """The computed deadlines whose own count ends after 9999-12-31 or before 0001-01-01.

    Those have no due date that a date can hold; the check reports them (T207). A deadline
    counted from one of them has no trigger day, and is not listed again.
    """
    computer = _Computer(timeline, fixed_dues(timeline))
    computer.run()
    return computer.beyond


class _Computer:
    def __init__(self, timeline: Timeline, fixed: dict[int, Due]) -> None:
        self.timeline = timeline
        self.fixed = fixed
        events = timeline.events
        # Each id's first index, only looked up: built backwards in C, so the first one wins.
        self.index_of: dict[str, int] = dict(zip(map(attrgetter("id"), reversed(events)),
                                                 range(len(events) - 1, -1, -1)))
        self.index_of.pop(None, None)  # type: ignore[call-overload]  # events without an id
        self.computed: dict[int, Due] = {}
        self.failed: set[int] = set()
        self.beyond: dict[int, Beyond] = {}  # counted past the years 1 to 9999
        self.calendars: dict[str, LegalCalendar] = {}

    def run(self) -> dict[int, Due]:
        events = self.timeline.events
        for index in [i for i, due in enumerate(map(attrgetter("due"), events)) if due is not None]:
            if _is_computed(events[index]):
                self._resolve(index)
        return self.computed

    def _resolve(self, start: int) -> None:
        """Compute ``start`` and the computed deadlines it hangs from, innermost first.

        Iterative, so that a long chain cannot exhaust the stack; a cycle (reported by the
        check) is left out instead of followed forever.
        """
        path: list[int] = []
        on_path: set[int] = set()
        node = start
        while node not in self.computed and node not in self.failed:
            event = self.timeline.events[node]
            if not _is_computed(event):
                break
            if node in on_path:
                self.failed.update(path)
                return
            path.append(node)
            on_path.add(node)
            assert event.due is not None
            trigger = self.index_of.get(event.due.trigger)
            if trigger is None:
                self.failed.update(path)
                return
            node = trigger
        for index in reversed(path):
            due = self._compute(index)
            if due is None:
                self.failed.add(index)
            else:
                self.computed[index] = due

    def _compute(self, index: int) -> Due | None:
        event = self.timeline.events[index]
        assert event.due is not None
        spec = event.due
        tz_name = self.timeline.timezone_of(event)
        after = self.index_of[spec.trigger]
        try:
            # The trigger read on the deadline's clock may already be past either end.
            trigger = self._trigger(after, tz_name)
        except OverflowError:
            if spec.hours is None:
                # Rule 6(a)(1) counts days from the trigger's day, and on this clock it has none.
                self.beyond[index] = Beyond(_nearer_end(self._written_day(after)), True)
                return None
            # Hours count from the moment, which needs no day on this clock: read it as written.
            trigger = self._trigger(after, tz_name, as_written=True)
        if trigger is None:
            return None
        calendar = self._calendar(event)
        period = PERIODS[spec.period] if spec.period is not None else None
        try:
            if spec.hours is not None:
                if abs(spec.hours) > MAX_HOURS or calendar.rules.hours_cite is None:
                    return None
                hours = -spec.hours if spec.before is not None else spec.hours
                return count_hours(trigger, hours, calendar)
            days = spec.signed_days
            if days is None or abs(days) > MAX_DAYS:
                return None
            return count_days(trigger, days, spec.count == "court-days", calendar,
                              service=spec.service, period=period)
        except (OverflowError, ValueError):
            # A link moves a due date a few centuries at most, so the end it passed is the one
            # nearer its trigger, whichever way it counted (an offset can cross the other way).
            self.beyond[index] = Beyond(_nearer_end(trigger.day), False)
            return None

    def _written_day(self, index: int) -> date:
        """The trigger's own day, before any reading on another clock."""
        event = self.timeline.events[index]
        due = self.computed.get(index) or self.fixed.get(index)
        if due is not None:
            return due.day
        assert event.date is not None  # _trigger returns None for an undated trigger
        return event.date.first_day

    def _trigger(self, index: int, tz_name: str | None, as_written: bool = False) -> Trigger | None:
        """The trigger read on the deadline's clock (``as_written``: a moment keeps its offset).

        Raises OverflowError when that clock puts the trigger outside the years 1 to 9999.
        """
        event = self.timeline.events[index]
        label = f"{event.id} ({event.kind})"
        wanted = zone(tz_name) if tz_name else None
        if _is_computed(event):
            due = self.computed.get(index)
            if due is None:
                return None
            return _from_due(due, wanted, f"trigger: {label}, due", as_written)
        written = event.date
        if written is None or written.precision < Precision.DAY:
            return None
        if event.kind == "deadline":
            due = self.fixed.get(index)
            if due is None:
                return None
            return _from_due(due, wanted, f"trigger: {label}, due", as_written)
        if written.precision is Precision.DAY:
            day = written.first_day
            return Trigger(day, None, wanted or timezone.utc, f"trigger: {label} on {_day(day)}")
        own = self.timeline.timezone_of(event)
        if written.offset is None and own is None and tz_name is None:
            return None  # a time with no timezone at all: the check reports it (T106)
        moment = written.instant(zone(own) if own else wanted)
        frame = wanted or moment.tzinfo or timezone.utc
        local = moment if as_written else elapsed(moment, timedelta(0), frame)
        text = f"trigger: {label} at {_moment(local)}"
        if local.isoformat(timespec="minutes") != moment.isoformat(timespec="minutes"):
            text += f" (written {written.iso()})"  # read in the deadline's case timezone
        return Trigger(local.date(), local, frame, text)

    def _calendar(self, event: Event) -> LegalCalendar:
        return calendar_for(self.timeline, event, self.calendars)


def calendar_for(
    timeline: Timeline, event: Event, cache: dict[tuple, LegalCalendar]
) -> LegalCalendar:
    """The calendar a deadline is counted on: its rule set's, its case's states and closures."""
    case_id, case = None, None
    for ident in event.case:
        case = timeline.cases.get(ident)
        if case is not None:
            case_id = ident
            break
    spec = event.due
    name = rules_of(spec.rules if spec else None, spec.period if spec else None,
                    case.rules if case is not None else None)  # fmt: skip
    rules = RULE_SETS[name]
    jurisdictions = list(case.jurisdiction) if case is not None else ["US"]
    if rules.states == "one":
        jurisdictions = jurisdictions[:1]  # the district court's (a list is for frap)
    elif rules.states == "many" and spec is not None and spec.clerk is not None:
        jurisdictions.append(spec.clerk)
    closures = frozenset(c.day for c in timeline.closures if c.closes(case_id, name))
    key = (tuple(jurisdictions), name, closures)
    calendar = cache.get(key)
    if calendar is None:
        from timeline.deadlines.calendar import LegalCalendar  # the `holidays` package

        calendar = LegalCalendar(jurisdictions, timeline.presidential_holidays, closures, name)
        cache[key] = calendar
    return calendar


def date_certain_dues(timeline: Timeline, fixed: dict[int, Due]) -> dict[int, Due]:
    """Fixed dues that their rule set moves off a closed day (the ICPM's date-certain rule)."""
    moved: dict[int, Due] = {}
    cache: dict[tuple, LegalCalendar] = {}
    for index, due in fixed.items():
        event = timeline.events[index]
        written = event.date
        if due.moment is not None or written is None or written.precision is not Precision.DAY:
            continue
        case = next((timeline.cases[c] for c in event.case if c in timeline.cases), None)
        if case is None or not RULE_SETS[case.rules].date_certain_moves:
            continue
        calendar = calendar_for(timeline, event, cache)
        lines = [f"date certain: {_day(due.day)}, as written"]
        day = _move_off_closed_days(due.day, timedelta(days=1), True, calendar, lines, "due")
        if day == due.day:
            continue
        lines.append(f"moved: {calendar.rules.backward_cite} construes a deadline on a weekend "
                     "or holiday, a date certain too, to fall on the next business day")
        lines.append(f"due: {_day(day)}")
        lines += _range_lines(due.day, day, ["the ICPM's rule is read from a secondary copy; "
                                              "the date as written is the safe one"])
        moved[index] = Due(day, None, tuple(lines), due.day, day)
    return moved


def _is_computed(event: Event) -> bool:
    return event.kind == "deadline" and event.due is not None and event.date is None


def _from_due(due: Due, wanted: tzinfo | None, text: str, as_written: bool) -> Trigger:
    if due.moment is None:
        return Trigger(due.day, None, wanted or timezone.utc, f"{text} {_day(due.day)}")
    frame = wanted or due.moment.tzinfo or timezone.utc
    local = due.moment if as_written else elapsed(due.moment, timedelta(0), frame)
    return Trigger(local.date(), local, frame, f"{text} {_moment(local)}")


def count_days(trigger: Trigger, days: int, court_days: bool, calendar: LegalCalendar,
               service: str | None = None, period: Period | None = None) -> Due:
    """Count ``days`` (calendar or court days) from the trigger day, by the calendar's rules.

    Counted as the project reads the rule; where some day on the way is read differently (an
    observed Friday, a closure, a state day from a statute table...), counted again under the
    narrowest and the broadest reading too, for the earliest and latest due days.
    """
    calendar.start_count()
    day, lines = _count_days(trigger, days, court_days, calendar, service, period, "due")
    eoir_back = days < 0 and calendar.rules.backward_roll == "next"
    if not (calendar.saw_disputed or eoir_back):
        return Due(day, None, tuple(lines))
    notes = list(calendar.disputes)
    others = [_count_days(trigger, days, court_days, calendar, service, period, reading)[0]
              for reading in ("narrow", "broad")]  # fmt: skip
    earliest, latest = min(day, *others), max(day, *others)
    if eoir_back:
        notes.append(f"{calendar.rules.backward_cite} (read from a secondary copy) moves a "
                     "period before a hearing forward; moved back instead, as the federal "
                     "rules do, it would end earlier")  # fmt: skip
    lines += _range_lines(earliest, latest, notes)
    if earliest == latest:
        return Due(day, None, tuple(lines))
    return Due(day, None, tuple(lines), earliest, latest)


def _range_lines(earliest: date, latest: date, notes: list[str]) -> list[str]:
    if earliest == latest:
        return []
    return ([f"readings differ: {note}" for note in notes]
            + [f"earliest: {_day(earliest)} (safe under every reading)",
               f"latest: {_day(latest)} (no reading allows later)"])  # fmt: skip


def _count_days(
    trigger: Trigger, days: int, court_days: bool, calendar: LegalCalendar,
    service: str | None, period: Period | None, reading: Reading,
) -> tuple[date, list[str]]:
    rules = calendar.rules
    forward = days >= 0
    step = timedelta(days=1 if forward else -1)
    way = "after" if forward else "before"
    lines = [trigger.text]
    if period is not None:
        lines.append(f"period: {period.name}, {period.meaning()} ({period.what})")
    lines += _state_lines(calendar, forward)
    if court_days:
        lines.append(f"count: {abs(days)} court days {way} it, counting only days that are "
                     f"neither a weekend nor a legal holiday ({rules.count_cite})")  # fmt: skip
        day, counted = trigger.day, 0
        while counted < abs(days):
            day += step
            if calendar.is_court_day(day, forward, reading):
                counted += 1
                if not forward:
                    lines += _state_days_kept(day, calendar)
            else:
                for holiday in calendar.holidays_on(day, forward, reading):
                    lines.append(f"not counted: {day.isoformat()} {holiday.reason()}")
        lines.append(f"court day {abs(days)}: {_day(day)}")
    else:
        lines.append(f"count: {abs(days)} calendar days {way} it, not counting the trigger day "
                     f"({rules.count_cite})")  # fmt: skip
        day = trigger.day + timedelta(days=days)
        lines.append(f"day {abs(days)}: {_day(day)}")
    roll = step
    if not forward and rules.backward_roll == "next" and reading != "narrow":
        roll = timedelta(days=1)
    moved = _move_off_closed_days(day, roll, forward, calendar, lines, reading)
    if moved != day and not forward:
        lines.append(f"moved {'forward' if roll.days > 0 else 'back'} ({rules.backward_cite})")
    day = moved
    if service is not None:
        added = rules.service.get(service, 0)
        if added:
            day += timedelta(days=added)
            lines.append(f"service by {service}: {added} days added after the period would "
                         f"otherwise end ({rules.service_cite}): {_day(day)}")  # fmt: skip
            day = _move_off_closed_days(day, timedelta(days=1), True, calendar, lines, reading)
        else:
            lines.append(f"service by {service}: no days added ({rules.service_cite})")
    lines.append(f"due: {_day(day)}")
    return day, lines


def _state_lines(calendar: LegalCalendar, forward: bool) -> list[str]:
    """Whose state holidays count, where the rule set is not FRCP's one state."""
    rules = calendar.rules
    states = [j for j in calendar.jurisdictions if "-" in j]
    lines = []
    if rules.states == "none" and states:
        lines.append(f"state holidays: none count under {rules.closed_cite}; "
                     f"{', '.join(states)} ignored")  # fmt: skip
    elif rules.states == "many" and forward and states:
        lines.append(f"state holidays: those of {', '.join(states)} ({rules.state_cite})")
    if forward:
        for state in calendar.unaudited_states():
            lines.append(f"note: {state}'s legal holidays are the holidays package's; its "
                         "statute was not audited")  # fmt: skip
    return lines


def count_hours(trigger: Trigger, hours: int, calendar: LegalCalendar) -> Due:
    """Count every hour from the trigger moment, per Rule 6(a)(2)."""
    forward = hours >= 0
    way = "after" if forward else "before"
    lines = [trigger.text]
    start = trigger.moment
    if start is None:
        # Rule 6(a)(2) counts from the moment of the event; with no time written, the earliest
        # moment of its day, so that the deadline shown is never later than the real one.
        start = datetime.combine(trigger.day, datetime.min.time()).replace(tzinfo=trigger.frame)
        lines.append(f"no time of day given: counting from {_moment(start)}, the earliest it "
                     "could have happened")  # fmt: skip
    lines.append(f"count: {abs(hours)} hours {way} it, every hour counted "
                 f"({calendar.rules.hours_cite})")  # fmt: skip
    # Hours are real elapsed time, so a daylight-saving change counts right.
    end = elapsed(start, timedelta(hours=hours), trigger.frame)
    lines.append(f"hour {abs(hours)}: {_moment(end)}")
    step = timedelta(days=1 if forward else -1)
    day = _move_off_closed_days(end.date(), step, forward, calendar, lines, "due")
    if day != end.date():
        # The same time of day on the day it moved to, on that day's clock.
        wall = datetime.combine(day, end.time()).replace(tzinfo=trigger.frame)
        end = elapsed(wall, timedelta(0), trigger.frame)
    lines.append(f"due: {_moment(end)}")
    return Due(end.date(), end, tuple(lines))


def elapsed(start: datetime, delta: timedelta, frame: tzinfo) -> datetime:
    """The moment ``delta`` of real time after ``start``, read on ``frame``'s clock.

    Through UTC when it can; but on 9999-12-31 in New York, UTC is already the year 10000 (and
    on 0001-01-01 east of Greenwich, the year 0), while the local time is a real one. There the
    count is done on the wall clock and corrected by the change of offset. Raises OverflowError
    only when the local time itself falls outside the years 1 to 9999.
    """
    try:
        return (start.astimezone(timezone.utc) + delta).astimezone(frame)
    except OverflowError:
        pass
    offset = start.utcoffset()
    assert offset is not None  # every start here is aware
    wall = start.replace(tzinfo=None) + delta  # the wall time, were the offset not to change
    for fold in (0, 1):
        guess = wall.replace(tzinfo=frame, fold=fold)
        guessed = guess.utcoffset()
        assert guessed is not None
        # The instant is wall - offset; on the frame's clock that reads wall - offset + guessed.
        moved = (wall + (guessed - offset)).replace(tzinfo=frame, fold=fold)
        if moved.utcoffset() == guessed:
            return moved
    raise OverflowError("no wall-clock time near either end of the calendar fits the offset")


def _nearer_end(day: date) -> Literal["after", "before"]:
    """Which end of the calendar a count from ``day`` ran past: "after" 9999 or "before" 1."""
    return "after" if day.year > 5000 else "before"


def _move_off_closed_days(
    day: date, step: timedelta, forward: bool, calendar: LegalCalendar, lines: list[str],
    reading: Reading,
) -> date:
    """Move off weekends and legal holidays, saying why for each day left behind."""
    while True:
        reasons = []
        if day.weekday() in _WEEKEND:
            reasons.append(_WEEKEND[day.weekday()])
        reasons += [holiday.reason() for holiday in calendar.holidays_on(day, forward, reading)]
        if not reasons:
            break
        lines.append(f"{day.isoformat()} {'; '.join(reasons)} -> {(day + step).isoformat()}")
        day += step
    if not forward:
        lines += _state_days_kept(day, calendar)
    first, last = calendar.known_years()
    if not first <= day.year <= last:
        lines.append(f"note: no legal holidays are known for {day.year} (the holidays package "
                     f"covers {first} to {last})")  # fmt: skip
    return day


def _state_days_kept(day: date, calendar: LegalCalendar) -> list[str]:
    """Say so where a state holiday was counted because the period runs backwards."""
    return [
        f"{day.isoformat()} {holiday.reason()} not skipped: a state holiday counts only for "
        f"periods after an event ({calendar.rules.state_cite})"
        for holiday in calendar.holidays_on(day, forward=True)
    ]


def _day(day: date) -> str:
    return f"{day.isoformat()} {day.strftime('%a')}"


def _moment(moment: datetime) -> str:
    return f"{moment.isoformat(timespec='minutes')} {moment.strftime('%a')}"
