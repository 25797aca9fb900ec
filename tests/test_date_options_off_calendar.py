"""Date and number options that run off the calendar are usage errors (issue 10, item 8)."""

from __future__ import annotations

import json

import pytest

LAST_DAYS = """\
version: 1
cases:
  c: {title: C}
events:
  - id: order
    date: 9999-12-20
    case: c
    kind: order
    title: An order
    sources: [https://example.org/a]
  - id: reply
    date: 9999-12-30
    case: c
    kind: deadline
    title: Reply due
    sources: [https://example.org/a]
"""

AFTER = "'tomorrow' is off the calendar, after its last day, 9999-12-31"
BEFORE = "'yesterday' is off the calendar, before its first day, 0001-01-01"


@pytest.mark.parametrize("command", [["show"], ["deadlines"], ["export", "--format", "json"],
                                     ["export", "--format", "ics"]])
@pytest.mark.parametrize(
    ("today", "option", "word", "message"),
    [("9999-12-31", "--since", "tomorrow", AFTER),
     ("9999-12-31", "--until", "tomorrow", AFTER),
     ("0001-01-01", "--since", "yesterday", BEFORE),
     ("0001-01-01", "--until", "yesterday", BEFORE)],
)
def test_a_filter_date_off_the_calendar_is_a_usage_error(run, write, command, today, option,
                                                         word, message):
    write(LAST_DAYS)
    result = run(*command, "--today", today, option, word)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"timeline: error: {option}: {message}\n"


def test_add_with_a_date_off_the_calendar_is_a_usage_error(run, write):
    path = write(LAST_DAYS)
    result = run("add", "--title", "x", "--kind", "order", "--date", "tomorrow",
                 "--today", "9999-12-31")  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == f"timeline: error: --date: {AFTER}\n"
    assert path.read_text() == LAST_DAYS


def test_the_last_and_first_days_themselves_are_fine(run, write):
    write(LAST_DAYS)
    last = run("show", "--today", "9999-12-31", "--since", "today", "--until", "today")
    assert (last.exit_code, last.stdout) == (0, "no events match these filters\n")
    first = run("show", "--today", "0001-01-02", "--until", "yesterday")
    assert (first.exit_code, first.stdout) == (0, "no events match these filters\n")


@pytest.mark.parametrize("command", [["show"], ["deadlines"], ["cases"],
                                     ["export", "--format", "json"]])
def test_a_huge_soon_counts_every_open_deadline_as_due_soon(run, write, command):
    write(LAST_DAYS)
    result = run(*command, "--today", "0001-01-01", "--soon", str(10**18))
    assert result.exit_code == 0, result.stderr
    if command[0] == "export":
        reply = [e for e in json.loads(result.stdout)["events"] if e["id"] == "reply"]
        assert reply[0]["deadline"]["status"] == "due-soon"
    else:
        assert "DUE IN 3652057 DAYS" in result.stdout


@pytest.mark.parametrize("command", ["show", "deadlines", "cases", "export"])
def test_a_negative_soon_is_a_usage_error(run, write, command):
    write(LAST_DAYS)
    extra = ["--format", "json"] if command == "export" else []
    result = run(command, *extra, "--soon", "-5")
    assert result.exit_code == 2
    assert "Invalid value for '--soon': Input should be greater than or equal to 0" in result.stderr
