"""The timeline view as plain strings, for a console with no colours (a pipe, a file, a dumb
terminal): the lines TimelineView prints there, byte for byte, without building Rich objects.

Building a Rich Text for every piece of every line was most of `show`'s time on a large file;
with no styles to emit, strings laid out by the same Layout say the same thing. Rich is still
asked for what it alone decides: folding a word longer than the line, and cropping by cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.cells import cell_len
from rich.console import Console
from rich.control import strip_control_codes
from rich.segment import Segment
from rich.text import Text

from timeline.render.phrases import blocks, clean
from timeline.render.terminal import (
    GAP, INDENT, Entry, Layout, TimelineView, clip, grouped, layout,
)  # fmt: skip

_WORD = re.compile(r"(\S+)(\s*)")


def plain_wrap(console: Console, plain: str, width: int) -> list[str]:
    """terminal.wrap on a string: the same greedy breaks, the same fold of an overlong word."""
    measure = len if plain.isascii() else cell_len
    if measure(plain) <= width:
        return [plain]
    breaks: list[int] = []
    column = 0
    for match in _WORD.finditer(plain):
        word = measure(match.group(1))
        if word > width:
            return [line.plain for line in Text(plain).wrap(console, width, overflow="fold")]
        if column and column + word > width:
            breaks.append(match.start())
            column = 0
        column += word + len(match.group(2))
    starts = [0, *breaks]
    ends = [*breaks, len(plain)]
    return [plain[start:end].rstrip() for start, end in zip(starts, ends)]


def plain_lines(timeline_view: TimelineView, console: Console, width: int) -> Iterator[str]:
    """The lines of TimelineView.lines, as strings (Rich's control-code stripping kept)."""
    entries = timeline_view.entries
    at = layout(entries, timeline_view.show_cases, width)
    for item in grouped(entries, width):
        if not isinstance(item, Entry):
            yield strip_control_codes(item[0])
            continue
        if at.stacked:
            yield from _stacked(console, item, width)
        else:
            yield from _columns(console, item, width, at)
        if item.details:
            yield from _details(console, item.details, at.details_at, width)


def _head(entry: Entry, columns: list[int]) -> str:
    kind = clip(entry.kind, columns[1])
    head = (" " * INDENT + clip(entry.date, columns[0]).ljust(columns[0] + GAP) + kind
            + " " * (columns[1] - len(kind) + GAP))  # fmt: skip
    if len(columns) > 2:
        case = clip(entry.case, columns[2])
        head += case + " " * (columns[2] - len(case) + GAP)
    return strip_control_codes(head)


def _columns(console: Console, entry: Entry, width: int, at: Layout) -> Iterator[str]:
    text = strip_control_codes(entry.plain)
    if entry.case and not at.case_column:
        text += strip_control_codes(f" · {entry.case}")
    head = _head(entry, at.columns)
    for number, line in enumerate(plain_wrap(console, text, width - at.text_at)):
        yield ((head if number == 0 else " " * at.text_at) + line).rstrip()


def _stacked(console: Console, entry: Entry, width: int) -> Iterator[str]:
    head = " " * INDENT + entry.date + "  " + entry.kind
    if entry.case:
        head += "  " + entry.case
    yield from plain_wrap(console, strip_control_codes(head), width)
    inner = INDENT + 2
    for line in plain_wrap(console, strip_control_codes(entry.plain), width - inner):
        yield (" " * inner + line).rstrip()


def _details(console: Console, details: str, indent: int, width: int) -> Iterator[str]:
    """terminal.details_lines as strings."""
    room = max(width - indent, 10)
    for kind, items in blocks(details):
        for item in items:
            lead = "- " if kind == "list" else ""
            lines = plain_wrap(console, strip_control_codes(clean(item)), room - len(lead))
            for number, line in enumerate(lines):
                yield " " * indent + (lead if number == 0 else " " * len(lead)) + line


def plain_text(timeline_view: TimelineView, console: Console) -> str:
    """What ``console.print(timeline_view)`` writes to a console with no colour system:
    the lines at its width, each cropped to it in cells as Rich crops them."""
    width = console.width
    out = []
    for line in plain_lines(timeline_view, console, max(width, 20)):
        if len(line) > width or not line.isascii():
            line = "".join(segment.text for segment in
                           Segment.adjust_line_length([Segment(line)], width, pad=False))  # fmt: skip
        out.append(line)
    out.append("")
    return "\n".join(out)
