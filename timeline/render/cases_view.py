"""`timeline cases` in the terminal: a table a row a case, or a block a case when narrow."""

from __future__ import annotations

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
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
ASCII_HEAD = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)


class CasesView:
    def __init__(self, timeline: Timeline, summaries: list[CaseSummary]) -> None:
        self.timeline = timeline
        self.summaries = summaries

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.max_width >= TABLE_FROM:
            yield self._table(console.is_terminal)
            return
        for number, summary in enumerate(self.summaries):
            if number:
                yield Text("")
            yield from self._block(console, summary, options.max_width)

    def _table(self, terminal: bool) -> Table:
        table = Table(box=box.SIMPLE_HEAD if terminal else ASCII_HEAD, show_edge=False,
                      pad_edge=False, header_style="bold", show_lines=True)  # fmt: skip
        table.add_column("Case", ratio=3)
        table.add_column("Court", ratio=3)
        table.add_column("Docket", no_wrap=True)
        table.add_column("Events", justify="right")
        table.add_column("Last event", ratio=3)
        table.add_column("Next deadline", ratio=2)
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
        return table

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
        text = Text(due_label(row.state.due) + " ")
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


def cases_line(summaries: list[CaseSummary]) -> Text:
    passed = sum(s.passed for s in summaries)
    line = Text(f"{plural(len(summaries), 'case')} · ", style="bold")
    line.append(f"{plural(passed, 'deadline')} passed", style="bold red" if passed else "bold")
    return line
