"""State legal holidays the `holidays` package lacks, each with the statute that makes it one.

Rule 6(a)(6)(C), Crim. 45(a)(6)(C) and FRAP 26(a)(6)(C) count "any other day declared a holiday
by the state": the state's statute, not the package's list. Where an audit found a day the
package lacks, it is here with its rule and citation; ``AUDITS`` says which states were read
against which statute, and when (the README repeats it). A state not listed was not audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable


@dataclass(frozen=True)
class Audit:
    statute: str
    read_at: str  # where the statute's text was read
    on: str  # the day of the audit
    finding: str


@dataclass(frozen=True)
class StateDay:
    name: str
    rule: str  # when it falls, as the statute says
    cite: str
    dates: Callable[[int], list[date]]  # its dates in a year, before any Sunday rule
    sunday_to_monday: bool = False  # the statute moves it to Monday when it is a Sunday


def _fixed(month: int, day: int) -> Callable[[int], list[date]]:
    return lambda year: [date(year, month, day)]


def _good_friday(year: int) -> list[date]:
    from dateutil.easter import easter  # Western Easter Sunday; holidays needs dateutil too

    return [easter(year) - timedelta(days=2)]


def _general_election(year: int) -> list[date]:
    """The Tuesday after the first Monday in November, in even years (Md. Elec. Law § 8-201)."""
    if year % 2:
        return []
    first = date(year, 11, 1)
    monday = first + timedelta(days=(0 - first.weekday()) % 7)
    return [monday + timedelta(days=1)]


_MD = "Md. Code, Gen. Prov. § 1-111"

STATE_DAYS: dict[str, tuple[StateDay, ...]] = {
    "US-MD": (
        StateDay("Lincoln's Birthday", "February 12", f"{_MD}(a)(3)", _fixed(2, 12), True),
        StateDay("Maryland Day", "March 25", f"{_MD}(a)(5)", _fixed(3, 25), True),
        StateDay("Good Friday", "the Friday before Easter", f"{_MD}(a)(6)", _good_friday),
        StateDay("Defenders' Day", "September 12", f"{_MD}(a)(11)", _fixed(9, 12), True),
        StateDay("Statewide general election day",
                 "the Tuesday after the first Monday in November, even years",
                 f"{_MD}(a)(17)", _general_election),
    ),
    "US-AZ": (
        StateDay("Constitution Commemoration Day", "September 17", "A.R.S. § 1-301(A)(11)",
                 _fixed(9, 17)),
    ),
}

_NY = "N.Y. Gen. Constr. Law § 24"
_TX = "Tex. Gov't Code § 662.003"


@dataclass(frozen=True)
class NotInStatute:
    """A day the package lists that the state's statute does not make a legal holiday."""

    name: str  # the package's name for it
    only_weekday: int | None  # only on this weekday (an observed Friday), or None: every one
    why: str


# Days the package lists beyond the statute: not skipped by the due date (the statute is the
# rule), but kept as a reading, so the latest date allows for a court that follows the list.
NOT_IN_STATUTE: dict[str, tuple[NotInStatute, ...]] = {
    "US-NY": (
        NotInStatute("Susan B. Anthony Day", None,
                     f"listed by the holidays package, not a public holiday in {_NY}"),
        NotInStatute("Lincoln's Birthday (observed)", 4,
                     f"the holidays package keeps a Saturday Lincoln's Birthday on the Friday; "
                     f"{_NY} moves only a Sunday one, to the Monday"),
    ),
    "US-TX": (
        NotInStatute("Christmas Eve (observed)", None,
                     "the holidays package moves Christmas Eve a day earlier; "
                     "Tex. Gov't Code § 662.003 does not"),
    ),
}

_TX_OPTIONAL = (f"an optional holiday ({_TX}(c), § 662.013), taken by a state employee in place "
                "of another: whether it is a day \"declared a holiday by the state\" is not "
                "settled")

# Days the package lists that the statute makes holidays of a lesser kind: skipped by the due
# date, as the package has them, but not by the earliest.
DISPUTED: dict[str, dict[str, str]] = {
    "US-TX": {"Good Friday": _TX_OPTIONAL, "Cesar Chavez Day": _TX_OPTIONAL},
}

