"""Filters over the timeline and its timeline order: pure functions over the model."""

from __future__ import annotations

from dataclasses import dataclass

from timeline.dates import FileDate
from timeline.deadlines.status import DeadlineState
from timeline.model import Event
from timeline.timeline import Timeline


# The sort key of an event with no start: after every date a file can hold (years stop at 9999).
UNDATED_LAST: tuple[int, int, int, int, int, int] = (9999, 12, 31, 23, 59, 9)


@dataclass(frozen=True)
class Filters:
    """Values of one option are OR-ed; options are AND-ed."""

    cases: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    since: FileDate | None = None  # inclusive; a partial date covers its whole period
    until: FileDate | None = None
    search: str | None = None

    def active(self) -> bool:
        return any((self.cases, self.kinds, self.people, self.tags, self.since, self.until,
                    self.search))  # fmt: skip


@dataclass(frozen=True)
class Row:
    """One event in a view: the event, its index in the timeline, its deadline state."""

    index: int
    event: Event
    start: FileDate | None  # written date, or the computed due moment of a deadline
    state: DeadlineState | None = None


def event_start(event: Event, state: DeadlineState | None) -> FileDate | None:
    if event.date is not None:
        return event.date
    if state is not None and state.due is not None:
        return state.due.date_form()
    return None


def timeline_rows(
    timeline: Timeline, states: dict[int, DeadlineState], filters: Filters = Filters()
) -> list[Row]:
    """The selected events in timeline order: start of period, coarser first, file order."""
    rows = []
    keys = []  # each row's sort key, in step with ``rows``
    # A file's dates are shared objects (the readers keep one a text): each key is worked out
    # once. Keyed by identity, which holds while the rows keep their dates alive.
    known: dict[int, tuple[int, ...]] = {}
    active = filters.active()  # with no filter every event matches: no need to ask each
    for index, event in enumerate(timeline.events):
        state = states.get(index)
        start = event_start(event, state)
        if active and not matches(event, start, filters):
            continue
        rows.append(Row(index, event, start, state))
        if start is None:
            keys.append(UNDATED_LAST)
            continue
        key = known.get(id(start))
        if key is None:
            key = known[id(start)] = start.sort_key
        keys.append(key)
    # The rows are in file order and the sort is stable: ties stay in file order.
    order = sorted(range(len(rows)), key=keys.__getitem__)
    return [rows[i] for i in order]


def matches(event: Event, start: FileDate | None, filters: Filters) -> bool:
    if filters.cases and not set(filters.cases) & set(event.case):
        return False
    if filters.kinds and event.kind not in filters.kinds:
        return False
    if filters.people and not set(filters.people) & set(event.people):
        return False
    if filters.tags and not {t.lower() for t in filters.tags} & {t.lower() for t in event.tags}:
        return False
    if filters.since is not None or filters.until is not None:
        if start is None:
            return False
        # A dated event must fall wholly inside the range (`2025` is not "since May 2025"); a
        # span needs only to overlap it (someone held from March to June was held in May).
        first, last = start.first_day, (event.end or start).last_day
        low = filters.since.first_day if filters.since is not None else None
        high = filters.until.last_day if filters.until is not None else None
        if event.end is not None:
            if (low is not None and last < low) or (high is not None and first > high):
                return False
        elif (low is not None and first < low) or (high is not None and last > high):
            return False
    if filters.search:
        needle = filters.search.casefold()
        haystack = " ".join(filter(None, (event.id, event.title, event.details)))
        if needle not in haystack.casefold():
            return False
    return True
