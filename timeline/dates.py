"""The file's date forms (year, month, day, minute, offset) and what a person types."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from enum import IntEnum
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class Precision(IntEnum):
    """Coarser precisions compare lower, so they sort first on ties."""

    YEAR = 0
    MONTH = 1
    DAY = 2
    MINUTE = 3

    def __str__(self) -> str:
        return self.name.lower()


_FILE_DATE = re.compile(
    r"(?P<y>\d{4})"
    r"(?:-(?P<m>\d{2})"
    r"(?:-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})"
    r"(?P<tz>Z|[+-]\d{2}:\d{2})?)?)?)?"
)

FORMS = "YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM with an optional offset such as -04:00"


@dataclass(frozen=True, slots=True)
class FileDate:
    """A date as written in the file, at its own precision."""

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    offset: int | None = None  # minutes east of UTC, when written explicitly
    # A due moment counted, not written (Due.date_form): its offset is the clock's, which the
    # views name as the zone (EDT) where it is the case zone's, not as the file's own.
    computed: bool = field(default=False, compare=False, repr=False)

    @property
    def precision(self) -> Precision:
        if self.hour is not None:
            return Precision.MINUTE
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def first_day(self) -> date:
        """The first day of the period the date names."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> date:
        """The last day of the period the date names."""
        if self.month is None:
            return date(self.year, 12, 31)
        if self.day is None:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, self.month, self.day)

    @property
    def sort_key(self) -> tuple[int, int, int, int, int, int]:
        return (
            self.year,
            self.month or 1,
            self.day or 1,
            self.hour or 0,
            self.minute or 0,
            int(self.precision),
        )

    def iso(self) -> str:
        """The normalised written form (``2025-05-05T17:00-04:00``)."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.hour is not None:
            text += f"T{self.hour:02d}:{self.minute:02d}"
            if self.offset is not None:
                text += format_offset(self.offset)
        return text

    def instant(self, tz: tzinfo | None) -> datetime:
        """The aware moment of a timed date; ``tz`` is used when no offset was written."""
        assert self.hour is not None and self.minute is not None
        zone = timezone(timedelta(minutes=self.offset)) if self.offset is not None else tz
        naive = datetime(self.year, self.month or 1, self.day or 1, self.hour, self.minute)
        return naive.replace(tzinfo=zone)

    def __str__(self) -> str:
        return self.iso()


def format_offset(minutes: int) -> str:
    if minutes == 0:
        return "Z"
    sign = "+" if minutes > 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


@lru_cache(maxsize=4096)
def parse_file_date(text: str) -> FileDate:
    """Parse one of the file's date forms; raise ValueError with a readable message."""
    match = _FILE_DATE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"'{text}' is not a date; write {FORMS}")
    g = match.groupdict()
    year = int(g["y"])
    month = int(g["m"]) if g["m"] else None
    day = int(g["d"]) if g["d"] else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"'{text}' is not a date: there is no month {month}")
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(
                f"'{text}' is not a date: {calendar.month_name[month]} {year} has {last} days"
            )
    if year < 1:
        raise ValueError(f"'{text}' is not a date: there is no year 0")
    hour = minute = offset = None
    if g["H"] is not None:
        hour, minute = int(g["H"]), int(g["M"])
        if hour > 23 or minute > 59:
            raise ValueError(f"'{text}' is not a time of day")
        if g["tz"]:
            offset = _parse_offset(g["tz"], text)
    return FileDate(year, month, day, hour, minute, offset)


def _parse_offset(written: str, text: str) -> int:
    if written == "Z":
        return 0
    hours, minutes = int(written[1:3]), int(written[4:6])
    if hours > 18 or minutes > 59:
        raise ValueError(f"'{text}' has an impossible UTC offset {written}")
    total = hours * 60 + minutes
    return -total if written[0] == "-" else total


