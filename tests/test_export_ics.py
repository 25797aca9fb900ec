"""`timeline export --format ics`: RFC 5545 read back with the icalendar package."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar

from conftest import BUNDLED, FIXED_TODAY, assert_golden


def export(  # type: ignore[no-untyped-def]
    run, *args: str, today: str = FIXED_TODAY, file: str = str(BUNDLED)
):
    result = run("export", "--format", "ics", "-f", file, "--today", today, *args)
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
        "Deadline (passed): "
        "Government to answer pending discovery and shore up its privilege claims"
    )
    assert event.decoded("dtstart") == date(2025, 5, 5)
    assert event.decoded("dtend") == date(2025, 5, 6)
    assert "Status as of 2026-11-27: PASSED 571 days ago" in str(event["description"])
    [alarm] = event.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm.decoded("trigger") == timedelta(days=-1)


def test_a_timed_deadline_is_in_its_case_timezone(run):
    event = vevents(ics(run))["scotus-response-deadline@timeline"]
    start = event.decoded("dtstart")
    assert start.isoformat() == "2025-04-08T17:00:00-04:00"
    assert start.tzinfo.key == "America/New_York"
    assert str(event["summary"]).startswith("Deadline (met): ")
    # Met, vacated, moot and extended deadlines call for nothing, so they get no alarm.
    assert event.walk("VALARM") == []


def test_every_day_or_minute_event_is_there_once_and_coarser_ones_are_left_out(run):
    result = export(run)
    events = vevents(result.stdout_bytes.decode("utf-8"))
    assert len(events) == 31
    assert "abrego-arrest@timeline" in events
    assert "bukele-takes-office@timeline" not in events  # dated 2019
    assert "abrego-deported@timeline" not in events  # dated 2025-03
    assert result.stderr == (
        "timeline: note: 14 events left out of the calendar: dated only to a year or a month, "
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
        "Status as of 2027-01-15: PASSED 620 days ago"
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
