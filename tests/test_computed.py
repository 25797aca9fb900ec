"""Computed due dates (Fed. R. Civ. P. 6(a)): every expected date below was worked out by hand.

Each row says how: the trigger's weekday, the raw end, and each day it moved off. Weekdays and
holidays were read off a calendar and the holiday lists (`timeline holidays --year Y`).
"""

from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import BUNDLED, FIXED_TODAY
from timeline.deadlines.status import deadline_states, due_moments
from timeline.load import load
from timeline.model import Due as DueSpec

SRC = "sources: [https://example.org/order]"


def events_file(trigger_date: str, due: str, *, jurisdiction: str = "US-MD",
                timezone: str | None = "America/New_York", head: str = "") -> str:
    zone = f"\n    timezone: {timezone}" if timezone else ""
    return textwrap.dedent(head).strip("\n") + f"""
cases:
  c:
    title: A case
    jurisdiction: {jurisdiction}{zone}
events:
  - id: trigger
    date: {trigger_date}
    case: c
    kind: order
    title: The trigger
    {SRC}
  - id: due
    case: c
    kind: deadline
    title: The computed deadline
    due: {due}
    {SRC}
"""


def computed(tmp_path: Path, text: str) -> dict[str, object]:
    """Load ``text`` (which must be valid) and return each deadline's due moment by id."""
    (tmp_path / "events.yaml").write_text(text, encoding="utf-8")
    result = load([Path("events.yaml")], tmp_path)
    assert [str(d) for d in result.diagnostics if d.severity == "error"] == []
    events = result.timeline.events
    return {events[i].id: due for i, due in due_moments(result.timeline).items()}


