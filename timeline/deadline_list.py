"""The deadlines of a view, most urgent first: what `timeline deadlines` lists."""

from __future__ import annotations

from collections import Counter

from timeline.deadlines.status import STATUS_ORDER
from timeline.query import UNDATED_LAST, Row

STATUSES = (*STATUS_ORDER, "unknown")  # every status a deadline can have, most urgent first
_RANK = {status: rank for rank, status in enumerate(STATUSES)}


def urgent_first(rows: list[Row], statuses: tuple[str, ...] = ()) -> list[Row]:
    """Deadlines only, by status (STATUS_ORDER), then due moment, then file order.

    ``statuses`` keeps only those; empty keeps every one.
    """
    deadlines = [row for row in rows if row.state is not None]
    if statuses:
        deadlines = [row for row in deadlines if row.state is not None
                     and row.state.status in statuses]  # fmt: skip
    return sorted(deadlines, key=_urgency)


def _urgency(row: Row) -> tuple[int, tuple[int, ...], int]:
    assert row.state is not None
    rank = _RANK.get(row.state.status, len(_RANK))
    return rank, row.start.sort_key if row.start is not None else UNDATED_LAST, row.index


def status_counts(rows: list[Row]) -> list[tuple[str, int]]:
    """How many deadlines have each status, most urgent first, leaving out the absent ones."""
    counts = Counter(row.state.status for row in rows if row.state is not None)
    return [(status, counts[status]) for status in sorted(counts, key=lambda s: _RANK.get(s, 99))]
