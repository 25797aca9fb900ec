"""Appending items to a file's ``events:`` list as text, in the layout the file already uses.

The file is read only as YAML parser events (never loaded into objects), to find where the
list ends and how its items are indented; every other byte of the text stays as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from timeline.yamltext import Value, item_lines, split_lines
from timeline.yamltree import Mapping, Sequence, yaml_events

LINE_END = re.compile("(\r\n|\r|\n|\x85|\u2028|\u2029)$")


class EditError(Exception):
    """The file cannot be changed as asked; the message says why, in one line."""


@dataclass
class Layout:
    """Where new items go: after line ``after`` (0-based; -1: at the end of the file)."""

    after: int
    dash_col: int = 2
    key_col: int = 4
    blank_between: bool = False
    header: str | None = None  # `events:` to add first, when the file has none
    empty_flow: tuple[int, int, int] | None = None  # `events: []` on (line, start, end col)


def scan_layout(text: str) -> Layout:
    """Find where the ``events:`` list ends and how its items are indented."""
    lines = split_lines(text)
    try:
        events = list(yaml_events(text))
    except yaml.YAMLError as exc:
        raise EditError(f"the file cannot be read as YAML: {str(exc).splitlines()[0]}") from None
    body = [e for e in events if not isinstance(e, (yaml.StreamStartEvent, yaml.StreamEndEvent,
                                                    yaml.DocumentStartEvent, yaml.DocumentEndEvent))]
    if not body:
        return Layout(after=-1, header="events:")
    root = body[0]
    if not isinstance(root, yaml.MappingStartEvent) or root.flow_style:
        raise EditError("the file must be a block mapping (key: value lines) to add events to it")
    events_at: int | None = None
    index = 1
    while index < len(body) and not isinstance(body[index], yaml.MappingEndEvent):
        event = body[index]
        if isinstance(event, yaml.ScalarEvent) and event.value == "events":
            events_at = index
            break
        index = _skip_node(body, _skip_node(body, index))  # a key, then its value
    if events_at is None:
        return Layout(after=-1, header="events:")
    key = body[events_at]
    value = body[events_at + 1]
    key_col = key.start_mark.column
    if isinstance(value, yaml.ScalarEvent):
        if value.value == "" and not value.style and value.implicit[0]:
            return Layout(after=key.start_mark.line, dash_col=key_col + 2, key_col=key_col + 4)
        raise EditError("events: must be a list to add events to it")
    if not isinstance(value, yaml.SequenceStartEvent):
        raise EditError("events: must be a list to add events to it")
    if value.flow_style:
        closing = body[events_at + 2]
        same_line = closing.end_mark.line == value.start_mark.line
        if isinstance(closing, yaml.SequenceEndEvent) and same_line:
            return Layout(
                after=value.start_mark.line, dash_col=key_col + 2, key_col=key_col + 4,
                empty_flow=(value.start_mark.line, value.start_mark.column, closing.end_mark.column),
            )  # fmt: skip
        raise EditError(
            "events: is written as a [...] list; write it as a block list (one '- ' item a "
            "line) to add events to it"
        )
    return _block_layout(body, events_at + 1, lines)


def _skip_node(body: list[Any], index: int) -> int:
    """The index just after the node that starts at ``index``."""
    depth = 0
    while True:
        event = body[index]
        index += 1
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        if depth == 0:
            return index


def _block_layout(body: list[Any], start: int, lines: list[str]) -> Layout:
    dash_col = body[start].start_mark.column
    depth = 0
    flow: list[bool] = []
    item_starts: list[Any] = []
    end: tuple[int, int] = (body[start].start_mark.line, 0)
    keep_blank = False
    for event in body[start + 1 :]:
        if depth == 0:
            if isinstance(event, yaml.SequenceEndEvent):
                break
            item_starts.append(event)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            flow.append(bool(event.flow_style))
            continue
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
            # A block collection ends where the next token starts; a flow one at its bracket.
            if flow.pop():
                end = max(end, (event.end_mark.line, event.end_mark.column))
            continue
        if isinstance(event, yaml.ScalarEvent):
            mark = (event.end_mark.line, event.end_mark.column)
            if mark >= end:
                end = mark
                keep_blank = event.style in ("|", ">") and event.value.endswith("\n\n")
    line, col = end
    if col == 0 and line > 0:
        line -= 1  # a block scalar ends at the start of the line after it
        if not keep_blank:
            while line > 0 and not lines[line].strip():
                line -= 1
    line = _past_own_comments(lines, line, dash_col)
    last = item_starts[-1] if item_starts else None
    key_col = dash_col + 2
    blank = False
    if last is not None:
        if isinstance(last, yaml.MappingStartEvent) and not last.flow_style:
            key_col = last.start_mark.column
        dash_line = last.start_mark.line
        while dash_line > 0 and not lines[dash_line].lstrip().startswith("-"):
            dash_line -= 1
        blank = _blank_above(lines, dash_line) and len(item_starts) > 1
    return Layout(after=line, dash_col=dash_col, key_col=key_col, blank_between=blank)


def _past_own_comments(lines: list[str], line: int, dash_col: int) -> int:
    """The last line of the last item's own comments: those right under its last value (no
    blank line between), indented past the list's dash, as a hint such as `# status: met`
    under a deadline is. A new item goes after them, so they stay with the item they are
    about; a comment at the dash's column or left of it is about what follows, and stays."""
    while line + 1 < len(lines):
        text = lines[line + 1]
        stripped = text.lstrip(" ")
        if not stripped.startswith("#") or len(text) - len(stripped) <= dash_col:
            break
        line += 1
    return line


