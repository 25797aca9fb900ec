"""Read the events files with positions, validate them, merge them (discover.py finds them).

Every problem becomes a Diagnostic; nothing here raises on bad input or prints.
"""

from __future__ import annotations

import gc
import glob
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterator

from pydantic import ValidationError

from timeline import fastyaml, regular_files
from timeline.diagnostics import MAX_PROBLEMS, Diagnostic, Diagnostics, Severity, closest
from timeline.model import BUILTIN_KINDS, FIELDS_BY_MODEL, FileModel, model_at
from timeline.positions import Lines
from timeline.timeline import CourtClosure, Timeline, Where
from timeline.yamltree import Mapping, Pos, Sequence, read_yaml

SUPPORTED_VERSIONS = ("1",)

class _FastPathRefused(Exception):
    """A file the fast path cannot validate: the exact path reads everything again."""


@dataclass
class FileRecord:
    """One file as read: its display path, text, tree and validated model."""

    path: str
    text: str
    tree: Any = None
    model: FileModel | None = None
    # For each event of ``model``, its index in the file (invalid events are left out).
    event_index: list[int] = field(default_factory=list)
    lines: Lines | None = field(default=None, repr=False, compare=False)  # found when needed

    def left_out_ids(self) -> set[str]:
        """Ids of events left out as invalid: references to them are not errors too."""
        items = self.tree.get("events") if isinstance(self.tree, Mapping) else None
        if not isinstance(items, Sequence) or len(self.event_index) == len(items):
            return set()  # nothing left out (the usual case: no need to look at 100k events)
        kept = set(self.event_index)
        return {
            item["id"]
            for index, item in enumerate(items)
            if index not in kept and isinstance(item, Mapping) and isinstance(item.get("id"), str)
        }

    def left_out_entries(self, section: str) -> set[str]:
        """Ids of ``section`` (cases, people, sources, kinds) left out as invalid: an event
        referring to one is not a second error for the same mistake."""
        written = self.tree.get(section) if isinstance(self.tree, Mapping) else None
        if not isinstance(written, dict) or self.model is None:
            return set()
        kept = getattr(self.model, section)
        if len(kept) == len(written):
            return set()
        return {key for key in written if isinstance(key, str) and key not in kept}

    def event_trees(self) -> list[Mapping]:
        """The written mapping of each event of ``model``, for checks that need positions."""
        items = self.tree.get("events") if isinstance(self.tree, Mapping) else None
        return [items[i] for i in self.event_index] if isinstance(items, Sequence) else []


@dataclass
class LoadResult:
    timeline: Timeline
    diagnostics: list[Diagnostic]
    files: list[FileRecord] = field(default_factory=list)
    # The diagnostics that say a file could not be read (exit 4, not a problem in its text).
    unreadable: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def truncated(self) -> bool:
        """Whether the load kept or looked for only so many problems: there may be more."""
        from timeline.diagnostics import truncated

        return truncated(self.diagnostics)

    def source_line(self, path: str, line: int) -> str | None:
        """Line ``line`` of the file read as ``path``, as an editor counts lines."""
        for record in self.files:
            if record.path == path:
                if record.lines is None:
                    record.lines = Lines(record.text)
                return record.lines.line(line)
        return None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: loading allocates millions of acyclic objects."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What was loaded stays for the rest of the run: the collector need not scan it again.
        gc.freeze()
        if was_enabled:
            gc.enable()


def load(
    paths: list[Path],
    cwd: Path,
    today: date | None = None,
    overrides: dict[Path, bytes] | None = None,
    max_problems: int | None = MAX_PROBLEMS,
) -> LoadResult:
    """Load ``paths`` (relative to ``cwd``) and their includes; validate and check them.

    ``today`` enables the checks that depend on the date (future-dated events).
    ``overrides`` gives the bytes to read for some files (by resolved path) instead of theirs.
    ``max_problems`` stops every stage once that many problems are found (None: find all);
    ``LoadResult.truncated`` says so.

    The fast path goes first (see fastyaml.py, fastmodel.py). Its result stands when it
    found nothing to report, or only what is reported at an event's start (such as an event
    with no source): those positions it knows exactly. Anything else (a value that does not
    validate, a problem at a key or value whose position the fast tree does not keep) sends
    every file to the exact path, so the user gets its diagnostics and positions.
    """
    if fastyaml.available():
        try:
            result: LoadResult | None = _load(paths, cwd, today, overrides, True, max_problems)
        except _FastPathRefused:  # only a refusal: a crash here is a bug, and must show
            result = None
        if result is not None and all(d.line != fastyaml.NOWHERE[0] for d in result.diagnostics):
            return result
    return _load(paths, cwd, today, overrides, False, max_problems)


