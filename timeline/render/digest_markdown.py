"""`timeline digest` as GitHub-flavoured Markdown, ready to paste into an issue or a mail.

Text from the file is escaped as the Markdown export escapes it (timeline/render/markdown.py);
the only links are the ones written here, to the http(s) addresses the loader checked: an
event's id links to its first source, its other sources follow as numbered links.
"""

from __future__ import annotations

from timeline.deadlines.status import FLAGGED
from timeline.digest import Attention, Change, Digest
from timeline.render.digest_words import (
    PASSED_HEADING, due_text, old_problems_line, soon_heading, summary,
)  # fmt: skip
from timeline.render.markdown import NO_CASE, escape, link
from timeline.render.phrases import badge, event_zone, full_date


def render(digest: Digest) -> str:
    lines = [escape(summary(digest))]
    problems = old_problems_line(digest)
    if problems:
        lines.extend(["", f"_{escape(problems)}_"])
    sections = ((PASSED_HEADING, digest.passed), (soon_heading(digest), digest.due_soon))
    for heading, items in sections:
        lines.extend(["", f"## {heading} ({len(items)})", ""])
        if not items:
            lines.append("None.")
        lines.extend(_deadline(digest, item) for item in items)
    lines.extend(_changes(digest))
    return "\n".join(lines) + "\n"


def _deadline(digest: Digest, item: Attention) -> str:
    event, state = item.row.event, item.row.state
    assert state is not None
    mark = "**NEW** " if item.new else ""
    words = escape(badge(state))
    status = f"**⚠ {words}**" if state.status in FLAGGED else f"**{words}**"
    where = [escape(due_text(item))]
    for key in event.case:
        case = digest.timeline.cases.get(key)
        where.append(escape(case.title if case is not None else key))
    reference = _reference(event.id, item.links)
    return f"- {mark}{status}: {escape(event.title)} ({' · '.join(where + reference)})"


def _reference(event_id: str | None, links: tuple[str, ...]) -> list[str]:
    """The id, linked to the first source; the other sources as ``[2]``, ``[3]``..."""
    addresses = [address for address in map(link, links) if address is not None]
    if not event_id and not addresses:
        return []
    parts = []
    if event_id:
        text = f"`{event_id}`" if _plain_id(event_id) else escape(event_id)
        parts.append(f"[{text}]({addresses[0]})" if addresses else text)
        rest = addresses[1:]
        start = 2
    else:
        rest = addresses
        start = 1
    parts.extend(f"[{number}]({address})" for number, address in enumerate(rest, start))
    return [" ".join(parts)]


def _plain_id(event_id: str) -> bool:
    """Ids are letters, digits and ``.-_`` (model.py): safe in a code span as they are."""
    return all(c.isascii() and (c.isalnum() or c in ".-_") for c in event_id)


def _changes(digest: Digest) -> list[str]:
    since = digest.since
    if since is None:
        return []
    heading = f"## Events since {escape(since.label)}"
    if digest.changes is None:
        reason = f" ({escape(digest.not_compared)})" if digest.not_compared else ""
        return ["", heading, "", f"Not compared{reason}."]
    if not digest.changes:
        return ["", heading, "", "No changes."]
    lines = ["", heading]
    for group in digest.changes:
        if group.case is None:
            title = NO_CASE
        else:
            title = escape(group.title or group.case)
        lines.extend(["", f"### {title}", ""])
        lines.extend(_change(digest, change) for change in group.changes)
    return lines


def _change(digest: Digest, change: Change) -> str:
    event = change.event
    when = full_date(event.date, event_zone(digest.timeline, event)) if event.date else (
        "computed due date" if event.due is not None else "undated")
    fields = f" ({', '.join(f'`{name}`' for name in change.fields)})" if change.fields else ""
    reference = _reference(event.id, change.links)
    tail = f" · {reference[0]}" if reference else ""
    return f"- **{change.what}**{fields}: {escape(when)} · {escape(event.title)}{tail}"