@dataclass(frozen=True, slots=True)
class WallClock:
    """How a zone's clock reads a written time that it skipped or showed twice."""

    skipped: bool  # never shown (clocks went forward over it); else shown twice (went back)
    read_as: datetime  # the moment it is taken to mean, with the offset it is read with
    other: datetime  # skipped: the same moment as the clock showed it; else the second one


def wall_clock(written: FileDate, tz: ZoneInfo) -> WallClock | None:
    """Whether a timed date with no offset falls in a change of the zone's clock, and how.

    zoneinfo gives a skipped time the offset from before the change (02:30 EST on the morning
    New York goes to EDT, that is 03:30 EDT) and a repeated one its first occurrence.
    """
    if written.hour is None or written.minute is None or written.offset is not None:
        return None
    naive = datetime(written.year, written.month or 1, written.day or 1, written.hour,
                     written.minute)  # fmt: skip
    first, second = naive.replace(tzinfo=tz), naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    try:
        back = first.astimezone(timezone.utc).astimezone(tz)
        again = second.astimezone(timezone.utc).astimezone(tz)
    except OverflowError:
        return None  # at either end of the calendar, where no clock changes
    if back.replace(tzinfo=None) != naive:
        return WallClock(True, first, back)
    return WallClock(False, first, again)


@lru_cache(maxsize=256)
def zone(name: str) -> ZoneInfo:
    """Return the IANA timezone; raise ValueError when it is unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise ValueError(f"unknown timezone '{name}'") from exc


# What a person types on the command line -----------------------------------------------------

_AMBIGUOUS = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}")


def parse_user_date(text: str, today: date) -> FileDate:
    """Parse a DATE option: the file's forms, ``today``, ``yesterday``, ``May 5 2025``.

    Numeric dates such as ``03/04/2025`` are refused: they mean March 4 to some readers and
    April 3 to others, and a deadline tool must not guess.
    """
    cleaned = text.strip()
    lowered = cleaned.lower()
    if lowered == "today":
        return FileDate(today.year, today.month, today.day)
    if lowered in ("yesterday", "tomorrow"):
        try:
            day = today + timedelta(days=-1 if lowered == "yesterday" else 1)
        except OverflowError:  # the calendar runs from 0001-01-01 to 9999-12-31
            edge = "before its first day, 0001-01-01" if lowered == "yesterday" else (
                "after its last day, 9999-12-31"
            )
            raise ValueError(f"'{text}' is off the calendar, {edge}") from None
        return FileDate(day.year, day.month, day.day)
    if _FILE_DATE.fullmatch(cleaned):
        return parse_file_date(cleaned)
    if _AMBIGUOUS.fullmatch(cleaned):
        raise ValueError(
            f"'{text}' is ambiguous (day and month could be either way); "
            "write 2025-05-05, May 5 2025 or 5 May 2025"
        )
    if not re.search(r"[A-Za-z]", cleaned) or not re.search(r"\d", cleaned):
        raise ValueError(f"'{text}' is not a date; write 2025-05-05, May 5 2025 or 5 May 2025")
    return _parse_words(cleaned, text)


def _parse_words(cleaned: str, text: str) -> FileDate:
    from dateutil import parser as dateutil_parser  # only when a person typed words

    # Two different defaults reveal which parts the text did not give.
    first = datetime(1, 1, 1)
    second = datetime(2, 2, 2)
    try:
        a = dateutil_parser.parse(cleaned, default=first)
        b = dateutil_parser.parse(cleaned, default=second)
    except (ValueError, OverflowError) as exc:
        raise ValueError(
            f"'{text}' is not a date; write 2025-05-05, May 5 2025 or 5 May 2025"
        ) from exc
    if a.year != b.year:
        raise ValueError(f"'{text}' has no year; write May 5 2025")
    if a.month != b.month:
        return FileDate(a.year)
    if a.day != b.day:
        return FileDate(a.year, a.month)
    return FileDate(a.year, a.month, a.day)