def _load(
    paths: list[Path],
    cwd: Path,
    today: date | None,
    overrides: dict[Path, bytes] | None,
    fast: bool,
    max_problems: int | None = MAX_PROBLEMS,
) -> LoadResult:
    from timeline.checks import run_checks

    reading = _Reading(cwd, overrides or {}, fast, Diagnostics(max_problems))
    with _collector_paused():
        for path in paths:
            if reading.diagnostics.full:
                break
            reading.file(path, ())
        timeline = _merge(reading.records, reading.diagnostics)
        if not reading.diagnostics.full:
            run_checks(timeline, reading.records, reading.diagnostics, today)
    reading.diagnostics.sort()
    return LoadResult(timeline, reading.diagnostics, reading.records, reading.unreadable)


@dataclass
class _Reading:
    """One load: where paths start, what to read instead of a file, and what was found.

    ``overrides`` gives bytes to read instead of a file's (by resolved path): `add` and
    `import` validate the would-be file before it replaces the real one. ``fast`` tries the
    fast reader and validator first (see ``load``).
    """

    cwd: Path
    overrides: dict[Path, bytes]
    fast: bool
    diagnostics: Diagnostics
    seen: set[Path] = field(default_factory=set)
    records: list[FileRecord] = field(default_factory=list)
    unreadable: list[Diagnostic] = field(default_factory=list)

    def file(self, path: Path, chain: tuple[Path, ...]) -> None:
        """Read ``path`` and its includes; ``chain`` holds the files that include it."""
        resolved = (self.cwd / path).resolve()
        if resolved in self.seen:
            return
        self.seen.add(resolved)
        display = os.path.normpath(str(path))
        diagnostics = self.diagnostics
        try:
            override = self.overrides.get(resolved)
            raw = regular_files.read_regular(resolved) if override is None else override
        except OSError as exc:
            problem = Diagnostic(display, 1, 1, Severity.ERROR, "T006",
                                 f"cannot read file: {exc.strerror}")  # fmt: skip
            # Kept by reference: a full collector may drop it, and [-1] would be another one.
            diagnostics.append(problem)
            self.unreadable.append(problem)
            return
        text = _decode(raw, display, diagnostics)
        del raw  # big files: the text is all that is needed from here on
        if text is None:
            return
        record = FileRecord(display, text)
        self.records.append(record)
        record.tree = fastyaml.read_fast(text) if self.fast else None
        if record.tree is None:
            keys = _KeyCheck(display, diagnostics)
            record.tree = read_yaml(text, display, diagnostics, keys)
            keys.report(record.tree is not None)
        if record.tree is None or diagnostics.full:
            return
        if not isinstance(record.tree, Mapping):
            diagnostics.append(
                Diagnostic(display, 1, 1, Severity.ERROR, "T103",
                           "the file must be a mapping with keys such as cases: and events:")
            )
            return
        record.model, record.event_index = _validate(record.tree, display, diagnostics, self.fast)
        for include, pos in _includes(record.tree):
            if diagnostics.full:
                return
            self.include(include, pos, path, chain + (resolved,))

    def include(self, pattern: str, pos: Pos, parent: Path, chain: tuple[Path, ...]) -> None:
        """Read what ``parent`` includes; ``chain`` ends with ``parent`` itself."""
        display = os.path.normpath(str(parent))

        def error(message: str) -> None:
            self.diagnostics.append(
                Diagnostic(display, pos[0], pos[1], Severity.ERROR, "T006", message)
            )

        cwd, folder = self.cwd, parent.parent
        if glob.has_magic(pattern):
            try:
                matches = regular_files.expand(str(cwd / folder / pattern))
            except regular_files.TooMany as exc:
                error(f"include '{pattern}' {exc}")
                return
            targets = []
            for match in matches:
                target = folder / os.path.relpath(match, cwd / folder)
                try:
                    what = regular_files.refusal(match)
                except OSError:
                    continue  # gone, or a broken link: no file to read
                if what is not None:
                    error(f"include '{pattern}' matches {os.path.normpath(target)}, {what}: "
                          "only regular files are read")  # fmt: skip
                    continue
                targets.append(target)
            if not targets and not matches:
                error(f"include '{pattern}' matches no file")
                return
        else:
            target = folder / pattern
            try:
                what = regular_files.refusal(cwd / target)
            except FileNotFoundError:
                error(f"include '{pattern}' not found (looked for {os.path.normpath(target)})")
                return
            except OSError as exc:  # a symlink loop, a folder we may not enter...
                error(f"include '{pattern}' cannot be read: {exc.strerror or exc}")
                return
            if what is not None:
                error(f"include '{pattern}' is {what}: only regular files are read")
                return
            targets = [target]
        for target in targets:
            if self.diagnostics.full:
                return
            if (cwd / target).resolve() in chain:
                error(f"include '{pattern}' includes {os.path.normpath(target)} again: a cycle")
                continue
            self.file(target, chain)


