"""The timeline as the terminal shows it: Rich renderables that lay themselves out at any width.

Grouped by year, then month; one entry an event: date at its precision, kind, case (when the
view shows more than one), badge for deadlines, title, span end and certainty, and on request
its details under it. Wide consoles
get aligned columns; narrow ones put the title under the date. Colours are styles only, so a
console that is not a terminal (or honours NO_COLOR) prints the same words without them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.text import Text

from timeline.dates import Precision
from timeline.deadlines.status import FLAGGED
from timeline.query import Row
from timeline.render import View
from timeline.render.phrases import (
    MONTH_NAMES, badge, badge_style, blocks, clean, event_zone, full_date, plural,
    row_zone_date, short_date,
)  # fmt: skip

KIND_STYLES: dict[str, str] = {
    "arrest": "red",
    "detention": "magenta",
    "transfer": "yellow",
    "deportation": "bright_red",
    "release": "green",
    "filing": "cyan",
    "hearing": "blue",
    "order": "bright_blue",
    "ruling": "bright_magenta",
    "deadline": "bold yellow",
    "statement": "default",  # not white: unreadable on a light terminal
    "protest": "bright_yellow",
    "legislation": "bright_cyan",
    "report": "bright_green",
    "other": "bright_black",
}
INDENT = 2
GAP = 2
DETAILS_INDENT = 2  # details sit this much further in than the title they belong to
MAX_DATE, MAX_KIND, MAX_CASE = 20, 12, 22
MIN_TEXT = 28  # below this the columns stop paying for themselves: stack instead
CASE_COLUMN_FROM = 60  # title width a case column must leave
UNDATED = "Undated"
_WORD = re.compile(r"(\S+)(\s*)")


@dataclass(frozen=True)
class Entry:
    """One event as shown: the words of each column and its group."""

    group: tuple[int, int | None] | None  # (year, month or None for a year's own events)
    date: str
    kind: str
    case: str
    pieces: tuple[tuple[str, str | None], ...]  # the text after the columns, with its styles
    details: str | None = None

    @property
    def text(self) -> Text:
        return Text.assemble(*self.pieces)

    @property
    def plain(self) -> str:
        return "".join(piece for piece, _ in self.pieces)


def entries(view: View, show_cases: bool, details: bool = False) -> list[Entry]:
    out = []
    for row in view.rows:
        written, tz_name = row_zone_date(view.timeline, row.event, row.start, row.state)
        if written is None:
            group, label = None, "undated"
        else:
            month = written.month if written.precision >= Precision.MONTH else None
            group, label = (written.year, month), short_date(written, tz_name)
        if row.event.circa:
            label = "c. " + label
        case = ", ".join(row.event.case) if show_cases else ""
        out.append(Entry(group, label, row.event.kind, case, entry_pieces(view, row),
                         row.event.details if details else None))  # fmt: skip
    return out


def details_lines(console: Console, details: str, indent: int, width: int) -> Iterator[Text]:
    """The details' paragraphs and list items, each cleaned as the title is and wrapped at
    ``indent``; a list item's later lines under its text, not under its dash."""
    room = max(width - indent, 10)
    for kind, items in blocks(details):
        for item in items:
            lead = "- " if kind == "list" else ""
            for number, line in enumerate(wrap(console, Text(clean(item)), room - len(lead))):
                out = Text(" " * indent + (lead if number == 0 else " " * len(lead)))
                out.append_text(line)
                yield out


def entry_pieces(view: View, row: Row) -> tuple[tuple[str, str | None], ...]:
    """The badge, title, span end and certainty of a row, each with its style: pieces rather
    than a Rich Text, so that a view without colours never builds one."""
    event, state = row.event, row.state
    pieces: list[tuple[str, str | None]] = []
    if state is not None:
        pieces.append((badge(state), badge_style(state.status)))
        pieces.append(("  ", None))
    pieces.append((clean(event.title), None))
    if event.end is not None:
        zone = event_zone(view.timeline, event)
        end = short_date(event.end, zone)
        if event.end.precision >= Precision.DAY and row.start is not None and \
                event.end.year != row.start.year:  # fmt: skip
            end = full_date(event.end, zone)  # `Jun 6` alone would read as the start's year
        pieces.append((f" · until {end}", "italic"))
    if event.certainty != "confirmed":
        pieces.append((f" · {event.certainty}", "italic yellow"))
    return tuple(pieces)


