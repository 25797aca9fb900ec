"""`--fail-on STATUSES`: exit 3 when a deadline shown has one of them, after the usual output."""

from __future__ import annotations

import pytest

from conftest import DATA

EVERY_STATUS = str(DATA / "every_status.yaml")  # its own comment: written for 2025-06-10
WITH_AN_ERROR = """
events:
  - date: 2025-05-01
    kind: deadline
    title: Passed deadline
    sources: [https://example.org/a]
  - date: 2025-05-02
    kind: dedline
    title: A typo in the kind
    sources: [https://example.org/a]
"""


def test_a_passed_deadline_exits_3_after_the_usual_listing(run) -> None:
    plain = run("deadlines", EVERY_STATUS, "--today", "2025-06-10")
    result = run("deadlines", EVERY_STATUS, "--today", "2025-06-10", "--fail-on", "passed")
    assert plain.exit_code == 0
    assert result.exit_code == 3
    assert result.stdout == plain.stdout  # printed as usual
    assert result.stderr == "timeline deadlines: --fail-on passed: 1 passed (exit 3)\n"


def test_due_soon_exits_3_on_the_day_it_is_due_soon(run) -> None:
    result = run("deadlines", EVERY_STATUS, "--today", "2025-06-10", "--fail-on", "due-soon")
    assert result.exit_code == 3
    assert result.stderr == "timeline deadlines: --fail-on due-soon: 2 due-soon (exit 3)\n"
    # Months before, nothing is due soon or passed (the hand-set `missed` stays missed).
    early = run("deadlines", EVERY_STATUS, "--today", "2025-01-01",
                "--fail-on", "passed,due-soon")  # fmt: skip
    assert early.exit_code == 0, early.stderr
    assert early.stderr == ""
    assert "11 deadlines: 1 missed, 5 upcoming," in early.stdout


def test_none_of_the_statuses_exits_0(run) -> None:
    result = run("deadlines", EVERY_STATUS, "--today", "2025-06-10", "--fail-on", "unknown")
    assert result.exit_code == 0
    assert result.stderr == ""


def test_comma_separated_and_repeated_values_add_up(run) -> None:
    result = run("deadlines", EVERY_STATUS, "--today", "2025-06-10",
                 "--fail-on", "passed, missed", "--fail-on", "due-soon")  # fmt: skip
    assert result.exit_code == 3
    assert result.stderr == (
        "timeline deadlines: --fail-on missed,passed,due-soon: 1 missed, 1 passed, 2 due-soon "
        "(exit 3)\n"
    )


def test_only_the_deadlines_shown_count(run) -> None:
    # --status and the filters narrow what is shown, and so what can fail.
    narrowed = run("deadlines", EVERY_STATUS, "--today", "2025-06-10",
                   "--status", "upcoming", "--fail-on", "passed")  # fmt: skip
    assert narrowed.exit_code == 0
    assert "2 deadlines: 2 upcoming" in narrowed.stdout
    other_case = run("deadlines", EVERY_STATUS, "--today", "2025-06-10", "-c", "b",
                     "--fail-on", "passed")  # fmt: skip
    assert other_case.exit_code == 0
    nothing = run("deadlines", EVERY_STATUS, "--today", "2025-06-10", "--search", "zzz",
                  "--fail-on", "passed")  # fmt: skip
    assert (nothing.exit_code, nothing.stdout) == (0, "no deadlines match these filters\n")


def test_file_errors_win_over_attention(run, write) -> None:
    path = write(WITH_AN_ERROR)
    result = run("deadlines", str(path), "--today", "2025-06-10", "--fail-on", "passed")
    assert result.exit_code == 1
    assert "error: unknown kind 'dedline'" in result.stderr
    assert "--fail-on" not in result.stderr


@pytest.mark.parametrize("value, hint", [
    ("pased", "; did you mean 'passed'?"),
    ("PASSED", "; did you mean 'passed'?"),
    ("due_soon", "; did you mean 'due-soon'?"),
    ("late", "; did you mean 'met-late'?"),
    ("overdue", ""),
])  # fmt: skip
def test_an_unknown_status_is_a_usage_error_with_a_suggestion(run, value, hint) -> None:
    result = run("deadlines", EVERY_STATUS, "--fail-on", f"missed,{value}")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"timeline: error: --fail-on: unknown status '{value}'{hint}; one of: missed, passed, "
        "due-soon, upcoming, met-late, met, extended, vacated, moot, unknown\n"
    )


def test_a_value_that_names_no_status_is_a_usage_error(run) -> None:
    result = run("deadlines", EVERY_STATUS, "--fail-on", " , ")
    assert result.exit_code == 2
    assert result.stderr.startswith("timeline: error: --fail-on: ' , ' names no status; one or")


def test_show_fails_on_the_deadlines_it_shows(run) -> None:
    plain = run("show", EVERY_STATUS, "--today", "2025-06-10")
    result = run("show", EVERY_STATUS, "--today", "2025-06-10", "--fail-on", "missed")
    assert result.exit_code == 3
    assert result.stdout == plain.stdout
    assert result.stderr == "timeline show: --fail-on missed: 1 missed (exit 3)\n"
    since = run("show", EVERY_STATUS, "--today", "2025-06-10", "--since", "2025-06-02",
                "--fail-on", "missed,passed")  # fmt: skip
    assert since.exit_code == 0, since.stderr


def test_the_statuses_complete_after_a_comma(run) -> None:
    from timeline.cli.fail_on import complete_statuses

    assert complete_statuses("pa") == ["passed"]
    assert complete_statuses("passed,m") == ["passed,missed", "passed,met-late", "passed,met",
                                     "passed,moot"]  # fmt: skip
