"""Legal holidays as Fed. R. Civ. P. 6(a)(6) defines them, for one jurisdiction.

Rule 6(a)(6): (A) the federal holidays, on the days set aside for observing them; (B) any other
day declared a holiday by the President or Congress; (C) for periods measured after an event,
any other day the state where the court sits declares a holiday. Days come from the `holidays`
package (imported here, so only computations and `timeline holidays` pay for it); a file may add
its own `closures:` (a court closed by weather, say) and switch presidential days off.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Iterable

import holidays as holidays_package

# What each kind of day is called in explanations and in `timeline holidays`.
FEDERAL, PRESIDENTIAL, STATE, CLOSURE = "federal", "presidential", "state", "closure"


@dataclass(frozen=True, order=True)
class Holiday:
    day: date
    name: str
    source: str  # FEDERAL, PRESIDENTIAL, STATE or CLOSURE
    jurisdiction: str = "US"  # for STATE: the subdivision, as in US-MD

    def reason(self) -> str:
        """Why the day is not counted, for an explanation line."""
        if self.source == FEDERAL:
            return f"{self.name} (legal holiday)"
        if self.source == PRESIDENTIAL:
            return f"{self.name} (legal holiday declared by the President)"
        if self.source == STATE:
            return f"{self.name} ({self.jurisdiction} legal holiday)"
        return f"{self.name} (court closed)"


class LegalCalendar:
    """Answers "is this day a legal holiday here, counting this way, and named what?"."""

    def __init__(
        self,
        jurisdiction: str = "US",
        presidential: bool = True,
        closures: Iterable[date] = (),
    ) -> None:
        self.jurisdiction = jurisdiction
        self.presidential = presidential
        self.closures = frozenset(closures)
        subdivision = jurisdiction.partition("-")[2]
        self.subdivision = subdivision or None

    def holidays_on(self, day: date, forward: bool = True) -> list[Holiday]:
        """The legal holidays on ``day``; state ones only for periods counted forwards."""
        found = list(_year_days(day.year, FEDERAL, None).get(day, ()))
        if self.presidential:
            found += _year_days(day.year, PRESIDENTIAL, None).get(day, ())
        if forward and self.subdivision is not None:
            found += _year_days(day.year, STATE, self.subdivision).get(day, ())
        if day in self.closures:
            found.append(Holiday(day, "court closure listed in the file", CLOSURE))
        return found

    def is_court_day(self, day: date, forward: bool = True) -> bool:
        """Neither a Saturday, a Sunday nor a legal holiday."""
        return day.weekday() < 5 and not self.holidays_on(day, forward)

    @staticmethod
    def known_years() -> tuple[int, int]:
        """The years the `holidays` package has US holidays for (outside them: none known)."""
        return _known_years()

    def year(self, year: int) -> list[Holiday]:
        """Every legal holiday of ``year`` (state ones included), in date order."""
        days: list[Holiday] = []
        days += _flatten(_year_days(year, FEDERAL, None))
        if self.presidential:
            days += _flatten(_year_days(year, PRESIDENTIAL, None))
        if self.subdivision is not None:
            days += _flatten(_year_days(year, STATE, self.subdivision))
        days += [Holiday(day, "court closure listed in the file", CLOSURE)
                 for day in self.closures if day.year == year]  # fmt: skip
        return sorted(days, key=lambda h: (h.day, _SOURCE_ORDER[h.source], h.name))


_SOURCE_ORDER = {FEDERAL: 0, PRESIDENTIAL: 1, STATE: 2, CLOSURE: 3}


def _flatten(days: dict[date, tuple[Holiday, ...]]) -> list[Holiday]:
    return [holiday for found in days.values() for holiday in found]


@lru_cache(maxsize=1)
def _known_years() -> tuple[int, int]:
    calendar = holidays_package.country_holidays("US")
    return int(calendar.start_year), int(calendar.end_year)


@lru_cache(maxsize=1024)
def _year_days(year: int, source: str, subdivision: str | None) -> dict[date, tuple[Holiday, ...]]:
    """The days of one kind falling in ``year``.

    The package files an observed day under the holiday's own year (New Year's Day 2022, a
    Saturday, observed on Friday 2021-12-31), so the neighbouring years are read too.
    """
    years = tuple(y for y in (year - 1, year, year + 1) if 1 <= y <= 9999)
    federal = _package(years, "public", None)
    if source == FEDERAL:
        chosen = federal
        jurisdiction = "US"
    elif source == PRESIDENTIAL:
        # The `government` category repeats the federal days (under slightly different names):
        # only the days it adds were declared by the President.
        chosen = {d: n for d, n in _package(years, "government", None).items() if d not in federal}
        jurisdiction = "US"
    else:
        assert subdivision is not None
        chosen = {d: n for d, n in _package(years, "public", subdivision).items() if d not in federal}
        jurisdiction = f"US-{subdivision}"
    out: dict[date, tuple[Holiday, ...]] = {}
    for day, names in chosen.items():
        if day.year == year:
            out[day] = tuple(Holiday(day, name, source, jurisdiction) for name in names)
    return out


@lru_cache(maxsize=256)
def _package(years: tuple[int, ...], category: str, subdivision: str | None) -> dict[date, list[str]]:
    """Dates and names from the `holidays` package (several names on one day stay apart)."""
    calendar = holidays_package.country_holidays(
        "US", subdiv=subdivision, years=years, categories=(category,)
    )
    return {day: calendar.get_list(day) for day in calendar}