@dataclass(frozen=True)
class Layout:
    """Where the columns go at one width: the same for the Rich view and the plain one."""

    columns: list[int]  # the widths of date, kind and (when it has a column) case
    text_at: int  # where the title starts
    case_column: bool
    stacked: bool  # too narrow for columns: the title goes under the date

    @property
    def details_at(self) -> int:
        return (INDENT + 2 if self.stacked else self.text_at) + DETAILS_INDENT


def layout(entries: list[Entry], show_cases: bool, width: int) -> Layout:
    date_w = min(max((len(e.date) for e in entries), default=0), MAX_DATE)
    kind_w = min(max((len(e.kind) for e in entries), default=0), MAX_KIND)
    case_w = min(max((len(e.case) for e in entries), default=0), MAX_CASE)
    columns = [date_w, kind_w]
    text_at = INDENT + sum(columns) + GAP * len(columns)
    # The case gets a column only where the title keeps room to breathe; else it follows
    # the title.
    case_column = show_cases and width - text_at - case_w - GAP >= CASE_COLUMN_FROM
    if case_column:
        columns.append(case_w)
        text_at += case_w + GAP
    return Layout(columns, text_at, case_column, width - text_at < MIN_TEXT)


def grouped(entries: list[Entry], width: int) -> Iterator[Entry | tuple[str, str]]:
    """The entries in order, with the blank lines and headings (text, style) between groups."""
    year: int | None = None
    group: object = ()
    for number, entry in enumerate(entries):
        if entry.group != group:
            group = entry.group
            if number:
                yield "", ""
            entry_year = entry.group[0] if entry.group is not None else None
            if entry.group is not None and entry_year != year:
                year = entry_year
                yield f"{year:04d}", "bold underline"
            heading = group_heading(entry.group)
            if heading is not None:
                yield clip(heading[0], width), heading[1]
        yield entry


def shows_several_cases(rows: Iterable[Row], chosen: tuple[str, ...] = ()) -> bool:
    """Whether the view is about more than one case: the ``--case`` values, else the rows'."""
    if chosen:
        return len(set(chosen)) > 1
    seen: set[str] = set()
    for row in rows:
        seen.update(row.event.case)
        if len(seen) > 1:
            return True
    return False


def group_heading(group: tuple[int, int | None] | None) -> tuple[str, str] | None:
    """The heading a group opens with, and its style; a year's own events need none."""
    if group is None:
        return UNDATED, "bold"
    year, month = group
    if month is None:
        return None
    return f"{MONTH_NAMES[month - 1]} {year:04d}", "bold"


def wrap(console: Console, text: Text, width: int) -> list[Text]:
    """Word-wrap ``text`` to ``width`` cells, keeping its styles; no trailing spaces.

    A greedy wrap over the plain text is several times faster than ``Text.wrap``, which a
    thousand-event view calls thousands of times; Rich still folds the rare word that is longer
    than the line.
    """
    plain = text.plain
    measure = len if plain.isascii() else cell_len  # one cell a character, when ASCII
    if measure(plain) <= width:
        return [text]
    breaks: list[int] = []
    column = 0
    for match in _WORD.finditer(plain):
        word = measure(match.group(1))
        if word > width:
            return list(text.wrap(console, width, overflow="fold"))
        if column and column + word > width:
            breaks.append(match.start())
            column = 0
        column += word + len(match.group(2))
    lines = list(text.divide(breaks))
    for line in lines:
        line.rstrip()
    return lines


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


