"""What the publishing exports (csv, ics, html, timelinejs) share: titles, sources, identities.

An event keeps one identity across formats and across exports, so that a subscribed calendar
or an embedded timeline updates instead of duplicating. Dates and badges come from
``phrases``, so a deadline reads the same here as in the terminal.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from urllib.parse import urlsplit

from timeline.dates import zone
from timeline.model import Event
from timeline.query import Row
from timeline.render import View
from timeline.timeline import Timeline


def view_title(view: View) -> str:
    """The cases the view is about, by title: those filtered on, else every case in the file."""
    cases = view.timeline.cases
    chosen = [cases[key].title for key in view.filters.cases if key in cases] or [
        case.title for case in cases.values()
    ]
    return "Timeline: " + "; ".join(chosen) if chosen else "Timeline"


def case_titles(timeline: Timeline, event: Event) -> list[str]:
    return [timeline.cases[key].title if key in timeline.cases else key for key in event.case]


@dataclass(frozen=True)
class SourceRef:
    """A cited source as a reader sees it, with its address when it has an http(s) one."""

    label: str
    url: str | None


def web_url(text: str | None) -> str | None:
    """The address if it is an http(s) URL with a host, else None: only these become links."""
    if text is None:
        return None
    parts = urlsplit(text.strip())
    return text.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def source_refs(timeline: Timeline, event: Event) -> list[SourceRef]:
    refs = []
    for ref in event.sources:
        source = timeline.sources.get(ref)
        if source is None:
            refs.append(SourceRef(ref, web_url(ref)))
            continue
        label = source.title
        if source.publisher:
            label += f", {source.publisher}"
        if source.date is not None:
            label += f", {source.date.iso()}"
        refs.append(SourceRef(label, web_url(source.url)))
    return refs


def event_uids(rows: list[Row]) -> dict[int, str]:
    """A stable identity per row, by event index: the event's id, else a hash of its content.

    The hash covers what identifies an event (date, kind, title, cases), so an unchanged event
    keeps its identity from one export to the next; identical events without ids are numbered
    in file order.
    """
    uids: dict[int, str] = {}
    taken: set[str] = set()
    for row in sorted(rows, key=lambda r: r.index):
        uid = row.event.id or content_hash(row)
        candidate, number = uid, 1
        while candidate in taken:
            number += 1
            candidate = f"{uid}-{number}"
        taken.add(candidate)
        uids[row.index] = candidate
    return uids


def content_hash(row: Row) -> str:
    event = row.event
    start = row.start.iso() if row.start is not None else ""
    content = "\x1f".join([start, event.kind, event.title, *event.case])
    return "event-" + hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]


def status_moment(view: View, row: Row) -> datetime | None:
    """The moment a computed status began: due soon or passed; None for the others."""
    state = row.state
    if state is None or state.due is None or state.status not in ("due-soon", "passed"):
        return None
    tz_name = view.timeline.timezone_of(row.event)
    try:
        if state.status == "passed":
            day = state.due.day + timedelta(days=1)
        else:
            day = state.due.day - timedelta(days=view.soon)
        tz = zone(tz_name) if tz_name else timezone.utc
        return datetime.combine(day, time(), tzinfo=tz).astimezone(timezone.utc)
    except OverflowError:
        return None