# (trigger date, due:, jurisdiction, extra file text, expected due) -- and why, by hand.
CASES = [
    pytest.param("2026-06-05", "{after: trigger, days: 14}", "US-MD", "", "2026-06-22",
                 # Fri 2026-06-05 + 14 = Fri 06-19, Juneteenth -> Sat 20 -> Sun 21 -> Mon 22.
                 id="juneteenth"),
    pytest.param("2026-07-10", "{after: trigger, days: -7}", "US-MD", "", "2026-07-02",
                 # Fri 07-10 - 7 = Fri 07-03, Independence Day (observed; the 4th is a
                 # Saturday); counting backwards, the previous day: Thu 07-02.
                 id="backwards-onto-observed-independence-day"),
    pytest.param("2026-06-26", "{after: trigger, days: 7}", "US", "", "2026-07-06",
                 # Fri 06-26 + 7 = Fri 07-03, observed Independence Day -> Sat 04 (also the
                 # holiday itself) -> Sun 05 -> Mon 07-06.
                 id="observed-holiday-on-a-friday"),
    pytest.param("2026-11-20", "{after: trigger, days: 7}", "US-MD", "", "2026-11-30",
                 # Fri 11-20 + 7 = Fri 11-27, Maryland's American Indian Heritage Day: counts
                 # forwards -> Sat 28 -> Sun 29 -> Mon 11-30.
                 id="state-holiday-moves-forward-count"),
    pytest.param("2026-11-20", "{after: trigger, days: 7}", "US", "", "2026-11-27",
                 # The same count in a federal-only case: Fri 11-27 is a court day.
                 id="no-state-holiday-in-federal-only-case"),
    pytest.param("2026-12-04", "{after: trigger, days: -7}", "US-MD", "", "2026-11-27",
                 # Fri 12-04 - 7 = Fri 11-27: a state holiday does not count for a period
                 # measured before an event (Rule 6(a)(6)(C)), so it stays.
                 id="state-holiday-ignored-backwards"),
    pytest.param("2025-12-17", "{after: trigger, days: 7}", "US", "", "2025-12-29",
                 # Wed 12-17 + 7 = Wed 12-24, Christmas Eve closed by executive order -> Thu 25
                 # Christmas -> Fri 26 closed by executive order -> Sat 27 -> Sun 28 -> Mon 29.
                 id="presidential-closures-on"),
    pytest.param("2025-12-17", "{after: trigger, days: 7}", "US",
                 "holidays: {presidential: false}", "2025-12-24",
                 # The same with presidential days off: Wed 12-24 is an ordinary day.
                 id="presidential-closures-off"),
    pytest.param("2025-01-02", "{after: trigger, days: 7}", "US", "", "2025-01-10",
                 # Thu 2025-01-02 + 7 = Thu 01-09, National Day of Mourning for President
                 # Carter -> Fri 01-10.
                 id="day-of-mourning-on"),
    pytest.param("2025-01-02", "{after: trigger, days: 7}", "US",
                 "holidays: {presidential: false}", "2025-01-09",
                 id="day-of-mourning-off"),
    pytest.param("2021-12-17", "{after: trigger, days: 14}", "US", "", "2022-01-03",
                 # Fri 2021-12-17 + 14 = Fri 12-31, New Year's Day 2022 observed (the 1st is
                 # a Saturday) -> Sat 2022-01-01 -> Sun 02 -> Mon 2022-01-03.
                 id="year-boundary-forwards"),
    pytest.param("2022-01-07", "{after: trigger, days: -7}", "US", "", "2021-12-30",
                 # Fri 2022-01-07 - 7 = Fri 2021-12-31, New Year's Day observed: a holiday of
                 # 2022 falling in 2021 -> backwards to Thu 2021-12-30.
                 id="year-boundary-backwards"),
    pytest.param("2026-11-20", "{after: trigger, days: 5, count: court-days}", "US", "",
                 "2026-11-30",
                 # From Fri 11-20: Mon 23 (1), Tue 24 (2), Wed 25 (3), Thu 26 Thanksgiving
                 # skipped, Fri 27 (4), weekend skipped, Mon 30 (5).
                 id="court-days-over-thanksgiving"),
    pytest.param("2026-11-20", "{after: trigger, days: 5, count: court-days}", "US-MD", "",
                 "2026-12-01",
                 # In Maryland Fri 27 is a holiday too: Mon 30 (4), Tue 12-01 (5).
                 id="court-days-over-thanksgiving-maryland"),
    pytest.param("2026-11-30", "{after: trigger, days: -5, count: court-days}", "US-MD", "",
                 "2026-11-20",
                 # Backwards from Mon 11-30: Fri 27 counts (state holiday, backwards) (1),
                 # Thu 26 Thanksgiving skipped, Wed 25 (2), Tue 24 (3), Mon 23 (4), Fri 20 (5).
                 id="court-days-backwards"),
    pytest.param("2026-03-03", "{after: trigger, days: 7}", "US", "closures: [2026-03-10]",
                 "2026-03-11",
                 # Tue 03-03 + 7 = Tue 03-10, closed per the file -> Wed 03-11.
                 id="file-closure"),
    pytest.param("2026-03-03", "{after: trigger, days: 7}", "US", "", "2026-03-10",
                 id="no-file-closure"),
    pytest.param("2026-06-17T09:30", "{after: trigger, hours: 48}", "US", "",
                 "2026-06-22T09:30-04:00",
                 # Wed 09:30 + 48 h = Fri 06-19 09:30, Juneteenth -> same time on the next day
                 # that is not a weekend or holiday: Mon 06-22 09:30.
                 id="48-hours-ending-on-juneteenth"),
    pytest.param("2026-06-17", "{after: trigger, hours: 48}", "US", "",
                 "2026-06-22T00:00-04:00",
                 # No time given: counted from 00:00 Wed 06-17 -> Fri 06-19 00:00, Juneteenth
                 # -> Mon 06-22 00:00.
                 id="48-hours-from-a-date-only-trigger"),
    pytest.param("2026-03-06T12:00", "{after: trigger, hours: 48}", "US", "",
                 "2026-03-09T13:00-04:00",
                 # Fri 12:00 EST + 48 real hours crosses the 2026-03-08 switch to EDT: Sun 13:00
                 # EDT; Sunday -> Mon 03-09 at the same time, 13:00.
                 id="48-hours-across-daylight-saving"),
    pytest.param("2026-06-04T23:30-07:00", "{after: trigger, days: 14}", "US", "",
                 "2026-06-22",
                 # 23:30 Pacific on Thu 06-04 is 02:30 on Fri 06-05 in the case's New York:
                 # the trigger day is 06-05; + 14 = Fri 06-19 Juneteenth -> Mon 06-22.
                 id="timed-trigger-read-in-the-case-timezone"),
    pytest.param("2026-06-10", "{after: trigger, days: 0}", "US", "", "2026-06-10",
                 id="zero-days-is-the-trigger-day"),
]


