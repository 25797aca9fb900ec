"""`timeline digest` as plain text, for a mail body or a terminal: an item a line or two.

Text from the file goes through ``clean`` (one line, controls shown escaped); sources follow
an event's id as bare addresses, which mail readers link.
"""

from __future__ import annotations

from timeline.digest import Attention, Change, Digest
from timeline.render.digest_words import (
    PASSED_HEADING, due_text, old_problems_line, soon_heading, summary,
)  # fmt: skip
from timeline.render.phrases import badge, clean, full_date, event_zone

NO_CASE = "Events without a case"


def render(digest: Digest) -> str:
    lines = [summary(digest)]
    problems = old_problems_line(digest)
    if problems:
        lines.extend(["", problems])
    sections = ((PASSED_HEADING, digest.passed), (soon_heading(digest), digest.due_soon))
    for heading, items in sections:
        lines.extend(["", f"{heading} ({len(items)}):" if items else f"{heading}: none."])
        for item in items:
            lines.extend(_deadline(digest, item))
    lines.extend(_changes(digest))
    return "\n".join(lines) + "\n"


def _deadline(digest: Digest, item: Attention) -> list[str]:
    event, state = item.row.event, item.row.state
    assert state is not None
    mark = "NEW " if item.new else ""
    first = f"- {mark}{badge(state)}: {clean(event.title)}"
    where = [due_text(item), *(_case(digest, key) for key in event.case)]
    return [first, "  " + " · ".join(where) + _reference(event.id, item.links)]


def _case(digest: Digest, key: str) -> str:
    case = digest.timeline.cases.get(key)
    return clean(case.title) if case is not None else clean(key)


def _reference(event_id: str | None, links: tuple[str, ...]) -> str:
    """`` · id ID URL URL``: the id, then its sources' addresses."""
    parts = ([f"id {clean(event_id)}"] if event_id else []) + [clean(url) for url in links]
    return " · " + " ".join(parts) if parts else ""


def _changes(digest: Digest) -> list[str]:
    since = digest.since
    if since is None:
        return []
    if digest.changes is None:
        reason = f" ({clean(digest.not_compared)})" if digest.not_compared else ""
        return ["", f"Events since {clean(since.label)}: not compared{reason}."]
    if not digest.changes:
        return ["", f"Events since {clean(since.label)}: no changes."]
    lines = ["", f"Events since {clean(since.label)}:"]
    for group in digest.changes:
        title = NO_CASE if group.case is None else clean(group.case)
        if group.case is not None and group.title:
            title = f"{clean(group.title)} ({title})"
        lines.extend(["", f"{title}:"])
        for change in group.changes:
            lines.extend(_change(digest, change))
    return lines


def _change(digest: Digest, change: Change) -> list[str]:
    event = change.event
    when = full_date(event.date, event_zone(digest.timeline, event)) if event.date else (
        "computed due date" if event.due is not None else "undated")
    fields = f" ({', '.join(change.fields)})" if change.fields else ""
    first = f"- {change.what}{fields}: {when} {clean(event.title)}"
    reference = _reference(event.id, change.links)
    return [first, "  " + reference.removeprefix(" · ")] if reference else [first]
