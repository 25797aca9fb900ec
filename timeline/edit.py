"""Changing the user's file without losing a comment, a blank line or an event.

``rewrite_file`` is the guarded write that ``add``, ``import`` and ``mark`` share. New events are
appended as text at the end of the ``events:`` list (timeline/yamlappend.py).
The would-be file is written beside the original, read back, validated and compared with the
original (every old event unchanged, the new ones there) before it replaces it, all under an
exclusive lock, so concurrent writers queue instead of racing; and only if the file is still
the one read, since a program that takes no lock (an editor, git) may have replaced it.
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

from timeline.diagnostics import Diagnostic, Severity
from timeline.load import FileRecord, LoadResult, load
from timeline.yamlappend import EditError as EditError
from timeline.yamlappend import append_items as append_items
from timeline.yamltext import Value

BOM = "\ufeff"


class Refused(Exception):
    """The would-be file does not validate: nothing was written."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("the new event does not validate")
        self.diagnostics = diagnostics


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
def locked(path: Path, name: str | None = None) -> Iterator[os.stat_result | None]:
    """Hold an exclusive lock on ``path`` for a read-modify-write; yield the locked file's stat.

    The lock is on the file itself (no lock file is left in the user's folder). A writer
    replaces the file by renaming, so after the lock is granted we check that ``path`` still
    names the locked file; if it was replaced meanwhile, we lock the new one. A program that
    takes no lock (an editor, git) can still replace it: the write checks before its rename.
    A file that cannot be opened raises Unreadable, naming it as ``name``.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX: rename is still atomic
        yield None
        return
    from timeline.files import Unreadable

    real = os.path.realpath(path)
    while True:
        try:
            descriptor = os.open(real, os.O_RDONLY)
        except OSError as exc:
            raise Unreadable(exc.errno, exc.strerror or str(exc), name or str(path)) from exc
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            try:
                current = os.stat(real)
            except FileNotFoundError:
                current = None
            if current is not None and os.path.samestat(current, os.fstat(descriptor)):
                yield current
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
    after: LoadResult | None = None  # every file as loaded with the change, once verified


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
    EditError when the file's layout cannot take new items, ChangedMeanwhile when another
    program changed the file after it was read, OSError when it cannot be read or written.
    """
    changes: list[Change] = []

    def plan(baseline: LoadResult) -> Rewrite | None:
        record = target_record(baseline, cwd, to)
        items, skipped = build(baseline, record)
        change = Change(record.path, items, skipped=skipped)
        changes.append(change)
        if not items:
            return None

        def edit(text: str) -> str:
            new_text, change.lines, change.text = append_items(text, items, record.tree)
            return new_text

        def verify(after: LoadResult) -> None:
            change.warnings = _verify(baseline, after, record.path, len(items))
            change.after = after

        return Rewrite(record, edit, verify)

    rewrite_file(paths, cwd, today, plan, to if to is not None else str(paths[0]), dry_run)
    return changes[-1]


@dataclass
class Rewrite:
    """One file's planned change: ``edit`` makes its new text (the byte-order mark left out),
    ``verify`` gets it as loaded with every file and raises to refuse it."""

    record: FileRecord
    edit: Callable[[str], str]
    verify: Callable[[LoadResult], None]


def rewrite_file(
    paths: list[Path],
    cwd: Path,
    today: date | None,
    plan: Callable[[LoadResult], Rewrite | None],
    lock: str,
    dry_run: bool = False,
) -> None:
    """Lock ``lock``, load every file, let ``plan`` say what changes, verify it, replace the file.

    The file changed may turn out to be another than the one locked (the deadline ``mark``
    looks for is in an included file): then that one is locked, and everything is read again.
    Raises FileErrors when the files are already invalid, ChangedMeanwhile when another program
    changed the file after it was read, OSError when it cannot be read or written; ``plan`` and
    ``verify`` raise what they refuse with.
    """
    for _attempt in range(2):
        lock_path = Path(os.path.realpath(cwd / lock))
        with locked(lock_path, os.path.normpath(lock)) as locked_file:
            baseline = load(paths, cwd, today)  # read only once no one else is writing
            if not baseline.ok:
                raise FileErrors(baseline)
            if baseline.truncated:  # a flood of warnings: _verify needs them all to tell the new
                baseline = load(paths, cwd, today, max_problems=None)
            rewrite = plan(baseline)
            if rewrite is None:
                return
            record = rewrite.record
            real = Path(os.path.realpath(cwd / record.path))
            if real != lock_path and locked_file is not None and _attempt == 0:
                lock = record.path
                continue
            _replace(paths, cwd, today, rewrite, real, lock_path, locked_file, dry_run)
            return


def _replace(
    paths: list[Path], cwd: Path, today: date | None, rewrite: Rewrite, real: Path,
    lock_path: Path, locked_file: os.stat_result | None, dry_run: bool,
) -> None:  # fmt: skip
    from timeline.files import (
        ChangedMeanwhile, read_for_rewrite, remove_leftovers, write_atomically,
    )  # fmt: skip

    record = rewrite.record
    raw, read = read_for_rewrite(real, record.path)
    text = raw.decode("utf-8-sig")
    same_as_locked = real != lock_path or locked_file is None or (
        (read.device, read.inode) == (locked_file.st_dev, locked_file.st_ino)
    )
    if text != record.text or not same_as_locked:
        raise ChangedMeanwhile(real, None)  # replaced while it was being read
    new_text = rewrite.edit(text)
    data = (BOM if raw.startswith(BOM.encode()) else "").encode() + new_text.encode("utf-8")

    def verify(written: bytes) -> None:
        rewrite.verify(load(paths, cwd, today, overrides={real: written}, max_problems=None))

    if dry_run:
        verify(data)
        return
    remove_leftovers(real)  # of writers killed before they could clean up
    # Check what is on disk, not what we meant to write.
    write_atomically(real, data, check=lambda temporary: verify(temporary.read_bytes()),
                     expect=read, name=record.path)  # fmt: skip


class FileErrors(Exception):
    """The file has errors before anything was changed: fix them first."""

    def __init__(self, result: LoadResult) -> None:
        super().__init__("the events file has errors")
        self.result = result


def _key(diagnostic: Diagnostic) -> tuple[str, str, str, str]:
    return (diagnostic.path, str(diagnostic.severity), diagnostic.code, diagnostic.message)


def new_diagnostics(baseline: LoadResult, after: LoadResult) -> list[Diagnostic]:
    """The diagnostics of ``after`` that ``baseline`` lacks; Refused if any is an error.

    Positions may have moved, so they are compared without them.
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
    return new


def _verify(baseline: LoadResult, after: LoadResult, path: str, count: int) -> list[Diagnostic]:
    """Refuse unless ``after`` is ``baseline`` plus ``count`` valid events in ``path``.

    Returns the warnings that are new.
    """
    new = new_diagnostics(baseline, after)
    before_events = events_of(baseline, path)
    after_events = events_of(after, path)
    if after_events[: len(before_events)] != before_events or (
        len(after_events) != len(before_events) + count
    ):
        raise EditError(
            f"appending to {path} would change the events already there; nothing was written "
            "(please report this file's layout)"
        )
    return new


def events_of(result: LoadResult, path: str) -> list[Any]:
    for record in result.files:
        if record.path == path and record.model is not None:
            return list(record.model.events)
    return []
