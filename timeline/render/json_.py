"""The json export: one document with stable keys, the form scripts and tests read."""

from __future__ import annotations

from datetime import date
from typing import Any

from timeline import jsontext
from timeline.deadlines.due import Due
from timeline.query import Row
from timeline.render import View


def render(view: View) -> str:
    # json.dumps(document, indent=2, ensure_ascii=False), byte for byte, faster (big files)
    return jsontext.dumps_plain(document(view)) + "\n"


def document(view: View) -> dict[str, Any]:
    tl = view.timeline
    return {
        "today": view.today.isoformat(),
        "cases": {key: case.model_dump() for key, case in tl.cases.items()},
        "people": {key: person.model_dump() for key, person in tl.people.items()},
        "sources": {key: source.model_dump() for key, source in tl.sources.items()},
        "events": [event_dict(row) for row in view.rows],
    }


def event_dict(row: Row) -> dict[str, Any]:
    event = row.event
    written = event.date
    out: dict[str, Any] = {
        "id": event.id,
        "date": written.iso() if written is not None else None,
        "precision": str(written.precision) if written is not None else None,
        "end": event.end.iso() if event.end is not None else None,
        "circa": event.circa,
        "cases": list(event.case),
        "kind": event.kind,
        "title": event.title,
        "details": event.details,
        "people": list(event.people),
        "sources": list(event.sources),
        "tags": list(event.tags),
        "certainty": event.certainty,
    }
    if event.kind == "deadline" and row.state is not None:
        state = row.state
        out["deadline"] = {
            "due": state.due.iso() if state.due is not None else None,
            # Where readings of the rule differ: safe to file by, and the last day any allows.
            "earliest": _bound(state.due, state.due.first_day) if state.due is not None else None,
            "latest": _bound(state.due, state.due.last_day) if state.due is not None else None,
            "status": state.status,
            "days": state.days,
            "explain": list(state.due.explain) if state.due is not None else [],
            "set_by": event.set_by,
            "met_by": event.met_by,
            "replaces": event.replaces,
            "extended_by": state.extended_by,
        }
    return out



def _bound(due: Due, day: date) -> str:
    return due.iso() if day == due.day else day.isoformat()
