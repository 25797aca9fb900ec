"""Adding events to the user's file without losing a comment, a blank line or an event.

New events are appended as text at the end of the ``events:`` list, in the indentation the
file already uses. The would-be file is written beside the original, read back, validated
and compared with the original (every old event unchanged, the new ones there) before it
replaces it, all under an exclusive lock, so concurrent writers queue instead of racing.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator

import yaml

from timeline.diagnostics import Diagnostic, Severity
from timeline.load import FileRecord, LoadResult, load
from timeline.yamltext import Value, item_lines, split_lines

_Parser: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
BOM = "\ufeff"


class EditError(Exception):
    """The file cannot be changed as asked; the message says why, in one line."""


class Refused(Exception):
    """The would-be file does not validate: nothing was written."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("the new event does not validate")
        self.diagnostics = diagnostics


# Where the events list is, and how it is laid out ------------------------------------------


@dataclass
class Layout:
    """Where new items go: after line ``after`` (0-based; -1: at the end of the file)."""

    after: int
    dash_col: int = 2
    key_col: int = 4
    blank_between: bool = False
    header: str | None = None  # `events:` to add first, when the file has none
    empty_flow: tuple[int, int, int] | None = None  # `events: []` on (line, start, end col)


def _parse(text: str) -> Iterator[Any]:
    parser = _Parser(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()


def scan_layout(text: str) -> Layout:
    """Find where the ``events:`` list ends and how its items are indented."""
    lines = split_lines(text)
    try:
        events = list(_parse(text))
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


def _tail_layout(lines: list[str], tree: Any) -> Layout | None:
    """The layout from the last item alone, found through the loaded tree's positions.

    Parsing only the last item keeps an add on a 100,000-event file quick; None when the
    tree cannot say (no items, a flow list), and the whole file is scanned instead.
    """
    from timeline.yamltree import Mapping, Sequence

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
        body = [e for e in _parse("".join(chunk))
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


def append_items(
    text: str, items: list[dict[str, Value]], tree: Any = None
) -> tuple[str, list[int], str]:
    """Append ``items`` to the file's events list.

    ``tree`` (the file as loaded, with positions) lets only the last item be parsed again.
    Returns the new text, each item's 1-based line, and the lines added (for a dry run).
    """
    if text.startswith(BOM):
        text = text[1:]
    newline = "\r\n" if "\r\n" in text else "\n"
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


LINE_END = re.compile("(\r\n|\r|\n|\x85|\u2028|\u2029)$")


# Ids --------------------------------------------------------------------------------------


def slug(text: str, max_words: int = 6, max_length: int = 48) -> str:
    """A readable id part: lower-case ASCII words joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words: list[str] = []
    for word in re.findall(r"[a-z0-9]+", ascii_text):
        if len(words) == max_words or len("-".join([*words, word])) > max_length:
            break
        words.append(word)
    return "-".join(words)


def unique_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is free; the result is now taken."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate


def event_id_for(date_text: str | None, title: str, taken: set[str]) -> str:
    """An id from the date and title: ``2025-05-07-state-secrets-invoked``."""
    parts = [p for p in ((date_text or "").split("T")[0], slug(title)) if p]
    return unique_id("-".join(parts) or "event", taken)


def ids_in(result: LoadResult) -> set[str]:
    """Every event id in the loaded files (the new one must differ from all of them)."""
    taken = set(result.timeline.event_by_id())
    for record in result.files:
        taken |= record.left_out_ids()
    return taken


# Locking and the guarded write -------------------------------------------------------------


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` for a read-modify-write.

    The lock is on the file itself (no lock file is left in the user's folder). A writer
    replaces the file by renaming, so after the lock is granted we check that ``path`` still
    names the locked file; if it was replaced meanwhile, we lock the new one.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX: rename is still atomic
        yield
        return
    real = os.path.realpath(path)
    while True:
        descriptor = os.open(real, os.O_RDONLY)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            try:
                current = os.stat(real)
            except FileNotFoundError:
                current = None
            if current is not None and os.path.samestat(current, os.fstat(descriptor)):
                yield
                return
        finally:
            os.close(descriptor)  # closing releases the lock


@dataclass
class Change:
    """What an add or import did (or, dry, would do)."""

    path: str
    items: list[dict[str, Value]]
    lines: list[int] = field(default_factory=list)
    text: str = ""  # the appended YAML, for --dry-run
    skipped: int = 0
    warnings: list[Diagnostic] = field(default_factory=list)


Build = Callable[[LoadResult, FileRecord], tuple[list[dict[str, Value]], int]]


def target_record(result: LoadResult, cwd: Path, to: str | None) -> FileRecord:
    """The file that gets new events: ``to`` when given, else the first file loaded."""
    if not result.files:
        raise EditError("no events file was read")
    if to is None:
        return result.files[0]
    wanted = (cwd / to).resolve()
    for record in result.files:
        if (cwd / record.path).resolve() == wanted:
            return record
    names = ", ".join(record.path for record in result.files)
    raise EditError(f"--to: {to} is not one of the files read ({names})")


def add_to_file(
    paths: list[Path],
    cwd: Path,
    today: date | None,
    build: Build,
    to: str | None = None,
    dry_run: bool = False,
) -> Change:
    """Load, let ``build`` make the new items, append them, verify, and replace the file.

    Raises FileErrors when the file is already invalid, Refused when the result would be,
    EditError when the file's layout cannot take new items.
    """
    lock_path = Path(os.path.realpath(cwd / (to if to is not None else paths[0])))
    with locked(lock_path):
        baseline = load(paths, cwd, today)  # read only once no one else is writing
        if not baseline.ok:
            raise FileErrors(baseline)
        record = target_record(baseline, cwd, to)
        real = Path(os.path.realpath(cwd / record.path))
        items, skipped = build(baseline, record)
        change = Change(record.path, items, skipped=skipped)
        if not items:
            return change
        raw = real.read_bytes()
        text = raw.decode("utf-8-sig")
        new_text, change.lines, change.text = append_items(text, items, record.tree)
        data = (BOM if raw.startswith(BOM.encode()) else "").encode() + new_text.encode("utf-8")

        def verify(written: bytes) -> None:
            after = load(paths, cwd, today, overrides={real: written})
            change.warnings = _verify(baseline, after, record.path, len(items))

        if dry_run:
            verify(data)
            return change
        from timeline.files import write_atomically

        # Check what is on disk, not what we meant to write.
        write_atomically(real, data, check=lambda temporary: verify(temporary.read_bytes()))
    return change


class FileErrors(Exception):
    """The file has errors before anything was changed: fix them first."""

    def __init__(self, result: LoadResult) -> None:
        super().__init__("the events file has errors")
        self.result = result


def _key(diagnostic: Diagnostic) -> tuple[str, str, str, str]:
    return (diagnostic.path, str(diagnostic.severity), diagnostic.code, diagnostic.message)


def _verify(baseline: LoadResult, after: LoadResult, path: str, count: int) -> list[Diagnostic]:
    """Refuse unless ``after`` is ``baseline`` plus ``count`` valid events in ``path``.

    Returns the warnings that are new (positions may have moved, so compare without them).
    """
    old = Counter(_key(d) for d in baseline.diagnostics)
    new: list[Diagnostic] = []
    for diagnostic in after.diagnostics:
        key = _key(diagnostic)
        if old[key]:
            old[key] -= 1
        else:
            new.append(diagnostic)
    errors = [d for d in new if d.severity is Severity.ERROR]
    if errors:
        raise Refused(errors)
    before_events = _events_of(baseline, path)
    after_events = _events_of(after, path)
    if after_events[: len(before_events)] != before_events or (
        len(after_events) != len(before_events) + count
    ):
        raise EditError(
            f"appending to {path} would change the events already there; nothing was written "
            "(please report this file's layout)"
        )
    return new


def _events_of(result: LoadResult, path: str) -> list[Any]:
    for record in result.files:
        if record.path == path and record.model is not None:
            return list(record.model.events)
    return []
