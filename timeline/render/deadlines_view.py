"""`timeline deadlines` in the terminal: a block a deadline, the most urgent first."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from timeline.deadline_list import status_counts
from timeline.deadlines.due import Due
from timeline.model import Event
from timeline.query import Row
from timeline.render.phrases import (
    badge, badge_style, clean, days_phrase, due_label, event_zone, full_date, plural,
)  # fmt: skip
from timeline.render.terminal import labelled
from timeline.timeline import Timeline


LABEL_WIDTH = len("extended by")  # the same column in every block


class DeadlinesView:
    def __init__(self, timeline: Timeline, rows: list[Row], explain: bool = False) -> None:
        self.timeline = timeline
        self.rows = rows
        self.explain = explain
        self.by_id = timeline.event_by_id()

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for number, row in enumerate(self.rows):
            if number:
                yield Text("")
            yield from self._block(console, row, width)

    def _block(self, console: Console, row: Row, width: int) -> RenderResult:
        event, state = row.event, row.state
        assert state is not None
        head = Text(badge(state), style=badge_style(state.status))
        head.append("  ")
        head.append(clean(event.title), style="bold")
        for line in head.wrap(console, width, overflow="fold"):
            line.rstrip()
            yield line
        fields: list[tuple[str, Text]] = [("due", self._due(event, state.due, state.days))]
        if event.case:
            fields.append(("case", Text(", ".join(self._case(key) for key in event.case))))
        fields.append(("set by", self._event_ref(event.set_by, "not recorded")))
        fields.append(("met by", self._event_ref(event.met_by, "nothing recorded")))
        if event.replaces:
            fields.append(("replaces", self._event_ref(event.replaces, "")))
        if state.extended_by:
            fields.append(("extended by", self._event_ref(state.extended_by, "")))
        if event.certainty != "confirmed":
            fields.append(("certainty", Text(event.certainty, style="yellow")))
        if event.id:
            fields.append(("id", Text(event.id, style="dim")))
        if self.explain and state.due is not None and state.due.explain:
            fields.append(("explain", Text("\n".join(state.due.explain))))
        yield from labelled(console, fields, width, LABEL_WIDTH)

    def _due(self, event: Event, due: Due | None, days: int | None) -> Text:
        if due is None:
            return Text("cannot be computed (timeline check says why)", style="magenta")
        zone = event_zone(self.timeline, event)
        text = due_label(due, zone, event.date)
        if due.moment is None:
            text += f" (end of day, {zone or 'UTC'})"
        phrase = days_phrase(days)
        return Text(f"{text} · {phrase}" if phrase else text)

    def _case(self, key: str) -> str:
        case = self.timeline.cases.get(key)
        return f"{clean(case.title)} ({key})" if case is not None else key

    def _event_ref(self, key: str | None, missing: str) -> Text:
        if key is None:
            return Text(missing, style="dim")
        target = self.by_id.get(key)
        if target is None:
            return Text(key)
        when = full_date(target.date, event_zone(self.timeline, target)) if target.date else ""
        text = Text(f"{when} " if when else "")
        text.append(clean(target.title))
        text.append(f" ({key})", style="dim")
        return text


def deadlines_line(rows: list[Row]) -> Text:
    """``6 deadlines: 4 passed, 1 met, 1 vacated``, the flagged counts in red."""
    line = Text(plural(len(rows), "deadline") + ": ", style="bold")
    for number, (status, count) in enumerate(status_counts(rows)):
        if number:
            line.append(", ", style="bold")
        line.append(f"{count} {status}", style=badge_style(status))
    return line
