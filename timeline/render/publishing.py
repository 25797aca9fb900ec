"""What the publishing exports (csv, ics, html, timelinejs) share: titles, sources, identities.

An event keeps one identity across formats and across exports, so that a subscribed calendar
or an embedded timeline updates instead of duplicating. Dates and badges come from
``phrases``, so a deadline reads the same here as in the terminal.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from typing import Callable
from urllib.parse import urlsplit

from timeline.dates import FileDate, zone
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
    date: FileDate | None = None  # the source's date, where the label leaves it out


def web_url(text: str | None) -> str | None:
    """The address if it is an http(s) URL with a host, else None: only these become links."""
    if text is None:
        return None
    parts = urlsplit(text.strip())
    return text.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def source_refs(timeline: Timeline, event: Event, dated: bool = True) -> list[SourceRef]:
    """The event's sources; with ``dated`` False, a source's date is left for the caller to
    write in its own style (``SourceRef.date``) instead of ending the label."""
    refs = []
    for ref in event.sources:
        source = timeline.sources.get(ref)
        if source is None:
            refs.append(SourceRef(ref, web_url(ref)))
            continue
        label = source.title
        if source.publisher:
            label += f", {source.publisher}"
        if source.date is not None and dated:
            label += f", {source.date.iso()}"
        refs.append(SourceRef(label, web_url(source.url), None if dated else source.date))
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


def event_text(view: View, row: Row, status: str | None, uri: Callable[[str], str]) -> str:
    """An event as plain text for a calendar's description or a feed entry's content: the
    ``status`` line and the due date's explanation, the date, cases, certainty, details and
    sources (each address through ``uri``, the format's own way of writing one)."""
    from timeline.render.phrases import event_zone, full_date

    event, state = row.event, row.state
    tl = view.timeline
    lines = []
    if state is not None and status is not None:
        lines.append(status)
        if state.due is not None:
            lines.extend(state.due.explain)
    if event.date is not None:
        written = full_date(event.date, event_zone(tl, event))
        if event.end is not None:
            written += " to " + full_date(event.end, event_zone(tl, event))
        lines.append(f"Date: {written}" + (" (approximate)" if event.circa else ""))
    titles = case_titles(tl, event)
    if titles:
        lines.append("Case: " + "; ".join(titles))
    if event.certainty != "confirmed":
        lines.append(f"Certainty: {event.certainty}")
    if event.details:
        lines.extend(["", event.details.rstrip("\n")])
    refs = source_refs(tl, event)
    if refs:
        lines.extend(["", "Sources:"])
        lines.extend(f"- {ref.label}" + (f" <{uri(ref.url)}>" if ref.url else "")
                     for ref in refs)  # fmt: skip
    return "\n".join(lines)


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
