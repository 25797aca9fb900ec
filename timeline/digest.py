"""What changed in the record since a point in time, and which deadlines need attention.

Pure: given the record now, the record it is compared with (None: nothing to compare with),
the point in time and today, ``digest`` returns a Digest value. Reading git, the clock and
printing are the CLI's (timeline/read/gitrecord.py reads the record at a commit).

A deadline is *new* to a status when it did not have it then: its status in the old record as
of that day, or, for a deadline the old record does not have, its status in today's record as
of that day (an old deadline added to the record is news as an added event, not as a deadline
that has just passed). Events are the same event when they have the same id; events without an
id when they are equal, else when they have the same kind and title, else the same kind and date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Iterable
from urllib.parse import urlsplit

from timeline.deadline_list import urgent_first
from timeline.deadlines.due import Due
from timeline.deadlines.status import (
    FLAGGED, DeadlineState, TodayFor, deadline_states, due_moments,
)  # fmt: skip
from timeline.model import Event
from timeline.query import UNDATED_LAST, Filters, Row, matches, timeline_rows
from timeline.timeline import Timeline

ADDED, CHANGED, REMOVED = "added", "changed", "removed"
_WHAT_ORDER = {ADDED: 0, CHANGED: 1, REMOVED: 2}


@dataclass(frozen=True)
class Since:
    """The point compared with: how to name it, the day it was then in each case's timezone,
    and the commit the old record was read at (None: no record was read)."""

    label: str
    then: TodayFor
    revision: str | None = None
    day: date | None = None  # the day it names, in UTC for a commit


def since_date(day: date) -> Since:
    return Since(day.isoformat(), lambda _zone: day, None, day)


def since_commit(sha: str, when: datetime, label: str) -> Since:
    """A commit, as of its committer time: in each case's timezone, the day that time fell on."""
    from timeline.dates import zone

    def then(zone_name: str | None) -> date:
        return when.astimezone(zone(zone_name) if zone_name else timezone.utc).date()

    return Since(label, then, sha, when.astimezone(timezone.utc).date())


@dataclass(frozen=True)
class Attention:
    """A deadline that needs attention now, and its status then (None: nothing compared)."""

    row: Row
    then: str | None
    links: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        assert self.row.state is not None
        return self.row.state.status

    @property
    def new(self) -> bool:
        """Whether it reached its status since then (passed and missed are one status here:
        recording a passed deadline as missed is no news)."""
        return self.then is not None and _group(self.then) != _group(self.status)


def _group(status: str) -> str:
    return "passed" if status in FLAGGED else status


@dataclass(frozen=True)
class Change:
    """An event added, changed (``fields``, as the file names them) or removed."""

    what: str
    event: Event  # as it is now; as it was, for one removed
    links: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseChanges:
    case: str | None  # None: the events without a case
    title: str | None
    changes: list[Change]


@dataclass(frozen=True)
class Digest:
    timeline: Timeline
    today: date
    soon: int
    since: Since | None
    passed: list[Attention]  # the new ones first
    due_soon: list[Attention]
    changes: list[CaseChanges] | None  # None: the events were not compared
    counts: dict[str, int] = field(default_factory=dict)  # events added, changed, removed
    old_problems: int = 0  # errors in the old record (what could be read was compared)
    not_compared: str | None = None  # why the events were not compared, where they were not

    def reached(self, statuses: Iterable[str]) -> list[Attention]:
        """The deadlines that reached one of ``statuses`` since then; every deadline that has
        one, when nothing was compared."""
        wanted = set(statuses)
        found = []
        for item in [*self.passed, *self.due_soon]:
            if item.status in wanted and (self.since is None or item.new):
                found.append(item)
        return found


def digest(
    current: Timeline,
    old: Timeline | None,
    today_for: TodayFor,
    today: date,
    since: Since | None,
    filters: Filters = Filters(),
    soon: int = 7,
    old_problems: int = 0,
    not_compared: str | None = None,
) -> Digest:
    """The digest of ``current`` since ``since``, against ``old`` (None: events not compared)."""
    dues = due_moments(current)
    states = deadline_states(current, today_for, soon, dues)
    rows = timeline_rows(current, states, filters)
    pairs: dict[int, int] = {}
    added: list[int] = []
    removed: list[int] = []
    if old is not None:
        pairs, added, removed = match_events(old.events, current.events)
    then = _statuses_then(current, old, pairs, since, soon, dues)
    attention = [
        Attention(row, then.get(row.index), tuple(source_links(current, row.event)))
        for row in urgent_first(rows)
    ]
    passed = [item for item in attention if item.status in FLAGGED]
    passed.sort(key=lambda item: not item.new)  # stable: urgent_first order within each
    due_soon = [item for item in attention if item.status == "due-soon"]
    changes: list[CaseChanges] | None = None
    counts: dict[str, int] = {}
    if old is not None:
        found = _changes(current, old, pairs, added, removed, filters)
        counts = {what: sum(1 for change in found if change.what == what)
                  for what in (ADDED, CHANGED, REMOVED)}  # fmt: skip
        changes = _by_case(current, old, found)
    return Digest(current, today, soon, since, passed, due_soon, changes, counts, old_problems,
                  not_compared)


