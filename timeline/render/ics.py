"""The ics export: RFC 5545, for calendar programs that subscribe to or import the record.

Every event dated to a day becomes an all-day VEVENT and every event dated to a minute a timed
one in its case's timezone (with a VTIMEZONE), or in UTC when only an offset was written. An
event dated only to a year or a month has no place on a calendar, so it is left out, and
``notes`` says how many were; so is a timed one that its case's clock would put past the year 9999
(or before the year 1). An all-day event ending on 9999-12-31 has no day after it for DTEND: it
gets a DURATION instead. Deadlines carry their status in the summary and an alarm a day
before. UIDs come from the event's id (or a hash of its content) so that a re-export updates a
subscribed calendar rather than duplicating it; DTSTAMP is the view's today, so the output is
the same byte for byte at a fixed ``--today`` (and git revision).

For a subscribed calendar: REFRESH-INTERVAL and X-PUBLISHED-TTL ask for a fetch every six
hours, and an event's LAST-MODIFIED and SEQUENCE (that moment in whole minutes since 1970, so it
only grows) say when it last changed: the later of its last edit in git (``View.edits``) and the
moment its deadline's status last changed (turning due soon ``soon`` days before the due day,
passed the day after it, both at midnight in the case's timezone). A summary names the status
in words that stay the same from day to day (``PASSED``, ``DUE SOON``), not a count of days.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from urllib.parse import quote
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, vDuration

from timeline.dates import FileDate, Precision, zone
from timeline.query import Row
from timeline.render import View
from timeline.render.phrases import NO_OUTCOME, badge, event_zone, status_word
from timeline.render.publishing import event_text, event_uids, source_refs, status_moment, view_title
from timeline.render.vtimezone import vtimezone as observances

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
# What editors and readers take for a line break: each one becomes iCalendar's newline.
_BREAKS = re.compile("\r\n|[\r\n\u2028\u2029\x85]")
_URL_DROPPED = re.compile("[\t\r\n]")  # what a browser drops from a URL it is given
_URL_ENCODED = re.compile("[\x00-\x20\x7f\x85\u2028\u2029]")
PRODID = "-//timeline//court-case timeline export//EN"
UID_DOMAIN = "timeline"
# Deadlines still calling for action get the alarm; met, extended, vacated or moot ones do not.
OPEN = frozenset({"upcoming", "due-soon", "passed", "missed", "unknown"})
LAST_ZONE_DAY = date.max - timedelta(days=90)
# How often a subscribed calendar should fetch the feed again: a status changes at midnight.
REFRESH = timedelta(hours=6)
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
SEQUENCE_MAX = 2**31 - 1


def render(view: View) -> str:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # No METHOD: the file is a calendar to import or subscribe to, not an iTIP message, and
    # RFC 5546's PUBLISH would want an ORGANIZER on every event (libical refuses it without one).
    title = view_title(view)
    calendar.add("name", ics_line(title))
    calendar.add("x-wr-calname", ics_line(title))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    uids = event_uids(view.rows)
    stamp = datetime.combine(view.today, time(), tzinfo=timezone.utc)
    placed = [(row, span) for row in view.rows if isinstance(span := placement(view, row), tuple)]
    years: dict[str, set[int]] = {}
    for _row, (start, end) in placed:
        for moment in (start, end):
            if isinstance(moment, datetime) and isinstance(moment.tzinfo, ZoneInfo):
                years.setdefault(moment.tzinfo.key, set()).add(moment.year)
    for key in sorted(years):
        calendar.add_component(vtimezone(key, years[key]))
    for row, span in placed:
        calendar.add_component(vevent(view, row, span, uids[row.index], stamp))
    text: str = calendar.to_ical().decode("utf-8")
    return text


def vtimezone(key: str, years: set[int]) -> Timezone:
    """The zone's rules over the years in use (and the next), so that the VTIMEZONE stays short.

    Years far apart (an event in 1900 and one in 2025) each get their own stretch of rules, not
    every change of the clock in between.
    """
    stretches: list[tuple[date, date]] = []
    for first, last in year_runs(years):
        # Stop short of 9999-12-31, so that the instant after a stretch is still a date. The
        # last rule still holds after the range.
        stretches.append((date(first, 1, 1), min(date(min(last + 1, 9999), 12, 31), LAST_ZONE_DAY)))
    return observances(key, stretches)


def year_runs(years: set[int]) -> list[tuple[int, int]]:
    """Consecutive years as (first, last) runs; a year's rules also reach into the next one."""
    runs: list[tuple[int, int]] = []
    for year in sorted(years):
        if runs and year <= runs[-1][1] + 2:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


