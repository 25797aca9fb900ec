"""`timeline deadlines`: deadlines only, most urgent first, with what set and met them."""

from __future__ import annotations

import re

import pytest

from conftest import BUNDLED, DATA, FIXED_TODAY

EVERY_STATUS = DATA / "every_status.yaml"
COMPUTED = """
cases:
  a:
    title: Case A
    timezone: America/New_York
    jurisdiction: US-MD
events:
  - id: order
    date: 2026-06-05
    case: a
    kind: order
    title: Order to respond
    sources: [https://example.org/order]
  - id: response
    case: a
    kind: deadline
    title: Response due
    due: {after: order, days: 14}
    set_by: order
    sources: [https://example.org/order]
"""


def heads(text: str) -> list[str]:
    """The first line of each deadline's block."""
    blocks = text.split("\n\n")[:-1]  # the last block is the summary
    return [block.splitlines()[0] for block in blocks]


def test_most_urgent_first(run) -> None:
    result = run("deadlines", "-f", str(EVERY_STATUS), "--today", "2025-06-10")
    assert result.exit_code == 0, result.output
    assert heads(result.stdout) == [
        "MISSED 40 days ago  Missed deadline",
        "PASSED 9 days ago · no outcome recorded  Passed deadline",
        "DUE TODAY  Today deadline",
        "DUE IN 3 DAYS  Soon deadline",
        "UPCOMING in 10 days  New deadline",
        "UPCOMING in 30 days  Later deadline",
        "MET LATE  Late deadline",
        "MET  Met deadline",
        "EXTENDED  Extended deadline",
        "VACATED  Timed deadline",
        "MOOT  Moot deadline",
    ]
    assert result.stdout.endswith(
        "11 deadlines: 1 missed, 1 passed, 2 due-soon, 2 upcoming, 1 met-late, 1 met, 1\n"
        "extended, 1 vacated, 1 moot\n"
    )


def test_the_bundled_may_5_deadline(run) -> None:
    result = run("deadlines", "-f", str(BUNDLED), "--today", FIXED_TODAY)
    assert result.exit_code == 0
    block = result.stdout.split("\n\n")[1]
    assert block == """\
PASSED 571 days ago · no outcome recorded  Government to answer pending
discovery and shore up its privilege claims
  due          2025-05-05 (end of day, America/New_York) · 571 days ago
  case         Abrego Garcia v. Noem (abrego-garcia)
  set by       2025-04-30 Court sets a discovery schedule running to May 9
               (xinis-order-2025-04-30)
  met by       nothing recorded
  certainty    reported
  id           deadline-2025-05-05"""
    assert result.stdout.endswith("6 deadlines: 4 passed, 1 met, 1 moot\n")


def test_met_by_and_timed_due(run) -> None:
    result = run("deadlines", "-f", str(BUNDLED), "--today", FIXED_TODAY, "--status", "met")
    assert result.stdout == """\
MET  Response to the application due at the Supreme Court
  due          2025-04-08 17:00 EDT · 598 days ago
  case         Noem v. Abrego Garcia (noem-v-abrego-garcia)
  set by       2025-04-07 Chief Justice Roberts pauses the April 4 order and
               calls for a response (scotus-administrative-stay)
  met by       2025-04-07 Abrego Garcia's lawyers file their response to the
               application (scotus-response-filed)
  id           scotus-response-deadline

1 deadline: 1 met
"""


def test_extended_names_what_replaced_it(run) -> None:
    result = run("deadlines", "-f", str(EVERY_STATUS), "--today", "2025-06-10",
                 "--status", "extended", "--status", "upcoming")  # fmt: skip
    assert heads(result.stdout) == ["UPCOMING in 10 days  New deadline",
                                    "UPCOMING in 30 days  Later deadline",
                                    "EXTENDED  Extended deadline"]  # fmt: skip
    assert "  replaces     2025-06-06 Extended deadline (old-dl)\n" in result.stdout
    assert "  extended by  New deadline\n" in result.stdout


@pytest.mark.parametrize(("status", "hint"), [("pased", "passed"), ("due_soon", "due-soon")])
def test_unknown_status_is_a_usage_error(run, status: str, hint: str) -> None:
    result = run("deadlines", "-f", str(BUNDLED), "--status", status)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"timeline: error: --status: unknown status '{status}'; did you mean '{hint}'?"
    )


def test_a_status_nobody_has(run) -> None:
    result = run("deadlines", "-f", str(BUNDLED), "--today", FIXED_TODAY, "--status", "vacated")
    assert result.exit_code == 0
    assert result.stdout == "no deadlines match these filters\n"


def test_a_file_without_deadlines(run, write) -> None:
    path = write("events:\n  - {date: 2025-01-01, kind: other, title: x}\n")
    result = run("deadlines", "-f", str(path))
    assert result.exit_code == 0
    assert result.stdout == "no deadlines in the file\n"


def test_explain_prints_how_a_computed_date_was_counted(run, write) -> None:
    path = write(COMPUTED)
    plain = run("deadlines", "-f", str(path), "--today", "2026-06-10")
    explained = run("deadlines", "-f", str(path), "--today", "2026-06-10", "--explain")
    assert plain.exit_code == explained.exit_code == 0
    assert "explain" not in plain.stdout
    assert "  due          2026-06-22 (end of day, America/New_York) · in 12 days\n" in plain.stdout
    lines = explained.stdout.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("  explain ")))
    explain = " ".join(line.strip() for line in lines[start:] if line.startswith("  "))
    assert explain.startswith("explain ")
    assert "Juneteenth" in explain
    assert re.search(r"2026-06-21 Sunday -> 2026-06-22", explain)


def test_explain_on_fixed_dates_adds_nothing(run) -> None:
    plain = run("deadlines", "-f", str(BUNDLED), "--today", FIXED_TODAY)
    explained = run("deadlines", "-f", str(BUNDLED), "--today", FIXED_TODAY, "--explain")
    assert explained.stdout == plain.stdout


@pytest.mark.parametrize("width", [40, 200])
def test_deadlines_fit_any_width(run, width: int) -> None:
    result = run("deadlines", "-f", str(EVERY_STATUS), "--today", "2025-06-10",
                 env={"COLUMNS": str(width)})  # fmt: skip
    assert result.exit_code == 0
    assert all(len(line) <= width for line in result.stdout.splitlines())
    assert "MISSED 40 days ago" in result.stdout
