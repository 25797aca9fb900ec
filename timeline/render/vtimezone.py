"""VTIMEZONEs that every calendar program reads the same way: one observance for each change.

icalendar's own VTIMEZONE gives an observance a DTSTART and RDATEs for the later changes, and
Mozilla's ical.js (Thunderbird) ignores the DTSTART when an RDATE is there, putting half the
year's times an hour (or, on Lord Howe Island, half an hour) off. Here each change of the clock
in the years covered is its own STANDARD or DAYLIGHT block with a DTSTART and nothing else, the
plainest form RFC 5545 has, read from zoneinfo itself; a first block gives the offset in force
when the stretch begins, with a COMMENT saying how far the stretch goes (RFC 5545 allows a
COMMENT in an observance, not in the VTIMEZONE itself).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

DAY = timedelta(days=1)


def vtimezone(key: str, stretches: list[tuple[date, date]]) -> Timezone:
    """The zone's changes of clock over each stretch of days (first and last day included)."""
    tz = ZoneInfo(key)
    component = Timezone()
    component.add("tzid", key)
    for first, last in stretches:
        start = first_instant(tz, first)
        end = datetime.combine(last, time(), tzinfo=timezone.utc) + DAY
        offset = start.astimezone(tz).utcoffset()
        opening = observance(start.astimezone(tz), offset)
        opening.add("comment", f"These rules hold from {first.isoformat()} to {last.isoformat()}.")
        component.add_component(opening)
        for moment in changes(tz, start, end):
            component.add_component(observance(moment.astimezone(tz), before(tz, moment)))
    return component


def first_instant(tz: ZoneInfo, first: date) -> datetime:
    """The stretch's start, the first day's midnight in the zone, as a UTC instant.

    On the year 1's first day east of Greenwich that midnight is before the year 1 in UTC: the
    stretch then starts at the first UTC midnight that is a date in both.
    """
    try:
        return datetime.combine(first, time(), tzinfo=tz).astimezone(timezone.utc)
    except OverflowError:
        return datetime.combine(first + DAY, time(), tzinfo=timezone.utc)


def observance(local: datetime, offset_from: timedelta | None) -> TimezoneStandard:
    """The block for the clock that ``local`` shows, starting at that wall time."""
    dst = local.dst()
    block = TimezoneDaylight() if dst else TimezoneStandard()
    # DTSTART is the wall time the old clock showed at the change (RFC 5545, 3.6.5).
    wall = (local.astimezone(timezone.utc) + (offset_from or timedelta())).replace(tzinfo=None)
    block.add("dtstart", wall)
    name = local.tzname()
    if name:
        block.add("tzname", name)
    block.add("tzoffsetfrom", offset_from or timedelta())
    block.add("tzoffsetto", local.utcoffset() or timedelta())
    return block


def before(tz: ZoneInfo, moment: datetime) -> timedelta | None:
    return (moment - timedelta(seconds=1)).astimezone(tz).utcoffset()


def changes(tz: ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    """The UTC instants in [start, end) at which the zone's offset, name or DST changes."""
    found = []
    day = start
    while day < end:
        following = min(day + DAY, end)
        if clock(tz, day) != clock(tz, following):
            found.append(first_change(tz, day, following))
        day = following
    return found


def clock(tz: ZoneInfo, moment: datetime) -> tuple[object, ...]:
    local = moment.astimezone(tz)
    return local.utcoffset(), local.dst(), local.tzname()


def first_change(tz: ZoneInfo, low: datetime, high: datetime) -> datetime:
    """The first second after ``low`` whose clock differs from ``low``'s (changes are a day apart
    at least, so there is one in a day)."""
    was = clock(tz, low)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if clock(tz, middle) == was:
            low = middle
        else:
            high = middle
    return high
