"""One summary a case: its events, the last thing that happened, its next open deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from timeline.deadlines.status import FLAGGED, DeadlineState
from timeline.model import Case
from timeline.query import Row
from timeline.timeline import Timeline

OPEN = ("due-soon", "upcoming")


@dataclass(frozen=True)
class CaseSummary:
    key: str
    case: Case
    events: int
    last_event: Row | None  # the latest event dated on or before today, deadlines aside
    next_deadline: Row | None  # the earliest deadline still open (due soon or upcoming)
    passed: int  # deadlines passed or missed
    missed: int  # of those, the ones the record says were missed (the rest: no outcome recorded)


def case_summaries(timeline: Timeline, rows: list[Row], today: date) -> list[CaseSummary]:
    """A summary of every case, in the order the file lists them; ``rows`` in timeline order."""
    summaries = []
    for key, case in timeline.cases.items():
        mine = [row for row in rows if key in row.event.case]
        happened = [
            row for row in mine
            if row.event.kind != "deadline" and row.start is not None
            and row.start.first_day <= today
        ]  # fmt: skip
        open_deadlines = [row for row in mine if _status(row.state) in OPEN]
        passed = sum(1 for row in mine if _status(row.state) in FLAGGED)
        missed = sum(1 for row in mine if _status(row.state) == "missed")
        summaries.append(CaseSummary(
            key, case, len(mine), happened[-1] if happened else None,
            open_deadlines[0] if open_deadlines else None, passed, missed,
        ))  # fmt: skip
    return summaries


def _status(state: DeadlineState | None) -> str | None:
    return state.status if state is not None else None
