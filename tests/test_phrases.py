"""The words every reading view shares: dates at their precision, badges, clean text."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from timeline.dates import parse_file_date
from timeline.deadlines.due import Due
from timeline.deadlines.status import DeadlineState
from timeline.render.phrases import badge, clean, days_phrase, due_label, full_date, short_date

NY = "America/New_York"


@pytest.mark.parametrize(
    ("written", "zone", "short", "full"),
    [
        ("2019", None, "2019", "2019"),
        ("2022-03", None, "Mar 2022", "2022-03"),
        ("2025-03-12", NY, "Mar 12", "2025-03-12"),
        ("2025-04-07T23:59", NY, "Apr 7 23:59 EDT", "2025-04-07 23:59 EDT"),
        ("2025-01-07T09:30", NY, "Jan 7 09:30 EST", "2025-01-07 09:30 EST"),
        ("2025-05-05T17:00-04:00", NY, "May 5 17:00 -04:00", "2025-05-05 17:00 -04:00"),
        ("2025-05-05T17:00Z", None, "May 5 17:00 UTC", "2025-05-05 17:00 UTC"),
    ],
)
def test_dates_at_their_precision(written: str, zone: str | None, short: str, full: str) -> None:
    parsed = parse_file_date(written)
    assert short_date(parsed, zone) == short
    assert full_date(parsed, zone) == full


@pytest.mark.parametrize(
    ("status", "days", "expected"),
    [
        ("passed", -571, "PASSED 571 days ago · no outcome recorded"),
        ("passed", -1, "PASSED 1 day ago · no outcome recorded"),
        ("missed", -3, "MISSED 3 days ago"),
        ("missed", 4, "MISSED"),  # set by hand before its day
        ("due-soon", 0, "DUE TODAY"),
        ("due-soon", 1, "DUE IN 1 DAY"),
        ("due-soon", 3, "DUE IN 3 DAYS"),
        ("upcoming", 30, "UPCOMING in 30 days"),
        ("met", -2, "MET"),
        ("met-late", -2, "MET LATE"),
        ("extended", 5, "EXTENDED"),
        ("vacated", None, "VACATED"),
        ("moot", None, "MOOT"),
        ("unknown", None, "DUE DATE UNKNOWN"),
    ],
)
def test_badges(status: str, days: int | None, expected: str) -> None:
    assert badge(DeadlineState(None, status, days)) == expected


def test_days_phrase() -> None:
    assert [days_phrase(d) for d in (None, 0, 1, 2, -1, -571)] == [
        "", "today", "in 1 day", "in 2 days", "1 day ago", "571 days ago"]


def test_due_label() -> None:
    assert due_label(Due(date(2025, 5, 5))) == "2025-05-05"
    moment = datetime(2025, 4, 8, 17, 0, tzinfo=ZoneInfo(NY))
    assert due_label(Due(moment.date(), moment)) == "2025-04-08 17:00 EDT"
    offset = datetime(2025, 4, 8, 17, 0, tzinfo=timezone(timedelta(hours=-4)))
    assert due_label(Due(offset.date(), offset)) == "2025-04-08 17:00 -04:00"


def test_clean_keeps_a_line_of_text_and_nothing_a_terminal_obeys() -> None:
    assert clean("a\nb\r\n  c\td") == "a b c d"
    assert clean("x\x1b[2Jy\x07z\x9b\u202e") == r"x\x1b[2Jy\x07z\x9b\u202e"
    assert clean("Abrego Garcia v. Noem") == "Abrego Garcia v. Noem"


def test_due_label_writes_the_year_1_with_four_digits_and_a_local_mean_time_with_seconds() -> None:
    lmt = datetime(1, 1, 1, 12, tzinfo=timezone.utc).astimezone(ZoneInfo(NY))
    assert due_label(Due(lmt.date(), lmt)) == "0001-01-01 07:03:58 LMT"
    utc = datetime(1, 1, 1, 0, 5, tzinfo=timezone.utc)
    assert due_label(Due(utc.date(), utc)) == "0001-01-01 00:05 UTC"
    assert due_label(Due(date(1, 1, 1))) == "0001-01-01"


def test_a_local_mean_time_due_moment_is_shown_beside_written_dates_in_utc() -> None:
    lmt = datetime(1, 1, 1, 12, tzinfo=timezone.utc).astimezone(ZoneInfo(NY))
    due = Due(lmt.date(), lmt)
    assert due.iso() == "0001-01-01T07:03:58-04:56:02"
    assert due.date_form().iso() == "0001-01-01T12:00Z"
    summer = datetime(2025, 4, 8, 17, tzinfo=ZoneInfo(NY))
    assert Due(summer.date(), summer).iso() == "2025-04-08T17:00-04:00"
    assert Due(summer.date(), summer).date_form().iso() == "2025-04-08T17:00-04:00"


def test_where_readings_differ_the_badge_counts_from_the_earliest_and_the_label_shows_the_range() -> None:
    from datetime import date

    due = Due(date(2026, 7, 6), None, (), date(2026, 7, 3), date(2026, 7, 6))
    assert due_label(due) == "2026-07-06 (2026-07-03 to 2026-07-06)"
    # Today 2026-07-01: due in 5 days, but the earliest reading in 2.
    assert badge(DeadlineState(due, "due-soon", 5, earliest_days=2)) == "DUE IN 2 DAYS"
    # Today 2026-07-04: past the earliest, not the latest.
    assert badge(DeadlineState(due, "due-soon", 2, earliest_days=-1)) == (
        "DUE NOW (EARLIEST 1 DAY AGO)")