def _statuses_then(
    current: Timeline, old: Timeline | None, pairs: dict[int, int], since: Since | None,
    soon: int, dues: dict[int, Due],
) -> dict[int, str]:
    """Each current deadline's status then (by index); empty when nothing is compared."""
    if since is None:
        return {}
    as_then = deadline_states(current, since.then, soon, dues)
    old_states: dict[int, DeadlineState] = {}
    if old is not None:
        old_states = deadline_states(old, since.then, soon)
    out: dict[int, str] = {}
    for index, state in as_then.items():
        before = old_states.get(pairs[index]) if index in pairs else None
        out[index] = (before or state).status
    return out


def match_events(old: list[Event], new: list[Event]) -> tuple[dict[int, int], list[int],
                                                               list[int]]:  # fmt: skip
    """Pair the events of two records: new index -> old index, then the new indexes left
    (added) and the old ones left (removed)."""
    pairs: dict[int, int] = {}
    old_ids = {event.id: index for index, event in enumerate(old) if event.id is not None}
    for index, event in enumerate(new):
        if event.id is not None and event.id in old_ids:
            pairs[index] = old_ids[event.id]
    left_new = [i for i, event in enumerate(new) if event.id is None]
    left_old = [i for i, event in enumerate(old) if event.id is None]
    for key in (_content, lambda e: (e.kind, e.title), lambda e: (e.kind, repr(e.date))):
        waiting: dict[object, list[int]] = {}
        for index in left_old:
            waiting.setdefault(key(old[index]), []).append(index)
        unpaired = []
        for index in left_new:
            candidates = waiting.get(key(new[index]))
            if candidates:
                pairs[index] = candidates.pop(0)
            else:
                unpaired.append(index)
        taken = set(pairs.values())
        left_new, left_old = unpaired, [i for i in left_old if i not in taken]
    paired_old = set(pairs.values())
    added = [i for i in range(len(new)) if i not in pairs]
    removed = [i for i in range(len(old)) if i not in paired_old]
    return pairs, added, removed


def _content(event: Event) -> str:
    return repr([getattr(event, name) for name in Event.model_fields])


def changed_fields(old: Event, new: Event) -> tuple[str, ...]:
    """The fields, as the file names them, whose values differ."""
    return tuple(name for name in Event.model_fields if getattr(old, name) != getattr(new, name))


def _changes(current: Timeline, old: Timeline, pairs: dict[int, int], added: list[int],
             removed: list[int], filters: Filters) -> list[Change]:  # fmt: skip
    def wanted(event: Event) -> bool:
        return matches(event, event.date, _undated(filters))

    found: list[Change] = []
    for index in added:
        event = current.events[index]
        if wanted(event):
            found.append(Change(ADDED, event, tuple(source_links(current, event))))
    for index, before in sorted(pairs.items()):
        event, was = current.events[index], old.events[before]
        if event == was:  # pydantic compares in one call what changed_fields does a field at a time
            continue
        fields = changed_fields(was, event)
        if fields and (wanted(event) or wanted(was)):
            found.append(Change(CHANGED, event, tuple(source_links(current, event)), fields))
    for index in removed:
        event = old.events[index]
        if wanted(event):
            found.append(Change(REMOVED, event, tuple(source_links(old, event))))
    return found


def _undated(filters: Filters) -> Filters:
    """The filters but dates: a change is news whatever the date of its event."""
    from dataclasses import replace

    return replace(filters, since=None, until=None)


def _by_case(current: Timeline, old: Timeline, changes: list[Change]) -> list[CaseChanges]:
    """The changes grouped by case (an event of two cases in both), in the current record's case
    order, then cases only the old record has, then the events without a case."""
    order: list[str | None] = [*current.cases, *(key for key in old.cases
                                                  if key not in current.cases)]  # fmt: skip
    groups: dict[str | None, list[Change]] = {}
    for change in changes:
        for key in change.event.case or [None]:
            groups.setdefault(key, []).append(change)
            if key not in order:
                order.append(key)  # a case id the records do not define (the check says so)
    order.sort(key=lambda key: key is None)
    out = []
    for key in order:
        if key not in groups:
            continue
        case = current.cases.get(key) or old.cases.get(key) if key is not None else None
        items = sorted(groups[key], key=_change_order)
        out.append(CaseChanges(key, case.title if case is not None else None, items))
    return out


def _change_order(change: Change) -> tuple[int, tuple[int, ...]]:
    start = change.event.date.sort_key if change.event.date is not None else UNDATED_LAST
    return _WHAT_ORDER[change.what], start


def source_links(timeline: Timeline, event: Event) -> list[str]:
    """The http(s) addresses of an event's sources, in its order, each once."""
    links: list[str] = []
    for ref in event.sources:
        source = timeline.sources.get(ref)
        url = source.url if source is not None else ref
        if url and _is_web(url) and url not in links:
            links.append(url)
    return links


def _is_web(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)