def _decode(raw: bytes, display: str, diagnostics: list[Diagnostic]) -> str | None:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # The bytes before the first bad one are UTF-8: the position counts their characters.
        # (The codec counts from after a byte-order mark.)
        body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
        before = body[: exc.start].decode("utf-8")
        line, col = Lines(before).position(len(before))
        diagnostics.append(
            Diagnostic(display, line, col, Severity.ERROR, "T001",
                       f"the file is not UTF-8 (byte 0x{body[exc.start]:02x}); save it as UTF-8")
        )
        return None
    return text


class _KeyCheck:
    """Finds unknown keys as the exact reader meets them, so that a flood of them stops the
    reader early (pydantic would otherwise build an error for each of a million keys first).

    What it finds is kept aside until the reader is done: a file that cannot be read reports
    only why, as before; one it stopped reads stands with what was found.
    """

    def __init__(self, display: str, diagnostics: Diagnostics) -> None:
        self.display, self.diagnostics = display, diagnostics
        self.found: list[Diagnostic] = []
        self.stopped = False

    def __call__(self, loc: tuple[Any, ...], key: str, pos: Pos) -> bool:
        model = _model_of_mapping(loc)
        if model is not None and key not in FIELDS_BY_MODEL[model]:
            self.found.append(_unknown_key(loc, key, pos, self.display))
            limit, errors = self.diagnostics.limit, self.diagnostics.errors
            self.stopped = limit is not None and errors + len(self.found) >= limit
        return not self.stopped

    def report(self, read: bool) -> None:
        """Add what was found, if the file was ``read`` or reading stopped here."""
        if read or self.stopped:
            for diagnostic in self.found:
                self.diagnostics.append(diagnostic)


def _model_of_mapping(loc: tuple[Any, ...]) -> str | None:
    """The model validating the mapping at ``loc`` (pydantic's names), or None for one that is
    not a model's (the id mapping of ``sources:``, a mapping where a list or text belongs)."""
    depth = len(loc)
    if depth == 0:
        return "file"
    head = loc[0]
    if head in ("sources", "people", "cases", "kinds"):
        return model_at(loc) if depth == 2 else None
    if head == "holidays":
        return "holidays" if depth == 1 else None
    if head == "closures":  # a closure written as a mapping: {date: ..., cases: [...]}
        return "closure" if depth == 2 and isinstance(loc[1], int) else None
    if head == "events" and depth >= 2 and isinstance(loc[1], int):
        if depth == 2:
            return "event"
        return "due" if depth == 3 and loc[2] == "due" else None
    return None


