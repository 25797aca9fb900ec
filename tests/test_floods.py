"""A flood of problems: the report stops at a limit, and so does the work (issue 10, item 5)."""

from __future__ import annotations

import json
import time

HEAD = "version: 1\nevents:\n  - date: 2025-01-01\n    kind: order\n    title: x\n"


def unknown_keys(count: int) -> str:
    """One event with ``count`` unknown keys, each on its line (line 6 onwards)."""
    return HEAD + "".join(f"    bogus{i}: v\n" for i in range(count))


def unknown_key_line(index: int) -> str:
    return f"events.yaml:{6 + index}:5: error: unknown key 'bogus{index}' in this event [T101]"


def test_a_flood_of_unknown_keys_stops_at_1000_and_says_so(run, write):
    write(unknown_keys(200_000))
    started = time.perf_counter()
    result = run("check")
    elapsed = time.perf_counter() - started
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[:1000] == [unknown_key_line(i) for i in range(1000)]
    assert lines[1000:] == [
        "timeline: stopped after 1,000 problems; there may be more",
        "events.yaml: 0 events in 0 cases; 1000 errors, 0 warnings, "
        "then stopped after 1,000 problems",
    ]
    assert elapsed < 60  # about a second alone; before: over 40 s


def test_under_the_limit_every_problem_is_reported_and_nothing_is_said(run, write):
    write(unknown_keys(999))
    result = run("check")
    lines = result.stdout.splitlines()
    assert lines[:999] == [unknown_key_line(i) for i in range(999)]
    assert lines[999:] == [
        "events.yaml: 1 event (1 could not be read) in 0 cases; 999 errors, 0 warnings"
    ]


def test_max_problems_sets_the_limit_and_0_lifts_it(run, write):
    write(unknown_keys(30))
    capped = run("check", "--max-problems", "3").stdout.splitlines()
    assert capped == [unknown_key_line(i) for i in range(3)] + [
        "timeline: stopped after 3 problems; there may be more",
        "events.yaml: 0 events in 0 cases; 3 errors, 0 warnings, then stopped after 3 problems",
    ]
    every = run("check", "--max-problems", "0").stdout.splitlines()
    assert every == [unknown_key_line(i) for i in range(30)] + [
        "events.yaml: 1 event (1 could not be read) in 0 cases; 30 errors, 0 warnings"
    ]


def test_a_negative_max_problems_is_a_usage_error(run, write):
    write(unknown_keys(1))
    result = run("check", "--max-problems", "-1")
    assert result.exit_code == 2


def test_the_json_report_says_it_was_truncated(run, write):
    write(unknown_keys(20))
    capped = json.loads(run("check", "--format", "json", "--max-problems", "5").stdout)
    assert capped["truncated"] is True
    assert capped["errors"] == 5
    assert [d["line"] for d in capped["diagnostics"]] == [6, 7, 8, 9, 10]
    whole = json.loads(run("check", "--format", "json").stdout)
    assert whole["truncated"] is False
    assert whole["errors"] == 20


def test_a_flood_of_bad_events_stops_early_too(run, write):
    write("events:\n" + "  - date: 2025-01-01\n    title: x\n    bogus: v\n" * 100_000)
    started = time.perf_counter()
    result = run("check")
    elapsed = time.perf_counter() - started
    # The reader finds the unknown keys as it goes: it stops at the 1,000th, before the
    # validation would report each event's missing kind (the README says which come first).
    assert result.stdout.splitlines()[:1001] == [
        f"events.yaml:{4 + 3 * i}:5: error: unknown key 'bogus' in this event [T101]"
        for i in range(1000)
    ] + ["timeline: stopped after 1,000 problems; there may be more"]
    assert elapsed < 60


def test_a_flood_of_duplicate_keys_stops_the_reader(run, write):
    write(HEAD + "    title: y\n" * 200_000)
    result = run("check", "--max-problems", "2")
    assert result.stdout.splitlines() == [
        "events.yaml:6:5: error: duplicate key 'title' (first at line 5) [T003]",
        "events.yaml:7:5: error: duplicate key 'title' (first at line 5) [T003]",
        "timeline: stopped after 2 problems; there may be more",
        "events.yaml: 0 events in 0 cases; 2 errors, 0 warnings, then stopped after 2 problems",
    ]


def test_a_flood_of_warnings_never_hides_an_error(run, write):
    # 5 events with no source (W301), then a bad date: the limit is 3, the error is shown.
    events = "".join(f"  - date: 2025-01-0{i}\n    kind: order\n    title: t{i}\n"
                     for i in range(1, 6))  # fmt: skip
    write("events:\n" + events + "  - date: 2025-02-30\n    kind: order\n    title: bad\n")
    result = run("check", "--max-problems", "3")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "events.yaml:2:5: warning: this event has no source: add sources: [W301]",
        "events.yaml:5:5: warning: this event has no source: add sources: [W301]",
        "events.yaml:17:11: error: date: '2025-02-30' is not a date: February 2025 has 28 days "
        "[T104]",
        "timeline: stopped after 3 problems; there may be more",
        "events.yaml: 6 events (1 could not be read) in 0 cases; 1 error, 2 warnings, then stopped "
        "after 3 problems",
    ]


def test_other_commands_print_the_capped_errors_and_the_stop(run, write):
    write(unknown_keys(5000))
    result = run("show")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[:1000] == [unknown_key_line(i) for i in range(1000)]
    assert lines[1000] == "timeline: stopped after 1,000 problems; there may be more"
