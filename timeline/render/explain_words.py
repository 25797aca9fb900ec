"""A computed deadline's explanation as a reader of a published page reads it.

The counting code explains itself in lines made for checking (``trigger: osc (order) on
2025-05-02 Fri``, ``count: 3 calendar days after it, ...``, ``day 3: 2025-05-05 Mon``), the
same in every view. A page for the public says it in sentences: the trigger by its title, the
count and the trigger in one (``3 days after "Order to show cause" of Fri May 2, 2025, ...``),
and every date in the page's date style, marked as a date so that the page keeps it on one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from timeline.deadlines.due import Due
from timeline.model import Event
from timeline.render.date_words import WEEKDAYS, DateStyle, long_day, long_moment
from timeline.render.phrases import clock, zone_name


@dataclass(frozen=True)
class When:
    """A date in a sentence: its machine form (for ``<time datetime>``) and its words."""

    iso: str
    words: str


@dataclass(frozen=True)
class Title:
    """An event's title, quoted as written: never searched for dates."""

    text: str


Piece = str | When | Title
Step = list[Piece]

_DAY_NAMES = "|".join(WEEKDAYS)
# An ISO moment or day as the counting code writes them, with the weekday it adds after a space.
_DATE = re.compile(
    r"(?P<moment>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2}(?::\d{2})?)?)"
    rf"(?: (?:{_DAY_NAMES})\b)?"
    rf"|(?P<day>\d{{4}}-\d{{2}}-\d{{2}})(?: (?P<weekday>{_DAY_NAMES})\b)?"
)
_COUNT = re.compile(r"count: (?P<n>\d+) (?P<unit>calendar days|court days|hours) "
                    r"(?P<way>after|before) it, (?P<how>.*)")  # fmt: skip
_NTH = re.compile(r"(?P<what>court day|day|hour) (?P<n>\d+): (?P<when>.*)")
_MOVE = re.compile(r"(?P<from>\S+) (?P<why>.+) -> (?P<to>\S+)")
_NOT_COUNTED = re.compile(r"not counted: (?P<day>\S+) (?P<why>.+)")
_UNITS = {"calendar days": ("day", "days"), "court days": ("court day", "court days"),
          "hours": ("hour", "hours")}  # fmt: skip
_WEEKEND_DAYS = ("Saturday", "Sunday")


def explain_steps(event: Event, due: Due, trigger: Event | None, style: DateStyle,
                  tz_name: str | None = None) -> list[Step]:  # fmt: skip
    """The explanation of ``event``'s due date (counted from ``trigger``) as sentences, each
    time's zone named by the one rule (``zone_name``) on the clock of ``tz_name``, the case's."""
    lines = list(due.explain)
    words = _Words(style, tz_name)
    steps: list[Step] = []
    headline = _headline(lines, trigger, words)
    if headline is not None:
        steps.append(headline)
    for line in lines:
        steps.append(_sentence(line, words))
    return steps


@dataclass(frozen=True)
class _Words:
    style: DateStyle
    tz_name: str | None


def _headline(lines: list[str], trigger: Event | None, words: _Words) -> Step | None:
    """The trigger line and the count line as one sentence; both taken out of ``lines``."""
    if trigger is None or not lines:
        return None
    label = f"trigger: {trigger.id} ({trigger.kind})"
    count = next((line for line in lines if _COUNT.fullmatch(line)), None)
    if not lines[0].startswith(label) or count is None:
        return None
    rest = lines[0][len(label):]
    found = _COUNT.fullmatch(count)
    assert found is not None
    number = int(found["n"])
    one, many = _UNITS[found["unit"]]
    head: Step = [f"{number} {one if number == 1 else many} {found['way']} ", Title(trigger.title)]
    if rest.startswith(", due "):  # the trigger is a deadline itself
        head += [" (due ", *_dated(rest[len(", due "):], words), ")"]
    elif rest.startswith(" on "):
        head += [" of ", *_dated(rest[len(" on "):], words)]
    elif rest.startswith(" at "):
        head += [" at ", *_dated(rest[len(" at "):], words)]
    else:
        return None
    head += [", ", *_dated(found["how"].replace("the trigger day", "that day"), words)]
    lines.remove(count)
    del lines[0]
    return head


def _sentence(line: str, words: _Words) -> Step:
    if found := _NTH.fullmatch(line):
        verb = "ends" if found["what"] == "hour" else "is"
        return [f"{found['what'].capitalize()} {found['n']} {verb} ",
                *_dated(found["when"], words)]  # fmt: skip
    if (found := _MOVE.fullmatch(line)) and _DATE.fullmatch(found["from"]):
        reasons = [f"a {why}" if why in _WEEKEND_DAYS else why for why in found["why"].split("; ")]
        return [*_dated(found["from"], words), f" is {' and '.join(reasons)}: moved to ",
                *_dated(found["to"], words)]  # fmt: skip
    if found := _NOT_COUNTED.fullmatch(line):
        return [*_dated(found["day"], words), f" is not counted: {found['why']}"]
    if line.startswith("due: "):
        return ["Due ", *_dated(line[len("due: "):], words)]
    return _dated(line[:1].upper() + line[1:], words)


def _dated(text: str, words: _Words) -> Step:
    """``text`` with each ISO date or moment in it made a ``When`` in the words' style."""
    pieces: Step = []
    at = 0
    for found in _DATE.finditer(text):
        when = _when(found, words)
        if when is None:
            continue
        if found.start() > at:
            pieces.append(text[at:found.start()])
        pieces.append(when)
        at = found.end()
    if at < len(text):
        pieces.append(text[at:])
    return pieces


def _zone(moment: datetime, tz_name: str | None) -> str:
    """The moment's zone by the one rule (``EDT`` where the offset is the case zone's, ``LMT``
    for New York's local mean time); an offset with seconds shown as one (``-04:56:02``) in
    full, since cut to minutes it names another instant."""
    name = zone_name(moment, tz_name)
    offset = moment.utcoffset()
    if offset is None or not offset.seconds % 60 or not name.startswith(("+", "-")):
        return name
    sign, total = ("-", -offset) if offset.days < 0 else ("+", offset)
    minutes, seconds = divmod(int(total.total_seconds()), 60)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}:{seconds:02d}"


def _when(found: re.Match[str], words: _Words) -> When | None:
    try:
        if found["moment"]:
            moment = datetime.fromisoformat(found["moment"])
            if moment.tzinfo is None:
                return None
            zone_text = _zone(moment, words.tz_name)
            if words.style == "long":
                shown = long_moment(moment, weekday=True, zone_text=zone_text)
            else:
                shown = f"{WEEKDAYS[moment.weekday()]} {clock(moment)} {zone_text}"
            return When(found["moment"], shown)
        day = date.fromisoformat(found["day"])
    except ValueError:
        return None
    if words.style == "long":  # every day of a count with its weekday: weekends are why days move
        return When(found["day"], long_day(day, weekday=True))
    if found["weekday"] is not None:
        return When(found["day"], f"{WEEKDAYS[day.weekday()]} {found['day']}")
    return When(found["day"], found["day"])
