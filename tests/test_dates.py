"""The file's date forms and what a person types."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.dates import FileDate, Precision, parse_file_date, parse_user_date

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize("text,precision,iso", [
    ("2019", Precision.YEAR, "2019"),
    ("2022-03", Precision.MONTH, "2022-03"),
    ("2025-03-12", Precision.DAY, "2025-03-12"),
    ("2025-05-05T17:00", Precision.MINUTE, "2025-05-05T17:00"),
    ("2025-05-05 17:00", Precision.MINUTE, "2025-05-05T17:00"),
    ("2025-05-05T17:00-04:00", Precision.MINUTE, "2025-05-05T17:00-04:00"),
    ("2025-05-05T17:00Z", Precision.MINUTE, "2025-05-05T17:00Z"),
    ("2024-02-29", Precision.DAY, "2024-02-29"),
])  # fmt: skip
def test_file_forms(text, precision, iso):
    parsed = parse_file_date(text)
    assert parsed.precision is precision
    assert parsed.iso() == iso


@pytest.mark.parametrize("text,message", [
    ("2025-02-30", "February 2025 has 28 days"),
    ("2025-13", "there is no month 13"),
    ("2025-05-05T24:00", "is not a time of day"),
    ("May 2025", "is not a date"),
    ("25-05-05", "is not a date"),
    ("2025-05-05T17:00+25:00", "impossible UTC offset"),
])  # fmt: skip
def test_impossible_dates(text, message):
    with pytest.raises(ValueError, match=message):
        parse_file_date(text)


def test_coarser_sorts_first_on_ties():
    keys = [parse_file_date(t).sort_key for t in ("2025-03-12", "2025-03", "2025", "2025-03-01")]
    assert sorted(keys) == [parse_file_date(t).sort_key for t in ("2025", "2025-03", "2025-03-01", "2025-03-12")]


@pytest.mark.parametrize("text,expected", [
    ("May 5 2025", FileDate(2025, 5, 5)),
    ("5 May 2025", FileDate(2025, 5, 5)),
    ("2025-05-05", FileDate(2025, 5, 5)),
    ("May 2025", FileDate(2025, 5)),
    ("today", FileDate(2026, 11, 27)),
    ("yesterday", FileDate(2026, 11, 26)),
    ("2025-05", FileDate(2025, 5)),
])  # fmt: skip
def test_user_forms(text, expected):
    assert parse_user_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["03/04/2025", "3.4.2025", "03-04-25"])
def test_ambiguous_numeric_dates_are_refused(text):
    with pytest.raises(ValueError, match="ambiguous"):
        parse_user_date(text, TODAY)


@pytest.mark.parametrize("text", ["May 5", "soon", "2025-02-30", "32 May 2025"])
def test_other_bad_user_dates(text):
    with pytest.raises(ValueError):
        parse_user_date(text, TODAY)


def test_jurisdictions_match_the_holidays_package():
    import holidays

    from timeline.deadlines.jurisdictions import US_SUBDIVISIONS

    assert set(US_SUBDIVISIONS) == set(holidays.US.subdivisions)


def test_wall_clock_names_a_skipped_time_and_a_time_shown_twice() -> None:
    from zoneinfo import ZoneInfo

    from timeline.dates import wall_clock

    ny = ZoneInfo("America/New_York")
    gap = wall_clock(parse_file_date("2025-03-09T02:30"), ny)
    assert gap is not None and gap.skipped
    assert (gap.read_as.strftime("%H:%M %Z"), gap.other.strftime("%H:%M %Z")) == (
        "02:30 EST", "03:30 EDT")
    twice = wall_clock(parse_file_date("2025-11-02T01:30"), ny)
    assert twice is not None and not twice.skipped
    assert (twice.read_as.strftime("%H:%M %Z"), twice.other.strftime("%H:%M %Z")) == (
        "01:30 EDT", "01:30 EST")
    # Lord Howe Island moves its clocks by half an hour.
    howe = ZoneInfo("Australia/Lord_Howe")
    assert wall_clock(parse_file_date("2025-10-05T02:15"), howe) is not None
    assert wall_clock(parse_file_date("2025-10-05T02:30"), howe) is None
    for exact in ("2025-03-09T03:00", "2025-03-09T02:30-05:00", "2025-11-02T02:00", "2025-07-04"):
        assert wall_clock(parse_file_date(exact), ny) is None
