"""`timeline cases` in the terminal: a table a row a case, or a block a case when narrow."""

from __future__ import annotations

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Column, Table
from rich.text import Text

from timeline.case_summary import CaseSummary
from timeline.query import Row
from timeline.render.phrases import (
    badge, badge_style, clean, due_label, event_zone, flagged_breakdown, full_date, plural,
)  # fmt: skip
from timeline.render.terminal import labelled
from timeline.timeline import Timeline

TABLE_FROM = 100  # columns a table needs before it reads better than blocks
# SIMPLE_HEAD drawn in ASCII: what a pipe gets, where box drawing has no place.
TITLE_FLOOR = 12  # the narrowest a Case or Court column gets before the dates give way
# Narrowed first when the table is too wide (titles wrap), then the next deadline's title.
FIRST_NARROWED = ("Case", "Court", "Last event")
ASCII_HEAD = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)


class CasesView:
    def __init__(self, timeline: Timeline, summaries: list[CaseSummary]) -> None:
        self.timeline = timeline
        self.summaries = summaries

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width >= TABLE_FROM:
            yield self._table(console.is_terminal, options.max_width)
            return
        for number, summary in enumerate(self.summaries):
            if number:
                yield Text("")
            yield from self._block(console, summary, options.max_width)

    def _table(self, terminal: bool, width: int) -> Table:
        table = Table(box=box.SIMPLE_HEAD if terminal else ASCII_HEAD, show_edge=False,
                      pad_edge=False, header_style="bold", show_lines=True)  # fmt: skip
        table.add_column("Case")
        table.add_column("Court")
        table.add_column("Docket", no_wrap=True)
        table.add_column("Events", justify="right")
        table.add_column("Last event")
        table.add_column("Next deadline")
        # The count, then what is known of them under it: "1 missed", "1 no outcome recorded".
        table.add_column("Passed", width=len("1 no outcome"))
        for summary in self.summaries:
            title = Text(clean(summary.case.title), style="bold")
            title.append(f"\n{summary.key}", style="dim")
            table.add_row(
                title, Text(clean(summary.case.court or "")), Text(clean(summary.case.docket or "")),
                Text(str(summary.events)),
                self._last(summary.last_event), self._next(summary.next_deadline),
                self._passed(summary, table=True),
            )  # fmt: skip
        fit_columns(table, width, self._floors())
        return table

    def _floors(self) -> dict[str, int]:
        """The narrowest each wrapping column may be: a date, its time and a badge never wrap
        inside, so the dated columns are at least as wide as their longest prefix."""
        last = [len(self._last(s.last_event).plain) - len(clean(s.last_event.event.title))
                for s in self.summaries if s.last_event and s.last_event.start]  # fmt: skip
        due = [len(self._next(s.next_deadline).plain) - len(clean(s.next_deadline.event.title))
               for s in self.summaries if s.next_deadline and s.next_deadline.state
               and s.next_deadline.state.due]  # fmt: skip
        keys = max((len(s.key) for s in self.summaries), default=0)  # an id is never cut
        return {"Case": max(TITLE_FLOOR, keys), "Court": TITLE_FLOOR,
                "Last event": max(last, default=0), "Next deadline": max(due, default=0)}

    def _block(self, console: Console, summary: CaseSummary, width: int) -> RenderResult:
        head = Text(clean(summary.case.title), style="bold")
        head.append(f" ({summary.key})", style="dim")
        for line in head.wrap(console, width, overflow="fold"):
            line.rstrip()
            yield line
        fields: list[tuple[str, Text]] = [
            ("court", Text(clean(summary.case.court or "not recorded"))),
            ("docket", Text(clean(summary.case.docket or "not recorded"))),
            ("events", Text(str(summary.events))),
            ("last event", self._last(summary.last_event)),
            ("next deadline", self._next(summary.next_deadline)),
            ("passed", self._passed(summary)),
        ]
        yield from labelled(console, fields, width)

    def _last(self, row: Row | None) -> Text:
        if row is None or row.start is None:
            return Text("none yet", style="dim")
        text = Text(full_date(row.start, event_zone(self.timeline, row.event)) + " ")
        text.append(clean(row.event.title))
        return text

    def _next(self, row: Row | None) -> Text:
        if row is None or row.state is None or row.state.due is None:
            return Text("none open", style="dim")
        event = row.event
        text = Text(due_label(row.state.due, event_zone(self.timeline, event), event.date) + " ")
        text.append(badge(row.state), style=badge_style(row.state.status))
        text.append(" " + clean(row.event.title))
        return text

    def _passed(self, summary: CaseSummary, table: bool = False) -> Text:
        """The count, and what the record says of them: ``2 · 1 missed, 1 no outcome recorded``
        in a block; in a table the count alone on the first line, the rest under it."""
        if not summary.passed:
            return Text("0")
        text = Text(str(summary.passed), style="bold red")
        unknown = summary.passed - summary.missed
        if table:
            text.append("\n" + flagged_breakdown(summary.missed, unknown, sep="\n"))
        else:
            text.append(" · " + flagged_breakdown(summary.missed, unknown))
        return text


def fit_columns(table: Table, width: int, floors: dict[str, int]) -> None:
    """Fix each column's width so the table fits ``width``: the Case, Court and Last event
    columns narrow first (the widest first, each down to its floor), then Next deadline down
    to its floor. Left to itself Rich narrows the widest columns, wrapping dates and badges."""
    natural = [max(cell_width(c) for c in [Text(str(col.header)), *col.cells])
               if col.width is None else col.width for col in table.columns]  # fmt: skip
    # Where it fits, no column narrows below its longest word either: a word folded is worse
    # than a title wrapped once more.
    worded = {str(col.header): max(floors[str(col.header)], longest_word(col))
              for col in table.columns if str(col.header) in floors}  # fmt: skip
    fitted = narrowed(table, natural, width, worded)
    if sum(fitted) + 3 * (len(fitted) - 1) > width:
        fitted = narrowed(table, natural, width, floors)
    for col, fitted_width in zip(table.columns, fitted):
        col.width = fitted_width


def narrowed(table: Table, natural: list[int], width: int, floors: dict[str, int]) -> list[int]:
    widths = list(natural)
    # Each column but the first and last has one cell of padding a side, and a divider.
    excess = sum(widths) + 3 * (len(widths) - 1) - width
    for names in (FIRST_NARROWED, ("Next deadline",)):
        while excess > 0:
            narrowable = [i for i, col in enumerate(table.columns)
                          if col.header in names and widths[i] > floors[str(col.header)]]
            if not narrowable:
                break
            widest = max(narrowable, key=lambda i: widths[i])
            widths[widest] -= 1
            excess -= 1
    return widths


def longest_word(column: Column) -> int:
    cells = [Text(str(column.header)), *column.cells]
    return max(len(word) for cell in cells for word in (cell.plain if isinstance(cell, Text)
                                                        else str(cell)).split())  # fmt: skip


def cell_width(cell: object) -> int:
    text = cell if isinstance(cell, Text) else Text(str(cell))
    return max((line.cell_len for line in text.split("\n")), default=0)


def cases_line(summaries: list[CaseSummary]) -> Text:
    passed = sum(s.passed for s in summaries)
    line = Text(f"{plural(len(summaries), 'case')} · ", style="bold")
    line.append(f"{plural(passed, 'deadline')} passed", style="bold red" if passed else "bold")
    return line
