"""What hovering shows: a deadline's due date, status and explanation; what an id names; a
date's weekday and whether it is a legal holiday where the case is.

Plain text (no Markdown): titles and names come from the file, and shown as Markdown they
could turn into links or images in the editor.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline.dates import Precision, parse_file_date
from timeline.deadlines.status import DeadlineState, TodayFor
from timeline.lsp.index import FileIndex, Occurrence, TimelineIndex, scalar_at
from timeline.lsp.workspace import Checked
from timeline.model import Event
from timeline.visible import visible

DATE_KEYS = ("date", "end")


@dataclass
class Context:
    """What the answers read: one load of the timeline, its index, and today per timezone."""

    checked: Checked
    index: TimelineIndex
    today_for: TodayFor
    _states: dict[int, DeadlineState] | None = None
    _where: dict[tuple[Path, int], int] | None = None

    @property
    def timeline(self) -> Any:
        return self.checked.result.timeline

    def states(self) -> dict[int, DeadlineState]:
        """Every deadline's state, counted once a load, when first asked."""
        if self._states is None:
            from timeline.deadlines.status import deadline_states

            self._states = deadline_states(self.timeline, self.today_for)
        return self._states

    def event_number(self, path: Path, file_index: FileIndex, number: int) -> int | None:
        """The timeline's index of event ``number`` of the file (None: it was left out)."""
        if self._where is None:
            self._where = {(self.checked.path_of(w.path), w.line): i
                           for i, w in enumerate(self.timeline.where)}  # fmt: skip
        return self._where.get((path, file_index.event_lines[number]))

    def event_by_id(self, ident: str) -> int | None:
        for number, event in enumerate(self.timeline.events):
            if event.id == ident:
                return number
        return None


def hover(context: Context, path: Path, line: int, col: int) -> str | None:
    """The hover text at ``line``:``col`` of ``path`` (1-based), or None."""
    file_index = context.index.files.get(path)
    if file_index is None:
        return None
    found = file_index.at(line, col)
    if found is not None:
        text = _identified(context, found)
        if text is not None:
            return text
    scalar = scalar_at(file_index.tree, line, col)
    if scalar is not None and _is_date(scalar[0]):
        return _date(context, path, file_index, scalar[0], scalar[1])
    number = file_index.event_at(line)
    if number is not None:
        index = context.event_number(path, file_index, number)
        if index is not None and context.timeline.events[index].kind == "deadline":
            return deadline(context, index)
    return None


def _is_date(loc: tuple[Any, ...]) -> bool:
    return bool(loc) and (loc[-1] in DATE_KEYS or (len(loc) == 2 and loc[0] == "closures"))


def deadline(context: Context, index: int) -> str:
    """A deadline's title, due moment, status as of today and how its date was counted."""
    from timeline.render.phrases import badge, due_label

    event: Event = context.timeline.events[index]
    state = context.states().get(index)
    lines = [f"Deadline: {visible(event.title)}"]
    if state is None or state.due is None:
        lines.append("due: cannot be computed (timeline check says why)")
        return "\n".join(lines)
    due = due_label(state.due)
    if state.due.moment is None:
        due += f" (end of day, {context.timeline.timezone_of(event) or 'UTC'})"
    lines += [f"due: {due}", f"status: {badge(state)}"]
    lines += [visible(line) for line in state.due.explain]
    return "\n".join(lines)


def _identified(context: Context, found: Occurrence) -> str | None:
    timeline = context.timeline
    ident = found.ident
    if found.section == "event":
        index = context.event_by_id(ident)
        if index is None:
            return None
        event = timeline.events[index]
        if event.kind == "deadline":
            return deadline(context, index)
        when = event.date.iso() if event.date is not None else "undated"
        return f"Event {ident}: {visible(event.title)}\n{when} · {timeline.kind_label(event.kind)}"
    if found.section == "case" and ident in timeline.cases:
        case = timeline.cases[ident]
        lines = [f"Case {ident}: {case.title}"]
        lines += [f"{name}: {value}" for name, value in (
            ("court", case.court), ("docket", case.docket), ("judge", case.judge),
            ("jurisdiction", ", ".join(case.jurisdiction)), ("rules", case.rules),
            ("timezone", case.timezone), ("status", case.status)) if value]  # fmt: skip
        return visible("\n".join(lines), layout=True)
    if found.section == "person" and ident in timeline.people:
        person = timeline.people[ident]
        lines = [f"Person {ident}: {person.name}"]
        if person.aliases:
            lines.append("also: " + ", ".join(person.aliases))
        if person.role:
            lines.append(f"role: {person.role}")
        return visible("\n".join(lines), layout=True)
    if found.section == "source" and ident in timeline.sources:
        source = timeline.sources[ident]
        lines = [f"Source {ident}: {source.title}"]
        lines += [f"{name}: {value}" for name, value in (
            ("author", source.author), ("publisher", source.publisher),
            ("date", source.date.iso() if source.date else None), ("url", source.url)) if value]
        return visible("\n".join(lines), layout=True)
    if found.section == "kind" and ident in timeline.kinds:
        from timeline.model import BUILTIN_KINDS

        origin = "built in" if ident in BUILTIN_KINDS else "defined in the file"
        return visible(f"Kind {ident}: {timeline.kind_label(ident)} ({origin})")
    return None


def _date(context: Context, path: Path, file_index: FileIndex, loc: tuple[Any, ...],
          text: str) -> str | None:
    """The weekday of a written day, and whether it is a legal holiday where it counts."""
    try:
        written = parse_file_date(text)
    except ValueError:
        return None  # the diagnostic says why
    if written.precision < Precision.DAY:
        return None
    day = written.first_day
    calendar = _calendar(context, path, file_index, loc)
    found = calendar.holidays_on(day)
    where = calendar.jurisdiction
    head = f"{day.isoformat()} {day.strftime('%A')}"
    if found:
        return "\n".join([head, *(f"legal holiday in {where}: {h.reason()}" for h in found)])
    closed = " (a weekend day)" if day.weekday() >= 5 else ""
    return f"{head}{closed}\nnot a legal holiday in {where} ({calendar.rules.name})"


def _calendar(context: Context, path: Path, file_index: FileIndex, loc: tuple[Any, ...]) -> Any:
    from timeline.deadlines.calendar import LegalCalendar
    from timeline.deadlines.counting import calendar_for

    timeline = context.timeline
    if loc[0] == "events" and isinstance(loc[1], int):
        index = context.event_number(path, file_index, loc[1])
        if index is not None:
            return calendar_for(timeline, timeline.events[index], {})
    closures = frozenset(c.day for c in timeline.closures if not c.cases and not c.rules)
    return LegalCalendar("US", timeline.presidential_holidays, closures)