def _unknown_key(loc: tuple[Any, ...], key: str, pos: Pos, display: str) -> Diagnostic:
    """T101 for ``key`` in the mapping at ``loc``, with the nearest known key as a hint."""
    meant = _meant_key(loc, key)
    hint = "" if meant is None else f"; did you mean '{meant}'?"
    message = f"unknown key '{key}'{_describe_mapping(loc)}{hint}"
    return Diagnostic(display, *pos, Severity.ERROR, "T101", message)


def _meant_key(loc: tuple[Any, ...], key: str) -> str | None:
    """The known key that ``key``, unknown in the mapping at ``loc``, was likely meant to be."""
    return closest(key, FIELDS_BY_MODEL[model_at(loc)])


def _meant_keys(errors: list[Any]) -> set[tuple[Any, ...]]:
    """Where each unknown key's suggestion would be (mapping loc + the key it names): a field
    missing there is the same mistake, misspelt, and is reported once, as the unknown key."""
    meant = set()
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden" and loc and isinstance(loc[-1], str):
            key = _meant_key(loc[:-1], loc[-1])
            if key is not None:
                meant.add(loc[:-1] + (key,))
    return meant


def _includes(tree: Mapping) -> list[tuple[str, Pos]]:
    """The includes to follow: one text or a list of them, each as the model takes it.

    An entry the model refuses (not text, or blank: see ``Text`` in model.py) is reported by
    the validation, and is never read as well.
    """
    value = tree.get("include")
    entries: list[tuple[Any, Pos]] = []
    if isinstance(value, str):
        entries = [(value, tree.value_pos["include"])]
    elif isinstance(value, Sequence):
        entries = list(zip(value, value.item_pos))
    return [(item, pos) for item, pos in entries if isinstance(item, str) and item.strip()]


def _validate(
    tree: Mapping, display: str, diagnostics: Diagnostics, fast: bool
) -> tuple[FileModel | None, list[int]]:
    """Validate a file; on errors, report them all, then validate what remains."""
    events = tree.get("events")
    try:
        if fast:
            from timeline.fastmodel import validate

            if _has_unknown_key(tree):  # refused before pydantic builds an error for each
                raise _FastPathRefused
            try:
                model = validate(tree)
            except ValidationError as exc:  # its messages are pydantic's: the exact path words them
                raise _FastPathRefused from exc
        else:
            model = FileModel.model_validate(tree)
        return model, list(range(len(model.events)))
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_context=False, include_input=False)
    misspelt = _meant_keys(errors)
    for error in errors:
        if diagnostics.full:
            break
        if error["type"] == "extra_forbidden":  # the reader reported those (_KeyCheck)
            continue
        if error["type"] == "missing" and tuple(error["loc"]) in misspelt:
            continue  # the unknown key that names it is the one mistake
        diagnostics.append(_diagnostic_for(error, tree, display))
    locs = [tuple(error["loc"]) for error in errors]
    pruned = _prune(tree, locs)
    dropped = {
        loc[1] for loc in locs
        if len(loc) >= 2 and loc[0] == "events" and not (len(loc) >= 3 and loc[2] in _DROPPABLE)
    }  # fmt: skip
    kept = [i for i in range(len(events))] if isinstance(events, list) else []
    kept = [i for i in kept if i not in dropped] if "events" in pruned else []
    try:
        return FileModel.model_validate(pruned), kept
    except ValidationError:  # pragma: no cover - pruning removes every reported error
        return None, []


_KEYS = {name: frozenset(fields) for name, fields in FIELDS_BY_MODEL.items()}
_SECTION_MODELS = {"sources": "source", "people": "person", "cases": "case", "kinds": "kind"}