# Why an event was left out of the calendar, as ``notes`` words it.
UNDATED = "dated only to a year or a month, or not dated"
OUT_OF_RANGE = "a time that, in its case's timezone or UTC, falls outside the years 1 to 9999"


def notes(view: View) -> list[str]:
    left = {UNDATED: 0, OUT_OF_RANGE: 0}
    for row in view.rows:
        why = placement(view, row)
        if isinstance(why, str):
            left[why] += 1
    noun = {1: "event"}
    said = [f"{count} {noun.get(count, 'events')} left out of the calendar: {why}"
            for why, count in left.items() if count]  # fmt: skip
    silent = sum(1 for row in view.rows if _alarm_left_out(view, row))
    if silent:
        deadlines = "deadline has" if silent == 1 else "deadlines have"
        said.append(f"{silent} {deadlines} no alarm: the day before is before the year 1")
    return said


def _alarm_left_out(view: View, row: Row) -> bool:
    state = row.state
    if row.event.kind != "deadline" or state is None or state.status not in OPEN:
        return False
    span = placement(view, row)
    return isinstance(span, tuple) and not has_day_before(span[0])


Moment = date | datetime


# Start, then end: a moment (exclusive for all-day events), a length, or nothing.
Span = tuple[Moment, Moment | timedelta | None]


def placement(view: View, row: Row) -> Span | str:
    """The VEVENT's start and end, or why the event is left out."""
    try:
        span = when(view, row)
    except OverflowError:
        return OUT_OF_RANGE
    return UNDATED if span is None else span


def when(view: View, row: Row) -> Span | None:
    """The VEVENT's start and end (end exclusive for all-day events), or None to leave it out.

    Raises OverflowError when the case's clock puts a moment outside the years 1 to 9999.
    """
    event, state = row.event, row.state
    if event.kind == "deadline" and state is not None and state.due is not None:
        due = state.due
        # A deadline is a moment (its due instant) or a day (it runs to the end of that day).
        if due.moment is None:
            return due.day, day_after(due.day, due.day)
        named = isinstance(due.moment.tzinfo, ZoneInfo)
        moment = due.moment if named else due.moment.astimezone(timezone.utc)
        return moment, moment
    written = row.start
    if written is None or written.precision < Precision.DAY:
        return None
    tz_name = event_zone(view.timeline, event)
    end = event.end
    if written.precision is Precision.DAY or (end is not None and end.precision < Precision.MINUTE):
        last = end.last_day if end is not None else written.first_day
        return written.first_day, day_after(written.first_day, last)
    start = instant(written, tz_name)
    # A moment with no end ends where it starts: said, since some programs (khal) read a
    # VEVENT with a DTSTART alone as lasting a day.
    return start, instant(end, tz_name) if end is not None else start


def day_after(first: date, last: date) -> date | timedelta:
    """The exclusive end of the days ``first`` to ``last``, or their length if none follows."""
    if last == date.max:
        return last - first + timedelta(days=1)
    return last + timedelta(days=1)