@pytest.mark.parametrize(("trigger", "due", "jurisdiction", "head", "expected"), CASES)
def test_computed_due_dates(tmp_path: Path, trigger: str, due: str, jurisdiction: str,
                            head: str, expected: str) -> None:
    dues = computed(tmp_path, events_file(trigger, due, jurisdiction=jurisdiction, head=head))
    assert dues["due"].iso() == expected  # type: ignore[attr-defined]


CHAIN = """\
cases:
  c: {title: A case, jurisdiction: US-MD, timezone: America/New_York}
events:
  - {id: order, date: 2026-06-05, case: c, kind: order, title: Order, sources: [https://a.org]}
  - {id: first, case: c, kind: deadline, title: First, due: {after: order, days: 14}, sources: [https://a.org]}
  - {id: second, case: c, kind: deadline, title: Second, due: {after: first, days: 11}, sources: [https://a.org]}
  - {id: fixed, date: 2026-06-22, case: c, kind: deadline, title: Fixed, sources: [https://a.org]}
  - {id: after-fixed, case: c, kind: deadline, title: After fixed, due: {after: fixed, days: 11}, sources: [https://a.org]}
"""


def test_a_chain_of_two_computed_deadlines(tmp_path: Path) -> None:
    dues = computed(tmp_path, CHAIN)
    # first: Fri 06-05 + 14 = Fri 06-19 Juneteenth -> Mon 06-22.
    assert dues["first"].iso() == "2026-06-22"  # type: ignore[attr-defined]
    # second: Mon 06-22 + 11 = Fri 07-03, observed Independence Day -> Sat -> Sun -> Mon 07-06.
    assert dues["second"].iso() == "2026-07-06"  # type: ignore[attr-defined]
    # A written deadline triggers the same way.
    assert dues["after-fixed"].iso() == "2026-07-06"  # type: ignore[attr-defined]
    assert dues["second"].explain[0] == "trigger: first (deadline), due 2026-06-22 Mon"  # type: ignore[attr-defined]


def test_a_chain_declared_in_reverse_order(tmp_path: Path) -> None:
    text = CHAIN.replace("  - {id: first", "  - {id: zz").replace("after: first", "after: zz")
    lines = text.splitlines()
    # Put `second` before the deadline it hangs from.
    reordered = "\n".join(lines[:4] + [lines[5], lines[4]] + lines[6:]) + "\n"
    dues = computed(tmp_path, reordered)
    assert dues["second"].iso() == "2026-07-06"  # type: ignore[attr-defined]


CYCLE = """\
cases:
  c: {title: A case, timezone: America/New_York}
events:
  - {id: a, case: c, kind: deadline, title: A, due: {after: b, days: 3}, sources: [https://a.org]}
  - {id: b, case: c, kind: deadline, title: B, due: {after: a, days: 3}, sources: [https://a.org]}
  - {id: c, case: c, kind: deadline, title: C, due: {after: b, days: 3}, sources: [https://a.org]}
"""


def test_a_cycle_is_reported_and_left_uncomputed(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "events.yaml").write_text(CYCLE, encoding="utf-8")
    result = load([Path("events.yaml")], tmp_path)
    states = deadline_states(result.timeline, lambda _zone: date(2026, 11, 27))
    assert [(s.due, s.status) for s in states.values()] == [(None, "unknown")] * 3
    checked = run("check")
    assert checked.exit_code == 1
    assert checked.stdout.splitlines()[0] == (
        "events.yaml:4:53: error: due: a cycle of computed deadlines: a -> b -> a [T205]")


def test_a_trigger_dated_by_month_is_reported(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "events.yaml").write_text(events_file("2026-06", "{after: trigger, days: 14}"))
    checked = run("check")
    assert checked.exit_code == 1
    assert checked.stdout.splitlines()[0] == (
        "events.yaml:18:10: error: due: 'trigger' is dated 2026-06, a whole month: a due date "
        "cannot be counted from it; give that event its day [T207]")
    result = load([Path("events.yaml")], tmp_path)
    assert due_moments(result.timeline) == {}


def test_a_period_over_a_century_is_reported(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "events.yaml").write_text(events_file("2026-06-01", "{after: trigger, days: 99999}"))
    checked = run("check")
    assert checked.exit_code == 1
    assert "due: 99999 days is more than a century: write the due date as date: [T207]" in (
        checked.stdout.splitlines()[0])


