"""Where each id is defined and where it is cited, from the exact (positioned) tree.

The fast reader keeps no positions, so each file's text is read again by the exact reader,
once per text (the index of a text is kept until the text changes). A file that does not
read keeps the index of its last text that did: navigation still works while a line is
half typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from timeline.positions import Lines
from timeline.yamltree import Mapping, Sequence, read_yaml

# Sections of ids, and the field of an event (or of due:, closures:) that cites each.
SECTIONS = {"sources": "source", "people": "person", "cases": "case", "kinds": "kind"}
EVENT_REFERENCES = {"case": "case", "people": "person", "sources": "source", "kind": "kind",
                    "set_by": "event", "met_by": "event", "replaces": "event"}  # fmt: skip
DUE_REFERENCES = {"after": "event", "before": "event"}


@dataclass(frozen=True)
class Occurrence:
    """An id written in a file: its section, where (1-based line, code-point columns)."""

    section: str  # case, person, source, event, kind
    ident: str
    line: int
    col: int
    end: int  # the column just past it
    defines: bool
    field: str  # the key it is the value of (for a definition, its section's key or "id")
    event: int | None = None  # the index in the file's events of the event it is in


@dataclass
class FileIndex:
    occurrences: list[Occurrence] = field(default_factory=list)
    # Each event's first line, in file order: the event a line belongs to.
    event_lines: list[int] = field(default_factory=list)
    tree: Any = None

    def at(self, line: int, col: int) -> Occurrence | None:
        for found in self.occurrences:
            if found.line == line and found.col <= col <= found.end:
                return found
        return None

    def event_at(self, line: int) -> int | None:
        """The index of the event whose lines hold ``line``, if any."""
        from bisect import bisect_right

        index = bisect_right(self.event_lines, line) - 1
        return index if index >= 0 else None


def build(text: str) -> FileIndex | None:
    """The index of one file's text, or None when it does not read as YAML."""
    tree = read_yaml(text, "", [])
    if not isinstance(tree, Mapping):
        return None
    index = FileIndex(tree=tree)
    lines = Lines(text)  # only to see whether a value was quoted

    def add(section: str, ident: Any, pos: tuple[int, int], defines: bool, key: str,
            event: int | None = None) -> None:
        if not isinstance(ident, str) or not ident:
            return
        line, col = pos
        quoted = (lines.line(line) or "")[col - 1 : col] in ("'", '"')
        start = col + quoted
        index.occurrences.append(
            Occurrence(section, ident, line, start, start + len(ident), defines, key, event)
        )

    for key, section in SECTIONS.items():
        ids = tree.get(key)
        if isinstance(ids, Mapping):
            for ident in ids:
                add(section, ident, ids.key_pos[ident], True, key)
    closures = tree.get("closures")
    if isinstance(closures, Sequence):
        for item in closures:
            if isinstance(item, Mapping):
                _cited(add, item, "cases", "case", None)
    events = tree.get("events")
    if isinstance(events, Sequence):
        for number, (item, pos) in enumerate(zip(events, events.item_pos)):
            index.event_lines.append(pos[0])
            if not isinstance(item, Mapping):
                continue
            if "id" in item:
                add("event", item["id"], item.value_pos["id"], True, "id", number)
            for key, section in EVENT_REFERENCES.items():
                _cited(add, item, key, section, number)
            due = item.get("due")
            if isinstance(due, Mapping):
                for key, section in DUE_REFERENCES.items():
                    _cited(add, due, key, section, number)
    return index


def _cited(add: Any, item: Mapping, key: str, section: str, event: int | None) -> None:
    """Add the ids ``item`` cites under ``key``: one, or a list of them."""
    value = item.get(key)
    if isinstance(value, str):
        add(section, value, item.value_pos[key], False, key, event)
    elif isinstance(value, Sequence):
        for ident, pos in zip(value, value.item_pos):
            if section != "source" or not str(ident).startswith(("http:", "https:")):
                add(section, ident, pos, False, key, event)


@dataclass
class TimelineIndex:
    """The index of every file of one load, by absolute path."""

    files: dict[Any, FileIndex] = field(default_factory=dict)

    def definitions(self, section: str, ident: str) -> list[tuple[Any, Occurrence]]:
        return [(path, found) for path, index in self.files.items()
                for found in index.occurrences
                if found.defines and found.section == section and found.ident == ident]  # fmt: skip

    def references(self, section: str, ident: str) -> list[tuple[Any, Occurrence]]:
        return [(path, found) for path, index in self.files.items()
                for found in index.occurrences if not found.defines
                and found.section == section and found.ident == ident]  # fmt: skip

    def ids(self, section: str) -> list[str]:
        """Every id of ``section`` defined in the files (read or not by the model)."""
        return [found.ident for index in self.files.values() for found in index.occurrences
                if found.defines and found.section == section]  # fmt: skip


def scalar_at(tree: Any, line: int, col: int) -> tuple[tuple[Any, ...], str] | None:
    """The location and text of the scalar value written at ``line``:``col``, if any."""
    stack: list[tuple[tuple[Any, ...], Any]] = [((), tree)]
    while stack:
        loc, node = stack.pop()
        if isinstance(node, Mapping):
            pairs = [(key, node[key], node.value_pos.get(key)) for key in node]
        elif isinstance(node, Sequence):
            pairs = list(zip(range(len(node)), node, node.item_pos))
        else:
            continue
        for key, value, pos in pairs:
            if isinstance(value, str) and pos is not None and pos[0] == line:
                if pos[1] <= col <= pos[1] + len(value) + 1:
                    return (*loc, key), value
            elif isinstance(value, (Mapping, Sequence)):
                stack.append(((*loc, key), value))
    return None