class TimelineView:
    """The grouped timeline; a Rich renderable, laid out at the console's width."""

    def __init__(self, view: View, details: bool = False) -> None:
        self.view = view
        self.show_cases = shows_several_cases(view.rows, view.filters.cases)
        self.entries = entries(view, self.show_cases, details)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Lines come out already wrapped: render them straight to segments, rather than let
        # Rich wrap each one again (a third of the time on a thousand events).
        new_line = Segment.line()
        lines = self.lines(console, max(options.max_width, 20))
        if console.color_system is None:  # a pipe or a dumb terminal: no style to work out
            for line in lines:
                yield Segment(line.plain)
                yield new_line
            return
        for line in lines:
            yield from line.render(console)
            yield new_line

    def lines(self, console: Console, width: int) -> Iterator[Text]:
        at = layout(self.entries, self.show_cases, width)
        for item in grouped(self.entries, width):
            if not isinstance(item, Entry):
                yield Text(item[0], style=item[1])
                continue
            if at.stacked:
                yield from self._stacked(console, item, width)
            else:
                yield from self._columns(console, item, width, at.columns, at.text_at,
                                         at.case_column)  # fmt: skip
            if item.details:
                yield from details_lines(console, item.details, at.details_at, width)

    def _head(self, entry: Entry, columns: list[int]) -> Text:
        head = Text(" " * INDENT)
        head.append(clip(entry.date, columns[0]).ljust(columns[0] + GAP))
        kind = clip(entry.kind, columns[1])
        head.append(kind, style=KIND_STYLES.get(entry.kind, "default"))
        head.append(" " * (columns[1] - len(kind) + GAP))
        if len(columns) > 2:
            case = clip(entry.case, columns[2])
            head.append(case, style="dim")
            head.append(" " * (columns[2] - len(case) + GAP))
        return head

    def _columns(self, console: Console, entry: Entry, width: int, columns: list[int],
                 text_at: int, case_column: bool) -> Iterator[Text]:  # fmt: skip
        text = entry.text
        if entry.case and not case_column:
            text = text.copy()
            text.append(f" · {entry.case}", style="dim")
        lines = wrap(console, text, width - text_at)
        head = self._head(entry, columns)
        for number, line in enumerate(lines):
            out = head.copy() if number == 0 else Text(" " * text_at)
            out.append_text(line)
            out.rstrip()
            yield out

    def _stacked(self, console: Console, entry: Entry, width: int) -> Iterator[Text]:
        head = Text(" " * INDENT)
        head.append(entry.date)
        head.append("  ")
        head.append(entry.kind, style=KIND_STYLES.get(entry.kind, "default"))
        if entry.case:
            head.append("  ")
            head.append(entry.case, style="dim")
        yield from wrap(console, head, width)
        inner = INDENT + 2
        for line in wrap(console, entry.text, width - inner):
            out = Text(" " * inner)
            out.append_text(line)
            out.rstrip()
            yield out


def summary(view: View, total_events: int) -> Text:
    """The last line: events, cases, deadlines passed, due soon."""
    rows = view.rows
    cases = {case for row in rows for case in row.event.case}
    passed = sum(1 for row in rows if row.state is not None and row.state.status in FLAGGED)
    soon = sum(1 for row in rows if row.state is not None and row.state.status == "due-soon")
    events = plural(len(rows), "event")
    if view.filters.active() and len(rows) != total_events:
        events = f"{len(rows)} of {plural(total_events, 'event')}"
    line = Text(f"{events} · {plural(len(cases), 'case')} · ", style="bold")
    line.append(f"{plural(passed, 'deadline')} passed", style="bold red" if passed else "bold")
    line.append(" · ", style="bold")
    line.append(f"{soon} due soon", style="bold yellow" if soon else "bold")
    return line


def labelled(console: Console, fields: list[tuple[str, Text]], width: int,
             label_w: int | None = None) -> Iterator[Text]:  # fmt: skip
    """Indented ``label  value`` lines, values wrapped under themselves; stacked when narrow."""
    longest = max((len(label) for label, _ in fields), default=0)
    label_w = INDENT + max(longest, label_w or 0) + GAP
    stacked = width - label_w < 20
    if stacked:
        label_w = INDENT + GAP
    for label, value in fields:
        if stacked:
            yield Text(" " * INDENT + label, style="dim")
        for number, line in enumerate(value.wrap(console, max(width - label_w, 10),
                                                 overflow="fold")):  # fmt: skip
            lead = " " * INDENT + label if number == 0 and not stacked else ""
            out = Text(lead.ljust(label_w), style="dim")
            out.append_text(line)
            out.rstrip()
            yield out


class Wrapped:
    """Text wrapped at the console's width with no trailing spaces (Rich leaves them)."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.text.wrap(console, max(options.max_width, 1), overflow="fold"):
            line.rstrip()
            yield line