def test_explanation_names_every_day_moved_off(tmp_path: Path) -> None:
    dues = computed(tmp_path, events_file("2026-06-05", "{after: trigger, days: 14}"))
    assert dues["due"].explain == (  # type: ignore[attr-defined]
        "trigger: trigger (order) on 2026-06-05 Fri",
        "count: 14 calendar days after it, not counting the trigger day (Fed. R. Civ. P. 6(a)(1))",
        "day 14: 2026-06-19 Fri",
        "2026-06-19 Juneteenth National Independence Day (legal holiday) -> 2026-06-20",
        "2026-06-20 Saturday -> 2026-06-21",
        "2026-06-21 Sunday -> 2026-06-22",
        "due: 2026-06-22 Mon",
    )


def test_explanation_of_a_state_holiday_kept_backwards(tmp_path: Path) -> None:
    dues = computed(tmp_path, events_file("2026-12-04", "{after: trigger, days: -7}"))
    assert dues["due"].explain[-2:] == (  # type: ignore[attr-defined]
        "2026-11-27 American Indian Heritage Day (US-MD legal holiday, Md. Code, Gen. Prov. § 1-111) not skipped: a state "
        "holiday counts only for periods after an event (Fed. R. Civ. P. 6(a)(6)(C))",
        "due: 2026-11-27 Fri",
    )


def test_explanation_of_hours_and_court_days(tmp_path: Path) -> None:
    dues = computed(tmp_path, events_file("2026-06-17T09:30", "{after: trigger, hours: 48}"))
    assert dues["due"].explain == (  # type: ignore[attr-defined]
        "trigger: trigger (order) at 2026-06-17T09:30-04:00 Wed",
        "count: 48 hours after it, every hour counted (Fed. R. Civ. P. 6(a)(2))",
        "hour 48: 2026-06-19T09:30-04:00 Fri",
        "2026-06-19 Juneteenth National Independence Day (legal holiday) -> 2026-06-20",
        "2026-06-20 Saturday -> 2026-06-21",
        "2026-06-21 Sunday -> 2026-06-22",
        "due: 2026-06-22T09:30-04:00 Mon",
    )
    dues = computed(tmp_path, events_file(
        "2026-11-20", "{after: trigger, days: 5, count: court-days}", jurisdiction="US"))
    assert dues["due"].explain == (  # type: ignore[attr-defined]
        "trigger: trigger (order) on 2026-11-20 Fri",
        "count: 5 court days after it, counting only days that are neither a weekend nor a "
        "legal holiday (Fed. R. Civ. P. 6(a)(1))",
        "not counted: 2026-11-26 Thanksgiving Day (legal holiday)",
        "court day 5: 2026-11-30 Mon",
        "due: 2026-11-30 Mon",
    )


def test_explanation_beyond_the_years_with_known_holidays(tmp_path: Path) -> None:
    # Mon 2101-01-03 + 7 = Mon 2101-01-10; the package has no holidays for 2101: it says so.
    dues = computed(tmp_path, events_file("2101-01-03", "{after: trigger, days: 7}"))
    assert dues["due"].explain[-2:] == (  # type: ignore[attr-defined]
        "note: no legal holidays are known for 2101 (the holidays package covers 1777 to 2100)",
        "due: 2101-01-10 Mon",
    )


def test_explanation_of_a_trigger_read_in_another_timezone(tmp_path: Path) -> None:
    dues = computed(tmp_path, events_file("2026-06-04T23:30-07:00", "{after: trigger, days: 14}"))
    assert dues["due"].explain[:3] == (  # type: ignore[attr-defined]
        "trigger: trigger (order) at 2026-06-05T02:30-04:00 Fri (written 2026-06-04T23:30-07:00)",
        "count: 14 calendar days after it, not counting the trigger day (Fed. R. Civ. P. 6(a)(1))",
        "day 14: 2026-06-19 Fri",
    )


def test_a_case_without_timezone_counts_in_the_written_frame(tmp_path: Path) -> None:
    # No timezone: the trigger's written offset is the clock. Thu 2026-06-04 23:30-07:00 is
    # Thu 06-04 there; + 14 = Thu 06-18, a court day.
    text = events_file("2026-06-04T23:30-07:00", "{after: trigger, days: 14}",
                       jurisdiction="US", timezone=None)
    assert computed(tmp_path, text)["due"].iso() == "2026-06-18"  # type: ignore[attr-defined]