AUDITS: dict[str, Audit] = {
    "US-AZ": Audit(
        "A.R.S. § 1-301", "azleg.gov, S.B. 1235 (2018), which sets out § 1-301 as it stood",
        "2026-12-01",
        "the package lacks Constitution Commemoration Day (September 17; not moved off a "
        "Sunday, § 1-301(B)); the rest are federal days or Sundays",
    ),
    "US-MA": Audit(
        "Mass. Gen. Laws ch. 4, § 7, cl. 18", "the clause as quoted at welovebeantown.com and "
        "the Trial Court's list under it (mass.gov)", "2026-12-01",
        "the package has Patriots' Day, the one day beyond the federal ones; Suffolk County's "
        "Evacuation Day and Bunker Hill Day (ch. 136, § 12) are county days: closures",
    ),
    "US-WA": Audit(
        "RCW 1.16.050", "apps.leg.wa.gov and S.B. 5677 (2023), which sets it out as amended",
        "2026-12-01",
        "the package has Native American Heritage Day, the one day beyond the federal ones; "
        "Columbus Day and Juneteenth's remembrance are \"legislatively recognized days\", not "
        "legal holidays (Columbus Day and Juneteenth count anyway as federal days)",
    ),
    "US-TX": Audit(
        _TX, "codes.findlaw.com (current as of April 14, 2021)", "2026-12-01",
        "the package has the state holidays of § 662.003(b) and two optional ones (Good Friday, "
        "Cesar Chavez Day), which are read two ways; it lacks the optional Rosh Hashanah and Yom "
        "Kippur (not added: add them as closures if the court observes them), and keeps a "
        "Christmas Eve that falls on the federal observed Christmas on the day before, which "
        "§ 662.003 does not say: that day counts only for the latest date",
    ),
    "US-DC": Audit(
        "D.C. Code § 28-2701", "dccode.elaws.us (28-27, subchapter I)", "2026-12-01",
        "the package has every day: the federal days, Emancipation Day (April 16, kept on the "
        "Friday before a Saturday and the Monday after a Sunday) and Inauguration Day",
    ),
    "US-NY": Audit(
        _NY, "p12.nysed.gov/sss/lawsregs/GCL24.html and the 2025 bills quoting it as amended",
        "2026-12-01",
        "the package has Lincoln's Birthday and each general election day, but adds Susan B. "
        "Anthony Day and a Friday for a Saturday Lincoln's Birthday, which § 24 does not list: "
        "they count only for the latest date",
    ),
    "US-MD": Audit(
        _MD, "self-law.org/code/md/general-provisions/1-111", "2026-12-01",
        "the package lacks Lincoln's Birthday, Maryland Day, Good Friday, Defenders' Day and "
        "statewide general election days; a date on a Sunday is kept on the Monday, § 1-111(b)",
    ),
}


def supplement(jurisdiction: str, year: int) -> list[tuple[date, StateDay, bool]]:
    """The table's days in ``year``: (the day kept, the day's entry, moved from a Sunday)."""
    out = []
    for entry in STATE_DAYS.get(jurisdiction, ()):
        for day in entry.dates(year):
            moved = entry.sunday_to_monday and day.weekday() == 6
            out.append((day + timedelta(days=1) if moved else day, entry, moved))
    return out


def audited(jurisdiction: str) -> Audit | None:
    return AUDITS.get(jurisdiction)


def not_in_statute(jurisdiction: str, day: date, name: str) -> str:
    """Why a day the package lists is not in the state's statute ('' when it is)."""
    for entry in NOT_IN_STATUTE.get(jurisdiction, ()):
        if entry.name == name and entry.only_weekday in (None, day.weekday()):
            return entry.why
    return ""


def disputed_day(jurisdiction: str, name: str) -> str:
    """Why a package day is read two ways under the state's statute ('' when it is not)."""
    return DISPUTED.get(jurisdiction, {}).get(name, "")
