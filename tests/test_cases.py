"""`timeline cases`: one row a case, with its last event, next deadline and passed ones."""

from __future__ import annotations

import pytest

from conftest import BUNDLED, DATA, FIXED_TODAY

EVERY_STATUS = DATA / "every_status.yaml"


def test_bundled_cases_as_blocks_at_80_columns(run) -> None:
    result = run("cases", "-f", str(BUNDLED), "--today", FIXED_TODAY)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    blocks = result.stdout.split("\n\n")
    assert blocks[0] == """\
Abrego Garcia v. Noem (abrego-garcia)
  court          U.S. District Court for the District of Maryland
  docket         8:25-cv-00951
  events         25
  last event     2025-06-06 Abrego Garcia brought back to the U.S. to answer
                 federal charges in Tennessee
  next deadline  none open
  passed         4 · no outcome recorded"""
    assert blocks[1].splitlines()[:4] == [
        "Noem v. Abrego Garcia (noem-v-abrego-garcia)",
        "  court          Supreme Court of the United States",
        "  docket         24A949",
        "  events         9",
    ]
    assert blocks[2].startswith("J.G.G. v. Trump (jgg)\n")
    assert blocks[-1] == "3 cases · 4 deadlines passed\n"


def test_next_open_deadline_and_last_event_follow_today(run) -> None:
    result = run("cases", "-f", str(BUNDLED), "--today", "2025-05-01")
    block = result.stdout.split("\n\n")[0]
    assert "  last event     2025-05-01 Jennifer Vasquez addresses a May Day rally in\n" in block
    assert "  next deadline  2025-05-02 DUE IN 1 DAY Plaintiffs to narrow their discovery\n" in block
    assert block.endswith("  passed         0")


def test_a_table_row_a_case_on_a_wide_terminal(run) -> None:
    result = run("cases", "-f", str(EVERY_STATUS), "--today", "2025-06-10",
                 env={"COLUMNS": "120"})  # fmt: skip
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[0].split() == ["Case", "Court", "Docket", "Events", "Last", "event", "Next",
                                "deadline", "Passed"]  # fmt: skip
    assert set(lines[1]) == {"-"}
    row_a = next(line for line in lines if line.startswith("Case A"))
    assert row_a.split() == ["Case", "A", "9", "2025-06-04", "Filed", "early", "none", "open", "2"]
    row_b = next(line for line in lines if line.startswith("Case B"))
    assert "2025-06-10 DUE TODAY Today deadline" in row_b
    assert lines[-1] == "2 cases · 2 deadlines passed"


@pytest.mark.parametrize("width", [100, 120, 160, 200])
def test_cases_table_keeps_dates_times_and_badges_whole(run, width: int) -> None:
    # The titles narrow and wrap; a date, its time and the badge after it stay on one line.
    result = run("cases", "-f", str(EVERY_STATUS), "--today", "2025-06-10",
                 env={"COLUMNS": str(width)})  # fmt: skip
    assert result.exit_code == 0
    assert all(len(line) <= width for line in result.stdout.splitlines())
    row_b = next(line for line in result.stdout.splitlines() if line.startswith("Case B"))
    assert "2025-04-08 17:00 -04:00" in row_b
    assert "2025-06-10 DUE TODAY" in row_b


@pytest.mark.parametrize("width", [40, 100, 120, 160, 200])
def test_cases_fit_any_width(run, width: int) -> None:
    result = run("cases", "-f", str(BUNDLED), "--today", FIXED_TODAY, env={"COLUMNS": str(width)})
    assert result.exit_code == 0
    assert all(len(line) <= width for line in result.stdout.splitlines())
    assert "8:25-cv-00951" in result.stdout
    assert "\x1b" not in result.stdout


def test_a_file_without_cases(run, write) -> None:
    path = write("events:\n  - {date: 2025-01-01, kind: other, title: x}\n")
    result = run("cases", "-f", str(path))
    assert result.exit_code == 0
    assert result.stdout == "no cases in the file\n"