def _tail_layout(lines: list[str], tree: Any) -> Layout | None:
    """The layout from the last item alone, found through the loaded tree's positions.

    Parsing only the last item keeps an add on a 100,000-event file quick; None when the
    tree cannot say (no items, a flow list), and the whole file is scanned instead.
    """
    if not isinstance(tree, Mapping) or "events" not in tree.key_pos:
        return None
    events = tree.get("events")
    key_line = tree.key_pos["events"][0] - 1
    if not isinstance(events, Sequence) or not events or events.pos[0] - 1 <= key_line:
        return None
    start = events.item_pos[-1][0] - 1
    while start > key_line and not lines[start].lstrip().startswith("-"):
        start -= 1
    later = [pos[0] - 1 for pos in tree.key_pos.values() if pos[0] - 1 > key_line]
    end = min(later) if later else len(lines)
    chunk = ["events:\n", *lines[start:end]]
    try:
        body = [e for e in yaml_events("".join(chunk))
                if not isinstance(e, (yaml.StreamStartEvent, yaml.DocumentStartEvent))]  # fmt: skip
    except yaml.YAMLError:
        return None
    if len(body) < 3 or not isinstance(body[2], yaml.SequenceStartEvent) or body[2].flow_style:
        return None
    layout = _block_layout(body, 2, chunk)
    layout.after += start - 1  # chunk line 1 is file line ``start``
    layout.blank_between = _blank_above(lines, start) and len(events) > 1
    return layout


def _blank_above(lines: list[str], row: int) -> bool:
    """Is there a blank line above ``row`` (comments right above it aside)?"""
    above = row - 1
    while above >= 0 and lines[above].lstrip().startswith("#"):
        above -= 1
    return above >= 0 and not lines[above].strip()


def line_end_of(text: str) -> str:
    """The line end the file uses most: LF, CRLF or a lone CR (LF for a file with none)."""
    crlf = text.count("\r\n")
    counts = {"\n": text.count("\n") - crlf, "\r\n": crlf, "\r": text.count("\r") - crlf}
    return max(counts, key=lambda end: counts[end])  # a tie keeps the first: LF, then CRLF


def append_items(
    text: str, items: list[dict[str, Value]], tree: Any = None
) -> tuple[str, list[int], str]:
    """Append ``items`` to the file's events list.

    ``text`` is the file decoded with its byte-order mark removed (``utf-8-sig``); ``tree``
    (the file as loaded, with positions) lets only the last item be parsed again.
    Returns the new text, each item's 1-based line, and the lines added (for a dry run).
    """
    newline = line_end_of(text)
    lines = split_lines(text)
    layout = (_tail_layout(lines, tree) if tree is not None else None) or scan_layout(text)
    if lines and not LINE_END.search(lines[-1]):
        lines[-1] += newline
    if layout.empty_flow is not None:
        row, start, end = layout.empty_flow
        line = lines[row]
        lines[row] = line[:start].rstrip() + line[end:]
    new: list[str] = []
    if layout.header is not None:
        if lines and lines[-1].strip():
            new.append("")
        new.append(layout.header)
    starts: list[int] = []
    for item in items:
        if layout.blank_between:
            new.append("")
        starts.append(len(new))
        new.extend(item_lines(item, layout.dash_col, layout.key_col))
    at = len(lines) if layout.after < 0 else layout.after + 1
    first_line = at + 1  # 1-based line of new[0]
    result = "".join(lines[:at]) + "".join(part + newline for part in new) + "".join(lines[at:])
    added = "".join(part + "\n" for part in new).lstrip("\n")
    return result, [first_line + offset for offset in starts], added
