"""`timeline export --format ics`: RFC 5545 read back with the icalendar package."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar

from conftest import BUNDLED, FIXED_TODAY, assert_golden


def outside_git() -> str:
    """The bundled file copied out of the repository, so that its events' LAST-MODIFIED comes
    from their statuses alone, not from this repository's history (test_ics_feed tests git)."""
    copy = Path(tempfile.gettempdir()) / f"timeline-test-{os.getpid()}" / "events.yaml"
    if not copy.exists():
        copy.parent.mkdir(exist_ok=True)
        shutil.copyfile(BUNDLED, copy)
        atexit.register(shutil.rmtree, copy.parent, ignore_errors=True)
    return str(copy)


def export(  # type: ignore[no-untyped-def]
    run, *args: str, today: str = FIXED_TODAY, file: str | None = None
):
    result = run("export", "--format", "ics", "-f", file or outside_git(), "--today", today,
                 *args)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return result


def ics(run, *args: str, **kwargs: str) -> str:  # type: ignore[no-untyped-def]
    # The bytes: CliRunner's `stdout` turns CRLF into LF.
    return export(run, *args, **kwargs).stdout_bytes.decode("utf-8")


def vevents(text: str) -> dict[str, Calendar]:
    calendar = Calendar.from_ical(text)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_golden(run):
    assert_golden("bundled.ics", ics(run))


def test_calendar_properties(run):
    calendar = Calendar.from_ical(ics(run))
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"]) == "-//timeline//court-case timeline export//EN"
    name = "Timeline: Abrego Garcia v. Noem; Noem v. Abrego Garcia; J.G.G. v. Trump"
    assert str(calendar["x-wr-calname"]) == name
    assert str(calendar["name"]) == name
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]


def test_the_may_5_deadline_is_an_all_day_event_that_says_passed(run):
    event = vevents(ics(run))["deadline-2025-05-05@timeline"]
    assert str(event["summary"]) == (
        "Deadline (PASSED, no outcome recorded): "
        "Government to answer pending discovery and shore up its privilege claims"
    )
    assert event.decoded("dtstart") == date(2025, 5, 5)
    assert event.decoded("dtend") == date(2025, 5, 6)
    assert "Status as of 2026-11-27: PASSED 571 days ago · no outcome recorded" in str(event["description"])
    [alarm] = event.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm.decoded("trigger") == timedelta(days=-1)


def test_a_timed_deadline_is_in_its_case_timezone(run):
    event = vevents(ics(run))["scotus-response-deadline@timeline"]
    start = event.decoded("dtstart")
    assert start.isoformat() == "2025-04-08T17:00:00-04:00"
    assert start.tzinfo.key == "America/New_York"
    assert str(event["summary"]).startswith("Deadline (MET): ")
    # Met, vacated, moot and extended deadlines call for nothing, so they get no alarm.
    assert event.walk("VALARM") == []


def test_every_day_or_minute_event_is_there_once_and_coarser_ones_are_left_out(run):
    result = export(run)
    events = vevents(result.stdout_bytes.decode("utf-8"))
    assert len(events) == 44
    assert "abrego-arrest@timeline" in events
    assert "bukele-takes-office@timeline" not in events  # dated 2019
    assert "bukele-assembly-clash@timeline" not in events  # dated 2020-05
    assert result.stderr == (
        "timeline: note: 6 events left out of the calendar: dated only to a year or a month, "
        "or not dated\n"
    )


def test_span_ends_the_day_after_its_last_day(run):
    events = vevents(ics(run))
    stay = events["discovery-stay-2025-04-23@timeline"]
    assert stay.decoded("dtstart") == date(2025, 4, 23)
    assert stay.decoded("dtend") == date(2025, 5, 1)


def test_dtstamp_is_the_given_today(run):
    for event in vevents(ics(run)).values():
        assert event.decoded("dtstamp") == datetime(2026, 11, 27, tzinfo=timezone.utc)


def test_reexport_keeps_uids_so_calendars_update(run):
    first = vevents(ics(run))
    later = vevents(ics(run, today="2027-01-15"))
    assert set(first) == set(later)
    assert str(later["deadline-2025-05-05@timeline"]["description"]).startswith(
        "Status as of 2027-01-15: PASSED 620 days ago · no outcome recorded"
    )


def test_events_without_ids_get_a_stable_content_uid(run, write):
    text = """
        events:
          - {date: 2025-05-05, kind: hearing, title: Hearing, details: first}
          - {date: 2025-05-05, kind: hearing, title: Hearing}
          - {date: 2025-05-06T09:30Z, kind: hearing, title: Timed, details: x}
    """
    path = write(text)
    first = vevents(ics(run, file=str(path)))
    path = write(text.replace("first", "edited details"))
    second = vevents(ics(run, file=str(path)))
    assert list(first) == list(second)
    assert len(first) == 3
    [a, b, timed] = list(first)
    assert a.startswith("event-") and b == a.removesuffix("@timeline") + "-2@timeline"
    # A time with an offset and no case timezone is written in UTC.
    assert first[timed].decoded("dtstart") == datetime(2025, 5, 6, 9, 30, tzinfo=timezone.utc)