# The April 30, 2025 order in the bundled file: its deadlines, written as counts by hand.
# Wed 04-30 + 2 = Fri 05-02; + 5 = Mon 05-05; + 7 = Wed 05-07; + 9 = Fri 05-09 (no holiday,
# federal or Maryland, falls on any of them).
APRIL_30_COUNTS = {
    "deadline-2025-05-02": 2,
    "deadline-2025-05-05": 5,
    "deadline-2025-05-07": 7,
    "deadline-2025-05-09": 9,
}


def test_bundled_april_30_deadlines_computed_give_the_written_dates(tmp_path: Path) -> None:
    document = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    set_by_order = [e["id"] for e in document["events"]
                    if e.get("set_by") == "xinis-order-2025-04-30"]
    assert sorted(set_by_order) == sorted(APRIL_30_COUNTS)
    written = load([BUNDLED], BUNDLED.parent)
    written_dues = {written.timeline.events[i].id: due.iso()
                    for i, due in due_moments(written.timeline).items()}
    for event in document["events"]:
        if event.get("id") in APRIL_30_COUNTS:
            del event["date"]
            event["due"] = {"after": "xinis-order-2025-04-30",
                            "days": str(APRIL_30_COUNTS[event["id"]])}
    (tmp_path / "events.yaml").write_text(yaml.safe_dump(document), encoding="utf-8")
    recomputed = load([Path("events.yaml")], tmp_path)
    assert [d for d in recomputed.diagnostics if d.severity == "error"] == []
    events = recomputed.timeline.events
    computed_dues = {events[i].id: due for i, due in due_moments(recomputed.timeline).items()
                     if events[i].due is not None}
    assert {k: v.iso() for k, v in computed_dues.items()} == {
        k: written_dues[k] for k in APRIL_30_COUNTS}
    assert {k: v.iso() for k, v in computed_dues.items()} == {
        "deadline-2025-05-02": "2025-05-02", "deadline-2025-05-05": "2025-05-05",
        "deadline-2025-05-07": "2025-05-07", "deadline-2025-05-09": "2025-05-09"}


def test_due_spec_model_reads_counts() -> None:
    spec = DueSpec.model_validate({"after": "x", "days": "-7", "count": "court-days"})
    assert (spec.days, spec.count) == (-7, "court-days")


# Through the CLI: the json export carries the computed date, status and explanation. ---------

EXPORTED = """\
cases:
  c: {title: A case, jurisdiction: US-MD, timezone: America/New_York}
events:
  - {id: order, date: 2026-06-05, case: c, kind: order, title: Order, sources: [https://a.org]}
  - {id: brief, case: c, kind: deadline, title: Brief, due: {after: order, days: 14}, met_by: filed, sources: [https://a.org]}
  - {id: reply, case: c, kind: deadline, title: Reply, due: {after: brief, days: 11}, sources: [https://a.org]}
  - {id: filed, date: 2026-06-23, case: c, kind: filing, title: Brief filed, sources: [https://a.org]}
"""


def export_deadlines(run, today: str) -> dict[str, dict[str, object]]:  # type: ignore[no-untyped-def]
    result = run("export", "--format", "json", "--today", today)
    assert result.exit_code == 0, result.stderr
    return {e["id"]: e["deadline"] for e in json.loads(result.stdout)["events"] if "deadline" in e}


def test_export_json_computed_deadlines(run, write) -> None:  # type: ignore[no-untyped-def]
    write(EXPORTED)
    deadlines = export_deadlines(run, "2026-07-01")
    # brief: due Mon 06-22 (Juneteenth moved it), met by a filing on 06-23: late.
    assert deadlines["brief"]["due"] == "2026-06-22"
    assert deadlines["brief"]["status"] == "met-late"
    # reply: 06-22 + 11 = Fri 07-03 observed holiday -> Mon 07-06, five days after 07-01.
    assert (deadlines["reply"]["due"], deadlines["reply"]["status"], deadlines["reply"]["days"]) \
        == ("2026-07-06", "due-soon", 5)
    assert deadlines["reply"]["explain"] == [
        "trigger: brief (deadline), due 2026-06-22 Mon",
        "count: 11 calendar days after it, not counting the trigger day (Fed. R. Civ. P. 6(a)(1))",
        "day 11: 2026-07-03 Fri",
        "2026-07-03 Independence Day (observed) (legal holiday) -> 2026-07-04",
        "2026-07-04 Saturday; Independence Day (legal holiday) -> 2026-07-05",
        "2026-07-05 Sunday -> 2026-07-06",
        "due: 2026-07-06 Mon",
        # Read as the holiday's own date (a Saturday), the observed Friday is a court day.
        "readings differ: 2026-07-03 Independence Day (observed): an observed day: \"the day "
        "set aside by statute for observing\" it may be read as the holiday's own date",
        "earliest: 2026-07-03 Fri (safe under every reading)",
        "latest: 2026-07-06 Mon (no reading allows later)",
    ]
    assert (deadlines["reply"]["earliest"], deadlines["reply"]["latest"]) == (
        "2026-07-03", "2026-07-06")
    later = export_deadlines(run, FIXED_TODAY)
    assert (later["reply"]["status"], later["reply"]["days"]) == ("passed", -144)


