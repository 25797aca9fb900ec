"""Setting a deadline's outcome (``status:`` or ``met_by:``) in the file's text.

Only the lines of the outcome keys change: an existing ``status:``/``met_by:`` line is replaced
where it stands (its trailing comment kept), a second one removed, and a missing one added
after the item's last value at its keys' indentation. The item is read as YAML parser events
(with positions) from its own lines only, so a mark on a big file parses one event, not all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from timeline.yamlappend import LINE_END, EditError, line_end_of
from timeline.yamltext import scalar, split_lines
from timeline.yamltree import Mapping, Sequence, yaml_events

OUTCOME_KEYS = ("status", "met_by")
_DASH_ONLY = re.compile(r"[ ]*(-[ ]+)+")


@dataclass
class _Item:
    """One events item as written: where its keys are and where its last value ends (0-based)."""

    key_col: int
    dash_line: int
    end_line: int  # the line its last value ends on
    # key -> (line, col) of the key, (line, col) just past its value
    keys: dict[str, tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=dict)


def set_outcome(
    text: str, tree: Any, index: int, outcome: tuple[str, str] | None
) -> tuple[str, int, str]:
    """Give events item ``index`` the outcome line ``outcome`` (key, value), or none at all.

    ``text`` is the file without its byte-order mark; ``tree`` is it as loaded, with the items'
    positions. Returns the new text, the 1-based line of the outcome line (for none, of the
    item's first line), and the item's lines as they now read (for a dry run). Raises
    EditError when the item is not written so that its lines can be edited.
    """
    lines = split_lines(text)
    count = len(lines)
    item = _find_item(lines, tree, index)
    newline = line_end_of(text)
    present = sorted((item.keys[key] for key in OUTCOME_KEYS if key in item.keys), reverse=True)
    # Edits from the bottom up, so that the lines of those above stay where they are.
    keep = present[-1] if present and outcome is not None else None
    for span in present:
        if span is not keep:
            _remove(lines, span, item)
    at = item.dash_line
    if outcome is not None:
        written = f"{outcome[0]}: {scalar(outcome[1])}"
        if keep is not None:
            (line, col), (end_line, end_col) = keep
            lines[line : end_line + 1] = [lines[line][:col] + written + lines[end_line][end_col:]]
            at = line
        else:
            at = item.end_line
            if not LINE_END.search(lines[at]):
                lines[at] += newline
            lines.insert(at + 1, " " * item.key_col + written + newline)
            at += 1
    last = item.end_line + len(lines) - count  # every edit is inside the item
    shown = "".join(LINE_END.sub("", line) + "\n" for line in lines[item.dash_line : last + 1])
    return "".join(lines), at + 1, shown


def outcome_line(text: str, tree: Any, index: int) -> int:
    """The 1-based line of item ``index``'s first outcome key, else of the item's first line."""
    item = _find_item(split_lines(text), tree, index)
    lines = [item.keys[key][0][0] for key in OUTCOME_KEYS if key in item.keys]
    return min(lines, default=item.dash_line) + 1


def _remove(lines: list[str], span: tuple[tuple[int, int], tuple[int, int]], item: _Item) -> None:
    (line, col), (end_line, end_col) = span
    before = lines[line][:col]
    if not before.strip():
        del lines[line : end_line + 1]  # with its comment, which was about it
        return
    # The key shares the item's dash line: the next key moves up onto it.
    after = end_line + 1
    following = lines[after] if after < len(lines) else ""
    indented = len(following) > item.key_col and not following[: item.key_col].strip()
    if after <= item.end_line and indented and following[item.key_col] not in " #":
        lines[line : after + 1] = [before + following[item.key_col :]]
        return
    raise EditError(f"line {line + 1}: cannot take {lines[line][col:].split(':')[0]}: off the "
                    "item's first line; move it to a line of its own and run the command again")


def _find_item(lines: list[str], tree: Any, index: int) -> _Item:
    """The item's keys, read from its own lines (from its dash to the next item's)."""
    items = tree.get("events") if isinstance(tree, Mapping) else None
    if not isinstance(items, Sequence) or not 0 <= index < len(items.item_pos):
        raise EditError("the events list cannot be found in the file's text")
    start_line, start_col = (n - 1 for n in items.item_pos[index])
    dash = _dash_line(lines, start_line, start_col)
    end = len(lines)
    if index + 1 < len(items.item_pos):
        next_line, next_col = (n - 1 for n in items.item_pos[index + 1])
        end = _dash_line(lines, next_line, next_col)
        if end is None or end <= start_line:
            raise _flow_style()
    if dash is None:
        raise _flow_style()
    chunk = "events:\n" + "".join(lines[dash:end])
    try:
        body = [e for e in yaml_events(chunk)
                if not isinstance(e, (yaml.StreamStartEvent, yaml.DocumentStartEvent))]  # fmt: skip
    except yaml.YAMLError:
        raise _flow_style() from None
    if (len(body) < 4 or not isinstance(body[2], yaml.SequenceStartEvent)
            or not isinstance(body[3], yaml.MappingStartEvent)):  # fmt: skip
        raise _flow_style()
    if body[2].flow_style or body[3].flow_style:
        raise _flow_style()
    offset = dash - 1  # chunk line 1 is file line ``dash``
    mapping = body[3]
    if (mapping.start_mark.line + offset, mapping.start_mark.column) != (start_line, start_col):
        raise EditError("the item's lines cannot be told apart from its neighbours'; nothing "
                        "was written (please report this file's layout)")  # fmt: skip
    item = _Item(key_col=start_col, dash_line=dash, end_line=start_line)
    position = 4
    last = (start_line, start_col)
    while not isinstance(body[position], yaml.MappingEndEvent):
        key = body[position]
        position, end_mark = _node_end(body, _node_end(body, position)[0])
        if isinstance(key, yaml.ScalarEvent):
            span_end = _shift(end_mark, offset, lines)
            item.keys[key.value] = ((key.start_mark.line + offset, key.start_mark.column),
                                    span_end)  # fmt: skip
            last = max(last, span_end)
    item.end_line = last[0]
    return item


def _shift(mark: tuple[int, int], offset: int, lines: list[str]) -> tuple[int, int]:
    """A chunk mark as a file position; a block scalar's end (the next line's start) is moved
    to the end of its last line that has text."""
    line, col = mark[0] + offset, mark[1]
    if col == 0 and line > 0:
        line -= 1
        while line > 0 and not lines[line].strip():
            line -= 1
        col = len(lines[line].rstrip("\r\n\x85\u2028\u2029"))
    return line, col


def _node_end(body: list[Any], index: int) -> tuple[int, tuple[int, int]]:
    """The index after the node at ``index``, and where its text ends (line, col in the chunk).

    A block collection ends where the next token starts, so its end is its last scalar's or
    flow collection's; a flow one's at its closing bracket.
    """
    depth = 0
    end = (0, 0)
    flow: list[bool] = []
    while True:
        event = body[index]
        index += 1
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            flow.append(bool(event.flow_style))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
            if flow.pop():
                end = max(end, (event.end_mark.line, event.end_mark.column))
        elif isinstance(event, yaml.ScalarEvent):
            end = max(end, (event.end_mark.line, event.end_mark.column))
        if depth == 0:
            return index, end


def _dash_line(lines: list[str], line: int, col: int) -> int | None:
    """The line of the ``-`` that starts the item at (line, col); None if it is not a block item."""
    if _DASH_ONLY.fullmatch(lines[line][:col]):
        return line
    if lines[line][:col].strip():
        return None
    above = line - 1
    while above >= 0 and (not lines[above].strip() or lines[above].lstrip().startswith("#")):
        above -= 1
    if above >= 0 and re.fullmatch(r"[ ]*-[ ]*(#.*)?", lines[above].rstrip("\r\n")):
        return above  # `-` alone on its line, the item below it
    return None


def _flow_style() -> EditError:
    return EditError("this deadline is written in flow style ({...} or [...]); write it as "
                     "key: value lines to mark it, or edit its status: by hand")  # fmt: skip