def _has_unknown_key(tree: Mapping) -> bool:
    """Whether a mapping of the (fast) tree has a key its model does not take: set unions,
    in C, a small cost beside validating. Anything odd counts as one: the exact path decides."""
    try:
        if not _KEYS["file"].issuperset(tree):
            return True
        for section, model in _SECTION_MODELS.items():
            values = tree.get(section)
            if isinstance(values, dict):
                if not _KEYS[model].issuperset(set().union(*values.values())):
                    return True
        holidays = tree.get("holidays")
        if isinstance(holidays, dict) and not _KEYS["holidays"].issuperset(holidays):
            return True
        events = tree.get("events")
        if not isinstance(events, list):
            return False
        if not _KEYS["event"].issuperset(set().union(*events)):
            return True  # (an event that is text adds its characters: refused too)
        dues = [event["due"] for event in events if "due" in event]
        return not _KEYS["due"].issuperset(set().union(*(d for d in dues if isinstance(d, dict))))
    except TypeError:  # an item that is not a container (no value, true...)
        return True


# Event fields whose bad value can be left out while the rest of the event is still checked;
# any other bad field (date, kind, title, case, id, due...) leaves the whole event out.
_DROPPABLE = frozenset({"end", "circa", "details", "people", "sources", "tags", "certainty",
                        "set_by", "met_by", "replaces", "status"})  # fmt: skip


def _prune(tree: Mapping, locs: list[tuple[Any, ...]]) -> dict[str, Any]:
    """Leave out the invalid parts (fields, events, sources...) so the rest can be checked."""
    bad_sections: set[str] = set()
    bad_items: dict[str, set[Any]] = {}
    bad_fields: dict[int, set[str]] = {}
    for loc in locs:
        if len(loc) == 0:
            continue
        section = str(loc[0])
        if section == "events" and len(loc) >= 3 and loc[2] in _DROPPABLE:
            bad_fields.setdefault(loc[1], set()).add(loc[2])
        elif len(loc) >= 2 and section in ("events", "sources", "people", "cases", "kinds"):
            bad_items.setdefault(section, set()).add(loc[1])
        else:
            bad_sections.add(section)
    pruned: dict[str, Any] = {}
    for key, value in tree.items():
        if key in bad_sections or key not in FIELDS_BY_MODEL["file"]:
            continue
        drop = bad_items.get(key, set())
        if isinstance(value, list):
            value = [item for index, item in enumerate(value) if index not in drop]
            if key == "events" and bad_fields:
                value = [_without(item, bad_fields.get(index)) for index, item in
                         enumerate(tree[key]) if index not in drop]  # fmt: skip
        elif drop and isinstance(value, dict):
            value = {k: v for k, v in value.items() if k not in drop}
        pruned[key] = value
    return pruned


def _without(item: Any, fields: set[str] | None) -> Any:
    if not fields or not isinstance(item, dict):
        return item
    return {key: value for key, value in item.items() if key not in fields}


def _diagnostic_for(error: Any, tree: Mapping, display: str) -> Diagnostic:
    loc = tuple(error["loc"])
    kind = error["type"]
    key = _label(loc)
    if kind == "missing":
        pos = _position(tree, loc[:-1], at_key=False)
        field = loc[-1] if isinstance(loc[-1], str) else key  # a closure's date: not "closures"
        message = f"missing required field '{field}'{_describe_mapping(loc[:-1])}"
        return Diagnostic(display, *pos, Severity.ERROR, "T102", message)
    pos = _position(tree, loc, at_key=False)
    if kind.startswith("T"):
        message = error["msg"]
        message = f"'{key}' {message}" if error["type"] == "T102" else f"{key}: {message}"
        if key == "[key]":
            pos = _position(tree, loc[:-1], at_key=True)
            message = error["msg"]
        return Diagnostic(display, *pos, Severity.ERROR, kind, message)
    expected = {
        "model_type": "a mapping",
        "dict_type": "a mapping",
        "model_attributes_type": "a mapping",
        "list_type": "a list",
        "string_type": "text",
    }.get(kind)
    found = _found(tree, loc)
    message = (
        f"{key or 'the file'}: expected {expected}, found {found}"
        if expected
        else f"{key}: {error['msg']}"
    )
    return Diagnostic(display, *pos, Severity.ERROR, "T103", message)


def _label(loc: tuple[Any, ...]) -> str:
    """Name a location for a message: the field, or "an event" for an item of events."""
    if loc[:1] == ("closures",):
        return "closures"  # a closure's day, written alone or as date: in a mapping
    for part in reversed(loc):
        if isinstance(part, str):
            if part == "events" and isinstance(loc[-1], int):
                return f"event {loc[-1] + 1}"
            return part
    return ""