def test_moving_the_trigger_moves_the_deadline_and_nothing_is_written_back(run, write) -> None:  # type: ignore[no-untyped-def]
    path = write(EXPORTED)
    assert export_deadlines(run, "2026-06-01")["brief"]["due"] == "2026-06-22"
    path.write_text(EXPORTED.replace("date: 2026-06-05", "date: 2026-06-04"), encoding="utf-8")
    before = path.read_bytes()
    moved = export_deadlines(run, "2026-06-01")
    # Thu 06-04 + 14 = Thu 06-18, a court day; and the reply follows: 06-18 + 11 = Mon 06-29.
    assert (moved["brief"]["due"], moved["brief"]["status"]) == ("2026-06-18", "met-late")
    assert moved["reply"]["due"] == "2026-06-29"
    assert path.read_bytes() == before


def test_export_json_computed_hours_deadline_is_timed(run, write) -> None:  # type: ignore[no-untyped-def]
    write(events_file("2026-06-17T09:30", "{after: trigger, hours: 48}", jurisdiction="US"))
    deadline = export_deadlines(run, "2026-06-22")["due"]
    assert (deadline["due"], deadline["status"], deadline["days"]) == (
        "2026-06-22T09:30-04:00", "due-soon", 0)


CANNOT_COMPUTE = ": the due date cannot be computed; is the trigger's year right?"
NO_TRIGGER_DAY = (", on this deadline's clock (America/New_York): no day can be counted from "
                  "it; is the trigger's year right?")  # fmt: skip
LAST_DAY = "after 9999-12-31, the last day a date can have"
FIRST_DAY = "before 0001-01-01, the first day a date can have"


@pytest.mark.parametrize(("trigger", "due", "expected"), [
    ("9999-12-30", "{after: trigger, days: 7}",
     f"due: 7 days after 'trigger' falls {LAST_DAY}{CANNOT_COMPUTE}"),
    ("9999-12-30", "{after: trigger, hours: 72}",
     f"due: 72 hours after 'trigger' falls {LAST_DAY}{CANNOT_COMPUTE}"),
    ("9999-12-30", "{after: trigger, days: 2, count: court-days}",
     f"due: 2 court days after 'trigger' falls {LAST_DAY}{CANNOT_COMPUTE}"),
    ("0001-01-02", "{after: trigger, days: -7}",
     f"due: 7 days before 'trigger' falls {FIRST_DAY}{CANNOT_COMPUTE}"),
    # One of each unit, in the singular.
    ("9999-12-31", "{after: trigger, days: 1}",
     f"due: 1 day after 'trigger' falls {LAST_DAY}{CANNOT_COMPUTE}"),
    ("9999-12-31", "{after: trigger, days: 1, count: court-days}",
     f"due: 1 court day after 'trigger' falls {LAST_DAY}{CANNOT_COMPUTE}"),
    ("0001-01-01T00:30", "{after: trigger, hours: -1}",
     f"due: 1 hour before 'trigger' falls {FIRST_DAY}{CANNOT_COMPUTE}"),
    # Counted forwards, yet before the first day: 0001-01-01T03:00+14:00 is 0000-12-31T13:00Z,
    # 08:03 on New York's clock (its local mean time, -04:56:02) of 0000-12-31.
    ("0001-01-01T02:00+14:00", "{after: trigger, hours: 1}",
     f"due: 1 hour after 'trigger' falls {FIRST_DAY}{CANNOT_COMPUTE}"),
    # Read on the deadline's New York clock, a trigger at -12:00 is already the year 10000, and
    # one at +14:00 on 0001-01-01 still the year 0: days count from a day that clock lacks.
    ("9999-12-31T23:00-12:00", "{after: trigger, days: 0}",
     f"due: 'trigger' falls {LAST_DAY}{NO_TRIGGER_DAY}"),
    ("0001-01-01T02:00+14:00", "{after: trigger, days: 2}",
     f"due: 'trigger' falls {FIRST_DAY}{NO_TRIGGER_DAY}"),
])  # fmt: skip
def test_a_due_date_past_either_end_of_the_calendar_is_reported(  # type: ignore[no-untyped-def]
    tmp_path: Path, run, trigger: str, due: str, expected: str
) -> None:
    (tmp_path / "events.yaml").write_text(events_file(trigger, due))
    checked = run("check")
    assert checked.exit_code == 1
    assert [line for line in checked.stdout.splitlines() if ": error: " in line] == [
        f"events.yaml:18:10: error: {expected} [T207]",
    ]
    # The other commands refuse the file for it too, rather than show DUE DATE UNKNOWN unexplained.
    shown = run("deadlines")
    assert shown.exit_code == 1
    assert f"events.yaml:18:10: error: {expected} [T207]" in shown.stderr.splitlines()


