"""Dates for pages people read: ``May 7, 2025`` (the ``long`` style) or as ``iso`` writes them.

The html and markdown exports print dates in the style ``--date-style`` names; the other views
keep their own forms. The zone of a timed date is the text ``phrases`` gives it, so that a time
reads ``5:00 PM EDT`` here where the terminal reads ``17:00 EDT``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from timeline.dates import FileDate, Precision
from timeline.deadlines.due import Due
from timeline.render.phrases import MONTH_NAMES, due_label, full_date, moment_zone, zone_label

DateStyle = Literal["long", "iso"]
DATE_STYLES: tuple[DateStyle, ...] = ("long", "iso")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def long_day(day: date, weekday: bool = False) -> str:
    """``May 7, 2025``; with its weekday, ``Wed May 7, 2025``."""
    text = f"{MONTH_NAMES[day.month - 1]} {day.day}, {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def twelve_hour(hour: int, minute: int) -> str:
    """``5:00 PM``, ``12:30 AM`` (just after midnight), ``12:00 PM`` (noon)."""
    return f"{(hour % 12) or 12}:{minute:02d} {'AM' if hour < 12 else 'PM'}"


def long_date(written: FileDate, tz_name: str | None) -> str:
    """A file date at its precision: ``2025``, ``May 2025``, ``May 7, 2025``, or with its time,
    ``May 5, 2025, 5:00 PM EDT``."""
    if written.precision is Precision.YEAR:
        return str(written.year)
    assert written.month is not None
    if written.precision is Precision.MONTH:
        return f"{MONTH_NAMES[written.month - 1]} {written.year}"
    assert written.day is not None
    text = long_day(date(written.year, written.month, written.day))
    if written.precision is Precision.MINUTE:
        assert written.hour is not None and written.minute is not None
        text += f", {twelve_hour(written.hour, written.minute)} {zone_label(written, tz_name)}"
    return text


def long_moment(moment: datetime, weekday: bool = False, zone_text: str | None = None) -> str:
    """An aware moment: ``May 7, 2025, 5:00 PM EDT`` (``Wed May 7, ...`` with its weekday)."""
    clock = twelve_hour(moment.hour, moment.minute)
    if moment.second:  # a local mean time's offset has seconds: keep the moment exact
        clock = clock.replace(" ", f":{moment.second:02d} ")
    zone_text = zone_text if zone_text is not None else moment_zone(moment)
    return f"{long_day(moment.date(), weekday)}, {clock} {zone_text}"


def styled_date(written: FileDate, tz_name: str | None, style: DateStyle) -> str:
    return long_date(written, tz_name) if style == "long" else full_date(written, tz_name)


def styled_day(day: date, style: DateStyle) -> str:
    return long_day(day) if style == "long" else day.isoformat()


def styled_due(due: Due, style: DateStyle, tz_name: str | None = None,
               written: FileDate | None = None) -> str:  # fmt: skip
    """The due moment as ``due_label`` gives it, in the style: ``May 5, 2025`` or with its time
    and zone by the same rule; where readings of the rule differ, the range follows (``July 6,
    2026 (July 3, 2026 to July 6, 2026)``)."""
    if style == "iso":
        return due_label(due, tz_name, written)
    if due.moment is not None:
        if written is not None and written.precision is Precision.MINUTE and \
                written.offset is not None:  # fmt: skip
            return long_date(written, tz_name)  # a written offset is shown as written
        return long_moment(due.moment, zone_text=moment_zone(due.moment, tz_name))
    shown = long_day(due.day)
    if due.has_range():
        shown += f" ({long_day(due.first_day)} to {long_day(due.last_day)})"
    return shown
