"""`export --format ics` with line breaks of every kind in every text that reaches a property.

TEXT properties (SUMMARY, DESCRIPTION, CATEGORIES) carry a line break as iCalendar's escaped
newline, whatever break the file had (LF, CR, CRLF, U+2028, U+2029, NEL); the calendar's name
(NAME, X-WR-CALNAME), which icalendar writes as it is, is one line: a break there is a space;
a URL loses its tabs and line breaks, as a browser's address bar drops them.
"""

from __future__ import annotations

import pytest
from icalendar import Calendar

from conftest import FIXED_TODAY

BREAKS = {"LF": "\n", "CR": "\r", "CRLF": "\r\n", "LS": "\u2028", "PS": "\u2029", "NEL": "\x85"}
# A URL loses CR and LF (as a browser's address bar drops them); other separators are encoded.
URLS = {"LF": "ab", "CR": "ab", "CRLF": "ab", "LS": "a%E2%80%A8b", "PS": "a%E2%80%A9b",
        "NEL": "a%C2%85b"}


def quoted(text: str) -> str:
    """A YAML double-quoted scalar holding ``text`` exactly."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    for char, name in (("\n", "\\n"), ("\r", "\\r"), ("\u2028", "\\L"), ("\u2029", "\\P"),
                       ("\x85", "\\N")):  # fmt: skip
        escaped = escaped.replace(char, name)
    return f'"{escaped}"'


def events_file(br: str) -> str:
    return f"""\
sources:
  s:
    title: {quoted(f"Source{br}title")}
    url: {quoted(f"https://example.org/a{br}b")}
kinds:
  motion: {{label: {quoted(f"Motion{br}to dismiss")}}}
cases:
  c:
    title: {quoted(f"Doe v.{br}Roe")}
    court: {quoted(f"District{br}Court")}
    docket: {quoted(f"1:25-cv-1{br}2")}
events:
  - id: hearing
    date: 2025-03-12
    case: c
    kind: motion
    title: {quoted(f"First line{br}second line")}
    details: {quoted(f"Details{br}go on")}
    sources: [s]
  - id: due
    date: 2025-03-20
    case: c
    kind: deadline
    title: {quoted(f"Answer{br}due")}
    sources: [s]
"""


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_every_line_break_in_the_file_is_escaped_and_round_trips(run, write, name):
    br = BREAKS[name]
    write(events_file(br))
    result = run("export", "--format", "ics", "--today", FIXED_TODAY)
    assert result.exit_code == 0, result.output
    raw = result.stdout_bytes.decode("utf-8")
    lines = raw.split("\r\n")
    assert lines[-1] == ""
    for line in lines:
        assert not any(char in line for char in "\r\n\u2028\u2029\x85"), repr(line)
        assert len(line.encode("utf-8")) <= 75, line
    calendar = Calendar.from_ical(raw)
    assert str(calendar["x-wr-calname"]) == "Timeline: Doe v. Roe"
    assert str(calendar["name"]) == "Timeline: Doe v. Roe"
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    hearing, due = events["hearing@timeline"], events["due@timeline"]
    assert str(hearing["summary"]) == "First line\nsecond line"
    assert str(due["summary"]) == "Deadline (PASSED, no outcome recorded): Answer\ndue"
    assert hearing["categories"].cats == ["Motion\nto dismiss"]
    description = str(hearing["description"]).split("\n")
    url = "https://example.org/" + URLS[name]
    assert description == ["Date: 2025-03-12", "Case: Doe v.", "Roe", "", "Details", "go on",
                           "", "Sources:", "- Source", f"title <{url}>"]  # fmt: skip
    assert str(hearing["url"]) == url
    alarms = [str(alarm["description"]) for alarm in due.walk("VALARM")]
    assert alarms == ["Due tomorrow: Answer\ndue"]


def test_a_case_title_over_two_lines_names_the_calendar_on_one_line(run, write):
    # The reported crash: "Content line can not contain unescaped new line characters".
    write('cases:\n  c: {title: "Doe\\nv. Roe\\r(CR)"}\n'
          "events:\n  - {date: 2025-03-12, case: c, kind: order, title: T,"
          " sources: [https://example.org/]}\n")  # fmt: skip
    result = run("export", "--format", "ics", "--today", FIXED_TODAY)
    assert result.exit_code == 0, result.output
    lines = result.stdout_bytes.decode("utf-8").split("\r\n")
    assert "X-WR-CALNAME:Timeline: Doe v. Roe (CR)" in lines
    assert "NAME:Timeline: Doe v. Roe (CR)" in lines
    [event] = Calendar.from_ical(result.stdout_bytes).walk("VEVENT")
    assert "Case: Doe\nv. Roe\n(CR)" in str(event["description"])