@pytest.mark.parametrize(("trigger", "due", "expected", "shown"), [
    # 23:59 in New York is 10000-01-01T04:59Z, but a real time on the case's clock: 0 hours on.
    ("9999-12-31T23:59", "{after: trigger, hours: 0}", "9999-12-31T23:59-05:00",
     "  due          9999-12-31 23:59 EST · in 2912112 days"),
    # 9999-12-31T23:00-12:00 is 10000-01-01T11:00Z; 20 hours before, 15:00Z is 10:00 EST.
    ("9999-12-31T23:00-12:00", "{after: trigger, hours: -20}", "9999-12-31T10:00-05:00",
     "  due          9999-12-31 10:00 EST · in 2912112 days"),
    # 0001-01-01T02:00+14:00 is 0000-12-31T12:00Z; 48 hours on, 0001-01-02T12:00Z, which New
    # York's local mean time (-04:56:02) reads 07:03:58.
    ("0001-01-01T02:00+14:00", "{after: trigger, hours: 48}", "0001-01-02T07:03:58-04:56:02",
     "  due          0001-01-02 07:03:58 LMT · 739945 days ago"),
])  # fmt: skip
def test_a_due_moment_on_the_cases_clock_is_computed_where_utc_has_no_date(  # type: ignore[no-untyped-def]
    tmp_path: Path, run, trigger: str, due: str, expected: str, shown: str
) -> None:
    (tmp_path / "events.yaml").write_text(events_file(trigger, due))
    checked = run("check", "--today", FIXED_TODAY)
    assert checked.exit_code == 0, checked.stdout
    assert [line for line in checked.stdout.splitlines() if ": error: " in line] == []
    listed = run("deadlines", "--today", FIXED_TODAY)
    assert listed.exit_code == 0, listed.stderr
    assert shown in listed.stdout.splitlines()
    assert "UNKNOWN" not in listed.stdout
    assert export_deadlines(run, FIXED_TODAY)["due"]["due"] == expected


def test_a_chain_is_followed_to_the_end_of_the_calendar_and_only_its_first_break_reported(
    tmp_path: Path, run  # type: ignore[no-untyped-def]
) -> None:
    # Each link is far from the end alone; ninety links of a century reach it.
    links = "\n".join(
        f"  - {{id: d{n}, case: c, kind: deadline, title: D{n}, "
        f"due: {{after: {'trigger' if n == 0 else f'd{n - 1}'}, days: 36500}}, {SRC}}}"
        for n in range(90))
    (tmp_path / "events.yaml").write_text(events_file("2025-06-02", "{after: trigger, days: 1}")
                                          + links + "\n")
    checked = run("check")
    assert checked.exit_code == 1
    [error] = [line for line in checked.stdout.splitlines() if "[T207]" in line]
    # 2025 + 79 centuries is 9925; the 80th link (d79) passes 9999-12-31.
    assert "due: 36500 days after 'd78' falls after 9999-12-31" in error


def test_a_file_far_from_either_end_is_checked_without_loading_holidays(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "events.yaml").write_text(events_file("2025-06-02", "{after: trigger, days: 7}"))
    probe = ("import sys; from pathlib import Path; from timeline.load import load; "
             "r = load([Path('events.yaml')], Path('.')); "
             "print(len(r.diagnostics), 'holidays' in sys.modules)")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True,
                         text=True, check=True).stdout
    assert out == "0 False\n"
