"""Words the reading views share: dates at their precision, deadline badges and counts.

Pure text, no Rich: the terminal views, the deadlines list and the exports all use it, so a
deadline reads the same wherever it is shown (``PASSED 571 days ago · no outcome recorded``),
and details split into the same paragraphs and lists.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from timeline.dates import FileDate, Precision, format_offset, zone
from timeline.deadlines.due import Due, has_seconds
from timeline.deadlines.status import FLAGGED, DeadlineState
from timeline.model import Event
from timeline.timeline import Timeline
from timeline.visible import visible

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")  # fmt: skip

# Terminal styles of the badges; passed and missed must be impossible to overlook.
BADGE_STYLES: dict[str, str] = {
    "passed": "bold red",
    "missed": "bold red",
    "due-soon": "bold yellow",
    "upcoming": "cyan",
    "met": "green",
    "met-late": "yellow",
    "extended": "blue",
    "vacated": "dim",
    "moot": "dim",
    "unknown": "magenta",
}


# What `passed` means: the day is over and nothing in the record says whether the deadline was
# met (`missed` is the outcome the record gives). Every view says it in these words, so that a
# reader never takes "we do not know yet" for "it was let pass".
NO_OUTCOME = "no outcome recorded"
# The flagged deadlines taken together: `missed` ones are recorded unmet, `passed` ones unknown.
FLAGGED_UNMET = "not recorded as met"


def clean(text: str) -> str:
    """File text for a terminal: one line, its runs of spaces and line breaks one space, and
    every control or bidi character shown escaped (see timeline/visible.py).

    An escape sequence in a title could otherwise move the cursor, clear the screen or retitle
    the window of whoever reads the timeline.
    """
    return visible(" ".join(text.split()))


def blocks(details: str) -> list[tuple[str, list[str]]]:
    """Split Markdown text into paragraphs (lines joined) and lists (one entry per item).

    Every view that shows details (html, timelinejs, markdown, the terminal) reads them so, and
    writes them out as plain text of its own. As in Markdown, a list may start right under a
    paragraph's last line, and a line under an item continues that item.
    """
    out: list[tuple[str, list[str]]] = []
    for chunk in details.strip("\n").split("\n\n"):
        paragraph: list[str] = []
        entries: list[str] = []
        for line in (line.strip() for line in chunk.splitlines()):
            if not line:
                continue
            if line.startswith(("- ", "* ")):
                entries.append(line[2:].strip())
            elif entries:
                entries[-1] += " " + line
            else:
                paragraph.append(line)
        if paragraph:
            out.append(("paragraph", [" ".join(paragraph)]))
        if entries:
            out.append(("list", entries))
    return out


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def event_zone(timeline: Timeline, event: Event) -> str | None:
    """The timezone a timed date of this event is read in (the renderers' short name for it)."""
    return timeline.timezone_of(event)


def zone_label(written: FileDate, tz_name: str | None) -> str:
    """The zone of a timed date as people read it: ``EDT``, or the written offset."""
    if written.offset is None and not tz_name:
        return "UTC"  # a time with no zone at all (the check reports it, T106)
    moment = written.instant(zone(tz_name) if tz_name else None)
    return zone_name(moment, tz_name, as_written=written.offset is not None and
                     not written.computed)  # fmt: skip


def zone_name(moment: datetime, tz_name: str | None, as_written: bool = False) -> str:
    """The one rule for the zone shown beside a time, written or computed, in every view.

    The case zone's abbreviation (``EDT``) when the case has a timezone and the moment's offset
    is that zone's at that instant; else the offset (``-05:00``, ``UTC``). An offset the file
    wrote (``as_written``) is shown as written: the author chose it over the zone's name.
    """
    offset = moment.utcoffset()
    if tz_name and not as_written:
        local = _on_clock(moment, tz_name)
        if local is not None and local.utcoffset() == offset:
            return local.tzname() or tz_name
    if offset is None:
        return "UTC"
    if not isinstance(moment.tzinfo, timezone):
        return moment.tzname() or "UTC"  # a zone's own moment: its name (LMT, near year 1)
    minutes = int(offset.total_seconds() // 60)
    return "UTC" if minutes == 0 else format_offset(minutes)


def _on_clock(moment: datetime, tz_name: str) -> datetime | None:
    """``moment`` on the clock of ``tz_name``; None where that clock leaves the years 1-9999."""
    try:
        tz = zone(tz_name)
        return moment if moment.tzinfo is tz else moment.astimezone(tz)
    except (OverflowError, ValueError):
        return None


def short_date(written: FileDate, tz_name: str | None) -> str:
    """A date inside its year's group: ``2019``, ``Mar 2022``, ``Mar 12``, ``Apr 7 23:59 EDT``."""
    precision = written.precision
    if precision is Precision.YEAR:
        return f"{written.year:04d}"
    assert written.month is not None
    if precision is Precision.MONTH:
        return f"{MONTHS[written.month - 1]} {written.year:04d}"
    text = f"{MONTHS[written.month - 1]} {written.day}"
    if precision is Precision.MINUTE:
        text += f" {written.hour:02d}:{written.minute:02d} {zone_label(written, tz_name)}"
    return text


def full_date(written: FileDate, tz_name: str | None) -> str:
    """A date on its own: ``2019``, ``2022-03``, ``2025-03-12``, ``2025-04-07 23:59 EDT``."""
    if written.precision is not Precision.MINUTE:
        return written.iso()
    day = FileDate(written.year, written.month, written.day).iso()
    return f"{day} {written.hour:02d}:{written.minute:02d} {zone_label(written, tz_name)}"


def due_label(due: Due, tz_name: str | None = None, written: FileDate | None = None) -> str:
    """The due moment: ``2025-05-05`` (to the end of that day) or ``2025-04-08 17:00 EDT``.

    Where readings of the rule differ, the range follows: ``2026-07-06 (2026-07-03 to
    2026-07-06)``, the earliest safe under every reading, the latest allowed by some.
    ``tz_name`` is the case's timezone (else the moment's own zone) and ``written`` the
    deadline's ``date:``: a time written with an offset is shown as written, as everywhere.
    """
    if due.moment is None:
        spread = due_range(due)
        return f"{due.day.isoformat()} ({spread})" if spread else due.day.isoformat()
    if written is not None and written.precision is Precision.MINUTE and \
            written.offset is not None:  # fmt: skip
        return full_date(written, tz_name)
    return f"{clock(due.moment)} {moment_zone(due.moment, tz_name)}"


def due_range(due: Due) -> str | None:
    """``2026-07-03 to 2026-07-06`` where readings of the rule give different days, else None."""
    if due.moment is not None or not due.has_range():
        return None
    return f"{due.first_day.isoformat()} to {due.last_day.isoformat()}"


def clock(moment: datetime) -> str:
    """``2025-04-08 17:00``, the year always four digits, seconds only where the zone has them.

    Written by hand: ``%Y`` gives ``1`` for the year 1 on some platforms.
    """
    text = f"{moment.date().isoformat()} {moment.hour:02d}:{moment.minute:02d}"
    return text + (f":{moment.second:02d}" if has_seconds(moment) else "")


def moment_zone(moment: datetime, tz_name: str | None = None) -> str:
    """The zone of a computed moment, by ``zone_name``'s rule (the moment's own zone when no
    case timezone is given)."""
    return zone_name(moment, tz_name or getattr(moment.tzinfo, "key", None))


def days_phrase(days: int | None) -> str:
    """``today``, ``in 3 days``, ``571 days ago``; empty when there is no due day."""
    if days is None:
        return ""
    if days == 0:
        return "today"
    if days > 0:
        return f"in {plural(days, 'day')}"
    return f"{plural(-days, 'day')} ago"


def badge(state: DeadlineState) -> str:
    """The status as a badge: ``PASSED 571 days ago · no outcome recorded``, ``MISSED``,
    ``DUE IN 3 DAYS``, ``MET LATE``."""
    status, days = state.status, state.days
    if status in ("due-soon", "upcoming") and state.earliest_days is not None:
        days = state.earliest_days  # where readings differ, count from the earliest
        if days < 0:
            return f"DUE NOW (EARLIEST {plural(-days, 'day').upper()} AGO)"
    if status in FLAGGED:
        word = status.upper()
        word = f"{word} {days_phrase(days)}" if days is not None and days < 0 else word
        return f"{word} · {NO_OUTCOME}" if status == "passed" else word
    if status == "due-soon":
        return "DUE TODAY" if days == 0 else f"DUE IN {plural(days or 0, 'day').upper()}"
    if status == "upcoming":
        return f"UPCOMING {days_phrase(days)}".rstrip()
    if status == "unknown":
        return "DUE DATE UNKNOWN"
    return status.replace("-", " ").upper()


# A deadline's status in words that stay the same from day to day (a badge without its count of
# days): a summary or title that changed daily would make a calendar or feed reader see an edit.
STATUS_WORDS = {"due-soon": "DUE SOON", "unknown": "DUE DATE UNKNOWN"}


def status_word(status: str) -> str:
    """``PASSED``, ``DUE SOON``, ``MET LATE``: the status without a count of days."""
    return STATUS_WORDS.get(status, status.replace("-", " ").upper())


def flagged_breakdown(missed: int, passed: int, sep: str = ", ") -> str:
    """What is known of the deadlines that passed: ``1 missed, 3 no outcome recorded``,
    ``no outcome recorded`` when none was recorded missed; empty when there are none."""
    if not passed:
        return f"{missed} missed" if missed else ""
    if not missed:
        return NO_OUTCOME
    return f"{missed} missed{sep}{passed} {NO_OUTCOME}"


def badge_style(status: str) -> str:
    return BADGE_STYLES.get(status, "bold")


def row_zone_date(timeline: Timeline, event: Event, start: FileDate | None,
                  state: DeadlineState | None) -> tuple[FileDate | None, str | None]:  # fmt: skip
    """The date a view shows for an event and the zone to read it in.

    A computed deadline has no written date: its due moment stands in for it.
    """
    if event.date is None and state is not None and state.due is not None:
        due = state.due
        if due.moment is not None:
            name = getattr(due.moment.tzinfo, "key", None)
            return due.date_form(), name
    return start, event_zone(timeline, event)


_MOVED_DAY = re.compile(r"(\d{4}-\d\d-\d\d) (.+) -> \d{4}-\d\d-\d\d")


def due_summary(timeline: Timeline, event: Event, due: Due | None) -> str:
    """What a deadline's due date is and how it was found, in one line, as ``add`` reports it:
    ``due Thu 2025-03-06, 3 days after osc (Fed. R. Civ. P. 6(a)(1))``.

    The count and the citation are those ``deadlines --explain`` gives step by step.
    """
    if due is None:
        return "its due date cannot be computed (timeline check says why)"
    if due.moment is not None:
        # due_label's rule: an offset the file wrote is shown as written (item 13 of issue 14)
        shown = due_label(due, event_zone(timeline, event), event.date)
        when = f"{due.moment.strftime('%a')} {shown}"
    else:
        when = f"{due.day.strftime('%a')} {due.day.isoformat()}"
        spread = due_range(due)
        when += f" (readings of the rule differ: {spread})" if spread else ""
    parts = [f"due {when}"]
    spec = event.due
    if spec is not None and event.date is None:
        parts.append(_count_phrase(timeline, event))
    moved = [m.groups() for m in map(_MOVED_DAY.fullmatch, due.explain) if m is not None]
    if moved:
        parts.append("moved past " + "; ".join(f"{day} {why}" for day, why in moved))
    return ", ".join(parts)


def _count_phrase(timeline: Timeline, event: Event) -> str:
    """``3 court days after osc (Fed. R. Civ. P. 6(a)(1))``, with the period or service too."""
    from timeline.deadlines.rules import PERIODS, RULE_SETS, rules_of

    spec = event.due
    assert spec is not None
    case = next((timeline.cases[c] for c in event.case if c in timeline.cases), None)
    rules = RULE_SETS[rules_of(spec.rules, spec.period, case.rules if case is not None else None)]
    # The direction is the count's sign: `after: x` with `days: -5` is counted before x.
    signed = spec.hours if spec.hours is not None else spec.signed_days or 0
    if spec.hours is not None and spec.before is not None and spec.after is None:
        signed = -signed
    way = "before" if signed < 0 else "after"
    if spec.hours is not None:
        return f"{plural(abs(spec.hours), 'hour')} {way} {spec.trigger} ({rules.hours_cite})"
    days = abs(spec.signed_days or 0)
    unit = "court day" if spec.count == "court-days" else "day"
    text = f"{plural(days, unit)} {way} {spec.trigger}"
    if spec.period is not None:
        text += f" ({spec.period}, {PERIODS[spec.period].cite}; counted by {rules.count_cite})"
    else:
        text += f" ({rules.count_cite})"
    if spec.service is not None:
        added = rules.service.get(spec.service, 0)
        cite = rules.service_cite
        text += (f", and {plural(added, 'day')} for service by {spec.service} ({cite})" if added
                 else f", service by {spec.service} adding nothing ({cite})")
    return text