def _describe_mapping(loc: tuple[Any, ...]) -> str:
    name = model_at(loc)
    if name == "file":
        return " at the top of the file"
    return {"due": " in due:", "holidays": " in holidays:"}.get(name, f" in this {name}")


def _found(tree: Any, loc: tuple[Any, ...]) -> str:
    value = tree
    for part in loc:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return "something else"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "no value" if value is None else "text"


def _position(tree: Any, loc: tuple[Any, ...], at_key: bool) -> Pos:
    """Where the value (or its key) at a pydantic ``loc`` was written.

    A part of ``loc`` that the tree does not have (a missing field, a union branch) stops the
    walk: the deepest position found is the best one to show.
    """
    node = tree
    pos: Pos = getattr(tree, "pos", (1, 1))
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, Mapping) and isinstance(part, str) and part in node.key_pos:
            if last and at_key:
                return node.key_pos[part]
            pos = node.value_pos.get(part, node.key_pos[part])
            node = node.get(part)
        elif isinstance(node, Sequence) and isinstance(part, int) and 0 <= part < len(node):
            pos = node.item_pos[part]
            node = node[part]
        else:
            break
    return pos


# Top-level keys that describe the record as a whole: an included file may give what the
# including one leaves out, but never overrides it.
PUBLISHING_KEYS = ("title", "description", "license", "license_url")


def _merge(records: list[FileRecord], diagnostics: list[Diagnostic]) -> Timeline:
    timeline = Timeline(files=[record.path for record in records])
    holidays_from: str | None = None
    first_at: dict[tuple[str, str], tuple[str, int]] = {}  # (section, id) -> where it was defined
    for record in records:
        model, tree = record.model, record.tree
        if model is None:
            continue
        if model.version not in SUPPORTED_VERSIONS:
            pos = tree.value_pos.get("version", (1, 1))
            diagnostics.append(
                Diagnostic(record.path, *pos, Severity.ERROR, "T007",
                           f"version: unknown file format version '{model.version}' "
                           f"(this timeline reads version {', '.join(SUPPORTED_VERSIONS)})")
            )
        for section in ("sources", "people", "cases", "kinds"):
            merged: dict[str, Any] = getattr(timeline, section)
            keys: Mapping = tree.get(section)
            for key, value in getattr(model, section).items():
                pos = keys.key_pos.get(key, fastyaml.NOWHERE)  # not kept by the fast tree
                if key in merged:
                    if section == "kinds" and key in BUILTIN_KINDS:
                        origin = ": it is built in"
                    else:
                        path, line = first_at[section, key]
                        origin = f" (first at {path}:{line})"
                        if line == fastyaml.NOWHERE[0]:
                            pos = fastyaml.NOWHERE  # the fast tree lost it: read all exactly
                    diagnostics.append(
                        Diagnostic(record.path, *pos, Severity.ERROR, "T202",
                                   f"duplicate {model_at((section,))} id '{key}'{origin}")
                    )
                    continue
                merged[key] = value
                first_at[section, key] = (record.path, pos[0])
        for key in PUBLISHING_KEYS:
            if getattr(timeline, key) is None:
                setattr(timeline, key, getattr(model, key))
        timeline.closures.update(
            CourtClosure(c.date.first_day, frozenset(c.cases), frozenset(c.rules))
            for c in model.closures
        )
        if "holidays" in tree:
            presidential = model.holidays.presidential
            if holidays_from is not None and presidential != timeline.presidential_holidays:
                pos = tree.key_pos["holidays"]
                diagnostics.append(
                    Diagnostic(record.path, *pos, Severity.ERROR, "T206",
                               f"holidays: contradicts the setting in {holidays_from}")
                )
            holidays_from = record.path
            timeline.presidential_holidays = presidential
        items = tree.get("events")
        for event, index in zip(model.events, record.event_index):
            timeline.events.append(event)
            timeline.where.append(Where(record.path, *items.item_pos[index]))
    return timeline
