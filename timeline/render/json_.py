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
    dates: dict[int, tuple[str, str]] = {}
    return {
        "today": view.today.isoformat(),
        "cases": {key: case.model_dump() for key, case in tl.cases.items()},
        "people": {key: person.model_dump() for key, person in tl.people.items()},
        "sources": {key: source.model_dump() for key, source in tl.sources.items()},
        "events": [event_dict(row, dates) for row in view.rows],
    }


def event_dict(row: Row, dates: dict[int, tuple[str, str]] | None = None) -> dict[str, Any]:
    """One event of the document. Its lists are the event's own, not copies: the document is
    written out at once and never changed (copying them was a third of its time at 100,000
    events). ``dates`` remembers each date's texts by identity: a file's dates are shared
    objects (one a text written), alive while the rows are."""
    event = row.event
    fields = event.__dict__  # read as a dict: a model's attributes cost more, one by one
    written = fields["date"]
    if written is None:
        date_texts: tuple[str | None, str | None] = (None, None)
    else:
        known = dates.get(id(written)) if dates is not None else None
        if known is None:
            known = (written.iso(), str(written.precision))
            if dates is not None:
                dates[id(written)] = known
        date_texts = known
    end = fields["end"]
    out: dict[str, Any] = {
        "id": fields["id"],
        "date": date_texts[0],
        "precision": date_texts[1],
        "end": end.iso() if end is not None else None,
        "circa": fields["circa"],
        "cases": fields["case"],
        "kind": fields["kind"],
        "title": fields["title"],
        "details": fields["details"],
        "people": fields["people"],
        "sources": fields["sources"],
        "tags": fields["tags"],
        "certainty": fields["certainty"],
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
