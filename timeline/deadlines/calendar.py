"""Legal holidays as a rule set defines them (Fed. R. Civ. P. 6(a)(6) by default).

Rule 6(a)(6): (A) the federal holidays, on the days set aside for observing them; (B) any other
day declared a holiday by the President or Congress; (C) for periods measured after an event,
any other day the state where the court sits declares a holiday. Other rule sets take more
states (FRAP 26(a)(6)(C)) or none (S. Ct. R. 30.1, EOIR), and some no presidential days: the
rule registry (``rules.py``) says which. Days come from the `holidays` package (imported here,
so only computations and `timeline holidays` pay for it) and, for the state days it lacks, from
the statute table in ``state_days.py``; a file may add its own `closures:` (a court closed by
weather, say) and switch presidential days off.

Some days are holidays under one reading of the rule and not another (an observed Friday, a
court-only closure, a state day the court may not apply, Inauguration Day in the D.C. area):
each carries why, and ``holidays_on`` answers for the reading asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Iterable, Literal, Sequence

from timeline.deadlines.rules import DEFAULT_RULES, RULE_SETS
from timeline.deadlines.state_days import audited, disputed_day, not_in_statute, supplement
from timeline.deadlines.us_holidays import united_states

# How a rule is read: "due" as the project reads its text; "narrow" leaves out every day that
# some reading does not count; "broad" adds the days some reading counts beyond it.
Reading = Literal["due", "narrow", "broad"]
INAUGURATION = "Inauguration Day"
# What each kind of day is called in explanations and in `timeline holidays`.
FEDERAL, PRESIDENTIAL, STATE, CLOSURE = "federal", "presidential", "state", "closure"


@dataclass(frozen=True, order=True)
class Holiday:
    day: date
    name: str
    source: str  # FEDERAL, PRESIDENTIAL, STATE or CLOSURE
    jurisdiction: str = "US"  # for STATE: the subdivision, as in US-MD
    cite: str = ""  # the statute, for a day from the project's own table
    disputed: str = ""  # why some reading of the rule does not count it
    beyond_statute: str = ""  # listed by the package, not by the statute: only the broad reading

    def reason(self) -> str:
        """Why the day is not counted, for an explanation line."""
        if self.source == FEDERAL:
            return f"{self.name} (legal holiday)"
        if self.source == PRESIDENTIAL:
            return f"{self.name} (legal holiday declared by the President)"
        if self.source == STATE:
            cite = f", {self.cite}" if self.cite else ""
            return f"{self.name} ({self.jurisdiction} legal holiday{cite})"
        return f"{self.name} (court closed)"


class LegalCalendar:
    """Answers "is this day a legal holiday here, counting this way, and named what?"."""

    def __init__(
        self,
        jurisdiction: str | Sequence[str] = "US",
        presidential: bool = True,
        closures: Iterable[date] = (),
        rules: str = DEFAULT_RULES,
    ) -> None:
        listed = [jurisdiction] if isinstance(jurisdiction, str) else list(jurisdiction)
        self.rules = RULE_SETS[rules]
        self.jurisdictions = tuple(dict.fromkeys(listed)) or ("US",)
        self.jurisdiction = ", ".join(self.jurisdictions)
        self.presidential = presidential and self.rules.presidential
        self.closures = frozenset(closures)
        states = [j.partition("-")[2] for j in self.jurisdictions if "-" in j]
        self.subdivisions: tuple[str, ...] = () if self.rules.states == "none" else tuple(states)
        self.subdivision = self.subdivisions[0] if self.subdivisions else None
        # Set once a day some reading counts differently was looked at: the count is then
        # done again under each reading, for the earliest and latest due dates.
        self.saw_disputed = False
        self.disputes: dict[str, None] = {}  # what each such day was, in the order met
        self._listed: dict[int, frozenset[date]] = {}  # by year: see _listed_days

    def _listed_days(self, year: int) -> frozenset[date]:
        """Every day of ``year`` that holidays_on looks up in any list it reads: on any other
        day it finds nothing and notes nothing, so it can answer at once (most days counted
        are ordinary days, and each was several look-ups)."""
        days = self._listed.get(year)
        if days is None:
            found = set(_year_days(year, FEDERAL, None))
            if self.presidential:
                found.update(_year_days(year, PRESIDENTIAL, None))
            for subdivision in self.subdivisions:
                found.update(_year_days(year, STATE, subdivision))
            if self.rules.dc_inauguration:
                found.update(_year_days(year, STATE, "DC"))
            days = self._listed[year] = frozenset(found)
        return days

    def start_count(self) -> None:
        self.saw_disputed = False
        self.disputes = {}

    def holidays_on(
        self, day: date, forward: bool = True, reading: Reading = "due"
    ) -> list[Holiday]:
        """The legal holidays on ``day``; state ones only for periods counted forwards."""
        if day not in self.closures and day not in self._listed_days(day.year):
            return []
        found = list(_year_days(day.year, FEDERAL, None).get(day, ()))
        if self.presidential:
            found += _year_days(day.year, PRESIDENTIAL, None).get(day, ())
        for subdivision in self.subdivisions:
            state = _year_days(day.year, STATE, subdivision).get(day, ())
            if forward:
                found += [h for h in state if not h.beyond_statute]
                for extra in (h for h in state if h.beyond_statute):
                    self.saw_disputed = True
                    if reading == "due":
                        self.disputes[f"{day.isoformat()} {extra.name} ({extra.jurisdiction}): "
                                      f"{extra.beyond_statute}"] = None
                    elif reading == "broad":
                        found.append(extra)
            else:
                # 5 U.S.C. 6103(c) makes Inauguration Day a holiday for federal employees in
                # the D.C. area: read so, it is a (6)(B) day and counts backwards too.
                inauguration = [h for h in state if h.name == INAUGURATION]
                if inauguration:
                    self.saw_disputed = True
                    if reading == "due":
                        self.disputes[f"{day.isoformat()} {INAUGURATION}: kept as a state day "
                                      "(periods after an event only), but 5 U.S.C. 6103(c) "
                                      "makes it a holiday for federal employees in the D.C. "
                                      "area, which would count backwards too"] = None
                    if reading == "broad":
                        found += inauguration
        if self.rules.dc_inauguration:
            found += [
                Holiday(day, INAUGURATION, FEDERAL, disputed="5 U.S.C. 6103(c) makes it a "
                        "holiday only for federal employees in the D.C. area; whether R. 30.1's "
                        "\"listed in 5 U.S.C. 6103\" reaches it is not settled")
                for h in _year_days(day.year, STATE, "DC").get(day, ()) if h.name == INAUGURATION
            ]  # fmt: skip
        if day in self.closures:
            found.append(Holiday(day, "court closure listed in the file", CLOSURE,
                                 disputed=self._closure_dispute()))
        if any(holiday.disputed for holiday in found):
            self.saw_disputed = True
            if reading == "due":
                for holiday in found:
                    if holiday.disputed:
                        what = f"{day.isoformat()} {holiday.name}: {holiday.disputed}"
                        self.disputes[what] = None
            if reading == "narrow":
                found = [holiday for holiday in found if not holiday.disputed]
        return found

    def _closure_dispute(self) -> str:
        if self.rules.name == "scotus":
            return ""  # R. 30.1 names the days the building is closed by order of the Court
        return ("a court-only closure is a legal holiday for some courts (D. Md., 2024-07-05), "
                "not for others (W.D. Ky.)")

    def is_court_day(self, day: date, forward: bool = True, reading: Reading = "due") -> bool:
        """Neither a Saturday, a Sunday nor a legal holiday."""
        return day.weekday() < 5 and not self.holidays_on(day, forward, reading)

    def unaudited_states(self) -> list[str]:
        """The states counted whose statutes were not read against the package's list."""
        return [f"US-{s}" for s in self.subdivisions if audited(f"US-{s}") is None]

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
        for subdivision in self.subdivisions:
            days += _flatten(_year_days(year, STATE, subdivision))
        days += [Holiday(day, "court closure listed in the file", CLOSURE)
                 for day in self.closures if day.year == year]  # fmt: skip
        return sorted(days, key=lambda h: (h.day, _SOURCE_ORDER[h.source], h.name))


