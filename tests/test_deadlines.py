"""Deadline statuses as of a given day, for deadlines with a written date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.deadlines.status import deadline_states
from timeline.load import load

FILE = """\
cases:
  ny: {title: NY, timezone: America/New_York}
  utc: {title: No zone}
events:
  - {id: order, date: 2025-05-01, case: ny, kind: order, title: Order, sources: [https://a.org]}
  - {id: early, date: 2025-05-04, case: ny, kind: filing, title: Early, sources: [https://a.org]}
  - {id: late, date: 2025-05-09, case: ny, kind: filing, title: Late, sources: [https://a.org]}
  - {id: evening, date: 2025-05-05T18:30, case: ny, kind: filing, title: Evening, sources: [https://a.org]}
  - {id: met, date: 2025-05-05, case: ny, kind: deadline, title: M, met_by: early, sources: [https://a.org]}
  - {id: met-late, date: 2025-05-05, case: ny, kind: deadline, title: ML, met_by: late, sources: [https://a.org]}
  - {id: same-day, date: 2025-05-05, case: ny, kind: deadline, title: SD, met_by: evening, sources: [https://a.org]}
  - {id: timed-late, date: 2025-05-05T17:00, case: ny, kind: deadline, title: TL, met_by: evening, sources: [https://a.org]}
  - {id: old, date: 2025-05-05, case: ny, kind: deadline, title: Old, sources: [https://a.org]}
  - {id: new, date: 2025-05-20, case: ny, kind: deadline, title: New, replaces: old, sources: [https://a.org]}
  - {id: vacated, date: 2025-05-05, case: ny, kind: deadline, title: V, status: vacated, sources: [https://a.org]}
  - {id: moot, date: 2025-05-05, case: ny, kind: deadline, title: Mo, status: moot, sources: [https://a.org]}
  - {id: missed, date: 2099-05-05, case: ny, kind: deadline, title: Mi, status: missed, sources: [https://a.org]}
  - {id: by-hand, date: 2025-05-05, case: ny, kind: deadline, title: BH, status: met, sources: [https://a.org]}
  - {id: plain, date: 2025-05-05, case: utc, kind: deadline, title: P, sources: [https://a.org]}
"""


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("deadlines")
    (folder / "events.yaml").write_text(FILE)
    result = load([Path("events.yaml")], folder)
    assert [str(d) for d in result.diagnostics] == []
    return result.timeline


def statuses(timeline, today: date, soon: int = 7) -> dict[str, tuple[str, int | None]]:
    states = deadline_states(timeline, lambda _zone: today, soon)
    return {timeline.events[i].id: (s.status, s.days) for i, s in states.items()}


def test_statuses_that_do_not_depend_on_the_day(loaded):
    got = statuses(loaded, date(2026, 11, 27))
    assert got["met"][0] == "met"
    assert got["met-late"][0] == "met-late"
    assert got["same-day"][0] == "met"  # a date-only deadline runs to the end of its day
    assert got["timed-late"][0] == "met-late"  # 18:30 is after 17:00
    assert got["old"][0] == "extended"
    assert got["vacated"][0] == "vacated"
    assert got["moot"][0] == "moot"
    assert got["missed"][0] == "missed"
    assert got["by-hand"][0] == "met"


@pytest.mark.parametrize("today,status,days", [
    (date(2025, 4, 20), "upcoming", 15),
    (date(2025, 4, 28), "due-soon", 7),
    (date(2025, 4, 27), "upcoming", 8),
    (date(2025, 5, 5), "due-soon", 0),  # never passed on its own due day
    (date(2025, 5, 6), "passed", -1),
    (date(2026, 11, 27), "passed", -571),
])  # fmt: skip
def test_statuses_in_time(loaded, today, status, days):
    assert statuses(loaded, today)["plain"] == (status, days)


def test_soon_window_is_an_option(loaded):
    assert statuses(loaded, date(2025, 4, 20), soon=30)["plain"] == ("due-soon", 15)
