"""Recording a deadline's outcome in the file (``timeline mark``), written as ``add`` writes.

The outcome is one key of the deadline: ``status:`` (met, missed, vacated, moot) or ``met_by:``
(met by an event); none at all for open. The change is made in the text (timeline/write/yamlmark.py)
under the same lock, checks and atomic rename as ``add`` (timeline/edit.py); the would-be file
must load without a new error, and with every event as it was but this deadline, whose status
and met_by alone may differ.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from timeline.edit import (
    EditError, Rewrite, events_of, new_diagnostics, rewrite_file, target_record,
)  # fmt: skip
from timeline.diagnostics import Diagnostic
from timeline.load import FileRecord, LoadResult
from timeline.model import Event
from timeline.write.yamlmark import outcome_line, set_outcome

OUTCOMES = ("met", "missed", "vacated", "moot", "open")


class NotFound(Exception):
    """No event has this id; ``deadlines`` are the ids a suggestion may name."""

    def __init__(self, wanted: str, deadlines: list[str]) -> None:
        super().__init__(f"no event '{wanted}'")
        self.wanted = wanted
        self.deadlines = deadlines


class NotInNamedFile(Exception):
    """``--to`` names a file, and the deadline is in another: the user named the wrong one."""


class NotADeadline(Exception):
    """The id names an event of another kind: only a deadline has an outcome."""

    def __init__(self, event: Event, path: str, line: int) -> None:
        super().__init__(f"'{event.id}' is not a deadline")
        self.event = event
        self.path = path
        self.line = line


@dataclass
class Marked:
    """What a mark did (or, dry, would do)."""

    path: str = ""
    line: int = 0  # of the outcome line; of the deadline's first line for open
    changed: bool = True  # False: the file already said so, and nothing was written
    item: str = ""  # the deadline's lines as they now read, for --dry-run
    warnings: list[Diagnostic] = field(default_factory=list)
    after: LoadResult | None = None  # the files as loaded with the change


def outcome_fields(outcome: str, by: str | None, event: Event) -> tuple[str | None, str | None]:
    """The deadline's (status, met_by) once marked ``outcome`` (``by``: the event that met it).

    ``met`` alone keeps a ``met_by:`` already written: it says more than ``status: met``.
    """
    if outcome == "open":
        return None, None
    if outcome == "met":
        if by is not None:
            return None, by
        if event.met_by is not None:
            return ("met" if event.status == "met" else None), event.met_by
    return outcome, None


def mark_deadline(
    paths: list[Path], cwd: Path, today: date | None, deadline_id: str, outcome: str,
    by: str | None = None, to: str | None = None, dry_run: bool = False,
) -> Marked:  # fmt: skip
    """Set the outcome of deadline ``deadline_id`` in the file that holds it.

    Raises NotFound, NotADeadline, and what ``rewrite_file`` raises: FileErrors, Refused (the
    result would not validate), EditError (the deadline's lines cannot be edited safely),
    ChangedMeanwhile, OSError.
    """
    marked = Marked()

    def plan(baseline: LoadResult) -> Rewrite | None:
        record, number = _find(baseline, cwd, deadline_id, to)
        assert record.model is not None
        event = record.model.events[number]
        tree_index = record.event_index[number]
        marked.path = record.path
        if event.kind != "deadline":
            line = record.tree.get("events").item_pos[tree_index][0]
            raise NotADeadline(event, record.path, line)
        status, met_by = outcome_fields(outcome, by, event)
        if (event.status, event.met_by) == (status, met_by):
            marked.changed = False
            marked.line = outcome_line(record.text, record.tree, tree_index)
            marked.after = baseline
            return None
        line = ("met_by", met_by) if met_by is not None else None
        line = ("status", status) if status is not None else line
        expected = event.model_copy(update={"status": status, "met_by": met_by})

        def edit(text: str) -> str:
            new_text, marked.line, marked.item = set_outcome(text, record.tree, tree_index, line)
            return new_text

        def verify(after: LoadResult) -> None:
            marked.warnings = new_diagnostics(baseline, after)
            _only_this_changed(baseline, after, record, number, expected)
            marked.after = after

        return Rewrite(record, edit, verify)

    rewrite_file(paths, cwd, today, plan, to if to is not None else str(paths[0]), dry_run)
    return marked


def _find(baseline: LoadResult, cwd: Path, wanted: str, to: str | None) -> tuple[FileRecord, int]:
    """The file that holds event ``wanted`` (``to``: only that one), and its number there."""
    records = [target_record(baseline, cwd, to)] if to is not None else baseline.files
    for record in records:
        if record.model is None:
            continue
        for number, event in enumerate(record.model.events):
            if event.id == wanted:
                return record, number
    if to is not None and wanted in baseline.timeline.event_by_id():
        holder = next((r for r in baseline.files if r.model is not None
                       and any(e.id == wanted for e in r.model.events)), None)  # fmt: skip
        where = f" (it is in {holder.path})" if holder is not None else ""
        raise NotInNamedFile(f"--to: '{wanted}' is not in {to}{where}")
    deadlines = [e.id for e in baseline.timeline.events if e.kind == "deadline" and e.id]
    raise NotFound(wanted, deadlines)


def _only_this_changed(
    baseline: LoadResult, after: LoadResult, record: FileRecord, number: int, expected: Event
) -> None:
    """Refuse unless the file reads as before but for this deadline's status and met_by."""
    before_events = events_of(baseline, record.path)
    after_events = events_of(after, record.path)
    wanted = [*before_events[:number], expected, *before_events[number + 1 :]]
    after_record = next((r for r in after.files if r.path == record.path), None)
    same_rest = (
        after_record is not None and after_record.model is not None and record.model is not None
        and after_record.model.model_copy(update={"events": []})
        == record.model.model_copy(update={"events": []})
    )  # fmt: skip
    if after_events != wanted or not same_rest:
        raise EditError(
            f"marking the deadline would change more of {record.path} than its status; nothing "
            "was written (please report this file's layout)"
        )
