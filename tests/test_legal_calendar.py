"""The legal calendar: which days are legal holidays, for whom, counting which way."""

from __future__ import annotations

from datetime import date

import holidays
import pytest

from timeline.deadlines.jurisdictions import US_SUBDIVISIONS
from timeline.deadlines.calendar import LegalCalendar

MD = LegalCalendar("US-MD")
US = LegalCalendar("US")


def names(calendar: LegalCalendar, day: date, forward: bool = True) -> list[str]:
    return [h.reason() for h in calendar.holidays_on(day, forward)]


# (calendar, day, forward, expected reasons) -- read off the holiday lists by hand.
CASES = [
    pytest.param(US, date(2026, 6, 19), True,
                 ["Juneteenth National Independence Day (legal holiday)"], id="juneteenth"),
    pytest.param(US, date(2026, 7, 3), True, ["Independence Day (observed) (legal holiday)"],
                 id="observed-friday"),
    pytest.param(US, date(2021, 12, 31), True, ["New Year's Day (observed) (legal holiday)"],
                 id="next-years-holiday-observed-this-year"),
    pytest.param(US, date(2025, 1, 9), True,
                 ["National Day of Mourning for former President Jimmy Carter "
                  "(legal holiday declared by the President)"], id="day-of-mourning"),
    pytest.param(US, date(2024, 12, 24), True,
                 ["Christmas Eve (legal holiday declared by the President)"], id="christmas-eve-2024"),
    pytest.param(US, date(2026, 12, 24), True, [], id="no-christmas-eve-closure-2026"),
    pytest.param(MD, date(2026, 11, 27), True,
                 ["American Indian Heritage Day (US-MD legal holiday, Md. Code, Gen. Prov. § 1-111)"], id="maryland-forwards"),
    pytest.param(MD, date(2026, 11, 27), False, [], id="maryland-backwards"),
    pytest.param(US, date(2026, 11, 27), True, [], id="federal-only"),
    pytest.param(LegalCalendar("US-DC"), date(2026, 4, 16), True,
                 ["Emancipation Day (US-DC legal holiday, D.C. Code § 28-2701)"], id="dc-counts-as-a-state"),
    pytest.param(MD, date(2026, 11, 26), False, ["Thanksgiving Day (legal holiday)"],
                 id="federal-both-ways"),
    pytest.param(US, date(2026, 11, 25), True, [], id="ordinary-day"),
]


@pytest.mark.parametrize(("calendar", "day", "forward", "expected"), CASES)
def test_holidays_on(calendar: LegalCalendar, day: date, forward: bool, expected: list[str]) -> None:
    assert names(calendar, day, forward) == expected


def test_presidential_days_can_be_switched_off() -> None:
    off = LegalCalendar("US", presidential=False)
    assert off.holidays_on(date(2025, 1, 9)) == []
    assert off.holidays_on(date(2025, 12, 24)) == []
    assert names(off, date(2025, 12, 25)) == ["Christmas Day (legal holiday)"]


def test_closures_count_both_ways() -> None:
    calendar = LegalCalendar("US", closures={date(2026, 3, 10)})
    for forward in (True, False):
        assert names(calendar, date(2026, 3, 10), forward) == [
            "court closure listed in the file (court closed)"]
        assert not calendar.is_court_day(date(2026, 3, 10), forward)
    assert calendar.is_court_day(date(2026, 3, 11))


def test_court_days_exclude_weekends_and_holidays() -> None:
    assert US.is_court_day(date(2026, 11, 25))  # a Wednesday
    assert not US.is_court_day(date(2026, 11, 26))  # Thanksgiving
    assert not US.is_court_day(date(2026, 11, 28))  # a Saturday
    assert not MD.is_court_day(date(2026, 11, 27))
    assert MD.is_court_day(date(2026, 11, 27), forward=False)


def test_a_year_lists_every_kind_in_date_order() -> None:
    year = LegalCalendar("US-MD", closures={date(2025, 2, 3)}).year(2025)
    rows = [(h.day.isoformat(), h.source) for h in year]
    assert rows == sorted(rows, key=lambda r: r[0])
    assert ("2025-01-09", "presidential") in rows
    assert ("2025-02-03", "closure") in rows
    assert ("2025-11-28", "state") in rows
    assert ("2025-12-26", "presidential") in rows
    # Observed days of another year's holiday belong to the year they fall in.
    assert [h.name for h in US.year(2021) if h.day == date(2021, 12, 31)] == [
        "New Year's Day (observed)"]
    assert date(2021, 12, 31) not in {h.day for h in US.year(2022)}


def test_jurisdictions_match_the_package_subdivisions() -> None:
    assert set(US_SUBDIVISIONS) == set(holidays.country_holidays("US").subdivisions)


def test_the_us_calendar_loaded_alone_is_the_packages():
    """us_holidays.py loads the package's own US class by its path: the same days, each year."""
    import holidays

    from timeline.deadlines.us_holidays import united_states

    alone = united_states()
    for subdivision, category in ((None, "public"), (None, "government"), ("MD", "public"),
                                  ("DC", "public"), ("TX", "public")):  # fmt: skip
        for year in range(2015, 2031):
            ours = alone(subdiv=subdivision, years=year, categories=(category,))
            theirs = holidays.country_holidays("US", subdiv=subdivision, years=year,
                                               categories=(category,))  # fmt: skip
            assert {d: ours.get_list(d) for d in ours} == {d: theirs.get_list(d) for d in theirs}


def test_a_calendar_read_a_year_at_a_time_is_the_calendar_of_those_years():
    """calendar._package joins single years (each read once per run): the same days and
    names as the package's calendar of the three years, observed days across New Year too."""
    import holidays

    from timeline.deadlines.calendar import _package

    for subdivision, category in ((None, "public"), (None, "government"), ("DC", "public")):
        for year in range(2019, 2029):
            years = (year - 1, year, year + 1)
            whole = holidays.country_holidays("US", subdiv=subdivision, years=years,
                                              categories=(category,))  # fmt: skip
            assert _package(years, category, subdivision) == {
                day: whole.get_list(day) for day in sorted(whole)}
