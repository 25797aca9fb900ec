"""The timelinejs export: the JSON Knight Lab's TimelineJS3 reads, for an embeddable timeline.

TimelineJS shows ``headline``, ``text``, ``group`` and ``display_date`` as HTML, so every
piece of text from the file is escaped, only http(s) sources become links, and ``autolink`` is
off so that TimelineJS makes no links of its own. Dates carry only the parts the event's
precision has (a year-only event has only ``year``), as numbers, the form the format's
documentation gives; a timed date is given on the wall clock of its case's timezone, with a
``display_date`` naming the zone. An event with no date at all cannot be placed, so it is left
out, and ``notes`` says so.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from timeline.dates import FileDate, Precision, zone
from timeline.deadlines.status import FLAGGED
from timeline.query import Row
from timeline.render import View
from timeline.render.html import details_html
from timeline.render.phrases import FLAGGED_UNMET, badge, full_date, plural, row_zone_date
from timeline.render.publishing import event_uids, source_refs, view_title

NO_CASE = "Other events"


def render(view: View) -> str:
    return json.dumps(document(view), indent=2, ensure_ascii=False) + "\n"


def notes(view: View) -> list[str]:
    left = sum(1 for row in view.rows if row.start is None)
    if not left:
        return []
    return [f"{plural(left, 'event')} left out of the timeline for want of a date"]


def document(view: View) -> dict[str, Any]:
    uids = event_uids(view.rows)
    return {
        "title": title_slide(view),
        "events": [slide(view, row, uids[row.index]) for row in view.rows if row.start is not None],
    }


def title_slide(view: View) -> dict[str, Any]:
    states = [row.state for row in view.rows if row.state is not None]
    passed = sum(1 for state in states if state.status in FLAGGED)
    facts = [
        f"As of {view.today.isoformat()}",
        plural(len(view.rows), "event"),
        plural(len(states), "deadline"),
        f"{passed} passed, {FLAGGED_UNMET}",
    ]
    return {
        "text": {
            "headline": escape(view_title(view)),
            "text": f"<p>{escape(' · '.join(facts))}</p>",
        },
        "unique_id": "title",
        "autolink": False,
    }


def slide(view: View, row: Row, uid: str) -> dict[str, Any]:
    event = row.event
    start, zone_name = row_zone_date(view.timeline, event, row.start, row.state)
    assert start is not None
    out: dict[str, Any] = {"start_date": date_object(start, zone_name)}
    if event.end is not None:
        out["end_date"] = date_object(event.end, zone_name)
    display = display_date(view, row, start, zone_name)
    if display is not None:
        out["display_date"] = escape(display)
    out["text"] = {"headline": escape(event.title), "text": body(view, row)}
    # The case filtered on, if any, else the first; TimelineJS shows the label as HTML too.
    chosen = [key for key in event.case if key in view.filters.cases] or list(event.case)
    cases = view.timeline.cases
    group = (cases[chosen[0]].title if chosen[0] in cases else chosen[0]) if chosen else NO_CASE
    out["group"] = escape(group)
    out["unique_id"] = uid
    # Our links are made here, from http(s) sources only; TimelineJS must not make more.
    out["autolink"] = False
    return out


def date_object(written: FileDate, zone_name: str | None) -> dict[str, int]:
    """TimelineJS's date: the parts the precision has; a timed date on its case's clock."""
    if written.precision is Precision.MINUTE:
        moment = written.instant(zone(zone_name) if zone_name else None)
        if zone_name:
            try:
                moment = moment.astimezone(zone(zone_name))
            except OverflowError:
                pass  # on the case's clock it would fall outside the years 1-9999: as written
        return {"year": moment.year, "month": moment.month, "day": moment.day,
                "hour": moment.hour, "minute": moment.minute}  # fmt: skip
    out = {"year": written.year}
    if written.month is not None:
        out["month"] = written.month
    if written.day is not None:
        out["day"] = written.day
    return out


def display_date(view: View, row: Row, start: FileDate, zone_name: str | None) -> str | None:
    """A date as written, where TimelineJS's own would lose something: a zone, a circa."""
    event = row.event
    timed = start.precision is Precision.MINUTE or (
        event.end is not None and event.end.precision is Precision.MINUTE
    )
    if not timed and not event.circa:
        return None
    shown = full_date(start, zone_name)
    if event.end is not None:
        shown += " to " + full_date(event.end, zone_name)
    return ("About " + shown) if event.circa else shown


def body(view: View, row: Row) -> str:
    event, state = row.event, row.state
    parts = []
    if state is not None:
        parts.append(f'<p><strong>{escape(badge(state))}</strong></p>')
    kind = escape(view.timeline.kind_label(event.kind))
    if event.certainty != "confirmed":
        kind += f" · {escape(event.certainty)}"
    parts.append(f"<p><em>{kind}</em></p>")
    if event.details:
        parts.append(details_html(event.details))
    refs = source_refs(view.timeline, event)
    if refs:
        items = []
        for ref in refs:
            label = escape(ref.label)
            if ref.url:
                label = f'<a href="{escape(ref.url)}" rel="noopener noreferrer">{label}</a>'
            items.append(f"<li>{label}</li>")
        parts.append("<p>Sources:</p><ul>" + "".join(items) + "</ul>")
    return "".join(parts)
