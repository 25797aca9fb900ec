"""`timeline digest --format json`: the digest as one document with stable keys, for scripts."""

from __future__ import annotations

from typing import Any

from timeline import jsontext
from timeline.digest import Attention, Change, Digest
from timeline.render.digest_words import summary


def render(digest: Digest) -> str:
    return jsontext.dumps(document(digest)) + "\n"


def document(digest: Digest) -> dict[str, Any]:
    since = digest.since
    changes = None
    if digest.changes is not None:
        changes = {
            **digest.counts,
            "cases": [
                {"case": group.case, "title": group.title,
                 "events": [_change(change) for change in group.changes]}
                for group in digest.changes
            ],
        }  # fmt: skip
    return {
        "summary": summary(digest),
        "today": digest.today.isoformat(),
        "soon": digest.soon,
        "since": None if since is None else {
            "label": since.label,
            "date": since.day.isoformat() if since.day is not None else None,
            "revision": since.revision,
        },
        "not_compared": digest.not_compared if since is not None else None,
        "old_record_errors": digest.old_problems,
        "deadlines": {
            "passed": [_deadline(item) for item in digest.passed],
            "due_soon": [_deadline(item) for item in digest.due_soon],
        },
        "changes": changes,
    }  # fmt: skip


def _deadline(item: Attention) -> dict[str, Any]:
    event, state = item.row.event, item.row.state
    assert state is not None
    return {
        "id": event.id,
        "title": event.title,
        "cases": list(event.case),
        "due": state.due.iso() if state.due is not None else None,
        "status": state.status,
        "days": state.days,
        "new": item.new,
        "status_then": item.then,
        "sources": list(item.links),
    }


def _change(change: Change) -> dict[str, Any]:
    event = change.event
    return {
        "change": change.what,
        "fields": list(change.fields),
        "id": event.id,
        "date": event.date.iso() if event.date is not None else None,
        "kind": event.kind,
        "title": event.title,
        "cases": list(event.case),
        "sources": list(change.links),
    }