def test_no_note_when_every_event_is_on_the_calendar(run, write):
    path = write("events:\n  - {date: 2025-05-05, kind: hearing, title: Hearing}\n")
    result = export(run, file=str(path))
    assert result.stderr == ""
    assert "BEGIN:VTIMEZONE" not in result.stdout


def test_lines_are_folded_and_end_in_crlf(run):
    text = ics(run)
    lines = text.split("\r\n")
    assert lines[-1] == ""
    assert "\n" not in "".join(lines)
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    assert any(line.startswith(" ") for line in lines)  # some long line was folded


LAST_DAYS = """
    cases:
      c: {title: Case, timezone: America/New_York}
    events:
      - {id: last, date: 9999-12-31, case: c, kind: hearing, title: Last day}
      - {id: span, date: 9999-12-30, end: 9999-12-31, case: c, kind: detention, title: Span}
      - {id: due, date: 9999-12-31, case: c, kind: deadline, title: Last due}
      - {id: timed, date: 9999-12-31T23:59, case: c, kind: hearing, title: Last minute}
      - {id: first, date: 0001-01-01, case: c, kind: deadline, title: First due}
      - {id: beyond, date: 9999-12-31T23:59-12:00, case: c, kind: hearing, title: Beyond}
"""


def test_the_last_representable_day_gets_a_duration_for_the_day_after_it_has_none(run, write):
    result = export(run, file=str(write(LAST_DAYS)), today="9999-12-31")
    events = vevents(result.stdout_bytes.decode("utf-8"))
    last, span, due = events["last@timeline"], events["span@timeline"], events["due@timeline"]
    assert last.decoded("dtstart") == date(9999, 12, 31) and "DTEND" not in last
    assert last.decoded("duration") == timedelta(days=1)
    assert span.decoded("dtstart") == date(9999, 12, 30)
    assert span.decoded("duration") == timedelta(days=2)
    assert due.decoded("duration") == timedelta(days=1)
    assert events["first@timeline"].decoded("dtend") == date(1, 1, 2)
    # An alarm a day before the year 1 has no date to go off on; the last day's alarm does.
    assert not events["first@timeline"].walk("VALARM")
    [alarm] = due.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(days=-1)
    timed = events["timed@timeline"].decoded("dtstart")
    assert (timed.year, timed.hour, timed.minute, timed.tzinfo.key) == (9999, 23, 59,
                                                                       "America/New_York")
    calendar = Calendar.from_ical(result.stdout_bytes.decode("utf-8"))
    assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == ["America/New_York"]


def test_a_time_past_the_year_9999_in_its_case_clock_is_left_out_and_said(run, write):
    for today in ("9999-12-31", "0001-01-01"):
        result = export(run, file=str(write(LAST_DAYS)), today=today)
        assert "beyond@timeline" not in vevents(result.stdout_bytes.decode("utf-8"))
        assert result.stderr == (
            "timeline: note: 1 event left out of the calendar: a time that, in its case's "
            "timezone or UTC, falls outside the years 1 to 9999\n"
            "timeline: note: 1 deadline has no alarm: the day before is before the year 1\n"
        )
        assert f"DTSTAMP:{today.replace('-', '')}T000000Z" in result.stdout


def test_a_vtimezone_covers_the_years_in_use_not_every_year_between(run, write):
    path = write("""
        cases:
          c: {title: C, timezone: America/New_York}
        events:
          - {id: a, date: 0001-06-01T12:00, case: c, kind: hearing, title: A}
          - {id: b, date: 1950-07-01T12:00, case: c, kind: hearing, title: B}
          - {id: c, date: 2025-07-01T12:00, case: c, kind: hearing, title: C}
          - {id: d, date: 2025-12-01T12:00, case: c, kind: hearing, title: D}
          - {id: e, date: 9999-07-01T12:00, case: c, kind: hearing, title: E}
          - {id: f, date: 9999-12-01T12:00, case: c, kind: hearing, title: F}
    """)
    text = ics(run, file=str(path))
    # Every change of New York's clock from the year 1 to 9999 would be some 270 kB.
    assert len(text) < 5000
    calendar = Calendar.from_ical(text)
    [zone] = calendar.walk("VTIMEZONE")
    # Each stretch's first observance says how far it goes (no COMMENT on the VTIMEZONE itself,
    # which RFC 5545 does not allow).
    assert "comment" not in zone
    assert [str(block["comment"]) for block in zone.subcomponents if "comment" in block] == [
        f"These rules hold from {span}." for span in (
            "0001-01-01 to 0002-12-31", "1950-01-01 to 1951-12-31", "2025-01-01 to 2026-12-31",
            "9999-01-01 to 9999-10-02")]
    rules, new_york = zone.to_tz(), ZoneInfo("America/New_York")
    starts = [event.decoded("dtstart").replace(tzinfo=None) for event in calendar.walk("VEVENT")]
    assert len(starts) == 6
    # The calendar's own rules read every event's time as New York's clock did (LMT, EDT, EST).
    assert [rules.utcoffset(s) for s in starts] == [
        s.replace(tzinfo=new_york).utcoffset() for s in starts]