def instant(written: FileDate, tz_name: str | None) -> datetime:
    """A timed date in its case's timezone; in UTC when only an offset says where it is."""
    if written.precision < Precision.MINUTE:
        return datetime.combine(written.first_day, time(), tzinfo=timezone.utc)
    if tz_name is not None:
        return written.instant(zone(tz_name)).astimezone(zone(tz_name))
    return written.instant(timezone.utc).astimezone(timezone.utc)


def vevent(view: View, row: Row, span: Span, uid: str, stamp: datetime) -> Event:
    event, state = row.event, row.state
    component = Event()
    component.add("uid", f"{uid}@{UID_DOMAIN}")
    component.add("dtstamp", stamp)
    changed = last_change(view, row)
    if changed is not None:
        component.add("last-modified", changed)
        component.add("sequence", sequence(changed))
    component.add("dtstart", span[0])
    if isinstance(span[1], timedelta):
        component.add("duration", span[1])
    elif span[1] is not None:
        component.add("dtend", span[1])
    if event.kind == "deadline" and state is not None:
        word = status_word(state.status)
        if state.status == "passed":  # the words a reader needs: nothing recorded its outcome
            word = f"{word}, {NO_OUTCOME}"
        component.add("summary", ics_text(f"Deadline ({word}): {event.title}"))
        if state.status in OPEN and has_day_before(span[0]):
            component.add_component(reminder(event.title))
    else:
        component.add("summary", ics_text(event.title))
    component.add("description", ics_text(description(view, row)))
    component.add("categories", [ics_text(view.timeline.kind_label(event.kind))])
    component.add("transp", "TRANSPARENT")
    links = [ref.url for ref in source_refs(view.timeline, event) if ref.url]
    if links:
        component.add("url", ics_uri(links[0]))
    return component


def sequence(changed: datetime) -> int:
    """Whole minutes since 1970, within the range RFC 5545 gives an integer (to the year 6053)."""
    return min(max(0, int((changed - EPOCH).total_seconds() // 60)), SEQUENCE_MAX)


def last_change(view: View, row: Row) -> datetime | None:
    """When the event last changed: edited (git) or its status changed, whichever is later."""
    moments = [m for m in (view.edits.get(row.index), status_moment(view, row)) if m is not None]
    return max(moments) if moments else None


def ics_text(text: str) -> str:
    """Text as RFC 5545 allows it: every line break a newline (written ``\\n``), no controls.

    TEXT values may hold no control character but tab; a carriage return would end the
    content line for some readers, so CR and CRLF become the newline iCalendar escapes, and so
    do U+2028, U+2029 and NEL, which other readers take for line ends.
    """
    return _CONTROLS.sub("\ufffd", _BREAKS.sub("\n", text))


def ics_line(text: str) -> str:
    """Text for a property icalendar writes as it is (the calendar's name): one line.

    Such a property has no escaped newline, and a raw one would end the content line: each
    line break, with the spaces around it, becomes one space.
    """
    return " ".join(part.strip() for part in ics_text(text).split("\n") if part.strip())


def ics_uri(url: str) -> str:
    """A URL as a URI value: its tabs, CR and LF dropped, as a browser drops them, and
    any other control character, space or line separator percent-encoded (a URI holds none).
    """
    url = _URL_DROPPED.sub("", url)
    return _URL_ENCODED.sub(lambda match: quote(match.group(), safe=""), url)


def has_day_before(start: Moment) -> bool:
    """Whether the alarm's moment, a day before ``start``, is after the first day a date has."""
    try:
        before = start - timedelta(days=1)
        if isinstance(before, datetime):
            before.astimezone(timezone.utc)
    except OverflowError:
        return False
    return True


def reminder(title: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", ics_text(f"Due tomorrow: {title}"))
    alarm.add("trigger", timedelta(days=-1))
    return alarm


def description(view: View, row: Row) -> str:
    state = row.state
    status = None if state is None else f"Status as of {view.today.isoformat()}: {badge(state)}"
    return event_text(view, row, status, ics_uri)