_SOURCE_ORDER = {FEDERAL: 0, PRESIDENTIAL: 1, STATE: 2, CLOSURE: 3}


def _flatten(days: dict[date, tuple[Holiday, ...]]) -> list[Holiday]:
    return [holiday for found in days.values() for holiday in found]


@lru_cache(maxsize=1)
def _known_years() -> tuple[int, int]:
    calendar = united_states()()
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
    # A state day of an audited state names the statute it was checked against.
    audit = audited(jurisdiction) if source == STATE else None
    statute = audit.statute if audit is not None else ""
    for day, names in chosen.items():
        if day.year == year:
            # A state's own statute says which day it keeps (D.C. Code § 28-2701 names the
            # Friday before a Saturday holiday): only a federal observed day is read two ways.
            out[day] = tuple(
                Holiday(day, name, source, jurisdiction, statute,
                        disputed=(_observed_dispute(name) if source == FEDERAL
                                  else disputed_day(jurisdiction, name)),
                        beyond_statute=not_in_statute(jurisdiction, day, name))
                for name in names
            )  # fmt: skip
    if source == STATE:
        for day, entry, moved in supplement(jurisdiction, year):
            if day in out or day in federal:
                continue  # the package has a holiday that day already
            name = f"{entry.name} (observed)" if moved else entry.name
            out[day] = (Holiday(day, name, STATE, jurisdiction, entry.cite,
                                "a state day from its statute that the court's own practice "
                                "was not found to apply"),)  # fmt: skip
    return out


def _observed_dispute(name: str) -> str:
    if "(observed)" not in name:
        return ""
    return ("an observed day: \"the day set aside by statute for observing\" it may be read as "
            "the holiday's own date")


def _package(years: tuple[int, ...], category: str, subdivision: str | None) -> dict[date, list[str]]:
    """Dates and names from the `holidays` package (several names on one day stay apart).

    Read a year at a time, each year once per run: a year's neighbours are read for it too
    (see ``_year_days``), and a calendar of three years costs three years' populating.
    """
    merged: dict[date, list[str]] = {}
    for year in years:
        for day, names in _package_year(year, category, subdivision).items():
            kept = merged.setdefault(day, [])
            kept += [name for name in names if name not in kept]
    return dict(sorted(merged.items()))


@lru_cache(maxsize=1024)
def _package_year(year: int, category: str, subdivision: str | None) -> dict[date, list[str]]:
    calendar = united_states()(subdiv=subdivision, years=year, categories=(category,))
    return {day: calendar.get_list(day) for day in calendar}
